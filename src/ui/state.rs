//! The page's view state: what the user chose (benchmark, base model, k, pass^k, the model of the
//! per-problem view) and everything derived from the loaded files, as memos. Components read
//! these handles; the computing is done by `core`.

use leptos::prelude::*;
use passk_lens_core::explain::views::{
    coverage_curves, problem_points, CoverageCurves, ProblemPoint,
};
use passk_lens_core::read::ParsedFile;
use passk_lens_core::stats::compare::{default_base, Comparison};
use passk_lens_core::stats::coverage::Coverage;
use passk_lens_core::stats::dataset::{Dataset, ModelCurve};

/// Signals and memos of the page (all `Copy` handles).
#[derive(Clone, Copy)]
pub struct PageState {
    /// Every loaded file, pooled.
    pub dataset: Memo<Dataset>,
    /// pass@k, pass^k and bands of every (benchmark, model).
    pub curves: Memo<Vec<ModelCurve>>,
    /// The benchmark the user picked (`None`: the first).
    pub benchmark_choice: RwSignal<Option<String>>,
    /// The base model the user picked (`None`: the default).
    pub base_choice: RwSignal<Option<String>>,
    /// The k the user picked (`None`: the largest k every model has).
    pub k_choice: RwSignal<Option<usize>>,
    /// Show pass^k instead of pass@k.
    pub show_hat: RwSignal<bool>,
    /// Benchmark names, in order of first appearance.
    pub benchmarks: Memo<Vec<String>>,
    /// The benchmark shown.
    pub benchmark: Memo<String>,
    /// Model names, in model order.
    pub models: Memo<Vec<String>>,
    /// The base model.
    pub base: Memo<String>,
    /// The largest k offered (the largest n).
    pub k_limit: Memo<usize>,
    /// The k of the coverage views and problems.csv.
    pub k: Memo<usize>,
    /// Every model against the base model, on every benchmark.
    pub comparisons: Memo<Vec<Comparison>>,
    /// Coverage at k of every benchmark.
    pub coverages: Memo<Vec<Coverage>>,
    /// Coverage at k of the benchmark shown.
    pub coverage: Memo<Option<Coverage>>,
    /// The comparisons of the benchmark shown.
    pub shown_comparisons: Memo<Vec<Comparison>>,
    /// Palette index of each of the benchmark's models.
    pub colors: Memo<Vec<usize>>,
    /// Coverage as k grows, for the benchmark shown.
    pub coverage_k: Memo<CoverageCurves>,
    /// The model the per-problem view compares with the base.
    pub other_choice: RwSignal<Option<String>>,
    /// The models the per-problem view can compare with the base.
    pub others: Memo<Vec<String>>,
    /// Base and other model of the per-problem view, with palette indices.
    pub pair: Memo<((String, usize), (String, usize))>,
    /// Per-problem success rates of that pair.
    pub points: Memo<Vec<ProblemPoint>>,
    /// The other model of the per-problem view.
    pub other_name: Memo<String>,
    /// The curves of the benchmark shown.
    pub shown_curves: Memo<Vec<ModelCurve>>,
}

impl PageState {
    /// Derives the view from the loaded files.
    pub fn new(files: RwSignal<Vec<ParsedFile>>) -> Self {
        let dataset = Memo::new(move |_| files.with(|f| Dataset::from_files(f)));
        // Bands the loading worker computed are taken from the files (`Dataset::curves_with`).
        let curves = Memo::new(move |_| files.with(|f| dataset.with(|d| d.curves_with(f))));

        // View choices: `None` follows the default, which moves with the data.
        let benchmark_choice = RwSignal::new(None::<String>);
        let base_choice = RwSignal::new(None::<String>);
        let k_choice = RwSignal::new(None::<usize>);
        let show_hat = RwSignal::new(false);

        let benchmarks =
            Memo::new(move |_| dataset.with(|d| d.benchmarks.keys().cloned().collect::<Vec<_>>()));
        let benchmark = Memo::new(move |_| {
            let all = benchmarks.get();
            benchmark_choice
                .get()
                .filter(|b| all.contains(b))
                .or_else(|| all.first().cloned())
                .unwrap_or_default()
        });
        let models =
            Memo::new(move |_| dataset.with(|d| d.models.iter().cloned().collect::<Vec<_>>()));
        let base = Memo::new(move |_| {
            let all = models.get();
            let default = all
                .get(default_base(all.iter().map(String::as_str)))
                .cloned();
            base_choice
                .get()
                .filter(|b| all.contains(b))
                .or(default)
                .unwrap_or_default()
        });
        let k_limit = Memo::new(move |_| {
            curves.with(|c| c.iter().map(|c| c.n_max as usize).max().unwrap_or(1))
        });
        let k = Memo::new(move |_| {
            let default = dataset.with(Dataset::largest_common_k).max(1);
            k_choice
                .get()
                .unwrap_or(default)
                .clamp(1, k_limit.get().max(1))
        });
        let comparisons =
            Memo::new(move |_| curves.with(|c| dataset.with(|d| d.comparisons(c, &base.get()))));
        let coverages = Memo::new(move |_| dataset.with(|d| d.coverages(k.get())));
        let coverage = Memo::new(move |_| {
            let b = benchmark.get();
            coverages.with(|all| all.iter().find(|c| c.benchmark == b).cloned())
        });
        let shown_comparisons = Memo::new(move |_| {
            let b = benchmark.get();
            comparisons.with(|c| {
                c.iter()
                    .filter(|c| c.benchmark == b)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        });
        // The selected benchmark's models with their palette indices.
        let bench_models = Memo::new(move |_| {
            let b = benchmark.get();
            dataset.with(|d| {
                d.benchmark_models(&b)
                    .into_iter()
                    .map(|(name, _)| {
                        let index = d.models.get_index_of(&name).unwrap_or(0);
                        (name, index)
                    })
                    .collect::<Vec<_>>()
            })
        });
        let colors = Memo::new(move |_| {
            bench_models.with(|m| m.iter().map(|(_, i)| *i).collect::<Vec<_>>())
        });
        let coverage_k = Memo::new(move |_| {
            let b = benchmark.get();
            dataset.with(|d| coverage_curves(&d.benchmark_models(&b)))
        });
        // The per-problem view: the base model against one other model of the benchmark.
        let other_choice = RwSignal::new(None::<String>);
        let others = Memo::new(move |_| {
            let base = base.get();
            shown_comparisons.with(|c| {
                let benchmark_base = c.first().map_or(base, |c| c.base.clone());
                bench_models.with(|m| {
                    m.iter()
                        .map(|(n, _)| n.clone())
                        .filter(|n| *n != benchmark_base)
                        .collect::<Vec<_>>()
                })
            })
        });
        let pair = Memo::new(move |_| {
            let all = others.get();
            let other = other_choice
                .get()
                .filter(|o| all.contains(o))
                .or_else(|| all.first().cloned())
                .unwrap_or_default();
            let base_name = shown_comparisons
                .with(|c| c.first().map(|c| c.base.clone()))
                .unwrap_or_else(|| base.get());
            let index = |n: &str| {
                bench_models.with(|m| m.iter().find(|(x, _)| x == n).map_or(0, |(_, i)| *i))
            };
            (
                (base_name.clone(), index(&base_name)),
                (other.clone(), index(&other)),
            )
        });
        let points = Memo::new(move |_| {
            let ((b, _), (m, _)) = pair.get();
            let bench = benchmark.get();
            dataset.with(|d| {
                let models = d.benchmark_models(&bench);
                let find = |n: &str| models.iter().find(|(x, _)| x == n).map(|(_, p)| *p);
                match (find(&b), find(&m)) {
                    (Some(bp), Some(mp)) if b != m => problem_points(bp, mp),
                    _ => Vec::new(),
                }
            })
        });
        let other_name = Memo::new(move |_| pair.with(|(_, (m, _))| m.clone()));

        let shown_curves = Memo::new(move |_| {
            let b = benchmark.get();
            curves.with(|c| {
                c.iter()
                    .filter(|c| c.benchmark == b)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        });
        PageState {
            dataset,
            curves,
            benchmark_choice,
            base_choice,
            k_choice,
            show_hat,
            benchmarks,
            benchmark,
            models,
            base,
            k_limit,
            k,
            comparisons,
            coverages,
            coverage,
            shown_comparisons,
            colors,
            coverage_k,
            other_choice,
            others,
            pair,
            points,
            other_name,
            shown_curves,
        }
    }
}
