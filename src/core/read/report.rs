//! What reading a file gives: its counts and a report that accounts for every line (or array
//! element, or task) — used, blank, or skipped with its number and the reason. Both cross from
//! the loading worker to the page as JSON.

use super::record::{ID_FIELDS, RESULT_FIELDS};
use super::texts::PackedTexts;
pub use crate::counts::CountTable;
use crate::counts::{FileCounts, Interval, ProblemAnswers, ProblemMeta};
use serde::{Deserialize, Deserializer, Serialize};
use thiserror::Error;

/// A report's unit ("line", "element", "task"). (An alias, so that serde does not take
/// `&'static str` as text borrowed from its input.)
pub type Name = &'static str;

/// Reads back a report's unit (a `&'static str`) when it crosses from the worker to the page.
fn known_name<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    const OTHERS: [&str; 15] = [
        "problem",
        "n",
        "c",
        "line",
        "element",
        "task",
        "sample",
        "row",
        "document",
        "",
        "a boolean",
        "null",
        "a list",
        "an object",
        "eval",
    ];
    let s = String::deserialize(d)?;
    ID_FIELDS
        .iter()
        .chain(&RESULT_FIELDS)
        .chain(&OTHERS)
        .find(|k| **k == s)
        .copied()
        .ok_or_else(|| serde::de::Error::custom(format!("unknown name `{s}`")))
}

/// Why a line was not used. Shown to the user next to the line number.
#[derive(Debug, Clone, Error)]
pub enum SkipReason {
    #[error("not valid JSON: {0}")]
    NotJson(String),
    #[error("not a JSON object")]
    NotObject,
    #[error("no problem id (expected one of: {})", ID_FIELDS.join(", "))]
    NoId,
    #[error("problem id `{field}` is {found}, expected a string or a number")]
    BadId {
        field: &'static str,
        found: &'static str,
    },
    #[error(
        "no result (expected a list of per-sample results in one of {}; a per-sample `passed`, `correct` or `score`; or counts `n` and `c`)",
        RESULT_FIELDS[..7].join(", ")
    )]
    NoResult,
    #[error("`{field}`: {why}")]
    BadResult { field: &'static str, why: String },
    #[error("`{field}` is an empty list: a problem needs at least one sample")]
    EmptyList { field: &'static str },
    #[error("has `{present}` but no `{missing}`: counts need both n and c")]
    HalfCounts {
        present: &'static str,
        missing: &'static str,
    },
    #[error("`{field}` must be a non-negative integer")]
    BadCount { field: &'static str },
    #[error("n = 0: a problem needs at least one sample")]
    NoSamples,
    #[error("c = {c} is larger than n = {n}")]
    MoreCorrectThanSamples { n: u64, c: u64 },
    #[error("`{first}` and `{second}` disagree on whether the sample is correct")]
    Disagree {
        first: &'static str,
        second: &'static str,
    },
    #[error("lm-evaluation-harness sample: one metric per document, no per-sample results")]
    LmEval,
    #[error("problem `{problem}` already given on line {first_line} of this file (split seeds into separate files to pool them)")]
    Duplicate { problem: String, first_line: usize },
    #[error("longer than {limit_mib} MiB: not read (is this a result file?)")]
    TooLong { limit_mib: usize },
    /// A record that the user's field mapping could not read.
    #[error("{0}")]
    Mapping(String),
    #[error("evalplus task: {0}")]
    EvalPlus(String),
    /// A reason as the worker wrote it (reasons cross to the page as their text).
    #[error("{0}")]
    Said(String),
}

impl SkipReason {
    /// `found` (a format's label, or "a record") after another tool's output, `file`'s label:
    /// a file is read as one format. Only ever text (the page shows reasons as text, and this
    /// one's words need no variant of their own there).
    pub fn other_format(found: &str, file: &str) -> SkipReason {
        SkipReason::Said(format!(
            "{found} in a file read as {file}: one file holds one tool's output (split it)"
        ))
    }
}

/// Two reasons are the same when they read the same (a reason that crossed from the worker is
/// its text).
impl PartialEq for SkipReason {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

impl Serialize for SkipReason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SkipReason {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SkipReason::Said)
    }
}

/// Which evalplus tests a sample must pass to count as correct.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvalPlusTests {
    /// The original benchmark's tests (HumanEval, MBPP).
    Base,
    /// The original tests and evalplus's extra tests (HumanEval+, MBPP+).
    Plus,
    /// Plus when the file ran the plus tests (the stricter default), else base.
    #[default]
    Auto,
}

/// A skipped line: its 1-based number and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skip {
    pub line: usize,
    pub reason: SkipReason,
}

/// What reading one file did with each of its lines. `lines = used + skipped + blank`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FileReport {
    pub file: String,
    pub lines: usize,
    pub used: usize,
    pub blank: usize,
    pub skipped: Vec<Skip>,
    /// A message about the file as a whole, when it could not be used at all.
    pub problem: Option<String>,
    /// What the numbers count: "line" (JSON Lines), "element" (a JSON array) or "task"
    /// (evalplus).
    #[serde(deserialize_with = "known_name")]
    pub unit: Name,
    /// Things the reader assumed that the user should know.
    pub notes: Vec<String>,
    /// The schema was not recognised, or is ambiguous: the user should map its fields.
    pub mappable: bool,
    /// The field paths of the first records (for the mapping panel; empty unless `mappable`).
    pub fields: Vec<String>,
    /// The first records, shortened (for the mapping panel; empty unless `mappable`).
    pub preview: Vec<String>,
    /// The file is an evalplus eval_results.json, read with these tests.
    pub evalplus: Option<EvalPlusTests>,
    /// What the file was recognised as (`data-format` on the page).
    pub format: Format,
    /// The correctness rule applied, in words (`data-rule` on the page).
    pub rule: String,
    /// Numbers the file states about itself (a tool's own pass@1), beside ours.
    pub stated: Vec<Stated>,
    /// The scorers a file offers (Inspect), in the file's order, and the one read.
    pub scorers: Vec<String>,
    pub scorer: Option<String>,
    /// Lines that repeat a problem under new ids were grouped by their question text
    /// (Qwen2.5-Math's "x8" sets): `Some(true)`; could be but were not (the user chose
    /// per-line ids): `Some(false)`; nothing to group: `None`.
    pub grouped: Option<bool>,
    /// The models the file holds, in the order first read (`ParsedFile::name_models`): what
    /// the page shows of its counts, which it hands on unopened (`explain::snapshot::PageFile`).
    #[serde(default)]
    pub models: Vec<String>,
}

/// What a file was recognised as: the tool that wrote it, or the generic shape it has. Its
/// serialised name is the `data-format` of the contract.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    #[default]
    Unknown,
    JsonlPerProblem,
    JsonlPerSample,
    Counts,
    JsonArray,
    HumanEval,
    Evalplus,
    Livecodebench,
    Inspect,
    Verl,
    QwenMath,
    Lighteval,
    Parquet,
    LmEval,
    Mapped,
}

impl Format {
    /// The contract's name (`data-format`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Unknown => "unknown",
            Format::JsonlPerProblem => "jsonl-per-problem",
            Format::JsonlPerSample => "jsonl-per-sample",
            Format::Counts => "counts",
            Format::JsonArray => "json-array",
            Format::HumanEval => "human-eval",
            Format::Evalplus => "evalplus",
            Format::Livecodebench => "livecodebench",
            Format::Inspect => "inspect",
            Format::Verl => "verl",
            Format::QwenMath => "qwen-math",
            Format::Lighteval => "lighteval",
            Format::Parquet => "parquet",
            Format::LmEval => "lm-eval",
            Format::Mapped => "mapped",
        }
    }
}

impl Format {
    /// What the file is, in words, for the page.
    pub fn label(self) -> &'static str {
        match self {
            Format::Unknown => "not recognised",
            Format::JsonlPerProblem => "JSON Lines, one line per problem",
            Format::JsonlPerSample => "JSON Lines, one line per sample",
            Format::Counts => "counts per problem",
            Format::JsonArray => "a JSON array of records",
            Format::HumanEval => "human-eval results",
            Format::Evalplus => "evalplus results",
            Format::Livecodebench => "LiveCodeBench results",
            Format::Inspect => "an Inspect log",
            Format::Verl => "a verl validation dump",
            Format::QwenMath => "Qwen2.5-Math evaluation output",
            Format::Lighteval => "lighteval details",
            Format::Parquet => "a Parquet table",
            Format::LmEval => "lm-evaluation-harness samples",
            Format::Mapped => "read through your mapping",
        }
    }
}

/// A number a file states about its own results (a tool's published pass@k), and ours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stated {
    /// Where the file states it, e.g. "results.scores[match].metrics.accuracy".
    pub source: String,
    pub benchmark: String,
    pub model: String,
    pub k: usize,
    /// Both numbers cross between wasm modules as their bit patterns, exact in JSON and
    /// postcard alike (and no float parser is needed to read them back).
    #[serde(with = "exact")]
    pub value: f64,
    /// Our pass@k of the same problems; `None` when some problem has fewer than k samples.
    #[serde(with = "exact_option")]
    pub ours: Option<f64>,
}

/// An f64 as its bit pattern.
mod exact {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        v.to_bits().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        u64::deserialize(d).map(f64::from_bits)
    }
}

mod exact_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        v.map(f64::to_bits).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        Option::<u64>::deserialize(d).map(|b| b.map(f64::from_bits))
    }
}

impl Stated {
    /// The two agree up to the rounding of a float mean (or there is nothing to compare).
    pub fn agrees(&self) -> bool {
        self.ours.is_none_or(|o| (o - self.value).abs() <= 1e-9)
    }
}

/// A parsed file: its report and the counts of every (benchmark, model, problem) it holds.
/// Crosses from the loading worker to the page as postcard bytes (`explain::snapshot::
/// to_bytes`, so that the page's wasm holds no JSON parser), and from the Parquet reader to
/// the loading worker as JSON.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ParsedFile {
    pub report: FileReport,
    #[serde(with = "count_table")]
    pub counts: CountTable,
    /// The bootstrap bands of each (benchmark, model) of `counts`, in the same order, when the
    /// loading worker computed them (`dataset::file_bands`; empty otherwise): the page takes
    /// them for a model whose pooled problems are exactly this file's, rather than computing
    /// them on its main thread. Not serialised: they cross as numbers (`bands_to_numbers`).
    #[serde(skip)]
    pub bands: Vec<Vec<Interval>>,
    /// The problems' metadata fields (`level`, …), for slices.
    #[serde(default)]
    pub meta: Vec<ProblemMeta>,
    /// The samples' extracted answers, for maj@k.
    #[serde(default)]
    pub answers: Vec<ProblemAnswers>,
    /// Where each counted record lies in the file, to read its texts again when asked
    /// (`PackedTexts::unpack`).
    #[serde(default)]
    pub texts: PackedTexts,
}

/// A `CountTable` as a list of `[benchmark, model, [[problem, n, c], …]]` (JSON object keys
/// cannot be pairs).
pub(crate) mod count_table {
    use super::CountTable;
    use crate::counts::Counts;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    type Group = (String, String, Vec<(String, u64, u64)>);

    pub fn serialize<S: Serializer>(t: &CountTable, s: S) -> Result<S::Ok, S::Error> {
        let groups: Vec<Group> = t
            .iter()
            .map(|((b, m), problems)| {
                let rows = problems
                    .iter()
                    .map(|(p, c)| (p.clone(), c.n, c.c))
                    .collect();
                (b.clone(), m.clone(), rows)
            })
            .collect();
        groups.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<CountTable, D::Error> {
        let groups = Vec::<Group>::deserialize(d)?;
        Ok(groups
            .into_iter()
            .map(|(b, m, rows)| {
                let problems = rows
                    .into_iter()
                    .map(|(p, n, c)| (p, Counts { n, c }))
                    .collect();
                ((b, m), problems)
            })
            .collect())
    }
}

impl FileCounts for ParsedFile {
    fn counts(&self) -> &CountTable {
        &self.counts
    }
    fn bands(&self) -> &[Vec<Interval>] {
        &self.bands
    }
    fn meta(&self) -> &[ProblemMeta] {
        &self.meta
    }
    fn answers(&self) -> &[ProblemAnswers] {
        &self.answers
    }
}

impl FileReport {
    /// The report of a file that could not be read at all, saying why.
    pub fn unreadable(name: String, why: String) -> FileReport {
        FileReport {
            file: name,
            problem: Some(format!("Could not read this file: {why}")),
            ..Default::default()
        }
    }
}

impl ParsedFile {
    /// The report of a file that could not be read at all, saying why.
    pub fn unreadable(name: String, why: String) -> ParsedFile {
        ParsedFile {
            report: FileReport::unreadable(name, why),
            ..Default::default()
        }
    }

    /// Names in the report the models its counts hold, in order.
    pub fn name_models(&mut self) {
        let mut models: Vec<String> = Vec::new();
        for (_, model) in self.counts.keys() {
            if !models.contains(model) {
                models.push(model.clone());
            }
        }
        self.report.models = models;
    }

    /// The JSON the worker posts to the page.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a parsed file always serialises")
    }

    /// Reads what `to_json` wrote.
    pub fn from_json(text: &str) -> Result<ParsedFile, String> {
        serde_json::from_slice(text.as_bytes())
            .map_err(|e| format!("a worker result could not be read: {e}"))
    }
}

/// The model name a file gives to records without a `model` field: its name without `.gz`,
/// then `.jsonl`, then `.json`.
///
/// ```
/// use passk_lens_core::read::model_from_file_name;
/// assert_eq!(model_from_file_name("qwen2.5-7b-base.jsonl.gz"), "qwen2.5-7b-base");
/// ```
pub fn model_from_file_name(name: &str) -> String {
    super::names::stem(name).to_owned()
}

/// serde_json's message without its "at line 1 column N" (every line is parsed alone, so the
/// file's line number is reported beside it instead).
pub(crate) fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let what = msg
        .rsplit_once(" at line ")
        .map_or(msg.as_str(), |(what, _)| what);
    format!("{what} (column {})", e.column())
}

/// Runs of consecutive skipped lines with the same reason, as (first line, last line, reason):
/// the page lists a hundred lines that lack a result as one entry.
///
/// ```
/// use passk_lens_core::read::{parse_file, skip_runs};
/// let f = parse_file("m.jsonl", "7\n8\n{\"idx\": 0}\n9\n");
/// let runs: Vec<_> = skip_runs(&f.report.skipped).into_iter().map(|(a, b, _)| (a, b)).collect();
/// assert_eq!(runs, [(1, 2), (3, 3), (4, 4)]);
/// ```
pub fn skip_runs(skipped: &[Skip]) -> Vec<(usize, usize, String)> {
    let mut runs: Vec<(usize, usize, String)> = Vec::new();
    let mut last_reason: Option<&SkipReason> = None;
    for s in skipped {
        match runs.last_mut() {
            Some(run) if run.1 + 1 == s.line && last_reason == Some(&s.reason) => run.1 = s.line,
            _ => runs.push((s.line, s.line, s.reason.to_string())),
        }
        last_reason = Some(&s.reason);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_crosses_from_the_worker_to_the_bit() {
        let mut file = ParsedFile::default();
        file.report.format = Format::Inspect;
        file.report.unit = "sample";
        file.report.stated.push(Stated {
            source: "s".into(),
            benchmark: "b".into(),
            model: "m".into(),
            k: 1,
            // Floats serde_json reads back one ulp off.
            value: 0.6599999999999999,
            ours: Some(2.0 / 3.0 + f64::EPSILON),
        });
        file.report.stated.push(Stated {
            ours: None,
            ..file.report.stated[0].clone()
        });
        let back = ParsedFile::from_json(&file.to_json()).unwrap();
        assert_eq!(back.report, file.report);
        assert!(file.to_json().contains("\"format\":\"inspect\""));
    }
}
