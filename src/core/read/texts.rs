//! The samples behind the counts, read lazily: while a file is read, each record that was
//! counted leaves only where it lies in the file (`Span`: its offset and length in the bytes
//! the reader was handed); the texts themselves are read again, one problem at a time, when the
//! page opens it (`record_texts` on just those bytes, through the same reader, so the verdicts
//! are exactly the ones counted).
//!
//! A JSON Lines record is its line; an element of a JSON array is its bytes in the array; an
//! Inspect sample is its entry of the `.eval` zip (read from its own bytes) or its element of a
//! `.json` log's `samples`; an evalplus task is its list of samples in `eval`. A Parquet row is
//! its number in the table (`TextIndex::rows`): the Parquet reader reads those rows again, with
//! their text columns, as JSON objects read here like a line.
//!
//! ```
//! use passk_lens_core::read::{parse_file, texts::record_texts};
//! let file = "{\"idx\": 3, \"question\": \"2+2?\", \"gt\": \"4\", \"code\": [\"4\", \"5\"], \"score\": [true, false]}\n";
//! let parsed = parse_file("rl.jsonl", file);
//! let index = parsed.texts.unpack();
//! let span = index.groups[0].problem(0).1[0];
//! let bytes = &file.as_bytes()[span.offset as usize..][..span.len as usize];
//! let texts = record_texts(bytes, index.format, &Default::default());
//! assert_eq!(texts.question.as_deref(), Some("2+2?"));
//! assert_eq!(texts.samples[1].text.as_deref(), Some("5"));
//! assert_eq!(texts.samples[1].correct, Some(false));
//! ```

use super::ingest::{Ingest, Options};
use super::mapping::Mapping;
use super::report::Format;
use crate::counts::Counts;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where a counted record lies in the bytes its reader was handed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub offset: u64,
    pub len: u32,
}

impl Span {
    pub fn end(self) -> u64 {
        self.offset + u64::from(self.len)
    }
}

/// One (benchmark, model) of a file: each problem's records, in file order, packed: 8 bytes a
/// record and 8 a problem beside its id, so that even a file of one sample per problem keeps
/// its index within 32 bytes a sample.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexedGroup {
    pub benchmark: String,
    pub model: String,
    /// The problems' ids, one after another.
    ids: String,
    /// Per problem: where its id ends in `ids`, and where its records end in `records`.
    ends: Vec<(u32, u32)>,
    /// Each record's offset (high 40 bits) and length (low 24 bits), problem after problem; a
    /// record of `LONG` bytes or more has `LONG` there and its length in `long`.
    records: Vec<u64>,
    /// (record, length) of the long records, in record order.
    long: Vec<(u32, u32)>,
}

/// The length that marks a long record (16 MiB − 1 and more).
const LONG: u64 = (1 << 24) - 1;

/// Files up to 1 TiB have their records indexed (40 bits of offset).
const MAX_OFFSET: u64 = 1 << 40;

impl IndexedGroup {
    pub fn new(benchmark: String, model: String) -> IndexedGroup {
        IndexedGroup {
            benchmark,
            model,
            ..IndexedGroup::default()
        }
    }

    /// Adds a problem's records (those past 1 TiB into a file are not indexed).
    pub fn push(&mut self, id: &str, spans: impl IntoIterator<Item = Span>) {
        for span in spans.into_iter().filter(|s| s.offset < MAX_OFFSET) {
            let len = u64::from(span.len);
            if len >= LONG {
                self.long.push((self.records.len() as u32, span.len));
            }
            self.records.push(span.offset << 24 | len.min(LONG));
        }
        self.ids.push_str(id);
        self.ends
            .push((self.ids.len() as u32, self.records.len() as u32));
    }

    /// Gives back the room the vectors hold beyond what they use.
    pub fn shrink_to_fit(&mut self) {
        self.ids.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.records.shrink_to_fit();
        self.long.shrink_to_fit();
    }

    /// How many problems it holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Problem `i`'s id and the range of its records.
    fn bounds(&self, i: usize) -> (&str, std::ops::Range<usize>) {
        let (id_start, first) = match i.checked_sub(1) {
            Some(before) => self.ends[before],
            None => (0, 0),
        };
        let (id_end, last) = self.ends[i];
        (
            &self.ids[id_start as usize..id_end as usize],
            first as usize..last as usize,
        )
    }

    fn span(&self, record: usize) -> Span {
        let packed = self.records[record];
        let len = match packed & LONG {
            LONG => (self.long)
                .binary_search_by_key(&(record as u32), |&(r, _)| r)
                .map_or(u32::MAX, |at| self.long[at].1),
            len => len as u32,
        };
        Span {
            offset: packed >> 24,
            len,
        }
    }

    /// Problem `i`'s id and records.
    pub fn problem(&self, i: usize) -> (&str, Vec<Span>) {
        let (id, records) = self.bounds(i);
        (id, records.map(|r| self.span(r)).collect())
    }

    /// Every problem's id and records, in the order counted.
    pub fn problems(&self) -> impl Iterator<Item = (&str, Vec<Span>)> + '_ {
        (0..self.len()).map(|i| self.problem(i))
    }

    /// Every problem's id and first record.
    pub fn firsts(&self) -> impl Iterator<Item = (&str, Span)> + '_ {
        (0..self.len()).filter_map(|i| {
            let (id, records) = self.bounds(i);
            (!records.is_empty()).then(|| (id, self.span(records.start)))
        })
    }

    /// The records of problem `id`.
    pub fn find(&self, id: &str) -> Option<Vec<Span>> {
        (0..self.len())
            .find(|&i| self.bounds(i).0 == id)
            .map(|i| self.problem(i).1)
    }

    /// The bytes it holds, on the heap and inline.
    pub fn memory(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.benchmark.capacity()
            + self.model.capacity()
            + self.ids.capacity()
            + self.ends.capacity() * 8
            + self.records.capacity() * 8
            + self.long.capacity() * 8
    }
}

/// Where every counted record of a file lies, and the format that read it (read again by the
/// same rules).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextIndex {
    pub format: Format,
    /// The scorer the file was read with (an Inspect log's, chosen or the default).
    #[serde(default)]
    pub scorer: Option<String>,
    /// The tests evalplus's samples were judged by (chosen, or found from the file).
    #[serde(default)]
    pub evalplus: Option<super::EvalPlusTests>,
    /// The spans are rows of a table (Parquet, whose pages are compressed column by column):
    /// a span's offset is the row's number from 0, its length 0; the rows are read again by
    /// the Parquet reader (`parquet::read_rows`), each as the JSON object it was read as.
    #[serde(default)]
    pub rows: bool,
    pub groups: Vec<IndexedGroup>,
}

impl TextIndex {
    /// The options to read the file's records again with: the file's, with the scorer it was
    /// read with (the default one is chosen over the whole file, not one record).
    pub fn options(&self, given: &Options) -> Options {
        Options {
            scorer: self.scorer.clone().or_else(|| given.scorer.clone()),
            evalplus: self.evalplus.unwrap_or(given.evalplus),
            ..given.clone()
        }
    }

    /// The records of `problem` of `benchmark`, per model, in file order.
    pub fn locate<'a>(&'a self, benchmark: &str, problem: &str) -> Vec<(&'a str, Vec<Span>)> {
        self.groups
            .iter()
            .filter(|g| g.benchmark == benchmark)
            .filter_map(|g| Some((g.model.as_str(), g.find(problem)?)))
            .collect()
    }

    /// How many spans the index holds.
    pub fn spans(&self) -> usize {
        self.groups.iter().map(|g| g.records.len()).sum()
    }

    /// The bytes the index holds, on the heap and inline.
    pub fn memory(&self) -> usize {
        std::mem::size_of::<Self>() + self.groups.iter().map(IndexedGroup::memory).sum::<usize>()
    }
}

/// A text index as it crosses from the reading worker through the page to the statistics
/// worker: packed bytes (postcard) that the page hands on without opening, so the page's code
/// holds nothing of the index (its start-size budget).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackedTexts(Vec<u8>);

impl PackedTexts {
    pub fn pack(index: &TextIndex) -> PackedTexts {
        PackedTexts(postcard::to_allocvec(index).unwrap_or_default())
    }

    /// The index (empty if the bytes are not one).
    pub fn unpack(&self) -> TextIndex {
        postcard::from_bytes(&self.0).unwrap_or_default()
    }
}

impl Serialize for PackedTexts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for PackedTexts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl<'de> serde::de::Visitor<'de> for Bytes {
            type Value = PackedTexts;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<PackedTexts, E> {
                Ok(PackedTexts(v.to_vec()))
            }
            // JSON writes bytes as a list of numbers.
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<PackedTexts, A::Error> {
                let mut bytes = Vec::new();
                while let Some(b) = seq.next_element()? {
                    bytes.push(b);
                }
                Ok(PackedTexts(bytes))
            }
        }
        d.deserialize_bytes(Bytes)
    }
}

/// One sample as the drawer shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SampleText {
    /// Its verdict as counted; `None` where the file records none per sample (lighteval keeps
    /// only each document's mean).
    pub correct: Option<bool>,
    /// Its extracted answer, when the record gives one.
    pub answer: Option<String>,
    /// Its response, when the record holds one.
    pub text: Option<String>,
}

/// What one record says about its problem and its samples.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordTexts {
    pub question: Option<String>,
    pub reference: Option<String>,
    pub samples: Vec<SampleText>,
    /// The record gives its samples' verdicts only as counts (`n`, `c`): its samples, if any,
    /// have texts but no verdict each.
    #[serde(default)]
    pub counted: Option<Counts>,
    /// Why the record gave no samples (it no longer reads as it did).
    pub problem: Option<String>,
}

/// One model's samples of a problem, in file order (files in the order they were loaded).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelTexts {
    pub model: String,
    pub samples: Vec<SampleText>,
    /// What could not be read, for the page to say.
    pub notes: Vec<String>,
}

/// A problem's texts: what the drawer shows beside the counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProblemTexts {
    pub benchmark: String,
    pub problem: String,
    pub question: Option<String>,
    pub reference: Option<String>,
    pub models: Vec<ModelTexts>,
}

/// Which of a model's samples the drawer lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleFilter {
    All,
    /// All, the correct ones first (each kind in file order): a lost problem's right answers
    /// beside the other model's wrong ones.
    CorrectFirst,
    Correct,
    Wrong,
}

/// One page of a model's samples as the drawer lists them.
#[derive(Debug, PartialEq)]
pub struct SamplePage<'a> {
    /// How many samples the filter keeps.
    pub kept: usize,
    /// The position (among the kept) of the first shown.
    pub start: usize,
    /// The shown samples with their index in file order.
    pub shown: Vec<(usize, &'a SampleText)>,
}

impl SamplePage<'_> {
    /// What the page says of itself: "Samples 7–12 of 20".
    pub fn label(&self) -> String {
        match self.kept {
            0 => "No samples of this kind.".to_owned(),
            n => format!(
                "Samples {}–{} of {n}",
                self.start + 1,
                self.start + self.shown.len()
            ),
        }
    }
}

/// Page `page` (0-based; past the last, the last) of `per_page` samples that `filter` keeps.
pub fn sample_page(
    samples: &[SampleText],
    filter: SampleFilter,
    page: usize,
    per_page: usize,
) -> SamplePage<'_> {
    let mut kept: Vec<(usize, &SampleText)> = (samples.iter().enumerate())
        .filter(|(_, s)| match filter {
            SampleFilter::All | SampleFilter::CorrectFirst => true,
            SampleFilter::Correct => s.correct == Some(true),
            SampleFilter::Wrong => s.correct == Some(false),
        })
        .collect();
    if filter == SampleFilter::CorrectFirst {
        // Stable: each kind stays in file order.
        kept.sort_by_key(|(_, s)| s.correct != Some(true));
    }
    let per_page = per_page.max(1);
    let start = page.min(kept.len().saturating_sub(1) / per_page) * per_page;
    SamplePage {
        kept: kept.len(),
        start,
        shown: kept.into_iter().skip(start).take(per_page).collect(),
    }
}

/// Fields that hold the responses: a list with one per sample, or a text for a one-sample
/// record (the RLVR paper's and Qwen2.5-Math's `code`, Tree-of-Thoughts' `ys`,
/// LiveCodeBench's `output_list`, human-eval's `completion`, lm-eval's `resps`, verl's
/// `output`, evalplus's `solution`), first that fits.
pub const RESPONSE_FIELDS: [&str; 15] = [
    "code",
    "ys",
    "output_list",
    "code_list",
    "responses",
    "response",
    "completions",
    "completion",
    "outputs",
    "output",
    "generations",
    "generation",
    "resps",
    "model_output",
    "solution",
];

/// Fields that hold the problem's text (also inside lm-eval's `doc`).
pub const QUESTION_FIELDS: [&str; 7] = [
    "question",
    "problem",
    "prompt",
    "question_content",
    "input",
    "query",
    "instruction",
];

/// Fields that hold the reference answer; `answer` only beside several samples (with one, it
/// is the sample's extracted answer).
pub const REFERENCE_FIELDS: [&str; 8] = [
    "gt",
    "gts",
    "target",
    "ground_truth",
    "reference",
    "expected_answer",
    "answer",
    "canonical_solution",
];

/// A field's value as text: a string as it is, a number or boolean as JSON writes it.
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(_) | Value::Bool(_) => Some(v.to_string()),
        _ => None,
    }
}

/// One sample's response: a text, or a list of one text (lm-eval's `resps`).
fn response_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) if a.len() == 1 => response_text(&a[0]),
        _ => None,
    }
}

/// The responses of a record of `n` samples, from the first field whose shape fits.
fn responses(record: &serde_json::Map<String, Value>, n: usize) -> Option<Vec<Option<String>>> {
    RESPONSE_FIELDS.iter().find_map(|f| {
        let v = record.get(*f)?;
        match v {
            Value::Array(list) if list.len() == n => {
                let texts: Vec<Option<String>> = list.iter().map(response_text).collect();
                texts.iter().any(Option::is_some).then_some(texts)
            }
            Value::String(s) if n == 1 => Some(vec![Some(s.clone())]),
            _ => None,
        }
    })
}

fn question(record: &serde_json::Map<String, Value>) -> Option<String> {
    let own = QUESTION_FIELDS
        .iter()
        .find_map(|f| record.get(*f).and_then(scalar_text));
    own.or_else(|| {
        let doc = record.get("doc")?.as_object()?;
        QUESTION_FIELDS
            .iter()
            .find_map(|f| doc.get(*f).and_then(scalar_text))
    })
}

fn reference(record: &serde_json::Map<String, Value>, n: usize) -> Option<String> {
    REFERENCE_FIELDS
        .iter()
        .filter(|f| **f != "answer" || n > 1)
        .find_map(|f| match record.get(*f)? {
            Value::Array(list) if list.len() == 1 => scalar_text(&list[0]),
            v => scalar_text(v),
        })
}

/// The problem's text of a record, read without building the rest of it (finding a problem by
/// words of its text reads every problem's first record).
pub fn question_of(bytes: &[u8], format: Format) -> Option<String> {
    if format == Format::Inspect {
        return super::formats::inspect::sample_question(bytes);
    }
    if format == Format::Lighteval {
        let row = serde_json::from_slice(bytes).ok()?;
        return super::formats::lighteval::row_question(&row);
    }
    // Only the question fields are kept as values; everything else is skipped unallocated.
    struct Wanted(serde_json::Map<String, Value>);
    impl<'de> Deserialize<'de> for Wanted {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Wanted;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a record")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Wanted, A::Error> {
                    let mut kept = serde_json::Map::new();
                    while let Some(key) = map.next_key::<String>()? {
                        if key == "doc" || QUESTION_FIELDS.contains(&key.as_str()) {
                            kept.insert(key, map.next_value::<Value>()?);
                        } else {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                    Ok(Wanted(kept))
                }
            }
            d.deserialize_map(V)
        }
    }
    let Wanted(kept) = json_for_texts(bytes)?;
    question(&kept)
}

/// Whether `text` holds every word of `query`, ignoring case.
pub fn holds_words(text: &str, query: &str) -> bool {
    let text = text.to_lowercase();
    let mut words = query.split_whitespace().peekable();
    words.peek().is_some() && words.all(|w| text.contains(&w.to_lowercase()))
}

/// Reads one record's bytes (a span of the index) as the file's reader read it: its samples'
/// verdicts and extracted answers exactly as counted, their responses, the problem's text and
/// reference answer.
pub fn record_texts(bytes: &[u8], format: Format, options: &Options) -> RecordTexts {
    // Halves of surrogate pairs read as U+FFFD, as when the record was counted (a document has
    // them replaced before it is read, a line when it cannot be read without).
    let mut fixed = bytes.to_vec();
    let bytes = match super::ingest::replace_unpaired_surrogates(&mut fixed) {
        0 => bytes,
        _ => &fixed,
    };
    if format == Format::Inspect {
        return super::formats::inspect::sample_texts(bytes, options.scorer.as_deref());
    }
    if format == Format::Evalplus {
        let text = String::from_utf8_lossy(bytes);
        return super::formats::evalplus::task_texts(text.as_bytes(), options.evalplus);
    }
    if format == Format::Lighteval {
        return super::formats::lighteval::row_texts(bytes, options.scorer.as_deref());
    }
    // Bytes that are not UTF-8 read as a browser decodes them (U+FFFD), as the reader read the
    // record: a line is parsed so whole, and an array's element skipped its other fields unread.
    let text = String::from_utf8_lossy(bytes);
    let bytes = text.as_bytes();
    // The record was taken when it was counted: its length is no reason to refuse it now (a
    // line just under the cap grows past it when invalid UTF-8 becomes U+FFFD).
    let options = Options {
        max_line: options.max_line.max(bytes.len()),
        ..options.clone()
    };
    let mut ingest = Ingest::new("record", options.clone()).capturing(format);
    ingest.push(bytes);
    let (verdicts, answers) = match ingest.finish_captured() {
        Ok(Ok(captured)) => captured,
        Ok(Err(counts)) => {
            return RecordTexts {
                counted: Some(counts),
                ..RecordTexts::default()
            }
        }
        Err(why) => {
            return RecordTexts {
                problem: Some(why),
                ..RecordTexts::default()
            }
        }
    };
    let n = verdicts.len();
    // (Its halves of surrogate pairs were replaced above.)
    let value: Option<Value> = serde_json::from_slice(trim_bom(bytes)).ok();
    let record = value.as_ref().and_then(Value::as_object);
    // The mapping's paths, where it names them; else the usual fields.
    let mapping = options
        .mapping
        .as_ref()
        .filter(|_| format == Format::Mapped);
    let named = |path: fn(&Mapping) -> &String| -> Option<Vec<&Value>> {
        let path = path(mapping?);
        let found = value.as_ref().map(|v| super::mapping::values_at(v, path).0);
        (!path.is_empty()).then(|| found.unwrap_or_default())
    };
    let texts = match named(|m| &m.response) {
        Some(found) if found.len() == n => found.into_iter().map(response_text).collect(),
        Some(_) => Vec::new(),
        None => record.and_then(|r| responses(r, n)).unwrap_or_default(),
    };
    let first = |found: Option<Vec<&Value>>| found.map(|v| v.first().and_then(|v| scalar_text(v)));
    let samples = verdicts
        .into_iter()
        .enumerate()
        .map(|(i, correct)| SampleText {
            correct: Some(correct),
            answer: answers.get(i).cloned().flatten(),
            text: texts.get(i).cloned().flatten(),
        })
        .collect();
    RecordTexts {
        question: first(named(|m| &m.question)).unwrap_or_else(|| record.and_then(question)),
        reference: first(named(|m| &m.reference))
            .unwrap_or_else(|| record.and_then(|r| reference(r, n))),
        samples,
        counted: None,
        problem: None,
    }
}

fn trim_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes)
}

/// A record's JSON read for its problem's text (search). serde_json refuses half of a surrogate pair (JavaScript's
/// `JSON.stringify` writes a string cut inside a pair as `"…\ud83d"`); where a record holds one,
/// each unpaired half reads as U+FFFD, as a browser shows it and as counting read it
/// (`ingest::parse_record`).
fn json_for_texts<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let bytes = trim_bom(bytes);
    (serde_json::from_slice(bytes).ok()).or_else(|| {
        let mut fixed = bytes.to_vec();
        (super::ingest::replace_unpaired_surrogates(&mut fixed) > 0)
            .then(|| serde_json::from_slice(&fixed).ok())?
    })
}

/// The records of each model, read with `read` (which returns a record's bytes), assembled
/// into what the drawer shows: samples in the order given, the first question and reference
/// found.
pub fn problem_texts(
    benchmark: &str,
    problem: &str,
    records: Vec<(String, Vec<Result<RecordTexts, String>>)>,
) -> ProblemTexts {
    let mut out = ProblemTexts {
        benchmark: benchmark.to_owned(),
        problem: problem.to_owned(),
        ..ProblemTexts::default()
    };
    for (model, read) in records {
        let at = match out.models.iter().position(|m| m.model == model) {
            Some(i) => i,
            None => {
                out.models.push(ModelTexts {
                    model,
                    ..ModelTexts::default()
                });
                out.models.len() - 1
            }
        };
        for record in read {
            let m = &mut out.models[at];
            match record {
                Ok(r) => {
                    if let Some(why) = r.problem {
                        m.notes.push(why);
                    }
                    if let Some(c) = r.counted {
                        m.notes.push(match r.samples.len() {
                            0 => format!(
                                "{} samples ({} correct) are given as counts only: no texts.",
                                c.n, c.c
                            ),
                            _ => format!(
                                "{} of these {} samples are correct: the file records how many, not which.",
                                c.c, c.n
                            ),
                        });
                    }
                    m.samples.extend(r.samples);
                    out.question = out.question.or(r.question);
                    out.reference = out.reference.or(r.reference);
                }
                Err(why) => m.notes.push(why),
            }
        }
    }
    out
}

/// Checks a file's text index against its counts: every span lies inside `bytes` (the file),
/// and reading every span of a problem again gives exactly the problem's counts. Returns how
/// many spans were read; the tests and the `ingest` fuzz target hold every file to it.
pub fn check_index(
    bytes: &[u8],
    parsed: &super::ParsedFile,
    options: &Options,
) -> Result<usize, String> {
    check_index_with(parsed, options, |spans| {
        spans
            .iter()
            .map(|span| {
                usize::try_from(span.offset)
                    .ok()
                    .and_then(|a| bytes.get(a..a.checked_add(span.len as usize)?))
                    .map(<[u8]>::to_vec)
                    .ok_or(format!("{span:?} lies outside the file"))
            })
            .collect()
    })
}

/// `check_index` with the records' bytes read by `read` (a table's rows by the Parquet reader).
pub fn check_index_with(
    parsed: &super::ParsedFile,
    options: &Options,
    read: impl Fn(&[Span]) -> Result<Vec<Vec<u8>>, String>,
) -> Result<usize, String> {
    let index = &parsed.texts.unpack();
    let options = &index.options(options);
    for g in &index.groups {
        let key = (g.benchmark.clone(), g.model.clone());
        let problems = parsed
            .counts
            .get(&key)
            .ok_or(format!("no counts for {key:?}"))?;
        for (id, spans) in g.problems() {
            let mut counts = Counts::default();
            for record in read(&spans)? {
                let r = record_texts(&record, index.format, options);
                if let Some(why) = r.problem {
                    return Err(format!("{id}: {why}"));
                }
                counts.add(r.counted.unwrap_or_else(|| Counts {
                    n: r.samples.len() as u64,
                    c: r.samples.iter().filter(|s| s.correct == Some(true)).count() as u64,
                }));
                let _ = question_of(&record, index.format);
            }
            if problems.get(id) != Some(&counts) {
                return Err(format!(
                    "{id}: spans give {counts:?}, the file {:?}",
                    problems.get(id)
                ));
            }
        }
    }
    Ok(index.spans())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_with_half_a_surrogate_pair_has_its_texts() {
        let value: Value = json_for_texts(br#"{"q": "cut \ud83d"}"#).unwrap();
        assert_eq!(value["q"], "cut \u{fffd}");
    }

    #[test]
    fn pages_keep_file_order_filter_and_stop_at_the_last() {
        let samples: Vec<SampleText> = [true, false, false, true, false, true, true]
            .iter()
            .map(|&correct| SampleText {
                correct: Some(correct),
                ..SampleText::default()
            })
            .collect();
        let indices = |p: &SamplePage| p.shown.iter().map(|(i, _)| *i).collect::<Vec<_>>();
        let all = sample_page(&samples, SampleFilter::All, 0, 3);
        assert_eq!((all.kept, all.start, indices(&all)), (7, 0, vec![0, 1, 2]));
        assert_eq!(all.label(), "Samples 1–3 of 7");
        let last = sample_page(&samples, SampleFilter::All, 2, 3);
        assert_eq!(
            (indices(&last), last.label()),
            (vec![6], "Samples 7–7 of 7".into())
        );
        // Past the last page: the last.
        assert_eq!(sample_page(&samples, SampleFilter::All, 9, 3), last);
        let first = sample_page(&samples, SampleFilter::CorrectFirst, 0, 5);
        assert_eq!(indices(&first), [0, 3, 5, 6, 1]);
        let wrong = sample_page(&samples, SampleFilter::Wrong, 0, 5);
        assert_eq!(indices(&wrong), [1, 2, 4]);
        let right = sample_page(&samples, SampleFilter::Correct, 1, 2);
        assert_eq!(
            (indices(&right), right.label()),
            (vec![5, 6], "Samples 3–4 of 4".into())
        );
        let none = sample_page(&[], SampleFilter::Correct, 3, 6);
        assert_eq!(
            (none.kept, none.shown.len(), none.label()),
            (0, 0, "No samples of this kind.".into())
        );
    }

    #[test]
    fn records_pack_into_8_bytes_and_long_ones_keep_their_length() {
        let span = |offset, len| Span { offset, len };
        let mut g = IndexedGroup::new("b".into(), "m".into());
        g.push(
            "p1",
            [
                span(0, 10),
                span(11, (1 << 24) - 1),
                span(5 << 30, u32::MAX),
            ],
        );
        g.push("", []);
        let last = MAX_OFFSET - 1;
        g.push("p3", [span(last, 1 << 24), span(MAX_OFFSET, 5), span(7, 0)]);
        assert_eq!(g.len(), 3);
        assert_eq!(
            g.problem(0),
            (
                "p1",
                vec![
                    span(0, 10),
                    span(11, (1 << 24) - 1),
                    span(5 << 30, u32::MAX)
                ]
            )
        );
        assert_eq!(g.problem(1), ("", vec![]));
        // Past 1 TiB a record is not indexed.
        assert_eq!(g.problem(2), ("p3", vec![span(last, 1 << 24), span(7, 0)]));
        assert_eq!(g.find("p3"), Some(vec![span(last, 1 << 24), span(7, 0)]));
        assert_eq!(g.find("p2"), None);
        let firsts: Vec<_> = g.firsts().collect();
        assert_eq!(firsts, [("p1", span(0, 10)), ("p3", span(last, 1 << 24))]);
        assert_eq!((g.records.len(), g.long.len()), (5, 3));
    }
}
