//! Turning records into per-problem counts, one numbered line (or array element) at a time,
//! with every line either used or reported with its number and the reason it was skipped.
//!
//! Three shapes are recognised per line, so a file may even mix them:
//! - per problem, a list of sample results: `{"idx": 0, "score": [true, false, …]}`;
//! - per sample, one result: `{"task_id": "HumanEval/0", "passed": true}` (samples are summed);
//! - per problem, counts: `{"problem_id": "7", "n": 128, "c": 17}`.

use super::record::{truncate, CountValue, IdValue, Outcome, Record, ID_FIELDS, RESULT_FIELDS};
use super::report::{model_from_file_name, CountTable, FileReport, ParsedFile, Skip, SkipReason};
use crate::counts::Counts;
use indexmap::IndexMap;
use std::collections::BTreeSet;

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
