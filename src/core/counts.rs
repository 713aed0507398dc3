//! The basic types everything else is built on: a problem's counts, a model's problems, a
//! file's table of them, and an interval. This module imports nothing of the core, so every
//! other module can depend on it without a circle.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// Samples drawn for one problem (`n`) and how many of them were correct (`c ≤ n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub n: u64,
    pub c: u64,
}

impl Counts {
    /// Pools more samples of the same problem (seeds split across files).
    pub fn add(&mut self, other: Counts) {
        self.n += other.n;
        self.c += other.c;
    }
}

/// Problem id → counts of one model on one benchmark, in order of first appearance.
pub type Problems = IndexMap<String, Counts>;

/// (benchmark, model) → problem → pooled counts, in order of first appearance.
pub type CountTable = IndexMap<(String, String), Problems>;

/// A 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    /// The interval of nothing (no items to resample).
    pub const NAN: Interval = Interval {
        low: f64::NAN,
        high: f64::NAN,
    };
}

/// Problems from (id, n, c) triples, for tests.
#[cfg(test)]
pub(crate) fn problems_of(list: &[(&str, u64, u64)]) -> Problems {
    list.iter()
        .map(|(id, n, c)| ((*id).to_owned(), Counts { n: *n, c: *c }))
        .collect()
}

/// What a loaded file contributes to the pooled data: its count table and, when the loading
/// worker computed them, the bootstrap bands of each (benchmark, model) of the table, in order.
/// Implemented by `read::ParsedFile`; the statistics take any such source, so they need not
/// know how a file was read.
pub trait FileCounts {
    fn counts(&self) -> &CountTable;
    /// Bands per entry of `counts()`, or none.
    fn bands(&self) -> &[Vec<Interval>] {
        &[]
    }
    /// The problems' metadata (`level`, `type`, …), or none.
    fn meta(&self) -> &[ProblemMeta] {
        &[]
    }
    /// The extracted answers of the samples that have one, or none.
    fn answers(&self) -> &[ProblemAnswers] {
        &[]
    }
}

/// Each distinct extracted answer of a problem's samples, in order of first appearance: `n`
/// samples give it, `c` of them are marked correct. Samples without an answer are not listed.
pub type Answers = Vec<(String, Counts)>;

/// The extracted answers of one (benchmark, model, problem).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemAnswers {
    pub benchmark: String,
    pub model: String,
    pub problem: String,
    pub answers: Answers,
}

/// Adds `more` answers of the same problem (seeds split across files) to `into`.
pub fn add_answers(into: &mut Answers, more: &[(String, Counts)]) {
    for (answer, counts) in more {
        match into.iter_mut().find(|(a, _)| a == answer) {
            Some((_, c)) => c.add(*counts),
            None => into.push((answer.clone(), *counts)),
        }
    }
}

/// A problem's metadata fields as its file gives them (`level`: `Level 3`), for slices.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemMeta {
    pub benchmark: String,
    pub problem: String,
    /// (field, value), in the order of `read::record::META_FIELDS`.
    pub fields: Vec<(String, String)>,
}

impl FileCounts for CountTable {
    fn counts(&self) -> &CountTable {
        self
    }
}
