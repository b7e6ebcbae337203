//! Session names become file names that cannot leave the sessions folder.

const MAX_LEN: usize = 60;

/// Lower-case ASCII letters and digits separated by single dashes, at most 60 characters.
/// Anything else (slashes, dots, NUL, emoji) becomes a separator, so the result can never
/// be a path, `.` or `..`. A name with nothing usable in it becomes `session`.
pub fn slug(name: &str) -> String {
    // Any script becomes readable ASCII first (São Paulo → Sao Paulo, 東京 → Dong Jing), so
    // a name in Chinese is not just "session"; what is left that is not a letter or a digit
    // still only separates words.
    let ascii = deunicode::deunicode(&without_escapes(name));
    let mut out = String::new();
    for ch in ascii.chars() {
        if ch.is_ascii_alphanumeric() {
            if out.len() >= MAX_LEN {
                break;
            }
            out.push(ch.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() { "session".to_string() } else { trimmed.to_string() }
}

/// `name` without terminal control sequences, whole: a name pasted from a coloured terminal
/// (`ESC [ 31 m red`) must not leave `31m` in its file name. Dropped: CSI (`ESC [` or U+009B,
/// parameters, up to a final letter), OSC, DCS, SOS, PM and APC strings (`ESC ]`, `ESC P`,
/// `ESC X`, `ESC ^`, `ESC _` or their C1 forms, up to BEL or ST), and other escapes (`ESC`,
/// intermediates, one final character). What is left of the name is untouched.
fn without_escapes(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut it = name.chars().peekable();
    // A string up to its terminator: BEL, ST (`ESC \` or U+009C), or the end.
    fn skip_string(it: &mut std::iter::Peekable<std::str::Chars>) {
        while let Some(c) = it.next() {
            match c {
                '\u{7}' | '\u{9c}' => return,
                '\u{1b}' if it.peek() == Some(&'\\') => {
                    it.next();
                    return;
                }
                _ => {}
            }
        }
    }
    // Parameters and intermediates (0x20–0x3F) up to the final byte (0x40–0x7E).
    fn skip_csi(it: &mut std::iter::Peekable<std::str::Chars>) {
        while it.next_if(|c| ('\u{20}'..='\u{3f}').contains(c)).is_some() {}
        it.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
    }
    while let Some(c) = it.next() {
        match c {
            '\u{1b}' => match it.peek() {
                Some('[') => {
                    it.next();
                    skip_csi(&mut it);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    it.next();
                    skip_string(&mut it);
                }
                _ => {
                    while it.next_if(|c| ('\u{20}'..='\u{2f}').contains(c)).is_some() {}
                    it.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
                }
            },
            '\u{9b}' => skip_csi(&mut it),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut it),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn hostile_names_stay_inside_the_folder() {
        let long = "a".repeat(300);
        let cases = [
            ("../x", "x"),
            ("/etc/passwd", "etc-passwd"),
            ("a/b", "a-b"),
            (".", "session"),
            ("..", "session"),
            ("", "session"),
            ("nul\0byte", "nul-byte"),
            ("🚀 launch 🚀", "rocket-launch-rocket"),
            ("São Paulo", "sao-paulo"),
            ("Ærøskøbing straße", "aeroskobing-strasse"),
            ("東京 review", "dong-jing-review"),
            ("Москва", "moskva"),
            ("Q3 Planning — Acme", "q3-planning-acme"),
            ("C:\\Windows\\win.ini", "c-windows-win-ini"),
            (long.as_str(), &long[..60]),
            // Terminal control sequences go whole, not as "31m" or "0m".
            ("\u{1b}[31mred\u{1b}[0m script", "red-script"),
            ("\u{1b}[1;38;5;196mBold\u{1b}[m plan", "bold-plan"),
            ("\u{1b}]0;window title\u{7}Q1 review", "q1-review"),
            ("\u{1b}]8;;https://x.test\u{1b}\\link\u{1b}]8;;\u{1b}\\ text", "link-text"),
            ("\u{9b}32mgreen", "green"),
            ("\u{1b}(Bcharset", "charset"),
            ("\u{1b}[31m", "session"),
            ("trailing \u{1b}[", "trailing"),
            ("open \u{1b}]0;never ends", "open"),
        ];
        for (name, want) in cases {
            let got = slug(name);
            assert_eq!(got, want, "slug({name:?})");
            assert!(got.len() <= 60 && !got.contains(['/', '\\', '\0', '.']));
        }
    }
}
