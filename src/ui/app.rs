//! The page: state, the demo, loading, and the layout of the panels.

use super::chart::PassKChart;
use super::controls::Controls;
use super::coverage::CoverageTable;
use super::loader::Loader;
use super::report::FileReports;
use super::summary::Summary;
use super::table::PassKTable;
use super::views::{CoverageChart, CoverageKChart, ProblemsChart};
use crate::core::compare::default_base;
use crate::core::csv::{coverage_csv, passk_csv, problems_csv};
use crate::core::dataset::Dataset;
use crate::core::parse::{parse_file, FileReport, ParsedFile};
use crate::core::views::{coverage_curves, problem_points};
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
    let dark = RwSignal::new(false);
    Effect::new(move |_| {
        let theme = if dark.get() { "dark" } else { "light" };
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme);
        }
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
    let colors =
        Memo::new(move |_| bench_models.with(|m| m.iter().map(|(_, i)| *i).collect::<Vec<_>>()));
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
        let index =
            |n: &str| bench_models.with(|m| m.iter().find(|(x, _)| x == n).map_or(0, |(_, i)| *i));
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

    spawn_local(async move {
        let loaded = files::fetch_text(DEMO_URL).await;
        if user_loaded.get_value() {
            return;
        }
        match loaded {
            Ok(text) => {
                files.set(vec![parse_file(DEMO_NAME, &text)]);
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
                    Ok(read) => {
                        let mut parsed = parse_file(&file.name(), &read.text);
                        parsed.report.notes.extend(read.warning);
                        parsed
                    }
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
            <button class="theme" data-testid="theme-toggle" on:click=move |_| dark.update(|d| *d = !*d)>
                {move || if dark.get() { "Light theme" } else { "Dark theme" }}
            </button>
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
                <PassKChart curves=shown_curves comparisons=shown_comparisons show_hat=show_hat dark=dark.into() />
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
                <div class="chart-pair">
                    <div>
                        <h3>"Who solves what"</h3>
                        <CoverageChart coverage=coverage colors=colors dark=dark.into() />
                    </div>
                    <div>
                        <h3>"As k grows: solved, and solved by one model only"</h3>
                        <CoverageKChart curves=coverage_k colors=colors dark=dark.into() />
                    </div>
                </div>
                <CoverageTable coverage=coverage />
            </section>
            <section class="panel">
                <div class="panel-head">
                    <h2>"Problem by problem: sharpened, lost, gained"</h2>
                    <label class="control">
                        <span>"Compare the base model with"</span>
                        <select
                            data-testid="problems-model"
                            prop:value=move || other_name.get()
                            on:change=move |ev| other_choice.set(Some(event_target_value(&ev)))
                        >
                            {move || others.get().into_iter().map(|n| {
                                let text = n.clone();
                                view! { <option value=n>{text}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                <ProblemsChart points=points pair=pair dark=dark.into() />
                <p class="note">
                    "Each dot is a problem: its share of correct samples under the base model (x) and the other model (y). "
                    "Above the diagonal the other model got better at it; crosses are problems the base model solves sometimes and the other never."
                </p>
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
