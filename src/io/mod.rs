//! The browser edge: files and folders the user picks or drops, read in the loading worker
//! (text chunk by chunk, `.gz` gunzipped as it streams, zips through random access), the
//! demo fetched as a share link, CSVs handed to the browser as downloads, and share links
//! (compressed into the URL fragment, opened with a cap); maj@k on helper workers.

pub mod analysis;
pub mod download;
pub mod error;
pub mod files;
pub mod folders;
pub mod maj;
pub mod share;
pub mod worker;
