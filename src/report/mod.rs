//! The recommendation as a document: built once as blocks of plain text, then rendered as
//! Markdown (escaped), plain text, or drawn by the wizard's last screen.

mod markdown;
mod text;
mod why;

pub use markdown::markdown;
pub use text::text;
use why::{robustness_blocks, why_blocks};

use crate::method::recommend::{ChosenBy, RankedCandidate, Recommendation, Route};
use crate::method::rules::Tally;
use crate::method::wording::{
    constraint_name, fill, fill_owned, list, suggestion_sentence, unclear_filter, unclear_filter_args,
};
use crate::method::{Dimension, FilterId, QuestionId, Session, playbook, recommend};

/// A piece of the report. All strings are plain text; renderers do any escaping.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Warning(String),
    Fields(Vec<(String, String)>),
    Bullets(Vec<String>),
    Checklist(Vec<(bool, String)>),
    Table { head: Vec<String>, rows: Vec<Vec<String>> },
}

pub use crate::method::wording::fmt_median;

/// The mean of four medians (a multiple of 1/8): "4", "4.5", "4.25", "3.63".
pub fn fmt_mean(m: f64) -> String {
    if (m * 2.0).fract() == 0.0 {
        return fmt_median(m);
    }
    let s = format!("{m:.2}");
    s.trim_end_matches('0').to_string()
}

fn fmt_tally(t: Option<Tally>, first: bool) -> (String, String) {
    match t {
        Some(t) => {
            (fmt_median(t.median), with_discuss(t.spread.to_string(), mark(t.discuss(), first), false))
        }
        None => ("–".into(), "–".into()),
    }
}

/// Which discuss mark a disputed value gets: none, the plain one, or "discuss first" when a
/// one-step move of it would change the decision.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    None,
    Discuss,
    DiscussFirst,
}

fn mark(discuss: bool, first: bool) -> Mark {
    match (discuss, first) {
        (false, _) => Mark::None,
        (true, false) => Mark::Discuss,
        (true, true) => Mark::DiscussFirst,
    }
}

/// `value`, followed by its discuss mark ("2 discuss", or "4 (discuss first)").
fn with_discuss(value: String, m: Mark, parenthesised: bool) -> String {
    let marks = &playbook().report.marks;
    let mark = match m {
        Mark::None => return value,
        Mark::Discuss => &marks.discuss,
        Mark::DiscussFirst => &marks.discuss_first,
    };
    if parenthesised { format!("{value} ({mark})") } else { format!("{value} {mark}") }
}

fn filter_name(f: FilterId) -> &'static str {
    &playbook().filter(f).name
}

fn flag_names(c: &RankedCandidate) -> String {
    list(&c.flags, |f| playbook().flag(f).name.as_str())
}

/// The whole report for a session.
pub fn document(s: &Session) -> Vec<Block> {
    document_for(s, &recommend(s))
}

pub fn document_for(s: &Session, r: &Recommendation) -> Vec<Block> {
    let pb = playbook();
    let t = &pb.report;
    let route = pb.route(r.route);
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

    out.push(Block::Heading(fill(&t.route, &[("route", &route.title)])));
    out.push(Block::Para(route.summary.clone()));
    out.push(Block::Para(route.next.clone()));

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
        Route::ChoosePrimaryConstraint => {
            out.push(Block::Para(suggestion_sentence(r)));
            out.push(constraint_table(r));
        }
        _ => {}
    }

    out.extend(why_blocks(r));
    out.extend(robustness_blocks(r));

    if let Some(p) = &r.primary {
        let ct = pb.constraint(p.constraint);
        let summary = r.constraints.iter().find(|c| c.constraint == p.constraint);
        out.push(Block::Heading(fill(&t.primary, &[("constraint", &ct.name)])));
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
        out.push(Block::Para(format!("{severity} {chosen}")));
        let touches = p
            .touches
            .iter()
            .map(|&f| match p.clear_touches.contains(&f) {
                true => format!("{} {}", filter_name(f), t.clear_mark),
                false => filter_name(f).to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        out.push(Block::Fields(vec![
            (t.looks_like.clone(), ct.looks_like.clone()),
            (t.improve_first.clone(), ct.improve_first.clone()),
            (t.pressures.clone(), touches),
        ]));
        if r.route != Route::ChoosePrimaryConstraint {
            out.push(constraint_table(r));
        }
    }

    if let Some(top) = r.top_candidate()
        && let Some(c) = s.candidates.iter().find(|c| c.id == top.id)
    {
        let heading = if r.route == Route::FirstMove { &t.first_move } else { &t.discovery_on };
        out.push(Block::Heading(fill(heading, &[("title", &c.title)])));
        if r.top_chosen_by == Some(ChosenBy::Team) {
            out.push(Block::Para(t.picked_by_team.clone()));
        }
        out.push(score_table(std::slice::from_ref(top), false));
        if !top.flags.is_empty() {
            out.push(Block::Para(fill(&t.flags, &[("flags", &flag_names(top))])));
        }
        let or_open = |v: &str| if v.trim().is_empty() { t.open_question.clone() } else { v.to_string() };
        let or_unknown =
            |v: &str| if v.trim().is_empty() { t.not_given.clone() } else { v.trim().to_string() };
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
        out.push(Block::Fields(vec![
            (pb.question(QuestionId::Behavior).name.clone(), or_open(&c.behavior)),
            (pb.question(QuestionId::Metric).name.clone(), metric),
            (pb.question(QuestionId::Risk).name.clone(), or_open(&c.risk)),
        ]));
        out.push(Block::Para(t.engineering.clone()));
        out.push(Block::Checklist(
            pb.constraint(c.constraint)
                .checklist
                .iter()
                .map(|item| (c.checklist.contains(&item.id), item.name.clone()))
                .collect(),
        ));
        let others: Vec<_> = r.ranking.iter().filter(|c| c.id != top.id).cloned().collect();
        if !others.is_empty() {
            out.push(Block::Heading(t.runners_up.clone()));
            out.push(Block::Para(t.ranking_note.clone()));
            out.push(score_table(&others, true));
        }
    } else if !r.ranking.is_empty() {
        out.push(Block::Heading(t.candidates.clone()));
        out.push(Block::Para(t.ranking_note.clone()));
        out.push(score_table(&r.ranking, true));
    }
    if !r.unscored.is_empty() {
        let titles =
            s.candidates.iter().filter(|c| r.unscored.contains(&c.id)).map(|c| c.title.clone()).collect();
        out.push(Block::Para(t.waiting.clone()));
        out.push(Block::Bullets(titles));
    }

    if let Some(next) = r.next_bottleneck {
        out.push(Block::Heading(fill(&t.next_bottleneck, &[("constraint", constraint_name(next))])));
        out.push(Block::Para(pb.constraint(next).looks_like.clone()));
    } else if !r.next_tied.is_empty() {
        out.push(Block::Heading(fill(
            &t.next_tied,
            &[("constraints", &list(&r.next_tied, constraint_name))],
        )));
        out.push(Block::Para(t.next_tied_why.clone()));
        out.push(Block::Bullets(
            r.next_tied
                .iter()
                .map(|&c| format!("{}: {}", constraint_name(c), pb.constraint(c).looks_like))
                .collect(),
        ));
    }

    if r.route == Route::FirstMove
        && let Some(c) = r.top_candidate().and_then(|top| s.candidates.iter().find(|c| c.id == top.id))
    {
        out.push(Block::Heading(t.plan.clone()));
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
        out.push(Block::Fields(
            pb.phases
                .iter()
                .zip(focus)
                .map(|(ph, f)| {
                    let label = fill(&t.phase, &[("days", &ph.days), ("title", &ph.title)]);
                    (label, format!("{} {f}", ph.text).trim_end().into())
                })
                .collect(),
        ));
    }
    out
}

fn constraint_table(r: &Recommendation) -> Block {
    let t = &playbook().report;
    let primary = r.primary.as_ref().map(|p| p.constraint);
    let cols = &t.columns;
    Block::Table {
        head: vec![
            cols.constraint.clone(),
            cols.median.clone(),
            cols.spread.clone(),
            cols.clear_pressures.clone(),
            String::new(),
        ],
        rows: r
            .constraints
            .iter()
            .map(|c| {
                let (m, sp) =
                    fmt_tally(c.severity, r.robustness.constraints_discuss_first.contains(&c.constraint));
                let mark = if Some(c.constraint) == primary {
                    t.marks.primary.as_str()
                } else if Some(c.constraint) == r.next_bottleneck {
                    t.marks.next.as_str()
                } else if r.next_tied.contains(&c.constraint) {
                    t.marks.next_tied.as_str()
                } else {
                    ""
                };
                vec![constraint_name(c.constraint).into(), m, sp, c.clear_pressures.to_string(), mark.into()]
            })
            .collect(),
    }
}

fn score_table(cands: &[RankedCandidate], with_title: bool) -> Block {
    let pb = playbook();
    let cols = &pb.report.columns;
    let mut head: Vec<String> = Vec::new();
    if with_title {
        head.push(cols.candidate.clone());
    }
    head.extend(Dimension::ALL.iter().map(|&d| pb.dimension(d).short.clone()));
    head.extend([cols.lowest.clone(), cols.mean.clone(), cols.sum.clone()]);
    if with_title {
        head.push(cols.flags.clone());
    }
    let rows = cands
        .iter()
        .map(|c| {
            let mut row = Vec::new();
            if with_title {
                row.push(c.title.clone());
            }
            row.extend(Dimension::ALL.iter().map(|&d| {
                let m = mark(c.discuss.contains(&d), c.discuss_first.contains(&d));
                with_discuss(fmt_median(c.medians.get(d)), m, true)
            }));
            row.push(fmt_median(c.lowest));
            row.push(fmt_mean(c.mean));
            row.push(fmt_median(c.sum));
            if with_title {
                row.push(flag_names(c));
            }
            row
        })
        .collect();
    Block::Table { head, rows }
}

#[cfg(test)]
mod tests;
