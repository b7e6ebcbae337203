//! The primary constraint: the severity table, the suggestion, and the team's pick.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::StepScreen;
use crate::method::rules::Suggestion;
use crate::method::{ConstraintId, Session, playbook, wording};
use crate::report::fmt_median;
use crate::tui::app::{Derived, Editing, Wizard};
use crate::tui::field::Field;
use crate::tui::theme::Theme;
use crate::tui::view::Form;

pub struct Primary;

impl StepScreen for Primary {
    fn title(&self) -> String {
        "Primary constraint".into()
    }

    fn done_rule(&self) -> &'static str {
        "there is a primary constraint: the team's pick, or a suggestion without a tie"
    }

    fn done(&self, _: &Session, d: &Derived) -> bool {
        d.primary().is_some()
    }

    fn fields(&self, _: &Session, _: &Derived, _: Editing) -> Vec<Field> {
        vec![Field::PrimaryPick]
    }

    fn draw(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
        let pb = playbook();
        let s = &w.session;
        let r = &w.derived.recommendation;
        let primary = w.derived.primary();
        frame.render_widget(
            Paragraph::new(Line::styled("Which one constraint comes first?", theme.title())),
            area,
        );
        let people = s.participants.len();
        let mut header = vec!["Constraint".to_string()];
        header.extend((0..people).map(|p| s.participant_label(p).chars().take(8).collect::<String>()));
        header.extend(["Median", "Spread", "Clear"].map(String::from));
        let mut widths = vec![Constraint::Length(13)];
        widths.extend((0..people).map(|_| Constraint::Length(8)));
        widths.extend([Constraint::Length(7), Constraint::Length(14), Constraint::Length(6)]);
        let rows: Vec<Row> =
            r.constraints
                .iter()
                .map(|c| {
                    let here = Some(c.constraint) == primary;
                    let mut cells = vec![Cell::from(format!(
                        "{}{}",
                        if here { "▶ " } else { "  " },
                        pb.constraint(c.constraint).name
                    ))];
                    cells.extend((0..people).map(|p| {
                        Cell::from(s.severity(c.constraint, p).map_or("·".into(), |v| v.to_string()))
                    }));
                    let (m, sp) = match c.severity {
                        Some(t) => (
                            fmt_median(t.median),
                            Span::styled(
                                format!("{}{}", t.spread, if t.discuss() { " discuss" } else { "" }),
                                if t.discuss() { theme.warn() } else { theme.text() },
                            ),
                        ),
                        None => ("–".into(), Span::raw("–")),
                    };
                    cells.extend([Cell::from(m), Cell::from(sp), Cell::from(c.clear_pressures.to_string())]);
                    Row::new(cells).style(if here { theme.good() } else { theme.text() })
                })
                .collect();
        let table_h = (ConstraintId::ALL.len() as u16 + 1).min(area.height.saturating_sub(2));
        let t_area = Rect { y: area.y + 2, height: table_h, ..area };
        frame.render_widget(Table::new(rows, widths).header(Row::new(header).style(theme.label())), t_area);

        let mut form = Form::new(area.width);
        form.blank();
        let tied = matches!(r.suggestion, Suggestion::Tie(_));
        form.para(&wording::suggestion_sentence(r), if tied { theme.warn() } else { theme.good() });
        form.para(
            "Pick one to override the suggestion (← →, 1-5), or 0 to follow it. Fixing several at once spreads the team thin.",
            theme.dim(),
        );
        form.field(Field::PrimaryPick);
        // Only set when there is a primary constraint, and never equal to it.
        if let Some(n) = r.next_bottleneck {
            form.para(&format!("Next bottleneck after that: {}.", pb.constraint(n).name), theme.dim());
        }
        let y = t_area.bottom();
        if y < area.bottom() {
            form.render(frame, Rect { y, height: area.bottom() - y, ..area }, w, theme);
        }
    }
}
