//! Every screen rendered on ratatui's TestBackend: insta snapshots at 80×24 and 120×40,
//! no panic at any size from 1×1 to 200×60, and no colour under NO_COLOR.

mod common;

use std::path::PathBuf;

use common::*;
use firstmove::method::{Session, Step, Traction};
use firstmove::store::{Listed, Summary};
use firstmove::tui::app::{App, Home, Overlay, Screen, Status};
use firstmove::tui::msg::SaveReport;
use firstmove::tui::{Msg, Theme, update};
use ratatui::style::Color;

/// Every screen worth a snapshot, by name.
fn screens() -> Vec<(&'static str, App)> {
    let fm = || example("first-move.json");
    let mut out = Vec::new();

    let mut home = App::new(Theme::MONO);
    update(&mut home, Msg::Listed(Ok(Vec::new()), "/home/maya/.local/share/firstmove/sessions".into()));
    out.push(("home_empty", home));

    // Start-up's first frame: drawn before the folder is listed.
    let mut reading = App::new(Theme::MONO);
    reading.screen =
        Screen::Home(Home { dir: "/home/maya/.local/share/firstmove/sessions".into(), ..Default::default() });
    out.push(("home_reading_the_folder", reading));

    let sessions = || {
        let mut home = App::new(Theme::MONO);
        let entries = ["first-move.json", "discovery-first.json", "collect-evidence.json"]
            .iter()
            .map(|f| Listed { path: PathBuf::from(format!("/s/{f}")), summary: Ok(Summary::of(&example(f))) })
            .chain(std::iter::once(Listed {
                path: PathBuf::from("/s/broken.json"),
                summary: Err("/s/broken.json:3:11: not valid JSON: expected value".into()),
            }))
            .collect();
        update(&mut home, Msg::Listed(Ok(entries), "/s".into()));
        home
    };
    out.push(("home_sessions", sessions()));
    // The delete window over the list: its own keys in the footer.
    let mut confirm = sessions();
    press(&mut confirm, ratatui::crossterm::event::KeyCode::Char('d'));
    out.push(("home_confirm_delete", confirm));

    let mut setup = blank();
    setup.name = "Q1 scaling review".into();
    setup.participants[0].name = "Maya".into();
    setup.participants.push(firstmove::method::Participant { id: "p2".into(), name: "Tomás 🚀".into() });
    let mut app = open_at(setup, Step::Setup, Some(1));
    app.status = Status::Saved("10:00:00 UTC".into());
    out.push(("setup", app));

    let mut gate = fm();
    gate.gate.traction = Some(Traction::No);
    out.push(("gate_mvp_first", open_at(gate, Step::Gate, Some(0))));
    out.push(("filter_answer", open_at(fm(), Step::FilterRevenue, Some(0))));
    out.push(("filter_clarity", open_at(fm(), Step::FilterTrust, Some(1))));
    out.push(("qualification", open_at(fm(), Step::Qualification, None)));
    out.push(("qualification_not_yet", open_at(example("collect-evidence.json"), Step::Qualification, None)));
    out.push(("constraint", open_at(fm(), Step::ConstraintReliability, Some(1))));
    out.push(("primary", open_at(fm(), Step::Primary, Some(0))));
    let mut tie = fm();
    tie.primary_constraint = None;
    tie.constraint_mut(firstmove::method::ConstraintId::Adoption).severity =
        tie.constraint(firstmove::method::ConstraintId::Activation).severity.clone();
    out.push(("primary_tie", open_at(tie, Step::Primary, Some(0))));
    out.push(("candidates_list", open_at(fm(), Step::Candidates, Some(0))));
    let mut editor = fm();
    editor.cursor.candidate = Some("c1".into());
    out.push(("candidate_editor", open_at(editor, Step::Candidates, Some(7))));
    out.push(("candidates_no_primary", open_at(blank(), Step::Candidates, None)));
    out.push(("ranking", open_at(fm(), Step::Ranking, None)));
    out.push(("recommendation", open_at(fm(), Step::Recommendation, None)));
    out.push((
        "recommendation_discovery",
        open_at(example("discovery-first.json"), Step::Recommendation, None),
    ));

    // Follow-through: before the decision, decided with check-ins and the trend, a check-in
    // open (one with a refused date), and the next cycle's constraint screen.
    out.push(("follow_through_undecided", open_at(fm(), Step::FollowThrough, Some(0))));
    let ft = || example("follow-through.json");
    out.push(("follow_through", open_at(ft(), Step::FollowThrough, Some(3))));
    let mut refused = ft();
    refused.check_ins[1].date = "2025-09-31".into();
    let mut app = open_at(refused, Step::FollowThrough, Some(1));
    press(&mut app, ratatui::crossterm::event::KeyCode::Enter);
    out.push(("follow_through_check_in", app));
    // A metric that must go down, past its target on the last check-in.
    let mut down = ft();
    down.candidates[0].baseline = "9 s".into();
    down.candidates[0].target = "3 s".into();
    down.sync_measure(0);
    down.follow_through.as_mut().unwrap().prediction = "4 s".into();
    for (c, v) in down.check_ins.iter_mut().zip(["8 s", "5.5 s", "2.5 s"]) {
        c.metric_value = v.into();
    }
    out.push(("follow_through_decrease", open_at(down, Step::FollowThrough, Some(0))));
    out.push((
        "next_cycle_constraint",
        open_at(example("follow-through-cycle-2.json"), Step::ConstraintActivation, Some(1)),
    ));

    let mut help = open_at(fm(), Step::Gate, None);
    help.overlay = Some(Overlay::Help { scroll: 0 });
    out.push(("help", help));
    let mut jump = open_at(fm(), Step::Primary, None);
    jump.overlay = Some(Overlay::Jump { selected: 5 });
    out.push(("jump", jump));
    let mut confirm = open_at(fm(), Step::Candidates, Some(0));
    confirm.overlay = Some(Overlay::ConfirmDeleteCandidate { candidate: 0 });
    out.push(("confirm_delete", confirm));

    // Long names and titles, six people: nothing may be cut without an ellipsis or spill.
    let long = || {
        let mut s = fm();
        s.name = "Harbor Logistics quarterly scaling review with the whole leadership team".into();
        s.product = "Harbor Freight Planner (route and dock scheduling for regional carriers)".into();
        s.participants[0].name = "Maximiliana Fernández-Oyelaran".into();
        s.participants[1].name = "Tom Becker (Head of Customer Success)".into();
        for (i, name) in
            ["Priya Raghunathan-Schmidt", "Jean-Baptiste Okonkwo", "李小龙 (Platform)"].iter().enumerate()
        {
            s.participants
                .push(firstmove::method::Participant { id: format!("p{}", 10 + i), name: (*name).into() });
        }
        s.candidates[0].title = "Guided onboarding that reaches the first sent invoice in one single sitting without help from support".into();
        s
    };
    out.push(("long_setup", open_at(long(), Step::Setup, Some(3))));
    out.push(("long_constraint", open_at(long(), Step::ConstraintActivation, Some(1))));
    out.push(("long_primary", open_at(long(), Step::Primary, Some(0))));
    out.push(("long_candidates", open_at(long(), Step::Candidates, Some(0))));
    let mut editor = long();
    editor.cursor.candidate = Some("c1".into());
    out.push(("long_editor", open_at(editor, Step::Candidates, Some(7))));
    out.push(("long_ranking", open_at(long(), Step::Ranking, None)));
    out.push(("long_recommendation", open_at(long(), Step::Recommendation, None)));
    let mut home = App::new(Theme::MONO);
    let entries = vec![Listed { path: PathBuf::from("/s/harbor.json"), summary: Ok(Summary::of(&long())) }];
    update(&mut home, Msg::Listed(Ok(entries), "/s".into()));
    out.push(("long_home", home));

    let mut unsaved = open_at(fm(), Step::Candidates, Some(0));
    update(
        &mut unsaved,
        Msg::Saved(SaveReport::Failed("cannot save /s/x.json: No space left on device".into())),
    );
    wiz_mut(&mut unsaved).dirty = true;
    press(&mut unsaved, ratatui::crossterm::event::KeyCode::Char('q'));
    out.push(("unsaved", unsaved));
    let mut conflict = open_at(fm(), Step::Candidates, Some(0));
    update(
        &mut conflict,
        Msg::Saved(SaveReport::Conflict(PathBuf::from("/s/x.conflict-20261128-101500.json"))),
    );
    out.push(("conflict", conflict));
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
fn too_small_terminals_get_a_notice() {
    let app = open(blank());
    let text = screen_text(&app, 59, 20);
    assert!(text.contains("Enlarge the terminal"), "{text}");
    assert!(text.contains("59×20"), "{text}");
    assert!(!screen_text(&app, 60, 20).contains("Enlarge"));
}

#[test]
fn no_screen_panics_at_any_size() {
    let sizes = [1u16, 2, 3, 5, 10, 19, 20, 21, 24, 40, 59, 60, 61, 80, 99, 100, 110, 120, 200];
    for (name, app) in screens() {
        for &w in &sizes {
            for &h in sizes.iter().filter(|&&h| h <= 60) {
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render(&app, w, h)));
                assert!(result.is_ok(), "{name} panicked at {w}×{h}");
            }
        }
    }
}

#[test]
fn big_sessions_still_fit() {
    // Eight participants with long, wide names and a pasted wall of text.
    let mut s: Session = example("first-move.json");
    s.participants = (1..=8)
        .map(|i| firstmove::method::Participant {
            id: format!("p{i}"),
            name: format!("参加者 {i} 🚀 with a long name"),
        })
        .collect();
    for c in &mut s.candidates {
        c.scores.clear();
    }
    for c in &mut s.constraints {
        c.severity.clear();
    }
    s.filters[0].answer = "word ".repeat(5000);
    for step in Step::ALL {
        let app = open_at(s.clone(), *step, Some(0));
        for (w, h) in [(60, 20), (80, 24), (200, 60)] {
            render(&app, w, h);
        }
    }
}

#[test]
fn no_color_means_no_colour_anywhere() {
    for (name, mono) in screens() {
        let t = render(&mono, 120, 40);
        for cell in t.backend().buffer().content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{name}: colour under NO_COLOR");
        }
    }
    let mut colored = open_at(example("first-move.json"), Step::Primary, Some(0));
    colored.theme = Theme::COLOR;
    let t = render(&colored, 120, 40);
    assert!(t.backend().buffer().content().iter().any(|c| c.fg != Color::Reset), "colour theme uses colour");
}

/// The home list: the selected session's bar spans its row, and the other rows colour their
/// text only (a blank in a text colour looks the same and is bytes to send: most of a first
/// frame listing a thousand names still being read).
#[test]
fn the_home_list_highlights_the_whole_selected_row_and_colours_only_text_elsewhere() {
    let mut home = App::new(Theme::COLOR);
    let names = (0..60).map(|i| PathBuf::from(format!("/s/session-{i:04}.json"))).collect();
    update(&mut home, Msg::Found(names, "/s".into()));
    update(
        &mut home,
        Msg::Key(ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Down)),
    );
    let t = render(&home, 120, 40);
    let buf = t.backend().buffer();
    let row_of = |text: &str| {
        (0..40u16)
            .find(|&y| (0..120u16).map(|x| buf[(x, y)].symbol()).collect::<String>().contains(text))
            .unwrap_or_else(|| panic!("no row shows {text}"))
    };
    let selected = row_of("session-0001.json");
    assert!(buf[(0, selected)].symbol() == "▸");
    let focus = Theme::COLOR.focus();
    for x in 0..120 {
        assert_eq!(buf[(x, selected)].bg, focus.bg.unwrap(), "column {x} of the selected row");
    }
    let other = row_of("session-0002.json");
    let dim = Theme::COLOR.dim().fg.unwrap();
    for x in 0..120 {
        let cell = &buf[(x, other)];
        if cell.symbol() == " " {
            assert_eq!(cell.style(), ratatui::buffer::Cell::EMPTY.style(), "blank column {x}");
        } else {
            assert_eq!(cell.fg, dim, "column {x} ({:?})", cell.symbol());
        }
    }
    // Names still being read say so, in the row's colour.
    let line: String = (0..120u16).map(|x| buf[(x, other)].symbol()).collect();
    assert!(line.contains("reading…"), "{line}");
}

/// The footer's hint line and the header's legend line of a screen.
fn footer_and_legend(app: &App, w: u16, h: u16) -> (String, String) {
    let text = screen_text(app, w, h);
    let lines: Vec<&str> = text.lines().collect();
    (lines[lines.len() - 2].to_string(), lines[1].to_string())
}

/// The header names the key that opens the step list where it is drawn: `g` only where
/// nothing takes text, `Ctrl+G` on forms (a letter typed in a field never acts).
#[test]
fn the_header_names_the_step_key_that_works_on_that_screen() {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    for (step, focus, key) in [
        (Step::Setup, Some(0), "Ctrl+G: steps"),
        (Step::Gate, None, "Ctrl+G: steps"),
        (Step::FilterRevenue, Some(1), "Ctrl+G: steps"),
        (Step::Ranking, None, "g: steps"),
    ] {
        let app = open_at(example("first-move.json"), step, focus);
        let (_, legend) = footer_and_legend(&app, 120, 40);
        assert!(
            legend.ends_with(&format!(" {key}")) || legend.contains(&format!(" {key} ")),
            "{step:?}: {legend}"
        );
        // The key it names is the one that opens the step list there.
        let mut app = app;
        let (code, mods) = if key.starts_with("Ctrl") {
            (KeyCode::Char('g'), KeyModifiers::CONTROL)
        } else {
            (KeyCode::Char('g'), KeyModifiers::NONE)
        };
        update(&mut app, Msg::Key(ratatui::crossterm::event::KeyEvent::new(code, mods)));
        assert!(matches!(app.overlay, Some(Overlay::Jump { .. })), "{step:?}: {key} opens the steps");
    }
}

/// A choice's footer gives the digits it takes: "1-2" for two options, never "1-5".
#[test]
fn a_choices_footer_gives_its_real_range() {
    let mut seen = 0;
    for file in ["first-move.json", "follow-through.json"] {
        for &step in Step::ALL {
            let n = open_at(example(file), step, Some(0)).wizard().unwrap().fields().len();
            for focus in 0..n {
                let app = open_at(example(file), step, Some(focus));
                let Some(f) = app.wizard().unwrap().focused() else { continue };
                if f.kind() != firstmove::tui::field::Kind::Choice {
                    continue;
                }
                let n = f.choices().len();
                let (footer, _) = footer_and_legend(&app, 120, 40);
                assert!(footer.contains(&format!("1-{n} choose")), "{step:?} {f:?}: {footer}");
                assert!(n == 5 || !footer.contains("1-5"), "{step:?} {f:?}: {footer}");
                seen += 1;
            }
        }
    }
    assert!(seen > 10, "only {seen} choices seen");
}

/// The delete window over the session list shows its own keys, not the list's.
#[test]
fn the_delete_window_on_the_session_list_shows_its_own_keys() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};
    let mut home = App::new(Theme::MONO);
    let entries = vec![Listed {
        path: PathBuf::from("/s/first-move.json"),
        summary: Ok(Summary::of(&example("first-move.json"))),
    }];
    update(&mut home, Msg::Listed(Ok(entries), "/s".into()));
    update(&mut home, Msg::Key(KeyEvent::from(KeyCode::Char('d'))));
    assert_eq!(home.overlay, Some(Overlay::ConfirmDeleteSession));
    for (w, h) in [(80, 24), (120, 40)] {
        let (footer, _) = footer_and_legend(&home, w, h);
        assert!(footer.contains("y yes") && footer.contains("n no"), "{footer}");
        for list_key in ["open/add", "new", "delete", "choose"] {
            assert!(!footer.contains(list_key), "{list_key} in {footer}");
        }
    }
}

/// A name with a joined emoji ("👩‍💻", a ZWJ sequence: two cells on the terminal, as ratatui
/// draws it) does not shift the columns after it: labels are padded by the same measure.
#[test]
fn joined_emoji_in_names_keep_the_columns_in_line() {
    let mut s = example("first-move.json");
    s.participants[0].name = "👩‍💻 Ana".into();
    s.participants[2].name = "🧑🏽‍🚀 Priya".into();
    let app = open_at(s, Step::ConstraintReliability, Some(1));
    for (w, h) in [(80, 24), (120, 40)] {
        let t = render(&app, w, h);
        let buf = t.backend().buffer();
        let line = |y: u16| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>();
        let rows: Vec<u16> =
            (0..h).filter(|&y| ["Ana", "Tomás", "Priya"].iter().any(|n| line(y).contains(n))).collect();
        assert_eq!(rows.len(), 3, "{}", screen_text(&app, w, h));
        // The x of the scale's first cell ("1" or "[1]") on each person's row.
        let first = |y: u16| (0..w).find(|&x| buf[(x, y)].symbol() == "1").expect("the scale");
        let xs: Vec<u16> = rows.iter().map(|&y| first(y)).collect();
        assert!(xs.iter().all(|&x| x == xs[0]), "{xs:?} at {w}x{h}:\n{}", screen_text(&app, w, h));
    }
}

/// At 80×24 (and 120×40) a facilitator reads what the screens hold: the ranking's titles and
/// flags wrap in taller rows instead of ending in an ellipsis, a candidate row keeps its lowest
/// median in view, and a session's path on the list keeps its file name on one line.
#[test]
fn what_the_room_reads_is_not_cut_at_80x24() {
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(&open_at(example("first-move.json"), Step::Ranking, None), w, h);
        let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for whole in ["email threads", "disconnected", "discovery", "unproven"] {
            assert!(words.contains(whole), "{whole} at {w}x{h}:\n{text}");
        }
        assert!(!text.contains("disconnecte…"), "{text}");
    }
    let mut s = example("first-move.json");
    s.candidates[0].title = "Guided onboarding that reaches the first sent invoice in one single sitting without help from support".into();
    let text = screen_text(&open_at(s, Step::Candidates, Some(0)), 80, 24);
    let row = text.lines().find(|l| l.starts_with("▸ Guided onboarding")).unwrap();
    assert!(row.trim_end().ends_with("· lowest 4") && row.contains('…'), "{row}");

    let mut home = App::new(Theme::MONO);
    let file = "/Users/maya/Library/Application Support/firstmove/sessions/harbor-logistics-quarterly-scaling-review.json";
    let entries =
        vec![Listed { path: PathBuf::from(file), summary: Ok(Summary::of(&example("first-move.json"))) }];
    update(&mut home, Msg::Listed(Ok(entries), "/s".into()));
    let text = screen_text(&home, 80, 24);
    let line = text.lines().find(|l| l.contains("harbor-logistics")).expect("the path");
    assert!(
        line.trim().starts_with('…')
            && line.trim_end().ends_with("harbor-logistics-quarterly-scaling-review.json"),
        "{text}"
    );
}
