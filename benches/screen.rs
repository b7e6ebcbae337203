//! Key to screen of the real binary in a pseudo-terminal: the time from writing one key to
//! the terminal until the screen shows its effect, on the large session (8 participants,
//! 200 candidates) against the small example. Everything the program does between the two
//! is in it: waking up, `update`, the frame, and whatever the loop does before drawing (a
//! save did, before issue 8). Target: large within 1.5x small.
//!
//! Samples type a character into the session's name, then delete it (Backspace), so the
//! name stays short and every key changes the screen. Between samples (not timed) the bench
//! waits until the previous key's save has replaced the file and the output is quiet, so a
//! save still under way (an fsync on a busy disk can take tens of ms) is never timed.
//!
//! After divan's figures, `cargo bench` also prints a paired run: small and large keys
//! alternate, so both see the same load on a shared machine, and the ratio of the medians
//! is printed.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use divan::Bencher;
use firstmove::method::{Session, Step, sample};

#[path = "common/pty.rs"]
mod pty;
use pty::{Pty, firstmove};

fn main() {
    divan::main();
    if std::env::args().any(|a| a == "--bench") {
        paired(200);
    }
}

/// No output for this long after the save: the footer's redraw is done.
const QUIET: Duration = Duration::from_millis(20);

fn small() -> Session {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/first-move.json");
    firstmove::store::load(&example).unwrap()
}

fn large() -> Session {
    sample::workshop(8, 200)
}

/// A session resumed in a pty on its first field (the session's name), from a temp folder.
struct Typing {
    pty: Pty,
    path: PathBuf,
    /// The file's modification time before the last key: that key's save replaces the file.
    before: Option<SystemTime>,
    next_is_backspace: bool,
    _dir: tempfile::TempDir,
}

impl Typing {
    fn start(mut s: Session) -> Typing {
        s.cursor.step = Step::Setup;
        s.cursor.field = 0;
        s.cursor.candidate = None;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bench.json");
        firstmove::store::save(&path, &s).unwrap();
        let arg = path.to_str().unwrap();
        let mut pty = Pty::spawn(&firstmove(), &["resume", arg], &[("FIRSTMOVE_DIR", dir.path())]);
        pty.wait_for("Step 1 of 18");
        // A session opens browsing: Tab goes into its name, where the keys are typed.
        pty.key_to_change(b"\t");
        pty.wait_for("TYPING");
        Typing { pty, path, before: None, next_is_backspace: false, _dir: dir }
    }

    fn written(&self) -> SystemTime {
        std::fs::metadata(&self.path).unwrap().modified().unwrap()
    }

    /// Untimed: waits for the last key's save and for quiet output; returns the next key.
    fn prepare(&mut self) -> &'static [u8] {
        if let Some(old) = self.before {
            let deadline = Instant::now() + Duration::from_secs(20);
            while self.written() == old {
                assert!(Instant::now() < deadline, "the key was never saved");
                std::thread::sleep(Duration::from_micros(200));
            }
        }
        self.pty.settle(QUIET);
        self.before = Some(self.written());
        self.next_is_backspace = !self.next_is_backspace;
        if self.next_is_backspace { b"x" } else { b"\x7f" }
    }

    /// Timed: one key, until the screen changes.
    fn key(&mut self, key: &[u8]) {
        self.pty.key_to_change(key);
    }
}

fn key_to_screen(bencher: Bencher, s: Session) {
    let t = RefCell::new(Typing::start(s));
    bencher.with_inputs(|| t.borrow_mut().prepare()).bench_local_values(|key| t.borrow_mut().key(key));
}

#[divan::bench(sample_count = 100, sample_size = 1)]
fn key_to_screen_small(bencher: Bencher) {
    key_to_screen(bencher, small());
}

#[divan::bench(sample_count = 100, sample_size = 1)]
fn key_to_screen_large(bencher: Bencher) {
    key_to_screen(bencher, large());
}

/// `n` keys to each session, alternating, and the medians and their ratio.
fn paired(n: usize) {
    let mut sessions = [Typing::start(small()), Typing::start(large())];
    let mut times = [Vec::with_capacity(n), Vec::with_capacity(n)];
    for i in 0..n {
        // Alternate which goes first, so neither always follows the other's save.
        for j in [i % 2, 1 - i % 2] {
            let key = sessions[j].prepare();
            let start = Instant::now();
            sessions[j].key(key);
            times[j].push(start.elapsed());
        }
    }
    let [small, large] = times.map(|mut t| {
        t.sort();
        t[t.len() / 2]
    });
    println!(
        "\nkey to screen, {n} paired samples: small median {small:.2?}, large median {large:.2?}, \
         large/small {:.2}x (target <= 1.5x)",
        large.as_secs_f64() / small.as_secs_f64()
    );
}
