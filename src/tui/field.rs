//! A field of a step: what kind of input it takes, its label, and how it reads and writes
//! the session (through the session's own methods). Which fields a step has, in which
//! order, is the step's business (`steps/`).

use crate::method::followup::CONFIDENCES;
use crate::method::{
    Clarity, ConstraintId, Decision, Dimension, Direction, EvidenceKind, FilterId, Outcome, QuestionId,
    Session, Traction, playbook, wording,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Product,
    Facilitator,
    Participant {
        person: usize,
    },
    AddParticipant,
    Traction,
    AiQuestion,
    Answer {
        filter: FilterId,
    },
    Clarity {
        filter: FilterId,
    },
    Evidence {
        filter: FilterId,
    },
    Severity {
        constraint: ConstraintId,
        person: usize,
    },
    ConstraintNote {
        constraint: ConstraintId,
    },
    PrimaryPick,
    /// A row of the candidate list: an index into `session.candidates`.
    CandidateRow {
        candidate: usize,
    },
    /// A suggestion of the playbook for the primary constraint (index into its list).
    SuggestionRow {
        suggestion: usize,
    },
    NewCandidate,
    /// One of a candidate's texts.
    CandidateText {
        candidate: usize,
        text: CandidateText,
    },
    Score {
        candidate: usize,
        person: usize,
        dimension: Dimension,
    },
    /// An item of the engineering checklist (index into the playbook's list).
    Check {
        candidate: usize,
        item: usize,
    },
    /// A candidate tied at the top of the ranking: Enter makes it the team's first move.
    TiePick {
        candidate: usize,
    },
    // Follow-through (steps/follow_through.rs).
    /// Records the decision on the recommended move, today.
    Decide,
    /// The decision's texts: its date, the prediction.
    FollowText {
        text: FollowText,
    },
    /// Which way the metric of candidate `candidate` should go.
    Direction {
        candidate: usize,
    },
    Confidence,
    Outcome,
    /// A row of the check-in list: an index into `session.check_ins`.
    CheckInRow {
        check_in: usize,
    },
    AddCheckIn,
    CheckInText {
        check_in: usize,
        text: CheckInText,
    },
    CheckInDecision {
        check_in: usize,
    },
    /// Creates the next cycle (asks first).
    NextCycle,
    /// A participant's ballot in the open private round on a constraint's severity.
    Ballot {
        constraint: ConstraintId,
        person: usize,
    },
    /// The private round's button: open the first round, reveal, or re-vote.
    RoundAct {
        constraint: ConstraintId,
    },
    /// The same for a candidate's four scores (index into `session.candidates`).
    ScoresRound {
        candidate: usize,
    },
}

/// The texts of the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowText {
    DecidedOn,
    Prediction,
}

/// The texts of a check-in, in the order its editor shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInText {
    Date,
    Value,
    Adoption,
    Quality,
    Speed,
    SupportLoad,
    TechnicalHealth,
}

impl CheckInText {
    pub const ALL: [CheckInText; 7] = [
        CheckInText::Date,
        CheckInText::Value,
        CheckInText::Adoption,
        CheckInText::Quality,
        CheckInText::Speed,
        CheckInText::SupportLoad,
        CheckInText::TechnicalHealth,
    ];

    /// Its name in the playbook's `follow_through.texts`.
    fn key(self) -> &'static str {
        match self {
            CheckInText::Date => "date",
            CheckInText::Value => "value",
            CheckInText::Adoption => "adoption",
            CheckInText::Quality => "quality",
            CheckInText::Speed => "speed",
            CheckInText::SupportLoad => "support_load",
            CheckInText::TechnicalHealth => "technical_health",
        }
    }
}

impl FollowText {
    fn key(self) -> &'static str {
        match self {
            FollowText::DecidedOn => "decided_on",
            FollowText::Prediction => "prediction",
        }
    }
}

/// The texts of a candidate, in the order the editor shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateText {
    Title,
    Behavior,
    Metric,
    Baseline,
    Target,
    Risk,
}

impl CandidateText {
    pub const ALL: [CandidateText; 6] = [
        CandidateText::Title,
        CandidateText::Behavior,
        CandidateText::Metric,
        CandidateText::Baseline,
        CandidateText::Target,
        CandidateText::Risk,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text; `multiline` fields take Alt+Enter or Ctrl+J as a new line.
    Text { multiline: bool },
    /// One value out of a few, changed with ←/→.
    Choice,
    /// A 1–5 score, set with the digit keys.
    Score,
    /// A checkbox, toggled with Space.
    Toggle,
    /// Does something on Enter.
    Button,
}

/// What a field edits, and where that lives in the session: the one place that sorts
/// every field, so each accessor below handles only its own kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Text(TextAt),
    Choice(ChoiceOf),
    Score(ScoreOf),
    Toggle { candidate: usize, item: usize },
    Button,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextAt {
    Name,
    Product,
    Facilitator,
    Participant(usize),
    Answer(FilterId),
    Note(ConstraintId),
    Candidate(usize, CandidateText),
    Follow(FollowText),
    CheckIn(usize, CheckInText),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceOf {
    Traction,
    AiQuestion,
    Clarity(FilterId),
    Evidence(FilterId),
    PrimaryPick,
    Direction(usize),
    Confidence,
    Outcome,
    CheckInDecision(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreOf {
    Severity(ConstraintId, usize),
    Ballot(ConstraintId, usize),
    Candidate(usize, usize, Dimension),
}

impl Field {
    pub fn input(self) -> Input {
        use Field::*;
        match self {
            Name => Input::Text(TextAt::Name),
            Product => Input::Text(TextAt::Product),
            Facilitator => Input::Text(TextAt::Facilitator),
            Participant { person } => Input::Text(TextAt::Participant(person)),
            Answer { filter } => Input::Text(TextAt::Answer(filter)),
            ConstraintNote { constraint } => Input::Text(TextAt::Note(constraint)),
            CandidateText { candidate, text } => Input::Text(TextAt::Candidate(candidate, text)),
            Traction => Input::Choice(ChoiceOf::Traction),
            AiQuestion => Input::Choice(ChoiceOf::AiQuestion),
            Clarity { filter } => Input::Choice(ChoiceOf::Clarity(filter)),
            Evidence { filter } => Input::Choice(ChoiceOf::Evidence(filter)),
            PrimaryPick => Input::Choice(ChoiceOf::PrimaryPick),
            Severity { constraint, person } => Input::Score(ScoreOf::Severity(constraint, person)),
            Score { candidate, person, dimension } => {
                Input::Score(ScoreOf::Candidate(candidate, person, dimension))
            }
            Check { candidate, item } => Input::Toggle { candidate, item },
            FollowText { text } => Input::Text(TextAt::Follow(text)),
            CheckInText { check_in, text } => Input::Text(TextAt::CheckIn(check_in, text)),
            Direction { candidate } => Input::Choice(ChoiceOf::Direction(candidate)),
            Confidence => Input::Choice(ChoiceOf::Confidence),
            Outcome => Input::Choice(ChoiceOf::Outcome),
            CheckInDecision { check_in } => Input::Choice(ChoiceOf::CheckInDecision(check_in)),
            Ballot { constraint, person } => Input::Score(ScoreOf::Ballot(constraint, person)),
            AddParticipant
            | CandidateRow { .. }
            | SuggestionRow { .. }
            | NewCandidate
            | TiePick { .. }
            | Decide
            | CheckInRow { .. }
            | AddCheckIn
            | NextCycle
            | RoundAct { .. }
            | ScoresRound { .. } => Input::Button,
        }
    }

    pub fn kind(self) -> Kind {
        match self.input() {
            Input::Text(TextAt::Answer(_) | TextAt::Note(_)) => Kind::Text { multiline: true },
            Input::Text(_) => Kind::Text { multiline: false },
            Input::Choice(_) => Kind::Choice,
            Input::Score(_) => Kind::Score,
            Input::Toggle { .. } => Kind::Toggle,
            Input::Button => Kind::Button,
        }
    }

    pub fn is_text(self) -> bool {
        matches!(self.kind(), Kind::Text { .. })
    }

    pub fn is_multiline(self) -> bool {
        self.kind() == Kind::Text { multiline: true }
    }

    /// The text of a text field; empty for other kinds.
    pub fn text(self, s: &Session) -> &str {
        let Input::Text(at) = self.input() else { return "" };
        match at {
            TextAt::Name => &s.name,
            TextAt::Product => &s.product,
            TextAt::Facilitator => &s.facilitator,
            TextAt::Participant(p) => s.participants.get(p).map_or("", |p| &p.name),
            TextAt::Answer(f) => &s.filter(f).answer,
            TextAt::Note(c) => &s.constraint(c).evidence,
            TextAt::Candidate(i, text) => s.candidates.get(i).map_or("", |c| match text {
                CandidateText::Title => &c.title,
                CandidateText::Behavior => &c.behavior,
                CandidateText::Metric => &c.metric,
                CandidateText::Baseline => &c.baseline,
                CandidateText::Target => &c.target,
                CandidateText::Risk => &c.risk,
            }),
            TextAt::Follow(t) => s.follow_through.as_ref().map_or("", |f| match t {
                FollowText::DecidedOn => &f.decided_on,
                FollowText::Prediction => &f.prediction,
            }),
            TextAt::CheckIn(i, t) => s.check_ins.get(i).map_or("", |c| match t {
                CheckInText::Date => &c.date,
                CheckInText::Value => &c.metric_value,
                CheckInText::Adoption => &c.adoption,
                CheckInText::Quality => &c.quality,
                CheckInText::Speed => &c.speed,
                CheckInText::SupportLoad => &c.support_load,
                CheckInText::TechnicalHealth => &c.technical_health,
            }),
        }
    }

    pub fn set_text(self, s: &mut Session, v: String) {
        let Input::Text(at) = self.input() else { return };
        let slot = match at {
            TextAt::Name => &mut s.name,
            TextAt::Product => &mut s.product,
            TextAt::Facilitator => &mut s.facilitator,
            TextAt::Participant(p) => match s.participants.get_mut(p) {
                Some(p) => &mut p.name,
                None => return,
            },
            TextAt::Answer(f) => &mut s.filter_mut(f).answer,
            TextAt::Note(c) => &mut s.constraint_mut(c).evidence,
            TextAt::Candidate(i, text) => {
                let Some(c) = s.candidates.get_mut(i) else { return };
                match text {
                    CandidateText::Title => &mut c.title,
                    CandidateText::Behavior => &mut c.behavior,
                    CandidateText::Metric => &mut c.metric,
                    CandidateText::Baseline => &mut c.baseline,
                    CandidateText::Target => &mut c.target,
                    CandidateText::Risk => &mut c.risk,
                }
            }
            TextAt::Follow(t) => {
                let Some(f) = s.follow_through.as_mut() else { return };
                match t {
                    FollowText::DecidedOn => &mut f.decided_on,
                    FollowText::Prediction => &mut f.prediction,
                }
            }
            TextAt::CheckIn(i, t) => {
                let Some(c) = s.check_ins.get_mut(i) else { return };
                match t {
                    CheckInText::Date => &mut c.date,
                    CheckInText::Value => &mut c.metric_value,
                    CheckInText::Adoption => &mut c.adoption,
                    CheckInText::Quality => &mut c.quality,
                    CheckInText::Speed => &mut c.speed,
                    CheckInText::SupportLoad => &mut c.support_load,
                    CheckInText::TechnicalHealth => &mut c.technical_health,
                }
            }
        };
        *slot = v;
        // The metric's numbers follow its text.
        if let TextAt::Candidate(i, CandidateText::Baseline | CandidateText::Target) = at {
            s.sync_measure(i);
        }
    }

    /// A score field's value.
    pub fn score(self, s: &Session) -> Option<u8> {
        match self.input() {
            Input::Score(ScoreOf::Severity(c, p)) => s.severity(c, p),
            // In a private round, the person's ballot; otherwise the session's scores.
            Input::Score(ScoreOf::Candidate(i, p, d)) => {
                crate::tui::workshop::score_cell(s, i, p, d).unwrap_or_else(|| s.score(i, p, d))
            }
            Input::Score(ScoreOf::Ballot(c, p)) => crate::tui::workshop::ballot(s, c, p),
            Input::Text(_) | Input::Choice(_) | Input::Toggle { .. } | Input::Button => None,
        }
    }

    pub fn set_score(self, s: &mut Session, v: Option<u8>) {
        match self.input() {
            Input::Score(ScoreOf::Severity(c, p)) => {
                s.set_severity(c, p, v);
            }
            Input::Score(ScoreOf::Candidate(i, p, d)) => {
                if !crate::tui::workshop::set_score_cell(s, i, p, d, v) {
                    s.set_score(i, p, d, v);
                }
            }
            Input::Score(ScoreOf::Ballot(c, p)) => crate::tui::workshop::set_ballot(s, c, p, v),
            Input::Text(_) | Input::Choice(_) | Input::Toggle { .. } | Input::Button => {}
        }
    }

    /// Options of a choice field, by label; `None` as a value means "not answered".
    pub fn choices(self) -> Vec<&'static str> {
        let pb = playbook();
        let Input::Choice(of) = self.input() else { return Vec::new() };
        match of {
            ChoiceOf::Traction => Traction::ALL.iter().map(|&t| wording::traction_label(t)).collect(),
            ChoiceOf::AiQuestion => vec![wording::yes_no_label(true), wording::yes_no_label(false)],
            ChoiceOf::Clarity(_) => pb.clarity.iter().map(|c| c.name.as_str()).collect(),
            ChoiceOf::Evidence(_) => pb.evidence_kinds.iter().map(|c| c.name.as_str()).collect(),
            ChoiceOf::PrimaryPick => pb.constraints.iter().map(|c| c.name.as_str()).collect(),
            ChoiceOf::Direction(_) => Direction::ALL.iter().map(|&d| pb.direction(d).name.as_str()).collect(),
            ChoiceOf::Confidence => pb.follow_through.confidences.iter().map(String::as_str).collect(),
            ChoiceOf::Outcome => Outcome::ALL.iter().map(|&o| pb.outcome(o).name.as_str()).collect(),
            ChoiceOf::CheckInDecision(_) => {
                Decision::ALL.iter().map(|&d| pb.decision(d).name.as_str()).collect()
            }
        }
    }

    pub fn choice(self, s: &Session) -> Option<usize> {
        let Input::Choice(of) = self.input() else { return None };
        match of {
            ChoiceOf::Traction => s.gate.traction.map(Traction::index),
            ChoiceOf::AiQuestion => s.gate.ai_question.map(|b| if b { 0 } else { 1 }),
            ChoiceOf::Clarity(f) => Some(Clarity::index(s.filter(f).clarity)),
            ChoiceOf::Evidence(f) => s.filter(f).evidence.map(EvidenceKind::index),
            ChoiceOf::PrimaryPick => s.primary_constraint.map(ConstraintId::index),
            ChoiceOf::Direction(i) => {
                s.candidates.get(i).and_then(|c| s.measures.get(&c.id)).map(|m| m.direction.index())
            }
            ChoiceOf::Confidence => s
                .follow_through
                .as_ref()
                .and_then(|f| f.confidence)
                .and_then(|c| CONFIDENCES.iter().position(|&x| x == c)),
            ChoiceOf::Outcome => s.follow_through.as_ref().and_then(|f| f.outcome).map(Outcome::index),
            ChoiceOf::CheckInDecision(i) => s.check_ins.get(i).and_then(|c| c.decision).map(Decision::index),
        }
    }

    pub fn set_choice(self, s: &mut Session, v: Option<usize>) {
        fn pick<T: Copy>(all: &[T], v: Option<usize>) -> Option<T> {
            v.and_then(|i| all.get(i).copied())
        }
        let Input::Choice(of) = self.input() else { return };
        match of {
            ChoiceOf::Traction => s.gate.traction = pick(Traction::ALL, v),
            ChoiceOf::AiQuestion => s.gate.ai_question = v.map(|i| i == 0),
            // Clarity always has a value: clearing it means "unanswered".
            ChoiceOf::Clarity(f) => {
                s.filter_mut(f).clarity = pick(Clarity::ALL, v).unwrap_or(Clarity::Unanswered)
            }
            ChoiceOf::Evidence(f) => s.filter_mut(f).evidence = pick(EvidenceKind::ALL, v),
            ChoiceOf::PrimaryPick => s.primary_constraint = pick(ConstraintId::ALL, v),
            // A direction always has a value: clearing it changes nothing.
            ChoiceOf::Direction(i) => {
                if let (Some(d), Some(c)) = (pick(Direction::ALL, v), s.candidates.get(i)) {
                    let id = c.id.clone();
                    s.set_direction(&id, d);
                }
            }
            ChoiceOf::Confidence => {
                if let Some(f) = s.follow_through.as_mut() {
                    f.confidence = pick(&CONFIDENCES, v);
                }
            }
            ChoiceOf::Outcome => {
                if let Some(f) = s.follow_through.as_mut() {
                    f.outcome = pick(Outcome::ALL, v);
                }
            }
            ChoiceOf::CheckInDecision(i) => {
                if let Some(c) = s.check_ins.get_mut(i) {
                    c.decision = pick(Decision::ALL, v);
                }
            }
        }
    }

    /// The question a text field answers, where the method asks one, shown beside it.
    pub fn hint(self) -> Option<&'static str> {
        let q = |id| playbook().question(id).prompt.as_str();
        match self.input() {
            Input::Text(TextAt::Candidate(_, CandidateText::Behavior)) => Some(q(QuestionId::Behavior)),
            Input::Text(TextAt::Candidate(_, CandidateText::Metric)) => Some(q(QuestionId::Metric)),
            Input::Text(TextAt::Candidate(_, CandidateText::Risk)) => Some(q(QuestionId::Risk)),
            Input::Text(TextAt::Candidate(_, CandidateText::Baseline)) => Some("where the metric is today"),
            Input::Text(TextAt::Candidate(_, CandidateText::Target)) => Some("where it should be by day 90"),
            Input::Text(TextAt::Follow(t)) => Some(playbook().follow_through.text(t.key()).1),
            Input::Text(TextAt::CheckIn(_, t)) => Some(playbook().follow_through.text(t.key()).1),
            Input::Text(_) | Input::Choice(_) | Input::Score(_) | Input::Toggle { .. } | Input::Button => {
                None
            }
        }
    }

    /// What an empty text field shows: its question, or an invitation to type.
    pub fn placeholder(self) -> &'static str {
        self.hint().unwrap_or("type here")
    }

    /// Whether the field holds a value that clearing (0) would remove.
    pub fn is_set(self, s: &Session) -> bool {
        match self.input() {
            // Clarity always has a value; cleared, it is "unanswered".
            Input::Choice(ChoiceOf::Clarity(f)) => s.filter(f).clarity != Clarity::Unanswered,
            // A direction always has a value.
            Input::Choice(ChoiceOf::Direction(_)) => false,
            Input::Choice(_) => self.choice(s).is_some(),
            Input::Score(_) => self.score(s).is_some(),
            Input::Text(_) => !self.text(s).is_empty(),
            Input::Toggle { .. } | Input::Button => false,
        }
    }

    /// The label shown beside the field.
    pub fn label(self, s: &Session) -> String {
        let pb = playbook();
        use Field::*;
        match self {
            Name => "Session name".into(),
            Product => "Product".into(),
            Facilitator => "Facilitator".into(),
            Participant { person } => format!("Participant {}", person + 1),
            AddParticipant => "+ Add participant".into(),
            Traction => "Traction".into(),
            AiQuestion => "AI question".into(),
            Answer { .. } => "Answer".into(),
            Clarity { .. } => "Clarity".into(),
            Evidence { .. } => "Evidence".into(),
            Severity { person, .. } => s.participant_label(person),
            ConstraintNote { .. } => "Evidence note".into(),
            PrimaryPick => "Team's pick".into(),
            CandidateText { text, .. } => match text {
                self::CandidateText::Title => "Title".into(),
                self::CandidateText::Behavior => pb.question(QuestionId::Behavior).name.clone(),
                self::CandidateText::Metric => pb.question(QuestionId::Metric).name.clone(),
                self::CandidateText::Risk => pb.question(QuestionId::Risk).name.clone(),
                self::CandidateText::Baseline => "Baseline".into(),
                self::CandidateText::Target => "Target".into(),
            },
            Score { person, dimension, .. } => {
                format!("{} {}", s.participant_label(person), pb.dimension(dimension).short)
            }
            FollowText { text } => pb.follow_through.text(text.key()).0.to_string(),
            CheckInText { text, .. } => pb.follow_through.text(text.key()).0.to_string(),
            Direction { .. } => pb.follow_through.direction_label.clone(),
            Confidence => pb.follow_through.confidence_label.clone(),
            Outcome => pb.follow_through.outcome_label.clone(),
            CheckInDecision { .. } => pb.follow_through.decision_label.clone(),
            Decide => pb.follow_through.decide.clone(),
            AddCheckIn => pb.follow_through.add_check_in.clone(),
            NextCycle => pb.follow_through.next_cycle.clone(),
            Ballot { person, .. } => s.participant_label(person),
            RoundAct { constraint } => crate::tui::workshop::round_button(s, constraint),
            ScoresRound { candidate } => crate::tui::workshop::scores_button(s, candidate),
            CandidateRow { .. }
            | SuggestionRow { .. }
            | NewCandidate
            | Check { .. }
            | TiePick { .. }
            | CheckInRow { .. } => String::new(),
        }
    }
}
