//! The browser edge: reading dropped files chunk by chunk (gunzipping `.gz` as they stream) in
//! the loading worker, fetching the shipped demo, and handing CSVs to the browser as downloads.

pub mod download;
pub mod files;
pub mod worker;
