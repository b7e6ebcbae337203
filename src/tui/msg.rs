//! What can happen to the app (messages in) and what it asks the runtime to do (effects out).

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::method::Session;
use crate::store::{Listed, SessionFile};

/// How a session was opened.
#[derive(Debug)]
pub enum Access {
    /// Its file, with the lock held (or a folder without locks): edits are saved through it.
    File(Box<SessionFile>),
    /// Look, but nothing is changed or saved: the reason is shown (another firstmove has it,
    /// or its lock cannot be taken).
    ReadOnly(String),
    /// No file behind it (tests, benches): nothing is saved.
    Detached,
}

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// The terminal's new size (columns, rows): scroll limits depend on it.
    Resize(u16, u16),
    /// The sessions folder was read.
    Listed(Result<Vec<Listed>, String>, String),
    /// A session file was deleted, and the folder read again (`listed` and `dir` as in
    /// `Listed`); `trouble`: what went wrong after the file went (its backups, its reports).
    Deleted {
        path: PathBuf,
        trouble: Option<String>,
        listed: Result<Vec<Listed>, String>,
        dir: String,
    },
    /// The sessions folder's files were found, not read yet (`Listed` follows).
    Found(crate::store::PathList, String),
    /// A session was created or loaded.
    Opened(PathBuf, Box<Session>, Access),
    /// The open session's save ended.
    Saved(SaveReport),
    /// "Save elsewhere" ended: the file written, or the error.
    SavedAs(Result<PathBuf, String>),
    /// After a conflict, the file as it is on disk now (theirs), or why it cannot be read.
    Reloaded(Result<Box<Session>, String>),
    ReportWritten(Result<PathBuf, String>),
    /// The runtime saved what there was to save for `App::leaving`: go.
    ReadyToLeave,
    /// The open session's next cycle in the folder (file and name), or that there is none.
    NextCycleFound(Option<(PathBuf, String)>),
    /// Something the runtime tried failed; shown in the footer.
    Failed(String),
    /// The clock, in seconds since the epoch (the runtime's real time; tests pass their own):
    /// the timebox counts from one tick to the next.
    Tick(u64),
    /// From `firstmove serve`: a participant joined, left or voted; the server started.
    Remote(crate::serve::Remote),
}

/// How a save of the open session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveReport {
    /// On disk, at this time ("12:03:04 UTC").
    Saved(String),
    /// The file was changed by someone else: theirs is left in place, ours is in `copy`.
    Conflict(PathBuf),
    /// Nothing was written: the reason (disk full, folder gone…). Saving is retried.
    Failed(String),
    /// Another process has taken the session: nothing was written and nothing more will be.
    LockLost(String),
}

impl SaveReport {
    /// The words are safe on disk: in the session's file, or beside it in a conflict copy.
    pub fn landed(&self) -> bool {
        matches!(self, SaveReport::Saved(_) | SaveReport::Conflict(_))
    }
}

/// Why the wizard is closing the open session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    /// Quit the program.
    Quit,
    /// Back to the session list.
    Home,
}

/// Work `update` hands to the runtime, which answers with a `Msg`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    ListSessions,
    /// Create a session with this name (its file is named after it) and open it.
    NewSession(String),
    Open(PathBuf),
    Delete(PathBuf),
    WriteReport,
    /// Write the open session to this new file (the way out when its own file cannot be saved).
    SaveAs(PathBuf),
    /// Adopt the file as it is on disk (theirs), after a conflict.
    Reload,
    /// Save ours over theirs, after a conflict, on the user's say-so.
    Overwrite,
    /// Save the open session, then create its next cycle (a new linked session) and open it;
    /// or, when the folder has it already, open that one.
    NextCycle,
    /// Look in the folder for the open session's next cycle (`Msg::NextCycleFound`).
    FindNextCycle,
}
