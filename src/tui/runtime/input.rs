//! Events from the terminal, through crossterm, and what crossterm does not tell: that the
//! terminal is gone.
//!
//! crossterm is built with `use-dev-tty` (see Cargo.toml): its event source then waits with
//! poll(2), level-triggered, so bytes left after one 1 KB read are seen at once. Its default
//! mio source is edge-triggered and returns after the first 1 KB, so the rest of a burst
//! waited for the next key (crossterm PR #1057). Two things remain to work around here:
//! - `event::poll(Duration::ZERO)` never reads and never returns an event queued from the
//!   last read (crossterm #839), so `queued` polls for `DRAIN`, a few microseconds.
//! - After a hang-up, every read returns 0 bytes and crossterm retries until its timeout
//!   (its `event::read` would spin for ever), so the loop only ever waits with a timeout and
//!   asks `closed` between waits.
//! - That source reads until the descriptor would block, but never makes it non-blocking: on
//!   the terminal as inherited, a read that ends inside an escape sequence or an open
//!   bracketed paste blocks in read(2) until the next key, signals included (their handlers
//!   restart it). `Terminal::new` gives the process its own non-blocking descriptor of the
//!   terminal on standard input, which crossterm then reads; standard output, shared with the
//!   shell, stays as it was.

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

/// What the runtime loop reads; a script in tests.
pub trait Input {
    /// The next event, waiting at most `timeout`; `None` if none came.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
    /// An event that already arrived, without waiting; `None` if there is none.
    fn queued(&mut self) -> io::Result<Option<Event>>;
    /// The terminal hung up (window closed, connection dropped): no input will ever come.
    fn closed(&mut self) -> bool;
}

/// How long `queued` looks: enough to take the next event crossterm already parsed, or the
/// next bytes already in the kernel's buffer, without waiting for a person to type.
const DRAIN: Duration = Duration::from_micros(20);

/// The real terminal.
pub struct Terminal {
    /// The terminal crossterm reads: standard input if it is one, else /dev/tty, as crossterm
    /// picks it.
    #[cfg(unix)]
    tty: Option<Tty>,
}

#[cfg(unix)]
enum Tty {
    Stdin,
    DevTty(std::fs::File),
}

impl Terminal {
    pub fn new() -> Terminal {
        #[cfg(unix)]
        {
            use std::io::IsTerminal;
            // Without it everything works but a signal inside an open paste (see above).
            let _ = nonblocking_stdin();
            let tty = if io::stdin().is_terminal() {
                Some(Tty::Stdin)
            } else {
                std::fs::File::open("/dev/tty").ok().map(Tty::DevTty)
            };
            Terminal { tty }
        }
        #[cfg(not(unix))]
        Terminal {}
    }
}

impl Default for Terminal {
    fn default() -> Terminal {
        Terminal::new()
    }
}

impl Input for Terminal {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if event::poll(timeout)? { event::read().map(Some) } else { Ok(None) }
    }

    fn queued(&mut self) -> io::Result<Option<Event>> {
        self.next(DRAIN)
    }

    fn closed(&mut self) -> bool {
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            let fd = match &self.tty {
                Some(Tty::Stdin) => io::stdin().as_raw_fd(),
                Some(Tty::DevTty(f)) => f.as_raw_fd(),
                None => return false,
            };
            hung_up(fd)
        }
        #[cfg(not(unix))]
        false
    }
}

/// Does poll(2) report a hang-up (or an error) on `fd`? A hung-up terminal reports
/// POLLHUP, and reads from it return end-of-file.
#[cfg(unix)]
fn hung_up(fd: std::os::fd::RawFd) -> bool {
    let mut p = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
    // SAFETY: one valid pollfd, a zero timeout.
    let n = unsafe { libc::poll(&mut p, 1, 0) };
    n > 0 && p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Opens the terminal again, non-blocking, as standard input: a new open file description,
/// so the flag reaches neither standard output nor the shell, which share the old one. The
/// terminal is standard input's if it is one, else the controlling terminal (which crossterm
/// would open itself).
#[cfg(unix)]
fn nonblocking_stdin() -> io::Result<()> {
    use std::io::IsTerminal;
    use std::os::fd::AsRawFd;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;

    let path = if io::stdin().is_terminal() {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer and its length match; ttyname_r writes a NUL-terminated name.
        let rc = unsafe { libc::ttyname_r(0, buf.as_mut_ptr().cast(), buf.len()) };
        if rc != 0 {
            return Err(io::Error::from_raw_os_error(rc));
        }
        let name = std::ffi::CStr::from_bytes_until_nul(&buf).map_err(io::Error::other)?;
        std::path::PathBuf::from(std::ffi::OsStr::from_bytes(name.to_bytes()))
    } else {
        std::path::PathBuf::from("/dev/tty")
    };
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    // SAFETY: both descriptors are open; dup2 replaces standard input atomically.
    if unsafe { libc::dup2(tty.as_raw_fd(), 0) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}
