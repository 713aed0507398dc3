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

/// The whole text of a user's file. `.gz` files are decompressed by the browser's
/// DecompressionStream as they are read; invalid UTF-8 becomes U+FFFD, as the browser decodes.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    if file.name().ends_with(".gz") {
        let gunzip = Gunzip::new("gzip").map_err(js_message)?;
        let stream = file
            .stream()
            .pipe_through(gunzip.unchecked_ref::<ReadableWritablePair>());
        let response = Response::new_with_opt_readable_stream(Some(&stream)).map_err(js_message)?;
        response_text(response)
            .await
            .map_err(|e| format!("not a readable gzip file ({e})"))
    } else {
        let blob = gloo_file::File::from(file.clone());
        gloo_file::futures::read_as_text(&blob)
            .await
            .map_err(|e| e.to_string())
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
