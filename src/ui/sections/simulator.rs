//! The sharpening simulator (works with no data): base success rates from Beta(a, b) or from
//! the loaded base model, RL as sharpening plus lost problems, and the analytic pass@k curves
//! that follow, redrawn as the sliders move.

use crate::chart::passk::{draw, Annotations, Line, Options};
use crate::chart::style::Style;
use crate::ui::canvas::{draw_on, Figure};
use crate::ui::chart_box::ChartBox;
use crate::ui::state::use_page;
use leptos::html::Canvas;
use leptos::prelude::*;
use passk_lens_core::explain::simulate::{beta_rates, simulate, Rl, Simulation};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

/// Problems simulated from Beta(a, b), and the largest k drawn.
const PROBLEMS: usize = 500;
const K_MAX: usize = 1024;

/// The simulated curves as drawn now.
#[derive(Clone, Copy)]
pub struct SimFigure {
    pub sim: Memo<Simulation>,
}

impl SimFigure {
    /// The simulator at its defaults, on Beta(a, b) rates (for the talk's last slide).
    pub fn defaults() -> Self {
        let sim = Memo::new(move |_| {
            let rl = Rl {
                gamma: DEFAULTS.2,
                pivot: DEFAULTS.3,
                lost: DEFAULTS.4,
            };
            simulate(&beta_rates(PROBLEMS, DEFAULTS.0, DEFAULTS.1, 7), rl, K_MAX)
        });
        SimFigure { sim }
    }
}

/// a, b, γ, τ and the share lost: defaults that resemble MATH500 (Qwen2.5-7B → SimpleRL-Zoo):
/// pass@1 about 60 → 77 %, crossing near k = 16.
const DEFAULTS: (f64, f64, f64, f64, f64) = (0.5, 0.35, 2.0, 0.05, 0.05);

impl Figure for SimFigure {
    type Drawn = ();
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<(), String> {
        self.sim.with(|s| {
            let k_se = 256.min(s.base.len());
            let lines = [
                Line {
                    label: "base model".into(),
                    values: &s.base,
                    band: None,
                    color_index: 0,
                    sampled: None,
                },
                Line {
                    label: "RL model (sharpened)".into(),
                    values: &s.rl,
                    band: None,
                    color_index: 1,
                    sampled: None,
                },
            ];
            let annotations = Annotations {
                crossover: s.crossover.map(|k| (k, s.base[k - 1])),
                delta_se: (s.rl[0] > s.base[0]).then(|| (k_se, s.rl[0], s.base[k_se - 1])),
            };
            let opts = Options {
                style: *style,
                y_label: "pass@k",
                log_x: true,
                annotations,
            };
            draw(area, &lines, &opts)
                .map(|_| ())
                .map_err(|e| format!("{e:?}"))
        })
    }
}

/// One labelled slider.
#[component]
fn Slider(
    /// The `data-testid` of the input.
    testid: &'static str,
    /// What the slider sets.
    label: &'static str,
    min: f64,
    max: f64,
    step: f64,
    value: RwSignal<f64>,
) -> impl IntoView {
    view! {
        <label class="control sim-slider">
            <span>{label}</span>
            <input
                type="range"
                data-testid=testid
                min=min
                max=max
                step=step
                prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    if let Some(v) = crate::ui::input_number(&ev) {
                        value.set(v);
                    }
                }
            />
            <output>{move || format!("{:.2}", value.get())}</output>
        </label>
    }
}

/// The `simulator` section.
#[component]
pub fn SimulatorSection() -> impl IntoView {
    let page = use_page();
    // Per-problem success rates (c/n) of the loaded base model; empty without data.
    let base_rates = page.results.base_rates;
    let a = RwSignal::new(DEFAULTS.0);
    let b = RwSignal::new(DEFAULTS.1);
    let gamma = RwSignal::new(DEFAULTS.2);
    let pivot = RwSignal::new(DEFAULTS.3);
    let lost = RwSignal::new(DEFAULTS.4);
    let from_data = RwSignal::new(false);
    let beta = Memo::new(move |_| beta_rates(PROBLEMS, a.get(), b.get(), 7));
    let sim = Memo::new(move |_| {
        let rl = Rl {
            gamma: gamma.get(),
            pivot: pivot.get(),
            lost: lost.get(),
        };
        let run = |rates: &Vec<f64>| simulate(rates, rl, K_MAX);
        if from_data.get() && base_rates.with(|r| !r.is_empty()) {
            base_rates.with(run)
        } else {
            beta.with(run)
        }
    });
    let canvas = NodeRef::<Canvas>::new();
    let figure = SimFigure { sim };
    draw_on(canvas, page.dark.into(), figure, |()| ());
    let summary = move || {
        sim.with(|s| {
            let cross = s.crossover.map_or("they do not cross".to_owned(), |k| format!("the base model catches up at k = {k}"));
            format!(
                "pass@1: RL {:.1} %, base {:.1} %; {cross}. Solvable with enough samples: base {:.0} %, RL {:.0} % of problems.",
                100.0 * s.rl[0],
                100.0 * s.base[0],
                100.0 * s.coverage.0,
                100.0 * s.coverage.1
            )
        })
    };
    let cross_value = move || sim.with(|s| s.crossover.map(|k| k.to_string()).unwrap_or_default());
    view! {
        <section class="panel">
        <h2>"Why sharpening makes the curves cross: a simulator"</h2>
        <div class="simulator" data-testid="simulator">
            <p class="note">
                "Each problem has a base success rate p. RL that only sharpens multiplies the odds of p around a pivot τ: "
                "p ↦ p^γ / (p^γ + (1 − p)^γ · (τ / (1 − τ))^(γ − 1)), the symmetric p^γ / (p^γ + (1 − p)^γ) at τ = ½. "
                "Rates above τ rise, rates below fall towards 0, and some rarely solved problems are lost. "
                "The curves are exact for infinitely many samples: pass@k = mean of 1 − (1 − p)^k."
            </p>
            <div class="sim-controls">
                <label class="control">
                    <span>"Base rates from"</span>
                    <select
                        data-testid="sim-source"
                        prop:value=move || if from_data.get() { "data" } else { "beta" }
                        on:change=move |ev| from_data.set(event_target_value(&ev) == "data")
                    >
                        <option value="beta">{format!("Beta(a, b), {PROBLEMS} problems")}</option>
                        <option value="data" disabled=move || base_rates.with(Vec::is_empty)>"the loaded base model (c / n)"</option>
                    </select>
                </label>
                <Slider testid="sim-a" label="a" min=0.1 max=1.0 step=0.05 value=a />
                <Slider testid="sim-b" label="b" min=0.1 max=1.0 step=0.05 value=b />
                <Slider testid="sim-gamma" label="sharpening γ" min=1.0 max=6.0 step=0.1 value=gamma />
                <Slider testid="sim-pivot" label="pivot τ" min=0.01 max=0.5 step=0.01 value=pivot />
                <Slider testid="sim-lost" label="share of solved problems lost" min=0.0 max=0.5 step=0.01 value=lost />
            </div>
            <ChartBox
                canvas=canvas
                testid="chart-simulator"
                label="simulated pass@k of the base model and of its sharpened RL version"
                figure=figure
                name="simulator"
                independent=true
            />
            <p class="sim-summary" data-testid="sim-summary" data-crossover=cross_value>{summary}</p>
        </div>
        </section>
    }
}
