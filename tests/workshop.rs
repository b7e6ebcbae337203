//! Workshop mode in the wizard: a private round (hidden ballots on every screen, abstain,
//! reveal, re-vote), the timebox driven by a fake clock, the decisions log, the presentation
//! view; and snapshots of each at 80×24 and 120×40.

mod common;

use common::*;
use firstmove::method::decisions::EntryKind;
use firstmove::method::rounds::{Subject, VoterStatus};
use firstmove::method::{ConstraintId, Session, Step, recommend};
use firstmove::tui::app::{App, Overlay};
use firstmove::tui::field::Field;
use firstmove::tui::{Msg, Theme, update};
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

const ACT: Subject = Subject::Severity(ConstraintId::Activation);

fn fm() -> Session {
    example("first-move.json")
}

/// The first-move example on the activation step, switched to a private round (F3).
fn private_round() -> App {
    let mut app = open_at(fm(), Step::ConstraintActivation, None);
    press(&mut app, KeyCode::F(3));
    app
}

fn round(app: &App) -> &firstmove::method::rounds::Round {
    let s = &wiz(app).session;
    &s.workshop.rounds[s.latest_round(&ACT).unwrap()]
}

fn all_screens_text(app: &App) -> String {
    let mut out = screen_text(app, 80, 24);
    out.push_str(&screen_text(app, 120, 40));
    out
}

#[test]
fn f3_opens_a_private_round_with_every_participant_as_a_voter() {
    let app = private_round();
    let w = wiz(&app);
    assert!(w.session.workshop.is_private(Step::ConstraintActivation));
    assert!(!w.session.workshop.is_private(Step::ConstraintAdoption), "per step");
    let r = round(&app);
    assert!(r.is_open());
    assert_eq!(r.voters, vec!["p1", "p2", "p3"]);
    assert_eq!(w.focus, Some(0), "the first voter's ballot has the focus");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Private round 1 · 0 of 3 done"), "{text}");
    assert!(text.contains("stored in the session file"), "the screen is honest about hidden: {text}");
}

#[test]
fn the_laptop_passes_round_abstain_differs_from_not_voted_and_the_reveal_writes_severities() {
    let mut app = private_round();
    typ(&mut app, "2"); // Maya votes 2, the focus moves to Tomás
    assert_eq!(wiz(&app).focus, Some(1));
    let text = all_screens_text(&app);
    assert!(text.contains("● voted"), "{text}");
    ctrl(&mut app, 'a'); // Tomás abstains
    assert_eq!(round(&app).status("p2"), VoterStatus::Abstained);
    assert_eq!(round(&app).status("p3"), VoterStatus::NotVoted);
    assert!(screen_text(&app, 80, 24).contains("– abstains"));
    assert!(screen_text(&app, 80, 24).contains("2 of 3 done"));
    // Before the reveal, the ranking still reads the open-voting severities.
    assert_eq!(wiz(&app).session.constraint(ConstraintId::Activation).severity.len(), 3);
    typ(&mut app, "4"); // Priya; the focus moves on to the round button
    assert!(screen_text(&app, 80, 24).contains("Reveal round 1: everyone is done"));
    press(&mut app, KeyCode::Enter);
    let r = round(&app);
    assert!(!r.is_open());
    let sev = &wiz(&app).session.constraint(ConstraintId::Activation).severity;
    assert_eq!(sev.iter().map(|(k, v)| (k.as_str(), *v)).collect::<Vec<_>>(), vec![("p1", 2), ("p3", 4)]);
    assert_eq!(wiz(&app).derived.recommendation, recommend(&wiz(&app).session));
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Round 1 revealed · median 3 · spread 2"), "{text}");
    assert!(text.contains("abstained"), "{text}");
    assert!(!text.contains("stored in the session file"), "nothing is hidden any more: {text}");
}

#[test]
fn a_forced_reveal_and_a_revote_keep_history_and_log_the_reason() {
    let mut app = private_round();
    typ(&mut app, "1");
    typ(&mut app, "5");
    // Priya has not voted: the button says the reveal is forced.
    press(&mut app, KeyCode::Tab);
    assert!(screen_text(&app, 120, 40).contains("Reveal round 1 now (2 of 3 done; the rest: not voted)"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(round(&app).not_voted(), vec!["p3"]);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("spread 4") && text.contains("◂ lowest") && text.contains("◂ highest"), "{text}");
    assert!(text.contains("DISCUSS"), "{text}");
    // Re-vote.
    assert!(text.contains("Re-vote: open round 2"), "{text}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(wiz(&app).session.rounds_on(&ACT).len(), 2);
    let log = &wiz(&app).session.workshop.decisions;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].kind, EntryKind::Revote);
    assert!(log[0].text.contains("spread was 4 (Maya at 1; Tomás at 5)"), "{}", log[0].text);
    typ(&mut app, "3");
    typ(&mut app, "4");
    typ(&mut app, "3");
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Round 2 revealed · median 3 · spread 1"), "{text}");
    assert!(text.contains("round 1 spread 4 → round 2 spread 1"), "{text}");
}

#[test]
fn private_rounds_cannot_be_switched_off_while_a_round_is_open() {
    let mut app = private_round();
    press(&mut app, KeyCode::F(3));
    assert!(wiz(&app).session.workshop.is_private(Step::ConstraintActivation));
    // Revealed: F3 switches back to open voting, and the severities show as fields again.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(3));
    assert!(!wiz(&app).session.workshop.is_private(Step::ConstraintActivation));
    // Nobody voted: the open ratings are kept, and show as fields again.
    assert_eq!(wiz(&app).session.constraint(ConstraintId::Activation).severity.len(), 3);
    assert!(screen_text(&app, 80, 24).contains("median"));
}

#[test]
fn a_private_round_on_a_rated_step_says_so_and_its_reveal_keeps_the_ratings_of_non_voters() {
    let mut app = open_at(fm(), Step::ConstraintActivation, None);
    let before = wiz(&app).session.constraint(ConstraintId::Activation).severity.clone();
    assert_eq!(before.len(), 3);
    press(&mut app, KeyCode::F(3));
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Already rated by 3 people"), "{text}");
    assert!(text.contains("non-voters keep their rating"), "{text}");
    // Only Maya votes; the reveal is forced.
    typ(&mut app, "1");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert!(!round(&app).is_open());
    let sev = &wiz(&app).session.constraint(ConstraintId::Activation).severity;
    assert_eq!(sev["p1"], 1);
    assert_eq!((sev["p2"], sev["p3"]), (before["p2"], before["p3"]), "Tomás and Priya keep theirs");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains(&format!("did not vote · keeps {}", before["p2"])), "{text}");
    assert!(!text.contains("Already rated"), "said only while the round is open: {text}");
}

/// Sets the ballots of a fresh round on activation: 0 = not voted, 1–5, 6 = abstain.
fn with_ballots(ballots: &[u8; 3], focus: Option<usize>, overlay: Option<Overlay>) -> App {
    let mut s = fm();
    s.workshop.set_private(Step::ConstraintActivation, true);
    let r = s.open_round(ACT, "2026-01-12T10:00:00Z", "").unwrap();
    for (i, b) in ballots.iter().enumerate() {
        let p = format!("p{}", i + 1);
        match b {
            0 => {}
            6 => s.cast(r, &p, firstmove::method::rounds::Ballot::Abstain).unwrap(),
            v => s.cast(r, &p, firstmove::method::rounds::Ballot::Severity(*v)).unwrap(),
        }
    }
    let mut app = open_at(s, Step::ConstraintActivation, focus);
    app.overlay = overlay;
    if overlay == Some(Overlay::Decision) {
        app.prompt = Some(firstmove::tui::overlays::decision::prompt());
    }
    app
}

/// A key a property test may press in an open round: anything but Enter (which could reveal).
fn round_key(app: &mut App, k: u8) {
    match k {
        0..=4 => {
            typ(app, &(k + 1).to_string());
            Vec::new()
        }
        5 => press(app, KeyCode::Left),
        6 => press(app, KeyCode::Right),
        7 => press(app, KeyCode::Up),
        8 => press(app, KeyCode::Down),
        9 => press(app, KeyCode::Tab),
        10 => press(app, KeyCode::BackTab),
        11 => ctrl(app, 't'),
        12 => ctrl(app, 'a'),
        13 => press(app, KeyCode::Char('0')),
        // Away from the step and back.
        14 => {
            press(app, KeyCode::PageDown);
            press(app, KeyCode::PageUp)
        }
        // The step list (Ctrl+G) and Enter: back onto the step from the jump window.
        15 => {
            ctrl(app, 'g');
            press(app, KeyCode::Enter)
        }
        _ => press(app, KeyCode::Esc),
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Before the reveal, no cast ballot is anywhere in the rendered buffer, the focused
    /// voter's own included (the laptop may have passed on): whatever was voted, every screen
    /// of the round (each focus, browsing, the help, the step list, the decision window;
    /// 80×24 and 120×40) is the same cell for cell.
    #[test]
    fn other_ballots_never_show_before_the_reveal(
        ballots in proptest::array::uniform3(0u8..=6),
        other in proptest::array::uniform3(1u8..=5),
        focus in proptest::option::of(0usize..5),
        overlay in 0usize..4,
    ) {
        let overlay = [None, Some(Overlay::Help { scroll: 0 }), Some(Overlay::Jump { selected: 8 }), Some(Overlay::Decision)][overlay];
        let app = with_ballots(&ballots, focus, overlay);
        // The same, with every voted ballot changed to another value, the focused one's too.
        let mut changed = ballots;
        for (i, b) in changed.iter_mut().enumerate() {
            if (1..=5).contains(b) {
                *b = other[i];
            }
        }
        let app2 = with_ballots(&changed, focus, overlay);
        prop_assert_eq!(all_screens_text(&app), all_screens_text(&app2));
        let text = all_screens_text(&app);
        prop_assert!(!text.contains("median"), "no tally of the open round: {}", text);
    }

    /// The same after any keys but Enter: votes typed, arrows on a voted row, Ctrl+A, a
    /// cleared ballot, leaving the step and coming back (PgDn/PgUp, or Ctrl+G and Enter). Two rounds that differ only in the
    /// values cast look the same on every screen, whatever is pressed.
    #[test]
    fn no_key_shows_a_ballot_before_the_reveal(
        ballots in proptest::array::uniform3(0u8..=6),
        other in proptest::array::uniform3(1u8..=5),
        keys in proptest::collection::vec(0u8..17, 0..12),
    ) {
        let mut changed = ballots;
        for (i, b) in changed.iter_mut().enumerate() {
            if (1..=5).contains(b) {
                *b = other[i];
            }
        }
        let mut a = with_ballots(&ballots, Some(0), None);
        let mut b = with_ballots(&changed, Some(0), None);
        for &k in &keys {
            round_key(&mut a, k);
            round_key(&mut b, k);
            prop_assert_eq!(screen_text(&a, 80, 24), screen_text(&b, 80, 24), "after key {}", k);
        }
        prop_assert_eq!(all_screens_text(&a), all_screens_text(&b));
    }
}

#[test]
fn a_voted_row_under_the_cursor_shows_no_value_and_arrows_do_not_touch_it() {
    // (a) Maya votes 2, the cursor moves to Tomás, Tomás goes back up to her row.
    let mut app = private_round();
    typ(&mut app, "2");
    press(&mut app, KeyCode::Up);
    assert_eq!(wiz(&app).focused(), Some(Field::Ballot { constraint: ConstraintId::Activation, person: 0 }));
    let text = screen_text(&app, 120, 40);
    let maya = text.lines().find(|l| l.contains("▸ Maya")).unwrap();
    assert!(maya.contains("● voted") && maya.contains("typing 1-5 replaces"), "{text}");
    assert!(!maya.contains('2') && !maya.contains('['), "her vote is not drawn: {maya}");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Left);
    assert_eq!(round(&app).value("p1", None), Some(2), "← → neither nudge nor show a hidden vote");
    // Typing replaces it, and the laptop moves on.
    typ(&mut app, "4");
    assert_eq!(round(&app).value("p1", None), Some(4));
    assert_eq!(wiz(&app).focus, Some(1));
}

#[test]
fn after_the_last_vote_the_cursor_is_on_the_reveal_button() {
    // (b) Priya's vote does not stay on screen under the cursor.
    let mut app = private_round();
    typ(&mut app, "153");
    assert_eq!(wiz(&app).focused(), Some(Field::RoundAct { constraint: ConstraintId::Activation }));
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("▸ → Reveal round 1: everyone is done"), "{text}");
    assert_eq!(text.matches("● voted").count(), 3, "{text}");
    // The footer says what Enter does on this button.
    assert!(text.contains("Enter reveal") && !text.contains("open/add"), "{text}");
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Enter re-vote") && !text.contains("open/add"), "{text}");
}

#[test]
fn the_grid_never_shows_a_cast_score_and_ctrl_t_cannot_lead_to_another_row() {
    let mut app = candidate_editor();
    press(&mut app, KeyCode::F(3));
    typ(&mut app, "3432");
    typ(&mut app, "5555");
    typ(&mut app, "11");
    // (d) Ctrl+T does not switch to "by dimension" in a private round: the next digits stay
    // on Priya's row, and after her last the cursor is on the reveal button.
    ctrl(&mut app, 't');
    typ(&mut app, "2");
    assert!(matches!(wiz(&app).focused(), Some(Field::Score { person: 2, .. })), "{:?}", wiz(&app).focused());
    typ(&mut app, "2");
    assert!(matches!(wiz(&app).focused(), Some(Field::ScoresRound { .. })), "{:?}", wiz(&app).focused());
    let text = screen_text(&app, 120, 40);
    for name in ["Maya", "Tomás", "Priya"] {
        let row = text.lines().find(|l| l.contains(name) && l.contains('●')).unwrap();
        let row = row.rsplit('│').next().unwrap();
        assert_eq!(row.matches('●').count(), 4, "{text}");
        assert!(!row.chars().any(|c| ('1'..='5').contains(&c)), "{row}");
    }
    // Back up onto Maya's row: still no value, the focused cell too.
    let first = wiz(&app).fields().iter().position(|f| matches!(f, Field::Score { .. })).unwrap();
    wiz_mut(&mut app).focus = Some(first);
    let text = screen_text(&app, 120, 40);
    let maya = text.lines().find(|l| l.contains("▸ Maya")).unwrap().rsplit('│').next().unwrap();
    assert!(maya.contains("[●]") && !maya.chars().any(|c| ('1'..='5').contains(&c)), "{maya}");
    assert!(text.contains("a digit replaces it, unseen"), "{text}");
}

#[test]
fn the_clock_counts_with_a_fake_time_and_the_header_counts_down() {
    let mut app = open_at(fm(), Step::Gate, None);
    update(&mut app, Msg::Tick(1_000));
    assert!(!screen_text(&app, 80, 24).contains("⏱"), "no countdown before the clock is started");
    press(&mut app, KeyCode::F(5));
    for t in 1_001..=1_060 {
        update(&mut app, Msg::Tick(t));
    }
    let tb = &wiz(&app).session.workshop.timebox;
    assert_eq!(tb.spent(Step::Gate), 60);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("⏱ 2:00 left"), "{text}");
    press(&mut app, KeyCode::Char('+'));
    assert!(screen_text(&app, 80, 24).contains("⏱ 3:00 left"));
    for _ in 0..5 {
        press(&mut app, KeyCode::Char('-'));
    }
    // 0 minutes planned, 1 spent: over, and moving on is not blocked.
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("⏱ 1:00 OVER"), "{text}");
    press(&mut app, KeyCode::F(5)); // pause
    update(&mut app, Msg::Tick(5_000));
    assert_eq!(wiz(&app).session.workshop.timebox.spent(Step::Gate), 60, "paused: nothing counts");
    assert!(screen_text(&app, 80, 24).contains("OVER paused"));
    press(&mut app, KeyCode::F(5)); // resume
    update(&mut app, Msg::Tick(5_010));
    assert_eq!(wiz(&app).session.workshop.timebox.spent(Step::Gate), 70);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(step(&app), Step::FilterRevenue, "over time never blocks moving on");
    update(&mut app, Msg::Tick(5_015));
    assert_eq!(wiz(&app).session.workshop.timebox.spent(Step::FilterRevenue), 5);
}

#[test]
fn a_clock_started_before_the_first_tick_counts_from_that_tick() {
    let mut app = open_at(fm(), Step::Gate, None);
    press(&mut app, KeyCode::F(5));
    update(&mut app, Msg::Tick(1_768_212_000));
    update(&mut app, Msg::Tick(1_768_212_002));
    assert_eq!(wiz(&app).session.workshop.timebox.spent(Step::Gate), 2);
}

#[test]
fn a_session_closed_and_resumed_later_starts_counting_afresh() {
    let mut app = open_at(fm(), Step::Gate, None);
    update(&mut app, Msg::Tick(0));
    press(&mut app, KeyCode::F(5));
    update(&mut app, Msg::Tick(30));
    let saved = wiz(&app).session.clone();
    // Opened again a week later, in a new process: the file's seconds, no week of overtime.
    let mut again = open_at(saved, Step::Gate, None);
    update(&mut again, Msg::Tick(7 * 24 * 3600));
    update(&mut again, Msg::Tick(7 * 24 * 3600 + 10));
    assert_eq!(wiz(&again).session.workshop.timebox.spent(Step::Gate), 40);
}

#[test]
fn f2_records_a_decision_with_owner_and_due_date() {
    let mut app = open_at(fm(), Step::Ranking, None);
    update(&mut app, Msg::Tick(1_768_212_000));
    press(&mut app, KeyCode::F(2));
    assert_eq!(app.overlay, Some(Overlay::Decision));
    typ(&mut app, "Ship the guided setup");
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "Tomás");
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "2026-02-01");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, None);
    let log = &wiz(&app).session.workshop.decisions;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].kind, EntryKind::Action);
    assert_eq!(
        (log[0].text.as_str(), log[0].owner.as_str(), log[0].due.as_str(), log[0].step),
        ("Ship the guided setup", "Tomás", "2026-02-01", Step::Ranking)
    );
    assert_eq!(log[0].at, "2026-01-12T10:00:00Z", "stamped by the clock the runtime gave");
    // Letters typed into the window never act ('q' does not quit); the window lists the log.
    press(&mut app, KeyCode::F(2));
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("In the log (1), newest first:"), "{text}");
    assert!(text.contains("Action: Ship the guided setup (owner Tomás, due 2026-02-01)"), "{text}");
    typ(&mut app, "q");
    assert_eq!(app.overlay, Some(Overlay::Decision));
    press(&mut app, KeyCode::Esc);
    assert_eq!(wiz(&app).session.workshop.decisions.len(), 1, "Esc records nothing");
}

#[test]
fn f2_refuses_a_due_date_that_is_not_a_day_and_keeps_the_window_open() {
    let mut app = open_at(fm(), Step::Ranking, None);
    press(&mut app, KeyCode::F(2));
    typ(&mut app, "Ship the guided setup");
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "Tomás");
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "2026-13-45");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Some(Overlay::Decision), "the window stays open with what was typed");
    assert!(wiz(&app).session.workshop.decisions.is_empty(), "nothing stored");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Due: 2026-13-45 is not a date: there is no month 13"), "{text}");
    for _ in 0.."2026-13-45".len() {
        press(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "2026-02-01");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, None);
    let log = &wiz(&app).session.workshop.decisions;
    assert_eq!((log[0].text.as_str(), log[0].due.as_str()), ("Ship the guided setup", "2026-02-01"));
    // An empty due date is still allowed.
    press(&mut app, KeyCode::F(2));
    typ(&mut app, "We fix activation first");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(wiz(&app).session.workshop.decisions.len(), 2);
    // Quitting with a due date that is not one loses nothing: it goes into the text.
    press(&mut app, KeyCode::F(2));
    typ(&mut app, "Call the bank");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "Friday");
    ctrl(&mut app, 'c');
    let log = &wiz(&app).session.workshop.decisions;
    assert_eq!((log[2].text.as_str(), log[2].due.as_str()), ("Call the bank (due: Friday)", ""));
}

#[test]
fn ctrl_c_in_the_decision_window_quits_and_keeps_what_was_typed() {
    let mut app = open_at(fm(), Step::Ranking, None);
    press(&mut app, KeyCode::F(2));
    typ(&mut app, "Half a thought");
    ctrl(&mut app, 'c');
    assert_eq!(app.leaving, Some(firstmove::tui::msg::Leave::Quit));
    let log = &wiz(&app).session.workshop.decisions;
    assert_eq!(log.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(), vec!["Half a thought"]);
    assert!(wiz(&app).dirty, "saved before leaving");
    // An empty window just quits.
    let mut app = open_at(fm(), Step::Ranking, None);
    press(&mut app, KeyCode::F(2));
    ctrl(&mut app, 'q');
    assert_eq!(app.leaving, Some(firstmove::tui::msg::Leave::Quit));
    assert!(wiz(&app).session.workshop.decisions.is_empty());
}

#[test]
fn overriding_the_suggested_primary_is_logged() {
    let mut s = fm();
    s.primary_constraint = None;
    let mut app = open_at(s, Step::Primary, Some(0));
    press(&mut app, KeyCode::Char('3')); // Reliability
    let log = &wiz(&app).session.workshop.decisions;
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].kind, EntryKind::Override);
    assert!(log[0].text.contains("Reliability") && log[0].text.contains("Activation"), "{}", log[0].text);
    press(&mut app, KeyCode::Char('1')); // back to the suggestion
    assert!(wiz(&app).session.workshop.decisions.is_empty());
}

#[test]
fn f4_presents_the_reveal_the_ranking_and_the_recommendation() {
    let mut app = private_round();
    press(&mut app, KeyCode::F(4));
    assert_eq!(app.overlay, None, "nothing to present while the round is open");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("F4: nothing to present yet"), "F4 says why it does nothing: {text}");
    press(&mut app, KeyCode::F(3));
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("F3: a round is open here. Reveal it first"), "{text}");
    assert!(wiz(&app).session.workshop.is_private(Step::ConstraintActivation));
    typ(&mut app, "1");
    typ(&mut app, "5");
    typ(&mut app, "3");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(4));
    assert_eq!(app.overlay, Some(Overlay::Present { scroll: 0 }));
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("MEDIAN 3   ·   SPREAD 4"), "{text}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    for st in [Step::Ranking, Step::Recommendation] {
        let mut app = open_at(fm(), st, None);
        press(&mut app, KeyCode::F(4));
        assert!(matches!(app.overlay, Some(Overlay::Present { .. })), "{st:?}");
        assert!(screen_text(&app, 80, 24).contains(if st == Step::Ranking {
            "RANKING"
        } else {
            "First move:"
        }));
    }
}

/// The first-move example with candidate c1 open in the editor, its first score focused.
fn candidate_editor() -> App {
    let mut s = fm();
    s.cursor.candidate = Some("c1".into());
    let mut app = open_at(s, Step::Candidates, Some(0));
    let first = wiz(&app).fields().iter().position(|f| matches!(f, Field::Score { .. })).unwrap();
    wiz_mut(&mut app).focus = Some(first);
    app
}

fn c1_round(app: &App) -> &firstmove::method::rounds::Round {
    let s = &wiz(app).session;
    &s.workshop.rounds[s.latest_round(&Subject::Scores("c1".into())).unwrap()]
}

#[test]
fn a_private_round_on_a_candidates_four_scores() {
    let mut app = candidate_editor();
    let before = wiz(&app).session.candidates[0].scores.clone();
    press(&mut app, KeyCode::F(3));
    assert!(wiz(&app).session.workshop.is_private(Step::Candidates));
    assert!(c1_round(&app).is_open());
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Private round 1 · 0 of 3 done · hidden until the reveal"), "{text}");
    assert!(text.contains("hidden"), "the medians are hidden while the round is open: {text}");
    assert!(text.contains("stored in the session file"), "{text}");
    typ(&mut app, "4444"); // Maya, then the laptop goes to Tomás
    assert!(matches!(wiz(&app).focused(), Some(Field::Score { person: 1, .. })));
    let text = screen_text(&app, 120, 40);
    let maya = text.lines().find(|l| l.contains("  Maya  ")).unwrap();
    assert_eq!(maya.matches('●').count(), 4, "{text}");
    assert!(!maya.split('│').nth(1).unwrap().contains('4'), "Maya's 4s are hidden: {text}");
    assert_eq!(
        wiz(&app).session.candidates[0].scores,
        before,
        "nothing reaches the ranking before the reveal"
    );
    typ(&mut app, "2222");
    ctrl(&mut app, 'a'); // Priya abstains
    assert_eq!(c1_round(&app).status("p3"), VoterStatus::Abstained);
    let button = wiz(&app).fields().iter().position(|f| matches!(f, Field::ScoresRound { .. })).unwrap();
    wiz_mut(&mut app).focus = Some(button);
    assert!(screen_text(&app, 120, 40).contains("Reveal round 1: everyone is done"));
    press(&mut app, KeyCode::Enter);
    let sc = &wiz(&app).session.candidates[0].scores;
    assert_eq!(sc.len(), 2, "Priya abstained: {sc:?}");
    assert_eq!((sc["p1"].impact, sc["p2"].timing), (Some(4), Some(2)));
    let text = screen_text(&app, 120, 40);
    assert!(
        text.contains(
            "Round 1 revealed · spread Impact 2 · Evidence 2 · Confidence 2 · Timing 2 · 1 abstained"
        ),
        "{text}"
    );
    assert_eq!(wiz(&app).derived.recommendation, recommend(&wiz(&app).session));
    // Re-vote: round 2 on the same candidate, logged.
    press(&mut app, KeyCode::Enter);
    assert!(c1_round(&app).is_open());
    let logged = wiz(&app).session.workshop.decisions.last().unwrap();
    assert_eq!(logged.kind, EntryKind::Revote);
    assert!(logged.text.contains("spread was 2 on Impact (Tomás at 2; Maya at 4)"), "{}", logged.text);
}

#[test]
fn a_forced_candidate_reveal_counts_a_half_filled_ballot_the_same_everywhere_and_names_the_ends() {
    let mut app = candidate_editor();
    press(&mut app, KeyCode::F(3));
    typ(&mut app, "3432");
    typ(&mut app, "5555");
    typ(&mut app, "112"); // Priya leaves Timing empty
    let button = wiz(&app).fields().iter().position(|f| matches!(f, Field::ScoresRound { .. })).unwrap();
    wiz_mut(&mut app).focus = Some(button);
    press(&mut app, KeyCode::Enter);
    let text = screen_text(&app, 120, 40);
    // The grid's medians, the round line and the re-vote's reason all count Priya's 1 on Impact.
    let median = text.lines().find(|l| l.contains("median")).unwrap().rsplit('│').next().unwrap();
    assert!(median.trim_start().starts_with("median     3 "), "{median}");
    assert!(
        text.contains("Round 1 revealed · spread Impact 4 · Evidence 4 · Confidence 3 · Timing 3"),
        "{text}"
    );
    // Who is lowest and highest, on the screen and in the presentation view (as a
    // constraint's reveal does).
    assert!(text.contains("Impact: lowest Priya (1) · highest Tomás (5)"), "{text}");
    assert!(!text.contains("stored in the session file"), "{text}");
    assert!(text.contains("Timing: lowest Maya (2) · highest Tomás (5)"), "{text}");
    press(&mut app, KeyCode::F(4));
    let shown = screen_text(&app, 120, 40);
    assert!(shown.contains("lowest Priya (1) · highest Tomás (5) · ask why"), "{shown}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter); // re-vote
    let logged = wiz(&app).session.workshop.decisions.last().unwrap();
    assert!(logged.text.contains("spread was 4 on Impact (Priya at 1; Tomás at 5)"), "{}", logged.text);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// The candidate's grid in an open round: whatever anyone scored (the focused person
    /// too), the screen is the same cell for cell, with the focus on any cell, the button or a
    /// checklist item, and after any keys but Enter.
    #[test]
    fn other_scores_never_show_before_the_reveal(
        ballots in proptest::array::uniform3(proptest::array::uniform4(0u8..=5)),
        other in proptest::array::uniform3(proptest::array::uniform4(1u8..=5)),
        focus in 0usize..20,
        keys in proptest::collection::vec(0u8..17, 0..10),
    ) {
        let make = |b: &[[u8; 4]; 3]| {
            let mut s = fm();
            s.cursor.candidate = Some("c1".into());
            s.workshop.set_private(Step::Candidates, true);
            let r = s.open_round(Subject::Scores("c1".into()), "2026-01-12T10:00:00Z", "").unwrap();
            for (p, row) in b.iter().enumerate() {
                for (d, v) in row.iter().enumerate() {
                    if *v > 0 {
                        s.cast_score(r, &format!("p{}", p + 1), firstmove::method::Dimension::ALL[d], Some(*v)).unwrap();
                    }
                }
            }
            let mut app = open_at(s, Step::Candidates, Some(6 + focus));
            app.size = (120, 40);
            app
        };
        let mut app = make(&ballots);
        // Every row changed, the focused person's too.
        let mut changed = ballots;
        for (p, row) in changed.iter_mut().enumerate() {
            for (d, v) in row.iter_mut().enumerate() {
                if *v > 0 {
                    *v = other[p][d];
                }
            }
        }
        let mut app2 = make(&changed);
        prop_assert_eq!(all_screens_text(&app), all_screens_text(&app2));
        // And after any keys but Enter: digits, arrows, Ctrl+T, Ctrl+A, away and back.
        for &k in &keys {
            round_key(&mut app, k);
            round_key(&mut app2, k);
            prop_assert_eq!(screen_text(&app, 120, 40), screen_text(&app2, 120, 40), "after key {}", k);
        }
    }
}

/// The workshop screens worth a snapshot.
fn screens() -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    out.push(("round_vote", with_ballots(&[4, 6, 0], Some(2), None)));
    let mut reveal = private_round();
    typ(&mut reveal, "152");
    press(&mut reveal, KeyCode::Enter);
    out.push(("round_reveal", reveal));
    let mut revote = private_round();
    typ(&mut revote, "153");
    press(&mut revote, KeyCode::Enter);
    press(&mut revote, KeyCode::Enter);
    typ(&mut revote, "343");
    press(&mut revote, KeyCode::Enter);
    out.push(("round_revote", revote));
    let mut present = private_round();
    typ(&mut present, "153");
    press(&mut present, KeyCode::Enter);
    press(&mut present, KeyCode::Enter);
    typ(&mut present, "343");
    press(&mut present, KeyCode::Enter);
    press(&mut present, KeyCode::F(4));
    out.push(("present_revote", present));
    let mut scores = candidate_editor();
    press(&mut scores, KeyCode::F(3));
    typ(&mut scores, "4353");
    out.push(("round_scores_vote", scores));
    let mut scores = candidate_editor();
    press(&mut scores, KeyCode::F(3));
    typ(&mut scores, "43532254");
    ctrl(&mut scores, 'a');
    let button = wiz(&scores).fields().iter().position(|f| matches!(f, Field::ScoresRound { .. })).unwrap();
    wiz_mut(&mut scores).focus = Some(button);
    press(&mut scores, KeyCode::Enter);
    out.push(("round_scores_reveal", scores));
    let mut present = candidate_editor();
    press(&mut present, KeyCode::F(3));
    typ(&mut present, "435322545544");
    let button = wiz(&present).fields().iter().position(|f| matches!(f, Field::ScoresRound { .. })).unwrap();
    wiz_mut(&mut present).focus = Some(button);
    press(&mut present, KeyCode::Enter);
    press(&mut present, KeyCode::F(4));
    assert!(matches!(present.overlay, Some(Overlay::Present { .. })));
    out.push(("present_scores_reveal", present));
    let mut timer = open_at(fm(), Step::Gate, None);
    update(&mut timer, Msg::Tick(0));
    press(&mut timer, KeyCode::F(5));
    update(&mut timer, Msg::Tick(45));
    out.push(("timebox_running", timer));
    let mut over = open_at(fm(), Step::Gate, None);
    update(&mut over, Msg::Tick(0));
    press(&mut over, KeyCode::F(5));
    for t in (60..=240).step_by(60) {
        update(&mut over, Msg::Tick(t));
    }
    press(&mut over, KeyCode::F(5));
    out.push(("timebox_over_paused", over));
    let mut present = private_round();
    typ(&mut present, "152");
    press(&mut present, KeyCode::Enter);
    press(&mut present, KeyCode::F(4));
    out.push(("present_reveal", present));
    for (name, st) in [("present_ranking", Step::Ranking), ("present_recommendation", Step::Recommendation)] {
        let mut app = open_at(fm(), st, None);
        press(&mut app, KeyCode::F(4));
        out.push((name, app));
    }
    let mut decision = open_at(fm(), Step::Ranking, None);
    press(&mut decision, KeyCode::F(2));
    typ(&mut decision, "We fix activation first");
    press(&mut decision, KeyCode::Enter);
    press(&mut decision, KeyCode::Enter);
    press(&mut decision, KeyCode::Enter);
    press(&mut decision, KeyCode::F(2));
    typ(&mut decision, "Ship the guided setup");
    press(&mut decision, KeyCode::Enter);
    out.push(("decision", decision));
    out
}

#[test]
fn snapshots_80x24_and_120x40() {
    for (name, app) in screens() {
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen_text(&app, w, h));
        }
    }
}

#[test]
fn workshop_screens_never_panic_and_use_no_colour_under_no_color() {
    for (name, app) in screens() {
        for (w, h) in [(1, 1), (20, 10), (59, 20), (60, 20), (61, 21), (200, 60)] {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(&app, w, h)));
            assert!(result.is_ok(), "{name} panicked at {w}×{h}");
        }
        let t = render(&app, 120, 40);
        for cell in t.backend().buffer().content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{name}: colour under NO_COLOR");
        }
    }
    let mut app = private_round();
    app.theme = Theme::COLOR;
    render(&app, 80, 24);
}

#[test]
fn the_theme_setting_takes_light_dark_or_auto_from_the_flag_or_the_environment() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |args: &[&str], env: Option<&str>| {
        let mut cmd = assert_cmd::Command::cargo_bin("firstmove").unwrap();
        cmd.env("FIRSTMOVE_DIR", tmp.path()).env_remove("FIRSTMOVE_THEME").args(args);
        if let Some(v) = env {
            cmd.env("FIRSTMOVE_THEME", v);
        }
        cmd.output().unwrap()
    };
    for v in ["light", "dark", "auto"] {
        assert!(run(&["--theme", v, "list"], None).status.success(), "--theme {v}");
        assert!(run(&["list"], Some(v)).status.success(), "FIRSTMOVE_THEME={v}");
    }
    let bad = run(&["--theme", "purple", "list"], None);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("possible values: auto, dark, light"));
}
