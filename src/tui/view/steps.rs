//! One view per wizard step.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row as TableRow, Table};

use super::super::app::Wizard;
use super::super::form::{Field, fields};
use super::super::theme::Theme;
use super::form::{self, Row, para};
use super::report;
use crate::method::recommend::Route;
use crate::method::rules::Suggestion;
use crate::method::{Clarity, Step, playbook};
use crate::report::fmt_median;

pub fn draw(frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
    let step = w.step();
    let width = area.width;
    let mut rows = Vec::new();
    let heading = |rows: &mut Vec<Row>, text: String| rows.push(Row::Line(Line::styled(text, theme.title())));
    let pb = playbook();
    if let Some(f) = step.filter() {
        let ft = pb.filter(f);
        heading(&mut rows, format!("Pressure filter {} of 5 · {}", f.index() + 1, ft.name));
        para(&mut rows, &ft.question, width, theme.text().add_modifier(ratatui::style::Modifier::BOLD));
        para(&mut rows, &format!("Clear looks like: {}", ft.clear_looks_like), width, theme.dim());
        para(&mut rows, &format!("Example: {}", ft.example), width, theme.dim());
        rows.push(Row::Line(Line::raw("")));
        rows.extend(fields(&w.session, step, None).into_iter().map(Row::Field));
        if let Some(Field::Clarity(_)) = w.focused() {
            let c = w.session.filter(f).clarity;
            para(
                &mut rows,
                &format!("{}: {}", pb.clarity(c).name, pb.clarity(c).meaning),
                width,
                theme.dim(),
            );
        }
        return form::render(frame, area, &rows, w, theme);
    }
    if let Some(c) = step.constraint() {
        let ct = pb.constraint(c);
        heading(&mut rows, format!("Constraint {} of 5 · {}", c.index() + 1, ct.name));
        para(&mut rows, &format!("Looks like: {}", ct.looks_like), width, theme.text());
        para(&mut rows, &format!("Improve first: {}", ct.improve_first), width, theme.dim());
        let q = &w.derived.recommendation.qualification;
        let touches: Vec<String> = ct
            .touches
            .iter()
            .map(|f| format!("{}{}", pb.filter(*f).name, if q.clear.contains(f) { " (clear)" } else { "" }))
            .collect();
        para(&mut rows, &format!("Pressures it touches: {}", touches.join(", ")), width, theme.dim());
        para(
            &mut rows,
            "Severity: how much does it hold the business back now? 1 barely · 3 noticeably · 5 it is the bottleneck",
            width,
            theme.label(),
        );
        let fs = fields(&w.session, step, None);
        let (scores, note) = fs.split_at(fs.len() - 1);
        rows.extend(scores.iter().copied().map(Row::Field));
        let summary = w.derived.recommendation.constraints.iter().find(|s| s.constraint == c);
        let tally = match summary.and_then(|s| s.severity) {
            Some(t) => Line::from(vec![
                Span::styled(
                    format!("  median {}  ·  spread {}", fmt_median(t.median), t.spread),
                    theme.good(),
                ),
                if t.discuss() {
                    Span::styled("  ·  DISCUSS: the room disagrees", theme.warn())
                } else {
                    Span::raw("")
                },
            ]),
            None => Line::styled("  nobody has rated it yet", theme.dim()),
        };
        rows.push(Row::Line(tally));
        rows.extend(note.iter().copied().map(Row::Field));
        return form::render(frame, area, &rows, w, theme);
    }
    match step {
        Step::Setup => {
            heading(&mut rows, "Who is in the room, and what are we scaling?".into());
            para(
                &mut rows,
                "Everyone listed here rates the constraints and scores the candidates.",
                width,
                theme.dim(),
            );
            rows.push(Row::Line(Line::raw("")));
            rows.extend(fields(&w.session, step, None).into_iter().map(Row::Field));
            rows.push(Row::Line(Line::raw("")));
            para(
                &mut rows,
                "Enter on \"+ Add participant\" adds one; Ctrl+D in a participant's name removes them.",
                width,
                theme.dim(),
            );
            form::render(frame, area, &rows, w, theme);
        }
        Step::Gate => {
            let g = &pb.gate;
            heading(&mut rows, "Is this the right exercise right now?".into());
            rows.push(Row::Line(Line::raw("")));
            para(&mut rows, &g.traction.prompt, width, theme.text());
            para(&mut rows, &g.traction.help, width, theme.dim());
            rows.push(Row::Field(Field::Traction));
            rows.push(Row::Line(Line::raw("")));
            para(&mut rows, &g.ai_question.prompt, width, theme.text());
            para(&mut rows, &g.ai_question.help, width, theme.dim());
            rows.push(Row::Field(Field::AiQuestion));
            rows.push(Row::Line(Line::raw("")));
            let r = &w.derived.recommendation;
            if matches!(r.route, Route::MvpFirst | Route::AiProofOfConceptFirst) {
                let rt = pb.route(r.route);
                rows.push(Row::Line(Line::styled(format!("This points to: {}", rt.title), theme.warn())));
                para(&mut rows, &format!("{} {}", rt.summary, rt.next), width, theme.text());
                para(
                    &mut rows,
                    "You can still continue (PgDn) and the report will say so.",
                    width,
                    theme.dim(),
                );
            }
            form::render(frame, area, &rows, w, theme);
        }
        Step::Qualification => qualification_view(frame, area, w, theme),
        Step::Primary => primary_view(frame, area, w, theme),
        Step::Candidates => candidates_view(frame, area, w, theme),
        Step::Ranking => ranking_view(frame, area, w, theme),
        Step::Recommendation => report::draw(frame, area, w, theme),
        _ => {}
    }
}

fn table_height(rows: usize) -> u16 {
    rows as u16 + 1
}

fn qualification_view(frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
    let pb = playbook();
    let s = &w.session;
    let q = &w.derived.recommendation.qualification;
    let mut lines = vec![Line::styled("Is scaling a business issue yet?", theme.title()), Line::raw("")];
    let table_rows: Vec<TableRow> = s
        .filters
        .iter()
        .map(|f| {
            let style = match f.clarity {
                Clarity::Clear => theme.good(),
                Clarity::Partial => theme.text(),
                _ => theme.warn(),
            };
            TableRow::new(vec![
                Cell::from(pb.filter(f.filter).name.clone()),
                Cell::from(Span::styled(pb.clarity(f.clarity).name.clone(), style)),
                Cell::from(f.evidence.map_or("–".to_string(), |e| pb.evidence_kind(e).name.clone())),
                Cell::from(f.answer.replace('\n', " ")),
            ])
        })
        .collect();
    let header = TableRow::new(["Filter", "Clarity", "Evidence", "Answer"]).style(theme.label());
    let widths =
        [Constraint::Length(12), Constraint::Length(11), Constraint::Length(18), Constraint::Min(10)];
    let t_area = Rect { y: area.y + 2, height: table_height(5).min(area.height.saturating_sub(2)), ..area };
    frame.render_widget(Paragraph::new(lines.clone()), area);
    frame.render_widget(Table::new(table_rows, widths).header(header).column_spacing(1), t_area);
    lines.clear();
    let verdict = if q.qualified {
        Line::styled(
            format!("Qualified: {} clear, {} vague or unanswered.", q.clear.len(), q.vague_or_unanswered()),
            theme.good(),
        )
    } else {
        Line::styled(format!("Not yet: {}.", pb.route(Route::CollectEvidenceFirst).title), theme.warn())
    };
    lines.push(verdict);
    let rule = "The rule: at least 2 filters clear, and no more than 2 vague or unanswered.";
    let mut rest: Vec<Line> = Vec::new();
    if !q.qualified {
        rest.extend(
            super::wrap(&pb.route(Route::CollectEvidenceFirst).next, area.width).into_iter().map(Line::raw),
        );
    }
    rest.extend(super::wrap(rule, area.width).into_iter().map(|l| Line::styled(l, theme.dim())));
    rest.extend(
        super::wrap("You can carry on regardless: the recommendation will say what is missing.", area.width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    lines.push(Line::raw(""));
    lines.extend(rest);
    let y = t_area.bottom() + 1;
    if y < area.bottom() {
        frame.render_widget(Paragraph::new(lines), Rect { y, height: area.bottom() - y, ..area });
    }
}

fn primary_view(frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
    let pb = playbook();
    let s = &w.session;
    let r = &w.derived.recommendation;
    let summaries = &r.constraints;
    let suggestion = &r.suggestion;
    let primary = r.primary.as_ref().map(|p| p.constraint);
    frame.render_widget(
        Paragraph::new(Line::styled("Which one constraint comes first?", theme.title())),
        area,
    );
    let mut header = vec!["Constraint".to_string()];
    header.extend(
        (0..s.participants.len()).map(|p| s.participant_label(p).chars().take(8).collect::<String>()),
    );
    header.extend(["Median", "Spread", "Clear"].map(String::from));
    let mut widths = vec![Constraint::Length(13)];
    widths.extend((0..s.participants.len()).map(|_| Constraint::Length(8)));
    widths.extend([Constraint::Length(7), Constraint::Length(14), Constraint::Length(6)]);
    let rows: Vec<TableRow> = summaries
        .iter()
        .map(|c| {
            let mut cells = vec![Cell::from(format!(
                "{}{}",
                if Some(c.constraint) == primary { "▶ " } else { "  " },
                pb.constraint(c.constraint).name
            ))];
            let sev = &s.constraint(c.constraint).severity;
            cells.extend(
                s.participants
                    .iter()
                    .map(|p| Cell::from(sev.get(&p.id).map_or("·".into(), |v| v.to_string()))),
            );
            let (m, sp) = match c.severity {
                Some(t) => (
                    fmt_median(t.median),
                    Span::styled(
                        format!("{}{}", t.spread, if t.discuss() { " discuss" } else { "" }),
                        if t.discuss() { theme.warn() } else { theme.text() },
                    ),
                ),
                None => ("–".into(), Span::raw("–")),
            };
            cells.push(Cell::from(m));
            cells.push(Cell::from(sp));
            cells.push(Cell::from(c.clear_pressures.to_string()));
            let style = if Some(c.constraint) == primary { theme.good() } else { theme.text() };
            TableRow::new(cells).style(style)
        })
        .collect();
    let t_area = Rect { y: area.y + 2, height: table_height(5).min(area.height.saturating_sub(2)), ..area };
    frame.render_widget(Table::new(rows, widths).header(TableRow::new(header).style(theme.label())), t_area);

    let mut out = Vec::new();
    let width = area.width;
    out.push(Row::Line(Line::raw("")));
    let text = match &suggestion {
        Suggestion::NoRatings => "No suggestion yet: nobody has rated the constraints.".to_string(),
        Suggestion::One(c) => {
            let t = summaries.iter().find(|x| x.constraint == *c).and_then(|x| x.severity);
            format!(
                "Suggested: {}, the highest median severity ({}){}.",
                pb.constraint(*c).name,
                t.map_or("–".into(), |t| fmt_median(t.median)),
                if summaries.iter().filter(|x| x.severity.map(|t| t.median) == t.map(|t| t.median)).count()
                    > 1
                {
                    ", ahead on clear pressure filters it touches"
                } else {
                    ""
                }
            )
        }
        Suggestion::Tie(cs) => format!(
            "Tied: {}. Same median and same number of clear pressures; the team has to pick.",
            cs.iter().map(|c| pb.constraint(*c).name.as_str()).collect::<Vec<_>>().join(", ")
        ),
    };
    para(
        &mut out,
        &text,
        width,
        if matches!(suggestion, Suggestion::Tie(_)) { theme.warn() } else { theme.good() },
    );
    para(
        &mut out,
        "Pick one to override the suggestion (← →, 1-5), or 0 to follow it. Fixing several at once spreads the team thin.",
        width,
        theme.dim(),
    );
    out.push(Row::Field(Field::PrimaryPick));
    // Only set when there is a primary constraint, and never equal to it.
    if let Some(n) = r.next_bottleneck {
        para(
            &mut out,
            &format!("Next bottleneck after that: {}.", pb.constraint(n).name),
            width,
            theme.dim(),
        );
    }
    let y = t_area.bottom();
    if y < area.bottom() {
        form::render(frame, Rect { y, height: area.bottom() - y, ..area }, &out, w, theme);
    }
}

fn candidates_view(frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
    let pb = playbook();
    let s = &w.session;
    let width = area.width;
    let mut rows = Vec::new();
    let Some(primary) = w.derived.recommendation.primary.as_ref().map(|p| p.constraint) else {
        rows.push(Row::Line(Line::styled("Candidates", theme.title())));
        para(
            &mut rows,
            "Candidates compete to fix the primary constraint, and there is none yet. Go back (PgUp) and pick one, or rate the constraints.",
            width,
            theme.warn(),
        );
        return form::render(frame, area, &rows, w, theme);
    };
    let ct = pb.constraint(primary);
    match w.editing.and_then(|i| s.candidates.get(i).map(|c| (i, c))) {
        None => {
            rows.push(Row::Line(Line::styled(format!("Candidate moves for {}", ct.name), theme.title())));
            para(&mut rows, &format!("Improve first: {}", ct.improve_first), width, theme.dim());
            rows.push(Row::Line(Line::raw("")));
            let fs = fields(s, Step::Candidates, None);
            let (mine, rest): (Vec<Field>, Vec<Field>) =
                fs.into_iter().partition(|f| matches!(f, Field::CandidateRow(_)));
            if mine.is_empty() {
                rows.push(Row::Line(Line::styled(
                    "No candidates yet: add a suggestion or write your own.",
                    theme.dim(),
                )));
            } else {
                rows.push(Row::Line(Line::styled(
                    "The team's candidates (Enter opens, d deletes)",
                    theme.label(),
                )));
                rows.extend(mine.into_iter().map(Row::Field));
            }
            rows.push(Row::Line(Line::raw("")));
            rows.push(Row::Line(Line::styled("Suggestions (Enter adds)", theme.label())));
            rows.extend(rest.into_iter().map(Row::Field));
        }
        Some((i, c)) => {
            let n = form_title(c.title.as_str());
            rows.push(Row::Line(Line::styled(format!("Candidate · {n}"), theme.title())));
            let fs = fields(s, Step::Candidates, Some(i));
            let texts = fs.iter().take_while(|f| f.is_text()).copied();
            rows.extend(texts.map(Row::Field));
            rows.push(Row::Line(Line::raw("")));
            rows.push(Row::Grid(i));
            // The anchors of the focused dimension, so everyone scores on one scale.
            let d = match w.focused() {
                Some(Field::Score(_, _, d)) => d,
                _ => crate::method::Dimension::Impact,
            };
            let dt = pb.dimension(d);
            let anchors = format!(
                "{}: {} 1 {} · 3 {} · 5 {}",
                dt.name, dt.question, dt.anchors["1"], dt.anchors["3"], dt.anchors["5"]
            );
            para(&mut rows, &anchors, width, theme.dim());
            rows.push(Row::Line(Line::styled("Engineering reality: what it may need", theme.label())));
            rows.extend(fs.iter().filter(|f| matches!(f, Field::Check(..))).copied().map(Row::Field));
            rows.push(Row::Line(Line::styled(
                "Esc: back to the list · d: delete this candidate",
                theme.dim(),
            )));
        }
    }
    form::render(frame, area, &rows, w, theme);
}

fn form_title(t: &str) -> String {
    if t.trim().is_empty() { "(untitled)".into() } else { t.trim().replace('\n', " ") }
}

fn ranking_view(frame: &mut Frame, area: Rect, w: &Wizard, theme: Theme) {
    let pb = playbook();
    let s = &w.session;
    let r = &w.derived.recommendation;
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled("Ranking: high on all four beats high on average", theme.title()),
            Line::styled("By lowest median, then sum, then evidence. * spread ≥ 2: discuss", theme.dim()),
        ]),
        area,
    );
    let narrow = area.width < 100;
    let mut header = vec!["#".to_string(), "Candidate".to_string()];
    header.extend(crate::method::Dimension::ALL.iter().map(|&d| {
        let short = &pb.dimension(d).short;
        if narrow { short.chars().take(4).collect() } else { short.clone() }
    }));
    header.extend(["Low", "Sum", "Flags"].map(String::from));
    let body_rows = area.height.saturating_sub(4) as usize;
    let skip = usize::from(w.scroll).min(r.ranking.len().saturating_sub(1));
    let rows: Vec<TableRow> = r
        .ranking
        .iter()
        .enumerate()
        .skip(skip)
        .take(body_rows)
        .map(|(k, c)| {
            let mut cells = vec![Cell::from((k + 1).to_string()), Cell::from(c.title.replace('\n', " "))];
            cells.extend(crate::method::Dimension::ALL.iter().map(|&d| {
                let m = fmt_median(c.medians.get(d));
                if c.discuss.contains(&d) {
                    Cell::from(Span::styled(format!("{m}*"), theme.warn()))
                } else {
                    Cell::from(m)
                }
            }));
            cells.push(Cell::from(Span::styled(fmt_median(c.lowest), theme.good())));
            cells.push(Cell::from(fmt_median(c.sum)));
            let flags: Vec<&str> = c
                .flags
                .iter()
                .map(|f| if narrow { pb.flag(*f).short.as_str() } else { pb.flag(*f).name.as_str() })
                .collect();
            cells.push(Cell::from(Span::styled(flags.join(", "), theme.warn())));
            let style = if k == 0 { theme.title() } else { theme.text() };
            TableRow::new(cells).style(style)
        })
        .collect();
    let dim = if narrow { 5 } else { 11 };
    let widths = [
        Constraint::Length(2),
        Constraint::Fill(2),
        Constraint::Length(dim),
        Constraint::Length(dim),
        Constraint::Length(dim),
        Constraint::Length(dim),
        Constraint::Length(4),
        Constraint::Length(5),
        Constraint::Fill(3),
    ];
    let t_area = Rect { y: area.y + 3, height: area.height.saturating_sub(3), ..area };
    if r.ranking.is_empty() {
        let msg = if r.primary.is_none() {
            "No primary constraint yet, so nothing to rank."
        } else {
            "No candidate has a score on all four dimensions yet."
        };
        frame.render_widget(Paragraph::new(Line::styled(msg, theme.warn())), t_area);
    } else {
        frame.render_widget(
            Table::new(rows, widths).header(TableRow::new(header).style(theme.label())),
            t_area,
        );
    }
    if !r.unscored.is_empty() {
        let y = (t_area.y + table_height(r.ranking.len().min(body_rows)) + 1)
            .min(area.bottom().saturating_sub(1));
        let titles: Vec<String> = s
            .candidates
            .iter()
            .filter(|c| r.unscored.contains(&c.id))
            .map(|c| form_title(&c.title))
            .collect();
        let line = Line::styled(format!("Awaiting scores: {}", titles.join(", ")), theme.dim());
        frame.render_widget(Paragraph::new(line), Rect { y, height: 1, ..area });
    }
}
