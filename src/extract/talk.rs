//! Talk around an address written in a sentence: what leads up to it
//! ("and my postcode is", "it's"), what follows it ("if you need it",
//! "postcode's in the subject"), the introduction of the person heading
//! it, a letter's date beside it, and words given in its place ("the same
//! as I sent before", "see signature"). Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use super::clause::{clause_end, names_its_town};
use super::everyday_words::is_everyday_word;
use super::words::{
    POSTCODE_LEAD, is_address_word, is_county, is_house_word, is_not_name_word, is_town_written,
    written_in_lower_case,
};

/// A part that introduces its writer.
pub(super) static INTRODUCED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:i['’]?m|i\s+am|it['’]?s|this\s+is|(?:my\s+)?name\s+is|(?:my\s+)?name['’]s|(?:put|sign|count)\s+(?:me|us)\s+(?:down|up|in)(?:\s+as)?)\s+")
        .expect("static regex")
});

/// Words between a lead-in and the address it introduces: "it's", "my
/// flat, which is", "(send the letters to) me — it's", "me.", "just".
pub(super) static LEAD_TALK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s:–—-]*(?:(?:me|us)\b[\s,:–—-]*)?(?:(?:it['’]?s|it\s+is|that['’]?s|that\s+is|(?:my|our|his|her|their)\s+(?:\w+\s+){0,2}\w+,?\s+which\s+is)\b[\s:–—-]*(?:just\s+)?|just\s+)|^\s*(?:me|us)\s*[.,:–—-]\s*",
    )
    .expect("static regex")
});

/// The ways "retired" is written in a rank's bracket: "Major (Retd)".
pub(super) const RETIRED: &str = r"retd|ret['’]d|retired|rtd";

/// A line that is only a date, as a letter writes it under or over the
/// address ("2nd December 2026", "30 Tachwedd / November 2026",
/// "Wednesday, 2 Dec 2026", "02/12/2026"): never a part of the address.
pub(super) fn is_date(line: &str) -> bool {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        let month = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)\.?";
        let day = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+";
        Regex::new(&format!(
            r"(?i)^(?:{day})?(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{month}(?:\s*/\s*{month})?|{month}(?:\s*/\s*{month})?\s+\d{{1,2}}(?:st|nd|rd|th)?),?\s*(?:\d{{4}})?|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}})\.?$"
        ))
        .expect("static regex")
    });
    DATE.is_match(line.trim())
}

/// A value that points elsewhere instead of giving the detail ("above",
/// "in my signature", "same as my husband's").
pub(super) static REFERS_ELSEWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:(?:is|given|written|shown|typed|as|see|at|on|in)\s+){0,3}(?:above|below|(?:the\s+)?(?:top|bottom)(?:\s+of\s+(?:this|my|the)\s+(?:e-?mail|message|letter|page))?)|(?:the\s+)?same\s+as\s+(?:last\s+time|before|above|(?:i|we)\s+(?:sent|gave|said|wrote)(?:\s+(?:it\s+)?(?:before|earlier|last\s+time|you))?)|(?:the\s+)?same\s+as\s+(?:my|our|his|her)\s+[\w-]+(?:['’]s)?(?:\s+address)?|as\s+before|(?:(?:is|given|written|shown|as|see|at|in)\s+){0,2}(?:in\s+)?(?:(?:my|the)\s+)?(?:signature|sig|footer|subject(?:\s+line)?)(?:\s+(?:below|above))?|n/?a|none|tbc|\(?(?:not\s+(?:found|given|provided|known|supplied)|missing|unknown)\)?|will\s+send\s+(?:it\s+)?later|unchanged|-+)\s*[.!]?$")
        .expect("static regex")
});

/// Whether the clause starting `value`, or its first part, says where
/// the detail is instead of giving it: "the same as I sent before,
/// postcode G32 6DY" after "Address is" or "My address is".
pub(super) fn refers_elsewhere(value: &str) -> bool {
    let clause = &value[..clause_end(value, 0)];
    let first = clause.split([',', ';']).next().unwrap_or("");
    REFERS_ELSEWHERE.is_match(first.trim())
}

/// "My address is different (I'm in Tyldesley, M29 7DT)": writing about
/// another home than the one the letters are for.
pub(super) static DIFFERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:different|not\s+the\s+same|not\s+(?:hers|his|theirs))\b")
        .expect("static regex")
});

/// Drop "… and my postcode is" before a postcode.
pub(super) fn strip_postcode_lead(prefix: &str) -> &str {
    match POSTCODE_LEAD.find(prefix) {
        Some(m) => &prefix[..m.start()],
        None => prefix,
    }
}

/// Whom a home is shared with, after "with": "with my wife", "with two
/// other doctors". Talk after an address, and nothing against its
/// postcode.
pub(super) const SHARED_WITH: &str =
    r"(?:my|our|her|his|their|two|three|four|other|\d+|the\s+(?:wife|husband|kids|family))\b";

/// "it's" and "that's" written out, opening what they name: a town after
/// its street ("It's Hinckley"), an address in a bracket ("(that's 7
/// Orchard Close, …").
pub(super) const THAT_IS: &str = r"it['’]s|it\s+is|that['’]s|that\s+is";

/// Where a place lies from another, after an address: "not far from the
/// Crooked Spire", "just up the coast from Largs", "out on the Gower".
const WHERE_ASIDE: &str = r"not\s+far\s+from\b|close\s+to\b|next\s+to\b|round\s+the\s+corner\b|just\s+(?:off|behind|past)\b|just\s+(?:up|down|along|across|over|round)\s+from\b|near\s+the\b|(?:just\s+)?(?:up|down|along|across|over)\s+the\s+(?:coast|road|hill|river|valley|water|way|street|lane|glen)\s+from\b|just\s+outside\b|out\s+(?:on|in|by|towards)\s+the\b|(?:about\s+|around\s+|just\s+)?(?:a\s+few|a\s+couple\s+of|\d+|a|one|two|three|four|five|six|ten|twenty)\s+(?:miles?|mins?|minutes?)\s+(?:\w+\s+)?(?:from|outside|of|north|south|east|west)\b";

/// Whether the address starting `span` runs on to the postcode after it:
/// unpunctuated writing may hold a sentence's worth of talk between them
/// ("14 owston road carcroft doncaster the postcode is in the subject …
/// my mum is in a care home up in hartlepool" before her postcode), but
/// where the place lies is said on the way to it ("…, out on the Gower,
/// and the postcode is").
pub(super) fn reaches_postcode(span: &str) -> bool {
    static ASIDE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i)^[\s,]*(?:{WHERE_ASIDE})")).expect("static regex")
    });
    let talk = &span[cut_trailing_talk(span).len()..];
    let words = talk.split_whitespace().count();
    words < 4 || (ASIDE.is_match(talk) && words <= 8)
}

/// Drop talk after an address in a sentence ("… Colchester if you need
/// it", "… Mitcham and please send them", "… Dereham, though I haven't
/// memorised the postcode", "… Worcester for over forty
/// years", "… Budleigh Salterton, having read about your campaign", "…
/// Chesterfield, not far from the Crooked Spire", "…
/// Skelmorlie, just up the coast from Largs", "… Gosport a fortnight
/// ago"), or the next sentence when no full stop ends it ("…
/// Birkenhead I've only just moved in", "… Llanelli Diolch"), or the kiss
/// that ends it ("… Kelty x").
pub(super) fn cut_trailing_talk(span: &str) -> &str {
    static TALK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i),?\s+not\s+\d|\s+(?:-\s|–\s|—\s|(?:(?:the|my|our)\s+)?post\s*code(?:['’]s)?\b|(?:i\s+)?(?:can['’]?t|cannot|don['’]?t|dont)\s+(?:remember|recall|know)\b|dunno\b|(?:i['’]?m\s+)?not\s+sure\b|if\s|in\s+case\b|and\s+(?:i|my|please|we|the|you|it|that|can|would)\b|and\s+(?-i:\p{{Ll}})|but\b|(?:al)?though\b|so\b|having\b|and\s*$|now\s*$|with\s+{SHARED_WITH}|with\s+(?-i:\p{{Lu}})[\p{{L}}'’-]+\s+and\s+(?:my|our|his|her)\b|(?:(?:i|we|they|he|she)\s+)?(?:have|has|had)\s+(?:done|been|lived)\b|(?:it|she|he|they)\s+(?:has|have|had)\b|(?:she|he|they)\s+(?:is|was)\b|(?:she|he|they)['’](?:s|ve|re)\b|now\s+with\b|thanks?\b|please\b|send\s+(?:me|us|them|the|my|it)\b|cheers\b|all\s+(?:my|our|his|her|their)\b|\(|for\s+(?:over|about|around|nearly|almost|more|the\s+(?:last|past)|\d+|many|years|decades|most|all|a\s+long|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s]\w+)?\s+(?:years|decades))\b|since\s+(?:\d|i\b|we\b|my\b|the\b)|in\s+(?:19|20)\d\d\b|which\s|where\s|when\s+(?:i|we|he|she|they|my|our)\b|{WHERE_ASIDE}|(?:only\s+|just\s+)?(?:a|one|two|three|\d+|a\s+few|a\s+couple\s+of)\s+(?:fortnight|days?|weeks?|months?|years?)\s+ago\b|(?:last|this)\s+(?:week|month|year)\b|name\s+(?:is\s+)?(?-i:\p{{Lu}})|x{{1,4}}\s*$)"))
            .expect("static regex")
    });
    // A rank's bracket is the name's, not an aside: "Major (Retd) Peter
    // Hallam MBE" heads the address below it.
    static RANK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^\s*\((?:{RETIRED}|hons?|mrs|mr|ms|miss|dr)\.?\)"
        ))
        .expect("static regex")
    });
    // A dash between the parts ("22 Burnbrae Road - Shotts - ML7 5SG",
    // "Flat 2/1 - 15 Kilblain Terrace") is the writer's comma when a town
    // alone, or a house number and its street, follows it.
    let lower_case = written_in_lower_case(span);
    // In lower case, where no capital starts a part, words no place or
    // name has ("me at home", "not work"); "patricia dunn here" introduces.
    let is_talk = |before: &str| {
        let before = before.trim_end();
        let before = before.strip_suffix(" here").unwrap_or(before);
        before
            .split_whitespace()
            .any(|w| is_everyday_word(w) || is_not_name_word(w))
    };
    let separates_parts = |m: &regex::Match<'_>| {
        let dash = matches!(m.as_str().trim(), "-" | "–" | "—");
        let next = span[m.end()..]
            .split(['-', '–', '—', ','])
            .next()
            .unwrap_or("");
        // Not after talk: "sent to me at home – 27 Beech Lane".
        let before = span[..m.start()]
            .rsplit([',', '-', '–', '—'])
            .next()
            .unwrap_or("");
        // The house's street needs no street word after a town ("Home is
        // Lerwick - 14 Hillhead").
        let numbered = next.trim_start().starts_with(|c: char| c.is_ascii_digit())
            && (next.split_whitespace().any(is_address_word)
                || is_town_written(before.trim(), lower_case))
            && before
                .trim_start()
                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || lower_case)
            && !(lower_case && is_talk(before));
        dash && (is_town_written(next.trim(), lower_case) || numbered)
    };
    // A bracket saying where in the house or near what is the address's
    // own: "Flat 3 (top floor)", "Fernhurst (near Haslemere)".
    static WHERE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\((?:near|nr\.?|by|top|ground|first|second|third|basement|rear|upper|lower|back|side|flat|apt)\b[^()]{0,30}\)")
            .expect("static regex")
    });
    let bracket_kept = |m: &regex::Match<'_>| {
        m.as_str().ends_with('(') && {
            let bracket = &span[m.end() - 1..];
            RANK.is_match(bracket) || WHERE.is_match(bracket)
        }
    };
    // "…, tyne and wear" in lower case: the "and" inside a county's name.
    let in_county = |m: &regex::Match<'_>| {
        let before = span[..m.start()]
            .split_whitespace()
            .next_back()
            .unwrap_or("");
        let after: Vec<&str> = span[m.start()..].split_whitespace().take(2).collect();
        after.first().is_some_and(|w| w.eq_ignore_ascii_case("and"))
            && is_county(format!("{before} {}", after.join(" ")).trim_end_matches([',', '.']))
    };
    let talk = TALK
        .find_iter(span)
        .filter(|m| !separates_parts(m) && !in_county(m))
        .find(|m| !bracket_kept(m))
        .map_or(span.len(), |m| m.start());
    cut_next_sentence(&span[..talk])
}

/// Drop the next sentence, once the address has begun, when no full stop
/// ends it ("… Birkenhead I've only just moved in", "… Llanelli Diolch",
/// "… Blairgowrie Oh and", "… Rugby My", "… Rosemount Saw your post");
/// before the address such words introduce the writer ("im chinedu …").
/// "We'll" counts only with its apostrophe: "14 Well Street".
pub(super) fn cut_next_sentence(span: &str) -> &str {
    static NEXT_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s+(?:i(?:['’]?(?:m|ve|d|ll))?\s|my(?:\s|$)|oh\b|ta\s*$|saw\s+(?:your|the|this|it|a)\b|do\s+(?:you|the|i|we)\b|(?:the\s+)?letters?\s+(?:for|to|should)\b|happy\s+for\b|we(?:['’]?(?:re|ve)|['’]ll)?\s|is\s+(?:that|this|it)\b|can\s+(?:you|i|we)\b|diolch\b|forgot\b|name(?:['’]s|\s+is|\s*:)|writing\b|sorry\b|p\.?s\b|our\s|(?:could|would)\s+(?:you|ye|i|we|like)\b|it['’]?s\s+(?:a|the|on|in|new)\b|just\s+(?:moved|got|had|been)\b|happy\s+to\b|(?:canna|cannae|dinnae|don['’]?t|dont)\b|now\s*,)")
            .expect("static regex")
    });
    let begun = |before: &str| {
        before.split_whitespace().any(|w| {
            w.contains(|c: char| c.is_ascii_digit()) || is_address_word(w) || is_house_word(w)
        })
    };
    match NEXT_SENTENCE.find_iter(span).find(|m| {
        // "I live in a flat now, Flat 6, …": "now," ends an address
        // only after its number ("… Tredegar now, only moved in …").
        let now = m.as_str().trim_start().to_lowercase().starts_with("now");
        begun(&span[..m.start()])
            && !names_its_town(&span[m.start()..])
            && (!now || span[..m.start()].contains(|c: char| c.is_ascii_digit()))
    }) {
        Some(m) => &span[..m.start()],
        None => span,
    }
}
