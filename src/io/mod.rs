//! The browser edge: reading dropped files chunk by chunk (gunzipping `.gz` as they stream) in
//! the loading worker, fetching the shipped demo, handing CSVs to the browser as downloads, and
//! share links (compressed into the URL fragment, opened with a cap).

pub mod download;
pub mod files;
pub mod share;
pub mod worker;
