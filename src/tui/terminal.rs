//! The terminal, entered and always left: raw mode, alternate screen, bracketed paste.

use std::io;
use std::mem::ManuallyDrop;

use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};

/// Restores the terminal when dropped, so an early `?` return cannot leave it raw.
/// Panics are covered by the hook `ratatui::try_init` installs, chained with ours.
pub struct TerminalGuard {
    /// Dropped by hand in `Drop`: ratatui's own `Drop` prints (and so panics) when the
    /// terminal is already gone.
    pub terminal: ManuallyDrop<ratatui::DefaultTerminal>,
}

impl TerminalGuard {
    pub fn new() -> io::Result<TerminalGuard> {
        let terminal = ratatui::try_init()?;
        let guard = TerminalGuard { terminal: ManuallyDrop::new(terminal) };
        execute!(io::stdout(), EnableBracketedPaste)?;
        let ratatui_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableBracketedPaste);
            ratatui_hook(info);
        }));
        Ok(guard)
    }
}

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
