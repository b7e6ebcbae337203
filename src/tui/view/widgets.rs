//! Drawing one field, and a candidate's score grid.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::super::app::Wizard;
use super::super::field::{Field, Kind};
use super::super::theme::Theme;
use super::text::{cut, fit, title_or_untitled, wrap};
use crate::method::{Dimension, playbook};
use crate::report::fmt_median;

/// Width of the label column of one-line fields.
pub const LABEL: u16 = 16;

fn marker(focused: bool) -> &'static str {
    if focused { "▸ " } else { "  " }
}

/// One field on one row (a multi-line text field: its label, then its text).
pub fn field(frame: &mut Frame, r: Rect, f: Field, w: &Wizard, theme: Theme) {
    let s = &w.session;
    let is_focus = w.focused() == Some(f);
    if let Field::Ballot { .. } = f {
        // A private ballot: whether its person voted, never what.
        return crate::tui::workshop::draw_ballot(frame, r, f, w, theme);
    }
    let lstyle = if is_focus { theme.focus() } else { theme.label() };
    let label_text = f.label(s);
    match f.kind() {
        Kind::Text { multiline } => {
            let head = Line::from(vec![
                Span::raw(marker(is_focus)),
                Span::styled(fit(&label_text, usize::from(LABEL) - 2), lstyle),
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
                Some(e) if e.field == f && is_focus => {
                    frame.render_widget(&e.area, value_area);
                    // The terminal's own cursor at the caret: screen readers and magnifiers
                    // follow it, and it says "typing here" without colour.
                    let at = e.area.screen_cursor();
                    let (top, left) = e.area.scroll_offset();
                    let row = (at.row as u16).saturating_sub(top);
                    let col = (at.col as u16).saturating_sub(left);
                    if row < value_area.height && col < value_area.width {
                        frame.set_cursor_position((value_area.x + col, value_area.y + row));
                    }
                }
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
                            Span::raw(fit(text, usize::from(value_area.width)).trim_end().to_string())
                        };
                        frame.render_widget(Paragraph::new(Line::from(shown)), value_area);
                    }
                }
            }
        }
        Kind::Choice => {
            let current = f.choice(s);
            let mut spans = vec![
                Span::raw(marker(is_focus)),
                Span::styled(fit(&label_text, usize::from(LABEL) - 2), lstyle),
            ];
            let options = f.choices();
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
                Span::styled(fit(&label_text, usize::from(LABEL) - 2), lstyle),
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
            } else if let Field::Severity { constraint, person } = f
                && s.is_carried(constraint, person)
            {
                spans.push(Span::styled(format!(" {}", playbook().follow_through.carried), theme.warn()));
            }
            frame.render_widget(Paragraph::new(Line::from(spans)), r);
        }
        Kind::Toggle => {
            let Field::Check { candidate, item } = f else { return };
            let Some(c) = s.candidates.get(candidate) else { return };
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
            // A row is one line: what does not fit is cut with an ellipsis, never by the edge.
            let room = usize::from(r.width).saturating_sub(2);
            let text = match f {
                Field::CandidateRow { candidate } => s.candidates.get(candidate).map_or(String::new(), |c| {
                    let m = w
                        .derived
                        .lowest(candidate)
                        .map_or("awaiting scores".to_string(), |m| format!("lowest {}", fmt_median(m)));
                    // The title gives way, so its lowest median stays in view.
                    let m = format!("  · {m}");
                    format!("{}{m}", cut(&title_or_untitled(&c.title), room.saturating_sub(m.width())))
                }),
                Field::SuggestionRow { suggestion } => {
                    let t = w
                        .derived
                        .primary()
                        .and_then(|p| playbook().constraint(p).suggestions.get(suggestion).cloned())
                        .unwrap_or_default();
                    format!("+ {t}")
                }
                Field::NewCandidate => "+ Write your own candidate".into(),
                Field::TiePick { candidate } => s.candidates.get(candidate).map_or(String::new(), |c| {
                    let picked = s.first_move.as_deref() == Some(c.id.as_str());
                    let mark = if picked { "● the team's first move" } else { "○" };
                    format!("{mark}  {}", title_or_untitled(&c.title))
                }),
                Field::AddParticipant
                | Field::Decide
                | Field::AddCheckIn
                | Field::NextCycle
                | Field::RoundAct { .. }
                | Field::ScoresRound { .. } => label_text,
                Field::CheckInRow { check_in } => crate::tui::steps::check_in_row(s, check_in, &(w.today)()),
                // Not buttons: drawn above.
                Field::Name
                | Field::Product
                | Field::Facilitator
                | Field::Participant { .. }
                | Field::Traction
                | Field::AiQuestion
                | Field::Answer { .. }
                | Field::Clarity { .. }
                | Field::Evidence { .. }
                | Field::Severity { .. }
                | Field::ConstraintNote { .. }
                | Field::PrimaryPick
                | Field::CandidateText { .. }
                | Field::Score { .. }
                | Field::Ballot { .. }
                | Field::Check { .. }
                | Field::FollowText { .. }
                | Field::Direction { .. }
                | Field::Confidence
                | Field::Outcome
                | Field::CheckInText { .. }
                | Field::CheckInDecision { .. } => label_text,
            };
            // Rows that add something read quieter than the team's own rows.
            let adds = matches!(
                f,
                Field::SuggestionRow { .. } | Field::NewCandidate | Field::AddParticipant | Field::AddCheckIn
            );
            let style = if is_focus {
                theme.focus()
            } else if adds {
                theme.dim()
            } else {
                theme.text()
            };
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::raw(marker(is_focus)),
                    Span::styled(cut(&text, room), style),
                ])),
                r,
            );
        }
    }
}

/// The score grid of candidate `i`: a header, a row per participant, the medians.
pub fn grid(frame: &mut Frame, r: Rect, i: usize, w: &Wizard, theme: Theme) {
    let s = &w.session;
    if i >= s.candidates.len() {
        return;
    }
    let pb = playbook();
    let people = s.participants.len();
    let widest = (0..people).map(|p| s.participant_label(p).width()).max().unwrap_or(0);
    let width = usize::from(r.width);
    // Names as long as they need, up to a third of the width; then the four columns share
    // the rest.
    let name_w = (widest + 3).clamp(12, (width / 3).max(12));
    let col = (width.saturating_sub(name_w) / Dimension::ALL.len()).clamp(6, 16);
    let mut lines = Vec::new();
    let mut head = vec![Span::styled(fit("Scores", name_w), theme.label())];
    for &d in Dimension::ALL {
        head.push(Span::styled(fit(&format!(" {}", pb.dimension(d).short), col), theme.label()));
    }
    lines.push(Line::from(head));
    let focused = w.focused();
    for p in 0..people {
        let is_row = matches!(focused, Some(Field::Score { person, .. }) if person == p);
        let mut spans = vec![
            Span::raw(marker(is_row)),
            Span::styled(
                fit(&s.participant_label(p), name_w - 2),
                if is_row { theme.label() } else { theme.text() },
            ),
        ];
        for &d in Dimension::ALL {
            let f = Field::Score { candidate: i, person: p, dimension: d };
            // In an open private round, only the row being entered shows its values.
            let v = match crate::tui::workshop::hidden_cell(w, i, p, d) {
                Some(mask) => mask.to_string(),
                None => f.score(s).map_or("·".to_string(), |v| v.to_string()),
            };
            // The focused cell is bracketed as well as highlighted: it shows without colour.
            let (cell, style) = if focused == Some(f) {
                (format!("[{v}]"), theme.focus())
            } else {
                (format!(" {v} "), theme.text())
            };
            spans.push(Span::styled(cell, style));
            spans.push(Span::raw(" ".repeat(col.saturating_sub(3))));
        }
        lines.push(Line::from(spans));
    }
    let mut med = vec![Span::styled(fit("  median", name_w), theme.label())];
    let tallies = w.derived.tallies().get(i).copied().unwrap_or_default();
    let robustness = &w.derived.recommendation.robustness;
    for (t, &d) in tallies.iter().zip(Dimension::ALL) {
        // A disagreement that could change the decision is named as such, before the rest.
        let mark = match t {
            Some(_) if robustness.is_discuss_first(&s.candidates[i].id, d) => " discuss first",
            Some(t) if t.discuss() => " discuss",
            _ => "",
        };
        let cell = t.map_or("–".into(), |t| format!("{}{mark}", fmt_median(t.median)));
        // The medians are the last revealed round's: while a round is open they would only
        // mislead (and the open one's are hidden).
        let cell = if crate::tui::workshop::scores_round_open(w, i) { "hidden".to_string() } else { cell };
        let style = if t.is_some_and(|t| t.discuss()) { theme.warn() } else { theme.good() };
        med.push(Span::styled(fit(&format!(" {cell}"), col), style));
    }
    lines.push(Line::from(med));
    frame.render_widget(Paragraph::new(lines), r);
}
