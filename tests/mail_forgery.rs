//! Forged senders on a real Postfix and Dovecot with sender authentication
//! on (`auth.trusted_authserv_id = "mx.campaign.test"`): no reply goes to
//! a forged From, each forged message waits in Review, and a genuine
//! request alongside is answered.
//!
//! The stack's Postfix stamps `Authentication-Results: mx.campaign.test;
//! dmarc=…` on top of what it accepts, as an MX with a DMARC milter does
//! (`scripts/mailstack`): pass for envelope senders at people.test, fail
//! for forged.test, nothing for other domains. The forgeries: a failing
//! stamp; a failing stamp with the attacker's own
//! `mx.campaign.test; dmarc=pass` below it; only an untrusted server's
//! pass; no results at all, through Postfix and put straight into the
//! mailbox. Every victim is at people.test, so a reply to one would land
//! in the supporters' mailbox, where the test looks.

#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/raw_mail.rs"]
mod raw_mail;

use std::time::Duration;

use mail_parser::MessageParser;
use mailstack::{Daemon, Stack, stats, supporter_mail, wait_until};

const WAIT: Duration = Duration::from_secs(60);

/// A supporter's request with `headers` written above it by the sender.
fn with_headers(headers: &str, address: &str, name: &str, postcode: &str) -> Vec<u8> {
    [
        headers.as_bytes(),
        &supporter_mail(address, name, "1 High Street, Swanley", postcode),
    ]
    .concat()
}

#[test]
fn forged_senders_get_no_reply_and_wait_in_review_while_a_genuine_request_is_answered() {
    let stack = Stack::start();
    let config = stack.config(&[("auth", "trusted_authserv_id = \"mx.campaign.test\"")]);
    let genuine = "ruth.ellis@people.test";
    let inserted_pass =
        "Authentication-Results: mx.campaign.test; dmarc=pass header.from=people.test\r\n";
    let untrusted_pass =
        "Authentication-Results: evil.example; dmarc=pass header.from=people.test\r\n";
    // (envelope sender, message, the forged From) through Postfix.
    let through_postfix = [
        // Postfix stamps dmarc=pass.
        (
            genuine,
            with_headers("", genuine, "Ruth Ellis", "BR8 7RE"),
            None,
        ),
        // Postfix stamps dmarc=fail.
        (
            "mallory@forged.test",
            with_headers("", "victim.one@people.test", "Vic One", "SE1 2DL"),
            Some("victim.one"),
        ),
        // Postfix stamps dmarc=fail above the attacker's own "pass" with
        // our id: only the topmost is our server's.
        (
            "mallory@forged.test",
            with_headers(inserted_pass, "victim.two@people.test", "Vic Two", "M1 1AD"),
            Some("victim.two"),
        ),
        // No stamp; only another server's pass.
        (
            "mallory@relay.example",
            with_headers(
                untrusted_pass,
                "victim.three@people.test",
                "Vic Three",
                "LS6 2AB",
            ),
            Some("victim.three"),
        ),
        // No stamp and no results at all.
        (
            "mallory@relay.example",
            with_headers("", "victim.four@people.test", "Vic Four", "EH1 1YZ"),
            Some("victim.four"),
        ),
    ];
    stack.submit(
        &through_postfix
            .iter()
            .map(|(envelope, raw, _)| ((*envelope).to_owned(), raw.clone()))
            .collect::<Vec<_>>(),
    );
    // Straight into the mailbox: no Authentication-Results, a Return-Path
    // as delivery writes it (without one it would be taken for a bounce
    // and ignored before authentication is looked at).
    raw_mail::put_in_maildir(
        &stack,
        "MAILSTACK_MAILDIR_CAMPAIGN",
        "INBOX",
        &with_headers(
            "Return-Path: <victim.five@people.test>\r\n",
            "victim.five@people.test",
            "Vic Five",
            "BR8 7RE",
        ),
    );
    wait_until("delivery to the campaign", WAIT, || {
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX") == 6
    });
    // The stamps are there, as a DMARC milter would have written them.
    let inbox = stack.messages("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX");
    let stamped = |verdict: &str| {
        inbox
            .iter()
            .filter(|m| {
                String::from_utf8_lossy(m).contains(&format!(
                    "Authentication-Results: mx.campaign.test; dmarc={verdict} (p=reject"
                ))
            })
            .count()
    };
    assert_eq!(
        (stamped("pass"), stamped("fail")),
        (1, 2),
        "the MX's stamps"
    );

    let log = stack.dir.path().join("postbag.log");
    assert_eq!(
        Daemon::start(&config, &["--once"], &log).wait(WAIT),
        Some(0)
    );
    // Postfix delivers what it accepted: once its queue is empty, every
    // reply postbag sent is in a mailbox.
    wait_until("the reply and an empty queue", WAIT, || {
        stack.flush_queue();
        stack.queue_len() == 0 && stack.reply_count() >= 1
    });

    // One reply, to the genuine sender; none to any forged From.
    let replies = stack.replies();
    assert_eq!(replies.len(), 1, "only the genuine request is answered");
    let reply = MessageParser::default().parse(&replies[0]).expect("parses");
    assert_eq!(
        reply.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some(genuine)
    );
    assert_eq!(
        raw_mail::submitted(&stack),
        raw_mail::Submitted {
            accepted: 1,
            refused: 0
        },
        "postbag handed Postfix one reply and tried no other"
    );

    // Every forgery waits in Review, and nothing is left in the inbox.
    let mut in_review: Vec<String> = stack
        .messages("MAILSTACK_MAILDIR_CAMPAIGN", "Review")
        .iter()
        .filter_map(|m| {
            MessageParser::default()
                .parse(m)
                .and_then(|m| m.message_id().map(str::to_owned))
        })
        .collect();
    in_review.sort();
    let mut forged: Vec<String> = through_postfix
        .iter()
        .filter_map(|(_, _, victim)| *victim)
        .chain(["victim.five"])
        .map(|v| format!("{v}.request@people.test"))
        .collect();
    forged.sort();
    assert_eq!(in_review, forged);
    assert_eq!(stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX"), 0);
    assert_eq!(stats(&config)["people_helped"], 1);

    // And the log says why, without naming anyone.
    let log = std::fs::read_to_string(&log).expect("log");
    let said = |reason: &str| {
        log.lines()
            .filter(|l| l.contains("not answered") && l.contains(reason))
            .count()
    };
    assert_eq!(said("authentication_failed"), 2, "{log}");
    assert_eq!(said("unauthenticated"), 3, "{log}");
    assert!(!log.contains("victim"), "the log names no address");
}
