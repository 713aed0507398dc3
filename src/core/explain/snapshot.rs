//! Everything the page shows, computed from the pooled data and the user's choices in one
//! place: the statistics worker holds an `Analysis` (the data and what was computed for it) and
//! answers each `ViewRequest` with a `Snapshot`, which the page only draws. The choices' defaults
//! (the first benchmark, the base model, the largest k every model has) are resolved here, so
//! the page and a test agree on them.
//!
//! Results are kept between requests by what they depend on (the curves on the data alone,
//! the comparisons on the base model, the coverage on k), so that moving k recomputes the
//! coverage only.
//!
//! ```
//! use passk_lens_core::explain::snapshot::{Analysis, ViewRequest};
//! use passk_lens_core::read::parse_file;
//! let base = parse_file("base.jsonl", "{\"idx\": 0, \"n\": 4, \"c\": 1}\n{\"idx\": 1, \"n\": 4, \"c\": 0}\n");
//! let rl = parse_file("rl.jsonl", "{\"idx\": 0, \"n\": 4, \"c\": 4}\n{\"idx\": 1, \"n\": 4, \"c\": 0}\n");
//! let mut analysis = Analysis::new(&[base, rl]);
//! let s = analysis.snapshot(&ViewRequest::default());
//! assert_eq!((s.base.as_str(), s.k, s.models.len()), ("base", 4, 2));
//! // pass@k of the base on problem 0 (1 of 4 correct) is 1/4, 1/2, 3/4, 1 for k = 1 … 4: the
//! // base catches up with the RL model (which solves problem 0 always) at k = 4.
//! assert_eq!(s.comparisons[0].crossover, Some(4));
//! ```

use super::problem::{find_problem, problem_view, ProblemView};
use super::slices::{has_value, slice_dataset, slice_fields, BASE_RATE, BASE_RATE_VALUES};
use super::steps::{run_series, RunSeries};
use super::views::{
    accuracy, coverage_curves, problem_points, Accuracy, CoverageCurves, ProblemPoint,
};
use crate::counts::{CountTable, FileCounts, Interval, ProblemAnswers, ProblemMeta, Problems};
use crate::stats::compare::{default_base, Comparison};
use crate::stats::coverage::{coverage, Coverage};
use crate::stats::majority::{MajResult, MajTask};
use crate::stats::metrics::{cover_at, mean_bayes_curve};
use crate::stats::{Dataset, ModelCurve};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A loaded file as the statistics worker needs it: its counts and the bands the loading worker
/// computed for them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Loaded {
    pub counts: CountTable,
    pub bands: Vec<Vec<Interval>>,
    pub meta: Vec<ProblemMeta>,
    pub answers: Vec<ProblemAnswers>,
    /// Where its records lie in its file (the page sends the files beside, for the drawer).
    #[serde(default)]
    pub texts: crate::read::texts::TextIndex,
}

impl FileCounts for Loaded {
    fn counts(&self) -> &CountTable {
        &self.counts
    }
    fn bands(&self) -> &[Vec<Interval>] {
        &self.bands
    }
    fn meta(&self) -> &[ProblemMeta] {
        &self.meta
    }
    fn answers(&self) -> &[ProblemAnswers] {
        &self.answers
    }
}

/// A loaded file as the page holds it: its report, and the rest of what the loading worker
/// sent — counts, metadata, answers, the text index, as the postcard bytes that follow the
/// report in a `ParsedFile`'s — which the page hands on to the statistics worker unopened
/// (`Loaded::from_page`), with the bands as the numbers they crossed as. So the page's wasm
/// holds none of the code that reads or writes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageFile {
    pub report: crate::read::FileReport,
    pub data: Vec<u8>,
    pub bands: Vec<f64>,
}

impl PageFile {
    /// From a `ParsedFile`'s postcard bytes (`to_bytes`) and its bands as numbers.
    pub fn from_bytes(bytes: &[u8], bands: Vec<f64>) -> Result<PageFile, String> {
        let (report, data) = take_bytes(bytes)?;
        Ok(PageFile {
            report,
            data: data.to_vec(),
            bands,
        })
    }

    /// As the page holds `parsed`.
    pub fn of(parsed: &crate::read::ParsedFile) -> PageFile {
        let bands = crate::stats::dataset::bands_to_numbers(&parsed.bands);
        PageFile::from_bytes(&to_bytes(parsed), bands).expect("a file's own bytes read back")
    }

    /// The page's file for one that could not be read at all, saying why.
    pub fn unreadable(name: String, why: String) -> PageFile {
        PageFile {
            report: crate::read::FileReport::unreadable(name, why),
            ..PageFile::default()
        }
    }
}

/// What follows the report in a `ParsedFile`'s postcard bytes (its bands are skipped there).
#[derive(Deserialize)]
struct Tail {
    #[serde(with = "crate::read::report::count_table")]
    counts: CountTable,
    meta: Vec<ProblemMeta>,
    answers: Vec<ProblemAnswers>,
    texts: crate::read::texts::PackedTexts,
}

impl Loaded {
    /// What the statistics need of a file the page holds (`PageFile`'s data and bands), with
    /// the models renamed by hand: their counts pooled under the new names, their bands left
    /// to be computed again (the bootstrap is seeded by the model's name), their answers and
    /// texts renamed. Empty data (a file that could not be read) is an empty file.
    pub fn from_page(
        data: &[u8],
        bands: &[f64],
        renames: &std::collections::BTreeMap<String, String>,
    ) -> Result<Loaded, String> {
        if data.is_empty() {
            return Ok(Loaded::default());
        }
        let tail: Tail = from_bytes(data)?;
        let touched = tail.counts.keys().any(|(_, m)| renames.contains_key(m));
        let rename = |m: &String| renames.get(m).unwrap_or(m).clone();
        let mut texts = tail.texts.unpack();
        for g in &mut texts.groups {
            g.model = rename(&g.model);
        }
        Ok(Loaded {
            counts: crate::explain::steps::renamed(&tail.counts, renames),
            bands: if touched {
                Vec::new()
            } else {
                crate::stats::dataset::bands_from_numbers(bands)
            },
            meta: tail.meta,
            answers: (tail.answers.into_iter())
                .map(|a| ProblemAnswers {
                    model: rename(&a.model),
                    ..a
                })
                .collect(),
            texts,
        })
    }
}

/// A message between the page and its workers, as bytes: exact for every f64 (NaN
/// included), which JSON is not.
pub fn to_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).expect("a message always serialises")
}

/// What `to_bytes` wrote at the start of `bytes`, and the bytes after it.
pub fn take_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<(T, &[u8]), String> {
    postcard::take_from_bytes(bytes)
        .map_err(|e| format!("a message from a worker could not be read: {e}"))
}

/// What `to_bytes` wrote.
pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    postcard::from_bytes(bytes)
        .map_err(|e| format!("a message from a worker could not be read: {e}"))
}

/// What the user chose; `None` follows the default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewRequest {
    pub benchmark: Option<String>,
    pub base: Option<String>,
    pub k: Option<usize>,
    /// The model the per-problem view compares with the base.
    pub other: Option<String>,
    /// Also the Bayesian pass@k of the shown benchmark's models (the metric chosen).
    pub bayes: bool,
    /// Also the maj@k of the shown benchmark's models that have extracted answers.
    pub maj: bool,
    /// When not empty, the shown benchmark's coverage (at k and as k grows) is of these models
    /// only: a training run's step slider shows its first and chosen checkpoints.
    pub focus: Vec<String>,
    /// Every view restricted to a slice of the problems: (field, value); the field is
    /// `base-rate` (`explain::slices`).
    pub slice: Option<(String, String)>,
    /// The problem looked at closely: its id, or words of it (`problem::find_problem`).
    pub problem: Option<String>,
}

/// A curve of another measure than pass@k, for one model of the shown benchmark.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricCurve {
    pub model: String,
    /// The model's place in model order (its colour).
    pub model_index: usize,
    /// The value at each point (k = 1, 2, …, or each τ of `COVER_TAUS`).
    pub values: Vec<f64>,
    /// The largest k the samples reach (the model's smallest n); a Bayesian curve goes on to
    /// `BAYES_REACH` times it, an estimate beyond what was sampled.
    pub sampled: usize,
}

/// A model's maj@k curve, over the problems whose samples have extracted answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MajCurve {
    pub curve: MetricCurve,
    /// How many problems have extracted answers (the curve's mean is over these).
    pub problems: usize,
}

/// How far beyond the samples the Bayesian pass@k is drawn: k up to this many times n.
pub const BAYES_REACH: usize = 4;

/// A metric's curve of `name` on `problems`, with its colour (the model's index) and the fewest
/// samples its problems have.
fn metric_curve(d: &Dataset, values: Vec<f64>, name: &str, problems: &Problems) -> MetricCurve {
    MetricCurve {
        model: name.to_owned(),
        model_index: d.models.get_index_of(name).unwrap_or(0),
        values,
        sampled: problems.values().map(|c| c.n as usize).min().unwrap_or(0),
    }
}

/// The τ of the cover@τ curves: 0, 0.01, …, 1.
pub fn cover_taus() -> Vec<f64> {
    (0..=100).map(|i| f64::from(i) / 100.0).collect()
}

/// What the page draws for a view.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Benchmark names, in order of first appearance, and the one shown.
    pub benchmarks: Vec<String>,
    pub benchmark: String,
    /// Model names, in model order, and the base model.
    pub models: Vec<String>,
    pub base: String,
    /// The largest k offered (the largest n) and the k of the coverage views.
    pub k_limit: usize,
    pub k: usize,
    /// pass@k, pass^k and bands of every (benchmark, model).
    pub curves: Vec<ModelCurve>,
    /// Every model against the base model, on every benchmark.
    pub comparisons: Vec<Comparison>,
    /// Coverage at k of every benchmark.
    pub coverages: Vec<Coverage>,
    /// Palette index of each model of the shown benchmark's coverage views (its focus).
    pub colors: Vec<usize>,
    /// Coverage as k grows, on the shown benchmark.
    pub coverage_k: CoverageCurves,
    /// The models the per-problem view can compare with the base, and the pair it shows
    /// (names with palette indices).
    pub others: Vec<String>,
    pub pair: ((String, usize), (String, usize)),
    /// Per-problem success rates of that pair.
    pub points: Vec<ProblemPoint>,
    /// The base model's per-problem success rates on the shown benchmark (the simulator's).
    pub base_rates: Vec<f64>,
    /// cover@τ of each of the shown benchmark's models, τ = 0, 0.01, …, 1.
    pub cover: Vec<MetricCurve>,
    /// The Bayesian pass@k of each of the shown benchmark's models, when asked for.
    pub bayes: Vec<MetricCurve>,
    /// The maj@k of each of the shown benchmark's models with extracted answers, when asked for.
    pub maj: Vec<MajCurve>,
    /// maj@k was asked for and is still being computed (`Analysis::defer_maj`).
    pub maj_pending: bool,
    /// The problem asked for, on the shown benchmark, when one matches.
    pub problem: Option<ProblemView>,
    /// What was asked for (`ViewRequest::problem`): a page that finds `problem` empty knows
    /// whether it is the answer to its latest question.
    #[serde(default)]
    pub problem_asked: Option<String>,
    /// The shown benchmark's training runs (checkpoints `<run>@<step>`), step by step.
    pub steps: Vec<RunSeries>,
    /// The shown benchmark's problems by success rate, per model.
    pub accuracy: Vec<Accuracy>,
    /// The slice every view is restricted to, if any.
    pub slice: Option<(String, String)>,
    /// The metadata fields the shown benchmark's problems have, with their values (slices).
    pub slice_fields: Vec<(String, Vec<String>)>,
}

impl Snapshot {
    /// The comparisons of the shown benchmark.
    pub fn shown_comparisons(&self) -> Vec<Comparison> {
        let b = &self.benchmark;
        self.comparisons
            .iter()
            .filter(|c| &c.benchmark == b)
            .cloned()
            .collect()
    }

    /// The curves of the shown benchmark.
    pub fn shown_curves(&self) -> Vec<ModelCurve> {
        let b = &self.benchmark;
        self.curves
            .iter()
            .filter(|c| &c.benchmark == b)
            .cloned()
            .collect()
    }

    /// Coverage at k of the shown benchmark.
    pub fn coverage(&self) -> Option<Coverage> {
        self.coverages
            .iter()
            .find(|c| c.benchmark == self.benchmark)
            .cloned()
    }
}

/// What the coverage of every benchmark depends on: k, and the shown benchmark's focus.
type CoverageKey = (usize, String, Vec<String>);

/// The pooled data and what was computed for it.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    dataset: Dataset,
    curves: Vec<ModelCurve>,
    /// Comparisons for a base model.
    comparisons: Option<(String, Vec<Comparison>)>,
    /// Coverage of every benchmark at a k, with the shown benchmark's focus.
    coverages: Option<(CoverageKey, Vec<Coverage>)>,
    /// Coverage as k grows, on a benchmark, of the focus.
    coverage_k: Option<((String, Vec<String>), CoverageCurves)>,
    /// The analysis of a slice of the problems, for a (slice value, base model).
    sliced: Option<((String, String), Box<Analysis>)>,
    /// The last view asked for the slice.
    in_slice: bool,
    /// maj@k of a benchmark's models (it costs the most of any view: computed once).
    maj: Option<(String, Vec<MajCurve>)>,
    /// Leave maj@k that costs more than `MAJ_AT_ONCE` to the caller (`take_maj_work`).
    defer_maj: bool,
    /// maj@k asked for and left to the caller: its benchmark, and its work until taken.
    maj_work: Option<(String, Option<Vec<MajTask>>)>,
}

/// The most maj@k work (`MajTask::cost`) a view computes itself when `Analysis::defer_maj` is
/// set: about 50 ms in a browser. More is left to the caller, which can run it on other threads
/// and answer other views meanwhile.
pub const MAJ_AT_ONCE: u64 = 4_000_000;

impl Analysis {
    /// Pools the files (taking a model's bands from its file where the loading worker computed
    /// them) and averages the curves.
    pub fn new<F: FileCounts>(files: &[F]) -> Analysis {
        let dataset = Dataset::from_files(files);
        let curves = dataset.curves_with(files);
        Analysis {
            dataset,
            curves,
            ..Analysis::default()
        }
    }

    /// From now on, a view's maj@k that costs more than `MAJ_AT_ONCE` is not computed by
    /// `snapshot`, which says it is pending (`Snapshot::maj_pending`); `take_maj_work` hands
    /// the work out and `finish_maj` takes its results.
    pub fn defer_maj(&mut self) {
        self.defer_maj = true;
    }

    /// The maj@k work the last view left pending, once: one task per model of its benchmark.
    pub fn take_maj_work(&mut self) -> Option<(String, Vec<MajTask>)> {
        let active = match &mut self.sliced {
            Some((_, sliced)) if self.in_slice => sliced,
            _ => self,
        };
        let (benchmark, work) = active.maj_work.as_mut()?;
        Some((benchmark.clone(), work.take()?))
    }

    /// The results of the work `take_maj_work` handed out for `benchmark` (each task's
    /// `MajTask::run`, in order); ignored unless that work is still the pending one (another
    /// benchmark or slice may have been asked for since). True when taken: the next snapshot
    /// of that view has its maj@k.
    pub fn finish_maj(&mut self, benchmark: &str, results: Vec<MajResult>) -> bool {
        let handed_out = |a: &Analysis| matches!(&a.maj_work, Some((b, None)) if b == benchmark);
        let owner = if handed_out(self) {
            self
        } else {
            match &mut self.sliced {
                Some((_, sliced)) if handed_out(sliced) => sliced.as_mut(),
                _ => return false,
            }
        };
        owner.maj_work = None;
        let curves = {
            let d = &owner.dataset;
            let shown = d.benchmark_models(benchmark);
            results
                .into_iter()
                .filter_map(|(model, result)| {
                    let (values, count) = result?;
                    let problems = shown.iter().find(|(m, _)| *m == model)?.1;
                    Some(MajCurve {
                        curve: metric_curve(d, values, &model, problems),
                        problems: count,
                    })
                })
                .collect()
        };
        owner.maj = Some((benchmark.to_owned(), curves));
        true
    }

    /// The maj@k of `model` on `benchmark` computed for a view already, with how many problems
    /// it is over (for metrics.csv).
    pub fn maj_known(&self, benchmark: &str, model: &str) -> Option<(Vec<f64>, usize)> {
        let (_, curves) = self.maj.as_ref().filter(|(b, _)| b == benchmark)?;
        let m = curves.iter().find(|m| m.curve.model == model)?;
        Some((m.curve.values.clone(), m.problems))
    }

    /// The analysis the last view showed: the slice's, when it asked for one (the exports
    /// computed here follow the view).
    pub fn active(&self) -> &Analysis {
        match &self.sliced {
            Some((_, sliced)) if self.in_slice => sliced,
            _ => self,
        }
    }

    /// The curves of every (benchmark, model) (for exports).
    pub fn curves(&self) -> &[ModelCurve] {
        &self.curves
    }

    /// The pooled data (for exports and share links).
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// Everything the page shows for `view`.
    pub fn snapshot(&mut self, view: &ViewRequest) -> Snapshot {
        let fields = |a: &Analysis, b: Option<&String>| {
            let first = a.dataset.benchmarks.keys().next();
            b.filter(|b| a.dataset.benchmarks.contains_key(*b))
                .or(first)
                .map(|b| slice_fields(&a.dataset, b))
                .unwrap_or_default()
        };
        let slice = view.slice.clone().filter(|(field, value)| {
            if field == BASE_RATE {
                BASE_RATE_VALUES.contains(&value.as_str())
            } else {
                has_value(&self.dataset, field, value)
            }
        });
        self.in_slice = slice.is_some();
        if let Some((field, value)) = slice {
            let models: Vec<&str> = self.dataset.models.iter().map(String::as_str).collect();
            let base = view
                .base
                .clone()
                .filter(|b| models.contains(&b.as_str()))
                .or_else(|| {
                    models
                        .get(default_base(models.iter().copied()))
                        .map(|m| (*m).to_owned())
                })
                .unwrap_or_default();
            let key = (format!("{field}\t{value}"), base.clone());
            if self.sliced.as_ref().is_none_or(|(k, _)| *k != key) {
                let dataset = slice_dataset(&self.dataset, &base, &field, &value);
                let curves = dataset.curves();
                let sliced = Analysis {
                    dataset,
                    curves,
                    defer_maj: self.defer_maj,
                    ..Analysis::default()
                };
                self.sliced = Some((key, Box::new(sliced)));
            }
            let inner = ViewRequest {
                slice: None,
                base: Some(base),
                ..view.clone()
            };
            let (_, sliced) = self.sliced.as_mut().expect("just set");
            let mut snapshot = sliced.snapshot(&inner);
            snapshot.slice = Some((field, value));
            snapshot.slice_fields = fields(self, view.benchmark.as_ref());
            return snapshot;
        }
        let d = &self.dataset;
        let benchmarks: Vec<String> = d.benchmarks.keys().cloned().collect();
        let benchmark = view
            .benchmark
            .clone()
            .filter(|b| benchmarks.contains(b))
            .or_else(|| benchmarks.first().cloned())
            .unwrap_or_default();
        let models: Vec<String> = d.models.iter().cloned().collect();
        let default = models
            .get(default_base(models.iter().map(String::as_str)))
            .cloned();
        let base = view
            .base
            .clone()
            .filter(|b| models.contains(b))
            .or(default)
            .unwrap_or_default();
        let k_limit = self
            .curves
            .iter()
            .map(|c| c.n_max as usize)
            .max()
            .unwrap_or(1)
            .max(1);
        let k = view
            .k
            .unwrap_or(d.largest_common_k().max(1))
            .clamp(1, k_limit);

        if self.comparisons.as_ref().is_none_or(|(b, _)| *b != base) {
            let c = d.comparisons(&self.curves, &base);
            self.comparisons = Some((base.clone(), c));
        }
        let shown = d.benchmark_models(&benchmark);
        // The focus, when it names models of the shown benchmark.
        let focus: Vec<String> = shown
            .iter()
            .map(|(m, _)| m.clone())
            .filter(|m| view.focus.contains(m))
            .collect();
        let focused: Vec<(String, &crate::counts::Problems)> = if focus.is_empty() {
            shown.clone()
        } else {
            shown
                .iter()
                .filter(|(m, _)| focus.contains(m))
                .cloned()
                .collect()
        };
        let key = (k, benchmark.clone(), focus.clone());
        if self.coverages.as_ref().is_none_or(|(at, _)| *at != key) {
            let mut all = d.coverages(k);
            if !focus.is_empty() {
                all.retain(|c| c.benchmark != benchmark);
                all.extend(coverage(&benchmark, &focused, k));
            }
            self.coverages = Some((key, all));
        }
        let key = (benchmark.clone(), focus);
        if self.coverage_k.as_ref().is_none_or(|(at, _)| *at != key) {
            self.coverage_k = Some((key, coverage_curves(&focused)));
        }
        let comparisons = self
            .comparisons
            .as_ref()
            .map(|(_, c)| c.clone())
            .unwrap_or_default();
        let index = |name: &str| d.models.get_index_of(name).unwrap_or(0);
        let colors: Vec<usize> = focused.iter().map(|(n, _)| index(n)).collect();

        // The per-problem view: the benchmark's base (its own default when the chosen base is
        // not among its models) against one other model.
        let benchmark_base = comparisons
            .iter()
            .find(|c| c.benchmark == benchmark)
            .map_or_else(|| base.clone(), |c| c.base.clone());
        let others: Vec<String> = shown
            .iter()
            .map(|(n, _)| n.clone())
            .filter(|n| *n != benchmark_base)
            .collect();
        let other = view
            .other
            .clone()
            .filter(|o| others.contains(o))
            .or_else(|| others.first().cloned())
            .unwrap_or_default();
        let find = |n: &str| shown.iter().find(|(x, _)| x == n).map(|(_, p)| *p);
        let points = match (find(&benchmark_base), find(&other)) {
            (Some(bp), Some(mp)) if benchmark_base != other => problem_points(bp, mp),
            _ => Vec::new(),
        };
        let pair = (
            (benchmark_base.clone(), index(&benchmark_base)),
            (other.clone(), index(&other)),
        );
        let metric = |values: Vec<f64>, name: &str, problems: &crate::counts::Problems| {
            metric_curve(d, values, name, problems)
        };
        let taus = cover_taus();
        let cover = shown
            .iter()
            .map(|(name, problems)| metric(cover_at(problems, &taus), name, problems))
            .collect();
        let bayes = if view.bayes {
            shown
                .iter()
                .map(|(name, problems)| {
                    let reach =
                        BAYES_REACH * problems.values().map(|c| c.n as usize).min().unwrap_or(0);
                    metric(mean_bayes_curve(problems, reach), name, problems)
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut maj_pending = false;
        let maj = if view.maj {
            if self.maj.as_ref().is_none_or(|(b, _)| *b != benchmark) {
                if self.maj_work.as_ref().is_some_and(|(b, _)| *b == benchmark) {
                    // Left to the caller already: its results come later.
                    maj_pending = true;
                } else {
                    let k_max = |p: &crate::counts::Problems| {
                        p.values().map(|c| c.n as usize).min().unwrap_or(0)
                    };
                    let tasks: Vec<MajTask> = if d.answers.is_empty() {
                        Vec::new()
                    } else {
                        (shown.iter())
                            .map(|(name, p)| d.maj_task(&benchmark, name, p, k_max(p)))
                            .collect()
                    };
                    if self.defer_maj && tasks.iter().map(MajTask::cost).sum::<u64>() > MAJ_AT_ONCE
                    {
                        maj_pending = true;
                        self.maj_work = Some((benchmark.clone(), Some(tasks)));
                    } else {
                        let curves = (shown.iter().zip(tasks))
                            .filter_map(|((name, problems), task)| {
                                let (values, count) = task.run()?;
                                Some(MajCurve {
                                    curve: metric(values, name, problems),
                                    problems: count,
                                })
                            })
                            .collect();
                        self.maj = Some((benchmark.clone(), curves));
                    }
                }
            }
            (self.maj.iter())
                .filter(|(b, _)| *b == benchmark)
                .flat_map(|(_, c)| c.clone())
                .collect()
        } else {
            Vec::new()
        };
        let problem = view
            .problem
            .as_deref()
            .and_then(|q| find_problem(d, &benchmark, q))
            .and_then(|id| problem_view(d, &benchmark, &id, k));
        Snapshot {
            maj,
            maj_pending,
            problem,
            problem_asked: view.problem.clone(),
            slice: None,
            slice_fields: slice_fields(d, &benchmark),
            steps: run_series(d, &self.curves, &benchmark),
            accuracy: accuracy(
                &shown
                    .iter()
                    .map(|(name, problems)| (name.clone(), index(name), *problems))
                    .collect::<Vec<_>>(),
            ),
            cover,
            bayes,
            base_rates: d.rates_of(&benchmark, &base),
            benchmarks,
            models,
            base,
            k_limit,
            k,
            curves: self.curves.clone(),
            comparisons,
            coverages: self
                .coverages
                .as_ref()
                .map(|(_, c)| c.clone())
                .unwrap_or_default(),
            colors,
            coverage_k: self
                .coverage_k
                .as_ref()
                .map(|(_, c)| c.clone())
                .unwrap_or_default(),
            others,
            pair,
            points,
            benchmark,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::parse_file;

    fn two_benchmarks() -> Vec<crate::read::ParsedFile> {
        let text = |m: &str, b: &str, cs: [u64; 3]| {
            cs.iter()
                .enumerate()
                .map(|(i, c)| {
                    format!("{{\"model\": \"{m}\", \"benchmark\": \"{b}\", \"idx\": {i}, \"n\": 8, \"c\": {c}}}\n")
                })
                .collect::<String>()
        };
        vec![
            parse_file(
                "a.jsonl",
                &(text("base", "A", [1, 0, 8]) + &text("rl", "A", [8, 0, 8])),
            ),
            parse_file(
                "b.jsonl",
                &(text("rl", "B", [2, 2, 2]) + &text("sft", "B", [1, 0, 3])),
            ),
        ]
    }

    #[test]
    fn maj_at_k_and_the_drawer_come_with_the_view_asked_for() {
        let base = parse_file(
            "base.jsonl",
            "{\"idx\": 0, \"pred\": [\"4\", \"4\", \"5\"], \"score\": [true, true, false]}\n",
        );
        let counts = parse_file("other.jsonl", "{\"idx\": 0, \"n\": 3, \"c\": 1}\n");
        let mut a = Analysis::new(&[base, counts]);
        assert!(a.snapshot(&ViewRequest::default()).maj.is_empty());
        let view = |k| ViewRequest {
            maj: true,
            k: Some(k),
            problem: Some("0".into()),
            ..ViewRequest::default()
        };
        let s = a.snapshot(&view(1));
        // Only the model with answers has a curve: maj@1 = 2/3, maj@2 = 1/3 · 1 + 2/3 · ½ = 2/3,
        // maj@3 = 1 ("4" twice against "5" once).
        assert_eq!(s.maj.len(), 1);
        assert_eq!(
            (s.maj[0].curve.model.as_str(), s.maj[0].problems),
            ("base", 1)
        );
        let v = &s.maj[0].curve.values;
        assert!((v[0] - 2.0 / 3.0).abs() < 1e-15 && (v[1] - 2.0 / 3.0).abs() < 1e-15);
        assert_eq!(v[2], 1.0);
        // A new k reuses them; the drawer's pass@k follows k.
        let again = a.snapshot(&view(3));
        assert_eq!(again.maj, s.maj);
        let drawer = again.problem.expect("problem 0");
        assert_eq!(drawer.models.len(), 2);
        assert_eq!(drawer.models[0].pass_at_k, 1.0);
        assert!((s.problem.unwrap().models[0].pass_at_k - 2.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn costly_maj_at_k_is_left_to_the_caller_and_comes_back_the_same() {
        // Two models, 700 problems of 64 samples spread over 50 answers each: more work than a
        // view computes itself once deferral is asked for.
        let file = |model: &str| {
            let mut text = String::new();
            for i in 0..700 {
                let answer = |j: usize| (j * 7 + i * 3 + model.len()) % 50;
                let preds: Vec<String> = (0..64).map(|j| format!("\"a{}\"", answer(j))).collect();
                let scores: Vec<&str> = (0..64)
                    .map(|j| if answer(j) == 0 { "true" } else { "false" })
                    .collect();
                text += &format!(
                    "{{\"idx\": {i}, \"pred\": [{}], \"score\": [{}]}}\n",
                    preds.join(","),
                    scores.join(",")
                );
            }
            parse_file(&format!("{model}.jsonl"), &text)
        };
        let files = [file("base"), file("rl")];
        let view = ViewRequest {
            maj: true,
            ..ViewRequest::default()
        };
        let want = Analysis::new(&files).snapshot(&view);
        assert_eq!((want.maj.len(), want.maj_pending), (2, false));
        let mut a = Analysis::new(&files);
        a.defer_maj();
        let s = a.snapshot(&view);
        assert!(s.maj_pending && s.maj.is_empty());
        // The work is handed out once; views asked meanwhile say it is still pending.
        let (benchmark, tasks) = a.take_maj_work().expect("pending work");
        assert!(a.take_maj_work().is_none());
        assert!(a.snapshot(&view).maj_pending);
        assert!(tasks.iter().map(MajTask::cost).sum::<u64>() > MAJ_AT_ONCE);
        let results: Vec<_> = tasks.iter().map(|t| (t.model.clone(), t.run())).collect();
        assert!(!a.finish_maj("another benchmark", results.clone()));
        assert!(a.finish_maj(&benchmark, results));
        let s = a.snapshot(&view);
        assert!(!s.maj_pending);
        assert_eq!(s.maj, want.maj, "the same numbers, to the last bit");
        // metrics.csv takes them as computed, the same as computing them again.
        let known = |b: &str, m: &str| a.maj_known(b, m);
        let csv = crate::export::csv::metrics_csv_with(a.dataset(), a.curves(), &known);
        assert_eq!(
            csv,
            crate::export::csv::metrics_csv(a.dataset(), a.curves())
        );
        // It does take them (a stand-in curve is written as given), and only when they cover
        // every k (a shorter one is computed again).
        let k_max = s.maj[0].curve.values.len();
        let stand_in =
            |len: usize| move |_: &str, m: &str| (m == "rl").then(|| (vec![0.5; len], 7));
        let csv = crate::export::csv::metrics_csv_with(a.dataset(), a.curves(), &stand_in(k_max));
        assert!(csv.contains("all,rl,maj@k,1,0.5,,,7\n"), "{csv}");
        let short = stand_in(k_max - 1);
        let csv = crate::export::csv::metrics_csv_with(a.dataset(), a.curves(), &short);
        assert_eq!(
            csv,
            crate::export::csv::metrics_csv(a.dataset(), a.curves())
        );
        assert!(a.maj_known(&benchmark, "rl").is_some());
        assert!(a.maj_known("another benchmark", "rl").is_none());
        // Cheap maj@k is still computed at once.
        let small = parse_file(
            "base.jsonl",
            "{\"idx\": 0, \"pred\": [\"4\", \"4\", \"5\"], \"score\": [true, true, false]}\n",
        );
        let mut a = Analysis::new(&[small]);
        a.defer_maj();
        let s = a.snapshot(&view);
        assert_eq!((s.maj.len(), s.maj_pending), (1, false));
        assert!(a.take_maj_work().is_none());
    }

    #[test]
    fn defaults_follow_the_data_and_choices_that_do_not_fit_are_ignored() {
        let mut a = Analysis::new(&two_benchmarks());
        let s = a.snapshot(&ViewRequest::default());
        assert_eq!(
            (s.benchmark.as_str(), s.base.as_str(), s.k),
            ("A", "base", 8)
        );
        assert_eq!(s.models, ["base", "rl", "sft"]);
        assert_eq!(
            (s.others.as_slice(), s.pair.1 .0.as_str()),
            (&["rl".to_owned()][..], "rl")
        );
        assert_eq!(s.colors, [0, 1]);
        assert_eq!(s.base_rates, [1.0 / 8.0, 0.0, 1.0]);
        let odd = ViewRequest {
            benchmark: Some("nope".into()),
            base: Some("nope".into()),
            k: Some(10_000),
            other: Some("nope".into()),
            bayes: false,
            maj: false,
            focus: vec!["nope".into()],
            slice: Some(("nope".into(), "0".into())),
            problem: Some("nope".into()),
        };
        let s2 = a.snapshot(&odd);
        assert_eq!(s2.problem, None);
        assert_eq!((s2.benchmark, s2.base, s2.k), (s.benchmark, s.base, 8));
        // On B the chosen base is absent: B compares against its own default (its first model).
        let s = a.snapshot(&ViewRequest {
            benchmark: Some("B".into()),
            ..ViewRequest::default()
        });
        assert_eq!(s.pair.0 .0, "rl");
        assert_eq!(s.others, ["sft"]);
        assert_eq!(s.colors, [1, 2]);
    }

    #[test]
    fn messages_cross_to_the_bit() {
        let files = two_benchmarks();
        let loaded: Vec<Loaded> = files
            .iter()
            .map(|f| Loaded {
                counts: f.counts.clone(),
                meta: Vec::new(),
                answers: Vec::new(),
                texts: Default::default(),
                bands: vec![vec![
                    Interval::NAN,
                    Interval {
                        low: 0.1,
                        high: 1.0 / 3.0,
                    },
                ]],
            })
            .collect();
        let back: Vec<Loaded> = from_bytes(&to_bytes(&loaded)).unwrap();
        assert_eq!(back[0].counts, loaded[0].counts);
        assert!(back[0].bands[0][0].low.is_nan());
        assert_eq!(back[0].bands[0][1].high.to_bits(), (1.0f64 / 3.0).to_bits());
        let s = Analysis::new(&files).snapshot(&ViewRequest::default());
        let again: Snapshot = from_bytes(&to_bytes(&s)).unwrap();
        // Bit for bit, NaN bands included (PartialEq would call NaN unequal).
        assert_eq!(format!("{again:?}"), format!("{s:?}"));
        assert!(from_bytes::<Snapshot>(&[1, 2, 3]).is_err());
    }

    #[test]
    fn a_snapshot_equals_computing_each_part_directly() {
        let files = two_benchmarks();
        let mut a = Analysis::new(&files);
        let view = ViewRequest {
            k: Some(2),
            ..ViewRequest::default()
        };
        let s = a.snapshot(&view);
        let d = Dataset::from_files(&files);
        let curves = d.curves();
        assert_eq!(s.curves, curves);
        assert_eq!(s.comparisons, d.comparisons(&curves, "base"));
        assert_eq!(s.coverages, d.coverages(2));
        assert_eq!(s.coverage_k, coverage_curves(&d.benchmark_models("A")));
        // The same view again, and after other views, gives the same snapshot (the caches are
        // keyed right).
        let _ = a.snapshot(&ViewRequest {
            k: Some(5),
            base: Some("rl".into()),
            benchmark: Some("B".into()),
            ..ViewRequest::default()
        });
        assert_eq!(a.snapshot(&view), s);
    }

    #[test]
    fn a_focus_narrows_the_shown_benchmarks_coverage_only() {
        // Three checkpoints of a run: coverage of all three, then of steps 0 and 20 only.
        let line = |m: &str, b: &str, p: usize, c: u64| {
            format!("{{\"model\": \"{m}\", \"benchmark\": \"{b}\", \"idx\": {p}, \"n\": 4, \"c\": {c}}}\n")
        };
        let mut text = String::new();
        for (m, cs) in [("r@0", [1, 1, 0]), ("r@10", [4, 0, 1]), ("r@20", [4, 0, 0])] {
            for (p, c) in cs.iter().enumerate() {
                text += &line(m, "A", p, *c);
                text += &line(m, "B", p, *c);
            }
        }
        let files = [parse_file("run.jsonl", &text)];
        let mut a = Analysis::new(&files);
        let all = a.snapshot(&ViewRequest::default());
        assert_eq!(all.coverage().unwrap().models.len(), 3);
        assert_eq!(all.steps.len(), 1);
        assert_eq!(all.steps[0].points.len(), 3);
        let view = ViewRequest {
            focus: vec!["r@0".into(), "r@20".into()],
            ..ViewRequest::default()
        };
        let s = a.snapshot(&view);
        let d = Dataset::from_files(&files);
        let models = d.benchmark_models("A");
        let pair = [models[0].clone(), models[2].clone()];
        assert_eq!(s.coverage(), coverage("A", &pair, 4));
        assert_eq!(s.coverage_k, coverage_curves(&pair));
        assert_eq!(s.colors, [0, 2]);
        // Benchmark B keeps all three; the curves and the runs are untouched.
        let b = s.coverages.iter().find(|c| c.benchmark == "B").unwrap();
        assert_eq!(b.models.len(), 3);
        assert_eq!(
            (s.curves.clone(), s.steps.clone()),
            (all.curves.clone(), all.steps.clone())
        );
        // Back to no focus: the full coverage again (the cache is keyed by the focus).
        assert_eq!(a.snapshot(&ViewRequest::default()), all);
    }

    #[test]
    fn a_slice_restricts_every_view_and_the_exports_follow_it() {
        let files = two_benchmarks();
        let mut a = Analysis::new(&files);
        let full = a.snapshot(&ViewRequest::default());
        let view = ViewRequest {
            slice: Some((BASE_RATE.into(), "1".into())),
            ..ViewRequest::default()
        };
        let s = a.snapshot(&view);
        assert_eq!(s.slice, view.slice);
        // On A the base solves problem 2 always (8 of 8): the slice "1" is that problem.
        let d = slice_dataset(&Dataset::from_files(&files), "base", BASE_RATE, "1");
        assert_eq!(s.curves, d.curves());
        assert_eq!(s.curves[0].n_problems, 1);
        assert_eq!(a.active().dataset(), &d);
        // B has no "base": its default base is its first model, rl (2 of 8 on every problem),
        // so B has no problem in the slice.
        assert_eq!(s.benchmarks, ["A"]);
        // Without the slice, the full data again, and the exports follow.
        assert_eq!(a.snapshot(&ViewRequest::default()), full);
        assert_eq!(a.active().dataset(), &Dataset::from_files(&files));
        // An unknown field is no slice.
        let odd = ViewRequest {
            slice: Some(("level".into(), "1".into())),
            ..ViewRequest::default()
        };
        assert_eq!(a.snapshot(&odd), full);
    }
}
