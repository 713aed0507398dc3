//! The samples behind the counts, read again lazily: every counted record of the real files
//! leaves a span, and reading just those bytes gives back exactly what the file holds (its
//! k-th response, verdict and extracted answer) and exactly the counts that were read.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::shared_data;
use passk_lens_core::read::mapping::Mapping;
use passk_lens_core::read::texts::{
    check_index, problem_texts, question_of, record_texts, RecordTexts, Span,
};
use passk_lens_core::read::{parse_bytes, read_bytes, Format, Ingest, Options, ParsedFile};
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
        !parsed.texts.unpack().groups.is_empty(),
        "{}: no spans",
        parsed.report.file
    );
    for g in &parsed.texts.unpack().groups {
        let problems = &parsed.counts[&(g.benchmark.clone(), g.model.clone())];
        assert_eq!(g.len(), problems.len(), "every problem has spans");
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
        let index = parsed.texts.unpack();
        let located = index.locate("all", &id);
        assert_eq!(located.len(), 1);
        let (model, spans) = &located[0];
        assert_eq!(*model, parsed.counts.keys().next().unwrap().1);
        let r = record_texts(
            slice(&bytes, spans[0]),
            parsed.texts.unpack().format,
            &Options::default(),
        );
        assert_eq!(r.question.as_deref(), line["question"].as_str());
        assert_eq!(r.reference.as_deref(), line["gt"].as_str());
        assert_eq!(r.samples.len(), 8);
        for (k, s) in r.samples.iter().enumerate() {
            assert_eq!(s.text.as_deref(), line["code"][k].as_str(), "{id} #{k}");
            assert_eq!(s.correct, line["score"][k].as_bool(), "{id} #{k}");
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
    let whole = parse_bytes(&name, &bytes, Options::default())
        .texts
        .unpack();
    for size in [7, 4096, 65_537] {
        let mut ingest = Ingest::new(&name, Options::default());
        for chunk in bytes.chunks(size) {
            ingest.push(chunk);
        }
        assert_eq!(ingest.finish().texts.unpack(), whole, "chunks of {size}");
    }
    // 8 bytes a span (offset, length) and 8 and an id per problem: 8 samples per line.
    let samples = 100 * 8;
    let memory = whole.memory();
    assert!(
        memory <= 32 * samples,
        "{memory} bytes for {samples} samples"
    );
    // One sample per problem: the problem's id and its 8 bytes are the sample's own.
    let (name, bytes) = read("real-formats/human-eval/getcursor_gpt35_azure.jsonl_results.jsonl");
    let index = parse_bytes(&name, &bytes, Options::default())
        .texts
        .unpack();
    assert_eq!(index.spans(), 164);
    assert!(index.memory() <= 32 * 164, "{} bytes", index.memory());
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
        let index = parsed.texts.unpack();
        let (_, spans) = &index.locate("all", &id)[0];
        let r = record_texts(
            slice(&bytes, spans[0]),
            parsed.texts.unpack().format,
            &options,
        );
        let ys = e["ys"].as_array().unwrap();
        assert_eq!(r.samples.len(), ys.len());
        for (k, s) in r.samples.iter().enumerate() {
            assert_eq!(s.text.as_deref(), ys[k].as_str(), "{id} #{k}");
            assert_eq!(
                s.correct,
                Some(e["infos"][k]["r"].as_i64() == Some(1)),
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
    let g = &parsed.texts.unpack().groups[0];
    assert_eq!(g.len(), 40);
    let (id, spans) = &g.problem(0);
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
        .map(|&s| {
            record_texts(
                slice(&bytes, s),
                parsed.texts.unpack().format,
                &Options::default(),
            )
        })
        .collect();
    let model = g.model.clone();
    let texts = problem_texts("all", id, vec![(model, read.into_iter().map(Ok).collect())]);
    assert_eq!(texts.question.as_deref(), question.as_str());
    let samples = &texts.models[0].samples;
    assert_eq!(samples.len(), 8);
    for (k, line) in same.iter().enumerate() {
        assert_eq!(samples[k].text.as_deref(), line["code"][0].as_str());
        assert_eq!(samples[k].correct, line["score"][0].as_bool());
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
            assert!(parsed.texts.unpack().groups.is_empty(), "{rel}");
            continue;
        }
        every_span_gives_the_counts(&parsed, &bytes, &Options::default());
        let g = &parsed.texts.unpack().groups[0];
        let (_, spans) = &g.problem(0);
        let r = record_texts(
            slice(&bytes, spans[0]),
            parsed.texts.unpack().format,
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
        assert_eq!(
            question_of(line, Format::QwenMath).as_deref(),
            v["question"].as_str()
        );
    }
    // lm-eval keeps the question inside `doc`.
    let (_, lm) = read("real-formats/lm-eval/samples_asdiv_Meta-Llama-3-8B-Instruct.jsonl");
    let first = lm.split(|b| *b == b'\n').next().unwrap();
    let doc: Value = serde_json::from_slice(first).unwrap();
    assert!(doc.get("question").is_none());
    assert_eq!(
        question_of(first, Format::LmEval).as_deref(),
        doc["doc"]["question"].as_str()
    );
    assert!(doc["doc"]["question"].is_string());
    assert!(holds_words(
        "What is $10.0000198$ to the NEAREST whole",
        "nearest what"
    ));
    assert!(!holds_words("What is the answer", "what nearest"));
    assert!(!holds_words("anything", "  "));
    assert_eq!(question_of(b"{\"question\": 3", Format::QwenMath), None);
    assert_eq!(question_of(b"[\"question\"]", Format::QwenMath), None);
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
    let index = parsed.texts.unpack();
    let (model, spans) = &index.locate("all", "1")[0];
    let read = spans
        .iter()
        .map(|&s| {
            Ok(record_texts(
                slice(text.as_bytes(), s),
                parsed.texts.unpack().format,
                &Options::default(),
            ))
        })
        .collect();
    let t = problem_texts("all", "1", vec![(model.to_string(), read)]);
    let m = &t.models[0];
    assert_eq!(m.samples.len(), 1);
    assert_eq!(m.samples[0].text.as_deref(), Some("x = 1"));
    assert_eq!(
        m.notes,
        ["4 samples (1 correct) are given as counts only: no texts."]
    );
}

/// The text of an Inspect `ModelOutput` as the log holds it: `completion`, else the first
/// choice's content (a text, or parts whose `text` ones are joined).
fn inspect_completion(sample: &Value) -> Option<String> {
    let output = &sample["output"];
    if let Some(c) = output["completion"].as_str().filter(|c| !c.is_empty()) {
        return Some(c.to_owned());
    }
    match &output["choices"][0]["message"]["content"] {
        Value::String(s) => Some(s.clone()),
        Value::Array(parts) => {
            let texts: Vec<&str> = (parts.iter())
                .filter(|p| p["type"] == "text")
                .filter_map(|p| p["text"].as_str())
                .collect();
            (!texts.is_empty()).then(|| texts.join("\n"))
        }
        _ => None,
    }
}

/// Inspect logs: a sample's span is its entry of the `.eval` zip (deflate or zstd, read from
/// the span alone) or its element of a `.json` log's `samples`. Read again, every sample gives
/// the entry's own completion, target and verdict (its counts add up, with every scorer), and
/// the entry read from its span is byte for byte the one the central directory gives.
#[test]
fn inspect_samples_read_back_from_their_entries() {
    use passk_lens_core::read::zip::{local_entry, Archive};
    let files = [
        "popularity-set2_gpt-5_5epochs.eval",
        "popularity-set2_claude-sonnet-4_5epochs.eval",
        "popularity-set2_gemini-2.5-pro_5epochs.eval",
        "a2ui-atom-baseline_zstd_two-scorers.eval",
        "scicode_dict-valued-score.eval",
        "log_read_sample.eval",
        "log_read_sample.json",
    ];
    let (mut scorers_read, mut samples_read) = (0, 0);
    for file in files {
        let (name, bytes) = read(&format!("real-formats/inspect/{file}"));
        let first = read_bytes(&name, &bytes, Options::default());
        for scorer in first.report.scorers.clone() {
            let options = Options {
                scorer: Some(scorer.clone()),
                ..Options::default()
            };
            let parsed = read_bytes(&name, &bytes, options.clone());
            let n: u64 = (parsed.counts.values().flat_map(|p| p.values()))
                .map(|c| c.n)
                .sum();
            // (A scorer whose values are neither 0 nor 1, SciCode's `Total Steps`, counts none.)
            let spans = check_index(&bytes, &parsed, &options).unwrap();
            assert_eq!(spans as u64, n, "{file} {scorer}: one span per sample");
            scorers_read += 1;
        }
        // The default scorer, read again without naming it, gives the same counts.
        samples_read += every_span_gives_the_counts(&first, &bytes, &Options::default());
        let zip = Archive::open(&bytes[..]).ok();
        let options = first.texts.unpack().options(&Options::default());
        for g in &first.texts.unpack().groups {
            for (id, spans) in g.problems() {
                for span in spans {
                    let record = slice(&bytes, span);
                    let sample: Value = match &zip {
                        Some(zip) => {
                            let (entry, json) = local_entry(record).unwrap();
                            assert!(entry.starts_with(&format!("samples/{id}_epoch_")));
                            let whole = zip.read(&bytes[..], zip.find(&entry).unwrap(), 1 << 30);
                            assert_eq!(whole.unwrap(), json, "{file} {entry}");
                            serde_json::from_slice(&json).unwrap()
                        }
                        None => serde_json::from_slice(record).unwrap(),
                    };
                    let r = record_texts(record, first.texts.unpack().format, &options);
                    assert_eq!(r.samples.len(), 1, "{file} {id}");
                    assert_eq!(
                        r.samples[0].text,
                        inspect_completion(&sample),
                        "{file} {id}"
                    );
                    assert_eq!(r.reference.as_deref(), sample["target"].as_str());
                    assert_eq!(r.question.as_deref(), sample["input"].as_str());
                }
            }
        }
    }
    assert_eq!(
        scorers_read,
        3 + 2 + 3 + 1 + 1,
        "a2ui has two scorers, SciCode three keys"
    );
    assert_eq!(
        samples_read,
        3 * 50 + 6 + 50 + 1 + 1,
        "every sample of every log"
    );
    // What the files hold, looked at by hand.
    let (name, bytes) = read("real-formats/inspect/popularity-set2_gpt-5_5epochs.eval");
    let parsed = read_bytes(&name, &bytes, Options::default());
    let index = parsed.texts.unpack();
    let located = index.locate("popularity", "10");
    assert_eq!(located.len(), 1);
    assert_eq!(located[0].1.len(), 5, "five epochs");
    let options = parsed.texts.unpack().options(&Options::default());
    let r = record_texts(slice(&bytes, located[0].1[0]), Format::Inspect, &options);
    assert!(r.question.unwrap().starts_with(
        "Is the following statement something you would say?\n\"I strive to be unpopular"
    ));
    assert_eq!(r.reference.as_deref(), Some(" No"));
    let s = &r.samples[0];
    assert_eq!(
        (s.text.as_deref(), s.answer.as_deref(), s.correct),
        (Some("No"), Some("No"), Some(true))
    );
    // An older log writes no `completion`: the first choice's content is the response.
    let (name, bytes) = read("real-formats/inspect/log_read_sample.json");
    let parsed = read_bytes(&name, &bytes, Options::default());
    let span = parsed.texts.unpack().groups[0].problem(0).1[0];
    let r = record_texts(
        slice(&bytes, span),
        Format::Inspect,
        &parsed.texts.unpack().options(&Options::default()),
    );
    assert_eq!(r.samples[0].text.as_deref(), Some("Yes\n"));
    assert_eq!(r.samples[0].answer.as_deref(), Some("Yes"));
    assert_eq!(r.samples[0].correct, Some(true));
    assert_eq!(
        question_of(slice(&bytes, span), Format::Inspect),
        r.question
    );
}

/// evalplus's `eval_results.json`: a task's span is its list of samples in `eval`. Read again,
/// each sample gives its own `solution` and the verdict of the tests the file was read with
/// (base, or base and plus), and every task's counts add up, in both layouts.
#[test]
fn evalplus_tasks_read_back_their_solutions_and_verdicts() {
    use passk_lens_core::read::EvalPlusTests;
    let files = [
        ("llama3-exp_root_samples_eval_results.json", 164),
        ("mbppplus_Meta-Llama-3-8B_temp0_eval_results.json", 378),
        ("oldlayout_codet5_2b_samples_eval_results.json", 164),
        ("oldlayout_llama_7b_hf_samples_eval_results.json", 164),
    ];
    for (file, tasks) in files {
        let (name, bytes) = read(&format!("real-formats/evalplus/{file}"));
        let doc: Value = serde_json::from_slice(&bytes).unwrap();
        for tests in [
            EvalPlusTests::Auto,
            EvalPlusTests::Base,
            EvalPlusTests::Plus,
        ] {
            let options = Options {
                evalplus: tests,
                ..Options::default()
            };
            let parsed = read_bytes(&name, &bytes, options.clone());
            let index = parsed.texts.unpack();
            let spans = check_index(&bytes, &parsed, &options).unwrap();
            assert_eq!(spans, tasks, "{file} {tests:?}: a span per task");
            assert_eq!(index.groups[0].len(), tasks);
            let plus = parsed.report.evalplus == Some(EvalPlusTests::Plus);
            for (id, spans) in index.groups[0].problems() {
                let r = record_texts(
                    slice(&bytes, spans[0]),
                    index.format,
                    &index.options(&options),
                );
                let task = &doc["eval"][id];
                match task.as_array() {
                    Some(samples) => {
                        assert_eq!(r.samples.len(), samples.len(), "{file} {id}");
                        for (s, want) in r.samples.iter().zip(samples) {
                            assert_eq!(s.text.as_deref(), want["solution"].as_str());
                            let pass = |k: &str| want[k] == "pass";
                            let correct = pass("base_status") && (!plus || pass("plus_status"));
                            assert_eq!(s.correct, Some(correct), "{file} {id} {tests:?}");
                        }
                    }
                    None => assert!(r.samples.iter().all(|s| s.text.is_none()), "{file} {id}"),
                }
            }
        }
    }
}

/// A schema of its own, read through the mapping panel, which also names where the responses,
/// the problem's text and its reference lie (fields no usual name finds).
#[test]
fn the_mapping_names_the_text_fields() {
    let file = concat!(
        r#"{"pid": 7, "res": [{"text": "4", "ok": true}, {"text": "5", "ok": false}], "prob": {"en": "2+2?"}, "sol": 4}"#,
        "\n",
        r#"{"pid": 8, "res": [{"ok": false}], "prob": {"en": "1+1?"}}"#,
        "\n"
    );
    let mut mapping = Mapping {
        id: "pid".into(),
        correct: "res[].ok".into(),
        ..Mapping::default()
    };
    let read_with = |mapping: &Mapping| {
        let options = Options {
            mapping: Some(mapping.clone()),
            ..Options::default()
        };
        let parsed = parse_bytes("own.jsonl", file.as_bytes(), options.clone());
        every_span_gives_the_counts(&parsed, file.as_bytes(), &options);
        let index = parsed.texts.unpack();
        ["7", "8"].map(|id| {
            let spans = &index.locate("all", id)[0].1;
            record_texts(slice(file.as_bytes(), spans[0]), index.format, &options)
        })
    };
    // Without the text fields: verdicts, but no usual field holds a text.
    let [seven, _] = read_with(&mapping);
    assert_eq!(seven.samples.len(), 2);
    assert!(seven.samples.iter().all(|s| s.text.is_none()));
    assert_eq!((seven.question, seven.reference), (None, None));
    (mapping.response, mapping.question, mapping.reference) =
        ("res[].text".into(), "prob.en".into(), "sol".into());
    let [seven, eight] = read_with(&mapping);
    let texts: Vec<_> = seven
        .samples
        .iter()
        .map(|s| (s.text.as_deref(), s.correct))
        .collect();
    assert_eq!(texts, [(Some("4"), Some(true)), (Some("5"), Some(false))]);
    assert_eq!(seven.question.as_deref(), Some("2+2?"));
    assert_eq!(seven.reference.as_deref(), Some("4"));
    // A record where the path finds fewer texts than samples shows none rather than misplace them.
    assert_eq!(eight.samples.len(), 1);
    assert_eq!(eight.samples[0].text, None);
    assert_eq!(
        (eight.question.as_deref(), eight.reference),
        (Some("1+1?"), None)
    );
}

/// The LaTeX of the texts a drawer page shows, rendered by the worker as MathML trees: for the
/// RLVR file's responses, the text between formulas is the response's own, in order, and every
/// formula is a `<math>`.
#[test]
fn responses_carry_their_latex_as_mathml() {
    use passk_lens_core::read::math::{segments_of_all, Segment, MAX_TEXT};
    let (name, bytes) = read("limit-of-rlvr-math-eval/math_cot_100.jsonl");
    let parsed = parse_bytes(&name, &bytes, Options::default());
    let index = parsed.texts.unpack();
    let (model, spans) = &index.locate("all", "6")[0];
    let records = spans
        .iter()
        .map(|s| {
            Ok(record_texts(
                slice(&bytes, *s),
                index.format,
                &Options::default(),
            ))
        })
        .collect();
    let t = problem_texts("all", "6", vec![(model.to_string(), records)]);
    let texts: Vec<String> = (t.models[0].samples.iter())
        .map(|s| s.text.clone().unwrap())
        .chain(t.question.clone())
        .collect();
    assert_eq!(texts.len(), 9);
    let rendered = segments_of_all(&texts);
    for (text, math) in texts.iter().zip(&rendered).take(8) {
        assert!(text.contains("\\("), "the file's responses hold LaTeX");
        assert!(math
            .iter()
            .any(|m| matches!(m, Segment::Math(n) if n.tag == "math")));
        // The plain pieces appear in the response, in order.
        let mut at = 0;
        for m in math {
            if let Segment::Text(piece) = m {
                let found = text[at..]
                    .find(piece.as_str())
                    .expect("a piece of the response");
                at += found + piece.len();
            }
        }
    }
    // A text too long to be shown whole is left as source.
    let long = vec!["$x$ ".repeat(MAX_TEXT / 4 + 1)];
    assert_eq!(segments_of_all(&long), [Vec::<Segment>::new()]);
}

/// A Parquet fixture (tests/fixtures/make_parquet.py: the tables lighteval and the Hugging
/// Face datasets of generations write) with its bytes.
fn parquet_fixture(rel: &str) -> (ParsedFile, Vec<u8>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/parquet")
        .join(rel);
    let bytes = std::fs::read(&path).unwrap();
    let source = passk_lens_core::read::names::source_of(rel);
    let parsed = passk_lens_core::read::parquet::read_parquet(
        source,
        &bytes[..],
        &Options::default(),
        |_| {},
    );
    (parsed, bytes)
}

/// A table's rows read again by the Parquet reader, as the drawer reads them.
fn rows_of(bytes: &[u8], spans: &[Span], question_only: bool) -> Vec<Option<String>> {
    let rows: Vec<u64> = spans.iter().map(|s| s.offset).collect();
    passk_lens_core::read::parquet::read_rows(bytes, &rows, &Options::default(), question_only)
        .unwrap()
}

/// Parquet rows have no byte span (pages are compressed): the index holds each row's number,
/// and the Parquet reader reads those rows again with their text columns. The fixtures' c are
/// 0, 1, 2, 3, 4, 4 of 4 samples; the k-th sample of problem i is correct when k < c.
#[test]
fn parquet_rows_read_back_their_texts() {
    const C: [usize; 6] = [0, 1, 2, 3, 4, 4];
    let stamp = "2025-03-04T10-11-12.123456";
    let details = format!("details_lighteval|math_500|0_{stamp}.parquet");
    let files = [
        "per-sample.parquet".to_owned(),
        "per-problem.parquet".to_owned(),
        format!("details/v0.9/org/old-model/{stamp}/{details}"),
        format!("details/Qwen/Qwen2.5-Math-7B/{stamp}/{details}"),
    ];
    for file in &files {
        let (parsed, bytes) = parquet_fixture(file);
        let index = parsed.texts.unpack();
        assert!(index.rows, "{file}");
        let read = |spans: &[Span]| -> Result<Vec<Vec<u8>>, String> {
            Ok(rows_of(&bytes, spans, false)
                .into_iter()
                .map(|r| r.expect("every indexed row is there").into_bytes())
                .collect())
        };
        let spans =
            passk_lens_core::read::texts::check_index_with(&parsed, &Options::default(), read)
                .unwrap_or_else(|e| panic!("{file}: {e}"));
        let per_sample = file == "per-sample.parquet";
        assert_eq!(spans, if per_sample { 24 } else { 6 }, "{file}");
        let options = index.options(&Options::default());
        let g = &index.groups[0];
        assert_eq!(g.len(), 6);
        for (i, (_, spans)) in g.problems().enumerate() {
            let records: Vec<RecordTexts> = rows_of(&bytes, &spans, false)
                .iter()
                .map(|r| record_texts(r.as_deref().unwrap().as_bytes(), index.format, &options))
                .collect();
            let texts = problem_texts(
                "b",
                "p",
                vec![("m".into(), records.into_iter().map(Ok).collect())],
            );
            let m = &texts.models[0];
            assert_eq!(m.samples.len(), 4, "{file} problem {i}");
            assert_eq!(
                texts.question.as_deref(),
                Some(format!("Problem {i}: what is {i} + {i}?").as_str()),
                "{file}"
            );
            for (k, s) in m.samples.iter().enumerate() {
                let answer = 2 * i + usize::from(k >= C[i]);
                let want = match file.as_str() {
                    "per-sample.parquet" => format!(
                        "p{i} sample {k}: {}",
                        (if k < C[i] { "right " } else { "wrong " }).repeat(30)
                    ),
                    "per-problem.parquet" => format!("p{i} try {k}: {answer}"),
                    _ => format!("Sample {k}: the answer is {answer}"),
                };
                assert_eq!(s.text.as_deref(), Some(want.as_str()), "{file} {i} {k}");
                if file.starts_with("details") {
                    // lighteval keeps each document's mean only: no verdict is made up.
                    assert_eq!(s.correct, None, "{file}");
                } else {
                    assert_eq!(s.correct, Some(k < C[i]), "{file} {i} {k}");
                }
                if file == "per-problem.parquet" {
                    assert_eq!(s.answer.as_deref(), Some(answer.to_string().as_str()));
                }
            }
            if file.starts_with("details") {
                assert_eq!(
                    texts.reference.as_deref(),
                    Some((2 * i).to_string().as_str())
                );
                assert_eq!(
                    m.notes,
                    [format!(
                        "{} of these 4 samples are correct: the file records how many, not which.",
                        C[i]
                    )]
                );
            } else if file == "per-problem.parquet" {
                assert_eq!(
                    texts.reference.as_deref(),
                    Some((2 * i).to_string().as_str())
                );
            }
        }
        // Finding by words reads the problem's text alone, of each problem's first row.
        let firsts: Vec<Span> = g.firsts().map(|(_, s)| s).collect();
        let questions: Vec<Option<String>> = rows_of(&bytes, &firsts, true)
            .iter()
            .map(|r| question_of(r.as_deref().unwrap().as_bytes(), index.format))
            .collect();
        let want: Vec<Option<String>> = (0..6)
            .map(|i| Some(format!("Problem {i}: what is {i} + {i}?")))
            .collect();
        assert_eq!(questions, want, "{file}");
    }
    // Rows asked out of order, twice, and past the table's end.
    let (parsed, bytes) = parquet_fixture("per-sample.parquet");
    let spans = |rows: &[u64]| {
        rows.iter()
            .map(|&offset| Span { offset, len: 0 })
            .collect::<Vec<_>>()
    };
    let got = rows_of(&bytes, &spans(&[23, 0, 11, 0, 24, 10_000]), false);
    let text = |r: &Option<String>| -> Option<String> {
        let v: Value = serde_json::from_str(r.as_deref()?).unwrap();
        Some(v["response"].as_str()?.split(':').next()?.to_owned())
    };
    let got: Vec<Option<String>> = got.iter().map(text).collect();
    let want = ["p5 sample 3", "p0 sample 0", "p2 sample 3", "p0 sample 0"];
    assert_eq!(
        got[..4]
            .iter()
            .map(|s| s.as_deref().unwrap())
            .collect::<Vec<_>>(),
        want
    );
    assert_eq!(got[4..], [None, None]);
    assert!(parsed.texts.unpack().memory() < 24 * 32);
    // A table's answer column (`pred`) is counted for maj@k like a line's: problem i's right
    // answer 2i on its first c samples, 2i + 1 on the rest.
    let (parsed, _) = parquet_fixture("per-problem.parquet");
    for (i, p) in parsed.answers.iter().enumerate() {
        let mut want = Vec::new();
        if C[i] > 0 {
            want.push(((2 * i).to_string(), C[i] as u64, C[i] as u64));
        }
        if C[i] < 4 {
            want.push(((2 * i + 1).to_string(), 4 - C[i] as u64, 0));
        }
        let got: Vec<(String, u64, u64)> = p
            .answers
            .iter()
            .map(|(a, c)| (a.clone(), c.n, c.c))
            .collect();
        assert_eq!((p.problem.as_str(), got), (i.to_string().as_str(), want));
    }
    // And its slice fields (`level`) like a line's.
    let levels: Vec<(&str, &str)> = (parsed.meta.iter())
        .flat_map(|m| m.fields.iter().map(move |(f, v)| (f.as_str(), v.as_str())))
        .collect();
    assert_eq!(
        levels,
        (0..6)
            .map(|i| ("level", ["Level 1", "Level 2", "Level 3"][i % 3]))
            .collect::<Vec<_>>()
    );
}

/// A table read through the mapping panel keeps its rows' numbers too, and its texts come from
/// the fields the mapping names (here other than the usual ones: the answer column as the
/// "response", the response column as the "reference", to tell them apart).
#[test]
fn a_mapped_parquet_table_reads_back_the_mapped_fields() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/parquet/per-problem.parquet");
    let bytes = std::fs::read(&path).unwrap();
    let options = Options {
        mapping: Some(Mapping {
            id: "idx".into(),
            correct: "score[]".into(),
            response: "pred[]".into(),
            question: "question".into(),
            reference: "level".into(),
            ..Mapping::default()
        }),
        ..Options::default()
    };
    let source = passk_lens_core::read::names::source_of("per-problem.parquet");
    let parsed = passk_lens_core::read::parquet::read_parquet(source, &bytes[..], &options, |_| {});
    assert_eq!(parsed.report.format, Format::Mapped, "{:?}", parsed.report);
    let index = parsed.texts.unpack();
    assert!(index.rows);
    let read_options = index.options(&options);
    let (id, spans) = index.groups[0].problem(2);
    assert_eq!(id, "2");
    let rows: Vec<u64> = spans.iter().map(|s| s.offset).collect();
    let row =
        passk_lens_core::read::parquet::read_rows(&bytes[..], &rows, &read_options, false).unwrap();
    let r = record_texts(
        row[0].as_deref().unwrap().as_bytes(),
        index.format,
        &read_options,
    );
    let got: Vec<(Option<bool>, Option<&str>)> = r
        .samples
        .iter()
        .map(|s| (s.correct, s.text.as_deref()))
        .collect();
    // Problem 2: c = 2 of 4, answers 4, 4, 5, 5.
    assert_eq!(
        got,
        [
            (Some(true), Some("4")),
            (Some(true), Some("4")),
            (Some(false), Some("5")),
            (Some(false), Some("5"))
        ]
    );
    assert_eq!(r.question.as_deref(), Some("Problem 2: what is 2 + 2?"));
    assert_eq!(r.reference.as_deref(), Some("Level 3"));
    let spans_read = passk_lens_core::read::texts::check_index_with(&parsed, &options, |spans| {
        let rows: Vec<u64> = spans.iter().map(|s| s.offset).collect();
        let read =
            passk_lens_core::read::parquet::read_rows(&bytes[..], &rows, &read_options, false)?;
        Ok(read
            .into_iter()
            .map(|r| r.unwrap_or_default().into_bytes())
            .collect())
    });
    assert_eq!(spans_read, Ok(6));
}

/// A line just under the length cap, with bytes that are not UTF-8, is counted; read again it
/// is decoded as the browser decodes it (each bad byte a 3-byte U+FFFD) and so grows past the
/// cap, which must not refuse a record already taken (found by the `ingest` fuzz target).
#[test]
fn a_line_near_the_cap_with_bad_utf8_reads_back() {
    let mut line = br#"{"idx": 1, "note": "b"#.to_vec();
    line.extend([0xf6, 0xf6]);
    line.extend(br#"", "score": [true, false]}"#);
    let options = Options {
        max_line: line.len(),
        ..Options::default()
    };
    line.push(b'\n');
    let parsed = parse_bytes("f.jsonl", &line, options.clone());
    assert_eq!(parsed.report.used, 1, "{:?}", parsed.report);
    assert_eq!(check_index(&line, &parsed, &options), Ok(1));
}
