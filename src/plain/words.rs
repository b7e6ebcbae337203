//! The words that work at any prompt of plain mode, and the steps' names as plain mode says
//! them (which is also what `jump STEP` matches).

use crate::method::{ConstraintId, FilterId, Step, playbook};

/// A navigation word typed at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word {
    /// The previous question (at a step's first one, the previous step).
    Back,
    /// Leave this question as it is and go on (as Enter does).
    Skip,
    /// Go to a step; `None` when no step was named (the steps are listed).
    Jump(Option<String>),
    /// Where the session stands.
    Status,
    /// The question's help and these words.
    Help,
    /// Save and leave.
    Quit,
}

/// The word a whole line is, if it is one: case and surrounding spaces aside. A line that
/// starts with a backslash is never a word (`\back` answers "back").
pub fn word(line: &str) -> Option<Word> {
    let t = line.trim();
    let lower = t.to_lowercase();
    let (head, rest) = match lower.split_once(char::is_whitespace) {
        Some((h, r)) => (h, r.trim()),
        None => (lower.as_str(), ""),
    };
    match (head, rest.is_empty()) {
        ("back", true) => Some(Word::Back),
        ("skip", true) => Some(Word::Skip),
        ("status", true) => Some(Word::Status),
        ("help", true) => Some(Word::Help),
        ("quit", true) => Some(Word::Quit),
        ("jump", true) => Some(Word::Jump(None)),
        ("jump", false) => Some(Word::Jump(Some(rest.to_string()))),
        _ => None,
    }
}

/// What the navigation words do, for `help`.
pub const WORDS_HELP: &str = "Words that work at any prompt: back (the previous question), skip \
    (leave this one as it is and go on, as Enter does), jump STEP (go to a step, by its number or \
    its name, for example jump 3 or jump ranking), status (where the session stands), help (this \
    text), quit (save and leave). To answer with one of these words, start the line with a \
    backslash: \\back.";

/// A step's name, as plain mode says it. One exhaustive match: a new step has a name here.
pub fn step_name(step: Step) -> String {
    let filter = |f: FilterId| format!("Pressure filter: {}", playbook().filter(f).name);
    let constraint = |c: ConstraintId| format!("Constraint: {}", playbook().constraint(c).name);
    match step {
        Step::Setup => "Setup".into(),
        Step::Gate => "Traction gate".into(),
        Step::FilterRevenue => filter(FilterId::Revenue),
        Step::FilterRetention => filter(FilterId::Retention),
        Step::FilterTrust => filter(FilterId::Trust),
        Step::FilterOperational => filter(FilterId::Operational),
        Step::FilterPlanning => filter(FilterId::Planning),
        Step::Qualification => "Qualification".into(),
        Step::ConstraintActivation => constraint(ConstraintId::Activation),
        Step::ConstraintAdoption => constraint(ConstraintId::Adoption),
        Step::ConstraintReliability => constraint(ConstraintId::Reliability),
        Step::ConstraintOperations => constraint(ConstraintId::Operations),
        Step::ConstraintThroughput => constraint(ConstraintId::Throughput),
        Step::Primary => "Primary constraint".into(),
        Step::Candidates => "Candidates".into(),
        Step::Ranking => "Ranking".into(),
        Step::Recommendation => "Recommendation".into(),
        Step::FollowThrough => "Follow-through".into(),
    }
}

/// "Step 3 of 17, Pressure filter: Revenue".
pub fn step_heading(step: Step) -> String {
    format!("Step {} of {}, {}", step.index() + 1, Step::ALL.len(), step_name(step))
}

/// Every step, numbered, one a line: what `jump` alone prints.
pub fn step_list() -> String {
    Step::ALL.iter().map(|&s| format!("  {}. {}", s.index() + 1, step_name(s))).collect::<Vec<_>>().join("\n")
}

/// The step `arg` names: its number, its id (`filter_trust`), its name, or a word of its name
/// that no other step has (`trust`, `ranking`). The error is the one line to say why not.
pub fn find_step(arg: &str) -> Result<Step, String> {
    let norm = |s: &str| {
        s.to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let want = norm(arg);
    if want.is_empty() {
        return Err("Name a step: its number or its name.".into());
    }
    if let Ok(n) = want.parse::<usize>() {
        return match Step::ALL.get(n.wrapping_sub(1)) {
            Some(&s) => Ok(s),
            None => Err(format!("There is no step {n}: the steps are numbered 1 to {}.", Step::ALL.len())),
        };
    }
    if let Some(&s) = Step::ALL.iter().find(|s| norm(s.id()) == want || norm(&step_name(**s)) == want) {
        return Ok(s);
    }
    let matches: Vec<Step> = Step::ALL
        .iter()
        .copied()
        .filter(|&s| {
            let name = norm(&step_name(s));
            let words: Vec<&str> = name.split(' ').collect();
            want.split(' ').all(|w| words.iter().any(|n| n.starts_with(w)))
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!("No step is called \"{arg}\". Type jump alone to hear the steps.")),
        many => Err(format!(
            "\"{arg}\" could be {}. Type the step's number.",
            many.iter()
                .map(|&s| format!("{} ({})", step_name(s), s.index() + 1))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_whole_lines_in_any_case() {
        assert_eq!(word(" Back "), Some(Word::Back));
        assert_eq!(word("QUIT"), Some(Word::Quit));
        assert_eq!(word("jump"), Some(Word::Jump(None)));
        assert_eq!(
            word("jump  Pressure filter: Trust"),
            Some(Word::Jump(Some("pressure filter: trust".into())))
        );
        assert_eq!(word("go back"), None);
        assert_eq!(word("\\back"), None);
        assert_eq!(word("skipped"), None);
        assert_eq!(word(""), None);
    }

    #[test]
    fn steps_are_found_by_number_id_name_or_a_word() {
        assert_eq!(find_step("1"), Ok(Step::Setup));
        assert_eq!(find_step("17"), Ok(Step::Recommendation));
        assert_eq!(find_step("filter_trust"), Ok(Step::FilterTrust));
        assert_eq!(find_step("Pressure filter: Trust"), Ok(Step::FilterTrust));
        assert_eq!(find_step("trust"), Ok(Step::FilterTrust));
        assert_eq!(find_step("rank"), Ok(Step::Ranking));
        assert_eq!(find_step("primary"), Ok(Step::Primary));
        assert_eq!(find_step("gate"), Ok(Step::Gate));
        assert!(find_step("0").unwrap_err().contains("numbered 1 to"));
        assert!(find_step("99").is_err());
        assert!(find_step("nowhere").unwrap_err().contains("No step"));
        let many = find_step("constraint").unwrap_err();
        assert!(
            many.contains("Constraint: Activation (9)") && many.contains("Primary constraint (14)"),
            "{many}"
        );
    }

    #[test]
    fn every_step_has_a_distinct_name() {
        for &a in Step::ALL {
            assert_eq!(find_step(&step_name(a)), Ok(a));
            assert_eq!(find_step(a.id()), Ok(a));
        }
    }
}
