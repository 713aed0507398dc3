//! What every chart shares: the theme (light or dark), the pixel scale, fonts, and the empty
//! state that tells the reader what to do.

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Colours of everything that is not data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
}

/// Dark ink on white: print and most projectors.
pub const LIGHT: Theme = Theme {
    background: RGBColor(255, 255, 255),
    text: RGBColor(28, 31, 36),
    muted: RGBColor(91, 98, 112),
    grid: RGBColor(226, 229, 234),
    axis: RGBColor(120, 126, 138),
};

/// Light ink on near-black: dark rooms and dark slides.
pub const DARK: Theme = Theme {
    background: RGBColor(24, 26, 31),
    text: RGBColor(232, 234, 238),
    muted: RGBColor(165, 171, 182),
    grid: RGBColor(58, 62, 71),
    axis: RGBColor(130, 136, 148),
};

/// The scale (devicePixelRatio; 1 for SVG) and the theme of one drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub scale: f64,
    pub theme: Theme,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            scale: 1.0,
            theme: LIGHT,
        }
    }
}

impl Style {
    /// CSS pixels → backend pixels.
    pub fn px(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }

    /// A sans-serif font of `size` CSS pixels in the theme's text colour.
    pub fn font(&self, size: f64) -> TextStyle<'static> {
        ("sans-serif", size * self.scale)
            .into_font()
            .color(&self.theme.text)
    }

    /// A muted font, for notes and secondary labels.
    pub fn muted(&self, size: f64) -> TextStyle<'static> {
        ("sans-serif", size * self.scale)
            .into_font()
            .color(&self.theme.muted)
    }

    /// Line width in backend pixels.
    pub fn stroke(&self, v: f64) -> u32 {
        (v * self.scale).round().max(1.0) as u32
    }
}

/// Fills the area with the theme background and writes `message` in its middle.
pub fn empty_state<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    message: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&style.theme.background)?;
    let (w, h) = area.dim_in_pixel();
    let font = style.muted(18.0).pos(Pos::new(HPos::Center, VPos::Center));
    area.draw(&Text::new(
        message.to_owned(),
        ((w / 2) as i32, (h / 2) as i32),
        font,
    ))
}

/// What a legend entry shows beside its label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Swatch {
    Line(RGBColor),
    Dashed(RGBColor),
    Cross(RGBColor),
    Triangle(RGBColor),
    Dot(RGBColor),
}

/// Where in the plotting area a legend sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corner {
    UpperLeft,
    UpperMiddle,
    MiddleRight,
    LowerLeft,
    LowerRight,
}

/// Draws a legend box of `entries` in a corner of the chart's plotting area, in the theme's
/// colours. (Not plotters' series legend: in a browser that measures each label by laying out
/// the whole page; this one measures through the backend.)
pub fn legend<DB: DrawingBackend, X: Ranged, Y: Ranged>(
    chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    entries: &[(String, Swatch)],
    corner: Corner,
    st: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if entries.is_empty() {
        return Ok(());
    }
    let area = chart.plotting_area().strip_coord_spec();
    let font = st.font(15.0);
    let mut widest = 0;
    for (label, _) in entries {
        widest = widest.max(area.estimate_text_size(label, &font)?.0 as i32);
    }
    let (margin, row, swatch) = (st.px(12.0), st.px(22.0), st.px(22.0));
    let w = margin + swatch + st.px(10.0) + widest + margin;
    let h = margin + row * entries.len() as i32;
    let (aw, ah) = area.dim_in_pixel();
    let (aw, ah) = (aw as i32, ah as i32);
    let x0 = match corner {
        Corner::UpperLeft | Corner::LowerLeft => margin,
        Corner::UpperMiddle => (aw - w) / 2,
        Corner::MiddleRight | Corner::LowerRight => aw - w - margin,
    };
    let y0 = match corner {
        Corner::UpperLeft | Corner::UpperMiddle => margin,
        Corner::MiddleRight => (ah - h) / 2,
        Corner::LowerLeft | Corner::LowerRight => ah - h - margin,
    };
    let frame = [(x0, y0), (x0 + w, y0 + h)];
    area.draw(&Rectangle::new(
        frame,
        st.theme.background.mix(0.92).filled(),
    ))?;
    area.draw(&Rectangle::new(frame, st.theme.grid))?;
    let text = font.pos(Pos::new(HPos::Left, VPos::Center));
    let stroke = st.stroke(2.5);
    for (i, (label, kind)) in entries.iter().enumerate() {
        let y = y0 + margin / 2 + row * i as i32 + row / 2;
        let x = x0 + margin;
        let mid = (x + swatch / 2, y);
        match *kind {
            Swatch::Line(c) => area.draw(&PathElement::new(
                vec![(x, y), (x + swatch, y)],
                c.stroke_width(stroke),
            ))?,
            Swatch::Dashed(c) => {
                let half = swatch / 2 - st.px(2.0);
                area.draw(&PathElement::new(
                    vec![(x, y), (x + half, y)],
                    c.stroke_width(stroke),
                ))?;
                area.draw(&PathElement::new(
                    vec![(x + swatch - half, y), (x + swatch, y)],
                    c.stroke_width(stroke),
                ))?;
            }
            Swatch::Cross(c) => {
                area.draw(&Cross::new(mid, st.px(5.0), c.stroke_width(st.stroke(2.0))))?
            }
            Swatch::Triangle(c) => area.draw(&TriangleMarker::new(mid, st.px(5.0), c.filled()))?,
            Swatch::Dot(c) => area.draw(&Circle::new(mid, st.px(4.0), c.filled()))?,
        }
        area.draw(&Text::new(
            label.clone(),
            (x + swatch + st.px(10.0), y),
            text.clone(),
        ))?;
    }
    Ok(())
}

/// Starts a chart's mesh in the theme's fonts and colours: labelled grid lines, and between
/// them one light line when `light`. Callers add ticks, formatters and axis titles, then draw.
pub fn themed_mesh<'a, 'b, X, Y, XT, YT, DB>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    style: &Style,
    light: bool,
) -> MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
    DB: DrawingBackend,
{
    let mut mesh = chart.configure_mesh();
    mesh.label_style(style.font(15.0))
        .axis_desc_style(style.font(16.0))
        .max_light_lines(usize::from(light))
        .light_line_style(style.theme.grid.mix(0.5))
        .bold_line_style(style.theme.grid)
        .axis_style(style.theme.axis);
    mesh
}
