//! The statistics benchmark in the browser (run by `make bench`, not by `make test`): the same
//! 8 models × 1000 problems × n = 1024 as benches/stats.rs, timed with performance.now().
//! It prints figures; it asserts no timing.
#![cfg(target_arch = "wasm32")]

use passk_lens::core::bootstrap::passk_bands;
use passk_lens::core::dataset::{mean_curves, Problems};
use passk_lens::core::synth;
use std::hint::black_box;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// Median milliseconds of `runs` runs of `f`.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = now();
            f();
            now() - t
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

#[wasm_bindgen_test]
fn stats_in_the_browser() {
    let models: Vec<Problems> = (0..8)
        .map(|m| synth::problems(1000, 1024, 0.3, 0.3, m))
        .collect();
    let curves = median_ms(21, || {
        black_box(
            models
                .iter()
                .map(|p| mean_curves(black_box(p), 1024))
                .collect::<Vec<_>>(),
        );
    });
    let means: Vec<Vec<f64>> = models.iter().map(|p| mean_curves(p, 1024).0).collect();
    let bands = median_ms(5, || {
        black_box(
            models
                .iter()
                .zip(&means)
                .map(|(p, c)| passk_bands(black_box(p), c, 7))
                .collect::<Vec<_>>(),
        );
    });
    console_log!("BENCH browser all-k curves, 8 models x 1000 problems x n=1024: {curves:.1} ms (median of 21)");
    console_log!("BENCH browser bootstrap bands B=1000, same data: {bands:.1} ms (median of 5)");
}
