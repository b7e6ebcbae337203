//! The sessions folder: round trips, atomic saves, hostile names and bad files.

use std::fs;
use std::path::Path;

use firstmove::method::*;
use firstmove::store::{self, Store, StoreError};
use proptest::prelude::*;

fn example(name: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples").join(name)).unwrap()
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("sessions"));
    (tmp, store)
}

#[test]
fn examples_load_and_land_on_their_routes() {
    for (file, route) in [
        ("first-move.json", Route::FirstMove),
        ("collect-evidence.json", Route::CollectEvidenceFirst),
        ("discovery-first.json", Route::DiscoveryFirst),
    ] {
        let s = store::parse(Path::new(file), example(file).as_bytes()).unwrap();
        assert_eq!(recommend(&s).route, route, "{file}");
        // The examples are written in the exact form the program saves.
        assert_eq!(store::to_json(&s), example(file), "{file} is not in canonical form");
    }
}

#[test]
fn save_is_private_atomic_and_keeps_a_backup() {
    let (_tmp, store) = temp_store();
    let (path, mut s) = store.create("Q3 planning").unwrap();
    assert_eq!(path, store.dir().join("q3-planning.json"));
    s.product = "first".into();
    store::save(&path, &s).unwrap();
    s.product = "second".into();
    store::save(&path, &s).unwrap();
    assert_eq!(store::load(&path).unwrap().product, "second");
    assert_eq!(store::load(&store::backup_path(&path)).unwrap().product, "first");
    let leftovers: Vec<_> = fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(store.dir()), 0o700);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&store::backup_path(&path)), 0o600);
    }
}

#[test]
fn hostile_names_never_leave_the_folder() {
    let (tmp, store) = temp_store();
    let long = "x".repeat(300);
    let names = ["../x", "/etc/passwd", "a/b", ".", "", long.as_str(), "nul\0byte", "🚀🚀", "..\\..\\y", "~"];
    for name in names {
        let (path, _) = store.create(name).unwrap();
        assert_eq!(path.parent(), Some(store.dir()), "{name:?} -> {}", path.display());
        assert_eq!(store::load(&path).unwrap().name, name, "the name itself is kept as typed");
    }
    let files = fs::read_dir(store.dir())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "json"))
        .count();
    assert_eq!(files, names.len(), "every session got its own file");
    // Nothing was written next to the folder.
    let outside: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(outside, ["sessions"]);
    // A name can be resolved back, but not used to reach out of the folder.
    assert_eq!(store.resolve("../x").unwrap(), store.dir().join("x.json"));
    assert!(matches!(store.resolve("../../nothing/here"), Err(StoreError::NotFound { .. })));
    assert!(store.resolve("🚀🚀").is_ok());
}

#[test]
fn bad_json_names_the_file_and_position_and_does_not_hide_others() {
    let (_tmp, store) = temp_store();
    store.create("good one").unwrap();
    let bad = store.dir().join("broken.json");
    fs::write(&bad, "{\n  \"schema_version\": 2,\n  \"name\": oops\n}\n").unwrap();
    let err = store::load(&bad).unwrap_err().to_string();
    assert!(err.contains("broken.json:3:11"), "{err}");
    let listed = store.list().unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed[0].summary.is_ok());
    assert!(listed[1].summary.as_ref().unwrap_err().contains("not valid JSON"));
    assert_eq!(fs::read_to_string(&bad).unwrap(), "{\n  \"schema_version\": 2,\n  \"name\": oops\n}\n");
}

fn load_mutated(f: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&example("first-move.json")).unwrap();
    f(&mut v);
    let text = serde_json::to_string_pretty(&v).unwrap();
    store::parse(Path::new("s.json"), text.as_bytes()).unwrap_err().to_string()
}

#[test]
fn invalid_values_are_rejected_naming_the_field() {
    type Mutation = Box<dyn FnOnce(&mut serde_json::Value)>;
    let cases: Vec<(&str, Mutation)> = vec![
        (
            "candidates[0].scores.p1.impact: 0 is not a score",
            Box::new(|v| v["candidates"][0]["scores"]["p1"]["impact"] = 0.into()),
        ),
        (
            "candidates[1].scores.p2.timing: 6 is not a score",
            Box::new(|v| v["candidates"][1]["scores"]["p2"]["timing"] = 6.into()),
        ),
        (
            "constraints[2].severity.p3: 9 is not a score",
            Box::new(|v| v["constraints"][2]["severity"]["p3"] = 9.into()),
        ),
        (
            "candidates[0].constraint: unknown variant `speed`",
            Box::new(|v| v["candidates"][0]["constraint"] = "speed".into()),
        ),
        (
            "candidates[0].scores.zoe: \"zoe\" is not a participant",
            Box::new(|v| {
                let s = v["candidates"][0]["scores"]["p1"].clone();
                v["candidates"][0]["scores"]["zoe"] = s;
            }),
        ),
        (
            "constraints[0].severity.p9: \"p9\" is not a participant",
            Box::new(|v| v["constraints"][0]["severity"]["p9"] = 3.into()),
        ),
        (
            "participants: a session needs at least one",
            Box::new(|v| v["participants"] = serde_json::json!([])),
        ),
        (
            "filters: the \"planning\" filter is missing",
            Box::new(|v| {
                v["filters"].as_array_mut().unwrap().pop();
            }),
        ),
        (
            "candidates[0].checklist[0]: \"tests\" is not on the activation checklist",
            Box::new(|v| v["candidates"][0]["checklist"][0] = "tests".into()),
        ),
        ("created_at: \"yesterday\" is not an RFC 3339", Box::new(|v| v["created_at"] = "yesterday".into())),
        (
            "filters[0].clarity: unknown variant `sort of`",
            Box::new(|v| v["filters"][0]["clarity"] = "sort of".into()),
        ),
        ("unknown field `colour`", Box::new(|v| v["colour"] = "red".into())),
        ("participants[1].id: \"p1\" is used twice", Box::new(|v| v["participants"][1]["id"] = "p1".into())),
        ("candidates[2].id: \"c1\" is used twice", Box::new(|v| v["candidates"][2]["id"] = "c1".into())),
        ("candidates[0].id: is empty", Box::new(|v| v["candidates"][0]["id"] = " ".into())),
        (
            "schema_version: is missing",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("schema_version");
            }),
        ),
    ];
    for (want, mutate) in cases {
        let err = load_mutated(mutate);
        assert!(err.contains(want), "want {want:?} in {err:?}");
        assert!(err.starts_with("s.json"), "{err}");
    }
}

#[test]
fn shape_errors_carry_line_and_column() {
    let text = example("first-move.json").replacen(
        "\"constraint\": \"activation\",\n      \"scores\"",
        "\"constraint\": \"speed\",\n      \"scores\"",
        1,
    );
    let err = store::parse(Path::new("s.json"), text.as_bytes()).unwrap_err().to_string();
    assert!(err.starts_with("s.json:") && err.contains("candidates[0].constraint"), "{err}");
    let pos: Vec<usize> = err.split(':').skip(1).take(2).map(|n| n.trim().parse().unwrap()).collect();
    assert_eq!(text.lines().nth(pos[0] - 1).unwrap().trim(), "\"constraint\": \"speed\",");
}

#[test]
fn newer_files_are_refused_older_ones_migrated() {
    let err = load_mutated(|v| v["schema_version"] = 99.into());
    assert!(err.contains("made by a newer firstmove"), "{err}");

    // Version 1 named participants directly and keyed their scores by name.
    let v1 = r#"{
      "schema_version": 1, "id": "old", "name": "Old one",
      "participants": ["Ana", "Ben"],
      "created_at": "2025-06-01T10:00:00Z", "updated_at": "2025-06-01T10:00:00Z",
      "filters": [
        {"filter": "revenue", "clarity": "clear"}, {"filter": "retention", "clarity": "clear"},
        {"filter": "trust", "clarity": "partial"}, {"filter": "operational", "clarity": "partial"},
        {"filter": "planning", "clarity": "partial"}],
      "constraints": [
        {"constraint": "activation", "severity": {"Ana": 5, "Ben": 4}},
        {"constraint": "adoption"}, {"constraint": "reliability"}, {"constraint": "operations"},
        {"constraint": "throughput"}],
      "candidates": [{"id": "c1", "title": "Setup", "constraint": "activation",
        "scores": {"Ben": {"impact": 4, "evidence": 4, "confidence": 4, "timing": 4}}}]
    }"#;
    let s = store::parse(Path::new("old.json"), v1.as_bytes()).unwrap();
    assert_eq!(s.schema_version, SCHEMA_VERSION);
    assert_eq!(s.participants[1], Participant { id: "p2".into(), name: "Ben".into() });
    assert_eq!(s.constraint(ConstraintId::Activation).severity["p1"], 5);
    assert_eq!(s.candidates[0].scores["p2"].impact, Some(4));
    let bad = v1.replace("\"Ben\": {", "\"Zed\": {");
    let err = store::parse(Path::new("old.json"), bad.as_bytes()).unwrap_err().to_string();
    assert!(err.contains("\"Zed\" is not a participant"), "{err}");
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![".*", "[a-z ]{0,12}", Just(String::new()), Just("\"quoted\" \\ \n\t<b>|#".to_string())]
}

fn arb_session() -> impl Strategy<Value = Session> {
    let score = prop::option::of(1u8..=5);
    let scores = (score.clone(), score.clone(), score.clone(), score)
        .prop_map(|(impact, evidence, confidence, timing)| Scores { impact, evidence, confidence, timing });
    (
        arb_text(),
        arb_text(),
        1usize..5,
        prop::collection::vec(
            (prop::sample::select(ConstraintId::ALL), arb_text(), prop::collection::vec(scores, 0..5)),
            0..6,
        ),
        prop::collection::vec((prop::sample::select(Clarity::ALL), arb_text()), 5),
        prop::collection::vec(prop::option::of(1u8..=5), 5),
    )
        .prop_map(|(name, product, n, cands, filters, sev)| {
            let mut s = Session::new("id".into(), name, "2026-01-01T00:00:00Z".into());
            s.product = product;
            s.participants =
                (1..=n).map(|i| Participant { id: format!("p{i}"), name: format!("P {i}") }).collect();
            for (f, (clarity, answer)) in s.filters.iter_mut().zip(filters) {
                f.clarity = clarity;
                f.answer = answer;
            }
            for (c, v) in s.constraints.iter_mut().zip(sev) {
                if let Some(v) = v {
                    c.severity.insert("p1".into(), v);
                }
            }
            for (i, (constraint, title, scores)) in cands.into_iter().enumerate() {
                s.candidates.push(Candidate {
                    id: format!("c{}", i + 1),
                    title,
                    constraint,
                    scores: scores
                        .into_iter()
                        .take(n)
                        .enumerate()
                        .map(|(p, sc)| (format!("p{}", p + 1), sc))
                        .collect(),
                    behavior: String::new(),
                    metric: "m".into(),
                    risk: String::new(),
                    checklist: vec![],
                    baseline: String::new(),
                    target: String::new(),
                });
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn sessions_round_trip_through_the_store(s in arb_session()) {
        let (_tmp, store) = temp_store();
        store.ensure().unwrap();
        let path = store.path_for_new(&s.name);
        store::save(&path, &s).unwrap();
        prop_assert_eq!(store::load(&path).unwrap(), s);
    }
}

#[test]
fn the_format_doc_shows_the_real_example() {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/session-format.md")).unwrap();
    let block = doc.split("```json\n").nth(1).and_then(|rest| rest.split("```").next()).unwrap();
    assert_eq!(block, example("first-move.json"), "docs/session-format.md is out of date");
}
