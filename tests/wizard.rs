//! `update` without a terminal: every transition of the wizard.

mod common;

use std::path::PathBuf;

use common::*;
use firstmove::method::{Clarity, ConstraintId, Dimension, EvidenceKind, FilterId, Step, Traction};
use firstmove::store::Listed;
use firstmove::tui::app::Editing;
use firstmove::tui::app::{Overlay, Screen, Status};
use firstmove::tui::field::{CandidateText, Field};
use firstmove::tui::msg::{Leave, SaveReport};
use firstmove::tui::{App, Effect, Msg, Theme, update};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn home_with(n: usize) -> App {
    let mut app = App::new(Theme::MONO);
    let entries = (0..n)
        .map(|i| Listed { path: PathBuf::from(format!("/s/{i}.json")), summary: Err("broken".into()) })
        .collect();
    update(&mut app, Msg::Listed(Ok(entries), "/s".into()));
    app
}

#[test]
fn home_keys() {
    let mut app = home_with(3);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.overlay, Some(Overlay::NewSession), "n asks for the name first");
    typ(&mut app, "Harbor Q3");
    assert_eq!(press(&mut app, KeyCode::Enter), [Effect::NewSession("Harbor Q3".into())]);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(press(&mut app, KeyCode::Enter), [Effect::Open(PathBuf::from("/s/2.json"))]);
    press(&mut app, KeyCode::Up);
    assert!(press(&mut app, KeyCode::Char('d')).is_empty());
    assert_eq!(app.overlay, Some(Overlay::ConfirmDeleteSession));
    assert!(press(&mut app, KeyCode::Char('n')).is_empty(), "n in the dialog means no");
    assert_eq!(app.overlay, None);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(press(&mut app, KeyCode::Char('y')), [Effect::Delete(PathBuf::from("/s/1.json"))]);
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, None);
    // Esc is what people press again and again to get back: on the list it must not quit.
    for _ in 0..3 {
        assert!(press(&mut app, KeyCode::Esc).is_empty());
    }
    assert_eq!((app.leaving, app.quit), (None, false), "Esc on the session list does not quit");
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.leaving, Some(Leave::Quit));
}

#[test]
fn empty_home_ignores_open_and_delete() {
    let mut app = home_with(0);
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.overlay, None);
}

#[test]
fn a_failed_open_is_reported_and_keeps_home() {
    let mut app = home_with(1);
    update(&mut app, Msg::Failed("x.json:1:2: not valid JSON".into()));
    assert!(is_home(&app));
    assert_eq!(app.status, Status::Error("x.json:1:2: not valid JSON".into()));
}

#[test]
fn resume_reopens_the_same_step_field_and_candidate() {
    let mut s = example("first-move.json");
    s.cursor.step = Step::Candidates;
    s.cursor.field = 3;
    s.cursor.candidate = Some("c2".into());
    let mut app = open(s);
    let w = wiz(&app);
    assert_eq!(w.step(), Step::Candidates);
    assert_eq!(w.editing, Editing::Candidate(1));
    // Never opened inside a text field: a key meant for the wizard would be typed.
    assert_eq!(w.focused(), None);
    assert!(w.editor.is_none());
    assert!(!w.dirty && !w.cursor_moved, "opening does not write");
    // Tab goes back to the field it was left on, ready to type into.
    press(&mut app, KeyCode::Tab);
    let w = wiz(&app);
    assert_eq!(w.focused(), Some(Field::CandidateText { candidate: 1, text: CandidateText::Baseline }));
    assert!(w.editor.is_some());
}

#[test]
fn typing_updates_the_session_at_once() {
    let mut app = open(blank());
    typ(&mut app, "Q1 review ✓");
    assert_eq!(wiz(&app).session.name, "Q1 review ✓");
    assert!(wiz(&app).dirty);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(wiz(&app).session.name, "Q1 review ");
    ctrl(&mut app, 'w');
    assert_eq!(wiz(&app).session.name, "Q1 ", "Ctrl+W deletes a word");
    // q and ? type in a text field; they are not shortcuts there.
    typ(&mut app, "q?");
    assert!(app.leaving.is_none() && app.overlay.is_none());
    assert_eq!(wiz(&app).session.name, "Q1 q?");
}

#[test]
fn enter_and_arrows_walk_one_line_fields() {
    let mut app = open(blank());
    press(&mut app, KeyCode::Enter);
    assert_eq!(wiz(&app).focused(), Some(Field::Product));
    press(&mut app, KeyCode::Down);
    assert_eq!(wiz(&app).focused(), Some(Field::Facilitator));
    press(&mut app, KeyCode::Up);
    assert_eq!(wiz(&app).focused(), Some(Field::Product));
    press_mod(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    press_mod(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(wiz(&app).focused(), Some(Field::AddParticipant), "Shift+Tab wraps to the last field");
    press(&mut app, KeyCode::Tab);
    assert_eq!(wiz(&app).focused(), Some(Field::Name), "Tab wraps to the first");
}

#[test]
fn participants_are_added_renamed_and_removed() {
    let mut app = open(blank());
    typ(&mut app, "Review");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    typ(&mut app, "Ana");
    press(&mut app, KeyCode::Tab);
    assert_eq!(wiz(&app).focused(), Some(Field::AddParticipant));
    press(&mut app, KeyCode::Enter);
    assert_eq!(wiz(&app).focused(), Some(Field::Participant { person: 1 }));
    typ(&mut app, "Ben");
    assert_eq!(
        wiz(&app).session.participants.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["Ana", "Ben"]
    );
    // Ben has no scores: removed at once.
    ctrl(&mut app, 'd');
    assert_eq!(wiz(&app).session.participants.len(), 1);
    // The last participant cannot be removed.
    press(&mut app, KeyCode::Up);
    assert_eq!(wiz(&app).focused(), Some(Field::Participant { person: 0 }));
    ctrl(&mut app, 'd');
    assert_eq!(wiz(&app).session.participants.len(), 1);
}

#[test]
fn removing_someone_with_scores_asks_first() {
    let mut s = example("first-move.json");
    s.cursor.step = Step::Setup;
    s.cursor.field = 4; // Tomás
    let mut app = open(s);
    press(&mut app, KeyCode::Tab); // back into Tomás's name
    ctrl(&mut app, 'd');
    assert_eq!(app.overlay, Some(Overlay::ConfirmRemoveParticipant { person: 1 }));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(wiz(&app).session.participants.len(), 3);
    ctrl(&mut app, 'd');
    press(&mut app, KeyCode::Char('y'));
    let s = &wiz(&app).session;
    assert_eq!(s.participants.len(), 2);
    assert!(s.constraints.iter().all(|c| !c.severity.contains_key("p2")));
    assert!(s.candidates.iter().all(|c| !c.scores.contains_key("p2")));
}

#[test]
fn step_navigation_is_never_blocked_and_keeps_text() {
    let mut app = open_at(blank(), Step::FilterTrust, Some(0));
    typ(&mut app, "Exports are slow");
    press_mod(&mut app, KeyCode::Enter, KeyModifiers::ALT);
    typ(&mut app, "second line");
    press(&mut app, KeyCode::PageUp);
    assert_eq!(step(&app), Step::FilterRetention);
    ctrl(&mut app, 'n');
    assert_eq!(step(&app), Step::FilterTrust);
    assert_eq!(wiz(&app).session.filter(FilterId::Trust).answer, "Exports are slow\nsecond line");
    // The editor reopens with the text, ready to continue.
    assert_eq!(wiz(&app).editor.as_ref().unwrap().text(), "Exports are slow\nsecond line");
    ctrl(&mut app, 'p');
    ctrl(&mut app, 'p');
    assert_eq!(step(&app), Step::FilterRevenue);
    // Nothing is required to move on, and the ends stop the walk.
    for _ in 0..30 {
        press(&mut app, KeyCode::PageDown);
    }
    assert_eq!(step(&app), Step::FollowThrough);
    for _ in 0..30 {
        press(&mut app, KeyCode::PageUp);
    }
    assert_eq!(step(&app), Step::Setup);
}

#[test]
fn enter_on_the_last_field_moves_to_the_next_step() {
    let mut app = open_at(blank(), Step::Gate, Some(0));
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(wiz(&app).session.gate.traction, Some(Traction::Yes));
    press(&mut app, KeyCode::Enter);
    assert_eq!(wiz(&app).focused(), Some(Field::AiQuestion));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    assert_eq!(wiz(&app).session.gate.ai_question, Some(false));
    press(&mut app, KeyCode::Enter);
    assert_eq!(step(&app), Step::FilterRevenue);
    assert_eq!(wiz(&app).focused(), Some(Field::Answer { filter: FilterId::Revenue }));
}

#[test]
fn choices_cycle_take_digits_and_clear() {
    let mut app = open_at(blank(), Step::FilterRevenue, Some(1));
    assert_eq!(wiz(&app).focused(), Some(Field::Clarity { filter: FilterId::Revenue }));
    press(&mut app, KeyCode::Right);
    assert_eq!(wiz(&app).session.filter(FilterId::Revenue).clarity, Clarity::Clear, "wraps from unanswered");
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(wiz(&app).session.filter(FilterId::Revenue).clarity, Clarity::Vague);
    press(&mut app, KeyCode::Left);
    assert_eq!(wiz(&app).session.filter(FilterId::Revenue).clarity, Clarity::Partial);
    press(&mut app, KeyCode::Char('0'));
    assert_eq!(wiz(&app).session.filter(FilterId::Revenue).clarity, Clarity::Unanswered);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('9'));
    assert_eq!(wiz(&app).session.filter(FilterId::Revenue).evidence, None, "out-of-range digit ignored");
    press(&mut app, KeyCode::Left);
    assert_eq!(wiz(&app).session.filter(FilterId::Revenue).evidence, Some(EvidenceKind::None));
}

#[test]
fn severity_digits_score_and_advance() {
    let mut s = blank();
    s.participants.push(firstmove::method::Participant { id: "p2".into(), name: "Ben".into() });
    let mut app = open_at(s, Step::ConstraintReliability, Some(0));
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(
        wiz(&app).focused(),
        Some(Field::Severity { constraint: ConstraintId::Reliability, person: 1 })
    );
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(
        wiz(&app).focused(),
        Some(Field::Severity { constraint: ConstraintId::Reliability, person: 1 }),
        "last score stays"
    );
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    let sev = &wiz(&app).session.constraint(ConstraintId::Reliability).severity;
    assert_eq!((sev["p1"], sev["p2"]), (4, 5), "→ stops at 5");
    press(&mut app, KeyCode::Backspace);
    assert!(!wiz(&app).session.constraint(ConstraintId::Reliability).severity.contains_key("p2"));
}

#[test]
fn primary_pick_overrides_and_clears() {
    let mut app = open_at(example("first-move.json"), Step::Primary, Some(0));
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(wiz(&app).session.primary_constraint, Some(ConstraintId::Throughput));
    press(&mut app, KeyCode::Char('0'));
    assert_eq!(wiz(&app).session.primary_constraint, None);
}

#[test]
fn candidates_are_added_scored_and_deleted() {
    let mut s = example("first-move.json");
    s.candidates.clear();
    let mut app = open_at(s, Step::Candidates, Some(0));
    assert_eq!(wiz(&app).focused(), Some(Field::SuggestionRow { suggestion: 0 }));
    press(&mut app, KeyCode::Enter);
    let w = wiz(&app);
    assert_eq!(w.editing, Editing::Candidate(0));
    assert_eq!(
        w.session.candidates[0].title,
        firstmove::method::playbook().constraint(ConstraintId::Activation).suggestions[0]
    );
    assert_eq!(w.focused(), Some(Field::CandidateText { candidate: 0, text: CandidateText::Title }));
    for _ in 0..6 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(
        wiz(&app).focused(),
        Some(Field::Score { candidate: 0, person: 0, dimension: Dimension::Impact })
    );
    for d in "4432".chars() {
        press(&mut app, KeyCode::Char(d));
    }
    assert_eq!(
        wiz(&app).focused(),
        Some(Field::Score { candidate: 0, person: 1, dimension: Dimension::Impact }),
        "scores run across, then down"
    );
    let sc = &wiz(&app).session.candidates[0].scores["p1"];
    assert_eq!((sc.impact, sc.evidence, sc.confidence, sc.timing), (Some(4), Some(4), Some(3), Some(2)));
    // Tick the first checklist item.
    press_mod(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    // From the 4th score (index 9) past the other 8 of three participants' 12.
    for _ in 0..9 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(wiz(&app).focused(), Some(Field::Check { candidate: 0, item: 0 }));
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(wiz(&app).session.candidates[0].checklist, ["data_model"]);
    press(&mut app, KeyCode::Char(' '));
    assert!(wiz(&app).session.candidates[0].checklist.is_empty());
    // Esc leaves the field, then the editor.
    press(&mut app, KeyCode::Esc);
    assert_eq!(wiz(&app).focus, None);
    press(&mut app, KeyCode::Esc);
    assert_eq!(wiz(&app).editing, Editing::Nothing);
    assert_eq!(wiz(&app).focused(), Some(Field::CandidateRow { candidate: 0 }));
    // A letter on a row does nothing but say what the row takes.
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(wiz(&app).session.candidates.len(), 1);
    assert!(matches!(&app.status, Status::Hint(m, _) if m.contains("Not a text field")));
    // A blank candidate of our own: the last row.
    press_mod(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(wiz(&app).focused(), Some(Field::NewCandidate));
    press(&mut app, KeyCode::Enter);
    typ(&mut app, "Our own idea");
    assert_eq!(wiz(&app).session.candidates[1].title, "Our own idea");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.overlay, None, "d is a letter: on a form it deletes nothing");
    press(&mut app, KeyCode::Delete);
    assert_eq!(app.overlay, Some(Overlay::ConfirmDeleteCandidate { candidate: 1 }));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(wiz(&app).session.candidates.len(), 1);
}

#[test]
fn candidates_need_a_primary_constraint() {
    let mut app = open_at(blank(), Step::Candidates, Some(0));
    assert_eq!(wiz(&app).focus, None);
    press(&mut app, KeyCode::Char('n'));
    assert!(wiz(&app).session.candidates.is_empty());
}

#[test]
fn jump_goes_to_any_step() {
    let mut app = open_at(blank(), Step::Setup, None);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.overlay, None, "g is a letter: on a form it does not jump");
    ctrl(&mut app, 'g');
    assert_eq!(app.overlay, Some(Overlay::Jump { selected: 0 }));
    for _ in 0..15 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(step(&app), Step::Ranking);
    assert_eq!(app.overlay, None);
    // Ctrl+G works even while typing; g does where there is nothing to type.
    let mut app = open(blank());
    ctrl(&mut app, 'g');
    assert!(matches!(app.overlay, Some(Overlay::Jump { .. })));
    let mut app = open_at(blank(), Step::Ranking, None);
    press(&mut app, KeyCode::Char('g'));
    assert!(matches!(app.overlay, Some(Overlay::Jump { .. })));
}

#[test]
fn esc_walks_out_to_home_saving_first() {
    let mut app = open(blank());
    typ(&mut app, "Unsaved");
    press(&mut app, KeyCode::Esc);
    assert_eq!(wiz(&app).focus, None);
    assert!(press(&mut app, KeyCode::Esc).is_empty());
    // The runtime saves first; only then does the wizard close.
    assert_eq!(app.leaving, Some(Leave::Home));
    assert!(!is_home(&app));
    assert_eq!(update(&mut app, Msg::ReadyToLeave), [Effect::ListSessions]);
    assert!(is_home(&app));
    assert_eq!(app.leaving, None);
}

#[test]
fn quit_help_and_report_keys() {
    let mut app = open_at(example("first-move.json"), Step::Recommendation, None);
    assert_eq!(press(&mut app, KeyCode::Char('w')), [Effect::WriteReport]);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(wiz(&app).scroll, 2, "read-only screens scroll");
    press(&mut app, KeyCode::F(1));
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.overlay, None, "q closes the overlay first");
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.leaving, Some(Leave::Quit));
    update(&mut app, Msg::ReadyToLeave);
    assert!(app.quit);
    // Ctrl+C quits from anywhere, even mid-text.
    let mut app = open(blank());
    typ(&mut app, "abc");
    ctrl(&mut app, 'c');
    assert_eq!(app.leaving, Some(Leave::Quit));
}

#[test]
fn key_releases_are_ignored() {
    let mut app = open(blank());
    release(&mut app, KeyCode::Char('x'));
    assert_eq!(wiz(&app).session.name, "");
}

#[test]
fn paste_goes_into_text_fields() {
    let mut app = open_at(blank(), Step::FilterRevenue, Some(0));
    update(&mut app, Msg::Paste("line one\r\nline two 漢字".into()));
    assert_eq!(wiz(&app).session.filter(FilterId::Revenue).answer, "line one\nline two 漢字");
    let mut app = open(blank());
    update(&mut app, Msg::Paste("a\nb".into()));
    assert_eq!(wiz(&app).session.name, "a b", "one-line fields fold line breaks");
    let mut app = open_at(blank(), Step::Gate, Some(0));
    update(&mut app, Msg::Paste("x".into()));
    assert!(matches!(app.status, Status::Hint(..)));
}

#[test]
fn save_results_show_in_the_status() {
    let mut app = open(blank());
    update(&mut app, Msg::Saved(SaveReport::Saved("10:00:00 UTC".into())));
    assert_eq!(app.status, Status::Saved("10:00:00 UTC".into()));
    update(&mut app, Msg::Saved(SaveReport::Failed("disk full".into())));
    assert_eq!(app.status, Status::Error("NOT SAVED: disk full".into()));
    assert!(matches!(app.screen, Screen::Wizard(_)), "the session stays open in memory");
}

#[test]
fn a_tie_at_the_top_is_broken_by_the_team_on_the_ranking() {
    let mut s = example("first-move.json");
    // The second candidate scores exactly as the first: tied on all three keys.
    s.candidates[1].scores = s.candidates[0].scores.clone();
    s.candidates[1].behavior = s.candidates[0].behavior.clone();
    s.candidates[1].metric = s.candidates[0].metric.clone();
    s.candidates[1].risk = s.candidates[0].risk.clone();
    let mut app = open_at(s, Step::Ranking, Some(0));
    assert_eq!(wiz(&app).derived.recommendation.route, firstmove::method::Route::ChooseFirstMove);
    let rows = wiz(&app).fields();
    assert_eq!(rows.len(), 2, "the tied candidates are rows to pick from: {rows:?}");
    assert!(screen_text(&app, 100, 30).contains("the team picks the first move"));
    press(&mut app, KeyCode::Down);
    let Some(Field::TiePick { candidate }) = wiz(&app).focused() else { panic!("{:?}", wiz(&app).focused()) };
    press(&mut app, KeyCode::Enter);
    let w = wiz(&app);
    assert_eq!(w.session.first_move.as_deref(), Some(w.session.candidates[candidate].id.as_str()));
    assert_eq!(w.derived.recommendation.top.as_deref(), w.session.first_move.as_deref());
    assert!(screen_text(&app, 100, 30).contains("● the team's first move"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(wiz(&app).session.first_move, None, "Enter again takes the pick back");
}

#[test]
fn overriding_the_primary_says_the_other_candidates_are_kept() {
    let mut s = example("first-move.json");
    s.primary_constraint = Some(ConstraintId::Throughput);
    let app = open_at(s, Step::Candidates, Some(0));
    let screen = screen_text(&app, 100, 30);
    assert!(screen.contains("3 candidates of other constraints are kept"), "{screen}");
    assert!(screen.contains("No candidates yet"));
}

#[test]
fn the_grid_moves_on_by_person_or_by_dimension() {
    let mut s = example("first-move.json");
    for c in &mut s.candidates {
        c.scores.clear();
    }
    s.cursor.candidate = Some("c1".into());
    let mut app = open_at(s, Step::Candidates, Some(6)); // Maya's Impact
    let cell = |app: &App| match wiz(app).focused() {
        Some(Field::Score { person, dimension, .. }) => (person, dimension),
        other => panic!("{other:?}"),
    };
    typ(&mut app, "4445");
    assert_eq!(cell(&app), (1, Dimension::Impact), "by person: across, then down");
    ctrl(&mut app, 't');
    typ(&mut app, "54");
    assert_eq!(cell(&app), (0, Dimension::Evidence), "by dimension: down, then the next question");
    typ(&mut app, "434");
    assert_eq!(cell(&app), (0, Dimension::Confidence));
    let sc = |p: &str| wiz(&app).session.candidates[0].scores[p].clone();
    assert_eq!(
        (sc("p2").impact, sc("p3").impact, sc("p2").evidence, sc("p3").evidence),
        (Some(5), Some(4), Some(3), Some(4))
    );
    // Arrows: ↓ down the column, → along the row; at the edges they stop or leave the grid.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    assert_eq!(cell(&app), (1, Dimension::Timing));
    press(&mut app, KeyCode::Right);
    assert_eq!(cell(&app), (1, Dimension::Timing), "no cell to the right: it stays");
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    assert!(matches!(wiz(&app).focused(), Some(Field::CandidateText { .. })), "above the grid: the texts");
}

#[test]
fn deciding_records_today_and_asks_for_the_prediction() {
    let mut app = open_at(example("first-move.json"), Step::FollowThrough, Some(0));
    let fields = wiz(&app).fields();
    assert_eq!(fields.last(), Some(&Field::Decide));
    assert!(fields.contains(&Field::Direction { candidate: 0 }), "22% → 40% reads as numbers");
    // Editing the baseline here re-reads its numbers.
    assert_eq!(
        wiz(&app).focused(),
        Some(Field::CandidateText { candidate: 0, text: CandidateText::Baseline })
    );
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    typ(&mut app, "25%");
    assert_eq!(wiz(&app).session.measures["c1"].baseline, 25.0);
    wiz_mut(&mut app).focus = wiz(&app).fields().iter().position(|f| *f == Field::Decide);
    press(&mut app, KeyCode::Enter);
    let f = wiz(&app).session.follow_through.clone().expect("decided");
    assert_eq!((f.decided_on, f.candidate.as_str()), (firstmove::store::today(), "c1"));
    assert!(wiz(&app).dirty);
    use firstmove::tui::field::FollowText;
    assert_eq!(wiz(&app).focused(), Some(Field::FollowText { text: FollowText::Prediction }));
    typ(&mut app, "35%");
    press(&mut app, KeyCode::Tab);
    assert_eq!(wiz(&app).focused(), Some(Field::Confidence));
    press(&mut app, KeyCode::Char('2'));
    let f = wiz(&app).session.follow_through.clone().unwrap();
    assert_eq!((f.prediction.as_str(), f.confidence), ("35%", Some(70)));
}

#[test]
fn check_ins_are_added_edited_and_deleted_on_the_follow_through() {
    use firstmove::method::Decision;
    use firstmove::tui::field::CheckInText;
    let mut s = example("follow-through.json");
    s.check_ins.truncate(1);
    s.follow_through.as_mut().unwrap().outcome = None;
    // A decided session reopens on its follow-through, whatever step it was saved on.
    s.cursor.step = Step::Candidates;
    let mut app = open(s);
    assert_eq!(step(&app), Step::FollowThrough);
    assert_eq!(wiz(&app).fields()[..2], [Field::CheckInRow { check_in: 0 }, Field::AddCheckIn]);
    assert!(!wiz(&app).fields().contains(&Field::NextCycle), "nobody decided to move on yet");
    wiz_mut(&mut app).focus = Some(1);
    press(&mut app, KeyCode::Enter);
    assert_eq!(wiz(&app).editing, Editing::CheckIn(1));
    assert_eq!(wiz(&app).session.check_ins[1].date, firstmove::store::today());
    assert_eq!(wiz(&app).focused(), Some(Field::CheckInText { check_in: 1, text: CheckInText::Value }));
    typ(&mut app, "31%");
    // Back to the date: an impossible one is kept as typed but refused, and counts nowhere.
    press_mod(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "2025-11-31");
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("2025-11-31 is not a date: November 2025 has 30 days"), "{text}");
    assert_eq!(firstmove::method::followup::points(&wiz(&app).session).len(), 1);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "2025-12-05");
    assert_eq!(firstmove::method::followup::points(&wiz(&app).session).len(), 2);
    // The decision is the last field: Enter on it closes the check-in, back on its row.
    wiz_mut(&mut app).focus = Some(7);
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(wiz(&app).session.check_ins[1].decision, Some(Decision::MoveOn));
    press(&mut app, KeyCode::Enter);
    assert_eq!(wiz(&app).editing, Editing::Nothing);
    assert_eq!(wiz(&app).focused(), Some(Field::CheckInRow { check_in: 1 }));
    // Moving on makes the outcome due and offers the next cycle, which asks first.
    let fields = wiz(&app).fields();
    assert!(fields.contains(&Field::Outcome) && fields.contains(&Field::NextCycle));
    wiz_mut(&mut app).focus = fields.iter().position(|f| *f == Field::NextCycle);
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(app.overlay, Some(Overlay::ConfirmNextCycle));
    assert_eq!(press(&mut app, KeyCode::Char('y')), [Effect::NextCycle]);
    // Delete on a row asks, then removes it.
    wiz_mut(&mut app).focus = Some(0);
    press(&mut app, KeyCode::Delete);
    assert_eq!(app.overlay, Some(Overlay::ConfirmDeleteCheckIn { check_in: 0 }));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(wiz(&app).session.check_ins.len(), 1);
    assert_eq!(wiz(&app).session.check_ins[0].metric_value, "31%");
}

#[test]
fn no_move_no_follow_through() {
    let app = open_at(example("collect-evidence.json"), Step::FollowThrough, None);
    assert!(wiz(&app).fields().is_empty());
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("Follow-through starts once the rules name a first move"), "{text}");
}

#[test]
fn re_rating_a_carried_severity_removes_its_mark() {
    let s = example("follow-through-cycle-2.json");
    let mut app = open_at(s, Step::ConstraintActivation, Some(1));
    assert!(wiz(&app).session.is_carried(ConstraintId::Activation, 1));
    assert!(screen_text(&app, 100, 30).contains("carried: re-rate"));
    press(&mut app, KeyCode::Char('4'));
    assert!(!wiz(&app).session.is_carried(ConstraintId::Activation, 1));
    assert!(wiz(&app).session.is_carried(ConstraintId::Activation, 2));
    assert!(wiz(&app).dirty);
}

#[test]
fn the_home_list_marks_a_conflict_copy_as_a_copy_of_its_session() {
    use firstmove::store::Summary;
    let s = example("first-move.json");
    let entries = ["first-move.json", "first-move.conflict-20261128T052116Z.json"]
        .map(|f| Listed { path: PathBuf::from(format!("/s/{f}")), summary: Ok(Summary::of(&s)) })
        .into_iter()
        .collect();
    let mut app = App::new(Theme::MONO);
    update(&mut app, Msg::Listed(Ok(entries), "/s".into()));
    let text = screen_text(&app, 120, 30);
    assert_eq!(text.matches("Q1 scaling review").count(), 1, "{text}");
    assert!(text.contains("⚠ copy of first-move.json"), "{text}");
    press(&mut app, KeyCode::Down);
    let text = screen_text(&app, 120, 30);
    assert!(text.contains("conflict copy of first-move.json · Recommendation"), "{text}");
}

/// A cycle has one next cycle: resuming a session whose next cycle is in the folder, the
/// step says so, the question asks to open it, and yes opens that one; nothing is created.
#[test]
fn the_next_cycle_is_opened_not_started_twice() {
    use firstmove::store::{SessionFile, Store};
    use firstmove::tui::runtime::effects::{opened, perform};
    let tmp = tempfile::tempdir().unwrap();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    for f in ["follow-through.json", "follow-through-cycle-2.json"] {
        std::fs::copy(examples.join(f), tmp.path().join(f)).unwrap();
    }
    let store = Store::new(tmp.path());
    let (file, s) = SessionFile::open(&tmp.path().join("follow-through.json")).unwrap();
    let mut app = App::new(Theme::MONO);
    let effects = update(&mut app, opened(file, s));
    assert_eq!(effects, [Effect::FindNextCycle], "the team moved on: is the next cycle there?");
    let found = perform(&store, &mut app, Effect::FindNextCycle);
    update(&mut app, found);
    let next = tmp.path().join("follow-through-cycle-2.json");
    assert_eq!(wiz(&app).next_cycle, Some((next.clone(), "Q4 activation push (cycle 2)".into())));
    let fields = wiz(&app).fields();
    wiz_mut(&mut app).focus = fields.iter().position(|f| *f == Field::NextCycle);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("The next cycle is already in the folder"), "{text}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Some(Overlay::ConfirmNextCycle));
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Open the next cycle"), "{text}");
    assert_eq!(press(&mut app, KeyCode::Char('y')), [Effect::NextCycle]);
    let reply = perform(&store, &mut app, Effect::NextCycle);
    update(&mut app, reply);
    assert_eq!(wiz(&app).path, next, "the existing next cycle is open");
    let jsons = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".json"))
        .count();
    assert_eq!(jsons, 2, "nothing new was created");
}

/// The next cycle appears in the folder after the session opened (another laptop, a `git
/// pull`): starting it says so instead of creating a second one.
#[test]
fn a_next_cycle_found_late_is_said_not_doubled() {
    use firstmove::store::{SessionFile, Store};
    use firstmove::tui::runtime::effects::{opened, perform};
    let tmp = tempfile::tempdir().unwrap();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    std::fs::copy(examples.join("follow-through.json"), tmp.path().join("follow-through.json")).unwrap();
    let store = Store::new(tmp.path());
    let (file, s) = SessionFile::open(&tmp.path().join("follow-through.json")).unwrap();
    let mut app = App::new(Theme::MONO);
    update(&mut app, opened(file, s));
    let found = perform(&store, &mut app, Effect::FindNextCycle);
    update(&mut app, found);
    assert_eq!(wiz(&app).next_cycle, None);
    std::fs::copy(examples.join("follow-through-cycle-2.json"), tmp.path().join("c2.json")).unwrap();
    let reply = perform(&store, &mut app, Effect::NextCycle);
    update(&mut app, reply);
    assert!(wiz(&app).path.ends_with("follow-through.json"), "still on this cycle");
    assert!(wiz(&app).next_cycle.is_some());
    assert!(matches!(&app.status, Status::Info(m) if m.contains("already in the folder")));
    assert_eq!(
        std::fs::read_dir(tmp.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".json"))
            .count(),
        2
    );
}

/// A value that cannot be read as the metric's number is said at once, under the value.
#[test]
fn the_check_in_editor_says_when_a_value_is_not_a_number() {
    use firstmove::tui::field::CheckInText;
    let mut app = open(example("follow-through.json"));
    let i = wiz(&app).session.check_ins.len();
    let add = wiz(&app).fields().iter().position(|f| *f == Field::AddCheckIn);
    wiz_mut(&mut app).focus = add;
    press(&mut app, KeyCode::Enter);
    assert_eq!(wiz(&app).focused(), Some(Field::CheckInText { check_in: i, text: CheckInText::Value }));
    typ(&mut app, "41%");
    let text = screen_text(&app, 100, 30);
    assert!(!text.contains("does not read as a number"), "{text}");
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "about forty");
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("\"about forty\" does not read as a number in the metric's unit"), "{text}");
    assert_eq!(wiz(&app).session.check_ins[i].metric_value, "about forty", "kept as typed");
}

/// A decision date moved past some check-ins: said at once, under the date.
#[test]
fn a_later_decision_date_says_which_check_ins_it_leaves_before_it() {
    use firstmove::tui::field::FollowText;
    let mut app = open(example("follow-through.json"));
    let at = wiz(&app).fields().iter().position(|f| *f == Field::FollowText { text: FollowText::DecidedOn });
    wiz_mut(&mut app).focus = at;
    let text = screen_text(&app, 120, 40);
    assert!(!text.contains("now before the decision"), "{text}");
    press(&mut app, KeyCode::End);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "2025-12-10");
    assert_eq!(wiz(&app).session.follow_through.as_ref().unwrap().decided_on, "2025-12-10");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("2 check-ins are now before the decision (2025-12-10)"), "{text}");
    assert!(
        matches!(&app.status, Status::Info(m) if m.starts_with("2 check-ins are now before the decision")),
        "the footer says it when the change is made"
    );
}

#[test]
fn behind_the_enlarge_notice_keys_change_nothing_but_quit_still_works() {
    let mut app = open_at(example("first-move.json"), Step::FilterRevenue, Some(0));
    let before = wiz(&app).session.clone();
    update(&mut app, Msg::Resize(30, 10));
    assert!(screen_text(&app, 30, 10).contains("Enlarge the terminal"));
    typ(&mut app, "xY5");
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::Tab);
    update(&mut app, Msg::Paste("pasted".into()));
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(wiz(&app).session, before, "nothing typed unseen lands in the session");
    assert_eq!(step(&app), Step::FilterRevenue);
    // Back to a usable size, the same keys work again.
    update(&mut app, Msg::Resize(80, 24));
    typ(&mut app, "x");
    assert_ne!(wiz(&app).session, before);
    update(&mut app, Msg::Resize(30, 10));
    ctrl(&mut app, 'c');
    assert_eq!(app.leaving, Some(Leave::Quit), "Ctrl+C quits, as the notice says");
}

/// The footer and `?` say Enter goes to the next field: in a long answer too, so a
/// facilitator typing in front of the room is never surprised. A new line there is Alt+Enter
/// or Ctrl+J, as the footer says.
#[test]
fn enter_in_a_long_answer_moves_on_and_alt_enter_or_ctrl_j_is_a_new_line() {
    let mut app = open_at(blank(), Step::FilterTrust, Some(0));
    assert_eq!(wiz(&app).focused(), Some(Field::Answer { filter: FilterId::Trust }));
    typ(&mut app, "Exports are slow");
    press_mod(&mut app, KeyCode::Enter, KeyModifiers::ALT);
    typ(&mut app, "second line");
    ctrl(&mut app, 'j');
    typ(&mut app, "third");
    let answer = "Exports are slow\nsecond line\nthird";
    assert_eq!(wiz(&app).session.filter(FilterId::Trust).answer, answer);
    press(&mut app, KeyCode::Enter);
    assert_eq!(wiz(&app).focused(), Some(Field::Clarity { filter: FilterId::Trust }), "Enter: next field");
    assert_eq!(wiz(&app).session.filter(FilterId::Trust).answer, answer, "Enter typed nothing");
    let text = screen_text(&app, 80, 24);
    assert!(!text.contains("TYPING"), "{text}");
    // Back in the long answer, the footer says both.
    press_mod(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    let text = screen_text(&app, 120, 40);
    let footer = text.lines().rev().nth(1).unwrap();
    assert!(footer.contains("Enter next") && footer.contains("Alt+Enter new line"), "{footer}");
}

/// On the Follow-through, the last step, the footer offers "Enter next" on the last field as
/// everywhere: Enter goes on to the first field, as Tab does.
#[test]
fn enter_on_the_last_field_of_the_follow_through_goes_to_the_first() {
    let mut app = open_at(example("follow-through.json"), Step::FollowThrough, Some(0));
    let n = wiz(&app).fields().len();
    wiz_mut(&mut app).focus = Some(n - 1);
    assert_eq!(wiz(&app).focused(), Some(Field::Confidence));
    let text = screen_text(&app, 120, 40);
    assert!(text.lines().rev().nth(1).unwrap().contains("Enter next"), "{text}");
    let before = wiz(&app).session.clone();
    press(&mut app, KeyCode::Enter);
    assert_eq!(wiz(&app).focus, Some(0), "Enter on the last field does what the footer says");
    assert_eq!(step(&app), Step::FollowThrough);
    assert_eq!(wiz(&app).session.follow_through, before.follow_through);
}

/// A check-in dated after today is refused where the date is typed, with the reason; today
/// is the wizard's clock, which a test sets.
#[test]
fn a_check_in_date_after_today_is_refused() {
    use firstmove::tui::field::CheckInText;
    let mut app = open_at(example("follow-through.json"), Step::FollowThrough, Some(0));
    wiz_mut(&mut app).today = || "2026-01-20".to_string();
    let add = wiz(&app).fields().iter().position(|f| *f == Field::AddCheckIn).unwrap();
    wiz_mut(&mut app).focus = Some(add);
    press(&mut app, KeyCode::Enter);
    let i = wiz(&app).session.check_ins.len() - 1;
    assert_eq!(wiz(&app).session.check_ins[i].date, "2026-01-20", "today, from the wizard's clock");
    press_mod(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(wiz(&app).focused(), Some(Field::CheckInText { check_in: i, text: CheckInText::Date }));
    press(&mut app, KeyCode::Backspace);
    typ(&mut app, "1");
    assert_eq!(wiz(&app).session.check_ins[i].date, "2026-01-21", "kept as typed");
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("2026-01-21 is after today (2026-01-20)"), "{text}");
    // Back on the list, its row says so too.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("✗ 2026-01-21 · refused: 2026-01-21 is after today"), "{text}");
    // Today itself is fine.
    wiz_mut(&mut app).today = || "2026-01-21".to_string();
    let text = screen_text(&app, 120, 40);
    assert!(!text.contains("after today"), "{text}");
}

/// The text editor's own shortcuts that nobody declared (ratatui-textarea's Ctrl+J "delete
/// to the start of the line", Ctrl+X cut, Ctrl+Y paste the cut, Alt+D, Shift+arrows that
/// select what the next key replaces…) never reach a field: only the editing keys the help
/// lists act. In a one-line field Alt+Enter and Ctrl+J do nothing, as a new line has no place.
#[test]
fn undeclared_editor_shortcuts_never_delete_text() {
    let sneaky: [(KeyCode, KeyModifiers); 11] = [
        (KeyCode::Char('j'), KeyModifiers::CONTROL),
        (KeyCode::Enter, KeyModifiers::ALT),
        (KeyCode::Char('x'), KeyModifiers::CONTROL),
        (KeyCode::Char('y'), KeyModifiers::CONTROL),
        (KeyCode::Char('d'), KeyModifiers::ALT),
        (KeyCode::Delete, KeyModifiers::ALT),
        (KeyCode::Char('m'), KeyModifiers::CONTROL),
        (KeyCode::Char('v'), KeyModifiers::CONTROL),
        (KeyCode::Char('h'), KeyModifiers::ALT),
        // A selection and back: the cursor is where it was, nothing selected.
        (KeyCode::Left, KeyModifiers::SHIFT),
        (KeyCode::Right, KeyModifiers::SHIFT),
    ];
    let press_all = |app: &mut App| {
        for _ in 0..5 {
            press(app, KeyCode::Left);
        }
        for (code, m) in sneaky {
            press_mod(app, code, m);
        }
        // After Shift+← a letter must not replace a selection.
        typ(app, "X");
    };

    // The facilitator's name, a one-line field.
    let mut app = open(blank());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    assert_eq!(wiz(&app).focused(), Some(Field::Facilitator));
    typ(&mut app, "hello world");
    press_all(&mut app);
    assert_eq!(wiz(&app).session.facilitator, "hello Xworld");

    // A long answer: the same, and Ctrl+J / Alt+Enter are new lines there (as the footer says).
    let mut app = open_at(blank(), Step::FilterTrust, Some(0));
    typ(&mut app, "hello world");
    for _ in 0..5 {
        press(&mut app, KeyCode::Left);
    }
    ctrl(&mut app, 'y');
    ctrl(&mut app, 'x');
    press_mod(&mut app, KeyCode::Char('d'), KeyModifiers::ALT);
    press_mod(&mut app, KeyCode::Right, KeyModifiers::SHIFT);
    press_mod(&mut app, KeyCode::Left, KeyModifiers::SHIFT);
    typ(&mut app, "X");
    ctrl(&mut app, 'j');
    assert_eq!(wiz(&app).session.filter(FilterId::Trust).answer, "hello X\nworld");

    // The home screen's name for a new session.
    let mut app = home_with(0);
    press(&mut app, KeyCode::Char('n'));
    typ(&mut app, "hello world");
    press_all(&mut app);
    assert_eq!(press(&mut app, KeyCode::Enter), [Effect::NewSession("hello Xworld".into())]);

    // F2's decision window.
    let mut app = open_at(example("first-move.json"), Step::Ranking, None);
    press(&mut app, KeyCode::F(2));
    assert_eq!(app.overlay, Some(Overlay::Decision));
    typ(&mut app, "hello world");
    press_all(&mut app);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, None);
    assert_eq!(wiz(&app).session.workshop.decisions[0].text, "hello Xworld");
}

/// "Report written to …" at 80 columns: the file's name and why it is not the usual one are
/// whole; the folder is what gives way (cut from its start).
#[test]
fn report_written_names_the_file_and_the_reason_first() {
    use firstmove::tui::Access;
    let dir = "/tmp/qa/s1/a-rather-long-folder-for-the-workshops-of-this-quarter";
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = App::new(Theme::MONO);
        update(&mut app, Msg::Resize(w, h));
        let path = PathBuf::from(format!("{dir}/q1-scaling-review.json"));
        update(&mut app, Msg::Opened(path, Box::new(blank()), Access::Detached));
        let written = PathBuf::from(format!("{dir}/q1-scaling-review-report-2.md"));
        update(&mut app, Msg::ReportWritten(Ok(written)));
        let text = screen_text(&app, w, h);
        let status = text.lines().last().unwrap().trim_end();
        assert!(status.contains("q1-scaling-review-report-2.md ("), "{w}x{h}: {status}");
        assert!(status.contains("q1-scaling-review-report.md is not") || w < 100, "{w}x{h}: {status}");
        assert!(status.ends_with(')'), "the reason is whole at {w}x{h}: {status}");
        // Without another file in the way: the name is whole, the folder cut from its start.
        update(&mut app, Msg::ReportWritten(Ok(PathBuf::from(format!("{dir}/q1-scaling-review-report.md")))));
        let text = screen_text(&app, w, h);
        let status = text.lines().last().unwrap().trim_end();
        assert!(status.ends_with("/q1-scaling-review-report.md"), "{w}x{h}: {status}");
    }
}

/// In the score grid the footer and the status say what the keys do there: ←/→ go to another
/// dimension, ↑/↓ to another person, Tab to the next cell (not "change", not "next field").
#[test]
fn the_grid_footer_and_status_say_what_the_keys_do_there() {
    let mut s = example("first-move.json");
    s.cursor.candidate = Some("c1".into());
    let mut app = open_at(s, Step::Candidates, Some(6)); // Maya's Impact
    assert!(matches!(
        wiz(&app).focused(),
        Some(Field::Score { person: 0, dimension: Dimension::Impact, .. })
    ));
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(&app, w, h);
        let footer = text.lines().rev().nth(1).unwrap();
        assert!(footer.contains("← → dimension") && !footer.contains("change"), "{footer}");
    }
    let footer = screen_text(&app, 120, 40).lines().rev().nth(1).unwrap().to_string();
    assert!(footer.contains("Tab next cell") && !footer.contains("next field"), "{footer}");
    press(&mut app, KeyCode::Right);
    assert!(matches!(
        wiz(&app).focused(),
        Some(Field::Score { person: 0, dimension: Dimension::Evidence, .. })
    ));
    press(&mut app, KeyCode::Tab);
    assert!(matches!(
        wiz(&app).focused(),
        Some(Field::Score { person: 0, dimension: Dimension::Confidence, .. })
    ));
    typ(&mut app, "x");
    assert!(
        matches!(&app.status, Status::Hint(m, _) if m == "Not a text field: it takes 1-5 (0 clears). Tab goes to the next cell.")
    );
    // A constraint's score is not a grid: ← → change it there, as its footer says.
    let mut app = open_at(example("first-move.json"), Step::ConstraintActivation, Some(0));
    let footer = screen_text(&app, 120, 40).lines().rev().nth(1).unwrap().to_string();
    assert!(footer.contains("← → change"), "{footer}");
    typ(&mut app, "x");
    assert!(matches!(&app.status, Status::Hint(m, _) if m.ends_with("Tab goes to the next field.")));
}

/// A tie at the top leaves the ranking a screen that is read: q, ?, g and w work there as the
/// README says (with a tied candidate focused, and with none), the header names g, and the
/// footer says what Enter does on a tied candidate.
#[test]
fn a_tie_on_the_ranking_keeps_its_letter_keys_and_names_enter() {
    let mut s = example("first-move.json");
    s.candidates[1].scores = s.candidates[0].scores.clone();
    s.candidates[1].behavior = s.candidates[0].behavior.clone();
    s.candidates[1].metric = s.candidates[0].metric.clone();
    s.candidates[1].risk = s.candidates[0].risk.clone();
    for focus in [Some(0), None] {
        let mut app = open_at(s.clone(), Step::Ranking, focus);
        assert_eq!(wiz(&app).fields().len(), 2, "a tie");
        let text = screen_text(&app, 120, 40);
        let header = text.lines().nth(1).unwrap();
        assert!(header.contains(" g: steps") && !header.contains("Ctrl+G"), "{header}");
        let footer = text.lines().rev().nth(1).unwrap();
        assert!(footer.contains("q quit") && footer.contains("? help"), "{footer}");
        if focus.is_some() {
            assert!(footer.contains("Enter pick / unpick") && !footer.contains("open/add"), "{footer}");
        }
        press(&mut app, KeyCode::Char('?'));
        assert!(matches!(app.overlay, Some(Overlay::Help { .. })), "{focus:?}");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('g'));
        assert!(matches!(app.overlay, Some(Overlay::Jump { .. })), "{focus:?}");
        press(&mut app, KeyCode::Esc);
        assert_eq!(press(&mut app, KeyCode::Char('w')), [Effect::WriteReport], "{focus:?}");
        assert_eq!(wiz(&app).session.first_move, None, "no letter picked anything");
        press(&mut app, KeyCode::Char('q'));
        assert_eq!(app.leaving, Some(Leave::Quit), "{focus:?}");
    }
}

/// A line or paragraph separator (U+2028, U+2029) in a name is drawn as a space, as `list`
/// prints it: on the home list and in the wizard's header, where a raw one shifts the row.
#[test]
fn line_separators_in_a_name_are_drawn_as_spaces() {
    use firstmove::store::Summary;
    let mut s = example("first-move.json");
    s.name = "Row\u{2028}one\u{2029}two".into();
    s.product = "Prod\u{2028}uct".into();
    let mut home = App::new(Theme::MONO);
    let entries = vec![Listed { path: PathBuf::from("/s/sep.json"), summary: Ok(Summary::of(&s)) }];
    update(&mut home, Msg::Listed(Ok(entries), "/s".into()));
    let app = open_at(s, Step::Setup, None);
    for (what, app) in [("home", &home), ("wizard", &app)] {
        for (w, h) in [(80, 24), (120, 40)] {
            let text = screen_text(app, w, h);
            assert!(!text.contains(['\u{2028}', '\u{2029}']), "{what} {w}x{h}:\n{text}");
            assert!(text.contains("Row one two"), "{what} {w}x{h}:\n{text}");
            assert!(text.contains("Prod uct"), "{what} {w}x{h}:\n{text}");
        }
    }
    // Pasted, a separator is a space in a one-line field and a new line in a long answer.
    let mut app = open(blank());
    press(&mut app, KeyCode::Enter);
    update(&mut app, Msg::Paste("a\u{2028}b".into()));
    assert_eq!(wiz(&app).session.product, "a b");
    let mut app = open_at(blank(), Step::FilterTrust, Some(0));
    update(&mut app, Msg::Paste("a\u{2029}b".into()));
    assert_eq!(wiz(&app).session.filter(FilterId::Trust).answer, "a\nb");
}

/// The same on every step and in the candidate editor, focused or not: names, answers and
/// candidate texts with separators are drawn without them (a focused field's editor too).
#[test]
fn line_separators_are_never_drawn_on_any_step() {
    let mut s = example("first-move.json");
    let sep = |t: &str| format!("{t}\u{2028}x\u{2029}y");
    s.name = sep(&s.name);
    s.product = sep(&s.product);
    s.facilitator = sep("Fac");
    for p in &mut s.participants {
        p.name = sep(&p.name);
    }
    for c in &mut s.candidates {
        c.title = sep(&c.title);
        c.behavior = sep(&c.behavior);
        c.metric = sep(&c.metric);
        c.risk = sep(&c.risk);
    }
    let check = |app: &App, what: String| {
        for (w, h) in [(80, 24), (120, 40)] {
            let text = screen_text(app, w, h);
            assert!(!text.contains(['\u{2028}', '\u{2029}']), "{what} {w}x{h}:\n{text}");
        }
    };
    for &step in Step::ALL {
        for focus in [None, Some(0), Some(1)] {
            check(&open_at(s.clone(), step, focus), format!("{step:?} {focus:?}"));
        }
    }
    s.cursor.candidate = Some("c1".into());
    let n = open_at(s.clone(), Step::Candidates, Some(0)).wizard().unwrap().fields().len();
    for focus in 0..n {
        check(&open_at(s.clone(), Step::Candidates, Some(focus)), format!("editor {focus}"));
    }
}

/// Before start-up has listed the folder, the home screen says it is reading it (never "No
/// sessions yet"), and its keys still do what they say: a new session, help, quit. The
/// names found then show in the list, with nothing read yet.
#[test]
fn the_home_screen_before_the_folder_is_listed() {
    let fresh = || {
        let mut app = App::new(Theme::MONO);
        app.screen = Screen::Home(firstmove::tui::app::Home { dir: "/s".into(), ..Default::default() });
        app
    };
    let app = fresh();
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(&app, w, h);
        assert!(text.contains("Reading the sessions folder"), "{w}x{h}:\n{text}");
        assert!(!text.contains("No sessions yet"), "{w}x{h}:\n{text}");
    }
    // Enter and delete have no row to act on; n asks for a new session's name.
    let mut app = fresh();
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    press(&mut app, KeyCode::Char('d'));
    assert!(app.overlay.is_none());
    press(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.overlay, Some(Overlay::NewSession)));
    // The names found replace the notice.
    let mut app = fresh();
    let names = ["/s/a.json", "/s/b.json"].map(PathBuf::from).into_iter().collect();
    update(&mut app, Msg::Found(names, "/s".into()));
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("a.json") && text.contains("b.json"), "{text}");
    // An empty folder, once listed, says so.
    let mut app = fresh();
    update(&mut app, Msg::Found(Default::default(), "/s".into()));
    assert!(screen_text(&app, 80, 24).contains("No sessions yet"));
}

/// "+ Add a check-in" then Esc with nothing typed adds nothing: the check-in opened and
/// cancelled is gone from the session (so from the file), the list and the step's done flag.
/// One with anything in it (a note, a value, a decision, another date) is kept.
#[test]
fn a_check_in_opened_and_cancelled_with_nothing_typed_is_not_kept() {
    use firstmove::tui::field::CheckInText;
    let mut s = example("follow-through.json");
    s.check_ins.clear();
    s.follow_through.as_mut().unwrap().outcome = None;
    let mut app = open_at(s, Step::FollowThrough, Some(0));
    assert_eq!(wiz(&app).focused(), Some(Field::AddCheckIn));
    // Esc twice (out of the field, out of the check-in), Enter on the last field, and a jump
    // to another step all close it.
    let closings: [&dyn Fn(&mut App); 3] = [
        &|app| {
            press(app, KeyCode::Esc);
            press(app, KeyCode::Esc);
        },
        &|app| {
            wiz_mut(app).focus = Some(CheckInText::ALL.len());
            press(app, KeyCode::Enter);
        },
        &|app| {
            press(app, KeyCode::PageUp);
        },
    ];
    for close in closings {
        wiz_mut(&mut app).dirty = false;
        if step(&app) != Step::FollowThrough {
            firstmove::tui::update::go_to(wiz_mut(&mut app), Step::FollowThrough);
        }
        wiz_mut(&mut app).focus = Some(0);
        press(&mut app, KeyCode::Enter);
        assert_eq!(wiz(&app).editing, Editing::CheckIn(0));
        assert_eq!(wiz(&app).session.check_ins.len(), 1, "open while it is being written");
        close(&mut app);
        let w = wiz(&app);
        assert_eq!(w.editing, Editing::Nothing);
        assert!(w.session.check_ins.is_empty(), "an empty check-in is not kept");
        assert!(w.dirty, "and its removal is saved");
        assert!(!w.derived.done[Step::FollowThrough.index()]);
    }
    // Back on the step: the focus is on "+ Add a check-in" again after Esc.
    firstmove::tui::update::go_to(wiz_mut(&mut app), Step::FollowThrough);
    wiz_mut(&mut app).focus = Some(0);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(wiz(&app).focused(), Some(Field::AddCheckIn));
    // Anything typed keeps it: a note, a value typed then erased and a decision, a date.
    let note = |app: &mut App| {
        wiz_mut(app).focus = Some(2);
        typ(app, "a few");
    };
    let decision = |app: &mut App| {
        typ(app, "3");
        press(app, KeyCode::Backspace);
        wiz_mut(app).focus = Some(CheckInText::ALL.len());
        press(app, KeyCode::Char('1'));
    };
    let date = |app: &mut App| {
        press_mod(app, KeyCode::BackTab, KeyModifiers::SHIFT);
        for _ in 0..10 {
            press(app, KeyCode::Backspace);
        }
        typ(app, "2025-12-01");
    };
    let fills: [&dyn Fn(&mut App); 3] = [&note, &decision, &date];
    let keeps = fills.into_iter().zip(["a note", "a decision", "another date"]);
    for (n, (fill, what)) in keeps.into_iter().enumerate() {
        let add = wiz(&app).fields().iter().position(|f| *f == Field::AddCheckIn).unwrap();
        wiz_mut(&mut app).focus = Some(add);
        press(&mut app, KeyCode::Enter);
        fill(&mut app);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
        assert_eq!(wiz(&app).editing, Editing::Nothing);
        assert_eq!(wiz(&app).session.check_ins.len(), n + 1, "a check-in with {what} is kept");
    }
    assert!(wiz(&app).derived.done[Step::FollowThrough.index()]);
    // Quitting with an empty one open does not save it either.
    let add = wiz(&app).fields().iter().position(|f| *f == Field::AddCheckIn).unwrap();
    wiz_mut(&mut app).focus = Some(add);
    press(&mut app, KeyCode::Enter);
    assert_eq!(wiz(&app).session.check_ins.len(), 4);
    ctrl(&mut app, 'q');
    assert_eq!(app.leaving, Some(Leave::Quit));
    assert_eq!(wiz(&app).session.check_ins.len(), 3);
}

/// Deleting a session from the list says which one went (its name and file, cleaned of
/// control characters, whole within 80 columns), and a deletion that fails says why.
#[test]
fn deleting_a_session_says_what_was_deleted_or_why_not() {
    use firstmove::store::Store;
    use firstmove::tui::runtime::effects::perform;
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    let (kept, _) = store.create("Kept").unwrap();
    let (gone, _) = store.create("Q1 \u{1b}review\u{7}\u{202e}").unwrap();
    let (long, _) = store.create(&"Quarterly planning ".repeat(12)).unwrap();
    let mut app = App::new(Theme::MONO);
    app.size = (80, 24);
    let run = |app: &mut App, effects: Vec<Effect>| {
        for e in effects {
            let reply = perform(&store, app, e);
            update(app, reply);
        }
    };
    run(&mut app, vec![Effect::ListSessions]);
    let select = |app: &mut App, path: &PathBuf| {
        let Screen::Home(h) = &mut app.screen else { panic!("home") };
        h.selected = h.entries.iter().position(|e| e.path == *path).unwrap();
    };
    select(&mut app, &gone);
    press(&mut app, KeyCode::Char('d'));
    let effects = press(&mut app, KeyCode::Char('y'));
    run(&mut app, effects);
    assert!(!gone.exists());
    let Status::Info(said) = &app.status else { panic!("{:?}", app.status) };
    let file = gone.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(*said, format!("Deleted \"Q1 review\" ({file})."));
    let text = screen_text(&app, 80, 24);
    assert!(text.contains(said.as_str()), "{text}");
    // A long name is cut; the file is still named, and the line fits.
    select(&mut app, &long);
    press(&mut app, KeyCode::Char('d'));
    let effects = press(&mut app, KeyCode::Char('y'));
    run(&mut app, effects);
    let Status::Info(said) = &app.status else { panic!("{:?}", app.status) };
    let file = long.file_name().unwrap().to_string_lossy().into_owned();
    assert!(said.starts_with("Deleted \"Quarterly planning") && said.contains('…'), "{said}");
    assert!(said.ends_with(&format!("({}).", firstmove::tui::view::text::cut(&file, 30))), "{said}");
    assert!(unicode_width::UnicodeWidthStr::width(said.as_str()) < 79, "{said}");
    // Open in another firstmove: not deleted, and the footer says so.
    let held = firstmove::store::lock(&kept).unwrap().expect("the lock");
    select(&mut app, &kept);
    press(&mut app, KeyCode::Char('d'));
    let effects = press(&mut app, KeyCode::Char('y'));
    run(&mut app, effects);
    assert!(kept.exists());
    let Status::Error(why) = &app.status else { panic!("{:?}", app.status) };
    let file = kept.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(*why, format!("{file} was not deleted: it is open in another firstmove"));
    drop(held);
}

/// A word about a key ("Not a text field…", "No field is focused…", why F3 does nothing)
/// goes at the next key that does something else, and what the status line said before it
/// (a save's result, or an error about saving) shows again; an error about saving is never
/// cleared by moving around.
#[test]
fn a_hint_about_a_key_goes_at_the_next_key_and_a_save_error_stays() {
    let mut app = open_at(example("first-move.json"), Step::Gate, Some(0));
    update(&mut app, Msg::Saved(SaveReport::Saved("10:02".into())));
    let footer = |app: &App| screen_text(app, 100, 30).lines().last().unwrap_or_default().trim().to_string();
    assert_eq!(footer(&app), "✓ saved 10:02");
    press(&mut app, KeyCode::Char('x'));
    assert!(footer(&app).starts_with("Not a text field"), "{}", footer(&app));
    press(&mut app, KeyCode::Char('x'));
    assert!(footer(&app).starts_with("Not a text field"), "the same key says it again");
    press(&mut app, KeyCode::Tab);
    assert_eq!(footer(&app), "✓ saved 10:02", "moving on clears the hint");
    // Browsing: a letter says no field is focused; a step change clears it.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('x'));
    assert!(footer(&app).starts_with("No field is focused"), "{}", footer(&app));
    press(&mut app, KeyCode::PageDown);
    assert_eq!(footer(&app), "✓ saved 10:02");
    // F3 where it does nothing, then typing in a field.
    firstmove::tui::update::go_to(wiz_mut(&mut app), Step::Setup);
    press(&mut app, KeyCode::F(3));
    assert!(footer(&app).starts_with("F3"), "{}", footer(&app));
    wiz_mut(&mut app).focus = Some(0);
    wiz_mut(&mut app).sync_editor();
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(footer(&app), "✓ saved 10:02");
    // A paste outside a text field, then an arrow.
    wiz_mut(&mut app).focus = None;
    update(&mut app, Msg::Paste("words".into()));
    assert!(footer(&app).starts_with("Paste goes into a text field"), "{}", footer(&app));
    press(&mut app, KeyCode::Down);
    assert_eq!(footer(&app), "✓ saved 10:02");
    // A failed save: a hint shows over it, and the error comes back after; moving never
    // clears it.
    update(&mut app, Msg::Saved(SaveReport::Failed("disk full".into())));
    assert_eq!(footer(&app), "✗ NOT SAVED: disk full");
    firstmove::tui::update::go_to(wiz_mut(&mut app), Step::Gate);
    wiz_mut(&mut app).focus = Some(0);
    press(&mut app, KeyCode::Char('x'));
    assert!(footer(&app).starts_with("Not a text field"), "{}", footer(&app));
    for code in [KeyCode::Tab, KeyCode::Down, KeyCode::PageDown, KeyCode::PageUp, KeyCode::Esc] {
        press(&mut app, code);
        assert_eq!(footer(&app), "✗ NOT SAVED: disk full", "{code:?}");
    }
}

/// A long answer holding a line or paragraph separator (from a file or an old paste) is
/// shown with a line break there (a one-line field: a space); going through the field keeps
/// the stored text as it is, and editing it saves what the editor shows, the separator as a
/// line break (the documented choice: the wizard never writes a separator itself, as a paste
/// never brings one in).
#[test]
fn a_separator_in_a_stored_answer_is_kept_until_the_field_is_edited() {
    let mut s = blank();
    s.filter_mut(FilterId::Trust).answer = "one\u{2028}two\u{2029}three".into();
    s.product = "Prod\u{2028}uct".into();
    let mut app = open_at(s, Step::FilterTrust, Some(0));
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("one") && text.contains("three") && !text.contains('\u{2028}'), "{text}");
    for code in
        [KeyCode::Tab, KeyCode::BackTab, KeyCode::Esc, KeyCode::Tab, KeyCode::PageDown, KeyCode::PageUp]
    {
        press(&mut app, code);
    }
    assert_eq!(wiz(&app).session.filter(FilterId::Trust).answer, "one\u{2028}two\u{2029}three");
    wiz_mut(&mut app).focus = Some(0);
    wiz_mut(&mut app).sync_editor();
    typ(&mut app, "!");
    assert_eq!(wiz(&app).session.filter(FilterId::Trust).answer, "one\ntwo\nthree!");
    // A one-line field: a space, as drawn.
    firstmove::tui::update::go_to(wiz_mut(&mut app), Step::Setup);
    assert_eq!(wiz(&app).session.product, "Prod\u{2028}uct");
    let product = wiz(&app).fields().iter().position(|f| f.text(&wiz(&app).session) == "Prod\u{2028}uct");
    wiz_mut(&mut app).focus = product;
    wiz_mut(&mut app).sync_editor();
    typ(&mut app, "s");
    assert_eq!(wiz(&app).session.product, "Prod ucts");
}

/// The sessions folder's path is drawn on one line, without separators, bidi or control
/// characters, while it is read and once it is found empty (`FIRSTMOVE_DIR` is anyone's text).
#[test]
fn the_sessions_folder_path_is_drawn_clean() {
    let dir = "/tmp/a\u{2028}b\u{2029}c\u{202e}d\u{1b}[7me";
    let reading = {
        let mut app = App::new(Theme::MONO);
        app.screen = Screen::Home(firstmove::tui::app::Home { dir: dir.into(), ..Default::default() });
        app
    };
    let mut empty = App::new(Theme::MONO);
    update(&mut empty, Msg::Listed(Ok(Vec::new()), dir.into()));
    for (what, app) in [("reading", &reading), ("empty", &empty)] {
        for (w, h) in [(80, 24), (120, 40)] {
            let text = screen_text(app, w, h);
            let bad = text
                .chars()
                .find(|&c| c != '\n' && firstmove::sanitize::clean(&c.to_string()) != c.to_string());
            assert_eq!(bad, None, "{what} {w}x{h}:\n{text}");
            assert!(text.contains("/tmp/a b c"), "{what} {w}x{h}:\n{text}");
        }
    }
}

/// The details of the sessions come newest first, after their names in file-name order: the
/// bar stays on the session it was on, so Enter opens the one the room sees chosen.
#[test]
fn the_chosen_row_stays_on_its_session_when_the_details_arrive() {
    use firstmove::store::Summary;
    let mut app = App::new(Theme::MONO);
    let names = ["/s/a.json", "/s/b.json", "/s/c.json"].map(PathBuf::from).into_iter().collect();
    update(&mut app, Msg::Found(names, "/s".into()));
    press(&mut app, KeyCode::Down); // b.json
    let entry =
        |f: &str| Listed { path: PathBuf::from(f), summary: Ok(Summary::of(&example("first-move.json"))) };
    let newest_first = vec![entry("/s/c.json"), entry("/s/a.json"), entry("/s/b.json")];
    update(&mut app, Msg::Listed(Ok(newest_first), "/s".into()));
    assert_eq!(press(&mut app, KeyCode::Enter), [Effect::Open(PathBuf::from("/s/b.json"))]);
    // The session chosen is gone (deleted meanwhile): the bar keeps its row.
    update(&mut app, Msg::Listed(Ok(vec![entry("/s/c.json"), entry("/s/a.json")]), "/s".into()));
    assert_eq!(press(&mut app, KeyCode::Enter), [Effect::Open(PathBuf::from("/s/a.json"))]);
}

/// A folder that cannot be listed says so where the list goes, not "No sessions yet".
#[test]
fn an_unreadable_folder_says_so_in_place_of_the_list() {
    let mut app = App::new(Theme::MONO);
    update(&mut app, Msg::Listed(Err("cannot read /s: Permission denied".into()), "/s".into()));
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(&app, w, h);
        assert!(text.contains("Cannot read the sessions folder."), "{w}x{h}:\n{text}");
        assert!(text.contains("Permission denied"), "{w}x{h}:\n{text}");
        assert!(!text.contains("No sessions yet"), "{w}x{h}:\n{text}");
    }
}

/// Back on the list, the status line no longer speaks of the session just closed.
#[test]
fn back_on_the_list_the_status_line_is_not_about_the_closed_session() {
    let mut app = open(example("first-move.json"));
    assert!(matches!(&app.status, Status::Info(s) if s.starts_with("Opened")));
    while app.leaving.is_none() && !is_home(&app) {
        press(&mut app, KeyCode::Esc);
    }
    assert_eq!(app.leaving, Some(Leave::Home));
    update(&mut app, Msg::ReadyToLeave);
    update(&mut app, Msg::Listed(Ok(Vec::new()), "/s".into()));
    assert!(!screen_text(&app, 80, 24).contains("Opened"), "{}", screen_text(&app, 80, 24));
}
