//! Which of the names read is the person's: a full name before a single
//! word, then the strongest source, then the first written; a short form
//! confirms a written-out one and never replaces it; a lower-case guess
//! stands only where another reading shares its words. Pure: no I/O.

use super::{Candidate, Source};
use crate::extract::words::{is_house_word_only, is_title};

/// Choose among the candidates: a full name (two words or more) before a
/// single one, then the strongest source, then the first written; a name
/// that only shares its surname with a stronger one ("Gill Ashworth"
/// signing off under "Gillian Ashworth") never replaces it. A single word
/// left over takes the display name's full form when the first names agree.
pub(crate) fn choose(mut candidates: Vec<Candidate>, display: Option<String>) -> Option<String> {
    if let Some(display) = &display {
        candidates.push(Candidate::new(display.clone(), Source::DisplayName));
    }
    // A building is no one ("it's Elmhurst House, NN16 9HH", a care home).
    candidates.retain(|c| !c.name.split_whitespace().any(is_house_word_only));
    // A guess is dropped when the other readings of the name share no
    // word with it: "i'm hiv positive" beside a From line or a block
    // headed "pieter van der westhuizen".
    let known: Vec<String> = candidates
        .iter()
        .filter(|c| !c.guessed)
        .flat_map(|c| {
            c.name
                .split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| !is_title(w))
        .collect();
    // A lower-case guess at the person written for ("send the letters to
    // joanne kershaw") needs its surname read elsewhere: "for my boy's
    // sake" names no one.
    let surname_known = |c: &Candidate| {
        let words: Vec<&str> = c.name.split_whitespace().collect();
        words.len() <= 3
            && words
                .last()
                .is_some_and(|w| known.contains(&w.to_lowercase()))
    };
    candidates.retain(|c| {
        !c.guessed
            || (c.source == Source::Proxy && surname_known(c))
            || (c.source != Source::Proxy
                && (known.is_empty()
                    || c.name
                        .split_whitespace()
                        .any(|w| known.contains(&w.to_lowercase()))))
    });
    let full = |c: &Candidate| c.name.split_whitespace().filter(|w| !is_title(w)).count() >= 2;
    let best = candidates
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| {
            full(a)
                .cmp(&full(b))
                .then(a.source.cmp(&b.source))
                .then(ib.cmp(ia))
        })
        .map(|(_, c)| c.clone())?;
    // A Name field holds the name as the supporter chose to give it.
    if full(&best) && best.source == Source::Label {
        return Some(best.name);
    }
    if full(&best) && best.source < Source::Proxy {
        // "Ken Ruddock" signing under "Kenneth Ruddock" in the text: the
        // name written out, which the short one only confirms. (A From
        // line's "Samantha" does not undo "I'm Sam Jones".)
        if let Some(written_out) = candidates
            .iter()
            .find(|c| c.source != Source::DisplayName && shortens(&best.name, &c.name))
        {
            return Some(written_out.name.clone());
        }
    }
    if full(&best) {
        // The same person written with a title ("Revd Alison Marsh" in the
        // sign-off, "Alison Marsh" in the From line): keep the title.
        let bare = without_titles(&best.name);
        let titled = candidates
            .iter()
            .find(|c| c.name != best.name && without_titles(&c.name).eq_ignore_ascii_case(&bare))
            .filter(|c| c.name.split_whitespace().any(is_title));
        return Some(titled.map_or(best.name, |c| c.name.clone()));
    }
    match &display {
        Some(full_name) if first_word_eq(full_name, &best.name) => Some(full_name.clone()),
        _ => Some(best.name),
    }
}

fn without_titles(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| !is_title(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `short` is `long` with its first name cut short ("Ken
/// Ruddock", "Kenneth Ruddock"), the rest the same.
fn shortens(short: &str, long: &str) -> bool {
    let short = without_titles(short).to_lowercase();
    let long = without_titles(long).to_lowercase();
    match (short.split_once(' '), long.split_once(' ')) {
        (Some((first, rest)), Some((long_first, long_rest))) => {
            rest == long_rest
                && long_first.len() > first.len()
                && long_first.starts_with(first)
                && first.chars().count() >= 2
        }
        _ => false,
    }
}

fn first_word_eq(full: &str, first: &str) -> bool {
    full.split_whitespace()
        .find(|w| !is_title(w))
        .is_some_and(|w| w.eq_ignore_ascii_case(first.trim()))
}
