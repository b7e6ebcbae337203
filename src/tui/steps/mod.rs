//! One file per wizard step: its title, its fields, when it is done, how it is drawn and
//! the keys it handles itself. `screen` is the registry: an exhaustive match, so a new
//! `Step` variant does not compile until its screen exists.

mod candidates;
mod constraint;
mod filter;
mod follow_through;
mod gate;
mod primary;
mod qualification;
mod ranking;
mod recommendation;
mod setup;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{Derived, Editing, Overlay, Wizard};
use super::field::Field;
use super::keys::Action;
use super::theme::Theme;
use crate::method::{ConstraintId, FilterId, Session, Step};

pub use follow_through::{check_in_row, confirm_next, next_exists_line};

pub trait StepScreen: Sync {
    /// The step's name in the header, the step list and the jump list.
    fn title(&self) -> String;

    /// When the step shows ✓, in words: the rule `done` applies.
    fn done_rule(&self) -> &'static str;

    fn done(&self, s: &Session, d: &Derived) -> bool;

    /// The focusable fields, in focus order; `editing` is what is open in the step.
    fn fields(&self, s: &Session, d: &Derived, editing: Editing) -> Vec<Field>;

    fn draw(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme);

    /// How far the step's content can scroll in `area`, for steps that are read rather
    /// than filled in. `update` clamps the scroll with it and `draw` uses it, so both agree.
    fn max_scroll(&self, _w: &Wizard, _area: Rect) -> u16 {
        0
    }

    /// Whether an action the step handles itself does something now. Dispatch and the
    /// footer both ask, so the footer only offers keys that work.
    fn can(&self, _w: &Wizard, _action: Action) -> bool {
        false
    }

    /// Carries out an action `can` accepted; may ask for an overlay (a confirmation).
    fn act(&self, _w: &mut Wizard, _action: Action) -> Option<Overlay> {
        None
    }
}

/// The screen of each step.
pub fn screen(step: Step) -> &'static dyn StepScreen {
    match step {
        Step::Setup => &setup::Setup,
        Step::Gate => &gate::Gate,
        Step::FilterRevenue => &filter::Filter(FilterId::Revenue),
        Step::FilterRetention => &filter::Filter(FilterId::Retention),
        Step::FilterTrust => &filter::Filter(FilterId::Trust),
        Step::FilterOperational => &filter::Filter(FilterId::Operational),
        Step::FilterPlanning => &filter::Filter(FilterId::Planning),
        Step::Qualification => &qualification::Qualification,
        Step::ConstraintActivation => &constraint::Constraint(ConstraintId::Activation),
        Step::ConstraintAdoption => &constraint::Constraint(ConstraintId::Adoption),
        Step::ConstraintReliability => &constraint::Constraint(ConstraintId::Reliability),
        Step::ConstraintOperations => &constraint::Constraint(ConstraintId::Operations),
        Step::ConstraintThroughput => &constraint::Constraint(ConstraintId::Throughput),
        Step::Primary => &primary::Primary,
        Step::Candidates => &candidates::Candidates,
        Step::Ranking => &ranking::Ranking,
        Step::Recommendation => &recommendation::Recommendation,
        Step::FollowThrough => &follow_through::FollowThrough,
    }
}

pub fn title(step: Step) -> String {
    screen(step).title()
}
