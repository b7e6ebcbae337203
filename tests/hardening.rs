//! Bad input, faults and hostile text: random keys, random bytes, vanished folders, a full
//! disk, a megabyte paste, markup in answers.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use firstmove::method::{FilterId, Session, Step};
use firstmove::store::{self, Store};
use firstmove::tui::app::Status;
use firstmove::tui::{Access, App, Msg, Theme, autosave, update};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn example_text() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/first-move.json")).unwrap()
}

/// What a person (or a cat on the keyboard) can send; `Msg` itself holds files, so no Clone.
#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    Resize(u16, u16),
    Paste(String),
}

impl Input {
    fn msg(self) -> Msg {
        match self {
            Input::Key(k) => Msg::Key(k),
            Input::Resize(w, h) => Msg::Resize(w, h),
            Input::Paste(p) => Msg::Paste(p),
        }
    }
}

fn arb_msg() -> impl Strategy<Value = Input> {
    let plain = prop_oneof![
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::F(1)),
        prop::sample::select(vec![
            '1', '2', '3', '4', '5', '0', ' ', 'n', 'd', 'y', 'w', 'g', '?', 'q', 'j', 'k', 'x', '漢', '🚀',
            '\u{7}'
        ])
        .prop_map(KeyCode::Char),
    ];
    let ctrl =
        prop::sample::select(vec!['n', 'p', 'g', 'd', 'w', 'u', 'r', 'k', 'j', 'm', 'a', 'e', 'h', 'y', 'x'])
            .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    prop_oneof![
        8 => plain.prop_map(|c| Input::Key(KeyEvent::new(c, KeyModifiers::NONE))),
        2 => ctrl.prop_map(Input::Key),
        1 => (0u16..300, 0u16..100).prop_map(|(w, h)| Input::Resize(w, h)),
        1 => "(?s).{0,40}".prop_map(Input::Paste),
    ]
}

fn round_trip(s: &Session) -> Session {
    store::parse(Path::new("mem.json"), store::to_json(s).as_bytes()).expect("every saved session loads back")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Random key sequences never panic, every intermediate session saves and loads back
    /// equal (so no key can produce a file the program would then refuse), and the derived
    /// recommendation always matches the session.
    #[test]
    fn random_keys_never_break_the_session(start in prop::sample::select(Step::ALL), msgs in prop::collection::vec(arb_msg(), 1..120)) {
        let mut s = example("first-move.json");
        s.cursor.step = start;
        let mut app = open(s);
        for (i, msg) in msgs.into_iter().enumerate() {
            update(&mut app, msg.msg());
            // What the runtime does once it has saved: leave.
            if app.leaving.is_some() {
                update(&mut app, Msg::ReadyToLeave);
            }
            app.quit = false;
            let Some(w) = app.wizard() else {
                // Esc walked out to the home screen: open the session again.
                let s = example("first-move.json");
                app = open(s);
                continue;
            };
            prop_assert_eq!(&round_trip(&w.session), &w.session);
            // The cache the views draw from never goes stale.
            prop_assert_eq!(&w.derived.recommendation, &firstmove::method::recommend(&w.session));
            // Scroll stays within the content, measured as the view measures it.
            let area = firstmove::tui::view::step_area(app.size);
            prop_assert!(w.scroll <= firstmove::tui::steps::screen(w.step()).max_scroll(w, area));
            if i % 16 == 0 {
                render(&app, 80, 24);
            }
        }
        render(&app, 61, 20);
    }

    /// Wrapping keeps every character but the breaking spaces, and every line fits
    /// (a single character wider than the whole width gets a line of its own).
    #[test]
    fn wrapped_text_fits_and_keeps_its_words(text in "(?s)[a-z 漢🚀\n]{0,200}", width in 1u16..40) {
        use unicode_width::UnicodeWidthStr;
        let lines = firstmove::tui::view::wrap(&text, width);
        for l in &lines {
            prop_assert!(l.width() <= usize::from(width) || l.chars().count() == 1, "{l:?} wider than {width}");
        }
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(squash(&lines.concat()), squash(&text));
    }

    /// Any bytes at all give an error or a session, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = store::parse(Path::new("x.json"), &bytes);
    }

    /// A valid file with a few bytes flipped, cut or inserted: an error or a valid session.
    #[test]
    fn mutated_sessions_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)) {
        let mut bytes = example_text().into_bytes();
        for (at, byte, kind) in edits {
            let i = at.index(bytes.len());
            match kind {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        if let Ok(s) = store::parse(Path::new("x.json"), &bytes) {
            // Whatever loads is a session the rules and the report can use.
            let _ = firstmove::method::recommend(&s);
            let _ = firstmove::report::markdown(&firstmove::report::document(&s));
            prop_assert_eq!(round_trip(&s), s);
        }
    }
}

/// A session opened from a real folder, as the runtime opens it.
fn open_in(dir: &Path) -> (App, PathBuf) {
    let store = Store::new(dir);
    let (file, s) = store.create_file("Fault test").unwrap();
    let path = file.path().to_path_buf();
    let mut app = App::new(Theme::MONO);
    update(&mut app, firstmove::tui::runtime::effects::opened(file, s));
    // A named session opens browsing: Tab goes back into its name.
    press(&mut app, KeyCode::Tab);
    (app, path)
}

#[test]
fn a_vanished_folder_is_recreated_on_the_next_save() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut app, path) = open_in(&dir);
    fs::remove_dir_all(&dir).unwrap();
    typ(&mut app, " again");
    autosave(&mut app);
    assert!(matches!(app.status, Status::Saved(_)), "{:?}", app.status);
    assert_eq!(store::load(&path).unwrap().name, "Fault test again");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    }
}

#[test]
fn an_unwritable_folder_keeps_the_session_and_saving_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut app, path) = open_in(&dir);
    // The folder is replaced by a plain file: every write into it fails (even as root).
    fs::remove_dir_all(&dir).unwrap();
    fs::write(&dir, "in the way").unwrap();
    typ(&mut app, " kept");
    autosave(&mut app);
    match &app.status {
        Status::Error(e) => assert!(e.starts_with("NOT SAVED: cannot save"), "{e}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(wiz(&app).session.name, "Fault test kept", "the text stays in memory");
    assert!(wiz(&app).dirty, "and is still to be saved");
    // The way is clear again: the next attempt (a key, or the runtime's retry) saves it.
    fs::remove_file(&dir).unwrap();
    autosave(&mut app);
    assert!(matches!(app.status, Status::Saved(_)), "{:?}", app.status);
    assert_eq!(store::load(&path).unwrap().name, "Fault test kept");
}

/// Needs root (to mount a tiny tmpfs), as CI runs; elsewhere it says so and passes.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported_and_saving_resumes_when_space_returns() {
    let tmp = tempfile::tempdir().unwrap();
    let mnt = tmp.path().join("small");
    fs::create_dir(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=128k", "tmpfs"])
        .arg(&mnt)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    }
    let result = std::panic::catch_unwind(|| {
        let dir = mnt.join("sessions");
        let (mut app, path) = open_in(&dir);
        // Fill the disk.
        let filler = mnt.join("filler");
        let _ = fs::write(&filler, vec![0u8; 256 * 1024]);
        typ(&mut app, " full");
        autosave(&mut app);
        match &app.status {
            Status::Error(e) => assert!(e.contains("No space left") || e.contains("NOT SAVED"), "{e}"),
            other => panic!("a full disk went unnoticed: {other:?}"),
        }
        assert_eq!(store::load(&path).unwrap().name, "Fault test", "the old file is intact");
        fs::remove_file(&filler).unwrap();
        autosave(&mut app);
        assert!(matches!(app.status, Status::Saved(_)), "{:?}", app.status);
        assert_eq!(store::load(&path).unwrap().name, "Fault test full");
    });
    let _ = std::process::Command::new("umount").arg(&mnt).status();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn a_megabyte_paste_with_control_characters_round_trips_and_renders_clean() {
    let mut app = open_at(example("first-move.json"), Step::FilterTrust, Some(0));
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str("Line with \u{1b}[31mred\u{1b}[0m, a bell \u{7}, tabs\tand 漢字 🚀.\r\n");
    }
    let before = wiz(&app).session.filter(FilterId::Trust).answer.clone();
    update(&mut app, Msg::Paste(text.clone()));
    let got = &wiz(&app).session.filter(FilterId::Trust).answer;
    assert_eq!(*got, format!("{before}{}", text.replace("\r\n", "\n")));
    let s = wiz(&app).session.clone();
    assert_eq!(round_trip(&s), s, "saved and reloaded exactly");
    // Still responsive: a key after the paste lands.
    typ(&mut app, "!");
    assert!(wiz(&app).session.filter(FilterId::Trust).answer.ends_with('!'));
    for step in [Step::FilterTrust, Step::Qualification, Step::Recommendation] {
        let mut s = wiz(&app).session.clone();
        s.cursor.step = step;
        let app = open_at(s, step, None);
        for (w, h) in [(80, 24), (120, 40)] {
            let t = render(&app, w, h);
            for cell in t.backend().buffer().content() {
                assert!(
                    !cell.symbol().chars().any(char::is_control),
                    "{step:?}: a control character reached the screen"
                );
            }
        }
    }
}

#[test]
fn markup_in_answers_stays_text_in_the_report() {
    let mut s = example("first-move.json");
    s.filters[0].answer = "<script>alert(1)</script>".into();
    s.name = "# Not a heading | not a cell".into();
    s.candidates[0].title = "## Fake | table | row\n- fake bullet".into();
    s.candidates[0].behavior = "[click](http://evil) **bold** `code`".into();
    let md = firstmove::report::markdown(&firstmove::report::document(&s));
    assert!(md.starts_with("# First move: \\# Not a heading \\| not a cell\n"), "{md}");
    assert!(
        md.contains("The first move: \\#\\# Fake \\| table \\| row - fake bullet\n"),
        "line breaks fold: {md}"
    );
    assert!(md.contains("\\[click\\](http://evil) \\*\\*bold\\*\\* \\`code\\`"), "{md}");
    assert!(!md.contains("<script>"));
    // Every table row still has exactly as many cells as its header.
    for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
        let cells = |l: &str| l.replace("\\|", "").matches('|').count();
        let head = cells(table.lines().next().unwrap());
        assert!(table.lines().all(|l| cells(l) == head), "{table}");
    }
}

#[test]
fn a_second_lock_on_the_same_session_is_refused_until_the_first_goes() {
    let tmp = tempfile::tempdir().unwrap();
    let (path, _) = Store::new(tmp.path()).create("Shared").unwrap();
    let first = store::lock(&path).unwrap().expect("the first one gets it");
    assert!(store::lock(&path).unwrap().is_none(), "a second holder is refused");
    let err = Store::new(tmp.path()).delete(&path).unwrap_err().to_string();
    assert!(err.contains("open in another firstmove"), "{err}");
    drop(first);
    assert!(store::lock(&path).unwrap().is_some(), "released when dropped");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(store::lock_path(&path)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn a_read_only_session_refuses_changes_out_loud() {
    let mut app = App::new(Theme::MONO);
    let mut s = example("first-move.json");
    s.cursor.step = Step::Setup;
    let original = s.clone();
    update(
        &mut app,
        Msg::Opened(
            PathBuf::from("/s/x.json"),
            Box::new(s),
            Access::ReadOnly("it is open in another firstmove".into()),
        ),
    );
    assert!(matches!(&app.status, Status::Info(m) if m.contains("Read-only")));
    // Into the name field, as Tab or Enter would take someone.
    wiz_mut(&mut app).focus = Some(0);
    wiz_mut(&mut app).sync_editor();
    typ(&mut app, "zzz");
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::Char('1'));
    let w = wiz(&app);
    let mut now = w.session.clone();
    now.cursor = original.cursor.clone();
    assert_eq!(now, original, "nothing changed");
    assert_eq!(w.step(), Step::Setup.next().unwrap(), "but moving around works");
    assert!(matches!(&app.status, Status::Error(m) if m.contains("Read-only")));
    // Leaving has nothing to save, so nothing can hold it up.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.leaving, Some(firstmove::tui::msg::Leave::Home));
    assert!(!wiz(&app).unsaved());
}
