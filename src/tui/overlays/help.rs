//! The `?` window: every key, built from the key table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{centered, window};
use crate::tui::app::Overlay;
use crate::tui::keys::{Action, help_sections};
use crate::tui::theme::Theme;

const WIDTH: u16 = 80;

fn lines(theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (section, items) in help_sections() {
        lines.push(Line::styled(section, theme.title()));
        for (keys, what) in items {
            lines.push(Line::from(vec![Span::styled(format!("  {keys:<24}"), theme.key()), Span::raw(what)]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled("Every change is saved at once. ↑ ↓ scroll · Esc closes", theme.dim()));
    lines
}

/// The window's place in a frame of `size`, and how many lines it cannot show.
fn layout(size: (u16, u16), total: u16) -> (Rect, u16) {
    let r = centered(Rect::new(0, 0, size.0, size.1), WIDTH, total + 2);
    (r, (total + 2).saturating_sub(r.height))
}

pub fn draw(frame: &mut Frame, area: Rect, scroll: u16, theme: Theme) {
    let lines = lines(theme);
    let (r, hidden) = layout((area.width, area.height), lines.len() as u16);
    let r = Rect { x: r.x + area.x, y: r.y + area.y, ..r };
    let mut b = window("Keys", theme);
    if hidden > 0 {
        let where_ = if scroll >= hidden { " ↑ scroll up " } else { " ↓ more: scroll with ↓ " };
        b = b.title_bottom(Line::styled(where_, theme.dim()));
    }
    frame.render_widget(Clear, r);
    frame.render_widget(Paragraph::new(lines).block(b).scroll((scroll.min(hidden), 0)), r);
}

/// How many lines the window cannot show at this size: the most it scrolls.
pub fn max_scroll(size: (u16, u16)) -> u16 {
    layout(size, lines(Theme::MONO).len() as u16).1
}

/// Whether `action` moves the window (or closes it) at this scroll and size.
pub fn can(scroll: u16, action: Action, size: (u16, u16)) -> bool {
    match action {
        Action::Up | Action::PageUp | Action::Top => scroll > 0,
        Action::Down | Action::PageDown | Action::Bottom => scroll < max_scroll(size),
        _ => true,
    }
}

/// The window after `action`; `None` closes it. Scroll stops where the content ends.
pub fn act(scroll: u16, action: Action, size: (u16, u16)) -> Option<Overlay> {
    let (r, hidden) = layout(size, lines(Theme::MONO).len() as u16);
    let page = r.height.saturating_sub(3).max(1);
    let scroll = scroll.min(hidden);
    let to = |s: u16| Some(Overlay::Help { scroll: s.min(hidden) });
    match action {
        Action::Back => None,
        Action::Up => to(scroll.saturating_sub(1)),
        Action::Down => to(scroll + 1),
        Action::PageUp => to(scroll.saturating_sub(page)),
        Action::PageDown => to(scroll + page),
        Action::Top => to(0),
        Action::Bottom => to(hidden),
        _ => to(scroll),
    }
}
