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

/// The extracted answers of `problems`: each problem's correct samples give one answer, its
/// wrong samples up to `wrong_answers` others with Zipf weights (1, ½, ⅓, …), as a model that
/// concentrates on a few wrong answers does. Deterministic for a seed; for maj@k benchmarks.
pub fn answers(problems: &Problems, wrong_answers: usize, seed: u64) -> Vec<Vec<(String, Counts)>> {
    let mut rng = SplitMix64::new(seed);
    let weights: Vec<f64> = (1..=wrong_answers.max(1)).map(|i| 1.0 / i as f64).collect();
    let total: f64 = weights.iter().sum();
    problems
        .values()
        .map(|counts| {
            let mut out = Vec::new();
            if counts.c > 0 {
                out.push((
                    "right".to_owned(),
                    Counts {
                        n: counts.c,
                        c: counts.c,
                    },
                ));
            }
            let mut wrong = vec![0u64; weights.len()];
            for _ in 0..counts.n - counts.c {
                let mut u = rng.unit() * total;
                let pick = weights
                    .iter()
                    .position(|w| {
                        u -= w;
                        u < 0.0
                    })
                    .unwrap_or(weights.len() - 1);
                wrong[pick] += 1;
            }
            out.extend(
                wrong
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(i, &n)| (format!("wrong{i}"), Counts { n, c: 0 })),
            );
            out
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
    fn answers_add_up_to_the_counts() {
        let p = problems(50, 64, 0.5, 0.5, 3);
        let a = answers(&p, 49, 4);
        for (counts, answers) in p.values().zip(&a) {
            assert_eq!(answers.iter().map(|(_, c)| c.n).sum::<u64>(), counts.n);
            assert_eq!(answers.iter().map(|(_, c)| c.c).sum::<u64>(), counts.c);
            assert!(answers.len() <= 50);
        }
    }

    #[test]
    fn problems_are_deterministic_and_valid() {
        let a = problems(100, 32, 0.5, 0.5, 9);
        assert_eq!(a, problems(100, 32, 0.5, 0.5, 9));
        assert!(a.values().all(|c| c.n == 32 && c.c <= 32));
        assert!(a.values().any(|c| c.c == 0) && a.values().any(|c| c.c == 32));
    }
}
