//! SIGKILL at random moments during a burst of requests, on a real
//! Postfix and Dovecot: the daemon is killed and started again while the
//! burst arrives, then left to finish; `tests/mail_kill.rs` (keyword
//! claims) and `tests/mail_move_claims.rs` (claims by moving) run it.
//!
//! What it proves is the crash promise of src/daemon/mod.rs: no request is
//! lost (each answered, the campaign account empty); a crash repeats at
//! most one reply per message in flight, so at most `max_in_flight` per
//! kill in all, and only for messages found claimed after a restart; and
//! the count stays within replies sent − `max_in_flight` × kills ≤ count ≤
//! replies sent, with everyone answered counted at least once.
//!
//! The moments come from a seeded generator; the seed is printed, and
//! `POSTBAG_TEST_KILL_SEED=N` runs the same moments again (the machine's
//! timing still varies, so the run is alike, not the same).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::mailstack::{
    Daemon, SAMPLE_POSTCODES, Stack, queue_id, state, stats, supporter_mail, to_address, wait_for,
};

/// Generous: the machine may be small and busy. Nothing is timed.
const WAIT: Duration = Duration::from_secs(180);
pub(crate) const MAX_IN_FLIGHT: usize = 4;
/// How long each run lives before its SIGKILL, at random in this range:
/// from before the mailbox is open to a few batches in.
const LIFE_MS: std::ops::Range<u64> = 30..1000;
const RECOVERED: &str = "recovering a message claimed before a restart";

/// xorshift64*: small, seeded, good enough to pick moments.
struct Moments(u64);

impl Moments {
    fn next(&mut self, range: std::ops::Range<u64>) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        range.start + x % (range.end - range.start)
    }
}

fn seed() -> u64 {
    std::env::var("POSTBAG_TEST_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            // Never 0, which xorshift cannot leave.
            (now.as_nanos() as u64) | 1
        })
}

/// `n` requests arrive while postbag, run with `config`, is killed
/// `kills` times; then a last run answers the rest. Asserts the promise.
pub(crate) fn burst_with_kills(stack: &Stack, config: &Path, n: usize, kills: usize) {
    let started = Instant::now();
    let seed = seed();
    eprintln!("kill moments: POSTBAG_TEST_KILL_SEED={seed}");
    let mut moments = Moments(seed);
    let log = stack.dir.path().join("postbag.log");
    let mail: Vec<(String, Vec<u8>)> = (0..n)
        .map(|i| {
            let address = format!("kill{i}@people.test");
            let postcode = SAMPLE_POSTCODES[i % SAMPLE_POSTCODES.len()];
            let street = format!("{} Mill Lane", i + 1);
            (
                address.clone(),
                supporter_mail(&address, "Alex Roe", &street, postcode),
            )
        })
        .collect();

    // The burst arrives while the daemon is being killed.
    let mut progress = Vec::with_capacity(kills);
    let mut lives = Vec::with_capacity(kills);
    std::thread::scope(|scope| {
        scope.spawn(|| stack.submit(&mail));
        for _ in 0..kills {
            let life = moments.next(LIFE_MS);
            let daemon = Daemon::start(config, &[], &log);
            std::thread::sleep(Duration::from_millis(life));
            daemon.kill();
            lives.push(life);
            progress.push(stack.reply_count());
        }
    });
    let killed_at = started.elapsed();
    let left = stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX");

    let opened = |log: &Path| {
        std::fs::read_to_string(log)
            .unwrap_or_default()
            .matches("mailbox open")
            .count()
    };
    let before = opened(&log);
    let daemon = Daemon::start(config, &[], &log);
    // Up and listening for SIGTERM, even if nothing is left to do.
    wait_for(
        stack,
        &log,
        "the last run to open the mailbox",
        WAIT,
        || opened(&log) > before,
    );
    wait_for(stack, &log, "every request answered", WAIT, || {
        if stack.reply_count() < n {
            return false;
        }
        let mut answered = HashSet::new();
        for raw in stack.replies() {
            answered.insert(to_address(&raw));
        }
        answered.len() >= n
    });
    wait_for(
        stack,
        &log,
        "an empty campaign account and queue",
        WAIT,
        || stack.campaign_total() == 0 && stack.queue_len() == 0,
    );
    assert_eq!(daemon.stop(), Some(0), "{}", state(stack, &log));

    // A duplicate is a second reply postbag sent (a second acceptance by
    // the relay: another queue id), not a second delivery of one.
    let mut sent: HashMap<String, HashSet<String>> = HashMap::new();
    let mut deliveries = 0;
    for raw in stack.replies() {
        deliveries += 1;
        sent.entry(to_address(&raw))
            .or_default()
            .insert(queue_id(&raw));
    }
    let asked: HashSet<&String> = mail.iter().map(|(a, _)| a).collect();
    let unanswered: Vec<&&String> = asked.iter().filter(|a| !sent.contains_key(**a)).collect();
    assert!(unanswered.is_empty(), "no reply to {unanswered:?}");
    let strangers: Vec<&String> = sent.keys().filter(|a| !asked.contains(a)).collect();
    assert!(strangers.is_empty(), "replies to {strangers:?}");
    let replies: usize = sent.values().map(HashSet::len).sum();
    let duplicates = replies - n;
    let most = sent.values().map(HashSet::len).max().unwrap_or(0);
    let text = std::fs::read_to_string(&log).expect("log");
    let recovered = text.matches(RECOVERED).count();
    // How often one message was found claimed again: each time, its reply
    // may have gone once more.
    let mut recoveries: HashMap<&str, usize> = HashMap::new();
    for line in text.lines().filter(|l| l.contains(RECOVERED)) {
        let uid = line.rsplit("uid=").next().unwrap_or("?");
        *recoveries.entry(uid).or_default() += 1;
    }
    let most_recovered = recoveries.values().max().copied().unwrap_or(0);
    let counts = stats(config);
    let helped = counts["people_helped"].as_u64().expect("a number") as usize;
    let state_files: Vec<String> = std::fs::read_dir(stack.state_dir())
        .expect("the state folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    eprintln!(
        "{kills} SIGKILLs after {lives:?} ms, done by {killed_at:?}; replies delivered \
         at each: {progress:?}; {left} requests left in the INBOX after the last kill.\n\
         {replies} replies sent for {n} requests: {duplicates} duplicates (bound \
         {}), at most {most} to one supporter; {recovered} recoveries of claimed \
         messages after restarts, at most {most_recovered} of one; {} deliveries \
         repeated by the stack; \
         people_helped {helped} (bound [{}, {replies}]); state folder {state_files:?}; \
         {:?} in all",
        kills * MAX_IN_FLIGHT,
        deliveries - replies,
        replies.saturating_sub(kills * MAX_IN_FLIGHT),
        started.elapsed()
    );
    assert!(
        duplicates <= kills * MAX_IN_FLIGHT,
        "{duplicates} duplicates: more than {MAX_IN_FLIGHT} per crash"
    );
    // Every repeat is of a message found claimed but not marked sent.
    assert!(
        duplicates <= recovered,
        "{duplicates} duplicates but only {recovered} recovered messages"
    );
    assert!(
        helped <= replies && helped + kills * MAX_IN_FLIGHT >= replies,
        "people_helped {helped} for {replies} replies sent"
    );
    assert!(helped >= n, "everyone answered is counted: {helped}");
    assert_eq!(counts["help_replies"], 0, "{counts}");
}
