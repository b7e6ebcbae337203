//! The interactive wizard, in The Elm Architecture: one `App` model, `Msg`s in, a pure
//! `update`, `view` functions per screen. This module is the runtime around them: it owns
//! the terminal, turns events into messages and carries out the effects `update` asks for.

pub mod app;
pub mod dispatch;
pub mod field;
pub mod home;
pub mod keys;
pub mod msg;
pub mod overlays;
pub mod steps;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;

use std::path::PathBuf;

use anyhow::Result;
use ratatui::crossterm::event::{self, Event};

pub use app::App;
pub use msg::{Access, Effect, Msg};
pub use theme::Theme;
pub use update::update;

use crate::method::Session;
use crate::report;
use crate::store::{self, Store};

const SAVE_RETRY: std::time::Duration = std::time::Duration::from_secs(2);

/// What the wizard opens on.
pub enum Start {
    Home,
    New(Option<String>),
    Resume(String),
}

/// Runs the wizard; returns the path of the session open at exit, to print.
pub fn run(store: Store, start: Start) -> Result<Option<PathBuf>> {
    let mut app = App::new(Theme::from_env());
    // Anything that can fail before the first frame fails here, on a normal terminal.
    let first = match start {
        Start::Home => listed(&store),
        Start::New(name) => {
            let (path, s) = store.create(name.as_deref().unwrap_or(""))?;
            opened(path, s)
        }
        Start::Resume(arg) => {
            let path = store.resolve(&arg)?;
            let s = store::load(&path)?;
            opened(path, s)
        }
    };
    update(&mut app, first);
    let mut guard = terminal::TerminalGuard::new()?;
    if let Ok(size) = guard.terminal.size() {
        update(&mut app, Msg::Resize(size.width, size.height));
    }
    loop {
        guard.terminal.draw(|f| view::draw(f, &app))?;
        // A save that failed (disk full, folder gone) is retried every few seconds even if
        // nobody types, so it lands as soon as the disk can take it.
        let unsaved = app.wizard().is_some_and(|w| w.dirty && !w.read_only);
        if unsaved && !event::poll(SAVE_RETRY)? {
            autosave(&mut app);
            continue;
        }
        // Handle everything already queued before drawing again (a paste, fast typing).
        let mut ev = event::read()?;
        loop {
            let msg = match ev {
                Event::Key(k) => Some(Msg::Key(k)),
                Event::Paste(s) => Some(Msg::Paste(s)),
                Event::Resize(w, h) => Some(Msg::Resize(w, h)),
                _ => None,
            };
            if let Some(msg) = msg {
                for effect in update(&mut app, msg) {
                    let reply = perform(&store, &app, effect);
                    update(&mut app, reply);
                }
            }
            if app.quit || !event::poll(std::time::Duration::ZERO)? {
                break;
            }
            ev = event::read()?;
        }
        autosave(&mut app);
        if app.quit {
            break;
        }
    }
    drop(guard);
    Ok(app.wizard().map(|w| w.path.clone()))
}

/// A loaded session, with this process's lock on it if it can have one.
fn opened(path: PathBuf, session: Session) -> Msg {
    let access = match store::lock(&path) {
        Ok(Some(lock)) => Access::Owned(lock),
        Ok(None) => Access::ReadOnly,
        Err(_) => Access::Unlocked,
    };
    Msg::Opened(path, Box::new(session), access)
}

fn listed(store: &Store) -> Msg {
    let dir = store.dir().display().to_string();
    Msg::Listed(store.list().map_err(|e| e.to_string()), dir)
}

/// Saves the open session if anything changed since the last save.
pub fn autosave(app: &mut App) {
    let Some(w) = app.wizard_mut() else { return };
    if !w.dirty || w.read_only {
        return;
    }
    let reply = save_now(&w.path, &mut w.session);
    // On failure the session stays dirty, so the next change (or the retry) tries again.
    w.dirty = reply.is_err();
    update(app, Msg::Saved(reply));
}

/// Stamps and saves a session: the time it was saved ("12:03:04 UTC"), or the error.
fn save_now(path: &std::path::Path, session: &mut Session) -> Result<String, String> {
    session.updated_at = store::now();
    store::save(path, session)
        .map(|()| format!("{} UTC", &session.updated_at[11..19]))
        .map_err(|e| e.to_string())
}

/// Carries out one effect and reports back.
pub fn perform(store: &Store, app: &App, effect: Effect) -> Msg {
    match effect {
        Effect::ListSessions => listed(store),
        Effect::NewSession => match store.create("") {
            Ok((path, s)) => opened(path, s),
            Err(e) => Msg::Failed(e.to_string()),
        },
        Effect::Open(path) => match store::load(&path) {
            Ok(s) => opened(path, s),
            Err(e) => Msg::Failed(e.to_string()),
        },
        Effect::Delete(path) => match store.delete(&path) {
            Ok(()) => listed(store),
            Err(e) => Msg::Failed(e.to_string()),
        },
        Effect::Save(path, mut session) => Msg::Saved(save_now(&path, &mut session)),
        Effect::WriteReport => {
            let Some(w) = app.wizard() else { return Msg::Failed("no session is open".into()) };
            let stem = w.path.file_stem().unwrap_or_default().to_string_lossy();
            let path = w.path.with_file_name(format!("{stem}-report.md"));
            let text = report::markdown(&report::document(&w.session));
            match store::write_private(&path, text.as_bytes()) {
                Ok(()) => Msg::ReportWritten(Ok(path)),
                Err(e) => Msg::ReportWritten(Err(format!("cannot write {}: {e}", path.display()))),
            }
        }
    }
}

/// A default title for a session whose name is still blank.
pub fn display_name(name: &str) -> &str {
    if name.trim().is_empty() { "Untitled session" } else { name.trim() }
}
