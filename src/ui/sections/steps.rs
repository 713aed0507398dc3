//! A training run over its steps (shown when the benchmark has checkpoints `<run>@<step>`):
//! pass@1 and pass@K against step with Δ_SE beside them, a table of every checkpoint with the
//! problems it gained and lost against the first one (each count opens its list), and a step
//! slider that walks the pass@k chart, the coverage views and the per-problem view through
//! training (the first checkpoint against the chosen one).

use crate::chart::steps;
use crate::chart::style::Style;
use crate::io::download::offer_csv;
use crate::ui::canvas::{draw_on, Figure};
use crate::ui::chart_box::ChartBox;
use crate::ui::sections::drawer::id_buttons;
use crate::ui::state::{use_page, PageState};
use leptos::html::Canvas;
use leptos::prelude::*;
use passk_lens_core::explain::steps::RunSeries;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// Problems listed per gained / lost list (steps.csv has the numbers, problems.csv every id).
const LISTED: usize = 300;

/// The steps chart as drawn now.
#[derive(Clone, Copy)]
pub struct StepsFigure {
    pub runs: Memo<Vec<RunSeries>>,
    /// The step the slider is on.
    pub marked: Memo<Option<u64>>,
}

impl Figure for StepsFigure {
    type Drawn = ();
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<(), String> {
        let marked = self.marked.get();
        self.runs.with(|runs| {
            let colors: Vec<usize> = runs
                .iter()
                .map(|r| r.points.first().map_or(0, |p| p.model_index))
                .collect();
            steps::draw(area, runs, &colors, marked, style).map_err(|e| format!("{e:?}"))
        })
    }
}

/// Walks the views to checkpoint `i` of `run`: the coverage views show its first checkpoint
/// and this one, the pass@k chart hides the run's other checkpoints, the per-problem view
/// compares this one. `None` shows every checkpoint again.
fn walk_to(page: PageState, run: &RunSeries, i: Option<usize>) {
    let names: Vec<String> = run.points.iter().map(|p| p.model.clone()).collect();
    let c = page.choices;
    match i.and_then(|i| names.get(i).map(|n| (i, n))) {
        Some((i, chosen)) => {
            let first = names[0].clone();
            c.hidden.update(|h| {
                for (j, n) in names.iter().enumerate() {
                    if j == 0 || j == i {
                        h.remove(n);
                    } else {
                        h.insert(n.clone());
                    }
                }
            });
            if i > 0 {
                c.other.set(Some(chosen.clone()));
            }
            let focus = if i == 0 {
                vec![first]
            } else {
                vec![first, chosen.clone()]
            };
            c.focus.set(focus);
        }
        None => {
            c.hidden.update(|h| {
                names.iter().for_each(|n| {
                    h.remove(n);
                })
            });
            c.focus.set(Vec::new());
        }
    }
}

/// Percent with one decimal.
fn pct(x: f64) -> String {
    format!("{:.1}", 100.0 * x)
}

/// The section, when the shown benchmark has a run of two or more checkpoints.
#[component]
pub fn StepsSection() -> impl IntoView {
    let page = use_page();
    let runs = page.results.steps;
    // The slider's checkpoint (index into the first run's points); None: every checkpoint.
    let at = RwSignal::new(None::<usize>);
    let marked = Memo::new(move |_| {
        let i = at.get()?;
        runs.with(|r| r.first()?.points.get(i).map(|p| p.step))
    });
    let canvas = NodeRef::<Canvas>::new();
    let figure = StepsFigure { runs, marked };
    draw_on(canvas, page.dark.into(), figure, |()| ());
    // The open gained / lost list: (run, step index, lost?).
    let open = RwSignal::new(None::<(usize, usize, bool)>);
    let export = move |_| {
        page.steps_csv(move |csv| {
            page.report(
                "steps.csv",
                csv.and_then(|csv| offer_csv("steps.csv", &csv)),
            );
        })
    };
    let on_slide = move |ev: leptos::ev::Event| {
        let i = event_target_value(&ev).parse::<usize>().ok();
        at.set(i);
        runs.with_untracked(|r| {
            if let Some(run) = r.first() {
                walk_to(page, run, i);
            }
        });
    };
    let show_all = move |_| {
        at.set(None);
        runs.with_untracked(|r| {
            if let Some(run) = r.first() {
                walk_to(page, run, None);
            }
        });
    };
    let slider = move || {
        runs.with(|r| {
            let run = r.first()?;
            let last = run.points.len().saturating_sub(1);
            let i = at.get().unwrap_or(last).min(last);
            let point = &run.points[i];
            let label = if at.get().is_some() {
                format!(
                    "{} at step {}: against step {} in the coverage and per-problem views",
                    run.run, point.step, run.points[0].step
                )
            } else {
                format!("Every checkpoint of {} is shown; move the slider to walk through training.", run.run)
            };
            Some(view! {
                <div class="steps-walk">
                    <label>
                        "Step "
                        <input
                            type="range"
                            data-testid="steps-slider"
                            data-run=run.run.clone()
                            data-step=point.step.to_string()
                            min="0"
                            max=last.to_string()
                            step="1"
                            prop:value=i.to_string()
                            on:input=on_slide
                        />
                        <strong>{point.step}</strong>
                    </label>
                    <button class="link" data-testid="steps-all" on:click=show_all disabled=move || at.get().is_none()>
                        "Show every checkpoint"
                    </button>
                    <p class="note">{label}</p>
                </div>
            })
        })
    };
    let table = move || {
        runs.with(|runs| {
            runs.iter()
                .enumerate()
                .map(|(r, run)| {
                    let several = runs.len() > 1;
                    let first = run.points.first().map_or(0, |p| p.step);
                    view! {
                        {several.then(|| view! { <h3>{run.run.clone()}</h3> })}
                        <div class="table-scroll">
                            <table class="summary-table" data-testid="steps-table" data-run=run.run.clone()>
                                <thead>
                                    <tr>
                                        <th class="num">"step"</th>
                                        <th class="num">"pass@1 [95 % CI]"</th>
                                        <th class="num">{format!("pass@{} [95 % CI]", run.k)}</th>
                                        <th class="num" title=format!("pass@{}(step {first}) − pass@1(step)", run.k)>"Δ_SE"</th>
                                        <th class="num" title=format!("smallest k with pass@k(step {first}) ≥ pass@k(step)")>"crossover k"</th>
                                        <th class="num">{format!("gained vs step {first}")}</th>
                                        <th class="num">{format!("lost vs step {first}")}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {run.points.iter().enumerate().map(|(i, p)| {
                                        let count = move |lost: bool, n: usize| {
                                            let testid = if lost { "step-lost" } else { "step-gained" };
                                            view! {
                                                <button
                                                    class="link"
                                                    data-testid=testid
                                                    data-value=n
                                                    disabled=n == 0
                                                    on:click=move |_| open.update(|o| {
                                                        *o = if *o == Some((r, i, lost)) { None } else { Some((r, i, lost)) }
                                                    })
                                                >
                                                    {n}
                                                </button>
                                            }
                                        };
                                        view! {
                                            <tr
                                                data-testid="step-row"
                                                data-run=run.run.clone()
                                                data-step=p.step.to_string()
                                                data-pass-at-1=p.pass_at_1.to_string()
                                                data-pass-at-k=p.pass_at_k.to_string()
                                                data-delta-se=p.delta_se.to_string()
                                            >
                                                <td class="num">{p.step}</td>
                                                <td class="num">{format!("{} [{}, {}]", pct(p.pass_at_1), pct(p.band_at_1.low), pct(p.band_at_1.high))}</td>
                                                <td class="num">{format!("{} [{}, {}]", pct(p.pass_at_k), pct(p.band_at_k.low), pct(p.band_at_k.high))}</td>
                                                <td class="num">{format!("{:+.1}", 100.0 * p.delta_se)}</td>
                                                <td class="num">{p.crossover.map_or_else(|| "none".to_owned(), |k| k.to_string())}</td>
                                                <td class="num">{count(false, p.gained.len())}</td>
                                                <td class="num">{count(true, p.lost.len())}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    let list = move || {
        let (r, i, lost) = open.get()?;
        runs.with(|runs| {
            let run = runs.get(r)?;
            let p = run.points.get(i)?;
            let ids = if lost { &p.lost } else { &p.gained };
            let shown: Vec<(String, String)> = ids
                .iter()
                .take(LISTED)
                .map(|id| (id.clone(), id.clone()))
                .collect();
            let more = ids.len().saturating_sub(LISTED);
            let what = if lost {
                format!(
                    "solved at step {} (some sample correct) and never at step {}",
                    run.points[0].step, p.step
                )
            } else {
                format!(
                    "never solved at step {} and solved at step {}",
                    run.points[0].step, p.step
                )
            };
            Some(view! {
                <div class="region-list" data-testid="step-problems">
                    <p class="note">{format!("{} problem(s) {what}:", ids.len())}</p>
                    {id_buttons(shown, more)}
                </div>
            })
        })
    };
    move || {
        (!runs.with(Vec::is_empty)).then(|| {
            view! {
                <section class="panel" data-testid="steps-section">
                    <div class="panel-head">
                        <h2>"Over training: pass@1 rises, what is solved at all does not"</h2>
                        <div class="buttons">
                            <button data-testid="export-steps-csv" on:click=export>
                                "Download steps.csv"
                            </button>
                        </div>
                    </div>
                    <ChartBox
                        canvas=canvas
                        testid="chart-steps"
                        label="pass@1 and pass@K of each training run against its step, with Δ_SE against the first step"
                        figure=figure
                        name="training-steps"
                    />
                    {slider}
                    {table}
                    {list}
                    <p class="note">
                        "Each checkpoint is the model <run>@<step>. pass@K uses K = min(256, the smallest n of the run's checkpoints); Δ_SE is pass@K of the first checkpoint minus pass@1 of this one (Yue et al., 2025). "
                        "Gained and lost count the problems solved by at least one of the full n samples, over the problems both checkpoints have."
                    </p>
                </section>
            }
        })
    }
}
