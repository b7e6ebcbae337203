//! Leaving while the last changes are not on disk: say what is wrong and let the user
//! choose. Nothing is dropped without an explicit, confirmed choice.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::{centered, window};
use crate::tui::app::{App, Overlay};
use crate::tui::keys::Action;
use crate::tui::msg::{Effect, Leave};
use crate::tui::view::text::one_line;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let Some(w) = app.wizard() else { return };
    let why = w.save_error.as_deref().unwrap_or("the last save did not land");

    let key = |k: &'static str, what: &'static str| {
        Line::from(vec![Span::styled(format!("  {k:<5}"), theme.key()), Span::raw(what)])
    };
    let text = vec![
        Line::styled("Your last changes are NOT saved.", theme.bad()),
        Line::raw(one_line(why)),
        Line::raw("They are still here, in this window. Choose:"),
        Line::raw(""),
        key("r", "try the save again"),
        key("s", "save the session to another file"),
        key("x", "discard the changes (asks first)"),
        key("Esc", "keep editing"),
    ];
    // Room for a long reason or path to wrap onto a second line.
    let r = centered(area, 72, text.len() as u16 + 3);
    frame.render_widget(Clear, r);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }).block(window("Not saved", theme)), r);
}

pub fn act(app: &mut App, then: Leave, action: Action) -> Vec<Effect> {
    match action {
        Action::Retry => {
            app.overlay = None;
            app.leaving = Some(then);
        }
        Action::SaveElsewhere => {
            let suggested = app.wizard().map(|w| suggest_path(&w.path)).unwrap_or_default();
            let mut area = ratatui_textarea::TextArea::new(vec![suggested]);
            area.move_cursor(ratatui_textarea::CursorMove::End);
            app.prompt = Some(area);
            app.overlay = Some(Overlay::SaveAs { then });
        }
        Action::Discard => app.overlay = Some(Overlay::ConfirmDiscard { then }),
        Action::Back => app.overlay = None,
        // Ctrl+C while this question is open: the question already is the answer to it.
        _ => {}
    }
    Vec::new()
}

/// A place outside the sessions folder (which may be the thing that is broken): the home
/// folder, named after the session file.
fn suggest_path(session: &std::path::Path) -> String {
    let stem = session.file_stem().unwrap_or_default().to_string_lossy();
    let dir = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()).unwrap_or_default();
    dir.join(format!("{stem}-unsaved.json")).display().to_string()
}
