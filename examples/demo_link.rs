//! Writes the site's built-in demo: a result file's counts (the MATH500 pair of
//! ../shared/data) exactly as a share link of them opens (written into a link and read back,
//! then as the postcard bytes a worker sends the page), and the statistics the page shows for
//! it at first (a `Snapshot` of the default view, computed exactly as the statistics worker
//! computes it). Run by the Trunk build (scripts/demo.sh), so the demo is built from the
//! shared data and never committed; the page draws its first chart from these two files,
//! before any worker has started.
//!
//! `cargo run --example demo_link -- FILE SNAPSHOT_OUT > demo.file`

use passk_lens_core::explain::snapshot::{to_bytes, Analysis, Loaded, ViewRequest};
use passk_lens_core::export::share::{decode_payload, encode_payload, View};
use passk_lens_core::read::parse_file;
use passk_lens_core::stats::Dataset;
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, snapshot_out] = args.as_slice() else {
        eprintln!("usage: demo_link FILE SNAPSHOT_OUT");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("demo_link: {path}: {e}");
            std::process::exit(1);
        }
    };
    let file = parse_file(path, &text);
    if file.counts.is_empty() {
        eprintln!("demo_link: {path}: nothing usable");
        std::process::exit(1);
    }
    let payload = encode_payload(&View::default(), &Dataset::from_files([&file]));
    // What the page holds once it opened the link, and so what its statistics worker is sent.
    let (_, opened) = decode_payload(&payload).expect("a link just written opens");
    let demo = to_bytes(&opened);
    let loaded = Loaded {
        counts: opened.counts,
        bands: opened.bands,
        meta: opened.meta,
        answers: Vec::new(),
        texts: Default::default(),
    };
    let snapshot = Analysis::new(&[loaded]).snapshot(&ViewRequest::default());
    if let Err(e) = std::fs::write(snapshot_out, to_bytes(&snapshot)) {
        eprintln!("demo_link: {snapshot_out}: {e}");
        std::process::exit(1);
    }
    if let Err(e) = std::io::stdout().write_all(&demo) {
        eprintln!("demo_link: {e}");
        std::process::exit(1);
    }
}
