//! Coverage as k grows: expected problems each model solves (solid) and the problems only it
//! solves (dashed). The picture of sharpening: the RL model's exclusive coverage stays near
//! zero while the base model's grows.

use super::palette::model_color;
use super::style::{empty_state, legend, themed_mesh, Corner, Style, Swatch};
use passk_lens_core::explain::views::CoverageCurves;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws coverage curves over a log₂ k axis; `colors[m]` is model m's palette index.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    cc: &CoverageCurves,
    colors: &[usize],
    st: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let k_max = cc.solved.first().map_or(0, Vec::len);
    if k_max == 0 || cc.n_common == 0 {
        return empty_state(
            area,
            st,
            "Load two or more models of one benchmark to see coverage grow with k",
        );
    }
    area.fill(&st.theme.background)?;
    let x_hi = (k_max as f64).log2().max(1.0);
    let y_hi = cc.n_common as f64;
    let mut chart = ChartBuilder::on(area)
        .margin(st.px(16.0))
        .margin_right(st.px(28.0))
        .x_label_area_size(st.px(52.0))
        .y_label_area_size(st.px(68.0))
        .build_cartesian_2d(0.0..x_hi, 0.0..y_hi * 1.02)?;
    themed_mesh(&mut chart, st, true)
        .x_labels(x_hi.floor() as usize + 1)
        .x_label_formatter(&|x| format!("{}", 2f64.powf(*x).round()))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .x_desc("k (samples per problem, log₂ scale)")
        .y_desc(format!("problems solved (of {})", cc.n_common))
        .draw()?;
    let x_of = |i: usize| ((i + 1) as f64).log2();
    let stroke = st.stroke(2.5);
    let mut entries = Vec::new();
    for (m, name) in cc.models.iter().enumerate() {
        let color = model_color(colors.get(m).copied().unwrap_or(m));
        let solved = cc.solved[m].iter().enumerate().map(|(i, &v)| (x_of(i), v));
        chart.draw_series(LineSeries::new(solved, color.stroke_width(stroke)))?;
        entries.push((format!("{name}: solved"), Swatch::Line(color)));
        let only = cc.only[m].iter().enumerate().map(|(i, &v)| (x_of(i), v));
        let (dash, gap) = (st.px(8.0) as u32, st.px(5.0) as u32);
        let style = color.stroke_width(stroke);
        chart.draw_series(DashedLineSeries::new(only, dash, gap, style))?;
        entries.push((format!("only {name}"), Swatch::Dashed(color)));
    }
    legend(&chart, &entries, Corner::MiddleRight, st)?;
    Ok(())
}
