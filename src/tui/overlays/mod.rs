//! Windows over the current screen: help, the step list, confirmations. One file each;
//! this registry maps every `Overlay` to its file with exhaustive matches. Each window is
//! clamped to the frame, so a small terminal cannot push one out of the buffer.

mod confirm;
mod help;
mod jump;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Padding};

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
        | Overlay::ConfirmRemoveParticipant { .. } => Ctx::Confirm,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, ov: Overlay, app: &App) {
    match ov {
        Overlay::Help { scroll } => help::draw(frame, area, scroll, app.theme),
        Overlay::Jump { selected } => jump::draw(frame, area, selected, app),
        Overlay::ConfirmDeleteSession
        | Overlay::ConfirmDeleteCandidate { .. }
        | Overlay::ConfirmRemoveParticipant { .. } => confirm::draw(frame, area, ov, app),
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
        | Overlay::ConfirmRemoveParticipant { .. } => confirm::act(app, ov, action),
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
