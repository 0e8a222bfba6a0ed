//! Words that speak against a postcode as a home ("my GP", "my mum",
//! "work", "the old one") but, where they stand, say nothing against
//! it: negated, a relative the writer lives with or who told them of the
//! campaign, work named as the mailbox written from, a GP the writer is
//! registered with where they vote, a child for whose sake they write,
//! what the writer once was ("a former nurse"), or a place the home is
//! near ("not far from work – 48 …"). Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use super::talk::SHARED_WITH;
use super::words::RELATIONS;

/// Whether the match `m`, with `before` and `after` it in its clause,
/// says nothing against the postcode; `follows` says it follows the
/// postcode.
pub(super) fn says_nothing_against(
    before: &str,
    m: &regex::Match<'_>,
    after: &str,
    follows: bool,
) -> bool {
    is_negated(before, after, follows)
        || lives_with(before, m)
        || with_the_writer(before, m, after)
        || names_the_mailbox(m, after)
        || registered_alongside(before, m, after)
        || for_their_sake(after)
        || thanks_for_the_work(before, m, after)
        || the_post_office(before, m)
        || a_former_calling(before, m, after)
        || how_far_from(before, after)
}

/// "I live in Edinburgh too, not far from work – 48 …", "a short walk
/// from the hospital, at 3 …": how far the home is from a place, not the
/// place, when a house number comes between it and the postcode ("round
/// the corner from my doctors on Green Lane (WS2 7DR)" is the doctors').
fn how_far_from(before: &str, after: &str) -> bool {
    static FROM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:far|close|walk|drive|minutes?|mins?|miles?|away|round\s+the\s+corner|(?:up|down)\s+the\s+road)\s+(?:from|to)\s+(?:my\s+|the\s+|our\s+)?$|\bnear\s+(?:my\s+|the\s+|our\s+)?$")
            .expect("static regex")
    });
    FROM.is_match(before) && after.contains(|c: char| c.is_ascii_digit())
}

/// "… RH17 5AA, and am a former nurse": what the writer was, not where.
fn a_former_calling(before: &str, m: &regex::Match<'_>, after: &str) -> bool {
    static AN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\ban?\s+$").expect("static regex"));
    static A_PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s+(?:home|house|flat|address|postcode|post\s+code|place|one|details)\b")
            .expect("static regex")
    });
    m.as_str().eq_ignore_ascii_case("former") && AN.is_match(before) && !A_PLACE.is_match(after)
}

/// "… G61 4ED, in case the post office is fussy about it": the post
/// office that delivers the letters, not a workplace.
fn the_post_office(before: &str, m: &regex::Match<'_>) -> bool {
    static POST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(?:post|sorting|delivery)\s+$").expect("static regex"));
    m.as_str().eq_ignore_ascii_case("office") && POST.is_match(before)
}

/// "… and thank you for all the work", "thanks for your hard work", "Keep
/// up the good work.": the campaign's work, praised, not a workplace.
fn thanks_for_the_work(before: &str, m: &regex::Match<'_>, after: &str) -> bool {
    static FOR_THE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:for\s+(?:all\s+)?(?:the|your|this|that|their)|keep\s+up\s+the)\s+(?:\w+\s+)?$")
            .expect("static regex")
    });
    static A_PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:address|postcode|post\s+code|place|building)")
            .expect("static regex")
    });
    m.as_str().eq_ignore_ascii_case("work") && FOR_THE.is_match(before) && !A_PLACE.is_match(after)
}

/// "For my son's sake": whom the writer acts for, not whose place it is.
fn for_their_sake(after: &str) -> bool {
    static SAKE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s+sakes?\b").expect("static regex"));
    SAKE.is_match(after)
}

/// A relative of the writer's: "my mum", "my nan".
pub(super) static RELATIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\bmy\s+(?:{RELATIONS})\b")).expect("static regex"));

/// "I live with my husband and our daughter at …", "… YO24 2XW, with my
/// wife and our two daughters", "… DD3 8LG, with two other doctors":
/// family or flatmates named as who the supporter lives with say nothing
/// against the home.
fn lives_with(before: &str, m: &regex::Match<'_>) -> bool {
    static LIVE_WITH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)\b(?:live|lives|living|stay|staying)\s+with\b|\bwith\s+(?:{SHARED_WITH}[^.,;!?]{{0,30}})?$",
        ))
        .expect("static regex")
    });
    static FAMILY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^(?:my\s+)?(?:parents|daughter|son|sister|brother|friend|doctors|nurses|students|{RELATIONS})"
        ))
        .expect("static regex")
    });
    FAMILY.is_match(m.as_str()) && LIVE_WITH.is_match(before)
}

/// "My husband and I have lived at …", "my husband Keith and I are at
/// …", "me and my husband are at …", "my nan told me about this": a
/// relative who shares the home with the writer, who told them of the
/// campaign or who says something of them, says nothing against it.
fn with_the_writer(before: &str, m: &regex::Match<'_>, after: &str) -> bool {
    static ME_AND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:me|i|myself)\s+(?:and|&)\s+(?:my\s+|the\s+)?$").expect("static regex")
    });
    // The relative's name may come between: "my husband Keith and I".
    const NAMED: &str = r"(?i)^(?:,?\s+(?-i:\p{Lu}[\p{L}'’-]*)){0,2},?\s+";
    static AND_I_OR_TOLD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"{NAMED}(?:(?:and|&)\s+(?:i|me|myself)|told|sent|showed|shared|forwarded|mentioned|said)\b"))
            .expect("static regex")
    });
    // "… the postcode, which my wife says is typical: EX10 9LY": what the
    // relative says about the writer; "my mum says her postcode is" is
    // about her own.
    static SAYS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"{NAMED}(?:says|thinks|reckons|jokes|tells\s+me|reminds\s+me)\b"
        ))
        .expect("static regex")
    });
    static THEIRS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:her|his|their|theirs|she|he|they)\b").expect("static regex")
    });
    ME_AND.is_match(before)
        || (RELATIVE.is_match(m.as_str())
            && (AND_I_OR_TOLD.is_match(after) || SAYS.is_match(after) && !THEIRS.is_match(after)))
}

/// "it's the work email", "from my work account": work named as the
/// mailbox written from, not as where the postcode is.
fn names_the_mailbox(m: &regex::Match<'_>, after: &str) -> bool {
    static MAILBOX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s+(?:e-?mail|account|computer|laptop|phone|pc|mobile)\b")
            .expect("static regex")
    });
    m.as_str().eq_ignore_ascii_case("work") && MAILBOX.is_match(after)
}

/// "where I'm registered to vote and with a GP", "registered with a GP
/// and to vote here": a GP the writer is registered with where they
/// vote is no other place.
fn registered_alongside(before: &str, m: &regex::Match<'_>, after: &str) -> bool {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\bregistered\s+to\s+vote\s+(?:here\s+)?(?:and|&)\s+(?:with\s+)?(?:a|the|my)\s+$",
        )
        .expect("static regex")
    });
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s+(?:and|&)\s+(?:to\s+)?vote\b").expect("static regex")
    });
    m.as_str().eq_ignore_ascii_case("gp")
        && (BEFORE.is_match(before)
            || (AFTER.is_match(after) && before.to_lowercase().contains("registered")))
}

/// Whether the words before a match negate it ("not the old one", "isn't
/// my work", "not on behalf of my practice"), the match following the
/// postcode or not.
pub(super) fn is_negated(before: &str, after: &str, follows: bool) -> bool {
    static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:not|isn['’]?t|is\s+not|never|rather\s+than|instead\s+of)\s+(?:to\s+|at\s+|on\s+behalf\s+of\s+|for\s+|from\s+)?(?:the\s+|my\s+|our\s+|an?\s+|at\s+)?$",
        )
        .expect("static regex")
    });
    // "use the new address, not the old one in Devizes (…)": a contrast,
    // which leaves the words after it standing for the postcode they lead
    // to; but after this one ("… MK18 1BN, not to the practice") and
    // before a colon or dash ("my home address, not work: 52 Clive Street
    // …", "to my home, not work - 31 Lavender Hill") it
    // sets this one apart from them.
    // Nor set in commas before the verb leading to it ("My home address,
    // not the hospital's, is 47 Moorland Terrace").
    static SET_IN_COMMAS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:['’]s)?\s*,\s*(?:is|are|was)\b").expect("static regex")
    });
    // "… and not the old one in Sandbach (…)" contrasts as the comma does.
    static CONTRAST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(?:,|\band|\bbut)$").expect("static regex"));
    NEGATION.find(before).is_some_and(|m| {
        !CONTRAST.is_match(before[..m.start()].trim_end())
            || follows
            || after.trim_start().starts_with([':', '-', '–', '—'])
            || SET_IN_COMMAS.is_match(after)
    })
}
