//! Problem by problem: each problem's share of correct samples under the base model against
//! another model, as a scatter with marginals or sorted by the base model's rate.

use crate::chart::problems::{self, Pair};
use crate::chart::style::Style;
use crate::ui::canvas::{draw_on, Figure};
use crate::ui::chart_box::ChartBox;
use crate::ui::state::use_page;
use leptos::html::Canvas;
use leptos::prelude::*;
use passk_lens_core::explain::views::ProblemPoint;
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
    type Drawn = ();
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<(), String> {
        self.pair
            .with(|((b, bi), (m, mi))| {
                let pair = Pair {
                    base: (b, *bi),
                    model: (m, *mi),
                };
                self.points.with(|p| {
                    if self.sorted.get() {
                        problems::draw_sorted(area, p, &pair, style)
                    } else {
                        problems::draw(area, p, &pair, style)
                    }
                })
            })
            .map_err(|e| format!("{e:?}"))
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
    draw_on(canvas, page.dark.into(), figure, |()| ());
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
            />
            <p class="note">
                "Each dot is a problem: its share of correct samples under the base model (x) and the other model (y). "
                "Above the diagonal the other model got better at it; crosses are problems the base model solves sometimes and the other never."
            </p>
        </section>
    }
}
