//! Every key binding, in one place: the mapping `update` uses and the table the help
//! overlay and the footer draw.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Jump,
    NextStep,
    PrevStep,
    NextField,
    PrevField,
    /// Enter: press a button, or move on.
    Activate,
    /// Esc: leave the field, the editor, or the session.
    Back,
    Left,
    Right,
    Up,
    Down,
    Digit(u8),
    Clear,
    Toggle,
    New,
    Delete,
    WriteReport,
    Yes,
    No,
}

/// Where the key was pressed: it decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Home,
    /// In a session, on a field that is not text, or on no field.
    Wizard,
    /// In a text field: plain keys type, so only these chords act.
    Text,
    Overlay,
}

/// Keys that act even inside a text field.
fn chord(key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::F(1) => Action::Help,
        KeyCode::Tab => Action::NextField,
        KeyCode::BackTab => Action::PrevField,
        KeyCode::PageDown => Action::NextStep,
        KeyCode::PageUp => Action::PrevStep,
        KeyCode::Esc => Action::Back,
        KeyCode::Char('n') if ctrl => Action::NextStep,
        KeyCode::Char('p') if ctrl => Action::PrevStep,
        KeyCode::Char('g') if ctrl => Action::Jump,
        _ => return None,
    })
}

pub fn action(key: KeyEvent, ctx: Ctx) -> Option<Action> {
    if ctx == Ctx::Text {
        return chord(key);
    }
    if ctx == Ctx::Overlay {
        return Some(match key.code {
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::F(1) | KeyCode::Char('?') => Action::Back,
            KeyCode::Char('y') | KeyCode::Char('Y') => Action::Yes,
            KeyCode::Char('n') | KeyCode::Char('N') => Action::No,
            KeyCode::Enter => Action::Activate,
            KeyCode::Up | KeyCode::Char('k') => Action::Up,
            KeyCode::Down | KeyCode::Char('j') => Action::Down,
            _ => return None,
        });
    }
    if let Some(a) = chord(key) {
        return Some(a);
    }
    if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
        return None;
    }
    Some(match key.code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Char('g') => Action::Jump,
        KeyCode::Enter => Action::Activate,
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Left | KeyCode::Char('h') => Action::Left,
        KeyCode::Right | KeyCode::Char('l') => Action::Right,
        KeyCode::Char(c @ '1'..='5') => Action::Digit(c as u8 - b'0'),
        KeyCode::Char('0') | KeyCode::Backspace => Action::Clear,
        KeyCode::Char(' ') => Action::Toggle,
        KeyCode::Char('n') => Action::New,
        KeyCode::Char('d') | KeyCode::Delete => Action::Delete,
        KeyCode::Char('w') => Action::WriteReport,
        _ => return None,
    })
}

/// One line of the help overlay.
pub struct Help {
    pub keys: &'static str,
    pub what: &'static str,
}

/// The help overlay, by section.
pub const HELP: &[(&str, &[Help])] = &[
    (
        "Everywhere",
        &[
            Help { keys: "PgDn / Ctrl+N", what: "next step (never blocked: come back any time)" },
            Help { keys: "PgUp / Ctrl+P", what: "previous step (nothing typed is lost)" },
            Help { keys: "Tab / Shift+Tab", what: "next / previous field" },
            Help { keys: "Ctrl+G, g", what: "jump to any step" },
            Help { keys: "Esc", what: "leave the field; again: back to the session list" },
            Help { keys: "F1, ?", what: "this help" },
            Help { keys: "Ctrl+C, q", what: "save and quit (q when not typing)" },
        ],
    ),
    (
        "Fields",
        &[
            Help { keys: "↓ ↑ / j k", what: "next / previous field when not typing" },
            Help { keys: "Enter", what: "next field; on the last one, next step" },
            Help { keys: "← → / h l", what: "change a choice; lower / raise a score" },
            Help { keys: "1-5", what: "give a score (moves to the next one)" },
            Help { keys: "0, Backspace", what: "clear a score" },
            Help { keys: "Space", what: "tick a checklist item" },
        ],
    ),
    (
        "Typing",
        &[
            Help { keys: "Enter", what: "new line in long answers; next field in short ones" },
            Help { keys: "Ctrl+W / Alt+Backspace", what: "delete the word before the cursor" },
            Help { keys: "Ctrl+U / Ctrl+R", what: "undo / redo" },
            Help { keys: "Ctrl+A / Ctrl+E", what: "start / end of the line" },
            Help { keys: "Ctrl+← / Ctrl+→", what: "word left / right" },
            Help { keys: "Ctrl+K", what: "delete to the end of the line" },
        ],
    ),
    (
        "Lists",
        &[
            Help { keys: "n", what: "new session / new candidate" },
            Help { keys: "Enter", what: "open the session / candidate, or add a suggestion" },
            Help { keys: "d, Delete", what: "delete (asks first)" },
            Help { keys: "w", what: "write the report as Markdown next to the session" },
        ],
    ),
];

/// The short hints of the footer for the focused thing.
pub fn hints(ctx: Hint) -> &'static [(&'static str, &'static str)] {
    match ctx {
        Hint::Home => &[("Enter", "open"), ("n", "new"), ("d", "delete"), ("?", "help"), ("q", "quit")],
        Hint::Text => &[("Tab", "next field"), ("PgDn", "next step"), ("Esc", "done"), ("F1", "help")],
        Hint::Multiline => {
            &[("Enter", "new line"), ("Tab", "next field"), ("PgDn", "next step"), ("F1", "help")]
        }
        Hint::Choice => &[("← → 1-5", "choose"), ("Enter", "next"), ("PgDn", "next step"), ("?", "help")],
        Hint::Score => {
            &[("1-5", "score"), ("0", "clear"), ("Tab", "next"), ("PgDn", "next step"), ("?", "help")]
        }
        Hint::Toggle => &[("Space", "tick"), ("Tab", "next"), ("Esc", "back"), ("?", "help")],
        Hint::List => {
            &[("Enter", "open/add"), ("n", "new"), ("d", "delete"), ("PgDn", "next step"), ("?", "help")]
        }
        Hint::Browse => &[
            ("Tab", "fields"),
            ("PgDn", "next"),
            ("PgUp", "back"),
            ("g", "steps"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Hint::Report => {
            &[("↑ ↓", "scroll"), ("w", "write report"), ("PgUp", "back"), ("g", "steps"), ("q", "quit")]
        }
        Hint::Overlay => &[("↑ ↓", "move"), ("Enter", "go"), ("Esc", "close")],
        Hint::Confirm => &[("y", "yes"), ("n", "no")],
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    Home,
    Text,
    Multiline,
    Choice,
    Score,
    Toggle,
    List,
    Browse,
    Report,
    Overlay,
    Confirm,
}
