//! The method's words: every prompt, table and help text, read from `assets/playbook.json`.
//!
//! The asset is compiled in, so the binary needs no files beside it; a test checks that it
//! parses and covers every filter, constraint, dimension, route and flag the rules know.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::ids::{
    Clarity, ConstraintId, Decision, Dimension, EvidenceKind, FilterId, Flag, QuestionId, Route,
};

const PLAYBOOK_JSON: &str = include_str!("../../assets/playbook.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    pub tagline: String,
    pub gate: GateTexts,
    pub filters: Vec<FilterText>,
    pub clarity: Vec<Named<Clarity>>,
    pub evidence_kinds: Vec<Named<EvidenceKind>>,
    pub constraints: Vec<ConstraintText>,
    pub dimensions: Vec<DimensionText>,
    pub questions: Vec<QuestionText>,
    pub phases: Vec<PhaseText>,
    pub routes: Vec<RouteText>,
    pub flags: Vec<FlagText>,
    pub warnings: WarningTexts,
    pub decisions: Vec<Named<Decision>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GateTexts {
    pub traction: Prompt,
    pub ai_question: Prompt,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub prompt: String,
    pub help: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterText {
    pub id: FilterId,
    pub name: String,
    pub question: String,
    pub clear_looks_like: String,
    pub example: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named<T> {
    pub id: T,
    pub name: String,
    #[serde(default)]
    pub meaning: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConstraintText {
    pub id: ConstraintId,
    pub name: String,
    pub looks_like: String,
    pub improve_first: String,
    pub touches: Vec<FilterId>,
    pub checklist: Vec<ChecklistItem>,
    pub suggestions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionText {
    pub id: Dimension,
    pub name: String,
    pub short: String,
    pub question: String,
    /// Meaning of the scores 1, 3 and 5.
    pub anchors: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionText {
    pub id: QuestionId,
    pub name: String,
    pub prompt: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseText {
    pub days: String,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteText {
    pub id: Route,
    pub title: String,
    pub summary: String,
    pub next: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagText {
    pub id: Flag,
    pub name: String,
    /// For narrow tables.
    pub short: String,
    pub meaning: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarningTexts {
    pub traction_unconfirmed: String,
    pub primary_tied: String,
}

/// The embedded playbook, parsed once.
pub fn playbook() -> &'static Playbook {
    static CELL: OnceLock<Playbook> = OnceLock::new();
    CELL.get_or_init(|| {
        // The asset is part of the binary and checked by tests, so failure is a build defect.
        serde_json::from_str(PLAYBOOK_JSON).expect("assets/playbook.json is valid")
    })
}

impl Playbook {
    pub fn filter(&self, id: FilterId) -> &FilterText {
        self.filters.iter().find(|f| f.id == id).expect("playbook covers every filter")
    }

    pub fn constraint(&self, id: ConstraintId) -> &ConstraintText {
        self.constraints.iter().find(|c| c.id == id).expect("playbook covers every constraint")
    }

    pub fn dimension(&self, id: Dimension) -> &DimensionText {
        self.dimensions.iter().find(|d| d.id == id).expect("playbook covers every dimension")
    }

    pub fn route(&self, id: Route) -> &RouteText {
        self.routes.iter().find(|r| r.id == id).expect("playbook covers every route")
    }

    pub fn flag(&self, id: Flag) -> &FlagText {
        self.flags.iter().find(|f| f.id == id).expect("playbook covers every flag")
    }

    pub fn clarity(&self, id: Clarity) -> &Named<Clarity> {
        self.clarity.iter().find(|c| c.id == id).expect("playbook covers every clarity")
    }

    pub fn evidence_kind(&self, id: EvidenceKind) -> &Named<EvidenceKind> {
        self.evidence_kinds.iter().find(|c| c.id == id).expect("playbook covers every evidence kind")
    }

    pub fn decision(&self, id: Decision) -> &Named<Decision> {
        self.decisions.iter().find(|c| c.id == id).expect("playbook covers every decision")
    }

    pub fn question(&self, id: QuestionId) -> &QuestionText {
        self.questions.iter().find(|q| q.id == id).expect("playbook covers every question")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn playbook_parses_and_covers_every_id() {
        let p = playbook();
        for &f in FilterId::ALL {
            assert!(!p.filter(f).question.is_empty());
        }
        for &c in ConstraintId::ALL {
            let t = p.constraint(c);
            assert!(!t.touches.is_empty(), "{c:?} touches no filter");
            assert!(!t.checklist.is_empty(), "{c:?} has no checklist");
            assert!(!t.suggestions.is_empty(), "{c:?} has no suggestions");
        }
        for &d in Dimension::ALL {
            let anchors = &p.dimension(d).anchors;
            assert_eq!(anchors.keys().map(String::as_str).collect::<Vec<_>>(), ["1", "3", "5"]);
        }
        for &r in Route::ALL {
            assert!(!p.route(r).title.is_empty());
        }
        for &f in Flag::ALL {
            assert!(!p.flag(f).name.is_empty());
        }
        for &c in Clarity::ALL {
            p.clarity(c);
        }
        for &e in EvidenceKind::ALL {
            p.evidence_kind(e);
        }
        for &d in Decision::ALL {
            p.decision(d);
        }
        for &q in QuestionId::ALL {
            p.question(q);
        }
        assert_eq!(p.phases.len(), 3);
    }

    #[test]
    fn constraint_touches_match_the_method() {
        use ConstraintId::*;
        use FilterId::*;
        let p = playbook();
        assert_eq!(p.constraint(Activation).touches, [Revenue, Retention]);
        assert_eq!(p.constraint(Adoption).touches, [Revenue, Retention]);
        assert_eq!(p.constraint(Reliability).touches, [Trust]);
        assert_eq!(p.constraint(Operations).touches, [Operational]);
        assert_eq!(p.constraint(Throughput).touches, [Planning]);
    }
}
