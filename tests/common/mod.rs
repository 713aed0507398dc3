//! Helpers shared by the native integration tests: paths to ../shared/data and loading files.
#![allow(dead_code)]

use passk_lens_core::read::{parse_file, ParsedFile};
use passk_lens_core::stats::dataset::{Dataset, ModelCurve};
use std::path::PathBuf;

/// A file of the shared, read-only real data beside the repository.
pub fn shared_data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel)
}

/// Parses a shared data file the way the page does (its file name names the model).
pub fn parse_shared(rel: &str) -> ParsedFile {
    let path = shared_data(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    parse_file(&name, &text)
}

/// The curves of the given shared files pooled into one dataset.
pub fn curves_of(rels: &[&str]) -> Vec<ModelCurve> {
    let files: Vec<ParsedFile> = rels.iter().map(|r| parse_shared(r)).collect();
    Dataset::from_files(&files).curves()
}

/// The inputs of a fuzz target's corpus (`fuzz/corpus/<target>`, with the inputs that once
/// failed), at least `min` of them. A file a running fuzzer replaces meanwhile is passed over.
pub fn fuzz_corpus(target: &str, min: usize) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let inputs: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| std::fs::read(entry.ok()?.path()).ok())
        .collect();
    assert!(
        inputs.len() >= min,
        "only {} {target} corpus files",
        inputs.len()
    );
    inputs
}

pub fn assert_close(actual: f64, expected: f64, tol: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: got {actual}, expected {expected} (±{tol})"
    );
}
