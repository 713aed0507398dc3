//! verl's validation dumps: `trainer.validation_data_dir/<step>.jsonl`, one line per sample,
//! `{"input", "output", "gts", "score", "step"}` plus the reward function's extra keys (DAPO:
//! `acc`, `pred`, `overlong_reward`, `overlong`). There is no problem id: the prompt (`input`)
//! names the problem. Correct = `acc` when the reward function wrote it (DAPO's `score` is ±1
//! and its `reward` carries the overlong penalty), else `score` > 0. A run's steps are
//! checkpoints `<run>@<step>` (`super::super::names`).
//!
//! Source: github.com/volcengine/verl, `verl/trainer/ppo/ray_trainer.py`
//! (`_dump_generations`), and `verl/utils/reward_score/math_dapo.py` (`acc`).

use super::super::reader::Sample;
use super::super::record::{flag, Outcome, Record};
use super::super::report::SkipReason;

const INPUT: usize = 6;
const SCORE: usize = 0;

/// A verl validation dump line.
pub fn recognises(r: &Record) -> bool {
    r.has(flag::OUTPUT) && r.ids[INPUT].is_some() && (r.results[SCORE].is_some() || r.acc.is_some())
}

/// The rule, in words, by whether the file has `acc`.
pub fn rule(acc: bool) -> &'static str {
    if acc {
        "a sample is correct when `acc` is true (verl, DAPO reward)"
    } else {
        "a sample is correct when `score` > 0 (verl)"
    }
}

/// One sample: `acc` when present, else `score` > 0. A score strictly between 0 and 1 counts
/// (and is counted in `thresholded`, for the report to say so).
pub(crate) fn sample(problem: String, r: Record) -> Result<Sample, SkipReason> {
    let (field, outcome) = match (r.acc, r.results.into_iter().next().flatten()) {
        (Some(acc), _) => ("acc", acc),
        (None, Some(score)) => ("score", score),
        (None, None) => return Err(SkipReason::NoResult),
    };
    match outcome {
        Outcome::Sample(ok) => Ok(Sample::one(problem, ok)),
        Outcome::Score(v) if field == "score" => Ok(Sample {
            thresholded: u64::from(v > 0.0 && v < 1.0),
            ..Sample::one(problem, v > 0.0)
        }),
        Outcome::Score(v) => Err(SkipReason::BadResult {
            field,
            why: format!("{v} is not a correctness value (expected true/false or 0/1)"),
        }),
        Outcome::List { .. } => Err(SkipReason::BadResult {
            field,
            why: "a list, expected one sample's result".into(),
        }),
        Outcome::Invalid(why) => Err(SkipReason::BadResult { field, why }),
    }
}

/// The note for scores between 0 and 1.
pub fn partial_note(count: u64) -> String {
    format!(
        "{count} sample(s) have a score between 0 and 1 (partial credit?): counted as correct by the rule score > 0. Map the fields to choose another rule."
    )
}
