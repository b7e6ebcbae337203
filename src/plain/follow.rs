//! The follow-through in plain mode: the wizard's step (`tui/steps/follow_through.rs`) asked
//! one question at a time, with the same fields in the same order and the same rules, all
//! through the method's functions. Before the decision: the move's baseline, target and
//! direction, and whether to decide today; then the prediction. After it: the plan's dates,
//! the progress, the prediction, and a list to add, open or delete a check-in, judge the move
//! when that is due, start the next cycle, or change the decision.

use std::io::{self, BufRead, Write};

use super::prompts::{self, Question, number_range, one_line};
use super::steps::{Q, sequence, sequence_at};
use super::{Go, Nav, Plain, Reply, display_name};
use crate::method::dates;
use crate::method::followup::{self, CONFIDENCES, wording, wording::fill};
use crate::method::playbook::PlainFollowThroughTexts;
use crate::method::{CheckIn, Decision, Direction, Outcome, Session, playbook, recommend};

fn t() -> &'static PlainFollowThroughTexts {
    &playbook().follow_through.plain
}

/// The candidate the step is about: the decided one, or before the decision the one the rules
/// name (the wizard's rule).
fn the_move(s: &Session) -> Option<usize> {
    match &s.follow_through {
        Some(f) => s.candidate_index(&f.candidate),
        None => recommend(s).top_candidate().and_then(|t| s.candidate_index(&t.id)),
    }
}

/// A question of the decision, as the wizard's fields of the step.
#[derive(Debug, Clone, Copy)]
enum Ask {
    Baseline,
    Target,
    Direction,
    Decide,
    DecidedOn,
    Prediction,
    Confidence,
}

/// The metric's questions: baseline and target, and the direction once they read as numbers
/// (as the wizard shows its Direction field).
fn metric_asks(s: &Session) -> Vec<Ask> {
    let Some(c) = the_move(s) else { return Vec::new() };
    let mut v = vec![Ask::Baseline, Ask::Target];
    if s.measures.contains_key(&s.candidates[c].id) {
        v.push(Ask::Direction);
    }
    v
}

pub fn run<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
    if p.session.follow_through.is_none() {
        let go = undecided(p)?;
        if go != Go::Next || p.session.follow_through.is_none() {
            return Ok(go);
        }
        // What the team expects is asked as it decides, as the wizard moves on to it.
        let asks = [Ask::Prediction, Ask::Confidence];
        return match sequence(p, false, |_| asks.len(), |p, k| ask(p, asks[k]))? {
            Go::Next | Go::Back => {
                say_progress(p)?;
                decided(p)
            }
            go => Ok(go),
        };
    }
    say_move(p)?;
    say_plan(p)?;
    say_progress(p)?;
    decided(p)
}

/// Before the decision: the move and its metric, then whether to decide on it today.
fn undecided<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
    if the_move(&p.session).is_none() {
        p.say(&t().no_move)?;
        return sequence(p, false, |_| 1, |p, _| p.go_on("Nothing to decide yet."));
    }
    say_move(p)?;
    p.say(&playbook().follow_through.undecided)?;
    let asks = |s: &Session| {
        let mut v = metric_asks(s);
        v.push(Ask::Decide);
        v
    };
    sequence(p, false, |p| asks(&p.session).len(), |p, k| ask(p, asks(&p.session)[k]))
}

/// "The move: … It fixes …", its metric, and its numbers when they read as such.
fn say_move<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<()> {
    let s = &p.session;
    let Some(c) = the_move(s).map(|i| &s.candidates[i]) else {
        return p.say(&playbook().follow_through.gone);
    };
    let mut lines = vec![fill(
        &t().the_move,
        &[
            ("move", &super::candidates::title(&c.title)),
            ("constraint", &playbook().constraint(c.constraint).name),
        ],
    )];
    let metric = one_line(&c.metric);
    if !metric.is_empty() {
        lines.push(fill(&t().metric, &[("metric", &metric)]));
    }
    if let Some(m) = followup::measure(s, &c.id) {
        lines.push(fill(
            &t().measure,
            &[
                ("baseline", &m.show(m.baseline)),
                ("target", &m.show(m.target)),
                ("value", &playbook().direction(m.direction).name),
            ],
        ));
    }
    p.say(&lines.join("\n"))
}

/// The decision's date and the plan's, or why the date gives no plan.
fn say_plan<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<()> {
    let ft = &playbook().follow_through;
    let Some(f) = p.session.follow_through.as_ref() else { return Ok(()) };
    let line = match followup::plan_dates(&p.session) {
        Some(plan) => {
            let decided = followup::decided_on(&p.session).map(dates::human).unwrap_or_default();
            let days: Vec<String> = plan
                .iter()
                .map(|(d, x)| fill(&ft.plan_day, &[("day", &d.to_string()), ("date", &dates::human(*x))]))
                .collect();
            format!("{} {}: {}.", fill(&t().decided, &[("date", &decided)]), ft.plan, days.join(", "))
        }
        None => {
            let reason = dates::parse(&f.decided_on).err().map(|e| e.to_string()).unwrap_or_default();
            format!("{}: {}", ft.plan, fill(&t().refused, &[("reason", &reason)]))
        }
    };
    p.say(&line)
}

/// Where the metric stands and what the team predicted.
fn say_progress<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<()> {
    let ft = &playbook().follow_through;
    let s = &p.session;
    let mut lines = Vec::new();
    if followup::decided_move(s).is_some() {
        lines.push(match (followup::decided_measure(s), followup::wording::progress_line(s)) {
            (None, _) => ft.no_measure.clone(),
            (Some(_), Some(line)) => line,
            (Some(_), None) => ft.no_values.clone(),
        });
    }
    lines.extend(followup::wording::prediction_line(s));
    p.say(&lines.join("\n"))
}

/// "Label: hint." from the playbook's label and hint of a text.
fn label_hint(key: &str) -> String {
    let (label, hint) = playbook().follow_through.text(key);
    let mut q = format!("{label}: {hint}");
    if !q.ends_with(['.', '?', '!']) {
        q.push('.');
    }
    q
}

/// Says that a value typed for the metric counts nowhere, when it does not read as one.
fn note_value<R: BufRead, W: Write>(p: &mut Plain<R, W>, text: &str) -> io::Result<()> {
    if followup::unreadable_value(&p.session, text) {
        p.say(&fill(&t().not_a_value, &[("value", &format!("\"{}\"", one_line(text.trim())))]))?;
    }
    Ok(())
}

fn refused(e: dates::DateError) -> String {
    fill(&t().refused, &[("reason", &e.to_string())])
}

/// A check-in date typed for session `s` on `today`: taken by the wizard's rule
/// (`check_in_date_on`: a real date, not before the decision, not after today), or refused with
/// its reason.
fn check_date(s: &Session, line: &str, today: &str) -> Result<String, String> {
    let mut probe = s.clone();
    let i = probe.add_check_in(line.trim().to_string());
    followup::check_in_date_on(&probe, &probe.check_ins[i], today).map(dates::format_date).map_err(refused)
}

fn ask<R: BufRead, W: Write>(p: &mut Plain<R, W>, a: Ask) -> io::Result<Q> {
    let ft = &playbook().follow_through;
    let mv = the_move(&p.session);
    match a {
        Ask::Baseline | Ask::Target => {
            let Some(c) = mv else { return Ok(Q::Next) };
            let k = if matches!(a, Ask::Baseline) { 3 } else { 4 };
            let (q, slot) = super::candidates::texts().into_iter().nth(k).expect("six texts");
            let now = slot(&mut p.session.candidates[c].clone()).clone();
            p.text(Question::new(q), &now, move |s: &mut Session, v| {
                *slot(&mut s.candidates[c]) = v;
                // The metric's numbers follow its text, as in the wizard.
                s.sync_measure(c);
            })
        }
        Ask::Direction => {
            let Some(c) = mv else { return Ok(Q::Next) };
            let id = p.session.candidates[c].id.clone();
            let labels: Vec<&str> =
                Direction::ALL.iter().map(|&d| playbook().direction(d).name.as_str()).collect();
            let now = p.session.measures.get(&id).map(|m| m.direction.index());
            let q = Question::new(format!("{}: {}", ft.direction_label, t().direction));
            // A direction always has a value: nothing to clear.
            p.choose(q, &labels, None, now, false, move |s, v| {
                if let Some(i) = v {
                    s.set_direction(&id, Direction::ALL[i]);
                }
            })
        }
        Ask::Decide => {
            let Some(c) = mv else { return Ok(Q::Next) };
            let id = p.session.candidates[c].id.clone();
            let today = (p.today)();
            p.session.read_as_of(&today);
            let q = Question::new(format!("{}?", ft.decide))
                .how(fill(&t().decide_how, &[("date", &today)]))
                .enter("Enter does not decide yet.");
            let reply = p.ask(&q, prompts::yes_no)?;
            if let Reply::Value(true) = reply
                && p.session.decide(&id, today)
            {
                p.save()?;
                say_plan(p)?;
            }
            Ok(reply.flow())
        }
        Ask::DecidedOn => {
            let before = followup::before_decision(&p.session);
            let now = p.session.follow_through.as_ref().map(|f| f.decided_on.clone()).unwrap_or_default();
            let q = Question::new(label_hint("decided_on"))
                .how("Type a date as YYYY-MM-DD.")
                .now((!now.trim().is_empty()).then_some(now));
            let reply = p.answer(
                &q,
                |l| dates::parse(l).map(dates::format_date).map_err(refused),
                |s, v| {
                    if let Some(f) = s.follow_through.as_mut() {
                        f.decided_on = v;
                    }
                },
            )?;
            // A later decision date can leave check-ins before it: said at once.
            if followup::before_decision(&p.session) > before
                && let Some(line) = wording::before_decision_line(&p.session)
            {
                p.say(&line)?;
            }
            Ok(reply)
        }
        Ask::Prediction => {
            let now = p.session.follow_through.as_ref().map(|f| f.prediction.clone()).unwrap_or_default();
            let q = p.text(Question::new(label_hint("prediction")), &now, |s, v| {
                if let Some(f) = s.follow_through.as_mut() {
                    f.prediction = v;
                }
            })?;
            let typed = p.session.follow_through.as_ref().map(|f| f.prediction.clone()).unwrap_or_default();
            if typed != now {
                note_value(p, &typed)?;
            }
            Ok(q)
        }
        Ask::Confidence => {
            let labels: Vec<&str> = ft.confidences.iter().map(String::as_str).collect();
            let now = p
                .session
                .follow_through
                .as_ref()
                .and_then(|f| f.confidence)
                .and_then(|c| CONFIDENCES.iter().position(|&x| x == c));
            let q = Question::new(format!("{}?", ft.confidence_label));
            p.choose(q, &labels, None, now, true, |s, v| {
                if let Some(f) = s.follow_through.as_mut() {
                    f.confidence = v.and_then(|i| CONFIDENCES.get(i).copied());
                }
            })
        }
    }
}

/// What a row of the follow-through's list does.
#[derive(Debug, Clone, Copy)]
enum Row {
    Open(usize),
    Add,
    Outcome,
    NextCycle,
    Change,
}

/// What a line typed at the list asks for.
enum Pick {
    Row(usize),
    Delete(usize),
}

/// The step once the move is decided (and said): the list, until Enter or a word.
fn decided<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
    loop {
        let s = &p.session;
        if s.check_ins.is_empty() {
            p.say(&playbook().follow_through.no_check_ins)?;
        }
        let s = &p.session;
        let n = s.check_ins.len();
        let today = (p.today)();
        // The wizard's fields, in its order: the check-ins first, then what can be done.
        let mut rows: Vec<(Row, String)> = (0..n).map(|i| (Row::Open(i), row(s, i, &today))).collect();
        rows.push((Row::Add, t().add_check_in.clone()));
        if followup::outcome_due(s) {
            let judged = s.follow_through.as_ref().and_then(|f| f.outcome);
            let now = judged.map_or(String::new(), |o| format!(" Now: {}.", playbook().outcome(o).name));
            rows.push((Row::Outcome, format!("{}{now}", t().judge)));
        }
        if s.check_ins.iter().any(|c| c.decision == Some(Decision::MoveOn)) {
            // A cycle has one next cycle: once it is in the folder, the row leads to it.
            let label = match p.store.next_cycle_of(&s.id).ok().flatten() {
                Some((_, name)) => fill(&t().next_open, &[("name", &one_line(display_name(&name)))]),
                None => t().next_cycle.clone(),
            };
            rows.push((Row::NextCycle, label));
        }
        rows.push((Row::Change, t().change.clone()));
        let count = rows.len();
        let mut how = number_range(count);
        if n > 0 {
            how.push(' ');
            how.push_str(&t().menu_delete);
        }
        let q = Question::new(t().menu.clone())
            .choices(rows.iter().map(|r| r.1.clone()).collect())
            .how(how)
            .enter(t().menu_enter.clone());
        let reply = p.ask(&q, |l| {
            let low = l.trim().to_lowercase();
            if let Some(rest) = low.strip_prefix("delete") {
                return match rest.trim().parse::<usize>() {
                    Ok(k) if (1..=n).contains(&k) => Ok(Pick::Delete(k - 1)),
                    _ if n == 0 => Err("There is no check-in to delete yet.".into()),
                    _ if n == 1 => Err("Type delete 1 to delete the check-in.".into()),
                    _ => Err(format!("Type delete and a check-in's number, from 1 to {n}.")),
                };
            }
            prompts::choice(l, &vec![""; count], false).map(|k| Pick::Row(k.unwrap_or(0))).map_err(|_| {
                format!("\"{}\" is not one of the choices. {}", one_line(l), number_range(count))
            })
        })?;
        let go = match reply {
            Reply::Keep => {
                p.say(&t().end)?;
                return Ok(Go::Next);
            }
            Reply::Go(nav) => return Ok(nav.into()),
            Reply::Value(Pick::Delete(i)) => {
                delete(p, i)?;
                continue;
            }
            Reply::Value(Pick::Row(k)) => match rows[k].0 {
                Row::Open(i) => check_in(p, Some(i))?,
                Row::Add => check_in(p, None)?,
                Row::Outcome => to_go(outcome(p)?),
                Row::NextCycle => next_cycle(p)?,
                Row::Change => {
                    let asks = |s: &Session| {
                        let mut v = vec![Ask::DecidedOn];
                        v.extend(metric_asks(s));
                        v.extend([Ask::Prediction, Ask::Confidence]);
                        v
                    };
                    let go =
                        sequence(p, false, |p| asks(&p.session).len(), |p, k| ask(p, asks(&p.session)[k]))?;
                    if matches!(go, Go::Next | Go::Back) {
                        say_plan(p)?;
                    }
                    go
                }
            },
        };
        match go {
            Go::Next | Go::Back => say_progress(p)?,
            go => return Ok(go),
        }
    }
}

fn to_go(q: Q) -> Go {
    match q {
        Q::Next | Q::Stay => Go::Next,
        Q::Back => Go::Back,
        Q::Leave(go) => go,
    }
}

/// A check-in's date as said: "5 Nov 2025", or as typed when it is refused.
fn date_said(s: &Session, c: &CheckIn, today: &str) -> String {
    followup::check_in_date_on(s, c, today).map_or_else(|_| one_line(&c.date), dates::human)
}

/// A check-in as a row of the list: date, day, value, decision; or why its date is refused
/// (after `today` too).
fn row(s: &Session, i: usize, today: &str) -> String {
    let c = &s.check_ins[i];
    match followup::check_in_date_on(s, c, today) {
        Err(e) => format!("Check-in dated {}. {}", one_line(&c.date), refused(e)),
        Ok(date) => {
            let mut r = format!("Check-in of {}", dates::human(date));
            if let Some(d) = followup::decided_on(s) {
                r.push_str(&format!(", day {}", dates::days_between(d, date)));
            }
            let v = one_line(&c.metric_value);
            r.push_str(&if v.is_empty() { ", no value yet".to_string() } else { format!(", metric {v}") });
            if let Some(d) = c.decision {
                r.push_str(&format!(", {}", playbook().decision(d).name));
            }
            r
        }
    }
}

/// Where one of a check-in's texts lives.
type Slot = fn(&mut CheckIn) -> &mut String;

/// A check-in's texts after its date, in the wizard's order, by their playbook name.
fn texts() -> [(&'static str, Slot); 6] {
    [
        ("value", |c| &mut c.metric_value),
        ("adoption", |c| &mut c.adoption),
        ("quality", |c| &mut c.quality),
        ("speed", |c| &mut c.speed),
        ("support_load", |c| &mut c.support_load),
        ("technical_health", |c| &mut c.technical_health),
    ]
}

/// Adds a check-in (`None`) or opens one: its date, value, five notes and decision; then the
/// outcome, when this check-in made it due and the move is not judged yet.
fn check_in<R: BufRead, W: Write>(p: &mut Plain<R, W>, which: Option<usize>) -> io::Result<Go> {
    let (i, start) = match which {
        Some(i) => {
            let s = &p.session;
            let c = &s.check_ins[i];
            let head = match followup::check_in_date_on(s, c, &(p.today)()) {
                Ok(date) => {
                    let day = followup::decided_on(s).map_or(0, |d| dates::days_between(d, date));
                    fill(&t().check_in, &[("date", &dates::human(date)), ("day", &day.to_string())])
                }
                Err(e) => format!("{}. {}", playbook().follow_through.check_in_bad, refused(e)),
            };
            p.say(&head)?;
            (i, 0)
        }
        None => {
            let today = (p.today)();
            p.session.read_as_of(&today);
            p.say(&fill(&t().check_in_new, &[("date", &today)]))?;
            let date = loop {
                let snap = p.session.clone();
                let q = Question::new(label_hint("date"))
                    .how("Type a date as YYYY-MM-DD.")
                    .now(Some(today.clone()));
                match p.ask(&q, |l| check_date(&snap, l, &today))? {
                    Reply::Value(d) => break d,
                    // Enter: today's date, under the same rule.
                    Reply::Keep => match check_date(&snap, &today, &today) {
                        Ok(d) => break d,
                        Err(why) => p.say(&why)?,
                    },
                    Reply::Go(Nav::Back) => return Ok(Go::Back),
                    Reply::Go(nav) => return Ok(nav.into()),
                }
            };
            let i = p.session.add_check_in(date);
            p.save()?;
            // The date is in: the metric's value comes next.
            (i, 1)
        }
    };
    if let Some(m) = followup::decided_measure(&p.session) {
        let line = fill(
            &t().measure,
            &[
                ("baseline", &m.show(m.baseline)),
                ("target", &m.show(m.target)),
                ("value", &playbook().direction(m.direction).name),
            ],
        );
        p.say(&line)?;
    }
    let due_before = followup::outcome_due(&p.session);
    let go = sequence_at(p, start, |_| 8, |p, k| check_in_question(p, i, k))?;
    let s = &p.session;
    let judged = s.follow_through.as_ref().is_some_and(|f| f.outcome.is_some());
    if go == Go::Next && !due_before && followup::outcome_due(s) && !judged {
        return Ok(to_go(outcome(p)?));
    }
    Ok(go)
}

/// Question `k` of check-in `i`: 0 the date, 1 to 6 its texts, 7 the decision.
fn check_in_question<R: BufRead, W: Write>(p: &mut Plain<R, W>, i: usize, k: usize) -> io::Result<Q> {
    let ft = &playbook().follow_through;
    if i >= p.session.check_ins.len() {
        return Ok(Q::Next);
    }
    match k {
        0 => {
            let now = p.session.check_ins[i].date.clone();
            let snap = p.session.clone();
            let today = (p.today)();
            let q = Question::new(label_hint("date"))
                .how("Type a date as YYYY-MM-DD.")
                .now((!now.trim().is_empty()).then_some(now));
            p.answer(&q, |l| check_date(&snap, l, &today), |s, v| s.check_ins[i].date = v)
        }
        1..=6 => {
            let (key, slot) = texts()[k - 1];
            let now = slot(&mut p.session.check_ins[i].clone()).clone();
            let q = p.text(Question::new(label_hint(key)), &now, move |s: &mut Session, v| {
                *slot(&mut s.check_ins[i]) = v;
            })?;
            let typed = slot(&mut p.session.check_ins[i].clone()).clone();
            if k == 1 && typed != now {
                note_value(p, &typed)?;
            }
            Ok(q)
        }
        _ => {
            let labels: Vec<&str> =
                Decision::ALL.iter().map(|&d| playbook().decision(d).name.as_str()).collect();
            let now = p.session.check_ins[i].decision.map(Decision::index);
            let q = Question::new(format!("{}: {}", ft.decision_label, t().decision));
            p.choose(q, &labels, None, now, true, move |s, v| {
                s.check_ins[i].decision = v.and_then(|k| Decision::ALL.get(k).copied());
            })
        }
    }
}

/// Did the move work? Asked when it is due (a check-in from day 90, or one that moves on).
fn outcome<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Q> {
    let ft = &playbook().follow_through;
    let labels: Vec<&str> = Outcome::ALL.iter().map(|&o| playbook().outcome(o).name.as_str()).collect();
    let now = p.session.follow_through.as_ref().and_then(|f| f.outcome).map(Outcome::index);
    let q = Question::new(ft.outcome_due.clone());
    p.choose(q, &labels, None, now, true, |s, v| {
        if let Some(f) = s.follow_through.as_mut() {
            f.outcome = v.and_then(|k| Outcome::ALL.get(k).copied());
        }
    })
}

/// Deletes check-in `i`, once the team says so.
fn delete<R: BufRead, W: Write>(p: &mut Plain<R, W>, i: usize) -> io::Result<()> {
    let date = date_said(&p.session, &p.session.check_ins[i], &(p.today)());
    let q =
        Question::new(fill(&t().delete, &[("date", &date)])).how("Type yes or no.").enter("Enter keeps it.");
    if let Reply::Value(true) = p.ask(&q, prompts::yes_no)?
        && p.session.remove_check_in(i)
    {
        p.save()?;
        p.say(&fill(&t().deleted, &[("date", &date)]))?;
    }
    Ok(())
}

/// Starts the next cycle, once the team says so: this session saved first, then a new one
/// created by the store (create-new semantics), whose name and way back in are said.
fn next_cycle<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> io::Result<Go> {
    let ft = &playbook().follow_through;
    // Started already: say which session it is and how to go on with it, never start another.
    if let Ok(Some((path, name))) = p.store.next_cycle_of(&p.session.id) {
        let file = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let name = one_line(display_name(&name));
        p.say(&fill(&t().next_exists, &[("name", &name), ("file", &one_line(&file))]))?;
        p.say(&fill(&t().next_resume, &[("name", &one_line(&path.display().to_string()))]))?;
        return Ok(Go::Next);
    }
    let q = Question::new(ft.confirm_next.clone()).how("Type yes or no.").enter("Enter does not start it.");
    let reply = p.ask(&q, prompts::yes_no)?;
    if let Reply::Value(true) = reply {
        // This cycle is saved first: its last check-in must be on disk before the next cycle
        // says it followed it.
        p.save()?;
        if p.unsaved.is_some() {
            p.say(&t().next_not_saved)?;
        } else {
            match p.store.create_next_cycle(&p.session) {
                Ok((file, next)) => {
                    let path = one_line(&file.path().display().to_string());
                    drop(file);
                    p.say(&fill(&t().next_started, &[("name", &one_line(display_name(&next.name)))]))?;
                    p.say(&fill(&t().next_resume, &[("name", &path)]))?;
                }
                Err(e) => p.say(&fill(&t().next_failed, &[("reason", &one_line(&e.to_string()))]))?,
            }
        }
    }
    Ok(to_go(reply.flow()))
}
