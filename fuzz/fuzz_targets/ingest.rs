//! Format detection and record parsing on arbitrary bytes, cut into arbitrary chunks, with and
//! without a field mapping: never a panic; every line accounted for (lines = used + skipped +
//! blank); the same result however the bytes are chunked; the report survives the trip from
//! the worker to the page; every span of the drawer's index reads back its problem's counts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passk_lens_core::read::ingest::{parse_bytes, EvalPlusTests, Ingest, Options};
use passk_lens_core::read::mapping::Mapping;
use passk_lens_core::read::texts::check_index;
use passk_lens_core::read::ParsedFile;

fuzz_target!(|data: &[u8]| {
    let Some((&control, bytes)) = data.split_first() else {
        return;
    };
    let options = Options {
        mapping: (control & 1 == 1).then(|| Mapping {
            id: "idx".into(),
            correct: ["score", "infos[].r", "a.b[]", "r[].x.y"][usize::from(control >> 1 & 3)]
                .into(),
            model: if control & 8 == 8 {
                "m".into()
            } else {
                String::new()
            },
            // The drawer's texts through named paths too (read back by `check_index`).
            response: if control & 4 == 4 {
                "ys[]".into()
            } else {
                String::new()
            },
            question: "q.text".into(),
            ..Mapping::default()
        }),
        evalplus: if control & 16 == 16 {
            EvalPlusTests::Base
        } else {
            EvalPlusTests::Plus
        },
        max_line: if control & 32 == 32 { 64 } else { 1 << 20 },
        group_questions: control & 64 == 0,
        ..Options::default()
    };
    let whole = parse_bytes("f.jsonl", bytes, options.clone());
    let r = &whole.report;
    assert_eq!(r.lines, r.used + r.skipped.len() + r.blank, "{r:?}");

    // The same bytes in chunks of a size the control byte picks.
    let step = usize::from(control >> 6) * 7 + 1;
    let mut ingest = Ingest::new("f.jsonl", options.clone());
    for chunk in bytes.chunks(step) {
        ingest.push(chunk);
    }
    let chunked = ingest.finish();
    assert_eq!(chunked.report, whole.report);
    assert_eq!(chunked.counts, whole.counts);
    assert_eq!(chunked.texts, whole.texts);
    if let Err(e) = check_index(bytes, &whole, &options) {
        panic!("{e}");
    }

    let back = ParsedFile::from_json(&whole.to_json()).expect("a report reads back");
    assert_eq!(back.report, whole.report);
    assert_eq!(back.counts, whole.counts);
});
