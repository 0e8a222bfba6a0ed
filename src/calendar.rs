//! Working days, for the date a supporter should expect an answer to a
//! letter with a legal time limit.
//!
//! UK GDPR Article 12(3) gives a controller one month from receipt. The
//! ICO's reading, which this follows: the month ends on the same date in
//! the next month (the last day of that month when it has no such date),
//! and an end on a weekend or bank holiday moves to the next working day.
//! The bank holidays come from `campaign.toml`, so the list can be kept
//! current without a rebuild. Pure: no clock (today is passed in).

use std::collections::BTreeSet;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// Weekends and a list of bank holidays.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkingDays {
    bank_holidays: BTreeSet<Date>,
}

impl WorkingDays {
    /// Working days with these bank holidays.
    pub fn new(bank_holidays: impl IntoIterator<Item = Date>) -> WorkingDays {
        WorkingDays {
            bank_holidays: bank_holidays.into_iter().collect(),
        }
    }

    /// Whether `day` is a working day: not a Saturday, Sunday or bank
    /// holiday.
    pub fn is_working_day(&self, day: Date) -> bool {
        !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
            && !self.bank_holidays.contains(&day)
    }

    /// `day`, or the first working day after it.
    pub fn on_or_after(&self, day: Date) -> Date {
        let mut day = day;
        // Christmas and a weekend can stack, but never for long: two weeks
        // bounds the walk whatever the list says.
        for _ in 0..14 {
            if self.is_working_day(day) {
                break;
            }
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        day
    }

    /// The day an answer is due to a letter received on `received`,
    /// `months` calendar months on, moved to a working day.
    pub fn answer_due(&self, received: Date, months: u8) -> Date {
        // jiff clamps to the month's last day: 31 January + 1 month is
        // 28 (or 29) February, the ICO's rule.
        let end = received
            .checked_add(i64::from(months).months())
            .unwrap_or(received);
        self.on_or_after(end)
    }

    /// The last bank holiday listed, to warn before the list runs out.
    pub fn last_listed(&self) -> Option<Date> {
        self.bank_holidays.last().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// England and Wales, 2026 and 2027 (gov.uk/bank-holidays).
    fn england_and_wales() -> WorkingDays {
        WorkingDays::new([
            date(2026, 1, 1),
            date(2026, 4, 3),
            date(2026, 4, 6),
            date(2026, 5, 4),
            date(2026, 5, 25),
            date(2026, 8, 31),
            date(2026, 12, 25),
            date(2026, 12, 28),
            date(2027, 1, 1),
            date(2027, 3, 26),
            date(2027, 3, 29),
            date(2027, 5, 3),
            date(2027, 5, 31),
            date(2027, 8, 30),
            date(2027, 12, 27),
            date(2027, 12, 28),
        ])
    }

    #[test]
    fn a_month_ends_on_the_same_date_next_month() {
        let days = england_and_wales();
        assert_eq!(
            days.answer_due(date(2026, 11, 5), 1),
            date(2026, 12, 7),
            "Saturday 5 December moves to Monday 7 December"
        );
        assert_eq!(days.answer_due(date(2026, 11, 10), 1), date(2026, 12, 10));
    }

    #[test]
    fn a_month_with_no_such_date_ends_on_its_last_day() {
        let days = england_and_wales();
        // 31 January 2027: February has 28 days; Sunday 28 February moves
        // to Monday 1 March.
        assert_eq!(days.answer_due(date(2027, 1, 31), 1), date(2027, 3, 1));
        // 31 March 2026 + 1 month = Thursday 30 April 2026.
        assert_eq!(days.answer_due(date(2026, 3, 31), 1), date(2026, 4, 30));
        // Leap year: 31 January 2028 ends on Tuesday 29 February 2028.
        assert_eq!(
            WorkingDays::default().answer_due(date(2028, 1, 31), 1),
            date(2028, 2, 29)
        );
    }

    #[test]
    fn bank_holidays_and_weekends_stack() {
        let days = england_and_wales();
        // 25 November 2026 + 1 month = Friday 25 December (Christmas),
        // then the weekend, then Monday 28 December (Boxing Day
        // substitute): Tuesday 29 December.
        assert_eq!(days.answer_due(date(2026, 11, 25), 1), date(2026, 12, 29));
        // New Year's Day 2027 is a Friday: Monday 4 January.
        assert_eq!(days.answer_due(date(2026, 12, 1), 1), date(2027, 1, 4));
        // Good Friday 26 March 2027 and Easter Monday 29 March.
        assert_eq!(days.answer_due(date(2027, 2, 26), 1), date(2027, 3, 30));
        // Across a year end.
        assert_eq!(days.answer_due(date(2026, 12, 28), 1), date(2027, 1, 28));
    }

    #[test]
    fn without_a_list_only_weekends_move() {
        let days = WorkingDays::default();
        assert_eq!(days.answer_due(date(2026, 11, 25), 1), date(2026, 12, 25));
        assert!(days.last_listed().is_none());
        assert_eq!(england_and_wales().last_listed(), Some(date(2027, 12, 28)));
    }
}
