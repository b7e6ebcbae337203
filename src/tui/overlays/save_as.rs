//! "Save elsewhere": the path to write the session to, typed in a one-line editor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::{centered, window};
use crate::tui::app::{App, Overlay};
use crate::tui::keys::Action;
use crate::tui::msg::{Effect, Leave};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let r = centered(area, 72, 7);
    frame.render_widget(Clear, r);
    let b = window("Save elsewhere", theme);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let lines = vec![Line::raw("Write the session to this new file (it must not exist yet):"), Line::raw("")];
    frame.render_widget(Paragraph::new(lines), Rect { height: 2.min(inner.height), ..inner });
    if inner.height > 2
        && let Some(prompt) = &app.prompt
    {
        let field = Rect { y: inner.y + 2, height: 1, ..inner };
        frame.render_widget(prompt, field);
    }
    if inner.height > 4 {
        let hint = Line::styled("Enter saves there · Esc goes back", theme.dim());
        frame.render_widget(Paragraph::new(hint), Rect { y: inner.y + 4, height: 1, ..inner });
    }
}

pub fn act(app: &mut App, then: Leave, action: Action) -> Vec<Effect> {
    match action {
        Action::Activate => {
            let path = app.prompt.as_ref().map(|p| p.lines().join("")).unwrap_or_default();
            if path.trim().is_empty() {
                return Vec::new();
            }
            vec![Effect::SaveAs(path.trim().into())]
        }
        Action::Back => {
            app.prompt = None;
            app.overlay = Some(Overlay::Unsaved { then });
            Vec::new()
        }
        _ => Vec::new(),
    }
}
