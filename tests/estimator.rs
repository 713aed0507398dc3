//! The estimator against exact rational arithmetic, the shared edge cases and published numbers.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{assert_close, curves_of, shared_data};
use num_bigint::BigUint;
use num_rational::BigRational;
use num_traits::{One, ToPrimitive};
use passk_lens_core::stats::estimator::{pass_at_k, pass_at_k_curve, pass_hat_k_curve, CurveSums};
use proptest::prelude::*;

/// C(n, k) for k = 0 ..= n, exactly.
fn binomials(n: u64) -> Vec<BigUint> {
    let mut row = vec![BigUint::one()];
    for k in 1..=n {
        let next = row[(k - 1) as usize].clone() * BigUint::from(n - k + 1) / BigUint::from(k);
        row.push(next);
    }
    row
}

fn exact_ratio(num: &BigUint, den: &BigUint) -> f64 {
    BigRational::new(num.clone().into(), den.clone().into())
        .to_f64()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn curves_match_exact_rationals((n, c) in (1u64..=300).prop_flat_map(|n| (Just(n), 0..=n))) {
        let all = binomials(n);
        let wrong = binomials(n - c);
        let right = binomials(c);
        let at = pass_at_k_curve(n, c);
        let hat = pass_hat_k_curve(n, c);
        // The fast summing path (reciprocals, early exits) on the same problem.
        let mut sums = CurveSums::new(n as usize);
        sums.add(n, c);
        let (fast_at, fast_hat) = sums.means(1);
        for k in 1..=n {
            let zero = BigUint::default();
            let miss = wrong.get(k as usize).unwrap_or(&zero);
            let hit = right.get(k as usize).unwrap_or(&zero);
            let exact_at = 1.0 - exact_ratio(miss, &all[k as usize]);
            let exact_hat = exact_ratio(hit, &all[k as usize]);
            prop_assert!((at[k as usize - 1] - exact_at).abs() <= 1e-12, "pass@{k} n={n} c={c}");
            prop_assert!((hat[k as usize - 1] - exact_hat).abs() <= 1e-12, "pass^{k} n={n} c={c}");
            prop_assert!((fast_at[k as usize - 1] - exact_at).abs() <= 1e-12, "fast pass@{k} n={n} c={c}");
            prop_assert!((fast_hat[k as usize - 1] - exact_hat).abs() <= 1e-12, "fast pass^{k} n={n} c={c}");
        }
    }
}

#[test]
fn every_shared_edge_case() {
    let text = std::fs::read_to_string(shared_data("estimator_edge_cases.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 19);
    for case in cases {
        let (n, c, k) = (
            case["n"].as_u64().unwrap(),
            case["c"].as_u64().unwrap(),
            case["k"].as_u64().unwrap(),
        );
        let (num, den) = case["exact_fraction"]
            .as_str()
            .unwrap()
            .split_once('/')
            .unwrap();
        let exact = BigRational::new(num.parse().unwrap(), den.parse().unwrap())
            .to_f64()
            .unwrap();
        let label = case["label"].as_str().unwrap();
        assert_close(pass_at_k(n, c, k), exact, 1e-15, label);
        assert_close(pass_at_k_curve(n, c)[k as usize - 1], exact, 1e-15, label);
    }
}

#[test]
fn human_eval_readme_example_is_exactly_one_half() {
    // The human-eval README prints 0.4999999999999999 for n = 6, c = 3; the exact value is 1/2.
    assert_eq!(pass_at_k(6, 3, 1), 0.5);
}

#[test]
fn math500_base_and_simplerl_reproduce_the_published_curve() {
    let curves = curves_of(&[
        "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl",
        "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-simplerl-zoo.jsonl",
    ]);
    assert_eq!(curves.len(), 2);
    let published = std::fs::read_to_string(shared_data(
        "math500-qwen25-7b-vs-simplerl/pass_at_k_curve.csv",
    ))
    .unwrap();
    let mut checked = 0;
    for row in published.lines().skip(1) {
        let f: Vec<&str> = row.split(',').collect();
        let curve = if f[0] == "base" {
            &curves[0]
        } else {
            &curves[1]
        };
        let k: usize = f[1].parse().unwrap();
        assert_close(curve.at(k).unwrap(), f[2].parse().unwrap(), 1e-12, row);
        checked += 1;
    }
    assert_eq!(checked, 16);
    assert_eq!(curves[0].model, "qwen2.5-7b-base");
    assert_eq!(curves[0].k_max(), 128);
    assert_eq!(curves[0].n_problems, 500);
    assert_close(curves[0].at(1).unwrap(), 0.613921875, 1e-12, "base pass@1");
    assert_close(curves[1].at(1).unwrap(), 0.779328125, 1e-12, "RL pass@1");
    assert_close(curves[0].at(128).unwrap(), 0.962, 1e-12, "base pass@128");
    assert_close(curves[1].at(128).unwrap(), 0.93, 1e-12, "RL pass@128");
    // The curves cross between k = 8 and k = 16.
    assert!(curves[1].at(8).unwrap() > curves[0].at(8).unwrap());
    assert!(curves[1].at(16).unwrap() < curves[0].at(16).unwrap());
}

#[test]
fn counts_format_gives_the_same_curves_as_score_lists() {
    let long = curves_of(&["math500-qwen25-7b-vs-simplerl/counts.jsonl"]);
    let lists = curves_of(&[
        "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl",
        "math500-qwen25-7b-vs-simplerl/qwen2.5-7b-simplerl-zoo.jsonl",
    ]);
    assert_eq!(long.len(), 2);
    assert_eq!(
        (long[0].benchmark.as_str(), long[0].model.as_str()),
        ("MATH500", "Qwen2.5-7B")
    );
    for (a, b) in long.iter().zip(&lists) {
        assert_eq!(a.pass_at_k, b.pass_at_k);
        assert_eq!(a.pass_hat_k, b.pass_hat_k);
    }
}

#[test]
fn rlvr_paper_example_output() {
    let curves = curves_of(&["limit-of-rlvr-math-eval/math_cot_100.jsonl"]);
    let c = &curves[0];
    assert_eq!(
        (c.model.as_str(), c.n_problems, c.k_max()),
        ("math_cot_100", 100, 8)
    );
    assert_close(c.at(1).unwrap(), 0.91, 1e-12, "pass@1");
    assert_close(c.at(2).unwrap(), 653.0 / 700.0, 1e-12, "pass@2");
    assert_close(c.at(4).unwrap(), 0.951, 1e-12, "pass@4");
    assert_close(c.at(8).unwrap(), 0.96, 1e-12, "pass@8");
}
