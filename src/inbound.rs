//! Reading an inbound email: raw bytes to the few things postbag uses.
//!
//! Input over the size limit is refused before parsing, and so is a
//! message with more MIME boundaries than any person's mail has
//! (mail-parser 0.11 has no limit of its own on parts or nesting). Parsing
//! runs inside `catch_unwind`, so a parser bug on hostile input becomes
//! "unreadable" rather than a crash. The body is the text/plain part, else
//! the HTML part converted to text; attachments are never interpreted
//! (mail-parser decodes their transfer encoding while parsing, bounded by
//! the size limit, and postbag never looks at the result). Pure: no I/O.

use std::panic::{self, AssertUnwindSafe};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use mail_parser::{Address, MessageParser, MimeHeaders, PartType};
use thiserror::Error;

use crate::html;
use crate::text::clean_line;

/// Most MIME boundaries accepted in one message.
pub const MAX_BOUNDARIES: usize = 100;
/// Most `Content-Type` headers (parts) accepted in one message.
pub const MAX_PARTS: usize = 200;
/// Most embedded messages (`message/rfc822`, `message/global`). mail-parser
/// 0.11 parses these by recursion, and 20,000 of them nested overflow the
/// stack, which no `catch_unwind` can catch.
pub const MAX_EMBEDDED_MESSAGES: usize = 8;

/// A parsed inbound message, reduced to what the pipeline needs.
#[derive(Clone, Debug, Default)]
pub struct Inbound {
    pub sender: Option<Sender>,
    /// Decoded subject, not yet cleaned.
    pub subject: String,
    /// The Message-ID without angle brackets, if it is well formed.
    pub message_id: Option<String>,
    /// The References, oldest first, well-formed ids only.
    pub references: Vec<String>,
    /// The top-level headers screening reads (and the client's name),
    /// names in lower case, values
    /// as written (folded lines joined).
    pub headers: Vec<(String, String)>,
    /// The top-level content type, e.g. `multipart/report`.
    pub content_type: String,
    /// The text the sender wrote, with quoted mail still in it.
    pub body: String,
    /// The HTML alternative, as HTML, when `body` came from a text part:
    /// some clients mangle one of the two (Yahoo on Android drops the text
    /// part's line breaks). Converted only if it is needed.
    pub html_alternative: Option<String>,
    /// Messages attached as `message/rfc822` (forwarded as attachment).
    pub attached: Vec<AttachedMessage>,
}

impl Inbound {
    /// Whether Apple Mail or iOS Mail wrote it (`X-Mailer: iPhone Mail
    /// (…)`, `Apple Mail (…)`): those open `mailto:` links of any length.
    pub fn from_apple_mail(&self) -> bool {
        self.headers.iter().any(|(name, value)| {
            (name == "x-mailer" || name == "user-agent")
                && ["iPhone Mail", "iPad Mail", "Apple Mail"]
                    .iter()
                    .any(|client| value.trim_start().starts_with(client))
        })
    }
}

/// The author of the message (`From`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sender {
    /// The display name, cleaned of control and invisible characters.
    pub name: Option<String>,
    /// The address, lower-cased domain and all.
    pub address: String,
}

/// A message attached to the inbound one.
#[derive(Clone, Debug, Default)]
pub struct AttachedMessage {
    pub from_address: Option<String>,
    pub body: String,
}

/// Why a message could not be read. None of these carry message content.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("message larger than the limit")]
    TooLarge,
    #[error("message has too many MIME parts")]
    TooComplex,
    #[error("message could not be parsed")]
    Unreadable,
}

/// Parse `raw`, refusing it if it is over `max_bytes` or has more parts,
/// boundaries or embedded messages than the limits above.
pub fn read(raw: &[u8], max_bytes: usize) -> Result<Inbound, ReadError> {
    if raw.len() > max_bytes {
        return Err(ReadError::TooLarge);
    }
    if too_complex(raw) {
        return Err(ReadError::TooComplex);
    }
    panic::catch_unwind(AssertUnwindSafe(|| parse(raw))).map_err(|_| ReadError::Unreadable)?
}

/// Count boundaries, parts and embedded messages in one pass. A rough
/// count (it also sees the words in bodies) is enough for limits set far
/// above what a person's mail holds.
fn too_complex(raw: &[u8]) -> bool {
    static WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "boundary",
                "content-type",
                "message/rfc822",
                "message/global",
            ])
            .expect("static patterns")
    });
    let mut counts = [0usize; 4];
    for found in WORDS.find_iter(raw) {
        counts[found.pattern().as_usize()] += 1;
    }
    counts[0] > MAX_BOUNDARIES
        || counts[1] > MAX_PARTS
        || counts[2] + counts[3] > MAX_EMBEDDED_MESSAGES
}

/// Whether the reader keeps a header (case-insensitive name): the ones
/// screening reads (loops, lists, bounces, authentication) and no others.
pub fn keeps_header(name: &str) -> bool {
    const NAMES: [&str; 9] = [
        "auto-submitted",
        "x-auto-response-suppress",
        "precedence",
        "return-path",
        "x-loop",
        "authentication-results",
        // Exchange Online's own stamp that its header is its own.
        "x-ms-exchange-organization-authas",
        // Which mail client wrote it: the reply offers Apple Mail's long
        // links only to Apple Mail.
        "x-mailer",
        "user-agent",
    ];
    name.get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("list-"))
        || NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

fn parse(raw: &[u8]) -> Result<Inbound, ReadError> {
    let message = MessageParser::default()
        .parse(raw)
        .ok_or(ReadError::Unreadable)?;
    if message.headers().is_empty() {
        return Err(ReadError::Unreadable);
    }
    // Only what screening reads; Received and DKIM headers are most of a
    // message's header bytes.
    let headers = message
        .headers_raw()
        .filter(|(name, _)| keeps_header(name))
        .map(|(name, value)| (name.to_ascii_lowercase(), unfold(value)))
        .collect();
    let content_type = message
        .content_type()
        .map(|ct| match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
            None => ct.ctype().to_ascii_lowercase(),
        })
        .unwrap_or_else(|| "text/plain".to_owned());
    let mut attached = Vec::new();
    for part in message.attachments() {
        if let PartType::Message(inner) = &part.body {
            attached.push(AttachedMessage {
                from_address: inner.from().and_then(first_address).map(|s| s.address),
                body: body_text(inner),
            });
        }
    }
    Ok(Inbound {
        sender: message.from().and_then(first_address),
        subject: message.subject().unwrap_or_default().to_owned(),
        message_id: message.message_id().and_then(valid_message_id),
        references: message
            .references()
            .as_text_list()
            .map(|ids| ids.iter().filter_map(|id| valid_message_id(id)).collect())
            .unwrap_or_default(),
        headers,
        content_type,
        body: body_text(&message),
        html_alternative: html_alternative(&message),
        attached,
    })
}

/// The sender's text: every text body part in order, HTML ones converted.
fn body_text(message: &mail_parser::Message<'_>) -> String {
    let mut body = String::new();
    let mut push = |text: &str| {
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(text);
    };
    let mut any_text = false;
    for part in message.text_bodies() {
        match &part.body {
            PartType::Text(text) => {
                any_text = true;
                match flowed(part) {
                    Some(delsp) => push(&crate::text::unflow(text, delsp)),
                    None => push(text),
                }
            }
            PartType::Html(html) => {
                any_text = true;
                push(&html::to_text(html));
            }
            _ => {}
        }
    }
    if !any_text {
        for part in message.html_bodies() {
            if let PartType::Html(html) = &part.body {
                push(&html::to_text(html));
            }
        }
    }
    body
}

/// For a `format=flowed` text part (RFC 3676), whether `delsp=yes`.
fn flowed(part: &mail_parser::MessagePart<'_>) -> Option<bool> {
    let ct = part.content_type()?;
    ct.attribute("format")
        .filter(|f| f.eq_ignore_ascii_case("flowed"))
        .map(|_| {
            ct.attribute("delsp")
                .is_some_and(|d| d.eq_ignore_ascii_case("yes"))
        })
}

/// The HTML body, if the message has both a text and an HTML body.
fn html_alternative(message: &mail_parser::Message<'_>) -> Option<String> {
    let has_text = message
        .text_bodies()
        .any(|p| matches!(p.body, PartType::Text(_)));
    let html: Vec<&str> = message
        .html_bodies()
        .filter_map(|p| match &p.body {
            PartType::Html(html) => Some(html.as_ref()),
            _ => None,
        })
        .collect();
    (has_text && !html.is_empty()).then(|| html.join("\n"))
}

fn first_address(address: &Address<'_>) -> Option<Sender> {
    let addr = address.first()?;
    let email = addr.address()?.trim();
    let (local, domain) = crate::email_address::parts(email)?;
    let valid = !local.is_empty()
        && !domain.is_empty()
        && email.len() <= 254
        && email
            .chars()
            .all(|c| c.is_ascii_graphic() && !"<>()[]\\,;:\"".contains(c) || c == '.');
    if !valid {
        return None;
    }
    Some(Sender {
        name: addr.name().map(clean_line).filter(|n| !n.is_empty()),
        address: format!("{local}@{}", domain.to_ascii_lowercase()),
    })
}

/// Keep a message id only if it is safe to echo in a header: printable
/// ASCII, no spaces or angle brackets, one `@`-ish token of sane length.
fn valid_message_id(id: &str) -> Option<String> {
    let id = id.trim().trim_start_matches('<').trim_end_matches('>');
    let ok = !id.is_empty()
        && id.len() <= 250
        && id
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'<' && b != b'>');
    ok.then(|| id.to_owned())
}

fn unfold(value: &str) -> String {
    value
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_keeps_the_headers_screening_reads_and_no_others() {
        for name in [
            "Auto-Submitted",
            "PRECEDENCE",
            "List-Id",
            "list-unsubscribe",
            "Return-Path",
            "X-Loop",
            "X-Auto-Response-Suppress",
            "X-Mailer",
        ] {
            assert!(keeps_header(name), "{name}");
        }
        for name in ["Received", "DKIM-Signature", "Subject", "Lis", "X-Looped"] {
            assert!(!keeps_header(name), "{name}");
        }
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        assert_eq!(read(&[b'a'; 11], 10).unwrap_err(), ReadError::TooLarge);
    }

    #[test]
    fn deeply_nested_multipart_is_refused() {
        let mut raw = String::from("From: a@example.org\r\n");
        for i in 0..200 {
            raw.push_str(&format!(
                "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
            ));
        }
        assert_eq!(
            read(raw.as_bytes(), 1 << 20).unwrap_err(),
            ReadError::TooComplex
        );
    }

    #[test]
    fn empty_and_garbage_input_is_unreadable_not_a_panic() {
        assert_eq!(read(b"", 100).unwrap_err(), ReadError::Unreadable);
        // Binary junk may parse as a headerless message or not at all; what
        // matters is that it returns.
        let _ = read(&[0xff, 0xfe, 0x00, 0x01], 100);
    }

    #[test]
    fn html_only_mail_is_converted() {
        let raw = b"From: Jane Smith <jane@Example.ORG>\r\nSubject: hi\r\nMessage-ID: <a.b@c>\r\nContent-Type: text/html\r\n\r\n<div>Name: Jane</div><div>Postcode: BR8 7RE</div>";
        let inbound = read(raw, 1 << 20).expect("parses");
        assert_eq!(inbound.body, "Name: Jane\nPostcode: BR8 7RE");
        assert_eq!(inbound.sender.expect("sender").address, "jane@example.org");
        assert_eq!(inbound.message_id.as_deref(), Some("a.b@c"));
    }

    #[test]
    fn encoded_crlf_in_a_display_name_is_cleaned() {
        let raw = b"From: =?utf-8?q?Evil=0D=0ABcc:_victim@example.org?= <e@example.org>\r\n\r\nhi";
        let sender = read(raw, 1 << 20).expect("parses").sender.expect("sender");
        assert_eq!(sender.name.as_deref(), Some("Evil Bcc: victim@example.org"));
    }
}
