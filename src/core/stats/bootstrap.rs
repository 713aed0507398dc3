//! 95 % percentile bootstrap bands over problems for a model's whole pass@k curve, and the
//! paired bootstrap of a difference between two models on the same resampled problems.
//!
//! # Method
//! Each replicate draws N problems with replacement and takes the mean of their rows of the
//! per-problem curve matrix P (N × k). Doing this for every k would cost B · N · K; instead the replicates are evaluated on a grid of k — every k up to 16,
//! then four points per octave, and K itself — and the 2.5 % / 97.5 % quantiles are interpolated
//! linearly in log k between grid points (exact at the grid points). Seeded: the same data
//! always gives the same bands.

use super::estimator::{pass_at_k_curve_with, reciprocals};
use super::rng::SplitMix64;
pub use crate::counts::Interval;
use crate::counts::{Counts, Problems};
use std::collections::HashMap;

/// Bootstrap replicates.
pub const REPLICATES: usize = 1000;
/// Two-sided coverage of the bands.
pub const LEVEL: f64 = 0.95;

/// The k grid on which replicates are evaluated for a curve of length `k_max`.
pub fn k_grid(k_max: usize) -> Vec<usize> {
    // Every k up to 4, half-octaves up to 16, then octaves, and K itself.
    let steps = [1, 2, 3, 4, 6, 8, 11, 16].into_iter();
    let octaves = std::iter::successors(Some(32usize), |k| k.checked_mul(2));
    let mut ks: Vec<usize> = steps.chain(octaves).take_while(|&k| k < k_max).collect();
    if k_max > 0 {
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

/// Marks an item whose row is all 0 (never solved: adds nothing to any mean).
const ZEROS: u32 = u32::MAX;
/// Marks an item whose row is all 1 (always solved: adds 1 to every mean).
const ONES: u32 = u32::MAX - 1;

/// The distinct rows of a matrix that are neither all 0 nor all 1, and which of them each
/// item has. Problems with the same (n, c) share a row, and real
/// benchmarks have many problems that are never or always solved.
struct Distinct {
    /// Row-major: `rows[j * width + g]` is column g of distinct row j.
    rows: Vec<f64>,
    /// Per item: its distinct row, or `ZEROS` / `ONES`.
    owner: Vec<u32>,
}

impl Distinct {
    /// The rows of per-problem pass@k at `ks`, built once per distinct (n, c).
    fn of_counts<'a>(problems: impl Iterator<Item = &'a Counts>, ks: &[usize]) -> Self {
        let top = ks.iter().copied().max().unwrap_or(0);
        let mut index: HashMap<(u64, u64), u32> = HashMap::new();
        let mut kept: Vec<Vec<f64>> = Vec::new();
        let mut inverse = (0, Vec::new());
        let mut curve = vec![0.0; top];
        let owner = problems
            .map(|c| match c.c {
                0 => ZEROS,
                x if x == c.n => ONES,
                _ => *index.entry((c.n, c.c)).or_insert_with(|| {
                    if inverse.0 != c.n {
                        inverse = (c.n, reciprocals(c.n, top));
                    }
                    pass_at_k_curve_with(c.n, c.c, &inverse.1, &mut curve);
                    kept.push(ks.iter().map(|&k| curve[k - 1]).collect());
                    (kept.len() - 1) as u32
                }),
            })
            .collect();
        Self::from_rows(&kept, ks.len(), owner)
    }

    fn from_rows<R: AsRef<[f64]>>(kept: &[R], width: usize, owner: Vec<u32>) -> Self {
        let rows = kept
            .iter()
            .flat_map(|r| r.as_ref()[..width].iter().copied())
            .collect();
        Distinct { rows, owner }
    }
}

/// Percentile intervals, per column, of the column means over `REPLICATES` resamples of rows.
///
/// Each replicate draws N items with replacement, counts how often each distinct row was drawn
/// (all-0 rows are skipped, all-1 rows counted) and adds up the rows times their counts; the
/// inner loop runs along a row, so its adds are independent.
fn percentile_intervals(distinct: Distinct, width: usize, seed: u64) -> Vec<Interval> {
    let Distinct { rows, owner } = distinct;
    let n = owner.len();
    if n == 0 {
        return vec![Interval::NAN; width];
    }
    let mut rng = SplitMix64::new(seed);
    let mut sums = vec![0.0; width];
    // How often each distinct row was drawn in a replicate: a replicate costs n draws plus one
    // pass over the distinct rows, rather than a row's width per draw (problems share rows:
    // MATH500 at n = 128 has at most 129 distinct ones).
    let mut drawn = vec![0u32; rows.len() / width.max(1)];
    // reps[g * REPLICATES + b]: the mean of column g in replicate b.
    let mut reps = vec![0.0; width * REPLICATES];
    for b in 0..REPLICATES {
        drawn.fill(0);
        let mut ones = 0u32;
        for _ in 0..n {
            match owner[rng.below(n)] {
                ZEROS => {}
                ONES => ones += 1,
                j => drawn[j as usize] += 1,
            }
        }
        sums.fill(0.0);
        for (row, &times) in rows.chunks_exact(width.max(1)).zip(&drawn) {
            if times > 0 {
                let times = f64::from(times);
                for (sum, v) in sums.iter_mut().zip(row) {
                    *sum += times * v;
                }
            }
        }
        for (g, sum) in sums.iter().enumerate() {
            reps[g * REPLICATES + b] = (sum + f64::from(ones)) / n as f64;
        }
    }
    reps.chunks_exact_mut(REPLICATES).map(percentiles).collect()
}

/// The 2.5 % and 97.5 % quantiles of replicate values (sorted in place).
fn percentiles(reps: &mut [f64]) -> Interval {
    let tail = (1.0 - LEVEL) / 2.0;
    reps.sort_unstable_by(f64::total_cmp);
    Interval {
        low: quantile(reps, tail),
        high: quantile(reps, 1.0 - tail),
    }
}

/// 95 % bands of a model's mean pass@k for every k = 1 ..= `k_max` (the model's K).
///
/// `curve` is the model's mean pass@k for k = 1 ..= K. Between grid points the distances from
/// the curve to the band's edges are interpolated linearly in log k (they change slowly, far
/// more slowly than the edges themselves), so the band always contains the curve.
pub fn passk_bands(problems: &Problems, curve: &[f64], seed: u64) -> Vec<Interval> {
    let grid = k_grid(curve.len());
    let at_grid = passk_bands_at(problems, curve.len(), &grid, seed);
    interpolate_log_k(&grid, &at_grid, curve)
}

/// 95 % bands of a model's mean pass@k at the given ks only (each ≤ `k_max`, the model's K).
pub fn passk_bands_at(problems: &Problems, k_max: usize, ks: &[usize], seed: u64) -> Vec<Interval> {
    debug_assert!(
        ks.iter().all(|&k| (1..=k_max).contains(&k)),
        "ks within 1 ..= K"
    );
    percentile_intervals(Distinct::of_counts(problems.values(), ks), ks.len(), seed)
}

/// Linear interpolation in log k of grid intervals to every k = 1 ..= k_max.
fn interpolate_log_k(grid: &[usize], at: &[Interval], curve: &[f64]) -> Vec<Interval> {
    // Half-widths below and above the curve at the grid points.
    let below: Vec<f64> = grid
        .iter()
        .zip(at)
        .map(|(&k, b)| curve[k - 1] - b.low)
        .collect();
    let above: Vec<f64> = grid
        .iter()
        .zip(at)
        .map(|(&k, b)| b.high - curve[k - 1])
        .collect();
    let mut out = Vec::with_capacity(curve.len());
    let mut g = 0;
    for (i, &p) in curve.iter().enumerate() {
        let k = i + 1;
        while grid[g] < k {
            g += 1;
        }
        if grid[g] == k {
            out.push(at[g]);
            continue;
        }
        let (k0, k1) = (grid[g - 1] as f64, grid[g] as f64);
        let t = ((k as f64).ln() - k0.ln()) / (k1.ln() - k0.ln());
        let mix = |w: &[f64]| w[g - 1] + t * (w[g] - w[g - 1]);
        out.push(Interval {
            low: (p - mix(&below)).max(0.0),
            high: (p + mix(&above)).min(1.0),
        });
    }
    out
}

/// The paired bootstrap of mean_i (a_i − b_i) over items resampled together: the 95 % interval
/// of the difference of two models' pass@k on the same problems.
///
/// One value per item, and rarely two items alike: the drawn values are simply added (grouping
/// equal rows, as the bands do, costs more than it saves here: BENCHMARKS.md).
pub fn paired_difference(diffs: &[f64], seed: u64) -> Interval {
    let n = diffs.len();
    if n == 0 {
        return Interval::NAN;
    }
    let mut rng = SplitMix64::new(seed);
    let mut reps: Vec<f64> = (0..REPLICATES)
        .map(|_| (0..n).map(|_| diffs[rng.below(n)]).sum::<f64>() / n as f64)
        .collect();
    percentiles(&mut reps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_is_dense_then_log_spaced_and_ends_at_k() {
        assert_eq!(k_grid(4), vec![1, 2, 3, 4]);
        assert_eq!(k_grid(128), vec![1, 2, 3, 4, 6, 8, 11, 16, 32, 64, 128]);
        assert_eq!(k_grid(100), vec![1, 2, 3, 4, 6, 8, 11, 16, 32, 64, 100]);
        assert_eq!(k_grid(1024).len(), 14);
    }

    #[test]
    fn quantiles_interpolate_between_order_statistics() {
        let v: Vec<f64> = (0..=100).map(f64::from).collect();
        assert_eq!(quantile(&v, 0.025), 2.5);
        assert_eq!(quantile(&v, 0.975), 97.5);
    }

    #[test]
    fn paired_intervals_sit_on_constant_differences_and_move_with_them() {
        let same = paired_difference(&[0.25; 40], 3);
        assert_eq!((same.low, same.high), (0.25, 0.25));
        let diffs: Vec<f64> = (0..200).map(|i| f64::from(i % 7) / 7.0 - 0.4).collect();
        let (a, b) = (paired_difference(&diffs, 9), paired_difference(&diffs, 9));
        assert_eq!(a, b, "seeded");
        let shifted: Vec<f64> = diffs.iter().map(|d| d + 0.5).collect();
        let s = paired_difference(&shifted, 9);
        assert!((s.low - a.low - 0.5).abs() < 1e-12 && (s.high - a.high - 0.5).abs() < 1e-12);
        let mean = diffs.iter().sum::<f64>() / 200.0;
        assert!(
            a.low < mean && mean < a.high && a.high - a.low < 0.2,
            "{a:?}"
        );
        assert!(paired_difference(&[], 1).low.is_nan());
    }

    #[test]
    fn identical_problems_have_zero_width_bands() {
        let problems: Problems = (0..50)
            .map(|i| (i.to_string(), Counts { n: 16, c: 4 }))
            .collect();
        let curve = crate::stats::dataset::mean_curves(&problems, 16).0;
        for band in passk_bands(&problems, &curve, 1) {
            assert!((band.high - band.low).abs() < 1e-12);
        }
    }
}
