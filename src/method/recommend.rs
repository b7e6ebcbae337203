//! The recommendation: which route the session lands on and, when it is a first move, what it is.

use serde::Serialize;

use super::model::{ConstraintId, Dimension, FilterId, Session, Traction};
use super::playbook::playbook;
use super::robust::{Robustness, robustness};
use super::rules::{
    self, ConstraintSummary, Medians, Qualification, Suggestion, effective_primary, flags, qualification,
    runner_up, suggested_primary, tied_at_top,
};
use super::why::{Why, why};

pub use super::ids::{Flag, Route};

impl Route {
    pub fn title(self) -> &'static str {
        &playbook().route(self).title
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Warning {
    /// Traction answered `unsure`.
    TractionUnconfirmed,
    /// The traction question not answered at all.
    TractionUnanswered,
    PrimaryTied,
}

impl Warning {
    pub fn text(self) -> &'static str {
        let w = &playbook().warnings;
        match self {
            Warning::TractionUnconfirmed => &w.traction_unconfirmed,
            Warning::TractionUnanswered => &w.traction_unanswered,
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
    /// The lowest of the four medians: the first ranking key.
    pub lowest: f64,
    /// The average of the four medians, shown beside the lowest; it ranks nothing.
    pub mean: f64,
    /// The sum of the four medians: the second ranking key.
    pub sum: f64,
    pub flags: Vec<Flag>,
    /// Dimensions whose scores are spread by `DISCUSS_SPREAD` or more.
    pub discuss: Vec<Dimension>,
    /// Those of `discuss` whose one-step move would change the move: worth discussing first.
    pub discuss_first: Vec<Dimension>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub route: Route,
    pub warnings: Vec<Warning>,
    pub qualification: Qualification,
    pub constraints: Vec<ConstraintSummary>,
    pub suggestion: Suggestion,
    pub primary: Option<Primary>,
    /// The runner-up to the primary constraint, when one constraint is runner-up alone.
    pub next_bottleneck: Option<ConstraintId>,
    /// The constraints tied for runner-up on both keys (two or more, or none): then there is no
    /// single next bottleneck.
    pub next_tied: Vec<ConstraintId>,
    /// The primary constraint's fully scored candidates, best first by the ranking rule.
    pub ranking: Vec<RankedCandidate>,
    /// Candidates of the primary constraint still missing a score on some dimension.
    pub unscored: Vec<String>,
    /// Ids of the candidates tied at the top of `ranking` on all three keys (two or more, or none).
    pub top_tied: Vec<String>,
    /// The top candidate's id, for the first-move and discovery routes.
    pub top: Option<String>,
    /// Whether the team picked the top candidate or the ranking put it there.
    pub top_chosen_by: Option<ChosenBy>,
    /// Why the top candidate is the move (First move and Discovery first routes).
    pub why: Option<Why>,
    /// Whether one participant's one score moved by one step would change the decision.
    pub robustness: Robustness,
    /// Each candidate's tallies (`tallies[i]` for `s.candidates[i]`), made once for the
    /// ranking and kept for the screens that show them.
    #[serde(skip)]
    pub tallies: Vec<rules::Tallies>,
}

impl Recommendation {
    pub fn top_candidate(&self) -> Option<&RankedCandidate> {
        let id = self.top.as_deref()?;
        self.ranking.iter().find(|c| c.id == id)
    }
}

pub fn recommend(s: &Session) -> Recommendation {
    let mut r = recommend_core(s);
    let robust = robustness(s, &r);
    finish(s, &mut r, robust);
    r
}

/// The recommendation without its robustness analysis (`why` and `robustness` empty): the
/// cheap part. `finish` completes it.
pub fn recommend_core(s: &Session) -> Recommendation {
    let qualification = qualification(s);
    let suggestion = suggested_primary(s);
    let mut warnings = Vec::new();
    match s.gate.traction {
        // `no` routes to MVP first, which says it.
        Some(Traction::Yes | Traction::No) => {}
        Some(Traction::Unsure) => warnings.push(Warning::TractionUnconfirmed),
        None => warnings.push(Warning::TractionUnanswered),
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

    let tallies: Vec<rules::Tallies> = s.candidates.iter().map(rules::tallies).collect();
    let (ranking, unscored) = match &primary {
        Some(p) => {
            let ranked = rules::ranking_of(s, p.constraint, &tallies)
                .into_iter()
                .map(|(i, m)| {
                    let c = &s.candidates[i];
                    let t = &tallies[i];
                    RankedCandidate {
                        id: c.id.clone(),
                        title: c.title.clone(),
                        lowest: m.lowest(),
                        mean: m.mean(),
                        sum: m.sum(),
                        flags: flags(c, Some(&m)),
                        discuss: Dimension::ALL
                            .iter()
                            .zip(t)
                            .filter(|(_, t)| t.is_some_and(|t| t.discuss()))
                            .map(|(&d, _)| d)
                            .collect(),
                        discuss_first: Vec::new(),
                        medians: m,
                    }
                })
                .collect::<Vec<_>>();
            let unscored = s
                .candidates
                .iter()
                .zip(&tallies)
                .filter(|(c, t)| c.constraint == p.constraint && rules::medians_of(t).is_none())
                .map(|(c, _)| c.id.clone())
                .collect();
            (ranked, unscored)
        }
        None => (Vec::new(), Vec::new()),
    };

    // The top: the team's pick while it names a ranked candidate of the primary constraint, else
    // the head of the ranking unless several tie there (the file's order never decides).
    let tied = tied_at_top(&ranking.iter().map(|c| c.medians).collect::<Vec<_>>());
    let top_tied: Vec<String> =
        if tied >= 2 { ranking[..tied].iter().map(|c| c.id.clone()).collect() } else { Vec::new() };
    let picked = s.first_move.as_deref().and_then(|id| ranking.iter().find(|c| c.id == id));
    let (top, top_chosen_by) = match picked {
        Some(c) => (Some(c), ChosenBy::Team),
        None if top_tied.is_empty() => (ranking.first(), ChosenBy::Suggestion),
        None => (None, ChosenBy::Suggestion),
    };

    let route = if s.gate.traction == Some(Traction::No) {
        Route::MvpFirst
    } else if s.gate.ai_question == Some(true) {
        Route::AiProofOfConceptFirst
    } else if !qualification.qualified {
        Route::CollectEvidenceFirst
    } else if primary.is_none() {
        Route::ChoosePrimaryConstraint
    } else if ranking.is_empty() {
        Route::NoCandidateYet
    } else if let Some(top) = top {
        if !top.flags.is_empty() || top.lowest < rules::DISCOVERY_BELOW {
            Route::DiscoveryFirst
        } else {
            Route::FirstMove
        }
    } else {
        Route::ChooseFirstMove
    };

    let next = primary.as_ref().map_or(Suggestion::NoRatings, |p| runner_up(s, p.constraint));
    let has_top = matches!(route, Route::DiscoveryFirst | Route::FirstMove);
    Recommendation {
        route,
        warnings,
        constraints: rules::constraint_summaries(s),
        next_bottleneck: next.unique(),
        next_tied: match next {
            Suggestion::Tie(tied) => tied,
            _ => Vec::new(),
        },
        top: top.filter(|_| has_top).map(|c| c.id.clone()),
        top_chosen_by: has_top.then_some(top_chosen_by),
        top_tied,
        qualification,
        suggestion,
        primary,
        ranking,
        unscored,
        why: None,
        robustness: Robustness::none(),
        tallies,
    }
}

/// Completes `recommend_core` with the robustness analysis of the same session (computed by
/// `robustness`, or kept from before when `analysis_key` says nothing it reads changed).
pub fn finish(s: &Session, r: &mut Recommendation, robust: Robustness) {
    r.robustness = robust;
    // Looked up once per disputed score of every ranked candidate: a set, not a scan.
    let first: std::collections::HashSet<(&str, Dimension)> =
        r.robustness.discuss_first.iter().map(|x| (x.candidate.as_str(), x.dimension)).collect();
    for c in &mut r.ranking {
        c.discuss_first =
            c.discuss.iter().copied().filter(|&d| first.contains(&(c.id.as_str(), d))).collect();
    }
    r.why = why(s, r, &r.robustness);
}

/// A fingerprint of everything the robustness analysis reads: the gate, the clarities, every
/// severity and score, the picks, the candidates' titles and open questions, and who the
/// participants are. Free text (answers, notes, names of the session and product) is not in
/// it, so typing there never reruns the analysis.
pub fn analysis_key(s: &Session) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (s.gate.traction.map(|t| t.index()), s.gate.ai_question).hash(&mut h);
    for f in &s.filters {
        f.clarity.hash(&mut h);
    }
    for p in &s.participants {
        (&p.id, &p.name).hash(&mut h);
    }
    for c in &s.constraints {
        c.severity.hash(&mut h);
    }
    (s.primary_constraint, &s.first_move).hash(&mut h);
    for c in &s.candidates {
        (&c.id, &c.title, c.constraint, super::rules::has_open_questions(c)).hash(&mut h);
        for (p, sc) in &c.scores {
            // One word per person's four scores (9 bits each, 0 for "not scored"): this key
            // is computed on every change, so it hashes as little as it can.
            let packed = [sc.impact, sc.evidence, sc.confidence, sc.timing]
                .iter()
                .fold(0u64, |acc, v| (acc << 9) | v.map_or(0, |v| u64::from(v) + 1));
            (p, packed).hash(&mut h);
        }
    }
    h.finish()
}
