//! Qualification: is scaling a business issue yet? The five filters side by side, and the rule.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::StepScreen;
use crate::method::{Clarity, FilterId, Route, Session, playbook, wording};
use crate::tui::app::{Derived, Editing, Wizard};
use crate::tui::field::Field;
use crate::tui::theme::Theme;
use crate::tui::view::text::{fit, wrap};

pub struct Qualification;

impl StepScreen for Qualification {
    fn title(&self) -> String {
        "Qualification".into()
    }

    fn done_rule(&self) -> &'static str {
        "every pressure filter's clarity is rated"
    }

    fn done(&self, s: &Session, _: &Derived) -> bool {
        FilterId::ALL.iter().all(|&f| s.filter(f).clarity != Clarity::Unanswered)
    }

    fn fields(&self, _: &Session, _: &Derived, _: Editing) -> Vec<Field> {
        Vec::new()
    }

    fn draw(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
        let pb = playbook();
        let q = &w.derived.recommendation.qualification;
        frame.render_widget(
            Paragraph::new(Line::styled("Is scaling a business issue yet?", theme.title())),
            area,
        );
        // The answer takes what the three fixed columns leave, cut with an ellipsis.
        let answer_w = usize::from(area.width).saturating_sub(12 + 11 + 18 + 3).max(10);
        let rows: Vec<Row> = w
            .session
            .filters
            .iter()
            .map(|f| {
                let style = match f.clarity {
                    Clarity::Clear => theme.good(),
                    Clarity::Partial => theme.text(),
                    Clarity::Vague | Clarity::Unanswered => theme.warn(),
                };
                Row::new(vec![
                    Cell::from(pb.filter(f.filter).name.clone()),
                    Cell::from(Span::styled(pb.clarity(f.clarity).name.clone(), style)),
                    Cell::from(f.evidence.map_or("–".to_string(), |e| pb.evidence_kind(e).name.clone())),
                    Cell::from(fit(&f.answer, answer_w)),
                ])
            })
            .collect();
        let header = Row::new(["Filter", "Clarity", "Evidence", "Answer"]).style(theme.label());
        let widths =
            [Constraint::Length(12), Constraint::Length(11), Constraint::Length(18), Constraint::Min(10)];
        let table_h = (FilterId::ALL.len() as u16 + 1).min(area.height.saturating_sub(2));
        let t_area = Rect { y: area.y + 2, height: table_h, ..area };
        frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), t_area);

        let verdict = wording::qualification_verdict(q);
        let mut lines = vec![Line::styled(verdict, if q.qualified { theme.good() } else { theme.warn() })];
        lines.push(Line::raw(""));
        if !q.qualified {
            lines.extend(
                wrap(&pb.route(Route::CollectEvidenceFirst).next, area.width).into_iter().map(Line::raw),
            );
        }
        let dim = |t: &str| {
            wrap(t, area.width).into_iter().map(|l| Line::styled(l, theme.dim())).collect::<Vec<_>>()
        };
        lines.extend(dim(&wording::qualification_rule()));
        lines.extend(dim("You can carry on regardless: the recommendation will say what is missing."));
        let y = t_area.bottom() + 1;
        if y < area.bottom() {
            frame.render_widget(Paragraph::new(lines), Rect { y, height: area.bottom() - y, ..area });
        }
    }
}
