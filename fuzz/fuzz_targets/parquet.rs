//! Parquet tables from arbitrary bytes, with and without a mapping: never a panic, and a file
//! that reads is accounted for (lines = used + skipped + blank); its indexed rows, and rows it
//! does not have, read again for their texts without a panic, one answer per row asked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passk_lens_core::read::ingest::Options;
use passk_lens_core::read::mapping::Mapping;
use passk_lens_core::read::names::source_of_name;
use passk_lens_core::read::parquet::{read_parquet_limited, read_rows};
use passk_lens_core::read::texts::record_texts;

/// The `parquet` crate's decoders can panic on damaged pages; the reader contains those panics
/// (`read::parquet::guarded`). libFuzzer's hook aborts on every panic, so it is replaced by one
/// that aborts on any panic *but* the crate's: a panic in passk-lens's own code still fails.
fn contain_the_crates_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let libfuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_crate = info
                .location()
                .is_some_and(|l| l.file().contains("/parquet-"));
            if !in_crate {
                libfuzzer(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    contain_the_crates_panics();
    let Some((&control, bytes)) = data.split_first() else {
        return;
    };
    let options = Options {
        mapping: (control & 1 == 1).then(|| Mapping {
            id: "idx".into(),
            correct: "score".into(),
            ..Mapping::default()
        }),
        ..Options::default()
    };
    // A table's row count is free to claim (run-length encoding): a small cap keeps the
    // fuzzer's memory in bounds; the cap's own path is exercised all the same.
    let file = read_parquet_limited(source_of_name("t.parquet"), bytes, &options, |_| {}, 10_000);
    let r = &file.report;
    assert_eq!(r.lines, r.used + r.skipped.len() + r.blank, "{r:?}");
    let index = file.texts.unpack();
    let mut rows: Vec<u64> = (index.groups.iter())
        .flat_map(|g| g.problems().flat_map(|(_, spans)| spans))
        .map(|s| s.offset)
        .take(1000)
        .collect();
    rows.extend([u64::MAX, r.lines as u64]);
    for question_only in [false, true] {
        if let Ok(read) = read_rows(bytes, &rows, &index.options(&options), question_only) {
            assert_eq!(read.len(), rows.len());
            for row in read.into_iter().flatten() {
                let _ = record_texts(row.as_bytes(), index.format, &index.options(&options));
            }
        }
    }
});
