//! A participant's terminal for tests and the bench: a russh client with a pty of a given
//! size, whose output goes through `vt100`, and a facilitator's side (`Room`) that runs the
//! wizard's part of the loop by hand: apply what the server posted, save, publish the board.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use firstmove::serve::host::Host;
use firstmove::store::{self, SessionFile};
use firstmove::tui::app::App;
use firstmove::tui::{Msg, Theme, autosave, update};
use russh::ChannelMsg;
use russh::client;
use russh::keys::PublicKeyOrCertificate;

pub struct Trust;

impl client::Handler for Trust {
    type Error = russh::Error;
    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

pub struct Client {
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub closed: Arc<AtomicBool>,
    write: russh::ChannelWriteHalf<client::Msg>,
    pub handle: client::Handle<Trust>,
}

/// Connects and authenticates with `code`; `Err` says why not.
pub async fn connect(addr: SocketAddr, user: &str, code: &str) -> Result<client::Handle<Trust>, String> {
    let config = Arc::new(client::Config::default());
    let mut h = client::connect(config, addr, Trust).await.map_err(|e| e.to_string())?;
    let auth = h.authenticate_password(user, code).await.map_err(|e| e.to_string())?;
    if !auth.success() {
        return Err("refused".into());
    }
    Ok(h)
}

impl Client {
    /// Connects, asks for a pty of `cols`×`rows` and a shell.
    pub async fn join(addr: SocketAddr, user: &str, code: &str, (cols, rows): (u16, u16)) -> Client {
        let handle = connect(addr, user, code).await.expect("joins");
        Client::open(handle, (cols, rows)).await
    }

    pub async fn open(handle: client::Handle<Trust>, (cols, rows): (u16, u16)) -> Client {
        let ch = handle.channel_open_session().await.expect("a session channel");
        Client::on(handle, ch, (cols, rows)).await
    }

    /// A pty and a shell on a session channel already open.
    pub async fn on(
        handle: client::Handle<Trust>,
        ch: russh::Channel<client::Msg>,
        (cols, rows): (u16, u16),
    ) -> Client {
        ch.request_pty(false, "xterm-256color", cols.into(), rows.into(), 0, 0, &[]).await.unwrap();
        ch.request_shell(false).await.unwrap();
        let (mut read, write) = ch.split();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let closed = Arc::new(AtomicBool::new(false));
        let (s, c) = (screen.clone(), closed.clone());
        tokio::spawn(async move {
            while let Some(msg) = read.wait().await {
                match msg {
                    ChannelMsg::Data { data } => s.lock().unwrap().process(&data),
                    ChannelMsg::Close | ChannelMsg::Eof => break,
                    _ => {}
                }
            }
            c.store(true, Ordering::SeqCst);
        });
        Client { screen, closed, write, handle }
    }

    pub async fn keys(&self, bytes: &[u8]) {
        self.write.data_bytes(bytes.to_vec()).await.expect("sent");
    }

    pub async fn resize(&self, cols: u16, rows: u16) {
        self.screen.lock().unwrap().screen_mut().set_size(nz(rows), nz(cols));
        self.write.window_change(cols.into(), rows.into(), 0, 0).await.unwrap();
    }

    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn row(&self, y: u16) -> String {
        let p = self.screen.lock().unwrap();
        let (_, cols) = p.screen().size();
        p.screen().contents_between(y, 0, y, cols.get())
    }
}

/// The facilitator's process, run by hand: the wizard's `App` on a session file, and the
/// server's host.
pub struct Room {
    pub app: App,
    pub host: Host,
    pub inbox: mpsc::Receiver<Msg>,
    pub path: PathBuf,
    pub tmp: tempfile::TempDir,
    /// How many messages the server has posted to the wizard so far.
    pub seen: usize,
}

impl Room {
    /// `session` saved in a fresh sessions folder and opened in the wizard, serving on
    /// 127.0.0.1 at a free port.
    pub fn new(session: firstmove::method::Session) -> Room {
        let mut room = Room::new_idle(session);
        room.app.remote.wanted = Some(Some("127.0.0.1:0".parse().unwrap()));
        room.pump();
        room.pump();
        assert!(room.app.remote.listening.is_some(), "{:?}", room.app.remote);
        room
    }

    /// The session open in the wizard, not serving yet.
    pub fn new_idle(session: firstmove::method::Session) -> Room {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("sessions");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("room.json");
        store::save_as(&session, &path).unwrap();
        let (file, s) = SessionFile::open(&path).unwrap();
        let mut app = App::new(Theme::MONO);
        update(&mut app, firstmove::tui::runtime::effects::opened(file, s));
        let (post, inbox) = mpsc::channel();
        let host = Host::new(post, dir);
        Room { app, host, inbox, path, tmp, seen: 0 }
    }

    pub fn addr(&self) -> SocketAddr {
        self.app.remote.listening.as_ref().unwrap().addr
    }

    pub fn code(&self) -> String {
        self.app.remote.listening.as_ref().unwrap().code.clone()
    }

    /// What the wizard's loop does between frames: apply the posted messages, save,
    /// publish the board.
    pub fn pump(&mut self) {
        while let Ok(m) = self.inbox.try_recv() {
            self.seen += 1;
            update(&mut self.app, m);
        }
        autosave(&mut self.app);
        self.host.frame(&self.app);
    }

    /// Pumps until `cond` holds (at most 10 s).
    pub async fn until(&mut self, what: &str, mut cond: impl FnMut(&Room) -> bool) {
        for _ in 0..2000 {
            self.pump();
            if cond(self) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        panic!("timed out waiting for {what}");
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap()
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}
