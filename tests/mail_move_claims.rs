//! Claims by moving, for servers that keep no keywords (Exchange Online),
//! on the real Dovecot seen through a proxy that answers SELECT as
//! Exchange does (no `\*` in PERMANENTFLAGS): postbag sees it, claims by
//! `UID MOVE` into the processing folder, and keeps the crash promise
//! through SIGKILLs at random moments of a burst. With two instances on
//! the mailbox, a dead one's claims are taken over after the lease.

#[path = "common/http_get.rs"]
mod http_get;
#[path = "common/instances.rs"]
mod instances;
#[path = "common/kill_burst.rs"]
mod kill_burst;
#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/proxy.rs"]
mod proxy;
#[path = "common/run.rs"]
mod run;

use std::time::{Duration, Instant};

use instances::{WAIT, all_answered, claims, in_flight, instances_of};
use kill_burst::{MAX_IN_FLIGHT, burst_with_kills};
use mailstack::{Daemon, Stack, people_helped, requests};
use proxy::Proxy;

/// The stack's config with IMAP through a proxy that hides keywords.
fn without_keywords(stack: &Stack, sections: &[(&str, &str)]) -> (std::path::PathBuf, Proxy) {
    let proxy = Proxy::forward_exactly(
        stack.port("MAILSTACK_BASE_PORT") + 7,
        stack.port("MAILSTACK_IMAP_PORT"),
    );
    proxy.hide_keywords();
    let path = stack.config(sections);
    let text = std::fs::read_to_string(&path).expect("read");
    let imap = format!(
        "port = {}\nsecurity = \"starttls\"",
        stack.port("MAILSTACK_IMAP_PORT")
    );
    assert!(text.contains(&imap));
    let text = text.replacen(
        &imap,
        &format!("port = {}\nsecurity = \"none\"", proxy.port),
        1,
    );
    std::fs::write(&path, text).expect("write");
    (path, proxy)
}

#[test]
fn check_names_the_claim_by_moving_where_keywords_are_not_kept() {
    let stack = Stack::start();
    let (config, _proxy) = without_keywords(&stack, &[]);
    let path = config.display().to_string();
    let out = run::postbag(&["check", "--config", &path], &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("claims by moving into \"Postbag processing\""),
        "{text}"
    );
}

#[test]
fn sigkill_at_20_random_moments_of_a_200_burst_with_move_claims_loses_nothing() {
    let stack = Stack::start();
    let in_flight = format!("max_in_flight = {MAX_IN_FLIGHT}");
    let (config, _proxy) = without_keywords(
        &stack,
        &[
            ("limits", "per_domain_per_hour = 0"),
            ("daemon", &in_flight),
        ],
    );
    burst_with_kills(&stack, &config, 200, 20);
    assert_eq!(
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "Postbag processing"),
        0
    );
}

#[test]
fn a_dead_instances_claims_by_moving_are_taken_over_after_the_lease() {
    let stack = Stack::start();
    let daemon = format!("max_in_flight = {MAX_IN_FLIGHT}\nclaim_lease_secs = 5");
    let (shared, _proxy) = without_keywords(
        &stack,
        &[("limits", "per_domain_per_hour = 0"), ("daemon", &daemon)],
    );
    let two = instances_of(&stack, &shared, 2, "");
    // Instance 2 dies; instance 1 takes over after the lease alone.
    let survivor = Daemon::start(&two[0].config, &[], &two[0].log);
    let victim = Daemon::start(&two[1].config, &[], &two[1].log);
    survivor.wait_open(WAIT);
    victim.wait_open(WAIT);
    let asked = requests("moved", 200);
    let mut held = 0;
    std::thread::scope(|scope| {
        scope.spawn(|| stack.submit(&asked));
        let deadline = Instant::now() + WAIT;
        while held == 0 && Instant::now() < deadline {
            held = in_flight(two[1].port);
            std::thread::sleep(Duration::from_millis(10));
        }
        victim.kill();
    });
    let replies = all_answered(&stack, &two[0].log, &asked);
    let taken_over = claims(two[0].port, "taken_over");
    let log = std::fs::read_to_string(&two[0].log).expect("the survivor's log");
    assert_eq!(survivor.stop(), Some(0));
    let sent: usize = replies.values().sum();
    let duplicates = sent - asked.len();
    let total: u64 = two.iter().map(|i| people_helped(&i.config)).sum();
    eprintln!(
        "killed holding {held}; {taken_over} claims taken over; {duplicates} duplicates; \
         people helped {total}"
    );
    assert!(
        stack
            .folders("MAILSTACK_MAILDIR_CAMPAIGN")
            .contains_key("Postbag processing"),
        "claimed by moving"
    );
    assert!(log.contains("taking over claims left unchanged for the lease"));
    assert_eq!(replies.len(), asked.len(), "every request answered");
    assert!(held > 0, "the victim was killed holding messages");
    assert!(taken_over >= 1, "its claims were taken over");
    assert_eq!(
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "Postbag processing"),
        0,
        "nothing left in the processing folder"
    );
    assert!(duplicates <= MAX_IN_FLIGHT, "{duplicates} duplicates");
    // One count per instance here, summed: counted when sent, so a reply
    // the victim sent but had not counted is counted by the resend, if any.
    assert!(
        total as usize <= sent && total as usize + MAX_IN_FLIGHT >= sent,
        "count {total} for {sent} replies sent"
    );
}
