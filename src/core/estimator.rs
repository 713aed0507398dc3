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
/// use passk_lens::core::estimator::pass_at_k;
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

/// pass@k for every k = 1 ..= n of one problem.
///
/// ```
/// use passk_lens::core::estimator::pass_at_k_curve;
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
    fn large_n_stays_finite_and_monotone() {
        let curve = pass_at_k_curve(100_000, 3);
        assert!(curve.windows(2).all(|w| w[0] <= w[1] && w[1].is_finite()));
        assert_eq!(curve[99_997], 1.0);
        // C(99997, 50000) / C(100000, 50000) = (50000·49999·49998) / (100000·99999·99998)
        let exact = 1.0 - (50_000.0 * 49_999.0 * 49_998.0) / (100_000.0 * 99_999.0 * 99_998.0);
        assert!((curve[49_999] - exact).abs() < 1e-12);
    }
}
