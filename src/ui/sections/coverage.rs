//! Coverage at the chosen k: the expected number of problems each subset of models solves, and
//! which problems those are.

use leptos::prelude::*;
use passk_lens_core::stats::coverage::Coverage;

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
pub fn CoverageTable(
    /// Coverage of the selected benchmark at the current k.
    coverage: Memo<Option<Coverage>>,
) -> impl IntoView {
    // The one region whose problems are listed; lists are built only when asked for, so a new
    // k does not rebuild thousands of ids.
    let open = RwSignal::new(None::<usize>);
    let list = move |mask: usize| {
        coverage.with(|cov| {
            let cov = cov.as_ref()?;
            let region = cov.regions.get(mask)?;
            let listed: Vec<String> = cov.problems(region).take(LISTED).map(|(id, p)| problem_label(id, p, cov.exact)).collect();
            let more = region.problems.len().saturating_sub(LISTED);
            Some(view! { <p class="ids">{listed.join(", ")}{(more > 0).then(|| format!(", … and {more} more"))}</p> })
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
