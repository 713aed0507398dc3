//! The sharpening simulator: why RL that only sharpens the base model's distribution wins at
//! k = 1 and loses at large k, with no data at all.
//!
//! # Model
//! Each problem i has a base success rate p_i (from Beta(a, b), or a loaded base model's c/n).
//! RL sharpens it around a pivot τ: the odds p / (1 − p) become (odds / odds_τ)^γ · odds_τ, i.e.
//! p ↦ p^γ / (p^γ + (1 − p)^γ · (τ / (1 − τ))^(γ − 1)). At τ = ½ this is the symmetric
//! p^γ / (p^γ + (1 − p)^γ); γ > 1 pushes rates above τ up and rates below τ down, keeping 0
//! and 1. RL also loses a fraction of the problems the base model solves least often (their
//! rate becomes 0). With infinitely many samples per problem the expected pass@k is exact:
//! pass@k = mean_i 1 − (1 − p_i)^k.
//!
//! ```
//! use passk_lens_core::explain::simulate::sharpen;
//! assert_eq!(sharpen(0.5, 3.0, 0.5), 0.5);
//! assert!((sharpen(0.8, 2.0, 0.5) - 0.64 / 0.68).abs() < 1e-15);
//! assert!((sharpen(0.2, 2.0, 0.2) - 0.2).abs() < 1e-15);
//! assert_eq!((sharpen(0.0, 2.0, 0.1), sharpen(1.0, 2.0, 0.1)), (0.0, 1.0));
//! ```

use super::synth::beta_small;
use crate::stats::compare::crossover;
use crate::stats::rng::SplitMix64;

/// RL's sharpening of one success rate around the pivot τ.
pub fn sharpen(p: f64, gamma: f64, pivot: f64) -> f64 {
    if p <= 0.0 || p >= 1.0 {
        return p.clamp(0.0, 1.0);
    }
    let odds = (pivot / (1.0 - pivot)).powf(gamma - 1.0);
    let (x, y) = (p.powf(gamma), (1.0 - p).powf(gamma) * odds);
    x / (x + y)
}

/// `n` success rates drawn from Beta(a, b), deterministic for a seed.
pub fn beta_rates(n: usize, a: f64, b: f64, seed: u64) -> Vec<f64> {
    let mut rng = SplitMix64::new(seed);
    (0..n).map(|_| beta_small(&mut rng, a, b)).collect()
}

/// The RL model's rates: every base rate sharpened, then the `lost` fraction of the problems
/// the base model solves (p > 0), those with the lowest rates, set to 0.
pub fn rl_rates(base: &[f64], gamma: f64, pivot: f64, lost: f64) -> Vec<f64> {
    let mut rl: Vec<f64> = base.iter().map(|&p| sharpen(p, gamma, pivot)).collect();
    let mut solved: Vec<usize> = (0..base.len()).filter(|&i| base[i] > 0.0).collect();
    solved.sort_by(|&i, &j| base[i].total_cmp(&base[j]));
    let drop = (lost.clamp(0.0, 1.0) * solved.len() as f64).round() as usize;
    for &i in &solved[..drop] {
        rl[i] = 0.0;
    }
    rl
}

/// Expected pass@k = mean_i 1 − (1 − p_i)^k for k = 1 ..= k_max.
pub fn pass_at_k(rates: &[f64], k_max: usize) -> Vec<f64> {
    let mut fail: Vec<f64> = vec![1.0; rates.len()];
    let n = rates.len().max(1) as f64;
    (0..k_max)
        .map(|_| {
            let mut sum = 0.0;
            for (f, &p) in fail.iter_mut().zip(rates) {
                *f *= 1.0 - p;
                sum += 1.0 - *f;
            }
            sum / n
        })
        .collect()
}

/// One run of the simulator.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub base: Vec<f64>,
    pub rl: Vec<f64>,
    /// The smallest k at which the base model catches up, when RL leads at k = 1.
    pub crossover: Option<usize>,
    /// Share of problems each model solves with enough samples (p > 0).
    pub coverage: (f64, f64),
}

/// RL as the simulator models it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rl {
    /// Sharpening strength γ (1: none).
    pub gamma: f64,
    /// The rate that sharpening leaves in place (½: symmetric).
    pub pivot: f64,
    /// Share of the solved problems, the least often solved, that RL no longer solves.
    pub lost: f64,
}

/// Runs the simulator on base rates with RL as given, up to `k_max`.
pub fn simulate(base_rates: &[f64], rl: Rl, k_max: usize) -> Simulation {
    let rl_rates = rl_rates(base_rates, rl.gamma, rl.pivot, rl.lost);
    let base = pass_at_k(base_rates, k_max);
    let rl = pass_at_k(&rl_rates, k_max);
    let share = |r: &[f64]| r.iter().filter(|&&p| p > 0.0).count() as f64 / r.len().max(1) as f64;
    Simulation {
        crossover: crossover(&base, &rl),
        coverage: (share(base_rates), share(&rl_rates)),
        base,
        rl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_at_k_of_one_rate_is_the_closed_form() {
        let curve = pass_at_k(&[0.25], 4);
        for (k, v) in curve.iter().enumerate() {
            let exact = 1.0 - 0.75f64.powi(k as i32 + 1);
            assert!((v - exact).abs() < 1e-15, "k = {}", k + 1);
        }
    }

    #[test]
    fn sharpening_wins_at_one_and_loses_at_large_k() {
        // U-shaped base rates, as on real benchmarks; RL sharpens around a low pivot and loses
        // 10 % of the hardest solved problems.
        let base = beta_rates(500, 0.5, 0.35, 3);
        let rl = Rl {
            gamma: 2.0,
            pivot: 0.05,
            lost: 0.1,
        };
        let sim = simulate(&base, rl, 1024);
        assert!(
            sim.rl[0] - sim.base[0] > 0.1,
            "{} vs {}",
            sim.rl[0],
            sim.base[0]
        );
        assert!(sim.rl[0] > sim.base[0], "RL ahead at k = 1");
        assert!(sim.base[1023] > sim.rl[1023], "base ahead at k = 1024");
        let k = sim.crossover.expect("the curves cross");
        assert!(sim.base[k - 1] >= sim.rl[k - 1] && sim.base[k - 2] < sim.rl[k - 2]);
        assert!(k >= 8, "a late crossing, as on MATH500: {k}");
        // Symmetric sharpening (the pivot at ½) crosses early.
        let symmetric = simulate(&base, Rl { pivot: 0.5, ..rl }, 1024);
        assert!(symmetric.crossover.unwrap() < k);
        assert!((sim.coverage.0 - 1.0).abs() < 1e-12);
        assert!((sim.coverage.1 - 0.9).abs() < 1e-12);
    }

    #[test]
    fn no_sharpening_and_no_loss_changes_nothing() {
        let base = beta_rates(200, 0.7, 0.9, 5);
        let rl = Rl {
            gamma: 1.0,
            pivot: 0.05,
            lost: 0.0,
        };
        let sim = simulate(&base, rl, 64);
        for (b, r) in sim.base.iter().zip(&sim.rl) {
            assert!((b - r).abs() < 1e-12);
        }
        assert_eq!(sim.crossover, None);
    }
}
