//! A supporter answering postbag's own help reply, as clients quote it:
//! the help reply is built from the shipped templates for a first mail
//! that left something out, quoted under the supporter's answer the way
//! Gmail, an iPhone, Outlook and Outlook for Android do, and the answer
//! must then get letters with what the first mail gave and what the
//! answer added. The help reply says what it read and then holds the form
//! filled in with the same, so its quote holds every field twice.

mod common;

use postbag::pipeline::Outcome;

/// The address in a From header's value.
fn address_of(from: &str) -> &str {
    from.rsplit_once('<')
        .map_or(from, |(_, rest)| rest.trim_end_matches('>'))
}

/// A plain-text mail from `from`, with `headers` (each ending in CRLF)
/// after the common ones.
fn mail(from: &str, headers: &str, body: &str) -> Vec<u8> {
    format!(
        "Return-Path: <{}>\r\nFrom: {from}\r\nTo: letters@notwithmynhsdata.org\r\n{headers}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
        address_of(from),
        body.replace('\n', "\r\n")
    )
    .into_bytes()
}

/// A first mail from `from`, with `body`.
fn first_mail(from: &str, body: &str) -> Vec<u8> {
    mail(
        from,
        "Subject: NHS data letters\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\nMessage-ID: <first@example.net>\r\n",
        body,
    )
}

/// The help reply's plain text, for `first`.
fn help_text(first: &[u8]) -> String {
    let processed = common::process(&common::shipped_engine(), &common::table(), first);
    assert!(
        matches!(processed.outcome, Outcome::Help(_)),
        "the first mail needs help: {:?}",
        processed.outcome
    );
    let reply = processed.reply.expect("a help reply");
    let formatted = reply.message.formatted();
    let parsed = mail_parser::MessageParser::default()
        .parse(&formatted)
        .expect("the reply parses");
    parsed
        .body_text(0)
        .expect("a text body")
        .replace("\r\n", "\n")
}

/// How a client quotes the help reply under the supporter's `answer`.
#[derive(Clone, Copy, Debug)]
enum Quoting {
    /// Gmail: an attribution line, every line after `> `.
    Gmail,
    /// iPhone: the answer, its footer, then `> ` lines.
    Iphone,
    /// Outlook desktop: a header block, the text unquoted.
    Outlook,
    /// Outlook for Android: its footer, then the header block with no
    /// line above it (an `<hr>` in its HTML).
    OutlookMobile,
}

const QUOTINGS: [Quoting; 4] = [
    Quoting::Gmail,
    Quoting::Iphone,
    Quoting::Outlook,
    Quoting::OutlookMobile,
];

/// The supporter's answer to the help reply `help`.
fn answer(from: &str, help: &str, answer: &str, quoting: Quoting) -> Vec<u8> {
    let quoted = || {
        help.lines()
            .map(|l| format!("> {l}").trim_end().to_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let body = match quoting {
        Quoting::Gmail => format!(
            "{answer}\n\nOn Mon, 23 Nov 2026 at 10:31, Not With My NHS Data <letters@notwithmynhsdata.org> wrote:\n{}\n",
            quoted()
        ),
        Quoting::Iphone => format!(
            "{answer}\n\nSent from my iPhone\n\n> On 23 Nov 2026, at 10:31, Not With My NHS Data <letters@notwithmynhsdata.org> wrote:\n>\n{}\n",
            quoted()
        ),
        Quoting::Outlook => format!(
            "{answer}\n\n-----Original Message-----\nFrom: Not With My NHS Data <letters@notwithmynhsdata.org>\nSent: 23 November 2026 10:31\nTo: {from}\nSubject: Re: NHS data letters\n\n{help}\n"
        ),
        Quoting::OutlookMobile => format!(
            "{answer}\n\nGet Outlook for Android\n\nFrom: Not With My NHS Data <letters@notwithmynhsdata.org>\nSent: Monday, 23 November 2026 10:31:12\nTo: {from}\nSubject: Re: NHS data letters\n\n{help}\n"
        ),
    };
    mail(
        from,
        "Subject: Re: NHS data letters\r\nDate: Mon, 23 Nov 2026 11:00:00 +0000\r\nMessage-ID: <answer@example.net>\r\nIn-Reply-To: <help@notwithmynhsdata.org>\r\n",
        &body,
    )
}

/// What the answer got: letters or not, the name, address and postcode.
type Read = (bool, Option<String>, Option<String>, Option<String>);

fn read(raw: &[u8]) -> Read {
    let processed = common::process(&common::shipped_engine(), &common::table(), raw);
    let extraction = processed.extraction.expect("read");
    (
        matches!(processed.outcome, Outcome::Letters { .. }),
        extraction.name.clone(),
        extraction.address_line(),
        extraction.postcode().map(ToString::to_string),
    )
}

/// The help reply to `first_body`, quoted by each client under `reply`,
/// gets letters for `name` at `address`, `postcode`.
fn answered_by_every_client(from: &str, first_body: &str, reply: &str, expected: [&str; 3]) {
    let [name, address, postcode] = expected;
    let help = help_text(&first_mail(from, first_body));
    for quoting in QUOTINGS {
        let raw = answer(from, &help, reply, quoting);
        assert_eq!(
            read(&raw),
            (
                true,
                Some(name.to_owned()),
                Some(address.to_owned()),
                Some(postcode.to_owned()),
            ),
            "quoted as {quoting:?}"
        );
    }
}

#[test]
fn a_name_given_over_the_quoted_help_reply_gets_letters() {
    answered_by_every_client(
        "chloe.b1990@example.net",
        "Please send me the letters.\n\n22 Acacia Avenue\nSevenoaks\nBR8 7RE\n",
        "Chloe Barrington. Sorry, thought my name would come up with the email",
        ["Chloe Barrington", "22 Acacia Avenue, Sevenoaks", "BR8 7RE"],
    );
}

#[test]
fn a_postcode_given_over_the_quoted_help_reply_gets_letters() {
    answered_by_every_client(
        "Tom Fletcher <tom.fletcher@example.net>",
        "Hi, I'm Tom Fletcher and I live at 7 Rowan Close, Manchester. Happy for you to send the letters in my name.",
        "Sorry, it's M4 5JD.\n\nTom",
        ["Tom Fletcher", "7 Rowan Close, Manchester", "M4 5JD"],
    );
}

#[test]
fn the_street_given_over_the_quoted_help_reply_gets_letters() {
    answered_by_every_client(
        "Yusuf Ali <yusuf.ali@example.org>",
        "Name: Yusuf Ali\nPostcode: M4 5JD\n",
        "Sorry, it's 14 Ancoats Street, Manchester.\n\nYusuf",
        ["Yusuf Ali", "14 Ancoats Street, Manchester", "M4 5JD"],
    );
}
