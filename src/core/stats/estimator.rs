//! The unbiased pass@k estimator (Chen et al., 2021) and its all-correct sibling pass^k,
//! for every k at once.
//!
//! Both are ratios of binomial coefficients, C(m, k) / C(n, k), which overflow an f64 long
//! before n = 1024. They are computed instead by the recurrence
//! r_0 = 1, r_k = r_{k−1} · (m − k + 1) / (n − k + 1), which costs O(n) for the whole
//! curve, never leaves [0, 1] and is exactly 0 once k > m.

/// Calls `f(k, C(m, k) / C(n, k))` for k = 1 ..= `k_max`.
///
/// # Formula
/// r_k = Π_{i=0}^{k−1} (m − i) / (n − i)
fn for_each_binomial_ratio(n: u64, m: u64, k_max: u64, mut f: impl FnMut(usize, f64)) {
    debug_assert!(m <= n && k_max <= n, "ratio needs m ≤ n and k ≤ n");
    let mut r = 1.0_f64;
    for k in 1..=k_max {
        if k > m {
            r = 0.0;
        } else {
            r *= (m - k + 1) as f64 / (n - k + 1) as f64;
        }
        f(k as usize, r);
    }
}

/// pass@k of one problem with `n` samples of which `c` are correct: the probability that at
/// least one of k samples drawn without replacement is correct.
///
/// # Formula
/// pass@k = 1 − C(n − c, k) / C(n, k)
///
/// ```
/// use passk_lens_core::stats::estimator::pass_at_k;
/// assert_eq!(pass_at_k(6, 3, 1), 0.5);
/// assert_eq!(pass_at_k(10, 8, 3), 1.0);
/// ```
///
/// # Panics
/// When `c > n` or `k` is not in 1 ..= n: callers validate user counts first.
pub fn pass_at_k(n: u64, c: u64, k: u64) -> f64 {
    assert!(
        c <= n && (1..=n).contains(&k),
        "pass_at_k needs c ≤ n and 1 ≤ k ≤ n"
    );
    let mut last = 1.0;
    for_each_binomial_ratio(n, n - c, k, |_, r| last = r);
    1.0 - last
}

/// Adds pass@k for k = 1 ..= `acc.len()` of one problem to `acc[k − 1]`.
///
/// This is the whole-curve form used to average over problems without allocating a curve per
/// problem. `acc.len()` must not exceed `n`.
pub fn add_pass_at_k_curve(n: u64, c: u64, acc: &mut [f64]) {
    assert!(
        c <= n && acc.len() as u64 <= n,
        "curve needs c ≤ n and K ≤ n"
    );
    for_each_binomial_ratio(n, n - c, acc.len() as u64, |k, r| acc[k - 1] += 1.0 - r);
}

/// Adds pass^k (all k samples correct) for k = 1 ..= `acc.len()` to `acc[k − 1]`.
///
/// # Formula
/// pass^k = C(c, k) / C(n, k)
pub fn add_pass_hat_k_curve(n: u64, c: u64, acc: &mut [f64]) {
    assert!(
        c <= n && acc.len() as u64 <= n,
        "curve needs c ≤ n and K ≤ n"
    );
    for_each_binomial_ratio(n, c, acc.len() as u64, |k, r| acc[k - 1] += r);
}

/// 1 / (n − j) for j = 0 .. len: the divisors of the recurrence, computed once per n.
pub fn reciprocals(n: u64, len: usize) -> Vec<f64> {
    (0..len as u64).map(|j| 1.0 / (n - j) as f64).collect()
}

/// Writes pass@k for k = 1 ..= `out.len()` of one problem, given `reciprocals(n, out.len())`:
/// the recurrence with multiplications only, stopping once 1 − r rounds to exactly 1.
pub fn pass_at_k_curve_with(n: u64, c: u64, inv: &[f64], out: &mut [f64]) {
    assert!(
        c <= n && out.len() <= inv.len(),
        "curve needs c ≤ n and the reciprocals of n"
    );
    if c == 0 {
        // (n − k)·(1/(n − k)) is not always exactly 1 in floating point; 0 is exact.
        out.fill(0.0);
        return;
    }
    let miss = n - c;
    let mut r = 1.0_f64;
    let mut k = 0;
    while k < out.len() && (k as u64) < miss {
        r *= (miss - k as u64) as f64 * inv[k];
        out[k] = 1.0 - r;
        if out[k] == 1.0 {
            break;
        }
        k += 1;
    }
    out[k..].fill(1.0);
}

/// Sums pass@k and pass^k over many problems for k = 1 ..= K, the fast way: reciprocals of
/// n − k + 1 are computed once per distinct n (the recurrence then multiplies instead of
/// dividing), pass^k stops once C(c, k) is 0, and pass@k stops once 1 − r rounds to exactly 1,
/// after which the problem contributes 1 to every larger k (kept as a count, added at the end).
/// The values agree with the plain recurrence to a few ulps.
#[derive(Debug, Clone)]
pub struct CurveSums {
    k_max: usize,
    pass_at_k: Vec<f64>,
    pass_hat_k: Vec<f64>,
    /// `ones_from[i]`: problems whose pass@k is exactly 1 for every k > i.
    ones_from: Vec<u32>,
    /// Problems with c = n, whose pass^k is 1 for every k.
    all_correct: u32,
    /// 1 / (n − j) for j = 0 .. K of the last n seen.
    inverse: (u64, Vec<f64>),
}

impl CurveSums {
    /// Sums for k = 1 ..= `k_max`; every problem added must have n ≥ `k_max`.
    pub fn new(k_max: usize) -> Self {
        CurveSums {
            k_max,
            pass_at_k: vec![0.0; k_max],
            pass_hat_k: vec![0.0; k_max],
            ones_from: vec![0; k_max + 1],
            all_correct: 0,
            inverse: (0, Vec::new()),
        }
    }

    /// Adds one problem with `n` samples of which `c` are correct.
    pub fn add(&mut self, n: u64, c: u64) {
        self.add_times(n, c, 1);
    }

    /// Adds `times` problems that all have `n` samples of which `c` are correct (problems
    /// with the same counts have the same curve, so it is computed once).
    pub fn add_times(&mut self, n: u64, c: u64, times: u32) {
        assert!(
            c <= n && self.k_max as u64 <= n,
            "curve needs c ≤ n and K ≤ n"
        );
        if c == 0 || times == 0 {
            return; // pass@k = pass^k = 0 for every k
        }
        if c == n {
            self.ones_from[0] += times;
            self.all_correct += times;
            return; // pass@k = pass^k = 1 for every k
        }
        let w = f64::from(times);
        if self.inverse.0 != n || self.inverse.1.is_empty() {
            self.inverse = (n, reciprocals(n, self.k_max));
        }
        let inv = &self.inverse.1;
        let miss = n - c;
        let mut r = 1.0_f64;
        let mut k = 0; // index of the k being computed (k − 1)
        while k < self.k_max && (k as u64) < miss {
            r *= (miss - k as u64) as f64 * inv[k];
            let p = 1.0 - r;
            if p == 1.0 {
                break;
            }
            self.pass_at_k[k] += w * p;
            k += 1;
        }
        self.ones_from[k] += times;
        let mut r = 1.0_f64;
        for (k, inv) in inv.iter().enumerate().take((c as usize).min(self.k_max)) {
            r *= (c - k as u64) as f64 * inv;
            if r == 0.0 {
                break;
            }
            self.pass_hat_k[k] += w * r;
        }
    }

    /// The means over `count` problems: (pass@k, pass^k) for k = 1 ..= K.
    pub fn means(mut self, count: usize) -> (Vec<f64>, Vec<f64>) {
        let mut ones = 0u64;
        for (k, p) in self.pass_at_k.iter_mut().enumerate() {
            ones += u64::from(self.ones_from[k]);
            *p += ones as f64;
        }
        for p in &mut self.pass_hat_k {
            *p += f64::from(self.all_correct);
        }
        let count = count as f64;
        for v in self.pass_at_k.iter_mut().chain(self.pass_hat_k.iter_mut()) {
            *v /= count;
        }
        (self.pass_at_k, self.pass_hat_k)
    }
}

/// pass@k for every k = 1 ..= n of one problem.
///
/// ```
/// use passk_lens_core::stats::estimator::pass_at_k_curve;
/// assert_eq!(pass_at_k_curve(2, 1), vec![0.5, 1.0]);
/// ```
pub fn pass_at_k_curve(n: u64, c: u64) -> Vec<f64> {
    let mut acc = vec![0.0; n as usize];
    add_pass_at_k_curve(n, c, &mut acc);
    acc
}

/// pass^k for every k = 1 ..= n of one problem.
pub fn pass_hat_k_curve(n: u64, c: u64) -> Vec<f64> {
    let mut acc = vec![0.0; n as usize];
    add_pass_hat_k_curve(n, c, &mut acc);
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_point_is_the_success_rate() {
        assert_eq!(pass_at_k_curve(7, 3)[0], 1.0 - 4.0 / 7.0);
        assert_eq!(pass_hat_k_curve(7, 3)[0], 3.0 / 7.0);
    }

    #[test]
    fn all_or_nothing_problems() {
        assert!(pass_at_k_curve(16, 0).iter().all(|&p| p == 0.0));
        assert!(pass_at_k_curve(16, 16).iter().all(|&p| p == 1.0));
        assert!(pass_hat_k_curve(16, 16).iter().all(|&p| p == 1.0));
    }

    #[test]
    fn fast_sums_agree_with_the_plain_recurrence() {
        let problems = [
            (1024, 0),
            (1024, 1),
            (1024, 3),
            (1024, 512),
            (1024, 1023),
            (1024, 1024),
            (2048, 5),
        ];
        let mut sums = CurveSums::new(1024);
        let (mut at, mut hat) = (vec![0.0; 1024], vec![0.0; 1024]);
        for (n, c) in problems {
            sums.add(n, c);
            add_pass_at_k_curve(n, c, &mut at);
            add_pass_hat_k_curve(n, c, &mut hat);
        }
        let (fast_at, fast_hat) = sums.means(problems.len());
        for k in 0..1024 {
            assert!((fast_at[k] - at[k] / 7.0).abs() < 1e-13, "pass@{}", k + 1);
            assert!((fast_hat[k] - hat[k] / 7.0).abs() < 1e-13, "pass^{}", k + 1);
        }
    }

    #[test]
    fn the_multiplying_curve_matches_the_dividing_one() {
        for (n, c) in [
            (1024, 0),
            (1024, 1),
            (1024, 3),
            (1024, 700),
            (1024, 1024),
            (50, 49),
        ] {
            let mut out = vec![0.0; n as usize];
            pass_at_k_curve_with(n, c, &reciprocals(n, n as usize), &mut out);
            for (fast, plain) in out.iter().zip(pass_at_k_curve(n, c)) {
                assert!((fast - plain).abs() < 1e-13, "n = {n}, c = {c}");
            }
        }
    }

    #[test]
    fn large_n_stays_finite_and_monotone() {
        let curve = pass_at_k_curve(100_000, 3);
        assert!(curve.windows(2).all(|w| w[0] <= w[1] && w[1].is_finite()));
        assert_eq!(curve[99_997], 1.0);
        // C(99997, 50000) / C(100000, 50000) = (50000·49999·49998) / (100000·99999·99998)
        let exact = 1.0 - (50_000.0 * 49_999.0 * 49_998.0) / (100_000.0 * 99_999.0 * 99_998.0);
        assert!((curve[49_999] - exact).abs() < 1e-12);
    }
}
