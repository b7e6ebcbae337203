//! Helpers shared by the wizard's tests: sessions, keys, rendering.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use firstmove::method::{Session, Step};
use firstmove::store;
use firstmove::tui::app::{App, Screen, Wizard};
use firstmove::tui::{Access, Effect, Msg, Theme, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub fn example(name: &str) -> Session {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples").join(name);
    store::load(&path).unwrap()
}

pub fn blank() -> Session {
    Session::new("test".into(), String::new(), "2026-11-26T10:00:00Z".into())
}

pub fn open(session: Session) -> App {
    let mut app = App::new(Theme::MONO);
    update(&mut app, Msg::Opened(PathBuf::from("/sessions/test.json"), Box::new(session), Access::Detached));
    app
}

/// Opens `session` on `step` with focus on field `field` (or browsing when `None`).
pub fn open_at(mut session: Session, step: Step, field: Option<usize>) -> App {
    session.cursor.step = step;
    session.cursor.field = field.unwrap_or(0);
    let mut app = open(session);
    // Opening never lands in a text field; a test that wants one puts the focus there.
    wiz_mut(&mut app).focus = field;
    wiz_mut(&mut app).last_focus = None;
    wiz_mut(&mut app).clamp_focus();
    wiz_mut(&mut app).sync_editor();
    app
}

pub fn wiz(app: &App) -> &Wizard {
    app.wizard().expect("a session is open")
}

pub fn wiz_mut(app: &mut App) -> &mut Wizard {
    app.wizard_mut().expect("a session is open")
}

pub fn step(app: &App) -> Step {
    wiz(app).step()
}

pub fn press_mod(app: &mut App, code: KeyCode, m: KeyModifiers) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, m)))
}

pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    press_mod(app, code, KeyModifiers::NONE)
}

pub fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    press_mod(app, KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub fn release(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let mut k = KeyEvent::new(code, KeyModifiers::NONE);
    k.kind = KeyEventKind::Release;
    update(app, Msg::Key(k))
}

pub fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| firstmove::tui::view::draw(f, app)).unwrap();
    t
}

pub fn screen_text(app: &App, w: u16, h: u16) -> String {
    let t = render(app, w, h);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

pub fn is_home(app: &App) -> bool {
    matches!(app.screen, Screen::Home(_))
}
