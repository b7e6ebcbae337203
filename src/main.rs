use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use firstmove::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = (|| -> anyhow::Result<()> {
        let store = args.store()?;
        let mut out = io::stdout().lock();
        match &args.command {
            Some(Command::List) => cli::list(&store, &mut out),
            Some(Command::Report { session, format }) => cli::report(&store, session, *format, &mut out),
            Some(Command::New { .. }) | Some(Command::Resume { .. }) | None => {
                Cli::command().print_help()?;
                Ok(())
            }
        }
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "firstmove: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `firstmove list | head` must not end in an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
