//! Synthetic benchmarks drawn from known per-problem success rates: for benchmarks, for
//! simulation tests, and for showing what sharpening does without real data.

use crate::counts::{Counts, Problems};
use crate::stats::rng::SplitMix64;

/// A Beta(a, b) draw for a, b ≤ 1 (Jöhnk's method: exact, and fast for the U-shaped rates that
/// benchmarks have — many problems almost always or almost never solved).
pub fn beta_small(rng: &mut SplitMix64, a: f64, b: f64) -> f64 {
    loop {
        let x = rng.unit().powf(1.0 / a);
        let y = rng.unit().powf(1.0 / b);
        if x + y <= 1.0 && x + y > 0.0 {
            return x / (x + y);
        }
    }
}

/// `n_problems` problems with `n` samples each, success rates from Beta(a, b) and correct
/// counts from Binomial(n, rate). Deterministic for a seed.
pub fn problems(n_problems: usize, n: u64, a: f64, b: f64, seed: u64) -> Problems {
    let mut rng = SplitMix64::new(seed);
    (0..n_problems)
        .map(|i| {
            let p = beta_small(&mut rng, a, b);
            let c = (0..n).filter(|_| rng.unit() < p).count() as u64;
            (i.to_string(), Counts { n, c })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beta_has_the_right_mean() {
        let mut rng = SplitMix64::new(1);
        let mean = (0..20_000)
            .map(|_| beta_small(&mut rng, 0.5, 0.25))
            .sum::<f64>()
            / 20_000.0;
        assert!((mean - 0.5 / 0.75).abs() < 0.01, "{mean}");
    }

    #[test]
    fn problems_are_deterministic_and_valid() {
        let a = problems(100, 32, 0.5, 0.5, 9);
        assert_eq!(a, problems(100, 32, 0.5, 0.5, 9));
        assert!(a.values().all(|c| c.n == 32 && c.c <= 32));
        assert!(a.values().any(|c| c.c == 0) && a.values().any(|c| c.c == 32));
    }
}
