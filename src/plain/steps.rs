//! Each step's questions, asked one at a time. `run` is one exhaustive match on `Step`: a new
//! step does not compile until it has a branch here.

use std::io::{self, BufRead, Write};

use super::prompts::{self, Question, number_range};
use super::{Go, Nav, Plain, Reply, forms, readout};
use crate::method::rules::Tally;
use crate::method::{ConstraintId, FilterId, Session, Step};
use crate::report::fmt_median;

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
    pub fn flow(&self) -> Q {
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
        Step::Setup => forms::setup(p, from_end),
        Step::Gate => forms::gate(p, from_end),
        Step::FilterRevenue => forms::filter(p, FilterId::Revenue, from_end),
        Step::FilterRetention => forms::filter(p, FilterId::Retention, from_end),
        Step::FilterTrust => forms::filter(p, FilterId::Trust, from_end),
        Step::FilterOperational => forms::filter(p, FilterId::Operational, from_end),
        Step::FilterPlanning => forms::filter(p, FilterId::Planning, from_end),
        Step::Qualification => readout::qualification(p),
        Step::ConstraintActivation => forms::constraint(p, ConstraintId::Activation, from_end),
        Step::ConstraintAdoption => forms::constraint(p, ConstraintId::Adoption, from_end),
        Step::ConstraintReliability => forms::constraint(p, ConstraintId::Reliability, from_end),
        Step::ConstraintOperations => forms::constraint(p, ConstraintId::Operations, from_end),
        Step::ConstraintThroughput => forms::constraint(p, ConstraintId::Throughput, from_end),
        Step::Primary => readout::primary(p),
        Step::Candidates => super::candidates::run(p),
        Step::Ranking => readout::ranking(p),
        Step::Recommendation => readout::recommendation(p),
        Step::FollowThrough => super::follow::run(p),
    }
}

/// Asks questions `0..count` in turn: `back` on the first leaves the step backwards.
pub fn sequence<P>(
    p: &mut P,
    from_end: bool,
    count: impl Fn(&P) -> usize,
    one: impl FnMut(&mut P, usize) -> io::Result<Q>,
) -> io::Result<Go> {
    let start = if from_end { count(p).saturating_sub(1) } else { 0 };
    sequence_at(p, start, count, one)
}

/// Asks questions `0..count` in turn from question `start`: `back` on the first leaves the
/// step backwards.
pub fn sequence_at<P>(
    p: &mut P,
    start: usize,
    count: impl Fn(&P) -> usize,
    mut one: impl FnMut(&mut P, usize) -> io::Result<Q>,
) -> io::Result<Go> {
    let mut i = start;
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

/// "median 4.5, spread 2, the room disagrees: discuss it".
pub fn spoken_tally(t: &Tally) -> String {
    let mut s = format!("median {}, spread {}", fmt_median(t.median), t.spread);
    if t.discuss() {
        s.push_str(", the room disagrees: discuss it");
    }
    s
}
