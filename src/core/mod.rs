//! Pure logic with no browser APIs: reading result lines, pooling counts, the pass@k
//! estimator, and the CSV exports. Tested natively with `cargo test`.

pub mod csv;
pub mod dataset;
pub mod estimator;
pub mod parse;
pub mod record;
