//! Follow-through: the 30/60/90 plan with dates, check-ins against the metric, the prediction.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::StepScreen;
use crate::method::Session;
use crate::tui::app::{Derived, Editing, Wizard};
use crate::tui::field::Field;
use crate::tui::theme::Theme;

pub struct FollowThrough;

impl StepScreen for FollowThrough {
    fn title(&self) -> String {
        "Follow-through".into()
    }

    fn done_rule(&self) -> &'static str {
        "the move is decided and has at least one check-in"
    }

    fn done(&self, s: &Session, _: &Derived) -> bool {
        s.follow_through.is_some() && !s.check_ins.is_empty()
    }

    fn fields(&self, _: &Session, _: &Derived, _: Editing) -> Vec<Field> {
        Vec::new()
    }

    fn draw(&self, _frame: &mut Frame, _area: Rect, _w: &Wizard, _theme: Theme) {}
}
