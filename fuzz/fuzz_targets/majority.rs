//! maj@k of arbitrary answer counts never panics (the statistics worker and its helpers run it
//! on whatever answers a file gives), every value is a probability, and with every answer
//! credited it is the chance that a draw of k holds a vote: 1 − C(m₀, k) / C(n, k).
#![no_main]

use libfuzzer_sys::fuzz_target;
use passk_lens_core::counts::Counts;
use passk_lens_core::stats::majority::{maj_curve, Binomials};

fuzz_target!(|data: &[u8]| {
    let Some((&control, sizes)) = data.split_first() else {
        return;
    };
    // Up to 40 answers of up to 47 samples (0 too), some marked half correct, n ≤ 120 (past
    // n ≈ 90 the products drop cells, `majority::DROP`).
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
        return;
    }
    let table = Binomials::new(n as usize);
    let Some(values) = maj_curve(&table, &answers, n, n as usize) else {
        assert!(answers.iter().all(|(_, c)| c.n == 0), "{answers:?}");
        return;
    };
    for v in &values {
        assert!((-1e-12..=1.0 + 1e-12).contains(v), "{v} of {answers:?}");
    }
    // Every answer credited in full.
    let everyone: Vec<(String, Counts)> = answers
        .iter()
        .map(|(a, c)| (a.clone(), Counts { n: c.n, c: c.n }))
        .collect();
    let all = maj_curve(&table, &everyone, n, n as usize).expect("answers");
    let (row_0, row_n) = (table.row(none as usize), table.row(n as usize));
    for (k, v) in (1..).zip(&all) {
        let want = 1.0 - row_0.get(k).copied().unwrap_or(0.0) / row_n[k];
        assert!(
            (v - want).abs() < 1e-9,
            "k = {k}: {v} vs {want} of {answers:?}"
        );
    }
});
