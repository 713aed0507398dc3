//! A training run against its step: pass@1 (solid) and pass@K (dashed) of each checkpoint with
//! their 95 % bands, and beside it Δ_SE against the run's first checkpoint. The paper's
//! picture of sharpening: pass@1 rises, pass@K falls, and the gap between them does not close.

use super::palette::model_color;
use super::style::{empty_state, legend, themed_mesh, Corner, Style, Swatch};
use passk_lens_core::explain::steps::RunSeries;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The x range of every run's steps, widened when there is one step.
fn step_range(runs: &[RunSeries]) -> (f64, f64) {
    let steps = runs
        .iter()
        .flat_map(|r| r.points.iter().map(|p| p.step as f64));
    let lo = steps.clone().fold(f64::INFINITY, f64::min);
    let hi = steps.fold(f64::NEG_INFINITY, f64::max);
    if hi > lo {
        (lo, hi)
    } else {
        (lo - 1.0, lo + 1.0)
    }
}

/// Draws the runs; `colors[r]` is run r's palette index, `marked` the step the page's slider
/// is on (a vertical line in both panels).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[RunSeries],
    colors: &[usize],
    marked: Option<u64>,
    st: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if runs.iter().all(|r| r.points.is_empty()) {
        return empty_state(
            area,
            st,
            "Load a training run (checkpoints named <run>@<step>) to see it step by step",
        );
    }
    area.fill(&st.theme.background)?;
    // Room above the captions for the page's export buttons.
    let area = area.margin(st.px(30.0), 0, 0, 0);
    let (w, _) = area.dim_in_pixel();
    let (left, right) = area.split_horizontally((w as f64 * 0.62) as u32);
    let (x_lo, x_hi) = step_range(runs);
    let stroke = st.stroke(2.5);
    let mut entries = Vec::new();
    let color_of = |r: usize| model_color(colors.get(r).copied().unwrap_or(r));
    let ks: Vec<usize> = runs.iter().map(|r| r.k).collect();
    let k_text = if ks.windows(2).all(|w| w[0] == w[1]) {
        format!("pass@{}", ks[0])
    } else {
        "pass@K".to_owned()
    };

    // Left: pass@1 and pass@K against step.
    let mut chart = ChartBuilder::on(&left)
        .margin(st.px(16.0))
        .margin_right(st.px(20.0))
        .x_label_area_size(st.px(52.0))
        .y_label_area_size(st.px(68.0))
        .caption(
            format!("pass@1 (solid) and {k_text} (dashed) over training"),
            st.font(17.0),
        )
        .build_cartesian_2d(x_lo..x_hi, 0.0..1.02)?;
    themed_mesh(&mut chart, st, true)
        .x_labels(8)
        .x_label_formatter(&|x| format!("{}", x.round()))
        .y_label_formatter(&|y| format!("{y:.1}"))
        .x_desc("training step")
        .y_desc("pass@k (95 % band)")
        .draw()?;
    let (dash, gap) = (st.px(8.0) as u32, st.px(5.0) as u32);
    for (r, run) in runs.iter().enumerate() {
        let color = color_of(r);
        type Pick = fn(&passk_lens_core::explain::steps::StepPoint) -> (f64, f64, f64);
        let at_1: Pick = |p| (p.pass_at_1, p.band_at_1.low, p.band_at_1.high);
        let at_k: Pick = |p| (p.pass_at_k, p.band_at_k.low, p.band_at_k.high);
        for pick in [at_1, at_k] {
            let upper = run.points.iter().map(|p| (p.step as f64, pick(p).2));
            let lower = run.points.iter().rev().map(|p| (p.step as f64, pick(p).1));
            chart.draw_series(std::iter::once(Polygon::new(
                upper.chain(lower).collect::<Vec<_>>(),
                color.mix(0.16).filled(),
            )))?;
        }
        let line_1 = run.points.iter().map(|p| (p.step as f64, p.pass_at_1));
        chart.draw_series(LineSeries::new(line_1, color.stroke_width(stroke)))?;
        let style = color.stroke_width(stroke);
        let line_k = run.points.iter().map(|p| (p.step as f64, p.pass_at_k));
        chart.draw_series(DashedLineSeries::new(line_k, dash, gap, style))?;
        entries.push((format!("{}: pass@1", run.run), Swatch::Line(color)));
        entries.push((
            format!("{}: pass@{}", run.run, run.k),
            Swatch::Dashed(color),
        ));
        let dots = run
            .points
            .iter()
            .flat_map(|p| [(p.step as f64, p.pass_at_1), (p.step as f64, p.pass_at_k)]);
        chart.draw_series(dots.map(|p| Circle::new(p, st.px(3.5), color.filled())))?;
    }
    let mark = |step: u64| {
        let x = step as f64;
        (x >= x_lo && x <= x_hi).then_some(x)
    };
    if let Some(x) = marked.and_then(mark) {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, 0.0), (x, 1.02)],
            st.theme.muted.stroke_width(st.stroke(1.5)),
        )))?;
    }
    legend(&chart, &entries, Corner::LowerLeft, st)?;

    // Right: Δ_SE against the first checkpoint.
    let deltas = runs
        .iter()
        .flat_map(|r| r.points.iter().map(|p| p.delta_se));
    let d_lo = deltas.clone().fold(0.0_f64, f64::min);
    let d_hi = deltas.fold(0.0_f64, f64::max);
    let pad = ((d_hi - d_lo) * 0.1).max(0.02);
    let mut chart = ChartBuilder::on(&right)
        .margin(st.px(16.0))
        .margin_right(st.px(24.0))
        .x_label_area_size(st.px(52.0))
        .y_label_area_size(st.px(68.0))
        .caption("Δ_SE against the first step", st.font(17.0))
        .build_cartesian_2d(x_lo..x_hi, (d_lo - pad)..(d_hi + pad))?;
    themed_mesh(&mut chart, st, true)
        .x_labels(5)
        .x_label_formatter(&|x| format!("{}", x.round()))
        .y_label_formatter(&|y| format!("{:.0}", 100.0 * y))
        .x_desc("training step")
        .y_desc(format!("{k_text}(first) − pass@1, points"))
        .draw()?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(x_lo, 0.0), (x_hi, 0.0)],
        st.theme.axis.stroke_width(st.stroke(1.0)),
    )))?;
    for (r, run) in runs.iter().enumerate() {
        let color = color_of(r);
        let line = run.points.iter().map(|p| (p.step as f64, p.delta_se));
        chart.draw_series(LineSeries::new(line, color.stroke_width(stroke)))?;
        let dots = run.points.iter().map(|p| (p.step as f64, p.delta_se));
        chart.draw_series(dots.map(|p| Circle::new(p, st.px(3.5), color.filled())))?;
    }
    if let Some(x) = marked.and_then(mark) {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, d_lo - pad), (x, d_hi + pad)],
            st.theme.muted.stroke_width(st.stroke(1.5)),
        )))?;
    }
    Ok(())
}
