//! The chart drawn into SVG: what a reader of the figure would look for is there.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::curves_of;
use common::parse_shared;
use passk_lens::chart::coverage::{self, euler_distance, lens_area, Regions};
use passk_lens::chart::passk::{draw, Annotations, Line, Options};
use passk_lens::chart::problems::{self, Pair};
use passk_lens::chart::style::Style;
use passk_lens::chart::{coverage_k, style};
use passk_lens_core::explain::views::{coverage_curves, problem_points, ProblemPoint};
use passk_lens_core::read::parse_file;
use passk_lens_core::stats::dataset::Dataset;
use plotters::prelude::*;
use std::f64::consts::PI;

/// The text content of every `<text>` element, trimmed.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .map(|t| {
            t.split_once('>')
                .unwrap()
                .1
                .split("</text>")
                .next()
                .unwrap()
                .trim()
                .to_owned()
        })
        .collect()
}

/// Draws with `f` into a 960 × 540 SVG.
fn svg_with<T>(
    f: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> T,
) -> (String, T) {
    let mut svg = String::new();
    let out;
    {
        let root = SVGBackend::with_string(&mut svg, (960, 540)).into_drawing_area();
        out = f(&root);
        root.present().unwrap();
    }
    (svg, out)
}

fn svg_of(lines: &[Line]) -> String {
    svg_with(|root| draw(root, lines, &Options::default()).unwrap()).0
}

fn math500() -> Dataset {
    Dataset::from_files(&[
        parse_shared("math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl"),
        parse_shared("math500-qwen25-7b-vs-simplerl/qwen2.5-7b-simplerl-zoo.jsonl"),
    ])
}

/// The MATH500 pair plus a third, synthetic "distilled" model that solves some problems
/// neither solves (so every Venn region is non-empty).
fn three_models() -> Dataset {
    let mut text = String::new();
    for id in 0..500 {
        let c = if id % 7 == 0 {
            64
        } else if id % 11 == 0 {
            0
        } else {
            100
        };
        text += &format!("{{\"idx\": {id}, \"n\": 128, \"c\": {c}}}\n");
    }
    Dataset::from_files(&[
        parse_shared("math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl"),
        parse_shared("math500-qwen25-7b-vs-simplerl/qwen2.5-7b-simplerl-zoo.jsonl"),
        parse_file("distilled.jsonl", &text),
    ])
}

#[test]
fn math500_pair_draws_two_labelled_curves_on_a_log2_axis() {
    let curves = curves_of(&[
        "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl",
        "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-simplerl-zoo.jsonl",
    ]);
    let lines: Vec<Line> = curves
        .iter()
        .enumerate()
        .map(|(i, c)| Line {
            label: c.model.clone(),
            values: &c.pass_at_k,
            band: Some(&c.bands),
            color_index: i,
            sampled: None,
        })
        .collect();
    let svg = svg_of(&lines);
    // Legend entries.
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "qwen2.5-7b-base"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "qwen2.5-7b-simplerl-zoo"));
    // One polyline per model, each in its palette colour, with all 128 points.
    let blue = svg.matches("stroke=\"#0072B2\"").count();
    let vermillion = svg.matches("stroke=\"#D55E00\"").count();
    assert!(
        blue >= 2 && vermillion >= 2,
        "line + legend swatch: {blue} {vermillion}"
    );
    let curve_points = svg
        .split("<polyline")
        .skip(1)
        .map(|p| {
            p.split("points=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .split_whitespace()
                .count()
        })
        .max()
        .unwrap();
    assert_eq!(curve_points, 128);
    // Tick labels are powers of two up to 128, and the axis says it is log₂.
    for k in ["1", "2", "4", "8", "16", "32", "64", "128"] {
        assert!(texts.iter().any(|t| t == k), "tick {k}: {texts:?}");
    }
    assert!(texts.iter().any(|t| t.contains("log₂")));
    // A marker at each power of two for each model: 8 per curve.
    assert_eq!(svg.matches("<circle").count(), 16);
    // Both 95 % bands are shaded, translucent, in their model's colour.
    let bands: Vec<&str> = svg.split("<polygon").skip(1).collect();
    assert_eq!(bands.len(), 2);
    assert!(bands[0].contains("fill=\"#0072B2\"") && bands[0].contains("opacity=\"0.18\""));
}

#[test]
fn empty_state_tells_what_to_do() {
    let svg = svg_of(&[]);
    assert!(texts(&svg)
        .iter()
        .any(|t| t.starts_with("Drop JSONL result files here")));
    assert!(!svg.contains("<polyline"));
}

#[test]
fn crossover_and_delta_se_are_drawn_and_the_axis_can_be_linear() {
    let curves = curves_of(&[
        "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl",
        "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-simplerl-zoo.jsonl",
    ]);
    let lines: Vec<Line> = curves
        .iter()
        .map(|c| Line {
            label: c.model.clone(),
            values: &c.pass_at_k,
            band: None,
            color_index: c.model_index,
            sampled: None,
        })
        .collect();
    let annotations = Annotations {
        crossover: Some((15, curves[0].pass_at_k[14])),
        delta_se: Some((128, curves[1].pass_at_k[0], curves[0].pass_at_k[127])),
    };
    let opts = Options {
        annotations,
        ..Options::default()
    };
    let (svg, geometry) = svg_with(|root| draw(root, &lines, &opts).unwrap());
    let labels = texts(&svg);
    assert!(
        labels.iter().any(|t| t == "k* = 15: base catches up"),
        "{labels:?}"
    );
    assert!(labels.iter().any(|t| t == "Δ_SE = 18.3 pts"), "{labels:?}");
    let g = geometry.unwrap();
    for k in [1, 2, 15, 64, 128] {
        assert_eq!(g.k_at(g.x_of(k)), Some(k), "pointer → k round trip");
    }
    assert_eq!(g.k_at(f64::from(g.x_px.start) - 50.0), None);

    let linear = Options {
        log_x: false,
        ..Options::default()
    };
    let (svg, geometry) = svg_with(|root| draw(root, &lines, &linear).unwrap());
    let labels = texts(&svg);
    assert!(labels.iter().any(|t| t == "k (samples per problem)"));
    assert!(labels.iter().any(|t| t == "100"), "{labels:?}");
    let g = geometry.unwrap();
    let mid = (f64::from(g.x_px.start) + f64::from(g.x_px.end)) / 2.0;
    assert_eq!(
        g.k_at(mid),
        Some(65),
        "k = 1 … 128 is linear: the middle is 64.5"
    );
}

#[test]
fn euler_lens_math() {
    assert!((lens_area(1.0, 1.0, 0.0) - PI).abs() < 1e-12);
    assert_eq!(lens_area(1.0, 1.0, 2.0), 0.0);
    let d = euler_distance(2.0, 1.5, 3.0);
    assert!((lens_area(2.0, 1.5, d) - 3.0).abs() < 1e-9);
}

#[test]
fn two_models_draw_an_area_proportional_euler_diagram() {
    let ds = math500();
    let cov = &ds.coverages(128)[0];
    let (svg, regions) =
        svg_with(|root| coverage::draw(root, Some(cov), &[0, 1], &Style::default()).unwrap());
    let Some(Regions::Circles(circles)) = regions else {
        panic!("circles")
    };
    let ((x1, _, r1), (x2, _, r2)) = (circles[0], circles[1]);
    // Areas are proportional to 481 (base) and 465 (RL) problems, the lens to the 462 in both.
    let unit = PI * r1 * r1 / 481.0;
    assert!((PI * r2 * r2 / unit - 465.0).abs() < 0.5);
    assert!((lens_area(r1, r2, (x2 - x1).abs()) / unit - 462.0).abs() < 0.5);
    let texts = texts(&svg);
    for t in [
        "462",
        "19",
        "3",
        "solved by no model: 16",
        "500 problems, k = 128 (exact sets)",
    ] {
        assert!(texts.iter().any(|x| x == t), "{t}: {texts:?}");
    }
    let centre_of_lens = ((x1 + r1 + x2 - r2) / 2.0, circles[0].1);
    let regions = Regions::Circles(circles);
    assert_eq!(
        regions.region_at(centre_of_lens.0, centre_of_lens.1),
        Some(3)
    );
    assert_eq!(regions.region_at(0.0, 0.0), Some(0));
}

#[test]
fn three_models_draw_a_venn_diagram_with_all_seven_counts() {
    let ds = three_models();
    let cov = &ds.coverages(128)[0];
    let (svg, regions) =
        svg_with(|root| coverage::draw(root, Some(cov), &[0, 1, 2], &Style::default()).unwrap());
    assert!(matches!(regions, Some(Regions::Circles(ref c)) if c.len() == 3));
    assert_eq!(
        svg.matches("<circle").count(),
        9,
        "filled + outlined circle + legend dot per model"
    );
    let texts = texts(&svg);
    for r in cov.regions.iter().skip(1).filter(|r| r.expected > 0.0) {
        assert!(
            texts.contains(&format!("{}", r.expected)),
            "{}: {texts:?}",
            r.name
        );
    }
}

#[test]
fn four_models_draw_an_upset_plot() {
    let mut files = vec![];
    for (m, shift) in ["base", "ppo", "grpo", "distilled"]
        .iter()
        .zip([0u64, 3, 5, 9])
    {
        let text: String = (0..40)
            .map(|i| {
                format!(
                    "{{\"idx\": {i}, \"n\": 8, \"c\": {}}}\n",
                    ((i + shift) % 9).min(8)
                )
            })
            .collect();
        files.push(parse_file(&format!("{m}.jsonl"), &text));
    }
    let ds = Dataset::from_files(&files);
    let cov = &ds.coverages(8)[0];
    let (svg, regions) =
        svg_with(|root| coverage::draw(root, Some(cov), &[0, 1, 2, 3], &Style::default()).unwrap());
    let Some(Regions::Columns(cols)) = regions else {
        panic!("columns")
    };
    let non_empty = cov
        .regions
        .iter()
        .skip(1)
        .filter(|r| r.expected > 0.0)
        .count();
    assert_eq!(cols.len(), non_empty);
    // Columns are ordered by size, largest first.
    let sizes: Vec<f64> = cols.iter().map(|(_, m)| cov.regions[*m].expected).collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]));
    let texts = texts(&svg);
    assert!(["base", "ppo", "grpo", "distilled"]
        .iter()
        .all(|m| texts.iter().any(|t| t == m)));
}

#[test]
fn coverage_vs_k_draws_solved_and_only_curves() {
    let ds = math500();
    let cc = coverage_curves(&ds.benchmark_models("all"));
    assert_eq!(cc.only[0][127], 19.0);
    assert_eq!(cc.only[1][127], 3.0);
    let (svg, _) =
        svg_with(|root| coverage_k::draw(root, &cc, &[0, 1], &Style::default()).unwrap());
    let texts = texts(&svg);
    for t in [
        "qwen2.5-7b-base: solved",
        "only qwen2.5-7b-base",
        "only qwen2.5-7b-simplerl-zoo",
        "problems solved (of 500)",
    ] {
        assert!(texts.iter().any(|x| x == t), "{t}: {texts:?}");
    }
    assert!(svg.matches("<polyline").count() >= 2);
}

/// The MATH500 pair's per-problem points, base model first.
fn math500_points() -> (Vec<ProblemPoint>, Pair<'static>) {
    let ds = math500();
    let models = ds.benchmark_models("all");
    let points = problem_points(models[0].1, models[1].1);
    let pair = Pair {
        base: ("qwen2.5-7b-base", 0),
        model: ("qwen2.5-7b-simplerl-zoo", 1),
    };
    (points, pair)
}

#[test]
fn per_problem_view_marks_lost_and_gained_problems() {
    let (points, pair) = math500_points();
    let dark = Style {
        theme: style::DARK,
        ..Style::default()
    };
    let (svg, _) = svg_with(|root| problems::draw(root, &points, &pair, &dark).unwrap());
    let texts = texts(&svg);
    assert!(
        texts
            .iter()
            .any(|t| t == "lost: 19 problem(s) the base solves, qwen2.5-7b-simplerl-zoo never"),
        "{texts:?}"
    );
    assert!(texts
        .iter()
        .any(|t| t == "gained: 3 problem(s) only qwen2.5-7b-simplerl-zoo solves"));
    assert!(svg.contains("fill=\"#181A1F\""), "dark background");
    // 500 problems: 478 dots, 19 crosses (two strokes each), 3 triangles.
    assert_eq!(svg.matches("<circle").count(), 478);
}

/// A click on a dot finds its problem: each dot's centre in the SVG maps back to its point.
#[test]
fn a_click_on_a_dot_finds_its_problem() {
    let (points, pair) = math500_points();
    let (svg, plot) =
        svg_with(|root| problems::draw(root, &points, &pair, &Style::default()).unwrap());
    let plot = plot.expect("a scatter was drawn");
    let dots: Vec<_> = points.iter().filter(|p| !p.lost() && !p.gained()).collect();
    let number = |s: &str, key: &str| -> f64 {
        let at = s.find(key).unwrap() + key.len();
        s[at..].split('"').next().unwrap().parse().unwrap()
    };
    let circles: Vec<(f64, f64)> = svg
        .split("<circle")
        .skip(1)
        .map(|c| (number(c, "cx=\""), number(c, "cy=\"")))
        .collect();
    assert_eq!(circles.len(), dots.len());
    let (w, h) = (
        f64::from(plot.x_px.end - plot.x_px.start),
        f64::from(plot.y_px.end - plot.y_px.start),
    );
    for (&(cx, cy), want) in circles.iter().zip(&dots) {
        let found = plot
            .nearest(&points, (cx, cy), 3.0)
            .unwrap_or_else(|| panic!("no dot under ({cx}, {cy}) for {want:?} in {plot:?}"));
        // The same place, up to the pixels of rounding.
        assert!(
            (found.base - want.base).abs() * w / 1.04 <= 3.5,
            "{found:?} for {want:?}"
        );
        assert!(
            (found.model - want.model).abs() * h / 1.04 <= 3.5,
            "{found:?} for {want:?}"
        );
    }
    assert_eq!(plot.nearest(&points, (0.0, 0.0), 12.0), None);
}

#[test]
fn every_chart_has_an_empty_state() {
    let st = Style::default();
    let (svg, _) = svg_with(|root| coverage::draw(root, None, &[], &st).unwrap());
    assert!(texts(&svg)[0].starts_with("Load results"));
    let (svg, _) = svg_with(|root| {
        problems::draw(
            root,
            &[],
            &Pair {
                base: ("a", 0),
                model: ("b", 1),
            },
            &st,
        )
        .unwrap()
    });
    assert!(texts(&svg)[0].starts_with("Load a base model"));
}

#[test]
fn sorted_per_problem_view_draws_one_segment_per_problem() {
    let (points, pair) = math500_points();
    let (svg, _) =
        svg_with(|root| problems::draw_sorted(root, &points, &pair, &Style::default()).unwrap());
    // A segment (a two-point path) and two dots per problem, plus the legend's two dots.
    assert_eq!(svg.matches("<circle").count(), 2 * 500 + 2);
    let segments = svg.matches("<polyline").count();
    assert!(segments >= 500, "{segments}");
    // (The apostrophe is escaped in SVG text.)
    assert!(texts(&svg)
        .iter()
        .any(|t| t.starts_with("problems, sorted by qwen2.5-7b-base")));
}

#[test]
fn cover_at_tau_draws_one_curve_per_model_from_the_real_pair() {
    use passk_lens::chart::cover::{self, CoverLine};
    use passk_lens_core::explain::snapshot::cover_taus;
    use passk_lens_core::stats::metrics::cover_at;
    let ds = math500();
    let models = ds.benchmark_models("all");
    let taus = cover_taus();
    let curves: Vec<Vec<f64>> = models.iter().map(|(_, p)| cover_at(p, &taus)).collect();
    // cover@0 is every problem; cover@1 the problems solved by every sample. At τ = 0 the
    // counts are the 500; just above 0, the problems solved at all (481 and 465 of 500).
    assert_eq!((curves[0][0], curves[1][0]), (1.0, 1.0));
    assert_eq!(cover_at(models[0].1, &[1e-9])[0], 481.0 / 500.0);
    assert_eq!(cover_at(models[1].1, &[1e-9])[0], 465.0 / 500.0);
    // Sharpening: the RL model reaches more problems reliably (τ = 0.9) though fewer at all.
    assert!(curves[1][90] > curves[0][90]);
    let lines: Vec<CoverLine> = models
        .iter()
        .zip(&curves)
        .enumerate()
        .map(|(i, ((name, _), values))| CoverLine {
            label: name,
            color_index: i,
            values,
        })
        .collect();
    let (svg, _) = svg_with(|root| cover::draw(root, &lines, &Style::default()).unwrap());
    let drawn = texts(&svg);
    for t in [
        "qwen2.5-7b-base",
        "qwen2.5-7b-simplerl-zoo",
        "cover@τ: share of problems with c/n ≥ τ",
    ] {
        assert!(drawn.iter().any(|x| x == t), "{t}: {drawn:?}");
    }
    assert!(svg.matches("<polyline").count() >= 2);
    let (empty, _) = svg_with(|root| cover::draw(root, &[], &Style::default()).unwrap());
    assert!(texts(&empty).iter().any(|t| t.contains("cover@τ")));
}

#[test]
fn steps_chart_draws_pass_at_1_pass_at_k_and_delta_se_per_run() {
    use passk_lens::chart::steps;
    use passk_lens_core::explain::steps::run_series;
    // The MATH500 pair as steps 0 and 100 of one run.
    let mut ds = math500();
    ds.models = ["zoo@0", "zoo@100"]
        .map(str::to_owned)
        .into_iter()
        .collect();
    let runs = run_series(&ds, &ds.curves(), "all");
    let (svg, _) =
        svg_with(|root| steps::draw(root, &runs, &[0], Some(100), &Style::default()).unwrap());
    let t = texts(&svg);
    for want in [
        "pass@1 (solid) and pass@128 (dashed) over training",
        "Δ_SE against the first step",
        "zoo: pass@1",
        "zoo: pass@128",
        "training step",
        "pass@128(first) − pass@1, points",
    ] {
        assert!(t.iter().any(|x| x == want), "{want} missing from {t:?}");
    }
    // Δ_SE at step 100 is 18.3 points: the right panel's y axis reaches past it.
    let ticks: Vec<f64> = t.iter().filter_map(|x| x.parse().ok()).collect();
    assert!(ticks.iter().any(|y| (18.0..=22.0).contains(y)), "{ticks:?}");
    // Two bands, pass@1 and pass@K, each one polygon over the run's steps.
    assert_eq!(svg.matches("<polygon").count(), 2, "one band per measure");
    let (empty, _) = svg_with(|root| steps::draw(root, &[], &[], None, &Style::default()).unwrap());
    assert!(texts(&empty)
        .iter()
        .any(|x| x.starts_with("Load a training run")));
}

/// Two benchmarks × a base and two RL models (counts), as in the paper's grid.
fn grid_set() -> Dataset {
    let mut text = String::new();
    for (b, shift) in [("MATH500", 0u64), ("AIME24", 3)] {
        for p in 0..30u64 {
            // The base solves most problems sometimes; "grpo" and "ppo" solve the easy ones
            // always and lose the hard ones.
            let base = (p * 5 + shift) % 9;
            let rl = if base >= 3 { 16 } else { 0 };
            let ppo = if base >= 4 { 16 } else { 0 };
            for (m, c) in [("base", base), ("grpo", rl), ("ppo", ppo)] {
                text += &format!(
                    "{{\"benchmark\": \"{b}\", \"model\": \"{m}\", \"problem_id\": \"{p}\", \"n\": 16, \"c\": {c}}}\n"
                );
            }
        }
    }
    Dataset::from_files([&parse_file("grid.jsonl", &text)])
}

#[test]
fn the_grid_draws_one_panel_per_benchmark_and_model_with_its_crossover() {
    use passk_lens::chart::grid::{self, Panel};
    let ds = grid_set();
    let curves = ds.curves();
    let cmps = ds.comparisons(&curves, "base");
    assert_eq!(cmps.len(), 4);
    let find = |b: &str, m: &str| {
        curves
            .iter()
            .find(|c| c.benchmark == b && c.model == m)
            .unwrap()
    };
    let panels: Vec<Panel> = cmps
        .iter()
        .map(|c| Panel {
            benchmark: &c.benchmark,
            model: &c.model,
            base: Line::of(find(&c.benchmark, &c.base)),
            other: Line::of(find(&c.benchmark, &c.model)),
            crossover: c.crossover,
        })
        .collect();
    let legend = [
        ("base".to_owned(), 0),
        ("grpo".to_owned(), 1),
        ("ppo".to_owned(), 2),
    ];
    let (svg, _) = svg_with(|root| {
        grid::draw(
            root,
            &["MATH500", "AIME24"],
            &["grpo", "ppo"],
            &panels,
            &legend,
            &Style::default(),
        )
        .unwrap()
    });
    let t = texts(&svg);
    let count = |s: &str| t.iter().filter(|x| *x == s).count();
    // Row names once, each model's caption once per row, one legend.
    assert_eq!((count("MATH500"), count("AIME24")), (1, 1));
    assert_eq!(
        (count("grpo"), count("ppo")),
        (3, 3),
        "two captions and a legend entry"
    );
    assert_eq!(count("base"), 1);
    // Every panel's crossover is marked with its own k*.
    for c in &cmps {
        let k = c.crossover.expect("the base catches up in every pair");
        assert!(count(&format!("k* = {k}")) >= 1, "k* = {k} missing: {t:?}");
    }
    let marked = t.iter().filter(|x| x.starts_with("k* = ")).count();
    assert_eq!(marked, 4);
    // Shared axes: the k labels once per column (bottom row), y labels once per row (first column).
    assert_eq!(count("16"), 2);
    assert_eq!(count("1.0"), 2);
    let (empty, _) =
        svg_with(|root| grid::draw(root, &[], &[], &[], &[], &Style::default()).unwrap());
    assert!(texts(&empty)
        .iter()
        .any(|x| x.starts_with("Load a base model")));
}

#[test]
fn the_delta_se_dot_plot_sorts_models_and_draws_paired_intervals() {
    use passk_lens::chart::delta_se::{self, Dot};
    let ds = math500();
    let cmp = &ds.comparisons(&ds.curves(), "qwen2.5-7b-base")[0];
    let p = &cmp.delta_se_paired;
    let dots = [
        Dot {
            label: "a wider gap".into(),
            color_index: 2,
            value: 0.4,
            low: 0.35,
            high: 0.45,
        },
        Dot {
            label: "SimpleRL-Zoo".into(),
            color_index: 1,
            value: p.mean,
            low: p.ci.low,
            high: p.ci.high,
        },
    ];
    let (svg, _) = svg_with(|root| delta_se::draw(root, &dots, &Style::default()).unwrap());
    let t = texts(&svg);
    assert!(t.iter().any(|x| x == "18.3"), "MATH500's Δ_SE: {t:?}");
    assert!(t.iter().any(|x| x == "40.0"));
    // Sorted (given largest first): the smallest gap is the bottom row, whose label is drawn
    // first, the largest the top row.
    let rows: Vec<&String> = t
        .iter()
        .filter(|x| *x == "SimpleRL-Zoo" || *x == "a wider gap")
        .collect();
    assert_eq!(rows, ["SimpleRL-Zoo", "a wider gap"]);
    assert_eq!(svg.matches("<circle").count(), 2, "one dot each");
    let (empty, _) = svg_with(|root| delta_se::draw(root, &[], &Style::default()).unwrap());
    assert!(texts(&empty)
        .iter()
        .any(|x| x.starts_with("Load a base model")));
}

#[test]
fn the_accuracy_histogram_bins_the_real_pair_and_finds_a_bin_under_the_pointer() {
    use passk_lens::chart::accuracy;
    use passk_lens_core::explain::views::{accuracy as bins_of, ACCURACY_BINS};
    let ds = math500();
    let models = ds.benchmark_models("all");
    let with_index: Vec<_> = models
        .iter()
        .enumerate()
        .map(|(i, (n, p))| (n.clone(), i, *p))
        .collect();
    let series = bins_of(&with_index);
    // Never solved: 19 for the base (481 of 500 solved at k = 128), 35 for SimpleRL-Zoo (465).
    assert_eq!((series[0].bins[0].len(), series[1].bins[0].len()), (19, 35));
    // Every bin, checked against c/n compared with j/10 in integers.
    for (s, (_, problems)) in series.iter().zip(&models) {
        assert_eq!(s.bins.iter().map(Vec::len).sum::<usize>(), 500);
        for (id, c) in problems.iter() {
            let bin = (0..ACCURACY_BINS)
                .find(|&b| s.bins[b].contains(id))
                .unwrap();
            let want = match (c.c, c.n) {
                (0, _) => 0,
                (c, n) if c == n => 11,
                (c, n) => (1..=10).find(|&j| 10 * c <= j * n).unwrap() as usize,
            };
            assert_eq!(bin, want, "{id}: {}/{}", c.c, c.n);
        }
    }
    // RL sharpens: more problems always solved than the base.
    assert!(series[1].bins[11].len() > series[0].bins[11].len());
    let (svg, bins) =
        svg_with(|root| accuracy::draw(root, &series, Some(0), &Style::default()).unwrap());
    let t = texts(&svg);
    for want in [
        "0",
        "≤.5",
        "&lt;1",
        "1",
        "problems",
        "qwen2.5-7b-base",
        "qwen2.5-7b-simplerl-zoo",
    ] {
        assert!(t.iter().any(|x| x == want), "{want} missing: {t:?}");
    }
    let bins = bins.unwrap();
    let (l, r) = (f64::from(bins.x_px.start), f64::from(bins.x_px.end));
    let w = (r - l) / ACCURACY_BINS as f64;
    assert_eq!(bins.bin_at(l + 0.5 * w), Some(0));
    assert_eq!(bins.bin_at(l + 11.5 * w), Some(11));
    assert_eq!(bins.bin_at(l - 5.0), None);
    let (empty, none) =
        svg_with(|root| accuracy::draw(root, &[], None, &Style::default()).unwrap());
    assert!(
        none.is_none()
            && texts(&empty)
                .iter()
                .any(|x| x.starts_with("Load result files"))
    );
}
