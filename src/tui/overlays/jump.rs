//! The step list as a window: jump to any step.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

use super::{centered, window};
use crate::method::Step;
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::keys::Action;
use crate::tui::view::draw_step_list;

pub fn draw(frame: &mut Frame, area: Rect, selected: usize, app: &App) {
    let Screen::Wizard(w) = &app.screen else { return };
    let r = centered(area, 40, Step::ALL.len() as u16 + 2);
    frame.render_widget(Clear, r);
    let b = window("Go to step", app.theme);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    draw_step_list(frame, inner, w, Some(selected), app.theme);
}

pub fn act(app: &mut App, selected: usize, action: Action) {
    let last = Step::ALL.len() - 1;
    app.overlay = match action {
        Action::Back => None,
        Action::Up => Some(Overlay::Jump { selected: selected.saturating_sub(1) }),
        Action::Down => Some(Overlay::Jump { selected: (selected + 1).min(last) }),
        Action::Activate => {
            if let Some(w) = app.wizard_mut() {
                crate::tui::update::go_to(w, Step::ALL[selected]);
            }
            None
        }
        _ => Some(Overlay::Jump { selected }),
    };
}
