//! Drawing a chart on a `<canvas>`, and exporting it. The backing store is sized to the CSS box
//! × devicePixelRatio (plotters-canvas does not do it), and the chart is redrawn whenever what
//! the drawing reads changes, the theme flips, or its box is resized. The same drawing, through
//! the `Figure` trait, renders the PNG (1920×1080 or 2×) and SVG exports.

use super::backend::PageBackend;
use super::state::use_page;
use crate::chart::style::{Style, DARK, LIGHT};
use crate::io::download::{download_blob, download_text};
use crate::io::error::{Error, Result};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A chart that draws itself on any plotters backend: its canvas, a PNG, an SVG.
pub trait Figure: Copy + 'static {
    /// What the canvas keeps from a drawing (for hit-testing the pointer).
    type Drawn: 'static;
    /// Draws the chart as it is now (reading signals tracks them).
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> std::result::Result<Self::Drawn, String>;
}

/// Sizes the canvas's backing store to its CSS box × devicePixelRatio; returns the scale of
/// lines and type: the ratio, times the box's width over 1100 CSS pixels when `zoom` (slides).
/// `observed` is the box as the ResizeObserver last reported it; reading the element's size
/// instead would force a layout in the middle of a redraw (a large share of a redraw's task
/// while k is dragged: BENCHMARKS.md), so it is read only before the first report.
fn fit_to_box(
    canvas: &web_sys::HtmlCanvasElement,
    zoom: bool,
    observed: Option<(f64, f64)>,
) -> f64 {
    let dpr = device_pixel_ratio();
    let (w, h) = observed.unwrap_or_else(|| {
        (
            f64::from(canvas.client_width()),
            f64::from(canvas.client_height()),
        )
    });
    let (w, h) = (w.max(1.0), h.max(1.0));
    canvas.set_width((w * dpr).round() as u32);
    canvas.set_height((h * dpr).round() as u32);
    if zoom {
        dpr * (w / 1100.0).max(1.0)
    } else {
        dpr
    }
}

/// Draws `figure` into `canvas` now and whenever anything it reads changes or its box is
/// resized; `drawn` receives what each drawing returns.
pub fn draw_on<F: Figure>(
    canvas: NodeRef<Canvas>,
    dark: Signal<bool>,
    figure: F,
    drawn: impl Fn(F::Drawn) + 'static,
) {
    let paint: Rc<Paint> = Rc::new(move |area, style| figure.draw(area, style).map(&drawn));
    draw_scaled(canvas, dark, paint, false);
}

/// `draw_on` for a slide: lines and type grow with the canvas's width.
pub fn draw_on_slide<F: Figure>(canvas: NodeRef<Canvas>, dark: Signal<bool>, figure: F) {
    let paint: Rc<Paint> = Rc::new(move |area, style| figure.draw(area, style).map(drop));
    draw_scaled(canvas, dark, paint, true);
}

/// A figure's drawing on the page's canvas, handing on what it returns: the figure's type
/// erased, so that the canvas code below exists once in the wasm, not once per chart.
type Paint =
    dyn for<'a> Fn(&DrawingArea<PageBackend<'a>, Shift>, &Style) -> std::result::Result<(), String>;

fn draw_scaled(canvas: NodeRef<Canvas>, dark: Signal<bool>, paint: Rc<Paint>, zoom: bool) {
    let paint = StoredValue::new_local(paint);
    let resized = RwSignal::new(0u32);
    let observed = StoredValue::new(None::<(f64, f64)>);
    // A ResizeObserver sees the canvas's own box change (window size, layout, zoom). Setting the
    // backing store's size does not change the CSS box, so drawing never re-triggers it.
    let on_resize = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(entry) = entries.get(0).dyn_ref::<web_sys::ResizeObserverEntry>() {
            let rect = entry.content_rect();
            observed.set_value(Some((rect.width(), rect.height())));
        }
        resized.update(|n| *n += 1);
    });
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
        let scale = fit_to_box(&el, zoom, observed.get_value());
        let theme = if dark.get() { DARK } else { LIGHT };
        let Some(backend) = CanvasBackend::with_canvas_object(el) else {
            return;
        };
        let area = PageBackend::Canvas(backend).into_drawing_area();
        if let Err(e) = paint.with_value(|p| p(&area, &Style { scale, theme })) {
            leptos::logging::warn!("chart: {e}");
        }
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

/// A slide's size in pixels, and the scale of lines and type at that size (so that labels
/// read from the back of a room).
const SLIDE: (u32, u32) = (1920, 1080);
const SLIDE_SCALE: f64 = 1.6;

/// Draws a figure on the page's backend (a canvas or an SVG document).
type Draw =
    dyn for<'a> Fn(&DrawingArea<PageBackend<'a>, Shift>, &Style) -> std::result::Result<(), String>;

/// A figure as the export buttons see it: its drawing, with the figure's type erased, so
/// that the buttons and the export code exist once in the wasm rather than once per kind of
/// chart.
#[derive(Clone)]
pub struct Exportable {
    draw: Rc<Draw>,
}

impl<F: Figure> From<F> for Exportable {
    fn from(figure: F) -> Self {
        Exportable {
            draw: Rc::new(move |area, style| figure.draw(area, style).map(drop)),
        }
    }
}

/// Draws `figure` on a new canvas of `factor` × 1920×1080 and downloads it as `name`.png.
fn export_png(figure: &Exportable, name: &str, factor: u32, dark: bool) -> Result<()> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(Error::NoPage("document"))?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.unchecked_into();
    canvas.set_width(SLIDE.0 * factor);
    canvas.set_height(SLIDE.1 * factor);
    let theme = if dark { DARK } else { LIGHT };
    let style = Style {
        scale: SLIDE_SCALE * f64::from(factor),
        theme,
    };
    {
        let backend = CanvasBackend::with_canvas_object(canvas.clone())
            .ok_or_else(|| Error::Browser("no 2d context for the export".into()))?;
        let area = PageBackend::Canvas(backend).into_drawing_area();
        untrack(|| (figure.draw)(&area, &style)).map_err(Error::Browser)?;
        area.present()
            .map_err(|e| Error::Browser(format!("{e:?}")))?;
    }
    let name = name.to_owned();
    let page = use_page();
    let done = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
        let saved = blob
            .ok_or_else(|| Error::Browser("the canvas gave no image".into()))
            .and_then(|blob| download_blob(&name, blob));
        page.report("PNG export", saved);
    });
    Ok(canvas.to_blob(done.unchecked_ref())?)
}

/// Draws `figure` as a 1920×1080 SVG and downloads it as `name`.svg.
fn export_svg(figure: &Exportable, name: &str, dark: bool) -> Result<()> {
    let theme = if dark { DARK } else { LIGHT };
    let style = Style {
        scale: SLIDE_SCALE,
        theme,
    };
    let mut svg = String::new();
    {
        let area = PageBackend::Svg(SVGBackend::with_string(&mut svg, SLIDE)).into_drawing_area();
        untrack(|| (figure.draw)(&area, &style)).map_err(Error::Browser)?;
        area.present()
            .map_err(|e| Error::Browser(format!("{e:?}")))?;
    }
    download_text(name, &svg, "image/svg+xml")
}

/// The export buttons of one chart, placed inside its box: PNG at 1920×1080 and at 2×, and SVG,
/// all drawn by the chart's own drawing code in the current theme.
#[component]
pub fn ExportButtons(
    /// The chart to export.
    #[prop(into)]
    figure: Exportable,
    /// The file name without extension, e.g. `passk`.
    name: &'static str,
) -> impl IntoView {
    let page = use_page();
    let dark = page.dark;
    let report = move |r: Result<()>| page.report("Export", r);
    let (png, png2, svg) = (figure.clone(), figure.clone(), figure);
    view! {
        <div class="export" role="group" aria-label="Export this chart">
            <button data-testid="export-png" title="PNG, 1920 × 1080" on:click=move |_| report(export_png(&png, &format!("{name}.png"), 1, dark.get_untracked()))>"PNG"</button>
            <button data-testid="export-png-2x" title="PNG, 3840 × 2160" on:click=move |_| report(export_png(&png2, &format!("{name}@2x.png"), 2, dark.get_untracked()))>"2×"</button>
            <button data-testid="export-svg" title="SVG, 1920 × 1080" on:click=move |_| report(export_svg(&svg, &format!("{name}.svg"), dark.get_untracked()))>"SVG"</button>
        </div>
    }
}
