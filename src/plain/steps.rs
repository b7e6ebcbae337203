//! Each step's questions, asked one at a time. `run` is one exhaustive match on `Step`: a new
//! step does not compile until it has a branch here.

use std::io::{self, BufRead, Write};

use super::prompts::{self, Question, number_range, one_line};
use super::{Go, Nav, Plain, Reply};
use crate::method::rules::Tally;
use crate::method::{
    Clarity, ConstraintId, Dimension, EvidenceKind, FilterId, Route, Session, Step, Traction, playbook,
    recommend, wording,
};
use crate::report::{self, fmt_mean, fmt_median};
use crate::store;

/// What one question of a step ends in.
pub enum Q {
    /// Answered or kept: the next question.
    Next,
    /// Ask the same question again (its list changed under it).
    Stay,
    /// `back`: the previous question.
    Back,
    /// A word that leaves the step.
    Leave(Go),
}

impl<T> Reply<T> {
    /// What a reply does when its value was applied (`Value`) or left alone (`Keep`).
    fn flow(&self) -> Q {
        match self {
            Reply::Value(_) | Reply::Keep => Q::Next,
            Reply::Go(Nav::Back) => Q::Back,
            Reply::Go(n) => Q::Leave((*n).into()),
        }
    }
}

/// Runs a step from its first question, or from its last (`from_end`: reached with `back`).
pub fn run<R: BufRead, W: Write>(p: &mut Plain<R, W>, step: Step, from_end: bool) -> io::Result<Go> {
    match step {
        Step::Setup => setup(p, from_end),
        Step::Gate => gate(p, from_end),
        Step::FilterRevenue => filter(p, FilterId::Revenue, from_end),
        Step::FilterRetention => filter(p, FilterId::Retention, from_end),
        Step::FilterTrust => filter(p, FilterId::Trust, from_end),
        Step::FilterOperational => filter(p, FilterId::Operational, from_end),
        Step::FilterPlanning => filter(p, FilterId::Planning, from_end),
        Step::Qualification => qualification(p),
        Step::ConstraintActivation => constraint(p, ConstraintId::Activation, from_end),
        Step::ConstraintAdoption => constraint(p, ConstraintId::Adoption, from_end),
        Step::ConstraintReliability => constraint(p, ConstraintId::Reliability, from_end),
        Step::ConstraintOperations => constraint(p, ConstraintId::Operations, from_end),
        Step::ConstraintThroughput => constraint(p, ConstraintId::Throughput, from_end),
        Step::Primary => primary(p),
        Step::Candidates => super::candidates::run(p),
        Step::Ranking => ranking(p),
        Step::Recommendation => recommendation(p),
    }
}

/// Asks questions `0..count` in turn: `back` on the first leaves the step backwards.
pub fn sequence<P>(
    p: &mut P,
    from_end: bool,
    count: impl Fn(&P) -> usize,
    mut one: impl FnMut(&mut P, usize) -> io::Result<Q>,
) -> io::Result<Go> {
    let mut i = if from_end { count(p).saturating_sub(1) } else { 0 };
    while i < count(p) {
        match one(p, i)? {
            Q::Next => i += 1,
            Q::Stay => {}
            Q::Back if i == 0 => return Ok(Go::Back),
            Q::Back => i -= 1,
            Q::Leave(go) => return Ok(go),
        }
    }
    Ok(Go::Next)
}

impl<R: BufRead, W: Write> Plain<R, W> {
    /// Asks `q`; a value goes into the session through `apply` and is saved at once.
    pub fn answer<T>(
        &mut self,
        q: &Question,
        parse: impl Fn(&str) -> Result<T, String>,
        apply: impl FnOnce(&mut Session, T),
    ) -> io::Result<Q> {
        let reply = self.ask(q, parse)?;
        let flow = reply.flow();
        if let Reply::Value(v) = reply {
            apply(&mut self.session, v);
            self.save()?;
        }
        Ok(flow)
    }

    /// A text question whose current value is `now`.
    pub fn text(
        &mut self,
        q: Question,
        now: &str,
        apply: impl FnOnce(&mut Session, String),
    ) -> io::Result<Q> {
        let now = (!now.trim().is_empty()).then(|| now.to_string());
        let how =
            if now.is_some() { "Type the new text, or a single - to empty it." } else { "Type the answer." };
        let q = q.how(how).now(now);
        self.answer(&q, prompts::text, apply)
    }

    /// A choice among `labels` (with their meanings, if any), currently `now`.
    pub fn choose(
        &mut self,
        q: Question,
        labels: &[&str],
        meanings: Option<&[&str]>,
        now: Option<usize>,
        clearable: bool,
        apply: impl FnOnce(&mut Session, Option<usize>),
    ) -> io::Result<Q> {
        let listed = labels
            .iter()
            .enumerate()
            .map(|(i, l)| match meanings.and_then(|m| m.get(i)) {
                Some(m) => format!("{l}: {m}"),
                None => l.to_string(),
            })
            .collect();
        let mut how = number_range(labels.len());
        if clearable && now.is_some() {
            how.push_str(" 0 clears it.");
        }
        let q = q.choices(listed).how(how).now(now.and_then(|i| labels.get(i)).map(|l| l.to_string()));
        self.answer(&q, |l| prompts::choice(l, labels, clearable), apply)
    }

    /// A prompt with nothing to answer: Enter goes on.
    pub fn go_on(&mut self, what: &str) -> io::Result<Q> {
        let q = Question::new(what).enter("Press Enter to go on.");
        let reply = self
            .ask(&q, |_| Err::<(), _>("Nothing to type here: press Enter to go on, or type help.".into()))?;
        Ok(reply.flow())
    }
}

fn setup<R: BufRead, W: Write>(p: &mut Plain<R, W>, from_end: bool) -> io::Result<Go> {
    p.say("Who is in the room, and what are we scaling? Everyone listed here rates the constraints and scores the candidates.")?;
    let count = |p: &Plain<R, W>| 4 + p.session.participants.len();
    sequence(p, from_end, count, |p, i| {
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

fn gate<R: BufRead, W: Write>(p: &mut Plain<R, W>, from_end: bool) -> io::Result<Go> {
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

fn filter<R: BufRead, W: Write>(p: &mut Plain<R, W>, f: FilterId, from_end: bool) -> io::Result<Go> {
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

fn qualification<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
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

/// "median 4.5, spread 2, the room disagrees: discuss it".
pub fn spoken_tally(t: &Tally) -> String {
    let mut s = format!("median {}, spread {}", fmt_median(t.median), t.spread);
    if t.discuss() {
        s.push_str(", the room disagrees: discuss it");
    }
    s
}

fn constraint<R: BufRead, W: Write>(p: &mut Plain<R, W>, c: ConstraintId, from_end: bool) -> io::Result<Go> {
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
    let count = |p: &Plain<R, W>| p.session.participants.len() + 1;
    sequence(p, from_end, count, |p, i| {
        let people = p.session.participants.len();
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
            Some(t) => format!("The room on {}: {}.", ct.name, spoken_tally(&t)),
            None => format!("Nobody has rated {} yet.", ct.name),
        })?;
        let now = p.session.constraint(c).evidence.clone();
        let q = Question::new(format!("Evidence note for {}: what backs these ratings?", ct.name));
        p.text(q, &now, |s, v| s.constraint_mut(c).evidence = v)
    })
}

fn primary<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
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

fn ranking<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
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

fn recommendation<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
    p.say(&report::text(&report::document(&p.session)))?;
    let path = store::report_path(&p.path());
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
                match store::write_private(&path, text.as_bytes()) {
                    Ok(()) => {
                        p.say(&format!("Report written to {}.", one_line(&path.display().to_string())))?
                    }
                    Err(e) => p.say(&format!(
                        "The report was not written: cannot write {}: {e}",
                        one_line(&path.display().to_string())
                    ))?,
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
