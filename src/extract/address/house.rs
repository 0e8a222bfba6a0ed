//! The parts of an address block that are no street: a house's name
//! ("Bryn Awel", "The Old Forge", "the vicarage" in lower case), told
//! from talk and from the person's name heading the block. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::everyday_words::is_everyday_word;
use crate::extract::talk::RETIRED;
use crate::extract::words::{
    INSIDE, is_address_word, is_greeting, is_house_word, is_house_word_only, is_name,
    is_not_name_word, is_particle, is_prose, is_title, is_town,
};

/// The house's name ending a part after the word leading to it: "at The
/// Laurels", "send them to The Vicarage", "the address is Bryn Awel",
/// "so it's Bay View Guest House", "…, of Brackenhurst".
pub(super) fn house_after_lead(part: &str) -> Option<&str> {
    const LEADS: [&str; 6] = ["at", "to", "is", "it's", "it’s", "its"];
    // "Mrs Patricia Lockwood, of Brackenhurst, …": a part of its own
    // after the person's, "of" and the house's name.
    if let Some(house) = part.trim().strip_prefix("of ").map(str::trim)
        && house.starts_with(char::is_uppercase)
        && is_house_after_of(house)
    {
        return Some(house);
    }
    // In lower case, the house's name after the last lead: "at the
    // laurels", "send them to the vicarage".
    if !part.contains(char::is_uppercase) {
        return LEADS.iter().find_map(|lead| {
            let after = match part.strip_prefix(&format!("{lead} ")) {
                Some(rest) => rest,
                None => part.rsplit_once(&format!(" {lead} "))?.1,
            };
            Some(after.trim()).filter(|h| is_house_named_after(lead, h))
        });
    }
    let mut words = part.split_whitespace().rev().peekable();
    let mut tail_words = 0;
    while words
        .peek()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
    {
        words.next();
        tail_words += 1;
    }
    let lead = words.next()?;
    // "I am Mrs Joan Metcalfe of Willow Garth": "of" after a person's name
    // leads to their house's ("Newton of Balquhain" is one place).
    let of_person = lead == "of" && {
        let mut person: Vec<&str> = words
            .take_while(|w| w.starts_with(char::is_uppercase))
            .collect();
        person.reverse();
        person.len() >= 2 && is_person(&person.join(" "))
    };
    if tail_words == 0 || !(LEADS.contains(&lead) || of_person) {
        return None;
    }
    let house_start = part.rfind(lead)? + lead.len();
    let house = part[house_start..].trim();
    let named = if of_person {
        is_house_after_of(house)
    } else {
        is_house_named_after(lead, house)
    };
    (house.split_whitespace().count() == tail_words && named).then_some(house)
}

/// Whether `house`, after the lead `lead`, names a house. After "it's" a
/// first name is as likely ("it's Bev, 27 …", "hi its kev, 17 …"): only
/// a house word tells a house ("it's Bay View Guest House, 14 …").
fn is_house_named_after(lead: &str, house: &str) -> bool {
    is_house_name(house) && (!lead.starts_with("it") || house.split_whitespace().any(is_house_word))
}

/// After "of" and a person's name, a house's name needs no house word:
/// capitalised words, no street's ("Willow Garth", "Brackenhurst").
fn is_house_after_of(house: &str) -> bool {
    is_house_name(house) || (is_town(house) && !house.split_whitespace().any(is_address_word))
}

/// "Braeside. 4 High St.": `house`, a sentence of its own, names a house
/// and `next`, the sentence after it, starts with the street's number.
pub(crate) fn is_house_before_street(house: &str, next: &str) -> bool {
    next.starts_with(|c: char| c.is_ascii_digit()) && is_house_name(house.trim())
}

/// A part naming the building: with a house word ("Rose Cottage"), a flat
/// number alone ("2/1", "4B", a Glasgow close's "0/R"), a few capitalised words with a building or
/// place word ("Orchard View") or after "The" ("The Manse"), or one
/// capitalised word that is no greeting or sentence ("Ardlamont"). Written
/// all in lower case, no capital tells a house's name from talk: then any
/// words that are no everyday ones ("the vicarage", "bryn awel").
pub(crate) fn is_house_name(part: &str) -> bool {
    static UNIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:\d{1,4}[a-z]?(?:/\d{1,3}[a-z]?)?|\d{1,2}f\d{1,2}|[0-9g]/[lr])$")
            .expect("static regex")
    });
    let words: Vec<&str> = part.split_whitespace().collect();
    let lower_case = !part.contains(char::is_uppercase);
    let named = match words[..] {
        [the, ref rest @ ..] if lower_case && the == "the" => rest,
        _ => &words[..],
    };
    // "the flat over the bakery", "our cottage", "Send them to The
    // Vicarage": talk about a home. Small words inside a capitalised
    // name are the name's ("Chy an Gwel", "Tigh na Mara").
    const TALK: [&str; 8] = ["the", "a", "an", "over", "above", "my", "our", "we"];
    // Only capitalised names hold them; `named` is `words` then.
    let inside =
        |i: usize, w: &str| !lower_case && INSIDE.contains(&w) && i > 0 && i + 1 < named.len();
    let talk = |(i, w): (usize, &&str)| {
        (TALK.contains(w) && !inside(i, w))
            || is_pronoun(w)
            || (w.starts_with(char::is_lowercase) && is_talk_word(w))
            || (lower_case && (is_not_name_word(w) || is_greeting(w)))
    };
    if named.is_empty() || named.iter().enumerate().any(talk) {
        return false;
    }
    if words.iter().any(|w| is_house_word(w)) || UNIT.is_match(part) {
        return true;
    }
    let capitalised = !part.contains(|c: char| c.is_ascii_digit())
        && (lower_case
            || words
                .iter()
                .enumerate()
                .all(|(i, w)| w.starts_with(char::is_uppercase) || inside(i, w)));
    match words[..] {
        // "The Manse", "The Old Forge": no one's name starts with "The".
        [the, ..] if the.eq_ignore_ascii_case("the") => capitalised && words.len() <= 4,
        [word] => {
            capitalised
                && is_name(word)
                && !is_title(word)
                && !is_not_name_word(word)
                && !is_greeting(word)
                && !is_prose(word)
        }
        _ => {
            capitalised
                && words.len() <= 3
                && words.iter().any(|w| is_address_word(w) && !is_title(w))
        }
    }
}

/// A pronoun, capitalised or not, alone or with its verb ("She's in
/// Wick"): talk, in no house's or person's name.
fn is_pronoun(word: &str) -> bool {
    // "that's me, 42 Coalpool Lane": the writer pointing at the address.
    const PRONOUNS: [&str; 17] = [
        "i", "i'm", "she", "she's", "he", "he's", "it", "it's", "we", "we're", "they", "they're",
        "that", "that's", "this", "here's", "there's",
    ];
    PRONOUNS.contains(&word.to_lowercase().replace('’', "'").as_str())
}

/// An everyday word that is no word of a house's name, as "old" in "The
/// Old Forge" or "home" in "Home Farm" is.
fn is_talk_word(word: &str) -> bool {
    const IN_HOUSE_NAMES: [&str; 8] =
        ["old", "house", "home", "new", "well", "one", "two", "three"];
    is_everyday_word(word) && !IN_HOUSE_NAMES.contains(&word.to_lowercase().as_str())
}

/// In writing all in lower case, a word that is no place's: talk, a
/// greeting, the small words of a sentence, or no word at all ("—").
pub(super) fn is_no_place_word(word: &str) -> bool {
    const SMALL: [&str; 13] = [
        "a", "an", "the", "at", "in", "on", "to", "from", "for", "and", "is", "was", "with",
    ];
    let bare = word.trim_end_matches([',', '.', ':', ';']);
    bare.is_empty()
        || !bare.chars().all(|c| c.is_alphabetic() || "'’-".contains(c))
        || SMALL.contains(&bare)
        || is_talk_word(bare)
        || is_greeting(bare)
}

/// A part that is a person's name: two words or more, no digit, no street
/// or building word.
pub(super) fn is_person(part: &str) -> bool {
    // "Major (Retd) Peter Hallam MBE": the rank's bracket is the name's.
    static RANK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i)\s*\((?:{RETIRED})\.?\)")).expect("static regex")
    });
    let unranked = RANK.replace(part, "");
    let part = unranked.as_ref();
    // "The Revd Hugh Pargeter": "The" before a title is the title's.
    let part = match part.split_once(' ') {
        Some((the, rest))
            if the == "The" && rest.split_whitespace().next().is_some_and(is_title) =>
        {
            rest
        }
        _ => part,
    };
    // Words of a sentence ("Details for the letters", "pls send letters")
    // are in no name.
    const SENTENCE_WORDS: [&str; 16] = [
        "for", "the", "of", "to", "from", "my", "our", "your", "is", "pls", "plz", "please",
        "send", "letters", "thx", "thanks",
    ];
    // "She's in Wick" is talk; "I'm Miriam Goldberg", unpunctuated before
    // her number, introduces her.
    // So is "me" or "you" among other words in lower case ("Anyway you
    // can put me down"), not before a name ("me Mrs Janet Kirby").
    let lower: Vec<&str> = part
        .split_whitespace()
        .filter(|w| w.starts_with(char::is_lowercase) && !is_particle(w))
        .collect();
    let talk = part.split_whitespace().any(is_pronoun) && !lower.is_empty()
        || part.contains(char::is_uppercase)
            && lower.len() >= 2
            && lower.iter().any(|w| ["me", "you", "us", "u"].contains(w));
    !talk
        && is_name(part)
        && !part
            .split_whitespace()
            .any(|w| SENTENCE_WORDS.contains(&w.to_lowercase().as_str()))
        && part.split_whitespace().filter(|w| !is_title(w)).count() >= 2
        && !part
            .split_whitespace()
            .any(|w| (is_address_word(w) && !is_title(w)) || is_house_word_only(w))
        && !part.chars().any(|c| c.is_ascii_digit())
        && !starts_as_a_place(part)
}

/// Words that start a place's or a farm's name and no one's ("Nether
/// Mains", "Upper Weston", "Low Clanyard", "North Shields", "Great
/// Barford").
const PLACE_PREFIXES: [&str; 12] = [
    "nether", "upper", "lower", "over", "high", "low", "north", "south", "east", "west", "great",
    "little",
];

/// Whether `part` starts with one of [`PLACE_PREFIXES`].
fn starts_as_a_place(part: &str) -> bool {
    part.split_whitespace()
        .next()
        .is_some_and(|w| PLACE_PREFIXES.contains(&w.to_lowercase().as_str()))
}

/// A place whose name starts with a word no one's does ("North Shields",
/// "Great Barford"): a town, wherever it stands.
pub(super) fn is_prefixed_place(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    // In lower case, no capital tells a town: words of letters will do.
    let lettered = !part.contains(char::is_uppercase)
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || "-'’".contains(c)));
    starts_as_a_place(part) && (2..=3).contains(&words.len()) && (is_town(part) || lettered)
}

/// A part that names a house: a house word ("Rose Cottage", "Penrhiw
/// Farm", "Tŷ Gwyn").
pub(crate) fn names_a_house(part: &str) -> bool {
    part.split_whitespace().any(is_house_word)
}
