//! What leaves the page: CSV exports and share-link payloads.

pub mod counts;
pub mod csv;
pub mod share;
