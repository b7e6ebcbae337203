//! A participant's screen and keys: who they are, then their own ballot in the round on the
//! facilitator's screen, "waiting for the reveal", then the revealed result. Nothing here
//! draws another person's value before the reveal: an open round's other ballots are read
//! only for the count of who is done.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use terminput::{KeyCode, KeyEvent, KeyModifiers};

use super::board::{Board, OnScreen};
use crate::method::ids::Dimension;
use crate::method::model::{ParticipantId, Scores};
use crate::method::playbook;
use crate::method::rounds::{Ballot, Subject, VoterStatus};
use crate::report::fmt_median;

/// One connection's own state.
#[derive(Debug, Clone, Default)]
pub struct Ui {
    /// The participant this connection votes as, once chosen (and granted by the server).
    pub me: Option<ParticipantId>,
    /// The highlighted name while choosing.
    pub pick: usize,
    /// The highlighted dimension of a candidate's scores.
    pub dim: usize,
    /// A line for the participant ("Ana is already connected…").
    pub note: Option<String>,
    pub leave: bool,
    /// The ballot last sent in a round (its index), until the board shows it.
    pub sent: Option<(usize, Option<Ballot>)>,
    /// The SSH user name, to highlight the matching participant first.
    pub user: String,
}

/// What a key asks of the server.
#[derive(Debug, Clone, PartialEq)]
pub enum Act {
    Claim(ParticipantId),
    Unclaim,
    Vote { round: usize, subject: Subject, ballot: Option<Ballot> },
    Leave,
}

impl Ui {
    /// This participant's ballot in the session (what the screen shows: only what the wizard
    /// has taken in, never a key still on its way).
    pub fn held<'a>(&self, r: &'a OnScreen) -> Option<&'a Ballot> {
        r.round.ballots.get(self.me.as_deref()?)
    }

    /// This participant's ballot as they last set it (what the next key changes): what they
    /// sent, or what the session holds.
    pub fn ballot<'a>(&'a self, r: &'a OnScreen) -> Option<&'a Ballot> {
        match &self.sent {
            Some((i, b)) if *i == r.index => b.as_ref(),
            _ => r.round.ballots.get(self.me.as_deref()?),
        }
    }

    /// Highlights the participant whose name the SSH user name matches ("tomas" for Tomás),
    /// so `ssh tomas@…` then Enter is all it takes.
    pub fn preselect(&mut self, board: &Board) {
        let fold = |s: &str| deunicode::deunicode(s).to_lowercase();
        let user = fold(self.user.trim());
        if user.is_empty() {
            return;
        }
        let first = |l: &str| fold(l).split_whitespace().next().unwrap_or_default().to_string();
        if let Some(i) = board.people.iter().position(|p| fold(&p.label) == user || first(&p.label) == user) {
            self.pick = i;
        }
    }

    /// Forgets what was sent once the board holds it (or the round is another one).
    pub fn catch_up(&mut self, board: &Board) {
        let Some((i, sent)) = &self.sent else { return };
        let same = board.round.as_ref().is_some_and(|r| {
            r.index == *i && self.me.as_ref().and_then(|me| r.round.ballots.get(me)) == sent.as_ref()
        });
        let other = board.round.as_ref().is_none_or(|r| r.index != *i);
        if same || other {
            self.sent = None;
        }
    }
}

/// A key on a participant's screen.
pub fn key(ui: &mut Ui, board: &Board, k: KeyEvent) -> Option<Act> {
    let ctrl = k.modifiers.contains(KeyModifiers::CTRL);
    match k.code {
        KeyCode::Char('c' | 'd') if ctrl => return Some(Act::Leave),
        KeyCode::Char('q') if !ctrl => return Some(Act::Leave),
        _ => {}
    }
    let Some(me) = ui.me.clone() else {
        let n = board.people.len();
        match k.code {
            KeyCode::Up | KeyCode::Char('k') => ui.pick = ui.pick.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => ui.pick = (ui.pick + 1).min(n.saturating_sub(1)),
            KeyCode::Enter => return board.people.get(ui.pick).map(|p| Act::Claim(p.id.clone())),
            _ => {}
        }
        return None;
    };
    if k.code == KeyCode::Esc {
        return Some(Act::Unclaim);
    }
    let r = board.round.as_ref()?;
    let dims = r.round.subject.dimensions();
    match k.code {
        KeyCode::Up | KeyCode::Char('k') => ui.dim = ui.dim.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => ui.dim = (ui.dim + 1).min(dims.len().saturating_sub(1)),
        _ => {}
    }
    if !r.round.is_open() || !r.round.voters.contains(&me) {
        return None;
    }
    let now = ui.ballot(r).cloned();
    let digit = match k.code {
        KeyCode::Char(c @ '1'..='5') => Some(Some(c as u8 - b'0')),
        KeyCode::Char('0') | KeyCode::Backspace | KeyCode::Delete => Some(None),
        _ => None,
    };
    let next = match (k.code, digit, dims) {
        (KeyCode::Char('a'), ..) => match now {
            Some(Ballot::Abstain) => None,
            _ => Some(Ballot::Abstain),
        },
        (_, Some(v), []) => v.map(Ballot::Severity),
        (_, Some(v), dims) => {
            let mut s = match &now {
                Some(Ballot::Scores(s)) => s.clone(),
                _ => Scores::default(),
            };
            let d = dims[ui.dim.min(dims.len() - 1)];
            s.set(d, v);
            if v.is_some() {
                ui.dim = (ui.dim + 1).min(dims.len() - 1);
            }
            (!s.is_empty()).then_some(Ballot::Scores(s))
        }
        _ => return None,
    };
    if next == now {
        return None;
    }
    ui.sent = Some((r.index, next.clone()));
    Some(Act::Vote { round: r.index, subject: r.round.subject.clone(), ballot: next })
}

const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);
const DIM: Style = Style::new().add_modifier(Modifier::DIM);
const CHOSEN: Style = Style::new().add_modifier(Modifier::REVERSED);

/// Draws a participant's screen.
pub fn draw(frame: &mut Frame, board: &Board, ui: &Ui) {
    let area = frame.area();
    if area.width < 20 || area.height < 6 {
        frame.render_widget(Paragraph::new("Enlarge this window").wrap(Wrap { trim: true }), area);
        return;
    }
    let mut lines = vec![Line::styled("firstmove · your ballot", BOLD), Line::raw("")];
    if !board.open {
        lines.push(Line::raw("The facilitator has no session open. Wait, or press q to leave."));
    } else if let Some(me) = &ui.me {
        ballot_lines(&mut lines, board, ui, me);
    } else {
        lines.push(Line::styled("Who are you? ↑ ↓ to choose, Enter to confirm.", BOLD));
        for (i, p) in board.people.iter().enumerate() {
            let here = i == ui.pick;
            lines.push(Line::from(vec![
                Span::raw(if here { "▸ " } else { "  " }),
                Span::styled(p.label.clone(), if here { CHOSEN } else { Style::new() }),
            ]));
        }
        if board.people.is_empty() {
            lines.push(Line::styled("The session has no participants yet.", DIM));
        }
    }
    if let Some(note) = &ui.note {
        lines.push(Line::raw(""));
        lines.push(Line::styled(note.clone(), BOLD));
    }
    let body = Rect { height: area.height.saturating_sub(1), ..area };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    let keys = match (&ui.me, board.round.as_ref()) {
        (None, _) => "↑ ↓ choose · Enter that's me · q leave",
        (Some(_), Some(r)) if r.round.is_open() && !r.round.subject.dimensions().is_empty() => {
            "↑ ↓ which score · 1-5 score · 0 clear · a abstain · Esc not me · q leave"
        }
        (Some(_), Some(r)) if r.round.is_open() => "1-5 vote · 0 clear · a abstain · Esc not me · q leave",
        (Some(_), _) => "Esc not me · q leave",
    };
    let footer = Rect { y: area.y + area.height - 1, height: 1, ..area };
    frame.render_widget(Paragraph::new(Line::styled(keys, DIM)), footer);
}

fn name(board: &Board, id: &str) -> String {
    board.people.iter().find(|p| p.id == id).map_or_else(|| id.to_string(), |p| p.label.clone())
}

fn scale(anchors: &std::collections::BTreeMap<String, String>) -> String {
    anchors.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(" · ")
}

fn ballot_lines(lines: &mut Vec<Line<'static>>, board: &Board, ui: &Ui, me: &str) {
    lines.push(Line::raw(format!("You are {}.", name(board, me))));
    let Some(r) = &board.round else {
        lines.push(Line::raw(""));
        lines.push(Line::raw("No private round on the facilitator's screen right now."));
        lines.push(Line::styled("This screen follows theirs: the next round shows here as it opens.", DIM));
        return;
    };
    let p = playbook();
    let title = match &r.round.subject {
        Subject::Severity(c) => format!("{} severity", p.constraint(*c).name),
        Subject::Scores(_) => format!("Scores of {}", r.candidate),
    };
    let state = if r.round.is_open() { "open" } else { "revealed" };
    lines.push(Line::styled(format!("Round {} · {title} · {state}", r.number), BOLD));
    let mine = ui.held(r);
    if r.round.is_open() {
        open_lines(lines, r, ui, me, mine);
    } else {
        revealed_lines(lines, board, r, me);
    }
}

fn cells(v: Option<u8>) -> Vec<Span<'static>> {
    (1..=5u8)
        .flat_map(|k| {
            let on = v == Some(k);
            [
                Span::styled(
                    if on { format!("[{k}]") } else { format!(" {k} ") },
                    if on { CHOSEN } else { DIM },
                ),
                Span::raw(" "),
            ]
        })
        .collect()
}

fn open_lines(lines: &mut Vec<Line<'static>>, r: &OnScreen, ui: &Ui, me: &str, mine: Option<&Ballot>) {
    let p = playbook();
    if !r.round.voters.iter().any(|v| v == me) {
        lines.push(Line::raw("You are not a voter in this round (you joined after it opened)."));
        return;
    }
    match r.round.subject.dimensions() {
        [] => {
            lines.push(Line::raw(format!("{}: {}", p.severity.name, p.severity.question)));
            lines.push(Line::styled(scale(&p.severity.anchors), DIM));
            lines.push(Line::raw(""));
            let v = match mine {
                Some(Ballot::Severity(v)) => Some(*v),
                _ => None,
            };
            let mut spans = vec![Span::raw("Your vote: ")];
            spans.extend(cells(v));
            lines.push(Line::from(spans));
        }
        dims => {
            let scores = match mine {
                Some(Ballot::Scores(s)) => Some(s),
                _ => None,
            };
            for (i, d) in dims.iter().enumerate() {
                let here = i == ui.dim.min(dims.len() - 1);
                let mut spans = vec![Span::styled(
                    format!("{}{:<12}", if here { "▸ " } else { "  " }, p.dimension(*d).short),
                    if here { BOLD } else { Style::new() },
                )];
                spans.extend(cells(scores.and_then(|s| s.get(*d))));
                lines.push(Line::from(spans));
            }
            let d: Dimension = dims[ui.dim.min(dims.len() - 1)];
            lines.push(Line::raw(format!("{}: {}", p.dimension(d).name, p.dimension(d).question)));
            lines.push(Line::styled(scale(&p.dimension(d).anchors), DIM));
        }
    }
    lines.push(Line::raw(""));
    let status = match mine {
        Some(Ballot::Abstain) => "You abstain. Waiting for the reveal (a takes it back).",
        Some(Ballot::Scores(s)) if Dimension::ALL.iter().any(|d| s.get(*d).is_none()) => {
            "Give all four scores; then wait for the reveal."
        }
        Some(_) => "Your ballot is in. Waiting for the reveal; you can still change it.",
        None => "Not voted yet. Nobody sees your values until the facilitator reveals the round.",
    };
    lines.push(Line::styled(status, BOLD));
    let (done, all) = r.round.progress();
    lines.push(Line::styled(format!("{done} of {all} done"), DIM));
}

fn revealed_lines(lines: &mut Vec<Line<'static>>, board: &Board, r: &OnScreen, me: &str) {
    let p = playbook();
    for item in r.round.items() {
        let what = item.dimension.map_or(p.severity.name.clone(), |d| p.dimension(d).short.clone());
        let summary = match item.tally {
            Some(t) => format!("median {} · spread {}", fmt_median(t.median), t.spread),
            None => "nobody voted".into(),
        };
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("{what}: {summary}"), BOLD));
        for v in &r.round.voters {
            let value = match (r.round.status(v), r.round.value(v, item.dimension)) {
                (VoterStatus::Voted, Some(x)) => x.to_string(),
                (VoterStatus::Abstained, _) => "abstained".into(),
                _ => "did not vote".into(),
            };
            let end = item.end_mark(v).map_or(String::new(), |m| format!("  {m}"));
            let you = if v == me { " (you)" } else { "" };
            lines.push(Line::raw(format!("  {:<16} {value}{end}{you}", name(board, v))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::board::Person;
    use super::*;

    fn board() -> Board {
        let people = ["Maya", "Tomás Ruiz", "Priya"]
            .iter()
            .enumerate()
            .map(|(i, n)| Person { id: format!("p{}", i + 1), label: n.to_string() })
            .collect();
        Board { open: true, people, round: None }
    }

    fn scores_round() -> Board {
        use crate::method::rounds::{Round, RoundState};
        let mut b = board();
        let mut ballots = std::collections::BTreeMap::new();
        let theirs = Scores { impact: Some(1), evidence: Some(2), confidence: Some(1), timing: Some(2) };
        ballots.insert("p2".to_string(), Ballot::Scores(theirs));
        let round = Round {
            subject: Subject::Scores("c1".into()),
            voters: vec!["p1".into(), "p2".into(), "p3".into()],
            ballots,
            state: RoundState::Open,
            opened_at: "2026-01-01T00:00:00Z".into(),
            revealed_at: None,
            reason: String::new(),
        };
        b.round = Some(OnScreen { index: 0, number: 1, candidate: "Guided setup".into(), round });
        b
    }

    fn press(ui: &mut Ui, b: &mut Board, code: KeyCode) -> Option<Act> {
        let act = key(ui, b, KeyEvent::new(code));
        // The wizard takes the ballot in, as the server's round trip would.
        if let (Some(Act::Vote { ballot, .. }), Some(r)) = (&act, b.round.as_mut()) {
            match ballot {
                Some(x) => r.round.ballots.insert("p1".into(), x.clone()),
                None => r.round.ballots.remove("p1"),
            };
        }
        act
    }

    fn text(b: &Board, ui: &Ui, w: u16, h: u16) -> String {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        t.draw(|f| draw(f, b, ui)).unwrap();
        let buf = t.backend().buffer().clone();
        (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n").collect()
    }

    #[test]
    fn a_candidates_four_scores_are_given_in_turn_and_others_never_show() {
        let mut b = scores_round();
        let mut ui = Ui { me: Some("p1".into()), ..Ui::default() };
        for c in ['4', '3', '5'] {
            press(&mut ui, &mut b, KeyCode::Char(c));
        }
        let t = text(&b, &ui, 80, 24);
        assert!(t.contains("Give all four scores"), "{t}");
        let act = press(&mut ui, &mut b, KeyCode::Char('2'));
        let want = Scores { impact: Some(4), evidence: Some(3), confidence: Some(5), timing: Some(2) };
        assert_eq!(
            act,
            Some(Act::Vote {
                round: 0,
                subject: Subject::Scores("c1".into()),
                ballot: Some(Ballot::Scores(want))
            })
        );
        // Back up to the first score and clear it; then abstain, and take that back.
        for _ in 0..3 {
            press(&mut ui, &mut b, KeyCode::Up);
        }
        press(&mut ui, &mut b, KeyCode::Char('0'));
        assert!(matches!(ui.held(b.round.as_ref().unwrap()), Some(Ballot::Scores(s)) if s.impact.is_none()));
        press(&mut ui, &mut b, KeyCode::Char('a'));
        assert_eq!(ui.held(b.round.as_ref().unwrap()), Some(&Ballot::Abstain));
        press(&mut ui, &mut b, KeyCode::Char('a'));
        assert_eq!(ui.held(b.round.as_ref().unwrap()), None);
        // Whatever p1 did, Tomás's 1 2 1 2 and his name never show before the reveal.
        for (w, h) in [(80, 24), (120, 40), (40, 12), (20, 6)] {
            let t = text(&b, &ui, w, h);
            assert!(!t.contains("Tomás") && !t.contains("[1]") && !t.contains("[2]"), "{t}");
        }
        // Out of range, wrong kind, not open: nothing is sent.
        assert_eq!(press(&mut ui, &mut b, KeyCode::Char('9')), None);
        b.round.as_mut().unwrap().round.state = crate::method::rounds::RoundState::Revealed;
        assert_eq!(press(&mut ui, &mut b, KeyCode::Char('3')), None);
        let t = text(&b, &ui, 80, 24);
        assert!(t.contains("Tomás") && t.contains("revealed"), "after the reveal: {t}");
    }

    #[test]
    fn tiny_and_huge_screens_draw_without_panicking() {
        let b = scores_round();
        let ui = Ui { me: Some("p1".into()), ..Ui::default() };
        for (w, h) in [(0, 0), (1, 1), (19, 5), (20, 6), (400, 200)] {
            text(&b, &ui, w, h);
        }
    }

    #[test]
    fn the_ssh_user_name_highlights_its_participant() {
        for (user, pick) in [("tomas", 1), ("PRIYA", 2), ("tomás ruiz", 1), ("nobody", 0), ("", 0)] {
            let mut ui = Ui { user: user.into(), ..Ui::default() };
            ui.preselect(&board());
            assert_eq!(ui.pick, pick, "{user}");
        }
    }
}
