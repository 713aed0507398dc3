//! The page: state, the demo, loading, and the layout of the panels.

use super::chart::PassKChart;
use super::controls::Controls;
use super::coverage::CoverageTable;
use super::loader::Loader;
use super::report::FileReports;
use super::summary::Summary;
use super::table::PassKTable;
use crate::core::compare::default_base;
use crate::core::csv::{coverage_csv, passk_csv, problems_csv};
use crate::core::dataset::Dataset;
use crate::core::parse::{parse_jsonl, FileReport, ParsedFile};
use crate::io::{download::download_text, files};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The demo shipped under `public/demo/`, fetched relative to the page.
const DEMO_URL: &str = "demo/math500-qwen25-7b-vs-simplerl.jsonl";
const DEMO_NAME: &str = "math500-qwen25-7b-vs-simplerl.jsonl";

/// The `data-state` of `load-status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadState {
    Idle,
    Loading,
    Ready,
    Error,
}

impl LoadState {
    fn as_str(self) -> &'static str {
        match self {
            LoadState::Idle => "idle",
            LoadState::Loading => "loading",
            LoadState::Ready => "ready",
            LoadState::Error => "error",
        }
    }
}

/// A report for a file the browser could not read at all.
fn unreadable(name: String, why: String) -> ParsedFile {
    let report = FileReport {
        file: name,
        problem: Some(format!("Could not read this file: {why}")),
        ..Default::default()
    };
    ParsedFile {
        report,
        ..Default::default()
    }
}

/// The one-line summary shown in `load-status`.
fn status_text(state: LoadState, files: &[ParsedFile], demo: bool) -> String {
    let used: usize = files.iter().map(|f| f.report.used).sum();
    let skipped: usize = files.iter().map(|f| f.report.skipped.len()).sum();
    match state {
        LoadState::Idle => "No data loaded: choose or drop JSONL result files.".into(),
        LoadState::Loading => "Reading files…".into(),
        LoadState::Ready if demo => {
            "Showing the built-in demo. Load your own files to replace it.".into()
        }
        LoadState::Ready => format!(
            "{} file(s): {used} lines used, {skipped} skipped.",
            files.len()
        ),
        LoadState::Error => {
            "Nothing usable in the files just loaded: see their reports below.".into()
        }
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let files = RwSignal::new(Vec::<ParsedFile>::new());
    let demo = RwSignal::new(false);
    let state = RwSignal::new(LoadState::Loading);
    // Bumped by every clear, so a load that finishes afterwards does not resurrect old data.
    let epoch = StoredValue::new(0u32);
    let user_loaded = StoredValue::new(false);

    let dataset = Memo::new(move |_| files.with(|f| Dataset::from_files(f)));
    let curves = Memo::new(move |_| dataset.with(Dataset::curves));

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
    let models = Memo::new(move |_| dataset.with(|d| d.models.iter().cloned().collect::<Vec<_>>()));
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
    let k_limit =
        Memo::new(move |_| curves.with(|c| c.iter().map(|c| c.n_max as usize).max().unwrap_or(1)));
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
    let shown_curves = Memo::new(move |_| {
        let b = benchmark.get();
        curves.with(|c| {
            c.iter()
                .filter(|c| c.benchmark == b)
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    spawn_local(async move {
        let loaded = files::fetch_text(DEMO_URL).await;
        if user_loaded.get_value() {
            return;
        }
        match loaded {
            Ok(text) => {
                files.set(vec![parse_jsonl(DEMO_NAME, &text)]);
                demo.set(true);
                state.set(LoadState::Ready);
            }
            Err(_) => state.set(LoadState::Idle),
        }
    });

    let load = Callback::new(move |chosen: Vec<web_sys::File>| {
        if chosen.is_empty() {
            return;
        }
        user_loaded.set_value(true);
        state.set(LoadState::Loading);
        let started = epoch.get_value();
        spawn_local(async move {
            let mut parsed = Vec::with_capacity(chosen.len());
            for file in &chosen {
                parsed.push(match files::read_text(file).await {
                    Ok(text) => parse_jsonl(&file.name(), &text),
                    Err(why) => unreadable(file.name(), why),
                });
            }
            if epoch.get_value() != started {
                return;
            }
            let usable = parsed.iter().any(|f| f.report.used > 0);
            if demo.get_untracked() {
                demo.set(false);
                files.set(parsed);
            } else {
                files.update(|f| f.extend(parsed));
            }
            state.set(if usable {
                LoadState::Ready
            } else {
                LoadState::Error
            });
        });
    });

    let clear = move |_| {
        epoch.update_value(|e| *e += 1);
        user_loaded.set_value(true);
        files.set(Vec::new());
        demo.set(false);
        k_choice.set(None);
        state.set(LoadState::Idle);
    };

    let offer = |name: &str, csv: String| {
        if let Err(e) = download_text(name, &csv, "text/csv") {
            leptos::logging::warn!("download of {name} failed: {e}");
        }
    };
    let export = move |_| offer("passk.csv", curves.with(|c| passk_csv(c)));
    let export_coverage = move |_| offer("coverage.csv", coverages.with(|c| coverage_csv(c)));
    let export_problems =
        move |_| offer("problems.csv", dataset.with(|d| problems_csv(d, k.get())));
    let no_data = move || dataset.with(Dataset::is_empty);

    view! {
        <header class="masthead">
            <h1>"passk-lens"</h1>
            <p class="tagline">"Did RL teach your model anything new, or only sharpen it? Unbiased pass@k for every k."</p>
            <p class="privacy">"Files are read in this tab and never uploaded anywhere."</p>
        </header>
        <main>
            <section class="panel load">
                <Loader on_files=load />
                <div class="load-row">
                    <p class="status" data-testid="load-status" data-state=move || state.get().as_str()>
                        {move || files.with(|f| status_text(state.get(), f, demo.get()))}
                    </p>
                    <button data-testid="clear-data" on:click=clear>"Clear data"</button>
                </div>
                <Show when=move || demo.get()>
                    <p class="demo-badge" data-testid="demo-badge">
                        <strong>"Demo data"</strong>
                        " — MATH500, Qwen2.5-7B base vs SimpleRL-Zoo-7B, 500 problems × 128 samples (temperature 0.6). "
                        "Counts from an independent reproduction of Yue et al. (NeurIPS 2025), github.com/cc1107yss/limit-of-rlvr-qwen7b-math500-reproduction."
                    </p>
                </Show>
            </section>
            <section class="panel">
                <Controls
                    benchmarks=benchmarks
                    benchmark=benchmark
                    on_benchmark=Callback::new(move |b| benchmark_choice.set(Some(b)))
                    models=models
                    base=base
                    on_base=Callback::new(move |b| base_choice.set(Some(b)))
                    k=k
                    k_limit=k_limit
                    on_k=Callback::new(move |v| k_choice.set(Some(v)))
                    show_hat=show_hat
                />
            </section>
            <section class="panel">
                <h2>{move || if show_hat.get() { "pass^k — all k samples correct" } else { "pass@k with 95 % bootstrap bands" }}</h2>
                <PassKChart curves=shown_curves show_hat=show_hat />
            </section>
            <section class="panel">
                <h2>"Did RL widen what the model can solve?"</h2>
                <Summary comparisons=comparisons />
            </section>
            <section class="panel">
                <div class="panel-head">
                    <h2>{move || format!("Which problems are solved at k = {}", k.get())}</h2>
                    <div class="buttons">
                        <button data-testid="export-coverage-csv" on:click=export_coverage disabled=no_data>"Download coverage.csv"</button>
                        <button data-testid="export-problems-csv" on:click=export_problems disabled=no_data>"Download problems.csv"</button>
                    </div>
                </div>
                <CoverageTable coverage=coverage />
            </section>
            <section class="panel">
                <div class="panel-head">
                    <h2>"pass@k by model"</h2>
                    <button data-testid="export-passk-csv" on:click=export disabled=no_data>
                        "Download passk.csv"
                    </button>
                </div>
                <PassKTable curves=curves show_hat=show_hat />
            </section>
            <section class="panel">
                <h2>"Files"</h2>
                <FileReports files=files />
            </section>
        </main>
        <footer>
            <p>
                "pass@k = 1 − C(n−c, k) / C(n, k) for a problem with n samples of which c are correct (Chen et al., 2021), "
                "averaged over problems, for every k up to the smallest n. Computed exactly in your browser."
            </p>
        </footer>
    }
}
