//! The real binary in a pseudo-terminal, for benches: spawn, wait for text, type, and time
//! a key until the screen changes. Shared by benches/startup.rs and benches/screen.rs.
// Each bench uses a part of it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;

pub struct Pty {
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: mpsc::Receiver<Vec<u8>>,
    seen: Vec<u8>,
    screen: vt100::Parser,
}

impl Pty {
    pub fn spawn(program: &Path, args: &[&str], env: &[(&str, &Path)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, output) = mpsc::channel();
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Pty {
            child,
            writer,
            output,
            seen: Vec::new(),
            screen: vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0),
        }
    }

    fn take(&mut self, chunk: Vec<u8>) {
        self.screen.process(&chunk);
        self.seen.extend(chunk);
    }

    /// Blocks until `marker` has appeared in the output.
    pub fn wait_for(&mut self, marker: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !contains(&self.seen, marker.as_bytes()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(chunk) => self.take(chunk),
                Err(_) => {
                    panic!("no {marker:?} on screen in time; got {:?}", String::from_utf8_lossy(&self.seen))
                }
            }
        }
    }

    pub fn send(&mut self, s: &str) {
        self.write(s.as_bytes());
        std::thread::sleep(Duration::from_millis(5));
    }

    fn write(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Takes the output until none has come for `quiet`: the frames and saves of the last
    /// key are over.
    pub fn settle(&mut self, quiet: Duration) {
        while let Ok(chunk) = self.output.recv_timeout(quiet) {
            self.take(chunk);
        }
        self.seen.clear();
    }

    /// Writes `key` and returns once the screen shows something else than before.
    pub fn key_to_change(&mut self, key: &[u8]) {
        let before = self.screen.screen().contents();
        self.write(key);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(chunk) => self.take(chunk),
                Err(_) => panic!("the screen did not change; it shows:\n{before}"),
            }
            if self.screen.screen().contents() != before {
                return;
            }
        }
    }
}

/// Ends the child when the bench is done with it. divan drops a benchmark's return value
/// after the sample is timed, so this clean-up (portable-pty waits up to 250 ms after its
/// SIGHUP) is not counted.
impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The binary under test: this build's, or `FIRSTMOVE_BENCH_BIN` to compare another build
/// (an older commit's) under the same harness.
pub fn firstmove() -> PathBuf {
    std::env::var_os("FIRSTMOVE_BENCH_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_firstmove")), PathBuf::from)
}
