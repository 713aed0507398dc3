//! Browser tests that need a dedicated worker (wasm-bindgen-test in headless Chromium): the
//! readers that run in the workers read a `File` synchronously (`FileReaderSync`, which a page
//! does not have).
#![cfg(target_arch = "wasm32")]

use passk_lens_core::read::ingest::Options as ReadOptions;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

fn file(bytes: &[u8], name: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

/// A Parquet table (tests/fixtures/make_parquet.py: six problems of 4 samples, c = 0 … 4, 4;
/// rows in groups of 10) read, then a problem's rows read again from its `File` for the drawer
/// as the Parquet wasm does it: each row's own response and verdict.
#[wasm_bindgen_test]
fn a_parquet_tables_rows_are_read_again_in_wasm() {
    use passk_lens::io::files::read_parquet_rows;
    use passk_lens_core::read::texts::record_texts;
    const TABLE: &[u8] = include_bytes!("fixtures/parquet/per-sample.parquet");
    let source = passk_lens_core::read::names::source_of("per-sample.parquet");
    let parsed = passk_lens_core::read::parquet::read_parquet(
        source,
        TABLE,
        &ReadOptions::default(),
        |_| {},
    );
    let index = parsed.texts.unpack();
    assert!(index.rows);
    // Problem p2's rows (8 … 11) straddle the first two row groups.
    let spans = index.locate("MATH500", "p2")[0].1.clone();
    let rows: Vec<f64> = spans.iter().map(|s| s.offset as f64).collect();
    assert_eq!(rows, [8.0, 9.0, 10.0, 11.0]);
    let options = ReadOptions::default().to_json();
    let json = read_parquet_rows(&file(TABLE, "per-sample.parquet"), &rows, &options, false);
    let read: Result<Vec<Option<String>>, String> = serde_json::from_str(&json).unwrap();
    let texts: Vec<(Option<bool>, String)> = read
        .unwrap()
        .iter()
        .map(|row| {
            let r = record_texts(
                row.as_deref().unwrap().as_bytes(),
                index.format,
                &ReadOptions::default(),
            );
            assert_eq!(r.samples.len(), 1);
            let s = &r.samples[0];
            (s.correct, s.text.clone().unwrap()[..11].to_owned())
        })
        .collect();
    let want: Vec<(Option<bool>, String)> = (0..4)
        .map(|k| (Some(k < 2), format!("p2 sample {k}")))
        .collect();
    assert_eq!(texts, want);
}
