//! "Are you sure?": deleting a session or a candidate, removing a participant who rated.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, window};
use crate::tui::app::{App, Editing, Overlay, Screen};
use crate::tui::keys::Action;
use crate::tui::msg::Effect;
use crate::tui::view::text::one_line;

fn question(app: &App, ov: Overlay) -> String {
    match ov {
        Overlay::ConfirmDeleteSession => match &app.screen {
            Screen::Home(h) => h
                .entries
                .get(h.selected)
                .map(|e| {
                    format!("Delete the session file {}? It cannot be undone.", one_line(&e.file_name()))
                })
                .unwrap_or_default(),
            Screen::Wizard(_) => String::new(),
        },
        Overlay::ConfirmDeleteCandidate { candidate } => app.wizard().map_or(String::new(), |w| {
            let title = w.session.candidates.get(candidate).map_or(String::new(), |c| one_line(&c.title));
            format!("Delete the candidate \"{title}\" and its scores?")
        }),
        Overlay::ConfirmRemoveParticipant { person } => app.wizard().map_or(String::new(), |w| {
            format!("Remove {} and every score they gave?", w.session.participant_label(person))
        }),
        Overlay::ConfirmDiscard { .. } => app.wizard().map_or(String::new(), |w| {
            format!(
                "Drop the changes that are not saved? {} keeps its last saved version.",
                one_line(&w.path.display().to_string())
            )
        }),
        Overlay::ConfirmNextCycle => app.wizard().map_or(String::new(), crate::tui::steps::confirm_next),
        Overlay::ConfirmDeleteCheckIn { check_in } => app.wizard().map_or(String::new(), |w| {
            format!(
                "Delete the check-in \"{}\" and its notes?",
                crate::tui::steps::check_in_row(&w.session, check_in, &(w.today)())
            )
        }),
        Overlay::Help { .. }
        | Overlay::Jump { .. }
        | Overlay::Unsaved { .. }
        | Overlay::SaveAs { .. }
        | Overlay::Conflict
        | Overlay::NewSession
        | Overlay::Decision
        | Overlay::Present { .. } => String::new(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, ov: Overlay, app: &App) {
    let theme = app.theme;
    let r = centered(area, 56, 6);
    frame.render_widget(Clear, r);
    let text = vec![
        Line::raw(question(app, ov)),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(" yes    "),
            Span::styled("n", theme.key()),
            Span::raw(" no"),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(window("Are you sure?", theme)),
        r,
    );
}

pub fn act(app: &mut App, ov: Overlay, action: Action) -> Vec<Effect> {
    match action {
        Action::Yes => {
            app.overlay = None;
            confirmed(app, ov)
        }
        Action::No | Action::Back => {
            // Not discarding goes back to the question it came from.
            app.overlay = if let Overlay::ConfirmDiscard { then } = ov {
                Some(Overlay::Unsaved { then })
            } else {
                None
            };
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn confirmed(app: &mut App, ov: Overlay) -> Vec<Effect> {
    match ov {
        Overlay::ConfirmDeleteSession => {
            if let Screen::Home(home) = &app.screen
                && let Some(e) = home.entries.get(home.selected)
            {
                return vec![Effect::Delete(e.path.clone())];
            }
        }
        Overlay::ConfirmDeleteCandidate { candidate } => {
            if let Some(w) = app.wizard_mut()
                && w.session.remove_candidate(candidate).is_some()
            {
                w.editing = match w.editing {
                    Editing::Candidate(e) if e == candidate => Editing::Nothing,
                    Editing::Candidate(e) if e > candidate => Editing::Candidate(e - 1),
                    e => e,
                };
                w.touch();
                w.settle();
            }
        }
        Overlay::ConfirmRemoveParticipant { person } => {
            if let Some(w) = app.wizard_mut()
                && w.session.remove_participant(person)
            {
                w.touch();
                w.settle();
            }
        }
        Overlay::ConfirmDiscard { then } => {
            if let Some(w) = app.wizard_mut() {
                w.discarded = true;
            }
            app.leaving = Some(then);
        }
        Overlay::ConfirmNextCycle => return vec![Effect::NextCycle],
        Overlay::ConfirmDeleteCheckIn { check_in } => {
            if let Some(w) = app.wizard_mut()
                && w.session.remove_check_in(check_in)
            {
                w.editing = Editing::Nothing;
                w.touch();
                w.settle();
            }
        }
        Overlay::Help { .. }
        | Overlay::Jump { .. }
        | Overlay::Unsaved { .. }
        | Overlay::SaveAs { .. }
        | Overlay::Conflict
        | Overlay::NewSession
        | Overlay::Decision
        | Overlay::Present { .. } => {}
    }
    Vec::new()
}
