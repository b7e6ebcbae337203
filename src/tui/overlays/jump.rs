//! The step list as a window: jump to any step.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, window};
use crate::method::Step;
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::keys::Action;
use crate::tui::steps;
use crate::tui::view::draw_step_list;

pub fn draw(frame: &mut Frame, area: Rect, selected: usize, app: &App) {
    let Screen::Wizard(w) = &app.screen else { return };
    // The list, then why the chosen step shows ✓ or not: the rule it is checked by.
    let r = centered(area, 48, Step::ALL.len() as u16 + 6);
    frame.render_widget(Clear, r);
    let b = window("Go to step", app.theme);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let list = Rect { height: (Step::ALL.len() as u16).min(inner.height), ..inner };
    draw_step_list(frame, list, w, Some(selected), app.theme);
    if let Some(&step) = Step::ALL.get(selected)
        && inner.height > list.height + 1
    {
        let mark = if w.derived.done[selected] { "✓" } else { "not yet ✓" };
        let rule = format!("{mark}: {}", steps::screen(step).done_rule());
        let rest = Rect { y: list.bottom() + 1, height: inner.height - list.height - 1, ..inner };
        frame.render_widget(Paragraph::new(rule).wrap(Wrap { trim: true }).style(app.theme.dim()), rest);
    }
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
