//! The fast path for lines against serde_json: whenever `skim::record` reads a line, serde_json
//! must read it too, into the same record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passk_lens_core::read::record::Record;
use passk_lens_core::read::skim;

fuzz_target!(|data: &[u8]| {
    if let Some(fast) = skim::record(data, &mut Vec::new()) {
        match serde_json::from_slice::<Record>(data) {
            Ok(full) => assert_eq!(fast, full),
            Err(e) => panic!("the fast path read a line serde_json rejects: {e}"),
        }
    }
});
