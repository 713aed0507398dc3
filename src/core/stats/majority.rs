//! maj@k: the probability that the most frequent extracted answer among k of a problem's n
//! samples, drawn without replacement, is a correct one — for every k at once, exactly.
//!
//! A problem's samples are grouped by their extracted answer: answer a is given by m_a samples,
//! of which r_a · m_a are marked correct (r_a is 1 or 0 when the marks agree); m_0 samples have
//! no answer and do not vote. A tie among the most frequent answers is broken uniformly at
//! random, and a subset with no vote counts 0. So
//!
//!   maj@k = Σ_a r_a · P(a wins) and P(a wins) = N_a(k) / C(n, k), where
//!   N_a(k) = Σ_{x ≥ 1} C(m_a, x) · [z^{k−x}] (1 + z)^{m_0} · ∫₀¹ Π_{b ≠ a} (T_b^{<x}(z) + u · C(m_b, x) z^x) du,
//!
//! T_b^{<x}(z) = Σ_{y < x} C(m_b, y) z^y: the subsets in which a has x votes, every other answer
//! fewer — or exactly x, a tie, which a wins with probability 1 / (1 + t) = ∫₀¹ u^t du among t
//! others. Only the answers with m_b ≥ x can reach x; the others, and the samples without an
//! answer, enter as the single binomial (1 + z)^S. The polynomial in u is kept by its powers (the
//! number of tied answers), so every number is a sum of products of binomial coefficients: exact
//! integers in an f64 up to 2^53, correctly rounded sums above. They stay below C(n, ⌊n/2⌋), which
//! an f64 holds up to n = 1029; problems with more samples are not computed (`MAJ_MAX_N`).
//!
//! The products leave out the cells (numbers of samples and of ties of the answers multiplied so
//! far) that count fewer than 2⁻⁸⁰ of all subsets with as many samples — draws in which the other
//! answers stay below x far longer than draws of that size ever do. That bounds what is left out
//! of each maj@k by A³ · 2⁻⁸⁰ for A answers (10⁻¹⁹ for 50; 2⁻⁵⁰ at the extreme of 1024 answers
//! of one sample each), below an f64's rounding of the values, and saves a third of the time at
//! n = 1024 with 50 answers (`TieProduct::trim`).

use crate::counts::Counts;
use serde::{Deserialize, Serialize};

/// The most samples a problem may have for its maj@k to be computed (C(n, n/2) < f64::MAX).
pub const MAJ_MAX_N: u64 = 1024;

/// Binomial coefficients C(m, y) for m ≤ `max`, as f64 (Pascal's triangle by addition).
pub struct Binomials {
    max: usize,
    cells: Vec<f64>,
}

impl Binomials {
    pub fn new(max: usize) -> Binomials {
        let mut cells = vec![0.0; (max + 1) * (max + 2) / 2];
        for m in 0..=max {
            let row = m * (m + 1) / 2;
            cells[row] = 1.0;
            cells[row + m] = 1.0;
            for y in 1..m {
                let above = (m - 1) * m / 2;
                cells[row + y] = cells[above + y - 1] + cells[above + y];
            }
        }
        Binomials { max, cells }
    }

    /// Row m: C(m, 0), …, C(m, m).
    pub fn row(&self, m: usize) -> &[f64] {
        debug_assert!(m <= self.max);
        let start = m * (m + 1) / 2;
        &self.cells[start..=start + m]
    }
}

/// maj@k for k = 1 ..= `k_max` of one problem whose answered samples are `answers` (per distinct
/// answer: n samples give it, c of them are marked correct) and whose `n` samples include the
/// unanswered ones. `None` when no sample has an answer, when n exceeds `MAJ_MAX_N` or the
/// table, or when `k_max` exceeds n.
///
/// ```
/// use passk_lens_core::counts::Counts;
/// use passk_lens_core::stats::majority::{maj_curve, Binomials};
/// // "4" twice (correct), "5" once: k = 2 draws {4, 4} once and a 4–5 tie twice, so
/// // maj@2 = (1 + ½ + ½) / 3 = 2/3; k = 3 always elects "4".
/// let t = Binomials::new(3);
/// let a = [("4".to_owned(), Counts { n: 2, c: 2 }), ("5".to_owned(), Counts { n: 1, c: 0 })];
/// let v = maj_curve(&t, &a, 3, 3).unwrap();
/// assert!((v[0] - 2.0 / 3.0).abs() < 1e-15 && (v[1] - 2.0 / 3.0).abs() < 1e-15 && v[2] == 1.0);
/// ```
pub fn maj_curve(
    table: &Binomials,
    answers: &[(String, Counts)],
    n: u64,
    k_max: usize,
) -> Option<Vec<f64>> {
    maj_curve_dropping(table, answers, n, k_max, DROP)
}

/// `maj_curve`, leaving out of the products the cells below `drop` of their subsets.
fn maj_curve_dropping(
    table: &Binomials,
    answers: &[(String, Counts)],
    n: u64,
    k_max: usize,
    drop: f64,
) -> Option<Vec<f64>> {
    let answered: u64 = answers.iter().map(|(_, c)| c.n).sum();
    if answered == 0 || answered > n || n > MAJ_MAX_N || n as usize > table.max {
        return None;
    }
    if k_max as u64 > n {
        return None;
    }
    let n = n as usize;
    let none = n - answered as usize;
    let mut values = vec![0.0; k_max];
    let mut wins = vec![0.0; k_max + 1];
    for (i, (_, a)) in answers.iter().enumerate() {
        if a.c == 0 || a.n == 0 {
            continue;
        }
        let credit = a.c.min(a.n) as f64 / a.n as f64;
        let m_a = a.n as usize;
        let mut others: Vec<usize> = answers
            .iter()
            .enumerate()
            .filter(|&(j, (_, b))| j != i && b.n > 0)
            .map(|(_, (_, b))| b.n as usize)
            .collect();
        others.sort_unstable_by(|x, y| y.cmp(x));
        wins.iter_mut().for_each(|w| *w = 0.0);
        add_wins(table, m_a, &others, none, k_max, drop, &mut wins);
        let total = table.row(n);
        for (k, v) in values.iter_mut().enumerate() {
            *v += credit * wins[k + 1] / total[k + 1];
        }
    }
    Some(values)
}

/// Cells of a product smaller than this share of all subsets with as many samples are dropped
/// (see `TieProduct::trim`).
const DROP: f64 = 1.0 / (1u128 << 80) as f64;

/// Adds N_a(k) for k ≤ `k_max` to `wins[k]`: the subsets of size k that answer a (m_a samples)
/// wins, ties weighted by 1 / (number tied). `others` are the other answers' sample counts,
/// largest first; `none` samples have no answer. Cells below `drop` of their column's subsets
/// are left out of the products (0 keeps every cell).
fn add_wins(
    table: &Binomials,
    m_a: usize,
    others: &[usize],
    none: usize,
    k_max: usize,
    drop: f64,
    wins: &mut [f64],
) {
    let rest = others.iter().sum::<usize>() + none;
    let row_a = table.row(m_a);
    let mut product = TieProduct::default();
    let mut g: Vec<f64> = Vec::new();
    // Σ_x C(m_a, x) z^x g_x(z) over the x whose other answers pooled in (1 + z)^s are the same
    // (between two answers' sizes), multiplied by (1 + z)^s once for them all.
    let mut pending = Pending {
        s: usize::MAX,
        poly: vec![0.0; k_max + 1],
        lo: usize::MAX,
        hi: 0,
    };
    for (x, &weight) in row_a.iter().enumerate().take(m_a.min(k_max) + 1).skip(1) {
        let room = k_max - x;
        let big = others.partition_point(|&c| c >= x);
        let s = rest - others[..big].iter().sum::<usize>();
        if s != pending.s {
            pending.flush(table, wins);
            pending.s = s;
        }
        g.clear();
        if big == 0 {
            // No other answer can reach x: only a's x samples and the pooled rest.
            g.push(1.0);
        } else {
            product.compute(table, &others[..big], x, room, drop, &mut g);
        }
        for (d, v) in g.iter().enumerate().take(room + 1) {
            pending.poly[x + d] += weight * v;
        }
        pending.lo = pending.lo.min(x);
        pending.hi = pending.hi.max(x + (g.len() - 1).min(room));
    }
    pending.flush(table, wins);
}

/// Π_b (T_b^{<x}(z) + u · C(m_b, x) z^x) over the answers that can reach x, kept by the number
/// t of them tied at x (the power of u) and the number d of their samples drawn (the power of
/// z): cell (t, d) at `q[t * width + d]`, row t holding the columns `lo[t] ..= hi[t]` (empty
/// when lo > hi). Buffers are kept between calls.
#[derive(Default)]
struct TieProduct {
    q: Vec<f64>,
    next: Vec<f64>,
    lo: Vec<usize>,
    hi: Vec<usize>,
    next_lo: Vec<usize>,
    next_hi: Vec<usize>,
}

impl TieProduct {
    /// Sets `g` to ∫₀¹ of the product du (row t weighted 1 / (t + 1)), degree ≤ `room`.
    fn compute(
        &mut self,
        table: &Binomials,
        answers: &[usize],
        x: usize,
        room: usize,
        drop: f64,
        g: &mut Vec<f64>,
    ) {
        // At most room / x answers can tie at x.
        let width = room.min(answers.len() * x) + 1;
        let max_ties = answers.len().min(room / x);
        let rows = max_ties + 1;
        for v in [&mut self.q, &mut self.next] {
            v.clear();
            v.resize(rows * width, 0.0);
        }
        for v in [&mut self.lo, &mut self.next_lo] {
            v.clear();
            v.resize(rows, 1);
        }
        for v in [&mut self.hi, &mut self.next_hi] {
            v.clear();
            v.resize(rows, 0);
        }
        self.q[0] = 1.0;
        (self.lo[0], self.hi[0]) = (0, 0);
        let (mut ties, mut pooled) = (0, 0);
        for &c in answers {
            let row_c = table.row(c);
            let new_ties = (ties + 1).min(max_ties);
            // Row t of the new product: row t times y < x samples of c, and row t − 1 times
            // exactly x (one more tied).
            for t in 0..=new_ties {
                let (mut l, mut h) = (usize::MAX, 0);
                if t <= ties && self.lo[t] <= self.hi[t] {
                    (l, h) = (self.lo[t], (self.hi[t] + x - 1).min(room));
                }
                if t >= 1 && self.lo[t - 1] <= self.hi[t - 1] && self.lo[t - 1] + x <= room {
                    l = l.min(self.lo[t - 1] + x);
                    h = h.max((self.hi[t - 1] + x).min(room));
                }
                if l <= h {
                    self.next[t * width + l..=t * width + h].fill(0.0);
                    (self.next_lo[t], self.next_hi[t]) = (l, h);
                } else {
                    (self.next_lo[t], self.next_hi[t]) = (1, 0);
                }
            }
            // Row t times T_c^{<x}(z) + u · C(c, x) z^x: y < x of c's samples leave the ties
            // as they are, exactly x adds one (into row t + 1). A row at least as wide as the
            // kernel is added once per y, in runs as long as the row; a narrower one cell by
            // cell, in runs of the kernel.
            let (q, next) = (&self.q, &mut self.next);
            for t in 0..=ties {
                let (lo, hi) = (self.lo[t], self.hi[t]);
                if lo > hi {
                    continue;
                }
                let from = t * width;
                if hi - lo < x {
                    for d in lo..=hi {
                        let v = q[from + d];
                        let len = x.min(room - d + 1);
                        let out = &mut next[from + d..from + d + len];
                        for (o, r) in out.iter_mut().zip(&row_c[..len]) {
                            *o += v * r;
                        }
                        if d + x <= room && t < max_ties {
                            next[from + width + d + x] += v * row_c[x];
                        }
                    }
                    continue;
                }
                let ys = (0..x)
                    .map(|y| (y, from))
                    .chain((t < max_ties).then_some((x, from + width)));
                for (y, to) in ys {
                    if lo + y > room {
                        break;
                    }
                    let top = hi.min(room - y);
                    let r = row_c[y];
                    let out = &mut next[to + lo + y..=to + top + y];
                    for (o, v) in out.iter_mut().zip(&q[from + lo..=from + top]) {
                        *o += v * r;
                    }
                }
            }
            std::mem::swap(&mut self.q, &mut self.next);
            std::mem::swap(&mut self.lo, &mut self.next_lo);
            std::mem::swap(&mut self.hi, &mut self.next_hi);
            ties = new_ties;
            pooled += c;
            self.trim(table.row(pooled), width, ties, drop);
            while ties > 0 && self.lo[ties] > self.hi[ties] {
                ties -= 1;
            }
        }
        let top = (0..=ties)
            .filter(|&t| self.lo[t] <= self.hi[t])
            .map(|t| self.hi[t])
            .max()
            .unwrap_or(0);
        g.resize(top + 1, 0.0);
        for t in 0..=ties {
            let share = 1.0 / (t + 1) as f64;
            let (lo, hi) = (self.lo[t], self.hi[t]);
            if lo > hi {
                // Every cell of the row was dropped.
                continue;
            }
            let row = &self.q[t * width + lo..=t * width + hi];
            for (gd, v) in g[lo..=hi].iter_mut().zip(row) {
                *gd += v * share;
            }
        }
    }

    /// Drops the cells at the ends of each row that count fewer than `drop` of all the subsets
    /// with as many samples of the answers multiplied so far (`pooled` of them: `row_p[d]` =
    /// C(pooled, d)). Extended by the later factors (each at most the unrestricted binomial),
    /// a's x samples and the pooled rest, the cells of one column d dropped at one factor count
    /// fewer than rows · `drop` · C(m_a, x) · C(pooled, d) · C(n − m_a − pooled, k − x − d)
    /// subsets of size k, and summed over x and d that is rows · `drop` · C(n, k). Over at most
    /// A − 1 factors of at most A rows, P(a wins) loses less than A² · `drop`, and maj@k, a sum
    /// over the correct answers, less than A³ · `drop`.
    fn trim(&mut self, row_p: &[f64], width: usize, ties: usize, drop: f64) {
        for t in 0..=ties {
            let from = t * width;
            let (lo, hi) = (&mut self.lo[t], &mut self.hi[t]);
            while *lo <= *hi && self.q[from + *hi] < drop * row_p[*hi] {
                if *hi == 0 {
                    *lo = 1;
                    break;
                }
                *hi -= 1;
            }
            while *lo <= *hi && self.q[from + *lo] < drop * row_p[*lo] {
                *lo += 1;
            }
        }
    }
}

/// Terms of N_a waiting to be multiplied by (1 + z)^s: coefficients `lo ..= hi` of `poly`.
struct Pending {
    s: usize,
    poly: Vec<f64>,
    lo: usize,
    hi: usize,
}

impl Pending {
    /// Adds poly · (1 + z)^s to `wins` (up to its length) and empties `poly`.
    fn flush(&mut self, table: &Binomials, wins: &mut [f64]) {
        if self.lo > self.hi {
            return;
        }
        let row_s = table.row(self.s);
        let top = wins.len() - 1;
        for (e, w) in wins.iter_mut().enumerate().skip(self.lo) {
            let from = self.lo.max(e.saturating_sub(self.s));
            let to = self.hi.min(e);
            if from > to {
                if e > self.hi + self.s {
                    break;
                }
                continue;
            }
            let mut sum = 0.0;
            for d in from..=to {
                sum += self.poly[d] * row_s[e - d];
            }
            *w += sum;
        }
        self.poly[self.lo..=self.hi.min(top)]
            .iter_mut()
            .for_each(|v| *v = 0.0);
        (self.lo, self.hi) = (usize::MAX, 0);
    }
}

/// The mean maj@k over the problems with extracted answers, k = 1 ..= `k_max`, and how many
/// problems that is; `None` when no problem has answers, or one of them cannot be computed.
/// `problems` gives each problem's answers and its n.
pub fn mean_maj_curve<'a>(
    problems: impl IntoIterator<Item = (&'a [(String, Counts)], u64)>,
    k_max: usize,
) -> Option<(Vec<f64>, usize)> {
    let problems: Vec<_> = problems
        .into_iter()
        .filter(|(a, _)| a.iter().any(|(_, c)| c.n > 0))
        .collect();
    let max_n = problems.iter().map(|(_, n)| *n).max()?;
    if max_n > MAJ_MAX_N {
        return None;
    }
    let table = Binomials::new(max_n as usize);
    let mut sum = vec![0.0; k_max];
    for (answers, n) in &problems {
        let curve = maj_curve(&table, answers, *n, k_max)?;
        for (s, v) in sum.iter_mut().zip(curve) {
            *s += v;
        }
    }
    let count = problems.len();
    Some((sum.iter().map(|s| s / count as f64).collect(), count))
}

/// A `MajTask`'s result: its model, and `MajTask::run`'s curve and problem count.
pub type MajResult = (String, Option<(Vec<f64>, usize)>);

/// One model's maj@k over a benchmark's problems, as work handed to another thread: each
/// problem's answers (their counts, in the problems' order) and its n.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MajTask {
    pub model: String,
    pub problems: Vec<(Vec<Counts>, u64)>,
    pub k_max: usize,
}

impl MajTask {
    /// `mean_maj_curve` of the task's problems: the same numbers, to the last bit, as computed
    /// where the answers keep their names.
    pub fn run(&self) -> Option<(Vec<f64>, usize)> {
        let named: Vec<Vec<(String, Counts)>> = self
            .problems
            .iter()
            .map(|(a, _)| a.iter().map(|c| (String::new(), *c)).collect())
            .collect();
        mean_maj_curve(
            named
                .iter()
                .zip(&self.problems)
                .map(|(a, (_, n))| (a.as_slice(), *n)),
            self.k_max,
        )
    }

    /// What computing it costs, roughly: Σ n · answers over its problems (n = 1024 with 50
    /// answers is 51 200 a problem).
    pub fn cost(&self) -> u64 {
        (self.problems.iter())
            .map(|(a, n)| n * a.len() as u64)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(list: &[(u64, u64)]) -> Vec<(String, Counts)> {
        list.iter()
            .enumerate()
            .map(|(i, &(n, c))| (format!("a{i}"), Counts { n, c }))
            .collect()
    }

    /// Every subset of size k, its majority credited as the contract says.
    fn brute(list: &[(u64, u64)], none: u64, k: usize) -> f64 {
        let mut labels = Vec::new();
        for (i, &(n, _)) in list.iter().enumerate() {
            labels.extend(std::iter::repeat_n(Some(i), n as usize));
        }
        labels.extend(std::iter::repeat_n(None, none as usize));
        let n = labels.len();
        let (mut sum, mut subsets) = (0.0, 0u64);
        for mask in 0u32..(1 << n) {
            if mask.count_ones() as usize != k {
                continue;
            }
            subsets += 1;
            let mut votes = vec![0usize; list.len()];
            for (j, l) in labels.iter().enumerate() {
                if let (true, Some(i)) = (mask >> j & 1 == 1, l) {
                    votes[*i] += 1;
                }
            }
            let top = *votes.iter().max().unwrap_or(&0);
            if top == 0 {
                continue;
            }
            let tied: Vec<usize> = (0..list.len()).filter(|&i| votes[i] == top).collect();
            let credit: f64 = tied
                .iter()
                .map(|&i| list[i].1 as f64 / list[i].0 as f64)
                .sum();
            sum += credit / tied.len() as f64;
        }
        sum / subsets as f64
    }

    fn check(list: &[(u64, u64)], none: u64) {
        let a = answers(list);
        let n = list.iter().map(|p| p.0).sum::<u64>() + none;
        let table = Binomials::new(n as usize);
        let curve = maj_curve(&table, &a, n, n as usize).expect("computable");
        for k in 1..=n as usize {
            let want = brute(list, none, k);
            assert!(
                (curve[k - 1] - want).abs() < 1e-12,
                "{list:?} none {none} k {k}: {} vs {want}",
                curve[k - 1]
            );
        }
    }

    #[test]
    fn small_cases_equal_every_subset() {
        check(&[(2, 2), (1, 0)], 0);
        check(&[(1, 1)], 1);
        check(&[(3, 3), (3, 0), (2, 0)], 2);
        check(&[(2, 0), (2, 2), (2, 0), (2, 0)], 1);
        check(&[(4, 4), (1, 0), (1, 0), (1, 0), (1, 0), (1, 0)], 0);
        check(&[(3, 1), (2, 2), (2, 0)], 3);
        check(&[(1, 1), (1, 0), (1, 1), (1, 0), (1, 0)], 0);
        check(&[(5, 0), (4, 4)], 3);
    }

    #[test]
    fn random_cases_equal_every_subset() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % m
        };
        for _ in 0..60 {
            let answers = 1 + next(5) as usize;
            let mut list = Vec::new();
            let mut total = 0;
            for _ in 0..answers {
                let n = 1 + next(4);
                let c = if next(3) == 0 { n } else { 0 };
                total += n;
                list.push((n, c));
            }
            let none = next(3).min(14 - total.min(14));
            if total + none <= 14 {
                check(&list, none);
            }
        }
    }

    #[test]
    fn hand_values() {
        // One correct answer among no-answers: maj@k = pass@k of the answered sample.
        let t = Binomials::new(4);
        let v = maj_curve(&t, &answers(&[(1, 1)]), 4, 4).unwrap();
        assert_eq!(v, [0.25, 0.5, 0.75, 1.0]);
        // Two answers of two samples, one correct: every k is ½ by symmetry.
        let v = maj_curve(&t, &answers(&[(2, 2), (2, 0)]), 4, 4).unwrap();
        assert!(v.iter().all(|x| (x - 0.5).abs() < 1e-15), "{v:?}");
        // No correct answer: 0; no answer at all: not computed.
        let v = maj_curve(&t, &answers(&[(3, 0), (1, 0)]), 4, 4).unwrap();
        assert_eq!(v, [0.0; 4]);
        assert_eq!(maj_curve(&t, &[], 4, 4), None);
    }

    /// A problem of n samples: `right` on the correct answer, the rest spread over 49 wrong
    /// answers in proportion to 1/j (the benchmark's Zipf shape), the remainder on the first.
    fn zipf(right: u64, n: u64) -> Vec<(u64, u64)> {
        let weights: Vec<f64> = (1..=49).map(|j| 1.0 / j as f64).collect();
        let total: f64 = weights.iter().sum();
        let wrong = n - right;
        let mut sizes: Vec<u64> = weights
            .iter()
            .map(|w| (wrong as f64 * w / total) as u64)
            .collect();
        sizes[0] += wrong - sizes.iter().sum::<u64>();
        let mut list = vec![(right, right)];
        list.extend(sizes.into_iter().filter(|&m| m > 0).map(|m| (m, 0)));
        list
    }

    #[test]
    fn dropped_cells_change_nothing_an_f64_shows() {
        // n = 1024 and 50 answers, the correct one losing, close, or winning: with and without
        // the dropped cells, within 10⁻¹⁸ at every k, while cells were dropped (the two differ).
        let t = Binomials::new(1024);
        let mut differ = false;
        for right in [40, 150, 250, 600] {
            let a = answers(&zipf(right, 1024));
            let all = maj_curve_dropping(&t, &a, 1024, 1024, 0.0).unwrap();
            let kept = maj_curve(&t, &a, 1024, 1024).unwrap();
            for (x, y) in all.iter().zip(&kept) {
                assert!((x - y).abs() < 1e-18, "{right}: {x} vs {y}");
                differ |= x != y;
            }
        }
        assert!(differ);
    }

    #[test]
    fn every_answer_s_wins_add_up_to_a_draw_with_a_vote() {
        // Crediting each answer in turn, the chances of winning add up to 1 − C(m_0, k) / C(n, k)
        // (a draw of unanswered samples alone elects nobody) at every k: n = 400, 30 answers.
        let mut list: Vec<(u64, u64)> = zipf(50, 380)
            .into_iter()
            .take(30)
            .map(|(m, _)| (m, 0))
            .collect();
        let answered: u64 = list.iter().map(|p| p.0).sum();
        let (n, none) = (400u64, 400 - answered);
        let t = Binomials::new(n as usize);
        let mut sum = vec![0.0; n as usize];
        for i in 0..list.len() {
            list[i].1 = list[i].0;
            let v = maj_curve(&t, &answers(&list), n, n as usize).unwrap();
            sum.iter_mut().zip(&v).for_each(|(s, v)| *s += v);
            list[i].1 = 0;
        }
        let (row_0, row_n) = (t.row(none as usize), t.row(n as usize));
        for (k, s) in (1..).zip(&sum) {
            let want = 1.0 - row_0.get(k).copied().unwrap_or(0.0) / row_n[k];
            assert!((s - want).abs() < 1e-12, "k = {k}: {s} vs {want}");
        }
    }

    #[test]
    fn products_survive_any_cut_off() {
        // However much is dropped (here far more than `DROP` ever drops, rows emptied whole),
        // what is left is read without a panic and is never more than the whole product.
        let t = Binomials::new(100);
        let mut state = 7u64;
        let mut next = |m: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % m
        };
        for _ in 0..400 {
            let mut answers: Vec<usize> = (0..1 + next(8)).map(|_| 1 + next(12) as usize).collect();
            answers.sort_unstable_by(|a, b| b.cmp(a));
            let x = 1 + next(answers[answers.len() - 1] as u64) as usize;
            let room = x + next(50) as usize;
            let drop = [0.0, 1e-6, 0.01, 0.3, 0.9][next(5) as usize];
            let (mut all, mut kept) = (Vec::new(), Vec::new());
            TieProduct::default().compute(&t, &answers, x, room, 0.0, &mut all);
            TieProduct::default().compute(&t, &answers, x, room, drop, &mut kept);
            for (d, v) in kept.iter().enumerate() {
                assert!(
                    *v <= all[d] * (1.0 + 1e-12),
                    "{answers:?} x {x}: {v} > {}",
                    all[d]
                );
            }
        }
    }

    #[test]
    fn large_n_is_exact_where_it_can_be_checked() {
        // A single answer that every sample gives, correct: 1 at every k, even at n = 1024.
        let t = Binomials::new(1024);
        let v = maj_curve(&t, &answers(&[(1024, 1024)]), 1024, 1024).unwrap();
        assert!(v.iter().all(|x| *x == 1.0));
        // Two equal halves, one correct: ½ at every k, by symmetry, to rounding.
        let v = maj_curve(&t, &answers(&[(512, 512), (512, 0)]), 1024, 1024).unwrap();
        let worst = v.iter().map(|x| (x - 0.5).abs()).fold(0.0, f64::max);
        assert!(worst < 1e-12, "{worst}");
        assert_eq!(
            maj_curve(&Binomials::new(1025), &answers(&[(1025, 1)]), 1025, 1),
            None
        );
    }
}
