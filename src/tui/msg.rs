//! What can happen to the app (messages in) and what it asks the runtime to do (effects out).

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::method::Session;
use crate::store::Listed;

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize,
    /// The sessions folder was read.
    Listed(Result<Vec<Listed>, String>, String),
    /// A session was created or loaded.
    Opened(PathBuf, Box<Session>),
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
