//! The per-problem view: each problem's success rate c/n under the base model (x) and another
//! model (y), with marginal histograms. Points on the diagonal did not change; above it the
//! model sharpened them; problems the model lost (base > 0, model = 0) and gained are marked.

use super::palette::model_color;
use super::style::{empty_state, legend, themed_mesh, Corner, Style, Swatch};
use passk_lens_core::explain::views::ProblemPoint;
use plotters::coord::Shift;
use plotters::prelude::*;

/// What the view says when there is nothing to compare.
const EMPTY: &str = "Load a base model and another model of the same benchmark to compare problems";

/// Bins of the marginal histograms.
const BINS: usize = 20;

fn histogram(values: impl Iterator<Item = f64>) -> [u32; BINS] {
    let mut h = [0; BINS];
    for v in values {
        h[((v * BINS as f64) as usize).min(BINS - 1)] += 1;
    }
    h
}

/// Names and palette indices of the two models.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair<'a> {
    pub base: (&'a str, usize),
    pub model: (&'a str, usize),
}

/// Draws the scatter with marginal histograms.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[ProblemPoint],
    pair: &Pair,
    st: &Style,
) -> Result<Option<Plot>, DrawingAreaErrorKind<DB::ErrorType>> {
    if points.is_empty() {
        return empty_state(area, st, EMPTY).map(|()| None);
    }
    area.fill(&st.theme.background)?;
    let (w, h) = area.dim_in_pixel();
    let side = st.px(90.0).min((h / 4) as i32) as u32;
    // Layout: room for the top histogram above and the right one beside the scatter.
    let (_, rest) = area.split_vertically(side);
    let (scatter, _) = rest.split_horizontally(w - side);

    let base_color = model_color(pair.base.1);
    let model_color_ = model_color(pair.model.1);
    let mut chart = ChartBuilder::on(&scatter)
        .margin(st.px(10.0))
        .x_label_area_size(st.px(52.0))
        .y_label_area_size(st.px(64.0))
        .build_cartesian_2d(-0.02..1.02, -0.02..1.02)?;
    themed_mesh(&mut chart, st, false)
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|v: &f64| format!("{:.0} %", v * 100.0))
        .y_label_formatter(&|v: &f64| format!("{:.0} %", v * 100.0))
        .x_desc(format!("{}: share of samples correct", pair.base.0))
        .y_desc(format!("{}: share correct", pair.model.0))
        .draw()?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, 0.0), (1.0, 1.0)],
        st.theme.muted.stroke_width(st.stroke(1.0)),
    )))?;
    let radius = st.px(3.5);
    let lost = points.iter().filter(|p| p.lost()).count();
    let gained = points.iter().filter(|p| p.gained()).count();
    chart.draw_series(
        points
            .iter()
            .filter(|p| !p.lost() && !p.gained())
            .map(|p| Circle::new((p.base, p.model), radius, model_color_.mix(0.45).filled())),
    )?;
    chart.draw_series(points.iter().filter(|p| p.lost()).map(|p| {
        Cross::new(
            (p.base, p.model),
            radius + 2,
            base_color.stroke_width(st.stroke(2.0)),
        )
    }))?;
    chart.draw_series(
        points
            .iter()
            .filter(|p| p.gained())
            .map(|p| TriangleMarker::new((p.base, p.model), radius + 2, model_color_.filled())),
    )?;
    let entries = [
        (
            format!(
                "lost: {lost} problem(s) the base solves, {} never",
                pair.model.0
            ),
            Swatch::Cross(base_color),
        ),
        (
            format!("gained: {gained} problem(s) only {} solves", pair.model.0),
            Swatch::Triangle(model_color_),
        ),
    ];
    legend(&chart, &entries, Corner::LowerRight, st)?;

    // Marginals, aligned with the scatter's plotting area (absolute backend pixels).
    let (x_px, y_px) = chart.plotting_area().get_pixel_range();
    let hx = histogram(points.iter().map(|p| p.base));
    let hy = histogram(points.iter().map(|p| p.model));
    let peak = f64::from(*hx.iter().chain(&hy).max().unwrap_or(&1).max(&1));
    let reach = f64::from(side) * 0.8;
    let gap = st.px(6.0);
    let bin_w = f64::from(x_px.end - x_px.start) / BINS as f64;
    for (i, &count) in hx.iter().enumerate() {
        let x0 = x_px.start + (i as f64 * bin_w) as i32;
        let x1 = x_px.start + ((i + 1) as f64 * bin_w) as i32 - 1;
        let y1 = y_px.start - gap;
        let y0 = y1 - (f64::from(count) / peak * reach) as i32;
        area.draw(&Rectangle::new(
            [(x0, y0), (x1, y1)],
            base_color.mix(0.7).filled(),
        ))?;
    }
    let bin_h = f64::from(y_px.end - y_px.start) / BINS as f64;
    for (i, &count) in hy.iter().enumerate() {
        // Bin 0 (0 %) is at the bottom.
        let y1 = y_px.end - (i as f64 * bin_h) as i32;
        let y0 = y_px.end - ((i + 1) as f64 * bin_h) as i32 + 1;
        let x0 = x_px.end + gap;
        let x1 = x0 + (f64::from(count) / peak * reach) as i32;
        area.draw(&Rectangle::new(
            [(x0, y0), (x1, y1)],
            model_color_.mix(0.7).filled(),
        ))?;
    }
    Ok(Some(Plot { x_px, y_px }))
}

/// Where the scatter's plotting area lies (backend pixels), to find the problem under a click.
#[derive(Debug, Clone, PartialEq)]
pub struct Plot {
    pub x_px: std::ops::Range<i32>,
    pub y_px: std::ops::Range<i32>,
}

impl Plot {
    /// The problem whose dot is nearest backend pixel (x, y), if within `reach` pixels.
    pub fn nearest<'a>(
        &self,
        points: &'a [ProblemPoint],
        (x, y): (f64, f64),
        reach: f64,
    ) -> Option<&'a ProblemPoint> {
        let span = |r: &std::ops::Range<i32>| (f64::from(r.start), f64::from(r.end - r.start));
        let ((x0, w), (y0, h)) = (span(&self.x_px), span(&self.y_px));
        // The axes run from -0.02 to 1.02 (y upwards).
        let at = |p: &ProblemPoint| {
            let px = x0 + (p.base + 0.02) / 1.04 * w;
            let py = y0 + h - (p.model + 0.02) / 1.04 * h;
            (px - x).hypot(py - y)
        };
        points
            .iter()
            .map(|p| (at(p), p))
            .filter(|(d, _)| *d <= reach)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, p)| p)
    }
}

/// The sorted alternative to the scatter: problems ordered by the base model's success rate
/// (x = rank); each problem is a vertical segment from the base model's rate to the other
/// model's, coloured by which one is higher. Sharpening shows as long upward segments in the
/// middle and segments falling to zero on the left.
pub fn draw_sorted<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[ProblemPoint],
    pair: &Pair,
    st: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if points.is_empty() {
        return empty_state(area, st, EMPTY);
    }
    area.fill(&st.theme.background)?;
    let mut order: Vec<&ProblemPoint> = points.iter().collect();
    order.sort_by(|a, b| a.base.total_cmp(&b.base).then(a.model.total_cmp(&b.model)));
    let n = order.len() as f64;
    let mut chart = ChartBuilder::on(area)
        .margin(st.px(16.0))
        .x_label_area_size(st.px(52.0))
        .y_label_area_size(st.px(64.0))
        .build_cartesian_2d(-0.5..n - 0.5, -0.02..1.02)?;
    themed_mesh(&mut chart, st, false)
        .y_labels(6)
        .y_label_formatter(&|v: &f64| format!("{:.0} %", v * 100.0))
        .x_label_formatter(&|v: &f64| format!("{}", v.round() + 1.0))
        .x_desc(format!(
            "problems, sorted by {}'s share correct",
            pair.base.0
        ))
        .y_desc("share of samples correct")
        .draw()?;
    let (base_c, model_c) = (model_color(pair.base.1), model_color(pair.model.1));
    let width = st.stroke(1.5);
    chart.draw_series(order.iter().enumerate().map(|(i, p)| {
        let up = p.model >= p.base;
        let c = if up { model_c } else { base_c };
        PathElement::new(
            vec![(i as f64, p.base), (i as f64, p.model)],
            c.mix(0.55).stroke_width(width),
        )
    }))?;
    chart.draw_series(
        order
            .iter()
            .enumerate()
            .map(|(i, p)| Circle::new((i as f64, p.base), st.px(2.0), base_c.filled())),
    )?;
    chart.draw_series(
        order
            .iter()
            .enumerate()
            .map(|(i, p)| Circle::new((i as f64, p.model), st.px(2.0), model_c.filled())),
    )?;
    let entries = [
        (pair.base.0.to_owned(), Swatch::Dot(base_c)),
        (pair.model.0.to_owned(), Swatch::Dot(model_c)),
    ];
    legend(&chart, &entries, Corner::UpperLeft, st)?;
    Ok(())
}
