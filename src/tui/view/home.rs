//! The home screen: saved sessions, newest first, unreadable ones included.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use super::super::app::{App, Home};
use crate::method::playbook;

pub fn draw(frame: &mut Frame, area: Rect, home: &Home, app: &App) {
    let theme = app.theme;
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1), Constraint::Length(2)]).areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(" firstmove ", theme.title()),
                Span::styled(format!("│ {}", playbook().tagline), theme.dim()),
            ]),
            Line::styled(" Your sessions", theme.label()),
        ]),
        header,
    );
    if home.entries.is_empty() {
        let text = vec![
            Line::raw(""),
            Line::styled("No sessions yet.", theme.text()),
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("n", theme.key()),
                Span::raw(" to start one: the wizard walks the room from the traction gate to a first move."),
            ]),
            Line::raw(""),
            Line::styled(format!("Sessions are saved in {}", home.dir), theme.dim()),
        ];
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }),
            Rect { x: body.x + 2, width: body.width.saturating_sub(4), ..body },
        );
    } else {
        let rows: Vec<Row> = home
            .entries
            .iter()
            .map(|e| match &e.summary {
                Ok(s) => Row::new(vec![
                    Cell::from(super::super::display_name(&s.name).to_string()),
                    Cell::from(s.product.clone()),
                    Cell::from(s.updated_at.get(..16).unwrap_or(&s.updated_at).replace('T', " ")),
                    Cell::from(super::step_title(s.step)),
                    Cell::from(s.primary.map_or("–".to_string(), |c| playbook().constraint(c).name.clone())),
                    Cell::from(s.route.title()),
                ]),
                Err(err) => Row::new(vec![
                    Cell::from(e.file_name()),
                    Cell::from(Span::styled(format!("unreadable: {err}"), theme.bad())),
                ]),
            })
            .collect();
        let widths = [
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(16),
            Constraint::Fill(2),
            Constraint::Length(11),
            Constraint::Fill(2),
        ];
        let header = Row::new(["Session", "Product", "Updated (UTC)", "Step", "Primary", "Route"])
            .style(theme.label());
        let table =
            Table::new(rows, widths).header(header).row_highlight_style(theme.focus()).highlight_symbol("▸ ");
        let mut state = TableState::default().with_selected(Some(home.selected));
        frame.render_stateful_widget(table, body, &mut state);
    }
    let mut hints = vec![Span::raw(" ")];
    for (k, what) in super::super::keys::hints(super::super::keys::Hint::Home) {
        hints.push(Span::styled(*k, theme.key()));
        hints.push(Span::styled(format!(" {what}   "), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(hints)), Rect { height: 1, ..footer });
    let status = match &app.status {
        super::super::app::Status::Error(m) => Span::styled(format!(" ✗ {m}"), theme.bad()),
        super::super::app::Status::Info(m) => Span::raw(format!(" {m}")),
        _ => Span::raw(""),
    };
    frame.render_widget(Paragraph::new(status), Rect { y: footer.y + 1, height: 1, ..footer });
}
