//! The browser edge: reading dropped files (gunzipping `.gz` as they stream), fetching the
//! shipped demo, and handing CSVs to the browser as downloads.

pub mod download;
pub mod files;
