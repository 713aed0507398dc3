//! The explanatory charts: coverage at k (Euler, Venn or UpSet; click a region to list its
//! problems), coverage as k grows, and the per-problem view.

use super::canvas::{draw_on, pointer_px};
use crate::chart::coverage::{self, Regions};
use crate::chart::coverage_k;
use crate::chart::problems::{self, Pair};
use crate::core::coverage::Coverage;
use crate::core::views::{CoverageCurves, ProblemPoint};
use leptos::html::Canvas;
use leptos::prelude::*;

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
    draw_on(canvas, dark, move |area, style| {
        let drawn = coverage
            .with(|c| colors.with(|colors| coverage::draw(area, c.as_ref(), colors, style)));
        match drawn {
            Ok(r) => regions.set_value(r),
            Err(e) => leptos::logging::warn!("coverage chart: {e:?}"),
        }
    });
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
        </div>
        {list}
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
    draw_on(canvas, dark, move |area, style| {
        if let Err(e) =
            curves.with(|c| colors.with(|colors| coverage_k::draw(area, c, colors, style)))
        {
            leptos::logging::warn!("coverage-vs-k chart: {e:?}");
        }
    });
    view! {
        <div class="chart-box square">
            <canvas node_ref=canvas data-testid="chart-coverage-k" role="img" aria-label="problems solved as k grows, and solved by one model only"></canvas>
        </div>
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
    draw_on(canvas, dark, move |area, style| {
        let drawn = pair.with(|((b, bi), (m, mi))| {
            let pair = Pair {
                base: (b, *bi),
                model: (m, *mi),
            };
            points.with(|p| {
                if sorted.get() {
                    problems::draw_sorted(area, p, &pair, style)
                } else {
                    problems::draw(area, p, &pair, style)
                }
            })
        });
        if let Err(e) = drawn {
            leptos::logging::warn!("per-problem chart: {e:?}");
        }
    });
    view! {
        <label class="control toggle">
            <input type="checkbox" data-testid="problems-sorted" prop:checked=move || sorted.get() on:change=move |ev| sorted.set(event_target_checked(&ev)) />
            <span>"Sorted view (problems ordered by the base model's rate)"</span>
        </label>
        <div class="chart-box">
            <canvas node_ref=canvas data-testid="chart-problems" role="img" aria-label="per-problem share of correct samples, base model against the other model"></canvas>
        </div>
    }
}
