//! The supporter's name, from scored candidates: a label's value, the
//! person the letters are for ("on behalf of my dad, Harold Pennington"), a
//! self-introduction ("I'm X", "X here", "this is the Revd X"), the line
//! heading an address block, a sign-off, and the From display name when it
//! is one person's (not a couple, a family, an office or initials). A
//! one-word name or nickname confirms a full name, never replaces it. Pure:
//! no I/O.

use std::sync::LazyLock;

use regex::Regex;

use super::everyday_words::is_everyday_word;
use super::words::{
    ends_name, greeting_end, is_address_word, is_joining_word, is_mark, is_name, is_not_name_word,
    is_particle, is_shortened_given_name, is_title, written_in_lower_case,
};

/// Where a name was read, strongest last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Source {
    DisplayName,
    /// A Name field answered in a quoted form.
    QuotedLabel,
    SignOff,
    BlockHeading,
    Introduction,
    Proxy,
    Label,
}

#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub name: String,
    pub source: Source,
    /// Read from writing in lower case after "i'm" or "am", where no
    /// capital tells a name from the words after it ("i'm honestly
    /// horrified"): kept only if nothing else contradicts it.
    pub guessed: bool,
}

impl Candidate {
    pub(crate) fn new(name: String, source: Source) -> Candidate {
        Candidate {
            name,
            source,
            guessed: false,
        }
    }
}

/// Read the name that starts `text`: title, then capitalised words (any
/// case when `any_case`), particles inside, up to six words; stops at a
/// comma, a sentence end or a word that is no name.
pub(crate) fn name_at(text: &str, any_case: bool) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    // A name of two words or more ends with its line: the next is the
    // address's first ("hi im jack dodd" over "west greenwell farm"). One
    // word may be a name wrapped ("I'm Jo" over "Bloggs, and …").
    let lines = text.split('\n').enumerate();
    let words_of: Vec<(usize, &str)> = lines
        .flat_map(|(n, line)| line.split_whitespace().map(move |w| (n, w)))
        .collect();
    let mut on_line = 0;
    for (i, &(line, raw)) in words_of.iter().enumerate() {
        // Nor does a name go on past an empty line ("SEND THE LETTERS TO
        // ME" over a blank line and "MR GURDEV SINGH BHAMRA").
        if (line != on_line && words.len() >= 2) || (line > on_line + 1 && !words.is_empty()) {
            break;
        }
        on_line = line;
        let word = raw.trim_end_matches([',', '.', ';', '!', ':', ')', '?']);
        let ended = word.len() != raw.len()
            && !(raw.ends_with('.')
                && (word.chars().count() == 1 || is_title(word) || is_shortened_given_name(word)));
        // "I'm Shaun Pritchard I live at …", "MY NAME IS WILFRED HOLLOWAY
        // AND MY ADDRESS IS": a pronoun or a joining word ends the name.
        // "My names Callum Rennie Im at 8 …": "I'm" typed capitalised
        // without its apostrophe, before where the writer is.
        let bare_im = ["Im", "IM"].contains(&word)
            && words_of
                .get(i + 1)
                .is_some_and(|&(_, next)| ["at", "in", "from", "living"].contains(&next));
        if word.is_empty() || words.len() == 6 || ends_name(word) || bare_im {
            break;
        }
        // Two names read, an everyday word starts the next sentence even
        // with a capital, where no full stop was typed ("Pauline Ashworth
        // We've", "Mr Harold Jenkins He's").
        let named = words.iter().filter(|w| !is_title(w)).count();
        if named >= 2 && is_everyday_word(word) && !is_title(word) {
            break;
        }
        let capitalised = word.starts_with(char::is_uppercase);
        // Without capitals, an everyday word ends it: "im doing this for".
        let everyday = !capitalised && is_everyday_word(word) && !is_title(word);
        let fits = (capitalised
            || (any_case && !everyday)
            || (is_particle(word) && !words.is_empty()))
            && word.chars().any(char::is_alphabetic)
            && word.chars().all(|c| {
                c.is_alphabetic() || "'’-.".contains(c) || ('\u{0300}'..='\u{036F}').contains(&c)
            })
            && (is_title(word) || !is_not_name_word(word));
        if !fits {
            break;
        }
        // "Mr." and "J." keep their full stop, as written.
        let kept_stop = !ended && raw.len() > word.len() && raw[word.len()..].starts_with('.');
        words.push(if kept_stop { &raw[..=word.len()] } else { word });
        if ended {
            break;
        }
    }
    while words.last().is_some_and(|w| is_particle(w) || is_title(w)) {
        words.pop();
    }
    let name = words.join(" ");
    let people_words = words.iter().filter(|w| !is_title(w)).count();
    (people_words >= 1 && is_name(&name)).then_some(name)
}

/// Every name candidate in the supporter's own text.
///
/// In a mail written for someone else (`proxy`), "he's X" and "her name is
/// X" introduce the person the letters are for.
pub(crate) fn in_text(text: &str, proxy: bool) -> Vec<Candidate> {
    let mut found = Vec::new();
    let lower_case_mail = written_in_lower_case(text);
    let introduced = PROXY_NAME.find_iter(text).chain(
        proxy
            .then(|| {
                THIRD_PERSON
                    .find_iter(text)
                    .chain(RELATION_NAME.find_iter(text))
            })
            .into_iter()
            .flatten(),
    );
    for m in introduced {
        // "on behalf of my dad, tadeusz nowak, who …": a comma before it
        // as well as after sets a lower-case name apart.
        let after_comma = m.as_str().trim_end().ends_with(',');
        if let Some((name, guessed)) =
            name_soon_after(&text[m.end()..], lower_case_mail, after_comma)
        {
            found.push(Candidate {
                guessed,
                ..Candidate::new(name, Source::Proxy)
            });
        }
    }
    // Right after the words for them, and set apart: "a young man, Dean
    // Price, who …".
    let cared_for = proxy.then(|| CARED_FOR_NAME.find_iter(text));
    for m in cared_for.into_iter().flatten() {
        let rest = &text[m.end()..];
        if let Some(name) = name_at(rest, false).filter(|n| n.contains(' '))
            && rest[name.len()..].starts_with([',', '.'])
        {
            found.push(Candidate::new(name, Source::Proxy));
        }
    }
    for m in INTRODUCTION.find_iter(text) {
        // "its" without its apostrophe after a preposition is a
        // possessive ("the data in its National Data Integration Tenant"),
        // not "it's" ("can u sort me the letters its dean platt").
        const BEFORE_POSSESSIVE: &[&str] = &[
            "in", "of", "on", "at", "to", "by", "with", "from", "for", "into", "through", "about",
            "under", "and", "that",
        ];
        let possessive = m.as_str().trim().to_lowercase().ends_with("its")
            && text[..m.start()]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| BEFORE_POSSESSIVE.contains(&w.to_lowercase().as_str()));
        if possessive {
            continue;
        }
        // "my name" without "is" ("My name Abdullahi Hassan Farah") needs
        // its capitals: "you've got my name slightly wrong".
        let lower = m.as_str().to_lowercase();
        let bare = lower.trim_end().ends_with("my name");
        let explicit = (lower.contains("name") || lower.contains("enw")) && !bare;
        if let Some(name) = name_at(&text[m.end()..], explicit || lower_case_mail)
            && (explicit || name.contains(' '))
        {
            found.push(Candidate {
                guessed: lower_case_mail && !explicit,
                ..Candidate::new(name, Source::Introduction)
            });
        }
    }
    // "Could the letters go to Oliver Stanhope-Grant (that's me)?": a
    // guess, since the letters also go to people ("… go to Wes Streeting
    // too?"); it stands when another reading has its surname.
    for m in LETTERS_GO_TO.find_iter(text) {
        if let Some(name) = name_at(&text[m.end()..], false).filter(|n| n.contains(' ')) {
            found.push(Candidate {
                guessed: true,
                ..Candidate::new(name, Source::Proxy)
            });
        }
    }
    for m in TO_ME.find_iter(text).chain(BARE_NAME_LABEL.find_iter(text)) {
        if let Some(name) = name_at(&text[m.end()..], false).filter(|n| n.contains(' ')) {
            found.push(Candidate::new(name, Source::Introduction));
        }
    }
    for caps in NAME_THEN_HOME.captures_iter(text) {
        if let Some(name) = name_at(&caps[1], false).filter(|n| n.contains(' ')) {
            found.push(Candidate::new(name, Source::Introduction));
        }
    }
    for caps in GREETED_NAME.captures_iter(text) {
        if let Some(name) = name_at(&caps[1], false).filter(|n| n.contains(' ')) {
            found.push(Candidate::new(name, Source::BlockHeading));
        }
    }
    // All in lower case: "hiya dawn mcallister here 14 walker st", a guess
    // that another reading of the name may contradict.
    if lower_case_mail {
        for caps in LOWER_NAME_HERE.captures_iter(text) {
            let words: Vec<&str> = caps[1]
                .split_whitespace()
                .skip_while(|w| is_everyday_word(w) || greeting_end(w).is_some())
                .collect();
            if let Some(name) = name_at(&words.join(" "), true).filter(|n| n.contains(' ')) {
                found.push(Candidate {
                    guessed: true,
                    ..Candidate::new(name, Source::Introduction)
                });
            }
        }
    }
    // "porter at the Royal Gwent here": a place's name, after the word
    // leading to it, is where the writer is.
    static PLACE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:at|from|in|on|of|for|with)\s+(?:the\s+)?$").expect("static regex")
    });
    for caps in NAME_HERE.captures_iter(text) {
        // "It's Jen here", "Alright Rhys Morgan here": the name is what
        // follows the introduction or the greeting.
        let whole = caps.get(1).expect("group 1");
        if PLACE_LEAD.is_match(&text[..whole.start()]) {
            continue;
        }
        let words = &caps[1];
        // "This is Lowri. Lowri Jenkins I mean": from the last full stop
        // ending a sentence, not an initial's or a title's.
        let words = words
            .match_indices(". ")
            .filter(|&(at, _)| {
                let word = words[..at].rsplit(char::is_whitespace).next().unwrap_or("");
                word.chars().count() > 1 && !is_title(word)
            })
            .last()
            .map_or(words, |(at, _)| &words[at + 2..]);
        let words = match words.split_once(char::is_whitespace) {
            Some((first, rest)) if is_everyday_word(first) || greeting_end(first).is_some() => rest,
            _ => words,
        };
        if let Some(name) = name_at(words, false).filter(|n| n.contains(' ')) {
            found.push(Candidate::new(name, Source::Introduction));
        }
    }
    found
}

/// A full name at the start of `text` or a few words into its clause
/// ("a client, Mr Terence Bland", "next door neighbour Mr Dilwyn Hughes");
/// in any case in a mail written all in lower case, and then whether it
/// is a guess.
fn name_soon_after(text: &str, any_case: bool, after_comma: bool) -> Option<(String, bool)> {
    // In lower case only a title tells a name from other words ("who
    // doesn't use email"); any other is a guess, which another reading
    // of the name must share a word with ("send them to joanne kershaw"
    // signed "Jo Kershaw").
    let titled = |n: &String| n.split_whitespace().next().is_some_and(is_title);
    // Or, right after a comma, one set apart by a comma or a full stop
    // after it too ("on behalf of my dad, tadeusz nowak, who …").
    let set_apart = |rest: &str, n: &String| {
        after_comma
            && rest
                .trim_start()
                .strip_prefix(n.as_str())
                .is_some_and(|after| after.is_empty() || after.starts_with([',', '.', ';', '\n']))
    };
    let mut at = 0;
    for _ in 0..4 {
        let found = name_at(&text[at..], false).map(|n| (n, false)).or_else(|| {
            name_at(&text[at..], any_case).map(|n| {
                let sure = titled(&n) || (at == 0 && set_apart(&text[at..], &n));
                (n, !sure)
            })
        });
        // Capitals tell nothing in mail written in them ("SEND THE LETTERS
        // TO THIS EMAIL"): a word no one is named is no name's.
        let everyday = |n: &String| {
            n.split_whitespace()
                .any(|w| !is_title(w) && is_everyday_word(w))
        };
        if let Some(found) = found.filter(|(n, _)| n.contains(' ') && !everyday(n)) {
            return Some(found);
        }
        // Only small words are passed over: a capital may start a name
        // that is no full one ("Mr and Mrs Nair" is no "Mrs Nair").
        let rest = &text[at..];
        let indent = rest.len() - rest.trim_start().len();
        let word_end = indent + rest[indent..].find(char::is_whitespace)?;
        let word = &rest[indent..word_end];
        if !word.starts_with(char::is_lowercase)
            || (is_joining_word(word.trim_end_matches(',')) && !word.starts_with("please"))
            || ["me", "us", "myself"].contains(&word.trim_end_matches([',', '.']))
            // "… should be from her" names no one; "for her, Mrs …" may.
            || ["her", "him", "them"].contains(&word.trim_end_matches(|c: char| !c.is_alphabetic()))
            || word
                .trim_end_matches([')', '"', '”', '’'])
                .ends_with(['.', '!', '?', ';', ':'])
        {
            return None;
        }
        at += word_end;
    }
    None
}

/// The name heading an address, without an introduction written in
/// front of it ("am kayleigh brooks, 12 …").
pub(crate) fn from_heading(heading: &str) -> Option<String> {
    // A greeting before the introduction ("hiya its shannon here",
    // "awrite am kyle docherty") is no part of the name.
    let heading = match greeting_end(heading) {
        Some(end) if !heading[end..].trim().is_empty() => &heading[end..],
        _ => heading,
    };
    // "ray dutton here, 9 lichfield road": the name is before "here".
    let heading = ["here", "writing"]
        .iter()
        .find_map(|w| {
            let (before, last) = heading.trim_end().rsplit_once(char::is_whitespace)?;
            last.eq_ignore_ascii_case(w).then_some(before)
        })
        .unwrap_or(heading);
    // "send letters to me Liam Doherty 9 Sandpiper Close".
    let heading = heading
        .trim_start()
        .split_once(char::is_whitespace)
        .filter(|(first, _)| first.eq_ignore_ascii_case("me"))
        .map_or(heading, |(_, rest)| rest.trim_start_matches([',', ' ']));
    match INTRODUCTION.find(heading).filter(|m| m.start() == 0) {
        Some(m) => name_at(&heading[m.end()..], true),
        None => Some(heading.to_owned()),
    }
}

/// `name` as written in `text`, in whatever case, if it is there as whole
/// words.
pub(crate) fn as_written_in(text: &str, name: &str) -> Option<String> {
    written_as(text, name, str::to_lowercase).into_iter().next()
}

/// `name` written with the accents a keyboard or a From line left off
/// ("Björn Eriksson" for "Bjorn Eriksson", "Siân" for "Sian"), if the
/// supporter wrote it so in `text`.
pub(crate) fn with_accents_in(text: &str, name: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    // Text all in ASCII holds no accent to find.
    if text.is_ascii() {
        return None;
    }
    let unaccented = |s: &str| -> String {
        if s.is_ascii() {
            return s.to_ascii_lowercase();
        }
        s.nfd()
            .filter(|&c| !is_mark(c))
            .collect::<String>()
            .to_lowercase()
    };
    let accents = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    written_as(text, name, unaccented)
        .into_iter()
        .find(|written| accents(written) > accents(name))
}

/// Every run of whole words in `text` that is `name` once both are put
/// through `key`, as written there.
fn written_as(text: &str, name: &str, key: impl Fn(&str) -> String) -> Vec<String> {
    let want: Vec<String> = name.split_whitespace().map(&key).collect();
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && !"'’".contains(c)))
        .collect();
    let keyed: Vec<String> = words.iter().map(|w| key(w)).collect();
    keyed
        .windows(want.len().max(1))
        .enumerate()
        .filter(|(_, run)| *run == want.as_slice())
        .map(|(at, _)| {
            // The title written before it is part of it ("mrs isobel kerr").
            let titled = name.split_whitespace().next().is_some_and(is_title);
            let from = if titled { at } else { title_before(&words, at) };
            words[from..at + want.len()].join(" ")
        })
        .collect()
}

/// Where a name starting at word `at` of `words` starts with the title
/// written just before it ("MRS ISOBEL KERR"): that title's index, else
/// `at`.
fn title_before(words: &[&str], at: usize) -> usize {
    match at.checked_sub(1) {
        Some(before) if is_title(words[before].trim_end_matches('.')) => before,
        _ => at,
    }
}

/// A single word with no title: "Gaz", "Liz".
pub(crate) fn is_one_word(name: &str) -> bool {
    let mut words = name.split_whitespace();
    words.next().is_some_and(|w| !is_title(w)) && words.next().is_none()
}

mod choice;
mod introductions;
mod signed;
mod standing;
pub(crate) use choice::choose;
pub(super) use introductions::INTRODUCTION;
use introductions::{
    BARE_NAME_LABEL, CARED_FOR_NAME, GREETED_NAME, LETTERS_GO_TO, LOWER_NAME_HERE, NAME_HERE,
    NAME_THEN_HOME, PROXY_NAME, RELATION_NAME, THIRD_PERSON, TO_ME,
};
pub(crate) use signed::{from_display, from_signoff, is_capitalised_full_name};
pub(crate) use standing::{closing, in_subject, opening, sender_in_full};

#[cfg(test)]
#[path = "name_tests.rs"]
mod tests;
