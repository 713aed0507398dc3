//! Reading a user's `File` chunk by chunk into `core::ingest` (run inside the loading worker,
//! and callable on the page for tests), and fetching the demo shipped with the site.

use super::error::{js_message, Error, Result};
use js_sys::{Reflect, Uint8Array};
use passk_lens_core::read::ingest::{Ingest, Options};
use passk_lens_core::read::names::{source_of, source_of_name, Source};
use passk_lens_core::read::parquet::{read_parquet, read_rows as read_table_rows};
use passk_lens_core::read::texts::Span;
use passk_lens_core::read::zip::ReadAt;
use passk_lens_core::read::{read_archive, Kind, ParsedFile};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ReadableStream, ReadableStreamByobReader, ReadableStreamDefaultReader, ReadableWritablePair,
    Response,
};

#[wasm_bindgen]
extern "C" {
    /// The browser's DecompressionStream. web-sys only binds it behind its unstable-API flag,
    /// and a readable/writable pair is all that is needed of it.
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Gunzip;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> std::result::Result<Gunzip, JsValue>;

    /// A BYOB reader, for the `read` with options that web-sys does not bind.
    #[wasm_bindgen(extends = ReadableStreamByobReader)]
    type ByobReader;
    /// `reader.read(view, {min})`: resolves once `min` bytes are in the view (or the stream
    /// ended). A browser without `min` ignores it and resolves as soon as any bytes are there.
    #[wasm_bindgen(method, js_name = read)]
    fn read_min(this: &ByobReader, view: &Uint8Array, options: &js_sys::Object) -> js_sys::Promise;
}

/// A file the user picked or dropped, with its path inside a dropped or chosen folder, which
/// names runs and checkpoints (`names`); empty for a file picked alone (its name names it).
#[derive(Debug, Clone)]
pub struct Picked {
    pub file: web_sys::File,
    pub path: String,
}

impl Picked {
    /// A file picked alone.
    pub fn file(file: web_sys::File) -> Picked {
        Picked {
            file,
            path: String::new(),
        }
    }

    /// How the page names it: its path, else its name.
    pub fn display(&self) -> String {
        if self.path.is_empty() {
            self.file.name()
        } else {
            self.path.clone()
        }
    }
}

/// Whether a stream reader's `read()` result says the stream ended (anything but
/// `done: false` counts as the end, so a malformed result cannot loop forever).
pub(crate) fn stream_done(result: &JsValue) -> bool {
    Reflect::get(result, &"done".into())
        .ok()
        .and_then(|d| d.as_bool())
        != Some(false)
}

/// The default cap on a `.gz` file's decompressed size, in bytes (the page lets a user raise it).
pub const DEFAULT_CAP: f64 = 4096.0 * 1024.0 * 1024.0;

/// A file is gzipped when its name says so.
pub fn is_gzip(file: &web_sys::File) -> bool {
    file.name().ends_with(".gz")
}

/// The bytes of `file` from `start` to `end` (asynchronously: on the page or in a worker).
async fn bytes_between(file: &web_sys::File, start: f64, end: f64) -> Result<Vec<u8>> {
    let part = file.slice_with_f64_and_f64(start, end)?;
    let response = Response::new_with_opt_blob(Some(&part))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// A file's first `n` bytes (fewer if it is shorter), which tell its kind.
async fn first_bytes(file: &web_sys::File, n: u32) -> Result<Vec<u8>> {
    bytes_between(file, 0.0, f64::from(n).min(file.size())).await
}

/// The size a gzip file records in its last four bytes (the uncompressed size mod 2³²).
pub async fn gzip_isize(file: &web_sys::File) -> Option<u32> {
    let size = file.size();
    let bytes = bytes_between(file, (size - 4.0).max(0.0), size)
        .await
        .ok()?;
    Some(u32::from_le_bytes(bytes.try_into().ok()?))
}

/// How many bytes reading `file` will hand to the reader: its size, or for `.gz` the size its
/// trailer records (when plausible), so that progress is measured in what is parsed.
pub async fn expected_bytes(file: &web_sys::File) -> f64 {
    if !is_gzip(file) {
        return file.size();
    }
    match gzip_isize(file).await {
        Some(n) if f64::from(n) >= file.size() => f64::from(n),
        _ => file.size(),
    }
}

/// Reads `file` (named by `source`, its path in a dropped folder or its name) into counts.
/// A zip (an Inspect `.eval` log) is read through random access, only the parts needed; text
/// goes through the ingest one stream chunk at a time, never as one string. `.gz` files are
/// decompressed by the browser's DecompressionStream while streaming, up to `cap` decompressed
/// bytes; the decompressed size is checked against the size the file records at its end (a
/// decompressor that returned a truncated file's beginning without an error would otherwise
/// lose problems silently). `progress` is told the bytes read so far.
pub async fn read_file(
    file: &web_sys::File,
    source: Option<Source>,
    options: Options,
    cap: f64,
    progress: impl FnMut(f64),
) -> ParsedFile {
    let source = source.unwrap_or_else(|| source_of_name(&file.name()));
    if is_gzip(file) {
        return read_gzip(file, source, options, cap, progress).await;
    }
    match first_bytes(file, 4)
        .await
        .map(|head| Kind::of(&file.name(), &head))
    {
        Ok(Kind::Zip) => read_zip(file, source, &options, progress),
        Ok(Kind::Parquet) => read_parquet_elsewhere(file, &source, &options, progress).await,
        Ok(Kind::Text) => read_plain(file, source, options, progress).await,
        Err(why) => ParsedFile::unreadable(file.name(), why.to_string()),
    }
}

/// A `File` read at given offsets, synchronously (`FileReaderSync`: workers only).
struct BlobAt {
    file: web_sys::File,
    reader: web_sys::FileReaderSync,
}

impl BlobAt {
    fn new(file: &web_sys::File) -> Result<BlobAt> {
        Ok(BlobAt {
            file: file.clone(),
            reader: web_sys::FileReaderSync::new()?,
        })
    }
}

impl ReadAt for BlobAt {
    fn size(&self) -> u64 {
        self.file.size() as u64
    }

    fn read_at(&self, offset: u64, buf: &mut [u8]) -> std::result::Result<(), String> {
        let end = offset as f64 + buf.len() as f64;
        let slice = self
            .file
            .slice_with_f64_and_f64(offset as f64, end)
            .map_err(|e| js_message(&e))?;
        let bytes = self
            .reader
            .read_as_array_buffer(&slice)
            .map_err(|e| js_message(&e))?;
        let view = Uint8Array::new(&bytes);
        if view.length() as usize != buf.len() {
            return Err(format!(
                "the browser read {} bytes at offset {offset} where {} were asked for",
                view.length(),
                buf.len()
            ));
        }
        view.copy_to(buf);
        Ok(())
    }
}

/// Reads a zip archive (an Inspect `.eval` log) through random access.
fn read_zip(
    file: &web_sys::File,
    source: Source,
    options: &Options,
    mut progress: impl FnMut(f64),
) -> ParsedFile {
    let parsed = match BlobAt::new(file) {
        Ok(blob) => read_archive(source, &blob, options),
        Err(why) => return ParsedFile::unreadable(file.name(), why.to_string()),
    };
    progress(file.size());
    parsed
}

/// Reads a Parquet table in the Parquet reader's own wasm, which the worker's script imports
/// the first time one is read (`self.passkParquet`, public/ingest-worker.js).
async fn read_parquet_elsewhere(
    file: &web_sys::File,
    source: &Source,
    options: &Options,
    mut progress: impl FnMut(f64),
) -> ParsedFile {
    let name = file.name();
    let hook = Reflect::get(&js_sys::global(), &"passkParquet".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(hook) = hook else {
        return ParsedFile::unreadable(name, "the Parquet reader is not available here".into());
    };
    let args = js_sys::Array::of3(
        file,
        &JsValue::from_str(&source.path),
        &JsValue::from_str(&options.to_json()),
    );
    let result = match hook.apply(&JsValue::NULL, &args) {
        Ok(promise) => JsFuture::from(js_sys::Promise::from(promise)).await,
        Err(e) => Err(e),
    };
    progress(file.size());
    match result.map(|json| json.as_string().unwrap_or_default()) {
        Ok(json) => {
            ParsedFile::from_json(&json).unwrap_or_else(|why| ParsedFile::unreadable(name, why))
        }
        // The message of a decoder that stopped, or of a reader that did not load.
        Err(e) => ParsedFile::unreadable(name, js_message(&e)),
    }
}

/// The Parquet reader's work, in its own wasm (`src/parquet.rs`): reads `file` (named by
/// `path`, or by its name when `path` is empty) with the options' JSON, and returns the
/// `ParsedFile` as JSON.
pub fn read_parquet_file(file: &web_sys::File, path: &str, options: &str) -> String {
    let options = Options::from_json(options);
    let source = if path.is_empty() {
        source_of_name(&file.name())
    } else {
        source_of(path)
    };
    let parsed = match BlobAt::new(file) {
        Ok(blob) => read_parquet(source, &blob, &options, |_| {}),
        Err(why) => ParsedFile::unreadable(file.name(), why.to_string()),
    };
    parsed.to_json()
}

/// A Parquet table's rows read again for their texts (`parquet::read_rows`), in the Parquet
/// reader's own wasm (`self.passkParquetRows`, public/ingest-worker.js): each row as JSON
/// bytes, `None` for a row the table does not have. `rows` are the text index's row numbers.
pub async fn read_rows(
    file: &web_sys::File,
    rows: &[u64],
    options: &Options,
    question_only: bool,
) -> Result<Vec<Option<Vec<u8>>>> {
    let hook = Reflect::get(&js_sys::global(), &"passkParquetRows".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| Error::Unreadable("the Parquet reader is not available here".into()))?;
    let numbers: Vec<f64> = rows.iter().map(|&r| r as f64).collect();
    let args = js_sys::Array::of4(
        file,
        &js_sys::Float64Array::from(&numbers[..]),
        &JsValue::from_str(&options.to_json()),
        &JsValue::from_bool(question_only),
    );
    let promise = hook
        .apply(&JsValue::NULL, &args)
        .map_err(|e| Error::Unreadable(js_message(&e)))?;
    let json = JsFuture::from(js_sys::Promise::from(promise))
        .await
        .map_err(|e| Error::Unreadable(js_message(&e)))?
        .as_string()
        .unwrap_or_default();
    let read: std::result::Result<Vec<Option<String>>, String> = serde_json::from_str(&json)
        .map_err(|e| Error::Unreadable(format!("the Parquet reader's answer: {e}")))?;
    read.map(|rows| {
        rows.into_iter()
            .map(|r| r.map(String::into_bytes))
            .collect()
    })
    .map_err(Error::Unreadable)
}

/// The Parquet reader's side of `read_rows`, in its own wasm: the rows' JSON texts, or why
/// they could not be read, as JSON.
pub fn read_parquet_rows(
    file: &web_sys::File,
    rows: &[f64],
    options: &str,
    question_only: bool,
) -> String {
    let options = Options::from_json(options);
    let rows: Vec<u64> = rows.iter().map(|&r| r as u64).collect();
    let read = BlobAt::new(file)
        .map_err(|why| why.to_string())
        .and_then(|blob| read_table_rows(&blob, &rows, &options, question_only));
    serde_json::to_string(&read).unwrap_or_default()
}

/// Reads a `.gz` file through the browser's DecompressionStream, up to `cap` decompressed bytes.
async fn read_gzip(
    file: &web_sys::File,
    source: Source,
    options: Options,
    cap: f64,
    mut progress: impl FnMut(f64),
) -> ParsedFile {
    let name = file.name();
    let stream = match gunzipped(file) {
        Ok(s) => s,
        Err(why) => return ParsedFile::unreadable(name, why.to_string()),
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut ingest = Ingest::with_source(source, options);
    let mut chunk = Vec::new();
    let mut read = 0.0;
    let mut stopped = None;
    loop {
        let result = match JsFuture::from(reader.read()).await {
            Ok(r) => r,
            Err(e) => {
                stopped = Some(format!("not a readable gzip file ({})", js_message(&e)));
                break;
            }
        };
        if stream_done(&result) {
            break;
        }
        let Ok(value) = Reflect::get(&result, &"value".into()) else {
            break;
        };
        let bytes: Uint8Array = value.unchecked_into();
        chunk.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut chunk);
        read += chunk.len() as f64;
        if read > cap {
            let _ = reader.cancel();
            stopped = Some(format!(
                "Stopped at the decompression cap of {} MB: the lines before it were read. Raise the cap to read the whole file.",
                (cap / 1e6).round()
            ));
            break;
        }
        ingest.push(&chunk);
        progress(read);
    }
    let mut parsed = ingest.finish();
    let report = &mut parsed.report;
    match stopped {
        Some(why) if read == 0.0 => return ParsedFile::unreadable(name, why),
        Some(why) => report.problem = Some(why),
        None => {
            let recorded = gzip_isize(file).await;
            if let Some(r) = recorded.filter(|&r| r != (read as u64 & 0xffff_ffff) as u32) {
                report.notes.push(format!(
                    "Decompressed {read} bytes, but the gzip file records {r} (mod 2^32): it may be truncated, so problems may be missing. (Concatenated gzip files also trigger this.)"
                ));
            }
        }
    }
    parsed
}

/// Bytes of a plain file parsed per step.
const SLICE: u32 = 1024 * 1024;

/// Reads a plain file through a BYOB ("bring your own buffer") stream reader into one buffer
/// that serves the whole file: the browser fills it, this thread copies it into wasm memory and
/// parses it. No buffer per slice is left for the garbage collector, so the tab's memory stays
/// flat however large the file (BENCHMARKS.md).
async fn read_plain(
    file: &web_sys::File,
    source: Source,
    options: Options,
    mut progress: impl FnMut(f64),
) -> ParsedFile {
    let name = file.name();
    let reader = match ReadableStreamByobReader::new(&file.stream()) {
        Ok(r) => r,
        Err(e) => return ParsedFile::unreadable(name, js_message(&e)),
    };
    let mut ingest = Ingest::with_source(source, options);
    let mut chunk = Vec::new();
    let mut buffer = js_sys::ArrayBuffer::new(SLICE);
    let (mut fill, mut read) = (0u32, 0.0);
    loop {
        let view = Uint8Array::new_with_byte_offset_and_length(&buffer, fill, SLICE - fill);
        let min = js_sys::Object::new();
        let _ = Reflect::set(&min, &"min".into(), &view.length().into());
        let result = match JsFuture::from(
            reader.unchecked_ref::<ByobReader>().read_min(&view, &min),
        )
        .await
        {
            Ok(r) => r,
            Err(e) => return ParsedFile::unreadable(name, js_message(&e)),
        };
        let done = stream_done(&result);
        // The filled view comes back on the same memory, transferred to a new ArrayBuffer.
        if let Ok(value) = Reflect::get(&result, &"value".into())
            .unwrap_or_default()
            .dyn_into::<Uint8Array>()
        {
            buffer = value.buffer();
            fill += value.length();
        }
        if fill == SLICE || (done && fill > 0) {
            chunk.resize(fill as usize, 0);
            Uint8Array::new_with_byte_offset_and_length(&buffer, 0, fill).copy_to(&mut chunk);
            ingest.push(&chunk);
            read += f64::from(fill);
            progress(read);
            fill = 0;
        }
        if done {
            break;
        }
    }
    ingest.finish()
}

/// Spans closer than this are read in one slice, of at most `ONE_READ` bytes.
const NEAR: u64 = 64 * 1024;
const ONE_READ: u64 = 16 << 20;

/// The bytes of each span of `file` (offsets into what its reader was handed: for `.gz`, the
/// decompressed bytes), in the order given. A plain file is sliced (`Blob.slice`), neighbouring
/// spans in one read; a `.gz` file has no seek points, so it is decompressed again from its
/// start up to the last span's end (BENCHMARKS.md, "Texts").
pub async fn read_spans(file: &web_sys::File, spans: &[Span]) -> Result<Vec<Vec<u8>>> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i].offset);
    let mut out = vec![Vec::new(); spans.len()];
    if is_gzip(file) {
        read_gzip_spans(file, spans, &order, &mut out).await?;
        return Ok(out);
    }
    let mut at = 0;
    while at < order.len() {
        // One read for the run of spans that lie near each other.
        let (start, mut end, mut last) = (spans[order[at]].offset, spans[order[at]].end(), at);
        while last + 1 < order.len()
            && spans[order[last + 1]].offset <= end + NEAR
            && spans[order[last + 1]].end() - start <= ONE_READ
        {
            last += 1;
            end = end.max(spans[order[last]].end());
        }
        let bytes = bytes_between(file, start as f64, end as f64).await?;
        for &i in &order[at..=last] {
            let (a, b) = (spans[i].offset - start, spans[i].end() - start);
            out[i] = bytes
                .get(a as usize..b as usize)
                .ok_or_else(|| {
                    Error::Unreadable("the file is shorter than when it was read".into())
                })?
                .to_vec();
        }
        at = last + 1;
    }
    Ok(out)
}

async fn read_gzip_spans(
    file: &web_sys::File,
    spans: &[Span],
    order: &[usize],
    out: &mut [Vec<u8>],
) -> Result<()> {
    let reader: ReadableStreamDefaultReader = gunzipped(file)?.get_reader().unchecked_into();
    let last = order.iter().map(|&i| spans[i].end()).max().unwrap_or(0);
    let mut read = 0u64;
    while read < last {
        let result = JsFuture::from(reader.read()).await?;
        if stream_done(&result) {
            break;
        }
        let bytes: Uint8Array = Reflect::get(&result, &"value".into())?.unchecked_into();
        let (from, to) = (read, read + u64::from(bytes.length()));
        // Only the bytes of a span are copied into wasm memory.
        for &i in order {
            let s = spans[i];
            let (a, b) = (s.offset.max(from), s.end().min(to));
            if a < b {
                let part = bytes.subarray((a - from) as u32, (b - from) as u32);
                let at = out[i].len();
                out[i].resize(at + (b - a) as usize, 0);
                part.copy_to(&mut out[i][at..]);
            }
        }
        read = to;
    }
    let _ = reader.cancel();
    if read < last {
        return Err(Error::Unreadable(
            "the file is shorter than when it was read".into(),
        ));
    }
    Ok(())
}

/// The file's bytes as a stream, through a gunzip.
fn gunzipped(file: &web_sys::File) -> Result<ReadableStream> {
    let gunzip = Gunzip::new("gzip")?;
    Ok(file
        .stream()
        .pipe_through(gunzip.unchecked_ref::<ReadableWritablePair>()))
}

/// Requests a file shipped with the site, by URL relative to the page (so a sub-path works):
/// the request starts now, whenever the result is awaited.
fn request(url: &str) -> Result<JsFuture> {
    let window = web_sys::window().ok_or(Error::NoPage("window"))?;
    Ok(JsFuture::from(window.fetch_with_str(url)))
}

/// The response to a request, if it succeeded.
async fn response(url: &str, request: Result<JsFuture>) -> Result<Response> {
    let response: Response = request?.await?.dyn_into()?;
    if !response.ok() {
        return Err(Error::Unreadable(format!(
            "{url}: HTTP {}",
            response.status()
        )));
    }
    Ok(response)
}

/// The text of a file shipped with the site.
pub async fn fetch_text(url: &str) -> Result<String> {
    let text = JsFuture::from(response(url, request(url)).await?.text()?).await?;
    text.as_string()
        .ok_or_else(|| Error::Unreadable(format!("{url}: not text")))
}

/// The bytes of a file shipped with the site; the request starts when this is called, so
/// several can be under way at once.
pub fn fetch_bytes(url: &str) -> impl std::future::Future<Output = Result<Vec<u8>>> {
    let url = url.to_owned();
    let started = request(&url);
    async move {
        let buffer = JsFuture::from(response(&url, started).await?.array_buffer()?).await?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }
}
