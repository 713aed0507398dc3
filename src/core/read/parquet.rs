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
use super::texts::Span;
use super::zip::ReadAt;
use bytes::Bytes;
use parquet::basic::Compression;
use parquet::file::metadata::page_index::RowGroupPageIndex;
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

/// Most rows read from one table: a table's row count costs nothing to claim (a run-length
/// encoded column holds billions of rows in a few bytes), and a tab holds far fewer samples
/// than this anyway; larger tables are for the command line or the engine recipes.
pub const MAX_ROWS: usize = 50_000_000;

/// How `read_into` says it stopped at the row cap.
const CAPPED: &str = "capped at ";

/// Reads a Parquet table.
pub fn read_parquet<R: ReadAt + ?Sized>(
    source: Source,
    src: &R,
    options: &Options,
    progress: impl FnMut(f64),
) -> ParsedFile {
    read_parquet_limited(source, src, options, progress, MAX_ROWS)
}

/// `read_parquet`, stopping after `max_rows` rows (said in the report).
pub fn read_parquet_limited<R: ReadAt + ?Sized>(
    source: Source,
    src: &R,
    options: &Options,
    mut progress: impl FnMut(f64),
    max_rows: usize,
) -> ParsedFile {
    let mut reader = Reader::new(source, "row", options.group_questions);
    // Each counted row is indexed by its number, for its texts to be read again.
    reader.rows = true;
    let mut details = None;
    let outcome = read_into(
        &mut reader,
        src,
        options,
        &mut progress,
        &mut details,
        max_rows,
    );
    // lighteval's rows are read once all are in (the metric is chosen over all of them); rows
    // read before a failure still are.
    if let Some(rows) = details {
        lighteval::read(&mut reader, rows, options.scorer.as_deref());
    }
    if let Err(why) = outcome {
        reader.recognise(Format::Parquet, String::new);
        reader.report.problem = Some(match why.strip_prefix(CAPPED) {
            Some(rows) => format!(
                "Stopped after the first {rows}: the rest of the table was not read. Reduce it first (the command line, or the DuckDB and Spark recipes)."
            ),
            None => format!("Could not read this Parquet file: {why}"),
        });
    }
    reader.finish(&[])
}

fn read_into<R: ReadAt + ?Sized>(
    reader: &mut Reader,
    src: &R,
    options: &Options,
    progress: &mut impl FnMut(f64),
    details_rows: &mut Option<lighteval::Rows>,
    max_rows: usize,
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
    if details {
        *details_rows = Some(lighteval::Rows::default());
    }
    let mut row_number = 0usize;
    let mut done = 0u64;
    for index in 0..metadata.num_row_groups() {
        let group_reader = group_reader(src, &metadata, index, &leaves, &mut done)?;
        let mut rows = guarded(|| {
            RowIter::from_row_group(Some(projected.clone()), &group_reader)
                .map_err(|e| e.to_string())
        })?;
        while let Some(row) = guarded(|| Ok(rows.next()))? {
            if row_number == max_rows {
                return Err(format!("{CAPPED}{max_rows} rows"));
            }
            row_number += 1;
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    reader.report.lines += 1;
                    reader.skip(row_number, SkipReason::Said(format!("unreadable row: {e}")));
                    continue;
                }
            };
            let object = row_object(&row);
            match details_rows {
                Some(rows) => rows.push(row_number, Value::Object(object)),
                None => {
                    reader.report.lines += 1;
                    row_into(reader, row_number, object, fields, options);
                }
            }
        }
        progress(done as f64);
    }
    if !details
        && matches!(
            reader.report.format,
            Format::Unknown | Format::JsonlPerProblem | Format::JsonlPerSample | Format::Counts
        )
    {
        // A plain table (its rule says which shape its rows have); a tool's records (verl,
        // human-eval, …) keep their tool's name.
        reader.report.format = Format::Parquet;
    }
    Ok(())
}

/// Rows of a table read again for their texts: each of `rows` (numbers from 0, as the text
/// index holds them) as the JSON object of the columns it was counted from and those that hold
/// its texts (with `question_only`, the problem's text alone: finding a problem by words), in
/// the order asked; `None` for a row the table does not have or cannot decode. Only the row
/// groups that hold an asked row are read, and of those only these columns, up to the last
/// row asked: a Parquet page is compressed whole, so a row costs the pages before it in its
/// row group (BENCHMARKS.md, "Texts").
pub fn read_rows<R: ReadAt + ?Sized>(
    src: &R,
    rows: &[u64],
    options: &Options,
    question_only: bool,
) -> Result<Vec<Option<String>>, String> {
    let mut out = vec![None; rows.len()];
    let metadata = footer(src)?;
    let schema = metadata.file_metadata().schema_descr().root_schema();
    let fields = schema.get_fields();
    let details = lighteval::recognises(fields) && options.mapping.is_none();
    let projection = if details {
        lighteval::text_projection(fields, question_only)
    } else {
        generic_text_projection(fields, options, question_only)
    };
    if projection.is_empty() {
        return Ok(out);
    }
    let projected = Type::group_type_builder(schema.name())
        .with_fields(projection.clone())
        .build()
        .map_err(|e| e.to_string())?;
    let leaves = leaf_paths(&projection);
    let mut wanted: Vec<(u64, usize)> = rows.iter().copied().zip(0..).collect();
    wanted.sort_unstable();
    let mut first = 0u64;
    let mut done = 0;
    let mut next = 0;
    for index in 0..metadata.num_row_groups() {
        let end =
            first.saturating_add(u64::try_from(metadata.row_group(index).num_rows()).unwrap_or(0));
        if next == wanted.len() {
            break;
        }
        if wanted[next].0 >= end {
            first = end;
            continue;
        }
        let group_reader = group_reader(src, &metadata, index, &leaves, &mut done)?;
        let mut iter = guarded(|| {
            RowIter::from_row_group(Some(projected.clone()), &group_reader)
                .map_err(|e| e.to_string())
        })?;
        let mut number = first;
        while next < wanted.len() && wanted[next].0 < end {
            let Some(row) = guarded(|| Ok(iter.next()))? else {
                break;
            };
            if wanted[next].0 == number {
                let text = row.ok().map(|row| {
                    let mut object = row_object(&row);
                    if !details {
                        // As the row was counted (`row_into`).
                        with_flags(&mut object, fields);
                    }
                    Value::Object(object).to_string()
                });
                while next < wanted.len() && wanted[next].0 == number {
                    out[wanted[next].1] = text.clone();
                    next += 1;
                }
            }
            number += 1;
        }
        // Rows the group claims but does not hold: not there.
        while next < wanted.len() && wanted[next].0 < end {
            next += 1;
        }
        first = end;
    }
    Ok(out)
}

/// The top-level columns a generic table's texts need: those it was counted from, and those
/// that hold a response, the problem's text or its reference answer (with `question_only`, the
/// problem's text alone); a mapping's text fields by their first segment.
fn generic_text_projection(
    fields: &[TypePtr],
    options: &Options,
    question_only: bool,
) -> Vec<TypePtr> {
    use super::texts::{QUESTION_FIELDS, REFERENCE_FIELDS, RESPONSE_FIELDS};
    let counted = generic_projection(fields, options);
    let paths = match &options.mapping {
        Some(m) if question_only => vec![&m.question],
        Some(m) => vec![&m.response, &m.question, &m.reference],
        None => Vec::new(),
    };
    let named: Vec<&str> = (paths.into_iter())
        .filter(|p| !p.is_empty())
        .map(|p| first_segment(p))
        .collect();
    fields
        .iter()
        .filter(|f| {
            let name = f.name();
            let text = QUESTION_FIELDS.contains(&name)
                || name == "doc"
                || (!question_only
                    && (RESPONSE_FIELDS.contains(&name) || REFERENCE_FIELDS.contains(&name)));
            named.contains(&name)
                || text
                || (!question_only && counted.iter().any(|c| c.name() == name))
        })
        .cloned()
        .collect()
}

/// A reader of row group `index` with the column chunks of `leaves` read into memory (each
/// checked first: within the file, a codec decoded here, sound page headers); their sizes are
/// added to `done`.
fn group_reader<'a, R: ReadAt + ?Sized>(
    src: &R,
    metadata: &'a ParquetMetaData,
    index: usize,
    leaves: &[Vec<String>],
    done: &mut u64,
) -> Result<SerializedRowGroupReader<'a, Sparse>, String> {
    let group = metadata.row_group(index);
    let mut segments = Vec::new();
    for column in group.columns() {
        if !leaves.contains(&column.column_path().parts().to_vec()) {
            continue;
        }
        codec_readable(column.compression(), column.column_path().string())?;
        let (start, len) = chunk_range(column)?;
        // Checked before anything is allocated for it.
        if start.checked_add(len).is_none_or(|e| e > src.size()) {
            return Err(format!(
                "column `{}` claims bytes past the end of the file",
                column.column_path().string()
            ));
        }
        let mut buf = vec![0; usize::try_from(len).map_err(|_| "a column chunk too large")?];
        src.read_at(start, &mut buf)?;
        check_pages(&buf).map_err(|why| {
            format!(
                "column `{}` is damaged: {why}",
                column.column_path().string()
            )
        })?;
        *done += len;
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
    guarded(|| {
        SerializedRowGroupReader::new(sparse, group, RowGroupPageIndex::new(index, None), props)
            .map_err(|e| e.to_string())
    })
}

/// Runs a call into the `parquet` crate, whose decoders can panic on damaged data (an
/// `expect` deep in a page decoder): natively the panic is caught and becomes a message; in the
/// browser a panic aborts the Parquet reader's own wasm, and the worker reports it
/// (src/parquet.rs, public/ingest-worker.js). Only calls into the crate are wrapped, never this
/// reader's own code.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => Err(format!(
            "its data is damaged (the Parquet decoder stopped: {}).",
            panic_message(payload.as_ref())
        )),
    }
}

/// The text of a panic.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".into())
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
    guarded(|| {
        ParquetMetaDataReader::decode_metadata(&buf)
            .map_err(|e| format!("its footer is damaged ({e})."))
    })
}

/// Where a column chunk lies (`ColumnChunkMetaData::byte_range`, which panics on negative
/// offsets a damaged footer can hold; the row reader asks for the same range later, so a
/// chunk that passes here passes there).
fn chunk_range(
    column: &parquet::file::metadata::ColumnChunkMetaData,
) -> Result<(u64, u64), String> {
    let start = column
        .dictionary_page_offset()
        .unwrap_or_else(|| column.data_page_offset());
    let len = column.compressed_size();
    match (u64::try_from(start), u64::try_from(len)) {
        (Ok(start), Ok(len)) => Ok((start, len)),
        _ => Err(format!(
            "column `{}` has a negative offset or size in the footer (damaged)",
            column.column_path().string()
        )),
    }
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
    with_flags(&mut object, fields);
    let value = Value::Object(object);
    reader.at = Some(row_span(number));
    match &options.mapping {
        Some(mapping) => reader.take_mapped(number, mapping, value),
        None => {
            let record = Record::deserialize(value).map_err(|_| SkipReason::NotObject);
            reader.take(number, record);
        }
    }
    reader.at = None;
}

/// A row as the JSON object of its (projected) columns.
fn row_object(row: &parquet::record::Row) -> Map<String, Value> {
    (row.get_column_iter())
        .map(|(name, field)| (name.clone(), field.to_json_value()))
        .collect()
}

/// Columns whose presence alone tells a format (a response column), present in `object` as
/// placeholders where they were not read.
fn with_flags(object: &mut Map<String, Value>, fields: &[TypePtr]) {
    for f in fields {
        if matches!(Key::of(f.name()), Key::Flag(_)) {
            object.entry(f.name().to_owned()).or_insert(Value::from(0));
        }
    }
}

/// The span that stands for row `number` (counted from 1) in the text index.
pub(crate) fn row_span(number: usize) -> Span {
    Span {
        offset: number.saturating_sub(1) as u64,
        len: 0,
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

/// Most a page may inflate to, and most values a page may claim (a real page holds far less:
/// writers cut pages at about 1 MiB and 20 000 rows).
const MAX_PAGE_BYTES: i64 = 256 << 20;
const MAX_PAGE_VALUES: i64 = 1 << 28;

/// Checks the page headers of a column chunk before the crate decodes it: the crate sizes its
/// buffers by what a header claims (a dictionary of two billion values, a page inflating to
/// gigabytes), which a damaged file can make absurd. Each header is read with the Thrift
/// compact protocol: sizes non-negative and within the chunk, a page at most 256 MiB inflated,
/// a dictionary of at most one value per byte.
fn check_pages(chunk: &[u8]) -> Result<(), String> {
    let mut at = 0usize;
    while at < chunk.len() {
        let mut t = Thrift { b: chunk, i: at };
        let header = t.page_header()?;
        let body = usize::try_from(header.compressed).map_err(|_| "a negative page size")?;
        let end = t.i.checked_add(body).filter(|&e| e <= chunk.len());
        let Some(end) = end else {
            return Err("a page runs past its column chunk".into());
        };
        if !(0..=MAX_PAGE_BYTES).contains(&header.uncompressed) {
            return Err(format!(
                "a page claims to inflate to {} bytes",
                header.uncompressed
            ));
        }
        if !(0..=MAX_PAGE_VALUES).contains(&header.values) {
            return Err(format!("a page claims {} values", header.values));
        }
        if header.dictionary && header.values > header.uncompressed {
            return Err(format!(
                "a dictionary page claims {} values in {} bytes",
                header.values, header.uncompressed
            ));
        }
        at = end;
    }
    Ok(())
}

/// What `check_pages` needs of a page header.
#[derive(Debug, Default)]
struct PageHeader {
    uncompressed: i64,
    compressed: i64,
    values: i64,
    dictionary: bool,
}

/// A reader of the Thrift compact protocol, enough to read page headers and skip the rest.
struct Thrift<'a> {
    b: &'a [u8],
    i: usize,
}

impl Thrift<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.b.get(self.i).ok_or("a page header is cut short")?;
        self.i += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("a page header's number is too long".into())
    }

    fn int(&mut self) -> Result<i64, String> {
        let v = self.varint()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    /// A field header: (field id, type), or `None` at the struct's end.
    fn field(&mut self, last: i16) -> Result<Option<(i16, u8)>, String> {
        let b = self.byte()?;
        if b == 0 {
            return Ok(None);
        }
        let delta = i16::from(b >> 4);
        let id = if delta == 0 {
            self.int()? as i16
        } else {
            last.wrapping_add(delta)
        };
        Ok(Some((id, b & 0x0f)))
    }

    fn skip(&mut self, kind: u8, depth: u32) -> Result<(), String> {
        if depth > 32 {
            return Err("a page header nests too deep".into());
        }
        match kind {
            1 | 2 => {}
            3 => self.i += 1,
            4..=6 => {
                self.varint()?;
            }
            7 => self.i += 8,
            8 => {
                let len = usize::try_from(self.varint()?).map_err(|_| "too long")?;
                self.i = self.i.checked_add(len).ok_or("too long")?;
            }
            9 | 10 => {
                let h = self.byte()?;
                let size = if h >> 4 == 15 {
                    self.varint()?
                } else {
                    u64::from(h >> 4)
                };
                self.fits(size)?;
                for _ in 0..size {
                    self.skip(h & 0x0f, depth + 1)?;
                }
            }
            11 => {
                let size = self.varint()?;
                self.fits(size)?;
                if size > 0 {
                    let kv = self.byte()?;
                    for _ in 0..size {
                        self.skip(kv >> 4, depth + 1)?;
                        self.skip(kv & 0x0f, depth + 1)?;
                    }
                }
            }
            12 => self.skip_struct(depth + 1)?,
            _ => return Err("a page header holds an unknown Thrift type".into()),
        }
        if self.i > self.b.len() {
            return Err("a page header is cut short".into());
        }
        Ok(())
    }

    /// Every element takes at least a byte: a count beyond the bytes left is a lie.
    fn fits(&self, count: u64) -> Result<(), String> {
        if count > (self.b.len() - self.i.min(self.b.len())) as u64 {
            return Err("a page header claims more elements than it holds".into());
        }
        Ok(())
    }

    fn skip_struct(&mut self, depth: u32) -> Result<(), String> {
        let mut last = 0;
        while let Some((id, kind)) = self.field(last)? {
            self.skip(kind, depth)?;
            last = id;
        }
        Ok(())
    }

    /// A nested header's `num_values` (field 1), the rest skipped.
    fn num_values(&mut self) -> Result<i64, String> {
        let (mut last, mut values) = (0, 0);
        while let Some((id, kind)) = self.field(last)? {
            if id == 1 && kind == 5 {
                values = self.int()?;
            } else {
                self.skip(kind, 1)?;
            }
            last = id;
        }
        Ok(values)
    }

    fn page_header(&mut self) -> Result<PageHeader, String> {
        let mut h = PageHeader::default();
        let mut last = 0;
        while let Some((id, kind)) = self.field(last)? {
            match (id, kind) {
                (2, 5) => h.uncompressed = self.int()?,
                (3, 5) => h.compressed = self.int()?,
                (5 | 8, 12) => h.values = self.num_values()?,
                (7, 12) => {
                    h.values = self.num_values()?;
                    h.dictionary = true;
                }
                _ => self.skip(kind, 0)?,
            }
            last = id;
        }
        Ok(h)
    }
}
