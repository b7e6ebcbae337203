//! The real binary in a pseudo-terminal, driven by keystrokes and read back through vt100:
//! a whole session with two participants, quit, the saved JSON, resume, and a SIGKILL
//! in the middle of typing.
#![cfg(unix)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use firstmove::method::{ConstraintId, Route, Step, recommend};
use firstmove::store::{self, Store};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 100;

struct Tui {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for checks on escape sequences.
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Tui {
    fn start(dir: &Path, args: &[&str]) -> Tui {
        Tui::spawn(Path::new(env!("CARGO_BIN_EXE_firstmove")), args, dir)
    }

    fn spawn(program: &Path, args: &[&str], dir: &Path) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("FIRSTMOVE_DIR", dir);
        cmd.env("TERM", "xterm-256color");
        // A panic's message must stay on screen, not scroll away under a backtrace.
        cmd.env("RUST_BACKTRACE", "0");
        let child = pair.slave.spawn_command(cmd).expect("firstmove starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen =
            Arc::new(Mutex::new(vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (sink, raw_sink) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Tui { child, writer, screen, raw }
    }

    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until one line of the screen holds all of `parts`, in order.
    fn wait_line(&self, parts: &[&str]) {
        let start = Instant::now();
        let holds = |line: &str| {
            let mut rest = line;
            parts.iter().all(|p| match rest.find(p) {
                Some(i) => {
                    rest = &rest[i + p.len()..];
                    true
                }
                None => false,
            })
        };
        while start.elapsed() < Duration::from_secs(15) {
            if self.text().lines().any(holds) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for a line with {parts:?}; the screen shows:\n{}", self.text());
    }

    /// Waits until the screen shows `what`; fails with the screen after 15 s.
    fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if self.text().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what:?}; the screen shows:\n{}", self.text());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // One key at a time, as a person types: lets each frame land before the next key.
        std::thread::sleep(Duration::from_millis(15));
    }

    fn typ(&mut self, text: &str) {
        for c in text.chars() {
            self.send(c.encode_utf8(&mut [0; 4]));
        }
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < Duration::from_secs(15), "firstmove did not exit:\n{}", self.text());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

const ENTER: &str = "\r";
const TAB: &str = "\t";
const PGDN: &str = "\x1b[6~";
const CTRL_C: &str = "\x03";
const UP: &str = "\x1b[A";
const LEFT: &str = "\x1b[D";
const DOWN: &str = "\x1b[B";
const BACKTAB: &str = "\x1b[Z";
const BACKSPACE: &str = "\x7f";

#[test]
fn a_whole_session_from_home_to_first_move_then_resume() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut t = Tui::start(&dir, &[]);
    t.wait_for("No sessions yet");
    t.send("n");
    t.wait_for("What is this session called?");
    t.typ("E2E review");
    t.send(ENTER);
    t.wait_for("Who is in the room");
    t.send(TAB); // into the name; Enter moves on to the product
    t.send(ENTER);
    t.typ("Ledgerly");
    t.send(ENTER);
    t.typ("Maya");
    t.send(ENTER);
    t.typ("Ana");
    // Four people in the room.
    for (n, name) in [(2, "Ben"), (3, "Cleo"), (4, "Dev")] {
        t.send(ENTER); // onto "+ Add participant"
        t.send(ENTER); // adds the next participant and focuses them
        t.typ(name);
        t.wait_for(&format!("Participant {n} {name}"));
    }

    t.send(PGDN);
    t.wait_for("Traction gate");
    t.send("1");
    t.send(ENTER);
    t.send("2");
    t.send(ENTER);
    t.wait_for("Pressure filter 1 of 5");
    t.typ("Only 22% of trials send an invoice.");
    t.send(TAB);
    t.send("1");
    t.send(PGDN);
    t.wait_for("Pressure filter 2 of 5");
    t.typ("Agencies without a bank link churn.");
    t.send(TAB);
    t.send("1");
    t.send(PGDN);
    t.wait_for("Pressure filter 3 of 5");
    t.send(TAB);
    t.send("2"); // Trust: partial, so no more than 2 stay unanswered
    for n in 4..=5 {
        t.send(PGDN);
        t.wait_for(&format!("Pressure filter {n} of 5"));
    }
    t.send(PGDN);
    t.wait_for("Qualified: 2 clear");
    for (n, scores) in [(1, "5445"), (2, "2332"), (3, "3323"), (4, "1221"), (5, "2212")] {
        t.send(PGDN);
        t.wait_for(&format!("Constraint {n} of 5"));
        t.typ(scores);
    }
    t.send(PGDN);
    t.wait_for("Suggested: Activation");
    t.send(PGDN);
    t.wait_for("Candidate moves for Activation");
    t.send(ENTER); // the first suggestion becomes a candidate
    t.wait_for("Candidate · ");
    for answer in [
        "Trials send an invoice on day one",
        "Trials invoicing within 7 days",
        "22%",
        "40%",
        "Template data model",
    ] {
        t.send(TAB);
        t.typ(answer);
    }
    t.send(TAB);
    // The grid: by person, a digit moves across Ana's four dimensions, then down to Ben.
    t.typ("4445");
    t.wait_for("Ben · Business impact");
    // By dimension for the rest: everyone on one question, then the next question.
    t.send("\x14"); // Ctrl+T
    t.wait_for("Digits move on by dimension");
    t.typ("545"); // Impact: Ben, Cleo, Dev
    t.typ("4444"); // Evidence, from the top
    t.typ("4555"); // Confidence
    t.typ("5444"); // Timing
    // ↑ from Dev's row to Cleo's, ← to her Confidence: the cell and its anchors are named.
    t.send(UP);
    t.send(LEFT);
    t.wait_for("Cleo · Execution confidence");
    t.wait_line(&["median", "4.5", "4", "5", "4"]);
    t.wait_for("[5]"); // the focused cell, bracketed
    t.send(PGDN);
    t.wait_for("high on all four");
    t.send(PGDN);
    t.wait_for("fixes Activation");
    assert!(t.text().contains("First move"), "{}", t.text());
    // Why this move, and how sure, lead the screen.
    t.wait_for("Why: ");
    assert!(t.text().contains("the only candidate for Activation scored on all four"), "{}", t.text());
    t.wait_for("single changes");
    t.send("w");
    t.wait_for("Report written to");
    t.send("q");
    assert!(t.wait_exit().success());
    std::thread::sleep(Duration::from_millis(100));
    let after = t.screen.lock().unwrap();
    assert!(!after.screen().alternate_screen(), "the terminal left the alternate screen");
    assert!(after.screen().contents().contains("Session saved in"), "{}", after.screen().contents());
    drop(after);

    // The file, read by the library...
    let listed = Store::new(&dir).list().unwrap();
    assert_eq!(listed.len(), 1);
    let path = listed[0].path.clone();
    let s = store::load(&path).unwrap();
    assert_eq!(
        (s.name.as_str(), s.product.as_str(), s.facilitator.as_str()),
        ("E2E review", "Ledgerly", "Maya")
    );
    assert_eq!(
        s.participants.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["Ana", "Ben", "Cleo", "Dev"]
    );
    assert_eq!(s.cursor.step, Step::Recommendation);
    let r = recommend(&s);
    assert_eq!(r.route, Route::FirstMove);
    assert_eq!(r.primary.unwrap().constraint, ConstraintId::Activation);
    assert_eq!(s.candidates[0].metric, "Trials invoicing within 7 days");
    // ...and as plain JSON, the way another tool would.
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v["schema_version"], 3);
    assert_eq!(v["gate"]["traction"], "yes");
    assert_eq!(v["filters"][0]["clarity"], "clear");
    assert_eq!(v["constraints"][0]["severity"]["p2"], 4);
    assert_eq!(v["candidates"][0]["scores"]["p2"]["confidence"], 5);
    assert_eq!(v["candidates"][0]["scores"]["p4"]["timing"], 4);
    assert_eq!(v["cursor"]["step"], "recommendation");
    let report = path.with_file_name(format!("{}-report.md", path.file_stem().unwrap().to_string_lossy()));
    let report = std::fs::read_to_string(report).unwrap();
    assert!(
        report.starts_with(&format!("{}\n# First move: E2E review", firstmove::store::REPORT_MARK)),
        "{report}"
    );
    // `w` writes the whole workshop, each person's severities included.
    assert!(
        report.contains("\n## Pressure filters\n")
            && report.contains("| Constraint | Ana | Ben | Cleo | Dev |")
    );

    // Resume by name: back on the same step.
    let mut t = Tui::start(&dir, &["resume", "E2E review"]);
    t.wait_for("Step 17 of 18");
    t.send(CTRL_C);
    assert!(t.wait_exit().success());
}

/// The first frame does not wait for the sessions folder: it says the folder is being read,
/// and the names come in a later frame. Never "No sessions yet" for a folder with some.
#[test]
fn the_first_frame_does_not_wait_for_the_sessions_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/first-move.json");
    for i in 0..200 {
        std::fs::copy(&example, tmp.path().join(format!("session-{i:04}.json"))).unwrap();
    }
    let mut t = Tui::start(tmp.path(), &[]);
    t.wait_for("session-0000");
    let raw = String::from_utf8_lossy(&t.raw.lock().unwrap()).into_owned();
    let reading =
        raw.find("Reading the sessions folder").expect("the first frame says the folder is being read");
    let name = raw.find("session-0000").unwrap();
    assert!(reading < name, "the folder was listed before the first frame");
    assert!(!raw.contains("No sessions yet"), "a folder with sessions was shown as empty");
    t.send("q");
    assert!(t.wait_exit().success());
}

/// A key typed as the program starts, before the names are on screen, is kept and handled
/// once they are: `n` still asks for the new session's name.
#[test]
fn a_key_typed_at_start_up_is_handled_once_the_names_are_shown() {
    let tmp = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/first-move.json");
    for i in 0..200 {
        std::fs::copy(&example, tmp.path().join(format!("session-{i:04}.json"))).unwrap();
    }
    let mut t = Tui::start(tmp.path(), &[]);
    t.send("n");
    t.wait_for("What is this session called?");
    t.send("\x1b");
    t.wait_for("session-0000");
    t.send("q");
    assert!(t.wait_exit().success());
}

#[test]
fn sigkill_loses_nothing_already_shown_as_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut t = Tui::start(&dir, &["new"]);
    t.wait_for("Who is in the room");
    t.typ("Killed mid-sentence");
    t.send(ENTER);
    t.typ("Acme");
    t.wait_for("Acme");
    // The footer's "saved" may still be the name's save (same second): wait for the file to
    // have the product, and for the footer to say so, before the kill.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while Store::new(&dir)
        .list()
        .ok()
        .and_then(|l| l.first().map(|l| l.path.clone()))
        .and_then(|p| store::load(&p).ok())
        .is_none_or(|s| s.product != "Acme")
    {
        assert!(std::time::Instant::now() < deadline, "the product was never saved: {}", t.text());
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    t.wait_for("saved");
    let pid = t.child.process_id().expect("a pid");
    let status = std::process::Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap();
    assert!(status.success());
    t.wait_exit();
    let listed = Store::new(&dir).list().unwrap();
    assert_eq!(listed.len(), 1);
    let s = store::load(&listed[0].path).unwrap();
    assert_eq!(s.name, "Killed mid-sentence");
    assert_eq!(s.product, "Acme");
    assert_eq!(s.cursor.step, Step::Setup);
    // No temp file is left half-written beside it.
    let names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn a_second_process_gets_the_session_read_only_until_the_first_is_gone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (path, _) = Store::new(&dir).create("Shared").unwrap();
    let mut a = Tui::start(&dir, &["resume", "Shared"]);
    a.wait_for("Step 1 of 18");
    let mut b = Tui::start(&dir, &["resume", "Shared"]);
    b.wait_for("READ-ONLY");
    b.wait_for("Read-only (open in another firstmove): nothing here is changed or saved.");
    b.send(TAB); // a session opens browsing: Tab goes into its name
    b.typ("x");
    b.wait_for("Read-only: this session is open in another firstmove");
    a.send(TAB);
    a.typ("!");
    a.wait_for("saved");
    assert_eq!(store::load(&path).unwrap().name, "Shared!", "the owner's edits are saved");
    b.send(CTRL_C);
    assert!(b.wait_exit().success());
    assert_eq!(store::load(&path).unwrap().name, "Shared!", "the reader wrote nothing");
    // A crash releases the lock too.
    let pid = a.child.process_id().unwrap();
    std::process::Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap();
    a.wait_exit();
    let mut c = Tui::start(&dir, &["resume", "Shared"]);
    c.wait_for("Opened");
    assert!(!c.text().contains("READ-ONLY"), "{}", c.text());
    c.send(TAB);
    c.typ("?");
    c.wait_for("Shared!?");
    c.send(CTRL_C);
    assert!(c.wait_exit().success());
    assert_eq!(store::load(&path).unwrap().name, "Shared!?");
}

/// Run only by `a_panic_restores_the_terminal`, inside its pseudo-terminal.
#[test]
#[ignore = "a helper that panics inside a terminal on purpose"]
fn panic_inside_the_terminal() {
    let mut guard = firstmove::tui::terminal::TerminalGuard::new().unwrap();
    guard
        .terminal
        .draw(|f| f.render_widget(ratatui::widgets::Paragraph::new("drawn-before-the-panic"), f.area()))
        .unwrap();
    panic!("deliberate panic to test the restore");
}

#[test]
fn a_panic_restores_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let me = std::env::current_exe().unwrap();
    let mut t =
        Tui::spawn(&me, &["--ignored", "--exact", "panic_inside_the_terminal", "--nocapture"], tmp.path());
    assert!(!t.wait_exit().success(), "the helper panics");
    std::thread::sleep(Duration::from_millis(200));
    let raw = String::from_utf8_lossy(&t.raw.lock().unwrap()).into_owned();
    let drawn = raw.find("drawn-before-the-panic").expect("the frame was drawn");
    // The hook restores before the message is printed; the guard's Drop repeats it on unwind.
    let after = |seq: &str| raw[drawn..].find(seq).map(|i| i + drawn);
    let left = after("\x1b[?1049l").expect("the alternate screen was left");
    after("\x1b[?2004l").expect("bracketed paste was switched off");
    assert!(!t.screen.lock().unwrap().screen().alternate_screen());
    // The message is printed after the restore, on the main screen where it stays readable.
    let message = raw.rfind("deliberate panic to test the restore").expect("the panic message");
    assert!(message > left, "the panic message came after leaving the alternate screen: {raw:?}");
    assert!(raw[message..].contains("\x1b[?25h"), "the cursor is shown again");
}

#[test]
fn new_with_a_name_already_taken_says_so_and_makes_a_second_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    Store::new(&dir).create("Same name").unwrap();
    let mut t = Tui::start(&dir, &["new", "same NAME"]);
    t.wait_for("Another session is already called that (same-name.json)");
    t.send(CTRL_C);
    assert!(t.wait_exit().success());
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && !n.starts_with('.'))
        .collect();
    assert!(names.contains(&"same-name-2.json".to_string()), "{names:?}");
}

/// Weeks later: the team resumes a decided session, records two check-ins (the second decides
/// to move on), judges the move, and starts the next cycle: a new session linked to this one,
/// with the same people and their severities carried until re-rated.
#[test]
fn follow_through_two_check_ins_then_the_next_cycle() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/follow-through.json");
    let mut first = store::load(&example).unwrap();
    first.check_ins.clear();
    first.follow_through.as_mut().unwrap().outcome = None;
    first.cursor.step = Step::Recommendation; // a decided session reopens on its follow-through
    store::save(&dir.join("q4.json"), &first).unwrap();

    let mut t = Tui::start(&dir, &["resume", "Q4 activation push"]);
    t.wait_for("Step 18 of 18");
    t.wait_for("No check-ins yet.");
    t.send(ENTER); // + Add a check-in: today's date, the cursor on the metric's value
    t.wait_for("Check-in · day");
    t.typ("27%");
    t.send(BACKTAB);
    for _ in 0..10 {
        t.send(BACKSPACE);
    }
    t.typ("2025-11-31");
    t.wait_for("November 2025 has 30 days");
    for _ in 0..2 {
        t.send(BACKSPACE);
    }
    t.typ("05");
    t.wait_for("Check-in · day 30 · 5 Nov 2025");
    for _ in 0..7 {
        t.send(TAB);
    }
    t.send("1"); // continue
    t.send(ENTER); // the last field: back to the list
    t.wait_line(&["5 Nov 2025 · day 30 · 27% · Continue"]);
    t.send(DOWN);
    t.send(ENTER);
    t.wait_for("Check-in · day");
    t.typ("38%");
    for _ in 0..6 {
        t.send(TAB);
    }
    t.send("3"); // move on
    t.send(ENTER);
    t.wait_line(&["38% · Move on to the next bottleneck"]);
    t.wait_for("Time to judge the move");
    t.send(DOWN);
    t.send(DOWN);
    t.send("1"); // it worked
    t.send(DOWN);
    t.send(ENTER);
    t.wait_for("Start the next cycle? A new session");
    t.send("y");
    t.wait_for("Q4 activation push (cycle 2)");
    t.wait_for("Step 1 of 18");
    for _ in 0..8 {
        t.send(PGDN);
    }
    t.wait_for("Constraint 1 of 5 · Activation");
    t.wait_for("Last cycle, Q4 activation push");
    t.wait_line(&["Maya", "[5]", "carried: re-rate"]);
    t.send(CTRL_C);
    assert!(t.wait_exit().success());

    let sessions: Vec<_> =
        Store::new(&dir).list().unwrap().into_iter().map(|l| store::load(&l.path).unwrap()).collect();
    assert_eq!(sessions.len(), 2);
    let old = sessions.iter().find(|s| s.id == first.id).expect("the first cycle is still there");
    let new = sessions.iter().find(|s| s.id != first.id).unwrap();
    assert_eq!(old.check_ins.len(), 2);
    assert_eq!(old.check_ins[0].date, "2025-11-05");
    assert_eq!(old.follow_through.as_ref().unwrap().outcome, Some(firstmove::method::Outcome::Worked));
    assert_eq!(new.previous.as_deref(), Some(first.id.as_str()));
    assert_eq!(new.name, "Q4 activation push (cycle 2)");
    assert_eq!(new.participants, old.participants);
    for c in ConstraintId::ALL {
        assert_eq!(new.constraint(*c).severity, old.constraint(*c).severity, "{c:?}");
        for p in 0..new.participants.len() {
            assert!(new.is_carried(*c, p), "{c:?} p{p}");
        }
    }
    let last = &new.carried_over.as_ref().unwrap().cycle;
    assert_eq!((last.latest.as_str(), last.outcome), ("38%", Some(firstmove::method::Outcome::Worked)));
}

/// Workshop mode end to end: three people vote in a private round on one keyboard, one
/// abstains, nobody's value shows before the reveal, the facilitator reveals, the room
/// re-votes, and the file holds both rounds, the re-vote's reason and the revealed values.
#[test]
fn a_three_person_private_round_with_a_reveal_and_a_revote() {
    const F3: &str = "\x1bOR";
    const CTRL_A: &str = "\x01";
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/first-move.json");
    let mut s = store::load(&example).unwrap();
    s.cursor.step = Step::ConstraintActivation;
    s.cursor.field = 0;
    let path = dir.join("q1-scaling-review.json");
    store::save(&path, &s).unwrap();

    let mut t = Tui::start(&dir, &["resume", "q1-scaling-review.json"]);
    t.wait_for("Constraint 1 of 5 · Activation");
    t.send("\x1b[15~"); // F5: the facilitator starts the clock
    t.wait_for("⏱");
    t.wait_for("left");
    t.send(F3);
    t.wait_for("Private round 1 · 0 of 3 done · hidden until the reveal");
    t.wait_for("stored in the session file");
    t.send("1"); // Maya
    t.wait_line(&["Maya", "● voted"]);
    t.send(CTRL_A); // Tomás abstains
    t.wait_line(&["Tomás", "– abstains"]);
    // Priya has the laptop: Maya's 1 is nowhere on screen.
    t.wait_line(&["Priya", "1   2   3   4   5", "your vote"]);
    assert!(!t.text().contains("[1]"), "Maya's vote shows:\n{}", t.text());
    t.send("5"); // Priya
    t.wait_for("3 of 3 done"); // an abstention is done, not missing
    // After the last voter the cursor is on the reveal button, not on Priya's vote.
    t.wait_for("▸ → Reveal round 1: everyone is done");
    assert!(!t.text().contains("[5]"), "Priya's vote shows:\n{}", t.text());
    t.send(ENTER);
    t.wait_for("Round 1 revealed · median 3 · spread 4");
    t.wait_line(&["Maya", "1", "◂ lowest"]);
    t.wait_line(&["Priya", "5", "◂ highest"]);
    t.wait_line(&["Tomás", "abstained"]);
    // The re-vote: round 2, with the earlier round kept.
    t.send(ENTER);
    t.wait_for("Private round 2 · 0 of 3 done");
    t.typ("343");
    t.wait_for("3 of 3 done");
    t.send(ENTER);
    t.wait_for("Round 2 revealed · median 3 · spread 1");
    t.wait_for("round 1 spread 4 → round 2 spread 1");
    t.send(CTRL_C);
    assert!(t.wait_exit().success());

    let saved = store::load(&path).unwrap();
    let rounds = saved.rounds_on(&firstmove::method::rounds::Subject::Severity(ConstraintId::Activation));
    assert_eq!(rounds.len(), 2);
    assert!(saved.workshop.rounds.iter().all(|r| !r.is_open()));
    let sev: Vec<u8> = saved.constraint(ConstraintId::Activation).severity.values().copied().collect();
    assert_eq!(sev, vec![3, 4, 3], "the revealed re-vote is the session's severities");
    assert_eq!(saved.workshop.decisions.len(), 1);
    assert!(saved.workshop.decisions[0].text.contains("spread was 4"), "{:?}", saved.workshop.decisions);
    assert_eq!(recommend(&saved).primary.map(|p| p.constraint), Some(ConstraintId::Activation));
    assert!(saved.workshop.timebox.on, "the clock's state is saved with the session");
}

/// `firstmove resume` straight onto a session that moved on: the step says its next cycle is
/// already in the folder (the look-up opening asks for runs before the first frame too).
#[test]
fn resuming_a_moved_on_session_names_its_next_cycle() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    for f in ["follow-through.json", "follow-through-cycle-2.json"] {
        std::fs::copy(examples.join(f), dir.join(f)).unwrap();
    }
    let mut t = Tui::start(&dir, &["resume", "follow-through.json"]);
    t.wait_for("Step 18 of 18");
    t.wait_for("The next cycle is already in the folder");
    t.send(CTRL_C);
    assert!(t.wait_exit().success());
}
