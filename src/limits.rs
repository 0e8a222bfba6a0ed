//! Reply caps: how many replies one address, one domain and everyone
//! together may get, so a flood or a forged sender list cannot make the
//! campaign's address a source of mass mail.
//!
//! Kept in memory only, and keyed by a salted hash of the address with a
//! salt made at start-up and never written anywhere: the caps need to tell
//! senders apart, not to know who they are. A restart forgets them, which
//! errs towards answering. Pure: the time is passed in.

use crate::email_address::domain;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::config::LimitsConfig;

const DAY: Duration = Duration::from_secs(24 * 3600);
const HOUR: Duration = Duration::from_secs(3600);

/// The kind of reply about to be sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyKind {
    Letters,
    Help,
}

/// Whether a reply may go now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Send it; the reply is counted against the caps.
    Allow,
    /// This address has had its replies for today: answer it no more.
    SenderCapped,
    /// Its domain, or everyone together, has had this hour's replies: the
    /// mail waits and is tried again later.
    Busy,
}

/// A salted hash of a lower-cased address or domain.
type Key = [u8; 16];

/// The caps and the replies counted against them.
#[derive(Debug)]
pub struct Limits {
    config: LimitsConfig,
    salt: [u8; 16],
    sender: HashMap<Key, VecDeque<Instant>>,
    help: HashMap<Key, VecDeque<Instant>>,
    domain: HashMap<Key, VecDeque<Instant>>,
    all: VecDeque<Instant>,
    calls: u32,
}

impl Limits {
    pub fn new(config: LimitsConfig) -> Limits {
        // RandomState is seeded from the OS per process.
        let mut salt = [0u8; 16];
        for half in salt.chunks_mut(8) {
            let mut hasher = RandomState::new().build_hasher();
            hasher.write_u8(0);
            half.copy_from_slice(&hasher.finish().to_le_bytes());
        }
        Limits {
            config,
            salt,
            sender: HashMap::new(),
            help: HashMap::new(),
            domain: HashMap::new(),
            all: VecDeque::new(),
            calls: 0,
        }
    }

    /// Decide whether a reply of `kind` to `address`, made of `emails`
    /// messages, may go at `now`, and if so count it. The caps per sender
    /// count answers (a reply in one email per letter is one answer); the
    /// caps per domain and overall count emails, because they guard the
    /// volume the campaign's mailbox sends.
    pub fn take(&mut self, address: &str, kind: ReplyKind, emails: u32, now: Instant) -> Verdict {
        let emails = emails.max(1);
        self.calls = self.calls.wrapping_add(1);
        if self.calls.is_multiple_of(1024) {
            self.forget_old(now);
        }
        let sender = self.key(address);
        let domain = self.key(domain(address).unwrap_or(""));
        let c = self.config;
        if full(
            self.sender.get_mut(&sender),
            c.per_sender_per_day,
            DAY,
            now,
            1,
        ) || (kind == ReplyKind::Help
            && full(
                self.help.get_mut(&sender),
                c.help_per_sender_per_day,
                DAY,
                now,
                1,
            ))
        {
            return Verdict::SenderCapped;
        }
        if full(
            self.domain.get_mut(&domain),
            c.per_domain_per_hour,
            HOUR,
            now,
            emails,
        ) || full(Some(&mut self.all), c.per_hour, HOUR, now, emails)
        {
            return Verdict::Busy;
        }
        self.sender.entry(sender).or_default().push_back(now);
        if kind == ReplyKind::Help {
            self.help.entry(sender).or_default().push_back(now);
        }
        for _ in 0..emails {
            self.domain.entry(domain).or_default().push_back(now);
            self.all.push_back(now);
        }
        Verdict::Allow
    }

    /// Give back a reply counted by [`Limits::take`] that was not sent
    /// after all (the relay failed), so a retry is not held against it.
    pub fn give_back(&mut self, address: &str, kind: ReplyKind, emails: u32) {
        let sender = self.key(address);
        let domain = self.key(domain(address).unwrap_or(""));
        let pop = |q: Option<&mut VecDeque<Instant>>| {
            if let Some(q) = q {
                q.pop_back();
            }
        };
        pop(self.sender.get_mut(&sender));
        if kind == ReplyKind::Help {
            pop(self.help.get_mut(&sender));
        }
        for _ in 0..emails.max(1) {
            pop(self.domain.get_mut(&domain));
            pop(Some(&mut self.all));
        }
    }

    /// Drop what no cap looks at any more, so memory stays bounded by the
    /// last day's senders.
    fn forget_old(&mut self, now: Instant) {
        for (map, window) in [
            (&mut self.sender, DAY),
            (&mut self.help, DAY),
            (&mut self.domain, HOUR),
        ] {
            map.retain(|_, q| {
                expire(q, window, now);
                !q.is_empty()
            });
        }
        // Trimmed by `full` only while the hourly cap is on.
        expire(&mut self.all, HOUR, now);
    }

    fn key(&self, value: &str) -> Key {
        let digest = Sha256::new()
            .chain_update(self.salt)
            .chain_update(value.trim().to_ascii_lowercase())
            .finalize();
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        key
    }
}

/// Whether `queue` already holds `cap` replies within `window` of `now`.
/// Whether `adding` more would take `queue` over `cap` in `window`; a cap
/// of 0 is no cap. A reply bigger than the whole cap still goes when the
/// queue is empty, or it could never go.
fn full(
    queue: Option<&mut VecDeque<Instant>>,
    cap: u32,
    window: Duration,
    now: Instant,
    adding: u32,
) -> bool {
    if cap == 0 {
        return false;
    }
    let Some(queue) = queue else { return false };
    expire(queue, window, now);
    !queue.is_empty() && queue.len() + adding as usize > cap as usize
}

fn expire(queue: &mut VecDeque<Instant>, window: Duration, now: Instant) {
    while queue
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= window)
    {
        queue.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_sender: u32, help: u32, per_domain: u32, all: u32) -> Limits {
        Limits::new(LimitsConfig {
            per_sender_per_day: per_sender,
            help_per_sender_per_day: help,
            per_domain_per_hour: per_domain,
            per_hour: all,
        })
    }

    #[test]
    fn nothing_is_kept_past_its_window_with_the_caps_off() {
        let mut l = limits(0, 0, 0, 0);
        let t = Instant::now();
        for i in 0..5000 {
            let verdict = l.take(&format!("p{i}@example.org"), ReplyKind::Letters, 1, t);
            assert_eq!(verdict, Verdict::Allow);
        }
        l.forget_old(t + DAY);
        assert!(l.sender.is_empty() && l.domain.is_empty() && l.all.is_empty());
    }

    #[test]
    fn a_sender_gets_at_most_the_daily_cap_then_again_a_day_later() {
        let mut l = limits(3, 2, 0, 0);
        let t0 = Instant::now();
        for i in 0..3 {
            let at = t0 + Duration::from_secs(i);
            assert_eq!(
                l.take("Jane@Example.org", ReplyKind::Letters, 1, at),
                Verdict::Allow
            );
        }
        let later = t0 + Duration::from_secs(3600);
        assert_eq!(
            l.take("jane@example.org", ReplyKind::Letters, 1, later),
            Verdict::SenderCapped
        );
        assert_eq!(
            l.take("ann@example.org", ReplyKind::Letters, 1, later),
            Verdict::Allow
        );
        assert_eq!(
            l.take("jane@example.org", ReplyKind::Letters, 1, t0 + DAY),
            Verdict::Allow,
            "the first reply left the window"
        );
    }

    #[test]
    fn help_replies_have_their_own_smaller_cap() {
        let mut l = limits(3, 1, 0, 0);
        let t = Instant::now();
        assert_eq!(
            l.take("jane@example.org", ReplyKind::Help, 1, t),
            Verdict::Allow
        );
        assert_eq!(
            l.take("jane@example.org", ReplyKind::Help, 1, t),
            Verdict::SenderCapped
        );
        assert_eq!(
            l.take("jane@example.org", ReplyKind::Letters, 1, t),
            Verdict::Allow
        );
    }

    #[test]
    fn domain_and_overall_caps_make_mail_wait() {
        let mut l = limits(0, 0, 2, 3);
        let t = Instant::now();
        assert_eq!(
            l.take("a@one.example", ReplyKind::Letters, 1, t),
            Verdict::Allow
        );
        assert_eq!(
            l.take("b@one.example", ReplyKind::Letters, 1, t),
            Verdict::Allow
        );
        assert_eq!(
            l.take("c@one.example", ReplyKind::Letters, 1, t),
            Verdict::Busy
        );
        assert_eq!(
            l.take("d@two.example", ReplyKind::Letters, 1, t),
            Verdict::Allow
        );
        assert_eq!(
            l.take("e@three.example", ReplyKind::Letters, 1, t),
            Verdict::Busy
        );
        let next_hour = t + HOUR;
        assert_eq!(
            l.take("c@one.example", ReplyKind::Letters, 1, next_hour),
            Verdict::Allow
        );
    }

    #[test]
    fn a_reply_given_back_does_not_count() {
        let mut l = limits(1, 1, 1, 1);
        let t = Instant::now();
        assert_eq!(
            l.take("jane@example.org", ReplyKind::Help, 1, t),
            Verdict::Allow
        );
        l.give_back("jane@example.org", ReplyKind::Help, 1);
        assert_eq!(
            l.take("jane@example.org", ReplyKind::Help, 1, t),
            Verdict::Allow
        );
    }

    #[test]
    fn zero_means_no_cap_and_old_entries_are_forgotten() {
        let mut l = limits(0, 0, 0, 0);
        let t = Instant::now();
        for i in 0..5000 {
            assert_eq!(
                l.take(&format!("p{i}@example.org"), ReplyKind::Letters, 1, t),
                Verdict::Allow
            );
        }
        l.forget_old(t + DAY);
        assert!(l.sender.is_empty() && l.domain.is_empty());
    }

    #[test]
    fn a_reply_in_several_emails_is_one_answer_and_several_emails() {
        // Six emails (a summary and five letters): one answer to the
        // sender, six against the hourly caps.
        let mut l = limits(2, 1, 0, 8);
        let t = Instant::now();
        assert_eq!(
            l.take("a@one.example", ReplyKind::Letters, 6, t),
            Verdict::Allow
        );
        assert_eq!(
            l.take("b@one.example", ReplyKind::Letters, 6, t),
            Verdict::Busy,
            "6 + 6 emails exceed 8 an hour"
        );
        assert_eq!(
            l.take("b@one.example", ReplyKind::Letters, 2, t),
            Verdict::Allow
        );
        l.give_back("b@one.example", ReplyKind::Letters, 2);
        assert_eq!(l.all.len(), 6, "given back, email by email");
        assert_eq!(
            l.take("a@one.example", ReplyKind::Letters, 2, t),
            Verdict::Allow
        );
        assert_eq!(
            l.take("a@one.example", ReplyKind::Letters, 1, t),
            Verdict::SenderCapped,
            "two answers a day for a, whatever their size"
        );
        // A reply bigger than the whole cap still goes into an empty hour.
        let mut small = limits(0, 0, 0, 3);
        assert_eq!(
            small.take("c@two.example", ReplyKind::Letters, 6, t),
            Verdict::Allow
        );
    }
}
