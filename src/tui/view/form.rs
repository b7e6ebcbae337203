//! Drawing a step's form: rows of text and fields, scrolled so the focused field shows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::super::app::Wizard;
use super::super::form::{self, Field, Kind};
use super::super::theme::Theme;
use crate::method::rules::tally;
use crate::method::{Dimension, QuestionId, playbook};
use crate::report::fmt_median;

/// Width of the label column of one-line fields.
const LABEL: u16 = 16;

pub enum Row {
    Line(Line<'static>),
    Field(Field),
    /// The score grid of a candidate: a header, a row per participant, the medians.
    Grid(usize),
}

/// Word-wraps `text` to `width` columns (measured in terminal cells).
pub fn wrap(text: &str, width: u16) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0; // kept alongside, so each word is measured once
        for word in para.split(' ') {
            let mut word = word;
            let mut word_w = word.width();
            if !line.is_empty() && line_w + 1 + word_w > width {
                out.push(std::mem::take(&mut line));
                line_w = 0;
            }
            if !line.is_empty() {
                line.push(' ');
                line_w += 1;
            }
            // A word longer than the line is cut, so nothing runs off screen.
            while word_w > width {
                let mut w = 0;
                let mut at = 0;
                for (i, c) in word.char_indices() {
                    let cw = c.width().unwrap_or(0);
                    if w + cw > width && i > 0 {
                        break;
                    }
                    w += cw;
                    at = i + c.len_utf8();
                }
                out.push(word[..at].to_string());
                word = &word[at..];
                word_w -= w;
            }
            line.push_str(word);
            line_w += word_w;
        }
        out.push(line);
    }
    out
}

/// Wrapped paragraph rows in one style.
pub fn para(rows: &mut Vec<Row>, text: &str, width: u16, style: Style) {
    for l in wrap(text, width) {
        rows.push(Row::Line(Line::styled(l, style)));
    }
}

/// `text` cut or padded to exactly `width` terminal cells.
pub fn pad(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push_str(&" ".repeat(width - w));
    out
}

/// One line, shown as a single (cut) line of its own.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ").chars().filter(|c| !c.is_control()).collect()
}

pub fn label(f: Field, w: &Wizard) -> String {
    let s = &w.session;
    let pb = playbook();
    match f {
        Field::Name => "Session name".into(),
        Field::Product => "Product".into(),
        Field::Facilitator => "Facilitator".into(),
        Field::Participant(i) => format!("Participant {}", i + 1),
        Field::Traction => "Traction".into(),
        Field::AiQuestion => "AI question".into(),
        Field::Answer(_) => "Answer".into(),
        Field::Clarity(_) => "Clarity".into(),
        Field::Evidence(_) => "Evidence".into(),
        Field::Severity(_, p) => s.participant_label(p),
        Field::ConstraintNote(_) => "Evidence note".into(),
        Field::PrimaryPick => "Team's pick".into(),
        Field::Title(_) => "Title".into(),
        Field::Behavior(_) => pb.question(QuestionId::Behavior).name.clone(),
        Field::Metric(_) => pb.question(QuestionId::Metric).name.clone(),
        Field::Risk(_) => pb.question(QuestionId::Risk).name.clone(),
        Field::Baseline(_) => "Baseline".into(),
        Field::Target(_) => "Target".into(),
        Field::Score(_, p, d) => format!("{} {}", s.participant_label(p), pb.dimension(d).short),
        Field::Check(..) | Field::CandidateRow(_) | Field::SuggestionRow(_) | Field::NewCandidate => {
            String::new()
        }
        Field::AddParticipant => "+ Add participant".into(),
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

fn height(row: &Row, w: &Wizard, width: u16) -> u16 {
    match row {
        Row::Line(_) => 1,
        Row::Field(f) if f.kind() == (Kind::Text { multiline: true }) => multiline_height(w, *f, width),
        Row::Field(_) => 1,
        Row::Grid(_) => 2 + w.session.participants.len() as u16,
    }
}

/// Draws `rows` into `area`, scrolled so the focused field is in view.
pub fn render(frame: &mut Frame, area: Rect, rows: &[Row], w: &Wizard, theme: Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let focused = w.focused();
    let heights: Vec<u16> = rows.iter().map(|r| height(r, w, area.width)).collect();
    // The focused row's span, including a grid's inner row.
    let mut y = 0u16;
    let mut target = None;
    for (row, h) in rows.iter().zip(&heights) {
        match row {
            Row::Field(f) if Some(*f) == focused => target = Some((y, *h)),
            Row::Grid(_) => {
                if let Some(Field::Score(_, p, _)) = focused {
                    target = Some((y + 1 + p as u16, 1));
                }
            }
            _ => {}
        }
        y = y.saturating_add(*h);
    }
    let total = y;
    let scroll = match target {
        Some((ty, th)) if ty + th > area.height => (ty + th).saturating_sub(area.height).min(ty),
        _ => 0,
    };
    let mut y = 0u16;
    for (row, h) in rows.iter().zip(&heights) {
        let top = y;
        y = y.saturating_add(*h);
        if top < scroll || y - scroll > area.height {
            continue;
        }
        let r = Rect { x: area.x, y: area.y + top - scroll, width: area.width, height: *h };
        draw_row(frame, r, row, w, theme);
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

fn marker(focused: bool) -> &'static str {
    if focused { "▸ " } else { "  " }
}

fn draw_row(frame: &mut Frame, r: Rect, row: &Row, w: &Wizard, theme: Theme) {
    match row {
        Row::Line(l) => frame.render_widget(Paragraph::new(l.clone()), r),
        Row::Grid(i) => draw_grid(frame, r, *i, w, theme),
        Row::Field(f) => draw_field(frame, r, *f, w, theme),
    }
}

fn draw_field(frame: &mut Frame, r: Rect, f: Field, w: &Wizard, theme: Theme) {
    let s = &w.session;
    let is_focus = w.focused() == Some(f);
    let lstyle = if is_focus { theme.focus() } else { theme.label() };
    let label_text = label(f, w);
    match f.kind() {
        Kind::Text { multiline } => {
            let head = Line::from(vec![
                Span::raw(marker(is_focus)),
                Span::styled(pad(&label_text, usize::from(LABEL) - 2), lstyle),
            ]);
            let (value_area, head_area) = if multiline {
                let head_area = Rect { height: 1, ..r };
                let body =
                    Rect { x: r.x + 2, y: r.y + 1, width: r.width.saturating_sub(2), height: r.height - 1 };
                (body, head_area)
            } else {
                let lw = LABEL.min(r.width);
                (Rect { x: r.x + lw, width: r.width - lw, ..r }, Rect { width: lw, ..r })
            };
            frame.render_widget(Paragraph::new(head), head_area);
            if multiline {
                let gutter = Rect { x: r.x, y: r.y + 1, width: 2.min(r.width), height: r.height - 1 };
                let bar: Vec<Line> = (0..gutter.height).map(|_| Line::raw("│")).collect();
                frame.render_widget(
                    Paragraph::new(bar).style(if is_focus { theme.key() } else { theme.border() }),
                    gutter,
                );
            }
            match &w.editor {
                Some(e) if e.field == f && is_focus => frame.render_widget(&e.area, value_area),
                _ => {
                    let text = f.text(s);
                    if multiline {
                        let lines: Vec<Line> = if text.trim().is_empty() {
                            vec![Line::styled("(empty: Tab here and type)", theme.dim())]
                        } else {
                            wrap(text, value_area.width).into_iter().map(Line::raw).collect()
                        };
                        frame.render_widget(Paragraph::new(lines), value_area);
                    } else {
                        let shown = if text.trim().is_empty() {
                            Span::styled("–", theme.dim())
                        } else {
                            Span::raw(one_line(text))
                        };
                        frame.render_widget(Paragraph::new(Line::from(shown)), value_area);
                    }
                }
            }
        }
        Kind::Choice => {
            let current = form::choice_get(f, s);
            let mut spans = vec![
                Span::raw(marker(is_focus)),
                Span::styled(pad(&label_text, usize::from(LABEL) - 2), lstyle),
            ];
            let options = form::choice_labels(f);
            let full: usize = options.iter().map(|o| o.width() + 4).sum();
            if full + usize::from(LABEL) <= usize::from(r.width) {
                for (k, name) in options.into_iter().enumerate() {
                    let on = current == Some(k);
                    spans.push(Span::styled(
                        format!("{} {name}", if on { "●" } else { "○" }),
                        if on { theme.chosen() } else { theme.text() },
                    ));
                    spans.push(Span::raw("  "));
                }
            } else {
                // Too narrow for every option: show the chosen one and where it sits.
                let unset = if f == Field::PrimaryPick { "follow the suggestion" } else { "not set" };
                let name = current.and_then(|k| options.get(k)).copied().unwrap_or(unset);
                spans.push(Span::styled(format!("◂ {name} ▸"), theme.chosen()));
                if let Some(k) = current {
                    spans.push(Span::styled(format!("  {} of {}", k + 1, options.len()), theme.dim()));
                }
            }
            if f == Field::PrimaryPick
                && current.is_none()
                && full + usize::from(LABEL) <= usize::from(r.width)
            {
                spans.push(Span::styled("(none: the suggestion counts)", theme.dim()));
            }
            frame.render_widget(Paragraph::new(Line::from(spans)), r);
        }
        Kind::Score => {
            let v = f.score(s);
            let mut spans = vec![
                Span::raw(marker(is_focus)),
                Span::styled(
                    format!("{:<width$}", one_line(&label_text), width = usize::from(LABEL) - 2),
                    lstyle,
                ),
            ];
            for k in 1..=5u8 {
                let on = v == Some(k);
                spans.push(Span::styled(
                    if on { format!("[{k}]") } else { format!(" {k} ") },
                    if on { theme.chosen() } else { theme.dim() },
                ));
                spans.push(Span::raw(" "));
            }
            if v.is_none() {
                spans.push(Span::styled(" not rated", theme.dim()));
            }
            frame.render_widget(Paragraph::new(Line::from(spans)), r);
        }
        Kind::Toggle => {
            let Field::Check(i, item) = f else { return };
            let Some(c) = s.candidates.get(i) else { return };
            let Some(it) = playbook().constraint(c.constraint).checklist.get(item) else { return };
            let on = c.checklist.contains(&it.id);
            let line = Line::from(vec![
                Span::raw(marker(is_focus)),
                Span::styled(
                    format!("[{}] {}", if on { "x" } else { " " }, it.name),
                    if is_focus { lstyle } else { theme.text() },
                ),
            ]);
            frame.render_widget(Paragraph::new(line), r);
        }
        Kind::Button => {
            let text = match f {
                Field::CandidateRow(i) => s.candidates.get(i).map_or(String::new(), |c| {
                    let t = if c.title.trim().is_empty() { "(untitled)" } else { c.title.trim() };
                    let m = crate::method::rules::medians(c).map_or("awaiting scores".to_string(), |m| {
                        format!("lowest {}", fmt_median(m.lowest()))
                    });
                    format!("{}  · {m}", one_line(t))
                }),
                Field::SuggestionRow(k) => {
                    let t = crate::method::rules::effective_primary(s)
                        .and_then(|p| playbook().constraint(p).suggestions.get(k).cloned())
                        .unwrap_or_default();
                    format!("+ {t}")
                }
                Field::NewCandidate => "+ Write your own candidate".into(),
                _ => label_text,
            };
            let style = match f {
                Field::SuggestionRow(_) | Field::NewCandidate | Field::AddParticipant if !is_focus => {
                    theme.dim()
                }
                _ if is_focus => theme.focus(),
                _ => theme.text(),
            };
            frame.render_widget(
                Paragraph::new(Line::from(vec![Span::raw(marker(is_focus)), Span::styled(text, style)])),
                r,
            );
        }
    }
}

fn draw_grid(frame: &mut Frame, r: Rect, i: usize, w: &Wizard, theme: Theme) {
    let s = &w.session;
    let Some(c) = s.candidates.get(i) else { return };
    let pb = playbook();
    let col = 12usize;
    let name_w = usize::from(LABEL);
    let mut lines = Vec::new();
    let mut head = vec![Span::styled(format!("{:<name_w$}", "Scores"), theme.label())];
    for &d in Dimension::ALL {
        head.push(Span::styled(format!("{:<col$}", pb.dimension(d).short), theme.label()));
    }
    lines.push(Line::from(head));
    let focused = w.focused();
    for (p, _) in s.participants.iter().enumerate() {
        let is_row = matches!(focused, Some(Field::Score(_, fp, _)) if fp == p);
        let name: String = s.participant_label(p).chars().take(name_w - 3).collect();
        let mut spans = vec![
            Span::raw(marker(is_row)),
            Span::styled(
                format!("{name:<width$}", width = name_w - 2),
                if is_row { theme.label() } else { theme.text() },
            ),
        ];
        for &d in Dimension::ALL {
            let f = Field::Score(i, p, d);
            let v = f.score(s).map_or("·".to_string(), |v| v.to_string());
            let style = if focused == Some(f) { theme.focus() } else { theme.text() };
            spans.push(Span::styled(format!(" {v} "), style));
            spans.push(Span::raw(" ".repeat(col - 3)));
        }
        lines.push(Line::from(spans));
    }
    let mut med = vec![Span::styled(format!("{:<name_w$}", "  median"), theme.label())];
    for &d in Dimension::ALL {
        let cell = match tally(c, d) {
            Some(t) => format!("{}{}", fmt_median(t.median), if t.discuss() { " discuss" } else { "" }),
            None => "–".into(),
        };
        let style = if tally(c, d).is_some_and(|t| t.discuss()) { theme.warn() } else { theme.good() };
        med.push(Span::styled(format!("{cell:<col$}"), style));
    }
    lines.push(Line::from(med));
    frame.render_widget(Paragraph::new(lines), r);
}
