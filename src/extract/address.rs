//! The supporter's postal address, anchored on their postcode: back
//! within the sentence to its lead-in ("I live at", "my address is") or to
//! the first flat or house number; else the block of lines above it.
//! Addresses found any other way are in [`unanchored`]. A span must look
//! like a UK address. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::postcode;

use super::address_parts::is_number_last;
use super::clause::{clause_end, names_its_town, sentence_start, sentence_start_past_towns};
use super::label_fields::is_label_line;
use super::segment::SIGNOFF;
use super::talk::{
    LEAD_TALK, cut_trailing_talk, reaches_postcode, refers_elsewhere, strip_postcode_lead,
};
use super::words::{
    LEAD_IN, is_address_word, is_greeting, is_house_word, is_prose, is_town_written,
    written_in_lower_case,
};

/// Most lines an address block reaches up.
const MAX_BLOCK_LINES: usize = 8;

/// A line at least this long that does not end with a comma was wrapped
/// by the client: the next line continues it.
const WRAPPED_LINE: usize = 50;

/// An address label typed without its colon, inside a line ("… address
/// 12 Main Street", "… address is 4 Mill Lane").
static RUN_IN_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\baddress(?:\s+is)?\s+").expect("static regex"));

/// One line's share of an address, with what is needed to tell a line
/// the client wrapped from a line of the address.
#[derive(Clone, Debug)]
struct Piece {
    text: String,
    /// The whole line was this long.
    line_chars: usize,
    /// The piece started inside its line (after a lead-in or prose).
    cut: bool,
    /// The piece follows a lead-in ("my address is"): what comes first is
    /// the address, not a name.
    led_in: bool,
    /// What the lead-in says comes before the number.
    house_led: HouseLead,
}

/// What a lead-in says the name-like parts before the house number are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum HouseLead {
    /// Nothing: the first may be the writer's name.
    #[default]
    Unsaid,
    /// "The house is", "Home is": all of them are the house's name and
    /// its place.
    House,
    /// "I live at", "I live in", "you can find me at", "a resident of"
    /// before a capital, or a town said first ("I'm in Newton Stewart, 4
    /// …"): the part right after it is the house's or the town's name
    /// ("… me at Cnoc Àrd, 7 …"); one further on is not ("… me at home:
    /// Jess Lowther, 8 …").
    Place,
}

impl Piece {
    fn whole(line: &str) -> Piece {
        Piece {
            text: line.trim().to_owned(),
            line_chars: line.trim().chars().count(),
            cut: false,
            led_in: false,
            house_led: HouseLead::Unsaid,
        }
    }
}

/// The address ending at a postcode that starts at byte `start` of
/// `text`, with the name heading its block if there is one.
pub(crate) fn anchored(text: &str, start: usize) -> (Vec<String>, Option<String>) {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let (line, past_postcode) = before_postcode::after_last_postcode(&text[line_start..start]);
    // The bracket that held the other postcode closes there ("… Terrace
    // (LL35 0LB) up to a bungalow at 4 Bryn Celyn, …").
    let line = if past_postcode {
        line.trim_start_matches([')', ' '])
    } else {
        line
    };
    let (prefix, bracketed) = before_postcode::own_words(strip_postcode_lead(line));
    let mut lines: Vec<Piece> = Vec::new();
    // What follows another postcode on the line is the rest of a sentence
    // ("… (LL35 0LB) up to a bungalow at 4 Bryn Celyn, Aberdyfi,"), even
    // where it reads as no prose: the address in it starts at its number.
    let (first, done) = if past_postcode && !LEAD_IN.is_match(prefix) && !is_prose(prefix) {
        let found = address_in_sentence(prefix.trim()).map(|a| Piece {
            cut: true,
            ..Piece::whole(&a)
        });
        (found, true)
    } else {
        read_line(prefix)
    };
    let done = done || past_postcode || bracketed;
    if let Some(first) = first.filter(|p| reaches_postcode(&p.text)) {
        lines.push(first);
    }
    if !done {
        let above: Vec<&str> = text[..line_start].lines().collect();
        for line in above.iter().rev().take(MAX_BLOCK_LINES) {
            let line = line.trim();
            // A greeting opens the block, unless its line goes on to the
            // address ("Hi there, … She is at 9 Francis" over "Street, …").
            let greeting = is_greeting(line) && !LEAD_IN.is_match(line);
            if line.is_empty() || greeting || SIGNOFF.is_match(line) || is_label_line(line) {
                break;
            }
            let (line, past_postcode) = before_postcode::after_last_postcode(line);
            let (taken, stop) = read_line(line);
            let stop = stop || past_postcode;
            if taken.is_none()
                && stop
                && line.chars().count() >= WRAPPED_LINE
                && !line.ends_with([':', '.', '!', '?'])
            {
                // A hard wrap inside the address ("… Aisha Fletcher, 1" over
                // "Rowan Close, Warrington"): the sentence and the lines
                // below it are read as one. A line ending with its sentence
                // or a colon ("My address is:") was not wrapped.
                let below: Vec<&str> = lines.iter().map(|p| p.text.as_str()).collect();
                let joined = format!("{} {}", &line[sentence_start(line)..], below.join(" "));
                // Lines of a block below it ("My details" / "are" /
                // "Margaret Ellison" / "Rose Cottage") are not run together
                // into one part.
                let run_together = |a: &String| lines.len() > 1 && !a.contains(',');
                if let Some(address) = address_in_sentence(&joined).filter(|a| !run_together(a)) {
                    lines = vec![Piece {
                        line_chars: address.chars().count(),
                        text: address,
                        cut: true,
                        led_in: false,
                        house_led: HouseLead::Unsaid,
                    }];
                }
            }
            if let Some(taken) = taken {
                lines.insert(0, taken);
            }
            if stop {
                break;
            }
        }
    }
    let (mut parts, heading) = into_parts(&lines);
    // The continental order: the house number after the street ("Regent
    // Street 14, GL10 2EG Stonehouse"), the town after the postcode.
    let continental = parts.last().is_some_and(|p| is_number_last(p));
    // Or the street alone before it, the town after a comma ("I'm at 52
    // Clewer Hill Road, SL4 2HP, Windsor").
    let street_alone = parts.len() == 1
        && starts_numbered(&parts[0])
        && before_postcode::comma_after_postcode(&text[start..]);
    if (prefix.trim().is_empty() || continental || street_alone) && !parts.is_empty() {
        parts.extend(town_after_postcode(&text[start..]));
    }
    (parts, heading)
}

/// The town after a postcode, to the end of its clause ("OX4 1EA Oxford",
/// "Regent Street 14, GL10 2EG Stonehouse": the continental order): one to
/// three capitalised words and nothing else.
pub(super) fn town_after_postcode(from_postcode: &str) -> Option<String> {
    let line = from_postcode.lines().next()?;
    let hit = postcode::find_all(line).into_iter().next()?;
    let rest = &line[hit.end..];
    let rest = rest[..clause_end(rest, 0)]
        .trim()
        .trim_end_matches(['.', ',']);
    let rest = rest.trim_start_matches([',', ' ']);
    // To a comma or a dash after it ("…, Windsor - please could you …").
    let rest = rest
        .split([',', '–', '—'])
        .next()
        .unwrap_or(rest)
        .split(" - ")
        .next()
        .unwrap_or(rest)
        .trim();
    // Written all in lower case ("featherhall avenue 14, eh12 7ae
    // edinburgh"), a town's words are those that are no everyday word.
    let lower_case = written_in_lower_case(line);
    (is_town_written(rest, lower_case) && !SIGNOFF.is_match(rest)).then(|| rest.to_owned())
}

/// Read one line of an address walking up from the postcode: the part
/// after a lead-in (and stop), the address inside a sentence (and stop),
/// or the whole line when it reads as an address line (and go on).
fn read_line(line: &str) -> (Option<Piece>, bool) {
    let line = line.trim();
    let piece = |text: &str| {
        let text = text.trim();
        // The comma ending the line says the next line is a part of its own.
        let comma = if line.ends_with(',') && !text.ends_with(',') {
            ","
        } else {
            ""
        };
        (!text.is_empty()).then(|| Piece {
            text: format!("{text}{comma}"),
            line_chars: line.chars().count(),
            cut: text.len() < line.len(),
            led_in: false,
            house_led: HouseLead::Unsaid,
        })
    };
    if let Some(found) = LEAD_IN.find_iter(line).last() {
        // A lead-in sentences before, with writing after its address ("I
        // live at 3 Main Street (postcode above). My old GP is in Woodley,
        // RG5 3RG"), introduces another address than this postcode's.
        let span = &line[found.end()..];
        let last = &span[sentence_start(span)..];
        let one_sentence = last.len() == span.trim_start().len()
            || last.trim().is_empty()
            || !is_prose(last)
            || names_its_town(last);
        if one_sentence {
            if only_an_area(found.as_str(), span) || refers_elsewhere(span) {
                return (None, true);
            }
            // "You asked for my full address – it's 8 Kempson Way".
            let span = LEAD_TALK.find(span).map_or(span, |m| &span[m.end()..]);
            // "Can you send the letters to me please. 23 Heol y Parc. Cefn
            // Cribwr.": the lead-in's own sentence ends in talk, and the
            // address is the sentences after it.
            let starts_address =
                |s: &str| address_start(s.trim_start()).is_some_and(|m| m.start() == 0);
            // "Send the letters to Sandy. 4 High St.": a name may follow.
            let to_someone = found.as_str().trim_end().to_lowercase().ends_with(" to");
            let from = start_past_towns_and_house(span, !to_someone);
            let span = if !starts_address(span) && starts_address(&span[from..]) {
                &span[from..]
            } else {
                span
            };
            // "I live in the city centre, Flat 14, …": where in the town,
            // in lower case among capitals, is no part of the address.
            let span = match span.trim_start().split_once(',') {
                Some((area, rest))
                    if area.starts_with("the ")
                        && !area.contains(char::is_uppercase)
                        && !written_in_lower_case(line)
                        && starts_address(rest) =>
                {
                    rest
                }
                _ => span,
            };
            let house_led = house_lead(found.as_str(), span);
            let led = piece(span).map(|p| Piece {
                led_in: true,
                house_led,
                ..p
            });
            return (led, true);
        }
    }
    let sentence = &line[start_past_towns_and_house(line, false)..];
    if is_prose(line) || sentence.len() < line.len() {
        // "I'm in Newton Stewart, 4 Millcroft Road": the place written
        // first is no one's name.
        let found = address_in_sentence(sentence).and_then(|a| {
            let house_led = if town_first(sentence, &a) {
                HouseLead::Place
            } else {
                HouseLead::Unsaid
            };
            piece(&a).map(|p| Piece { house_led, ..p })
        });
        return (found, true);
    }
    (piece(line), false)
}

/// Where an address ending `line` may start ([`sentence_start_past_towns`]),
/// with a house's name typed as a sentence of its own before its street
/// ("… to Alexander McCulloch. Braeside. 4 High St. New Galloway."). At
/// the start of `line` only when `house_first` (after "I live at", not
/// after "send the letters to", where it is a person's: "Sandy. 4 …").
fn start_past_towns_and_house(line: &str, house_first: bool) -> usize {
    let start = sentence_start_past_towns(line);
    let before = line[..start].trim_end();
    let Some(house) = before.strip_suffix('.') else {
        return start;
    };
    let at = sentence_start(house);
    if (at > 0 || house_first) && is_house_before_street(&house[at..], &line[start..]) {
        at
    } else {
        start
    }
}

/// What a lead-in says comes first after it: the house ("The house is",
/// "our home's"), a place named at once ("I live at", "I live in", "you
/// can find me at", "a resident of" before a capital), or neither.
fn house_lead(lead: &str, next: &str) -> HouseLead {
    static HOUSE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:house|home|cottage|farm|croft)\s*(?:is|['’]s)\b")
            .expect("static regex")
    });
    static PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:at|in|resident\s+of)[\s:]*$").expect("static regex")
    });
    if HOUSE.is_match(lead) {
        HouseLead::House
    } else if PLACE.is_match(lead) && next.trim_start().starts_with(char::is_uppercase) {
        HouseLead::Place
    } else {
        HouseLead::Unsaid
    }
}

/// "I live in Castlemilk, Glasgow": living *in* a place names the area,
/// not the home, unless a house number, a house or a street is written.
pub(super) fn only_an_area(lead: &str, span: &str) -> bool {
    let lead = lead.trim_end_matches([' ', ':']).to_lowercase();
    let area = [" in", " yn", " ym", " yng"]
        .iter()
        .any(|w| lead.ends_with(w));
    // "St John's Wood": a saint's "St" names no street.
    area && address_start(span).is_none()
        && !names_a_street(span)
        && !span.split_whitespace().any(is_house_word)
}

/// Parts headed by a house's name, with its place after it and no talk
/// ("Ty Newydd, Llanfihangel Crucorney, Abergavenny", "the old school
/// house, belsay"): an address though no number or street is written.
pub(crate) fn headed_by_house(parts: &[String]) -> bool {
    parts.len() >= 2
        && names_a_house(&parts[0])
        && is_house_name(&parts[0])
        && !parts.iter().any(|p| is_prose(p))
}

/// A part without the word joining it to what was written before ("at
/// Hollins Farm", "from 12 Culduthel Road", "of Rosemary Cottage").
pub(crate) fn without_link_word(part: &str) -> &str {
    ["at ", "from ", "of "]
        .iter()
        .find_map(|w| part.strip_prefix(w))
        .filter(|rest| rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .unwrap_or(part)
}

/// Words that end a street's name, so a line starting with one continues
/// the line before ("44 Kedleston" / "Road, Derby").
pub(super) fn is_street_suffix(word: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "road", "rd", "street", "lane", "avenue", "ave", "close", "drive", "way", "crescent",
        "terrace", "gardens", "grove", "place",
    ];
    SUFFIXES.contains(&word.trim_end_matches([',', '.']).to_lowercase().as_str())
}

/// Whether a part starts with a flat or a house number.
fn starts_numbered(part: &str) -> bool {
    address_start(part).is_some_and(|m| m.start() == 0)
        || part
            .split_whitespace()
            .next()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
}

/// Whether parts read as a UK address: a house number with a word after
/// it, a street or building word, or two or more capitalised parts.
pub(crate) fn looks_like_address(parts: &[String]) -> bool {
    if parts.is_empty() || parts.iter().map(String::len).sum::<usize>() > 300 {
        return false;
    }
    let joined = parts.join(", ");
    address_start(&joined).is_some() || parts.iter().any(|p| names_a_street(p))
}

/// Whether a street or building word is in `part`; "St" before another
/// word is a saint's ("St Helens", "St Ives"), not a street's.
fn names_a_street(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    words.iter().enumerate().any(|(i, w)| {
        let saint = ["st", "st."].contains(&w.to_lowercase().as_str()) && i + 1 < words.len();
        is_address_word(w) && !saint
    })
}

mod before_postcode;
mod house;
mod only_place;
mod parts;
mod sentence;
mod start;
mod unanchored;

use house::is_person;
pub(crate) use house::{is_house_before_street, is_house_name, names_a_house};
pub(crate) use only_place::is_only_a_place;
use parts::into_parts;
use sentence::{address_in_sentence, town_first};
pub(super) use start::address_start;
pub(crate) use unanchored::{answering, below_postcode, unanchored_beside};

#[cfg(test)]
#[path = "address_tests.rs"]
mod tests;
