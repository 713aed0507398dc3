//! Files that evaluation tools wrote themselves (`../shared/data/real-formats`, each
//! byte-identical to a public repository's blob): every one must load with the numbers its
//! `expected.json` gives (computed there with exact rational arithmetic), be recognised as its
//! tool's format with no mapping step, and compare with the number the tool itself states.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::shared_data;
use passk_lens_core::read::ingest::{parse_bytes, EvalPlusTests, Options};
use passk_lens_core::read::{Format, ParsedFile};
use passk_lens_core::stats::Dataset;
use serde_json::Value;

/// The file's entry of expected.json.
fn expected(rel: &str) -> Value {
    let path = shared_data("real-formats/expected.json");
    let all: Value = serde_json::from_slice(&std::fs::read(&path).expect("expected.json")).unwrap();
    all["files"][rel].clone()
}

/// Reads a real-formats file as the page does, by its file name.
fn read(rel: &str, options: Options) -> ParsedFile {
    let path = shared_data(&format!("real-formats/{rel}"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    passk_lens_core::read::read_bytes(&name, &bytes, options)
}

/// Checks a parsed file against one grouping of expected.json: problems, samples, correct
/// samples, every per-problem (n, c) it lists, and pass@k for every k it lists.
fn check(file: &ParsedFile, grouping: &Value, what: &str) {
    assert_eq!(
        file.counts.len(),
        1,
        "{what}: one (benchmark, model): {:?}",
        file.report
    );
    let problems = &file.counts[0];
    let (n, c): (u64, u64) = problems
        .values()
        .fold((0, 0), |(n, c), p| (n + p.n, c + p.c));
    assert_eq!(
        (problems.len() as u64, n, c),
        (
            grouping["problems"].as_u64().unwrap(),
            grouping["samples"].as_u64().unwrap(),
            grouping["correct"].as_u64().unwrap()
        ),
        "{what}: problems, samples, correct"
    );
    if let Some(Value::Object(per)) = grouping.get("per_problem_n_c") {
        for (id, nc) in per {
            let got = problems
                .get(id)
                .unwrap_or_else(|| panic!("{what}: no problem {id}"));
            assert_eq!(
                (got.n, got.c),
                (nc[0].as_u64().unwrap(), nc[1].as_u64().unwrap()),
                "{what}: problem {id}"
            );
        }
    }
    let curve = &Dataset::from_files([file]).curves()[0];
    let Value::Object(at) = &grouping["pass_at_k"] else {
        panic!("{what}: no pass_at_k")
    };
    assert_eq!(
        curve.k_max(),
        grouping["K_min_n"].as_u64().unwrap() as usize,
        "{what}: K"
    );
    for (k, v) in at {
        let k: usize = k.parse().unwrap();
        let want = v["value"].as_f64().unwrap();
        let got = curve.at(k).unwrap();
        assert!(
            (got - want).abs() <= 1e-12,
            "{what}: pass@{k} = {got}, expected {want}"
        );
    }
}

fn no_mapping_step(file: &ParsedFile, format: Format, what: &str) {
    let r = &file.report;
    assert_eq!(r.format, format, "{what}: format");
    assert!(!r.mappable, "{what}: the mapping panel would open: {r:?}");
    assert!(r.problem.is_none(), "{what}: {:?}", r.problem);
    assert!(!r.rule.is_empty(), "{what}: no rule");
    assert_eq!(
        r.lines,
        r.used + r.skipped.len() + r.blank,
        "{what}: accounting"
    );
}

#[test]
fn human_eval_results_load_with_both_result_fields_agreeing() {
    for rel in [
        "human-eval/getcursor_gpt35_azure.jsonl_results.jsonl",
        "human-eval/gpt35_n10_hEvalTest35_1CPT_500Tkns_10SPT_Samples.jsonl_results.jsonl",
        "human-eval/uneven-n_samples_new1.jsonl_results.jsonl",
    ] {
        let f = read(rel, Options::default());
        no_mapping_step(&f, Format::HumanEval, rel);
        assert!(f.report.skipped.is_empty(), "{rel}: {:?}", f.report.skipped);
        assert!(f.report.notes.is_empty(), "{rel}: {:?}", f.report.notes);
        check(&f, &expected(rel)["groupings"][0], rel);
    }
    // The README's "pass@1: 65.7%, pass@10: 66.5%" for the n = 10 run.
    let f = read(
        "human-eval/gpt35_n10_hEvalTest35_1CPT_500Tkns_10SPT_Samples.jsonl_results.jsonl",
        Options::default(),
    );
    let curve = &Dataset::from_files([&f]).curves()[0];
    assert_eq!((curve.at(1).unwrap() * 1000.0).round(), 657.0);
    assert_eq!((curve.at(10).unwrap() * 1000.0).round(), 665.0);
}

#[test]
fn a_human_eval_line_whose_fields_disagree_is_reported() {
    let text = r#"{"task_id": "HumanEval/0", "completion": "x", "result": "passed", "passed": true}
{"task_id": "HumanEval/0", "completion": "y", "result": "failed: AssertionError", "passed": true}
"#;
    let f = passk_lens_core::read::parse_file("samples.jsonl_results.jsonl", text);
    assert_eq!((f.report.used, f.report.skipped.len()), (1, 1));
    assert_eq!(f.report.skipped[0].line, 2);
    assert_eq!(
        f.report.skipped[0].reason.to_string(),
        "`passed` and `result` disagree on whether the sample is correct"
    );
    assert!(!f.report.mappable);
}

#[test]
fn evalplus_both_layouts_with_the_base_and_the_plus_tests() {
    for rel in [
        "evalplus/llama3-exp_root_samples_eval_results.json",
        "evalplus/mbppplus_Meta-Llama-3-8B_temp0_eval_results.json",
        "evalplus/oldlayout_codet5_2b_samples_eval_results.json",
        "evalplus/oldlayout_llama_7b_hf_samples_eval_results.json",
    ] {
        let e = expected(rel);
        // By default base + plus (the file ran the plus tests); base on request.
        let f = read(rel, Options::default());
        no_mapping_step(&f, Format::Evalplus, rel);
        assert_eq!(f.report.evalplus, Some(EvalPlusTests::Plus), "{rel}");
        check(&f, &e["groupings"][1], rel);
        let base = Options {
            evalplus: EvalPlusTests::Base,
            ..Options::default()
        };
        let f = read(rel, base);
        check(&f, &e["groupings"][0], rel);
    }
    // The commit message's "pass@1: 0.793 … 0.713".
    let f = read(
        "evalplus/llama3-exp_root_samples_eval_results.json",
        Options::default(),
    );
    let p = Dataset::from_files([&f]).curves()[0].at(1).unwrap();
    assert_eq!((p * 1000.0).round(), 713.0);
}

#[test]
fn evalplus_base_only_runs_and_unknown_statuses() {
    // `--base-only` (current layout): every plus_status is null.
    let base_only = r#"{"date": "2024-06-01", "hash": "h", "eval": {
      "HumanEval/0": [{"task_id": "HumanEval/0", "base_status": "pass", "plus_status": null},
                      {"task_id": "HumanEval/0", "base_status": "fail", "plus_status": null}],
      "HumanEval/1": [{"task_id": "HumanEval/1", "base_status": "pass", "plus_status": null}]},
      "pass_at_k": {"base": {"pass@1": 0.75}}}"#;
    let f = parse_bytes(
        "eval_results.json",
        base_only.as_bytes(),
        Options::default(),
    );
    assert_eq!(f.report.evalplus, Some(EvalPlusTests::Base));
    assert!(f.report.problem.is_none());
    assert!(f.report.notes[0].contains("plus tests were not run"));
    assert_eq!(f.report.stated.len(), 1);
    assert_eq!(f.report.stated[0].ours, Some(0.75));
    assert!(f.report.stated[0].agrees());
    // The old layout's `--base-only`: `"plus": []`.
    let old = r#"{"eval": {"HumanEval/0": {"nfiles": 2, "base": [["success", []], ["timed out", []]], "plus": []}}}"#;
    let f = parse_bytes("old.json", old.as_bytes(), Options::default());
    assert_eq!(f.counts[0]["HumanEval/0"].n, 2);
    assert_eq!(f.counts[0]["HumanEval/0"].c, 1);
    // A status evalplus never writes is never counted as a failure: that sample is left out
    // and said; a null plus status among run ones leaves only that sample out.
    let odd = r#"{"eval": {
      "T/0": [{"base_status": "pass", "plus_status": "pass"}, {"base_status": "error", "plus_status": "fail"},
              {"base_status": "pass", "plus_status": null}],
      "T/1": [{"base_status": "pass", "plus_status": "fail"}]}}"#;
    let f = parse_bytes("odd.json", odd.as_bytes(), Options::default());
    assert_eq!(f.report.evalplus, Some(EvalPlusTests::Plus));
    let t0 = f.counts[0]["T/0"];
    assert_eq!((t0.n, t0.c), (1, 1));
    let note = f
        .report
        .notes
        .iter()
        .find(|n| n.contains("left out"))
        .unwrap();
    assert!(
        note.contains("T/0 sample 2 base status \"error\" is not one evalplus writes"),
        "{note}"
    );
    assert!(note.contains("T/0 sample 3 plus_status is null"), "{note}");
    // A file stating a pass@1 its samples do not give is flagged.
    let lying = r#"{"eval": {"T/0": [{"base_status": "pass", "plus_status": "fail"}]},
      "pass_at_k": {"base": {"pass@1": 1.0}, "plus": {"pass@1": 1.0}}}"#;
    let f = parse_bytes("lying.json", lying.as_bytes(), Options::default());
    assert_eq!(f.report.stated[0].ours, Some(0.0));
    assert!(f
        .report
        .notes
        .iter()
        .any(|n| n.contains("states pass@1 = 1")));
}

#[test]
fn qwen_math_repeated_sets_are_grouped_by_question() {
    for rel in [
        "qwen-math-eval/1.5B-math-cot-nobox-to-pi1_amc23x8_t0.6.jsonl",
        "qwen-math-eval/1.5B-to_pi1_aime25x8_t0.6.jsonl",
    ] {
        let e = expected(rel);
        let f = read(rel, Options::default());
        no_mapping_step(&f, Format::QwenMath, rel);
        assert_eq!(f.report.grouped, Some(true));
        assert!(f.report.notes[0].contains("grouped by question"), "{rel}");
        check(&f, &e["groupings"][0], rel);
        // The way back: one problem per line.
        let per_line = Options {
            group_questions: false,
            ..Options::default()
        };
        let f = read(rel, per_line);
        assert_eq!(f.report.grouped, Some(false));
        check(&f, &e["groupings"][1], rel);
    }
    // The tool's own metrics file says acc 45.6 (total_acc 45.625) for amc23x8.
    let f = read(
        "qwen-math-eval/1.5B-math-cot-nobox-to-pi1_amc23x8_t0.6.jsonl",
        Options::default(),
    );
    let curve = &Dataset::from_files([&f]).curves()[0];
    assert_eq!(curve.at(1).unwrap(), 0.45625);
    assert_eq!(curve.at(8).unwrap(), 0.8);
}

#[test]
fn the_rlvr_paper_format_is_qwen_math_with_nothing_to_group() {
    let f = common::parse_shared("limit-of-rlvr-math-eval/math_cot_100.jsonl");
    assert_eq!(f.report.format, Format::QwenMath);
    assert_eq!(f.report.grouped, None);
    assert_eq!(f.counts[0].len(), 100);
}

#[test]
fn livecodebench_eval_all_and_its_summary() {
    let rel = "livecodebench/Qwen2.5-Ins-7B_Scenario.codegeneration_1_0.2_eval_all.json";
    let f = read(rel, Options::default());
    no_mapping_step(&f, Format::Livecodebench, rel);
    check(&f, &expected(rel)["groupings"][0], rel);
    // The tool's per-problem pass@1, averaged, is its published 0.23886255924170616.
    let stated = &f.report.stated[0];
    assert!((stated.value - 0.23886255924170616).abs() < 1e-15);
    assert!(stated.agrees(), "{stated:?}");
    // The summary file: recognised, explained, nothing counted.
    let rel = "livecodebench/Qwen2.5-Ins-7B_Scenario.codegeneration_1_0.2_eval.json";
    let f = read(rel, Options::default());
    assert_eq!(f.report.format, Format::Livecodebench);
    assert!(f.counts.is_empty());
    let problem = f.report.problem.unwrap();
    assert!(
        problem.contains("summary file (it states pass@1 = 0.23886255924170616)"),
        "{problem}"
    );
}

#[test]
fn livecodebench_other_scenarios_key_problems_by_their_own_ids() {
    // Test output prediction (fields of `TestOutputPredictionProblem.insert_output_evaluation`):
    // a question's tests are problems of their own, not duplicates.
    let prediction = r#"[
      {"question_title": "t", "question_content": "c", "question_id": "abc301_a", "contest_id": "abc301",
       "contest_date": "2023-05-13T00:00:00", "difficulty": "easy", "output_list": ["a", "b"], "pred_list": ["1", "2"],
       "test_id": 0, "function_name": "f", "starter_code": "", "graded_list": [true, false], "pass@1": 0.5},
      {"question_title": "t", "question_content": "c", "question_id": "abc301_a", "contest_id": "abc301",
       "contest_date": "2023-05-13T00:00:00", "difficulty": "easy", "output_list": ["a", "b"], "pred_list": ["1", "2"],
       "test_id": 1, "function_name": "f", "starter_code": "", "graded_list": [true, true], "pass@1": 1.0}]"#;
    let f = parse_bytes(
        "Scenario.testoutputprediction_eval_all.json",
        prediction.as_bytes(),
        Options::default(),
    );
    assert_eq!(f.report.format, Format::Livecodebench);
    assert!(f.report.skipped.is_empty(), "{:?}", f.report.skipped);
    let p = &f.counts[0];
    assert_eq!((p["abc301_a/test 0"].c, p["abc301_a/test 1"].c), (1, 2));
    assert!(f.report.stated[0].agrees());
    // Code execution (`CodeExecutionProblem`): `id` names the problem; `problem_id` is shared.
    let execution = r#"[
      {"question_id": "q", "contest_id": "c", "contest_date": "2023-05-13T00:00:00", "difficulty": "easy",
       "function_name": "f", "code": "x", "input": "1", "output": "2", "id": "sample_0", "problem_id": "p1",
       "numsteps": 10, "output_list": ["2"], "pred_list": ["2"], "graded_list": [true], "pass@1": 1.0},
      {"question_id": "q", "contest_id": "c", "contest_date": "2023-05-13T00:00:00", "difficulty": "easy",
       "function_name": "f", "code": "x", "input": "3", "output": "4", "id": "sample_1", "problem_id": "p1",
       "numsteps": 12, "output_list": ["5"], "pred_list": ["5"], "graded_list": [false], "pass@1": 0.0}]"#;
    let f = parse_bytes(
        "Scenario.codeexecution_eval_all.json",
        execution.as_bytes(),
        Options::default(),
    );
    assert!(f.report.skipped.is_empty(), "{:?}", f.report.skipped);
    assert_eq!(
        f.counts[0].keys().collect::<Vec<_>>(),
        ["sample_0", "sample_1"]
    );
}

#[test]
fn lm_eval_samples_are_explained() {
    for rel in [
        "lm-eval/samples_asdiv_Meta-Llama-3-8B-Instruct.jsonl",
        "lm-eval/samples_negotiationtom_intention_Qwen3-8B.jsonl",
    ] {
        let f = read(rel, Options::default());
        assert_eq!(f.report.format, Format::LmEval, "{rel}");
        assert!(f.counts.is_empty());
        assert!(f
            .report
            .problem
            .unwrap()
            .starts_with("These are lm-evaluation-harness samples"));
    }
}

#[test]
fn inspect_json_logs() {
    let rel = "inspect/log_read_sample.json";
    let f = read(rel, Options::default());
    no_mapping_step(&f, Format::Inspect, rel);
    check(&f, &expected(rel)["groupings"][0], rel);
    assert_eq!(
        f.counts.keys().next().unwrap(),
        &("popularity".to_owned(), "ollama/gemma3".to_owned())
    );
    assert_eq!(f.report.scorer.as_deref(), Some("match"));
    assert!(f.report.stated[0].agrees());
    // A cancelled run kept no samples: a file-level message, and no guessed counts from its
    // reductions.
    let f = read("inspect/no-samples_cancelled.json", Options::default());
    assert_eq!(f.report.format, Format::Inspect);
    assert!(f.counts.is_empty());
    let problem = f.report.problem.unwrap();
    assert!(
        problem.contains("holds no samples (status: cancelled)"),
        "{problem}"
    );
}

#[test]
fn inspect_eval_logs_deflate_and_zstd() {
    for (rel, model) in [
        ("inspect/popularity-set2_gpt-5_5epochs.eval", "openai/gpt-5"),
        (
            "inspect/popularity-set2_claude-sonnet-4_5epochs.eval",
            "anthropic/claude-sonnet-4-20250514",
        ),
        (
            "inspect/popularity-set2_gemini-2.5-pro_5epochs.eval",
            "google/gemini-2.5-pro",
        ),
        ("inspect/log_read_sample.eval", "ollama/gemma3"),
        (
            "inspect/scicode_dict-valued-score.eval",
            "anthropic/claude-3-haiku-20240307",
        ),
        (
            "inspect/a2ui-atom-baseline_zstd_two-scorers.eval",
            "google/gemini-3.5-flash",
        ),
    ] {
        let f = read(rel, Options::default());
        no_mapping_step(&f, Format::Inspect, rel);
        assert!(f.report.skipped.is_empty(), "{rel}: {:?}", f.report.skipped);
        assert_eq!(f.counts.keys().next().unwrap().1, model, "{rel}");
        check(&f, &expected(rel)["groupings"][0], rel);
        // The log's own accuracy is compared and agrees.
        assert!(!f.report.stated.is_empty(), "{rel}: nothing stated");
        assert!(
            f.report.stated.iter().all(|s| s.agrees()),
            "{rel}: {:?}",
            f.report.stated
        );
    }
    // SciCode's dict-valued score: the default is the key whose values are all 0 or 1.
    let f = read("inspect/scicode_dict-valued-score.eval", Options::default());
    assert_eq!(
        f.report.scorer.as_deref(),
        Some("scicode_scorer/Problem Correctness")
    );
    assert_eq!(f.report.scorers.len(), 3);
    assert_eq!(f.report.stated[0].value, 0.26);
    // A2UI's two scorers (every entry zstd): the other is a choice away.
    let rel = "inspect/a2ui-atom-baseline_zstd_two-scorers.eval";
    let f = read(rel, Options::default());
    assert_eq!(
        f.report.scorers,
        ["a2ui_scorer", "measured_model_graded_qa"]
    );
    let other = Options {
        scorer: Some("measured_model_graded_qa".into()),
        ..Options::default()
    };
    let f = read(rel, other);
    check(&f, &expected(rel)["groupings"][1], rel);
    assert!(f.report.stated[0].agrees());
}

#[test]
fn inspect_popularity_coverage_of_three_models() {
    // The README: at k = 5 all three solve 6 problems, Claude + Gemini only problem 5, none 3.
    let files: Vec<ParsedFile> = [
        "inspect/popularity-set2_gpt-5_5epochs.eval",
        "inspect/popularity-set2_claude-sonnet-4_5epochs.eval",
        "inspect/popularity-set2_gemini-2.5-pro_5epochs.eval",
    ]
    .iter()
    .map(|r| read(r, Options::default()))
    .collect();
    let ds = Dataset::from_files(&files);
    let coverage = &ds.coverages(5)[0];
    let count = |region: &str| {
        coverage
            .regions
            .iter()
            .find(|r| r.name == region)
            .map(|r| r.expected)
            .unwrap_or_else(|| panic!("no region {region}"))
    };
    let all = "openai/gpt-5+anthropic/claude-sonnet-4-20250514+google/gemini-2.5-pro";
    assert_eq!(count(all), 6.0);
    assert_eq!(
        count("anthropic/claude-sonnet-4-20250514+google/gemini-2.5-pro"),
        1.0
    );
    assert_eq!(count("none"), 3.0);
}

/// A fixture of tests/fixtures/parquet (built by tests/fixtures/make_parquet.py from the tools'
/// source: no real lighteval details file is public outside Git LFS), read by its path.
fn parquet(rel: &str, options: Options) -> ParsedFile {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/parquet")
        .join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let source = passk_lens_core::read::names::source_of(rel);
    passk_lens_core::read::parquet::read_parquet(source, &bytes[..], &options, |_| {})
}

const DETAILS: &str = "details_lighteval|math_500|0_2025-03-04T10-11-12.123456.parquet";

#[test]
fn lighteval_details_recover_c_from_a_pass_at_1_over_n_samples() {
    // Both layouts: c = pass@1 · n from the metric over the most samples (n = 4); the task
    // names the benchmark and the folders the model.
    for (folder, metric, ids) in [
        (
            "details/Qwen/Qwen2.5-Math-7B/2025-03-04T10-11-12.123456",
            "pass@k:k=1&n=4",
            ["doc-0", "doc-5"],
        ),
        (
            "details/v0.9/org/old-model/2025-03-04T10-11-12.123456",
            "math_pass@1:4_samples",
            ["0", "5"],
        ),
    ] {
        let f = parquet(&format!("{folder}/{DETAILS}"), Options::default());
        no_mapping_step(&f, Format::Lighteval, folder);
        assert_eq!(f.report.scorer.as_deref(), Some(metric));
        let ((benchmark, _), problems) = f.counts.get_index(0).unwrap();
        assert_eq!(benchmark, "lighteval|math_500|0");
        let cs: Vec<u64> = problems.values().map(|c| c.c).collect();
        assert_eq!(cs, [0, 1, 2, 3, 4, 4], "{folder}");
        assert!(problems.values().all(|c| c.n == 4));
        assert_eq!(problems.keys().next().unwrap(), ids[0]);
        assert_eq!(problems.keys().last().unwrap(), ids[1]);
        assert!(
            f.report.rule.contains("recovered exactly"),
            "{}",
            f.report.rule
        );
    }
    let f = parquet(
        &format!("details/Qwen/Qwen2.5-Math-7B/2025-03-04T10-11-12.123456/{DETAILS}"),
        Options::default(),
    );
    assert_eq!(f.counts.get_index(0).unwrap().0 .1, "Qwen/Qwen2.5-Math-7B");
    // The 1-sample metric is a choice too; extractive_match (no n) is not recoverable.
    let old = "details/v0.9/org/old-model/2025-03-04T10-11-12.123456";
    let f = parquet(&format!("{old}/{DETAILS}"), Options::default());
    assert_eq!(
        f.report.scorers,
        ["math_pass@1:1_samples", "math_pass@1:4_samples"]
    );
    let one = Options {
        scorer: Some("math_pass@1:1_samples".into()),
        ..Options::default()
    };
    let f = parquet(&format!("{old}/{DETAILS}"), one);
    assert!(f.counts[0].values().all(|c| c.n == 1));
}

#[test]
fn plain_parquet_tables_read_like_json_lines() {
    // Per sample, in row groups of 10 rows: summed per problem, model and benchmark from columns.
    let f = parquet("per-sample.parquet", Options::default());
    assert_eq!(f.report.format, Format::Parquet);
    assert_eq!(
        f.report.rule,
        "a row is a correct sample when `correct` is true, 1, \"passed\" or \"C\""
    );
    assert_eq!((f.report.lines, f.report.used), (24, 24));
    let p = &f.counts[&("MATH500".to_owned(), "qwen-rl".to_owned())];
    let cs: Vec<(u64, u64)> = p.values().map(|c| (c.n, c.c)).collect();
    assert_eq!(cs, [(4, 0), (4, 1), (4, 2), (4, 3), (4, 4), (4, 4)]);
    // Per problem (gzip): a score list per row.
    let f = parquet("per-problem.parquet", Options::default());
    let cs: Vec<u64> = f.counts[0].values().map(|c| c.c).collect();
    assert_eq!(cs, [0, 1, 2, 3, 4, 4]);
    assert!(f.report.problem.is_none());
}

#[test]
fn parquet_files_that_cannot_be_read_say_why() {
    let f = parquet("per-problem-zstd.parquet", Options::default());
    let problem = f.report.problem.unwrap();
    assert!(problem.contains("compressed with ZSTD"), "{problem}");
    assert!(f.counts.is_empty());
    // A corrupt footer, a footer claiming 1 GB of metadata, a cut file, not Parquet at all.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/parquet/per-problem.parquet");
    let good = std::fs::read(path).unwrap();
    let read = |bytes: &[u8]| {
        let source = passk_lens_core::read::names::source_of("x.parquet");
        passk_lens_core::read::parquet::read_parquet(source, bytes, &Options::default(), |_| {})
            .report
            .problem
            .unwrap()
    };
    let n = good.len();
    let mut corrupt = good.clone();
    for b in &mut corrupt[n - 60..n - 8] {
        *b ^= 0x5a;
    }
    assert!(
        read(&corrupt).contains("footer is damaged"),
        "{}",
        read(&corrupt)
    );
    let mut huge = good.clone();
    huge[n - 8..n - 4].copy_from_slice(&(1u32 << 30).to_le_bytes());
    assert!(read(&huge).contains("claims 1073741824 bytes of metadata, more than the file holds"));
    assert!(read(&good[..n - 3]).contains("does not end with PAR1"));
    assert!(read(b"PAR1").contains("shorter than a Parquet file"));
}

#[test]
fn the_kind_of_a_file_is_told_by_its_first_bytes_then_its_name() {
    use passk_lens_core::read::Kind;
    assert_eq!(Kind::of("x.bin", b"PK\x03\x04"), Kind::Zip);
    assert_eq!(Kind::of("log.eval", b""), Kind::Zip);
    assert_eq!(Kind::of("table.bin", b"PAR1"), Kind::Parquet);
    assert_eq!(Kind::of("table.parquet", b""), Kind::Parquet);
    assert_eq!(Kind::of("r.jsonl", b"{\"id"), Kind::Text);
    // read_bytes dispatches on it.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/parquet/per-problem.parquet");
    let f = passk_lens_core::read::read_bytes(
        "t.bin",
        &std::fs::read(path).unwrap(),
        Options::default(),
    );
    assert_eq!(f.counts[0].len(), 6);
}

#[test]
fn the_zip_and_parquet_fuzz_corpora_replay_without_a_panic() {
    use passk_lens_core::read::names::source_of_name;
    for data in common::fuzz_corpus("zip", 5) {
        let f = passk_lens_core::read::read_archive(
            source_of_name("f.eval"),
            &data[..],
            &Options::default(),
        );
        let r = &f.report;
        assert_eq!(r.lines, r.used + r.skipped.len() + r.blank, "{r:?}");
        // The samples' entries read from their own spans without a panic. (The counts come
        // from the summaries; a damaged entry, or one that disagrees with its summary, is said
        // by the drawer: the real logs are held to agree, in tests/texts.rs.)
        let _ = passk_lens_core::read::texts::check_index(&data, &f, &Options::default());
    }
    for data in common::fuzz_corpus("parquet", 5) {
        let Some((_, bytes)) = data.split_first() else {
            continue;
        };
        // As the fuzz target reads them: a row count costs nothing to claim, so few are read.
        let source = source_of_name("t.parquet");
        let f = passk_lens_core::read::parquet::read_parquet_limited(
            source,
            bytes,
            &Options::default(),
            |_| {},
            10_000,
        );
        let r = &f.report;
        assert_eq!(r.lines, r.used + r.skipped.len() + r.blank, "{r:?}");
    }
    // The synthetic zstd seed (method 93, as inspect_ai writes) reads: 8 samples, 3 of them C
    // or 1 or true, one P, one N, one a value Inspect does not write.
    let seed = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/zip/seed-zstd.eval"),
    )
    .unwrap();
    let f = passk_lens_core::read::read_archive(
        source_of_name("seed.eval"),
        &seed[..],
        &Options::default(),
    );
    assert_eq!(
        (f.report.used, f.report.skipped.len()),
        (7, 1),
        "{:?}",
        f.report
    );
}

#[test]
fn parquet_decoder_panics_and_huge_tables_end_in_messages() {
    use passk_lens_core::read::names::source_of_name;
    use passk_lens_core::read::parquet::read_parquet_limited;
    // Damaged pages that made the parquet crate's decoder panic (found by the fuzzer): caught
    // before it, by the page header check.
    let damaged = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/corpus/parquet/crash-dict-decoder-expect"),
    )
    .unwrap();
    let f = passk_lens_core::read::parquet::read_parquet(
        source_of_name("d.parquet"),
        &damaged[1..],
        &Options::default(),
        |_| {},
    );
    let problem = f.report.problem.unwrap();
    assert!(problem.contains("is damaged"), "{problem}");
    // A table longer than the cap: the rows before it are read, and the report says so.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/parquet/per-sample.parquet");
    let bytes = std::fs::read(path).unwrap();
    let f = read_parquet_limited(
        source_of_name("t.parquet"),
        &bytes[..],
        &Options::default(),
        |_| {},
        10,
    );
    assert_eq!((f.report.lines, f.report.used), (10, 10));
    assert!(f
        .report
        .problem
        .unwrap()
        .starts_with("Stopped after the first 10 rows"));
}

#[test]
fn inspect_sample_metadata_gives_slices() {
    use passk_lens_core::explain::slices::{slice_dataset, slice_fields};
    use serde_json::json;
    // The real logs' metadata holds no slice field (a label's confidence; SciCode keeps none
    // in its summaries): no slices, and nothing else changes.
    for rel in [
        "inspect/popularity-set2_gpt-5_5epochs.eval",
        "inspect/scicode_dict-valued-score.eval",
        "inspect/log_read_sample.json",
    ] {
        let ds = Dataset::from_files([&read(rel, Options::default())]);
        for b in ds.benchmarks.keys() {
            assert!(slice_fields(&ds, b).is_empty(), "{rel}");
        }
    }
    // inspect_evals' MATH task writes `level` ("1" … "5") and `subject` into each sample's
    // metadata. The real log's sample, given such metadata (and some that is not), as four
    // problems of two epochs each.
    let path = shared_data("real-formats/inspect/log_read_sample.json");
    let mut log: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let sample = log["samples"][0].clone();
    let metadata = [
        json!({"level": "1", "subject": "algebra", "solution": "$x = 2$"}),
        json!({"level": 5, "subject": "geometry"}),
        json!("not an object"),
        json!({"level": {"nested": 1}, "subject": null, "type": true}),
    ];
    let mut samples = Vec::new();
    for (i, meta) in metadata.iter().enumerate() {
        for epoch in 1..=2 {
            let mut s = sample.clone();
            s["id"] = json!(i + 1);
            s["epoch"] = json!(epoch);
            s["metadata"] = meta.clone();
            if i == 0 && epoch == 2 {
                s["scores"]["match"]["value"] = json!("I");
            }
            samples.push(s);
        }
    }
    log["samples"] = Value::Array(samples);
    let bytes = serde_json::to_vec(&log).unwrap();
    let f = passk_lens_core::read::read_bytes("math.json", &bytes, Options::default());
    assert!(f.report.skipped.is_empty(), "{:?}", f.report.skipped);
    assert_eq!(
        f.counts[0].len(),
        4,
        "every sample is counted, whatever its metadata"
    );
    let ds = Dataset::from_files([&f]);
    let (benchmark, model) = (
        ds.benchmarks.keys().next().unwrap().clone(),
        "ollama/gemma3",
    );
    let fields = slice_fields(&ds, &benchmark);
    let want = [
        ("level".to_owned(), vec!["1".to_owned(), "5".to_owned()]),
        (
            "subject".to_owned(),
            vec!["algebra".to_owned(), "geometry".to_owned()],
        ),
    ];
    assert_eq!(fields, want);
    let sliced = slice_dataset(&ds, model, "level", "1");
    let problems = &sliced.benchmark_models(&benchmark)[0].1;
    assert_eq!(problems.len(), 1);
    let counts = problems.values().next().unwrap();
    assert_eq!((counts.n, counts.c), (2, 1));
}

#[test]
fn livecodebench_problems_keep_their_difficulty_platform_and_date_for_slices() {
    use passk_lens_core::explain::slices::{slice_dataset, slice_fields};
    let f = read(
        "livecodebench/Qwen2.5-Ins-7B_Scenario.codegeneration_1_0.2_eval_all.json",
        Options::default(),
    );
    let ds = Dataset::from_files([&f]);
    let benchmark = ds.benchmarks.keys().next().unwrap().clone();
    let fields = slice_fields(&ds, &benchmark);
    let names: Vec<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(names, ["difficulty", "platform", "contest_date"]);
    assert_eq!(fields[0].1, ["easy", "hard", "medium"]);
    // The three difficulties partition the 1055 problems, as the file's own records say.
    let text = std::fs::read_to_string(shared_data(
        "real-formats/livecodebench/Qwen2.5-Ins-7B_Scenario.codegeneration_1_0.2_eval_all.json",
    ))
    .unwrap();
    let records: Vec<Value> = serde_json::from_str(&text).unwrap();
    let model = ds.models[0].clone();
    let mut total = 0;
    for level in ["easy", "medium", "hard"] {
        let sliced = slice_dataset(&ds, &model, "difficulty", level);
        let n = sliced.benchmark_models(&benchmark)[0].1.len();
        let want = records.iter().filter(|r| r["difficulty"] == level).count();
        assert_eq!(n, want, "{level}");
        total += n;
    }
    assert_eq!(total, 1055);
}
