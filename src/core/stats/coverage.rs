//! Coverage: which problems each subset of models solves with k samples each.
//!
//! # Formula
//! Over the problems every model has, for every subset R of the models (a "region"),
//! E[problems solved by exactly R] = Σ_problems Π_{m∈R} p_m · Π_{m∉R} (1 − p_m),
//! where p_m is that problem's pass@k for model m with k capped at its n. At k = n every p is
//! 0 or 1 and the regions are the exact coverage sets of Yue et al. (2025).

use super::estimator::pass_at_k;
use crate::counts::{Counts, Problems};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// More models than this make 2^M regions too many to show or export.
pub const MAX_MODELS: usize = 12;

/// One subset of models and the problems it is expected to cover exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// Bit i set ⇔ the i-th model (in model order) is in the region.
    pub mask: usize,
    /// The models' names joined by `+`, or `none`.
    pub name: String,
    /// Expected number of problems solved by exactly these models.
    pub expected: f64,
    /// Problems with a non-zero probability of landing here, most probable first, as indices
    /// into `Coverage::ids` (an id is not copied 2^M times).
    pub problems: Vec<(u32, f64)>,
}

/// Coverage of one benchmark at one k.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub benchmark: String,
    pub k: usize,
    /// The benchmark's models, in model order.
    pub models: Vec<String>,
    /// Problems every model has (the ones counted).
    pub n_common: usize,
    /// Their ids, in order of first appearance.
    pub ids: Vec<String>,
    /// Problems left out because some model lacks them, with the models that have them.
    pub left_out: Vec<(String, Vec<String>)>,
    /// All 2^M regions in binary order of the mask (`none` first).
    pub regions: Vec<Region>,
    /// True when k ≥ n for every counted problem and model, so counts are exact sets.
    pub exact: bool,
}

impl Coverage {
    /// The region made of exactly the models with these indices.
    pub fn region(&self, members: &[usize]) -> &Region {
        &self.regions[members.iter().map(|i| 1 << i).sum::<usize>()]
    }

    /// The problems of a region with their probabilities, most probable first.
    pub fn problems<'a>(&'a self, region: &'a Region) -> impl Iterator<Item = (&'a str, f64)> + 'a {
        region
            .problems
            .iter()
            .map(|&(i, p)| (self.ids[i as usize].as_str(), p))
    }

    /// The region where only model `i` solves the problem.
    pub fn only(&self, i: usize) -> &Region {
        self.region(&[i])
    }
}

/// The name of a region: member names joined by `+` in model order, or `none`.
pub fn region_name(models: &[String], mask: usize) -> String {
    let names: Vec<&str> = models
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, m)| m.as_str())
        .collect();
    if names.is_empty() {
        "none".into()
    } else {
        names.join("+")
    }
}

/// Coverage at k of one benchmark whose models (in model order) have these problems.
/// Returns `None` with more than `MAX_MODELS` models.
pub fn coverage(benchmark: &str, models: &[(String, &Problems)], k: usize) -> Option<Coverage> {
    let m = models.len();
    if m > MAX_MODELS || m == 0 || k == 0 {
        return None;
    }
    let names: Vec<String> = models.iter().map(|(n, _)| n.clone()).collect();
    let first = models[0].1;
    let mut ids: IndexMap<&str, ()> = first.keys().map(|id| (id.as_str(), ())).collect();
    for (_, problems) in &models[1..] {
        for id in problems.keys() {
            ids.entry(id.as_str()).or_insert(());
        }
    }
    let mut regions: Vec<Region> = (0..1usize << m)
        .map(|mask| Region {
            mask,
            name: region_name(&names, mask),
            expected: 0.0,
            problems: Vec::new(),
        })
        .collect();
    let mut left_out = Vec::new();
    let mut exact = true;
    let mut common = Vec::new();
    let mut probs = vec![0.0; 1 << m];
    // pass@k of each distinct (n, c), computed once: it costs O(k), and problems and models
    // share counts (at n = 1024 there are at most 1025 of them).
    let mut pass: HashMap<(u64, u64), f64> = HashMap::new();
    for id in ids.keys() {
        let counts: Vec<Option<&Counts>> = models.iter().map(|(_, p)| p.get(*id)).collect();
        if counts.iter().any(Option::is_none) {
            let have = models
                .iter()
                .zip(&counts)
                .filter(|(_, c)| c.is_some())
                .map(|((n, _), _)| n.clone());
            left_out.push(((*id).to_owned(), have.collect()));
            continue;
        }
        let index = common.len() as u32;
        common.push((*id).to_owned());
        // Expand the product over models one model at a time: 2^M terms.
        probs.fill(0.0);
        probs[0] = 1.0;
        for (i, c) in counts.iter().flatten().enumerate() {
            let kk = (k as u64).min(c.n);
            exact &= kk == c.n;
            let p = *pass
                .entry((c.n, c.c))
                .or_insert_with(|| pass_at_k(c.n, c.c, kk));
            for mask in 0..1usize << i {
                let before = probs[mask];
                probs[mask] = before * (1.0 - p);
                probs[mask | 1 << i] = before * p;
            }
        }
        for (region, &p) in regions.iter_mut().zip(&probs) {
            if p > 0.0 {
                region.expected += p;
                region.problems.push((index, p));
            }
        }
    }
    for r in &mut regions {
        r.problems.sort_by(|a, b| b.1.total_cmp(&a.1));
    }
    Some(Coverage {
        benchmark: benchmark.to_owned(),
        k,
        models: names,
        n_common: common.len(),
        ids: common,
        left_out,
        regions,
        exact,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counts::problems_of as problems;

    #[test]
    fn exact_sets_at_k_equal_n() {
        let a = problems(&[("1", 4, 1), ("2", 4, 0), ("3", 4, 4), ("4", 4, 0)]);
        let b = problems(&[
            ("1", 4, 2),
            ("2", 4, 3),
            ("3", 4, 0),
            ("4", 4, 0),
            ("5", 4, 1),
        ]);
        let cov = coverage("x", &[("a".into(), &a), ("b".into(), &b)], 4).unwrap();
        let counts: Vec<f64> = cov.regions.iter().map(|r| r.expected).collect();
        assert_eq!(counts, vec![1.0, 1.0, 1.0, 1.0]);
        assert_eq!(
            cov.regions
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>(),
            ["none", "a", "b", "a+b"]
        );
        assert_eq!(
            cov.problems(cov.only(0)).collect::<Vec<_>>(),
            vec![("3", 1.0)]
        );
        assert_eq!(cov.left_out, vec![("5".to_owned(), vec!["b".to_owned()])]);
        assert!(cov.exact && cov.n_common == 4);
    }

    #[test]
    fn expected_counts_at_small_k() {
        // One problem, pass@1 = 1/2 for a and 1/4 for b: independent draws.
        let a = problems(&[("1", 4, 2)]);
        let b = problems(&[("1", 4, 1)]);
        let cov = coverage("x", &[("a".into(), &a), ("b".into(), &b)], 1).unwrap();
        let counts: Vec<f64> = cov.regions.iter().map(|r| r.expected).collect();
        assert_eq!(counts, vec![0.5 * 0.75, 0.5 * 0.75, 0.5 * 0.25, 0.5 * 0.25]);
        assert!(!cov.exact);
    }
}
