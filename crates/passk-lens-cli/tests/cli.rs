//! The `passk-lens` command on the real data in `../shared/data`: the published numbers, the
//! same bytes as the page's pipeline (read, bands per file as the loading worker computes them,
//! pooled), every way of giving input (files, folders, `.gz`, standard input), parallel parsing
//! equal to reading line by line, and clear failures.
#![cfg(not(target_arch = "wasm32"))]

use passk_lens_core::explain::snapshot::{Analysis, Loaded, ViewRequest};
use passk_lens_core::export::counts::counts_jsonl;
use passk_lens_core::export::csv::{coverage_csv, passk_csv, problems_csv};
use passk_lens_core::read::{read_bytes, Ingest, Options, ParsedFile};
use passk_lens_core::stats::dataset::file_bands;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel)
}

const BASE: &str = "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl";
const RL: &str = "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-simplerl-zoo.jsonl";

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_passk-lens"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ok(args: &[&str]) -> String {
    let out = cli(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn path(rel: &str) -> String {
    shared(rel).to_string_lossy().into_owned()
}

/// The page's pipeline on the same files: each read whole by name, its bands computed per file
/// (as the loading worker does), pooled.
fn page_analysis(rels: &[&str]) -> Analysis {
    let loaded: Vec<Loaded> = rels
        .iter()
        .map(|rel| {
            let p = shared(rel);
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let f = read_bytes(&name, &std::fs::read(&p).unwrap(), Options::default());
            Loaded {
                bands: file_bands(&f.counts),
                counts: f.counts,
                meta: f.meta,
                answers: f.answers,
                texts: Default::default(),
            }
        })
        .collect();
    Analysis::new(&loaded)
}

#[test]
fn the_math500_pair_gives_the_published_numbers_and_the_page_s_bytes() {
    let (base, rl) = (path(BASE), path(RL));
    let mut page = page_analysis(&[BASE, RL]);
    let curves = ok(&["curves", "-q", &base, &rl]);
    assert_eq!(
        curves,
        passk_csv(&page.snapshot(&ViewRequest::default()).curves)
    );
    assert!(curves.contains("\nall,qwen2.5-7b-base,1,0.613921875,"));
    assert!(curves.contains("\nall,qwen2.5-7b-simplerl-zoo,1,0.779328125,"));

    let coverage = ok(&["coverage", "--k", "128", "-q", &base, &rl]);
    assert_eq!(
        coverage,
        "benchmark,k,region,expected_count\nall,128,none,16\nall,128,qwen2.5-7b-base,19\n\
         all,128,qwen2.5-7b-simplerl-zoo,3\nall,128,qwen2.5-7b-base+qwen2.5-7b-simplerl-zoo,462\n"
    );
    let at_4 = ViewRequest {
        k: Some(4),
        ..ViewRequest::default()
    };
    assert_eq!(
        ok(&["coverage", "--k", "4", "-q", &base, &rl]),
        coverage_csv(&page.snapshot(&at_4).coverages)
    );
    // Without --k, the page's default: the largest k every model has.
    assert_eq!(ok(&["coverage", "-q", &base, &rl]), coverage);
    assert_eq!(
        ok(&["problems", "--k", "16", "-q", &base, &rl]),
        problems_csv(page.dataset(), 16)
    );
    assert_eq!(
        ok(&["counts", "-q", &base, &rl]),
        counts_jsonl(page.dataset())
    );

    let report = ok(&["report", "-q", &base, &rl]);
    let rl_row = report
        .lines()
        .find(|l| l.contains("simplerl-zoo"))
        .expect("a row per model");
    // pass@1 77.9 %, pass@128 93.0 %, Δ_SE +18.3 points, the crossover at k = 15, 465 solved.
    let cells: Vec<&str> = rl_row.split_whitespace().collect();
    assert_eq!(
        cells[2..],
        ["500", "77.9", "93.0", "128", "+18.3", "15", "465"]
    );
}

#[test]
fn counts_read_back_give_the_same_counts_and_coverage() {
    let (base, rl) = (path(BASE), path(RL));
    let counts = ok(&["counts", "-q", &base, &rl]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("counts.jsonl");
    std::fs::write(&file, &counts).unwrap();
    let file = file.to_string_lossy();
    assert_eq!(ok(&["counts", "-q", &file]), counts);
    assert_eq!(
        ok(&["coverage", "--k", "128", "-q", &file]),
        ok(&["coverage", "--k", "128", "-q", &base, &rl])
    );
}

#[test]
fn gz_standard_input_and_folders_read_as_the_plain_files() {
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read(shared(BASE)).unwrap();
    // .gz, as two concatenated members (as `cat a.gz b.gz` makes).
    let gz = dir.path().join("qwen2.5-7b-base.jsonl.gz");
    let half = plain.len() / 2;
    let cut = half + plain[half..].iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut bytes = Vec::new();
    for part in [&plain[..cut], &plain[cut..]] {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(part).unwrap();
        bytes.extend(e.finish().unwrap());
    }
    std::fs::write(&gz, bytes).unwrap();
    let expected = ok(&["counts", "-q", &path(BASE)]);
    assert_eq!(ok(&["counts", "-q", &gz.to_string_lossy()]), expected);

    // Standard input is named "stdin".
    let mut child = Command::new(env!("CARGO_BIN_EXE_passk-lens"))
        .args(["counts", "-q", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&plain));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        expected.replace("\"qwen2.5-7b-base\"", "\"stdin\"")
    );

    // A training run's folder: checkpoints `<run>@<step>` in step order, other files left out.
    let run = dir.path().join("runs").join("grpo-7b");
    std::fs::create_dir_all(&run).unwrap();
    let dump = |scores: [f64; 2]| -> String {
        scores
            .iter()
            .map(|s| {
                format!(
                    "{{\"input\": \"q0\", \"output\": \"x\", \"gts\": \"1\", \"score\": {s}}}\n"
                )
            })
            .collect()
    };
    std::fs::write(run.join("200.jsonl"), dump([1.0, 0.0])).unwrap();
    std::fs::write(run.join("50.jsonl"), dump([0.0, 0.0])).unwrap();
    std::fs::write(run.join("notes.txt"), "not a result").unwrap();
    let out = cli(&["counts", &dir.path().join("runs").to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "{\"benchmark\":\"all\",\"problem_id\":\"q0\",\"model\":\"grpo-7b@50\",\"n\":2,\"c\":0}\n\
         {\"benchmark\":\"all\",\"problem_id\":\"q0\",\"model\":\"grpo-7b@200\",\"n\":2,\"c\":1}\n"
    );
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("1 file(s) in the folders are of other kinds"));
}

#[test]
fn bad_input_is_a_clear_message_and_a_failure() {
    let missing = cli(&["curves", "/no/such/file.jsonl"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/file.jsonl"));
    assert!(missing.stdout.is_empty());

    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.jsonl");
    std::fs::write(&junk, "not json\n[1, 2]\n").unwrap();
    let out = cli(&["curves", &junk.to_string_lossy(), &path(BASE)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nothing usable in"), "{stderr}");
    assert!(
        stderr.contains("skipped line 1: not valid JSON"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped line 2: not a JSON object"),
        "{stderr}"
    );
    // Asked to, it goes on without the file.
    let on = cli(&[
        "curves",
        "--skip-unusable",
        "-q",
        &junk.to_string_lossy(),
        &path(BASE),
    ]);
    assert!(on.status.success());
    assert_eq!(
        String::from_utf8(on.stdout).unwrap(),
        ok(&["curves", "-q", &path(BASE)])
    );

    let truncated = dir.path().join("cut.jsonl.gz");
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(&std::fs::read(shared(BASE)).unwrap()).unwrap();
    let gz = e.finish().unwrap();
    std::fs::write(&truncated, &gz[..gz.len() / 2]).unwrap();
    let out = cli(&["counts", &truncated.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cut.jsonl.gz"));

    let base = cli(&["report", "--base", "nobody", &path(BASE), &path(RL)]);
    assert_eq!(base.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&base.stderr).contains("no model is named \"nobody\""));
}

/// Reads `bytes` line by line in chunks of `chunk` bytes, or parsing each chunk's lines on
/// every core.
fn ingest(name: &str, bytes: &[u8], chunk: usize, parallel: bool) -> ParsedFile {
    let mut ingest = Ingest::new(name, Options::default()).parallel(parallel);
    for part in bytes.chunks(chunk) {
        ingest.push(part);
    }
    ingest.finish()
}

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            text_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "jsonl" || e == "json") {
            out.push(p);
        }
    }
}

#[test]
fn parsing_lines_on_every_core_reads_exactly_what_reading_them_in_turn_does() {
    let mut files = Vec::new();
    text_files(&shared(""), &mut files);
    assert!(
        files.len() >= 20,
        "the shared data's text files: {}",
        files.len()
    );
    // Odd cases beside the real files: a BOM, blank lines, a broken line, invalid UTF-8,
    // duplicates, a pretty-printed document, a line per sample, no final newline.
    let mut odd: Vec<(String, Vec<u8>)> = vec![
        ("bom.jsonl".into(), b"\xef\xbb\xbf{\"idx\": 1, \"score\": [true]}\n\n{\"idx\": 2, \"score\": [false, true]}\n{broken\n{\"idx\": 2, \"score\": [true]}\n{\"idx\": 3, \"score\": [\"\xff\"]}\n{\"idx\": 4, \"score\": [1, 0]}".to_vec()),
        ("pretty.json".into(), b"{\n  \"eval\": {\"task\": \"t\", \"model\": \"m\"},\n  \"samples\": []\n}\n".to_vec()),
        ("samples.jsonl".into(), (0..500).map(|i| format!("{{\"task_id\": \"T/{}\", \"passed\": {}}}\n", i % 37, i % 3 == 0)).collect::<String>().into_bytes()),
    ];
    for f in &files {
        odd.push((
            f.file_name().unwrap().to_string_lossy().into_owned(),
            std::fs::read(f).unwrap(),
        ));
    }
    for (name, bytes) in &odd {
        let expected = ingest(name, bytes, 1 << 20, false).to_json();
        for chunk in [7, 1000, 1 << 16, 1 << 20] {
            if chunk < 1000 && bytes.len() > 100_000 {
                continue;
            }
            assert_eq!(
                ingest(name, bytes, chunk, true).to_json(),
                expected,
                "{name}, chunks of {chunk}"
            );
        }
    }
}
