//! Statistics over pooled counts: the exact all-k estimator, seeded bootstrap bands and paired
//! intervals, coverage regions, comparisons against the base model, and the pooled dataset
//! with its per-model curves.

pub mod bootstrap;
pub mod compare;
pub mod coverage;
pub mod dataset;
pub mod estimator;
pub mod majority;
pub mod metrics;
pub mod rng;

pub use dataset::{Dataset, ModelCurve};
