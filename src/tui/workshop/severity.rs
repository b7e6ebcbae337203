//! Private rounds on a constraint's severity: the ballot fields' reader and writer, the
//! round's fields and its button.

use super::rounds;
use crate::method::rounds::{Ballot, Round, Subject, VoterStatus};
use crate::method::{ConstraintId, Session};
use crate::tui::app::Wizard;
use crate::tui::field::Field;

pub(super) fn severity(c: ConstraintId) -> Subject {
    Subject::Severity(c)
}

pub(super) fn open_round(s: &Session, c: ConstraintId) -> Option<&Round> {
    s.open_round_on(&severity(c)).map(|i| &s.workshop.rounds[i])
}

/// A ballot's value in the open round on `c` (the field's reader).
pub fn ballot(s: &Session, c: ConstraintId, person: usize) -> Option<u8> {
    let pid = &s.participants.get(person)?.id;
    open_round(s, c)?.value(pid, None)
}

/// Casts (`Some`) or withdraws (`None`) a ballot in the open round on `c` (the field's writer).
pub fn set_ballot(s: &mut Session, c: ConstraintId, person: usize, v: Option<u8>) {
    let Some(pid) = s.participants.get(person).map(|p| p.id.clone()) else { return };
    let Some(r) = s.open_round_on(&severity(c)) else { return };
    // A refused ballot (out of range, not a voter) changes nothing, which is what it should do.
    let _ = match v {
        Some(v) => s.cast(r, &pid, Ballot::Severity(v)),
        None => s.withdraw(r, &pid),
    };
}

pub(super) fn voter_status(s: &Session, c: ConstraintId, person: usize) -> Option<VoterStatus> {
    let pid = &s.participants.get(person)?.id;
    Some(open_round(s, c)?.status(pid))
}

/// The round button's words: what Enter does now.
pub fn round_button(s: &Session, c: ConstraintId) -> String {
    rounds::button(s, &severity(c), "→ Open a private round")
}

/// A constraint step's voting fields in private mode: the open round's ballots (one per
/// voter who is still a participant), then the round button.
pub fn round_fields(s: &Session, c: ConstraintId) -> Vec<Field> {
    let mut v = Vec::new();
    if let Some(r) = open_round(s, c) {
        for (person, p) in s.participants.iter().enumerate() {
            if r.voters.contains(&p.id) {
                v.push(Field::Ballot { constraint: c, person });
            }
        }
    }
    v.push(Field::RoundAct { constraint: c });
    v
}

/// A digit on a ballot: casts it (or replaces the vote) and passes the laptop on: the focus
/// goes to the next voter's row, and after the last one to the reveal button, so a cast
/// ballot never stays under the cursor.
pub fn vote(w: &mut Wizard, c: ConstraintId, person: usize, v: u8) {
    set_ballot(&mut w.session, c, person, Some(v));
    w.touch();
    if let Some(i) = w.focus
        && i + 1 < w.fields().len()
    {
        w.focus = Some(i + 1);
    }
}

/// Enter on the round button: open the first round, reveal the open one, or re-vote. Either
/// way the focus goes to the first field: the first ballot, or the re-vote button.
pub fn round_act(w: &mut Wizard, c: ConstraintId) {
    rounds::advance(w, severity(c));
    w.focus = Some(0);
}

/// Ctrl+A on a ballot: abstain, or take the abstention back; an abstention passes the laptop on.
pub(super) fn abstain_ballot(w: &mut Wizard, constraint: ConstraintId, person: usize) {
    let Some(pid) = w.session.participants.get(person).map(|p| p.id.clone()) else { return };
    let Some(r) = w.session.open_round_on(&severity(constraint)) else { return };
    if voter_status(&w.session, constraint, person) == Some(VoterStatus::Abstained) {
        let _ = w.session.withdraw(r, &pid);
    } else {
        let _ = w.session.cast(r, &pid, Ballot::Abstain);
        if let Some(i) = w.focus
            && matches!(w.fields().get(i + 1), Some(Field::Ballot { .. }))
        {
            w.focus = Some(i + 1);
        }
    }
    w.touch();
}
