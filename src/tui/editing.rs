//! What a key does to the focused field and to the focus: typing, pasting, scores and
//! choices, moving between fields and steps, scrolling. `update` routes keys here.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

use super::app::{App, Editor, Wizard};
use super::field::{Field, Kind};
use super::{overlays, steps, view};
use crate::method::Step;
use crate::method::thresholds::{SCORE_MAX, SCORE_MIN};

/// A key typed into the focused text field's editor.
pub(crate) fn type_into(w: &mut Wizard, k: KeyEvent) {
    let Some(f) = w.focused().filter(|f| f.is_text()) else { return };
    if let Some(ed) = w.editor.as_mut()
        && edit(&mut ed.area, k, f.is_multiline())
    {
        commit_text(w, f);
    }
}

/// A key without a binding, in a text editor (a field's or a window's prompt): only the
/// editing keys the help lists (`keys::EDITOR_KEYS`), characters, Backspace, Delete and the
/// arrows act. ratatui-textarea's other defaults (Ctrl+J deletes to the start of the line,
/// Ctrl+Y pastes what Ctrl+K cut, Ctrl+X cuts, Alt+D, Ctrl+V scroll, Shift+arrows select…)
/// are never reached, and no key makes a new line here: that is `Action::NewLine`, in long
/// answers only. `lines`: ↑/↓ move between the text's lines. Returns whether the text changed.
pub(crate) fn edit(area: &mut TextArea<'static>, k: KeyEvent, lines: bool) -> bool {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    let go = |area: &mut TextArea<'static>, m: CursorMove| {
        area.move_cursor(m);
        false
    };
    match (k.code, ctrl, alt) {
        (KeyCode::Char(ch), false, false) => {
            area.insert_char(ch);
            true
        }
        // Some terminals send Ctrl+H for Backspace.
        (KeyCode::Backspace, false, false) | (KeyCode::Char('h'), true, false) => area.delete_char(),
        (KeyCode::Delete, false, false) => area.delete_next_char(),
        (KeyCode::Char('w'), true, false) | (KeyCode::Backspace, false, true) => area.delete_word(),
        (KeyCode::Char('k'), true, false) => area.delete_line_by_end(),
        (KeyCode::Char('z' | 'u'), true, false) => area.undo(),
        (KeyCode::Char('r'), true, false) => area.redo(),
        (KeyCode::Left, false, false) => go(area, CursorMove::Back),
        (KeyCode::Right, false, false) => go(area, CursorMove::Forward),
        (KeyCode::Left, true, false) => go(area, CursorMove::WordBack),
        (KeyCode::Right, true, false) => go(area, CursorMove::WordForward),
        (KeyCode::Home, false, false) | (KeyCode::Char('a'), true, false) => go(area, CursorMove::Head),
        (KeyCode::End, false, false) | (KeyCode::Char('e'), true, false) => go(area, CursorMove::End),
        (KeyCode::Up, false, false) if lines => go(area, CursorMove::Up),
        (KeyCode::Down, false, false) if lines => go(area, CursorMove::Down),
        _ => false,
    }
}

pub(crate) fn paste(app: &mut App, text: &str) {
    if let Some(ov) = app.overlay {
        overlays::paste(app, ov, text);
        return;
    }
    let Some(w) = app.wizard_mut() else { return };
    let Some(f) = w.focused().filter(|f| f.is_text()) else {
        app.status.hint("Paste goes into a text field: move to one first (Tab).".into());
        return;
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = super::app::separators(&text, true);
    let text = if f.is_multiline() { text.into_owned() } else { text.replace('\n', " ") };
    if let Some(ed) = w.editor.as_mut()
        && ed.area.insert_str(&text)
    {
        commit_text(w, f);
    }
    w.settle();
}

/// Copies the editor's text into the session.
pub(crate) fn commit_text(w: &mut Wizard, f: Field) {
    let Some(ed) = w.editor.as_mut() else { return };
    if !f.is_multiline() && ed.area.lines().len() > 1 {
        // Ctrl+M and friends can still split a short field: fold it back onto one line.
        let joined = ed.area.lines().join(" ");
        *ed = Editor::new(f, &joined);
    }
    let text = ed.text();
    if f.text(&w.session) != text {
        f.set_text(&mut w.session, text);
        w.touch();
    }
}

pub fn go_to(w: &mut Wizard, step: Step) {
    if w.session.cursor.step != step {
        w.session.cursor.step = step;
        w.dirty = true; // the cursor only: nothing to derive again
    }
    w.end_editing();
    w.scroll = 0;
    w.last_focus = None;
    w.focus = if w.fields().is_empty() { None } else { Some(0) };
    w.settle();
}

pub(crate) fn move_focus(w: &mut Wizard, delta: isize, wrap: bool) {
    let n = w.fields().len();
    if n == 0 {
        return;
    }
    w.focus = Some(match w.focus {
        // Back into the form where it was left.
        None => w.last_focus.unwrap_or(if delta > 0 { 0 } else { n - 1 }).min(n - 1),
        Some(i) => {
            let j = i as isize + delta;
            if wrap { j.rem_euclid(n as isize) as usize } else { j.clamp(0, n as isize - 1) as usize }
        }
    });
}

/// ↑/↓: the previous/next field, or on a screen without fields a line of scroll.
pub(crate) fn move_or_scroll(w: &mut Wizard, delta: i16, size: (u16, u16)) {
    if w.fields().is_empty() {
        scroll_by(w, delta.into(), size);
    } else {
        move_focus(w, delta.into(), false);
    }
}

pub(crate) fn scroll_by(w: &mut Wizard, delta: i32, size: (u16, u16)) {
    w.scroll = (i32::from(w.scroll) + delta).clamp(0, i32::from(u16::MAX)) as u16;
    clamp_scroll(w, size);
}

/// A page of a screen that is read: its height less a line kept for context.
pub(crate) fn page(size: (u16, u16)) -> u16 {
    view::step_area(size).height.saturating_sub(1).max(1)
}

pub(crate) fn is_printable(k: KeyEvent) -> bool {
    matches!(k.code, KeyCode::Char(_)) && !k.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// Keeps the scroll within the content, with the same measure the view uses.
pub(crate) fn clamp_scroll(w: &mut Wizard, size: (u16, u16)) {
    let max = steps::screen(w.step()).max_scroll(w, view::step_area(size));
    w.scroll = w.scroll.min(max);
}

/// Enter on a field that is not a button: the next field, or from the last, the next step;
/// on the last step, which has none, back to its first field as Tab does (the footer says
/// "next" there too).
pub(crate) fn next(w: &mut Wizard) {
    let n = w.fields().len();
    match w.focus {
        None if n > 0 => w.focus = Some(w.last_focus.unwrap_or(0).min(n - 1)),
        Some(i) if i + 1 < n => w.focus = Some(i + 1),
        None | Some(_) => match w.step().next() {
            Some(s) => go_to(w, s),
            None => move_focus(w, 1, true),
        },
    }
}

/// A digit: a score (then on to the next score), or a choice by its number.
pub(crate) fn digit(w: &mut Wizard, d: u8) {
    let Some(f) = w.focused() else { return };
    match f.kind() {
        Kind::Score => {
            f.set_score(&mut w.session, Some(d));
            w.touch();
            if let Some(i) = w.focus
                && w.fields().get(i + 1).is_some_and(|n| n.kind() == Kind::Score)
            {
                w.focus = Some(i + 1);
            }
        }
        Kind::Choice if usize::from(d) <= f.choices().len() => {
            f.set_choice(&mut w.session, Some(usize::from(d) - 1));
            w.touch();
        }
        Kind::Choice | Kind::Text { .. } | Kind::Toggle | Kind::Button => {}
    }
}

/// ←/→ (and Space) on a choice cycles its options; on a score lowers or raises it; on a
/// checklist item ticks it.
pub(crate) fn nudge(w: &mut Wizard, delta: i8) {
    let Some(f) = w.focused() else { return };
    match f.kind() {
        Kind::Choice => {
            let n = f.choices().len();
            let next = match (f.choice(&w.session), delta > 0) {
                (None, true) => 0,
                (None, false) => n - 1,
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
            };
            f.set_choice(&mut w.session, Some(next));
            w.touch();
        }
        Kind::Score => {
            let v = match (f.score(&w.session), delta > 0) {
                (None, true) => Some(SCORE_MIN),
                (None, false) => None,
                (Some(SCORE_MAX), true) => Some(SCORE_MAX),
                (Some(SCORE_MIN), false) => None,
                (Some(v), true) => Some(v + 1),
                (Some(v), false) => Some(v - 1),
            };
            f.set_score(&mut w.session, v);
            w.touch();
        }
        Kind::Toggle => {
            if let Field::Check { candidate, item } = f
                && w.session.toggle_check(candidate, item)
            {
                w.touch();
            }
        }
        Kind::Text { .. } | Kind::Button => {}
    }
}
