//! Who gets in: the join code (random per serve), the host key (created once, private, in the
//! sessions folder, reused so returning participants see no "host key changed" warning), and
//! the limits on wrong codes, per connection and per minute.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::{HashAlg, PrivateKey};

/// Wrong codes one connection may try before it is refused whatever it sends.
pub const TRIES_PER_CONNECTION: u32 = 3;
/// Wrong codes all connections together may try in a minute; past that nobody gets in until
/// the minute is over.
pub const TRIES_PER_MINUTE: u32 = 20;

/// The letters of a join code: no 0/o, 1/l/i that read alike when said aloud.
const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
pub const CODE_LEN: usize = 6;

/// A new join code, from the operating system's random source.
pub fn join_code() -> io::Result<String> {
    let mut bytes = [0u8; CODE_LEN];
    getrandom::fill(&mut bytes).map_err(io::Error::other)?;
    // 256 % 31 leaves a small bias; a code lives for one serve and tries are limited.
    Ok(bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect())
}

/// Whether `typed` is the code, in time that does not depend on where they differ. Spaces
/// around it and letter case do not count.
pub fn code_matches(code: &str, typed: &[u8]) -> bool {
    let typed = String::from_utf8_lossy(typed).trim().to_ascii_lowercase();
    let (a, b) = (code.as_bytes(), typed.as_bytes());
    let mut diff = u8::from(a.len() != b.len());
    for (i, x) in a.iter().enumerate() {
        diff |= x ^ b.get(i).copied().unwrap_or(0);
    }
    diff == 0
}

/// The host key's file in the sessions folder: hidden and not `.json`, so never listed.
pub fn host_key_path(dir: &Path) -> PathBuf {
    dir.join(".ssh_host_ed25519_key")
}

/// Reads the host key's file without following a symbolic link (as everything in the
/// sessions folder) and only if it is a small regular file.
fn read_key(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::other(format!("{} is not a regular file; remove it", path.display())));
    }
    let mut bytes = Vec::new();
    o.open(path)?.take(64 * 1024).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The host key: read from `dir`, or created there (0600, atomically) the first time.
pub fn host_key(dir: &Path) -> io::Result<PrivateKey> {
    let path = host_key_path(dir);
    match read_key(&path) {
        Ok(bytes) => PrivateKey::from_openssh(&bytes)
            .map_err(|e| io::Error::other(format!("{} is not an SSH private key: {e}", path.display()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(io::Error::other)?;
            let key = PrivateKey::new(KeypairData::Ed25519(Ed25519Keypair::from_seed(&seed)), "firstmove")
                .map_err(io::Error::other)?;
            let text = key.to_openssh(russh::keys::ssh_key::LineEnding::LF).map_err(io::Error::other)?;
            // Created as any sessions folder is: private to the user.
            crate::store::Store::new(dir).ensure().map_err(io::Error::other)?;
            crate::store::write_private(&path, text.as_bytes())?;
            Ok(key)
        }
        Err(e) => Err(e),
    }
}

/// The fingerprint participants' `ssh` shows on first contact: "SHA256:…".
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// Wrong codes in the current minute, across all connections.
#[derive(Debug)]
pub struct Limiter {
    window: Mutex<(Instant, u32)>,
    per_minute: u32,
}

impl Limiter {
    pub fn new(per_minute: u32) -> Limiter {
        Limiter { window: Mutex::new((Instant::now(), 0)), per_minute }
    }

    fn with<T>(&self, f: impl FnOnce(&mut (Instant, u32)) -> T) -> T {
        let mut w = self.window.lock().unwrap_or_else(|e| e.into_inner());
        if w.0.elapsed() >= Duration::from_secs(60) {
            *w = (Instant::now(), 0);
        }
        f(&mut w)
    }

    /// Whether codes are looked at now (not too many wrong ones this minute).
    pub fn open(&self) -> bool {
        self.with(|w| w.1 < self.per_minute)
    }

    pub fn failed(&self) {
        self.with(|w| w.1 = w.1.saturating_add(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_six_letters_of_the_alphabet_and_differs_each_time() {
        let a = join_code().unwrap();
        let b = join_code().unwrap();
        assert_eq!(a.len(), CODE_LEN);
        assert!(a.bytes().all(|c| ALPHABET.contains(&c)), "{a}");
        assert_ne!(a, b, "two serves, two codes (31^6 to one against a clash)");
        assert!(code_matches(&a, a.as_bytes()));
        assert!(code_matches(&a, format!(" {} \n", a.to_uppercase()).as_bytes()));
        assert!(!code_matches(&a, &a.as_bytes()[..5]));
        assert!(!code_matches(&a, format!("{a}x").as_bytes()));
        assert!(!code_matches(&a, b""));
    }

    #[test]
    fn the_host_key_is_created_once_private_and_reused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("sessions");
        let first = host_key(&dir).unwrap();
        let again = host_key(&dir).unwrap();
        assert_eq!(fingerprint(&first), fingerprint(&again));
        assert!(fingerprint(&first).starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(host_key_path(&dir)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
            let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700, "the folder it made is private too: {mode:o}");
        }
        // Not a session: the folder's listing does not show it.
        assert!(crate::store::Store::new(&dir).list_paths().unwrap().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_host_key_is_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tmp.path().join("someone-elses-key");
        let first = host_key(tmp.path()).unwrap();
        std::fs::rename(host_key_path(tmp.path()), &elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, host_key_path(tmp.path())).unwrap();
        let e = host_key(tmp.path()).unwrap_err().to_string();
        assert!(e.contains("not a regular file"), "{e}");
        drop(first);
    }

    #[test]
    fn too_many_wrong_codes_in_a_minute_close_the_door() {
        let l = Limiter::new(3);
        for _ in 0..3 {
            assert!(l.open());
            l.failed();
        }
        assert!(!l.open());
    }
}
