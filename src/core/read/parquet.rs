//! Parquet tables through random access: the footer is read from the end of the file, and of
//! each row group only the column chunks that name a problem or a verdict are read (a
//! response column of gigabytes is never touched). Rows become JSON objects of those columns,
//! read by the same record reader as JSON Lines (a per-sample table, a per-problem list, counts,
//! a user's mapping) or, for lighteval's details, by its own rule (`formats::lighteval`).
//!
//! Codecs read: none, Snappy, gzip, LZ4, Brotli. zstd and LZO would need C code that does not
//! build for the browser: a file using them gets a message naming the codec. A footer that
//! claims more than the file holds, or more than 64 MiB of metadata, is refused with a message.

use super::formats::lighteval;
use super::ingest::Options;
use super::names::Source;
use super::reader::Reader;
use super::record::{Key, Record};
use super::report::{Format, ParsedFile, SkipReason};
use super::zip::ReadAt;
use bytes::Bytes;
use parquet::basic::Compression;
use parquet::file::metadata::{ParquetMetaData, ParquetMetaDataReader};
use parquet::file::properties::ReaderProperties;
use parquet::file::reader::{ChunkReader, Length};
use parquet::file::serialized_reader::SerializedRowGroupReader;
use parquet::record::reader::RowIter;
use parquet::schema::types::{Type, TypePtr};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::sync::Arc;

/// Most footer metadata read (a table's schema and row-group index; a wide table has a few MB).
const MAX_METADATA: u64 = 64 << 20;

/// Whether a file starts like a Parquet file.
pub fn is_parquet(first: &[u8]) -> bool {
    first.starts_with(b"PAR1")
}

/// Reads a Parquet table.
pub fn read_parquet<R: ReadAt + ?Sized>(
    source: Source,
    src: &R,
    options: &Options,
    mut progress: impl FnMut(f64),
) -> ParsedFile {
    let mut reader = Reader::new(source, "row", options.group_questions);
    if let Err(why) = read_into(&mut reader, src, options, &mut progress) {
        reader.recognise(Format::Parquet, String::new);
        reader.report.problem = Some(format!("Could not read this Parquet file: {why}"));
    }
    reader.finish(&[])
}

fn read_into<R: ReadAt + ?Sized>(
    reader: &mut Reader,
    src: &R,
    options: &Options,
    progress: &mut impl FnMut(f64),
) -> Result<(), String> {
    let metadata = footer(src)?;
    let schema = metadata.file_metadata().schema_descr().root_schema();
    let fields = schema.get_fields();
    let details = lighteval::recognises(fields) && options.mapping.is_none();
    let projection = if details {
        lighteval::projection(fields)
    } else {
        generic_projection(fields, options)
    };
    if projection.is_empty() {
        let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
        reader.recognise(Format::Parquet, String::new);
        reader.report.problem = Some(format!(
            "No column names a problem or a result. Found columns {}. Map the fields to read it (a problem id column and a correctness column).",
            names.join(", ")
        ));
        reader.report.mappable = true;
        reader.report.fields = names.iter().map(|s| (*s).to_owned()).collect();
        return Ok(());
    }
    let projected = Type::group_type_builder(schema.name())
        .with_fields(projection.clone())
        .build()
        .map_err(|e| e.to_string())?;
    let leaves = leaf_paths(&projection);
    let mut lighteval_rows = lighteval::Rows::default();
    let mut row_number = 0usize;
    let mut done = 0u64;
    for group in metadata.row_groups() {
        let mut segments = Vec::new();
        for column in group.columns() {
            if !leaves.contains(&column.column_path().parts().to_vec()) {
                continue;
            }
            codec_readable(column.compression(), column.column_path().string())?;
            let (start, len) = column.byte_range();
            let mut buf = vec![0; usize::try_from(len).map_err(|_| "a column chunk too large")?];
            if start.checked_add(len).is_none_or(|e| e > src.size()) {
                return Err(format!(
                    "column `{}` claims bytes past the end of the file",
                    column.column_path().string()
                ));
            }
            src.read_at(start, &mut buf)?;
            done += len;
            segments.push((start, Bytes::from(buf)));
        }
        let sparse = Arc::new(Sparse {
            len: src.size(),
            segments,
        });
        let props = Arc::new(
            ReaderProperties::builder()
                .set_read_bloom_filter(false)
                .build(),
        );
        let group_reader =
            SerializedRowGroupReader::new(sparse, group, None, props).map_err(|e| e.to_string())?;
        let rows = RowIter::from_row_group(Some(projected.clone()), &group_reader)
            .map_err(|e| e.to_string())?;
        for row in rows {
            row_number += 1;
            reader.report.lines = row_number;
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    reader.skip(row_number, SkipReason::Said(format!("unreadable row: {e}")));
                    continue;
                }
            };
            let mut object = Map::new();
            for (name, field) in row.get_column_iter() {
                object.insert(name.clone(), field.to_json_value());
            }
            if details {
                lighteval_rows.push(row_number, Value::Object(object));
            } else {
                row_into(reader, row_number, object, fields, options);
            }
        }
        progress(done as f64);
    }
    if details {
        lighteval::read(reader, lighteval_rows, options.scorer.as_deref());
    } else {
        reader.recognise(Format::Parquet, String::new);
    }
    Ok(())
}

/// The footer's metadata, checked against the file before it is read.
fn footer<R: ReadAt + ?Sized>(src: &R) -> Result<ParquetMetaData, String> {
    let size = src.size();
    if size < 12 {
        return Err("it is shorter than a Parquet file can be.".into());
    }
    let mut tail = [0u8; 8];
    src.read_at(size - 8, &mut tail)?;
    if &tail[4..] != b"PAR1" {
        return Err("it does not end with PAR1 (cut short, or not Parquet).".into());
    }
    let len = u64::from(u32::from_le_bytes(tail[..4].try_into().expect("4 bytes")));
    if len > size - 12 {
        return Err(format!(
            "its footer claims {len} bytes of metadata, more than the file holds ({size} bytes)."
        ));
    }
    if len > MAX_METADATA {
        return Err(format!(
            "its footer claims {len} bytes of metadata, more than the {MAX_METADATA} read."
        ));
    }
    let mut buf = vec![0; len as usize];
    src.read_at(size - 8 - len, &mut buf)?;
    ParquetMetaDataReader::decode_metadata(&buf)
        .map_err(|e| format!("its footer is damaged ({e})."))
}

fn codec_readable(codec: Compression, column: String) -> Result<(), String> {
    match codec {
        Compression::UNCOMPRESSED
        | Compression::SNAPPY
        | Compression::GZIP(_)
        | Compression::LZ4
        | Compression::LZ4_RAW
        | Compression::BROTLI(_) => Ok(()),
        other => Err(format!(
            "column `{column}` is compressed with {other}, which cannot be decoded here (read: uncompressed, Snappy, gzip, LZ4, Brotli). Write the table with one of those, e.g. pyarrow's compression=\"snappy\"."
        )),
    }
}

/// The top-level columns a generic table's records need: those the record reader knows (ids,
/// results, names, counts), or the first segments of a user's mapping.
fn generic_projection(fields: &[TypePtr], options: &Options) -> Vec<TypePtr> {
    let wanted = |name: &str| match &options.mapping {
        Some(m) => [&m.id, &m.correct, &m.model, &m.benchmark]
            .iter()
            .any(|path| first_segment(path) == name),
        None => !matches!(Key::of(name), Key::Other | Key::Flag(_)),
    };
    fields
        .iter()
        .filter(|f| wanted(f.name()))
        .cloned()
        .collect()
}

fn first_segment(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or(path)
}

/// A row of a generic table, read as a JSON record; columns whose presence alone tells a
/// format (a response column) are present as placeholders, never read.
fn row_into(
    reader: &mut Reader,
    number: usize,
    mut object: Map<String, Value>,
    fields: &[TypePtr],
    options: &Options,
) {
    for f in fields {
        if matches!(Key::of(f.name()), Key::Flag(_)) {
            object.entry(f.name().to_owned()).or_insert(Value::from(0));
        }
    }
    let value = Value::Object(object);
    match &options.mapping {
        Some(mapping) => reader.take_mapped(number, mapping, value),
        None => {
            let record = Record::deserialize(value).map_err(|_| SkipReason::NotObject);
            reader.take(number, record);
        }
    }
}

/// The leaf column paths of the projected fields.
fn leaf_paths(fields: &[TypePtr]) -> Vec<Vec<String>> {
    fn walk(t: &Type, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        prefix.push(t.name().to_owned());
        if t.is_group() {
            for f in t.get_fields() {
                walk(f, prefix, out);
            }
        } else {
            out.push(prefix.clone());
        }
        prefix.pop();
    }
    let mut out = Vec::new();
    for f in fields {
        walk(f, &mut Vec::new(), &mut out);
    }
    out
}

/// The column chunks of one row group, held in memory: what the row reader asks for must lie
/// in one of them (it asks for nothing else: the projection names only these).
struct Sparse {
    len: u64,
    segments: Vec<(u64, Bytes)>,
}

impl Sparse {
    fn find(&self, start: u64, len: u64) -> parquet::errors::Result<Bytes> {
        for (at, bytes) in &self.segments {
            let end = at + bytes.len() as u64;
            if start >= *at && start.saturating_add(len) <= end {
                let from = (start - at) as usize;
                return Ok(bytes.slice(from..from + len as usize));
            }
        }
        Err(parquet::errors::ParquetError::General(format!(
            "bytes {start}..{} were not loaded",
            start + len
        )))
    }
}

impl Length for Sparse {
    fn len(&self) -> u64 {
        self.len
    }
}

impl ChunkReader for Sparse {
    type T = bytes::buf::Reader<Bytes>;

    fn get_read(&self, start: u64) -> parquet::errors::Result<Self::T> {
        let segment = self
            .segments
            .iter()
            .find(|(at, b)| start >= *at && start < at + b.len() as u64)
            .ok_or_else(|| {
                parquet::errors::ParquetError::General(format!("byte {start} was not loaded"))
            })?;
        let rest = segment.1.len() as u64 - (start - segment.0);
        Ok(bytes::Buf::reader(self.find(start, rest)?))
    }

    fn get_bytes(&self, start: u64, length: usize) -> parquet::errors::Result<Bytes> {
        self.find(start, length as u64)
    }
}
