//! The wizard applies what the server tells it (`Msg::Remote`): a participant's ballot goes
//! through `Session::cast` / `withdraw`, the same calls the facilitator's keyboard makes, and
//! marks the session changed, so the runtime saves it through the open session's file.

use super::board::Remote;
use crate::tui::App;
use crate::tui::app::Status;

/// Who votes from their own terminal, for the wizard's rows (their values stay hidden there).
fn remote_voters(app: &mut App) {
    let people: Vec<String> = app.remote.connected.values().cloned().collect();
    if let Some(w) = app.wizard_mut() {
        w.remote_voters = people;
    }
}

pub fn apply(app: &mut App, r: Remote) {
    match r {
        Remote::Started(Ok(l)) => {
            app.status = Status::Info(format!(
                "Serving on {} · join code {} · host key {}",
                l.addr, l.code, l.fingerprint
            ));
            app.remote.listening = Some(l);
            app.remote.error = None;
        }
        Remote::Started(Err(e)) => {
            app.status = Status::Error(format!("Not serving: {e}"));
            app.remote.error = Some(e);
            app.remote.wanted = None;
        }
        Remote::Stopped(why) => {
            app.status = Status::Info(format!("Stopped serving: {why}. F6 serves the open session."));
            app.remote = Default::default();
            remote_voters(app);
        }
        Remote::Joined { conn, person } => {
            app.remote.connected.insert(conn, person);
            remote_voters(app);
        }
        Remote::Left { conn } => {
            app.remote.connected.remove(&conn);
            remote_voters(app);
        }
        Remote::Vote { person, round, subject, ballot } => {
            let Some(w) = app.wizard_mut() else { return };
            if w.read_only || w.session.workshop.rounds.get(round).is_none_or(|r| r.subject != subject) {
                return;
            }
            // A refused ballot (the round was revealed meanwhile, a value out of range, not a
            // voter) changes nothing.
            let done = match ballot {
                Some(b) => w.session.cast(round, &person, b),
                None => w.session.withdraw(round, &person),
            };
            if done.is_ok() {
                w.touch();
                w.settle();
            }
        }
    }
}
