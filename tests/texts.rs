//! The samples behind the counts, read again lazily: every counted record of the real files
//! leaves a span, and reading just those bytes gives back exactly what the file holds (its
//! k-th response, verdict and extracted answer) and exactly the counts that were read.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::shared_data;
use passk_lens_core::read::mapping::Mapping;
use passk_lens_core::read::texts::{
    check_index, problem_texts, record_texts, RecordTexts, Span, TextIndex,
};
use passk_lens_core::read::{parse_bytes, Ingest, Options, ParsedFile};
use serde_json::Value;

fn read(rel: &str) -> (String, Vec<u8>) {
    let path = shared_data(rel);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    (name, std::fs::read(&path).unwrap())
}

fn slice(bytes: &[u8], span: Span) -> &[u8] {
    &bytes[span.offset as usize..span.end() as usize]
}

/// Every span reads back its problem's counts (`check_index`), and every problem has spans.
fn every_span_gives_the_counts(parsed: &ParsedFile, bytes: &[u8], options: &Options) -> usize {
    assert!(
        !parsed.texts.groups.is_empty(),
        "{}: no spans",
        parsed.report.file
    );
    for g in &parsed.texts.groups {
        let problems = &parsed.counts[&(g.benchmark.clone(), g.model.clone())];
        assert_eq!(g.problems.len(), problems.len(), "every problem has spans");
    }
    check_index(bytes, parsed, options).unwrap_or_else(|e| panic!("{}: {e}", parsed.report.file))
}

/// The RLVR paper's own eval output: a line per problem with `code` (the responses), `pred`,
/// `score`, `question`, `gt`. The drawer's k-th sample is the file's k-th item of each list.
#[test]
fn the_rlvr_papers_file_gives_back_each_response_verdict_and_answer() {
    let (name, bytes) = read("limit-of-rlvr-math-eval/math_cot_100.jsonl");
    let parsed = parse_bytes(&name, &bytes, Options::default());
    let spans = every_span_gives_the_counts(&parsed, &bytes, &Options::default());
    assert_eq!(spans, 100);
    let lines: Vec<Value> = std::str::from_utf8(&bytes)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for line in [&lines[0], &lines[41], &lines[99]] {
        let id = line["idx"].to_string();
        let located = parsed.texts.locate("all", &id);
        assert_eq!(located.len(), 1);
        let (model, spans) = located[0];
        assert_eq!(model, parsed.counts.keys().next().unwrap().1);
        let r = record_texts(
            slice(&bytes, spans[0]),
            parsed.texts.format,
            &Options::default(),
        );
        assert_eq!(r.question.as_deref(), line["question"].as_str());
        assert_eq!(r.reference.as_deref(), line["gt"].as_str());
        assert_eq!(r.samples.len(), 8);
        for (k, s) in r.samples.iter().enumerate() {
            assert_eq!(s.text.as_deref(), line["code"][k].as_str(), "{id} #{k}");
            assert_eq!(s.correct, line["score"][k].as_bool().unwrap(), "{id} #{k}");
            let pred = line["pred"][k].as_str().filter(|p| !p.is_empty());
            assert_eq!(s.answer.as_deref(), pred, "{id} #{k}");
        }
    }
}

/// The index is the same however the file arrives in chunks (the browser hands 1–4 MiB at a
/// time; here 7, 4096 and 65 537 bytes), and costs at most 32 bytes per sample.
#[test]
fn spans_do_not_depend_on_the_chunks_and_fit_in_32_bytes_a_sample() {
    let (name, bytes) = read("limit-of-rlvr-math-eval/math_cot_100.jsonl");
    let whole = parse_bytes(&name, &bytes, Options::default()).texts;
    for size in [7, 4096, 65_537] {
        let mut ingest = Ingest::new(&name, Options::default());
        for chunk in bytes.chunks(size) {
            ingest.push(chunk);
        }
        assert_eq!(ingest.finish().texts, whole, "chunks of {size}");
    }
    // 16 bytes a span (offset, length) and a problem id per problem: 8 samples per line.
    let samples = 100 * 8;
    let memory = index_bytes(&whole);
    assert!(
        memory <= 32 * samples,
        "{memory} bytes for {samples} samples"
    );
}

/// What an index holds in memory: its spans, ids and vectors.
fn index_bytes(index: &TextIndex) -> usize {
    let vec = std::mem::size_of::<Vec<Span>>();
    (index.groups.iter().flat_map(|g| &g.problems))
        .map(|(id, spans)| {
            id.capacity() + std::mem::size_of::<String>() + vec + spans.capacity() * 16
        })
        .sum()
}

/// The Tree-of-Thoughts log is a JSON array read through a field mapping (`idx`,
/// `infos[].r`): each element's span gives back its `ys` and verdicts.
#[test]
fn the_tot_log_gives_back_each_ys_through_the_mapping() {
    let (name, bytes) =
        read("tot-game24-gpt4/gpt-4_0.7_naive_cot_sample_100_start900_end1000.json");
    let options = Options {
        mapping: Some(Mapping {
            id: "idx".into(),
            correct: "infos[].r".into(),
            ..Mapping::default()
        }),
        ..Options::default()
    };
    let parsed = parse_bytes(&name, &bytes, options.clone());
    assert_eq!(parsed.report.used, 100);
    assert_eq!(every_span_gives_the_counts(&parsed, &bytes, &options), 100);
    let elements: Vec<Value> = serde_json::from_slice(&bytes).unwrap();
    for e in [&elements[0], &elements[57]] {
        let id = e["idx"].to_string();
        let (_, spans) = parsed.texts.locate("all", &id)[0];
        let r = record_texts(slice(&bytes, spans[0]), parsed.texts.format, &options);
        let ys = e["ys"].as_array().unwrap();
        assert_eq!(r.samples.len(), ys.len());
        for (k, s) in r.samples.iter().enumerate() {
            assert_eq!(s.text.as_deref(), ys[k].as_str(), "{id} #{k}");
            assert_eq!(
                s.correct,
                e["infos"][k]["r"].as_i64() == Some(1),
                "{id} #{k}"
            );
        }
    }
}

/// Qwen2.5-Math's "x8" sets repeat each question on 8 lines under new ids: the problem that
/// stands for them has all 8 lines' spans, in file order.
#[test]
fn qwen_math_repeated_questions_keep_every_lines_span() {
    let (name, bytes) =
        read("real-formats/qwen-math-eval/1.5B-math-cot-nobox-to-pi1_amc23x8_t0.6.jsonl");
    let parsed = parse_bytes(&name, &bytes, Options::default());
    assert_eq!(
        every_span_gives_the_counts(&parsed, &bytes, &Options::default()),
        320
    );
    let g = &parsed.texts.groups[0];
    assert_eq!(g.problems.len(), 40);
    let (id, spans) = &g.problems[0];
    assert_eq!(spans.len(), 8);
    assert!(spans.windows(2).all(|w| w[0].end() < w[1].offset));
    let lines: Vec<Value> = std::str::from_utf8(&bytes)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let question = &lines[0]["question"];
    let same: Vec<&Value> = lines
        .iter()
        .filter(|l| &l["question"] == question)
        .collect();
    let read: Vec<RecordTexts> = spans
        .iter()
        .map(|&s| record_texts(slice(&bytes, s), parsed.texts.format, &Options::default()))
        .collect();
    let model = g.model.clone();
    let texts = problem_texts("all", id, vec![(model, read.into_iter().map(Ok).collect())]);
    assert_eq!(texts.question.as_deref(), question.as_str());
    let samples = &texts.models[0].samples;
    assert_eq!(samples.len(), 8);
    for (k, line) in same.iter().enumerate() {
        assert_eq!(samples[k].text.as_deref(), line["code"][0].as_str());
        assert_eq!(samples[k].correct, line["score"][0].as_bool().unwrap());
    }
}

/// human-eval's per-sample lines, LiveCodeBench's JSON array and lm-eval's samples: every span
/// reads back its counts, and the responses are the tools' own fields.
#[test]
fn per_sample_lines_arrays_and_lm_eval_read_back() {
    let cases = [
        (
            "real-formats/human-eval/uneven-n_samples_new1.jsonl_results.jsonl",
            "completion",
        ),
        (
            "real-formats/livecodebench/Qwen2.5-Ins-7B_Scenario.codegeneration_1_0.2_eval_all.json",
            "output_list",
        ),
        (
            "real-formats/lm-eval/samples_asdiv_Meta-Llama-3-8B-Instruct.jsonl",
            "resps",
        ),
    ];
    for (rel, field) in cases {
        let (name, bytes) = read(rel);
        let parsed = parse_bytes(&name, &bytes, Options::default());
        if parsed.report.used == 0 {
            // lm-eval's one-metric samples are not counted: nothing to index.
            assert!(parsed.texts.groups.is_empty(), "{rel}");
            continue;
        }
        every_span_gives_the_counts(&parsed, &bytes, &Options::default());
        let g = &parsed.texts.groups[0];
        let (_, spans) = &g.problems[0];
        let r = record_texts(
            slice(&bytes, spans[0]),
            parsed.texts.format,
            &Options::default(),
        );
        let record: Value = serde_json::from_slice(slice(&bytes, spans[0])).unwrap();
        let first = match &record[field] {
            Value::Array(a) => a[0].as_str().map(str::to_owned),
            v => v.as_str().map(str::to_owned),
        };
        assert_eq!(r.samples[0].text, first, "{rel}");
    }
}

/// A hostile or broken span says why, never panics.
#[test]
fn a_span_that_no_longer_reads_says_why() {
    let options = Options::default();
    let format = passk_lens_core::read::Format::JsonlPerProblem;
    for bytes in [
        &b"{\"idx\": 1, \"score\": [tru"[..],
        b"",
        b"[1, 2]",
        b"{\"idx\": 1}",
    ] {
        let r = record_texts(bytes, format, &options);
        assert!(r.samples.is_empty());
        assert!(r.problem.is_some(), "{:?}", String::from_utf8_lossy(bytes));
    }
}

/// Finding a problem by words of its text reads only the question fields of each record.
#[test]
fn the_question_alone_is_read_for_text_search() {
    use passk_lens_core::read::texts::{holds_words, question_of};
    let (_, bytes) = read("limit-of-rlvr-math-eval/math_cot_100.jsonl");
    for line in bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let v: Value = serde_json::from_slice(line).unwrap();
        assert_eq!(question_of(line).as_deref(), v["question"].as_str());
    }
    // lm-eval keeps the question inside `doc`.
    let (_, lm) = read("real-formats/lm-eval/samples_asdiv_Meta-Llama-3-8B-Instruct.jsonl");
    let first = lm.split(|b| *b == b'\n').next().unwrap();
    let doc: Value = serde_json::from_slice(first).unwrap();
    assert!(doc.get("question").is_none());
    assert_eq!(
        question_of(first).as_deref(),
        doc["doc"]["question"].as_str()
    );
    assert!(doc["doc"]["question"].is_string());
    assert!(holds_words(
        "What is $10.0000198$ to the NEAREST whole",
        "nearest what"
    ));
    assert!(!holds_words("What is the answer", "what nearest"));
    assert!(!holds_words("anything", "  "));
    assert_eq!(question_of(b"{\"question\": 3"), None);
    assert_eq!(question_of(b"[\"question\"]"), None);
}

/// A record that gives counts only has no texts; the drawer says how many samples it holds,
/// and the index still adds up to the counts.
#[test]
fn counts_only_records_are_said_not_shown() {
    let text = "{\"idx\": 1, \"n\": 4, \"c\": 1}\n{\"idx\": 1, \"passed\": true, \"completion\": \"x = 1\"}\n";
    let parsed = passk_lens_core::read::parse_file("m.jsonl", text);
    assert_eq!(parsed.counts[&("all".into(), "m".into())]["1"].n, 5);
    assert_eq!(
        check_index(text.as_bytes(), &parsed, &Options::default()),
        Ok(2)
    );
    let (model, spans) = parsed.texts.locate("all", "1")[0];
    let read = spans
        .iter()
        .map(|&s| {
            Ok(record_texts(
                slice(text.as_bytes(), s),
                parsed.texts.format,
                &Options::default(),
            ))
        })
        .collect();
    let t = problem_texts("all", "1", vec![(model.to_owned(), read)]);
    let m = &t.models[0];
    assert_eq!(m.samples.len(), 1);
    assert_eq!(m.samples[0].text.as_deref(), Some("x = 1"));
    assert_eq!(
        m.notes,
        ["4 samples (1 correct) are given as counts only: no texts."]
    );
}
