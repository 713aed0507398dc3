//! Pure logic with no browser APIs: reading result lines, pooling counts, the pass@k
//! estimator, and the CSV exports. Tested natively with `cargo test`.

pub mod bootstrap;
pub mod compare;
pub mod coverage;
pub mod csv;
pub mod dataset;
pub mod estimator;
pub mod ingest;
pub mod mapping;
pub mod parse;
pub mod record;
pub mod rng;
pub mod share;
pub mod simulate;
pub mod skim;
pub mod synth;
pub mod talk;
pub mod views;
