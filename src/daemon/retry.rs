//! Trying again: a message that failed for a passing reason waits,
//! doubling each time, before it is taken again; a lost connection is
//! reopened after a jittered, capped backoff.

use std::collections::VecDeque;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::time::Duration;

use tokio::time::Instant;

use super::Daemon;
use crate::config::DaemonConfig;
use crate::mailbox::Candidate;

impl<L, O> Daemon<L, O> {
    /// Candidates that may be tried now, oldest first. Retry times of
    /// messages no longer there are forgotten, or the loop would wake for
    /// them for ever.
    pub(super) fn ready(&mut self, candidates: Vec<Candidate>) -> VecDeque<Candidate> {
        let present: std::collections::HashSet<u32> = candidates.iter().map(|c| c.uid).collect();
        self.retry.retain(|uid, _| present.contains(uid));
        let now = Instant::now();
        candidates
            .into_iter()
            .filter(|c| self.retry.get(&c.uid).is_none_or(|(_, at)| *at <= now))
            .collect()
    }

    pub(super) fn next_retry(&self) -> Option<Instant> {
        self.retry.values().map(|(_, at)| *at).min()
    }
}

/// The wait before attempt `attempts + 1`: doubling from the minimum up to
/// the maximum.
pub(super) fn retry_wait(config: DaemonConfig, attempts: u32) -> Duration {
    let factor = 1u32 << attempts.saturating_sub(1).min(16);
    config
        .retry_min
        .saturating_mul(factor)
        .min(config.retry_max)
}

/// Capped exponential backoff with jitter, for reconnecting.
pub(super) struct Backoff {
    first: Duration,
    cap: Duration,
    next: Duration,
}

impl Backoff {
    pub(super) fn new(first: Duration, cap: Duration) -> Backoff {
        Backoff {
            first,
            cap,
            next: first,
        }
    }

    pub(super) fn reset(&mut self) {
        self.next = self.first;
    }

    /// The next pause: between half and all of the current step, so many
    /// daemons restarting together do not reconnect in step.
    pub(super) fn next(&mut self) -> Duration {
        let step = self.next;
        self.next = (self.next * 2).min(self.cap);
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(0);
        let fraction = (hasher.finish() % 1000) as f64 / 1000.0;
        step.mul_f64(0.5 + fraction / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_up_to_the_cap() {
        let config = DaemonConfig {
            max_in_flight: 1,
            retry_min: Duration::from_secs(30),
            retry_max: Duration::from_secs(300),
            sharing: None,
        };
        let waits: Vec<u64> = (1..=6).map(|n| retry_wait(config, n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 300, 300]);
    }

    #[test]
    fn reconnect_pauses_grow_with_jitter_and_stop_at_the_cap() {
        let mut b = Backoff::new(Duration::from_secs(1), Duration::from_secs(8));
        let pauses: Vec<Duration> = (0..6).map(|_| b.next()).collect();
        for (pause, step) in pauses.iter().zip([1, 2, 4, 8, 8, 8]) {
            let step = Duration::from_secs(step);
            assert!(
                *pause >= step / 2 && *pause <= step,
                "{pause:?} for {step:?}"
            );
        }
        b.reset();
        assert!(b.next() <= Duration::from_secs(1));
    }
}
