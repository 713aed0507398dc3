//! One report per loaded file: how many lines were used, skipped and blank, why each skipped
//! line was skipped (the first 100 listed, all downloadable), and evalplus's base / plus choice.

use crate::io::download::download_text;
use leptos::prelude::*;
use passk_lens_core::export::csv::skipped_csv;
use passk_lens_core::read::ingest::EvalPlusTests;
use passk_lens_core::read::{model_from_file_name, skip_runs, FileReport, ParsedFile};

/// Skipped lines listed on the page; the counts always cover all of them.
const LISTED: usize = 100;

/// One file's report.
#[component]
fn Report(
    report: FileReport,
    /// Re-reads the file with other evalplus tests (None for files that are not evalplus).
    on_evalplus: Option<Callback<EvalPlusTests>>,
) -> impl IntoView {
    let skipped = report.skipped.len();
    let more = skipped.saturating_sub(LISTED);
    let unit = if report.unit.is_empty() {
        "line"
    } else {
        report.unit
    };
    let summary = format!(
        "{} — {} {unit}s: {} used, {} skipped, {} blank",
        report.file, report.lines, report.used, skipped, report.blank
    );
    // Open when there is something to read or choose.
    let open = skipped > 0 || report.problem.is_some() || report.evalplus.is_some();
    let csv_name = format!("{}-skipped.csv", model_from_file_name(&report.file));
    let csv = (skipped > 0).then(|| skipped_csv(&report));
    let download = move |_| {
        if let Some(csv) = &csv {
            if let Err(e) = download_text(&csv_name, csv, "text/csv") {
                leptos::logging::warn!("download failed: {e}");
            }
        }
    };
    let evalplus = report.evalplus.zip(on_evalplus).map(|(tests, on_change)| {
        let value = if tests == EvalPlusTests::Plus {
            "plus"
        } else {
            "base"
        };
        view! {
            <label class="control">
                <span>"evalplus: count a sample as correct when it passes"</span>
                <select
                    data-testid="evalplus-tests"
                    prop:value=value
                    on:change=move |ev| {
                        on_change.run(if event_target_value(&ev) == "plus" {
                            EvalPlusTests::Plus
                        } else {
                            EvalPlusTests::Base
                        })
                    }
                >
                    <option value="plus">"the base and the plus tests (HumanEval+ / MBPP+)"</option>
                    <option value="base">"the base tests (HumanEval / MBPP)"</option>
                </select>
            </label>
        }
    });
    view! {
        <details
            class="file-report"
            data-testid="file-report"
            data-file=report.file.clone()
            data-lines=report.lines
            data-used=report.used
            data-skipped=skipped
            open=open
        >
            <summary>{summary}</summary>
            {report.problem.map(|p| view! { <p class="problem">{p}</p> })}
            {report.notes.into_iter().map(|n| view! { <p class="note">{n}</p> }).collect_view()}
            {evalplus}
            <ul class="skips">
                {skip_runs(&report.skipped[..skipped.min(LISTED)])
                    .into_iter()
                    .map(|(first, last, reason)| {
                        let lines = if first == last {
                            format!("{unit} {first}")
                        } else {
                            format!("{unit}s {first}–{last}")
                        };
                        view! { <li><span class="line-no">{lines}</span> ": " {reason}</li> }
                    })
                    .collect_view()}
            </ul>
            {(more > 0).then(|| view! { <p class="more">{format!("… and {more} more skipped {unit}s.")}</p> })}
            {(skipped > 0).then(|| view! {
                <button data-testid="download-skipped" on:click=download>
                    {format!("Download all {skipped} skipped {unit}s (CSV)")}
                </button>
            })}
        </details>
    }
}

/// The reports of every loaded file, in load order.
#[component]
pub fn FileReports(
    /// The loaded files.
    files: RwSignal<Vec<ParsedFile>>,
    /// Re-reads file `i` with other evalplus tests.
    on_evalplus: Callback<(usize, EvalPlusTests)>,
) -> impl IntoView {
    view! {
        <div class="reports">
            {move || {
                files.with(|f| {
                    f.iter()
                        .enumerate()
                        .map(|(i, f)| {
                            let change = Callback::new(move |t| on_evalplus.run((i, t)));
                            view! { <Report report=f.report.clone() on_evalplus=Some(change) /> }
                        })
                        .collect_view()
                })
            }}
        </div>
    }
}
