//! What the robustness check reports: the verdicts, the single changes that would flip the
//! decision, and the disagreements worth discussing first. Computed in `robust.rs`.

use serde::Serialize;

use super::ids::{ConstraintId, Dimension, Route};
use super::model::{Candidate, ParticipantId};
use super::rules::Suggestion;
use super::thresholds::FLIPS_SHOWN;

/// A candidate named by id and title (the title as it was when the recommendation was made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateRef {
    pub id: String,
    pub title: String,
}

impl CandidateRef {
    pub fn of(c: &Candidate) -> CandidateRef {
        CandidateRef { id: c.id.clone(), title: c.title.clone() }
    }
}

/// What the check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// There is no such decision on this route (or no primary constraint to test).
    NotApplicable,
    /// The team chose it, so no score changes it (the primary constraint only).
    PickedByTeam,
    /// No single change alters the decision.
    Robust,
    /// At least one single change alters it: see the flips.
    Fragile,
}

/// The result of one robustness check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check<F> {
    pub verdict: Verdict,
    /// How many single changes were tried.
    pub checked: usize,
    /// How many of them would change the decision.
    pub flip_count: usize,
    /// The first `FLIPS_SHOWN` of them: the top candidate's scores first, then the runners-up in
    /// ranking order; within a candidate by dimension, participant, down before up.
    pub flips: Vec<F>,
}

impl<F> Check<F> {
    /// Counts a change that flips the decision, keeping the first `FLIPS_SHOWN` of them.
    pub(super) fn record(&mut self, flip: impl FnOnce() -> F) {
        self.flip_count += 1;
        if self.flips.len() < FLIPS_SHOWN {
            self.flips.push(flip());
        }
    }

    pub(super) fn not_applicable() -> Self {
        Check { verdict: Verdict::NotApplicable, checked: 0, flip_count: 0, flips: Vec::new() }
    }

    pub(super) fn picked_by_team() -> Self {
        Check { verdict: Verdict::PickedByTeam, ..Self::not_applicable() }
    }

    /// How many flips there are beyond the ones listed.
    pub fn more(&self) -> usize {
        self.flip_count - self.flips.len()
    }
}

/// Where the move lands: the route and its candidate, or the candidates tied at the top.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoveOutcome {
    /// First move, Discovery first or Choose the first move.
    pub route: Route,
    pub top: Option<CandidateRef>,
    /// The candidates tied at the top, when that leaves no move (route Choose the first move).
    pub tied: Vec<CandidateRef>,
}

/// One participant's one score moved by one step, which would change the move.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreFlip {
    pub participant: ParticipantId,
    /// The participant's display name.
    pub who: String,
    pub candidate: CandidateRef,
    pub dimension: Dimension,
    pub from: u8,
    pub to: u8,
    /// What the recommendation would then be.
    pub then: MoveOutcome,
}

/// One participant's severity for one constraint moved by one step, which would change the
/// suggested primary constraint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeverityFlip {
    pub participant: ParticipantId,
    pub who: String,
    pub constraint: ConstraintId,
    pub from: u8,
    pub to: u8,
    /// What the suggestion would then be: another constraint, or a tie the team resolves.
    pub then: Suggestion,
}

/// How sure the recommendation is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Robustness {
    /// Score changes on the primary constraint's candidates that change the move (its route,
    /// its candidate, or a tie at the top). Tried on the First move, Discovery first and Choose
    /// the first move routes.
    pub first_move: Check<ScoreFlip>,
    /// Severity changes that change the suggested primary constraint; `PickedByTeam` when the
    /// team chose it.
    pub primary: Check<SeverityFlip>,
    /// Candidates' dimensions that are disputed (spread ≥ `DISCUSS_SPREAD`) and among the flips:
    /// the disagreements worth discussing first. The top candidate first, then ranking order.
    pub discuss_first: Vec<ScoreRef>,
    /// Constraints whose severity is disputed and among the primary flips.
    pub constraints_discuss_first: Vec<ConstraintId>,
}

impl Robustness {
    pub fn none() -> Robustness {
        Robustness {
            first_move: Check::not_applicable(),
            primary: Check::not_applicable(),
            discuss_first: Vec::new(),
            constraints_discuss_first: Vec::new(),
        }
    }

    /// Whether a candidate's dimension is worth discussing first.
    pub fn is_discuss_first(&self, candidate: &str, d: Dimension) -> bool {
        self.discuss_first.iter().any(|x| x.candidate == candidate && x.dimension == d)
    }
}

/// One candidate's scores on one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreRef {
    /// The candidate's id.
    pub candidate: String,
    pub dimension: Dimension,
}
