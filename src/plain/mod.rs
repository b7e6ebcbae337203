//! Plain mode: the whole diagnosis as line-by-line prompts, for screen readers, dumb
//! terminals and scripts. The same session, steps and rules as the wizard (`method`), saved
//! through the same `SessionFile` (lock, conflict check, atomic write) after every answer,
//! with no escape sequence, box drawing or progress bar in its output.
//!
//! `mod.rs` is the loop: open or create the session, walk the steps, ask, save, leave.
//! `home.rs` is the session list, `input.rs` reads a line, `prompts.rs` says a question and
//! parses its answer, `words.rs` holds the navigation words and the steps' names. `steps.rs`
//! sends each step to its questions: `forms.rs` (setup, gate, filters, constraints),
//! `candidates.rs`, `readout.rs` (qualification, primary, ranking, recommendation),
//! `follow.rs` (the follow-through: decision, prediction, check-ins, next cycle).

mod candidates;
mod follow;
mod forms;
mod home;
mod input;
pub mod prompts;
mod readout;
mod steps;
pub mod words;

use std::io::{self, BufRead, Write};
use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::method::{Session, Step, playbook, recommend};
use crate::store::{self, SaveOutcome, SessionFile, Store};
use prompts::{Question, one_line};
use words::{Word, find_step, step_heading, step_list};

pub use input::Echo;
use input::{Lines, read_line};

/// A session's name as said: "Untitled session" while it is blank.
fn display_name(name: &str) -> &str {
    if name.trim().is_empty() { "Untitled session" } else { name.trim() }
}

/// What plain mode opens on.
pub enum Start {
    /// The session list: pick one or create one.
    Home,
    New(Option<String>),
    Resume(String),
}

/// Why plain mode is on, as the first line of its output says it; `None` when the wizard can
/// run. `env` reads an environment variable; `stdin_tty` and `stdout_tty` say whether each
/// is a terminal.
pub fn reason(
    flag: bool,
    env: impl Fn(&str) -> Option<String>,
    stdin_tty: bool,
    stdout_tty: bool,
) -> Option<&'static str> {
    if flag {
        Some("Plain mode (--plain): one question at a time; type help at any prompt.")
    } else if env("ACCESSIBLE").is_some_and(|v| !v.is_empty()) {
        Some("Plain mode, because ACCESSIBLE is set: one question at a time; type help at any prompt.")
    } else if env("TERM").is_some_and(|t| t == "dumb") {
        Some("Plain mode, because TERM is dumb: one question at a time; type help at any prompt.")
    } else if !stdin_tty {
        Some(
            "Plain mode, because standard input is not a terminal: one question at a time; type help at any prompt.",
        )
    } else if !stdout_tty {
        Some(
            "Plain mode, because standard output is not a terminal: one question at a time; type help at any prompt.",
        )
    } else {
        None
    }
}

/// How a plain run ended.
pub struct Ended {
    /// Where the session is saved, all of it: its file, or the conflict copy its answers went
    /// to when the file was changed outside. `None` when no session was open, or it was saved
    /// to another file or its last changes discarded (said before leaving).
    pub saved: Option<PathBuf>,
}

/// An answer read at a prompt.
pub enum Reply<T> {
    Value(T),
    /// Enter, or `skip`: the question is left as it is.
    Keep,
    /// A navigation word that leaves the question.
    Go(Nav),
}

/// Where a navigation word goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Back,
    Jump(Step),
    Quit,
}

/// What a step's run ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    Next,
    Back,
    Jump(Step),
    Quit,
}

impl From<Nav> for Go {
    fn from(n: Nav) -> Go {
        match n {
            Nav::Back => Go::Back,
            Nav::Jump(s) => Go::Jump(s),
            Nav::Quit => Go::Quit,
        }
    }
}

/// The plain session: its input and output, the session and its file.
pub struct Plain<R, W> {
    input: R,
    out: W,
    echo: Echo,
    /// The input ended: every later prompt answers `quit`.
    eof: bool,
    pub session: Session,
    file: SessionFile,
    /// Why the last save did not land, while changes are in memory only.
    unsaved: Option<String>,
    /// Whether a failed save is said at once (not while leaving: the question says it).
    say_failures: bool,
    /// The sessions folder: the next cycle is created in it.
    store: Store,
    /// The session was just created with the name given for it (`new NAME`, or the name
    /// asked first): Setup does not ask for it again.
    named: bool,
    /// Today, as `YYYY-MM-DD`: the day a decision or a check-in is given, and the last day a
    /// check-in may have (`store::today`; tests give their own through [`run_on`]).
    today: fn() -> String,
}

/// Runs plain mode on `input` and `out` (standard input and output in `main`). `echo`: what
/// to write after each answer. The first line says `why` plain mode is on.
pub fn run(
    store: &Store,
    start: Start,
    why: &str,
    input: impl BufRead,
    out: impl Write,
    echo: Echo,
) -> Result<Ended> {
    run_on(store, start, why, input, out, echo, crate::store::today)
}

/// [`run`] with `today` in place of the clock's day.
pub fn run_on(
    store: &Store,
    start: Start,
    why: &str,
    input: impl BufRead,
    mut out: impl Write,
    echo: Echo,
    today: fn() -> String,
) -> Result<Ended> {
    writeln!(out, "{why}")?;
    let mut io = Lines { input, out, echo, eof: false };
    let mut named = matches!(start, Start::New(_));
    let (file, session) = match start {
        Start::New(name) => {
            let name = match name {
                Some(n) => n,
                None => match io.ask_name()? {
                    Some(n) => n,
                    None => return Ok(Ended { saved: None }),
                },
            };
            home::create(store, &name, &mut io)?
        }
        Start::Resume(arg) => SessionFile::open(&store.resolve(&arg)?)?,
        Start::Home => match home::home(store, &mut io)? {
            Some((file, session, created)) => {
                named = created;
                (file, session)
            }
            None => return Ok(Ended { saved: None }),
        },
    };
    if let Some(reason) = file.read_only_reason() {
        bail!("{reason}: plain mode changes nothing it cannot save; close it there first");
    }
    let mut session = session;
    // A decided session reopens on its follow-through, as in the wizard: that is what the
    // team comes back for.
    if session.follow_through.is_some() && session.cursor.step != Step::FollowThrough {
        session.cursor = crate::method::Cursor { step: Step::FollowThrough, field: 0, candidate: None };
    }
    let Lines { input, out, echo, eof } = io;
    let mut p = Plain {
        input,
        out,
        echo,
        eof,
        session,
        file,
        unsaved: None,
        say_failures: true,
        store: store.clone(),
        named,
        today,
    };
    p.walk()?;
    p.leave()
}

impl<R: BufRead, W: Write> Plain<R, W> {
    /// Writes lines of output.
    pub fn say(&mut self, text: &str) -> io::Result<()> {
        for line in text.lines() {
            writeln!(self.out, "{}", crate::sanitize::clean(line))?;
        }
        Ok(())
    }

    /// Asks `q` until `parse` takes the answer, a navigation word leaves, or Enter keeps the
    /// current value. `status` and `help` answer and ask again; a line starting with `\` is
    /// an answer, never a word.
    pub fn ask<T>(
        &mut self,
        q: &Question,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> io::Result<Reply<T>> {
        for l in q.lines() {
            writeln!(self.out, "{l}")?;
        }
        loop {
            let Some(line) = read_line(&mut self.input, &mut self.out, self.echo, &mut self.eof)? else {
                return Ok(Reply::Go(Nav::Quit));
            };
            if let Some(literal) = line.trim_start().strip_prefix('\\') {
                match parse(literal) {
                    Ok(v) => return Ok(Reply::Value(v)),
                    Err(why) => {
                        writeln!(self.out, "{why}")?;
                        continue;
                    }
                }
            }
            match words::word(&line) {
                Some(Word::Back) => return Ok(Reply::Go(Nav::Back)),
                Some(Word::Skip) => return Ok(Reply::Keep),
                Some(Word::Quit) => return Ok(Reply::Go(Nav::Quit)),
                Some(Word::Jump(None)) => {
                    writeln!(
                        self.out,
                        "The steps:\n{}\nType jump and a step's number or name.",
                        step_list()
                    )?;
                }
                Some(Word::Jump(Some(to))) => match find_step(&to) {
                    Ok(step) => return Ok(Reply::Go(Nav::Jump(step))),
                    Err(why) => writeln!(self.out, "{why}")?,
                },
                Some(Word::Status) => {
                    let status = self.status();
                    self.say(&status)?;
                    writeln!(self.out, "Back to the question: {}", one_line(&q.text))?;
                }
                Some(Word::Help) => {
                    for l in q.lines() {
                        writeln!(self.out, "{l}")?;
                    }
                    writeln!(self.out, "{}", words::WORDS_HELP)?;
                }
                None if line.trim().is_empty() => return Ok(Reply::Keep),
                None => match parse(&line) {
                    Ok(v) => return Ok(Reply::Value(v)),
                    Err(why) => writeln!(self.out, "{why}")?,
                },
            }
        }
    }

    /// Where the session stands: the step, what is answered, what the rules make of it so far.
    pub fn status(&self) -> String {
        let s = &self.session;
        let r = recommend(s);
        let pb = playbook();
        let mut out = vec![format!("You are at {}.", step_heading(s.cursor.step))];
        out.push(format!(
            "Session \"{}\", {} participant{}.",
            one_line(display_name(&s.name)),
            s.participants.len(),
            if s.participants.len() == 1 { "" } else { "s" }
        ));
        let rated = crate::method::FilterId::ALL
            .iter()
            .filter(|&&f| s.filter(f).clarity != crate::method::Clarity::Unanswered)
            .count();
        out.push(format!("Pressure filters rated: {rated} of 5, {} clear.", r.qualification.clear.len()));
        let everyone = crate::method::ConstraintId::ALL
            .iter()
            .filter(|&&c| (0..s.participants.len()).all(|p| s.severity(c, p).is_some()))
            .count();
        out.push(format!("Constraints rated by everyone: {everyone} of 5."));
        match &r.primary {
            Some(p) => out.push(format!("Primary constraint: {}.", pb.constraint(p.constraint).name)),
            None => out.push("No primary constraint yet.".into()),
        }
        if r.primary.is_some() {
            out.push(format!(
                "Candidates for it: {} fully scored, {} awaiting scores.",
                r.ranking.len(),
                r.unscored.len()
            ));
        }
        out.push(format!("The recommendation so far: {}.", r.route.title()));
        if let Some(date) = crate::method::followup::decided_on(s) {
            out.push(format!(
                "Decided on {}; check-ins recorded: {}.",
                crate::method::dates::human(date),
                s.check_ins.len()
            ));
        }
        match &self.unsaved {
            Some(why) => out.push(format!("NOT SAVED: {why}")),
            None => out.push(format!("Every answer is saved in {}.", self.file.path().display())),
        }
        out.join("\n")
    }

    /// Saves the session if anything in it changed since the last save (its content stamps
    /// `updated_at`; a move to another step is saved as it is). Says so only when the save
    /// did not land in the session file.
    pub fn save(&mut self) -> io::Result<()> {
        if self.file.content_changed(&self.session) {
            self.session.updated_at = store::now();
        }
        match self.file.save(&self.session) {
            Ok(SaveOutcome::Saved | SaveOutcome::Unchanged) => {
                if self.unsaved.take().is_some() {
                    writeln!(self.out, "Saved again: every answer is on disk.")?;
                }
            }
            Ok(SaveOutcome::Conflict { copy }) => {
                self.unsaved = None;
                writeln!(
                    self.out,
                    "The session file was changed outside firstmove. It was left as it is; your answers are saved in {}.",
                    one_line(&copy.display().to_string())
                )?;
            }
            Err(e) => {
                let why = one_line(&e.to_string());
                if self.say_failures {
                    writeln!(self.out, "NOT SAVED: {why}. The next answer tries again.")?;
                }
                self.unsaved = Some(why);
            }
        }
        Ok(())
    }

    /// Goes to `step`: records it in the session's cursor and saves.
    fn enter_step(&mut self, step: Step) -> io::Result<()> {
        let c = &mut self.session.cursor;
        if c.step != step {
            c.step = step;
            c.field = 0;
            c.candidate = None;
        }
        self.save()
    }

    /// Walks the steps from where the session stands until the last one is done or the user
    /// quits.
    fn walk(&mut self) -> Result<()> {
        let mut step = self.session.cursor.step;
        let mut from_end = false;
        writeln!(self.out, "Session \"{}\".", one_line(display_name(&self.session.name)))?;
        loop {
            self.enter_step(step)?;
            writeln!(self.out)?;
            writeln!(self.out, "{}.", step_heading(step))?;
            let go = steps::run(self, step, from_end)?;
            from_end = false;
            match go {
                Go::Next => match step.next() {
                    Some(next) => step = next,
                    None => return Ok(()),
                },
                Go::Back => match step.prev() {
                    Some(prev) => {
                        step = prev;
                        from_end = true;
                    }
                    None => writeln!(self.out, "This is the first step.")?,
                },
                Go::Jump(to) => step = to,
                Go::Quit => return Ok(()),
            }
        }
    }

    /// Saves, and if the session cannot be saved, offers to retry or save it elsewhere.
    fn leave(mut self) -> Result<Ended> {
        // The question below says why; "the next answer tries again" would not be true here.
        self.say_failures = false;
        self.save()?;
        while let Some(why) = self.unsaved.clone() {
            let q = Question::new(format!("Your last changes are not saved: {why}"))
                .how("Type retry, a path to save the session to another file, or discard to leave without them.")
                .enter("Enter tries again.");
            let line = match self.ask(&q, |l| Ok(l.trim().to_string()))? {
                Reply::Value(l) => l,
                Reply::Keep => "retry".into(),
                Reply::Go(_) if self.eof => {
                    bail!("not saved: {why}; the input ended before the changes could be saved elsewhere")
                }
                Reply::Go(_) => continue,
            };
            match line.to_lowercase().as_str() {
                "retry" => self.save()?,
                "discard" => {
                    writeln!(self.out, "Left without saving the last changes.")?;
                    return Ok(Ended { saved: None });
                }
                _ => match store::save_as(&self.session, std::path::Path::new(&line)) {
                    Ok(()) => {
                        writeln!(self.out, "Session saved in {}.", one_line(&line))?;
                        return Ok(Ended { saved: None });
                    }
                    Err(e) => writeln!(self.out, "{}", one_line(&e.to_string()))?,
                },
            }
        }
        if let Some(copy) = self.file.conflict() {
            // The session file is someone else's now: what was saved is the copy.
            writeln!(self.out, "The session file was changed outside firstmove and was left as it is.")?;
            return Ok(Ended { saved: Some(copy.to_path_buf()) });
        }
        Ok(Ended { saved: Some(self.file.path().to_path_buf()) })
    }

    /// The session file's path.
    pub fn path(&self) -> PathBuf {
        self.file.path().to_path_buf()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_mode_says_the_first_reason_that_holds() {
        let none = |_: &str| None;
        let env = |k: &str| match k {
            "ACCESSIBLE" => Some("1".to_string()),
            "TERM" => Some("dumb".to_string()),
            _ => None,
        };
        assert_eq!(reason(false, none, true, true), None, "a terminal both ways: the wizard");
        assert!(reason(true, env, true, true).unwrap().contains("(--plain)"));
        assert!(reason(false, env, false, false).unwrap().contains("ACCESSIBLE is set"));
        let dumb = |k: &str| (k == "TERM").then(|| "dumb".to_string());
        assert!(reason(false, dumb, true, true).unwrap().contains("TERM is dumb"));
        let empty = |k: &str| (k == "ACCESSIBLE").then(String::new);
        assert_eq!(reason(false, empty, true, true), None, "an empty ACCESSIBLE is not set");
        assert!(reason(false, none, false, true).unwrap().contains("standard input is not"));
        assert!(reason(false, none, true, false).unwrap().contains("standard output is not"));
        assert_eq!(Echo::for_terminals(false, true), Echo::Line);
        assert_eq!(Echo::for_terminals(true, false), Echo::Newline);
        assert_eq!(Echo::for_terminals(true, true), Echo::Nothing);
    }
}
