//! The pass@k chart: one line per model over a log₂ (or linear) k axis, its 95 % band shaded
//! behind it, a marker at every power of two, a legend, and — when a base model is compared —
//! the crossover k and the Δ_SE bracket drawn on it.

use super::palette::model_color;
use super::style::{empty_state, legend, themed_mesh, Corner, Style, Swatch};
use passk_lens_core::counts::Interval;
use passk_lens_core::stats::ModelCurve;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::ops::Range;

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
    /// The largest k the samples reach, when the line goes on beyond it (an estimate, such as
    /// the Bayesian pass@k): drawn dashed from there.
    pub sampled: Option<usize>,
}

impl<'a> Line<'a> {
    /// A model's pass@k with its band, unlabelled, in its colour.
    pub fn of(curve: &'a ModelCurve) -> Self {
        Line {
            label: String::new(),
            values: &curve.pass_at_k,
            band: Some(&curve.bands),
            color_index: curve.model_index,
            sampled: None,
        }
    }
}

/// The comparison drawn on the chart: where the base catches up, and the Δ_SE gap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Annotations {
    /// k* where pass@k(base) first reaches pass@k(model), and the value there.
    pub crossover: Option<(usize, f64)>,
    /// (K, pass@1 of the model, pass@K of the base).
    pub delta_se: Option<(usize, f64, f64)>,
}

/// What to draw besides the lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub style: Style,
    pub y_label: &'static str,
    /// Log₂ k axis (true) or linear.
    pub log_x: bool,
    pub annotations: Annotations,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            style: Style::default(),
            y_label: "pass@k",
            log_x: true,
            annotations: Annotations {
                crossover: None,
                delta_se: None,
            },
        }
    }
}

/// Where the plot landed, so a pointer position can be turned back into a k.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// Backend pixels spanned by the plotting area.
    pub x_px: Range<i32>,
    pub y_px: Range<i32>,
    pub k_max: usize,
    pub log_x: bool,
}

impl Geometry {
    /// The k under backend pixel column `x`, if it is inside the plot.
    pub fn k_at(&self, x: f64) -> Option<usize> {
        let (l, r) = (f64::from(self.x_px.start), f64::from(self.x_px.end));
        if x < l - 2.0 || x > r + 2.0 || self.k_max == 0 {
            return None;
        }
        let t = ((x - l) / (r - l)).clamp(0.0, 1.0);
        let k = if self.log_x {
            2f64.powf(t * (self.k_max as f64).log2())
        } else {
            1.0 + t * (self.k_max as f64 - 1.0)
        };
        Some((k.round() as usize).clamp(1, self.k_max))
    }

    /// The backend pixel column of k.
    pub fn x_of(&self, k: usize) -> f64 {
        let (l, r) = (f64::from(self.x_px.start), f64::from(self.x_px.end));
        l + (r - l) * x_fraction(k, self.k_max, self.log_x)
    }
}

/// Where k sits along the axis, from 0 (k = 1) to 1 (k = K).
fn x_fraction(k: usize, k_max: usize, log_x: bool) -> f64 {
    if k_max <= 1 {
        0.0
    } else if log_x {
        (k as f64).log2() / (k_max as f64).log2()
    } else {
        (k as f64 - 1.0) / (k_max as f64 - 1.0)
    }
}

/// The y range shown: from a round value just below the lowest point (or band) up to 1.
fn y_range(lines: &[Line]) -> (f64, f64) {
    let band_lows = lines
        .iter()
        .flat_map(|l| l.band.unwrap_or_default().iter().map(|b| b.low));
    let lowest = lines
        .iter()
        .flat_map(|l| l.values.iter().copied())
        .chain(band_lows)
        .fold(1.0_f64, f64::min);
    let low = ((lowest - 0.02) * 10.0).floor() / 10.0;
    (low.clamp(0.0, 0.9), 1.0)
}

/// Draws the pass@k curves into `area` and returns where the plot is. With no lines it draws
/// an empty state that says what to do.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[Line],
    opts: &Options,
) -> Result<Option<Geometry>, DrawingAreaErrorKind<DB::ErrorType>> {
    let st = &opts.style;
    let k_max = lines.iter().map(|l| l.values.len()).max().unwrap_or(0);
    if k_max == 0 {
        empty_state(
            area,
            st,
            "Drop JSONL result files here to see pass@k curves",
        )?;
        return Ok(None);
    }
    area.fill(&st.theme.background)?;
    let log_x = opts.log_x;
    // x is the position along the axis: log₂ k, or k.
    let x_of = move |k: usize| if log_x { (k as f64).log2() } else { k as f64 };
    let (x_lo, x_hi) = (x_of(1), x_of(k_max).max(x_of(1) + 1.0));
    let (y_low, y_high) = y_range(lines);
    let mut chart = ChartBuilder::on(area)
        .margin(st.px(16.0))
        .margin_right(st.px(28.0))
        .x_label_area_size(st.px(52.0))
        .y_label_area_size(st.px(68.0))
        .build_cartesian_2d(x_lo..x_hi, y_low..y_high)?;
    let tick_label = move |x: &f64| {
        if log_x {
            format!("{}", 2f64.powf(*x).round())
        } else {
            format!("{}", x.round())
        }
    };
    let x_desc = if log_x {
        "k (samples per problem, log₂ scale)"
    } else {
        "k (samples per problem)"
    };
    themed_mesh(&mut chart, st, true)
        .x_labels(if log_x { x_hi.floor() as usize + 1 } else { 9 })
        .x_label_formatter(&tick_label)
        .y_label_formatter(&|y| format!("{y:.2}"))
        .x_desc(x_desc)
        .y_desc(opts.y_label)
        .draw()?;

    for line in lines {
        let Some(band) = line.band else { continue };
        let upper = band
            .iter()
            .enumerate()
            .map(|(i, b)| (x_of(i + 1), b.high.min(y_high)));
        let lower = band
            .iter()
            .enumerate()
            .rev()
            .map(|(i, b)| (x_of(i + 1), b.low.max(y_low)));
        let fill = model_color(line.color_index).mix(0.18).filled();
        chart.draw_series(std::iter::once(Polygon::new(
            upper.chain(lower).collect::<Vec<_>>(),
            fill,
        )))?;
    }
    let stroke = st.stroke(2.5);
    let mut entries = Vec::new();
    for line in lines {
        let color = model_color(line.color_index);
        // Solid up to the samples' reach, dashed beyond it.
        let reach = line
            .sampled
            .unwrap_or(line.values.len())
            .clamp(1, line.values.len());
        let point = |i: usize| (x_of(i + 1), line.values[i]);
        if reach < line.values.len() {
            chart.draw_series(DashedLineSeries::new(
                (reach - 1..line.values.len()).map(point),
                st.px(7.0) as u32,
                st.px(5.0) as u32,
                color.stroke_width(stroke),
            ))?;
        }
        chart.draw_series(LineSeries::new(
            (0..reach).map(point),
            color.stroke_width(stroke),
        ))?;
        entries.push((line.label.clone(), Swatch::Line(color)));
        let markers = std::iter::successors(Some(1usize), |k| k.checked_mul(2))
            .take_while(|&k| k <= line.values.len())
            .map(|k| (x_of(k), line.values[k - 1]));
        chart.draw_series(markers.map(|p| Circle::new(p, st.px(3.5), color.filled())))?;
    }

    let note = st.font(15.0);
    if let Some((k, v)) = opts.annotations.crossover {
        let x = x_of(k);
        let dash = st.theme.muted.stroke_width(st.stroke(1.5));
        chart.draw_series(DashedLineSeries::new(
            [(x, y_low), (x, y_high)],
            st.px(6.0) as u32,
            st.px(5.0) as u32,
            dash,
        ))?;
        chart.draw_series(std::iter::once(Circle::new(
            (x, v),
            st.px(6.0),
            st.theme.text.stroke_width(st.stroke(2.0)),
        )))?;
        let label = note.clone().pos(Pos::new(HPos::Left, VPos::Top));
        chart.draw_series(std::iter::once(Text::new(
            format!(" k* = {k}: base catches up"),
            (x, y_high),
            label,
        )))?;
    }
    if let Some((k, rl_at_1, base_at_k)) = opts.annotations.delta_se {
        let x = x_of(k);
        let ink = st.theme.text.stroke_width(st.stroke(2.0));
        let dots = st.theme.muted.stroke_width(st.stroke(1.2));
        chart.draw_series(DashedLineSeries::new(
            [(x_lo, rl_at_1), (x, rl_at_1)],
            st.px(3.0) as u32,
            st.px(4.0) as u32,
            dots,
        ))?;
        let tick = (x_hi - x_lo) * 0.012;
        let bracket = vec![
            (x - tick, rl_at_1),
            (x, rl_at_1),
            (x, base_at_k),
            (x - tick, base_at_k),
        ];
        chart.draw_series(std::iter::once(PathElement::new(bracket, ink)))?;
        let label = note.pos(Pos::new(HPos::Right, VPos::Center));
        let text = format!("Δ_SE = {:.1} pts ", 100.0 * (base_at_k - rl_at_1));
        chart.draw_series(std::iter::once(Text::new(
            text,
            (x - 2.0 * tick, (rl_at_1 + base_at_k) / 2.0),
            label,
        )))?;
    }

    legend(&chart, &entries, Corner::LowerRight, st)?;
    let (x_px, y_px) = chart.plotting_area().get_pixel_range();
    Ok(Some(Geometry {
        x_px,
        y_px,
        k_max,
        log_x,
    }))
}
