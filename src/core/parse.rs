//! Reading a JSON Lines result file into per-problem counts, line by line, with every line
//! either used or reported with its number and the reason it was skipped.
//!
//! Three shapes are recognised per line, so a file may even mix them:
//! - per problem, a list of sample results: `{"idx": 0, "score": [true, false, …]}`;
//! - per sample, one result: `{"task_id": "HumanEval/0", "passed": true}` (samples are summed);
//! - per problem, counts: `{"problem_id": "7", "n": 128, "c": 17}`.

use super::dataset::Counts;
use super::record::{
    truncate, CountValue, Element, IdValue, Outcome, Record, ID_FIELDS, RESULT_FIELDS,
};
use indexmap::IndexMap;
use std::collections::BTreeSet;
use thiserror::Error;

/// Why a line was not used. Shown to the user next to the line number.
#[derive(Debug, Clone, PartialEq, Error)]
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
}

/// A skipped line: its 1-based number and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skip {
    pub line: usize,
    pub reason: SkipReason,
}

/// What reading one file did with each of its lines. `lines = used + skipped + blank`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FileReport {
    pub file: String,
    pub lines: usize,
    pub used: usize,
    pub blank: usize,
    pub skipped: Vec<Skip>,
    /// A message about the file as a whole, when it could not be used at all.
    pub problem: Option<String>,
    /// What the numbers count: "line" (JSON Lines) or "element" (a JSON array).
    pub unit: &'static str,
    /// Things the reader assumed that the user should know.
    pub notes: Vec<String>,
}

/// (benchmark, model) → problem → pooled counts, in order of first appearance.
pub type CountTable = IndexMap<(String, String), IndexMap<String, Counts>>;

/// A parsed file: its report and the counts of every (benchmark, model, problem) it holds.
#[derive(Debug, Clone, Default)]
pub struct ParsedFile {
    pub report: FileReport,
    pub counts: CountTable,
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
struct Sample {
    problem: String,
    counts: Counts,
    /// True when the line describes a whole problem (list or counts), so a repeat is a duplicate.
    whole_problem: bool,
    /// True when a numeric score was read as correct when > 0.5.
    thresholded: bool,
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
                thresholded: false,
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
            thresholded: false,
        }),
        Outcome::List { n: 0, .. } => Err(SkipReason::EmptyList { field }),
        Outcome::List { n, c } => Ok(Sample {
            problem,
            counts: Counts { n, c },
            whole_problem: true,
            thresholded: false,
        }),
        Outcome::Score(v) => Ok(Sample {
            problem,
            counts: Counts {
                n: 1,
                c: u64::from(v > 0.5),
            },
            whole_problem: false,
            thresholded: true,
        }),
        Outcome::Invalid(why) => Err(SkipReason::BadResult { field, why }),
    }
}

/// Turns records into counts and a report, one numbered line (or array element) at a time.
struct Reader {
    default_model: String,
    report: FileReport,
    counts: CountTable,
    /// Where each whole-problem record was first seen, to report repeats.
    first_seen: IndexMap<(usize, String), usize>,
    thresholded: usize,
}

impl Reader {
    fn new(file_name: &str, unit: &'static str) -> Self {
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
        }
    }

    fn skip(&mut self, line: usize, reason: SkipReason) {
        self.report.skipped.push(Skip { line, reason });
    }

    /// Uses record `number` or reports why not.
    fn take(&mut self, number: usize, record: Result<Record, SkipReason>) {
        let parsed = record.and_then(|record| {
            let model = record
                .model
                .clone()
                .unwrap_or_else(|| self.default_model.clone());
            let benchmark = record
                .benchmark
                .clone()
                .or_else(|| record.dataset.clone())
                .unwrap_or_else(|| "all".to_owned());
            interpret(record).map(|s| (benchmark, model, s))
        });
        let (benchmark, model, sample) = match parsed {
            Ok(x) => x,
            Err(reason) => return self.skip(number, reason),
        };
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
        self.thresholded += usize::from(sample.thresholded);
        self.report.used += 1;
    }

    fn finish(mut self, text: &str) -> ParsedFile {
        let r = &mut self.report;
        if self.thresholded > 0 {
            r.notes.push(format!(
                "{} numeric score(s) other than 0 or 1 were counted as correct when above 0.5.",
                self.thresholded
            ));
        }
        if r.used == 0 && r.lines > r.blank && r.problem.is_none() {
            let lm_eval =
                !r.skipped.is_empty() && r.skipped.iter().all(|s| s.reason == SkipReason::LmEval);
            r.problem = Some(if lm_eval {
                LM_EVAL_MESSAGE.to_owned()
            } else {
                no_usable_line_message(text)
            });
        }
        ParsedFile {
            report: self.report,
            counts: self.counts,
        }
    }
}

/// Why lm-evaluation-harness sample files cannot give pass@k.
const LM_EVAL_MESSAGE: &str = "These are lm-evaluation-harness samples: one graded metric per document, not the result of every sample. pass@k needs n graded samples per problem: re-run with repeated sampling and per-sample scoring, or export one line per sample with its correctness.";

/// Reads a result file: a JSON array when it starts with `[`, else JSON Lines.
pub fn parse_file(file_name: &str, text: &str) -> ParsedFile {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('[') {
        parse_json_array(file_name, text)
    } else {
        parse_jsonl(file_name, text)
    }
}

/// Reads one JSON Lines file. `file_name` names the model of records without a `model` field.
pub fn parse_jsonl(file_name: &str, text: &str) -> ParsedFile {
    let mut reader = Reader::new(file_name, "line");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, line) in text.lines().enumerate() {
        reader.report.lines += 1;
        let line = line.trim();
        if line.is_empty() {
            reader.report.blank += 1;
            continue;
        }
        let record = match serde_json::from_str::<Record>(line) {
            Ok(record) => Ok(record),
            Err(e) if e.is_data() && !line.starts_with('{') => Err(SkipReason::NotObject),
            Err(e) => Err(SkipReason::NotJson(json_error(&e))),
        };
        reader.take(i + 1, record);
    }
    reader.finish(text)
}

/// Reads a file that is one JSON array of records (e.g. LiveCodeBench, Tree-of-Thoughts logs);
/// elements are numbered from 1. A syntax error ends the read; what came before it is kept.
pub fn parse_json_array(file_name: &str, text: &str) -> ParsedFile {
    struct Collect<'a>(&'a mut Vec<Element>);
    impl<'de> serde::de::DeserializeSeed<'de> for Collect<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            struct Each<'a>(&'a mut Vec<Element>);
            impl<'de> serde::de::Visitor<'de> for Each<'_> {
                type Value = ();
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a JSON array")
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut seq: A,
                ) -> Result<(), A::Error> {
                    while let Some(element) = seq.next_element::<Element>()? {
                        self.0.push(element);
                    }
                    Ok(())
                }
            }
            d.deserialize_seq(Each(self.0))
        }
    }
    let mut reader = Reader::new(file_name, "element");
    let mut elements = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let outcome = serde::de::DeserializeSeed::deserialize(Collect(&mut elements), &mut de)
        .and_then(|()| de.end());
    for (i, Element(record)) in elements.into_iter().enumerate() {
        reader.report.lines += 1;
        reader.take(i + 1, record.map_err(|_| SkipReason::NotObject));
    }
    if let Err(e) = outcome {
        reader.report.problem = Some(format!(
            "The JSON array breaks off after element {}: {e}. The elements before it were read.",
            reader.report.lines
        ));
    }
    reader.finish(text)
}

/// serde_json's message without its "at line 1 column N" (every line is parsed alone, so the
/// file's line number is reported beside it instead).
fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let what = msg
        .rsplit_once(" at line ")
        .map_or(msg.as_str(), |(what, _)| what);
    format!("{what} (column {})", e.column())
}

/// Says which fields a file has and which were expected, from its first objects.
fn no_usable_line_message(text: &str) -> String {
    let mut found = BTreeSet::new();
    let mut add = |v: &serde_json::Value| {
        if let serde_json::Value::Object(map) = v {
            found.extend(map.keys().map(|k| truncate(k, 40)));
        }
    };
    if text.trim_start().starts_with('[') {
        if let Ok(serde_json::Value::Array(items)) = serde_json::from_str(text) {
            items.iter().take(20).for_each(&mut add);
        }
    } else {
        for line in text.lines().filter(|l| !l.trim().is_empty()).take(20) {
            if let Ok(v) = serde_json::from_str(line) {
                add(&v);
            }
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
    format!(
        "Nothing usable. Found {found}. Expected a problem id ({}) and a result: a list of per-sample results ({}), a per-sample `passed`/`correct`/`score`, or counts `n` and `c`.",
        ID_FIELDS.join(", "),
        RESULT_FIELDS[..7].join(", ")
    )
}
