//! An address written inside a sentence with no lead-in: from its first
//! flat or house number, with the house's name and the person written
//! just before it, else the capitalised run of parts ending the sentence.
//! Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use super::house::{house_after_lead, is_house_name, is_no_place_word, is_person};
use super::{address_start, is_address_word, is_greeting, is_house_word};
use crate::extract::everyday_words::is_everyday_word;
use crate::extract::talk::INTRODUCED;
use crate::extract::words::{INSIDE, is_town_written, written_in_lower_case};

/// Living in a town, said before the street: "I'm in Maidenhead", "… and
/// I'm in Ayr", "We're up in Tylorstown", "You'll find me in Bo'ness".
static TOWN_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?:^|\band\s+|^\w+\s+){LIVING_IN}(.+)$")).expect("static regex")
});

/// The words saying where the writer lives before the town: "I'm in",
/// "we live in", "you can find me in".
const LIVING_IN: &str = r"(?:i['’]?m|i\s+am|we['’]?re|we\s+are|(?:i|we)\s+(?:live|stay)|(?:i['’]?m|we['’]?re)\s+based|you(?:['’]ll|\s+can|\s+will)\s+find\s+(?:me|us))(?:\s+(?:up|down|over|out))?\s+in\s+";

/// Whether `address`, read from `sentence`, starts with the town the
/// writer said they are in ("Ewan McCulloch - I'm in Newton Stewart, 4
/// Millcroft Road").
pub(super) fn town_first(sentence: &str, address: &str) -> bool {
    static IN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?i)\b{LIVING_IN}$")).expect("static regex"));
    let town = address.split(',').next().unwrap_or("").trim();
    !town.is_empty()
        && sentence
            .find(town)
            .is_some_and(|at| IN.is_match(&sentence[..at]))
}

/// Inside prose with no lead-in: from the first flat or house number,
/// with the parts written just before it, else the trailing run of
/// capitalised comma-separated parts ("Burnside Cottage, Whithorn").
pub(super) fn address_in_sentence(sentence: &str) -> Option<String> {
    // "I work at 40 Arundel Street, but … that's where my MP is: 7
    // Portland Street, …": an address after a colon starts there.
    let sentence = sentence
        .rsplit_once(':')
        .filter(|(_, after)| address_start(after.trim_start()).is_some_and(|m| m.start() == 0))
        .map_or(sentence, |(_, after)| after);
    if let Some(found) = address_start(sentence) {
        let from = leading_parts_start(sentence, found.start());
        // "Tom Bradley 62 Wheelers Grove Moseley", typed without commas:
        // the person heading the sentence is a part of their own, which
        // `into_parts` sets apart.
        let head = sentence[..found.start()].trim();
        let capitalised = |w: &str| w.starts_with(char::is_uppercase) && !is_everyday_word(w);
        if from == found.start()
            && !head.contains(',')
            && (2..=4).contains(&head.split_whitespace().count())
            && head.split_whitespace().all(capitalised)
            && is_person(head)
        {
            return Some(format!("{head}, {}", sentence[from..].trim()));
        }
        // The parts before the number set apart by dashes are parts.
        let leading = sentence[from..found.start()]
            .replace(" - ", ", ")
            .replace(" – ", ", ");
        return Some(
            format!("{leading}{}", &sentence[found.start()..])
                .trim()
                .to_owned(),
        );
    }
    let mut kept = Vec::new();
    // Every part of the sentence a place's ("Ffynnon Las, Dinas Cross,
    // Goodwick" before its postcode): three such parts are an address
    // without a house word.
    let mut whole_sentence = true;
    let mut whole_tail = false;
    let mut led_house = false;
    let lower_case = !sentence.contains(char::is_uppercase);
    // A line may end with the comma before the next part.
    for part in sentence
        .split(',')
        .rev()
        .skip_while(|p| p.trim().is_empty())
    {
        let words: Vec<&str> = part.split_whitespace().collect();
        // A rural locality is written "by Kirriemuir", "near Thirsk".
        let place = match words.split_first() {
            Some((first, rest)) if !rest.is_empty() && LOCALITY_LINKS.contains(first) => rest,
            _ => &words[..],
        };
        // Written all in lower case, a place's words are those that are no
        // talk ("at craigton farm, by kirriemuir, angus").
        let placed = |w: &str| {
            if lower_case {
                !is_no_place_word(w)
            } else {
                w.starts_with(char::is_uppercase)
            }
        };
        // Or inside it: "Fishlake near Doncaster".
        let capitalised = !place.is_empty()
            && words.len() <= 4
            && place.iter().enumerate().all(|(i, w)| {
                placed(w)
                    || w.starts_with(|c: char| c.is_ascii_digit())
                    || (i > 0
                        && i + 1 < place.len()
                        && (INSIDE.contains(w) || LOCALITY_LINKS.contains(w)))
            });
        if !capitalised {
            // The first word of a part may be the sentence's ("at Burnside
            // Cottage"): keep the capitalised tail of it, which is the whole
            // address when it has no commas ("we farm at Lower Ashgrove
            // Farm Madley Hereford").
            let tail = placed_tail(&words, placed);
            let led = house_after_lead(part.trim()).or_else(|| place_after_at(part.trim()));
            if tail.iter().any(|w| is_house_word(w)) {
                whole_tail |= kept.is_empty() && tail.len() >= 2 && !lower_case;
                kept.push(tail.join(" "));
            } else if let Some(house) = led {
                // "I farm at Quoyness, Stenness, Orkney", "We farm at
                // Nether Mains, Hightae": a house's name after the word
                // leading to it, heading the place's parts.
                led_house = true;
                kept.push(house.to_owned());
            } else if !kept.is_empty() && is_person(&tail.join(" ")) {
                // "… in my name please: Gwenllian Rees, Fferm Glan-yr-afon,
                // Mathry": the person heading the parts, which
                // `into_parts` sets apart.
                kept.push(tail.join(" "));
            }
            whole_sentence = false;
            break;
        }
        // "Hiya, I'm Kerensa Pascoe, Penhallow Cottage, …": the person and
        // their greeting head the address, they are not in it.
        if is_greeting(part) || INTRODUCED.is_match(part) {
            whole_sentence = false;
            break;
        }
        kept.push(part.trim().to_owned());
    }
    kept.reverse();
    let placed = |w: &str| is_house_word(w) || is_address_word(w);
    let placed_part = |p: &String| p.split_whitespace().any(placed);
    ((kept.len() >= 2 && (led_house || kept.iter().any(placed_part)))
        || (whole_tail && kept.iter().any(placed_part))
        || (whole_sentence && kept.len() >= 3 && !lower_case))
        .then(|| kept.join(", "))
}

/// The words linking a rural locality to its town: "by Kirriemuir",
/// "Fishlake near Doncaster".
const LOCALITY_LINKS: [&str; 3] = ["by", "near", "nr"];

/// The words ending `words` that are a place's: each `placed`, or a small
/// word inside a place's name ("Craigton Farm by Kirriemuir", "Newton of
/// Balquhain"), which a placed word must come before.
fn placed_tail<'a>(words: &[&'a str], placed: impl Fn(&str) -> bool) -> Vec<&'a str> {
    let mut start = words.len();
    while start > 0 {
        let word = words[start - 1];
        if placed(word) {
            start -= 1;
        } else if start < words.len()
            && start >= 2
            && (INSIDE.contains(&word) || LOCALITY_LINKS.contains(&word))
            && placed(words[start - 2])
        {
            start -= 2;
        } else {
            break;
        }
    }
    words[start..].to_vec()
}

/// Where the comma-separated parts written just before an address's
/// number start: house names ("Ardlamont, 6 Torr Road"), and the name
/// heading them ("Elizabeth Carmody, 9 Icen Way"), which [`into_parts`]
/// sets apart. Two name-like parts, the nearer sharing nothing with the
/// other ("Carys Vaughan, Ty Gwyn, 2 Main Road"), are the person and
/// their house's name.
fn leading_parts_start(sentence: &str, number: usize) -> usize {
    let mut from = number;
    // "I'm in Ayr, at 14 Racecourse View": the word leading to the number
    // after a comma, which `without_link_word` drops.
    let head = sentence[..number].trim_end();
    if head.to_lowercase().ends_with(", at") {
        from = head.len() - 2;
    }
    let mut nearer_person: Option<&str> = None;
    let lower_case = written_in_lower_case(sentence);
    // Parts set apart by commas; a town written first, by a dash too
    // ("I'm in Kenilworth - 6 Clinton Lane").
    let part_before = |to: usize| {
        let head = sentence[..to].trim_end();
        head.strip_suffix(',').map(|b| (b, false)).or_else(|| {
            head.strip_suffix(" -")
                .or_else(|| head.strip_suffix(" –"))
                .map(|b| (b, true))
        })
    };
    while let Some((before, dashed)) = part_before(from) {
        let boundary = before
            .rfind([',', ':', '–', '—', '(', '.', '!', '?'])
            .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
            .max(before.rfind(" - ").map(|i| i + 3))
            .unwrap_or(0);
        let part = before[boundary..].trim();
        if dashed && !TOWN_FIRST.is_match(part) {
            break;
        }
        // "… to me, Roger Pennington, at The Laurels, 8 Lynn Road", "Send
        // them to The Vicarage, 2 Church Street": the house's name after
        // the word that leads to it, and no further.
        if let Some(house) = house_after_lead(part) {
            from = boundary + before[boundary..].find(house).unwrap_or(0);
            break;
        }
        // "I'm in Maidenhead, 23 Furze Platt Road": the town, written
        // first.
        if let Some(town) = TOWN_FIRST
            .captures(part)
            .and_then(|c| c.get(1))
            .filter(|t| is_town_written(t.as_str(), lower_case))
        {
            from = boundary + before[boundary..].find(town.as_str()).unwrap_or(0);
            break;
        }
        let last = match nearer_person {
            _ if part.is_empty() => break,
            None if is_house_name(part) => false,
            None if is_person(part) => {
                nearer_person = Some(part);
                false
            }
            Some(nearer)
                if is_person(part) && crate::extract::heading::is_someone_else(nearer, part) =>
            {
                true
            }
            _ => break,
        };
        from = boundary + (before[boundary..].len() - before[boundary..].trim_start().len());
        if last {
            break;
        }
    }
    from
}

/// The capitalised words after the last "at" ending `part` ("We farm at
/// Nether Mains"): up to four, no digit, the name of a place or house.
fn place_after_at(part: &str) -> Option<&str> {
    let (_, after) = part.rsplit_once(" at ")?;
    let words: Vec<&str> = after.split_whitespace().collect();
    let capitalised = (1..=4).contains(&words.len())
        && words.iter().enumerate().all(|(i, w)| {
            w.starts_with(char::is_uppercase)
                || (i > 0 && i + 1 < words.len() && INSIDE.contains(w))
        })
        && !after.contains(|c: char| c.is_ascii_digit());
    capitalised.then(|| after.trim())
}
