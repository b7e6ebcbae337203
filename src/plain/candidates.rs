//! The candidates step in plain mode: the list (open, add a suggestion, write a new one,
//! delete), and one candidate's questions (its texts, everyone's scores, the checklist).

use std::io::{self, BufRead, Write};

use super::prompts::{self, Question, number_range, one_line};
use super::steps::{Q, sequence};
use super::{Go, Plain, Reply};
use crate::method::rounds::Subject;
use crate::method::{ConstraintId, Dimension, QuestionId, Session, playbook, recommend};

/// A candidate's title as said: "Untitled candidate" while it is blank.
pub fn title(t: &str) -> String {
    let t = one_line(t);
    if t.is_empty() { "Untitled candidate".into() } else { t }
}

/// What a line typed at the list asks for.
enum Pick {
    /// A row of the list (a candidate, a suggestion, or "write a new one").
    Row(usize),
    /// Delete the candidate of this row.
    Delete(usize),
}

pub fn run<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
    loop {
        let r = recommend(&p.session);
        let Some(primary) = r.primary.as_ref().map(|x| x.constraint) else {
            p.say("Candidates compete to fix the primary constraint, and there is none yet: go back and pick one, or rate the constraints.")?;
            return sequence(p, false, |_| 1, |p, _| p.go_on("Nothing to add here yet."));
        };
        p.session.cursor.candidate = None;
        let listed: Vec<usize> = p
            .session
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.constraint == primary)
            .map(|(i, _)| i)
            .collect();
        let ct = playbook().constraint(primary);
        let suggestions: Vec<&String> = ct
            .suggestions
            .iter()
            .filter(|t| !listed.iter().any(|&i| p.session.candidates[i].title == **t))
            .collect();
        let mut intro = format!("Candidate moves for {}. Improve first: {}", ct.name, ct.improve_first);
        let elsewhere = p.session.candidates.len() - listed.len();
        if elsewhere > 0 {
            intro.push_str(&format!(
                "\n{elsewhere} candidate{} of other constraints {} kept; they come back if that constraint is chosen again.",
                if elsewhere == 1 { "" } else { "s" },
                if elsewhere == 1 { "is" } else { "are" }
            ));
        }
        intro.push_str(if listed.is_empty() {
            "\nNo candidates yet: add a suggestion or write your own."
        } else {
            "\nThe team's candidates come first, then the suggestions."
        });
        p.say(&intro)?;
        let people = p.session.participants.len();
        let mut rows: Vec<String> = listed
            .iter()
            .map(|&i| {
                let c = &p.session.candidates[i];
                let scored = (0..people)
                    .filter(|&k| Dimension::ALL.iter().all(|&d| p.session.score(i, k, d).is_some()))
                    .count();
                format!("{}, scored by {scored} of {people}", title(&c.title))
            })
            .collect();
        rows.extend(suggestions.iter().map(|t| format!("Add the suggestion: {t}")));
        rows.push("Write a new candidate".into());
        let n = rows.len();
        let how = format!(
            "{} to open or add it, new to write a new one{}.",
            number_range(n).trim_end_matches('.'),
            if listed.is_empty() { "" } else { ", or delete and a number to delete a candidate" }
        );
        let q =
            Question::new("Which candidate?").choices(rows).how(how).enter("Enter goes on to the ranking.");
        let mine = listed.len();
        let reply = p.ask(&q, |l| {
            let t = l.trim().to_lowercase();
            if let Some(rest) = t.strip_prefix("delete") {
                return match rest.trim().parse::<usize>() {
                    Ok(k) if (1..=mine).contains(&k) => Ok(Pick::Delete(k - 1)),
                    _ if mine == 0 => Err("There is no candidate to delete yet.".into()),
                    _ => Err(format!("Type delete and a candidate's number, from 1 to {mine}.")),
                };
            }
            if t == "new" {
                return Ok(Pick::Row(n - 1));
            }
            prompts::choice(l, &vec![""; n], false)
                .map(|k| Pick::Row(k.unwrap_or(0)))
                .map_err(|_| format!("\"{}\" is not one of the choices. {}", one_line(l), number_range(n)))
        })?;
        match reply {
            Reply::Keep => return Ok(Go::Next),
            Reply::Go(nav) => return Ok(nav.into()),
            Reply::Value(Pick::Delete(k)) => {
                let i = listed[k];
                let name = title(&p.session.candidates[i].title);
                let q = Question::new(format!("Delete \"{name}\" with its scores?"))
                    .how("Type yes or no.")
                    .enter("Enter keeps it.");
                if let Reply::Value(true) = p.ask(&q, prompts::yes_no)? {
                    p.session.remove_candidate(i);
                    p.save()?;
                    p.say(&format!("\"{name}\" is deleted."))?;
                }
            }
            Reply::Value(Pick::Row(k)) => {
                let i = if k < mine {
                    listed[k]
                } else if k < mine + suggestions.len() {
                    let t = suggestions[k - mine].clone();
                    add(p, primary, t)?
                } else {
                    add(p, primary, String::new())?
                };
                match edit(p, i)? {
                    Go::Next | Go::Back => {}
                    go => return Ok(go),
                }
            }
        }
    }
}

fn add<R: BufRead, W: Write>(p: &mut Plain<R, W>, c: ConstraintId, t: String) -> io::Result<usize> {
    let i = p.session.add_candidate(c, t);
    p.save()?;
    Ok(i)
}

/// Where one of a candidate's texts lives.
pub(super) type Slot = fn(&mut crate::method::Candidate) -> &mut String;

/// The texts of a candidate, in the wizard's order: what each asks, and where it lives.
pub(super) fn texts() -> [(String, Slot); 6] {
    let pb = playbook();
    let q = |id| pb.question(id).prompt.clone();
    [
        ("Title of the candidate move.".into(), |c| &mut c.title),
        (q(QuestionId::Behavior), |c| &mut c.behavior),
        (q(QuestionId::Metric), |c| &mut c.metric),
        ("Baseline: where the metric is today.".into(), |c| &mut c.baseline),
        ("Target: where it should be by day 90.".into(), |c| &mut c.target),
        (q(QuestionId::Risk), |c| &mut c.risk),
    ]
}

/// One candidate's questions; `Next` or `Back` return to the list.
fn edit<R: BufRead, W: Write>(p: &mut Plain<R, W>, i: usize) -> io::Result<Go> {
    p.session.cursor.candidate = Some(p.session.candidates[i].id.clone());
    let t = &p.session.candidates[i].title;
    p.say(&if t.trim().is_empty() {
        "A new candidate.".to_string()
    } else {
        format!("Candidate: {}.", title(t))
    })?;
    // A private round open on these scores (from the wizard): they are hidden, and scores
    // typed here would be overwritten by the reveal. Plain mode says so and asks for none.
    let subject = Subject::Scores(p.session.candidates[i].id.clone());
    let private = match p.session.open_round_on(&subject) {
        Some(k) => {
            let (done, all) = p.session.workshop.rounds[k].progress();
            p.say(&format!(
                "A private round is open on this candidate's scores ({done} of {all} done). Scores are hidden until the reveal, so plain mode takes no scores here: vote and reveal in the wizard (firstmove resume, without --plain)."
            ))?;
            true
        }
        None => false,
    };
    let people = move |p: &Plain<R, W>| if private { 0 } else { p.session.participants.len() };
    let count = move |p: &Plain<R, W>| 6 + people(p) + 1;
    let go = sequence(p, false, count, |p, k| {
        let people = people(p);
        if k < 6 {
            let (ask, slot) = texts().into_iter().nth(k).expect("six texts");
            let now = slot(&mut p.session.candidates[i].clone()).clone();
            return p.text(Question::new(ask), &now, move |s: &mut Session, v| {
                *slot(&mut s.candidates[i]) = v;
                // The metric's numbers follow its text, as in the wizard.
                s.sync_measure(i);
            });
        }
        if k < 6 + people {
            return scores(p, i, k - 6);
        }
        checklist(p, i)
    })?;
    p.session.cursor.candidate = None;
    Ok(go)
}

fn scores<R: BufRead, W: Write>(p: &mut Plain<R, W>, i: usize, person: usize) -> io::Result<Q> {
    let pb = playbook();
    let who = one_line(&p.session.participant_label(person));
    let names: Vec<String> = Dimension::ALL.iter().map(|&d| pb.dimension(d).name.clone()).collect();
    let help = if person == 0 {
        let each: Vec<String> = Dimension::ALL
            .iter()
            .map(|&d| {
                let dt = pb.dimension(d);
                let anchors: Vec<String> = dt.anchors.iter().map(|(n, v)| format!("{n}: {v}")).collect();
                format!("{}: {} {}", dt.name, dt.question, anchors.join(" "))
            })
            .collect();
        format!("Four scores from 1 to 5, in this order. {}", each.join(" "))
    } else {
        format!("Four scores from 1 to 5, in this order: {}.", names.join(", "))
    };
    let given: Vec<Option<u8>> = Dimension::ALL.iter().map(|&d| p.session.score(i, person, d)).collect();
    let now = given.iter().any(Option::is_some).then(|| {
        names
            .iter()
            .zip(&given)
            .map(|(n, v)| format!("{n} {}", v.map_or("not scored".into(), |v| v.to_string())))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let q = Question::new(format!("{who}'s scores for {}.", title(&p.session.candidates[i].title)))
        .help(help)
        .how("Type four numbers on one line, like 4 3 5 4; 0 leaves one unscored.")
        .now(now);
    p.answer(
        &q,
        |l| prompts::scores(l, Dimension::ALL.len()),
        |s, v| {
            for (&d, v) in Dimension::ALL.iter().zip(v) {
                s.set_score(i, person, d, v);
            }
        },
    )
}

fn checklist<R: BufRead, W: Write>(p: &mut Plain<R, W>, i: usize) -> io::Result<Q> {
    let items = &playbook().constraint(p.session.candidates[i].constraint).checklist;
    let ticked: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, it)| p.session.candidates[i].checklist.contains(&it.id))
        .map(|(k, _)| k)
        .collect();
    let now = if ticked.is_empty() {
        "none ticked".to_string()
    } else {
        format!("ticked {}", ticked.iter().map(|k| (k + 1).to_string()).collect::<Vec<_>>().join(" and "))
    };
    let q = Question::new("Engineering reality: which of these may it need?")
        .choices(items.iter().map(|it| it.name.clone()).collect())
        .how("Type the numbers of the items it needs, separated by spaces, or 0 for none.")
        .now(Some(now));
    let max = items.len();
    p.answer(
        &q,
        |l| prompts::numbers(l, max),
        |s, want| {
            for (k, item) in items.iter().enumerate() {
                let has = s.candidates[i].checklist.contains(&item.id);
                if has != want.contains(&k) {
                    s.toggle_check(i, k);
                }
            }
        },
    )
}
