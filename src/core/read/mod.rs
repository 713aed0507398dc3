//! Reading result files: bytes in chunks of any size → records → per-problem counts, with a
//! report that accounts for every line. `ingest` cuts a file into records and recognises its
//! format; `skim` is the fast path for a line; `record` reads one object's relevant fields;
//! `reader` turns records into counts; `mapping` reads files through a user's field mapping.

pub mod formats;
pub mod ingest;
pub mod mapping;
pub mod math;
pub mod names;
pub mod parquet;
pub mod pool;
pub(crate) mod reader;
pub mod record;
pub mod report;
pub mod skim;
pub mod texts;
pub mod zip;

pub use ingest::{parse_bytes, parse_file, Ingest, Options};
pub use report::{
    model_from_file_name, skip_runs, CountTable, EvalPlusTests, FileReport, Format, ParsedFile,
    Skip, SkipReason, Stated,
};

/// Reads a whole file held in memory, whatever its kind: an Inspect `.eval` zip, a Parquet
/// table, or text (JSON Lines, JSON) — the same readers the worker streams through.
pub fn read_bytes(name: &str, bytes: &[u8], options: Options) -> ParsedFile {
    match Kind::of(name, bytes) {
        Kind::Zip => read_archive(names::source_of(name), bytes, &options),
        Kind::Parquet => parquet::read_parquet(names::source_of(name), bytes, &options, |_| {}),
        Kind::Text => parse_bytes(name, bytes, options),
    }
}

/// What reading a file takes: its bytes at given offsets (a zip), or its bytes in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A zip archive (Inspect's `.eval`), read through `zip::ReadAt`.
    Zip,
    /// A Parquet table, read through `zip::ReadAt` (footer first, then some column chunks).
    Parquet,
    /// JSON Lines or JSON, pushed through `Ingest` chunk by chunk.
    Text,
}

impl Kind {
    /// By the file's first bytes (a zip's local header, or an empty zip's end record), else
    /// by its name.
    pub fn of(name: &str, first: &[u8]) -> Kind {
        if first.starts_with(b"PK\x03\x04")
            || first.starts_with(b"PK\x05\x06")
            || name.ends_with(".eval")
        {
            Kind::Zip
        } else if parquet::is_parquet(first) || name.ends_with(".parquet") {
            Kind::Parquet
        } else {
            Kind::Text
        }
    }
}

/// Reads a zip archive (an Inspect `.eval` log) through random access.
pub fn read_archive<R: zip::ReadAt + ?Sized>(
    source: names::Source,
    src: &R,
    options: &Options,
) -> ParsedFile {
    let mut reader = reader::Reader::new(source, "sample", false);
    formats::inspect::read_eval(&mut reader, src, options.scorer.as_deref());
    reader.finish(&[])
}
