//! Reading a JSON Lines result file into per-problem counts, line by line, with every line
//! either used or reported with its number and the reason it was skipped.
//!
//! Three shapes are recognised per line, so a file may even mix them:
//! - per problem, a list of sample results: `{"idx": 0, "score": [true, false, …]}`;
//! - per sample, one result: `{"task_id": "HumanEval/0", "passed": true}` (samples are summed);
//! - per problem, counts: `{"problem_id": "7", "n": 128, "c": 17}`.

use super::dataset::Counts;
use super::record::{truncate, CountValue, IdValue, Outcome, Record, ID_FIELDS, RESULT_FIELDS};
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
/// use passk_lens::core::parse::model_from_file_name;
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
    let (i, outcome) = r
        .results
        .into_iter()
        .enumerate()
        .find_map(|(i, v)| v.map(|v| (i, v)))
        .ok_or(SkipReason::NoResult)?;
    let field = RESULT_FIELDS[i];
    match outcome {
        Outcome::Sample(ok) => Ok(Sample {
            problem,
            counts: Counts {
                n: 1,
                c: u64::from(ok),
            },
            whole_problem: false,
        }),
        Outcome::List { n: 0, .. } => Err(SkipReason::EmptyList { field }),
        Outcome::List { n, c } => Ok(Sample {
            problem,
            counts: Counts { n, c },
            whole_problem: true,
        }),
        Outcome::Invalid(why) => Err(SkipReason::BadResult { field, why }),
    }
}

/// Reads one JSON Lines file. `file_name` names the model of records without a `model` field.
pub fn parse_jsonl(file_name: &str, text: &str) -> ParsedFile {
    let default_model = model_from_file_name(file_name);
    let mut report = FileReport {
        file: file_name.to_owned(),
        ..FileReport::default()
    };
    let mut counts = CountTable::new();
    // Where each whole-problem line was first seen, to report repeats.
    let mut first_seen: IndexMap<(usize, String), usize> = IndexMap::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        report.lines += 1;
        let line = line.trim();
        if line.is_empty() {
            report.blank += 1;
            continue;
        }
        let parsed = match serde_json::from_str::<Record>(line) {
            Ok(record) => {
                let model = record
                    .model
                    .clone()
                    .unwrap_or_else(|| default_model.clone());
                let benchmark = record
                    .benchmark
                    .clone()
                    .or_else(|| record.dataset.clone())
                    .unwrap_or_else(|| "all".to_owned());
                interpret(record).map(|s| (benchmark, model, s))
            }
            Err(e) if e.is_data() && !line.starts_with('{') => Err(SkipReason::NotObject),
            Err(e) => Err(SkipReason::NotJson(json_error(&e))),
        };
        let (benchmark, model, sample) = match parsed {
            Ok(x) => x,
            Err(reason) => {
                report.skipped.push(Skip {
                    line: number,
                    reason,
                });
                continue;
            }
        };
        let entry = counts.entry((benchmark, model));
        let group = entry.index();
        let problems = entry.or_default();
        if sample.whole_problem {
            let key = (group, sample.problem.clone());
            if let Some(&first_line) = first_seen.get(&key) {
                report.skipped.push(Skip {
                    line: number,
                    reason: SkipReason::Duplicate {
                        problem: truncate(&sample.problem, 60),
                        first_line,
                    },
                });
                continue;
            }
            first_seen.insert(key, number);
        }
        problems
            .entry(sample.problem)
            .or_default()
            .add(sample.counts);
        report.used += 1;
    }

    if report.used == 0 && report.lines > report.blank {
        report.problem = Some(no_usable_line_message(text));
    }
    ParsedFile { report, counts }
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
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        return "This file is one JSON array; passk-lens reads JSON Lines (one JSON object per line).".into();
    }
    let mut found = BTreeSet::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(20) {
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_str(line) {
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
    format!(
        "No usable line. Found {found}. Expected a problem id ({}) and a result: a list of per-sample results ({}), a per-sample `passed`/`correct`/`score`, or counts `n` and `c`.",
        ID_FIELDS.join(", "),
        RESULT_FIELDS[..7].join(", ")
    )
}
