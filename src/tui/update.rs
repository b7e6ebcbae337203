//! `update`: the only place the model changes, and only by routing. Pure: no terminal, no
//! files; work that needs the outside world is returned as `Effect`s. Edits to the
//! session's data are the session's own methods; what a step does with a key is in its
//! file under `steps/`.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use super::app::{App, Home, Overlay, Screen, Status, Wizard};
pub use super::editing::go_to;
use super::editing::{
    clamp_scroll, commit_text, digit, is_printable, move_focus, move_or_scroll, next, nudge, page, paste,
    scroll_by, type_into,
};
use super::field::Kind;
use super::keys::{self, Action, Ctx};
use super::msg::{Access, Effect, Leave, Msg, SaveReport};
use super::{dispatch, home, overlays, steps, workshop};

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        // Behind the "Enlarge the terminal" notice nothing is drawn, so nothing may change:
        // only quitting works there (the notice says so).
        Msg::Key(k) if k.kind == KeyEventKind::Press && app.too_small() => {
            let ctx = dispatch::context(app);
            if keys::action(k, ctx) == Some(Action::Quit) {
                return read_only_guard(app, |app| key(app, k));
            }
            Vec::new()
        }
        Msg::Paste(_) if app.too_small() => Vec::new(),
        Msg::Key(k) if k.kind == KeyEventKind::Press => {
            app.status.key_pressed();
            read_only_guard(app, |app| say_check_ins_left_before(app, |app| key(app, k)))
        }
        Msg::Key(_) => Vec::new(),
        Msg::Resize(width, height) => {
            app.size = (width, height);
            if let Some(w) = app.wizard_mut() {
                clamp_scroll(w, (width, height));
            }
            Vec::new()
        }
        Msg::Paste(text) => read_only_guard(app, |app| {
            app.status.key_pressed();
            say_check_ins_left_before(app, |app| {
                paste(app, &text);
                Vec::new()
            })
        }),
        Msg::Listed(result, dir) => {
            // A listing that arrives after a session was opened (read in the background at
            // start-up) must not close that session.
            let Screen::Home(h) = &app.screen else { return Vec::new() };
            // The bar stays on the session it was on: the names came in file-name order, the
            // details come newest first, and Enter must open the session the room sees chosen.
            let chosen = h.path(h.selected).map(std::path::Path::to_path_buf);
            let (entries, unreadable) = match result {
                Ok(entries) => (entries, None),
                Err(e) => {
                    app.status = Status::Error(e.clone());
                    (Vec::new(), Some(e))
                }
            };
            let selected = chosen
                .and_then(|p| entries.iter().position(|e| e.path == p))
                .unwrap_or_else(|| h.selected.min(entries.len().saturating_sub(1)));
            app.screen = Screen::Home(Home {
                entries,
                pending: Default::default(),
                selected,
                dir,
                found: true,
                unreadable,
            });
            Vec::new()
        }
        Msg::Deleted { path, trouble, listed, dir } => {
            let said = deleted(app, &path, trouble.as_deref());
            let unlisted = listed.as_ref().err().cloned();
            update(app, Msg::Listed(listed, dir));
            app.status = match (unlisted, trouble) {
                (Some(e), _) => Status::Error(format!("{said} The folder cannot be listed: {e}")),
                (None, Some(_)) => Status::Error(said),
                (None, None) => Status::Info(said),
            };
            Vec::new()
        }
        Msg::Found(pending, dir) => {
            // Only a home screen that is still waiting for its listing shows the names early.
            if let Screen::Home(h) = &mut app.screen
                && h.entries.is_empty()
            {
                h.pending = pending;
                h.dir = dir;
                h.found = true;
            }
            Vec::new()
        }
        Msg::Opened(path, session, access) => {
            let mut w = Wizard::open(path, *session);
            app.status = Status::Info(match &access {
                Access::ReadOnly(reason) => {
                    format!("Read-only ({reason}): nothing here is changed or saved.")
                }
                Access::File(_) | Access::Detached => format!("Opened {}", w.path.display()),
            });
            match access {
                Access::File(file) => w.file = Some(file),
                Access::ReadOnly(_) => w.read_only = true,
                Access::Detached => {}
            }
            // A team that decided to move on may have started the next cycle already: the
            // runtime looks for it, so the step offers to open it rather than start another.
            let moved_on =
                w.session.check_ins.iter().any(|c| c.decision == Some(crate::method::Decision::MoveOn));
            app.screen = Screen::Wizard(Box::new(w));
            app.overlay = None;
            app.leaving = None;
            if moved_on { vec![Effect::FindNextCycle] } else { Vec::new() }
        }
        Msg::NextCycleFound(found) => {
            if app.wizard().is_some()
                && let Some(line) = crate::tui::steps::next_exists_line(found.as_ref())
            {
                app.status = Status::Info(line);
            }
            if let Some(w) = app.wizard_mut() {
                w.next_cycle = found;
            }
            Vec::new()
        }
        Msg::Saved(report) => {
            saved(app, report);
            Vec::new()
        }
        Msg::SavedAs(Ok(path)) => {
            let then = if let Some(Overlay::SaveAs { then }) = app.overlay { Some(then) } else { None };
            if let Some(w) = app.wizard_mut() {
                w.dirty = false;
                w.cursor_moved = false;
                w.save_error = None;
                let line = format!(
                    "Your changes are saved in {}; {} was not updated.",
                    path.display(),
                    w.path.display()
                );
                w.elsewhere = Some(path);
                app.status = Status::Info(line);
            }
            app.overlay = None;
            app.prompt = None;
            app.leaving = then;
            Vec::new()
        }
        Msg::SavedAs(Err(e)) => {
            app.status = Status::Error(format!("Not saved there: {e}"));
            Vec::new()
        }
        Msg::Reloaded(Ok(session)) => {
            if let Some(w) = app.wizard_mut() {
                let copy = w.conflict.take();
                w.session = *session;
                w.dirty = false;
                w.cursor_moved = false;
                w.editor = None;
                w.changed = true;
                w.settle();
                app.status = Status::Info(match copy {
                    Some(c) => {
                        format!("Reloaded the file as it is on disk; your version stays in {}", c.display())
                    }
                    None => "Reloaded the file as it is on disk.".into(),
                });
            }
            app.overlay = None;
            Vec::new()
        }
        Msg::Reloaded(Err(e)) => {
            app.status = Status::Error(format!("Cannot reload: {e}"));
            Vec::new()
        }
        Msg::ReadyToLeave => match app.leaving.take() {
            Some(Leave::Quit) => {
                app.quit = true;
                Vec::new()
            }
            Some(Leave::Home) => {
                // Dropping the wizard releases the session's lock. The folder's listing (and
                // its name) arrives with ListSessions.
                app.screen = Screen::Home(Home::default());
                app.overlay = None;
                // What the line said was about the session just closed ("Opened …").
                app.status = Status::None;
                vec![Effect::ListSessions]
            }
            None => Vec::new(),
        },
        Msg::ReportWritten(Ok(path)) => {
            // Another name than the usual one: say why, so nobody looks for it in the wrong file.
            let usual = app.wizard().map(|w| crate::store::report_path(&w.path)).filter(|u| *u != path);
            let usual = usual.map(|u| u.file_name().unwrap_or_default().to_string_lossy().into_owned());
            app.status = Status::Info(report_written(&path, usual.as_deref(), app.size.0));
            Vec::new()
        }
        Msg::ReportWritten(Err(e)) | Msg::Failed(e) => {
            app.status = Status::Error(e);
            Vec::new()
        }
        Msg::Tick(now) => {
            workshop::tick(app, now);
            Vec::new()
        }
        Msg::Remote(r) => {
            crate::serve::apply(app, r);
            Vec::new()
        }
    }
}

/// `Deleted "NAME" (FILE).` for the home list's entry at `path`, sanitized and
/// short enough for an 80-column footer; with what went wrong after, if anything did.
fn deleted(app: &App, path: &std::path::Path, trouble: Option<&str>) -> String {
    use super::view::text::cut;
    let file = cut(&path.file_name().unwrap_or_default().to_string_lossy(), 30);
    let name = match &app.screen {
        Screen::Home(h) => h.entries.iter().find(|e| e.path == path).and_then(|e| e.summary.as_ref().ok()),
        Screen::Wizard(_) => None,
    };
    let said = match name {
        Some(s) => format!("Deleted \"{}\" ({file}).", cut(super::display_name(&s.name), 28)),
        None => format!("Deleted {file}."),
    };
    match trouble {
        Some(why) => format!("{said} Not all of it: {}", cut(why, 200)),
        None => said,
    }
}

/// "Report written to …" in the status line's `width` columns, what matters first: the file's
/// name and, when it is not the usual one, why (the longest wording that fits); then as much
/// of its folder as fits, cut from the start.
fn report_written(path: &std::path::Path, usual: Option<&str>, width: u16) -> String {
    use super::view::text::{cut_start, one_line};
    use unicode_width::UnicodeWidthStr;
    // The status line keeps a column for its margin.
    let room = usize::from(width).saturating_sub(1);
    let name = one_line(&path.file_name().unwrap_or_default().to_string_lossy());
    let whole = path.display().to_string();
    let head = "Report written to ";
    let reasons = match usual {
        Some(u) => {
            let u = one_line(u);
            vec![
                format!(" ({u} is not a report firstmove wrote: left as it is)"),
                format!(" ({u} is not a report firstmove wrote)"),
                format!(" ({u} is not firstmove's)"),
                " (the usual name is taken)".to_string(),
            ]
        }
        None => vec![String::new()],
    };
    for why in &reasons {
        // The folder, cut from its start, where the name and this reason leave room.
        let left = room.saturating_sub(head.width() + why.width());
        if whole.width() <= left || left > name.width() + 1 {
            return format!("{head}{}{why}", cut_start(&whole, left));
        }
        if left >= name.width() {
            return format!("{head}{name}{why}");
        }
    }
    // Nothing fits whole: the name and the shortest reason, cut at the end by the view.
    format!("{head}{name}{}", reasons.last().map_or("", String::as_str))
}

/// A save ended: the footer says how, and a failure stops any leaving in its tracks.
fn saved(app: &mut App, report: SaveReport) {
    let App { screen, overlay, status, leaving, prompt, .. } = app;
    let Screen::Wizard(w) = screen else { return };
    match report {
        SaveReport::Saved(at) => {
            w.save_error = None;
            w.conflict = None;
            // A session whose lock was lost (it kept its file) is writable again once a save
            // re-took the lock and landed.
            if w.read_only && w.file.is_some() {
                w.read_only = false;
            }
            *status = Status::Saved(at);
        }
        SaveReport::Conflict(copy) => {
            w.save_error = None;
            *status = Status::Error(format!(
                "Changed outside firstmove: your version is saved in {}. Ctrl+O: choose what to keep",
                copy.display()
            ));
            // Ask once, when it happens; later saves keep going to the copy quietly.
            if w.conflict.is_none() && overlay.is_none() {
                *overlay = Some(Overlay::Conflict);
            }
            w.conflict = Some(copy);
        }
        SaveReport::Failed(e) => {
            // While a window asks something (where to save instead), a retry that fails as
            // the last save did has nothing new to say and must not wipe what the window's
            // answer was told (a path refused).
            if !(prompt.is_some() && w.save_error.as_ref() == Some(&e)) {
                *status = Status::Error(format!("NOT SAVED: {e}"));
            }
            w.save_error = Some(e);
        }
        SaveReport::LockLost(e) => {
            // Read-only while another process may write, but the file is kept: trying again
            // (r in the "not saved" window) re-takes the lock once it can be had, and saves.
            *status = Status::Error(format!("NOT SAVED: {e}. Read-only until the lock can be taken again."));
            w.save_error = Some(e);
            w.read_only = true;
        }
    }
    if w.save_error.is_some()
        && let Some(then) = leaving.take()
    {
        *overlay = Some(Overlay::Unsaved { then });
    }
}

/// The user wants to leave the session (or quit). Changes that could not be saved make
/// that a question, never a silent loss; otherwise the runtime saves and leaves.
pub fn request_leave(app: &mut App, then: Leave) {
    // A check-in opened and left empty is not saved on the way out either.
    if let Some(w) = app.wizard_mut()
        && w.cancelled_check_in().is_some()
    {
        w.end_editing();
        w.settle();
    }
    match app.wizard() {
        Some(w) if w.save_error.is_some() && w.unsaved() => app.overlay = Some(Overlay::Unsaved { then }),
        Some(_) | None => app.leaving = Some(then),
    }
}

/// A change that leaves more check-ins before the decision (the decision date moved later) is
/// said in the footer at once: they are refused from now on, which the rows alone would show
/// only to someone looking.
fn say_check_ins_left_before(app: &mut App, f: impl FnOnce(&mut App) -> Vec<Effect>) -> Vec<Effect> {
    use crate::method::followup;
    let before = app.wizard().map(|w| followup::before_decision(&w.session));
    let effects = f(app);
    let after = app.wizard().map(|w| followup::before_decision(&w.session));
    if let (Some(before), Some(after)) = (before, after)
        && after > before
        && let Some(line) = app.wizard().and_then(|w| followup::wording::before_decision_line(&w.session))
    {
        app.status = Status::Info(line);
    }
    effects
}

/// In a read-only session every key works except those that would change it: a change is
/// undone at once and the footer says why, so nothing typed there is lost silently.
fn read_only_guard(app: &mut App, f: impl FnOnce(&mut App) -> Vec<Effect>) -> Vec<Effect> {
    let before = app.wizard().filter(|w| w.read_only).map(|w| (w.session.clone(), w.dirty));
    let effects = f(app);
    if let (Some((mut before, dirty)), Some(w)) = (before, app.wizard_mut()) {
        before.cursor = w.session.cursor.clone();
        if w.read_only && w.session != before {
            w.session = before;
            // Changes made before the lock was lost still wait for a save.
            w.dirty = dirty;
            w.editor = None;
            w.changed = true;
            w.settle();
            app.status = Status::Error(match (&w.file, &w.save_error) {
                // The lock was lost while open: the reason is the last save's, whatever it is.
                (Some(_), Some(why)) => {
                    format!("Read-only: {why}. Changes before it are kept; leaving asks, and r tries again.")
                }
                _ => "Read-only: this session is open in another firstmove. Close it there to edit here."
                    .into(),
            });
        }
    }
    effects
}

fn key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    let ctx = dispatch::context(app);
    let raw = keys::action(k, ctx);
    let action = raw.filter(|&a| dispatch::available(app, a));
    // A workshop key that does nothing here says why, rather than nothing at all.
    if action.is_none()
        && app.overlay.is_none()
        && let Some(why) = raw.and_then(|a| app.wizard().and_then(|w| workshop::unavailable(w, a)))
    {
        app.status.hint(why);
        return Vec::new();
    }
    if let Some(ov) = app.overlay {
        return match action {
            Some(Action::Quit) if overlays::quit_closes(ov) => {
                app.overlay = None;
                request_leave(app, Leave::Quit);
                Vec::new()
            }
            Some(a) => overlays::act(app, ov, a),
            None => {
                overlays::type_into(app, ov, k);
                Vec::new()
            }
        };
    }
    match &app.screen {
        Screen::Home(_) => home::act(app, action),
        Screen::Wizard(_) => wizard_key(app, k, ctx, action),
    }
}

fn wizard_key(app: &mut App, k: KeyEvent, ctx: Ctx, action: Option<Action>) -> Vec<Effect> {
    let size = app.size;
    let App { screen, overlay, status, .. } = app;
    let Screen::Wizard(w) = screen else { return Vec::new() };
    let mut effects = Vec::new();
    let primary_before = w.session.primary_constraint;
    match action {
        // Plain keys in a text field type; elsewhere a key without a binding does nothing.
        None => match ctx {
            Ctx::Text | Ctx::Multiline => type_into(w, k),
            // A character where no text goes: say what the field takes, and change nothing.
            Ctx::Browse if is_printable(k) => {
                status.hint("No field is focused: Tab or Enter goes into the form.".into());
            }
            Ctx::Choice | Ctx::Score | Ctx::Grid | Ctx::Toggle | Ctx::Button | Ctx::Reveal | Ctx::Revote
                if is_printable(k) =>
            {
                let takes = match (ctx, w.focused()) {
                    (Ctx::Choice, Some(f)) => format!("← → or 1-{}", f.choices().len()),
                    (Ctx::Score | Ctx::Grid, _) => "1-5 (0 clears)".to_string(),
                    (Ctx::Toggle, _) => "Space".to_string(),
                    _ => "Enter".to_string(),
                };
                let next = if ctx == Ctx::Grid { "cell" } else { "field" };
                status.hint(format!("Not a text field: it takes {takes}. Tab goes to the next {next}."));
            }
            _ => {}
        },
        Some(a) if steps::screen(w.step()).can(w, a) => {
            if let Some(ov) = steps::screen(w.step()).act(w, a) {
                *overlay = Some(ov);
            }
        }
        Some(Action::Quit) => {
            request_leave(app, Leave::Quit);
            return Vec::new();
        }
        Some(Action::Help) => *overlay = Some(Overlay::Help { scroll: 0 }),
        Some(Action::Jump) => *overlay = Some(Overlay::Jump { selected: w.step().index() }),
        Some(Action::NextStep) => {
            if let Some(s) = w.step().next() {
                go_to(w, s);
            }
        }
        Some(Action::PrevStep) => {
            if let Some(s) = w.step().prev() {
                go_to(w, s);
            }
        }
        Some(Action::NextField) => move_focus(w, 1, true),
        Some(Action::PrevField) => move_focus(w, -1, true),
        Some(Action::Down) => move_or_scroll(w, 1, size),
        Some(Action::Up) => move_or_scroll(w, -1, size),
        Some(Action::Activate) => next(w),
        Some(Action::Back) => {
            if w.focus.is_some() {
                w.last_focus = w.focus.take();
            } else {
                w.settle();
                request_leave(app, Leave::Home);
                return Vec::new();
            }
        }
        Some(Action::Left) => nudge(w, -1),
        Some(Action::Right | Action::Toggle) => nudge(w, 1),
        Some(Action::Digit(d)) => digit(w, d),
        Some(Action::Clear) => {
            if let Some(f) = w.focused() {
                match f.kind() {
                    Kind::Score => f.set_score(&mut w.session, None),
                    Kind::Choice => f.set_choice(&mut w.session, None),
                    Kind::Text { .. } | Kind::Toggle | Kind::Button => {}
                }
                w.touch();
            }
        }
        Some(Action::WriteReport) => effects.push(Effect::WriteReport),
        Some(Action::Serve) => {
            // The runtime starts the server after this frame and answers with the address,
            // the join code and the host key's fingerprint (`Msg::Remote`).
            app.remote.wanted = Some(None);
            *status = Status::Info("Starting to serve this session over SSH…".into());
        }
        Some(Action::ShowConflict) => *overlay = Some(Overlay::Conflict),
        Some(
            a @ (Action::PrivateRounds
            | Action::Abstain
            | Action::Clock
            | Action::MoreTime
            | Action::LessTime
            | Action::Decide
            | Action::Present),
        ) => {
            let (ov, line) = workshop::act(w, a);
            if ov == Some(Overlay::Decision) {
                app.prompt = Some(overlays::decision::prompt());
            }
            if let Some(ov) = ov {
                *overlay = Some(ov);
            }
            if let Some(line) = line {
                *status = Status::Info(line);
            }
        }
        Some(Action::PageDown) => scroll_by(w, page(size) as i32, size),
        Some(Action::PageUp) => scroll_by(w, -(page(size) as i32), size),
        Some(Action::Top) => w.scroll = 0,
        Some(Action::Bottom) => scroll_by(w, i32::from(u16::MAX), size),
        Some(Action::NewLine) => {
            if let (Some(f), Some(ed)) = (w.focused(), w.editor.as_mut()) {
                ed.area.insert_newline();
                commit_text(w, f);
            }
        }
        Some(Action::Undo) => {
            if let (Some(f), Some(ed)) = (w.focused(), w.editor.as_mut())
                && ed.area.undo()
            {
                commit_text(w, f);
            }
        }
        // Only a step (above) or an overlay handles these.
        Some(
            Action::New
            | Action::Delete
            | Action::RemoveParticipant
            | Action::Yes
            | Action::No
            | Action::Retry
            | Action::SaveElsewhere
            | Action::Discard
            | Action::Reload
            | Action::Overwrite
            | Action::AdvanceMode,
        ) => {}
    }
    if w.session.primary_constraint != primary_before {
        // An override of the suggested primary constraint goes to the decisions log.
        let now = workshop::stamp(w);
        w.session.note_primary_pick(&now);
    }
    w.settle();
    effects
}
