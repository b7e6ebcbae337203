//! What `update` asks of the outside world, carried out: opening, listing, deleting and
//! saving sessions, writing reports. Each answers with a `Msg`.

use std::path::PathBuf;

use crate::method::Session;
use crate::report;
use crate::store::{self, LockStatus, SaveOutcome, SessionFile, Store, StoreError};
use crate::tui::app::Overlay;
use crate::tui::msg::{Access, Effect, Msg, SaveReport};
use crate::tui::{App, update};

/// A session's file, opened: writable through its `SessionFile`, or read-only with the
/// reason (another firstmove has it, its lock cannot be taken).
pub fn opened(file: SessionFile, session: Session) -> Msg {
    let path = file.path().to_path_buf();
    let access = match (file.lock_status(), file.read_only_reason()) {
        // The path is in the header already: say only why.
        (LockStatus::HeldElsewhere, Some(_)) => Access::ReadOnly("open in another firstmove".into()),
        (_, Some(reason)) => Access::ReadOnly(reason),
        (_, None) => Access::File(Box::new(file)),
    };
    Msg::Opened(path, Box::new(session), access)
}

pub fn listed(store: &Store) -> Msg {
    let dir = store.dir().display().to_string();
    Msg::Listed(store.list().map_err(|e| e.to_string()), dir)
}

/// Why a session file was not deleted, its name first (a write error's path is that file).
fn not_deleted(path: &std::path::Path, e: &StoreError) -> String {
    let file = path.file_name().unwrap_or_default().to_string_lossy();
    let why = match e {
        StoreError::Write { path: at, source } if at == path => source.to_string(),
        e => e.to_string(),
    };
    crate::sanitize::clean(&format!("{file} was not deleted: {why}")).into_owned()
}

/// Saves the open session through its file if anything is waiting to be saved: its
/// content, or (when `cursor_too`) only where the cursor is. `None` when there was nothing
/// to save; else whether the words are safe on disk (in the file or a conflict copy). The
/// footer is told either way; on failure the session stays dirty, so the next change (or
/// the retry) tries again.
pub fn save_open(app: &mut App, cursor_too: bool) -> Option<bool> {
    let w = app.wizard_mut()?;
    let waiting = w.dirty || (cursor_too && w.cursor_moved);
    // A read-only session with a file lost its lock while open: a save tries to take it
    // again (and says why it cannot). One opened read-only has no file and never saves.
    if !waiting || w.discarded {
        return None;
    }
    let file = w.file.as_mut()?;
    // A change (of content, or of step) stamps the session; a cursor move alone does not.
    // The file itself decides whether the content changed, for its backup.
    if w.dirty {
        w.session.updated_at = store::now();
    }
    let report = report_of(file.save(&w.session));
    let landed = report.landed();
    if landed {
        w.dirty = false;
        w.cursor_moved = false;
    }
    update(app, Msg::Saved(report));
    Some(landed)
}

/// What a save's result means for the footer.
pub fn report_of(result: Result<SaveOutcome, StoreError>) -> SaveReport {
    match result {
        Ok(SaveOutcome::Saved | SaveOutcome::Unchanged) => SaveReport::Saved(saved_at()),
        Ok(SaveOutcome::Conflict { copy }) => SaveReport::Conflict(copy),
        Err(e @ (StoreError::LockHeld { .. } | StoreError::Lock { .. })) => {
            SaveReport::LockLost(e.to_string())
        }
        Err(e) => SaveReport::Failed(e.to_string()),
    }
}

/// "12:03:04 UTC", for the footer.
fn saved_at() -> String {
    let now = store::now();
    format!("{} UTC", now.get(11..19).unwrap_or(&now))
}

/// The session the user leaves (or quits) is saved first, cursor included; leaving goes
/// ahead only if nothing would be lost. A failed save stops it (`update` opens the "not
/// saved" window).
pub fn finish_leaving(app: &mut App, store: &Store) {
    let Some(then) = app.leaving else { return };
    if save_open(app, true) == Some(false) {
        return;
    }
    if app.wizard().is_some_and(|w| w.unsaved()) {
        // Nothing could be written (the lock went to another process, so the session is
        // read-only now): ask again rather than go, or quietly stay.
        app.leaving = None;
        app.overlay = Some(Overlay::Unsaved { then });
        return;
    }
    dispatch(store, app, Msg::ReadyToLeave);
}

/// `msg` through `update`, and each effect it asks for through `perform`, its reply fed back.
/// (The loop's own version first waits for a save in flight: `runtime::apply`.)
pub fn dispatch(store: &Store, app: &mut App, msg: Msg) {
    for effect in update(app, msg) {
        let reply = perform(store, app, effect);
        update(app, reply);
    }
}

/// Carries out one effect and reports back.
pub fn perform(store: &Store, app: &mut App, effect: Effect) -> Msg {
    match effect {
        Effect::ListSessions => listed(store),
        Effect::NewSession(name) => match store.create_file(&name) {
            Ok((file, s)) => opened(file, s),
            Err(e) => Msg::Failed(e.to_string()),
        },
        Effect::Open(path) => match SessionFile::open(&path) {
            Ok((file, s)) => opened(file, s),
            Err(e) => Msg::Failed(e.to_string()),
        },
        Effect::Delete(path) => match store.delete(&path) {
            Err(e) => Msg::Failed(not_deleted(&path, &e)),
            // What stayed of it (its backups, its reports) is said; the session is gone.
            Ok(left) => {
                let dir = store.dir().display().to_string();
                let listed = store.list().map_err(|e| e.to_string());
                Msg::Deleted { path, trouble: left.map(|e| e.to_string()), listed, dir }
            }
        },
        Effect::SaveAs(path) => {
            let Some(w) = app.wizard() else { return Msg::SavedAs(Err("no session is open".into())) };
            let path = expand_home(path);
            match store::save_as(&w.session, &path) {
                Ok(()) => Msg::SavedAs(Ok(path)),
                Err(e) => Msg::SavedAs(Err(e.to_string())),
            }
        }
        Effect::Reload => {
            let Some(file) = app.wizard_mut().and_then(|w| w.file.as_mut()) else {
                return Msg::Reloaded(Err("no session file is open".into()));
            };
            Msg::Reloaded(file.reload().map(Box::new).map_err(|e| e.to_string()))
        }
        Effect::Overwrite => {
            let Some(w) = app.wizard_mut() else { return Msg::Failed("no session is open".into()) };
            let Some(file) = w.file.as_mut() else { return Msg::Failed("no session file is open".into()) };
            match file.overwrite(&w.session) {
                Ok(_) => {
                    w.conflict = None;
                    w.dirty = false;
                    w.cursor_moved = false;
                    Msg::Saved(SaveReport::Saved(saved_at()))
                }
                Err(e) => Msg::Saved(SaveReport::Failed(e.to_string())),
            }
        }
        Effect::NextCycle => {
            // This cycle is saved first: its last check-in must be on disk before the next
            // cycle says it followed it.
            if save_open(app, true) == Some(false) {
                return Msg::Failed("The next cycle was not started: this session is not saved.".into());
            }
            let Some(w) = app.wizard() else { return Msg::Failed("no session is open".into()) };
            // A cycle has one next cycle: the one in the folder is opened, never doubled. One
            // the wizard did not know of yet is only said, so the team sees it before opening.
            match (&w.next_cycle, store.next_cycle_of(&w.session.id)) {
                (Some(_), Ok(Some((path, _)))) => match SessionFile::open(&path) {
                    Ok((file, s)) => opened(file, s),
                    Err(e) => Msg::Failed(e.to_string()),
                },
                (_, Ok(Some(found))) => Msg::NextCycleFound(Some(found)),
                (_, Ok(None)) => match store.create_next_cycle(&w.session) {
                    Ok((file, s)) => opened(file, s),
                    Err(e) => Msg::Failed(e.to_string()),
                },
                (_, Err(e)) => Msg::Failed(e.to_string()),
            }
        }
        Effect::FindNextCycle => {
            let Some(w) = app.wizard() else { return Msg::NextCycleFound(None) };
            Msg::NextCycleFound(store.next_cycle_of(&w.session.id).ok().flatten())
        }
        Effect::WriteReport => {
            let Some(w) = app.wizard() else { return Msg::Failed("no session is open".into()) };
            // Beside the session; a file of that name firstmove did not write is never
            // replaced: the report then goes to the next free name, which the footer shows.
            let text = report::markdown(&report::document(&w.session));
            Msg::ReportWritten(store::write_report(&w.path, &text).map_err(|e| e.to_string()))
        }
    }
}

/// `~/x.json` as a shell would read it: people type paths that way.
fn expand_home(path: PathBuf) -> PathBuf {
    match (path.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(d)) => d.home_dir().join(rest),
        _ => path,
    }
}
