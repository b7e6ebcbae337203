//! Before a session is open: the session list, and creating a session.

use std::io::{BufRead, Write};

use anyhow::Result;

use super::input::Lines;
use super::prompts::one_line;
use super::words;
use crate::method::Session;
use crate::store::{SessionFile, Store};

/// Creates a session called `name`, saying so if another session is already called that.
pub fn create<R: BufRead, W: Write>(
    store: &Store,
    name: &str,
    io: &mut Lines<R, W>,
) -> Result<(SessionFile, Session)> {
    let namesake =
        store.named(name).ok().and_then(|v| v.into_iter().next()).filter(|_| !name.trim().is_empty());
    let (file, session) = store.create_file(name)?;
    if let Some(other) = namesake {
        let other = other.file_name().unwrap_or_default().to_string_lossy().into_owned();
        writeln!(
            io.out,
            "Another session is already called that ({}): resume and report will ask which one.",
            one_line(&other)
        )?;
    }
    writeln!(io.out, "New session saved as {}.", one_line(&file.path().display().to_string()))?;
    Ok((file, session))
}

/// The session list: a number opens one, `new` (with or without a name) creates one. The
/// flag says the session was just created (and named).
pub fn home<R: BufRead, W: Write>(
    store: &Store,
    io: &mut Lines<R, W>,
) -> Result<Option<(SessionFile, Session, bool)>> {
    let listed = store.list()?;
    let mut choices = Vec::new();
    for l in &listed {
        choices.push(match &l.summary {
            // A conflict copy is marked as what it is, not shown as another session.
            Ok(s) if l.conflict_of().is_some() => format!(
                "{}, {}, updated {}",
                l.file_name(),
                crate::method::followup::wording::fill(
                    &crate::method::playbook().follow_through.conflict_copy_of,
                    &[("file", &l.conflict_of().unwrap_or_default())],
                ),
                s.updated_at.replace('T', " ").trim_end_matches('Z'),
            ),
            Ok(s) => format!(
                "{}{}, updated {}, at {}, {}",
                if s.name.trim().is_empty() { l.file_name() } else { s.name.trim().to_string() },
                if s.product.trim().is_empty() { String::new() } else { format!(" ({})", s.product.trim()) },
                s.updated_at.replace('T', " ").trim_end_matches('Z'),
                words::step_name(s.step),
                s.route.title()
            ),
            Err(e) => format!("{} cannot be read: {e}", l.file_name()),
        });
    }
    loop {
        let mut lines = Vec::new();
        if listed.is_empty() {
            lines.push(format!("No sessions in {} yet.", one_line(&store.dir().display().to_string())));
        } else {
            lines
                .push(format!("Sessions in {}, newest first:", one_line(&store.dir().display().to_string())));
            lines.extend(choices.iter().enumerate().map(|(i, c)| format!("  {}. {}", i + 1, one_line(c))));
        }
        let how = if listed.is_empty() {
            "Type new and a name to start a session (new Q1 review), or quit.".to_string()
        } else {
            format!(
                "Type {} to continue that session, new and a name to start one (new Q1 review), or quit.",
                super::prompts::which(listed.len())
            )
        };
        lines.push(how);
        let Some(line) = io.prompt(&lines)? else { return Ok(None) };
        let t = line.trim();
        let lower = t.to_lowercase();
        if lower == "quit" {
            return Ok(None);
        }
        if lower == "new" || lower.starts_with("new ") {
            let name = t[3..].trim().to_string();
            let name = if name.is_empty() {
                match io.ask_name()? {
                    Some(n) => n,
                    None => return Ok(None),
                }
            } else {
                name
            };
            return create(store, &name, io).map(|(file, s)| Some((file, s, true)));
        }
        match t.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| listed.get(i)) {
            Some(l) if l.summary.is_ok() => match SessionFile::open(&l.path) {
                Ok((file, s)) => return Ok(Some((file, s, false))),
                Err(e) => writeln!(io.out, "That session cannot be opened: {}", one_line(&e.to_string()))?,
            },
            Some(_) => writeln!(io.out, "That file cannot be read; choose another.")?,
            None => writeln!(io.out, "\"{}\" is not one of the choices.", one_line(t))?,
        }
    }
}
