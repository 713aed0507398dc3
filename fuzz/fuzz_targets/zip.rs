//! Inspect `.eval` zips from arbitrary bytes: opening the directory, reading every entry, and the
//! whole log reader never panic, and never read more than the limit; a log that reads is
//! accounted for (lines = used + skipped + blank).
#![no_main]

use libfuzzer_sys::fuzz_target;
use passk_lens_core::read::ingest::Options;
use passk_lens_core::read::names::source_of_name;
use passk_lens_core::read::read_archive;
use passk_lens_core::read::zip::Archive;

fuzz_target!(|data: &[u8]| {
    if let Ok(archive) = Archive::open(data) {
        for entry in archive.entries.iter().take(64) {
            if let Ok(bytes) = archive.read(data, entry, 1 << 20) {
                assert!(bytes.len() as u64 == entry.size && entry.size <= 1 << 20);
            }
        }
    }
    let file = read_archive(source_of_name("log.eval"), data, &Options::default());
    let r = &file.report;
    assert_eq!(r.lines, r.used + r.skipped.len() + r.blank, "{r:?}");
});
