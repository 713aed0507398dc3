//! 95 % percentile bootstrap bands over problems for a model's whole pass@k curve, and the
//! paired bootstrap of a difference between two models on the same resampled problems.
//!
//! # Method
//! Each replicate draws N problems with replacement (multiplicities w_i, Σ w_i = N) and takes
//! the weighted mean Σ w_i · P_ik / N of the per-problem curve matrix P. Doing this for every k
//! would cost B · N · K; instead the replicates are evaluated on a grid of k — every k up to 16,
//! then four points per octave, and K itself — and the 2.5 % / 97.5 % quantiles are interpolated
//! linearly in log k between grid points (exact at the grid points). Seeded: the same data
//! always gives the same bands.

use super::dataset::{Counts, Problems};
use super::estimator::add_pass_at_k_curve;
use super::rng::SplitMix64;

/// Bootstrap replicates.
pub const REPLICATES: usize = 1000;
/// Two-sided coverage of the bands.
pub const LEVEL: f64 = 0.95;

/// A 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// The k grid on which replicates are evaluated for a curve of length `k_max`.
pub fn k_grid(k_max: usize) -> Vec<usize> {
    let mut ks: Vec<usize> = (1..=k_max.min(16)).collect();
    // 2^(q/4) for q ≥ 17: the first quarter-octave above 16 is 19; the roundings never repeat.
    let quarter_octaves = (17..).map(|q| 2f64.powf(f64::from(q) / 4.0).round() as usize);
    ks.extend(quarter_octaves.take_while(|&k| k < k_max));
    if k_max > 16 {
        ks.push(k_max);
    }
    ks
}

/// Quantile q of sorted values (linear interpolation between order statistics, "type 7").
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, frac) = (pos.floor() as usize, pos.fract());
    if lo + 1 < sorted.len() {
        sorted[lo] + frac * (sorted[lo + 1] - sorted[lo])
    } else {
        sorted[lo]
    }
}

/// Draws the multiplicities of one bootstrap resample of `n` items into `w`.
fn resample(rng: &mut SplitMix64, w: &mut [u32]) {
    w.fill(0);
    let n = w.len();
    for _ in 0..n {
        w[rng.below(n)] += 1;
    }
}

/// Percentile intervals of the weighted means of each column of `columns` (column-major:
/// `columns[g]` holds one value per item) over `REPLICATES` resamples of the items.
fn percentile_intervals(columns: &[Vec<f64>], seed: u64) -> Vec<Interval> {
    let n = columns.first().map_or(0, Vec::len);
    if n == 0 {
        return vec![
            Interval {
                low: f64::NAN,
                high: f64::NAN
            };
            columns.len()
        ];
    }
    let mut rng = SplitMix64::new(seed);
    let mut w = vec![0u32; n];
    let mut reps: Vec<Vec<f64>> = vec![Vec::with_capacity(REPLICATES); columns.len()];
    for _ in 0..REPLICATES {
        resample(&mut rng, &mut w);
        for (col, out) in columns.iter().zip(reps.iter_mut()) {
            let sum: f64 = col.iter().zip(&w).map(|(v, &wi)| v * f64::from(wi)).sum();
            out.push(sum / n as f64);
        }
    }
    let tail = (1.0 - LEVEL) / 2.0;
    reps.into_iter()
        .map(|mut r| {
            r.sort_unstable_by(f64::total_cmp);
            Interval {
                low: quantile(&r, tail),
                high: quantile(&r, 1.0 - tail),
            }
        })
        .collect()
}

/// Per-problem pass@k at the grid ks, column-major (`out[g][i]`).
fn grid_columns<'a>(
    problems: impl Iterator<Item = &'a Counts>,
    k_max: usize,
    grid: &[usize],
) -> Vec<Vec<f64>> {
    let mut out = vec![Vec::new(); grid.len()];
    let mut curve = vec![0.0; k_max];
    for c in problems {
        curve.fill(0.0);
        add_pass_at_k_curve(c.n, c.c, &mut curve);
        for (g, &k) in grid.iter().enumerate() {
            out[g].push(curve[k - 1]);
        }
    }
    out
}

/// 95 % bands of a model's mean pass@k for every k = 1 ..= `k_max` (the model's K).
pub fn passk_bands(problems: &Problems, k_max: usize, seed: u64) -> Vec<Interval> {
    let grid = k_grid(k_max);
    let at_grid = passk_bands_at(problems, k_max, &grid, seed);
    interpolate_log_k(&grid, &at_grid, k_max)
}

/// 95 % bands of a model's mean pass@k at the given ks only (each ≤ `k_max`, the model's K).
pub fn passk_bands_at(problems: &Problems, k_max: usize, ks: &[usize], seed: u64) -> Vec<Interval> {
    percentile_intervals(&grid_columns(problems.values(), k_max, ks), seed)
}

/// Linear interpolation in log k of grid intervals to every k = 1 ..= k_max.
fn interpolate_log_k(grid: &[usize], at: &[Interval], k_max: usize) -> Vec<Interval> {
    let mut out = Vec::with_capacity(k_max);
    let mut g = 0;
    for k in 1..=k_max {
        while grid[g] < k {
            g += 1;
        }
        if grid[g] == k {
            out.push(at[g]);
            continue;
        }
        let (k0, k1) = (grid[g - 1] as f64, grid[g] as f64);
        let t = ((k as f64).ln() - k0.ln()) / (k1.ln() - k0.ln());
        let mix = |a: f64, b: f64| a + t * (b - a);
        out.push(Interval {
            low: mix(at[g - 1].low, at[g].low),
            high: mix(at[g - 1].high, at[g].high),
        });
    }
    out
}

/// The paired bootstrap of mean_i (a_i − b_i) over items resampled together: the 95 % interval
/// of the difference of two models' pass@k on the same problems.
pub fn paired_difference(diffs: &[f64], seed: u64) -> Interval {
    percentile_intervals(&[diffs.to_vec()], seed)[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_is_dense_then_log_spaced_and_ends_at_k() {
        assert_eq!(k_grid(8), (1..=8).collect::<Vec<_>>());
        let g = k_grid(128);
        assert_eq!(&g[..16], &(1..=16).collect::<Vec<_>>()[..]);
        assert_eq!(
            &g[16..],
            &[19, 23, 27, 32, 38, 45, 54, 64, 76, 91, 108, 128]
        );
        assert_eq!(*k_grid(1000).last().unwrap(), 1000);
    }

    #[test]
    fn quantiles_interpolate_between_order_statistics() {
        let v: Vec<f64> = (0..=100).map(f64::from).collect();
        assert_eq!(quantile(&v, 0.025), 2.5);
        assert_eq!(quantile(&v, 0.975), 97.5);
    }

    #[test]
    fn identical_problems_have_zero_width_bands() {
        let problems: Problems = (0..50)
            .map(|i| (i.to_string(), Counts { n: 16, c: 4 }))
            .collect();
        for band in passk_bands(&problems, 16, 1) {
            assert!((band.high - band.low).abs() < 1e-12);
        }
    }
}
