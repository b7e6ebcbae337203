//! The recommendation: which route the session lands on and, when it is a first move, what it is.

use serde::Serialize;

use super::model::{ConstraintId, Dimension, FilterId, Session, Traction};
use super::playbook::playbook;
use super::rules::{
    self, ConstraintSummary, Medians, Qualification, Suggestion, effective_primary, flags, next_bottleneck,
    qualification, ranking, suggested_primary,
};

pub use super::ids::{Flag, Route};

impl Route {
    pub fn title(self) -> &'static str {
        &playbook().route(self).title
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Warning {
    TractionUnconfirmed,
    PrimaryTied,
}

impl Warning {
    pub fn text(self) -> &'static str {
        let w = &playbook().warnings;
        match self {
            Warning::TractionUnconfirmed => &w.traction_unconfirmed,
            Warning::PrimaryTied => &w.primary_tied,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChosenBy {
    Team,
    Suggestion,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Primary {
    pub constraint: ConstraintId,
    pub chosen_by: ChosenBy,
    /// The pressure filters it touches, and whether each was answered clearly.
    pub touches: Vec<FilterId>,
    pub clear_touches: Vec<FilterId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedCandidate {
    pub id: String,
    pub title: String,
    pub medians: Medians,
    pub lowest: f64,
    pub sum: f64,
    pub flags: Vec<Flag>,
    /// Dimensions whose scores are spread by `DISCUSS_SPREAD` or more.
    pub discuss: Vec<Dimension>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub route: Route,
    pub warnings: Vec<Warning>,
    pub qualification: Qualification,
    pub constraints: Vec<ConstraintSummary>,
    pub suggestion: Suggestion,
    pub primary: Option<Primary>,
    pub next_bottleneck: Option<ConstraintId>,
    /// The primary constraint's fully scored candidates, best first.
    pub ranking: Vec<RankedCandidate>,
    /// Candidates of the primary constraint still missing a score on some dimension.
    pub unscored: Vec<String>,
    /// The top candidate's id, for the first-move and discovery routes.
    pub top: Option<String>,
}

impl Recommendation {
    pub fn top_candidate(&self) -> Option<&RankedCandidate> {
        let id = self.top.as_deref()?;
        self.ranking.iter().find(|c| c.id == id)
    }
}

pub fn recommend(s: &Session) -> Recommendation {
    let qualification = qualification(s);
    let suggestion = suggested_primary(s);
    let mut warnings = Vec::new();
    if s.gate.traction != Some(Traction::Yes) {
        warnings.push(Warning::TractionUnconfirmed);
    }
    if s.primary_constraint.is_none() && matches!(suggestion, Suggestion::Tie(_)) {
        warnings.push(Warning::PrimaryTied);
    }

    let primary = effective_primary(s).map(|constraint| {
        let touches = playbook().constraint(constraint).touches.clone();
        Primary {
            constraint,
            chosen_by: if s.primary_constraint.is_some() { ChosenBy::Team } else { ChosenBy::Suggestion },
            clear_touches: touches.iter().copied().filter(|f| qualification.clear.contains(f)).collect(),
            touches,
        }
    });

    let (ranking, unscored) = match &primary {
        Some(p) => {
            let ranked = ranking(s, p.constraint)
                .into_iter()
                .map(|(i, m)| {
                    let c = &s.candidates[i];
                    RankedCandidate {
                        id: c.id.clone(),
                        title: c.title.clone(),
                        lowest: m.lowest(),
                        sum: m.sum(),
                        flags: flags(c, Some(&m)),
                        discuss: Dimension::ALL
                            .iter()
                            .copied()
                            .filter(|&d| rules::tally(c, d).is_some_and(|t| t.discuss()))
                            .collect(),
                        medians: m,
                    }
                })
                .collect::<Vec<_>>();
            let unscored = s
                .candidates
                .iter()
                .filter(|c| c.constraint == p.constraint && rules::medians(c).is_none())
                .map(|c| c.id.clone())
                .collect();
            (ranked, unscored)
        }
        None => (Vec::new(), Vec::new()),
    };

    let top = ranking.first();
    let route = if s.gate.traction == Some(Traction::No) {
        Route::MvpFirst
    } else if s.gate.ai_question == Some(true) {
        Route::AiProofOfConceptFirst
    } else if !qualification.qualified {
        Route::CollectEvidenceFirst
    } else if primary.is_none() {
        Route::ChoosePrimaryConstraint
    } else if let Some(top) = top {
        if !top.flags.is_empty() || top.lowest < rules::DISCOVERY_BELOW {
            Route::DiscoveryFirst
        } else {
            Route::FirstMove
        }
    } else {
        Route::NoCandidateYet
    };

    Recommendation {
        route,
        warnings,
        constraints: rules::constraint_summaries(s),
        next_bottleneck: primary.as_ref().and_then(|p| next_bottleneck(s, p.constraint)),
        top: match route {
            Route::DiscoveryFirst | Route::FirstMove => top.map(|c| c.id.clone()),
            _ => None,
        },
        qualification,
        suggestion,
        primary,
        ranking,
        unscored,
    }
}
