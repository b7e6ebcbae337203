//! An open session's file: what this process last wrote or loaded, its lock, its backups.

use std::hash::Hasher;
use std::io;
use std::path::{Path, PathBuf};

use super::fsx::{self, MAX_SESSION_BYTES};
use super::lock::{SessionLock, lock};
use super::{Result, Store, StoreError, backup_path, parse_versioned, to_json};
use crate::method::Session;

/// What a file held: its length and a hash of its bytes. Two fingerprints differ when the
/// bytes do (modification times are too coarse to tell two quick writes apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub hash: u64,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        // std's hasher with fixed keys: the same bytes give the same hash in this build.
        let mut h = std::hash::DefaultHasher::new();
        h.write(bytes);
        Fingerprint { len: bytes.len() as u64, hash: h.finish() }
    }
}

/// What [`SessionFile::save`] did. Only `Saved` means the session file now holds the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// The session file was replaced with this session.
    Saved,
    /// The file already holds exactly this session: nothing was written.
    Unchanged,
    /// The file changed on disk since this process last wrote or loaded it (a hand edit, a
    /// `git pull`, another writer). It was left as it is; this session was written to `copy`
    /// instead. Reload theirs ([`SessionFile::reload`]) or replace it
    /// ([`SessionFile::overwrite`]); until then each save updates the same copy.
    Conflict { copy: PathBuf },
}

/// Whether this process may write the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockStatus {
    /// This process holds the session's lock.
    Held,
    /// The file system has no locks: saves go ahead, unguarded.
    Unsupported,
    /// Another firstmove holds the lock: read-only.
    HeldElsewhere,
    /// The lock cannot be taken, for the reason given: read-only.
    Unavailable(String),
}

/// An open session's file. It knows the bytes this process last wrote or loaded, so a save
/// never silently replaces a file someone else changed; it holds the session's lock and takes
/// it again if it was lost; it rotates `NAME.json.bak` only when the content changed.
#[derive(Debug)]
pub struct SessionFile {
    path: PathBuf,
    lock: Option<SessionLock>,
    status: LockStatus,
    /// The bytes this process last wrote to or loaded from `path`.
    disk: Option<Fingerprint>,
    /// The content (without cursor and `updated_at`) of what was last written or loaded.
    content: Option<u64>,
    /// A file upgraded from an older schema: its version and original bytes, kept as
    /// `NAME.json.vN.bak` before the first save rewrites it.
    original: Option<(u64, Vec<u8>)>,
    /// The conflict copy this process is writing to, and what it last wrote there.
    conflict: Option<(PathBuf, Fingerprint)>,
}

/// Where the session file's content is, compared with what this process expects.
enum OnDisk {
    Absent,
    Ours,
    Theirs,
}

impl SessionFile {
    /// Loads the session at `path` and takes its lock if it can (see [`Self::lock_status`]).
    /// Stale temp files of dead processes in its folder are cleaned first.
    pub fn open(path: &Path) -> Result<(SessionFile, Session)> {
        fsx::clean_stale_temps(fsx::parent(path));
        let mut file = SessionFile {
            path: path.to_path_buf(),
            lock: None,
            status: LockStatus::Unavailable(String::new()),
            disk: None,
            content: None,
            original: None,
            conflict: None,
        };
        let session = file.load()?;
        let _ = file.relock();
        Ok((file, session))
    }

    /// A file `Store::create` has just written, with its lock taken.
    pub(crate) fn created(path: PathBuf, bytes: &str) -> SessionFile {
        let mut file = SessionFile {
            path,
            lock: None,
            status: LockStatus::Unavailable(String::new()),
            disk: Some(Fingerprint::of(bytes.as_bytes())),
            content: Some(content_hash(bytes)),
            original: None,
            conflict: None,
        };
        let _ = file.relock();
        file
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn lock_status(&self) -> &LockStatus {
        &self.status
    }

    /// Why this session must be opened read-only, if it must: another firstmove has it, or
    /// its lock cannot be taken (with the reason).
    pub fn read_only_reason(&self) -> Option<String> {
        match &self.status {
            LockStatus::Held | LockStatus::Unsupported => None,
            LockStatus::HeldElsewhere => {
                Some(format!("{} is open in another firstmove", self.path.display()))
            }
            LockStatus::Unavailable(reason) => Some(reason.clone()),
        }
    }

    /// The bytes this process last wrote or loaded.
    pub fn fingerprint(&self) -> Option<Fingerprint> {
        self.disk
    }

    /// The conflict copy saves go to, while the file on disk is someone else's.
    pub fn conflict(&self) -> Option<&Path> {
        self.conflict.as_ref().map(|(p, _)| p.as_path())
    }

    /// Does `s` differ from what was last written or loaded in anything but the cursor and
    /// `updated_at`? A caller can use it to stamp `updated_at` and to save a cursor-only
    /// change later (with the next content change, on a step change, on quit). It
    /// serialises `s`, as a save does.
    pub fn content_changed(&self, s: &Session) -> bool {
        self.content != Some(content_hash(&to_json(s)))
    }

    /// Tries to hold the session's lock now, keeping the one held if it is still valid.
    pub fn relock(&mut self) -> Result<()> {
        if self.lock.as_ref().is_some_and(SessionLock::is_current) {
            self.status = LockStatus::Held;
            return Ok(());
        }
        // A lock on a lock file that is no longer at its name guards nothing.
        self.lock = None;
        match lock(&self.path) {
            Ok(Some(l)) => {
                self.lock = Some(l);
                self.status = LockStatus::Held;
                Ok(())
            }
            Ok(None) => {
                self.status = LockStatus::HeldElsewhere;
                Err(StoreError::LockHeld { path: self.path.clone() })
            }
            Err(StoreError::LockUnsupported { .. }) => {
                self.status = LockStatus::Unsupported;
                Ok(())
            }
            Err(e) => {
                self.status = LockStatus::Unavailable(e.to_string());
                Err(e)
            }
        }
    }

    /// Saves `s` to the session file, never silently replacing a file changed by someone
    /// else (see [`SaveOutcome`]).
    ///
    /// Before writing it re-creates a vanished folder (0700) and re-takes a lost lock; if
    /// another process holds the lock, or the lock cannot be taken, nothing is written and
    /// the error says why. `NAME.json.bak` is rotated, atomically, only when the content
    /// changed, so it is the version before the last content change; a file upgraded from an
    /// older schema is first kept as `NAME.json.vN.bak` (`NAME.json.vN.1.bak`… if that name
    /// holds anything else; no save if no name is free).
    pub fn save(&mut self, s: &Session) -> Result<SaveOutcome> {
        self.write(s, false)
    }

    /// Saves `s` over whatever the session file holds now, on the user's say-so after a
    /// conflict. What was there is kept as `NAME.json.bak`.
    pub fn overwrite(&mut self, s: &Session) -> Result<SaveOutcome> {
        self.write(s, true)
    }

    /// Adopts the file as it is on disk now (theirs, after a conflict): loads it, and later
    /// saves compare against it. The conflict copy stays where it is.
    pub fn reload(&mut self) -> Result<Session> {
        let session = self.load()?;
        let _ = self.relock();
        Ok(session)
    }

    /// Writes `s` to another file, which must not exist yet (see [`super::save_as`]).
    pub fn save_as(&self, s: &Session, path: &Path) -> Result<()> {
        super::save_as(s, path)
    }

    fn load(&mut self) -> Result<Session> {
        let bytes = fsx::read_regular(&self.path)?;
        let (session, migrated) = parse_versioned(&self.path, &bytes)?;
        self.disk = Some(Fingerprint::of(&bytes));
        self.content = Some(content_hash(&to_json(&session)));
        self.original = migrated.map(|v| (v, bytes));
        self.conflict = None;
        Ok(session)
    }

    fn write(&mut self, s: &Session, force: bool) -> Result<SaveOutcome> {
        let bytes = to_json(s);
        let path = self.path.clone();
        let err = |source| StoreError::Write { path: path.clone(), source };
        if bytes.len() as u64 > MAX_SESSION_BYTES {
            return Err(StoreError::TooLargeToSave { path: self.path.clone(), size: bytes.len() as u64 });
        }
        Store::new(fsx::parent(&self.path)).ensure()?;
        self.relock()?;
        let new = Fingerprint::of(bytes.as_bytes());
        let on_disk = match fsx::read_regular(&self.path) {
            Ok(b) if Some(Fingerprint::of(&b)) == self.disk => OnDisk::Ours,
            Ok(_) | Err(StoreError::TooLarge { .. }) => OnDisk::Theirs,
            Err(StoreError::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                OnDisk::Absent
            }
            Err(e) => return Err(e),
        };
        match on_disk {
            OnDisk::Theirs if !force => {
                return self.write_conflict(bytes.as_bytes()).map(|copy| SaveOutcome::Conflict { copy });
            }
            OnDisk::Ours if Some(new) == self.disk => {
                self.conflict = None;
                return Ok(SaveOutcome::Unchanged);
            }
            _ => {}
        }
        if let Some((version, original)) = &self.original {
            let dir = fsx::parent(&self.path);
            let stem = format!("{}.v{version}", fsx::file_name(&self.path));
            // The file on disk is the original only if it is still ours.
            let source = matches!(on_disk, OnDisk::Ours).then_some(self.path.as_path());
            fsx::keep_original(source, dir, &stem, original)
                .map_err(|source| StoreError::Write { path: dir.join(format!("{stem}.bak")), source })?;
            self.original = None;
        }
        let content = content_hash(&bytes);
        if (force || self.content != Some(content)) && !matches!(on_disk, OnDisk::Absent) {
            let bak = backup_path(&self.path);
            match fsx::rotate_backup(&self.path, &bak) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(super::backup_error(&bak, e)),
                _ => {}
            }
        }
        fsx::replace(&self.path, bytes.as_bytes()).map_err(err)?;
        self.disk = Some(new);
        self.content = Some(content);
        self.conflict = None;
        Ok(SaveOutcome::Saved)
    }

    /// Writes `bytes` to this session's conflict copy: the one already in use if it still
    /// holds what this process wrote there, else a new `NAME.conflict-TIME.json`, created
    /// exclusively and private.
    fn write_conflict(&mut self, bytes: &[u8]) -> Result<PathBuf> {
        let new = Fingerprint::of(bytes);
        if let Some((copy, last)) = &self.conflict {
            match fsx::read_regular(copy) {
                Ok(b) if Fingerprint::of(&b) == *last => {
                    if new != *last {
                        fsx::replace(copy, bytes)
                            .map_err(|source| StoreError::Write { path: copy.clone(), source })?;
                    }
                    let copy = copy.clone();
                    self.conflict = Some((copy.clone(), new));
                    return Ok(copy);
                }
                _ => {}
            }
        }
        let stem = self.path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let stamp: String = super::now().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let dir = fsx::parent(&self.path);
        let names = (1..1000).map(|n| {
            dir.join(match n {
                1 => format!("{stem}.conflict-{stamp}.json"),
                n => format!("{stem}.conflict-{stamp}-{n}.json"),
            })
        });
        match fsx::first_free(names, |copy| fsx::create_new(copy, bytes)) {
            Ok(Some((copy, ()))) => {
                self.conflict = Some((copy.clone(), new));
                Ok(copy)
            }
            Ok(None) => Err(StoreError::Write {
                path: self.path.clone(),
                source: io::Error::new(io::ErrorKind::AlreadyExists, "no free name for a conflict copy"),
            }),
            Err((copy, source)) => Err(StoreError::Write { path: copy, source }),
        }
    }
}

/// A hash of a saved session's content: its JSON without `updated_at` and `cursor`, which
/// change on every save and every move. `to_json` writes top-level fields in a fixed order,
/// two spaces in, so the two are the lines from `"updated_at"` up to `"gate"`; text in the
/// fields cannot contain those lines (a string's newlines are escaped).
pub(crate) fn content_hash(json: &str) -> u64 {
    let bytes = json.as_bytes();
    let mut h = std::hash::DefaultHasher::new();
    match json.find("\n  \"updated_at\": ").zip(json.find("\n  \"gate\": ")) {
        Some((a, b)) if a < b => {
            h.write(&bytes[..a]);
            h.write(&bytes[b..]);
        }
        _ => h.write(bytes),
    }
    h.finish()
}
