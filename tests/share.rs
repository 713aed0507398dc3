//! Share links, the pure part: the MATH500 pair round-trips through the payload and envelope,
//! and the share fuzz corpus (fuzz/corpus/share, with the inputs that once failed) replays with
//! the fuzz target's checks.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::parse_shared;
use passk_lens_core::explain::snapshot::{from_bytes, to_bytes};
use passk_lens_core::export::csv::passk_csv;
use passk_lens_core::export::share::{
    checksum, decode_payload, encode_payload, envelope, open_envelope, View,
};
use passk_lens_core::read::ParsedFile;
use passk_lens_core::stats::dataset::Dataset;

#[test]
fn the_math500_pair_round_trips_to_the_same_passk_csv() {
    let files = [
        parse_shared("math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl"),
        parse_shared("math500-qwen25-7b-vs-simplerl/qwen2.5-7b-simplerl-zoo.jsonl"),
    ];
    let ds = Dataset::from_files(&files);
    let view = View {
        k: Some(16),
        base: Some("qwen2.5-7b-simplerl-zoo".into()),
        benchmark: None,
        hat: false,
        linear_k: true,
        hidden: ["qwen2.5-7b-base".to_owned()].into(),
        slice: Some(("base-rate".into(), "(0–1/4]".into())),
        problem: Some("17".into()),
    };
    let payload = encode_payload(&view, &ds);
    // Uncompressed it is 5.5 KB; deflated (in the browser) it is about 2.2 KB.
    assert!(payload.len() < 6_000, "{}", payload.len());
    let fragment = envelope(&payload, &payload);
    let (data, sum) = open_envelope(&format!("#{fragment}")).unwrap();
    assert_eq!(sum, checksum(&data));
    let (back, file) = decode_payload(&data).unwrap();
    assert_eq!(back, view);
    let again = Dataset::from_files([&file]);
    assert_eq!(passk_csv(&again.curves()), passk_csv(&ds.curves()));
    // The statistics worker opens links and sends the page what it read (postcard); the demo
    // is shipped the same way.
    let (view2, file2): (View, ParsedFile) = from_bytes(&to_bytes(&(&back, &file))).unwrap();
    assert_eq!(view2, view);
    assert_eq!(file2.counts, file.counts);
    assert_eq!(file2.report.unit, file.report.unit);
    // A link written before slices (no `s` line) opens with none; a slice line that lacks its
    // value is said.
    let old = String::from_utf8(payload.clone())
        .unwrap()
        .replace("s\tbase-rate\t(0–1/4]\n", "");
    assert_eq!(decode_payload(old.as_bytes()).unwrap().0.slice, None);
    let broken = String::from_utf8(payload)
        .unwrap()
        .replace("\t(0–1/4]\n", "\n");
    assert_eq!(
        decode_payload(broken.as_bytes()).unwrap_err(),
        "line 3: a slice needs a field and a value"
    );
    // The open problem is its id alone, on a line of its own; a link without one opens none.
    let text = String::from_utf8(encode_payload(&view, &ds)).unwrap();
    assert!(text.contains("\no\t17\n"));
    let closed = text.replace("o\t17\n", "");
    assert_eq!(decode_payload(closed.as_bytes()).unwrap().0.problem, None);
}

#[test]
fn the_share_fuzz_corpus_replays_clean() {
    for data in common::fuzz_corpus("share", 5) {
        if let Ok(text) = std::str::from_utf8(&data) {
            let _ = open_envelope(text);
        }
        if let Ok((view, file)) = decode_payload(&data) {
            let again = encode_payload(&view, &Dataset::from_files([&file]));
            let (view2, file2) = decode_payload(&again).expect("an encoded payload decodes");
            assert_eq!(view2, view);
            let flat = |f: &passk_lens_core::read::ParsedFile| {
                let mut rows: Vec<(String, String, String, u64, u64)> = f
                    .counts
                    .iter()
                    .flat_map(|((b, m), p)| {
                        p.iter()
                            .map(move |(id, c)| (b.clone(), m.clone(), id.clone(), c.n, c.c))
                    })
                    .collect();
                rows.sort();
                rows
            };
            assert_eq!(flat(&file2), flat(&file));
        }
    }
}
