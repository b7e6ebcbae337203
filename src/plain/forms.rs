//! The steps that are filled in: setup, the gate, the pressure filters, the constraints.

use std::io::{self, BufRead, Write};

use super::prompts::{self, Question, one_line};
use super::steps::{Q, sequence, sequence_at, spoken_tally};
use super::{Go, Plain, Reply};
use crate::method::rounds::{Subject, VoterStatus};
use crate::method::{
    Clarity, ConstraintId, EvidenceKind, FilterId, Route, Traction, playbook, recommend, wording,
};

pub fn setup<R: BufRead, W: Write>(p: &mut Plain<R, W>, from_end: bool) -> io::Result<Go> {
    p.say("Who is in the room, and what are we scaling? Everyone listed here rates the constraints and scores the candidates.")?;
    let count = |p: &Plain<R, W>| 4 + p.session.participants.len();
    // A session just made with its name (`new NAME`) is not asked for it again: the product
    // comes first, and `back` reaches the name.
    let start = if from_end {
        count(p) - 1
    } else if std::mem::take(&mut p.named) {
        1
    } else {
        0
    };
    sequence_at(p, start, count, |p, i| {
        let people = p.session.participants.len();
        match i {
            0 => p.text(Question::new("Session name."), &p.session.name.clone(), |s, v| s.name = v),
            1 => {
                p.text(Question::new("Product: what are we scaling?"), &p.session.product.clone(), |s, v| {
                    s.product = v
                })
            }
            2 => p.text(Question::new("Facilitator."), &p.session.facilitator.clone(), |s, v| {
                s.facilitator = v
            }),
            i if i < 3 + people => participant(p, i - 3),
            _ => {
                let q = Question::new("Add a participant: type their name.")
                    .enter("Enter goes on when everyone is listed.");
                let reply = p.ask(&q, prompts::text)?;
                let flow = reply.flow();
                if let Reply::Value(name) = reply
                    && !name.is_empty()
                {
                    let person = p.session.add_participant();
                    p.session.participants[person].name = name;
                    p.save()?;
                }
                Ok(flow)
            }
        }
    })
}

enum Person {
    Name(String),
    Remove,
}

fn participant<R: BufRead, W: Write>(p: &mut Plain<R, W>, person: usize) -> io::Result<Q> {
    let now = p.session.participants[person].name.clone();
    let several = p.session.participants.len() > 1;
    let mut how = if now.trim().is_empty() { "Type their name." } else { "Type a new name." }.to_string();
    if several {
        how.push_str(" remove takes them off the list.");
    }
    let q = Question::new(format!("Participant {}'s name.", person + 1))
        .how(how)
        .now((!now.trim().is_empty()).then_some(now));
    let reply = p.ask(&q, |l| {
        if l.trim().eq_ignore_ascii_case("remove") {
            if several {
                Ok(Person::Remove)
            } else {
                Err("The last participant stays: type a name instead.".into())
            }
        } else {
            prompts::text(l).map(Person::Name)
        }
    })?;
    let flow = reply.flow();
    match reply {
        Reply::Value(Person::Name(name)) => {
            p.session.participants[person].name = name;
            p.save()?;
        }
        Reply::Value(Person::Remove) => {
            let who = p.session.participant_label(person);
            if p.session.has_ratings_from(person) {
                let q = Question::new(format!(
                    "{} has given ratings; removing them deletes those ratings. Remove them?",
                    one_line(&who)
                ))
                .how("Type yes or no.")
                .enter("Enter keeps them.");
                if !matches!(p.ask(&q, prompts::yes_no)?, Reply::Value(true)) {
                    return Ok(Q::Stay);
                }
            }
            if p.session.remove_participant(person) {
                p.save()?;
                p.say(&format!("{} is off the list.", one_line(&who)))?;
            }
            return Ok(Q::Stay);
        }
        Reply::Keep | Reply::Go(_) => {}
    }
    Ok(flow)
}

pub fn gate<R: BufRead, W: Write>(p: &mut Plain<R, W>, from_end: bool) -> io::Result<Go> {
    p.say("Is this the right exercise right now?")?;
    let g = &playbook().gate;
    let go = sequence(
        p,
        from_end,
        |_| 2,
        |p, i| match i {
            0 => {
                let labels: Vec<&str> = Traction::ALL.iter().map(|&t| wording::traction_label(t)).collect();
                let now = p.session.gate.traction.map(Traction::index);
                let q = Question::new(&g.traction.prompt).help(&g.traction.help);
                p.choose(q, &labels, None, now, true, |s, v| s.gate.traction = v.map(|i| Traction::ALL[i]))
            }
            _ => {
                let labels = [wording::yes_no_label(true), wording::yes_no_label(false)];
                let now = p.session.gate.ai_question.map(|b| if b { 0 } else { 1 });
                let q = Question::new(&g.ai_question.prompt).help(&g.ai_question.help);
                p.choose(q, &labels, None, now, true, |s, v| s.gate.ai_question = v.map(|i| i == 0))
            }
        },
    )?;
    let route = recommend(&p.session).route;
    if go == Go::Next && matches!(route, Route::MvpFirst | Route::AiProofOfConceptFirst) {
        let rt = playbook().route(route);
        p.say(&format!(
            "This points to: {}. {} {} You can still go on; the report will say so.",
            rt.title, rt.summary, rt.next
        ))?;
    }
    Ok(go)
}

pub fn filter<R: BufRead, W: Write>(p: &mut Plain<R, W>, f: FilterId, from_end: bool) -> io::Result<Go> {
    let pb = playbook();
    let ft = pb.filter(f);
    p.say(&format!("Pressure filter {} of {}: {}.", f.index() + 1, FilterId::ALL.len(), ft.name))?;
    sequence(
        p,
        from_end,
        |_| 3,
        |p, i| match i {
            0 => {
                let q = Question::new(&ft.question)
                    .help(format!("Clear looks like: {} Example: {}", ft.clear_looks_like, ft.example));
                let now = p.session.filter(f).answer.clone();
                p.text(q, &now, |s, v| s.filter_mut(f).answer = v)
            }
            1 => {
                let labels: Vec<&str> = pb.clarity.iter().map(|c| c.name.as_str()).collect();
                let meanings: Vec<&str> = pb.clarity.iter().map(|c| c.meaning.as_str()).collect();
                let now = Some(p.session.filter(f).clarity.index());
                let q = Question::new(format!("How clear is the answer on {}?", ft.name));
                p.choose(q, &labels, Some(&meanings), now, false, |s, v| {
                    s.filter_mut(f).clarity = v.map_or(Clarity::Unanswered, |i| Clarity::ALL[i])
                })
            }
            _ => {
                let labels: Vec<&str> = pb.evidence_kinds.iter().map(|c| c.name.as_str()).collect();
                let now = p.session.filter(f).evidence.map(EvidenceKind::index);
                let q = Question::new("What kind of evidence stands behind it?");
                p.choose(q, &labels, None, now, true, |s, v| {
                    s.filter_mut(f).evidence = v.map(|i| EvidenceKind::ALL[i])
                })
            }
        },
    )
}

/// The severity scale in words: "Severity: how much …? 1 means barely, 3 …, 5 …".
fn severity_scale() -> String {
    let sv = &playbook().severity;
    let anchors: Vec<String> = sv
        .anchors
        .iter()
        .enumerate()
        .map(|(k, (n, v))| if k == 0 { format!("{n} means {v}") } else { format!("{n} {v}") })
        .collect();
    format!("{}: {} {}.", sv.name, sv.question, anchors.join(", "))
}

pub fn constraint<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    c: ConstraintId,
    from_end: bool,
) -> io::Result<Go> {
    let pb = playbook();
    let ct = pb.constraint(c);
    let clear = recommend(&p.session).qualification.clear;
    let touches: Vec<String> = ct
        .touches
        .iter()
        .map(|f| format!("{}{}", pb.filter(*f).name, if clear.contains(f) { " (clear)" } else { "" }))
        .collect();
    p.say(&format!(
        "Constraint {} of {}: {}.\nLooks like: {}\nImprove first: {}\nPressures it touches: {}.\n{}",
        c.index() + 1,
        ConstraintId::ALL.len(),
        ct.name,
        ct.looks_like,
        ct.improve_first,
        touches.join(", "),
        severity_scale()
    ))?;
    // A private round open on this step (from the wizard): its ballots are hidden, and a
    // rating typed here would be overwritten by the reveal. Say who has voted, never what,
    // and take no rating: voting and revealing happen in the wizard.
    let open = p.session.open_round_on(&Subject::Severity(c)).map(|k| p.session.workshop.rounds[k].clone());
    if let Some(r) = &open {
        let n = p.session.rounds_on(&Subject::Severity(c)).len();
        let who: Vec<String> = p
            .session
            .participants
            .iter()
            .enumerate()
            .filter(|(_, x)| r.voters.contains(&x.id))
            .map(|(i, x)| {
                let state = match r.status(&x.id) {
                    VoterStatus::Voted | VoterStatus::Partial => "has voted",
                    VoterStatus::Abstained => "abstains",
                    VoterStatus::NotVoted => "has not voted yet",
                };
                format!("{} {state}", one_line(&p.session.participant_label(i)))
            })
            .collect();
        let (done, all) = r.progress();
        p.say(&format!(
            "A private round is open on {} (round {n}, {done} of {all} done): {}. Votes are hidden until the reveal, so plain mode takes no rating here: vote and reveal in the wizard (firstmove resume, without --plain).",
            ct.name,
            who.join(", ")
        ))?;
    }
    let private = open.is_some();
    let count = move |p: &Plain<R, W>| if private { 1 } else { p.session.participants.len() + 1 };
    sequence(p, from_end, count, |p, i| {
        let people = if private { 0 } else { p.session.participants.len() };
        if i < people {
            let who = one_line(&p.session.participant_label(i));
            let q = Question::new(format!("{who}'s severity for {}.", ct.name))
                .how(format!(
                    "Type a whole number from 1 to 5{}.",
                    if p.session.severity(c, i).is_some() { ", or 0 to clear it" } else { "" }
                ))
                .now(p.session.severity(c, i).map(|v| v.to_string()));
            return p.answer(&q, prompts::score, |s, v| {
                s.set_severity(c, i, v);
            });
        }
        let tally =
            recommend(&p.session).constraints.iter().find(|x| x.constraint == c).and_then(|x| x.severity);
        p.say(&match tally {
            Some(t) if private => {
                format!("The ratings the ranking reads until the reveal: {}.", spoken_tally(&t))
            }
            Some(t) => format!("The room on {}: {}.", ct.name, spoken_tally(&t)),
            None => format!("Nobody has rated {} yet.", ct.name),
        })?;
        let now = p.session.constraint(c).evidence.clone();
        let q = Question::new(format!("Evidence note for {}: what backs these ratings?", ct.name));
        p.text(q, &now, |s, v| s.constraint_mut(c).evidence = v)
    })
}
