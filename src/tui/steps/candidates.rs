//! Candidates: the moves that compete to fix the primary constraint, and the editor of one
//! (its three questions, everyone's scores, the engineering checklist).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::StepScreen;
use crate::method::{Dimension, Session, playbook};
use crate::tui::app::{Derived, Editing, Overlay, Wizard};
use crate::tui::field::{CandidateText, Field};
use crate::tui::keys::Action;
use crate::tui::theme::Theme;
use crate::tui::view::Form;
use crate::tui::view::rows::Item;
use crate::tui::view::text::title_or_untitled;

pub struct Candidates;

impl StepScreen for Candidates {
    fn title(&self) -> String {
        "Candidates".into()
    }

    fn done_rule(&self) -> &'static str {
        "the primary constraint has at least one candidate"
    }

    fn done(&self, _: &Session, d: &Derived) -> bool {
        !d.listed.is_empty()
    }

    fn fields(&self, s: &Session, d: &Derived, editing: Editing) -> Vec<Field> {
        match editing {
            Editing::Candidate(candidate) if candidate < s.candidates.len() => {
                let mut v: Vec<Field> =
                    CandidateText::ALL.iter().map(|&text| Field::CandidateText { candidate, text }).collect();
                for person in 0..s.participants.len() {
                    v.extend(Dimension::ALL.iter().map(|&dimension| Field::Score {
                        candidate,
                        person,
                        dimension,
                    }));
                }
                let items = playbook().constraint(s.candidates[candidate].constraint).checklist.len();
                v.extend((0..items).map(|item| Field::Check { candidate, item }));
                v
            }
            Editing::Candidate(_) | Editing::Nothing => {
                let Some(primary) = d.primary() else { return Vec::new() };
                let mut v: Vec<Field> =
                    d.listed.iter().map(|&candidate| Field::CandidateRow { candidate }).collect();
                let taken = |t: &str| d.listed.iter().any(|&i| s.candidates[i].title == t);
                v.extend(
                    playbook()
                        .constraint(primary)
                        .suggestions
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| !taken(t))
                        .map(|(suggestion, _)| Field::SuggestionRow { suggestion }),
                );
                v.push(Field::NewCandidate);
                v
            }
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
        let pb = playbook();
        let mut form = Form::new(area.width);
        let Some(primary) = w.derived.primary() else {
            form.heading("Candidates", theme);
            form.para(
                "Candidates compete to fix the primary constraint, and there is none yet. Go back (PgUp) and pick one, or rate the constraints.",
                theme.warn(),
            );
            return form.render(frame, area, w, theme);
        };
        let ct = pb.constraint(primary);
        let fields = w.fields();
        match w.editing_candidate() {
            None => {
                form.heading(format!("Candidate moves for {}", ct.name), theme);
                form.para(&format!("Improve first: {}", ct.improve_first), theme.dim());
                form.blank();
                let (mine, rest): (Vec<Field>, Vec<Field>) =
                    fields.into_iter().partition(|f| matches!(f, Field::CandidateRow { .. }));
                if mine.is_empty() {
                    form.line(Line::styled(
                        "No candidates yet: add a suggestion or write your own.",
                        theme.dim(),
                    ));
                } else {
                    form.line(Line::styled("The team's candidates (Enter opens, d deletes)", theme.label()));
                    form.fields(mine);
                }
                form.blank();
                form.line(Line::styled("Suggestions (Enter adds)", theme.label()));
                form.fields(rest);
            }
            Some(i) => {
                let title = title_or_untitled(&w.session.candidates[i].title);
                form.heading(format!("Candidate · {title}"), theme);
                form.fields(fields.iter().copied().filter(|f| f.is_text()));
                form.blank();
                form.items.push(Item::Grid(i));
                // The anchors of the focused dimension, so everyone scores on one scale.
                let d = if let Some(Field::Score { dimension, .. }) = w.focused() {
                    dimension
                } else {
                    Dimension::Impact
                };
                let dt = pb.dimension(d);
                let anchors = format!(
                    "{}: {} 1 {} · 3 {} · 5 {}",
                    dt.name, dt.question, dt.anchors["1"], dt.anchors["3"], dt.anchors["5"]
                );
                form.para(&anchors, theme.dim());
                form.line(Line::styled("Engineering reality: what it may need", theme.label()));
                form.fields(fields.iter().copied().filter(|f| matches!(f, Field::Check { .. })));
                form.line(Line::styled("Esc: back to the list · d: delete this candidate", theme.dim()));
            }
        }
        form.render(frame, area, w, theme);
    }

    fn can(&self, w: &Wizard, action: Action) -> bool {
        let editing = w.editing_candidate().is_some();
        let focused = w.focused();
        let on_row = matches!(focused, Some(Field::CandidateRow { .. }));
        match action {
            // Enter on a row opens or adds; on the editor's last field it closes the editor.
            Action::Activate => {
                on_row
                    || matches!(focused, Some(Field::SuggestionRow { .. } | Field::NewCandidate))
                    || (editing && w.focus.is_some_and(|i| i + 1 == w.fields().len()))
            }
            Action::New => !editing && w.derived.primary().is_some(),
            Action::Delete => on_row || editing,
            Action::Back => editing && focused.is_none(),
            // Everything else is the wizard's, not this step's.
            _ => false,
        }
    }

    fn act(&self, w: &mut Wizard, action: Action) -> Option<Overlay> {
        let focused = w.focused();
        match action {
            Action::Activate => {
                if let Some(Field::CandidateRow { candidate }) = focused {
                    w.editing = Editing::Candidate(candidate);
                    w.focus = Some(0);
                } else if let Some(Field::SuggestionRow { suggestion }) = focused {
                    let title = w
                        .derived
                        .primary()
                        .and_then(|p| playbook().constraint(p).suggestions.get(suggestion));
                    add(w, title.cloned().unwrap_or_default());
                } else if focused == Some(Field::NewCandidate) {
                    add(w, String::new());
                } else {
                    close(w);
                }
            }
            Action::New => add(w, String::new()),
            Action::Back => close(w),
            Action::Delete => {
                let candidate = if let Some(Field::CandidateRow { candidate }) = focused {
                    Some(candidate)
                } else {
                    w.editing_candidate()
                };
                return candidate.map(|candidate| Overlay::ConfirmDeleteCandidate { candidate });
            }
            _ => {}
        }
        None
    }
}

/// Adds a candidate to the primary constraint and opens it.
fn add(w: &mut Wizard, title: String) {
    let Some(constraint) = w.derived.primary() else { return };
    let i = w.session.add_candidate(constraint, title);
    w.touch();
    w.editing = Editing::Candidate(i);
    w.focus = Some(0);
}

/// Closes the open candidate, focusing its row in the list.
fn close(w: &mut Wizard) {
    let Editing::Candidate(i) = std::mem::replace(&mut w.editing, Editing::Nothing) else { return };
    w.focus = w.fields().iter().position(|f| *f == Field::CandidateRow { candidate: i }).or(Some(0));
}
