//! The CSV files the page exports, in the formats of docs/ui-contract.md.

use super::dataset::ModelCurve;
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
/// The band columns stay empty until confidence bands are computed.
pub fn passk_csv(curves: &[ModelCurve]) -> String {
    let mut out =
        String::with_capacity(64 * curves.iter().map(ModelCurve::k_max).sum::<usize>() + 64);
    out.push_str(PASSK_HEADER);
    out.push('\n');
    for curve in curves {
        let (b, m) = (field(&curve.benchmark), field(&curve.model));
        for (i, (p, hat)) in curve.pass_at_k.iter().zip(&curve.pass_hat_k).enumerate() {
            let _ = writeln!(out, "{b},{m},{},{p},,,{},{hat}", i + 1, curve.n_problems);
        }
    }
    out
}
