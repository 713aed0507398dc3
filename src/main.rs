//! The page's entry point: install the panic hook, then mount the app; or, in the statistics
//! worker (which runs this same wasm, see public/stats-worker.js), serve its requests. Nothing
//! else. (The loading worker is a wasm of its own: `src/worker.rs`.)

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(passk_lens::ui::App);
    } else {
        passk_lens::io::analysis::serve();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("passk-lens is a web page: run `make serve` and open http://127.0.0.1:8080");
}
