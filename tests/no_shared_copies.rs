//! The shared real data is read from ../shared/data and never committed, reformatted copies
//! and fuzz seeds included: no file under `fuzz/` or `tests/fixtures` may hold a line of it.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Lines this long are a file's own content, not a field name or a short value.
const LINE: usize = 40;

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            // A fuzz build's own files, not the repository's.
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    bytes
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .filter(|l| l.len() >= LINE)
}

#[test]
fn no_committed_file_holds_a_line_of_the_shared_data() {
    let mut shared = Vec::new();
    files_under(&common::shared_data(""), &mut shared);
    let mut known: HashSet<Vec<u8>> = HashSet::new();
    for path in &shared {
        // The large files hold long lines of text; their first 50 MB suffice.
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        known.extend(lines(&bytes[..bytes.len().min(50 << 20)]).map(<[u8]>::to_vec));
    }
    assert!(known.len() > 10_000, "the shared data was not found");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut ours = Vec::new();
    for dir in ["fuzz", "tests/fixtures", "examples", "public"] {
        files_under(&root.join(dir), &mut ours);
    }
    let copies: Vec<String> = ours
        .iter()
        .filter(|p| std::fs::read(p).is_ok_and(|bytes| lines(&bytes).any(|l| known.contains(l))))
        .map(|p| p.display().to_string())
        .collect();
    assert!(copies.is_empty(), "copies of ../shared/data: {copies:?}");
}
