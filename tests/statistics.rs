//! The statistics behind the RLVR argument: coverage sets, Δ_SE, crossover, bootstrap bands.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{assert_close, parse_shared};
use passk_lens_core::counts::{Counts, Problems};
use passk_lens_core::export::csv::{coverage_csv, problems_csv, COVERAGE_HEADER, PROBLEMS_HEADER};
use passk_lens_core::read::parse_file;
use passk_lens_core::stats::bootstrap::passk_bands_at;
use passk_lens_core::stats::compare::default_base;
use passk_lens_core::stats::estimator::pass_at_k;
use passk_lens_core::stats::rng::SplitMix64;
use passk_lens_core::stats::Dataset;

fn math500() -> Dataset {
    Dataset::from_files(&[
        parse_shared("math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl"),
        parse_shared("math500-qwen25-7b-vs-simplerl/qwen2.5-7b-simplerl-zoo.jsonl"),
    ])
}

#[test]
fn math500_coverage_at_k_128_is_the_published_sets() {
    let ds = math500();
    assert_eq!(ds.largest_common_k(), 128);
    let cov = &ds.coverages(128)[0];
    assert!(cov.exact);
    assert_eq!(cov.n_common, 500);
    assert_eq!(cov.region(&[]).expected, 16.0);
    assert_eq!(cov.only(0).expected, 19.0);
    assert_eq!(cov.only(1).expected, 3.0);
    assert_eq!(cov.region(&[0, 1]).expected, 462.0);
    assert_eq!(cov.only(1).problems.len(), 3);
    assert!(cov.problems(cov.only(1)).all(|(_, p)| p == 1.0));
    let csv = coverage_csv(&ds.coverages(128));
    assert_eq!(
        csv,
        format!(
            "{COVERAGE_HEADER}\nall,128,none,16\nall,128,qwen2.5-7b-base,19\nall,128,qwen2.5-7b-simplerl-zoo,3\nall,128,qwen2.5-7b-base+qwen2.5-7b-simplerl-zoo,462\n"
        )
    );
}

/// Each model's regions add up to its pass@k × problems, at every k, for three models.
#[test]
fn regions_of_a_model_sum_to_its_pass_at_k() {
    let mut rng = SplitMix64::new(3);
    let mut files = Vec::new();
    for model in ["base", "rl", "distilled"] {
        let mut text = String::new();
        for id in 0..60 {
            let n = 8 + rng.below(9) as u64;
            let c = rng.below(n as usize + 1);
            text += &format!("{{\"idx\": {id}, \"model\": \"{model}\", \"n\": {n}, \"c\": {c}}}\n");
        }
        files.push(parse_file("x.jsonl", &text));
    }
    let ds = Dataset::from_files(&files);
    let models = ds.benchmark_models("all");
    for k in [1, 2, 5, 8, 12, 16] {
        let cov = &ds.coverages(k)[0];
        assert_eq!(cov.regions.len(), 8);
        let total: f64 = cov.regions.iter().map(|r| r.expected).sum();
        assert_close(total, 60.0, 1e-9, "regions partition the problems");
        for (i, (_, problems)) in models.iter().enumerate() {
            let in_regions: f64 = cov
                .regions
                .iter()
                .filter(|r| r.mask & (1 << i) != 0)
                .map(|r| r.expected)
                .sum();
            let pass: f64 = problems
                .values()
                .map(|c| pass_at_k(c.n, c.c, (k as u64).min(c.n)))
                .sum();
            assert_close(in_regions, pass, 1e-9, &format!("model {i} at k = {k}"));
        }
    }
}

#[test]
fn problems_missing_from_some_model_are_reported_not_counted() {
    let a = parse_file(
        "a.jsonl",
        "{\"idx\": 1, \"n\": 2, \"c\": 1}\n{\"idx\": 2, \"n\": 2, \"c\": 0}\n",
    );
    let b = parse_file("b.jsonl", "{\"idx\": 1, \"n\": 2, \"c\": 2}\n");
    let cov = &Dataset::from_files([&a, &b]).coverages(2)[0];
    assert_eq!(cov.n_common, 1);
    assert_eq!(cov.left_out, vec![("2".to_owned(), vec!["a".to_owned()])]);
}

#[test]
fn math500_delta_se_crossover_and_paired_difference() {
    let ds = math500();
    let curves = ds.curves();
    let base = &curves[default_base(curves.iter().map(|c| c.model.as_str()))].model;
    assert_eq!(base, "qwen2.5-7b-base");
    let cmp = &ds.comparisons(&curves, base)[0];
    assert_eq!(
        (cmp.model.as_str(), cmp.k_se, cmp.n_paired),
        ("qwen2.5-7b-simplerl-zoo", 128, 500)
    );
    assert_close(cmp.delta_se, 0.962 - 0.779328125, 1e-12, "Δ_SE");
    // Both have the same 500 problems: the paired Δ_SE is Δ_SE, inside its own interval,
    // which is wider than zero and well away from it.
    let paired = &cmp.delta_se_paired;
    assert_eq!(paired.k, 128);
    assert_close(paired.mean, cmp.delta_se, 1e-12, "paired Δ_SE");
    assert!(paired.ci.low < paired.mean && paired.mean < paired.ci.high);
    assert!(
        paired.ci.low > 0.1 && paired.ci.high < 0.26,
        "{:?}",
        paired.ci
    );
    let k = cmp.crossover.unwrap();
    assert!((9..=16).contains(&k), "crosses between 8 and 16, got {k}");
    let (b, m) = (&curves[0].pass_at_k, &curves[1].pass_at_k);
    assert!(
        b[k - 1] >= m[k - 1] && b[k - 2] < m[k - 2],
        "k = {k} is the first k where base catches up"
    );
    // base − RL: −0.16540625 at k = 1, +0.032 at k = 128 (upstream paired CI of RL − base at
    // k = 128: [−0.05, −0.014], from another random stream).
    assert_close(cmp.diff_at_1.mean, -0.16540625, 1e-12, "paired k = 1");
    assert_close(cmp.diff_at_k.mean, 0.032, 1e-12, "paired k = 128");
    assert_close(cmp.diff_at_k.ci.low, 0.014, 0.004, "paired CI low");
    assert_close(cmp.diff_at_k.ci.high, 0.05, 0.004, "paired CI high");
    assert!(
        cmp.diff_at_1.ci.high < 0.0,
        "RL is significantly ahead at k = 1"
    );
}

#[test]
fn bands_are_deterministic_and_contain_the_curve() {
    let (a, b) = (math500().curves(), math500().curves());
    assert_eq!(a, b);
    for c in &a {
        for (k, (p, band)) in c.pass_at_k.iter().zip(&c.bands).enumerate() {
            assert!(
                band.low <= *p && *p <= band.high,
                "{} k = {}",
                c.model,
                k + 1
            );
            assert!(band.high - band.low < 0.12);
        }
        // At k = 1 the band is about ±1.96 standard errors of the mean of c/n.
        assert!(c.bands[0].high - c.bands[0].low > 0.03);
    }
}

/// Draws benchmarks of 200 problems from a known population of success rates and checks that
/// the 95 % bands cover the population's true pass@k in 93–97 % of 600 repetitions.
#[test]
fn bands_cover_the_true_pass_at_k_95_percent_of_the_time() {
    let rates: [f64; 10] = [0.0, 0.01, 0.03, 0.08, 0.15, 0.3, 0.5, 0.7, 0.9, 1.0];
    let (n, n_problems, reps, ks) = (16u64, 200, 600, [1usize, 4, 16]);
    let truth = |k: usize| {
        rates
            .iter()
            .map(|p| 1.0 - (1.0 - p).powi(k as i32))
            .sum::<f64>()
            / rates.len() as f64
    };
    let mut rng = SplitMix64::new(2025);
    let mut covered = [0usize; 3];
    for rep in 0..reps {
        let problems: Problems = (0..n_problems)
            .map(|i| {
                let p = rates[rng.below(rates.len())];
                let c = (0..n).filter(|_| rng.unit() < p).count() as u64;
                (i.to_string(), Counts { n, c })
            })
            .collect();
        let bands = passk_bands_at(&problems, n as usize, &ks, rep);
        for (j, band) in bands.iter().enumerate() {
            covered[j] += usize::from(band.low <= truth(ks[j]) && truth(ks[j]) <= band.high);
        }
    }
    for (j, &c) in covered.iter().enumerate() {
        let rate = c as f64 / reps as f64;
        eprintln!("band coverage at k = {}: {rate}", ks[j]);
        assert!(
            (0.93..=0.97).contains(&rate),
            "coverage at k = {} is {rate}",
            ks[j]
        );
    }
}

#[test]
fn problems_csv_lists_counts_and_capped_pass_at_k() {
    let a = parse_file(
        "a.jsonl",
        "{\"idx\": 1, \"n\": 4, \"c\": 1}\n{\"idx\": 2, \"n\": 2, \"c\": 1}\n",
    );
    let b = parse_file("b.jsonl", "{\"idx\": 1, \"n\": 4, \"c\": 2}\n");
    let csv = problems_csv(&Dataset::from_files([&a, &b]), 4);
    assert_eq!(
        csv,
        format!("{PROBLEMS_HEADER}\nall,1,a,4,1,1\nall,1,b,4,2,1\nall,2,a,2,1,1\n")
    );
    let csv = problems_csv(&Dataset::from_files([&a, &b]), 1);
    assert!(csv.contains("\nall,1,a,4,1,0.25\n"));
}

/// The bands between grid points are interpolated: they stay within 0.002 of bands computed
/// at every k directly (same replicates), on the real MATH500 pair.
#[test]
fn interpolated_bands_match_bands_computed_at_every_k() {
    use passk_lens_core::stats::bootstrap::passk_bands;
    use passk_lens_core::stats::rng::seed_of;
    let ds = math500();
    for (model, problems) in ds.benchmark_models("all") {
        let curve = passk_lens_core::stats::dataset::mean_curves(problems, 128).0;
        let seed = seed_of(&["all", &model]);
        let every_k: Vec<usize> = (1..=128).collect();
        let direct = passk_bands_at(problems, 128, &every_k, seed);
        let interpolated = passk_bands(problems, &curve, seed);
        let worst = direct
            .iter()
            .zip(&interpolated)
            .map(|(d, i)| (d.low - i.low).abs().max((d.high - i.high).abs()))
            .fold(0.0, f64::max);
        eprintln!("{model}: largest gap between interpolated and direct band edges {worst}");
        assert!(worst < 0.002, "{model}: {worst}");
    }
}

#[test]
fn a_benchmark_without_the_chosen_base_uses_its_own_default() {
    let text = "{\"benchmark\": \"A\", \"model\": \"big-base\", \"idx\": 0, \"n\": 4, \"c\": 1}\n\
                {\"benchmark\": \"B\", \"model\": \"small-base\", \"idx\": 0, \"n\": 4, \"c\": 1}\n\
                {\"benchmark\": \"B\", \"model\": \"small-rl\", \"idx\": 0, \"n\": 4, \"c\": 3}\n\
                {\"benchmark\": \"A\", \"model\": \"big-rl\", \"idx\": 0, \"n\": 4, \"c\": 2}\n";
    let ds = Dataset::from_files([&parse_file("x.jsonl", text)]);
    let cmp = ds.comparisons(&ds.curves(), "big-base");
    let pairs: Vec<(&str, &str)> = cmp
        .iter()
        .map(|c| (c.base.as_str(), c.model.as_str()))
        .collect();
    assert_eq!(pairs, [("big-base", "big-rl"), ("small-base", "small-rl")]);
}

/// Talk mode's words on the MATH500 pair carry the published numbers.
#[test]
fn talk_slides_tell_the_math500_story() {
    use passk_lens_core::explain::simulate::{beta_rates, simulate, Rl};
    use passk_lens_core::explain::talk::{slides, CHARTS};
    let files = [
        parse_shared("math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl"),
        parse_shared("math500-qwen25-7b-vs-simplerl/qwen2.5-7b-simplerl-zoo.jsonl"),
    ];
    let ds = Dataset::from_files(&files);
    let curves = ds.curves();
    let cmp = &ds.comparisons(&curves, "qwen2.5-7b-base")[0];
    let cov = &ds.coverages(128)[0];
    let rl = Rl {
        gamma: 2.0,
        pivot: 0.05,
        lost: 0.05,
    };
    let sim = simulate(&beta_rates(500, 0.5, 0.35, 7), rl, 1024);
    let all = ds.comparisons(&curves, "qwen2.5-7b-base");
    let s = slides(Some(cmp), Some(cov), &all, &sim);
    assert_eq!(s.len(), CHARTS.len());
    assert_eq!(s[0].title, "At k = 1, qwen2.5-7b-simplerl-zoo is ahead");
    assert!(
        s[0].takeaway
            .starts_with("pass@1 is 16.5 points higher than qwen2.5-7b-base"),
        "{}",
        s[0].takeaway
    );
    assert_eq!(s[1].title, "Grow k: the base model catches up at k* = 15");
    assert_eq!(s[2].title, "At k = 128: what only RL solves ≈ 3");
    assert!(
        s[2].takeaway.contains(
            "only by qwen2.5-7b-base: 19; only by qwen2.5-7b-simplerl-zoo: 3; by both: 462 of 500"
        ),
        "{}",
        s[2].takeaway
    );
    assert_eq!(s[5].title, "Δ_SE = 18.3 points");
    assert_eq!(
        s[6].title,
        "Every benchmark, every model: the base catches up in 1 of 1"
    );
    assert!(
        s[6].takeaway
            .ends_with("the base model in each; Δ_SE = 18.3 points."),
        "{}",
        s[6].takeaway
    );
    assert!(
        s[7].takeaway.contains("the base model catching up at k = "),
        "{}",
        s[6].takeaway
    );
}

#[test]
fn the_math500_pair_as_two_checkpoints_of_a_run_gives_the_published_numbers() {
    // The base model as step 0 of a run, the RL model as step 100: the steps view must give
    // the pair's own numbers (Δ_SE, crossover, 19 problems lost and 3 gained at k = n).
    let mut ds = math500();
    ds.models = ["zoo@0", "zoo@100"]
        .map(str::to_owned)
        .into_iter()
        .collect();
    let curves = ds.curves();
    let runs = passk_lens_core::explain::steps::run_series(&ds, &curves, "all");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!((run.run.as_str(), run.k), ("zoo", 128));
    let (first, rl) = (&run.points[0], &run.points[1]);
    assert_eq!((first.step, rl.step), (0, 100));
    assert_eq!(first.pass_at_k, 0.962);
    assert_eq!(rl.pass_at_1, 0.779328125);
    assert_close(rl.delta_se, 0.962 - 0.779328125, 1e-12, "Δ_SE");
    let pair = &math500().comparisons(&math500().curves(), "qwen2.5-7b-base")[0];
    assert_eq!(rl.crossover, pair.crossover);
    assert_eq!((rl.lost.len(), rl.gained.len()), (19, 3));
    assert_eq!(first.delta_se, 0.962 - first.pass_at_1);
    // steps.csv: the same numbers, rows at k = 1 and k = 128, steps ascending.
    let csv = passk_lens_core::export::csv::steps_csv(&ds, &curves);
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let keys: Vec<(&str, &str, &str)> = rows.iter().map(|r| (r[1], r[2], r[3])).collect();
    assert_eq!(
        keys,
        [
            ("zoo", "0", "1"),
            ("zoo", "0", "128"),
            ("zoo", "100", "1"),
            ("zoo", "100", "128")
        ]
    );
    assert_eq!(rows[2][4].parse::<f64>().unwrap(), 0.779328125);
    assert_eq!(rows[1][4].parse::<f64>().unwrap(), 0.962);
    assert!(rows.iter().all(|r| r[7] == "500"));
}

#[test]
fn math500_by_the_base_models_success_rate_the_hard_frontier_is_19_problems() {
    use passk_lens_core::explain::slices::{slice_dataset, BASE_RATE_VALUES};
    use passk_lens_core::export::csv::slices_csv;
    let ds = math500();
    let base = "qwen2.5-7b-base";
    // The base model never solves 19 problems in 128 samples; SimpleRL-Zoo solves 3 of them.
    let frontier = slice_dataset(&ds, base, "base-rate", BASE_RATE_VALUES[0]);
    let curves = frontier.curves();
    assert_eq!((curves[0].n_problems, curves[1].n_problems), (19, 19));
    assert_eq!(curves[0].at(128), Some(0.0));
    assert_close(
        curves[1].at(128).unwrap(),
        3.0 / 19.0,
        1e-15,
        "RL on the frontier",
    );
    // The six slices partition the 500 problems.
    let sizes: Vec<usize> = BASE_RATE_VALUES
        .iter()
        .map(|v| {
            slice_dataset(&ds, base, "base-rate", v)
                .benchmark_models("all")
                .first()
                .map_or(0, |(_, p)| p.len())
        })
        .collect();
    assert_eq!(sizes.iter().sum::<usize>(), 500);
    assert_eq!(sizes[0], 19);
    // slices.csv: the same numbers, every slice, both models, k = 1 and k = 128.
    let csv = slices_csv(&ds, base, "base-rate");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 6 * 2 * 2);
    assert!(rows.contains(&"all,base-rate,0,qwen2.5-7b-base,128,0,19"));
    let rl = rows
        .iter()
        .find(|r| r.starts_with("all,base-rate,0,qwen2.5-7b-simplerl-zoo,128,"))
        .unwrap();
    let value: f64 = rl.split(',').nth(5).unwrap().parse().unwrap();
    assert_close(value, 3.0 / 19.0, 1e-15, "slices.csv frontier");
    // Within each slice, pass@1 weighted by slice size adds up to the whole pass@1.
    let whole: f64 = rows
        .iter()
        .filter(|r| r.contains(",qwen2.5-7b-simplerl-zoo,1,"))
        .map(|r| {
            let f: Vec<&str> = r.split(',').collect();
            f[5].parse::<f64>().unwrap() * f[6].parse::<f64>().unwrap()
        })
        .sum::<f64>()
        / 500.0;
    assert_close(whole, 0.779328125, 1e-12, "slices add up");
}

#[test]
fn the_rlvr_papers_file_slices_by_its_level_field() {
    use passk_lens_core::explain::slices::{slice_dataset, slice_fields};
    use passk_lens_core::export::csv::slices_csv;
    let f = parse_shared("limit-of-rlvr-math-eval/math_cot_100.jsonl");
    // Every problem of the file has its `level` kept.
    assert_eq!(f.meta.len(), 100);
    let ds = Dataset::from_files([&f]);
    let (benchmark, model) = f.counts.keys().next().unwrap().clone();
    let fields = slice_fields(&ds, &benchmark);
    let levels: Vec<&str> = ["Level 1", "Level 2", "Level 3", "Level 4", "Level 5"].to_vec();
    assert_eq!(
        fields,
        [(
            "level".to_owned(),
            levels.iter().map(|l| (*l).to_owned()).collect()
        )]
    );
    // Sizes as the file holds them (a count from the file itself: 11, 16, 24, 24, 25).
    let text = std::fs::read_to_string(common::shared_data(
        "limit-of-rlvr-math-eval/math_cot_100.jsonl",
    ))
    .unwrap();
    for level in &levels {
        let want = text
            .lines()
            .filter(|l| l.contains(&format!("\"level\": \"{level}\"")))
            .count();
        let sliced = slice_dataset(&ds, &model, "level", level);
        let problems = sliced.benchmark_models(&benchmark)[0].1.len();
        assert_eq!(problems, want, "{level}");
    }
    // slices.csv by level: five slices, and their pass@1 weighted by size is the whole pass@1.
    let csv = slices_csv(&ds, &model, "level");
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let at1: Vec<&Vec<&str>> = rows.iter().filter(|r| r[4] == "1").collect();
    assert_eq!(at1.iter().map(|r| r[2]).collect::<Vec<_>>(), levels);
    assert!(at1.iter().all(|r| r[1] == "level"));
    let weighted: f64 = at1
        .iter()
        .map(|r| r[5].parse::<f64>().unwrap() * r[6].parse::<f64>().unwrap())
        .sum::<f64>()
        / 100.0;
    let whole = ds.curves()[0].pass_at_k[0];
    assert_close(weighted, whole, 1e-12, "levels add up");
}
