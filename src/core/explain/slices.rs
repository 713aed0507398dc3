//! Slices: every view restricted to some of the problems. The slice field `base-rate` bins
//! problems by the base model's success rate c/n — 0 (the hard frontier: problems the base
//! model never solves), (0, ¼], (¼, ½], (½, ¾], (¾, 1) and 1 — so that a researcher can ask
//! where RL gains and where it loses; a metadata field the files give (`level`, `type`, …:
//! `read::record::META_FIELDS`) slices by its values.
//!
//! ```
//! use passk_lens_core::explain::slices::{base_rate_bin, slice_dataset, BASE_RATE_VALUES};
//! use passk_lens_core::read::parse_file;
//! use passk_lens_core::stats::Dataset;
//! assert_eq!([base_rate_bin(0, 8), base_rate_bin(2, 8), base_rate_bin(3, 8), base_rate_bin(7, 8), base_rate_bin(8, 8)],
//!            ["0", "(0–1/4]", "(1/4–1/2]", "(3/4–1)", "1"]);
//! assert_eq!(base_rate_bin(u64::MAX / 2, u64::MAX), "(1/4–1/2]");
//! let base = parse_file("base.jsonl", "{\"idx\": 0, \"n\": 4, \"c\": 0}\n{\"idx\": 1, \"n\": 4, \"c\": 4}\n");
//! let rl = parse_file("rl.jsonl", "{\"idx\": 0, \"n\": 4, \"c\": 1}\n{\"idx\": 1, \"n\": 4, \"c\": 4}\n");
//! let ds = Dataset::from_files([&base, &rl]);
//! // The hard frontier: problem 0 only, which the RL model solves once in four.
//! let frontier = slice_dataset(&ds, "base", "base-rate", BASE_RATE_VALUES[0]);
//! assert_eq!(frontier.rates_of("all", "rl"), [0.25]);
//! ```

use crate::counts::Problems;
use crate::read::record::META_FIELDS;
use crate::stats::compare::default_base;
use crate::stats::Dataset;
use std::collections::BTreeSet;

/// The slice field of the base model's success rate.
pub const BASE_RATE: &str = "base-rate";

/// The values of `base-rate`, in order.
pub const BASE_RATE_VALUES: [&str; 6] = ["0", "(0–1/4]", "(1/4–1/2]", "(1/2–3/4]", "(3/4–1)", "1"];

/// The `base-rate` value of a problem the base model solves in c of n samples (exact integer
/// comparisons: c/n = ¼ falls in (0–1/4]).
pub fn base_rate_bin(c: u64, n: u64) -> &'static str {
    let v = &BASE_RATE_VALUES;
    // In u128: no count overflows the products.
    let (c4, n) = (4 * u128::from(c), u128::from(n));
    if c == 0 || n == 0 {
        v[0]
    } else if c4 >= 4 * n {
        v[5]
    } else if c4 <= n {
        v[1]
    } else if c4 <= 2 * n {
        v[2]
    } else if c4 <= 3 * n {
        v[3]
    } else {
        v[4]
    }
}

/// The base model of `benchmark`: `base` when that benchmark has it, else its default (the
/// comparisons' rule).
fn base_of(ds: &Dataset, benchmark: &str, base: &str) -> Option<String> {
    let models = ds.benchmark_models(benchmark);
    let i = models
        .iter()
        .position(|(m, _)| m == base)
        .unwrap_or_else(|| default_base(models.iter().map(|(m, _)| m.as_str())));
    models.get(i).map(|(m, _)| m.clone())
}

/// The metadata fields the problems of `benchmark` have, in `META_FIELDS` order, each with its
/// values (sorted).
pub fn slice_fields(ds: &Dataset, benchmark: &str) -> Vec<(String, Vec<String>)> {
    META_FIELDS
        .iter()
        .filter_map(|field| {
            let values: BTreeSet<&str> = ds
                .meta
                .iter()
                .filter(|((b, _), _)| b == benchmark)
                .flat_map(|(_, fields)| fields.iter().filter(|(f, _)| f == field))
                .map(|(_, v)| v.as_str())
                .collect();
            (!values.is_empty()).then(|| {
                (
                    (*field).to_owned(),
                    values.into_iter().map(str::to_owned).collect(),
                )
            })
        })
        .collect()
}

/// Whether some problem has `value` in metadata field `field`.
pub fn has_value(ds: &Dataset, field: &str, value: &str) -> bool {
    ds.meta
        .values()
        .any(|fields| fields.iter().any(|(f, v)| f == field && v == value))
}

/// The problem ids of `benchmark` in slice `value` of `field` (`base-rate`, or a metadata
/// field).
pub fn ids_in(ds: &Dataset, benchmark: &str, base: &str, field: &str, value: &str) -> Vec<String> {
    if field != BASE_RATE {
        let mut ids: Vec<String> = Vec::new();
        for (_, problems) in ds.benchmark_models(benchmark) {
            for id in problems.keys() {
                let key = (benchmark.to_owned(), id.clone());
                let hit = ds
                    .meta
                    .get(&key)
                    .is_some_and(|fields| fields.iter().any(|(f, v)| f == field && v == value));
                if hit && !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        return ids;
    }
    let Some(base) = base_of(ds, benchmark, base) else {
        return Vec::new();
    };
    ds.benchmark_models(benchmark)
        .into_iter()
        .find(|(m, _)| *m == base)
        .map(|(_, problems)| {
            problems
                .iter()
                .filter(|(_, c)| base_rate_bin(c.c, c.n) == value)
                .map(|(id, _)| id.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The data restricted to the problems in slice `value` of `field` (for `base-rate`, the base
/// model's problems in that bin, per benchmark); models and benchmarks left with no problem
/// are left out. Model order (and so colours) is kept.
pub fn slice_dataset(ds: &Dataset, base: &str, field: &str, value: &str) -> Dataset {
    let mut out = Dataset {
        models: ds.models.clone(),
        meta: ds.meta.clone(),
        answers: ds.answers.clone(),
        ..Dataset::default()
    };
    for (benchmark, models) in &ds.benchmarks {
        let ids = ids_in(ds, benchmark, base, field, value);
        let kept: Vec<(usize, Problems)> = models
            .iter()
            .map(|(m, problems)| {
                let p: Problems = ids
                    .iter()
                    .filter_map(|id| problems.get(id).map(|c| (id.clone(), *c)))
                    .collect();
                (*m, p)
            })
            .filter(|(_, p)| !p.is_empty())
            .collect();
        if !kept.is_empty() {
            out.benchmarks.insert(benchmark.clone(), kept);
        }
    }
    out
}
