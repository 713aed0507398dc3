//! Data for the explanatory views: the sharpening simulator, synthetic benchmarks, talk-mode
//! slides and the geometry of the explanatory charts.

pub mod problem;
pub mod simulate;
pub mod slices;
pub mod snapshot;
pub mod steps;
pub mod synth;
pub mod talk;
pub mod views;
