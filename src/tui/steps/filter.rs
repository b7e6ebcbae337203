//! A pressure filter: the team's answer, how clear it is, and the evidence behind it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use super::StepScreen;
use crate::method::{Clarity, FilterId, Session, playbook};
use crate::tui::app::{Derived, Editing, Wizard};
use crate::tui::field::Field;
use crate::tui::theme::Theme;
use crate::tui::view::Form;

pub struct Filter(pub FilterId);

impl StepScreen for Filter {
    fn title(&self) -> String {
        format!("Pressure · {}", playbook().filter(self.0).name)
    }

    fn done_rule(&self) -> &'static str {
        "its clarity is rated (anything but unanswered)"
    }

    fn done(&self, s: &Session, _: &Derived) -> bool {
        s.filter(self.0).clarity != Clarity::Unanswered
    }

    fn fields(&self, _: &Session, _: &Derived, _: Editing) -> Vec<Field> {
        let filter = self.0;
        vec![Field::Answer { filter }, Field::Clarity { filter }, Field::Evidence { filter }]
    }

    fn draw(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
        let pb = playbook();
        let ft = pb.filter(self.0);
        let mut form = Form::new(area.width);
        form.heading(
            format!("Pressure filter {} of {} · {}", self.0.index() + 1, FilterId::ALL.len(), ft.name),
            theme,
        );
        form.para(&ft.question, theme.text().add_modifier(Modifier::BOLD));
        form.para(&format!("Clear looks like: {}", ft.clear_looks_like), theme.dim());
        form.para(&format!("Example: {}", ft.example), theme.dim());
        form.blank();
        form.fields(w.fields());
        if let Some(Field::Clarity { filter }) = w.focused() {
            let c = pb.clarity(w.session.filter(filter).clarity);
            form.para(&format!("{}: {}", c.name, c.meaning), theme.dim());
        }
        form.render(frame, area, w, theme);
    }
}
