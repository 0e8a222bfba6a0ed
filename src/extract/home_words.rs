//! The words about whose home a postcode is: what leads to an address
//! ("I live at", "my address is"), what says a postcode is the supporter's
//! home or is not ("my GP", "our office", "the old one", a sentence about
//! a relative), and what says a mail is written for someone else ("on
//! behalf of my dad"). Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use super::words::re;

/// Words that introduce the supporter's address, up to where it starts:
/// "I live at", "we're at", "my address is", "my address being", "her
/// home address is:", "pls send letters to", "Cyfeiriad:", "rwy'n byw
/// yn"; "address" also as it is often misspelt ("my adress is").
pub(crate) static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)
        \b(?:
            (?:i|we|they|she|he|mum|dad|(?:my|our)\s+\w+)\s+(?:now\s+|currently\s+|still\s+)?(?:live|lives|stay|stays|reside|resides|bide|bides)\s+(?:at|in)
          | (?:i|we|they)(?:['’]ve|\s+have)\s+(?:lived|been)\s+at
          | (?:living|staying|residing|based)\s+at | (?:just\s+|recently\s+)?moved\s+(?:in\s+)?to
          | (?:i['’]?m|i\s+am|we['’]?re|we\s+are|they['’]?re|she['’]?s|he['’]?s|she\s+is|he\s+is|im)\s+(?:now\s+|up\s+|down\s+|over\s+|out\s+)?at
          | (?:my|our|her|his|their|the)\s+(?:full\s+|home\s+|postal\s+|new\s+|current\s+|present\s+|street\s+|own\s+)*(?:address|adress|addres|details|house|home|flat|place|farm|croft|cottage|vicarage|rectory|manse)(?:\s+for\s+the\s+letters)?(?:\s+(?:now|these\s+days|currently))?\s*(?:is|are|being|:|-|–|['’]s\b)\s*(?:now\s+)?(?:at\s+)?:?
          | (?:home|address|adress|addres|house)(?:\s+for\s+(?:me|us))?(?:\s+is|\s+:|['’]s)(?:\s+now)?\s*:?
          | (?:my|our)\s+(?:\w+\s+)?address\s+(?:in|at|for|while|during|up|down)\s+[^:.,\n]{1,25}:
          | where\s+(?:i|we)\s+(?:actually\s+|now\s+|really\s+)?(?:live|stay)\s+(?:now\s+)?is
          | (?:a|the)\s+resident\s+of | reach\s+(?:me|us)\s+at | write\s+to\s+me\s+at | post\s+to
          | (?:from|to|at)\s+(?:my|our)\s+(?:home|house|farm|croft|cottage|bungalow)(?:\s+address)?\s*[,:–-](?:\s*which\s+is)?
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
      | home\s+address | home\s+is | (?:^|[.!?]\s+)home['’]s | ^home\s*:\s* | at\s+home | new\s+(?:address|postcode|home) | moved\s+to | moved\s+(?:\w+,?\s+){0,3}from\s+(?:[\w'’-]+,?\s+){1,3}to | now\s+at | reside
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

/// The people a carer, support worker or care home writes for: "one of
/// my clients", "one of our residents".
pub(crate) const CARED_FOR: &str = r"clients?|residents?|service\s+users?|tenants?|patients?";

/// "It's Ellie on mum's email", "using my husband's account": the From
/// line names the account's owner, not the writer.
pub(crate) static ANOTHERS_ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:on|using|from|via)\s+(?:my\s+)?(?:{RELATIONS}|son|daughter|sister|brother|friend)['’]?s?\s+(?:e-?mail|account|phone|laptop|computer|i?pad|tablet)\b"
    ))
});

/// "… writing for my mum", "on behalf of": the letters are for someone
/// else, whose home is the one that counts.
pub(crate) static PROXY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?ix)\b(?:on\s+behalf\s+of | (?:writing|emailing|doing\s+(?:this|it)|sending\s+(?:this|it))\s+on\s+(?:her|his|their)\s+behalf | (?:writing|emailing)\s+(?:this\s+)?for | (?:doing|sending|filling)\s+(?:this|it)\s+for | (?:do|send|fill|type|typing)\s+(?:this|it)(?:\s+in|\s+out)?\s+for\s+(?:her|him|them|my)\b | asked\s+me\s+to\s+(?:send|write|email|do|get|request|ask\s+for|sort) | for\s+my\s+(?:{RELATIONS}|client)
        | (?:my|our)\s+(?:{RELATIONS}|{CARED_FOR})\b[^.!?]{{0,40}}\s(?:would\s+like|wants?|are\s+asking\s+for|is\s+asking\s+for)\s+(?:to\s+(?:send|have|get|do)\s+)?(?:the\s+|some\s+)?letters
        | (?:put|sign)\s+(?:her|his|their)\s+names?\s+(?:down|up|forward)
        | (?:wants?|like|happy\s+for)\s+(?:them|the\s+letters|letters|it)\s+(?:to\s+be\s+)?in\s+(?:her|his|their)\s+(?:own\s+)?names?
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
    // "My mum is keen too but she isn't on email": someone besides the
    // writer, whose letters the mail is not for.
    static BESIDES: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:too|as\s+well|also)\b"));
    // "These ones are for me", "So this is just from me.", "… but please
    // just send mine for now": whatever else is said of another's.
    static ONES_FOR_ME: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?ix)
            \b(?:these|this|they|the\s+letters)\s+(?:ones?\s+)?(?:are|is)\s+(?:just\s+|only\s+|all\s+)?(?:for\s+me\b|from\s+me\s*(?:[.!,;]|$))
          | \b(?:just|only)\s+(?:send\s+|do\s+|want\s+)?mine\b
          | \bsend\s+mine\s+(?:for\s+now|first)\b")
    });
    if ONES_FOR_ME.is_match(text) {
        return false;
    }
    let mourning = IN_MEMORY.is_match(text);
    PROXY.find_iter(text).any(|m| {
        let after = &text[m.end()..];
        let sentence = &text[text[..m.start()]
            .rfind(['.', '!', '?', '\n'])
            .map_or(0, |i| i + 1)..m.start()];
        let not_for_them = CARER.is_match(&text[..m.start()])
            || (mourning && FOR_THEM.is_match(after))
            || FOR_ME.is_match(after)
            || BESIDES.is_match(sentence);
        !not_for_them
    })
}

/// Third-person words for a proxy's postcode ("her address", "mum lives").
pub(crate) static FOR_PROXY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?ix)\b(?:her|his|their)\s+(?:home|address|postcode|post\s+code|house|details)
        | \b(?:she|he|they|mum|dad|mother|father|gran|grandad|husband|wife)\s+(?:lives|live|stays|is\s+at|are\s+at)
        | \b(?:she|he)['’]s\s+at\b | \bthey['’]re\s+at\b
        | \b(?:she|he)(?:['’]s|\s+is)\s+(?-i:(?:Mrs|Mr|Ms|Miss|Dr)\b|\p{Lu}\p{Ll}+\s+\p{Lu})
        | \b(?:mum|mom|mother|dad|father|gran|grandad|husband|wife)['’]?s\s+(?:home|address|postcode|house)",
    )
});

/// "The postcode is in the subject", "postcode's in the subject line",
/// "see subject": the body points to the subject's postcode.
pub(crate) static POINTS_TO_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:post\s*code|it)(?:['’]s|\s+is)?\s+(?:in|on)\s+the\s+subject\b|\bsee\s+(?:the\s+)?subject\b|\bpost\s*code\s+in\s+subject\b",
    )
});

/// "My mum has Parkinson's and moved into Windrush Lodge … (GL54 2PG,
/// …)": a sentence (or a clause after a comma: "I'm a pharmacist, and my
/// dad has been in a nursing home …") opened by a relative of the
/// writer's, who is not its subject anywhere before the postcode, is
/// about the relative's place,
/// however far the postcode comes after. "My husband and I live at …",
/// or "My wife sent hers off and now it's my turn …" run on unpunctuated,
/// is the writer's.
pub(crate) fn relatives_sentence(before: &str) -> bool {
    static OPENS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)(?:^\s*(?:(?:and|but|so)\s+)?|,\s*(?:and|but|so)\s+)my\s+(?:{RELATIONS})\b"
        ))
        .expect("static regex")
    });
    static THE_WRITER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:i|we|me|us|our|my|mine|i['’](?:m|ve|d)|we['’](?:re|ve))\b")
            .expect("static regex")
    });
    OPENS
        .find(before)
        .is_some_and(|m| !THE_WRITER.is_match(&before[m.end()..]))
}
