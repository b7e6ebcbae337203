//! Key to screen of the real binary in a pseudo-terminal: the time from writing one key to
//! the terminal until the screen shows its effect, on the large session (8 participants,
//! 200 candidates) against the small example. Everything the program does between the two
//! is in it: waking up, `update`, the frame, and whatever the loop does before drawing (a
//! save did, before issue 8). Target: large within 1.5x small.
//!
//! Samples type a character into the session's name, then delete it (Backspace), so the
//! name stays short and every key changes the screen; between samples (not timed)
//! the output is drained until quiet, so the save and the footer's redraw of the previous
//! key are over.

use std::cell::RefCell;
use std::path::Path;
use std::time::Duration;

use divan::Bencher;
use firstmove::method::{Session, Step, sample};

#[path = "common/pty.rs"]
mod pty;
use pty::{Pty, firstmove};

fn main() {
    divan::main();
}

/// No output for this long after a key: its frames and save are done.
const QUIET: Duration = Duration::from_millis(40);

fn small() -> Session {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/first-move.json");
    firstmove::store::load(&example).unwrap()
}

/// Resumes `s` on its first field (the session's name) from a temp folder, and times keys.
fn key_to_screen(bencher: Bencher, mut s: Session) {
    s.cursor.step = Step::Setup;
    s.cursor.field = 0;
    s.cursor.candidate = None;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.json");
    firstmove::store::save(&path, &s).unwrap();
    let arg = path.to_str().unwrap();
    let p = RefCell::new(Pty::spawn(&firstmove(), &["resume", arg], &[("FIRSTMOVE_DIR", dir.path())]));
    p.borrow_mut().wait_for("Step 1 of 17");
    let mut keys = [b"x", b"\x7f"].into_iter().cycle();
    bencher
        .with_inputs(|| {
            p.borrow_mut().settle(QUIET);
            keys.next().unwrap()
        })
        .bench_local_values(|key| p.borrow_mut().key_to_change(key));
}

#[divan::bench(sample_count = 100, sample_size = 1)]
fn key_to_screen_small(bencher: Bencher) {
    key_to_screen(bencher, small());
}

#[divan::bench(sample_count = 100, sample_size = 1)]
fn key_to_screen_large(bencher: Bencher) {
    key_to_screen(bencher, sample::workshop(8, 200));
}
