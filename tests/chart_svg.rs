//! The chart drawn into SVG: what a reader of the figure would look for is there.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::curves_of;
use passk_lens::chart::passk::{draw, Line, Options};
use plotters::prelude::*;

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

fn svg_of(lines: &[Line]) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (960, 540)).into_drawing_area();
        draw(&root, lines, &Options::default()).unwrap();
        root.present().unwrap();
    }
    svg
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
