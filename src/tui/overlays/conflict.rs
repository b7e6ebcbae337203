//! The session file changed outside firstmove (a hand edit, a `git pull`, another program):
//! both versions are kept; the user says which one goes on.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, window};
use crate::tui::app::App;
use crate::tui::keys::Action;
use crate::tui::msg::Effect;
use crate::tui::view::text::one_line;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let Some(w) = app.wizard() else { return };
    let copy = w.conflict.as_ref().map_or(String::new(), |c| one_line(&c.display().to_string()));

    let key = |k: &'static str, what: &'static str| {
        Line::from(vec![Span::styled(format!("  {k:<5}"), theme.key()), Span::raw(what)])
    };
    let text = vec![
        Line::styled("The session file was changed outside firstmove.", theme.warn()),
        Line::raw(format!("Theirs is left in place: {}", one_line(&w.path.display().to_string()))),
        Line::raw(format!("Yours is saved in: {copy}")),
        Line::raw(""),
        key("r", "reload theirs (yours stays in the copy)"),
        key("o", "keep mine: save over theirs (theirs goes to .bak)"),
        key("Esc", "decide later (changes keep going to the copy)"),
    ];
    // Room for a long reason or path to wrap onto a second line.
    let r = centered(area, 72, text.len() as u16 + 3);
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(window("Changed outside", theme)),
        r,
    );
}

pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Reload => {
            app.overlay = None;
            vec![Effect::Reload]
        }
        Action::Overwrite => {
            app.overlay = None;
            vec![Effect::Overwrite]
        }
        Action::Back => {
            app.overlay = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}
