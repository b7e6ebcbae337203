//! The interactive wizard, in The Elm Architecture: one `App` model, `Msg`s in, a pure
//! `update`, `view` functions per screen. This module is the runtime around them: it owns
//! the terminal, turns events into messages and carries out the effects `update` asks for.

pub mod app;
pub mod form;
pub mod keys;
pub mod msg;
pub mod runtime;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

pub use app::App;
pub use msg::{Access, Effect, Msg};
pub use theme::Theme;
pub use update::update;

use crate::method::Session;
use crate::report;
use crate::store::{self, Store};
use runtime::End;
use runtime::input::Input;

/// What the wizard opens on.
pub enum Start {
    Home,
    New(Option<String>),
    Resume(String),
}

/// Runs the wizard; returns the path of the session open at exit, to print (`None` when
/// there is nothing to print: no session open, or no terminal left to print on).
///
/// Whatever ends it (quitting, SIGTERM/SIGHUP/SIGINT, the terminal hanging up, an error
/// drawing or reading), the open session is saved first and the terminal restored. A signal
/// then ends the process here, with status 128 + the signal's number and a line on stderr.
/// A last save that fails is an error, so the exit line never claims a save that did not
/// happen.
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
    // Caught before the terminal turns raw, so that no signal can leave it raw.
    let signals = runtime::signals::Signals::install()?;
    let mut input = runtime::input::Terminal::new();
    let mut guard = terminal::TerminalGuard::new()?;
    let end = runtime::drive(
        &mut app,
        &store,
        &mut input,
        |app| guard.terminal.draw(|f| view::draw(f, app)).map(drop),
        || signals.caught(),
    );
    let saved = save_at_exit(&mut app);
    drop(guard);
    let end = signals.caught().map_or(end, End::Signal);
    let path = app.wizard().map(|w| w.path.clone());
    match end {
        End::Quit => saved.map(|()| path),
        End::Signal(sig) => {
            let why = format!("firstmove: ended by {}", runtime::signals::name(sig));
            let line = match (&saved, &path) {
                (Err(e), _) => format!("{why}; {e:#}"),
                (Ok(()), Some(p)) => format!("{why}; session saved in {}", p.display()),
                (Ok(()), None) => why,
            };
            // The terminal may be gone (SIGHUP): a failed write must not stop the exit.
            let _ = writeln!(std::io::stderr(), "{}", printable(&line));
            drop(app); // releases the session's lock
            std::process::exit(128 + sig);
        }
        // The terminal is gone: nobody is left to read an exit line.
        End::Closed => saved.map(|()| None),
        End::Failed(_) if input.closed() => saved.map(|()| None),
        End::Failed(e) => {
            saved?;
            Err(anyhow::Error::new(e).context("the terminal failed"))
        }
    }
}

/// The last save before exit: an error says what was not saved.
fn save_at_exit(app: &mut App) -> Result<()> {
    match save_open(app) {
        Some(Err(e)) => {
            let path = app.wizard().map(|w| w.path.display().to_string()).unwrap_or_default();
            Err(anyhow::anyhow!(printable(&format!("the last changes to {path} were NOT saved: {e}"))))
        }
        _ => Ok(()),
    }
}

/// A message with control characters shown as `?`: a file or folder name in it cannot drive
/// the terminal.
fn printable(message: &str) -> String {
    message.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
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
    save_open(app);
}

/// Saves the open session if it has unsaved changes and is not read-only: `None` if there
/// was nothing to save, else whether the save landed. The footer is told either way; on
/// failure the session stays dirty, so the next change (or the retry) tries again.
fn save_open(app: &mut App) -> Option<Result<(), String>> {
    let w = app.wizard_mut()?;
    if !w.dirty || w.read_only {
        return None;
    }
    let reply = save_now(&w.path, &mut w.session);
    w.dirty = reply.is_err();
    let landed = reply.as_ref().map(drop).map_err(Clone::clone);
    update(app, Msg::Saved(reply));
    Some(landed)
}

/// Stamps and saves a session: the time it was saved ("12:03:04 UTC"), or the error.
fn save_now(path: &Path, session: &mut Session) -> Result<String, String> {
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
