//! A full name standing alone where a mail starts or ends: the name under
//! a closing line ("With every good wish," / "Revd Alison Marsh"), or
//! given as a reply's first sentence ("Chukwuemeka Obi. Sorry, …"). Pure:
//! no I/O.

use super::{
    greeting_end, is_address_word, is_everyday_word, is_name, is_not_name_word, is_particle,
    is_title, name_at, title_before, written_in_lower_case,
};

/// Words a closing line opens with.
const CLOSING_WORDS: [&str; 15] = [
    "with", "yours", "best", "kind", "kindest", "warm", "warmest", "many", "regards", "love",
    "cheers", "thanks", "thank", "diolch", "cofion",
];

/// Words in a line that make it writing, with or without its full stop.
const WRITING_WORDS: usize = 10;

/// A name alone on the last line of the supporter's own text, under a
/// closing line of its own ("With every good wish," then "Revd Alison
/// Marsh"): a sign-off not in the usual words. A full name there with the
/// From line's surname ("Mrs Gwenllian Pritchard-Jones" from "Gwen
/// Pritchard-Jones") signs the mail under any closing, in any language.
pub(crate) fn closing(own: &[&str], sender: Option<&str>) -> Option<String> {
    let mut written = own.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).rev();
    let last = written.next()?;
    let above = written.next()?;
    // Typed without its comma, a closing still opens with a closing's
    // word ("With every blessing", "Yours in hope").
    let closing_word = above
        .split_whitespace()
        .next()
        .is_some_and(|w| CLOSING_WORDS.contains(&w.to_lowercase().as_str()));
    let closes = (above.ends_with(',') || closing_word)
        && above.split_whitespace().count() <= 8
        && !above.chars().any(|c| c.is_ascii_digit());
    // Writing that ends its sentence, then the name on a line of its own,
    // is signed even without a closing word.
    // So is a request ("Please send everything to this email").
    let request = above
        .split_whitespace()
        .next()
        .is_some_and(|w| ["please", "pls", "plz"].contains(&w.to_lowercase().as_str()));
    let after_writing = above.ends_with(['.', '!', '?'])
        || above.split_whitespace().count() >= WRITING_WORDS
        || request;
    let name = last.trim_end_matches(['.', ',']);
    // In a mail all in lower case, a name is lower case too ("dr anil
    // varma"), so long as no word of it is an everyday one.
    let lower_case_mail = own.iter().all(|l| written_in_lower_case(l));
    let cased = |w: &str| {
        w.starts_with(char::is_uppercase)
            || is_particle(w)
            || (lower_case_mail && !is_everyday_word(w))
    };
    let surname = |n: &str| n.split_whitespace().last().map(str::to_lowercase);
    let senders = sender
        .and_then(surname)
        .is_some_and(|s| Some(s) == surname(name));
    let signed = (closes || after_writing || senders)
        && is_full_name(name)
        && name.split_whitespace().all(cased);
    signed.then(|| name.to_owned())
}

/// A full name in the supporter's own text that is the From line's person
/// written out ("Javier Ruiz Ortega" from "Javi Ruiz", "Brenda Molyneux"
/// from "B Molyneux", "Priya Mistry" from "Priya M"): the same first
/// name, one cut short or its initial,
/// then capitalised words with the From line's surname among them, and
/// the title written before it.
pub(crate) fn sender_in_full(own: &[&str], sender: Option<&str>) -> Option<String> {
    let sender: Vec<String> = sender?
        .split_whitespace()
        .filter(|w| !is_title(w))
        .map(str::to_lowercase)
        .collect();
    let (first, surname) = (sender.first()?, sender.last()?);
    // From a first name alone ("Dawn"), only a sentence that is the name
    // and nothing else ("… Worthing. Dawn Ellery. Please send …"), its
    // title with it ("This is Farah. Dr Farah Siddiqui, to be formal").
    if sender.len() < 2 {
        let lower_case_mail = own.iter().all(|l| written_in_lower_case(l));
        let untitled = |s: &str| {
            let words: Vec<&str> = s.split_whitespace().collect();
            let from = words.iter().take_while(|w| is_title(w)).count();
            words[from..].join(" ").to_lowercase()
        };
        return own.iter().find_map(|line| {
            line.split(['.', '!', '?', ','])
                .map(str::trim)
                .filter(|s| untitled(s).starts_with(&format!("{first} ")))
                .find(|s| {
                    name_at(s, lower_case_mail).as_deref() == Some(s)
                        && is_full_name(s)
                        && !s.split_whitespace().any(is_everyday_word)
                })
                .map(str::to_owned)
        });
    }
    // An initial ("B Molyneux") stands for the first name written out.
    own.iter().find_map(|line| {
        let words: Vec<&str> = line.split_whitespace().collect();
        (0..words.len()).find_map(|at| {
            if !words[at].to_lowercase().starts_with(first.as_str())
                || !words[at].starts_with(char::is_uppercase)
            {
                return None;
            }
            let name = name_at(&words[at..].join(" "), false)?;
            let read: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
            // The surname's initial stands for it too ("Priya M").
            let has_surname = read[1..].iter().any(|w| {
                w == surname || (surname.chars().count() == 1 && w.starts_with(surname.as_str()))
            });
            if !(read.len() >= sender.len() && has_surname && is_full_name(&name)) {
                return None;
            }
            // The title written before it is part of it ("MRS ISOBEL KERR").
            Some(with_title_before(&words, at, name))
        })
    })
}

/// A full name standing alone: two words or more besides titles, none of
/// them a word no one is named or a street word.
fn is_full_name(name: &str) -> bool {
    name.split_whitespace().filter(|w| !is_title(w)).count() >= 2
        && is_name(name)
        && !name
            .split_whitespace()
            .any(|w| is_not_name_word(w) || (is_address_word(w) && !is_title(w)))
}

/// A full name written as the first sentence of the supporter's own text,
/// with nothing else in it ("Chukwuemeka Obi. Sorry, I thought my name
/// would come through"): a reply giving the name the help reply asked for.
pub(crate) fn opening(own: &[&str]) -> Option<String> {
    let first = own.iter().map(|l| l.trim()).find(|l| !l.is_empty())?;
    let sentence = first.split(". ").next().unwrap_or(first);
    let sentence = sentence.trim_end_matches(['.', '!']);
    let name = name_at(sentence, false)?;
    (name == sentence
        && is_full_name(&name)
        && greeting_end(&name).is_none()
        && !name.split_whitespace().any(is_everyday_word))
    .then_some(name)
}

/// The names in a subject line: one introduced ("Letters for Martin
/// Greaves"), or the From line's person written out ("Letters please -
/// Ewan McLeish" from "E McLeish", "Tom Ashworth - NHS data letters"
/// from "Tom").
pub(crate) fn in_subject(subject: &str, sender: Option<&str>) -> Vec<String> {
    let written_out = sender_in_full(&[subject], sender);
    // A lower-case guess at someone written for ("letters for my wee
    // boy's sake") has nothing in a subject to confirm it.
    super::in_text(subject, false)
        .into_iter()
        .filter(|c| !(c.guessed && c.source == super::Source::Proxy))
        .map(|c| c.name)
        .chain(written_out)
        .chain(first_name_in_full(subject, sender))
        .collect()
}

/// A full name in `subject` starting with the From line's only word, its
/// first name ("Morag Lindsay - letters please" from "Morag").
fn first_name_in_full(subject: &str, sender: Option<&str>) -> Option<String> {
    let first = sender?.trim();
    if first.contains(char::is_whitespace) || !first.starts_with(char::is_uppercase) {
        return None;
    }
    let words: Vec<&str> = subject.split_whitespace().collect();
    let at = words.iter().position(|w| *w == first)?;
    let name = name_at(&words[at..].join(" "), false)
        .filter(|n| is_full_name(n) && !n.split_whitespace().any(is_everyday_word))?;
    // With the title written before it ("Letters - Dr Helen Okafor").
    Some(with_title_before(&words, at, name))
}

/// `name`, read from `words[at]` on, with the title written just before
/// it, if there is one.
fn with_title_before(words: &[&str], at: usize, name: String) -> String {
    let from = title_before(words, at);
    if from < at {
        format!("{} {name}", words[from])
    } else {
        name
    }
}
