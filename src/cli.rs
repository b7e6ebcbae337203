//! The command line: arguments (clap) and the non-interactive commands.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::method::followup::wording;
use crate::method::{Session, playbook, recommend};
use crate::plain;
use crate::report;
use crate::sanitize;
use crate::store::{self, Store};
use crate::tui::view::text::cut;

#[derive(Debug, PartialEq, Parser)]
#[command(
    name = "firstmove",
    version,
    about = "Find the one constraint to fix first, and the concrete move that fixes it.",
    long_about = "Find the one constraint to fix first, and the concrete move that fixes it.\n\n\
        firstmove is a wizard for a leadership team whose product already has traction. It walks \
        the room through a traction gate, five pressure filters, five constraints and scored \
        candidate improvements, and ends on a recommended first move with a 30/60/90 plan. \
        Every change is saved at once as a JSON file in the sessions folder.\n\n\
        Run it with no command to open the wizard; --plain asks the same questions as plain \
        lines instead.",
    after_help = "Sessions folder: --dir, else $FIRSTMOVE_DIR, else the platform data folder \
        (for example ~/.local/share/firstmove/sessions on Linux).",
    // Each usage line is written out: clap's own names the options it took from the
    // environment (FIRSTMOVE_DIR, FIRSTMOVE_THEME) in an error's usage, as if they were
    // required ("Usage: firstmove report --dir <PATH> <SESSION>"). A test keeps each one equal
    // to the line clap generates without them.
    override_usage = "firstmove [OPTIONS] [COMMAND]"
)]
pub struct Cli {
    /// The sessions folder to use instead of the default one.
    #[arg(long, global = true, env = "FIRSTMOVE_DIR", value_name = "PATH")]
    pub dir: Option<PathBuf>,

    /// Plain mode: one question at a time as plain lines, for screen readers, dumb terminals
    /// and scripts (also on when ACCESSIBLE is set, TERM is dumb, or input or output is not a
    /// terminal).
    #[arg(long, global = true)]
    pub plain: bool,
    /// The terminal's background, for colours that read on it (auto: styles that read on both).
    #[arg(long, global = true, env = "FIRSTMOVE_THEME", value_enum, default_value_t = crate::tui::theme::Background::Auto)]
    pub theme: crate::tui::theme::Background,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, PartialEq, Subcommand)]
pub enum Command {
    /// List the saved sessions, newest first.
    #[command(override_usage = "firstmove list [OPTIONS]")]
    List,
    /// Print the whole workshop: participants, answers, scores, the recommendation and its plan.
    #[command(override_usage = "firstmove report [OPTIONS] <SESSION>")]
    Report {
        /// A session's name, its file name, or a path to a session file.
        session: String,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Markdown)]
        format: Format,
    },
    /// Start a new session in the wizard.
    #[command(override_usage = "firstmove new [OPTIONS] [NAME]")]
    New {
        /// The session's name (you can change it in the wizard).
        name: Option<String>,
    },
    /// Reopen a session in the wizard where it was left.
    #[command(override_usage = "firstmove resume [OPTIONS] <SESSION>")]
    Resume {
        /// A session's name, its file name, or a path to a session file.
        session: String,
    },
    /// Open a session in the wizard and let participants vote from their own terminals over
    /// SSH (`ssh -p PORT NAME@HOST`, then the join code shown on the facilitator's screen).
    #[cfg(feature = "serve")]
    #[command(override_usage = "firstmove serve [OPTIONS] <SESSION>")]
    Serve {
        /// A session's name, its file name, or a path to a session file.
        session: String,
        /// Where to listen (default: 127.0.0.1, port 2222 or a free one). Another address,
        /// such as 0.0.0.0:2222, lets laptops on the network in.
        #[arg(long, value_name = "ADDR:PORT")]
        listen: Option<std::net::SocketAddr>,
    },
    /// Print the cycles a session belongs to, oldest first, and how well the team predicted.
    #[command(override_usage = "firstmove history [OPTIONS] <SESSION>")]
    History {
        /// A session's name, its file name, or a path to a session file.
        session: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown, for pasting into a doc or a wiki.
    Markdown,
    /// Plain text.
    Text,
    /// The same content as JSON, for scripts (shape: docs/report-format.md).
    Json,
    /// One self-contained HTML page with charts (no scripts, nothing fetched).
    Html,
}

impl Cli {
    /// What `Cli::parse()` gives when the command line is the program's name alone, reading
    /// the environment as clap does; `None` when there are arguments, or the environment
    /// holds a value clap would refuse (clap then parses, and says why). Clap builds its
    /// whole command tree even to parse nothing, and on a fresh start that code runs cold: a
    /// tenth of a millisecond of the most common start, `firstmove` alone (see
    /// docs/performance.md). `tests/cli_env.rs` keeps this equal to clap's answer.
    pub fn bare(args: usize, env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<Cli> {
        if args > 1 {
            return None;
        }
        // Clap refuses an empty value (as "a value is required").
        let set = |k: &str| env(k).map(|v| (!v.is_empty()).then_some(v));
        let theme = match set("FIRSTMOVE_THEME") {
            None => crate::tui::theme::Background::Auto,
            Some(v) => ValueEnum::from_str(v?.to_str()?, false).ok()?,
        };
        let dir = match set("FIRSTMOVE_DIR") {
            None => None,
            Some(v) => Some(PathBuf::from(v?)),
        };
        Some(Cli { dir, plain: false, theme, command: None })
    }

    pub fn store(&self) -> Result<Store> {
        let dir = match &self.dir {
            Some(d) => d.clone(),
            None => Store::default_dir()?,
        };
        Ok(Store::new(dir))
    }
}

/// The widest a `list` cell gets: one huge field cannot flood the output.
pub const LIST_CELL_WIDTH: usize = 60;

/// Lists the sessions. On a terminal each row fits its width (80 columns when the width is
/// unknown), the widest columns cut first with an ellipsis; piped or redirected, the cells are
/// whole (up to [`LIST_CELL_WIDTH`]), so the full data stays available to `grep` or a file.
pub fn list(store: &Store, out: &mut impl Write) -> Result<()> {
    let width = if std::io::stdout().is_terminal() {
        ratatui::crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w).max(20))
    } else {
        usize::MAX
    };
    list_cut(store, width, out)
}

/// [`list`] with each row fitted to `width` columns (`usize::MAX`: cells whole). Everything
/// from the files (names, products, error messages) is stripped of control and bidi
/// characters.
pub fn list_cut(store: &Store, width: usize, out: &mut impl Write) -> Result<()> {
    let listed = store.list()?;
    if listed.is_empty() {
        let dir = store.dir().display().to_string();
        writeln!(out, "No sessions in {} yet. Run `firstmove` to start one.", sanitize::escape(&dir))?;
        return Ok(());
    }
    let mut head = ["NAME", "PRODUCT", "UPDATED", "STEP", "PRIMARY", "ROUTE"].map(String::from).to_vec();
    head.push(playbook().follow_through.list_after.clone());
    // The NAME column holds what `resume` and `report` accept for that session: its name,
    // or its file name when the name is blank or shared with another session.
    // Conflict copies are not sessions: they are listed after the table, each with the file it
    // is a copy of, and never make a name shared.
    let (copies, listed): (Vec<&store::Listed>, Vec<&store::Listed>) =
        listed.iter().partition(|l| l.summary.is_ok() && l.conflict_of().is_some());
    let shared = |name: &str| {
        listed.iter().filter(|o| o.summary.as_ref().is_ok_and(|s| store::same_name(&s.name, name))).count()
            > 1
    };
    let shown = |l: &store::Listed, s: &store::Summary| {
        if s.name.trim().is_empty() || shared(&s.name) { l.file_name() } else { s.name.clone() }
    };
    // AFTER: the session this one is the next cycle of, as the NAME column shows it.
    let after = |s: &store::Summary| {
        let prev = s.previous.as_deref()?;
        listed.iter().find_map(|o| o.summary.as_ref().ok().filter(|p| p.id == prev).map(|p| shown(o, p)))
    };
    let rows: Vec<Vec<String>> = listed
        .iter()
        .map(|l| match &l.summary {
            Ok(s) => vec![
                shown(l, s),
                s.product.clone(),
                s.updated_at.replace('T', " ").trim_end_matches('Z').to_string(),
                s.step.id().replace('_', " "),
                s.primary.map_or("–".into(), |c| playbook().constraint(c).name.clone()),
                s.route.title().to_string(),
                match (&s.previous, after(s)) {
                    (_, Some(name)) => name,
                    (Some(_), None) => "(not in this folder)".into(),
                    (None, None) => "–".into(),
                },
            ],
            Err(e) => {
                // The file name is in the first cell already: the reason starts after it.
                let dir = format!("{}{}", store.dir().display(), std::path::MAIN_SEPARATOR);
                vec![
                    l.file_name(),
                    format!("unreadable: {}", e.strip_prefix(&dir).unwrap_or(e)),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]
            }
        })
        .map(|row| row.iter().map(|c| sanitize::clean(c).into_owned()).collect())
        .collect();
    // What tells sessions apart keeps the most: the name, then the route and the date.
    write_table(out, head, rows, (&[6, 2, 4, 3, 3, 4, 2], 2), width)?;
    if !copies.is_empty() {
        writeln!(out, "\n{}", playbook().follow_through.list_conflicts)?;
        let rows: Vec<Vec<String>> = copies
            .iter()
            .map(|l| {
                let of = l.conflict_of().unwrap_or_default();
                let updated = l.summary.as_ref().map(|s| s.updated_at.as_str()).unwrap_or_default();
                let of = wording::fill(&playbook().follow_through.conflict_copy_of, &[("file", &of)]);
                let updated = updated.replace('T', " ").trim_end_matches('Z').to_string();
                [l.file_name(), of, updated].iter().map(|c| sanitize::clean(c).into_owned()).collect()
            })
            .collect();
        let head = ["FILE", "WHAT", "UPDATED"].map(String::from).to_vec();
        write_table(out, head, rows, (&[4, 3, 2], 2), width)?;
    }
    Ok(())
}

/// A table with two spaces between columns, each row in at most `width` columns: cells are
/// cut to [`LIST_CELL_WIDTH`], then a column gives up a cell at a time (down to 4), the one
/// widest for its `weight` first, until a row fits. A cell is cut to its column with an
/// ellipsis; a time (column `time`) drops its seconds, then its hour, instead.
fn write_table(
    out: &mut impl Write,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    (weights, time): (&[usize], usize),
    width: usize,
) -> Result<()> {
    use unicode_width::UnicodeWidthStr;
    let fit = |row: &[String], widths: &[usize]| -> Vec<String> {
        row.iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (c, &w))| match c.get(..16).filter(|_| i == time && c.len() == 19 && w < 19) {
                Some(minutes) if w >= 16 => minutes.to_string(),
                Some(_) if w >= 10 => c.get(..10).map_or_else(|| cut(c, w), str::to_string),
                Some(_) | None => cut(c, w),
            })
            .collect()
    };
    let whole = vec![LIST_CELL_WIDTH; head.len()];
    let (head, rows) = (fit(&head, &whole), rows.iter().map(|r| fit(r, &whole)).collect::<Vec<_>>());
    let mut widths: Vec<usize> = (0..head.len())
        .map(|i| rows.iter().chain([&head]).map(|r| r[i].width()).max().unwrap_or(0))
        .collect();
    let gaps = 2 * widths.len().saturating_sub(1);
    while widths.iter().sum::<usize>() + gaps > width {
        let widest =
            (0..widths.len()).filter(|&i| widths[i] > 4).max_by_key(|&i| widths[i] * 100 / weights[i]);
        let Some(i) = widest else { break };
        widths[i] -= 1;
    }
    let (head, rows) = (fit(&head, &widths), rows.iter().map(|r| fit(r, &widths)).collect());
    let table = report::text(&[report::Block::Table { head, rows }]);
    for line in table.lines() {
        writeln!(out, "{}", line.strip_prefix("  ").unwrap_or(line))?;
    }
    Ok(())
}

/// The line printed when the wizard ends on a session: the path, safe to print.
pub fn saved_line(path: &Path) -> String {
    format!("Session saved in {}", sanitize::escape(&path.display().to_string()))
}

/// An error as the one line `main` prints: every control or bidi character made visible
/// (serde echoes unknown keys and values from the file verbatim).
pub fn error_line(e: &anyhow::Error) -> String {
    format!("firstmove: error: {}", sanitize::escape(&format!("{e:#}")))
}

/// Runs plain mode on standard input and output (see [`crate::plain`]); `why` is its first
/// line. Answers are echoed when the input is not a terminal, so a transcript reads whole.
pub fn plain(store: &Store, start: plain::Start, why: &str) -> Result<()> {
    let echo = plain::Echo::for_terminals(std::io::stdin().is_terminal(), std::io::stdout().is_terminal());
    let ended = plain::run(store, start, why, std::io::stdin().lock(), std::io::stdout().lock(), echo)?;
    if let Some(path) = ended.saved {
        println!("{}", saved_line(&path));
    }
    Ok(())
}

pub fn load(store: &Store, arg: &str) -> Result<(PathBuf, Session)> {
    let path = store.resolve(arg)?;
    let session = store::load(&path)?;
    Ok((path, session))
}

pub fn report(store: &Store, arg: &str, format: Format, out: &mut impl Write) -> Result<()> {
    let (_, session) = load(store, arg)?;
    let r = recommend(&session);
    let text = match format {
        Format::Markdown => {
            sanitize::clean_lines(&report::markdown(&report::document_for(&session, &r))).into_owned()
        }
        Format::Text => report::text(&report::document_for(&session, &r)),
        Format::Json => report::json(&session, &r).context("encoding the report")?,
        // Control and bidi characters are dropped as in Markdown: the file is opened by a
        // browser, but it may also be printed to a terminal.
        Format::Html => {
            sanitize::clean_lines(&report::html(&report::document_for(&session, &r))).into_owned()
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// `firstmove history NAME`: the chain of cycles the session belongs to, oldest first (each
/// cycle's decision date, constraint, move, metric from baseline to latest, outcome and
/// prediction), then the team's hit rate. Sessions of the folder that cannot be read are
/// skipped; everything from a file is stripped of control and bidi characters.
pub fn history(store: &Store, arg: &str, out: &mut impl Write) -> Result<()> {
    use crate::method::followup::{self, wording};
    let (path, start) = load(store, arg)?;
    let mut all: Vec<Session> = store
        .list_paths()?
        .iter()
        .filter(|p| *p != path)
        // A conflict copy has its session's id: it is a version of a cycle, not another one.
        .filter(|p| store::conflict_of(p).is_none())
        .filter_map(|p| store::load(p).ok())
        .filter(|s| s.id != start.id)
        .collect();
    all.push(start);
    let start = all.last().expect("pushed");
    let chain = followup::chain(&all, start);
    let t = &playbook().follow_through;
    let count = if chain.len() == 1 { "1 cycle".to_string() } else { format!("{} cycles", chain.len()) };
    let title = wording::fill(&t.history_title, &[("name", &start.name), ("count", &count)]);
    writeln!(out, "{}\n", sanitize::clean(&title))?;
    let dash = |v: &str| if v.trim().is_empty() { "–".to_string() } else { v.trim().to_string() };
    let rows: Vec<Vec<String>> = chain
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let c = followup::cycle(s);
            let metric = if c.first_move.is_empty() {
                "–".into()
            } else {
                format!("{} → {}", dash(&c.baseline), dash(&c.latest))
            };
            let outcome = if c.first_move.is_empty() { "–".into() } else { wording::outcome(c.outcome) };
            [
                (i + 1).to_string(),
                dash(&c.decided_on),
                c.constraint.map_or("–".into(), |k| playbook().constraint(k).name.clone()),
                dash(&c.first_move),
                dash(&c.metric),
                metric,
                outcome,
                wording::prediction_cell(s),
            ]
            .iter()
            .map(|cell| cut(&sanitize::clean(cell), 40))
            .collect()
        })
        .collect();
    let table = report::text(&[report::Block::Table { head: t.history_head.clone(), rows }]);
    for line in table.lines() {
        writeln!(out, "{}", line.strip_prefix("  ").unwrap_or(line))?;
    }
    writeln!(out, "\n{}", wording::hit_rate_line(&followup::hit_rate(&chain)))?;
    Ok(())
}
