//! A filled-in workshop of any size, for benchmarks, tests and trying the wizard out.
//! Deterministic: the same sizes always give the same session.

use super::model::*;

/// A session with `participants` people, every filter and constraint answered, and
/// `candidates` scored candidates spread over the five constraints.
pub fn workshop(participants: usize, candidates: usize) -> Session {
    let mut s = Session::new("sample".into(), "Sample workshop".into(), "2026-01-01T09:00:00Z".into());
    s.product = "Sample product".into();
    s.facilitator = "Facilitator".into();
    s.participants = (1..=participants.max(1))
        .map(|i| Participant { id: format!("p{i}"), name: format!("Person {i}") })
        .collect();
    s.gate = Gate { traction: Some(Traction::Yes), ai_question: Some(false) };
    let clarity = [Clarity::Clear, Clarity::Clear, Clarity::Partial, Clarity::Vague, Clarity::Clear];
    for (f, c) in s.filters.iter_mut().zip(clarity) {
        f.clarity = c;
        f.answer = format!("What we know about {} pressure, with numbers.", f.filter.id());
        f.evidence = Some(EvidenceKind::UsageData);
    }
    // A cheap deterministic spread of scores (no RNG needed).
    let score = |a: usize, b: usize| (((a * 7 + b * 3) % 5) + 1) as u8;
    let ids: Vec<String> = s.participants.iter().map(|p| p.id.clone()).collect();
    for (k, c) in s.constraints.iter_mut().enumerate() {
        c.severity = ids.iter().enumerate().map(|(i, id)| (id.clone(), score(i, k))).collect();
        c.evidence = "Ticket counts and funnel numbers.".into();
    }
    for n in 0..candidates {
        let constraint = ConstraintId::ALL[n % ConstraintId::ALL.len()];
        s.candidates.push(Candidate {
            id: format!("c{}", n + 1),
            title: format!("Candidate move number {} for {}", n + 1, constraint.id()),
            constraint,
            scores: ids
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    let v = |d: usize| Some(score(i + n, d + n));
                    (id.clone(), Scores { impact: v(0), evidence: v(1), confidence: v(2), timing: v(3) })
                })
                .collect(),
            behavior: "Users reach the first result sooner.".into(),
            metric: if n % 3 == 0 { String::new() } else { "Weekly activated accounts".into() },
            risk: "Touches the billing module.".into(),
            checklist: Vec::new(),
            baseline: "20%".into(),
            target: "35%".into(),
        });
    }
    s
}
