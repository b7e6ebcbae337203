//! The record of the workshop: the gate, each filter with the team's answer, each person's
//! severities with the evidence notes, and each candidate with each person's scores. One
//! function per section (see `SECTIONS`).

use super::{
    Block, Chart, Ctx, Figure, MediansRow, SeverityRow, fmt_median, fmt_tally, mark, score_table,
    with_discuss,
};
use crate::method::model::Candidate;
use crate::method::rules::{self, DISCOVERY_BELOW};
use crate::method::wording::{
    constraint_name, fill, qualification_rule, qualification_verdict, severity_scale, traction_label,
};
use crate::method::{ConstraintId, Dimension, playbook};

/// The gate's two questions and the team's answers.
pub(super) fn gate(cx: &Ctx) -> Vec<Block> {
    let pb = playbook();
    let t = &pb.report.record;
    let g = &cx.s.gate;
    let traction = g.traction.map_or(t.not_answered.as_str(), traction_label);
    let ai = match g.ai_question {
        Some(true) => pb.yes_no.yes.as_str(),
        Some(false) => pb.yes_no.no.as_str(),
        None => t.not_answered.as_str(),
    };
    vec![
        Block::Heading(t.gate.clone()),
        Block::Fields(vec![(t.traction.clone(), traction.into()), (t.ai_question.clone(), ai.into())]),
    ]
}

/// Each pressure filter: its question, the team's answer, how clear it is, what backs it.
pub(super) fn filters(cx: &Ctx) -> Vec<Block> {
    let pb = playbook();
    let t = &pb.report.record;
    let mut out = vec![
        Block::Heading(t.filters.clone()),
        Block::Para(format!("{} {}", qualification_rule(), qualification_verdict(&cx.r.qualification))),
    ];
    for f in &cx.s.filters {
        let ft = pb.filter(f.filter);
        let answer = if f.answer.trim().is_empty() { t.no_answer.clone() } else { f.answer.clone() };
        out.push(Block::Subheading(ft.name.clone()));
        out.push(Block::Para(ft.question.clone()));
        out.push(Block::Fields(vec![
            (t.answer.clone(), answer),
            (t.clarity.clone(), pb.clarity(f.clarity).name.clone()),
            (
                t.evidence.clone(),
                f.evidence.map_or(t.not_answered.clone(), |e| pb.evidence_kind(e).name.clone()),
            ),
        ]));
    }
    out
}

/// The mark a constraint gets in the table: primary, next, tied for next, or none.
fn constraint_mark(cx: &Ctx, c: ConstraintId) -> &'static str {
    let marks = &playbook().report.marks;
    let r = cx.r;
    if r.primary.as_ref().is_some_and(|p| p.constraint == c) {
        &marks.primary
    } else if r.next_bottleneck == Some(c) {
        &marks.next
    } else if r.next_tied.contains(&c) {
        &marks.next_tied
    } else {
        ""
    }
}

/// The constraints: each person's severity, the median and spread (with the discuss mark),
/// the clear pressures, the primary and next marks, a chart, and the evidence notes.
pub(super) fn constraints(cx: &Ctx) -> Vec<Block> {
    let (s, r) = (cx.s, cx.r);
    let pb = playbook();
    let t = &pb.report;
    let cols = &t.columns;
    let people: Vec<String> = (0..s.participants.len()).map(|i| s.participant_label(i)).collect();
    let mut head = vec![cols.constraint.clone()];
    head.extend(people.iter().cloned());
    head.extend([cols.median.clone(), cols.spread.clone(), cols.clear_pressures.clone()]);
    // The marks column (primary, next), only where the route has a primary constraint.
    if cx.ranks() {
        head.push(String::new());
    }
    let mut rows = Vec::new();
    let mut chart = Vec::new();
    for c in &r.constraints {
        let given = &s.constraint(c.constraint).severity;
        let values: Vec<Option<u8>> = s.participants.iter().map(|p| given.get(&p.id).copied()).collect();
        let (median, spread) =
            fmt_tally(c.severity, r.robustness.constraints_discuss_first.contains(&c.constraint));
        let mut row = vec![constraint_name(c.constraint).to_string()];
        row.extend(values.iter().map(|v| v.map_or(t.record.not_scored.clone(), |v| v.to_string())));
        row.extend([median, spread, c.clear_pressures.to_string()]);
        if cx.ranks() {
            row.push(constraint_mark(cx, c.constraint).into());
        }
        rows.push(row);
        chart.push(SeverityRow {
            label: constraint_name(c.constraint).into(),
            values,
            median: c.severity.map(|t| t.median),
        });
    }
    let mut out = vec![
        Block::Heading(t.record.constraints.clone()),
        Block::Para(severity_scale()),
        Block::Table { head, rows },
    ];
    if chart.iter().any(|row| row.values.iter().any(Option::is_some)) {
        out.push(Block::Chart(severity_chart(&people, chart)));
    }
    let notes: Vec<(String, String)> = s
        .constraints
        .iter()
        .filter(|c| !c.evidence.trim().is_empty())
        .map(|c| (constraint_name(c.constraint).to_string(), c.evidence.clone()))
        .collect();
    if !notes.is_empty() {
        out.push(Block::Para(t.record.evidence_notes.clone()));
        out.push(Block::Fields(notes));
    }
    out
}

fn severity_chart(people: &[String], rows: Vec<SeverityRow>) -> Figure {
    let t = &playbook().report.record;
    let alt = rows
        .iter()
        .map(|row| {
            let scores = people
                .iter()
                .zip(&row.values)
                .map(|(name, v)| {
                    let value = v.map_or(t.not_scored.clone(), |v| v.to_string());
                    fill(&t.chart_value, &[("name", name), ("value", &value)])
                })
                .collect::<Vec<_>>()
                .join(", ");
            let median = row.median.map_or(t.not_scored.clone(), fmt_median);
            fill(
                &t.severity_chart_row,
                &[("constraint", &row.label), ("scores", &scores), ("median", &median)],
            )
        })
        .collect::<Vec<_>>()
        .join(". ");
    Figure {
        title: t.severity_chart.clone(),
        alt: format!("{alt}."),
        chart: Chart::Severity { people: people.to_vec(), rows },
    }
}

/// The candidates: on a route that ranks, the primary constraint's ranking (with a chart of
/// the medians) and those still waiting for scores; then every candidate as the team wrote it,
/// with each person's scores.
pub(super) fn candidates(cx: &Ctx) -> Vec<Block> {
    let (s, r) = (cx.s, cx.r);
    if s.candidates.is_empty() {
        return Vec::new();
    }
    let pb = playbook();
    let t = &pb.report;
    let mut out = vec![Block::Heading(t.record.candidates.clone())];
    let ranked = cx.ranks() && !r.ranking.is_empty();
    if ranked {
        out.push(Block::Para(t.ranking_note.clone()));
        out.push(score_table(&r.ranking, true));
        out.push(Block::Chart(medians_chart(cx)));
    }
    if cx.ranks() && !r.unscored.is_empty() {
        let titles =
            s.candidates.iter().filter(|c| r.unscored.contains(&c.id)).map(|c| c.title.clone()).collect();
        out.push(Block::Para(t.waiting.clone()));
        out.push(Block::Bullets(titles));
    }
    // The primary constraint's candidates in ranking order, then the rest as entered.
    let primary = r.primary.as_ref().map(|p| p.constraint).filter(|_| cx.ranks());
    let mut order: Vec<&Candidate> =
        r.ranking.iter().filter_map(|rc| s.candidates.iter().find(|c| c.id == rc.id)).collect();
    order.extend(
        s.candidates
            .iter()
            .filter(|c| Some(c.constraint) == primary && !r.ranking.iter().any(|rc| rc.id == c.id)),
    );
    let others_from = order.len();
    order.extend(s.candidates.iter().filter(|c| Some(c.constraint) != primary));
    for (i, c) in order.into_iter().enumerate() {
        if i == others_from && primary.is_some() {
            out.push(Block::Para(t.record.other_candidates.clone()));
        }
        out.extend(candidate(cx, c));
    }
    out
}

/// One candidate: its constraint, the three questions, the checklist count, its flags, and
/// a table of each person's four scores with the medians.
fn candidate(cx: &Ctx, c: &Candidate) -> Vec<Block> {
    let (s, r) = (cx.s, cx.r);
    let pb = playbook();
    let t = &pb.report;
    let ranked = r.ranking.iter().find(|rc| rc.id == c.id);
    let mut fields = vec![(t.record.constraint.clone(), constraint_name(c.constraint).to_string())];
    fields.extend(super::decision::questions(c));
    let list = &pb.constraint(c.constraint).checklist;
    let done = list.iter().filter(|item| c.checklist.contains(&item.id)).count();
    fields.push((
        t.record.checklist.clone(),
        fill(&t.record.checklist_count, &[("done", &done.to_string()), ("total", &list.len().to_string())]),
    ));
    let flags = rules::flags(c, rules::medians(c).as_ref());
    if !flags.is_empty() {
        let names = flags.iter().map(|&f| pb.flag(f).name.as_str()).collect::<Vec<_>>().join(", ");
        fields.push((t.columns.flags.clone(), names));
    }
    let mut head = vec![t.record.person.clone()];
    head.extend(Dimension::ALL.iter().map(|&d| pb.dimension(d).short.clone()));
    let mut rows: Vec<Vec<String>> = s
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let scores = c.scores.get(&p.id);
            let mut row = vec![s.participant_label(i)];
            row.extend(Dimension::ALL.iter().map(|&d| {
                scores.and_then(|sc| sc.get(d)).map_or(t.record.not_scored.clone(), |v| v.to_string())
            }));
            row
        })
        .collect();
    let mut medians = vec![t.record.median.clone()];
    medians.extend(Dimension::ALL.iter().map(|&d| match rules::tally(c, d) {
        Some(tally) => {
            let first = ranked.is_some_and(|rc| rc.discuss_first.contains(&d));
            with_discuss(fmt_median(tally.median), mark(tally.discuss(), first), true)
        }
        None => t.record.not_scored.clone(),
    }));
    rows.push(medians);
    vec![Block::Subheading(c.title.clone()), Block::Fields(fields), Block::Table { head, rows }]
}

/// The most candidates the medians chart draws: past that it shows the head of the ranking
/// (the table has them all).
const MEDIANS_CHART_MAX: usize = 12;

fn medians_chart(cx: &Ctx) -> Figure {
    let pb = playbook();
    let t = &pb.report.record;
    let dimensions: Vec<String> = Dimension::ALL.iter().map(|&d| pb.dimension(d).short.clone()).collect();
    let rows: Vec<MediansRow> =
        cx.r.ranking
            .iter()
            .take(MEDIANS_CHART_MAX)
            .map(|c| MediansRow {
                label: c.title.clone(),
                values: [Dimension::Impact, Dimension::Evidence, Dimension::Confidence, Dimension::Timing]
                    .map(|d| c.medians.get(d)),
            })
            .collect();
    let alt = rows
        .iter()
        .map(|row| {
            let medians = dimensions
                .iter()
                .zip(row.values)
                .map(|(d, v)| fill(&t.chart_value, &[("name", d), ("value", &fmt_median(v))]))
                .collect::<Vec<_>>()
                .join(", ");
            fill(&t.medians_chart_row, &[("candidate", &row.label), ("medians", &medians)])
        })
        .collect::<Vec<_>>()
        .join(". ");
    let bar_label = fill(&t.discovery_bar, &[("bar", &fmt_median(DISCOVERY_BELOW))]);
    let title = if cx.r.ranking.len() > MEDIANS_CHART_MAX {
        fill(&t.medians_chart_top, &[("count", &MEDIANS_CHART_MAX.to_string())])
    } else {
        t.medians_chart.clone()
    };
    Figure {
        title,
        alt: format!("{alt}. {}.", super::capitalise(&bar_label)),
        chart: Chart::Medians { dimensions, rows, bar: DISCOVERY_BELOW, bar_label },
    }
}
