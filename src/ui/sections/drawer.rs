//! The `problem-drawer`: one problem, every model's samples of it side by side — counts,
//! pass@k at the chosen k, and the distribution of extracted answers, each marked correct or
//! not. Opened from `problem-search` or from any list of problem ids on the page.

use super::samples::render;
use crate::chart::palette::{css, model_color};
use crate::ui::state::use_page;
use leptos::prelude::*;
use passk_lens_core::counts::Counts;
use passk_lens_core::explain::problem::ModelSamples;
use passk_lens_core::read::math::Segment;
use passk_lens_core::read::record::truncate;
use passk_lens_core::read::texts::{ProblemTexts, SampleFilter};
use std::collections::BTreeMap;

/// What the texts read depend on: the problem and each model's counts of it.
type TextsKey = Option<((String, String), Vec<(String, Counts)>)>;

/// The texts read for (benchmark, problem), or why they could not be.
type Read = ((String, String), Result<ProblemTexts, String>);

/// The drawer's reading state: the texts of the open problem (keyed by benchmark and
/// problem, so a late reply for another problem is not shown), the filter and the page.
#[derive(Clone, Copy)]
struct Reading {
    texts: RwSignal<Option<Read>>,
    filter: RwSignal<SampleFilter>,
    /// Responses' LaTeX shown as MathML (on) or as its source.
    math: RwSignal<bool>,
    /// The shown texts' formulas, as the worker rendered them, by text (asked for per page).
    rendered: RwSignal<BTreeMap<String, Vec<Segment>>>,
    page: RwSignal<usize>,
}

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

/// Brings the drawer into view.
pub fn scroll_to_drawer() {
    if let Some(el) = document().get_element_by_id("problem-section") {
        el.scroll_into_view();
    }
}

/// One model's column: its counts, its answers (most frequent first) and its samples.
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
    let reading = Reading {
        texts: RwSignal::new(None),
        filter: RwSignal::new(SampleFilter::All),
        math: RwSignal::new(true),
        rendered: RwSignal::new(BTreeMap::new()),
        page: RwSignal::new(0),
    };
    // A problem opened (or its data changed): read its texts from the files.
    Effect::new(move |prev: Option<TextsKey>| {
        let key = results.problem.with(|p| {
            p.as_ref().map(|v| {
                let models: Vec<_> = v
                    .models
                    .iter()
                    .map(|m| (m.model.clone(), m.counts))
                    .collect();
                ((v.benchmark.clone(), v.problem.clone()), models)
            })
        });
        if prev.as_ref() == Some(&key) {
            return key;
        }
        reading.page.set(0);
        reading.texts.set(None);
        reading.rendered.set(BTreeMap::new());
        // Talk mode shows the open problem only while it stays open.
        page.talk_problem.set(None);
        if let Some(((benchmark, problem), _)) = key.clone() {
            let asked = (benchmark.clone(), problem.clone());
            page.texts(
                &benchmark,
                &problem,
                Box::new(move |r| {
                    reading
                        .texts
                        .set(Some((asked, r.map_err(|e| e.to_string()))));
                }),
            );
        }
        key
    });
    let (head, grid) = (
        NodeRef::<leptos::html::Div>::new(),
        NodeRef::<leptos::html::Div>::new(),
    );
    // The texts, built by hand (`samples`) whenever they, the filter or the page change.
    Effect::new(move |_| {
        let (Some(head), Some(grid)) = (head.get(), grid.get()) else {
            return;
        };
        let models: Vec<String> = results.problem.with(|p| {
            p.iter()
                .flat_map(|v| &v.models)
                .map(|m| m.model.clone())
                .collect()
        });
        let (filter, at, math) = (reading.filter.get(), reading.page.get(), reading.math.get());
        let missing = reading.rendered.with(|rendered| {
            reading.texts.with(|t| match t {
                Some((_, Ok(t))) => {
                    let math = math.then_some(rendered);
                    render(&head, &grid, t, &models, filter, at, math)
                }
                other => {
                    let why = other.as_ref().and_then(|(_, r)| r.as_ref().err());
                    let why = why.map(|w| format!("The samples could not be read: {w}"));
                    head.set_text_content(why.as_deref());
                    grid.set_text_content(None);
                    Vec::new()
                }
            })
        });
        // The shown texts' LaTeX, rendered by the worker; until then they show as source.
        if !missing.is_empty() {
            let asked = missing.clone();
            page.math(
                missing,
                Box::new(move |r| {
                    let list = r.unwrap_or_default();
                    reading.rendered.update(|m| {
                        for (i, text) in asked.into_iter().enumerate() {
                            m.insert(text, list.get(i).cloned().unwrap_or_default());
                        }
                    });
                }),
            );
        }
    });
    let has_texts = move || {
        reading
            .texts
            .with(|t| matches!(t, Some((_, Ok(t))) if !t.models.is_empty()))
    };
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
                    <div class="texts" node_ref=head></div>
                    <p class="filters" class:hidden=move || !has_texts()>
                        <label class="control"><span>"Samples"</span><select data-testid="sample-filter" on:change=move |ev| {
                            reading.filter.set(match event_target_value(&ev).as_str() {
                                "first" => SampleFilter::CorrectFirst,
                                "correct" => SampleFilter::Correct,
                                "wrong" => SampleFilter::Wrong,
                                _ => SampleFilter::All,
                            });
                            reading.page.set(0);
                        }>
                            <option value="all">"All, in file order"</option>
                            <option value="first">"Correct first"</option>
                            <option value="correct">"Only correct"</option>
                            <option value="wrong">"Only wrong"</option>
                        </select></label>
                        <button on:click=move |_| reading.page.update(|p| *p = p.saturating_sub(1))>"← Earlier"</button>
                        <button data-testid="samples-next" on:click=move |_| reading.page.update(|p| *p += 1)>"Later →"</button>
                        <label class="check">
                            <input type="checkbox" data-testid="sample-math" prop:checked=move || reading.math.get() on:change=move |ev| reading.math.set(event_target_checked(&ev)) />
                            " Render LaTeX"
                        </label>
                        <label class="check">
                            <input
                                type="checkbox"
                                data-testid="talk-problem"
                                checked=page.talk_problem.with_untracked(|t| t.is_some())
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    page.talk_problem.set(on.then(|| reading.texts.with(|t| match t {
                                        Some((_, Ok(t))) => Some(t.clone()),
                                        _ => None,
                                    })).flatten());
                                }
                            />
                            " Show this problem in talk mode (texts may be private)"
                        </label>
                    </p>
                    <div class="drawer-models" node_ref=grid></div>
                    <p class="note">"Extracted answers as the files give them, most frequent first: ✓ its samples are marked correct, ✗ wrong, ± both. Where RL sharpens, one answer takes the mass; a problem it lost keeps the base model's right answer among the base samples only."</p>
                </div>
            }
            .into_any()
        })
    };
    // A query that names no problem id: the problems' texts are searched for its words (in the
    // files, by the statistics worker); the first match opens.
    let searched: RwSignal<Option<(String, bool)>> = RwSignal::new(None);
    // The latest snapshot answered the query, and no problem id matched it.
    let unmatched = move || {
        let asked = choices.problem.get()?;
        let answered = results.problem_asked.get().as_ref() == Some(&asked);
        (answered && results.problem.with(Option::is_none)).then_some(asked)
    };
    Effect::new(move |_| {
        let Some(asked) = unmatched() else {
            return;
        };
        if searched.with_untracked(|s| s.as_ref().is_some_and(|(q, _)| *q == asked)) {
            return;
        }
        searched.set(Some((asked.clone(), false)));
        let query = asked.clone();
        page.find_text(
            &query,
            Box::new(move |found| match found {
                Ok(id) if !id.is_empty() => {
                    searched.set(None);
                    choices.problem.set(Some(id));
                }
                _ => searched.set(Some((asked, true))),
            }),
        );
    });
    // While the texts are searched (each problem's first record; a Parquet table's question
    // column, or a `.gz` decompressed again, takes a moment), then what was found.
    let missed = move || {
        let asked = truncate(&unmatched()?, 60);
        let (testid, text) = match searched.with(|s| s.as_ref().is_some_and(|(_, done)| *done)) {
            true => (
                "problem-missing",
                format!("No problem id or problem text of this benchmark matches “{asked}”."),
            ),
            false => (
                "problem-searching",
                format!("Searching the problems' texts for “{asked}”…"),
            ),
        };
        Some(view! { <p class="note" data-testid=testid>{text}</p> })
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
                        placeholder="an id, or words of its text"
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
