//! The page. `model` holds its state as plain types with native tests; the components (wasm
//! only) hold them in signals, take every result from the statistics worker, and call `chart`
//! from effects: no computation lives in a component.

pub mod model;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod backend;
#[cfg(target_arch = "wasm32")]
mod canvas;
#[cfg(target_arch = "wasm32")]
mod chart_box;
#[cfg(target_arch = "wasm32")]
mod loader;
#[cfg(target_arch = "wasm32")]
pub mod loading;
#[cfg(target_arch = "wasm32")]
mod mapping;
#[cfg(target_arch = "wasm32")]
mod progress;
#[cfg(target_arch = "wasm32")]
pub mod sections;
#[cfg(target_arch = "wasm32")]
mod share;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
mod talk;

#[cfg(target_arch = "wasm32")]
pub use app::App;

/// The number an `<input>` holds, as the browser reads it (so that the page's wasm carries no
/// float parser of its own); `None` when it holds none.
#[cfg(target_arch = "wasm32")]
fn input_number(ev: &leptos::ev::Event) -> Option<f64> {
    let v = leptos::prelude::event_target::<web_sys::HtmlInputElement>(ev).value_as_number();
    v.is_finite().then_some(v)
}
