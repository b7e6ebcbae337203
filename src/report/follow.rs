//! The follow-through: the decision with its metric, prediction, progress and outcome, a chart
//! of the check-ins toward the target, each check-in with its notes, and the previous cycle.
//! One function per section (see `SECTIONS`); each says nothing until there is something.

use jiff::civil::Date;

use super::{Block, Chart, Ctx, Figure, TrendPoint};
use crate::method::dates::{self, PLAN_DAYS};
use crate::method::followup::{self, wording};
use crate::method::model::{CheckIn, Session};
use crate::method::recommend::Route;
use crate::method::wording::fill;
use crate::method::{Decision, playbook};

/// Whether the 30/60/90 plan is the decided move's: the route is *First move* and names the
/// move the team decided on (then the plan carries the dates).
pub(super) fn plan_is_decided(cx: &Ctx) -> bool {
    let decided = cx.s.follow_through.as_ref().map(|f| f.candidate.as_str());
    cx.r.route == Route::FirstMove
        && decided.is_some()
        && cx.r.top_candidate().map(|t| t.id.as_str()) == decided
}

/// The date a phase of the plan runs from and to, once the move it plans is decided on a real
/// date: day 1 to 30, 31 to 60, 61 to 90 after the decision.
pub(super) fn phase_dates(cx: &Ctx) -> Option<[(Date, Date); 3]> {
    if !plan_is_decided(cx) {
        return None;
    }
    let decided = followup::decided_on(cx.s)?;
    let mut start = 0;
    Some(PLAN_DAYS.map(|end| {
        let span = (dates::add_days(decided, start + 1), dates::add_days(decided, end));
        start = end;
        span
    }))
}

/// The decision as typed, in words when it is a real date.
fn decided_text(s: &Session) -> Option<String> {
    let f = s.follow_through.as_ref()?;
    let t = &playbook().report.follow;
    Some(match dates::parse(&f.decided_on) {
        Ok(d) => dates::human(d),
        Err(e) => fill(&t.not_a_date, &[("reason", &e.to_string()), ("date", f.decided_on.trim())]),
    })
}

/// The decided move's metric with its baseline, target and direction, as numbers when they
/// read as numbers, else as typed.
/// (In each `fill`, the team's text goes last, so that a `{…}` typed in it stays as typed.)
fn metric_text(s: &Session) -> Option<String> {
    let c = followup::decided_move(s)?;
    let pb = playbook();
    let t = &pb.report.follow;
    let metric =
        if c.metric.trim().is_empty() { pb.report.open_question.clone() } else { c.metric.trim().into() };
    Some(match followup::decided_measure(s) {
        Some(m) => fill(
            &t.measure,
            &[
                ("baseline", &m.show(m.baseline)),
                ("target", &m.show(m.target)),
                ("direction", &pb.direction(m.direction).name),
                ("metric", &metric),
            ],
        ),
        None if c.baseline.trim().is_empty() && c.target.trim().is_empty() => metric,
        None => fill(
            &pb.report.baseline_target,
            &[("metric", &metric), ("baseline", or_dash(&c.baseline)), ("target", or_dash(&c.target))],
        ),
    })
}

fn or_dash(v: &str) -> &str {
    if v.trim().is_empty() { "–" } else { v.trim() }
}

/// The decision: when, which move, the metric, the check-in days (where no dated plan shows
/// them), the prediction and its judgement, the progress so far, the outcome; and the trend
/// chart.
pub(super) fn decision(cx: &Ctx) -> Vec<Block> {
    let s = cx.s;
    let Some(f) = s.follow_through.as_ref() else {
        return Vec::new();
    };
    let pb = playbook();
    let t = &pb.report.follow;
    let ft = &pb.follow_through;
    let mut fields = vec![(t.decided_on.clone(), decided_text(s).unwrap_or_default())];
    let title = followup::decided_move(s).map_or_else(|| ft.gone.clone(), |c| c.title.trim().to_string());
    fields.push((t.the_move.clone(), title));
    if let Some(m) = metric_text(s) {
        fields.push((t.metric.clone(), m));
    }
    // The plan section dates its phases when it plans this move; elsewhere the days are said
    // here (but never on a route that parks the plan).
    if let Some(plan) = followup::plan_dates(s).filter(|_| !plan_is_decided(cx) && cx.ranks()) {
        let days: Vec<String> = plan
            .iter()
            .map(|(d, x)| fill(&ft.plan_day, &[("day", &d.to_string()), ("date", &dates::human(*x))]))
            .collect();
        fields.push((t.check_in_days.clone(), days.join(" · ")));
    }
    if let Some(line) = wording::prediction_line(s) {
        fields.push((t.prediction.clone(), line));
    }
    if followup::decided_measure(s).is_some() {
        let progress = wording::progress_line(s).unwrap_or_else(|| ft.no_values.clone());
        fields.push((t.progress.clone(), progress));
    }
    if f.outcome.is_some() || followup::outcome_due(s) {
        fields.push((t.outcome.clone(), wording::outcome(f.outcome)));
    }
    let mut out = vec![Block::Heading(t.heading.clone()), Block::Fields(fields)];
    if let Some(chart) = trend(s) {
        out.push(Block::Chart(chart));
    }
    out
}

/// The check-ins toward the target, when the metric is in numbers and a check-in has a value.
fn trend(s: &Session) -> Option<Figure> {
    let m = followup::decided_measure(s)?;
    let c = followup::decided_move(s)?;
    let decided = followup::decided_on(s)?;
    let points: Vec<TrendPoint> = followup::points(s)
        .into_iter()
        .filter_map(|p| {
            Some(TrendPoint {
                day: p.day,
                value: p.value?,
                label: m.show(p.value?),
                date: dates::human(p.date),
            })
        })
        .collect();
    if points.is_empty() {
        return None;
    }
    let pb = playbook();
    let t = &pb.report.follow;
    let ft = &pb.follow_through;
    let metric = if c.metric.trim().is_empty() { t.metric.clone() } else { c.metric.trim().to_string() };
    let head = fill(
        &t.trend_alt_head,
        &[("baseline", &m.show(m.baseline)), ("target", &m.show(m.target)), ("metric", &metric)],
    );
    let each: Vec<String> = points
        .iter()
        .map(|p| {
            fill(&t.trend_alt_point, &[("day", &p.day.to_string()), ("date", &p.date), ("value", &p.label)])
        })
        .collect();
    Some(Figure {
        title: ft.chart_title.clone(),
        alt: format!("{head}: {}.", each.join("; ")),
        chart: Chart::Trend {
            points,
            baseline: m.baseline,
            target: m.target,
            baseline_label: fill(&ft.chart_baseline, &[("value", &m.show(m.baseline))]),
            target_label: fill(&ft.chart_target, &[("value", &m.show(m.target))]),
            decided: dates::human(decided),
            unit: m.unit.clone(),
        },
    })
}

/// A check-in's place on the timeline: its date in words and its day, or why its date is
/// refused.
pub(super) fn when(s: &Session, c: &CheckIn) -> Result<(Date, Option<i64>), String> {
    match followup::check_in_date(s, c) {
        Ok(d) => Ok((d, followup::decided_on(s).map(|x| dates::days_between(x, d)))),
        Err(e) => Err(e.to_string()),
    }
}

/// The check-ins in the order they happened (refused dates last, as typed), with their index
/// in the session; an empty one (nothing but a date) is not reported.
pub(super) fn ordered(s: &Session) -> Vec<usize> {
    let mut v: Vec<(Option<Date>, usize)> = s
        .check_ins
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(i, c)| (when(s, c).ok().map(|w| w.0), i))
        .collect();
    v.sort_by_key(|&(d, i)| (d.is_none(), d, i));
    v.into_iter().map(|(_, i)| i).collect()
}

/// The value of a check-in in numbers, and the zone it puts the metric in; none for a check-in
/// whose date is refused (it counts nowhere).
pub(super) fn reading(s: &Session, c: &CheckIn) -> Option<(f64, crate::method::metric::Zone)> {
    when(s, c).ok()?;
    let v = followup::reading(s, &c.metric_value)?;
    Some((v, followup::decided_measure(s)?.zone(v)))
}

/// Where a check-in puts the metric, with how far along it is: "moving (28%)".
pub(super) fn zone_text(s: &Session, c: &CheckIn) -> Option<String> {
    let (v, zone) = reading(s, c)?;
    let fraction = followup::decided_measure(s)?.progress(v);
    Some(match fraction {
        Some(f) => format!("{} ({:.0}%)", zone.label(), f * 100.0),
        None => zone.label().to_string(),
    })
}

/// The check-ins: a table of date, day, value, zone and decision, then each one's notes.
pub(super) fn check_ins(cx: &Ctx) -> Vec<Block> {
    let s = cx.s;
    if s.check_ins.iter().all(CheckIn::is_empty) {
        return Vec::new();
    }
    let pb = playbook();
    let t = &pb.report.follow;
    let ft = &pb.follow_through;
    let head = vec![t.date.clone(), t.day.clone(), t.value.clone(), t.zone.clone(), t.decision.clone()];
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for i in ordered(s) {
        let c = &s.check_ins[i];
        let (date, day) = match when(s, c) {
            Ok((d, day)) => (dates::human(d), day.map_or("–".to_string(), |d| d.to_string())),
            Err(reason) => (fill(&t.refused, &[("reason", &reason), ("date", c.date.trim())]), "–".into()),
        };
        let zone = zone_text(s, c).unwrap_or_else(|| "–".to_string());
        let decision = c.decision.map_or("–".to_string(), |d: Decision| pb.decision(d).name.clone());
        let value =
            if c.metric_value.trim().is_empty() { "–".to_string() } else { c.metric_value.trim().into() };
        rows.push(vec![date.clone(), day.clone(), value, zone, decision]);
        // "Day 30", and the team's label when it says more than that.
        let by_day = (day != "–").then(|| fill(&t.check_in_day, &[("day", &day)]));
        let typed = c.label.trim();
        let label = match by_day {
            Some(d) if typed.is_empty() || typed.eq_ignore_ascii_case(&d) => d,
            Some(d) => format!("{d} · {typed}"),
            None if !typed.is_empty() => typed.to_string(),
            None => t.date.clone(),
        };
        notes.push(Block::Subheading(fill(&t.check_in, &[("date", &date), ("label", &label)])));
        let given: Vec<(String, String)> = [
            ("adoption", &c.adoption),
            ("quality", &c.quality),
            ("speed", &c.speed),
            ("support_load", &c.support_load),
            ("technical_health", &c.technical_health),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (ft.text(k).0.to_string(), v.clone()))
        .collect();
        notes.push(if given.is_empty() { Block::Para(t.no_notes.clone()) } else { Block::Fields(given) });
    }
    let mut out = vec![Block::Heading(t.check_ins.clone()), Block::Para(t.check_ins_intro.clone())];
    out.push(Block::Table { head, rows });
    out.extend(notes);
    out
}

/// The cycle before this one, as it ended.
pub(super) fn previous(cx: &Ctx) -> Vec<Block> {
    let Some(carried) = cx.s.carried_over.as_ref() else { return Vec::new() };
    vec![
        Block::Heading(playbook().report.follow.previous.clone()),
        Block::Para(wording::last_cycle(&carried.cycle)),
    ]
}
