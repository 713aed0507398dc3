//! passk-lens: unbiased pass@k curves of sampled LLM evaluations, computed in the browser.
//!
//! Data flows one way: `io` reads bytes → the core (`src/core/`, the crate `passk_lens_core`)
//! turns them into counts and curves → `ui` holds them in signals → an effect calls `chart` to
//! draw.

/// Drawing functions generic over a plotters backend (canvas in the page, SVG in tests).
pub mod chart;
/// The browser edge: reading files, fetching the demo, downloads.
#[cfg(target_arch = "wasm32")]
pub mod io;
/// The page: plain state types (`ui::model`, on every target, tested natively) and the Leptos
/// components that wire signals to them, to `core` and to `chart` (wasm only).
pub mod ui;
