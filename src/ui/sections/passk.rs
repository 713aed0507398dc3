//! The pass@k section: the chart with its legend toggles, log/linear axis, the crossover and
//! Δ_SE of the first comparison, and a hover read-out of every visible model at the k under
//! the pointer.

use crate::chart::palette::{css, model_color};
use crate::chart::passk::{draw, Annotations, Geometry, Line, Options};
use crate::chart::style::Style;
use crate::ui::canvas::{draw_on, pointer_px, Figure};
use crate::ui::chart_box::ChartBox;
use crate::ui::state::use_page;
use leptos::html::Canvas;
use leptos::prelude::*;
use passk_lens_core::explain::snapshot::MetricCurve;
use passk_lens_core::stats::compare::Comparison;
use passk_lens_core::stats::dataset::{spans_benchmarks, ModelCurve};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;

/// One line per visible curve: pass@k with its band, or pass^k. Legend labels name the
/// benchmark only when there is more than one.
fn lines<'a>(curves: &'a [ModelCurve], hat: bool, hidden: &BTreeSet<String>) -> Vec<Line<'a>> {
    let several = spans_benchmarks(curves);
    curves
        .iter()
        .filter(|c| !hidden.contains(&c.model))
        .map(|c| Line {
            label: if several {
                format!("{} · {}", c.benchmark, c.model)
            } else {
                c.model.clone()
            },
            values: if hat { &c.pass_hat_k } else { &c.pass_at_k },
            band: (!hat).then_some(c.bands.as_slice()),
            color_index: c.model_index,
            sampled: None,
        })
        .collect()
}

/// The crossover and Δ_SE of the first comparison whose two models are both visible.
fn annotations(
    curves: &[ModelCurve],
    comparisons: &[Comparison],
    hidden: &BTreeSet<String>,
) -> Annotations {
    let find = |b: &str, m: &str| {
        curves
            .iter()
            .find(|c| c.benchmark == b && c.model == m && !hidden.contains(m))
    };
    for cmp in comparisons {
        let (Some(base), Some(model)) = (
            find(&cmp.benchmark, &cmp.base),
            find(&cmp.benchmark, &cmp.model),
        ) else {
            continue;
        };
        return Annotations {
            crossover: cmp.crossover.map(|k| (k, base.pass_at_k[k - 1])),
            delta_se: Some((cmp.k_se, model.pass_at_k[0], base.pass_at_k[cmp.k_se - 1])),
        };
    }
    Annotations {
        crossover: None,
        delta_se: None,
    }
}

/// The pass@k chart as drawn now: the visible curves, pass@k or pass^k, the axis.
#[derive(Clone, Copy)]
pub struct PassKFigure {
    pub curves: Memo<Vec<ModelCurve>>,
    pub comparisons: Memo<Vec<Comparison>>,
    pub show_hat: RwSignal<bool>,
    pub hidden: RwSignal<BTreeSet<String>>,
    pub log_x: RwSignal<bool>,
    /// Another measure instead, when chosen.
    pub metric: Option<OtherMetric>,
}

/// The Bayesian pass@k (solid to each model's n, dashed beyond) or maj@k: which is chosen, and
/// its curves.
#[derive(Clone, Copy)]
pub struct OtherMetric {
    pub bayes: RwSignal<bool>,
    pub maj: RwSignal<bool>,
    pub curves: Memo<Vec<MetricCurve>>,
}

/// Another measure's curves as chart lines: no band, dashed past the samples' reach.
fn metric_lines<'a>(
    curves: &'a [MetricCurve],
    hidden: &BTreeSet<String>,
    name: &str,
) -> Vec<Line<'a>> {
    curves
        .iter()
        .filter(|c| !hidden.contains(&c.model))
        .map(|c| Line {
            label: format!("{} ({name})", c.model),
            values: &c.values,
            band: None,
            color_index: c.model_index,
            sampled: Some(c.sampled),
        })
        .collect()
}

impl PassKFigure {
    /// Every curve, pass@k on a log axis, with the first comparison's marks (for slides).
    pub fn plain(curves: Memo<Vec<ModelCurve>>, comparisons: Memo<Vec<Comparison>>) -> Self {
        PassKFigure {
            curves,
            comparisons,
            show_hat: RwSignal::new(false),
            hidden: RwSignal::new(BTreeSet::new()),
            log_x: RwSignal::new(true),
            metric: None,
        }
    }

    /// The other measure drawn, if one is: whether it is maj@k, and its curves.
    fn shown_metric(&self) -> Option<(bool, Memo<Vec<MetricCurve>>)> {
        let OtherMetric { bayes, maj, curves } = self.metric?;
        (!self.show_hat.get() && (bayes.get() || maj.get())).then(|| (maj.get(), curves))
    }
}

impl Figure for PassKFigure {
    type Drawn = Option<Geometry>;
    fn draw<DB: plotters::prelude::DrawingBackend>(
        &self,
        area: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
        style: &Style,
    ) -> Result<Option<Geometry>, String> {
        let hat = self.show_hat.get();
        if let Some((maj, curves)) = self.shown_metric() {
            let opts = Options {
                style: *style,
                y_label: if maj {
                    "maj@k (majority vote, ties split)"
                } else {
                    "Bayesian pass@k (dashed: beyond the samples)"
                },
                log_x: self.log_x.get(),
                annotations: Annotations {
                    crossover: None,
                    delta_se: None,
                },
            };
            let name = if maj { "maj@k" } else { "Bayesian" };
            return curves.with(|b| {
                self.hidden.with(|h| {
                    draw(area, &metric_lines(b, h, name), &opts).map_err(|e| format!("{e:?}"))
                })
            });
        }
        let y_label = if hat { "pass^k" } else { "pass@k" };
        self.curves.with(|c| {
            self.hidden.with(|h| {
                let annotations = if hat {
                    Annotations {
                        crossover: None,
                        delta_se: None,
                    }
                } else {
                    self.comparisons.with(|cmp| annotations(c, cmp, h))
                };
                let opts = Options {
                    style: *style,
                    y_label,
                    log_x: self.log_x.get(),
                    annotations,
                };
                draw(area, &lines(c, hat, h), &opts).map_err(|e| format!("{e:?}"))
            })
        })
    }
}

/// The pass@k curves of the selected benchmark, or pass^k.
#[component]
pub fn PassKSection() -> impl IntoView {
    let page = use_page();
    let (curves, comparisons) = (page.results.shown_curves, page.results.shown_comparisons);
    let (show_hat, hidden, log_x) = (
        page.choices.show_hat,
        page.choices.hidden,
        page.choices.log_x,
    );
    let canvas = NodeRef::<Canvas>::new();
    let geometry = StoredValue::new(None::<Geometry>);
    let hover = RwSignal::new(None::<(usize, f64, f64)>);

    let figure = PassKFigure {
        curves,
        comparisons,
        show_hat,
        hidden,
        log_x,
        metric: Some(OtherMetric {
            bayes: page.choices.bayes,
            maj: page.choices.maj,
            curves: page.results.metric,
        }),
    };
    draw_on(canvas, page.dark.into(), figure, move |g| {
        geometry.set_value(g)
    });

    let on_move = Callback::new(move |ev: leptos::ev::PointerEvent| {
        let (x, _) = pointer_px(&ev);
        let k = geometry.with_value(|g| g.as_ref().and_then(|g| g.k_at(x)));
        // On the right half the read-out opens to the left of the pointer, inside the chart.
        let right_half = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| f64::from(ev.offset_x()) > f64::from(el.client_width()) / 2.0);
        let x = f64::from(ev.offset_x());
        hover.set(k.map(|k| (k, if right_half { -x } else { x }, f64::from(ev.offset_y()))));
    });
    let tooltip = move || {
        let (k, x, y) = hover.get()?;
        let hat = show_hat.get();
        if figure.shown_metric().is_some() {
            let rows = page.results.metric.with(|b| {
                hidden.with(|h| {
                    b.iter()
                        .filter(|c| !h.contains(&c.model))
                        .filter_map(|c| {
                            let v = c.values.get(k - 1)?;
                            let beyond = if k > c.sampled { " (beyond n)" } else { "" };
                            Some((
                                c.model_index,
                                c.model.clone(),
                                format!("{:.1} %{beyond}", 100.0 * v),
                            ))
                        })
                        .collect::<Vec<_>>()
                })
            });
            return Some(tooltip_view(k, x, y, rows));
        }
        let rows = curves.with(|c| {
            hidden.with(|h| {
                c.iter()
                    .filter(|c| !h.contains(&c.model))
                    .filter_map(|c| {
                        let v = if hat {
                            c.pass_hat_k.get(k - 1)
                        } else {
                            c.pass_at_k.get(k - 1)
                        }?;
                        let band = (!hat)
                            .then(|| c.bands[k - 1])
                            .map(|b| format!(" [{:.1}, {:.1}]", 100.0 * b.low, 100.0 * b.high))
                            .unwrap_or_default();
                        Some((
                            c.model_index,
                            c.model.clone(),
                            format!("{:.1} %{band}", 100.0 * v),
                        ))
                    })
                    .collect::<Vec<_>>()
            })
        });
        Some(tooltip_view(k, x, y, rows))
    };
    let legend = move || {
        curves.with(|c| {
            c.iter()
                .map(|c| {
                    let name = c.model.clone();
                    let toggle = name.clone();
                    let checked = name.clone();
                    let swatch = format!("background:{}", css(model_color(c.model_index)));
                    view! {
                        <label class="legend-item">
                            <input
                                type="checkbox"
                                data-testid="legend-toggle"
                                data-model=name.clone()
                                prop:checked=move || hidden.with(|h| !h.contains(&checked))
                                on:change=move |_| hidden.update(|h| if !h.remove(&toggle) { h.insert(toggle.clone()); })
                            />
                            <span class="swatch" style=swatch></span>
                            {name}
                        </label>
                    }
                })
                .collect_view()
        })
    };

    // Which problems maj@k is over, and which models have no curve.
    let maj_note = move || {
        if page.results.maj_pending.get() {
            return "Counting the votes of every problem for every k, on the other cores…".into();
        }
        let (metric, counts) = (page.results.metric, page.results.maj_problems);
        let over = metric.with(|m| {
            counts.with(|c| {
                m.iter()
                    .zip(c)
                    .map(|(m, c)| format!("{} {c}", m.model))
                    .collect::<Vec<_>>()
            })
        });
        let missing = curves.with(|c| {
            metric.with(|m| {
                c.iter()
                    .filter(|c| !m.iter().any(|m| m.model == c.model))
                    .map(|c| c.model.clone())
                    .collect::<Vec<_>>()
            })
        });
        let mut text = format!(
            "The most frequent extracted answer among k samples, a tie split evenly; samples without an answer do not vote. Problems with answers: {}.",
            if over.is_empty() { "none".into() } else { over.join(", ") }
        );
        if !missing.is_empty() {
            text += &format!(
                " No maj@k for {} (no extracted answers, or over 1024 samples per problem).",
                missing.join(", ")
            );
        }
        text
    };

    view! {
        <section class="panel">
            <h2>{move || if show_hat.get() {
                "pass^k — all k samples correct"
            } else if page.choices.bayes.get() {
                "Bayesian pass@k (Beta(1, 1) prior) — dashed beyond the samples"
            } else if page.choices.maj.get() {
                "maj@k — majority vote over the samples' extracted answers"
            } else {
                "pass@k with 95 % bootstrap bands"
            }}</h2>
            <div class="chart-options">
                <div class="legend">{legend}</div>
                <label class="control toggle">
                    <input type="checkbox" data-testid="toggle-log-x" prop:checked=move || log_x.get() on:change=move |ev| log_x.set(event_target_checked(&ev)) />
                    <span>"log₂ k axis"</span>
                </label>
            </div>
            <ChartBox
                canvas=canvas
                testid="chart-passk"
                label="pass@k curves, one line per model, with 95 % bands"
                figure=figure
                name="passk"
                empty=page.results.empty
                on_pointer_move=on_move
                on_pointer_leave=Callback::new(move |()| hover.set(None))
            >
                {tooltip}
            </ChartBox>
            {move || figure.shown_metric().filter(|(maj, _)| *maj).map(|_| view! {
                <p class="note" data-testid="maj-note">{maj_note}</p>
            })}
        </section>
    }
}

/// The read-out under the pointer: k and each visible model's value.
/// A negative `x` is a pointer on the chart's right half: the read-out opens to its left.
fn tooltip_view(k: usize, x: f64, y: f64, rows: Vec<(usize, String, String)>) -> AnyView {
    let style = if x < 0.0 {
        format!(
            "left:{}px;top:{}px;transform:translateX(-100%)",
            -x - 14.0,
            y + 14.0
        )
    } else {
        format!("left:{}px;top:{}px", x + 14.0, y + 14.0)
    };
    view! {
        <div class="tooltip" data-testid="chart-tooltip" data-k=k style=style>
            <strong>{format!("k = {k}")}</strong>
            {rows
                .into_iter()
                .map(|(i, name, value)| {
                    let swatch = format!("background:{}", css(model_color(i)));
                    view! { <div><span class="swatch" style=swatch></span>{name} ": " {value}</div> }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}
