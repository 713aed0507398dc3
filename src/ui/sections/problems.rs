//! Problem by problem: each problem's share of correct samples under the base model against
//! another model, as a scatter with marginals or sorted by the base model's rate.

use crate::chart::accuracy::{self, Bins};
use crate::chart::problems::{self, Pair};
use crate::chart::style::Style;
use crate::ui::canvas::{draw_on, pointer_px, Figure};
use crate::ui::chart_box::ChartBox;
use crate::ui::sections::drawer::{id_buttons, scroll_to_drawer};
use crate::ui::state::use_page;
use leptos::html::Canvas;
use leptos::prelude::*;
use passk_lens_core::explain::views::{Accuracy, ProblemPoint, ACCURACY_LABELS};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// The per-problem chart as drawn now.
#[derive(Clone, Copy)]
pub struct ProblemsFigure {
    pub points: Memo<Vec<ProblemPoint>>,
    pub pair: Memo<((String, usize), (String, usize))>,
    pub sorted: RwSignal<bool>,
}

impl Figure for ProblemsFigure {
    type Drawn = Option<problems::Plot>;
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<Option<problems::Plot>, String> {
        self.pair
            .with(|((b, bi), (m, mi))| {
                let pair = Pair {
                    base: (b, *bi),
                    model: (m, *mi),
                };
                self.points.with(|p| {
                    if self.sorted.get() {
                        problems::draw_sorted(area, p, &pair, style).map(|()| None)
                    } else {
                        problems::draw(area, p, &pair, style)
                    }
                })
            })
            .map_err(|e| format!("{e:?}"))
    }
}

/// The accuracy histogram as drawn now.
#[derive(Clone, Copy)]
pub struct AccuracyFigure {
    pub series: Memo<Vec<Accuracy>>,
    pub marked: RwSignal<Option<usize>>,
}

impl Figure for AccuracyFigure {
    type Drawn = Option<Bins>;
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<Option<Bins>, String> {
        let marked = self.marked.get();
        self.series
            .with(|s| accuracy::draw(area, s, marked, style))
            .map_err(|e| format!("{e:?}"))
    }
}

/// Problems listed per model and bin (problems.csv has every problem's counts).
const LISTED: usize = 200;

/// The accuracy histogram; a click on a bin lists its problems per model.
#[component]
fn AccuracyChart() -> impl IntoView {
    let page = use_page();
    let series = page.results.accuracy;
    let canvas = NodeRef::<Canvas>::new();
    let marked = RwSignal::new(None::<usize>);
    let bins = StoredValue::new(None::<Bins>);
    let figure = AccuracyFigure { series, marked };
    draw_on(canvas, page.dark.into(), figure, move |b| bins.set_value(b));
    let on_click = Callback::new(move |ev: leptos::ev::MouseEvent| {
        let (x, _) = pointer_px(&ev);
        let bin = bins.with_value(|b| b.as_ref().and_then(|b| b.bin_at(x)));
        marked.set(if marked.get_untracked() == bin {
            None
        } else {
            bin
        });
    });
    let list = move || {
        let bin = marked.get()?;
        Some(series.with(|all| {
            view! {
                <div class="region-list" data-testid="accuracy-problems" data-bin=bin>
                    <p class="note">{format!("Problems with c/n in bin “{}” (click the bin again to close):", ACCURACY_LABELS[bin])}</p>
                    {all.iter().map(|s| {
                        let ids = &s.bins[bin];
                        let shown: Vec<(String, String)> = ids.iter().take(LISTED).map(|id| (id.clone(), id.clone())).collect();
                        let more = ids.len().saturating_sub(LISTED);
                        view! {
                            <div
                                data-testid="accuracy-bin"
                                data-model=s.model.clone()
                                data-bin=bin
                                data-count=ids.len()
                            >
                                <strong>{format!("{} ({}): ", s.model, ids.len())}</strong>
                                {id_buttons(shown, more)}
                            </div>
                        }
                    }).collect_view()}
                </div>
            }
        }))
    };
    view! {
        <h3>"How often each problem is solved"</h3>
        <ChartBox
            canvas=canvas
            testid="chart-accuracy"
            label="histogram of per-problem success rates c/n, one series per model"
            figure=figure
            name="accuracy"
            on_click=on_click
        />
        {list}
        <p class="note">
            "Problems by the share of their samples that are correct. Sharpening moves problems to both ends: more always solved, more never solved. Click a bin to list its problems."
        </p>
    }
}

/// The section: the model to compare with the base, the sorted toggle and the chart.
#[component]
pub fn ProblemsSection() -> impl IntoView {
    let page = use_page();
    let r = page.results;
    let canvas = NodeRef::<Canvas>::new();
    let sorted = RwSignal::new(false);
    let figure = ProblemsFigure {
        points: r.points,
        pair: r.pair,
        sorted,
    };
    let plot = StoredValue::new(None::<problems::Plot>);
    draw_on(canvas, page.dark.into(), figure, move |p| plot.set_value(p));
    // A click on a dot opens its problem in the drawer.
    let on_click = Callback::new(move |ev: leptos::ev::MouseEvent| {
        let at = pointer_px(&ev);
        let id = plot.with_value(|p| {
            let p = p.as_ref()?;
            r.points
                .with_untracked(|points| p.nearest(points, at, 12.0).map(|q| q.id.clone()))
        });
        if let Some(id) = id {
            page.choices.problem.set(Some(id));
            scroll_to_drawer();
        }
    });
    view! {
        <section class="panel">
            <div class="panel-head">
                <h2>"Problem by problem: sharpened, lost, gained"</h2>
                <label class="control">
                    <span>"Compare the base model with"</span>
                    <select
                        data-testid="problems-model"
                        prop:value=move || r.other_name.get()
                        on:change=move |ev| page.choices.other.set(Some(event_target_value(&ev)))
                    >
                        {move || r.others.get().into_iter().map(|n| {
                            let text = n.clone();
                            view! { <option value=n>{text}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <label class="control toggle">
                <input type="checkbox" data-testid="problems-sorted" prop:checked=move || sorted.get() on:change=move |ev| sorted.set(event_target_checked(&ev)) />
                <span>"Sorted view (problems ordered by the base model's rate)"</span>
            </label>
            <ChartBox
                canvas=canvas
                testid="chart-problems"
                label="per-problem share of correct samples, base model against the other model"
                figure=figure
                name="problems"
                on_click=on_click
            />
            <p class="note">
                "Each dot is a problem: its share of correct samples under the base model (x) and the other model (y). "
                "Above the diagonal the other model got better at it; crosses are problems the base model solves sometimes and the other never."
            </p>
            <AccuracyChart />
        </section>
    }
}
