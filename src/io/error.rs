//! What can go wrong at the browser edge, as one type. The page handles these in one place
//! (`ui::state::PageState::report`, a notice the user sees); messages about a user's file or
//! link are not errors of the page and go into that file's report or the load notice instead.

use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// A failure of the browser edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A browser API refused, with the browser's message.
    Browser(String),
    /// There is no window, document or address to work with (the code ran outside a page).
    NoPage(&'static str),
    /// A worker could not start, or failed.
    Worker(String),
    /// A message or a link that could not be read, saying why.
    Unreadable(String),
}

/// The edge's results.
pub type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Browser(why) => write!(f, "the browser refused: {why}"),
            Error::NoPage(what) => write!(f, "this page has no {what}"),
            Error::Worker(why) => write!(f, "a background worker failed: {why}"),
            Error::Unreadable(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for Error {}

impl From<JsValue> for Error {
    fn from(err: JsValue) -> Self {
        Error::Browser(js_message(&err))
    }
}

/// A rejected promise's or a thrown value's message.
pub(crate) fn js_message(err: &JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown browser error".into())
}
