//! `view`: draws the model and computes nothing it could be handed. The frame (header,
//! step list, footer) is here; each step draws its own body (`steps/`), each overlay its
//! own window (`overlays/`).

pub mod report;
pub mod rows;
pub mod text;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Screen, Status, Wizard};
use super::keys::Ctx;
use super::theme::Theme;
use super::{dispatch, home, keys, overlays, steps};
use crate::method::Step;

pub use rows::Form;
use text::cut;
pub use text::wrap;

/// Below this the layout cannot hold a form; a notice is drawn instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;
/// From this width a step list sits beside the form.
const SIDEBAR_FROM: u16 = 110;
const SIDEBAR: u16 = 31;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, app.theme);
        return;
    }
    match &app.screen {
        Screen::Home(h) => home::draw(frame, area, h, app),
        Screen::Wizard(w) => wizard(frame, area, w, app),
    }
    if let Some(ov) = app.overlay {
        overlays::draw(frame, area, ov, app);
    }
}

fn too_small(frame: &mut Frame, area: Rect, theme: Theme) {
    let text = vec![
        Line::styled("Enlarge the terminal", theme.title()),
        Line::raw(format!(
            "firstmove needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
            area.width, area.height
        )),
        Line::raw("Everything is saved, and keys do nothing until it is larger. Ctrl+C quits."),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// `top` rows, the rest, and `bottom` rows of `area`, as a vertical `Layout` of
/// `[Length(top), Min(0), Length(bottom)]` gives them wherever a screen is drawn (at least
/// `MIN_HEIGHT` rows), without running the constraint solver: on the home screen it was a
/// tenth of the first frame. A shorter area gives `top`, then `bottom`, what is there.
pub fn bands(area: Rect, top: u16, bottom: u16) -> [Rect; 3] {
    let top = top.min(area.height);
    let bottom = bottom.min(area.height - top);
    let middle = area.height - top - bottom;
    let at = |y: u16, height: u16| Rect { y: area.y + y, height, ..area };
    [at(0, top), at(top, middle), at(top + middle, bottom)]
}

/// The wizard's regions in a frame: header, step list (on wide terminals), step, footer.
struct Regions {
    header: Rect,
    sidebar: Option<Rect>,
    step: Rect,
    footer: Rect,
}

fn regions(area: Rect) -> Regions {
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1), Constraint::Length(2)]).areas(area);
    let (sidebar, body) = if area.width >= SIDEBAR_FROM {
        let [side, _rule, _gap, main] = Layout::horizontal([
            Constraint::Length(SIDEBAR),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(body);
        (Some(side), main)
    } else {
        (None, body)
    };
    let step = Rect { y: body.y + 1, height: body.height.saturating_sub(1), ..body };
    Regions { header, sidebar, step, footer }
}

/// Where a step is drawn in a terminal of `size`: `update` measures scroll limits with it.
pub fn step_area(size: (u16, u16)) -> Rect {
    regions(Rect::new(0, 0, size.0.max(MIN_WIDTH), size.1.max(MIN_HEIGHT))).step
}

fn wizard(frame: &mut Frame, area: Rect, w: &Wizard, app: &App) {
    let theme = app.theme;
    let r = regions(area);
    let ctx = dispatch::context(app);
    // The step list's key where it works now: g only where nothing takes text.
    let steps_key = keys::key_name(keys::Action::Jump, ctx);
    draw_header(frame, r.header, w, crate::serve::board::summary(app), steps_key, theme);
    if let Some(side) = r.sidebar {
        draw_step_list(frame, side, w, None, theme);
    }
    if let Some(side) = r.sidebar {
        // A rule between the step list and the step, so the two never read as one.
        let rule = Rect { x: side.right(), width: 1, ..side };
        let bar: Vec<Line> = (0..rule.height).map(|_| Line::raw("│")).collect();
        frame.render_widget(Paragraph::new(bar).style(theme.border()), rule);
    }
    steps::screen(w.step()).draw(frame, r.step, w, theme);
    // A choice's digits go as far as its options: "1-3", not the binding's "1-5".
    let range = w.focused().filter(|_| ctx == Ctx::Choice).map(|f| match f.choices().len() {
        1 => "1".to_string(),
        n => format!("1-{n}"),
    });
    let mut hints: Vec<(&str, &str)> = keys::hints(ctx, |a| dispatch::available(app, a));
    if let (Some(range), Some(digits)) = (&range, keys::key_name(keys::Action::Digit(0), ctx)) {
        for (k, _) in hints.iter_mut().filter(|(k, _)| *k == digits) {
            *k = range;
        }
    }
    draw_footer(frame, r.footer, mode(ctx), &hints, &app.status, theme);
}

/// `serving`: the line of `firstmove serve` (long, short), shown in place of the legend;
/// `steps_key`: the key that opens the step list here, if one does.
fn draw_header(
    frame: &mut Frame,
    area: Rect,
    w: &Wizard,
    serving: Option<(String, String)>,
    steps_key: Option<&str>,
    theme: Theme,
) {
    let s = &w.session;
    let step = w.step();
    let n = Step::ALL.len();
    let right = format!("  Step {} of {n} · {} ", step.index() + 1, steps::title(step));
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right.chars().count() as u16)])
            .areas(Rect { height: 1, ..area });
    let badge = if w.read_only { "  READ-ONLY" } else { "" };
    let mut session = super::display_name(&s.name).to_string();
    if !s.product.trim().is_empty() {
        session = format!("{session} · {}", s.product.trim());
    }
    // The name and product take what the badge and the step leave, cut with an ellipsis.
    let room = usize::from(left_area.width).saturating_sub(" firstmove │ ".chars().count() + badge.len());
    let title = vec![
        Span::styled(" firstmove ", theme.title()),
        Span::styled("│ ", theme.border()),
        Span::styled(cut(&session, room), theme.text()),
        Span::styled(badge, theme.warn()),
    ];
    frame.render_widget(Paragraph::new(Line::from(title)), left_area);
    frame.render_widget(Paragraph::new(Span::styled(right, theme.title())), right_area);

    // The progress bar: one cell per step, done / current / to do.
    let mut bar = vec![Span::raw(" ")];
    for &st in Step::ALL {
        let (sym, style) = if st == step {
            ("▶", theme.focus())
        } else if w.derived.done[st.index()] {
            ("■", theme.good())
        } else {
            ("·", theme.dim())
        };
        bar.push(Span::styled(sym, style));
        bar.push(Span::raw(" "));
    }
    let done = w.derived.done.iter().filter(|d| **d).count();
    let used = 1 + 2 * n as u16;
    // The timebox's countdown, at the right, once the facilitator started the clock.
    let timer = super::workshop::countdown(w, theme);
    let timer_width = timer.as_ref().map_or(0, |t| t.width() as u16);
    let steps = steps_key.map_or(String::new(), |k| format!("  {k}: steps"));
    // Longest first: the legend and the step list's key, then (at 80 columns) that key alone.
    let lines = serving.map_or_else(
        || {
            vec![
                format!(" {done}/{n} done  ■ done ▶ here · to do{steps}"),
                format!(" {done}/{n} done{steps}"),
                format!(" {done}/{n} done"),
            ]
        },
        |(long, short)| vec![long, short],
    );
    let room = area.width.saturating_sub(used + timer_width) as usize;
    let line = match lines.iter().find(|l| l.chars().count() <= room) {
        Some(l) => l.clone(),
        None => cut(lines.last().map_or("", String::as_str), room),
    };
    bar.push(Span::styled(line, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(bar)), Rect { y: area.y + 1, height: 1, ..area });
    if let Some(t) = timer {
        let x = area.right().saturating_sub(timer_width);
        frame.render_widget(
            Paragraph::new(Line::from(t)),
            Rect { x, y: area.y + 1, width: timer_width, height: 1 },
        );
    }
}

/// The step list: the sidebar on wide terminals and the body of the jump overlay.
pub fn draw_step_list(frame: &mut Frame, area: Rect, w: &Wizard, selected: Option<usize>, theme: Theme) {
    let lines: Vec<Line> = Step::ALL
        .iter()
        .enumerate()
        .map(|(i, &st)| {
            let here = st == w.step();
            let mark = if here {
                "▶"
            } else if w.derived.done[i] {
                "✓"
            } else {
                " "
            };
            let style = if selected == Some(i) {
                theme.focus()
            } else if here {
                theme.title()
            } else if w.derived.done[i] {
                theme.good()
            } else {
                theme.dim()
            };
            Line::styled(format!(" {mark} {:>2} {}", i + 1, steps::title(st)), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The mode, always on screen: typing into a field (or a window's line), or keys that act on
/// the form, a list or a window.
pub fn mode(ctx: Ctx) -> Option<&'static str> {
    match ctx {
        Ctx::Text | Ctx::Multiline | Ctx::PathPrompt | Ctx::NamePrompt | Ctx::DecisionPrompt => {
            Some(" TYPING ")
        }
        Ctx::Choice
        | Ctx::Score
        | Ctx::Grid
        | Ctx::Toggle
        | Ctx::Button
        | Ctx::Pick
        | Ctx::Reveal
        | Ctx::Revote
        | Ctx::Browse
        | Ctx::Reading
        | Ctx::Home
        | Ctx::HelpOverlay
        | Ctx::JumpOverlay
        | Ctx::Confirm
        | Ctx::Unsaved
        | Ctx::Conflict
        | Ctx::Presenting => Some(" KEYS "),
    }
}

pub fn draw_footer(
    frame: &mut Frame,
    area: Rect,
    mode: Option<&str>,
    hints: &[(&str, &str)],
    status: &Status,
    theme: Theme,
) {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    if let Some(m) = mode {
        spans.push(Span::styled(m.to_string(), theme.focus()));
        spans.push(Span::raw("  "));
        used += m.chars().count() + 2;
    }
    // Whole hints only: a hint cut in half is worse than one left for `?` to show.
    for (k, what) in hints {
        let w = k.chars().count() + what.chars().count() + 1;
        if used + w > usize::from(area.width) {
            break;
        }
        used += w + 3;
        spans.push(Span::styled(*k, theme.key()));
        spans.push(Span::styled(format!(" {what}   "), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), Rect { height: 1, ..area });
    // One line: what does not fit ends in an ellipsis rather than at the edge.
    let room = usize::from(area.width).saturating_sub(1);
    let status = match status {
        Status::None => Span::raw(""),
        Status::Saved(at) => Span::styled(format!(" ✓ saved {at}"), theme.good()),
        Status::Info(m) | Status::Hint(m, _) => Span::styled(format!(" {}", cut(m, room)), theme.text()),
        Status::Error(m) => Span::styled(format!(" ✗ {}", cut(m, room.saturating_sub(2))), theme.bad()),
    };
    if area.height > 1 {
        frame.render_widget(Paragraph::new(Line::from(status)), Rect { y: area.y + 1, height: 1, ..area });
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::{Constraint, Layout, Rect};

    #[test]
    fn bands_are_what_a_layout_gives_wherever_they_fit() {
        for height in 0..48 {
            for top in 0..6 {
                for bottom in 0..6 {
                    let area = Rect::new(3, 2, 70, height);
                    let got = super::bands(area, top, bottom);
                    assert_eq!(got.iter().map(|r| r.height).sum::<u16>(), height);
                    if top + bottom <= height {
                        let want = Layout::vertical([
                            Constraint::Length(top),
                            Constraint::Min(0),
                            Constraint::Length(bottom),
                        ])
                        .areas(area);
                        assert_eq!(got, want, "{height} rows, {top} above, {bottom} below");
                    }
                }
            }
        }
    }
}
