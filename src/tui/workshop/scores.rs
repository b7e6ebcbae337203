//! Private rounds on a candidate's four scores: the score grid's cells read and write the
//! person's ballot while a round is open, and every row but the one being entered is masked.

use super::rounds;
use crate::method::rounds::{Ballot, Subject, VoterStatus};
use crate::method::{Dimension, Session, Step};
use crate::tui::app::Wizard;
use crate::tui::field::Field;

pub(super) fn scores(s: &Session, i: usize) -> Option<Subject> {
    s.candidates.get(i).map(|c| Subject::Scores(c.id.clone()))
}

/// The open private round on candidate `i`'s scores, if the candidates step votes privately.
pub(super) fn open_scores_round(s: &Session, i: usize) -> Option<usize> {
    if !s.workshop.is_private(Step::Candidates) {
        return None;
    }
    s.open_round_on(&scores(s, i)?)
}

/// A score cell's value while a private round is open on the candidate (the person's
/// ballot); `None` when the grid shows the session's scores.
pub fn score_cell(s: &Session, i: usize, person: usize, d: Dimension) -> Option<Option<u8>> {
    let r = &s.workshop.rounds[open_scores_round(s, i)?];
    let pid = &s.participants.get(person)?.id;
    Some(r.value(pid, Some(d)))
}

/// Writes a score cell into the person's ballot when a private round is open on the
/// candidate; returns whether it did (otherwise the session's scores take it).
pub fn set_score_cell(s: &mut Session, i: usize, person: usize, d: Dimension, v: Option<u8>) -> bool {
    let Some(r) = open_scores_round(s, i) else { return false };
    if let Some(pid) = s.participants.get(person).map(|p| p.id.clone()) {
        let _ = s.cast_score(r, &pid, d, v);
    }
    true
}

pub fn scores_round_open(w: &Wizard, i: usize) -> bool {
    open_scores_round(&w.session, i).is_some()
}

/// What a cell shows instead of its value while a round is open and another person's row
/// has the focus: whether there is a score, never which.
pub fn hidden_cell(w: &Wizard, i: usize, person: usize, d: Dimension) -> Option<&'static str> {
    let s = &w.session;
    let r = &s.workshop.rounds[open_scores_round(s, i)?];
    let pid = &s.participants.get(person)?.id;
    if matches!(w.focused(), Some(Field::Score { person: p, .. }) if p == person)
        && !w.remote_voters.contains(pid)
    {
        return None;
    }
    Some(match (r.status(pid), r.value(pid, Some(d))) {
        (VoterStatus::Abstained, _) => "–",
        (_, Some(_)) => "●",
        (_, None) => "·",
    })
}

/// The candidate's round button: open, reveal, re-vote.
pub fn scores_button(s: &Session, i: usize) -> String {
    scores(s, i).map_or(String::new(), |subject| {
        rounds::button(s, &subject, "→ Open a private round on these scores")
    })
}

/// The candidate editor's round button, when the candidates step votes privately.
pub fn scores_fields(s: &Session, i: usize) -> Vec<Field> {
    if s.workshop.is_private(Step::Candidates) {
        vec![Field::ScoresRound { candidate: i }]
    } else {
        Vec::new()
    }
}

/// Enter on the candidate's round button; a new round puts the focus on the first score.
pub fn scores_round_act(w: &mut Wizard, i: usize) {
    let Some(subject) = scores(&w.session, i) else { return };
    if rounds::advance(w, subject)
        && let Some(k) = w.fields().iter().position(|f| matches!(f, Field::Score { .. }))
    {
        w.focus = Some(k);
    }
}

/// Ctrl+A in a candidate's grid during a private round: the person abstains on the whole
/// ballot (or takes it back), and the next person's row gets the focus.
pub(super) fn abstain_scores(w: &mut Wizard, i: usize, person: usize) {
    let Some(r) = open_scores_round(&w.session, i) else { return };
    let Some(pid) = w.session.participants.get(person).map(|p| p.id.clone()) else { return };
    if w.session.workshop.rounds[r].status(&pid) == VoterStatus::Abstained {
        let _ = w.session.withdraw(r, &pid);
    } else {
        let _ = w.session.cast(r, &pid, Ballot::Abstain);
        let next = Field::Score { candidate: i, person: person + 1, dimension: Dimension::Impact };
        if let Some(k) = w.fields().iter().position(|f| *f == next) {
            w.focus = Some(k);
        }
    }
    w.touch();
}
