//! The page's entry point: install the panic hook, then mount the app. Nothing else. (The
//! loading and statistics workers run a wasm of their own: `src/worker.rs`.)

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(passk_lens::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("passk-lens is a web page: run `make serve` and open http://127.0.0.1:8080");
}
