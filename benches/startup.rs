//! Start-up to first frame of the real binary in a pseudo-terminal, against the floor:
//! a minimal ratatui program that draws one line. The floor is this very bench binary
//! run with FIRSTMOVE_FLOOR=1, so both are built in the same `cargo bench` run.
//! Target: firstmove within 1.3x the floor.
//!
//! After the timings it prints the peak memory (VmHWM) of a scripted session.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use divan::Bencher;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const FLOOR_ENV: &str = "FIRSTMOVE_FLOOR";

fn main() {
    if std::env::var_os(FLOOR_ENV).is_some() {
        floor();
        return;
    }
    divan::main();
    if std::env::args().any(|a| a == "--bench") {
        peak_memory();
    }
}

/// The least a ratatui app can do: init, draw one line, wait for a key, restore.
fn floor() {
    let mut terminal = ratatui::init();
    terminal.draw(|f| f.render_widget(ratatui::widgets::Paragraph::new("floor-ready"), f.area())).unwrap();
    let _ = ratatui::crossterm::event::read();
    ratatui::restore();
}

struct Pty {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: mpsc::Receiver<Vec<u8>>,
    seen: Vec<u8>,
}

impl Pty {
    fn spawn(program: &Path, args: &[&str], env: &[(&str, &Path)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 })
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
        Pty { child, writer, output, seen: Vec::new() }
    }

    /// Blocks until `marker` has appeared in the output.
    fn wait_for(&mut self, marker: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !contains(&self.seen, marker.as_bytes()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(chunk) => self.seen.extend(chunk),
                Err(_) => {
                    panic!("no {marker:?} on screen in time; got {:?}", String::from_utf8_lossy(&self.seen))
                }
            }
        }
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Ends the child when the bench is done with it. divan drops a benchmark's return value
/// after the sample is timed, so this clean-up (portable-pty waits up to 250 ms after its
/// SIGHUP) is not counted as start-up.
impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn firstmove() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_firstmove"))
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn first_frame_floor(bencher: Bencher) {
    let me = std::env::current_exe().unwrap();
    let marker_env = Path::new("1");
    bencher.bench_local(|| {
        let mut p = Pty::spawn(&me, &[], &[(FLOOR_ENV, marker_env)]);
        p.wait_for("floor-ready");
        p
    });
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn first_frame_firstmove_home(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    bencher.bench_local(|| {
        let mut p = Pty::spawn(firstmove(), &[], &[("FIRSTMOVE_DIR", dir.path())]);
        p.wait_for("bottleneck,");
        p
    });
}

#[divan::bench(sample_count = 30, sample_size = 1)]
fn first_frame_firstmove_resume_large(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    let mut s = firstmove::method::sample::workshop(8, 200);
    s.cursor.step = firstmove::method::Step::Recommendation;
    firstmove::store::save(&path, &s).unwrap();
    let arg = path.to_str().unwrap().to_string();
    bencher.bench_local(|| {
        let mut p = Pty::spawn(firstmove(), &["resume", &arg], &[("FIRSTMOVE_DIR", dir.path())]);
        p.wait_for("Recommendation");
        p
    });
}

/// Peak resident memory of a scripted session: new session, every step walked, a
/// candidate added and scored, the report written.
fn peak_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(firstmove(), &["new", "Memory"], &[("FIRSTMOVE_DIR", dir.path())]);
    p.wait_for("Who is in the room");
    let pgdn = "\x1b[6~";
    p.send("\t\tAna\t\rBen");
    for _ in 0..13 {
        p.send(pgdn);
        p.send("1\t2\t");
    }
    p.send(pgdn);
    p.send("\r");
    p.send("\tBehaviour\tMetric\t10%\t20%\tRisk\t44444444");
    p.send(pgdn);
    p.send(pgdn);
    p.send("w");
    p.wait_for("Report written");
    let pid = p.child.process_id().unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let hwm = status.lines().find(|l| l.starts_with("VmHWM")).unwrap_or("VmHWM: unknown").to_string();
    p.send("q");
    let _ = p.child.wait();
    println!("\npeak memory of a scripted session (firstmove): {}", hwm.trim_start_matches("VmHWM:").trim());
}
