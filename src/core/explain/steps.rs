//! Training runs: the checkpoints `<run>@<step>` of one run (the contract's naming), as series
//! against the training step. The paper's picture: pass@1 rises and pass@K falls as RL training
//! goes on; Δ_SE against the run's first checkpoint stays large; the problems the first
//! checkpoint solves and a later one no longer does (lost) outnumber the new ones (gained).
//!
//! ```
//! use passk_lens_core::explain::steps::run_series;
//! use passk_lens_core::read::parse_file;
//! use passk_lens_core::stats::Dataset;
//! let counts = "{\"model\": \"r@0\", \"problem_id\": \"a\", \"n\": 4, \"c\": 1}\n\
//!               {\"model\": \"r@0\", \"problem_id\": \"b\", \"n\": 4, \"c\": 0}\n\
//!               {\"model\": \"r@100\", \"problem_id\": \"a\", \"n\": 4, \"c\": 0}\n\
//!               {\"model\": \"r@100\", \"problem_id\": \"b\", \"n\": 4, \"c\": 4}\n";
//! let ds = Dataset::from_files([&parse_file("c.jsonl", counts)]);
//! let runs = run_series(&ds, &ds.curves(), "all");
//! assert_eq!(runs[0].run, "r");
//! assert_eq!(runs[0].points.iter().map(|p| p.step).collect::<Vec<_>>(), [0, 100]);
//! // Against step 0, step 100 gained b and lost a.
//! assert_eq!((runs[0].points[1].gained.len(), runs[0].points[1].lost.len()), (1, 1));
//! ```

use crate::counts::{CountTable, Interval, Problems};
use crate::stats::compare::crossover;
use crate::stats::{Dataset, ModelCurve};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// K of a run's series: min(256, the largest n every checkpoint has).
pub const STEPS_K: usize = 256;

/// One checkpoint of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepPoint {
    pub step: u64,
    /// The model's name, `<run>@<step>`, and its place in model order (its colour).
    pub model: String,
    pub model_index: usize,
    pub n_problems: usize,
    /// pass@1 and pass@K with their 95 % bands.
    pub pass_at_1: f64,
    pub band_at_1: Interval,
    pub pass_at_k: f64,
    pub band_at_k: Interval,
    /// Δ_SE against the run's first checkpoint: pass@K(first) − pass@1(this).
    pub delta_se: f64,
    /// The smallest k at which the first checkpoint catches up with this one, if this one
    /// starts ahead.
    pub crossover: Option<usize>,
    /// Problems the first checkpoint never solves and this one does (gained), and the reverse
    /// (lost), at each one's full n, over the problems both have: ids.
    pub gained: Vec<String>,
    pub lost: Vec<String>,
}

/// A run's checkpoints on one benchmark, steps ascending.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunSeries {
    pub benchmark: String,
    pub run: String,
    /// K of pass@K.
    pub k: usize,
    pub points: Vec<StepPoint>,
}

/// The run and the step of a model named `<run>@<step>` (digits).
pub fn checkpoint_of(model: &str) -> Option<(&str, u64)> {
    let (run, step) = model.rsplit_once('@')?;
    let step = step.parse().ok()?;
    (!run.is_empty()).then_some((run, step))
}

/// Problems solved (c > 0) by one and not the other, over the problems both have.
fn changes(first: &Problems, later: &Problems) -> (Vec<String>, Vec<String>) {
    let (mut gained, mut lost) = (Vec::new(), Vec::new());
    for (id, a) in first {
        if let Some(b) = later.get(id) {
            match (a.c > 0, b.c > 0) {
                (false, true) => gained.push(id.clone()),
                (true, false) => lost.push(id.clone()),
                _ => {}
            }
        }
    }
    (gained, lost)
}

/// Every run with at least two checkpoints on `benchmark`, in order of first appearance.
pub fn run_series(ds: &Dataset, curves: &[ModelCurve], benchmark: &str) -> Vec<RunSeries> {
    let models = ds.benchmark_models(benchmark);
    let mut runs: indexmap::IndexMap<&str, Vec<(u64, usize)>> = indexmap::IndexMap::new();
    for (i, (name, _)) in models.iter().enumerate() {
        if let Some((run, step)) = checkpoint_of(name) {
            runs.entry(run).or_default().push((step, i));
        }
    }
    let curve_of = |name: &str| {
        curves
            .iter()
            .find(|c| c.benchmark == benchmark && c.model == name)
    };
    let mut out = Vec::new();
    for (run, mut steps) in runs {
        if steps.len() < 2 {
            continue;
        }
        steps.sort_by_key(|&(step, _)| step);
        let series: Vec<(u64, &str, &Problems, &ModelCurve)> = steps
            .iter()
            .filter_map(|&(step, i)| {
                let (name, problems) = &models[i];
                Some((step, name.as_str(), *problems, curve_of(name)?))
            })
            .filter(|(_, _, _, c)| c.k_max() > 0)
            .collect();
        let Some(&(_, _, first_problems, first_curve)) = series.first() else {
            continue;
        };
        let k = series
            .iter()
            .map(|(_, _, _, c)| c.k_max())
            .min()
            .unwrap_or(1)
            .min(STEPS_K);
        let points = series
            .iter()
            .map(|&(step, name, problems, curve)| {
                let (gained, lost) = changes(first_problems, problems);
                let common = first_curve.k_max().min(curve.k_max());
                StepPoint {
                    step,
                    model: name.to_owned(),
                    model_index: curve.model_index,
                    n_problems: curve.n_problems,
                    pass_at_1: curve.pass_at_k[0],
                    band_at_1: curve.bands.first().copied().unwrap_or(Interval::NAN),
                    pass_at_k: curve.pass_at_k[k - 1],
                    band_at_k: curve.bands.get(k - 1).copied().unwrap_or(Interval::NAN),
                    delta_se: first_curve.pass_at_k[k - 1] - curve.pass_at_k[0],
                    crossover: crossover(
                        &first_curve.pass_at_k[..common],
                        &curve.pass_at_k[..common],
                    ),
                    gained,
                    lost,
                }
            })
            .collect();
        out.push(RunSeries {
            benchmark: benchmark.to_owned(),
            run: run.to_owned(),
            k,
            points,
        });
    }
    out
}

/// Models renamed by hand (`renames`: old name → new name, e.g. `ckpt-final` → `grpo@500`),
/// for files whose names do not say their step. Two models renamed into one pool their
/// problems, as two files of one model do.
///
/// ```
/// use passk_lens_core::explain::steps::renamed;
/// use passk_lens_core::read::parse_file;
/// let f = parse_file("final.jsonl", "{\"idx\": 0, \"n\": 2, \"c\": 1}\n");
/// let renames = [("final".to_owned(), "grpo@500".to_owned())].into();
/// let table = renamed(&f.counts, &renames);
/// assert_eq!(table.keys().next().unwrap().1, "grpo@500");
/// ```
pub fn renamed(table: &CountTable, renames: &BTreeMap<String, String>) -> CountTable {
    let mut out = CountTable::with_capacity(table.len());
    for ((benchmark, model), problems) in table {
        let model = renames.get(model).unwrap_or(model);
        let pooled = out.entry((benchmark.clone(), model.clone())).or_default();
        for (id, counts) in problems {
            pooled.entry(id.clone()).or_default().add(*counts);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::parse_file;

    #[test]
    fn renaming_two_models_into_one_pools_them() {
        let text = "{\"model\": \"a\", \"idx\": 0, \"n\": 2, \"c\": 1}\n\
                    {\"model\": \"b\", \"idx\": 0, \"n\": 2, \"c\": 2}\n\
                    {\"model\": \"c\", \"idx\": 1, \"n\": 4, \"c\": 0}\n";
        let f = parse_file("m.jsonl", text);
        let none = BTreeMap::new();
        assert_eq!(renamed(&f.counts, &none), f.counts);
        let renames: BTreeMap<String, String> = [("a", "r@0"), ("b", "r@0")]
            .map(|(x, y)| (x.to_owned(), y.to_owned()))
            .into();
        let table = renamed(&f.counts, &renames);
        let keys: Vec<&str> = table.keys().map(|(_, m)| m.as_str()).collect();
        assert_eq!(keys, ["r@0", "c"]);
        assert_eq!(table[0]["0"], crate::counts::Counts { n: 4, c: 3 });
    }

    #[test]
    fn checkpoints_are_named_run_at_step() {
        assert_eq!(checkpoint_of("grpo@200"), Some(("grpo", 200)));
        assert_eq!(checkpoint_of("a@b@7"), Some(("a@b", 7)));
        assert_eq!(checkpoint_of("user@example.com"), None);
        assert_eq!(checkpoint_of("@5"), None);
        assert_eq!(checkpoint_of("plain"), None);
    }

    #[test]
    fn a_run_sharpening_over_training() {
        // Steps 0, 50, 100 (given out of order): pass@1 rises, what is solved at all shrinks.
        let line = |m: &str, p: usize, c: u64| {
            format!("{{\"model\": \"{m}\", \"problem_id\": \"p{p}\", \"n\": 8, \"c\": {c}}}\n")
        };
        let mut text = String::new();
        for (step, cs) in [(100, [8, 8, 0, 0]), (0, [4, 3, 1, 1]), (50, [6, 6, 1, 0])] {
            for (p, c) in cs.iter().enumerate() {
                text += &line(&format!("grpo@{step}"), p, *c);
            }
        }
        text += &line("lonely@3", 0, 1);
        let ds = Dataset::from_files([&parse_file("run.jsonl", &text)]);
        let runs = run_series(&ds, &ds.curves(), "all");
        assert_eq!(runs.len(), 1, "a run of one checkpoint is no series");
        let r = &runs[0];
        assert_eq!((r.run.as_str(), r.k), ("grpo", 8));
        let steps: Vec<u64> = r.points.iter().map(|p| p.step).collect();
        assert_eq!(steps, [0, 50, 100]);
        let p1: Vec<f64> = r.points.iter().map(|p| p.pass_at_1).collect();
        assert_eq!(p1, [9.0 / 32.0, 13.0 / 32.0, 16.0 / 32.0]);
        let pk: Vec<f64> = r.points.iter().map(|p| p.pass_at_k).collect();
        assert_eq!(pk, [1.0, 0.75, 0.5]);
        // Δ_SE against step 0: pass@8(step 0) − pass@1(step).
        assert_eq!(r.points[2].delta_se, 1.0 - 0.5);
        assert_eq!(r.points[2].lost, ["p2", "p3"]);
        assert!(r.points[2].gained.is_empty());
        assert_eq!(r.points[1].lost, ["p3"]);
        assert!(r.points[0].lost.is_empty() && r.points[0].crossover.is_none());
        assert!(r.points[2].crossover.is_some());
    }
}
