//! Where sessions live and how they are read and written.
//!
//! One pretty-printed JSON file per session in the sessions folder. Saving is atomic
//! (temp file, fsync, rename) and keeps the version before the last content change as
//! `NAME.json.bak`; a file that cannot be read is reported, never overwritten. An open
//! session is a [`SessionFile`]: it holds the lock and knows what it last wrote, so a file
//! changed by someone else is never silently replaced. What firstmove promises about your
//! files, and the test proving each promise: docs/guarantees.md.

mod file;
mod folder;
mod fsx;
mod lock;
mod migrate;
mod names;
mod slug;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::method::validate::validate;
use crate::method::{SCHEMA_VERSION, Session};

pub use file::{Fingerprint, LockStatus, SaveOutcome, SessionFile};
pub use folder::{Listed, Store, Summary, conflict_of, same_name};
pub use fsx::MAX_SESSION_BYTES;
pub use lock::{SessionLock, lock, lock_path};
pub use names::PathList;
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
    #[error("{}", link_message(path, target, *to))]
    Symlink { path: PathBuf, target: PathBuf, to: LinkTo },
    #[error("{} is {kind}, not a session file", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{} does not exist (and no session in {} is called that)", path.display(), dir.display())]
    NoSuchFile { path: PathBuf, dir: PathBuf },
    #[error(
        "{} is {kind}, in the way of the backup (the version before the last change): move it elsewhere",
        path.display()
    )]
    BackupBlocked { path: PathBuf, kind: &'static str },
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
    #[error("{}", not_a_folder(dir, path, kind))]
    NotAFolder { dir: PathBuf, path: PathBuf, kind: String },
    #[error("{} is open in another firstmove", path.display())]
    LockHeld { path: PathBuf },
    #[error("cannot lock {}: {reason}", path.display())]
    Lock { path: PathBuf, reason: String },
    #[error("cannot lock {}: this file system has no locks ({source})", path.display())]
    LockUnsupported { path: PathBuf, source: io::Error },
    #[error("no data folder could be found for this user: pass --dir or set FIRSTMOVE_DIR")]
    NoHome,
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What a symbolic link firstmove refused points to, in the end: the error says the real
/// reason (a link to a regular file is refused as a link; a link to a pipe, as a pipe).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTo {
    /// A regular file.
    File,
    /// Nothing: the link is dangling.
    Nothing,
    /// Something else, in words ("a FIFO (named pipe)", "a directory"…).
    Other(&'static str),
}

impl LinkTo {
    /// What follows "a symbolic link to TARGET" when the link does not lead to a regular
    /// file: ", which does not exist", ", which is a FIFO (named pipe)"…; nothing when it does.
    pub(crate) fn which(self) -> String {
        match self {
            LinkTo::File => String::new(),
            LinkTo::Nothing => ", which does not exist".into(),
            LinkTo::Other(kind) => format!(", which is {kind}"),
        }
    }
}

fn link_message(path: &Path, target: &Path, to: LinkTo) -> String {
    let (path, target) = (path.display(), target.display());
    match to {
        LinkTo::File => format!(
            "{path} is a symbolic link (to {target}); firstmove does not follow links to its files: use the file itself"
        ),
        LinkTo::Nothing => format!("{path} is a symbolic link to {target}{}", to.which()),
        LinkTo::Other(_) => {
            format!("{path} is a symbolic link to {target}{}, not a session file", to.which())
        }
    }
}

/// The folder a session is saved in cannot be made: `path` (the folder itself or one of
/// its parents) is `kind`, not a folder.
fn not_a_folder(dir: &Path, path: &Path, kind: &str) -> String {
    if dir == path {
        format!("cannot save in {}: it is {kind}, not a folder", dir.display())
    } else {
        format!("cannot save in {}: {} is {kind}, not a folder", dir.display(), path.display())
    }
}

/// A backup that could not be rotated: the error names the backup, not the session, and
/// what is in its way when that is not a file (a directory).
fn backup_error(bak: &Path, source: io::Error) -> StoreError {
    match fsx::not_regular(bak) {
        Some(StoreError::NotRegular { kind, .. }) => StoreError::BackupBlocked { path: bak.into(), kind },
        _ => StoreError::Write { path: bak.into(), source },
    }
}

/// The current time as the RFC 3339 UTC text sessions store.
pub fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

/// Today in the computer's time zone, as `YYYY-MM-DD`: the date a decision or a check-in is
/// given when it is recorded (the method itself never reads the clock).
pub fn today() -> String {
    today_in(jiff::tz::TimeZone::system())
}

/// Today in `zone`. `TZ` may name a zone (`TZ=Asia/Tokyo`): jiff reads the system's zoneinfo
/// database for it, else the day would silently be UTC's.
pub fn today_in(zone: jiff::tz::TimeZone) -> String {
    crate::method::dates::format_date(jiff::Timestamp::now().to_zoned_datetime(zone).date())
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
    session.read_as_of(&today());
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
        let bak = backup_path(path);
        match fsx::rotate_backup(path, &bak) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(backup_error(&bak, e)),
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

/// Where the wizard writes the Markdown report of the session at `path`, when that name is
/// free or holds a report firstmove wrote (see [`write_report`]).
pub fn report_path(path: &Path) -> PathBuf {
    report_path_n(path, 1)
}

/// `NAME-report.md`, then `NAME-report-2.md`, `NAME-report-3.md`…
fn report_path_n(path: &Path, n: u32) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    path.with_file_name(if n == 1 { format!("{stem}-report.md") } else { format!("{stem}-report-{n}.md") })
}

/// The first line of every Markdown report firstmove writes beside a session: how it tells
/// a report of its own, which it may replace, from a file of that name it did not write,
/// which it never replaces. An HTML comment, so it does not show where Markdown is read.
pub const REPORT_MARK: &str = "<!-- Written by firstmove, which replaces this file when it writes the report again. Delete this line to keep the file as it is. -->";

/// Is the file at `path` a report firstmove wrote (a regular file whose first line is
/// [`REPORT_MARK`])? Never follows a link.
pub fn is_our_report(path: &Path) -> bool {
    fsx::read_regular(path)
        .is_ok_and(|b| b.strip_prefix(REPORT_MARK.as_bytes()).is_some_and(|r| r.starts_with(b"\n")))
}

/// Where [`write_report`] would write the report of the session at `session` now. When
/// that cannot be told (the folder cannot be read…), `NAME-report.md`: writing there then
/// fails with the real reason.
pub fn report_target(session: &Path) -> PathBuf {
    match find_report_slot(session, |_, _| Ok(())) {
        Ok(Some((path, ()))) => path,
        _ => report_path(session),
    }
}

/// What is at a name the report could go to.
enum Slot {
    /// Nothing: the report is created there, exclusively.
    Free,
    /// A report firstmove wrote: it is replaced.
    Ours,
}

/// The one search [`report_target`] and [`write_report`] share: the first of
/// `NAME-report.md`, `NAME-report-2.md`… `NAME-report-999.md` that is free or holds a report
/// firstmove wrote, where `use_slot` then succeeds (it may say `AlreadyExists`, for a name
/// taken meanwhile, to go on). Someone's own file, a link or a folder is passed over; any
/// other error (the folder cannot be read, a path through a file) is returned as it is.
fn find_report_slot<T>(
    session: &Path,
    mut use_slot: impl FnMut(&Path, Slot) -> io::Result<T>,
) -> Result<Option<(PathBuf, T)>, (PathBuf, io::Error)> {
    fsx::first_free((1..1000).map(|n| report_path_n(session, n)), |path| {
        let slot = match fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Slot::Free,
            Err(e) => return Err(e),
            Ok(_) if is_our_report(path) => Slot::Ours,
            Ok(_) => return Err(io::ErrorKind::AlreadyExists.into()),
        };
        use_slot(path, slot)
    })
}

/// Writes `markdown`, the report of the session at `session`, beside it with
/// [`REPORT_MARK`] as its first line: as `NAME-report.md` if that name is free or holds a
/// report firstmove wrote; otherwise (someone's own file, a link, a folder) as the first
/// `NAME-report-N.md` (N = 2, 3…) that is. A free name is created exclusively, a report of
/// ours is replaced atomically, nothing else is replaced or followed. Returns where it went;
/// an error names the file and the real reason.
pub fn write_report(session: &Path, markdown: &str) -> Result<PathBuf> {
    let text = format!("{REPORT_MARK}\n{markdown}");
    match find_report_slot(session, |path, slot| match slot {
        Slot::Free => fsx::create_new(path, text.as_bytes()),
        Slot::Ours => fsx::replace(path, text.as_bytes()),
    }) {
        Ok(Some((path, ()))) => Ok(path),
        Ok(None) => Err(StoreError::Write {
            path: report_path(session),
            source: io::Error::new(io::ErrorKind::AlreadyExists, "no free name for the report"),
        }),
        Err((path, source)) => Err(StoreError::Write { path, source }),
    }
}
