//! The counts format (`counts.jsonl`): one line per (benchmark, model, problem),
//! `{"benchmark", "problem_id", "model", "n", "c"}` — what the command line's `counts` writes
//! and the engine recipes reduce samples to, and what the page reads back as `counts`.
//!
//! ```
//! use passk_lens_core::export::counts::counts_jsonl;
//! use passk_lens_core::read::parse_file;
//! use passk_lens_core::stats::Dataset;
//! let f = parse_file("m.jsonl", "{\"idx\": 7, \"score\": [true, false, true]}\n");
//! let out = counts_jsonl(&Dataset::from_files([&f]));
//! assert_eq!(out, "{\"benchmark\":\"all\",\"problem_id\":\"7\",\"model\":\"m\",\"n\":3,\"c\":2}\n");
//! // Read back, it is the same data.
//! let back = parse_file("counts.jsonl", &out);
//! assert_eq!(counts_jsonl(&Dataset::from_files([&back])), out);
//! ```

use crate::stats::Dataset;
use serde::Serialize;

#[derive(Serialize)]
struct Line<'a> {
    benchmark: &'a str,
    problem_id: &'a str,
    model: &'a str,
    n: u64,
    c: u64,
}

/// Every pooled (benchmark, model, problem) with its counts: by benchmark, then model, then
/// problem, each in order of first appearance.
pub fn counts_jsonl(ds: &Dataset) -> String {
    let mut out = String::new();
    for (benchmark, models) in &ds.benchmarks {
        for (index, problems) in models {
            let model = ds.models.get_index(*index).map_or("", String::as_str);
            for (id, counts) in problems {
                let line = Line {
                    benchmark,
                    problem_id: id,
                    model,
                    n: counts.n,
                    c: counts.c,
                };
                out += &serde_json::to_string(&line).expect("a counts line always serialises");
                out.push('\n');
            }
        }
    }
    out
}
