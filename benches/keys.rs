//! Key to frame, load + recommend, and atomic save on a large session
//! (8 participants, 200 candidates). Targets: < 1 ms per key on the heaviest screen,
//! < 5 ms for load + recommend and for a save.

use std::path::PathBuf;

use divan::Bencher;
use firstmove::method::{Session, Step, recommend, sample};
use firstmove::store;
use firstmove::tui::{App, Msg, Theme, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    divan::main();
}

fn large() -> Session {
    sample::workshop(8, 200)
}

fn app_at(step: Step) -> App {
    let mut s = large();
    s.primary_constraint = Some(firstmove::method::ConstraintId::Activation);
    s.cursor.step = step;
    if step == Step::Candidates {
        // The candidate editor with its 32-cell score grid is the busiest form.
        s.cursor.candidate = Some("c1".into());
        s.cursor.field = 6;
    }
    let mut app = App::new(Theme::COLOR);
    update(
        &mut app,
        Msg::Opened(PathBuf::from("/tmp/bench.json"), Box::new(s), firstmove::tui::Access::Detached),
    );
    // A session opens browsing; Tab goes back into the field it was left on.
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    app
}

/// One key press handled by `update`, then the whole frame drawn into a 120×40 buffer.
#[divan::bench(args = Step::ALL)]
fn key_to_frame(bencher: Bencher, step: &Step) {
    let mut app = app_at(*step);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    // Tab walks the fields (or scrolls a read-only screen): a typical key with a redraw.
    let key = KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE);
    bencher.bench_local(|| {
        update(&mut app, Msg::Key(key));
        term.draw(|f| firstmove::tui::view::draw(f, &app)).unwrap();
    });
}

/// Typing a character into a long answer (the editor path), with the redraw.
#[divan::bench]
fn type_into_answer(bencher: Bencher) {
    let mut app = app_at(Step::FilterRevenue);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let key = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    bencher.bench_local(|| {
        update(&mut app, Msg::Key(key));
        term.draw(|f| firstmove::tui::view::draw(f, &app)).unwrap();
    });
}

#[divan::bench]
fn load_and_recommend(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    store::save(&path, &large()).unwrap();
    bencher.bench(|| {
        let s = store::load(&path).unwrap();
        recommend(&s)
    });
}

#[divan::bench]
fn recommend_only(bencher: Bencher) {
    let s = large();
    bencher.bench(|| recommend(&s));
}

#[divan::bench]
fn atomic_save(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    let s = large();
    bencher.bench_local(|| store::save(&path, &s).unwrap());
}

/// The in-process part of benches/screen.rs: a character typed into the session's name and
/// deleted again (Backspace), with the redraw, on the small example and the large session.
/// What differs between the two here is what differs in the pty.
#[divan::bench(args = ["small", "large"])]
fn type_into_session_name(bencher: Bencher, which: &str) {
    let mut s = match which {
        "small" => {
            let example =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/first-move.json");
            store::load(&example).unwrap()
        }
        _ => large(),
    };
    s.cursor.step = Step::Setup;
    s.cursor.field = 0;
    s.cursor.candidate = None;
    let mut app = App::new(Theme::COLOR);
    update(
        &mut app,
        Msg::Opened(PathBuf::from("/tmp/bench.json"), Box::new(s), firstmove::tui::Access::Detached),
    );
    // A session opens browsing: Tab goes into its name.
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    assert!(app.wizard().unwrap().editor.is_some(), "typing into the name");
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let keys = [KeyCode::Char('x'), KeyCode::Backspace].map(|c| KeyEvent::new(c, KeyModifiers::NONE));
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        update(&mut app, Msg::Key(keys[i % 2]));
        term.draw(|f| firstmove::tui::view::draw(f, &app)).unwrap();
    });
}
