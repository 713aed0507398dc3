//! The Parquet reader's entry point: a wasm of its own, which the loading worker imports only
//! when a Parquet file is to be read (its decoders are most of the readers' code), so that a
//! page that never reads Parquet never downloads them. The export is here, not in the library,
//! so that no other wasm links it.
//!
//! The `parquet` crate's decoders can panic on damaged data; natively the reader catches that
//! (`read::parquet`), but in the browser a panic aborts this wasm. The panic's message is kept
//! (`last_panic`) so that the worker can say why, and then starts a fresh instance.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

#[cfg(target_arch = "wasm32")]
thread_local! {
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Reads a Parquet `file` (named by `path`, or by its name when `path` is empty) with the
/// reading options' JSON; returns the parsed file as JSON (`ParsedFile::to_json`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn read_parquet(file: web_sys::File, path: String, options: String) -> String {
    passk_lens::io::files::read_parquet_file(&file, &path, &options)
}

/// Reads rows `rows` (numbers from 0) of a Parquet `file` again for their texts (the reading
/// options' JSON; with `question_only` the problem's text alone); returns each row's JSON, or
/// why they could not be read, as JSON.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn read_rows(
    file: web_sys::File,
    rows: Vec<f64>,
    options: String,
    question_only: bool,
) -> String {
    passk_lens::io::files::read_parquet_rows(&file, &rows, &options, question_only)
}

/// The message of the panic that stopped this instance (empty if none).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn last_panic() -> String {
    LAST_PANIC.with(|p| p.borrow().clone())
}

#[cfg(target_arch = "wasm32")]
fn main() {
    std::panic::set_hook(Box::new(|info| {
        let message = passk_lens_core::read::parquet::panic_message(info.payload());
        LAST_PANIC.with(|p| *p.borrow_mut() = message);
    }));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the passk-lens Parquet reader runs in a browser: run `make serve`");
}
