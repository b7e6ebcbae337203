//! The recommendation screen: the same document `firstmove report` prints, laid out for a
//! projector.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::super::app::Wizard;
use super::super::theme::Theme;
use super::wrap;
use crate::method::playbook;
use crate::report::Block;

pub fn lines(blocks: &[Block], width: u16, theme: Theme) -> Vec<Line<'static>> {
    let mut out: Vec<Line> = Vec::new();
    let w = width.saturating_sub(1);
    for b in blocks {
        match b {
            Block::Title(t) => out.extend(
                wrap(t, w)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.title().add_modifier(Modifier::REVERSED))),
            ),
            Block::Heading(t) => out.extend(wrap(t, w).into_iter().map(|l| Line::styled(l, theme.title()))),
            Block::Para(t) => out.extend(wrap(t, w).into_iter().map(Line::raw)),
            Block::Warning(t) => {
                out.extend(wrap(&format!("! {t}"), w).into_iter().map(|l| Line::styled(l, theme.warn())))
            }
            Block::Fields(fields) => {
                for (k, v) in fields {
                    let head = format!("{k}: ");
                    let body = wrap(&v.replace('\n', " "), w.saturating_sub(head.width() as u16).max(10));
                    for (i, l) in body.into_iter().enumerate() {
                        let lead = if i == 0 {
                            Span::styled(head.clone(), theme.label())
                        } else {
                            Span::raw(" ".repeat(head.width()))
                        };
                        out.push(Line::from(vec![lead, Span::raw(l)]));
                    }
                }
            }
            Block::Bullets(items) => {
                for i in items {
                    for (k, l) in wrap(i, w.saturating_sub(2)).into_iter().enumerate() {
                        out.push(Line::raw(format!("{}{l}", if k == 0 { "• " } else { "  " })));
                    }
                }
            }
            Block::Checklist(items) => {
                for (done, i) in items {
                    out.push(Line::raw(format!("[{}] {i}", if *done { "x" } else { " " })));
                }
            }
            Block::Table { head, rows } => {
                let all: Vec<&Vec<String>> = std::iter::once(head).chain(rows).collect();
                let widths: Vec<usize> = (0..head.len())
                    .map(|i| all.iter().map(|r| r[i].replace('\n', " ").width()).max().unwrap_or(0).min(40))
                    .collect();
                for (n, r) in all.iter().enumerate() {
                    let cells: Vec<String> = r
                        .iter()
                        .zip(&widths)
                        .map(|(c, w)| {
                            let c: String = c.replace('\n', " ").chars().take(*w).collect();
                            format!("{c}{}", " ".repeat(w.saturating_sub(c.width())))
                        })
                        .collect();
                    let style = if n == 0 { theme.label() } else { theme.text() };
                    out.push(Line::styled(cells.join("  ").trim_end().to_string(), style));
                }
            }
        }
        out.push(Line::raw(""));
    }
    out
}

/// The headline in a box: what a room reads from the back of the projector room.
fn hero(w: &Wizard, width: u16, theme: Theme) -> (String, Vec<Line<'static>>) {
    let s = &w.session;
    let r = &w.derived.recommendation;
    let pb = playbook();
    let route = pb.route(r.route);
    let inner = width.saturating_sub(4);
    let mut lines = Vec::new();
    match r.top_candidate().and_then(|t| s.candidates.iter().find(|c| c.id == t.id)) {
        Some(c) => {
            let constraint = r.primary.as_ref().map_or("", |p| pb.constraint(p.constraint).name.as_str());
            let head = format!("{} → fixes {constraint}", c.title.trim().replace('\n', " "));
            lines.extend(wrap(&head, inner).into_iter().take(2).map(|l| Line::styled(l, theme.good())));
            let mut metric = c.metric.trim().replace('\n', " ");
            if metric.is_empty() {
                metric = "(success metric still open)".into();
            }
            if !c.target.trim().is_empty() {
                metric = format!("{metric}: {} → {}", c.baseline.trim(), c.target.trim());
            }
            lines.extend(wrap(&format!("Metric: {metric}"), inner).into_iter().take(2).map(Line::raw));
        }
        None => lines.extend(wrap(&route.summary, inner).into_iter().take(3).map(Line::raw)),
    }
    (route.title.clone(), lines)
}

pub fn draw(frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
    let (title, hero_lines) = hero(w, area.width, theme);
    let h = (hero_lines.len() as u16 + 2).min(area.height);
    let boxed = ratatui::widgets::Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.title().add_modifier(Modifier::REVERSED)))
        .border_style(theme.border())
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(Paragraph::new(hero_lines).block(boxed), Rect { height: h, ..area });
    let area = Rect { y: area.y + h, height: area.height - h, ..area };
    if area.height == 0 {
        return;
    }
    let all = lines(&w.derived.report, area.width, theme);
    let max = (all.len() as u16).saturating_sub(area.height);
    let scroll = w.scroll.min(max);
    // Only the visible lines go to the Paragraph: it would lay out every skipped one too.
    let visible: Vec<Line> =
        all.into_iter().skip(usize::from(scroll)).take(usize::from(area.height)).collect();
    frame.render_widget(Paragraph::new(visible), area);
    if max > 0 && area.width > 10 {
        let more = if scroll < max { "↓ more" } else { "↑ top" };
        let r = Rect { x: area.right() - 7, y: area.bottom() - 1, width: 7, height: 1 };
        frame.render_widget(Paragraph::new(more).style(theme.dim()), r);
    }
}
