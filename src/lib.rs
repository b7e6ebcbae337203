//! firstmove: find the one constraint to fix first, and the concrete move that fixes it.
//!
//! `method` is the pure domain, `store` owns the session files, `report` renders a
//! recommendation, and `tui` is the interactive wizard.

pub mod cli;
pub mod method;
pub mod report;
pub mod sanitize;
pub mod store;
pub mod tui;
