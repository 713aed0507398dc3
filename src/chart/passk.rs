//! The pass@k chart: one line per (benchmark, model) over a log₂ k axis, with its 95 % band
//! shaded behind it, a marker at every power of two and a legend.

use super::palette::model_color;
use crate::core::bootstrap::Interval;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One line of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Line<'a> {
    /// Legend text.
    pub label: String,
    /// `values[k − 1]` is the value at k.
    pub values: &'a [f64],
    /// The 95 % band at each k, drawn as a shaded area behind the line.
    pub band: Option<&'a [Interval]>,
    /// Index into the palette (the model's place in model order).
    pub color_index: usize,
}

/// How to draw: the pixel scale (devicePixelRatio, or 1 for SVG) and the y-axis title.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub scale: f64,
    pub y_label: &'static str,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            scale: 1.0,
            y_label: "pass@k",
        }
    }
}

/// The y range shown: from a round value just below the lowest point up to 1.
fn y_range(lines: &[Line]) -> (f64, f64) {
    let lowest = lines
        .iter()
        .flat_map(|l| l.values.iter().copied())
        .fold(1.0_f64, f64::min);
    let low = ((lowest - 0.02) * 10.0).floor() / 10.0;
    (low.clamp(0.0, 0.9), 1.0)
}

/// The label of a log₂ k tick: the integer k = 2^x.
fn k_label(x: &f64) -> String {
    format!("{}", 2f64.powf(*x).round())
}

/// Draws the pass@k curves into `area`. With no lines it draws an empty state that says
/// what to do.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[Line],
    opts: &Options,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let s = opts.scale;
    let px = |v: f64| (v * s).round() as i32;
    area.fill(&WHITE)?;
    let k_max = lines.iter().map(|l| l.values.len()).max().unwrap_or(0);
    if k_max == 0 {
        let (w, h) = area.dim_in_pixel();
        let style = ("sans-serif", 18.0 * s)
            .into_font()
            .color(&RGBColor(90, 90, 90));
        let msg = "Drop JSONL result files here to see pass@k curves";
        area.draw(&Text::new(msg, (px(24.0), (h / 2) as i32), style))?;
        let _ = w;
        return Ok(());
    }
    let x_max = (k_max as f64).log2().max(1.0);
    let (y_low, y_high) = y_range(lines);
    let mut chart = ChartBuilder::on(area)
        .margin(px(16.0))
        .x_label_area_size(px(48.0))
        .y_label_area_size(px(64.0))
        .build_cartesian_2d(0.0..x_max, y_low..y_high)?;
    let label_font = ("sans-serif", 15.0 * s).into_font();
    let title_font = ("sans-serif", 17.0 * s).into_font();
    chart
        .configure_mesh()
        .x_labels(x_max.floor() as usize + 1)
        .x_label_formatter(&k_label)
        .y_label_formatter(&|y| format!("{y:.2}"))
        .x_desc("k (samples per problem, log₂ scale)")
        .y_desc(opts.y_label)
        .label_style(label_font.clone())
        .axis_desc_style(title_font)
        .max_light_lines(1)
        .light_line_style(RGBColor(244, 244, 244))
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()?;

    let x_of = |i: usize| ((i + 1) as f64).log2();
    for line in lines {
        let Some(band) = line.band else { continue };
        let upper = band
            .iter()
            .enumerate()
            .map(|(i, b)| (x_of(i), b.high.min(y_high)));
        let lower = band
            .iter()
            .enumerate()
            .rev()
            .map(|(i, b)| (x_of(i), b.low.max(y_low)));
        let fill = model_color(line.color_index).mix(0.18).filled();
        chart.draw_series(std::iter::once(Polygon::new(
            upper.chain(lower).collect::<Vec<_>>(),
            fill,
        )))?;
    }
    let stroke = (2.5 * s).max(1.0) as u32;
    for line in lines {
        let color = model_color(line.color_index);
        let points = line
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| (((i + 1) as f64).log2(), v));
        chart
            .draw_series(LineSeries::new(points, color.stroke_width(stroke)))?
            .label(line.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + px(22.0), y)], color.stroke_width(stroke))
            });
        let markers = std::iter::successors(Some(1usize), |k| k.checked_mul(2))
            .take_while(|&k| k <= line.values.len())
            .map(|k| ((k as f64).log2(), line.values[k - 1]));
        chart.draw_series(markers.map(|p| Circle::new(p, px(3.5), color.filled())))?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .margin(px(12.0))
        .label_font(label_font)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(200, 200, 200))
        .draw()?;
    Ok(())
}
