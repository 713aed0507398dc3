//! `make bench`: the memory of the drawer's text index for a result file (what the page and
//! the statistics worker keep per sample: where each record lies, never the texts).
//!
//! `cargo run --release --example index_memory -- FILE…`

use passk_lens_core::read::texts::{Span, TextIndex};
use passk_lens_core::read::{Ingest, Options};
use std::io::Read;

/// The heap and inline bytes of an index: its spans, and its problem ids and vectors.
fn bytes(index: &TextIndex) -> (usize, usize) {
    let (string, vec) = (
        std::mem::size_of::<String>(),
        std::mem::size_of::<Vec<Span>>(),
    );
    let spans = std::mem::size_of::<Span>();
    (index.groups.iter().flat_map(|g| &g.problems))
        .map(|(id, s)| (s.capacity() * spans, string + id.capacity() + vec))
        .fold((0, 0), |(a, b), (x, y)| (a + x, b + y))
}

fn main() {
    for path in std::env::args().skip(1) {
        let mut file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("index_memory: {path}: {e}");
                std::process::exit(1);
            }
        };
        let mut ingest = Ingest::new(&path, Options::default());
        let mut chunk = vec![0; 16 << 20];
        loop {
            match file.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => ingest.push(&chunk[..n]),
                Err(e) => {
                    eprintln!("index_memory: {path}: {e}");
                    std::process::exit(1);
                }
            }
        }
        let parsed = ingest.finish();
        let samples: u64 = (parsed.counts.values().flat_map(|p| p.values()))
            .map(|c| c.n)
            .sum();
        let (spans, problems) = bytes(&parsed.texts);
        let per = |b: usize| b as f64 / samples.max(1) as f64;
        println!(
            "BENCH texts index {path}: {} spans for {samples} samples: {} bytes, {:.3} bytes per sample \
             (spans {:.3}, problem ids and vectors {:.3}; bound 32)",
            parsed.texts.spans(),
            spans + problems,
            per(spans + problems),
            per(spans),
            per(problems)
        );
    }
}
