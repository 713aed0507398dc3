//! Talk mode: a full-screen 16:9 step-through that tells the story with the loaded data (or the
//! demo): ←/→ (or PageUp/PageDown, Space) move, Esc leaves. The words come from `core::talk`;
//! each slide's chart is drawn by the same code as on the page, and exports like it.

use super::canvas::{draw_on_slide, ExportButtons, Figure};
use super::sections::coverage::{CoverageFigure, CoverageKFigure};
use super::sections::grid::GridFigure;
use super::sections::passk::PassKFigure;
use super::sections::problems::ProblemsFigure;
use super::sections::samples::render_slide;
use super::sections::simulator::SimFigure;
use super::state::{use_page, PageState};
use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;
use passk_lens_core::explain::talk::{problem_slide, slides, Chart, CHARTS};

/// A chart on a slide, with its export buttons.
#[component]
fn SlideChart<F: Figure>(
    /// The chart.
    figure: F,
    /// The export file name.
    name: &'static str,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    draw_on_slide(canvas, use_page().dark.into(), figure);
    view! {
        <div class="talk-chart chart-box">
            <canvas node_ref=canvas role="img" aria-label=name></canvas>
            <ExportButtons figure=figure name=name />
        </div>
    }
}

/// The figures the slides draw: the page's charts, pass@k on a log axis with every model.
#[derive(Clone, Copy)]
struct TalkFigures {
    passk: PassKFigure,
    coverage: CoverageFigure,
    coverage_k: CoverageKFigure,
    problems: ProblemsFigure,
    grid: GridFigure,
}

impl TalkFigures {
    fn of(page: PageState) -> Self {
        let r = page.results;
        TalkFigures {
            passk: PassKFigure::plain(r.shown_curves, r.shown_comparisons),
            coverage: CoverageFigure {
                coverage: r.coverage,
                colors: r.colors,
            },
            coverage_k: CoverageKFigure {
                curves: r.coverage_k,
                colors: r.colors,
            },
            problems: ProblemsFigure {
                points: r.points,
                pair: r.pair,
                sorted: RwSignal::new(false),
            },
            grid: GridFigure {
                curves: r.curves,
                comparisons: r.comparisons,
            },
        }
    }
}

/// The `talk-mode` button and, when on, the slides.
#[component]
pub fn TalkMode() -> impl IntoView {
    let page = use_page();
    let figures = TalkFigures::of(page);
    let slide = RwSignal::new(None::<usize>);
    let simulated = SimFigure::defaults();
    let words = Memo::new(move |_| {
        let cmp = figures.passk.comparisons.with(|c| c.first().cloned());
        let cov = figures.coverage.coverage.get();
        figures.grid.comparisons.with(|all| {
            simulated
                .sim
                .with(|s| slides(cmp.as_ref(), cov.as_ref(), all, s))
        })
    });
    let document = || web_sys::window().and_then(|w| w.document());
    let leave = move || {
        slide.set(None);
        if let Some(d) = document().filter(|d| d.fullscreen_element().is_some()) {
            d.exit_fullscreen();
        }
    };
    let enter = move |_| {
        slide.set(Some(0));
        if let Some(root) = document().and_then(|d| d.document_element()) {
            // Refused without a user gesture or in some embeddings: the overlay still fills the window.
            let _ = root.request_fullscreen();
        }
    };
    let texts = NodeRef::<leptos::html::Div>::new();
    // The problem slide, when the speaker put a problem in talk mode (off by default).
    let problem = Memo::new(move |_| {
        let base = page.results.base.get();
        page.talk_problem
            .with(|t| t.as_ref().map(|t| (problem_slide(t, &base), base)))
    });
    let keys = window_event_listener(ev::keydown, move |e| {
        let Some(i) = slide.get_untracked() else {
            return;
        };
        let last = CHARTS.len() - usize::from(problem.with_untracked(Option::is_none));
        match e.key().as_str() {
            "ArrowRight" | "PageDown" | " " => slide.set(Some((i + 1).min(last))),
            "ArrowLeft" | "PageUp" => slide.set(Some(i.saturating_sub(1))),
            "Home" => slide.set(Some(0)),
            "End" => slide.set(Some(last)),
            "Escape" => leave(),
            _ => return,
        }
        e.prevent_default();
    });
    // Leaving full screen (the browser's own Esc) leaves talk mode too.
    let fullscreen = window_event_listener(
        ev::Custom::<ev::Event>::new("fullscreenchange"),
        move |_| {
            if document().is_some_and(|d| d.fullscreen_element().is_none()) {
                slide.set(None);
            }
        },
    );
    on_cleanup(move || {
        keys.remove();
        fullscreen.remove();
    });
    let chart = move |i: usize| match CHARTS[i] {
        Chart::PassK => view! { <SlideChart figure=figures.passk name="talk-passk" /> }.into_any(),
        Chart::Coverage => {
            view! { <SlideChart figure=figures.coverage name="talk-coverage" /> }.into_any()
        }
        Chart::CoverageK => {
            view! { <SlideChart figure=figures.coverage_k name="talk-coverage-vs-k" /> }.into_any()
        }
        Chart::Problems => {
            view! { <SlideChart figure=figures.problems name="talk-problems" /> }.into_any()
        }
        Chart::Grid => view! { <SlideChart figure=figures.grid name="talk-grid" /> }.into_any(),
        Chart::Simulator => {
            view! { <SlideChart figure=simulated name="talk-simulator" /> }.into_any()
        }
    };
    // The slide's texts as source, then with their LaTeX as MathML once the worker rendered it.
    Effect::new(move |_| {
        if let (Some(into), Some((s, base))) = (texts.get(), problem.get()) {
            render_slide(&into, &s, &base, &[]);
            let asked = s.question.iter().chain(&s.response).cloned().collect();
            page.math(
                asked,
                Box::new(move |r| {
                    // Unless another problem took the slide meanwhile.
                    if problem.with_untracked(|p| p.as_ref().is_some_and(|(p, _)| *p == s)) {
                        render_slide(&into, &s, &base, &r.unwrap_or_default());
                    }
                }),
            );
        }
    });
    let count = move || CHARTS.len() + usize::from(problem.with(Option::is_some));
    view! {
        <button class="talk-button" data-testid="talk-mode" on:click=enter title="Full-screen slides from these data (←/→, Esc)">
            "Talk mode"
        </button>
        {move || slide.get().map(|i| {
            let on_problem = i >= CHARTS.len();
            let s = match problem.get() {
                Some((p, _)) if on_problem => p.slide,
                _ => words.with(|w| w[i.min(CHARTS.len() - 1)].clone()),
            };
            view! {
                <div class="talk" role="dialog" aria-modal="true" aria-label="Talk mode">
                    <section class="talk-slide" data-testid="talk-slide" data-slide=i>
                        <h2>{s.title}</h2>
                        <p class="takeaway">{s.takeaway}</p>
                        {(!on_problem).then(|| chart(i))}
                        {on_problem.then(|| view! { <div class="talk-texts" node_ref=texts></div> })}
                        <footer>
                            <span>{format!("{} / {}", i + 1, count())}</span>
                            <span>"← → move · Esc leaves"</span>
                            <button on:click=move |_| leave()>"Leave"</button>
                        </footer>
                    </section>
                </div>
            }
        })}
    }
}
