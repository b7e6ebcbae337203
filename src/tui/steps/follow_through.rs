//! Follow-through: once the move is decided, the 30/60/90 plan with real dates, the metric's
//! progress and trend, the team's prediction, the check-ins, and the way to the next cycle.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};

use super::StepScreen;
use crate::method::dates::{self, PREDICTION_DAY};
use crate::method::followup::{self, wording};
use crate::method::{Decision, Session, playbook};
use crate::tui::app::{Derived, Editing, Overlay, Wizard};
use crate::tui::field::{CandidateText, CheckInText, Field, FollowText};
use crate::tui::keys::Action;
use crate::tui::theme::Theme;
use crate::tui::view::Form;
use crate::tui::view::text::{one_line, title_or_untitled};

pub struct FollowThrough;

/// The candidate the step is about: the decided one, or before the decision the one the rules
/// name.
fn the_move(s: &Session, d: &Derived) -> Option<usize> {
    match &s.follow_through {
        Some(f) => s.candidate_index(&f.candidate),
        None => d.recommendation.top_candidate().and_then(|t| s.candidate_index(&t.id)),
    }
}

impl StepScreen for FollowThrough {
    fn title(&self) -> String {
        "Follow-through".into()
    }

    fn done_rule(&self) -> &'static str {
        "the move is decided and has at least one check-in"
    }

    fn done(&self, s: &Session, _: &Derived) -> bool {
        s.follow_through.is_some() && s.check_ins.iter().any(|c| !c.is_empty())
    }

    fn fields(&self, s: &Session, d: &Derived, editing: Editing) -> Vec<Field> {
        if let Editing::CheckIn(check_in) = editing
            && check_in < s.check_ins.len()
        {
            let mut v: Vec<Field> =
                CheckInText::ALL.iter().map(|&text| Field::CheckInText { check_in, text }).collect();
            v.push(Field::CheckInDecision { check_in });
            return v;
        }
        let mv = the_move(s, d);
        let metric = |v: &mut Vec<Field>| {
            if let Some(candidate) = mv {
                v.push(Field::CandidateText { candidate, text: CandidateText::Baseline });
                v.push(Field::CandidateText { candidate, text: CandidateText::Target });
                if s.measures.contains_key(&s.candidates[candidate].id) {
                    v.push(Field::Direction { candidate });
                }
            }
        };
        let mut v = Vec::new();
        match &s.follow_through {
            None if mv.is_none() => {}
            None => {
                metric(&mut v);
                v.push(Field::Decide);
            }
            // What the team comes back for first: the check-ins; then the decision's settings.
            Some(_) => {
                v.extend((0..s.check_ins.len()).map(|check_in| Field::CheckInRow { check_in }));
                v.push(Field::AddCheckIn);
                if followup::outcome_due(s) {
                    v.push(Field::Outcome);
                }
                if s.check_ins.iter().any(|c| c.decision == Some(Decision::MoveOn)) {
                    v.push(Field::NextCycle);
                }
                v.push(Field::FollowText { text: FollowText::DecidedOn });
                metric(&mut v);
                v.push(Field::FollowText { text: FollowText::Prediction });
                v.push(Field::Confidence);
            }
        }
        v
    }

    fn draw(&self, frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
        if let Some(i) = w.editing_check_in() {
            return draw_check_in(frame, area, w, i, theme);
        }
        let s = &w.session;
        let t = &playbook().follow_through;
        let mut top = Form::new(area.width);
        let Some(c) = the_move(s, &w.derived).map(|i| &s.candidates[i]) else {
            top.heading("Follow-through", theme);
            top.para(if s.follow_through.is_some() { &t.gone } else { &t.no_move }, theme.warn());
            let mut form = top;
            form.blank();
            form.fields(w.fields());
            return form.render(frame, area, w, theme);
        };
        top.heading(format!("Follow-through · {}", title_or_untitled(&c.title)), theme);
        let constraint = playbook().constraint(c.constraint).name.clone();
        let metric = one_line(c.metric.trim());
        if !metric.is_empty() {
            top.para(&format!("Metric: {metric}"), theme.text());
        }
        let mut chart_rows = 0;
        match followup::plan_dates(s) {
            None if s.follow_through.is_none() => top.para(&t.undecided, theme.dim()),
            None => {
                let reason = s.follow_through.as_ref().and_then(|f| dates::parse(&f.decided_on).err());
                let reason = reason.map(|e| e.to_string()).unwrap_or_default();
                top.para(&format!("{}: {reason}", t.plan), theme.warn());
            }
            Some(plan) => {
                let decided = followup::decided_on(s).map(dates::human).unwrap_or_default();
                let head = wording::fill(&t.decided, &[("date", &decided), ("constraint", &constraint)]);
                let days: Vec<String> = plan
                    .iter()
                    .map(|(d, x)| {
                        wording::fill(&t.plan_day, &[("day", &d.to_string()), ("date", &dates::human(*x))])
                    })
                    .collect();
                top.para(&format!("{head} · {}: {}", t.plan, days.join(" · ")), theme.dim());
                match (followup::decided_measure(s), wording::progress_line(s)) {
                    (None, _) => top.para(&t.no_measure, theme.warn()),
                    (Some(_), Some(line)) => top.para(&line, zone_style(s, theme)),
                    (Some(_), None) => top.para(&t.no_values, theme.dim()),
                }
                if let Some(line) = wording::prediction_line(s) {
                    top.para(&line, theme.text());
                }
                if followup::decided_measure(s).is_some() && area.height >= 16 {
                    chart_rows = (area.height / 3).clamp(5, 12);
                }
            }
        }
        let top_rows = (top.items.len() as u16).min(area.height);
        top.render(frame, Rect { height: top_rows, ..area }, w, theme);
        let chart = Rect { y: area.y + top_rows, height: chart_rows.min(area.height - top_rows), ..area };
        if chart.height > 0 {
            trend(frame, chart, s, theme);
        }
        let rest = Rect { y: chart.bottom(), height: area.bottom() - chart.bottom(), ..area };
        let mut form = Form::new(area.width);
        if s.follow_through.is_some() {
            form.line(Line::styled(
                if s.check_ins.is_empty() { t.no_check_ins.clone() } else { t.check_ins.clone() },
                theme.label(),
            ));
        }
        for f in w.fields() {
            match f {
                Field::Outcome => form.line(Line::styled(t.outcome_due.clone(), theme.label())),
                Field::NextCycle => {
                    if let Some(line) = next_exists_line(w.next_cycle.as_ref()) {
                        form.para(&line, theme.warn());
                    }
                }
                Field::FollowText { text: FollowText::DecidedOn } => {
                    form.line(Line::styled(t.the_decision.clone(), theme.label()))
                }
                _ => {}
            }
            form.field(f);
            // Under the decision date: check-ins it now leaves before the decision.
            if f == (Field::FollowText { text: FollowText::DecidedOn })
                && let Some(line) = wording::before_decision_line(s)
            {
                form.para(&line, theme.warn());
            }
        }
        form.render(frame, rest, w, theme);
    }

    fn can(&self, w: &Wizard, action: Action) -> bool {
        let focused = w.focused();
        let editing = w.editing_check_in().is_some();
        match action {
            Action::Activate => {
                matches!(
                    focused,
                    Some(Field::Decide | Field::AddCheckIn | Field::CheckInRow { .. } | Field::NextCycle)
                ) || (editing && w.focus.is_some_and(|i| i + 1 == w.fields().len()))
            }
            Action::Delete => {
                matches!(focused, Some(Field::CheckInRow { .. }))
                    || (editing && !focused.is_some_and(Field::is_text))
            }
            Action::Back => editing && focused.is_none(),
            _ => false,
        }
    }

    fn act(&self, w: &mut Wizard, action: Action) -> Option<Overlay> {
        let focused = w.focused();
        // Check-ins count as of the wizard's day (a session left open overnight moves on too).
        w.session.read_as_of(&(w.today)());
        match (action, focused) {
            (Action::Activate, Some(Field::Decide)) => {
                let id = the_move(&w.session, &w.derived).map(|i| w.session.candidates[i].id.clone());
                if let Some(id) = id
                    && w.session.decide(&id, (w.today)())
                {
                    w.touch();
                    w.settle();
                    // On to the prediction: what the team expects is asked as it decides.
                    w.focus = w
                        .fields()
                        .iter()
                        .position(|f| *f == Field::FollowText { text: FollowText::Prediction });
                }
            }
            (Action::Activate, Some(Field::AddCheckIn)) => {
                let i = w.session.add_check_in((w.today)());
                w.touch();
                w.editing = Editing::CheckIn(i);
                // The date is today's already: the metric's value comes next.
                w.focus = Some(1);
            }
            (Action::Activate, Some(Field::CheckInRow { check_in })) => {
                w.editing = Editing::CheckIn(check_in);
                w.focus = Some(0);
            }
            (Action::Activate, Some(Field::NextCycle)) => return Some(Overlay::ConfirmNextCycle),
            (Action::Delete, _) => {
                let check_in = match focused {
                    Some(Field::CheckInRow { check_in }) => Some(check_in),
                    _ => w.editing_check_in(),
                };
                return check_in.map(|check_in| Overlay::ConfirmDeleteCheckIn { check_in });
            }
            (Action::Activate | Action::Back, _) => close(w),
            _ => {}
        }
        None
    }
}

/// What the check-in editor says under a value that cannot be read as the metric's number.
pub fn not_a_value(s: &Session, value: &str) -> Option<String> {
    if !followup::unreadable_value(s, value) {
        return None;
    }
    let example = followup::decided_measure(s).map_or("31%".to_string(), |m| m.show(m.target));
    Some(wording::fill(
        &playbook().follow_through.not_a_value,
        &[("value", &format!("\"{}\"", one_line(value.trim()))), ("example", &format!("like {example}"))],
    ))
}

/// "The next cycle is already in the folder: …", when it is.
pub fn next_exists_line(next: Option<&(std::path::PathBuf, String)>) -> Option<String> {
    let (path, name) = next?;
    let file = path.file_name().unwrap_or_default().to_string_lossy();
    Some(wording::fill(
        &playbook().follow_through.next_exists,
        &[("name", &one_line(crate::tui::display_name(name))), ("file", &one_line(&file))],
    ))
}

/// The question asked before going to the next cycle: start it, or open the one already there.
pub fn confirm_next(w: &Wizard) -> String {
    let t = &playbook().follow_through;
    match &w.next_cycle {
        Some((_, name)) => {
            wording::fill(&t.confirm_open_next, &[("name", &one_line(crate::tui::display_name(name)))])
        }
        None => t.confirm_next.clone(),
    }
}

/// Back from a check-in to the follow-through, on its row (on "+ Add a check-in" when the
/// check-in was opened and cancelled: see [`Wizard::end_editing`]).
fn close(w: &mut Wizard) {
    let Some(i) = w.editing_check_in() else { return };
    let row = if w.end_editing() { Field::AddCheckIn } else { Field::CheckInRow { check_in: i } };
    w.focus = w.fields().iter().position(|f| *f == row);
}

/// A check-in as a row of the list: date, day, value, decision; or why its date is refused
/// (`today`: a date after it is).
pub fn check_in_row(s: &Session, i: usize, today: &str) -> String {
    let Some(c) = s.check_ins.get(i) else { return String::new() };
    let t = &playbook().follow_through;
    match followup::check_in_date_on(s, c, today) {
        Err(e) => {
            wording::fill(&t.refused_row, &[("date", &one_line(c.date.trim())), ("reason", &e.to_string())])
        }
        Ok(date) => {
            let day = followup::decided_on(s).map(|d| format!(" · day {}", dates::days_between(d, date)));
            let value = if c.metric_value.trim().is_empty() {
                "–".to_string()
            } else {
                one_line(c.metric_value.trim())
            };
            let decision =
                c.decision.map_or(String::new(), |d| format!(" · {}", playbook().decision(d).name));
            format!("{}{} · {value}{decision}", dates::human(date), day.unwrap_or_default())
        }
    }
}

fn zone_style(s: &Session, theme: Theme) -> Style {
    match followup::progress(s).map(|p| p.zone) {
        Some(crate::method::metric::Zone::OnTarget) => theme.good(),
        Some(crate::method::metric::Zone::Behind) => theme.warn(),
        Some(crate::method::metric::Zone::Moving) | None => theme.text(),
    }
}

fn draw_check_in(frame: &mut Frame, area: Rect, w: &Wizard, i: usize, theme: Theme) {
    let s = &w.session;
    let t = &playbook().follow_through;
    let c = &s.check_ins[i];
    let mut form = Form::new(area.width);
    match followup::check_in_date_on(s, c, &(w.today)()) {
        Ok(date) => {
            let day = followup::decided_on(s).map_or(0, |d| dates::days_between(d, date));
            form.heading(
                wording::fill(&t.check_in_title, &[("day", &day.to_string()), ("date", &dates::human(date))]),
                theme,
            );
            form.para(&t.check_in_help, theme.dim());
        }
        Err(e) => {
            form.heading(t.check_in_bad.clone(), theme);
            form.para(&wording::fill(&t.refused, &[("reason", &e.to_string())]), theme.warn());
        }
    }
    if let Some(m) = followup::decided_measure(s) {
        let line = wording::fill(
            &t.check_in_metric,
            &[("baseline", &m.show(m.baseline)), ("target", &m.show(m.target))],
        );
        form.para(&line, theme.dim());
    }
    form.blank();
    for f in w.fields() {
        form.field(f);
        // Under the value: said at once when it cannot count.
        if let Field::CheckInText { text: crate::tui::field::CheckInText::Value, .. } = f
            && let Some(note) = not_a_value(s, &c.metric_value)
        {
            form.para(&note, theme.warn());
        }
    }
    if let Some(hint) = w.focused().and_then(Field::hint) {
        form.para(hint, theme.dim());
    }
    form.render(frame, area, w, theme);
}

/// The metric by day since the decision: the check-ins as a line, baseline and target as
/// level lines, day 90 marked on the axis.
fn trend(frame: &mut Frame, area: Rect, s: &Session, theme: Theme) {
    let Some(m) = followup::decided_measure(s) else { return };
    let t = &playbook().follow_through;
    // The line starts from the baseline on the day of the decision.
    let points: Vec<(f64, f64)> = std::iter::once((0.0, m.baseline))
        .chain(followup::points(s).iter().filter_map(|p| p.value.map(|v| (p.day as f64, v))))
        .collect();
    let last_day = points.iter().map(|p| p.0).fold(PREDICTION_DAY as f64, f64::max);
    let baseline = [(0.0, m.baseline), (last_day, m.baseline)];
    let target = [(0.0, m.target), (last_day, m.target)];
    let values = points.iter().map(|p| p.1).chain([m.baseline, m.target]);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    // The axis runs from the lowest to the highest value shown, so baseline and target sit on
    // its labels when nothing went past them; a flat metric gets a band around it.
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 1.0, hi + 1.0) };
    let datasets = vec![
        Dataset::default()
            .name(wording::fill(&t.chart_baseline, &[("value", &m.show(m.baseline))]))
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(theme.dim())
            .data(&baseline),
        Dataset::default()
            .name(wording::fill(&t.chart_target, &[("value", &m.show(m.target))]))
            .marker(Marker::Bar)
            .graph_type(GraphType::Line)
            .style(theme.good())
            .data(&target),
        Dataset::default()
            .name(t.chart_values.clone())
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.text())
            .data(&points),
    ];
    let x_labels = vec![
        Line::raw("day 0"),
        Line::raw(format!("{:.0}", last_day / 2.0)),
        Line::raw(format!("{last_day:.0}")),
    ];
    let y_labels = vec![Line::raw(m.show(lo)), Line::raw(m.show(hi))];
    let chart = Chart::new(datasets)
        .x_axis(Axis::default().bounds([0.0, last_day]).labels(x_labels).style(theme.dim()))
        .y_axis(Axis::default().bounds([lo, hi]).labels(y_labels).style(theme.dim()))
        .legend_position(None);
    // The legend on the title line, whatever the size: which line is which, in words.
    let title = Paragraph::new(Line::from(vec![
        Span::styled(t.chart_title.clone(), theme.label()),
        Span::styled("  ▄ ", theme.good()),
        Span::styled(wording::fill(&t.chart_target, &[("value", &m.show(m.target))]), theme.text()),
        Span::styled("  • ", theme.dim()),
        Span::styled(wording::fill(&t.chart_baseline, &[("value", &m.show(m.baseline))]), theme.text()),
        Span::styled("  ⠉ ", theme.text()),
        Span::styled(t.chart_values.clone(), theme.text()),
    ]));
    frame.render_widget(title, Rect { height: 1, ..area });
    if area.height > 2 {
        frame.render_widget(chart, Rect { y: area.y + 1, height: area.height - 1, ..area });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_say_why_a_date_is_refused() {
        let mut s = crate::method::Session::new("x".into(), "x".into(), "2026-01-12T09:00:00Z".into());
        let c = s.add_candidate(crate::method::ConstraintId::Activation, "Move".into());
        s.candidates[c].baseline = "22%".into();
        s.candidates[c].target = "40%".into();
        s.sync_measure(c);
        s.decide("c1", "2026-01-12".into());
        let i = s.add_check_in("2026-02-11".into());
        s.check_ins[i].metric_value = "31%".into();
        s.check_ins[i].decision = Some(Decision::Continue);
        assert_eq!(check_in_row(&s, i, "2026-03-01"), "11 Feb 2026 · day 30 · 31% · Continue");
        s.check_ins[i].date = "2026-01-02".into();
        assert_eq!(
            check_in_row(&s, i, "2026-03-01"),
            "✗ 2026-01-02 · refused: 2026-01-02 is before the decision (2026-01-12)"
        );
        // A date after today is refused where it is given.
        s.check_ins[i].date = "2026-03-02".into();
        assert_eq!(
            check_in_row(&s, i, "2026-03-01"),
            "✗ 2026-03-02 · refused: 2026-03-02 is after today (2026-03-01): a check-in records what has happened"
        );
    }
}
