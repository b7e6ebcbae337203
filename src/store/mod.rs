//! Where sessions live and how they are read and written.
//!
//! One pretty-printed JSON file per session in the sessions folder. Saving is atomic
//! (temp file, fsync, rename) and keeps the version before the last content change as
//! `NAME.json.bak`; a file that cannot be read is reported, never overwritten. An open
//! session is a [`SessionFile`]: it holds the lock and knows what it last wrote, so a file
//! changed by someone else is never silently replaced. What firstmove promises about your
//! files, and the test proving each promise: docs/guarantees.md.

mod file;
mod fsx;
mod lock;
mod migrate;
mod slug;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::method::validate::validate;
use crate::method::{ConstraintId, Route, SCHEMA_VERSION, Session, Step, recommend};

pub use file::{Fingerprint, LockStatus, SaveOutcome, SessionFile};
pub use fsx::MAX_SESSION_BYTES;
pub use lock::{SessionLock, lock, lock_path};
pub use slug::slug;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}:{line}:{column}: not valid JSON: {message}", path.display())]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{}:{line}:{column}: {field}: {message}", path.display())]
    Shape { path: PathBuf, field: String, line: usize, column: usize, message: String },
    #[error("{}: {field}: {message}", path.display())]
    Invalid { path: PathBuf, field: String, message: String },
    #[error(
        "{} was made by a newer firstmove (schema version {found}; this one reads up to {SCHEMA_VERSION}): update firstmove to open it",
        path.display()
    )]
    TooNew { path: PathBuf, found: u64 },
    #[error("cannot save {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("no session called {name:?} in {}  (see `firstmove list`)", dir.display())]
    NotFound { name: String, dir: PathBuf },
    #[error(
        "{} sessions are called {name:?}: {}; pass the file name instead",
        files.len(),
        files.iter().map(|f| f.file_name().unwrap_or_default().to_string_lossy()).collect::<Vec<_>>().join(", ")
    )]
    Ambiguous { name: String, files: Vec<PathBuf> },
    #[error(
        "{} is a symbolic link (to {}); firstmove does not follow links in its sessions folder: put the file itself there",
        path.display(),
        target.display()
    )]
    Symlink { path: PathBuf, target: PathBuf },
    #[error("{} is {kind}, not a session file", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error(
        "{} is {:.1} MB; a session file may be at most {} MiB",
        path.display(),
        *size as f64 / 1e6,
        MAX_SESSION_BYTES >> 20
    )]
    TooLarge { path: PathBuf, size: u64 },
    #[error(
        "cannot save {}: the session would be {:.1} MB, more than the {} MiB a session file may be; shorten the longest texts",
        path.display(),
        *size as f64 / 1e6,
        MAX_SESSION_BYTES >> 20
    )]
    TooLargeToSave { path: PathBuf, size: u64 },
    #[error("not saved: {} is open in another firstmove", path.display())]
    LockHeld { path: PathBuf },
    #[error("cannot lock {}: {reason}", path.display())]
    Lock { path: PathBuf, reason: String },
    #[error("cannot lock {}: this file system has no locks ({source})", path.display())]
    LockUnsupported { path: PathBuf, source: io::Error },
    #[error("no data folder could be found for this user: pass --dir or set FIRSTMOVE_DIR")]
    NoHome,
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The current time as the RFC 3339 UTC text sessions store.
pub fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

/// A random 16-hex-digit id (std's hasher is randomly seeded per process).
pub fn new_id() -> String {
    format!("{:016x}", fsx::random())
}

/// Reads, migrates and validates a session file. Never follows a symbolic link, never
/// blocks (a FIFO is refused, not waited on), refuses anything but a regular file and
/// anything over [`MAX_SESSION_BYTES`].
pub fn load(path: &Path) -> Result<Session> {
    parse(path, &fsx::read_regular(path)?)
}

/// Parses a session document; `path` only names it in errors. A UTF-8 byte-order mark
/// at the start is skipped (positions in errors count from after it).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Session> {
    parse_versioned(path, bytes).map(|(s, _)| s)
}

/// Parses a session document; also says which older schema version it was upgraded from.
fn parse_versioned(path: &Path, bytes: &[u8]) -> Result<(Session, Option<u64>)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let syntax = |e: serde_json::Error| StoreError::Syntax {
        path: path.into(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    };
    let invalid = |field: &str, message: String| StoreError::Invalid {
        path: path.into(),
        field: field.into(),
        message,
    };
    // The common case, a current file, is parsed once, straight into a Session. Anything
    // else takes the careful path: read the version, migrate, or name the failing field.
    let current = u64::from(SCHEMA_VERSION);
    let mut migrated = None;
    let mut session: Session = match serde_json::from_slice::<Session>(bytes) {
        Ok(s) if u64::from(s.schema_version) == current => s,
        Err(e) if e.is_syntax() || e.is_eof() => return Err(syntax(e)),
        _ => {
            #[derive(serde::Deserialize)]
            struct Version {
                schema_version: Option<serde_json::Value>,
            }
            let version = match serde_json::from_slice::<Version>(bytes) {
                Ok(Version { schema_version: Some(v) }) => v
                    .as_u64()
                    .ok_or_else(|| invalid("schema_version", format!("{v} is not a version number")))?,
                Ok(Version { schema_version: None }) => {
                    return Err(invalid("schema_version", "is missing".into()));
                }
                Err(_) => return Err(invalid("(document)", "a session file holds a JSON object".into())),
            };
            if version > current {
                return Err(StoreError::TooNew { path: path.into(), found: version });
            }
            if version == current {
                // Read again with path tracking to name the field; the text gives line and column.
                let de = &mut serde_json::Deserializer::from_slice(bytes);
                serde_path_to_error::deserialize(de).map_err(|e| shape(path, e))?
            } else {
                let mut doc: serde_json::Value = serde_json::from_slice(bytes).map_err(syntax)?;
                migrate::migrate(&mut doc, version).map_err(|m| invalid("schema_version", m))?;
                migrated = Some(version);
                serde_path_to_error::deserialize(doc).map_err(|e| shape(path, e))?
            }
        }
    };
    validate(&mut session).map_err(|e| invalid(&e.field, e.message))?;
    Ok((session, migrated))
}

fn shape(path: &Path, e: serde_path_to_error::Error<serde_json::Error>) -> StoreError {
    let field = e.path().to_string();
    let inner = e.into_inner();
    StoreError::Shape {
        path: path.into(),
        field,
        line: inner.line(),
        column: inner.column(),
        message: strip_position(&inner.to_string()),
    }
}

/// serde_json appends " at line L column C"; we print the position ourselves.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// The JSON text a session is saved as: pretty, fields in declaration order, newline-terminated.
pub fn to_json(s: &Session) -> String {
    let mut out = serde_json::to_string_pretty(s).expect("a session always serialises");
    out.push('\n');
    out
}

/// Atomically replaces `path` with `s`, for a caller that keeps no [`SessionFile`].
///
/// The previous file becomes `path.bak` only if its content (not just the cursor or
/// `updated_at`) differs, and the rotation is atomic. A vanished folder is created again,
/// private. A symbolic link or anything but a regular file at `path` is refused, never
/// replaced or followed. Prefer [`SessionFile::save`], which also re-takes the lock and
/// never overwrites a file someone else changed.
pub fn save(path: &Path, s: &Session) -> Result<()> {
    let bytes = to_json(s);
    let err = |source| StoreError::Write { path: path.into(), source };
    if bytes.len() as u64 > MAX_SESSION_BYTES {
        return Err(StoreError::TooLargeToSave { path: path.into(), size: bytes.len() as u64 });
    }
    Store::new(fsx::parent(path)).ensure()?;
    let rotate = match fsx::read_regular(path) {
        Ok(old) => std::str::from_utf8(&old)
            .map_or(true, |old| file::content_hash(old) != file::content_hash(&bytes)),
        Err(StoreError::TooLarge { .. }) => true,
        Err(StoreError::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e),
    };
    if rotate {
        match fsx::rotate_backup(path, &backup_path(path)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(err(e)),
            _ => {}
        }
    }
    fsx::replace(path, bytes.as_bytes()).map_err(err)
}

/// Writes `s` to `path`, which must not exist yet: for keeping a session somewhere else
/// (the user names the file, inside the sessions folder or out of it). The file is
/// private (0600) and appears whole or not at all; nothing already there, not even a
/// symbolic link, is replaced or followed. The size limit does not apply: this is the way
/// out for a session too large to save in place.
pub fn save_as(s: &Session, path: &Path) -> Result<()> {
    match fsx::create_new(path, to_json(s).as_bytes()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(StoreError::Write {
            path: path.into(),
            source: io::Error::new(e.kind(), "a file of that name already exists; choose another name"),
        }),
        Err(source) => Err(StoreError::Write { path: path.into(), source }),
    }
}

/// Atomically writes a private (0600) file with no backup, e.g. an exported report. A
/// symbolic link at `path` is replaced, not followed.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    fsx::replace(path, bytes)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, ".bak")
}

/// Where the wizard writes the Markdown report of the session at `path`.
pub fn report_path(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{stem}-report.md"))
}

/// What `list` shows of one session without keeping it loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub name: String,
    pub product: String,
    pub updated_at: String,
    pub step: Step,
    pub primary: Option<ConstraintId>,
    pub route: Route,
}

impl Summary {
    pub fn of(s: &Session) -> Summary {
        let r = recommend(s);
        Summary {
            name: s.name.clone(),
            product: s.product.clone(),
            updated_at: s.updated_at.clone(),
            step: s.cursor.step,
            primary: r.primary.map(|p| p.constraint),
            route: r.route,
        }
    }
}

/// One file of the sessions folder: readable or not, it is listed.
#[derive(Debug)]
pub struct Listed {
    pub path: PathBuf,
    pub summary: Result<Summary, String>,
}

impl Listed {
    pub fn file_name(&self) -> String {
        self.path.file_name().unwrap_or_default().to_string_lossy().into_owned()
    }
}

/// The sessions folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// `.../firstmove/sessions` in the platform's data folder.
    pub fn default_dir() -> Result<PathBuf> {
        directories::ProjectDirs::from("", "", "firstmove")
            .map(|d| d.data_dir().join("sessions"))
            .ok_or(StoreError::NoHome)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates the folder (private to the user) if it does not exist yet.
    pub fn ensure(&self) -> Result<()> {
        if self.dir.is_dir() {
            return Ok(());
        }
        let err = |source| StoreError::Write { path: self.dir.clone(), source };
        fs::create_dir_all(&self.dir).map_err(err)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700)).map_err(err)?;
        }
        Ok(())
    }

    /// Every `*.json` entry of the folder, newest first; unreadable ones last, by name, with
    /// the reason (not valid, too large, a directory, a FIFO, a symbolic link…). Stale temp
    /// files of dead processes are cleaned on the way.
    pub fn list(&self) -> Result<Vec<Listed>> {
        let mut out: Vec<Listed> = self
            .session_paths()?
            .into_iter()
            .map(|path| {
                let summary = load(&path).map(|s| Summary::of(&s)).map_err(|e| e.to_string());
                Listed { path, summary }
            })
            .collect();
        out.sort_by(|a, b| match (&a.summary, &b.summary) {
            (Ok(x), Ok(y)) => y.updated_at.cmp(&x.updated_at).then_with(|| a.path.cmp(&b.path)),
            (Ok(_), Err(_)) => std::cmp::Ordering::Less,
            (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
            (Err(_), Err(_)) => a.path.cmp(&b.path),
        });
        Ok(out)
    }

    /// The session files of the folder, by name, without reading or even `stat`-ing them:
    /// what the home screen shows in its first frame while `list` reads them (a thousand
    /// `stat`s alone cost more than the frame).
    pub fn list_paths(&self) -> Result<Vec<PathBuf>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(StoreError::Read { path: self.dir.clone(), source }),
        };
        let mut names: Vec<std::ffi::OsString> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .filter(|n| {
                let b = n.as_encoded_bytes();
                b.ends_with(b".json") && !b.starts_with(b".")
            })
            .collect();
        names.sort_unstable();
        Ok(names.into_iter().map(|n| self.dir.join(n)).collect())
    }

    /// The `*.json` entries of the folder that are not hidden, whatever they are.
    fn session_paths(&self) -> Result<Vec<PathBuf>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(StoreError::Read { path: self.dir.clone(), source }),
        };
        fsx::clean_stale_temps(&self.dir);
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.ends_with(".json") && !name.starts_with('.')
            })
            .map(|e| e.path())
            .collect();
        paths.sort();
        Ok(paths)
    }

    /// The file a new session called `name` would get now: its slug, made unique in the
    /// folder. [`Store::create`] reserves it; this only proposes it.
    pub fn path_for_new(&self, name: &str) -> PathBuf {
        self.candidates(name).find(|p| !taken(p)).expect("an unused name exists")
    }

    fn candidates(&self, name: &str) -> impl Iterator<Item = PathBuf> + '_ {
        let base = slug(name);
        (1..).map(move |n| {
            self.dir.join(if n == 1 { format!("{base}.json") } else { format!("{base}-{n}.json") })
        })
    }

    /// Creates and saves a new session called `name`.
    pub fn create(&self, name: &str) -> Result<(PathBuf, Session)> {
        let (file, session) = self.create_file(name)?;
        Ok((file.path().to_path_buf(), session))
    }

    /// Creates a new session called `name` and opens it. Its file is reserved with
    /// create-new semantics: two processes creating the same name at once get two files
    /// (`same.json`, `same-2.json`), never one; the file appears whole, never empty.
    pub fn create_file(&self, name: &str) -> Result<(SessionFile, Session)> {
        self.ensure()?;
        fsx::clean_stale_temps(&self.dir);
        let now = now();
        // A blank name still gets a file name that says when the session was held.
        let stem = if name.trim().is_empty() { format!("session {}", &now[..10]) } else { name.to_string() };
        let session = Session::new(new_id(), name.to_string(), now);
        let json = to_json(&session);
        let err = |path: &Path, source| StoreError::Write { path: path.into(), source };
        let mut tmp = fsx::write_temp(&self.dir.join(format!("{}.json", slug(&stem))), json.as_bytes())
            .map_err(|e| err(&self.dir, e))?;
        for path in self.candidates(&stem).take(10_000) {
            if taken(&path) {
                continue;
            }
            match tmp.persist_noclobber(&path) {
                Ok(_) => {
                    fsx::sync_dir(&self.dir);
                    return Ok((SessionFile::created(path, &json), session));
                }
                Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
                Err(e) => return Err(err(&path, e.error)),
            }
        }
        Err(err(&self.dir, io::Error::new(io::ErrorKind::AlreadyExists, "no free file name")))
    }

    /// Finds a session: a path to a file (or a file name in the folder) is that file;
    /// otherwise a session whose name is `arg` (trimmed, any case) is preferred over a file
    /// whose slug matches. Several sessions of that name are an error listing their files.
    pub fn resolve(&self, arg: &str) -> Result<PathBuf> {
        let exists = |p: &Path| fs::symlink_metadata(p).is_ok();
        let is_path = arg.contains('/') || arg.contains(std::path::MAIN_SEPARATOR);
        if !is_path && arg.ends_with(".json") && exists(&self.dir.join(arg)) {
            return Ok(self.dir.join(arg));
        }
        if (is_path || arg.ends_with(".json")) && exists(Path::new(arg)) {
            return Ok(PathBuf::from(arg));
        }
        let wanted = arg.trim().to_lowercase();
        let named: Vec<PathBuf> = self
            .session_paths()?
            .into_iter()
            .filter(|p| peek_name(p).is_some_and(|n| n.trim().to_lowercase() == wanted))
            .collect();
        match named.len() {
            1 => return Ok(named.into_iter().next().expect("one")),
            0 => {}
            _ => return Err(StoreError::Ambiguous { name: arg.to_string(), files: named }),
        }
        let by_slug = self.dir.join(format!("{}.json", slug(arg.trim_end_matches(".json"))));
        if exists(&by_slug) {
            return Ok(by_slug);
        }
        Err(StoreError::NotFound { name: arg.to_string(), dir: self.dir.clone() })
    }

    /// Deletes a session file of this folder with what belongs to it: its backups (`.bak`,
    /// `.vN.bak`), its Markdown report (`NAME-report.md`) and its lock file. Refuses while
    /// another firstmove has the session open.
    pub fn delete(&self, path: &Path) -> Result<()> {
        let err = |source| StoreError::Write { path: path.into(), source };
        if path.parent() != Some(self.dir.as_path()) {
            return Err(err(io::Error::other("not a file of the sessions folder")));
        }
        let Some(held) = lock(path)? else {
            return Err(err(io::Error::other("it is open in another firstmove")));
        };
        fs::remove_file(path).map_err(err)?;
        let name = fsx::file_name(path);
        let versioned = fs::read_dir(&self.dir)
            .map_err(err)?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|f| {
                f.strip_prefix(name.as_str())
                    .and_then(|r| r.strip_prefix(".v"))
                    .and_then(|r| r.strip_suffix(".bak"))
                    .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            })
            .map(|f| self.dir.join(f));
        let extras: Vec<PathBuf> = [backup_path(path), report_path(path)]
            .into_iter()
            .chain(versioned)
            .chain([lock_path(path)])
            .collect();
        for extra in extras {
            match fs::remove_file(extra) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(err(e)),
                _ => {}
            }
        }
        drop(held);
        Ok(())
    }
}

/// Is this name in use (by a file, a link, anything), or by an old session's backup?
fn taken(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok() || fs::symlink_metadata(backup_path(path)).is_ok()
}

/// The `name` of the session in a file, read cheaply (no validation), if it has one.
fn peek_name(path: &Path) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
    }
    let bytes = fsx::read_regular(path).ok()?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    serde_json::from_slice::<Named>(bytes).ok().map(|n| n.name)
}
