//! Handing generated files to the browser as downloads.

use super::error::{Error, Result};
use leptos::prelude::set_timeout;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Offers `blob` as a download named `file_name`.
pub fn download_blob(file_name: &str, blob: web_sys::Blob) -> Result<()> {
    let url = gloo_file::ObjectUrl::from(gloo_file::Blob::from(blob));
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(Error::NoPage("document"))?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // The object URL is revoked when dropped; give the browser time to start the download.
    set_timeout(move || drop(url), Duration::from_secs(30));
    Ok(())
}

/// Offers `contents` as a download named `file_name` of the given MIME type.
pub fn download_text(file_name: &str, contents: &str, mime: &str) -> Result<()> {
    let blob = gloo_file::Blob::new_with_options(contents, Some(mime));
    download_blob(file_name, blob.into())
}

/// Offers a CSV as a download.
pub fn offer_csv(file_name: &str, csv: &str) -> Result<()> {
    download_text(file_name, csv, "text/csv")
}
