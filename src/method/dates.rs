//! Calendar dates of the follow-through: the decision day, the 30/60/90 plan, check-in days.
//!
//! Dates are `YYYY-MM-DD` text in the file and `jiff::civil::Date` here. Parsing is strict:
//! anything but a real day written as `YYYY-MM-DD` is refused with a sentence that says why.

use jiff::ToSpan;
use jiff::civil::Date;

/// The days after the decision at which the plan checks in.
pub const PLAN_DAYS: [i64; 3] = [30, 60, 90];

/// The day after the decision at which the prediction is judged.
pub const PREDICTION_DAY: i64 = 90;

/// Why a date was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("write the date as YYYY-MM-DD, for example 2026-03-14")]
    Format,
    #[error("{text} is not a date: {reason}")]
    Impossible { text: String, reason: String },
    #[error("{date} is before the decision ({decided})")]
    BeforeDecision { date: String, decided: String },
    #[error("{date} is after today ({today}): a check-in records what has happened")]
    Future { date: String, today: String },
}

/// A `YYYY-MM-DD` date, strictly: four-digit year, two-digit month and day, a real day.
pub fn parse(text: &str) -> Result<Date, DateError> {
    let t = text.trim();
    let b = t.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(DateError::Format);
    }
    let num = |r: std::ops::Range<usize>| t[r].parse::<i16>().map_err(|_| DateError::Format);
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let impossible = |reason: String| DateError::Impossible { text: t.to_string(), reason };
    if !(1..=12).contains(&month) {
        return Err(impossible(format!("there is no month {month}")));
    }
    if year < 1 {
        return Err(impossible("there is no year 0".into()));
    }
    let first = Date::new(year, month as i8, 1).map_err(|e| impossible(e.to_string()))?;
    let days = first.days_in_month();
    if day < 1 || day > i16::from(days) {
        return Err(impossible(format!("{} {year} has {days} days", month_name(month as i8))));
    }
    Date::new(year, month as i8, day as i8).map_err(|e| impossible(e.to_string()))
}

/// A check-in date: a real date, on or after the decision.
pub fn check_in(text: &str, decided: Date) -> Result<Date, DateError> {
    let d = parse(text)?;
    if d < decided {
        return Err(DateError::BeforeDecision { date: format_date(d), decided: format_date(decided) });
    }
    Ok(d)
}

/// `d`, unless it is after `today`: a check-in is given on its day or later, never ahead.
pub fn not_after(d: Date, today: Date) -> Result<Date, DateError> {
    if d > today {
        return Err(DateError::Future { date: format_date(d), today: format_date(today) });
    }
    Ok(d)
}

/// `decided` plus `days` days (saturating at the calendar's end, which no plan reaches).
pub fn add_days(decided: Date, days: i64) -> Date {
    decided.checked_add(days.days()).unwrap_or(Date::MAX)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// The plan's check-in dates: day 30, 60 and 90 after the decision.
pub fn plan(decided: Date) -> [(i64, Date); 3] {
    PLAN_DAYS.map(|d| (d, add_days(decided, d)))
}

/// `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// "12 Jan 2026": how the screens and the history show a date.
pub fn human(d: Date) -> String {
    format!("{} {} {}", d.day(), &month_name(d.month())[..3], d.year())
}

fn month_name(m: i8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES.get(usize::try_from(m - 1).unwrap_or(0)).copied().unwrap_or("January")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        parse(s).unwrap()
    }

    #[test]
    fn plan_dates_count_calendar_days_across_months_and_leap_years() {
        let p = plan(d("2026-01-12"));
        assert_eq!(
            p.map(|(n, x)| (n, format_date(x))),
            [(30, "2026-02-11".to_string()), (60, "2026-03-13".to_string()), (90, "2026-04-12".to_string())]
        );
        // 2028 is a leap year: February has 29 days.
        assert_eq!(format_date(add_days(d("2028-02-01"), 30)), "2028-03-02");
        assert_eq!(format_date(add_days(d("2026-12-15"), 30)), "2027-01-14");
        assert_eq!(days_between(d("2026-01-12"), d("2026-04-12")), 90);
        assert_eq!(days_between(d("2026-04-12"), d("2026-01-12")), -90);
        assert_eq!(days_between(d("2028-02-28"), d("2028-03-01")), 2);
    }

    #[test]
    fn a_date_after_today_is_refused_today_and_before_are_not() {
        let today = d("2026-03-14");
        assert_eq!(not_after(d("2026-03-14"), today), Ok(today));
        assert_eq!(not_after(d("2025-12-31"), today), Ok(d("2025-12-31")));
        let e = not_after(d("2026-03-15"), today).unwrap_err();
        assert_eq!(
            e.to_string(),
            "2026-03-15 is after today (2026-03-14): a check-in records what has happened"
        );
    }

    #[test]
    fn impossible_dates_and_formats_are_refused_with_the_reason() {
        assert_eq!(
            parse("2026-02-30").unwrap_err().to_string(),
            "2026-02-30 is not a date: February 2026 has 28 days"
        );
        assert_eq!(
            parse("2028-02-30").unwrap_err().to_string(),
            "2028-02-30 is not a date: February 2028 has 29 days"
        );
        assert!(parse("2028-02-29").is_ok());
        assert_eq!(
            parse("2026-13-01").unwrap_err().to_string(),
            "2026-13-01 is not a date: there is no month 13"
        );
        assert_eq!(
            parse("2026-04-31").unwrap_err().to_string(),
            "2026-04-31 is not a date: April 2026 has 30 days"
        );
        assert_eq!(
            parse("2026-04-00").unwrap_err().to_string(),
            "2026-04-00 is not a date: April 2026 has 30 days"
        );
        for bad in
            ["", "12/01/2026", "2026-1-12", "20260112", "2026-01-12T10:00", "next tuesday", "２０２６-01-12"]
        {
            assert_eq!(parse(bad), Err(DateError::Format), "{bad:?}");
        }
        assert_eq!(format_date(d(" 2026-01-12 ")), "2026-01-12");
    }

    #[test]
    fn a_check_in_before_the_decision_is_refused() {
        let decided = d("2026-01-12");
        assert_eq!(
            check_in("2026-01-11", decided).unwrap_err().to_string(),
            "2026-01-11 is before the decision (2026-01-12)"
        );
        assert_eq!(check_in("2026-01-12", decided), Ok(decided));
        assert_eq!(human(d("2026-02-11")), "11 Feb 2026");
    }
}
