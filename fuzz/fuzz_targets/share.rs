//! Share-link decoding on arbitrary input: the envelope (the URL fragment) and the payload never
//! panic, and a payload that decodes encodes back to one that decodes to the same view and the
//! same counts of every (benchmark, model, problem). (Model order follows first appearance, as
//! for files; a hand-made payload may list models in another order than its re-encoding.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use passk_lens_core::export::share::{decode_payload, encode_payload, open_envelope};
use passk_lens_core::stats::dataset::Dataset;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = open_envelope(text);
    }
    if let Ok((view, file)) = decode_payload(data) {
        let again = encode_payload(&view, &Dataset::from_files([&file]));
        let (view2, file2) = decode_payload(&again).expect("an encoded payload decodes");
        assert_eq!(view2, view);
        let flat = |f: &passk_lens_core::read::ParsedFile| {
            let mut rows: Vec<_> = f
                .counts
                .iter()
                .flat_map(|(g, p)| p.iter().map(move |(id, c)| (g.clone(), id.clone(), *c)))
                .map(|((b, m), id, c)| (b, m, id, c.n, c.c))
                .collect();
            rows.sort();
            rows
        };
        assert_eq!(flat(&file2), flat(&file));
    }
});
