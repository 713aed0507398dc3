//! Browser tests (wasm-bindgen-test in headless Chromium): the core gives the same numbers
//! compiled to wasm, the chart really paints a canvas, and files are read (and gunzipped)
//! through the browser's own APIs.
#![cfg(target_arch = "wasm32")]

use passk_lens::chart::passk::{draw, Line, Options};
use passk_lens::io::files::read_file;
use passk_lens_core::explain::snapshot::Loaded;
use passk_lens_core::read::ingest::{parse_bytes, Options as ReadOptions};
use passk_lens_core::read::parse_file;
use passk_lens_core::stats::dataset::Dataset;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// The MATH500 counts, read from the shared data at build time (never committed).
const DEMO: &str = include_str!("../../shared/data/math500-qwen25-7b-vs-simplerl/counts.jsonl");

/// `{"idx": 0, "score": [true, false, true, true]}` and `{"idx": 1, "score": [false, false, false, true]}`,
/// gzipped by Python's gzip.compress(data, mtime=0).
const GZ: [u8; 69] = [
    31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 171, 86, 202, 76, 169, 80, 178, 82, 48, 208, 81, 80, 42, 78,
    206, 47, 74, 5, 178, 163, 75, 138, 74, 83, 117, 20, 210, 18, 115, 138, 129, 20, 132, 3, 34, 99,
    107, 185, 170, 161, 202, 13, 145, 149, 67, 21, 162, 82, 80, 13, 0, 117, 68, 177, 123, 96, 0, 0,
    0,
];

fn file(bytes: &[u8], name: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

#[wasm_bindgen_test]
fn the_demo_gives_the_published_numbers_in_wasm() {
    let parsed = parse_file("demo.jsonl", DEMO);
    assert_eq!(parsed.report.used, 1000);
    let curves = Dataset::from_files([&parsed]).curves();
    assert_eq!(curves[0].at(1), Some(0.613921875));
    assert_eq!(curves[1].at(1), Some(0.779328125));
    assert!((curves[0].at(128).unwrap() - 0.962).abs() < 1e-12);
    assert!((curves[1].at(128).unwrap() - 0.93).abs() < 1e-12);
}

#[wasm_bindgen_test]
fn the_chart_paints_the_canvas_in_palette_colours() {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_width(800);
    canvas.set_height(450);
    document.body().unwrap().append_child(&canvas).unwrap();
    let curves = Dataset::from_files([&parse_file("demo.jsonl", DEMO)]).curves();
    let lines: Vec<Line> = curves
        .iter()
        .map(|c| Line {
            label: c.model.clone(),
            values: &c.pass_at_k,
            band: Some(&c.bands),
            color_index: c.model_index,
            sampled: None,
        })
        .collect();
    let area = CanvasBackend::with_canvas_object(canvas.clone())
        .unwrap()
        .into_drawing_area();
    draw(&area, &lines, &Options::default()).unwrap();
    area.present().unwrap();

    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let pixels = ctx.get_image_data(0.0, 0.0, 800.0, 450.0).unwrap().data().0;
    let count = |rgb: [u8; 3]| {
        pixels
            .chunks_exact(4)
            .filter(|p| (0..3).all(|i| p[i].abs_diff(rgb[i]) <= 8))
            .count()
    };
    assert!(count([0x00, 0x72, 0xB2]) > 500, "blue base curve drawn");
    assert!(count([0xD5, 0x5E, 0x00]) > 500, "vermillion RL curve drawn");
    canvas.remove();
}

async fn read(bytes: &[u8], name: &str, cap: f64) -> (passk_lens_core::read::ParsedFile, f64) {
    let mut last = 0.0;
    let parsed = read_file(
        &file(bytes, name),
        None,
        ReadOptions::default(),
        cap,
        |read| last = read,
    )
    .await;
    (parsed, last)
}

#[wasm_bindgen_test]
async fn plain_and_gzipped_files_read_the_same() {
    let (gz, gz_bytes) = read(&GZ, "rl.jsonl.gz", f64::INFINITY).await;
    assert!(
        gz.report.notes.is_empty(),
        "the recorded size matches: {:?}",
        gz.report
    );
    assert_eq!(gz_bytes, 96.0, "progress counts decompressed bytes");
    assert_eq!((gz.report.used, gz.report.lines), (2, 2));
    let text = "{\"idx\": 0, \"score\": [true, false, true, true]}\n{\"idx\": 1, \"score\": [false, false, false, true]}\n";
    let (plain, _) = read(text.as_bytes(), "rl.jsonl", f64::INFINITY).await;
    assert_eq!(plain.counts, gz.counts);
    let curve = &Dataset::from_files([&gz]).curves()[0];
    assert_eq!(curve.model, "rl");
    assert_eq!(curve.at(1), Some((0.75 + 0.25) / 2.0));
}

#[wasm_bindgen_test]
async fn a_large_file_streamed_in_browser_chunks_reads_as_a_whole() {
    // ~6 MB: the browser hands it over in many chunks, which cut lines anywhere.
    let mut text = String::new();
    for i in 0..3000 {
        let pad = "x".repeat(1000 + i % 977);
        text += &format!(
            "{{\"idx\": {}, \"code\": \"{pad}\", \"score\": [{}, true]}}\n",
            i % 1500,
            i % 3 == 0
        );
    }
    let (streamed, read_bytes) = read(text.as_bytes(), "big.jsonl", f64::INFINITY).await;
    assert_eq!(read_bytes, text.len() as f64);
    let whole = parse_bytes("big.jsonl", text.as_bytes(), ReadOptions::default());
    assert_eq!(streamed.report, whole.report);
    assert_eq!(streamed.counts, whole.counts);
    assert_eq!(
        (whole.report.used, whole.report.skipped.len()),
        (1500, 1500),
        "repeats are duplicates"
    );
}

#[wasm_bindgen_test]
async fn a_gz_that_is_not_gzip_is_a_message_not_a_crash() {
    let (parsed, _) = read(b"{\"idx\": 0}", "fake.jsonl.gz", f64::INFINITY).await;
    let problem = parsed.report.problem.unwrap();
    assert!(problem.contains("not a readable gzip file"), "{problem}");
    assert_eq!(parsed.report.used, 0);
}

#[wasm_bindgen_test]
async fn a_truncated_gz_is_flagged() {
    // Either the DecompressionStream rejects it, or the size check against the gzip trailer
    // notices the loss.
    let (parsed, _) = read(&GZ[..GZ.len() - 8], "cut.jsonl.gz", f64::INFINITY).await;
    let r = &parsed.report;
    let said = r
        .problem
        .iter()
        .chain(&r.notes)
        .any(|m| m.contains("may be truncated") || m.contains("not a readable gzip file"));
    assert!(said, "{r:?}");
}

#[wasm_bindgen_test]
async fn decompression_stops_at_the_cap() {
    let (parsed, _) = read(&GZ, "rl.jsonl.gz", 10.0).await;
    let problem = parsed.report.problem.unwrap();
    assert!(problem.contains("decompression cap"), "{problem}");
}

#[wasm_bindgen_test]
async fn a_share_link_round_trips_through_the_browsers_deflate() {
    use passk_lens_core::export::csv::passk_csv;
    use passk_lens_core::export::share::{encode_payload, View};
    let ds = Dataset::from_files([&parse_file("demo.jsonl", DEMO)]);
    let view = View {
        k: Some(16),
        hidden: ["Qwen2.5-7B".to_owned()].into(),
        ..View::default()
    };
    let fragment = passk_lens::io::share::fragment(&encode_payload(&view, &ds))
        .await
        .unwrap();
    // The MATH500 pair: 2 models × 500 problems in a link of under 4 KB.
    assert!(fragment.len() <= 4096, "{}", fragment.len());
    assert!(fragment.starts_with("1."));
    let (back, file) = passk_lens::io::share::open(&fragment).await.unwrap();
    assert_eq!(back, view);
    let again = Dataset::from_files([&file]);
    assert_eq!(passk_csv(&again.curves()), passk_csv(&ds.curves()));
}

#[wasm_bindgen_test]
async fn a_link_that_inflates_past_the_cap_is_refused() {
    let bomb = vec![b'a'; 20_000_000];
    let fragment = passk_lens::io::share::fragment(&bomb).await.unwrap();
    assert!(fragment.len() < 40_000, "{}", fragment.len());
    let why = passk_lens::io::share::open(&fragment).await.unwrap_err();
    // The link's fault, said to the user, not a failure of the page.
    assert!(
        matches!(why, passk_lens::io::error::Error::Unreadable(_)),
        "{why:?}"
    );
    assert!(why.to_string().contains("more than 16 MB"), "{why}");
}

/// The fast line reader's Wasm SIMD scan (native tests run its byte-by-byte twin): a byte that
/// ends or breaks a string, at every offset around the 16- and 64-byte steps, gives
/// serde_json's answer.
#[wasm_bindgen_test]
fn the_simd_string_scan_agrees_with_serde_json() {
    use passk_lens_core::read::record::Record;
    use passk_lens_core::read::skim;
    let mut kept = Vec::new();
    let (mut fast, mut left) = (0, 0);
    for stop in [
        "\"", "\\\"", "\\u00e9", "\\x", "\t", "\u{0}", "\u{1f}", "é", "\u{7f}",
    ] {
        for at in 0..150 {
            let text = format!("{}{stop}{}", "a".repeat(at), "b".repeat(150 - at));
            let line = format!(r#"{{"idx": 1, "code": ["{text}"], "score": [true, false]}}"#);
            let full = serde_json::from_slice::<Record>(line.as_bytes()).ok();
            match skim::record(line.as_bytes(), &mut kept) {
                Some(r) => {
                    assert_eq!(Some(r), full, "{line}");
                    fast += 1;
                }
                None => left += 1,
            }
        }
    }
    // Escapes and multi-byte text are read; a lone quote, a bad escape and raw control
    // characters are not JSON, so they are left to serde_json (which rejects them).
    assert_eq!((fast, left), (4 * 150, 5 * 150));
}

/// The bands' trip from the loading worker to the page, as the JS message object the worker
/// posts (a `Float64Array` beside the JSON): the page hears the worker's bands bit for bit
/// (were they lost, the page would silently compute them again, on its main thread).
#[wasm_bindgen_test]
fn the_page_hears_the_workers_bands_bit_for_bit() {
    use passk_lens::io::worker::{event_of, file_message, Event};
    use passk_lens_core::stats::dataset::file_bands;
    let parsed = parse_file("demo.jsonl", DEMO);
    let Event::File { index, file: heard } = event_of(&file_message(3, &parsed)) else {
        panic!("a file event");
    };
    // The page keeps the report and hands the rest on unopened; the statistics worker reads it.
    assert_eq!(heard.report, parsed.report);
    let heard = Loaded::from_page(&heard.data, &heard.bands, &Default::default()).unwrap();
    assert_eq!(index, 3);
    assert_eq!(heard.counts, parsed.counts);
    let bits =
        |bands: &[Vec<passk_lens_core::stats::bootstrap::Interval>]| -> Vec<Vec<(u64, u64)>> {
            bands
                .iter()
                .map(|m| {
                    m.iter()
                        .map(|i| (i.low.to_bits(), i.high.to_bits()))
                        .collect()
                })
                .collect()
        };
    let computed = file_bands(&parsed.counts);
    assert_eq!(computed.len(), 2);
    assert_eq!(computed[0].len(), 128);
    assert_eq!(bits(&heard.bands), bits(&computed));
    let pooled = Dataset::from_files([&heard]);
    assert_eq!(
        pooled.curves_with(std::slice::from_ref(&heard)),
        pooled.curves()
    );

    // The other messages; anything else is a clear failure, not a panic.
    let message = |pairs: &[(&str, wasm_bindgen::JsValue)]| {
        let o = js_sys::Object::new();
        for (k, v) in pairs {
            js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
        }
        wasm_bindgen::JsValue::from(o)
    };
    assert!(matches!(
        event_of(&message(&[("kind", "progress".into()), ("done", 5.0.into()), ("total", 8.0.into())])),
        Event::Progress { done, total } if done == 5.0 && total == 8.0
    ));
    assert!(matches!(
        event_of(&message(&[("kind", "done".into())])),
        Event::Done
    ));
    assert!(matches!(
        event_of(&message(&[
            ("kind", "file".into()),
            ("bytes", js_sys::Uint8Array::from(&[1u8, 2, 3][..]).into())
        ])),
        Event::Failed(why) if why.starts_with("a message from a worker could not be read")
    ));
    assert!(matches!(
        event_of(&wasm_bindgen::JsValue::NULL),
        Event::Failed(_)
    ));
}

/// The demo's pair as two checkpoints of one run, `zoo@0` and `zoo@100`.
fn demo_as_a_run() -> Dataset {
    let mut ds = Dataset::from_files([&parse_file("demo.jsonl", DEMO)]);
    ds.models = ["zoo@0", "zoo@100"]
        .map(str::to_owned)
        .into_iter()
        .collect();
    ds
}

#[wasm_bindgen_test]
fn a_run_in_wasm_gives_the_pairs_numbers() {
    use passk_lens_core::explain::steps::run_series;
    let ds = demo_as_a_run();
    let runs = run_series(&ds, &ds.curves(), "MATH500");
    let rl = &runs[0].points[1];
    assert_eq!((runs[0].k, rl.step), (128, 100));
    assert_eq!((rl.lost.len(), rl.gained.len()), (19, 3));
    assert!((rl.delta_se - (0.962 - 0.779328125)).abs() < 1e-12);
}

/// The text and the kinds of element of an SVG document, in order.
fn svg_outline(svg: &str) -> (Vec<String>, Vec<usize>) {
    let texts = svg
        .split("<text")
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
        .collect();
    let kinds = [
        "<polyline",
        "<path",
        "<circle",
        "<rect",
        "<polygon",
        "<line",
    ]
    .iter()
    .map(|k| svg.matches(k).count())
    .collect();
    (texts, kinds)
}

#[wasm_bindgen_test]
fn the_pages_backend_draws_what_plotters_draws_and_measures_text_alike() {
    use passk_lens::chart::{steps, style::Style};
    use passk_lens::ui::backend::PageBackend;
    use passk_lens_core::explain::steps::run_series;
    use plotters::prelude::DrawingBackend;
    let ds = demo_as_a_run();
    let runs = run_series(&ds, &ds.curves(), "MATH500");
    let (mut direct, mut through) = (String::new(), String::new());
    {
        let area = SVGBackend::with_string(&mut direct, (960, 540)).into_drawing_area();
        steps::draw(&area, &runs, &[0], Some(100), &Style::default()).unwrap();
        area.present().unwrap();
    }
    {
        let svg = SVGBackend::with_string(&mut through, (960, 540));
        let area = PageBackend::Svg(svg).into_drawing_area();
        steps::draw(&area, &runs, &[0], Some(100), &Style::default()).unwrap();
        area.present().unwrap();
    }
    assert!(direct.contains("pass@1 (solid) and pass@128 (dashed) over training"));
    // The same elements and texts; positions may move by the measuring of text (a canvas's
    // measureText rather than a span laid out in the page).
    assert_eq!(svg_outline(&through), svg_outline(&direct));
    // And the two measurements agree to a couple of pixels.
    let font = TextStyle::from(("sans-serif", 15.0).into_font());
    let mut sink = String::new();
    let plain = SVGBackend::with_string(&mut sink, (10, 10));
    let theirs = plain
        .estimate_text_size("qwen2.5-7b-simplerl-zoo: pass@128", &font)
        .unwrap();
    let mut sink = String::new();
    let ours = PageBackend::Svg(SVGBackend::with_string(&mut sink, (10, 10)))
        .estimate_text_size("qwen2.5-7b-simplerl-zoo: pass@128", &font)
        .unwrap();
    assert!(theirs.0 > 100, "{theirs:?}");
    assert!(
        ours.0.abs_diff(theirs.0) <= 2,
        "ours {ours:?}, plotters' {theirs:?}"
    );
    assert!(
        ours.1.abs_diff(theirs.1) <= 3,
        "ours {ours:?}, plotters' {theirs:?}"
    );
}

const RLVR: &[u8] = include_bytes!("../../shared/data/limit-of-rlvr-math-eval/math_cot_100.jsonl");

#[wasm_bindgen_test]
async fn extracted_answers_cross_to_the_page_and_vote_in_wasm() {
    use passk_lens::io::worker::{event_of, file_message, Event};
    // Read through the browser's File, as the loading worker does.
    let (parsed, _) = read(RLVR, "math_cot_100.jsonl", f64::INFINITY).await;
    assert_eq!(parsed.answers.len(), 100);
    let Event::File { file: heard, .. } = event_of(&file_message(0, &parsed)) else {
        panic!("a file event");
    };
    let heard = Loaded::from_page(&heard.data, &heard.bands, &Default::default()).unwrap();
    assert_eq!(heard.answers, parsed.answers);
    let ds = Dataset::from_files([&heard]);
    let (curve, count) = ds
        .maj_curve("all", "math_cot_100", &heard.counts[0], 8)
        .unwrap();
    assert_eq!(count, 100);
    // Every subset of every problem's 8 samples enumerated (tests/majority.rs): 37/40.
    assert!((curve[7] - 37.0 / 40.0).abs() < 1e-15, "{}", curve[7]);
    assert!((curve[0] - 0.91).abs() < 1e-15);
}

/// The drawer's texts in the browser: the index crosses to the page with the file, the spans of
/// a problem are sliced out of the browser's `File` (`Blob.slice`), and read back they give the
/// file's own k-th response, verdict and answer.
#[wasm_bindgen_test]
async fn a_problems_responses_are_sliced_from_the_file_in_wasm() {
    use passk_lens::io::files::read_spans;
    use passk_lens::io::worker::{event_of, file_message, Event};
    use passk_lens_core::read::texts::record_texts;
    let (parsed, _) = read(RLVR, "math_cot_100.jsonl", f64::INFINITY).await;
    let Event::File { file: heard, .. } = event_of(&file_message(0, &parsed)) else {
        panic!("a file event");
    };
    let heard = Loaded::from_page(&heard.data, &heard.bands, &Default::default()).unwrap();
    let index = heard.texts;
    assert_eq!(index, parsed.texts.unpack());
    assert_eq!(index.spans(), 100);
    let lines: Vec<serde_json::Value> = std::str::from_utf8(RLVR)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let handle = file(RLVR, "math_cot_100.jsonl");
    // Two problems far apart in the file, read in one request (two slices).
    let spans: Vec<_> = [3usize, 96]
        .iter()
        .map(|&i| index.locate("all", &lines[i]["idx"].to_string())[0].1[0])
        .collect();
    let parts = read_spans(&handle, &spans).await.unwrap();
    for (part, i) in parts.iter().zip([3usize, 96]) {
        let r = record_texts(part, index.format, &ReadOptions::default());
        let line = &lines[i];
        assert_eq!(r.question.as_deref(), line["question"].as_str());
        assert_eq!(r.samples.len(), 8);
        for (k, s) in r.samples.iter().enumerate() {
            assert_eq!(s.text.as_deref(), line["code"][k].as_str());
            assert_eq!(s.correct, line["score"][k].as_bool());
        }
    }
}
