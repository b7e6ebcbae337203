//! The real binary on a temporary sessions folder.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn firstmove(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("firstmove").unwrap();
    cmd.env("FIRSTMOVE_DIR", dir).env("NO_COLOR", "1");
    cmd
}

fn examples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples")
}

fn dir_with_examples() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in fs::read_dir(examples()).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    tmp
}

#[test]
fn help_and_version() {
    let tmp = tempfile::tempdir().unwrap();
    firstmove(tmp.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("report").and(predicate::str::contains("FIRSTMOVE_DIR")));
    firstmove(tmp.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("firstmove {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn list_on_an_empty_folder_says_how_to_start() {
    let tmp = tempfile::tempdir().unwrap();
    firstmove(&tmp.path().join("none"))
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("No sessions"));
}

#[test]
fn list_shows_sessions_newest_first_and_unreadable_ones() {
    let tmp = dir_with_examples();
    fs::write(tmp.path().join("zz-broken.json"), "{ nope").unwrap();
    let out = firstmove(tmp.path()).arg("list").assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("NAME") && lines[0].contains("ROUTE"), "{out}");
    assert!(lines[1].starts_with("Retention deep dive") && lines[1].contains("Discovery first"), "{out}");
    assert!(
        lines[2].starts_with("Kick-off, no data yet") && lines[2].contains("Collect evidence first"),
        "{out}"
    );
    assert!(
        lines[3].starts_with("Q1 scaling review")
            && lines[3].contains("Activation")
            && lines[3].contains("First move"),
        "{out}"
    );
    assert!(
        lines[4].starts_with("zz-broken.json") && lines[4].contains("unreadable") && lines[4].contains(":1:"),
        "{out}"
    );
}

#[test]
fn report_prints_each_example_route() {
    let tmp = dir_with_examples();
    for (arg, title) in [
        ("first-move", "# First move: Q1 scaling review"),
        ("Kick-off, no data yet", "# Collect evidence first: Kick-off, no data yet"),
        ("discovery-first.json", "# Discovery first: Retention deep dive"),
    ] {
        firstmove(tmp.path())
            .args(["report", arg])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(title));
    }
    let path = examples().join("first-move.json");
    firstmove(tmp.path())
        .args(["report", path.to_str().unwrap(), "--format", "text"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("The first move: Guided setup")
                .and(predicate::str::contains("30/60/90 plan")),
        );
}

#[test]
fn report_json_is_the_recommendation() {
    let tmp = dir_with_examples();
    let out = firstmove(tmp.path())
        .args(["report", "first-move", "-f", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["route"], "first_move");
    assert_eq!(v["primary"]["constraint"], "activation");
    assert_eq!(v["top"], "c1");
    assert_eq!(v["next_bottleneck"], "adoption");
    assert_eq!(v["ranking"][0]["lowest"], 4.0);
}

#[test]
fn errors_are_one_clear_line() {
    let tmp = dir_with_examples();
    fs::write(tmp.path().join("broken.json"), "{\"schema_version\": 2,\n\"name\": }").unwrap();
    for (args, want) in [
        (vec!["report", "nobody"], "no session called \"nobody\""),
        (vec!["report", "broken"], "broken.json:2:9: not valid JSON"),
    ] {
        let out = firstmove(tmp.path())
            .args(&args)
            .assert()
            .failure()
            .code(1)
            .stdout("")
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("firstmove: error: ") && err.contains(want), "{err}");
        assert!(!err.contains("panicked") && !err.contains("Error {"), "{err}");
    }
    firstmove(tmp.path()).args(["report", "x", "--format", "pdf"]).assert().failure().code(2);
}
