//! Plain-text rendering, for terminals and e-mail.

use unicode_width::UnicodeWidthStr;

use super::Block;
use crate::sanitize;

/// One line, with nothing a terminal would act on: controls become spaces or go, and so
/// do bidi overrides and isolates (which could reorder what is printed around them).
fn clean(s: &str) -> String {
    sanitize::clean(s).trim().to_string()
}

pub fn text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title(t) => {
                let t = clean(t);
                out.push_str(&format!("{t}\n{}\n", "=".repeat(t.width())));
            }
            Block::Heading(t) => {
                let t = clean(t);
                out.push_str(&format!("{t}\n{}\n", "-".repeat(t.width())));
            }
            Block::Subheading(t) => {
                let t = clean(t);
                out.push_str(&format!("{t}\n{}\n", "~".repeat(t.width())));
            }
            Block::Para(t) => out.push_str(&format!("{}\n", clean(t))),
            Block::Warning(t) => out.push_str(&format!("! {}\n", clean(t))),
            Block::Fields(fields) => {
                let w = fields.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
                for (k, v) in fields {
                    let k = clean(k);
                    out.push_str(&format!("{k}:{} {}\n", " ".repeat(w.saturating_sub(k.width())), clean(v)));
                }
            }
            Block::Bullets(items) => {
                for i in items {
                    out.push_str(&format!("  * {}\n", clean(i)));
                }
            }
            Block::Checklist(items) => {
                for (done, i) in items {
                    out.push_str(&format!("  [{}] {}\n", if *done { "x" } else { " " }, clean(i)));
                }
            }
            Block::Table { head, rows } => {
                let all: Vec<Vec<String>> =
                    std::iter::once(head).chain(rows).map(|r| r.iter().map(|c| clean(c)).collect()).collect();
                let widths: Vec<usize> =
                    (0..head.len()).map(|i| all.iter().map(|r| r[i].width()).max().unwrap_or(0)).collect();
                for r in &all {
                    let line: Vec<String> = r
                        .iter()
                        .zip(&widths)
                        .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.width())))
                        .collect();
                    out.push_str(&format!("  {}\n", line.join("  ").trim_end()));
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
