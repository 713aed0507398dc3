//! The page: state, the demo, loading, and the layout of the panels.

use super::chart::PassKChart;
use super::controls::Controls;
use super::coverage::CoverageTable;
use super::loader::Loader;
use super::report::FileReports;
use super::state::PageState;
use super::summary::Summary;
use super::table::PassKTable;
use super::views::{CoverageChart, CoverageKChart, ProblemsChart};
use crate::core::csv::{coverage_csv, passk_csv, problems_csv};
use crate::core::dataset::Dataset;
use crate::core::parse::{parse_file, FileReport, ParsedFile};
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

    let PageState {
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
        ..
    } = PageState::new(files);
    let dark = RwSignal::new(false);
    Effect::new(move |_| {
        let theme = if dark.get() { "dark" } else { "light" };
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme);
        }
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
