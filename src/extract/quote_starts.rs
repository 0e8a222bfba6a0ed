//! How a quoted earlier message starts: an attribution ("On … wrote:",
//! in the languages supporters' clients write it), "-----Original
//! Message-----" or Outlook's line of underscores, and Outlook's header
//! block. Shared by [`super::segment`], which cuts the quote away, and
//! [`super::own_quote`], which looks inside the supporter's own. Pure: no
//! I/O.

use std::sync::LazyLock;

use regex::Regex;

use super::forwarded::HEADER_LINE;

/// An Outlook header block's lines from `i` (up to six, to the first blank
/// line), joined.
pub(super) fn header_block(lines: &[&str], i: usize) -> String {
    lines[i..]
        .iter()
        .take(6)
        .take_while(|l| !l.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

static QUOTE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(
            on\s.+\swrote:?
          | (le|am|el|il|op|em|den|ar|w\ dniu)\s.+\s(a\ écrit|schrieb|escribió|ha\ scritto|schreef|escreveu|skrev|ysgrifennodd|napisał)\s?:?
          # German, Dutch and Scandinavian clients put the verb before the
          # name: Am 01.06.2026 um 10:02 schrieb Jo <jo@example.org>:
          | (am|op|den)\s.+\s(schrieb|schreef|skrev)\s.+:
        )$",
    )
    .expect("static regex")
});

static ORIGINAL_MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[-‐_=\s]*original\s+message[-‐_=\s]*$").expect("static regex")
});

/// How a quoted earlier message starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum QuoteStart {
    /// "On … wrote:" over this many lines.
    Attribution(usize),
    /// "-----Original Message-----", or Outlook on the web's underscores.
    Separator,
}

/// Whether line `i` opens a quoted earlier message: "On … wrote:"
/// (possibly wrapped over three lines), "-----Original Message-----", or the
/// line of underscores Outlook on the web puts above its header block.
pub(super) fn starts_quote(lines: &[&str], i: usize) -> Option<QuoteStart> {
    let line = lines[i].trim();
    if ORIGINAL_MESSAGE.is_match(line) {
        return Some(QuoteStart::Separator);
    }
    if line.len() >= 8 && line.chars().all(|c| c == '_') {
        return Some(QuoteStart::Separator);
    }
    let first_word = line.split_whitespace().next()?;
    if !["on", "le", "am", "el", "il", "op", "em", "den", "ar", "w"]
        .contains(&first_word.to_lowercase().as_str())
    {
        return None;
    }
    let mut joined = String::new();
    for (n, next) in lines.iter().skip(i).take(3).enumerate() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(next.trim());
        if joined.len() <= 400 && QUOTE_HEADER.is_match(&joined) {
            return Some(QuoteStart::Attribution(n + 1));
        }
    }
    None
}

/// Return true if line `i` starts an Outlook-style header block: a `From:`
/// line followed within a few lines by `Sent:` or `Date:`; or, as GMX
/// writes it, `Sent:` over `From:` and then `To:` or `Subject:`.
pub(super) fn is_outlook_header_block(lines: &[&str], i: usize) -> bool {
    let is = |line: &str, names: &[&str]| {
        HEADER_LINE
            .captures(line.trim())
            .and_then(|c| c.get(1))
            .is_some_and(|m| names.contains(&m.as_str().to_lowercase().as_str()))
    };
    let within = |n: usize, names: &[&str]| lines.iter().skip(i + 1).take(n).any(|l| is(l, names));
    (is(lines[i], &["from"]) && within(4, &["sent", "date"]))
        || (is(lines[i], &["sent", "date"])
            && within(2, &["from"])
            && within(4, &["to", "subject"]))
}
