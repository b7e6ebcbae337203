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

/// The window after `action`; `None` closes it. Scroll stops where the content ends.
pub fn act(scroll: u16, action: Action, size: (u16, u16)) -> Option<Overlay> {
    let (_, hidden) = layout(size, lines(Theme::MONO).len() as u16);
    match action {
        Action::Back => None,
        Action::Up => Some(Overlay::Help { scroll: scroll.min(hidden).saturating_sub(1) }),
        Action::Down => Some(Overlay::Help { scroll: (scroll + 1).min(hidden) }),
        _ => Some(Overlay::Help { scroll }),
    }
}
