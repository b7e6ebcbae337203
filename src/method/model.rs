//! The session: everything a team decides in one sitting, as it is saved.
//!
//! Field order here is the order in the JSON file, so keep it readable top to bottom.
//! Maps are `BTreeMap` so a saved file diffs cleanly in git.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The schema this build writes. Older files are migrated on load (see `store::migrate`).
pub const SCHEMA_VERSION: u32 = 3;

pub use super::ids::*;

pub type ParticipantId = String;

/// The day a session's check-ins are read on: one dated after it counts nowhere, as an
/// impossible date does ("a check-in records what has happened"). Not data: set by whoever
/// reads the clock (the store when it reads a file, the wizard and plain mode when they date a
/// decision or a check-in), never saved, and equal whatever its day, so that a session read
/// today compares equal to the same session read tomorrow. `None`: no clock (pure tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct AsOf(pub Option<jiff::civil::Date>);

impl PartialEq for AsOf {
    fn eq(&self, _: &AsOf) -> bool {
        true
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub schema_version: u32,
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub product: String,
    #[serde(default)]
    pub facilitator: String,
    pub participants: Vec<Participant>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub cursor: Cursor,
    #[serde(default)]
    pub gate: Gate,
    pub filters: Vec<FilterAnswer>,
    pub constraints: Vec<ConstraintAssessment>,
    #[serde(default)]
    pub primary_constraint: Option<ConstraintId>,
    #[serde(default)]
    pub candidates: Vec<Candidate>,
    /// The team's pick of the first move (a candidate id), as with the primary constraint: it
    /// settles a tie at the top of the ranking, or overrides it. It counts only while it names a
    /// fully scored candidate of the primary constraint; otherwise the ranking decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_move: Option<String>,
    #[serde(default)]
    pub check_ins: Vec<CheckIn>,
    // Follow-through (method/followup.rs, method/metric.rs): the decision and its prediction,
    // each candidate's metric in numbers, and the link to the previous cycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_through: Option<super::followup::FollowThrough>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub measures: BTreeMap<String, super::metric::Measure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_over: Option<super::followup::CarriedOver>,
    /// Workshop mode: private rounds, the timebox, the decisions log (`method::workshop`).
    #[serde(default, skip_serializing_if = "super::workshop::Workshop::is_empty")]
    pub workshop: super::workshop::Workshop,
    #[serde(skip)]
    pub as_of: AsOf,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: ParticipantId,
    pub name: String,
}

/// Where the wizard was when the session was last saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cursor {
    pub step: Step,
    #[serde(default)]
    pub field: usize,
    /// The candidate being edited on the candidates step, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor { step: Step::Setup, field: 0, candidate: None }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    pub traction: Option<Traction>,
    pub ai_question: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterAnswer {
    pub filter: FilterId,
    #[serde(default)]
    pub answer: String,
    pub clarity: Clarity,
    #[serde(default)]
    pub evidence: Option<EvidenceKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConstraintAssessment {
    pub constraint: ConstraintId,
    /// Severity 1–5 from each participant who rated it.
    #[serde(default)]
    pub severity: BTreeMap<ParticipantId, u8>,
    #[serde(default)]
    pub evidence: String,
}

/// One participant's four scores for a candidate; a dimension not yet scored is absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<u8>,
}

impl Scores {
    pub fn get(&self, d: Dimension) -> Option<u8> {
        match d {
            Dimension::Impact => self.impact,
            Dimension::Evidence => self.evidence,
            Dimension::Confidence => self.confidence,
            Dimension::Timing => self.timing,
        }
    }

    pub fn set(&mut self, d: Dimension, v: Option<u8>) {
        let slot = match d {
            Dimension::Impact => &mut self.impact,
            Dimension::Evidence => &mut self.evidence,
            Dimension::Confidence => &mut self.confidence,
            Dimension::Timing => &mut self.timing,
        };
        *slot = v;
    }

    pub fn is_empty(&self) -> bool {
        Dimension::ALL.iter().all(|d| self.get(*d).is_none())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    pub id: String,
    pub title: String,
    pub constraint: ConstraintId,
    #[serde(default)]
    pub scores: BTreeMap<ParticipantId, Scores>,
    /// Which user behaviour should change.
    #[serde(default)]
    pub behavior: String,
    /// Which business metric proves it mattered.
    #[serde(default)]
    pub metric: String,
    /// Which technical or operational risk could block it.
    #[serde(default)]
    pub risk: String,
    /// Ids of the engineering-checklist items the team ticked.
    #[serde(default)]
    pub checklist: Vec<String>,
    #[serde(default)]
    pub baseline: String,
    #[serde(default)]
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    /// The day the check-in was held (YYYY-MM-DD).
    pub date: String,
    /// "day 30", "day 60", "day 90" or free text.
    #[serde(default)]
    pub label: String,
    /// The success metric's value on that day.
    #[serde(default)]
    pub metric_value: String,
    #[serde(default)]
    pub adoption: String,
    #[serde(default)]
    pub quality: String,
    #[serde(default)]
    pub speed: String,
    #[serde(default)]
    pub support_load: String,
    #[serde(default)]
    pub technical_health: String,
    #[serde(default)]
    pub decision: Option<Decision>,
}

impl CheckIn {
    /// Nothing recorded: no value, label, notes or decision. Its date alone says nothing
    /// happened, so an empty check-in counts nowhere (the timeline, progress, the outcome,
    /// the prediction, the step's done flag, the report).
    pub fn is_empty(&self) -> bool {
        let CheckIn {
            date: _,
            label,
            metric_value,
            adoption,
            quality,
            speed,
            support_load,
            technical_health,
            decision,
        } = self;
        decision.is_none()
            && [label, metric_value, adoption, quality, speed, support_load, technical_health]
                .iter()
                .all(|t| t.trim().is_empty())
    }
}

impl Session {
    /// A blank session with one participant, stamped `now` (RFC 3339).
    pub fn new(id: String, name: String, now: String) -> Session {
        Session {
            schema_version: SCHEMA_VERSION,
            id,
            name,
            product: String::new(),
            facilitator: String::new(),
            participants: vec![Participant { id: "p1".into(), name: String::new() }],
            created_at: now.clone(),
            updated_at: now,
            cursor: Cursor::default(),
            gate: Gate::default(),
            filters: FilterId::ALL
                .iter()
                .map(|&filter| FilterAnswer {
                    filter,
                    answer: String::new(),
                    clarity: Clarity::Unanswered,
                    evidence: None,
                })
                .collect(),
            constraints: ConstraintId::ALL
                .iter()
                .map(|&constraint| ConstraintAssessment {
                    constraint,
                    severity: BTreeMap::new(),
                    evidence: String::new(),
                })
                .collect(),
            primary_constraint: None,
            candidates: Vec::new(),
            first_move: None,
            check_ins: Vec::new(),
            follow_through: None,
            measures: BTreeMap::new(),
            previous: None,
            carried_over: None,
            workshop: Default::default(),
            as_of: AsOf::default(),
        }
    }

    /// Reads the check-ins as of `today` (`YYYY-MM-DD`; anything else leaves no day).
    pub fn read_as_of(&mut self, today: &str) {
        self.as_of = AsOf(super::dates::parse(today).ok());
    }

    pub fn filter(&self, id: FilterId) -> &FilterAnswer {
        // `validate` guarantees one entry per filter, in order.
        &self.filters[id.index()]
    }

    pub fn filter_mut(&mut self, id: FilterId) -> &mut FilterAnswer {
        &mut self.filters[id.index()]
    }

    pub fn constraint(&self, id: ConstraintId) -> &ConstraintAssessment {
        &self.constraints[id.index()]
    }

    pub fn constraint_mut(&mut self, id: ConstraintId) -> &mut ConstraintAssessment {
        &mut self.constraints[id.index()]
    }

    /// A participant's display name: their name, or "Participant N" while it is blank.
    pub fn participant_label(&self, index: usize) -> String {
        match self.participants.get(index) {
            Some(p) if !p.name.trim().is_empty() => p.name.trim().to_string(),
            _ => format!("Participant {}", index + 1),
        }
    }

    pub fn candidate_index(&self, id: &str) -> Option<usize> {
        self.candidates.iter().position(|c| c.id == id)
    }
}
