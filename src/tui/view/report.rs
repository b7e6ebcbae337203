//! The report's blocks as terminal lines: the same document `firstmove report` prints,
//! laid out for a projector.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::super::theme::Theme;
use super::text::{fit, wrap};
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
            Block::Subheading(t) => {
                out.extend(wrap(t, w).into_iter().map(|l| Line::styled(l, theme.label())))
            }
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
                let mut widths: Vec<usize> = (0..head.len())
                    .map(|i| all.iter().map(|r| r[i].replace('\n', " ").width()).max().unwrap_or(0).min(40))
                    .collect();
                // Too wide for the screen: the widest column gives way first, so every
                // column stays on screen and what is cut ends in an ellipsis.
                let gaps = 2 * widths.len().saturating_sub(1);
                while widths.iter().sum::<usize>() + gaps > usize::from(w)
                    && let Some(widest) = widths.iter_mut().filter(|x| **x > 4).max_by_key(|x| **x)
                {
                    *widest -= 1;
                }
                for (n, r) in all.iter().enumerate() {
                    let cells: Vec<String> = r.iter().zip(&widths).map(|(c, w)| fit(c, *w)).collect();
                    let style = if n == 0 { theme.label() } else { theme.text() };
                    out.push(Line::styled(cells.join("  ").trim_end().to_string(), style));
                }
            }
            // The table beside it has the numbers.
            Block::Chart(_) => continue,
        }
        out.push(Line::raw(""));
    }
    out
}
