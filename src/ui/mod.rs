//! Leptos components. They hold state in signals, derive everything else with memos from
//! `core`, and call `chart` from effects; no computation lives here.

mod app;
mod canvas;
mod chart;
mod controls;
mod coverage;
mod loader;
mod mapping;
mod progress;
mod report;
mod share;
mod simulator;
mod state;
mod summary;
mod table;
mod talk;
mod views;

pub use app::App;
