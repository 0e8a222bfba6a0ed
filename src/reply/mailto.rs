//! `mailto:` links (RFC 6068) that open a letter in the supporter's own
//! email client.
//!
//! Chrome and Edge on Windows silently drop a `mailto:` link over 2,046
//! characters (Chromium's `platform_util_win.cc`), and older clients cut
//! near 2,000; so a link carries the letter's text only when the whole
//! encoded link fits in [`MAX_LINK_CHARS`], with a margin. Otherwise it
//! carries To, Cc and Subject, and the reply puts the text beside it to
//! paste. Apple Mail and iOS Mail take links hundreds of kilobytes long, so
//! [`whole`] gives a link with the full text for a button labelled for
//! them. Sources are in the README ("Sending the letters"). Pure: no I/O.

/// Longest link that carries the letter's text to any client.
pub const MAX_LINK_CHARS: usize = 1800;

/// Longest link offered to Apple Mail and iOS Mail, which were measured
/// taking 500,000 characters.
pub const APPLE_MAIL_MAX_CHARS: usize = 65_536;

/// A link, and whether it carries the full text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailtoLink {
    pub href: String,
    pub has_body: bool,
}

/// Build the link for a letter with these recipients, subject and body.
pub fn link(to: &[String], cc: &[String], subject: &str, body: &str) -> MailtoLink {
    let short = without_body(to, cc, subject);
    // Count before building: most letters are too long once encoded.
    let body = body.trim_end();
    if short.len() + "&body=".len() + encoded_len(body) > MAX_LINK_CHARS {
        return MailtoLink {
            href: short,
            has_body: false,
        };
    }
    MailtoLink {
        href: with_body(&short, body),
        has_body: true,
    }
}

/// The link with recipients and subject only.
fn without_body(to: &[String], cc: &[String], subject: &str) -> String {
    let mut base = String::from("mailto:");
    base.push_str(
        &to.iter()
            .map(|a| encode(a, true))
            .collect::<Vec<_>>()
            .join(","),
    );
    let mut query = Vec::new();
    if !cc.is_empty() {
        query.push(format!(
            "cc={}",
            cc.iter()
                .map(|a| encode(a, true))
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    query.push(format!("subject={}", encode(subject, false)));
    format!("{base}?{}", query.join("&"))
}

/// The link with the full text, for Apple Mail and iOS Mail, when it is
/// longer than [`MAX_LINK_CHARS`] but within [`APPLE_MAIL_MAX_CHARS`];
/// `None` when [`link`] carries the text already, or it is too long.
pub fn whole(to: &[String], cc: &[String], subject: &str, body: &str) -> Option<String> {
    let short = without_body(to, cc, subject);
    let body = body.trim_end();
    let length = short.len() + "&body=".len() + encoded_len(body);
    (length > MAX_LINK_CHARS && length <= APPLE_MAIL_MAX_CHARS).then(|| with_body(&short, body))
}

/// `short` with the body added. RFC 6068 §5: line breaks in a body are
/// CRLF; spaces are `%20`, never `+`, which Outlook shows as a plus.
fn with_body(short: &str, body: &str) -> String {
    let mut link = String::with_capacity(short.len() + 6 + encoded_len(body));
    link.push_str(short);
    link.push_str("&body=");
    // A CR before an LF is dropped: the LF writes the pair.
    let bytes = body.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            let end = if i > start && bytes[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            encode_into(&mut link, &body[start..end], false);
            link.push_str("%0D%0A");
            start = i + 1;
        }
    }
    encode_into(&mut link, &body[start..], false);
    link
}

/// The length of a body percent-encoded by [`encode`], its line breaks
/// written as CRLF.
fn encoded_len(text: &str) -> usize {
    text.bytes()
        .map(|b| usize::from(ENCODED_LEN[usize::from(b)]))
        .sum()
}

/// How long each byte is in a body once encoded: 1 for an unreserved
/// character (RFC 3986 §2.3), 3 for `%XX`, 6 for a line feed (written as
/// `%0D%0A`) and 0 for a carriage return (the CRLF is written at the LF).
static ENCODED_LEN: [u8; 256] = {
    let mut table = [3; 256];
    let mut b = 0;
    while b < 256 {
        if UNRESERVED[b] {
            table[b] = 1;
        }
        b += 1;
    }
    table[b'\n' as usize] = 6;
    table[b'\r' as usize] = 0;
    table
};

/// The unreserved characters of RFC 3986 §2.3: letters, digits, `-._~`.
static UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~');
        b += 1;
    }
    table
};

/// Percent-encode everything but unreserved characters (and `@` in an
/// address).
fn encode(text: &str, address: bool) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    encode_into(&mut out, text, address);
    out
}

fn encode_into(out: &mut String, text: &str, address: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        if UNRESERVED[usize::from(b)] || (address && b == b'@') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_letters_carry_their_text() {
        let link = link(
            &["a@example.org".into()],
            &["b@example.org".into()],
            "Hi & bye",
            "Line 1\nLine £2",
        );
        assert!(link.has_body);
        assert_eq!(
            link.href,
            "mailto:a@example.org?cc=b@example.org&subject=Hi%20%26%20bye&body=Line%201%0D%0ALine%20%C2%A32"
        );
    }

    #[test]
    fn line_breaks_in_a_body_are_crlf_however_written() {
        let to = ["a@example.org".to_owned()];
        for body in ["a\nb\rc", "a\r\nb\rc"] {
            let link = link(&to, &[], "S", body);
            assert_eq!(
                link.href,
                "mailto:a@example.org?subject=S&body=a%0D%0Ab%0Dc"
            );
        }
    }

    #[test]
    fn long_letters_fall_back_to_recipients_and_subject() {
        let body = "word ".repeat(600);
        let link = link(&["a@example.org".into()], &[], "S", &body);
        assert!(!link.has_body);
        assert_eq!(link.href, "mailto:a@example.org?subject=S");
        assert!(link.href.len() <= MAX_LINK_CHARS);
        let apple = whole(&["a@example.org".into()], &[], "S", &body).expect("a long link");
        assert!(apple.starts_with("mailto:a@example.org?subject=S&body=word%20word"));
        assert!(apple.len() > MAX_LINK_CHARS);
    }

    #[test]
    fn a_link_that_fits_or_is_huge_has_no_apple_variant() {
        let to = ["a@example.org".to_owned()];
        assert_eq!(whole(&to, &[], "S", "short"), None);
        assert_eq!(
            whole(&to, &[], "S", &"x".repeat(APPLE_MAIL_MAX_CHARS)),
            None
        );
        // The limit is on the whole link, to the character.
        let fits = "x".repeat(MAX_LINK_CHARS - "mailto:a@example.org?subject=S&body=".len());
        assert!(link(&to, &[], "S", &fits).has_body);
        assert!(!link(&to, &[], "S", &format!("{fits}x")).has_body);
    }
}
