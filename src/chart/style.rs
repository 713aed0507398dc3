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

/// Draws the chart's series legend at `position`, in the theme's colours.
pub fn legend<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    style: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    chart
        .configure_series_labels()
        .position(position)
        .margin(style.px(12.0))
        // Room for the swatches, which are drawn at the chart's scale.
        .legend_area_size(style.px(32.0))
        .label_font(style.font(15.0))
        .background_style(style.theme.background.mix(0.92))
        .border_style(style.theme.grid)
        .draw()
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
