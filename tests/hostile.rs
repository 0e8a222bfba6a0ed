//! Hostile input: header injection through encoded line breaks, template
//! syntax in what supporters write, absurd MIME nesting, oversized mail,
//! invisible and fullwidth characters, and mutated corpus messages. Nothing
//! may panic, and every reply goes to exactly one recipient, the sender.

mod common;

use mail_parser::{MessageParser, MimeHeaders};
use postbag::pipeline::{Outcome, Processed, ReviewReason};

/// Check the invariants every reply must hold and return its decoded text.
fn check_reply(processed: &Processed, sender: &str) -> String {
    let reply = processed.reply.as_ref().expect("a reply");
    let raw = reply.message.formatted();
    let head_end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = std::str::from_utf8(&raw[..head_end]).expect("ASCII headers");
    // Every header line ends in CRLF; no bare CR or LF inside a value.
    for line in head.split("\r\n") {
        assert!(
            !line.contains('\r') && !line.contains('\n'),
            "bare line break in {line:?}"
        );
    }
    assert!(
        !head.to_ascii_lowercase().contains("\r\nbcc:"),
        "a Bcc header appeared"
    );
    let envelope = reply.message.envelope();
    assert_eq!(envelope.to().len(), 1, "exactly one recipient");
    assert_eq!(envelope.to()[0].to_string(), sender);
    let parsed = MessageParser::default()
        .parse(&raw)
        .expect("the reply parses");
    let to = parsed.to().expect("To");
    assert_eq!(to.iter().count(), 1);
    assert_eq!(to.first().and_then(|a| a.address()), Some(sender));
    assert!(parsed.cc().is_none() && parsed.bcc().is_none());
    // Drafts travel as message/rfc822, which may only be 7bit, 8bit or
    // binary (RFC 2046 §5.2.1): never encoded a second time.
    for part in parsed.attachments() {
        if part
            .content_type()
            .is_some_and(|ct| ct.ctype() == "message")
        {
            let encoding = part.content_transfer_encoding().unwrap_or("7bit");
            assert!(
                encoding.eq_ignore_ascii_case("7bit"),
                "draft encoded as {encoding}"
            );
        }
    }
    parsed.body_text(0).expect("text body").into_owned()
}

fn message(from: &str, subject: &str, body: &str) -> Vec<u8> {
    format!(
        "Return-Path: <bounce@example.org>\r\nFrom: {from}\r\nTo: letters@notwithmynhsdata.org\r\nSubject: {subject}\r\nMessage-ID: <hostile@example.org>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}"
    )
    .into_bytes()
}

#[test]
fn encoded_line_breaks_in_names_do_not_inject_headers() {
    let raw = message(
        "=?utf-8?q?Jane=0D=0ABcc:_victim@example.org=0D=0AX-Evil:_1?= <jane@example.org>",
        "=?utf-8?q?Send=0D=0ABcc:_victim@example.org?=",
        "Name: Jane Smith\nAddress: 12 Acacia Avenue, Swanley\nPostcode: BR8 7RE\n",
    );
    let processed = common::process_one(&raw);
    assert_eq!(processed.outcome.class(), "letters");
    check_reply(&processed, "jane@example.org");
    let head =
        String::from_utf8_lossy(&processed.reply.as_ref().expect("reply").message.formatted())
            .into_owned();
    assert!(!head.contains("\r\nX-Evil"), "an injected header appeared");
}

#[test]
fn template_syntax_in_fields_is_never_evaluated() {
    // The address reaches every template: were it evaluated, "7*7" would
    // read 49 and get_env would put $HOME in the letters.
    let raw = message(
        "Grace Liu <grace@example.org>",
        "{{ get_env(name=\"HOME\") }}",
        "Name: {{ get_env(name=\"HOME\") }}\nAddress: {{ 7*7 }} Acacia Avenue, {{ get_env(name=\"HOME\") }} Close, {% raw %}Swanley{% endraw %}\nPostcode: BR8 7RE\n",
    );
    let processed = common::process_one(&raw);
    assert_eq!(processed.outcome.class(), "letters");
    let text = check_reply(&processed, "grace@example.org");
    assert!(
        text.contains("{{ 7*7 }} Acacia Avenue"),
        "the address is kept literally"
    );
    assert!(text.contains("{% raw %}Swanley{% endraw %}"));
    assert!(!text.contains("49 Acacia"));
    assert!(text.contains("{{ get_env(name=\"HOME\") }} Close"));
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".to_owned());
    assert!(
        !text.contains(&format!("{home} Close")),
        "an environment variable leaked"
    );
    // The Tera name is not a name; the From display name is used.
    assert!(text.starts_with("Dear Grace Liu,"));
}

#[test]
fn twenty_thousand_nested_multiparts_are_refused_before_parsing() {
    // Compact enough to stay under the 1 MiB limit, so nesting is what
    // gets it refused.
    let mut raw = String::from("From: a@example.org\nSubject: x\nMIME-Version: 1.0\n");
    for i in 0..20_000 {
        raw.push_str(&format!(
            "Content-Type:multipart/mixed;boundary={i:x}\n\n--{i:x}\n"
        ));
    }
    raw.push_str("Content-Type: text/plain\n\nPostcode: BR8 7RE\n");
    assert!(raw.len() < 1 << 20);
    let processed = common::process_one(raw.as_bytes());
    assert_eq!(processed.outcome, Outcome::Review(ReviewReason::TooComplex));
    assert!(processed.reply.is_none());
}

#[test]
fn twenty_thousand_nested_messages_are_refused_before_they_overflow_the_stack() {
    let mut raw = String::new();
    for _ in 0..20_000 {
        raw.push_str("From:a@example.org\nContent-Type:message/rfc822\n\n");
    }
    raw.push_str("From: a@example.org\n\nhi\n");
    assert!(raw.len() < 1 << 20);
    let processed = common::process_one(raw.as_bytes());
    assert_eq!(processed.outcome, Outcome::Review(ReviewReason::TooComplex));
}

#[test]
fn oversized_mail_is_set_aside_unparsed() {
    let mut raw = message(
        "Jane Smith <jane@example.org>",
        "Send my letters",
        "Postcode: BR8 7RE\n",
    );
    raw.extend(std::iter::repeat_n(b'x', (1 << 20) + 1));
    let processed = common::process_one(&raw);
    assert_eq!(processed.outcome, Outcome::Review(ReviewReason::TooLarge));
    assert!(processed.extraction.is_none() && processed.reply.is_none());
}

#[test]
fn invisible_and_fullwidth_characters_are_cleaned() {
    let raw = message(
        "=?utf-8?q?Jane_=E2=80=AESmith=E2=80=AC?= <jane@example.org>",
        "Send my letters",
        "Name: Ja\u{200B}ne Smi\u{2060}th\u{FEFF}\nAddress: １２ Acacia\u{00A0}Avenue, Swanley\nPostcode: ＢＲ８\u{200B} ７ＲＥ\n",
    );
    let processed = common::process_one(&raw);
    assert_eq!(processed.outcome.class(), "letters");
    let extraction = processed.extraction.as_ref().expect("extraction");
    assert_eq!(extraction.name.as_deref(), Some("Jane Smith"));
    assert_eq!(
        extraction.address_line().as_deref(),
        Some("12 Acacia Avenue, Swanley")
    );
    assert_eq!(extraction.postcode().map(|p| p.as_str()), Some("BR8 7RE"));
    let text = check_reply(&processed, "jane@example.org");
    for c in ['\u{200B}', '\u{202E}', '\u{202C}', '\u{2060}', '\u{FEFF}'] {
        assert!(!text.contains(c), "{c:?} reached the reply");
    }
}

/// A small deterministic PRNG (xorshift), so the mutation test needs no
/// extra crate and always runs the same cases.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn mutated_corpus_messages_never_panic_and_replies_keep_their_invariants() {
    let engine = common::engine();
    let table = common::table();
    let files = common::eml_files(&common::root().join("tests/corpus"));
    let corpus: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let spice: [&[u8]; 11] = [
        "<div>£".as_bytes(),
        "é<blockquote>ü".as_bytes(),
        b"<a \xc3\xa9",
        b"\r\n",
        b"\n\n",
        b"=?utf-8?q?=0D=0A?=",
        b"{{",
        b"\xe2\x80\xae",
        b"--",
        b"boundary=",
        b"\xff\xfe",
    ];
    let mut replies = 0;
    for round in 0..2_000 {
        let mut raw = corpus[round % corpus.len()].clone();
        for _ in 0..(1 + rng.next() % 8) {
            if raw.is_empty() {
                break;
            }
            let at = (rng.next() as usize) % raw.len();
            match rng.next() % 4 {
                0 => raw[at] = rng.next() as u8,
                1 => {
                    raw.remove(at);
                }
                2 => {
                    let s = spice[(rng.next() as usize) % spice.len()];
                    raw.splice(at..at, s.iter().copied());
                }
                _ => raw.truncate(at),
            }
        }
        let processed = common::process(&engine, &table, &raw);
        // The pipeline catches panics; one caught here is still a bug.
        assert_ne!(
            processed.outcome,
            Outcome::Review(ReviewReason::Internal),
            "round {round}: a step panicked"
        );
        if let Some(reply) = &processed.reply {
            replies += 1;
            let to = reply.message.envelope().to();
            assert_eq!(to.len(), 1, "round {round}: one recipient");
            let formatted = reply.message.formatted();
            let head_end = formatted
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .expect("header end");
            let head = &formatted[..head_end];
            for (i, &b) in head.iter().enumerate() {
                if b == b'\n' {
                    assert_eq!(
                        head.get(i.wrapping_sub(1)),
                        Some(&b'\r'),
                        "round {round}: bare LF in headers"
                    );
                }
                if b == b'\r' {
                    assert_eq!(
                        head.get(i + 1),
                        Some(&b'\n'),
                        "round {round}: bare CR in headers"
                    );
                }
            }
        }
    }
    // The mutations must leave most messages answerable, or this test
    // checks nothing.
    assert!(replies > 500, "only {replies} replies in 2,000 rounds");
}
