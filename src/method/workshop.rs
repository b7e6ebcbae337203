//! Workshop mode's data in a session: which steps vote in private rounds, the rounds
//! themselves (`rounds.rs`), the timebox (`timebox.rs`) and the decisions log
//! (`decisions.rs`). All of it is optional in the file: a session that never used workshop
//! mode has no `workshop` object at all, and files from before it load unchanged.

use serde::{Deserialize, Serialize};

use super::decisions::LogEntry;
use super::ids::Step;
use super::rounds::Round;
use super::timebox::Timebox;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workshop {
    /// Steps whose votes are collected as private rounds; every other step votes in the open.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_steps: Vec<Step>,
    /// Every round, in the order they were opened; a re-vote is a later round on the same
    /// subject, so the earlier ones stay.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
    #[serde(default, skip_serializing_if = "Timebox::is_empty")]
    pub timebox: Timebox,
    /// Decisions and action items, and what firstmove logs by itself (a re-vote, an override
    /// of the suggested primary constraint), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<LogEntry>,
}

impl Workshop {
    pub fn is_empty(&self) -> bool {
        *self == Workshop::default()
    }

    /// Whether `step` collects its votes as private rounds.
    pub fn is_private(&self, step: Step) -> bool {
        self.private_steps.contains(&step)
    }

    /// Switches private rounds on or off for `step`; returns whether anything changed.
    pub fn set_private(&mut self, step: Step, private: bool) -> bool {
        match (self.is_private(step), private) {
            (false, true) => {
                self.private_steps.push(step);
                self.private_steps.sort();
                true
            }
            (true, false) => {
                self.private_steps.retain(|s| *s != step);
                true
            }
            _ => false,
        }
    }

    /// A participant left the session: their ballots and their place among the voters go,
    /// as their ratings do.
    pub fn forget_participant(&mut self, id: &str) {
        for r in &mut self.rounds {
            r.voters.retain(|v| v != id);
            r.ballots.remove(id);
        }
    }

    /// A candidate was deleted: the rounds on its scores go with it.
    pub fn forget_candidate(&mut self, id: &str) {
        self.rounds.retain(|r| r.subject.candidate() != Some(id));
    }
}

/// Checks what the types do not: voters and ballots name participants, each ballot is of
/// its round's kind with scores 1–5, a round on scores names a candidate, one open round per
/// subject, and times are RFC 3339.
pub fn validate(s: &super::model::Session) -> Result<(), super::validate::Invalid> {
    use super::rounds::{Ballot, Subject};
    use super::thresholds::is_score;
    let bad = |field: String, message: String| Err(super::validate::Invalid { field, message });
    let time = |field: String, v: &str| match humantime::parse_rfc3339(v) {
        Ok(_) => Ok(()),
        Err(_) => bad(field, format!("{v:?} is not an RFC 3339 UTC time such as 2026-01-31T09:30:00Z")),
    };
    let known = |id: &str| s.participants.iter().any(|p| p.id == id);
    for (i, r) in s.workshop.rounds.iter().enumerate() {
        let at = |rest: &str| format!("workshop.rounds[{i}]{rest}");
        time(at(".opened_at"), &r.opened_at)?;
        if let Some(t) = &r.revealed_at {
            time(at(".revealed_at"), t)?;
        }
        if let Some(id) = r.subject.candidate()
            && s.candidate_index(id).is_none()
        {
            return bad(at(".subject"), format!("{id:?} is not a candidate of this session"));
        }
        if r.is_open() && s.workshop.rounds[i + 1..].iter().any(|later| later.subject == r.subject) {
            return bad(at(".state"), "an open round cannot have a later round on the same subject".into());
        }
        for v in &r.voters {
            if !known(v) {
                return bad(at(".voters"), format!("{v:?} is not a participant of this session"));
            }
        }
        for (pid, b) in &r.ballots {
            let field = at(&format!(".ballots.{pid}"));
            if !r.voters.contains(pid) {
                return bad(field, format!("{pid:?} is not a voter of this round"));
            }
            let values: Vec<u8> = match (&r.subject, b) {
                (_, Ballot::Abstain) => Vec::new(),
                (Subject::Severity(_), Ballot::Severity(v)) => vec![*v],
                (Subject::Scores(_), Ballot::Scores(sc)) => {
                    super::ids::Dimension::ALL.iter().filter_map(|d| sc.get(*d)).collect()
                }
                _ => return bad(field, "is not a ballot for what the round is about".into()),
            };
            if let Some(v) = values.into_iter().find(|v| !is_score(*v)) {
                return bad(field, format!("{v} is not a score from 1 to 5"));
            }
        }
    }
    for (i, e) in s.workshop.decisions.iter().enumerate() {
        time(format!("workshop.decisions[{i}].at"), &e.at)?;
    }
    Ok(())
}
