//! Reading a user's `File` into text, and fetching the demo shipped with the site.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableWritablePair, Response};

#[wasm_bindgen]
extern "C" {
    /// The browser's DecompressionStream. web-sys only binds it behind its unstable-API flag,
    /// and a readable/writable pair is all that is needed of it.
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Gunzip;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Gunzip, JsValue>;
}

/// Turns a rejected promise's value into a message for the page.
fn js_message(err: JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown browser error".into())
}

async fn response_text(response: Response) -> Result<String, String> {
    let text: Promise = response.text().map_err(js_message)?;
    let text = JsFuture::from(text).await.map_err(js_message)?;
    Ok(text.as_string().unwrap_or_default())
}

/// A file's text, and what the reader should know about how it was read.
#[derive(Debug)]
pub struct FileText {
    pub text: String,
    pub warning: Option<String>,
}

async fn bytes_of(response: Response) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(response.array_buffer().map_err(js_message)?)
        .await
        .map_err(js_message)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The size a gzip file records in its last four bytes (the uncompressed size mod 2³²).
async fn gzip_isize(file: &web_sys::File) -> Option<u32> {
    let size = file.size() as i64;
    let tail = file
        .slice_with_f64_and_f64((size - 4).max(0) as f64, size as f64)
        .ok()?;
    let response = Response::new_with_opt_blob(Some(&tail)).ok()?;
    let bytes: [u8; 4] = bytes_of(response).await.ok()?.try_into().ok()?;
    Some(u32::from_le_bytes(bytes))
}

/// The whole text of a user's file; invalid UTF-8 becomes U+FFFD. `.gz` files are decompressed
/// by the browser's DecompressionStream, and the result's size is checked against the size the
/// file records at its end: a decompressor that returned a truncated file's beginning without an
/// error would otherwise lose problems silently.
pub async fn read_text(file: &web_sys::File) -> Result<FileText, String> {
    if file.name().ends_with(".gz") {
        let gunzip = Gunzip::new("gzip").map_err(js_message)?;
        let stream = file
            .stream()
            .pipe_through(gunzip.unchecked_ref::<ReadableWritablePair>());
        let response = Response::new_with_opt_readable_stream(Some(&stream)).map_err(js_message)?;
        let bytes = bytes_of(response)
            .await
            .map_err(|e| format!("not a readable gzip file ({e})"))?;
        let recorded = gzip_isize(file).await;
        let warning = recorded.filter(|&r| r != bytes.len() as u32).map(|r| {
            format!(
                "Decompressed {} bytes, but the gzip file records {r} (mod 2^32): it may be truncated, so problems may be missing. (Concatenated gzip files also trigger this.)",
                bytes.len()
            )
        });
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Ok(FileText { text, warning })
    } else {
        let blob = gloo_file::File::from(file.clone());
        let text = gloo_file::futures::read_as_text(&blob)
            .await
            .map_err(|e| e.to_string())?;
        Ok(FileText {
            text,
            warning: None,
        })
    }
}

/// Fetches a file shipped with the site, by URL relative to the page (so a sub-path works).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(js_message)?;
    let response: Response = response.dyn_into().map_err(js_message)?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response_text(response).await
}
