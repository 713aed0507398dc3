//! openai/human-eval's `*_results.jsonl` (and its forks): one line per sample,
//! `{"task_id", "completion", "result", "passed"}`, written by `evaluate_functional_correctness`.
//! `passed` is the verdict; `result` says the same in words (`"passed"`, `"failed: …"`,
//! `"timed out"`, or a whole traceback in some forks). The two must agree: a line where they
//! do not is reported, never guessed.
//!
//! Source: github.com/openai/human-eval, `human_eval/evaluation.py` (`passed`) and
//! `human_eval/execution.py` (`result`).

use super::super::record::{flag, Outcome, Record};
use super::super::report::SkipReason;

const TASK_ID: usize = 3;
const PASSED: usize = 4;
const RESULT: usize = 7;

/// A human-eval result line.
pub fn recognises(r: &Record) -> bool {
    r.ids[TASK_ID].is_some()
        && r.has(flag::COMPLETION)
        && (r.results[PASSED].is_some() || r.results[RESULT].is_some())
}

/// A line whose `passed` and `result` disagree.
pub fn check(r: &Record) -> Result<(), SkipReason> {
    match (&r.results[PASSED], &r.results[RESULT]) {
        (Some(Outcome::Sample(passed)), Some(Outcome::Sample(result))) if passed != result => {
            Err(SkipReason::Disagree {
                first: "passed",
                second: "result",
            })
        }
        _ => Ok(()),
    }
}

pub const RULE: &str =
    "a sample is correct when `passed` is true (human-eval's rule; `result` must agree)";
