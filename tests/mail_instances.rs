//! Several postbag instances on one mailbox, on the real Postfix and
//! Dovecot: claims by CONDSTORE, so each request is claimed and answered
//! by one instance alone, and a dead instance's claims taken over after
//! the lease (`daemon.claim_lease_secs`, `src/daemon/lease.rs`).
//!
//! Each instance has its own state folder and its own `[http]` port,
//! whose `/metrics` says how many claims it won, lost and took over. They
//! share one count in PostgreSQL (`scripts/pgstack`). Claims by moving,
//! for servers without keywords, are taken over in
//! `tests/mail_move_claims.rs`.

#[path = "common/http_get.rs"]
mod http_get;
#[path = "common/instances.rs"]
mod instances;
#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/pgstack.rs"]
mod pgstack;

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

use instances::{
    Instance, WAIT, all_answered, claims, in_flight, instances_of, start_all, stop_all,
};
use mailstack::{Daemon, Stack, people_helped, requests, wait_until};
use pgstack::Pg;

const MAX_IN_FLIGHT: usize = 4;
/// The burst three instances answer together.
const N: usize = 1000;

/// A mail stack and a PostgreSQL, and three instances' configs for them
/// with a lease of `lease_secs` and the one count in the database.
fn three_on_one_count(lease_secs: u64) -> (Stack, Pg, Vec<Instance>) {
    let (stack, pg) = (Stack::start(), Pg::start());
    let daemon = format!("max_in_flight = {MAX_IN_FLIGHT}\nclaim_lease_secs = {lease_secs}");
    let shared = stack.config(&[("limits", "per_domain_per_hour = 0"), ("daemon", &daemon)]);
    let three = instances_of(&stack, &shared, 3, &pg.count_section());
    (stack, pg, three)
}

/// Mail Dovecot saved into the campaign mailbox, by its log.
fn campaign_deliveries(stack: &Stack) -> usize {
    std::fs::read_to_string(stack.dir.path().join("log/dovecot-info.log"))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains("lmtp(letters@campaign.test)") && l.contains("saved mail to"))
        .count()
}

/// The UIDs a log says were answered.
fn answered_uids(log: &Path) -> HashSet<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains(" answered uid="))
        .filter_map(|l| l.split("uid=").nth(1)?.split(' ').next().map(str::to_owned))
        .collect()
}

#[test]
fn three_instances_answer_1000_requests_once_with_one_count_through_a_database_restart() {
    let (stack, pg, three) = three_on_one_count(600);
    let daemons = start_all(&three);
    let asked = requests("three", N);
    let started = Instant::now();
    std::thread::scope(|scope| {
        scope.spawn(|| stack.submit(&asked));
        // PostgreSQL goes away for 2 s a third of the way through.
        wait_until("a third of the replies", WAIT, || {
            stack.reply_count() >= N / 3
        });
        pg.restart(2);
    });
    let replies = all_answered(&stack, &three[0].log, &asked);
    let took = started.elapsed();
    let won: Vec<u64> = three.iter().map(|i| claims(i.port, "won")).collect();
    let lost: Vec<u64> = three.iter().map(|i| claims(i.port, "lost")).collect();
    stop_all(daemons);
    // The restart was felt: some instance had to keep its count in memory.
    let outage = three.iter().any(|i| {
        std::fs::read_to_string(&i.log)
            .unwrap_or_default()
            .contains("the count store cannot be reached now")
    });
    assert!(outage, "no instance saw PostgreSQL go away");
    // One count, in PostgreSQL: each instance's `stats` reads it.
    let counts: Vec<u64> = three.iter().map(|i| people_helped(&i.config)).collect();
    // The UIDs each instance answered: none may be in two lists.
    let answered: Vec<HashSet<String>> = three.iter().map(|i| answered_uids(&i.log)).collect();
    let mut both = Vec::new();
    for (i, a) in answered.iter().enumerate() {
        for b in &answered[i + 1..] {
            both.extend(a.intersection(b).cloned());
        }
    }
    eprintln!(
        "{N} requests, 3 instances, PostgreSQL restarted at a third, {took:?}: claims won {won:?}, lost {lost:?}; people_helped {counts:?}; messages answered by two instances: {both:?}; deliveries into the campaign mailbox: {}; claims given up as made at the same moment as another's: {}",
        campaign_deliveries(&stack),
        three
            .iter()
            .map(|i| std::fs::read_to_string(&i.log)
                .unwrap_or_default()
                .matches("at the same moment as another")
                .count())
            .sum::<usize>()
    );
    if !both.is_empty() {
        for (n, i) in three.iter().enumerate() {
            let text = std::fs::read_to_string(&i.log).unwrap_or_default();
            for line in text.lines() {
                if both.iter().any(|uid| {
                    line.contains(&format!("uid={uid} "))
                        || line.contains(&format!(" {uid},"))
                        || line.contains(&format!("[{uid}"))
                        || line.contains(&format!(" {uid}]"))
                        || line.contains(&format!("STORE {uid} "))
                }) {
                    eprintln!("instance {n}: {line}");
                }
            }
        }
    }
    assert!(both.is_empty(), "answered by two instances: {both:?}");
    let twice: Vec<_> = replies.iter().filter(|(_, n)| **n != 1).collect();
    assert!(twice.is_empty(), "not answered exactly once: {twice:?}");
    assert_eq!(replies.len(), N);
    assert_eq!(
        won.iter().sum::<u64>(),
        N as u64,
        "each message claimed once"
    );
    assert_eq!(counts, [N as u64; 3], "the shared count");
    assert!(
        won.iter().filter(|w| **w > 0).count() >= 2,
        "the work was shared: {won:?}"
    );
}

#[test]
fn one_of_three_killed_for_good_in_a_1000_burst_its_claims_taken_over_after_the_lease() {
    let (stack, _pg, three) = three_on_one_count(5);
    let daemons = start_all(&three);
    let mut daemons = daemons.into_iter();
    let victim = daemons.next().expect("three");
    let survivors: Vec<Daemon> = daemons.collect();
    let asked = requests("lease", N);
    let mut held = 0;
    std::thread::scope(|scope| {
        scope.spawn(|| stack.submit(&asked));
        // Killed a moment into the burst, while it holds messages, as a
        // crash would find it; never restarted.
        std::thread::sleep(Duration::from_millis(1500));
        let deadline = Instant::now() + WAIT;
        while held == 0 && Instant::now() < deadline {
            held = in_flight(three[0].port);
            std::thread::sleep(Duration::from_millis(10));
        }
        victim.kill();
    });
    let killed = Instant::now();
    let replies = all_answered(&stack, &three[1].log, &asked);
    let taken_over: Vec<u64> = three[1..]
        .iter()
        .map(|i| claims(i.port, "taken_over"))
        .collect();
    let logs: Vec<String> = three[1..]
        .iter()
        .map(|i| std::fs::read_to_string(&i.log).expect("a survivor's log"))
        .collect();
    stop_all(survivors);
    let sent: usize = replies.values().sum();
    let duplicates = sent - asked.len();
    let total = people_helped(&three[1].config);
    eprintln!(
        "killed holding {held}; all answered {:?} after; claims taken over {taken_over:?}; \
         {duplicates} duplicates; shared count {total}",
        killed.elapsed()
    );
    assert_eq!(replies.len(), asked.len(), "every request answered");
    assert!(held > 0, "the victim was killed holding messages");
    assert!(
        taken_over.iter().sum::<u64>() >= 1,
        "its claims were taken over"
    );
    assert!(
        logs.iter()
            .any(|l| l.contains("taking over claims left unchanged for the lease"))
    );
    // The crash promise: at most one duplicate per message in flight.
    assert!(duplicates <= MAX_IN_FLIGHT, "{duplicates} duplicates");
    // The shared count (README): a message is marked sent only once its
    // count is written, and a repeat counts once, by its key.
    assert_eq!(total as usize, asked.len(), "the shared count");
}

#[test]
fn one_of_three_killed_10_times_in_a_1000_burst_loses_nothing_and_counts_once() {
    let (stack, _pg, three) = three_on_one_count(5);
    let steady = start_all(&three[1..]);
    let asked = requests("restart", N);
    let kills = 10;
    // Moments from the clock: the run is alike each time, not the same.
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos() as u64
        | 1;
    let mut lives = Vec::new();
    std::thread::scope(|scope| {
        scope.spawn(|| stack.submit(&asked));
        for _ in 0..kills {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let life = 300 + seed % 1200;
            let daemon = Daemon::start(&three[0].config, &[], &three[0].log);
            std::thread::sleep(Duration::from_millis(life));
            daemon.kill();
            lives.push(life);
        }
    });
    let last = Daemon::start(&three[0].config, &[], &three[0].log);
    let replies = all_answered(&stack, &three[1].log, &asked);
    let taken_over: u64 = three[1..]
        .iter()
        .map(|i| claims(i.port, "taken_over"))
        .sum();
    assert_eq!(last.stop(), Some(0));
    stop_all(steady);
    let sent: usize = replies.values().sum();
    let duplicates = sent - asked.len();
    // The one count, in PostgreSQL.
    let total = people_helped(&three[0].config);
    eprintln!(
        "{kills} SIGKILLs of instance 1 after {lives:?} ms; {sent} replies for {} requests: \
         {duplicates} duplicates (bound {}); {taken_over} claims taken over; count {total}",
        asked.len(),
        kills * MAX_IN_FLIGHT
    );
    assert_eq!(replies.len(), asked.len(), "every request answered");
    assert!(
        duplicates <= kills * MAX_IN_FLIGHT,
        "{duplicates} duplicates"
    );
    // The shared count after crashes (README): a message is marked sent
    // only once its count is written, and a repeat counts once (its key),
    // so each request is counted exactly once.
    assert_eq!(total as usize, asked.len(), "the shared count");
}
