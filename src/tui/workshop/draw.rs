//! Drawing a private round: a ballot's row, the round's part of a constraint step, the
//! reveal, and the candidate editor's round lines.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::scores::scores;
use super::severity::{severity, voter_status};
use crate::method::rounds::{Item, Round, Subject, VoterStatus, convergence};
use crate::method::thresholds::DISCUSS_SPREAD;
use crate::method::{ConstraintId, Session, playbook};
use crate::report::fmt_median;
use crate::tui::app::Wizard;
use crate::tui::field::Field;
use crate::tui::theme::Theme;
use crate::tui::view::Form;
use crate::tui::view::text::fit;
use crate::tui::view::widgets::LABEL;

/// A ballot's row. A cast ballot is never drawn, not even on its owner's focused row: the
/// laptop may have passed on. The row says whether the person voted, never what; the focused
/// row of someone who has not voted shows the scale to pick from.
pub fn draw_ballot(frame: &mut Frame, r: Rect, f: Field, w: &Wizard, theme: Theme) {
    let Field::Ballot { constraint, person } = f else { return };
    let s = &w.session;
    // A participant voting from their own terminal: their value never shows here.
    let remote = s.participants.get(person).is_some_and(|p| w.remote_voters.contains(&p.id));
    let focus = w.focused() == Some(f) && !remote;
    let label = fit(&s.participant_label(person), usize::from(LABEL) - 2);
    let mut spans = vec![
        Span::raw(if focus { "▸ " } else { "  " }),
        Span::styled(label, if focus { theme.focus() } else { theme.label() }),
    ];
    let status = voter_status(s, constraint, person).unwrap_or(VoterStatus::NotVoted);
    if remote {
        spans.push(Span::styled("on their laptop: ", theme.dim()));
    }
    match (status, focus) {
        (VoterStatus::NotVoted | VoterStatus::Partial, true) => {
            for k in 1..=5u8 {
                spans.push(Span::styled(format!(" {k}  "), theme.dim()));
            }
            spans.push(Span::styled(" your vote: 1-5", theme.dim()));
        }
        (VoterStatus::Voted | VoterStatus::Partial, _) => {
            spans.push(Span::styled("● voted", theme.good()));
            if focus {
                spans.push(Span::styled(" · hidden; typing 1-5 replaces this vote", theme.dim()));
            }
        }
        (VoterStatus::Abstained, _) => {
            spans.push(Span::styled("– abstains", theme.text()));
            if focus {
                spans.push(Span::styled(" · 1-5 votes instead", theme.dim()));
            }
        }
        (VoterStatus::NotVoted, false) => spans.push(Span::styled("· not yet", theme.dim())),
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), r);
}

/// The private round's part of a constraint step: how to vote, the ballots or the reveal,
/// the rounds so far, the button.
pub fn round_form(form: &mut Form, w: &Wizard, c: ConstraintId, voting: &[Field], theme: Theme) {
    let s = &w.session;
    let texts = &playbook().workshop;
    let subject = severity(c);
    let latest = s.latest_round(&subject).map(|i| &s.workshop.rounds[i]);
    let number = s.rounds_on(&subject).len();
    let (ballots, button) = voting.split_at(voting.len().saturating_sub(1));
    match latest {
        Some(r) if r.is_open() => {
            let (done, all) = r.progress();
            form.line(Line::styled(
                format!("Private round {number} · {done} of {all} done · hidden until the reveal"),
                theme.title(),
            ));
            form.para(&texts.pass_the_laptop, theme.text());
            let rated = s.constraint(c).severity.len();
            if rated > 0 {
                form.para(&kept_until_reveal(rated), theme.warn());
            }
            form.fields(ballots.iter().copied());
        }
        Some(r) => reveal_lines(form, s, r, number, theme),
        None => form.line(Line::styled("Private rounds: no round yet.", theme.dim())),
    }
    form.fields(button.iter().copied());
    if let Some(conv) = convergence(s).into_iter().find(|c| c.subject == subject)
        && (conv.rounds.len() > 1 || latest.is_some_and(Round::is_open))
    {
        let steps: Vec<String> = conv
            .rounds
            .iter()
            .map(|r| format!("round {} spread {}", r.number, r.spread.map_or("–".into(), |x| x.to_string())))
            .collect();
        form.para(&format!("Rounds so far: {}", steps.join(" → ")), theme.dim());
    }
    // Only while something is hidden: after the reveal there is nothing left to warn about.
    if latest.is_some_and(Round::is_open) {
        form.para(&texts.stored_in_file, theme.dim());
    }
}

/// Said while a round is open on something already rated: what the reveal will do to it.
fn kept_until_reveal(n: usize) -> String {
    let who = if n == 1 { "1 person" } else { &format!("{n} people") };
    format!(
        "Already rated by {who}: the reveal replaces only the values of those who vote (an abstention removes that person's); whoever does not vote keeps theirs."
    )
}

/// A revealed round: each voter's value, the median and spread, who sits at each end.
pub fn reveal_lines(form: &mut Form, s: &Session, r: &Round, number: usize, theme: Theme) {
    let items = r.items();
    let Some(item) = items.first() else { return };
    let summary = match item.tally {
        Some(t) => format!("median {} · spread {}", fmt_median(t.median), t.spread),
        None => "nobody voted".into(),
    };
    form.line(Line::styled(format!("Round {number} revealed · {summary}"), theme.title()));
    let Subject::Severity(r_constraint) = r.subject else { return };
    for (person, p) in s.participants.iter().enumerate() {
        if !r.voters.contains(&p.id) {
            continue;
        }
        let label = fit(&s.participant_label(person), usize::from(LABEL) - 2);
        let (value, note) = match (r.status(&p.id), r.value(&p.id, None)) {
            (VoterStatus::Voted, Some(v)) => {
                let end = item.end_mark(&p.id).map_or(String::new(), |m| format!("  {m}"));
                (Span::styled(format!("{v}"), theme.good()), end)
            }
            (VoterStatus::Abstained, _) => (Span::styled("abstained", theme.text()), String::new()),
            _ => match s.constraint(r_constraint).severity.get(&p.id) {
                Some(v) => (Span::styled(format!("did not vote · keeps {v}"), theme.dim()), String::new()),
                None => (Span::styled("did not vote", theme.dim()), String::new()),
            },
        };
        form.line(Line::from(vec![
            Span::raw("  "),
            Span::styled(label, theme.label()),
            value,
            Span::styled(note, theme.warn()),
        ]));
    }
    if item.tally.is_some_and(|t| t.spread >= DISCUSS_SPREAD) {
        form.para(&format!("  DISCUSS: {}", playbook().workshop.ask_why), theme.warn());
    }
}

/// Who gave the lowest and the highest value of a revealed item, named, with the values:
/// "Impact: lowest Priya (1) · highest Tomás (5)"; `None` when the room agreed or nobody voted.
pub fn ends_line(s: &Session, r: &Round, item: &Item) -> Option<String> {
    if item.low.is_empty() || item.high.is_empty() {
        return None;
    }
    let name = |pid: &String| {
        s.participants.iter().position(|p| &p.id == pid).map_or(pid.clone(), |x| s.participant_label(x))
    };
    let end = |who: &[String]| {
        let v = who.first().and_then(|p| r.value(p, item.dimension)).map_or("?".into(), |v| v.to_string());
        format!("{} ({v})", who.iter().map(name).collect::<Vec<_>>().join(", "))
    };
    let on = item.dimension.map_or(String::new(), |d| format!("{}: ", playbook().dimension(d).short));
    Some(format!("{on}lowest {} · highest {}", end(&item.low), end(&item.high)))
}

/// The candidate editor's lines about its private round: how to vote, or the revealed
/// spreads, and the rounds so far.
pub fn scores_form(form: &mut Form, w: &Wizard, i: usize, theme: Theme) {
    let s = &w.session;
    let Some(subject) = scores(s, i) else { return };
    let n = s.rounds_on(&subject).len();
    match s.latest_round(&subject).map(|k| &s.workshop.rounds[k]) {
        Some(r) if r.is_open() => {
            let (done, all) = r.progress();
            form.line(Line::styled(
                format!("Private round {n} · {done} of {all} done · hidden until the reveal"),
                theme.title(),
            ));
            form.para(&playbook().workshop.pass_the_laptop_scores, theme.text());
            form.para(&playbook().workshop.stored_in_file, theme.dim());
            let scored = s.candidates[i].scores.len();
            if scored > 0 {
                form.para(&kept_until_reveal(scored), theme.warn());
            }
        }
        Some(r) => {
            let spreads: Vec<String> = r
                .items()
                .iter()
                .filter_map(|it| {
                    let d = it.dimension?;
                    Some(format!(
                        "{} {}",
                        playbook().dimension(d).short,
                        it.tally.map_or("–".into(), |t| t.spread.to_string())
                    ))
                })
                .collect();
            let abstained = r.abstained().len();
            let note = if abstained > 0 { format!(" · {abstained} abstained") } else { String::new() };
            form.para(&format!("Round {n} revealed · spread {}{note}", spreads.join(" · ")), theme.title());
            // Who sits at each end, on every dimension where the room did not agree.
            let items = r.items();
            for item in &items {
                if let Some(line) = ends_line(s, r, item) {
                    form.para(&format!("  {line}"), theme.warn());
                }
            }
            if items.iter().any(|it| it.tally.is_some_and(|t| t.spread >= DISCUSS_SPREAD)) {
                form.para(&format!("  DISCUSS: {}", playbook().workshop.ask_why), theme.warn());
            }
        }
        None => form.line(Line::styled("Private rounds: no round on this candidate yet.", theme.dim())),
    }
    if let Some(conv) = convergence(s).into_iter().find(|c| c.subject == subject)
        && conv.rounds.len() > 1
    {
        form.para(&format!("Rounds so far: {}", conv.line()), theme.dim());
    }
}
