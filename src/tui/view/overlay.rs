//! Popups over the current screen: help, the step list, confirmations. Each is clamped to
//! the frame, so a small terminal cannot push one out of the buffer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::super::app::{App, Overlay, Screen};
use super::super::keys::HELP;

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

pub fn draw(frame: &mut Frame, area: Rect, ov: Overlay, app: &App) {
    let theme = app.theme;
    let block = |title: &str| {
        Block::bordered()
            .title(format!(" {title} "))
            .border_style(theme.border())
            .title_style(theme.title())
            .padding(ratatui::widgets::Padding::horizontal(1))
    };
    match ov {
        Overlay::Help { scroll } => {
            let mut lines = Vec::new();
            for (section, items) in HELP {
                lines.push(Line::styled(*section, theme.title()));
                for h in *items {
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {:<24}", h.keys), theme.key()),
                        Span::raw(h.what),
                    ]));
                }
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled("Every change is saved at once. ↑ ↓ scroll · Esc closes", theme.dim()));
            let r = centered(area, 80, lines.len() as u16 + 2);
            let hidden = (lines.len() as u16 + 2).saturating_sub(r.height);
            let mut b = block("Keys");
            if hidden > 0 {
                let where_ = if scroll >= hidden { " ↑ scroll up " } else { " ↓ more: scroll with ↓ " };
                b = b.title_bottom(Line::styled(where_, theme.dim()));
            }
            frame.render_widget(Clear, r);
            frame.render_widget(Paragraph::new(lines).block(b).scroll((scroll.min(hidden), 0)), r);
        }
        Overlay::Jump { selected } => {
            let Screen::Wizard(w) = &app.screen else { return };
            let r = centered(area, 40, crate::method::Step::ALL.len() as u16 + 2);
            frame.render_widget(Clear, r);
            let b = block("Go to step");
            let inner = b.inner(r);
            frame.render_widget(b, r);
            super::draw_step_list(frame, inner, w, Some(selected), theme);
        }
        Overlay::ConfirmDeleteSession
        | Overlay::ConfirmDeleteCandidate(_)
        | Overlay::ConfirmRemoveParticipant(_) => {
            let what = match (ov, &app.screen) {
                (Overlay::ConfirmDeleteSession, Screen::Home(h)) => h
                    .entries
                    .get(h.selected)
                    .map(|e| format!("Delete the session file {}? It cannot be undone.", e.file_name()))
                    .unwrap_or_default(),
                (Overlay::ConfirmDeleteCandidate(i), Screen::Wizard(w)) => format!(
                    "Delete the candidate \"{}\" and its scores?",
                    w.session.candidates.get(i).map_or("", |c| c.title.as_str())
                ),
                (Overlay::ConfirmRemoveParticipant(p), Screen::Wizard(w)) => {
                    format!("Remove {} and every score they gave?", w.session.participant_label(p))
                }
                _ => String::new(),
            };
            let r = centered(area, 56, 6);
            frame.render_widget(Clear, r);
            let text = vec![
                Line::raw(what),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("y", theme.key()),
                    Span::raw(" yes    "),
                    Span::styled("n", theme.key()),
                    Span::raw(" no"),
                ]),
            ];
            frame.render_widget(
                Paragraph::new(text).wrap(Wrap { trim: true }).block(block("Are you sure?")),
                r,
            );
        }
    }
}
