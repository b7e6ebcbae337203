//! A field of a step: what kind of input it takes, its label, and how it reads and writes
//! the session (through the session's own methods). Which fields a step has, in which
//! order, is the step's business (`steps/`).

use crate::method::{
    Clarity, ConstraintId, Dimension, EvidenceKind, FilterId, QuestionId, Session, Traction, playbook,
    wording,
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
    /// Free text; `multiline` fields take Enter as a new line.
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

impl Field {
    pub fn kind(self) -> Kind {
        use Field::*;
        match self {
            Answer { .. } | ConstraintNote { .. } => Kind::Text { multiline: true },
            Name | Product | Facilitator | Participant { .. } | CandidateText { .. } => {
                Kind::Text { multiline: false }
            }
            Traction | AiQuestion | Clarity { .. } | Evidence { .. } | PrimaryPick => Kind::Choice,
            Severity { .. } | Score { .. } => Kind::Score,
            Check { .. } => Kind::Toggle,
            AddParticipant | CandidateRow { .. } | SuggestionRow { .. } | NewCandidate => Kind::Button,
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
        use Field::*;
        match self {
            Name => &s.name,
            Product => &s.product,
            Facilitator => &s.facilitator,
            Participant { person } => s.participants.get(person).map_or("", |p| &p.name),
            Answer { filter } => &s.filter(filter).answer,
            ConstraintNote { constraint } => &s.constraint(constraint).evidence,
            CandidateText { candidate, text } => s.candidates.get(candidate).map_or("", |c| match text {
                self::CandidateText::Title => &c.title,
                self::CandidateText::Behavior => &c.behavior,
                self::CandidateText::Metric => &c.metric,
                self::CandidateText::Baseline => &c.baseline,
                self::CandidateText::Target => &c.target,
                self::CandidateText::Risk => &c.risk,
            }),
            AddParticipant
            | Traction
            | AiQuestion
            | Clarity { .. }
            | Evidence { .. }
            | Severity { .. }
            | PrimaryPick
            | CandidateRow { .. }
            | SuggestionRow { .. }
            | NewCandidate
            | Score { .. }
            | Check { .. } => "",
        }
    }

    pub fn set_text(self, s: &mut Session, v: String) {
        use Field::*;
        let slot = match self {
            Name => &mut s.name,
            Product => &mut s.product,
            Facilitator => &mut s.facilitator,
            Participant { person } => match s.participants.get_mut(person) {
                Some(p) => &mut p.name,
                None => return,
            },
            Answer { filter } => &mut s.filter_mut(filter).answer,
            ConstraintNote { constraint } => &mut s.constraint_mut(constraint).evidence,
            CandidateText { candidate, text } => {
                let Some(c) = s.candidates.get_mut(candidate) else { return };
                match text {
                    self::CandidateText::Title => &mut c.title,
                    self::CandidateText::Behavior => &mut c.behavior,
                    self::CandidateText::Metric => &mut c.metric,
                    self::CandidateText::Baseline => &mut c.baseline,
                    self::CandidateText::Target => &mut c.target,
                    self::CandidateText::Risk => &mut c.risk,
                }
            }
            AddParticipant
            | Traction
            | AiQuestion
            | Clarity { .. }
            | Evidence { .. }
            | Severity { .. }
            | PrimaryPick
            | CandidateRow { .. }
            | SuggestionRow { .. }
            | NewCandidate
            | Score { .. }
            | Check { .. } => return,
        };
        *slot = v;
    }

    /// A score field's value.
    pub fn score(self, s: &Session) -> Option<u8> {
        match self {
            Field::Severity { constraint, person } => s.severity(constraint, person),
            Field::Score { candidate, person, dimension } => s.score(candidate, person, dimension),
            Field::Name
            | Field::Product
            | Field::Facilitator
            | Field::Participant { .. }
            | Field::AddParticipant
            | Field::Traction
            | Field::AiQuestion
            | Field::Answer { .. }
            | Field::Clarity { .. }
            | Field::Evidence { .. }
            | Field::ConstraintNote { .. }
            | Field::PrimaryPick
            | Field::CandidateRow { .. }
            | Field::SuggestionRow { .. }
            | Field::NewCandidate
            | Field::CandidateText { .. }
            | Field::Check { .. } => None,
        }
    }

    pub fn set_score(self, s: &mut Session, v: Option<u8>) {
        match self {
            Field::Severity { constraint, person } => {
                s.set_severity(constraint, person, v);
            }
            Field::Score { candidate, person, dimension } => {
                s.set_score(candidate, person, dimension, v);
            }
            Field::Name
            | Field::Product
            | Field::Facilitator
            | Field::Participant { .. }
            | Field::AddParticipant
            | Field::Traction
            | Field::AiQuestion
            | Field::Answer { .. }
            | Field::Clarity { .. }
            | Field::Evidence { .. }
            | Field::ConstraintNote { .. }
            | Field::PrimaryPick
            | Field::CandidateRow { .. }
            | Field::SuggestionRow { .. }
            | Field::NewCandidate
            | Field::CandidateText { .. }
            | Field::Check { .. } => {}
        }
    }

    /// Options of a choice field, by label; `None` as a value means "not answered".
    pub fn choices(self) -> Vec<&'static str> {
        let pb = playbook();
        match self {
            Field::Traction => Traction::ALL.iter().map(|&t| wording::traction_label(t)).collect(),
            Field::AiQuestion => vec![wording::yes_no_label(true), wording::yes_no_label(false)],
            Field::Clarity { .. } => pb.clarity.iter().map(|c| c.name.as_str()).collect(),
            Field::Evidence { .. } => pb.evidence_kinds.iter().map(|c| c.name.as_str()).collect(),
            Field::PrimaryPick => pb.constraints.iter().map(|c| c.name.as_str()).collect(),
            Field::Name
            | Field::Product
            | Field::Facilitator
            | Field::Participant { .. }
            | Field::AddParticipant
            | Field::Answer { .. }
            | Field::Severity { .. }
            | Field::ConstraintNote { .. }
            | Field::CandidateRow { .. }
            | Field::SuggestionRow { .. }
            | Field::NewCandidate
            | Field::CandidateText { .. }
            | Field::Score { .. }
            | Field::Check { .. } => Vec::new(),
        }
    }

    pub fn choice(self, s: &Session) -> Option<usize> {
        match self {
            Field::Traction => s.gate.traction.map(Traction::index),
            Field::AiQuestion => s.gate.ai_question.map(|b| if b { 0 } else { 1 }),
            Field::Clarity { filter } => Some(Clarity::index(s.filter(filter).clarity)),
            Field::Evidence { filter } => s.filter(filter).evidence.map(EvidenceKind::index),
            Field::PrimaryPick => s.primary_constraint.map(ConstraintId::index),
            Field::Name
            | Field::Product
            | Field::Facilitator
            | Field::Participant { .. }
            | Field::AddParticipant
            | Field::Answer { .. }
            | Field::Severity { .. }
            | Field::ConstraintNote { .. }
            | Field::CandidateRow { .. }
            | Field::SuggestionRow { .. }
            | Field::NewCandidate
            | Field::CandidateText { .. }
            | Field::Score { .. }
            | Field::Check { .. } => None,
        }
    }

    pub fn set_choice(self, s: &mut Session, v: Option<usize>) {
        fn pick<T: Copy>(all: &[T], v: Option<usize>) -> Option<T> {
            v.and_then(|i| all.get(i).copied())
        }
        match self {
            Field::Traction => s.gate.traction = pick(Traction::ALL, v),
            Field::AiQuestion => s.gate.ai_question = v.map(|i| i == 0),
            // Clarity always has a value: clearing it means "unanswered".
            Field::Clarity { filter } => {
                s.filter_mut(filter).clarity = pick(Clarity::ALL, v).unwrap_or(Clarity::Unanswered)
            }
            Field::Evidence { filter } => s.filter_mut(filter).evidence = pick(EvidenceKind::ALL, v),
            Field::PrimaryPick => s.primary_constraint = pick(ConstraintId::ALL, v),
            Field::Name
            | Field::Product
            | Field::Facilitator
            | Field::Participant { .. }
            | Field::AddParticipant
            | Field::Answer { .. }
            | Field::Severity { .. }
            | Field::ConstraintNote { .. }
            | Field::CandidateRow { .. }
            | Field::SuggestionRow { .. }
            | Field::NewCandidate
            | Field::CandidateText { .. }
            | Field::Score { .. }
            | Field::Check { .. } => {}
        }
    }

    /// Whether the field holds a value that clearing (0) would remove.
    pub fn is_set(self, s: &Session) -> bool {
        match self {
            // Clarity always has a value; cleared, it is "unanswered".
            Field::Clarity { filter } => s.filter(filter).clarity != Clarity::Unanswered,
            Field::Severity { .. } | Field::Score { .. } => self.score(s).is_some(),
            Field::Traction | Field::AiQuestion | Field::Evidence { .. } | Field::PrimaryPick => {
                self.choice(s).is_some()
            }
            Field::Name
            | Field::Product
            | Field::Facilitator
            | Field::Participant { .. }
            | Field::Answer { .. }
            | Field::ConstraintNote { .. }
            | Field::CandidateText { .. } => !self.text(s).is_empty(),
            Field::AddParticipant
            | Field::CandidateRow { .. }
            | Field::SuggestionRow { .. }
            | Field::NewCandidate
            | Field::Check { .. } => false,
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
            CandidateRow { .. } | SuggestionRow { .. } | NewCandidate | Check { .. } => String::new(),
        }
    }
}
