//! The CSV files the page exports, in the formats of docs/ui-contract.md.

use crate::counts::Counts;
use crate::explain::slices::{ids_in, slice_fields, BASE_RATE, BASE_RATE_VALUES};
use crate::explain::steps::run_series;
use crate::read::FileReport;
use crate::stats::coverage::Coverage;
use crate::stats::estimator::pass_at_k;
use crate::stats::metrics::mean_bayes_curve;
use crate::stats::{Dataset, ModelCurve};
use std::fmt::Write;

/// Header of passk.csv; later features append columns, never reorder.
pub const PASSK_HEADER: &str = "benchmark,model,k,pass_at_k,ci_low,ci_high,n_problems,pass_hat_k";

/// Quotes a field when it holds a comma, quote or line break (RFC 4180).
pub fn field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// passk.csv: one row per (benchmark, model, k), k = 1 ..= K, numbers in shortest round-trip form.
/// `ci_low`/`ci_high` are the 95 % bootstrap band; `pass_hat_k` (pass^k) is appended last.
pub fn passk_csv(curves: &[ModelCurve]) -> String {
    let mut out =
        String::with_capacity(64 * curves.iter().map(ModelCurve::k_max).sum::<usize>() + 64);
    out.push_str(PASSK_HEADER);
    out.push('\n');
    for curve in curves {
        let (b, m) = (field(&curve.benchmark), field(&curve.model));
        let rows = curve
            .pass_at_k
            .iter()
            .zip(&curve.pass_hat_k)
            .zip(&curve.bands);
        for (i, ((p, hat), band)) in rows.enumerate() {
            let (lo, hi) = (band.low, band.high);
            let _ = writeln!(
                out,
                "{b},{m},{},{p},{lo},{hi},{},{hat}",
                i + 1,
                curve.n_problems
            );
        }
    }
    out
}

/// Header of metrics.csv.
pub const METRICS_HEADER: &str = "benchmark,model,metric,k,value,ci_low,ci_high,n_problems";

/// metrics.csv: per (benchmark, model), in passk.csv's order, `pass@k` (with its 95 % band),
/// `pass^k`, `maj@k` (for a model whose samples have extracted answers; `n_problems` counts the
/// problems that have them) and `bayes-pass@k` for k = 1 …= K (the model's largest k); a measure
/// without an interval leaves `ci_low` and `ci_high` empty.
///
/// ```
/// use passk_lens_core::export::csv::metrics_csv;
/// use passk_lens_core::read::parse_file;
/// use passk_lens_core::stats::Dataset;
/// let f = parse_file("m.jsonl", "{\"idx\": 0, \"score\": [true, false]}\n");
/// let ds = Dataset::from_files([&f]);
/// let csv = metrics_csv(&ds, &ds.curves());
/// let rows: Vec<&str> = csv.lines().collect();
/// assert_eq!(rows[0], "benchmark,model,metric,k,value,ci_low,ci_high,n_problems");
/// // Bayesian pass@2 with n = 2, c = 1: 1 − (2 · 3) / (4 · 5) = 0.7.
/// assert_eq!(&rows[3..], ["all,m,pass^k,1,0.5,,,1", "all,m,pass^k,2,0,,,1",
///     "all,m,bayes-pass@k,1,0.5,,,1", "all,m,bayes-pass@k,2,0.7,,,1"]);
/// ```
pub fn metrics_csv(ds: &Dataset, curves: &[ModelCurve]) -> String {
    metrics_csv_with(ds, curves, &|_, _| None)
}

/// `metrics_csv`, taking a (benchmark, model)'s maj@k from `known` where it was computed
/// already (for every k of the curve; it is computed here otherwise).
pub fn metrics_csv_with(ds: &Dataset, curves: &[ModelCurve], known: &KnownMaj<'_>) -> String {
    let mut out = format!("{METRICS_HEADER}\n");
    for curve in curves {
        let (b, m) = (field(&curve.benchmark), field(&curve.model));
        let n = curve.n_problems;
        for (i, (v, band)) in curve.pass_at_k.iter().zip(&curve.bands).enumerate() {
            let _ = writeln!(
                out,
                "{b},{m},pass@k,{},{v},{},{},{n}",
                i + 1,
                band.low,
                band.high
            );
        }
        for (i, v) in curve.pass_hat_k.iter().enumerate() {
            let _ = writeln!(out, "{b},{m},pass^k,{},{v},,,{n}", i + 1);
        }
        let problems = ds
            .benchmark_models(&curve.benchmark)
            .into_iter()
            .find(|(name, _)| *name == curve.model)
            .map(|(_, p)| p);
        let maj = known(&curve.benchmark, &curve.model)
            .filter(|(values, _)| values.len() == curve.k_max())
            .or_else(|| {
                problems
                    .and_then(|p| ds.maj_curve(&curve.benchmark, &curve.model, p, curve.k_max()))
            });
        if let Some((values, count)) = maj {
            for (i, v) in values.iter().enumerate() {
                let _ = writeln!(out, "{b},{m},maj@k,{},{v},,,{count}", i + 1);
            }
        }
        let bayes = problems
            .map(|p| mean_bayes_curve(p, curve.k_max()))
            .unwrap_or_default();
        for (i, v) in bayes.iter().enumerate() {
            let _ = writeln!(out, "{b},{m},bayes-pass@k,{},{v},,,{n}", i + 1);
        }
    }
    out
}

/// A (benchmark, model)'s maj@k computed already, with how many problems it is over.
pub type KnownMaj<'a> = dyn Fn(&str, &str) -> Option<(Vec<f64>, usize)> + 'a;

/// Header of coverage.csv.
pub const COVERAGE_HEADER: &str = "benchmark,k,region,expected_count";

/// coverage.csv: every region (all 2^M, `none` first) of every benchmark at its k.
pub fn coverage_csv(coverages: &[Coverage]) -> String {
    let mut out = format!("{COVERAGE_HEADER}\n");
    for cov in coverages {
        let b = field(&cov.benchmark);
        for r in &cov.regions {
            let _ = writeln!(out, "{b},{},{},{}", cov.k, field(&r.name), r.expected);
        }
    }
    out
}

/// Header of problems.csv.
pub const PROBLEMS_HEADER: &str = "benchmark,problem_id,model,n,c,pass_at_k";

/// problems.csv: every (benchmark, problem, model) with its counts and pass@k at `k`
/// (capped at the problem's n). Rows by benchmark, then problem, then model order.
pub fn problems_csv(ds: &Dataset, k: usize) -> String {
    let mut out = format!("{PROBLEMS_HEADER}\n");
    for benchmark in ds.benchmarks.keys() {
        let models = ds.benchmark_models(benchmark);
        let mut ids: indexmap::IndexSet<&str> = indexmap::IndexSet::new();
        for (_, problems) in &models {
            ids.extend(problems.keys().map(String::as_str));
        }
        let b = field(benchmark);
        for id in ids {
            for (model, problems) in &models {
                if let Some(c) = problems.get(id) {
                    let p = pass_at_k(c.n, c.c, (k as u64).clamp(1, c.n));
                    let _ = writeln!(
                        out,
                        "{b},{},{},{},{},{p}",
                        field(id),
                        field(model),
                        c.n,
                        c.c
                    );
                }
            }
        }
    }
    out
}

/// Header of steps.csv.
pub const STEPS_HEADER: &str = "benchmark,run,step,k,pass_at_k,ci_low,ci_high,n_problems";

/// steps.csv: per benchmark, per run of two or more checkpoints `<run>@<step>`, steps
/// ascending, a row at k = 1 and one at k = K, K = min(256, the largest n every checkpoint
/// of the run has in that benchmark).
///
/// ```
/// use passk_lens_core::export::csv::steps_csv;
/// use passk_lens_core::read::parse_file;
/// use passk_lens_core::stats::Dataset;
/// let f = parse_file("c.jsonl", "{\"model\": \"r@20\", \"problem_id\": \"a\", \"n\": 2, \"c\": 2}\n\
///                                {\"model\": \"r@0\", \"problem_id\": \"a\", \"n\": 2, \"c\": 1}\n");
/// let ds = Dataset::from_files([&f]);
/// let csv = steps_csv(&ds, &ds.curves());
/// let rows: Vec<&str> = csv.lines().skip(1).map(|l| l.rsplitn(4, ',').last().unwrap()).collect();
/// assert_eq!(rows, ["all,r,0,1,0.5", "all,r,0,2,1", "all,r,20,1,1", "all,r,20,2,1"]);
/// ```
pub fn steps_csv(ds: &Dataset, curves: &[ModelCurve]) -> String {
    let mut out = String::from(STEPS_HEADER);
    out.push('\n');
    for benchmark in ds.benchmarks.keys() {
        for series in run_series(ds, curves, benchmark) {
            let (b, r) = (field(&series.benchmark), field(&series.run));
            for p in &series.points {
                let rows = [
                    (1, p.pass_at_1, p.band_at_1),
                    (series.k, p.pass_at_k, p.band_at_k),
                ];
                for (k, value, band) in rows.into_iter().take(if series.k > 1 { 2 } else { 1 }) {
                    let _ = writeln!(
                        out,
                        "{b},{r},{},{k},{value},{},{},{}",
                        p.step, band.low, band.high, p.n_problems
                    );
                }
            }
        }
    }
    out
}

/// Header of slices.csv.
pub const SLICES_HEADER: &str = "benchmark,slice_field,slice_value,model,k,pass_at_k,n_problems";

/// K of slices.csv: min(256, the largest n every problem of the model in the slice has).
pub const SLICES_K: u64 = 256;

/// slices.csv for the slice field `slice_field` (`base-rate`, or a metadata field such as
/// `level`): per benchmark, per slice value (for a metadata field, the values that benchmark's
/// problems have), per model with problems in the slice, pass@k at k = 1 and k = K (one row when K = 1), K = min(256, the smallest n of the
/// model's problems in the slice).
///
/// ```
/// use passk_lens_core::export::csv::slices_csv;
/// use passk_lens_core::read::parse_file;
/// use passk_lens_core::stats::Dataset;
/// let base = parse_file("base.jsonl", "{\"idx\": 0, \"n\": 4, \"c\": 0}\n{\"idx\": 1, \"n\": 4, \"c\": 4}\n");
/// let rl = parse_file("rl.jsonl", "{\"idx\": 0, \"n\": 4, \"c\": 2}\n{\"idx\": 1, \"n\": 4, \"c\": 4}\n");
/// let csv = slices_csv(&Dataset::from_files([&base, &rl]), "base", "base-rate");
/// assert_eq!(csv.lines().nth(3), Some("all,base-rate,0,rl,1,0.5,1"));
/// assert_eq!(csv.lines().nth(4), Some("all,base-rate,0,rl,4,1,1"));
/// ```
pub fn slices_csv(ds: &Dataset, base: &str, slice_field: &str) -> String {
    let mut out = String::from(SLICES_HEADER);
    out.push('\n');
    for benchmark in ds.benchmarks.keys() {
        let values: Vec<String> = if slice_field == BASE_RATE {
            BASE_RATE_VALUES.iter().map(|v| (*v).to_owned()).collect()
        } else {
            slice_fields(ds, benchmark)
                .into_iter()
                .find(|(f, _)| f == slice_field)
                .map(|(_, values)| values)
                .unwrap_or_default()
        };
        for value in &values {
            let ids = ids_in(ds, benchmark, base, slice_field, value);
            if ids.is_empty() {
                continue;
            }
            for (model, problems) in ds.benchmark_models(benchmark) {
                let counts: Vec<Counts> = ids
                    .iter()
                    .filter_map(|id| problems.get(id).copied())
                    .collect();
                let Some(n_min) = counts.iter().map(|c| c.n).min().filter(|&n| n > 0) else {
                    continue;
                };
                let k_top = n_min.min(SLICES_K);
                let mean = |k: u64| {
                    counts.iter().map(|c| pass_at_k(c.n, c.c, k)).sum::<f64>() / counts.len() as f64
                };
                let ks: &[u64] = if k_top > 1 { &[1, k_top] } else { &[1] };
                for &k in ks {
                    let _ = writeln!(
                        out,
                        "{},{},{},{},{k},{},{}",
                        field(benchmark),
                        field(slice_field),
                        field(value),
                        field(&model),
                        mean(k),
                        counts.len()
                    );
                }
            }
        }
    }
    out
}

/// `<file>-skipped.csv`: every skipped line of a file with its number and reason (the page
/// lists the first 100).
///
/// ```
/// use passk_lens_core::{export::csv::skipped_csv, read::parse_file};
/// let f = parse_file("m.jsonl", "{\"idx\": 0, \"score\": [true]}\n[7]\n");
/// assert_eq!(skipped_csv(&f.report), "line,reason\n2,not a JSON object\n");
/// ```
pub fn skipped_csv(report: &FileReport) -> String {
    let mut out = String::from("line,reason\n");
    for s in &report.skipped {
        let _ = writeln!(out, "{},{}", s.line, field(&s.reason.to_string()));
    }
    out
}
