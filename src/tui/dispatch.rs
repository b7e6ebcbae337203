//! Which key context the app is in, and whether an action does something there now. Key
//! dispatch and the footer both ask these, so a hint is shown exactly when its key works.

use super::app::{App, Screen, Wizard};
use super::field::{Field, Kind};
use super::keys::{Action, Ctx};
use super::{overlays, steps, view};

pub fn context(app: &App) -> Ctx {
    if let Some(ov) = app.overlay {
        return overlays::ctx(ov);
    }
    let Some(w) = app.wizard() else { return Ctx::Home };
    match w.focused() {
        // A tie at the top of the ranking leaves its screen one that is read.
        None if w.fields().iter().all(|f| matches!(f, Field::TiePick { .. })) => Ctx::Reading,
        None => Ctx::Browse,
        Some(f) => match f.kind() {
            Kind::Text { multiline: true } => Ctx::Multiline,
            Kind::Text { multiline: false } => Ctx::Text,
            Kind::Choice => Ctx::Choice,
            Kind::Score if matches!(f, Field::Score { .. }) => Ctx::Grid,
            Kind::Score => Ctx::Score,
            Kind::Toggle => Ctx::Toggle,
            // A private round's button says what Enter does to its round.
            Kind::Button if matches!(f, Field::TiePick { .. }) => Ctx::Pick,
            Kind::Button => super::workshop::button_ctx(w).unwrap_or(Ctx::Button),
        },
    }
}

/// Whether `action` does something in the app's current state.
pub fn available(app: &App, action: Action) -> bool {
    if let Some(ov) = app.overlay {
        return overlays::available(app, ov, action);
    }
    if action == Action::Serve {
        return cfg!(feature = "serve")
            && app.remote.wanted.is_none()
            && app.wizard().is_some_and(|w| !w.read_only);
    }
    match &app.screen {
        Screen::Home(h) => match action {
            Action::Activate => h.selected < h.rows(),
            Action::Delete => h.selected < h.entries.len(),
            Action::Up | Action::PrevField => h.selected > 0,
            Action::Down | Action::NextField => h.selected + 1 < h.rows(),
            _ => true,
        },
        Screen::Wizard(w) => in_wizard(w, action, app.size),
    }
}

fn in_wizard(w: &Wizard, action: Action, size: (u16, u16)) -> bool {
    let step = steps::screen(w.step());
    if step.can(w, action) {
        return true;
    }
    let kind = w.focused().map(|f| f.kind());
    let has_fields = !w.fields().is_empty();
    match action {
        Action::Quit | Action::Help | Action::Jump | Action::Back | Action::WriteReport => true,
        // With one field, Tab only matters while nothing is focused.
        Action::NextField | Action::PrevField => {
            let n = w.fields().len();
            n > 1 || (n == 1 && w.focus.is_none())
        }
        Action::NextStep => w.step().next().is_some(),
        Action::PrevStep => w.step().prev().is_some(),
        // Enter moves on: to the next field, or to the next step from the last one.
        Action::Activate => match kind {
            Some(Kind::Button) => false,
            Some(_) => true,
            None => has_fields || w.step().next().is_some(),
        },
        Action::Up | Action::Down => {
            let n = w.fields().len();
            let max = step.max_scroll(w, view::step_area(size));
            match (w.focus, action) {
                (_, Action::Up) if n == 0 => w.scroll > 0,
                (_, _) if n == 0 => w.scroll < max,
                (None, _) => true,
                (Some(i), Action::Up) => i > 0,
                (Some(i), _) => i + 1 < n,
            }
        }
        // Paging is for the screens that are read.
        Action::PageUp | Action::Top => !has_fields && w.scroll > 0,
        Action::PageDown | Action::Bottom => {
            !has_fields && w.scroll < step.max_scroll(w, view::step_area(size))
        }
        Action::Undo => w.editor.is_some(),
        Action::NewLine => matches!(kind, Some(Kind::Text { multiline: true })) && w.editor.is_some(),
        Action::AdvanceMode => false,
        // Not on a hidden vote: stepping it up or down would show or change it.
        Action::Left | Action::Right => {
            matches!(kind, Some(Kind::Choice | Kind::Score | Kind::Toggle))
                && !super::workshop::hides_value(w)
        }
        Action::Digit(d) => match (kind, w.focused()) {
            (Some(Kind::Score), _) => true,
            (Some(Kind::Choice), Some(f)) => d == 0 || usize::from(d) <= f.choices().len(),
            _ => false,
        },
        Action::Clear => {
            matches!(kind, Some(Kind::Score | Kind::Choice))
                && w.focused().is_some_and(|f| f.is_set(&w.session))
        }
        Action::Toggle => matches!(kind, Some(Kind::Choice | Kind::Toggle)),
        // The step's own actions: only where `can` said yes above.
        Action::New | Action::Delete | Action::RemoveParticipant => false,
        Action::ShowConflict => w.conflict.is_some(),
        Action::PrivateRounds
        | Action::Abstain
        | Action::Clock
        | Action::MoreTime
        | Action::LessTime
        | Action::Decide
        | Action::Present => super::workshop::available(w, action),
        // Asked of the app, above.
        Action::Serve => false,
        // Dialog answers: only while their window is open.
        Action::Yes
        | Action::No
        | Action::Retry
        | Action::SaveElsewhere
        | Action::Discard
        | Action::Reload
        | Action::Overwrite => false,
    }
}
