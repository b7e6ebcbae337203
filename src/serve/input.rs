//! A client's raw bytes as key events (terminput parses them, as crossterm would on a local
//! terminal). A sequence may be split across packets, so unfinished bytes wait for the next;
//! a lone ESC is the Esc key only when nothing more of the same packet follows it.

use terminput::{Event, KeyEvent};

/// The longest unfinished sequence kept between packets; anything longer is dropped.
const MAX_PENDING: usize = 64;

#[derive(Debug, Default)]
pub struct Parser {
    pending: Vec<u8>,
}

impl Parser {
    /// The key events in `bytes` (after what an earlier packet left unfinished); anything
    /// else (mouse, focus, unknown sequences) is dropped.
    pub fn keys(&mut self, bytes: &[u8]) -> Vec<KeyEvent> {
        let mut out = Vec::new();
        for (i, b) in bytes.iter().enumerate() {
            self.pending.push(*b);
            let more = i + 1 < bytes.len();
            if self.pending == [0x1b] && more {
                continue;
            }
            match Event::parse_from(&self.pending) {
                Ok(Some(ev)) => {
                    if let Some(k) = ev.as_key_press(terminput::Repeats::Include) {
                        out.push(k);
                    }
                    self.pending.clear();
                }
                Ok(None) if self.pending.len() < MAX_PENDING => {}
                Ok(None) | Err(_) => self.pending.clear(),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use terminput::{KeyCode, KeyModifiers};

    use super::*;

    fn codes(p: &mut Parser, bytes: &[u8]) -> Vec<KeyCode> {
        p.keys(bytes).into_iter().map(|k| k.code).collect()
    }

    #[test]
    fn bytes_become_keys_even_split_across_packets() {
        let mut p = Parser::default();
        assert_eq!(codes(&mut p, b"3\r"), [KeyCode::Char('3'), KeyCode::Enter]);
        assert_eq!(codes(&mut p, b"\x1b[A\x1b[B"), [KeyCode::Up, KeyCode::Down]);
        assert_eq!(codes(&mut p, b"\x1b["), []);
        assert_eq!(codes(&mut p, b"B"), [KeyCode::Down]);
        // A lone ESC at the end of a packet is the Esc key.
        assert_eq!(codes(&mut p, b"\x1b"), [KeyCode::Esc]);
        let ctrl_c = p.keys(b"\x03");
        assert_eq!(ctrl_c[0].code, KeyCode::Char('c'));
        assert!(ctrl_c[0].modifiers.contains(KeyModifiers::CTRL));
    }

    #[test]
    fn junk_and_endless_sequences_are_dropped_without_growing() {
        let mut p = Parser::default();
        let mut junk = b"\x1b[".to_vec();
        junk.extend(std::iter::repeat_n(b'9', 100_000));
        p.keys(&junk);
        assert!(p.pending.len() <= MAX_PENDING);
        assert_eq!(codes(&mut p, b"\x1b[999;999;999Zx"), [KeyCode::Char('x')]);
    }
}
