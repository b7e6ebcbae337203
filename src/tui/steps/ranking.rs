//! Ranking: the primary constraint's scored candidates, weakest link first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::StepScreen;
use crate::method::{Dimension, Session, playbook, wording};
use crate::report::fmt_median;
use crate::tui::app::{Derived, Editing, Wizard};
use crate::tui::field::Field;
use crate::tui::theme::Theme;
use crate::tui::view::text::title_or_untitled;

pub struct Ranking;

/// Lines above the table's rows: title, rule, gap, header.
const ABOVE: u16 = 4;

impl StepScreen for Ranking {
    fn title(&self) -> String {
        "Ranking".into()
    }

    fn done_rule(&self) -> &'static str {
        "at least one candidate has scores on all four dimensions"
    }

    fn done(&self, _: &Session, d: &Derived) -> bool {
        !d.recommendation.ranking.is_empty()
    }

    fn fields(&self, _: &Session, _: &Derived, _: Editing) -> Vec<Field> {
        Vec::new()
    }

    fn max_scroll(&self, w: &Wizard, area: Rect) -> u16 {
        let rows = w.derived.recommendation.ranking.len() as u16;
        rows.saturating_sub(area.height.saturating_sub(ABOVE))
    }

    fn draw(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
        let pb = playbook();
        let r = &w.derived.recommendation;
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled("Ranking: high on all four beats high on average", theme.title()),
                Line::styled(
                    format!("{} * {}", wording::ranking_rule(), wording::discuss_rule()),
                    theme.dim(),
                ),
            ]),
            area,
        );
        let narrow = area.width < 100;
        let mut header = vec!["#".to_string(), "Candidate".to_string()];
        header.extend(Dimension::ALL.iter().map(|&d| {
            let short = &pb.dimension(d).short;
            if narrow { short.chars().take(4).collect() } else { short.clone() }
        }));
        header.extend(["Low", "Sum", "Flags"].map(String::from));
        let body_rows = usize::from(area.height.saturating_sub(ABOVE));
        let skip = usize::from(w.scroll.min(self.max_scroll(w, area)));
        let rows: Vec<Row> = r
            .ranking
            .iter()
            .enumerate()
            .skip(skip)
            .take(body_rows)
            .map(|(k, c)| {
                let mut cells = vec![Cell::from((k + 1).to_string()), Cell::from(c.title.replace('\n', " "))];
                cells.extend(Dimension::ALL.iter().map(|&d| {
                    let m = fmt_median(c.medians.get(d));
                    if c.discuss.contains(&d) {
                        Cell::from(Span::styled(format!("{m}*"), theme.warn()))
                    } else {
                        Cell::from(m)
                    }
                }));
                cells.push(Cell::from(Span::styled(fmt_median(c.lowest), theme.good())));
                cells.push(Cell::from(fmt_median(c.sum)));
                let flags: Vec<&str> = c
                    .flags
                    .iter()
                    .map(|f| if narrow { pb.flag(*f).short.as_str() } else { pb.flag(*f).name.as_str() })
                    .collect();
                cells.push(Cell::from(Span::styled(flags.join(", "), theme.warn())));
                Row::new(cells).style(if k == 0 { theme.title() } else { theme.text() })
            })
            .collect();
        let dim = if narrow { 5 } else { 11 };
        let widths = [
            Constraint::Length(2),
            Constraint::Fill(2),
            Constraint::Length(dim),
            Constraint::Length(dim),
            Constraint::Length(dim),
            Constraint::Length(dim),
            Constraint::Length(4),
            Constraint::Length(5),
            Constraint::Fill(3),
        ];
        let t_area = Rect { y: area.y + ABOVE - 1, height: area.height.saturating_sub(ABOVE - 1), ..area };
        if r.ranking.is_empty() {
            let msg = if r.primary.is_none() {
                "No primary constraint yet, so nothing to rank."
            } else {
                "No candidate has a score on all four dimensions yet."
            };
            frame.render_widget(Paragraph::new(Line::styled(msg, theme.warn())), t_area);
        } else {
            frame.render_widget(
                Table::new(rows, widths).header(Row::new(header).style(theme.label())),
                t_area,
            );
        }
        if !r.unscored.is_empty() {
            let shown = r.ranking.len().min(body_rows) as u16;
            let y = (t_area.y + shown + 2).min(area.bottom().saturating_sub(1));
            let s = &w.session;
            let titles: Vec<String> = s
                .candidates
                .iter()
                .filter(|c| r.unscored.contains(&c.id))
                .map(|c| title_or_untitled(&c.title))
                .collect();
            let line = Line::styled(format!("Awaiting scores: {}", titles.join(", ")), theme.dim());
            frame.render_widget(Paragraph::new(line), Rect { y, height: 1, ..area });
        }
    }
}
