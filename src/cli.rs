//! The command line: arguments (clap) and the non-interactive commands.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::method::{Session, playbook, recommend};
use crate::report;
use crate::store::{self, Store};

#[derive(Debug, Parser)]
#[command(
    name = "firstmove",
    version,
    about = "Find the one constraint to fix first, and the concrete move that fixes it.",
    long_about = "Find the one constraint to fix first, and the concrete move that fixes it.\n\n\
        firstmove is a wizard for a leadership team whose product already has traction. It walks \
        the room through a traction gate, five pressure filters, five constraints and scored \
        candidate improvements, and ends on a recommended first move with a 30/60/90 plan. \
        Every change is saved at once as a JSON file in the sessions folder.\n\n\
        Run it with no command to open the wizard.",
    after_help = "Sessions folder: --dir, else $FIRSTMOVE_DIR, else the platform data folder \
        (for example ~/.local/share/firstmove/sessions on Linux)."
)]
pub struct Cli {
    /// The sessions folder to use instead of the default one.
    #[arg(long, global = true, env = "FIRSTMOVE_DIR", value_name = "PATH")]
    pub dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the saved sessions, newest first.
    List,
    /// Print the recommendation of a session.
    Report {
        /// A session's name, its file name, or a path to a session file.
        session: String,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Markdown)]
        format: Format,
    },
    /// Start a new session in the wizard.
    New {
        /// The session's name (you can change it in the wizard).
        name: Option<String>,
    },
    /// Reopen a session in the wizard where it was left.
    Resume {
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
    /// The recommendation as JSON, for scripts.
    Json,
}

impl Cli {
    pub fn store(&self) -> Result<Store> {
        let dir = match &self.dir {
            Some(d) => d.clone(),
            None => Store::default_dir()?,
        };
        Ok(Store::new(dir))
    }
}

pub fn list(store: &Store, out: &mut impl Write) -> Result<()> {
    let listed = store.list()?;
    if listed.is_empty() {
        writeln!(out, "No sessions in {} yet. Run `firstmove` to start one.", store.dir().display())?;
        return Ok(());
    }
    let head = ["NAME", "PRODUCT", "UPDATED", "STEP", "PRIMARY", "ROUTE"].map(String::from).to_vec();
    let rows: Vec<Vec<String>> = listed
        .iter()
        .map(|l| match &l.summary {
            Ok(s) => vec![
                s.name.clone(),
                s.product.clone(),
                s.updated_at.replace('T', " ").trim_end_matches('Z').to_string(),
                s.step.id().replace('_', " "),
                s.primary.map_or("–".into(), |c| playbook().constraint(c).name.clone()),
                s.route.title().to_string(),
            ],
            Err(e) => vec![
                l.file_name(),
                format!("unreadable: {e}"),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
        })
        .collect();
    let table = report::text(&[report::Block::Table { head, rows }]);
    for line in table.lines() {
        writeln!(out, "{}", line.strip_prefix("  ").unwrap_or(line))?;
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
    let text = match format {
        Format::Markdown => report::markdown(&report::document(&session)),
        Format::Text => report::text(&report::document(&session)),
        Format::Json => {
            let mut s =
                serde_json::to_string_pretty(&recommend(&session)).context("encoding the recommendation")?;
            s.push('\n');
            s
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}
