//! One reader per tool whose files are read as the tool wrote them: how each is recognised,
//! which field names a problem, and which rule says a sample is correct. The generic JSON Lines,
//! array and mapping readers (`ingest`, `reader`, `mapping`) hand records to these.
//!
//! | tool | module | recognised by |
//! |---|---|---|
//! | human-eval | `human_eval` | `task_id`, `completion` and `passed` / `result` |
//! | evalplus | `evalplus` | a document whose `eval` maps task ids to samples |
//! | Inspect AI | `inspect` | a `.eval` zip, or a document with `version`, `status`, `eval` |
//! | LiveCodeBench | `livecodebench` | `graded_list` with `question_id` or `id`, `code_list` |
//! | Qwen2.5-Math | `qwen_math` | `idx`, `question`, `gt` and a `score` list |
//! | verl | `verl` | `input`, `output` and `score` (or `acc`) |
//! | lm-evaluation-harness | `lm_eval` | `resps` / `filtered_resps` with no result |
//! | lighteval, Parquet tables | `lighteval` (and `super::parquet`) | a Parquet file |
//!
//! FORMATS.md lists the versions read and links the tools' sources.

pub mod evalplus;
pub mod human_eval;
pub mod inspect;
pub mod lighteval;
pub mod livecodebench;
pub mod lm_eval;
pub mod qwen_math;
pub mod verl;
