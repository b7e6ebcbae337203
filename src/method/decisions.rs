//! The decisions log: what the room decided and who does what by when, in the order it was
//! recorded. The facilitator adds entries at any step; firstmove adds two kinds itself: a
//! re-vote (with its reason, from `rounds.rs`) and an override of the suggested primary
//! constraint.

use serde::{Deserialize, Serialize};

use super::dates::{DateError, format_date, parse};
use super::ids::{ConstraintId, Step};
use super::model::Session;
use super::playbook::playbook;
use super::rules::suggested_primary;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Something the room decided.
    Decision,
    /// Something someone will do (owner, due date).
    Action,
    /// Logged by firstmove: the team picked another primary constraint than the suggestion.
    Override,
    /// Logged by firstmove: a vote was taken again.
    Revote,
}

impl EntryKind {
    /// Whether firstmove writes entries of this kind itself.
    pub fn automatic(self) -> bool {
        matches!(self, EntryKind::Override | EntryKind::Revote)
    }

    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Decision => "Decision",
            EntryKind::Action => "Action",
            EntryKind::Override => "Override",
            EntryKind::Revote => "Re-vote",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    /// When it was recorded (RFC 3339).
    pub at: String,
    /// The step the room was on.
    pub step: Step,
    pub kind: EntryKind,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// A day as `YYYY-MM-DD` (checked when typed; files from before keep what they hold).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due: String,
}

impl Session {
    /// Records a decision (no owner) or an action item (an owner or a due date) typed by the
    /// facilitator. Blank text records nothing (`Ok(false)`). A due date is empty or a real
    /// day as `YYYY-MM-DD`, checked by the follow-through's parser (`dates::parse`); anything
    /// else records nothing and says why.
    pub fn record_decision(
        &mut self,
        now: &str,
        step: Step,
        text: &str,
        owner: &str,
        due: &str,
    ) -> Result<bool, DateError> {
        let text = text.trim();
        let due = match due.trim() {
            "" => String::new(),
            d => format_date(parse(d)?),
        };
        if text.is_empty() {
            return Ok(false);
        }
        let owner = owner.trim().to_string();
        let kind = if owner.is_empty() && due.is_empty() { EntryKind::Decision } else { EntryKind::Action };
        self.workshop.decisions.push(LogEntry { at: now.into(), step, kind, text: text.into(), owner, due });
        Ok(true)
    }

    /// Keeps the log's note of the primary constraint in step with the team's pick, after it
    /// changed: an override of a unique suggestion is logged with the reason (what the
    /// suggestion rested on). Changes in a row replace the previous automatic note, so moving
    /// through the choices logs only where the team ended up.
    pub fn note_primary_pick(&mut self, now: &str) {
        let log = &mut self.workshop.decisions;
        if log.last().is_some_and(|e| e.kind == EntryKind::Override) {
            log.pop();
        }
        if let Some(text) = primary_override(self) {
            self.workshop.decisions.push(LogEntry {
                at: now.into(),
                step: Step::Primary,
                kind: EntryKind::Override,
                text,
                owner: String::new(),
                due: String::new(),
            });
        }
    }
}

/// The sentence for a pick that overrides a unique suggestion, `None` otherwise.
pub fn primary_override(s: &Session) -> Option<String> {
    let pick: ConstraintId = s.primary_constraint?;
    let suggested = suggested_primary(s).unique()?;
    if suggested == pick {
        return None;
    }
    let name = |c: ConstraintId| playbook().constraint(c).name.clone();
    Some(format!(
        "The team chose {} as the primary constraint over the suggested {}, which the ratings put first.",
        name(pick),
        name(suggested)
    ))
}

impl LogEntry {
    /// The entry in one line: "Action: Draft the spec (owner Tomás, due Friday)".
    pub fn line(&self) -> String {
        let mut extra = Vec::new();
        if !self.owner.is_empty() {
            extra.push(format!("owner {}", self.owner));
        }
        if !self.due.is_empty() {
            extra.push(format!("due {}", self.due));
        }
        let extra = if extra.is_empty() { String::new() } else { format!(" ({})", extra.join(", ")) };
        format!("{}: {}{extra}", self.kind.label(), self.text)
    }
}

/// The log, oldest first, for the report.
pub fn decisions(s: &Session) -> &[LogEntry] {
    &s.workshop.decisions
}
