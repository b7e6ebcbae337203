//! The method's words: every prompt, table and help text, read from `assets/playbook.json`.
//!
//! The asset is compiled in, so the binary needs no files beside it; a test checks that it
//! parses and covers every filter, constraint, dimension, route and flag the rules know.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::ids::{
    Clarity, ConstraintId, Decision, Dimension, Direction, EvidenceKind, FilterId, Flag, Outcome, QuestionId,
    RankKey, Route, Traction,
};

pub(super) const PLAYBOOK_JSON: &str = include_str!("../../assets/playbook.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    pub gate: GateTexts,
    pub traction_answers: Vec<Named<Traction>>,
    pub yes_no: YesNo,
    pub filters: Vec<FilterText>,
    pub clarity: Vec<Named<Clarity>>,
    pub evidence_kinds: Vec<Named<EvidenceKind>>,
    pub constraints: Vec<ConstraintText>,
    pub severity: SeverityText,
    pub dimensions: Vec<DimensionText>,
    pub questions: Vec<QuestionText>,
    pub phases: Vec<PhaseText>,
    pub routes: Vec<RouteText>,
    pub flags: Vec<FlagText>,
    /// The ranking's keys as a sentence names them.
    pub ranking_keys: Vec<Named<RankKey>>,
    /// The "Why this move" block (see `method::why`).
    pub why: WhyTexts,
    /// The "How sure" block (see `method::robust`).
    pub robustness: RobustnessTexts,
    pub warnings: WarningTexts,
    /// Sentences that state a rule; `{placeholders}` are filled from the rules' constants.
    pub rules: RuleTexts,
    pub report: ReportTexts,
    pub decisions: Vec<Named<Decision>>,
    /// The follow-through step, check-ins and the next cycle (see `method::followup`).
    pub follow_through: FollowThroughTexts,
    pub directions: Vec<Named<Direction>>,
    pub outcomes: Vec<Named<Outcome>>,
    /// Workshop mode's sentences (private rounds).
    pub workshop: WorkshopTexts,
    /// Minutes planned per step in workshop mode (a step not listed plans none).
    #[serde(default)]
    pub timebox_minutes: BTreeMap<super::ids::Step, u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkshopTexts {
    pub pass_the_laptop: String,
    pub pass_the_laptop_scores: String,
    pub stored_in_file: String,
    pub ask_why: String,
}

/// The follow-through's words; `{placeholders}` are filled where they are used.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowThroughTexts {
    pub no_move: String,
    pub undecided: String,
    pub decide: String,
    pub decided: String,
    pub gone: String,
    pub plan: String,
    pub plan_day: String,
    pub no_measure: String,
    pub progress: String,
    pub share: String,
    pub no_values: String,
    pub prediction: String,
    pub prediction_open: String,
    pub judged: String,
    pub met: String,
    pub missed: String,
    pub not_sure: String,
    pub check_ins: String,
    pub no_check_ins: String,
    pub add_check_in: String,
    pub check_in_title: String,
    pub check_in_bad: String,
    pub refused: String,
    pub refused_row: String,
    pub check_in_help: String,
    pub check_in_metric: String,
    pub outcome_due: String,
    pub next_cycle: String,
    pub confirm_next: String,
    pub chart_title: String,
    pub the_decision: String,
    pub chart_baseline: String,
    pub chart_target: String,
    pub chart_values: String,
    pub last_cycle: String,
    pub carried: String,
    pub not_judged: String,
    pub history_title: String,
    pub history_head: Vec<String>,
    pub history_prediction: String,
    pub held: String,
    pub hit_rate: String,
    pub hit_rate_none: String,
    pub list_after: String,
    pub list_conflicts: String,
    pub conflict_copy_of: String,
    /// A conflict copy in the wizard's list, where the session's name would be.
    pub conflict_copy_short: String,
    pub next_exists: String,
    pub confirm_open_next: String,
    pub not_a_value: String,
    pub moved_before: String,
    pub judged_early: String,
    /// Label and hint of each text field, by name (`date`, `value`, `adoption`, …).
    pub texts: BTreeMap<String, (String, String)>,
    /// The names of `followup::CONFIDENCES`, in order.
    pub confidences: Vec<String>,
    pub decision_label: String,
    pub direction_label: String,
    pub confidence_label: String,
    pub outcome_label: String,
    /// Plain mode's words for the step (`src/plain/follow.rs`): said, not drawn.
    pub plain: PlainFollowThroughTexts,
}

/// The follow-through as plain mode says it: no box drawing, arrows or middle dots.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlainFollowThroughTexts {
    pub no_move: String,
    pub the_move: String,
    pub metric: String,
    pub measure: String,
    pub decide_how: String,
    pub decided: String,
    pub refused: String,
    pub not_a_value: String,
    pub menu: String,
    pub add_check_in: String,
    pub judge: String,
    pub next_cycle: String,
    pub change: String,
    pub menu_delete: String,
    pub menu_enter: String,
    pub check_in_new: String,
    pub check_in: String,
    pub delete: String,
    pub deleted: String,
    pub next_started: String,
    pub next_resume: String,
    pub next_not_saved: String,
    pub next_failed: String,
    pub next_open: String,
    pub next_exists: String,
    pub direction: String,
    pub decision: String,
    pub end: String,
}

impl FollowThroughTexts {
    /// The label and hint of text field `name`.
    pub fn text(&self, name: &str) -> (&str, &str) {
        self.texts.get(name).map_or(("", ""), |(l, h)| (l.as_str(), h.as_str()))
    }
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
pub struct YesNo {
    pub yes: String,
    pub no: String,
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

/// The scale every participant rates a constraint's severity on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityText {
    pub name: String,
    pub question: String,
    /// Meaning of the lowest, middle and highest severity, keyed by the number.
    pub anchors: BTreeMap<String, String>,
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

/// Templates of the "Why this move" block; placeholders are named beside each.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhyTexts {
    pub heading: String,
    /// `{constraint}`.
    pub only_candidate: String,
    /// `{runner_up}`, `{top}`, `{other}`.
    pub ranking_lowest: String,
    /// `{runner_up}`, `{ties}` (the `tie_value`s joined), `{key}`, `{top}`, `{other}`.
    pub ranking_tie_then: String,
    /// `{key}`, `{value}`.
    pub tie_value: String,
    pub tie_join: String,
    /// `{candidates}`.
    pub team_pick_tie: String,
    /// `{candidates}`.
    pub team_pick_over: String,
    /// `{flags}`: why a Discovery first move is not built yet.
    pub discovery_flags: String,
    /// `{dimensions}`, `{median}`, `{bar}`, `{high_bar}` in each of the three.
    pub weakest_below: String,
    pub weakest_middling: String,
    pub weakest_high: String,
    /// `{spread}`.
    pub disputed_none: String,
    /// `{spread}`.
    pub disputed_intro: String,
    /// `{dimension}`, `{median}`, `{spread}`, `{low}`, `{low_who}`, `{high}`, `{high_who}`;
    /// `disputed_first` also `{step}`.
    pub disputed: String,
    pub disputed_first: String,
    /// Between the names of people who gave the same score.
    pub who_join: String,
    /// In place of the `{dimensions}` list when all of them are the weakest.
    pub all_dimensions: String,
}

/// Templates of the "How sure" block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RobustnessTexts {
    pub heading: String,
    /// `{checked}`, `{step}`; the fragile ones also `{count}`.
    pub move_robust: String,
    pub move_fragile: String,
    pub tie_robust: String,
    pub tie_fragile: String,
    /// `{who}`, `{dimension}`, `{candidate}`, `{from}`, `{to}`, `{outcome}`.
    pub score_flip: String,
    /// `{route}`, `{title}`.
    pub outcome_top: String,
    /// `{titles}`.
    pub outcome_tie: String,
    /// `{count}`.
    pub more: String,
    /// `{checked}`, `{step}`; the fragile one also `{count}`.
    pub primary_robust: String,
    pub primary_fragile: String,
    pub primary_picked: String,
    /// `{who}`, `{constraint}`, `{from}`, `{to}`, `{outcome}`.
    pub severity_flip: String,
    /// `{constraint}`.
    pub outcome_primary: String,
    /// `{constraints}`.
    pub outcome_primary_tie: String,
    /// `{first}`, `{plain}`, `{spread}`.
    pub legend: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarningTexts {
    pub traction_unconfirmed: String,
    pub traction_unanswered: String,
    pub primary_tied: String,
}

/// Rule statements, as templates (see `wording`, which fills them).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleTexts {
    /// `{min_clear}`, `{max_vague}`.
    pub qualification: String,
    /// `{clear}`, `{vague}`: how many filters are clear, and vague or unanswered.
    pub qualified: String,
    /// `{route}`.
    pub not_qualified: String,
    /// `{spread}`.
    pub discuss: String,
    pub ranking: String,
    /// `{constraint}`, `{median}`, `{tiebreak}` (empty or `suggested_tiebreak`).
    pub suggested: String,
    pub suggested_tiebreak: String,
    /// `{constraints}`.
    pub primary_tied: String,
    pub no_ratings: String,
    /// `{constraint}`.
    pub next_one: String,
    /// `{constraints}`.
    pub next_tied: String,
}

/// The report's headings, labels and prose; `{placeholders}` are named in each template.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTexts {
    pub title: String,
    pub product: String,
    pub facilitator: String,
    pub participants: String,
    pub updated: String,
    pub route: String,
    pub clear: String,
    pub none: String,
    pub still_unclear: String,
    pub unclear_questions: String,
    pub unclear_filter: String,
    pub unclear_question: String,
    pub primary: String,
    pub severity_one: String,
    pub severity_many: String,
    pub worth_discussing: String,
    pub worth_discussing_first: String,
    pub not_rated: String,
    pub picked_by_team: String,
    pub looks_like: String,
    pub improve_first: String,
    pub pressures: String,
    pub clear_mark: String,
    pub first_move: String,
    pub discovery_on: String,
    pub flags: String,
    pub open_question: String,
    pub baseline_target: String,
    pub not_given: String,
    pub engineering: String,
    pub runners_up: String,
    pub candidates: String,
    pub waiting: String,
    pub next_bottleneck: String,
    pub next_tied: String,
    pub next_tied_why: String,
    pub top_tied: String,
    /// `{title}`, `{lowest}`, `{sum}`, `{evidence}`.
    pub top_tied_row: String,
    pub top_tied_pick: String,
    pub ranking_note: String,
    pub plan: String,
    pub phase: String,
    pub plan_diagnose: String,
    pub plan_ship: String,
    pub plan_measure: String,
    pub plan_measure_tied: String,
    pub columns: ReportColumns,
    pub marks: ReportMarks,
    /// The workshop as the team ran it: gate, filters, constraints, candidates (`report::workshop`).
    pub record: RecordTexts,
    /// The follow-through as the report shows it (`report::follow`).
    pub follow: ReportFollowTexts,
    /// Workshop mode as the report shows it: rounds, time, decisions (`report::room`).
    pub room: ReportRoomTexts,
}

/// The report's follow-through sections; placeholders are named in the texts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFollowTexts {
    pub heading: String,
    pub decided_on: String,
    pub the_move: String,
    pub metric: String,
    pub measure: String,
    pub check_in_days: String,
    pub phase_dates: String,
    pub trend_axis: String,
    pub prediction: String,
    pub progress: String,
    pub outcome: String,
    pub not_a_date: String,
    pub check_ins: String,
    pub check_ins_intro: String,
    pub date: String,
    pub day: String,
    pub value: String,
    pub zone: String,
    pub decision: String,
    pub check_in: String,
    pub check_in_day: String,
    pub refused: String,
    pub no_notes: String,
    pub trend_alt_head: String,
    pub trend_alt_point: String,
    pub previous: String,
}

/// The report's workshop-mode sections.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportRoomTexts {
    pub rounds: String,
    pub rounds_intro: String,
    pub narrowed: String,
    pub not_narrowed: String,
    pub one_round: String,
    pub time: String,
    pub step: String,
    pub planned: String,
    pub spent: String,
    pub difference: String,
    pub over: String,
    pub under: String,
    pub balance: String,
    pub decisions: String,
    pub entry: String,
    pub automatic: String,
    pub step_filter: String,
    pub step_constraint: String,
    /// The other steps' names (filters and constraints use the two templates above).
    pub steps: BTreeMap<super::ids::Step, String>,
}

/// The report's record of the workshop; placeholders are named beside each.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordTexts {
    pub gate: String,
    /// The gate's two questions, as short labels.
    pub traction: String,
    pub ai_question: String,
    pub not_answered: String,
    pub filters: String,
    pub answer: String,
    pub clarity: String,
    pub evidence: String,
    pub no_answer: String,
    pub constraints: String,
    pub evidence_notes: String,
    pub candidates: String,
    pub other_candidates: String,
    pub constraint: String,
    pub person: String,
    pub median: String,
    pub not_scored: String,
    pub checklist: String,
    /// `{done}`, `{total}`.
    pub checklist_count: String,
    pub severity_chart: String,
    /// `{constraint}`, `{scores}` (the `chart_value`s joined), `{median}`.
    pub severity_chart_row: String,
    pub medians_chart: String,
    /// `{count}`: the title when the chart shows only the head of a long ranking.
    pub medians_chart_top: String,
    /// `{candidate}`, `{medians}` (the `chart_value`s joined).
    pub medians_chart_row: String,
    /// `{name}`, `{value}`.
    pub chart_value: String,
    /// `{bar}`: the median below which a move needs discovery.
    pub discovery_bar: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportColumns {
    pub constraint: String,
    pub median: String,
    pub spread: String,
    pub clear_pressures: String,
    pub candidate: String,
    pub lowest: String,
    pub mean: String,
    pub sum: String,
    pub flags: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportMarks {
    pub primary: String,
    pub next: String,
    pub next_tied: String,
    pub discuss: String,
    pub discuss_first: String,
}

/// The embedded playbook, parsed once.
pub fn playbook() -> &'static Playbook {
    static CELL: OnceLock<Playbook> = OnceLock::new();
    CELL.get_or_init(|| {
        // The asset is part of the binary and checked by tests, so failure is a build defect.
        serde_json::from_str(PLAYBOOK_JSON).expect("assets/playbook.json is valid")
    })
}

/// The line under the program's name on the home screen. It has its own asset: the home
/// screen's first frame needs only this line, and building the whole playbook (its code
/// run for the first time) took a third of that frame.
pub fn tagline() -> &'static str {
    include_str!("../../assets/tagline.txt").trim()
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

    pub fn ranking_key(&self, id: RankKey) -> &Named<RankKey> {
        self.ranking_keys.iter().find(|k| k.id == id).expect("playbook covers every ranking key")
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

    pub fn direction(&self, id: Direction) -> &Named<Direction> {
        self.directions.iter().find(|c| c.id == id).expect("playbook covers every direction")
    }

    pub fn outcome(&self, id: Outcome) -> &Named<Outcome> {
        self.outcomes.iter().find(|c| c.id == id).expect("playbook covers every outcome")
    }

    pub fn traction_answer(&self, id: Traction) -> &Named<Traction> {
        self.traction_answers.iter().find(|t| t.id == id).expect("playbook covers every traction answer")
    }

    pub fn question(&self, id: QuestionId) -> &QuestionText {
        self.questions.iter().find(|q| q.id == id).expect("playbook covers every question")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::method::thresholds::{SCORE_MAX, SCORE_MIN};

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
        // Anchors name the lowest, middle and highest score of the scale the rules use.
        let scale = [SCORE_MIN, (SCORE_MIN + SCORE_MAX) / 2, SCORE_MAX].map(|v| v.to_string());
        for &d in Dimension::ALL {
            let anchors = &p.dimension(d).anchors;
            assert_eq!(anchors.keys().collect::<Vec<_>>(), scale.iter().collect::<Vec<_>>());
        }
        assert_eq!(p.severity.anchors.keys().collect::<Vec<_>>(), scale.iter().collect::<Vec<_>>());
        for &r in Route::ALL {
            assert!(!p.route(r).title.is_empty());
        }
        for &f in Flag::ALL {
            assert!(!p.flag(f).name.is_empty());
        }
        for &k in RankKey::ALL {
            assert!(!p.ranking_key(k).name.is_empty());
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
        for &d in Direction::ALL {
            p.direction(d);
        }
        for &o in Outcome::ALL {
            p.outcome(o);
        }
        for name in [
            "date",
            "value",
            "adoption",
            "quality",
            "speed",
            "support_load",
            "technical_health",
            "decided_on",
            "prediction",
        ] {
            assert_eq!(p.follow_through.confidences.len(), crate::method::followup::CONFIDENCES.len());
            let (label, hint) = p.follow_through.text(name);
            assert!(!label.is_empty() && !hint.is_empty(), "{name}");
        }
        for &t in Traction::ALL {
            assert!(!p.traction_answer(t).name.is_empty());
        }
        assert_eq!(p.phases.len(), 3);
    }

    #[test]
    fn the_tagline_is_one_line_of_words() {
        let t = tagline();
        assert!(!t.is_empty() && !t.contains('\n'), "{t:?}");
        assert!(t.chars().all(|c| !c.is_control()), "{t:?}");
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
