//! Reading result files: bytes in chunks of any size → records → per-problem counts, with a
//! report that accounts for every line. `ingest` cuts a file into records and recognises its
//! format; `skim` is the fast path for a line; `record` reads one object's relevant fields;
//! `reader` turns records into counts; `mapping` reads files through a user's field mapping.

pub mod ingest;
pub mod mapping;
pub(crate) mod reader;
pub mod record;
pub mod report;
pub mod skim;

pub use ingest::{parse_bytes, parse_file, Ingest, Options};
pub use report::{
    model_from_file_name, skip_runs, CountTable, EvalPlusTests, FileReport, ParsedFile, Skip,
    SkipReason,
};
