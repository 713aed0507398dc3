//! The statistics benchmark in the browser (run by `make bench`, not by `make test`): the same
//! 8 models × 1000 problems × n = 1024 as benches/stats.rs, timed with performance.now().
//! It prints figures; it asserts no timing.
#![cfg(target_arch = "wasm32")]

use passk_lens::chart::style::Style;
use passk_lens::chart::{coverage, coverage_k, passk, problems};
use passk_lens_core::counts::Problems;
use passk_lens_core::counts::Problems as P;
use passk_lens_core::explain::synth;
use passk_lens_core::explain::views::{coverage_curves, problem_points};
use passk_lens_core::stats::bootstrap::passk_bands;
use passk_lens_core::stats::compare::compare;
use passk_lens_core::stats::coverage::coverage as coverage_at;
use passk_lens_core::stats::dataset::mean_curves;
use passk_lens_core::stats::dataset::ModelCurve;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::hint::black_box;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// Milliseconds of `runs` runs of `f`, sorted.
fn sorted_ms(runs: usize, mut f: impl FnMut()) -> Vec<f64> {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = now();
            f();
            now() - t
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times
}

/// Median milliseconds of `runs` runs of `f`.
fn median_ms(runs: usize, f: impl FnMut()) -> f64 {
    sorted_ms(runs, f)[runs / 2]
}

/// The 95th percentile, in milliseconds, of `runs` runs of `f`.
fn p95_ms(runs: usize, f: impl FnMut()) -> f64 {
    sorted_ms(runs, f)[(runs * 95).div_ceil(100) - 1]
}

#[wasm_bindgen_test]
fn stats_in_the_browser() {
    let models: Vec<Problems> = (0..8)
        .map(|m| synth::problems(1000, 1024, 0.3, 0.3, m))
        .collect();
    let curves = median_ms(21, || {
        black_box(
            models
                .iter()
                .map(|p| mean_curves(black_box(p), 1024))
                .collect::<Vec<_>>(),
        );
    });
    let means: Vec<Vec<f64>> = models.iter().map(|p| mean_curves(p, 1024).0).collect();
    let bands = median_ms(5, || {
        black_box(
            models
                .iter()
                .zip(&means)
                .map(|(p, c)| passk_bands(black_box(p), c, 7))
                .collect::<Vec<_>>(),
        );
    });
    let named: Vec<(String, &Problems)> = models
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("model-{i}"), p))
        .collect();
    let coverage_k = median_ms(5, || {
        black_box(coverage_curves(black_box(&named)));
    });
    let model_curves: Vec<ModelCurve> = named
        .iter()
        .enumerate()
        .map(|(i, (name, p))| ModelCurve::new("bench", i, name, p))
        .collect();
    let paired = median_ms(5, || {
        for (curve, p) in model_curves.iter().zip(&models).skip(1) {
            black_box(compare((&model_curves[0], &models[0]), (curve, p)));
        }
    });
    console_log!("BENCH browser all-k curves, 8 models x 1000 problems x n=1024: {curves:.1} ms (median of 21)");
    console_log!("BENCH browser bootstrap bands B=1000, same data: {bands:.1} ms (median of 5)");
    console_log!("BENCH browser coverage-vs-k curves (solved and only, every k), same data: {coverage_k:.1} ms (median of 5)");
    console_log!("BENCH browser paired bootstrap of 7 models against the base (k = 1 and K), same data: {paired:.1} ms (median of 5)");
}

/// maj@k for every k, 8 models × 1000 problems, each problem's wrong samples spread over up to
/// 49 answers (Zipf weights), at n = 1024 and n = 256; the all-k pass@k of the same counts is
/// the baseline. Rounds interleave the two and every round is printed.
#[wasm_bindgen_test]
fn maj_in_the_browser() {
    use passk_lens_core::stats::majority::mean_maj_curve;
    for (n, rounds) in [(256u64, 5), (1024, 3)] {
        let models: Vec<Problems> = (0..8)
            .map(|m| synth::problems(1000, n, 0.3, 0.3, m))
            .collect();
        let answers: Vec<Vec<Vec<(String, passk_lens_core::counts::Counts)>>> = models
            .iter()
            .enumerate()
            .map(|(m, p)| synth::answers(p, 49, 100 + m as u64))
            .collect();
        let (mut maj, mut base) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            let t = now();
            for a in &answers {
                black_box(mean_maj_curve(
                    a.iter().map(|x| (x.as_slice(), n)),
                    n as usize,
                ));
            }
            maj.push(now() - t);
            let t = now();
            for p in &models {
                black_box(mean_curves(black_box(p), n as usize));
            }
            base.push(now() - t);
        }
        console_log!(
            "BENCH browser maj@k rounds, n={n}: {maj:.0?} ms; pass@k baseline {base:.1?} ms"
        );
        maj.sort_by(f64::total_cmp);
        base.sort_by(f64::total_cmp);
        let (m, b) = (maj[rounds / 2], base[rounds / 2]);
        console_log!(
            "BENCH browser maj@k every k, 8 models x 1000 problems x n={n}, <=50 answers: {m:.0} ms (median of {rounds}; {:.0}x the all-k pass@k, {b:.1} ms)",
            m / b
        );
    }
}

#[wasm_bindgen_test]
fn chart_redraws_in_the_browser() {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_width(1280);
    canvas.set_height(720);
    document.body().unwrap().append_child(&canvas).unwrap();
    let area = || {
        CanvasBackend::with_canvas_object(canvas.clone())
            .unwrap()
            .into_drawing_area()
    };
    let models: Vec<(String, P)> = (0..8)
        .map(|m| {
            (
                format!("model-{m}"),
                synth::problems(1000, 1024, 0.3, 0.3, m),
            )
        })
        .collect();
    let curves: Vec<ModelCurve> = models
        .iter()
        .enumerate()
        .map(|(i, (n, p))| ModelCurve::new("bench", i, n, p))
        .collect();
    let lines: Vec<passk::Line> = curves
        .iter()
        .map(|c| passk::Line {
            label: c.model.clone(),
            values: &c.pass_at_k,
            band: Some(&c.bands),
            color_index: c.model_index,
            sampled: None,
        })
        .collect();
    let st = Style::default();
    let opts = passk::Options::default();
    let by_ref: Vec<(String, &P)> = models.iter().map(|(n, p)| (n.clone(), p)).collect();
    let cov = coverage_at("bench", &by_ref, 64).unwrap();
    let cc = coverage_curves(&by_ref);
    let points = problem_points(&models[0].1, &models[1].1);
    let colors: Vec<usize> = (0..8).collect();
    let pair = problems::Pair {
        base: ("model-0", 0),
        model: ("model-1", 1),
    };
    let figures = [
        (
            "pass@k with bands",
            p95_ms(30, || drop(black_box(passk::draw(&area(), &lines, &opts)))),
        ),
        (
            "coverage (UpSet, 8 models)",
            p95_ms(30, || {
                drop(black_box(coverage::draw(&area(), Some(&cov), &colors, &st)))
            }),
        ),
        (
            "coverage vs k",
            p95_ms(30, || {
                drop(black_box(coverage_k::draw(&area(), &cc, &colors, &st)))
            }),
        ),
        (
            "per-problem view",
            p95_ms(30, || {
                drop(black_box(problems::draw(&area(), &points, &pair, &st)))
            }),
        ),
    ];
    for (name, ms) in figures {
        console_log!(
            "BENCH browser redraw {name}, 8 models x 1024 k on 1280x720: {ms:.1} ms (p95 of 30)"
        );
    }
    canvas.remove();
}

/// The streaming reader alone in wasm (no file reading): a paper-format buffer of ~100 MB
/// (100 problems × 1024 samples × ~1 KB responses) pushed in 8 MiB chunks.
#[wasm_bindgen_test]
fn bench_ingest_in_wasm() {
    use passk_lens_core::read::ingest::{Ingest, Options};
    let response = "Let us reason step by step about the quantities involved. ".repeat(17);
    let mut text = String::new();
    for idx in 0..100 {
        let code: Vec<String> = (0..1024).map(|s| format!("\"{response}{s}\"")).collect();
        let score: Vec<&str> = (0..1024)
            .map(|s| if (s + idx) % 3 == 0 { "true" } else { "false" })
            .collect();
        text += &format!(
            "{{\"idx\": {idx}, \"code\": [{}], \"score\": [{}]}}\n",
            code.join(", "),
            score.join(", ")
        );
    }
    let bytes = text.as_bytes();
    let ms = median_ms(5, || {
        let mut ingest = Ingest::new("paper.jsonl", Options::default());
        for chunk in bytes.chunks(8 << 20) {
            ingest.push(chunk);
        }
        black_box(ingest.finish());
    });
    web_sys::console::log_1(
        &format!(
            "BENCH wasm ingest of {:.0} MB paper format: {ms:.0} ms ({:.0} MB/s)",
            bytes.len() as f64 / 1e6,
            bytes.len() as f64 / 1e3 / ms
        )
        .into(),
    );
}
