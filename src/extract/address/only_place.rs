//! Addresses that name only a place and cannot carry a letter: a town
//! alone, a town and its county, a street with no house on it. The help
//! reply asks for the street or the house. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use super::{is_street_suffix, looks_like_address, names_a_house};
use crate::extract::place_words::WELSH_STREET_WORDS;
use crate::extract::words::{is_county, is_house_word_only};

/// Parts that name only a place, which cannot carry a letter: a town
/// alone ("Address: Worcester", "Cwmbach near Aberdare"), a town and its
/// county ("Newtown, Powys"), a place and its town, a word each
/// ("Bannockburn, Stirling"), or a street with no house on it.
pub(crate) fn is_only_a_place(parts: &[String]) -> bool {
    let one_word = |p: &String| p.split_whitespace().count() == 1;
    // "the Grange area of Edinburgh", "the outskirts of Perth".
    static AREA_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:area|part|outskirts|side|edge|end)\s+of\b|\barea$")
            .expect("static regex")
    });
    if let [only] = parts
        && AREA_OF.is_match(only)
        && !only.contains(char::is_numeric)
    {
        return true;
    }
    let place = match parts {
        [only] => !names_a_house(only),
        [town, county] => {
            (is_county(county) || (one_word(town) && one_word(county))) && !names_a_house(town)
        }
        _ => false,
    };
    (place && !looks_like_address(parts)) || is_a_street_alone(parts)
}

/// A street with no house on it ("I live on Mill Lane in Buckley"): no
/// number, written out or not, and no street after it for it to be a
/// house's name ("Orchard View, Kingston Road").
fn is_a_street_alone(parts: &[String]) -> bool {
    static NUMBER_WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)")
            .expect("static regex")
    });
    let Some((first, rest)) = parts.split_first() else {
        return false;
    };
    // "Mill Lane in Buckley" as one part: the street is before "in".
    // "I'm on Grange Road", "the flats opposite the Co-op on Fairwater
    // Road": the street is after "on".
    let street = first.split(" in ").next().unwrap_or(first);
    let street = street.rsplit_once(" on ").map_or(street, |(_, on)| on);
    let words: Vec<&str> = street.split_whitespace().collect();
    let ends_a_street = |p: &str| p.split_whitespace().last().is_some_and(is_street_suffix);
    // "Ivy Cottage Cumberworth Lane", "Hillcrest Mappleton Road", typed
    // without commas, hold the house's name; a street's name is a word
    // and its street word, or three with "Old", "Upper", "St" first.
    const STREET_PREFIXES: [&str; 8] =
        ["old", "new", "upper", "lower", "high", "low", "st", "great"];
    let prefixed = STREET_PREFIXES.contains(&words[0].to_lowercase().as_str());
    // A Welsh street's word comes first ("Heol Mair", "Ffordd Las"), with
    // "y" before its name in three words ("Heol y Bryn").
    let welsh = WELSH_STREET_WORDS.contains(&words[0].to_lowercase().as_str())
        && (words.len() == 2 || (words.len() == 3 && ["y", "yr"].contains(&words[1])));
    // A house's word before the street's names the street ("Rectory
    // Lane", "Manor Road"), not a house on it.
    let house_in_it = words.len() > 3
        || (words.len() == 3 && !prefixed && !welsh)
        || (words.len() > 2 && words.iter().any(|w| is_house_word_only(w)))
        || words[0].eq_ignore_ascii_case("the");
    words.len() >= 2
        && !house_in_it
        && (ends_a_street(street) || welsh)
        && !NUMBER_WORD.is_match(words[0])
        && !parts
            .iter()
            .any(|p| p.contains(|c: char| c.is_ascii_digit()))
        && !rest.iter().any(|p| ends_a_street(p))
}
