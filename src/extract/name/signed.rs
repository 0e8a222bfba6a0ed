//! The names a mail is signed with: the sign-off's ("Liz x", "Doreen
//! Fielding (Mrs)"), a full name as a letter is signed, and the From
//! display name when it is one person's. Pure: no I/O.

use crate::text::{cap_chars, clean_line};

use super::super::MAX_NAME_CHARS;
use super::{is_name, is_particle, is_title};

/// A sign-off's name: the first line of the tail, without the kisses
/// after it ("Liz x" and "Liz xx" give "Liz"; "Alex" stays "Alex").
pub(crate) fn from_signoff(line: &str) -> Option<String> {
    // An initial's and a title's full stop stay, as written ("Geoffrey R.
    // Pugh", "Mrs. Lee"); the sentence's goes.
    let mut words: Vec<&str> = line
        .split_whitespace()
        .map(|w| {
            let w = w.trim_end_matches(',');
            let bare = w.trim_end_matches('.');
            let initial = bare.chars().count() == 1
                && bare
                    .chars()
                    .all(|c| c.is_alphabetic() && !matches!(c, 'x' | 'X'));
            if w.ends_with('.') && (initial || is_title(bare)) {
                &w[..bare.len() + 1]
            } else {
                bare
            }
        })
        .collect();
    while words
        .last()
        .is_some_and(|w| w.is_empty() || w.chars().all(|c| c == 'x' || c == 'X'))
    {
        words.pop();
    }
    // "Doreen Fielding (Mrs)": the title goes in front.
    if let Some(title) = words
        .last()
        .and_then(|w| w.strip_prefix('(')?.strip_suffix(')'))
        .filter(|t| is_title(t))
    {
        words.pop();
        words.insert(0, title);
    }
    // "Bernie (Bernadette Hogg)": the full name in brackets after the one
    // the writer goes by.
    let name = words.join(" ");
    if let Some((_, bracketed)) = name.split_once(" (")
        && let Some(full) = bracketed.strip_suffix(')')
        && is_name(full)
        && is_capitalised_full_name(full)
    {
        return Some(full.to_owned());
    }
    // One letter is an initial ("K"), not a name.
    (is_name(&name) && name.chars().filter(|c| c.is_alphabetic()).count() > 1).then_some(name)
}

/// Two words or more, each capitalised but for particles ("Siobhán
/// O'Connell", "Iolo ap Dafydd"): a full name as a letter is signed.
pub(crate) fn is_capitalised_full_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || is_particle(w))
}

/// A From display name used as the supporter's name: two words or more
/// that read as one person's name, not a couple ("Siôn a Catrin"), a
/// family, an office or initials ("Marcus O"). "Smith, Jane" is turned
/// round.
pub(crate) fn from_display(display: &str) -> Option<String> {
    let display = clean_line(display);
    let display = display.trim_matches(|c| c == '"' || c == '\'').trim();
    let display = match display.split_once(", ") {
        Some((last, first)) if is_name(last) && is_name(first) && !first.contains(' ') => {
            format!("{first} {last}")
        }
        _ => display.to_owned(),
    };
    let words: Vec<&str> = display.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let shared = lower.iter().any(|w| {
        [
            "a",
            "and",
            "&",
            "family",
            // The family in the languages of sets that wrote it: Portuguese
            // and Spanish, Dutch, French, German, Polish, Welsh.
            "família",
            "familia",
            "fam.",
            "famille",
            "familie",
            "rodzina",
            "teulu",
            "the",
            "household",
            "parish",
            "office",
            "team",
            "support",
            "hub",
            "services",
            "ac",
            "residents",
        ]
        .contains(&w.as_str())
    }) || lower
        .last()
        .is_some_and(|w| w.ends_with('s') && lower.first().is_some_and(|f| f == "the"));
    let initials = words
        .iter()
        .filter(|w| !is_title(w))
        .any(|w| w.trim_end_matches('.').chars().count() == 1);
    (is_name(&display) && is_capitalised_full_name(&display) && !shared && !initials)
        .then(|| cap_chars(&display, MAX_NAME_CHARS))
}
