//! LiveCodeBench's `*_eval_all.json`: a JSON array, one object per problem, with the samples'
//! verdicts in `graded_list` and the tool's own per-problem `pass@1`. Code generation keys a
//! problem by `question_id`; test output prediction by `question_id` and `test_id` (a
//! question's tests are problems of their own); code execution by `id` (its `problem_id` is
//! shared by several records). The companion `*_eval.json` holds only the tool's summary.
//!
//! Source: github.com/LiveCodeBench/LiveCodeBench, `lcb_runner/benchmarks/*.py`
//! (`insert_output_evaluation`) and `lcb_runner/runner/scenario_router.py`.

use super::super::record::{flag, IdValue, Record};

const ID: usize = 2;
const QUESTION_ID: usize = 4;
const GRADED_LIST: usize = 5;

/// A LiveCodeBench evaluated record.
pub fn recognises(r: &Record) -> bool {
    r.results[GRADED_LIST].is_some()
        && (r.ids[QUESTION_ID].is_some() || r.ids[ID].is_some())
        && r.has(flag::LCB)
}

/// The id of a record's problem, by its scenario; `None` falls back to the usual precedence.
pub fn problem(r: &Record) -> Option<String> {
    let text = |i: usize| match &r.ids[i] {
        Some(IdValue::Text(t)) => Some(t.clone()),
        _ => None,
    };
    if r.has(flag::NUMSTEPS) {
        return text(ID);
    }
    let question = text(QUESTION_ID)?;
    Some(match &r.test_id {
        Some(IdValue::Text(t)) => format!("{question}/test {t}"),
        _ => question,
    })
}

/// Where the stated number comes from.
pub const STATED: &str = "mean of the file's per-problem `pass@1`";

/// The message for the companion `*_eval.json`, which has no per-sample results.
pub fn summary_message(pass_at_1: Option<f64>) -> String {
    let stated = pass_at_1.map_or(String::new(), |p| format!(" (it states pass@1 = {p})"));
    format!(
        "This is LiveCodeBench's summary file{stated}: it holds no per-sample verdicts. Load the matching `*_eval_all.json`, whose `graded_list` has every sample's."
    )
}
