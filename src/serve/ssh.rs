//! The SSH server: one thread with its own tokio runtime, one russh handler per connection.
//! A connection authenticates with the join code (password or keyboard-interactive), opens
//! one session channel with a shell, and gets a participant's screen (`screen.rs`) drawn
//! by a ratatui `Terminal` of its own size; exec, subsystems, X11, agent and every kind of
//! forwarding are refused.
//!
//! Output: each connection's frames are drawn into a buffer and sent by that connection's
//! own task, in order, awaiting the channel's flow control: no frame is dropped (ratatui sends
//! only the cells that changed, so a lost one would spoil the screen), `flush` never blocks,
//! and a client that stops reading holds up only its own task. Board changes that arrive
//! meanwhile are folded into the next frame.

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::keys::PrivateKey;
use russh::server::{Auth, Handle, Msg, Response, Session};
use russh::{Channel, ChannelId, MethodKind, MethodSet, Pty};
use tokio::sync::{Notify, watch};

use super::board::{Board, Listening, Remote};
use super::gate::{self, Limiter};
use super::input::Parser;
use super::screen::{self, Act, Ui};
use crate::method::model::ParticipantId;

/// Where the server listens and where its host key lives.
#[derive(Debug, Clone)]
pub struct Options {
    pub listen: SocketAddr,
    /// The sessions folder: the host key is kept there.
    pub dir: PathBuf,
}

/// How the server tells the wizard's loop what happened (the runtime sends it as a `Msg`).
pub type Post = Arc<dyn Fn(Remote) + Send + Sync>;

/// Connections served at once; more are closed at once.
pub const MAX_CONNECTIONS: usize = 64;
/// The largest screen drawn; a client claiming a larger one gets this much.
pub const MAX_COLS: u16 = 400;
pub const MAX_ROWS: u16 = 200;
/// What a connection tells the wizard (its ballot, who it is) reaches it at most this often;
/// the last state always does.
pub const VOTE_EVERY: Duration = Duration::from_millis(20);

/// The alternate screen, cleared, cursor hidden; and back.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[2J\x1b[H\x1b[?25l";
const LEAVE: &[u8] = b"\x1b[?25h\x1b[?1049l";

/// A running server. Dropping it stops it and closes every connection.
pub struct Serving {
    pub listening: Listening,
    board: watch::Sender<Board>,
    stop: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Serving {
    /// Shows `board` to every participant (only if it changed).
    pub fn publish(&self, board: Board) {
        self.board.send_if_modified(|old| {
            if *old == board {
                false
            } else {
                *old = board;
                true
            }
        });
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

struct Shared {
    code: String,
    /// Set when serving stops: every screen is restored and closed.
    stop: watch::Receiver<bool>,
    post: Post,
    board: watch::Receiver<Board>,
    /// Who is claimed by which connection.
    claims: Mutex<HashMap<ParticipantId, u64>>,
    limiter: Limiter,
    next: AtomicU64,
    live: AtomicUsize,
}

/// Starts serving: binds `opts.listen` (an error here is the caller's to show), reads or
/// creates the host key, draws a join code.
pub fn start(opts: Options, post: Post) -> io::Result<Serving> {
    let key = gate::host_key(&opts.dir)?;
    let code = gate::join_code()?;
    let listener = std::net::TcpListener::bind(opts.listen)?;
    listener.set_nonblocking(true)?;
    let listening =
        Listening { addr: listener.local_addr()?, code: code.clone(), fingerprint: gate::fingerprint(&key) };
    let (board_tx, board_rx) = watch::channel(Board::default());
    let (stop_tx, stop_rx) = watch::channel(false);
    let shared = Arc::new(Shared {
        code,
        stop: stop_rx.clone(),
        post,
        board: board_rx,
        claims: Mutex::new(HashMap::new()),
        limiter: Limiter::new(gate::TRIES_PER_MINUTE),
        next: AtomicU64::new(1),
        live: AtomicUsize::new(0),
    });
    let config = Arc::new(config(key));
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let thread = std::thread::Builder::new()
        .name("firstmove-serve".into())
        .spawn(move || rt.block_on(accept(listener, config, shared, stop_rx)))?;
    Ok(Serving { listening, board: board_tx, stop: stop_tx, thread: Some(thread) })
}

fn config(key: PrivateKey) -> russh::server::Config {
    russh::server::Config {
        methods: MethodSet::from(&[MethodKind::Password, MethodKind::KeyboardInteractive][..]),
        auth_rejection_time: Duration::from_millis(500),
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key],
        max_auth_attempts: 2 * gate::TRIES_PER_CONNECTION as usize + 2,
        inactivity_timeout: Some(Duration::from_secs(4 * 3600)),
        keepalive_interval: Some(Duration::from_secs(30)),
        nodelay: true,
        ..Default::default()
    }
}

async fn accept(
    listener: std::net::TcpListener,
    config: Arc<russh::server::Config>,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
    loop {
        tokio::select! {
            _ = stop.changed() => {
                // Each screen restores its terminal and closes; the runtime ends once they
                // are gone, or after half a second whatever they do.
                let gone = async {
                    while shared.live.load(Ordering::SeqCst) > 0 {
                        tokio::time::sleep(Duration::from_millis(10)).await;
                    }
                };
                let _ = tokio::time::timeout(Duration::from_millis(500), gone).await;
                return;
            }
            r = listener.accept() => match r {
                Ok((stream, _)) => {
                    if shared.live.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                        continue;
                    }
                    let _ = stream.set_nodelay(true);
                    let conn = Conn::new(shared.clone());
                    let config = config.clone();
                    tokio::spawn(async move {
                        if let Ok(running) = russh::server::run_stream(config, stream, conn).await {
                            let _ = running.await;
                        }
                    });
                }
                // Out of file descriptors and the like: try again shortly.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
        }
    }
}

/// What a connection's handler and its drawing task share.
#[derive(Default)]
struct State {
    ui: Ui,
    size: (u16, u16),
    /// The connection is closing: the drawing task ends.
    gone: bool,
    /// The latest ballot not yet passed on.
    pending: Option<Remote>,
    /// Who the wizard was last told this connection is.
    told: Option<ParticipantId>,
    last_post: Option<Instant>,
}

impl State {
    /// Tells the wizard who this connection is now and its latest ballot, if anything changed
    /// and it is time (once per `VOTE_EVERY`: a client pressing Enter and Esc or digits
    /// thousands of times a second sends a few messages, the last state always); returns
    /// whether something still waits.
    fn post_due(&mut self, post: &Post, conn: u64) -> bool {
        let waiting = |s: &State| s.pending.is_some() || s.told != s.ui.me;
        if waiting(self) && self.last_post.is_none_or(|t| t.elapsed() >= VOTE_EVERY) {
            if self.told != self.ui.me {
                if self.told.is_some() {
                    post(Remote::Left { conn });
                }
                if let Some(person) = self.ui.me.clone() {
                    post(Remote::Joined { conn, person });
                }
                self.told = self.ui.me.clone();
            }
            if let Some(v) = self.pending.take() {
                post(v);
            }
            self.last_post = Some(Instant::now());
        }
        waiting(self)
    }
}

struct Conn {
    id: u64,
    shared: Arc<Shared>,
    failures: u32,
    channel: Option<ChannelId>,
    started: bool,
    parser: Parser,
    state: Arc<Mutex<State>>,
    wake: Arc<Notify>,
}

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

fn clamp(cols: u32, rows: u32) -> (u16, u16) {
    (cols.min(u32::from(MAX_COLS)) as u16, rows.min(u32::from(MAX_ROWS)) as u16)
}

impl Conn {
    fn new(shared: Arc<Shared>) -> Conn {
        shared.live.fetch_add(1, Ordering::SeqCst);
        let id = shared.next.fetch_add(1, Ordering::SeqCst);
        let state = State { size: (80, 24), ..Default::default() };
        Conn {
            id,
            shared,
            failures: 0,
            channel: None,
            started: false,
            parser: Parser::default(),
            state: Arc::new(Mutex::new(state)),
            wake: Arc::new(Notify::new()),
        }
    }

    fn check(&mut self, user: &str, typed: &[u8]) -> Auth {
        if self.failures >= gate::TRIES_PER_CONNECTION || !self.shared.limiter.open() {
            return Auth::reject();
        }
        if gate::code_matches(&self.shared.code, typed) {
            let user: String = crate::sanitize::clean(user).chars().take(64).collect();
            lock(&self.state).ui.user = user;
            return Auth::Accept;
        }
        self.failures += 1;
        self.shared.limiter.failed();
        Auth::reject()
    }

    fn ours(&self, channel: ChannelId) -> bool {
        self.channel == Some(channel)
    }

    /// Gives up this connection's claim on a person, if it has one.
    fn unclaim(&self) -> bool {
        let mut claims = self.shared.claims.lock().unwrap_or_else(|e| e.into_inner());
        let before = claims.len();
        claims.retain(|_, c| *c != self.id);
        before != claims.len()
    }

    fn act(&self, st: &mut State, act: Act) {
        match act {
            Act::Claim(person) => {
                let mut claims = self.shared.claims.lock().unwrap_or_else(|e| e.into_inner());
                match claims.get(&person) {
                    Some(other) if *other != self.id => {
                        let who = self
                            .shared
                            .board
                            .borrow()
                            .people
                            .iter()
                            .find(|p| p.id == person)
                            .map(|p| p.label.clone());
                        st.ui.note = Some(format!(
                            "{} is already connected from another terminal. If that is not you, tell the facilitator.",
                            who.unwrap_or_else(|| "That person".into())
                        ));
                    }
                    _ => {
                        claims.insert(person.clone(), self.id);
                        st.ui.me = Some(person.clone());
                        st.ui.note = None;
                        st.ui.dim = 0;
                    }
                }
            }
            Act::Unclaim => {
                self.unclaim();
                st.ui.me = None;
                st.ui.sent = None;
                st.pending = None;
            }
            Act::Vote { round, subject, ballot } => {
                if let Some(person) = st.ui.me.clone() {
                    st.pending = Some(Remote::Vote { person, round, subject, ballot });
                }
            }
            Act::Leave => st.ui.leave = true,
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.unclaim();
        // One lock: the drawing task sees `gone` before it could tell the wizard anything more.
        let told = {
            let mut st = lock(&self.state);
            st.gone = true;
            st.told.take()
        };
        if told.is_some() {
            (self.shared.post)(Remote::Left { conn: self.id });
        }
        self.shared.live.fetch_sub(1, Ordering::SeqCst);
        self.wake.notify_one();
    }
}

impl russh::server::Handler for Conn {
    type Error = russh::Error;

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        Ok(self.check(user, password.as_bytes()))
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        match response {
            None => Ok(Auth::Partial {
                name: "firstmove".into(),
                instructions: "".into(),
                prompts: vec![("Join code: ".into(), false)].into(),
            }),
            Some(mut r) => {
                let typed = r.next().unwrap_or_default();
                Ok(self.check(user, &typed))
            }
        }
    }

    async fn auth_publickey_offered(
        &mut self,
        _: &str,
        _: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(Auth::reject())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        // One screen per connection; a second session channel is refused (dropping the
        // reply refuses it).
        if self.channel.is_none() {
            self.channel = Some(channel.id());
            reply.accept().await;
        }
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _: &str,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.ours(channel) {
            return session.channel_failure(channel);
        }
        lock(&self.state).size = clamp(cols, rows);
        self.wake.notify_one();
        session.channel_success(channel)
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.ours(channel) {
            lock(&self.state).size = clamp(cols, rows);
            self.wake.notify_one();
        }
        Ok(())
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        if !self.ours(channel) || self.started {
            return session.channel_failure(channel);
        }
        self.started = true;
        let task = Drawing {
            conn: self.id,
            handle: session.handle(),
            channel,
            state: self.state.clone(),
            wake: self.wake.clone(),
            shared: self.shared.clone(),
        };
        tokio::spawn(task.run());
        session.channel_success(channel)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _: bool,
        _: &str,
        _: &str,
        _: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn data(&mut self, channel: ChannelId, data: &[u8], _: &mut Session) -> Result<(), Self::Error> {
        if !self.ours(channel) || !self.started {
            return Ok(());
        }
        let keys = self.parser.keys(data);
        let board = self.shared.board.borrow().clone();
        let mut st = lock(&self.state);
        for k in keys {
            if let Some(act) = screen::key(&mut st.ui, &board, k) {
                let leave = act == Act::Leave;
                self.act(&mut st, act);
                if leave {
                    break;
                }
            }
        }
        st.post_due(&self.shared.post, self.id);
        drop(st);
        self.wake.notify_one();
        Ok(())
    }

    async fn channel_eof(&mut self, channel: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        if self.ours(channel) {
            lock(&self.state).ui.leave = true;
            self.wake.notify_one();
        }
        Ok(())
    }

    async fn channel_close(&mut self, channel: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        if self.ours(channel) {
            lock(&self.state).gone = true;
            self.wake.notify_one();
        }
        Ok(())
    }
}

/// Where ratatui writes a frame: a buffer the drawing task sends once the frame is done.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// One connection's drawing task.
struct Drawing {
    conn: u64,
    handle: Handle,
    channel: ChannelId,
    state: Arc<Mutex<State>>,
    wake: Arc<Notify>,
    shared: Arc<Shared>,
}

fn rect((w, h): (u16, u16)) -> Rect {
    Rect { x: 0, y: 0, width: w, height: h }
}

impl Drawing {
    async fn run(self) {
        let sink = Sink::default();
        let size = lock(&self.state).size;
        let options = TerminalOptions { viewport: Viewport::Fixed(rect(size)) };
        let Ok(mut term) = Terminal::with_options(CrosstermBackend::new(sink.clone()), options) else {
            return;
        };
        if self.handle.data(self.channel, ENTER.to_vec()).await.is_err() {
            return;
        }
        let mut board_rx = self.shared.board.clone();
        let mut stop = self.shared.stop.clone();
        lock(&self.state).ui.preselect(&board_rx.borrow());
        loop {
            let board = board_rx.borrow_and_update().clone();
            let (ui, size, waiting) = {
                let mut st = lock(&self.state);
                if st.gone {
                    return;
                }
                if *stop.borrow() {
                    st.ui.leave = true;
                    st.ui.note = Some("The facilitator stopped serving.".into());
                }
                st.ui.catch_up(&board);
                let waiting = st.post_due(&self.shared.post, self.conn);
                (st.ui.clone(), st.size, waiting)
            };
            if term.get_frame().area() != rect(size) {
                let _ = term.resize(rect(size));
            }
            let _ = term.draw(|f| screen::draw(f, &board, &ui));
            let bytes = sink.take();
            if !bytes.is_empty() && self.handle.data(self.channel, bytes).await.is_err() {
                return;
            }
            if ui.leave {
                let _ = self.handle.data(self.channel, LEAVE.to_vec()).await;
                let _ = self.handle.exit_status_request(self.channel, 0).await;
                let _ = self.handle.eof(self.channel).await;
                let _ = self.handle.close(self.channel).await;
                return;
            }
            tokio::select! {
                r = board_rx.changed() => if r.is_err() { return },
                _ = self.wake.notified() => {},
                _ = stop.changed() => {},
                _ = tokio::time::sleep(VOTE_EVERY), if waiting => {},
            }
        }
    }
}
