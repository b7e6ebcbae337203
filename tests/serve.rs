//! `firstmove serve` end to end, in-process: the server on 127.0.0.1:0, participants as russh
//! clients with ptys of their own sizes, their screens read through vt100, the facilitator's
//! wizard applying their ballots and saving them to the session file.
#![cfg(feature = "serve")]

mod common;
mod sshclient;

use common::*;
use firstmove::method::rounds::{Ballot, Subject};
use firstmove::method::{ConstraintId, Step};
use firstmove::store;
use ratatui::crossterm::event::KeyCode;
use sshclient::{Client, Room, connect, runtime};

const ACT: Subject = Subject::Severity(ConstraintId::Activation);
const NAMES: [&str; 3] = ["Maya", "Tomás", "Priya"];

/// The first-move example on the activation step with a private round open (F3).
fn room() -> Room {
    let mut s = example("first-move.json");
    s.cursor.step = Step::ConstraintActivation;
    let mut room = Room::new(s);
    press(&mut room.app, KeyCode::F(3));
    room.pump();
    room
}

/// Picks the `i`-th participant: to the top of the list, ↓ i times, Enter.
async fn pick(c: &Client, i: usize) {
    let mut keys = b"\x1b[A".repeat(3);
    keys.extend(b"\x1b[B".repeat(i));
    keys.push(b'\r');
    c.keys(&keys).await;
}

/// Maya on a laptop at 80×24: joined, picked, and counted as connected by the facilitator.
async fn join_as_maya(room: &mut Room) -> Client {
    let maya = Client::join(room.addr(), "maya", &room.code(), (80, 24)).await;
    room.until("picker", |_| maya.text().contains("Who are you?")).await;
    pick(&maya, 0).await;
    room.until("Maya in", |r| r.app.remote.connected.len() == 1).await;
    maya
}

/// No screen shows another person's name or a bracketed value other than its own.
fn private(clients: &[(&Client, usize, Option<u8>)]) {
    for (c, me, mine) in clients {
        let text = c.text();
        for (i, n) in NAMES.iter().enumerate() {
            if i != *me {
                assert!(!text.contains(n), "{} sees {n} before the reveal:\n{text}", NAMES[*me]);
            }
        }
        for v in 1..=5u8 {
            if Some(v) != *mine {
                assert!(!text.contains(&format!("[{v}]")), "{} sees [{v}]:\n{text}", NAMES[*me]);
            }
        }
    }
}

#[test]
fn three_laptops_vote_privately_the_reveal_reaches_all_and_the_file_holds_the_ballots() {
    runtime().block_on(async {
        let mut room = room();
        let (addr, code) = (room.addr(), room.code());

        // A wrong join code is refused.
        assert_eq!(connect(addr, "maya", "wrong1").await.err().as_deref(), Some("refused"));

        let maya = Client::join(addr, "maya", &code, (80, 24)).await;
        let tomas = Client::join(addr, "tomas", &code, (100, 30)).await;
        let priya = Client::join(addr, "priya", &code, (60, 20)).await;
        room.until("three pickers", |_| {
            [&maya, &tomas, &priya].iter().all(|c| c.text().contains("Who are you?"))
        })
        .await;
        pick(&maya, 0).await;
        // `ssh tomas@…` highlights Tomás: Enter is enough.
        tomas.keys(b"\r").await;
        pick(&priya, 2).await;
        room.until("three connected", |r| r.app.remote.connected.len() == 3).await;
        room.until("ballot screens", |_| {
            [&maya, &tomas, &priya].iter().all(|c| c.text().contains("Not voted yet"))
        })
        .await;

        // A second connection claiming Maya is refused.
        let again = Client::join(addr, "maya", &code, (80, 24)).await;
        room.until("picker", |_| again.text().contains("Who are you?")).await;
        pick(&again, 0).await;
        room.until("refusal", |_| again.text().contains("already connected")).await;
        assert_eq!(room.app.remote.connected.len(), 3);
        again.handle.disconnect(russh::Disconnect::ByApplication, "", "").await.unwrap();

        maya.keys(b"2").await;
        tomas.keys(b"4").await;
        priya.keys(b"5").await;
        let mut checks = 0;
        room.until("3 of 3 voted", |r| {
            private(&[(&maya, 0, Some(2)), (&tomas, 1, Some(4)), (&priya, 2, Some(5))]);
            checks += 1;
            let s = &wiz(&r.app).session;
            s.workshop.rounds[s.latest_round(&ACT).unwrap()].progress() == (3, 3)
        })
        .await;
        assert!(checks > 0);
        room.until("each sees its own ballot in", |_| {
            [&maya, &tomas, &priya].iter().all(|c| c.text().contains("Your ballot is in"))
        })
        .await;
        private(&[(&maya, 0, Some(2)), (&tomas, 1, Some(4)), (&priya, 2, Some(5))]);
        // The facilitator's screen: 3 of 3 done, and still no value of anyone's.
        let wizard = screen_text(&room.app, 120, 40);
        assert!(wizard.contains("3 of 3 done"), "{wizard}");
        // Its header: how to join, the code, who is connected and done.
        let header = format!("code {code} · on: Maya ✓, Tomás ✓, Priya ✓");
        assert!(wizard.contains(&header), "{wizard}");
        // Maya's row has the facilitator's focus, but she votes from her laptop: the
        // projected screen shows that she voted, never what.
        assert_eq!(wiz(&room.app).focus, Some(0));
        assert!(wizard.contains("on their laptop: ● voted"), "{wizard}");
        for v in ["[2]", "[4]", "[5]"] {
            assert!(!wizard.contains(v), "{wizard}");
        }

        // Tomás's window grows: his screen is laid out again at the new size.
        tomas.resize(120, 40).await;
        room.until("relaid", |_| tomas.row(39).contains("q leave")).await;

        // Priya's laptop drops; she comes back and her ballot is there.
        priya.handle.disconnect(russh::Disconnect::ByApplication, "", "").await.unwrap();
        room.until("Priya gone", |r| r.app.remote.connected.len() == 2).await;
        let priya = Client::join(addr, "priya", &code, (60, 20)).await;
        room.until("picker", |_| priya.text().contains("Who are you?")).await;
        pick(&priya, 2).await;
        room.until("her ballot back", |_| {
            let t = priya.text();
            t.contains("[5]") && t.contains("Your ballot is in")
        })
        .await;

        // The reveal reaches all three.
        firstmove::tui::workshop::round_act(wiz_mut(&mut room.app), ConstraintId::Activation);
        room.until("the reveal on every screen", |_| {
            [&maya, &tomas, &priya].iter().all(|c| {
                let t = c.text();
                t.contains("revealed") && NAMES.iter().all(|n| t.contains(n)) && t.contains("spread 3")
            })
        })
        .await;

        // The file holds the ballots and the reveal.
        room.pump();
        let saved = store::load(&room.path).unwrap();
        let r = &saved.workshop.rounds[saved.latest_round(&ACT).unwrap()];
        assert!(!r.is_open());
        assert_eq!(r.ballots.get("p1"), Some(&Ballot::Severity(2)));
        assert_eq!(r.ballots.get("p2"), Some(&Ballot::Severity(4)));
        assert_eq!(r.ballots.get("p3"), Some(&Ballot::Severity(5)));
    });
}

#[test]
fn f6_starts_serving_the_open_session_on_loopback_and_shows_how_to_join() {
    runtime().block_on(async {
        let mut s = example("first-move.json");
        s.cursor.step = Step::ConstraintActivation;
        let mut room = Room::new_idle(s);
        assert!(room.app.remote.listening.is_none());
        press(&mut room.app, KeyCode::F(6));
        assert_eq!(room.app.remote.wanted, Some(None));
        room.until("listening", |r| r.app.remote.listening.is_some()).await;
        let l = room.app.remote.listening.clone().unwrap();
        assert!(l.addr.ip().is_loopback(), "{l:?}");
        assert!(l.fingerprint.starts_with("SHA256:"));
        let status = screen_text(&room.app, 120, 40);
        assert!(status.contains(&l.code) && status.contains(&l.fingerprint), "{status}");
        // F6 again does nothing: it is serving already (the footer no longer offers it).
        assert!(!firstmove::tui::dispatch::available(&room.app, firstmove::tui::keys::Action::Serve));
        let maya = Client::join(l.addr, "maya", &l.code, (80, 24)).await;
        room.until("picker", |_| maya.text().contains("Who are you?")).await;
        pick(&maya, 0).await;
        room.until("no round on screen", |_| maya.text().contains("No private round")).await;
        // The facilitator switches the step to private rounds: the round reaches Maya.
        press(&mut room.app, KeyCode::F(3));
        room.until("the round", |_| maya.text().contains("Activation severity")).await;
        assert!(maya.screen.lock().unwrap().screen().alternate_screen());

        // The facilitator quits: Maya's terminal is given back as it was, and closed.
        drop(room);
        for _ in 0..400 {
            if maya.closed.load(std::sync::atomic::Ordering::SeqCst) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        assert!(maya.closed.load(std::sync::atomic::Ordering::SeqCst));
        let p = maya.screen.lock().unwrap();
        assert!(!p.screen().alternate_screen() && !p.screen().hide_cursor());
    });
}

/// Waits for the next message on a channel that is not a window adjustment (at most 5 s).
async fn reply(ch: &mut russh::Channel<russh::client::Msg>) -> Option<russh::ChannelMsg> {
    let wait = async {
        loop {
            match ch.wait().await {
                Some(russh::ChannelMsg::WindowAdjusted { .. }) => continue,
                other => return other,
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(5), wait).await.ok().flatten()
}

#[test]
fn a_hostile_client_leaves_the_server_and_the_others_working() {
    runtime().block_on(async {
        let mut room = room();
        let (addr, code) = (room.addr(), room.code());
        let maya = join_as_maya(&mut room).await;

        // Garbage instead of SSH, then gone mid-handshake.
        {
            use tokio::io::AsyncWriteExt;
            let mut raw = tokio::net::TcpStream::connect(addr).await.unwrap();
            raw.write_all(b"SSH-2.0-x\r\n\x1b[2J\x00\xff\xfe garbage").await.unwrap();
        }

        // Three wrong codes close this connection's door, even to the right one after.
        let mut h = russh::client::connect(Default::default(), addr, sshclient::Trust).await.unwrap();
        for _ in 0..3 {
            assert!(!h.authenticate_password("x", "wrong").await.unwrap().success());
        }
        assert!(!h.authenticate_password("x", code.as_str()).await.map(|a| a.success()).unwrap_or(false));
        drop(h);

        // Escape sequences in the user name; a 0×0 window; no shell, no exec, no subsystem,
        // no forwarding.
        let name = "\x1b]0;pwned\x07\x1b[2J\x1b[31mTomás\u{202e}";
        let handle = connect(addr, name, &code).await.expect("the code is what counts, not the name");
        let mut ch = handle.channel_open_session().await.unwrap();
        ch.exec(true, "cat /etc/passwd").await.unwrap();
        assert!(matches!(reply(&mut ch).await, Some(russh::ChannelMsg::Failure)));
        ch.request_subsystem(true, "sftp").await.unwrap();
        assert!(matches!(reply(&mut ch).await, Some(russh::ChannelMsg::Failure)));
        assert!(handle.channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5555).await.is_err());
        // One screen per connection: a second session channel is refused.
        assert!(handle.channel_open_session().await.is_err());
        let hostile = Client::on(handle, ch, (0, 0)).await;
        // A huge window, then back to nothing.
        hostile.resize(10000, 10000).await;
        hostile.resize(0, 0).await;
        hostile.resize(80, 24).await;
        room.until("hostile picker", |_| hostile.text().contains("Who are you?")).await;
        pick(&hostile, 1).await;
        room.until("hostile in", |r| r.app.remote.connected.len() == 2).await;
        // A 1 MB paste of digits, arrows, escapes and junk.
        let mut paste = Vec::with_capacity(1 << 20);
        while paste.len() < 1 << 20 {
            paste.extend_from_slice(b"12345a0\x1b[A\x1b[B\x1b]0;x\x07\x1b[999;999R\xff\xfe\x1b");
        }
        // And a flood of "that's me" / "not me" / votes: the wizard hears a few messages, not
        // tens of thousands.
        let before = room.seen;
        for _ in 0..20 {
            hostile.keys(&b"\r1\x1b[A\x1b\x1b".repeat(2000)).await;
        }
        room.until("the flood handled", |_| hostile.text().contains("Who are you?")).await;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        room.pump();
        assert!(room.seen - before < 200, "{} messages", room.seen - before);
        hostile.keys(&paste).await;
        // A packet may have ended on a lone ESC (the Esc key: "not me"); whichever screen it
        // is on now, Esc, to the top of the list, Tomás, 3.
        hostile.keys(b"\x1b").await;
        hostile.keys(b"\x1b[A\x1b[A\x1b[A\x1b[B\r3").await;

        // Meanwhile Maya votes, as does everyone after; the facilitator's loop keeps up.
        maya.keys(b"4").await;
        room.until("Maya's 4 in the session and on her screen", |r| {
            let s = &wiz(&r.app).session;
            let round = &s.workshop.rounds[s.latest_round(&ACT).unwrap()];
            round.ballots.get("p1") == Some(&Ballot::Severity(4)) && maya.text().contains("[4]")
        })
        .await;
        room.until("the hostile's last key counts", |r| {
            let s = &wiz(&r.app).session;
            let round = &s.workshop.rounds[s.latest_round(&ACT).unwrap()];
            round.ballots.get("p2") == Some(&Ballot::Severity(3))
        })
        .await;

        // It drops without a word, mid-frame; a new participant still gets in and votes.
        hostile.resize(300, 150).await;
        drop(hostile);
        room.until("hostile gone", |r| r.app.remote.connected.len() == 1).await;
        let priya = Client::join(addr, "priya", &code, (60, 20)).await;
        room.until("picker", |_| priya.text().contains("Who are you?")).await;
        pick(&priya, 2).await;
        priya.keys(b"5").await;
        room.until("Priya's vote", |_| priya.text().contains("Your ballot is in")).await;
        firstmove::tui::workshop::round_act(wiz_mut(&mut room.app), ConstraintId::Activation);
        room.until("the reveal", |_| maya.text().contains("revealed") && priya.text().contains("revealed"))
            .await;
        // Nothing the hostile sent reached the facilitator's screen.
        let wizard = screen_text(&room.app, 120, 40);
        assert!(!wizard.contains("pwned"), "{wizard}");
    });
}

/// Every log record of the process, from any crate, at every level.
struct Capture(std::sync::Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, r: &log::Record) {
        self.0.lock().unwrap().push(format!("{} {}: {}", r.level(), r.target(), r.args()));
    }
    fn flush(&self) {}
}

static CAPTURE: Capture = Capture(std::sync::Mutex::new(Vec::new()));

#[test]
fn the_join_code_and_the_ballots_never_reach_a_log() {
    log::set_logger(&CAPTURE).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    runtime().block_on(async {
        let mut room = room();
        let (addr, code) = (room.addr(), room.code());
        // Keyboard-interactive, as OpenSSH does, then a password login.
        let mut h = russh::client::connect(Default::default(), addr, sshclient::Trust).await.unwrap();
        let first = h.authenticate_keyboard_interactive_start("maya", None).await.unwrap();
        assert!(
            matches!(first, russh::client::KeyboardInteractiveAuthResponse::InfoRequest { .. }),
            "{first:?}"
        );
        let done = h.authenticate_keyboard_interactive_respond(vec![code.clone()]).await.unwrap();
        assert!(matches!(done, russh::client::KeyboardInteractiveAuthResponse::Success), "{done:?}");
        let maya = Client::open(h, (80, 24)).await;
        let tomas = Client::join(addr, "tomas", &code, (80, 24)).await;
        room.until("pickers", |_| {
            maya.text().contains("Who are you?") && tomas.text().contains("Who are you?")
        })
        .await;
        maya.keys(b"\r").await;
        tomas.keys(b"\r").await;
        room.until("both in", |r| r.app.remote.connected.len() == 2).await;
        maya.keys(b"4").await;
        tomas.keys(b"2").await;
        room.until("both voted", |_| maya.text().contains("[4]") && tomas.text().contains("[2]")).await;
        let logs = CAPTURE.0.lock().unwrap().join("\n");
        assert!(!logs.is_empty(), "the logger saw russh's records");
        assert!(!logs.contains(&code), "the join code is in a log:\n{logs}");
        for ballot in ["Severity(4)", "Severity(2)", "severity: 4", "Ballot"] {
            assert!(!logs.contains(ballot), "a ballot is in a log:\n{logs}");
        }
    });
}

#[test]
fn a_session_open_read_only_is_not_served() {
    let mut room = Room::new_idle(example("first-move.json"));
    wiz_mut(&mut room.app).read_only = true;
    room.app.remote.wanted = Some(Some("127.0.0.1:0".parse().unwrap()));
    room.pump();
    room.pump();
    assert!(room.app.remote.listening.is_none());
    assert!(room.host.serving().is_none());
    let e = room.app.remote.error.clone().unwrap_or_default();
    assert!(e.contains("read-only"), "{e}");
    assert!(screen_text(&room.app, 120, 40).contains("Not serving"));
}

#[test]
fn closing_the_served_session_stops_serving_and_frees_the_laptops() {
    runtime().block_on(async {
        let mut room = room();
        let (addr, code) = (room.addr(), room.code());
        let maya = join_as_maya(&mut room).await;
        // Another session opens in the wizard: its participants have the same ids (p1…), so
        // Maya must not go on voting into it.
        let other = example("first-move.json");
        firstmove::tui::update(
            &mut room.app,
            firstmove::tui::Msg::Opened(
                "/tmp/other.json".into(),
                Box::new(other),
                firstmove::tui::Access::Detached,
            ),
        );
        room.until("stopped", |r| r.app.remote.listening.is_none() && r.app.remote.wanted.is_none()).await;
        room.until("Maya's laptop freed", |_| maya.closed.load(std::sync::atomic::Ordering::SeqCst)).await;
        assert!(!maya.screen.lock().unwrap().screen().alternate_screen());
        assert!(room.app.remote.connected.is_empty());
        assert!(screen_text(&room.app, 120, 40).contains("Stopped serving"));
        assert!(connect(addr, "maya", &code).await.is_err(), "nothing listens there now");
    });
}
