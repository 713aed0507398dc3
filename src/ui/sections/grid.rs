//! Across benchmarks and algorithms: the paper's grid of pass@k panels (one per benchmark and
//! non-base model, the base model in each) and Δ_SE of every model as a sorted dot plot with
//! its paired interval.

use crate::chart::delta_se::{self, Dot};
use crate::chart::grid::{self, Panel};
use crate::chart::passk::Line;
use crate::chart::style::Style;
use crate::ui::canvas::{draw_on, Figure};
use crate::ui::chart_box::ChartBox;
use crate::ui::state::use_page;
use leptos::html::Canvas;
use leptos::prelude::*;
use passk_lens_core::stats::compare::Comparison;
use passk_lens_core::stats::ModelCurve;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// At most this many rows (benchmarks) and columns (models) of panels: more would be too
/// small to read; the note says what was left out.
pub const GRID_MAX: usize = 6;

/// The benchmarks (rows) and non-base models (columns) of the grid, in data order, each at
/// most `GRID_MAX`.
fn axes(comparisons: &[Comparison], curves: &[ModelCurve]) -> (Vec<String>, Vec<String>) {
    let mut rows: Vec<String> = Vec::new();
    for c in comparisons {
        if !rows.contains(&c.benchmark) {
            rows.push(c.benchmark.clone());
        }
    }
    // Columns in model order (the order of the curves).
    let mut columns: Vec<(usize, String)> = Vec::new();
    for c in comparisons {
        let index = curves
            .iter()
            .find(|m| m.model == c.model)
            .map_or(usize::MAX, |m| m.model_index);
        if !columns.iter().any(|(_, m)| *m == c.model) {
            columns.push((index, c.model.clone()));
        }
    }
    columns.sort();
    rows.truncate(GRID_MAX);
    columns.truncate(GRID_MAX);
    (rows, columns.into_iter().map(|(_, m)| m).collect())
}

/// The grid as drawn now.
#[derive(Clone, Copy)]
pub struct GridFigure {
    pub curves: Memo<Vec<ModelCurve>>,
    pub comparisons: Memo<Vec<Comparison>>,
}

impl Figure for GridFigure {
    type Drawn = ();
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<(), String> {
        self.curves.with(|curves| {
            self.comparisons.with(|comparisons| {
                let (rows, columns) = axes(comparisons, curves);
                let find =
                    |b: &str, m: &str| curves.iter().find(|c| c.benchmark == b && c.model == m);
                let mut legend: Vec<(String, usize)> = Vec::new();
                let panels: Vec<Panel> = comparisons
                    .iter()
                    .filter(|c| rows.contains(&c.benchmark) && columns.contains(&c.model))
                    .filter_map(|c| {
                        let (b, m) = (find(&c.benchmark, &c.base)?, find(&c.benchmark, &c.model)?);
                        for x in [b, m] {
                            if !legend.iter().any(|(n, _)| *n == x.model) {
                                legend.push((x.model.clone(), x.model_index));
                            }
                        }
                        Some(Panel {
                            benchmark: &c.benchmark,
                            model: &c.model,
                            base: Line::of(b),
                            other: Line::of(m),
                            crossover: c.crossover,
                        })
                    })
                    .collect();
                let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
                let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
                grid::draw(area, &rows, &columns, &panels, &legend, style)
                    .map_err(|e| format!("{e:?}"))
            })
        })
    }
}

/// The Δ_SE dot plot as drawn now.
#[derive(Clone, Copy)]
pub struct DeltaSeFigure {
    pub comparisons: Memo<Vec<Comparison>>,
    pub curves: Memo<Vec<ModelCurve>>,
}

impl Figure for DeltaSeFigure {
    type Drawn = ();
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<(), String> {
        self.comparisons.with(|all| {
            let several = all.iter().any(|c| c.benchmark != all[0].benchmark);
            let dots: Vec<Dot> = self.curves.with(|curves| {
                all.iter()
                    .map(|c| Dot {
                        label: if several {
                            format!("{} · {}", c.model, c.benchmark)
                        } else {
                            c.model.clone()
                        },
                        color_index: curves
                            .iter()
                            .find(|m| m.model == c.model)
                            .map_or(0, |m| m.model_index),
                        value: c.delta_se_paired.mean,
                        low: c.delta_se_paired.ci.low,
                        high: c.delta_se_paired.ci.high,
                    })
                    .collect()
            });
            delta_se::draw(area, &dots, style).map_err(|e| format!("{e:?}"))
        })
    }
}

/// The section.
#[component]
pub fn GridSection() -> impl IntoView {
    let page = use_page();
    let r = page.results;
    let grid = GridFigure {
        curves: r.curves,
        comparisons: r.comparisons,
    };
    let dots = DeltaSeFigure {
        comparisons: r.comparisons,
        curves: r.curves,
    };
    let (grid_canvas, dots_canvas) = (NodeRef::<Canvas>::new(), NodeRef::<Canvas>::new());
    draw_on(grid_canvas, page.dark.into(), grid, |()| ());
    draw_on(dots_canvas, page.dark.into(), dots, |()| ());
    let left_out = move || {
        r.comparisons.with(|all| {
            let curves = r.curves.get();
            let (rows, columns) = axes(all, &curves);
            let shown = all
                .iter()
                .filter(|c| rows.contains(&c.benchmark) && columns.contains(&c.model))
                .count();
            (shown < all.len()).then(|| {
                view! {
                    <p class="note">
                        {format!(
                            "The grid shows {shown} of {} pairs (at most {GRID_MAX} benchmarks × {GRID_MAX} models); the Δ_SE plot and the CSVs have them all.",
                            all.len()
                        )}
                    </p>
                }
            })
        })
    };
    view! {
        <section class="panel">
            <h2>"Every benchmark, every model"</h2>
            <ChartBox
                canvas=grid_canvas
                testid="chart-grid"
                label="pass@k panels, one per benchmark and RL-trained model, with the base model in each"
                figure=grid
                name="passk-grid"
            />
            {left_out}
            // One pair's Δ_SE is in the summary table; the plot compares several.
            <div class:hidden=move || r.comparisons.with(|c| c.len() < 2)>
                <h3>"Δ_SE by model: the gap each RL run leaves to the base model"</h3>
                <ChartBox
                    canvas=dots_canvas
                    testid="chart-delta-se"
                    label="Δ_SE of each model against the base model, sorted, with paired 95 % intervals"
                    figure=dots
                    name="delta-se"
                />
            </div>
            <p class="note">
                "Δ_SE = pass@K(base) − pass@1(model) over the problems both have, K = min(256, the largest k both have); intervals are paired 95 % bootstraps over problems. "
                "In Yue et al. (2025) it stays large for every RL algorithm (PPO, GRPO, Reinforce++, RLOO, ReMax, DAPO)."
            </p>
        </section>
    }
}
