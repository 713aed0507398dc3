//! Field mapping for files whose schema is not recognised: the field paths a file offers, and
//! reading a record through the paths a user chose.
//!
//! # Paths
//! `a` is a top-level field, `a.b` field `b` of object `a`, `a[]` the items of list `a`, and
//! `a[].r` field `r` of every item of list `a`. A correctness path that reaches a list (`accs`)
//! or passes through one (`infos[].r`) gives one sample per item: the record is a whole problem.
//! A path that reaches one value gives one sample, and samples of the same problem are summed.
//!
//! ```
//! use passk_lens_core::read::mapping::{field_paths, Mapping};
//! let v: serde_json::Value = serde_json::from_str(r#"{"idx": "900", "infos": [{"r": 0}, {"r": 1}]}"#).unwrap();
//! assert_eq!(field_paths(&[v.clone()]), ["idx", "infos", "infos[]", "infos[].r"]);
//! let m = Mapping { id: "idx".into(), correct: "infos[].r".into(), ..Mapping::default() };
//! let r = m.apply(&v).unwrap();
//! assert_eq!((r.problem.as_str(), r.n, r.c), ("900", 2, 1));
//! ```

use super::record::{sample_from_f64, sample_from_str, truncate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Which field holds what. Empty `model` / `benchmark` mean: the file name / `all`. The drawer's
/// texts come from `response` (one per sample, like `correct`), `question` and `reference`;
/// empty, from the usual field names (`texts::RESPONSE_FIELDS`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub id: String,
    pub correct: String,
    pub model: String,
    pub benchmark: String,
    #[serde(default)]
    pub response: String,
    #[serde(default)]
    pub question: String,
    #[serde(default)]
    pub reference: String,
}

/// One record read through a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapped {
    pub problem: String,
    pub n: u64,
    pub c: u64,
    /// The correctness path reached a list: the record holds all samples of its problem.
    pub whole_problem: bool,
    pub model: Option<String>,
    pub benchmark: Option<String>,
    /// How many numeric scores other than 0 and 1 were counted as correct when > 0.5.
    pub thresholded: u64,
    /// Each sample's verdict, in order.
    pub bits: Vec<bool>,
}

/// Most paths listed for one file, and how deep objects are followed.
const MAX_PATHS: usize = 200;
const MAX_DEPTH: usize = 6;

/// Every field path found in `records`, in order of first appearance (keys of an object in
/// serde_json's order). Keys holding `.` or `[` cannot be written as a path and are left out.
pub fn field_paths(records: &[Value]) -> Vec<String> {
    let mut out = Vec::new();
    for record in records {
        walk(record, "", 0, &mut out);
    }
    out
}

fn walk(v: &Value, prefix: &str, depth: usize, out: &mut Vec<String>) {
    if depth >= MAX_DEPTH {
        return;
    }
    let add = |p: String, out: &mut Vec<String>| {
        if out.len() < MAX_PATHS && !out.contains(&p) {
            out.push(p);
        }
    };
    match v {
        Value::Object(map) => {
            for (key, child) in map {
                if key.is_empty() || key.contains(['.', '[', ']']) {
                    continue;
                }
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                add(path.clone(), out);
                walk(child, &path, depth + 1, out);
            }
        }
        Value::Array(items) if !prefix.is_empty() => {
            let path = format!("{prefix}[]");
            add(path.clone(), out);
            for item in items.iter().take(3) {
                if item.is_object() {
                    walk(item, &path, depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

/// The values a path reaches, and whether it passed through a list.
pub(crate) fn values_at<'a>(v: &'a Value, path: &str) -> (Vec<&'a Value>, bool) {
    let mut current = vec![v];
    let mut through_list = false;
    for segment in path.split('.') {
        let (name, list) = match segment.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (segment, false),
        };
        let mut next = Vec::new();
        for value in current {
            let Some(child) = value.get(name) else {
                continue;
            };
            if list {
                if let Value::Array(items) = child {
                    next.extend(items.iter());
                }
            } else {
                next.push(child);
            }
        }
        through_list |= list;
        current = next;
    }
    (current, through_list)
}

/// A JSON value as a name (id, model, benchmark): strings and numbers only. None when the
/// path is empty or (unless `required`) absent from this record.
fn name_at(v: &Value, path: &str, what: &str, required: bool) -> Result<Option<String>, String> {
    if path.is_empty() {
        return Ok(None);
    }
    match values_at(v, path).0.as_slice() {
        [] if !required => Ok(None),
        [] => Err(format!("no `{path}` for the {what}")),
        [Value::String(s)] => Ok(Some(s.clone())),
        [Value::Number(x)] => Ok(Some(x.to_string())),
        [_] => Err(format!("the {what} `{path}` is not a string or a number")),
        _ => Err(format!("the {what} `{path}` holds more than one value")),
    }
}

/// One sample's correctness from a JSON value, and whether a number was counted by threshold.
fn sample(v: &Value) -> Result<(bool, bool), String> {
    match v {
        Value::Bool(b) => Ok((*b, false)),
        Value::Number(x) => {
            let x = x.as_f64().unwrap_or(f64::NAN);
            match sample_from_f64(x) {
                Ok(b) => Ok((b, false)),
                Err(_) if x.is_finite() => Ok((x > 0.5, true)),
                Err(e) => Err(e),
            }
        }
        Value::String(s) => sample_from_str(s).map(|b| (b, false)),
        Value::Null => Err("null is not a correctness value".into()),
        Value::Array(_) => Err("a nested list is not a correctness value".into()),
        Value::Object(_) => Err(
            "an object is not a correctness value (choose one of its fields, e.g. `a[].r`)".into(),
        ),
    }
}

impl Mapping {
    /// Reads one record through the mapping, or says why it cannot be used.
    pub fn apply(&self, v: &Value) -> Result<Mapped, String> {
        if !v.is_object() {
            return Err("not a JSON object".into());
        }
        let problem = name_at(v, &self.id, "problem id", true)?
            .ok_or_else(|| "choose the field that holds the problem id".to_owned())?;
        // A record without the model or benchmark field keeps the defaults (file name, `all`).
        let model = name_at(v, &self.model, "model", false)?;
        let benchmark = name_at(v, &self.benchmark, "benchmark", false)?;
        if self.correct.is_empty() {
            return Err("choose the field that holds correctness".into());
        }
        let (mut values, mut whole_problem) = values_at(v, &self.correct);
        if let [Value::Array(items)] = values.as_slice() {
            values = items.iter().collect();
            whole_problem = true;
        }
        if values.is_empty() {
            return Err(if whole_problem {
                format!(
                    "`{}` is empty or missing: a problem needs at least one sample",
                    self.correct
                )
            } else {
                format!("no `{}`", self.correct)
            });
        }
        let (mut c, mut thresholded) = (0, 0);
        let mut bits = Vec::with_capacity(values.len());
        for (i, value) in values.iter().enumerate() {
            let (ok, by_threshold) = sample(value).map_err(|why| {
                if whole_problem {
                    format!("`{}` item {}: {why}", self.correct, i + 1)
                } else {
                    format!("`{}`: {why}", self.correct)
                }
            })?;
            c += u64::from(ok);
            bits.push(ok);
            thresholded += u64::from(by_threshold);
        }
        Ok(Mapped {
            problem: truncate(&problem, 10_000),
            n: values.len() as u64,
            c,
            whole_problem,
            model,
            benchmark,
            thresholded,
            bits,
        })
    }

    /// A first guess from a file's paths: the usual id field, and the first path that looks
    /// like per-sample correctness.
    pub fn guess(paths: &[String]) -> Mapping {
        let find = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| paths.iter().find(|p| p == n))
                .cloned()
                .unwrap_or_default()
        };
        let id = find(&super::record::ID_FIELDS);
        let correct = paths
            .iter()
            .find(|p| {
                let last = p.rsplit(['.', '[']).next().unwrap_or(p);
                [
                    "r",
                    "acc",
                    "accs",
                    "correct",
                    "pass",
                    "passed",
                    "score",
                    "reward",
                    "is_correct",
                ]
                .iter()
                .any(|w| last.trim_end_matches(']') == *w)
            })
            .cloned()
            .unwrap_or_default();
        Mapping {
            id,
            correct,
            model: find(&["model", "model_name"]),
            benchmark: find(&["benchmark", "dataset", "task"]),
            ..Mapping::default()
        }
    }
}
