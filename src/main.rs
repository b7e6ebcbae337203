use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use firstmove::cli::{self, Cli, Command};
use firstmove::plain;
use firstmove::store::Store;
use firstmove::tui::{self, Start};

fn main() -> ExitCode {
    let args = Cli::bare(std::env::args_os().len(), |k| std::env::var_os(k)).unwrap_or_else(Cli::parse);
    tui::theme::force(args.theme);
    let result = (|| -> anyhow::Result<()> {
        let store = args.store()?;
        let plain = plain::reason(
            args.plain,
            |k| std::env::var(k).ok(),
            io::stdin().is_terminal(),
            io::stdout().is_terminal(),
        );
        match &args.command {
            Some(Command::List) => cli::list(&store, &mut io::stdout().lock()),
            Some(Command::Report { session, format }) => {
                cli::report(&store, session, *format, &mut io::stdout().lock())
            }
            Some(Command::New { name }) => interactive(store, plain, Start::New(name.clone())),
            Some(Command::Resume { session }) => interactive(store, plain, Start::Resume(session.clone())),
            Some(Command::History { session }) => cli::history(&store, session, &mut io::stdout().lock()),
            #[cfg(feature = "serve")]
            Some(Command::Serve { session, listen }) => {
                if let Some(why) = plain {
                    anyhow::bail!("serve needs the wizard's full-screen terminal (plain mode is on: {why})");
                }
                wizard(store, Start::Resume(session.clone()), Some(*listen))
            }
            None => interactive(store, plain, Start::Home),
        }
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "{}", cli::error_line(&e));
            ExitCode::FAILURE
        }
    }
}

/// `firstmove list | head` must not end in an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// The wizard, or plain mode when `plain` says why it is on.
fn interactive(store: Store, plain: Option<&str>, start: Start) -> anyhow::Result<()> {
    let Some(why) = plain else { return wizard(store, start, None) };
    let start = match start {
        Start::Home => plain::Start::Home,
        Start::New(name) => plain::Start::New(name),
        Start::Resume(arg) => plain::Start::Resume(arg),
    };
    cli::plain(&store, start, why)
}

/// The wizard, serving the session over SSH when `serve` says where (see `tui::run`).
fn wizard(store: Store, start: Start, serve: Option<Option<std::net::SocketAddr>>) -> anyhow::Result<()> {
    if let Some(line) = tui::run(store, start, serve)? {
        println!("{line}");
    }
    Ok(())
}
