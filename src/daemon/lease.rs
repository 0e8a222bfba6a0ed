//! Other instances' claims, when several share the mailbox
//! (`daemon.claim_lease_secs`): left alone while they change, taken over
//! once one has not changed for the lease (plus 5 s for each instance
//! number above 1, so takers try one at a time). That is how a dead instance's
//! messages get answered, with the crash promise of a restart (at most one
//! duplicate reply per message it had in flight).
//!
//! A lease is measured here, in memory: from the first scan that saw the
//! claim at its mod-sequence (or, without one, saw it at all). An instance
//! that holds a claim changes the message when it finishes (the sent
//! keyword, then the removal), and holds it unchanged no longer than a
//! send takes, so a claim unchanged for the lease is a dead instance's.
//! Nothing about a message is written anywhere: a restart only starts the
//! wait again.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;
use tracing::info;

use super::Daemon;
use crate::config::Sharing;
use crate::mailbox::{Candidate, Mailbox, MailboxError};

/// The claims seen held by others, and since when unchanged.
#[derive(Debug)]
pub(super) struct Leases {
    lease: Duration,
    /// UID → (its mod-sequence, when first seen at it).
    seen: HashMap<u32, (Option<u64>, Instant)>,
}

impl Leases {
    /// Instances wait 5 s longer per number above 1, so two of them do
    /// not try to take over the same claim at the same moment.
    pub(super) fn new(sharing: Sharing) -> Leases {
        let stagger = Duration::from_secs(5) * u32::from(sharing.instance.saturating_sub(1));
        Leases {
            lease: sharing.lease + stagger,
            seen: HashMap::new(),
        }
    }

    /// Split a scan: what this instance may work on now, and other
    /// instances' claims whose lease ran out. Other claims are left out
    /// and remembered; `ours` says which UIDs this instance holds.
    pub(super) fn sort(
        &mut self,
        candidates: Vec<Candidate>,
        ours: impl Fn(u32) -> bool,
        now: Instant,
    ) -> (Vec<Candidate>, Vec<Candidate>) {
        let mut seen = HashMap::new();
        let (mut open, mut stale) = (Vec::new(), Vec::new());
        for candidate in candidates {
            let uid = candidate.uid;
            if !(candidate.claimed || candidate.sent) || ours(uid) {
                open.push(candidate);
                continue;
            }
            let since = match self.seen.get(&uid) {
                Some((modseq, since)) if *modseq == candidate.modseq => *since,
                _ => now,
            };
            if now.saturating_duration_since(since) >= self.lease {
                stale.push(candidate);
            } else {
                seen.insert(uid, (candidate.modseq, since));
            }
        }
        // Claims gone from the mailbox are forgotten.
        self.seen = seen;
        (open, stale)
    }

    /// When the first remembered claim's lease runs out.
    pub(super) fn next_expiry(&self) -> Option<Instant> {
        self.seen
            .values()
            .map(|(_, since)| *since + self.lease)
            .min()
    }
}

impl<L, O> Daemon<L, O> {
    /// With several instances: a scan without the claims others hold,
    /// but with those taken over here because their lease ran out.
    pub(super) async fn without_others_claims<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        candidates: Vec<Candidate>,
    ) -> Result<Vec<Candidate>, MailboxError> {
        let Some(leases) = self.others.as_mut().map(|o| &mut o.leases) else {
            return Ok(candidates);
        };
        let (taken, retry) = (&self.taken, &self.retry);
        let ours = |uid| taken.contains_key(&uid) || retry.contains_key(&uid);
        let (mut open, stale) = leases.sort(candidates, ours, Instant::now());
        if stale.is_empty() {
            return Ok(open);
        }
        let uids: Vec<u32> = stale.iter().map(|c| c.uid).collect();
        let taken = mailbox.take_over(&uids).await?;
        let metrics = &self.shared.status.metrics;
        metrics.claims("taken_over", taken.len());
        if !taken.is_empty() {
            info!(
                messages = taken.len(),
                "taking over claims left unchanged for the lease"
            );
        }
        // Held from now on by the UID the take-over gave.
        open.extend(stale.into_iter().filter_map(|c| {
            let (_, uid) = taken.iter().find(|(from, _)| *from == c.uid)?;
            Some(Candidate { uid: *uid, ..c })
        }));
        open.sort_by_key(|c| c.uid);
        Ok(open)
    }

    /// When another instance's claim seen here will have outlived its
    /// lease.
    pub(super) fn next_lease_expiry(&self) -> Option<Instant> {
        self.others.as_ref().and_then(|o| o.leases.next_expiry())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(uid: u32, modseq: u64) -> Candidate {
        Candidate {
            uid,
            size: 100,
            claimed: true,
            sent: false,
            modseq: Some(modseq),
        }
    }

    fn uids(candidates: &[Candidate]) -> Vec<u32> {
        candidates.iter().map(|c| c.uid).collect()
    }

    #[test]
    fn a_claim_is_taken_over_only_once_unchanged_for_the_lease() {
        let lease = Duration::from_secs(60);
        let mut leases = Leases::new(Sharing { lease, instance: 1 });
        let start = Instant::now();
        let fresh = Candidate {
            claimed: false,
            ..claim(1, 5)
        };
        let scan = || vec![fresh, claim(2, 7), claim(3, 9)];
        let (open, stale) = leases.sort(scan(), |_| false, start);
        assert_eq!((uids(&open), uids(&stale)), (vec![1], vec![]));
        assert_eq!(leases.next_expiry(), Some(start + lease));

        // Message 3 changed (its holder is at work): its wait starts again.
        let later = start + Duration::from_secs(59);
        let (_, stale) = leases.sort(vec![claim(2, 7), claim(3, 12)], |_| false, later);
        assert!(stale.is_empty());
        let at_lease = start + lease;
        let (_, stale) = leases.sort(vec![claim(2, 7), claim(3, 12)], |_| false, at_lease);
        assert_eq!(uids(&stale), [2]);
        assert_eq!(leases.next_expiry(), Some(later + lease));
    }

    #[test]
    fn own_claims_pass_and_vanished_ones_are_forgotten() {
        let mut leases = Leases::new(Sharing {
            lease: Duration::from_secs(60),
            instance: 1,
        });
        let now = Instant::now();
        let (open, _) = leases.sort(vec![claim(4, 1), claim(5, 1)], |uid| uid == 4, now);
        assert_eq!(uids(&open), [4]);
        let (open, stale) = leases.sort(Vec::new(), |_| false, now);
        assert!(open.is_empty() && stale.is_empty());
        assert_eq!(leases.next_expiry(), None);
    }
}
