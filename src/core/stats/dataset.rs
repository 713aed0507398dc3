//! All loaded results pooled into benchmarks × models × problems, and the pass@k curve of
//! every (benchmark, model) computed from them.

use super::bootstrap::passk_bands;
use super::compare::{compare, default_base, Comparison};
use super::coverage::{coverage, Coverage};
use super::estimator::CurveSums;
use super::majority::MajTask;
use super::rng::seed_of;
use crate::counts::{add_answers, Answers, CountTable, FileCounts, Interval, Problems};
use indexmap::{IndexMap, IndexSet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Every loaded result, pooled. Benchmarks and models keep the order of first appearance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// Model names in order of first appearance over all files (the contract's model order).
    pub models: IndexSet<String>,
    /// Benchmark → (index into `models`, that model's problems), sorted by model order.
    pub benchmarks: IndexMap<String, Vec<(usize, Problems)>>,
    /// (benchmark, problem) → its metadata fields, (field, value) (for slices).
    pub meta: IndexMap<(String, String), Vec<(String, String)>>,
    /// (benchmark, model, problem) → its samples' extracted answers (for maj@k); shared by the
    /// slices of the data.
    pub answers: Arc<IndexMap<(String, String, String), Answers>>,
}

impl Dataset {
    /// Pools parsed files, in the order given. Files that name the same model and problem add
    /// their samples together.
    pub fn from_files<'a, F: FileCounts + 'a>(files: impl IntoIterator<Item = &'a F>) -> Self {
        let mut ds = Dataset::default();
        let mut answers: IndexMap<(String, String, String), Answers> = IndexMap::new();
        for file in files {
            for a in file.answers() {
                let key = (a.benchmark.clone(), a.model.clone(), a.problem.clone());
                add_answers(answers.entry(key).or_default(), &a.answers);
            }
            for ((benchmark, model), problems) in file.counts() {
                let (m, _) = ds.models.insert_full(model.clone());
                let models = ds.benchmarks.entry(benchmark.clone()).or_default();
                let slot = match models.iter().position(|(i, _)| *i == m) {
                    Some(pos) => &mut models[pos].1,
                    None => {
                        models.push((m, Problems::new()));
                        &mut models.last_mut().expect("just pushed").1
                    }
                };
                for (id, counts) in problems {
                    slot.entry(id.clone()).or_default().add(*counts);
                }
            }
            for m in file.meta() {
                let fields = ds
                    .meta
                    .entry((m.benchmark.clone(), m.problem.clone()))
                    .or_default();
                for (field, value) in &m.fields {
                    match fields.iter_mut().find(|(f, _)| f == field) {
                        Some(slot) => slot.1 = value.clone(),
                        None => fields.push((field.clone(), value.clone())),
                    }
                }
            }
        }
        for models in ds.benchmarks.values_mut() {
            models.sort_by_key(|(m, _)| *m);
        }
        ds.answers = Arc::new(answers);
        ds
    }

    /// The mean maj@k of `model` on `benchmark` for k = 1 ..= `k_max` over its problems (of
    /// `problems`, which may be a slice of them) that have extracted answers, and how many those
    /// are; `None` when none has, or a problem has more than `majority::MAJ_MAX_N` samples.
    pub fn maj_curve(
        &self,
        benchmark: &str,
        model: &str,
        problems: &Problems,
        k_max: usize,
    ) -> Option<(Vec<f64>, usize)> {
        if self.answers.is_empty() {
            return None;
        }
        self.maj_task(benchmark, model, problems, k_max).run()
    }

    /// `maj_curve`'s work as a task another thread can run (the same numbers).
    pub fn maj_task(
        &self,
        benchmark: &str,
        model: &str,
        problems: &Problems,
        k_max: usize,
    ) -> MajTask {
        let (b, m) = (benchmark.to_owned(), model.to_owned());
        let problems = (problems.iter())
            .filter_map(|(id, c)| {
                let a = self.answers.get(&(b.clone(), m.clone(), id.clone()))?;
                Some((a.iter().map(|(_, counts)| *counts).collect(), c.n))
            })
            .collect();
        MajTask {
            model: model.to_owned(),
            problems,
            k_max,
        }
    }

    /// True when nothing usable is loaded.
    pub fn is_empty(&self) -> bool {
        self.benchmarks.is_empty()
    }

    /// Per-problem success rates c / n of `model` on `benchmark` (empty when it has none): the
    /// simulator's base rates from real data.
    ///
    /// ```
    /// use passk_lens_core::{read::parse_file, stats::Dataset};
    /// let f = parse_file("base.jsonl", "{\"idx\": 0, \"n\": 4, \"c\": 1}\n{\"idx\": 1, \"n\": 2, \"c\": 2}\n");
    /// assert_eq!(Dataset::from_files([&f]).rates_of("all", "base"), [0.25, 1.0]);
    /// ```
    pub fn rates_of(&self, benchmark: &str, model: &str) -> Vec<f64> {
        self.benchmark_models(benchmark)
            .into_iter()
            .find(|(m, _)| m == model)
            .map(|(_, problems)| problems.values().map(|c| c.c as f64 / c.n as f64).collect())
            .unwrap_or_default()
    }

    /// The models of one benchmark with their problems, in model order.
    pub fn benchmark_models(&self, benchmark: &str) -> Vec<(String, &Problems)> {
        self.benchmarks
            .get(benchmark)
            .map(|models| {
                models
                    .iter()
                    .map(|(m, p)| (self.models[*m].clone(), p))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The largest k every model has on every benchmark: the smallest n anywhere.
    pub fn largest_common_k(&self) -> usize {
        let ns = self
            .benchmarks
            .values()
            .flatten()
            .flat_map(|(_, p)| p.values().map(|c| c.n));
        ns.min().unwrap_or(0) as usize
    }

    /// Coverage at k of every benchmark (benchmarks with too many models are left out).
    pub fn coverages(&self, k: usize) -> Vec<Coverage> {
        self.benchmarks
            .keys()
            .filter_map(|b| coverage(b, &self.benchmark_models(b), k))
            .collect()
    }

    /// Every model against the base model on every benchmark. A benchmark without the chosen
    /// `base` compares against its own default base (first model named "base", else its first).
    pub fn comparisons(&self, curves: &[ModelCurve], base: &str) -> Vec<Comparison> {
        let find = |b: &str, m: &str| curves.iter().find(|c| c.benchmark == b && c.model == m);
        let mut out = Vec::new();
        for benchmark in self.benchmarks.keys() {
            let models = self.benchmark_models(benchmark);
            let chosen = models.iter().position(|(m, _)| m == base);
            let b = chosen.unwrap_or_else(|| default_base(models.iter().map(|(m, _)| m.as_str())));
            let Some((base_name, base_problems)) = models.get(b) else {
                continue;
            };
            let Some(base_curve) = find(benchmark, base_name) else {
                continue;
            };
            for (model, problems) in models.iter().filter(|(m, _)| m != base_name) {
                if let Some(curve) = find(benchmark, model) {
                    out.extend(compare((base_curve, base_problems), (curve, problems)));
                }
            }
        }
        out
    }

    /// The pass@k and pass^k curves of every (benchmark, model), in CSV row order.
    pub fn curves(&self) -> Vec<ModelCurve> {
        self.curves_with::<CountTable>(&[])
    }

    /// `curves`, taking a model's bands from the file they were loaded from when its problems
    /// are exactly that file's (the loading worker computed them: `file_bands`).
    pub fn curves_with<F: FileCounts>(&self, files: &[F]) -> Vec<ModelCurve> {
        self.benchmarks
            .iter()
            .flat_map(|(benchmark, models)| {
                models.iter().map(move |(m, problems)| {
                    let model = &self.models[*m];
                    let bands = files.iter().find_map(|f| {
                        let counts = f.counts();
                        let i = counts.get_index_of(&(benchmark.clone(), model.clone()))?;
                        let same = counts[i].iter().eq(problems.iter());
                        f.bands().get(i).filter(|_| same).cloned()
                    });
                    ModelCurve::with_bands(benchmark, *m, model, problems, bands)
                })
            })
            .collect()
    }
}

/// The bands `ModelCurve::new` computes for each (benchmark, model) of a file's counts, in
/// order.
pub fn file_bands(counts: &CountTable) -> Vec<Vec<Interval>> {
    counts
        .iter()
        .map(|((benchmark, model), problems)| ModelCurve::new(benchmark, 0, model, problems).bands)
        .collect()
}

/// Bands as one list of numbers, for the trip from the worker to the page (a typed array, exact
/// to the bit): per model its number of bands, then low, high, low, high, …
pub fn bands_to_numbers(bands: &[Vec<Interval>]) -> Vec<f64> {
    let mut out = Vec::new();
    for model in bands {
        out.push(model.len() as f64);
        out.extend(model.iter().flat_map(|b| [b.low, b.high]));
    }
    out
}

/// What `bands_to_numbers` wrote (a list cut short gives what it holds).
pub fn bands_from_numbers(numbers: &[f64]) -> Vec<Vec<Interval>> {
    let mut out = Vec::new();
    let mut rest = numbers;
    while let Some((&len, tail)) = rest.split_first() {
        let (model, next) = tail.split_at((len as usize).saturating_mul(2).min(tail.len()));
        let band = |b: &[f64]| Interval {
            low: b[0],
            high: b[1],
        };
        out.push(model.chunks_exact(2).map(band).collect());
        rest = next;
    }
    out
}

/// True when the curves come from more than one benchmark (so labels must name it).
pub fn spans_benchmarks(curves: &[ModelCurve]) -> bool {
    curves.iter().any(|c| c.benchmark != curves[0].benchmark)
}

/// Mean pass@k and pass^k over problems for k = 1 ..= `k_max` (at most the smallest n): O(N·K).
pub fn mean_curves(problems: &Problems, k_max: usize) -> (Vec<f64>, Vec<f64>) {
    let mut distinct: BTreeMap<(u64, u64), u32> = BTreeMap::new();
    for c in problems.values() {
        *distinct.entry((c.n, c.c)).or_default() += 1;
    }
    let mut sums = CurveSums::new(k_max);
    for ((n, c), times) in distinct {
        sums.add_times(n, c, times);
    }
    sums.means(problems.len())
}

/// The mean pass@k and pass^k of one model on one benchmark for k = 1 ..= K, where K is the
/// smallest n among its problems: beyond it some problem has no samples left, and inventing
/// them (as padding with the last value would) is not done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelCurve {
    pub benchmark: String,
    pub model: String,
    /// The model's place in model order (fixes its colour on every chart).
    pub model_index: usize,
    /// Problems averaged.
    pub n_problems: usize,
    /// `pass_at_k[k − 1]` = mean over problems of 1 − C(n−c, k)/C(n, k).
    pub pass_at_k: Vec<f64>,
    /// `pass_hat_k[k − 1]` = mean over problems of C(c, k)/C(n, k).
    pub pass_hat_k: Vec<f64>,
    /// `bands[k − 1]`: the 95 % bootstrap band of pass@k over problems (see `bootstrap`).
    pub bands: Vec<Interval>,
    /// The largest n among the problems (equal to K when every problem has the same n).
    pub n_max: u64,
    /// How many problems have the smallest n (= K), which is what stops the curve.
    pub n_at_k_max: usize,
}

impl ModelCurve {
    /// Averages the per-problem curves of one model's problems.
    pub fn new(benchmark: &str, model_index: usize, model: &str, problems: &Problems) -> Self {
        Self::with_bands(benchmark, model_index, model, problems, None)
    }

    /// `new`, with the bands when they were computed already (one per k = 1 ..= K; others
    /// are recomputed).
    pub fn with_bands(
        benchmark: &str,
        model_index: usize,
        model: &str,
        problems: &Problems,
        bands: Option<Vec<Interval>>,
    ) -> Self {
        let k_max = problems.values().map(|c| c.n).min().unwrap_or(0);
        let n_max = problems.values().map(|c| c.n).max().unwrap_or(0);
        let (pass_at_k, pass_hat_k) = mean_curves(problems, k_max as usize);
        let bands = bands
            .filter(|b| b.len() == pass_at_k.len())
            .unwrap_or_else(|| passk_bands(problems, &pass_at_k, seed_of(&[benchmark, model])));
        ModelCurve {
            benchmark: benchmark.to_owned(),
            model: model.to_owned(),
            model_index,
            n_problems: problems.len(),
            pass_at_k,
            pass_hat_k,
            bands,
            n_max,
            n_at_k_max: problems.values().filter(|c| c.n == k_max).count(),
        }
    }

    /// K: the largest k the curve reaches.
    pub fn k_max(&self) -> usize {
        self.pass_at_k.len()
    }

    /// pass@k for 1 ≤ k ≤ K.
    pub fn at(&self, k: usize) -> Option<f64> {
        k.checked_sub(1)
            .and_then(|i| self.pass_at_k.get(i))
            .copied()
    }

    /// The ks shown in the summary table: 1, 2, 4, … up to K, and K itself.
    pub fn table_ks(&self) -> Vec<usize> {
        let k_max = self.k_max();
        let mut ks: Vec<usize> = std::iter::successors(Some(1usize), |k| k.checked_mul(2))
            .take_while(|&k| k <= k_max)
            .collect();
        if k_max > 0 && ks.last() != Some(&k_max) {
            ks.push(k_max);
        }
        ks
    }
}
