//! The method's arithmetic: medians, spreads, qualification, the primary constraint and ranking.
//! Everything here is a pure function of a `Session`.

use std::cmp::Ordering;

use serde::Serialize;

use super::model::{Candidate, Clarity, ConstraintId, Dimension, FilterId, Session};
use super::playbook::playbook;

pub use super::ids::{Flag, RankKey};

pub use super::thresholds::*;

/// Median and spread of a set of scores; `None` when nobody scored.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Tally {
    pub median: f64,
    pub spread: u8,
    pub count: usize,
}

impl Tally {
    pub fn of(scores: impl IntoIterator<Item = u8>) -> Option<Tally> {
        // Tallies run for every candidate on every change: a room's worth of scores is
        // gathered on the stack, and only a larger group needs the heap.
        let mut room = [0u8; 32];
        let mut n = 0;
        let mut scores = scores.into_iter();
        for x in scores.by_ref() {
            if n == room.len() {
                let mut v = room.to_vec();
                v.push(x);
                v.extend(scores);
                return Tally::of_slice(&mut v);
            }
            room[n] = x;
            n += 1;
        }
        Tally::of_slice(&mut room[..n])
    }

    /// The tally of `v`, which it sorts in place (no allocation).
    pub fn of_slice(v: &mut [u8]) -> Option<Tally> {
        if v.is_empty() {
            return None;
        }
        v.sort_unstable();
        let n = v.len();
        let median = if n % 2 == 1 {
            f64::from(v[n / 2])
        } else {
            (f64::from(v[n / 2 - 1]) + f64::from(v[n / 2])) / 2.0
        };
        Some(Tally { median, spread: v[n - 1] - v[0], count: n })
    }

    pub fn discuss(&self) -> bool {
        self.spread >= DISCUSS_SPREAD
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Qualification {
    pub qualified: bool,
    pub clear: Vec<FilterId>,
    /// Every filter not answered `clear`, with its clarity: `vague` and `unanswered` first, then
    /// `partial`, each group in the filters' order.
    pub unclear: Vec<UnclearFilter>,
}

/// A pressure filter the team could not answer clearly, and how clearly it did answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct UnclearFilter {
    pub filter: FilterId,
    pub clarity: Clarity,
}

impl UnclearFilter {
    /// `vague` or `unanswered`: what the qualification rule limits.
    pub fn is_vague_or_unanswered(&self) -> bool {
        matches!(self.clarity, Clarity::Vague | Clarity::Unanswered)
    }
}

impl Qualification {
    /// How many filters are answered `vague` or `unanswered`: the count the rule limits.
    pub fn vague_or_unanswered(&self) -> usize {
        self.unclear.iter().filter(|u| u.is_vague_or_unanswered()).count()
    }
}

/// Qualified when at least `QUALIFY_MIN_CLEAR` filters are clear and at most `QUALIFY_MAX_VAGUE`
/// are vague or unanswered. Every filter that is not clear is named among the unclear ones.
pub fn qualification(s: &Session) -> Qualification {
    let clear: Vec<FilterId> =
        s.filters.iter().filter(|f| f.clarity == Clarity::Clear).map(|f| f.filter).collect();
    let mut unclear: Vec<UnclearFilter> = s
        .filters
        .iter()
        .filter(|f| f.clarity != Clarity::Clear)
        .map(|f| UnclearFilter { filter: f.filter, clarity: f.clarity })
        .collect();
    // A stable sort: vague and unanswered first, the filters' order kept within each group.
    unclear.sort_by_key(|u| !u.is_vague_or_unanswered());
    let mut q = Qualification { qualified: false, clear, unclear };
    q.qualified = q.clear.len() >= QUALIFY_MIN_CLEAR && q.vague_or_unanswered() <= QUALIFY_MAX_VAGUE;
    q
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConstraintSummary {
    pub constraint: ConstraintId,
    pub severity: Option<Tally>,
    /// How many of the pressure filters this constraint touches were answered `clear`.
    pub clear_pressures: usize,
}

impl ConstraintSummary {
    fn median(&self) -> f64 {
        self.severity.map_or(0.0, |t| t.median)
    }

    /// The method's ordering: higher median first, then more clear pressures touched.
    fn rank_cmp(&self, other: &Self) -> Ordering {
        other.median().total_cmp(&self.median()).then(other.clear_pressures.cmp(&self.clear_pressures))
    }
}

pub fn constraint_summaries(s: &Session) -> Vec<ConstraintSummary> {
    let q = qualification(s);
    ConstraintId::ALL
        .iter()
        .map(|&id| ConstraintSummary {
            constraint: id,
            severity: Tally::of(s.constraint(id).severity.values().copied()),
            clear_pressures: playbook().constraint(id).touches.iter().filter(|f| q.clear.contains(f)).count(),
        })
        .collect()
}

/// What the numbers say about the primary constraint. Serialized as
/// `{"kind": "no_ratings" | "one" | "tie", "constraints": [...]}`: `constraints` is a list
/// whatever the kind (empty, one, or the tied ones), so a reader never checks its type.
#[derive(Debug, Clone, PartialEq)]
pub enum Suggestion {
    /// Nobody has rated any constraint yet.
    NoRatings,
    /// One constraint leads.
    One(ConstraintId),
    /// These lead with the same median and the same number of clear pressures.
    Tie(Vec<ConstraintId>),
}

impl Serialize for Suggestion {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (kind, constraints) = match self {
            Suggestion::NoRatings => ("no_ratings", &[][..]),
            Suggestion::One(c) => ("one", std::slice::from_ref(c)),
            Suggestion::Tie(v) => ("tie", v.as_slice()),
        };
        let mut st = ser.serialize_struct("Suggestion", 2)?;
        st.serialize_field("kind", kind)?;
        st.serialize_field("constraints", constraints)?;
        st.end()
    }
}

impl Suggestion {
    pub fn unique(&self) -> Option<ConstraintId> {
        match self {
            Suggestion::One(c) => Some(*c),
            _ => None,
        }
    }
}

/// Constraints someone rated, best first by the method's ordering (stable on ties).
fn ordered(s: &Session) -> Vec<ConstraintSummary> {
    let mut v: Vec<_> = constraint_summaries(s).into_iter().filter(|c| c.severity.is_some()).collect();
    v.sort_by(ConstraintSummary::rank_cmp);
    v
}

pub fn suggested_primary(s: &Session) -> Suggestion {
    lead(&ordered(s))
}

/// The suggestion from a set of summaries (one per constraint, as `constraint_summaries` gives
/// them): the same rule as `suggested_primary`, for a what-if on the severities.
pub fn suggest(summaries: &[ConstraintSummary]) -> Suggestion {
    let mut v: Vec<_> = summaries.iter().filter(|c| c.severity.is_some()).cloned().collect();
    v.sort_by(ConstraintSummary::rank_cmp);
    lead(&v)
}

/// What leads `v` (ordered best first): one constraint, a tie on both keys, or nothing rated.
fn lead(v: &[ConstraintSummary]) -> Suggestion {
    let Some(first) = v.first() else { return Suggestion::NoRatings };
    let tied: Vec<_> =
        v.iter().take_while(|c| c.rank_cmp(first) == Ordering::Equal).map(|c| c.constraint).collect();
    if tied.len() == 1 { Suggestion::One(tied[0]) } else { Suggestion::Tie(tied) }
}

/// The team's pick, or else the unique suggestion.
pub fn effective_primary(s: &Session) -> Option<ConstraintId> {
    s.primary_constraint.or_else(|| suggested_primary(s).unique())
}

/// The runner-up to `primary` by the same ordering, among the other rated constraints: one, a
/// tie on both keys (no single next bottleneck), or none.
pub fn runner_up(s: &Session, primary: ConstraintId) -> Suggestion {
    let others: Vec<_> = ordered(s).into_iter().filter(|c| c.constraint != primary).collect();
    lead(&others)
}

/// The single next bottleneck after `primary`, if one constraint is the runner-up alone.
pub fn next_bottleneck(s: &Session, primary: ConstraintId) -> Option<ConstraintId> {
    runner_up(s, primary).unique()
}

/// Group medians of a candidate on each dimension.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Medians {
    pub impact: f64,
    pub evidence: f64,
    pub confidence: f64,
    pub timing: f64,
}

impl Medians {
    pub fn get(&self, d: Dimension) -> f64 {
        match d {
            Dimension::Impact => self.impact,
            Dimension::Evidence => self.evidence,
            Dimension::Confidence => self.confidence,
            Dimension::Timing => self.timing,
        }
    }

    pub fn lowest(&self) -> f64 {
        Dimension::ALL.iter().map(|&d| self.get(d)).fold(f64::INFINITY, f64::min)
    }

    pub fn sum(&self) -> f64 {
        Dimension::ALL.iter().map(|&d| self.get(d)).sum()
    }

    /// The average of the four medians: shown beside the lowest so the room sees why "high on
    /// all four" can beat "high on average". It ranks nothing.
    pub fn mean(&self) -> f64 {
        self.sum() / Dimension::ALL.len() as f64
    }

    /// The value of one ranking key.
    pub fn key(&self, k: RankKey) -> f64 {
        match k {
            RankKey::LowestMedian => self.lowest(),
            RankKey::Sum => self.sum(),
            RankKey::Evidence => self.evidence,
        }
    }
}

pub fn tally(c: &Candidate, d: Dimension) -> Option<Tally> {
    Tally::of(c.scores.values().filter_map(|s| s.get(d)))
}

/// A candidate's tallies on the four dimensions, in `Dimension::ALL`'s order.
pub type Tallies = [Option<Tally>; 4];

pub fn tallies(c: &Candidate) -> Tallies {
    std::array::from_fn(|k| tally(c, Dimension::ALL[k]))
}

/// Medians on all four dimensions, or `None` while any dimension has no score at all.
pub fn medians(c: &Candidate) -> Option<Medians> {
    medians_of(&tallies(c))
}

/// [`medians`] from tallies already made.
pub fn medians_of(t: &Tallies) -> Option<Medians> {
    let m = |k: usize| t[k].map(|t| t.median);
    Some(Medians { impact: m(0)?, evidence: m(1)?, confidence: m(2)?, timing: m(3)? })
}

/// True while one of behaviour, metric or risk is blank.
pub fn has_open_questions(c: &Candidate) -> bool {
    [&c.behavior, &c.metric, &c.risk].iter().any(|a| a.trim().is_empty())
}

pub fn flags(c: &Candidate, m: Option<&Medians>) -> Vec<Flag> {
    let mut out = m.map(score_flags).unwrap_or_default();
    if has_open_questions(c) {
        out.push(Flag::NeedsDiscovery);
    }
    out
}

/// The flags the medians alone raise (not *needs discovery*, which the questions raise).
pub fn score_flags(m: &Medians) -> Vec<Flag> {
    let mut out = Vec::new();
    if m.impact >= FLAG_HIGH && m.evidence <= FLAG_LOW {
        out.push(Flag::ExcitingButUnproven);
    }
    if m.confidence >= FLAG_HIGH && (m.impact <= FLAG_LOW || m.timing <= FLAG_LOW) {
        out.push(Flag::EasyButDisconnected);
    }
    out
}

/// "High across all four beats high on average": lowest median, then sum, then evidence.
pub fn rank_cmp(a: &Medians, b: &Medians) -> Ordering {
    keys_cmp(&rank_keys(a), &rank_keys(b))
}

/// The three ranking keys of `m`, in `RankKey::ALL` order.
pub fn rank_keys(m: &Medians) -> [f64; 3] {
    [m.key(RankKey::LowestMedian), m.key(RankKey::Sum), m.key(RankKey::Evidence)]
}

/// `rank_cmp` on precomputed keys: the higher value on the first key that differs comes first.
pub fn keys_cmp(a: &[f64; 3], b: &[f64; 3]) -> Ordering {
    b[0].total_cmp(&a[0]).then(b[1].total_cmp(&a[1])).then(b[2].total_cmp(&a[2]))
}

/// The first ranking key on which `a` and `b` differ (the one that orders them), or `None` when
/// they tie on all three. Agrees with `rank_cmp`, which a test checks.
pub fn deciding_key(a: &Medians, b: &Medians) -> Option<RankKey> {
    RankKey::ALL.iter().copied().find(|&k| a.key(k).total_cmp(&b.key(k)) != Ordering::Equal)
}

/// How many of `ranked` (best first) tie with the first on all three ranking keys, the first
/// included: 0 for none, 1 for a clear top, 2 or more for a tie the team resolves.
pub fn tied_at_top(ranked: &[Medians]) -> usize {
    ranked.first().map_or(0, |top| ranked.iter().take_while(|m| rank_cmp(top, m) == Ordering::Equal).count())
}

/// Indices of the fully scored candidates of `constraint`, best first (stable on ties).
pub fn ranking(s: &Session, constraint: ConstraintId) -> Vec<(usize, Medians)> {
    let tallies: Vec<Tallies> = s.candidates.iter().map(tallies).collect();
    ranking_of(s, constraint, &tallies)
}

/// [`ranking`] from each candidate's tallies (`tallies[i]` for `s.candidates[i]`).
pub fn ranking_of(s: &Session, constraint: ConstraintId, tallies: &[Tallies]) -> Vec<(usize, Medians)> {
    let mut v: Vec<_> = s
        .candidates
        .iter()
        .zip(tallies)
        .enumerate()
        .filter(|(_, (c, _))| c.constraint == constraint)
        .filter_map(|(i, (_, t))| Some((i, medians_of(t)?)))
        .collect();
    v.sort_by(|a, b| rank_cmp(&a.1, &b.1));
    v
}
