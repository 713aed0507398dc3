//! Pure logic with no browser APIs, tested natively with `cargo test`. Layered from the
//! bottom up, each layer importing only those below it:
//!
//! - `counts`: the basic types (counts, problems, intervals); imports nothing of the core;
//! - `read`: bytes → records → counts, one reader per tool format, with a report for every line;
//! - `stats`: the estimator, bootstrap bands, coverage, comparisons, pooled datasets;
//! - `explain`: data for the explanatory views (simulator, slides, chart data);
//! - `export`: CSV files and share-link payloads.

pub mod counts;
pub mod explain;
pub mod export;
pub mod read;
pub mod stats;
