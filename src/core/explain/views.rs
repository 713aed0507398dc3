//! Data behind the explanatory charts: coverage as k grows, and per-problem success rates of
//! the base model against another model.

use crate::counts::Problems;
use crate::stats::estimator::{pass_at_k_curve_with, reciprocals};
use serde::{Deserialize, Serialize};

/// Expected problems solved as k grows, over the problems every model has.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CoverageCurves {
    /// The models, in model order.
    pub models: Vec<String>,
    /// Problems every model has.
    pub n_common: usize,
    /// `solved[m][k − 1]`: expected problems model m solves with k samples each.
    pub solved: Vec<Vec<f64>>,
    /// `only[m][k − 1]`: expected problems only model m solves (every other model fails).
    pub only: Vec<Vec<f64>>,
}

/// Coverage curves for k = 1 ..= K, K the largest n among the common problems; a problem's k is
/// capped at its n (its pass@k stays at pass@n beyond it).
///
/// # Formula
/// solved_m(k) = Σ_problems p_m(k); only_m(k) = Σ_problems p_m(k) · Π_{j≠m} (1 − p_j(k)).
pub fn coverage_curves(models: &[(String, &Problems)]) -> CoverageCurves {
    let names: Vec<String> = models.iter().map(|(n, _)| n.clone()).collect();
    let m = models.len();
    let common: Vec<&str> = match models.first() {
        Some((_, first)) => first
            .keys()
            .map(String::as_str)
            .filter(|id| models.iter().all(|(_, p)| p.contains_key(*id)))
            .collect(),
        None => Vec::new(),
    };
    let k_max = common
        .iter()
        .flat_map(|id| models.iter().map(move |(_, p)| p[*id].n))
        .max()
        .unwrap_or(0) as usize;
    // `curves[i * k_max + k − 1]` is model i at k; the sums are k-major (`[(k − 1) * m + i]`),
    // so that each k's updates are adjacent in memory (model-major, each k touched M cache
    // lines far apart).
    let mut curves = vec![0.0; m * k_max];
    let mut solved = vec![0.0; m * k_max];
    let mut only = vec![0.0; m * k_max];
    // Π_{j<i} (1 − p_j(k)) at one k.
    let mut before = vec![0.0; m];
    // Problems with the same counts under every model add the same terms: each distinct tuple
    // of counts is computed once and added times its count (a benchmark at n = 128 has at
    // most 129 distinct counts per model, and many problems never or always solved).
    let mut tuples: indexmap::IndexMap<Vec<(u64, u64)>, f64> = indexmap::IndexMap::new();
    for id in &common {
        let key = models.iter().map(|(_, p)| (p[*id].n, p[*id].c)).collect();
        *tuples.entry(key).or_default() += 1.0;
    }
    let mut inverse: (u64, Vec<f64>) = (0, Vec::new());
    for (tuple, &times) in &tuples {
        for (curve, &(n, c)) in curves.chunks_exact_mut(k_max.max(1)).zip(tuple) {
            let len = (n as usize).min(k_max);
            if inverse.0 != n {
                inverse = (n, reciprocals(n, len.max(1)));
            }
            let (head, tail) = curve.split_at_mut(len);
            pass_at_k_curve_with(n, c, &inverse.1, head);
            let last = head.last().copied().unwrap_or(0.0);
            tail.fill(last);
        }
        for k in 0..k_max {
            // Π_{j≠i} (1 − p_j) as the product of the models before i and of those after it
            // (no division, so a p_j of exactly 1 is no trouble): O(M) per k, not O(M²).
            let mut product = 1.0;
            for (i, b) in before.iter_mut().enumerate() {
                *b = product;
                product *= 1.0 - curves[i * k_max + k];
            }
            let mut after = 1.0;
            for i in (0..m).rev() {
                let p = curves[i * k_max + k];
                solved[k * m + i] += times * p;
                only[k * m + i] += times * p * (before[i] * after);
                after *= 1.0 - p;
            }
        }
    }
    let per_model = |x: Vec<f64>| -> Vec<Vec<f64>> {
        (0..m)
            .map(|i| x.iter().skip(i).step_by(m.max(1)).copied().collect())
            .collect()
    };
    CoverageCurves {
        models: names,
        n_common: common.len(),
        solved: per_model(solved),
        only: per_model(only),
    }
}

/// One problem in the per-problem view: success rates c/n of the base model and another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProblemPoint {
    pub id: String,
    pub base: f64,
    pub model: f64,
}

impl ProblemPoint {
    /// The base model solved it sometimes, the other model never: a problem lost.
    pub fn lost(&self) -> bool {
        self.base > 0.0 && self.model == 0.0
    }

    /// The other model solved it sometimes, the base never: a problem gained.
    pub fn gained(&self) -> bool {
        self.base == 0.0 && self.model > 0.0
    }
}

/// The problems both models have, with their success rates.
pub fn problem_points(base: &Problems, model: &Problems) -> Vec<ProblemPoint> {
    base.iter()
        .filter_map(|(id, b)| {
            let m = model.get(id)?;
            Some(ProblemPoint {
                id: id.clone(),
                base: b.c as f64 / b.n as f64,
                model: m.c as f64 / m.n as f64,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counts::problems_of as problems;

    #[test]
    fn coverage_curves_at_k_equal_n_are_the_exact_sets() {
        let a = problems(&[("1", 4, 1), ("2", 4, 0), ("3", 4, 4), ("4", 4, 0)]);
        let b = problems(&[("1", 4, 2), ("2", 4, 3), ("3", 4, 0), ("4", 4, 0)]);
        let cc = coverage_curves(&[("a".into(), &a), ("b".into(), &b)]);
        assert_eq!((cc.n_common, cc.solved[0].len()), (4, 4));
        assert_eq!((cc.solved[0][3], cc.solved[1][3]), (2.0, 2.0));
        assert_eq!((cc.only[0][3], cc.only[1][3]), (1.0, 1.0));
        // k = 1: a solves problem 1 with 1/4 and 3 surely; only-a = 1/4·(1 − 1/2) + 1·1.
        assert_eq!(cc.only[0][0], 0.25 * 0.5 + 1.0);
    }

    #[test]
    fn only_curves_match_the_product_over_the_other_models() {
        let counts = [
            [(8, 1), (8, 3), (8, 0), (8, 8), (8, 5)],
            [(8, 0), (8, 2), (8, 7), (8, 1), (8, 4)],
            [(8, 6), (8, 0), (8, 2), (8, 3), (8, 8)],
            [(8, 2), (8, 2), (8, 2), (8, 0), (8, 1)],
        ];
        let ids = ["1", "2", "3", "4", "5"];
        let sets: Vec<Problems> = counts
            .iter()
            .map(|row| {
                let rows: Vec<(&str, u64, u64)> = ids
                    .iter()
                    .zip(row)
                    .map(|(id, &(n, c))| (*id, n, c))
                    .collect();
                problems(&rows)
            })
            .collect();
        let models: Vec<(String, &Problems)> = sets
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("m{i}"), p))
            .collect();
        let cc = coverage_curves(&models);
        // The definition, term by term: Σ_problems p_i(k) · Π_{j≠i} (1 − p_j(k)).
        let p = |m: usize, id: usize, k: usize| {
            let (n, c) = counts[m][id];
            crate::stats::estimator::pass_at_k(n, c, k as u64)
        };
        for k in 1..=8 {
            for i in 0..4 {
                let expected: f64 = (0..5)
                    .map(|id| {
                        p(i, id, k)
                            * (0..4)
                                .filter(|&j| j != i)
                                .map(|j| 1.0 - p(j, id, k))
                                .product::<f64>()
                    })
                    .sum();
                assert!(
                    (cc.only[i][k - 1] - expected).abs() < 1e-12,
                    "model {i}, k = {k}"
                );
            }
        }
    }

    #[test]
    fn no_models_or_no_common_problems_give_empty_curves() {
        let none = coverage_curves(&[]);
        assert_eq!((none.n_common, none.solved.len()), (0, 0));
        let a = problems(&[("1", 4, 1)]);
        let b = problems(&[("2", 4, 2)]);
        let apart = coverage_curves(&[("a".into(), &a), ("b".into(), &b)]);
        assert_eq!(apart.n_common, 0);
        assert_eq!(apart.only, vec![Vec::<f64>::new(); 2]);
        let zero = problems(&[("1", 0, 0)]);
        let empty = coverage_curves(&[("a".into(), &zero), ("b".into(), &zero)]);
        assert_eq!(
            (empty.n_common, empty.solved, empty.only),
            (1, vec![vec![]; 2], vec![vec![]; 2])
        );
    }

    #[test]
    fn lost_and_gained() {
        let a = problems(&[("1", 4, 1), ("2", 4, 0), ("3", 4, 0)]);
        let b = problems(&[("1", 8, 0), ("2", 8, 2), ("3", 8, 0)]);
        let pts = problem_points(&a, &b);
        let flags: Vec<(bool, bool)> = pts.iter().map(|p| (p.lost(), p.gained())).collect();
        assert_eq!(flags, [(true, false), (false, true), (false, false)]);
        assert_eq!(pts[1].model, 0.25);
    }
}

/// Bins of the accuracy histogram: never solved, ten shares of (0, 1) — (0, 0.1], (0.1, 0.2],
/// …, (0.9, 1) — and always solved.
pub const ACCURACY_BINS: usize = 12;

/// The labels of the bins, in order.
pub const ACCURACY_LABELS: [&str; ACCURACY_BINS] = [
    "0", "≤.1", "≤.2", "≤.3", "≤.4", "≤.5", "≤.6", "≤.7", "≤.8", "≤.9", "<1", "1",
];

/// The bin of a problem with c of n samples correct (exact integer arithmetic: c/n = 0.1
/// falls in (0, 0.1]).
///
/// ```
/// use passk_lens_core::explain::views::accuracy_bin;
/// assert_eq!([accuracy_bin(0, 8), accuracy_bin(1, 10), accuracy_bin(2, 10), accuracy_bin(9, 10)], [0, 1, 2, 9]);
/// assert_eq!([accuracy_bin(127, 128), accuracy_bin(128, 128), accuracy_bin(1, 1024)], [10, 11, 1]);
/// assert_eq!(accuracy_bin(u64::MAX - 1, u64::MAX), 10);
/// ```
pub fn accuracy_bin(c: u64, n: u64) -> usize {
    if c == 0 || n == 0 {
        0
    } else if c >= n {
        ACCURACY_BINS - 1
    } else {
        // ⌈10 c / n⌉ is 1 … 10 for 0 < c < n (in u128: no count overflows it).
        ((10 * u128::from(c)).div_ceil(u128::from(n)) as usize).clamp(1, ACCURACY_BINS - 2)
    }
}

/// One model's problems by success rate c/n: the ids in each bin, in problem order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Accuracy {
    pub model: String,
    pub model_index: usize,
    pub bins: Vec<Vec<String>>,
}

/// The accuracy histogram of `models` (name, palette index, problems).
pub fn accuracy(models: &[(String, usize, &Problems)]) -> Vec<Accuracy> {
    models
        .iter()
        .map(|(name, index, problems)| {
            let mut bins = vec![Vec::new(); ACCURACY_BINS];
            for (id, c) in problems.iter() {
                bins[accuracy_bin(c.c, c.n)].push(id.clone());
            }
            Accuracy {
                model: name.clone(),
                model_index: *index,
                bins,
            }
        })
        .collect()
}
