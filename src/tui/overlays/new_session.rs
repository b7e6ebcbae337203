//! A new session's name, asked first: the file is named after it, so `firstmove resume
//! NAME` and `report NAME` find it, and a name already taken is pointed out before it is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::prompt_window;
use crate::tui::app::{App, Screen};
use crate::tui::keys::Action;
use crate::tui::msg::Effect;
use crate::tui::view::text::one_line;

fn typed(app: &App) -> String {
    app.prompt.as_ref().map(|p| p.lines().join(" ")).unwrap_or_default().trim().to_string()
}

/// The file of a session already called `name` (any case), if there is one.
fn taken(app: &App, name: &str) -> Option<String> {
    let Screen::Home(h) = &app.screen else { return None };
    if name.trim().is_empty() {
        return None;
    }
    h.entries
        .iter()
        .find(|e| e.summary.as_ref().is_ok_and(|s| crate::store::same_name(&s.name, name)))
        .map(|e| e.file_name())
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let note = match taken(app, &typed(app)) {
        Some(file) => Line::styled(
            format!("A session is already called that ({}): Enter makes a second one.", one_line(&file)),
            theme.warn(),
        ),
        None => Line::styled("Enter creates it · Esc cancels", theme.dim()),
    };
    let ask = "What is this session called? (its file is named after it)";
    prompt_window(frame, area, app, "New session", ask, note);
}

pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Activate => {
            let name = typed(app);
            app.prompt = None;
            app.overlay = None;
            vec![Effect::NewSession(name)]
        }
        Action::Back => {
            app.prompt = None;
            app.overlay = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}
