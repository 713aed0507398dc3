//! The table of pass@1, 2, 4, … K per (benchmark, model), and the passk.csv export.

use crate::chart::palette::{css, model_color};
use crate::io::download::offer_csv;
use crate::ui::state::use_page;
use leptos::prelude::*;
use passk_lens_core::counts::Interval;
use passk_lens_core::export::csv::passk_csv;
use passk_lens_core::stats::dataset::{spans_benchmarks, ModelCurve};

/// Column ks: the union of every curve's table ks, ascending.
fn columns(curves: &[ModelCurve]) -> Vec<usize> {
    let mut ks: Vec<usize> = curves.iter().flat_map(ModelCurve::table_ks).collect();
    ks.sort_unstable();
    ks.dedup();
    ks
}

/// The note under a curve whose problems do not all have the same n.
fn stop_note(c: &ModelCurve) -> Option<String> {
    (c.n_max as usize != c.k_max()).then(|| {
        format!(
            "{}: {} problem(s) have n = {}, so the curve stops at k = {} (up to n = {} elsewhere).",
            c.model,
            c.n_at_k_max,
            c.k_max(),
            c.k_max(),
            c.n_max
        )
    })
}

/// One cell per column k: the value in percent, the exact value and band in its title.
fn cells(values: &[f64], ks: &[usize], bands: Option<&[Interval]>) -> impl IntoView {
    ks.iter()
        .map(|&k| match values.get(k - 1) {
            Some(v) => {
                let band = bands.and_then(|b| b.get(k - 1));
                let title = match band {
                    Some(b) => format!("{v} (95 % CI {} – {})", b.low, b.high),
                    None => v.to_string(),
                };
                view! { <td class="num" title=title>{format!("{:.1}", 100.0 * v)}</td> }.into_any()
            }
            None => view! { <td class="num na">"—"</td> }.into_any(),
        })
        .collect_view()
}

/// pass@k in percent with one decimal; the exact value is in the cell's title.
#[component]
pub fn TableSection() -> impl IntoView {
    let page = use_page();
    // In CSV row order; a pass^k row under each model when pass^k is shown.
    let (curves, show_hat) = (page.results.curves, page.choices.show_hat);
    let export = move |_| {
        page.when_computed(move || {
            let csv = curves.with_untracked(|c| passk_csv(c));
            page.report("passk.csv", offer_csv("passk.csv", &csv));
        })
    };
    let export_metrics = move |_| {
        page.metrics_csv(move |csv| {
            page.report(
                "metrics.csv",
                csv.and_then(|csv| offer_csv("metrics.csv", &csv)),
            );
        })
    };
    let export_slices = move |_| {
        page.slices_csv(move |csv| {
            page.report(
                "slices.csv",
                csv.and_then(|csv| offer_csv("slices.csv", &csv)),
            );
        })
    };
    let table = move || {
        curves.with(|curves| {
            if curves.is_empty() {
                return view! { <p class="empty">"Load result files to fill this table."</p> }.into_any();
            }
            let ks = columns(curves);
            let hat = show_hat.get();
            let several = spans_benchmarks(curves);
            let notes: Vec<String> = curves.iter().filter_map(stop_note).collect();
            view! {
                <div class="table-scroll">
                    <table class="passk-table" data-testid="passk-table">
                        <thead>
                            <tr>
                                {several.then(|| view! { <th>"benchmark"</th> })}
                                <th>"model"</th>
                                <th class="num">"problems"</th>
                                {ks.iter().map(|k| view! { <th class="num">"pass@" {*k}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {curves
                                .iter()
                                .map(|c| {
                                    let swatch = format!("background:{}", css(model_color(c.model_index)));
                                    let hat_row = hat.then(|| view! {
                                        <tr class="hat-row">
                                            {several.then(|| view! { <td></td> })}
                                            <td class="measure">"pass^k"</td>
                                            <td></td>
                                            {cells(&c.pass_hat_k, &ks, None)}
                                        </tr>
                                    });
                                    view! {
                                        <tr>
                                            {several.then(|| view! { <td>{c.benchmark.clone()}</td> })}
                                            <td><span class="swatch" style=swatch></span>{c.model.clone()}</td>
                                            <td class="num">{c.n_problems}</td>
                                            {cells(&c.pass_at_k, &ks, Some(&c.bands))}
                                        </tr>
                                        {hat_row}
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="note">"Percent of problems solved (unbiased estimate). Hover a cell for the exact value and its 95 % bootstrap interval."</p>
                {notes.into_iter().map(|n| view! { <p class="note">{n}</p> }).collect_view()}
            }
            .into_any()
        })
    };
    view! {
        <section class="panel">
            <div class="panel-head">
                <h2>"pass@k by model"</h2>
                <div class="buttons">
                    <button data-testid="export-passk-csv" on:click=export disabled=move || page.results.empty.get()>
                        "Download passk.csv"
                    </button>
                    <button data-testid="export-metrics-csv" on:click=export_metrics disabled=move || page.results.empty.get()>
                        "Download metrics.csv"
                    </button>
                    <button data-testid="export-slices-csv" on:click=export_slices disabled=move || page.results.empty.get()>
                        "Download slices.csv"
                    </button>
                </div>
            </div>
            {table}
        </section>
    }
}
