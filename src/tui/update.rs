//! `update`: the only place the model changes. Pure: no terminal, no files; work that needs
//! the outside world is returned as `Effect`s.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::{App, Home, Overlay, Screen, Status, Wizard};
use super::form::{self, Field, Kind};
use super::keys::{self, Action, Ctx, HELP};
use crate::method::rules::effective_primary;
use crate::method::{Candidate, Participant, Step, playbook};

pub fn update(app: &mut App, msg: super::Msg) -> Vec<super::Effect> {
    use super::Msg;
    match msg {
        Msg::Key(k) if k.kind == KeyEventKind::Press => read_only_guard(app, |app| key(app, k)),
        Msg::Key(_) | Msg::Resize => Vec::new(),
        Msg::Paste(text) => read_only_guard(app, |app| {
            paste(app, &text);
            Vec::new()
        }),
        Msg::Listed(result, dir) => {
            let entries = result.unwrap_or_else(|e| {
                app.status = Status::Error(e);
                Vec::new()
            });
            let selected = match &app.screen {
                Screen::Home(h) => h.selected.min(entries.len().saturating_sub(1)),
                Screen::Wizard(_) => 0,
            };
            app.screen = Screen::Home(Home { entries, selected, dir });
            Vec::new()
        }
        Msg::Opened(path, session, access) => {
            let read_only = matches!(access, super::msg::Access::ReadOnly);
            app.status = Status::Info(if read_only {
                "Open in another firstmove, so opened read-only here: close it there to edit.".to_string()
            } else {
                format!("Opened {}", path.display())
            });
            let mut w = Wizard::open(path, *session);
            w.read_only = read_only;
            w.lock = match access {
                super::msg::Access::Owned(lock) => Some(lock),
                _ => None,
            };
            app.screen = Screen::Wizard(Box::new(w));
            app.overlay = None;
            Vec::new()
        }
        Msg::Saved(Ok(at)) => {
            app.status = Status::Saved(at);
            Vec::new()
        }
        Msg::Saved(Err(e)) => {
            app.status = Status::Error(format!("NOT SAVED: {e}"));
            Vec::new()
        }
        Msg::ReportWritten(Ok(path)) => {
            app.status = Status::Info(format!("Report written to {}", path.display()));
            Vec::new()
        }
        Msg::ReportWritten(Err(e)) | Msg::Failed(e) => {
            app.status = Status::Error(e);
            Vec::new()
        }
    }
}

/// In a read-only session every key works except those that would change it: a change is
/// undone at once and the footer says why, so nothing typed there is lost silently.
fn read_only_guard(app: &mut App, f: impl FnOnce(&mut App) -> Vec<super::Effect>) -> Vec<super::Effect> {
    let before = app.wizard().filter(|w| w.read_only).map(|w| w.session.clone());
    let effects = f(app);
    if let (Some(mut before), Some(w)) = (before, app.wizard_mut()) {
        before.cursor = w.session.cursor.clone();
        if w.read_only && w.session != before {
            w.session = before;
            w.dirty = false;
            w.editor = None;
            w.sync_editor();
            w.derived = super::app::Derived::of(&w.session);
            app.status = Status::Error(
                "Read-only: this session is open in another firstmove. Close it there to edit here.".into(),
            );
        }
    }
    effects
}

fn key(app: &mut App, k: KeyEvent) -> Vec<super::Effect> {
    if k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c') {
        app.quit = true;
        return Vec::new();
    }
    if let Some(ov) = app.overlay {
        return overlay_key(app, ov, k);
    }
    match &mut app.screen {
        Screen::Home(_) => home_key(app, k),
        Screen::Wizard(_) => wizard_key(app, k),
    }
}

fn home_key(app: &mut App, k: KeyEvent) -> Vec<super::Effect> {
    use super::Effect;
    let Screen::Home(home) = &mut app.screen else { return Vec::new() };
    let n = home.entries.len();
    match keys::action(k, Ctx::Home) {
        Some(Action::Quit | Action::Back) => app.quit = true,
        Some(Action::Help) => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Some(Action::Up | Action::PrevField) => home.selected = home.selected.saturating_sub(1),
        Some(Action::Down | Action::NextField) => {
            home.selected = (home.selected + 1).min(n.saturating_sub(1))
        }
        Some(Action::Activate) if n > 0 => {
            return vec![Effect::Open(home.entries[home.selected].path.clone())];
        }
        Some(Action::New) => return vec![Effect::NewSession],
        Some(Action::Delete) if n > 0 => app.overlay = Some(Overlay::ConfirmDeleteSession),
        _ => {}
    }
    Vec::new()
}

fn overlay_key(app: &mut App, ov: Overlay, k: KeyEvent) -> Vec<super::Effect> {
    let a = keys::action(k, Ctx::Overlay);
    match ov {
        Overlay::Help { scroll } => {
            let max = HELP.iter().map(|(_, items)| items.len() as u16 + 2).sum::<u16>();
            app.overlay = match a {
                Some(Action::Back) => None,
                Some(Action::Up) => Some(Overlay::Help { scroll: scroll.saturating_sub(1) }),
                Some(Action::Down) => Some(Overlay::Help { scroll: (scroll + 1).min(max) }),
                _ => Some(ov),
            };
        }
        Overlay::Jump { selected } => {
            let last = Step::ALL.len() - 1;
            app.overlay = match a {
                Some(Action::Back) => None,
                Some(Action::Up) => Some(Overlay::Jump { selected: selected.saturating_sub(1) }),
                Some(Action::Down) => Some(Overlay::Jump { selected: (selected + 1).min(last) }),
                Some(Action::Activate) => {
                    if let Some(w) = app.wizard_mut() {
                        go_to(w, Step::ALL[selected]);
                    }
                    None
                }
                _ => Some(ov),
            };
        }
        Overlay::ConfirmDeleteSession
        | Overlay::ConfirmDeleteCandidate(_)
        | Overlay::ConfirmRemoveParticipant(_) => match a {
            Some(Action::Yes) => {
                app.overlay = None;
                return confirmed(app, ov);
            }
            Some(Action::No | Action::Back) => app.overlay = None,
            _ => {}
        },
    }
    Vec::new()
}

fn confirmed(app: &mut App, ov: Overlay) -> Vec<super::Effect> {
    match (&mut app.screen, ov) {
        (Screen::Home(home), Overlay::ConfirmDeleteSession) => {
            if let Some(e) = home.entries.get(home.selected) {
                return vec![super::Effect::Delete(e.path.clone())];
            }
        }
        (Screen::Wizard(w), Overlay::ConfirmDeleteCandidate(i)) if i < w.session.candidates.len() => {
            w.session.candidates.remove(i);
            w.editing = match w.editing {
                Some(e) if e == i => None,
                Some(e) if e > i => Some(e - 1),
                e => e,
            };
            w.touch();
            after_change(w);
        }
        (Screen::Wizard(w), Overlay::ConfirmRemoveParticipant(p)) => {
            w.session.remove_participant(p);
            w.touch();
            after_change(w);
        }
        _ => {}
    }
    Vec::new()
}

/// Re-establishes the invariants after any change: focus on a real field, cursor recorded,
/// an editor exactly when a text field is focused.
fn after_change(w: &mut Wizard) {
    w.clamp_focus();
    w.record_cursor();
    w.sync_editor();
    if w.changed {
        w.derived = super::app::Derived::of(&w.session);
        w.changed = false;
    }
}

fn wizard_key(app: &mut App, k: KeyEvent) -> Vec<super::Effect> {
    let Screen::Wizard(w) = &mut app.screen else { return Vec::new() };
    let focused = w.focused();
    let in_text = focused.is_some_and(Field::is_text);
    let action = keys::action(k, if in_text { Ctx::Text } else { Ctx::Wizard });
    let mut effects = Vec::new();
    match (action, focused) {
        (None, Some(f)) if in_text => {
            if let Some(ov) = text_key(w, f, k) {
                app.overlay = Some(ov);
            }
        }
        (None, _) => {}
        (Some(Action::Quit), _) => app.quit = true,
        (Some(Action::Help), _) => app.overlay = Some(Overlay::Help { scroll: 0 }),
        (Some(Action::Jump), _) => app.overlay = Some(Overlay::Jump { selected: w.step().index() }),
        (Some(Action::NextStep), _) => {
            if let Some(s) = w.step().next() {
                go_to(w, s);
            }
        }
        (Some(Action::PrevStep), _) => {
            if let Some(s) = w.step().prev() {
                go_to(w, s);
            }
        }
        (Some(Action::NextField), _) => move_focus(w, 1, true),
        (Some(Action::PrevField), _) => move_focus(w, -1, true),
        (Some(Action::Down), _) => move_focus(w, 1, false),
        (Some(Action::Up), _) => move_focus(w, -1, false),
        (Some(Action::Activate), f) => activate(w, f),
        (Some(Action::Back), f) => {
            if f.is_some() {
                w.focus = None;
            } else if let Some(i) = w.editing.take() {
                let rows = w.fields();
                w.focus = rows.iter().position(|r| *r == Field::CandidateRow(i)).or(Some(0));
            } else {
                if w.dirty && !w.read_only {
                    effects.push(super::Effect::Save(w.path.clone(), Box::new(w.session.clone())));
                }
                effects.push(super::Effect::ListSessions);
                // The folder's listing (and its name) arrives with ListSessions.
                app.screen = Screen::Home(Home::default());
                return effects;
            }
        }
        (Some(Action::Left), Some(f)) => nudge(w, f, -1),
        (Some(Action::Right), Some(f)) => nudge(w, f, 1),
        (Some(Action::Toggle), Some(f)) if matches!(f.kind(), Kind::Choice | Kind::Toggle) => nudge(w, f, 1),
        (Some(Action::Digit(d)), Some(f)) => match f.kind() {
            Kind::Score => {
                f.set_score(&mut w.session, Some(d));
                w.touch();
                if let Some(i) = w.focus
                    && w.fields().get(i + 1).is_some_and(|n| n.kind() == Kind::Score)
                {
                    w.focus = Some(i + 1);
                }
            }
            Kind::Choice if usize::from(d) <= form::choice_labels(f).len() => {
                form::choice_set(f, &mut w.session, Some(usize::from(d) - 1));
                w.touch();
            }
            _ => {}
        },
        (Some(Action::Clear), Some(f)) => match f.kind() {
            Kind::Score => {
                f.set_score(&mut w.session, None);
                w.touch();
            }
            Kind::Choice => {
                form::choice_set(f, &mut w.session, None);
                w.touch();
            }
            _ => {}
        },
        (Some(Action::New), _) if w.step() == Step::Candidates && w.editing.is_none() => {
            add_candidate(w, None)
        }
        (Some(Action::Delete), Some(Field::CandidateRow(i))) => {
            app.overlay = Some(Overlay::ConfirmDeleteCandidate(i));
        }
        (Some(Action::Delete), Some(_)) if w.editing.is_some() => {
            app.overlay = w.editing.map(Overlay::ConfirmDeleteCandidate);
        }
        (Some(Action::WriteReport), _) => effects.push(super::Effect::WriteReport),
        _ => {}
    }
    if let Screen::Wizard(w) = &mut app.screen {
        after_change(w);
    }
    effects
}

/// Keys typed into a text field. Returns an overlay to open, if any.
fn text_key(w: &mut Wizard, f: Field, k: KeyEvent) -> Option<Overlay> {
    let multiline = f.kind() == (Kind::Text { multiline: true });
    if !multiline {
        // A one-line field has no use for Enter, ↑ or ↓: they move between fields.
        match k.code {
            KeyCode::Enter => activate(w, Some(f)),
            KeyCode::Down => move_focus(w, 1, false),
            KeyCode::Up => move_focus(w, -1, false),
            _ => {}
        }
        if matches!(k.code, KeyCode::Enter | KeyCode::Down | KeyCode::Up) {
            return None;
        }
    }
    if let Field::Participant(p) = f
        && k.modifiers.contains(KeyModifiers::CONTROL)
        && k.code == KeyCode::Char('d')
    {
        if w.session.participants.len() <= 1 {
            return None;
        }
        let pid = &w.session.participants[p].id;
        let has_scores = w.session.constraints.iter().any(|c| c.severity.contains_key(pid))
            || w.session.candidates.iter().any(|c| c.scores.contains_key(pid));
        if has_scores {
            return Some(Overlay::ConfirmRemoveParticipant(p));
        }
        w.session.remove_participant(p);
        w.touch();
        return None;
    }
    let ed = w.editor.as_mut()?;
    if ed.area.input(k) {
        commit_text(w, f, !multiline);
    }
    None
}

fn paste(app: &mut App, text: &str) {
    let Some(w) = app.wizard_mut() else { return };
    let Some(f) = w.focused().filter(|f| f.is_text()) else {
        app.status = Status::Info("Paste goes into a text field: move to one first (Tab).".into());
        return;
    };
    let multiline = f.kind() == (Kind::Text { multiline: true });
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = if multiline { text } else { text.replace('\n', " ") };
    if let Some(ed) = w.editor.as_mut()
        && ed.area.insert_str(&text)
    {
        commit_text(w, f, !multiline);
    }
    after_change(w);
}

/// Copies the editor's text into the session.
fn commit_text(w: &mut Wizard, f: Field, single_line: bool) {
    let Some(ed) = w.editor.as_mut() else { return };
    if single_line && ed.area.lines().len() > 1 {
        // Ctrl+M and friends can still split a short field: fold it back onto one line.
        let joined = ed.area.lines().join(" ");
        *ed = super::app::Editor::new(f, &joined);
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
    w.editing = None;
    w.scroll = 0;
    w.focus = if w.fields().is_empty() { None } else { Some(0) };
    after_change(w);
}

fn move_focus(w: &mut Wizard, delta: isize, wrap: bool) {
    let n = w.fields().len();
    if n == 0 {
        // Read-only screens scroll instead.
        w.scroll = w.scroll.saturating_add_signed(delta as i16);
        return;
    }
    w.focus = Some(match w.focus {
        None => {
            if delta > 0 {
                0
            } else {
                n - 1
            }
        }
        Some(i) => {
            let j = i as isize + delta;
            if wrap { j.rem_euclid(n as isize) as usize } else { j.clamp(0, n as isize - 1) as usize }
        }
    });
}

/// Enter: press the focused button, or move on to the next field, or to the next step.
fn activate(w: &mut Wizard, f: Option<Field>) {
    match f {
        Some(Field::AddParticipant) => {
            let id = w.session.fresh_participant_id();
            w.session.participants.push(Participant { id, name: String::new() });
            w.touch();
            let n = w.session.participants.len();
            w.focus = w.fields().iter().position(|f| *f == Field::Participant(n - 1));
        }
        Some(Field::CandidateRow(i)) => {
            w.editing = Some(i);
            w.focus = Some(0);
        }
        Some(Field::SuggestionRow(k)) => {
            let title = effective_primary(&w.session)
                .and_then(|p| playbook().constraint(p).suggestions.get(k).cloned());
            add_candidate(w, title);
        }
        Some(Field::NewCandidate) => add_candidate(w, None),
        _ => {
            let n = w.fields().len();
            match w.focus {
                None if n > 0 => w.focus = Some(0),
                Some(i) if i + 1 < n => w.focus = Some(i + 1),
                Some(_) if w.editing.is_some() => {
                    let i = w.editing.take();
                    w.focus = w.fields().iter().position(|r| Some(*r) == i.map(Field::CandidateRow));
                }
                _ => {
                    if let Some(s) = w.step().next() {
                        go_to(w, s);
                    }
                }
            }
        }
    }
}

fn add_candidate(w: &mut Wizard, title: Option<String>) {
    let Some(constraint) = effective_primary(&w.session) else { return };
    let id = w.session.fresh_candidate_id();
    w.session.candidates.push(Candidate {
        id,
        title: title.unwrap_or_default(),
        constraint,
        scores: Default::default(),
        behavior: String::new(),
        metric: String::new(),
        risk: String::new(),
        checklist: Vec::new(),
        baseline: String::new(),
        target: String::new(),
    });
    w.touch();
    w.editing = Some(w.session.candidates.len() - 1);
    w.focus = Some(0);
}

fn toggle_check(w: &mut Wizard, i: usize, item: usize) {
    let Some(c) = w.session.candidates.get_mut(i) else { return };
    let Some(id) = playbook().constraint(c.constraint).checklist.get(item).map(|x| x.id.clone()) else {
        return;
    };
    if let Some(pos) = c.checklist.iter().position(|x| *x == id) {
        c.checklist.remove(pos);
    } else {
        c.checklist.push(id);
    }
    w.touch();
}

/// ←/→ on a choice cycles its options; on a score lowers or raises it.
fn nudge(w: &mut Wizard, f: Field, delta: i8) {
    match f.kind() {
        Kind::Choice => {
            let n = form::choice_labels(f).len();
            let next = match (form::choice_get(f, &w.session), delta > 0) {
                (None, true) => 0,
                (None, false) => n - 1,
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
            };
            form::choice_set(f, &mut w.session, Some(next));
            w.touch();
        }
        Kind::Score => {
            let v = match (f.score(&w.session), delta > 0) {
                (None, true) => Some(1),
                (None, false) => None,
                (Some(5), true) => Some(5),
                (Some(1), false) => None,
                (Some(v), true) => Some(v + 1),
                (Some(v), false) => Some(v - 1),
            };
            f.set_score(&mut w.session, v);
            w.touch();
        }
        Kind::Toggle => {
            if let Field::Check(i, item) = f {
                toggle_check(w, i, item);
            }
        }
        _ => {}
    }
}
