//! The lines as the supporter typed them, before anything is read: Outlook's
//! doubled line spacing undone, and prose the client hard-wrapped joined
//! again, while an address block's short lines stay apart; punctuation
//! dictated as words made marks again.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::everyday_words::is_everyday_word;
use super::words::{self, re};
use super::{address, label_fields, segment};

/// "full stop" and "comma" spoken to a phone's dictation and typed as
/// words, with the word before them (never "a full stop" in a sentence).
static DICTATED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(\S+)[ \t]+(full[ \t]+stop|comma)\b[ \t]*"));

/// Outlook's text part puts an empty line after every paragraph and marks
/// a real blank line with a line holding a (no-break) space. When nearly
/// every line is followed by an empty one, drop the empty ones, so an
/// address written over several lines stays one block; the one after a
/// long line of writing stays, as that line is a paragraph.
pub(super) fn undouble_spacing(lines: Vec<&str>) -> Vec<&str> {
    // Where real blank lines are marked (a line holding a space, or its
    // trace once trimmed: three blank lines in a row, more than once), a
    // paragraph the client hard-wrapped counts once, its lines going on to
    // the next with no empty line between.
    let blank = |i: usize| lines.get(i).is_some_and(|l| l.trim().is_empty());
    let three_blank = (0..lines.len())
        .filter(|&i| (i == 0 || !blank(i - 1)) && blank(i) && blank(i + 1) && blank(i + 2))
        .count();
    let marked = lines.iter().any(|l| !l.is_empty() && l.trim().is_empty()) || three_blank >= 2;
    let wrapped = |i: usize| {
        WRAP_WIDTH.contains(&lines[i].trim().chars().count())
            && lines.get(i + 1).is_some_and(|next| !next.trim().is_empty())
    };
    let written = (0..lines.len())
        .filter(|&i| !(blank(i) || marked && wrapped(i)))
        .count();
    let followed = lines
        .windows(2)
        .filter(|w| !w[0].trim().is_empty() && w[1].is_empty())
        .count();
    if written < 3 || followed * 10 < written * 8 {
        return lines;
    }
    // A paragraph of writing, one long line or a sentence of prose ("I
    // live at 30 Llanfrechfa Way, Cwmbran." over "Owen"), still ends its
    // paragraph: a mail of one-line paragraphs looks doubled too.
    let ends_writing = |line: &str| {
        let line = line.trim();
        line.chars().count() >= PARAGRAPH_LINE
            || (line.ends_with(['.', '!', '?']) && words::is_prose(line))
    };
    // A postcode ending its line ends its address: what follows is the
    // next paragraph ("… Swanley BR8 7AA" over "My doctor has …"), not
    // a line of the same block.
    let ends_address = |line: &str| {
        let line = line.trim_end();
        crate::postcode::find_all(line)
            .last()
            .is_some_and(|hit| hit.end == line.len())
    };
    let mut kept = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let after_writing = i > 0 && (ends_writing(lines[i - 1]) || ends_address(lines[i - 1]));
        if !line.is_empty() || after_writing {
            kept.push(*line);
        }
    }
    kept
}

/// A line this long is a paragraph of writing, not a line of an address.
const PARAGRAPH_LINE: usize = 60;

/// A line this long, not ending a sentence, may have been wrapped by the
/// client; one longer than the widest a client wraps at (78, RFC 5322
/// §2.1.1) was not.
const WRAP_WIDTH: std::ops::RangeInclusive<usize> = 45..=80;

/// Join prose that the client hard-wrapped ("… Aisha Fletcher, 1" over
/// "Rowan Close, Warrington"; "… my address is 100 Church" over "Street"):
/// a long line not ending a sentence, whose next word would have made it
/// longer than the paragraph's longest line, continues on the next. Short
/// lines (an address block) never join, nor a quote, a label or a
/// sign-off.
pub(super) fn unwrap_hard_wraps(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let paragraphs = lines.split(|l| l.trim().is_empty());
    for (p, paragraph) in paragraphs.enumerate() {
        if p > 0 {
            out.push(String::new());
        }
        let widest = paragraph
            .iter()
            .map(|l| l.trim().chars().count())
            .max()
            .unwrap_or(0);
        let mut current: Option<String> = None;
        for (i, line) in paragraph.iter().enumerate() {
            match current.as_mut() {
                Some(joined) => {
                    joined.push(' ');
                    joined.push_str(line.trim());
                }
                None => current = Some((*line).to_owned()),
            }
            let this = line.trim();
            let width = this.chars().count();
            let next = paragraph.get(i + 1).map(|l| l.trim());
            let continues = next.is_some_and(|next| {
                let next_word = next.split_whitespace().next().unwrap_or("");
                WRAP_WIDTH.contains(&width)
                    && !this.ends_with(['.', '!', '?', ':', ';'])
                    && !this.starts_with('>')
                    && !next.starts_with('>')
                    && !is_field(this)
                    && !is_field(next)
                    && width + 1 + next_word.chars().count() > widest
                    && !segment::SIGNOFF.is_match(next)
                    && !label_fields::is_label_line(next)
                    && !ends_a_street(this)
                    && !(i + 2 == paragraph.len() && signs_off(this, next))
            });
            let sentence = current.as_deref().unwrap_or(this);
            if !continues && !next.is_some_and(|next| postcode_left_for_next_line(sentence, next)) {
                out.extend(current.take());
            }
        }
    }
    out
}

/// A name alone closing a paragraph ("… Please send the letters" over
/// "Gary Pocock"): signed, not wrapped. Two to four capitalised words,
/// none an everyday word or a street's, with no stop or comma ("East
/// Kilbride. Callum Brogan", "Regulation Authority." end a wrapped
/// sentence), after a line that leads to no name ("My name is Mrs", a
/// part ending in a comma).
pub(super) fn signs_off(above: &str, line: &str) -> bool {
    const LEADS_ON: [&str; 12] = [
        "is", "am", "name", "named", "called", "to", "for", "me", "by", "from", "of", "and",
    ];
    let last = above.split_whitespace().next_back().unwrap_or("");
    let leads_on = above.ends_with(',')
        || words::is_title(last)
        || LEADS_ON.contains(&last.to_lowercase().as_str());
    let words: Vec<&str> = line.split_whitespace().collect();
    !leads_on
        && !line.contains(['.', ','])
        && (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase) && !is_everyday_word(w) && !words::is_address_word(w)
        })
        && words::is_name(line)
}

/// "… Torpoint, Cornwall and my postcode is" over "PL11 2QX": the
/// sentence goes on to the postcode alone on the next line, however short
/// the line, so the address before it is the postcode's.
fn postcode_left_for_next_line(line: &str, next: &str) -> bool {
    static LEFT_OPEN: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\b(?:post ?code|code|is|being)$"));
    words::is_prose(line)
        && LEFT_OPEN.is_match(line)
        && crate::postcode::Postcode::parse(next.trim_end_matches(['.', '!'])).is_some()
}

/// A line of an address's parts, from its flat or number to its street
/// word ("Flat 7, Bramblebury Court, 31 Plumstead Common Road" over
/// "London SE18 5RU"): its end is the street's, not the client's wrap.
fn ends_a_street(line: &str) -> bool {
    line.contains(',')
        && address::address_start(line).is_some_and(|m| m.start() == 0)
        && line
            .split_whitespace()
            .last()
            .is_some_and(address::is_street_suffix)
        && !words::is_prose(line)
}

/// "From: …", "Name: …", "Tel: …": a field, not prose.
fn is_field(line: &str) -> bool {
    line.chars().take(24).any(|c| c == ':')
}

/// A line whose parts are set apart by semicolons only ("Details; Jo
/// Bloggs; 3 The Brittox; Devizes; SN10 5LL"): they are commas there, not
/// sentence ends.
pub(super) fn semicolons_as_commas(line: &str) -> Option<String> {
    (line.matches(';').count() >= 2 && !line.contains(',')).then(|| line.replace(';', ","))
}

/// The town and postcode in brackets after the street ("5 Heol Offa
/// (Coedpoeth, Wrexham LL11 6EL) if you can …", "15 Broadshade Road
/// (Westhill, Aberdeenshire – AB32 6AD)"): the rest of the address, set
/// apart as by a comma. Only places' names and a postcode, after a house
/// number and a street.
pub(super) fn bracketed_places_as_parts(line: &str) -> Option<String> {
    static BRACKET: LazyLock<Regex> =
        LazyLock::new(|| re(r"\s*\(([^()\d]{2,60}?)([\s,–—-]+)([^()]{5,9}?)\s*\)"));
    static PLACES: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^\p{Lu}[\p{L}'’.-]*(?:\s+\p{L}[\p{L}'’.-]*){0,3}(?:\s*,\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{L}[\p{L}'’.-]*){0,3}){0,2}$",
        )
    });
    if !line.contains('(') {
        return None;
    }
    let found = BRACKET.captures(line)?;
    let whole = found.get(0)?;
    let (places, gap, postcode) = (found[1].trim(), &found[2], &found[3]);
    let before = &line[..whole.start()];
    let hits = crate::postcode::find_all(postcode);
    let one_postcode = matches!(hits.as_slice(), [hit] if hit.start == 0 && hit.end == postcode.len()
        && matches!(hit.found, crate::postcode::Found::Postcode { .. }));
    // Typed all in lower case, places have no capitals to tell them by.
    let lower_case = !line.chars().any(char::is_uppercase);
    // "(that's SY23 4TN)": talk, no place.
    let talk = places
        .split(|c: char| c.is_whitespace() || c == ',')
        .any(|w| !w.is_empty() && is_everyday_word(w));
    let placed = !talk
        && (PLACES.is_match(places) || (lower_case && PLACES.is_match(&capitalised_words(places))));
    (one_postcode && placed && address::address_start(before).is_some())
        .then(|| format!("{before}, {places}{gap}{postcode}{}", &line[whole.end()..]))
}

/// `text` with the first letter of each word made a capital.
fn capitalised_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at_start = true;
    for c in text.chars() {
        if at_start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        at_start = c.is_whitespace() || c == ',';
    }
    out
}

/// Punctuation dictated to a phone and typed as words ("I live at 22
/// Mersey View Road Halewood full stop my postcode is …"): the words
/// become the marks, so the address ends where the sentence does. Only on
/// a line with a dictated full stop or two commas ("flat three comma 27
/// Hook Lane comma Welling"), as "comma" once is a word.
pub(super) fn dictated_punctuation(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    if !lower.contains("full stop") && lower.matches(" comma ").count() < 2 {
        return None;
    }
    let mut changed = false;
    let spoken = DICTATED.replace_all(line, |c: &Captures<'_>| {
        let before = &c[1];
        if ["a", "the", "no", "any", "to"].contains(&before.to_lowercase().as_str()) {
            return c[0].to_owned();
        }
        changed = true;
        let mark = if c[2].eq_ignore_ascii_case("comma") {
            ","
        } else {
            "."
        };
        format!("{before}{mark} ")
    });
    changed.then(|| spoken.trim_end().to_owned())
}
