//! A plain prompt: what is said before a question is answered, and how each kind of answer is
//! read from the line typed. Every parser answers `Err` with the one line that says why the
//! answer was not taken; the question is then asked again.

use crate::method::thresholds::{SCORE_MAX, SCORE_MIN, is_score};
use crate::sanitize;

/// What a prompt says, in order: the question, its help, the choices (numbered), how to
/// answer, and the current value (which Enter keeps).
#[derive(Debug, Clone, Default)]
pub struct Question {
    pub text: String,
    pub help: Option<String>,
    /// The choices or items, each said on its own line, numbered from 1.
    pub choices: Vec<String>,
    /// How to answer: "Type a number from 1 to 3."
    pub how: String,
    /// The current value, said as "Now: …"; `None` when there is none.
    pub now: Option<String>,
    /// What Enter does, when it does something other than keep the current value.
    pub enter: Option<String>,
}

impl Question {
    pub fn new(text: impl Into<String>) -> Question {
        Question { text: text.into(), ..Question::default() }
    }

    pub fn help(mut self, help: impl Into<String>) -> Question {
        self.help = Some(help.into());
        self
    }

    pub fn how(mut self, how: impl Into<String>) -> Question {
        self.how = how.into();
        self
    }

    pub fn now(mut self, now: Option<String>) -> Question {
        self.now = now;
        self
    }

    pub fn choices(mut self, choices: Vec<String>) -> Question {
        self.choices = choices;
        self
    }

    pub fn enter(mut self, enter: impl Into<String>) -> Question {
        self.enter = Some(enter.into());
        self
    }

    /// The whole prompt as lines, every piece of user text on one clean line.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![one_line(&self.text)];
        if let Some(h) = &self.help {
            out.push(one_line(h));
        }
        out.extend(self.choices.iter().enumerate().map(|(i, c)| format!("  {}. {}", i + 1, one_line(c))));
        let mut last = self.how.clone();
        // "Now: …" ends as a sentence, once: a value that ends with its own stop keeps it.
        let now = self.now.as_ref().map(|n| {
            let n = one_line(n);
            if n.ends_with(['.', '?', '!']) { format!("Now: {n}") } else { format!("Now: {n}.") }
        });
        match (&now, &self.enter) {
            (_, Some(enter)) => push_sentence(&mut last, enter),
            (Some(now), None) => push_sentence(&mut last, &format!("{now} Enter keeps it.")),
            (None, None) => push_sentence(&mut last, "Enter leaves it unanswered."),
        }
        if let (Some(now), Some(_)) = (&now, &self.enter) {
            push_sentence(&mut last, now);
        }
        out.push(last);
        out
    }
}

fn push_sentence(to: &mut String, s: &str) {
    if !to.is_empty() {
        to.push(' ');
    }
    to.push_str(s);
}

/// Text from a session or a file, as one line with nothing a terminal would act on.
pub fn one_line(s: &str) -> String {
    sanitize::clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Type a number from 1 to 4."
pub fn number_range(n: usize) -> String {
    format!("Type {}.", which(n))
}

/// The numbers of `n` choices as said after "Type": "1", "1 or 2", "a number from 1 to 5"
/// (never "from 1 to 1").
pub fn which(n: usize) -> String {
    match n {
        1 => "1".into(),
        2 => "1 or 2".into(),
        n => format!("a number from 1 to {n}"),
    }
}

/// A choice among `labels`: its number, or its label typed in full (any case). `0` clears
/// the answer when `clearable`. `Ok(None)` is "cleared".
pub fn choice(line: &str, labels: &[&str], clearable: bool) -> Result<Option<usize>, String> {
    let t = line.trim();
    if let Ok(n) = t.parse::<usize>() {
        return match n {
            0 if clearable => Ok(None),
            n if (1..=labels.len()).contains(&n) => Ok(Some(n - 1)),
            _ => Err(format!("{n} is not one of the choices. {}", number_range(labels.len()))),
        };
    }
    match labels
        .iter()
        .position(|l| l.trim().eq_ignore_ascii_case(t) || l.trim().to_lowercase() == t.to_lowercase())
    {
        Some(i) => Ok(Some(i)),
        None => Err(format!("\"{}\" is not one of the choices. {}", one_line(t), number_range(labels.len()))),
    }
}

/// One score from 1 to 5; `0` clears it (`Ok(None)`).
pub fn score(line: &str) -> Result<Option<u8>, String> {
    let t = line.trim();
    match t.parse::<u8>() {
        Ok(0) => Ok(None),
        Ok(v) if is_score(v) => Ok(Some(v)),
        _ => Err(format!(
            "\"{}\" is not a score: type a whole number from {SCORE_MIN} to {SCORE_MAX}, or 0 to clear it.",
            one_line(t)
        )),
    }
}

/// `n` scores on one line ("4 3 5 4", commas allowed), each 1 to 5 or 0 for "not scored".
pub fn scores(line: &str, n: usize) -> Result<Vec<Option<u8>>, String> {
    let parts: Vec<&str> =
        line.split(|c: char| c.is_whitespace() || c == ',').filter(|p| !p.is_empty()).collect();
    if parts.len() != n {
        return Err(format!(
            "Type {n} scores, one for each dimension, separated by spaces: you typed {}.",
            parts.len()
        ));
    }
    parts
        .iter()
        .map(|p| {
            score(p).map_err(|_| {
                format!(
                    "\"{}\" is not a score: each is a whole number from {SCORE_MIN} to {SCORE_MAX}, or 0 for not scored.",
                    one_line(p)
                )
            })
        })
        .collect()
}

/// Item numbers from 1 to `max`, separated by spaces or commas; `0` alone means none.
pub fn numbers(line: &str, max: usize) -> Result<Vec<usize>, String> {
    let parts: Vec<&str> =
        line.split(|c: char| c.is_whitespace() || c == ',').filter(|p| !p.is_empty()).collect();
    if parts == ["0"] {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for p in parts {
        match p.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => {
                if !out.contains(&(n - 1)) {
                    out.push(n - 1);
                }
            }
            _ => {
                return Err(format!(
                    "\"{}\" is not an item number: type numbers from 1 to {max}, or 0 for none.",
                    one_line(p)
                ));
            }
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// Yes or no (y, n, 1 for yes, 2 for no).
pub fn yes_no(line: &str) -> Result<bool, String> {
    match line.trim().to_lowercase().as_str() {
        "y" | "yes" | "1" => Ok(true),
        "n" | "no" | "2" => Ok(false),
        t => Err(format!("\"{}\": type yes or no.", one_line(t))),
    }
}

/// A text answer: the line as typed, without its surrounding spaces; a lone `-` empties it.
pub fn text(line: &str) -> Result<String, String> {
    let t = line.trim();
    Ok(if t == "-" { String::new() } else { t.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_by_number_or_label() {
        let labels = ["Yes", "No", "Unsure"];
        assert_eq!(choice("2", &labels, false), Ok(Some(1)));
        assert_eq!(choice(" unsure ", &labels, false), Ok(Some(2)));
        assert_eq!(choice("0", &labels, true), Ok(None));
        assert_eq!(
            choice("0", &labels, false).unwrap_err(),
            "0 is not one of the choices. Type a number from 1 to 3."
        );
        assert!(choice("4", &labels, true).is_err());
        assert!(choice("maybe", &labels, true).unwrap_err().starts_with("\"maybe\" is not one"));
    }

    #[test]
    fn scores_on_one_line() {
        assert_eq!(scores("4 3 5 4", 4), Ok(vec![Some(4), Some(3), Some(5), Some(4)]));
        assert_eq!(scores("4,3, 0 ,1", 4), Ok(vec![Some(4), Some(3), None, Some(1)]));
        assert!(scores("4 3 5", 4).unwrap_err().contains("you typed 3"));
        assert!(scores("4 3 6 4", 4).unwrap_err().starts_with("\"6\" is not a score"));
        assert_eq!(score("5"), Ok(Some(5)));
        assert_eq!(score("0"), Ok(None));
        assert!(score("4.5").is_err() && score("-1").is_err() && score("six").is_err());
    }

    #[test]
    fn item_numbers_yes_no_and_text() {
        assert_eq!(numbers("3 1 3", 4), Ok(vec![0, 2]));
        assert_eq!(numbers("0", 4), Ok(vec![]));
        assert!(numbers("5", 4).is_err());
        assert_eq!(yes_no("Y"), Ok(true));
        assert_eq!(yes_no("no"), Ok(false));
        assert!(yes_no("perhaps").is_err());
        assert_eq!(text("  Ledgerly "), Ok("Ledgerly".into()));
        assert_eq!(text("-"), Ok(String::new()));
    }

    #[test]
    fn a_prompt_says_the_question_the_choices_and_what_enter_does() {
        let q = Question::new("Traction?")
            .help("Pull matters.")
            .choices(vec!["Yes".into(), "No".into()])
            .how(number_range(2))
            .now(Some("Yes".into()));
        assert_eq!(
            q.lines(),
            ["Traction?", "Pull matters.", "  1. Yes", "  2. No", "Type 1 or 2. Now: Yes. Enter keeps it."]
        );
        let q = Question::new("Name?\u{1b}[31m")
            .how("Type a name.")
            .enter("Enter goes on.")
            .now(Some("a\nb".into()));
        assert_eq!(q.lines(), ["Name?[31m", "Type a name. Enter goes on. Now: a b."]);
        assert_eq!(Question::new("X").lines(), ["X", "Enter leaves it unanswered."]);
        let q = Question::new("Note?").now(Some("Stable.".into()));
        assert_eq!(q.lines(), ["Note?", "Now: Stable. Enter keeps it."], "one full stop, not two");
    }
}
