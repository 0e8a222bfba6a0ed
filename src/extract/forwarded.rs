//! A message forwarded inline: its header block read for who sent it,
//! and the lines below it as written, with the quote marks taken off when
//! the client quoted the forward ("> From: …"). Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

/// A message forwarded inline, below a forward marker or an Outlook header
/// block.
#[derive(Debug)]
pub(crate) struct Forwarded<'a> {
    pub from_address: Option<String>,
    pub body: Vec<&'a str>,
}

pub(super) static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\*?(from|sent|date|to|cc|subject)\s*:\*?\s*(.*)$").expect("static regex")
});

/// The lines under a forward's marker; when the client quoted them
/// (Apple Mail's "> From: …"), the quoted run without its marks.
pub(super) fn unquoted_run<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let quoted = lines
        .iter()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim_start().starts_with('>'));
    if !quoted {
        return lines.to_vec();
    }
    lines
        .iter()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('>'))
        .map(|l| unquote(l))
        .collect()
}

/// A line without its quote marks.
pub(super) fn unquote(line: &str) -> &str {
    line.trim_start().trim_start_matches(['>', ' '])
}

/// Read a forwarded block: its header lines (`From:`, `Date:`, `Subject:`,
/// `To:`) up to the first blank line after them, then the body.
pub(super) fn forwarded<'a>(lines: &[&'a str]) -> Forwarded<'a> {
    let mut from_address = None;
    let mut i = 0;
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    while i < lines.len() {
        let line = lines[i].trim();
        match HEADER_LINE.captures(line) {
            Some(caps) if caps[1].eq_ignore_ascii_case("from") => {
                from_address = address_in(&caps[2])
            }
            Some(_) => {}
            None if line.is_empty() => break,
            None => {}
        }
        i += 1;
    }
    Forwarded {
        from_address,
        body: lines[i.min(lines.len())..].to_vec(),
    }
}

/// Find an email address in a header-like value ("Jane <jane@example.org>",
/// "jane@example.org", "Jane [mailto:jane@example.org]").
pub(crate) fn address_in(value: &str) -> Option<String> {
    static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
            .expect("static regex")
    });
    ADDRESS.find(value).map(|m| m.as_str().to_ascii_lowercase())
}
