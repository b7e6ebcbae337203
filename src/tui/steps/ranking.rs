//! Ranking: the primary constraint's scored candidates, weakest link first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::StepScreen;
use crate::method::{Dimension, Session, playbook, wording};
use crate::report::fmt_median;
use crate::tui::app::{Derived, Editing, Overlay, Wizard};
use crate::tui::field::Field;
use crate::tui::keys::Action;
use crate::tui::theme::Theme;
use crate::tui::view::Form;
use crate::tui::view::text::{fit, title_or_untitled, wrap};

pub struct Ranking;

/// Lines above the table's rows: title, rule, legend, gap, header.
const ABOVE: u16 = 5;

impl StepScreen for Ranking {
    fn title(&self) -> String {
        "Ranking".into()
    }

    fn done_rule(&self) -> &'static str {
        "every candidate of the primary constraint is scored by everyone on all four dimensions"
    }

    fn done(&self, s: &Session, d: &Derived) -> bool {
        // Scored by everyone on every dimension: each tally counts every participant.
        let people = s.participants.len();
        !d.listed.is_empty()
            && d.listed.iter().all(|&i| {
                d.tallies().get(i).is_some_and(|t| t.iter().all(|t| t.is_some_and(|t| t.count == people)))
            })
    }

    /// A tie at the top is the team's to break: the tied candidates become rows to pick.
    fn fields(&self, s: &Session, d: &Derived, _: Editing) -> Vec<Field> {
        let tied = &d.recommendation.top_tied;
        if tied.len() < 2 {
            return Vec::new();
        }
        tied.iter()
            .filter_map(|id| s.candidate_index(id))
            .map(|candidate| Field::TiePick { candidate })
            .collect()
    }

    fn can(&self, w: &Wizard, action: Action) -> bool {
        action == Action::Activate && matches!(w.focused(), Some(Field::TiePick { .. }))
    }

    fn act(&self, w: &mut Wizard, action: Action) -> Option<Overlay> {
        if let (Action::Activate, Some(Field::TiePick { candidate })) = (action, w.focused()) {
            // Enter on the pick again takes it back.
            let picked = w.session.first_move.as_deref() == Some(w.session.candidates[candidate].id.as_str());
            if w.session.set_first_move(if picked { None } else { Some(candidate) }) {
                w.touch();
            }
        }
        None
    }

    fn max_scroll(&self, w: &Wizard, area: Rect) -> u16 {
        Geometry::of(w, area).max_scroll(w)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
        let r = &w.derived.recommendation;
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled("Ranking: high on all four beats high on average", theme.title()),
                Line::styled(wording::ranking_rule(), theme.dim()),
                Line::styled(
                    format!("* {} · ! could change the decision: discuss first", wording::discuss_rule()),
                    theme.dim(),
                ),
            ]),
            area,
        );
        let geometry = Geometry::of(w, area);
        // Measured once a frame: it wraps every candidate's title.
        let skip = usize::from(w.scroll.min(geometry.max_scroll(w)));
        let Geometry { names, dims, title_w, flags_w, narrow, height, body_rows } = geometry;
        let mut header = vec!["#".to_string(), "Candidate".to_string()];
        header.extend(names.iter().cloned());
        header.extend(["Lowest", "Mean", "Sum", "Flags"].map(String::from));
        let mut widths = vec![2, title_w];
        widths.extend(&dims);
        widths.extend([6, 4, 4, flags_w]);
        let rows: Vec<Row> = r
            .ranking
            .iter()
            .enumerate()
            .skip(skip)
            .take(body_rows)
            .map(|(k, c)| {
                let title = lines(&wrap(&title_or_untitled(&c.title), title_w as u16), title_w, height);
                let mut cells = vec![Cell::from((k + 1).to_string()), Cell::from(title)];
                cells.extend(Dimension::ALL.iter().zip(&dims).map(|(&d, &dw)| {
                    let m = fmt_median(c.medians.get(d));
                    if c.discuss_first.contains(&d) {
                        Cell::from(Span::styled(fit(&format!("{m}!"), dw), theme.bad()))
                    } else if c.discuss.contains(&d) {
                        Cell::from(Span::styled(fit(&format!("{m}*"), dw), theme.warn()))
                    } else {
                        Cell::from(fit(&m, dw))
                    }
                }));
                cells.push(Cell::from(Span::styled(fmt_median(c.lowest), theme.good())));
                cells.push(Cell::from(crate::report::fmt_mean(c.mean)));
                cells.push(Cell::from(fmt_median(c.sum)));
                let flags = flag_names(c, narrow);
                let flags = if height > 1 { flags } else { vec![flags.join(", ")] };
                cells.push(Cell::from(lines(&flags, flags_w, height)).style(theme.warn()));
                Row::new(cells).height(height).style(if k == 0 { theme.title() } else { theme.text() })
            })
            .collect();
        let widths: Vec<Constraint> = widths.iter().map(|w| Constraint::Length(*w as u16)).collect();
        let header: Vec<String> = header
            .iter()
            .zip(&widths)
            .map(|(h, w)| match w {
                Constraint::Length(n) => fit(h, usize::from(*n)),
                _ => h.clone(),
            })
            .collect();
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
        let picks = w.fields();
        if !picks.is_empty() {
            let shown = (r.ranking.len().min(body_rows) as u16) * height;
            let y = t_area.y + shown + 2;
            if y + 2 < area.bottom() {
                let mut form = Form::new(area.width);
                form.para(
                    "Tied at the top on all three keys: the team picks the first move (Enter on one).",
                    theme.warn(),
                );
                form.fields(picks);
                form.render(frame, Rect { y, height: area.bottom() - y, ..area }, w, theme);
            }
        } else if !r.unscored.is_empty() {
            let shown = (r.ranking.len().min(body_rows) as u16) * height;
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

/// The table's columns and rows at a width: drawing and the scroll limit use the same, so
/// scroll is clamped where it changes.
struct Geometry {
    names: Vec<String>,
    dims: Vec<usize>,
    title_w: usize,
    flags_w: usize,
    /// Dimension and flag names are shortened ("Evid.", "unproven").
    narrow: bool,
    /// Lines per row: more than one when a title or the flags do not fit on one (at 80
    /// columns), so they wrap instead of ending in an ellipsis.
    height: u16,
    /// Rows that fit under the header.
    body_rows: usize,
}

impl Geometry {
    fn of(w: &Wizard, area: Rect) -> Geometry {
        let pb = playbook();
        // Every column as wide as its header or values; the title and the flags share what
        // is left, and anything cut ends in an ellipsis.
        let full: Vec<String> = Dimension::ALL.iter().map(|&d| pb.dimension(d).short.clone()).collect();
        let fixed = [2usize, 6, 4, 4]; // #, Lowest, Mean, Sum
        let columns = 4 + full.len() + 2;
        let need = |names: &[String]| {
            fixed.iter().sum::<usize>() + names.iter().map(|n| n.chars().count()).sum::<usize>() + columns - 1
        };
        // On a narrow screen the long dimension names are abbreviated with a full stop
        // ("Evid."), never cut blind, so the candidates' titles keep their room.
        let narrow = usize::from(area.width) < need(&full) + 48;
        let names: Vec<String> = if narrow {
            full.iter()
                .map(|n| {
                    if n.chars().count() > 6 {
                        format!("{}.", n.chars().take(4).collect::<String>())
                    } else {
                        n.clone()
                    }
                })
                .collect()
        } else {
            full
        };
        let dims: Vec<usize> = names.iter().map(|n| n.chars().count().max(4)).collect();
        let spare = usize::from(area.width).saturating_sub(need(&names));
        // Flags get room for the longest short flag name, the title the rest.
        let flags_w = (spare / 3).max(12).min(spare);
        let title_w = spare - flags_w;
        // A title that does not fit wraps onto a second and third line, and the flags go one
        // a line, where the rows then have the room.
        let ranking = &w.derived.recommendation.ranking;
        let needed = ranking
            .iter()
            .map(|c| {
                let title = wrap(&title_or_untitled(&c.title), title_w.max(1) as u16).len();
                let flags = flag_names(c, narrow);
                let flags = if flags.join(", ").chars().count() > flags_w { flags.len() } else { 1 };
                title.max(flags)
            })
            .max()
            .unwrap_or(1);
        let room = usize::from(area.height.saturating_sub(ABOVE));
        // Taller rows only while every candidate still fits on the screen.
        let height = (1..=needed.min(3)).rev().find(|h| h * ranking.len() <= room).unwrap_or(1);
        Geometry { names, dims, title_w, flags_w, narrow, height: height as u16, body_rows: room / height }
    }

    /// How far the table scrolls: the rows that do not fit under the header.
    fn max_scroll(&self, w: &Wizard) -> u16 {
        (w.derived.recommendation.ranking.len() as u16).saturating_sub(self.body_rows as u16)
    }
}

/// A candidate's flags by name (short names on narrow screens).
fn flag_names(c: &crate::method::recommend::RankedCandidate, narrow: bool) -> Vec<String> {
    let pb = playbook();
    c.flags
        .iter()
        .map(|f| if narrow { pb.flag(*f).short.clone() } else { pb.flag(*f).name.clone() })
        .collect()
}

/// `texts` in `height` lines of `width` cells: the last line shown ends in an ellipsis when
/// more was left.
fn lines(texts: &[String], width: usize, height: u16) -> Text<'static> {
    let height = usize::from(height.max(1));
    let mut out: Vec<String> = texts.iter().take(height).cloned().collect();
    if texts.len() > height
        && let Some(last) = out.last_mut()
    {
        *last = crate::tui::view::text::cut(&format!("{} {}", last, texts[height..].join(" ")), width);
    }
    Text::from(out.into_iter().map(|l| Line::raw(fit(&l, width))).collect::<Vec<_>>())
}
