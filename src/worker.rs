//! The workers' entry point (public/ingest-worker.js starts it): serve load jobs (every reader
//! lives in this wasm), or, in the worker started with `role=stats`, the page's statistics, or
//! with `role=maj` maj@k tasks for it.
//! None of them is in the page's own wasm, which stays small enough to show the demo at once.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    let role = js_sys::Reflect::get(&js_sys::global(), &"passkRole".into())
        .ok()
        .and_then(|r| r.as_string());
    if role.as_deref() == Some("stats") {
        passk_lens::io::analysis::serve();
    } else if role.as_deref() == Some("maj") {
        passk_lens::io::maj::serve_helper();
    } else {
        passk_lens::io::worker::serve();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the passk-lens loading worker runs in a browser: run `make serve`");
}
