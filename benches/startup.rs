//! Start-up to first frame of the real binary in a pseudo-terminal, against the floor:
//! a minimal ratatui program that draws one line. The floor is this very bench binary
//! run with FIRSTMOVE_FLOOR=1, so both are built in the same `cargo bench` run.
//! Target: firstmove's first frame within 1.3x the floor, with an empty sessions folder and
//! with 1,000 sessions in it (the names of those follow in the next frame, timed as well).
//!
//! After divan's figures, `cargo bench` also prints a paired run: the floor, the empty home
//! screen and the home screen with 1,000 sessions start in turn, so all three see the same
//! load on a shared machine, and the ratios of their medians to the floor's are printed.
//! Then the peak memory (VmHWM) of a scripted session.

use std::path::Path;

use divan::Bencher;

#[path = "common/pty.rs"]
mod pty;
use pty::{Pty, firstmove};

const FLOOR_ENV: &str = "FIRSTMOVE_FLOOR";

fn main() {
    if std::env::var_os(FLOOR_ENV).is_some() {
        floor();
        return;
    }
    divan::main();
    if std::env::args().any(|a| a == "--bench") {
        paired(100);
        peak_memory();
    }
}

/// What is started, how, and the texts that say its frames are on screen, in order: the
/// time to each is measured.
type Start<'a> = (&'a str, &'a Path, &'a [(&'a str, &'a Path)], &'a [(&'a str, &'a str)]);

/// `n` start-ups of each of the floor, the empty home screen and the home screen with 1,000
/// sessions, in turn (the order rotates, so none always follows another), each timed from
/// the spawn to its first frame (and, with 1,000 sessions, to the frame with their names);
/// the medians and their ratios to the floor's.
fn paired(n: usize) {
    let me = std::env::current_exe().unwrap();
    let bin = firstmove();
    let empty = tempfile::tempdir().unwrap();
    let thousand = thousand_sessions();
    let one = Path::new("1");
    let starts: [Start; 3] = [
        ("floor", &me, &[(FLOOR_ENV, one)], &[("floor", "floor-ready")]),
        ("home, empty folder", &bin, &[("FIRSTMOVE_DIR", empty.path())], &[("first frame", "bottleneck,")]),
        (
            "home, 1,000 sessions",
            &bin,
            &[("FIRSTMOVE_DIR", thousand.path())],
            &[("first frame", "bottleneck,"), ("names shown", "session-0")],
        ),
    ];
    let mut times: [Vec<Vec<std::time::Duration>>; 3] =
        starts.map(|(.., marks)| vec![Vec::new(); marks.len()]);
    for i in 0..n {
        for k in 0..3 {
            let j = (i + k) % 3;
            let (_, program, env, marks) = starts[j];
            let start = std::time::Instant::now();
            let mut p = Pty::spawn(program, &[], env);
            for (m, (_, ready)) in marks.iter().enumerate() {
                p.wait_for(ready);
                times[j][m].push(start.elapsed());
            }
            drop(p); // kills the program, which takes a while: not timed
        }
    }
    let median = |t: &mut Vec<std::time::Duration>| {
        t.sort();
        t[t.len() / 2]
    };
    let floor = median(&mut times[0][0]).as_secs_f64();
    println!("\nstart-up, {n} paired samples (medians):");
    for ((name, .., marks), t) in starts.iter().zip(&mut times) {
        for ((mark, _), t) in marks.iter().zip(t) {
            let m = median(t);
            println!(
                "  {:<36} {m:>9.2?}  {:.2}x the floor",
                format!("{name}: {mark}"),
                m.as_secs_f64() / floor
            );
        }
    }
    println!("  (target: home with 1,000 sessions, first frame <= 1.3x the floor)");
}

/// The least a ratatui app can do: init, draw one line, wait for a key, restore.
fn floor() {
    let mut terminal = ratatui::init();
    terminal.draw(|f| f.render_widget(ratatui::widgets::Paragraph::new("floor-ready"), f.area())).unwrap();
    let _ = ratatui::crossterm::event::read();
    ratatui::restore();
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
    let bin = firstmove();
    bencher.bench_local(|| {
        let mut p = Pty::spawn(&bin, &[], &[("FIRSTMOVE_DIR", dir.path())]);
        p.wait_for("bottleneck,");
        p
    });
}

/// A folder holding 1,000 sessions: copies of the example, each under its own file name.
fn thousand_sessions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/first-move.json");
    for i in 0..1000 {
        std::fs::copy(&example, dir.path().join(format!("session-{i:04}.json"))).unwrap();
    }
    dir
}

/// The home screen's first frame with 1,000 sessions in the folder: it does not wait for
/// the folder, and says it is being read.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn first_frame_firstmove_home_1000_sessions(bencher: Bencher) {
    let dir = thousand_sessions();
    let bin = firstmove();
    bencher.bench_local(|| {
        let mut p = Pty::spawn(&bin, &[], &[("FIRSTMOVE_DIR", dir.path())]);
        p.wait_for("bottleneck,");
        p
    });
}

/// The frame after it: the 1,000 files found, listed by name before any is read.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn names_shown_firstmove_home_1000_sessions(bencher: Bencher) {
    let dir = thousand_sessions();
    let bin = firstmove();
    bencher.bench_local(|| {
        let mut p = Pty::spawn(&bin, &[], &[("FIRSTMOVE_DIR", dir.path())]);
        p.wait_for("session-0");
        p
    });
}

/// The same, until every session has been read and the list shows their names.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn all_read_firstmove_home_1000_sessions(bencher: Bencher) {
    let dir = thousand_sessions();
    let bin = firstmove();
    bencher.bench_local(|| {
        let mut p = Pty::spawn(&bin, &[], &[("FIRSTMOVE_DIR", dir.path())]);
        p.wait_for("Q1 scaling review");
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
    let bin = firstmove();
    bencher.bench_local(|| {
        let mut p = Pty::spawn(&bin, &["resume", &arg], &[("FIRSTMOVE_DIR", dir.path())]);
        p.wait_for("Recommendation");
        p
    });
}

/// Peak resident memory of a scripted session: new session, every step walked, a
/// candidate added and scored, the report written.
fn peak_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(&firstmove(), &["new", "Memory"], &[("FIRSTMOVE_DIR", dir.path())]);
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
