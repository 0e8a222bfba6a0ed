//! The lines read for an address, joined into its parts: a line the
//! client wrapped continues on the next, commas split the rest, and what
//! stands before the house number is told apart: the person's name, a
//! house's name, a town written first, or talk. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::address_parts::{clean_part, split_parts};
use crate::extract::signature_words::is_job_word;
use crate::extract::talk::{INTRODUCED, cut_trailing_talk, is_date, strip_postcode_lead};
use crate::extract::unwrap::signs_off;
use crate::extract::words::{is_greeting, is_name};

use super::house::is_prefixed_place;
use super::{
    HouseLead, Piece, RUN_IN_LABEL, WRAPPED_LINE, address_start, is_house_name, is_person,
    is_street_suffix, starts_numbered, without_link_word,
};

/// A flat described, not numbered, just before a house number ("Flat
/// above 23 High Street", "top floor flat over 5 Mill Lane").
static FLAT_DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:top|ground|first|second|basement|upstairs|downstairs)\s+(?:floor\s+)?)?(?:flat|apartment|maisonette|rooms)\s+(?:above|over|behind|below|at\s+the\s+(?:back|rear)\s+of|rear\s+of)(?:\s+no\.?)?\s*$")
        .expect("static regex")
});

/// Join the collected lines into parts: a wrapped line continues on the
/// next, other lines are parts of their own; split at commas. A first
/// part that is a person's name is returned apart.
pub(super) fn into_parts(lines: &[Piece]) -> (Vec<String>, Option<String>) {
    // A letter's date under or over its address is no part of it.
    let lines: Vec<&Piece> = lines.iter().filter(|l| !is_date(&l.text)).collect();
    let mut joined = String::new();
    // A line is a part of its own unless the line above was wrapped: long
    // (a sentence's, or a line of parts not ending with its street:
    // "…, 31 Plumstead Common Road" / "London" are two parts), cut from a
    // sentence before its street's end ("… at 1" / "Rowan Close", not
    // "It's 42 Boarshaw Rd" / "Middleton"), or followed by its street word
    // ("Rowan" / "Close") when it has none ("12 Elm Close" / "Grove" are
    // two parts).
    // Case says nothing: "Askern" / "doncaster" are two parts.
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let previous = lines[i - 1];
            let next_word = line.text.split_whitespace().next().unwrap_or("");
            let previous_word = previous.text.split_whitespace().last().unwrap_or("");
            let street_ended = is_street_suffix(previous_word);
            // A name alone on the last line signs the mail ("… Sandport
            // Place, Leith" over "Callum Reid").
            let signed = i + 1 == lines.len() && signs_off(&previous.text, &line.text);
            let wrapped = !previous.text.ends_with(',')
                && !signed
                && (previous.line_chars >= WRAPPED_LINE && (previous.cut || !street_ended)
                    || previous.cut && !street_ended
                    || is_street_suffix(next_word) && !street_ended);
            joined.push_str(if wrapped { " " } else { ", " });
        }
        joined.push_str(&line.text);
    }
    let joined = cut_trailing_talk(strip_postcode_lead(&joined));
    // A colon inside is a label run into the text ("…ObiAddress: 19 …"):
    // the address is what follows the last one. Typed without colons, a
    // label word before a house number is one too ("Name Callum Drummond
    // address 12 Main Street").
    let joined = joined.rsplit_once(':').map_or(joined, |(_, after)| after);
    let joined = RUN_IN_LABEL
        .find_iter(joined)
        .last()
        .filter(|m| address_start(&joined[m.end()..]).is_some_and(|a| a.start() == 0))
        .map_or(joined, |m| &joined[m.end()..]);
    let mut parts: Vec<String> = split_parts(joined)
        .into_iter()
        .map(|p| clean_part(&p))
        .filter(|p| !p.is_empty())
        .collect();
    while parts
        .last()
        .is_some_and(|p| ["and", "&", "-"].contains(&p.to_lowercase().as_str()))
    {
        parts.pop();
    }
    let mut name = None;
    // A greeting and an introduction head the address, they are not in it
    // ("Hiya, I'm Kerensa Pascoe, Penhallow Cottage, Fore Street, …").
    while parts.len() > 1 && is_greeting(&parts[0]) && parts[0].split_whitespace().count() <= 2 {
        parts.remove(0);
    }
    // "Tom Metcalfe here, at Hollins Farm, …", "… here, from 12 Culduthel
    // Road", "This is Penny Crane of Rosemary Cottage": the word leading to
    // the address is not in it.
    for part in parts.iter_mut() {
        *part = without_link_word(part).to_owned();
    }
    let introduced = (parts.len() > 1)
        .then(|| INTRODUCED.find(&parts[0]).map(|m| m.end()))
        .flatten()
        // Introduced, a surname may be a street's word ("Name's Kevin
        // Hall, 88 …").
        .filter(|&end| {
            let rest = &parts[0][end..];
            is_person(rest)
                || (is_name(rest)
                    && rest.split_whitespace().count() >= 2
                    && !rest.contains(|c: char| c.is_ascii_digit()))
        });
    if let Some(end) = introduced {
        name = Some(parts.remove(0)[end..].to_owned());
    }
    // Before the house number in the first numbered part: a name run into
    // it ("Mrs Iris Bell 4 Orchard Way", a subject line), or a flat's
    // description ("it's Flat above 23 High Street"), kept.
    let numbered = parts
        .iter()
        .enumerate()
        .find_map(|(k, p)| address_start(p).map(|m| (k, m.start())));
    let mut described = None;
    if let Some((k, at)) = numbered
        && at > 0
    {
        let (before, rest) = parts[k].split_at(at);
        let before = before.trim().trim_end_matches(',');
        if is_person(before) {
            name = Some(before.to_owned());
            parts[k] = rest.to_owned();
        } else if let Some(flat) = FLAT_DESCRIPTION.find(before) {
            parts[k] = format!("{} {rest}", &before[flat.start()..]);
            described = Some(k);
        }
    }
    // Before the first numbered part, only a house name belongs to the
    // address; a name there is the supporter's, anything else is talk
    // ("Alright, Darren Blackwood, 15 Warmsworth Road").
    if let Some(k) = described.or_else(|| parts.iter().position(|p| starts_numbered(p)))
        && k > 0
    {
        let mut first = k;
        // The town written again after the street ("She lives in Wick, 9
        // Francis Street, Wick", "we live in Dover now, 28 Priory Hill,
        // Dover") is the area, no house's name.
        let named_again = |part: &str| {
            let place = part.strip_suffix(" now").unwrap_or(part);
            parts[k..].iter().any(|p| p.eq_ignore_ascii_case(place))
        };
        // "Winston Clarke, retired bus driver, 70 …": what the person is,
        // in lower case among capitalised parts, is no house's name.
        let capitals = parts.iter().any(|p| p.contains(char::is_uppercase));
        let talk = |part: &str| {
            capitals
                && !part.contains(char::is_uppercase)
                && part.split_whitespace().next().is_some_and(|w| {
                    ["retired", "former", "a", "an"].contains(&w) || is_job_word(w)
                })
        };
        let house_led = lines.first().map_or(HouseLead::Unsaid, |l| l.house_led);
        let led_to_house = |i: usize| match house_led {
            HouseLead::House => true,
            HouseLead::Place => i == 0,
            HouseLead::Unsaid => false,
        };
        while first > 0
            && (is_house_name(&parts[first - 1])
                || is_prefixed_place(&parts[first - 1])
                || led_to_house(first - 1))
            && !named_again(&parts[first - 1])
            && !talk(&parts[first - 1])
        {
            first -= 1;
        }
        if first > 1 && talk(&parts[first - 1]) && is_person(&parts[first - 2]) {
            // The person, then what they are ("…, retired bus driver").
            name = Some(parts[first - 2].clone());
        } else if first > 0
            && is_person(&parts[first - 1])
            && !talk(&parts[first - 1])
            && !named_again(&parts[first - 1])
        {
            let lower = first - 1;
            // Two name-like lines, the lower sharing nothing with the upper
            // ("Ealasaid NicDhòmhnaill" over "Taigh na Mara"): the person,
            // then their house's name.
            if lower > 0
                && is_person(&parts[lower - 1])
                && crate::extract::heading::is_someone_else(&parts[lower], &parts[lower - 1])
            {
                name = Some(parts[lower - 1].clone());
                first = lower;
            } else {
                name = Some(parts[lower].clone());
            }
        }
        parts.drain(..first);
    }
    // After a lead-in, or a place said first ("I'm in Newton Stewart, 4
    // …"), what comes first is no name.
    let led_in = lines
        .first()
        .is_some_and(|l| l.led_in || l.house_led != HouseLead::Unsaid);
    if name.is_none() && parts.len() >= 2 && !led_in {
        let top = &parts[0];
        let next_has_digit = parts[1].chars().any(|c| c.is_ascii_digit());
        if is_person(top) && (next_has_digit || parts.len() >= 3) {
            name = Some(parts.remove(0));
        }
    }
    (parts, name)
}
