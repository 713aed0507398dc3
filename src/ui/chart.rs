//! The pass@k chart on a canvas, sized for devicePixelRatio and redrawn when the data or the
//! container's size changes.

use crate::chart::passk::{draw, Line, Options};
use crate::core::dataset::{spans_benchmarks, ModelCurve};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// One line per curve: pass@k with its band, or pass^k. Legend labels name the benchmark only
/// when there is more than one.
fn lines(curves: &[ModelCurve], hat: bool) -> Vec<Line<'_>> {
    let several = spans_benchmarks(curves);
    curves
        .iter()
        .map(|c| Line {
            label: if several {
                format!("{} · {}", c.benchmark, c.model)
            } else {
                c.model.clone()
            },
            values: if hat { &c.pass_hat_k } else { &c.pass_at_k },
            band: (!hat).then_some(c.bands.as_slice()),
            color_index: c.model_index,
        })
        .collect()
}

/// Sizes the canvas's backing store to its CSS box × devicePixelRatio; returns the ratio.
fn fit_to_box(canvas: &web_sys::HtmlCanvasElement) -> f64 {
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let (w, h) = (
        canvas.client_width().max(1) as f64,
        canvas.client_height().max(1) as f64,
    );
    canvas.set_width((w * dpr).round() as u32);
    canvas.set_height((h * dpr).round() as u32);
    dpr
}

/// The pass@k curves of every (benchmark, model).
#[component]
pub fn PassKChart(
    /// The curves to draw.
    curves: Memo<Vec<ModelCurve>>,
    /// Draw pass^k instead of pass@k.
    show_hat: RwSignal<bool>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());

    Effect::new(move |_| {
        resized.track();
        let Some(el) = canvas.get() else { return };
        let scale = fit_to_box(&el);
        let Some(backend) = CanvasBackend::with_canvas_object(el) else {
            return;
        };
        let area = backend.into_drawing_area();
        let hat = show_hat.get();
        let y_label = if hat { "pass^k" } else { "pass@k" };
        let opts = Options { scale, y_label };
        curves.with(|c| {
            if let Err(e) = draw(&area, &lines(c, hat), &opts) {
                leptos::logging::warn!("pass@k chart: {e:?}");
            }
        });
        let _ = area.present();
    });

    view! {
        <div class="chart-box">
            <canvas
                node_ref=canvas
                data-testid="chart-passk"
                role="img"
                aria-label="pass@k curves, one line per model, over a log2 k axis"
            ></canvas>
        </div>
    }
}
