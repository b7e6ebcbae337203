//! The key table is the one truth: the footer only offers keys that do something where
//! they are shown, the help lists every binding, and the README's table is the table.

mod common;

use std::path::PathBuf;

use common::*;
use firstmove::method::Step;
use firstmove::store::Listed;
use firstmove::tui::app::{App, Overlay, Screen};
use firstmove::tui::field::Field;
use firstmove::tui::keys::{self, BINDINGS};
use firstmove::tui::{Msg, Theme, dispatch, update};
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

/// Everything a key can change, as text: if this and the effects are unchanged, the key
/// did nothing.
fn fingerprint(app: &App) -> String {
    let screen = match &app.screen {
        Screen::Home(h) => format!("home {}", h.selected),
        Screen::Wizard(w) => format!(
            "wizard {:?} {:?} {:?} {} {:?} {:?}",
            w.focus,
            w.editing,
            w.session,
            w.scroll,
            w.editor.as_ref().map(|e| e.text()),
            w.advance
        ),
    };
    let prompt = app.prompt.as_ref().map(|p| (p.lines().to_vec(), p.cursor()));
    format!("{screen} {:?} {:?} {:?} {prompt:?}", app.overlay, app.leaving, app.status)
}

/// Every state worth checking: each step of each example at each focus, the candidate
/// editor, browsing, the home screen, and each overlay.
fn states() -> Vec<(String, Box<dyn Fn() -> App>)> {
    let mut out: Vec<(String, Box<dyn Fn() -> App>)> = Vec::new();
    for file in ["first-move.json", "discovery-first.json", "collect-evidence.json"] {
        for &step in Step::ALL {
            let n = open_at(example(file), step, Some(0)).wizard().unwrap().fields().len();
            for focus in (0..n).map(Some).chain([None]) {
                out.push((
                    format!("{file} {step:?} focus {focus:?}"),
                    Box::new(move || open_at(example(file), step, focus)),
                ));
            }
        }
    }
    let editor = || {
        let mut s = example("first-move.json");
        s.cursor.candidate = Some("c1".into());
        s
    };
    let n = open_at(editor(), Step::Candidates, Some(0)).wizard().unwrap().fields().len();
    for focus in 0..n {
        out.push((
            format!("editor focus {focus}"),
            Box::new(move || open_at(editor(), Step::Candidates, Some(focus))),
        ));
    }
    // A tie at the top of the ranking: its rows to pick, and none focused.
    let tie = || {
        let mut s = example("first-move.json");
        s.candidates[1].scores = s.candidates[0].scores.clone();
        s.candidates[1].behavior = s.candidates[0].behavior.clone();
        s.candidates[1].metric = s.candidates[0].metric.clone();
        s.candidates[1].risk = s.candidates[0].risk.clone();
        s
    };
    for focus in [Some(0), Some(1), None] {
        out.push((
            format!("ranking tie focus {focus:?}"),
            Box::new(move || open_at(tie(), Step::Ranking, focus)),
        ));
    }
    // Workshop mode: a private round open and revealed, on a constraint and on a candidate's
    // scores, at each focus; the clock running; the presentation view and the decision window.
    for revealed in [false, true] {
        let private = move || {
            use firstmove::method::rounds::{Ballot, Subject};
            let mut s = example("first-move.json");
            s.cursor.candidate = Some("c1".into());
            s.workshop.set_private(Step::ConstraintActivation, true);
            s.workshop.set_private(Step::Candidates, true);
            let t = "2026-01-12T10:00:00Z";
            let r =
                s.open_round(Subject::Severity(firstmove::method::ConstraintId::Activation), t, "").unwrap();
            s.cast(r, "p1", Ballot::Severity(3)).unwrap();
            let c = s.open_round(Subject::Scores("c1".into()), t, "").unwrap();
            s.cast(c, "p2", Ballot::Abstain).unwrap();
            if revealed {
                s.reveal(r, t).unwrap();
                s.reveal(c, t).unwrap();
            }
            s
        };
        for step in [Step::ConstraintActivation, Step::Candidates] {
            let n = open_at(private(), step, Some(0)).wizard().unwrap().fields().len();
            for focus in (0..n).map(Some).chain([None]) {
                out.push((
                    format!("private round (revealed: {revealed}) {step:?} focus {focus:?}"),
                    Box::new(move || open_at(private(), step, focus)),
                ));
            }
        }
    }
    out.push((
        "clock running".into(),
        Box::new(|| {
            let mut app = open_at(example("first-move.json"), Step::Ranking, None);
            update(
                &mut app,
                Msg::Key(KeyEvent::new(ratatui::crossterm::event::KeyCode::F(5), KeyModifiers::NONE)),
            );
            app
        }),
    ));
    for ov in [Overlay::Present { scroll: 0 }, Overlay::Decision] {
        out.push((
            format!("overlay {ov:?}"),
            Box::new(move || {
                let mut app = open_at(example("first-move.json"), Step::Ranking, None);
                app.overlay = Some(ov);
                app.prompt = Some(firstmove::tui::overlays::decision::prompt());
                app
            }),
        ));
    }
    for n in [0, 1, 3] {
        out.push((
            format!("home with {n}"),
            Box::new(move || {
                let mut app = App::new(Theme::MONO);
                let entries = (0..n)
                    .map(|i| Listed { path: PathBuf::from(format!("/s/{i}.json")), summary: Err("x".into()) })
                    .collect();
                update(&mut app, Msg::Listed(Ok(entries), "/s".into()));
                app
            }),
        ));
    }
    for ov in [
        Overlay::Help { scroll: 0 },
        Overlay::Jump { selected: 3 },
        Overlay::ConfirmDeleteCandidate { candidate: 0 },
        Overlay::ConfirmRemoveParticipant { person: 1 },
    ] {
        out.push((
            format!("overlay {ov:?}"),
            Box::new(move || {
                let mut app = open_at(example("first-move.json"), Step::Candidates, Some(0));
                app.overlay = Some(ov);
                app
            }),
        ));
    }
    out
}

#[test]
fn every_key_the_footer_offers_does_something_there() {
    let mut checked = 0;
    for (name, make) in states() {
        let app = make();
        let ctx = dispatch::context(&app);
        for (key_hint, hint) in keys::hints(ctx, |a| dispatch::available(&app, a)) {
            let b = BINDINGS
                .iter()
                .find(|b| b.key_hint == key_hint && b.hint == hint && b.scope.contains(ctx))
                .expect("a hint comes from a binding");
            // A hint may name several keys ("1-5", "← →"): one of them must do something.
            let named = BINDINGS.iter().filter(|o| o.label == b.label && o.scope.contains(ctx));
            let works = named.flat_map(|o| o.keys).any(|key| {
                let mut app = make();
                // A small terminal, so that scrolling screens have something to scroll.
                update(&mut app, Msg::Resize(80, 24));
                let before = fingerprint(&app);
                let effects = update(&mut app, Msg::Key(KeyEvent::new(key.code, key.mods)));
                !effects.is_empty() || fingerprint(&app) != before
            });
            assert!(
                works,
                "{name}: the footer offers {key_hint:?} ({hint}) but none of its keys changes anything"
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} hints checked");
}

#[test]
fn the_footer_never_offers_a_key_twice_or_an_empty_one() {
    for (name, make) in states() {
        let app = make();
        let hints = keys::hints(dispatch::context(&app), |a| dispatch::available(&app, a));
        assert!(!hints.is_empty(), "{name}: an empty footer");
        for (i, (k, h)) in hints.iter().enumerate() {
            assert!(!k.is_empty() && !h.is_empty(), "{name}: {hints:?}");
            assert!(!hints[..i].iter().any(|(k2, _)| k2 == k), "{name}: {k} twice in {hints:?}");
        }
    }
}

#[test]
fn help_lists_every_binding() {
    let help = keys::help_sections();
    for b in BINDINGS {
        assert!(
            help.iter().any(|(_, lines)| lines.iter().any(|(k, what)| *k == b.label && *what == b.help)),
            "{:?} is missing from help",
            b.action
        );
    }
}

/// The help window is 80 columns: keys in 26, the text in 50, so nothing is cut.
#[test]
fn help_lines_fit_the_window() {
    for (section, lines) in keys::help_sections() {
        for (k, what) in lines {
            assert!(k.chars().count() <= 24 && what.chars().count() <= 50, "{section}: {k} {what}");
        }
    }
}

#[test]
fn the_readme_key_table_is_the_key_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = keys::markdown_table();
    assert!(readme.contains(&table), "README.md's key table is out of date; replace it with:\n\n{table}");
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    for (name, make) in states() {
        let mut app = make();
        update(
            &mut app,
            Msg::Key(KeyEvent::new(ratatui::crossterm::event::KeyCode::Char('c'), KeyModifiers::CONTROL)),
        );
        assert_eq!(app.leaving, Some(firstmove::tui::msg::Leave::Quit), "{name}");
    }
}

/// The focused field's value in `from`, put into `to`: what is left different is what a
/// key changed elsewhere.
fn restore_focused(to: &mut firstmove::method::Session, from: &firstmove::method::Session, f: Field) {
    f.set_text(to, f.text(from).to_string());
    f.set_score(to, f.score(from));
    f.set_choice(to, f.choice(from));
    if let Field::Check { candidate, .. } = f
        && let (Some(t), Some(o)) = (to.candidates.get_mut(candidate), from.candidates.get(candidate))
    {
        t.checklist = o.checklist.clone();
    }
    // A pick of another primary constraint than the suggestion is logged with it.
    if f == Field::PrimaryPick {
        to.workshop.decisions = from.workshop.decisions.clone();
    }
}

use proptest::prelude::*;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// On a screen with a form, no printable key quits, jumps to another step, opens a
    /// window, or changes anything but the focused field's own value. Every printable ASCII
    /// character is tried in each state, and a few others.
    #[test]
    fn no_printable_key_on_a_form_quits_jumps_or_changes_another_value(
        file in proptest::sample::select(vec!["first-move.json", "discovery-first.json", "collect-evidence.json"]),
        step in proptest::sample::select(Step::ALL),
        focus in any::<proptest::sample::Index>(),
        browse in any::<bool>(),
        editor in any::<bool>(),
    ) {
        let mut s = example(file);
        if editor {
            s.cursor.candidate = Some("c1".into());
        }
        let fields = open_at(s.clone(), step, None).wizard().unwrap().fields().len();
        prop_assume!(fields > 0, "a form: the step has fields");
        let focus = if browse { None } else { Some(focus.index(fields)) };
        for ch in (' '..='~').chain(['é', '漢', '🚀', '€']) {
            let mut app = open_at(s.clone(), step, focus);
            let before = wiz(&app).session.clone();
            let focused = wiz(&app).focused();
            update(&mut app, Msg::Key(KeyEvent::new(ratatui::crossterm::event::KeyCode::Char(ch), KeyModifiers::NONE)));
            prop_assert_eq!(app.leaving, None, "{:?} quit", ch);
            prop_assert_eq!(app.overlay, None, "{:?} opened a window", ch);
            let w = wiz(&app);
            prop_assert_eq!(w.step(), step, "{:?} jumped", ch);
            let mut after = w.session.clone();
            if let Some(f) = focused {
                restore_focused(&mut after, &before, f);
            }
            after.cursor = before.cursor.clone();
            prop_assert!(after == before, "{:?} on {:?} changed something else", ch, focused);
        }
    }
}
