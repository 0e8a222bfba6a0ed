//! The send caps the operator sets below the provider's limits
//! (`smtp.max_per_minute`, `smtp.max_per_day`), so replies slow down
//! before the relay starts refusing them.
//!
//! Both count emails, as providers do (a reply in one email per letter is
//! several). The minute is a sliding window; the day is the emails sent in
//! each clock hour of the last 25, so it never undercounts a rolling 24
//! hours. Those 25 numbers are all that is kept ([`SendBudget::hours`]),
//! and they are written to the state folder so a restart does not start
//! the day again. Pure: the time is passed in, as milliseconds since the
//! Unix epoch.

use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

const MINUTE_MS: u64 = 60_000;
const HOUR_MS: u64 = 3_600_000;
/// Clock hours kept: the current one and the 24 before it.
const HOURS_KEPT: u64 = 25;

/// Emails sent, against the caps. A cap of 0 is no cap.
#[derive(Debug, Default)]
pub struct SendBudget {
    per_minute: u32,
    per_day: u32,
    /// When each email of the last minute went.
    minute: VecDeque<u64>,
    /// Emails sent in each clock hour (hours since the epoch).
    hours: BTreeMap<u64, u32>,
}

impl SendBudget {
    /// Caps, and the hours a state file kept from an earlier run.
    pub fn new(per_minute: u32, per_day: u32, hours: &[(u64, u32)]) -> SendBudget {
        SendBudget {
            per_minute,
            per_day,
            minute: VecDeque::new(),
            hours: hours.iter().copied().collect(),
        }
    }

    /// Whether any cap is set: with none, nothing need be kept.
    pub fn is_capped(&self) -> bool {
        self.per_minute > 0 || self.per_day > 0
    }

    /// Take `emails` from the budget at `now_ms`, or say how long until
    /// they fit. A reply larger than a cap goes when the window is empty.
    ///
    /// # Errors
    /// The wait, when a cap is reached.
    pub fn take(&mut self, emails: u32, now_ms: u64) -> Result<(), Duration> {
        self.forget(now_ms);
        let wait = self
            .minute_wait(emails, now_ms)
            .max(self.day_wait(emails, now_ms));
        if !wait.is_zero() {
            return Err(wait);
        }
        if self.per_minute > 0 {
            self.minute
                .extend(std::iter::repeat_n(now_ms, emails as usize));
        }
        *self.hours.entry(now_ms / HOUR_MS).or_default() += emails;
        Ok(())
    }

    /// Give back emails taken at `taken_ms` that the relay did not accept.
    pub fn give_back(&mut self, emails: u32, taken_ms: u64) {
        for _ in 0..emails {
            match self.minute.iter().rposition(|t| *t == taken_ms) {
                Some(i) => {
                    self.minute.remove(i);
                }
                None => break,
            }
        }
        if let Some(n) = self.hours.get_mut(&(taken_ms / HOUR_MS)) {
            *n = n.saturating_sub(emails);
        }
    }

    /// Emails per clock hour, for the state file: numbers only.
    pub fn hours(&self) -> Vec<(u64, u32)> {
        self.hours
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(h, n)| (*h, *n))
            .collect()
    }

    /// Emails in the day's window at `now_ms`.
    pub fn sent_today(&self, now_ms: u64) -> u32 {
        let first = (now_ms / HOUR_MS).saturating_sub(HOURS_KEPT - 1);
        self.hours.range(first..).map(|(_, n)| n).sum()
    }

    fn forget(&mut self, now_ms: u64) {
        while self.minute.front().is_some_and(|t| t + MINUTE_MS <= now_ms) {
            self.minute.pop_front();
        }
        let first = (now_ms / HOUR_MS).saturating_sub(HOURS_KEPT - 1);
        self.hours = self.hours.split_off(&first);
    }

    fn minute_wait(&self, emails: u32, now_ms: u64) -> Duration {
        let cap = self.per_minute as usize;
        let used = self.minute.len();
        if cap == 0 || used == 0 || used + emails as usize <= cap {
            return Duration::ZERO;
        }
        // Enough of the oldest must leave the window for these to fit.
        let leaving = (used + emails as usize).saturating_sub(cap).min(used);
        let frees_at = self.minute[leaving - 1] + MINUTE_MS;
        Duration::from_millis(frees_at.saturating_sub(now_ms))
    }

    fn day_wait(&self, emails: u32, now_ms: u64) -> Duration {
        let used = self.sent_today(now_ms);
        if self.per_day == 0 || used == 0 || used + emails <= self.per_day {
            return Duration::ZERO;
        }
        let mut leaving = used + emails - self.per_day;
        for (hour, n) in &self.hours {
            if leaving <= *n {
                let frees_at = (hour + HOURS_KEPT) * HOUR_MS;
                return Duration::from_millis(frees_at.saturating_sub(now_ms));
            }
            leaving -= n;
        }
        Duration::ZERO
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: u64 = 1_800_000_000_000;

    #[test]
    fn the_minute_cap_says_when_a_place_frees() {
        let mut budget = SendBudget::new(3, 0, &[]);
        for i in 0..3 {
            assert_eq!(budget.take(1, T0 + i * 1000), Ok(()));
        }
        assert_eq!(
            budget.take(1, T0 + 10_000),
            Err(Duration::from_millis(50_000))
        );
        // Two at once wait for the two oldest to leave.
        assert_eq!(
            budget.take(2, T0 + 10_000),
            Err(Duration::from_millis(51_000))
        );
        assert_eq!(budget.take(1, T0 + MINUTE_MS), Ok(()));
    }

    #[test]
    fn the_day_cap_counts_every_hour_of_a_rolling_day() {
        let mut budget = SendBudget::new(0, 10, &[]);
        let hour = |h: u64| T0 - T0 % HOUR_MS + h * HOUR_MS;
        assert_eq!(budget.take(6, hour(0)), Ok(()));
        assert_eq!(budget.take(4, hour(5)), Ok(()));
        // Full until hour 0's six leave the window, 25 clock hours on.
        let at = hour(23) + 1234;
        assert_eq!(
            budget.take(1, at),
            Err(Duration::from_millis(hour(25) - at))
        );
        assert_eq!(budget.take(6, hour(25)), Ok(()));
        assert_eq!(budget.sent_today(hour(25)), 10);
    }

    #[test]
    fn a_restart_keeps_the_day_and_a_refusal_gives_back() {
        let mut first = SendBudget::new(0, 5, &[]);
        assert_eq!(first.take(4, T0), Ok(()));
        let mut second = SendBudget::new(0, 5, &first.hours());
        assert!(second.take(2, T0 + 1000).is_err());
        assert_eq!(second.take(1, T0 + 1000), Ok(()));
        second.give_back(1, T0 + 1000);
        assert_eq!(second.sent_today(T0 + 1000), 4);
    }

    #[test]
    fn a_reply_larger_than_a_cap_goes_alone_and_no_cap_is_no_limit() {
        let mut budget = SendBudget::new(4, 0, &[]);
        assert_eq!(budget.take(6, T0), Ok(()));
        assert!(budget.take(1, T0 + 1).is_err());
        let mut free = SendBudget::new(0, 0, &[]);
        assert!(!free.is_capped());
        for i in 0..10_000 {
            assert_eq!(free.take(6, T0 + i), Ok(()));
        }
    }
}
