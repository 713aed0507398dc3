//! Native benchmarks of the statistics (criterion): all-k curves and bootstrap bands for
//! 8 models × 1000 problems × n = 1024. The same work is timed in the browser by
//! tests/web_bench.rs; `make bench` runs both.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, Criterion};
    use passk_lens_core::counts::Problems;
    use passk_lens_core::explain::synth;
    use passk_lens_core::stats::bootstrap::passk_bands;
    use passk_lens_core::stats::dataset::mean_curves;
    use std::hint::black_box;

    fn models() -> Vec<Problems> {
        (0..8)
            .map(|m| synth::problems(1000, 1024, 0.3, 0.3, m))
            .collect()
    }

    fn curves(c: &mut Criterion) {
        let models = models();
        c.bench_function(
            "all-k pass@k + pass^k, 8 models × 1000 problems × n = 1024",
            |b| {
                b.iter(|| {
                    models
                        .iter()
                        .map(|p| mean_curves(black_box(p), 1024))
                        .collect::<Vec<_>>()
                })
            },
        );
    }

    fn bands(c: &mut Criterion) {
        let models = models();
        let curves: Vec<Vec<f64>> = models.iter().map(|p| mean_curves(p, 1024).0).collect();
        let mut group = c.benchmark_group("bands");
        group.sample_size(10);
        group.bench_function(
            "95 % bootstrap bands (B = 1000), 8 models × 1000 problems × n = 1024",
            |b| {
                b.iter(|| {
                    models
                        .iter()
                        .zip(&curves)
                        .map(|(p, c)| passk_bands(black_box(p), c, 7))
                        .collect::<Vec<_>>()
                })
            },
        );
        group.finish();
    }

    criterion_group!(benches, curves, bands);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
