//! The interactive wizard, in The Elm Architecture: one `App` model, `Msg`s in, a pure
//! `update`, `view` functions per screen. This module is the runtime around them: it owns
//! the terminal, turns events into messages and carries out the effects `update` asks for.

pub mod app;
pub mod dispatch;
pub mod editing;
pub mod field;
pub mod home;
pub mod keys;
pub mod msg;
pub mod overlays;
pub mod runtime;
pub mod steps;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod workshop;

use std::io::Write;

use anyhow::Result;

pub use app::App;
pub use msg::{Access, Effect, Msg};
pub use theme::Theme;
pub use update::update;

use crate::store::{SessionFile, Store};
use runtime::End;
use runtime::effects::{listed, opened, save_open};
use runtime::input::Input;

/// What the wizard opens on.
pub enum Start {
    Home,
    New(Option<String>),
    Resume(String),
}

/// Runs the wizard; returns the line to print when it is over (`None` when there is
/// nothing to say: no session open, or no terminal left to print on).
///
/// Whatever ends it (quitting, SIGTERM/SIGHUP/SIGINT, the terminal hanging up, an error
/// drawing or reading), the open session is saved first and the terminal restored. A quit
/// whose save fails does not end the program: the "not saved" window asks what to do. A
/// signal ends the process here, with status 128 + the signal's number and a line on
/// stderr. Changes that could not be saved make the result an error, so the exit line
/// never claims a save that did not happen.
///
/// `serve` serves the open session to participants' terminals over SSH from the start
/// (`Some(None)`: on loopback; `Some(Some(addr))`: on `addr`); F6 can start it later.
pub fn run(
    store: Store,
    start: Start,
    serve: Option<Option<std::net::SocketAddr>>,
) -> Result<Option<String>> {
    let mut app = App::new(Theme::from_env());
    app.remote.wanted = serve;
    let (post, inbox) = std::sync::mpsc::channel();
    // `firstmove serve` (F6 in the wizard): the server posts into the same inbox.
    #[cfg(feature = "serve")]
    let mut host = crate::serve::host::Host::new(post.clone(), store.dir().to_path_buf());
    let mut read_in_background = false;
    // Anything that can fail before the first frame fails here, on a normal terminal.
    let first = match start {
        // The first frame does not wait for the folder: it says the folder is being read,
        // the names follow in the next frame, and reading every file (a thousand sessions
        // take tens of milliseconds) happens behind them and fills the list in.
        Start::Home => {
            read_in_background = true;
            let dir = store.dir().display().to_string();
            app.screen = app::Screen::Home(app::Home { dir, ..Default::default() });
            None
        }
        Start::New(name) => {
            let name = name.unwrap_or_default();
            let namesakes = namesakes(&store, &name);
            let (file, s) = store.create_file(&name)?;
            if let Some(other) = namesakes {
                // Said after opening, in the footer: the new session is made all the same.
                let note = format!(
                    "Another session is already called that ({other}): resume and report will ask which one."
                );
                runtime::effects::dispatch(&store, &mut app, opened(file, s));
                Some(Msg::Failed(note))
            } else {
                Some(opened(file, s))
            }
        }
        Start::Resume(arg) => {
            let (file, s) = SessionFile::open(&store.resolve(&arg)?)?;
            Some(opened(file, s))
        }
    };
    // What opening asks for (a moved-on session looks for its next cycle) is done here too.
    if let Some(first) = first {
        runtime::effects::dispatch(&store, &mut app, first);
    }
    // The names are listed on a thread, started first so that the listing runs while this
    // one sets up the terminal and draws the first frame; the same thread then reads every
    // file, once the names are drawn (on two cores it would otherwise compete with that
    // frame). Listed here instead, a folder that never answers (a hung network mount, where
    // the kernel waits for a signal that kills) would hold a caught signal, a closed window
    // and the quit key for ever, with the terminal raw.
    let names = read_in_background.then(|| {
        let (names, found) = std::sync::mpsc::channel();
        let (go, drawn) = std::sync::mpsc::channel::<()>();
        let reader = store.clone();
        std::thread::spawn(move || {
            // A folder that cannot be listed shows as empty; the reading says why.
            let _ = names.send(reader.list_paths().unwrap_or_default());
            if drawn.recv().is_ok() {
                let _ = post.send(listed(&reader));
            }
        });
        (found, go)
    });
    // Caught before the terminal turns raw, so that no signal can leave it raw.
    let signals = runtime::signals::Signals::install()?;
    let input = runtime::input::Terminal::new();
    let mut guard = terminal::TerminalGuard::new()?;
    if let Ok(size) = guard.terminal.size() {
        update(&mut app, Msg::Resize(size.width, size.height));
    }
    let mut input = Early { events: Default::default(), inner: input };
    if let Some((found, go)) = names {
        guard.terminal.draw(|f| view::draw(f, &app))?;
        if let Some(paths) = wait_for_names(&found, &app, &mut input, || signals.caught()) {
            update(&mut app, Msg::Found(paths, store.dir().display().to_string()));
            guard.terminal.draw(|f| view::draw(f, &app))?;
            let _ = go.send(());
        }
    }
    let end = runtime::drive(
        &mut app,
        &store,
        &mut input,
        |app| {
            let drawn = guard.terminal.draw(|f| view::draw(f, app)).map(drop);
            #[cfg(feature = "serve")]
            host.frame(app);
            drawn
        },
        || signals.caught(),
        &inbox,
    );
    // A quit has saved already; anything else saves here, cursor included.
    save_open(&mut app, true);
    drop(guard);
    let end = signals.caught().map_or(end, End::Signal);
    let line = runtime::exit::line(&app);
    match end {
        End::Quit => line.map_err(anyhow::Error::msg),
        End::Signal(sig) => {
            let why = format!("firstmove: ended by {}", runtime::signals::name(sig));
            let line = match line {
                Err(e) => format!("{why}; {e}"),
                Ok(Some(l)) => format!("{why}; {l}"),
                Ok(None) => why,
            };
            // The terminal may be gone (SIGHUP): a failed write must not stop the exit.
            let _ = writeln!(std::io::stderr(), "{}", crate::sanitize::escape(&line));
            drop(app); // releases the session's lock
            std::process::exit(128 + sig);
        }
        // The terminal is gone: nobody is left to read an exit line.
        End::Closed => line.map(|_| None).map_err(anyhow::Error::msg),
        End::Failed(_) if input.closed() => line.map(|_| None).map_err(anyhow::Error::msg),
        End::Failed(e) => {
            line.map_err(anyhow::Error::msg)?;
            Err(anyhow::Error::new(e).context("the terminal failed"))
        }
    }
}

/// The sessions folder's names from `found`, kept waiting for only while nothing ends the
/// program: `None` once a signal is caught, the terminal is gone, or a key that quits the
/// home screen is typed. The events read meanwhile stay in `input`, for the loop to handle
/// after the names' frame (or, without names, at once: the quit among them).
fn wait_for_names(
    found: &std::sync::mpsc::Receiver<crate::store::PathList>,
    app: &App,
    input: &mut Early<impl Input>,
    signal: impl Fn() -> Option<i32>,
) -> Option<crate::store::PathList> {
    use ratatui::crossterm::event::{Event, KeyEventKind};
    use std::sync::mpsc::RecvTimeoutError;
    loop {
        match found.recv_timeout(std::time::Duration::from_millis(10)) {
            Ok(paths) => return Some(paths),
            Err(RecvTimeoutError::Disconnected) => return Some(Default::default()),
            Err(RecvTimeoutError::Timeout) => {}
        }
        if signal().is_some() || input.inner.closed() {
            return None;
        }
        while let Ok(Some(event)) = input.inner.queued() {
            let quits = matches!(&event, Event::Key(k) if k.kind == KeyEventKind::Press
                && matches!(keys::action(*k, dispatch::context(app)), Some(keys::Action::Quit | keys::Action::Back)));
            input.events.push_back(event);
            if quits {
                return None;
            }
        }
    }
}

/// The terminal's events, after those read before the loop started.
struct Early<I> {
    events: std::collections::VecDeque<ratatui::crossterm::event::Event>,
    inner: I,
}

impl<I: Input> Input for Early<I> {
    fn next(
        &mut self,
        timeout: std::time::Duration,
    ) -> std::io::Result<Option<ratatui::crossterm::event::Event>> {
        match self.events.pop_front() {
            Some(e) => Ok(Some(e)),
            None => self.inner.next(timeout),
        }
    }

    fn queued(&mut self) -> std::io::Result<Option<ratatui::crossterm::event::Event>> {
        match self.events.pop_front() {
            Some(e) => Ok(Some(e)),
            None => self.inner.queued(),
        }
    }

    fn closed(&mut self) -> bool {
        self.events.is_empty() && self.inner.closed()
    }
}

/// The file of a session already called `name` (any case), if there is one.
fn namesakes(store: &Store, name: &str) -> Option<String> {
    if name.trim().is_empty() {
        return None;
    }
    let first = store.named(name).ok()?.into_iter().next()?;
    Some(first.file_name().unwrap_or_default().to_string_lossy().into_owned())
}

/// Saves the open session if its content changed since the last save (tests and benches
/// call this where the runtime would).
pub fn autosave(app: &mut App) {
    save_open(app, false);
}

/// A default title for a session whose name is still blank.
pub fn display_name(name: &str) -> &str {
    if name.trim().is_empty() { "Untitled session" } else { name.trim() }
}
