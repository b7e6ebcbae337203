//! The method's sentences, ready to show: words from the playbook, numbers from `thresholds`.
//!
//! A sentence that states a rule is a template in `assets/playbook.json` with `{placeholders}`;
//! the functions here fill them from the constants the rules use, so the product can only say
//! what the rules do. The wizard and the report both call these, so each sentence exists once.

use super::ids::{ConstraintId, Dimension, Route, Traction};
use super::playbook::playbook;
use super::recommend::Recommendation;
use super::robust::{Check, MoveOutcome, ScoreFlip, SeverityFlip, Verdict};
use super::rules::{Qualification, Suggestion, UnclearFilter};
use super::thresholds::{
    DISCOVERY_BELOW, DISCUSS_SPREAD, FLAG_HIGH, QUALIFY_MAX_VAGUE, QUALIFY_MIN_CLEAR, ROBUSTNESS_STEP,
};
use super::why::{DecidedBy, Disputed, Weakest};

/// Replaces each `{name}` in `template` by its value in `args`. Values are inserted as they are
/// (a `{` in a session's text is never read as a placeholder). A placeholder with no value is
/// left in place, where the playbook tests find it.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Medians, their sums and minima are whole or half numbers: "4", "4.5".
pub fn fmt_median(m: f64) -> String {
    let halves = m * 2.0;
    if halves.fract() == 0.0 && halves.abs() < 1e9 {
        // Integer formatting: the float formatter is a hot spot when a table redraws.
        let h = halves as i64;
        if h % 2 == 0 { (h / 2).to_string() } else { format!("{}.5", h / 2) }
    } else {
        format!("{m:.1}")
    }
}

/// Names joined by ", ".
pub fn list<T: Copy>(items: &[T], name: fn(T) -> &'static str) -> String {
    items.iter().map(|&i| name(i)).collect::<Vec<_>>().join(", ")
}

pub fn constraint_name(c: ConstraintId) -> &'static str {
    &playbook().constraint(c).name
}

/// "Severity: how much does it hold the business back now? 1 … · 3 … · 5 …"
pub fn severity_scale() -> String {
    let sv = &playbook().severity;
    let anchors = sv.anchors.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
    format!("{}: {} {anchors}", sv.name, sv.question)
}

/// The qualification rule, with its two numbers.
pub fn qualification_rule() -> String {
    qualification_rule_for(QUALIFY_MIN_CLEAR, QUALIFY_MAX_VAGUE)
}

fn qualification_rule_for(min_clear: usize, max_vague: usize) -> String {
    fill(
        &playbook().rules.qualification,
        &[("min_clear", &min_clear.to_string()), ("max_vague", &max_vague.to_string())],
    )
}

/// Whether the session qualifies, with the counts the rule looks at.
pub fn qualification_verdict(q: &Qualification) -> String {
    let rules = &playbook().rules;
    if q.qualified {
        fill(
            &rules.qualified,
            &[("clear", &q.clear.len().to_string()), ("vague", &q.vague_or_unanswered().to_string())],
        )
    } else {
        fill(&rules.not_qualified, &[("route", super::Route::CollectEvidenceFirst.title())])
    }
}

/// The short legend of the discuss marker, e.g. "spread ≥ 2: discuss".
pub fn discuss_rule() -> String {
    discuss_rule_for(DISCUSS_SPREAD)
}

fn discuss_rule_for(spread: u8) -> String {
    fill(&playbook().rules.discuss, &[("spread", &spread.to_string())])
}

/// How candidates are ranked.
pub fn ranking_rule() -> String {
    playbook().rules.ranking.clone()
}

/// What the numbers say about the primary constraint: the suggestion and why, a tie, or nothing
/// rated yet.
pub fn suggestion_sentence(r: &Recommendation) -> String {
    let rules = &playbook().rules;
    match &r.suggestion {
        Suggestion::NoRatings => rules.no_ratings.clone(),
        Suggestion::One(c) => {
            let median = r.constraints.iter().find(|x| x.constraint == *c).and_then(|x| x.severity);
            let median = median.map(|t| t.median);
            // Another constraint with the same median: the clear pressures decided.
            let same_median = r.constraints.iter().filter(|x| x.severity.map(|t| t.median) == median).count();
            let tiebreak = if same_median > 1 { rules.suggested_tiebreak.as_str() } else { "" };
            fill(
                &rules.suggested,
                &[
                    ("constraint", constraint_name(*c)),
                    ("median", &median.map_or("–".into(), fmt_median)),
                    ("tiebreak", tiebreak),
                ],
            )
        }
        Suggestion::Tie(cs) => fill(&rules.primary_tied, &[("constraints", &list(cs, constraint_name))]),
    }
}

/// What comes after the primary constraint: one next bottleneck, a tie, or nothing (no primary,
/// or no other constraint rated).
pub fn next_bottleneck_sentence(r: &Recommendation) -> Option<String> {
    let rules = &playbook().rules;
    match (r.next_bottleneck, r.next_tied.as_slice()) {
        (Some(c), _) => Some(fill(&rules.next_one, &[("constraint", constraint_name(c))])),
        (None, []) => None,
        (None, tied) => Some(fill(&rules.next_tied, &[("constraints", &list(tied, constraint_name))])),
    }
}

// ---- Why this move ----

fn dimension_name(d: Dimension) -> &'static str {
    &playbook().dimension(d).name
}

/// Titles in quotes, joined: “A”, “B”.
fn quoted(titles: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    titles.into_iter().map(|t| format!("“{}”", t.as_ref().trim())).collect::<Vec<_>>().join(", ")
}

/// What put the move on top: the ranking key that separated it from the runner-up (with the
/// numbers), the team's pick, or that it is the only fully scored candidate.
pub fn why_decided(r: &Recommendation, d: &DecidedBy) -> String {
    let w = &playbook().why;
    match d {
        DecidedBy::OnlyCandidate => fill(
            &w.only_candidate,
            &[("constraint", r.primary.as_ref().map_or("", |p| constraint_name(p.constraint)))],
        ),
        DecidedBy::Ranking { runner_up, key, top, other, ties_on } => {
            let (top, other) = (fmt_median(*top), fmt_median(*other));
            let args =
                [("runner_up", runner_up.title.trim()), ("top", top.as_str()), ("other", other.as_str())];
            if ties_on.is_empty() {
                fill(&w.ranking_lowest, &args)
            } else {
                let ties = ties_on
                    .iter()
                    .map(|kv| {
                        let name = &playbook().ranking_key(kv.key).name;
                        fill(&w.tie_value, &[("key", name), ("value", &fmt_median(kv.value))])
                    })
                    .collect::<Vec<_>>()
                    .join(&w.tie_join);
                let key = &playbook().ranking_key(*key).name;
                fill(&w.ranking_tie_then, &[&args[..], &[("ties", &ties), ("key", key)]].concat())
            }
        }
        DecidedBy::TeamPickFromTie { tied_with } => {
            fill(&w.team_pick_tie, &[("candidates", &quoted(tied_with.iter().map(|c| &c.title)))])
        }
        DecidedBy::TeamPickOverRanking { ranking_first } => {
            fill(&w.team_pick_over, &[("candidates", &quoted(ranking_first.iter().map(|c| &c.title)))])
        }
    }
}

/// The move's weakest dimension(s), against the discovery bar and the flags' "high".
pub fn why_weakest(x: &Weakest) -> String {
    let w = &playbook().why;
    let template = if x.below_discovery {
        &w.weakest_below
    } else if x.high {
        &w.weakest_high
    } else {
        &w.weakest_middling
    };
    let names = if x.dimensions.len() == Dimension::ALL.len() {
        w.all_dimensions.clone()
    } else {
        x.dimensions.iter().map(|&d| dimension_name(d)).collect::<Vec<_>>().join(", ")
    };
    fill(
        template,
        &[
            ("dimensions", &names),
            ("median", &fmt_median(x.median)),
            ("bar", &fmt_median(DISCOVERY_BELOW)),
            ("high_bar", &fmt_median(FLAG_HIGH)),
        ],
    )
}

/// The line above the disputed scores, or the sentence that there are none.
pub fn why_disputed_intro(any: bool) -> String {
    let w = &playbook().why;
    fill(if any { &w.disputed_intro } else { &w.disputed_none }, &[("spread", &DISCUSS_SPREAD.to_string())])
}

/// One disputed dimension with who holds its extremes, marked when it is worth discussing first.
pub fn why_disputed(d: &Disputed) -> String {
    let w = &playbook().why;
    fill(
        if d.discuss_first { &w.disputed_first } else { &w.disputed },
        &[
            ("dimension", dimension_name(d.dimension)),
            ("median", &fmt_median(d.median)),
            ("spread", &d.spread.to_string()),
            ("low", &d.low.score.to_string()),
            ("low_who", &d.low.who.join(&w.who_join)),
            ("high", &d.high.score.to_string()),
            ("high_who", &d.high.who.join(&w.who_join)),
            ("step", &ROBUSTNESS_STEP.to_string()),
        ],
    )
}

// ---- How sure ----

fn move_outcome(o: &MoveOutcome) -> String {
    let t = &playbook().robustness;
    match &o.top {
        Some(c) => fill(&t.outcome_top, &[("route", o.route.title()), ("title", c.title.trim())]),
        None => fill(&t.outcome_tie, &[("titles", &quoted(o.tied.iter().map(|c| &c.title)))]),
    }
}

/// The verdict on the move: robust, or how many single changes would change it (then list
/// `score_flip` of each flip). `None` when the route has no move to test. `route` is the
/// recommendation's: on a tie at the top the question is what would break the tie.
pub fn robustness_move(c: &Check<ScoreFlip>, route: Route) -> Option<String> {
    let t = &playbook().robustness;
    let tie = route == Route::ChooseFirstMove;
    let template = match c.verdict {
        Verdict::NotApplicable | Verdict::PickedByTeam => return None,
        Verdict::Robust if tie => &t.tie_robust,
        Verdict::Robust => &t.move_robust,
        Verdict::Fragile if tie => &t.tie_fragile,
        Verdict::Fragile => &t.move_fragile,
    };
    Some(fill(
        template,
        &[
            ("checked", &c.checked.to_string()),
            ("count", &c.flip_count.to_string()),
            ("step", &ROBUSTNESS_STEP.to_string()),
        ],
    ))
}

/// One score change that would change the move: who, which candidate, which dimension, from → to,
/// and what the recommendation would then be.
pub fn score_flip(f: &ScoreFlip) -> String {
    fill(
        &playbook().robustness.score_flip,
        &[
            ("who", &f.who),
            ("dimension", dimension_name(f.dimension)),
            ("candidate", f.candidate.title.trim()),
            ("from", &f.from.to_string()),
            ("to", &f.to.to_string()),
            ("outcome", &move_outcome(&f.then)),
        ],
    )
}

/// The verdict on the suggested primary constraint; `None` when there is no primary.
pub fn robustness_primary(c: &Check<SeverityFlip>) -> Option<String> {
    let t = &playbook().robustness;
    let template = match c.verdict {
        Verdict::NotApplicable => return None,
        Verdict::PickedByTeam => &t.primary_picked,
        Verdict::Robust => &t.primary_robust,
        Verdict::Fragile => &t.primary_fragile,
    };
    Some(fill(
        template,
        &[
            ("checked", &c.checked.to_string()),
            ("count", &c.flip_count.to_string()),
            ("step", &ROBUSTNESS_STEP.to_string()),
        ],
    ))
}

/// One severity change that would change the suggested primary constraint.
pub fn severity_flip(f: &SeverityFlip) -> String {
    let t = &playbook().robustness;
    let outcome = match &f.then {
        Suggestion::One(c) => fill(&t.outcome_primary, &[("constraint", constraint_name(*c))]),
        Suggestion::Tie(cs) => fill(&t.outcome_primary_tie, &[("constraints", &list(cs, constraint_name))]),
        Suggestion::NoRatings => playbook().rules.no_ratings.clone(),
    };
    fill(
        &t.severity_flip,
        &[
            ("who", &f.who),
            ("constraint", constraint_name(f.constraint)),
            ("from", &f.from.to_string()),
            ("to", &f.to.to_string()),
            ("outcome", &outcome),
        ],
    )
}

/// "… and N more." when a check found more flips than it lists.
pub fn flips_more<F>(c: &Check<F>) -> Option<String> {
    (c.more() > 0).then(|| fill(&playbook().robustness.more, &[("count", &c.more().to_string())]))
}

/// What the two discuss marks mean.
pub fn discuss_legend() -> String {
    let marks = &playbook().report.marks;
    fill(
        &playbook().robustness.legend,
        &[
            ("first", &marks.discuss_first),
            ("plain", &marks.discuss),
            ("spread", &DISCUSS_SPREAD.to_string()),
        ],
    )
}

/// The placeholders of an unclear filter: `{filter}`, `{clarity}` (in running text, lower case)
/// and `{question}`.
pub fn unclear_filter_args(u: UnclearFilter) -> [(&'static str, String); 3] {
    let pb = playbook();
    [
        ("filter", pb.filter(u.filter).name.clone()),
        ("clarity", pb.clarity(u.clarity).name.to_lowercase()),
        ("question", pb.filter(u.filter).question.clone()),
    ]
}

/// An unclear filter named with its clarity: "Revenue (vague)".
pub fn unclear_filter(u: UnclearFilter) -> String {
    fill_owned(&playbook().report.unclear_filter, &unclear_filter_args(u))
}

/// `fill` with owned values.
pub fn fill_owned(template: &str, args: &[(&str, String)]) -> String {
    fill(template, &args.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>())
}

/// The label of a traction answer: "Yes", "No", "Unsure".
pub fn traction_label(t: Traction) -> &'static str {
    &playbook().traction_answer(t).name
}

/// The label of a yes/no answer.
pub fn yes_no_label(b: bool) -> &'static str {
    let yn = &playbook().yes_no;
    if b { &yn.yes } else { &yn.no }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::method::thresholds::{SCORE_MAX, SCORE_MIN};

    #[test]
    fn fill_replaces_known_placeholders_only() {
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "{a}")]), "1 and {a}");
        assert_eq!(fill("{x} {", &[]), "{x} {");
        assert_eq!(fill("plain", &[("a", "1")]), "plain");
        assert_eq!(fill("é{a}ü", &[("a", "ß")]), "éßü");
    }

    #[test]
    fn rule_sentences_are_built_from_the_constants() {
        let q = qualification_rule();
        assert!(q.contains(&format!("at least {QUALIFY_MIN_CLEAR} ")), "{q}");
        assert!(q.contains(&format!("no more than {QUALIFY_MAX_VAGUE} ")), "{q}");
        assert_eq!(discuss_rule(), format!("spread ≥ {DISCUSS_SPREAD}: discuss"));
        // Another number in the constant gives another sentence.
        let q = qualification_rule_for(7, 9);
        assert!(q.contains("at least 7 ") && q.contains("no more than 9 "), "{q}");
        assert!(discuss_rule_for(3).starts_with("spread ≥ 3"));
        let scale = severity_scale();
        assert!(
            scale.contains(&format!("{SCORE_MIN} ")) && scale.contains(&format!("{SCORE_MAX} ")),
            "{scale}"
        );
        assert_eq!(
            scale,
            "Severity: how much does it hold the business back now? 1 barely, 3 noticeably, 5 it is the bottleneck"
        );
    }

    /// Every `{name}` in the playbook is one the code fills; an unknown one would be printed.
    #[test]
    fn every_placeholder_in_the_playbook_is_one_the_code_fills() {
        const FILLED: &[&str] = &[
            "min_clear",
            "filter",
            "clarity",
            "question",
            "max_vague",
            "clear",
            "vague",
            "route",
            "spread",
            "constraint",
            "constraints",
            "median",
            "tiebreak",
            "session",
            "count",
            "discuss",
            "title",
            "flags",
            "metric",
            "baseline",
            "target",
            "days",
            "move",
            "runner_up",
            "top",
            "other",
            "ties",
            "key",
            "value",
            "candidates",
            "dimensions",
            "bar",
            "high_bar",
            "dimension",
            "low",
            "low_who",
            "high",
            "high_who",
            "step",
            "checked",
            "who",
            "candidate",
            "from",
            "to",
            "outcome",
            "titles",
            "first",
            "plain",
            "lowest",
            "sum",
            "evidence",
            // Follow-through (method/followup/wording.rs, tui/steps/follow_through.rs).
            "actual",
            "confidence",
            "count",
            "date",
            "day",
            "hits",
            "judged",
            "latest",
            "name",
            "percent",
            "predicted",
            "reason",
            "share",
            "verdict",
            "zone",
            "file",
            "example",
            // The report's record of the workshop (report::workshop).
            "done",
            "total",
            "scores",
            "medians",
            // The report's follow-through and workshop mode (report::follow, report::room).
            "direction",
            "from",
            "to",
            "text",
            "label",
            "value",
            "time",
            "balance",
            "rounds",
            "entry",
            "step",
            "at",
            "metric",
            "baseline",
            "target",
        ];
        fn walk(v: &serde_json::Value, path: &str, found: &mut Vec<(String, String)>) {
            match v {
                serde_json::Value::String(s) => {
                    let mut rest = s.as_str();
                    while let Some(open) = rest.find('{') {
                        let close = rest[open..].find('}').map(|c| open + c);
                        let close = close.unwrap_or_else(|| panic!("{path}: unclosed {{ in {s:?}"));
                        found.push((path.to_string(), rest[open + 1..close].to_string()));
                        rest = &rest[close + 1..];
                    }
                    assert!(!rest.contains('}'), "{path}: stray }} in {s:?}");
                }
                serde_json::Value::Array(a) => {
                    a.iter().enumerate().for_each(|(i, v)| walk(v, &format!("{path}[{i}]"), found))
                }
                serde_json::Value::Object(o) => {
                    o.iter().for_each(|(k, v)| walk(v, &format!("{path}.{k}"), found))
                }
                _ => {}
            }
        }
        let json: serde_json::Value = serde_json::from_str(crate::method::playbook::PLAYBOOK_JSON).unwrap();
        let mut found = Vec::new();
        walk(&json, "playbook", &mut found);
        assert!(found.len() > 20, "the rule and report templates are there");
        for (path, name) in found {
            assert!(FILLED.contains(&name.as_str()), "{path}: {{{name}}} is never filled");
        }
    }

    /// The sentences the wizard shows, filled: no `{` left in any of them.
    #[test]
    fn rule_sentences_leave_no_placeholder() {
        use crate::method::rules::qualification;
        let mut s = crate::method::sample::workshop(3, 5);
        let mut texts = vec![severity_scale(), qualification_rule(), discuss_rule(), ranking_rule()];
        texts.push(qualification_verdict(&qualification(&s)));
        texts.push(suggestion_sentence(&crate::method::recommend(&s)));
        for c in &mut s.constraints {
            c.severity.clear();
        }
        texts.push(suggestion_sentence(&crate::method::recommend(&s)));
        for f in &mut s.filters {
            f.clarity = crate::method::Clarity::Vague;
        }
        texts.push(qualification_verdict(&qualification(&s)));
        let c = s.constraint(ConstraintId::Activation).severity.clone();
        for id in [ConstraintId::Activation, ConstraintId::Adoption] {
            s.constraint_mut(id).severity = [("p1".to_string(), 4)].into_iter().chain(c.clone()).collect();
        }
        texts.push(suggestion_sentence(&crate::method::recommend(&s)));
        for t in texts {
            assert!(!t.contains('{') && !t.contains('}') && !t.is_empty(), "{t:?}");
        }
    }

    #[test]
    fn labels_come_from_the_playbook() {
        assert_eq!(
            Traction::ALL.iter().map(|&t| traction_label(t)).collect::<Vec<_>>(),
            ["Yes", "No", "Unsure"]
        );
        assert_eq!((yes_no_label(true), yes_no_label(false)), ("Yes", "No"));
    }

    #[test]
    fn medians_print_as_whole_or_half_numbers() {
        assert_eq!(fmt_median(4.0), "4");
        assert_eq!(fmt_median(2.5), "2.5");
        assert_eq!(fmt_median(17.0), "17");
        assert_eq!(fmt_median(1.0 / 3.0), "0.3");
    }
}
