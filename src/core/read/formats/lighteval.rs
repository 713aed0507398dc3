//! lighteval's details: `details/<model>/<timestamp>/details_<task>_<timestamp>.parquet`, one
//! row per document, written by `EvaluationTracker.save` from its `Detail` records
//! (`Dataset.from_list(asdict(detail))`, columns sorted). lighteval keeps no per-sample verdicts:
//! each row carries its document's metrics (`metrics` in older versions, `metric` since the
//! `doc` / `model_response` layout), and a sampling metric is a mean over n samples. So c is
//! recovered only where it is exactly determined: a pass@1 over n samples (`math_pass@1:4_samples`,
//! `pass@k:k=1&n=16`) is c / n, and c = pass@1 · n must be a whole number. Other metrics are
//! explained, not guessed.
//!
//! Source: github.com/huggingface/lighteval, `src/lighteval/logging/evaluation_tracker.py`
//! (`save`), `src/lighteval/logging/info_loggers.py` (`Detail`),
//! `src/lighteval/metrics/metrics_sample.py` (`PassAtK`).

use super::super::reader::{Reader, Sample};
use super::super::record::truncate;
use super::super::report::{Format, SkipReason};
use super::super::texts::{RecordTexts, SampleText};
use crate::counts::Counts;
use parquet::schema::types::{Type, TypePtr};
use serde_json::Value;
use std::sync::Arc;

/// The metrics column's names, newest first.
const METRIC_COLUMNS: [&str; 2] = ["metric", "metrics"];

/// A details table: a metrics group beside the document (`doc`) or its older columns.
pub fn recognises(fields: &[TypePtr]) -> bool {
    let has = |n: &str| fields.iter().any(|f| f.name() == n);
    let metrics = fields
        .iter()
        .any(|f| METRIC_COLUMNS.contains(&f.name()) && f.is_group());
    metrics && (has("doc") || has("example") || has("full_prompt") || has("predictions"))
}

/// The columns read: the metrics, and the document's `id` when it has one.
pub fn projection(fields: &[TypePtr]) -> Vec<TypePtr> {
    fields
        .iter()
        .filter_map(|f| match f.name() {
            name if METRIC_COLUMNS.contains(&name) => Some(f.clone()),
            "doc" => part_of(f, &["id"]),
            _ => None,
        })
        .collect()
}

/// The columns a row's texts are read from (`row_texts`): besides what it was counted from,
/// the document's query and gold choices and the responses, in either layout; with
/// `question_only`, the query alone.
pub fn text_projection(fields: &[TypePtr], question_only: bool) -> Vec<TypePtr> {
    fields
        .iter()
        .filter_map(|f| match f.name() {
            "doc" if question_only => part_of(f, &["query"]),
            "example" | "full_prompt" => Some(f.clone()),
            _ if question_only => None,
            "doc" => part_of(f, &["id", "query", "choices", "gold_index"]),
            "model_response" => part_of(f, &["text"]),
            name if METRIC_COLUMNS.contains(&name) => Some(f.clone()),
            "predictions" | "gold" => Some(f.clone()),
            _ => None,
        })
        .collect()
}

/// The group `f` with only its fields named in `names` (none: `None`).
fn part_of(f: &TypePtr, names: &[&str]) -> Option<TypePtr> {
    if !f.is_group() {
        return None;
    }
    let kept: Vec<TypePtr> = (f.get_fields().iter())
        .filter(|c| names.contains(&c.name()))
        .cloned()
        .collect();
    if kept.is_empty() {
        return None;
    }
    let info = f.get_basic_info();
    Type::group_type_builder(f.name())
        .with_repetition(info.repetition())
        .with_fields(kept)
        .build()
        .ok()
        .map(Arc::new)
}

/// The rows of a details table (metrics and ids only: small), kept until the metric is chosen.
#[derive(Debug, Default)]
pub struct Rows {
    rows: Vec<(usize, Value)>,
}

impl Rows {
    pub fn push(&mut self, number: usize, row: Value) {
        self.rows.push((number, row));
    }
}

/// The number after `prefix` in `name` (`n=16` → 16).
fn number_after(name: &str, prefix: &str) -> Option<u64> {
    let at = name.find(prefix)? + prefix.len();
    let digits: String = name[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The number before `suffix` in `name` (`4_samples` → 4).
fn number_before(name: &str, suffix: &str) -> Option<u64> {
    let at = name.find(suffix)?;
    let digits: String = name[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .chars()
        .rev()
        .collect();
    digits.parse().ok()
}

/// The n of a metric that is a pass@1 (a mean of n verdicts), by its name; `None` otherwise.
pub fn samples_of(metric: &str) -> Option<u64> {
    let k = number_after(metric, "pass@").or_else(|| number_after(metric, "k="))?;
    let n = number_before(metric, "_samples")
        .or_else(|| number_after(metric, "n_samples="))
        .or_else(|| number_after(metric, "n="))?;
    (k == 1 && n >= 1).then_some(n)
}

/// The metrics object of a row.
fn metrics(row: &Value) -> Option<&serde_json::Map<String, Value>> {
    METRIC_COLUMNS
        .iter()
        .find_map(|c| row.get(*c).and_then(Value::as_object))
}

/// The counts a pass@1 of `p` over `n` samples stands for: c = p · n, when that is a whole
/// number of them (the same rule when counting and when a row is read again).
fn whole_counts(p: f64, n: u64) -> Option<Counts> {
    let c = p * n as f64;
    ((0.0..=n as f64).contains(&c) && (c - c.round()).abs() <= 1e-6).then(|| Counts {
        n,
        c: c.round() as u64,
    })
}

/// Reads the rows with the chosen metric (or the pass@1 over the most samples).
pub(crate) fn read(reader: &mut Reader, rows: Rows, chosen: Option<&str>) {
    let mut names: Vec<String> = Vec::new();
    for (_, row) in &rows.rows {
        for (name, value) in metrics(row).into_iter().flatten() {
            if value.is_number() && !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    let recoverable: Vec<(String, u64)> = names
        .iter()
        .filter_map(|n| samples_of(n).map(|s| (n.clone(), s)))
        .collect();
    reader.report.scorers = recoverable.iter().map(|(n, _)| n.clone()).collect();
    let pick = match chosen {
        Some(c) => recoverable.iter().find(|(n, _)| n == c),
        None => recoverable.iter().max_by_key(|(_, n)| *n),
    };
    let Some((metric, n)) = pick.cloned() else {
        reader.recognise(Format::Lighteval, String::new);
        for (number, _) in &rows.rows {
            reader.report.lines += 1;
            let why = "no metric is a pass@1 over n samples".to_owned();
            reader.skip(*number, SkipReason::Said(why));
        }
        reader.report.problem = Some(format!(
            "These are lighteval details: one row per document with its metrics ({}), not each sample's verdict. c is recovered only from a pass@1 over n samples (e.g. `math_pass@1:16_samples`), which none of these is. Re-run with such a metric, or export one line per sample with its correctness.",
            if names.is_empty() { "none numeric".to_owned() } else { names.join(", ") }
        ));
        return;
    };
    reader.report.scorer = Some(metric.clone());
    reader.recognise(Format::Lighteval, || {
        format!(
            "lighteval keeps only the mean `{metric}` over n = {n} samples per document: c = that mean × {n}, recovered exactly"
        )
    });
    for (number, row) in rows.rows {
        reader.report.lines += 1;
        let problem = match row.get("doc").and_then(|d| d.get("id")) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(x)) => x.to_string(),
            _ => (number - 1).to_string(),
        };
        let p = metrics(&row)
            .and_then(|m| m.get(&metric))
            .and_then(Value::as_f64);
        let Some(p) = p else {
            let why = format!("no value of `{}`", truncate(&metric, 60));
            reader.skip(number, SkipReason::Said(why));
            continue;
        };
        let Some(counts) = whole_counts(p, n) else {
            let why = format!("`{metric}` = {p} is not a whole number of {n} samples");
            reader.skip(number, SkipReason::Said(why));
            continue;
        };
        let sample = Sample {
            problem,
            counts,
            whole_problem: true,
            thresholded: 0,
            bits: Vec::new(),
        };
        reader.at = Some(super::super::parquet::row_span(number));
        reader.add(number, None, None, None, sample);
        reader.at = None;
    }
}

/// A text of a JSON value: a string, or a number as written.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(x) => Some(x.to_string()),
        _ => None,
    }
}

/// The problem's text of a row (read again by `read_rows`): the document's query, or the older
/// layout's example or full prompt.
pub fn row_question(row: &Value) -> Option<String> {
    (row.get("doc").and_then(|d| d.get("query")))
        .or_else(|| {
            row.get("example")
                .filter(|v| v.as_str().is_some_and(|s| !s.is_empty()))
        })
        .or_else(|| row.get("full_prompt"))
        .and_then(text_of)
}

/// What a row (read again by `read_rows`, as JSON) holds: the query, the gold answer(s), the
/// responses — with no verdict each, for lighteval records none — and the counts `metric` (the
/// metric the file was read with) gives the document.
pub fn row_texts(bytes: &[u8], metric: Option<&str>) -> RecordTexts {
    let Ok(row) = serde_json::from_slice::<Value>(bytes) else {
        return RecordTexts {
            problem: Some("this row no longer reads as a lighteval detail".into()),
            ..RecordTexts::default()
        };
    };
    let doc = row.get("doc");
    // The gold answers: the document's choices at its gold index (one, or a list), or the
    // older layout's `gold` list.
    let golds: Vec<String> = match doc {
        Some(doc) => {
            let choices = doc.get("choices").and_then(Value::as_array);
            let at = |i: &Value| {
                let i = usize::try_from(i.as_u64()?).ok()?;
                choices?.get(i).and_then(text_of)
            };
            match doc.get("gold_index") {
                Some(Value::Array(list)) => list.iter().filter_map(at).collect(),
                Some(i) => at(i).into_iter().collect(),
                None => Vec::new(),
            }
        }
        None => (row.get("gold").and_then(Value::as_array))
            .map(|g| g.iter().filter_map(text_of).collect())
            .unwrap_or_default(),
    };
    let responses = (row.get("model_response").and_then(|m| m.get("text")))
        .or_else(|| row.get("predictions"))
        .and_then(Value::as_array);
    let samples = (responses.into_iter().flatten())
        .map(|r| SampleText {
            correct: None,
            answer: None,
            text: text_of(r),
        })
        .collect();
    let counted = metric.and_then(|metric| {
        let n = samples_of(metric)?;
        whole_counts(metrics(&row)?.get(metric)?.as_f64()?, n)
    });
    RecordTexts {
        question: row_question(&row),
        reference: (!golds.is_empty()).then(|| golds.join(" | ")),
        samples,
        counted,
        problem: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_from_the_metric_names_lighteval_writes() {
        for (name, n) in [
            ("math_pass@1:4_samples", Some(4)),
            ("gpqa_pass@1:16_samples", Some(16)),
            ("pass@k:k=1&n=32", Some(32)),
            ("pass@1:n_samples=8", Some(8)),
            ("math_pass@1:1_samples", Some(1)),
            ("pass@k:k=8&n=16", None),
            ("math_pass@10:16_samples", None),
            ("extractive_match", None),
            ("maj@4", None),
        ] {
            assert_eq!(samples_of(name), n, "{name}");
        }
    }
}
