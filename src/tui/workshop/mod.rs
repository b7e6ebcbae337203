//! Workshop mode in the wizard: private rounds on the constraint steps (`severity.rs`) and on a
//! candidate's scores (`scores.rs`), their button (`rounds.rs`) and drawing (`draw.rs`), never a
//! ballot its owner is not entering; the timebox's clock and countdown; the keys F2-F5, Ctrl+A,
//! `+` and `-`. The rules of rounds and time are the method's (`method::rounds`,
//! `method::timebox`); this module turns keys into those calls.

use std::time::{Duration, UNIX_EPOCH};

use ratatui::text::Span;

use super::app::{App, Overlay, Wizard};
use super::field::Field;
use super::keys::{Action, Ctx};
use super::theme::Theme;
use crate::method::timebox::{Meter, clock};
use crate::method::{ConstraintId, Step};
use scores::{open_scores_round, scores};
use severity::severity;

mod draw;
mod rounds;
mod scores;
mod severity;

pub use draw::{draw_ballot, ends_line, round_form, scores_form};
pub use scores::{
    hidden_cell, score_cell, scores_button, scores_fields, scores_round_act, scores_round_open,
    set_score_cell,
};
pub use severity::{ballot, round_act, round_button, round_fields, set_ballot, vote};

/// The clock as the wizard knows it: the last time the runtime said (`Msg::Tick`), and the
/// timebox's memory of the last tick. In memory only: a closed session's clock is gone.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    pub meter: Meter,
    pub now: Option<u64>,
}

/// The constraint a step rates, if it is a constraint step.
pub fn constraint_of(step: Step) -> Option<ConstraintId> {
    let first = Step::ConstraintActivation.index();
    let i = step.index().checked_sub(first)?;
    ConstraintId::ALL.get(i).copied()
}

/// Now, as a time stamp for the log and the rounds: the clock's last tick, or (before any,
/// as in tests) the session's last update, so nothing is stamped with a made-up time.
pub fn stamp(w: &Wizard) -> String {
    match w.clock.now {
        Some(t) => humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(t)).to_string(),
        None => w.session.updated_at.clone(),
    }
}

/// The runtime's clock ticked: the time since the last tick goes to the step on screen.
pub fn tick(app: &mut App, now: u64) {
    let Some(w) = app.wizard_mut() else { return };
    if w.clock.now == Some(now) {
        return;
    }
    w.clock.now = Some(now);
    if w.read_only {
        return;
    }
    let step = w.step();
    if w.session.workshop.timebox.tick(&mut w.clock.meter, step, now) > 0 {
        // Written with the next save (a change, a change of step, leaving), not every second.
        w.cursor_moved = true;
    }
}

/// The key context of a focused round button: `Reveal` while its round is open, `Revote`
/// once revealed; `None` elsewhere (and before any round: Enter opens one, as a button does).
pub fn button_ctx(w: &Wizard) -> Option<Ctx> {
    let subject = match w.focused()? {
        Field::RoundAct { constraint } => severity(constraint),
        Field::ScoresRound { candidate } => scores(&w.session, candidate)?,
        _ => return None,
    };
    let k = w.session.latest_round(&subject)?;
    Some(if w.session.workshop.rounds[k].is_open() { Ctx::Reveal } else { Ctx::Revote })
}

/// Whether the focused field holds a hidden value: a ballot, or a score cell of a candidate
/// in an open private round. ←/→ step a value up or down, which would show or change it.
pub fn hides_value(w: &Wizard) -> bool {
    match w.focused() {
        Some(Field::Ballot { .. }) => true,
        Some(Field::Score { candidate, .. }) => scores_round_open(w, candidate),
        _ => false,
    }
}

/// Ctrl+A on a ballot or a score cell in a private round: abstain, or take it back.
pub fn abstain(w: &mut Wizard) {
    match w.focused() {
        Some(Field::Score { candidate, person, .. }) => scores::abstain_scores(w, candidate, person),
        Some(Field::Ballot { constraint, person }) => severity::abstain_ballot(w, constraint, person),
        _ => {}
    }
}

/// F3: private rounds on or off for this constraint step. Switching on opens the first
/// round, unless the step already has rounds (their results show, with a re-vote button).
pub fn toggle_private(w: &mut Wizard) -> String {
    let step = w.step();
    if step == Step::Candidates {
        return toggle_private_scores(w);
    }
    let Some(c) = constraint_of(step) else { return String::new() };
    let private = !w.session.workshop.is_private(step);
    w.session.workshop.set_private(step, private);
    if private && w.session.rounds_on(&severity(c)).is_empty() {
        let now = stamp(w);
        let _ = w.session.open_round(severity(c), &now, "");
    }
    w.focus = Some(0);
    w.last_focus = None;
    w.touch();
    if private && !w.session.constraint(c).severity.is_empty() {
        "Private round: hidden until the reveal; non-voters keep their rating.".into()
    } else if private {
        "Private round on this step: each person votes in turn; nobody's value shows until the reveal.".into()
    } else {
        "Open voting on this step: everyone's severity shows as it is typed.".into()
    }
}

/// F3 in a candidate's editor: private rounds on or off for the candidates' scores; switching
/// on opens a round on this candidate if it has none.
fn toggle_private_scores(w: &mut Wizard) -> String {
    let Some(i) = w.editing_candidate() else { return String::new() };
    let private = !w.session.workshop.is_private(Step::Candidates);
    w.session.workshop.set_private(Step::Candidates, private);
    if private
        && let Some(subject) = scores(&w.session, i)
        && w.session.rounds_on(&subject).is_empty()
    {
        let now = stamp(w);
        let _ = w.session.open_round(subject, &now, "");
        if let Some(k) = w.fields().iter().position(|f| matches!(f, Field::Score { .. })) {
            w.focus = Some(k);
        }
    }
    w.touch();
    if private {
        "Private rounds on candidates' scores: each person scores on their own row; every score shows only as ●.".into()
    } else {
        "Open scoring on candidates: everyone's scores show as they are typed.".into()
    }
}

/// Whether a workshop action does something now (dispatch and the footer ask).
pub fn available(w: &Wizard, action: Action) -> bool {
    let step = w.step();
    let tb = &w.session.workshop.timebox;
    match action {
        Action::PrivateRounds if step == Step::Candidates => {
            !w.read_only && w.editing_candidate().is_some_and(|i| open_scores_round(&w.session, i).is_none())
        }
        Action::PrivateRounds => {
            !w.read_only
                && constraint_of(step).is_some_and(|c| w.session.open_round_on(&severity(c)).is_none())
        }
        Action::Abstain => match w.focused() {
            Some(Field::Ballot { constraint, .. }) => {
                w.session.open_round_on(&severity(constraint)).is_some()
            }
            Some(Field::Score { candidate, .. }) => open_scores_round(&w.session, candidate).is_some(),
            _ => false,
        },
        Action::Clock | Action::Decide => !w.read_only,
        Action::MoreTime | Action::LessTime => !w.read_only && tb.on,
        Action::Present => presentable(w),
        _ => false,
    }
}

/// Why F3 or F4 does nothing now, for the status line; `None` for other keys.
pub fn unavailable(w: &Wizard, action: Action) -> Option<String> {
    let step = w.step();
    let open = match step {
        Step::Candidates => w.editing_candidate().is_some_and(|i| open_scores_round(&w.session, i).is_some()),
        step => constraint_of(step).is_some_and(|c| w.session.open_round_on(&severity(c)).is_some()),
    };
    let on_rounds = constraint_of(step).is_some() || w.editing_candidate().is_some();
    Some(match action {
        Action::PrivateRounds if w.read_only => return None,
        Action::PrivateRounds if open => {
            "F3: a round is open here. Reveal it first (its button), then F3 switches private rounds off."
                .into()
        }
        Action::PrivateRounds if step == Step::Candidates => {
            "F3 works in a candidate's editor: open a candidate (Enter), then F3.".into()
        }
        Action::PrivateRounds if !on_rounds => {
            "F3: private rounds are for the constraint steps and a candidate's scores.".into()
        }
        Action::Present if open => {
            "F4: nothing to present yet. The round is hidden until it is revealed.".into()
        }
        Action::Present => {
            "F4 presents a revealed private round, the ranking or the recommendation; there is none here."
                .into()
        }
        _ => return None,
    })
}

/// Whether this step has something for the presentation view: a revealed round, the
/// ranking, the recommendation.
pub fn presentable(w: &Wizard) -> bool {
    match w.step() {
        Step::Ranking | Step::Recommendation => true,
        Step::Candidates => w.editing_candidate().is_some_and(|i| {
            w.session.workshop.is_private(Step::Candidates)
                && scores(&w.session, i)
                    .and_then(|subject| w.session.latest_round(&subject))
                    .is_some_and(|k| !w.session.workshop.rounds[k].is_open())
        }),
        step => constraint_of(step).is_some_and(|c| {
            w.session.workshop.is_private(step)
                && w.session
                    .latest_round(&severity(c))
                    .is_some_and(|i| !w.session.workshop.rounds[i].is_open())
        }),
    }
}

/// Carries out a workshop action in the wizard; returns the overlay to open, if any, and
/// a line for the footer.
pub fn act(w: &mut Wizard, action: Action) -> (Option<Overlay>, Option<String>) {
    let step = w.step();
    match action {
        Action::PrivateRounds => (None, Some(toggle_private(w))),
        Action::Abstain => {
            abstain(w);
            (None, None)
        }
        Action::Clock => {
            let now = w.clock.now.unwrap_or(0);
            let tb = &mut w.session.workshop.timebox;
            let line = if !tb.on {
                tb.start(&mut w.clock.meter, now);
                "Clock started: the time on each step counts from now (F5 pauses)."
            } else if tb.paused {
                tb.set_paused(&mut w.clock.meter, step, false, now);
                "Clock running again."
            } else {
                tb.set_paused(&mut w.clock.meter, step, true, now);
                "Clock paused: F5 resumes."
            };
            if w.clock.now.is_none() {
                // No tick yet (a key right after opening): count from the first tick, not 0.
                w.clock.meter.stop();
            }
            w.touch();
            (None, Some(line.into()))
        }
        Action::MoreTime | Action::LessTime => {
            let delta = if action == Action::MoreTime { 1 } else { -1 };
            w.session.workshop.timebox.adjust(step, delta);
            w.touch();
            let planned = w.session.workshop.timebox.planned(step);
            (None, Some(format!("{planned} min planned for this step.")))
        }
        Action::Decide => (Some(Overlay::Decision), None),
        Action::Present => (Some(Overlay::Present { scroll: 0 }), None),
        _ => (None, None),
    }
}

/// The header's countdown, once the clock was started: time left on this step, or over.
pub fn countdown(w: &Wizard, theme: Theme) -> Option<Span<'static>> {
    let tb = &w.session.workshop.timebox;
    if !tb.on {
        return None;
    }
    let left = tb.remaining(w.step());
    let pause = if tb.paused { " paused" } else { "" };
    Some(if left >= 0 {
        Span::styled(format!(" ⏱ {} left{pause} ", clock(left as u64)), theme.text())
    } else {
        // Over: reverse video reads on any background and without colour. Nothing blocks.
        Span::styled(format!(" ⏱ {} OVER{pause} ", clock(left.unsigned_abs())), theme.over())
    })
}
