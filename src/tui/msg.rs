//! What can happen to the app (messages in) and what it asks the runtime to do (effects out).

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::method::Session;
use crate::store::{Listed, SessionLock};

/// How a session was opened.
#[derive(Debug)]
pub enum Access {
    /// This process holds the session's lock: edits are saved.
    Owned(SessionLock),
    /// Another firstmove holds it: look, but nothing is changed or saved.
    ReadOnly,
    /// No lock could be taken (the folder does not support locks): edits are saved, unguarded.
    Unlocked,
}

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// The terminal's new size (columns, rows): scroll limits depend on it.
    Resize(u16, u16),
    /// The sessions folder was read.
    Listed(Result<Vec<Listed>, String>, String),
    /// A session was created or loaded.
    Opened(PathBuf, Box<Session>, Access),
    /// The last save ended: `Ok(time)` or the error to show.
    Saved(Result<String, String>),
    ReportWritten(Result<PathBuf, String>),
    /// Something the runtime tried failed; shown in the footer.
    Failed(String),
}

/// Work `update` hands to the runtime, which answers with a `Msg`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save a session that is being closed (the open one is saved whenever it is dirty).
    Save(PathBuf, Box<Session>),
    ListSessions,
    NewSession,
    Open(PathBuf),
    Delete(PathBuf),
    WriteReport,
}
