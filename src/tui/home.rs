//! The home screen: saved sessions, newest first, unreadable ones included. Its drawing
//! and its keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use super::app::{App, Home, Overlay, Screen};
use super::keys::{Action, Ctx};
use super::msg::{Effect, Leave};
use super::{dispatch, keys, steps, view};
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
        // Narrow terminals keep the columns a room needs to pick a session.
        let wide = area.width >= 100;
        let rows: Vec<Row> = home
            .entries
            .iter()
            .map(|e| match &e.summary {
                Ok(s) => {
                    let updated = s.updated_at.replace('T', " ");
                    let mut cells = vec![
                        Cell::from(super::display_name(&s.name).to_string()),
                        Cell::from(s.product.clone()),
                        Cell::from(updated.get(..if wide { 16 } else { 10 }).unwrap_or(&updated).to_string()),
                    ];
                    if wide {
                        cells.push(Cell::from(steps::title(s.step)));
                        cells.push(Cell::from(
                            s.primary.map_or("–".to_string(), |c| playbook().constraint(c).name.clone()),
                        ));
                    }
                    cells.push(Cell::from(s.route.title()));
                    Row::new(cells)
                }
                Err(_) => Row::new(vec![
                    Cell::from(e.file_name()),
                    Cell::from(Span::styled("unreadable ↓", theme.bad())),
                ]),
            })
            .collect();
        let (widths, head): (Vec<Constraint>, Vec<&str>) = if wide {
            (
                vec![
                    Constraint::Fill(3),
                    Constraint::Fill(2),
                    Constraint::Length(16),
                    Constraint::Fill(2),
                    Constraint::Length(11),
                    Constraint::Length(24),
                ],
                vec!["Session", "Product", "Updated (UTC)", "Step", "Primary", "Route"],
            )
        } else {
            (
                vec![
                    Constraint::Fill(3),
                    Constraint::Fill(2),
                    Constraint::Length(10),
                    Constraint::Length(22),
                ],
                vec!["Session", "Product", "Updated", "Route"],
            )
        };
        let [list, detail] = Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(body);
        let table = Table::new(rows, widths)
            .header(Row::new(head).style(theme.label()))
            .row_highlight_style(theme.focus())
            .highlight_symbol("▸ ");
        let mut state = TableState::default().with_selected(Some(home.selected));
        frame.render_stateful_widget(table, list, &mut state);
        // The selected session in full: where it is, or why it cannot be read.
        if let Some(e) = home.entries.get(home.selected) {
            let text = match &e.summary {
                Ok(s) => Line::from(vec![
                    Span::styled(format!(" {}", steps::title(s.step)), theme.text()),
                    Span::styled(
                        format!(
                            " · primary: {} · {}",
                            s.primary.map_or("–".to_string(), |c| playbook().constraint(c).name.clone()),
                            e.path.display()
                        ),
                        theme.dim(),
                    ),
                ]),
                Err(err) => {
                    Line::styled(format!(" Cannot open: {err}. The file is left as it is."), theme.bad())
                }
            };
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), detail);
        }
    }
    let hints = keys::hints(Ctx::Home, |a| dispatch::available(app, a));
    view::draw_footer(frame, footer, None, &hints, &app.status, theme);
}

/// A key on the home screen.
pub fn act(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let Screen::Home(home) = &mut app.screen else { return Vec::new() };
    let n = home.entries.len();
    match action {
        Some(Action::Quit | Action::Back) => app.leaving = Some(Leave::Quit),
        Some(Action::Help) => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Some(Action::Up | Action::PrevField) => home.selected = home.selected.saturating_sub(1),
        Some(Action::Down | Action::NextField) => {
            home.selected = (home.selected + 1).min(n.saturating_sub(1))
        }
        Some(Action::Activate) => {
            if let Some(e) = home.entries.get(home.selected) {
                return vec![Effect::Open(e.path.clone())];
            }
        }
        Some(Action::New) => return vec![Effect::NewSession],
        Some(Action::Delete) => {
            if n > 0 {
                app.overlay = Some(Overlay::ConfirmDeleteSession);
            }
        }
        // Keys of the wizard and its dialogs: nothing to do here.
        Some(_) | None => {}
    }
    Vec::new()
}
