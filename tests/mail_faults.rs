//! The daemon under load and under faults, on a real Postfix and Dovecot:
//! a burst of requests, a crash (SIGKILL) in the middle of one, Dovecot
//! restarting under it, a relay that answers 4xx before it takes a reply
//! (a fake one, written here), and one sender flooding the campaign.
//!
//! What each checks is the daemon's promise (src/daemon/mod.rs): every
//! request is answered; a crash repeats at most one reply per message in
//! flight and loses none; a lost connection repeats none.

#[path = "common/fake_relay.rs"]
mod fake_relay;
#[path = "common/mailstack.rs"]
mod mailstack;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use fake_relay::{FailAt, FakeRelay, Mode};
use mail_parser::MessageParser;
use mailstack::{
    Daemon, SAMPLE_POSTCODES, Stack, people_helped, queue_id, requests, state, stats,
    supporter_mail, to_address, wait_for, wait_settled,
};

/// Generous: the machine may be small and busy. Nothing is timed.
const WAIT: Duration = Duration::from_secs(120);
const SHORT: Duration = Duration::from_secs(30);
/// `daemon.max_in_flight`, set in the configs below.
const MAX_IN_FLIGHT: usize = 4;
/// Many replies go to one domain here: the default per-domain cap (200
/// an hour) would hold the rest back for an hour.
const NO_DOMAIN_CAP: (&str, &str) = ("limits", "per_domain_per_hour = 0");
const IN_FLIGHT: (&str, &str) = ("daemon", "max_in_flight = 4");

/// `n` requests from one address, each with its own Message-ID.
fn requests_from(address: &str, n: usize) -> Vec<(String, Vec<u8>)> {
    let local = address.split('@').next().unwrap_or("x");
    let id = format!("<{local}.request@people.test>");
    (0..n)
        .map(|i| {
            let raw = supporter_mail(address, "Pat Doe", "1 High Street", SAMPLE_POSTCODES[0]);
            let raw = String::from_utf8(raw).expect("ASCII").replacen(
                &id,
                &format!("<{local}.request.{i}@people.test>"),
                1,
            );
            (address.to_owned(), raw.into_bytes())
        })
        .collect()
}

/// The replies delivered so far, by recipient: the queue id of each.
fn replies_by_address(stack: &Stack) -> HashMap<String, Vec<String>> {
    let mut by: HashMap<String, Vec<String>> = HashMap::new();
    for raw in stack.replies() {
        by.entry(to_address(&raw)).or_default().push(queue_id(&raw));
    }
    by
}

/// Per recipient, how many replies the relay took from postbag (distinct
/// queue ids) and how many deliveries there were beyond those.
fn acceptances(by: &HashMap<String, Vec<String>>) -> HashMap<String, (usize, usize)> {
    by.iter()
        .map(|(address, ids)| {
            let distinct: HashSet<&String> = ids.iter().collect();
            (
                address.clone(),
                (distinct.len(), ids.len() - distinct.len()),
            )
        })
        .collect()
}

/// What Postfix logged about these queue ids.
fn postfix_log(stack: &Stack, ids: &[&String]) -> String {
    let log = std::fs::read_to_string(stack.get("MAILSTACK_POSTFIX_LOG")).unwrap_or_default();
    log.lines()
        .filter(|l| ids.iter().any(|id| l.contains(&format!("{id}:"))))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The campaign INBOX's UIDs, by sender, as far as Dovecot has listed
/// them, to find a message in the log.
fn uids_by_address(stack: &Stack) -> HashMap<String, String> {
    let inbox = Path::new(stack.get("MAILSTACK_MAILDIR_CAMPAIGN")).join("INBOX");
    let uidlist = std::fs::read_to_string(inbox.join("dovecot-uidlist")).unwrap_or_default();
    let files = stack
        .folders("MAILSTACK_MAILDIR_CAMPAIGN")
        .remove("INBOX")
        .unwrap_or_default();
    let mut uids = HashMap::new();
    for line in uidlist.lines().skip(1) {
        let (Some(uid), Some((_, base))) = (line.split_whitespace().next(), line.split_once(':'))
        else {
            continue;
        };
        let Some(file) = files.iter().find(|f| {
            f.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(base))
        }) else {
            continue;
        };
        let Ok(raw) = std::fs::read(file) else {
            continue;
        };
        let from = MessageParser::default().parse_headers(&raw).and_then(|m| {
            m.from()
                .and_then(|a| a.first())
                .and_then(|a| a.address())
                .map(str::to_ascii_lowercase)
        });
        if let Some(from) = from {
            uids.insert(from, uid.to_owned());
        }
    }
    uids
}

/// The log's lines about `uids` (debug ones too), and every line that is
/// neither debug nor a plain "answered".
fn log_about(log: &str, uids: &[&String]) -> String {
    log.lines()
        .filter(|l| {
            let about = uids
                .iter()
                .any(|u| l.contains(&format!("uid={u} ")) || l.ends_with(&format!("uid={u}")));
            about || !(l.contains("DEBUG") || l.contains(" answered uid="))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Log lines (not debug) that mention any of `words`.
fn log_lines(log: &str, words: &[&str]) -> String {
    log.lines()
        .filter(|l| !l.contains("DEBUG") && words.iter().any(|w| l.contains(w)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn burst_of_500_each_answered_exactly_once() {
    const N: usize = 500;
    let started = Instant::now();
    let stack = Stack::start();
    let config = stack.config(&[NO_DOMAIN_CAP, IN_FLIGHT]);
    let log = stack.dir.path().join("postbag.log");
    let daemon = Daemon::start(&config, &[], &log);
    daemon.wait_open(SHORT);

    let mail = requests("p", N);
    stack.submit(&mail);
    wait_settled(&stack, &log, N);

    let by = replies_by_address(&stack);
    for (address, _) in &mail {
        let got = by.get(address).map_or(0, Vec::len);
        assert_eq!(got, 1, "replies to {address}");
    }
    assert_eq!(by.len(), N, "no reply to anyone else");
    assert_eq!(stack.reply_count(), N);
    assert_eq!(people_helped(&config), N as u64);
    assert_eq!(daemon.stop(), Some(0), "SIGTERM stops it cleanly");
    eprintln!("burst of {N}: {:?}", started.elapsed());
}

#[test]
fn sigkill_mid_burst_loses_nothing() {
    const N: usize = 300;
    let stack = Stack::start();
    let config = stack.config(&[NO_DOMAIN_CAP, IN_FLIGHT]);
    let log = stack.dir.path().join("postbag.log");
    let mail = requests("k", N);
    stack.submit(&mail);
    wait_for(&stack, &log, "delivery to the campaign", WAIT, || {
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX") == N
    });

    let daemon = Daemon::start(&config, &[], &log);
    wait_for(&stack, &log, "about 100 replies", WAIT, || {
        stack.reply_count() >= 100
    });
    daemon.kill();
    let at_kill = stack.reply_count();
    let left = stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX");
    assert!(left > 0, "the daemon finished before it was killed");

    let daemon = Daemon::start(&config, &[], &log);
    wait_settled(&stack, &log, N);
    assert_eq!(daemon.stop(), Some(0));

    let by = replies_by_address(&stack);
    for (address, _) in &mail {
        assert!(by.contains_key(address), "{address} got no reply");
    }
    assert_eq!(by.len(), N, "no reply to anyone else");
    // A duplicate is a second reply postbag sent (a second acceptance by
    // the relay), not a second delivery of one (none is expected here).
    let accepted = acceptances(&by);
    let sent: usize = accepted.values().map(|(n, _)| n).sum();
    let redelivered: usize = accepted.values().map(|(_, r)| r).sum();
    let duplicates = sent - N;
    let mut twice: Vec<(&String, usize)> = accepted
        .iter()
        .filter(|(_, (n, _))| *n > 1)
        .map(|(a, (n, _))| (a, *n))
        .collect();
    twice.sort();
    let helped = people_helped(&config);
    eprintln!(
        "SIGKILL after {at_kill} replies delivered ({left} requests left): \
         {duplicates} duplicate replies (to {twice:?}); people_helped {helped} \
         for {sent} replies sent; {redelivered} deliveries repeated by the stack"
    );
    let text = std::fs::read_to_string(&log).expect("log");
    let recovered = text
        .matches("recovering a message claimed before a restart")
        .count();
    assert!(
        duplicates <= MAX_IN_FLIGHT,
        "{duplicates} duplicates, more than one per message in flight ({MAX_IN_FLIGHT}); \
         {recovered} recovered: {twice:?}\n{}",
        log_lines(&text, &["recovering", "WARN", "ERROR"])
    );
    assert!(
        twice.iter().all(|(_, n)| *n == 2),
        "at most one duplicate per message: {twice:?}"
    );
    assert!(
        helped <= sent as u64 && helped + MAX_IN_FLIGHT as u64 >= sent as u64,
        "people_helped {helped} for {sent} replies"
    );
    assert!(helped >= N as u64, "everyone answered is counted: {helped}");
}

#[test]
fn dovecot_restart_mid_run_loses_nothing() {
    const N: usize = 200;
    let stack = Stack::start();
    // Replies that fail while Dovecot (Postfix's login backend) is down
    // are tried again soon.
    let config = stack.config(&[
        NO_DOMAIN_CAP,
        IN_FLIGHT,
        ("daemon", "retry_min_secs = 1\nretry_max_secs = 2"),
    ]);
    let log = stack.dir.path().join("postbag.log");
    let mail = requests("d", N);
    stack.submit(&mail);
    wait_for(&stack, &log, "delivery to the campaign", WAIT, || {
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX") == N
    });

    let uids = uids_by_address(&stack);
    let daemon = Daemon::start(&config, &[], &log);
    wait_for(&stack, &log, "about 50 replies", WAIT, || {
        stack.reply_count() >= 50
    });
    stack.restart_dovecot();
    let at_restart = stack.reply_count();
    // A Dovecot process killed while it held a folder's lock leaves the
    // lock, and Dovecot then refuses that folder for two minutes: the
    // stack's doing, not postbag's, so it is cleared.
    let stale = stack.clear_stale_dovecot_locks(Duration::from_secs(2));
    wait_settled(&stack, &log, N);
    assert_eq!(daemon.stop(), Some(0));

    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.contains("reconnecting"), "{}", state(&stack, &log));
    let by = replies_by_address(&stack);
    let accepted = acceptances(&by);
    let mut twice: Vec<&String> = accepted
        .iter()
        .filter(|(_, (n, _))| *n > 1)
        .map(|(a, _)| a)
        .collect();
    twice.sort();
    // A reply Postfix delivered twice (Dovecot's LMTP was cut off after
    // saving it, before it said so) is the stack's doing, not postbag's:
    // it is reported, not counted as a duplicate.
    let mut again: Vec<&String> = by
        .iter()
        .filter(|(a, _)| accepted[*a].1 > 0)
        .flat_map(|(_, ids)| ids)
        .collect();
    again.sort();
    again.dedup();
    eprintln!(
        "Dovecot restarted after {at_restart} replies; {} replies delivered, \
         {} duplicates sent (to {twice:?}), {} delivered twice by Postfix{}{}",
        stack.reply_count(),
        twice.len(),
        again.len(),
        if stale.is_empty() {
            ""
        } else {
            "; removed a stale Dovecot lock: "
        },
        stale
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    );
    if !again.is_empty() {
        eprintln!("Postfix's log of those:\n{}", postfix_log(&stack, &again));
    }
    let uids: Vec<&String> = twice.iter().filter_map(|a| uids.get(*a)).collect();
    assert!(
        twice.is_empty(),
        "a reconnect repeated replies to {twice:?} (UIDs {uids:?}); the log:\n{}",
        log_about(&text, &uids)
    );
    for (address, _) in &mail {
        let got = accepted.get(address).map_or(0, |(n, _)| *n);
        assert_eq!(got, 1, "replies sent to {address}");
    }
    assert_eq!(by.len(), N, "no reply to anyone else");
    assert_eq!(people_helped(&config), N as u64);
}

#[test]
fn smtp_4xx_then_250_retries_and_then_answers() {
    let stack = Stack::start();
    // The relay says 451 to RCPT twice, then takes the reply.
    let relay = FakeRelay::start(&stack, Mode::Fail(2, FailAt::Rcpt));
    let config = stack.config_with_smtp(
        &relay.smtp_section(),
        &[("daemon", "retry_min_secs = 1\nretry_max_secs = 2")],
    );
    let log = stack.dir.path().join("postbag.log");
    let address = "retry.me@people.test";
    stack.submit(&[(
        address.to_owned(),
        supporter_mail(address, "Sam Jones", "5 Bridge Street", "SE1 2DL"),
    )]);
    wait_for(&stack, &log, "delivery to the campaign", SHORT, || {
        stack.campaign_total() == 1
    });

    let daemon = Daemon::start(&config, &[], &log);
    wait_for(&stack, &log, "the first 451", SHORT, || {
        relay.refused() >= 1 && daemon.log_text().contains("left for later")
    });
    // The next try is at least a second away: the original waits where it
    // was, neither moved nor removed.
    let folders = stack.folders("MAILSTACK_MAILDIR_CAMPAIGN");
    let inbox = folders.get("INBOX").map_or(0, Vec::len);
    assert_eq!(inbox, 1, "the original stays in the INBOX");
    assert_eq!(stack.campaign_total(), 1, "and nowhere else");
    assert_eq!(stats(&config)["people_helped"], 0, "nothing counted yet");

    wait_for(&stack, &log, "the reply to be taken", SHORT, || {
        !relay.accepted().is_empty() && stack.campaign_total() == 0
    });
    assert_eq!(daemon.stop(), Some(0));
    let accepted = relay.accepted();
    assert_eq!(accepted.len(), 1, "exactly one reply taken");
    assert_eq!(to_address(&accepted[0]), address);
    assert_eq!(relay.refused(), 2);
    assert_eq!(people_helped(&config), 1);
    let text = std::fs::read_to_string(&log).expect("log");
    assert_eq!(text.matches("left for later").count(), 2, "{text}");
    assert!(text.contains("relay_4xx"), "{text}");
}

#[test]
fn with_once_a_4xx_leaves_the_request_and_exits_75() {
    let stack = Stack::start();
    // The relay reads the whole reply and then says 451, every time.
    let relay = FakeRelay::start(&stack, Mode::Fail(usize::MAX, FailAt::Data));
    let config = stack.config_with_smtp(&relay.smtp_section(), &[]);
    let log = stack.dir.path().join("postbag.log");
    let address = "later@people.test";
    stack.submit(&[(
        address.to_owned(),
        supporter_mail(address, "Sam Jones", "5 Bridge Street", "SE1 2DL"),
    )]);
    wait_for(&stack, &log, "delivery to the campaign", SHORT, || {
        stack.campaign_total() == 1
    });

    let code = Daemon::start(&config, &["--once"], &log).wait(SHORT);
    assert_eq!(code, Some(75), "{}", state(&stack, &log));
    assert_eq!(relay.refused(), 1);
    assert!(relay.accepted().is_empty());
    let inbox = stack
        .folders("MAILSTACK_MAILDIR_CAMPAIGN")
        .remove("INBOX")
        .unwrap_or_default();
    assert_eq!(inbox.len(), 1, "the request waits in the INBOX");
    assert_eq!(stack.campaign_total(), 1, "and nowhere else");
    // Released: Dovecot writes keywords as lower-case letters after
    // ":2," in the file name; none is left.
    let name = inbox[0].file_name().expect("a name").to_string_lossy();
    let flags = name.rsplit_once(":2,").map_or("", |(_, f)| f);
    assert!(
        !flags.chars().any(|c| c.is_ascii_lowercase()),
        "still claimed: {name}"
    );
    assert_eq!(people_helped(&config), 0);
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.contains("left for later"), "{text}");
}

#[test]
fn a_flood_from_one_sender_stops_at_the_cap() {
    let stack = Stack::start();
    let config = stack.config(&[("limits", "per_sender_per_day = 3")]);
    let log = stack.dir.path().join("postbag.log");
    let flood = "flood@people.test";
    let others = requests("other", 5);
    let mut mail = requests_from(flood, 20);
    mail.extend(others.iter().cloned());
    stack.submit(&mail);
    wait_for(&stack, &log, "delivery to the campaign", SHORT, || {
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX") == 25
    });

    let code = Daemon::start(&config, &["--once"], &log).wait(WAIT);
    assert_eq!(code, Some(0), "{}", state(&stack, &log));
    wait_settled(&stack, &log, 8);

    let by = replies_by_address(&stack);
    let got = |address: &str| by.get(address).map_or(0, Vec::len);
    assert_eq!(got(flood), 3, "the flood is answered three times");
    for (address, _) in &others {
        assert_eq!(got(address), 1, "replies to {address}");
    }
    assert_eq!(stack.reply_count(), 8);
    assert_eq!(
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX"),
        0,
        "capped mail is removed"
    );
    assert_eq!(stack.campaign_total(), 0, "not moved anywhere");
    let text = std::fs::read_to_string(&log).expect("log");
    assert_eq!(text.matches("rate_limited").count(), 17, "{text}");
    assert_eq!(people_helped(&config), 8);
}
