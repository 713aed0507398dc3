//! Δ_SE per (benchmark, model) as a dot plot sorted by value, each dot with its paired 95 %
//! interval: the paper's comparison of RL algorithms (PPO, GRPO, Reinforce++, …) by the
//! sampling-efficiency gap they leave to the base model.

use super::palette::model_color;
use super::style::{empty_state, themed_mesh, Style};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One row: its label, palette index, Δ_SE and the interval's ends (fractions).
pub struct Dot {
    pub label: String,
    pub color_index: usize,
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// Draws the rows, largest gap at the top.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    dots: &[Dot],
    st: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if dots.is_empty() {
        return empty_state(
            area,
            st,
            "Load a base model and RL-trained models to compare their Δ_SE",
        );
    }
    let mut order: Vec<&Dot> = dots.iter().collect();
    order.sort_by(|a, b| a.value.total_cmp(&b.value));
    area.fill(&st.theme.background)?;
    let ends = order.iter().flat_map(|d| [d.low, d.high, d.value, 0.0]);
    let lo = ends
        .clone()
        .filter(|v| v.is_finite())
        .fold(f64::INFINITY, f64::min);
    let hi = ends
        .filter(|v| v.is_finite())
        .fold(f64::NEG_INFINITY, f64::max);
    let pad = ((hi - lo) * 0.08).max(0.01);
    let rows = order.len();
    // Room for the longest label, in the chart's font.
    let longest = order
        .iter()
        .map(|d| d.label.chars().count())
        .max()
        .unwrap_or(0);
    let label_px = st.px((longest as f64 * 8.2 + 24.0).clamp(80.0, 420.0));
    let mut chart = ChartBuilder::on(area)
        .margin(st.px(16.0))
        .margin_right(st.px(28.0))
        .x_label_area_size(st.px(52.0))
        .y_label_area_size(label_px)
        .build_cartesian_2d((lo - pad)..(hi + pad), -0.5..(rows as f64 - 0.5))?;
    let labels: Vec<String> = order.iter().map(|d| d.label.clone()).collect();
    themed_mesh(&mut chart, st, false)
        .y_labels(rows)
        .y_label_formatter(&|y| {
            let i = y.round();
            if (y - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .x_label_formatter(&|x| format!("{:.0}", 100.0 * x))
        .x_desc("Δ_SE = pass@K(base) − pass@1(model), points, with paired 95 % interval")
        .draw()?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, -0.5), (0.0, rows as f64 - 0.5)],
        st.theme.axis.stroke_width(st.stroke(1.0)),
    )))?;
    let cap = 0.18;
    for (i, d) in order.iter().enumerate() {
        let y = i as f64;
        let color = model_color(d.color_index);
        let ink = color.stroke_width(st.stroke(2.5));
        if d.low.is_finite() && d.high.is_finite() {
            chart.draw_series([
                PathElement::new(vec![(d.low, y), (d.high, y)], ink),
                PathElement::new(vec![(d.low, y - cap), (d.low, y + cap)], ink),
                PathElement::new(vec![(d.high, y - cap), (d.high, y + cap)], ink),
            ])?;
        }
        chart.draw_series(std::iter::once(Circle::new(
            (d.value, y),
            st.px(6.0),
            color.filled(),
        )))?;
        let text = st.font(14.0).pos(Pos::new(HPos::Left, VPos::Bottom));
        chart.draw_series(std::iter::once(Text::new(
            format!(" {:.1}", 100.0 * d.value),
            (d.value, y + 0.12),
            text,
        )))?;
    }
    Ok(())
}
