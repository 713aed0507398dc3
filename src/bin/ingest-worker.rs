//! The loading worker's entry point (a second Trunk `rust` link with `data-type="worker"`):
//! it reads the files the page posts to it, off the main thread. See `io::worker`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    passk_lens::io::worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the loading worker runs in a browser: see `make serve`");
}
