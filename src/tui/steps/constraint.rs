//! A constraint: each participant's severity, the room's median and spread, the evidence.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::StepScreen;
use crate::method::{ConstraintId, Session, Step, playbook, wording};
use crate::report::fmt_median;
use crate::tui::app::{Derived, Editing, Overlay, Wizard};
use crate::tui::field::Field;
use crate::tui::keys::Action;
use crate::tui::theme::Theme;
use crate::tui::view::Form;
use crate::tui::workshop;

pub struct Constraint(pub ConstraintId);

impl StepScreen for Constraint {
    fn title(&self) -> String {
        format!("Constraint · {}", playbook().constraint(self.0).name)
    }

    fn done_rule(&self) -> &'static str {
        "every participant has rated its severity"
    }

    fn done(&self, s: &Session, _: &Derived) -> bool {
        (0..s.participants.len()).all(|p| s.severity(self.0, p).is_some())
    }

    fn fields(&self, s: &Session, _: &Derived, _: Editing) -> Vec<Field> {
        let constraint = self.0;
        let mut v: Vec<Field> = if s.workshop.is_private(self.step()) {
            workshop::round_fields(s, constraint)
        } else {
            (0..s.participants.len()).map(|person| Field::Severity { constraint, person }).collect()
        };
        v.push(Field::ConstraintNote { constraint });
        v
    }

    fn draw(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
        let pb = playbook();
        let c = self.0;
        let ct = pb.constraint(c);
        let r = &w.derived.recommendation;
        let mut form = Form::new(area.width);
        form.heading(
            format!("Constraint {} of {} · {}", c.index() + 1, ConstraintId::ALL.len(), ct.name),
            theme,
        );
        // A next cycle shows how the last one went, where the team rates the constraints again.
        if let Some(k) = &w.session.carried_over {
            form.para(&crate::method::followup::wording::last_cycle(&k.cycle), theme.dim());
        }
        form.para(&format!("Looks like: {}", ct.looks_like), theme.text());
        form.para(&format!("Improve first: {}", ct.improve_first), theme.dim());
        let touches: Vec<String> = ct
            .touches
            .iter()
            .map(|f| {
                let clear = if r.qualification.clear.contains(f) { " (clear)" } else { "" };
                format!("{}{clear}", pb.filter(*f).name)
            })
            .collect();
        form.para(&format!("Pressures it touches: {}", touches.join(", ")), theme.dim());
        form.para(&wording::severity_scale(), theme.label());
        let fields = w.fields();
        let (scores, note) = fields.split_at(fields.len() - 1);
        if w.session.workshop.is_private(self.step()) {
            workshop::round_form(&mut form, w, c, scores, theme);
            form.fields(note.iter().copied());
            form.render(frame, area, w, theme);
            return;
        }
        form.fields(scores.iter().copied());
        let summary = r.constraints.iter().find(|s| s.constraint == c);
        form.line(match summary.and_then(|s| s.severity) {
            Some(t) => Line::from(vec![
                Span::styled(
                    format!("  median {}  ·  spread {}", fmt_median(t.median), t.spread),
                    theme.good(),
                ),
                if t.discuss() {
                    Span::styled("  ·  DISCUSS: the room disagrees", theme.warn())
                } else {
                    Span::raw("")
                },
            ]),
            None => Line::styled("  nobody has rated it yet", theme.dim()),
        });
        form.fields(note.iter().copied());
        form.render(frame, area, w, theme);
    }

    fn can(&self, w: &Wizard, action: Action) -> bool {
        match (action, w.focused()) {
            (Action::Activate, Some(Field::RoundAct { .. })) => true,
            // A vote moves on to the next voter (and past the last, to the reveal button).
            (Action::Digit(d), Some(Field::Ballot { .. })) => (1..=5).contains(&d),
            _ => false,
        }
    }

    fn act(&self, w: &mut Wizard, action: Action) -> Option<Overlay> {
        match (action, w.focused()) {
            (Action::Activate, Some(Field::RoundAct { constraint })) => workshop::round_act(w, constraint),
            (Action::Digit(d), Some(Field::Ballot { constraint, person })) => {
                workshop::vote(w, constraint, person, d);
            }
            _ => {}
        }
        None
    }
}

impl Constraint {
    fn step(&self) -> Step {
        Step::ALL[Step::ConstraintActivation.index() + self.0.index()]
    }
}
