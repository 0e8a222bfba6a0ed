//! The line heading an address block, when it is no plain name: a
//! house's or a boat's name ("Hafod Wen", "NB Kingfisher") beside the
//! supporter's, or the supporter's own name that has a street word in it
//! ("Tom Hill"), or a house's name read as a person's. Pure: no I/O.

use super::name::{Candidate, INTRODUCTION};
use super::words::{is_house_word_only, is_name, is_title};

/// Whether `heading`, read as a name above an address, shares nothing
/// with the supporter's `name` and carries no title or relation: then it
/// names the place, not a person.
pub(crate) fn is_someone_else(heading: &str, name: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let (heading_words, name_words) = (words(heading), words(name));
    !heading_words.is_empty()
        && !heading_words
            .iter()
            .any(|w| is_title(w) || name_words.contains(w))
        && INTRODUCTION.find(heading).is_none()
}

/// Whether the first part of an address is the person's name after all,
/// though a word of it is a street word ("Tom Hill", "Sam Green"): shaped
/// as a name, and confirmed by a sign-off with its first name ("Tom") or
/// by a sender's address holding every word of it (`tom.hill@…`). A
/// house's name is none (`maplecottage42@…` over "Maple Cottage").
pub(crate) fn is_confirmed_heading(
    part: &str,
    signoff: Option<&str>,
    sender: Option<&str>,
) -> bool {
    let words: Vec<String> = part
        .split_whitespace()
        .filter(|w| !is_title(w))
        .map(str::to_lowercase)
        .collect();
    let shaped = is_name(part)
        && (2..=4).contains(&words.len())
        && part
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) && !is_house_word_only(w));
    let signed = signoff.is_some_and(|s| words.first().is_some_and(|w| *w == s.to_lowercase()));
    let local = local_part(sender);
    let in_address = words.iter().all(|w| local.contains(w.as_str()));
    shaped && (signed || in_address)
}

/// Whether the first part of an address is one word that the sender's
/// address starts with ("Jen" over "Flat 6 Harbour View", from
/// `jenbee77@…`): the writer's first name heading the block, no house's.
pub(crate) fn is_senders_first_name(part: &str, sender: Option<&str>) -> bool {
    let local = local_part(sender);
    !part.contains(char::is_whitespace)
        && part.chars().count() >= 3
        && part.chars().all(char::is_alphabetic)
        && !is_house_word_only(part)
        && local.starts_with(&part.to_lowercase())
}

/// The sender's address before its `@`, in lower case; empty if none.
fn local_part(sender: Option<&str>) -> String {
    sender
        .and_then(|a| a.split('@').next())
        .map(str::to_lowercase)
        .unwrap_or_default()
}

/// The name read that is the house's, written just before the address's
/// `first` part, when the `writer` is named already and it is someone
/// else. The caller gives only the names that may be a house's: any in a
/// reply to the form that asked for the address, else those read after
/// "send the letters to".
pub(crate) fn house_read_as_name<'a>(
    mut names: impl Iterator<Item = &'a Candidate>,
    writer: Option<&str>,
    first: Option<&String>,
    text: &str,
) -> Option<String> {
    let (writer, first) = (writer?, first?);
    names
        .find(|c| {
            is_someone_else(&c.name, writer)
                && (*first == c.name || text.contains(&format!("{}, {first}", c.name)))
        })
        .map(|c| c.name.clone())
}
