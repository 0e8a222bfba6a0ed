//! `mailto:` links (RFC 6068) that open a letter in the supporter's own
//! email client.
//!
//! Common clients cut or refuse links much over 2,000 characters (Outlook
//! refuses, Gmail truncates the body), so a link carries the full text only
//! when the whole encoded link fits; otherwise it carries To, Cc and
//! Subject, and the reply puts the text beside it to paste. Pure: no I/O.

/// Longest link that carries the letter's text.
pub const MAX_LINK_CHARS: usize = 2000;

/// A link, and whether it carries the full text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailtoLink {
    pub href: String,
    pub has_body: bool,
}

/// Build the link for a letter with these recipients, subject and body.
pub fn link(to: &[String], cc: &[String], subject: &str, body: &str) -> MailtoLink {
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
    let short = format!("{base}?{}", query.join("&"));
    // Count before building: most letters are too long once encoded.
    let body = body.trim_end();
    if short.len() + "&body=".len() + encoded_len(body) > MAX_LINK_CHARS {
        return MailtoLink {
            href: short,
            has_body: false,
        };
    }
    // RFC 6068 §5: line breaks in a body are CRLF.
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    MailtoLink {
        href: format!("{short}&body={}", encode(&body, false)),
        has_body: true,
    }
}

/// The length of a body percent-encoded by [`encode`], its line breaks
/// written as CRLF.
fn encoded_len(text: &str) -> usize {
    text.bytes()
        .map(|b| match b {
            b'\n' => 6,
            b'\r' => 0,
            b if is_unreserved(b) => 1,
            _ => 3,
        })
        .sum()
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~".contains(&b)
}

/// Percent-encode everything but unreserved characters (and `@` in an
/// address).
fn encode(text: &str, address: bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3);
    for &b in text.as_bytes() {
        if is_unreserved(b) || (address && b == b'@') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xF)] as char);
        }
    }
    out
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
    fn long_letters_fall_back_to_recipients_and_subject() {
        let body = "word ".repeat(600);
        let link = link(&["a@example.org".into()], &[], "S", &body);
        assert!(!link.has_body);
        assert_eq!(link.href, "mailto:a@example.org?subject=S");
        assert!(link.href.len() <= MAX_LINK_CHARS);
    }
}
