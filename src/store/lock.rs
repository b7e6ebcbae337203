//! One writer per session: an advisory lock on a hidden file beside it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::fsx;
use super::{Result, StoreError};

/// Holds a session for one firstmove process: an advisory lock on `.NAME.json.lock`. The
/// operating system releases it when the process exits, however it exits.
#[derive(Debug)]
pub struct SessionLock {
    file: fs::File,
    path: PathBuf,
}

impl SessionLock {
    /// The lock file this lock is held on.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Is the lock file at its name still the one this lock is held on? Not if the folder
    /// or the lock file was deleted (and perhaps made again): then another process could
    /// take a lock of its own, and this one guards nothing.
    pub fn is_current(&self) -> bool {
        let Ok(on_disk) = fs::symlink_metadata(&self.path) else { return false };
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let Ok(held) = self.file.metadata() else { return false };
            on_disk.is_file() && on_disk.dev() == held.dev() && on_disk.ino() == held.ino()
        }
        #[cfg(not(unix))]
        on_disk.is_file()
    }
}

pub fn lock_path(path: &Path) -> PathBuf {
    path.with_file_name(format!(".{}.lock", fsx::file_name(path)))
}

/// Takes the lock of the session at `path`.
///
/// `Ok(Some)`: this process holds it. `Ok(None)`: another process holds it (open the session
/// read-only). `Err(StoreError::Lock)`: it cannot be taken, and the error says why (the
/// lock's name is a directory, a FIFO or a symbolic link; the folder is not writable): do not
/// write either. `Err(StoreError::LockUnsupported)`: the file system has no locks at all.
///
/// The lock file is created 0600 without following a symbolic link and without blocking,
/// and is used only if it is a regular file: whatever else sits at its name means "cannot
/// lock", never two writers.
pub fn lock(path: &Path) -> Result<Option<SessionLock>> {
    let lp = lock_path(path);
    let cannot = |reason: String| StoreError::Lock { path: path.into(), reason };
    let mut o = fs::OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    if let Some(e) = fsx::not_regular(&lp) {
        return Err(cannot(e.to_string()));
    }
    let file = match o.open(&lp) {
        Ok(f) => f,
        Err(e) => {
            let reason = fsx::not_regular(&lp).map_or_else(|| format!("{}: {e}", lp.display()), not_a_lock);
            return Err(cannot(reason));
        }
    };
    let meta = file.metadata().map_err(|e| cannot(format!("{}: {e}", lp.display())))?;
    if !meta.is_file() {
        let kind = fsx::kind_of(&meta.file_type());
        return Err(cannot(not_a_lock(StoreError::NotRegular { path: lp, kind })));
    }
    match file.try_lock() {
        Ok(()) => Ok(Some(SessionLock { file, path: lp })),
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(e)) if unsupported(&e) => {
            Err(StoreError::LockUnsupported { path: path.into(), source: e })
        }
        Err(fs::TryLockError::Error(e)) => Err(cannot(format!("{}: {e}", lp.display()))),
    }
}

/// Why what is at the lock's name cannot be the lock: it is the lock file that is not
/// regular, not a session file (a link, wherever it leads, included).
fn not_a_lock(e: StoreError) -> String {
    const GOES: &str = "where the session's lock file goes (it must be a regular file)";
    match e {
        StoreError::NotRegular { path, kind } => format!("{} is {kind}, {GOES}", path.display()),
        StoreError::Symlink { path, target, to } => {
            format!("{} is a symbolic link to {}{}, {GOES}", path.display(), target.display(), to.which())
        }
        other => other.to_string(),
    }
}

fn unsupported(e: &io::Error) -> bool {
    #[cfg(unix)]
    if matches!(e.raw_os_error(), Some(libc::ENOLCK | libc::EOPNOTSUPP)) {
        return true;
    }
    e.kind() == io::ErrorKind::Unsupported
}
