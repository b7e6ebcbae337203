//! The method as a pure library: the session model, its rules and the recommendation.
//! Nothing here touches a terminal or the file system.

pub mod dates;
pub mod decisions;
mod edit;
pub mod flips;
pub mod followup;
pub mod ids;
pub mod metric;
pub mod model;
pub mod playbook;
pub mod recommend;
pub mod robust;
pub mod rounds;
pub mod rules;
pub mod sample;
pub mod thresholds;
pub mod timebox;
pub mod validate;
pub mod why;
pub mod wording;
pub mod workshop;

pub use model::*;
pub use playbook::playbook;
pub use recommend::{Recommendation, Route, recommend};
pub use robust::{Robustness, robustness};
pub use why::Why;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod why_tests;
#[cfg(test)]
mod workshop_tests;
