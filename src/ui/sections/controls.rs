//! The view controls: benchmark, base model, k, and pass^k; and the badge that says a newer
//! view is being computed.

use crate::ui::state::use_page;
use leptos::prelude::*;
use passk_lens_core::explain::slices::{BASE_RATE, BASE_RATE_VALUES};

/// A `<select>` of names; `testid` is its contract hook.
#[component]
fn NameSelect(
    /// Label text.
    label: &'static str,
    /// The hook and element id.
    testid: &'static str,
    /// The names offered.
    options: Memo<Vec<String>>,
    /// The selected name.
    selected: Memo<String>,
    /// Called with the name the user picked.
    on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="control">
            <span>{label}</span>
            <select
                id=testid
                data-testid=testid
                prop:value=move || selected.get()
                on:change=move |ev| on_pick.run(event_target_value(&ev))
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|name| {
                            let is_selected = name == selected.get_untracked();
                            let text = name.clone();
                            view! { <option value=name selected=is_selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// Benchmark, base model, k (a number box and a slider on the same value) and the pass^k toggle.
#[component]
pub fn ControlsSection() -> impl IntoView {
    let page = use_page();
    let (r, choices) = (page.results, page.choices);
    let (k, k_limit) = (r.k, r.k_limit);
    let on_k = Callback::new(move |v: usize| choices.k.set(Some(v)));
    let show_hat = choices.show_hat;
    // The measure the pass@k chart draws (`metric-select`, contract names).
    let metric_name = move || {
        if show_hat.get() {
            "pass^k"
        } else if choices.bayes.get() {
            "bayes-pass@k"
        } else if choices.maj.get() {
            "maj@k"
        } else {
            "pass@k"
        }
    };
    // Animate k from 1 to its limit on a log scale, about three seconds.
    let timer = StoredValue::new(None::<IntervalHandle>);
    let animate = move |_| {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let (steps, top) = (48.0, k_limit.get_untracked().max(1) as f64);
        let step = StoredValue::new(0.0_f64);
        let handle = set_interval_with_handle(
            move || {
                let i = step.get_value();
                on_k.run(2f64.powf(i / steps * top.log2()).round() as usize);
                step.set_value(i + 1.0);
                if i >= steps {
                    if let Some(t) = timer.get_value() {
                        t.clear();
                    }
                }
            },
            std::time::Duration::from_millis(60),
        );
        timer.set_value(handle.ok());
    };
    let set_k = move |ev: leptos::ev::Event| {
        if let Ok(v) = event_target_value(&ev).trim().parse::<usize>() {
            on_k.run(v);
        }
    };
    view! {
        <section class="panel">
        <div class="controls">
            <NameSelect label="Benchmark" testid="benchmark-select" options=r.benchmarks selected=r.benchmark on_pick=Callback::new(move |b| choices.benchmark.set(Some(b))) />
            <NameSelect label="Base model" testid="base-model" options=r.models selected=r.base on_pick=Callback::new(move |b| choices.base.set(Some(b))) />
            <label class="control">
                <span>"k for coverage"</span>
                <input
                    type="number"
                    data-testid="k-select"
                    min="1"
                    max=move || k_limit.get()
                    prop:value=move || k.get().to_string()
                    on:change=set_k
                />
            </label>
            <input
                class="k-slider"
                type="range"
                data-testid="k-slider"
                aria-label="k for coverage"
                min="1"
                max=move || k_limit.get()
                prop:value=move || k.get().to_string()
                on:input=set_k
            />
            <button data-testid="k-animate" on:click=animate title="Sweep k from 1 to its largest value">"▶ Animate k"</button>
            <label class="control">
                <span>"Measure"</span>
                <select
                    data-testid="metric-select"
                    prop:value=metric_name
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        show_hat.set(v == "pass^k");
                        choices.bayes.set(v == "bayes-pass@k");
                        choices.maj.set(v == "maj@k");
                    }
                >
                    <option value="pass@k">"pass@k (unbiased)"</option>
                    <option value="pass^k">"pass^k (all k correct)"</option>
                    <option value="bayes-pass@k">"Bayesian pass@k (Beta(1, 1) prior, beyond n)"</option>
                    <option value="maj@k">"maj@k (majority vote over extracted answers)"</option>
                </select>
            </label>
            <label class="control toggle">
                <input type="checkbox" data-testid="toggle-pass-hat" prop:checked=move || show_hat.get() on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    show_hat.set(on);
                    if on {
                        choices.bayes.set(false);
                        choices.maj.set(false);
                    }
                } />
                <span>"Show pass^k (all k correct)"</span>
            </label>
            <label class="control">
                <span>"Problems"</span>
                <select
                    data-testid="slice-field"
                    prop:value=move || choices.slice.with(|s| s.as_ref().map_or(String::new(), |(f, _)| f.clone()))
                    on:change=move |ev| {
                        let field = event_target_value(&ev);
                        let first = if field == BASE_RATE {
                            Some(BASE_RATE_VALUES[0].to_owned())
                        } else {
                            r.slice_fields.with(|f| f.iter().find(|(n, _)| *n == field).and_then(|(_, v)| v.first().cloned()))
                        };
                        choices.slice.set(first.map(|v| (field, v)));
                    }
                >
                    <option value="">"all"</option>
                    <option value=BASE_RATE>"by the base model's success rate"</option>
                    {move || r.slice_fields.get().into_iter().map(|(f, _)| {
                        let text = format!("by {f}");
                        view! { <option value=f>{text}</option> }
                    }).collect_view()}
                </select>
            </label>
            {move || choices.slice.get().map(|(field, value)| {
                let values: Vec<String> = if field == BASE_RATE {
                    BASE_RATE_VALUES.iter().map(|v| (*v).to_owned()).collect()
                } else {
                    r.slice_fields.with(|f| f.iter().find(|(n, _)| *n == field).map(|(_, v)| v.clone()).unwrap_or_default())
                };
                let label = if field == BASE_RATE { "c/n of the base".to_owned() } else { field.clone() };
                view! {
                    <label class="control">
                        <span>{label}</span>
                        <select
                            data-testid="slice-value"
                            prop:value=value.clone()
                            on:change=move |ev| choices.slice.set(Some((field.clone(), event_target_value(&ev))))
                        >
                            {values.into_iter().map(|v| {
                                let text = v.clone();
                                view! { <option value=v.clone() selected=v == value>{text}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                }
            })}
            {move || choices.slice.get().map(|(_, value)| {
                let base = r.base.get();
                let n = r.shown_curves.with(|c| c.iter().find(|c| c.model == base).map_or(0, |c| c.n_problems));
                let what = match choices.slice.with(|s| s.as_ref().is_some_and(|(f, _)| f == BASE_RATE)) {
                    true => format!("on which {base}'s c/n is {value}"),
                    false => format!("whose {} is {value}", choices.slice.with(|s| s.as_ref().map(|(f, _)| f.clone()).unwrap_or_default())),
                };
                let text = if n == 0 {
                    format!("No problem of {base} is in this slice: nothing to show.")
                } else {
                    format!("Every view shows the {n} problems {what}.")
                };
                view! { <p class="note slice-note" data-testid="slice-note" data-count=n>{text}</p> }
            })}
            <span class="computing-badge" data-testid="computing" class:on=move || page.computing.get() aria-live="polite">
                {move || if page.computing.get() { "computing…" } else { "" }}
            </span>
        </div>
        </section>
    }
}
