//! Cutting a message body into what the supporter wrote and what they did
//! not: quoted earlier messages, signatures, forwarded mail.
//!
//! This runs before anything looks for a postcode, because a quoted reply
//! from Parliament or NHS England carries their postcodes and a signature
//! may carry a work address. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

pub(crate) use super::forwarded::{Forwarded, address_in};
use super::forwarded::{forwarded, unquote, unquoted_run};
use super::quote_starts::{QuoteStart, header_block, is_outlook_header_block, starts_quote};

use super::label_fields::{LabelHead, label_is_real};

/// A body cut into its parts.
#[derive(Debug, Default)]
pub(crate) struct Segments<'a> {
    /// The supporter's own text, before any sign-off, quote lines removed.
    pub own: Vec<&'a str>,
    /// The lines after a sign-off ("Thanks,", "Kind regards,"), up to the
    /// next cut: often the supporter's name and address, sometimes a work
    /// signature.
    pub tail: Vec<&'a str>,
    /// A name written on the sign-off line itself ("Thanks, Jane Smith").
    pub signoff_name: Option<&'a str>,
    /// The lines after a `-- ` signature delimiter: a personal block with
    /// the supporter's home address, or a work signature.
    pub signature: Vec<&'a str>,
    /// A forwarded message found inline, with its sender's address.
    pub forwarded: Option<Forwarded<'a>>,
    /// The quoted earlier messages, in order, each with the answers typed
    /// into its labels; only those with two answers or more.
    pub quotes: Vec<Quote<'a>>,
}

/// A quoted earlier message, as far as reading goes: whose it is and the
/// labels answered in it ("My answers in capitals below", then "Name: JANE
/// SMITH" in the quoted help message).
#[derive(Debug, Default)]
pub(crate) struct Quote<'a> {
    /// The lines introducing it ("On …, Jo <jo@…> wrote:", an Outlook
    /// header block), joined: they may name its author without an address.
    pub attribution: Option<String>,
    /// The address in those lines.
    pub from: Option<String>,
    /// Labels with an answer after them, unquoted.
    pub answers: Vec<&'a str>,
}

impl<'a> Segments<'a> {
    fn open_quote(&mut self, attribution: Option<String>) {
        self.quotes.push(Quote {
            from: attribution.as_deref().and_then(address_in),
            attribution,
            answers: Vec::new(),
        });
    }

    fn answer(&mut self, line: &'a str) {
        if self.quotes.is_empty() {
            self.open_quote(None);
        }
        if let Some(quote) = self.quotes.last_mut() {
            quote.answers.push(line);
        }
    }

    /// Everything below the separator at line `i` ("-----Original
    /// Message-----") is quoted, with no attribution of its own.
    fn quoted_below_separator(&mut self, lines: &[&'a str], i: usize) {
        self.open_quote(None);
        self.quoted_from(lines, i + 1);
    }

    /// Everything below the Outlook header block at line `i` is quoted,
    /// attributed to it.
    fn quoted_below_header_block(&mut self, lines: &[&'a str], i: usize) {
        self.open_quote(Some(header_block(lines, i)));
        self.quoted_from(lines, i + 1);
    }

    /// Everything from line `from` on is quoted: each attribution or
    /// header block in it opens a quote of its own, deeper in the thread.
    fn quoted_from(&mut self, lines: &[&'a str], from: usize) {
        let mut i = from;
        while i < lines.len() {
            if is_outlook_header_block(lines, i) {
                self.open_quote(Some(header_block(lines, i)));
            } else if let Some(QuoteStart::Attribution(len)) = starts_quote(lines, i) {
                self.open_quote(Some(lines[i..i + len].join(" ")));
                i += len;
                continue;
            }
            if let Some(answer) = answered_label(lines[i]) {
                self.answer(answer);
            }
            i += 1;
        }
    }
}

static FORWARD_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([-‐_=\s]*forwarded\s+message[-‐_=\s:]*|begin\s+forwarded\s+message\s*:?)$")
        .expect("static regex")
});

static MOBILE_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(sent from my\b|sent from (yahoo mail|mail for windows|outlook|proton ?mail|samsung|mail)\b|get outlook for\b|sent with proton ?mail\b|sent via\b|sent from the all new aol)",
    )
    .expect("static regex")
});

/// Sign-off phrases alone on a line. Shared with the name rules.
pub(crate) static SIGNOFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(
            (kind|best|warm|warmest|many|good|with|all\ the|all\ good|every\ good|thanks\ and)\s+(regards|wish(es)?|thanks|best)
          | with\s+(kind|best|warm|warmest|many|good|every\ good|all\ good)\s+(regards|wish(es)?|thanks) | with\ love
          | regards | thanks | thank\ you | thanks\ again | thank\ you\ very\ much | thanks\ very\ much
          | many\ thanks | cheers | best | sincerely | yours\ sincerely | yours\ faithfully | yours\ truly
          | yours | love | ta | (ta|thanks|cheers)\ love | love\ from | lots\ of\ love | ta\ very\ much | in\ solidarity | solidarity | diolch | diolch\ yn\ fawr | cofion | cofion\ gorau
          | god\ bless(\ you)? | take\ care | stay\ safe | yours\ aye | respectfully
          | with\ every\ blessing | (every\ )?blessings | yn\ gywir | yr\ eiddoch\ yn\ gywir
          | (is\ mise\ )?le\ meas | le\ d[uù]rachd | m[oò]ran\ taing | tapadh\ leat
        )\s*[,.!]*$",
    )
    .expect("static regex")
});

static SIGNOFF_WITH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(
            (kind|best|warm|many)\s+(regards|wishes|thanks) | regards | thanks | thank\ you | many\ thanks
          | cheers | best | yours\ sincerely | yours\ faithfully | sincerely
        )\s*,\s*(?P<name>\p{Lu}.*)$",
    )
    .expect("static regex")
});

/// Cut `lines` into segments. `is_forward` says the subject marks the mail
/// as a forward, so an Outlook header block starts forwarded content rather
/// than a quoted reply.
pub(crate) fn segment<'a>(lines: &[&'a str], is_forward: bool) -> Segments<'a> {
    let mut segments = Segments::default();
    let mut in_tail = false;
    let mut in_signature = false;
    // Lines before this index belong to a quote already seen.
    let mut quoted_until = 0;
    // Past a phone's footer only answers typed under quoted labels count:
    // whether the line above was such a label or answer.
    let mut past_footer = false;
    let mut answering = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.starts_with('>') {
            // Their own mail forwarded inside a quote (Apple Mail's "> Begin
            // forwarded message:"), read as a forward.
            if segments.forwarded.is_none() && FORWARD_MARKER.is_match(unquote(raw).trim()) {
                segments.forwarded = Some(forwarded(&unquoted_run(&lines[i + 1..])));
                continue;
            }
            // An attribution inside the quote ("> On …, Gurpreet Sandhu
            // <…> wrote:") opens the earlier mail it quotes.
            let bare = unquote(raw).trim();
            if matches!(starts_quote(&[bare], 0), Some(QuoteStart::Attribution(_))) {
                segments.open_quote(Some(bare.to_owned()));
                continue;
            }
            // An answer typed under a quoted label ("> Name:" then the
            // answer unquoted) keeps its label.
            answering = false;
            if let Some(label) = quoted_label(lines, i) {
                segments.own.push(label);
                answering = true;
            } else if let Some(answer) = answered_label(raw) {
                segments.answer(answer);
            }
            continue;
        }
        if past_footer {
            // "Sent from my iPhone" over "Begin forwarded message:".
            if segments.forwarded.is_none() && FORWARD_MARKER.is_match(line) {
                segments.forwarded = Some(forwarded(&unquoted_run(&lines[i + 1..])));
                break;
            }
            match starts_quote(lines, i) {
                Some(QuoteStart::Attribution(_)) => segments.open_quote(Some(line.to_owned())),
                // Samsung's "-------- Original message --------" quotes
                // without `>`: the answers in it are read as in any quote.
                Some(QuoteStart::Separator) => {
                    segments.quoted_below_separator(lines, i);
                    break;
                }
                // "Get Outlook for Android" over its header block.
                None if !is_forward && is_outlook_header_block(lines, i) => {
                    segments.quoted_below_header_block(lines, i);
                    break;
                }
                None => {}
            }
            answering &= !line.is_empty();
            if answering {
                segments.own.push(raw);
            }
            continue;
        }
        if i < quoted_until {
            continue;
        }
        if MOBILE_FOOTER.is_match(line) {
            past_footer = true;
            continue;
        }
        // "-- " is the signature delimiter (RFC 3676 §4.3); many clients
        // drop its trailing space, so "--" alone counts too. What follows
        // is kept apart: it is weighed, not thrown away.
        if line == "--" {
            in_signature = true;
            continue;
        }
        if FORWARD_MARKER.is_match(line) {
            segments.forwarded = Some(forwarded(&unquoted_run(&lines[i + 1..])));
            break;
        }
        if is_outlook_header_block(lines, i) {
            if is_forward {
                segments.forwarded = Some(forwarded(&lines[i..]));
            } else {
                segments.quoted_below_header_block(lines, i);
            }
            break;
        }
        if let Some(quote) = starts_quote(lines, i) {
            // An attribution over `>` lines quotes only those lines (and a
            // line wrapped off one of them): a reply written below, after a
            // blank line, is the supporter's own (Thunderbird's default).
            match quote {
                QuoteStart::Attribution(len) => {
                    segments.open_quote(Some(lines[i..i + len].join(" ")));
                    if let Some(end) = marked_quote_end(lines, i + len) {
                        quoted_until = end;
                        continue;
                    }
                    segments.quoted_from(lines, i + len);
                }
                // AOL's and Outlook's forward: "-----Original Message-----"
                // over the forwarded mail's headers, in a mail sent as one.
                QuoteStart::Separator if is_forward && is_outlook_header_block(lines, i + 1) => {
                    segments.forwarded = Some(forwarded(&lines[i + 1..]));
                }
                QuoteStart::Separator => segments.quoted_below_separator(lines, i),
            }
            break;
        }
        if !in_tail && SIGNOFF.is_match(line) {
            in_tail = true;
            continue;
        }
        if !in_tail
            && let Some(name) = SIGNOFF_WITH_NAME
                .captures(line)
                .and_then(|c| c.name("name"))
        {
            in_tail = true;
            let name = name.as_str().trim();
            // "Thanks, Bernard Mullins, 3 Church View, Bellingham, …": the
            // name heads the address, which goes on in the tail.
            match name.split_once(',') {
                Some((person, rest)) if rest.contains(|c: char| c.is_ascii_digit()) => {
                    segments.signoff_name = Some(person.trim());
                    segments.tail.push(name);
                }
                _ => segments.signoff_name = Some(name),
            }
            continue;
        }
        if in_signature {
            segments.signature.push(raw);
        } else if in_tail {
            segments.tail.push(raw);
        } else {
            segments.own.push(raw);
        }
    }
    // A form filled in has two answers or more: one label in a quote
    // ("Postcode: SW1A 0AA" under an MP's office) is someone else's.
    segments.quotes.retain(|q| q.answers.len() >= 2);
    segments
}

/// A quoted line holding only a label ("> Name:", "> Postcode -") with
/// the supporter's answer on the next line, unquoted: the label, unquoted.
fn quoted_label<'a>(lines: &[&'a str], i: usize) -> Option<&'a str> {
    let label = lines[i].trim().trim_start_matches(['>', ' ']).trim();
    let next = lines.get(i + 1)?.trim();
    let empty_label = LabelHead::of(label)
        .is_some_and(|head| label_is_real(&head) && head.value.trim().is_empty());
    (empty_label && !next.is_empty() && !next.starts_with('>')).then_some(label)
}

/// A quoted line holding a label with an answer after it, unquoted.
fn answered_label(line: &str) -> Option<&str> {
    let line = line.trim().trim_start_matches(['>', ' ']).trim();
    LabelHead::of(line)
        .is_some_and(|head| label_is_real(&head) && !head.value.trim().is_empty())
        .then_some(line)
}

/// If the lines from `from` are a `>` quote (after blank lines), the index
/// of the first line after it: after the `>` lines and any lines joined to
/// them without a blank line (a quoted line some client wrapped).
fn marked_quote_end(lines: &[&str], from: usize) -> Option<usize> {
    let mut i = from;
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    if !lines.get(i)?.trim().starts_with('>') {
        return None;
    }
    while i < lines.len() && !lines[i].trim().is_empty() {
        if quoted_label(lines, i).is_some() {
            return Some(i);
        }
        i += 1;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(body: &str) -> Vec<String> {
        let lines: Vec<&str> = body.lines().collect();
        segment(&lines, false)
            .own
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn gmail_quote_header_wrapped_over_two_lines_cuts() {
        let body = "Postcode BR8 7RE\n\nOn Mon, 1 Jun 2026 at 10:02, Office <office@example.org>\nwrote:\n> SW1A 0AA";
        assert_eq!(own(body), ["Postcode BR8 7RE", ""]);
    }

    #[test]
    fn a_reply_below_an_attributed_quote_is_the_supporters() {
        let body = "On 23/11/2026 10:30, Campaign <letters@example.org> wrote:\n> Your postcode?\n> SW1A 0AA\nwrapped LS1 4AP\n\nPostcode BR8 7RE";
        assert_eq!(own(body), ["", "Postcode BR8 7RE"]);
        // Without `>` lines the rest is the quote, as before.
        let body = "Mine\nOn 23/11/2026 10:30, Campaign <letters@example.org> wrote:\n\nSW1A 0AA";
        assert_eq!(own(body), ["Mine"]);
    }

    #[test]
    fn attributions_with_the_verb_before_the_name_cut() {
        for header in [
            "Am Mo., 1. Juni 2026 um 10:02 Uhr schrieb Jo Bloggs <jo@example.org>:",
            "Op ma 1 jun. 2026 om 10:02 schreef Jo Bloggs <jo@example.org>:",
            "Den mån 1 juni 2026 kl 10:02 skrev Jo Bloggs <jo@example.org>:",
        ] {
            assert_eq!(
                own(&format!("Mine\n{header}\n\nSW1A 0AA")),
                ["Mine"],
                "{header}"
            );
        }
    }

    #[test]
    fn quoted_lines_are_dropped_but_text_between_them_kept() {
        assert_eq!(
            own("> quoted SW1A 0AA\nmine BR8 7RE\n> more"),
            ["mine BR8 7RE"]
        );
    }

    #[test]
    fn outlook_header_block_and_original_message_cut() {
        assert_eq!(
            own("hi\nFrom: NHS England\nSent: Monday\nTo: me\nLS1 4AP"),
            ["hi"]
        );
        assert_eq!(own("hi\n-----Original Message-----\nLS1 4AP"), ["hi"]);
        // GMX's order: Sent, From, To, Subject.
        assert_eq!(
            own("hi\nSent: Monday\nFrom: NHS England\nTo: me\nSubject: x\nLS1 4AP"),
            ["hi"]
        );
        // A date and a "From:" with no To or Subject after them are no
        // header block.
        assert_eq!(
            own("hi\nDate: Monday\nFrom: 9 Mill Road\nLS1 4AP"),
            ["hi", "Date: Monday", "From: 9 Mill Road", "LS1 4AP"]
        );
        assert_eq!(own("hi\n________________________________\nFrom: x"), ["hi"]);
    }

    #[test]
    fn signature_is_kept_apart_and_mobile_footer_cuts() {
        assert_eq!(own("a\n-- \nWork Ltd, M1 1AD"), ["a"]);
        let lines = ["a", "-- ", "Jane Smith", "1 Road"];
        assert_eq!(segment(&lines, false).signature, ["Jane Smith", "1 Road"]);
        assert_eq!(own("a\nSent from my iPhone\nb"), ["a"]);
    }

    #[test]
    fn answers_under_quoted_labels_are_kept() {
        let body = "On Tue, 3 Nov 2026, Campaign <letters@example.org> wrote:\n> Thanks.\n> Name:\nJo Bloggs\n> Postcode:\nFK1 3EH\n> Bye";
        assert_eq!(own(body), ["Name:", "Jo Bloggs", "Postcode:", "FK1 3EH"]);
    }

    #[test]
    fn signoff_starts_the_tail() {
        let lines: Vec<&str> = "Please send\nKind regards,\nJane Smith\n1 Road"
            .lines()
            .collect();
        let s = segment(&lines, false);
        assert_eq!(s.own, ["Please send"]);
        assert_eq!(s.tail, ["Jane Smith", "1 Road"]);
        let lines = ["Thanks, Jane Smith"];
        assert_eq!(segment(&lines, false).signoff_name, Some("Jane Smith"));
    }

    #[test]
    fn inline_forward_keeps_the_forwarded_sender() {
        let lines: Vec<&str> =
            "fyi\n---------- Forwarded message ---------\nFrom: Jane <Jane@Example.org>\nDate: today\n\nName: Jane"
                .lines()
                .collect();
        let s = segment(&lines, false);
        let fwd = s.forwarded.expect("forward");
        assert_eq!(fwd.from_address.as_deref(), Some("jane@example.org"));
        assert_eq!(fwd.body, ["", "Name: Jane"]);
    }
}
