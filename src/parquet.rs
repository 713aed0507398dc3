//! The Parquet reader's entry point: a wasm of its own, which the loading worker imports only
//! when a Parquet file is to be read (its decoders are most of the readers' code), so that a
//! page that never reads Parquet never downloads them. The export is here, not in the library,
//! so that no other wasm links it.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

/// Reads a Parquet `file` (named by `path`, or by its name when `path` is empty) with the
/// reading options' JSON; returns the parsed file as JSON (`ParsedFile::to_json`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn read_parquet(file: web_sys::File, path: String, options: String) -> String {
    passk_lens::io::files::read_parquet_file(&file, &path, &options)
}

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the passk-lens Parquet reader runs in a browser: run `make serve`");
}
