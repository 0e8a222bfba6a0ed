//! The daemon end to end on a real Postfix and Dovecot: a supporter's
//! email submitted to Postfix, delivered to the campaign mailbox, answered
//! by `postbag run`, the reply delivered to the supporter's mailbox; and
//! the mail that must get no reply, or must wait for a person.

#[path = "common/campaign_copy.rs"]
mod campaign_copy;
#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/run.rs"]
mod run;

use std::path::Path;
use std::time::Duration;

use mail_parser::{MessageParser, MimeHeaders};
use mailstack::{Daemon, Stack, stats, supporter_mail, wait_until};

const WAIT: Duration = Duration::from_secs(30);

/// Every file under `dir`, as text.
fn all_text(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            text.push_str(&all_text(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            text.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    text
}

#[test]
fn a_supporter_gets_their_letters_and_nothing_of_theirs_is_kept() {
    let stack = Stack::start();
    let config = stack.config(&[]);
    let log = stack.dir.path().join("postbag.log");
    let daemon = Daemon::start(&config, &[], &log);
    daemon.wait_open(WAIT);

    let (name, street, postcode) = ("Jane Smith", "12 Acacia Avenue, Swanley", "BR8 7RE");
    let address = "jane.smith@people.test";
    stack.submit(&[(
        address.to_owned(),
        supporter_mail(address, name, street, postcode),
    )]);
    // Answered while the daemon IDLEs: no restart, no poll.
    wait_until("the reply", WAIT, || stack.replies().len() == 1);
    wait_until("the original to go", WAIT, || stack.campaign_total() == 0);

    let raw = stack.replies().remove(0);
    let reply = MessageParser::default().parse(&raw).expect("reply parses");
    let header = |name: &str| {
        reply
            .header_raw(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(
        reply.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some(address)
    );
    assert_eq!(header("Return-Path"), "<>", "the envelope sender is null");
    assert_eq!(header("Auto-Submitted"), "auto-replied");
    assert_eq!(header("In-Reply-To"), "<jane.smith.request@people.test>");
    assert!(header("References").contains("<jane.smith.request@people.test>"));
    assert!(header("X-Loop").contains("letters@campaign.test"));
    let drafts = reply
        .attachments()
        .filter(|a| a.content_type().is_some_and(|c| c.ctype() == "message"))
        .count();
    assert_eq!(drafts, 5, "five letters attached as drafts");
    let text = reply.body_text(0).expect("text body");
    assert!(text.contains("Sevenoaks"), "the MP's seat is named");

    let counts = stats(&config);
    assert_eq!(counts["people_helped"], 1);
    let letters: u64 = counts["letters"]
        .as_object()
        .expect("letters")
        .values()
        .map(|v| v.as_u64().expect("a count"))
        .sum();
    assert_eq!(letters, 5);

    assert_eq!(daemon.stop(), Some(0), "SIGTERM stops it cleanly");

    // The state folder holds the count and nothing else; neither it nor
    // the log (at debug level) holds anything of the supporter's.
    let state: Vec<String> = std::fs::read_dir(stack.state_dir())
        .expect("state folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(state, ["counts.json"]);
    let kept = all_text(&stack.state_dir()) + &std::fs::read_to_string(&log).expect("log");
    assert!(kept.contains("answered"), "the log says what happened");
    for secret in [
        name,
        "Jane",
        "Smith",
        "Acacia",
        "Swanley",
        postcode,
        "BR87RE",
        address,
        "people.test",
        "Send my letters",
        "jane.smith.request",
    ] {
        assert!(!kept.contains(secret), "{secret:?} was kept");
    }
}

#[test]
fn a_sixth_letter_added_in_config_is_sent_attached_and_counted() {
    let stack = Stack::start();
    let campaign = stack.dir.path().join("campaign");
    let frozen = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/campaign");
    campaign_copy::copy_with_a_sixth_letter(&frozen, &campaign);
    let config = stack.config_with_campaign(&campaign, &[]);
    let address = "robin@people.test";
    stack.submit(&[(
        address.to_owned(),
        supporter_mail(
            address,
            "Robin Sample",
            "12 Acacia Avenue, Swanley",
            "BR8 7RE",
        ),
    )]);
    wait_until("delivery", WAIT, || stack.campaign_total() == 1);
    let log = stack.dir.path().join("postbag.log");
    assert_eq!(
        Daemon::start(&config, &["--once"], &log).wait(WAIT),
        Some(0)
    );
    let raw = stack.replies().pop().expect("a reply");
    let reply = MessageParser::default().parse(&raw).expect("reply parses");
    let drafts: Vec<String> = reply
        .attachments()
        .filter(|a| a.content_type().is_some_and(|c| c.ctype() == "message"))
        .filter_map(|a| a.attachment_name().map(str::to_owned))
        .collect();
    assert_eq!(drafts.len(), 6, "{drafts:?}");
    assert_eq!(drafts[5], format!("06-{}.eml", campaign_copy::SIXTH_ID));
    let counts = stats(&config);
    assert_eq!(counts["people_helped"], 1);
    assert_eq!(counts["letters"][campaign_copy::SIXTH_ID], 1);
    assert_eq!(counts["letters"]["mp"], 1);
}

/// Write the no-reply cases and a help case, then answer with `--once`.
fn no_reply_cases(stack: &Stack) {
    let mail = |from: &str, extra: &str, body: &str| {
        format!(
            "From: <{from}>\r\nTo: letters@campaign.test\r\nSubject: Hello\r\n\
             Message-ID: <{}@people.test>\r\n{extra}Content-Type: text/plain\r\n\r\n{body}\r\n",
            from.replace('@', ".")
        )
        .into_bytes()
    };
    let details = "Name: Ann Other\r\nAddress: 1 High Street\r\nPostcode: BR8 7RE";
    stack.submit(&[
        (
            "away@people.test".to_owned(),
            mail(
                "away@people.test",
                "Auto-Submitted: auto-replied\r\n",
                details,
            ),
        ),
        (
            "list@people.test".to_owned(),
            mail(
                "list@people.test",
                "List-Id: <news.people.test>\r\n",
                details,
            ),
        ),
        (
            "helpme@people.test".to_owned(),
            mail("helpme@people.test", "", "Please send me the letters!"),
        ),
    ]);
    // A bounce: null envelope sender, so Dovecot writes Return-Path: <>.
    let bounce = "From: MAILER-DAEMON@people.test\r\nTo: letters@campaign.test\r\n\
                  Subject: Undelivered Mail\r\nMIME-Version: 1.0\r\n\
                  Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n\
                  --b\r\nContent-Type: text/plain\r\n\r\nPostcode: BR8 7RE\r\n--b--\r\n";
    stack.submit(&[(String::new(), bounce.as_bytes().to_vec())]);
    wait_until("delivery to the campaign", WAIT, || {
        stack.messages("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX").len() == 4
    });
}

#[test]
fn auto_replies_lists_and_bounces_get_no_reply_and_are_removed() {
    let stack = Stack::start();
    let config = stack.config(&[]);
    no_reply_cases(&stack);
    let log = stack.dir.path().join("postbag.log");
    let code = Daemon::start(&config, &["--once"], &log).wait(WAIT);
    assert_eq!(code, Some(0));

    // Postfix delivers after it accepted: wait for it.
    wait_until("the help reply", WAIT, || !stack.replies().is_empty());
    let replies = stack.replies();
    assert_eq!(replies.len(), 1, "only the help reply");
    let help = MessageParser::default().parse(&replies[0]).expect("parses");
    assert_eq!(
        help.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some("helpme@people.test")
    );
    assert_eq!(stack.campaign_total(), 0, "everything removed");
    let counts = stats(&config);
    assert_eq!(counts["people_helped"], 0);
    assert_eq!(counts["help_replies"], 1);
}

#[test]
fn with_an_ignored_folder_no_reply_mail_is_moved_there() {
    let stack = Stack::start();
    let config = stack.config(&[("imap", "ignored_folder = \"Junk\"")]);
    no_reply_cases(&stack);
    let log = stack.dir.path().join("postbag.log");
    assert_eq!(
        Daemon::start(&config, &["--once"], &log).wait(WAIT),
        Some(0)
    );
    wait_until("the help reply", WAIT, || !stack.replies().is_empty());
    assert_eq!(stack.replies().len(), 1);
    assert_eq!(
        stack.messages("MAILSTACK_MAILDIR_CAMPAIGN", "Junk").len(),
        3
    );
    assert_eq!(
        stack.messages("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX").len(),
        0
    );
}

#[test]
fn a_reply_the_relay_refuses_for_good_sends_the_request_to_review() {
    let stack = Stack::start();
    let config = stack.config(&[]);
    // The stack's Postfix answers 550 to any refused-* recipient.
    let address = "refused-jo@people.test";
    stack.submit(&[(
        address.to_owned(),
        supporter_mail(address, "Jo Bloggs", "3 Mill Lane", "SE1 2DL"),
    )]);
    wait_until("delivery", WAIT, || stack.campaign_total() == 1);
    let log = stack.dir.path().join("postbag.log");
    assert_eq!(
        Daemon::start(&config, &["--once"], &log).wait(WAIT),
        Some(0)
    );
    assert!(stack.replies().is_empty());
    assert_eq!(
        stack.messages("MAILSTACK_MAILDIR_CAMPAIGN", "Review").len(),
        1
    );
    assert_eq!(
        stack.messages("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX").len(),
        0
    );
    assert_eq!(stats(&config)["people_helped"], 0);
    let log = std::fs::read_to_string(log).expect("log");
    assert!(log.contains("send_refused"), "{log}");
    assert!(!log.contains("refused-jo"), "the log names no address");
}

#[test]
fn with_sender_authentication_on_unauthenticated_mail_goes_to_review() {
    let stack = Stack::start();
    let config = stack.config(&[("auth", "trusted_authserv_id = \"mx.campaign.test\"")]);
    let good = "good@people.test";
    let forged = "forged@people.test";
    let with_header = |address: &str, header: &str| {
        let mut raw = header.as_bytes().to_vec();
        raw.extend(supporter_mail(address, "Pat Doe", "4 Park Road", "BR8 7RE"));
        raw
    };
    stack.submit(&[
        (
            good.to_owned(),
            with_header(
                good,
                "Authentication-Results: mx.campaign.test; dmarc=pass header.from=people.test\r\n",
            ),
        ),
        // A pass claimed by another server proves nothing.
        (
            forged.to_owned(),
            with_header(
                forged,
                "Authentication-Results: mx.elsewhere.test; dmarc=pass header.from=people.test\r\n",
            ),
        ),
    ]);
    wait_until("delivery", WAIT, || stack.campaign_total() == 2);
    let log = stack.dir.path().join("postbag.log");
    assert_eq!(
        Daemon::start(&config, &["--once"], &log).wait(WAIT),
        Some(0)
    );
    wait_until("the reply", WAIT, || !stack.replies().is_empty());
    let replies = stack.replies();
    assert_eq!(replies.len(), 1);
    let reply = MessageParser::default().parse(&replies[0]).expect("parses");
    assert_eq!(
        reply.to().and_then(|a| a.first()).and_then(|a| a.address()),
        Some(good)
    );
    assert_eq!(
        stack.messages("MAILSTACK_MAILDIR_CAMPAIGN", "Review").len(),
        1
    );
}

#[test]
fn check_reports_a_working_setup_and_names_what_is_wrong() {
    let stack = Stack::start();
    let config = stack.config(&[]);
    let path = config.display().to_string();
    let out = run::postbag(&["check", "--config", &path], &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("IDLE") && text.contains("MOVE") && text.contains("claims by the keyword")
    );

    let out = run::postbag(
        &["check", "--config", &path],
        &[("POSTBAG_IMAP__PORT", "1")],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(78), "{text}");
    assert!(text.contains("PROBLEM  IMAP localhost:1"), "{text}");

    // Bank holidays that run out before a reminder written today could
    // fall: named, with what to do.
    let frozen = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/campaign");
    let campaign = std::fs::read_to_string(frozen.join("campaign.toml")).expect("campaign.toml");
    let campaign = campaign.replacen(
        "\n[[letters]]\n",
        "\n[calendar]\nbank_holidays = [2026-12-25, 2026-12-28]\n\n[[letters]]\n",
        1,
    );
    let short = stack.dir.path().join("short-calendar.toml");
    std::fs::write(&short, campaign).expect("write");
    let short = short.display().to_string();
    let out = run::postbag(
        &["check", "--config", &path],
        &[("POSTBAG_CAMPAIGN__LETTERS", short.as_str())],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(78),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains(
            "PROBLEM  calendar: calendar.bank_holidays in campaign.toml ends on 2026-12-28"
        ),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn check_against_ports_that_disagree_with_security_answers_in_seconds_with_the_setting() {
    let stack = Stack::start();
    let path = stack.config(&[]).display().to_string();
    // STARTTLS against the implicit-TLS ports (silent until TLS starts),
    // and TLS against the plain ones (greeting in clear text), on both
    // servers at once. The stack's ports are not the usual ones, so only
    // the connection can tell.
    for (security, imap, smtp, want) in [
        (
            "starttls",
            "MAILSTACK_IMAPS_PORT",
            "MAILSTACK_SUBMISSIONS_PORT",
            "security = \"tls\"",
        ),
        (
            "tls",
            "MAILSTACK_IMAP_PORT",
            "MAILSTACK_SUBMISSION_PORT",
            "security = \"starttls\"",
        ),
    ] {
        let imap_port = stack.port(imap).to_string();
        let smtp_port = stack.port(smtp).to_string();
        let started = std::time::Instant::now();
        let out = run::postbag(
            &["check", "--config", &path],
            &[
                ("POSTBAG_IMAP__PORT", imap_port.as_str()),
                ("POSTBAG_IMAP__SECURITY", security),
                ("POSTBAG_SMTP__PORT", smtp_port.as_str()),
                ("POSTBAG_SMTP__SECURITY", security),
            ],
        );
        let took = started.elapsed();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(78), "{text}");
        assert!(took < Duration::from_secs(15), "{security}: took {took:?}");
        for section in ["imap", "smtp"] {
            assert!(
                text.contains(&format!("{section}.security: port"))
                    && text.contains(&format!("set {section}.{want}")),
                "{security}, {section}: {text}"
            );
        }
    }
}
