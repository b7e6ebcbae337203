//! Text from a file or a name, made safe to print on a terminal.
//!
//! A session file, a file name or a folder name can hold anything, and serde echoes unknown
//! keys and values verbatim in its errors. Printed raw, an `ESC ] 52 ;` sequence writes the
//! clipboard, `ESC ] 0 ;` retitles the window, and a right-to-left override (U+202E) makes
//! `txt.exe` read as `exe.txt`. Everything derived from a file or a name goes through one of
//! these functions before it is printed:
//!
//! - [`clean`] for what people read (lists, reports): controls dropped, bidi controls dropped;
//! - [`clean_lines`] the same, keeping line breaks (a whole Markdown document);
//! - [`escape`] for error messages, where the reader needs to see what is in the file: each
//!   control or bidi character becomes a visible `\u{1b}`.
//!
//! None of them lets through a C0 control (U+0000–U+001F: ESC, BEL, …), DEL, a C1 control
//! (U+0080–U+009F: CSI, OSC, ST as single code points), a bidi override, embedding, isolate
//! or mark, or a line or paragraph separator (U+2028, U+2029: not controls to Rust, but a
//! line break to many terminals, editors and Markdown viewers, so one would split a row).
//! [`clean`] and [`clean_lines`] turn a separator into a space, as they do a tab.

use std::borrow::Cow;

/// Bidirectional formatting characters: embeddings and overrides (U+202A–U+202E), isolates
/// (U+2066–U+2069) and the invisible marks (U+200E, U+200F, U+061C).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The Unicode line and paragraph separators (U+2028, U+2029).
pub fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Anything a terminal could act on, that reorders what is shown around it, or that breaks
/// a line where a row must go on.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_line_separator(c)
}

/// One line of text for people: tabs and line breaks (line and paragraph separators too)
/// become spaces, every other control and bidi character is dropped.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(' '),
                c if is_unsafe(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// Like [`clean`], but line breaks (`\n`) stay: for a whole document. Its lines break only
/// there: a line or paragraph separator becomes a space.
pub fn clean_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\n' => Some('\n'),
                '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
                c if is_unsafe(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// For error messages: each control or bidi character is shown as `\u{..}`, so the reader
/// sees what the file holds and the terminal receives only printable text.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "a\u{1b}]0;pwned\u{7}b\u{9b}31m\u{202e}exe.txt\u{2066}\u{200f}\u{7f}\u{0}c\td\ne";

    fn assert_safe(s: &str) {
        assert!(!s.chars().any(is_unsafe), "{s:?}");
        assert!(!s.bytes().any(|b| b == 0x1b || b == 0x07), "{s:?}");
    }

    #[test]
    fn clean_drops_every_control_and_bidi_character() {
        let got = clean(HOSTILE);
        assert_safe(&got);
        assert_eq!(got, "a]0;pwnedb31mexe.txtc d e");
        assert!(matches!(clean("plain — ünïcödé 漢字 🚀"), Cow::Borrowed(_)));
    }

    #[test]
    fn clean_lines_keeps_only_line_breaks() {
        let got = clean_lines(HOSTILE);
        assert_eq!(got, "a]0;pwnedb31mexe.txtc d\ne");
        assert!(got.split('\n').all(|l| !l.chars().any(is_unsafe)));
    }

    #[test]
    fn escape_shows_what_was_there() {
        let got = escape("key `\u{1b}]0;x\u{7}` \u{202e}!");
        assert_safe(&got);
        assert_eq!(got, "key `\\u{1b}]0;x\\u{7}` \\u{202e}!");
        assert_safe(&escape(HOSTILE));
    }

    #[test]
    fn line_and_paragraph_separators_never_break_a_line() {
        let s = "row one\u{2028}still one\u{2029}and still";
        assert_eq!(clean(s), "row one still one and still");
        assert_eq!(clean_lines(s), "row one still one and still");
        assert_eq!(escape(s), "row one\\u{2028}still one\\u{2029}and still");
    }

    proptest::proptest! {
        /// Whatever the text, `clean` gives one line with nothing unsafe in it, `clean_lines`
        /// breaks lines only where the text had a `\n`, and `escape` leaves nothing unsafe.
        #[test]
        fn cleaned_text_is_safe_and_keeps_its_lines(s in r"(\PC|\p{Cc}|\p{Cf}|[\u{2028}\u{2029}\n])*") {
            let one = clean(&s);
            proptest::prop_assert!(!one.chars().any(is_unsafe), "{:?}", one);
            proptest::prop_assert_eq!(one.lines().count(), usize::from(!one.is_empty()));
            let lines = clean_lines(&s);
            proptest::prop_assert!(!lines.chars().any(|c| c != '\n' && is_unsafe(c)), "{:?}", lines);
            proptest::prop_assert_eq!(lines.matches('\n').count(), s.matches('\n').count());
            proptest::prop_assert!(!escape(&s).chars().any(is_unsafe));
        }
    }

    #[test]
    fn every_c0_c1_and_bidi_code_point_is_caught() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert_safe(&clean(&all));
        assert_safe(&escape(&all));
        for c in ['\u{80}', '\u{9f}', '\u{202a}', '\u{202d}', '\u{2069}', '\u{200e}', '\u{2028}', '\u{2029}']
        {
            assert!(is_unsafe(c), "{c:?}");
        }
    }
}
