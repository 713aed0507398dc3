//! lm-evaluation-harness's `samples_<task>_<timestamp>.jsonl`: one line per document with the
//! graded metric of its (usually single) response. pass@k needs every sample's verdict, which
//! these files do not hold: they are recognised and explained.
//!
//! Source: github.com/EleutherAI/lm-evaluation-harness, `lm_eval/loggers/evaluation_tracker.py`.

/// Why these files cannot give pass@k.
pub const MESSAGE: &str = "These are lm-evaluation-harness samples: one graded metric per document, not the result of every sample. pass@k needs n graded samples per problem: re-run with repeated sampling and per-sample scoring, or export one line per sample with its correctness.";
