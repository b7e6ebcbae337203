//! The loop around `update` and `view`. It waits for input, a signal, the end of input or a
//! save retry; handles every event already queued; draws; and only then saves, on the writer
//! thread (`saver`), so a save (with its fsync) delays neither the frame that shows a key nor
//! the next key.

pub mod effects;
pub mod exit;
pub mod input;
pub mod saver;
pub mod signals;

use std::io;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::Event;

use super::{App, Msg, update};
use crate::store::Store;
use effects::{finish_leaving, perform};
use input::Input;
use saver::Saver;

/// The longest the loop waits without looking at signals and at the terminal's hang-up.
pub const TICK: Duration = Duration::from_millis(100);
/// A failed save (disk full, folder gone) is retried this often even if nobody types.
pub const SAVE_RETRY: Duration = Duration::from_secs(2);
/// The longest a burst of input is handled before a frame is drawn (and the session saved).
const BATCH: Duration = Duration::from_millis(50);

/// Why the loop ended. Whatever it is, the caller saves the open session next.
#[derive(Debug)]
pub enum End {
    /// The user quit.
    Quit,
    /// An ending signal arrived (SIGTERM, SIGHUP, SIGINT).
    Signal(i32),
    /// The terminal hung up: input has ended.
    Closed,
    /// Reading or drawing failed.
    Failed(io::Error),
}

/// How often the loop looks for work finished in the background while some is running.
const INBOX_TICK: Duration = Duration::from_millis(10);

/// Runs the wizard until it ends. `draw` draws one frame of `app`; `signal` tells the last
/// ending signal received; `inbox` brings messages from work done in the background (the
/// sessions folder read after the first frame). When it returns, no save is in flight: the
/// last one has landed or failed, and `app` says which.
pub fn drive(
    app: &mut App,
    store: &Store,
    input: &mut impl Input,
    draw: impl FnMut(&App) -> io::Result<()>,
    signal: impl Fn() -> Option<i32>,
    inbox: &mpsc::Receiver<Msg>,
) -> End {
    let mut saver = Saver::default();
    let end = run_loop(app, store, input, draw, signal, inbox, &mut saver);
    saver.wait(app);
    end
}

fn run_loop(
    app: &mut App,
    store: &Store,
    input: &mut impl Input,
    mut draw: impl FnMut(&App) -> io::Result<()>,
    signal: impl Fn() -> Option<i32>,
    inbox: &mpsc::Receiver<Msg>,
    saver: &mut Saver,
) -> End {
    // When to try again after a failed save; `None` when the next save may run at once.
    let mut retry_at: Option<Instant> = None;
    let mut waiting_for_inbox = true;
    loop {
        if let Err(e) = draw(app) {
            return End::Failed(e);
        }
        // The frame above shows every key handled so far; only now is the session saved,
        // one save at a time, on the writer thread.
        if unsaved(app) && !saver.busy() && retry_at.is_none_or(|t| Instant::now() >= t) {
            saver.start(app);
        }
        let first = loop {
            if let Some(sig) = signal() {
                return End::Signal(sig);
            }
            if input.closed() {
                return End::Closed;
            }
            if let Some(landed) = saver.poll(app) {
                retry_at = (!landed).then(|| Instant::now() + SAVE_RETRY);
                break None; // draw the footer's answer, then save what came in meanwhile
            }
            if waiting_for_inbox {
                match inbox.try_recv() {
                    Ok(msg) => {
                        apply(app, store, saver, msg);
                        break None;
                    }
                    Err(mpsc::TryRecvError::Disconnected) => waiting_for_inbox = false,
                    Err(mpsc::TryRecvError::Empty) => {}
                }
            }
            // The workshop clock: a tick each new second while a session is open (the
            // timebox counts between ticks, and the header's countdown is drawn again).
            if let Some(now) = clock_second(app) {
                update(app, Msg::Tick(now));
                if app.wizard().is_some_and(|w| w.session.workshop.timebox.on) {
                    break None;
                }
            }
            let tick = if (waiting_for_inbox && expecting(app)) || saver.busy() { INBOX_TICK } else { TICK };
            let wait = match retry_at.filter(|_| unsaved(app)) {
                Some(t) => match t.checked_duration_since(Instant::now()) {
                    Some(left) if !left.is_zero() => left.min(tick),
                    _ => break None,
                },
                None => tick,
            };
            match input.next(wait) {
                Ok(Some(ev)) => break Some(ev),
                Ok(None) => {}
                Err(e) => return End::Failed(e),
            }
        };
        // Nothing came but the retry is due, or background work arrived: draw (then save).
        let Some(mut ev) = first else { continue };
        // A new change is saved at once, as every change is, even after a failed save.
        retry_at = None;
        // Handle everything already queued before drawing again (fast typing, a burst),
        // within a time budget so that an endless stream still shows frames.
        let started = Instant::now();
        loop {
            handle(app, store, saver, ev);
            if app.leaving.is_some() {
                // Leaving saves the last of the session itself: the save in flight first.
                saver.wait(app);
            }
            finish_leaving(app, store);
            if app.quit {
                return End::Quit;
            }
            if started.elapsed() >= BATCH {
                break;
            }
            match input.queued() {
                Ok(Some(next)) => ev = next,
                Ok(None) => break,
                Err(e) => return End::Failed(e),
            }
        }
    }
}

/// The current second, when a session is open and the wizard has not been told it yet.
fn clock_second(app: &App) -> Option<u64> {
    let w = app.wizard()?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    (w.clock.now != Some(now)).then_some(now)
}

/// Work in the background that should show soon: the sessions folder still being read, or
/// participants' ballots while serving. Otherwise the loop wakes ten times a second, not a
/// hundred (the serve host keeps the inbox open for as long as the wizard runs).
fn expecting(app: &App) -> bool {
    app.remote.wanted.is_some() || matches!(&app.screen, super::app::Screen::Home(h) if !h.pending.is_empty())
}

/// Content waiting for a save that can happen (a file, not read-only, not discarded; not
/// while one is in flight: the writer holds the file).
fn unsaved(app: &App) -> bool {
    app.wizard().is_some_and(|w| w.dirty && !w.read_only && !w.discarded && w.file.is_some())
}

/// One terminal event through `update`, and the effects it asks for through `perform`.
fn handle(app: &mut App, store: &Store, saver: &mut Saver, ev: Event) {
    let msg = match ev {
        Event::Key(k) => Msg::Key(k),
        Event::Paste(s) => Msg::Paste(s),
        Event::Resize(w, h) => Msg::Resize(w, h),
        _ => return,
    };
    apply(app, store, saver, msg);
}

/// A message through `update`, and each effect it asks for through `perform`, once the save
/// in flight (if any) has landed: an effect may need the session's file (reload, overwrite)
/// or replace the session (open, new). Effects come from deliberate actions, never from
/// typing, so this wait does not slow keys down.
fn apply(app: &mut App, store: &Store, saver: &mut Saver, msg: Msg) {
    for effect in update(app, msg) {
        saver.wait(app);
        let reply = perform(store, app, effect);
        update(app, reply);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::path::Path;

    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::store;
    use crate::tui::Theme;

    /// Events in order, one per batch, as if typed slowly; closed once they run out.
    struct Script(VecDeque<Event>);

    impl Input for Script {
        fn next(&mut self, _: Duration) -> io::Result<Option<Event>> {
            Ok(self.0.pop_front())
        }
        fn queued(&mut self) -> io::Result<Option<Event>> {
            Ok(None)
        }
        fn closed(&mut self) -> bool {
            self.0.is_empty()
        }
    }

    /// An inbox nothing will ever arrive in.
    fn no_inbox() -> mpsc::Receiver<Msg> {
        mpsc::channel().1
    }

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    fn on_disk(path: &Path) -> String {
        store::load(path).unwrap().name
    }

    fn app_on_new_session(dir: &Path, name: &str) -> (App, Store, std::path::PathBuf) {
        let store = Store::new(dir);
        let (file, s) = store.create_file(name).unwrap();
        let path = file.path().to_path_buf();
        let mut app = App::new(Theme::MONO);
        update(&mut app, effects::opened(file, s));
        (app, store, path)
    }

    #[test]
    fn a_key_is_drawn_before_it_is_saved_and_no_frame_claims_a_save_that_did_not_land() {
        let tmp = tempfile::tempdir().unwrap();
        let (mut app, store, path) = app_on_new_session(tmp.path(), "Draw");
        // Tab goes into the name field (a session opens browsing); each key appends to it.
        let tab = Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
        let mut input = Script(VecDeque::from([tab, key('1'), key('2')]));
        // What each frame showed, whether it took the session for saved, and what the file
        // held while it was drawn.
        let mut frames = Vec::new();
        let end = drive(
            &mut app,
            &store,
            &mut input,
            |app| {
                let w = app.wizard().unwrap();
                frames.push((w.session.name.clone(), !w.dirty && !w.saving, on_disk(&path)));
                Ok(())
            },
            || None,
            &no_inbox(),
        );
        assert!(matches!(end, End::Closed), "{end:?}");
        // The first frame showing a key is drawn while the file does not have it yet.
        let first = frames.iter().find(|(n, ..)| n == "Draw1").unwrap();
        assert_eq!(first.2, "Draw", "{frames:?}");
        // A frame that takes the session for saved is drawn only once the file has it.
        for (shown, saved, disk) in &frames {
            assert!(!saved || shown == disk, "claimed saved: {frames:?}");
        }
        // When the loop returns, no save is in flight; the caller saves what is left (as
        // `tui::run` does), and that lands.
        let w = app.wizard().unwrap();
        assert!(!w.saving && w.file.is_some());
        assert!(matches!(app.status, crate::tui::app::Status::Saved(_)), "{:?}", app.status);
        assert_ne!(effects::save_open(&mut app, true), Some(false));
        assert_eq!(on_disk(&path), "Draw12");
        assert!(!app.wizard().unwrap().unsaved());
    }

    #[test]
    fn a_save_that_fails_on_the_writer_thread_leaves_the_change_waiting() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("sessions");
        let (mut app, store, path) = app_on_new_session(&dir, "Lost");
        // The folder goes, and a plain file takes its name: nothing can be written there.
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::write(&dir, "not a folder").unwrap();
        let tab = Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
        let mut input = Script(VecDeque::from([tab, key('!')]));
        let end = drive(&mut app, &store, &mut input, |_| Ok(()), || None, &no_inbox());
        assert!(matches!(end, End::Closed), "{end:?}");
        let w = app.wizard().unwrap();
        assert!(w.dirty, "the change still waits for a save");
        assert!(!w.saving && w.file.is_some(), "the writer gave the file back");
        assert!(w.save_error.is_some() && w.unsaved());
        assert!(matches!(&app.status, crate::tui::app::Status::Error(m) if m.starts_with("NOT SAVED")));
        assert!(!path.exists());
    }

    #[test]
    fn a_signal_or_a_quit_ends_the_loop_without_waiting_for_input() {
        let tmp = tempfile::tempdir().unwrap();
        let (mut app, store, _) = app_on_new_session(tmp.path(), "Signal");
        let mut input = Script(VecDeque::from([key('x')]));
        let end = drive(&mut app, &store, &mut input, |_| Ok(()), || Some(15), &no_inbox());
        assert!(matches!(end, End::Signal(15)), "{end:?}");
        assert_eq!(input.0.len(), 1, "no input was read once the signal was seen");

        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        let mut input = Script(VecDeque::from([key('!'), ctrl_c, key('x')]));
        let end = drive(&mut app, &store, &mut input, |_| Ok(()), || None, &no_inbox());
        assert!(matches!(end, End::Quit), "{end:?}");
        assert_eq!(input.0.len(), 1, "nothing after the quit was handled");
    }

    #[test]
    fn a_failed_draw_ends_the_loop_before_any_input_is_lost() {
        let tmp = tempfile::tempdir().unwrap();
        let (mut app, store, _) = app_on_new_session(tmp.path(), "Gone");
        let mut input = Script(VecDeque::from([key('x')]));
        let end = drive(&mut app, &store, &mut input, |_| Err(io::Error::other("EIO")), || None, &no_inbox());
        assert!(matches!(end, End::Failed(_)), "{end:?}");
    }
}
