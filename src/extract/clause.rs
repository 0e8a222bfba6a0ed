//! Clauses: the stretch of text around a postcode or an address that its
//! words belong to. A clause ends at a sentence end (".", "!", "?", ";"
//! then a space, not after an initial or "St.") or a blank line, and
//! reaches at most a few hundred bytes. Shared by the postcode scoring,
//! which reads the words of a postcode's clause, and the address rules,
//! which read an address out of its sentence. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use super::words::{is_town_written, is_unit_word, written_in_lower_case};

/// Furthest a clause reaches back from its end, in bytes.
const REACH_BACK: usize = 300;
/// Furthest a clause reaches forward from its start, in bytes.
const REACH_AHEAD: usize = 200;

/// Where the clause holding byte `at` starts.
pub(crate) fn clause_start(text: &str, at: usize) -> usize {
    let floor = text.floor_char_boundary(at.saturating_sub(REACH_BACK));
    let from = match text[floor..at].rfind("\n\n") {
        Some(blank) => floor + blank + 2,
        None => floor,
    };
    let window = &text[from..at];
    window
        .char_indices()
        .rfind(|&(i, c)| {
            ends_sentence(window, i, c) && window[i + 1..].starts_with(char::is_whitespace)
        })
        .map_or(from, |(i, _)| from + i + 1)
}

/// Where the clause starting at byte `at` ends.
pub(crate) fn clause_end(text: &str, at: usize) -> usize {
    let ceiling = text.ceil_char_boundary((at + REACH_AHEAD).min(text.len()));
    let window = &text[at..ceiling];
    window
        .char_indices()
        .find(|&(i, c)| {
            let next = &window[i + c.len_utf8()..];
            (ends_sentence(window, i, c)
                && (next.is_empty() || next.starts_with(char::is_whitespace)))
                || (c == '\n' && next.starts_with('\n'))
        })
        .map_or(ceiling, |(i, _)| at + i)
}

/// [`clause_end`], but a clause running past the reach ends at its last
/// line break, else its last space, not inside a word: the address it
/// breaks off ("… my address in halls: Room 214, Campbell House, Tavit")
/// is then read whole from the next.
pub(crate) fn clause_end_whole(text: &str, at: usize) -> usize {
    let end = clause_end(text, at);
    let reach = text.ceil_char_boundary((at + REACH_AHEAD).min(text.len()));
    if end < reach || end == text.len() {
        return end;
    }
    let window = &text[at..end];
    window
        .rfind('\n')
        .or_else(|| window.rfind(' '))
        .filter(|&i| i > 0)
        .map_or(end, |i| at + i)
}

/// Where an address's clause starting at byte `at` ends, past towns typed
/// as sentences of their own after it ("12 Ffordd Tan y Graig. Pensarn.
/// Abergele. My postcode's …").
pub(crate) fn clause_end_past_towns(text: &str, at: usize) -> usize {
    let mut end = clause_end(text, at);
    // Each town on the same line, its full stop typed after it ("4
    // Seafield Road. Seaton, Devon.").
    let lower_case = written_in_lower_case(text);
    let towns = |sentence: &str| {
        sentence
            .split(',')
            .all(|town| is_town_written(town.trim(), lower_case))
            && !is_field_word(sentence.trim())
    };
    while text[end..].starts_with('.')
        && let Some(rest) = text.get(end + 1..)
        && let Some(stop) = rest.find(['.', '\n'])
        && rest[stop..].starts_with('.')
        && rest[..stop].starts_with([' ', '\t'])
        && towns(&rest[..stop])
    {
        end += 1 + stop;
    }
    // "My address is 6 Whins Road. That's in Cowie, Stirling, and the
    // postcode is FK7 9LJ.": the next sentence names its town.
    if text[end..].starts_with('.')
        && let Some(rest) = text.get(end + 1..)
        && rest.starts_with([' ', '\t'])
        && names_its_town(rest)
    {
        end += 1 + clause_end(rest, 0);
    }
    end
}

/// A sentence after a street that only says its town ("It's in
/// Tullibody", "that is near Thirsk", "It's Hatfield, Doncaster, DN7
/// 6RX"): the address goes on. Without "in" or "near", the town must end
/// its sentence or be followed by a comma and another place or the
/// postcode, as a place in a list is: "It's Jamie-Lee Donnelly, my mum
/// put me onto this" names a person.
pub(crate) fn names_its_town(sentence: &str) -> bool {
    static ITS_TOWN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*(?:it['’]?s|it\s+is|that['’]?s|that\s+is)\s+((?:in|near)\s+)?([^,.;\n]+)(;?)",
        )
        .expect("static regex")
    });
    let lower_case = written_in_lower_case(sentence);
    ITS_TOWN.captures(sentence).is_some_and(|c| {
        let town = c.get(2).map_or("", |m| m.as_str().trim());
        let after = &sentence[c.get(0).map_or(0, |m| m.end())..];
        let next = after.strip_prefix(',').map(|rest| {
            rest.split([',', '.', ';', '\n'])
                .next()
                .unwrap_or("")
                .trim()
        });
        let listed = next.is_none_or(|next| {
            is_town_written(next, lower_case)
                || crate::postcode::find_all(next)
                    .first()
                    .is_some_and(|hit| hit.start == 0)
        });
        // Not a clause going on after a semicolon.
        let placed = c.get(1).is_some() || (c[3].is_empty() && listed);
        placed && is_town_written(town, lower_case)
    })
}

/// A form's field named first ("Name Alasdair Grant"), or the name's
/// typed without its apostrophe ("Names Peter Rowe"): no town.
fn is_field_word(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
    [
        "name", "address", "postcode", "tel", "phone", "mobile", "email", "names",
    ]
    .contains(&first.as_str())
}

/// The start of the last sentence in `line`, past its leading spaces.
pub(crate) fn sentence_start(line: &str) -> usize {
    let start = clause_start(line, line.len());
    start + (line[start..].len() - line[start..].trim_start().len())
}

/// The start of the last sentence in `line` that is more than a town
/// typed as a sentence of its own ("It's 8 Hanover Close. Frome.
/// Somerset.", "… Parliament Street. It's in Rhuddlan, Denbighshire."),
/// with a flat typed as the sentence before it ("Flat 2. 58
/// Portland Road."): where an address ending the line may start.
pub(crate) fn sentence_start_past_towns(line: &str) -> usize {
    let (mut start, mut end) = (sentence_start(line), line.len());
    let lower_case = written_in_lower_case(line);
    while start > 0
        && (is_town_written(
            line[start..end].trim().trim_end_matches(['.', ',']),
            lower_case,
        ) || names_its_town(&line[start..end]))
    {
        let before = line[..start].trim_end();
        if before.is_empty() {
            break;
        }
        end = before.len();
        start = sentence_start(before);
    }
    // "Flat 2. 58 Portland Road. Hove.": a flat typed as a sentence of
    // its own before the street.
    let before = line[..start].trim_end();
    let flat_at = sentence_start(before);
    if before.ends_with('.') && is_flat(&before[flat_at..before.len() - 1]) {
        start = flat_at;
    }
    start
}

/// "Flat 2", "Apartment 4B", "Flat 2/1": a unit word and its number.
fn is_flat(text: &str) -> bool {
    let mut words = text.split_whitespace();
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(unit), Some(number), None)
            if is_unit_word(unit)
                && number.starts_with(|c: char| c.is_ascii_digit())
                && number.chars().all(|c| c.is_ascii_alphanumeric() || c == '/')
    )
}

/// Whether `c`, at byte `i` of `window`, is a sentence's final mark rather
/// than the full stop of an initial or an abbreviation.
fn ends_sentence(window: &str, i: usize, c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';') && !is_abbreviation(&window[..i])
}

/// Whether a full stop after `before` ends an abbreviation or an initial
/// rather than a sentence.
pub(crate) fn is_abbreviation(before: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "St", "Rd", "No", "Mr", "Mrs", "Ms", "Dr", "Ave", "Revd", "Rev", "Prof", "Cllr", "Co",
        "Nr", "Mt", "Ct", "Cres", "Gdns", "Sq", "Ln", "Cl", "Tce", "Hon",
    ];
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // In lower case too ("co. durham"), but for "no.", which ends as many
    // sentences as it numbers houses.
    word.chars().count() == 1 && word.chars().all(char::is_alphabetic)
        || ABBREVIATIONS
            .iter()
            .any(|a| *a == word || (*a != "No" && is_lower_case_of(word, a)))
}

/// Whether `word` is `ascii` written in lower case.
fn is_lower_case_of(word: &str, ascii: &str) -> bool {
    word.len() == ascii.len()
        && word
            .bytes()
            .zip(ascii.bytes())
            .all(|(w, a)| w == a.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_stop_at_sentence_ends_not_initials() {
        let text = "I'm J. Smith. My GP is at X";
        assert_eq!(&text[clause_start(text, text.len())..], " My GP is at X");
        let text = "I live at 2 St. Mary's Road";
        assert_eq!(clause_start(text, text.len()), 0);
    }

    #[test]
    fn a_clause_ends_at_a_sentence_end_or_a_blank_line() {
        let text = "I live at 3 Hill Road. Thanks";
        assert_eq!(&text[..clause_end(text, 0)], "I live at 3 Hill Road");
        let text = "3 Hill Road\n\nThanks";
        assert_eq!(&text[..clause_end(text, 0)], "3 Hill Road");
        assert_eq!(sentence_start("Hello. I live at"), 7);
    }
}
