//! The save, off the UI thread. A save of a large session spends milliseconds in its fsync;
//! on the UI thread the next key waited for it. The loop hands the session's file and a copy
//! of the session to a writer thread and goes on reading keys; the footer says "saved" only
//! when the writer reports the bytes on disk, and everything that needs the file (leaving,
//! quitting, reloading, an effect) waits for the save in flight first.
//!
//! While a save is in flight the file is away (`Wizard::file` is `None`) and
//! `Wizard::saving` is set; the content it carries is no longer `dirty`, so a change made in
//! the meantime makes the session dirty again and is saved next. A save that fails puts the
//! flags back, so nothing is lost and the retry carries it.

use std::sync::mpsc;
use std::thread;

use crate::method::Session;
use crate::store::{self, SaveOutcome, SessionFile, StoreError};
use crate::tui::App;

use super::effects::report_of;

struct Job {
    file: Box<SessionFile>,
    session: Box<Session>,
    /// What the save carries: content (`dirty`) and where the cursor was (`cursor_moved`).
    carried: (bool, bool),
}

struct Done {
    file: Box<SessionFile>,
    result: Result<SaveOutcome, StoreError>,
    carried: (bool, bool),
}

/// The writer thread and the one save it may have in flight.
#[derive(Default)]
pub struct Saver {
    jobs: Option<mpsc::Sender<Job>>,
    done: Option<mpsc::Receiver<Done>>,
    busy: bool,
}

impl Saver {
    /// A save is in flight.
    pub fn busy(&self) -> bool {
        self.busy
    }

    /// Starts saving the open session's content if it waits for a save and none is in
    /// flight. Returns whether a save started.
    pub fn start(&mut self, app: &mut App) -> bool {
        if self.busy {
            return false;
        }
        let Some(w) = app.wizard_mut() else { return false };
        if !w.dirty || w.read_only || w.discarded {
            return false;
        }
        let Some(file) = w.file.take() else { return false };
        w.session.updated_at = store::now();
        let job = Job { file, session: Box::new(w.session.clone()), carried: (w.dirty, w.cursor_moved) };
        w.dirty = false;
        w.cursor_moved = false;
        w.saving = true;
        let Saver { jobs, done, .. } = self;
        let jobs = jobs.get_or_insert_with(|| {
            let (jobs, finished) = spawn();
            *done = Some(finished);
            jobs
        });
        match jobs.send(job) {
            Ok(()) => {
                self.busy = true;
                true
            }
            // The writer is gone (it cannot be, short of a panic in it): save here instead.
            Err(mpsc::SendError(Job { mut file, session, carried })) => {
                self.jobs = None;
                let result = file.save(&session);
                apply(app, Done { file, result, carried });
                false
            }
        }
    }

    /// The save in flight, if it has finished: its result applied to `app`. Returns whether
    /// the words it carried are safe on disk (in the file or a conflict copy).
    pub fn poll(&mut self, app: &mut App) -> Option<bool> {
        if !self.busy {
            return None;
        }
        match self.done.as_ref()?.try_recv() {
            Ok(done) => {
                self.busy = false;
                Some(apply(app, done))
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => self.wait(app),
        }
    }

    /// Waits for the save in flight, if any, and applies its result.
    pub fn wait(&mut self, app: &mut App) -> Option<bool> {
        if !self.busy {
            return None;
        }
        self.busy = false;
        match self.done.as_ref().map(mpsc::Receiver::recv) {
            Some(Ok(done)) => Some(apply(app, done)),
            // The writer died with the file (a panic in it): the content stays marked
            // unsaved, and without a file the session is read-only from here.
            Some(Err(_)) | None => {
                self.jobs = None;
                if let Some(w) = app.wizard_mut() {
                    w.saving = false;
                    w.dirty = true;
                }
                let lost = "the save stopped half-way".to_string();
                crate::tui::update(app, crate::tui::Msg::Saved(crate::tui::msg::SaveReport::LockLost(lost)));
                Some(false)
            }
        }
    }
}

/// The writer thread: it saves each job it is sent and reports on the other channel.
fn spawn() -> (mpsc::Sender<Job>, mpsc::Receiver<Done>) {
    let (jobs, inbox) = mpsc::channel::<Job>();
    let (post, done) = mpsc::channel();
    thread::Builder::new()
        .name("firstmove-save".into())
        .spawn(move || {
            for Job { mut file, session, carried } in inbox {
                let result = file.save(&session);
                if post.send(Done { file, result, carried }).is_err() {
                    break;
                }
            }
        })
        .map(drop)
        .unwrap_or_default();
    (jobs, done)
}

/// Puts the file back and tells `update` how the save went; a save that did not land
/// marks what it carried as waiting again.
fn apply(app: &mut App, done: Done) -> bool {
    let Done { file, result, carried: (content, cursor) } = done;
    let Some(w) = app.wizard_mut() else { return false };
    w.saving = false;
    w.file = Some(file);
    let report = report_of(result);
    let landed = report.landed();
    if !landed {
        w.dirty |= content;
        w.cursor_moved |= cursor;
    }
    crate::tui::update(app, crate::tui::Msg::Saved(report));
    landed
}
