//! The terminal, entered and always left: raw mode, alternate screen, bracketed paste.

use std::io::{self, BufWriter, Stdout};
use std::mem::ManuallyDrop;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// The wizard's terminal. Its output is buffered whole: a frame leaves in one write, where
/// standard output's own buffer (a line's, 1 KB) cut it into several and paid a lock for
/// every escape sequence.
pub type Tty = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Restores the terminal when dropped, so an early `?` return cannot leave it raw.
pub struct TerminalGuard {
    /// Dropped by hand in `Drop`: ratatui's own `Drop` prints (and so panics) when the
    /// terminal is already gone.
    pub terminal: ManuallyDrop<Tty>,
}

impl TerminalGuard {
    /// Raw mode, the alternate screen and bracketed paste, as `ratatui::try_init` sets them
    /// up (with a panic hook that restores them all first), on a buffered output.
    pub fn new() -> io::Result<TerminalGuard> {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableBracketedPaste);
            ratatui::restore();
            hook(info);
        }));
        enable_raw_mode()?;
        let entered = execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste).and_then(|()| {
            Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(FRAME_BYTES, io::stdout())))
        });
        match entered {
            Ok(terminal) => Ok(TerminalGuard { terminal: ManuallyDrop::new(terminal) }),
            Err(e) => {
                let _ = disable_raw_mode();
                let _ = execute!(io::stdout(), DisableBracketedPaste, LeaveAlternateScreen);
                Err(e)
            }
        }
    }
}

/// Enough for a full frame of a large window in colour, so that a frame is one write.
const FRAME_BYTES: usize = 64 * 1024;

impl Drop for TerminalGuard {
    /// Leaves raw mode, bracketed paste and the alternate screen, and shows the cursor. Each
    /// step runs even if one before failed, and nothing is printed: after a hang-up the
    /// terminal is gone and every write fails.
    fn drop(&mut self) {
        let _ = disable_raw_mode();
        let _ = execute!(io::stdout(), DisableBracketedPaste, LeaveAlternateScreen);
        if self.terminal.show_cursor().is_ok() {
            // SAFETY: dropped once, here, and never used again.
            unsafe { ManuallyDrop::drop(&mut self.terminal) };
        }
        // Otherwise the terminal is gone: ratatui's `Drop` would try to show the cursor again
        // and panic printing that it could not. Leaking it is harmless: the process is ending.
    }
}
