//! Which problems are solved at the chosen k: who solves what (Euler, Venn or UpSet; click a
//! region to list its problems), coverage as k grows, and the table of regions with the
//! coverage and problems exports.

use crate::chart::coverage::{self, Regions};
use crate::chart::coverage_k;
use crate::chart::style::Style;
use crate::io::download::offer_csv;
use crate::ui::canvas::{draw_on, pointer_px, Figure};
use crate::ui::chart_box::ChartBox;
use crate::ui::sections::drawer::id_buttons;
use crate::ui::state::use_page;
use leptos::html::Canvas;
use leptos::prelude::*;
use passk_lens_core::explain::views::CoverageCurves;
use passk_lens_core::export::csv::coverage_csv;
use passk_lens_core::stats::coverage::Coverage;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// Problems listed per region on the page (the CSV has them all).
const LISTED: usize = 200;

/// A problem id with its probability, unless it is certain.
fn problem_label(id: &str, p: f64, exact: bool) -> String {
    if exact || p >= 1.0 {
        id.to_owned()
    } else if p < 0.005 {
        format!("{id} (<1 %)")
    } else {
        format!("{id} ({:.0} %)", 100.0 * p)
    }
}

/// The regions of one benchmark at one k.
#[component]
fn CoverageTable() -> impl IntoView {
    let coverage = use_page().results.coverage;
    // The one region whose problems are listed; lists are built only when asked for, so a new
    // k does not rebuild thousands of ids.
    let open = RwSignal::new(None::<usize>);
    let list = move |mask: usize| {
        coverage.with(|cov| {
            let cov = cov.as_ref()?;
            let region = cov.regions.get(mask)?;
            let listed: Vec<(String, String)> = cov
                .problems(region)
                .take(LISTED)
                .map(|(id, p)| (id.to_owned(), problem_label(id, p, cov.exact)))
                .collect();
            let more = region.problems.len().saturating_sub(LISTED);
            Some(id_buttons(listed, more))
        })
    };
    move || {
        coverage.with(|cov| {
            let Some(cov) = cov else {
                return view! { <p class="empty">"Load results to see which problems each model solves."</p> }.into_any();
            };
            let kind = if cov.exact { "exactly" } else { "expected" };
            let left_out = (!cov.left_out.is_empty()).then(|| {
                let ids: Vec<&str> = cov.left_out.iter().take(20).map(|(id, _)| id.as_str()).collect();
                let more = if cov.left_out.len() > 20 { ", …" } else { "" };
                format!(
                    "{} problem(s) are not counted because some model lacks them: {}{more}",
                    cov.left_out.len(),
                    ids.join(", ")
                )
            });
            view! {
                <p class="note">
                    {format!(
                        "{} problems that every model has, k = {} samples each: problems solved {kind} by each set of models{}.",
                        cov.n_common,
                        cov.k,
                        if cov.exact { " (k = n: these are exact sets)" } else { " (sum over problems of the probability)" }
                    )}
                </p>
                <table class="coverage-table" data-testid="coverage-table">
                    <thead>
                        <tr>
                            <th>"solved by"</th>
                            <th class="num">"problems"</th>
                            <th>"which"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {cov.regions
                            .iter()
                            .rev()
                            .map(|r| {
                                let label = if r.mask == 0 { "no model".to_owned() } else { r.name.replace('+', " + ") };
                                let count = if cov.exact { format!("{}", r.expected) } else { format!("{:.1}", r.expected) };
                                let mask = r.mask;
                                let shown = move || open.get() == Some(mask);
                                view! {
                                    <tr data-testid="coverage-region" data-region=r.name.clone() data-value=r.expected.to_string()>
                                        <td>{label}</td>
                                        <td class="num">{count}</td>
                                        <td>
                                            <button
                                                class="link"
                                                aria-expanded=move || shown().to_string()
                                                on:click=move |_| open.update(|o| *o = if *o == Some(mask) { None } else { Some(mask) })
                                            >
                                                {format!("{} problem(s) {}", r.problems.len(), if r.problems.is_empty() { "" } else { "▸" })}
                                            </button>
                                            {move || shown().then(|| list(mask))}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                {left_out.map(|t| view! { <p class="note">{t}</p> })}
            }
            .into_any()
        })
    }
}

/// The coverage chart as drawn now.
#[derive(Clone, Copy)]
pub struct CoverageFigure {
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
fn CoverageChart() -> impl IntoView {
    let page = use_page();
    let (coverage, colors) = (page.results.coverage, page.results.colors);
    let canvas = NodeRef::<Canvas>::new();
    let regions = StoredValue::new(None::<Regions>);
    let picked = RwSignal::new(None::<usize>);
    let figure = CoverageFigure { coverage, colors };
    draw_on(canvas, page.dark.into(), figure, move |r| {
        regions.set_value(r)
    });
    let on_click = Callback::new(move |ev: leptos::ev::MouseEvent| {
        let (x, y) = pointer_px(&ev);
        picked.set(regions.with_value(|r| r.as_ref().and_then(|r| r.region_at(x, y))));
    });
    let list = move || {
        let mask = picked.get()?;
        coverage.with(|c| {
            let region = c.as_ref()?.regions.get(mask)?;
            let ids: Vec<(String, String)> = c.as_ref()?.problems(region).take(300).map(|(id, _)| (id.to_owned(), id.to_owned())).collect();
            let more = region.problems.len().saturating_sub(ids.len());
            let title = if mask == 0 { "no model".to_owned() } else { region.name.replace('+', " + ") };
            Some(view! {
                <div class="region-list" data-testid="region-problems" data-region=region.name.clone()>
                    <strong>{format!("Solved by {title}: {} problem(s)", region.problems.len())}</strong>
                    {id_buttons(ids, more)}
                </div>
            })
        })
    };
    view! {
        <ChartBox
            canvas=canvas
            testid="chart-coverage"
            label="problems solved by each set of models at the chosen k; click a region to list its problems"
            figure=figure
            name="coverage"
            square=true
            on_click=on_click
        />
        {list}
    }
}

/// The coverage-vs-k chart as drawn now.
#[derive(Clone, Copy)]
pub struct CoverageKFigure {
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
fn CoverageKChart() -> impl IntoView {
    let page = use_page();
    let canvas = NodeRef::<Canvas>::new();
    let figure = CoverageKFigure {
        curves: page.results.coverage_k,
        colors: page.results.colors,
    };
    draw_on(canvas, page.dark.into(), figure, |()| ());
    view! {
        <ChartBox
            canvas=canvas
            testid="chart-coverage-k"
            label="problems solved as k grows, and solved by one model only"
            figure=figure
            name="coverage-vs-k"
            square=true
        />
    }
}

/// The section.
#[component]
pub fn CoverageSection() -> impl IntoView {
    let page = use_page();
    let export_coverage = move |_| {
        page.when_computed(move || {
            let csv = page.results.coverages.with_untracked(|c| coverage_csv(c));
            page.report("coverage.csv", offer_csv("coverage.csv", &csv));
        });
    };
    let export_problems = move |_| {
        page.problems_csv(move |csv| {
            page.report(
                "problems.csv",
                csv.and_then(|csv| offer_csv("problems.csv", &csv)),
            );
        })
    };
    view! {
        <section class="panel">
            <div class="panel-head">
                <h2>{move || format!("Which problems are solved at k = {}", page.results.k.get())}</h2>
                <div class="buttons">
                    <button data-testid="export-coverage-csv" on:click=export_coverage disabled=move || page.results.empty.get()>"Download coverage.csv"</button>
                    <button data-testid="export-problems-csv" on:click=export_problems disabled=move || page.results.empty.get()>"Download problems.csv"</button>
                </div>
            </div>
            <div class="chart-pair">
                <div>
                    <h3>"Who solves what"</h3>
                    <CoverageChart />
                </div>
                <div>
                    <h3>"As k grows: solved, and solved by one model only"</h3>
                    <CoverageKChart />
                </div>
            </div>
            <CoverageTable />
            <McNemarTests />
        </section>
    }
}

/// A p-value as a reader expects it: three significant digits, or "< 1e-12".
fn p_text(p: f64) -> String {
    if p < 1e-12 {
        "< 1e-12".into()
    } else if p < 0.001 {
        format!("{p:.2e}")
    } else {
        format!("{p:.3}")
    }
}

/// The exact McNemar test of every model against the base model at each one's full n: does
/// one solve problems the other never does more often than chance allows?
#[component]
fn McNemarTests() -> impl IntoView {
    let comparisons = use_page().results.comparisons;
    move || {
        comparisons.with(|all| {
            if all.is_empty() {
                return ().into_any();
            }
            view! {
                <div class="mcnemar">
                    <h3>"Exact McNemar test at each model's full n"</h3>
                    <ul>
                        {all.iter().map(|c| {
                            let t = c.mcnemar;
                            let text = format!(
                                "{}{}: {} problem(s) only {} solves, {} only {} solves; two-sided exact p = {}",
                                if all.iter().any(|o| o.benchmark != c.benchmark) { format!("{} · ", c.benchmark) } else { String::new() },
                                c.model, t.only_base, c.base, t.only_model, c.model, p_text(t.p)
                            );
                            view! {
                                <li
                                    data-testid="mcnemar"
                                    data-benchmark=c.benchmark.clone()
                                    data-model=c.model.clone()
                                    data-only-base=t.only_base
                                    data-only-model=t.only_model
                                    data-p=t.p.to_string()
                                >{text}</li>
                            }
                        }).collect_view()}
                    </ul>
                    <p class="note">"Over the problems both models have, with every sample each model drew: a problem counts when one model solves it at least once and the other never does. A small p says the split is not chance: with a base model that solves more problems alone, RL narrowed what the model can reach."</p>
                </div>
            }
            .into_any()
        })
    }
}
