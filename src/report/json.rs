//! The report as JSON, for scripts: the same content as the Markdown, as typed data.
//!
//! Every field has one type whatever the session: lists stay lists (empty when there is
//! nothing), a missing value is `null`, codes are snake_case ids with their words beside
//! them. The shape is documented in docs/report-format.md; `JSON_REPORT_VERSION` changes
//! when a field changes type or meaning (adding a field does not).

use serde::Serialize;

use super::{Block, Ctx, decision, follow, room, why};
use crate::method::decisions::{self, EntryKind};
use crate::method::followup::{self, Cycle};
use crate::method::metric::{Measure, Zone};
use crate::method::model::{Candidate, Gate};
use crate::method::recommend::{ChosenBy, Primary, RankedCandidate, Recommendation, Route, Warning};
use crate::method::robust::Robustness;
use crate::method::rounds::{self, Subject};
use crate::method::rules::{self, Medians, Qualification, Suggestion};
use crate::method::timebox::{balance_line, time_per_step};
use crate::method::why::Why;
use crate::method::{
    Clarity, ConstraintId, Decision, Dimension, Direction, EvidenceKind, FilterId, Flag, Outcome,
    ParticipantId, Session, Step, dates, playbook,
};
use crate::sanitize;

/// The version of the JSON report's shape (`report_version`).
pub const JSON_REPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    report_version: u32,
    session: SessionOut<'a>,
    participants: Vec<ParticipantOut<'a>>,
    route: Route,
    route_text: RouteText<'a>,
    warnings: Vec<WarningOut>,
    gate: &'a Gate,
    filters: Vec<FilterOut<'a>>,
    qualification: &'a Qualification,
    constraints: Vec<ConstraintOut<'a>>,
    suggestion: &'a Suggestion,
    primary: Option<PrimaryOut<'a>>,
    next_bottleneck: Option<ConstraintId>,
    next_tied: &'a [ConstraintId],
    candidates: Vec<CandidateOut<'a>>,
    ranking: &'a [RankedCandidate],
    unscored: &'a [String],
    top_tied: &'a [String],
    top: Option<&'a str>,
    top_chosen_by: Option<ChosenBy>,
    #[serde(rename = "move")]
    the_move: Option<MoveOut<'a>>,
    why: Option<WhyOut<'a>>,
    robustness: RobustnessOut<'a>,
    plan: Vec<PhaseOut>,
    follow_through: Option<FollowOut<'a>>,
    check_ins: Vec<CheckInOut<'a>>,
    previous_cycle: Option<PreviousOut<'a>>,
    rounds: Vec<SubjectOut>,
    timebox: Option<TimeboxOut>,
    decisions: Vec<DecisionOut<'a>>,
}

#[derive(Serialize)]
struct FollowOut<'a> {
    /// As typed (YYYY-MM-DD); `decided_date` is null when it is not a real date.
    decided_on: &'a str,
    decided_date: Option<String>,
    candidate: &'a str,
    /// Null once the decided candidate is gone.
    title: Option<&'a str>,
    measure: Option<MeasureOut<'a>>,
    /// Day 30, 60 and 90 with their dates (empty without a real decision date).
    check_in_days: Vec<DayOut>,
    prediction: PredictionOut<'a>,
    progress: Option<ProgressOut>,
    outcome: Option<Outcome>,
    outcome_due: bool,
    /// The sentences the Markdown prints under *Follow-through*.
    text: Vec<String>,
}

#[derive(Serialize)]
struct MeasureOut<'a> {
    baseline: f64,
    target: f64,
    /// "%", "s", "$"…; empty when the numbers have none.
    unit: &'a str,
    direction: Direction,
}

#[derive(Serialize)]
struct DayOut {
    day: i64,
    date: String,
}

#[derive(Serialize)]
struct PredictionOut<'a> {
    /// As typed; `value` is it in numbers.
    text: &'a str,
    value: Option<f64>,
    confidence: Option<u8>,
    actual: Option<f64>,
    actual_day: Option<i64>,
    met: Option<bool>,
}

#[derive(Serialize)]
struct ProgressOut {
    value: f64,
    day: i64,
    fraction: Option<f64>,
    zone: Zone,
}

#[derive(Serialize)]
struct CheckInOut<'a> {
    date: &'a str,
    /// Why the date is refused (impossible, before the decision, or after the day the session
    /// is read on); null when it is fine. A refused check-in has no `day`, `value` or `zone`.
    refused: Option<String>,
    day: Option<i64>,
    label: &'a str,
    metric_value: &'a str,
    value: Option<f64>,
    zone: Option<Zone>,
    adoption: &'a str,
    quality: &'a str,
    speed: &'a str,
    support_load: &'a str,
    technical_health: &'a str,
    decision: Option<Decision>,
}

#[derive(Serialize)]
struct PreviousOut<'a> {
    /// The previous session's id (`previous` in the file), when it is known.
    id: Option<&'a str>,
    #[serde(flatten)]
    cycle: &'a Cycle,
    text: String,
}

#[derive(Serialize)]
struct SubjectOut {
    /// `severity` (of `constraint`) or `scores` (of `candidate`).
    kind: &'static str,
    constraint: Option<ConstraintId>,
    candidate: Option<String>,
    name: String,
    rounds: Vec<RoundOut>,
    converged: Option<bool>,
    text: String,
}

#[derive(Serialize)]
struct RoundOut {
    number: usize,
    spread: Option<u8>,
    median: Option<f64>,
    voted: usize,
    abstained: usize,
}

#[derive(Serialize)]
struct TimeboxOut {
    steps: Vec<StepTimeOut>,
    /// Planned minus spent over those steps, in seconds: positive ahead, negative behind.
    balance_seconds: i64,
    text: String,
}

#[derive(Serialize)]
struct StepTimeOut {
    step: Step,
    name: String,
    planned_seconds: u64,
    spent_seconds: u64,
}

#[derive(Serialize)]
struct DecisionOut<'a> {
    at: &'a str,
    step: Step,
    kind: EntryKind,
    label: &'static str,
    automatic: bool,
    text: &'a str,
    owner: &'a str,
    due: &'a str,
}

#[derive(Serialize)]
struct SessionOut<'a> {
    id: &'a str,
    name: &'a str,
    product: &'a str,
    facilitator: &'a str,
    created_at: &'a str,
    updated_at: &'a str,
    /// The team's own picks, as saved (the recommendation says whether they count).
    primary_constraint: Option<ConstraintId>,
    first_move: Option<&'a str>,
}

#[derive(Serialize)]
struct ParticipantOut<'a> {
    id: &'a str,
    name: &'a str,
    /// The name, or "Participant N" while it is blank: what the Markdown shows.
    label: String,
}

#[derive(Serialize)]
struct RouteText<'a> {
    title: &'a str,
    summary: &'a str,
    next: &'a str,
}

#[derive(Serialize)]
struct WarningOut {
    code: Warning,
    text: &'static str,
}

#[derive(Serialize)]
struct FilterOut<'a> {
    filter: FilterId,
    name: &'a str,
    question: &'a str,
    answer: &'a str,
    clarity: Clarity,
    evidence: Option<EvidenceKind>,
}

#[derive(Serialize)]
struct ConstraintOut<'a> {
    constraint: ConstraintId,
    name: &'a str,
    looks_like: &'a str,
    improve_first: &'a str,
    /// One entry per participant, in the session's order; `score` is null when not rated.
    severity: Vec<Rating<'a>>,
    median: Option<f64>,
    spread: Option<u8>,
    count: usize,
    discuss: bool,
    discuss_first: bool,
    clear_pressures: usize,
    evidence: &'a str,
    /// `primary`, `next`, `next_tied` or null (always null on routes that do not rank).
    mark: Option<&'static str>,
}

#[derive(Serialize)]
struct Rating<'a> {
    participant: &'a str,
    score: Option<u8>,
}

#[derive(Serialize)]
struct PrimaryOut<'a> {
    #[serde(flatten)]
    primary: &'a Primary,
    name: &'a str,
}

#[derive(Serialize)]
struct CandidateOut<'a> {
    id: &'a str,
    title: &'a str,
    constraint: ConstraintId,
    behavior: &'a str,
    metric: &'a str,
    risk: &'a str,
    baseline: &'a str,
    target: &'a str,
    checklist: Vec<ChecklistOut<'a>>,
    /// One entry per participant, in the session's order; a dimension not scored is null.
    scores: Vec<ScoresOut<'a>>,
    /// Null until every dimension has a score.
    medians: Option<Medians>,
    flags: Vec<Flag>,
    discuss: Vec<Dimension>,
    discuss_first: Vec<Dimension>,
    /// 1 for the head of the ranking; null when not ranked.
    rank: Option<usize>,
}

#[derive(Serialize)]
struct ChecklistOut<'a> {
    id: &'a str,
    name: &'a str,
    done: bool,
}

#[derive(Serialize)]
struct ScoresOut<'a> {
    participant: &'a str,
    impact: Option<u8>,
    evidence: Option<u8>,
    confidence: Option<u8>,
    timing: Option<u8>,
}

#[derive(Serialize)]
struct MoveOut<'a> {
    id: &'a str,
    title: &'a str,
    constraint: ConstraintId,
    /// `first_move` or `discovery_first`: build it, or run discovery on it first.
    route: Route,
    chosen_by: Option<ChosenBy>,
    behavior: &'a str,
    metric: &'a str,
    risk: &'a str,
    baseline: &'a str,
    target: &'a str,
    checklist: Vec<ChecklistOut<'a>>,
    medians: Medians,
    flags: &'a [Flag],
}

#[derive(Serialize)]
struct WhyOut<'a> {
    #[serde(flatten)]
    why: &'a Why,
    /// The sentences the Markdown prints under "Why this move".
    text: Vec<String>,
}

#[derive(Serialize)]
struct RobustnessOut<'a> {
    #[serde(flatten)]
    robustness: &'a Robustness,
    /// The sentences the Markdown prints under "How sure" (empty when it prints none).
    text: Vec<String>,
}

#[derive(Serialize)]
struct PhaseOut {
    days: String,
    title: String,
    /// The phase's text and, after it, what it means for this move (as the Markdown shows).
    text: String,
    focus: String,
    /// The phase's first and last day (YYYY-MM-DD) once the move is decided; else null.
    start: Option<String>,
    end: Option<String>,
}

/// The sentences of some blocks, without their heading.
fn sentences(blocks: Vec<Block>) -> Vec<String> {
    blocks
        .into_iter()
        .flat_map(|b| match b {
            Block::Para(t) => vec![t],
            Block::Bullets(items) => items,
            _ => Vec::new(),
        })
        .collect()
}

fn checklist(c: &Candidate) -> Vec<ChecklistOut<'_>> {
    playbook()
        .constraint(c.constraint)
        .checklist
        .iter()
        .map(|item| ChecklistOut { id: &item.id, name: &item.name, done: c.checklist.contains(&item.id) })
        .collect()
}

fn report<'a>(s: &'a Session, r: &'a Recommendation) -> Report<'a> {
    let pb = playbook();
    let cx = Ctx { s, r };
    let ranks = cx.ranks();
    let route = pb.route(r.route);
    let ids: Vec<&ParticipantId> = s.participants.iter().map(|p| &p.id).collect();
    let constraints = r
        .constraints
        .iter()
        .map(|c| {
            let ct = pb.constraint(c.constraint);
            let given = &s.constraint(c.constraint).severity;
            let mark = match () {
                _ if !ranks => None,
                _ if r.primary.as_ref().is_some_and(|p| p.constraint == c.constraint) => Some("primary"),
                _ if r.next_bottleneck == Some(c.constraint) => Some("next"),
                _ if r.next_tied.contains(&c.constraint) => Some("next_tied"),
                _ => None,
            };
            ConstraintOut {
                constraint: c.constraint,
                name: &ct.name,
                looks_like: &ct.looks_like,
                improve_first: &ct.improve_first,
                severity: ids
                    .iter()
                    .map(|id| Rating { participant: id, score: given.get(*id).copied() })
                    .collect(),
                median: c.severity.map(|t| t.median),
                spread: c.severity.map(|t| t.spread),
                count: c.severity.map_or(0, |t| t.count),
                discuss: c.severity.is_some_and(|t| t.discuss()),
                discuss_first: r.robustness.constraints_discuss_first.contains(&c.constraint),
                clear_pressures: c.clear_pressures,
                evidence: &s.constraint(c.constraint).evidence,
                mark,
            }
        })
        .collect();
    let ranking: &[RankedCandidate] = if ranks { &r.ranking } else { &[] };
    let candidates = s
        .candidates
        .iter()
        .map(|c| {
            let ranked = ranking.iter().position(|rc| rc.id == c.id);
            let medians = rules::medians(c);
            CandidateOut {
                id: &c.id,
                title: &c.title,
                constraint: c.constraint,
                behavior: &c.behavior,
                metric: &c.metric,
                risk: &c.risk,
                baseline: &c.baseline,
                target: &c.target,
                checklist: checklist(c),
                scores: ids
                    .iter()
                    .map(|id| {
                        let sc = c.scores.get(*id);
                        let get = |d| sc.and_then(|sc| sc.get(d));
                        ScoresOut {
                            participant: id,
                            impact: get(Dimension::Impact),
                            evidence: get(Dimension::Evidence),
                            confidence: get(Dimension::Confidence),
                            timing: get(Dimension::Timing),
                        }
                    })
                    .collect(),
                flags: rules::flags(c, medians.as_ref()),
                medians,
                discuss: Dimension::ALL
                    .iter()
                    .copied()
                    .filter(|&d| rules::tally(c, d).is_some_and(|t| t.discuss()))
                    .collect(),
                discuss_first: ranked.map(|i| ranking[i].discuss_first.clone()).unwrap_or_default(),
                rank: ranked.map(|i| i + 1),
            }
        })
        .collect();
    let the_move = r.top_candidate().and_then(|top| {
        let c = s.candidates.iter().find(|c| c.id == top.id)?;
        Some(MoveOut {
            id: &c.id,
            title: &c.title,
            constraint: c.constraint,
            route: r.route,
            chosen_by: r.top_chosen_by,
            behavior: &c.behavior,
            metric: &c.metric,
            risk: &c.risk,
            baseline: &c.baseline,
            target: &c.target,
            checklist: checklist(c),
            medians: top.medians,
            flags: &top.flags,
        })
    });
    Report {
        report_version: JSON_REPORT_VERSION,
        session: SessionOut {
            id: &s.id,
            name: &s.name,
            product: &s.product,
            facilitator: &s.facilitator,
            created_at: &s.created_at,
            updated_at: &s.updated_at,
            primary_constraint: s.primary_constraint,
            first_move: s.first_move.as_deref(),
        },
        participants: s
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| ParticipantOut { id: &p.id, name: &p.name, label: s.participant_label(i) })
            .collect(),
        route: r.route,
        route_text: RouteText { title: &route.title, summary: &route.summary, next: &route.next },
        warnings: r.warnings.iter().map(|&w| WarningOut { code: w, text: w.text() }).collect(),
        gate: &s.gate,
        filters: s
            .filters
            .iter()
            .map(|f| {
                let ft = pb.filter(f.filter);
                FilterOut {
                    filter: f.filter,
                    name: &ft.name,
                    question: &ft.question,
                    answer: &f.answer,
                    clarity: f.clarity,
                    evidence: f.evidence,
                }
            })
            .collect(),
        qualification: &r.qualification,
        constraints,
        suggestion: &r.suggestion,
        primary: r
            .primary
            .as_ref()
            .filter(|_| ranks)
            .map(|p| PrimaryOut { primary: p, name: &pb.constraint(p.constraint).name }),
        next_bottleneck: r.next_bottleneck.filter(|_| ranks),
        next_tied: if ranks { &r.next_tied } else { &[] },
        candidates,
        ranking,
        unscored: if ranks { &r.unscored } else { &[] },
        top_tied: if ranks { &r.top_tied } else { &[] },
        top: r.top.as_deref(),
        top_chosen_by: r.top_chosen_by,
        the_move,
        why: r.why.as_ref().map(|w| WhyOut { why: w, text: sentences(why::why_blocks(r)) }),
        robustness: RobustnessOut { robustness: &r.robustness, text: sentences(why::robustness_blocks(r)) },
        plan: decision::plan_phases(&cx)
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                let (start, end) = p.dates.map_or((None, None), |(a, b)| (Some(a), Some(b)));
                PhaseOut { days: p.days, title: p.title, text: p.text, focus: p.focus, start, end }
            })
            .collect(),
        follow_through: follow_through(&cx),
        check_ins: check_ins(s),
        previous_cycle: s.carried_over.as_ref().map(|c| PreviousOut {
            id: s.previous.as_deref(),
            cycle: &c.cycle,
            text: followup::wording::last_cycle(&c.cycle),
        }),
        rounds: rounds::convergence(s)
            .iter()
            .map(|c| SubjectOut {
                kind: match c.subject {
                    Subject::Severity(_) => "severity",
                    Subject::Scores(_) => "scores",
                },
                constraint: match c.subject {
                    Subject::Severity(k) => Some(k),
                    Subject::Scores(_) => None,
                },
                candidate: c.subject.candidate().map(str::to_string),
                name: c.subject_name(s),
                rounds: c
                    .rounds
                    .iter()
                    .map(|r| RoundOut {
                        number: r.number,
                        spread: r.spread,
                        median: r.median,
                        voted: r.voted,
                        abstained: r.abstained,
                    })
                    .collect(),
                converged: c.converged(),
                text: c.line(),
            })
            .collect(),
        timebox: timebox(s),
        decisions: decisions::decisions(s)
            .iter()
            .map(|e| DecisionOut {
                at: &e.at,
                step: e.step,
                kind: e.kind,
                label: e.kind.label(),
                automatic: e.kind.automatic(),
                text: &e.text,
                owner: &e.owner,
                due: &e.due,
            })
            .collect(),
    }
}

fn follow_through<'a>(cx: &Ctx<'a>) -> Option<FollowOut<'a>> {
    let s = cx.s;
    let f = s.follow_through.as_ref()?;
    let record = followup::prediction(s);
    Some(FollowOut {
        decided_on: &f.decided_on,
        decided_date: followup::decided_on(s).map(dates::format_date),
        candidate: &f.candidate,
        title: followup::decided_move(s).map(|c| c.title.as_str()),
        measure: followup::decided_measure(s).map(|m: &'a Measure| MeasureOut {
            baseline: m.baseline,
            target: m.target,
            unit: &m.unit,
            direction: m.direction,
        }),
        check_in_days: followup::plan_dates(s)
            .map(|p| p.iter().map(|(day, d)| DayOut { day: *day, date: dates::format_date(*d) }).collect())
            .unwrap_or_default(),
        prediction: PredictionOut {
            text: &f.prediction,
            value: record.as_ref().and_then(|r| r.predicted),
            confidence: f.confidence,
            actual: record.as_ref().and_then(|r| r.actual.map(|a| a.0)),
            actual_day: record.as_ref().and_then(|r| r.actual.map(|a| a.1)),
            met: record.as_ref().and_then(|r| r.met),
        },
        progress: followup::progress(s).map(|p| ProgressOut {
            value: p.value,
            day: p.day,
            fraction: p.fraction,
            zone: p.zone,
        }),
        outcome: f.outcome,
        outcome_due: followup::outcome_due(s),
        text: follow::decision(cx)
            .into_iter()
            .flat_map(|b| match b {
                Block::Fields(f) => f.into_iter().map(|(k, v)| format!("{k}: {v}")).collect(),
                _ => Vec::new(),
            })
            .collect(),
    })
}

fn check_ins(s: &Session) -> Vec<CheckInOut<'_>> {
    follow::ordered(s)
        .into_iter()
        .map(|i| {
            let c = &s.check_ins[i];
            let when = follow::when(s, c);
            let reading = follow::reading(s, c);
            // A refused check-in counts nowhere: no number a reader could add up.
            let value = when.as_ref().ok().and_then(|_| followup::reading(s, &c.metric_value));
            CheckInOut {
                date: &c.date,
                refused: when.as_ref().err().cloned(),
                day: when.ok().and_then(|w| w.1),
                label: &c.label,
                metric_value: &c.metric_value,
                value,
                zone: reading.map(|r| r.1),
                adoption: &c.adoption,
                quality: &c.quality,
                speed: &c.speed,
                support_load: &c.support_load,
                technical_health: &c.technical_health,
                decision: c.decision,
            }
        })
        .collect()
}

fn timebox(s: &Session) -> Option<TimeboxOut> {
    let (steps, balance) = time_per_step(&s.workshop.timebox);
    if steps.is_empty() {
        return None;
    }
    Some(TimeboxOut {
        steps: steps
            .iter()
            .map(|r| StepTimeOut {
                step: r.step,
                name: room::step_name(r.step),
                planned_seconds: r.planned_secs,
                spent_seconds: r.spent_secs,
            })
            .collect(),
        balance_seconds: balance,
        text: balance_line(balance),
    })
}

/// The report as pretty-printed JSON, ending in a newline. serde_json escapes the C0
/// controls; what else a terminal could act on (DEL, C1 controls, bidi controls) it leaves as
/// it is, so those are written as `\u` escapes too (they can only be inside strings, where
/// the escape means the same).
pub fn json(s: &Session, r: &Recommendation) -> Result<String, serde_json::Error> {
    let text = serde_json::to_string_pretty(&report(s, r))?;
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if c != '\n' && sanitize::is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Ok(out)
}
