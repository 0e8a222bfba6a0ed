//! The running daemon as the outside sees it: the count as it stands,
//! whether the mailbox and the relay answer, and the [`Metrics`].
//!
//! The daemon writes here as it works; the HTTP listener only reads. All
//! of it is numbers and postbag's own codes: nothing about anyone.

use std::sync::RwLock;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

use crate::count::Counts;
use crate::metrics::Metrics;

/// What postbag last heard from the relay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relay {
    /// Nothing sent, nothing probed yet.
    Untried,
    /// It answered: a reply accepted, or a refusal of one reply.
    Answering,
    /// It could not be reached, or refused postbag itself.
    Failing,
}

/// The running daemon's state, shared with the HTTP listener.
#[derive(Debug)]
pub struct Status {
    counts: RwLock<Counts>,
    /// Changes each time the count does, so readers can keep what they
    /// made of it until then.
    generation: AtomicU64,
    /// When the count last changed (or the process started), in seconds
    /// since the epoch.
    counted_at: AtomicU64,
    mailbox_up: AtomicBool,
    relay: AtomicU8,
    /// When the relay last answered, in seconds since the epoch.
    relay_answered_at: AtomicU64,
    pub metrics: Metrics,
}

impl Default for Status {
    fn default() -> Status {
        Status {
            counts: RwLock::default(),
            generation: AtomicU64::new(0),
            counted_at: AtomicU64::new(epoch_seconds()),
            mailbox_up: AtomicBool::new(false),
            relay: AtomicU8::new(0),
            relay_answered_at: AtomicU64::new(0),
            metrics: Metrics::new(),
        }
    }
}

impl Status {
    pub fn new() -> Status {
        Status::default()
    }

    /// The count's generation, which changes with it, and when it last
    /// changed (seconds since the epoch).
    pub fn count_generation(&self) -> (u64, u64) {
        (
            self.generation.load(Ordering::Acquire),
            self.counted_at.load(Ordering::Relaxed),
        )
    }

    /// The count as it stands.
    pub fn counts(&self) -> Counts {
        self.counts
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub fn set_counts(&self, counts: &Counts) {
        let mut held = self
            .counts
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if *held != *counts {
            held.clone_from(counts);
            self.counted_at.store(epoch_seconds(), Ordering::Relaxed);
            self.generation.fetch_add(1, Ordering::Release);
        }
    }

    pub fn mailbox_up(&self) -> bool {
        self.mailbox_up.load(Ordering::Relaxed)
    }

    pub fn set_mailbox_up(&self, up: bool) {
        self.mailbox_up.store(up, Ordering::Relaxed);
    }

    pub fn relay(&self) -> Relay {
        match self.relay.load(Ordering::Relaxed) {
            1 => Relay::Answering,
            2 => Relay::Failing,
            _ => Relay::Untried,
        }
    }

    /// When the relay last answered (seconds since the epoch), if ever.
    pub fn relay_answered_at(&self) -> Option<u64> {
        Some(self.relay_answered_at.load(Ordering::Relaxed)).filter(|at| *at > 0)
    }

    /// The relay answered (`true`) or failed to (`false`), at `now`
    /// (seconds since the epoch).
    pub fn relay_heard(&self, answered: bool, now: u64) {
        if answered {
            self.relay_answered_at.store(now, Ordering::Relaxed);
        }
        self.relay
            .store(if answered { 1 } else { 2 }, Ordering::Relaxed);
    }
}

/// Seconds since the epoch, by the wall clock.
pub fn epoch_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
