//! Reading a result file chunk by chunk, as the worker receives it from the browser: lines are
//! cut out of the chunks and parsed one at a time, so a file is never held as one string and a
//! line's responses are skipped without being allocated.
//!
//! The format is recognised from the content: JSON Lines (one record per line); a JSON
//! document, i.e. an array `[…]` (LiveCodeBench, Tree-of-Thoughts logs) or one or more
//! pretty-printed objects, which is kept and parsed when the file ends; and evalplus's
//! `eval_results.json` (`{"eval": {"HumanEval/0": [{"base_status": …, "plus_status": …}]}}`),
//! in either layout. A user's field mapping, when given, replaces the recognised fields.
//!
//! ```
//! use passk_lens_core::read::{Ingest, Options};
//! let mut ingest = Ingest::new("rl.jsonl", Options::default());
//! ingest.push(b"{\"idx\": 0, \"score\": [tr");
//! ingest.push(b"ue, false]}\n{\"idx\": 1, \"n\": 4, \"c\": 3}");
//! let parsed = ingest.finish();
//! assert_eq!((parsed.report.lines, parsed.report.used), (2, 2));
//! ```

use super::formats::{evalplus, inspect, livecodebench};
use super::mapping::Mapping;
use super::names::{source_of, Source};
use super::reader::Reader;
use super::record::{flag, Element, Record};
pub use super::report::EvalPlusTests;
use super::report::{json_error, Format, ParsedFile, SkipReason};
use super::skim;
use super::texts::Span;
use serde::de::{DeserializeSeed, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How to read a file: chosen by the user on the page, passed to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// The user's field mapping, replacing the recognised fields.
    pub mapping: Option<Mapping>,
    pub evalplus: EvalPlusTests,
    /// Longer lines are reported and not kept (a result line is rarely over a few MiB).
    pub max_line: usize,
    /// The scorer to read when a file offers several (Inspect); `None`: the default.
    #[serde(default)]
    pub scorer: Option<String>,
    /// Group lines that repeat a question under new ids into one problem (Qwen2.5-Math's
    /// repeated sets); false reads each line as its own problem.
    #[serde(default = "yes")]
    pub group_questions: bool,
}

fn yes() -> bool {
    true
}

impl Options {
    /// The JSON the page posts to the worker.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("options always serialise")
    }

    /// Reads what `to_json` wrote; anything else gives the defaults.
    pub fn from_json(text: &str) -> Options {
        serde_json::from_slice(text.as_bytes()).unwrap_or_default()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mapping: None,
            evalplus: EvalPlusTests::default(),
            max_line: 256 << 20,
            scorer: None,
            group_questions: true,
        }
    }
}

/// Records kept to name a file's fields when it is not recognised.
const EXAMPLES: usize = 5;
const EXAMPLE_BYTES: usize = 8 << 20;

enum State {
    Lines,
    /// A JSON document: its bytes so far.
    Document(Vec<u8>),
}

/// A file being read: `push` its bytes in chunks of any size, then `finish`.
pub struct Ingest {
    reader: Reader,
    options: Options,
    state: State,
    /// The line being cut out of the chunks.
    pending: Vec<u8>,
    /// The current line passed `max_line`: its bytes are dropped until its end.
    overlong: bool,
    /// Some byte other than whitespace or a BOM has been seen.
    started: bool,
    /// Bytes seen before `started`, and whether they are all a BOM so far.
    seen: usize,
    in_bom: bool,
    /// No non-blank line has been read yet.
    first_line: bool,
    examples: Vec<Vec<u8>>,
    example_bytes: usize,
    /// Lines read with U+FFFD in place of bytes that are not UTF-8 or of halves of surrogate
    /// pairs (`parse_record`).
    lossy: usize,
    /// The fields of a line that `skim` keeps.
    kept: Vec<u8>,
    /// Bytes pushed so far, and where the line being cut out starts.
    offset: u64,
    line_start: u64,
    /// Where the JSON document starts in the file.
    doc_start: u64,
    /// Parse the complete lines of a chunk on all cores before their turn (the `parallel`
    /// feature; the command line's, never the browser's).
    #[cfg(feature = "parallel")]
    parallel: bool,
}

/// A line's record, parsed ahead of its turn (on another core), with whether it was read with
/// U+FFFD in places (`parse_record`), which counts only if the record is used.
struct Ahead {
    record: Result<Record, serde_json::Error>,
    lossy: usize,
}

impl Ahead {
    /// The record, counted in `lossy` if it was read with U+FFFD in places.
    fn record_counted(self, lossy: &mut usize) -> Result<Record, serde_json::Error> {
        *lossy += self.lossy;
        self.record
    }
}

/// A record of a document as read so far: through the user's mapping, its `Value` (and whether
/// it was read with U+FFFD) or why it is none; else as a line is read.
// Made and taken at once, never stored: a box would only add an allocation per record.
#[allow(clippy::large_enum_variant)]
enum Read {
    Mapped(Result<(Value, usize), serde_json::Error>),
    Ahead(Ahead),
}

/// Parses one trimmed line as `Ingest::line` would.
fn parse_ahead(line: &[u8], kept: &mut Vec<u8>) -> Ahead {
    let mut lossy = 0;
    let record =
        skim::record(line, kept).map_or_else(|| parse_record::<Record>(line, &mut lossy), Ok);
    Ahead { record, lossy }
}

/// Reads a whole result file held in memory (tests, the demo) the same way the worker does.
pub fn parse_file(file_name: &str, text: &str) -> ParsedFile {
    parse_bytes(file_name, text.as_bytes(), Options::default())
}

/// Reads a file's bytes with the given options.
pub fn parse_bytes(file_name: &str, bytes: &[u8], options: Options) -> ParsedFile {
    let mut ingest = Ingest::new(file_name, options);
    ingest.push(bytes);
    ingest.finish()
}

const BOM: &[u8] = "\u{feff}".as_bytes();

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if !is_space(*first) {
            break;
        }
        s = rest;
    }
    while let [rest @ .., last] = s {
        if !is_space(*last) {
            break;
        }
        s = rest;
    }
    s
}

impl Ingest {
    /// Starts reading `file_name` (which names the model of records without a `model` field;
    /// a path inside a dropped folder may name a run and a step: `names`).
    pub fn new(file_name: &str, options: Options) -> Self {
        Self::with_source(source_of(file_name), options)
    }

    /// Starts reading a file whose names the caller worked out (`names::sources_of` for the
    /// files of one folder).
    pub fn with_source(source: Source, options: Options) -> Self {
        let group_questions = options.group_questions;
        Ingest {
            reader: Reader::new(source, "line", group_questions),
            options,
            state: State::Lines,
            pending: Vec::new(),
            overlong: false,
            started: false,
            seen: 0,
            in_bom: true,
            first_line: true,
            examples: Vec::new(),
            example_bytes: 0,
            lossy: 0,
            kept: Vec::new(),
            offset: 0,
            line_start: 0,
            doc_start: 0,
            #[cfg(feature = "parallel")]
            parallel: false,
        }
    }

    /// Reads one record again, as a file of `format` (the rules it was counted by), keeping its
    /// samples' verdicts and answers (`finish_captured`).
    pub fn capturing(mut self, format: Format) -> Self {
        self.reader.report.format = format;
        if format == Format::JsonArray {
            self.reader.report.unit = "element";
        }
        self.reader.capture = Some(Vec::new());
        self
    }

    /// Ends a record read by `capturing`: its samples' verdicts and extracted answers (or its
    /// counts, when it gives no samples one by one), or why it gave none.
    pub fn finish_captured(
        mut self,
    ) -> Result<Result<super::reader::Captured, crate::counts::Counts>, String> {
        self.end();
        self.reader.captured()
    }

    /// Parses the complete lines of each chunk on all cores (through rayon) before reading
    /// them in order, which gives the same result as reading them one by one: the parse of a
    /// line depends on nothing but the line, and everything else still happens in file order.
    /// Worth it for chunks of many lines (the command line reads 64 MiB at a time).
    #[cfg(feature = "parallel")]
    pub fn parallel(mut self, on: bool) -> Self {
        self.parallel = on;
        self
    }

    /// The records of the chunk's complete lines after its first newline, parsed ahead in
    /// parallel (the first line may continue a pending one: it is read in turn). `None` where
    /// a line is too long to be read.
    #[cfg(feature = "parallel")]
    fn parse_chunk_ahead(&self, chunk: &[u8]) -> std::collections::VecDeque<Option<Ahead>> {
        use rayon::prelude::*;
        if !self.parallel || self.options.mapping.is_some() || !matches!(self.state, State::Lines) {
            return Default::default();
        }
        let mut spans = Vec::new();
        let mut start = match memchr::memchr(b'\n', chunk) {
            Some(end) => end + 1,
            None => return Default::default(),
        };
        while let Some(end) = memchr::memchr(b'\n', &chunk[start..]) {
            spans.push((start, start + end));
            start += end + 1;
        }
        if spans.len() < 2 {
            return Default::default();
        }
        let max_line = self.options.max_line;
        spans
            .par_iter()
            .map_init(Vec::new, |kept, &(a, b)| {
                (b - a <= max_line).then(|| parse_ahead(trim(&chunk[a..b]), kept))
            })
            .collect::<Vec<_>>()
            .into()
    }

    /// Reads the next bytes of the file.
    pub fn push(&mut self, mut chunk: &[u8]) {
        // Where `chunk[0]` lies in the file.
        let mut pos = self.offset;
        self.offset += chunk.len() as u64;
        // A file whose first character (after a BOM and whitespace) is `[` is a JSON array.
        if !self.started {
            for (i, &b) in chunk.iter().enumerate() {
                let at = self.seen + i;
                if self.in_bom && at < BOM.len() {
                    if b == BOM[at] {
                        continue;
                    }
                    self.in_bom = false;
                    if at > 0 {
                        // Part of a BOM: text, so not a JSON array.
                        self.started = true;
                        break;
                    }
                }
                self.in_bom = false;
                if is_space(b) {
                    continue;
                }
                self.started = true;
                if b == b'[' {
                    self.doc_start = pos + i as u64;
                    return self.start_document(&chunk[i..]);
                }
                break;
            }
            self.seen += chunk.len();
        }
        // Records of the chunk's lines after the first, when parsed ahead; else parsed in turn.
        #[cfg(feature = "parallel")]
        let mut ahead = self.parse_chunk_ahead(chunk);
        #[cfg(not(feature = "parallel"))]
        let mut ahead = std::collections::VecDeque::<Option<Ahead>>::new();
        let mut first = true;
        loop {
            if let State::Document(doc) = &mut self.state {
                doc.extend_from_slice(chunk);
                return;
            }
            let Some(end) = memchr::memchr(b'\n', chunk) else {
                self.extend_pending(chunk);
                return;
            };
            let parsed = if std::mem::take(&mut first) {
                None
            } else {
                ahead.pop_front().flatten()
            };
            let span = self.cut(pos + end as u64);
            if self.pending.is_empty() && !self.overlong && end <= self.options.max_line {
                self.line(&chunk[..end], parsed, span);
            } else {
                self.extend_pending(&chunk[..end]);
                let line = std::mem::take(&mut self.pending);
                self.line(&line, None, span);
                // Keep the allocation for the next long line, unless it was a huge one.
                if self.pending.is_empty() && line.capacity() <= 16 << 20 {
                    self.pending = line;
                    self.pending.clear();
                }
            }
            chunk = &chunk[end + 1..];
            pos += end as u64 + 1;
        }
    }

    /// The span of the line ending (before its newline) at `end`; the next starts after it.
    fn cut(&mut self, end: u64) -> Span {
        let start = std::mem::replace(&mut self.line_start, end + 1);
        Span {
            offset: start,
            len: u32::try_from(end - start).unwrap_or(u32::MAX),
        }
    }

    fn extend_pending(&mut self, bytes: &[u8]) {
        if self.overlong {
            return;
        }
        if self.pending.len() + bytes.len() > self.options.max_line {
            self.overlong = true;
            self.pending = Vec::new();
        } else {
            self.pending.extend_from_slice(bytes);
        }
    }

    fn start_document(&mut self, bytes: &[u8]) {
        let r = &mut self.reader.report;
        (r.lines, r.blank, r.unit) = (0, 0, "element");
        self.state = State::Document(bytes.to_vec());
    }

    /// One complete line (without its `\n`), with its record if it was parsed ahead.
    fn line(&mut self, raw: &[u8], ahead: Option<Ahead>, span: Span) {
        self.reader.report.lines += 1;
        let number = self.reader.report.lines;
        if std::mem::take(&mut self.overlong) {
            // A line was read: the file is not a document that starts on a later line.
            self.first_line = false;
            let limit_mib = self.options.max_line >> 20;
            return self.reader.skip(number, SkipReason::TooLong { limit_mib });
        }
        let mut line = trim(raw);
        // The first line's record is parsed here (it may start with a BOM).
        let ahead = ahead.filter(|_| !self.first_line);
        if self.first_line {
            line = trim(line.strip_prefix(BOM).unwrap_or(line));
        }
        if line.is_empty() {
            self.reader.report.blank += 1;
            return;
        }
        if std::mem::take(&mut self.first_line) && line[0] == b'{' && incomplete(line) {
            // A pretty-printed object: the rest of the file is read as one document, from the
            // object's first byte on as the file holds it (so spans in it are the file's).
            let at = line.as_ptr() as usize - raw.as_ptr() as usize;
            self.doc_start = span.offset + at as u64;
            let mut doc = raw[at..].to_vec();
            doc.push(b'\n');
            return self.start_document(&doc);
        }
        if self.examples.len() < EXAMPLES && self.example_bytes + line.len() <= EXAMPLE_BYTES {
            self.example_bytes += line.len();
            self.examples.push(line.to_vec());
        }
        if self.options.mapping.is_some() {
            let value =
                parse_record::<Value>(line, &mut self.lossy).map_err(|e| not_json(&e, line));
            self.reader.at = Some(span);
            self.mapped(number, value);
            self.reader.at = None;
            return;
        }
        // Most lines take the fast path; the rest (and every broken line) serde_json reads.
        let ahead = ahead.unwrap_or_else(|| parse_ahead(line, &mut self.kept));
        if ahead.record.as_ref().is_ok_and(is_a_file) {
            // The line is replaced by what it holds (tasks, samples), whose spans are found in
            // it: from where it starts past a BOM and spaces.
            self.reader.report.lines -= 1;
            let at = span.offset + (line.as_ptr() as usize - raw.as_ptr() as usize) as u64;
            if self.inspect_log(line, at) {
                return;
            }
            // Its U+FFFD are counted once, by what reads it.
            let mut lossy = 0;
            match parse_record::<Value>(line, &mut lossy) {
                Ok(value) => self.object(value, lossy, at, line),
                Err(e) => {
                    self.reader.report.lines += 1;
                    (self.reader).skip(number, SkipReason::NotJson(json_error(&e)));
                }
            }
            return;
        }
        match ahead.record_counted(&mut self.lossy) {
            Ok(record) => {
                self.reader.at = Some(span);
                self.reader.take(number, Ok(record));
                self.reader.at = None;
            }
            Err(e) => self.reader.take(number, Err(not_json(&e, line))),
        }
    }

    /// A record read through the user's mapping.
    fn mapped(&mut self, number: usize, value: Result<Value, SkipReason>) {
        let mapping = self
            .options
            .mapping
            .as_ref()
            .expect("only called with a mapping");
        match value {
            Ok(v) => self.reader.take_mapped(number, mapping, v),
            Err(reason) => self.reader.skip(number, reason),
        }
    }

    /// Reads `bytes` as an Inspect log if its keys say it is one, straight from the bytes (its
    /// transcripts skipped unread, never made values); `false` if they do not.
    fn inspect_log(&mut self, bytes: &[u8], offset: u64) -> bool {
        if self.options.mapping.is_some() || !inspect::recognises(&top_keys(bytes)) {
            return false;
        }
        if self.after_another_format(Format::Inspect) {
            return true;
        }
        let mut lossy = 0;
        let log = parse_record::<inspect::Log>(bytes, &mut lossy).map_err(|e| json_error(&e));
        self.lossy += lossy;
        self.read_inspect(log, offset, bytes);
        true
    }

    /// Whether the file was read as another format than `found`, a file of its own that comes
    /// after it: then that file is one unit, skipped with the reason (the drawer reads a file's
    /// spans in one format).
    fn after_another_format(&mut self, found: Format) -> bool {
        let file = self.reader.report.format;
        if matches!(file, Format::Unknown) || file == found {
            return false;
        }
        self.reader.report.lines += 1;
        let number = self.reader.report.lines;
        let reason = SkipReason::other_format(found.label(), file.label());
        self.reader.skip(number, reason);
        true
    }

    /// An Inspect log read (or why it could not be), from `bytes` at `offset`.
    fn read_inspect(&mut self, log: Result<inspect::Log, String>, offset: u64, bytes: &[u8]) {
        match log {
            Ok(log) => {
                // Each sample's element of `samples`, for its texts.
                let spans: Vec<Option<Span>> = member(bytes, "samples")
                    .map(|(a, b)| spans_at(offset + a as u64, element_spans(&bytes[a..b])))
                    .unwrap_or_default()
                    .into_iter()
                    .map(Some)
                    .collect();
                let scorer = self.options.scorer.as_deref();
                inspect::read(&mut self.reader, log, scorer, &spans)
            }
            Err(e) => {
                self.reader.report.problem = Some(format!(
                    "An Inspect log whose parts could not be read: {e}."
                ));
            }
        }
    }

    /// A whole top-level object that is a file of its own: an Inspect log or evalplus results.
    /// Anything else is one record. `bytes` are the object's, at `offset` in the file.
    fn object(&mut self, value: Value, lossy: usize, offset: u64, bytes: &[u8]) {
        let keys: Vec<String> = value
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        if self.options.mapping.is_none() && inspect::recognises(&keys) {
            if self.after_another_format(Format::Inspect) {
                return;
            }
            self.lossy += lossy;
            let log = serde_json::from_value::<inspect::Log>(value).map_err(|e| e.to_string());
            return self.read_inspect(log, offset, bytes);
        }
        if self.options.mapping.is_none() && evalplus::recognises(&value) {
            if self.after_another_format(Format::Evalplus) {
                return;
            }
            self.lossy += lossy;
            // Each task's list of samples, for its texts.
            let spans = member(bytes, "eval")
                .map(|(a, b)| {
                    let tasks = &bytes[a..b];
                    let start = offset + a as u64;
                    (members(tasks).into_iter())
                        .map(|(key, range)| (key, span_at(start, range)))
                        .collect()
                })
                .unwrap_or_default();
            return evalplus::read(&mut self.reader, value, self.options.evalplus, &spans);
        }
        let read = match self.options.mapping {
            Some(_) => Read::Mapped(Ok((value, lossy))),
            None => Read::Ahead(parse_ahead(trim(bytes), &mut self.kept)),
        };
        self.record(read, offset, bytes);
    }

    /// One record of a document (or a line holding `eval`), at `offset`: read from its bytes
    /// as a line is, so that the drawer, reading its span again, reads what was counted.
    fn record(&mut self, read: Read, offset: u64, raw: &[u8]) {
        let bytes = trim(raw);
        let offset = offset + (bytes.as_ptr() as usize - raw.as_ptr() as usize) as u64;
        self.reader.report.lines += 1;
        let number = self.reader.report.lines;
        self.reader.at = Some(span_at(offset, (0, bytes.len())));
        match read {
            Read::Mapped(Ok((value, lossy))) => {
                self.lossy += lossy;
                self.mapped(number, Ok(value));
            }
            Read::Mapped(Err(e)) => self.mapped(number, Err(not_json(&e, bytes))),
            Read::Ahead(ahead) => {
                let record = ahead.record_counted(&mut self.lossy);
                (self.reader).take(number, record.map_err(|e| not_json(&e, bytes)));
            }
        }
        self.reader.at = None;
    }

    /// Ends the file: its last line (without a final newline) or its document is read.
    pub fn finish(mut self) -> ParsedFile {
        let examples = self.end();
        self.reader.finish(&examples)
    }

    /// Reads what is left (the last line, the document) and returns the first records.
    fn end(&mut self) -> Vec<Value> {
        if matches!(self.state, State::Lines) && (self.overlong || !self.pending.is_empty()) {
            let last = std::mem::take(&mut self.pending);
            let span = self.cut(self.offset);
            self.line(&last, None, span);
        }
        let mut examples: Vec<Value> = self
            .examples
            .iter()
            .filter_map(|l| serde_json::from_slice(l).ok())
            .collect();
        if let State::Document(mut doc) = std::mem::replace(&mut self.state, State::Lines) {
            // Read as a line is (`parse_record`), but over the whole document, so that an
            // array's elements and each value's spans are read alike.
            let halves = replace_unpaired_surrogates(&mut doc);
            if halves > 0 {
                self.reader.report.notes.push(format!(
                    "{halves} escape(s) of half a surrogate pair (such as \\ud83d alone, a \
                     string cut inside an emoji): read as U+FFFD."
                ));
            }
            examples = self.document(&doc);
        }
        if self.lossy > 0 {
            self.reader.report.notes.push(format!(
                "{} line(s) hold bytes that are not UTF-8, or halves of surrogate pairs (an escape \
                 such as \\ud83d alone, a string cut inside an emoji): read with U+FFFD in their \
                 place.",
                self.lossy
            ));
        }
        examples
    }

    /// Reads a whole JSON document and returns its first records.
    fn document(&mut self, whole: &[u8]) -> Vec<Value> {
        let doc = trim(whole);
        let doc = doc.strip_prefix(BOM).unwrap_or(doc);
        if doc.first() == Some(&b'[') {
            let start = self.doc_start + (doc.as_ptr() as usize - whole.as_ptr() as usize) as u64;
            return self.array(doc, start);
        }
        let mut examples = Vec::new();
        let doc_start = self.doc_start + (doc.as_ptr() as usize - whole.as_ptr() as usize) as u64;
        // The values are delimited by their syntax alone, as an array's elements are; each is
        // then read whole (an Inspect log, evalplus results) or as one record.
        let mut values = serde_json::Deserializer::from_slice(doc).into_iter::<IgnoredAny>();
        let (mut start, mut example_bytes) = (0, 0);
        while let Some(value) = values.next() {
            if let Err(e) = value {
                self.broken(&e);
                break;
            }
            let end = values.byte_offset();
            let (offset, bytes) = (doc_start + start as u64, &doc[start..end]);
            start = end;
            match self.options.mapping {
                None => {
                    let ahead = parse_ahead(trim(bytes), &mut self.kept);
                    match &ahead.record {
                        // A record, read as a line is (the first few also as values: examples).
                        Ok(record) if !is_a_file(record) => {
                            if room(&examples, &mut example_bytes, bytes.len()) {
                                examples.extend(parse_record::<Value>(bytes, &mut 0).ok());
                            }
                            self.record(Read::Ahead(ahead), offset, bytes);
                        }
                        // A file of its own (an Inspect log, evalplus results) is read whole,
                        // or the document breaks off there; a value that is not a record may
                        // be one (told by its keys).
                        _ if self.inspect_log(bytes, offset) => {}
                        _ => {
                            let mut lossy = 0;
                            match parse_record::<Value>(bytes, &mut lossy) {
                                Ok(value) => {
                                    if room(&examples, &mut example_bytes, bytes.len()) {
                                        examples.push(value.clone());
                                    }
                                    self.object(value, lossy, offset, bytes);
                                }
                                Err(e) if ahead.record.is_ok() => {
                                    self.broken(&e);
                                    break;
                                }
                                Err(_) => self.record(Read::Ahead(ahead), offset, bytes),
                            }
                        }
                    }
                }
                Some(_) => {
                    let mut lossy = 0;
                    let value = parse_record::<Value>(bytes, &mut lossy);
                    if let Ok(value) = &value {
                        if room(&examples, &mut example_bytes, bytes.len()) {
                            examples.push(value.clone());
                        }
                    }
                    self.record(Read::Mapped(value.map(|v| (v, lossy))), offset, bytes);
                }
            }
        }
        examples
    }

    /// Reads a JSON array, element by element; a syntax error ends it, keeping what came before.
    fn array(&mut self, doc: &[u8], start: u64) -> Vec<Value> {
        let first = first_values(doc);
        if let Some(summary) = first.first().filter(|v| v.get("detail").is_some()) {
            // LiveCodeBench's `*_eval.json`: `[{"pass@1", "detail"}, {…}, [[…]]]`.
            if let Some(stated) = summary.get("pass@1") {
                self.reader.recognise(Format::Livecodebench, String::new);
                self.reader.report.problem = Some(livecodebench::summary_message(stated.as_f64()));
                return first;
            }
        }
        let spans = spans_at(start, element_spans(doc));
        let mut de = serde_json::Deserializer::from_slice(doc);
        let outcome = Elements(self, spans)
            .deserialize(&mut de)
            .and_then(|()| de.end());
        if let Err(e) = outcome {
            self.broken(&e);
        }
        first
    }

    fn broken(&mut self, e: &serde_json::Error) {
        self.reader.report.problem = Some(format!(
            "The JSON breaks off after {} {}s: {}. What came before was read.",
            self.reader.report.lines,
            self.reader.report.unit,
            json_error(e)
        ));
    }
}

/// A record from a line. What serde_json refuses and a browser reads as U+FFFD is read so
/// (counted in `lossy`): bytes that are not UTF-8, and an escape of half a surrogate pair
/// (`"\ud83d"`: JavaScript's `JSON.stringify` of a string cut inside a pair, Python's
/// `json.dumps` of bytes decoded with `surrogateescape`), which serde_json cannot make a string of.
fn parse_record<T: serde::de::DeserializeOwned>(
    line: &[u8],
    lossy: &mut usize,
) -> Result<T, serde_json::Error> {
    serde_json::from_slice::<T>(line).or_else(|e| {
        let utf8 = std::str::from_utf8(line).is_ok();
        let mut again = match utf8 {
            true => line.to_vec(),
            false => String::from_utf8_lossy(line).into_owned().into_bytes(),
        };
        if replace_unpaired_surrogates(&mut again) == 0 && utf8 {
            return Err(e);
        }
        *lossy += 1;
        // from_slice, not from_str: one reader type means one copy of each parser in wasm.
        serde_json::from_slice::<T>(&again)
    })
}

/// Replaces each escape of an unpaired surrogate in `json` (`\ud800` to `\udfff`, not a high
/// half followed by a low one) by `\ufffd`, of the same length, and returns how many there
/// were. A backslash is an escape wherever valid JSON holds one: each is skipped with what it
/// escapes.
pub(crate) fn replace_unpaired_surrogates(json: &mut [u8]) -> usize {
    fn escape(json: &[u8], at: usize) -> Option<u16> {
        let hex = json.get(at..at + 6)?.strip_prefix(b"\\u")?;
        u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
    }
    let (mut replaced, mut i) = (0, 0);
    while let Some(j) = json.get(i..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        let at = i + j;
        i = match escape(json, at) {
            Some(0xD800..=0xDBFF) if matches!(escape(json, at + 6), Some(0xDC00..=0xDFFF)) => {
                at + 12
            }
            Some(0xD800..=0xDFFF) => {
                json[at..at + 6].copy_from_slice(b"\\ufffd");
                replaced += 1;
                at + 6
            }
            _ => at + 2,
        };
    }
    replaced
}

/// The keys of a JSON object, its values skipped unread (none if it is not one).
fn top_keys(bytes: &[u8]) -> Vec<String> {
    struct Keys(Vec<String>);
    impl<'de> Deserialize<'de> for Keys {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Keys, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Keys;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Keys, A::Error> {
                    let mut keys = Vec::new();
                    while let Some(key) = map.next_key::<String>()? {
                        map.next_value::<IgnoredAny>()?;
                        keys.push(key);
                    }
                    Ok(Keys(keys))
                }
            }
            d.deserialize_map(V)
        }
    }
    serde_json::from_slice::<Keys>(bytes).map_or_else(|_| Vec::new(), |k| k.0)
}

/// A record that holds `eval` and no problem id: a file of its own (an Inspect log, evalplus
/// results), to be read whole.
fn is_a_file(record: &Record) -> bool {
    record.has(flag::EVAL) && record.ids.iter().all(Option::is_none)
}

/// Whether a value of `len` bytes is kept as an example (as many and as much as of lines: a
/// whole Inspect log is not copied to name its fields), counted in `used` if so.
fn room(examples: &[Value], used: &mut usize, len: usize) -> bool {
    let room = examples.len() < EXAMPLES && *used + len <= EXAMPLE_BYTES;
    *used += if room { len } else { 0 };
    room
}

/// The first line of a pretty-printed object fails to parse only because it ends too soon.
fn incomplete(line: &[u8]) -> bool {
    matches!(serde_json::from_slice::<IgnoredAny>(line), Err(e) if e.is_eof())
}

fn not_json(e: &serde_json::Error, line: &[u8]) -> SkipReason {
    if e.is_data() && line[0] != b'{' {
        SkipReason::NotObject
    } else {
        SkipReason::NotJson(json_error(e))
    }
}

/// Hands each element of a JSON array to the ingest as soon as it is parsed, with its span.
struct Elements<'a>(&'a mut Ingest, Vec<Span>);

impl<'de> DeserializeSeed<'de> for Elements<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Elements<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (ingest, spans) = (self.0, self.1);
        loop {
            let number = ingest.reader.report.lines + 1;
            ingest.reader.at = spans.get(number - 1).copied();
            if ingest.options.mapping.is_some() {
                let Some(value) = seq.next_element::<Value>()? else {
                    return Ok(());
                };
                ingest.reader.report.lines = number;
                ingest.mapped(number, Ok(value));
            } else {
                let Some(Element(record)) = seq.next_element::<Element>()? else {
                    return Ok(());
                };
                ingest.reader.report.lines = number;
                ingest
                    .reader
                    .take(number, record.map_err(|_| SkipReason::NotObject));
            }
            ingest.reader.at = None;
        }
    }
}

/// The spans (start, end) of a JSON array's elements, found by depth and strings alone (the
/// parser then reads them; where this and the parser disagree, a malformed array, the parser's
/// error ends the reading and spans past it are never used).
fn element_spans(doc: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let (mut depth, mut in_string) = (0usize, false);
    // The element at depth 1 is complete (a closed object or list).
    let mut ended = false;
    let mut start: Option<usize> = None;
    let mut last = 0;
    let mut close = |start: &mut Option<usize>, last: usize| {
        if let Some(s) = start.take() {
            spans.push((s, last + 1));
        }
    };
    let mut i = 0;
    while let Some(&b) = doc.get(i) {
        if in_string {
            // Strings hold most of a log's bytes: skipped to their next quote or escape.
            let Some(j) = memchr::memchr2(b'"', b'\\', &doc[i..]) else {
                break;
            };
            let at = i + j;
            if doc[at] == b'"' {
                in_string = false;
                if !ended {
                    last = at;
                }
                i = at + 1;
            } else {
                i = at + 2;
            }
            continue;
        }
        match b {
            b'[' | b'{' => {
                if depth >= 1 && !ended {
                    start.get_or_insert(i);
                    last = i;
                }
                depth += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    close(&mut start, last);
                    break;
                }
                if !ended {
                    last = i;
                }
                // An element that is an object or a list ends with it: what follows before the
                // comma is no part of it (the parser stops there, after counting it).
                if depth == 1 && !ended {
                    close(&mut start, last);
                    ended = true;
                }
            }
            b',' if depth == 1 => {
                close(&mut start, last);
                ended = false;
            }
            b if is_space(b) => {}
            _ => {
                in_string = b == b'"';
                if !ended {
                    start.get_or_insert(i);
                    last = i;
                }
            }
        }
        i += 1;
    }
    spans
}

/// The span in the file of a range found in bytes that lie at `start` in it.
fn span_at(start: u64, (a, b): (usize, usize)) -> Span {
    Span {
        offset: start + a as u64,
        len: u32::try_from(b - a).unwrap_or(u32::MAX),
    }
}

/// `span_at` for each range.
fn spans_at(start: u64, ranges: Vec<(usize, usize)>) -> Vec<Span> {
    (ranges.into_iter()).map(|r| span_at(start, r)).collect()
}

/// The members of a JSON object: each key and its value's range in `object`, found by depth
/// and strings alone, like `element_spans` (whose elements of an object are its members).
fn members(object: &[u8]) -> Vec<(String, (usize, usize))> {
    (element_spans(object).into_iter())
        .filter_map(|(a, b)| {
            let pair = &object[a..b];
            let mut keys = serde_json::Deserializer::from_slice(pair).into_iter::<String>();
            keys.next()?
                .ok()
                .map(|key| (key, keys.byte_offset()))
                .and_then(|(key, end)| {
                    let value = trim(trim(&pair[end..]).strip_prefix(b":")?);
                    let at = value.as_ptr() as usize - object.as_ptr() as usize;
                    Some((key, (at, at + value.len())))
                })
        })
        .collect()
}

/// The value of member `key` of a JSON object (its range in `object`).
fn member(object: &[u8], key: &str) -> Option<(usize, usize)> {
    (members(object).into_iter()).find_map(|(k, range)| (k == key).then_some(range))
}

/// The first records of a JSON array, parsed as values (the rest is skipped unallocated).
fn first_values(doc: &[u8]) -> Vec<Value> {
    struct First(Vec<Value>);
    impl<'de> Visitor<'de> for &mut First {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON array")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while self.0.len() < EXAMPLES {
                match seq.next_element::<Value>()? {
                    Some(v) => self.0.push(v),
                    None => return Ok(()),
                }
            }
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(())
        }
    }
    let mut first = First(Vec::new());
    let mut de = serde_json::Deserializer::from_slice(doc);
    let _ = serde::Deserializer::deserialize_seq(&mut de, &mut first);
    first.0
}

#[cfg(test)]
mod tests {
    use super::{element_spans, replace_unpaired_surrogates};

    /// `element_spans` as first written, a byte at a time: the reference for the one that skips
    /// through strings.
    fn element_spans_bytewise(doc: &[u8]) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        let mut ended = false;
        let mut start: Option<usize> = None;
        let mut last = 0;
        let mut close = |start: &mut Option<usize>, last: usize| {
            if let Some(s) = start.take() {
                spans.push((s, last + 1));
            }
        };
        for (i, &b) in doc.iter().enumerate() {
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => {
                        in_string = false;
                        if !ended {
                            last = i;
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match b {
                b'[' | b'{' => {
                    if depth >= 1 && !ended {
                        start.get_or_insert(i);
                        last = i;
                    }
                    depth += 1;
                }
                b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        close(&mut start, last);
                        break;
                    }
                    if !ended {
                        last = i;
                    }
                    if depth == 1 && !ended {
                        close(&mut start, last);
                        ended = true;
                    }
                }
                b',' if depth == 1 => {
                    close(&mut start, last);
                    ended = false;
                }
                b if super::is_space(b) => {}
                _ => {
                    in_string = b == b'"';
                    if !ended {
                        start.get_or_insert(i);
                        last = i;
                    }
                }
            }
        }
        spans
    }

    #[test]
    fn element_spans_skip_strings_as_the_bytewise_scan_reads_them() {
        // Random documents over the bytes that matter (and a few that do not), many escapes.
        let alphabet = b"[]{},\"\\\\\"a :1\n";
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let len = (next() % 40) as usize;
            let mut doc = vec![b'['];
            doc.extend((0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]));
            assert_eq!(
                element_spans(&doc),
                element_spans_bytewise(&doc),
                "{:?}",
                String::from_utf8_lossy(&doc)
            );
        }
    }

    #[test]
    fn unpaired_surrogate_halves_are_replaced() {
        let fixed = |s: &str| {
            let mut b = s.as_bytes().to_vec();
            let n = replace_unpaired_surrogates(&mut b);
            (n, String::from_utf8(b).unwrap())
        };
        // A pair, an escaped backslash before `ud83d`, other escapes: nothing to replace.
        let whole = r#"{"a": "\ud83d\ude00 \\ud83d \n \u00e9"}"#;
        assert_eq!(fixed(whole), (0, whole.into()));
        assert_eq!(
            fixed(r#"{"a": "cut \ud83d", "b": "\udE00\ud83d\ud83d\ude00", "c": "\\\ud800"}"#),
            (
                4,
                r#"{"a": "cut \ufffd", "b": "\ufffd\ufffd\ud83d\ude00", "c": "\\\ufffd"}"#.into()
            )
        );
        // A half at the very end, a backslash last, an escape cut short: no panic.
        assert_eq!(fixed(r#""\ud83d"#), (1, r#""\ufffd"#.into()));
        assert_eq!(fixed("\"\\"), (0, "\"\\".into()));
        assert_eq!(fixed(r#""\ud8"#), (0, r#""\ud8"#.into()));
    }

    fn elements(doc: &str) -> Vec<&str> {
        element_spans(doc.as_bytes())
            .into_iter()
            .map(|(a, b)| &doc[a..b])
            .collect()
    }

    #[test]
    fn element_spans_follow_depth_and_strings() {
        assert_eq!(
            elements(r#"[ {"a": "x]}, {\"y"}, [1, [2]] ,3,"s,]" , {} ]"#),
            [r#"{"a": "x]}, {\"y"}"#, "[1, [2]]", "3", r#""s,]""#, "{}"]
        );
        assert_eq!(elements("[]"), Vec::<&str>::new());
        assert_eq!(elements("[\n  {\"k\": 1}\n]\n"), [r#"{"k": 1}"#]);
        // Broken arrays give what they can and never panic.
        assert_eq!(elements(r#"[{"a": 1}, {"b"#), [r#"{"a": 1}"#]);
        assert_eq!(elements("[}}]]"), Vec::<&str>::new());
        // An object element ends with its brace, whatever follows it before the comma (the
        // parser counts the object, then stops there).
        assert_eq!(
            elements(r#"[{"a": 1}xy "z" , {"b": [2]} ]"#),
            [r#"{"a": 1}"#, r#"{"b": [2]}"#]
        );
        assert_eq!(elements(r#"[{"a": 1}x{, {"b"#), [r#"{"a": 1}"#]);
    }
}
