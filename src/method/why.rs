//! Why the move is the move: the rule that put it on top, its weakest dimension, and the scores
//! the room disagrees on, with who holds the extremes. Pure data; `wording` makes sentences.

use serde::Serialize;

use super::ids::{Dimension, RankKey};
use super::model::{ParticipantId, Session};
use super::recommend::{ChosenBy, Recommendation};
use super::robust::{CandidateRef, Robustness};
use super::rules::{self, deciding_key};
use super::thresholds::{DISCOVERY_BELOW, FLAG_HIGH};

/// The explanation of the top candidate, on the First move and Discovery first routes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Why {
    pub decided_by: DecidedBy,
    pub weakest: Weakest,
    /// Its dimensions with a spread of `DISCUSS_SPREAD` or more, in dimension order.
    pub disputed: Vec<Disputed>,
}

/// What put the candidate on top.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum DecidedBy {
    /// It is the only fully scored candidate of the primary constraint.
    OnlyCandidate,
    /// The ranking: against the runner-up, `key` is the first key that differs; `ties_on` are
    /// the keys before it, where the two are equal.
    Ranking { runner_up: CandidateRef, key: RankKey, top: f64, other: f64, ties_on: Vec<KeyValue> },
    /// The team's pick settled a tie at the top with these candidates.
    TeamPickFromTie { tied_with: Vec<CandidateRef> },
    /// The team's pick, over the candidate(s) the ranking puts first.
    TeamPickOverRanking { ranking_first: Vec<CandidateRef> },
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KeyValue {
    pub key: RankKey,
    pub value: f64,
}

/// The candidate's lowest median and where it is, stated against the thresholds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weakest {
    /// Every dimension at the lowest median.
    pub dimensions: Vec<Dimension>,
    pub median: f64,
    /// Below `DISCOVERY_BELOW`: the move needs discovery first.
    pub below_discovery: bool,
    /// At or above `FLAG_HIGH`: high on every dimension.
    pub high: bool,
}

/// A disputed dimension of the candidate and who holds its lowest and highest scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disputed {
    pub dimension: Dimension,
    pub median: f64,
    pub spread: u8,
    pub low: Extreme,
    pub high: Extreme,
    /// A one-step move of one of its scores would change the move (see `Robustness`).
    pub discuss_first: bool,
}

/// A score and everyone who gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extreme {
    pub score: u8,
    pub participants: Vec<ParticipantId>,
    /// Their display names, in the session's order of participants.
    pub who: Vec<String>,
}

/// The explanation of `r`'s top candidate, when the route has one.
pub fn why(s: &Session, r: &Recommendation, robust: &Robustness) -> Option<Why> {
    let top = r.top_candidate()?;
    let c = s.candidates.iter().find(|c| c.id == top.id)?;
    let named = |ids: &[&str]| -> Vec<CandidateRef> {
        r.ranking
            .iter()
            .filter(|x| ids.contains(&x.id.as_str()))
            .map(|x| CandidateRef { id: x.id.clone(), title: x.title.clone() })
            .collect()
    };
    let by_team = r.top_chosen_by == Some(ChosenBy::Team);
    let tied: Vec<&str> = r.top_tied.iter().map(String::as_str).collect();
    let decided_by = if r.ranking.len() == 1 {
        DecidedBy::OnlyCandidate
    } else if by_team && tied.contains(&top.id.as_str()) {
        let others: Vec<&str> = tied.iter().copied().filter(|id| *id != top.id).collect();
        DecidedBy::TeamPickFromTie { tied_with: named(&others) }
    } else if by_team && r.ranking[0].id != top.id {
        let first = if tied.is_empty() { vec![r.ranking[0].id.as_str()] } else { tied };
        DecidedBy::TeamPickOverRanking { ranking_first: named(&first) }
    } else {
        // The top heads the ranking alone (the team may have picked it too): against the next.
        let next = &r.ranking[1];
        let (a, b) = (&top.medians, &next.medians);
        match deciding_key(a, b) {
            Some(key) => DecidedBy::Ranking {
                runner_up: CandidateRef { id: next.id.clone(), title: next.title.clone() },
                key,
                top: a.key(key),
                other: b.key(key),
                ties_on: RankKey::ALL
                    .iter()
                    .take_while(|&&k| k != key)
                    .map(|&k| KeyValue { key: k, value: a.key(k) })
                    .collect(),
            },
            // Tied on every key yet alone on top: only a team pick does that, handled above.
            None => DecidedBy::TeamPickFromTie { tied_with: named(&[next.id.as_str()]) },
        }
    };

    let median = top.lowest;
    let weakest = Weakest {
        dimensions: Dimension::ALL.iter().copied().filter(|&d| top.medians.get(d) == median).collect(),
        median,
        below_discovery: median < DISCOVERY_BELOW,
        high: median >= FLAG_HIGH,
    };

    let disputed = Dimension::ALL
        .iter()
        .filter_map(|&d| {
            let t = rules::tally(c, d).filter(|t| t.discuss())?;
            let given: Vec<(usize, &ParticipantId, u8)> = s
                .participants
                .iter()
                .enumerate()
                .filter_map(|(i, p)| Some((i, &p.id, c.scores.get(&p.id)?.get(d)?)))
                .collect();
            let extreme = |score: u8| Extreme {
                score,
                participants: given.iter().filter(|g| g.2 == score).map(|g| g.1.clone()).collect(),
                who: given.iter().filter(|g| g.2 == score).map(|g| s.participant_label(g.0)).collect(),
            };
            let lo = given.iter().map(|g| g.2).min()?;
            let hi = given.iter().map(|g| g.2).max()?;
            Some(Disputed {
                dimension: d,
                median: t.median,
                spread: t.spread,
                low: extreme(lo),
                high: extreme(hi),
                discuss_first: robust.is_discuss_first(&c.id, d),
            })
        })
        .collect();

    Some(Why { decided_by, weakest, disputed })
}
