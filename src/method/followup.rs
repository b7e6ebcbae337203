//! Follow-through: after the move is decided, the 30/60/90 plan with real dates, check-ins
//! against the metric, the team's prediction against what happened, and the next cycle.
//!
//! Everything here is a pure function of sessions, for the wizard, the report and `history`:
//! [`decided_on`], [`plan_dates`], [`points`], [`latest`], [`progress`], [`prediction`], [`outcome_due`],
//! [`cycle`], [`next_cycle`], [`chain`] and [`hit_rate`].

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::dates::{self, DateError, PREDICTION_DAY};
use super::metric::{Measure, Zone, quantity};
use super::model::{Candidate, CheckIn, ConstraintId, Decision, Outcome, ParticipantId, Session};

/// The confidences a team can put on its prediction, in percent.
pub const CONFIDENCES: [u8; 3] = [50, 70, 90];

/// The decision and what the team expects of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowThrough {
    /// The day the move was decided (YYYY-MM-DD): the plan's dates count from it.
    pub decided_on: String,
    /// The candidate decided on (its id).
    pub candidate: String,
    /// The metric's value the team expects at day 90, as typed ("35%").
    #[serde(default)]
    pub prediction: String,
    /// How sure the team is of the prediction, in percent: 50, 70 or 90.
    #[serde(default)]
    pub confidence: Option<u8>,
    /// Whether the move worked, as the team judged it at the end of the cycle.
    #[serde(default)]
    pub outcome: Option<Outcome>,
}

/// What a new cycle brings from the one before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarriedOver {
    /// The previous cycle as it ended, shown on the constraint screens.
    pub cycle: Cycle,
    /// Severities copied from the previous cycle that nobody has re-rated yet.
    #[serde(default)]
    pub severities: BTreeMap<ConstraintId, BTreeSet<ParticipantId>>,
}

/// One cycle in a line: what was decided and how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cycle {
    pub name: String,
    /// The decision date (YYYY-MM-DD), or empty when nothing was decided.
    #[serde(default)]
    pub decided_on: String,
    #[serde(default)]
    pub constraint: Option<ConstraintId>,
    /// The move's title.
    #[serde(default)]
    pub first_move: String,
    #[serde(default)]
    pub metric: String,
    #[serde(default)]
    pub baseline: String,
    /// The metric at the [`latest`] check-in (the last whose value reads as a number), as typed.
    #[serde(default)]
    pub latest: String,
    #[serde(default)]
    pub outcome: Option<Outcome>,
}

/// A check-in on the timeline: its index in `session.check_ins`, its date and day after the
/// decision, and the metric's value if it reads as a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub index: usize,
    pub date: Date,
    pub day: i64,
    pub value: Option<f64>,
}

/// The latest value against the measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub value: f64,
    pub day: i64,
    /// (value − baseline) / (target − baseline), for a metric that moves and whose target
    /// differs from its baseline.
    pub fraction: Option<f64>,
    pub zone: Zone,
}

/// The team's prediction against what happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredictionRecord {
    /// The predicted value, when it reads as a number.
    pub predicted: Option<f64>,
    pub confidence: Option<u8>,
    /// The value it is judged against, and its day: the first check-in from day 90, or, once
    /// the team has judged the move, the latest one.
    pub actual: Option<(f64, i64)>,
    /// Whether the actual value met the prediction, in the metric's direction.
    pub met: Option<bool>,
}

/// The decision date, if the move is decided and the date is a real one.
pub fn decided_on(s: &Session) -> Option<Date> {
    dates::parse(&s.follow_through.as_ref()?.decided_on).ok()
}

/// The candidate the team decided on, while it exists.
pub fn decided_move(s: &Session) -> Option<&Candidate> {
    let id = &s.follow_through.as_ref()?.candidate;
    s.candidates.iter().find(|c| &c.id == id)
}

/// The numbers of a candidate's metric, if its baseline and target read as numbers.
pub fn measure<'a>(s: &'a Session, candidate: &str) -> Option<&'a Measure> {
    s.measures.get(candidate)
}

/// The decided move's measure.
pub fn decided_measure(s: &Session) -> Option<&Measure> {
    measure(s, &decided_move(s)?.id)
}

/// Day 30, 60 and 90 after the decision, with their dates.
pub fn plan_dates(s: &Session) -> Option<[(i64, Date); 3]> {
    decided_on(s).map(dates::plan)
}

/// Whether a check-in's date is acceptable: a real date, not before the decision, and not
/// after the day the session is read on ([`crate::method::AsOf`]).
pub fn check_in_date(s: &Session, c: &CheckIn) -> Result<Date, DateError> {
    dated_until(s, c, s.as_of.0)
}

/// [`check_in_date`] on `today` (`YYYY-MM-DD`) rather than the day the session is read on:
/// what the check-in editors say as a date is typed, by the clock they were given.
pub fn check_in_date_on(s: &Session, c: &CheckIn, today: &str) -> Result<Date, DateError> {
    dated_until(s, c, dates::parse(today).ok())
}

/// A real date, not before the decision, and not after `today` when there is one.
fn dated_until(s: &Session, c: &CheckIn, today: Option<Date>) -> Result<Date, DateError> {
    let d = match decided_on(s) {
        Some(decided) => dates::check_in(&c.date, decided)?,
        None => dates::parse(&c.date)?,
    };
    match today {
        Some(today) => dates::not_after(d, today),
        None => Ok(d),
    }
}

/// A value typed for the decided move's metric, as a number: it must read as one, in the
/// metric's unit or with none ("31%" or "31" for a metric in %, not "31 s").
pub fn reading(s: &Session, text: &str) -> Option<f64> {
    let q = quantity(text)?;
    let unit = decided_measure(s).map_or("", |m| m.unit.as_str());
    (q.unit.is_empty() || unit.is_empty() || q.unit == unit).then_some(q.value)
}

/// How many check-ins have a real date before the decision: refused, counting nowhere. A
/// decision date moved later than some check-ins makes them so; the wizard and plain mode say
/// it when the date changes.
pub fn before_decision(s: &Session) -> usize {
    s.check_ins
        .iter()
        .filter(|c| matches!(check_in_date(s, c), Err(DateError::BeforeDecision { .. })))
        .count()
}

/// The check-ins with acceptable dates, oldest first (ties in file order); an empty one
/// ([`CheckIn::is_empty`]) is none.
pub fn points(s: &Session) -> Vec<Point> {
    let Some(decided) = decided_on(s) else { return Vec::new() };
    let mut v: Vec<Point> = s
        .check_ins
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .filter_map(|(index, c)| {
            let date = check_in_date(s, c).ok()?;
            let value = reading(s, &c.metric_value);
            Some(Point { index, date, day: dates::days_between(decided, date), value })
        })
        .collect();
    v.sort_by_key(|p| (p.date, p.index));
    v
}

/// The latest check-in: the one with the latest acceptable date whose value reads as the
/// metric's number (see [`reading`]). The one rule for "latest": the progress line, the cycle's
/// line (the next cycle's last-cycle line and `history`) and the prediction's fallback all use
/// it, so a value like "about forty" is kept as typed but is never anyone's latest.
pub fn latest(s: &Session) -> Option<Point> {
    points(s).into_iter().rev().find(|p| p.value.is_some())
}

/// The latest value against the decided move's measure.
pub fn progress(s: &Session) -> Option<Progress> {
    let m = decided_measure(s)?;
    let p = latest(s)?;
    let v = p.value?;
    Some(Progress { value: v, day: p.day, fraction: m.progress(v), zone: m.zone(v) })
}

/// Whether a check-in's value is typed but cannot be read as the metric's number (so it
/// counts nowhere): what the check-in editors say under the value.
pub fn unreadable_value(s: &Session, text: &str) -> bool {
    !text.trim().is_empty() && reading(s, text).is_none()
}

/// Whether it is time to judge the move: a check-in on or after day 90, or one that decided
/// to move on.
pub fn outcome_due(s: &Session) -> bool {
    let pts = points(s);
    pts.iter().any(|p| p.day >= PREDICTION_DAY)
        || pts.iter().any(|p| s.check_ins[p.index].decision == Some(Decision::MoveOn))
        || s.follow_through.as_ref().is_some_and(|f| f.outcome.is_some())
}

/// The prediction against the value it is judged by, once there is one.
pub fn prediction(s: &Session) -> Option<PredictionRecord> {
    let f = s.follow_through.as_ref()?;
    let predicted = reading(s, &f.prediction);
    let valued: Vec<(f64, i64)> = points(s).iter().filter_map(|p| p.value.map(|v| (v, p.day))).collect();
    let actual = valued
        .iter()
        .copied()
        .find(|&(_, day)| day >= PREDICTION_DAY)
        .or_else(|| if f.outcome.is_some() || outcome_due(s) { valued.last().copied() } else { None });
    let met = match (decided_measure(s), predicted, actual) {
        (Some(m), Some(p), Some((a, _))) => Some(m.meets(a, p)),
        _ => None,
    };
    Some(PredictionRecord { predicted, confidence: f.confidence, actual, met })
}

/// The session's cycle in one line: decision, move, metric from baseline to latest, outcome.
pub fn cycle(s: &Session) -> Cycle {
    let mv = decided_move(s);
    let latest = latest(s).map_or(String::new(), |p| s.check_ins[p.index].metric_value.trim().to_string());
    Cycle {
        name: s.name.clone(),
        decided_on: s.follow_through.as_ref().map(|f| f.decided_on.clone()).unwrap_or_default(),
        constraint: mv.map(|c| c.constraint),
        first_move: mv.map(|c| c.title.clone()).unwrap_or_default(),
        metric: mv.map(|c| c.metric.clone()).unwrap_or_default(),
        baseline: mv.map(|c| c.baseline.clone()).unwrap_or_default(),
        latest,
        outcome: s.follow_through.as_ref().and_then(|f| f.outcome),
    }
}

/// The name of the cycle after the one called `name`: "Q1 review (cycle 2)" after "Q1 review",
/// "Q1 review (cycle 3)" after "Q1 review (cycle 2)".
pub fn next_cycle_name(name: &str) -> String {
    let t = name.trim_end();
    let numbered = t.strip_suffix(')').and_then(|r| r.rsplit_once(" (cycle ")).and_then(|(base, k)| {
        let n: usize = k.parse().ok().filter(|_| k.bytes().all(|b| b.is_ascii_digit()))?;
        Some((base, n.checked_add(1)?))
    });
    let (base, n) = numbered.unwrap_or((t, 2));
    format!("{base} (cycle {n})").trim_start().to_string()
}

/// The next cycle of `prev`, as a new session with id `id` stamped `now`: the name (with its
/// cycle number), product, facilitator and participants carried; every severity pre-filled and
/// marked as carried until someone re-rates it; `previous` names `prev`, and `carried_over`
/// holds how the previous cycle went.
pub fn next_cycle(prev: &Session, id: String, now: String) -> Session {
    let mut s = Session::new(id, next_cycle_name(&prev.name), now);
    s.product = prev.product.clone();
    s.facilitator = prev.facilitator.clone();
    s.participants = prev.participants.clone();
    let mut carried = BTreeMap::new();
    for c in &prev.constraints {
        s.constraint_mut(c.constraint).severity = c.severity.clone();
        if !c.severity.is_empty() {
            carried.insert(c.constraint, c.severity.keys().cloned().collect());
        }
    }
    s.previous = Some(prev.id.clone());
    s.carried_over = Some(CarriedOver { cycle: cycle(prev), severities: carried });
    s
}

/// The chain of cycles `start` belongs to, oldest first: back through `previous`, then forward
/// through the sessions whose `previous` is the last one found (the most recently updated when
/// there are several). A loop in hand-edited files ends the walk.
pub fn chain<'a>(all: &'a [Session], start: &'a Session) -> Vec<&'a Session> {
    let by_id = |id: &str| all.iter().find(|s| s.id == id);
    let mut seen: BTreeSet<&str> = BTreeSet::from([start.id.as_str()]);
    let mut back = vec![start];
    while let Some(prev) = back.last().and_then(|s| s.previous.as_deref()).and_then(by_id) {
        if !seen.insert(&prev.id) {
            break;
        }
        back.push(prev);
    }
    back.reverse();
    let mut cur = start;
    loop {
        let next = all
            .iter()
            .filter(|s| s.previous.as_deref() == Some(cur.id.as_str()) && !seen.contains(s.id.as_str()))
            .max_by(|a, b| a.updated_at.cmp(&b.updated_at));
        match next {
            Some(n) => {
                seen.insert(&n.id);
                back.push(n);
                cur = n;
            }
            None => break,
        }
    }
    back
}

/// How well a team predicts: of the cycles whose prediction could be judged, how many met it,
/// and how sure the team said it was on average.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HitRate {
    pub hits: usize,
    pub judged: usize,
    pub mean_confidence: Option<f64>,
}

pub fn hit_rate(chain: &[&Session]) -> HitRate {
    let records: Vec<PredictionRecord> =
        chain.iter().filter_map(|s| prediction(s)).filter(|r| r.met.is_some()).collect();
    let confidences: Vec<f64> = records.iter().filter_map(|r| r.confidence.map(f64::from)).collect();
    HitRate {
        hits: records.iter().filter(|r| r.met == Some(true)).count(),
        judged: records.len(),
        mean_confidence: (!confidences.is_empty())
            .then(|| confidences.iter().sum::<f64>() / confidences.len() as f64),
    }
}

pub mod wording;

#[cfg(test)]
mod tests;
