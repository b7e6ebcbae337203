//! Hostile sessions folders: links planted where firstmove writes, FIFOs and folders named
//! like sessions, files too large to be sessions, leftovers of dead processes.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use firstmove::method::Session;
use firstmove::store::{self, SessionFile, Store, StoreError};

fn temp_store() -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("sessions"));
    store.ensure().unwrap();
    (tmp, store)
}

fn firstmove(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("firstmove").unwrap();
    cmd.env("FIRSTMOVE_DIR", dir).env("NO_COLOR", "1").timeout(Duration::from_secs(5));
    cmd
}

fn mkfifo(path: &Path) {
    assert!(Process::new("mkfifo").arg(path).status().unwrap().success(), "mkfifo {}", path.display());
}

/// Runs `f` on a thread and fails the test if it has not returned within `limit`.
fn within<T: Send + 'static>(limit: Duration, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).unwrap_or_else(|_| panic!("{what} blocked for more than {limit:?}"))
}

fn age(path: &Path, by: Duration) {
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - by).unwrap();
}

/// Item 7: a link planted at the temp name firstmove used to use (`.NAME.json.PID.tmp`)
/// cannot redirect a save: temp files have unpredictable names and are created exclusively.
#[test]
fn a_link_planted_at_the_temp_name_cannot_redirect_a_save() {
    let (tmp, store) = temp_store();
    let (path, mut s) = store.create("Victim test").unwrap();
    let victim = tmp.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let planted = store.dir().join(format!(".{name}.{}.tmp", std::process::id()));
    symlink(&victim, &planted).unwrap();
    s.product = "changed".into();
    store::save(&path, &s).unwrap();
    let (mut file, _) = SessionFile::open(&path).unwrap();
    s.product = "changed again".into();
    file.save(&s).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious", "the victim is untouched");
    assert!(fs::symlink_metadata(&planted).unwrap().file_type().is_symlink(), "the link is left alone");
    assert_eq!(store::load(&path).unwrap().product, "changed again");
    assert!(fs::symlink_metadata(&path).unwrap().is_file());
}

/// Item 7: a session file that *is* a symbolic link is refused everywhere with a message
/// naming the link and its target; it is neither followed nor replaced.
#[test]
fn a_session_file_that_is_a_link_is_refused_not_followed_or_replaced() {
    let (tmp, store) = temp_store();
    let outside = tmp.path().join("outside.json");
    let mut s = Session::new("x".into(), "Outside".into(), "2026-01-01T00:00:00Z".into());
    fs::write(&outside, store::to_json(&s)).unwrap();
    let link = store.dir().join("linked.json");
    symlink(&outside, &link).unwrap();
    let err = store::load(&link).unwrap_err();
    assert!(matches!(err, StoreError::Symlink { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("linked.json") && msg.contains("outside.json") && msg.contains("symbolic link"),
        "{msg}"
    );
    assert!(SessionFile::open(&link).is_err());
    s.product = "written through the link?".into();
    assert!(matches!(store::save(&link, &s), Err(StoreError::Symlink { .. })));
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is not replaced");
    assert_eq!(store::load(&outside).unwrap().product, "", "the target is untouched");
    let listed = store.list().unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].summary.as_ref().unwrap_err().contains("symbolic link"));
    let out = firstmove(store.dir()).args(["report", "linked.json"]).assert().failure().get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
}

/// Item 7: temp files of processes that are gone are removed when the folder is listed or a
/// session opened; a live save's temp file and files that are not ours are left alone.
#[test]
fn stale_temp_files_of_dead_processes_are_cleaned() {
    let (_tmp, store) = temp_store();
    let (path, _) = store.create("Q3").unwrap();
    let mut child = Process::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let me = std::process::id();
    let at = |name: String| -> PathBuf {
        let p = store.dir().join(name);
        fs::write(&p, "half a session").unwrap();
        p
    };
    let dead_old = at(format!(".q3.json.firstmove.{dead}.AbCd1234.tmp"));
    let legacy = at(format!(".q3.json.{dead}.tmp"));
    let dead_new = at(format!(".q3.json.firstmove.{dead}.EfGh5678.tmp"));
    let mine_ancient = at(format!(".q3.json.firstmove.{me}.IjKl9012.tmp"));
    let mine_new = at(format!(".q3.json.firstmove.{me}.MnOp3456.tmp"));
    let not_ours = at(format!(".notes.{dead}.AbCd1234.tmp"));
    for p in [&dead_old, &legacy, &not_ours] {
        age(p, Duration::from_secs(120));
    }
    age(&mine_ancient, Duration::from_secs(2 * 3600));
    age(&not_ours, Duration::from_secs(2 * 3600));
    store.list().unwrap();
    for gone in [&dead_old, &legacy, &mine_ancient] {
        assert!(!gone.exists(), "{} should be cleaned", gone.display());
    }
    for kept in [&dead_new, &mine_new, &not_ours] {
        assert!(kept.exists(), "{} should be kept", kept.display());
    }
    let again = at(format!(".q3.json.firstmove.{dead}.QrSt7890.tmp"));
    age(&again, Duration::from_secs(120));
    SessionFile::open(&path).unwrap();
    assert!(!again.exists(), "opening a session cleans too");
}

/// Item 11: a FIFO named like a session never blocks loading, listing or reporting, and is
/// shown as unreadable with the reason; a save never replaces it.
#[test]
fn a_fifo_named_like_a_session_never_blocks() {
    let (_tmp, store) = temp_store();
    store.create("Good one").unwrap();
    let fifo = store.dir().join("piped.json");
    mkfifo(&fifo);
    let limit = Duration::from_secs(1);
    let f = fifo.clone();
    let err = within(limit, "load", move || store::load(&f).unwrap_err().to_string());
    assert!(err.contains("piped.json") && err.contains("FIFO"), "{err}");
    let f = fifo.clone();
    assert!(within(limit, "open", move || SessionFile::open(&f).is_err()));
    let s2 = store.clone();
    let listed = within(limit, "list", move || s2.list().unwrap());
    assert_eq!(listed.len(), 2, "the FIFO is listed");
    assert!(listed[1].summary.as_ref().unwrap_err().contains("FIFO"));
    let f = fifo.clone();
    let s = Session::new("x".into(), "X".into(), "2026-01-01T00:00:00Z".into());
    assert!(within(limit, "save", move || store::save(&f, &s).is_err()));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());

    let cli = |args: &[&str]| {
        let start = std::time::Instant::now();
        let out = firstmove(store.dir()).args(args).output().unwrap();
        assert!(start.elapsed() < limit, "{args:?} took {:?}", start.elapsed());
        out
    };
    let out = cli(&["report", "piped.json"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("FIFO"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cli(&["report", fifo.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("FIFO"));
    let out = cli(&["list"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("piped.json") && text.contains("unreadable") && text.contains("FIFO"), "{text}");
}

/// Item 11: a folder named like a session is listed as unreadable, as the format doc says.
#[test]
fn a_folder_named_like_a_session_is_listed_as_unreadable() {
    let (_tmp, store) = temp_store();
    fs::create_dir(store.dir().join("folder.json")).unwrap();
    let listed = store.list().unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].summary.as_ref().unwrap_err().contains("is a directory"));
    let out = firstmove(store.dir()).arg("list").assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("folder.json") && text.contains("unreadable: folder.json is a directory"),
        "{text}"
    );
}

/// Item 12: a session file over the size limit is refused with a clear error, by `load`,
/// `list` and `report`; a session that large is not saved in place, but can be saved
/// elsewhere.
#[test]
fn a_session_over_the_size_limit_is_refused_with_a_clear_error() {
    let (tmp, store) = temp_store();
    let mut s = Session::new("x".into(), "Huge".into(), "2026-01-01T00:00:00Z".into());
    s.filters[0].answer = "x".repeat(20_000_000);
    let huge = store.dir().join("huge.json");
    fs::write(&huge, store::to_json(&s)).unwrap();
    let err = store::load(&huge).unwrap_err();
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("huge.json") && err.to_string().contains("at most 16 MiB"), "{err}");
    assert!(store.list().unwrap()[0].summary.as_ref().unwrap_err().contains("16 MiB"));
    firstmove(store.dir())
        .args(["report", "huge"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("at most 16 MiB"));

    let (path, _) = store.create("Small").unwrap();
    let err = store::save(&path, &s).unwrap_err().to_string();
    assert!(err.contains("more than the 16 MiB"), "{err}");
    assert_eq!(store::load(&path).unwrap().filters[0].answer, "", "the file on disk is kept");
    let elsewhere = tmp.path().join("huge-copy.json");
    store::save_as(&s, &elsewhere).unwrap();
    assert!(fs::metadata(&elsewhere).unwrap().len() > 20_000_000);
}

/// Item 12: one huge field cannot make `list` print megabytes: cells are cut.
#[test]
fn a_megabyte_name_keeps_list_short() {
    let (_tmp, store) = temp_store();
    let (path, mut s) = store.create("Long").unwrap();
    s.name = "N".repeat(1_000_000);
    s.product = "P".repeat(1_000_000);
    store::save(&path, &s).unwrap();
    store.create("Short").unwrap();
    let out = firstmove(store.dir()).arg("list").assert().success().get_output().stdout.clone();
    assert!(out.len() < 10_000, "list printed {} bytes", out.len());
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("NNNN…") && text.contains("Short"), "{text}");
}

/// A file (or a link to one, or to nothing) where the sessions folder or one of its parents
/// should be: saving says what is in the way, not "File exists" or "Not a directory", and
/// what is there is left as it was.
#[test]
fn a_file_where_the_sessions_folder_should_be_is_named_as_such() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("s14");
    fs::write(&file, "someone's file").unwrap();
    let missing = tmp.path().join("nowhere");
    let (link_to_file, dangling) = (tmp.path().join("to-file"), tmp.path().join("dangling"));
    symlink(&file, &link_to_file).unwrap();
    symlink(&missing, &dangling).unwrap();
    let cases = [
        (file.clone(), format!("cannot save in {}: it is a regular file, not a folder", file.display())),
        (
            file.join("sessions"),
            format!(
                "cannot save in {}/sessions: {} is a regular file, not a folder",
                file.display(),
                file.display()
            ),
        ),
        (
            link_to_file.clone(),
            format!("it is a symbolic link to {}, a regular file, not a folder", file.display()),
        ),
        (
            dangling.clone(),
            format!("it is a symbolic link to {}, which does not exist, not a folder", missing.display()),
        ),
    ];
    for (dir, want) in cases {
        let store = Store::new(&dir);
        let err = store.create("Q3").unwrap_err();
        assert!(matches!(err, StoreError::NotAFolder { .. }), "{}: {err}", dir.display());
        assert!(err.to_string().contains(&want), "{}: {err}", dir.display());
        let session = Session::new("id".into(), "Q3".into(), store::now());
        let err = store::save(&dir.join("q3.json"), &session).unwrap_err().to_string();
        assert!(err.contains(&want), "{}: {err}", dir.display());
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), "someone's file");
    assert!(!missing.exists(), "nothing was made through the dangling link");
}
