//! firstmove: find the one constraint to fix first, and the concrete move that fixes it.
//!
//! `method` is the pure domain, `store` owns the session files, `report` renders a
//! recommendation, `tui` is the interactive wizard and `plain` the same diagnosis as
//! line-by-line prompts.

pub mod cli;
pub mod method;
pub mod plain;
pub mod report;
pub mod sanitize;
pub mod serve;
pub mod store;
pub mod tui;
