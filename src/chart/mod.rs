//! Drawing functions, generic over any plotters `DrawingBackend`: the page draws them on a
//! canvas, the tests into an SVG string. No browser APIs here.

pub mod accuracy;
pub mod cover;
pub mod coverage;
pub mod coverage_k;
pub mod delta_se;
pub mod grid;
pub mod palette;
pub mod passk;
pub mod problems;
pub mod steps;
pub mod style;
