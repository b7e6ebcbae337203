//! Session names become file names that cannot leave the sessions folder.

const MAX_LEN: usize = 60;

/// Lower-case ASCII letters and digits separated by single dashes, at most 60 characters.
/// Anything else (slashes, dots, NUL, emoji) becomes a separator, so the result can never
/// be a path, `.` or `..`. A name with nothing usable in it becomes `session`.
pub fn slug(name: &str) -> String {
    // Any script becomes readable ASCII first (São Paulo → Sao Paulo, 東京 → Dong Jing), so
    // a name in Chinese is not just "session"; what is left that is not a letter or a digit
    // still only separates words.
    let ascii = deunicode::deunicode(name);
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
        ];
        for (name, want) in cases {
            let got = slug(name);
            assert_eq!(got, want, "slug({name:?})");
            assert!(got.len() <= 60 && !got.contains(['/', '\\', '\0', '.']));
        }
    }
}
