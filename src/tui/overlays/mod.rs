//! Windows over the current screen: help, the step list, confirmations. One file each;
//! this registry maps every `Overlay` to its file with exhaustive matches. Each window is
//! clamped to the frame, so a small terminal cannot push one out of the buffer.

mod confirm;
mod conflict;
pub mod decision;
mod help;
mod jump;
mod new_session;
mod present;
mod save_as;
mod unsaved;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Overlay};
use super::keys::{Action, Ctx};
use super::msg::Effect;
use super::theme::Theme;

/// The key context while `ov` is open.
pub fn ctx(ov: Overlay) -> Ctx {
    match ov {
        Overlay::Help { .. } => Ctx::HelpOverlay,
        Overlay::Jump { .. } => Ctx::JumpOverlay,
        Overlay::ConfirmDeleteSession
        | Overlay::ConfirmDeleteCandidate { .. }
        | Overlay::ConfirmRemoveParticipant { .. }
        | Overlay::ConfirmDiscard { .. }
        | Overlay::ConfirmNextCycle
        | Overlay::ConfirmDeleteCheckIn { .. } => Ctx::Confirm,
        Overlay::Unsaved { .. } => Ctx::Unsaved,
        Overlay::SaveAs { .. } => Ctx::PathPrompt,
        Overlay::Conflict => Ctx::Conflict,
        Overlay::NewSession => Ctx::NamePrompt,
        Overlay::Decision => Ctx::DecisionPrompt,
        Overlay::Present { .. } => Ctx::Presenting,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, ov: Overlay, app: &App) {
    match ov {
        Overlay::Help { scroll } => help::draw(frame, area, scroll, app.theme),
        Overlay::Jump { selected } => jump::draw(frame, area, selected, app),
        Overlay::ConfirmDeleteSession
        | Overlay::ConfirmDeleteCandidate { .. }
        | Overlay::ConfirmRemoveParticipant { .. }
        | Overlay::ConfirmDiscard { .. }
        | Overlay::ConfirmNextCycle
        | Overlay::ConfirmDeleteCheckIn { .. } => confirm::draw(frame, area, ov, app),
        Overlay::Unsaved { .. } => unsaved::draw(frame, area, app),
        Overlay::SaveAs { .. } => save_as::draw(frame, area, app),
        Overlay::Conflict => conflict::draw(frame, area, app),
        Overlay::NewSession => new_session::draw(frame, area, app),
        Overlay::Decision => decision::draw(frame, area, app),
        Overlay::Present { scroll } => present::draw(frame, area, scroll, app),
    }
}

/// Whether Ctrl+C closes `ov` and quits. The windows about unsaved changes stay: they
/// already are the answer to quitting.
pub fn quit_closes(ov: Overlay) -> bool {
    match ov {
        Overlay::Help { .. }
        | Overlay::Jump { .. }
        | Overlay::ConfirmDeleteSession
        | Overlay::ConfirmDeleteCandidate { .. }
        | Overlay::ConfirmRemoveParticipant { .. }
        | Overlay::Conflict
        | Overlay::NewSession
        | Overlay::ConfirmNextCycle
        | Overlay::ConfirmDeleteCheckIn { .. }
        | Overlay::Present { .. } => true,
        // A decision half typed is not thrown away by a quit: Esc first.
        Overlay::Unsaved { .. }
        | Overlay::SaveAs { .. }
        | Overlay::ConfirmDiscard { .. }
        | Overlay::Decision => false,
    }
}

/// Whether `action` does something while `ov` is open (the footer asks).
pub fn available(app: &App, ov: Overlay, action: Action) -> bool {
    match ov {
        Overlay::Help { scroll } => help::can(scroll, action, app.size),
        Overlay::Present { scroll } => present::can(app, scroll, action),
        Overlay::Decision
        | Overlay::Jump { .. }
        | Overlay::ConfirmDeleteSession
        | Overlay::ConfirmDeleteCandidate { .. }
        | Overlay::ConfirmRemoveParticipant { .. }
        | Overlay::ConfirmDiscard { .. }
        | Overlay::Unsaved { .. }
        | Overlay::SaveAs { .. }
        | Overlay::Conflict
        | Overlay::NewSession
        | Overlay::ConfirmNextCycle
        | Overlay::ConfirmDeleteCheckIn { .. } => true,
    }
}

/// Handles an action while `ov` is open.
pub fn act(app: &mut App, ov: Overlay, action: Action) -> Vec<Effect> {
    match ov {
        Overlay::Help { scroll } => {
            app.overlay = help::act(scroll, action, app.size);
            Vec::new()
        }
        Overlay::Jump { selected } => {
            jump::act(app, selected, action);
            Vec::new()
        }
        Overlay::ConfirmDeleteSession
        | Overlay::ConfirmDeleteCandidate { .. }
        | Overlay::ConfirmRemoveParticipant { .. }
        | Overlay::ConfirmDiscard { .. }
        | Overlay::ConfirmNextCycle
        | Overlay::ConfirmDeleteCheckIn { .. } => confirm::act(app, ov, action),
        Overlay::Unsaved { then } => unsaved::act(app, then, action),
        Overlay::SaveAs { then } => save_as::act(app, then, action),
        Overlay::Conflict => conflict::act(app, action),
        Overlay::NewSession => new_session::act(app, action),
        Overlay::Decision => decision::act(app, action),
        Overlay::Present { scroll } => {
            present::act(app, scroll, action);
            Vec::new()
        }
    }
}

/// Whether `ov` has a text prompt (keys without a binding, and pastes, go into it).
fn has_prompt(ov: Overlay) -> bool {
    match ov {
        Overlay::SaveAs { .. } | Overlay::NewSession | Overlay::Decision => true,
        Overlay::Present { .. }
        | Overlay::Help { .. }
        | Overlay::Jump { .. }
        | Overlay::ConfirmDeleteSession
        | Overlay::ConfirmDeleteCandidate { .. }
        | Overlay::ConfirmRemoveParticipant { .. }
        | Overlay::ConfirmDiscard { .. }
        | Overlay::ConfirmNextCycle
        | Overlay::ConfirmDeleteCheckIn { .. }
        | Overlay::Unsaved { .. }
        | Overlay::Conflict => false,
    }
}

/// A key with no binding while `ov` is open: typed into the prompt, if it has one.
pub fn type_into(app: &mut App, ov: Overlay, key: KeyEvent) {
    if has_prompt(ov)
        && let Some(p) = app.prompt.as_mut()
    {
        // The decision window's three lines are one per answer: ↑/↓ move between them.
        crate::tui::editing::edit(p, key, ov == Overlay::Decision);
    }
}

/// Text pasted while `ov` is open.
pub fn paste(app: &mut App, ov: Overlay, text: &str) {
    if has_prompt(ov)
        && let Some(p) = app.prompt.as_mut()
    {
        p.insert_str(text.replace(['\r', '\n', '\u{2028}', '\u{2029}'], " "));
    }
}

/// A window asking for one line of text: the question, the prompt (`App::prompt`, with the
/// terminal's cursor at its caret), and a note under it (what Enter will do, or a warning).
fn prompt_window(frame: &mut Frame, area: Rect, app: &App, title: &str, ask: &str, note: Line) {
    let r = centered(area, 72, 9);
    frame.render_widget(ratatui::widgets::Clear, r);
    let b = window(title, app.theme);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    frame.render_widget(Paragraph::new(ask.to_string()), Rect { height: 1.min(inner.height), ..inner });
    if inner.height > 2
        && let Some(prompt) = &app.prompt
    {
        let field = Rect { y: inner.y + 2, height: 1, ..inner };
        frame.render_widget(prompt, field);
        let col = prompt.screen_cursor().col as u16;
        let (_, left) = prompt.scroll_offset();
        let x = field.x + col.saturating_sub(left).min(field.width.saturating_sub(1));
        frame.set_cursor_position((x, field.y));
    }
    if inner.height > 4 {
        let rest = Rect { y: inner.y + 4, height: inner.height - 4, ..inner };
        frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: true }), rest);
    }
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

fn window(title: &str, theme: Theme) -> Block<'static> {
    Block::bordered()
        .title(format!(" {title} "))
        .border_style(theme.border())
        .title_style(theme.title())
        .padding(Padding::horizontal(1))
}
