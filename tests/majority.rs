//! maj@k on real files that hold each sample's extracted answer (the RLVR paper's own eval
//! output, Qwen2.5-Math's repeated sets), checked against every subset of every problem's
//! samples, enumerated here from the file's own fields; and the readers' answer rules.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{parse_shared, shared_data};
use passk_lens_core::counts::Counts;
use passk_lens_core::export::csv::metrics_csv;
use passk_lens_core::read::parse_file;
use passk_lens_core::stats::majority::{maj_curve, Binomials};
use passk_lens_core::stats::Dataset;
use serde_json::Value;
use std::collections::BTreeMap;

/// (question key, preds, verdicts) of every line of a paper-format file, grouped by `question`.
fn samples(rel: &str) -> Vec<(Vec<Option<String>>, Vec<bool>)> {
    let text = std::fs::read_to_string(shared_data(rel)).unwrap();
    let mut groups: Vec<(String, Vec<Option<String>>, Vec<bool>)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).unwrap();
        let q = v["question"].as_str().unwrap().to_owned();
        let preds: Vec<Option<String>> = v["pred"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().filter(|s| !s.is_empty()).map(str::to_owned))
            .collect();
        let verdicts: Vec<bool> = v["score"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_bool().unwrap())
            .collect();
        match groups.iter_mut().find(|g| g.0 == q) {
            Some(g) => {
                g.1.extend(preds);
                g.2.extend(verdicts);
            }
            None => groups.push((q, preds, verdicts)),
        }
    }
    groups.into_iter().map(|(_, p, v)| (p, v)).collect()
}

/// maj@k of one problem by enumerating every k-subset of its samples.
fn enumerate(preds: &[Option<String>], verdicts: &[bool], k: usize) -> f64 {
    let mut share: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for (p, ok) in preds.iter().zip(verdicts) {
        if let Some(p) = p {
            let e = share.entry(p).or_default();
            e.0 += 1;
            e.1 += u32::from(*ok);
        }
    }
    let n = preds.len();
    let (mut sum, mut subsets) = (0.0, 0.0);
    for mask in 0u32..(1 << n) {
        if mask.count_ones() as usize != k {
            continue;
        }
        subsets += 1.0;
        let mut votes: BTreeMap<&str, u32> = BTreeMap::new();
        for (i, p) in preds.iter().enumerate() {
            if let (true, Some(p)) = (mask >> i & 1 == 1, p) {
                *votes.entry(p).or_default() += 1;
            }
        }
        let Some(&top) = votes.values().max() else {
            continue;
        };
        let tied: Vec<&&str> = votes.keys().filter(|a| votes[**a] == top).collect();
        let credit: f64 = tied
            .iter()
            .map(|a| f64::from(share[**a].1) / f64::from(share[**a].0))
            .sum();
        sum += credit / tied.len() as f64;
    }
    sum / subsets
}

fn check_against_every_subset(rel: &str) -> Vec<f64> {
    let f = parse_shared(rel);
    let ds = Dataset::from_files([&f]);
    let (benchmark, model) = f.counts.keys().next().unwrap().clone();
    let problems = &f.counts[0];
    let groups = samples(rel);
    assert_eq!(groups.len(), problems.len(), "{rel}");
    // The answers the reader kept are the file's, problem by problem, in file order.
    for ((id, counts), (preds, verdicts)) in problems.iter().zip(&groups) {
        let kept = &ds.answers[&(benchmark.clone(), model.clone(), id.clone())];
        let mut want: Vec<(String, Counts)> = Vec::new();
        for (p, ok) in preds.iter().zip(verdicts) {
            let p = p.clone().unwrap();
            let add = Counts {
                n: 1,
                c: u64::from(*ok),
            };
            match want.iter_mut().find(|(a, _)| *a == p) {
                Some((_, c)) => c.add(add),
                None => want.push((p, add)),
            }
        }
        assert_eq!(kept, &want, "{rel} problem {id}");
        assert_eq!(counts.n as usize, preds.len());
    }
    let n = groups[0].0.len();
    let (curve, count) = ds.maj_curve(&benchmark, &model, problems, n).unwrap();
    assert_eq!(count, problems.len());
    for k in 1..=n {
        let want =
            groups.iter().map(|(p, v)| enumerate(p, v, k)).sum::<f64>() / groups.len() as f64;
        common::assert_close(curve[k - 1], want, 1e-13, &format!("{rel} maj@{k}"));
    }
    curve
}

#[test]
fn the_rlvr_paper_file_gives_maj_at_k_of_every_subset() {
    let curve = check_against_every_subset("limit-of-rlvr-math-eval/math_cot_100.jsonl");
    // Exact rationals (an enumeration in Python with fractions): maj@1 = pass@1 = 91/100, maj@2 =
    // maj@1 (a two-way tie splits evenly), maj@3 = 15389/16800, maj@8 = 37/40.
    common::assert_close(curve[0], 0.91, 1e-15, "maj@1");
    common::assert_close(curve[1], 0.91, 1e-15, "maj@2");
    common::assert_close(curve[2], 15389.0 / 16800.0, 1e-15, "maj@3");
    common::assert_close(curve[7], 37.0 / 40.0, 1e-15, "maj@8");
}

#[test]
fn qwen_math_repeated_sets_vote_over_their_grouped_samples() {
    let amc = check_against_every_subset(
        "real-formats/qwen-math-eval/1.5B-math-cot-nobox-to-pi1_amc23x8_t0.6.jsonl",
    );
    common::assert_close(amc[0], 73.0 / 160.0, 1e-15, "amc maj@1");
    common::assert_close(amc[3], 5879.0 / 11200.0, 1e-15, "amc maj@4");
    common::assert_close(amc[7], 23.0 / 40.0, 1e-15, "amc maj@8");
    let aime =
        check_against_every_subset("real-formats/qwen-math-eval/1.5B-to_pi1_aime25x8_t0.6.jsonl");
    common::assert_close(aime[7], 7.0 / 60.0, 1e-15, "aime maj@8");
}

#[test]
fn metrics_csv_has_maj_rows_only_for_models_with_answers() {
    let with = parse_shared("limit-of-rlvr-math-eval/math_cot_100.jsonl");
    let without = parse_shared("math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl");
    let ds = Dataset::from_files([&with, &without]);
    let csv = metrics_csv(&ds, &ds.curves());
    let maj: Vec<&str> = csv.lines().filter(|l| l.contains(",maj@k,")).collect();
    assert_eq!(maj.len(), 8);
    assert_eq!(maj[7], "all,math_cot_100,maj@k,8,0.925,,,100");
    assert!(maj.iter().all(|l| l.contains("math_cot_100")));
}

#[test]
fn answer_fields_follow_their_rules() {
    let text = concat!(
        // A per-problem list with a lone reference `answer`: the `pred` list votes.
        r#"{"idx": 0, "answer": "4", "pred": ["4", "5", "", null], "score": [true, false, false, false]}"#,
        "\n",
        // A lone `answer` beside a list is the reference answer: no votes, no note.
        r#"{"idx": 1, "answer": "7", "score": [true, false]}"#,
        "\n",
        // A `pred` list of another length than the results: reported, no votes.
        r#"{"idx": 2, "pred": ["1"], "score": [true, true]}"#,
        "\n",
    );
    let f = parse_file("m.jsonl", text);
    assert_eq!(f.report.used, 3);
    assert_eq!(f.answers.len(), 1);
    let a = &f.answers[0];
    assert_eq!(a.problem, "0");
    let c = |n, c| Counts { n, c };
    assert_eq!(
        a.answers,
        [("4".to_owned(), c(1, 1)), ("5".to_owned(), c(1, 0))]
    );
    assert!(
        f.report
            .notes
            .iter()
            .any(|n| n.starts_with("1 line(s) have a `pred` field that does not match")),
        "{:?}",
        f.report.notes
    );
    // The two samples without an answer do not vote (a draw of them alone counts 0): maj@1 =
    // 1/4, and every k as the enumeration of all subsets says.
    let ds = Dataset::from_files([&f]);
    let (curve, count) = ds.maj_curve("all", "m", &f.counts[0], 4).unwrap();
    assert_eq!(count, 1);
    let preds = [Some("4".to_owned()), Some("5".to_owned()), None, None];
    let verdicts = [true, false, false, false];
    for k in 1..=4 {
        common::assert_close(curve[k - 1], enumerate(&preds, &verdicts, k), 1e-15, "k");
    }
    assert_eq!(curve[0], 0.25);

    // One line per sample: `extracted_answer`, numbers as their text, mixed verdicts noted.
    let text = concat!(
        r#"{"problem_id": "p", "correct": true, "extracted_answer": 12}"#,
        "\n",
        r#"{"problem_id": "p", "correct": false, "extracted_answer": "12"}"#,
        "\n",
        r#"{"problem_id": "p", "correct": false, "extracted_answer": "13"}"#,
        "\n",
    );
    let f = parse_file("s.jsonl", text);
    assert_eq!(
        f.answers[0].answers,
        [("12".to_owned(), c(2, 1)), ("13".to_owned(), c(1, 0))]
    );
    assert!(f
        .report
        .notes
        .iter()
        .any(|n| n.starts_with("1 extracted answer(s)")));
    // "12" wins at k = 3 and is credited by its share marked correct: ½.
    let ds = Dataset::from_files([&f]);
    let (curve, _) = ds.maj_curve("all", "s", &f.counts[0], 3).unwrap();
    assert_eq!(curve[2], 0.5);
}

#[test]
fn exact_at_n_1024_where_symmetry_says_so() {
    // Three answers of equal size, one correct: ⅓ at every k; and a table of n = 1024.
    let t = Binomials::new(1024);
    let a: Vec<(String, Counts)> = (0..4)
        .map(|i| {
            (
                i.to_string(),
                Counts {
                    n: 256,
                    c: if i == 0 { 256 } else { 0 },
                },
            )
        })
        .collect();
    let v = maj_curve(&t, &a, 1024, 1024).unwrap();
    let worst = v.iter().map(|x| (x - 0.25).abs()).fold(0.0, f64::max);
    assert!(worst < 1e-12, "{worst}");
}

#[test]
fn inspect_logs_vote_with_the_scorers_answers() {
    // The `match` scorer's `answer` of each of 10 samples × 5 epochs, as the log's summaries
    // keep them; sample 5 answered Yes, Yes, No, No, Yes. maj@3 = 67/100 and maj@5 = 7/10 by
    // enumerating every subset of the summaries' answers (in Python, with fractions).
    let path = shared_data("real-formats/inspect/popularity-set2_claude-sonnet-4_5epochs.eval");
    let bytes = std::fs::read(&path).unwrap();
    let f = passk_lens_core::read::read_bytes(
        "popularity-set2_claude-sonnet-4_5epochs.eval",
        &bytes,
        passk_lens_core::read::ingest::Options::default(),
    );
    let ds = Dataset::from_files([&f]);
    let (benchmark, model) = f.counts.keys().next().unwrap().clone();
    let five = &ds.answers[&(benchmark.clone(), model.clone(), "5".to_owned())];
    // Its Yes were scored C, its No I.
    let c = |n, c| Counts { n, c };
    assert_eq!(
        five,
        &[("Yes".to_owned(), c(3, 3)), ("No".to_owned(), c(2, 0))]
    );
    let (curve, count) = ds.maj_curve(&benchmark, &model, &f.counts[0], 5).unwrap();
    assert_eq!(count, 10);
    common::assert_close(curve[2], 0.67, 1e-15, "maj@3");
    common::assert_close(curve[4], 0.7, 1e-15, "maj@5");
}

/// The fuzz corpus (fuzz/corpus/majority) replayed with the fuzz target's checks: every value a
/// probability, and with every answer credited, the chance that a draw holds a vote.
#[test]
fn the_fuzz_corpus_replays_clean() {
    for data in common::fuzz_corpus("majority", 30) {
        let Some((&control, sizes)) = data.split_first() else {
            continue;
        };
        let answers: Vec<(String, Counts)> = (sizes.iter().take(40).enumerate())
            .map(|(i, b)| {
                let n = u64::from(b % 48);
                let c = if b & 0x80 == 0 { n } else { n / 2 };
                (format!("a{i}"), Counts { n, c })
            })
            .collect();
        let none = u64::from(control % 32);
        let n = answers.iter().map(|(_, c)| c.n).sum::<u64>() + none;
        if n == 0 || n > 120 {
            continue;
        }
        let table = Binomials::new(n as usize);
        let Some(values) = maj_curve(&table, &answers, n, n as usize) else {
            assert!(answers.iter().all(|(_, c)| c.n == 0));
            continue;
        };
        assert!(values.iter().all(|v| (-1e-12..=1.0 + 1e-12).contains(v)));
        let everyone: Vec<(String, Counts)> = (answers.iter())
            .map(|(a, c)| (a.clone(), Counts { n: c.n, c: c.n }))
            .collect();
        let all = maj_curve(&table, &everyone, n, n as usize).expect("answers");
        let (row_0, row_n) = (table.row(none as usize), table.row(n as usize));
        for (k, v) in (1..).zip(&all) {
            let want = 1.0 - row_0.get(k).copied().unwrap_or(0.0) / row_n[k];
            assert!((v - want).abs() < 1e-9, "k = {k}: {v} vs {want}");
        }
    }
}
