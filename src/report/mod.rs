//! The recommendation as a document: built once as blocks of plain text, then rendered as
//! Markdown (escaped), plain text, or drawn by the wizard's last screen.

mod markdown;
mod text;

pub use markdown::markdown;
pub use text::text;

use crate::method::recommend::{ChosenBy, RankedCandidate, Recommendation, Route};
use crate::method::rules::{Suggestion, Tally};
use crate::method::{ConstraintId, Dimension, FilterId, QuestionId, Session, playbook, recommend};

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

/// Medians, their sums and minima are whole or half numbers: "4", "4.5".
pub fn fmt_median(m: f64) -> String {
    let halves = m * 2.0;
    if halves.fract() == 0.0 && halves.abs() < 1e9 {
        // Integer formatting: the float formatter is a hot spot when a table redraws.
        let h = halves as i64;
        if h % 2 == 0 { (h / 2).to_string() } else { format!("{}.5", h / 2) }
    } else {
        format!("{m:.1}")
    }
}

fn fmt_tally(t: Option<Tally>) -> (String, String) {
    match t {
        Some(t) => {
            (fmt_median(t.median), format!("{}{}", t.spread, if t.discuss() { " discuss" } else { "" }))
        }
        None => ("–".into(), "–".into()),
    }
}

fn filter_name(f: FilterId) -> &'static str {
    &playbook().filter(f).name
}

fn constraint_name(c: ConstraintId) -> &'static str {
    &playbook().constraint(c).name
}

fn names<T: Copy>(items: &[T], name: fn(T) -> &'static str) -> String {
    items.iter().map(|&i| name(i)).collect::<Vec<_>>().join(", ")
}

fn flag_names(c: &RankedCandidate) -> String {
    c.flags.iter().map(|&f| playbook().flag(f).name.as_str()).collect::<Vec<_>>().join(", ")
}

/// The whole report for a session.
pub fn document(s: &Session) -> Vec<Block> {
    document_for(s, &recommend(s))
}

pub fn document_for(s: &Session, r: &Recommendation) -> Vec<Block> {
    let pb = playbook();
    let route = pb.route(r.route);
    let mut out = vec![Block::Title(format!("{}: {}", route.title, s.name))];

    let people = (0..s.participants.len()).map(|i| s.participant_label(i)).collect::<Vec<_>>().join(", ");
    let mut about = Vec::new();
    if !s.product.trim().is_empty() {
        about.push(("Product".into(), s.product.clone()));
    }
    if !s.facilitator.trim().is_empty() {
        about.push(("Facilitator".into(), s.facilitator.clone()));
    }
    about.push(("Participants".into(), people));
    about.push(("Updated".into(), s.updated_at.clone()));
    out.push(Block::Fields(about));
    out.extend(r.warnings.iter().map(|w| Block::Warning(w.text().to_string())));

    out.push(Block::Heading(format!("Route: {}", route.title)));
    out.push(Block::Para(route.summary.clone()));
    out.push(Block::Para(route.next.clone()));

    match r.route {
        Route::CollectEvidenceFirst => {
            let q = &r.qualification;
            out.push(Block::Fields(vec![
                (
                    "Clear".into(),
                    if q.clear.is_empty() { "none".into() } else { names(&q.clear, filter_name) },
                ),
                ("Still unclear".into(), names(&q.unclear, filter_name)),
            ]));
            out.push(Block::Para("Questions to gather evidence for:".into()));
            out.push(Block::Bullets(
                q.unclear.iter().map(|&f| format!("{}: {}", filter_name(f), pb.filter(f).question)).collect(),
            ));
        }
        Route::ChoosePrimaryConstraint => {
            if let Suggestion::Tie(tied) = &r.suggestion {
                out.push(Block::Para(format!("Tied at the top: {}.", names(tied, constraint_name))));
            }
            out.push(constraint_table(r));
        }
        _ => {}
    }

    if let Some(p) = &r.primary {
        let ct = pb.constraint(p.constraint);
        let summary = r.constraints.iter().find(|c| c.constraint == p.constraint);
        out.push(Block::Heading(format!("Primary constraint: {}", ct.name)));
        let mut why = match summary.and_then(|c| c.severity) {
            Some(t) => format!(
                "Median severity {} from {} rating{} (spread {}{}).",
                fmt_median(t.median),
                t.count,
                if t.count == 1 { "" } else { "s" },
                t.spread,
                if t.discuss() { ", worth discussing" } else { "" }
            ),
            None => "Nobody rated its severity yet.".into(),
        };
        why.push_str(match p.chosen_by {
            ChosenBy::Team => " Picked by the team.",
            ChosenBy::Suggestion => " Suggested by the ratings: the highest median severity.",
        });
        out.push(Block::Para(why));
        let touches = p
            .touches
            .iter()
            .map(|&f| {
                format!("{}{}", filter_name(f), if p.clear_touches.contains(&f) { " (clear)" } else { "" })
            })
            .collect::<Vec<_>>()
            .join(", ");
        out.push(Block::Fields(vec![
            ("Looks like".into(), ct.looks_like.clone()),
            ("Improve first".into(), ct.improve_first.clone()),
            ("Pressures it touches".into(), touches),
        ]));
        if r.route != Route::ChoosePrimaryConstraint {
            out.push(constraint_table(r));
        }
    }

    if let Some(top) = r.top_candidate()
        && let Some(c) = s.candidates.iter().find(|c| c.id == top.id)
    {
        let heading = if r.route == Route::FirstMove { "The first move" } else { "Run discovery on" };
        out.push(Block::Heading(format!("{heading}: {}", c.title)));
        out.push(score_table(std::slice::from_ref(top), false));
        if !top.flags.is_empty() {
            out.push(Block::Para(format!("Flags: {}.", flag_names(top))));
        }
        let or_open =
            |v: &str| if v.trim().is_empty() { "(open question)".to_string() } else { v.to_string() };
        let mut metric = or_open(&c.metric);
        if !c.baseline.trim().is_empty() || !c.target.trim().is_empty() {
            metric.push_str(&format!(
                " — baseline {}, target {}",
                if c.baseline.trim().is_empty() { "?" } else { c.baseline.trim() },
                if c.target.trim().is_empty() { "?" } else { c.target.trim() }
            ));
        }
        out.push(Block::Fields(vec![
            (pb.question(QuestionId::Behavior).name.clone(), or_open(&c.behavior)),
            (pb.question(QuestionId::Metric).name.clone(), metric),
            (pb.question(QuestionId::Risk).name.clone(), or_open(&c.risk)),
        ]));
        out.push(Block::Para("Engineering reality:".into()));
        out.push(Block::Checklist(
            pb.constraint(c.constraint)
                .checklist
                .iter()
                .map(|item| (c.checklist.contains(&item.id), item.name.clone()))
                .collect(),
        ));
        let others: Vec<_> = r.ranking.iter().filter(|c| c.id != top.id).cloned().collect();
        if !others.is_empty() {
            out.push(Block::Heading("Runners-up".into()));
            out.push(score_table(&others, true));
        }
    } else if !r.ranking.is_empty() {
        out.push(Block::Heading("Candidates".into()));
        out.push(score_table(&r.ranking, true));
    }
    if !r.unscored.is_empty() {
        let titles =
            s.candidates.iter().filter(|c| r.unscored.contains(&c.id)).map(|c| c.title.clone()).collect();
        out.push(Block::Para("Waiting for scores:".into()));
        out.push(Block::Bullets(titles));
    }

    if let Some(next) = r.next_bottleneck {
        out.push(Block::Heading(format!("Next bottleneck: {}", constraint_name(next))));
        out.push(Block::Para(pb.constraint(next).looks_like.clone()));
    }

    if r.route == Route::FirstMove
        && let Some(c) = r.top_candidate().and_then(|t| s.candidates.iter().find(|c| c.id == t.id))
    {
        out.push(Block::Heading("30/60/90 plan".into()));
        let primary = r.primary.as_ref().map_or("", |p| constraint_name(p.constraint));
        let focus = [
            format!("Constraint: {primary}. Success metric: {}.", c.metric.trim()),
            format!("Move: {}.", c.title.trim()),
            r.next_bottleneck
                .map(|n| {
                    format!(
                        "If the metric moves, continue or refine; otherwise look at {}.",
                        constraint_name(n)
                    )
                })
                .unwrap_or_default(),
        ];
        out.push(Block::Fields(
            pb.phases
                .iter()
                .zip(focus)
                .map(|(ph, f)| {
                    (format!("Days {}, {}", ph.days, ph.title), format!("{} {f}", ph.text).trim_end().into())
                })
                .collect(),
        ));
    }
    out
}

fn constraint_table(r: &Recommendation) -> Block {
    let primary = r.primary.as_ref().map(|p| p.constraint);
    Block::Table {
        head: ["Constraint", "Median", "Spread", "Clear pressures", ""].map(String::from).to_vec(),
        rows: r
            .constraints
            .iter()
            .map(|c| {
                let (m, sp) = fmt_tally(c.severity);
                let mark = if Some(c.constraint) == primary {
                    "primary"
                } else if Some(c.constraint) == r.next_bottleneck {
                    "next"
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
    let mut head: Vec<String> = Vec::new();
    if with_title {
        head.push("Candidate".into());
    }
    head.extend(Dimension::ALL.iter().map(|&d| pb.dimension(d).short.clone()));
    head.extend(["Lowest", "Sum"].map(String::from));
    if with_title {
        head.push("Flags".into());
    }
    let rows = cands
        .iter()
        .map(|c| {
            let mut row = Vec::new();
            if with_title {
                row.push(c.title.clone());
            }
            row.extend(Dimension::ALL.iter().map(|&d| {
                let mark = if c.discuss.contains(&d) { " (discuss)" } else { "" };
                format!("{}{mark}", fmt_median(c.medians.get(d)))
            }));
            row.push(fmt_median(c.lowest));
            row.push(fmt_median(c.sum));
            if with_title {
                row.push(flag_names(c));
            }
            row
        })
        .collect();
    Block::Table { head, rows }
}
