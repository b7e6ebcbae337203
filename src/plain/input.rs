//! Reading a line of input: the prompt marker, the end of input, what is echoed.

use std::io::{self, BufRead, Write};

/// What is written after a line is read, so the output reads as a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Echo {
    /// The line itself: the input is not a terminal, so nobody saw it typed.
    Line,
    /// A line break: the input is a terminal (it showed the typing) but the output goes
    /// elsewhere, which would otherwise run the next line on after the prompt.
    Newline,
    /// Nothing: a terminal shows the typing and its line break.
    Nothing,
}

impl Echo {
    /// What to echo, given whether standard input and output are terminals.
    pub fn for_terminals(stdin_tty: bool, stdout_tty: bool) -> Echo {
        match (stdin_tty, stdout_tty) {
            (false, _) => Echo::Line,
            (true, false) => Echo::Newline,
            (true, true) => Echo::Nothing,
        }
    }
}

/// Input and output before a session is open.
pub struct Lines<R, W> {
    pub input: R,
    pub out: W,
    pub echo: Echo,
    pub eof: bool,
}

impl<R: BufRead, W: Write> Lines<R, W> {
    /// Says `lines`, then reads one line (`None` at the end of input).
    pub fn prompt(&mut self, lines: &[String]) -> io::Result<Option<String>> {
        for l in lines {
            writeln!(self.out, "{l}")?;
        }
        read_line(&mut self.input, &mut self.out, self.echo, &mut self.eof)
    }

    pub fn ask_name(&mut self) -> io::Result<Option<String>> {
        let lines = ["Name of the new session (you can change it in Setup):".to_string()];
        Ok(self.prompt(&lines)?.map(|l| l.trim().to_string()))
    }
}

/// Reads one line: `None` at the end of input (and from then on). The prompt marker `> ` is
/// written first, and after the line read what `echo` says.
pub fn read_line(
    input: &mut impl BufRead,
    out: &mut impl Write,
    echo: Echo,
    eof: &mut bool,
) -> io::Result<Option<String>> {
    write!(out, "> ")?;
    out.flush()?;
    if *eof {
        writeln!(out)?;
        return Ok(None);
    }
    let mut buf = Vec::new();
    if input.read_until(b'\n', &mut buf)? == 0 {
        *eof = true;
        writeln!(out)?;
        writeln!(out, "End of input.")?;
        return Ok(None);
    }
    // A tab or a line separator inside the line is a space between words, not nothing.
    let line =
        crate::sanitize::clean(String::from_utf8_lossy(&buf).trim_end_matches(['\n', '\r'])).into_owned();
    match echo {
        Echo::Line => writeln!(out, "{line}")?,
        Echo::Newline => writeln!(out)?,
        Echo::Nothing => {}
    }
    Ok(Some(line))
}
