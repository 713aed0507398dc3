//! Reads a result file through the same readers the worker runs, and prints the time: text in
//! 1 MiB chunks through the streaming reader; a zip (`.eval`) or a Parquet table through random
//! access. `cargo run --release --example ingest_file -- FILE`

#[cfg(unix)]
use passk_lens_core::read::{
    ingest::{Ingest, Options},
    names::source_of_name,
    parquet, read_archive, Kind, ParsedFile,
};
#[cfg(unix)]
use std::io::Read;

#[cfg(not(unix))]
fn main() {
    eprintln!("ingest_file reads files on unix only");
}

#[cfg(unix)]
fn main() {
    let path = std::env::args().nth(1).expect("usage: ingest_file FILE");
    let mut file = std::fs::File::open(&path).expect("readable file");
    let name = std::path::Path::new(&path)
        .file_name()
        .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
    let mut head = [0u8; 4];
    let n = file.read(&mut head).expect("read");
    let start = std::time::Instant::now();
    let size = file.metadata().map_or(0, |m| m.len()) as usize;
    let parsed: ParsedFile = match Kind::of(&name, &head[..n]) {
        Kind::Zip => read_archive(source_of_name(&name), &file, &Options::default()),
        Kind::Parquet => {
            parquet::read_parquet(source_of_name(&name), &file, &Options::default(), |_| {})
        }
        Kind::Text => {
            let file = std::fs::File::open(&path).expect("readable file");
            text(&name, file)
        }
    };
    let secs = start.elapsed().as_secs_f64();
    let r = &parsed.report;
    println!(
        "{name}: {} ({}), {} {}s: {} used, {} skipped; {:.0} MB in {:.3} s = {:.0} MB/s",
        r.format.as_str(),
        r.rule,
        r.lines,
        r.unit,
        r.used,
        r.skipped.len(),
        size as f64 / 1e6,
        secs,
        size as f64 / 1e6 / secs
    );
    if let Some(p) = &r.problem {
        println!("problem: {p}");
    }
    for s in &r.stated {
        println!("stated: {s:?}");
    }
}

#[cfg(unix)]
fn text(name: &str, mut file: std::fs::File) -> ParsedFile {
    let mut ingest = Ingest::new(name, Options::default());
    let mut chunk = vec![0; 1 << 20];
    loop {
        let n = file.read(&mut chunk).expect("read");
        if n == 0 {
            break;
        }
        ingest.push(&chunk[..n]);
    }
    ingest.finish()
}
