//! Inspect `.eval` zips from arbitrary bytes: opening the directory, reading every entry (through
//! the directory and from its own span), and the whole log reader never panic, and never read
//! more than the limit; a log that reads is accounted for (lines = used + skipped + blank), and its
//! text index is read back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passk_lens_core::read::ingest::Options;
use passk_lens_core::read::names::source_of_name;
use passk_lens_core::read::read_archive;
use passk_lens_core::read::texts::check_index;
use passk_lens_core::read::zip::{local_entry, Archive, LOCAL_LIMIT};

fuzz_target!(|data: &[u8]| {
    if let Ok(archive) = Archive::open(data) {
        for entry in archive.entries.iter().take(64) {
            if let Ok(bytes) = archive.read(data, entry, 1 << 20) {
                assert!(bytes.len() as u64 == entry.size && entry.size <= 1 << 20);
            }
        }
        for (start, end) in archive.spans().into_iter().take(64) {
            if let Some(span) = data.get(start as usize..end as usize) {
                if let Ok((_, bytes)) = local_entry(span) {
                    assert!(bytes.len() as u64 <= LOCAL_LIMIT);
                }
            }
        }
    }
    let file = read_archive(source_of_name("log.eval"), data, &Options::default());
    let r = &file.report;
    assert_eq!(r.lines, r.used + r.skipped.len() + r.blank, "{r:?}");
    // Read back without a panic; the counts come from the summaries, which a damaged entry
    // need not agree with (the drawer says why).
    let _ = check_index(data, &file, &Options::default());
});
