//! Which message first, when several instances share the mailbox. Woken
//! by the same new mail, they would all ask for the oldest message first,
//! and each instance's list from its last scan goes stale as the others
//! take from it: three instances lost about two claims for each one they
//! won, every lost claim a conditional store the server does for nothing.
//!
//! So each instance has its own place on a circle (instance N at the
//! fractional part of (N − 1) × the golden ratio, which keeps any of
//! 1..=16 far apart), and so has each message (its UID times the golden
//! ratio, which spreads consecutive UIDs evenly). An instance takes the
//! messages just after its own place first: mostly ones no other instance
//! wants yet. A message waiting longer than [`OVERDUE`] goes first,
//! oldest first, so one on the arc of an instance that is gone is not left
//! behind by a stream of new mail.

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

    /// Put a scan's messages in the order this instance takes them.
    pub(super) fn order(&mut self, queue: &mut VecDeque<Candidate>, now: Instant) {
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
            if overdue {
                (0, 0.0, c.uid)
            } else {
                let spot = (f64::from(c.uid) * GOLDEN).fract();
                (1, (spot - place).rem_euclid(1.0), c.uid)
            }
        };
        queue.make_contiguous().sort_by(|a, b| {
            key(a)
                .partial_cmp(&key(b))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
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
    fn instances_start_with_different_messages_and_keep_every_one() {
        let now = Instant::now();
        let firsts: Vec<Vec<u32>> = (1..=3)
            .map(|instance| {
                let mut queue = scan(1..=30);
                Spread::new(instance).order(&mut queue, now);
                let mut all = uids(&queue);
                let first = all[..8].to_vec();
                all.sort_unstable();
                assert_eq!(all, (1..=30).collect::<Vec<_>>(), "every message kept");
                first
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
        spread.order(&mut queue, start);
        // New mail arrives; 5 and 9 have waited past OVERDUE.
        let later = start + OVERDUE;
        let mut queue = scan([5, 9, 10, 11, 12, 13]);
        spread.order(&mut queue, later);
        assert_eq!(uids(&queue)[..2], [5, 9]);
        // Gone from the mailbox, forgotten: seen again, it is new, taken
        // in the order a fresh instance would take it.
        spread.order(&mut scan([10]), later);
        let mut queue = scan([5, 9, 10, 11]);
        spread.order(&mut queue, later + OVERDUE / 2);
        let mut fresh = scan([5, 9, 10, 11]);
        Spread::new(2).order(&mut fresh, later);
        assert_eq!(uids(&queue), uids(&fresh));
        assert_ne!(uids(&queue)[..2], [5, 9]);
    }
}
