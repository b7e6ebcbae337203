//! The sessions folder: where it is, what is in it (listed without being kept loaded), and
//! creating, finding and deleting its sessions.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::*;
use crate::method::{ConstraintId, Route, Session, Step, recommend};

/// What `list` shows of one session without keeping it loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub name: String,
    pub product: String,
    pub updated_at: String,
    pub step: Step,
    pub primary: Option<ConstraintId>,
    pub route: Route,
    pub id: String,
    /// The id of the session this one is the next cycle of.
    pub previous: Option<String>,
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
            id: s.id.clone(),
            previous: s.previous.clone(),
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

    /// The file name of the session this file is a conflict copy of (see [`conflict_of`]).
    pub fn conflict_of(&self) -> Option<String> {
        conflict_of(&self.path)
    }
}

/// If `path` is a conflict copy (`NAME.conflict-TIME.json` or `NAME.conflict-TIME-N.json`,
/// written beside `NAME.json` when that file changed on disk under an open session), the
/// file name of the session it is a copy of: `NAME.json`. A conflict copy is a version of
/// that session, not another session: names resolve to the session, and lists mark the copy.
pub fn conflict_of(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let (stem, rest) = name.rsplit_once(".conflict-")?;
    let rest = rest.strip_suffix(".json")?;
    let (stamp, n) = match rest.split_once('-') {
        Some((stamp, n)) => (stamp, Some(n)),
        None => (rest, None),
    };
    // TIME is `now()` without its separators: 20260112T114210Z.
    let b = stamp.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let stamp_ok = b.len() == 16 && digits(0..8) && b[8] == b'T' && digits(9..15) && b[15] == b'Z';
    let n_ok = n.is_none_or(number);
    (stamp_ok && n_ok && !stem.is_empty()).then(|| format!("{stem}.json"))
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
        if let Err(e) = fs::create_dir_all(&self.dir) {
            return Err(self.in_the_way().unwrap_or(err(e)));
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700)).map_err(err)?;
        }
        Ok(())
    }

    /// What stands where the folder (or one of its parents) must be, if anything does: the
    /// nearest of them that exists, when it is not a folder (a file, a link to one or to
    /// nothing, a FIFO…). Links to folders are folders here.
    fn in_the_way(&self) -> Option<StoreError> {
        let path = self.dir.ancestors().find(|a| fs::symlink_metadata(a).is_ok())?;
        let kind = match (fsx::not_regular(path), fs::metadata(path)) {
            (_, Ok(m)) if m.is_dir() => return None,
            (Some(StoreError::Symlink { target, to: LinkTo::File, .. }), _) => {
                format!("a symbolic link to {}, a regular file", target.display())
            }
            (Some(StoreError::Symlink { target, to, .. }), _) => {
                format!("a symbolic link to {}{}", target.display(), to.which())
            }
            (Some(StoreError::NotRegular { kind, .. }), _) => kind.to_string(),
            _ => "a regular file".to_string(),
        };
        Some(StoreError::NotAFolder { dir: self.dir.clone(), path: path.into(), kind })
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
    /// what the home screen lists at start-up while `list` reads them (a thousand
    /// `stat`s alone cost more than the frame).
    pub fn list_paths(&self) -> Result<PathList> {
        match names::list(&self.dir) {
            Ok(paths) => Ok(paths),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(PathList::default()),
            Err(source) => Err(StoreError::Read { path: self.dir.clone(), source }),
        }
    }

    /// The `*.json` entries of the folder that are not hidden, whatever they are (the listing
    /// of [`Store::list_paths`]); stale temp files of dead processes are cleaned on the way.
    fn session_paths(&self) -> Result<Vec<PathBuf>> {
        let paths = self.list_paths()?;
        fsx::clean_stale_temps(&self.dir);
        Ok(paths.iter().map(Path::to_path_buf).collect())
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
        let now = now();
        self.create_session(Session::new(new_id(), name.to_string(), now))
    }

    /// Creates the next cycle of `prev` (see `method::followup::next_cycle`) as a new session
    /// file, with the same create-new semantics as [`Store::create_file`], and opens it.
    pub fn create_next_cycle(&self, prev: &Session) -> Result<(SessionFile, Session)> {
        self.create_session(crate::method::followup::next_cycle(prev, new_id(), now()))
    }

    /// The session of the folder that is the next cycle of the session with id `id` (its
    /// `previous` is `id`), with its name: the most recently updated if there are several.
    /// Conflict copies and unreadable files are not sessions and are skipped. A cycle has one
    /// next cycle: the wizard and plain mode open this one rather than start another.
    pub fn next_cycle_of(&self, id: &str) -> Result<Option<(PathBuf, String)>> {
        Ok(self.list()?.into_iter().find_map(|l| {
            let s = l.summary.as_ref().ok()?;
            (s.previous.as_deref() == Some(id) && l.conflict_of().is_none())
                .then(|| (l.path.clone(), s.name.clone()))
        }))
    }

    /// Reserves a new file named after `session`'s name and writes it there, whole.
    fn create_session(&self, session: Session) -> Result<(SessionFile, Session)> {
        self.ensure()?;
        fsx::clean_stale_temps(&self.dir);
        // A blank name still gets a file name that says when the session was held.
        let name = &session.name;
        let stem = if name.trim().is_empty() {
            format!("session {}", session.created_at.get(..10).unwrap_or(&session.created_at))
        } else {
            name.to_string()
        };
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
    /// Conflict copies carry their session's name but are not sessions of their own: they
    /// are reached by their file name (see [`Store::named`]).
    pub fn resolve(&self, arg: &str) -> Result<PathBuf> {
        let exists = |p: &Path| fs::symlink_metadata(p).is_ok();
        let is_path = arg.contains('/') || arg.contains(std::path::MAIN_SEPARATOR);
        if !is_path && arg.ends_with(".json") && exists(&self.dir.join(arg)) {
            return Ok(self.dir.join(arg));
        }
        if (is_path || arg.ends_with(".json")) && exists(Path::new(arg)) {
            return Ok(PathBuf::from(arg));
        }
        let named = self.named(arg)?;
        match named.len() {
            1 => return Ok(named.into_iter().next().expect("one")),
            0 => {}
            _ => return Err(StoreError::Ambiguous { name: arg.to_string(), files: named }),
        }
        let by_slug = self.dir.join(format!("{}.json", slug(arg.trim_end_matches(".json"))));
        if exists(&by_slug) {
            return Ok(by_slug);
        }
        // A path (it has a `/`) that leads nowhere: that path is what is wrong.
        if is_path {
            return Err(StoreError::NoSuchFile { path: arg.into(), dir: self.dir.clone() });
        }
        Err(StoreError::NotFound { name: arg.to_string(), dir: self.dir.clone() })
    }

    /// The files of the sessions called `name` (see [`same_name`]), read cheaply: only the
    /// name of each file is parsed. Conflict copies (see [`conflict_of`]) count only when no
    /// real session has that name: a copy is a version of its session, not a namesake.
    pub fn named(&self, name: &str) -> Result<Vec<PathBuf>> {
        let (copies, sessions): (Vec<PathBuf>, Vec<PathBuf>) = self
            .session_paths()?
            .into_iter()
            .filter(|p| peek_name(p).is_some_and(|n| same_name(&n, name)))
            .partition(|p| conflict_of(p).is_some());
        Ok(if sessions.is_empty() { copies } else { sessions })
    }

    /// Deletes a session file of this folder with what belongs to it: its backups (`.bak`,
    /// and the originals of an upgrade, `.vN.bak` and `.vN.M.bak`, only those that are
    /// firstmove's: JSON with this session's `id`; someone's own file of that name stays),
    /// the Markdown reports firstmove wrote of it (`NAME-report.md`, `NAME-report-N.md` with
    /// [`REPORT_MARK`] first; someone's own file of that name stays) and its lock file.
    /// Refuses while another firstmove has the session open.
    ///
    /// `Err`: the session file is still there, and why. `Ok(Some(e))`: it went, but not all
    /// that belongs to it (`e` names what stayed); `Ok(None)`: all of it went.
    pub fn delete(&self, path: &Path) -> Result<Option<StoreError>> {
        let err = |source| StoreError::Write { path: path.into(), source };
        if path.parent() != Some(self.dir.as_path()) {
            return Err(err(io::Error::other("not a file of the sessions folder")));
        }
        let Some(held) = lock(path)? else {
            return Err(err(io::Error::other("it is open in another firstmove")));
        };
        // Read before the file goes: a `.vN[.M].bak` is this session's original only if it
        // carries this id. A session whose id cannot be read takes none of them along.
        let id = peek_id(path);
        fs::remove_file(path).map_err(err)?;
        let left = self.delete_extras(path, id.as_deref()).err();
        drop(held);
        Ok(left)
    }

    /// What belongs to the session file at `path`, just deleted (see [`Store::delete`]).
    fn delete_extras(&self, path: &Path, id: Option<&str>) -> Result<()> {
        // One look at the folder: (name, is a regular file) of every entry.
        let entries: Vec<(String, bool)> = fs::read_dir(&self.dir)
            .map_err(|source| StoreError::Read { path: self.dir.clone(), source })?
            .filter_map(|e| e.ok())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.file_type().is_ok_and(|t| t.is_file())))
            .collect();
        let name = fsx::file_name(path);
        let versioned = entries
            .iter()
            // Only files: a folder at such a name is not a backup firstmove made.
            .filter(|(_, file)| *file)
            .filter(|(f, _)| {
                f.strip_prefix(name.as_str())
                    .and_then(|r| r.strip_prefix(".v"))
                    .and_then(|r| r.strip_suffix(".bak"))
                    // `vN.bak`, or `vN.M.bak` when the first name was taken.
                    .map(|v| v.split_once('.').map_or((v, "0"), |(v, m)| (v, m)))
                    .is_some_and(|(v, m)| number(v) && number(m))
            })
            .map(|(f, _)| self.dir.join(f))
            // `keep_original` leaves someone's file at such a name alone; so does delete.
            .filter(|p| id.is_some() && peek_id(p).as_deref() == id);
        // Its reports: `NAME-report.md` and `NAME-report-N.md`, only those firstmove wrote.
        let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let reports = entries
            .iter()
            .filter(|(f, _)| {
                f.strip_prefix(stem.as_str())
                    .and_then(|r| r.strip_prefix("-report"))
                    .and_then(|r| r.strip_suffix(".md"))
                    .is_some_and(|n| n.is_empty() || n.strip_prefix('-').is_some_and(number))
            })
            .map(|(f, _)| self.dir.join(f))
            .filter(|p| is_our_report(p));
        let extras: Vec<PathBuf> = [backup_path(path)]
            .into_iter()
            .chain(reports)
            .chain(versioned)
            .chain([lock_path(path)])
            .collect();
        for extra in extras {
            match fs::remove_file(&extra) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(StoreError::Write { path: extra, source: e });
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Whether two session names are the same to a person: case and surrounding spaces aside.
/// `resume`, `report`, `list` and the new-session prompt all match names this way.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A run of one or more ASCII digits: the `N` of the names firstmove numbers.
fn number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Is this name in use (by a file, a link, anything), or by an old session's backup?
fn taken(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok() || fs::symlink_metadata(backup_path(path)).is_ok()
}

/// The `id` of the session in a file, if it has one (see [`peek`]).
fn peek_id(path: &Path) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Ided {
        id: String,
    }
    peek::<Ided>(path).map(|n| n.id)
}

/// The `name` of the session in a file, if it has one (see [`peek`]).
fn peek_name(path: &Path) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
    }
    peek::<Named>(path).map(|n| n.name)
}

/// A few fields of the session in a file, read cheaply: no validation, never through a link,
/// within the size limit, a UTF-8 BOM skipped.
fn peek<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    let bytes = fsx::read_regular(path).ok()?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    serde_json::from_slice(bytes).ok()
}
