//! `passk-lens report`: one row per (benchmark, model) with pass@1, pass@K, Δ_SE and the
//! crossover against the base model, and the problems solved at K — the page's summary, as a
//! terminal table.

use passk_lens_core::explain::snapshot::Snapshot;

/// Percentage points with one decimal.
fn pct(x: f64) -> String {
    format!("{:.1}", 100.0 * x)
}

/// The table, aligned in columns, with a line saying what K and Δ_SE are.
pub fn report(s: &Snapshot) -> String {
    let header = [
        "benchmark",
        "model",
        "problems",
        "pass@1 %",
        "pass@K %",
        "K",
        "Δ_SE pts",
        "crossover k",
        "solved at K",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for curve in &s.curves {
        // K of the benchmark: the comparisons' (min(256, the largest k both curves have)), or
        // the model's own largest k capped at 256 when it is compared with nothing.
        let comparison = s
            .comparisons
            .iter()
            .find(|c| c.benchmark == curve.benchmark && c.model == curve.model);
        let k = s
            .comparisons
            .iter()
            .filter(|c| c.benchmark == curve.benchmark)
            .map(|c| c.k_se)
            .min()
            .unwrap_or_else(|| curve.k_max().min(256))
            .min(curve.k_max());
        let at_k = curve.pass_at_k[k - 1];
        let solved = at_k * curve.n_problems as f64;
        let is_base = s
            .comparisons
            .iter()
            .any(|c| c.benchmark == curve.benchmark && c.base == curve.model);
        let (delta, crossover) = match comparison {
            Some(c) => (
                format!("{:+.1}", 100.0 * c.delta_se),
                c.crossover.map_or("none".into(), |k| k.to_string()),
            ),
            None if is_base => ("(base)".into(), String::new()),
            None => (String::new(), String::new()),
        };
        rows.push(vec![
            curve.benchmark.clone(),
            curve.model.clone(),
            curve.n_problems.to_string(),
            pct(curve.pass_at_k[0]),
            pct(at_k),
            k.to_string(),
            delta,
            crossover,
            if (solved - solved.round()).abs() < 1e-9 {
                format!("{solved:.0}")
            } else {
                format!("{solved:.1}")
            },
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[&str]| -> String {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            // Names left, numbers right.
            if i < 2 {
                out += cell;
                out += &" ".repeat(pad);
            } else {
                out += &" ".repeat(pad);
                out += cell;
            }
            out += if i + 1 < cells.len() { "  " } else { "\n" };
        }
        out
    };
    let mut out = line(&header);
    for row in &rows {
        out += &line(&row.iter().map(String::as_str).collect::<Vec<_>>());
    }
    out += &format!(
        "Base model: {}. K = min(256, the largest k both models have). Δ_SE = pass@K(base) − pass@1(model); the crossover is the smallest k at which the base catches up; solved at K is pass@K × problems (exact sets when K = n).\n",
        s.base
    );
    out
}
