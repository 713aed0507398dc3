//! One problem looked at closely: every model's samples of it — n, c, pass@k at the chosen k —
//! and the distribution of its extracted answers, most frequent first, each marked correct or
//! not. Where RL sharpens, the mass collapses onto one answer; where it lost a problem, the
//! base model's correct answer is still among its samples and gone from the RL model's.

use crate::counts::{Answers, Counts};
use crate::stats::estimator::pass_at_k;
use crate::stats::Dataset;
use serde::{Deserialize, Serialize};

/// A problem of a benchmark, as every model sampled it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProblemView {
    pub benchmark: String,
    pub problem: String,
    /// The models that have the problem, in model order.
    pub models: Vec<ModelSamples>,
}

/// One model's samples of the problem.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelSamples {
    pub model: String,
    /// The model's place in model order (its colour).
    pub model_index: usize,
    pub counts: Counts,
    /// pass@k at the chosen k (k capped at n).
    pub pass_at_k: f64,
    /// Distinct extracted answers, most frequent first (ties in order of first appearance).
    pub answers: Answers,
}

impl ModelSamples {
    /// Samples without an extracted answer.
    pub fn unanswered(&self) -> u64 {
        self.counts.n - self.answers.iter().map(|(_, c)| c.n).sum::<u64>()
    }
}

/// The id of the first problem of `benchmark` that `query` names: the id itself, else the first
/// id (in order of appearance) that contains it, ignoring case. `None` when nothing matches.
///
/// ```
/// use passk_lens_core::explain::problem::find_problem;
/// use passk_lens_core::read::parse_file;
/// use passk_lens_core::stats::Dataset;
/// let f = parse_file("m.jsonl", "{\"problem_id\": \"HumanEval/12\", \"n\": 1, \"c\": 1}\n{\"problem_id\": \"HumanEval/1\", \"n\": 1, \"c\": 0}\n");
/// let ds = Dataset::from_files([&f]);
/// assert_eq!(find_problem(&ds, "all", "HumanEval/1").as_deref(), Some("HumanEval/1"));
/// assert_eq!(find_problem(&ds, "all", "eval/1").as_deref(), Some("HumanEval/12"));
/// assert_eq!(find_problem(&ds, "all", "nothing"), None);
/// ```
pub fn find_problem(ds: &Dataset, benchmark: &str, query: &str) -> Option<String> {
    let query = query.trim();
    if query.is_empty() {
        return None;
    }
    let models = ds.benchmark_models(benchmark);
    let ids = || models.iter().flat_map(|(_, p)| p.keys());
    if let Some(id) = ids().find(|id| id.as_str() == query) {
        return Some(id.clone());
    }
    let lower = query.to_lowercase();
    ids().find(|id| id.to_lowercase().contains(&lower)).cloned()
}

/// Every model's samples of `problem` on `benchmark`, pass@k at `k`; `None` when no model has it.
pub fn problem_view(ds: &Dataset, benchmark: &str, problem: &str, k: usize) -> Option<ProblemView> {
    let models: Vec<ModelSamples> = ds
        .benchmark_models(benchmark)
        .into_iter()
        .filter_map(|(model, problems)| {
            let counts = *problems.get(problem)?;
            let key = (benchmark.to_owned(), model.clone(), problem.to_owned());
            let mut answers = ds.answers.get(&key).cloned().unwrap_or_default();
            // Stable: equal counts keep their order of first appearance.
            answers.sort_by_key(|a| std::cmp::Reverse(a.1.n));
            let at = (k as u64).clamp(1, counts.n.max(1));
            Some(ModelSamples {
                model_index: ds.models.get_index_of(&model).unwrap_or(0),
                model,
                counts,
                pass_at_k: if counts.n == 0 {
                    f64::NAN
                } else {
                    pass_at_k(counts.n, counts.c, at)
                },
                answers,
            })
        })
        .collect();
    (!models.is_empty()).then(|| ProblemView {
        benchmark: benchmark.to_owned(),
        problem: problem.to_owned(),
        models,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::parse_file;

    #[test]
    fn a_problem_of_two_models_with_their_answers() {
        let base = parse_file(
            "base.jsonl",
            r#"{"idx": 7, "pred": ["4", "5", "4", "", "6"], "score": [true, false, true, false, false]}"#,
        );
        let rl = parse_file(
            "rl.jsonl",
            r#"{"idx": 7, "pred": ["5", "5", "5", "5", "4"], "score": [false, false, false, false, true]}"#,
        );
        let ds = Dataset::from_files([&base, &rl]);
        assert_eq!(find_problem(&ds, "all", "7").as_deref(), Some("7"));
        let v = problem_view(&ds, "all", "7", 2).unwrap();
        assert_eq!(v.models.len(), 2);
        let (b, r) = (&v.models[0], &v.models[1]);
        assert_eq!(
            (b.model.as_str(), b.counts),
            ("base", Counts { n: 5, c: 2 })
        );
        // pass@2 with n = 5, c = 2: 1 − C(3, 2) / C(5, 2) = 7/10.
        assert!((b.pass_at_k - 0.7).abs() < 1e-15);
        let c = |n, c| Counts { n, c };
        assert_eq!(
            b.answers,
            [
                ("4".to_owned(), c(2, 2)),
                ("5".to_owned(), c(1, 0)),
                ("6".to_owned(), c(1, 0))
            ]
        );
        assert_eq!(b.unanswered(), 1);
        // RL's mass on one wrong answer: sharpened, and away from the right one.
        assert_eq!(
            r.answers,
            [("5".to_owned(), c(4, 0)), ("4".to_owned(), c(1, 1))]
        );
        assert_eq!(r.model_index, 1);
        assert_eq!(problem_view(&ds, "all", "8", 2), None);
    }
}
