//! `make bench`: the memory of the drawer's text index for a result file (what the page and
//! the statistics worker keep per sample: where each record lies, never the texts).
//!
//! `cargo run --release --example index_memory -- FILE…`

use passk_lens_core::read::{read_bytes, Ingest, Options};
use std::io::Read;

fn main() {
    for path in std::env::args().skip(1) {
        let mut file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("index_memory: {path}: {e}");
                std::process::exit(1);
            }
        };
        let failed = |e: std::io::Error| -> ! {
            eprintln!("index_memory: {path}: {e}");
            std::process::exit(1);
        };
        let parsed = if path.ends_with(".eval") || path.ends_with(".parquet") {
            // A zip or a Parquet table is read through random access, here from memory.
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap_or_else(|e| failed(e));
            read_bytes(&path, &bytes, Options::default())
        } else {
            let mut ingest = Ingest::new(&path, Options::default());
            let mut chunk = vec![0; 16 << 20];
            loop {
                match file.read(&mut chunk) {
                    Ok(0) => break,
                    Ok(n) => ingest.push(&chunk[..n]),
                    Err(e) => failed(e),
                }
            }
            ingest.finish()
        };
        let samples: u64 = (parsed.counts.values().flat_map(|p| p.values()))
            .map(|c| c.n)
            .sum();
        let memory = parsed.texts.unpack().memory();
        println!(
            "BENCH texts index {path}: {} spans for {samples} samples: {memory} bytes, {:.3} bytes per sample (bound 32)",
            parsed.texts.unpack().spans(),
            memory as f64 / samples.max(1) as f64,
        );
    }
}
