//! Base model versus each other model: the sampling-efficiency gap Δ_SE, where the curves
//! cross, and paired bootstrap intervals of their difference.

use super::bootstrap::paired_difference;
use super::dataset::ModelCurve;
use super::estimator::pass_at_k;
use super::metrics::{mcnemar, McNemar};
use super::rng::seed_of;
use crate::counts::{Interval, Problems};
use serde::{Deserialize, Serialize};

/// The paper's k for Δ_SE (Yue et al., 2025): pass@256 of the base model.
pub const DELTA_SE_K: usize = 256;

/// The default base model: the first whose name contains "base" (any case), else the first.
///
/// ```
/// use passk_lens_core::stats::compare::default_base;
/// assert_eq!(default_base(["rl-ppo", "Qwen-Base", "base2"]), 1);
/// assert_eq!(default_base(["a", "b"]), 0);
/// ```
pub fn default_base<'a>(models: impl IntoIterator<Item = &'a str>) -> usize {
    models
        .into_iter()
        .position(|m| m.to_lowercase().contains("base"))
        .unwrap_or(0)
}

/// A difference base − model at one k, with its paired 95 % bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PairedDiff {
    pub k: usize,
    pub mean: f64,
    pub ci: Interval,
}

/// How a model compares with the base model on one benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub benchmark: String,
    pub base: String,
    pub model: String,
    /// K of Δ_SE: min(256, the largest k both curves have).
    pub k_se: usize,
    /// Δ_SE = pass@K(base) − pass@1(model).
    pub delta_se: f64,
    /// The smallest k with pass@k(base) ≥ pass@k(model), when the model is ahead at k = 1.
    pub crossover: Option<usize>,
    /// Problems both models have (the paired comparison's sample).
    pub n_paired: usize,
    /// base − model at k = 1 and at k = K over the paired problems.
    pub diff_at_1: PairedDiff,
    pub diff_at_k: PairedDiff,
    /// Δ_SE over the paired problems, pass@K(base) − pass@1(model) per problem, with its
    /// paired 95 % interval (equal to `delta_se` when both models have the same problems).
    pub delta_se_paired: PairedDiff,
    /// The exact McNemar test at each model's full n: problems only one of the two solves.
    pub mcnemar: McNemar,
}

/// The smallest k ≥ 1 at which `base` catches up with `model`, if `model` starts ahead.
///
/// ```
/// use passk_lens_core::stats::compare::crossover;
/// assert_eq!(crossover(&[0.5, 0.7, 0.9], &[0.6, 0.7, 0.8]), Some(2));
/// assert_eq!(crossover(&[0.7, 0.8], &[0.6, 0.9]), None);
/// ```
pub fn crossover(base: &[f64], model: &[f64]) -> Option<usize> {
    if model.first()? <= base.first()? {
        return None;
    }
    base.iter()
        .zip(model)
        .position(|(b, m)| b >= m)
        .map(|i| i + 1)
}

/// pass@`kb`(base) − pass@`km`(model) over the problems both have, with its paired bootstrap
/// interval; `k` of the result is `kb`.
fn paired(
    base: &Problems,
    model: &Problems,
    (kb, km): (usize, usize),
    seed: u64,
) -> (usize, PairedDiff) {
    let diffs: Vec<f64> = base
        .iter()
        .filter_map(|(id, b)| model.get(id).map(|m| (b, m)))
        .map(|(b, m)| pass_at_k(b.n, b.c, kb as u64) - pass_at_k(m.n, m.c, km as u64))
        .collect();
    let k = kb;
    let mean = diffs.iter().sum::<f64>() / diffs.len().max(1) as f64;
    (
        diffs.len(),
        PairedDiff {
            k,
            mean,
            ci: paired_difference(&diffs, seed),
        },
    )
}

/// Compares `model` with `base` on one benchmark. Returns `None` when either curve is empty.
pub fn compare(
    base: (&ModelCurve, &Problems),
    model: (&ModelCurve, &Problems),
) -> Option<Comparison> {
    let (bc, bp) = base;
    let (mc, mp) = model;
    let common = bc.k_max().min(mc.k_max());
    if common == 0 {
        return None;
    }
    let k_se = DELTA_SE_K.min(common);
    let seed = seed_of(&[&bc.benchmark, &bc.model, &mc.model]);
    let (n_paired, diff_at_1) = paired(bp, mp, (1, 1), seed);
    let (_, diff_at_k) = paired(bp, mp, (k_se, k_se), seed);
    let (_, delta_se_paired) = paired(bp, mp, (k_se, 1), seed);
    Some(Comparison {
        benchmark: bc.benchmark.clone(),
        base: bc.model.clone(),
        model: mc.model.clone(),
        k_se,
        delta_se: bc.pass_at_k[k_se - 1] - mc.pass_at_k[0],
        crossover: crossover(&bc.pass_at_k[..common], &mc.pass_at_k[..common]),
        n_paired,
        diff_at_1,
        diff_at_k,
        delta_se_paired,
        mcnemar: mcnemar(bp, mp),
    })
}
