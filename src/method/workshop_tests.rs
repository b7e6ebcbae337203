//! Workshop mode: rounds (hidden ballots, reveal, abstain, re-vote history, convergence), the
//! timebox with a fake clock, the decisions log, and files with and without it.

use proptest::prelude::*;

use super::decisions::{EntryKind, decisions, primary_override};
use super::model::*;
use super::recommend::recommend;
use super::rounds::*;
use super::timebox::{MAX_GAP, Meter, Timebox, clock, default_minutes, time_per_step};
use super::validate::validate;

const T0: &str = "2026-01-12T09:00:00Z";
const T1: &str = "2026-01-12T09:10:00Z";

fn room(n: usize) -> Session {
    let mut s = Session::new("t".into(), "Test".into(), T0.into());
    s.participants = (1..=n).map(|i| Participant { id: format!("p{i}"), name: format!("P{i}") }).collect();
    s.gate.traction = Some(Traction::Yes);
    s.gate.ai_question = Some(false);
    for f in [FilterId::Revenue, FilterId::Retention, FilterId::Trust] {
        s.filter_mut(f).clarity = Clarity::Clear;
    }
    s
}

const ACT: Subject = Subject::Severity(ConstraintId::Activation);

#[test]
fn abstain_is_not_the_same_as_not_voted() {
    let mut s = room(3);
    let r = s.open_round(ACT, T0, "").unwrap();
    s.cast(r, "p1", Ballot::Severity(4)).unwrap();
    s.cast(r, "p2", Ballot::Abstain).unwrap();
    let round = &s.workshop.rounds[r];
    assert_eq!(round.status("p1"), VoterStatus::Voted);
    assert_eq!(round.status("p2"), VoterStatus::Abstained);
    assert_eq!(round.status("p3"), VoterStatus::NotVoted);
    assert_eq!(round.progress(), (2, 3), "an abstention counts as done, a missing ballot does not");
    assert_eq!(round.abstained(), vec!["p2"]);
    assert_eq!(round.not_voted(), vec!["p3"]);
    // Withdrawing an abstention makes it "not voted" again.
    s.withdraw(r, "p2").unwrap();
    assert_eq!(s.workshop.rounds[r].status("p2"), VoterStatus::NotVoted);
}

#[test]
fn a_ballot_is_one_participants_and_only_while_the_round_is_open() {
    let mut s = room(2);
    let r = s.open_round(ACT, T0, "").unwrap();
    assert_eq!(s.cast(r, "p9", Ballot::Severity(3)), Err(RoundError::NotAVoter("p9".into())));
    assert_eq!(s.cast(r, "p1", Ballot::Severity(6)), Err(RoundError::OutOfRange(6)));
    assert_eq!(s.cast(r, "p1", Ballot::Scores(Scores::default())), Err(RoundError::WrongKind));
    assert_eq!(s.open_round(ACT, T0, ""), Err(RoundError::AlreadyOpen));
    s.cast(r, "p1", Ballot::Severity(3)).unwrap();
    s.cast(r, "p1", Ballot::Severity(2)).unwrap();
    assert_eq!(s.workshop.rounds[r].value("p1", None), Some(2), "a ballot can be changed until the reveal");
    s.reveal(r, T1).unwrap();
    assert_eq!(s.cast(r, "p2", Ballot::Severity(3)), Err(RoundError::NotOpen));
    assert_eq!(s.reveal(r, T1), Err(RoundError::NotOpen));
    assert_eq!(s.cast(7, "p1", Ballot::Abstain), Err(RoundError::NoRound));
}

#[test]
fn hidden_ballots_do_not_reach_the_ranking_until_revealed() {
    let mut s = room(3);
    s.constraint_mut(ConstraintId::Reliability).severity = [("p1".into(), 3)].into_iter().collect();
    let before = recommend(&s);
    let r = s.open_round(ACT, T0, "").unwrap();
    for (p, v) in [("p1", 5), ("p2", 5), ("p3", 4)] {
        s.cast(r, p, Ballot::Severity(v)).unwrap();
    }
    assert_eq!(recommend(&s), before, "an open round changes nothing the rules read");
    assert!(s.constraint(ConstraintId::Activation).severity.is_empty());
    s.reveal(r, T1).unwrap();
    let sev = &s.constraint(ConstraintId::Activation).severity;
    assert_eq!(sev.values().copied().collect::<Vec<_>>(), vec![5, 5, 4]);
    assert_eq!(recommend(&s).primary.map(|p| p.constraint), Some(ConstraintId::Activation));
}

#[test]
fn reveal_gives_median_spread_and_who_sits_at_each_extreme() {
    let mut s = room(4);
    let r = s.open_round(ACT, T0, "").unwrap();
    for (p, v) in [("p1", 1), ("p2", 5), ("p3", 3)] {
        s.cast(r, p, Ballot::Severity(v)).unwrap();
    }
    s.cast(r, "p4", Ballot::Abstain).unwrap();
    s.reveal(r, T1).unwrap();
    let items = s.workshop.rounds[r].items();
    assert_eq!(items.len(), 1);
    let t = items[0].tally.unwrap();
    assert_eq!((t.median, t.spread, t.count), (3.0, 4, 3), "the abstention is not a value");
    assert_eq!(items[0].low, vec!["p1"]);
    assert_eq!(items[0].high, vec!["p2"]);
    // An abstention is "no value from me this round": the abstainer's rating goes.
    assert!(!s.constraint(ConstraintId::Activation).severity.contains_key("p4"));
}

#[test]
fn a_forced_reveal_leaves_the_missing_as_not_voted() {
    let mut s = room(3);
    s.constraint_mut(ConstraintId::Activation).severity = [("p3".into(), 2)].into_iter().collect();
    let r = s.open_round(ACT, T0, "").unwrap();
    s.cast(r, "p1", Ballot::Severity(4)).unwrap();
    s.reveal(r, T1).unwrap();
    assert_eq!(s.workshop.rounds[r].not_voted(), vec!["p2", "p3"]);
    let sev = &s.constraint(ConstraintId::Activation).severity;
    let sev: Vec<(&str, u8)> = sev.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(sev, vec![("p1", 4), ("p3", 2)], "p3 did not vote: she keeps her rating");
}

#[test]
fn a_reveal_with_nobody_voting_keeps_every_rating() {
    // Reliability rated 2/4/2 in the open, then switched to a private round revealed at once.
    let mut s = room(3);
    let rated: std::collections::BTreeMap<String, u8> =
        [("p1".into(), 2), ("p2".into(), 4), ("p3".into(), 2)].into_iter().collect();
    s.constraint_mut(ConstraintId::Reliability).severity = rated.clone();
    let r = s.open_round(Subject::Severity(ConstraintId::Reliability), T0, "").unwrap();
    s.reveal(r, T1).unwrap();
    assert_eq!(s.constraint(ConstraintId::Reliability).severity, rated);
}

#[test]
fn a_partial_reveal_replaces_only_the_voters_and_an_abstention_removes_its_value() {
    // Adoption 3/2/3; Maya votes 1, Tomás abstains, Priya does not vote.
    let mut s = room(3);
    s.constraint_mut(ConstraintId::Adoption).severity =
        [("p1".into(), 3), ("p2".into(), 2), ("p3".into(), 3)].into_iter().collect();
    let r = s.open_round(Subject::Severity(ConstraintId::Adoption), T0, "").unwrap();
    s.cast(r, "p1", Ballot::Severity(1)).unwrap();
    s.cast(r, "p2", Ballot::Abstain).unwrap();
    s.reveal(r, T1).unwrap();
    let sev = &s.constraint(ConstraintId::Adoption).severity;
    let sev: Vec<(&str, u8)> = sev.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(sev, vec![("p1", 1), ("p3", 3)]);
}

#[test]
fn a_scores_reveal_keeps_the_scores_of_those_who_did_not_vote() {
    let mut s = room(3);
    s.add_candidate(ConstraintId::Activation, "Guided setup".into());
    let four = |v| Scores { impact: Some(v), evidence: Some(v), confidence: Some(v), timing: Some(v) };
    for (p, v) in [("p1", 3), ("p2", 4), ("p3", 5)] {
        s.candidates[0].scores.insert(p.into(), four(v));
    }
    let r = s.open_round(Subject::Scores(s.candidates[0].id.clone()), T0, "").unwrap();
    s.cast(r, "p1", Ballot::Scores(four(1))).unwrap();
    s.cast(r, "p2", Ballot::Abstain).unwrap();
    s.reveal(r, T1).unwrap();
    let sc = &s.candidates[0].scores;
    assert_eq!((sc["p1"].impact, sc.contains_key("p2"), sc["p3"].impact), (Some(1), false, Some(5)));
}

#[test]
fn a_revote_keeps_the_earlier_rounds_logs_its_reason_and_converges() {
    let mut s = room(3);
    let r1 = s.open_round(ACT, T0, "").unwrap();
    for (p, v) in [("p1", 1), ("p2", 5), ("p3", 3)] {
        s.cast(r1, p, Ballot::Severity(v)).unwrap();
    }
    s.reveal(r1, T0).unwrap();
    assert!(decisions(&s).is_empty(), "a first round is not a re-vote");
    let r2 = s.open_round(ACT, T1, "spread 4: P1 and P2 explain").unwrap();
    assert_ne!(r1, r2);
    assert_eq!(s.rounds_on(&ACT), vec![r1, r2]);
    // The earlier round's values are still the session's until the re-vote is revealed.
    assert_eq!(s.constraint(ConstraintId::Activation).severity.len(), 3);
    for (p, v) in [("p1", 3), ("p2", 4), ("p3", 3)] {
        s.cast(r2, p, Ballot::Severity(v)).unwrap();
    }
    s.reveal(r2, T1).unwrap();
    assert_eq!(s.workshop.rounds[r1].spread(), Some(4));
    assert_eq!(s.workshop.rounds[r2].spread(), Some(1));
    let log = decisions(&s);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].kind, EntryKind::Revote);
    assert_eq!(log[0].step, Step::ConstraintActivation);
    assert!(
        log[0].text.contains("Round 2") && log[0].text.contains("spread 4: P1 and P2 explain"),
        "{:?}",
        log[0]
    );
    let c = convergence(&s);
    assert_eq!(c.len(), 1);
    let spreads: Vec<_> = c[0].rounds.iter().map(|r| (r.number, r.spread, r.median)).collect();
    assert_eq!(spreads, vec![(1, Some(4), Some(3.0)), (2, Some(1), Some(3.0))]);
    assert_eq!(c[0].converged(), Some(true));
    assert_eq!(c[0].subject_name(&s), "Activation severity");
    assert_eq!(c[0].line(), "round 1 spread 4 (median 3) → round 2 spread 1 (median 3)");
}

#[test]
fn rounds_on_scores_take_four_values_and_write_the_candidate() {
    let mut s = room(2);
    s.add_candidate(ConstraintId::Activation, "Guided setup".into());
    let id = s.candidates[0].id.clone();
    let subject = Subject::Scores(id.clone());
    assert_eq!(
        s.open_round(Subject::Scores("nope".into()), T0, ""),
        Err(RoundError::NoCandidate("nope".into()))
    );
    let r = s.open_round(subject.clone(), T0, "").unwrap();
    s.cast_score(r, "p1", Dimension::Impact, Some(4)).unwrap();
    assert_eq!(s.workshop.rounds[r].status("p1"), VoterStatus::Partial);
    for d in [Dimension::Evidence, Dimension::Confidence, Dimension::Timing] {
        s.cast_score(r, "p1", d, Some(2)).unwrap();
    }
    assert_eq!(s.workshop.rounds[r].status("p1"), VoterStatus::Voted);
    s.cast(r, "p2", Ballot::Severity(3)).unwrap_err();
    for d in Dimension::ALL {
        s.cast_score(r, "p2", *d, Some(5)).unwrap();
    }
    assert!(s.candidates[0].scores.is_empty(), "hidden until revealed");
    s.reveal(r, T1).unwrap();
    assert_eq!(s.candidates[0].scores["p1"].impact, Some(4));
    assert_eq!(s.candidates[0].scores["p2"].timing, Some(5));
    let items = s.workshop.rounds[r].items();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0].tally.unwrap().spread, 1);
    assert_eq!(s.workshop.rounds[r].spread(), Some(3), "the widest dimension");
    // Clearing the last score of a ballot takes the ballot back.
    let r2 = s.open_round(subject, T1, "again").unwrap();
    s.cast_score(r2, "p1", Dimension::Impact, Some(1)).unwrap();
    s.cast_score(r2, "p1", Dimension::Impact, None).unwrap();
    assert_eq!(s.workshop.rounds[r2].status("p1"), VoterStatus::NotVoted);
    let c = convergence(&s);
    assert_eq!(c[0].subject_name(&s), "Scores of Guided setup");
    assert_eq!(c[0].line(), "round 1 spread 3", "scores have four medians: only the spread is told");
    // Deleting the candidate deletes its rounds.
    s.remove_candidate(0);
    assert!(s.workshop.rounds.is_empty());
}

#[test]
fn a_half_filled_ballot_counts_on_the_dimensions_it_gives_in_the_tally_and_the_scores() {
    // Priya scored 1, 1, 2 and left Timing empty; the reveal is forced.
    let mut s = room(3);
    s.add_candidate(ConstraintId::Activation, "Guided setup".into());
    let r = s.open_round(Subject::Scores(s.candidates[0].id.clone()), T0, "").unwrap();
    let ballot = |i, e, c, t| Scores { impact: Some(i), evidence: Some(e), confidence: Some(c), timing: t };
    s.cast(r, "p1", Ballot::Scores(ballot(3, 4, 3, Some(2)))).unwrap();
    s.cast(r, "p2", Ballot::Scores(ballot(5, 5, 5, Some(5)))).unwrap();
    s.cast(r, "p3", Ballot::Scores(ballot(1, 1, 2, None))).unwrap();
    assert_eq!(s.workshop.rounds[r].status("p3"), VoterStatus::Partial);
    s.reveal(r, T1).unwrap();
    let round = &s.workshop.rounds[r];
    let items = round.items();
    let impact = items[0].tally.unwrap();
    assert_eq!((impact.median, impact.spread, impact.count), (3.0, 4, 3), "Priya's 1 counts");
    assert_eq!(
        (items[0].low.clone(), items[0].high.clone()),
        (vec!["p3".to_string()], vec!["p2".to_string()])
    );
    assert_eq!(items[3].tally.unwrap().count, 2, "Timing: the two values given");
    assert_eq!(round.spread(), Some(4));
    // The same values the ranking reads: each dimension's tally is that of the session's scores.
    let sc = &s.candidates[0].scores;
    for (k, d) in Dimension::ALL.iter().enumerate() {
        let given = super::rules::Tally::of(sc.values().filter_map(|x| x.get(*d)));
        assert_eq!(items[k].tally, given, "{d:?}");
    }
    assert_eq!(convergence(&s)[0].rounds[0].voted, 3);
}

#[test]
fn removing_a_participant_removes_their_ballots() {
    let mut s = room(3);
    let r = s.open_round(ACT, T0, "").unwrap();
    s.cast(r, "p2", Ballot::Severity(2)).unwrap();
    assert!(s.remove_participant(1));
    assert_eq!(s.workshop.rounds[r].voters, vec!["p1", "p3"]);
    assert!(s.workshop.rounds[r].ballots.is_empty());
    validate(&mut s).unwrap();
}

#[test]
fn a_session_without_workshop_data_writes_no_workshop_object_and_loads() {
    let s = room(2);
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("workshop"), "{json}");
    let back: Session = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
}

#[test]
fn workshop_data_round_trips_and_validates() {
    let mut s = room(3);
    s.workshop.set_private(Step::ConstraintActivation, true);
    let r = s.open_round(ACT, T0, "").unwrap();
    s.cast(r, "p1", Ballot::Severity(4)).unwrap();
    s.cast(r, "p2", Ballot::Abstain).unwrap();
    s.workshop.timebox.adjust(Step::Gate, 2);
    s.workshop.timebox.spent.insert(Step::Setup, 300);
    s.record_decision(T1, Step::Setup, "Run it weekly", "Maya", "2026-02-01").unwrap();
    let json = serde_json::to_string_pretty(&s).unwrap();
    assert!(json.contains("\"abstain\"") && json.contains("\"severity\": 4"), "{json}");
    let mut back: Session = serde_json::from_str(&json).unwrap();
    validate(&mut back).unwrap();
    assert_eq!(back, s);

    let mut bad = s.clone();
    bad.workshop.rounds[0].ballots.insert("p1".into(), Ballot::Severity(9));
    assert_eq!(validate(&mut bad).unwrap_err().field, "workshop.rounds[0].ballots.p1");
    let mut bad = s.clone();
    bad.workshop.rounds[0].voters.push("ghost".into());
    assert_eq!(validate(&mut bad).unwrap_err().field, "workshop.rounds[0].voters");
    let mut bad = s.clone();
    bad.workshop.rounds[0].ballots.insert("p3".into(), Ballot::Scores(Scores::default()));
    assert_eq!(validate(&mut bad).unwrap_err().field, "workshop.rounds[0].ballots.p3");
    let mut bad = s;
    bad.workshop.decisions[0].at = "yesterday".into();
    assert_eq!(validate(&mut bad).unwrap_err().field, "workshop.decisions[0].at");
}

#[test]
fn private_steps_switch_per_step() {
    let mut s = room(1);
    assert!(!s.workshop.is_private(Step::ConstraintAdoption), "open voting is the default");
    assert!(s.workshop.set_private(Step::ConstraintAdoption, true));
    assert!(!s.workshop.set_private(Step::ConstraintAdoption, true));
    assert!(s.workshop.is_private(Step::ConstraintAdoption));
    assert!(!s.workshop.is_private(Step::ConstraintActivation));
    assert!(s.workshop.set_private(Step::ConstraintAdoption, false));
    assert!(s.workshop.is_empty());
}

#[test]
fn decisions_and_action_items_are_logged_in_order() {
    let mut s = room(1);
    assert_eq!(s.record_decision(T0, Step::Setup, "   ", "", ""), Ok(false), "blank text records nothing");
    assert_eq!(s.record_decision(T0, Step::Ranking, "We fix activation first", "", ""), Ok(true));
    assert_eq!(
        s.record_decision(T1, Step::Ranking, "Draft the onboarding spec", " Tomás ", " 2026-02-06 "),
        Ok(true)
    );
    let log = decisions(&s);
    assert_eq!(log[0].kind, EntryKind::Decision);
    assert_eq!(
        (log[1].kind, log[1].owner.as_str(), log[1].due.as_str()),
        (EntryKind::Action, "Tomás", "2026-02-06")
    );
    // A due date is checked as the follow-through's dates are, with the same reasons.
    for bad in ["2026-13-45", "Friday", "2026-02-30"] {
        let err = s.record_decision(T1, Step::Ranking, "Something", "", bad).unwrap_err();
        assert_eq!(err, super::dates::parse(bad).unwrap_err(), "{bad}");
    }
    assert_eq!(
        s.record_decision(T1, Step::Ranking, "x", "", "2026-13-45").unwrap_err().to_string(),
        "2026-13-45 is not a date: there is no month 13"
    );
    assert_eq!(decisions(&s).len(), 2, "a refused due date records nothing");
}

#[test]
fn an_override_of_the_suggested_primary_is_logged_once_with_its_reason() {
    let mut s = room(2);
    s.constraint_mut(ConstraintId::Activation).severity =
        [("p1".into(), 5), ("p2".into(), 5)].into_iter().collect();
    s.constraint_mut(ConstraintId::Reliability).severity =
        [("p1".into(), 3), ("p2".into(), 3)].into_iter().collect();
    s.primary_constraint = Some(ConstraintId::Activation);
    s.note_primary_pick(T0);
    assert!(decisions(&s).is_empty(), "picking the suggestion is no override");
    s.primary_constraint = Some(ConstraintId::Adoption);
    s.note_primary_pick(T0);
    s.primary_constraint = Some(ConstraintId::Reliability);
    s.note_primary_pick(T1);
    let log = decisions(&s);
    assert_eq!(log.len(), 1, "moving through the choices logs where the team ended: {log:?}");
    assert_eq!(log[0].kind, EntryKind::Override);
    assert_eq!(Some(log[0].text.clone()), primary_override(&s));
    assert!(log[0].text.contains("Reliability") && log[0].text.contains("Activation"), "{}", log[0].text);
    s.primary_constraint = None;
    s.note_primary_pick(T1);
    assert!(decisions(&s).is_empty(), "back to the suggestion: no override to log");
}

#[test]
fn the_timebox_counts_only_open_unpaused_time() {
    let mut t = Timebox::default();
    let mut m = Meter::default();
    t.tick(&mut m, Step::Setup, 900);
    t.tick(&mut m, Step::Setup, 990);
    assert_eq!(t.spent(Step::Setup), 0, "nothing counts before the facilitator starts the clock");
    t.start(&mut m, 990);
    assert_eq!(t.tick(&mut m, Step::Setup, 1_000), 10);
    m.stop();
    assert_eq!(t.tick(&mut m, Step::Setup, 1_000), 0, "after a stop, the first tick only starts the clock");
    for now in (1_001..=1_030).step_by(1) {
        t.tick(&mut m, Step::Setup, now);
    }
    assert_eq!(t.spent(Step::Setup), 40);
    t.tick(&mut m, Step::Gate, 1_040);
    assert_eq!(t.spent(Step::Gate), 10, "time goes to the step on screen at the tick");
    // Paused: nothing counts, and resuming does not count the pause.
    t.set_paused(&mut m, Step::Gate, true, 1_045);
    t.tick(&mut m, Step::Gate, 1_500);
    assert_eq!(t.spent(Step::Gate), 15);
    t.set_paused(&mut m, Step::Gate, false, 1_600);
    t.tick(&mut m, Step::Gate, 1_605);
    assert_eq!(t.spent(Step::Gate), 20);
    // A laptop asleep for an hour adds at most MAX_GAP.
    t.tick(&mut m, Step::Gate, 1_605 + 3_600);
    assert_eq!(t.spent(Step::Gate), 20 + MAX_GAP);
}

#[test]
fn a_session_closed_and_resumed_a_week_later_shows_no_week_of_overtime() {
    let mut s = room(1);
    let mut m = Meter::default();
    s.workshop.timebox.start(&mut m, 0);
    for now in 0..=120 {
        s.workshop.timebox.tick(&mut m, Step::Setup, now);
    }
    // Saved and closed: the meter is gone with the process; the file has the seconds.
    let json = serde_json::to_string(&s).unwrap();
    let mut back: Session = serde_json::from_str(&json).unwrap();
    assert_eq!(back.workshop.timebox.spent(Step::Setup), 120);
    let week = 7 * 24 * 3600;
    let mut m = Meter::default();
    back.workshop.timebox.tick(&mut m, Step::Setup, week);
    back.workshop.timebox.tick(&mut m, Step::Setup, week + 5);
    assert_eq!(back.workshop.timebox.spent(Step::Setup), 125);
    assert_eq!(
        back.workshop.timebox.remaining(Step::Setup),
        i64::from(default_minutes(Step::Setup)) * 60 - 125
    );
    // And the meter stopped explicitly (leaving the session) starts afresh too.
    m.stop();
    back.workshop.timebox.tick(&mut m, Step::Setup, week + 50);
    assert_eq!(back.workshop.timebox.spent(Step::Setup), 125);
}

#[test]
fn plans_come_from_the_playbook_and_are_adjusted_per_session() {
    let mut t = Timebox::default();
    let base = default_minutes(Step::Candidates);
    assert!(base > 0, "the playbook plans the candidates step");
    assert!(t.adjust(Step::Candidates, 1));
    assert_eq!(t.planned(Step::Candidates), base + 1);
    assert!(t.adjust(Step::Candidates, -1));
    assert!(t.planned.is_empty(), "back at the playbook's plan, nothing is stored");
    t.adjust(Step::Gate, -1000);
    assert_eq!(t.planned(Step::Gate), 0);
    assert!(!t.adjust(Step::Gate, -1));
    t.spent.insert(Step::Setup, default_minutes(Step::Setup) as u64 * 60 + 90);
    t.spent.insert(Step::Gate, 30);
    assert!(t.remaining(Step::Setup) < 0);
    let (rows, balance) = time_per_step(&t);
    assert_eq!(rows.iter().map(|r| r.step).collect::<Vec<_>>(), vec![Step::Setup, Step::Gate]);
    assert_eq!(balance, -90 - 30, "90 s over on setup, and 30 s on a step planned at 0");
    assert_eq!(rows[0].line(), "5:00 planned, 6:30 spent (1:30 over)");
    assert_eq!(super::timebox::balance_line(balance), "2:00 behind plan");
    assert_eq!(super::timebox::balance_line(90), "1:30 ahead of plan");
    assert_eq!(super::timebox::balance_line(0), "on plan");
    assert_eq!(clock(75), "1:15");
    assert_eq!(clock(3_725), "1:02:05");
}

proptest! {
    /// Per round, the median and spread are those of the voted values only; abstentions and
    /// missing ballots are counted apart, and every voter is in exactly one group.
    #[test]
    fn round_tallies_are_those_of_the_votes(ballots in proptest::collection::vec(0u8..=6, 1..8)) {
        let mut s = room(ballots.len());
        let r = s.open_round(ACT, T0, "").unwrap();
        for (i, b) in ballots.iter().enumerate() {
            let p = format!("p{}", i + 1);
            match b {
                0 => {}
                6 => s.cast(r, &p, Ballot::Abstain).unwrap(),
                v => s.cast(r, &p, Ballot::Severity(*v)).unwrap(),
            }
        }
        let before = recommend(&s);
        prop_assert_eq!(&before, &recommend(&{ let mut t = s.clone(); t.workshop.rounds.clear(); t }));
        s.reveal(r, T1).unwrap();
        let round = &s.workshop.rounds[r];
        let votes: Vec<u8> = ballots.iter().copied().filter(|b| (1..=5).contains(b)).collect();
        let item = &round.items()[0];
        prop_assert_eq!(item.tally, super::rules::Tally::of(votes.iter().copied()));
        prop_assert_eq!(round.abstained().len(), ballots.iter().filter(|b| **b == 6).count());
        prop_assert_eq!(round.not_voted().len(), ballots.iter().filter(|b| **b == 0).count());
        prop_assert_eq!(item.values.len() + round.abstained().len() + round.not_voted().len(), ballots.len());
        let sev = &s.constraint(ConstraintId::Activation).severity;
        prop_assert_eq!(sev.values().copied().collect::<Vec<_>>(), item.values.iter().map(|(_, v)| *v).collect::<Vec<_>>());
    }

    /// Whatever the ratings before and the ballots: after the reveal a voter has their vote,
    /// an abstainer has no value, and everyone who did not vote has exactly what they had.
    #[test]
    fn a_reveal_changes_only_the_values_of_those_who_cast_a_ballot(
        cases in proptest::collection::vec((0u8..=5, 0u8..=6), 1..7),
    ) {
        let mut s = room(cases.len());
        for (i, (before, _)) in cases.iter().enumerate() {
            if *before > 0 {
                s.constraint_mut(ConstraintId::Activation).severity.insert(format!("p{}", i + 1), *before);
            }
        }
        let r = s.open_round(ACT, T0, "").unwrap();
        for (i, (_, b)) in cases.iter().enumerate() {
            let p = format!("p{}", i + 1);
            match b {
                0 => {}
                6 => s.cast(r, &p, Ballot::Abstain).unwrap(),
                v => s.cast(r, &p, Ballot::Severity(*v)).unwrap(),
            }
        }
        s.reveal(r, T1).unwrap();
        for (i, (before, b)) in cases.iter().enumerate() {
            let got = s.constraint(ConstraintId::Activation).severity.get(&format!("p{}", i + 1)).copied();
            let want = match b {
                0 => (*before > 0).then_some(*before),
                6 => None,
                v => Some(*v),
            };
            prop_assert_eq!(got, want, "p{}", i + 1);
        }
    }

    /// Re-votes keep every earlier round, and the convergence lists each revealed round's
    /// spread in order.
    #[test]
    fn revotes_keep_history(rounds in proptest::collection::vec(proptest::collection::vec(1u8..=5, 3), 1..5)) {
        let mut s = room(3);
        for (k, values) in rounds.iter().enumerate() {
            let r = s.open_round(ACT, T0, &format!("round {}", k + 1)).unwrap();
            for (i, v) in values.iter().enumerate() {
                s.cast(r, &format!("p{}", i + 1), Ballot::Severity(*v)).unwrap();
            }
            s.reveal(r, T1).unwrap();
        }
        prop_assert_eq!(s.rounds_on(&ACT).len(), rounds.len());
        prop_assert_eq!(decisions(&s).len(), rounds.len() - 1);
        let c = convergence(&s);
        let got: Vec<Option<u8>> = c[0].rounds.iter().map(|r| r.spread).collect();
        let want: Vec<Option<u8>> = rounds.iter().map(|v| Some(v.iter().max().unwrap() - v.iter().min().unwrap())).collect();
        prop_assert_eq!(got, want);
    }
}
