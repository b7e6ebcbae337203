//! Workshop mode in the wizard: private rounds on the constraint steps (ballots, reveal,
//! re-vote), the timebox's clock and countdown, and the keys that start them. The rules of
//! rounds and time are the method's (`method::rounds`, `method::timebox`); this file turns
//! keys into those calls and draws what they hold, never a ballot its owner is not entering.

use std::time::{Duration, UNIX_EPOCH};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Overlay, Wizard};
use super::field::Field;
use super::keys::Action;
use super::theme::Theme;
use super::view::Form;
use super::view::text::fit;
use super::view::widgets::LABEL;
use crate::method::rounds::{Ballot, Round, Subject, VoterStatus, convergence};
use crate::method::thresholds::DISCUSS_SPREAD;
use crate::method::timebox::{Meter, clock};
use crate::method::{ConstraintId, Session, Step, playbook};
use crate::report::fmt_median;

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

fn severity(c: ConstraintId) -> Subject {
    Subject::Severity(c)
}

fn open_round(s: &Session, c: ConstraintId) -> Option<&Round> {
    s.open_round_on(&severity(c)).map(|i| &s.workshop.rounds[i])
}

/// A ballot's value in the open round on `c` (the field's reader).
pub fn ballot(s: &Session, c: ConstraintId, person: usize) -> Option<u8> {
    let pid = &s.participants.get(person)?.id;
    open_round(s, c)?.value(pid, None)
}

/// Casts (`Some`) or withdraws (`None`) a ballot in the open round on `c` (the field's writer).
pub fn set_ballot(s: &mut Session, c: ConstraintId, person: usize, v: Option<u8>) {
    let Some(pid) = s.participants.get(person).map(|p| p.id.clone()) else { return };
    let Some(r) = s.open_round_on(&severity(c)) else { return };
    // A refused ballot (out of range, not a voter) changes nothing, which is what it should do.
    let _ = match v {
        Some(v) => s.cast(r, &pid, Ballot::Severity(v)),
        None => s.withdraw(r, &pid),
    };
}

fn voter_status(s: &Session, c: ConstraintId, person: usize) -> Option<VoterStatus> {
    let pid = &s.participants.get(person)?.id;
    Some(open_round(s, c)?.status(pid))
}

/// The round button's words: what Enter does now.
pub fn round_button(s: &Session, c: ConstraintId) -> String {
    let subject = severity(c);
    let n = s.rounds_on(&subject).len();
    match s.latest_round(&subject).map(|i| &s.workshop.rounds[i]) {
        None => "→ Open a private round".into(),
        Some(r) if r.is_open() => match r.progress() {
            (done, all) if done == all => format!("→ Reveal round {n}: everyone is done"),
            (done, all) => format!("→ Reveal round {n} now ({done} of {all} done; the rest: not voted)"),
        },
        Some(_) => format!("→ Re-vote: open round {} (earlier rounds are kept)", n + 1),
    }
}

/// A constraint step's voting fields in private mode: the open round's ballots (one per
/// voter who is still a participant), then the round button.
pub fn round_fields(s: &Session, c: ConstraintId) -> Vec<Field> {
    let mut v = Vec::new();
    if let Some(r) = open_round(s, c) {
        for (person, p) in s.participants.iter().enumerate() {
            if r.voters.contains(&p.id) {
                v.push(Field::Ballot { constraint: c, person });
            }
        }
    }
    v.push(Field::RoundAct { constraint: c });
    v
}

/// Why a re-vote is taken, from the round before it: its spread and who sat at each end.
fn revote_reason(s: &Session, r: &Round) -> String {
    let name = |pid: &str| {
        s.participants.iter().position(|p| p.id == pid).map_or(pid.to_string(), |i| s.participant_label(i))
    };
    let items = r.items();
    let Some(item) = items.first() else { return String::new() };
    match item.tally {
        Some(t) if t.spread > 0 => {
            let at = |who: &[String], v: Option<u8>| {
                let names: Vec<String> = who.iter().map(|p| name(p)).collect();
                format!("{} at {}", names.join(", "), v.map_or("?".into(), |v| v.to_string()))
            };
            let value = |who: &[String]| who.first().and_then(|p| r.value(p, None));
            format!(
                "the previous round's spread was {} ({}; {})",
                t.spread,
                at(&item.low, value(&item.low)),
                at(&item.high, value(&item.high))
            )
        }
        Some(_) => "the previous round agreed; the room asked to vote again".into(),
        None => "nobody voted in the previous round".into(),
    }
}

/// Enter on the round button: open the first round, reveal the open one, or re-vote.
pub fn round_act(w: &mut Wizard, c: ConstraintId) {
    let now = stamp(w);
    let subject = severity(c);
    match w.session.latest_round(&subject) {
        Some(i) if w.session.workshop.rounds[i].is_open() => {
            let _ = w.session.reveal(i, &now);
            // The results and the re-vote button: the button is the first field now.
            w.focus = Some(0);
        }
        latest => {
            let reason =
                latest.map_or(String::new(), |i| revote_reason(&w.session, &w.session.workshop.rounds[i]));
            let _ = w.session.open_round(subject, &now, &reason);
            w.focus = Some(0);
        }
    }
    w.touch();
}

/// Ctrl+A on a ballot: abstain, or take the abstention back; an abstention passes the laptop on.
pub fn abstain(w: &mut Wizard) {
    if let Some(Field::Score { candidate, person, .. }) = w.focused() {
        return abstain_scores(w, candidate, person);
    }
    let Some(Field::Ballot { constraint, person }) = w.focused() else { return };
    let Some(pid) = w.session.participants.get(person).map(|p| p.id.clone()) else { return };
    let Some(r) = w.session.open_round_on(&severity(constraint)) else { return };
    if voter_status(&w.session, constraint, person) == Some(VoterStatus::Abstained) {
        let _ = w.session.withdraw(r, &pid);
    } else {
        let _ = w.session.cast(r, &pid, Ballot::Abstain);
        if let Some(i) = w.focus
            && matches!(w.fields().get(i + 1), Some(Field::Ballot { .. }))
        {
            w.focus = Some(i + 1);
        }
    }
    w.touch();
}

/// Ctrl+A in a candidate's grid during a private round: the person abstains on the whole
/// ballot (or takes it back), and the next person's row gets the focus.
fn abstain_scores(w: &mut Wizard, i: usize, person: usize) {
    let Some(r) = open_scores_round(&w.session, i) else { return };
    let Some(pid) = w.session.participants.get(person).map(|p| p.id.clone()) else { return };
    if w.session.workshop.rounds[r].status(&pid) == VoterStatus::Abstained {
        let _ = w.session.withdraw(r, &pid);
    } else {
        let _ = w.session.cast(r, &pid, Ballot::Abstain);
        let next =
            Field::Score { candidate: i, person: person + 1, dimension: crate::method::Dimension::Impact };
        if let Some(k) = w.fields().iter().position(|f| *f == next) {
            w.focus = Some(k);
        }
    }
    w.touch();
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
    if private {
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
        "Private rounds on candidates' scores: each person scores on their own row; the others show ●.".into()
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

/// A ballot's row. Its value shows only while its owner has the focus (entering it); every
/// other row says whether that person voted, never what.
pub fn draw_ballot(frame: &mut Frame, r: Rect, f: Field, w: &Wizard, theme: Theme) {
    let Field::Ballot { constraint, person } = f else { return };
    let s = &w.session;
    let focus = w.focused() == Some(f);
    let label = fit(&s.participant_label(person), usize::from(LABEL) - 2);
    let mut spans = vec![
        Span::raw(if focus { "▸ " } else { "  " }),
        Span::styled(label, if focus { theme.focus() } else { theme.label() }),
    ];
    let status = voter_status(s, constraint, person).unwrap_or(VoterStatus::NotVoted);
    if focus {
        let v = ballot(s, constraint, person);
        for k in 1..=5u8 {
            let on = v == Some(k);
            spans.push(Span::styled(
                if on { format!("[{k}]") } else { format!(" {k} ") },
                if on { theme.chosen() } else { theme.dim() },
            ));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(
            match status {
                VoterStatus::Abstained => " abstains",
                VoterStatus::NotVoted | VoterStatus::Partial => " your vote: 1-5",
                VoterStatus::Voted => " then pass the laptop on",
            },
            theme.dim(),
        ));
    } else {
        spans.push(match status {
            VoterStatus::Voted | VoterStatus::Partial => Span::styled("● voted", theme.good()),
            VoterStatus::Abstained => Span::styled("– abstains", theme.text()),
            VoterStatus::NotVoted => Span::styled("· not yet", theme.dim()),
        });
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), r);
}

/// The private round's part of a constraint step: how to vote, the ballots or the reveal,
/// the rounds so far, the button.
pub fn round_form(form: &mut Form, w: &Wizard, c: ConstraintId, voting: &[Field], theme: Theme) {
    let s = &w.session;
    let texts = &playbook().workshop;
    let subject = severity(c);
    let latest = s.latest_round(&subject).map(|i| &s.workshop.rounds[i]);
    let number = s.rounds_on(&subject).len();
    let (ballots, button) = voting.split_at(voting.len().saturating_sub(1));
    match latest {
        Some(r) if r.is_open() => {
            let (done, all) = r.progress();
            form.line(Line::styled(
                format!("Private round {number} · {done} of {all} done · hidden until the reveal"),
                theme.title(),
            ));
            form.para(&texts.pass_the_laptop, theme.text());
            form.fields(ballots.iter().copied());
        }
        Some(r) => reveal_lines(form, s, r, number, theme),
        None => form.line(Line::styled("Private rounds: no round yet.", theme.dim())),
    }
    form.fields(button.iter().copied());
    if let Some(conv) = convergence(s).into_iter().find(|c| c.subject == subject)
        && (conv.rounds.len() > 1 || latest.is_some_and(Round::is_open))
    {
        let steps: Vec<String> = conv
            .rounds
            .iter()
            .map(|r| format!("round {} spread {}", r.number, r.spread.map_or("–".into(), |x| x.to_string())))
            .collect();
        form.para(&format!("Rounds so far: {}", steps.join(" → ")), theme.dim());
    }
    form.para(&texts.stored_in_file, theme.dim());
}

/// A revealed round: each voter's value, the median and spread, who sits at each end.
pub fn reveal_lines(form: &mut Form, s: &Session, r: &Round, number: usize, theme: Theme) {
    let items = r.items();
    let Some(item) = items.first() else { return };
    let summary = match item.tally {
        Some(t) => format!("median {} · spread {}", fmt_median(t.median), t.spread),
        None => "nobody voted".into(),
    };
    form.line(Line::styled(format!("Round {number} revealed · {summary}"), theme.title()));
    for (person, p) in s.participants.iter().enumerate() {
        if !r.voters.contains(&p.id) {
            continue;
        }
        let label = fit(&s.participant_label(person), usize::from(LABEL) - 2);
        let (value, note) = match (r.status(&p.id), r.value(&p.id, None)) {
            (VoterStatus::Voted, Some(v)) => {
                let end = if item.low.contains(&p.id) {
                    "  ◂ lowest"
                } else if item.high.contains(&p.id) {
                    "  ◂ highest"
                } else {
                    ""
                };
                (Span::styled(format!("{v}"), theme.good()), end)
            }
            (VoterStatus::Abstained, _) => (Span::styled("abstained", theme.text()), ""),
            _ => (Span::styled("did not vote", theme.dim()), ""),
        };
        form.line(Line::from(vec![
            Span::raw("  "),
            Span::styled(label, theme.label()),
            value,
            Span::styled(note, theme.warn()),
        ]));
    }
    if item.tally.is_some_and(|t| t.spread >= DISCUSS_SPREAD) {
        form.para(&format!("  DISCUSS: {}", playbook().workshop.ask_why), theme.warn());
    }
}

// A candidate's four scores in a private round: the score grid's cells read and write the
// person's ballot while a round is open, and every row but the one being entered is masked.

fn scores(s: &Session, i: usize) -> Option<Subject> {
    s.candidates.get(i).map(|c| Subject::Scores(c.id.clone()))
}

/// The open private round on candidate `i`'s scores, if the candidates step votes privately.
fn open_scores_round(s: &Session, i: usize) -> Option<usize> {
    if !s.workshop.is_private(Step::Candidates) {
        return None;
    }
    s.open_round_on(&scores(s, i)?)
}

/// A score cell's value while a private round is open on the candidate (the person's
/// ballot); `None` when the grid shows the session's scores.
pub fn score_cell(s: &Session, i: usize, person: usize, d: crate::method::Dimension) -> Option<Option<u8>> {
    let r = &s.workshop.rounds[open_scores_round(s, i)?];
    let pid = &s.participants.get(person)?.id;
    Some(r.value(pid, Some(d)))
}

/// Writes a score cell into the person's ballot when a private round is open on the
/// candidate; returns whether it did (otherwise the session's scores take it).
pub fn set_score_cell(
    s: &mut Session,
    i: usize,
    person: usize,
    d: crate::method::Dimension,
    v: Option<u8>,
) -> bool {
    let Some(r) = open_scores_round(s, i) else { return false };
    if let Some(pid) = s.participants.get(person).map(|p| p.id.clone()) {
        let _ = s.cast_score(r, &pid, d, v);
    }
    true
}

pub fn scores_round_open(w: &Wizard, i: usize) -> bool {
    open_scores_round(&w.session, i).is_some()
}

/// What a cell shows instead of its value while a round is open and another person's row
/// has the focus: whether there is a score, never which.
pub fn hidden_cell(w: &Wizard, i: usize, person: usize, d: crate::method::Dimension) -> Option<&'static str> {
    let s = &w.session;
    let r = &s.workshop.rounds[open_scores_round(s, i)?];
    if matches!(w.focused(), Some(Field::Score { person: p, .. }) if p == person) {
        return None;
    }
    let pid = &s.participants.get(person)?.id;
    Some(match (r.status(pid), r.value(pid, Some(d))) {
        (VoterStatus::Abstained, _) => "–",
        (_, Some(_)) => "●",
        (_, None) => "·",
    })
}

/// The candidate's round button: open, reveal, re-vote.
pub fn scores_button(s: &Session, i: usize) -> String {
    let Some(subject) = scores(s, i) else { return String::new() };
    let n = s.rounds_on(&subject).len();
    match s.latest_round(&subject).map(|k| &s.workshop.rounds[k]) {
        None => "→ Open a private round on these scores".into(),
        Some(r) if r.is_open() => match r.progress() {
            (done, all) if done == all => format!("→ Reveal round {n}: everyone is done"),
            (done, all) => format!("→ Reveal round {n} now ({done} of {all} done; the rest: not voted)"),
        },
        Some(_) => format!("→ Re-vote: open round {} (earlier rounds are kept)", n + 1),
    }
}

/// The candidate editor's round button, when the candidates step votes privately.
pub fn scores_fields(s: &Session, i: usize) -> Vec<Field> {
    if s.workshop.is_private(Step::Candidates) {
        vec![Field::ScoresRound { candidate: i }]
    } else {
        Vec::new()
    }
}

/// Enter on the candidate's round button.
pub fn scores_round_act(w: &mut Wizard, i: usize) {
    let Some(subject) = scores(&w.session, i) else { return };
    let now = stamp(w);
    match w.session.latest_round(&subject) {
        Some(k) if w.session.workshop.rounds[k].is_open() => {
            let _ = w.session.reveal(k, &now);
        }
        latest => {
            let reason = latest.map_or(String::new(), |k| {
                let r = &w.session.workshop.rounds[k];
                match r.spread() {
                    Some(x) => format!("the previous round's widest spread was {x}"),
                    None => "nobody voted in the previous round".into(),
                }
            });
            let _ = w.session.open_round(subject, &now, &reason);
            // The first person's first score.
            if let Some(k) = w.fields().iter().position(|f| matches!(f, Field::Score { .. })) {
                w.focus = Some(k);
            }
        }
    }
    w.touch();
}

/// The candidate editor's lines about its private round: how to vote, or the revealed
/// spreads, and the rounds so far.
pub fn scores_form(form: &mut Form, w: &Wizard, i: usize, theme: Theme) {
    let s = &w.session;
    let Some(subject) = scores(s, i) else { return };
    let n = s.rounds_on(&subject).len();
    match s.latest_round(&subject).map(|k| &s.workshop.rounds[k]) {
        Some(r) if r.is_open() => {
            let (done, all) = r.progress();
            form.line(Line::styled(
                format!("Private round {n} · {done} of {all} done · hidden until the reveal"),
                theme.title(),
            ));
            form.para(&playbook().workshop.pass_the_laptop_scores, theme.text());
        }
        Some(r) => {
            let spreads: Vec<String> = r
                .items()
                .iter()
                .filter_map(|it| {
                    let d = it.dimension?;
                    Some(format!(
                        "{} {}",
                        playbook().dimension(d).short,
                        it.tally.map_or("–".into(), |t| t.spread.to_string())
                    ))
                })
                .collect();
            let abstained = r.abstained().len();
            let note = if abstained > 0 { format!(" · {abstained} abstained") } else { String::new() };
            form.para(&format!("Round {n} revealed · spread {}{note}", spreads.join(" · ")), theme.title());
        }
        None => form.line(Line::styled("Private rounds: no round on this candidate yet.", theme.dim())),
    }
    if let Some(conv) = convergence(s).into_iter().find(|c| c.subject == subject)
        && conv.rounds.len() > 1
    {
        form.para(&format!("Rounds so far: {}", conv.line()), theme.dim());
    }
}
