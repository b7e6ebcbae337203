//! A step's form as a column of items (lines of text, fields, a score grid), scrolled so
//! the focused field shows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::super::app::Wizard;
use super::super::field::Field;
use super::super::theme::Theme;
use super::text::wrap;
use super::widgets;

/// One item of a form. (Not a table row: ratatui's `Row` is that.)
pub enum Item {
    Line(Line<'static>),
    Field(Field),
    /// The score grid of a candidate: a header, a row per participant, the medians.
    Grid(usize),
}

/// Builds a form's items.
pub struct Form {
    pub items: Vec<Item>,
    pub width: u16,
}

impl Form {
    pub fn new(width: u16) -> Form {
        Form { items: Vec::new(), width }
    }

    pub fn line(&mut self, line: Line<'static>) {
        self.items.push(Item::Line(line));
    }

    pub fn blank(&mut self) {
        self.line(Line::raw(""));
    }

    /// A heading on one line, cut with an ellipsis if it is longer than the width.
    pub fn heading(&mut self, text: impl Into<String>, theme: Theme) {
        let text = super::text::fit(&text.into(), usize::from(self.width));
        self.line(Line::styled(text.trim_end().to_string(), theme.title()));
    }

    /// A word-wrapped paragraph in one style.
    pub fn para(&mut self, text: &str, style: Style) {
        for l in wrap(text, self.width) {
            self.items.push(Item::Line(Line::styled(l, style)));
        }
    }

    pub fn field(&mut self, f: Field) {
        self.items.push(Item::Field(f));
    }

    pub fn fields(&mut self, fs: impl IntoIterator<Item = Field>) {
        self.items.extend(fs.into_iter().map(Item::Field));
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
        render(frame, area, &self.items, w, theme);
    }
}

fn multiline_height(w: &Wizard, f: Field, width: u16) -> u16 {
    let text = match &w.editor {
        Some(e) if e.field == f => e.text(),
        _ => f.text(&w.session).to_string(),
    };
    let lines = wrap(&text, width.saturating_sub(2)).len() as u16;
    1 + lines.clamp(3, 8)
}

fn height(item: &Item, w: &Wizard, width: u16) -> u16 {
    match item {
        Item::Line(_) => 1,
        Item::Field(f) if f.is_multiline() => multiline_height(w, *f, width),
        Item::Field(_) => 1,
        Item::Grid(_) => 2 + w.session.participants.len() as u16,
    }
}

/// Draws `items` into `area`, scrolled so the focused field is in view.
pub fn render(frame: &mut Frame, area: Rect, items: &[Item], w: &Wizard, theme: Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let focused = w.focused();
    let heights: Vec<u16> = items.iter().map(|r| height(r, w, area.width)).collect();
    // The focused item's span, including a grid's inner row.
    let mut y = 0u16;
    let mut target = None;
    for (item, h) in items.iter().zip(&heights) {
        if let Item::Field(f) = item
            && Some(*f) == focused
        {
            target = Some((y, *h));
        }
        if let (Item::Grid(_), Some(Field::Score { person, .. })) = (item, focused) {
            target = Some((y + 1 + person as u16, 1));
        }
        y = y.saturating_add(*h);
    }
    let total = y;
    let scroll = match target {
        Some((ty, th)) if ty + th > area.height => (ty + th).saturating_sub(area.height).min(ty),
        _ => 0,
    };
    let mut y = 0u16;
    for (item, h) in items.iter().zip(&heights) {
        let top = y;
        y = y.saturating_add(*h);
        if top < scroll || y - scroll > area.height {
            continue;
        }
        let r = Rect { x: area.x, y: area.y + top - scroll, width: area.width, height: *h };
        match item {
            Item::Line(l) => frame.render_widget(Paragraph::new(l.clone()), r),
            Item::Grid(i) => widgets::grid(frame, r, *i, w, theme),
            Item::Field(f) => widgets::field(frame, r, *f, w, theme),
        }
    }
    if total > area.height && area.width > 4 {
        let more = if scroll + area.height < total { "↓ more" } else { "↑ more" };
        let r = Rect {
            x: area.right().saturating_sub(7),
            y: area.bottom() - 1,
            width: 7.min(area.width),
            height: 1,
        };
        frame.render_widget(Paragraph::new(more).style(theme.dim()), r);
    }
}
