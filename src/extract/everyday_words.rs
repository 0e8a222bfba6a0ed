//! Everyday words no one is named, for mail written all in lower case,
//! where capitals cannot tell a name ("im doing this for my grandad",
//! "sending his details"), and for text without full stops, where a
//! capital may start the next sentence ("Pauline Ashworth We've").
//! Words that are also names ("will", "rose", "mark", "hope", "green")
//! are not here. Pure: no I/O.

use std::collections::HashSet;
use std::sync::LazyLock;

/// The words, by spaces.
const WORDS: &str = "
    i me he she him her his hers they them their we us you u ur it its this that these
    those who what which there am are be been being do does did doing done have has
    had having can could would should must shall might of by into over under after
    before since until up down near next or if as than then when while now still
    well back home away too only even again already soon today tonight always never
    all any some much many more most send sending sent asked asking wants want
    wanted needs need lives live lived get got getting go going went make making
    made take taking says said saying think know knows help helping look looking
    care caring works working worked details letters letter mp email mail door years
    year old age carer people person right left thing things way time day week month
    house address postcode name family mum dad nan gran grandad husband wife son
    daughter neighbour friend partner one two three four five six seven eight nine
    ten eleven twelve twenty thirty forty fifty sixty seventy eighty ninety hundred
    ta pls plz thx btw cheers lol x xx xxx ive id dont cant wont outside inside sure other
    own new same every each both here using several everyone everybody
";

static EVERYDAY: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| WORDS.split_whitespace().collect());

/// Whether a word is an everyday word, not a name ("seventy-one" by its
/// first part, "He's" by "he", "hasn't" by its ending).
pub(crate) fn is_everyday_word(word: &str) -> bool {
    let lower = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let first = lower.split(['-', '\'', '’']).next().unwrap_or_default();
    // "hasn't", "doesn’t": a verb, whatever comes before the apostrophe.
    let negated = lower.ends_with("n't") || lower.ends_with("n’t");
    negated || EVERYDAY.contains(lower.as_str()) || EVERYDAY.contains(first)
}
