//! Writes the share link of the site's built-in demo: the counts of a result file (the MATH500
//! pair of ../shared/data), as the page's share links carry them. Run by the Trunk build
//! (scripts/demo.sh), so the demo is built from the shared data and never committed; the page
//! opens it like a link, without the loading worker.
//!
//! `cargo run --example demo_link -- FILE > demo.link`

use passk_lens_core::export::share::{encode_payload, pack, View};
use passk_lens_core::read::parse_file;
use passk_lens_core::stats::Dataset;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: demo_link FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("demo_link: {path}: {e}");
            std::process::exit(1);
        }
    };
    let file = parse_file(&path, &text);
    if file.counts.is_empty() {
        eprintln!("demo_link: {path}: nothing usable");
        std::process::exit(1);
    }
    let payload = encode_payload(&View::default(), &Dataset::from_files([&file]));
    println!("{}", pack(&payload));
}
