//! Reading result files: bytes in chunks of any size → records → per-problem counts, with a
//! report that accounts for every line. `ingest` cuts a file into records and recognises its
//! format; `skim` is the fast path for a line; `record` reads one object's relevant fields;
//! `reader` turns records into counts; `mapping` reads files through a user's field mapping.

pub mod formats;
pub mod ingest;
pub mod mapping;
pub mod names;
pub(crate) mod reader;
pub mod record;
pub mod report;
pub mod skim;

pub use ingest::{parse_bytes, parse_file, Ingest, Options};
pub use report::{
    model_from_file_name, skip_runs, CountTable, EvalPlusTests, FileReport, Format, ParsedFile,
    Skip, SkipReason, Stated,
};

/// Reads a whole file held in memory, whatever its kind: an Inspect `.eval` zip, a Parquet
/// table, or text (JSON Lines, JSON) — the same readers the worker streams through.
pub fn read_bytes(name: &str, bytes: &[u8], options: Options) -> ParsedFile {
    parse_bytes(name, bytes, options)
}
