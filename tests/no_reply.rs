//! Mail that must get no reply gets none: every fixture under
//! `tests/corpus/no-reply/` builds no reply at all (`tests/corpus.rs`
//! checks each one's outcome and reason); postbag's own replies, built
//! here by the pipeline so they track the real format, get none when they
//! come back, directly, redirected, bounced or quoted by the supporter's
//! vacation responder; and the Pigeonhole vacation rules postbag does not
//! follow, by design, still let a request through.

mod common;

use mail_parser::MessageParser;
use postbag::pipeline::{Outcome, Processed};

/// The fixtures, as `(name, raw, expected outcome class)`.
fn fixtures() -> Vec<(String, Vec<u8>, String)> {
    let dir = common::root().join("tests/corpus/no-reply");
    common::eml_files(&dir)
        .into_iter()
        .map(|eml| {
            let expected: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(eml.with_extension("json")).expect("the fixture's .json"),
            )
            .expect("json");
            let outcome = expected["outcome"].as_str().expect("an outcome").to_owned();
            let name = eml
                .file_stem()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&eml).expect("read fixture"), outcome)
        })
        .collect()
}

/// What went wrong with one message, if anything: a reply built, or an
/// outcome other than no reply.
fn replied(processed: &Processed) -> Option<String> {
    let answered = processed.reply.is_some()
        || !matches!(processed.outcome, Outcome::Ignored(_) | Outcome::Review(_));
    answered.then(|| {
        format!(
            "{} {}",
            processed.outcome.class(),
            processed.outcome.reason().unwrap_or("")
        )
    })
}

#[test]
fn every_no_reply_fixture_builds_no_reply() {
    let engine = common::engine();
    let table = common::table();
    let fixtures = fixtures();
    assert!(
        fixtures.len() >= 90,
        "tests/corpus/no-reply has {} messages; it should have at least 90",
        fixtures.len()
    );
    let mut wrong = Vec::new();
    for (name, raw, outcome) in &fixtures {
        assert!(
            outcome == "ignored" || outcome == "review",
            "{name}: a no-reply fixture expects {outcome}"
        );
        let processed = common::process(&engine, &table, raw);
        if let Some(what) = replied(&processed) {
            wrong.push(format!("{name}: {what}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} would be answered:\n{}",
        wrong.len(),
        fixtures.len(),
        wrong.join("\n")
    );
}

// ------------------------------------------------- our own replies returning

/// A real reply, as postbag sends it: to a corpus request, with letters.
fn our_reply() -> (Vec<u8>, String, String) {
    let raw =
        std::fs::read(common::root().join("tests/corpus/shapes/mailto-template-filled-in.eml"))
            .expect("fixture");
    let processed = common::process_one(&raw);
    let reply = processed.reply.expect("the request is answered");
    assert!(matches!(processed.outcome, Outcome::Letters { .. }));
    let wire = reply.message.formatted();
    let parsed = MessageParser::default().parse(&wire).expect("reply parses");
    let text = parsed.body_text(0).expect("a text part").into_owned();
    (wire, reply.message_id, text)
}

/// `text` with every line quoted, as mail clients quote.
fn quoted(text: &str) -> String {
    text.lines().map(|l| format!("> {l}\r\n")).collect()
}

/// The ways a reply of ours comes back to the campaign mailbox.
fn our_reply_returning() -> Vec<(&'static str, Vec<u8>)> {
    let (wire, message_id, text) = our_reply();
    let with = |headers: &str| [headers.as_bytes(), &wire].concat();
    let supporter = "Jane Smith <jane.smith@example.com>";
    let vacation = |subject: &str, auto: &str| {
        format!(
            "Return-Path: <jane.smith@example.com>\r\nFrom: {supporter}\r\n\
             To: Not With My NHS Data <letters@notwithmynhsdata.org>\r\n\
             Subject: {subject}\r\nDate: Mon, 23 Nov 2026 10:31:00 +0000\r\n\
             Message-ID: <vacation.1@example.com>\r\nIn-Reply-To: {message_id}\r\n\
             References: {message_id}\r\n{auto}MIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
             I am away until 1 December and will read your email then.\r\n\r\n\
             On Mon, 23 Nov 2026 at 10:30, Not With My NHS Data <letters@notwithmynhsdata.org> wrote:\r\n{}",
            quoted(&text)
        )
        .into_bytes()
    };
    let dsn = [
        "Return-Path: <>\r\nFrom: Mail Delivery System <MAILER-DAEMON@mx.example.com>\r\n\
         To: letters@notwithmynhsdata.org\r\nSubject: Undelivered Mail Returned to Sender\r\n\
         Date: Mon, 23 Nov 2026 10:30:09 +0000\r\nMessage-ID: <bounce.1@mx.example.com>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered: mailbox full.\r\n\r\n\
         --b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\n\
         Final-Recipient: rfc822; jane.smith@example.com\r\nAction: failed\r\nStatus: 5.2.2\r\n\r\n\
         --b1\r\nContent-Type: message/rfc822\r\n\r\n"
            .as_bytes(),
        &wire,
        b"\r\n--b1--\r\n",
    ]
    .concat();
    let qmail = [
        "Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.example.com\r\nTo: letters@notwithmynhsdata.org\r\n\
         Subject: failure notice\r\nDate: Mon, 23 Nov 2026 10:30:09 +0000\r\n\r\n\
         Hi. This is the qmail-send program at mx.example.com.\r\n\
         I'm afraid I wasn't able to deliver your message to the following addresses.\r\n\r\n\
         <jane.smith@example.com>:\r\nSorry, no mailbox here by that name. (#5.1.1)\r\n\r\n\
         --- Below this line is a copy of the message.\r\n\r\n"
            .as_bytes(),
        &wire,
    ]
    .concat();
    vec![
        // Delivered back to us as sent: the null envelope sender.
        ("as sent", with("Return-Path: <>\r\n")),
        // With `smtp.envelope_from` set to the campaign address.
        (
            "as sent, with our envelope sender",
            with("Return-Path: <letters@notwithmynhsdata.org>\r\n"),
        ),
        // Forwarded as it is by the supporter's Gmail or Sieve filter.
        (
            "forwarded unchanged by the supporter's mailbox",
            with(
                "Return-Path: <>\r\nX-Forwarded-To: letters@notwithmynhsdata.org\r\n\
                 X-Forwarded-For: jane.smith@example.com letters@notwithmynhsdata.org\r\n\
                 Delivered-To: jane.smith@example.com\r\n",
            ),
        ),
        // Redirected ("bounced" in old clients' words) by the supporter's
        // client: Resent-* headers above ours, their envelope sender.
        (
            "redirected by the supporter's client",
            with(
                "Return-Path: <jane.smith@example.com>\r\nResent-From: Jane Smith <jane.smith@example.com>\r\n\
                 Resent-To: letters@notwithmynhsdata.org\r\nResent-Date: Mon, 23 Nov 2026 10:35:00 +0000\r\n\
                 Resent-Message-ID: <resent.1@example.com>\r\n",
            ),
        ),
        (
            "quoted by the supporter's vacation responder",
            vacation(
                "Automatic reply: Re: Send my letters",
                "Auto-Submitted: auto-replied\r\n",
            ),
        ),
        (
            "quoted by a vacation responder that only says so in its subject",
            vacation("Abwesend: Re: Send my letters", ""),
        ),
        ("bounced, attached to a delivery report", dsn),
        ("bounced, copied into a plain failure notice", qmail),
    ]
}

#[test]
fn our_own_replies_coming_back_get_no_reply() {
    let engine = common::engine();
    let table = common::table();
    let cases = our_reply_returning();
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(how, raw)| {
            let processed = common::process(&engine, &table, raw);
            let ignored = matches!(processed.outcome, Outcome::Ignored(_));
            (!ignored || processed.reply.is_some()).then(|| {
                format!(
                    "our reply {how}: {} {}",
                    processed.outcome.class(),
                    processed.outcome.reason().unwrap_or("")
                )
            })
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

// ------------------------------------------- Pigeonhole rules we don't share

/// A request with the headers given, from Jo Bloggs.
fn request(headers: &str) -> Vec<u8> {
    format!(
        "From: Jo Bloggs <jo.bloggs@example.org>\r\n{headers}Subject: Send my letters\r\n\
         Date: Mon, 23 Nov 2026 09:00:00 +0000\r\nMessage-ID: <request.1@example.org>\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Name: Jo Bloggs\r\nAddress: 3 Mill Lane, Swanley\r\nPostcode: BR8 7RE\r\n"
    )
    .into_bytes()
}

/// Pigeonhole's vacation answers only mail that names the recipient in
/// To, Cc or Bcc (`reply.svtest`: "No reply for implicitly delivered
/// message", "No reply for original recipient"). postbag answers whatever
/// reaches the campaign mailbox: supporters Bcc it, and mail to an alias
/// that forwards to it never names it; list mail, bulk mail and
/// auto-replies are caught by the other rules. "Reply for normal mail"
/// (`Auto-Submitted: no`, `Precedence: normal`) holds for both, and a
/// sending service's bounce address as the envelope sender does not stop
/// a reply. The README of `tests/corpus/` lists the choices.
#[test]
fn pigeonhole_rules_postbag_does_not_share_by_design_still_answer() {
    let engine = common::engine();
    let table = common::table();
    let return_path = "Return-Path: <jo.bloggs@example.org>\r\n";
    for (case, headers) in [
        (
            "implicitly delivered (not in To or Cc)",
            format!("{return_path}To: all@example.org\r\n"),
        ),
        (
            "Bcc'd, To someone else",
            format!("{return_path}To: Jo's MP <mp@example.org>\r\n"),
        ),
        (
            "Auto-Submitted: no, Precedence: normal",
            format!(
                "{return_path}To: letters@notwithmynhsdata.org\r\nAuto-submitted: no\r\nPrecedence: normal\r\n"
            ),
        ),
        (
            "a sending service's bounce address as envelope sender",
            "Return-Path: <bounces+1234-abcd-jo.bloggs=example.org@em1.example.net>\r\n\
             To: letters@notwithmynhsdata.org\r\n"
                .to_owned(),
        ),
    ] {
        let processed = common::process(&engine, &table, &request(&headers));
        assert!(
            matches!(processed.outcome, Outcome::Letters { .. }) && processed.reply.is_some(),
            "{case}: {} {:?}",
            processed.outcome.class(),
            processed.outcome.reason()
        );
    }
}

/// A supporter's subject that only mentions an automatic reply after
/// `Re:` is a person's mail: the subject rule reads prefixes only.
#[test]
fn a_subject_mentioning_an_automatic_reply_later_is_still_answered() {
    let raw = String::from_utf8(request(
        "Return-Path: <jo.bloggs@example.org>\r\nTo: letters@notwithmynhsdata.org\r\n",
    ))
    .expect("text");
    for subject in [
        "Re: Automatic reply: Send my letters",
        "Fwd: Out of Office: my letters please",
        "My postcode (sorry, my auto reply went to you)",
    ] {
        let raw = raw.replace("Subject: Send my letters", &format!("Subject: {subject}"));
        let processed = common::process_one(raw.as_bytes());
        assert!(
            processed.reply.is_some(),
            "{subject}: {} {:?}",
            processed.outcome.class(),
            processed.outcome.reason()
        );
    }
}
