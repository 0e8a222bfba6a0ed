//! The one-email-per-letter layout end to end, on a real Postfix and
//! Dovecot: a supporter gets a summary and one email per letter, each
//! threaded under their request, each to them alone with its one draft;
//! the request is removed once and counted once. And a SIGKILL between
//! two of the emails: the restart finds the request claimed but not sent
//! and answers it again whole (src/daemon/mod.rs, "What a crash can do"),
//! so the emails that had gone arrive twice and none is missing.

#[path = "common/campaign_copy.rs"]
mod campaign_copy;
#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/proxy.rs"]
mod proxy;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use mail_parser::{MessageParser, MimeHeaders};
use mailstack::{Daemon, Stack, stats, supporter_mail, wait_until};
use proxy::{Cut, Proxy, Trigger};

const WAIT: Duration = Duration::from_secs(180);
const ADDRESS: &str = "robin@people.test";
const REQUEST_ID: &str = "robin.request@people.test";

/// A copy of the frozen campaign in the stack's folder, switched to the
/// per-letter layout the way a campaign would: one line in its config.
fn per_letter_campaign(stack: &Stack) -> PathBuf {
    let frozen = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/campaign");
    let copy = stack.dir.path().join("campaign");
    campaign_copy::copy_with(
        &frozen,
        &copy,
        "[campaign]\n",
        "[campaign]\nlayout = \"per_letter\"\n",
    );
    copy
}

/// One email the supporter received.
#[derive(Debug)]
struct Received {
    message_id: String,
    in_reply_to: String,
    subject: String,
    to: Vec<String>,
    drafts: Vec<String>,
}

fn received(stack: &Stack) -> Vec<Received> {
    stack
        .replies()
        .iter()
        .map(|raw| {
            let m = MessageParser::default().parse(raw).expect("parses");
            Received {
                message_id: m.message_id().unwrap_or_default().to_owned(),
                in_reply_to: m.in_reply_to().as_text().unwrap_or_default().to_owned(),
                subject: m.subject().unwrap_or_default().to_owned(),
                to: m
                    .to()
                    .map(|a| {
                        a.iter()
                            .filter_map(|a| a.address())
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default(),
                drafts: m
                    .attachments()
                    .filter_map(|a| a.attachment_name())
                    .filter(|n| n.ends_with(".eml"))
                    .map(str::to_owned)
                    .collect(),
            }
        })
        .collect()
}

/// Each email is threaded under the request, to the supporter alone; the
/// letter emails carry one draft each and the letter's own subject.
fn assert_well_formed(emails: &[Received]) {
    for email in emails {
        assert_eq!(email.in_reply_to, REQUEST_ID, "{email:?}");
        assert_eq!(email.to, vec![ADDRESS.to_owned()], "{email:?}");
        if email.subject.starts_with("Re: ") {
            assert!(email.drafts.is_empty(), "the summary carries no draft");
        } else {
            assert_eq!(email.drafts.len(), 1, "one draft per letter: {email:?}");
        }
    }
}

fn submit_request(stack: &Stack) {
    stack.submit(&[(
        ADDRESS.to_owned(),
        supporter_mail(
            ADDRESS,
            "Robin Sample",
            "12 Acacia Avenue, Swanley",
            "BR8 7RE",
        ),
    )]);
    wait_until("delivery", WAIT, || stack.campaign_total() == 1);
}

fn assert_counted_once(config: &Path) {
    let counts = stats(config);
    assert_eq!(counts["people_helped"], 1, "{counts}");
    for id in ["mp", "dpo", "secretary-of-state", "committee", "fdp-team"] {
        assert_eq!(counts["letters"][id], 1, "{id}: {counts}");
    }
}

#[test]
fn a_summary_and_one_threaded_email_per_letter() {
    let stack = Stack::start();
    let campaign = per_letter_campaign(&stack);
    let config = stack.config_with_campaign(&campaign, &[]);
    submit_request(&stack);
    let log = stack.dir.path().join("postbag.log");
    assert_eq!(
        Daemon::start(&config, &["--once"], &log).wait(WAIT),
        Some(0)
    );
    wait_until("six emails", WAIT, || stack.reply_count() >= 6);
    std::thread::sleep(Duration::from_millis(500));
    let emails = received(&stack);
    assert_eq!(emails.len(), 6, "a summary and five letters: {emails:?}");
    assert_well_formed(&emails);
    let summaries = emails
        .iter()
        .filter(|e| e.subject.starts_with("Re: "))
        .count();
    assert_eq!(summaries, 1);
    let mut drafts: Vec<&str> = emails
        .iter()
        .flat_map(|e| e.drafts.iter().map(String::as_str))
        .collect();
    drafts.sort_unstable();
    assert_eq!(
        drafts,
        [
            "01-mp.eml",
            "02-dpo.eml",
            "03-secretary-of-state.eml",
            "04-committee.eml",
            "05-fdp-team.eml"
        ]
    );
    assert_eq!(
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX"),
        0,
        "removed"
    );
    assert_counted_once(&config);
}

#[test]
fn a_sigkill_between_two_letter_emails_sends_the_set_again_and_loses_none() {
    let stack = Stack::start();
    let campaign = per_letter_campaign(&stack);
    // The relay's path goes through a proxy that lets the summary and the
    // first letter through, then takes the second letter's data and
    // freezes: Postfix has it, postbag never hears back.
    let proxy = Proxy::start(
        stack.port("MAILSTACK_BASE_PORT") + 7,
        stack.port("MAILSTACK_SMTP_PORT"),
        Trigger::EndOfData,
        Cut::Freeze,
        1,
    );
    proxy.skip_first(2);
    let config = stack.config_with_smtp(
        &format!(
            "host = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\ntimeout_secs = 60",
            proxy.port
        ),
        &[],
    );
    // config_with_smtp writes the frozen campaign: point it at the copy.
    let frozen = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/campaign");
    let text = std::fs::read_to_string(&config).expect("postbag.toml");
    let text = text.replace(
        &frozen.display().to_string(),
        &campaign.display().to_string(),
    );
    std::fs::write(&config, text).expect("write postbag.toml");
    submit_request(&stack);

    let log = stack.dir.path().join("postbag.log");
    let daemon = Daemon::start(&config, &[], &log);
    wait_until("three emails accepted", WAIT, || proxy.fired() >= 3);
    wait_until("three emails delivered", WAIT, || stack.reply_count() >= 3);
    daemon.kill();
    // What the first run got to the relay: the three it saw accepted, and
    // any email whose data was already on its way when it died (a kill
    // after the final "." and before the answer). Let Postfix deliver it.
    std::thread::sleep(Duration::from_secs(1));
    stack.flush_queue();
    wait_until("the queue to drain", WAIT, || stack.queue_len() == 0);
    let before = received(&stack);
    assert!(
        (3..6).contains(&before.len()),
        "the kill came between two emails: {before:?}"
    );
    assert_eq!(
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX"),
        1,
        "kept"
    );

    // The restart: the proxy passes everything now.
    let log2 = stack.dir.path().join("postbag-2.log");
    assert_eq!(
        Daemon::start(&config, &["--once"], &log2).wait(WAIT),
        Some(0)
    );
    let expected = before.len() + 6;
    wait_until("the whole set again", WAIT, || {
        stack.reply_count() >= expected
    });
    std::thread::sleep(Duration::from_millis(500));
    let emails = received(&stack);
    assert_eq!(
        emails.len(),
        expected,
        "what went before, then the whole set"
    );
    assert_well_formed(&emails);
    let mut times: HashMap<&str, usize> = HashMap::new();
    for email in &emails {
        *times.entry(email.message_id.as_str()).or_default() += 1;
    }
    assert_eq!(times.len(), 6, "every email of the set arrived: {times:?}");
    for (id, n) in &times {
        let first_run = before.iter().filter(|e| e.message_id == *id).count();
        assert_eq!(*n, first_run + 1, "{id}: once per run that sent it");
    }
    assert_eq!(
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX"),
        0,
        "removed once"
    );
    assert!(
        std::fs::read_to_string(&log2)
            .expect("log")
            .contains("recovering a message claimed before a restart"),
        "the restart recovered it"
    );
    assert_counted_once(&config);
}
