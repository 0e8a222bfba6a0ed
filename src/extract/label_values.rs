//! A field's value as typed into a form: the template's placeholders and
//! example dropped, the name read out of what else was typed beside it,
//! and the shape of a street's name wrapped before its street word. Pure:
//! no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::collapse_whitespace;

use super::everyday_words::is_everyday_word;
use super::name::name_at;
use super::words::{is_name, is_particle, is_title};

/// Drop placeholders a template left in ("[your name]", "<postcode>") and
/// the emphasis marks around a value.
pub(super) fn without_placeholders(value: &str) -> String {
    // A template's example ("e.g. 1 High Street") is a placeholder too.
    static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\[[^\]]{0,40}\]|<[^>]{0,40}>|^\s*(?:e\.\s?g\.?|eg|for\s+example)[\s:,]+.*$",
        )
        .expect("static regex")
    });
    let value = PLACEHOLDER.replace_all(value, " ");
    collapse_whitespace(&value)
        .trim_matches(|c: char| c == '*' || c == '_')
        .trim()
        .to_owned()
}

/// A name from a label's value: the whole value when it reads as a name,
/// else the run of capitalised words it starts with ("Jane Smith and I
/// live in Kent" gives "Jane Smith").
pub(super) fn name_from_value(value: &str) -> Option<String> {
    // "I expect my name is in it": words in lower case, one an everyday
    // word, are talk.
    read_name_value(value).filter(|name| {
        name.contains(char::is_uppercase)
            || !name
                .split_whitespace()
                .any(|w| is_everyday_word(w) && !is_particle(w))
    })
}

fn read_name_value(value: &str) -> Option<String> {
    // "Gabriela Fonseca. Obrigada": the name ends with its sentence, not
    // at an initial's or a title's full stop ("J. Smith", "Mrs. Lee").
    let value = value
        .match_indices(". ")
        .find(|(at, _)| {
            let word = value[..*at].rsplit(' ').next().unwrap_or("");
            word.chars().count() >= 2 && !is_title(word)
        })
        .map_or(value, |(at, _)| &value[..at]);
    // "name is Kyle Brennan thx", "… Gary Ward thanks for doing this": the
    // thanks after it is no part of it.
    static THANKS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)[\s,]+(?:thx|thanks|thank\s+you|ta|cheers|pls|please|x+)(?:\s+for\s+[^.!]*)?[\s.!]*$")
            .expect("static regex")
    });
    let value = value.trim().trim_end_matches(['.', ',', '!']);
    let value = THANKS.find(value).map_or(value, |m| &value[..m.start()]);
    if is_name(value) {
        return Some(value.to_owned());
    }
    // A label run into the value, its line break lost ("Rachel
    // ObiAddress: 19 …"): the name ends where the label starts.
    let value = match value.split_once(':') {
        Some((before, _)) => match before.rfind(char::is_uppercase) {
            Some(i) if before[..i].ends_with(char::is_alphabetic) => &before[..i],
            _ => before,
        },
        None => value,
    };
    // "Patricia Doyle I live at …": read as a name in a sentence is.
    name_at(value, false)
}

/// A house number and one word, no more: "16 Thamesview".
pub(super) fn is_number_and_word(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    words.len() == 2
        && words[0].starts_with(|c: char| c.is_ascii_digit())
        && words[0].chars().all(|c| c.is_ascii_alphanumeric())
        && words[1].chars().all(char::is_alphabetic)
}
