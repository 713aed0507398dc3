//! Drawing a chart on a `<canvas>`: the backing store is sized to the CSS box ×
//! devicePixelRatio (plotters-canvas does not do it), and the chart is redrawn whenever what the
//! drawing reads changes, the theme flips, or the window is resized.

use crate::chart::style::{Style, DARK, LIGHT};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The drawing area of a canvas.
pub type Area = DrawingArea<CanvasBackend, Shift>;

/// Sizes the canvas's backing store to its CSS box × devicePixelRatio; returns the ratio.
fn fit_to_box(canvas: &web_sys::HtmlCanvasElement) -> f64 {
    let dpr = device_pixel_ratio();
    let (w, h) = (
        f64::from(canvas.client_width().max(1)),
        f64::from(canvas.client_height().max(1)),
    );
    canvas.set_width((w * dpr).round() as u32);
    canvas.set_height((h * dpr).round() as u32);
    dpr
}

/// Draws `draw` into `canvas` now and whenever anything it reads changes or its box is resized.
pub fn draw_on(
    canvas: NodeRef<Canvas>,
    dark: Signal<bool>,
    draw: impl Fn(&Area, &Style) + 'static,
) {
    let resized = RwSignal::new(0u32);
    // A ResizeObserver sees the canvas's own box change (window size, layout, zoom). Setting the
    // backing store's size does not change the CSS box, so drawing never re-triggers it.
    let on_resize = Closure::<dyn Fn()>::new(move || resized.update(|n| *n += 1));
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    let kept = StoredValue::new_local((observer, on_resize));
    Effect::new(move |_| {
        if let Some(el) = canvas.get() {
            kept.with_value(|(observer, _)| observer.as_ref().map(|o| o.observe(&el)));
        }
    });
    on_cleanup(move || {
        kept.with_value(|(observer, _)| observer.as_ref().map(web_sys::ResizeObserver::disconnect));
    });
    Effect::new(move |_| {
        resized.track();
        let Some(el) = canvas.get() else { return };
        let scale = fit_to_box(&el);
        let theme = if dark.get() { DARK } else { LIGHT };
        let Some(backend) = CanvasBackend::with_canvas_object(el) else {
            return;
        };
        let area = backend.into_drawing_area();
        draw(&area, &Style { scale, theme });
        let _ = area.present();
    });
}

/// Backend pixels per CSS pixel of the window.
fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0)
}

/// Where a pointer event landed on its canvas, in backend pixels (the drawing's coordinates).
pub fn pointer_px(ev: &web_sys::MouseEvent) -> (f64, f64) {
    let dpr = device_pixel_ratio();
    (
        f64::from(ev.offset_x()) * dpr,
        f64::from(ev.offset_y()) * dpr,
    )
}
