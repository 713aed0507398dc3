//! cover@τ (Dragoi et al.): the share of problems a model solves in at least a τ share of its
//! samples, for τ from 0 to 1. pass@k asks "solved at least once"; cover@τ asks "solved
//! reliably": RL that sharpens raises the curve at high τ and lowers it near τ = 0.

use super::palette::model_color;
use super::style::{empty_state, legend, themed_mesh, Corner, Style, Swatch};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One model's curve: its label, palette index and the values at τ = 0, 1/(len − 1), …, 1.
pub struct CoverLine<'a> {
    pub label: &'a str,
    pub color_index: usize,
    pub values: &'a [f64],
}

/// Draws the cover@τ curves.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[CoverLine],
    st: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if lines.iter().all(|l| l.values.len() < 2) {
        return empty_state(area, st, "Load result files to see cover@τ");
    }
    area.fill(&st.theme.background)?;
    let mut chart = ChartBuilder::on(area)
        .margin(st.px(16.0))
        .margin_right(st.px(28.0))
        .x_label_area_size(st.px(52.0))
        .y_label_area_size(st.px(68.0))
        .build_cartesian_2d(0.0..1.0, 0.0..1.02)?;
    themed_mesh(&mut chart, st, true)
        .x_labels(11)
        .x_label_formatter(&|x| format!("{x:.1}"))
        .y_label_formatter(&|y| format!("{y:.1}"))
        .x_desc("τ (share of a problem's samples that are correct)")
        .y_desc("cover@τ: share of problems with c/n ≥ τ")
        .draw()?;
    let stroke = st.stroke(2.5);
    let mut entries = Vec::new();
    for line in lines.iter().filter(|l| l.values.len() >= 2) {
        let color = model_color(line.color_index);
        let last = (line.values.len() - 1) as f64;
        let points = line
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| (i as f64 / last, v));
        chart.draw_series(LineSeries::new(points, color.stroke_width(stroke)))?;
        entries.push((line.label.to_owned(), Swatch::Line(color)));
    }
    legend(&chart, &entries, Corner::LowerLeft, st)?;
    Ok(())
}
