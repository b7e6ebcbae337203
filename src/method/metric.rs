//! The success metric as numbers: baseline, target, unit and direction, read from the text the
//! team typed ("22%", "1,200", "9 s"), and how far a value has come from the baseline.

use serde::{Deserialize, Serialize};

use super::ids::Direction;

/// A candidate's metric in numbers, kept beside the text it was read from (the text stays what
/// the team typed). Present only when the baseline and the target both read as numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub baseline: f64,
    pub target: f64,
    /// What follows (or, for a currency sign, precedes) the number: "%", "s", "$"; may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    pub direction: Direction,
}

/// A number with its unit, as read from a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub unit: String,
}

const PREFIX_UNITS: [&str; 4] = ["$", "€", "£", "¥"];

/// Reads "22%", "1,200", "-3.5", "9 s", "$40", "40 €" as a number and a unit; `None` for
/// anything else ("about a fifth", "22-25%", "").
pub fn quantity(text: &str) -> Option<Quantity> {
    let t = text.trim();
    let (prefix, rest) = match PREFIX_UNITS.iter().find(|p| t.starts_with(**p)) {
        Some(p) => (*p, t[p.len()..].trim_start()),
        None => ("", t),
    };
    let end = rest
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || c == ',' || (i == 0 && (c == '-' || c == '+'))))
        .map_or(rest.len(), |(i, _)| i);
    let (number, unit) = (&rest[..end], rest[end..].trim());
    if !prefix.is_empty() && !unit.is_empty() {
        return None;
    }
    let unit = if prefix.is_empty() { unit } else { prefix };
    if unit.chars().any(|c| c.is_ascii_digit() || c == '-' || c == '+') || unit.chars().count() > 12 {
        return None;
    }
    let value = number_value(number)?;
    Some(Quantity { value, unit: unit.to_string() })
}

/// "1,200.5" → 1200.5: commas only as thousands separators.
fn number_value(n: &str) -> Option<f64> {
    let digits = n.trim_start_matches(['-', '+']);
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let int = digits.split('.').next().unwrap_or("");
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let ok = groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3)
            && !digits.split('.').nth(1).is_some_and(|f| f.contains(','));
        if !ok {
            return None;
        }
    }
    n.replace(',', "").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The direction a baseline and a target imply: up when the target is higher, down when it
/// is lower, "stay above" when they are equal.
fn implied(baseline: f64, target: f64) -> Direction {
    if target > baseline {
        Direction::Increase
    } else if target < baseline {
        Direction::Decrease
    } else {
        Direction::StayAbove
    }
}

impl Measure {
    /// The measure of a baseline and a target text, when both are numbers in the same unit (or
    /// one of them has none). The direction is `keep`'s if given, else read from the numbers:
    /// up when the target is higher, down when it is lower, "stay above" when they are equal.
    pub fn read(baseline: &str, target: &str, keep: Option<Direction>) -> Option<Measure> {
        let (b, t) = (quantity(baseline)?, quantity(target)?);
        let unit = match (b.unit.as_str(), t.unit.as_str()) {
            (x, y) if x == y => x,
            ("", y) => y,
            (x, "") => x,
            _ => return None,
        };
        let direction = keep.unwrap_or(implied(b.value, t.value));
        Some(Measure { baseline: b.value, target: t.value, unit: unit.to_string(), direction })
    }

    /// Whether the team chose this measure's direction: it is not the one its numbers imply.
    pub fn direction_chosen(&self) -> bool {
        self.direction != implied(self.baseline, self.target)
    }

    /// A value in this measure's unit, as the screens show it: "22%", "9 s", "$40", "1200".
    pub fn show(&self, v: f64) -> String {
        show(v, &self.unit)
    }

    /// How far `actual` has come: (actual − baseline) / (target − baseline), for a measure that
    /// moves (up or down) and whose target differs from its baseline; `None` otherwise.
    pub fn progress(&self, actual: f64) -> Option<f64> {
        match self.direction {
            Direction::Increase | Direction::Decrease if self.target != self.baseline => {
                Some((actual - self.baseline) / (self.target - self.baseline))
            }
            Direction::Increase | Direction::Decrease | Direction::StayAbove | Direction::StayBelow => None,
        }
    }

    /// Where `actual` stands: behind (not past the baseline), moving, or on target.
    ///
    /// Up or down: by [`Measure::progress`]; a target equal to the baseline is reached by any
    /// value at or past it in the measure's direction. Stay above / below: on target while the
    /// value holds the line (the target), behind once it crosses it.
    pub fn zone(&self, actual: f64) -> Zone {
        let past = |line: f64, up: bool| if up { actual >= line } else { actual <= line };
        match self.direction {
            Direction::StayAbove => {
                if past(self.target, true) {
                    Zone::OnTarget
                } else {
                    Zone::Behind
                }
            }
            Direction::StayBelow => {
                if past(self.target, false) {
                    Zone::OnTarget
                } else {
                    Zone::Behind
                }
            }
            Direction::Increase | Direction::Decrease => match self.progress(actual) {
                Some(p) if p >= 1.0 => Zone::OnTarget,
                Some(p) if p > 0.0 => Zone::Moving,
                Some(_) => Zone::Behind,
                None => {
                    if past(self.target, self.direction == Direction::Increase) {
                        Zone::OnTarget
                    } else {
                        Zone::Behind
                    }
                }
            },
        }
    }

    /// Whether `actual` meets `predicted` in this measure's direction (the prediction held).
    pub fn meets(&self, actual: f64, predicted: f64) -> bool {
        match self.direction {
            Direction::Increase | Direction::StayAbove => actual >= predicted,
            Direction::Decrease | Direction::StayBelow => actual <= predicted,
        }
    }
}

/// The three zones of progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// Not past the baseline (or, for stay above / below, across the line).
    Behind,
    /// Past the baseline, short of the target.
    Moving,
    OnTarget,
}

impl Zone {
    pub fn label(self) -> &'static str {
        match self {
            Zone::Behind => "below baseline",
            Zone::Moving => "moving",
            Zone::OnTarget => "on target",
        }
    }
}

/// A number with its unit: "22%", "9 s", "$40"; whole numbers without decimals.
pub fn show(v: f64, unit: &str) -> String {
    let n = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    if PREFIX_UNITS.contains(&unit) {
        format!("{unit}{n}")
    } else if unit.is_empty() || unit == "%" {
        format!("{n}{unit}")
    } else {
        format!("{n} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(t: &str) -> Option<(f64, String)> {
        quantity(t).map(|q| (q.value, q.unit))
    }

    #[test]
    fn quantities_read_from_what_teams_type() {
        assert_eq!(q("22%"), Some((22.0, "%".into())));
        assert_eq!(q(" 40 % "), Some((40.0, "%".into())));
        assert_eq!(q("1,200"), Some((1200.0, "".into())));
        assert_eq!(q("1,200.5 trials"), Some((1200.5, "trials".into())));
        assert_eq!(q("9 s"), Some((9.0, "s".into())));
        assert_eq!(q("-3.5"), Some((-3.5, "".into())));
        assert_eq!(q("$40"), Some((40.0, "$".into())));
        assert_eq!(q("€ 12.5"), Some((12.5, "€".into())));
        for bad in ["", "about a fifth", "22-25%", "12,34", "1,2345", "%", "$", "$40 per seat", "v2", "."] {
            assert_eq!(q(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_measure_needs_two_numbers_in_one_unit_and_reads_its_direction() {
        let m = Measure::read("22%", "40%", None).unwrap();
        assert_eq!(
            (m.baseline, m.target, m.unit.as_str(), m.direction),
            (22.0, 40.0, "%", Direction::Increase)
        );
        let m = Measure::read("9 s", "3", None).unwrap();
        assert_eq!((m.unit.as_str(), m.direction), ("s", Direction::Decrease));
        assert_eq!(Measure::read("45", "45", None).unwrap().direction, Direction::StayAbove);
        assert_eq!(
            Measure::read("9 s", "3", Some(Direction::StayBelow)).unwrap().direction,
            Direction::StayBelow
        );
        assert_eq!(Measure::read("22%", "40 s", None), None);
        assert_eq!(Measure::read("22%", "", None), None);
        assert_eq!(Measure::read("most", "all", None), None);
    }

    fn m(baseline: f64, target: f64, direction: Direction) -> Measure {
        Measure { baseline, target, unit: "%".into(), direction }
    }

    #[test]
    fn progress_and_zones_going_up() {
        let up = m(22.0, 40.0, Direction::Increase);
        assert_eq!(up.progress(31.0), Some(0.5));
        assert_eq!(up.zone(20.0), Zone::Behind);
        assert_eq!(up.zone(22.0), Zone::Behind, "at the baseline nothing has moved yet");
        assert_eq!(up.zone(23.0), Zone::Moving);
        assert_eq!(up.zone(40.0), Zone::OnTarget);
        assert_eq!(up.zone(55.0), Zone::OnTarget);
    }

    #[test]
    fn progress_and_zones_going_down() {
        let down = m(9.0, 3.0, Direction::Decrease);
        assert_eq!(down.progress(6.0), Some(0.5));
        assert_eq!(down.progress(12.0), Some(-0.5));
        assert_eq!(down.zone(12.0), Zone::Behind);
        assert_eq!(down.zone(9.0), Zone::Behind);
        assert_eq!(down.zone(5.0), Zone::Moving);
        assert_eq!(down.zone(3.0), Zone::OnTarget);
        assert_eq!(down.zone(1.0), Zone::OnTarget);
    }

    #[test]
    fn baseline_equal_to_target_never_divides_by_zero() {
        let up = m(40.0, 40.0, Direction::Increase);
        assert_eq!(up.progress(50.0), None);
        assert_eq!(up.zone(40.0), Zone::OnTarget);
        assert_eq!(up.zone(39.0), Zone::Behind);
        let down = m(40.0, 40.0, Direction::Decrease);
        assert_eq!(down.zone(41.0), Zone::Behind);
        assert_eq!(down.zone(30.0), Zone::OnTarget);
    }

    #[test]
    fn stay_above_and_below_hold_a_line() {
        let above = m(45.0, 40.0, Direction::StayAbove);
        assert_eq!(above.progress(44.0), None);
        assert_eq!(above.zone(44.0), Zone::OnTarget);
        assert_eq!(above.zone(40.0), Zone::OnTarget);
        assert_eq!(above.zone(39.9), Zone::Behind);
        let below = m(1.0, 2.0, Direction::StayBelow);
        assert_eq!(below.zone(1.5), Zone::OnTarget);
        assert_eq!(below.zone(2.5), Zone::Behind);
        assert!(below.meets(1.5, 2.0) && !below.meets(2.5, 2.0));
        assert!(above.meets(41.0, 40.0) && !above.meets(39.0, 40.0));
    }

    #[test]
    fn values_show_with_their_unit() {
        assert_eq!(show(22.0, "%"), "22%");
        assert_eq!(show(9.5, "s"), "9.5 s");
        assert_eq!(show(40.0, "$"), "$40");
        assert_eq!(show(1200.0, ""), "1200");
        assert_eq!(show(1.0 / 3.0, ""), "0.33");
    }
}
