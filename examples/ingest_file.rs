//! Reads a result file through the same streaming reader the worker runs, in 1 MiB chunks, and
//! prints the time: `cargo run --release --example ingest_file -- FILE`.

use passk_lens_core::read::ingest::{Ingest, Options};
use std::io::Read;

fn main() {
    let path = std::env::args().nth(1).expect("usage: ingest_file FILE");
    let mut file = std::fs::File::open(&path).expect("readable file");
    let name = std::path::Path::new(&path)
        .file_name()
        .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
    let mut ingest = Ingest::new(&name, Options::default());
    let mut chunk = vec![0; 1 << 20];
    let (mut bytes, start) = (0usize, std::time::Instant::now());
    loop {
        let n = file.read(&mut chunk).expect("read");
        if n == 0 {
            break;
        }
        bytes += n;
        ingest.push(&chunk[..n]);
    }
    let parsed = ingest.finish();
    let secs = start.elapsed().as_secs_f64();
    let r = &parsed.report;
    println!(
        "{name}: {:.0} MB in {secs:.2} s ({:.0} MB/s); {} lines, {} used, {} skipped",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        r.lines,
        r.used,
        r.skipped.len()
    );
}
