//! The `problem-drawer`: one problem, every model's samples of it side by side — counts,
//! pass@k at the chosen k, and the distribution of extracted answers, each marked correct or
//! not. Opened from `problem-search` or from any list of problem ids on the page.

use crate::chart::palette::{css, model_color};
use crate::ui::state::use_page;
use leptos::prelude::*;
use passk_lens_core::explain::problem::ModelSamples;
use passk_lens_core::read::record::truncate;

/// Problems as buttons (id, label) that open the drawer on them; `more` are not listed.
pub fn id_buttons(items: Vec<(String, String)>, more: usize) -> AnyView {
    let page = use_page();
    let buttons = items
        .into_iter()
        .map(|(id, label)| {
            view! {
                <button class="id" data-problem=id.clone() title="Look inside this problem" on:click=move |_| {
                    page.choices.problem.set(Some(id.clone()));
                    scroll_to_drawer();
                }>{label}</button>
            }
        })
        .collect_view();
    view! {
        <p class="ids">{buttons}{(more > 0).then(|| format!(" … and {more} more"))}</p>
    }
    .into_any()
}

fn scroll_to_drawer() {
    if let Some(el) = document().get_element_by_id("problem-section") {
        el.scroll_into_view();
    }
}

/// One model's column: its counts and its answers, most frequent first.
fn model_column(m: ModelSamples, k: usize) -> AnyView {
    let swatch = format!("background:{}", css(model_color(m.model_index)));
    let unanswered = m.unanswered();
    let n = m.counts.n.max(1) as f64;
    let at = k.min(m.counts.n as usize).max(1);
    let model = m.model.clone();
    let answers = m
        .answers
        .into_iter()
        .map(|(answer, c)| {
            let correct = match c.c {
                0 => "false",
                x if x == c.n => "true",
                _ => "mixed",
            };
            let mark = match correct {
                "true" => "✓",
                "false" => "✗",
                _ => "±",
            };
            let bar = format!("width:{:.1}%", 100.0 * c.n as f64 / n);
            view! {
                <li
                    data-testid="answer-count"
                    data-model=model.clone()
                    data-answer=answer.clone()
                    data-count=c.n
                    data-correct=correct
                    class=format!("answer {correct}")
                >
                    <span class="bar" style=bar></span>
                    <span class="mark">{mark}</span>
                    <code title=answer.clone()>{truncate(&answer, 80)}</code>
                    <span class="count">{c.n}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="drawer-model">
            <h4><span class="swatch" style=swatch></span>{m.model.clone()}</h4>
            <p class="stat">{format!(
                "{} of {} samples correct · pass@{at} = {:.3}",
                m.counts.c, m.counts.n, m.pass_at_k
            )}</p>
            {(unanswered == m.counts.n).then(|| view! {
                <p class="note">"No extracted answers in this model's files."</p>
            })}
            {(unanswered > 0 && unanswered < m.counts.n).then(|| view! {
                <p class="note">{format!("{unanswered} sample(s) without an extracted answer.")}</p>
            })}
            <ol class="answers">{answers}</ol>
        </div>
    }
    .into_any()
}

/// The search box and, when a problem is open, the drawer.
#[component]
pub fn DrawerSection() -> impl IntoView {
    let page = use_page();
    let (choices, results) = (page.choices, page.results);
    let drawer = move || {
        let k = results.k.get();
        results.problem.get().map(|v| -> AnyView {
            let columns = v
                .models
                .into_iter()
                .map(|m| model_column(m, k))
                .collect_view();
            view! {
                <div class="drawer" data-testid="problem-drawer" data-benchmark=v.benchmark.clone() data-problem=v.problem.clone()>
                    <div class="drawer-head">
                        <strong>{format!("{} · problem {}", v.benchmark, v.problem)}</strong>
                        <button data-testid="problem-close" on:click=move |_| choices.problem.set(None)>"Close"</button>
                    </div>
                    <div class="drawer-models">{columns}</div>
                    <p class="note">"Extracted answers as the files give them, most frequent first: ✓ its samples are marked correct, ✗ wrong, ± both. Where RL sharpens, one answer takes the mass; a problem it lost keeps the base model's right answer among the base samples only."</p>
                </div>
            }
            .into_any()
        })
    };
    let missed = move || {
        let asked = choices.problem.get()?;
        (results.problem.with(Option::is_none) && !page.computing.get()).then(|| {
            view! { <p class="note" data-testid="problem-missing">{format!("No problem of this benchmark matches “{}”.", truncate(&asked, 60))}</p> }
        })
    };
    view! {
        <section class="panel" id="problem-section" class:hidden=move || results.empty.get()>
            <div class="panel-head">
                <h2>"Inside a problem: what each model answers"</h2>
                <label class="control">
                    <span>"Problem"</span>
                    <input
                        data-testid="problem-search"
                        type="search"
                        placeholder="an id, or part of one"
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                let q = event_target_value(&ev);
                                choices.problem.set((!q.trim().is_empty()).then_some(q));
                            }
                        }
                    />
                </label>
            </div>
            {missed}
            {drawer}
        </section>
    }
}
