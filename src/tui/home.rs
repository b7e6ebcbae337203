//! The home screen: saved sessions, newest first, unreadable ones included. Its drawing
//! and its keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Home, Overlay, Screen};
use super::keys::Action;
use super::msg::{Effect, Leave};
use super::view::text::{cut, cut_start, one_line};
use super::{dispatch, keys, steps, view};
use crate::method::playbook;
use crate::store::Listed;

pub fn draw(frame: &mut Frame, area: Rect, home: &Home, app: &App) {
    let theme = app.theme;
    let [header, body, footer] = view::bands(area, 3, 2);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(" firstmove ", theme.title()),
                Span::styled(format!("│ {}", crate::method::playbook::tagline()), theme.dim()),
            ]),
            Line::styled(" Your sessions", theme.label()),
        ]),
        header,
    );
    // No list to show: a notice in its place, why.
    let notice = if !home.found {
        // Start-up draws this before listing the folder, which takes a moment when it holds
        // many sessions and longer on a network mount; the names follow in the next frame.
        Some(vec![
            Line::raw(""),
            Line::styled("Reading the sessions folder…", theme.dim()),
            Line::styled(one_line(&home.dir), theme.dim()),
        ])
    } else if let (0, Some(why)) = (home.rows(), &home.unreadable) {
        Some(vec![
            Line::raw(""),
            Line::styled("Cannot read the sessions folder.", theme.bad()),
            Line::styled(one_line(why), theme.text()),
            Line::raw(""),
            Line::styled(one_line(&home.dir), theme.dim()),
        ])
    } else if home.rows() == 0 {
        Some(vec![
            Line::raw(""),
            Line::styled("No sessions yet.", theme.text()),
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("n", theme.key()),
                Span::raw(" to start one: the wizard walks the room from the traction gate to a first move."),
            ]),
            Line::raw(""),
            Line::styled(format!("Sessions are saved in {}", one_line(&home.dir)), theme.dim()),
        ])
    } else {
        None
    };
    if let Some(text) = notice {
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: true }),
            Rect { x: body.x + 2, width: body.width.saturating_sub(4), ..body },
        );
    } else {
        let [_, list, detail] = view::bands(body, 0, 3);
        draw_list(frame, list, home, theme);
        // The selected session in full: where it is, or why it cannot be read. The path has a
        // line of its own, shortened from the start so its file name stays (a path word-wrapped
        // at its spaces reads as two).
        let width = usize::from(detail.width.saturating_sub(1));
        let text = match home.entries.get(home.selected) {
            Some(l @ Listed { summary: Ok(s), path }) => vec![
                Line::from(vec![
                    Span::styled(
                        match l.conflict_of() {
                            Some(file) => format!(
                                " {} · {}",
                                crate::method::followup::wording::fill(
                                    &playbook().follow_through.conflict_copy_of,
                                    &[("file", &file)]
                                ),
                                steps::title(s.step)
                            ),
                            None => format!(" {}", steps::title(s.step)),
                        },
                        theme.text(),
                    ),
                    Span::styled(
                        format!(
                            " · primary: {}",
                            s.primary.map_or("–".to_string(), |c| playbook().constraint(c).name.clone()),
                        ),
                        theme.dim(),
                    ),
                ]),
                Line::styled(format!(" {}", cut_start(&path.display().to_string(), width)), theme.dim()),
            ],
            Some(Listed { summary: Err(err), .. }) => {
                vec![Line::styled(format!(" Cannot open: {err}. The file is left as it is."), theme.bad())]
            }
            None => vec![Line::styled(" Reading the sessions folder…", theme.dim())],
        };
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), detail);
    }
    // The keys of where the keyboard is: a window open over the list has its own.
    let ctx = dispatch::context(app);
    let hints = keys::hints(ctx, |a| dispatch::available(app, a));
    view::draw_footer(frame, footer, view::mode(ctx), &hints, &app.status, theme);
}

/// A key on the home screen.
pub fn act(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let Screen::Home(home) = &mut app.screen else { return Vec::new() };
    let n = home.rows();
    match action {
        Some(Action::Quit | Action::Back) => app.leaving = Some(Leave::Quit),
        Some(Action::Help) => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Some(Action::Up | Action::PrevField) => home.selected = home.selected.saturating_sub(1),
        Some(Action::Down | Action::NextField) => {
            home.selected = (home.selected + 1).min(n.saturating_sub(1))
        }
        Some(Action::Activate) => {
            if let Some(p) = home.path(home.selected) {
                return vec![Effect::Open(p.to_path_buf())];
            }
        }
        Some(Action::New) => {
            // The name first: the file is named after it, so `resume NAME` finds it.
            app.prompt = Some(ratatui_textarea::TextArea::default());
            app.overlay = Some(Overlay::NewSession);
        }
        Some(Action::Delete) => {
            if home.selected < home.entries.len() {
                app.overlay = Some(Overlay::ConfirmDeleteSession);
            }
        }
        // Keys of the wizard and its dialogs: nothing to do here.
        Some(_) | None => {}
    }
    Vec::new()
}

/// The table of sessions: only the rows that fit are built, every cell cut to its column
/// with an ellipsis, so a thousand sessions or a very long name cost nothing and spill
/// nowhere.
fn draw_list(frame: &mut Frame, area: Rect, home: &Home, theme: crate::tui::Theme) {
    let wide = area.width >= 100;
    // Fixed columns first; the rest is shared by weight. Two cells go to the marker.
    let (fixed, weights, head): (&[usize], &[usize], &[&str]) = if wide {
        (&[16, 14, 24], &[3, 2, 2], &["Session", "Product", "Step", "Updated (UTC)", "Primary", "Route"])
    } else {
        (&[10, 22], &[3, 2], &["Session", "Product", "Updated", "Route"])
    };
    let columns = fixed.len() + weights.len();
    let spare = usize::from(area.width).saturating_sub(2 + fixed.iter().sum::<usize>() + columns - 1);
    let total: usize = weights.iter().sum();
    let mut widths: Vec<usize> = weights.iter().map(|w| spare * w / total).collect();
    widths.extend_from_slice(fixed);
    let shown = usize::from(area.height.saturating_sub(1)).max(1);
    let offset = home.selected.saturating_sub(shown - 1);
    // Each row by hand: the marker's two cells, then each value cut to its column, one
    // space apart, in the row's style. ratatui's Table would solve these known widths with
    // its constraint solver (half of the first frame's work with a thousand sessions). The
    // blanks are left alone: these styles colour text only, and a styled blank is bytes to
    // send for nothing (most of a first frame that lists names still being read), so
    // values are not padded.
    let row = |frame: &mut Frame, n: usize, marker: &str, values: &[String], style: Style| {
        let at = Rect { y: area.y.saturating_add(n as u16), height: 1, ..area }.intersection(area);
        frame.render_widget(Span::styled(marker, style), at);
        let mut x = at.x.saturating_add(2);
        for (v, w) in values.iter().zip(&widths) {
            if !v.is_empty() {
                let cell = Rect { x, width: *w as u16, ..at }.intersection(at);
                frame.render_widget(Span::styled(cut(v, *w), style), cell);
            }
            x = x.saturating_add(*w as u16 + 1);
        }
        at
    };
    // The columns were sized weighted first, then fixed; the headings follow that order.
    let head: Vec<String> = head.iter().map(|h| h.to_string()).collect();
    row(frame, 0, "", &head, theme.label());
    for (n, i) in (offset..home.rows().min(offset + shown)).enumerate() {
        let (values, style) = match home.entries.get(i) {
            Some(l @ Listed { summary: Ok(s), .. }) => {
                let updated = s.updated_at.replace('T', " ");
                let updated = updated.get(..if wide { 16 } else { 10 }).unwrap_or(&updated).to_string();
                // A conflict copy is marked as what it is, not shown as another session.
                let copy_of = l.conflict_of().map(|file| {
                    crate::method::followup::wording::fill(
                        &playbook().follow_through.conflict_copy_short,
                        &[("file", &file)],
                    )
                });
                let name = copy_of.clone().unwrap_or_else(|| super::display_name(&s.name).to_string());
                let route = s.route.title().to_string();
                let values = if wide {
                    let primary =
                        s.primary.map_or("–".to_string(), |c| playbook().constraint(c).name.clone());
                    vec![name, s.product.clone(), steps::title(s.step), updated, primary, route]
                } else {
                    vec![name, s.product.clone(), updated, route]
                };
                (values, if copy_of.is_some() { theme.warn() } else { Style::default() })
            }
            Some(e @ Listed { summary: Err(_), .. }) => {
                let mut values = vec![e.file_name(), "unreadable ↓".to_string()];
                values.resize(columns, String::new());
                (values, theme.bad())
            }
            None => {
                let name = home.path(i).and_then(|p| p.file_name()).unwrap_or_default().to_string_lossy();
                (vec![name.into_owned(), "reading…".to_string()], theme.dim())
            }
        };
        let selected = i == home.selected;
        let at = row(frame, n + 1, if selected { "▸ " } else { "" }, &values, style);
        if selected {
            frame.buffer_mut().set_style(at, theme.focus());
        }
    }
}
