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
//! (`scorer-select`); the default is the one that gives the most samples a verdict (the first
//! on a tie).
//!
//! Source: github.com/UKGovernmentBEIS/inspect_ai, `src/inspect_ai/log/_log.py` (`EvalLog`,
//! `EvalSample`, `EvalSampleSummary`), `src/inspect_ai/scorer/_metric.py` (`CORRECT = "C"`,
//! `INCORRECT = "I"`, `PARTIAL = "P"`, `NOANSWER = "N"`), `src/inspect_ai/log/_recorders/eval.py`.

use super::super::reader::{Reader, Sample};
use super::super::record::{truncate, IdValue, MetaSlots};
use super::super::report::{Format, SkipReason};
use super::super::texts::{RecordTexts, SampleText, Span};
use super::super::zip::{local_entry, Archive, Entry, ReadAt};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

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
    /// The sample's `metadata` fields that slices read (inspect_evals' MATH writes `level` and
    /// `subject`); summaries keep them (Inspect thins only long texts and large values).
    #[serde(default)]
    pub metadata: MetaSlots,
}

#[derive(Debug, Deserialize)]
pub struct ScoreEntry {
    #[serde(default)]
    pub value: Value,
    /// The answer the scorer extracted (for maj@k).
    #[serde(default)]
    pub answer: Value,
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

/// A sample's verdict by `chosen` and the answer it extracted, or why it has none.
fn judge(sample: &SampleScores, chosen: &Candidate) -> Result<(Verdict, Option<String>), String> {
    let value = sample.scores.as_ref().and_then(|s| chosen.value(s));
    let answer = sample
        .scores
        .as_ref()
        .and_then(|s| s.get(&chosen.scorer))
        .and_then(|e| match &e.answer {
            Value::String(a) if !a.is_empty() => Some(a.clone()),
            Value::Number(a) => Some(a.to_string()),
            Value::Bool(a) => Some(a.to_string()),
            _ => None,
        });
    let verdict = match (value, &sample.error) {
        (Some(v), _) => verdict(v),
        (None, Some(e)) => Err(format!("the sample errored ({})", error_text(e))),
        (None, None) => Err(format!("no score from `{}`", chosen.name())),
    };
    Ok((verdict?, answer))
}

/// Reads a log's samples into the reader with the chosen scorer (or the default). `spans`
/// gives, in the samples' order, where each lies in the file (for its texts), when known.
pub(crate) fn read(reader: &mut Reader, log: Log, scorer: Option<&str>, spans: &[Option<Span>]) {
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
    // The default: the scorer that gives the most samples a verdict (the first on a tie).
    let verdicts = |c: &Candidate| {
        samples
            .iter()
            .filter_map(|s| s.scores.as_ref().and_then(|sc| c.value(sc)))
            .filter(|v| verdict(v).is_ok())
            .count()
    };
    let chosen = match scorer {
        Some(name) => offered.iter().find(|c| c.name() == name),
        None => offered
            .iter()
            .rev()
            .max_by_key(|c| verdicts(c))
            .filter(|c| verdicts(c) > 0)
            .or(offered.first()),
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
            "This log has {} scorers ({}): read with `{}`. The scorer menu below reads another.",
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
    for (i, mut sample) in samples.into_iter().enumerate() {
        reader.report.lines += 1;
        let number = reader.report.lines;
        let id = match &sample.id {
            IdValue::Text(t) => t.clone(),
            IdValue::Invalid(found) => {
                let found = *found;
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
        match judge(&sample, &chosen) {
            Ok((v, answer)) => {
                partial += usize::from(v == Verdict::Partial);
                no_answer += usize::from(v == Verdict::NoAnswer);
                let correct = v == Verdict::Correct;
                reader.at = spans.get(i).copied().flatten();
                let added = reader.add(
                    number,
                    benchmark.clone(),
                    model.clone(),
                    None,
                    Sample::one(id.clone(), correct),
                );
                reader.at = None;
                if let Some(g) = added {
                    reader.vote(g, &id, answer, correct);
                    reader.keep_meta(g, &id, std::mem::take(&mut sample.metadata.0));
                }
                group = added.or(group);
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

/// The most an entry of an `.eval` may inflate to (a sample with a long transcript is tens
/// of MB; a header or summary list far less).
const ENTRY_LIMIT: u64 = 512 << 20;

/// Reads an Inspect `.eval` log (a zip). The per-sample scores come from the log's summaries
/// (`summaries.json`, else the journal's `_journal/summaries/<n>.json`, else the older
/// `summary.json` / `summaries/<n>.json`), which Inspect writes beside the samples with their
/// score values; a sample entry (`samples/<id>_epoch_<n>.json`) without a summary is read
/// itself. So a 1 GB log of long transcripts is read in the time its summaries take.
pub(crate) fn read_eval<R: ReadAt + ?Sized>(reader: &mut Reader, src: &R, scorer: Option<&str>) {
    if let Err(e) = try_read_eval(reader, src, scorer) {
        reader.recognise(Format::Inspect, String::new);
        reader.report.problem = Some(format!("Could not read this Inspect log: {e}."));
    }
}

fn try_read_eval<R: ReadAt + ?Sized>(
    reader: &mut Reader,
    src: &R,
    scorer: Option<&str>,
) -> Result<(), String> {
    let zip = Archive::open(src).map_err(|e| e.to_string())?;
    let entry_json = |name: &str| -> Result<Option<Vec<u8>>, String> {
        match zip.find(name) {
            Some(e) => zip
                .read(src, e, ENTRY_LIMIT)
                .map(Some)
                .map_err(|e| e.to_string()),
            None => Ok(None),
        }
    };
    let parse = |name: &str, bytes: &[u8]| -> Result<Log, String> {
        serde_json::from_slice::<Log>(bytes)
            .map_err(|e| format!("`{name}` is not readable JSON ({e})"))
    };
    // The header: the finished log's, else the journal's start (and the old results.json).
    let mut log = match entry_json("header.json")? {
        Some(b) => parse("header.json", &b)?,
        None => {
            let start = ["_journal/start.json", "start.json"]
                .iter()
                .find_map(|n| entry_json(n).transpose().map(|b| (n, b)));
            let mut log = match start {
                Some((name, bytes)) => parse(name, &bytes?)?,
                None => {
                    return Err(
                        "it has neither header.json nor a journal (is it an Inspect log?)".into(),
                    )
                }
            };
            if let Some(b) = entry_json("results.json")? {
                let results = parse("results.json", &b)?;
                (log.status, log.results) = (results.status, results.results);
            }
            log.status.get_or_insert_with(|| "started".into());
            log
        }
    };
    // Summaries, in the order Inspect wrote them.
    let mut summaries: Vec<SampleScores> = Vec::new();
    let mut lists: Vec<&Entry> = Vec::new();
    if let Some(all) = zip.find("summaries.json").or(zip.find("summary.json")) {
        lists.push(all);
    } else {
        for prefix in ["_journal/summaries/", "summaries/"] {
            let mut numbered: Vec<(u64, &Entry)> = zip
                .entries
                .iter()
                .filter_map(|e| {
                    let n = e.name.strip_prefix(prefix)?.strip_suffix(".json")?;
                    Some((n.parse().ok()?, e))
                })
                .collect();
            numbered.sort_by_key(|(n, _)| *n);
            lists.extend(numbered.into_iter().map(|(_, e)| e));
        }
    }
    for entry in lists {
        let bytes = zip
            .read(src, entry, ENTRY_LIMIT)
            .map_err(|e| e.to_string())?;
        let list: Vec<SampleScores> = serde_json::from_slice(&bytes)
            .map_err(|e| format!("`{}` is not a list of sample summaries ({e})", entry.name))?;
        summaries.extend(list);
    }
    let key = |s: &SampleScores| match &s.id {
        IdValue::Text(t) => Some((t.clone(), s.epoch.unwrap_or(1))),
        IdValue::Invalid(_) => None,
    };
    let summarised: HashSet<(String, u64)> = summaries.iter().filter_map(key).collect();
    // Sample entries without a summary are read themselves.
    let mut unsummarised = 0usize;
    for entry in &zip.entries {
        let Some((id, epoch)) = sample_name(&entry.name) else {
            continue;
        };
        if summarised.contains(&(id.to_owned(), epoch)) {
            continue;
        }
        let bytes = zip
            .read(src, entry, ENTRY_LIMIT)
            .map_err(|e| e.to_string())?;
        let sample: SampleScores = serde_json::from_slice(&bytes)
            .map_err(|e| format!("`{}` is not a readable sample ({e})", entry.name))?;
        summaries.push(sample);
        unsummarised += 1;
    }
    if unsummarised > 0 {
        reader.report.notes.push(format!(
            "{unsummarised} sample(s) had no summary in the log and were read from their own entries."
        ));
    }
    // Each sample's entry, for its texts: the span from its local header to the next entry's.
    let entries: HashMap<(&str, u64), Span> = (zip.entries.iter().zip(zip.spans()))
        .filter_map(|(e, (start, end))| {
            let len = u32::try_from(end - start).ok()?;
            Some((sample_name(&e.name)?, Span { offset: start, len }))
        })
        .collect();
    let spans: Vec<Option<Span>> = (summaries.iter())
        .map(|s| key(s).and_then(|(id, epoch)| entries.get(&(id.as_str(), epoch)).copied()))
        .collect();
    log.samples = Some(summaries);
    read(reader, log, scorer, &spans);
    Ok(())
}

/// A sample as the drawer reads it: its scores and what it was asked, expected and answered.
#[derive(Debug, Deserialize)]
struct FullSample {
    id: IdValue,
    #[serde(default)]
    epoch: Option<u64>,
    #[serde(default)]
    scores: Option<IndexMap<String, ScoreEntry>>,
    #[serde(default)]
    error: Option<Value>,
    /// A text, or the chat messages (`ChatMessage`: `role`, `content`).
    #[serde(default)]
    input: Value,
    /// A text, or a list of acceptable texts.
    #[serde(default)]
    target: Value,
    #[serde(default)]
    output: Option<Output>,
}

/// `ModelOutput`: its `completion` (the first choice's text; older logs do not write it) and
/// its `choices`.
#[derive(Debug, Default, Deserialize)]
struct Output {
    #[serde(default)]
    completion: Option<String>,
    #[serde(default)]
    choices: Vec<Choice>,
}

#[derive(Debug, Deserialize)]
struct Choice {
    #[serde(default)]
    message: Value,
}

/// A message's `content`: a text, or parts of which the `text` ones are joined.
fn content_text(content: &Value) -> Option<String> {
    match content {
        Value::String(s) => Some(s.clone()),
        Value::Array(parts) => {
            let texts: Vec<&str> = (parts.iter())
                .filter(|p| p.get("type").and_then(Value::as_str) == Some("text"))
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect();
            (!texts.is_empty()).then(|| texts.join("\n"))
        }
        _ => None,
    }
}

/// The sample's question: its input text, or its last user message.
fn input_text(input: &Value) -> Option<String> {
    match input {
        Value::Array(messages) => (messages.iter().rev())
            .find(|m| m.get("role").and_then(Value::as_str) == Some("user"))
            .and_then(|m| content_text(m.get("content")?)),
        other => content_text(other),
    }
}

/// The sample's target: a text, or its acceptable texts one per line.
fn target_text(target: &Value) -> Option<String> {
    match target {
        Value::String(s) => Some(s.clone()),
        Value::Array(list) => {
            let texts: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
            (!texts.is_empty()).then(|| texts.join("\n"))
        }
        _ => None,
    }
}

/// A sample's bytes (an `.eval` entry or a `.json` log's element), inflated if need be.
fn sample_json(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, String> {
    if bytes.starts_with(b"PK\x03\x04") {
        let (_, inflated) = local_entry(bytes).map_err(|e| e.to_string())?;
        Ok(inflated.into())
    } else {
        Ok(bytes.into())
    }
}

/// A sample's question alone, its transcript skipped unallocated (finding a problem by words).
pub fn sample_question(bytes: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Input {
        #[serde(default)]
        input: Value,
    }
    let json = sample_json(bytes).ok()?;
    input_text(&serde_json::from_slice::<Input>(&json).ok()?.input)
}

/// Reads one sample again for the drawer, from its bytes: a sample entry of an `.eval` (its
/// local header onwards) or an element of a `.json` log's `samples`. Its verdict and answer
/// come from `judge` with the scorer the log was read with, so they are the ones counted.
pub fn sample_texts(bytes: &[u8], scorer: Option<&str>) -> RecordTexts {
    let said = |why: String| RecordTexts {
        problem: Some(why),
        ..RecordTexts::default()
    };
    let json = match sample_json(bytes) {
        Ok(json) => json,
        Err(why) => return said(why),
    };
    let sample: FullSample = match serde_json::from_slice(&json) {
        Ok(s) => s,
        Err(e) => return said(format!("the sample is no longer readable JSON ({e})")),
    };
    let scores = SampleScores {
        id: sample.id,
        epoch: sample.epoch,
        scores: sample.scores,
        error: sample.error,
        metadata: MetaSlots::default(),
    };
    let offered = candidates(std::slice::from_ref(&scores));
    let chosen = match scorer {
        Some(name) => offered.iter().find(|c| c.name() == name),
        None => offered.first(),
    };
    let Some(chosen) = chosen else {
        return said(format!(
            "the sample has no score from `{}`",
            truncate(scorer.unwrap_or("any scorer"), 60)
        ));
    };
    let (verdict, answer) = match judge(&scores, chosen) {
        Ok(judged) => judged,
        Err(why) => return said(why),
    };
    let output = sample.output.unwrap_or_default();
    let text = output.completion.filter(|c| !c.is_empty()).or_else(|| {
        let message = &output.choices.first()?.message;
        content_text(message.get("content")?)
    });
    RecordTexts {
        question: input_text(&sample.input),
        reference: target_text(&sample.target),
        samples: vec![SampleText {
            correct: Some(verdict == Verdict::Correct),
            answer,
            text,
        }],
        counted: None,
        problem: None,
    }
}

/// (id, epoch) of a sample entry's name, `samples/<id>_epoch_<epoch>.json`.
fn sample_name(name: &str) -> Option<(&str, u64)> {
    let stem = name.strip_prefix("samples/")?.strip_suffix(".json")?;
    let (id, epoch) = stem.rsplit_once("_epoch_")?;
    Some((id, epoch.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::super::super::names::source_of;
    use super::super::super::zip::tests::archive;
    use super::*;

    fn stored(entries: &[(&str, String)]) -> Vec<u8> {
        let data: Vec<(&str, u16, &[u8], u64, u32)> = entries
            .iter()
            .map(|(n, t)| {
                (
                    *n,
                    0,
                    t.as_bytes(),
                    t.len() as u64,
                    crc32fast::hash(t.as_bytes()),
                )
            })
            .collect();
        archive(&data)
    }

    fn read_zip(zip: &[u8], scorer: Option<&str>) -> crate::read::ParsedFile {
        let mut reader = Reader::new(source_of("log.eval"), "sample", false);
        read_eval(&mut reader, zip, scorer);
        reader.finish(&[])
    }

    const HEADER: &str = r#"{"version": 2, "status": "success", "eval": {"task": "t", "model": "m"},
        "results": {"scores": [{"name": "match", "metrics": {"accuracy": {"value": 0.5}}}]}}"#;

    fn sample(id: &str, epoch: u32, value: &str) -> String {
        format!(
            r#"{{"id": {id}, "epoch": {epoch}, "messages": [{{"content": "long"}}], "scores": {{"match": {{"value": {value}, "answer": "x"}}}}}}"#
        )
    }

    #[test]
    fn samples_without_summaries_are_read_from_their_entries() {
        let zip = stored(&[
            ("samples/1_epoch_1.json", sample("1", 1, r#""C""#)),
            ("samples/1_epoch_2.json", sample("1", 2, r#""I""#)),
            ("samples/x_epoch_1.json", sample(r#""x""#, 1, "0")),
            ("samples/x_epoch_2.json", sample(r#""x""#, 2, "1.0")),
            ("header.json", HEADER.into()),
        ]);
        let f = read_zip(&zip, None);
        assert_eq!(f.report.format, Format::Inspect);
        let p = &f.counts[&("t".to_owned(), "m".to_owned())];
        assert_eq!((p["1"].n, p["1"].c, p["x"].n, p["x"].c), (2, 1, 2, 1));
        assert!(f.report.notes[0].starts_with("4 sample(s) had no summary"));
        assert!(f.report.stated[0].agrees());
    }

    #[test]
    fn a_running_log_is_read_from_its_journal() {
        let summaries = format!(
            "[{}, {}]",
            sample("7", 1, r#""C""#),
            sample("7", 2, r#""P""#)
        );
        let zip = stored(&[
            (
                "_journal/start.json",
                r#"{"version": 2, "eval": {"task": "t", "model": "m"}}"#.into(),
            ),
            (
                "_journal/summaries/2.json",
                format!("[{}]", sample("8", 1, r#""N""#)),
            ),
            ("_journal/summaries/1.json", summaries),
            ("samples/7_epoch_1.json", sample("7", 1, r#""C""#)),
        ]);
        let f = read_zip(&zip, None);
        let p = &f.counts[0];
        assert_eq!((p["7"].n, p["7"].c, p["8"].n, p["8"].c), (2, 1, 1, 0));
        assert!(f
            .report
            .notes
            .iter()
            .any(|n| n.contains("1 sample(s) scored P (partial) and 1 N")));
        assert!(f
            .report
            .notes
            .iter()
            .any(|n| n.contains("status is \"started\"")));
    }

    #[test]
    fn values_inspect_does_not_write_are_reported_not_counted() {
        let zip = stored(&[
            ("header.json", HEADER.into()),
            (
                "summaries.json",
                format!(
                    "[{}, {}, {}, {}]",
                    sample("1", 1, "0.5"),
                    sample("2", 1, r#""maybe""#),
                    sample("3", 1, "null"),
                    r#"{"id": 4, "epoch": 1, "error": {"message": "timeout"}}"#
                ),
            ),
        ]);
        let f = read_zip(&zip, None);
        assert!(f.counts.is_empty());
        let reasons: Vec<String> = f
            .report
            .skipped
            .iter()
            .map(|s| s.reason.to_string())
            .collect();
        assert_eq!(
            reasons,
            [
                "score 0.5 is neither 0 nor 1",
                "score \"maybe\" is not one of C, I, P, N",
                "the score has no value",
                "the sample errored (timeout)"
            ]
        );
    }

    #[test]
    fn a_log_with_a_hundred_thousand_scorers_offers_the_first_64() {
        let scores: Vec<String> = (0..100_000)
            .map(|i| format!(r#""s{i}": {{"value": "C"}}"#))
            .collect();
        let one = format!(
            r#"[{{"id": 1, "epoch": 1, "scores": {{{}}}}}]"#,
            scores.join(",")
        );
        let zip = stored(&[("header.json", HEADER.into()), ("summaries.json", one)]);
        let f = read_zip(&zip, None);
        assert_eq!(f.report.scorers.len(), MAX_SCORERS);
        assert_eq!(f.report.scorer.as_deref(), Some("s0"));
        assert_eq!(f.counts[0]["1"].c, 1);
        let f = read_zip(&zip, Some("s99999"));
        assert!(f.report.problem.unwrap().contains("has no scorer `s99999`"));
    }

    #[test]
    fn broken_archives_say_why() {
        let f = read_zip(b"PK\x03\x04 truncated", None);
        assert_eq!(
            f.report.problem.as_deref(),
            Some("Could not read this Inspect log: not a zip archive (no end-of-central-directory record).")
        );
        let zip = stored(&[("other.json", "{}".into())]);
        let f = read_zip(&zip, None);
        assert!(f
            .report
            .problem
            .unwrap()
            .contains("neither header.json nor a journal"));
    }
}
