//! Reading result files: the three line shapes, pooling, and every way a line can be bad.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::parse_shared;
use passk_lens_core::counts::Counts;
use passk_lens_core::export::csv::{passk_csv, PASSK_HEADER};
use passk_lens_core::read::{parse_file, SkipReason};
use passk_lens_core::stats::Dataset;

fn counts(file: &passk_lens_core::read::ParsedFile, bench: &str, model: &str, id: &str) -> Counts {
    file.counts[&(bench.to_owned(), model.to_owned())][id]
}

#[test]
fn per_sample_rows_are_summed_per_problem() {
    let text = r#"{"task_id": "HumanEval/0", "passed": true}
{"task_id": "HumanEval/0", "passed": false}
{"task_id": "HumanEval/0", "result": "passed"}
{"task_id": "HumanEval/1", "result": "failed: AssertionError"}
{"task_id": "HumanEval/1", "correct": 1}
"#;
    let f = parse_file("codegen.jsonl", text);
    assert_eq!(
        (f.report.lines, f.report.used, f.report.skipped.len()),
        (5, 5, 0)
    );
    assert_eq!(
        counts(&f, "all", "codegen", "HumanEval/0"),
        Counts { n: 3, c: 2 }
    );
    assert_eq!(
        counts(&f, "all", "codegen", "HumanEval/1"),
        Counts { n: 2, c: 1 }
    );
}

#[test]
fn every_list_field_name_and_item_kind_is_read() {
    for field in [
        "score",
        "scores",
        "correct",
        "accs",
        "passed",
        "graded_list",
        "is_correct",
    ] {
        let text = format!("{{\"idx\": 3, \"{field}\": [true, 0, 1, false, 1.0]}}\n");
        let f = parse_file("m.jsonl", &text);
        assert_eq!(
            counts(&f, "all", "m", "3"),
            Counts { n: 5, c: 3 },
            "{field}"
        );
    }
}

#[test]
fn id_precedence_names_and_benchmarks() {
    let text = r#"{"doc_id": 9, "question_id": "q", "problem_id": "p1", "model": "rl", "dataset": "aime", "n": 4, "c": 1}
{"idx": 2.0, "benchmark": "math", "dataset": "ignored", "n": 4, "c": 4}
"#;
    let f = parse_file("base.jsonl.gz", text);
    assert_eq!(counts(&f, "aime", "rl", "p1"), Counts { n: 4, c: 1 });
    assert_eq!(counts(&f, "math", "base", "2"), Counts { n: 4, c: 4 });
}

#[test]
fn bad_lines_are_reported_with_number_and_reason_and_the_rest_loads() {
    let text = "\u{feff}{\"idx\": 0, \"score\": [true, false]}\r\n\
        not json\r\n\
        \r\n\
        [1, 2]\r\n\
        {\"score\": [true]}\r\n\
        {\"idx\": 1}\r\n\
        {\"idx\": 2, \"n\": 3, \"c\": 5}\r\n\
        {\"idx\": 3, \"n\": -3, \"c\": 1}\r\n\
        {\"idx\": 4, \"n\": 3}\r\n\
        {\"idx\": 5, \"score\": [true, 0.5]}\r\n\
        {\"idx\": 6, \"score\": []}\r\n\
        {\"idx\": null, \"score\": [true]}\r\n\
        {\"idx\": 0, \"score\": [true, true]}\r\n\
        {\"idx\": 7, \"n\": 0, \"c\": 0}\r\n\
        {\"idx\": 8, \"score\": [true]";
    let f = parse_file("m.jsonl", text);
    let r = &f.report;
    assert_eq!((r.lines, r.used, r.blank, r.skipped.len()), (15, 1, 1, 13));
    assert_eq!(r.lines, r.used + r.blank + r.skipped.len());
    let reason = |line: usize| {
        r.skipped
            .iter()
            .find(|s| s.line == line)
            .map(|s| &s.reason)
            .unwrap()
    };
    assert_eq!(
        reason(2),
        &SkipReason::NotJson("expected ident (column 2)".into())
    );
    assert_eq!(reason(4), &SkipReason::NotObject);
    assert_eq!(reason(5), &SkipReason::NoId);
    assert_eq!(reason(6), &SkipReason::NoResult);
    assert_eq!(
        reason(7),
        &SkipReason::MoreCorrectThanSamples { n: 3, c: 5 }
    );
    assert_eq!(reason(8), &SkipReason::BadCount { field: "n" });
    assert_eq!(
        reason(9),
        &SkipReason::HalfCounts {
            present: "n",
            missing: "c"
        }
    );
    assert!(reason(10)
        .to_string()
        .contains("item 1 of the list: 0.5 is not a correctness value"));
    assert_eq!(reason(11), &SkipReason::EmptyList { field: "score" });
    assert_eq!(
        reason(12),
        &SkipReason::BadId {
            field: "idx",
            found: "null"
        }
    );
    assert_eq!(
        reason(13),
        &SkipReason::Duplicate {
            problem: "0".into(),
            first_line: 1
        }
    );
    assert_eq!(reason(14), &SkipReason::NoSamples);
    assert!(
        matches!(reason(15), SkipReason::NotJson(_)),
        "truncated last line"
    );
    assert_eq!(counts(&f, "all", "m", "0"), Counts { n: 2, c: 1 });
    assert!(r.problem.is_none());
}

#[test]
fn a_file_with_no_usable_line_says_what_it_found_and_expected() {
    // human-eval's example samples hold completions only: they have not been executed yet.
    let f = parse_shared("human-eval-example/example_samples.jsonl");
    assert_eq!((f.report.lines, f.report.used), (6, 0));
    let msg = f.report.problem.unwrap();
    assert!(msg.contains("Found fields completion, task_id"), "{msg}");
    assert!(
        msg.contains("problem_id, idx, id, task_id, question_id, doc_id"),
        "{msg}"
    );
    // The ToT CoT log keeps correctness in `infos[].r`, which only a field mapping can reach.
    let array =
        parse_shared("tot-game24-gpt4/gpt-4_0.7_naive_cot_sample_100_start900_end1000.json");
    let r = &array.report;
    assert_eq!((r.unit, r.lines, r.used), ("element", 100, 0));
    let msg = r.problem.clone().unwrap();
    assert!(
        msg.contains("Found fields idx, infos, usage_so_far, ys"),
        "{msg}"
    );
}

#[test]
fn files_of_the_same_model_pool_their_samples() {
    let seed1 = parse_file(
        "rl.jsonl",
        "{\"idx\": 0, \"score\": [true, false]}\n{\"idx\": 1, \"score\": [false]}\n",
    );
    let seed2 = parse_file("rl.jsonl", "{\"idx\": 0, \"score\": [true, true]}\n");
    let ds = Dataset::from_files([&seed1, &seed2]);
    let problems = &ds.benchmarks["all"][0].1;
    assert_eq!(problems["0"], Counts { n: 4, c: 3 });
    // Problem 1 has only one sample, so the pooled curve stops at K = 1.
    let curve = &ds.curves()[0];
    assert_eq!((curve.k_max(), curve.n_at_k_max, curve.n_max), (1, 1, 4));
    assert_eq!(curve.pass_at_k, vec![(3.0 / 4.0 + 0.0) / 2.0]);
}

#[test]
fn model_order_is_first_appearance_across_files() {
    let a = parse_file(
        "a.jsonl",
        "{\"idx\": 0, \"benchmark\": \"y\", \"score\": [true]}\n",
    );
    let b = parse_file("b.jsonl", "{\"idx\": 0, \"benchmark\": \"x\", \"score\": [true]}\n{\"idx\": 0, \"benchmark\": \"y\", \"score\": [false]}\n");
    let ds = Dataset::from_files([&b, &a]);
    let rows: Vec<(String, String)> = ds
        .curves()
        .into_iter()
        .map(|c| (c.benchmark, c.model))
        .collect();
    let want = [("x", "b"), ("y", "b"), ("y", "a")];
    assert_eq!(rows, want.map(|(x, y)| (x.to_owned(), y.to_owned())));
}

#[test]
fn passk_csv_has_the_contract_header_and_round_trip_numbers() {
    let f = parse_file("we,ird\"name.jsonl", "{\"idx\": 0, \"n\": 3, \"c\": 1}\n");
    let csv = passk_csv(&Dataset::from_files([&f]).curves());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], PASSK_HEADER);
    assert!(PASSK_HEADER.starts_with("benchmark,model,k,pass_at_k,ci_low,ci_high,n_problems"));
    // One problem: every resample is that problem, so the band has zero width.
    let p1 = 1.0 - 2.0 / 3.0;
    let row1 = format!("all,\"we,ird\"\"name\",1,{p1},{p1},{p1},1,{}", 1.0 / 3.0);
    assert_eq!(lines[1], row1);
    assert_eq!(lines[3], "all,\"we,ird\"\"name\",3,1,1,1,1,0");
    assert_eq!(lines.len(), 4);
}

#[test]
fn deep_nesting_and_huge_numbers_do_not_panic() {
    let deep = format!(
        "{{\"idx\": 1, \"extra\": {}{}, \"score\": [true]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let f = parse_file("m.jsonl", &deep);
    assert_eq!(
        f.report.used, 1,
        "an unread field is skipped however deep it nests"
    );
    let deep_score = format!(
        "{{\"idx\": 1, \"score\": [{}{}]}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let f = parse_file("m.jsonl", &deep_score);
    assert!(f.report.skipped[0]
        .reason
        .to_string()
        .contains("a nested list"));
    let f = parse_file(
        "m.jsonl",
        "{\"idx\": 1, \"n\": 1e400, \"c\": 1}\n{\"idx\": 2, \"n\": NaN, \"c\": 1}\n",
    );
    assert_eq!(f.report.skipped.len(), 2);
}

#[test]
fn json_arrays_are_read_element_by_element() {
    // Tree-of-Thoughts Game of 24, IO prompt: one array of 100 puzzles with `accs` lists.
    let f =
        parse_shared("tot-game24-gpt4/gpt-4_0.7_naive_standard_sample_100_start900_end1000.json");
    assert_eq!(
        (f.report.unit, f.report.lines, f.report.used),
        ("element", 100, 100)
    );
    let curve = &Dataset::from_files([&f]).curves()[0];
    assert_eq!(
        curve.model,
        "gpt-4_0.7_naive_standard_sample_100_start900_end1000"
    );
    // Published (ToT paper, Table 2): IO 7.3 % success, 33 % best of 100.
    assert!(
        (curve.at(1).unwrap() - 0.0734).abs() < 1e-12,
        "{:?}",
        curve.at(1)
    );
    assert!((curve.at(100).unwrap() - 0.33).abs() < 1e-12);

    let text = r#"[{"question_id": "a", "graded_list": [true, false]}, 7, {"question_id": "b", "graded_list": [false]}, {"question_id": "#;
    let f = passk_lens_core::read::parse_file("lcb_eval_all.json", text);
    assert_eq!((f.report.lines, f.report.used), (3, 2));
    assert_eq!(f.report.skipped[0].line, 2);
    assert_eq!(f.report.skipped[0].reason, SkipReason::NotObject);
    assert!(f
        .report
        .problem
        .unwrap()
        .starts_with("The JSON breaks off after 3 elements"));
}

#[test]
fn verl_inspect_and_lm_eval_records() {
    use passk_lens_core::read::parse_file;
    // verl validation dump: no id, grouped by prompt; correct when `score` > 0 (verl's rule in
    // this reader, the issue's), and the checkpoint is `<file>@<step>`.
    let verl = r#"{"input": "What is 2+2?", "output": "4", "score": 1.0, "step": 300}
{"input": "What is 2+2?", "output": "5", "score": 0.0, "step": 300}
{"input": "What is 2+2?", "output": "four", "score": 0.7, "step": 300}
{"input": "Name a prime.", "output": "9", "score": 0.2, "step": 300}"#;
    let f = parse_file("verl-step300.jsonl", verl);
    assert_eq!(
        counts(&f, "all", "verl-step300@300", "What is 2+2?"),
        Counts { n: 3, c: 2 }
    );
    assert_eq!(
        counts(&f, "all", "verl-step300@300", "Name a prime."),
        Counts { n: 1, c: 1 }
    );
    assert_eq!(
        (f.report.format.as_str(), f.report.rule.as_str()),
        ("verl", "a sample is correct when `score` > 0 (verl)")
    );
    assert_eq!(
        f.report.notes,
        ["2 sample(s) have a score between 0 and 1 (partial credit?): counted as correct by the rule score > 0. Map the fields to choose another rule."]
    );
    // DAPO: `acc` decides; `score` is ±1 and agrees with it, so nothing is in doubt.
    let dapo = r#"{"input": "p", "output": "a", "gts": "1", "score": 1.0, "acc": true, "pred": "1", "step": 20}
{"input": "p", "output": "b", "gts": "1", "score": -1.0, "acc": false, "pred": "2", "step": 20}"#;
    let f = parse_file("20.jsonl", dapo);
    assert_eq!(counts(&f, "all", "20@20", "p"), Counts { n: 2, c: 1 });
    assert_eq!(
        f.report.rule,
        "a sample is correct when `acc` is true (verl, DAPO reward)"
    );
    assert!(
        f.report.notes.is_empty() && !f.report.mappable,
        "{:?}",
        f.report
    );

    // Inspect AI sample records: one per (id, epoch), scorer values C / I.
    let inspect = r#"{"id": 12, "epoch": 1, "scores": {"match": {"value": "C", "answer": "4"}}}
{"id": 12, "epoch": 2, "scores": {"match": {"value": "I"}}}
{"id": 12, "epoch": 3, "scores": {"match": {"value": true}}}
{"id": 13, "epoch": 1, "scores": {"match": {"value": "P"}}}"#;
    let f = parse_file("inspect.jsonl", inspect);
    assert_eq!(counts(&f, "all", "inspect", "12"), Counts { n: 3, c: 2 });
    assert!(f.report.skipped[0]
        .reason
        .to_string()
        .contains("scorer value"));

    // lm-evaluation-harness samples: recognised and explained.
    let lm = r#"{"doc_id": 0, "doc": {"q": "x"}, "target": "4", "resps": [["4"]], "filtered_resps": ["4"], "exact_match": 1.0}
{"doc_id": 1, "doc": {"q": "y"}, "target": "5", "resps": [["6"]], "filtered_resps": ["6"], "exact_match": 0.0}"#;
    let f = parse_file("samples_gsm8k.jsonl", lm);
    assert_eq!(f.report.skipped.len(), 2);
    assert!(f
        .report
        .problem
        .unwrap()
        .starts_with("These are lm-evaluation-harness samples"));
}
