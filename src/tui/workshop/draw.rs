//! Drawing a private round: a ballot's row, the round's part of a constraint step, the
//! reveal, and the candidate editor's round lines.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::scores::scores;
use super::severity::{ballot, severity, voter_status};
use crate::method::rounds::{Round, VoterStatus, convergence};
use crate::method::thresholds::DISCUSS_SPREAD;
use crate::method::{ConstraintId, Session, playbook};
use crate::report::fmt_median;
use crate::tui::app::Wizard;
use crate::tui::field::Field;
use crate::tui::theme::Theme;
use crate::tui::view::Form;
use crate::tui::view::text::fit;
use crate::tui::view::widgets::LABEL;

/// A ballot's row. Its value shows only while its owner has the focus (entering it); every
/// other row says whether that person voted, never what.
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
    if focus {
        let v = ballot(s, constraint, person);
        for k in 1..=5u8 {
            let on = v == Some(k);
            spans.push(Span::styled(
                if on { format!("[{k}]") } else { format!(" {k} ") },
                if on { theme.chosen() } else { theme.dim() },
            ));
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(
            match status {
                VoterStatus::Abstained => " abstains",
                VoterStatus::NotVoted | VoterStatus::Partial => " your vote: 1-5",
                VoterStatus::Voted => " then pass the laptop on",
            },
            theme.dim(),
        ));
    } else {
        if remote {
            spans.push(Span::styled("on their laptop: ", theme.dim()));
        }
        spans.push(match status {
            VoterStatus::Voted | VoterStatus::Partial => Span::styled("● voted", theme.good()),
            VoterStatus::Abstained => Span::styled("– abstains", theme.text()),
            VoterStatus::NotVoted => Span::styled("· not yet", theme.dim()),
        });
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
    form.para(&texts.stored_in_file, theme.dim());
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
    for (person, p) in s.participants.iter().enumerate() {
        if !r.voters.contains(&p.id) {
            continue;
        }
        let label = fit(&s.participant_label(person), usize::from(LABEL) - 2);
        let (value, note) = match (r.status(&p.id), r.value(&p.id, None)) {
            (VoterStatus::Voted, Some(v)) => {
                let end = if item.low.contains(&p.id) {
                    "  ◂ lowest"
                } else if item.high.contains(&p.id) {
                    "  ◂ highest"
                } else {
                    ""
                };
                (Span::styled(format!("{v}"), theme.good()), end)
            }
            (VoterStatus::Abstained, _) => (Span::styled("abstained", theme.text()), ""),
            _ => (Span::styled("did not vote", theme.dim()), ""),
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
        }
        None => form.line(Line::styled("Private rounds: no round on this candidate yet.", theme.dim())),
    }
    if let Some(conv) = convergence(s).into_iter().find(|c| c.subject == subject)
        && conv.rounds.len() > 1
    {
        form.para(&format!("Rounds so far: {}", conv.line()), theme.dim());
    }
}
