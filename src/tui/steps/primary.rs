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
use crate::tui::view::text::fit;

pub struct Primary;

impl StepScreen for Primary {
    fn title(&self) -> String {
        "Primary constraint".into()
    }

    fn done_rule(&self) -> &'static str {
        "everyone rated every constraint, and there is one primary: the team's pick or an untied suggestion"
    }

    fn done(&self, s: &Session, d: &Derived) -> bool {
        let all_rated =
            ConstraintId::ALL.iter().all(|&c| (0..s.participants.len()).all(|p| s.severity(c, p).is_some()));
        all_rated && d.primary().is_some()
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
        // Fixed columns for the constraint and the tallies; the people share the rest, each
        // name cut with an ellipsis rather than by the table.
        let fixed = [13usize, 6, 10, 5];
        let gaps = fixed.len() + people - 1;
        let each = (usize::from(area.width).saturating_sub(fixed.iter().sum::<usize>() + gaps)
            / people.max(1))
        .clamp(3, 12);
        let mut widths = vec![fixed[0]];
        widths.extend(std::iter::repeat_n(each, people));
        widths.extend(&fixed[1..]);
        let mut header = vec!["Constraint".to_string()];
        header.extend((0..people).map(|p| s.participant_label(p)));
        header.extend(["Median", "Spread", "Clear"].map(String::from));
        let header: Vec<String> = header.iter().zip(&widths).map(|(h, w)| fit(h, *w)).collect();
        let rows: Vec<Row> =
            r.constraints
                .iter()
                .map(|c| {
                    let here = Some(c.constraint) == primary;
                    let name =
                        format!("{}{}", if here { "▶ " } else { "  " }, pb.constraint(c.constraint).name);
                    let mut cells = vec![Cell::from(fit(&name, widths[0]))];
                    cells.extend((0..people).map(|p| {
                        Cell::from(s.severity(c.constraint, p).map_or("·".into(), |v| v.to_string()))
                    }));
                    let spread_w = widths[people + 2];
                    let (m, sp) = match c.severity {
                        Some(t) => (
                            fmt_median(t.median),
                            Span::styled(
                                fit(
                                    &format!("{}{}", t.spread, if t.discuss() { " discuss" } else { "" }),
                                    spread_w,
                                ),
                                if t.discuss() { theme.warn() } else { theme.text() },
                            ),
                        ),
                        None => ("–".into(), Span::raw("–")),
                    };
                    cells.extend([Cell::from(m), Cell::from(sp), Cell::from(c.clear_pressures.to_string())]);
                    Row::new(cells).style(if here { theme.good() } else { theme.text() })
                })
                .collect();
        let widths: Vec<Constraint> = widths.iter().map(|w| Constraint::Length(*w as u16)).collect();
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
        if let Some(sure) = wording::robustness_primary(&r.robustness.primary) {
            form.para(&sure, theme.dim());
        }
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
