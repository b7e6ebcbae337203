use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use firstmove::cli::{self, Cli, Command};
use firstmove::store::Store;
use firstmove::tui::{self, Start};

fn main() -> ExitCode {
    let args = Cli::parse();
    tui::theme::force(args.theme);
    let result = (|| -> anyhow::Result<()> {
        let store = args.store()?;
        let mut out = io::stdout().lock();
        match &args.command {
            Some(Command::List) => cli::list(&store, &mut out),
            Some(Command::Report { session, format }) => cli::report(&store, session, *format, &mut out),
            Some(Command::New { name }) => wizard(store, Start::New(name.clone())),
            Some(Command::Resume { session }) => wizard(store, Start::Resume(session.clone())),
            None => wizard(store, Start::Home),
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

fn wizard(store: Store, start: Start) -> anyhow::Result<()> {
    if let Some(line) = tui::run(store, start)? {
        println!("{line}");
    }
    Ok(())
}
