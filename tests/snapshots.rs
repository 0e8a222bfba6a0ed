//! Snapshots (insta) of replies as supporters receive them, with a fixed
//! clock and secret: the headers, the decoded text body, and each
//! attachment, for the main shapes of reply. Review changes with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test` and `git diff`).

mod common;

use mail_parser::{MessageParser, MimeHeaders};

/// The reply postbag builds for a corpus fixture.
fn reply_for(fixture: &str) -> postbag::reply::Reply {
    let raw = std::fs::read(common::root().join("tests/corpus").join(fixture)).expect("fixture");
    common::process_one(&raw).reply.expect("a reply")
}

/// A reply rendered for reading: selected headers, the text body, the
/// names and decoded contents of the attachments.
fn readable(fixture: &str) -> String {
    let formatted = reply_for(fixture).message.formatted();
    let parsed = MessageParser::default()
        .parse(&formatted)
        .expect("reply parses");
    let mut out = String::new();
    for name in [
        "From",
        "To",
        "Subject",
        "Date",
        "Message-ID",
        "In-Reply-To",
        "References",
        "Auto-Submitted",
        "X-Auto-Response-Suppress",
        "X-Loop",
    ] {
        if let Some(value) = parsed.header_raw(name) {
            out.push_str(&format!("{name}: {}\n", value.trim()));
        }
    }
    out.push_str("\n----- text/plain -----\n");
    out.push_str(&parsed.body_text(0).expect("text body"));
    for part in parsed.attachments() {
        let name = part.attachment_name().unwrap_or("?");
        out.push_str(&format!("\n----- attachment {name} -----\n"));
        out.push_str(&String::from_utf8_lossy(part.contents()).replace("\r\n", "\n"));
    }
    out
}

#[test]
fn letters_for_a_supporter_in_england() {
    insta::assert_snapshot!(readable("shapes/mailto-template-filled-in.eml"));
}

#[test]
fn letters_for_a_supporter_in_scotland() {
    insta::assert_snapshot!(readable("shapes/my-name-is-and-my-postcode-is-lines.eml"));
}

#[test]
fn letters_for_jersey_leave_out_the_mp() {
    insta::assert_snapshot!(readable("shapes/jersey-no-seat.eml"));
}

#[test]
fn letters_for_a_vacant_seat() {
    insta::assert_snapshot!(readable("shapes/vacant-seat-makerfield.eml"));
}

#[test]
fn help_when_the_postcode_is_missing() {
    insta::assert_snapshot!(readable("shapes/no-postcode-anywhere.eml"));
}

#[test]
fn help_when_the_postcode_is_unknown() {
    insta::assert_snapshot!(readable("shapes/valid-postcode-not-in-table-shetland.eml"));
}

#[test]
fn help_for_the_street_alone_says_so_and_offers_the_form_filled_in() {
    let formatted = reply_for("shapes/address-missing-name-and-postcode-only.eml")
        .message
        .formatted();
    let parsed = MessageParser::default()
        .parse(&formatted)
        .expect("reply parses");
    let text = parsed
        .body_text(0)
        .expect("text body")
        .replace("\r\n", "\n");
    assert!(text.contains("we have your name and postcode, but not your street address"));
    assert!(
        text.contains("Name: Yusuf Ali\nAddress:\nPostcode: M4 5JD"),
        "{text}"
    );
    let html = parsed.body_html(0).expect("html body");
    let href = html
        .split("href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a reply button");
    // Autoescaped in the HTML; the browser reads it back as written.
    let href = href.replace("&amp;", "&").replace("&#x2F;", "/");
    assert!(href.starts_with("mailto:letters@"), "{href}");
    let body = href.split("&body=").nth(1).expect("a body in the link");
    let body = percent_decode(body);
    assert!(
        body.starts_with("Name: Yusuf Ali\r\nAddress: \r\nPostcode: "),
        "{body}"
    );
    assert!(html.contains("Reply with my details"));
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ascii");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf-8")
}

/// The exact bytes of one reply, as the SMTP server will receive them.
#[test]
fn wire_format_of_a_reply() {
    let reply = reply_for("shapes/mailto-template-filled-in.eml");
    insta::assert_snapshot!(
        String::from_utf8(reply.message.formatted())
            .expect("ASCII")
            .replace("\r\n", "\n")
    );
}
