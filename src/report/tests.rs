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
    v
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
            for t in texts(&b) {
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
        let json_text = v.to_string();
        for w in words.into_iter().map(str::trim).filter(|w| !w.is_empty()) {
            assert!(txt.contains(w), "{:?}: {w:?} missing in the text report", s.name);
            assert!(page.contains(w), "{:?}: {w:?} missing in the HTML report", s.name);
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
