//! Markdown rendering. User text is escaped so that a pasted answer can never become a
//! heading, a link, raw HTML or a broken table.

use super::Block;

/// CommonMark escapes: characters that open or close inline markup anywhere get a
/// backslash, and so does a leading character that could start a block (heading, list,
/// quote). Line breaks and control characters fold into spaces so a value stays on its line.
pub fn escape(s: &str) -> String {
    let s = s.trim();
    let mut out = String::with_capacity(s.len() + 8);
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if matches!(s.chars().next(), Some('-' | '+' | '=')) {
        out.push('\\');
    } else if digits > 0 && matches!(s[digits..].chars().next(), Some('.' | ')')) {
        out.push_str(&s[..digits]);
        out.push('\\');
        return out + &escape_inline(&s[digits..]);
    }
    out + &escape_inline(s)
}

/// `s` trimmed, with inline markup escaped: for text that follows something on its line.
fn inline(s: &str) -> String {
    escape_inline(s.trim())
}

fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            // '#' anywhere: a trailing one would close a heading and vanish.
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            // A line or paragraph separator breaks the line in many viewers: a table row too.
            c if c.is_control() || crate::sanitize::is_line_separator(c) => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            // Inside a heading, a field or a table cell, text never starts a block: only
            // inline markup needs escaping there ("4.25" stays "4.25").
            Block::Title(t) => out.push_str(&format!("# {}\n", inline(t))),
            Block::Heading(t) => out.push_str(&format!("## {}\n", inline(t))),
            Block::Subheading(t) => out.push_str(&format!("### {}\n", inline(t))),
            Block::Para(t) => out.push_str(&format!("{}\n", escape(t))),
            Block::Warning(t) => out.push_str(&format!("> **Warning:** {}\n", inline(t))),
            Block::Fields(fields) => {
                for (k, v) in fields {
                    out.push_str(&format!("- **{}:** {}\n", inline(k), inline(v)));
                }
            }
            Block::Bullets(items) => {
                for i in items {
                    out.push_str(&format!("- {}\n", escape(i)));
                }
            }
            Block::Checklist(items) => {
                for (done, i) in items {
                    out.push_str(&format!("- [{}] {}\n", if *done { "x" } else { " " }, escape(i)));
                }
            }
            Block::Table { head, rows } => {
                let row = |cells: &[String]| {
                    let cells: Vec<String> = cells.iter().map(|c| inline(c)).collect();
                    format!("| {} |\n", cells.join(" | "))
                };
                out.push_str(&row(head));
                out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                for r in rows {
                    out.push_str(&row(r));
                }
            }
            // The table beside it has the numbers.
            Block::Chart(_) => continue,
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_become_markup() {
        let md = markdown(&[
            Block::Para("# Heading\n<script>alert(1)</script> | a | b".into()),
            Block::Table { head: vec!["A".into()], rows: vec![vec!["x | y\nz".into()]] },
        ]);
        assert!(!md.contains("<script>"), "{md}");
        assert!(md.starts_with("\\# Heading \\<script\\>"), "{md}");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("- not a list, (plain) text"), "\\- not a list, (plain) text");
        assert_eq!(escape("[link](x)"), "\\[link\\](x)");
        assert!(md.contains("| x \\| y z |"), "{md}");
    }
}
