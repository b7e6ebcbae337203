//! The steps that are read out, with at most one question: qualification, the primary
//! constraint, the ranking and the recommendation.

use std::io::{self, BufRead, Write};

use super::prompts::{self, Question, one_line};
use super::steps::{sequence, spoken_tally};
use super::{Go, Plain, Reply};
use crate::method::{ConstraintId, Dimension, Route, Step, playbook, recommend, wording};
use crate::report::{self, fmt_mean, fmt_median};
use crate::store;

pub fn qualification<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
    let pb = playbook();
    let r = recommend(&p.session);
    let mut lines = vec!["Is scaling a business issue yet? The five pressure filters:".to_string()];
    for f in &p.session.filters {
        let evidence = f.evidence.map_or("no evidence named".into(), |e| {
            format!("evidence: {}", pb.evidence_kind(e).name.to_lowercase())
        });
        let answer = match one_line(&f.answer) {
            a if a.is_empty() => "No answer yet.".to_string(),
            a if a.ends_with(['.', '!', '?']) => format!("Answer: {a}"),
            a => format!("Answer: {a}."),
        };
        lines.push(format!(
            "{}: {}, {evidence}. {answer}",
            pb.filter(f.filter).name,
            pb.clarity(f.clarity).name.to_lowercase()
        ));
    }
    lines.push(wording::qualification_verdict(&r.qualification));
    if !r.qualification.qualified {
        lines.push(pb.route(Route::CollectEvidenceFirst).next.clone());
    }
    lines.push(wording::qualification_rule());
    p.say(&lines.join("\n"))?;
    sequence(
        p,
        false,
        |_| 1,
        |p, _| p.go_on("You can carry on regardless: the recommendation will say what is missing."),
    )
}

pub fn primary<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
    let pb = playbook();
    let r = recommend(&p.session);
    let s = &p.session;
    let mut lines = vec!["Which one constraint comes first? Severity by constraint:".to_string()];
    for c in &r.constraints {
        let name = &pb.constraint(c.constraint).name;
        let clear = format!(
            "{} clear pressure{} touched",
            c.clear_pressures,
            if c.clear_pressures == 1 { "" } else { "s" }
        );
        let people: Vec<String> = (0..s.participants.len())
            .filter_map(|i| {
                s.severity(c.constraint, i).map(|v| format!("{} {v}", one_line(&s.participant_label(i))))
            })
            .collect();
        lines.push(match c.severity {
            Some(t) => format!("{name}: {}, {clear}; {}.", spoken_tally(&t), people.join(", ")),
            None => format!("{name}: not rated yet, {clear}."),
        });
    }
    lines.push(wording::suggestion_sentence(&r));
    if let Some(sure) = wording::robustness_primary(&r.robustness.primary) {
        lines.push(sure);
    }
    if let Some(next) = wording::next_bottleneck_sentence(&r) {
        lines.push(next);
    }
    p.say(&lines.join("\n"))?;
    sequence(
        p,
        false,
        |_| 1,
        |p, _| {
            let labels: Vec<&str> = pb.constraints.iter().map(|c| c.name.as_str()).collect();
            let now = p.session.primary_constraint.map(ConstraintId::index);
            let q = Question::new(
                "The team's pick, which overrides the suggestion. Fixing several at once spreads the team thin.",
            );
            let q = if now.is_none() { q.enter("Enter follows the suggestion.") } else { q };
            p.choose(q, &labels, None, now, true, |s, v| {
                s.primary_constraint = v.map(|i| ConstraintId::ALL[i])
            })
        },
    )
}

pub fn ranking<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
    let pb = playbook();
    let r = recommend(&p.session);
    let mut lines =
        vec![format!("Ranking: high on all four beats high on average. {}", wording::ranking_rule())];
    if r.ranking.is_empty() {
        lines.push(if r.primary.is_none() {
            "No primary constraint yet, so nothing to rank.".into()
        } else {
            "No candidate has a score on all four dimensions yet.".into()
        });
    }
    for (k, c) in r.ranking.iter().enumerate() {
        let dims: Vec<String> = Dimension::ALL
            .iter()
            .map(|&d| {
                let mark = if c.discuss_first.contains(&d) {
                    format!(" ({})", pb.report.marks.discuss_first)
                } else if c.discuss.contains(&d) {
                    format!(" ({})", pb.report.marks.discuss)
                } else {
                    String::new()
                };
                format!("{} {}{mark}", pb.dimension(d).name, fmt_median(c.medians.get(d)))
            })
            .collect();
        let flags: Vec<&str> = c.flags.iter().map(|f| pb.flag(*f).name.as_str()).collect();
        let flags = if flags.is_empty() { String::new() } else { format!(" Flags: {}.", flags.join(", ")) };
        lines.push(format!(
            "{}. {}: lowest median {}, mean {}, sum {}. {}.{flags}",
            k + 1,
            one_line(&c.title),
            fmt_median(c.lowest),
            fmt_mean(c.mean),
            fmt_median(c.sum),
            dims.join(", ")
        ));
    }
    if !r.unscored.is_empty() {
        let titles: Vec<String> = p
            .session
            .candidates
            .iter()
            .filter(|c| r.unscored.contains(&c.id))
            .map(|c| super::candidates::title(&c.title))
            .collect();
        lines.push(format!("Awaiting scores: {}.", titles.join(", ")));
    }
    p.say(&lines.join("\n"))?;
    let tied: Vec<usize> = r.top_tied.iter().filter_map(|id| p.session.candidate_index(id)).collect();
    if tied.len() < 2 {
        return sequence(p, false, |_| 1, |p, _| p.go_on("That is the ranking."));
    }
    sequence(
        p,
        false,
        |_| 1,
        |p, _| {
            let titles: Vec<String> =
                tied.iter().map(|&i| super::candidates::title(&p.session.candidates[i].title)).collect();
            let labels: Vec<&str> = titles.iter().map(String::as_str).collect();
            let now = p
                .session
                .first_move
                .as_deref()
                .and_then(|id| tied.iter().position(|&i| p.session.candidates[i].id == id));
            let q = Question::new("Tied at the top on all three keys: the team picks the first move.");
            let tied = tied.clone();
            p.choose(q, &labels, None, now, true, move |s, v| {
                s.set_first_move(v.map(|k| tied[k]));
            })
        },
    )
}

pub fn recommendation<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
    p.say(&report::text(&report::document(&p.session)))?;
    let path = store::report_target(&p.path());
    let go = sequence(
        p,
        false,
        |_| 1,
        |p, _| {
            let q = Question::new(format!(
                "Write this report as Markdown to {}?",
                one_line(&path.display().to_string())
            ))
            .how("Type yes or no.")
            .enter("Enter does not write it.");
            let reply = p.ask(&q, prompts::yes_no)?;
            if let Reply::Value(true) = reply {
                let text = report::markdown(&report::document(&p.session));
                // A file of that name firstmove did not write is kept: the report goes to
                // the next free name, and the line says which.
                match store::write_report(&p.path(), &text) {
                    Ok(at) => {
                        p.say(&format!("Report written to {}.", one_line(&at.display().to_string())))?
                    }
                    Err(e) => p.say(&format!("The report was not written: {}", one_line(&e.to_string())))?,
                }
            }
            Ok(reply.flow())
        },
    )?;
    if go == Go::Next && Step::Recommendation.next().is_none() {
        p.say("That is the end of the diagnosis.")?;
    }
    Ok(go)
}
