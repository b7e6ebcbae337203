//! The traction gate: is this the right exercise right now?

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::StepScreen;
use crate::method::{Route, Session, playbook};
use crate::tui::app::{Derived, Editing, Wizard};
use crate::tui::field::Field;
use crate::tui::theme::Theme;
use crate::tui::view::Form;

pub struct Gate;

impl StepScreen for Gate {
    fn title(&self) -> String {
        "Traction gate".into()
    }

    fn done_rule(&self) -> &'static str {
        "both gate questions are answered"
    }

    fn done(&self, s: &Session, _: &Derived) -> bool {
        s.gate.traction.is_some() && s.gate.ai_question.is_some()
    }

    fn fields(&self, _: &Session, _: &Derived, _: Editing) -> Vec<Field> {
        vec![Field::Traction, Field::AiQuestion]
    }

    fn draw(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
        let pb = playbook();
        let g = &pb.gate;
        let mut form = Form::new(area.width);
        form.heading("Is this the right exercise right now?", theme);
        form.blank();
        for (prompt, field) in [(&g.traction, Field::Traction), (&g.ai_question, Field::AiQuestion)] {
            form.para(&prompt.prompt, theme.text());
            form.para(&prompt.help, theme.dim());
            form.field(field);
            form.blank();
        }
        let r = &w.derived.recommendation;
        if matches!(r.route, Route::MvpFirst | Route::AiProofOfConceptFirst) {
            let rt = pb.route(r.route);
            form.line(Line::styled(format!("This points to: {}", rt.title), theme.warn()));
            form.para(&format!("{} {}", rt.summary, rt.next), theme.text());
            form.para("You can still continue (PgDn) and the report will say so.", theme.dim());
        }
        form.render(frame, area, w, theme);
    }
}
