//! The accuracy histogram: how many problems each model solves in a given share of its
//! samples, bars side by side per bin. Sharpening moves mass to both ends: more problems
//! always solved, more never solved, fewer in between.

use super::palette::model_color;
use super::style::{empty_state, legend, themed_mesh, Corner, Style, Swatch};
use passk_lens_core::explain::views::{Accuracy, ACCURACY_BINS, ACCURACY_LABELS};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::ops::Range;

/// Where the bins landed, to turn a pointer position back into a bin.
#[derive(Debug, Clone, PartialEq)]
pub struct Bins {
    /// Backend pixels spanned by the plotting area.
    pub x_px: Range<i32>,
}

impl Bins {
    /// The bin under backend pixel column `x`, if inside the plot.
    pub fn bin_at(&self, x: f64) -> Option<usize> {
        let (l, r) = (f64::from(self.x_px.start), f64::from(self.x_px.end));
        if x < l || x > r || r <= l {
            return None;
        }
        let bin = ((x - l) / (r - l) * ACCURACY_BINS as f64).floor() as usize;
        Some(bin.min(ACCURACY_BINS - 1))
    }
}

/// Draws one bar per (bin, model); `marked` outlines a bin (the one whose problems are listed).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Accuracy],
    marked: Option<usize>,
    st: &Style,
) -> Result<Option<Bins>, DrawingAreaErrorKind<DB::ErrorType>> {
    if series.is_empty() {
        empty_state(
            area,
            st,
            "Load result files to see how often each problem is solved",
        )?;
        return Ok(None);
    }
    area.fill(&st.theme.background)?;
    let tallest = series
        .iter()
        .flat_map(|s| s.bins.iter().map(Vec::len))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut chart = ChartBuilder::on(area)
        .margin(st.px(16.0))
        .margin_right(st.px(28.0))
        .x_label_area_size(st.px(52.0))
        .y_label_area_size(st.px(68.0))
        .build_cartesian_2d(0.0..ACCURACY_BINS as f64, 0.0..tallest * 1.08)?;
    themed_mesh(&mut chart, st, false)
        .disable_x_mesh()
        .x_labels(ACCURACY_BINS * 2 + 1)
        .x_label_formatter(&|x| {
            // A label at each bin's middle.
            let i = x.floor() as usize;
            if (x - x.floor() - 0.5).abs() < 1e-6 && i < ACCURACY_BINS {
                ACCURACY_LABELS[i].to_owned()
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|y| format!("{y:.0}"))
        .x_desc("share of the problem's samples that are correct (c/n)")
        .y_desc("problems")
        .draw()?;
    if let Some(b) = marked.filter(|&b| b < ACCURACY_BINS) {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(b as f64, 0.0), (b as f64 + 1.0, tallest * 1.08)],
            st.theme.grid.mix(0.6).filled(),
        )))?;
    }
    let m = series.len() as f64;
    let width = 0.84 / m;
    let mut entries = Vec::new();
    for (j, s) in series.iter().enumerate() {
        let color = model_color(s.model_index);
        chart.draw_series(
            s.bins
                .iter()
                .enumerate()
                .filter(|(_, ids)| !ids.is_empty())
                .map(|(b, ids)| {
                    let x0 = b as f64 + 0.08 + width * j as f64;
                    Rectangle::new([(x0, 0.0), (x0 + width, ids.len() as f64)], color.filled())
                }),
        )?;
        entries.push((s.model.clone(), Swatch::Line(color)));
    }
    legend(&chart, &entries, Corner::UpperMiddle, st)?;
    let (x_px, _) = chart.plotting_area().get_pixel_range();
    Ok(Some(Bins { x_px }))
}
