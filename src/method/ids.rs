//! The method's vocabularies: every fixed set of ids a session, the playbook and the rules share.
//!
//! This module depends on nothing else in `method`, so the playbook (words) and the rules
//! (numbers) can both name a route or a flag without needing each other.

use serde::{Deserialize, Serialize};

macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The id used in files and in the playbook.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            pub fn index(self) -> usize {
                Self::ALL.iter().position(|v| *v == self).unwrap_or(0)
            }
        }
    };
}

id_enum!(
    /// The five pressure filters.
    FilterId {
        Revenue => "revenue",
        Retention => "retention",
        Trust => "trust",
        Operational => "operational",
        Planning => "planning",
    }
);

id_enum!(
    /// The five constraints.
    ConstraintId {
        Activation => "activation",
        Adoption => "adoption",
        Reliability => "reliability",
        Operations => "operations",
        Throughput => "throughput",
    }
);

id_enum!(
    /// The four scoring dimensions of a candidate.
    Dimension {
        Impact => "impact",
        Evidence => "evidence",
        Confidence => "confidence",
        Timing => "timing",
    }
);

id_enum!(
    /// The ranking's keys, in the order they decide: the lowest of a candidate's four medians,
    /// then their sum, then the Evidence strength median.
    RankKey {
        LowestMedian => "lowest_median",
        Sum => "sum",
        Evidence => "evidence",
    }
);

id_enum!(
    /// How clear a pressure filter's answer is.
    Clarity {
        Clear => "clear",
        Partial => "partial",
        Vague => "vague",
        Unanswered => "unanswered",
    }
);

id_enum!(
    /// What kind of evidence stands behind a filter answer.
    EvidenceKind {
        UsageData => "usage_data",
        CustomerFeedback => "customer_feedback",
        SupportData => "support_data",
        SalesEvidence => "sales_evidence",
        None => "none",
    }
);

id_enum!(
    /// Gate answer to "does the product have traction?".
    Traction {
        Yes => "yes",
        No => "no",
        Unsure => "unsure",
    }
);

id_enum!(
    /// What the team decides at a check-in.
    Decision {
        Continue => "continue",
        Refine => "refine",
        MoveOn => "move_on",
    }
);

id_enum!(
    /// Which way the success metric should go: up, down, or hold a line.
    Direction {
        Increase => "increase",
        Decrease => "decrease",
        StayAbove => "stay_above",
        StayBelow => "stay_below",
    }
);

id_enum!(
    /// Whether the move worked, as the team judges it at the end of the cycle.
    Outcome {
        Worked => "worked",
        Partly => "partly",
        DidNot => "did_not",
    }
);

id_enum!(
    /// The wizard's steps, in order. Saved so a resumed session reopens where it stopped.
    Step {
        Setup => "setup",
        Gate => "gate",
        FilterRevenue => "filter_revenue",
        FilterRetention => "filter_retention",
        FilterTrust => "filter_trust",
        FilterOperational => "filter_operational",
        FilterPlanning => "filter_planning",
        Qualification => "qualification",
        ConstraintActivation => "constraint_activation",
        ConstraintAdoption => "constraint_adoption",
        ConstraintReliability => "constraint_reliability",
        ConstraintOperations => "constraint_operations",
        ConstraintThroughput => "constraint_throughput",
        Primary => "primary",
        Candidates => "candidates",
        Ranking => "ranking",
        Recommendation => "recommendation",
        FollowThrough => "follow_through",
    }
);

impl Step {
    pub fn next(self) -> Option<Step> {
        Self::ALL.get(self.index() + 1).copied()
    }

    pub fn prev(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Self::ALL[i])
    }
}

id_enum!(
    /// The three questions every candidate must answer before engineering starts.
    QuestionId {
        Behavior => "behavior",
        Metric => "metric",
        Risk => "risk",
    }
);

id_enum!(
    /// Where the session lands; the first matching route wins, in this order.
    Route {
        MvpFirst => "mvp_first",
        AiProofOfConceptFirst => "ai_proof_of_concept_first",
        CollectEvidenceFirst => "collect_evidence_first",
        ChoosePrimaryConstraint => "choose_primary_constraint",
        NoCandidateYet => "no_candidate_yet",
        ChooseFirstMove => "choose_first_move",
        DiscoveryFirst => "discovery_first",
        FirstMove => "first_move",
    }
);

id_enum!(
    /// A warning sign on a candidate.
    Flag {
        ExcitingButUnproven => "exciting_but_unproven",
        EasyButDisconnected => "easy_but_disconnected",
        NeedsDiscovery => "needs_discovery",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The id a file or the playbook uses is the one serde writes, for every vocabulary.
    #[test]
    fn ids_match_their_serde_names() {
        fn check<T: Serialize + Copy>(all: &[T], id: fn(T) -> &'static str) {
            for &v in all {
                assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{}\"", id(v)));
            }
        }
        check(FilterId::ALL, FilterId::id);
        check(ConstraintId::ALL, ConstraintId::id);
        check(Dimension::ALL, Dimension::id);
        check(RankKey::ALL, RankKey::id);
        check(Clarity::ALL, Clarity::id);
        check(EvidenceKind::ALL, EvidenceKind::id);
        check(Traction::ALL, Traction::id);
        check(Decision::ALL, Decision::id);
        check(Direction::ALL, Direction::id);
        check(Outcome::ALL, Outcome::id);
        check(Step::ALL, Step::id);
        check(QuestionId::ALL, QuestionId::id);
        check(Route::ALL, Route::id);
        check(Flag::ALL, Flag::id);
    }
}
