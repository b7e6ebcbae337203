//! `firstmove serve` on loopback with 8 participants connected (a session of 8 participants
//! and 200 candidates). Targets: one ballot change reaches every participant's screen in
//! < 10 ms (median), from the key on one laptop to the last of the 8 screens showing it;
//! the facilitator's key to frame stays < 1 ms while serving (as benches/keys.rs).

#[path = "../tests/sshclient/mod.rs"]
mod sshclient;

use std::cell::RefCell;
use std::time::Duration;

use divan::Bencher;
use firstmove::method::{ConstraintId, Step, sample};
use firstmove::tui::{Msg, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sshclient::{Client, Room, runtime};

fn main() {
    divan::main();
}

fn key(app: &mut firstmove::tui::App, code: KeyCode) {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// A room of 8 with a private round open and every participant connected and picked.
fn eight(rt: &tokio::runtime::Runtime) -> (Room, Vec<Client>) {
    let mut s = sample::workshop(8, 200);
    s.primary_constraint = Some(ConstraintId::Activation);
    s.cursor.step = Step::ConstraintActivation;
    let mut room = Room::new(s);
    key(&mut room.app, KeyCode::F(3));
    room.pump();
    let clients = rt.block_on(async {
        let (addr, code) = (room.addr(), room.code());
        let mut clients = Vec::new();
        for i in 0..8 {
            let c = Client::join(addr, &format!("p{i}"), &code, (80, 24)).await;
            room.until("picker", |_| c.text().contains("Who are you?")).await;
            let mut keys = b"\x1b[B".repeat(i);
            keys.push(b'\r');
            c.keys(&keys).await;
            clients.push(c);
        }
        room.until("everyone on the ballot", |_| clients.iter().all(|c| c.text().contains("0 of 8 done")))
            .await;
        clients
    });
    (room, clients)
}

/// Participant `k % 8` votes or takes the vote back; timed until all 8 screens show the new
/// count of who is done. Each sample waits 25 ms before it starts, so no laptop's keys come
/// faster than the server passes ballots on (one per 20 ms per connection).
#[divan::bench(sample_count = 60, sample_size = 1)]
fn ballot_change_reaches_8_screens(bencher: Bencher) {
    let rt = runtime();
    let (room, clients) = eight(&rt);
    let state = RefCell::new((room, [false; 8], 0usize));
    bencher.with_inputs(|| std::thread::sleep(Duration::from_millis(25))).bench_local_values(|()| {
        let mut st = state.borrow_mut();
        let (room, voted, n) = &mut *st;
        let k = *n % 8;
        *n += 1;
        voted[k] = !voted[k];
        let done = voted.iter().filter(|v| **v).count();
        let want = format!("{done} of 8 done");
        rt.block_on(async {
            clients[k].keys(if voted[k] { b"3" } else { b"0" }).await;
            loop {
                room.pump();
                if clients.iter().all(|c| c.text().contains(&want)) {
                    break;
                }
                tokio::task::yield_now().await;
            }
        });
    });
}

/// The facilitator's key (Tab) to frame (120×40) while serving 8, board published after it.
#[divan::bench]
fn facilitator_key_to_frame_while_serving(bencher: Bencher) {
    let rt = runtime();
    let (room, _clients) = eight(&rt);
    let room = RefCell::new(room);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    bencher.bench_local(|| {
        let mut room = room.borrow_mut();
        key(&mut room.app, KeyCode::Tab);
        term.draw(|f| firstmove::tui::view::draw(f, &room.app)).unwrap();
        room.pump();
    });
}
