//! The report's own tests: every route renders fully, and the rule corrections read right.

use super::*;
use crate::method::{Clarity, ConstraintId, Traction, sample, validate::validate};

fn example(json: &str) -> Session {
    let mut s: Session = serde_json::from_str(json).unwrap();
    validate(&mut s).unwrap();
    s
}

/// Every session file in assets/examples, as the store loads it (migrated if it is older).
fn example_files() -> Vec<Session> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().map(|p| crate::store::load(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).collect()
}

/// Sessions that between them land on every route and show every part of the report.
fn sessions() -> Vec<Session> {
    let mut v = vec![
        example(include_str!("../../assets/examples/first-move.json")),
        example(include_str!("../../assets/examples/discovery-first.json")),
        example(include_str!("../../assets/examples/collect-evidence.json")),
        sample::workshop(4, 15),
        sample::workshop(1, 3),
    ];
    let base = sample::workshop(3, 10);
    let with = |f: &dyn Fn(&mut Session)| {
        let mut s = base.clone();
        f(&mut s);
        s
    };
    v.push(with(&|s| s.gate.traction = Some(Traction::No)));
    v.push(with(&|s| s.gate.ai_question = Some(true)));
    v.push(with(&|s| s.constraints.iter_mut().for_each(|c| c.severity.clear())));
    v.push(with(&|s| {
        let sev = s.constraint(ConstraintId::Activation).severity.clone();
        s.constraint_mut(ConstraintId::Adoption).severity = sev.clone();
        s.constraint_mut(ConstraintId::Reliability).severity = sev;
        for f in &mut s.filters {
            f.clarity = if f.filter.index() < 2 { Clarity::Clear } else { Clarity::Partial };
        }
    }));
    v.push(with(&|s| s.candidates.clear()));
    v.push(with(&|s| {
        s.primary_constraint = Some(ConstraintId::Throughput);
        s.candidates.iter_mut().for_each(|c| c.scores.clear());
    }));
    v.push(with(&|s| {
        s.primary_constraint = Some(ConstraintId::Operations);
        for c in &mut s.candidates {
            c.metric = "Hours of manual work a week".into();
            c.scores.values_mut().for_each(|sc| {
                *sc = crate::method::Scores {
                    impact: Some(5),
                    evidence: Some(4),
                    confidence: Some(4),
                    timing: Some(3),
                }
            });
        }
        s.candidates[3].scores.values_mut().for_each(|sc| sc.timing = Some(4));
    }));
    v.push(workshop_mode());
    v.push(refused_check_in());
    v.push(parked_after_deciding());
    v
}

const EVIL: &str = "<script>alert(1)</script> | # heading";
const T0: &str = "2026-01-12T09:00:00Z";
const T1: &str = "2026-01-12T09:10:00Z";

/// The first-move example run in workshop mode: a private round on Activation's severity
/// (spread 3), a re-vote that closes it (spread 0), a round on the move's scores with an
/// abstention, time on two steps, and the log with a hostile action item.
fn workshop_mode() -> Session {
    use crate::method::rounds::{Ballot, Subject};
    use crate::method::{Scores, Step};
    let mut s = example(include_str!("../../assets/examples/first-move.json"));
    let act = Subject::Severity(ConstraintId::Activation);
    let r = s.open_round(act.clone(), T0, "").unwrap();
    for (p, v) in [("p1", 5), ("p2", 2), ("p3", 4)] {
        s.cast(r, p, Ballot::Severity(v)).unwrap();
    }
    s.reveal(r, T0).unwrap();
    let r = s.open_round(act, T1, "Maya and Tomás are 3 apart").unwrap();
    for p in ["p1", "p2", "p3"] {
        s.cast(r, p, Ballot::Severity(5)).unwrap();
    }
    s.reveal(r, T1).unwrap();
    let r = s.open_round(Subject::Scores("c1".into()), T1, "").unwrap();
    let four = |v| Scores { impact: Some(5), evidence: Some(v), confidence: Some(4), timing: Some(4) };
    s.cast(r, "p1", Ballot::Scores(four(4))).unwrap();
    s.cast(r, "p2", Ballot::Scores(four(5))).unwrap();
    s.cast(r, "p3", Ballot::Abstain).unwrap();
    s.reveal(r, T1).unwrap();
    let tb = &mut s.workshop.timebox;
    tb.on = true;
    tb.spent.insert(Step::Setup, 400);
    tb.spent.insert(Step::ConstraintActivation, 190);
    tb.spent.insert(Step::Candidates, 1500);
    assert!(s.record_decision(T1, Step::Candidates, EVIL, "Tomás | ops", "2026-01-16").unwrap());
    // A due date typed as free text before dates were checked: files from then keep it, and
    // the report must still escape it.
    s.workshop.decisions.last_mut().unwrap().due = "# Friday".into();
    assert!(s.record_decision(T1, Step::Ranking, "Ship the {step} setup first", "", "").unwrap());
    s
}

/// The follow-through example with a check-in dated before the decision, one without notes
/// or a value, and an empty one (nothing but a date).
fn refused_check_in() -> Session {
    let mut s = example(include_str!("../../assets/examples/follow-through.json"));
    let i = s.add_check_in("2025-09-01".into());
    s.check_ins[i].metric_value = "25%".into();
    let i = s.add_check_in("2026-02-01".into());
    s.check_ins[i].decision = Some(crate::method::Decision::Continue);
    s.add_check_in("2026-02-02".into());
    s
}

/// The follow-through example after the gate was answered "no real pull": MVP first.
fn parked_after_deciding() -> Session {
    let mut s = example(include_str!("../../assets/examples/follow-through.json"));
    s.gate.traction = Some(Traction::No);
    s
}

fn texts(b: &Block) -> Vec<String> {
    match b {
        Block::Title(t) | Block::Heading(t) | Block::Subheading(t) | Block::Para(t) | Block::Warning(t) => {
            vec![t.clone()]
        }
        Block::Fields(f) => f.iter().flat_map(|(k, v)| [k.clone(), v.clone()]).collect(),
        Block::Bullets(b) => b.clone(),
        Block::Checklist(c) => c.iter().map(|(_, t)| t.clone()).collect(),
        Block::Table { head, rows } => head.iter().chain(rows.iter().flatten()).cloned().collect(),
        Block::Chart(f) => vec![f.title.clone(), f.alt.clone()],
    }
}

#[test]
fn every_route_renders_with_every_placeholder_filled() {
    let mut routes = Vec::new();
    for s in sessions() {
        let r = recommend(&s);
        routes.push(r.route);
        for b in document_for(&s, &r) {
            for mut t in texts(&b) {
                // What the team typed may hold braces of its own (the log's "{step}").
                for e in &s.workshop.decisions {
                    t = t.replace(&e.text, "");
                }
                assert!(!t.contains('{') && !t.contains('}'), "{:?}: {t:?}", r.route);
            }
        }
    }
    for route in Route::ALL {
        assert!(routes.contains(route), "no test session lands on {route:?}");
    }
}

mod rule_corrections {
    //! Issue 9 §6 as the report shows it.

    use super::*;
    use crate::method::{Clarity, ConstraintId, Scores, Traction, sample};

    fn md(s: &Session) -> String {
        markdown(&document(s))
    }

    #[test]
    fn collect_evidence_names_every_unclear_filter_with_its_clarity_and_question() {
        let mut s = sample::workshop(2, 0);
        for f in &mut s.filters {
            f.clarity = if f.filter.index() == 0 { Clarity::Clear } else { Clarity::Partial };
        }
        s.filters[4].clarity = Clarity::Vague;
        assert_eq!(recommend(&s).route, Route::CollectEvidenceFirst);
        let out = md(&s);
        assert!(
            out.contains("**Still unclear:** Planning (vague), Retention (partial), Trust (partial), Operational (partial)\n"),
            "{out}"
        );
        let pb = playbook();
        for (f, clarity) in [(1, "partial"), (4, "vague")] {
            let ft = &pb.filters[f];
            assert!(out.contains(&format!("- {} ({clarity}): {}\n", ft.name, ft.question)), "{out}");
        }
    }

    #[test]
    fn a_tie_for_next_bottleneck_is_named_as_a_tie() {
        let mut s = sample::workshop(1, 0);
        for (c, v) in
            [(ConstraintId::Activation, 5), (ConstraintId::Operations, 3), (ConstraintId::Throughput, 3)]
        {
            s.constraint_mut(c).severity = [("p1".to_string(), v)].into();
        }
        for c in [ConstraintId::Adoption, ConstraintId::Reliability] {
            s.constraint_mut(c).severity.clear();
        }
        // Operational and planning: both clear or both not, so the two tie on both keys.
        s.filters[3].clarity = Clarity::Clear;
        let i = s.add_candidate(ConstraintId::Activation, "Guided setup".into());
        s.candidates[i].scores.insert(
            "p1".into(),
            Scores { impact: Some(4), evidence: Some(4), confidence: Some(4), timing: Some(4) },
        );
        let c = &mut s.candidates[i];
        (c.behavior, c.metric, c.risk) = ("b".into(), "Activated accounts".into(), "r".into());
        let r = recommend(&s);
        assert_eq!(r.route, Route::FirstMove);
        let out = md(&s);
        assert!(out.contains("## Next bottleneck: Operations, Throughput (tied)\n"), "{out}");
        assert!(!out.contains("## Next bottleneck: Operations\n"), "{out}");
        assert!(out.contains("| Operations | 3 | 3 | 0 | 1 | tied for next |"), "{out}");
        assert!(out.contains("otherwise choose between Operations, Throughput."), "{out}");
    }

    #[test]
    fn traction_warnings_in_the_report() {
        let mut s = sample::workshop(1, 0);
        let warning =
            |s: &Session| document(s).into_iter().filter(|b| matches!(b, Block::Warning(_))).count();
        assert_eq!(warning(&s), 0);
        s.gate.traction = None;
        assert!(md(&s).contains("> **Warning:** The gate is unanswered"));
        s.gate.traction = Some(Traction::No);
        assert_eq!(warning(&s), 0, "MVP first says it; no warning to contradict it");
        s.gate.traction = Some(Traction::Unsure);
        assert!(md(&s).contains("> **Warning:** Traction is not confirmed yet"));
    }

    #[test]
    fn a_tie_at_the_top_names_the_tied_candidates_and_a_pick_settles_it() {
        let mut s = sample::workshop(2, 0);
        s.primary_constraint = Some(ConstraintId::Activation);
        for title in ["Guided setup", "Templates", "Hype"] {
            let i = s.add_candidate(ConstraintId::Activation, title.into());
            let c = &mut s.candidates[i];
            (c.behavior, c.metric, c.risk) = ("b".into(), "m".into(), "r".into());
            let v = if title == "Hype" { 3 } else { 4 };
            for p in ["p1", "p2"] {
                c.scores.insert(
                    p.into(),
                    Scores { impact: Some(v), evidence: Some(v), confidence: Some(v), timing: Some(v) },
                );
            }
        }
        let out = md(&s);
        assert!(out.starts_with("# Choose the first move: "), "{out}");
        assert!(
            out.contains(
                "Tied at the top on lowest median, sum and evidence:\n\n\
                 - Guided setup: lowest median 4, sum 16, Evidence strength 4\n\
                 - Templates: lowest median 4, sum 16, Evidence strength 4\n\n\
                 Discuss them and record one as the team's pick; the report then explains it and plans it.\n"
            ),
            "{out}"
        );
        assert!(!out.contains("The first move:"), "{out}");
        s.set_first_move(Some(1));
        let out = md(&s);
        assert!(out.contains("## The first move: Templates\n\nPicked by the team.\n"), "{out}");
    }
}

mod why_and_how_sure {
    //! Issue 9 §3 as the report shows it, on each example and in every format.

    use super::*;

    fn examples() -> [(&'static str, Session); 3] {
        [
            ("first-move", example(include_str!("../../assets/examples/first-move.json"))),
            ("discovery-first", example(include_str!("../../assets/examples/discovery-first.json"))),
            ("collect-evidence", example(include_str!("../../assets/examples/collect-evidence.json"))),
        ]
    }

    /// Where each heading starts in `md`, in order, or a panic naming the missing one.
    fn at(md: &str, heading: &str) -> usize {
        md.find(&format!("\n## {heading}")).unwrap_or_else(|| panic!("no {heading:?} in\n{md}"))
    }

    #[test]
    fn each_example_explains_its_move_first_in_markdown_and_text() {
        for (name, s) in examples() {
            let r = recommend(&s);
            let blocks = document_for(&s, &r);
            let (md, txt) = (markdown(&blocks), text(&blocks));
            if name == "collect-evidence" {
                assert!(!md.contains("Why this move") && !md.contains("How sure"), "{md}");
                continue;
            }
            // Title, route, then Why this move, then How sure, then the rest.
            let (route, why, sure, primary) = (
                at(&md, "Route: "),
                at(&md, "Why this move"),
                at(&md, "How sure"),
                at(&md, "Primary constraint"),
            );
            assert!(route < why && why < sure && sure < primary, "{name}:\n{md}");
            let decided = "Wins on lowest median against “Empty states that show the next action”: 4 vs 2.";
            let weakest = "Weakest: Evidence strength, Execution confidence, Strategic timing at a median of 4, \
                           so it is high (4 or more) on every dimension.";
            let robust = "Robust: none of the 64 single changes (one person's score for one candidate moved by 1) \
                          changes the move.";
            for out in [&md, &txt] {
                for fact in [decided, weakest, robust, "The primary constraint is the team's pick"] {
                    assert!(out.contains(fact), "{name}: {fact:?} missing in\n{out}");
                }
            }
            assert!(txt.contains("Why this move\n-------------\n"), "{txt}");
            assert!(txt.contains("How sure\n--------\n"), "{txt}");
            // The ranking shows mean beside lowest.
            assert!(md.contains("| Lowest | Mean | Sum |"), "{md}");
            assert!(md.contains("| 5 | 4 | 4 | 4 | 4 | 4.25 | 17 |"), "{md}");
            assert_eq!(
                name == "discovery-first",
                md.contains("Discovery comes first because it is flagged: needs discovery."),
                "{md}"
            );
            assert!(!md.contains("scores well on every dimension"), "{md}");
        }
    }

    #[test]
    fn each_example_carries_why_and_robustness_in_json() {
        for (name, s) in examples() {
            let v = serde_json::to_value(recommend(&s)).unwrap();
            if name == "collect-evidence" {
                assert!(v["why"].is_null(), "{v}");
                assert_eq!(v["robustness"]["first_move"]["verdict"], "not_applicable");
                continue;
            }
            let why = &v["why"];
            assert_eq!(why["decided_by"]["rule"], "ranking", "{why}");
            assert_eq!(why["decided_by"]["key"], "lowest_median");
            assert_eq!(why["decided_by"]["runner_up"]["id"], "c3");
            assert_eq!(
                (why["decided_by"]["top"].as_f64(), why["decided_by"]["other"].as_f64()),
                (Some(4.0), Some(2.0))
            );
            assert_eq!(why["weakest"]["dimensions"], serde_json::json!(["evidence", "confidence", "timing"]));
            assert_eq!(why["weakest"]["below_discovery"], false);
            let rb = &v["robustness"];
            assert_eq!(rb["first_move"]["verdict"], "robust", "{rb}");
            assert_eq!(rb["first_move"]["checked"], 64);
            assert_eq!(rb["primary"]["verdict"], "picked_by_team");
            assert_eq!(v["ranking"][0]["mean"], 4.25);
            assert!(v["ranking"][0]["discuss_first"].is_array());
        }
    }

    #[test]
    fn a_fragile_move_lists_its_flips_and_marks_what_to_discuss_first() {
        let mut s = example(include_str!("../../assets/examples/first-move.json"));
        // Priya doubts the runner-up's Confidence; one step on Tomás's 3 there would swap the move.
        let guided = s.candidate_index("c1").unwrap();
        s.candidates[guided].scores.get_mut("p3").unwrap().confidence = Some(2);
        let ai = s.candidate_index("c2").unwrap();
        let c = &mut s.candidates[ai];
        for sc in c.scores.values_mut() {
            *sc = crate::method::Scores {
                impact: Some(4),
                evidence: Some(4),
                confidence: Some(4),
                timing: Some(4),
            };
        }
        let r = recommend(&s);
        assert_eq!(r.top.as_deref(), Some("c2"));
        let md = markdown(&document_for(&s, &r));
        assert!(
            md.contains(
                "Not robust: 1 of the 67 single changes (one person's score for one candidate moved by 1) would change the move:\n\n\
                 - Tomás, Execution confidence for “Guided setup that reaches the first sent invoice in one sitting”: \
                 3 → 4 gives First move: Guided setup that reaches the first sent invoice in one sitting\n"
            ),
            "{md}"
        );
        assert!(md.contains("| Guided setup that reaches the first sent invoice in one sitting | 5 | 4 | 3 (discuss first) |"), "{md}");
        assert!(
            md.contains("In the tables, “discuss first” marks a disagreement that could change the decision"),
            "{md}"
        );
    }

    /// The plan and the route say the same thing about when the move ships.
    #[test]
    fn the_plan_and_the_route_agree_on_when_to_ship() {
        let pb = playbook();
        let ship = pb.phases.iter().find(|p| p.title == "Ship").expect("a Ship phase");
        let next = &pb.route(Route::FirstMove).next;
        assert!(next.contains(&format!("days {}", ship.days)), "{next:?} vs days {}", ship.days);
        assert!(!next.contains("next 30 days"), "{next:?}");
    }
}

mod json_shape {
    //! The JSON report against the shape docs/report-format.md documents, on every example and
    //! on a session for every route: each key present, each value of its one type.

    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::*;

    /// The shape block of docs/report-format.md.
    fn spec() -> Value {
        let doc = include_str!("../../docs/report-format.md");
        let open = "```json report-shape\n";
        let start = doc.find(open).expect("a report-shape block") + open.len();
        let end = start + doc[start..].find("```").expect("the block's end");
        serde_json::from_str(&doc[start..end]).expect("the shape is JSON")
    }

    /// Checks `v` against `spec`, noting in `seen` each list that held an item and each
    /// nullable value that was not null.
    fn check(v: &Value, spec: &Value, path: &str, seen: &mut BTreeSet<String>) {
        match spec {
            Value::String(kind) => {
                let (kind, nullable) = match kind.strip_suffix("|null") {
                    Some(k) => (k, true),
                    None => (kind.as_str(), false),
                };
                if v.is_null() {
                    assert!(nullable, "{path}: null where a {kind} is documented");
                    return;
                }
                if nullable {
                    seen.insert(path.to_string());
                }
                let ok = match kind {
                    "string" => v.is_string(),
                    "number" => v.is_number(),
                    "integer" => v.is_u64() || v.is_i64(),
                    "bool" => v.is_boolean(),
                    "object" => v.is_object(),
                    other => panic!("{path}: unknown kind {other:?} in the doc"),
                };
                assert!(ok, "{path}: {v} is not a {kind}");
            }
            Value::Array(inner) => {
                let items = v.as_array().unwrap_or_else(|| panic!("{path}: {v} is not a list"));
                if !items.is_empty() {
                    seen.insert(path.to_string());
                }
                for item in items {
                    check(item, &inner[0], &format!("{path}[]"), seen);
                }
            }
            Value::Object(map) if map.contains_key("null_or") => {
                if !v.is_null() {
                    seen.insert(path.to_string());
                    check(v, &map["null_or"], path, seen);
                }
            }
            Value::Object(map) => {
                let obj = v.as_object().unwrap_or_else(|| panic!("{path}: {v} is not an object"));
                let want: BTreeSet<&String> = map.keys().collect();
                let got: BTreeSet<&String> = obj.keys().collect();
                assert_eq!(got, want, "{path}: the keys differ from the doc");
                for (k, s) in map {
                    check(&obj[k], s, &format!("{path}.{k}"), seen);
                }
            }
            other => panic!("{path}: {other} is not a shape"),
        }
    }

    /// Every path of `spec` that may be empty or null.
    fn optional(spec: &Value, path: &str, out: &mut BTreeSet<String>) {
        match spec {
            Value::String(kind) if kind.ends_with("|null") => {
                out.insert(path.to_string());
            }
            Value::Array(inner) => {
                out.insert(path.to_string());
                optional(&inner[0], &format!("{path}[]"), out);
            }
            Value::Object(map) if map.contains_key("null_or") => {
                out.insert(path.to_string());
                optional(&map["null_or"], path, out);
            }
            Value::Object(map) => map.iter().for_each(|(k, s)| optional(s, &format!("{path}.{k}"), out)),
            _ => {}
        }
    }

    /// A session whose move is fragile, with a disputed score on the runner-up.
    fn fragile() -> Session {
        let mut s = example(include_str!("../../assets/examples/first-move.json"));
        let guided = s.candidate_index("c1").unwrap();
        s.candidates[guided].scores.get_mut("p3").unwrap().confidence = Some(2);
        let ai = s.candidate_index("c2").unwrap();
        for sc in s.candidates[ai].scores.values_mut() {
            *sc = crate::method::Scores {
                impact: Some(4),
                evidence: Some(4),
                confidence: Some(4),
                timing: Some(4),
            };
        }
        s
    }

    #[test]
    fn every_session_matches_the_documented_shape_and_exercises_all_of_it() {
        let spec = spec();
        let mut seen = BTreeSet::new();
        let mut all = sessions();
        all.extend(example_files());
        all.push(fragile());
        // A disputed score on the move, a team pick over the ranking, a split primary constraint.
        let mut picked = fragile();
        picked.first_move = Some("c3".into());
        let empty_states = picked.candidate_index("c3").unwrap();
        picked.candidates[empty_states].scores.get_mut("p1").unwrap().impact = Some(4);
        picked.primary_constraint = None;
        all.push(picked);
        for s in &all {
            let r = recommend(s);
            let v: Value = serde_json::from_str(&json(s, &r).unwrap()).unwrap();
            check(&v, &spec, "", &mut seen);
            assert_eq!(v["report_version"], JSON_REPORT_VERSION);
        }
        let mut want = BTreeSet::new();
        optional(&spec, "", &mut want);
        let unseen: Vec<_> = want.difference(&seen).collect();
        assert!(unseen.is_empty(), "no test session fills {unseen:?}: the shape is unchecked there");
    }
}

/// Everything the team typed is in every format: names, answers, evidence notes, candidates'
/// answers, and each person's severities and scores (typed in JSON, in tables elsewhere).
#[test]
fn every_format_carries_the_teams_own_words_and_numbers() {
    for s in sessions().into_iter().chain(example_files()) {
        let r = recommend(&s);
        let blocks = document_for(&s, &r);
        let (txt, page) = (text(&blocks), html(&blocks));
        let v: serde_json::Value = serde_json::from_str(&json(&s, &r).unwrap()).unwrap();
        let mut words: Vec<&str> = vec![&s.name];
        words.extend(s.participants.iter().map(|p| p.name.as_str()));
        words.extend(s.filters.iter().map(|f| f.answer.as_str()));
        words.extend(s.constraints.iter().map(|c| c.evidence.as_str()));
        for c in &s.candidates {
            words.extend(
                [&c.title, &c.behavior, &c.metric, &c.risk, &c.baseline, &c.target].map(String::as_str),
            );
        }
        for c in &s.check_ins {
            // A label that only says the day ("day 30") is the heading's "Day 30".
            if !c.label.to_lowercase().starts_with("day ") {
                words.push(&c.label);
            }
            words.extend(
                [&c.metric_value, &c.adoption, &c.quality, &c.speed, &c.support_load, &c.technical_health]
                    .map(String::as_str),
            );
        }
        for e in &s.workshop.decisions {
            words.extend([&e.text, &e.owner, &e.due].map(String::as_str));
        }
        let json_text = v.to_string();
        for w in words.into_iter().map(str::trim).filter(|w| !w.is_empty()) {
            assert!(txt.contains(w), "{:?}: {w:?} missing in the text report", s.name);
            let escaped =
                w.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
            assert!(page.contains(&escaped), "{:?}: {w:?} missing in the HTML report", s.name);
            assert!(json_text.contains(&serde_json::to_string(w).unwrap()), "{w:?} missing in JSON");
        }
        for (ci, c) in s.constraints.iter().enumerate() {
            for (pi, p) in s.participants.iter().enumerate() {
                let given = c.severity.get(&p.id).copied();
                assert_eq!(v["constraints"][ci]["severity"][pi]["score"].as_u64(), given.map(u64::from));
            }
        }
        for (ci, c) in s.candidates.iter().enumerate() {
            for (pi, p) in s.participants.iter().enumerate() {
                for d in Dimension::ALL {
                    let given = c.scores.get(&p.id).and_then(|sc| sc.get(*d));
                    assert_eq!(v["candidates"][ci]["scores"][pi][d.id()].as_u64(), given.map(u64::from));
                }
            }
        }
    }
}

/// *MVP first*, *AI proof of concept first* and *Collect evidence first* park the plan: the
/// team's scores are kept as a record, but nothing reads as a ranking or a plan, even when the
/// session has a primary constraint and scored candidates.
#[test]
fn routes_that_park_the_plan_show_no_ranking() {
    let mut exercised = 0;
    for s in sessions() {
        let r = recommend(&s);
        if !matches!(r.route, Route::MvpFirst | Route::AiProofOfConceptFirst | Route::CollectEvidenceFirst) {
            continue;
        }
        let md = markdown(&document_for(&s, &r));
        let t = &playbook().report;
        for never in [
            "## Primary constraint",
            "## Next bottleneck",
            &format!("## {}", t.plan),
            &t.ranking_note,
            &format!("| {} |", t.marks.primary),
            &format!("| {} |", t.marks.next),
        ] {
            assert!(!md.contains(never), "{:?}: {never:?} in\n{md}", r.route);
        }
        let v: serde_json::Value = serde_json::from_str(&json(&s, &r).unwrap()).unwrap();
        assert!(v["primary"].is_null() && v["ranking"].as_array().unwrap().is_empty(), "{v}");
        assert!(v["constraints"].as_array().unwrap().iter().all(|c| c["mark"].is_null()));
        if r.primary.is_some() && !r.ranking.is_empty() {
            exercised += 1;
            // The scores are still there, as each person gave them.
            assert!(md.contains("| Person | Impact | Evidence | Confidence | Timing |"), "{md}");
        }
    }
    assert!(exercised >= 2, "no session with a primary and a ranking lands on a parked route");
}

/// A long ranking is charted by its head only, and the chart's title and words say so.
#[test]
fn the_medians_chart_shows_at_most_the_head_of_a_long_ranking() {
    let charts = |s: &Session| -> Vec<Figure> {
        document(s)
            .into_iter()
            .filter_map(|b| match b {
                Block::Chart(f @ Figure { chart: Chart::Medians { .. }, .. }) => Some(f),
                _ => None,
            })
            .collect()
    };
    let s = sample::workshop(3, 80);
    let r = recommend(&s);
    assert!(r.ranking.len() > 12, "{}", r.ranking.len());
    let [f] = charts(&s).try_into().unwrap();
    let Chart::Medians { rows, .. } = &f.chart else { unreachable!() };
    assert_eq!(rows.len(), 12);
    assert_eq!(f.title, "The four medians of the 12 best-ranked candidates");
    assert_eq!(f.alt.matches(": Impact ").count(), 12, "{}", f.alt);
    let few = example(include_str!("../../assets/examples/first-move.json"));
    let [f] = charts(&few).try_into().unwrap();
    assert_eq!(f.title, "The four medians of each ranked candidate");
}

mod follow_through {
    //! Issue 11 §4: the decision, plan dates, prediction, check-ins and the previous cycle.

    use super::*;

    fn md_of(s: &Session) -> String {
        markdown(&document(s))
    }

    fn at(md: &str, heading: &str) -> usize {
        md.find(&format!("\n## {heading}\n")).unwrap_or_else(|| panic!("no {heading:?} in\n{md}"))
    }

    #[test]
    fn the_decided_example_shows_its_dated_plan_decision_and_check_ins() {
        let s = example(include_str!("../../assets/examples/follow-through.json"));
        let md = md_of(&s);
        assert!(at(&md, "30/60/90 plan") < at(&md, "Follow-through"), "{md}");
        assert!(at(&md, "Follow-through") < at(&md, "Check-ins"), "{md}");
        assert!(at(&md, "Check-ins") < at(&md, "The gate"), "{md}");
        for line in [
            "- **Days 1-30, Diagnose and choose:** 7 Oct 2025 to 5 Nov 2025: Map behaviour",
            "- **Days 31-60, Ship:** 6 Nov 2025 to 5 Dec 2025: Build and release",
            "- **Days 61-90, Measure and decide:** 6 Dec 2025 to 4 Jan 2026: Look at adoption",
            "- **Decided on:** 6 Oct 2025\n",
            "- **Move:** Guided setup that reaches the first sent invoice in one sitting\n",
            "- **Metric:** Share of trials that send an invoice within 7 days: 22% → 40% (goes up)\n",
            "- **Prediction:** Predicted 35% by day 90 (70% sure); actual 38% on day 91: the prediction held.\n",
            "- **Progress:** Latest 38% on day 91: moving (89% of the way from 22% to 40%).\n",
            "- **Outcome:** it worked\n",
            "| Date | Day | Metric | Progress | Decision |\n",
            "| 5 Nov 2025 | 30 | 27% | moving (28%) | Continue |\n",
            "| 5 Jan 2026 | 91 | 38% | moving (89%) | Move on to the next bottleneck |\n",
            "### Day 30 · 5 Nov 2025\n\n- **Adoption:** Guided setup used by 61% of new trials.\n",
            "- **Tech health:** Nothing blocking.\n",
        ] {
            assert!(md.contains(line), "{line:?} missing in\n{md}");
        }
        // The plan on *First move* has the dates: the check-in days are not said twice.
        assert!(!md.contains("Check-in days"), "{md}");
        for never in ["## Previous cycle", "## Vote rounds", "## Time per step", "## Decisions log"] {
            assert!(!md.contains(never), "{never} with nothing to show:\n{md}");
        }
        let txt = text(&document(&s));
        assert!(txt.contains("Follow-through\n--------------\n\nDecided on: 6 Oct 2025\n"), "{txt}");
        assert!(txt.contains("  5 Nov 2025  30   27%     moving (28%)  Continue\n"), "{txt}");
    }

    #[test]
    fn the_trend_chart_marks_baseline_and_target_and_says_it_in_words() {
        let s = example(include_str!("../../assets/examples/follow-through.json"));
        let f = document(&s)
            .into_iter()
            .find_map(|b| match b {
                Block::Chart(f @ Figure { chart: Chart::Trend { .. }, .. }) => Some(f),
                _ => None,
            })
            .expect("a trend chart");
        assert_eq!(
            f.alt,
            "Share of trials that send an invoice within 7 days, baseline 22%, target 40%: \
             day 30 (5 Nov 2025): 27%; day 60 (5 Dec 2025): 33%; day 91 (5 Jan 2026): 38%."
        );
        let Chart::Trend { points, baseline, target, .. } = &f.chart else { unreachable!() };
        assert_eq!((*baseline, *target), (22.0, 40.0));
        assert_eq!(
            points.iter().map(|p| (p.day, p.value)).collect::<Vec<_>>(),
            [(30, 27.0), (60, 33.0), (91, 38.0)]
        );
        // No chart without a value to draw.
        let mut none = s.clone();
        none.check_ins.iter_mut().for_each(|c| c.metric_value.clear());
        assert!(
            !document(&none)
                .iter()
                .any(|b| matches!(b, Block::Chart(Figure { chart: Chart::Trend { .. }, .. })))
        );
        assert!(md_of(&none).contains("- **Progress:** No check-in with a value yet"));
    }

    #[test]
    fn a_refused_date_and_a_check_in_without_notes_are_shown_as_such() {
        let md = md_of(&refused_check_in());
        assert!(
            md.contains(
                "| 2025-09-01 (refused: 2025-09-01 is before the decision (2025-10-06)) | – | 25% | – | – |"
            ),
            "{md}"
        );
        assert!(md.contains("| 1 Feb 2026 | 118 | – | – | Continue |"), "{md}");
        assert!(md.contains("### Day 118 · 1 Feb 2026\n\nNo notes.\n"), "{md}");
    }

    /// A check-in with nothing but its date (opened and left empty) is in no format.
    #[test]
    fn an_empty_check_in_is_not_reported() {
        let s = refused_check_in();
        assert!(s.check_ins.last().unwrap().is_empty());
        assert!(!md_of(&s).contains("2 Feb 2026") && !md_of(&s).contains("2026-02-02"));
        let json = crate::report::json(&s, &crate::method::recommend(&s)).unwrap();
        assert!(!json.contains("2026-02-02"), "{json}");
        let mut only = example(include_str!("../../assets/examples/follow-through.json"));
        only.check_ins.clear();
        only.add_check_in("2026-02-02".into());
        assert!(!md_of(&only).contains("## Check-ins"), "{}", md_of(&only));
    }

    /// A refused check-in (before the decision, or after the day the session is read on)
    /// counts nowhere, and the JSON says so: no day, no value in numbers, no zone; what was
    /// typed is kept.
    #[test]
    fn a_refused_check_in_has_no_value_in_the_json() {
        let mut s = refused_check_in();
        let i = s.add_check_in("2026-03-02".into());
        s.check_ins[i].metric_value = "39%".into();
        s.read_as_of("2026-03-01");
        let json = crate::report::json(&s, &crate::method::recommend(&s)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let rows = v["check_ins"].as_array().unwrap();
        let refused: Vec<&serde_json::Value> = rows.iter().filter(|c| !c["refused"].is_null()).collect();
        let typed: Vec<&str> = refused.iter().map(|c| c["metric_value"].as_str().unwrap()).collect();
        assert_eq!(typed, ["25%", "39%"], "{json}");
        for c in &refused {
            assert!(c["value"].is_null() && c["zone"].is_null() && c["day"].is_null(), "{c}");
        }
        assert!(rows.iter().any(|c| c["refused"].is_null() && c["value"].is_number()), "{json}");
    }

    #[test]
    fn the_next_cycle_shows_the_previous_one() {
        let s = example(include_str!("../../assets/examples/follow-through-cycle-2.json"));
        let md = md_of(&s);
        assert!(
            md.contains(
                "## Previous cycle\n\nLast cycle, Q4 activation push (decided 2025-10-06): Guided setup that \
                 reaches the first sent invoice in one sitting → fixes Activation. Share of trials that send \
                 an invoice within 7 days: 22% → 38%. Outcome: it worked.\n"
            ),
            "{md}"
        );
        assert!(!md.contains("## Follow-through") && !md.contains("## Check-ins"), "{md}");
    }

    /// A route that parks the plan keeps the decision and check-ins as a record, with no plan
    /// and no check-in days.
    #[test]
    fn a_parked_route_keeps_the_record_but_no_plan() {
        let s = parked_after_deciding();
        assert_eq!(recommend(&s).route, Route::MvpFirst);
        let md = md_of(&s);
        assert!(md.contains("## Follow-through\n") && md.contains("## Check-ins\n"), "{md}");
        for never in ["## 30/60/90 plan", "Check-in days", "7 Oct 2025 to"] {
            assert!(!md.contains(never), "{never:?} in\n{md}");
        }
        // On a route that ranks but has no plan, the check-in days are given with the decision.
        let mut s = example(include_str!("../../assets/examples/follow-through.json"));
        s.decide("c1", "2025-10-06".into());
        let c = s.candidate_index("c1").unwrap();
        s.candidates[c].scores.values_mut().for_each(|sc| sc.evidence = Some(2));
        assert_eq!(recommend(&s).route, Route::DiscoveryFirst);
        let md = md_of(&s);
        assert!(
            md.contains(
                "- **Check-in days:** day 30: 5 Nov 2025 · day 60: 5 Dec 2025 · day 90: 4 Jan 2026\n"
            ),
            "{md}"
        );
        assert!(!md.contains("## 30/60/90 plan"), "{md}");
        // A plan for another move than the one decided is not dated by that decision.
        let mut s = example(include_str!("../../assets/examples/follow-through.json"));
        s.follow_through.as_mut().unwrap().candidate = "c3".into();
        assert_eq!(recommend(&s).route, Route::FirstMove);
        let md = md_of(&s);
        assert!(md.contains("## 30/60/90 plan\n") && !md.contains("7 Oct 2025 to"), "{md}");
        assert!(md.contains("- **Check-in days:** day 30: 5 Nov 2025"), "{md}");
        assert!(md.contains("- **Move:** Empty states that show the next action\n"), "{md}");
    }
}

mod workshop_mode {
    //! Issue 10: the rounds' convergence, time per step and the decisions log, in every format.

    use super::*;

    fn sel(s: &str) -> scraper::Selector {
        scraper::Selector::parse(s).unwrap()
    }

    #[test]
    fn rounds_time_and_decisions_in_markdown_and_text() {
        let s = workshop_mode();
        let blocks = document(&s);
        let (md, txt) = (markdown(&blocks), text(&blocks));
        let at = |h: &str| md.find(&format!("\n## {h}\n")).unwrap_or_else(|| panic!("no {h} in\n{md}"));
        assert!(at("Candidates") < at("Vote rounds"), "{md}");
        assert!(at("Vote rounds") < at("Time per step") && at("Time per step") < at("Decisions log"), "{md}");
        for line in [
            "- Activation severity: round 1 spread 3 (median 4) → round 2 spread 0 (median 5): the room came closer.\n",
            "- Scores of Guided setup that reaches the first sent invoice in one sitting: round 1 spread 1.\n",
            "| Step | Planned | Spent | Over / under |\n",
            "| Setup | 5:00 | 6:40 | 1:40 over |\n",
            "| Constraint · Activation | 5:00 | 3:10 | 1:50 under |\n",
            "| Candidates | 25:00 | 25:00 | – |\n",
            "The whole workshop: 0:10 ahead of plan.\n",
            "## Decisions log\n\n- Re-vote: Round 2 opened: Maya and Tomás are 3 apart · Constraint · Activation, 2026-01-12 09:10\n",
            "- Action: \\<script\\>alert(1)\\</script\\> \\| \\# heading (owner Tomás \\| ops, due \\# Friday) · Candidates, 2026-01-12 09:10\n",
            "- Decision: Ship the \\{step\\} setup first · Ranking, 2026-01-12 09:10\n",
            "Re-votes and overrides of the suggested primary constraint are logged by firstmove itself.",
        ] {
            assert!(md.contains(line), "{line:?} missing in\n{md}");
        }
        assert!(!md.contains("<script>"), "{md}");
        assert!(txt.contains("Vote rounds\n-----------\n"), "{txt}");
        assert!(txt.contains("Activation severity"), "{txt}");
        assert!(
            txt.contains("  * Activation severity: round 1 spread 3 (median 4) → round 2 spread 0 (median 5): the room came closer.\n"),
            "{txt}"
        );
        assert!(txt.contains("  Setup                    5:00     6:40   1:40 over\n"), "{txt}");
        assert!(
            txt.contains(&format!(
                "  * Action: {EVIL} (owner Tomás | ops, due # Friday) · Candidates, 2026-01-12 09:10\n"
            )),
            "{txt}"
        );
        assert!(txt.contains("The whole workshop: 0:10 ahead of plan."), "{txt}");
    }

    #[test]
    fn rounds_time_and_decisions_in_json() {
        let s = workshop_mode();
        let v: serde_json::Value = serde_json::from_str(&json(&s, &recommend(&s)).unwrap()).unwrap();
        let act = &v["rounds"][0];
        assert_eq!(
            (act["kind"].as_str(), act["constraint"].as_str()),
            (Some("severity"), Some("activation"))
        );
        assert_eq!(act["rounds"][0]["spread"], 3);
        assert_eq!(act["rounds"][1]["spread"], 0);
        assert_eq!(act["rounds"][1]["median"], 5.0);
        assert_eq!(act["converged"], true);
        let scores = &v["rounds"][1];
        assert_eq!((scores["kind"].as_str(), scores["candidate"].as_str()), (Some("scores"), Some("c1")));
        assert_eq!(
            (scores["rounds"][0]["voted"].as_u64(), scores["rounds"][0]["abstained"].as_u64()),
            (Some(2), Some(1))
        );
        assert!(scores["converged"].is_null() && scores["rounds"][0]["median"].is_null());
        let tb = &v["timebox"];
        assert_eq!(tb["steps"][0]["step"], "setup");
        assert_eq!(
            (tb["steps"][0]["planned_seconds"].as_u64(), tb["steps"][0]["spent_seconds"].as_u64()),
            (Some(300), Some(400))
        );
        assert_eq!(tb["balance_seconds"], 10);
        assert_eq!(tb["text"], "0:10 ahead of plan");
        let log = v["decisions"].as_array().unwrap();
        assert_eq!(log.len(), 3);
        assert_eq!((log[0]["kind"].as_str(), log[0]["automatic"].as_bool()), (Some("revote"), Some(true)));
        assert_eq!(log[1]["text"], EVIL);
        assert_eq!(
            (log[1]["owner"].as_str(), log[1]["due"].as_str()),
            (Some("Tomás | ops"), Some("# Friday"))
        );
        // A session without workshop mode has none of it.
        let plain = example(include_str!("../../assets/examples/first-move.json"));
        let v: serde_json::Value = serde_json::from_str(&json(&plain, &recommend(&plain)).unwrap()).unwrap();
        assert!(v["rounds"].as_array().unwrap().is_empty() && v["timebox"].is_null());
        assert!(v["decisions"].as_array().unwrap().is_empty());
        assert!(v["follow_through"].is_null() && v["check_ins"].as_array().unwrap().is_empty());
    }

    #[test]
    fn rounds_time_and_decisions_in_html() {
        let s = workshop_mode();
        let page = html(&document(&s));
        let doc = scraper::Html::parse_document(&page);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let h2: Vec<String> = doc.select(&sel("section > h2")).map(|e| e.text().collect()).collect();
        for h in ["Vote rounds", "Time per step", "Decisions log"] {
            assert!(h2.iter().any(|x| x == h), "{h} in {h2:?}");
        }
        assert!(!page.contains("<script>"), "{page}");
        let cells: Vec<String> = doc.select(&sel("td, tbody th")).map(|e| e.text().collect()).collect();
        assert!(cells.iter().any(|x| x == "1:40 over"), "{cells:?}");
        let items: Vec<String> = doc.select(&sel("section li")).map(|e| e.text().collect()).collect();
        let action =
            format!("Action: {EVIL} (owner Tomás | ops, due # Friday) · Candidates, 2026-01-12 09:10");
        assert!(items.contains(&action), "{items:?}");
        assert!(
            items.contains(&"Decision: Ship the {step} setup first · Ranking, 2026-01-12 09:10".to_string())
        );
        let converged = "Activation severity: round 1 spread 3 (median 4) → round 2 spread 0 (median 5): the room came closer.";
        assert!(items.contains(&converged.to_string()), "{items:?}");
    }

    /// No section heading without something under it, whatever the session.
    #[test]
    fn no_heading_is_empty() {
        for s in sessions().into_iter().chain(example_files()) {
            let blocks = document(&s);
            for (i, b) in blocks.iter().enumerate() {
                if let Block::Heading(h) = b {
                    let next = blocks.get(i + 1);
                    assert!(
                        next.is_some_and(|n| !matches!(n, Block::Heading(_))),
                        "{:?}: {h:?} has nothing under it",
                        s.name
                    );
                }
            }
        }
    }
}
