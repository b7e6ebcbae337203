//! The terminal, entered and always left: raw mode, alternate screen, bracketed paste.

use std::io;

use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

/// Restores the terminal when dropped, so an early `?` return cannot leave it raw.
/// Panics are covered by the hook `ratatui::try_init` installs, chained with ours.
pub struct TerminalGuard {
    pub terminal: ratatui::DefaultTerminal,
}

impl TerminalGuard {
    pub fn new() -> io::Result<TerminalGuard> {
        let terminal = ratatui::try_init()?;
        let guard = TerminalGuard { terminal };
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
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}
