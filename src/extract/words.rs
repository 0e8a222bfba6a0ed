//! The words the extractor reads by: what a name, a title, a street, a
//! town, a prose sentence or a greeting looks like. Kept apart from the
//! rules that use them, so the rules read as rules; the words about whose
//! home a postcode is are in [`super::home_words`]. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use super::MAX_NAME_CHARS;
use super::everyday_words::is_everyday_word;
pub(crate) use super::home_words::{
    AGAINST_HOME, FOR_HOME, FOR_PROXY, LEAD_IN, POINTS_TO_SUBJECT, POSTCODE_LEAD, RELATIONS,
    STALE_DETAILS, says_for_another,
};
pub(crate) use super::place_words::{
    is_address_word, is_county, is_house_word, is_house_word_only,
};
use super::signature_words::is_job_word;

pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// Common words that start a sentence and are no one's name ("I'm
/// Happy", "This is Urgent").
const NOT_NAME_WORDS: &[&str] = &[
    "writing",
    "happy",
    "here",
    "at",
    "from",
    "in",
    "living",
    "emailing",
    "sorry",
    "not",
    "really",
    "very",
    "also",
    "sure",
    "so",
    "just",
    "a",
    "an",
    "the",
    "glad",
    "keen",
    "worried",
    "concerned",
    "angry",
    "furious",
    "appalled",
    "disgusted",
    "shocked",
    "fed",
    "retired",
    "disabled",
    "on",
    "and",
    "but",
    "to",
    "please",
    "thanks",
    "thank",
    "hi",
    "hello",
    "dear",
    "nhs",
    "one",
    "your",
    "my",
    "our",
    "it",
    "is",
    "was",
    "about",
    "because",
    "with",
    "for",
    "out",
    "off",
    "no",
    "yes",
    "ok",
    "okay",
];

/// Return true for a word that cannot be part of a name.
pub(crate) fn is_not_name_word(word: &str) -> bool {
    let lower = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    NOT_NAME_WORDS.contains(&lower.as_str())
}

/// Words that join a name to the rest of its sentence, in any case.
pub(crate) fn is_joining_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "and", "my", "is", "am", "at", "in", "on", "from", "with", "here", "live", "lives",
        "address", "postcode", "please", "for", "to",
        // Welsh: "… ac rwy'n byw yn", "… a dw i'n byw".
        "ac", "rwy'n", "rwy’n", "dw", "rydw", "yw",
        // Scots: "am kyle docherty fae 9 dixon terrace".
        "fae", "frae",
    ];
    WORDS.contains(&word.to_lowercase().as_str())
}

/// A given name shortened with a full stop, kept as written like an
/// initial: the Filipino "Ma." (María), the old "Wm." and "Thos.".
pub(crate) fn is_shortened_given_name(word: &str) -> bool {
    [
        "Ma", "Wm", "Chas", "Thos", "Jas", "Geo", "Robt", "Saml", "Jno", "Benj",
    ]
    .contains(&word)
}

/// Titles kept with a name.
pub(crate) fn is_title(word: &str) -> bool {
    const TITLES: &[&str] = &[
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "revd",
        "rev",
        "reverend",
        "prof",
        "professor",
        "sir",
        "dame",
        "lady",
        "lord",
        "cllr",
        "hon",
    ];
    // Lower case folds nothing outside ASCII into a title's letters.
    let word = word.trim_end_matches('.');
    word.is_ascii() && TITLES.iter().any(|t| word.eq_ignore_ascii_case(t))
}

/// Words for a numbered or lettered home within a building or an estate
/// ("Flat 3", "Unit B", "Croft 3"): they start an address, and the number
/// after them is no postcode.
pub(crate) const UNIT_WORDS: &[&str] = &[
    "flat",
    "fflat",
    "apartment",
    "apt",
    "unit",
    "room",
    "block",
    "suite",
    "building",
    "croft",
    "plot",
];

/// Whether a word is one of [`UNIT_WORDS`].
pub(crate) fn is_unit_word(word: &str) -> bool {
    UNIT_WORDS.contains(&word.to_lowercase().as_str())
}

/// Lower-case words inside names ("van der Berg", "ap Rhys").
pub(crate) fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// The small words inside a name ("van der Merwe", "ap Dafydd").
pub(crate) const PARTICLES: &[&str] = &[
    "van", "der", "den", "de", "da", "di", "du", "le", "la", "ap", "ab", "bin", "binti", "al",
    "el", "von", "do", "dos", "das", "y", "ferch", "verch",
];

/// Return true if `s` reads as a person's name: letters of any script,
/// spaces, hyphens, apostrophes and full stops; one to six words besides
/// particles; not a greeting or a stock phrase.
pub(crate) fn is_name(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > MAX_NAME_CHARS {
        return false;
    }
    if !s
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.') || is_mark(c))
    {
        return false;
    }
    if !s.chars().next().is_some_and(char::is_alphabetic) {
        return false;
    }
    let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    const NOT_NAMES: &[&str] = &[
        "hi",
        "hello",
        "dear",
        "thanks",
        "thank",
        "regards",
        "sent",
        "best",
        "kind",
        "cheers",
        "please",
        "send",
        "my",
        "the",
        "i",
        "name",
        "address",
        "postcode",
        "yours",
        "from",
        "to",
        "letters",
        "sincerely",
        "re",
        "as",
        "same",
        "see",
        "we",
    ];
    // "Mr and Mrs Henderson", "Bill and Mo": a couple is no one person.
    let couple = words.iter().any(|w| w == "and" || w == "&");
    // "The Hon. Jane Smith" is the one name that may start with "the".
    let styled = words.len() > 2 && words[0] == "the" && is_title(&words[1]);
    // Six words, not counting particles: "Maria da Conceição Gonçalves
    // Pereira dos Santos Ferreira" is one name.
    let counted = words.iter().filter(|w| !is_particle(w)).count();
    (1..=6).contains(&counted)
        && words.len() <= 9
        && !couple
        && (styled || !NOT_NAMES.contains(&words[0].as_str()))
        && !words.iter().any(|w| is_trade_word(w))
}

/// A shop's or a firm's word: "Hollybush Florist", "Mill Lane Stores",
/// "Ashby Motors Ltd" name a business, never a person. Surnames that are
/// trades ("Baker", "Butcher") are not listed.
fn is_trade_word(word: &str) -> bool {
    const TRADES: &[&str] = &[
        "florist",
        "florists",
        "bakery",
        "cafe",
        "café",
        "shop",
        "stores",
        "salon",
        "pharmacy",
        "chemists",
        "garage",
        "hotel",
        "restaurant",
        "newsagents",
        "boutique",
        "ltd",
        "limited",
        "plc",
        "studio",
        "studios",
        "motors",
        "lettings",
        "kennels",
        "cattery",
        "tearooms",
        "takeaway",
        "surgery",
        "enquiries",
        "info",
        "admin",
        "reception",
        "accounts",
    ];
    TRADES.contains(&word)
}

/// Combining marks (a Yoruba tone written as a separate character).
pub(crate) fn is_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Return true for a line that is a sentence rather than an address line.
pub(crate) fn is_prose(line: &str) -> bool {
    static STARTERS: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^(i|i'm|i’m|im|please|pls|plz|could|can|would|thank|thanks|hi|hiya|hey|heya|hello|alright|dear|here|this|we|we're|my|mine|ours|send|as|just|ok|it's|its|it|yes|and|but|so|if|also|happy|hope)\b",
        )
    });
    let words = line.split_whitespace().count();
    let trimmed = line.trim_end();
    // The cheap tests first: most lines are settled by their length or
    // their last mark.
    if words > 10 || trimmed.ends_with(['?', '!', ':']) || (trimmed.ends_with('.') && words >= 5) {
        return true;
    }
    // Unpunctuated talk ("dont know the rest of the postcode sorry"): no
    // number, and everyday words make much of it.
    let talk = words >= 5 && !line.contains(|c: char| c.is_ascii_digit()) && {
        let everyday = line
            .split_whitespace()
            .filter(|w| is_everyday_word(w) || ["the", "a", "an", "to", "and"].contains(w))
            .count();
        everyday * 5 >= words * 2
    };
    // A request on a line of its own ("Letters for Stuart Dow please").
    const REQUESTS: [&str; 5] = ["please", "pls", "plz", "thanks", "thx"];
    let last_word = trimmed
        .trim_end_matches(['.', '!', ','])
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    // Compared without a lower-cased copy where ASCII case is all there
    // is to fold (the Kelvin sign folds to a "k", so not elsewhere).
    let request = if last_word.is_ascii() {
        REQUESTS.iter().any(|r| last_word.eq_ignore_ascii_case(r))
    } else {
        REQUESTS.contains(&last_word.to_lowercase().as_str())
    } || line
        .trim_start()
        .get(..8)
        .is_some_and(|head| head.eq_ignore_ascii_case("letters "));
    // "Dafydd here, I live on Salop Road": the writer speaking.
    static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\b(?:i|we)\s+(?:live|stay|am|are|was|were|have|had|moved|grew)\b|\b(?:i['’]m|we['’]re|i['’]ve|we['’]ve)\s",
        )
    });
    talk || request
        || FIRST_PERSON.is_match(line)
        || (STARTERS.is_match(line.trim_start())
            && !line.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether a line opens with a greeting ("Hi", "Dear", "Shwmae").
pub(crate) fn is_greeting(line: &str) -> bool {
    greeting_end(line.trim()).is_some()
}

/// Where a greeting opening `text` ends, with "there" and the commas or
/// stops after it ("Hiya, ", "Hi there! ").
pub(crate) fn greeting_end(text: &str) -> Option<usize> {
    static GREETING: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^(hi|hello|hey|heya|hiya|awrite|awright|aright|alright|hullo|howdy|fit\s+like|dear|morning|afternoon|evening|good\s+(morning|afternoon|evening)|halò|halo|greetings|assalamu|salaam|shwmae|helo|bore\s+da)\b(\s+there\b)?[\s,!.]*",
        )
    });
    GREETING.find(text).map(|m| m.end())
}

/// Whether a word ends a name written in a sentence ("Patricia Doyle I
/// live at", "WILFRED HOLLOWAY AND MY ADDRESS", "Jo Bloggs Practice
/// Manager"): a pronoun, a joining word or a job.
pub(crate) fn ends_name(word: &str) -> bool {
    // "I", and its contractions: "… to me, I'm Rachel Goodliffe".
    let pronoun = word.eq_ignore_ascii_case("i")
        || ["i'", "i’"].iter().any(|p| {
            word.get(..p.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(p))
        });
    // Without a full stop, the word after a name may start the address
    // ("… Benali Flat 2/1"), the writer's calling ("… Marsh Rector of …")
    // or the next clause ("… Bakare though everyone calls me Tunde").
    const AFTER_NAME: [&str; 8] = [
        "flat",
        "apartment",
        "rector",
        "vicar",
        "curate",
        "minister",
        "though",
        "although",
    ];
    // Typed without its apostrophe, in lower case: "… Dean Robson im at".
    let bare_pronoun = ["im", "ive", "id", "ill"].contains(&word);
    pronoun
        || bare_pronoun
        || is_joining_word(word)
        || is_job_word(word)
        || AFTER_NAME.contains(&word.to_lowercase().as_str())
}

/// Whether `text` has no capital letter but in its postcodes: written
/// all in lower case, where capitals tell nothing.
pub(crate) fn written_in_lower_case(text: &str) -> bool {
    // A postcode typed in capitals ("… lincoln LN4 1TF ta x") is no sign.
    text.split_whitespace()
        .filter(|w| !w.contains(|c: char| c.is_ascii_digit()))
        .all(|w| !w.contains(char::is_uppercase))
}

/// One to three capitalised words and nothing else ("London", "Milton
/// Keynes"): the town after a postcode written first.
pub(crate) fn is_town(text: &str) -> bool {
    is_town_written(text, false)
}

/// [`is_town`]; and in writing all in lower case (`lower_case`), where no
/// capital marks a name, the same words uncapitalised that are no
/// everyday word ("canton, cardiff", "west bridgford").
pub(crate) fn is_town_written(text: &str, lower_case: bool) -> bool {
    let is_named = |w: &str| {
        w.starts_with(char::is_uppercase)
            || (lower_case
                && !w.contains(char::is_uppercase)
                && !is_everyday_word(w)
                && !is_greeting(w))
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    // "Walton on the Hill": the small words inside are the town's.
    let inside =
        |i: usize, w: &str| i > 0 && i + 1 < words.len() && (INSIDE.contains(&w) || w == "the");
    let named = words
        .iter()
        .enumerate()
        .filter(|&(i, w)| !inside(i, w))
        .count();
    (1..=3).contains(&named)
        && words.iter().enumerate().all(|(i, w)| {
            inside(i, w)
                || (is_named(w)
                    && w.chars().all(|c| c.is_alphabetic() || "-'’".contains(c))
                    && !is_not_name_word(w)
                    && !is_joining_word(w))
        })
}

/// Small words inside a place's or a house's name, in lower case: "Chy an
/// Gwel", "Bryn y Môr", "Stratford upon Avon", "Weston under Penyard".
pub(crate) const INSIDE: [&str; 13] = [
    "an", "y", "yr", "na", "nan", "of", "on", "upon", "le", "in", "under", "cum", "super",
];

#[cfg(test)]
#[path = "words_tests.rs"]
mod tests;
