//! The explanatory charts: coverage at k (Euler, Venn or UpSet; click a region to list its
//! problems), coverage as k grows, and the per-problem view.

use super::canvas::{draw_on, pointer_px, ExportButtons, Figure};
use crate::chart::coverage::{self, Regions};
use crate::chart::coverage_k;
use crate::chart::problems::{self, Pair};
use crate::chart::style::Style;
use leptos::html::Canvas;
use leptos::prelude::*;
use passk_lens_core::explain::views::{CoverageCurves, ProblemPoint};
use passk_lens_core::stats::coverage::Coverage;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// The coverage chart as drawn now.
#[derive(Clone, Copy)]
pub(super) struct CoverageFigure {
    pub coverage: Memo<Option<Coverage>>,
    pub colors: Memo<Vec<usize>>,
}

impl Figure for CoverageFigure {
    type Drawn = Option<Regions>;
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<Option<Regions>, String> {
        self.coverage.with(|c| {
            self.colors
                .with(|colors| coverage::draw(area, c.as_ref(), colors, style))
                .map_err(|e| format!("{e:?}"))
        })
    }
}

/// Coverage at the current k; a click on a region lists its problems below.
#[component]
pub fn CoverageChart(
    /// Coverage of the selected benchmark at k.
    coverage: Memo<Option<Coverage>>,
    /// Palette index of each of its models.
    colors: Memo<Vec<usize>>,
    dark: Signal<bool>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let regions = StoredValue::new(None::<Regions>);
    let picked = RwSignal::new(None::<usize>);
    let figure = CoverageFigure { coverage, colors };
    draw_on(canvas, dark, figure, move |r| regions.set_value(r));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let (x, y) = pointer_px(&ev);
        picked.set(regions.with_value(|r| r.as_ref().and_then(|r| r.region_at(x, y))));
    };
    let list = move || {
        let mask = picked.get()?;
        coverage.with(|c| {
            let region = c.as_ref()?.regions.get(mask)?;
            let ids: Vec<&str> = c.as_ref()?.problems(region).take(300).map(|(id, _)| id).collect();
            let title = if mask == 0 { "no model".to_owned() } else { region.name.replace('+', " + ") };
            Some(view! {
                <div class="region-list" data-testid="region-problems" data-region=region.name.clone()>
                    <strong>{format!("Solved by {title}: {} problem(s)", region.problems.len())}</strong>
                    <p class="ids">{ids.join(", ")}</p>
                </div>
            })
        })
    };
    view! {
        <div class="chart-box square">
            <canvas
                node_ref=canvas
                data-testid="chart-coverage"
                role="img"
                aria-label="problems solved by each set of models at the chosen k; click a region to list its problems"
                on:click=on_click
            ></canvas>
            <ExportButtons figure=figure name="coverage" dark=dark />
        </div>
        {list}
    }
}

/// The coverage-vs-k chart as drawn now.
#[derive(Clone, Copy)]
pub(super) struct CoverageKFigure {
    pub curves: Memo<CoverageCurves>,
    pub colors: Memo<Vec<usize>>,
}

impl Figure for CoverageKFigure {
    type Drawn = ();
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<(), String> {
        self.curves
            .with(|c| {
                self.colors
                    .with(|colors| coverage_k::draw(area, c, colors, style))
            })
            .map_err(|e| format!("{e:?}"))
    }
}

/// Expected problems solved, and solved by one model only, as k grows.
#[component]
pub fn CoverageKChart(
    curves: Memo<CoverageCurves>,
    colors: Memo<Vec<usize>>,
    dark: Signal<bool>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let figure = CoverageKFigure { curves, colors };
    draw_on(canvas, dark, figure, |()| ());
    view! {
        <div class="chart-box square">
            <canvas node_ref=canvas data-testid="chart-coverage-k" role="img" aria-label="problems solved as k grows, and solved by one model only"></canvas>
            <ExportButtons figure=figure name="coverage-vs-k" dark=dark />
        </div>
    }
}

/// The per-problem chart as drawn now.
#[derive(Clone, Copy)]
pub(super) struct ProblemsFigure {
    pub points: Memo<Vec<ProblemPoint>>,
    pub pair: Memo<((String, usize), (String, usize))>,
    pub sorted: RwSignal<bool>,
}

impl Figure for ProblemsFigure {
    type Drawn = ();
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<(), String> {
        self.pair
            .with(|((b, bi), (m, mi))| {
                let pair = Pair {
                    base: (b, *bi),
                    model: (m, *mi),
                };
                self.points.with(|p| {
                    if self.sorted.get() {
                        problems::draw_sorted(area, p, &pair, style)
                    } else {
                        problems::draw(area, p, &pair, style)
                    }
                })
            })
            .map_err(|e| format!("{e:?}"))
    }
}

/// Per-problem success rates of the base model against another model: a scatter with
/// marginals, or the problems sorted by the base model's rate.
#[component]
pub fn ProblemsChart(
    points: Memo<Vec<ProblemPoint>>,
    /// (base name, palette index), (model name, palette index).
    pair: Memo<((String, usize), (String, usize))>,
    dark: Signal<bool>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let sorted = RwSignal::new(false);
    let figure = ProblemsFigure {
        points,
        pair,
        sorted,
    };
    draw_on(canvas, dark, figure, |()| ());
    view! {
        <label class="control toggle">
            <input type="checkbox" data-testid="problems-sorted" prop:checked=move || sorted.get() on:change=move |ev| sorted.set(event_target_checked(&ev)) />
            <span>"Sorted view (problems ordered by the base model's rate)"</span>
        </label>
        <div class="chart-box">
            <canvas node_ref=canvas data-testid="chart-problems" role="img" aria-label="per-problem share of correct samples, base model against the other model"></canvas>
            <ExportButtons figure=figure name="problems" dark=dark />
        </div>
    }
}
