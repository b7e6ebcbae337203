use super::*;
use crate::method::ids::Direction;
use crate::method::model::{ConstraintId::*, Decision};

/// A session with one candidate whose metric goes from 22% to 40%, decided on 12 Jan 2026.
fn decided() -> Session {
    let mut s = Session::new("s1".into(), "Q1 review".into(), "2026-01-12T09:00:00Z".into());
    s.name = "Q1 review".into();
    s.product = "Ledgerly".into();
    s.participants[0].name = "Maya".into();
    s.add_participant();
    s.participants[1].name = "Tomás".into();
    let i = s.add_candidate(Activation, "Guided setup".into());
    s.candidates[i].metric = "Trials that send an invoice".into();
    s.candidates[i].baseline = "22%".into();
    s.candidates[i].target = "40%".into();
    s.sync_measure(i);
    s.set_severity(Activation, 0, Some(5));
    s.set_severity(Activation, 1, Some(4));
    s.set_severity(Reliability, 0, Some(2));
    assert!(s.decide("c1", "2026-01-12".into()));
    s
}

fn check_in(s: &mut Session, date: &str, value: &str, decision: Option<Decision>) -> usize {
    let i = s.add_check_in(date.into());
    s.check_ins[i].metric_value = value.into();
    s.check_ins[i].decision = decision;
    i
}

#[test]
fn deciding_records_the_date_once_and_the_plan_counts_from_it() {
    let mut s = decided();
    assert!(!s.decide("c1", "2026-02-01".into()), "a decided session stays decided");
    assert!(
        !Session::new("x".into(), "x".into(), "2026-01-12T09:00:00Z".into())
            .decide("c9", "2026-01-12".into())
    );
    let plan = plan_dates(&s).unwrap();
    assert_eq!(
        plan.map(|(d, x)| (d, dates::format_date(x))),
        [(30, "2026-02-11".to_string()), (60, "2026-03-13".to_string()), (90, "2026-04-12".to_string()),]
    );
    s.follow_through.as_mut().unwrap().decided_on = "2026-02-30".into();
    assert_eq!(plan_dates(&s), None, "no plan from an impossible date");
}

/// A check-in with nothing but a date counts nowhere: not on the timeline, not for the
/// outcome (even past day 90), not as the prediction's actual.
#[test]
fn an_empty_check_in_counts_nowhere() {
    let mut s = decided();
    check_in(&mut s, "2026-02-11", "26%", None);
    let before = (points(&s), outcome_due(&s), prediction(&s), latest(&s), cycle(&s));
    let i = check_in(&mut s, "2026-04-20", "", None);
    assert!(s.check_ins[i].is_empty());
    assert_eq!((points(&s), outcome_due(&s), prediction(&s), latest(&s), cycle(&s)), before);
    assert!(!outcome_due(&s), "an empty check-in on day 98 does not make the outcome due");
    s.check_ins[i].speed = "slower".into();
    assert!(outcome_due(&s), "one with a note does");
}

#[test]
fn check_ins_on_the_timeline_skip_bad_dates_and_sort_by_date() {
    let mut s = decided();
    check_in(&mut s, "2026-03-13", "31%", None);
    check_in(&mut s, "2026-02-11", "26%", None);
    check_in(&mut s, "2026-01-01", "20%", None); // before the decision
    check_in(&mut s, "2026-02-31", "20%", None); // not a date
    let i = check_in(&mut s, "2026-02-20", "", None); // no value yet, a note
    s.check_ins[i].adoption = "two teams".into();
    check_in(&mut s, "2026-02-21", "30 s", None); // not in the metric's unit
    let pts = points(&s);
    assert_eq!(
        pts.iter().map(|p| (p.index, p.day, p.value)).collect::<Vec<_>>(),
        [(1, 30, Some(26.0)), (4, 39, None), (5, 40, None), (0, 60, Some(31.0))]
    );
    assert_eq!(
        check_in_date(&s, &s.check_ins[2]).unwrap_err().to_string(),
        "2026-01-01 is before the decision (2026-01-12)"
    );
    let p = progress(&s).unwrap();
    assert_eq!((p.value, p.day, p.fraction, p.zone), (31.0, 60, Some(0.5), Zone::Moving));
}

#[test]
fn progress_follows_the_direction_the_team_sets() {
    let mut s = decided();
    check_in(&mut s, "2026-02-11", "18%", None);
    assert_eq!(progress(&s).unwrap().zone, Zone::Behind);
    // The same number is on target once the team says the metric must go down.
    assert!(s.set_direction("c1", Direction::Decrease));
    assert!(!s.set_direction("c1", Direction::Decrease));
    s.candidates[0].target = "20%".into();
    s.sync_measure(0);
    assert_eq!(s.measures["c1"].direction, Direction::Decrease, "an edit keeps the chosen direction");
    assert_eq!(progress(&s).unwrap().zone, Zone::OnTarget);
    s.candidates[0].target = "most trials".into();
    s.sync_measure(0);
    assert!(!s.measures.contains_key("c1"), "no numbers, no measure");
    assert_eq!(progress(&s), None);
}

/// The target is typed a key at a time: each key reads the measure again.
#[test]
fn a_direction_read_from_the_numbers_follows_them_while_they_are_typed() {
    let mut s = decided();
    s.candidates[0].baseline = "8".into();
    for typed in ["", "1", "12"] {
        s.candidates[0].target = typed.into();
        s.sync_measure(0);
    }
    assert_eq!(s.measures["c1"].direction, Direction::Increase, "8 to 12 goes up");
    s.candidates[0].target = "5".into();
    s.sync_measure(0);
    assert_eq!(s.measures["c1"].direction, Direction::Decrease, "8 to 5 goes down");
    s.candidates[0].target = "8".into();
    s.sync_measure(0);
    assert_eq!(s.measures["c1"].direction, Direction::StayAbove, "8 to 8 holds");
    // Chosen by the team, a direction stays whatever is typed after.
    s.candidates[0].target = "12".into();
    s.sync_measure(0);
    assert!(s.set_direction("c1", Direction::StayBelow));
    for typed in ["1", "3", "30"] {
        s.candidates[0].target = typed.into();
        s.sync_measure(0);
    }
    assert_eq!(s.measures["c1"].direction, Direction::StayBelow);
}

#[test]
fn the_prediction_is_judged_at_the_first_check_in_from_day_90() {
    let mut s = decided();
    let f = s.follow_through.as_mut().unwrap();
    f.prediction = "35%".into();
    f.confidence = Some(70);
    check_in(&mut s, "2026-02-11", "26%", None);
    assert!(!outcome_due(&s));
    let r = prediction(&s).unwrap();
    assert_eq!((r.predicted, r.confidence, r.actual, r.met), (Some(35.0), Some(70), None, None));
    // The report puts it after its own "Prediction:" label: the sentence does not repeat it.
    assert_eq!(wording::prediction_line(&s).unwrap(), "Predicted 35% by day 90, 70% sure.");
    check_in(&mut s, "2026-04-12", "36%", Some(Decision::Continue));
    check_in(&mut s, "2026-05-01", "30%", None);
    assert!(outcome_due(&s));
    let r = prediction(&s).unwrap();
    assert_eq!((r.actual, r.met), (Some((36.0, 90)), Some(true)), "day 90 is the one judged, not later ones");
}

#[test]
fn moving_on_early_judges_the_prediction_on_the_latest_value() {
    let mut s = decided();
    s.follow_through.as_mut().unwrap().prediction = "35%".into();
    check_in(&mut s, "2026-02-11", "24%", None);
    check_in(&mut s, "2026-03-01", "25%", Some(Decision::MoveOn));
    assert!(outcome_due(&s));
    let r = prediction(&s).unwrap();
    assert_eq!((r.actual, r.met), (Some((25.0, 48)), Some(false)));
    // The sentence says it was judged early, on the day it was.
    assert_eq!(
        wording::prediction_line(&s).unwrap(),
        "Predicted 35% by day 90 (confidence not given); judged early, on day 48: actual 25%, the prediction missed."
    );
    check_in(&mut s, "2026-04-12", "36%", None);
    let line = wording::prediction_line(&s).unwrap();
    assert!(line.contains("actual 36% on day 90") && !line.contains("early"), "{line}");
}

#[test]
fn the_next_cycle_carries_people_and_severities_and_links_back() {
    let mut s = decided();
    check_in(&mut s, "2026-04-12", "36%", Some(Decision::MoveOn));
    s.follow_through.as_mut().unwrap().outcome = Some(Outcome::Worked);
    let n = next_cycle(&s, "s2".into(), "2026-04-13T09:00:00Z".into());
    assert_eq!(n.name, "Q1 review (cycle 2)");
    assert_eq!((n.product.as_str(), n.participants.clone()), ("Ledgerly", s.participants.clone()));
    assert_eq!(n.previous.as_deref(), Some("s1"));
    assert_eq!(n.constraint(Activation).severity, s.constraint(Activation).severity);
    assert!(n.candidates.is_empty() && n.check_ins.is_empty() && n.follow_through.is_none());
    let carried = n.carried_over.clone().unwrap();
    assert_eq!(
        carried.cycle,
        Cycle {
            name: "Q1 review".into(),
            decided_on: "2026-01-12".into(),
            constraint: Some(Activation),
            first_move: "Guided setup".into(),
            metric: "Trials that send an invoice".into(),
            baseline: "22%".into(),
            latest: "36%".into(),
            outcome: Some(Outcome::Worked),
        }
    );
    let mut n = n;
    assert!(n.is_carried(Activation, 0) && n.is_carried(Activation, 1) && n.is_carried(Reliability, 0));
    assert!(!n.is_carried(Adoption, 0));
    // Re-rating, even with the same number, removes the mark; clearing does too.
    assert!(n.set_severity(Activation, 0, Some(5)));
    assert!(!n.is_carried(Activation, 0) && n.is_carried(Activation, 1));
    assert!(n.set_severity(Reliability, 0, None));
    assert!(!n.is_carried(Reliability, 0));
    assert!(!n.carried_over.as_ref().unwrap().severities.contains_key(&Reliability));
    assert_eq!(next_cycle_name("Q1 review (cycle 2)"), "Q1 review (cycle 3)");
    assert_eq!(next_cycle_name("Plan (cycle x)"), "Plan (cycle x) (cycle 2)");
    assert_eq!(next_cycle_name(""), "(cycle 2)");
}

#[test]
fn the_history_chain_runs_oldest_first_from_any_cycle_and_counts_hits() {
    let mut a = decided();
    a.follow_through.as_mut().unwrap().prediction = "35%".into();
    a.follow_through.as_mut().unwrap().confidence = Some(90);
    check_in(&mut a, "2026-04-12", "36%", Some(Decision::MoveOn));
    let mut b = next_cycle(&a, "s2".into(), "2026-04-13T09:00:00Z".into());
    let i = b.add_candidate(Adoption, "Recurring invoices".into());
    b.candidates[i].baseline = "40%".into();
    b.candidates[i].target = "60%".into();
    b.sync_measure(i);
    assert!(b.decide("c1", "2026-04-13".into()));
    b.follow_through.as_mut().unwrap().prediction = "55%".into();
    b.follow_through.as_mut().unwrap().confidence = Some(50);
    check_in(&mut b, "2026-07-12", "45%", None);
    let c = next_cycle(&b, "s3".into(), "2026-07-13T09:00:00Z".into());
    assert_eq!(c.name, "Q1 review (cycle 3)");
    let mut other = decided();
    other.id = "unrelated".into();
    let all = vec![c.clone(), other, a.clone(), b.clone()];
    for start in [&all[0], &all[2], &all[3]] {
        let ids: Vec<&str> = chain(&all, start).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["s1", "s2", "s3"]);
    }
    let ch = chain(&all, &all[2]);
    assert_eq!(hit_rate(&ch), HitRate { hits: 1, judged: 2, mean_confidence: Some(70.0) });
    assert_eq!(cycle(ch[1]).latest, "45%");
    // A loop in hand-edited files ends the walk.
    let mut x = a.clone();
    x.previous = Some("s2".into());
    let looped = vec![x.clone(), b.clone()];
    assert_eq!(chain(&looped, &looped[0]).len(), 2);
}

/// One rule for "latest": the last check-in whose value reads as the metric's number. A value
/// that does not ("about forty") is kept as typed but is nobody's latest: not the progress
/// line's, not the cycle's (the next cycle's last-cycle line, `history`), not the prediction's.
#[test]
fn the_latest_value_is_the_latest_readable_one_everywhere() {
    let mut s = decided();
    check_in(&mut s, "2026-04-13", "38%", None);
    let last = check_in(&mut s, "2026-04-20", "about forty", Some(Decision::MoveOn));
    assert!(unreadable_value(&s, "about forty"));
    assert!(!unreadable_value(&s, "41%") && !unreadable_value(&s, "  "));
    assert!(unreadable_value(&s, "41 s"), "another unit");
    let p = latest(&s).unwrap();
    assert_eq!((p.index, p.day, p.value), (0, 91, Some(38.0)));
    assert_eq!(progress(&s).map(|p| (p.value, p.day)), Some((38.0, 91)));
    assert_eq!(cycle(&s).latest, "38%", "the cycle's latest follows the same rule");
    let line = wording::last_cycle(
        &next_cycle(&s, "s2".into(), "2026-04-21T09:00:00Z".into()).carried_over.unwrap().cycle,
    );
    assert!(line.contains("22% → 38%"), "{line}");
    s.follow_through.as_mut().unwrap().prediction = "35%".into();
    assert_eq!(prediction(&s).unwrap().actual, Some((38.0, 91)));
    s.check_ins[last].metric_value = "41%".into();
    assert_eq!(cycle(&s).latest, "41%");
    assert_eq!(latest(&s).map(|p| p.day), Some(98));
}

/// A decision date moved past some check-ins leaves them refused, and they are counted.
#[test]
fn check_ins_left_before_a_later_decision_date_are_counted() {
    let mut s = decided();
    check_in(&mut s, "2026-02-11", "26%", None);
    check_in(&mut s, "2026-03-13", "31%", None);
    check_in(&mut s, "2026-02-31", "31%", None); // not a date: refused for another reason
    assert_eq!(before_decision(&s), 0);
    assert_eq!(wording::before_decision_line(&s), None);
    s.follow_through.as_mut().unwrap().decided_on = "2026-03-01".into();
    assert_eq!(before_decision(&s), 1);
    assert_eq!(
        wording::before_decision_line(&s).unwrap(),
        "1 check-in is now before the decision (2026-03-01): they count nowhere until their dates or the decision date change."
    );
    s.follow_through.as_mut().unwrap().decided_on = "2026-04-01".into();
    assert!(
        wording::before_decision_line(&s).unwrap().starts_with("2 check-ins are now before the decision")
    );
    assert_eq!(points(&s).len(), 0);
}

/// A check-in dated after the day the session is read on counts nowhere, as an impossible date
/// does: not in the points, the latest value, progress, the outcome being due, or the prediction.
/// Once that day comes, it counts.
#[test]
fn a_check_in_after_the_day_it_is_read_on_counts_nowhere() {
    let mut s = decided();
    s.follow_through.as_mut().unwrap().prediction = "35%".into();
    check_in(&mut s, "2026-02-21", "30%", None); // day 40
    let future = check_in(&mut s, "2026-04-17", "41%", None); // day 95
    s.read_as_of("2026-02-21");
    assert!(matches!(check_in_date(&s, &s.check_ins[future]), Err(DateError::Future { .. })));
    assert_eq!(points(&s).iter().map(|p| p.day).collect::<Vec<_>>(), [40]);
    assert_eq!(latest(&s).map(|p| p.day), Some(40));
    assert_eq!(progress(&s).map(|p| p.value), Some(30.0));
    assert!(!outcome_due(&s), "a day-95 check-in that has not happened judges nothing");
    assert_eq!(prediction(&s).and_then(|p| p.actual), None);
    // On its day it counts.
    s.read_as_of("2026-04-17");
    assert_eq!(latest(&s).map(|p| p.day), Some(95));
    assert!(outcome_due(&s));
    assert_eq!(prediction(&s).and_then(|p| p.actual), Some((41.0, 95)));
}
