//! Addresses not found by walking up from their postcode: written below
//! it ("SS7 3ND" / "South Benfleet" / "61 Ferry Road"), or with no
//! postcode beside them at all (it was in the subject, or not given):
//! after a lead-in, inside a sentence, or a house-number-and-street line
//! with the lines below it. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::clause::{clause_end, clause_end_past_towns, clause_end_whole};
use crate::extract::label_fields::is_label_line;
use crate::extract::segment::SIGNOFF;
use crate::extract::words::{LEAD_IN, is_address_word, is_prose, is_town};
use crate::postcode::{self, Found, Postcode, holds_postcode};

use super::{
    MAX_BLOCK_LINES, Piece, address_in_sentence, address_start, cut_trailing_talk, headed_by_house,
    into_parts, is_house_name, is_person, looks_like_address, names_a_house, strip_postcode_lead,
};

/// The address written below its postcode ("Alan Moss" / "SS7 3ND" /
/// "South Benfleet" / "61 Ferry Road"): the lines under the postcode's,
/// as written, with the name on the line above the postcode.
pub(crate) fn below_postcode(text: &str, start: usize) -> Option<(Vec<String>, Option<String>)> {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if !strip_postcode_lead(&text[line_start..start])
        .trim()
        .is_empty()
    {
        return None;
    }
    let block: Vec<Piece> = text[line_end..]
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take(MAX_BLOCK_LINES)
        .take_while(|l| !(l.is_empty() || is_prose(l) || SIGNOFF.is_match(l) || is_label_line(l)))
        .map(Piece::whole)
        .collect();
    let (mut parts, mut name) = into_parts(&block);
    let above = text[..line_start]
        .lines()
        .next_back()
        .map(str::trim)
        .filter(|above| is_person(above));
    // With a name above the postcode, a name-shaped first line below it is
    // a town ("South Benfleet").
    if let Some(above) = above {
        parts.splice(0..0, name.take());
        name = Some(above.to_owned());
    }
    parts
        .iter()
        .any(|p| address_start(p).is_some())
        .then_some((parts, name))
}

/// The address with no postcode beside it: after a lead-in, to the end of
/// its sentence; else a sentence holding a house number and a street;
/// else a line starting with them, with the address lines below it.
pub(crate) fn unanchored(text: &str, chosen: Option<&Postcode>) -> (Vec<String>, Option<String>) {
    after_lead_in(text, chosen)
        .map(|parts| (parts, None))
        .or_else(|| in_a_sentence(text, true, chosen))
        .or_else(|| numbered_block(text, true))
        .or_else(|| house_named_block(text))
        .unwrap_or_default()
}

/// The address a reply to the help reply gives on its own ("Sorry it's
/// 33 Lang Stracht, Aberdeen"): from the first house number to the end of
/// its sentence, in two parts or more. Read only when the quoted form
/// asked for the address, so a street that no street word names is
/// trusted there.
pub(crate) fn answering(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let found = address_start(line)?;
            let span = &line[found.start()..];
            let span = &span[..clause_end(span, 0)];
            let (parts, _) = into_parts(&[Piece::whole(cut_trailing_talk(span))]);
            (2..=5).contains(&parts.len()).then_some(parts)
        })
        .next()
        .unwrap_or_default()
}

/// Words of a lead-in saying where someone lives.
const LIVES: [&str; 12] = [
    "live", "lives", "living", "stay", "stays", "staying", "reside", "resides", "residing", "bide",
    "bides", "byw",
];

/// "… send the letters to be on the safe side": "to" before a verb leads
/// to no place.
static TO_A_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:be|do|get|make|help|see|sign|show|start|begin|have|print|post|use|try|give|let|keep|say|ask|tell|check)\b")
        .expect("static regex")
});

/// "… I live at 23 Gilesgate Bank, Durham. …"
fn after_lead_in(text: &str, chosen: Option<&Postcode>) -> Option<Vec<String>> {
    LEAD_IN.find_iter(text).find_map(|found| {
        let span = own_span(
            &text[found.end()..clause_end_past_towns(text, found.end())],
            chosen,
        )?;
        if super::only_an_area(found.as_str(), span)
            || super::refers_elsewhere(span)
            || TO_A_VERB.is_match(span)
        {
            return None;
        }
        // A lead-in ending its line ("We live at" over "The Old Forge")
        // leaves the lines below whole.
        let own_line =
            found.as_str().contains('\n') || span.trim_start_matches([' ', '\t']).starts_with('\n');
        let mut lines: Vec<Piece> = span
            .lines()
            .skip_while(|l| l.trim().is_empty())
            .map(Piece::whole)
            .collect();
        if let Some(first) = lines.first_mut() {
            first.cut = !own_line;
            first.led_in = true;
            first.house_led = super::house_lead(found.as_str(), span);
        }
        let (parts, _) = into_parts(&lines);
        // "my address is Ty Newydd, Llanfihangel Crucorney, Abergavenny";
        // "We're at Low Garth, Cotherstone, Barnard Castle": a farm and its
        // places, three parts or more, each a place's name, none a person's.
        // Where someone lives is no one's name ("we live at Penlan Uchaf,
        // Capel Isaac, Llandeilo"); where letters go to may be.
        let lives = found
            .as_str()
            .split(|c: char| !c.is_alphabetic())
            .any(|w| LIVES.contains(&w.to_lowercase().as_str()));
        let places = parts.len() >= 3
            && parts.iter().all(|p| is_town(p))
            && (lives || !is_person(&parts[0]));
        (looks_like_address(&parts) || headed_by_house(&parts) || places).then_some(parts)
    })
}

/// "Hi there, Reece Tanner, flat 4, 88 Sandgate Road, Folkestone.", with
/// the name written before the address, if any.
fn in_a_sentence(
    text: &str,
    need_street: bool,
    chosen: Option<&Postcode>,
) -> Option<(Vec<String>, Option<String>)> {
    let mut at = 0;
    while at < text.len() {
        // A clause ends at an ASCII mark, so one byte on is a boundary.
        let end = clause_end_whole(text, at).max(at + 1);
        let sentence =
            text[at..end].trim_start_matches(|c: char| c.is_whitespace() || ".!?;".contains(c));
        // Unpunctuated, a clause runs over lines: each line is read apart
        // ("im jordan mcdermott 33 elm grove whitley bay" over "dunno the
        // postcode yet").
        // Of several, a line starting with its number, or with address
        // lines under it, heads a block, read below.
        let lines: Vec<&str> = sentence.lines().collect();
        // One written after its postcode ("TQ4 5EG is my postcode, 8
        // Hillcrest Road Paignton") heads none.
        let in_writing = |(i, line): &(usize, &&str)| {
            lines.len() == 1
                || (!line.trim_start().starts_with(|c: char| c.is_ascii_digit())
                    && (lines.get(i + 1).is_none_or(|next| is_prose(next))
                        || address_start(line).is_some_and(|m| holds_postcode(&line[..m.start()]))))
        };
        for (_, line) in lines.iter().enumerate().filter(in_writing) {
            if let Some(span) = address_in_sentence(line.trim())
                && let Some(kept) = own_span(&span, chosen)
            {
                let (parts, name) = into_parts(&[Piece::whole(kept)]);
                let has_street = parts
                    .iter()
                    .any(|p| p.split_whitespace().any(is_address_word));
                // Or a house's name heading the parts ("it's David Pugh,
                // The Old Forge, Llanfoist, Abergavenny"). The start of a
                // postcode after them vouches for the parts as the subject's
                // postcode does ("27 Flemingate, Beverley, HU17 — can't
                // remember the rest").
                let vouched = !need_street || ends_with_outward_code(&span);
                let street = has_street || (vouched && parts.len() >= 2);
                if (looks_like_address(&parts) && street) || headed_by_house(&parts) {
                    return Some((parts, name));
                }
            }
        }
        at = end;
    }
    None
}

/// The address a span written without its postcode holds: its talk cut
/// off, and what is not the supporter's left out (the span's own
/// postcode in a bracket after it, another postcode inside it).
fn own_span<'a>(span: &'a str, chosen: Option<&Postcode>) -> Option<&'a str> {
    let kept = cut_trailing_talk(span);
    let rest = &span[kept.len()..];
    let kept = if !holds_postcode(kept) && bracket_disowns(rest, chosen) {
        past_bracket(rest)?
    } else {
        kept
    };
    past_postcodes(kept, chosen)
}

/// An address with no postcode beside it runs over none but the
/// supporter's (`chosen`): a span holding another is read from the house
/// number after it ("from 22 Eastern Way, IP32 7GP to a new build at 5
/// Larkspur Way, …"), or not at all when none follows ("(The Maltings
/// Surgery, 9 Station Road, … CM21 0LR) even though", a GP's).
fn past_postcodes<'a>(span: &'a str, chosen: Option<&Postcode>) -> Option<&'a str> {
    let Some(other) = postcode::find_all(span).into_iter().rfind(
        |hit| matches!(&hit.found, Found::Postcode { postcode, .. } if Some(postcode) != chosen),
    ) else {
        return Some(span);
    };
    let rest = &span[other.end..];
    address_start(rest).map(|m| rest[m.start()..].trim_end())
}

/// Whether a bracket right after an address with no postcode of its own
/// holds a postcode other than the supporter's ("a care flat in Falkirk
/// (FK1 5AA)"): the address is that postcode's, someone else's.
fn bracket_disowns(after: &str, chosen: Option<&Postcode>) -> bool {
    let Some(inside) = after.trim_start().strip_prefix('(') else {
        return false;
    };
    let inside = &inside[..inside.find(')').unwrap_or(inside.len())];
    postcode::find_all(inside).iter().any(
        |hit| matches!(&hit.found, Found::Postcode { postcode, .. } if Some(postcode) != chosen),
    )
}

/// The address after a disowning bracket, from its house number, when
/// the writer goes on to it ("from 4 Tan y Bryn, Abergele (LL22 8HZ) to
/// 11 Pen y Bryn Road, Colwyn Bay, and …").
fn past_bracket(after: &str) -> Option<&str> {
    let close = after.find(')')?;
    let rest = &after[close + 1..];
    address_start(rest).map(|m| cut_trailing_talk(&rest[m.start()..]))
}

/// Whether the last word of `span` is a postcode's outward code alone.
fn ends_with_outward_code(span: &str) -> bool {
    let kept = cut_trailing_talk(span);
    kept.split_whitespace()
        .next_back()
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .is_some_and(|w| Postcode::is_outward(&w.to_ascii_uppercase()))
}

/// A line starting with a house number and a street, and the address
/// lines below it; with the person's name and a house's name above it,
/// if there are any.
fn numbered_block(text: &str, need_street: bool) -> Option<(Vec<String>, Option<String>)> {
    block_from(text, |line, next| {
        address_start(line).is_some_and(|m| {
            // Or after the house's name ("Rosebank, 12 Scotts Street").
            let house = line[..m.start()]
                .trim_end()
                .strip_suffix(',')
                .is_some_and(is_house_name);
            (m.start() == 0 || house)
                && (line.split_whitespace().any(is_address_word)
                    || (!need_street && next.is_some_and(|n| !n.is_empty())))
        })
    })
}

/// [`unanchored`]; and when the postcode was given in the subject
/// ("Letters FK15 0NW" over "9 Braeport" / "Dunblane"), a numbered line or
/// span with a part after it is trusted without a street word, the
/// subject's postcode vouching for it.
pub(crate) fn unanchored_beside(
    text: &str,
    postcode_in_subject: bool,
    chosen: Option<&Postcode>,
) -> (Vec<String>, Option<String>) {
    let (parts, name) = unanchored(text, chosen);
    if !parts.is_empty() || !postcode_in_subject {
        return (parts, name);
    }
    in_a_sentence(text, false, chosen)
        .or_else(|| numbered_block(text, false))
        .unwrap_or_default()
}

/// A house with a name and no number ("Yew Tree Cottage" / "Mill Lane" /
/// "Cerne Abbas", "Fferm Penrhiw" / "Llanddewi Velfrey"): a line with a
/// house word, then a line with a street word or a place's name.
fn house_named_block(text: &str) -> Option<(Vec<String>, Option<String>)> {
    block_from(text, |line, next| {
        names_a_house(line)
            && is_house_name(line)
            && next.is_some_and(|n| {
                !is_prose(n) && (n.split_whitespace().any(is_address_word) || is_town(n))
            })
    })
}

/// A line without the aside in brackets that ends it ("Burton upon Trent,
/// DE14 (sorry can't remember the rest of the postcode)"): the words
/// before it say whether the line is prose.
fn before_aside(line: &str) -> &str {
    match line.find(" (") {
        Some(at) if line.ends_with(')') => &line[..at],
        _ => line,
    }
}

/// The first block of address lines whose first line `starts` it (given
/// the line and the one below), with up to two lines above it.
fn block_from(
    text: &str,
    starts: impl Fn(&str, Option<&str>) -> bool,
) -> Option<(Vec<String>, Option<String>)> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines.iter().enumerate().find_map(|(i, line)| {
        if !starts(line, lines.get(i + 1).copied()) || is_prose(line) {
            return None;
        }
        let below = lines[i + 1..]
            .iter()
            .take(MAX_BLOCK_LINES)
            .take_while(|next| {
                !(next.is_empty() || is_prose(before_aside(next)) || SIGNOFF.is_match(next))
            });
        // Up to two lines above: a house's name, the person's name, or
        // both ("Eirlys Vaughan" / "Bryn Awel" / "5 Maes y Llan"), which
        // `into_parts` tells apart.
        let mut top = i;
        while top > 0
            && i - top < 2
            && !(lines[top - 1].is_empty()
                || is_prose(lines[top - 1])
                || SIGNOFF.is_match(lines[top - 1]))
        {
            top -= 1;
        }
        let block: Vec<Piece> = lines[top..i]
            .iter()
            .chain(std::iter::once(line))
            .chain(below)
            .map(|l| Piece::whole(l))
            .collect();
        let (parts, heading) = into_parts(&block);
        let house = parts.iter().any(|p| names_a_house(p));
        (looks_like_address(&parts) || house).then_some((parts, heading))
    })
}
