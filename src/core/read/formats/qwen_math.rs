//! Qwen2.5-Math's evaluation output (also the RLVR-limits paper's format):
//! `test_<prompt>_-1_seed0_t…_s0_e-1.jsonl`, one line per problem,
//! `{"idx", "question", "gt", "code": [...], "pred": [...], "score": [bool, …]}`. Its "x8" data
//! sets (`amc23x8`, `aime25x8`) repeat every problem 8 times under new `idx` values, so the
//! problem is the question text, not the id: lines whose questions repeat are grouped (and the
//! report says so; the user can read them per line instead).
//!
//! Source: github.com/QwenLM/Qwen2.5-Math, `evaluation/math_eval.py` and
//! `evaluation/data/*x8*`.

use super::super::record::{flag, Outcome, Record};

const IDX: usize = 1;
const SCORE: usize = 0;

/// A Qwen2.5-Math evaluation line.
pub fn recognises(r: &Record) -> bool {
    r.ids[IDX].is_some()
        && r.question.is_some()
        && r.has(flag::GT)
        && matches!(r.results[SCORE], Some(Outcome::List { .. }))
}

/// The report's note on grouping.
pub fn note(grouped: bool, lines: usize, problems: usize) -> String {
    if grouped {
        format!(
            "The same question text appears under several ids (Qwen2.5-Math's repeated sets): the {lines} lines were grouped by question into {problems} problems, each named by the id of its first line. Read them per line to undo this."
        )
    } else {
        format!(
            "The same question text appears under several ids; read per line as chosen ({problems} problems). Group them by question to get pass@k beyond k = 1."
        )
    }
}
