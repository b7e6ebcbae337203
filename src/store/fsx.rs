//! The few file-system moves the store makes, each safe in a folder others can write to.
//!
//! - Reading opens without following a symbolic link and without blocking (a FIFO swapped in
//!   for a session must not hang the program), then checks from the opened file that it is a
//!   regular file no larger than [`MAX_SESSION_BYTES`].
//! - Writing goes to a temp file with an unpredictable name, created exclusively (`O_EXCL`,
//!   0600) by the `tempfile` crate, flushed, then renamed over the target: a link planted at
//!   any name cannot redirect it, and a crash leaves the old file or the new one.
//! - The backup is rotated by hard-linking the current file to a fresh unique name and
//!   renaming that over `NAME.json.bak`: there is always a `.bak` once there has been one.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{LinkTo, StoreError};

/// The largest session file firstmove reads or writes: 16 MiB. A workshop's words fit in a
/// fraction of it; a larger file is refused with a clear error rather than read into memory.
pub const MAX_SESSION_BYTES: u64 = 16 * 1024 * 1024;

/// A temp file of ours left behind by a process that no longer runs is removed once it is
/// this old (a save keeps its temp file for milliseconds)...
const STALE_DEAD: Duration = Duration::from_secs(60);
/// ...and any temp file of ours older than this, whoever made it.
const STALE_ANY: Duration = Duration::from_secs(60 * 60);

/// What a non-regular file is, in words.
pub(crate) fn kind_of(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a directory"
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// Why `path` cannot be used as a file, if it exists and is not a regular file: a
/// symbolic link (with its target) or something else (a directory, a FIFO…).
pub(crate) fn not_regular(path: &Path) -> Option<StoreError> {
    let meta = fs::symlink_metadata(path).ok()?;
    let t = meta.file_type();
    if t.is_symlink() {
        let target = fs::read_link(path).unwrap_or_default();
        // Where the link leads in the end (`stat` follows it; it never opens, so a FIFO
        // cannot block): `/dev/stdin` is refused as the pipe it is, not only as a link.
        let to = match fs::metadata(path) {
            Ok(m) if m.is_file() => LinkTo::File,
            Ok(m) => LinkTo::Other(kind_of(&m.file_type())),
            Err(_) => LinkTo::Nothing,
        };
        return Some(StoreError::Symlink { path: path.into(), target, to });
    }
    (!t.is_file()).then(|| StoreError::NotRegular { path: path.into(), kind: kind_of(&t) })
}

/// Opens a session file for reading: never follows a symbolic link, never blocks, and
/// only hands back a regular file within the size limit.
pub(crate) fn open_regular(path: &Path) -> Result<fs::File, StoreError> {
    let mut o = fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    #[cfg(not(unix))]
    if let Some(e) = not_regular(path) {
        return Err(e);
    }
    let file = match o.open(path) {
        Ok(f) => f,
        Err(source) => {
            return Err(not_regular(path).unwrap_or(StoreError::Read { path: path.into(), source }));
        }
    };
    let meta = file.metadata().map_err(|source| StoreError::Read { path: path.into(), source })?;
    if !meta.is_file() {
        return Err(StoreError::NotRegular { path: path.into(), kind: kind_of(&meta.file_type()) });
    }
    if meta.len() > MAX_SESSION_BYTES {
        return Err(StoreError::TooLarge { path: path.into(), size: meta.len() });
    }
    Ok(file)
}

/// Reads a session file safely (see [`open_regular`]); the size limit holds even if the
/// file grows while it is read.
pub(crate) fn read_regular(path: &Path) -> Result<Vec<u8>, StoreError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_SESSION_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| StoreError::Read { path: path.into(), source })?;
    if bytes.len() as u64 > MAX_SESSION_BYTES {
        return Err(StoreError::TooLarge { path: path.into(), size: bytes.len() as u64 });
    }
    Ok(bytes)
}

pub(crate) fn parent(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().unwrap_or_default().to_string_lossy().into_owned()
}

/// The start of the name of a temp file beside `target`: `.NAME.firstmove.PID.`. The marker
/// keeps the cleaner away from anyone else's files; the pid lets a later run tell a dead
/// process's leftovers from a save in progress.
fn temp_prefix(target: &Path) -> String {
    format!(".{}.{TEMP_MARK}.{}.", file_name(target), std::process::id())
}

const TEMP_MARK: &str = "firstmove";

/// A new, empty, private (0600) temp file beside `target`, with an unpredictable name
/// (`.NAME.firstmove.PID.RANDOM.tmp`), created exclusively.
pub(crate) fn temp_beside(target: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&temp_prefix(target))
        .suffix(".tmp")
        .rand_bytes(10)
        .tempfile_in(parent(target))
}

/// A temp file beside `target` holding `bytes`, flushed to disk.
pub(crate) fn write_temp(target: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut tmp = temp_beside(target)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Atomically replaces `path` with `bytes` (temp file, fsync, rename, fsync the folder).
/// The rename replaces whatever is at `path` without following it; callers that must not
/// replace a link check first ([`not_regular`]).
pub(crate) fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(parent(path));
    Ok(())
}

/// Writes `bytes` to `path` only if nothing is there yet (not even a link): the file
/// appears whole or not at all. `AlreadyExists` when the name is taken.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(parent(path));
    Ok(())
}

/// Makes `bak` the current `path`, atomically: `bak` is the old backup until the rename,
/// the current file after it, and never missing in between. A hard link costs no copy;
/// where links are not supported (some network or FAT volumes) the file is copied.
pub(crate) fn rotate_backup(path: &Path, bak: &Path) -> io::Result<()> {
    let dir = parent(path);
    for _ in 0..16 {
        let tmp = dir.join(format!("{}{:016x}.tmp", temp_prefix(bak), random()));
        match fs::hard_link(path, &tmp) {
            Ok(()) => {
                let moved = fs::rename(&tmp, bak);
                if moved.is_err() {
                    let _ = fs::remove_file(&tmp);
                }
                return moved;
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(e),
            Err(_) => {
                let bytes = read_regular(path).map_err(io::Error::other)?;
                return replace(bak, &bytes);
            }
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "no free temp name for the backup"))
}

/// Tries `place` at each of `names` in turn: the first name where it succeeds is where the
/// thing went (`Ok(Some)`). `place` says a name is taken with `AlreadyExists`, and the next
/// one is tried; any other error stops the search and comes back with the name it came from,
/// so the real reason (a folder that cannot be read, a path through a file) is never lost
/// behind "no free name". `Ok(None)`: every name was taken.
pub(crate) fn first_free<T>(
    names: impl IntoIterator<Item = PathBuf>,
    mut place: impl FnMut(&Path) -> io::Result<T>,
) -> Result<Option<(PathBuf, T)>, (PathBuf, io::Error)> {
    for name in names {
        match place(&name) {
            Ok(v) => return Ok(Some((name, v))),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err((name, e)),
        }
    }
    Ok(None)
}

/// Keeps `bytes`, the original of a file upgraded from an older format, as `STEM.bak`
/// (`NAME.json.v2.bak`) in `dir`, or, when that name is taken by anything else (someone's
/// file, a directory, a link), as the first free `STEM.1.bak`, `STEM.2.bak`… Each is created
/// exclusively and never through a link: a hard link to `source` if that file holds the
/// bytes, else a new private file. A regular file there that already holds exactly these
/// bytes is the original kept (by an earlier run), not a name taken. Returns where it is;
/// an error (never silence) when no name is free.
pub(crate) fn keep_original(
    source: Option<&Path>,
    dir: &Path,
    stem: &str,
    bytes: &[u8],
) -> io::Result<PathBuf> {
    let names =
        (0..100).map(|n| dir.join(if n == 0 { format!("{stem}.bak") } else { format!("{stem}.{n}.bak") }));
    let kept = first_free(names, |keep| {
        let made = match source.map(|s| fs::hard_link(s, keep)) {
            Some(Ok(())) => Ok(()),
            Some(Err(e)) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
            _ => create_new(keep, bytes),
        };
        match made {
            // The original, kept there by an earlier run: not a name taken.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if read_regular(keep).is_ok_and(|there| there == bytes) { Ok(()) } else { Err(e) }
            }
            other => other,
        }
    });
    match kept {
        Ok(Some((keep, ()))) => Ok(keep),
        Ok(None) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{stem}.bak and {stem}.1.bak to {stem}.99.bak are all taken: the original would not be kept, so the file is not upgraded"
            ),
        )),
        Err((_, e)) => Err(e),
    }
}

/// 64 random bits from std's randomly seeded hasher.
pub(crate) fn random() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    h.write_u32(std::process::id());
    h.finish()
}

#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) {
    // Makes a rename itself durable; failure here does not undo the save.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
pub(crate) fn sync_dir(_: &Path) {}

/// The pid in one of our temp-file names: `.NAME.firstmove.PID.RANDOM.tmp`, or
/// `.NAME.json.PID.tmp` as firstmove named them before.
pub(crate) fn temp_owner(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (rest, last) = inner.rsplit_once('.')?;
    if let Some((target, pid)) = rest.rsplit_once('.')
        && let Some(target) = target.strip_suffix(&format!(".{TEMP_MARK}"))
        && !target.is_empty()
        && !last.is_empty()
        && last.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return pid.parse().ok();
    }
    let legacy =
        [".json", ".json.bak", ".md"].iter().any(|ext| rest.len() > ext.len() && rest.ends_with(ext));
    if legacy { last.parse().ok() } else { None }
}

fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true // unknown: only age decides
    }
}

/// Removes temp files of ours that no save is using any more: those of a process that is
/// gone (after a minute) and any older than an hour. Links are removed, never followed;
/// folders are left alone. Best effort: what cannot be removed stays.
pub(crate) fn clean_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else { continue };
        let Ok(meta) = fs::symlink_metadata(e.path()) else { continue };
        if meta.is_dir() {
            continue;
        }
        let age = meta.modified().ok().and_then(|m| now.duration_since(m).ok()).unwrap_or_default();
        if age > STALE_ANY || (age > STALE_DEAD && !alive(pid)) {
            let _ = fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::temp_owner;

    #[test]
    fn temp_names_are_recognised() {
        assert_eq!(temp_owner(".q1.json.1234.tmp"), Some(1234), "the old, predictable name");
        assert_eq!(temp_owner(".q1.json.firstmove.1234.a1B2c3D4e5.tmp"), Some(1234));
        assert_eq!(temp_owner(".q1.json.bak.firstmove.77.0123456789abcdef.tmp"), Some(77));
        assert_eq!(temp_owner(".q1-report.md.firstmove.77.0123456789.tmp"), Some(77));
        assert_eq!(temp_owner("q1.json.firstmove.1234.abc.tmp"), None, "not hidden");
        assert_eq!(temp_owner(".firstmove.1234.abc.tmp"), None);
        assert_eq!(temp_owner(".q1.json.lock"), None);
        assert_eq!(temp_owner(".notes.tmp"), None);
        assert_eq!(temp_owner(".notes.txt.1234.tmp"), None, "not a name of ours");
        assert_eq!(temp_owner(".cache.1234.abcdef.tmp"), None, "no marker");
    }
}
