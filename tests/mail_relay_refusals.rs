//! The relay refusing postbag rather than a message, on the real Postfix
//! and Dovecot: a wrong password (as when an app password is revoked)
//! sends nothing to review and leaves every request waiting, and a
//! provider's daily limit pauses sending until its window passes. In
//! both, every request is answered once in the end.

#[path = "common/fake_relay.rs"]
mod fake_relay;
#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/run.rs"]
mod run;

use std::path::Path;
use std::time::Duration;

use fake_relay::{FakeRelay, Mode};
use mailstack::{Daemon, Stack, people_helped, requests, state, to_address, wait_for};

const WAIT: Duration = Duration::from_secs(120);
const SHORT: Duration = Duration::from_secs(30);

/// No claim keyword is left on any message in the campaign's INBOX
/// (Dovecot writes keywords as lower-case letters after ":2,").
fn none_claimed(stack: &Stack) -> bool {
    let inbox = stack
        .folders("MAILSTACK_MAILDIR_CAMPAIGN")
        .remove("INBOX")
        .unwrap_or_default();
    inbox.iter().all(|path| {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let flags = name.rsplit_once(":2,").map_or("", |(_, f)| f);
        !flags.chars().any(|c| c.is_ascii_lowercase())
    })
}

/// One reply to each request's sender, and none to anyone else.
fn assert_answered_once_each(replies: &[Vec<u8>], mail: &[(String, Vec<u8>)]) {
    let mut to: Vec<String> = replies.iter().map(|r| to_address(r)).collect();
    to.sort();
    let mut asked: Vec<String> = mail.iter().map(|(a, _)| a.clone()).collect();
    asked.sort();
    assert_eq!(to, asked, "each answered once");
}

#[test]
fn a_wrong_relay_password_leaves_every_request_waiting_and_once_fails_naming_the_setting() {
    let stack = Stack::start();
    let password = stack.dir.path().join("smtp-password");
    std::fs::write(&password, "revoked-app-password\n").expect("password");
    let smtp = format!(
        "host = \"localhost\"\nport = {}\nsecurity = \"starttls\"\nusername = \"letters@campaign.test\"\npassword_file = \"{}\"\nca_file = \"{}\"",
        stack.port("MAILSTACK_SUBMISSION_PORT"),
        password.display(),
        stack.get("MAILSTACK_CA_FILE"),
    );
    let config = stack.config_with_smtp(&smtp, &[]);
    let log = stack.dir.path().join("postbag.log");
    let mail = requests("signin", 3);
    stack.submit(&mail);
    wait_for(&stack, &log, "delivery to the campaign", SHORT, || {
        stack.campaign_total() == 3
    });

    let code = Daemon::start(&config, &["--once"], &log).wait(WAIT);
    assert_eq!(code, Some(78), "{}", state(&stack, &log));
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(
        text.contains("relay_sign_in_refused") && text.contains("smtp.password_file"),
        "the log names what to fix: {text}"
    );
    assert!(!text.contains("outcome=\"review\""), "{text}");
    assert_eq!(stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX"), 3);
    assert_eq!(stack.campaign_total(), 3, "nothing moved to review");
    assert!(none_claimed(&stack), "{}", state(&stack, &log));
    assert_eq!(stack.reply_count(), 0);
    assert_eq!(people_helped(&config), 0);
    // `check` says so too, with when sending will be tried again.
    let path = config.display().to_string();
    let out = run::postbag(&["check", "--config", &path], &[]);
    let checked = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(78), "{checked}");
    assert!(
        checked.contains("PROBLEM  sending: paused until")
            && checked.contains("relay_sign_in_refused")
            && checked.contains("the relay refused postbag's sign-in (535)"),
        "{checked}"
    );

    // The operator puts the password right: every request is answered.
    let right = std::fs::read(stack.get("MAILSTACK_CAMPAIGN_PASSWORD_FILE")).expect("read");
    std::fs::write(&password, right).expect("password");
    let code = Daemon::start(&config, &["--once"], &log).wait(WAIT);
    assert_eq!(code, Some(0), "{}", state(&stack, &log));
    wait_for(&stack, &log, "three replies", WAIT, || {
        stack.reply_count() == 3
    });
    assert_answered_once_each(&stack.replies(), &mail);
    assert_eq!(stack.campaign_total(), 0);
    assert_eq!(people_helped(&config), 3);
    let out = run::postbag(&["check", "--config", &path], &[]);
    let checked = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{checked}");
}

#[test]
fn a_providers_daily_limit_pauses_sending_until_its_window_passes() {
    let stack = Stack::start();
    let window = Duration::from_secs(4);
    let relay = FakeRelay::start(&stack, Mode::Quota { after: 2, window });
    // The pause after the provider's daily limit, shortened to fit a test.
    let config = stack.config_with_smtp(
        &relay.smtp_section(),
        &[
            ("smtp", "quota_wait_secs = 5"),
            ("daemon", "max_in_flight = 1"),
        ],
    );
    let log = stack.dir.path().join("postbag.log");
    let mail = requests("quota", 5);
    stack.submit(&mail);
    wait_for(&stack, &log, "delivery to the campaign", SHORT, || {
        stack.campaign_total() == 5
    });

    let daemon = Daemon::start(&config, &[], &log);
    wait_for(&stack, &log, "five replies taken", WAIT, || {
        relay.accepted().len() == 5
    });
    wait_for(&stack, &log, "the mailbox emptied", WAIT, || {
        stack.campaign_total() == 0
    });
    assert_eq!(daemon.stop(), Some(0));

    assert_answered_once_each(&relay.accepted(), &mail);
    assert_eq!(relay.refused(), 1, "one refusal, then a pause");
    let refused_at = relay.quota_from().expect("the limit was reached");
    let third = relay.accepted_at()[2];
    assert!(
        third.duration_since(refused_at) >= Duration::from_secs(5),
        "sending resumed before the pause ended"
    );
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.contains("relay_daily_limit"), "{text}");
    assert!(!text.contains("outcome=\"review\""), "{text}");
    assert_eq!(people_helped(&config), 5);
}

#[test]
fn the_copies_a_provider_keeps_in_sent_are_removed_once_older_than_the_window() {
    let stack = Stack::start();
    // The relay now files what postbag sends in Sent, like Gmail.
    stack.file_sent_copies();
    let config = stack.config(&[("imap", "sent_folder = \"Sent\"\nsent_keep_secs = 2")]);
    let log = stack.dir.path().join("postbag.log");
    // A person's own sent mail, which must stay.
    let person = b"From: Campaign Team <letters@campaign.test>\r\nTo: press@people.test\r\nSubject: Our statement\r\nMessage-ID: <CAF=statement@mail.campaign.test>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\n\r\nHello.\r\n";
    let sent_dir = Path::new(stack.get("MAILSTACK_MAILDIR_CAMPAIGN")).join("Sent/new");
    std::fs::write(sent_dir.join("1.person"), person).expect("a person's mail");

    let mail = requests("copies", 3);
    stack.submit(&mail);
    wait_for(&stack, &log, "delivery to the campaign", SHORT, || {
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX") == 3
    });
    let code = Daemon::start(&config, &["--once"], &log).wait(WAIT);
    assert_eq!(code, Some(0), "{}", state(&stack, &log));
    wait_for(&stack, &log, "the provider's copies", WAIT, || {
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "Sent") == 4
    });
    let names: Vec<String> = (0..3).map(|i| format!("copies{i}@people.test")).collect();
    let holds = |folder: &str| -> usize {
        stack
            .messages("MAILSTACK_MAILDIR_CAMPAIGN", folder)
            .iter()
            .filter(|m| {
                let text = String::from_utf8_lossy(m);
                names.iter().any(|n| text.contains(n.as_str()))
            })
            .count()
    };
    assert_eq!(holds("Sent"), 3, "the copies hold the supporters' details");

    // Older than the window, and nothing claimed waits: the next look
    // removes them, and only them.
    std::thread::sleep(Duration::from_secs(3));
    let code = Daemon::start(&config, &["--once"], &log).wait(WAIT);
    assert_eq!(code, Some(0), "{}", state(&stack, &log));
    assert_eq!(holds("Sent"), 0, "{}", state(&stack, &log));
    let left = stack.messages("MAILSTACK_MAILDIR_CAMPAIGN", "Sent");
    assert_eq!(left.len(), 1, "the person's own mail stays");
    assert!(String::from_utf8_lossy(&left[0]).contains("Our statement"));
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.contains("removed old copies of replies"), "{text}");
    assert_eq!(stack.reply_count(), 3, "each answered once");
}
