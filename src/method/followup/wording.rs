//! The follow-through's sentences, from the playbook's templates: shared by the wizard,
//! `history` and the report.

use super::{Cycle, PredictionRecord, Session, decided_measure, prediction, progress};
use crate::method::metric::show;
use crate::method::model::Outcome;
use crate::method::playbook;

/// `template` with each `{key}` replaced by its value, in one pass: a `{…}` inside a value (the
/// team's own text) is never read as a placeholder.
pub use crate::method::wording::fill;

/// "70% sure", or that it was not given.
pub fn confidence(c: Option<u8>) -> String {
    let t = &playbook().follow_through;
    match c.and_then(|c| super::CONFIDENCES.iter().position(|&x| x == c)) {
        Some(i) => t.confidences.get(i).cloned().unwrap_or_default(),
        None => t.not_sure.clone(),
    }
}

/// A value of the decided move's metric with its unit.
fn value(s: &Session, v: f64) -> String {
    match decided_measure(s) {
        Some(m) => m.show(v),
        None => show(v, ""),
    }
}

/// "Latest 31% on day 60: moving (50% of the way from 22% to 40%)."
pub fn progress_line(s: &Session) -> Option<String> {
    let t = &playbook().follow_through;
    let p = progress(s)?;
    let m = decided_measure(s)?;
    let share = p.fraction.map_or(String::new(), |f| {
        fill(
            &t.share,
            &[
                ("percent", &format!("{:.0}", f * 100.0)),
                ("baseline", &m.show(m.baseline)),
                ("target", &m.show(m.target)),
            ],
        )
    });
    Some(fill(
        &t.progress,
        &[
            ("value", &m.show(p.value)),
            ("day", &p.day.to_string()),
            ("zone", p.zone.label()),
            ("share", &share),
        ],
    ))
}

/// The prediction, judged once there is a value to judge it by; `None` when nothing was
/// decided, the invitation to make one when none was made.
pub fn prediction_line(s: &Session) -> Option<String> {
    let t = &playbook().follow_through;
    let f = s.follow_through.as_ref()?;
    if f.prediction.trim().is_empty() {
        return Some(t.prediction_open.clone());
    }
    let r = prediction(s)?;
    let predicted = predicted_text(s, &r, &f.prediction);
    Some(match (r.actual, r.met) {
        // Judged before day 90 (the team moved on, or judged the move): said as early.
        (Some((actual, day)), Some(met)) => fill(
            if day < crate::method::dates::PREDICTION_DAY { &t.judged_early } else { &t.judged },
            &[
                ("predicted", &predicted),
                ("confidence", &confidence(r.confidence)),
                ("actual", &value(s, actual)),
                ("day", &day.to_string()),
                ("verdict", if met { &t.met } else { &t.missed }),
            ],
        ),
        _ => fill(&t.prediction, &[("predicted", &predicted), ("confidence", &confidence(r.confidence))]),
    })
}

fn predicted_text(s: &Session, r: &PredictionRecord, typed: &str) -> String {
    r.predicted.map_or_else(|| typed.trim().to_string(), |p| value(s, p))
}

/// The prediction as a cell of `history`: "35% (70% sure): held", or "–".
pub fn prediction_cell(s: &Session) -> String {
    let t = &playbook().follow_through;
    let Some(f) = s.follow_through.as_ref().filter(|f| !f.prediction.trim().is_empty()) else {
        return "–".into();
    };
    let Some(r) = prediction(s) else { return "–".into() };
    let verdict = match r.met {
        Some(true) => t.held.as_str(),
        Some(false) => t.missed.as_str(),
        None => t.not_judged.as_str(),
    };
    fill(
        &t.history_prediction,
        &[
            ("predicted", &predicted_text(s, &r, &f.prediction)),
            ("confidence", &confidence(r.confidence)),
            ("verdict", verdict),
        ],
    )
}

/// "2 check-ins are now before the decision (2026-01-20): …", when any are.
pub fn before_decision_line(s: &Session) -> Option<String> {
    let n = super::before_decision(s);
    let date = s.follow_through.as_ref()?.decided_on.trim().to_string();
    let count = match n {
        0 => return None,
        1 => "1 check-in is".to_string(),
        n => format!("{n} check-ins are"),
    };
    Some(fill(&playbook().follow_through.moved_before, &[("count", &count), ("date", &date)]))
}

/// "it worked", or that it is not judged yet.
pub fn outcome(o: Option<Outcome>) -> String {
    match o {
        Some(o) => playbook().outcome(o).name.clone(),
        None => playbook().follow_through.not_judged.clone(),
    }
}

/// The previous cycle in a sentence, for the next cycle's constraint screens.
pub fn last_cycle(c: &Cycle) -> String {
    let t = &playbook().follow_through;
    let or_q = |v: &str| if v.trim().is_empty() { "?".to_string() } else { v.trim().to_string() };
    fill(
        &t.last_cycle,
        &[
            ("name", &or_q(&c.name)),
            ("date", &or_q(&c.decided_on)),
            ("move", &or_q(&c.first_move)),
            ("constraint", &c.constraint.map_or("?".to_string(), |k| playbook().constraint(k).name.clone())),
            ("metric", &or_q(&c.metric)),
            ("baseline", &or_q(&c.baseline)),
            ("latest", &or_q(&c.latest)),
            ("outcome", &outcome(c.outcome)),
        ],
    )
}

/// The team's hit rate over a chain, in a sentence.
pub fn hit_rate_line(h: &super::HitRate) -> String {
    let t = &playbook().follow_through;
    if h.judged == 0 {
        return t.hit_rate_none.clone();
    }
    let percent = format!("{:.0}", h.hits as f64 * 100.0 / h.judged as f64);
    let conf = h.mean_confidence.map_or(t.not_sure.clone(), |c| format!("{c:.0}%"));
    fill(
        &t.hit_rate,
        &[
            ("hits", &h.hits.to_string()),
            ("judged", &h.judged.to_string()),
            ("percent", &percent),
            ("confidence", &conf),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::super::HitRate;
    use super::*;

    #[test]
    fn the_teams_text_is_never_read_as_a_placeholder() {
        // A move called "Fix {date}" keeps its name in every follow-through sentence.
        assert_eq!(
            fill("{move} on {date}", &[("move", "Fix {date}"), ("date", "1 Jan")]),
            "Fix {date} on 1 Jan"
        );
    }

    #[test]
    fn hit_rate_reads_as_a_sentence() {
        let h = HitRate { hits: 1, judged: 2, mean_confidence: Some(70.0) };
        assert_eq!(
            hit_rate_line(&h),
            "Predictions held in 1 of 2 judged cycles (50%); the team said it was 70% sure on average."
        );
        assert!(
            hit_rate_line(&HitRate { hits: 0, judged: 0, mean_confidence: None })
                .starts_with("No prediction")
        );
    }
}
