//! "Save elsewhere": the path to write the session to, typed in a one-line editor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::prompt_window;
use crate::tui::app::{App, Overlay};
use crate::tui::keys::Action;
use crate::tui::msg::{Effect, Leave};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let note = Line::styled("Enter saves there · Esc goes back", app.theme.dim());
    let ask = "Write the session to this new file (it must not exist yet):";
    prompt_window(frame, area, app, "Save elsewhere", ask, note);
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
