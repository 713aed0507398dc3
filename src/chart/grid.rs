//! The paper's grid: one small pass@k panel per (benchmark, non-base model), rows =
//! benchmarks, columns = models, the base model's curve in every panel, shared axes (log₂ k up
//! to the largest K shown, pass@k from a common floor to 1), one legend, and each panel's
//! crossover marked.

use super::palette::model_color;
use super::passk::Line;
use super::style::{empty_state, Style};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Points drawn per curve and band edge: a panel is a few hundred pixels wide, and a curve
/// of 1024 k on a log axis crowds most of them into its last pixels.
const SAMPLES: usize = 96;

/// Indices of `len` values at about `count` log-spaced k (k = index + 1), always the first
/// and the last, each once, ascending.
///
/// ```
/// use passk_lens::chart::grid::log_spaced;
/// assert_eq!(log_spaced(4, 96), [0, 1, 2, 3]);
/// let at = log_spaced(1024, 96);
/// assert_eq!((at[0], *at.last().unwrap()), (0, 1023));
/// assert!(at.len() <= 97 && at.windows(2).all(|w| w[0] < w[1]));
/// ```
pub fn log_spaced(len: usize, count: usize) -> Vec<usize> {
    if len <= count {
        return (0..len).collect();
    }
    let top = (len as f64).log2();
    let mut out: Vec<usize> = (0..=count)
        .map(|j| (2f64.powf(top * j as f64 / count as f64).round() as usize).clamp(1, len) - 1)
        .collect();
    out.dedup();
    out
}

/// One panel: the base model's and the other model's curves, and where they cross.
pub struct Panel<'a> {
    pub benchmark: &'a str,
    pub model: &'a str,
    pub base: Line<'a>,
    pub other: Line<'a>,
    pub crossover: Option<usize>,
}

/// Draws the panels in a grid of `rows` benchmarks × `columns` models; `cell(r, c)` is the
/// panel at row r and column c, if that pair exists. `legend` names each palette index shown.
pub fn draw<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[&str],
    columns: &[&str],
    panels: &[Panel<'a>],
    legend: &[(String, usize)],
    st: &Style,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if panels.is_empty() {
        return empty_state(
            area,
            st,
            "Load a base model and RL-trained models (one or more benchmarks) to see the grid",
        );
    }
    area.fill(&st.theme.background)?;
    let (w, _) = area.dim_in_pixel();
    // The legend strip on top (room on its right for the page's export buttons), a column of
    // benchmark names on the left.
    let (head, body) = area.split_vertically(st.px(64.0));
    let left_w = if rows.len() > 1 { st.px(110.0) } else { 0 };
    let (names, cells) = body.split_horizontally(left_w);
    let font = st.font(14.0);
    let mut x = st.px(16.0);
    for (name, color) in legend {
        let color = model_color(*color);
        let y = st.px(20.0);
        head.draw(&PathElement::new(
            vec![(x, y), (x + st.px(22.0), y)],
            color.stroke_width(st.stroke(3.0)),
        ))?;
        let text = font.clone().pos(Pos::new(HPos::Left, VPos::Center));
        head.draw(&Text::new(name.clone(), (x + st.px(28.0), y), text))?;
        x += st.px(28.0 + 8.0 * name.chars().count() as f64 + 24.0);
        if x > w as i32 - st.px(200.0) {
            break;
        }
    }
    let note = st.muted(13.0).pos(Pos::new(HPos::Left, VPos::Center));
    head.draw(&Text::new(
        "pass@k (shaded: 95 % band) against k, log₂ scale; ┆ k* where the base model catches up",
        (st.px(16.0), st.px(46.0)),
        note,
    ))?;

    let k_max = panels
        .iter()
        .flat_map(|p| [p.base.values.len(), p.other.values.len()])
        .max()
        .unwrap_or(1)
        .max(2);
    let floor = panels
        .iter()
        .flat_map(|p| p.base.values.iter().chain(p.other.values).copied())
        .fold(1.0_f64, f64::min);
    let y_lo = (((floor - 0.02) * 10.0).floor() / 10.0).clamp(0.0, 0.9);
    let x_hi = (k_max as f64).log2();
    let grid = cells.split_evenly((rows.len(), columns.len()));
    let (name_rows, _) = (names.split_evenly((rows.len(), 1)), ());
    for (r, bench) in rows.iter().enumerate() {
        if left_w > 0 {
            let (_, h) = name_rows[r].dim_in_pixel();
            let text = st.font(14.0).pos(Pos::new(HPos::Left, VPos::Center));
            name_rows[r].draw(&Text::new(
                bench.to_string(),
                (st.px(8.0), h as i32 / 2),
                text,
            ))?;
        }
        for (c, model) in columns.iter().enumerate() {
            let cell = &grid[r * columns.len() + c];
            let Some(panel) = panels
                .iter()
                .find(|p| p.benchmark == *bench && p.model == *model)
            else {
                continue;
            };
            let bottom = r + 1 == rows.len();
            let first = c == 0;
            let title = if rows.len() > 1 {
                model.to_string()
            } else {
                format!("{model} ({bench})")
            };
            let mut chart = ChartBuilder::on(cell)
                .margin(st.px(6.0))
                .margin_right(st.px(12.0))
                .caption(title, st.font(14.0))
                .x_label_area_size(if bottom { st.px(34.0) } else { st.px(14.0) })
                .y_label_area_size(if first { st.px(44.0) } else { st.px(14.0) })
                .build_cartesian_2d(0.0..x_hi, y_lo..1.0)?;
            let x_fmt = |x: &f64| {
                if bottom {
                    format!("{}", 2f64.powf(*x).round())
                } else {
                    String::new()
                }
            };
            let y_fmt = |y: &f64| {
                if first {
                    format!("{y:.1}")
                } else {
                    String::new()
                }
            };
            chart
                .configure_mesh()
                .label_style(st.font(12.0))
                .max_light_lines(0)
                .bold_line_style(st.theme.grid)
                .axis_style(st.theme.axis)
                .x_labels(x_hi.floor() as usize + 1)
                .y_labels(5)
                .x_label_formatter(&x_fmt)
                .y_label_formatter(&y_fmt)
                .draw()?;
            for line in [&panel.base, &panel.other] {
                let color = model_color(line.color_index);
                let x_of = |i: usize| ((i + 1) as f64).log2();
                let at = log_spaced(line.values.len(), SAMPLES);
                if let Some(band) = line.band {
                    let upper = at.iter().map(|&i| (x_of(i), band[i].high.min(1.0)));
                    let lower = at.iter().rev().map(|&i| (x_of(i), band[i].low.max(y_lo)));
                    let band = upper.chain(lower).filter(|(_, y)| y.is_finite());
                    chart.draw_series(std::iter::once(Polygon::new(
                        band.collect::<Vec<_>>(),
                        color.mix(0.18).filled(),
                    )))?;
                }
                let points = at.iter().map(|&i| (x_of(i), line.values[i]));
                chart.draw_series(LineSeries::new(points, color.stroke_width(st.stroke(2.0))))?;
            }
            if let Some(k) = panel.crossover {
                let x = (k as f64).log2();
                chart.draw_series(DashedLineSeries::new(
                    [(x, y_lo), (x, 1.0)],
                    st.px(4.0) as u32,
                    st.px(4.0) as u32,
                    st.theme.muted.stroke_width(st.stroke(1.2)),
                ))?;
                let text = st.muted(12.0).pos(Pos::new(HPos::Left, VPos::Bottom));
                chart.draw_series(std::iter::once(Text::new(
                    format!(" k* = {k}"),
                    (x, y_lo + (1.0 - y_lo) * 0.04),
                    text,
                )))?;
            }
        }
    }
    Ok(())
}
