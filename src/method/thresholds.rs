//! The method's numbers, each named once. The rules compare against these, and every sentence
//! that states a rule is formatted from them (see `wording`), so changing a number here changes
//! both what the rules do and what the product says they do.

/// The lowest score or severity a participant can give.
pub const SCORE_MIN: u8 = 1;
/// The highest score or severity a participant can give.
pub const SCORE_MAX: u8 = 5;

/// A spread (max − min) at or above this marks a score for discussion.
pub const DISCUSS_SPREAD: u8 = 2;

/// Qualified for a scaling plan: at least this many pressure filters answered `clear` …
pub const QUALIFY_MIN_CLEAR: usize = 2;
/// … and at most this many answered `vague` or `unanswered`.
pub const QUALIFY_MAX_VAGUE: usize = 2;

/// The top candidate needs discovery first when its lowest median is below this.
pub const DISCOVERY_BELOW: f64 = 3.0;

/// For the flags, a median at or above this is high …
pub const FLAG_HIGH: f64 = 4.0;
/// … and a median at or below this is low.
pub const FLAG_LOW: f64 = 2.0;

/// The robustness check moves one participant's one score (or severity) by this much, up and
/// down, staying on the scale, and asks whether the decision would change.
pub const ROBUSTNESS_STEP: u8 = 1;

/// How many of the changes that would flip a decision the recommendation lists (it counts all).
pub const FLIPS_SHOWN: usize = 5;

/// Whether `v` is a score a participant can give.
pub fn is_score(v: u8) -> bool {
    (SCORE_MIN..=SCORE_MAX).contains(&v)
}
