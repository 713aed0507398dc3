//! The loading worker's entry point (public/ingest-worker.js starts it): serve load jobs. Every
//! reader lives in this wasm, which the page starts only when files are to be read.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    passk_lens::io::worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the passk-lens loading worker runs in a browser: run `make serve`");
}
