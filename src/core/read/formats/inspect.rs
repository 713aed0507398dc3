//! Inspect AI logs. A `.json` log is one object `{"version", "status", "eval": {"task",
//! "model", "dataset", "config", …}, "plan", "results": {"scores": [{"name", "scorer",
//! "metrics": {"accuracy": {"value"}}}]}, "stats", "samples": [{"id", "epoch", "input",
//! "target", "messages", "output", "scores": {"<scorer>": {"value", "answer", …}}, …}],
//! "reductions"}`. The default format since v0.3.46 is the binary `.eval`, a zip of the same
//! parts (`read::zip`, `super::super::eval_zip`). Only the fields named here are read; the
//! transcripts are skipped without being kept.
//!
//! Model = `eval.model`, benchmark = `eval.task`, problem = sample `id`, each epoch one
//! sample. A scorer's value counts as correct when it is `C` (CORRECT), `true` or `1`; `I`
//! (INCORRECT), `false` and `0` are not; `P` (PARTIAL) and `N` (NOANSWER) count as not correct
//! and the report says how many there were; any other value leaves its sample out, reported.
//! A scorer whose value is an object (SciCode's `{"Problem Correctness": 0, …}`) offers each of
//! its keys as a scorer of its own. With several scorers the user picks one
//! (`scorer-select`); the default is the first whose every value is one of the above.
//!
//! Source: github.com/UKGovernmentBEIS/inspect_ai, `src/inspect_ai/log/_log.py` (`EvalLog`,
//! `EvalSample`, `EvalSampleSummary`), `src/inspect_ai/scorer/_metric.py` (`CORRECT = "C"`,
//! `INCORRECT = "I"`, `PARTIAL = "P"`, `NOANSWER = "N"`), `src/inspect_ai/log/_recorders/eval.py`.

use super::super::reader::{Reader, Sample};
use super::super::record::{truncate, IdValue};
use super::super::report::{Format, SkipReason};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashSet;

/// The parts of an Inspect log that pass@k needs.
#[derive(Debug, Default, Deserialize)]
pub struct Log {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub eval: Spec,
    #[serde(default)]
    pub results: Option<Results>,
    #[serde(default)]
    pub samples: Option<Vec<SampleScores>>,
}

/// `eval`: what was run.
#[derive(Debug, Default, Deserialize)]
pub struct Spec {
    #[serde(default)]
    pub task: String,
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub dataset: Option<Dataset>,
    #[serde(default)]
    pub config: Option<Config>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Dataset {
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Config {
    #[serde(default)]
    pub epochs_reducer: Option<Vec<String>>,
}

/// `results`: the log's own metrics per scorer.
#[derive(Debug, Default, Deserialize)]
pub struct Results {
    #[serde(default)]
    pub scores: Vec<ScoreResult>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ScoreResult {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub scorer: Option<String>,
    #[serde(default)]
    pub reducer: Option<String>,
    #[serde(default)]
    pub metrics: IndexMap<String, Metric>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Metric {
    #[serde(default)]
    pub value: Value,
}

/// One sample's scores: from the sample itself, or from its summary (`summaries.json`, which
/// keeps the score values).
#[derive(Debug, Deserialize)]
pub struct SampleScores {
    pub id: IdValue,
    #[serde(default)]
    pub epoch: Option<u64>,
    #[serde(default)]
    pub scores: Option<IndexMap<String, ScoreEntry>>,
    #[serde(default)]
    pub error: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct ScoreEntry {
    #[serde(default)]
    pub value: Value,
}

/// Whether a document's top-level keys are an Inspect log's.
pub fn recognises(keys: &[String]) -> bool {
    let has = |k: &str| keys.iter().any(|key| key == k);
    has("eval") && has("version") && (has("samples") || has("status") || has("results"))
}

/// A scorer as offered to the user: a scorer, or one key of a scorer whose value is an object.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    scorer: String,
    key: Option<String>,
}

impl Candidate {
    fn name(&self) -> String {
        match &self.key {
            Some(k) => format!("{}/{k}", self.scorer),
            None => self.scorer.clone(),
        }
    }

    fn value<'a>(&self, scores: &'a IndexMap<String, ScoreEntry>) -> Option<&'a Value> {
        let v = &scores.get(&self.scorer)?.value;
        match &self.key {
            Some(k) => v.get(k),
            None => Some(v),
        }
    }
}

/// A value's verdict: correct or not, with P and N told apart for the report.
#[derive(Debug, PartialEq)]
enum Verdict {
    Correct,
    Incorrect,
    Partial,
    NoAnswer,
}

fn verdict(v: &Value) -> Result<Verdict, String> {
    match v {
        Value::String(s) => match s.as_str() {
            "C" | "CORRECT" => Ok(Verdict::Correct),
            "I" | "INCORRECT" => Ok(Verdict::Incorrect),
            "P" | "PARTIAL" => Ok(Verdict::Partial),
            "N" | "NOANSWER" => Ok(Verdict::NoAnswer),
            other => Err(format!(
                "score \"{}\" is not one of C, I, P, N",
                truncate(other, 40)
            )),
        },
        Value::Bool(true) => Ok(Verdict::Correct),
        Value::Bool(false) => Ok(Verdict::Incorrect),
        Value::Number(n) => match n.as_f64() {
            Some(1.0) => Ok(Verdict::Correct),
            Some(0.0) => Ok(Verdict::Incorrect),
            _ => Err(format!("score {n} is neither 0 nor 1")),
        },
        Value::Null => Err("the score has no value".into()),
        Value::Array(_) => Err("the score is a list".into()),
        Value::Object(_) => Err("the score is an object".into()),
    }
}

/// Most scorers offered for one file (a hostile log could name thousands).
const MAX_SCORERS: usize = 64;

/// Every scorer the samples offer, in order of first appearance.
fn candidates(samples: &[SampleScores]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut seen = HashSet::new();
    for s in samples {
        for (scorer, entry) in s.scores.iter().flatten() {
            let found: Vec<Candidate> = match &entry.value {
                Value::Object(map) => map
                    .keys()
                    .map(|k| Candidate {
                        scorer: scorer.clone(),
                        key: Some(k.clone()),
                    })
                    .collect(),
                _ => vec![Candidate {
                    scorer: scorer.clone(),
                    key: None,
                }],
            };
            for c in found {
                if out.len() < MAX_SCORERS && seen.insert(c.name()) {
                    out.push(c);
                }
            }
        }
        if out.len() >= MAX_SCORERS {
            break;
        }
    }
    out
}

/// Reads a log's samples into the reader with the chosen scorer (or the default).
pub(crate) fn read(reader: &mut Reader, log: Log, scorer: Option<&str>) {
    let Log {
        status,
        eval: spec,
        results,
        samples,
    } = log;
    reader.report.unit = "sample";
    let samples = samples.unwrap_or_default();
    let status = status.unwrap_or_else(|| "unknown".into());
    if samples.is_empty() {
        reader.recognise(Format::Inspect, String::new);
        let stated = results
            .iter()
            .flat_map(|r| &r.scores)
            .find_map(|s| s.metrics.values().find_map(|m| m.value.as_f64()))
            .map_or(String::new(), |v| format!(" Its results state {v}."));
        reader.report.problem = Some(format!(
            "This Inspect log holds no samples (status: {status}): their scores were not kept, so pass@k cannot be computed.{stated}"
        ));
        return;
    }
    let offered = candidates(&samples);
    reader.report.scorers = offered.iter().map(Candidate::name).collect();
    let valid = |c: &Candidate| {
        samples
            .iter()
            .filter_map(|s| s.scores.as_ref().and_then(|sc| c.value(sc)))
            .all(|v| verdict(v).is_ok())
    };
    let chosen = match scorer {
        Some(name) => offered.iter().find(|c| c.name() == name),
        None => offered.iter().find(|c| valid(c)).or(offered.first()),
    };
    let Some(chosen) = chosen.cloned() else {
        reader.recognise(Format::Inspect, String::new);
        reader.report.problem = Some(match scorer {
            Some(name) => format!("This Inspect log has no scorer `{}`.", truncate(name, 60)),
            None => "This Inspect log's samples carry no scores.".into(),
        });
        return;
    };
    reader.report.scorer = Some(chosen.name());
    reader.recognise(Format::Inspect, || {
        format!(
            "scorer `{}`: a sample is correct when its value is C (CORRECT), true or 1; I, P (partial), N (no answer), false and 0 are not",
            chosen.name()
        )
    });
    if offered.len() > 1 {
        reader.report.notes.push(format!(
            "This log has {} scorers ({}): read with `{}`. Choose another above.",
            offered.len(),
            reader.report.scorers.join(", "),
            chosen.name()
        ));
    }
    if status != "success" {
        reader.report.notes.push(format!(
            "The log's status is \"{status}\": it may hold only some of the samples."
        ));
    }
    let model = Some(spec.model.clone()).filter(|m| !m.is_empty());
    let benchmark = Some(spec.task.clone())
        .filter(|t| !t.is_empty())
        .or_else(|| spec.dataset.as_ref().and_then(|d| d.name.clone()));
    let (mut partial, mut no_answer) = (0usize, 0usize);
    let mut seen = HashSet::new();
    let mut group = None;
    for sample in samples {
        reader.report.lines += 1;
        let number = reader.report.lines;
        let id = match sample.id {
            IdValue::Text(t) => t,
            IdValue::Invalid(found) => {
                reader.skip(number, SkipReason::BadId { field: "id", found });
                continue;
            }
        };
        let epoch = sample.epoch.unwrap_or(1);
        if !seen.insert((id.clone(), epoch)) {
            let why = format!("sample {} epoch {epoch} appears twice", truncate(&id, 60));
            reader.skip(number, SkipReason::Said(why));
            continue;
        }
        let value = sample.scores.as_ref().and_then(|s| chosen.value(s));
        let outcome = match (value, &sample.error) {
            (Some(v), _) => verdict(v),
            (None, Some(e)) => Err(format!("the sample errored ({})", error_text(e))),
            (None, None) => Err(format!("no score from `{}`", chosen.name())),
        };
        match outcome {
            Ok(v) => {
                partial += usize::from(v == Verdict::Partial);
                no_answer += usize::from(v == Verdict::NoAnswer);
                let sample = Sample::one(id, v == Verdict::Correct);
                group = reader
                    .add(number, benchmark.clone(), model.clone(), None, sample)
                    .or(group);
            }
            Err(why) => reader.skip(number, SkipReason::Said(why)),
        }
    }
    if partial + no_answer > 0 {
        reader.report.notes.push(format!(
            "{partial} sample(s) scored P (partial) and {no_answer} N (no answer): counted as not correct."
        ));
    }
    // The log's own accuracy of this scorer is pass@1 when epochs are reduced by their mean.
    let reducer = spec
        .config
        .as_ref()
        .and_then(|c| c.epochs_reducer.as_ref())
        .and_then(|r| r.first().cloned());
    let stated = results
        .iter()
        .flat_map(|r| r.scores.iter())
        .find(|s| match &chosen.key {
            Some(key) => s.name == *key,
            None => s.name == chosen.scorer,
        });
    if let (Some(stated), Some(group)) = (stated, reader.group_key(group)) {
        let reducer = stated
            .reducer
            .clone()
            .or(reducer)
            .unwrap_or_else(|| "mean".into());
        let metric = ["accuracy", "mean"]
            .iter()
            .find_map(|m| stated.metrics.get(*m).map(|v| (m, v)));
        if let (true, Some((name, metric))) = (reducer == "mean", metric) {
            if let Some(v) = metric.value.as_f64() {
                let source = format!("results.scores[{}].metrics.{name}", stated.name);
                reader.state(source, group, 1, v);
            }
        }
    }
}

/// An error as Inspect writes it: a message, or an object with one.
fn error_text(e: &Value) -> String {
    let text = match e {
        Value::String(s) => s.clone(),
        other => other
            .get("message")
            .and_then(Value::as_str)
            .map_or_else(|| other.to_string(), str::to_owned),
    };
    truncate(&text, 120)
}
