//! The words the extractor reads by: what introduces an address or a name,
//! what says a postcode is or is not the supporter's home, what a street, a
//! prose sentence, a greeting or a work signature looks like. Kept apart
//! from the rules that use them, so the rules read as rules. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use super::MAX_NAME_CHARS;
use super::everyday_words::is_everyday_word;
pub(crate) use super::place_words::{
    is_address_word, is_county, is_house_word, is_house_word_only,
};
use super::signature_words::is_job_word;

pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// Words that introduce the supporter's address, up to where it starts:
/// "I live at", "we're at", "my address is", "her home address is:",
/// "pls send letters to", "Cyfeiriad:", "rwy'n byw yn".
pub(crate) static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)
        \b(?:
            (?:i|we|they|she|he|mum|dad|(?:my|our)\s+\w+)\s+(?:now\s+|currently\s+|still\s+)?(?:live|lives|stay|stays|reside|resides|bide|bides)\s+(?:at|in)
          | (?:i|we|they)(?:['’]ve|\s+have)\s+(?:lived|been)\s+at
          | (?:living|staying|residing|based)\s+at | (?:just\s+|recently\s+)?moved\s+(?:in\s+)?to
          | (?:i['’]?m|i\s+am|we['’]?re|we\s+are|they['’]?re|she['’]?s|he['’]?s|she\s+is|he\s+is|im)\s+(?:now\s+|up\s+|down\s+|over\s+|out\s+)?at
          | (?:my|our|her|his|their|the)\s+(?:full\s+|home\s+|postal\s+|new\s+|current\s+|present\s+|street\s+|own\s+)*(?:address|details|house|home|flat|place|farm|croft|cottage|vicarage|rectory|manse)(?:\s+for\s+the\s+letters)?(?:\s+(?:now|these\s+days|currently))?\s*(?:is|are|:|-|–|['’]s\b)\s*(?:now\s+)?(?:at\s+)?:?
          | (?:home|address|house)(?:\s+for\s+(?:me|us))?(?:\s+is|\s+:|['’]s)(?:\s+now)?\s*:?
          | reach\s+(?:me|us)\s+at | write\s+to\s+me\s+at | post\s+to
          | (?:from|to|at)\s+(?:my|our)\s+(?:home|house)(?:\s+address)?\s*[,:–-](?:\s*which\s+is)?
          | send\s+(?:the\s+|my\s+|our\s+)?letters\s+to(?:\s+[^.\n]{1,60}?\s+at\b)?
          | letters?\s+for\s+[^,.\n]{1,40}?\s+at | (?:me|us)\s+at
          | rwy['’]?n\s+byw\s+(?:yn|ym|yng) | dw\s+i['’]?n\s+byw\s+(?:yn|ym|yng)
          | (?:fy\s+n)?(?:c|gh)yfeiriad(?:\s+i)?\s*(?:yw|ydy|:)?
        )\s*:?\s*")
});

/// "… and my postcode is", "…, it's", "… llanelli its" between an address
/// and its postcode.
pub(crate) static POSTCODE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)[\s,;:(\-–]*(?:(?:and|&)\s+)?(?:(?:my|our|her|his|their|the)\s+)?(?:post\s*-?\s*code(?:['’]s)?|postal\s+code|cod\s+post|pc)(?:,?\s+(?:is|its|it['’]s|it\s+is))?[\s:\-–]*$|\s*,\s*(?:it['’]s|it\s+is)\s*$|\s+(?:it['’]?s|it\s+is)\s*$",
    )
});

/// Words beside a postcode that say it is the supporter's home.
pub(crate) static FOR_HOME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?imx)\b(?:
        i\s+live | we\s+live | i\s+stay | we\s+stay | live\s+at | living\s+at | (?:someone|one)\s+who\s+lives\s+at
      | (?:i['’]?m|im|we['’]?re|i\s+am|we\s+are)\s+(?:(?:up|down|over|out)\s+)?at
      | my\s+(?:present\s+|current\s+)?(?:home|address|postcode|post\s+code|house|details)
      | our\s+(?:home|address|postcode|post\s+code|house)
      | (?:have|['’]ve)\s+lived\s+(?:at|in) | (?:i|we)\s+rent\s+(?:a\s+)?(?:flat|room|house)?\s*(?:at|in)
      | home\s+address | home\s+is | (?:^|[.!?]\s+)home['’]s | ^home\s*:\s* | at\s+home | new\s+(?:address|postcode|home) | moved\s+to | now\s+at | reside
      | rwy['’]?n\s+byw | fy\s+nghyfeiriad | cod\s+post
      | please\s+use\s+(?:my|our|this|the)\s+(?:[\w-]+\s+){0,2}?(?:address|postcode|post\s+code)
      | my\s+term[-\s]time\s+address | registered\s+to\s+vote\s+(?:here|there|at|in|from)
    )\b")
});

/// Words beside a postcode that say it is somewhere else: work, the GP,
/// a hospital, an old address, one to ignore.
pub(crate) static AGAINST_HOME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)\b(?:
        (?i:gp) | (?im:^(?:office|work)\s*:\s*) | (?i:surgery) | doctors?['’]? | doctor['’]?s | (?i:medical\s+(?:centre|practice)) | (?i:health\s+cent(?:re|er)) | hospital | clinic | practice
      | office | offices | work | works | workplace | employer | company | firm | head\s+office | campus | school | college | university | hall\s+of\s+residence
      | (?:my|our|that|an)\s+old | (?:the\s+old\s+[\w-]+\s+|old\s+)(?:address|postcode|post\s+code|house|home|flat|place|one|details) | previous | previously | former | formerly | used\s+to | (?i:(?:don['’]?t|do\s+not)\s+use) | moved,?\s+(?:\w+,?\s+){0,2}from | until\s+recently | ignore
      | (?i:we\s+were\s+(?:at|in) | i\s+was\s+(?:at|in)) | (?i:not\s+(?:my|our)\s+(?:home|address|postcode))
      | hospice | infirmary | renal | (?:haemo|hemo)?dialysis | (?i:(?:maternity|cancer|oncology|outpatients?|day|eye|stroke)\s+unit)
      | (?i:not\s+where\s+(?:i|we)\s+(?:live|stay)) | (?i:(?:i|we)\s+(?:don['’]?t|do\s+not)\s+live\s+(?:there|at|in))
      | holiday | (?i:(?:is|are)\s+let\b | let\s+out | rented\s+out | second\s+home | (?:were|was)\s+staying) | (?i:this\s+week | for\s+(?:the|a)\s+(?:few\s+)?(?:week|weekend|days|weeks|fortnight)) | visiting | cottage\s+we\s+rent | caravan | term[-\s]time | term\s+address | parents['’]? | daughter['’]?s? | son['’]?s | sister['’]?s | brother['’]?s | friend['’]?s | neighbour['’]?s
    )\b")
});

/// Words saying the details written before are no longer the home: "we
/// moved last week", "ignore the address below", "that's our old house".
pub(crate) static STALE_DETAILS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:moved|moving|new\s+(?:address|home|house|flat)|ignore|old\s+(?:address|house|home|flat))\b",
    )
});

/// The people a supporter writes for: "my mum", "my neighbour".
pub(crate) const RELATIONS: &str = "neighbour|mum|mom|mam|mammy|mummy|mother|dad|daddy|father|parents|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|nain|taid|husband|wife|partner|aunt|uncle|nan|nana";

/// "… writing for my mum", "on behalf of": the letters are for someone
/// else, whose home is the one that counts.
pub(crate) static PROXY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?ix)\b(?:on\s+behalf\s+of | (?:writing|emailing|doing\s+(?:this|it)|sending\s+(?:this|it))\s+on\s+(?:her|his|their)\s+behalf | (?:writing|emailing)\s+(?:this\s+)?for | (?:doing|sending|filling)\s+(?:this|it)\s+for | (?:do|send|fill|type|typing)\s+(?:this|it)(?:\s+in|\s+out)?\s+for\s+(?:her|him|them|my)\b | asked\s+me\s+to\s+(?:send|write|email|do|get|request|ask\s+for|sort) | for\s+my\s+(?:{RELATIONS}|client)
        | my\s+(?:{RELATIONS})\b[^.!?]{{0,40}}\s(?:would\s+like|wants?|are\s+asking\s+for|is\s+asking\s+for)\s+(?:to\s+(?:send|have|get|do)\s+)?(?:the\s+|some\s+)?letters
        | (?:put|sign)\s+(?:her|his|their)\s+names?\s+(?:down|up|forward)
        | letters\s+(?:need|needs|should|must|have)\s+to\s+(?:be|come)\s+(?:from|for|in)\s+(?:her|him|them)
        | (?:isn['’]?t|is\s+not|doesn['’]?t|does\s+not|aren['’]?t)\s+(?:on|use|do)\s+(?:e-?mail|computers?|the\s+internet))\b"
    ))
});

/// Whether `text` says it is written for someone else ([`PROXY`]).
/// Caring for a parent is not writing for them ("I'm a carer for my mum
/// so I'm at her house most days … these ones are just for me"), nor is
/// doing it in someone's memory, nor "for myself".
pub(crate) fn says_for_another(text: &str) -> bool {
    static CARER: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\b(?:carer|care|caring|cares|looking\s+after|look\s+after)\s*$"));
    // "My late husband … I'm doing this for him really": no letter is
    // signed for the dead.
    static IN_MEMORY: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)\b(?:my\s+late|passed\s+away|died|widow(?:ed)?|since\s+(?:he|she)\s+went)\b")
    });
    static FOR_THEM: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*(?:him|her|them)\b"));
    // "I'm sending this for myself".
    static FOR_ME: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*(?:me|myself)\b"));
    let mourning = IN_MEMORY.is_match(text);
    PROXY.find_iter(text).any(|m| {
        let after = &text[m.end()..];
        let not_for_them = CARER.is_match(&text[..m.start()])
            || (mourning && FOR_THEM.is_match(after))
            || FOR_ME.is_match(after);
        !not_for_them
    })
}

/// Third-person words for a proxy's postcode ("her address", "mum lives").
pub(crate) static FOR_PROXY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?ix)\b(?:her|his|their)\s+(?:home|address|postcode|post\s+code|house|details)
        | \b(?:she|he|they|mum|dad|mother|father|gran|grandad|husband|wife)\s+(?:lives|live|stays|is\s+at|are\s+at)
        | \b(?:she|he)(?:['’]s|\s+is)\s+(?-i:(?:Mrs|Mr|Ms|Miss|Dr)\b|\p{Lu}\p{Ll}+\s+\p{Lu})
        | \b(?:mum|mom|mother|dad|father|gran|grandad|husband|wife)['’]?s\s+(?:home|address|postcode|house)",
    )
});

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
    TITLES.contains(&word.trim_end_matches('.').to_lowercase().as_str())
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
    "el", "von", "do", "dos", "das", "y",
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
    // Unpunctuated talk ("dont know the rest of the postcode sorry"): no
    // number, and everyday words make much of it.
    let everyday = line
        .split_whitespace()
        .filter(|w| is_everyday_word(w) || ["the", "a", "an", "to", "and"].contains(w))
        .count();
    let talk =
        words >= 5 && everyday * 5 >= words * 2 && !line.contains(|c: char| c.is_ascii_digit());
    // A request on a line of its own ("Letters for Stuart Dow please").
    let last_word = trimmed
        .trim_end_matches(['.', '!', ','])
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    let request = ["please", "pls", "plz", "thanks", "thx"].contains(&last_word.as_str())
        || line.trim_start().to_lowercase().starts_with("letters ");
    // "Dafydd here, I live on Salop Road": the writer speaking.
    static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)\b(?:i|we)\s+(?:live|stay|am|are|was|were|have|had|moved|grew)\b|\b(?:i['’]m|we['’]re|i['’]ve|we['’]ve)\s",
        )
    });
    talk || request
        || FIRST_PERSON.is_match(line)
        || words > 10
        || trimmed.ends_with('?')
        || trimmed.ends_with('!')
        || trimmed.ends_with(':')
        || (trimmed.ends_with('.') && words >= 5)
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

#[cfg(test)]
#[path = "words_tests.rs"]
mod tests;

/// One to three capitalised words and nothing else ("London", "Milton
/// Keynes"): the town after a postcode written first.
pub(crate) fn is_town(text: &str) -> bool {
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
                || (w.starts_with(char::is_uppercase)
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
