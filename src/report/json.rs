//! The report as JSON, for scripts: the same content as the Markdown, as typed data.
//!
//! Every field has one type whatever the session: lists stay lists (empty when there is
//! nothing), a missing value is `null`, codes are snake_case ids with their words beside
//! them. The shape is documented in docs/report-format.md; `JSON_REPORT_VERSION` changes
//! when a field changes type or meaning (adding a field does not).

use serde::Serialize;

use super::{Block, Ctx, decision, why};
use crate::method::model::{Candidate, Gate};
use crate::method::recommend::{ChosenBy, Primary, RankedCandidate, Recommendation, Route, Warning};
use crate::method::robust::Robustness;
use crate::method::rules::{self, Medians, Qualification, Suggestion};
use crate::method::why::Why;
use crate::method::{
    Clarity, ConstraintId, Dimension, EvidenceKind, FilterId, Flag, ParticipantId, Session, playbook,
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
            .map(|p| PhaseOut { days: p.days, title: p.title, text: p.text, focus: p.focus })
            .collect(),
    }
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
