//! Plain mode: the real binary with `--plain` (or without a terminal), answers scripted on
//! standard input, a temporary sessions folder.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use firstmove::method::{Dimension, Session, Step, playbook, recommend};
use firstmove::plain::Echo;
use firstmove::report;
use firstmove::store::{self, Store};
use firstmove::tui::runtime::effects::{opened, save_open};
use firstmove::tui::{App, Theme, update};
use ratatui::crossterm::event::KeyCode;

fn firstmove(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("firstmove").unwrap();
    cmd.arg("--dir").arg(dir).env_remove("ACCESSIBLE").env("TERM", "xterm-256color").env("NO_COLOR", "1");
    // A guard, not a measure: a loop on the end of input would otherwise hang the suite.
    cmd.timeout(Duration::from_secs(120));
    cmd
}

/// What a run printed, checked for the promises every run keeps: it ended by itself with
/// success, and no escape sequence went out on either stream.
struct Run {
    out: String,
}

fn run(dir: &Path, args: &[&str], lines: &[String]) -> Run {
    let mut input = lines.join("\n");
    input.push('\n');
    let o = firstmove(dir).args(args).write_stdin(input).output().unwrap();
    assert!(!o.stdout.contains(&0x1b) && !o.stderr.contains(&0x1b), "an ESC byte in the output");
    let out = String::from_utf8(o.stdout).unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(o.status.success(), "status {:?}\n{err}\n{out}", o.status);
    Run { out }
}

/// "Step 16 of 17, Ranking." as plain mode announces a step.
fn heading(step: Step) -> String {
    format!("{}.", firstmove::plain::words::step_heading(step))
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn example(name: &str) -> Session {
    common::example(name)
}

fn only_session(dir: &Path) -> PathBuf {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found.pop().unwrap()
}

/// The lines a person types in plain mode to give a new session (made with `new NAME`) every
/// answer of `s`, from Setup to the Recommendation, declining the Markdown report.
fn script(s: &Session, write_report: bool) -> Vec<String> {
    let opt = |v: Option<usize>| v.map_or(String::new(), |i| (i + 1).to_string());
    // The name was given with `new NAME`: Setup starts at the product.
    let mut l = vec![s.product.clone(), s.facilitator.clone()];
    l.push(s.participants[0].name.clone());
    l.extend(s.participants[1..].iter().map(|p| p.name.clone()));
    l.push(String::new());
    l.push(opt(s.gate.traction.map(|t| t.index())));
    l.push(opt(s.gate.ai_question.map(|b| if b { 0 } else { 1 })));
    for f in &s.filters {
        l.push(f.answer.clone());
        l.push((f.clarity.index() + 1).to_string());
        l.push(opt(f.evidence.map(|e| e.index())));
    }
    l.push(String::new()); // qualification
    for c in &s.constraints {
        for p in &s.participants {
            l.push(c.severity.get(&p.id).map_or(String::new(), |v| v.to_string()));
        }
        l.push(c.evidence.clone());
    }
    l.push(opt(s.primary_constraint.map(|c| c.index())));
    if recommend(s).primary.is_some() {
        for c in &s.candidates {
            l.push("new".into());
            for t in [&c.title, &c.behavior, &c.metric, &c.baseline, &c.target, &c.risk] {
                l.push(t.clone());
            }
            for p in &s.participants {
                let sc = c.scores.get(&p.id).cloned().unwrap_or_default();
                let v: Vec<String> =
                    Dimension::ALL.iter().map(|&d| sc.get(d).map_or(0, |v| v).to_string()).collect();
                l.push(v.join(" "));
            }
            let items = &playbook().constraint(c.constraint).checklist;
            let ticked: Vec<String> = items
                .iter()
                .enumerate()
                .filter(|(_, it)| c.checklist.contains(&it.id))
                .map(|(k, _)| (k + 1).to_string())
                .collect();
            l.push(if ticked.is_empty() { "0".into() } else { ticked.join(" ") });
        }
    }
    l.push(String::new()); // candidates: on to the ranking
    l.push(String::new()); // ranking
    l.push(if write_report { "yes" } else { "no" }.into());
    l
}

/// `b` with the fields a new session gets of its own (id, times, cursor) taken from `a`.
fn same_answers(a: &Session, mut b: Session) -> Session {
    b.id = a.id.clone();
    b.created_at = a.created_at.clone();
    b.updated_at = a.updated_at.clone();
    b.cursor = a.cursor.clone();
    b
}

#[test]
fn each_example_typed_in_plain_mode_reaches_the_same_recommendation() {
    for name in ["first-move.json", "discovery-first.json", "collect-evidence.json"] {
        let want = example(name);
        let tmp = tempfile::tempdir().unwrap();
        let r = run(tmp.path(), &["--plain", "new", &want.name], &script(&want, false));
        let path = only_session(tmp.path());
        let got = store::load(&path).unwrap();
        assert_eq!(got.cursor.step, Step::FollowThrough, "{name}: {}", r.out);
        assert_eq!(same_answers(&got, want.clone()), got, "{name}: every answer landed as typed");
        assert_eq!(recommend(&got), recommend(&want), "{name}");
        // The recommendation read out is the text report of that session, word for word.
        let text = report::text(&report::document(&got));
        assert!(r.out.contains(&text), "{name}: the text report is read out\n{}", r.out);
        assert!(r.out.contains(&format!("Session saved in {}", path.display())), "{}", r.out);
        assert!(!store::report_path(&path).exists(), "no report unless asked");
    }
}

#[test]
fn a_whole_session_in_plain_mode_as_a_transcript() {
    let want = example("first-move.json");
    let tmp = tempfile::tempdir().unwrap();
    let r = run(tmp.path(), &["--plain", "new", &want.name], &script(&want, true));
    let path = only_session(tmp.path());
    let got = store::load(&path).unwrap();
    // The Markdown report is written where the wizard's `w` writes it.
    let md = fs::read_to_string(store::report_path(&path)).unwrap();
    assert_eq!(md, format!("{}\n{}", store::REPORT_MARK, report::markdown(&report::document(&got))));
    // The wizard opens what plain mode saved on the same step, and derives the same move.
    let app = common::open(got.clone());
    assert_eq!(common::step(&app), Step::FollowThrough);
    assert_eq!(common::wiz(&app).derived.recommendation, recommend(&got));

    for bad in ['■', '▶', '│', '─', '┌'] {
        assert!(!r.out.contains(bad), "no bars or box drawing: {bad}");
    }
    assert!(r.out.contains("The room on Activation: median 4, spread 1."), "{}", r.out);
    assert!(r.out.contains("Reliability: median 2, spread 2, the room disagrees: discuss it"), "{}", r.out);
    let transcript =
        r.out.replace(&tmp.path().display().to_string(), "[DIR]").replace(&got.updated_at, "[TIME]");
    insta::assert_snapshot!("plain_first_move_transcript", transcript);
}

#[test]
fn back_jump_and_skip_move_between_questions_and_steps() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = s(&[
        "back",       // from the product (`new NAME` named it) to the session's name
        "back",       // at the very first question: there is no step before Setup
        "jump trust", // straight to a pressure filter
        "Support tickets about sync are the evidence",
        "back",            // clarity -> back to the answer, which is kept
        "skip",            // the answer stays as it is
        "1",               // clarity: clear
        "skip",            // evidence: left unanswered
        "back",            // evidence again
        "back",            // clarity
        "back",            // the answer
        "back",            // before the first question: the previous step, at its last question
        "3",               // Retention's evidence: support data
        "jump 16",         // the ranking
        "jump nowhere",    // not a step: said, and asked again
        "jump constraint", // several steps: said, and asked again
        "help",
        "status",
        "quit",
    ]);
    let r = run(tmp.path(), &["--plain", "new", "Moves"], &lines);
    let out = &r.out;
    assert!(out.contains("This is the first step."), "{out}");
    assert!(out.contains(&heading(Step::FilterTrust)), "{out}");
    let retention = out.find(&heading(Step::FilterRetention)).expect("back to Retention");
    let after = &out[retention..];
    let prompt = after.find("\n> ").unwrap();
    assert!(
        after[..prompt].contains("What kind of evidence stands behind it?"),
        "its last question: {after}"
    );
    assert!(out.contains(&heading(Step::Ranking)), "{out}");
    assert!(out.contains("No step is called \"nowhere\""), "{out}");
    assert!(out.contains("Constraint: Activation (9)"), "{out}");
    assert!(out.contains(&format!("You are at {}", heading(Step::Ranking))), "{out}");
    assert!(out.contains("Words that work at any prompt: back"), "{out}");
    assert!(out.contains("Pressure filters rated: 1 of 5, 1 clear."), "{out}");
    let got = store::load(&only_session(tmp.path())).unwrap();
    use firstmove::method::{Clarity, EvidenceKind, FilterId};
    let trust = got.filter(FilterId::Trust);
    assert_eq!(trust.answer, "Support tickets about sync are the evidence");
    assert_eq!((trust.clarity, trust.evidence), (Clarity::Clear, None));
    assert_eq!(got.filter(FilterId::Retention).evidence, Some(EvidenceKind::SupportData));
    assert_eq!(got.cursor.step, Step::Ranking, "quit saves where the session stands");
}

#[test]
fn invalid_answers_are_asked_again_with_a_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lines = s(&["", "", "Maya", "Tomás", ""]); // setup: two people
    lines.extend(s(&["7", "maybe", "yes", "2"])); // gate
    lines.extend(s(&["jump activation", "9", "four", "4", "0", "Funnel data"]));
    lines.extend(s(&["jump candidates"]));
    lines.extend(s(&[
        "99",
        "new",
        "Guided setup",
        "",
        "",
        "",
        "",
        "",
        "4 3",
        "4 3 6 4",
        "4 3 5 4",
        "5 5 5 5",
        "9",
        "1",
    ]));
    lines.extend(s(&["delete 5", "", "quit"]));
    let r = run(tmp.path(), &["--plain", "new", "Bad input"], &lines);
    let out = &r.out;
    for reason in [
        "7 is not one of the choices. Type a number from 1 to 3.",
        "\"maybe\" is not one of the choices. Type a number from 1 to 3.",
        "\"9\" is not a score: type a whole number from 1 to 5, or 0 to clear it.",
        "\"four\" is not a score",
        "Type 4 scores, one for each dimension, separated by spaces: you typed 2.",
        "\"6\" is not a score: each is a whole number from 1 to 5, or 0 for not scored.",
        "\"9\" is not an item number",
        "Type delete and a candidate's number, from 1 to 1.",
    ] {
        assert!(out.contains(reason), "missing {reason:?}\n{out}");
    }
    assert!(out.contains("\"99\" is not one of the choices."), "{out}");
    let got = store::load(&only_session(tmp.path())).unwrap();
    use firstmove::method::{ConstraintId, Traction};
    assert_eq!((got.gate.traction, got.gate.ai_question), (Some(Traction::Yes), Some(false)));
    assert_eq!(got.severity(ConstraintId::Activation, 0), Some(4), "four, then 4");
    assert_eq!(got.severity(ConstraintId::Activation, 1), None, "0 clears, Enter keeps nothing");
    assert_eq!(got.constraint(ConstraintId::Activation).evidence, "Funnel data");
    let c = &got.candidates[0];
    assert_eq!(c.title, "Guided setup");
    assert_eq!((got.score(0, 0, Dimension::Impact), got.score(0, 0, Dimension::Timing)), (Some(4), Some(4)));
    assert_eq!(got.score(0, 1, Dimension::Evidence), Some(5));
    assert_eq!(c.checklist, [playbook().constraint(ConstraintId::Activation).checklist[0].id.clone()]);
}

#[test]
fn a_session_begun_in_the_wizard_continues_in_plain_mode() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    let (file, session) = store.create_file("Begun in the wizard").unwrap();
    let path = file.path().to_path_buf();
    let mut app = App::new(Theme::MONO);
    update(&mut app, opened(file, session));
    common::press(&mut app, KeyCode::Tab); // back into the name, where it was left
    common::press(&mut app, KeyCode::Tab);
    common::typ(&mut app, "Ledgerly");
    common::press(&mut app, KeyCode::Tab);
    common::press(&mut app, KeyCode::Tab);
    common::typ(&mut app, "Maya");
    common::press(&mut app, KeyCode::Tab);
    let w = common::wiz(&app);
    assert_eq!((w.session.product.as_str(), w.session.participants[0].name.as_str()), ("Ledgerly", "Maya"));
    assert_eq!(save_open(&mut app, true), Some(true));
    drop(app); // closes the wizard and its lock

    let r = run(
        tmp.path(),
        &["--plain", "resume", "Begun in the wizard"],
        &s(&["", "", "", "", "Tomás", "", "1"]),
    );
    assert!(r.out.contains("Now: Ledgerly. Enter keeps it."), "{}", r.out);
    assert!(r.out.contains("Now: Maya. Enter keeps it."), "{}", r.out);
    let got = store::load(&path).unwrap();
    assert_eq!(got.product, "Ledgerly");
    let names: Vec<&str> = got.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Maya", "Tomás"]);
    assert_eq!(got.gate.traction, Some(firstmove::method::Traction::Yes));
    assert!(r.out.contains("End of input."), "the input ran out and the run ended by itself");
}

#[test]
fn an_example_resumes_in_plain_mode_where_it_stands() {
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/discovery-first.json");
    fs::copy(&src, tmp.path().join("discovery-first.json")).unwrap();
    let r = run(tmp.path(), &["--plain", "resume", "discovery-first"], &s(&["", "n"]));
    let at = r.out.find(&heading(Step::Ranking)).expect("it opens on the ranking, where it was left");
    assert!(!r.out[..at].contains(&heading(Step::Setup)), "{}", r.out);
    assert!(r.out.contains("1. Guided setup that publishes"), "{}", r.out);
    let got = store::load(&tmp.path().join("discovery-first.json")).unwrap();
    let want = example("discovery-first.json");
    assert_eq!(recommend(&got), recommend(&want));
    assert!(r.out.contains(&report::text(&report::document(&got))));
    // Only the cursor moved, so the wizard's backup rules apply: the content is the example's.
    assert_eq!(same_answers(&got, want), got);
}

#[test]
fn the_first_line_says_why_plain_mode_is_on() {
    let tmp = tempfile::tempdir().unwrap();
    let first = |cmd: &mut Command| {
        let o = cmd.write_stdin("quit\n").output().unwrap();
        assert!(o.status.success());
        assert!(!o.stdout.contains(&0x1b));
        String::from_utf8(o.stdout).unwrap().lines().next().unwrap().to_string()
    };
    assert!(first(firstmove(tmp.path()).arg("--plain")).starts_with("Plain mode (--plain)"));
    assert!(
        first(firstmove(tmp.path()).env("ACCESSIBLE", "1"))
            .starts_with("Plain mode, because ACCESSIBLE is set")
    );
    assert!(first(firstmove(tmp.path()).env("TERM", "dumb")).starts_with("Plain mode, because TERM is dumb"));
    assert!(
        first(&mut firstmove(tmp.path())).starts_with("Plain mode, because standard input is not a terminal")
    );
    // An empty ACCESSIBLE does not count; the input being a pipe still does.
    assert!(first(firstmove(tmp.path()).env("ACCESSIBLE", "")).contains("standard input is not a terminal"));
}

#[test]
fn home_lists_sessions_opens_one_and_creates_one() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(tmp.path(), &["--plain"], &s(&["new", "From home", "", "", "Ana", "", "quit"]));
    assert!(r.out.contains("No sessions in"), "{}", r.out);
    assert!(r.out.contains("Name of the new session"), "{}", r.out);
    let path = only_session(tmp.path());
    assert_eq!(path.file_name().unwrap(), "from-home.json");
    let r = run(tmp.path(), &["--plain"], &s(&["5", "1", "jump setup", "", "", "", "", "quit"]));
    assert!(r.out.contains("1. From home, updated"), "{}", r.out);
    assert!(r.out.contains("\"5\" is not one of the choices."), "{}", r.out);
    assert!(r.out.contains("Now: Ana. Enter keeps it."), "{}", r.out);
    // The end of input at the session list ends the run too, with nothing to save.
    let o = firstmove(tmp.path()).arg("--plain").write_stdin("").output().unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8(o.stdout).unwrap().contains("End of input."));
}

#[test]
fn the_end_of_input_saves_and_ends_at_any_prompt() {
    // Input cut in the middle of a line, then nothing: the partial line is an answer, the
    // next prompt meets the end, and the run ends saved.
    let tmp = tempfile::tempdir().unwrap();
    let o = firstmove(tmp.path()).args(["--plain", "new", "Cut"]).write_stdin("Acme").output().unwrap();
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("End of input.") && out.contains("Session saved in"), "{out}");
    let got = store::load(&only_session(tmp.path())).unwrap();
    assert_eq!(got.product, "Acme");
}

#[test]
fn answers_that_are_words_start_with_a_backslash_and_people_can_be_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = s(&[
        "back",
        "\\back",
        "",
        "",
        "Maya",
        "Tomás",
        "Priya",
        "",
        "jump setup",
        "",
        "",
        "",
        "",
        "remove",
        "",
        "quit",
    ]);
    let r = run(tmp.path(), &["--plain", "new", "Words"], &lines);
    let got = store::load(&only_session(tmp.path())).unwrap();
    assert_eq!(got.name, "back");
    let names: Vec<&str> = got.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Maya", "Priya"], "{}", r.out);
    assert!(r.out.contains("Tomás is off the list."), "{}", r.out);
}

#[test]
fn a_session_open_in_another_firstmove_is_not_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    let (file, _) = store.create_file("Held").unwrap();
    let o =
        firstmove(tmp.path()).args(["--plain", "resume", "Held"]).write_stdin("Changed\n").output().unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("open in another firstmove"), "{err}");
    assert_eq!(store::load(file.path()).unwrap().name, "Held");
    drop(file);
}

/// Standard input for an in-process run: one line at a time, and `act` done just before line
/// `before` is read (an outside edit in the middle of a session).
struct Script {
    lines: Vec<Vec<u8>>,
    next: usize,
    offset: usize,
    before: usize,
    act: Option<Box<dyn FnOnce()>>,
}

impl Script {
    fn new(lines: &[&str], before: usize, act: impl FnOnce() + 'static) -> Script {
        let lines = lines.iter().map(|l| format!("{l}\n").into_bytes()).collect();
        Script { lines, next: 0, offset: 0, before, act: Some(Box::new(act)) }
    }
}

impl std::io::Read for Script {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::io::BufRead;
        let n = {
            let b = self.fill_buf()?;
            let n = b.len().min(buf.len());
            buf[..n].copy_from_slice(&b[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl std::io::BufRead for Script {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.next == self.before
            && let Some(act) = self.act.take()
        {
            act();
        }
        Ok(self.lines.get(self.next).map_or(&[][..], |l| &l[self.offset..]))
    }

    fn consume(&mut self, n: usize) {
        self.offset += n;
        if self.lines.get(self.next).is_some_and(|l| self.offset >= l.len()) {
            self.next += 1;
            self.offset = 0;
        }
    }
}

fn run_in_process(store: &Store, name: &str, input: Script) -> (firstmove::plain::Ended, String) {
    let mut out = Vec::new();
    let start = firstmove::plain::Start::Resume(name.into());
    let ended =
        firstmove::plain::run(store, start, "Plain mode (test).", input, &mut out, Echo::Line).unwrap();
    assert!(!out.contains(&0x1b));
    (ended, String::from_utf8(out).unwrap())
}

#[test]
fn a_file_changed_outside_is_left_alone_and_the_answers_go_to_a_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    let (file, _) = store.create_file("Shared").unwrap();
    let path = file.path().to_path_buf();
    drop(file);
    let theirs = path.clone();
    let edit = move || {
        let mut s = store::load(&theirs).unwrap();
        s.facilitator = "Edited outside".into();
        store::save(&theirs, &s).unwrap();
    };
    let (ended, out) = run_in_process(&store, "Shared", Script::new(&["", "Acme", "Ana"], 1, edit));
    assert!(out.contains("The session file was changed outside firstmove. It was left as it is"), "{out}");
    let copy = ended.saved.expect("saved somewhere");
    assert_ne!(copy, path, "the copy, not the file someone else changed");
    assert_eq!(store::load(&path).unwrap().facilitator, "Edited outside", "theirs is kept");
    let mine = store::load(&copy).unwrap();
    assert_eq!((mine.product.as_str(), mine.facilitator.as_str()), ("Acme", "Ana"));
}

#[test]
fn a_save_that_fails_is_said_and_the_session_can_be_saved_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let store = Store::new(&dir);
    let (file, _) = store.create_file("Lost folder").unwrap();
    drop(file);
    let elsewhere = tmp.path().join("kept.json");
    // The folder is replaced by a file: no save can land in it.
    let gone = dir.clone();
    let block = move || {
        fs::remove_dir_all(&gone).unwrap();
        fs::write(&gone, "not a folder").unwrap();
    };
    let kept = elsewhere.display().to_string();
    let lines = ["", "Acme", "quit", "retry", kept.as_str()];
    let (ended, out) = run_in_process(&store, "Lost folder", Script::new(&lines, 1, block));
    assert!(out.contains("NOT SAVED: "), "{out}");
    assert!(out.contains("Your last changes are not saved"), "{out}");
    // Said once, for the answer; on the way out the question says why, and no answer follows.
    assert_eq!(out.matches("The next answer tries again").count(), 1, "{out}");
    assert!(out.contains(&format!("Session saved in {kept}.")), "{out}");
    assert_eq!(ended.saved, None, "the session file itself holds nothing new");
    assert_eq!(store::load(&elsewhere).unwrap().product, "Acme");
}

#[test]
fn control_characters_from_a_file_never_reach_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let mut evil = example("first-move.json");
    evil.name = "Evil\u{1b}]0;owned\u{7} review".into();
    evil.product = "Ledgerly\u{1b}[2J\u{202e}cod.exe".into();
    evil.participants[0].name = "Ma\u{1b}[31mya".into();
    evil.candidates[0].title = "Guided\u{9b}31m setup".into();
    evil.cursor.step = Step::Setup;
    store::save(&tmp.path().join("evil.json"), &evil).unwrap();
    // `run` checks every byte of both streams for ESC.
    let r = run(
        tmp.path(),
        &["--plain", "resume", "evil.json"],
        &s(&["status", "", "", "", "", "jump 16", "", "no"]),
    );
    assert!(r.out.contains("Now: Ledgerly[2Jcod.exe. Enter keeps it."), "{}", r.out);
    assert!(!r.out.contains('\u{202e}') && !r.out.contains('\u{9b}') && !r.out.contains('\u{7}'));
}

#[test]
fn a_gate_that_fails_says_where_it_points_and_lets_the_team_go_on() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(
        tmp.path(),
        &["--plain", "new", "Too early"],
        &s(&["", "", "", "Ana", "", "2", "2", "status", "quit"]),
    );
    assert!(r.out.contains("This points to: MVP first."), "{}", r.out);
    assert!(r.out.contains("The recommendation so far: MVP first."), "{}", r.out);
    assert!(r.out.contains(&heading(Step::FilterRevenue)), "it goes on all the same");
}

/// A copy of an example in a fresh sessions folder, its cursor put on `step`.
fn example_in(dir: &Path, name: &str, step: Step) -> (PathBuf, Session) {
    let mut s = example(name);
    s.cursor.step = step;
    let path = dir.join(name);
    store::save_as(&s, &path).unwrap();
    let loaded = store::load(&path).unwrap();
    (path, loaded)
}

#[test]
fn decide_predict_and_check_in_in_plain_mode_follow_the_wizards_rules() {
    use firstmove::method::dates;
    use firstmove::method::followup::{self, wording};
    use firstmove::method::{Decision, Outcome};
    let tmp = tempfile::tempdir().unwrap();
    let (path, want) = example_in(tmp.path(), "first-move.json", Step::Recommendation);
    // The team decides on 2 March 2026 and comes back 90 days later for its check-ins: plain
    // mode's clock is this test's, moved on before the first check-in is added.
    static DAYS_ON: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
    fn clock() -> String {
        let first = dates::parse("2026-03-02").unwrap();
        dates::format_date(dates::add_days(first, DAYS_ON.load(std::sync::atomic::Ordering::SeqCst)))
    }
    let today = dates::parse("2026-03-02").unwrap();
    let day = |n| dates::format_date(dates::add_days(today, n));
    let lines = s(&[
        "jump follow", // from the recommendation's report question
        "",            // baseline kept
        "",            // target kept
        "2",           // direction: goes down
        "back",        // the direction again
        "1",           // goes up
        "help",        // at the decision: its help, then asked again
        "yes",         // decide today
        "status",
        "35%",
        "2", // 70% sure
        "1", // add a check-in (90 days later)
        "2026-02-30",
        "2000-01-01",
        &day(91), // tomorrow
        &day(30),
        "back", // from the value to the date of the new check-in
        "",     // the date kept
        "31%",
        "Most trials use it",
        "skip",
        "",
        "",
        "",
        "1", // continue
        "2", // add a second one
        &day(61),
        "36%",
        "Used by every new trial",
        "",
        "",
        "",
        "Stable",
        "3", // move on: the outcome is due, asked at once
        "1", // it worked
    ]);
    let add = lines.iter().position(|l| l == "35%").unwrap() + 2;
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let script = Script::new(&lines, add, || DAYS_ON.store(90, std::sync::atomic::Ordering::SeqCst));
    let mut out = Vec::new();
    let start = firstmove::plain::Start::Resume("first-move".into());
    firstmove::plain::run_on(
        &Store::new(tmp.path()),
        start,
        "Plain mode (test).",
        script,
        &mut out,
        Echo::Line,
        clock,
    )
    .unwrap();
    let out = &String::from_utf8(out).unwrap();
    let got = store::load(&path).unwrap();
    // The decision, as the wizard's `decide` records it: the move the rules name, today.
    let f = got.follow_through.as_ref().expect("decided");
    assert_eq!(Some(f.candidate.clone()), recommend(&want).top, "{out}");
    assert_eq!(f.decided_on, today.to_string());
    assert_eq!((f.prediction.as_str(), f.confidence), ("35%", Some(70)));
    assert_eq!(f.outcome, Some(Outcome::Worked));
    assert_eq!(got.measures[&f.candidate].direction, firstmove::method::Direction::Increase);
    // Dates refused with the wizard's reasons, and asked again.
    let decided = followup::decided_on(&got).unwrap();
    for bad in ["2026-02-30", "2000-01-01"] {
        let why = dates::check_in(bad, decided).unwrap_err().to_string();
        assert!(out.contains(&format!("Refused: {why}.")), "{why}\n{out}");
    }
    // A date after today is refused too, with the reason.
    let tomorrow = day(91);
    assert!(
        out.contains(&format!(
            "Refused: {tomorrow} is after today ({}): a check-in records what has happened.",
            day(90)
        )),
        "{out}"
    );
    let c = &got.check_ins;
    assert_eq!(c.len(), 2, "{out}");
    assert_eq!((c[0].date.as_str(), c[0].metric_value.as_str()), (day(30).as_str(), "31%"));
    assert_eq!((c[0].adoption.as_str(), c[0].quality.as_str()), ("Most trials use it", ""));
    assert_eq!((c[1].date.as_str(), c[1].metric_value.as_str()), (day(61).as_str(), "36%"));
    assert_eq!(c[1].technical_health, "Stable");
    assert_eq!(
        c.iter().map(|c| c.decision).collect::<Vec<_>>(),
        [Some(Decision::Continue), Some(Decision::MoveOn)]
    );
    // What the method makes of them, and plain mode said it.
    let p = followup::progress(&got).unwrap();
    assert_eq!((p.value, p.day), (36.0, 61));
    assert_eq!(p.fraction, Some((36.0 - 22.0) / (40.0 - 22.0)));
    let rec = followup::prediction(&got).unwrap();
    assert_eq!((rec.predicted, rec.actual, rec.met), (Some(35.0), Some((36.0, 61)), Some(true)));
    assert!(out.contains(&wording::progress_line(&got).unwrap()), "{out}");
    assert!(out.contains(&wording::prediction_line(&got).unwrap()), "{out}");
    assert!(out.contains("Decided on "), "{out}");
    assert!(out.contains("check-ins recorded: 0."), "status says where the follow-through stands\n{out}");
    assert!(out.contains("Words that work at any prompt"), "{out}");
    assert!(out.contains("End of input."), "{out}");
    // The wizard opens it on the follow-through and counts the step done.
    let app = common::open(got.clone());
    assert_eq!(common::step(&app), Step::FollowThrough);
    for bad in ['■', '▶', '│', '─', '→', '·', '✗'] {
        assert!(!out.contains(bad), "said, not drawn: {bad}\n{out}");
    }
}

#[test]
fn a_session_decided_in_the_wizard_resumes_on_its_follow_through() {
    use firstmove::method::followup::wording;
    let tmp = tempfile::tempdir().unwrap();
    // Left on Setup: a decided session still opens on its follow-through.
    let (path, want) = example_in(tmp.path(), "follow-through.json", Step::Setup);
    let lines = s(&[
        "1",   // open the first check-in
        "",    // its date kept
        "28%", // its value changed
        "", "", "", "", "", "", // notes and decision kept
        "delete 2", "yes", "delete 9", // no such check-in: said, and asked again
        "",
    ]);
    let r = run(tmp.path(), &["--plain", "resume", "Q4 activation push"], &lines);
    let out = &r.out;
    let at = out.find(&heading(Step::FollowThrough)).expect("it opens on the follow-through");
    assert!(!out.contains(&heading(Step::Setup)), "{out}");
    for row in [
        "1. Check-in of 5 Nov 2025, day 30, metric 27%, Continue",
        "2. Check-in of 5 Dec 2025, day 60, metric 33%, Refine",
        "3. Check-in of 5 Jan 2026, day 91, metric 38%, Move on to the next bottleneck",
        "Judge the move: did it work?",
        "Start the next cycle",
    ] {
        assert!(out[at..].contains(row), "{row}\n{out}");
    }
    assert!(out.contains(&wording::progress_line(&want).unwrap()), "{out}");
    assert!(out.contains(&wording::prediction_line(&want).unwrap()), "{out}");
    assert!(out.contains("The check-in of 5 Nov 2025, day 30."), "{out}");
    assert!(out.contains("Now: Guided setup used by 61% of new trials. Enter keeps it."), "{out}");
    assert!(out.contains("The check-in of 5 Dec 2025 is deleted."), "{out}");
    assert!(out.contains("Type delete and a check-in's number, from 1 to 2."), "{out}");
    let got = store::load(&path).unwrap();
    assert_eq!(got.cursor.step, Step::FollowThrough);
    let values: Vec<&str> = got.check_ins.iter().map(|c| c.metric_value.as_str()).collect();
    assert_eq!(values, ["28%", "38%"]);
    assert_eq!(got.check_ins[0].adoption, want.check_ins[0].adoption, "notes kept");
    assert_eq!(got.follow_through, want.follow_through, "the decision is as it was");
}

#[test]
fn the_next_cycle_from_plain_mode_is_a_linked_session_with_severities_carried() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, prev) = example_in(tmp.path(), "follow-through.json", Step::FollowThrough);
    // Row 6 starts the next cycle: asked first; no, then yes.
    let r = run(tmp.path(), &["--plain", "resume", "follow-through.json"], &s(&["6", "no", "6", "yes", ""]));
    let out = &r.out;
    assert!(out.contains(&playbook().follow_through.confirm_next), "{out}");
    let files: Vec<PathBuf> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && *p != path)
        .collect();
    assert_eq!(files.len(), 1, "one new session, after the yes only: {files:?}\n{out}");
    let next = store::load(&files[0]).unwrap();
    assert_eq!(next.previous.as_deref(), Some(prev.id.as_str()));
    assert_eq!(next.name, "Q4 activation push (cycle 2)");
    assert_eq!(next.participants, prev.participants);
    for c in &prev.constraints {
        assert_eq!(next.constraint(c.constraint).severity, c.severity, "severities carried");
        for p in 0..next.participants.len() {
            assert_eq!(next.is_carried(c.constraint, p), c.severity.contains_key(&prev.participants[p].id));
        }
    }
    assert!(out.contains("a new session called \"Q4 activation push (cycle 2)\""), "{out}");
    let resume = format!("firstmove --plain resume {}", files[0].display());
    assert!(out.contains(&resume), "{out}");
    assert_eq!(store::load(&path).unwrap().check_ins, prev.check_ins, "this cycle stays as it is");
    // The command said works.
    let arg = files[0].display().to_string();
    let r = run(tmp.path(), &["--plain", "resume", &arg], &s(&["quit"]));
    assert!(r.out.contains("Session \"Q4 activation push (cycle 2)\"."), "{}", r.out);
}

/// A cycle has one next cycle: with it in the folder already, the row names it and leads to
/// it, and nothing new is created.
#[test]
fn the_next_cycle_is_not_started_twice_in_plain_mode() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, _) = example_in(tmp.path(), "follow-through.json", Step::FollowThrough);
    let next = tmp.path().join("follow-through-cycle-2.json");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/follow-through-cycle-2.json"),
        &next,
    )
    .unwrap();
    let r = run(tmp.path(), &["--plain", "resume", "follow-through.json"], &s(&["6", "yes", ""]));
    let out = &r.out;
    assert!(
        out.contains("6. The next cycle, \"Q4 activation push (cycle 2)\": it is already started"),
        "{out}"
    );
    assert!(
        out.contains("a session called \"Q4 activation push (cycle 2)\" (follow-through-cycle-2.json)"),
        "{out}"
    );
    assert!(out.contains(&format!("firstmove --plain resume {}", next.display())), "{out}");
    let mut files: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".json"))
        .collect();
    files.sort();
    assert_eq!(files, ["follow-through-cycle-2.json", "follow-through.json"], "{out}");
    assert!(store::load(&path).is_ok());
}

/// A check-in value that is not the metric's number is kept, and said to count nowhere.
#[test]
fn plain_mode_says_when_a_check_in_value_is_not_a_number() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, _) = example_in(tmp.path(), "follow-through.json", Step::FollowThrough);
    let lines = s(&["4", "2026-02-04", "about forty", "", "", "", "", "", "", ""]);
    let r = run(tmp.path(), &["--plain", "resume", "follow-through.json"], &lines);
    assert!(r.out.contains("\"about forty\" does not read as a number in the metric's unit"), "{}", r.out);
    assert_eq!(store::load(&path).unwrap().check_ins[3].metric_value, "about forty");
}

/// A decision date moved past some check-ins is taken, and plain mode says which it leaves
/// before the decision.
#[test]
fn plain_mode_says_when_a_later_decision_date_leaves_check_ins_before_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, _) = example_in(tmp.path(), "follow-through.json", Step::FollowThrough);
    let lines = s(&["7", "2025-12-10", "", "", "", "", "", ""]);
    let r = run(tmp.path(), &["--plain", "resume", "follow-through.json"], &lines);
    assert!(r.out.contains("2 check-ins are now before the decision (2025-12-10)"), "{}", r.out);
    assert_eq!(store::load(&path).unwrap().follow_through.unwrap().decided_on, "2025-12-10");
}

/// One session in the list: "Type 1", never "a number from 1 to 1".
#[test]
fn a_list_of_one_says_type_1() {
    let tmp = tempfile::tempdir().unwrap();
    example_in(tmp.path(), "follow-through.json", Step::FollowThrough);
    let r = run(tmp.path(), &["--plain"], &s(&["quit"]));
    assert!(r.out.contains("Type 1 to continue that session, new and a name"), "{}", r.out);
    assert!(!r.out.contains("from 1 to 1"), "{}", r.out);
    example_in(tmp.path(), "first-move.json", Step::Candidates);
    let r = run(tmp.path(), &["--plain"], &s(&["quit"]));
    assert!(r.out.contains("Type 1 or 2 to continue that session"), "{}", r.out);
}

#[test]
fn the_follow_through_in_plain_mode_as_a_transcript() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, _) = example_in(tmp.path(), "follow-through.json", Step::FollowThrough);
    let lines = s(&[
        "4", // add a check-in
        "2026-02-04",
        "39%",
        "Every new trial",
        "Stable",
        "On plan",
        "Quiet",
        "Nothing new",
        "1", // continue
        "6", // judge the move again (the rows moved down by the new check-in)
        "",  // kept
        "8", // change the decision
        "",
        "",
        "",
        "",
        "",
        "", // date, baseline, target, direction, prediction, confidence kept
        "", // the end of the follow-through for now
    ]);
    let r = run(tmp.path(), &["--plain", "resume", "follow-through.json"], &lines);
    let got = store::load(&path).unwrap();
    assert_eq!(got.check_ins.len(), 4);
    assert_eq!(got.check_ins[3].metric_value, "39%");
    let transcript =
        r.out.replace(&tmp.path().display().to_string(), "[DIR]").replace(&store::today(), "[TODAY]");
    insta::assert_snapshot!("plain_follow_through_transcript", transcript);
}

#[test]
fn a_private_round_open_in_the_wizard_is_said_and_takes_no_rating_in_plain_mode() {
    use firstmove::method::ConstraintId;
    use firstmove::method::rounds::{Ballot, Subject};
    let tmp = tempfile::tempdir().unwrap();
    let mut sess = example("first-move.json");
    sess.cursor.step = Step::ConstraintActivation;
    sess.workshop.set_private(Step::ConstraintActivation, true);
    let r = sess.open_round(Subject::Severity(ConstraintId::Activation), "2026-01-12T10:00:00Z", "").unwrap();
    sess.cast(r, "p1", Ballot::Severity(2)).unwrap();
    let path = tmp.path().join("first-move.json");
    store::save_as(&sess, &path).unwrap();
    let before = store::load(&path).unwrap();
    // The evidence note is kept; then a 5 that would have been Maya's rating, had it been asked.
    let out = run(tmp.path(), &["--plain", "resume", "first-move"], &s(&["", "5"])).out;
    assert!(
        out.contains(
            "A private round is open on Activation (round 1, 1 of 3 done): Maya has voted, Tomás has not voted yet, Priya has not voted yet."
        ),
        "{out}"
    );
    assert!(out.contains("vote and reveal in the wizard"), "{out}");
    let asked = out.find(&heading(Step::ConstraintAdoption)).unwrap_or(out.len());
    assert!(!out[..asked].contains("severity for Activation"), "no rating is asked: {out}");
    let got = store::load(&path).unwrap();
    assert_eq!(
        got.constraint(ConstraintId::Activation).severity,
        before.constraint(ConstraintId::Activation).severity
    );
    assert_eq!(got.workshop.rounds, before.workshop.rounds, "the round is untouched");
}

#[test]
fn a_private_round_open_on_a_candidates_scores_takes_no_scores_in_plain_mode() {
    use firstmove::method::rounds::{Ballot, Subject};
    let tmp = tempfile::tempdir().unwrap();
    let mut sess = example("first-move.json");
    sess.cursor.step = Step::Candidates;
    let r = sess.open_round(Subject::Scores("c1".into()), "2026-01-12T10:00:00Z", "").unwrap();
    let four = firstmove::method::Scores {
        impact: Some(1),
        evidence: Some(1),
        confidence: Some(1),
        timing: Some(1),
    };
    sess.cast(r, "p1", Ballot::Scores(four)).unwrap();
    let path = tmp.path().join("first-move.json");
    store::save_as(&sess, &path).unwrap();
    let before = store::load(&path).unwrap();
    // Open the first candidate, keep its six texts; "2 2 2 2" would be Maya's scores had they
    // been asked: here it is not a checklist answer either, so it is asked again, then kept.
    let out = run(
        tmp.path(),
        &["--plain", "resume", "first-move"],
        &s(&["1", "", "", "", "", "", "", "2 2 2 2", ""]),
    )
    .out;
    assert!(out.contains("A private round is open on this candidate's scores (1 of 3 done)"), "{out}");
    assert!(!out.contains("'s scores for"), "no scores are asked: {out}");
    let got = store::load(&path).unwrap();
    assert_eq!(got.candidates[0].scores, before.candidates[0].scores);
    assert_eq!(got.workshop.rounds, before.workshop.rounds, "the round is untouched");
    assert!(!out.contains('\u{1b}'));
}

/// `--plain new NAME` names the session: Setup does not ask for the name again (it starts at
/// the product, and `back` still reaches the name), as the wizard opens it named.
#[test]
fn a_name_given_with_new_is_not_asked_again() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(tmp.path(), &["--plain", "new", "Harbor Q3"], &s(&["Acme", "quit"]));
    assert!(!r.out.contains("Session name."), "{}", r.out);
    assert!(r.out.contains("Product: what are we scaling?"), "{}", r.out);
    let got = store::load(&only_session(tmp.path())).unwrap();
    assert_eq!((got.name.as_str(), got.product.as_str()), ("Harbor Q3", "Acme"));
    // From the session list too: `new NAME` there, or the name asked for.
    let r = run(tmp.path(), &["--plain"], &s(&["new Second", "Beta", "quit"]));
    assert!(!r.out.contains("Session name."), "{}", r.out);
    let r =
        run(tmp.path(), &["--plain"], &s(&["new", "Third", "Gamma", "back", "back", "Third review", "quit"]));
    assert_eq!(r.out.matches("Session name.").count(), 1, "asked only after back: {}", r.out);
    let got = store::load(&tmp.path().join("third.json")).unwrap();
    assert_eq!((got.name.as_str(), got.product.as_str()), ("Third review", "Gamma"));
}

/// A check-in dated after today (the clock's) is refused with the reason and not added.
#[test]
fn a_check_in_date_after_today_is_refused_in_plain_mode() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, before) = example_in(tmp.path(), "follow-through.json", Step::FollowThrough);
    let r = run(tmp.path(), &["--plain", "resume", "follow-through.json"], &s(&["4", "2999-01-01", "quit"]));
    let why = format!(
        "Refused: 2999-01-01 is after today ({}): a check-in records what has happened.",
        store::today()
    );
    assert!(r.out.contains(&why), "{}", r.out);
    assert_eq!(store::load(&path).unwrap().check_ins.len(), before.check_ins.len());
}

/// A tab or a line or paragraph separator typed inside an answer separates words: it becomes a
/// space, where it used to be dropped and glue the words together. Other controls are dropped.
#[test]
fn separators_inside_an_answer_keep_the_words_apart() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["--plain", "new", "Sep"], &s(&["Prod\u{2028}Line\u{2029}Para\tTab\u{7}Bell", "quit"]));
    let got = store::load(&only_session(tmp.path())).unwrap();
    assert_eq!(got.product, "Prod Line Para TabBell");
}
