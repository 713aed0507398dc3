//! The page's state as plain types, with their rules and native tests; the components only
//! hold them in signals.

pub mod load;
