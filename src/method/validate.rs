//! Checks a session read from disk beyond what its types enforce, naming the field at fault.

use std::collections::BTreeSet;

use super::model::{ConstraintId, FilterId, SCHEMA_VERSION, Session};
use super::playbook::playbook;
use super::thresholds::{SCORE_MAX, SCORE_MIN, is_score};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct Invalid {
    /// A path into the document, e.g. `candidates[2].scores.p1.impact`.
    pub field: String,
    pub message: String,
}

fn invalid(field: impl Into<String>, message: impl Into<String>) -> Invalid {
    Invalid { field: field.into(), message: message.into() }
}

/// `field` builds the field's name only when there is an error to report.
fn check_score(field: impl FnOnce() -> String, v: u8) -> Result<(), Invalid> {
    if is_score(v) {
        Ok(())
    } else {
        Err(invalid(field(), format!("{v} is not a score from {SCORE_MIN} to {SCORE_MAX}")))
    }
}

fn check_timestamp(field: &str, v: &str) -> Result<(), Invalid> {
    humantime::parse_rfc3339(v).map(|_| ()).map_err(|_| {
        invalid(field, format!("{v:?} is not an RFC 3339 UTC time such as 2026-01-31T09:30:00Z"))
    })
}

/// The ids of a list, each non-empty and used once.
fn unique_ids<'a>(list: &str, ids: impl Iterator<Item = &'a str>) -> Result<BTreeSet<&'a str>, Invalid> {
    let mut seen = BTreeSet::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            return Err(invalid(format!("{list}[{i}].id"), "is empty"));
        }
        if !seen.insert(id) {
            return Err(invalid(format!("{list}[{i}].id"), format!("{id:?} is used twice")));
        }
    }
    Ok(seen)
}

/// Validates `s`, puts the filter and constraint lists in the method's order, and drops a
/// first-move pick that names no candidate.
pub fn validate(s: &mut Session) -> Result<(), Invalid> {
    if s.schema_version != SCHEMA_VERSION {
        return Err(invalid(
            "schema_version",
            format!("expected {SCHEMA_VERSION}, found {}", s.schema_version),
        ));
    }
    check_timestamp("created_at", &s.created_at)?;
    check_timestamp("updated_at", &s.updated_at)?;

    if s.participants.is_empty() {
        return Err(invalid("participants", "a session needs at least one participant"));
    }
    let ids = unique_ids("participants", s.participants.iter().map(|p| p.id.as_str()))?;
    let known = |field: &dyn Fn() -> String, id: &str| -> Result<(), Invalid> {
        if ids.contains(id) {
            Ok(())
        } else {
            Err(invalid(field(), format!("{id:?} is not a participant of this session")))
        }
    };

    let mut seen = BTreeSet::new();
    for (i, f) in s.filters.iter().enumerate() {
        if !seen.insert(f.filter) {
            return Err(invalid(
                format!("filters[{i}].filter"),
                format!("{:?} appears twice", f.filter.id()),
            ));
        }
    }
    if let Some(missing) = FilterId::ALL.iter().find(|f| !seen.contains(f)) {
        return Err(invalid("filters", format!("the {:?} filter is missing", missing.id())));
    }

    let mut seen = BTreeSet::new();
    for (i, c) in s.constraints.iter().enumerate() {
        if !seen.insert(c.constraint) {
            return Err(invalid(
                format!("constraints[{i}].constraint"),
                format!("{:?} appears twice", c.constraint.id()),
            ));
        }
        for (pid, &v) in &c.severity {
            let field = || format!("constraints[{i}].severity.{pid}");
            known(&field, pid)?;
            check_score(field, v)?;
        }
    }
    if let Some(missing) = ConstraintId::ALL.iter().find(|c| !seen.contains(c)) {
        return Err(invalid("constraints", format!("the {:?} constraint is missing", missing.id())));
    }

    let cids = unique_ids("candidates", s.candidates.iter().map(|c| c.id.as_str()))?;
    for (i, c) in s.candidates.iter().enumerate() {
        for (pid, scores) in &c.scores {
            known(&|| format!("candidates[{i}].scores.{pid}"), pid)?;
            for &d in super::model::Dimension::ALL {
                if let Some(v) = scores.get(d) {
                    check_score(|| format!("candidates[{i}].scores.{pid}.{}", d.id()), v)?;
                }
            }
        }
        let items = &playbook().constraint(c.constraint).checklist;
        for (j, tick) in c.checklist.iter().enumerate() {
            if !items.iter().any(|item| &item.id == tick) {
                return Err(invalid(
                    format!("candidates[{i}].checklist[{j}]"),
                    format!("{tick:?} is not on the {} checklist", c.constraint.id()),
                ));
            }
        }
    }
    if let Some(id) = &s.cursor.candidate
        && !cids.contains(id.as_str())
    {
        return Err(invalid("cursor.candidate", format!("{id:?} is not a candidate of this session")));
    }
    // The team's first-move pick: one that names no candidate is dropped (it can only come from a
    // hand edit or a deleted candidate, and it decides nothing). One that names a candidate of
    // another constraint is kept, since the primary may change back; the rules ignore it.
    if s.first_move.as_deref().is_some_and(|id| !cids.contains(id)) {
        s.first_move = None;
    }
    // Numbers of a candidate that is gone decide nothing either.
    s.measures.retain(|id, _| cids.contains(id.as_str()));
    if let Some(f) = &s.follow_through
        && let Some(c) = f.confidence
        && !super::followup::CONFIDENCES.contains(&c)
    {
        return Err(invalid(
            "follow_through.confidence",
            format!("{c} is not one of {:?}", super::followup::CONFIDENCES),
        ));
    }

    super::workshop::validate(s)?;

    s.filters.sort_by_key(|f| f.filter);
    s.constraints.sort_by_key(|c| c.constraint);
    Ok(())
}
