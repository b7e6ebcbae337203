//! What the wizard's runtime holds while serving: it starts the server when the facilitator
//! asks (`Presence::wanted`), and after each frame publishes the board.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use super::board::{Remote, board};
use super::ssh::{Options, Post, Serving, start};
use crate::tui::{App, Msg};

/// The port tried first when `--listen` is not given; a free one if it is taken.
pub const DEFAULT_PORT: u16 = 2222;

pub struct Host {
    post: Post,
    dir: PathBuf,
    serving: Option<Serving>,
    /// The session file being served: closing it stops the serving.
    served: Option<PathBuf>,
    tried: bool,
}

impl Host {
    /// `inbox` is the wizard loop's; `dir` the sessions folder (where the host key lives).
    pub fn new(inbox: mpsc::Sender<Msg>, dir: PathBuf) -> Host {
        let post: Post = Arc::new(move |r| {
            let _ = inbox.send(Msg::Remote(r));
        });
        Host { post, dir, serving: None, served: None, tried: false }
    }

    pub fn serving(&self) -> Option<&Serving> {
        self.serving.as_ref()
    }

    /// After a frame: start serving if asked and not yet tried; publish the board.
    pub fn frame(&mut self, app: &App) {
        let open = app.wizard().map(|w| w.path.clone());
        if self.serving.is_some() && open != self.served {
            // Participants' screens are restored and closed (half a second at most).
            self.serving = None;
            self.served = None;
            (self.post)(Remote::Stopped("the session was closed".into()));
            return;
        }
        match app.remote.wanted {
            None => self.tried = false,
            Some(listen) if self.serving.is_none() && !self.tried => {
                self.tried = true;
                let started = match app.wizard() {
                    Some(w) if w.read_only => Err(std::io::Error::other(
                        "this session is open read-only here, so no ballot could be saved",
                    )),
                    _ => self.start(listen),
                };
                (self.post)(Remote::Started(
                    started.as_ref().map(|s| s.listening.clone()).map_err(|e| e.to_string()),
                ));
                self.serving = started.ok();
                self.served = open;
            }
            Some(_) => {}
        }
        if let Some(s) = &self.serving {
            s.publish(board(app));
        }
    }

    fn start(&self, listen: Option<SocketAddr>) -> std::io::Result<Serving> {
        let opts = |listen| Options { listen, dir: self.dir.clone() };
        match listen {
            Some(addr) => start(opts(addr), self.post.clone()),
            None => {
                let at = |port| SocketAddr::from((Ipv4Addr::LOCALHOST, port));
                start(opts(at(DEFAULT_PORT)), self.post.clone())
                    .or_else(|_| start(opts(at(0)), self.post.clone()))
            }
        }
    }
}
