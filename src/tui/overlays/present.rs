//! F4: the presentation view. The reveal of a private round, the ranking, or the
//! recommendation, with the essentials only and room between lines, in the styles that hold
//! on a projector, on a light or dark background, and without colour (bold and reverse).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::method::rounds::{Subject, VoterStatus, convergence};
use crate::method::thresholds::DISCUSS_SPREAD;
use crate::method::{Dimension, Session, Step, playbook};
use crate::report::fmt_median;
use crate::tui::app::{App, Overlay, Wizard};
use crate::tui::keys::Action;
use crate::tui::theme::Theme;
use crate::tui::view::text::{fit, one_line, wrap};
use crate::tui::workshop::{constraint_of, ends_line};

/// The view's lines at `width`: a heading, then the essentials, a blank line between each.
pub fn lines(w: &Wizard, width: u16, theme: Theme) -> Vec<Line<'static>> {
    // (text, style, blank line after)
    let items = essentials(w, theme);
    let mut out = Vec::new();
    for (text, style, gap) in items {
        for l in wrap(&text, width.max(10)) {
            out.push(Line::styled(l, style));
        }
        if gap {
            out.push(Line::raw(""));
        }
    }
    out
}

fn essentials(w: &Wizard, theme: Theme) -> Vec<(String, Style, bool)> {
    let mut out = Vec::new();
    let s = &w.session;
    let r = &w.derived.recommendation;
    match w.step() {
        Step::Ranking => {
            out.push(("RANKING · weakest link first".into(), theme.present_title(), true));
            if r.ranking.is_empty() {
                out.push((
                    "No candidate of the primary constraint is fully scored yet.".into(),
                    theme.text(),
                    true,
                ));
            }
            for (k, c) in r.ranking.iter().take(5).enumerate() {
                let dims: Vec<String> = Dimension::ALL
                    .iter()
                    .map(|d| format!("{} {}", playbook().dimension(*d).short, fmt_median(c.medians.get(*d))))
                    .collect();
                let style = if k == 0 { theme.present_title() } else { theme.text() };
                out.push((format!("{}. {}", k + 1, one_line(&c.title)), style, false));
                out.push((
                    format!("   lowest {} · {}", fmt_median(c.lowest), dims.join(" · ")),
                    theme.text(),
                    true,
                ));
            }
        }
        Step::Recommendation => {
            let route = playbook().route(r.route);
            out.push((format!("RECOMMENDATION · {}", route.title), theme.present_title(), true));
            if let Some(p) = &r.primary {
                let name = &playbook().constraint(p.constraint).name;
                out.push((format!("Primary constraint: {name}"), theme.text(), true));
            }
            if let Some(c) = r.top_candidate() {
                out.push((format!("First move: {}", one_line(&c.title)), theme.present_title(), true));
                out.push((
                    format!("Lowest median {} · mean {}", fmt_median(c.lowest), fmt_median(c.mean)),
                    theme.text(),
                    true,
                ));
            }
            out.push((route.summary.clone(), theme.text(), true));
        }
        Step::Candidates => {
            let Some(i) = w.editing_candidate() else { return out };
            let subject = Subject::Scores(s.candidates[i].id.clone());
            let Some(k) = s.latest_round(&subject) else { return out };
            let round = &s.workshop.rounds[k];
            let n = s.rounds_on(&subject).len();
            out.push((
                format!("{} · ROUND {n}", one_line(&s.candidates[i].title)),
                theme.present_title(),
                true,
            ));
            if round.is_open() {
                out.push(("Hidden until the reveal.".into(), theme.text(), true));
                return out;
            }
            for item in round.items() {
                let Some(d) = item.dimension else { continue };
                let line = match item.tally {
                    Some(t) => format!(
                        "{}: median {} · spread {}",
                        playbook().dimension(d).name,
                        fmt_median(t.median),
                        t.spread
                    ),
                    None => format!("{}: no votes", playbook().dimension(d).name),
                };
                let disputed = item.tally.is_some_and(|t| t.spread >= DISCUSS_SPREAD);
                let ends = ends_line(s, round, &item);
                out.push((line, if disputed { theme.present_title() } else { theme.text() }, ends.is_none()));
                // Who is lowest and highest, as on every reveal; where the room is far apart,
                // the question to ask them.
                if let Some(ends) = ends {
                    let ask = if disputed { " · ask why" } else { "" };
                    let ends = ends.split_once(": ").map_or(ends.clone(), |(_, e)| e.to_string());
                    out.push((format!("   {ends}{ask}"), theme.text(), true));
                }
            }
            converged(&mut out, s, &subject, theme);
        }
        step => {
            let Some(c) = constraint_of(step) else { return out };
            let subject = Subject::Severity(c);
            let Some(i) = s.latest_round(&subject) else { return out };
            let round = &s.workshop.rounds[i];
            let n = s.rounds_on(&subject).len();
            let name = playbook().constraint(c).name.to_uppercase();
            out.push((format!("{name} · ROUND {n}"), theme.present_title(), true));
            if round.is_open() {
                out.push(("Hidden until the reveal.".into(), theme.text(), true));
                return out;
            }
            let items = round.items();
            let Some(item) = items.first() else { return out };
            if let Some(t) = item.tally {
                let line = format!("MEDIAN {}   ·   SPREAD {}", fmt_median(t.median), t.spread);
                out.push((line, theme.present_title(), true));
            }
            for (person, p) in s.participants.iter().enumerate() {
                if !round.voters.contains(&p.id) {
                    continue;
                }
                let who = fit(&s.participant_label(person), 18);
                let value = match (round.status(&p.id), round.value(&p.id, None)) {
                    (VoterStatus::Voted, Some(v)) => {
                        let end = item.end_mark(&p.id).map_or(String::new(), |m| format!("   {m}"));
                        format!("{}  {v}{end}", "█".repeat(usize::from(v) * 2))
                    }
                    (VoterStatus::Abstained, _) => "abstained".into(),
                    _ => "did not vote".into(),
                };
                out.push((format!("{who} {value}"), theme.text(), true));
            }
            if item.tally.is_some_and(|t| t.spread >= DISCUSS_SPREAD) {
                out.push((playbook().workshop.ask_why.clone(), theme.present_title(), true));
            }
            converged(&mut out, s, &subject, theme);
        }
    }
    out
}

/// The rounds so far on `subject`, when there was more than one: the room converging (or not).
fn converged(out: &mut Vec<(String, Style, bool)>, s: &Session, subject: &Subject, theme: Theme) {
    if let Some(c) = convergence(s).into_iter().find(|c| &c.subject == subject)
        && c.rounds.len() > 1
    {
        out.push((c.line(), theme.text(), true));
    }
}

fn margins(area: Rect) -> Rect {
    let x = if area.width >= 100 { 6 } else { 2 };
    let y = if area.height >= 30 { 3 } else { 1 };
    Rect {
        x: area.x + x,
        y: area.y + y,
        width: area.width.saturating_sub(2 * x),
        height: area.height.saturating_sub(y + 1),
    }
}

pub fn max_scroll(app: &App) -> u16 {
    let Some(w) = app.wizard() else { return 0 };
    let inner = margins(Rect::new(0, 0, app.size.0, app.size.1));
    (lines(w, inner.width, app.theme).len() as u16).saturating_sub(inner.height)
}

pub fn draw(frame: &mut Frame, area: Rect, scroll: u16, app: &App) {
    let Some(w) = app.wizard() else { return };
    frame.render_widget(Clear, area);
    let inner = margins(area);
    let body = lines(w, inner.width, app.theme);
    frame.render_widget(Paragraph::new(body).scroll((scroll, 0)), inner);
    let foot = Rect { x: inner.x, y: area.bottom().saturating_sub(1), width: inner.width, height: 1 };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            // The mode, as in every footer: keys act here, nothing is typed.
            Span::styled(" KEYS ", app.theme.focus()),
            Span::styled("  Esc / F4: back to the wizard", app.theme.dim()),
        ])),
        foot,
    );
}

pub fn can(app: &App, scroll: u16, action: Action) -> bool {
    match action {
        Action::Up => scroll > 0,
        Action::Down => scroll < max_scroll(app),
        _ => true,
    }
}

pub fn act(app: &mut App, scroll: u16, action: Action) {
    app.overlay = match action {
        Action::Up => Some(Overlay::Present { scroll: scroll.saturating_sub(1) }),
        Action::Down => Some(Overlay::Present { scroll: (scroll + 1).min(max_scroll(app)) }),
        Action::Back => None,
        _ => Some(Overlay::Present { scroll }),
    };
}
