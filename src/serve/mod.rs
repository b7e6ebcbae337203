//! `firstmove serve`: participants vote from their own terminals over SSH.
//!
//! The facilitator's wizard stays the one owner of the session. What participants may see is
//! published to the server as a [`Board`] after each of the wizard's frames (`board.rs`); a
//! ballot typed on a participant's laptop comes back to the wizard's loop as a
//! `Msg::Remote` and is applied there by `apply.rs` with the same `Session::cast` the
//! facilitator's keyboard uses, so it is saved by the same saver, through the open session's
//! `SessionFile`.
//!
//! The SSH side (feature `serve`, on by default): `ssh.rs` the server and one handler per
//! connection; `gate.rs` the join code, the host key and the failed-attempt limits;
//! `screen.rs` a participant's screen and keys; `input.rs` bytes to key events;
//! `host.rs` what the wizard's runtime holds while serving.

pub mod apply;
pub mod board;

#[cfg(feature = "serve")]
pub mod gate;
#[cfg(feature = "serve")]
pub mod host;
#[cfg(feature = "serve")]
pub mod input;
#[cfg(feature = "serve")]
pub mod screen;
#[cfg(feature = "serve")]
pub mod ssh;

pub use apply::apply;
pub use board::{Board, Listening, Presence, Remote, board};
