//! Which messages, when several instances share the mailbox. Each
//! instance used to take a scan's messages oldest first, a few at a time
//! as its places in flight came free, from a list that went stale as the
//! others took from it: three instances answering a burst of 1,000 lost
//! about 1,500 claims (each a conditional store the server did for
//! nothing) for the 1,000 they won.
//!
//! Two changes bring that to about 40 (`scripts/bench-mail --instances
//! 3`). An instance takes from a scan only as many messages as it has
//! places free (or an eighth of a long backlog), and scans again for
//! more. And each
//! instance has its own place on a circle (instance N at the fractional
//! part of (N − 1) × the golden ratio, which keeps any of 1..=16 far
//! apart), as has each message (its UID times the golden ratio, which
//! spreads consecutive UIDs evenly): an instance takes the messages just
//! after its own place first, mostly ones no other instance wants yet. A
//! message waiting longer than [`OVERDUE`] goes first, oldest first, so
//! one far from every live instance's place is not left behind by a
//! stream of new mail.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use tokio::time::Instant;

use crate::mailbox::Candidate;

/// Waiting longer than this, a message is taken before any newer one.
pub(super) const OVERDUE: Duration = Duration::from_secs(30);

const GOLDEN: f64 = 0.618_033_988_749_894_9;

/// This instance's place, and when each message in the mailbox was first
/// seen (in memory only, like the leases).
#[derive(Debug)]
pub(super) struct Spread {
    place: f64,
    first_seen: HashMap<u32, Instant>,
}

impl Spread {
    pub(super) fn new(instance: u8) -> Spread {
        Spread {
            place: (f64::from(instance.saturating_sub(1)) * GOLDEN).fract(),
            first_seen: HashMap::new(),
        }
    }

    /// Of a scan, oldest first, keep what this instance takes now, in
    /// the order it takes them: every message it holds already (taken
    /// over, recovered, waiting for a retry), then `places` new ones, or
    /// an eighth of them if more. By the time it has taken those, the
    /// others will have taken much of the rest, and the next scan shows
    /// which.
    pub(super) fn choose(&mut self, queue: &mut VecDeque<Candidate>, places: usize, now: Instant) {
        let mut first_seen = HashMap::with_capacity(queue.len());
        for c in queue.iter() {
            let at = self.first_seen.get(&c.uid).copied().unwrap_or(now);
            first_seen.insert(c.uid, at);
        }
        // Messages gone from the mailbox are forgotten.
        self.first_seen = first_seen;
        let place = self.place;
        let key = |c: &Candidate| {
            let overdue = now.saturating_duration_since(self.first_seen[&c.uid]) >= OVERDUE;
            if c.claimed || c.sent {
                (0, 0.0, c.uid)
            } else if overdue {
                (1, 0.0, c.uid)
            } else {
                let spot = (f64::from(c.uid) * GOLDEN).fract();
                (2, (spot - place).rem_euclid(1.0), c.uid)
            }
        };
        queue.make_contiguous().sort_by(|a, b| {
            key(a)
                .partial_cmp(&key(b))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let held = queue.iter().take_while(|c| c.claimed || c.sent).count();
        // An eighth of a long backlog at a time, so that each scan (which
        // reads every waiting message) answers a share of it: taking only
        // the free places would read a backlog of n n/places times. An
        // eighth of the circle after an instance's place is its own alone
        // for any three instances (their places are 0.236 or more apart).
        let fresh = queue.len() - held;
        queue.truncate(held + places.max(fresh / 8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(uids: impl IntoIterator<Item = u32>) -> VecDeque<Candidate> {
        uids.into_iter()
            .map(|uid| Candidate {
                uid,
                size: 100,
                claimed: false,
                sent: false,
                modseq: None,
            })
            .collect()
    }

    fn uids(queue: &VecDeque<Candidate>) -> Vec<u32> {
        queue.iter().map(|c| c.uid).collect()
    }

    #[test]
    fn instances_start_with_different_messages() {
        let now = Instant::now();
        let firsts: Vec<Vec<u32>> = (1..=3)
            .map(|instance| {
                let mut queue = scan(1..=30);
                Spread::new(instance).choose(&mut queue, 8, now);
                uids(&queue)
            })
            .collect();
        // The first batches (8 in flight each) barely overlap: oldest
        // first, all three would ask for the same 8. Instance 1's arc is
        // the shortest of the three (0.236 of the circle), so its 7th and
        // 8th are instance 3's first two.
        let mut asked: Vec<u32> = firsts.concat();
        asked.sort_unstable();
        asked.dedup();
        assert!(asked.len() >= 22, "{firsts:?}");
    }

    #[test]
    fn a_message_waiting_past_overdue_goes_first_oldest_first() {
        let start = Instant::now();
        let mut spread = Spread::new(2);
        let mut queue = scan([5, 9]);
        spread.choose(&mut queue, 8, start);
        // New mail arrives; 5 and 9 have waited past OVERDUE.
        let later = start + OVERDUE;
        let mut queue = scan([5, 9, 10, 11, 12, 13]);
        spread.choose(&mut queue, 8, later);
        assert_eq!(uids(&queue)[..2], [5, 9]);
        // Gone from the mailbox, forgotten: seen again, it is new, taken
        // in the order a fresh instance would take it.
        spread.choose(&mut scan([10]), 8, later);
        let mut queue = scan([5, 9, 10, 11]);
        spread.choose(&mut queue, 8, later + OVERDUE / 2);
        let mut fresh = scan([5, 9, 10, 11]);
        Spread::new(2).choose(&mut fresh, 8, later);
        assert_eq!(uids(&queue), uids(&fresh));
        assert_ne!(uids(&queue)[..2], [5, 9]);
    }

    #[test]
    fn messages_held_already_are_all_kept_then_as_many_new_as_places() {
        let mut queue = scan(1..=20);
        for c in queue.iter_mut().filter(|c| c.uid % 5 == 0) {
            c.claimed = true; // taken over, recovered or waiting to retry
        }
        Spread::new(1).choose(&mut queue, 3, Instant::now());
        assert_eq!(uids(&queue)[..4], [5, 10, 15, 20]);
        assert_eq!(queue.len(), 4 + 3);
        // A long backlog: an eighth of it.
        let mut queue = scan(1..=800);
        Spread::new(1).choose(&mut queue, 3, Instant::now());
        assert_eq!(queue.len(), 100);
    }
}
