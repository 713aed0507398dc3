//! The RLVR summary: per non-base model, who leads at k = 1, where the base catches up, Δ_SE,
//! and paired bootstrap intervals of the gap.

use crate::chart::cover::{self, CoverLine};
use crate::chart::style::Style;
use crate::ui::canvas::{draw_on, Figure};
use crate::ui::chart_box::ChartBox;
use crate::ui::state::use_page;
use leptos::html::Canvas;
use leptos::prelude::*;
use passk_lens_core::explain::snapshot::MetricCurve;
use passk_lens_core::stats::compare::Comparison;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// Points (percent) with one decimal and a sign.
fn points(x: f64) -> String {
    format!("{:+.1}", 100.0 * x)
}

/// One sentence that says what the numbers mean.
fn story(c: &Comparison) -> String {
    let lead = -c.diff_at_1.mean;
    match c.crossover {
        Some(k) => format!(
            "{} leads at k = 1 by {:.1} points; the base model catches up at k = {k} and is {} points at k = {}.",
            c.model,
            100.0 * lead,
            points(c.diff_at_k.mean),
            c.k_se
        ),
        None if lead > 0.0 => format!(
            "{} leads at k = 1 by {:.1} points and stays ahead up to k = {}.",
            c.model,
            100.0 * lead,
            c.k_se
        ),
        None => format!("The base model is ahead of {} already at k = 1.", c.model),
    }
}

/// A difference with its 95 % interval, in points.
fn with_ci(d: &passk_lens_core::stats::compare::PairedDiff) -> String {
    format!(
        "{} [{}, {}]",
        points(d.mean),
        points(d.ci.low),
        points(d.ci.high)
    )
}

/// The cover@τ chart as drawn now.
#[derive(Clone, Copy)]
pub struct CoverFigure {
    pub curves: Memo<Vec<MetricCurve>>,
}

impl Figure for CoverFigure {
    type Drawn = ();
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<(), String> {
        self.curves.with(|c| {
            let lines: Vec<CoverLine> = c
                .iter()
                .map(|m| CoverLine {
                    label: &m.model,
                    color_index: m.model_index,
                    values: &m.values,
                })
                .collect();
            cover::draw(area, &lines, style).map_err(|e| format!("{e:?}"))
        })
    }
}

/// The section: one row per (benchmark, non-base model), and what the numbers say.
#[component]
pub fn SummarySection() -> impl IntoView {
    let comparisons = use_page().results.comparisons;
    let body = move || {
        comparisons.with(|all| {
            if all.is_empty() {
                return view! { <p class="empty">"Load at least two models of one benchmark to compare them with the base model."</p> }.into_any();
            }
            let several = all.iter().any(|c| c.benchmark != all[0].benchmark);
            view! {
                <div class="table-scroll">
                    <table class="summary-table">
                        <thead>
                            <tr>
                                {several.then(|| view! { <th>"benchmark"</th> })}
                                <th>"model"</th>
                                <th class="num" title="pass@K(base) − pass@1(model), K = min(256, largest common k)">"Δ_SE"</th>
                                <th class="num" title="smallest k with pass@k(base) ≥ pass@k(model)">"crossover k"</th>
                                <th class="num">"base − model at k = 1 [95 % CI]"</th>
                                <th class="num">"base − model at k = K [95 % CI]"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {all
                                .iter()
                                .map(|c| {
                                    let crossover = c.crossover.map(|k| k.to_string()).unwrap_or_default();
                                    view! {
                                        <tr>
                                            {several.then(|| view! { <td>{c.benchmark.clone()}</td> })}
                                            <td>{c.model.clone()}</td>
                                            <td
                                                class="num"
                                                data-testid="delta-se"
                                                data-benchmark=c.benchmark.clone()
                                                data-model=c.model.clone()
                                                data-value=c.delta_se.to_string()
                                                data-k=c.k_se
                                            >
                                                {format!("{} (K = {})", points(c.delta_se), c.k_se)}
                                            </td>
                                            <td
                                                class="num"
                                                data-testid="crossover-k"
                                                data-benchmark=c.benchmark.clone()
                                                data-model=c.model.clone()
                                                data-value=crossover.clone()
                                            >
                                                {if crossover.is_empty() { "none".to_owned() } else { crossover.clone() }}
                                            </td>
                                            <td class="num">{with_ci(&c.diff_at_1)}</td>
                                            <td class="num">{format!("{} at k = {}", with_ci(&c.diff_at_k), c.k_se)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <ul class="stories">
                    {all.iter().map(|c| view! { <li>{story(c)}</li> }).collect_view()}
                </ul>
                <p class="note">
                    "Differences in percentage points over the problems both models have; intervals are paired 95 % bootstraps (1000 resamples of problems). "
                    "Δ_SE is the sampling-efficiency gap of Yue et al. (2025): how far the RL model's single try is from what the base model reaches with K tries."
                </p>
            }
            .into_any()
        })
    };
    let canvas = NodeRef::<Canvas>::new();
    let page = use_page();
    let figure = CoverFigure {
        curves: page.results.cover,
    };
    draw_on(canvas, page.dark.into(), figure, |()| ());
    view! {
        <section class="panel">
            <h2>"Did RL widen what the model can solve?"</h2>
            {body}
            <h3>"Solved reliably: cover@τ"</h3>
            <ChartBox
                canvas=canvas
                testid="chart-cover"
                label="cover@τ: the share of problems each model solves in at least a τ share of its samples"
                figure=figure
                name="cover-at-tau"
            />
            <p class="note">
                "cover@τ (Dragoi et al.) is the share of problems whose success rate c/n reaches τ. pass@k asks whether a problem is solved at all; "
                "cover@τ whether it is solved reliably. Sharpening lifts the curve at high τ and lowers it near τ = 0: the problems RL stops solving."
            </p>
        </section>
    }
}
