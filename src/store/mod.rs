//! Where sessions live and how they are read and written.
//!
//! One pretty-printed JSON file per session in the sessions folder. Saving is atomic
//! (temp file, fsync, rename) and keeps the previous version as `NAME.json.bak`; a file
//! that cannot be read is reported, never overwritten.

mod migrate;
mod slug;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::method::validate::validate;
use crate::method::{ConstraintId, Route, SCHEMA_VERSION, Session, Step, recommend};

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
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    h.write_u32(std::process::id());
    format!("{:016x}", h.finish())
}

/// Reads, migrates and validates a session file.
pub fn load(path: &Path) -> Result<Session> {
    let bytes = fs::read(path).map_err(|source| StoreError::Read { path: path.into(), source })?;
    parse(path, &bytes)
}

/// Parses a session document; `path` only names it in errors.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Session> {
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
                serde_path_to_error::deserialize(doc).map_err(|e| shape(path, e))?
            }
        }
    };
    validate(&mut session).map_err(|e| invalid(&e.field, e.message))?;
    Ok(session)
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

/// Atomically replaces `path` with `s`, keeping the previous file as `path.bak`.
/// If the folder has vanished (deleted, or an unmounted drive that came back), it is
/// created again, private, and the save retried once.
pub fn save(path: &Path, s: &Session) -> Result<()> {
    let bytes = to_json(s);
    let err = |source| StoreError::Write { path: path.into(), source };
    match write_atomic(path, bytes.as_bytes(), true) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .ok_or_else(|| err(io::Error::from(e.kind())))?;
            Store::new(dir).ensure()?;
            write_atomic(path, bytes.as_bytes(), true).map_err(err)
        }
        other => other.map_err(err),
    }
}

/// Holds a session for one firstmove process: an advisory lock on a hidden file beside
/// it. The operating system releases it when the process exits, however it exits.
#[derive(Debug)]
pub struct SessionLock {
    _file: fs::File,
}

pub fn lock_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.lock"))
}

/// Takes the lock of the session at `path`: `Ok(None)` when another process holds it.
pub fn lock(path: &Path) -> Result<Option<SessionLock>> {
    let lp = lock_path(path);
    let err = |source| StoreError::Write { path: lp.clone(), source };
    let file = private_file_keep(&lp).map_err(err)?;
    match file.try_lock() {
        Ok(()) => Ok(Some(SessionLock { _file: file })),
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(e)) => Err(err(e)),
    }
}

/// Atomically writes a private (0600) file with no backup, e.g. an exported report.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic(path, bytes, false)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, ".bak")
}

fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = private_file(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if backup && path.exists() {
            keep_backup(path)?;
        }
        fs::rename(&tmp, path)?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Points `path.bak` at the current file. A hard link costs no copy; where links are not
/// supported (some network or FAT volumes) the file is copied instead.
fn keep_backup(path: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    match fs::remove_file(&bak) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    if fs::hard_link(path, &bak).is_err() {
        let tmp = sibling(path, ".bak.tmp");
        fs::copy(path, &tmp)?;
        set_private(&tmp)?;
        fs::rename(&tmp, &bak)?;
    }
    Ok(())
}

#[cfg(unix)]
fn private_file(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> io::Result<fs::File> {
    fs::File::create(path)
}

/// Opens (creating if needed, 0600) without truncating: for lock files.
fn private_file_keep(path: &Path) -> io::Result<fs::File> {
    let mut o = fs::OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path)
}

#[cfg(unix)]
fn set_private(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_private(_: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Makes the rename itself durable; failure here does not undo the save.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) {}

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

    /// Every `*.json` file of the folder, newest first; unreadable ones last, by name.
    pub fn list(&self) -> Result<Vec<Listed>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(StoreError::Read { path: self.dir.clone(), source }),
        };
        let mut out: Vec<Listed> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().unwrap_or_default().to_string_lossy();
                name.ends_with(".json") && !name.starts_with('.') && p.is_file()
            })
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

    /// The file for a new session called `name`: its slug, made unique in the folder.
    pub fn path_for_new(&self, name: &str) -> PathBuf {
        let base = slug(name);
        (1..)
            .map(|n| if n == 1 { format!("{base}.json") } else { format!("{base}-{n}.json") })
            .map(|f| self.dir.join(f))
            .find(|p| !p.exists() && !backup_path(p).exists())
            .expect("an unused name exists")
    }

    /// Creates and saves a new session called `name`.
    pub fn create(&self, name: &str) -> Result<(PathBuf, Session)> {
        self.ensure()?;
        let now = now();
        // A blank name still gets a file name that says when the session was held.
        let stem = if name.trim().is_empty() { format!("session {}", &now[..10]) } else { name.to_string() };
        let path = self.path_for_new(&stem);
        let session = Session::new(new_id(), name.to_string(), now);
        save(&path, &session)?;
        Ok((path, session))
    }

    /// Finds a session by path, by file name, or by its name.
    pub fn resolve(&self, arg: &str) -> Result<PathBuf> {
        let as_path = Path::new(arg);
        if as_path.is_file() && (arg.contains(std::path::MAIN_SEPARATOR) || arg.ends_with(".json")) {
            return Ok(as_path.to_path_buf());
        }
        let by_slug = self.dir.join(format!("{}.json", slug(arg.trim_end_matches(".json"))));
        if by_slug.is_file() {
            return Ok(by_slug);
        }
        let wanted = arg.trim().to_lowercase();
        self.list()?
            .into_iter()
            .find(|l| l.summary.as_ref().is_ok_and(|s| s.name.trim().to_lowercase() == wanted))
            .map(|l| l.path)
            .ok_or_else(|| StoreError::NotFound { name: arg.to_string(), dir: self.dir.clone() })
    }

    /// Deletes a session file of this folder, its backup and its lock file; refuses while
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
        for extra in [backup_path(path), lock_path(path)] {
            match fs::remove_file(extra) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(err(e)),
                _ => {}
            }
        }
        drop(held);
        Ok(())
    }
}
