//! SIGTERM, SIGHUP and SIGINT (and SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM), turned into a
//! number the loop reads between waits: the handler only records the signal; saving and
//! restoring the terminal happen on the main thread, where they are safe. The loop waits in slices of `TICK`, so a signal is acted on
//! within one.
//!
//! A second SIGTERM or SIGINT ends the process at once, by that signal, without saving: the
//! way out of a main thread stuck in a system call (an open() that blocks, a hung network
//! folder), where the first one cannot be acted on. SIGHUP never does: a closing terminal can
//! send it twice (the shell passes it on, the kernel sends it when the shell exits), and the
//! save must not be cut short.

use std::io;
use std::sync::Arc;
#[cfg(unix)]
use std::sync::atomic::AtomicBool;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The signals that end the wizard after saving; the exit status is 128 + the number.
/// Besides the usual three, those whose default action would end the process with the
/// terminal left raw and the last change unsaved (`kill -QUIT`, `-USR1`, `-USR2`, `-ALRM`).
#[cfg(unix)]
pub const ENDING: [i32; 7] =
    [libc::SIGTERM, libc::SIGHUP, libc::SIGINT, libc::SIGQUIT, libc::SIGUSR1, libc::SIGUSR2, libc::SIGALRM];

pub struct Signals {
    caught: Arc<AtomicUsize>,
}

impl Signals {
    /// Catches the ending signals, except one ignored when the program started (`nohup`
    /// ignores SIGHUP, a shell's background job SIGINT): that choice is the caller's.
    ///
    /// The handlers stay for the life of the process (signal-hook cannot give back the default
    /// action): after the wizard has ended, a signal is recorded and the process exits anyway.
    pub fn install() -> io::Result<Signals> {
        let caught = Arc::new(AtomicUsize::new(0));
        #[cfg(unix)]
        {
            let once = Arc::new(AtomicBool::new(false));
            for sig in ENDING {
                if ignored(sig) {
                    continue;
                }
                if sig != libc::SIGHUP {
                    // Registered first, so it sees the flag as the previous signal left it.
                    signal_hook::flag::register_conditional_default(sig, Arc::clone(&once))?;
                    signal_hook::flag::register(sig, Arc::clone(&once))?;
                }
                signal_hook::flag::register_usize(sig, Arc::clone(&caught), sig as usize)?;
            }
        }
        Ok(Signals { caught })
    }

    /// The last ending signal received, if any.
    pub fn caught(&self) -> Option<i32> {
        match self.caught.load(Ordering::SeqCst) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }
}

/// Was `sig` set to be ignored when the program started?
#[cfg(unix)]
fn ignored(sig: i32) -> bool {
    // SAFETY: an all-zero sigaction is a valid out-parameter, and a null new action makes
    // sigaction only read the current one.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(sig, std::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_IGN
    }
}

/// "SIGTERM", for messages.
pub fn name(sig: i32) -> String {
    #[cfg(unix)]
    if let Some(name) = signal_hook::low_level::signal_name(sig) {
        return name.to_string();
    }
    format!("signal {sig}")
}
