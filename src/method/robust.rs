//! How sure the recommendation is: would the decision change if one participant moved one score
//! (or one severity) by `ROBUSTNESS_STEP`, up or down, staying on the scale?
//!
//! Every such single change is tried. For the move, only the changed candidate's medians are
//! worked out again, and the top is found by one pass over the primary constraint's candidates
//! with the same keys, the same tie rule and the same team pick as `recommend`; a test checks
//! each outcome against `recommend` of the changed session.

use std::cmp::Ordering;

use super::ids::{ConstraintId, Dimension, Route};
use super::model::{Candidate, Session};
use super::recommend::{ChosenBy, Recommendation};
use super::rules::{self, Medians, Suggestion, Tally};
use super::thresholds::{DISCOVERY_BELOW, ROBUSTNESS_STEP, SCORE_MAX, SCORE_MIN};

pub use super::flips::*;

/// The scores one step away from `v`, on the scale.
fn steps(v: u8) -> impl Iterator<Item = u8> {
    [v.checked_sub(ROBUSTNESS_STEP), v.checked_add(ROBUSTNESS_STEP)]
        .into_iter()
        .flatten()
        .filter(|t| (SCORE_MIN..=SCORE_MAX).contains(t))
}

/// A participant's label by id (their name, or "Participant N"); the id if unknown.
fn who(s: &Session, id: &str) -> String {
    s.participants.iter().position(|p| p.id == id).map_or_else(|| id.to_string(), |i| s.participant_label(i))
}

/// Runs both checks. Cheap enough to run on every change (see the `robustness_cost` test).
pub fn robustness(s: &Session, r: &Recommendation) -> Robustness {
    let mut out = Robustness::none();
    out.first_move = move_check(s, r, &mut out.discuss_first);
    out.primary = primary_check(s, r, &mut out.constraints_discuss_first);
    out
}

/// One fully scored candidate of the primary constraint, in file order.
struct Entry<'a> {
    c: &'a Candidate,
    m: Medians,
    keys: [f64; 3],
    /// Behaviour, metric or risk unanswered (does not depend on scores).
    open: bool,
}

/// The pool with its two best classes precomputed, so that one changed candidate is decided
/// without a pass over the others.
struct Pool<'a> {
    entries: Vec<Entry<'a>>,
    /// The best class (positions tied on all keys with the head of the ranking), file order.
    first: Vec<usize>,
    /// The class after it, file order (empty when every entry is in the first).
    second: Vec<usize>,
    pick: Option<usize>,
}

impl Pool<'_> {
    fn new<'a>(entries: Vec<Entry<'a>>, pick: Option<usize>) -> Pool<'a> {
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by(|&a, &b| rules::keys_cmp(&entries[a].keys, &entries[b].keys));
        let class = |from: usize| -> Vec<usize> {
            let Some(&head) = order.get(from) else { return Vec::new() };
            let mut v: Vec<usize> = order[from..]
                .iter()
                .copied()
                .take_while(|&i| rules::keys_cmp(&entries[i].keys, &entries[head].keys) == Ordering::Equal)
                .collect();
            v.sort_unstable();
            v
        };
        let first = class(0);
        let second = class(first.len());
        Pool { entries, first, second, pick }
    }

    /// Whether entry `i` is in the first class.
    fn in_first(&self, i: usize) -> bool {
        self.first.binary_search(&i).is_ok()
    }

    fn class(&self, c: Class) -> &[usize] {
        match c {
            Class::First => &self.first,
            Class::Second => &self.second,
        }
    }

    /// The members of `b`, in file order.
    fn members(&self, b: Best) -> Vec<usize> {
        match b {
            Best::Only(k) => vec![k],
            Best::Class { class, k, with_k } => {
                let mut v: Vec<usize> = self.class(class).iter().copied().filter(|&i| Some(i) != k).collect();
                if let (Some(k), true) = (k, with_k) {
                    v.insert(v.partition_point(|&i| i < k), k);
                }
                v
            }
        }
    }

    /// The one member of `b`, if it has exactly one.
    fn single(&self, b: Best) -> Option<usize> {
        match b {
            Best::Only(k) => Some(k),
            Best::Class { class, k, with_k } => {
                let c = self.class(class);
                let k_in = k.is_some_and(|k| c.binary_search(&k).is_ok());
                match (c.len() - usize::from(k_in), with_k) {
                    (0, true) => k,
                    (1, false) => c.iter().copied().find(|&i| Some(i) != k),
                    _ => None,
                }
            }
        }
    }

    /// Whether `b` is exactly the first class (the tie as it stands).
    fn is_first(&self, b: Best) -> bool {
        match b {
            Best::Only(k) => self.first == [k],
            Best::Class { class: Class::First, k: None, .. } => true,
            Best::Class { class: Class::First, k: Some(k), with_k } => self.in_first(k) == with_k,
            // Only when the first class is the changed entry alone, which then is not in it.
            Best::Class { class: Class::Second, .. } => false,
        }
    }

    /// The decision with entry `k`'s medians replaced by `m` (`None`: as it is): the route, the
    /// top (if any) and the best class, which is the decision when there is no top. Constant
    /// time: the best of the others is the head of the first class, or of the second.
    fn decide(&self, change: Option<(usize, &Medians)>) -> (Route, Option<usize>, Best) {
        let best = match change {
            None => Best::Class { class: Class::First, k: None, with_k: false },
            Some((k, m)) => {
                let class = if self.first == [k] { Class::Second } else { Class::First };
                let head = self.class(class).iter().copied().find(|&i| i != k);
                match head.map(|o| rules::keys_cmp(&rules::rank_keys(m), &self.entries[o].keys)) {
                    None | Some(Ordering::Less) => Best::Only(k),
                    Some(Ordering::Equal) => Best::Class { class, k: Some(k), with_k: true },
                    Some(Ordering::Greater) => Best::Class { class, k: Some(k), with_k: false },
                }
            }
        };
        let top = self.pick.or_else(|| self.single(best));
        let Some(t) = top else { return (Route::ChooseFirstMove, None, best) };
        let m = match change {
            Some((k, m)) if k == t => m,
            _ => &self.entries[t].m,
        };
        let flagged = self.entries[t].open || !rules::score_flags(m).is_empty();
        let route =
            if flagged || m.lowest() < DISCOVERY_BELOW { Route::DiscoveryFirst } else { Route::FirstMove };
        (route, top, best)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    First,
    Second,
}

/// The best class after one change, described against the precomputed classes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Best {
    /// The changed entry, alone.
    Only(usize),
    /// `class` without entry `k`, and with it again when `with_k`.
    Class { class: Class, k: Option<usize>, with_k: bool },
}

fn move_check(s: &Session, r: &Recommendation, discuss_first: &mut Vec<ScoreRef>) -> Check<ScoreFlip> {
    if !matches!(r.route, Route::FirstMove | Route::DiscoveryFirst | Route::ChooseFirstMove) {
        return Check::not_applicable();
    }
    let Some(primary) = r.primary.as_ref().map(|p| p.constraint) else { return Check::not_applicable() };
    let entries: Vec<Entry> = s
        .candidates
        .iter()
        .filter(|c| c.constraint == primary)
        .filter_map(|c| {
            let m = rules::medians(c)?;
            Some(Entry { c, m, keys: rules::rank_keys(&m), open: rules::has_open_questions(c) })
        })
        .collect();
    if entries.is_empty() {
        return Check::not_applicable();
    }
    let pick = s.first_move.as_deref().and_then(|id| entries.iter().position(|e| e.c.id == id));
    let pool = Pool::new(entries, pick);
    let (route, top, _) = pool.decide(None);
    let outcome = |(route, top, best): (Route, Option<usize>, Best)| MoveOutcome {
        route,
        top: top.map(|t| CandidateRef::of(pool.entries[t].c)),
        tied: match top {
            Some(_) => Vec::new(),
            None => pool.members(best).into_iter().map(|t| CandidateRef::of(pool.entries[t].c)).collect(),
        },
    };

    let mut check = Check { verdict: Verdict::Robust, checked: 0, flip_count: 0, flips: Vec::new() };
    // The ranking's order (which holds every entry of the pool): the top's scores first.
    let order = r.ranking.iter().filter_map(|rc| pool.entries.iter().position(|e| e.c.id == rc.id));
    let (mut given, mut values) = (Vec::new(), Vec::new());
    for k in order {
        let c = pool.entries[k].c;
        for &d in Dimension::ALL {
            // Each participant's score on `d`, in the session's order of participants.
            given.clear();
            given.extend(s.participants.iter().filter_map(|p| Some((p, c.scores.get(&p.id)?.get(d)?))));
            let disputed = rules::tally(c, d).is_some_and(|t| t.discuss());
            let mut flipped_here = false;
            for (j, &(p, v)) in given.iter().enumerate() {
                for to in steps(v) {
                    check.checked += 1;
                    values.clear();
                    values.extend(given.iter().enumerate().map(|(i, g)| if i == j { to } else { g.1 }));
                    let mut m = pool.entries[k].m;
                    set(&mut m, d, Tally::of_slice(&mut values).map_or(0.0, |t| t.median));
                    let then = pool.decide(Some((k, &m)));
                    if (then.0, then.1) == (route, top) && (top.is_some() || pool.is_first(then.2)) {
                        continue;
                    }
                    flipped_here = true;
                    check.record(|| ScoreFlip {
                        participant: p.id.clone(),
                        who: who(s, &p.id),
                        candidate: CandidateRef::of(c),
                        dimension: d,
                        from: v,
                        to,
                        then: outcome(then),
                    });
                }
            }
            if flipped_here && disputed {
                discuss_first.push(ScoreRef { candidate: c.id.clone(), dimension: d });
            }
        }
    }
    if check.flip_count > 0 {
        check.verdict = Verdict::Fragile;
    }
    check
}

fn set(m: &mut Medians, d: Dimension, v: f64) {
    match d {
        Dimension::Impact => m.impact = v,
        Dimension::Evidence => m.evidence = v,
        Dimension::Confidence => m.confidence = v,
        Dimension::Timing => m.timing = v,
    }
}

fn primary_check(
    s: &Session,
    r: &Recommendation,
    discuss_first: &mut Vec<ConstraintId>,
) -> Check<SeverityFlip> {
    let Some(p) = &r.primary else { return Check::not_applicable() };
    if p.chosen_by == ChosenBy::Team {
        return Check::picked_by_team();
    }
    let base = Suggestion::One(p.constraint);
    let mut check = Check { verdict: Verdict::Robust, checked: 0, flip_count: 0, flips: Vec::new() };
    let mut summaries = r.constraints.clone();
    for (i, &id) in ConstraintId::ALL.iter().enumerate() {
        let severity = &s.constraint(id).severity;
        let original = summaries[i].severity;
        let mut flipped_here = false;
        for part in &s.participants {
            let Some(&v) = severity.get(&part.id) else { continue };
            for to in steps(v) {
                check.checked += 1;
                summaries[i].severity =
                    Tally::of(severity.iter().map(|(pid, &x)| if *pid == part.id { to } else { x }));
                let then = rules::suggest(&summaries);
                if then == base {
                    continue;
                }
                flipped_here = true;
                check.record(|| SeverityFlip {
                    participant: part.id.clone(),
                    who: who(s, &part.id),
                    constraint: id,
                    from: v,
                    to,
                    then,
                });
            }
        }
        summaries[i].severity = original;
        if flipped_here && original.is_some_and(|t| t.discuss()) {
            discuss_first.push(id);
        }
    }
    if check.flip_count > 0 {
        check.verdict = Verdict::Fragile;
    }
    check
}

#[cfg(test)]
mod cost {
    use super::*;
    use crate::method::{recommend, sample};

    /// The pass on the large sample, and `recommend` (which runs it) as a whole:
    /// `cargo test --release --lib robustness_cost -- --ignored --nocapture`.
    /// The sample is the worst case: its 40 Activation candidates all tie at the top, so nearly
    /// every change breaks the tie.
    #[test]
    #[ignore]
    fn robustness_cost() {
        let mut s = sample::workshop(8, 200);
        let primary = recommend(&s).primary.map(|p| p.constraint);
        let first = s.candidates.iter().find(|c| Some(c.constraint) == primary).map(|c| c.id.clone());
        for pick in [None, first] {
            s.first_move = pick;
            let r = recommend(&s);
            let n = 200;
            let t = std::time::Instant::now();
            for _ in 0..n {
                std::hint::black_box(robustness(&s, &r));
            }
            let pass = t.elapsed() / n;
            let t = std::time::Instant::now();
            for _ in 0..n {
                std::hint::black_box(recommend(&s));
            }
            let all = t.elapsed() / n;
            eprintln!(
                "{:?}: {} + {} changes tried, {} flips; robustness {pass:?}; recommend with it {all:?}",
                r.route,
                r.robustness.first_move.checked,
                r.robustness.primary.checked,
                r.robustness.first_move.flip_count
            );
        }
    }
}
