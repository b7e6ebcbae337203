//! The sessions folder: round trips, atomic saves, hostile names and bad files; an open
//! session's file under outside changes, lost locks and races.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};

use firstmove::method::*;
use firstmove::store::{self, LockStatus, SaveOutcome, SessionFile, Store, StoreError};
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
        ("follow-through.json", Route::FirstMove),
        ("follow-through-cycle-2.json", Route::CollectEvidenceFirst),
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
    assert!(matches!(store.resolve("../../nothing/here"), Err(StoreError::NoSuchFile { .. })));
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
    let s = store::parse(Path::new("old.json"), V1.as_bytes()).unwrap();
    assert_eq!(s.schema_version, SCHEMA_VERSION);
    assert_eq!(s.participants[1], Participant { id: "p2".into(), name: "Ben".into() });
    assert_eq!(s.constraint(ConstraintId::Activation).severity["p1"], 5);
    assert_eq!(s.candidates[0].scores["p2"].impact, Some(4));
    let bad = V1.replace("\"Ben\": {", "\"Zed\": {");
    let err = store::parse(Path::new("old.json"), bad.as_bytes()).unwrap_err().to_string();
    assert!(err.contains("\"Zed\" is not a participant"), "{err}");
}

/// Version 2 kept baseline and target as text only: version 3 adds them as numbers where they
/// read as such, and leaves the text as typed.
#[test]
fn version_2_metrics_become_numbers_where_they_parse() {
    let mut v: serde_json::Value = serde_json::from_str(&example("first-move.json")).unwrap();
    v["schema_version"] = 2.into();
    v.as_object_mut().unwrap().remove("measures");
    v["candidates"][1]["baseline"] = "about a fifth".into();
    v["candidates"][1]["target"] = "40%".into();
    v["candidates"][2]["baseline"] = "9 s".into();
    v["candidates"][2]["target"] = "3 s".into();
    let s = store::parse(Path::new("v2.json"), serde_json::to_string(&v).unwrap().as_bytes()).unwrap();
    assert_eq!(s.schema_version, 3);
    let m = &s.measures["c1"];
    assert_eq!((m.baseline, m.target, m.unit.as_str(), m.direction), (22.0, 40.0, "%", Direction::Increase));
    assert!(!s.measures.contains_key("c2"), "text that is not a number gets no measure");
    assert_eq!(s.candidates[1].baseline, "about a fifth", "and keeps its text");
    let m = &s.measures["c3"];
    assert_eq!((m.baseline, m.target, m.unit.as_str(), m.direction), (9.0, 3.0, "s", Direction::Decrease));
    assert_eq!(s.candidates[0].baseline, "22%");
    // Version 1 goes through both steps.
    let s = store::parse(Path::new("old.json"), V1.as_bytes()).unwrap();
    assert!(s.measures.is_empty() && s.follow_through.is_none() && s.previous.is_none());
    // The version 2 original is kept beside the upgraded file, byte for byte.
    let (_tmp, store) = temp_store();
    store.ensure().unwrap();
    let path = store.dir().join("v2.json");
    let original = serde_json::to_string_pretty(&v).unwrap();
    fs::write(&path, &original).unwrap();
    let (mut file, s) = SessionFile::open(&path).unwrap();
    file.save(&s).unwrap();
    assert_eq!(fs::read_to_string(store.dir().join("v2.json.v2.bak")).unwrap(), original);
    assert_eq!(store::load(&path).unwrap().measures["c1"].target, 40.0);
    // A confidence the method does not offer is refused, naming the field.
    let err = load_mutated(|v| {
        v["follow_through"] =
            serde_json::json!({"decided_on": "2026-01-12", "candidate": "c1", "confidence": 65})
    });
    assert!(err.contains("follow_through.confidence: 65 is not one of [50, 70, 90]"), "{err}");
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

/// What the home screen's first frame lists before any file is read: every `*.json` name
/// that is not hidden, whatever it is, in byte order of the names, each joined to the folder
/// as it was given (a trailing slash included).
#[test]
fn list_paths_gives_the_json_names_in_byte_order() {
    let tmp = tempfile::tempdir().unwrap();
    let names = [
        "b.json",
        "B.json",
        "a-b.json",
        "a b.json",
        "a.json",
        "\u{e9}t\u{e9}.json",
        "z.json.bak",
        ".hidden.json",
        "notes.txt",
    ];
    for n in names {
        fs::write(tmp.path().join(n), "{}").unwrap();
    }
    fs::create_dir(tmp.path().join("folder.json")).unwrap();
    let given = format!("{}/", tmp.path().display());
    let listed: Vec<String> = Store::new(&given)
        .list_paths()
        .unwrap()
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            assert_eq!(p, &tmp.path().join(&name), "joined to the folder");
            name
        })
        .collect();
    assert_eq!(
        listed,
        ["B.json", "a b.json", "a-b.json", "a.json", "b.json", "folder.json", "\u{e9}t\u{e9}.json"]
    );
    // A folder that does not exist yet has no sessions.
    assert!(Store::new(tmp.path().join("none")).list_paths().unwrap().is_empty());
}

// ---- An open session's file (issue 8) ----

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
}

/// Item 2: the folder is deleted while a session is open; the next save makes it again
/// *with* the lock, so a second window opens read-only.
#[test]
fn a_lost_lock_is_taken_again_before_the_next_save() {
    let (_tmp, store) = temp_store();
    let (mut file, mut s) = store.create_file("Shared").unwrap();
    assert_eq!(file.lock_status(), &LockStatus::Held);
    fs::remove_dir_all(store.dir()).unwrap();
    s.product = "after the folder went".into();
    assert_eq!(file.save(&s).unwrap(), SaveOutcome::Saved);
    assert_eq!(store::load(file.path()).unwrap().product, "after the folder went");
    assert!(store::lock(file.path()).unwrap().is_none(), "a second window must find the session held");
    // The lock file alone vanishes: taken again too.
    fs::remove_file(store::lock_path(file.path())).unwrap();
    s.product = "again".into();
    assert_eq!(file.save(&s).unwrap(), SaveOutcome::Saved);
    assert!(store::lock(file.path()).unwrap().is_none());
}

/// Item 2: the lock vanished and another process took a new one: this one must not write.
#[test]
fn a_save_is_refused_while_another_process_holds_the_lock() {
    let (_tmp, store) = temp_store();
    let (mut file, mut s) = store.create_file("Shared").unwrap();
    fs::remove_file(store::lock_path(file.path())).unwrap();
    let other = store::lock(file.path()).unwrap().expect("a second window takes the new lock");
    s.product = "mine".into();
    let err = file.save(&s).unwrap_err();
    assert!(matches!(err, StoreError::LockHeld { .. }), "{err}");
    assert!(err.to_string().contains("open in another firstmove"), "{err}");
    assert_eq!(file.lock_status(), &LockStatus::HeldElsewhere);
    assert!(file.read_only_reason().unwrap().contains("open in another firstmove"));
    assert_eq!(store::load(file.path()).unwrap().product, "", "nothing was written");
    drop(other);
    assert_eq!(file.save(&s).unwrap(), SaveOutcome::Saved, "free again: it takes the lock and saves");
    assert_eq!(file.lock_status(), &LockStatus::Held);
}

/// Item 2 and 7: a directory, a FIFO or a symbolic link at the lock's name means "cannot
/// lock", with the reason, and no writer at all (never two).
#[cfg(unix)]
#[test]
fn anything_but_a_regular_file_at_the_lock_name_means_no_writer() {
    for (kind, word) in [
        ("dir", "directory"),
        ("fifo", "FIFO"),
        ("link", "symbolic link"),
        ("link to a directory", "symbolic link"),
    ] {
        let (tmp, store) = temp_store();
        let (path, s) = store.create("Locked out").unwrap();
        let lp = store::lock_path(&path);
        fs::remove_file(&lp).unwrap();
        let outside = tmp.path().join("outside-lock");
        match kind {
            "dir" => fs::create_dir(&lp).unwrap(),
            "fifo" => assert!(std::process::Command::new("mkfifo").arg(&lp).status().unwrap().success()),
            "link" => std::os::unix::fs::symlink(&outside, &lp).unwrap(),
            _ => std::os::unix::fs::symlink(tmp.path(), &lp).unwrap(),
        }
        let err = store::lock(&path).unwrap_err();
        assert!(matches!(err, StoreError::Lock { .. }), "{kind}: {err}");
        assert!(err.to_string().contains(word), "{kind}: {err}");
        assert!(!err.to_string().contains("session file"), "the lock file is at fault: {err}");
        assert!(err.to_string().contains("lock file goes"), "{kind}: {err}");
        let (mut file, mut opened) = SessionFile::open(&path).unwrap();
        let reason = file.read_only_reason().expect("opened read-only");
        assert!(reason.contains(word), "{kind}: {reason}");
        opened.product = "must not land".into();
        assert!(file.save(&opened).is_err(), "{kind}: a save without the lock");
        assert_eq!(store::load(&path).unwrap(), s, "{kind}: the file is untouched");
        assert!(!outside.exists(), "{kind}: nothing was created through the link");
    }
}

/// A session open in this process whose file someone else then rewrote with the product
/// "theirs": the open file handle, our session, theirs, and the file's path.
fn edited_outside(
    store: &Store,
) -> (store::SessionFile, firstmove::method::Session, firstmove::method::Session, std::path::PathBuf) {
    let (file, ours) = store.create_file("Q3").unwrap();
    let path = file.path().to_path_buf();
    let mut theirs = ours.clone();
    theirs.product = "theirs".into();
    fs::write(&path, store::to_json(&theirs)).unwrap();
    (file, ours, theirs, path)
}

/// Item 3: a file changed on disk (an editor, a `git pull`, another writer) is never
/// overwritten; ours goes beside it as a private conflict copy, and later saves update
/// that same copy.
#[test]
fn a_file_changed_on_disk_is_kept_and_ours_goes_to_a_conflict_copy() {
    let (_tmp, store) = temp_store();
    let (mut file, mut ours, _, path) = edited_outside(&store);
    ours.product = "ours!!".into(); // the same length: only the bytes tell them apart
    let copy = match file.save(&ours).unwrap() {
        SaveOutcome::Conflict { copy } => copy,
        other => panic!("theirs was overwritten: {other:?}"),
    };
    assert_eq!(store::load(&path).unwrap().product, "theirs", "theirs stays in place");
    assert_eq!(store::load(&copy).unwrap().product, "ours!!", "ours is in the copy");
    let name = copy.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("q3.conflict-") && name.ends_with(".json"), "{name}");
    assert_eq!(copy.parent(), Some(store.dir()));
    assert_eq!(file.conflict(), Some(copy.as_path()));
    #[cfg(unix)]
    assert_eq!(mode(&copy), 0o600);
    ours.facilitator = "Maya".into();
    assert_eq!(file.save(&ours).unwrap(), SaveOutcome::Conflict { copy: copy.clone() });
    assert_eq!(store::load(&copy).unwrap().facilitator, "Maya");
    assert_eq!(store::load(&path).unwrap().product, "theirs");
    let copies = names_in(store.dir()).into_iter().filter(|n| n.contains(".conflict-")).count();
    assert_eq!(copies, 1, "one copy, kept up to date");
}

/// Item 3: after a conflict, theirs can be adopted, or ours written over it on purpose
/// (theirs then is the `.bak`).
#[test]
fn after_a_conflict_theirs_can_be_reloaded_or_knowingly_overwritten() {
    let (_tmp, store) = temp_store();
    let (mut file, mut ours, theirs, path) = edited_outside(&store);
    ours.product = "ours".into();
    assert!(matches!(file.save(&ours).unwrap(), SaveOutcome::Conflict { .. }));

    let reloaded = file.reload().unwrap();
    assert_eq!(reloaded, theirs);
    assert_eq!(file.conflict(), None);
    let mut next = reloaded;
    next.facilitator = "on top of theirs".into();
    assert_eq!(file.save(&next).unwrap(), SaveOutcome::Saved);
    assert_eq!(store::load(&path).unwrap(), next);
    assert_eq!(store::load(&store::backup_path(&path)).unwrap().product, "theirs");

    let mut again = next.clone();
    again.product = "theirs again".into();
    fs::write(&path, store::to_json(&again)).unwrap();
    assert!(matches!(file.save(&ours).unwrap(), SaveOutcome::Conflict { .. }));
    assert_eq!(file.overwrite(&ours).unwrap(), SaveOutcome::Saved);
    assert_eq!(store::load(&path).unwrap(), ours);
    assert_eq!(store::load(&store::backup_path(&path)).unwrap().product, "theirs again", "theirs is kept");
    ours.product = "ours, later".into();
    assert_eq!(file.save(&ours).unwrap(), SaveOutcome::Saved, "and saving goes on as usual");
}

/// Item 1: a save says honestly whether it wrote anything.
#[test]
fn a_save_says_whether_it_wrote() {
    let (_tmp, store) = temp_store();
    let (mut file, mut s) = store.create_file("Q3").unwrap();
    let before = fs::metadata(file.path()).unwrap().modified().unwrap();
    assert_eq!(file.save(&s).unwrap(), SaveOutcome::Unchanged);
    assert_eq!(fs::metadata(file.path()).unwrap().modified().unwrap(), before, "nothing was written");
    assert!(!file.content_changed(&s));
    s.cursor.step = Step::Gate;
    assert!(!file.content_changed(&s), "a move is not a content change");
    assert_eq!(file.save(&s).unwrap(), SaveOutcome::Saved, "but it is saved");
    assert_eq!(store::load(file.path()).unwrap().cursor.step, Step::Gate);
    s.product = "x".into();
    assert!(file.content_changed(&s));
}

/// Item 4: `.bak` is the version before the last *content* change; moving around and
/// stamping `updated_at` do not replace it.
#[test]
fn bak_is_the_version_before_the_last_content_change() {
    let (_tmp, store) = temp_store();
    let (mut file, mut s) = store.create_file("Q3").unwrap();
    let bak = store::backup_path(file.path());
    s.product = "v1".into();
    file.save(&s).unwrap();
    s.product = "v2".into();
    file.save(&s).unwrap();
    assert_eq!(store::load(&bak).unwrap().product, "v1");
    for (i, step) in [Step::Gate, Step::FilterRevenue, Step::Setup].into_iter().enumerate() {
        s.cursor.step = step;
        s.updated_at = format!("2030-01-01T00:00:0{i}Z");
        assert_eq!(file.save(&s).unwrap(), SaveOutcome::Saved);
    }
    assert_eq!(store::load(&bak).unwrap().product, "v1", "three moves later the backup is still v1");
    assert_eq!(store::load(file.path()).unwrap(), s);
}

/// Item 4, for callers of the plain `store::save` too (the wizard today).
#[test]
fn the_plain_save_rotates_the_backup_only_on_content_changes() {
    let (_tmp, store) = temp_store();
    let (path, mut s) = store.create("Q3").unwrap();
    s.product = "deleted next".into();
    store::save(&path, &s).unwrap();
    s.product = String::new();
    store::save(&path, &s).unwrap();
    s.cursor.step = Step::Gate;
    s.updated_at = "2030-01-01T00:00:00Z".into();
    store::save(&path, &s).unwrap();
    assert_eq!(
        store::load(&store::backup_path(&path)).unwrap().product,
        "deleted next",
        "one arrow key later"
    );
}

/// Item 4 (and atomic saves): the backup is rotated atomically (link to a fresh name,
/// rename over `.bak`) and the file is replaced by a rename: someone looking at any moment
/// always finds a whole session file and a backup.
#[test]
fn the_file_and_its_backup_are_always_whole_while_saving() {
    let (_tmp, store) = temp_store();
    let (path, mut s) = store.create("Q3").unwrap();
    s.product = "0".into();
    store::save(&path, &s).unwrap();
    let bak = store::backup_path(&path);
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (stop, bak, path) = (stop.clone(), bak.clone(), path.clone());
        std::thread::spawn(move || {
            let (mut looks, mut missing, mut broken) = (0u64, 0u64, 0u64);
            while !stop.load(Ordering::Relaxed) {
                looks += 1;
                if fs::symlink_metadata(&bak).is_err() {
                    missing += 1;
                }
                if looks % 8 == 0 && store::load(&path).is_err() {
                    broken += 1;
                }
            }
            (looks, missing, broken)
        })
    };
    for i in 1..=150 {
        s.product = i.to_string();
        store::save(&path, &s).unwrap();
    }
    stop.store(true, Ordering::Relaxed);
    let (looks, missing, broken) = watcher.join().unwrap();
    assert_eq!(missing, 0, "the backup was missing {missing} times in {looks} looks");
    assert_eq!(broken, 0, "the session file did not load {broken} times");
    assert_eq!(store::load(&bak).unwrap().product, "149");
}

const V1: &str = r#"{
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

/// Item 4: a file upgraded from version 1 keeps its original bytes as `NAME.json.v1.bak`,
/// written once and never rotated.
#[test]
fn a_file_upgraded_from_version_1_keeps_its_original_as_v1_bak() {
    let (_tmp, store) = temp_store();
    store.ensure().unwrap();
    let path = store.dir().join("old.json");
    fs::write(&path, V1).unwrap();
    let (mut file, mut s) = SessionFile::open(&path).unwrap();
    s.cursor.step = Step::Gate;
    file.save(&s).unwrap();
    for product in ["x", "y", "z"] {
        s.product = product.into();
        file.save(&s).unwrap();
    }
    let kept = store.dir().join("old.json.v1.bak");
    assert_eq!(fs::read_to_string(&kept).unwrap(), V1, "the original, byte for byte");
    assert_eq!(store::load(&path).unwrap().schema_version, SCHEMA_VERSION);
    assert_eq!(store::load(&store::backup_path(&path)).unwrap().product, "y");
}

/// Issue #8 item 4: the original of an upgraded file is kept even when its backup's name is
/// taken (by someone's own file, a directory, a link): under the next free name, created
/// exclusively, never through the link. An original kept by an earlier run is not doubled.
#[test]
fn an_upgraded_file_keeps_its_original_when_the_backup_name_is_taken() {
    let (tmp, store) = temp_store();
    store.ensure().unwrap();
    let path = store.dir().join("old.json");
    fs::write(&path, V1).unwrap();
    let theirs = store.dir().join("old.json.v1.bak");
    fs::write(&theirs, "someone's own notes\n").unwrap();
    fs::create_dir(store.dir().join("old.json.v1.1.bak")).unwrap();
    let victim = tmp.path().join("victim.txt");
    fs::write(&victim, "untouched").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&victim, store.dir().join("old.json.v1.2.bak")).unwrap();
    let (mut file, mut s) = SessionFile::open(&path).unwrap();
    s.product = "upgraded".into();
    assert_eq!(file.save(&s).unwrap(), SaveOutcome::Saved);
    let kept = store.dir().join(if cfg!(unix) { "old.json.v1.3.bak" } else { "old.json.v1.2.bak" });
    assert_eq!(fs::read_to_string(&kept).unwrap(), V1, "the original, byte for byte");
    assert_eq!(fs::read_to_string(&theirs).unwrap(), "someone's own notes\n", "theirs is left alone");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "untouched", "the link was not followed");
    assert_eq!(store::load(&path).unwrap().product, "upgraded");
    // Deleting the session takes the original it kept, and leaves the directory in the way,
    // the user's file that the upgrade left alone, and a session file of another id there.
    drop(file);
    let other = store.dir().join("old.json.v1.9.bak");
    fs::write(&other, V1.replace(r#""id": "old""#, r#""id": "another""#)).unwrap();
    store.delete(&path).unwrap();
    assert!(!kept.exists());
    assert!(store.dir().join("old.json.v1.1.bak").is_dir());
    assert_eq!(fs::read_to_string(&theirs).unwrap(), "someone's own notes\n", "delete leaves theirs");
    assert!(other.exists(), "another session's file is not this session's original");

    // The original already kept under the first name (a run that stopped before its save):
    // it is not kept twice.
    let path = store.dir().join("again.json");
    fs::write(&path, V1).unwrap();
    fs::write(store.dir().join("again.json.v1.bak"), V1).unwrap();
    let (mut file, s) = SessionFile::open(&path).unwrap();
    file.save(&s).unwrap();
    assert_eq!(fs::read_to_string(store.dir().join("again.json.v1.bak")).unwrap(), V1);
    assert!(!store.dir().join("again.json.v1.1.bak").exists());
}

/// Item 1: "save it somewhere else" makes a new private file and never replaces one.
#[test]
fn save_as_writes_a_new_private_file_and_never_replaces_one() {
    let (tmp, store) = temp_store();
    let (file, mut s) = store.create_file("Q3").unwrap();
    s.product = "kept elsewhere".into();
    let elsewhere = tmp.path().join("elsewhere.json");
    file.save_as(&s, &elsewhere).unwrap();
    assert_eq!(store::load(&elsewhere).unwrap(), s);
    #[cfg(unix)]
    assert_eq!(mode(&elsewhere), 0o600);
    let err = store::save_as(&s, &elsewhere).unwrap_err().to_string();
    assert!(err.contains("already exists"), "{err}");
    let err = store::save_as(&s, file.path()).unwrap_err().to_string();
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(store::load(file.path()).unwrap().product, "", "the session file is untouched");
    #[cfg(unix)]
    {
        let victim = tmp.path().join("victim.txt");
        let link = tmp.path().join("link.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(store::save_as(&s, &link).is_err());
        assert!(!victim.exists(), "nothing was written through the link");
    }
}

/// Item 5: two `new Same` at the same moment get two files, never one.
#[test]
fn sessions_created_at_once_under_one_name_get_two_files() {
    for round in 0..20 {
        let (_tmp, store) = temp_store();
        store.ensure().unwrap();
        let barrier = Arc::new(Barrier::new(2));
        let racers: Vec<_> = (0..2)
            .map(|_| {
                let (store, barrier) = (store.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    store.create("Same").unwrap()
                })
            })
            .collect();
        let made: Vec<(PathBuf, Session)> = racers.into_iter().map(|r| r.join().unwrap()).collect();
        assert_ne!(made[0].0, made[1].0, "round {round}: both got the same file");
        for (path, s) in &made {
            assert_eq!(store::load(path).unwrap().id, s.id, "round {round}: one overwrote the other");
        }
        let files: Vec<String> = names_in(store.dir()).into_iter().filter(|n| n.ends_with(".json")).collect();
        assert_eq!(files, ["same-2.json", "same.json"], "round {round}");
    }
}

/// Item 13: an exact name beats a slug; namesakes are listed, not guessed.
#[test]
fn resolve_prefers_an_exact_name_and_lists_namesakes() {
    let (_tmp, store) = temp_store();
    let (plain, _) = store.create("Same Name").unwrap();
    let (shouted, _) = store.create("SAME  NAME!!").unwrap();
    assert_eq!(plain.file_name().unwrap(), "same-name.json");
    assert_eq!(store.resolve("SAME  NAME!!").unwrap(), shouted);
    assert_eq!(store.resolve("  same name ").unwrap(), plain, "trimmed, any case");
    assert_eq!(store.resolve("same-name").unwrap(), plain, "no session has that name: the slug");
    assert_eq!(store.resolve("same-name-2.json").unwrap(), shouted, "a file name");
    store.create("Twin").unwrap();
    store.create(" twin").unwrap();
    let err = store.resolve("TWIN").unwrap_err();
    assert!(matches!(&err, StoreError::Ambiguous { files, .. } if files.len() == 2), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("twin.json") && msg.contains("twin-2.json"), "{msg}");
}

/// Item 14: a UTF-8 byte-order mark is accepted, and error positions ignore it.
#[test]
fn a_byte_order_mark_is_accepted_and_kept_out_of_positions() {
    let bom = |t: &str| [&b"\xEF\xBB\xBF"[..], t.as_bytes()].concat();
    let text = example("first-move.json");
    let plain = store::parse(Path::new("s.json"), text.as_bytes()).unwrap();
    assert_eq!(store::parse(Path::new("s.json"), &bom(&text)).unwrap(), plain);
    for broken in ["{\n  \"schema_version\": 2,\n  \"name\": oops\n}\n", "{ nope"] {
        let want = store::parse(Path::new("b.json"), broken.as_bytes()).unwrap_err().to_string();
        let got = store::parse(Path::new("b.json"), &bom(broken)).unwrap_err().to_string();
        assert_eq!(got, want);
    }
    let (_tmp, store) = temp_store();
    store.ensure().unwrap();
    let path = store.dir().join("bom.json");
    fs::write(&path, bom(&text)).unwrap();
    assert_eq!(store::load(&path).unwrap(), plain);
    assert_eq!(store.resolve("Q1 scaling review").unwrap(), path);
}

/// Item 14: deleting a session takes its report and every backup with it, nothing else.
#[test]
fn delete_takes_the_report_and_every_backup_with_it() {
    let (_tmp, store) = temp_store();
    store.ensure().unwrap();
    let path = store.dir().join("old.json");
    fs::write(&path, V1).unwrap();
    let (mut file, mut s) = SessionFile::open(&path).unwrap();
    s.product = "x".into();
    file.save(&s).unwrap();
    drop(file);
    store::write_report(&path, "# report\n").unwrap();
    let (other, _) = store.create("Old er").unwrap();
    store::write_report(&other, "# other report\n").unwrap();
    let before = names_in(store.dir());
    assert!(before.contains(&"old-report.md".to_string()) && before.contains(&"old.json.v1.bak".to_string()));
    store.delete(&path).unwrap();
    let left: Vec<String> = names_in(store.dir()).into_iter().filter(|n| !n.starts_with('.')).collect();
    assert_eq!(left, ["old-er-report.md", "old-er.json"]);
}

/// A report that cannot be written says the real reason (here: a path through a file),
/// not "no free name" after trying 999 names.
#[test]
fn a_report_that_cannot_be_written_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    fs::write(&file, "not a folder").unwrap();
    let session = file.join("q1.json");
    let target = file.join("q1-report.md");
    assert_eq!(store::report_target(&session), target);
    let err = store::write_report(&session, "# report\n").unwrap_err();
    let StoreError::Write { path, source } = &err else { panic!("{err}") };
    assert_eq!(path, &target, "{err}");
    assert_eq!(source.kind(), std::io::ErrorKind::NotADirectory, "{err}");
    assert!(!err.to_string().contains("no free name"), "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "not a folder");
}

/// A conflict copy is a version of its session, not a namesake: the session's name still
/// resolves to the session, the copy is reached by its file name, and only copies whose
/// session is gone answer to the name.
#[test]
fn a_conflict_copy_does_not_take_its_sessions_name() {
    let (_tmp, store) = temp_store();
    let (mut file, mut ours, _, path) = edited_outside(&store);
    ours.product = "ours".into();
    let SaveOutcome::Conflict { copy } = file.save(&ours).unwrap() else { panic!("no conflict") };
    drop(file);
    assert_eq!(store::conflict_of(&copy).as_deref(), Some("q3.json"));
    assert_eq!(store::conflict_of(&path), None);
    assert_eq!(store::conflict_of(Path::new("q3.conflict-notatime.json")), None);
    assert_eq!(
        store::conflict_of(Path::new("a.b.conflict-20261128T052116Z-2.json")).as_deref(),
        Some("a.b.json")
    );
    assert_eq!(store.named("Q3").unwrap(), std::slice::from_ref(&path));
    assert_eq!(store.resolve("q3").unwrap(), path, "the name is the session's");
    let file_name = copy.file_name().unwrap().to_str().unwrap();
    assert_eq!(store.resolve(file_name).unwrap(), copy, "the copy by its file name");
    let listed = store.list().unwrap();
    let marked: Vec<Option<String>> = listed.iter().map(|l| l.conflict_of()).collect();
    assert!(marked.contains(&Some("q3.json".into())) && marked.contains(&None), "{marked:?}");
    // Without its session, a copy is all there is under that name.
    fs::remove_file(&path).unwrap();
    assert_eq!(store.resolve("Q3").unwrap(), copy);
}

/// A name pasted from a coloured terminal: the file name has no trace of the escape codes.
#[test]
fn escape_codes_leave_no_junk_in_the_file_name() {
    let (_tmp, store) = temp_store();
    let (path, s) = store.create("\u{1b}[31mred\u{1b}[0m script").unwrap();
    assert_eq!(path.file_name().unwrap(), "red-script.json");
    assert_eq!(s.name, "\u{1b}[31mred\u{1b}[0m script", "the name itself is kept as given");
}

/// A zone named in `TZ` is found in the system's zoneinfo database: without it, jiff would
/// fall back to UTC and "today" would be a day off east or west of it. At any instant, UTC+14
/// and UTC-12 are on different dates.
#[test]
fn today_is_the_local_date_of_a_named_zone() {
    use jiff::tz::TimeZone;
    let east = TimeZone::get("Pacific/Kiritimati").expect("the zoneinfo database is read");
    let west = TimeZone::get("Etc/GMT+12").expect("the zoneinfo database is read");
    let (e, w) = (firstmove::store::today_in(east), firstmove::store::today_in(west));
    assert_ne!(e, w);
    assert!(e > w, "{e} is east of {w}");
}
