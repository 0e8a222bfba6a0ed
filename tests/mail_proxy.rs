//! The daemon with its connections cut at chosen points, on a real
//! Postfix and Dovecot with a proxy between them and postbag
//! (`tests/common/proxy.rs`): IMAP cut during the body FETCH (before it,
//! and part way through a message), before the claim STORE, before the
//! "sent and deleted" STORE and before the UID EXPUNGE, and while idling
//! with new mail arriving;
//! SMTP cut at the end of a reply's data, before the relay has it and
//! after it took it; and the MP lookup service refusing connections, then
//! answering 503, then back.
//!
//! After each: every request answered and the INBOX empty; a lost
//! connection repeats no reply, except where the relay took a reply whose
//! acceptance postbag never heard (exactly those messages get two
//! replies, the SMTP duplicate of RFC 1047); `people_helped` equals the
//! supporters answered (so, for those two, one less than the replies
//! sent: the count is of acceptances postbag heard); the log shows the
//! reconnect.

#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/proxy.rs"]
mod proxy;
// Only the server is used here, not every part of it.
#[allow(dead_code)]
#[path = "common/replay.rs"]
mod replay;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mailstack::{
    Daemon, Stack, people_helped, queue_id, requests, state, stats, supporter_mail, to_address,
    wait_for, wait_settled,
};
use proxy::{Cut, Proxy, Trigger};
use replay::{Route, Server};

/// Generous: the machine may be small and busy. Nothing is timed.
const WAIT: Duration = Duration::from_secs(120);
const SHORT: Duration = Duration::from_secs(30);
/// Requests per test.
const N: usize = 20;
/// A few messages in flight, so one cut catches several.
const IN_FLIGHT: (&str, &str) = ("daemon", "max_in_flight = 4");
/// A message left for later is tried again within seconds.
const QUICK_RETRY: (&str, &str) = ("daemon", "retry_min_secs = 1\nretry_max_secs = 2");
const NO_DOMAIN_CAP: (&str, &str) = ("limits", "per_domain_per_hour = 0");
const RECONNECT: &str = "mailbox failed; reconnecting";
const RECOVERED: &str = "recovering a message claimed before a restart";

// ---- the stack and its replies ----------------------------------------------

/// A config for `stack` with IMAP through a proxy on `imap_proxy` (plain
/// TCP, which postbag allows on loopback), or straight to Dovecot with
/// STARTTLS; and SMTP through a proxy on `smtp_proxy` to Postfix's inbound
/// port (plain, no AUTH), or to the submission port with STARTTLS.
fn config(
    stack: &Stack,
    imap_proxy: Option<u16>,
    smtp_proxy: Option<u16>,
    sections: &[(&str, &str)],
) -> PathBuf {
    let path = match smtp_proxy {
        Some(port) => stack.config_with_smtp(
            &format!("host = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\ntimeout_secs = 30"),
            sections,
        ),
        None => stack.config(sections),
    };
    if let Some(port) = imap_proxy {
        let text = std::fs::read_to_string(&path).expect("read postbag.toml");
        let direct = format!(
            "host = \"localhost\"\nport = {}\nsecurity = \"starttls\"\n",
            stack.port("MAILSTACK_IMAP_PORT")
        );
        assert!(text.contains(&direct), "the [imap] section moved: {text}");
        let text = text.replacen(
            &direct,
            &format!("host = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n"),
            1,
        );
        std::fs::write(&path, text).expect("write postbag.toml");
    }
    path
}

/// Per recipient, how many replies the relay took from postbag: distinct
/// queue ids, so a delivery Postfix repeated is not a reply postbag sent.
fn replies_sent(stack: &Stack) -> HashMap<String, usize> {
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    for raw in stack.replies() {
        ids.entry(to_address(&raw))
            .or_default()
            .insert(queue_id(&raw));
    }
    ids.into_iter().map(|(a, ids)| (a, ids.len())).collect()
}

/// Submit `mail` and wait until Dovecot holds all of it.
fn deliver(stack: &Stack, log: &Path, mail: &[(String, Vec<u8>)]) {
    let before = stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX");
    stack.submit(mail);
    wait_for(stack, log, "delivery to the campaign", WAIT, || {
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX") >= before + mail.len()
    });
}

/// Each of `mail`'s senders got exactly `expected(address)` replies, and
/// nobody else got any.
fn assert_replies(
    stack: &Stack,
    mail: &[(String, Vec<u8>)],
    expected: impl Fn(&str) -> usize,
    log: &str,
) {
    let sent = replies_sent(stack);
    let mut wrong: Vec<(String, usize, usize)> = mail
        .iter()
        .map(|(a, _)| (a.clone(), sent.get(a).copied().unwrap_or(0), expected(a)))
        .filter(|(_, got, want)| got != want)
        .collect();
    wrong.sort();
    assert!(
        wrong.is_empty(),
        "(address, replies, expected): {wrong:?}\nthe log, not debug:\n{}",
        not_debug(log)
    );
    let asked: HashSet<&String> = mail.iter().map(|(a, _)| a).collect();
    let strangers: Vec<&String> = sent.keys().filter(|a| !asked.contains(a)).collect();
    assert!(strangers.is_empty(), "replies to {strangers:?}");
}

fn not_debug(log: &str) -> String {
    log.lines()
        .filter(|l| !l.contains("DEBUG"))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---- IMAP cuts --------------------------------------------------------------

/// What one run through a cut showed, for the test's own checks.
struct Seen {
    log: String,
    connections: usize,
    reconnects: usize,
    recovered: usize,
}

/// `N` requests in the INBOX, then the daemon through an IMAP proxy that
/// cuts at `cut` the first `times` times `trigger` fires. Checks the
/// promise of a lost connection: every request answered exactly once and
/// counted once, the INBOX empty, a reconnect per cut.
fn answer_through_imap_cuts(prefix: &str, trigger: Trigger, cut: Cut, times: usize) -> Seen {
    let started = Instant::now();
    let stack = Stack::start();
    let proxy = Proxy::start(
        stack.port("MAILSTACK_BASE_PORT") + 6,
        stack.port("MAILSTACK_IMAP_PORT"),
        trigger,
        cut,
        times,
    );
    let config = config(
        &stack,
        Some(proxy.port),
        None,
        &[IN_FLIGHT, QUICK_RETRY, NO_DOMAIN_CAP],
    );
    let log = stack.dir.path().join("postbag.log");
    let mail = requests(prefix, N);
    deliver(&stack, &log, &mail);

    let daemon = Daemon::start(&config, &[], &log);
    wait_settled(&stack, &log, N);
    assert_eq!(daemon.stop(), Some(0), "{}", state(&stack, &log));

    let text = std::fs::read_to_string(&log).expect("log");
    let cuttings = proxy.cuttings();
    assert_eq!(
        cuttings.len(),
        times,
        "the proxy cut {cuttings:?}, fired {} times",
        proxy.fired()
    );
    assert_replies(&stack, &mail, |_| 1, &text);
    assert_eq!(people_helped(&config), N as u64, "{}", not_debug(&text));
    let seen = Seen {
        connections: proxy.connections(),
        reconnects: text.matches(RECONNECT).count(),
        recovered: text.matches(RECOVERED).count(),
        log: text,
    };
    assert!(
        seen.reconnects >= times && seen.connections > times,
        "{} reconnects and {} connections for {times} cuts:\n{}",
        seen.reconnects,
        seen.connections,
        not_debug(&seen.log)
    );
    eprintln!(
        "{prefix}: cut {:?}; {} connections, {} reconnects logged, {} recovered \
         claimed messages; {N} answered once each in {:?}",
        cuttings.iter().map(|c| &c.line).collect::<Vec<_>>(),
        seen.connections,
        seen.reconnects,
        seen.recovered,
        started.elapsed()
    );
    seen
}

const BODY_FETCH: Trigger = Trigger::Imap {
    command: "UID FETCH",
    holding: &["BODY.PEEK[]"],
};

#[test]
fn imap_cut_before_the_body_fetch_answers_each_once() {
    // The batch is claimed but never read: found claimed after the
    // reconnect, recovered, and answered then, once.
    let seen = answer_through_imap_cuts("fetch.before", BODY_FETCH, Cut::Before, 2);
    assert!(seen.recovered >= 1, "{}", not_debug(&seen.log));
}

#[test]
fn imap_cut_mid_literal_of_the_body_fetch_answers_each_once() {
    let seen = answer_through_imap_cuts(
        "fetch.literal",
        BODY_FETCH,
        Cut::InLiteral { bytes: 100 },
        2,
    );
    assert!(seen.recovered >= 1, "{}", not_debug(&seen.log));
}

#[test]
fn imap_cut_before_the_claim_store_answers_each_once() {
    // The server never saw the claim: nothing to recover, the batch is
    // simply taken again.
    let seen = answer_through_imap_cuts(
        "claim",
        Trigger::Imap {
            command: "UID STORE",
            holding: &["+FLAGS", "($PostbagClaimed)"],
        },
        Cut::Before,
        2,
    );
    assert_eq!(seen.recovered, 0, "{}", not_debug(&seen.log));
}

#[test]
fn imap_cut_before_the_sent_store_answers_each_once() {
    // The replies went and were counted; marking them sent and deleted is
    // kept for the reconnect and done first thing then, so nothing is
    // found claimed and nothing is sent again.
    let seen = answer_through_imap_cuts(
        "sent",
        Trigger::Imap {
            command: "UID STORE",
            holding: &["+FLAGS", "\\Deleted"],
        },
        Cut::Before,
        2,
    );
    assert_eq!(seen.recovered, 0, "{}", not_debug(&seen.log));
}

#[test]
fn imap_cut_before_the_expunge_answers_each_once() {
    // Marked sent and deleted, not yet expunged: the reconnect finishes
    // the removal, and nothing is sent again.
    let seen = answer_through_imap_cuts(
        "expunge",
        Trigger::Imap {
            command: "UID EXPUNGE",
            holding: &[],
        },
        Cut::Before,
        2,
    );
    assert_eq!(seen.recovered, 0, "{}", not_debug(&seen.log));
}

#[test]
fn imap_cut_while_idling_then_new_mail_is_still_answered() {
    let started = Instant::now();
    let stack = Stack::start();
    // The first IDLE is let through to its "+ idling", then the link goes
    // dead: the server's news of new mail never arrives.
    let proxy = Proxy::start(
        stack.port("MAILSTACK_BASE_PORT") + 6,
        stack.port("MAILSTACK_IMAP_PORT"),
        Trigger::Imap {
            command: "IDLE",
            holding: &[],
        },
        Cut::Freeze,
        1,
    );
    let config = config(
        &stack,
        Some(proxy.port),
        None,
        &[IN_FLIGHT, QUICK_RETRY, NO_DOMAIN_CAP],
    );
    let log = stack.dir.path().join("postbag.log");
    let daemon = Daemon::start(&config, &[], &log);
    wait_for(&stack, &log, "the daemon to idle", SHORT, || {
        proxy.fired() == 1
    });

    let first = requests("idle.first", N);
    deliver(&stack, &log, &first);
    // Nothing can have been answered: the daemon's only connection is
    // the frozen one, and it has no retry due to wake it.
    assert_eq!(stack.reply_count(), 0, "{}", state(&stack, &log));
    assert_eq!(proxy.cut_frozen(), 1, "one frozen connection");
    wait_settled(&stack, &log, N);

    // Then the next IDLE is a plain one, and new mail wakes it.
    let second = requests("idle.second", 5);
    stack.submit(&second);
    wait_settled(&stack, &log, N + second.len());
    assert_eq!(daemon.stop(), Some(0), "{}", state(&stack, &log));

    let text = std::fs::read_to_string(&log).expect("log");
    let mut mail = first;
    mail.extend(second);
    assert_replies(&stack, &mail, |_| 1, &text);
    assert_eq!(people_helped(&config), mail.len() as u64);
    let reconnects = text.matches(RECONNECT).count();
    assert_eq!(reconnects, 1, "{}", not_debug(&text));
    assert!(proxy.fired() >= 2, "the daemon idled again after the cut");
    eprintln!(
        "idle: cut while idling with {N} new messages; {} connections, {reconnects} \
         reconnect; {} answered once each in {:?}",
        proxy.connections(),
        mail.len(),
        started.elapsed()
    );
}

#[test]
fn a_silently_dead_idle_is_given_up_at_its_renewal() {
    // A link that dies without a FIN or RST (a NAT mapping dropped): the
    // IDLE is renewed after `imap.idle_secs`, its DONE goes unanswered,
    // and the daemon reconnects after the short DONE wait, not the 120 s
    // any other command may take.
    let stack = Stack::start();
    let proxy = Proxy::start(
        stack.port("MAILSTACK_BASE_PORT") + 8,
        stack.port("MAILSTACK_IMAP_PORT"),
        Trigger::Imap {
            command: "IDLE",
            holding: &[],
        },
        Cut::Freeze,
        1,
    );
    let config = config(
        &stack,
        Some(proxy.port),
        None,
        &[
            IN_FLIGHT,
            QUICK_RETRY,
            NO_DOMAIN_CAP,
            ("imap", "idle_secs = 10"),
        ],
    );
    let log = stack.dir.path().join("postbag.log");
    let daemon = Daemon::start(&config, &[], &log);
    wait_for(&stack, &log, "the daemon to idle", SHORT, || {
        proxy.fired() == 1
    });
    let frozen_at = Instant::now();
    let mail = requests("dead.idle", 5);
    deliver(&stack, &log, &mail);
    // Never cut: only the daemon's own timers can notice.
    wait_settled(&stack, &log, mail.len());
    let noticed = frozen_at.elapsed();
    assert_eq!(daemon.stop(), Some(0), "{}", state(&stack, &log));

    let text = std::fs::read_to_string(&log).expect("log");
    assert_replies(&stack, &mail, |_| 1, &text);
    assert!(
        text.contains("DONE"),
        "the DONE wait gave up: {}",
        not_debug(&text)
    );
    assert_eq!(text.matches(RECONNECT).count(), 1, "{}", not_debug(&text));
    eprintln!(
        "dead idle: noticed and answered {:?} after the link froze",
        noticed
    );
}

// ---- SMTP cuts --------------------------------------------------------------

/// `N` requests, answered through an SMTP proxy (to Postfix's inbound
/// port) that cuts at `cut` at the end of the first `times` replies'
/// data. Returns the stack and the recipients of the cut replies.
fn answer_through_smtp_cuts(prefix: &str, cut: Cut, times: usize) -> (Stack, Vec<String>) {
    let started = Instant::now();
    let stack = Stack::start();
    let proxy = Proxy::start(
        stack.port("MAILSTACK_BASE_PORT") + 7,
        stack.port("MAILSTACK_SMTP_PORT"),
        Trigger::EndOfData,
        cut,
        times,
    );
    let config = config(
        &stack,
        None,
        Some(proxy.port),
        &[IN_FLIGHT, QUICK_RETRY, NO_DOMAIN_CAP],
    );
    let log = stack.dir.path().join("postbag.log");
    let mail = requests(prefix, N);
    deliver(&stack, &log, &mail);

    let daemon = Daemon::start(&config, &[], &log);
    // Replies the relay took twice are delivered twice.
    let extra = if cut == Cut::DropAnswer { times } else { 0 };
    wait_settled(&stack, &log, N + extra);
    assert_eq!(daemon.stop(), Some(0), "{}", state(&stack, &log));

    let text = std::fs::read_to_string(&log).expect("log");
    let cut_to: Vec<String> = proxy
        .cuttings()
        .into_iter()
        .flat_map(|c| c.recipients)
        .collect();
    assert_eq!(
        cut_to.len(),
        times,
        "one recipient per reply cut: {cut_to:?}"
    );
    // Each acceptance lost is one more reply (a message cut twice would
    // get three).
    let expected = |address: &str| {
        let lost = cut_to.iter().filter(|c| *c == address).count();
        if cut == Cut::DropAnswer { 1 + lost } else { 1 }
    };
    assert_replies(&stack, &mail, expected, &text);
    // The count is of replies postbag saw accepted: one per supporter.
    let helped = people_helped(&config);
    assert_eq!(helped, N as u64, "{}", not_debug(&text));
    let retried = text.matches("left for later").count();
    assert!(
        retried >= times && text.contains("relay_unreachable"),
        "each cut reply left for later, as a connection failure:\n{}",
        not_debug(&text)
    );
    // Every cut connection is gone, so the last tries needed a new one.
    assert!(
        proxy.connections() > times,
        "{} SMTP connections",
        proxy.connections()
    );
    eprintln!(
        "{prefix}: cut the replies to {cut_to:?}; {} SMTP connections, {retried} left for \
         later; {} replies delivered for {N} requests, people_helped {helped}, in {:?}",
        proxy.connections(),
        stack.reply_count(),
        started.elapsed()
    );
    (stack, cut_to)
}

/// Postfix's log lines about connections to its inbound port (where the
/// SMTP proxy leads) that ended without the client's QUIT.
fn postfix_lost(stack: &Stack) -> Vec<String> {
    std::fs::read_to_string(stack.get("MAILSTACK_POSTFIX_LOG"))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains(" postfix/smtpd[") && l.contains("lost connection after"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn smtp_cut_before_the_end_of_data_answers_each_once() {
    // Postfix never saw the end of the data: it drops the message, and
    // postbag, told nothing, tries again. One reply each.
    let (stack, cut) = answer_through_smtp_cuts("data.before", Cut::Before, 3);
    let lost = postfix_lost(&stack);
    assert_eq!(
        lost.iter().filter(|l| l.contains("after DATA")).count(),
        cut.len(),
        "Postfix lost each cut reply in its data, and nothing else: {lost:#?}"
    );
    assert_eq!(lost.len(), cut.len(), "{lost:#?}");
}

#[test]
fn smtp_answer_lost_after_the_end_of_data_repeats_exactly_those_replies() {
    // Postfix took the reply and said 250, which never arrived: postbag
    // must take it as a failure and send again. Exactly the cut replies
    // go twice (the relay's acceptance is the only proof of sending, and
    // it was lost); everyone else gets one. The count is of replies
    // postbag saw accepted, so one per supporter.
    answer_through_smtp_cuts("data.after", Cut::DropAnswer, 3);
}

// ---- the MP lookup service down, then back ------------------------------------

/// BR8 7RE (Sevenoaks) as postcodes.io's path holds it, and the Members
/// API's answers for Sevenoaks: the recorded shapes of `tests/online.rs`.
fn lookup_routes() -> Vec<Route> {
    vec![
        Route::get("/postcodes/BR8%207RE").fixture("postcodes.io/postcode-br8-7re.json"),
        Route::get("/api/Location/Constituency/Search")
            .query("searchText=Sevenoaks&skip=0&take=20")
            .fixture("members-api/constituency-search-sevenoaks.json"),
        Route::get("/api/Members/5901/Contact")
            .fixture("members-api/contact-parliamentary-office.json"),
        Route::get("/api/Members/Search")
            .query("House=1&IsCurrentMember=true&skip=0&take=1")
            .fixture("members-api/members-search-current.json"),
    ]
}

/// Every path answers 503, with a short `Retry-After`.
fn unavailable_routes() -> Vec<Route> {
    ["/postcodes/BR8%207RE", "/api/Location/Constituency/Search"]
        .into_iter()
        .map(|path| {
            Route::get(path)
                .status(503)
                .header("Retry-After", "1")
                .body(r#"{"status":503,"error":"Service Unavailable"}"#)
        })
        .collect()
}

/// Requests that all need the online lookup (BR8 7RE).
fn br8_requests(prefix: &str, n: usize) -> Vec<(String, Vec<u8>)> {
    (0..n)
        .map(|i| {
            let address = format!("{prefix}{i}@people.test");
            let street = format!("{} London Road", i + 1);
            (
                address.clone(),
                supporter_mail(&address, "Lee Smith", &street, "BR8 7RE"),
            )
        })
        .collect()
}

/// How many times the log says a message waits for the lookup.
fn lookup_waits(log: &Path) -> usize {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .matches("why=\"mp_lookup_unavailable\"")
        .count()
}

#[test]
fn lookup_down_then_back_answers_each_once_and_never_too_soon() {
    let started = Instant::now();
    let stack = Stack::start();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime for the lookup service");
    let up = runtime.block_on(Server::start(lookup_routes()));
    let down = runtime.block_on(Server::start(unavailable_routes()));
    let port_of = |server: &Server| -> u16 {
        server
            .url()
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a port in the URL")
    };
    // The service's address, where nothing listens yet: connection refused.
    let service = stack.port("MAILSTACK_BASE_PORT") + 8;
    let url = format!("http://127.0.0.1:{service}");
    let path = config(&stack, None, None, &[IN_FLIGHT, QUICK_RETRY, NO_DOMAIN_CAP]);
    let text = std::fs::read_to_string(&path).expect("read postbag.toml");
    let table = "postcode_sources = [\"table\"]\n";
    assert!(text.contains(table), "the [lookup] section moved: {text}");
    let text = text.replacen(
        table,
        &format!(
            "postcode_sources = [\"postcodes_io\"]\nmp_sources = [\"members_api\"]\n\
             keep_postcodes_local = false\npostcodes_io_url = \"{url}\"\n\
             members_api_url = \"{url}\"\nconnect_timeout_secs = 2\ntimeout_secs = 5\n"
        ),
        1,
    );
    std::fs::write(&path, text).expect("write postbag.toml");
    let log = stack.dir.path().join("postbag.log");
    let mail = br8_requests("lookup", N);
    deliver(&stack, &log, &mail);

    let daemon = Daemon::start(&path, &[], &log);
    // Anything answered or moved ends a wait at once, and the checks
    // after it fail.
    let acted =
        || stack.reply_count() > 0 || stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX") < N;
    // Refused: every request tried and left for later, at least twice.
    wait_for(
        &stack,
        &log,
        "tries with the service refusing",
        WAIT,
        || acted() || lookup_waits(&log) >= 2 * N,
    );
    let refused = lookup_waits(&log);
    let assert_waiting = |phase: &str| {
        assert_eq!(stack.reply_count(), 0, "{phase}: {}", state(&stack, &log));
        assert_eq!(
            stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX"),
            N,
            "{phase}: every request waits in the INBOX: {}",
            state(&stack, &log)
        );
        assert_eq!(stack.campaign_total(), N, "{phase}: and nowhere else");
        assert_eq!(stats(&path)["help_replies"], 0, "{phase}: no help reply");
    };
    assert_waiting("refused");

    // Up, but answering 503: still nothing answered, nothing lost.
    let proxy = Proxy::forward_exactly(service, port_of(&down));
    wait_for(
        &stack,
        &log,
        "tries with the service answering 503",
        WAIT,
        // Its Retry-After holds the other lookups back for a second: they
        // wait too, without asking.
        || acted() || down.requests().len() >= 3 && lookup_waits(&log) >= refused + N,
    );
    assert_waiting("503");
    let unavailable = lookup_waits(&log);

    // Back: each answered once.
    proxy.set_target(port_of(&up));
    wait_settled(&stack, &log, N);
    assert_eq!(daemon.stop(), Some(0), "{}", state(&stack, &log));
    let text = std::fs::read_to_string(&log).expect("log");
    assert_replies(&stack, &mail, |_| 1, &text);
    let counts = stats(&path);
    assert_eq!(counts["people_helped"], N as u64, "{counts}");
    assert_eq!(counts["help_replies"], 0, "{counts}");
    let waits = lookup_waits(&log);
    eprintln!(
        "lookup down: {refused} waits while refused, {} while 503 ({} requests to \
         the 503 server), {} after it came back; {} requests to the service once \
         back; {N} answered once each in {:?}",
        unavailable - refused,
        down.requests().len(),
        waits - unavailable,
        up.requests().len(),
        started.elapsed()
    );
    assert!(!up.requests().is_empty());
}
