//! Every fixture of `tests/corpus/no-reply/` in a real mailbox, answered
//! by `postbag run` on a real Postfix and Dovecot: not one reply is sent.
//!
//! The fixtures go into the campaign's INBOX byte for byte (straight into
//! the maildir: Postfix would add headers and rewrite Return-Path), with a
//! genuine request through Postfix beside them, so the test fails if
//! nothing runs. postbag runs with the corpus's campaign address (the own
//! address and loop fixtures name it) and `imap.ignored_folder = "Junk"`,
//! so every message it decides to leave unanswered is kept and counted.
//! Most fixture senders are at domains the stack refuses to deliver to; a
//! reply to one would be refused at RCPT, sending the message to Review
//! and leaving a line in Postfix's log, and both are checked.

#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/raw_mail.rs"]
mod raw_mail;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mail_parser::MessageParser;
use mailstack::{Daemon, Stack, stats, supporter_mail, wait_until};

const WAIT: Duration = Duration::from_secs(120);

/// The corpus's campaign address, which the fixtures are written to.
const CORPUS_ADDRESS: &str = "letters@notwithmynhsdata.org";

/// The fixtures, with the outcome each expects.
fn fixtures() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/no-reply");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/corpus/no-reply")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|eml| {
            let expected: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(eml.with_extension("json")).expect("the .json"),
            )
            .expect("json");
            let outcome = expected["outcome"].as_str().expect("an outcome").to_owned();
            (eml, outcome)
        })
        .collect()
}

#[test]
fn no_reply_fixtures_in_a_real_mailbox_get_no_reply_and_a_request_beside_them_does() {
    let stack = Stack::start();
    let config = stack.config(&[("imap", "ignored_folder = \"Junk\"")]);
    // The stack's campaign account, under the corpus's campaign address.
    let text = std::fs::read_to_string(&config).expect("postbag.toml");
    let text = text.replacen(
        "address = \"letters@campaign.test\"",
        &format!("address = \"{CORPUS_ADDRESS}\""),
        1,
    );
    assert!(text.contains(CORPUS_ADDRESS), "the campaign address is set");
    std::fs::write(&config, text).expect("write postbag.toml");

    let fixtures = fixtures();
    assert!(fixtures.len() >= 90, "{} fixtures", fixtures.len());
    for (eml, _) in &fixtures {
        let raw = std::fs::read(eml).expect("read fixture");
        raw_mail::put_in_maildir(&stack, "MAILSTACK_MAILDIR_CAMPAIGN", "INBOX", &raw);
    }
    let genuine = "maya.okafor@people.test";
    stack.submit(&[(
        genuine.to_owned(),
        supporter_mail(
            genuine,
            "Maya Okafor",
            "7 Orchard Close, Swanley",
            "BR8 7RE",
        ),
    )]);
    wait_until("everything in the inbox", WAIT, || {
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX") == fixtures.len() + 1
    });

    let log = stack.dir.path().join("postbag.log");
    let started = Instant::now();
    let daemon = Daemon::start(&config, &[], &log);
    wait_until("the inbox to empty", WAIT, || {
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX") == 0
    });
    wait_until("the genuine reply", WAIT, || stack.reply_count() >= 1);
    let took = started.elapsed();
    assert_eq!(daemon.stop(), Some(0), "SIGTERM stops it cleanly");
    // Postfix delivers what it accepted: once its queue is empty, every
    // reply postbag sent is in a mailbox.
    wait_until("Postfix's queue to empty", WAIT, || {
        stack.flush_queue();
        stack.queue_len() == 0
    });
    eprintln!(
        "{} no-reply messages and one request handled in {took:.1?}",
        fixtures.len()
    );

    // One reply, to the request; nothing to anyone else.
    let replies = stack.replies();
    assert_eq!(replies.len(), 1, "only the request is answered");
    let reply = MessageParser::default().parse(&replies[0]).expect("parses");
    assert_eq!(
        reply.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some(genuine)
    );
    for (key, folders) in [
        (
            "MAILSTACK_MAILDIR_SUPPORTERS",
            stack.folders("MAILSTACK_MAILDIR_SUPPORTERS"),
        ),
        (
            "MAILSTACK_MAILDIR_VACATION",
            stack.folders("MAILSTACK_MAILDIR_VACATION"),
        ),
    ] {
        let total: usize = folders.values().map(Vec::len).sum();
        let want = usize::from(key == "MAILSTACK_MAILDIR_SUPPORTERS");
        assert_eq!(total, want, "{key}: {folders:?}");
    }
    assert_eq!(
        raw_mail::submitted(&stack),
        raw_mail::Submitted {
            accepted: 1,
            refused: 0
        },
        "postbag handed Postfix one reply and tried no other"
    );

    // Each fixture was left unanswered as it expects: ignored ones kept in
    // Junk, none refused by the relay into Review.
    let expect = |outcome: &str| fixtures.iter().filter(|(_, o)| o == outcome).count();
    assert_eq!(
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "Junk"),
        expect("ignored")
    );
    assert_eq!(
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "Review"),
        expect("review")
    );
    let counts = stats(&config);
    assert_eq!(counts["people_helped"], 1, "{counts}");
    assert_eq!(counts["help_replies"], 0, "{counts}");
    let log = std::fs::read_to_string(&log).expect("log");
    let not_answered = log.lines().filter(|l| l.contains("not answered")).count();
    assert_eq!(not_answered, fixtures.len(), "{log}");
}
