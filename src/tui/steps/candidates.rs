//! Candidates: the moves that compete to fix the primary constraint, and the editor of one
//! (its three questions, everyone's scores, the engineering checklist).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::StepScreen;
use crate::method::{Dimension, Session, playbook};
use crate::tui::app::{Advance, Derived, Editing, Overlay, Wizard};
use crate::tui::field::{CandidateText, Field};
use crate::tui::keys::Action;
use crate::tui::theme::Theme;
use crate::tui::view::Form;
use crate::tui::view::rows::Item;
use crate::tui::view::text::title_or_untitled;
use crate::tui::workshop;

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
                v.extend(workshop::scores_fields(s, candidate));
                let items = playbook().constraint(s.candidates[candidate].constraint).checklist.len();
                v.extend((0..items).map(|item| Field::Check { candidate, item }));
                v
            }
            Editing::Candidate(_) | Editing::CheckIn(_) | Editing::Nothing => {
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
                // Candidates of other constraints are kept when the primary changes: say so,
                // rather than a bare "no candidates".
                let elsewhere = w.session.candidates.len() - w.derived.listed.len();
                if elsewhere > 0 {
                    let (n, verb, back) =
                        if elsewhere == 1 { ("", "is", "it comes") } else { ("s", "are", "they come") };
                    form.para(
                        &format!(
                            "{elsewhere} candidate{n} of other constraints {verb} kept; {back} back if that constraint is chosen again."
                        ),
                        theme.dim(),
                    );
                }
                if mine.is_empty() {
                    form.line(Line::styled(
                        "No candidates yet: add a suggestion or write your own.",
                        theme.dim(),
                    ));
                } else {
                    form.line(Line::styled(
                        "The team's candidates (Enter opens, Delete deletes)",
                        theme.label(),
                    ));
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
                if w.session.workshop.is_private(crate::method::Step::Candidates) {
                    workshop::scores_form(&mut form, w, i, theme);
                    form.fields(fields.iter().copied().filter(|f| matches!(f, Field::ScoresRound { .. })));
                }
                let focused = w.focused();
                // Who is scoring, on which question, against which anchors: one scale for the
                // whole room. On a question, its prompt; elsewhere, how to score.
                if let Some(Field::Score { person, dimension, .. }) = focused {
                    let dt = pb.dimension(dimension);
                    let who = w.session.participant_label(person);
                    form.para(&format!("{who} · {}: {}", dt.name, dt.question), theme.text());
                    for k in ["1", "3", "5"] {
                        form.para(&format!("  {k}  {}", dt.anchors[k]), theme.dim());
                    }
                    if workshop::scores_round_open(w, i) {
                        // A row already scored says so, without its values.
                        let scored = if workshop::hidden_cell(w, i, person, dimension) == Some("●") {
                            " Scored already: a digit replaces it, unseen."
                        } else {
                            ""
                        };
                        form.para(
                            &format!(
                                "Private round: digits go along this person's row, then to the next person's.{scored}"
                            ),
                            theme.dim(),
                        );
                    } else {
                        let (by, other) = match w.advance {
                            Advance::ByPerson => ("by person", "by dimension"),
                            Advance::ByDimension => ("by dimension", "by person"),
                        };
                        form.para(&format!("Digits move on {by} · Ctrl+T: {other}"), theme.dim());
                    }
                } else if let Some(hint) = focused.and_then(Field::hint) {
                    form.para(hint, theme.dim());
                } else {
                    form.para(
                        "Scores: Tab into the grid, then 1-5 for each person and dimension.",
                        theme.dim(),
                    );
                }
                form.line(Line::styled("Engineering reality: what it may need", theme.label()));
                form.fields(fields.iter().copied().filter(|f| matches!(f, Field::Check { .. })));
                form.line(Line::styled("Esc: back to the list · Delete: delete this candidate", theme.dim()));
            }
        }
        form.render(frame, area, w, theme);
    }

    fn can(&self, w: &Wizard, action: Action) -> bool {
        let editing = w.editing_candidate().is_some();
        let focused = w.focused();
        let on_row = matches!(focused, Some(Field::CandidateRow { .. }));
        let on_grid = matches!(focused, Some(Field::Score { .. }));
        match action {
            // In the score grid the arrows move between cells and a digit moves on as chosen.
            // In a private round digits always go along the person's own row.
            Action::AdvanceMode if on_grid => {
                !w.editing_candidate().is_some_and(|i| workshop::scores_round_open(w, i))
            }
            Action::Left | Action::Right | Action::Up | Action::Down if on_grid => {
                grid_move(w, action).is_some()
            }
            Action::Digit(_) if on_grid => true,
            // Enter on a row opens or adds; on the editor's last field it closes the editor.
            Action::Activate => {
                on_row
                    || matches!(
                        focused,
                        Some(Field::SuggestionRow { .. } | Field::NewCandidate | Field::ScoresRound { .. })
                    )
                    || (editing && w.focus.is_some_and(|i| i + 1 == w.fields().len()))
            }
            Action::Delete => on_row || editing,
            Action::Back => editing && focused.is_none(),
            // Everything else is the wizard's, not this step's.
            _ => false,
        }
    }

    fn act(&self, w: &mut Wizard, action: Action) -> Option<Overlay> {
        let focused = w.focused();
        if let Some(Field::Score { .. }) = focused {
            match action {
                Action::AdvanceMode => {
                    w.advance = match w.advance {
                        Advance::ByPerson => Advance::ByDimension,
                        Advance::ByDimension => Advance::ByPerson,
                    };
                    return None;
                }
                Action::Digit(d) => {
                    if let Some(f) = focused {
                        f.set_score(&mut w.session, Some(d));
                        w.touch();
                    }
                    // A digit never leaves the grid: past a row's end (or a column's foot) it
                    // goes to the next row's start (or the next column's top).
                    let inside =
                        |i: Option<usize>| i.filter(|&i| matches!(w.fields()[i], Field::Score { .. }));
                    // In a private round a row is one person's ballot: digits go along it,
                    // then to the next person, and after the last one to the reveal button,
                    // never back to a row that holds a hidden ballot.
                    let private = w.editing_candidate().is_some_and(|i| workshop::scores_round_open(w, i));
                    let next = match w.advance {
                        _ if private => {
                            inside(grid_move(w, Action::Right)).or_else(|| next_row_start(w)).or_else(|| {
                                w.fields().iter().position(|f| matches!(f, Field::ScoresRound { .. }))
                            })
                        }
                        Advance::ByPerson => {
                            inside(grid_move(w, Action::Right)).or_else(|| next_row_start(w))
                        }
                        Advance::ByDimension => {
                            inside(grid_move(w, Action::Down)).or_else(|| next_column_top(w))
                        }
                    };
                    if let Some(next) = next {
                        w.focus = Some(next);
                    }
                    return None;
                }
                Action::Left | Action::Right | Action::Up | Action::Down => {
                    if let Some(next) = grid_move(w, action) {
                        w.focus = Some(next);
                    }
                    return None;
                }
                _ => {}
            }
        }
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
                } else if let Some(Field::ScoresRound { candidate }) = focused {
                    workshop::scores_round_act(w, candidate);
                } else {
                    close(w);
                }
            }
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

/// The field index of a cell of the open candidate's grid.
fn cell(w: &Wizard, person: usize, dimension: Dimension) -> Option<usize> {
    let candidate = w.editing_candidate()?;
    w.fields().iter().position(|f| *f == Field::Score { candidate, person, dimension })
}

/// The cell (or field) an arrow leads to from the focused cell: ←/→ along the person's
/// row, ↑/↓ down the dimension's column, and out of the grid past its top or bottom.
fn grid_move(w: &Wizard, action: Action) -> Option<usize> {
    let Some(Field::Score { person, dimension, .. }) = w.focused() else { return None };
    let d = dimension.index();
    let people = w.session.participants.len();
    match action {
        Action::Left => d.checked_sub(1).and_then(|d| cell(w, person, Dimension::ALL[d])),
        Action::Right => Dimension::ALL.get(d + 1).and_then(|&dim| cell(w, person, dim)),
        // Past the top: the text fields above; past the bottom: the checklist below.
        Action::Up => match person.checked_sub(1) {
            Some(p) => cell(w, p, dimension),
            None => cell(w, 0, Dimension::ALL[0]).and_then(|i| i.checked_sub(1)),
        },
        Action::Down if person + 1 < people => cell(w, person + 1, dimension),
        Action::Down => {
            let last = cell(w, people - 1, Dimension::ALL[Dimension::ALL.len() - 1])?;
            (last + 1 < w.fields().len()).then_some(last + 1)
        }
        _ => None,
    }
}

/// By person, after a row's last dimension: the next person's first.
fn next_row_start(w: &Wizard) -> Option<usize> {
    let Some(Field::Score { person, .. }) = w.focused() else { return None };
    cell(w, person + 1, Dimension::ALL[0])
}

/// By dimension, after the last person: the next dimension's first person.
fn next_column_top(w: &Wizard) -> Option<usize> {
    let Some(Field::Score { dimension, .. }) = w.focused() else { return None };
    Dimension::ALL.get(dimension.index() + 1).and_then(|&d| cell(w, 0, d))
}
