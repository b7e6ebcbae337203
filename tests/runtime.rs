//! The runtime loop of the real binary in a pseudo-terminal: signals save and restore the
//! terminal, the end of input ends the program, a burst of typing is handled whole, and an
//! unterminated bracketed paste (crossterm#1060) neither loses work nor stops a signal.
//! No timings are asserted: every wait has a deadline and looks for a result.
#![cfg(unix)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::FromRawFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use firstmove::method::Session;
use firstmove::store::{self, Store};
use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 100;
const DEADLINE: Duration = Duration::from_secs(20);

/// The program in a pseudo-terminal, as tests/e2e.rs drives it, plus a way to close the
/// terminal (the master side) while the program runs.
struct Tui {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The master side; `None` once closed.
    master: Option<Box<dyn MasterPty + Send>>,
    /// A plain duplicate of the master: portable-pty's own writer types "\n^D" when dropped.
    writer: Option<File>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for checks on escape sequences.
    raw: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

impl Tui {
    fn start(dir: &Path, args: &[&str]) -> Tui {
        let mut cmd = CommandBuilder::new(firstmove());
        cmd.args(args);
        Tui::spawn(cmd, dir)
    }

    fn spawn(mut cmd: CommandBuilder, dir: &Path) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        cmd.env("FIRSTMOVE_DIR", dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("RUST_BACKTRACE", "0");
        let child = pair.slave.spawn_command(cmd).expect("firstmove starts");
        drop(pair.slave);
        let master = pair.master;
        let fd = master.as_raw_fd().expect("a unix pty");
        // SAFETY: dup returns a new descriptor that the File then owns alone.
        let writer = unsafe { File::from_raw_fd(libc::dup(fd)) };
        let mut reader = master.try_clone_reader().unwrap();
        let screen =
            Arc::new(Mutex::new(vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (sink, raw_sink, stopped) = (Arc::clone(&screen), Arc::clone(&raw), Arc::clone(&stop));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // Poll with a timeout so that `close` can end this thread and really close the
            // master: a thread blocked in read would keep it open.
            while !stopped.load(Ordering::Relaxed) {
                let mut pfd = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
                // SAFETY: one valid pollfd; the master outlives this thread (see `close`).
                if unsafe { libc::poll(&mut pfd, 1, 20) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        sink.lock().unwrap().process(&buf[..n]);
                        raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Tui { child, master: Some(master), writer: Some(writer), screen, raw, stop, reader: Some(reader) }
    }

    fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// Waits until the screen shows `what`.
    fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if self.text().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("timed out waiting for {what:?}; the screen shows:\n{}", self.text());
    }

    /// Writes bytes as they are, all at once.
    fn write(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("the terminal is open");
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    /// Types text one key at a time, waiting for each to be on screen is the caller's job.
    fn typ(&mut self, text: &str) {
        for c in text.chars() {
            self.write(c.encode_utf8(&mut [0; 4]).as_bytes());
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn kill(&self, signal: &str) {
        let pid = self.child.process_id().expect("a pid");
        let ok = std::process::Command::new("kill").args([&format!("-{signal}"), &pid.to_string()]).status();
        assert!(ok.unwrap().success(), "kill -{signal} {pid}");
    }

    /// Closes the terminal: the program's side sees a hang-up and end of input.
    fn close(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        self.writer = None;
        self.master = None;
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader take the last bytes the program wrote.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(start.elapsed() < DEADLINE, "firstmove did not exit:\n{}", self.text());
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The terminal's line discipline is back to cooked mode (raw mode was left).
    fn cooked(&self) -> bool {
        let fd = self.master.as_ref().and_then(|m| m.as_raw_fd()).expect("the terminal is open");
        // SAFETY: a zeroed termios is a valid out-parameter for tcgetattr.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.close();
    }
}

fn firstmove() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_firstmove"))
}

/// The only session in `dir`, once it satisfies `ok` (saving may still be under way).
fn saved_session(dir: &Path, ok: impl Fn(&Session) -> bool) -> (PathBuf, Session) {
    let start = Instant::now();
    let mut last = None;
    while start.elapsed() < DEADLINE {
        if let Ok(listed) = Store::new(dir).list()
            && let [one] = listed.as_slice()
            && let Ok(s) = store::load(&one.path)
        {
            if ok(&s) {
                return (one.path.clone(), s);
            }
            last = Some(s);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let last = last.map(|s| {
        format!("a name of {} bytes: {:?}…", s.name.len(), s.name.chars().take(40).collect::<String>())
    });
    panic!("the session file never had what was typed; last read: {last:?}");
}

/// A signal saves what was typed (even if no save had landed yet), restores the terminal,
/// and ends the program with status 128 + the signal's number.
fn a_signal_saves_and_restores(signal: &str, number: u32) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut t = Tui::start(&dir, &["new"]);
    t.wait_for("Who is in the room");
    let typed = format!("Ended by {signal}");
    t.typ(&typed);
    t.wait_for(&typed);
    t.kill(signal);
    let status = t.wait_exit();
    assert_eq!(status.exit_code(), 128 + number, "{status:?}");
    let (path, s) = saved_session(&dir, |_| true);
    assert_eq!(s.name, typed);

    let after = t.raw();
    let last = |seq: &str| after.rfind(seq);
    // Each mode is switched off after it was last switched on...
    let left = last("\x1b[?1049l").expect("the alternate screen was left");
    assert!(last("\x1b[?1049h").is_none_or(|on| on < left), "{after:?}");
    let shown = last("\x1b[?25h").expect("the cursor was shown");
    assert!(last("\x1b[?25l").is_none_or(|hid| hid < shown), "{after:?}");
    let paste_off = last("\x1b[?2004l").expect("bracketed paste was switched off");
    assert!(last("\x1b[?2004h").is_none_or(|on| on < paste_off), "{after:?}");
    // ...and after the restore only the exit line is printed (no frame), on the normal screen.
    let restored =
        (left + "\x1b[?1049l".len()).max(shown + "\x1b[?25h".len()).max(paste_off + "\x1b[?2004l".len());
    let tail = &after[restored..];
    assert!(!tail.contains('\x1b'), "nothing is drawn after the restore: {tail:?}");
    assert!(tail.contains(&format!("SIG{signal}")), "the exit line names the signal: {tail:?}");
    assert!(tail.contains(path.file_name().unwrap().to_str().unwrap()), "{tail:?}");
    let screen = t.screen.lock().unwrap();
    assert!(!screen.screen().alternate_screen());
    assert!(!screen.screen().hide_cursor());
    drop(screen);
    assert!(t.cooked(), "raw mode was left");
}

#[test]
fn sigterm_saves_the_session_and_restores_the_terminal() {
    a_signal_saves_and_restores("TERM", 15);
}

#[test]
fn sighup_saves_the_session_and_restores_the_terminal() {
    a_signal_saves_and_restores("HUP", 1);
}

/// Signals whose default action ends the process also save and restore (found by a hostile
/// test: `kill -QUIT` left the terminal raw, in the alternate screen).
#[test]
fn sigquit_and_sigusr1_save_the_session_and_restore_the_terminal() {
    a_signal_saves_and_restores("QUIT", 3);
    a_signal_saves_and_restores("USR1", 10);
}

#[test]
fn end_of_input_saves_and_ends_the_program() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    // As under `nohup`: the hang-up signal is ignored, so only the end of input is left.
    let mut cmd = CommandBuilder::new("/bin/sh");
    cmd.args(["-c", "trap '' HUP; exec \"$0\" new"]);
    cmd.arg(firstmove());
    let mut t = Tui::spawn(cmd, &dir);
    t.wait_for("Who is in the room");
    t.typ("Terminal closed");
    t.wait_for("Terminal closed");
    t.close();
    let status = t.wait_exit();
    assert!(status.success(), "{status:?}");
    let (_, s) = saved_session(&dir, |_| true);
    assert_eq!(s.name, "Terminal closed");
}

/// Closing the window: the kernel hangs the terminal up and sends SIGHUP; every write to the
/// terminal fails from then on, restoring it included, and that must not stop the save.
#[test]
fn closing_the_terminal_saves_and_exits_with_the_hangup_status() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut t = Tui::start(&dir, &["new"]);
    t.wait_for("Who is in the room");
    t.typ("Window closed");
    t.wait_for("Window closed");
    t.close();
    let status = t.wait_exit();
    assert_eq!(status.exit_code(), 128 + 1, "{status:?}");
    let (_, s) = saved_session(&dir, |_| true);
    assert_eq!(s.name, "Window closed");
}

#[test]
fn a_burst_of_5000_typed_bytes_is_handled_without_another_key() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut t = Tui::start(&dir, &["new"]);
    t.wait_for("Who is in the room");
    // Typed, not pasted: no bracketed-paste markers, 5,000 key presses in one write.
    t.write(&[b'a'; 5000]);
    let (_, s) = saved_session(&dir, |s| s.name.len() >= 5000);
    assert_eq!(s.name, "a".repeat(5000));
    t.write(b"\x03");
    assert!(t.wait_exit().success());
}

/// crossterm#1060: after `ESC[200~` with no end, crossterm's parser takes every byte into the
/// paste, Ctrl+C included, until it sees `ESC[201~`. It cannot be reset from outside, so
/// this is documented (README, docs/runtime.md) rather than fixed; what is tested is the way
/// out a user has (`end`: the end marker of the next paste, or typed) and that nothing is
/// lost meanwhile.
fn an_unterminated_paste_holds_keys_until(end: &[&[u8]]) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut t = Tui::start(&dir, &["new"]);
    t.wait_for("Who is in the room");
    t.typ("Before");
    t.wait_for("Before");
    t.write(b"\x1b[200~half a paste");
    // Ctrl+C and q go into the open paste instead of quitting.
    t.write(b"\x03q");
    for chunk in end {
        t.write(chunk);
    }
    t.wait_for("Beforehalf a paste");
    assert!(t.child.try_wait().unwrap().is_none(), "the Ctrl+C inside the paste did not quit");
    let (_, s) = saved_session(&dir, |s| s.name.starts_with("Beforehalf a paste"));
    assert!(s.name.contains('q'), "{:?}", s.name);
    // Input flows again.
    t.write(b"\x03");
    assert!(t.wait_exit().success());
}

#[test]
fn an_unterminated_paste_ends_with_the_next_paste() {
    an_unterminated_paste_holds_keys_until(&[b"\x1b[200~next paste\x1b[201~"]);
}

#[test]
fn an_unterminated_paste_ends_with_a_typed_end_marker() {
    // Esc [ 2 0 1 ~, one key at a time.
    an_unterminated_paste_holds_keys_until(&[b"\x1b", b"[", b"2", b"0", b"1", b"~"]);
}

#[test]
fn a_signal_still_saves_and_restores_inside_an_unterminated_paste() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut t = Tui::start(&dir, &["new"]);
    t.wait_for("Who is in the room");
    t.typ("Stuck");
    t.wait_for("Stuck");
    t.write(b"\x1b[200~never ends\x03");
    // Nothing on screen says the program has read the paste; give it time to, so that the
    // signal comes while the paste is open (it used to block in read(2) there until the next
    // key). Slower, the test still passes; it only checks less.
    std::thread::sleep(Duration::from_millis(200));
    t.kill("TERM");
    assert_eq!(t.wait_exit().exit_code(), 128 + 15);
    let (_, s) = saved_session(&dir, |_| true);
    assert_eq!(s.name, "Stuck");
    assert!(!t.screen.lock().unwrap().screen().alternate_screen());
}

/// A sessions folder that never answers: an automount (autofs) whose daemon, this test, never
/// replies, as a hung network mount does. The home screen says it is reading the folder, and
/// a signal, the quit key and closing the window still end the program with the terminal
/// restored. Needs root (to mount), as CI runs; elsewhere it says so and passes.
#[cfg(target_os = "linux")]
#[test]
fn a_folder_that_never_answers_does_not_hold_the_program() {
    let tmp = tempfile::tempdir().unwrap();
    let mnt = tmp.path().join("auto");
    std::fs::create_dir(&mnt).unwrap();
    // The pipe the kernel writes its requests to; both ends stay open and nobody reads.
    let mut pipe = [0; 2];
    // SAFETY: two valid out-slots; the descriptors are closed below.
    assert_eq!(unsafe { libc::pipe(pipe.as_mut_ptr()) }, 0);
    // SAFETY: getpgrp cannot fail.
    let pgrp = unsafe { libc::getpgrp() };
    let mounted = std::process::Command::new("mount")
        .args(["-t", "autofs", "-o"])
        .arg(format!("fd={},pgrp={pgrp},minproto=5,maxproto=5,indirect", pipe[1]))
        .arg("hung")
        .arg(&mnt)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: mounting an automount needs root");
        return;
    }
    let result = std::panic::catch_unwind(|| {
        let dir = mnt.join("sessions");
        let ended = |how: &dyn Fn(&mut Tui)| {
            let mut t = Tui::start(&dir, &[]);
            t.wait_for("Reading the sessions folder");
            how(&mut t);
            let status = t.wait_exit();
            if t.master.is_some() {
                assert!(t.cooked(), "raw mode was left");
                assert!(!t.screen.lock().unwrap().screen().alternate_screen());
            }
            status.exit_code()
        };
        assert_eq!(ended(&|t| t.kill("TERM")), 128 + 15);
        assert_eq!(ended(&|t| t.write(b"\x03")), 0, "Ctrl+C");
        assert_eq!(ended(&|t| t.write(b"q")), 0);
        assert_eq!(ended(&|t| t.close()), 128 + 1, "the window closed");
    });
    let _ = std::process::Command::new("umount").arg("-l").arg(&mnt).status();
    // SAFETY: the pipe's two descriptors, not used after this.
    unsafe {
        libc::close(pipe[0]);
        libc::close(pipe[1]);
    }
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
