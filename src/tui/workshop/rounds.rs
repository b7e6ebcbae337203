//! What the round button does and says, for any subject: open the first round, reveal the
//! open one (forced when someone is missing), or open a re-vote with its reason.

use crate::method::rounds::{Round, Subject};
use crate::method::{Session, playbook};
use crate::tui::app::Wizard;

/// The button's words for `subject`; `first` opens the first round.
pub fn button(s: &Session, subject: &Subject, first: &str) -> String {
    let n = s.rounds_on(subject).len();
    match s.latest_round(subject).map(|k| &s.workshop.rounds[k]) {
        None => first.into(),
        Some(r) if r.is_open() => match r.progress() {
            (done, all) if done == all => format!("→ Reveal round {n}: everyone is done"),
            (done, all) => format!("→ Reveal round {n} now ({done} of {all} done; the rest: not voted)"),
        },
        Some(_) => format!("→ Re-vote: open round {} (earlier rounds are kept)", n + 1),
    }
}

/// Enter on the button: reveals the open round (returns `false`), or opens the next one
/// (returns `true`), a re-vote logged with the reason drawn from the round before.
pub fn advance(w: &mut Wizard, subject: Subject) -> bool {
    let now = super::stamp(w);
    let opened = match w.session.latest_round(&subject) {
        Some(k) if w.session.workshop.rounds[k].is_open() => {
            let _ = w.session.reveal(k, &now);
            false
        }
        latest => {
            let reason =
                latest.map_or(String::new(), |k| revote_reason(&w.session, &w.session.workshop.rounds[k]));
            let _ = w.session.open_round(subject, &now, &reason);
            true
        }
    };
    w.touch();
    opened
}

/// Why a re-vote is taken, from the round before it: its widest spread and who sat at each
/// end ("the previous round's spread was 4 (Maya at 1; Tomás at 5)", with the dimension
/// named for a candidate's scores).
pub fn revote_reason(s: &Session, r: &Round) -> String {
    let name = |pid: &str| {
        s.participants.iter().position(|p| p.id == pid).map_or(pid.to_string(), |i| s.participant_label(i))
    };
    let items = r.items();
    // The widest spread; on a tie, the first dimension (max_by_key keeps the last of equals).
    let widest =
        items.iter().rev().filter(|it| it.tally.is_some()).max_by_key(|it| it.tally.map_or(0, |t| t.spread));
    let Some(item) = widest else { return "nobody voted in the previous round".into() };
    let Some(t) = item.tally.filter(|t| t.spread > 0) else {
        return "the previous round agreed; the room asked to vote again".into();
    };
    let at = |who: &[String]| {
        let names: Vec<String> = who.iter().map(|p| name(p)).collect();
        let v = who.first().and_then(|p| r.value(p, item.dimension));
        format!("{} at {}", names.join(", "), v.map_or("?".into(), |v| v.to_string()))
    };
    let on = item.dimension.map_or(String::new(), |d| format!(" on {}", playbook().dimension(d).short));
    format!("the previous round's spread was {}{on} ({}; {})", t.spread, at(&item.low), at(&item.high))
}
