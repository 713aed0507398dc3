//! One report per loaded file: how many lines were used, skipped and blank, and why each
//! skipped line was skipped.

use crate::core::parse::{FileReport, ParsedFile};
use leptos::prelude::*;

/// Skipped lines listed on the page; the counts always cover all of them.
const LISTED: usize = 100;

/// One file's report.
#[component]
fn Report(report: FileReport) -> impl IntoView {
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
    let open = skipped > 0 || report.problem.is_some();
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
            <ul class="skips">
                {report
                    .skipped
                    .into_iter()
                    .take(LISTED)
                    .map(|s| view! { <li><span class="line-no">{unit} " " {s.line}</span> ": " {s.reason.to_string()}</li> })
                    .collect_view()}
            </ul>
            {(more > 0).then(|| view! { <p class="more">{format!("… and {more} more skipped {unit}s.")}</p> })}
        </details>
    }
}

/// The reports of every loaded file, in load order.
#[component]
pub fn FileReports(
    /// The loaded files.
    files: RwSignal<Vec<ParsedFile>>,
) -> impl IntoView {
    view! {
        <div class="reports">
            {move || {
                files.with(|f| f.iter().map(|f| view! { <Report report=f.report.clone() /> }).collect_view())
            }}
        </div>
    }
}
