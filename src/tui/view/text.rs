//! Text measured in terminal cells: wrapping, cutting with an ellipsis, padding.
//!
//! Everything is measured by grapheme cluster, as ratatui's buffer draws it: a joined emoji
//! ("👩‍💻", a ZWJ sequence) or a flag is one symbol of two cells, where adding up its
//! characters' widths would say four and shift every column after it.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// `text`'s grapheme clusters with the cells each takes on screen.
pub fn cells(text: &str) -> impl DoubleEndedIterator<Item = (&str, usize)> {
    text.graphemes(true).map(|g| (g, g.width()))
}

/// Word-wraps `text` to `width` columns (measured in terminal cells). Its lines break only at
/// `\n`: a line or paragraph separator is a space, controls go (`sanitize::clean_lines`).
pub fn wrap(text: &str, width: u16) -> Vec<String> {
    let text = crate::sanitize::clean_lines(text);
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0; // kept alongside, so each word is measured once
        for word in para.split(' ') {
            let mut word = word;
            let mut word_w = word.width();
            if !line.is_empty() && line_w + 1 + word_w > width {
                out.push(std::mem::take(&mut line));
                line_w = 0;
            }
            if !line.is_empty() {
                line.push(' ');
                line_w += 1;
            }
            // A word longer than the line is cut, so nothing runs off screen.
            while word_w > width {
                let mut w = 0;
                let mut at = 0;
                for (g, cw) in cells(word) {
                    if w + cw > width && at > 0 {
                        break;
                    }
                    w += cw;
                    at += g.len();
                }
                out.push(word[..at].to_string());
                word = &word[at..];
                word_w -= w;
            }
            line.push_str(word);
            line_w += word_w;
        }
        out.push(line);
    }
    out
}

/// `text` cut or padded to exactly `width` terminal cells.
pub fn pad(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for (g, cw) in cells(text) {
        if w + cw > width {
            break;
        }
        out.push_str(g);
        w += cw;
    }
    out.push_str(&" ".repeat(width - w));
    out
}

/// One line, shown as a single line of its own: breaks (line and paragraph separators too)
/// become spaces, controls and bidi controls go, as `sanitize::clean` does for `list`.
pub fn one_line(text: &str) -> String {
    crate::sanitize::clean(text).into_owned()
}

/// A title for a candidate, even a blank one.
pub fn title_or_untitled(t: &str) -> String {
    if t.trim().is_empty() { "(untitled)".into() } else { one_line(t.trim()) }
}

/// `text` on one line in exactly `width` cells: cut with an ellipsis if it does not fit,
/// padded with spaces if it is shorter. Nothing is cut without saying so.
pub fn fit(text: &str, width: usize) -> String {
    pad(&cut(text, width), width)
}

/// `text` on one line in at most `width` cells, cut at the start with an ellipsis if it does
/// not fit: for a path, whose end (the file) says most.
pub fn cut_start(text: &str, width: usize) -> String {
    let text = one_line(text);
    if text.width() <= width {
        return text;
    }
    if width == 0 {
        return String::new();
    }
    let mut tail: Vec<&str> = Vec::new();
    let mut w = 1;
    for (g, gw) in cells(&text).rev() {
        if w + gw > width {
            break;
        }
        w += gw;
        tail.push(g);
    }
    tail.reverse();
    format!("…{}", tail.concat())
}

/// `text` on one line in at most `width` cells: cut with an ellipsis if it does not fit,
/// and not padded.
pub fn cut(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let text = one_line(text);
    if text.width() <= width {
        return text;
    }
    if width == 0 {
        return String::new();
    }
    let mut cut = pad(&text, width - 1).trim_end().to_string();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Padded and cut text takes the cells asked for, as the terminal (and ratatui) measure
    /// it, joined emoji and flags included.
    #[test]
    fn fit_cut_and_wrap_measure_joined_emoji_as_the_screen_does() {
        for name in ["👩‍💻 Team", "🧑🏽‍🚀 Priya", "🇧🇷 São Paulo", "李小龙 (Platform)", "plain"]
        {
            for width in 1..20 {
                assert_eq!(fit(name, width).width(), width, "fit({name:?}, {width})");
                assert!(cut(name, width).width() <= width, "cut({name:?}, {width})");
            }
            for line in wrap(&format!("{name}{name}{name}"), 7) {
                assert!(line.width() <= 7, "{line:?}");
            }
        }
        assert_eq!(cut("👩‍💻 Team", 4), "👩‍💻…");
    }
}
