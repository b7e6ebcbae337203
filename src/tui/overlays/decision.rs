//! F2: record a decision or an action item: what, who (owner), by when (due), one line of
//! the prompt each. Enter moves to the next line, and on the last one records the entry in
//! the session's decisions log (`Session::record_decision`), saved like every change.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui_textarea::{CursorMove, TextArea};

use super::{centered, window};
use crate::tui::app::{App, Status};
use crate::tui::keys::Action;
use crate::tui::msg::Effect;
use crate::tui::workshop::stamp;

const LABELS: [&str; 3] = ["Decision / action", "Owner (optional)", "Due (optional)"];

/// The empty prompt the window opens with: three lines.
pub fn prompt() -> TextArea<'static> {
    let mut t = TextArea::new(vec![String::new(), String::new(), String::new()]);
    t.move_cursor(CursorMove::Top);
    t.set_cursor_line_style(ratatui::style::Style::default());
    t
}

fn line(app: &App, i: usize) -> String {
    app.prompt.as_ref().and_then(|p| p.lines().get(i).cloned()).unwrap_or_default()
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let r = centered(area, 72, 14);
    frame.render_widget(Clear, r);
    let b = window("Record a decision or an action item", theme);
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let row = app.prompt.as_ref().map_or(0, |p| p.cursor().0);
    let lw = 20u16.min(inner.width);
    for (i, label) in LABELS.iter().enumerate() {
        let y = inner.y + 2 * i as u16;
        if y >= inner.bottom() {
            break;
        }
        let style = if row == i { theme.focus() } else { theme.label() };
        let value = crate::tui::view::text::fit(&line(app, i), usize::from(inner.width - lw));
        frame.render_widget(
            Paragraph::new(Line::from(vec![Span::styled(format!("{label:<19} "), style), Span::raw(value)])),
            Rect { x: inner.x, y, width: inner.width, height: 1 },
        );
        if row == i
            && let Some(p) = &app.prompt
        {
            let col = (p.cursor().1 as u16).min(inner.width.saturating_sub(lw + 1));
            frame.set_cursor_position((inner.x + lw + col, y));
        }
    }
    let y = inner.y + 6;
    if y < inner.bottom() {
        frame.render_widget(
            Paragraph::new(Line::styled("Enter: next line, then record · Esc cancels", theme.dim())),
            Rect { x: inner.x, y, width: inner.width, height: 1 },
        );
    }
    // The latest entries of the log, newest first, as far as the window goes.
    let log = app.wizard().map_or(&[][..], |w| w.session.workshop.decisions.as_slice());
    let top = inner.y + 8;
    if !log.is_empty() && top < inner.bottom() {
        let mut lines =
            vec![Line::styled(format!("In the log ({}), newest first:", log.len()), theme.label())];
        for e in log.iter().rev() {
            lines.push(Line::raw(crate::tui::view::text::fit(&e.line(), usize::from(inner.width))));
        }
        let height = inner.bottom() - top;
        frame.render_widget(Paragraph::new(lines), Rect { x: inner.x, y: top, width: inner.width, height });
    }
}

fn go(app: &mut App, delta: i32) {
    if let Some(p) = app.prompt.as_mut() {
        let row = p.cursor().0 as i32;
        let to = (row + delta).rem_euclid(3) as u16;
        p.move_cursor(CursorMove::Jump(to, 0));
        p.move_cursor(CursorMove::End);
    }
}

pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Activate if app.prompt.as_ref().is_some_and(|p| p.cursor().0 < 2) => go(app, 1),
        // Ctrl+C / Ctrl+Q quit from here too, and what was typed is recorded first, not lost.
        Action::Quit => {
            // A due date that is not one would refuse the entry: quitting keeps it in the text.
            if !line(app, 2).trim().is_empty()
                && crate::method::dates::parse(&line(app, 2)).is_err()
                && let Some(p) = app.prompt.as_mut()
            {
                let mut lines = p.lines().to_vec();
                let due = lines[2..].join(" ");
                lines[0] = format!("{} (due: {})", lines[0].trim_end(), due.trim());
                lines.truncate(2);
                lines.push(String::new());
                *p = TextArea::new(lines);
            }
            if !line(app, 0).trim().is_empty() {
                act(app, Action::Activate);
                act(app, Action::Activate);
                act(app, Action::Activate);
            }
            app.prompt = None;
            app.overlay = None;
            crate::tui::update::request_leave(app, crate::tui::msg::Leave::Quit);
        }
        Action::Activate => {
            let (text, owner, due) = (line(app, 0), line(app, 1), line(app, 2));
            // The extra lines a Ctrl+M could make belong to the due date.
            let due = match app.prompt.as_ref() {
                Some(p) if p.lines().len() > 3 => p.lines()[2..].join(" "),
                _ => due,
            };
            let Some(w) = app.wizard_mut() else { return Vec::new() };
            let now = stamp(w);
            let step = w.step();
            let status = match w.session.record_decision(&now, step, &text, &owner, &due) {
                Ok(true) => {
                    w.touch();
                    Status::Info("Recorded in the decisions log.".into())
                }
                Ok(false) => Status::Info("Nothing recorded: the first line was empty.".into()),
                // The window stays open with what was typed, on the due line, to be corrected.
                Err(e) => {
                    app.status = Status::Error(format!("Due: {e} (or leave it empty)."));
                    if let Some(p) = app.prompt.as_mut() {
                        p.move_cursor(CursorMove::Jump(2, 0));
                        p.move_cursor(CursorMove::End);
                    }
                    return Vec::new();
                }
            };
            app.prompt = None;
            app.overlay = None;
            app.status = status;
        }
        Action::NextField => go(app, 1),
        Action::PrevField => go(app, -1),
        Action::Back => {
            app.prompt = None;
            app.overlay = None;
        }
        _ => {}
    }
    Vec::new()
}
