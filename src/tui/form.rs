//! The fields of each step, in focus order, and how each reads and writes the session.
//! `update` moves focus over this list and `view` draws it, so both always agree.

use crate::method::rules::effective_primary;
use crate::method::{ConstraintId, Dimension, FilterId, Session, Step, playbook};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Product,
    Facilitator,
    Participant(usize),
    AddParticipant,
    Traction,
    AiQuestion,
    Answer(FilterId),
    Clarity(FilterId),
    Evidence(FilterId),
    Severity(ConstraintId, usize),
    ConstraintNote(ConstraintId),
    PrimaryPick,
    /// A row of the candidate list: an index into `session.candidates`.
    CandidateRow(usize),
    /// A suggestion of the playbook for the primary constraint.
    SuggestionRow(usize),
    NewCandidate,
    Title(usize),
    Behavior(usize),
    Metric(usize),
    Risk(usize),
    Baseline(usize),
    Target(usize),
    Score(usize, usize, Dimension),
    Check(usize, usize),
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
            Answer(_) | ConstraintNote(_) => Kind::Text { multiline: true },
            Name | Product | Facilitator | Participant(_) | Title(_) | Behavior(_) | Metric(_) | Risk(_)
            | Baseline(_) | Target(_) => Kind::Text { multiline: false },
            Traction | AiQuestion | Clarity(_) | Evidence(_) | PrimaryPick => Kind::Choice,
            Severity(..) | Score(..) => Kind::Score,
            Check(..) => Kind::Toggle,
            AddParticipant | CandidateRow(_) | SuggestionRow(_) | NewCandidate => Kind::Button,
        }
    }

    pub fn is_text(self) -> bool {
        matches!(self.kind(), Kind::Text { .. })
    }

    /// The text of a text field.
    pub fn text(self, s: &Session) -> &str {
        use Field::*;
        let c = |i: usize| s.candidates.get(i);
        match self {
            Name => &s.name,
            Product => &s.product,
            Facilitator => &s.facilitator,
            Participant(i) => s.participants.get(i).map_or("", |p| &p.name),
            Answer(f) => &s.filter(f).answer,
            ConstraintNote(c) => &s.constraint(c).evidence,
            Title(i) => c(i).map_or("", |c| &c.title),
            Behavior(i) => c(i).map_or("", |c| &c.behavior),
            Metric(i) => c(i).map_or("", |c| &c.metric),
            Risk(i) => c(i).map_or("", |c| &c.risk),
            Baseline(i) => c(i).map_or("", |c| &c.baseline),
            Target(i) => c(i).map_or("", |c| &c.target),
            _ => "",
        }
    }

    pub fn set_text(self, s: &mut Session, v: String) {
        use Field::*;
        let slot = match self {
            Name => &mut s.name,
            Product => &mut s.product,
            Facilitator => &mut s.facilitator,
            Participant(i) => match s.participants.get_mut(i) {
                Some(p) => &mut p.name,
                None => return,
            },
            Answer(f) => &mut s.filter_mut(f).answer,
            ConstraintNote(c) => &mut s.constraint_mut(c).evidence,
            Title(i) | Behavior(i) | Metric(i) | Risk(i) | Baseline(i) | Target(i) => {
                let Some(c) = s.candidates.get_mut(i) else { return };
                match self {
                    Title(_) => &mut c.title,
                    Behavior(_) => &mut c.behavior,
                    Metric(_) => &mut c.metric,
                    Risk(_) => &mut c.risk,
                    Baseline(_) => &mut c.baseline,
                    _ => &mut c.target,
                }
            }
            _ => return,
        };
        *slot = v;
    }

    /// A score field's value.
    pub fn score(self, s: &Session) -> Option<u8> {
        match self {
            Field::Severity(c, p) => {
                let pid = &s.participants.get(p)?.id;
                s.constraint(c).severity.get(pid).copied()
            }
            Field::Score(i, p, d) => {
                let pid = &s.participants.get(p)?.id;
                s.candidates.get(i)?.scores.get(pid)?.get(d)
            }
            _ => None,
        }
    }

    pub fn set_score(self, s: &mut Session, v: Option<u8>) {
        match self {
            Field::Severity(c, p) => {
                let Some(pid) = s.participants.get(p).map(|p| p.id.clone()) else { return };
                let sev = &mut s.constraint_mut(c).severity;
                match v {
                    Some(v) => sev.insert(pid, v),
                    None => sev.remove(&pid),
                };
            }
            Field::Score(i, p, d) => {
                let Some(pid) = s.participants.get(p).map(|p| p.id.clone()) else { return };
                let Some(c) = s.candidates.get_mut(i) else { return };
                let entry = c.scores.entry(pid.clone()).or_default();
                entry.set(d, v);
                if entry.is_empty() {
                    c.scores.remove(&pid);
                }
            }
            _ => {}
        }
    }
}

/// Indices of the candidates listed on the candidates step: those of the primary constraint.
pub fn listed_candidates(s: &Session) -> Vec<usize> {
    match effective_primary(s) {
        Some(p) => {
            s.candidates.iter().enumerate().filter(|(_, c)| c.constraint == p).map(|(i, _)| i).collect()
        }
        None => Vec::new(),
    }
}

/// The fields of `step`, in focus order; `editing` is the candidate open in the editor.
pub fn fields(s: &Session, step: Step, editing: Option<usize>) -> Vec<Field> {
    use Field::*;
    let people = 0..s.participants.len();
    if let Some(f) = step.filter() {
        return vec![Answer(f), Clarity(f), Evidence(f)];
    }
    if let Some(c) = step.constraint() {
        let mut v: Vec<Field> = people.map(|p| Severity(c, p)).collect();
        v.push(ConstraintNote(c));
        return v;
    }
    match step {
        Step::Setup => {
            let mut v = vec![Name, Product, Facilitator];
            v.extend(people.map(Participant));
            v.push(AddParticipant);
            v
        }
        Step::Gate => vec![Traction, AiQuestion],
        Step::Primary => vec![PrimaryPick],
        Step::Candidates => match editing {
            Some(i) => {
                let mut v = vec![Title(i), Behavior(i), Metric(i), Baseline(i), Target(i), Risk(i)];
                for p in people {
                    v.extend(Dimension::ALL.iter().map(|&d| Score(i, p, d)));
                }
                let items =
                    s.candidates.get(i).map_or(0, |c| playbook().constraint(c.constraint).checklist.len());
                v.extend((0..items).map(|k| Check(i, k)));
                v
            }
            None => {
                let Some(primary) = effective_primary(s) else { return Vec::new() };
                let mut v: Vec<Field> = listed_candidates(s).into_iter().map(CandidateRow).collect();
                let taken = |t: &str| s.candidates.iter().any(|c| c.constraint == primary && c.title == t);
                v.extend(
                    playbook()
                        .constraint(primary)
                        .suggestions
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| !taken(t))
                        .map(|(k, _)| SuggestionRow(k)),
                );
                v.push(NewCandidate);
                v
            }
        },
        _ => Vec::new(),
    }
}

/// Options of a choice field, by label; `None` as a value means "not answered".
pub fn choice_labels(field: Field) -> Vec<&'static str> {
    let pb = playbook();
    match field {
        Field::Traction => vec!["Yes", "No", "Unsure"],
        Field::AiQuestion => vec!["Yes", "No"],
        Field::Clarity(_) => pb.clarity.iter().map(|c| c.name.as_str()).collect(),
        Field::Evidence(_) => pb.evidence_kinds.iter().map(|c| c.name.as_str()).collect(),
        Field::PrimaryPick => pb.constraints.iter().map(|c| c.name.as_str()).collect(),
        _ => Vec::new(),
    }
}

pub fn choice_get(field: Field, s: &Session) -> Option<usize> {
    use crate::method::{Clarity, EvidenceKind, Traction};
    match field {
        Field::Traction => s.gate.traction.map(Traction::index),
        Field::AiQuestion => s.gate.ai_question.map(|b| if b { 0 } else { 1 }),
        Field::Clarity(f) => Some(Clarity::index(s.filter(f).clarity)),
        Field::Evidence(f) => s.filter(f).evidence.map(EvidenceKind::index),
        Field::PrimaryPick => s.primary_constraint.map(ConstraintId::index),
        _ => None,
    }
}

fn pick<T: Copy>(all: &[T], v: Option<usize>) -> Option<T> {
    v.and_then(|i| all.get(i).copied())
}

pub fn choice_set(field: Field, s: &mut Session, v: Option<usize>) {
    use crate::method::{Clarity, EvidenceKind, Traction};
    match field {
        Field::Traction => s.gate.traction = pick(Traction::ALL, v),
        Field::AiQuestion => s.gate.ai_question = v.map(|i| i == 0),
        // Clarity always has a value: clearing it means "unanswered".
        Field::Clarity(f) => s.filter_mut(f).clarity = pick(Clarity::ALL, v).unwrap_or(Clarity::Unanswered),
        Field::Evidence(f) => s.filter_mut(f).evidence = pick(EvidenceKind::ALL, v),
        Field::PrimaryPick => s.primary_constraint = pick(ConstraintId::ALL, v),
        _ => {}
    }
}

/// Whether a step has what it asks for; drawn as done in the progress bar and step list.
/// `r` is the session's recommendation, which already holds the expensive parts.
pub fn step_done(s: &Session, r: &crate::method::Recommendation, step: Step) -> bool {
    use crate::method::Clarity;
    let rated_by_all =
        |c: ConstraintId| s.participants.iter().all(|p| s.constraint(c).severity.contains_key(&p.id));
    if let Some(f) = step.filter() {
        return s.filter(f).clarity != Clarity::Unanswered;
    }
    if let Some(c) = step.constraint() {
        return rated_by_all(c);
    }
    match step {
        Step::Setup => !s.name.trim().is_empty() && s.participants.iter().any(|p| !p.name.trim().is_empty()),
        Step::Gate => s.gate.traction.is_some() && s.gate.ai_question.is_some(),
        Step::Qualification => FilterId::ALL.iter().all(|&f| s.filter(f).clarity != Clarity::Unanswered),
        Step::Primary => r.primary.is_some(),
        Step::Candidates => !listed_candidates(s).is_empty(),
        Step::Ranking => !r.ranking.is_empty(),
        Step::Recommendation => r.top.is_some(),
        _ => false,
    }
}
