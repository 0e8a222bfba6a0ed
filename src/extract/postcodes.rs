//! Which postcode is the supporter's: every postcode in every zone is a
//! candidate, scored by the zone's trust, a label, where it stands on its
//! line, and the words of its own clause for it ("I live at", "my
//! address") or against it ("my GP", "our office", "the old one"). A weak
//! mention loses to a strong one wherever it stands; one with words only
//! against it is never chosen. One written after words correcting
//! another outweighs it ([`super::correction`]). Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::postcode::{self, Found, Postcode};

use super::clause::{clause_end, clause_start};
use super::correction::correction;
use super::home_words::relatives_sentence;
use super::not_against::{RELATIVE, is_negated, says_nothing_against};
use super::words::{AGAINST_HOME, FOR_HOME, FOR_PROXY, POINTS_TO_SUBJECT};
use super::zones::{Zone, ZoneKind};

/// Below this a candidate is never the supporter's.
const REJECT_BELOW: i32 = -30;

/// One postcode found in one zone.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub postcode: Postcode,
    /// Index of the zone in the list given to [`choose`].
    pub zone: usize,
    /// Byte range in the zone's text.
    pub start: usize,
    score: i32,
    /// Its clause says it is the home of the person written for ("her
    /// address", "He's Mr …"), in a mail written for someone else.
    pub theirs: bool,
}

/// What the search found: the best candidate, and whether anything that
/// would be a postcode with Latin letters was seen.
#[derive(Debug, Default)]
pub(crate) struct Choice {
    pub best: Option<Candidate>,
    /// Where else the best postcode is written, in the order written: a
    /// correction may name it in a sentence and again under the address.
    pub also_at: Vec<Candidate>,
    /// Postcodes whose own words disown them ("my old address", "my GP"):
    /// the address written with one is not the supporter's either.
    pub disowned: Vec<Candidate>,
    /// The postcodes the best one puts right by one letter ("… Dundee DD5
    /// 2NR" / "Sorry that's wrong, it's DD5 2NS"): the address written
    /// with one is the supporter's.
    pub mistyped: Vec<Candidate>,
    pub look_alike: bool,
}

/// Score every postcode in `zones` and pick the supporter's. `labelled`
/// are postcodes read from a label; `proxy` says the mail is written for
/// someone else, whose home ("her address") is the one that counts.
pub(crate) fn choose(zones: &[Zone], labelled: &[Postcode], proxy: bool) -> Choice {
    let mut choice = Choice::default();
    let mut found = Vec::new();
    for (z, zone) in zones.iter().enumerate() {
        for hit in postcode::find_all(&zone.text) {
            match hit.found {
                Found::LookAlike => choice.look_alike = true,
                Found::Postcode { postcode, .. } => found.push((z, postcode, hit.start, hit.end)),
            }
        }
    }
    // A correction counts only against another postcode.
    let distinct = found
        .iter()
        .any(|(_, p, ..)| found.first().is_some_and(|f| f.1 != *p));
    let their_home_given = proxy
        && zones
            .iter()
            .any(|z| z.kind == ZoneKind::Own && FOR_PROXY.is_match(&z.text));
    // "The postcode is in the subject": the subject's outweighs a mention
    // in the body ("my brother … in Laurieston (FK2 9NQ)").
    let pointed_to = zones.iter().any(|z| {
        matches!(z.kind, ZoneKind::Own | ZoneKind::Tail) && POINTS_TO_SUBJECT.is_match(&z.text)
    });
    let mut all = Vec::new();
    for (z, postcode, start, end) in found {
        let zone = &zones[z];
        let (words, theirs) = context(zone, start, end, proxy);
        // A label in quoted mail is what the supporter wrote before, which
        // their new words may correct.
        let label = labelled.contains(&postcode) && zone.kind != ZoneKind::QuotedAnswers;
        // Written for someone else whose home is given ("She lives at 9
        // Aughton Street"), the block under the sign-off is the writer's
        // own ("Thanks, Steve" / "Steve Ashcroft" / "4 Gibbet Hill Road,
        // Coventry CV4 7BU").
        let writers_own =
            their_home_given && matches!(zone.kind, ZoneKind::Tail | ZoneKind::Signature) && !label;
        let score = zone_weight(zone.kind)
            + if writers_own { -60 } else { 0 }
            + if pointed_to && zone.kind == ZoneKind::Subject { 60 } else { 0 }
            // "Postcode: not sure, our old one was SA12 8BE": a label
            // vouches for no postcode its own line disowns.
            + if label && !disowned_on_its_line(&zone.text, start) { 40 } else { 0 }
            + position(&zone.text, start, end)
            + words
            + if distinct {
                correction(&zone.text, start, &postcode, proxy)
            } else {
                0
            };
        all.push(Candidate {
            postcode,
            zone: z,
            start,
            score,
            theirs,
        });
    }
    // Highest score wins; among equals the first written.
    choice.best = all
        .iter()
        .filter(|c| c.score > REJECT_BELOW)
        .fold(None, |best: Option<&Candidate>, c| match best {
            Some(b) if b.score >= c.score => Some(b),
            _ => Some(c),
        })
        .cloned();
    choice.disowned = all
        .iter()
        .filter(|c| c.score <= REJECT_BELOW)
        .cloned()
        .collect();
    if let Some(best) = &choice.best {
        choice.mistyped = all
            .iter()
            .filter(|c| one_letter_apart(&best.postcode, &c.postcode))
            .cloned()
            .collect();
        choice.also_at = all
            .into_iter()
            .filter(|c| c.postcode == best.postcode && (c.zone, c.start) != (best.zone, best.start))
            .collect();
    }
    choice
}

/// Whether two postcodes share their outward code and differ in one
/// character of the inward code: a slip of the keyboard.
fn one_letter_apart(a: &Postcode, b: &Postcode) -> bool {
    let differing = a
        .as_str()
        .bytes()
        .zip(b.as_str().bytes())
        .filter(|(x, y)| x != y)
        .count();
    a.outward() == b.outward() && a.as_str().len() == b.as_str().len() && differing == 1
}

/// Whether words against a home stand before the postcode at `start` in
/// a Postcode field's value, not negated ("Postcode: not sure … Our old
/// one was SA12 8BE"). An Address field's words are the address's own
/// ("Flat 3, 17 Hospital Hill").
fn disowned_on_its_line(text: &str, start: usize) -> bool {
    static POSTCODE_FIELD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:(?:my|home|your)\s+)?(?:post\s*code|postal\s+code)\b")
            .expect("static regex")
    });
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    POSTCODE_FIELD.is_match(before)
        && AGAINST_HOME
            .find_iter(before)
            .any(|m| !is_negated(&before[..m.start()], &before[m.end()..], false))
}

fn zone_weight(kind: ZoneKind) -> i32 {
    match kind {
        ZoneKind::Own | ZoneKind::Tail => 0,
        ZoneKind::Forward => -5,
        ZoneKind::Signature => -10,
        ZoneKind::QuotedAnswers => -15,
        ZoneKind::Subject => -20,
    }
}

/// Ending its line, or standing alone on it, is where an address puts its
/// postcode.
fn position(text: &str, start: usize, end: usize) -> i32 {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let rest_of_line = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || ".,;:!()".contains(c))
            .is_empty()
    };
    // In brackets after other words ("… from Teynham (ME9 9PH)") it is an
    // aside, even where a hard wrap ends the line after it.
    let before = &text[line_start..start];
    let aside = before
        .trim_end()
        .strip_suffix('(')
        .is_some_and(|words| !words.trim().is_empty());
    let ends = !aside && rest_of_line(&text[end..line_end]);
    let alone = ends && rest_of_line(before);
    i32::from(ends) * 10 + i32::from(alone) * 5
}

/// The words of the postcode's own clause, before and after it: for the
/// supporter's home, or against it (the nearer decides when both are
/// there). Words in brackets belong to the bracket: a postcode inside one
/// is an aside about what comes just before it ("at the office (…, GL50
/// 1HQ)"), and words inside one are not about a postcode outside it
/// ("CF37 4BW (not the old one in Treforest)"). Words against that are
/// negated ("not the old one") are not against. A subject's brackets
/// hold no aside ("Count me in (SK8 5EA)"): it has nothing else to be
/// about. Also whether the words for it are about the person written for.
fn context(zone: &Zone, start: usize, end: usize, proxy: bool) -> (i32, bool) {
    let text = zone.text.as_str();
    let from = clause_start(text, start);
    let before = blank_brackets(&text[from..start]);
    // A block's lead-in line speaks for it, never against: "please put my
    // home address on the letters, not the office one below:".
    let with_lead = blank_brackets(&text[lead_in(text, from)..start]);
    let after = &text[end..clause_end(text, end)];
    let in_aside = before.rfind('(') > before.rfind(')');
    let after = if in_aside {
        after[..after.find(')').unwrap_or(after.len())].to_owned()
    } else {
        blank_brackets(after)
    };
    // Unpunctuated, a clause about another postcode may run on from this
    // one ("… blackwood np12 3us my daughter is in usk np15 2na"): its
    // words, from the new subject on, are the other postcode's.
    let after = match postcode::find_all(&after).first() {
        Some(next) => {
            let cut = NEW_SUBJECT
                .find(&after[..next.start])
                .map_or(after.len(), |m| m.start());
            after[..cut].to_owned()
        }
        None => after,
    };
    // Words turning to another place are about it ("…, so please don't
    // use our old address in Wakefield (…)").
    let after = match TURNS_TO_ANOTHER.find(&after) {
        Some(m) => after[..m.start()].to_owned(),
        None => after,
    };
    let after = if opens_another_clause(&after) {
        String::new()
    } else {
        after
    };
    // Distance to the nearest match in `before`, before the postcode
    // within `back` bytes or after it within `ahead`.
    let nearest = |before: &str,
                   re: &regex::Regex,
                   back: usize,
                   ahead: usize,
                   negatable: bool|
     -> Option<usize> {
        let kept = |text: &str, m: &regex::Match<'_>, follows: bool| {
            !(negatable && says_nothing_against(&text[..m.start()], m, &text[m.end()..], follows))
        };
        let before_it = re
            .find_iter(before)
            .filter(|m| kept(before, m, false))
            .map(|m| before.len() - m.end())
            .filter(|&d| d <= back)
            .min();
        let after_it = re
            .find_iter(&after)
            .filter(|m| kept(&after, m, true))
            .map(|m| m.start())
            .filter(|&d| d <= ahead)
            .min();
        before_it.into_iter().chain(after_it).min()
    };
    // Words for a home reach further back, into a block's lead-in line;
    // words against it stay in the clause.
    let for_words = |re: &regex::Regex| nearest(&with_lead, re, 150, 60, false);
    let against_words = |re: &regex::Regex, ahead: usize, negatable: bool| {
        nearest(&before, re, 60, ahead, negatable)
    };
    // Written for someone who shares the writer's home ("I am writing for
    // my husband … Our home address is …"), "our" home is theirs too.
    static SHARED_HOME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bour\s+(?:home|address|house)\b|\bwe\s+(?:both\s+)?live\b")
            .expect("static regex")
    });
    let (for_home, shared) = if proxy {
        let theirs = for_words(&FOR_PROXY);
        let shared = for_words(&SHARED_HOME);
        (
            theirs.into_iter().chain(shared).min(),
            theirs.is_none() && shared.is_some(),
        )
    } else {
        (for_words(&FOR_HOME), false)
    };
    if proxy && for_home.is_none() && for_words(&FOR_HOME).is_some() {
        // The writer's own home, in a mail written for someone else.
        return (-10, false);
    }
    let mut against = against_words(&AGAINST_HOME, 30, true);
    if proxy {
        // The writer's own, beside the home of the person written for
        // ("It's not the same as mine (I'm in Llanelli, SA15 3DT)").
        static WRITERS_OWN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\bmine\b|\bmy\s+own\b|\bi['’]?m\s+in\b|\bnot\s+the\s+same\b")
                .expect("static regex")
        });
        against = against
            .into_iter()
            .chain(against_words(&WRITERS_OWN, 30, false))
            .min();
    } else {
        // Someone else's home ("she lives at", "my mum is in a care home
        // up in Hartlepool"), in a mail for the writer.
        // A care home, in a mail for the writer, is a relative's; so is
        // where one went ("he went into Oakfield House in Moseley") or
        // lives ("She still lives on her own, at 6 Front Street").
        static RELATIVES_PLACE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\b(?:care|nursing|residential)\s+home\b|\b(?:he|she)\s+(?:went|moved|was\s+moved|has\s+(?:gone|moved))\s+(?:into|to)\b|\b(?:he|she)\s+(?:still\s+|now\s+)?(?:lives|is\s+living|stays)\b").expect("static regex")
        });
        against = against
            .into_iter()
            .chain(against_words(&FOR_PROXY, 30, true))
            .chain(against_words(&RELATIVE, 0, true))
            .chain(against_words(&RELATIVES_PLACE, 30, false))
            .chain(relatives_sentence(&before).then_some(before.len()))
            .min();
    }
    let about_another = in_aside && names_another_place(&before);
    // In a relative's sentence, words for a home are for theirs.
    let for_home = for_home.filter(|_| !about_another && (proxy || !relatives_sentence(&before)));
    let against = against.or(about_another.then_some(0));
    let aside = if in_aside && zone.kind != ZoneKind::Subject {
        -10
    } else {
        0
    };
    let score = aside
        + match (for_home, against) {
            (Some(_), None) => 25,
            (None, Some(_)) => -60,
            // The same words matched both ways ("not my home", "we were at"):
            // the longer, against, reading is the one meant.
            (Some(f), Some(a)) if f < a => 15,
            (Some(_), Some(_)) => -45,
            (None, None) => 0,
        };
    (score, proxy && score > 0 && for_home.is_some() && !shared)
}

/// Where the words of a clause starting at `from` start: a block set
/// apart under a line ending in a colon ("so please use my home
/// address:" / "" / "31 Fletton Avenue") is that line's.
fn lead_in(text: &str, from: usize) -> usize {
    let above = text[..from].trim_end();
    if from == 0 || above.len() == from || !above.ends_with(':') {
        return from;
    }
    let line = above.rfind('\n').map_or(0, |i| i + 1);
    clause_start(text, above.len()).max(line)
}

/// Whether the words right before an aside's bracket, in `before`, name
/// another place than the home ("from the office (we're at Unit 7, …)"):
/// the aside is about that place, and its words for a home are its own.
fn names_another_place(before: &str) -> bool {
    let open = before.rfind('(').unwrap_or(0);
    let lead = before[..open].trim_end();
    let lead = &lead[lead.floor_char_boundary(lead.len().saturating_sub(20))..];
    AGAINST_HOME
        .find_iter(lead)
        .any(|m| m.end() == lead.len() && !is_negated(&lead[..m.start()], "", false))
}

/// A new subject starting a clause: "my daughter", "our son", "she".
static NEW_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:my|our|his|her|their)\s+\w+|\b(?:she|he|they|we)\b")
        .expect("static regex")
});

/// Words turning from a postcode to another place ("don't use our old
/// address …", "ignore the previous one").
static TURNS_TO_ANOTHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:please\s+)?(?:(?:don['’]?t|do\s+not)\s+use|ignore|not)\s+(?:our|my|the|that)\s+(?:old|previous|former|other)\b")
        .expect("static regex")
});

/// Whether the words after a postcode open a clause of their own, not
/// about it: unpunctuated, a new sentence ("… LE4 9UF My daughter-in-law
/// told me", "… cr2 8af we moved from …"), or a line after it opening
/// with a new subject ("… ward end b8 2bn" over "my mum had her hospital
/// records …"); a clause of the writer's joined on ("… Harrow HA1 4EQ,
/// and I'm a GP at a practice in Erith", "…, and although I work at the
/// John Radcliffe …", "… TD14 5RG so it's all new, the
/// old address won't be on anything"); or a dash ("… EH47 7AX – please
/// don't use the office details below").
fn opens_another_clause(after: &str) -> bool {
    // Capitalised ("… RG21 7BT Please don't use the address in my
    // signature"), or a lower-case "i", "we" or "my", which are never a
    // postcode's words, even after a comma ("… SA66 7XT, my daughter lives
    // in Swansea").
    static NEW_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[,;]?\s*(?:(?:My|Our|His|Her|Their|She|He|They|We|I|Please|Thanks|Thank)\b|(?:i|im|i['’]m|ive|i['’]ve|id|i['’]d|we|we['’]re|were|we['’]ve|weve|my|our)\s)")
            .expect("static regex")
    });
    static NEW_LINE_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^[ \t.,]*\n\s*(?:my|our|we|i|she|he|they|his|her|their)\b")
            .expect("static regex")
    });
    static JOINED_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*[,;]?\s*(?:and|but|so|though|although|while|because)(?:\s+(?:although|though|while|because|since|when|if))?\s+(?:i|i['’]m|im|i['’]ve|we|we['’]re|we['’]ve|it['’]s|that['’]s|my|our)\s")
            .expect("static regex")
    });
    static DASH_ASIDE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[ \t]*(?:[–—]|\s-)\s").expect("static regex"));
    // How far another place is from the home ("…, about ten minutes from
    // the hospital where I work"): the words after it are that place's.
    static HOW_FAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*[,;]?\s*(?:about|around|roughly|only|just|nearly|under|less\s+than)?\s*(?:a|an|\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|a\s+few|a\s+couple\s+of)\s+(?:minutes?|mins?|miles?|hours?)(?:['’])?\s+(?:walk\s+|drive\s+)?(?:from|away\s+from|up\s+the\s+road\s+from)\b")
            .expect("static regex")
    });
    [
        &NEW_SENTENCE,
        &NEW_LINE_SUBJECT,
        &JOINED_CLAUSE,
        &DASH_ASIDE,
        &HOW_FAR,
    ]
    .iter()
    .any(|re| re.is_match(after))
}

/// `text` with every closed bracket and what it holds blanked out (same
/// length, so distances hold), but for one that qualifies a label; an
/// unclosed one is kept.
fn blank_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if let Some(from) = open {
                    out.push_str(&text[from..i]);
                }
                open = Some(i);
            }
            // A bracket before a colon qualifies its label ("Home address
            // (my parents', don't use this one): …"), and is kept.
            ')' if open.is_some() && text[i + 1..].trim_start().starts_with(':') => {
                out.push_str(&text[open.take().unwrap_or(i)..=i]);
            }
            ')' if open.is_some() => {
                let from = open.take().unwrap_or(i);
                out.extend(std::iter::repeat_n(' ', i + 1 - from));
            }
            _ if open.is_some() => {}
            _ => out.push(c),
        }
    }
    if let Some(from) = open {
        out.push_str(&text[from..]);
    }
    out
}

#[cfg(test)]
#[path = "postcodes_tests.rs"]
mod tests;
