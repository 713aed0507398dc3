//! The page: state, the demo, loading, and the layout of the panels.

use super::chart::PassKChart;
use super::chart::PassKFigure;
use super::controls::Controls;
use super::coverage::CoverageTable;
use super::loader::Loader;
use super::mapping::MappingPanel;
use super::progress::{LoadProgress, Progress};
use super::report::{Choice, FileReports};
use super::share::{ShareBox, ShareLink};
use super::simulator::Simulator;
use super::state::PageState;
use super::summary::Summary;
use super::table::PassKTable;
use super::talk::{TalkFigures, TalkMode};
use super::views::{CoverageChart, CoverageKChart, ProblemsChart};
use super::views::{CoverageFigure, CoverageKFigure, ProblemsFigure};
use crate::io::files::Picked;
use crate::io::worker::{self, Event, Job};
use crate::io::{download::download_text, files, share};
use leptos::prelude::*;
use leptos::task::spawn_local;
use passk_lens_core::export::csv::{coverage_csv, passk_csv, problems_csv};
use passk_lens_core::export::share::View;
use passk_lens_core::read::ingest::Options;
use passk_lens_core::read::ParsedFile;
use passk_lens_core::stats::dataset::Dataset;
use std::cell::RefCell;
use std::rc::Rc;

/// The demo: a share link to the MATH500 pair's counts, built from the shared data when the
/// site is built (scripts/demo.sh), fetched relative to the page and opened like a link, so
/// that showing it needs no worker.
const DEMO_URL: &str = "demo.link";
const DEMO_NAME: &str = "MATH500 demo (math500-qwen25-7b-vs-simplerl)";

/// Where the files of a load go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Added to what is loaded (replacing the demo).
    Add,
    /// Replaces loaded file `i` (read again with other options).
    Replace(usize),
}

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

/// The one-line summary shown in `load-status`.
fn status_text(state: LoadState, files: &[ParsedFile], demo: bool, linked: bool) -> String {
    let used: usize = files.iter().map(|f| f.report.used).sum();
    let skipped: usize = files.iter().map(|f| f.report.skipped.len()).sum();
    match state {
        LoadState::Idle => "No data loaded: choose or drop JSONL result files.".into(),
        LoadState::Loading => "Reading files in the background… the page stays usable.".into(),
        LoadState::Ready if demo => {
            "Showing the built-in demo. Load your own files to replace it.".into()
        }
        LoadState::Ready if linked && files.len() == 1 => {
            format!("Opened from a share link: {used} problem results, no file read.")
        }
        LoadState::Ready => format!(
            "{} file(s): {used} lines used, {skipped} skipped.",
            files.len()
        ),
        LoadState::Error if files.iter().any(|f| f.report.mappable) => {
            "Not recognised: choose below which fields hold the problem id and correctness.".into()
        }
        LoadState::Error if files.is_empty() => "Nothing loaded: see the message below.".into(),
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
    // The data came from a share link (the page's fragment), not from files.
    let linked = RwSignal::new(false);
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
    // Chart options of the pass@k chart (a share link carries them).
    let hidden = RwSignal::new(std::collections::BTreeSet::<String>::new());
    let log_x = RwSignal::new(true);
    // The base model's per-problem rates on the selected benchmark, for the simulator.
    let base_rates = Memo::new(move |_| {
        let (bench, base) = (benchmark.get(), base.get());
        dataset.with(|d| d.rates_of(&bench, &base))
    });
    Effect::new(move |_| {
        let theme = if dark.get() { "dark" } else { "light" };
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme);
        }
    });
    // The files behind `files` (None for the demo), so that a file can be read again with a
    // field mapping or other evalplus tests.
    let sources = StoredValue::new_local(Vec::<Option<(Picked, Options)>>::new());
    let job = StoredValue::new_local(None::<Job>);
    let progress = RwSignal::new(None::<Progress>);
    let notice = RwSignal::new(None::<String>);
    let cap_mb = RwSignal::new(files::DEFAULT_CAP / (1024.0 * 1024.0));

    // Reads `chosen` in the worker; their results are added (or replace file `replace`).
    let run = move |chosen: Vec<Picked>, options: Options, target: Target| {
        if chosen.is_empty() {
            return;
        }
        user_loaded.set_value(true);
        epoch.update_value(|e| *e += 1);
        let started = epoch.get_value();
        notice.set(None);
        state.set(LoadState::Loading);
        let now = js_sys::Date::now();
        progress.set(Some(Progress {
            done: 0.0,
            total: chosen.iter().map(|p| p.file.size()).sum(),
            started: now,
        }));
        let received: Rc<RefCell<Vec<Option<ParsedFile>>>> =
            Rc::new(RefCell::new(vec![None; chosen.len()]));
        let names: Vec<String> = chosen.iter().map(Picked::display).collect();
        let kept = chosen.clone();
        let kept_options = options.clone();
        let slots = received.clone();
        let finish = move |failure: Option<String>| {
            if epoch.get_value() != started {
                return;
            }
            let parsed: Vec<ParsedFile> = slots
                .borrow_mut()
                .iter_mut()
                .zip(&names)
                .map(|(p, name)| {
                    p.take().unwrap_or_else(|| {
                        let why = failure.clone().unwrap_or_else(|| "no result".into());
                        files::unreadable(name.clone(), why)
                    })
                })
                .collect();
            let usable = parsed.iter().any(|f| f.report.used > 0);
            let new_sources = kept.iter().map(|f| Some((f.clone(), kept_options.clone())));
            match target {
                Target::Replace(i) => {
                    let parsed = parsed.into_iter().next().expect("one file is re-read");
                    sources.update_value(|s| s[i] = new_sources.clone().next().flatten());
                    files.update(|f| f[i] = parsed);
                }
                Target::Add if demo.get_untracked() => {
                    demo.set(false);
                    linked.set(false);
                    sources.set_value(new_sources.collect());
                    files.set(parsed);
                }
                Target::Add => {
                    sources.update_value(|s| s.extend(new_sources));
                    files.update(|f| f.extend(parsed));
                }
            }
            progress.set(None);
            let any = files.with_untracked(|f| f.iter().any(|f| f.report.used > 0));
            state.set(if usable || (matches!(target, Target::Replace(_)) && any) {
                LoadState::Ready
            } else {
                LoadState::Error
            });
            // The job's own message handler is running: drop the worker once it returns.
            spawn_local(async move { job.set_value(None) });
        };
        let finish = Rc::new(finish);
        let on_event = move |event: Event| match event {
            Event::Progress { done, total } => {
                progress.update(|p| {
                    if let Some(p) = p {
                        (p.done, p.total) = (done, total);
                    }
                });
            }
            Event::File { index, parsed } => {
                if let Some(slot) = received.borrow_mut().get_mut(index) {
                    *slot = Some(parsed);
                }
            }
            Event::Done => finish(None),
            Event::Failed(why) => finish(Some(why)),
        };
        let cap = cap_mb.get_untracked() * 1024.0 * 1024.0;
        match Job::start(&chosen, &options, cap, on_event) {
            Ok(started_job) => job.set_value(Some(started_job)),
            Err(why) => {
                progress.set(None);
                notice.set(Some(format!("Could not start reading: {why}")));
                state.set(LoadState::Error);
            }
        }
    };
    // A share link replaces whatever is shown with its counts and view; a link that cannot be
    // opened loads nothing and says why.
    let open_link = move |fragment: String| {
        user_loaded.set_value(true);
        epoch.update_value(|e| *e += 1);
        let started = epoch.get_value();
        job.set_value(None);
        progress.set(None);
        notice.set(None);
        state.set(LoadState::Loading);
        spawn_local(async move {
            let opened = share::open(&fragment).await;
            if epoch.get_value() != started {
                return;
            }
            match opened {
                Ok((view, parsed)) => {
                    sources.set_value(vec![None]);
                    demo.set(false);
                    linked.set(true);
                    files.set(vec![parsed]);
                    benchmark_choice.set(view.benchmark);
                    base_choice.set(view.base);
                    k_choice.set(view.k);
                    show_hat.set(view.hat);
                    log_x.set(!view.linear_k);
                    hidden.set(view.hidden);
                    state.set(LoadState::Ready);
                }
                Err(why) => {
                    notice.set(Some(why));
                    let any = files.with_untracked(|f| !f.is_empty());
                    state.set(if any {
                        LoadState::Ready
                    } else {
                        LoadState::Error
                    });
                }
            }
            // No load ran (the demo's leaves a spare worker): get one ready for the next.
            worker::prepare();
        });
    };
    // Pasting another link into the address bar changes only the fragment.
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(fragment) = share::own_fragment() {
            open_link(fragment);
        }
    });
    on_cleanup(move || on_hash.remove());
    // The demo is opened like a share link, unless the user was quicker or the page was
    // opened from a share link. The loading worker is started once it shows.
    if let Some(fragment) = share::own_fragment() {
        open_link(fragment);
    }
    spawn_local(async move {
        if user_loaded.get_value() {
            return;
        }
        let link = files::fetch_text(DEMO_URL).await;
        let opened = match link {
            Ok(link) if !link.trim().is_empty() => share::open(link.trim()).await.ok(),
            _ => None,
        };
        if user_loaded.get_value() {
            return;
        }
        match opened {
            Some((_, mut parsed)) => {
                parsed.report.file = DEMO_NAME.into();
                sources.set_value(vec![None]);
                demo.set(true);
                files.set(vec![parsed]);
                state.set(LoadState::Ready);
            }
            None => state.set(LoadState::Idle),
        }
        worker::prepare();
    });
    let load =
        Callback::new(move |chosen: Vec<Picked>| run(chosen, Options::default(), Target::Add));
    let reread = move |i: usize, change: &dyn Fn(&mut Options)| {
        let source = sources.with_value(|s| s.get(i).cloned().flatten());
        if let Some((file, mut options)) = source {
            change(&mut options);
            run(vec![file], options, Target::Replace(i));
        }
    };
    let cancel = Callback::new(move |()| {
        epoch.update_value(|e| *e += 1);
        job.set_value(None);
        progress.set(None);
        notice.set(Some(
            "Load cancelled: the data loaded before it is kept.".into(),
        ));
        let any = files.with_untracked(|f| !f.is_empty());
        state.set(if any {
            LoadState::Ready
        } else {
            LoadState::Idle
        });
    });
    let on_choice = Callback::new(move |(i, choice): (usize, Choice)| {
        reread(i, &|o: &mut Options| match &choice {
            Choice::EvalPlus(tests) => o.evalplus = *tests,
            Choice::Scorer(s) => o.scorer = Some(s.clone()),
            Choice::GroupQuestions(g) => o.group_questions = *g,
        })
    });

    let clear = move |_| {
        epoch.update_value(|e| *e += 1);
        user_loaded.set_value(true);
        job.set_value(None);
        progress.set(None);
        notice.set(None);
        sources.set_value(Vec::new());
        files.set(Vec::new());
        demo.set(false);
        linked.set(false);
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
    let share_view = Signal::derive(move || View {
        k: Some(k.get()),
        base: Some(base.get()),
        benchmark: Some(benchmark.get()),
        hat: show_hat.get(),
        linear_k: !log_x.get(),
        hidden: hidden.get(),
    });
    let shared = RwSignal::new(None);
    let talk_figures = TalkFigures {
        passk: PassKFigure::plain(shown_curves, shown_comparisons),
        coverage: CoverageFigure { coverage, colors },
        coverage_k: CoverageKFigure {
            curves: coverage_k,
            colors,
        },
        problems: ProblemsFigure {
            points,
            pair,
            sorted: RwSignal::new(false),
        },
    };

    view! {
        <header class="masthead">
            <h1>"passk-lens"</h1>
            <p class="tagline">"Did RL teach your model anything new, or only sharpen it? Unbiased pass@k for every k."</p>
            <p class="privacy">"Files are read in this tab and never uploaded anywhere."</p>
            <div class="masthead-actions">
                <ShareLink dataset=dataset view=share_view out=shared />
                <TalkMode figures=talk_figures dark=dark.into() />
                <button class="theme" data-testid="theme-toggle" on:click=move |_| dark.update(|d| *d = !*d)>
                    {move || if dark.get() { "Light theme" } else { "Dark theme" }}
                </button>
            </div>
            <ShareBox out=shared />
        </header>
        <main>
            <section class="panel load">
                <Loader on_files=load on_notice=Callback::new(move |n| notice.set(n)) />
                <div class="load-row">
                    <p class="status" data-testid="load-status" data-state=move || state.get().as_str()>
                        {move || files.with(|f| status_text(state.get(), f, demo.get(), linked.get()))}
                    </p>
                    <button data-testid="clear-data" on:click=clear>"Clear data"</button>
                    <label class="control cap">
                        <span>".gz: stop after"</span>
                        <input
                            type="number"
                            min="1"
                            step="1"
                            data-testid="decompress-cap"
                            prop:value=move || cap_mb.get().to_string()
                            on:change=move |ev| {
                                if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                    if v >= 1.0 {
                                        cap_mb.set(v);
                                    }
                                }
                            }
                        />
                        <span>"MiB decompressed"</span>
                    </label>
                </div>
                <LoadProgress progress=progress on_cancel=cancel />
                {move || notice.get().map(|n| view! { <p class="notice" data-testid="load-notice">{n}</p> })}
                {move || {
                    files.with(|fs| {
                        fs.iter()
                            .enumerate()
                            .filter(|(i, f)| f.report.mappable && sources.with_value(|s| matches!(s.get(*i), Some(Some(_)))))
                            .map(|(i, f)| {
                                let apply = Callback::new(move |m: passk_lens_core::read::mapping::Mapping| reread(i, &|o: &mut Options| o.mapping = Some(m.clone())));
                                view! { <MappingPanel report=f.report.clone() on_apply=apply /> }
                            })
                            .collect_view()
                    })
                }}
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
                <PassKChart curves=shown_curves comparisons=shown_comparisons show_hat=show_hat hidden=hidden log_x=log_x dark=dark.into() />
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
                <h2>"Why sharpening makes the curves cross: a simulator"</h2>
                <Simulator base_rates=base_rates dark=dark.into() />
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
                <FileReports files=files on_choice=on_choice />
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
