//! The decision: who was there, the route, the primary constraint, the move, the next
//! bottleneck and the 30/60/90 plan. One function per section (see `SECTIONS`).

use super::{Block, Ctx, Mark, filter_name, flag_names, fmt_median, mark, score_table};
use crate::method::recommend::{ChosenBy, Route};
use crate::method::wording::{
    constraint_name, fill, fill_owned, list, suggestion_sentence, unclear_filter, unclear_filter_args,
};
use crate::method::{QuestionId, dates, playbook};

/// The title, who was there, and the warnings.
pub(super) fn header(cx: &Ctx) -> Vec<Block> {
    let (s, r) = (cx.s, cx.r);
    let t = &playbook().report;
    let route = playbook().route(r.route);
    let mut out = vec![Block::Title(fill(&t.title, &[("route", &route.title), ("session", &s.name)]))];
    let people = (0..s.participants.len()).map(|i| s.participant_label(i)).collect::<Vec<_>>().join(", ");
    let mut about = Vec::new();
    if !s.product.trim().is_empty() {
        about.push((t.product.clone(), s.product.clone()));
    }
    if !s.facilitator.trim().is_empty() {
        about.push((t.facilitator.clone(), s.facilitator.clone()));
    }
    about.push((t.participants.clone(), people));
    about.push((t.updated.clone(), s.updated_at.clone()));
    out.push(Block::Fields(about));
    out.extend(r.warnings.iter().map(|w| Block::Warning(w.text().to_string())));
    out
}

/// The route, what it means, what to do next, and what only this route needs said.
pub(super) fn route(cx: &Ctx) -> Vec<Block> {
    let r = cx.r;
    let t = &playbook().report;
    let route = playbook().route(r.route);
    let mut out = vec![
        Block::Heading(fill(&t.route, &[("route", &route.title)])),
        Block::Para(route.summary.clone()),
        Block::Para(route.next.clone()),
    ];
    match r.route {
        Route::CollectEvidenceFirst => {
            let q = &r.qualification;
            out.push(Block::Fields(vec![
                (
                    t.clear.clone(),
                    if q.clear.is_empty() { t.none.clone() } else { list(&q.clear, filter_name) },
                ),
                (
                    t.still_unclear.clone(),
                    q.unclear.iter().map(|&u| unclear_filter(u)).collect::<Vec<_>>().join(", "),
                ),
            ]));
            out.push(Block::Para(t.unclear_questions.clone()));
            out.push(Block::Bullets(
                q.unclear.iter().map(|&u| fill_owned(&t.unclear_question, &unclear_filter_args(u))).collect(),
            ));
        }
        Route::ChooseFirstMove => {
            out.push(Block::Para(t.top_tied.clone()));
            out.push(Block::Bullets(
                r.ranking
                    .iter()
                    .filter(|c| r.top_tied.contains(&c.id))
                    .map(|c| {
                        fill(
                            &t.top_tied_row,
                            &[
                                ("title", c.title.trim()),
                                ("lowest", &fmt_median(c.lowest)),
                                ("sum", &fmt_median(c.sum)),
                                ("evidence", &fmt_median(c.medians.evidence)),
                            ],
                        )
                    })
                    .collect(),
            ));
            out.push(Block::Para(t.top_tied_pick.clone()));
        }
        Route::ChoosePrimaryConstraint => out.push(Block::Para(suggestion_sentence(r))),
        Route::MvpFirst
        | Route::AiProofOfConceptFirst
        | Route::NoCandidateYet
        | Route::DiscoveryFirst
        | Route::FirstMove => {}
    }
    out
}

/// The primary constraint: its severity, who chose it, what it looks like and what it touches.
pub(super) fn primary(cx: &Ctx) -> Vec<Block> {
    let r = cx.r;
    let Some(p) = r.primary.as_ref().filter(|_| cx.ranks()) else { return Vec::new() };
    let pb = playbook();
    let t = &pb.report;
    let ct = pb.constraint(p.constraint);
    let summary = r.constraints.iter().find(|c| c.constraint == p.constraint);
    let severity = match summary.and_then(|c| c.severity) {
        Some(tally) => fill(
            if tally.count == 1 { &t.severity_one } else { &t.severity_many },
            &[
                ("median", &fmt_median(tally.median)),
                ("count", &tally.count.to_string()),
                ("spread", &tally.spread.to_string()),
                (
                    "discuss",
                    match mark(
                        tally.discuss(),
                        r.robustness.constraints_discuss_first.contains(&p.constraint),
                    ) {
                        Mark::None => "",
                        Mark::Discuss => &t.worth_discussing,
                        Mark::DiscussFirst => &t.worth_discussing_first,
                    },
                ),
            ],
        ),
        None => t.not_rated.clone(),
    };
    let chosen = match p.chosen_by {
        ChosenBy::Team => t.picked_by_team.clone(),
        ChosenBy::Suggestion => suggestion_sentence(r),
    };
    let touches = p
        .touches
        .iter()
        .map(|&f| match p.clear_touches.contains(&f) {
            true => format!("{} {}", filter_name(f), t.clear_mark),
            false => filter_name(f).to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        Block::Heading(fill(&t.primary, &[("constraint", &ct.name)])),
        Block::Para(format!("{severity} {chosen}")),
        Block::Fields(vec![
            (t.looks_like.clone(), ct.looks_like.clone()),
            (t.improve_first.clone(), ct.improve_first.clone()),
            (t.pressures.clone(), touches),
        ]),
    ]
}

/// The move (or the candidate to run discovery on): its medians, flags, the three questions
/// with the metric's baseline and target, and the engineering checklist.
pub(super) fn the_move(cx: &Ctx) -> Vec<Block> {
    let (s, r) = (cx.s, cx.r);
    let Some(top) = r.top_candidate() else { return Vec::new() };
    let Some(c) = s.candidates.iter().find(|c| c.id == top.id) else { return Vec::new() };
    let pb = playbook();
    let t = &pb.report;
    let heading = if r.route == Route::FirstMove { &t.first_move } else { &t.discovery_on };
    let mut out = vec![Block::Heading(fill(heading, &[("title", &c.title)]))];
    if r.top_chosen_by == Some(ChosenBy::Team) {
        out.push(Block::Para(t.picked_by_team.clone()));
    }
    out.push(score_table(std::slice::from_ref(top), false));
    if !top.flags.is_empty() {
        out.push(Block::Para(fill(&t.flags, &[("flags", &flag_names(top))])));
    }
    out.push(Block::Fields(questions(c)));
    out.push(Block::Para(t.engineering.clone()));
    out.push(Block::Checklist(
        pb.constraint(c.constraint)
            .checklist
            .iter()
            .map(|item| (c.checklist.contains(&item.id), item.name.clone()))
            .collect(),
    ));
    out
}

/// A candidate's answers to the three questions, the metric with its baseline and target.
pub(super) fn questions(c: &crate::method::Candidate) -> Vec<(String, String)> {
    let pb = playbook();
    let t = &pb.report;
    let or_open = |v: &str| if v.trim().is_empty() { t.open_question.clone() } else { v.to_string() };
    let or_unknown = |v: &str| if v.trim().is_empty() { t.not_given.clone() } else { v.trim().to_string() };
    let mut metric = or_open(&c.metric);
    if !c.baseline.trim().is_empty() || !c.target.trim().is_empty() {
        metric = fill(
            &t.baseline_target,
            &[
                ("metric", &metric),
                ("baseline", &or_unknown(&c.baseline)),
                ("target", &or_unknown(&c.target)),
            ],
        );
    }
    vec![
        (pb.question(QuestionId::Behavior).name.clone(), or_open(&c.behavior)),
        (pb.question(QuestionId::Metric).name.clone(), metric),
        (pb.question(QuestionId::Risk).name.clone(), or_open(&c.risk)),
    ]
}

/// The runner-up constraint, or the constraints tied for it.
pub(super) fn next_bottleneck(cx: &Ctx) -> Vec<Block> {
    let r = cx.r;
    if !cx.ranks() {
        return Vec::new();
    }
    let pb = playbook();
    let t = &pb.report;
    if let Some(next) = r.next_bottleneck {
        vec![
            Block::Heading(fill(&t.next_bottleneck, &[("constraint", constraint_name(next))])),
            Block::Para(pb.constraint(next).looks_like.clone()),
        ]
    } else if !r.next_tied.is_empty() {
        vec![
            Block::Heading(fill(&t.next_tied, &[("constraints", &list(&r.next_tied, constraint_name))])),
            Block::Para(t.next_tied_why.clone()),
            Block::Bullets(
                r.next_tied
                    .iter()
                    .map(|&c| format!("{}: {}", constraint_name(c), pb.constraint(c).looks_like))
                    .collect(),
            ),
        ]
    } else {
        Vec::new()
    }
}

/// The 30/60/90 plan, on the First move route only.
pub(super) fn plan(cx: &Ctx) -> Vec<Block> {
    plan_phases(cx)
        .map(|phases| {
            vec![
                Block::Heading(playbook().report.plan.clone()),
                Block::Fields(phases.into_iter().map(|p| (p.label, p.dated_text)).collect()),
            ]
        })
        .unwrap_or_default()
}

/// One phase of the plan: its days and title, and what the team does in it.
pub(super) struct Phase {
    pub days: String,
    pub title: String,
    pub label: String,
    /// The playbook's text for the phase, then what it means for this move.
    pub text: String,
    /// What it means for this move alone.
    pub focus: String,
    /// Its first and last day (YYYY-MM-DD), once the move is decided on a real date.
    pub dates: Option<(String, String)>,
    /// `text`, after the phase's dates in words when it has them.
    pub dated_text: String,
}

/// The plan's three phases, when the route is First move.
pub(super) fn plan_phases(cx: &Ctx) -> Option<Vec<Phase>> {
    let (s, r) = (cx.s, cx.r);
    if r.route != Route::FirstMove {
        return None;
    }
    let c = r.top_candidate().and_then(|top| s.candidates.iter().find(|c| c.id == top.id))?;
    let pb = playbook();
    let t = &pb.report;
    let primary = r.primary.as_ref().map_or("", |p| constraint_name(p.constraint));
    let focus = [
        fill(&t.plan_diagnose, &[("constraint", primary), ("metric", c.metric.trim())]),
        fill(&t.plan_ship, &[("move", c.title.trim())]),
        match (r.next_bottleneck, r.next_tied.as_slice()) {
            (Some(n), _) => fill(&t.plan_measure, &[("constraint", constraint_name(n))]),
            (None, []) => String::new(),
            (None, tied) => fill(&t.plan_measure_tied, &[("constraints", &list(tied, constraint_name))]),
        },
    ];
    let spans = super::follow::phase_dates(cx);
    Some(
        pb.phases
            .iter()
            .zip(focus)
            .enumerate()
            .map(|(i, (ph, focus))| {
                let span = spans.and_then(|d| d.get(i).copied());
                let text: String = format!("{} {focus}", ph.text).trim_end().into();
                let dated_text = match span {
                    Some((from, to)) => fill(
                        &t.follow.phase_dates,
                        &[("from", &dates::human(from)), ("to", &dates::human(to)), ("text", &text)],
                    ),
                    None => text.clone(),
                };
                Phase {
                    days: ph.days.clone(),
                    title: ph.title.clone(),
                    label: fill(&t.phase, &[("days", &ph.days), ("title", &ph.title)]),
                    text,
                    dated_text,
                    focus,
                    dates: span.map(|(a, b)| (dates::format_date(a), dates::format_date(b))),
                }
            })
            .collect(),
    )
}
