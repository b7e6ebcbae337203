//! Setup: the session's name, the product, and who is in the room.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::StepScreen;
use crate::method::Session;
use crate::tui::app::{Derived, Editing, Overlay, Wizard};
use crate::tui::field::Field;
use crate::tui::keys::Action;
use crate::tui::theme::Theme;
use crate::tui::view::Form;

pub struct Setup;

impl StepScreen for Setup {
    fn title(&self) -> String {
        "Setup".into()
    }

    fn done_rule(&self) -> &'static str {
        "the session has a name and at least one participant is named"
    }

    fn done(&self, s: &Session, _: &Derived) -> bool {
        !s.name.trim().is_empty() && s.participants.iter().any(|p| !p.name.trim().is_empty())
    }

    fn fields(&self, s: &Session, _: &Derived, _: Editing) -> Vec<Field> {
        let mut v = vec![Field::Name, Field::Product, Field::Facilitator];
        v.extend((0..s.participants.len()).map(|person| Field::Participant { person }));
        v.push(Field::AddParticipant);
        v
    }

    fn draw(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
        let mut form = Form::new(area.width);
        form.heading("Who is in the room, and what are we scaling?", theme);
        form.para("Everyone listed here rates the constraints and scores the candidates.", theme.dim());
        form.blank();
        form.fields(w.fields());
        form.blank();
        form.para(
            "Enter on \"+ Add participant\" adds one; Ctrl+D in a participant's name removes them.",
            theme.dim(),
        );
        form.render(frame, area, w, theme);
    }

    fn can(&self, w: &Wizard, action: Action) -> bool {
        let focused = w.focused();
        (action == Action::Activate && focused == Some(Field::AddParticipant))
            || (action == Action::RemoveParticipant
                && matches!(focused, Some(Field::Participant { .. }))
                && w.session.participants.len() > 1)
    }

    fn act(&self, w: &mut Wizard, action: Action) -> Option<Overlay> {
        if action == Action::Activate {
            let person = w.session.add_participant();
            w.touch();
            w.focus = w.fields().iter().position(|f| *f == Field::Participant { person });
        } else if let (Action::RemoveParticipant, Some(Field::Participant { person })) = (action, w.focused())
        {
            if w.session.has_ratings_from(person) {
                return Some(Overlay::ConfirmRemoveParticipant { person });
            }
            if w.session.remove_participant(person) {
                w.touch();
            }
        }
        None
    }
}
