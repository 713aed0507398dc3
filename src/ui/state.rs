//! The page's state, handed to every section by Leptos context ([`use_page`]): the loaded
//! files, what the user chose, and what the statistics worker computed for both (one
//! `Snapshot`, read through memos so that a part that did not change redraws nothing).
//!
//! Whenever the files change they are sent to the worker as a new data version; whenever the
//! choices or the data change a view is asked for (unless it was computed ahead: the demo's
//! first view comes with the site). Until the snapshot of the latest view of the
//! latest data arrives, `computing` is true: the page keeps showing the previous results
//! (dimmed) and `load-status` says so, rather than freezing the main thread.

use crate::io::analysis::{Analyst, LinkReply, MathReply, Reply, TextsReply};
use crate::io::error::{Error, Result};
use leptos::prelude::*;
use passk_lens_core::explain::problem::ProblemView;
use passk_lens_core::explain::slices::BASE_RATE;
use passk_lens_core::explain::snapshot::{MetricCurve, PageFile, Snapshot, ViewRequest};
use passk_lens_core::explain::steps::RunSeries;
use passk_lens_core::explain::views::{Accuracy, CoverageCurves, ProblemPoint};
use passk_lens_core::read::texts::ProblemTexts;
use passk_lens_core::read::Options;
use passk_lens_core::stats::compare::Comparison;
use passk_lens_core::stats::coverage::Coverage;
use passk_lens_core::stats::dataset::ModelCurve;
use std::collections::{BTreeMap, BTreeSet};

/// What the user chose. `None` follows the default, which moves with the data.
#[derive(Clone, Copy)]
pub struct Choices {
    pub benchmark: RwSignal<Option<String>>,
    pub base: RwSignal<Option<String>>,
    pub k: RwSignal<Option<usize>>,
    /// The model the per-problem view compares with the base.
    pub other: RwSignal<Option<String>>,
    /// Show pass^k instead of pass@k.
    pub show_hat: RwSignal<bool>,
    /// Models whose curves the pass@k chart's legend hides.
    pub hidden: RwSignal<BTreeSet<String>>,
    /// A log₂ k axis on the pass@k chart.
    pub log_x: RwSignal<bool>,
    /// Draw the Bayesian pass@k (`metric-select`: `bayes-pass@k`).
    pub bayes: RwSignal<bool>,
    /// Draw maj@k (`metric-select`: `maj@k`).
    pub maj: RwSignal<bool>,
    /// The coverage views' models when a training run's step slider narrows them (empty: all).
    pub focus: RwSignal<Vec<String>>,
    /// Models renamed by hand to checkpoints `<run>@<step>` (old name → new).
    pub renames: RwSignal<BTreeMap<String, String>>,
    /// Every view restricted to a slice: (field, value).
    pub slice: RwSignal<Option<(String, String)>>,
    /// The problem the drawer shows: an id or words of one (`problem-search`).
    pub problem: RwSignal<Option<String>>,
}

impl Choices {
    fn new() -> Self {
        Choices {
            benchmark: RwSignal::new(None),
            base: RwSignal::new(None),
            k: RwSignal::new(None),
            other: RwSignal::new(None),
            show_hat: RwSignal::new(false),
            hidden: RwSignal::new(BTreeSet::new()),
            log_x: RwSignal::new(true),
            bayes: RwSignal::new(false),
            maj: RwSignal::new(false),
            focus: RwSignal::new(Vec::new()),
            renames: RwSignal::new(BTreeMap::new()),
            slice: RwSignal::new(None),
            problem: RwSignal::new(None),
        }
    }

    /// The request for the statistics worker (tracks the choices it names).
    fn request(&self) -> ViewRequest {
        ViewRequest {
            benchmark: self.benchmark.get(),
            base: self.base.get(),
            k: self.k.get(),
            other: self.other.get(),
            bayes: self.bayes.get(),
            maj: self.maj.get(),
            focus: self.focus.get(),
            slice: self.slice.get(),
            problem: self.problem.get(),
        }
    }
}

/// The parts of the current snapshot, each a memo.
#[derive(Clone, Copy)]
pub struct Results {
    /// Benchmark names, in order of first appearance, and the one shown.
    pub benchmarks: Memo<Vec<String>>,
    pub benchmark: Memo<String>,
    /// Model names, in model order, and the base model.
    pub models: Memo<Vec<String>>,
    pub base: Memo<String>,
    /// The largest k offered (the largest n).
    pub k_limit: Memo<usize>,
    /// The k of the coverage views and problems.csv: the user's choice at once (a dragged
    /// slider must not wait for the worker), else the default the worker resolved.
    pub k: Memo<usize>,
    /// pass@k, pass^k and bands of every (benchmark, model), and of the benchmark shown.
    pub curves: Memo<Vec<ModelCurve>>,
    pub shown_curves: Memo<Vec<ModelCurve>>,
    /// Every model against the base model on every benchmark, and on the benchmark shown.
    pub comparisons: Memo<Vec<Comparison>>,
    pub shown_comparisons: Memo<Vec<Comparison>>,
    /// Coverage at k of every benchmark, and of the benchmark shown.
    pub coverages: Memo<Vec<Coverage>>,
    pub coverage: Memo<Option<Coverage>>,
    /// Palette index of each of the shown benchmark's models.
    pub colors: Memo<Vec<usize>>,
    /// Coverage as k grows, on the benchmark shown.
    pub coverage_k: Memo<CoverageCurves>,
    /// The per-problem view: the models it can compare with the base, the pair shown (names
    /// with palette indices), its points, and the other model's name.
    pub others: Memo<Vec<String>>,
    pub pair: Memo<((String, usize), (String, usize))>,
    pub points: Memo<Vec<ProblemPoint>>,
    pub other_name: Memo<String>,
    /// The base model's per-problem success rates on the benchmark shown (the simulator's).
    pub base_rates: Memo<Vec<f64>>,
    /// cover@τ and, when asked for, the Bayesian pass@k or maj@k of the shown benchmark's
    /// models (maj@k: those with extracted answers, each with how many problems have them).
    pub cover: Memo<Vec<MetricCurve>>,
    pub metric: Memo<Vec<MetricCurve>>,
    pub maj_problems: Memo<Vec<usize>>,
    /// maj@k is asked for and still being computed (by the worker's helpers).
    pub maj_pending: Memo<bool>,
    /// The problem the drawer shows, when one matches, and what was asked.
    pub problem: Memo<Option<ProblemView>>,
    pub problem_asked: Memo<Option<String>>,
    /// The shown benchmark's training runs, step by step.
    pub steps: Memo<Vec<RunSeries>>,
    /// The shown benchmark's problems by success rate, per model.
    pub accuracy: Memo<Vec<Accuracy>>,
    /// The metadata fields of the shown benchmark's problems, with their values.
    pub slice_fields: Memo<Vec<(String, Vec<String>)>>,
    /// Nothing is loaded.
    pub empty: Memo<bool>,
}

impl Results {
    fn new(snapshot: RwSignal<Snapshot>, choices: Choices) -> Self {
        // One memo per part: a part equal to the last one notifies nobody.
        macro_rules! part {
            ($($f:tt)*) => {
                Memo::new(move |_| snapshot.with(|s| s.$($f)*.clone()))
            };
        }
        let k_limit = part!(k_limit);
        let resolved_k = part!(k);
        let k = Memo::new(move |_| {
            choices
                .k
                .get()
                .map_or_else(|| resolved_k.get(), |k| k.clamp(1, k_limit.get().max(1)))
        });
        let pair = part!(pair);
        Results {
            benchmarks: part!(benchmarks),
            benchmark: part!(benchmark),
            models: part!(models),
            base: part!(base),
            k_limit,
            k,
            curves: part!(curves),
            shown_curves: Memo::new(move |_| snapshot.with(Snapshot::shown_curves)),
            comparisons: part!(comparisons),
            shown_comparisons: Memo::new(move |_| snapshot.with(Snapshot::shown_comparisons)),
            coverages: part!(coverages),
            coverage: Memo::new(move |_| snapshot.with(Snapshot::coverage)),
            colors: part!(colors),
            coverage_k: part!(coverage_k),
            others: part!(others),
            pair,
            points: part!(points),
            other_name: Memo::new(move |_| pair.with(|(_, (m, _))| m.clone())),
            base_rates: part!(base_rates),
            cover: part!(cover),
            metric: Memo::new(move |_| {
                snapshot.with(|s| match choices.maj.get() {
                    true => s.maj.iter().map(|m| m.curve.clone()).collect(),
                    false => s.bayes.clone(),
                })
            }),
            maj_pending: part!(maj_pending),
            problem: part!(problem),
            problem_asked: part!(problem_asked),
            maj_problems: Memo::new(move |_| {
                snapshot.with(|s| s.maj.iter().map(|m| m.problems).collect())
            }),
            steps: part!(steps),
            accuracy: part!(accuracy),
            slice_fields: part!(slice_fields),
            empty: Memo::new(move |_| snapshot.with(|s| s.models.is_empty())),
        }
    }
}

/// Statistics computed ahead for the next files' default view (the demo's, computed when the
/// site was built), and once those files are set, the data version they are of.
#[derive(Default)]
struct Ahead {
    next: Option<Snapshot>,
    shown: Option<(u32, Snapshot)>,
}

/// The page's state (every field a `Copy` handle).
#[derive(Clone, Copy)]
pub struct PageState {
    /// Every loaded file, with its report.
    pub files: RwSignal<Vec<PageFile>>,
    pub choices: Choices,
    pub results: Results,
    /// The dark theme.
    pub dark: RwSignal<bool>,
    /// A snapshot for the latest files and choices is being computed.
    pub computing: RwSignal<bool>,
    /// The problem the speaker put in talk mode (its texts), for its slide; none by default,
    /// as texts may be private.
    pub talk_problem: RwSignal<Option<ProblemTexts>>,
    snapshot: RwSignal<Snapshot>,
    /// The statistics worker (`None` when it could not run: the page says so).
    analyst: StoredValue<Option<Analyst>, LocalStorage>,
    preset: StoredValue<Ahead, LocalStorage>,
    /// Bumped whenever the files change; snapshots of older data are dropped.
    version: RwSignal<u32>,
    /// The data version of the snapshot shown.
    shown: RwSignal<u32>,
    /// A failure the user should know of (an export the browser refused, …): `page-notice`.
    pub notice: RwSignal<Option<String>>,
    /// What waits for the results of the latest files and choices (exports).
    waiting: StoredValue<Vec<Box<dyn FnOnce()>>, LocalStorage>,
}

/// The page's state, from context.
pub fn use_page() -> PageState {
    expect_context::<PageState>()
}

impl PageState {
    /// Creates the state, starts the statistics worker and provides the state as context.
    pub fn provide() -> PageState {
        let snapshot = RwSignal::new(Snapshot::default());
        let choices = Choices::new();
        let state = PageState {
            files: RwSignal::new(Vec::new()),
            choices,
            results: Results::new(snapshot, choices),
            dark: RwSignal::new(false),
            computing: RwSignal::new(false),
            talk_problem: RwSignal::new(None),
            snapshot,
            analyst: StoredValue::new_local(None),
            preset: StoredValue::new_local(Ahead::default()),
            version: RwSignal::new(0),
            shown: RwSignal::new(0),
            waiting: StoredValue::new_local(Vec::new()),
            notice: RwSignal::new(None),
        };
        state.start_worker();
        // New files: a new data version for the worker.
        Effect::new(move |_| {
            let renames = choices.renames.get();
            let version = state.version.get_untracked() + 1;
            state.files.with(|files| {
                state.analyst.with_value(|a| {
                    if let Some(analyst) = a {
                        analyst.data(files, &renames, version);
                    }
                })
            });
            state
                .preset
                .update_value(|a| a.shown = a.next.take().map(|s| (version, s)));
            state.version.set(version);
        });
        // New choices or data: a view, unless it was computed ahead.
        Effect::new(move |_| {
            let request = choices.request();
            let version = state.version.get();
            let ahead = state.preset.with_value(|a| match &a.shown {
                Some((v, s)) if *v == version && request == ViewRequest::default() => {
                    Some(s.clone())
                }
                _ => None,
            });
            if let Some(s) = ahead {
                return state.arrived(s, version, true);
            }
            let asked = state.analyst.with_value(|a| {
                a.as_ref()
                    .map(|analyst| analyst.view(request.clone()))
                    .is_some()
            });
            if !asked {
                // Nothing will compute this view: show no results rather than stale ones (the
                // page notice says why).
                state.snapshot.set(Snapshot::default());
                state.shown.set(version);
            }
            state.computing.set(asked);
        });
        Effect::new(move |_| {
            let theme = if state.dark.get() { "dark" } else { "light" };
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-theme", theme);
            }
        });
        provide_context(state);
        state
    }

    /// Starts the statistics worker; if it cannot run, the page says so (files can be read
    /// only by workers too, so there is nothing to fall back on).
    fn start_worker(self) {
        let on_snapshot = move |s: Snapshot, version: u32, settled: bool| {
            self.arrived(s, version, settled);
        };
        let on_failure = move |why: Error| {
            // Not from inside the worker's handler, which dropping the worker drops.
            leptos::task::spawn_local(async move { self.worker_failed(why) });
        };
        match Analyst::start(on_snapshot, on_failure) {
            Ok(analyst) => self.analyst.set_value(Some(analyst)),
            Err(why) => self.worker_failed(why),
        }
    }

    fn worker_failed(self, why: Error) {
        self.analyst.set_value(None);
        self.computing.set(false);
        self.report(
            "The statistics cannot be computed in this browser",
            Err(why),
        );
    }

    /// Statistics computed ahead for the files about to be set, shown for their default view
    /// without asking the worker (the demo's first view, computed when the site was built).
    pub fn preset(self, s: Snapshot) {
        self.preset.update_value(|a| a.next = Some(s));
    }

    /// A snapshot computed for data `version`; `settled`: no newer view is waiting.
    fn arrived(self, s: Snapshot, version: u32, settled: bool) {
        if version != self.version.get_untracked() {
            return;
        }
        let pending = s.maj_pending;
        self.snapshot.set(s);
        self.shown.set(version);
        if settled {
            // A pending maj@k keeps the badge on until its update comes.
            self.computing.set(pending);
            let waiting = self
                .waiting
                .try_update_value(std::mem::take)
                .unwrap_or_default();
            for f in waiting {
                f();
            }
        }
    }

    /// Runs `f` once the results of the latest files and choices are shown: at once, or when
    /// they arrive (so that an export made right after a change is of the change).
    pub fn when_computed(self, f: impl FnOnce() + 'static) {
        if self.computing.get_untracked() {
            self.waiting.update_value(|w| w.push(Box::new(f)));
        } else {
            f();
        }
    }

    /// The one place a failure of the browser edge is handled: the user sees it in the
    /// masthead (`page-notice`), the console keeps it.
    pub fn report(self, what: &str, result: Result<()>) {
        if let Err(e) = result {
            leptos::logging::warn!("{what}: {e}");
            self.notice.set(Some(format!("{what}: {e}.")));
        }
    }

    /// The statistics of new data are being computed (what is shown is of other data).
    pub fn computing_new_data(self) -> bool {
        self.computing.get() && self.shown.get() != self.version.get()
    }

    /// problems.csv at the current k, computed where the statistics are.
    pub fn problems_csv(self, done: impl FnOnce(Result<String>) + 'static) {
        let k = self.results.k.get_untracked();
        self.ask(
            move |analyst, done| analyst.problems_csv(k, done),
            Box::new(done),
        );
    }

    /// metrics.csv, computed by the statistics worker.
    pub fn metrics_csv(self, done: impl FnOnce(Result<String>) + 'static) {
        self.ask(
            move |analyst, done| analyst.metrics_csv(done),
            Box::new(done),
        );
    }

    /// slices.csv of the current slice field (`base-rate` when none is chosen) against the base
    /// model shown, computed by the statistics worker.
    pub fn slices_csv(self, done: impl FnOnce(Result<String>) + 'static) {
        let base = self.results.base.get_untracked();
        let field = self.choices.slice.with_untracked(|s| {
            s.as_ref()
                .map_or_else(|| BASE_RATE.to_owned(), |(f, _)| f.clone())
        });
        self.ask(
            move |analyst, done| analyst.slices_csv(&base, &field, done),
            Box::new(done),
        );
    }

    /// steps.csv, computed by the statistics worker.
    pub fn steps_csv(self, done: impl FnOnce(Result<String>) + 'static) {
        self.ask(move |analyst, done| analyst.steps_csv(done), Box::new(done));
    }

    /// A share link's payload for `view`, written where the statistics are.
    pub fn share_payload(
        self,
        view: passk_lens_core::export::share::View,
        done: impl FnOnce(Result<String>) + 'static,
    ) {
        self.ask(
            move |analyst, done| analyst.share_payload(&view, done),
            Box::new(done),
        );
    }

    /// The files behind the data (in its order), for the drawer's texts.
    pub fn sources(self, files: Vec<Option<(web_sys::File, Options)>>) {
        self.analyst.with_value(|a| {
            if let Some(analyst) = a {
                analyst.sources(&files);
            }
        });
    }

    /// A problem's texts, read from the files by the statistics worker.
    pub fn texts(self, benchmark: &str, problem: &str, done: TextsReply) {
        self.ask(
            |analyst, done| analyst.texts(benchmark, problem, done),
            done,
        );
    }

    /// Each text's LaTeX as MathML, rendered by the statistics worker.
    pub fn math(self, texts: Vec<String>, done: MathReply) {
        self.ask(|analyst, done| analyst.math(&texts, done), done);
    }

    /// The first problem of the shown benchmark whose text holds every word of `query`, found
    /// by the statistics worker in the files (`Ok("")`: none).
    pub fn find_text(self, query: &str, done: Reply) {
        let benchmark = self.results.benchmark.get_untracked();
        let query = query.to_owned();
        self.ask(
            move |analyst, done| analyst.find_text(&benchmark, &query, done),
            done,
        );
    }

    /// A share link's view and counts, opened by the statistics worker.
    pub fn open_link(self, fragment: &str, done: LinkReply) {
        self.ask(|analyst, done| analyst.open_link(fragment, done), done);
    }

    /// A reply from the statistics worker (`worker` asks it, handing it `done`); when the
    /// worker is not running, `done` hears so at once.
    fn ask<T>(
        self,
        worker: impl FnOnce(&Analyst, Box<dyn FnOnce(Result<T>)>),
        done: Box<dyn FnOnce(Result<T>)>,
    ) {
        let mut done = Some(done);
        self.analyst.with_value(|a| {
            if let (Some(analyst), Some(done)) = (a, done.take()) {
                worker(analyst, done);
            }
        });
        if let Some(done) = done {
            done(Err(Error::Worker(
                "the statistics worker is not running".into(),
            )));
        }
    }
}
