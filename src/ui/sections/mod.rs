//! The page's sections, top to bottom, one file each. Each takes what it needs from context
//! (`state::use_page`, `loading::use_loading`) and lays out its own `<section>`.

pub mod controls;
pub mod coverage;
pub mod drawer;
pub mod files;
pub mod grid;
pub mod load;
pub mod passk;
pub mod problems;
pub mod samples;
pub mod simulator;
pub mod steps;
pub mod summary;
pub mod table;
