//! The edits a wizard makes to a session, as methods, so that no caller has to know how the
//! data is laid out (scores keyed by participant id, empty entries dropped, ticks by item id).
//!
//! Every edit keeps the session valid in the sense of `validate`: ids stay unique, scores stay in
//! range, and nothing points at a participant or candidate that is gone.

use std::collections::BTreeSet;

use super::followup::FollowThrough;
use super::metric::Measure;
use super::model::{
    Candidate, CheckIn, ConstraintId, Dimension, Direction, Participant, ParticipantId, Session,
};
use super::playbook::playbook;
use super::thresholds::is_score;

impl Session {
    /// An id no participant of this session uses.
    pub fn fresh_participant_id(&self) -> ParticipantId {
        fresh_id("p", self.participants.iter().map(|p| p.id.as_str()))
    }

    /// An id no candidate of this session uses.
    pub fn fresh_candidate_id(&self) -> String {
        fresh_id("c", self.candidates.iter().map(|c| c.id.as_str()))
    }

    /// Adds a participant with a blank name and a fresh id; returns their index.
    pub fn add_participant(&mut self) -> usize {
        let id = self.fresh_participant_id();
        self.participants.push(Participant { id, name: String::new() });
        self.participants.len() - 1
    }

    /// Removes a participant and every rating they gave. The last participant stays: returns
    /// whether someone was removed.
    pub fn remove_participant(&mut self, index: usize) -> bool {
        if self.participants.len() <= 1 || index >= self.participants.len() {
            return false;
        }
        let gone = self.participants.remove(index).id;
        for c in &mut self.constraints {
            c.severity.remove(&gone);
        }
        for c in &mut self.candidates {
            c.scores.remove(&gone);
        }
        self.workshop.forget_participant(&gone);
        true
    }

    /// Whether the participant gave any severity or any candidate score (removing them loses it).
    pub fn has_ratings_from(&self, index: usize) -> bool {
        let Some(p) = self.participants.get(index) else { return false };
        self.constraints.iter().any(|c| c.severity.contains_key(&p.id))
            || self.candidates.iter().any(|c| c.scores.get(&p.id).is_some_and(|s| !s.is_empty()))
    }

    /// Adds a candidate for `constraint` with a fresh id and nothing else filled in; returns its
    /// index.
    pub fn add_candidate(&mut self, constraint: ConstraintId, title: String) -> usize {
        let id = self.fresh_candidate_id();
        self.candidates.push(Candidate {
            id,
            title,
            constraint,
            scores: Default::default(),
            behavior: String::new(),
            metric: String::new(),
            risk: String::new(),
            checklist: Vec::new(),
            baseline: String::new(),
            target: String::new(),
        });
        self.candidates.len() - 1
    }

    /// Removes a candidate, and anything in the session that named it.
    pub fn remove_candidate(&mut self, index: usize) -> Option<Candidate> {
        if index >= self.candidates.len() {
            return None;
        }
        let gone = self.candidates.remove(index);
        self.measures.remove(&gone.id);
        if self.cursor.candidate.as_deref() == Some(gone.id.as_str()) {
            self.cursor.candidate = None;
        }
        if self.first_move.as_deref() == Some(gone.id.as_str()) {
            self.first_move = None;
        }
        self.workshop.forget_candidate(&gone.id);
        Some(gone)
    }

    /// Records the team's pick of the first move (`None` clears it and lets the ranking decide).
    /// An index with no candidate changes nothing. Returns whether anything changed.
    pub fn set_first_move(&mut self, candidate: Option<usize>) -> bool {
        let pick = match candidate {
            Some(i) => match self.candidates.get(i) {
                Some(c) => Some(c.id.clone()),
                None => return false,
            },
            None => None,
        };
        let changed = self.first_move != pick;
        self.first_move = pick;
        changed
    }

    /// Ticks or unticks item `item` of the engineering checklist of the candidate's constraint.
    /// Returns whether anything changed (false for an unknown candidate or item).
    pub fn toggle_check(&mut self, candidate: usize, item: usize) -> bool {
        let Some(c) = self.candidates.get_mut(candidate) else { return false };
        let Some(it) = playbook().constraint(c.constraint).checklist.get(item) else { return false };
        match c.checklist.iter().position(|x| *x == it.id) {
            Some(pos) => {
                c.checklist.remove(pos);
            }
            None => c.checklist.push(it.id.clone()),
        }
        true
    }

    /// The severity participant `participant` gave constraint `c`, if any.
    pub fn severity(&self, c: ConstraintId, participant: usize) -> Option<u8> {
        let pid = &self.participants.get(participant)?.id;
        self.constraint(c).severity.get(pid).copied()
    }

    /// Gives (`Some`) or clears (`None`) a severity. A value outside the score range, or an
    /// unknown participant, changes nothing. Returns whether anything changed.
    pub fn set_severity(&mut self, c: ConstraintId, participant: usize, v: Option<u8>) -> bool {
        let Some(pid) = self.participants.get(participant).map(|p| p.id.clone()) else { return false };
        let uncarried = v.is_none_or(is_score) && self.uncarry(c, &pid);
        let sev = &mut self.constraint_mut(c).severity;
        let changed = match v {
            Some(v) if !is_score(v) => false,
            Some(v) => sev.insert(pid, v) != Some(v),
            None => sev.remove(&pid).is_some(),
        };
        changed || uncarried
    }

    /// A severity carried from the previous cycle stops being marked once it is re-rated (or
    /// cleared). Returns whether a mark was removed.
    fn uncarry(&mut self, c: ConstraintId, pid: &str) -> bool {
        let Some(carried) = self.carried_over.as_mut() else { return false };
        let Some(set) = carried.severities.get_mut(&c) else { return false };
        let removed = set.remove(pid);
        if set.is_empty() {
            carried.severities.remove(&c);
        }
        removed
    }

    /// Whether participant `participant`'s severity for `c` was carried from the previous cycle
    /// and not re-rated since.
    pub fn is_carried(&self, c: ConstraintId, participant: usize) -> bool {
        let Some(p) = self.participants.get(participant) else { return false };
        self.carried_over.as_ref().and_then(|k| k.severities.get(&c)).is_some_and(|set| set.contains(&p.id))
    }

    /// Records the decision on candidate `candidate` (an id) on `date` (YYYY-MM-DD): the
    /// follow-through starts. A session already decided, or an unknown candidate, changes
    /// nothing. Returns whether it was recorded.
    pub fn decide(&mut self, candidate: &str, date: String) -> bool {
        if self.follow_through.is_some() || self.candidate_index(candidate).is_none() {
            return false;
        }
        self.follow_through = Some(FollowThrough {
            decided_on: date,
            candidate: candidate.to_string(),
            prediction: String::new(),
            confidence: None,
            outcome: None,
        });
        true
    }

    /// Adds a check-in on `date`; returns its index.
    pub fn add_check_in(&mut self, date: String) -> usize {
        self.check_ins.push(CheckIn {
            date,
            label: String::new(),
            metric_value: String::new(),
            adoption: String::new(),
            quality: String::new(),
            speed: String::new(),
            support_load: String::new(),
            technical_health: String::new(),
            decision: None,
        });
        self.check_ins.len() - 1
    }

    /// Removes check-in `index`; returns whether there was one.
    pub fn remove_check_in(&mut self, index: usize) -> bool {
        if index >= self.check_ins.len() {
            return false;
        }
        self.check_ins.remove(index);
        true
    }

    /// Reads candidate `index`'s baseline and target as numbers again after an edit, keeping
    /// the direction the team chose; drops the numbers when the texts no longer read as such.
    ///
    /// A direction that is only what the old numbers implied is read again from the new ones:
    /// the target is typed a key at a time, and "1" on the way to "12" over a baseline of 8
    /// must not leave the metric going down.
    pub fn sync_measure(&mut self, index: usize) {
        let Some(c) = self.candidates.get(index) else { return };
        let keep = self.measures.get(&c.id).filter(|m| m.direction_chosen()).map(|m| m.direction);
        match Measure::read(&c.baseline, &c.target, keep) {
            Some(m) => self.measures.insert(c.id.clone(), m),
            None => self.measures.remove(&c.id),
        };
    }

    /// Sets the direction of a candidate's measure, if it has one. Returns whether it changed.
    pub fn set_direction(&mut self, candidate: &str, d: Direction) -> bool {
        match self.measures.get_mut(candidate) {
            Some(m) if m.direction != d => {
                m.direction = d;
                true
            }
            Some(_) | None => false,
        }
    }

    /// The score participant `participant` gave candidate `candidate` on dimension `d`, if any.
    pub fn score(&self, candidate: usize, participant: usize, d: Dimension) -> Option<u8> {
        let pid = &self.participants.get(participant)?.id;
        self.candidates.get(candidate)?.scores.get(pid)?.get(d)
    }

    /// Gives (`Some`) or clears (`None`) a score; a participant left with no score on a candidate
    /// loses their entry. A value outside the score range, or an unknown participant or
    /// candidate, changes nothing. Returns whether anything changed.
    pub fn set_score(&mut self, candidate: usize, participant: usize, d: Dimension, v: Option<u8>) -> bool {
        if v.is_some_and(|v| !is_score(v)) {
            return false;
        }
        let Some(pid) = self.participants.get(participant).map(|p| p.id.clone()) else { return false };
        let Some(c) = self.candidates.get_mut(candidate) else { return false };
        let entry = c.scores.entry(pid.clone()).or_default();
        let changed = entry.get(d) != v;
        entry.set(d, v);
        if entry.is_empty() {
            c.scores.remove(&pid);
        }
        changed
    }
}

/// `prefix` followed by a number, unused among `taken`: one more than the highest number in use
/// (so ids read p1, p2, p3 …), or, when that number would not fit, the smallest free one. Never
/// an id in `taken`, whatever it holds.
fn fresh_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let taken: BTreeSet<&str> = taken.collect();
    let highest =
        taken.iter().filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok()).max().unwrap_or(0);
    if let Some(next) = highest.checked_add(1) {
        let id = format!("{prefix}{next}");
        if !taken.contains(id.as_str()) {
            return id;
        }
    }
    // Among taken.len() + 1 numbers at least one is free.
    (1..=taken.len() as u64 + 1)
        .map(|n| format!("{prefix}{n}"))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_else(|| unreachable!("{} ids cannot fill {} numbers", taken.len(), taken.len() + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::method::model::{ConstraintId::*, Dimension::*, Scores};
    use crate::method::validate::validate;

    fn session(ids: &[&str]) -> Session {
        let mut s = Session::new("t".into(), "Test".into(), "2026-01-01T00:00:00Z".into());
        s.participants = ids.iter().map(|id| Participant { id: (*id).into(), name: String::new() }).collect();
        s
    }

    /// Adds `n` participants and `n` candidates; every id must be new and the session still valid.
    fn add_many(s: &mut Session, n: usize) {
        for _ in 0..n {
            let before: Vec<String> = s.participants.iter().map(|p| p.id.clone()).collect();
            let i = s.add_participant();
            assert!(!before.contains(&s.participants[i].id), "{} reused", s.participants[i].id);
            let before: Vec<String> = s.candidates.iter().map(|c| c.id.clone()).collect();
            let i = s.add_candidate(Activation, String::new());
            assert!(!before.contains(&s.candidates[i].id), "{} reused", s.candidates[i].id);
        }
        validate(s).expect("ids stay unique");
    }

    #[test]
    fn fresh_ids_count_up() {
        let mut s = session(&["p1", "p3"]);
        assert_eq!(s.fresh_participant_id(), "p4");
        assert_eq!(s.fresh_candidate_id(), "c1");
        let i = s.add_participant();
        assert_eq!((i, s.participants[i].id.as_str(), s.participants[i].name.as_str()), (2, "p4", ""));
    }

    #[test]
    fn fresh_ids_never_wrap() {
        let mut s = session(&["p4294967295"]);
        assert_eq!(s.fresh_participant_id(), "p4294967296");
        add_many(&mut s, 3);

        let mut s = session(&["p18446744073709551615"]);
        assert_eq!(s.fresh_participant_id(), "p1");
        add_many(&mut s, 3);
        let mut s = session(&["p18446744073709551615", "p1", "p2"]);
        assert_eq!(s.fresh_participant_id(), "p3");
        add_many(&mut s, 3);
        // Past u64 is not a number to us, and still never handed out again.
        let mut s = session(&["p18446744073709551616", "p99999999999999999999999"]);
        add_many(&mut s, 3);

        for c in ["c18446744073709551615", "c4294967295"] {
            let mut s = session(&["p1"]);
            s.add_candidate(Activation, "x".into());
            s.candidates[0].id = c.into();
            add_many(&mut s, 3);
        }
    }

    #[test]
    fn fresh_ids_ignore_ids_that_are_not_numbered() {
        let s = session(&["alice", "p", "px", "p-1", "P7", "p 2", "p+3", "p03"]);
        let id = s.fresh_participant_id();
        assert_eq!(id, "p4", "p+3 and p03 read as 3");
        let mut s = session(&["alice", "bob", "p1x"]);
        assert_eq!(s.fresh_participant_id(), "p1");
        add_many(&mut s, 3);
    }

    #[test]
    fn the_last_participant_stays() {
        let mut s = session(&["p1", "p2"]);
        assert!(!s.remove_participant(2), "no such participant");
        assert!(s.remove_participant(0));
        assert!(!s.remove_participant(0), "the last one stays");
        assert_eq!(s.participants.len(), 1);
        assert_eq!(s.participants[0].id, "p2");
    }

    #[test]
    fn removing_a_participant_removes_their_ratings() {
        let mut s = session(&["p1", "p2"]);
        let c = s.add_candidate(Reliability, "Alerts".into());
        assert!(!s.has_ratings_from(0) && !s.has_ratings_from(1) && !s.has_ratings_from(7));
        s.set_severity(Reliability, 1, Some(4));
        assert!(s.has_ratings_from(1) && !s.has_ratings_from(0));
        s.set_score(c, 0, Timing, Some(2));
        assert!(s.has_ratings_from(0));
        // An empty entry (as a hand-edited file may have) is not a rating.
        s.candidates[c].scores.insert("p1".into(), Scores::default());
        s.set_score(c, 0, Timing, None);
        s.candidates[c].scores.insert("p1".into(), Scores::default());
        assert!(!s.has_ratings_from(0));

        s.set_score(c, 1, Impact, Some(5));
        assert!(s.remove_participant(1));
        assert_eq!(s.constraint(Reliability).severity.len(), 0);
        assert!(!s.candidates[c].scores.contains_key("p2"));
        assert_eq!(s.severity(Reliability, 1), None, "index 1 is gone");
    }

    #[test]
    fn severity_round_trips_and_rejects_out_of_range() {
        let mut s = session(&["p1", "p2"]);
        assert_eq!(s.severity(Operations, 1), None);
        assert!(s.set_severity(Operations, 1, Some(3)));
        assert!(!s.set_severity(Operations, 1, Some(3)), "same value: no change");
        assert_eq!(s.severity(Operations, 1), Some(3));
        assert_eq!(s.constraint(Operations).severity.get("p2"), Some(&3));
        assert!(!s.set_severity(Operations, 1, Some(0)));
        assert!(!s.set_severity(Operations, 1, Some(6)));
        assert!(!s.set_severity(Operations, 5, Some(3)), "no such participant");
        assert_eq!(s.severity(Operations, 1), Some(3));
        assert!(s.set_severity(Operations, 1, None));
        assert!(!s.set_severity(Operations, 1, None));
        assert!(s.constraint(Operations).severity.is_empty());
    }

    #[test]
    fn scores_round_trip_and_empty_entries_go() {
        let mut s = session(&["p1", "p2"]);
        let c = s.add_candidate(Adoption, "Prompts".into());
        assert!(s.set_score(c, 1, Evidence, Some(4)));
        assert!(s.set_score(c, 1, Impact, Some(2)));
        assert!(!s.set_score(c, 1, Impact, Some(2)));
        assert_eq!(
            (s.score(c, 1, Evidence), s.score(c, 1, Impact), s.score(c, 0, Impact)),
            (Some(4), Some(2), None)
        );
        assert!(!s.set_score(c, 1, Impact, Some(9)));
        assert!(!s.set_score(c, 3, Impact, Some(1)), "no such participant");
        assert!(!s.set_score(c + 1, 1, Impact, Some(1)), "no such candidate");
        assert!(s.set_score(c, 1, Evidence, None));
        assert!(s.candidates[c].scores.contains_key("p2"));
        assert!(s.set_score(c, 1, Impact, None));
        assert!(s.candidates[c].scores.is_empty(), "an entry with no score left is removed");
        assert!(!s.set_score(c, 0, Timing, None));
        assert!(s.candidates[c].scores.is_empty(), "clearing nothing adds no entry");
    }

    #[test]
    fn candidates_are_added_blank_and_removed_with_what_named_them() {
        let mut s = session(&["p1"]);
        let a = s.add_candidate(Throughput, "Split the module".into());
        let b = s.add_candidate(Throughput, String::new());
        assert_eq!((a, b), (0, 1));
        let c = &s.candidates[a];
        assert_eq!((c.id.as_str(), c.title.as_str(), c.constraint), ("c1", "Split the module", Throughput));
        assert!(c.scores.is_empty() && c.behavior.is_empty() && c.checklist.is_empty());
        s.cursor.candidate = Some("c2".into());
        assert_eq!(s.remove_candidate(5), None);
        assert_eq!(s.remove_candidate(b).map(|c| c.id), Some("c2".into()));
        assert_eq!(s.cursor.candidate, None, "the cursor no longer names a deleted candidate");
        validate(&mut s).unwrap();
        s.cursor.candidate = Some("c1".into());
        let i = s.add_candidate(Throughput, String::new());
        assert_eq!(s.candidates[i].id, "c2", "the highest id is gone, so c2 is free again");
        s.remove_candidate(i);
        assert_eq!(s.cursor.candidate.as_deref(), Some("c1"), "other candidates keep the cursor");
    }

    #[test]
    fn the_first_move_pick_names_a_candidate_and_goes_with_it() {
        let mut s = session(&["p1"]);
        let a = s.add_candidate(Activation, "A".into());
        let b = s.add_candidate(Activation, "B".into());
        assert!(!s.set_first_move(Some(9)), "no such candidate");
        assert!(s.set_first_move(Some(b)));
        assert!(!s.set_first_move(Some(b)));
        assert_eq!(s.first_move.as_deref(), Some("c2"));
        s.remove_candidate(a);
        assert_eq!(s.first_move.as_deref(), Some("c2"), "removing another candidate keeps the pick");
        s.remove_candidate(0);
        assert_eq!(s.first_move, None, "the pick goes with its candidate");
        s.add_candidate(Activation, "C".into());
        assert!(s.set_first_move(Some(0)) && s.set_first_move(None) && s.first_move.is_none());
    }

    #[test]
    fn checklist_items_toggle_by_position_in_the_playbook() {
        let mut s = session(&["p1"]);
        let c = s.add_candidate(Reliability, String::new());
        let items = &playbook().constraint(Reliability).checklist;
        assert!(s.toggle_check(c, 1));
        assert_eq!(s.candidates[c].checklist, [items[1].id.clone()]);
        assert!(s.toggle_check(c, 0));
        assert!(s.toggle_check(c, 1));
        assert_eq!(s.candidates[c].checklist, [items[0].id.clone()]);
        assert!(!s.toggle_check(c, items.len()), "no such item");
        assert!(!s.toggle_check(c + 1, 0), "no such candidate");
        validate(&mut s).unwrap();
    }
}
