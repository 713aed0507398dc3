//! Drawing functions, generic over any plotters `DrawingBackend`: the page draws them on a
//! canvas, the tests into an SVG string. No browser APIs here.

pub mod palette;
pub mod passk;
