//! One report per loaded file: what it was recognised as and the rule applied, how many lines
//! were used, skipped and blank, why each skipped line was skipped (the first 100 listed, all
//! downloadable), the numbers the file states about itself beside ours, and the choices a
//! format offers (evalplus's base / plus tests, Inspect's scorer, Qwen-Math's grouping).

use crate::io::download::offer_csv;
use crate::ui::loading::use_loading;
use crate::ui::state::use_page;
use leptos::prelude::*;
use passk_lens_core::explain::steps::checkpoint_of;
use passk_lens_core::export::csv::skipped_csv;
use passk_lens_core::read::ingest::EvalPlusTests;
use passk_lens_core::read::{model_from_file_name, skip_runs, FileReport, Stated};

/// A choice in a file's report: the file is read again with it.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    EvalPlus(EvalPlusTests),
    Scorer(String),
    GroupQuestions(bool),
}

/// A number the file states beside ours.
fn stated_line(s: &Stated) -> String {
    let ours = s.ours.map_or("—".to_owned(), |o| o.to_string());
    let mark = if s.agrees() { "agrees" } else { "DIFFERS" };
    format!(
        "{}: pass@{} = {} (stated by the file, {}) · ours {ours} · {mark}",
        s.model, s.k, s.value, s.source
    )
}

/// Skipped lines listed on the page; the counts always cover all of them.
const LISTED: usize = 100;

/// One file's report.
#[component]
fn Report(
    report: FileReport,
    /// Re-reads the file with another choice (evalplus tests, scorer, grouping).
    on_choice: Callback<Choice>,
) -> impl IntoView {
    let skipped = report.skipped.len();
    let more = skipped.saturating_sub(LISTED);
    let unit = if report.unit.is_empty() {
        "line"
    } else {
        report.unit
    };
    let summary = format!(
        "{} — {} · {} {unit}s: {} used, {} skipped, {} blank",
        report.file,
        report.format.label(),
        report.lines,
        report.used,
        skipped,
        report.blank
    );
    // Open when there is something to read or choose.
    let open = skipped > 0
        || report.problem.is_some()
        || report.evalplus.is_some()
        || report.scorers.len() > 1
        || report.grouped.is_some()
        || !report.stated.is_empty();
    let csv_name = format!("{}-skipped.csv", model_from_file_name(&report.file));
    let csv = (skipped > 0).then(|| skipped_csv(&report));
    let page = use_page();
    let download = move |_| {
        if let Some(csv) = &csv {
            page.report(&csv_name, offer_csv(&csv_name, csv));
        }
    };
    let on_change = on_choice;
    let evalplus = report.evalplus.map(|tests| {
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
                        on_change.run(Choice::EvalPlus(if event_target_value(&ev) == "plus" {
                            EvalPlusTests::Plus
                        } else {
                            EvalPlusTests::Base
                        }))
                    }
                >
                    <option value="plus">"the base and the plus tests (HumanEval+ / MBPP+)"</option>
                    <option value="base">"the base tests (HumanEval / MBPP)"</option>
                </select>
            </label>
        }
    });
    let scorer = (report.scorers.len() > 1).then(|| {
        let chosen = report.scorer.clone().unwrap_or_default();
        let options = report
            .scorers
            .iter()
            .map(|s| view! { <option value=s.clone()>{s.clone()}</option> })
            .collect_view();
        view! {
            <label class="control">
                <span>"Scorer"</span>
                <select
                    data-testid="scorer-select"
                    prop:value=chosen
                    on:change=move |ev| on_change.run(Choice::Scorer(event_target_value(&ev)))
                >
                    {options}
                </select>
            </label>
        }
    });
    let grouping = report.grouped.map(|grouped| {
        view! {
            <label class="control">
                <span>"Lines that repeat a question"</span>
                <select
                    data-testid="group-questions"
                    prop:value=if grouped { "question" } else { "line" }
                    on:change=move |ev| {
                        on_change.run(Choice::GroupQuestions(event_target_value(&ev) == "question"))
                    }
                >
                    <option value="question">"are one problem (grouped by question text)"</option>
                    <option value="line">"are problems of their own (one per id)"</option>
                </select>
            </label>
        }
    });
    let stated = (!report.stated.is_empty()).then(|| {
        view! {
            <ul class="stated" data-testid="stated">
                {report
                    .stated
                    .iter()
                    .map(|s| {
                        let class = if s.agrees() { "agrees" } else { "differs" };
                        view! { <li class=class data-agrees=s.agrees().to_string()>{stated_line(s)}</li> }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let format = report.format.as_str();
    let recognised = (!report.rule.is_empty())
        .then(|| format!("Read as {}: {}.", report.format.label(), report.rule));
    view! {
        <details
            class="file-report"
            data-testid="file-report"
            data-file=report.file.clone()
            data-lines=report.lines
            data-used=report.used
            data-skipped=skipped
            data-format=format
            data-rule=report.rule.clone()
            open=open
        >
            <summary>{summary}</summary>
            {recognised.map(|r| view! { <p class="recognised">{r}</p> })}
            {report.problem.map(|p| view! { <p class="problem">{p}</p> })}
            {report.notes.into_iter().map(|n| view! { <p class="note">{n}</p> }).collect_view()}
            {stated}
            {evalplus}
            {scorer}
            {grouping}
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

/// Naming models as checkpoints by hand, for files whose names do not say their training step
/// (`ckpt-final.jsonl`): each model gets a name `<run>@<step>`, used in every view and export.
#[component]
fn AssignSteps() -> impl IntoView {
    let page = use_page();
    let renames = page.choices.renames;
    // The models as the files name them, in load order.
    let models = Memo::new(move |_| {
        page.files.with(|files| {
            let mut out: Vec<String> = Vec::new();
            for m in files.iter().flat_map(|f| &f.report.models) {
                if !out.contains(m) {
                    out.push(m.clone());
                }
            }
            out
        })
    });
    let problem = RwSignal::new(None::<String>);
    let assign = move |model: String, name: String| {
        let name = name.trim().to_owned();
        if name.is_empty() || name == model {
            renames.update(|r| {
                r.remove(&model);
            });
            problem.set(None);
        } else if checkpoint_of(&name).is_none() {
            problem.set(Some(format!(
                "“{name}” is not <run>@<step> (a step is a whole number): {model} keeps its name."
            )));
        } else {
            renames.update(|r| {
                r.insert(model, name);
            });
            problem.set(None);
        }
    };
    move || {
        (!models.with(Vec::is_empty)).then(|| view! {
            <details class="assign-steps">
                <summary>"Checkpoints of a training run: name models <run>@<step>"</summary>
                <p class="note">
                    "Files named by step (200.jsonl, global_step_200, checkpoint-200) are named so already. "
                    "For others, give each checkpoint a name such as grpo@200; the steps view then draws the run."
                </p>
                <div class="assign-fields">
                    {models.get().into_iter().map(|m| {
                        let (label, key) = (m.clone(), m.clone());
                        let current = move || renames.with(|r| r.get(&key).cloned().unwrap_or_default());
                        view! {
                            <label class="control">
                                <span>{label}</span>
                                <input
                                    type="text"
                                    data-testid="step-assign"
                                    data-model=m.clone()
                                    placeholder="run@step"
                                    prop:value=current
                                    on:change=move |ev| assign(m.clone(), event_target_value(&ev))
                                />
                            </label>
                        }
                    }).collect_view()}
                </div>
                {move || problem.get().map(|p| view! { <p class="notice" data-testid="step-assign-problem">{p}</p> })}
            </details>
        })
    }
}

/// The section: the reports of every loaded file, in load order.
#[component]
pub fn FilesSection() -> impl IntoView {
    let (page, loading) = (use_page(), use_loading());
    view! {
        <section class="panel">
            <h2>"Files"</h2>
            <div class="reports">
                {move || {
                    page.files.with(|f| {
                        f.iter()
                            .enumerate()
                            .map(|(i, f)| {
                                let change = Callback::new(move |c: Choice| {
                                    loading.reread(i, |o| match c {
                                        Choice::EvalPlus(tests) => o.evalplus = tests,
                                        Choice::Scorer(s) => o.scorer = Some(s),
                                        Choice::GroupQuestions(g) => o.group_questions = g,
                                    })
                                });
                                view! { <Report report=f.report.clone() on_choice=change /> }
                            })
                            .collect_view()
                    })
                }}
            </div>
            <AssignSteps />
        </section>
    }
}
