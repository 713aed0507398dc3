//! Share links at the browser edge: the payload of `core::share` compressed with the browser's
//! CompressionStream ("deflate-raw") into the URL fragment, and opened again with a cap on the
//! decompressed size. The fragment never reaches a server: browsers do not send it.

use super::error::{Error, Result};
use super::files::stream_done;
use js_sys::{Reflect, Uint8Array};
use passk_lens_core::export::share::{checksum, decode_payload, envelope, open_envelope, View};
use passk_lens_core::read::ParsedFile;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair};

#[wasm_bindgen]
extern "C" {
    /// The browser's CompressionStream (web-sys binds it only behind its unstable-API flag).
    #[wasm_bindgen(js_name = CompressionStream)]
    type Deflate;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> std::result::Result<Deflate, JsValue>;
    /// The browser's DecompressionStream.
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Inflate;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> std::result::Result<Inflate, JsValue>;
}

/// The most a link's payload may decompress to. A link is a URL: the MATH500 pair's payload is
/// 5.5 KB, and a deflate stream expands at most ~1000×, so a hostile link stops here.
const CAP: usize = 16 * 1024 * 1024;

/// A stream of `bytes`.
fn stream_of(bytes: &[u8]) -> Result<ReadableStream> {
    let array = Uint8Array::from(bytes);
    let blob = Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&array))?;
    Ok(blob.stream())
}

/// Reads `stream` to its end, failing beyond `cap` bytes.
async fn read_all(stream: ReadableStream, cap: usize) -> Result<Vec<u8>> {
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let result = JsFuture::from(reader.read()).await?;
        if stream_done(&result) {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&result, &"value".into())?.unchecked_into();
        if out.len() + value.length() as usize > cap {
            let _ = reader.cancel();
            return Err(Error::Unreadable(format!(
                "its data unpacks to more than {} MB, more than any link holds",
                cap / 1_000_000
            )));
        }
        let at = out.len();
        out.resize(at + value.length() as usize, 0);
        value.copy_to(&mut out[at..]);
    }
}

/// `bytes` deflated (raw deflate, no header) by the browser.
async fn deflate(bytes: &[u8]) -> Result<Vec<u8>> {
    let deflate = Deflate::new("deflate-raw")?;
    let stream = stream_of(bytes)?.pipe_through(deflate.unchecked_ref::<ReadableWritablePair>());
    read_all(stream, usize::MAX).await
}

/// `bytes` inflated by the browser, at most `CAP` bytes.
async fn inflate(bytes: &[u8]) -> Result<Vec<u8>> {
    let inflate = Inflate::new("deflate-raw")?;
    let stream = stream_of(bytes)?.pipe_through(inflate.unchecked_ref::<ReadableWritablePair>());
    read_all(stream, CAP).await
}

/// The fragment (without `#`) of a link to `payload` (from `core::share::encode_payload`).
pub async fn fragment(payload: &[u8]) -> Result<String> {
    Ok(envelope(&deflate(payload).await?, payload))
}

/// The view and counts a fragment holds, or why it cannot be opened (`Error::Unreadable`, a
/// message for the user).
pub async fn open(fragment: &str) -> Result<(View, ParsedFile)> {
    let (compressed, sum) = open_envelope(fragment).map_err(Error::Unreadable)?;
    let payload = inflate(&compressed)
        .await
        .map_err(|why| Error::Unreadable(format!("This link's data is damaged: {why}.")))?;
    if checksum(&payload) != sum {
        return Err(Error::Unreadable(
            "This link's data does not match its checksum: it was cut short or changed.".into(),
        ));
    }
    decode_payload(&payload)
        .map_err(|why| Error::Unreadable(format!("This link's data cannot be read: {why}.")))
}

/// The page's URL with `fragment` in place of its own.
pub fn link_to(fragment: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let page = href.split_once('#').map_or(href.as_str(), |(page, _)| page);
    Some(format!("{page}#{fragment}"))
}

/// The page's own fragment (without `#`), when it has one.
pub fn own_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let fragment = hash.strip_prefix('#').unwrap_or(&hash);
    (!fragment.is_empty()).then(|| fragment.to_owned())
}

/// Writes `text` to the clipboard; false when the browser refuses (no permission, no focus).
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = window.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}
