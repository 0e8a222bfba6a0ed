//! The supporter's own earlier mail, quoted in their reply to it: "Forgot
//! the postcode! HU9 2RJ" over "> On …, Mei Ling Chan <mei@…> wrote:" and
//! the mail it quotes. What the reply says wins; the earlier mail fills in
//! only what the reply leaves out. Pure: no I/O.

use super::forwarded::{address_in, unquote};
use super::quote_starts::{QuoteStart, header_block, is_outlook_header_block, starts_quote};
use super::words::STALE_DETAILS;
use super::{Extraction, PostcodeFinding};

/// The lines of the first quoted mail that `sender` wrote, one level of
/// quote marks taken off: below an attribution naming their address
/// ("On …, Jo <jo@…> wrote:", quoted or not, as Apple Mail puts it inside
/// the quote) or an Outlook header block whose `From:` is theirs.
pub(super) fn own_quoted<'a>(lines: &[&'a str], sender: &str) -> Option<Vec<&'a str>> {
    let theirs = |introduction: &str| {
        address_in(introduction).is_some_and(|a| a.eq_ignore_ascii_case(sender))
    };
    for i in 0..lines.len() {
        let bare: Vec<&str> = lines[i..].iter().take(3).map(|l| unquote(l)).collect();
        if let Some(QuoteStart::Attribution(len)) = starts_quote(&bare, 0) {
            if theirs(&bare[..len].join(" ")) {
                let run = quoted_run(&lines[i + len..]);
                // Unmarked, as Yahoo quotes (its lines indented a space):
                // to the next quoted mail.
                if run.iter().all(|l| l.trim().is_empty()) {
                    return Some(unmarked_run(lines, i + len));
                }
                return Some(run);
            }
        } else if is_outlook_header_block(lines, i) && theirs(&header_block(lines, i)) {
            // Unmarked, as Outlook quotes: from the blank line ending the
            // header block to the next quoted mail.
            let start = i + lines[i..].iter().position(|l| l.trim().is_empty())?;
            return Some(unmarked_run(lines, start));
        }
    }
    None
}

/// The lines from `start` to the next quoted mail, quoted without marks.
fn unmarked_run<'a>(lines: &[&'a str], start: usize) -> Vec<&'a str> {
    let end = (start + 1..lines.len())
        .find(|&k| {
            is_outlook_header_block(lines, k)
                || matches!(starts_quote(lines, k), Some(QuoteStart::Attribution(_)))
        })
        .unwrap_or(lines.len());
    lines[start..end].to_vec()
}

/// The `>` lines (and blank ones) from the start of `lines`, with one level
/// of marks off: a mail quoted deeper inside stays quoted.
fn quoted_run<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    lines
        .iter()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('>'))
        .map(|l| {
            let l = l.trim_start();
            let l = l.strip_prefix('>').unwrap_or(l);
            l.strip_prefix(' ').unwrap_or(l)
        })
        .collect()
}

/// Fill what `now` lacks from their `earlier` mail. Its address and
/// postcode only where they can still be the home: not after "I've moved"
/// or "ignore the address below", an address not with a postcode of
/// another district than the one now given (a typo corrected, "PO5 4JD"
/// to "PO5 4DJ", keeps the street), a postcode not beside another address.
pub(super) fn fill_in(now: &mut Extraction, earlier: Extraction, written_now: &str) {
    let district = |e: &Extraction| {
        e.postcode()
            .and_then(|p| p.as_str().split_whitespace().next().map(str::to_owned))
    };
    let same_home = match (district(now), district(&earlier)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    let moved = STALE_DETAILS.is_match(written_now);
    // Its postcode only for the same street: not after a move, and not
    // beside another address given now.
    if now.postcode().is_none()
        && !moved
        && (now.address.is_empty() || earlier.address.is_empty() || now.address == earlier.address)
        && matches!(earlier.postcode, PostcodeFinding::Found(_))
    {
        now.postcode = earlier.postcode;
    }
    if now.address.is_empty() && same_home && !moved {
        now.address = earlier.address;
    }
    if now.name.is_none() {
        now.name = earlier.name;
    }
}
