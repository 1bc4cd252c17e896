//! Calendar arithmetic on day numbers, the form in which a date keeps its
//! days: plain integers compare and subtract without going through chrono.
//!
//! A day number counts days as [`NaiveDate::num_days_from_ce`] does:
//! 0001-01-01 is day 1. It stands alone, so that the arithmetic can be
//! checked against chrono without any of the date types around it.

use chrono::{Datelike, NaiveDate};

/// Day number of an open start: before every real day.
pub(super) const OPEN_START: i32 = i32::MIN;
/// Day number of an open end: after every real day.
pub(super) const OPEN_END: i32 = i32::MAX;

/// The day number of the first day chrono has, [`NaiveDate::MIN`].
pub(super) const FIRST_DAY: i32 = -95_746_129;
/// The day number of the last day chrono has, [`NaiveDate::MAX`].
pub(super) const LAST_DAY: i32 = 95_745_399;

/// The day number of a day.
pub(super) fn day_number(day: NaiveDate) -> i32 {
    day.num_days_from_ce()
}

/// The day of a day number; `None` for an open start or end, which names
/// no day.
pub(super) fn from_day_number(n: i32) -> Option<NaiveDate> {
    if n == OPEN_START || n == OPEN_END {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(n)
}

/// The day number (as [`day_number`] counts: 0001-01-01 is day 1) of a
/// valid day of the proleptic Gregorian calendar, by arithmetic: reading a
/// date computes two of these.
pub(super) fn ymd(year: i32, month: u32, day: u32) -> i32 {
    // Years counted from March put the leap day at the end of the year;
    // 400 years always have 146,097 days.
    let (year, month) = if month <= 2 {
        (year - 1, month as i32 + 9)
    } else {
        (year, month as i32 - 3)
    };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let day_of_year = (153 * month + 2) / 5 + day as i32 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 305
}

/// The year, month and day of a day number, by arithmetic: the inverse of
/// [`ymd`], for writing a plain date's text.
pub(super) fn civil(n: i32) -> (i32, u32, u32) {
    let z = n + 305;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    // Months counted from March, as in `ymd`.
    let month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month + 2) / 5 + 1;
    let month = if month < 10 { month + 3 } else { month - 9 };
    let year = era * 400 + year_of_era + i32::from(month <= 2);
    (year, month as u32, day as u32)
}

/// Whether a year of the proleptic Gregorian calendar has a 29 February.
pub(super) fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days in a month, which is also its last day.
pub(super) fn last_of_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_and_last_day_numbers_are_chronos_first_and_last_days() {
        assert_eq!(day_number(NaiveDate::MIN), FIRST_DAY);
        assert_eq!(day_number(NaiveDate::MAX), LAST_DAY);
    }

    /// The calendar arithmetic, both ways, agrees with chrono on every day
    /// a date can name, and so do month lengths.
    #[test]
    fn day_numbers_agree_with_chrono_on_every_day() {
        let mut day = NaiveDate::from_ymd_opt(0, 1, 1).expect("a day");
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a day");
        loop {
            let (y, m, dd) = (day.year(), day.month(), day.day());
            assert_eq!(ymd(y, m, dd), day_number(day), "{day}");
            assert_eq!(civil(day_number(day)), (y, m, dd), "{day}");
            if dd == 1 {
                let end = day
                    .checked_add_months(chrono::Months::new(1))
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(last);
                assert_eq!(last_of_month(y, m), end.day(), "{day}");
            }
            match day.succ_opt() {
                Some(next) if day < last => day = next,
                _ => break,
            }
        }
    }
}
