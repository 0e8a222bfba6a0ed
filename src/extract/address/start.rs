//! Where an address starts: a flat, a Glasgow or Edinburgh flat's
//! position, or a house number before a word; not text-speak ("send
//! letters 2 me"), an age ("I'm 71"), a measure ("5 minutes walk"), money
//! or a year ("in 2019"). Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::words::UNIT_WORDS;

/// Where an address starts inside a sentence: a flat (and a flat named
/// by its floor, "2nd floor flat, 38 …"), a Glasgow flat's
/// position before its close's number ("0/2 21 Kelvinhaugh Street"), an
/// Edinburgh one's floor and door ("2F1, 37 Iona Street"), or a house
/// number followed by a word.
static ADDRESS_START: LazyLock<Regex> = LazyLock::new(|| {
    let units = UNIT_WORDS.join("|");
    Regex::new(&format!(r"(?i)\b(?:{units})\s+(?:\d[\w/]*|(?-i:[A-Z])\d*\b)|\b(?:\d(?:st|nd|rd|th)|ground|first|second|third|top|basement)\s+floor\s+(?:flat|apartment|maisonette)\b|\b[\dPGB]F\d{{1,2}},?\s+\d{{1,4}}[a-z]?,?\s+\p{{L}}|\b\d{{1,2}}/\d{{1,2}},?\s+\d{{1,4}}[a-z]?,?\s+\p{{L}}|\b\d{{1,4}}[a-z]?(?:/\d{{1,3}}[a-z]?)?\b,?\s+\p{{L}}"))
        .expect("static regex")
});

/// "I'm 71", "aged 64": an age before the number.
static AGE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:i['’]?m|i\s+am|im|aged|age)\s*$").expect("static regex")
});

/// Where an address starts in `text`, if it does: the first match of
/// [`ADDRESS_START`] that is no text-speak ("send letters 2 me", "4 u").
pub(in crate::extract) fn address_start(text: &str) -> Option<regex::Match<'_>> {
    const SPOKEN: [&str; 8] = ["me", "u", "you", "us", "my", "ur", "him", "her"];
    ADDRESS_START.find_iter(text).find(|m| {
        let mut words = m.as_str().split_whitespace();
        // "in 2023, airlifted to …": the comma is no part of the number.
        let number = words.next().unwrap_or("").trim_end_matches(',');
        let next = text[m.start() + number.len()..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches([',', '.', '-', '!'])
            .to_lowercase();
        let spoken = ["2", "4"].contains(&number) && SPOKEN.contains(&next.as_str());
        // No house number: one before a word that names no street ("I'm
        // at number 14 in Winsford") or a measure ("we live 5 minutes walk
        // from there"), or an age after "I'm" ("I'm 71, worked at …").
        const NO_STREET: [&str; 17] = [
            "in", "at", "and", "or", "is", "was", "minutes", "mins", "minute", "miles", "mile",
            "years", "year", "weeks", "months", "days", "hours",
        ];
        let age = AGE_BEFORE.is_match(&text[..m.start()]);
        let streetless = (NO_STREET.contains(&next.as_str()) || age)
            && number.chars().all(|c| c.is_ascii_digit());
        // "a £330m contract": money is no house number.
        let money = text[..m.start()].ends_with(['£', '$', '€']);
        !spoken && !streetless && !money && !is_a_year(&text[..m.start()], number)
    })
}

/// "I retired in 2019 and now live at …": a year after the word dating
/// something is no house number.
fn is_a_year(before: &str, number: &str) -> bool {
    const DATING: [&str; 8] = [
        "in", "since", "until", "till", "from", "of", "before", "after",
    ];
    let year = number.len() == 4 && (number.starts_with("19") || number.starts_with("20"));
    let word = before
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    year && DATING.contains(&word.as_str())
}
