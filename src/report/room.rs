//! Workshop mode as the report shows it: how the room converged over its vote rounds, the time
//! spent on each step against the plan, and the decisions log. One function per section (see
//! `SECTIONS`); each says nothing until the session has something to say.

use super::{Block, Ctx};
use crate::method::decisions::{LogEntry, decisions};
use crate::method::rounds::{Convergence, convergence};
use crate::method::timebox::{StepTime, balance_line, clock, time_per_step};
use crate::method::wording::fill;
use crate::method::{ConstraintId, FilterId, Step, playbook};

/// The name of a step, as the wizard titles it.
pub(super) fn step_name(step: Step) -> String {
    let pb = playbook();
    let t = &pb.report.room;
    let filter = Step::FilterRevenue.index();
    let constraint = Step::ConstraintActivation.index();
    let i = step.index();
    if (filter..filter + FilterId::ALL.len()).contains(&i) {
        fill(&t.step_filter, &[("name", &pb.filter(FilterId::ALL[i - filter]).name)])
    } else if (constraint..constraint + ConstraintId::ALL.len()).contains(&i) {
        fill(&t.step_constraint, &[("name", &pb.constraint(ConstraintId::ALL[i - constraint]).name)])
    } else {
        t.steps.get(&step).cloned().unwrap_or_else(|| step.id().to_string())
    }
}

/// A subject's rounds in a sentence, with whether the room came closer.
pub(super) fn convergence_line(c: &Convergence) -> String {
    let t = &playbook().report.room;
    let template = match c.converged() {
        Some(true) => &t.narrowed,
        Some(false) => &t.not_narrowed,
        None => &t.one_round,
    };
    fill(template, &[("rounds", &c.line())])
}

/// Each subject voted on in revealed rounds: its rounds' spreads in a line, and whether the
/// room came closer.
pub(super) fn rounds(cx: &Ctx) -> Vec<Block> {
    let all = convergence(cx.s);
    if all.is_empty() {
        return Vec::new();
    }
    let t = &playbook().report.room;
    vec![
        Block::Heading(t.rounds.clone()),
        Block::Para(t.rounds_intro.clone()),
        Block::Bullets(
            all.iter().map(|c| format!("{}: {}", c.subject_name(cx.s), convergence_line(c))).collect(),
        ),
    ]
}

/// A step's time against its plan: "1:10 over", "0:50 under", or "–" on the minute.
pub(super) fn difference(r: &StepTime) -> String {
    let t = &playbook().report.room;
    let (p, s) = (r.planned_secs, r.spent_secs);
    match s.cmp(&p) {
        std::cmp::Ordering::Greater => fill(&t.over, &[("time", &clock(s - p))]),
        std::cmp::Ordering::Less => fill(&t.under, &[("time", &clock(p - s))]),
        std::cmp::Ordering::Equal => "–".into(),
    }
}

/// Time per step, planned beside spent, and where the whole workshop stands against its plan.
pub(super) fn time(cx: &Ctx) -> Vec<Block> {
    let (steps, balance) = time_per_step(&cx.s.workshop.timebox);
    if steps.is_empty() {
        return Vec::new();
    }
    let t = &playbook().report.room;
    let rows = steps
        .iter()
        .map(|r| vec![step_name(r.step), clock(r.planned_secs), clock(r.spent_secs), difference(r)])
        .collect();
    vec![
        Block::Heading(t.time.clone()),
        Block::Table {
            head: vec![t.step.clone(), t.planned.clone(), t.spent.clone(), t.difference.clone()],
            rows,
        },
        Block::Para(fill(&t.balance, &[("balance", &balance_line(balance))])),
    ]
}

/// When an entry was recorded, to the minute: "2026-01-12 09:10" (or as stored).
pub(super) fn recorded(e: &LogEntry) -> String {
    let at = e.at.trim();
    match at.get(..16) {
        Some(head) if at.as_bytes().get(10) == Some(&b'T') => head.replacen('T', " ", 1),
        _ => at.to_string(),
    }
}

/// The decisions log, oldest first: each entry in its words (with owner and due date), the
/// step the room was on and when it was recorded.
pub(super) fn decisions_log(cx: &Ctx) -> Vec<Block> {
    let log = decisions(cx.s);
    if log.is_empty() {
        return Vec::new();
    }
    let t = &playbook().report.room;
    let entries = log
        .iter()
        .map(|e| fill(&t.entry, &[("step", &step_name(e.step)), ("at", &recorded(e)), ("entry", &e.line())]))
        .collect();
    let mut out = vec![Block::Heading(t.decisions.clone()), Block::Bullets(entries)];
    if log.iter().any(|e| e.kind.automatic()) {
        out.push(Block::Para(t.automatic.clone()));
    }
    out
}
