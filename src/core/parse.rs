//! Turning records into per-problem counts, one numbered line (or array element) at a time,
//! with every line either used or reported with its number and the reason it was skipped.
//! Cutting a file into records, chunk by chunk, is `ingest`'s job.
//!
//! Three shapes are recognised per line, so a file may even mix them:
//! - per problem, a list of sample results: `{"idx": 0, "score": [true, false, …]}`;
//! - per sample, one result: `{"task_id": "HumanEval/0", "passed": true}` (samples are summed);
//! - per problem, counts: `{"problem_id": "7", "n": 128, "c": 17}`.

use super::bootstrap::Interval;
use super::dataset::Counts;
use super::record::{truncate, CountValue, IdValue, Outcome, Record, ID_FIELDS, RESULT_FIELDS};
use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeSet;
use thiserror::Error;

pub use super::ingest::parse_file;

/// A report's unit ("line", "element", "task"). (An alias, so that serde does not take
/// `&'static str` as text borrowed from its input.)
pub type Name = &'static str;

/// Reads back a report's unit (a `&'static str`) when it crosses from the worker to the page.
fn known_name<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    const OTHERS: [&str; 11] = [
        "n",
        "c",
        "line",
        "element",
        "task",
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
    /// The original tests and evalplus's extra tests (HumanEval+, MBPP+): the stricter default.
    #[default]
    Plus,
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
}

/// (benchmark, model) → problem → pooled counts, in order of first appearance.
pub type CountTable = IndexMap<(String, String), IndexMap<String, Counts>>;

/// A parsed file: its report and the counts of every (benchmark, model, problem) it holds.
/// Serialised as JSON when the worker hands it to the page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ParsedFile {
    pub report: FileReport,
    #[serde(with = "count_table")]
    pub counts: CountTable,
    /// The bootstrap bands of each (benchmark, model) of `counts`, in the same order, when the
    /// loading worker computed them (`dataset::file_bands`; empty otherwise): the page takes
    /// them for a model whose pooled problems are exactly this file's, rather than computing
    /// them on its main thread. Not in the JSON: they cross as numbers (`bands_to_numbers`),
    /// exact to the bit, where serde_json's decimal floats read back within an ulp.
    #[serde(skip)]
    pub bands: Vec<Vec<Interval>>,
}

/// A `CountTable` as a list of `[benchmark, model, [[problem, n, c], …]]` (JSON object keys
/// cannot be pairs).
mod count_table {
    use super::{CountTable, Counts};
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

impl ParsedFile {
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
/// use passk_lens_core::parse::model_from_file_name;
/// assert_eq!(model_from_file_name("qwen2.5-7b-base.jsonl.gz"), "qwen2.5-7b-base");
/// ```
pub fn model_from_file_name(name: &str) -> String {
    let mut stem = name;
    for ext in [".gz", ".jsonl", ".json"] {
        stem = stem.strip_suffix(ext).unwrap_or(stem);
    }
    stem.to_owned()
}

/// One usable line, reduced to what pass@k needs.
pub(crate) struct Sample {
    pub problem: String,
    pub counts: Counts,
    /// True when the line describes a whole problem (list or counts), so a repeat is a duplicate.
    pub whole_problem: bool,
    /// How many numeric scores other than 0 and 1 were counted as correct when > 0.5.
    pub thresholded: u64,
}

fn interpret(r: Record) -> Result<Sample, SkipReason> {
    let problem = match r
        .ids
        .iter()
        .enumerate()
        .find_map(|(i, v)| v.as_ref().map(|v| (i, v)))
    {
        Some((_, IdValue::Text(t))) => t.clone(),
        Some((i, IdValue::Invalid(found))) => {
            return Err(SkipReason::BadId {
                field: ID_FIELDS[i],
                found,
            })
        }
        None => return Err(SkipReason::NoId),
    };
    let count = |v: Option<CountValue>, field| match v {
        Some(CountValue::Count(x)) => Ok(x),
        _ => Err(SkipReason::BadCount { field }),
    };
    match (r.n, r.c) {
        (Some(_), Some(_)) => {
            let (n, c) = (count(r.n, "n")?, count(r.c, "c")?);
            if n == 0 {
                return Err(SkipReason::NoSamples);
            }
            if c > n {
                return Err(SkipReason::MoreCorrectThanSamples { n, c });
            }
            return Ok(Sample {
                problem,
                counts: Counts { n, c },
                whole_problem: true,
                thresholded: 0,
            });
        }
        (Some(_), None) => {
            return Err(SkipReason::HalfCounts {
                present: "n",
                missing: "c",
            })
        }
        (None, Some(_)) => {
            return Err(SkipReason::HalfCounts {
                present: "c",
                missing: "n",
            })
        }
        (None, None) => {}
    }
    let lm_eval = r.lm_eval;
    let (i, outcome) = r
        .results
        .into_iter()
        .enumerate()
        .find_map(|(i, v)| v.map(|v| (i, v)))
        .ok_or(if lm_eval {
            SkipReason::LmEval
        } else {
            SkipReason::NoResult
        })?;
    let field = RESULT_FIELDS[i];
    match outcome {
        Outcome::Sample(ok) => Ok(Sample {
            problem,
            counts: Counts {
                n: 1,
                c: u64::from(ok),
            },
            whole_problem: false,
            thresholded: 0,
        }),
        Outcome::List { n: 0, .. } => Err(SkipReason::EmptyList { field }),
        Outcome::List { n, c } => Ok(Sample {
            problem,
            counts: Counts { n, c },
            whole_problem: true,
            thresholded: 0,
        }),
        Outcome::Score(v) => Ok(Sample {
            problem,
            counts: Counts {
                n: 1,
                c: u64::from(v > 0.5),
            },
            whole_problem: false,
            thresholded: 1,
        }),
        Outcome::Invalid(why) => Err(SkipReason::BadResult { field, why }),
    }
}

/// Turns records into counts and a report, one numbered line (or array element) at a time.
pub(crate) struct Reader {
    default_model: String,
    pub report: FileReport,
    counts: CountTable,
    /// Where each whole-problem record was first seen, to report repeats.
    first_seen: IndexMap<(usize, String), usize>,
    thresholded: u64,
    /// Records with more than one result field, and the fields of the first such record.
    ambiguous: usize,
    ambiguous_fields: Vec<&'static str>,
}

impl Reader {
    pub fn new(file_name: &str, unit: &'static str) -> Self {
        Reader {
            default_model: model_from_file_name(file_name),
            report: FileReport {
                file: file_name.to_owned(),
                unit,
                ..FileReport::default()
            },
            counts: CountTable::new(),
            first_seen: IndexMap::new(),
            thresholded: 0,
            ambiguous: 0,
            ambiguous_fields: Vec::new(),
        }
    }

    pub fn skip(&mut self, line: usize, reason: SkipReason) {
        self.report.skipped.push(Skip { line, reason });
    }

    /// Uses record `number` or reports why not.
    pub fn take(&mut self, number: usize, record: Result<Record, SkipReason>) {
        let record = match record {
            Ok(r) => r,
            Err(reason) => return self.skip(number, reason),
        };
        let present: Vec<&'static str> = (record.results.iter().zip(RESULT_FIELDS))
            .filter_map(|(r, f)| r.as_ref().map(|_| f))
            .collect();
        if present.len() > 1 {
            if self.ambiguous == 0 {
                self.ambiguous_fields = present;
            }
            self.ambiguous += 1;
        }
        let model = record.model.clone();
        let benchmark = record.benchmark.clone().or_else(|| record.dataset.clone());
        match interpret(record) {
            Ok(sample) => self.add(number, benchmark, model, sample),
            Err(reason) => self.skip(number, reason),
        }
    }

    /// Counts a usable record (or reports it as a duplicate of an earlier whole problem).
    pub fn add(
        &mut self,
        number: usize,
        benchmark: Option<String>,
        model: Option<String>,
        sample: Sample,
    ) {
        let model = model.unwrap_or_else(|| self.default_model.clone());
        let benchmark = benchmark.unwrap_or_else(|| "all".to_owned());
        let entry = self.counts.entry((benchmark, model));
        let group = entry.index();
        let problems = entry.or_default();
        if sample.whole_problem {
            let key = (group, sample.problem.clone());
            if let Some(&first_line) = self.first_seen.get(&key) {
                let problem = truncate(&sample.problem, 60);
                return self.skip(
                    number,
                    SkipReason::Duplicate {
                        problem,
                        first_line,
                    },
                );
            }
            self.first_seen.insert(key, number);
        }
        problems
            .entry(sample.problem)
            .or_default()
            .add(sample.counts);
        self.thresholded += sample.thresholded;
        self.report.used += 1;
    }

    /// The report and counts; `examples` are the file's first records, which name its fields
    /// when it could not be read.
    pub fn finish(mut self, examples: &[serde_json::Value]) -> ParsedFile {
        let r = &mut self.report;
        if self.thresholded > 0 {
            r.notes.push(format!(
                "{} numeric score(s) other than 0 or 1 were counted as correct when above 0.5.",
                self.thresholded
            ));
        }
        if self.ambiguous > 0 {
            r.notes.push(format!(
                "{} {}(s) have more than one result field ({}): the first was used. Map the fields to choose another.",
                self.ambiguous,
                r.unit,
                self.ambiguous_fields.join(", ")
            ));
            r.mappable = true;
        }
        if r.used == 0 && r.lines > r.blank && r.problem.is_none() {
            let lm_eval = !r.skipped.is_empty()
                && r.skipped
                    .iter()
                    .all(|s| matches!(s.reason, SkipReason::LmEval));
            r.problem = Some(if lm_eval {
                LM_EVAL_MESSAGE.to_owned()
            } else {
                r.mappable = !examples.is_empty();
                no_usable_line_message(examples)
            });
        }
        if r.mappable {
            r.fields = super::mapping::field_paths(examples);
            r.preview = examples
                .iter()
                .take(3)
                .map(|v| truncate(&v.to_string(), 600))
                .collect();
        }
        ParsedFile {
            report: self.report,
            counts: self.counts,
            bands: Vec::new(),
        }
    }
}

/// Why lm-evaluation-harness sample files cannot give pass@k.
const LM_EVAL_MESSAGE: &str = "These are lm-evaluation-harness samples: one graded metric per document, not the result of every sample. pass@k needs n graded samples per problem: re-run with repeated sampling and per-sample scoring, or export one line per sample with its correctness.";

/// serde_json's message without its "at line 1 column N" (every line is parsed alone, so the
/// file's line number is reported beside it instead).
pub(crate) fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let what = msg
        .rsplit_once(" at line ")
        .map_or(msg.as_str(), |(what, _)| what);
    format!("{what} (column {})", e.column())
}

/// Says which fields a file has and which were expected, from its first objects.
fn no_usable_line_message(examples: &[serde_json::Value]) -> String {
    let mut found = BTreeSet::new();
    for v in examples {
        if let serde_json::Value::Object(map) = v {
            found.extend(map.keys().map(|k| truncate(k, 40)));
        }
    }
    let found = if found.is_empty() {
        "no JSON objects".to_owned()
    } else {
        format!(
            "fields {}",
            found.into_iter().collect::<Vec<_>>().join(", ")
        )
    };
    let map = if examples.iter().any(|v| v.is_object()) {
        " Or map its fields below."
    } else {
        ""
    };
    format!(
        "Nothing usable. Found {found}. Expected a problem id ({}) and a result: a list of per-sample results ({}), a per-sample `passed`/`correct`/`score`, or counts `n` and `c`.{map}",
        ID_FIELDS.join(", "),
        RESULT_FIELDS[..7].join(", ")
    )
}

/// Runs of consecutive skipped lines with the same reason, as (first line, last line, reason):
/// the page lists a hundred lines that lack a result as one entry.
///
/// ```
/// use passk_lens_core::parse::{parse_file, skip_runs};
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
