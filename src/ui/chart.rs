//! The pass@k chart on a canvas, sized for devicePixelRatio and redrawn when the data or the
//! container's size changes.

use crate::chart::passk::{draw, Line, Options};
use crate::core::dataset::{spans_benchmarks, ModelCurve};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// Legend labels name the benchmark only when there is more than one.
fn lines(curves: &[ModelCurve]) -> Vec<Line<'_>> {
    let several = spans_benchmarks(curves);
    curves
        .iter()
        .map(|c| Line {
            label: if several {
                format!("{} · {}", c.benchmark, c.model)
            } else {
                c.model.clone()
            },
            values: &c.pass_at_k,
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
        curves.with(|c| {
            if let Err(e) = draw(
                &area,
                &lines(c),
                &Options {
                    scale,
                    ..Options::default()
                },
            ) {
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
