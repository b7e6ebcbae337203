//! The recommendation: the headline in a box, then the whole report, scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use super::StepScreen;
use crate::method::{Session, playbook, wording};
use crate::tui::app::{Derived, Editing, Wizard};
use crate::tui::field::Field;
use crate::tui::theme::Theme;
use crate::tui::view::report::lines;
use crate::tui::view::text::{one_line, wrap};

pub struct Recommendation;

impl StepScreen for Recommendation {
    fn title(&self) -> String {
        "Recommendation".into()
    }

    fn done_rule(&self) -> &'static str {
        "the ranking is complete and the rules name a move: a first move, or discovery on it"
    }

    fn done(&self, s: &Session, d: &Derived) -> bool {
        d.recommendation.top.is_some() && super::screen(crate::method::Step::Ranking).done(s, d)
    }

    fn fields(&self, _: &Session, _: &Derived, _: Editing) -> Vec<Field> {
        Vec::new()
    }

    fn max_scroll(&self, w: &Wizard, area: Rect) -> u16 {
        let body = body_area(w, area);
        let total = w.derived.report_height(body.width, || {
            lines(w.derived.report(&w.session), body.width, Theme::MONO).len() as u16
        });
        shown_in(body, total).map_or(0, |text| total - text.height)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
        let (title, hero_lines) = hero(w, area.width, theme);
        let boxed = Block::bordered()
            .title(Span::styled(format!(" {title} "), theme.title().add_modifier(Modifier::REVERSED)))
            .border_style(theme.border())
            .padding(Padding::horizontal(1));
        let h = hero_height(w, area);
        frame.render_widget(Paragraph::new(hero_lines).block(boxed), Rect { height: h, ..area });
        let body = body_area(w, area);
        if body.height == 0 {
            return;
        }
        let all = w
            .derived
            .report_lines(body.width, theme, || lines(w.derived.report(&w.session), body.width, theme));
        let total = all.len() as u16;
        // When the report is longer than the screen, its last line says where the room is.
        let text = shown_in(body, total).unwrap_or(body);
        let max = total.saturating_sub(text.height);
        let scroll = w.scroll.min(max);
        // Only the visible lines go to the Paragraph: it would lay out every skipped one too.
        let visible: Vec<Line> =
            all.iter().skip(usize::from(scroll)).take(usize::from(text.height)).cloned().collect();
        frame.render_widget(Paragraph::new(visible), text);
        if max > 0 {
            let arrow = if scroll == 0 {
                "↓"
            } else if scroll < max {
                "↕"
            } else {
                "↑"
            };
            let at =
                format!("lines {}–{} of {total} {arrow}  Space b Home End", scroll + 1, scroll + text.height);
            let r = Rect { y: body.bottom() - 1, height: 1, ..body };
            let line = Paragraph::new(at).style(theme.dim()).alignment(ratatui::layout::Alignment::Right);
            frame.render_widget(line, r);
        }
    }
}

/// Where the report's text goes when it does not fit `body`: all but the last line, which
/// shows the position. `None` when it fits.
fn shown_in(body: Rect, total: u16) -> Option<Rect> {
    (total > body.height && body.height > 1).then(|| Rect { height: body.height - 1, ..body })
}

fn hero_height(w: &Wizard, area: Rect) -> u16 {
    (hero(w, area.width, Theme::MONO).1.len() as u16 + 2).min(area.height)
}

/// Where the report scrolls: below the headline box.
fn body_area(w: &Wizard, area: Rect) -> Rect {
    let h = hero_height(w, area);
    Rect { y: area.y + h, height: area.height - h, ..area }
}

/// The headline in a box: what a room reads from the back of the projector room.
fn hero(w: &Wizard, width: u16, theme: Theme) -> (String, Vec<Line<'static>>) {
    let s = &w.session;
    let r = &w.derived.recommendation;
    let pb = playbook();
    let route = pb.route(r.route);
    let inner = width.saturating_sub(4);
    let mut lines = Vec::new();
    match r.top_candidate().and_then(|t| s.candidates.iter().find(|c| c.id == t.id)) {
        Some(c) => {
            let constraint = r.primary.as_ref().map_or("", |p| pb.constraint(p.constraint).name.as_str());
            let head = format!("{} → fixes {constraint}", one_line(c.title.trim()));
            lines.extend(wrap(&head, inner).into_iter().take(2).map(|l| Line::styled(l, theme.good())));
            let mut metric = one_line(c.metric.trim());
            if metric.is_empty() {
                metric = "(success metric still open)".into();
            }
            if !c.target.trim().is_empty() {
                metric = format!("{metric}: {} → {}", c.baseline.trim(), c.target.trim());
            }
            lines.extend(wrap(&format!("Metric: {metric}"), inner).into_iter().take(2).map(Line::raw));
            // Why, and how sure: the two questions a room asks first.
            if let Some(why) = &r.why {
                let text = format!("Why: {}", wording::why_decided(r, &why.decided_by));
                lines.extend(wrap(&text, inner).into_iter().take(2).map(|l| Line::styled(l, theme.text())));
            }
            if let Some(sure) = wording::robustness_move(&r.robustness.first_move, r.route) {
                let style = if r.robustness.first_move.flip_count > 0 { theme.warn() } else { theme.text() };
                lines.extend(wrap(&sure, inner).into_iter().take(2).map(|l| Line::styled(l, style)));
            }
        }
        None => lines.extend(wrap(&route.summary, inner).into_iter().take(3).map(Line::raw)),
    }
    (route.title.clone(), lines)
}
