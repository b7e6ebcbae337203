//! Leaving a session never loses words silently: a quit or a return to the list whose save
//! fails keeps the session open and asks; an outside edit is kept beside ours; a lost lock
//! stops writing. Driven through `update` and the runtime's own save and leave functions,
//! on real folders.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use firstmove::store::{self, Store};
use firstmove::tui::app::{App, Overlay, Status};
use firstmove::tui::msg::{Effect, Leave, Msg, SaveReport};
use firstmove::tui::runtime::effects::{finish_leaving, opened, perform, save_open};
use firstmove::tui::runtime::exit;
use firstmove::tui::{Theme, update};
use ratatui::crossterm::event::KeyCode;

/// A new session in `dir`, opened as the runtime opens it; focus on its name.
fn open_in(dir: &Path) -> (App, Store, PathBuf) {
    let store = Store::new(dir);
    let (file, s) = store.create_file("Leave test").unwrap();
    let path = file.path().to_path_buf();
    let mut app = App::new(Theme::MONO);
    update(&mut app, opened(file, s));
    // A named session opens browsing: Tab goes back into its name.
    press(&mut app, KeyCode::Tab);
    (app, store, path)
}

/// Makes every write into `dir` fail, even as root: the folder becomes a plain file.
fn break_folder(dir: &Path) {
    fs::remove_dir_all(dir).unwrap();
    fs::write(dir, "in the way").unwrap();
}

fn mend_folder(dir: &Path) {
    fs::remove_file(dir).unwrap();
}

/// Whatever `update` asked for, carried out as the runtime would.
fn run(app: &mut App, store: &Store, effects: Vec<Effect>) {
    for e in effects {
        let reply = perform(store, app, e);
        update(app, reply);
    }
}

#[test]
fn quitting_with_a_save_that_fails_keeps_the_session_open_and_asks() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut app, store, path) = open_in(&dir);
    break_folder(&dir);
    typ(&mut app, " kept");
    save_open(&mut app, false);
    assert!(matches!(&app.status, Status::Error(e) if e.starts_with("NOT SAVED")), "{:?}", app.status);

    press(&mut app, KeyCode::Char('q')); // types: the name has the focus
    ctrl(&mut app, 'c');
    assert_eq!(app.overlay, Some(Overlay::Unsaved { then: Leave::Quit }), "asked, not quit");
    assert!(!app.quit && app.leaving.is_none());
    assert!(exit::line(&app).unwrap_err().contains("NOT saved"), "an exit now would say so");

    // Esc: keep editing. Ctrl+C again: the same question.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    ctrl(&mut app, 'c');
    assert_eq!(app.overlay, Some(Overlay::Unsaved { then: Leave::Quit }));

    // r: try again while the disk is still broken: the save fails again and it asks again.
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.leaving, Some(Leave::Quit));
    finish_leaving(&mut app, &store);
    assert!(!app.quit);
    assert_eq!(app.overlay, Some(Overlay::Unsaved { then: Leave::Quit }));

    // Once the disk can take it, r saves and quits.
    mend_folder(&dir);
    press(&mut app, KeyCode::Char('r'));
    finish_leaving(&mut app, &store);
    assert!(app.quit);
    assert_eq!(store::load(&path).unwrap().name, "Leave test keptq");
    assert_eq!(exit::line(&app).unwrap().unwrap(), format!("Session saved in {}", path.display()));
}

#[test]
fn the_changes_can_be_saved_elsewhere_and_the_exit_line_says_where() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut app, store, path) = open_in(&dir);
    break_folder(&dir);
    typ(&mut app, " rescued");
    save_open(&mut app, false);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc); // back to the list: the same question
    assert_eq!(app.overlay, Some(Overlay::Unsaved { then: Leave::Home }));

    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.overlay, Some(Overlay::SaveAs { then: Leave::Home }));
    let suggested = app.prompt.as_ref().unwrap().lines().join("");
    assert!(suggested.ends_with("leave-test-unsaved.json"), "{suggested}");
    // Replace the suggestion with a path of our own (select all is not needed: clear it).
    let target = tmp.path().join("rescue.json");
    app.prompt = Some(ratatui_textarea::TextArea::new(vec![String::new()]));
    update(&mut app, Msg::Paste(target.display().to_string()));
    let fx = press(&mut app, KeyCode::Enter);
    assert_eq!(fx, [Effect::SaveAs(target.clone())]);
    run(&mut app, &store, fx);
    assert_eq!(store::load(&target).unwrap().name, "Leave test rescued");
    // Saved elsewhere counts as safe: leaving goes ahead, and says where the words are.
    assert_eq!(app.leaving, Some(Leave::Home));
    let line = exit::line(&app).unwrap().unwrap();
    assert!(line.contains("rescue.json") && line.contains("was not updated"), "{line}");
    finish_leaving(&mut app, &store);
    assert!(is_home(&app));
    assert!(path.parent().unwrap().is_file(), "nothing was written into the broken folder");

    // A path that exists already is refused, and the prompt stays.
    let (mut app, store, _) = open_in(&tmp.path().join("other"));
    let other = tmp.path().join("other");
    break_folder(&other);
    typ(&mut app, "!");
    save_open(&mut app, false);
    ctrl(&mut app, 'c');
    press(&mut app, KeyCode::Char('s'));
    app.prompt = Some(ratatui_textarea::TextArea::new(vec![target.display().to_string()]));
    let fx = press(&mut app, KeyCode::Enter);
    run(&mut app, &store, fx);
    assert!(matches!(app.overlay, Some(Overlay::SaveAs { .. })));
    assert!(matches!(&app.status, Status::Error(e) if e.contains("already exists")), "{:?}", app.status);
    // The save is retried every two seconds; failing as before, it leaves that answer on show.
    save_open(&mut app, false);
    assert!(matches!(&app.status, Status::Error(e) if e.contains("already exists")), "{:?}", app.status);
    // Once the window is closed, the footer says again that the changes are not saved.
    press(&mut app, KeyCode::Esc);
    save_open(&mut app, false);
    assert!(matches!(&app.status, Status::Error(e) if e.starts_with("NOT SAVED")), "{:?}", app.status);
}

#[test]
fn discarding_takes_an_explicit_yes_and_the_exit_line_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut app, store, path) = open_in(&dir);
    break_folder(&dir);
    typ(&mut app, " gone");
    save_open(&mut app, false);
    ctrl(&mut app, 'c');
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.overlay, Some(Overlay::ConfirmDiscard { then: Leave::Quit }));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.overlay, Some(Overlay::Unsaved { then: Leave::Quit }), "no goes back to the question");
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('y'));
    finish_leaving(&mut app, &store);
    assert!(app.quit);
    let line = exit::line(&app).unwrap().unwrap();
    assert!(line.contains("discarded") && line.contains(&path.display().to_string()), "{line}");
}

#[test]
fn a_save_that_fails_on_the_way_out_stops_the_way_out() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut app, store, _) = open_in(&dir);
    typ(&mut app, "?");
    break_folder(&dir);
    ctrl(&mut app, 'q'); // the change is not saved yet: the save on the way out fails
    assert_eq!(app.leaving, Some(Leave::Quit));
    finish_leaving(&mut app, &store);
    assert!(!app.quit, "never quit on a failed save");
    assert_eq!(app.overlay, Some(Overlay::Unsaved { then: Leave::Quit }));
}

#[test]
fn a_cursor_move_is_saved_on_leaving_not_on_every_key() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut app, store, path) = open_in(&dir);
    let before = fs::read(&path).unwrap();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(save_open(&mut app, false), None, "a cursor move alone waits");
    assert_eq!(fs::read(&path).unwrap(), before);
    ctrl(&mut app, 'c');
    finish_leaving(&mut app, &store);
    assert!(app.quit);
    assert_eq!(store::load(&path).unwrap().cursor.field, 2, "written on leaving");
    assert!(!store::backup_path(&path).exists(), "a cursor move is not a version: no backup");
}

#[test]
fn an_outside_edit_is_kept_and_ours_goes_to_a_copy_then_the_user_chooses() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut app, store, path) = open_in(&dir);
    // Someone edits the file by hand (or a git pull lands) while the wizard has it open.
    let mut theirs = store::load(&path).unwrap();
    theirs.product = "Edited by hand".into();
    fs::write(&path, store::to_json(&theirs)).unwrap();
    typ(&mut app, " ours");
    save_open(&mut app, false);
    assert_eq!(app.overlay, Some(Overlay::Conflict));
    assert_eq!(store::load(&path).unwrap().product, "Edited by hand", "theirs is untouched");
    let copy = wiz(&app).conflict.clone().expect("a conflict copy");
    assert_eq!(store::load(&copy).unwrap().name, "Leave test ours");
    let line = exit::line(&app).unwrap().unwrap();
    assert!(line.contains(&copy.display().to_string()), "{line}");

    // r: reload theirs.
    let fx = press(&mut app, KeyCode::Char('r'));
    assert_eq!(fx, [Effect::Reload]);
    run(&mut app, &store, fx);
    assert_eq!(wiz(&app).session.product, "Edited by hand");
    assert_eq!(wiz(&app).conflict, None);
    // From there on, saves go to the file again.
    typ(&mut app, "!");
    save_open(&mut app, false);
    assert!(matches!(app.status, Status::Saved(_)), "{:?}", app.status);
    assert_eq!(store::load(&path).unwrap().name, "Leave test!");
}

#[test]
fn keep_mine_overwrites_theirs_and_keeps_theirs_as_the_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut app, store, path) = open_in(&dir);
    let mut theirs = store::load(&path).unwrap();
    theirs.product = "Theirs".into();
    fs::write(&path, store::to_json(&theirs)).unwrap();
    typ(&mut app, " mine");
    save_open(&mut app, false);
    let fx = press(&mut app, KeyCode::Char('o'));
    assert_eq!(fx, [Effect::Overwrite]);
    run(&mut app, &store, fx);
    assert!(matches!(app.status, Status::Saved(_)), "{:?}", app.status);
    assert_eq!(store::load(&path).unwrap().name, "Leave test mine");
    assert_eq!(store::load(&store::backup_path(&path)).unwrap().product, "Theirs");
}

#[test]
fn a_lost_lock_stops_writing_and_leaving_asks() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut app, _store, path) = open_in(&dir);
    update(&mut app, Msg::Saved(SaveReport::LockLost("it is open in another firstmove".into())));
    assert!(wiz(&app).read_only);
    typ(&mut app, "zzz");
    assert_eq!(wiz(&app).session.name, "Leave test", "read-only from now on");
    // The changes made before the lock was lost are still only in memory: leaving asks.
    wiz_mut(&mut app).dirty = true;
    ctrl(&mut app, 'c');
    assert_eq!(app.overlay, Some(Overlay::Unsaved { then: Leave::Quit }));
    assert!(!app.quit);
    assert_eq!(store::load(&path).unwrap().name, "Leave test");
    // What "r try again" does then: `try_again_takes_a_lost_lock_back_and_saves_once_it_is_free`.
}

/// Issue #8 item 2: a lock lost while the session is open (the lock file deleted, another
/// window took a new one) is taken again by "r try again" once it is free, and the save
/// lands; while it is not free, r says why and keeps asking.
#[test]
fn try_again_takes_a_lost_lock_back_and_saves_once_it_is_free() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut app, store, path) = open_in(&dir);
    fs::remove_file(store::lock_path(&path)).unwrap();
    let other = store::lock(&path).unwrap().expect("a second window takes the new lock");
    typ(&mut app, " mine");
    assert_eq!(save_open(&mut app, false), Some(false), "not written while the other holds it");
    assert!(wiz(&app).read_only);
    assert!(
        matches!(&app.status, Status::Error(e) if e.contains("open in another firstmove")),
        "{:?}",
        app.status
    );
    // The store's reason does not say "not saved" itself ("NOT SAVED: not saved: …").
    let Status::Error(e) = &app.status else { unreachable!() };
    assert_eq!(e.to_lowercase().matches("not saved").count(), 1, "{e}");
    assert!(e.starts_with("NOT SAVED: "), "{e}");
    ctrl(&mut app, 'c');
    assert_eq!(app.overlay, Some(Overlay::Unsaved { then: Leave::Quit }));

    // r while the other window still has it: nothing written, the window asks again, why shown.
    press(&mut app, KeyCode::Char('r'));
    finish_leaving(&mut app, &store);
    assert!(!app.quit);
    assert_eq!(app.overlay, Some(Overlay::Unsaved { then: Leave::Quit }));
    let why = wiz(&app).save_error.clone().unwrap();
    assert!(why.contains("open in another firstmove"), "{why}");
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("Not saved") && screen.contains("is open in"), "the window says why: {screen}");
    assert_eq!(screen.to_lowercase().matches("not saved").count(), 3, "title, first line, status: {screen}");
    assert_eq!(store::load(&path).unwrap().name, "Leave test");

    // The other window goes: r takes the lock back, saves and quits.
    drop(other);
    press(&mut app, KeyCode::Char('r'));
    finish_leaving(&mut app, &store);
    assert!(app.quit, "saved and gone: {:?}", app.status);
    assert_eq!(store::load(&path).unwrap().name, "Leave test mine");
    assert!(store::lock(&path).unwrap().is_none(), "this window holds the lock again");
    assert_eq!(exit::line(&app).unwrap().unwrap(), format!("Session saved in {}", path.display()));

    // The same with the folder taken away and something else at the lock's name: r says why
    // it cannot lock, and saves once the name is free.
    let (mut app, store, path) = open_in(&tmp.path().join("again"));
    fs::remove_file(store::lock_path(&path)).unwrap();
    fs::create_dir(store::lock_path(&path)).unwrap();
    typ(&mut app, " kept");
    assert_eq!(save_open(&mut app, false), Some(false));
    ctrl(&mut app, 'c');
    press(&mut app, KeyCode::Char('r'));
    finish_leaving(&mut app, &store);
    assert!(!app.quit);
    assert!(
        wiz(&app).save_error.as_deref().is_some_and(|e| e.contains("directory")),
        "{:?}",
        wiz(&app).save_error
    );
    // Back in the wizard the session stays read-only: typing is refused, not lost.
    press(&mut app, KeyCode::Esc);
    typ(&mut app, "zzz");
    assert_eq!(wiz(&app).session.name, "Leave test kept");
    let said = format!("{:?}", app.status);
    assert!(said.contains("directory") && !said.contains("another firstmove"), "the real reason: {said}");
    fs::remove_dir(store::lock_path(&path)).unwrap();
    ctrl(&mut app, 'c');
    press(&mut app, KeyCode::Char('r'));
    finish_leaving(&mut app, &store);
    assert!(app.quit, "{:?}", app.status);
    assert_eq!(store::load(&path).unwrap().name, "Leave test kept");
}

#[test]
fn a_read_only_window_says_nothing_was_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (_owner, store, path) = open_in(&dir);
    let (file, s) = firstmove::store::SessionFile::open(&path).unwrap();
    let mut app = App::new(Theme::MONO);
    update(&mut app, opened(file, s));
    assert!(wiz(&app).read_only);
    ctrl(&mut app, 'c');
    finish_leaving(&mut app, &store);
    assert!(app.quit);
    let line = exit::line(&app).unwrap().unwrap();
    assert!(line.starts_with("Opened read-only: nothing was changed"), "{line}");
}

#[test]
fn a_new_session_is_named_first_and_its_file_after_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("sessions"));
    let mut app = App::new(Theme::MONO);
    run(&mut app, &store, vec![Effect::ListSessions]);
    press(&mut app, KeyCode::Char('n'));
    typ(&mut app, "São Paulo scaling review");
    let fx = press(&mut app, KeyCode::Enter);
    run(&mut app, &store, fx);
    let w = wiz(&app);
    assert_eq!(w.session.name, "São Paulo scaling review");
    assert_eq!(w.path.file_name().unwrap(), "sao-paulo-scaling-review.json");
    assert!(w.focused().is_none(), "a named session opens browsing");

    // Back on the list, the same name again is pointed out before it is taken.
    ctrl(&mut app, 'q');
    finish_leaving(&mut app, &store);
    let mut app = App::new(Theme::MONO);
    run(&mut app, &store, vec![Effect::ListSessions]);
    press(&mut app, KeyCode::Char('n'));
    typ(&mut app, "são paulo SCALING review");
    let screen = screen_text(&app, 100, 30);
    assert!(screen.contains("A session is already called that (sao-paulo-scaling-review.json)"), "{screen}");
    let fx = press(&mut app, KeyCode::Enter);
    run(&mut app, &store, fx);
    assert_eq!(wiz(&app).path.file_name().unwrap(), "sao-paulo-scaling-review-2.json");
}
