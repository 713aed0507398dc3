//! The measures that came after pass@k, each exact: the Bayesian pass@k under a Beta(1, 1)
//! prior (Hariri et al., "Don't Pass@k"), which extends beyond the n sampled; cover@τ, the
//! share of problems whose success rate reaches τ (Dragoi et al.); and the exact McNemar test
//! of "one model solves problems the other cannot" at each model's full n.

use crate::counts::{Counts, Problems};
use serde::{Deserialize, Serialize};

/// The posterior mean of 1 − (1 − p)^k under a Beta(1, 1) prior updated with c successes in
/// n samples: 1 − Π_{j=0}^{k−1} (n − c + 1 + j) / (n + 2 + j). Defined for every k ≥ 0, also
/// beyond n (it is an estimate, never the unbiased estimator's value).
///
/// ```
/// use passk_lens_core::stats::metrics::bayes_pass_at_k;
/// // n = 2, c = 1, k = 1: 1 − 2/4 = 1/2; k = 3: 1 − (2·3·4)/(4·5·6) = 4/5.
/// assert!((bayes_pass_at_k(2, 1, 1) - 0.5).abs() < 1e-15);
/// assert!((bayes_pass_at_k(2, 1, 3) - 0.8).abs() < 1e-15);
/// ```
pub fn bayes_pass_at_k(n: u64, c: u64, k: u64) -> f64 {
    bayes_curve(n, c, k as usize).last().copied().unwrap_or(0.0)
}

/// `bayes_pass_at_k(n, c, k)` for k = 1 …= `k_max`, in O(k_max).
pub fn bayes_curve(n: u64, c: u64, k_max: usize) -> Vec<f64> {
    let (n, c) = (n as f64, c.min(n) as f64);
    let mut none = 1.0;
    (0..k_max)
        .map(|j| {
            let j = j as f64;
            none *= (n - c + 1.0 + j) / (n + 2.0 + j);
            1.0 - none
        })
        .collect()
}

/// The mean Bayesian pass@k of a model's problems, k = 1 …= `k_max`.
pub fn mean_bayes_curve(problems: &Problems, k_max: usize) -> Vec<f64> {
    let mut sum = vec![0.0; k_max];
    for c in problems.values() {
        for (s, v) in sum.iter_mut().zip(bayes_curve(c.n, c.c, k_max)) {
            *s += v;
        }
    }
    let count = problems.len().max(1) as f64;
    sum.iter().map(|s| s / count).collect()
}

/// The share of problems with c/n ≥ τ, for each τ of `taus` (empty problems count as 0).
///
/// ```
/// use passk_lens_core::stats::metrics::cover_at;
/// use passk_lens_core::counts::{Counts, Problems};
/// let mut p = Problems::new();
/// p.insert("a".into(), Counts { n: 4, c: 4 });
/// p.insert("b".into(), Counts { n: 4, c: 1 });
/// assert_eq!(cover_at(&p, &[0.0, 0.25, 0.5, 1.0]), [1.0, 1.0, 0.5, 0.5]);
/// ```
pub fn cover_at(problems: &Problems, taus: &[f64]) -> Vec<f64> {
    let count = problems.len().max(1) as f64;
    taus.iter()
        .map(|&tau| {
            let reached = problems
                .values()
                .filter(|c| c.n > 0 && (c.c as f64) >= tau * c.n as f64)
                .count();
            reached as f64 / count
        })
        .collect()
}

/// The exact McNemar test at each model's full n, over the problems both models have: the
/// problems only one of them solves (c > 0 for one, c = 0 for the other), and the two-sided
/// exact p-value of so lopsided a split under "either is as likely" (a binomial test).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct McNemar {
    pub only_base: usize,
    pub only_model: usize,
    pub p: f64,
}

/// McNemar's exact test of `base` against `model`.
///
/// ```
/// use passk_lens_core::stats::metrics::mcnemar_p;
/// // The MATH500 pair: 19 problems only the base solves, 3 only the RL model: p ≈ 0.00086.
/// let p = mcnemar_p(19, 3);
/// assert!((p - 2.0 * 1794.0 / 4194304.0).abs() < 1e-15);
/// ```
pub fn mcnemar(base: &Problems, model: &Problems) -> McNemar {
    let solved = |c: &Counts| c.c > 0;
    let (mut only_base, mut only_model) = (0, 0);
    for (id, b) in base {
        if let Some(m) = model.get(id) {
            match (solved(b), solved(m)) {
                (true, false) => only_base += 1,
                (false, true) => only_model += 1,
                _ => {}
            }
        }
    }
    McNemar {
        only_base,
        only_model,
        p: mcnemar_p(only_base, only_model),
    }
}

/// The two-sided exact p-value of a split (b, c) of discordant pairs: 2 · P(X ≤ min(b, c)),
/// X ~ Binomial(b + c, ½), capped at 1 (1 when there is no discordant pair).
pub fn mcnemar_p(b: usize, c: usize) -> f64 {
    let n = b + c;
    if n == 0 {
        return 1.0;
    }
    // Terms C(n, i) / 2^n in logs, so that n in the thousands neither overflows nor underflows
    // before the sum.
    let ln_half_n = -(n as f64) * std::f64::consts::LN_2;
    let mut ln_choose = 0.0; // ln C(n, 0)
    let mut tail = 0.0;
    for i in 0..=b.min(c) {
        if i > 0 {
            ln_choose += ((n - i + 1) as f64).ln() - (i as f64).ln();
        }
        tail += (ln_choose + ln_half_n).exp();
    }
    (2.0 * tail).min(1.0)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use num_rational::BigRational;
    use num_traits::{One, ToPrimitive, Zero};

    #[test]
    fn the_bayesian_estimate_equals_rational_arithmetic_within_and_beyond_n() {
        for n in [1u64, 2, 5, 16, 64] {
            for c in (0..=n).step_by(if n > 16 { 7 } else { 1 }) {
                let curve = bayes_curve(n, c, 4 * n as usize);
                // Π_{j<k} (n − c + 1 + j) / (n + 2 + j), exactly, one factor per k.
                let mut none = BigRational::one();
                for k in 1..=4 * n {
                    let j = k - 1;
                    none *= BigRational::new((n - c + 1 + j).into(), (n + 2 + j).into());
                    let exact = (BigRational::one() - none.clone()).to_f64().unwrap();
                    let got = curve[k as usize - 1];
                    assert!(
                        (got - exact).abs() <= 1e-14,
                        "n={n} c={c} k={k}: {got} vs {exact}"
                    );
                }
            }
        }
        // It is a posterior mean: with every sample correct it is below 1, with none above 0.
        assert!(bayes_pass_at_k(10, 10, 1) < 1.0 && bayes_pass_at_k(10, 0, 1) > 0.0);
    }

    /// The exact test by brute force: every split of n discordant pairs, two-sided.
    fn brute_p(b: usize, c: usize) -> f64 {
        let n = b + c;
        let mut total = BigRational::zero();
        let mut choose = BigRational::one();
        let lo = b.min(c);
        for i in 0..=n {
            if i > 0 {
                choose *= BigRational::new((n - i + 1).into(), i.into());
            }
            if i <= lo || i >= n - lo {
                total += choose.clone();
            }
        }
        let p = (total / BigRational::new(num_bigint::BigInt::from(2u8).pow(n as u32), 1.into()))
            .to_f64()
            .unwrap();
        p.min(1.0)
    }

    #[test]
    fn mcnemar_matches_enumeration_and_the_published_pair() {
        for b in 0..30 {
            for c in 0..30 {
                let (got, want) = (mcnemar_p(b, c), brute_p(b, c));
                assert!(
                    (got - want).abs() <= 1e-12 * want.max(1e-300) + 1e-15,
                    "{b} {c}: {got} vs {want}"
                );
            }
        }
        let p = mcnemar_p(19, 3);
        assert!((p - 0.000855).abs() < 1e-6, "{p}");
        // Thousands of discordant problems stay finite and in [0, 1].
        let p = mcnemar_p(5000, 4800);
        assert!(p > 0.0 && p < 1.0, "{p}");
    }
}
