//! The timebox: minutes planned per step, seconds spent per step, and a pause.
//!
//! Time is counted by ticks from a clock the caller supplies (`Meter::tick(now)` with seconds
//! since the epoch): the wizard's runtime passes the real time, tests pass a fake one. Only
//! time between two ticks of the same open session counts, so a session closed on Monday and
//! resumed a week later adds nothing for the week: the `Meter` that remembers the last tick
//! lives in memory, never in the file. A gap longer than `MAX_GAP` between two ticks (the
//! laptop slept, the process was stopped) counts as `MAX_GAP` at most.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ids::Step;
use super::playbook::playbook;

/// The most one gap between two ticks can add, in seconds.
pub const MAX_GAP: u64 = 60;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timebox {
    /// Minutes planned for a step in this session, where they differ from the playbook's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub planned: BTreeMap<Step, u32>,
    /// Seconds spent on each step while the session was open and the clock not paused.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub spent: BTreeMap<Step, u64>,
    /// The facilitator started the clock: until then nothing is counted or shown.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub paused: bool,
}

/// The clock's memory between ticks, for one open session: never saved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Meter {
    last: Option<u64>,
}

/// The playbook's planned minutes for a step (0 when it plans none).
pub fn default_minutes(step: Step) -> u32 {
    playbook().timebox_minutes.get(&step).copied().unwrap_or(0)
}

impl Timebox {
    pub fn is_empty(&self) -> bool {
        *self == Timebox::default()
    }

    /// Minutes planned for `step` in this session.
    pub fn planned(&self, step: Step) -> u32 {
        self.planned.get(&step).copied().unwrap_or_else(|| default_minutes(step))
    }

    pub fn spent(&self, step: Step) -> u64 {
        self.spent.get(&step).copied().unwrap_or(0)
    }

    /// Seconds left on `step` (negative once over).
    pub fn remaining(&self, step: Step) -> i64 {
        i64::from(self.planned(step)) * 60 - self.spent(step) as i64
    }

    /// Adds `minutes` (negative takes away) to the plan of `step`, never below zero. A plan
    /// back at the playbook's value is not stored. Returns whether it changed.
    pub fn adjust(&mut self, step: Step, minutes: i32) -> bool {
        let before = self.planned(step);
        let after = (i64::from(before) + i64::from(minutes)).clamp(0, 24 * 60) as u32;
        if after == default_minutes(step) {
            self.planned.remove(&step);
        } else {
            self.planned.insert(step, after);
        }
        after != before
    }

    /// Starts the clock at `now` (the first tick counts from here).
    pub fn start(&mut self, meter: &mut Meter, now: u64) {
        self.on = true;
        self.paused = false;
        meter.last = Some(now);
    }

    /// Pauses or resumes the clock at `now`: the time up to a pause counts, the time paused
    /// does not.
    pub fn set_paused(&mut self, meter: &mut Meter, step: Step, paused: bool, now: u64) {
        self.tick(meter, step, now);
        self.paused = paused;
    }

    /// The clock says `now` while `step` is on screen: the time since the last tick goes to
    /// `step`, unless paused. Returns the seconds added.
    pub fn tick(&mut self, meter: &mut Meter, step: Step, now: u64) -> u64 {
        let add = match meter.last {
            Some(last) if self.on && !self.paused => now.saturating_sub(last).min(MAX_GAP),
            _ => 0,
        };
        meter.last = Some(now);
        if add > 0 {
            *self.spent.entry(step).or_insert(0) += add;
        }
        add
    }
}

impl Meter {
    /// The session was closed (or is about to be): the next tick starts counting afresh.
    pub fn stop(&mut self) {
        self.last = None;
    }
}

/// One step's plan and time spent, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepTime {
    pub step: Step,
    pub planned_secs: u64,
    pub spent_secs: u64,
}

/// Time per step, planned beside spent, for every step with a plan or time spent; and the
/// whole workshop's balance in seconds (positive: ahead of plan, negative: behind).
pub fn time_per_step(t: &Timebox) -> (Vec<StepTime>, i64) {
    let rows: Vec<StepTime> = Step::ALL
        .iter()
        .map(|&step| StepTime {
            step,
            planned_secs: u64::from(t.planned(step)) * 60,
            spent_secs: t.spent(step),
        })
        .filter(|r| r.spent_secs > 0)
        .collect();
    let balance = rows.iter().map(|r| r.planned_secs as i64 - r.spent_secs as i64).sum();
    (rows, balance)
}

/// `m:ss`, or `h:mm:ss` from an hour.
pub fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

/// The whole workshop against its plan, in words: "2:30 ahead of plan", "1:05 behind plan",
/// "on plan".
pub fn balance_line(balance: i64) -> String {
    match balance {
        0 => "on plan".into(),
        b if b > 0 => format!("{} ahead of plan", clock(b as u64)),
        b => format!("{} behind plan", clock(b.unsigned_abs())),
    }
}

impl StepTime {
    /// "5:00 planned, 6:10 spent (1:10 over)".
    pub fn line(&self) -> String {
        let (p, s) = (self.planned_secs, self.spent_secs);
        let diff = if s > p { format!(" ({} over)", clock(s - p)) } else { String::new() };
        format!("{} planned, {} spent{diff}", clock(p), clock(s))
    }
}
