//! evalplus's `eval_results.json`, in both layouts it has written:
//! - since Feb 2024: `{"date", "hash", "eval": {task_id: [{"task_id", "solution",
//!   "base_status", "plus_status", "base_fail_tests", "plus_fail_tests"}, …]}, "pass_at_k":
//!   {"base": {"pass@1": …}, "plus": {…}}}`, statuses `"pass"`, `"fail"`, `"timeout"`, and
//!   `plus_status: null` for a run with `--base-only`;
//! - before: `{"date", "hash", "eval": {task_id: {"nfiles", "base": [[status, details], …],
//!   "plus": [[status, details], …]}}}`, statuses `"success"`, `"failed"`, `"timed out"`, and
//!   `"plus": []` for `--base-only`.
//!
//! evalplus's own rule: base = the base tests pass; base + plus = both pass. A status this
//! reader does not know, or a `null` one, leaves that one sample out and says so: it is never
//! counted as a failure.
//!
//! Source: github.com/evalplus/evalplus, `evalplus/evaluate.py` and `evalplus/eval/__init__.py`
//! (`PASS`, `FAIL`, `TIMEOUT`; formerly `SUCCESS`, `FAILED`, `TIMEOUT`).

use super::super::reader::{Reader, Sample};
use super::super::report::{EvalPlusTests, Format, SkipReason};
use super::super::texts::{RecordTexts, SampleText, Span};
use crate::counts::Counts;
use serde_json::Value;
use std::collections::HashMap;

/// A status as evalplus wrote it: passed, failed, not evaluated (`null`), or unknown.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Pass,
    Fail,
    NotRun,
    Unknown(String),
}

fn status(v: Option<&Value>) -> Status {
    match v {
        None | Some(Value::Null) => Status::NotRun,
        Some(Value::String(s)) => match s.as_str() {
            "pass" | "success" => Status::Pass,
            "fail" | "failed" | "timeout" | "timed out" => Status::Fail,
            other => Status::Unknown(super::super::record::truncate(other, 40)),
        },
        Some(other) => Status::Unknown(super::super::record::truncate(&other.to_string(), 40)),
    }
}

/// One sample's (base, plus) statuses.
type Pair = (Status, Status);

/// A task's samples, in either layout.
fn samples(task: &Value) -> Result<Vec<Pair>, String> {
    match task {
        Value::Array(list) => Ok(list
            .iter()
            .map(|s| (status(s.get("base_status")), status(s.get("plus_status"))))
            .collect()),
        Value::Object(_) => {
            // `[[status, details], …]`; a bare status is read too.
            let column = |key: &str| -> Option<Vec<Status>> {
                let rows = task.get(key)?.as_array()?;
                Some(rows.iter().map(|r| status(r.get(0).or(Some(r)))).collect())
            };
            let base = column("base").ok_or("no `base` list of statuses")?;
            let plus = column("plus").unwrap_or_default();
            if !plus.is_empty() && plus.len() != base.len() {
                return Err(format!(
                    "{} base statuses but {} plus statuses",
                    base.len(),
                    plus.len()
                ));
            }
            let mut plus = plus.into_iter();
            Ok(base
                .into_iter()
                .map(|b| (b, plus.next().unwrap_or(Status::NotRun)))
                .collect())
        }
        _ => Err("expected a list of samples".into()),
    }
}

/// Whether `value` (a document's top-level object) is evalplus's.
pub fn recognises(value: &Value) -> bool {
    let Some(Value::Object(eval)) = value.get("eval") else {
        return false;
    };
    // An Inspect log's `eval` is its spec, with a `task`; evalplus's maps task ids to samples.
    value.get("status").is_none()
        && eval
            .values()
            .next()
            .is_none_or(|t| t.is_array() || t.get("base").is_some())
}

/// Reads the tasks of an evalplus file, one unit each; `spans` gives where each task's list
/// of samples lies in the file (for its texts), by task id.
pub(crate) fn read(
    reader: &mut Reader,
    value: Value,
    tests: EvalPlusTests,
    spans: &HashMap<String, Span>,
) {
    let Value::Object(mut top) = value else {
        return;
    };
    let Some(Value::Object(eval)) = top.remove("eval") else {
        let number = reader.report.lines + 1;
        reader.report.lines = number;
        let why = "`eval` is not an object of tasks".to_owned();
        return reader.skip(number, SkipReason::EvalPlus(why));
    };
    let tasks: Vec<(String, Result<Vec<Pair>, String>)> = eval
        .into_iter()
        .map(|(id, t)| {
            let s = samples(&t);
            (id, s)
        })
        .collect();
    // `--base-only`: no sample anywhere was run on the plus tests.
    let plus_run = tasks
        .iter()
        .flat_map(|(_, s)| s.iter().flatten())
        .any(|(_, plus)| *plus != Status::NotRun);
    let tests = match tests {
        EvalPlusTests::Auto if plus_run => EvalPlusTests::Plus,
        EvalPlusTests::Auto => EvalPlusTests::Base,
        chosen => chosen,
    };
    let r = &mut reader.report;
    r.unit = "task";
    r.evalplus = Some(tests);
    reader.recognise(Format::Evalplus, || match tests {
        EvalPlusTests::Base => {
            "a sample is correct when it passes the base tests (HumanEval / MBPP)".into()
        }
        _ => "a sample is correct when it passes the base and the plus tests (HumanEval+ / MBPP+)"
            .into(),
    });
    if !plus_run {
        reader.report.notes.push(
            "The plus tests were not run (evalplus --base-only): read with the base tests.".into(),
        );
    }
    let mut left_out = Vec::new();
    for (task, samples) in tasks {
        reader.report.lines += 1;
        let number = reader.report.lines;
        let samples = match samples {
            Ok(s) if s.is_empty() => Err("no samples".to_owned()),
            other => other,
        };
        match samples.and_then(|s| count(&task, &s, tests, &mut left_out)) {
            Ok(counts) => {
                let sample = Sample {
                    problem: task,
                    counts,
                    whole_problem: true,
                    thresholded: 0,
                    bits: Vec::new(),
                };
                reader.at = spans.get(&sample.problem).copied();
                reader.add(number, None, None, None, sample);
                reader.at = None;
            }
            Err(why) => reader.skip(number, SkipReason::EvalPlus(why)),
        }
    }
    if !left_out.is_empty() {
        let shown: Vec<&str> = left_out.iter().take(5).map(String::as_str).collect();
        reader.report.notes.push(format!(
            "{} sample(s) left out, each from its task's n: {}{}",
            left_out.len(),
            shown.join("; "),
            if left_out.len() > 5 { "; …" } else { "" }
        ));
    }
    if let Some(Value::Object(stated)) = top.get("pass_at_k") {
        let key = match tests {
            EvalPlusTests::Base => "base",
            _ => "plus",
        };
        if let Some(Value::Object(at)) = stated.get(key) {
            let group = reader
                .first_group()
                .unwrap_or_else(|| ("all".into(), reader.default_model()));
            for (name, value) in at {
                let k = name.strip_prefix("pass@").and_then(|k| k.parse().ok());
                if let (Some(k), Some(v)) = (k, value.as_f64()) {
                    reader.state(format!("pass_at_k.{key}.{name}"), group.clone(), k, v);
                }
            }
        }
    }
}

/// A sample's verdict under `tests`, or why it is left out.
fn judge((base, plus): &Pair, tests: EvalPlusTests) -> Result<bool, String> {
    match (base, plus, tests) {
        (Status::Unknown(s), _, _) => {
            Err(format!("base status \"{s}\" is not one evalplus writes"))
        }
        (Status::NotRun, _, _) => Err("has no base_status".into()),
        (_, Status::Unknown(s), EvalPlusTests::Plus) => {
            Err(format!("plus status \"{s}\" is not one evalplus writes"))
        }
        (_, Status::NotRun, EvalPlusTests::Plus) => {
            Err("plus_status is null (plus tests not run; choose the base tests)".into())
        }
        (b, _, EvalPlusTests::Base | EvalPlusTests::Auto) => Ok(*b == Status::Pass),
        (b, p, EvalPlusTests::Plus) => Ok(*b == Status::Pass && *p == Status::Pass),
    }
}

/// Reads one task again for the drawer, from its list of samples' bytes: each counted sample's
/// verdict under `tests` (the rule the file was read with, by `judge`) and its `solution` (the
/// layout before Feb 2024 keeps no solutions: verdicts only).
pub fn task_texts(bytes: &[u8], tests: EvalPlusTests) -> RecordTexts {
    let said = |why: String| RecordTexts {
        problem: Some(why),
        ..RecordTexts::default()
    };
    let task: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return said(format!("the task is no longer readable JSON ({e})")),
    };
    let pairs = match samples(&task) {
        Ok(p) => p,
        Err(why) => return said(why),
    };
    let solutions = task.as_array();
    let samples: Vec<SampleText> = (pairs.iter().enumerate())
        .filter_map(|(i, pair)| {
            let correct = judge(pair, tests).ok()?;
            let text = solutions
                .and_then(|s| s.get(i)?.get("solution")?.as_str())
                .map(str::to_owned);
            Some(SampleText {
                correct: Some(correct),
                answer: None,
                text,
            })
        })
        .collect();
    if samples.is_empty() {
        return said("no sample of the task is counted".into());
    }
    RecordTexts {
        samples,
        ..RecordTexts::default()
    }
}

/// A task's counts under `tests`; samples with a status not known or not run are left out
/// (and listed in `left_out`), the task is skipped only when none is left.
fn count(
    task: &str,
    samples: &[Pair],
    tests: EvalPlusTests,
    left_out: &mut Vec<String>,
) -> Result<Counts, String> {
    let mut counts = Counts::default();
    let mut first_problem = None;
    for (i, pair) in samples.iter().enumerate() {
        match judge(pair, tests) {
            Ok(ok) => counts.add(Counts {
                n: 1,
                c: u64::from(ok),
            }),
            Err(why) => {
                let why = format!("sample {} {why}", i + 1);
                first_problem.get_or_insert_with(|| why.clone());
                left_out.push(format!("{task} {why}"));
            }
        }
    }
    if counts.n == 0 {
        // Nothing left: the task is skipped with its first sample's reason (not also listed).
        left_out.truncate(left_out.len() - samples.len());
        return Err(first_problem.unwrap_or_else(|| "no samples".into()));
    }
    Ok(counts)
}
