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
    let mut out = Vec::new();
    for f in fields {
        if METRIC_COLUMNS.contains(&f.name()) {
            out.push(f.clone());
        } else if f.name() == "doc" && f.is_group() {
            let id: Vec<TypePtr> = f
                .get_fields()
                .iter()
                .filter(|c| c.name() == "id" && !c.is_group())
                .cloned()
                .collect();
            if !id.is_empty() {
                let info = f.get_basic_info();
                let doc = Type::group_type_builder(f.name())
                    .with_repetition(info.repetition())
                    .with_fields(id)
                    .build();
                if let Ok(doc) = doc {
                    out.push(Arc::new(doc));
                }
            }
        }
    }
    out
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
        let c = p * n as f64;
        if !(0.0..=n as f64).contains(&c) || (c - c.round()).abs() > 1e-6 {
            let why = format!("`{metric}` = {p} is not a whole number of {n} samples");
            reader.skip(number, SkipReason::Said(why));
            continue;
        }
        let sample = Sample {
            problem,
            counts: Counts {
                n,
                c: c.round() as u64,
            },
            whole_problem: true,
            thresholded: 0,
            bits: Vec::new(),
        };
        reader.add(number, None, None, None, sample);
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
