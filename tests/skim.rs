//! The fast path for lines (`core::skim`) against serde_json, the reader it stands in for:
//! whenever it answers, it must give serde_json's record; on the real data it must answer.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{fuzz_corpus, shared_data};
use passk_lens_core::read::record::Record;
use passk_lens_core::read::skim;
use proptest::prelude::*;

/// Whether the fast path read `line`; panics if it read it differently from serde_json.
fn check(line: &[u8]) -> bool {
    let Some(fast) = skim::record(line, &mut Vec::new()) else {
        return false;
    };
    match serde_json::from_slice::<Record>(line) {
        Ok(full) => assert_eq!(fast, full, "{}", String::from_utf8_lossy(line)),
        Err(e) => panic!(
            "the fast path read a line serde_json rejects ({e}): {}",
            String::from_utf8_lossy(line)
        ),
    }
    true
}

#[test]
fn every_line_of_the_real_jsonl_files_takes_the_fast_path() {
    let files = [
        "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl",
        "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-simplerl-zoo.jsonl",
        "math500-qwen25-7b-vs-simplerl/counts.jsonl",
        "math500-qwen25-7b-vs-simplerl/per_problem_counts.jsonl",
        "limit-of-rlvr-math-eval/math_cot_100.jsonl",
        "human-eval-example/example_samples.jsonl",
        "human-eval-example/example_problem.jsonl",
    ];
    let mut lines = 0;
    for rel in files {
        let bytes = std::fs::read(shared_data(rel)).unwrap();
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.is_empty() {
                continue;
            }
            assert!(check(line), "{rel} line {} was left to serde_json", i + 1);
            lines += 1;
        }
    }
    assert!(lines > 1000, "{lines} lines");
}

#[test]
fn the_ingest_fuzz_corpus_is_read_alike() {
    let mut fast = 0;
    for input in fuzz_corpus("ingest", 100) {
        for line in input.split(|&b| b == b'\n') {
            fast += usize::from(check(line));
        }
    }
    // Most of the corpus is broken on purpose; some of it is ordinary lines.
    assert!(fast > 10, "{fast} lines took the fast path");
}

#[test]
fn the_skim_fuzz_corpus_replays_clean() {
    let inputs = fuzz_corpus("skim", 1000);
    let fast = inputs.iter().filter(|input| check(input)).count();
    assert!(fast > 100, "{fast} inputs took the fast path");
}

/// A field name without escapes: the reader's own and others.
fn plain_key() -> impl Strategy<Value = String> {
    const NAMES: [&str; 9] = [
        "idx",
        "score",
        "passed",
        "model",
        "n",
        "c",
        "scores",
        "resps",
        "response é",
    ];
    prop::sample::select(&NAMES[..]).prop_map(|name| format!("\"{name}\""))
}

/// JSON text built from pieces that stress the scanner.
fn json(depth: u32) -> BoxedStrategy<String> {
    // Pieces of string content: plain, multi-byte, escapes, a run longer than one SIMD step.
    const PIECES: [&str; 9] = [
        "a",
        "é😀",
        "\\\"",
        "\\\\",
        "\\n",
        "\\u00e9",
        "\\ud83d\\ude00",
        " ",
        "xxxxxxxxxxxxxxxxx",
    ];
    let string = proptest::collection::vec(prop::sample::select(&PIECES[..]), 0..6)
        .prop_map(|parts| format!("\"{}\"", parts.concat()));
    let key = prop_oneof![plain_key(), string.clone()];
    const SCALARS: [&str; 9] = [
        "true",
        "false",
        "null",
        "0",
        "1",
        "-12.5e+3",
        "0.5",
        "\"C\"",
        "\"passed\"",
    ];
    let leaf = prop_oneof![
        string,
        prop::sample::select(&SCALARS[..]).prop_map(str::to_owned)
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    let inner = json(depth - 1);
    prop_oneof![
        3 => leaf,
        1 => proptest::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(", "))),
        1 => proptest::collection::vec((key, inner), 0..5).prop_map(|v| {
            let fields: Vec<String> = v.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
            format!("{{ {} }}", fields.join(",\n"))
        }),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Valid objects whose field names have no escapes are all read by the fast path.
    #[test]
    fn valid_objects_take_the_fast_path(
        fields in proptest::collection::vec((plain_key(), json(3)), 0..6),
    ) {
        let fields: Vec<String> = fields.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let text = format!("{{{}}}", fields.join(","));
        prop_assert!(check(text.as_bytes()), "left to serde_json: {}", text);
    }

    /// With one byte changed, inserted or removed, whatever the fast path reads, serde_json
    /// reads the same way.
    #[test]
    fn damaged_objects_are_read_alike_or_left(
        text in json(4),
        at in any::<prop::sample::Index>(),
        byte in prop_oneof![Just(b'"'), Just(b'\\'), Just(b'{'), Just(b']'), Just(b','), Just(b':'), Just(0u8), Just(b'\t'), Just(b'0'), Just(b'e'), Just(0xff)],
        edit in 0..3u8,
    ) {
        let mut bytes = text.into_bytes();
        let i = at.index(bytes.len() + 1);
        match edit {
            0 => bytes.insert(i, byte),
            1 if i < bytes.len() => bytes[i] = byte,
            _ if i < bytes.len() => { bytes.remove(i); }
            _ => bytes.push(byte),
        }
        check(&bytes);
    }
}
