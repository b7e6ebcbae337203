//! What the server may know of the session (a [`Board`], rebuilt from the wizard after each
//! frame), what comes back from participants ([`Remote`]), and what the facilitator's screen
//! keeps of the serving ([`Presence`]).

use std::collections::BTreeMap;
use std::net::SocketAddr;

use crate::method::model::ParticipantId;
use crate::method::rounds::{Ballot, Round, Subject};
use crate::method::{Session, Step};
use crate::sanitize;
use crate::tui::App;
use crate::tui::app::Wizard;
use crate::tui::workshop::constraint_of;

/// The session as participants' screens need it: who may vote, and the round on the
/// facilitator's screen. It holds every ballot of that round (the server is the
/// facilitator's own process); a participant's screen shows only its owner's until the
/// reveal (`screen.rs`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Board {
    /// A session is open in the wizard.
    pub open: bool,
    pub people: Vec<Person>,
    /// The round on the facilitator's screen, if the step there votes in private rounds.
    pub round: Option<OnScreen>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: ParticipantId,
    /// The name as shown, stripped of control characters.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OnScreen {
    /// Index into `session.workshop.rounds`.
    pub index: usize,
    /// 1 for the first round on its subject, 2 for the first re-vote…
    pub number: usize,
    /// The candidate's title for a round on scores (empty for a severity).
    pub candidate: String,
    pub round: Round,
}

/// The address the server listens on, its join code and its host key's fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listening {
    pub addr: SocketAddr,
    pub code: String,
    pub fingerprint: String,
}

/// What the server tells the wizard's loop (as `Msg::Remote`).
#[derive(Debug, Clone, PartialEq)]
pub enum Remote {
    /// The server is listening, or why it could not.
    Started(Result<Listening, String>),
    /// The server stopped (the served session was closed), and why.
    Stopped(String),
    /// Connection `conn` is now `person` (the server refuses a second claim on one person).
    Joined { conn: u64, person: ParticipantId },
    /// Connection `conn` closed, or its person chose again.
    Left { conn: u64 },
    /// `person`'s whole ballot in round `round` (on `subject`, checked before it is cast):
    /// `None` takes it back.
    Vote { person: ParticipantId, round: usize, subject: Subject, ballot: Option<Ballot> },
}

/// The facilitator's side of serving, kept in `App`: asked for, listening, who is connected.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Presence {
    /// The facilitator asked to serve (F6, or `firstmove serve`), on this address
    /// (`None`: loopback, port 2222 or any free one).
    pub wanted: Option<Option<SocketAddr>>,
    pub listening: Option<Listening>,
    pub error: Option<String>,
    /// Each connection that has said who it is.
    pub connected: BTreeMap<u64, ParticipantId>,
}

impl Presence {
    pub fn is_connected(&self, person: &str) -> bool {
        self.connected.values().any(|p| p == person)
    }
}

/// The board for the wizard's state now.
pub fn board(app: &App) -> Board {
    let Some(w) = app.wizard() else { return Board::default() };
    let s = &w.session;
    let people = s
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| Person {
            id: p.id.clone(),
            label: sanitize::clean(&s.participant_label(i)).into_owned(),
        })
        .collect();
    let round = subject_on_screen(w).and_then(|subject| {
        let index = s.latest_round(&subject)?;
        let candidate = match &subject {
            Subject::Scores(id) => s
                .candidate_index(id)
                .map_or(String::new(), |i| sanitize::clean(s.candidates[i].title.trim()).into_owned()),
            Subject::Severity(_) => String::new(),
        };
        Some(OnScreen {
            index,
            number: s.rounds_on(&subject).len(),
            candidate,
            round: s.workshop.rounds[index].clone(),
        })
    });
    Board { open: true, people, round }
}

/// The subject of the private rounds on the facilitator's screen: the constraint step's
/// severity, or the scores of the candidate open in the editor.
pub fn subject_on_screen(w: &Wizard) -> Option<Subject> {
    let s: &Session = &w.session;
    let step = w.step();
    if !s.workshop.is_private(step) {
        return None;
    }
    if step == Step::Candidates {
        let i = w.editing_candidate()?;
        return Some(Subject::Scores(s.candidates[i].id.clone()));
    }
    constraint_of(step).map(Subject::Severity)
}

/// The facilitator's line while serving, long and short: how to join, the code, who is
/// connected, and (✓) who of them is done in the round on screen. Never a value.
pub fn summary(app: &App) -> Option<(String, String)> {
    use crate::method::rounds::VoterStatus;
    let l = app.remote.listening.as_ref()?;
    let w = app.wizard()?;
    let s = &w.session;
    let round = subject_on_screen(w).and_then(|sub| s.open_round_on(&sub)).map(|i| &s.workshop.rounds[i]);
    let on: Vec<String> = s
        .participants
        .iter()
        .enumerate()
        .filter(|(_, p)| app.remote.is_connected(&p.id))
        .map(|(i, p)| {
            let done =
                round.is_some_and(|r| matches!(r.status(&p.id), VoterStatus::Voted | VoterStatus::Abstained));
            format!("{}{}", sanitize::clean(&s.participant_label(i)), if done { " ✓" } else { "" })
        })
        .collect();
    let (host, port) = (l.addr.ip(), l.addr.port());
    let who =
        if on.is_empty() { "nobody connected yet".to_string() } else { format!("on: {}", on.join(", ")) };
    let long = format!(" ssh -p {port} NAME@{host} · code {} · {who}", l.code);
    let short = format!(" ssh :{port} · code {} · {} on", l.code, on.len());
    Some((long, short))
}
