//! The shared real data is read from ../shared/data and never committed, reformatted copies
//! and fuzz seeds included: no file under `fuzz/`, `tests/fixtures`, `examples` or `public` may
//! hold a piece of it — a whole line, or any run of `SPAN` bytes or more (fuzzers cut lines and
//! splice them, so a copied piece need not be a line), unless that run is mere repetition
//! (`true, true, …` occurs in any list of results).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Lines this long are a file's own content, not a field name or a short value.
const LINE: usize = 40;

/// Pieces this long that are not periodic are content copied, not chance.
const SPAN: usize = 128;

/// Aligned blocks of the shared files, indexed: any common run of `SPAN` bytes holds one whole.
const BLOCK: usize = SPAN / 2;

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

/// The shared files (their first 50 MB) and the committed files the rule covers.
fn shared_and_ours() -> (Vec<Vec<u8>>, Vec<PathBuf>) {
    let mut paths = Vec::new();
    files_under(&common::shared_data(""), &mut paths);
    let shared: Vec<Vec<u8>> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|mut b| {
            b.truncate(50 << 20);
            b
        })
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut ours = Vec::new();
    for dir in ["fuzz", "tests/fixtures", "examples", "public"] {
        files_under(&root.join(dir), &mut ours);
    }
    (shared, ours)
}

#[test]
fn no_committed_file_holds_a_line_of_the_shared_data() {
    let (shared, ours) = shared_and_ours();
    let known: HashSet<&[u8]> = shared.iter().flat_map(|b| lines(b)).collect();
    assert!(known.len() > 10_000, "the shared data was not found");
    let copies: Vec<String> = ours
        .iter()
        .filter(|p| std::fs::read(p).is_ok_and(|bytes| lines(&bytes).any(|l| known.contains(l))))
        .map(|p| p.display().to_string())
        .collect();
    assert!(copies.is_empty(), "copies of ../shared/data: {copies:?}");
}

/// A polynomial hash of a window, rolled one byte at a time.
const BASE: u64 = 0x100_0000_01b3;

fn hash(window: &[u8]) -> u64 {
    window.iter().fold(0u64, |h, &b| {
        h.wrapping_mul(BASE).wrapping_add(u64::from(b))
    })
}

/// The shared files' aligned blocks by hash, with a bit per hash bucket in front of the map
/// (most windows miss, and a test build is not optimised).
struct Blocks {
    bits: Vec<u64>,
    map: HashMap<u64, Vec<(usize, usize)>>,
}

impl Blocks {
    fn new(shared: &[Vec<u8>]) -> Blocks {
        let mut b = Blocks {
            bits: vec![0; 1 << 18],
            map: HashMap::new(),
        };
        for (f, bytes) in shared.iter().enumerate() {
            for o in (0..bytes.len().saturating_sub(BLOCK - 1)).step_by(BLOCK) {
                let h = hash(&bytes[o..o + BLOCK]);
                let bit = h >> 40;
                b.bits[(bit >> 6) as usize] |= 1 << (bit & 63);
                b.map.entry(h).or_default().push((f, o));
            }
        }
        b
    }

    fn get(&self, h: u64) -> Option<&Vec<(usize, usize)>> {
        let bit = h >> 40;
        if self.bits[(bit >> 6) as usize] >> (bit & 63) & 1 == 0 {
            return None;
        }
        self.map.get(&h)
    }
}

/// True when `run` repeats itself with a period of at most 16 bytes.
fn periodic(run: &[u8]) -> bool {
    (1..=16).any(|p| run.len() > p && run[p..].iter().zip(run).all(|(a, b)| a == b))
}

/// The longest non-periodic run of at least `SPAN` bytes that `ours` shares with the shared
/// files, if any: every window of `ours` is looked up among the shared files' aligned blocks,
/// and a hit is extended both ways.
fn shared_run(ours: &[u8], shared: &[Vec<u8>], blocks: &Blocks) -> Option<usize> {
    if ours.len() < SPAN {
        return None;
    }
    let top = (1..BLOCK).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut h = hash(&ours[..BLOCK]);
    let (mut i, mut skip_to) = (0, 0);
    loop {
        if let Some(hits) = blocks.get(h).filter(|_| i >= skip_to) {
            for &(f, o) in hits {
                let theirs = &shared[f];
                if theirs[o..o + BLOCK] != ours[i..i + BLOCK] {
                    continue;
                }
                let (mut start, mut end) = (i, i + BLOCK);
                while start > 0 && o + start > i && ours[start - 1] == theirs[o + start - 1 - i] {
                    start -= 1;
                }
                while end < ours.len()
                    && o + end - i < theirs.len()
                    && ours[end] == theirs[o + end - i]
                {
                    end += 1;
                }
                let run = &ours[start..end];
                if run.len() >= SPAN && !periodic(run) {
                    return Some(run.len());
                }
                // Every window inside this run hits again: look on from near its end (a run
                // long enough to count that goes through it is found by the windows that
                // cross its end).
                skip_to = skip_to.max(end.saturating_sub(2 * BLOCK));
            }
        }
        if i + BLOCK >= ours.len() {
            return None;
        }
        h = h
            .wrapping_sub(u64::from(ours[i]).wrapping_mul(top))
            .wrapping_mul(BASE)
            .wrapping_add(u64::from(ours[i + BLOCK]));
        i += 1;
    }
}

#[test]
fn no_committed_file_holds_a_piece_of_the_shared_data() {
    let (shared, ours) = shared_and_ours();
    let blocks = Blocks::new(&shared);
    assert!(blocks.map.len() > 10_000, "the shared data was not found");
    let copies: Vec<String> = ours
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            let run = shared_run(&bytes, &shared, &blocks)?;
            Some(format!("{} ({run} bytes)", p.display()))
        })
        .collect();
    assert!(copies.is_empty(), "pieces of ../shared/data: {copies:?}");
}

#[test]
fn the_piece_finder_finds_a_piece_and_passes_over_repetition() {
    let theirs = b"x"
        .repeat(50)
        .into_iter()
        .chain(
            (0..40)
                .flat_map(|i| format!("{{\"idx\": {i}, \"score\": [true, false]}}\n").into_bytes()),
        )
        .collect::<Vec<u8>>();
    let shared = vec![theirs.clone(), b"true, ".repeat(100)];
    let blocks = Blocks::new(&shared);
    // A cut of 130 bytes from an unaligned place, wrapped in noise: found.
    let mut ours = b"\x00\xff noise\x01".to_vec();
    ours.extend_from_slice(&theirs[77..77 + 130]);
    ours.extend_from_slice(b"\x01more noise");
    assert_eq!(shared_run(&ours, &shared, &blocks), Some(130));
    // 127 bytes: below the rule.
    let short = theirs[77..77 + 127].to_vec();
    assert_eq!(shared_run(&short, &shared, &blocks), None);
    // Repetition shared by any list of results: not a copy.
    assert_eq!(shared_run(&b"true, ".repeat(60), &shared, &blocks), None);
}
