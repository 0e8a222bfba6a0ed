//! An address line taken apart: its parts at commas, bars and spaced
//! slashes, a postcode at its end (or, continental order, its start) split
//! off, and each part cleaned of bullets, a label word, and an outward
//! code or a postcode typed short left at its end. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::postcode::{self, Found, Postcode};
use crate::text::collapse_whitespace;

use super::clause::is_abbreviation;
use super::talk::THAT_IS;
use super::words::{
    is_address_word, is_town, is_town_written, is_unit_word, written_in_lower_case,
};

/// If `part` ends with a postcode, or starts with one followed by its
/// town (the continental order: "SE26 6UW London"), split it off.
pub(super) fn split_postcode_off(part: &str) -> (String, Option<Postcode>) {
    let trimmed = part.trim_end_matches(|c: char| c.is_whitespace() || ".,;".contains(c));
    let hits = postcode::find_all(trimmed);
    let ending = hits
        .last()
        .filter(|hit| hit.end == trimmed.len())
        .map(|hit| (hit, &trimmed[..hit.start]));
    let leading = || {
        hits.first()
            .filter(|hit| trimmed[..hit.start].trim().is_empty() && is_town(&trimmed[hit.end..]))
            .map(|hit| (hit, trimmed[hit.end..].trim()))
    };
    match ending
        .or_else(leading)
        .map(|(hit, rest)| (&hit.found, rest))
    {
        Some((Found::Postcode { postcode, .. }, rest)) => (rest.to_owned(), Some(postcode.clone())),
        _ => (part.to_owned(), None),
    }
}

/// A part without an outward code alone at its end ("Norwich NR2", from a
/// supporter who forgot the rest), but not a block's or a unit's number
/// ("Block C4").
pub(crate) fn without_outward_code(part: &str) -> &str {
    // Written in the case of the word before it: "Norwich NR2", and in a
    // mail all in lower case, "fakenham nr21".
    let cased = |word: &str, outward: &str| {
        let lower = outward.bytes().any(|b| b.is_ascii_lowercase());
        if lower {
            word.chars().all(|c| !c.is_alphabetic() || c.is_lowercase())
        } else {
            word.starts_with(char::is_uppercase)
        }
    };
    match part.rsplit_once(char::is_whitespace) {
        Some((before, last))
            if Postcode::is_outward(&last.to_ascii_uppercase())
                && before
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| cased(w, last) && !is_unit_word(w)) =>
        {
            before.trim_end_matches([',', ' '])
        }
        _ => part,
    }
}

/// Split an address line into its parts, cleaned: at commas, semicolons,
/// the bars of a one-line signature ("Jo Bloggs | 1 High St | …") and
/// slashes set apart by spaces ("Kieran Doyle / 90 Kingshill Avenue"), not
/// those of a flat number ("3/2"), dashes set apart ("22 Burnbrae Road -
/// Shotts"), and the town given in a sentence of its own ("9 Oxford Road.
/// That's in Guiseley", or typed without the full stop: "… Road that's in
/// Guiseley", "… Road That's Guiseley"), and full stops typed between
/// parts ("12 Ffordd Tan y Graig. Pensarn. Abergele"), not an
/// abbreviation's ("St. Asaph").
pub(crate) fn split_parts(line: &str) -> Vec<String> {
    static BETWEEN_PARTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)
              \s+/\s* | \s*/\s+ | \s+[-–—]\s+
              # The town's own sentence, its full stop typed or not.
            | [.,]?\s+(?:it['’]?s|it\s+is|that['’]?s|that\s+is)\s+(?:in|near)\s+
            | [.,]\s+(?:that['’]?s|that\s+is)\s+
              # Without the full stop or 'in', only as a sentence opens.
            | \s+(?P<bare>(?-i:It['’]s|It\s+is|That['’]s|That\s+is))\s+",
        )
        .expect("static regex")
    });
    // A place named in two languages is one part ("Treffynnon / Holywell",
    // "Aberteifi / Cardigan").
    let named_twice = |before: &str, after: &str| {
        let last = before.rsplit([',', ';', '|']).next().unwrap_or("").trim();
        let next = after.split([',', ';', '|']).next().unwrap_or("").trim();
        is_town(last) && is_town(next.trim_end_matches(['.', '!']))
    };
    let mut pieces = Vec::new();
    let mut from = 0;
    for found in BETWEEN_PARTS.captures_iter(line) {
        let between = found.get(0).expect("the whole match");
        if between.as_str().trim() == "/"
            && named_twice(&line[from..between.start()], &line[between.end()..])
        {
            continue;
        }
        // Without "in" or a full stop, the words after "That's" are a town
        // only when capitalised: "… Road That's me Siân Bowen" names none.
        if found.name("bare").is_some() && !line[between.end()..].starts_with(char::is_uppercase) {
            continue;
        }
        pieces.push(&line[from..between.start()]);
        from = between.end();
    }
    pieces.push(&line[from..]);
    pieces
        .into_iter()
        .flat_map(|piece| piece.split([',', ';', '|']))
        .flat_map(at_full_stops)
        .flat_map(street_in_town)
        .map(|p| {
            // A dash left by the postcode after it ("Tadworth – KT20 7RP").
            collapse_whitespace(p)
                .trim_end_matches(['.', ','])
                .trim()
                .trim_end_matches(" –")
                .trim_end_matches(" -")
                .trim_end_matches(" —")
                .trim()
                .to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// "4 Burnside Crescent in Erskine": the street, then the town it is in.
fn street_in_town(piece: &str) -> Vec<&str> {
    if let Some(at) = piece.rfind(" in ") {
        // Its sentence's full stop after the town ("… in Thame.").
        let town = piece[at + 4..].trim().trim_end_matches(['.', '!']);
        let street = piece[..at].trim();
        let numbered = street.starts_with(|c: char| c.is_ascii_digit());
        // The street's word ends it, or in Welsh leads it ("27 Ffordd
        // Tanrallt in Rhyl").
        let street_word = street
            .split_whitespace()
            .nth(1)
            .is_some_and(is_address_word)
            || street
                .split_whitespace()
                .last()
                .is_some_and(is_address_word);
        if numbered && street_word && is_town_written(town, written_in_lower_case(piece)) {
            return vec![street, town];
        }
    }
    vec![piece]
}

/// `piece` cut at each full stop that ends a sentence.
fn at_full_stops(piece: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut from = 0;
    for (i, _) in piece.match_indices(". ") {
        // "house no. 14": a number after the stop is the one "no." numbers;
        // after a flat's number or a house's name ("Flat 3. 21 Morton
        // Road", "Braeside. 4 High St.") it starts the street.
        let numbered = piece[i + 2..].starts_with(|c: char| c.is_ascii_digit())
            && piece[..i].rsplit(' ').next().is_some_and(|w| {
                ["no", "nr", "num", "number"].contains(&w.to_lowercase().as_str())
            });
        if (!is_abbreviation(&piece[..i]) || ends_street(&piece[..i], &piece[i + 2..])) && !numbered
        {
            pieces.push(&piece[from..i]);
            from = i + 2;
        }
    }
    pieces.push(&piece[from..]);
    pieces
}

/// Whether `before` ends with a street word cut short ("4 St. Peter's
/// Rd", "2 High St"), whose full stop also ends the street's part: the
/// town follows ("4 St. Peter's Rd. Stowmarket"). A "St." after a number
/// is a saint's, starting the street's name; so is one in a part with no
/// house number ("Lytham St. Annes"); and a street's name may go on
/// after it ("9 Highbury Rd. East").
fn ends_street(before: &str, after: &str) -> bool {
    const STREETS: [&str; 10] = [
        "rd", "st", "ave", "cres", "gdns", "sq", "ln", "cl", "tce", "ct",
    ];
    const GOING_ON: [&str; 6] = ["east", "west", "north", "south", "upper", "lower"];
    // Its number may follow a flat's ("Flat 4. 27 St. Ronan's Cres.").
    let numbered = before
        .split_whitespace()
        .any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    let next = after.split_whitespace().next().unwrap_or("");
    let goes_on = GOING_ON.contains(&next.trim_end_matches([',', '.']).to_lowercase().as_str());
    let mut words = before.split_whitespace().rev();
    let last = words.next().unwrap_or("").to_lowercase();
    let named = words
        .next()
        .is_some_and(|w| w.chars().any(char::is_alphabetic));
    STREETS.contains(&last.as_str()) && named && numbered && !goes_on
}

/// A street in the continental order, its house number after it ("Regent
/// Street 14"): its town is written after the postcode ("GL10 2EG
/// Stonehouse").
pub(crate) fn is_number_last(part: &str) -> bool {
    let words: Vec<&str> = part.trim_end_matches(',').split_whitespace().collect();
    words.len() >= 2
        && words
            .last()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
}

/// A part without a postcode typed short or wrong at its end.
pub(super) fn without_typed_short(part: &str) -> &str {
    // A postcode typed short or wrong is none of the address; the help
    // reply asks for it: alone ("Bo’ness, EH51 9U") or ending a part ("…
    // Redcar TS10 2N", corrected below it; "… Bristol BS4 4S1", put right
    // below; "… DL14 NA", "… SN25 UD2", typed wrong and put right; "…
    // Norwich NR2 something").
    static TYPED_SHORT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|\s+)([a-z]{1,2}\d[a-z\d]?)\s+(?:\d[a-z]?|\d[a-z\d]{2}|(?-i:[A-Z]{1,2}\d?)|something|summat|sth|rhywbeth|\?+|x{2,}|\.{2,}|…)$")
            .expect("static regex")
    });
    match TYPED_SHORT.captures(part) {
        Some(short) if Postcode::is_outward(&short[1].to_ascii_uppercase()) => {
            &part[..short.get(0).map_or(part.len(), |m| m.start())]
        }
        _ => part,
    }
}

/// A part without bullets, a label word left in front ("Address Old Forge
/// Cottage", from a table) or a postcode-shaped token that is no postcode
/// at its end ("Stourbridge, YD8 1NE": no YD area).
pub(crate) fn clean_part(part: &str) -> String {
    static LEFT_OVER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[*•·\-–]\s*)*(?:(?:home\s+|postal\s+)?address\s+)?|\s*[*•·]+$")
            .expect("static regex")
    });
    static POSTCODE_SHAPED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|\s)[a-z]{1,2}\d[a-z\d]?\s*-?\s*\d[a-z]{2}$").expect("static regex")
    });
    let left = LEFT_OVER.replace_all(part, "");
    let mut part = left.trim();
    // The bracket the address was written in ("Faisal Iqbal (22 Crawley
    // Green Road, Luton)") closes after its last part.
    if !part.contains('(') {
        part = part.trim_end_matches(')').trim_end();
    }
    // The town in a sentence of its own after the street ("9 Kiln Lane.
    // It's Hinckley, LE10 0YA"), or the address after "it's" ("Dylan
    // Price here, it's 12 Heol Fach"), "writing from" ("Writing from 2
    // Cherwell Mead"), "live in" ("Dean Foulkes, live in Rhyl, 12 …",
    // "Carys Bowen, I live on Heol y Bryn"),
    // "called" ("a house called Brynteg, 17 Pant Road") or "moved into"
    // ("We've just moved into Hillcrest, 4 Station Road").
    static ITS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^(?:(?:{THAT_IS})\s+(?:in\s+)?|(?:i['’]?m\s+|i\s+am\s+)?writing\s+(?:to\s+you\s+)?from\s+|(?:i\s+|we\s+)?(?:live|living|based)\s+(?:in|at|on)\s+|(?:(?:a|the)\s+(?:house|cottage|bungalow|farm)\s+)?called\s+|(?:(?:we|i)['’]?ve\s+)?(?:just\s+|recently\s+)?moved\s+in(?:to)?\s+)"
        ))
        .expect("static regex")
    });
    if let Some(its) = ITS.find(part)
        && part[its.end()..].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    {
        part = &part[its.end()..];
    }
    part = without_typed_short(part);
    // Or its outward code alone ("… Bonnyrigg, EH19 - I can never
    // remember the rest").
    if Postcode::is_outward(&part.to_ascii_uppercase()) {
        return String::new();
    }
    without_outward_code(POSTCODE_SHAPED.replace(part, "").trim()).to_owned()
}
