//! Vote rounds: a constraint's severity or a candidate's four scores, collected from each
//! participant privately and shown to the room only when the facilitator reveals them.
//!
//! Nothing here assumes one keyboard. A round knows who may vote and what it is about; a
//! ballot belongs to one participant and is cast with a plain call (`Session::cast`), so
//! a ballot typed on the facilitator's laptop and one sent from another terminal are the
//! same call. Revealing is a separate act (`Session::reveal`), and only a revealed round
//! writes its values into the session's severity or score maps, which the ranking reads:
//! `recommend` never sees a hidden ballot.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::decisions::{EntryKind, LogEntry};
use super::ids::{ConstraintId, Dimension, Step};
use super::model::{ParticipantId, Scores, Session};
use super::rules::Tally;
use super::thresholds::is_score;

/// What a round is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Subject {
    /// Each participant's severity (1–5) of a constraint.
    Severity(ConstraintId),
    /// Each participant's four scores of a candidate (by candidate id).
    Scores(String),
}

impl Subject {
    pub fn candidate(&self) -> Option<&str> {
        match self {
            Subject::Scores(id) => Some(id),
            Subject::Severity(_) => None,
        }
    }

    /// The step where this subject is voted on.
    pub fn step(&self) -> Step {
        match self {
            Subject::Severity(c) => Step::ALL[Step::ConstraintActivation.index() + c.index()],
            Subject::Scores(_) => Step::Candidates,
        }
    }

    /// The dimensions a result has: none for a severity (one value), four for scores.
    pub fn dimensions(&self) -> &'static [Dimension] {
        match self {
            Subject::Severity(_) => &[],
            Subject::Scores(_) => Dimension::ALL,
        }
    }
}

/// One participant's ballot. Not having one is "not voted yet", which is not an abstention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Ballot {
    /// The participant chose not to vote on this round.
    Abstain,
    Severity(u8),
    /// Scores of a candidate; the ballot counts as cast once all four are given.
    Scores(Scores),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundState {
    /// Ballots are being cast; nobody's values are shown.
    Open,
    /// The facilitator revealed it: values are shown and written to the session.
    Revealed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub subject: Subject,
    /// Who may vote (participant ids), fixed when the round opens.
    pub voters: Vec<ParticipantId>,
    #[serde(default)]
    pub ballots: BTreeMap<ParticipantId, Ballot>,
    pub state: RoundState,
    /// When the round opened (RFC 3339).
    pub opened_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revealed_at: Option<String>,
    /// Why it was opened: empty for a first round, the reason for a re-vote.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// Where one voter stands in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoterStatus {
    NotVoted,
    /// Some of a candidate's four scores are in.
    Partial,
    Voted,
    Abstained,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoundError {
    #[error("there is no such round")]
    NoRound,
    #[error("a round on this is already open")]
    AlreadyOpen,
    #[error("the round is revealed: its ballots are final")]
    NotOpen,
    #[error("{0:?} may not vote in this round")]
    NotAVoter(String),
    #[error("this ballot is not for what the round is about")]
    WrongKind,
    #[error("{0} is not a score from 1 to 5")]
    OutOfRange(u8),
    #[error("the candidate {0:?} does not exist")]
    NoCandidate(String),
}

/// One value a round collects (the severity, or one dimension of the scores), revealed.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// `None` for a severity.
    pub dimension: Option<Dimension>,
    /// Each voter's value, in voter order.
    pub values: Vec<(ParticipantId, u8)>,
    pub tally: Option<Tally>,
    /// Who gave the lowest and the highest value (empty when nobody voted, or all agree).
    pub low: Vec<ParticipantId>,
    pub high: Vec<ParticipantId>,
}

impl Item {
    /// "◂ lowest" or "◂ highest" for a voter at one end of this item: the mark every reveal
    /// shows beside the value, so the room knows whom to ask why.
    pub fn end_mark(&self, voter: &str) -> Option<&'static str> {
        if self.low.iter().any(|v| v == voter) {
            Some("◂ lowest")
        } else if self.high.iter().any(|v| v == voter) {
            Some("◂ highest")
        } else {
            None
        }
    }
}

impl Round {
    pub fn is_open(&self) -> bool {
        self.state == RoundState::Open
    }

    pub fn status(&self, voter: &str) -> VoterStatus {
        match self.ballots.get(voter) {
            None => VoterStatus::NotVoted,
            Some(Ballot::Abstain) => VoterStatus::Abstained,
            Some(Ballot::Severity(_)) => VoterStatus::Voted,
            Some(Ballot::Scores(s)) if Dimension::ALL.iter().all(|d| s.get(*d).is_some()) => {
                VoterStatus::Voted
            }
            Some(Ballot::Scores(_)) => VoterStatus::Partial,
        }
    }

    /// How many voters are done (voted or abstained), out of how many.
    pub fn progress(&self) -> (usize, usize) {
        let done = self
            .voters
            .iter()
            .filter(|v| matches!(self.status(v), VoterStatus::Voted | VoterStatus::Abstained))
            .count();
        (done, self.voters.len())
    }

    /// A voter's value: the severity, or one dimension of their scores.
    pub fn value(&self, voter: &str, dimension: Option<Dimension>) -> Option<u8> {
        match (self.ballots.get(voter)?, dimension) {
            (Ballot::Severity(v), None) => Some(*v),
            (Ballot::Scores(s), Some(d)) => s.get(d),
            _ => None,
        }
    }

    /// The values, median, spread and extremes of each item, counting every value given (a
    /// half-filled ballot's too, on the dimensions it gives), which is what a reveal writes.
    /// A round's values are the room's only once revealed; the caller decides what to show.
    pub fn items(&self) -> Vec<Item> {
        let dims: Vec<Option<Dimension>> = match self.subject.dimensions() {
            [] => vec![None],
            ds => ds.iter().copied().map(Some).collect(),
        };
        dims.into_iter()
            .map(|dimension| {
                // Every value given counts, dimension by dimension: a half-filled ballot's
                // scores are in (as the revealed scores the ranking reads have them).
                let values: Vec<(ParticipantId, u8)> =
                    self.voters.iter().filter_map(|v| Some((v.clone(), self.value(v, dimension)?))).collect();
                let tally = Tally::of(values.iter().map(|(_, v)| *v));
                let (low, high) = match tally {
                    Some(t) if t.spread > 0 => {
                        let min = values.iter().map(|(_, v)| *v).min().unwrap_or(0);
                        let max = values.iter().map(|(_, v)| *v).max().unwrap_or(0);
                        let who =
                            |x: u8| values.iter().filter(|(_, v)| *v == x).map(|(p, _)| p.clone()).collect();
                        (who(min), who(max))
                    }
                    _ => (Vec::new(), Vec::new()),
                };
                Item { dimension, values, tally, low, high }
            })
            .collect()
    }

    /// The round's spread: the widest of its items' (one item for a severity).
    pub fn spread(&self) -> Option<u8> {
        self.items().iter().filter_map(|i| i.tally.map(|t| t.spread)).max()
    }

    pub fn abstained(&self) -> Vec<&ParticipantId> {
        self.voters.iter().filter(|v| self.status(v) == VoterStatus::Abstained).collect()
    }

    pub fn not_voted(&self) -> Vec<&ParticipantId> {
        self.voters
            .iter()
            .filter(|v| matches!(self.status(v), VoterStatus::NotVoted | VoterStatus::Partial))
            .collect()
    }
}

/// How one subject's rounds went: round 1 spread 4 → round 2 spread 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Convergence {
    pub subject: Subject,
    /// Per revealed round, in order: its spread and (for a severity) its median.
    pub rounds: Vec<RoundSummary>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoundSummary {
    /// 1 for the first round on the subject, 2 for the first re-vote…
    pub number: usize,
    pub spread: Option<u8>,
    /// The median of a severity round; `None` for scores (four medians) or nobody voting.
    pub median: Option<f64>,
    pub voted: usize,
    pub abstained: usize,
}

impl Convergence {
    /// Whether the last round's spread is narrower than the first's.
    pub fn converged(&self) -> Option<bool> {
        let first = self.rounds.first()?.spread?;
        let last = self.rounds.last()?.spread?;
        (self.rounds.len() > 1).then_some(last < first)
    }
}

impl Convergence {
    /// What the subject is, in words: "Activation severity", or "Scores of Guided setup".
    pub fn subject_name(&self, s: &Session) -> String {
        match &self.subject {
            Subject::Severity(c) => format!("{} severity", super::playbook::playbook().constraint(*c).name),
            Subject::Scores(id) => match s.candidate_index(id) {
                Some(i) if !s.candidates[i].title.trim().is_empty() => {
                    format!("Scores of {}", s.candidates[i].title.trim())
                }
                _ => format!("Scores of candidate {id}"),
            },
        }
    }

    /// The rounds in one line: "round 1 spread 4 (median 3) → round 2 spread 1 (median 3)".
    pub fn line(&self) -> String {
        self.rounds
            .iter()
            .map(|r| {
                let spread = r.spread.map_or("no votes".to_string(), |x| format!("spread {x}"));
                match r.median {
                    Some(m) => format!("round {} {spread} (median {})", r.number, half(m)),
                    None => format!("round {} {spread}", r.number),
                }
            })
            .collect::<Vec<_>>()
            .join(" → ")
    }
}

/// A median: "3" or "3.5".
fn half(m: f64) -> String {
    if m.fract() == 0.0 { format!("{m:.0}") } else { format!("{m:.1}") }
}

/// Every subject voted on in revealed rounds, in the order its first round was opened, with
/// each round's spread: what the report shows as the room converging.
pub fn convergence(s: &Session) -> Vec<Convergence> {
    let mut out: Vec<Convergence> = Vec::new();
    for r in s.workshop.rounds.iter().filter(|r| !r.is_open()) {
        let number = 1 + s
            .workshop
            .rounds
            .iter()
            .take_while(|x| !std::ptr::eq(*x, r))
            .filter(|x| x.subject == r.subject && !x.is_open())
            .count();
        let items = r.items();
        let summary = RoundSummary {
            number,
            spread: r.spread(),
            median: match items.as_slice() {
                [one] if one.dimension.is_none() => one.tally.map(|t| t.median),
                _ => None,
            },
            // Whoever gave a value (a half-filled ballot too).
            voted: r
                .voters
                .iter()
                .filter(|v| matches!(r.status(v), VoterStatus::Voted | VoterStatus::Partial))
                .count(),
            abstained: r.abstained().len(),
        };
        match out.iter_mut().find(|c| c.subject == r.subject) {
            Some(c) => c.rounds.push(summary),
            None => out.push(Convergence { subject: r.subject.clone(), rounds: vec![summary] }),
        }
    }
    out
}

impl Session {
    /// Indices of the rounds on `subject`, oldest first.
    pub fn rounds_on(&self, subject: &Subject) -> Vec<usize> {
        self.workshop
            .rounds
            .iter()
            .enumerate()
            .filter(|(_, r)| &r.subject == subject)
            .map(|(i, _)| i)
            .collect()
    }

    /// The latest round on `subject`, open or revealed.
    pub fn latest_round(&self, subject: &Subject) -> Option<usize> {
        self.rounds_on(subject).last().copied()
    }

    /// The open round on `subject`, if any.
    pub fn open_round_on(&self, subject: &Subject) -> Option<usize> {
        self.latest_round(subject).filter(|&i| self.workshop.rounds[i].is_open())
    }

    /// Opens a round on `subject` for every participant, at `now`. When an earlier round on
    /// it was revealed this is a re-vote: the earlier rounds stay, and the re-vote is logged
    /// with `reason`. Returns the new round's index.
    pub fn open_round(&mut self, subject: Subject, now: &str, reason: &str) -> Result<usize, RoundError> {
        if let Some(id) = subject.candidate()
            && self.candidate_index(id).is_none()
        {
            return Err(RoundError::NoCandidate(id.to_string()));
        }
        if self.open_round_on(&subject).is_some() {
            return Err(RoundError::AlreadyOpen);
        }
        let earlier = self.rounds_on(&subject).len();
        if earlier > 0 {
            self.workshop.decisions.push(LogEntry {
                at: now.to_string(),
                step: subject.step(),
                kind: EntryKind::Revote,
                text: format!("Round {} opened: {}", earlier + 1, reason.trim()),
                owner: String::new(),
                due: String::new(),
            });
        }
        self.workshop.rounds.push(Round {
            subject,
            voters: self.participants.iter().map(|p| p.id.clone()).collect(),
            ballots: BTreeMap::new(),
            state: RoundState::Open,
            opened_at: now.to_string(),
            revealed_at: None,
            reason: reason.trim().to_string(),
        });
        Ok(self.workshop.rounds.len() - 1)
    }

    fn open_for(&mut self, round: usize, voter: &str) -> Result<&mut Round, RoundError> {
        let r = self.workshop.rounds.get_mut(round).ok_or(RoundError::NoRound)?;
        if !r.is_open() {
            return Err(RoundError::NotOpen);
        }
        if !r.voters.iter().any(|v| v == voter) {
            return Err(RoundError::NotAVoter(voter.to_string()));
        }
        Ok(r)
    }

    /// Casts (or replaces) `voter`'s ballot in an open round. A value outside 1–5, a ballot
    /// of the wrong kind or someone who is not a voter changes nothing.
    pub fn cast(&mut self, round: usize, voter: &str, ballot: Ballot) -> Result<(), RoundError> {
        let r = self.open_for(round, voter)?;
        match (&r.subject, &ballot) {
            (_, Ballot::Abstain) => {}
            (Subject::Severity(_), Ballot::Severity(v)) if !is_score(*v) => {
                return Err(RoundError::OutOfRange(*v));
            }
            (Subject::Severity(_), Ballot::Severity(_)) => {}
            (Subject::Scores(_), Ballot::Scores(s)) => {
                if let Some(v) = Dimension::ALL.iter().filter_map(|d| s.get(*d)).find(|v| !is_score(*v)) {
                    return Err(RoundError::OutOfRange(v));
                }
            }
            _ => return Err(RoundError::WrongKind),
        }
        r.ballots.insert(voter.to_string(), ballot);
        Ok(())
    }

    /// Gives or clears one of `voter`'s scores in an open round on a candidate's scores (an
    /// abstention becomes a ballot being filled in).
    pub fn cast_score(
        &mut self,
        round: usize,
        voter: &str,
        d: Dimension,
        v: Option<u8>,
    ) -> Result<(), RoundError> {
        let mut scores = match self.workshop.rounds.get(round).and_then(|r| r.ballots.get(voter)) {
            Some(Ballot::Scores(s)) => s.clone(),
            _ => Scores::default(),
        };
        if v.is_some_and(|v| !is_score(v)) {
            return Err(RoundError::OutOfRange(v.unwrap_or(0)));
        }
        scores.set(d, v);
        if scores.is_empty() {
            return self.withdraw(round, voter);
        }
        self.cast(round, voter, Ballot::Scores(scores))
    }

    /// Takes `voter`'s ballot back: they have not voted (which is not abstaining).
    pub fn withdraw(&mut self, round: usize, voter: &str) -> Result<(), RoundError> {
        self.open_for(round, voter)?.ballots.remove(voter);
        Ok(())
    }

    /// The facilitator's act: shows the round to the room, whoever has voted (ballots not
    /// cast stay "not voted"). A reveal changes only the values of those who cast a ballot:
    /// a vote replaces the person's severity (or their scores, with what they gave); an
    /// abstention means "no value from me this round" and removes theirs; someone who did not
    /// vote keeps the value they had (given in open voting, or in an earlier round), so
    /// switching a rated step to private rounds never erases its ratings.
    pub fn reveal(&mut self, round: usize, now: &str) -> Result<(), RoundError> {
        let r = self.workshop.rounds.get_mut(round).ok_or(RoundError::NoRound)?;
        if !r.is_open() {
            return Err(RoundError::NotOpen);
        }
        r.state = RoundState::Revealed;
        r.revealed_at = Some(now.to_string());
        let r = r.clone();
        match &r.subject {
            Subject::Severity(c) => {
                let map = &mut self.constraint_mut(*c).severity;
                for v in &r.voters {
                    match (r.status(v), r.value(v, None)) {
                        (VoterStatus::Voted, Some(x)) => map.insert(v.clone(), x),
                        (VoterStatus::Abstained, _) => map.remove(v),
                        _ => None,
                    };
                }
            }
            Subject::Scores(id) => {
                let Some(i) = self.candidate_index(id) else {
                    return Err(RoundError::NoCandidate(id.clone()));
                };
                let map = &mut self.candidates[i].scores;
                for v in &r.voters {
                    match r.ballots.get(v) {
                        Some(Ballot::Scores(s)) if !s.is_empty() => map.insert(v.clone(), s.clone()),
                        Some(Ballot::Abstain) => map.remove(v),
                        _ => None,
                    };
                }
            }
        }
        Ok(())
    }
}
