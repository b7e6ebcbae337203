//! Unit tests of the rules: one per route and per tie rule, plus ranking properties.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::model::*;
use super::recommend::{ChosenBy, Flag, Route, Warning, recommend};
use super::rules::*;

/// A session that passes the gate and qualifies, with `n` participants and nothing rated.
fn base(n: usize) -> Session {
    let mut s = Session::new("t".into(), "Test".into(), "2026-01-01T00:00:00Z".into());
    s.participants = (1..=n).map(|i| Participant { id: format!("p{i}"), name: format!("P{i}") }).collect();
    s.gate.traction = Some(Traction::Yes);
    s.gate.ai_question = Some(false);
    for f in [FilterId::Revenue, FilterId::Retention, FilterId::Trust] {
        s.filter_mut(f).clarity = Clarity::Clear;
    }
    s
}

fn unclear(q: &Qualification) -> Vec<(FilterId, Clarity)> {
    q.unclear.iter().map(|u| (u.filter, u.clarity)).collect()
}

fn rate(s: &mut Session, c: ConstraintId, scores: &[u8]) {
    s.constraint_mut(c).severity =
        scores.iter().enumerate().map(|(i, &v)| (format!("p{}", i + 1), v)).collect();
}

/// Adds a candidate with the three questions answered; `scores[p] = [impact, evidence, confidence, timing]`.
fn candidate(s: &mut Session, c: ConstraintId, title: &str, scores: &[[u8; 4]]) -> String {
    let id = s.fresh_candidate_id();
    s.candidates.push(Candidate {
        id: id.clone(),
        title: title.into(),
        constraint: c,
        scores: scores
            .iter()
            .enumerate()
            .map(|(i, v)| {
                (
                    format!("p{}", i + 1),
                    Scores {
                        impact: Some(v[0]),
                        evidence: Some(v[1]),
                        confidence: Some(v[2]),
                        timing: Some(v[3]),
                    },
                )
            })
            .collect(),
        behavior: "b".into(),
        metric: "m".into(),
        risk: "r".into(),
        checklist: vec![],
        baseline: String::new(),
        target: String::new(),
    });
    id
}

#[test]
fn median_and_spread() {
    assert_eq!(Tally::of([]), None);
    let t = Tally::of([3]).unwrap();
    assert_eq!((t.median, t.spread, t.discuss()), (3.0, 0, false));
    let t = Tally::of([5, 1, 3]).unwrap();
    assert_eq!((t.median, t.spread, t.discuss()), (3.0, 4, true));
    let t = Tally::of([2, 3]).unwrap();
    assert_eq!((t.median, t.spread, t.discuss()), (2.5, 1, false));
    let t = Tally::of([4, 2, 2, 5]).unwrap();
    assert_eq!((t.median, t.spread, t.discuss()), (3.0, 3, true));
    assert!(Tally::of([1, 3]).unwrap().discuss(), "spread of exactly 2 is discuss");
    // More scores than fit on the stack (a room of 40): the same median and spread.
    let many: Vec<u8> = (0..40).map(|i| [1, 5, 2, 4, 3][i % 5]).chain([5]).collect();
    let t = Tally::of(many.iter().copied()).unwrap();
    assert_eq!((t.median, t.spread, t.count), (3.0, 4, 41));
    let t = Tally::of((0..33).map(|i| if i < 17 { 1 } else { 2 })).unwrap();
    assert_eq!((t.median, t.count), (1.0, 33), "the 33rd score is counted");
}

#[test]
fn qualification_needs_two_clear_and_at_most_two_unclear() {
    let mut s = base(1);
    // clear: revenue, retention, trust; operational, planning unanswered → 2 unclear.
    assert!(qualification(&s).qualified);
    s.filter_mut(FilterId::Trust).clarity = Clarity::Vague;
    let q = qualification(&s);
    assert!(!q.qualified, "3 unclear");
    assert_eq!(
        unclear(&q),
        [
            (FilterId::Trust, Clarity::Vague),
            (FilterId::Operational, Clarity::Unanswered),
            (FilterId::Planning, Clarity::Unanswered)
        ]
    );
    s.filter_mut(FilterId::Trust).clarity = Clarity::Partial;
    assert!(qualification(&s).qualified, "partial counts as neither");
    s.filter_mut(FilterId::Retention).clarity = Clarity::Partial;
    assert!(!qualification(&s).qualified, "only 1 clear");
    s.filter_mut(FilterId::Operational).clarity = Clarity::Clear;
    assert!(qualification(&s).qualified);
}

#[test]
fn suggestion_takes_highest_median() {
    let mut s = base(3);
    assert_eq!(suggested_primary(&s), Suggestion::NoRatings);
    rate(&mut s, ConstraintId::Activation, &[3, 3, 4]);
    rate(&mut s, ConstraintId::Reliability, &[5, 4, 1]);
    rate(&mut s, ConstraintId::Throughput, &[2, 2, 2]);
    assert_eq!(suggested_primary(&s), Suggestion::One(ConstraintId::Reliability));
    assert_eq!(effective_primary(&s), Some(ConstraintId::Reliability));
    assert_eq!(next_bottleneck(&s, ConstraintId::Reliability), Some(ConstraintId::Activation));
}

#[test]
fn median_tie_is_broken_by_clear_pressures() {
    let mut s = base(1);
    // Activation touches revenue + retention (both clear), reliability only trust (clear).
    rate(&mut s, ConstraintId::Reliability, &[4]);
    rate(&mut s, ConstraintId::Activation, &[4]);
    assert_eq!(suggested_primary(&s), Suggestion::One(ConstraintId::Activation));
    assert_eq!(next_bottleneck(&s, ConstraintId::Activation), Some(ConstraintId::Reliability));
}

#[test]
fn full_tie_gives_no_suggestion() {
    let mut s = base(1);
    rate(&mut s, ConstraintId::Activation, &[4]);
    rate(&mut s, ConstraintId::Adoption, &[4]);
    rate(&mut s, ConstraintId::Operations, &[2]);
    assert_eq!(
        suggested_primary(&s),
        Suggestion::Tie(vec![ConstraintId::Activation, ConstraintId::Adoption])
    );
    assert_eq!(effective_primary(&s), None);
    let r = recommend(&s);
    assert_eq!(r.route, Route::ChoosePrimaryConstraint);
    assert!(r.warnings.contains(&Warning::PrimaryTied));
}

#[test]
fn team_override_wins_over_suggestion() {
    let mut s = base(1);
    rate(&mut s, ConstraintId::Activation, &[5]);
    rate(&mut s, ConstraintId::Operations, &[3]);
    rate(&mut s, ConstraintId::Throughput, &[4]);
    s.primary_constraint = Some(ConstraintId::Operations);
    let r = recommend(&s);
    let p = r.primary.unwrap();
    assert_eq!((p.constraint, p.chosen_by), (ConstraintId::Operations, ChosenBy::Team));
    assert_eq!(r.next_bottleneck, Some(ConstraintId::Activation));
}

#[test]
fn ranking_prefers_high_across_all_four() {
    let mut s = base(1);
    s.primary_constraint = Some(ConstraintId::Activation);
    let spiky = candidate(&mut s, ConstraintId::Activation, "spiky", &[[5, 5, 5, 2]]); // lowest 2, sum 17
    let even = candidate(&mut s, ConstraintId::Activation, "even", &[[3, 3, 3, 3]]); // lowest 3, sum 12
    let better_sum = candidate(&mut s, ConstraintId::Activation, "sum", &[[3, 4, 4, 3]]); // lowest 3, sum 14
    candidate(&mut s, ConstraintId::Reliability, "other constraint", &[[5, 5, 5, 5]]);
    let ids: Vec<_> =
        ranking(&s, ConstraintId::Activation).iter().map(|(i, _)| s.candidates[*i].id.clone()).collect();
    assert_eq!(ids, [better_sum, even, spiky]);
}

#[test]
fn ranking_ties_on_lowest_and_sum_go_to_evidence() {
    let mut s = base(1);
    let a = candidate(&mut s, ConstraintId::Activation, "a", &[[4, 3, 4, 3]]);
    let b = candidate(&mut s, ConstraintId::Activation, "b", &[[3, 4, 3, 4]]);
    let ids: Vec<_> =
        ranking(&s, ConstraintId::Activation).iter().map(|(i, _)| s.candidates[*i].id.clone()).collect();
    assert_eq!(ids, [b, a]);
}

#[test]
fn medians_use_every_participant() {
    let mut s = base(3);
    let id = candidate(&mut s, ConstraintId::Activation, "x", &[[1, 2, 3, 4], [5, 4, 3, 2], [3, 3, 3, 3]]);
    let c = &s.candidates[s.candidate_index(&id).unwrap()];
    let m = medians(c).unwrap();
    assert_eq!((m.impact, m.evidence, m.confidence, m.timing), (3.0, 3.0, 3.0, 3.0));
    assert!(tally(c, Dimension::Impact).unwrap().discuss());
    assert!(!tally(c, Dimension::Confidence).unwrap().discuss());
    let mut partial = c.clone();
    for sc in partial.scores.values_mut() {
        sc.timing = None;
    }
    assert_eq!(medians(&partial), None, "a dimension nobody scored leaves the candidate unranked");
}

#[test]
fn flags_follow_their_thresholds() {
    let mut s = base(1);
    let id = candidate(&mut s, ConstraintId::Activation, "x", &[[4, 2, 3, 3]]);
    let c = s.candidates[s.candidate_index(&id).unwrap()].clone();
    let f = |sc: [u8; 4], c: &Candidate| {
        let mut c = c.clone();
        c.scores.insert(
            "p1".into(),
            Scores {
                impact: Some(sc[0]),
                evidence: Some(sc[1]),
                confidence: Some(sc[2]),
                timing: Some(sc[3]),
            },
        );
        flags(&c, medians(&c).as_ref())
    };
    assert_eq!(f([4, 2, 3, 3], &c), [Flag::ExcitingButUnproven]);
    assert_eq!(f([4, 3, 3, 3], &c), []);
    assert_eq!(f([3, 2, 3, 3], &c), []);
    assert_eq!(f([2, 3, 4, 3], &c), [Flag::EasyButDisconnected]);
    assert_eq!(f([3, 3, 4, 2], &c), [Flag::EasyButDisconnected]);
    assert_eq!(f([3, 3, 3, 2], &c), []);
    assert_eq!(f([3, 3, 4, 3], &c), []);
    let mut open = c.clone();
    open.metric = "  ".into();
    assert_eq!(f([3, 3, 3, 3], &open), [Flag::NeedsDiscovery]);
}

/// A session that reaches First move; each route test breaks one thing.
fn first_move_session() -> (Session, String) {
    let mut s = base(2);
    rate(&mut s, ConstraintId::Activation, &[5, 4]);
    rate(&mut s, ConstraintId::Reliability, &[3, 3]);
    let id = candidate(&mut s, ConstraintId::Activation, "Guided setup", &[[4, 4, 4, 4], [5, 3, 4, 4]]);
    candidate(&mut s, ConstraintId::Activation, "Hype", &[[5, 1, 3, 4], [5, 2, 3, 4]]);
    (s, id)
}

#[test]
fn route_first_move() {
    let (s, id) = first_move_session();
    let r = recommend(&s);
    assert_eq!(r.route, Route::FirstMove);
    assert_eq!(r.top.as_deref(), Some(id.as_str()));
    assert_eq!(r.primary.as_ref().unwrap().chosen_by, ChosenBy::Suggestion);
    assert_eq!(r.next_bottleneck, Some(ConstraintId::Reliability));
    assert_eq!(r.ranking[1].flags, [Flag::ExcitingButUnproven]);
    assert!(r.warnings.is_empty());
}

#[test]
fn route_mvp_first_beats_everything() {
    let (mut s, _) = first_move_session();
    s.gate.traction = Some(Traction::No);
    s.gate.ai_question = Some(true);
    assert_eq!(recommend(&s).route, Route::MvpFirst);
}

#[test]
fn route_unsure_traction_carries_on_with_a_warning() {
    let (mut s, _) = first_move_session();
    s.gate.traction = Some(Traction::Unsure);
    let r = recommend(&s);
    assert_eq!(r.route, Route::FirstMove);
    assert_eq!(r.warnings, [Warning::TractionUnconfirmed]);
}

#[test]
fn route_ai_proof_of_concept() {
    let (mut s, _) = first_move_session();
    s.gate.ai_question = Some(true);
    assert_eq!(recommend(&s).route, Route::AiProofOfConceptFirst);
}

#[test]
fn route_collect_evidence() {
    let (mut s, _) = first_move_session();
    s.filter_mut(FilterId::Trust).clarity = Clarity::Vague;
    let r = recommend(&s);
    assert_eq!(r.route, Route::CollectEvidenceFirst);
    assert_eq!(
        unclear(&r.qualification),
        [
            (FilterId::Trust, Clarity::Vague),
            (FilterId::Operational, Clarity::Unanswered),
            (FilterId::Planning, Clarity::Unanswered)
        ]
    );
}

#[test]
fn route_choose_primary_when_nothing_rated() {
    let (mut s, _) = first_move_session();
    for c in &mut s.constraints {
        c.severity.clear();
    }
    assert_eq!(recommend(&s).route, Route::ChoosePrimaryConstraint);
    s.primary_constraint = Some(ConstraintId::Activation);
    assert_eq!(recommend(&s).route, Route::FirstMove, "the team's pick is enough");
}

#[test]
fn route_no_candidate_yet() {
    let (mut s, _) = first_move_session();
    s.primary_constraint = Some(ConstraintId::Throughput);
    assert_eq!(recommend(&s).route, Route::NoCandidateYet);
    let (mut s, _) = first_move_session();
    for c in &mut s.candidates {
        c.scores.clear();
    }
    let r = recommend(&s);
    assert_eq!(r.route, Route::NoCandidateYet, "unscored candidates are not ranked");
    assert_eq!(r.unscored.len(), 2);
}

#[test]
fn route_discovery_when_top_is_flagged() {
    let (mut s, id) = first_move_session();
    let i = s.candidate_index(&id).unwrap();
    s.candidates[i].risk.clear();
    let r = recommend(&s);
    assert_eq!(r.route, Route::DiscoveryFirst);
    assert_eq!(r.top.as_deref(), Some(id.as_str()));
}

#[test]
fn route_discovery_when_top_is_weak() {
    let mut s = base(1);
    rate(&mut s, ConstraintId::Activation, &[5]);
    candidate(&mut s, ConstraintId::Activation, "meh", &[[3, 3, 2, 3]]);
    assert_eq!(recommend(&s).route, Route::DiscoveryFirst);
}

fn medians_strategy() -> impl Strategy<Value = Medians> {
    let m = (2u8..=10).prop_map(|h| f64::from(h) / 2.0);
    (m.clone(), m.clone(), m.clone(), m).prop_map(|(impact, evidence, confidence, timing)| Medians {
        impact,
        evidence,
        confidence,
        timing,
    })
}

proptest! {
    #[test]
    fn ranking_never_puts_a_lower_minimum_above_a_higher_one(ms in prop::collection::vec(medians_strategy(), 0..30)) {
        let mut sorted = ms.clone();
        sorted.sort_by(rank_cmp);
        for w in sorted.windows(2) {
            prop_assert!(w[0].lowest() >= w[1].lowest());
            if w[0].lowest() == w[1].lowest() {
                prop_assert!(w[0].sum() >= w[1].sum());
            }
        }
    }

    #[test]
    fn ranking_of_real_sessions_orders_by_lowest(scores in prop::collection::vec(prop::collection::vec(prop::array::uniform4(1u8..=5), 1..4), 0..12)) {
        let mut s = base(3);
        for (i, sc) in scores.iter().enumerate() {
            candidate(&mut s, ConstraintId::Activation, &format!("c{i}"), sc);
        }
        let r = ranking(&s, ConstraintId::Activation);
        prop_assert_eq!(r.len(), scores.len());
        for w in r.windows(2) {
            prop_assert!(w[0].1.lowest() >= w[1].1.lowest());
        }
    }
}

/// The primary screen's sentence, from the recommendation: a lead, a lead on clear pressures, a
/// tie, nothing rated.
#[test]
fn suggestion_sentence_says_why() {
    use super::wording::suggestion_sentence;
    let mut s = base(1);
    assert_eq!(suggestion_sentence(&recommend(&s)), "No suggestion yet: nobody has rated the constraints.");
    rate(&mut s, ConstraintId::Reliability, &[4]);
    rate(&mut s, ConstraintId::Operations, &[2]);
    assert_eq!(
        suggestion_sentence(&recommend(&s)),
        "Suggested: Reliability, the highest median severity (4)."
    );
    rate(&mut s, ConstraintId::Activation, &[4]);
    assert_eq!(
        suggestion_sentence(&recommend(&s)),
        "Suggested: Activation, the highest median severity (4), ahead on clear pressure filters it touches."
    );
    rate(&mut s, ConstraintId::Adoption, &[4]);
    assert_eq!(
        suggestion_sentence(&recommend(&s)),
        "Tied: Activation, Adoption. Same median and same number of clear pressures; the team has to pick."
    );
}

#[test]
fn qualification_verdict_counts_what_the_rule_counts() {
    use super::wording::qualification_verdict;
    let mut s = base(1);
    assert_eq!(qualification_verdict(&qualification(&s)), "Qualified: 3 clear, 2 vague or unanswered.");
    s.filter_mut(FilterId::Trust).clarity = Clarity::Vague;
    assert_eq!(qualification_verdict(&qualification(&s)), "Not yet: Collect evidence first.");
}

// Issue 9 §6: the four rule corrections, each from the words of shared/METHOD.md.

/// "The unclear filters are every filter that is not clear — partial, vague and unanswered
/// alike — each named with its clarity (vague and unanswered first)."
#[test]
fn unclear_filters_are_every_filter_that_is_not_clear() {
    use Clarity::*;
    use FilterId::*;
    let mut s = base(1);
    for (f, c) in
        [(Revenue, Partial), (Retention, Vague), (Trust, Clear), (Operational, Unanswered), (Planning, Clear)]
    {
        s.filter_mut(f).clarity = c;
    }
    let q = qualification(&s);
    assert_eq!(unclear(&q), [(Retention, Vague), (Operational, Unanswered), (Revenue, Partial)]);
    assert!(q.qualified, "the count rule is unchanged: 2 clear, 2 vague or unanswered");
    assert_eq!(q.vague_or_unanswered(), 2);

    // One clear and four partial: not qualified, and the four are named (never an empty list).
    for f in [Revenue, Retention, Operational, Planning] {
        s.filter_mut(f).clarity = Partial;
    }
    let r = recommend(&s);
    assert_eq!(r.route, Route::CollectEvidenceFirst);
    assert_eq!(
        unclear(&r.qualification),
        [(Revenue, Partial), (Retention, Partial), (Operational, Partial), (Planning, Partial)]
    );
    assert_eq!(r.qualification.vague_or_unanswered(), 0);
}

/// "If two or more tie for it on both keys, there is no single next bottleneck: the report names
/// the tied ones (never a pick by table order)."
#[test]
fn next_bottleneck_ties_are_ties() {
    let mut s = base(1);
    rate(&mut s, ConstraintId::Activation, &[5]);
    // Operations and Throughput: the same median, and no clear pressure each.
    rate(&mut s, ConstraintId::Operations, &[3]);
    rate(&mut s, ConstraintId::Throughput, &[3]);
    let r = recommend(&s);
    assert_eq!(r.primary.as_ref().unwrap().constraint, ConstraintId::Activation);
    assert_eq!(r.next_bottleneck, None);
    assert_eq!(r.next_tied, [ConstraintId::Operations, ConstraintId::Throughput]);
    assert_eq!(runner_up(&s, ConstraintId::Activation), Suggestion::Tie(r.next_tied.clone()));
    assert_eq!(
        super::wording::next_bottleneck_sentence(&r).unwrap(),
        "Next bottleneck after that: no single one, Operations, Throughput tie."
    );

    // The same median but more clear pressures: Reliability (trust is clear) is next alone.
    rate(&mut s, ConstraintId::Reliability, &[3]);
    let r = recommend(&s);
    assert_eq!((r.next_bottleneck, r.next_tied.as_slice()), (Some(ConstraintId::Reliability), &[][..]));
    // A team pick that is not at the top: the runner-up is among the others, ties included.
    s.primary_constraint = Some(ConstraintId::Reliability);
    let r = recommend(&s);
    assert_eq!((r.next_bottleneck, r.next_tied.as_slice()), (Some(ConstraintId::Activation), &[][..]));
    s.primary_constraint = Some(ConstraintId::Activation);
    rate(&mut s, ConstraintId::Reliability, &[]);
    rate(&mut s, ConstraintId::Adoption, &[2]);
    assert_eq!(recommend(&s).next_tied, [ConstraintId::Operations, ConstraintId::Throughput]);
}

/// "`no` → MVP first (no traction warning: the route says it). `unsure` → the report warns that
/// traction must be confirmed. Not answered yet → carry on, with a warning that the gate is
/// unanswered."
#[test]
fn traction_warnings_follow_the_gate_answer() {
    let (mut s, _) = first_move_session();
    let traction_warnings = |s: &Session| {
        let r = recommend(s);
        let w: Vec<Warning> = r
            .warnings
            .into_iter()
            .filter(|w| matches!(w, Warning::TractionUnconfirmed | Warning::TractionUnanswered))
            .collect();
        (r.route, w)
    };
    s.gate.traction = Some(Traction::Yes);
    assert_eq!(traction_warnings(&s), (Route::FirstMove, vec![]));
    s.gate.traction = Some(Traction::No);
    assert_eq!(traction_warnings(&s), (Route::MvpFirst, vec![]));
    s.gate.traction = Some(Traction::Unsure);
    assert_eq!(traction_warnings(&s), (Route::FirstMove, vec![Warning::TractionUnconfirmed]));
    s.gate.traction = None;
    assert_eq!(traction_warnings(&s), (Route::FirstMove, vec![Warning::TractionUnanswered]));
    assert_ne!(Warning::TractionUnanswered.text(), Warning::TractionUnconfirmed.text());
}

/// A session whose two best candidates tie on lowest median, sum and evidence; the second needs
/// discovery (no metric), so the file's order used to decide the route.
fn tied_top_session() -> (Session, String, String) {
    let mut s = base(2);
    rate(&mut s, ConstraintId::Activation, &[5, 4]);
    let a = candidate(&mut s, ConstraintId::Activation, "Guided setup", &[[4, 4, 3, 5], [4, 4, 5, 3]]);
    let b = candidate(&mut s, ConstraintId::Activation, "Templates", &[[5, 4, 4, 3], [3, 4, 4, 5]]);
    candidate(&mut s, ConstraintId::Activation, "Hype", &[[5, 1, 3, 4], [5, 2, 3, 4]]);
    s.candidates[1].metric.clear();
    (s, a, b)
}

/// "Candidates still tied at the top on all three are a tie: the report names them and the team
/// picks one (recorded in the session, as with the primary constraint); the order of a file never
/// decides." Route order: … No candidate yet → Choose the first move → Discovery first → First move.
#[test]
fn a_tie_at_the_top_is_the_teams_to_resolve() {
    let (mut s, a, b) = tied_top_session();
    let r = recommend(&s);
    assert_eq!(r.route, Route::ChooseFirstMove);
    assert_eq!((r.top.as_deref(), r.top_chosen_by), (None, None));
    assert_eq!(r.top_tied, [a.clone(), b.clone()]);
    assert_eq!(r.ranking.len(), 3, "the ranking is still shown");

    // The file's order does not change the route or the tie.
    s.candidates.swap(0, 1);
    let r = recommend(&s);
    assert_eq!(r.route, Route::ChooseFirstMove);
    assert_eq!(r.top_tied.iter().collect::<BTreeSet<_>>(), [&a, &b].into_iter().collect());

    // The team's pick settles it, and the picked move goes through the usual checks.
    s.first_move = Some(a.clone());
    let r = recommend(&s);
    assert_eq!(
        (r.route, r.top.as_deref(), r.top_chosen_by),
        (Route::FirstMove, Some(a.as_str()), Some(ChosenBy::Team))
    );
    assert_eq!(r.top_tied.len(), 2, "the tie is still reported");
    s.first_move = Some(b.clone());
    assert_eq!(recommend(&s).route, Route::DiscoveryFirst, "the pick has an open question");

    // A pick can also override a clear ranking, as with the primary constraint.
    let (mut s, a, _) = tied_top_session();
    s.candidates.remove(1);
    assert_eq!(recommend(&s).top.as_deref(), Some(a.as_str()));
    let hype = s.candidates[1].id.clone();
    s.first_move = Some(hype.clone());
    let r = recommend(&s);
    assert_eq!((r.route, r.top.as_deref()), (Route::DiscoveryFirst, Some(hype.as_str())));
    s.candidates[1].scores.clear();
    assert_eq!(recommend(&s).top.as_deref(), Some(a.as_str()), "an unscored pick is ignored");
    let (mut s, _, _) = tied_top_session();
    s.candidates[2].scores.clear();
    s.first_move = Some(s.candidates[2].id.clone());
    assert_eq!(recommend(&s).route, Route::ChooseFirstMove, "an unscored pick does not settle a tie");

    // A pick of another constraint's candidate is ignored.
    let (mut s, _, _) = tied_top_session();
    let other = candidate(&mut s, ConstraintId::Reliability, "Alerts", &[[5, 5, 5, 5], [5, 5, 5, 5]]);
    s.first_move = Some(other);
    assert_eq!(recommend(&s).route, Route::ChooseFirstMove);

    // Earlier routes still come first; a clear top goes on to the usual routes.
    let (mut s, _, _) = tied_top_session();
    s.primary_constraint = Some(ConstraintId::Throughput);
    assert_eq!(recommend(&s).route, Route::NoCandidateYet);
    let (mut s, _, _) = tied_top_session();
    s.candidates.remove(1);
    let r = recommend(&s);
    assert_eq!((r.route, r.top.as_deref(), r.top_tied.len()), (Route::FirstMove, Some(a.as_str()), 0));
    assert_eq!(r.top_chosen_by, Some(ChosenBy::Suggestion));
    assert_eq!(tied_at_top(&[]), 0);
}

/// The pick is kept in the file, and a pick that names no candidate is dropped when loading.
#[test]
fn the_first_move_pick_is_saved_and_checked() {
    let (mut s, a, _) = tied_top_session();
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("first_move"), "no pick, no field");
    s.first_move = Some(a.clone());
    let mut back: Session = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    super::validate::validate(&mut back).unwrap();
    assert_eq!(back.first_move.as_deref(), Some(a.as_str()));
    back.first_move = Some("c99".into());
    super::validate::validate(&mut back).unwrap();
    assert_eq!(back.first_move, None);
}
