//! UK postcodes: recognising them in what people type, and knowing which
//! ones have no Westminster MP.
//!
//! The format is BS 7666 (outward code `A9`, `A99`, `A9A`, `AA9`, `AA99` or
//! `AA9A`, then inward code `9AA`) with the Royal Mail letter rules, plus the
//! special codes: `GIR 0AA`, BFPO numbers, the overseas territories' codes.
//! Jersey, Guernsey and the Isle of Man (JE, GY, IM) are Crown Dependencies
//! with postcodes but no seat in Parliament.
//!
//! People slip: a letter O typed for a zero, an I for a one. A slip is fixed
//! only where the format leaves exactly one reading (`SW1A OAA` can only be
//! `SW1A 0AA`: an inward code starts with a digit). Look-alike letters from
//! other scripts (Cyrillic `А`, Greek `Ο`) are reported, never converted: a
//! postcode that only matches after such a swap is not what the sender typed
//! on a UK keyboard. Pure: no I/O.

use std::collections::BTreeSet;
use std::fmt;

/// Where a postcode is, as far as Westminster is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// England, Scotland, Wales or Northern Ireland: a constituency exists.
    Uk,
    /// Jersey, Guernsey, the Isle of Man.
    CrownDependency,
    /// British Forces Post Office (BFPO numbers, BF1 codes).
    Forces,
    /// British Overseas Territories with UK-style codes.
    OverseasTerritory,
    /// `GIR 0AA`: a postcode for an organisation, not a place.
    NonGeographic,
}

/// A postcode in canonical form: upper case, one space before the inward
/// code (`BR8 7RE`, `BFPO 794`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Postcode {
    text: String,
    place: Place,
}

impl Postcode {
    /// Parse a whole string as one postcode, in any case and spacing,
    /// fixing unambiguous O/0 and I/1 slips.
    pub fn parse(input: &str) -> Option<Postcode> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if !compact.is_ascii() {
            return None;
        }
        parse_compact(&compact).map(|(postcode, _)| postcode)
    }

    /// Whether a word is an outward code alone ("NR2"), in capitals, of an
    /// area that exists: what a supporter who forgot the rest writes.
    pub fn is_outward(word: &str) -> bool {
        word.len() <= 4
            && word
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && is_valid(word, "1AA")
    }

    /// The canonical text, e.g. `BR8 7RE`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Where the postcode is.
    pub fn place(&self) -> Place {
        self.place
    }

    /// The outward code (`BR8` of `BR8 7RE`).
    pub fn outward(&self) -> &str {
        self.text.split(' ').next().unwrap_or(&self.text)
    }
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// What was found at one place in a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A postcode; `fixed` says an O/0 or I/1 slip was corrected.
    Postcode { postcode: Postcode, fixed: bool },
    /// Something that would be a postcode if its look-alike letters from
    /// another script were Latin.
    LookAlike,
}

/// A postcode-shaped thing in a line, with its byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub found: Found,
    pub start: usize,
    pub end: usize,
}

/// Whether `text` holds a whole postcode, not only its outward code.
pub fn holds_postcode(text: &str) -> bool {
    find_all(text)
        .iter()
        .any(|hit| matches!(hit.found, Found::Postcode { .. }))
}

/// Find every postcode-shaped run in `text`, left to right, without
/// overlaps: one word (`br87re`), two words apart by spaces, a hyphen or
/// one line break (`SW11-5ST`, `rh12 - 5ht`, an outward code ending one
/// line and the inward code starting the next), or single characters
/// spelled out (`T Q 1  1 R E`).
pub fn find_all(text: &str) -> Vec<Hit> {
    // Every postcode holds an ASCII digit, and what is read from a word
    // (a pair, a postcode spelled out, the word alone) lies within the
    // `SPELLED_OUT_MAX` words from it: words further than that from any
    // word with a digit, most of a mail, are passed over unread.
    if !has_digit(text) {
        return Vec::new();
    }
    let tokens = tokens(text);
    let with_digit: Vec<usize> = (0..tokens.len())
        .filter(|&k| has_digit(&text[tokens[k].0..tokens[k].1]))
        .collect();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(&next_digit) = with_digit.get(with_digit.partition_point(|&k| k < i)) else {
            break;
        };
        if next_digit >= i + SPELLED_OUT_MAX {
            i = next_digit + 1 - SPELLED_OUT_MAX;
        }
        let word = |k: usize| &text[tokens[k].0..tokens[k].1];
        if let Some(next) = tokens.get(i + 1)
            && joins_pair(&text[tokens[i].1..next.0])
            && let Some(found) = candidate_pair(word(i), word(i + 1))
        {
            hits.push(Hit {
                found,
                start: tokens[i].0,
                end: next.1,
            });
            i += 2;
            continue;
        }
        if let Some((found, used)) = spelled_out(text, &tokens[i..]) {
            hits.push(Hit {
                found,
                start: tokens[i].0,
                end: tokens[i + used - 1].1,
            });
            i += used;
            continue;
        }
        if (5..=7).contains(&word(i).chars().count())
            && let Some(found) = candidate(word(i))
        {
            hits.push(Hit {
                found,
                start: tokens[i].0,
                end: tokens[i].1,
            });
        }
        i += 1;
    }
    hits
}

/// The most pieces a postcode is spelled out in (`T Q 1 1 R E` is six).
const SPELLED_OUT_MAX: usize = 7;

/// Whether the text between two words may sit inside one postcode:
/// spaces, at most one hyphen and at most one line break, five characters
/// at most.
fn joins_pair(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().count() <= 5
        && gap.chars().all(|c| matches!(c, ' ' | '-' | '\n'))
        && gap.matches('-').count() <= 1
        && gap.matches('\n').count() <= 1
}

/// A postcode spelled out in short pieces apart by one to three spaces
/// (`T Q 1  1 R E`, `W V 13 2 D S`, `se18  9 qb`): three to seven pieces
/// of at most four characters, five to seven in all, the inward code
/// starting a piece of its own. The longest run that is one postcode.
/// Returns how many tokens it used.
fn spelled_out(text: &str, tokens: &[(usize, usize)]) -> Option<(Found, usize)> {
    let short = |t: &(usize, usize)| text[t.0..t.1].chars().count() <= 4;
    let mut run = 0;
    while run < tokens.len().min(SPELLED_OUT_MAX) && short(&tokens[run]) {
        if run > 0 {
            let gap = &text[tokens[run - 1].1..tokens[run].0];
            if gap.is_empty() || gap.len() > 3 || !gap.bytes().all(|b| b == b' ') {
                break;
            }
        }
        run += 1;
    }
    // Every postcode holds a digit (see `candidate`): most runs of short
    // words ("I am at the") are let go here, before any is joined.
    if run < 3 || !has_digit(&text[tokens[0].0..tokens[run - 1].1]) {
        return None;
    }
    (3..=run).rev().find_map(|n| {
        let pieces: Vec<&str> = tokens[..n].iter().map(|t| &text[t.0..t.1]).collect();
        let joined: String = pieces.concat();
        let length = joined.chars().count();
        if !(5..=7).contains(&length) {
            return None;
        }
        // The inward code (its last three characters) begins a piece.
        let mut before = 0;
        let inward_starts_a_piece = pieces.iter().any(|p| {
            let at = before;
            before += p.chars().count();
            at == length - 3
        });
        if !inward_starts_a_piece {
            return None;
        }
        match candidate(&joined)? {
            found @ Found::Postcode { .. } => Some((found, n)),
            Found::LookAlike => None,
        }
    })
}

/// Whether `text` holds an ASCII digit, as every postcode does.
fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

/// Split a line into runs of letters and digits, as byte ranges.
fn tokens(line: &str) -> Vec<(usize, usize)> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        // An apostrophe inside a word keeps it one ("It's N2 8NJ" has no
        // "s" to start a postcode spelled out).
        let in_word = c.is_alphanumeric()
            || (start.is_some()
                && matches!(c, '\'' | '’')
                && line[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric));
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((s, line.len()));
    }
    tokens
}

fn candidate_pair(first: &str, second: &str) -> Option<Found> {
    let (n1, n2) = (first.chars().count(), second.chars().count());
    let bfpo = first.eq_ignore_ascii_case("BFPO") && (1..=4).contains(&n2);
    if !(bfpo || (2..=4).contains(&n1) && n2 == 3) {
        return None;
    }
    // A word typed as a word is no outward code with a slip in it: "ab31
    // 5ul not 5lu" holds no "N0T 5LU".
    const WORDS: [&str; 6] = ["not", "no", "so", "to", "too", "got"];
    if !has_digit(first) && !has_digit(second) {
        return None;
    }
    let found = candidate(&format!("{first}{second}"));
    let fixed = matches!(found, Some(Found::Postcode { fixed: true, .. }));
    if fixed && WORDS.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    found
}

fn candidate(word: &str) -> Option<Found> {
    // Every postcode's inward code starts with a digit, and no slip is
    // fixed in one typed without any (`parse_compact`): a word without
    // one, most words, is no postcode.
    if !has_digit(word) {
        return None;
    }
    let upper: String = word.chars().flat_map(char::to_uppercase).collect();
    if upper.is_ascii() {
        // A slip is fixed only in a postcode typed in one case: "not 3FQ"
        // is a word and half a postcode, not "N0T 3FQ".
        let mixed_case = word.chars().any(|c| c.is_ascii_lowercase())
            && word.chars().any(|c| c.is_ascii_uppercase());
        return parse_compact(&upper)
            .filter(|&(_, fixed)| !(fixed && mixed_case))
            .map(|(postcode, fixed)| Found::Postcode { postcode, fixed });
    }
    let latin: String = upper.chars().map(latin_look_alike).collect();
    (latin.is_ascii() && parse_compact(&latin).is_some()).then_some(Found::LookAlike)
}

/// Map Cyrillic and Greek capitals that look like Latin ones; leave the rest.
fn latin_look_alike(c: char) -> char {
    match c {
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'С' | 'Ϲ' => 'C',
        'Е' | 'Ε' => 'E',
        'Н' | 'Η' => 'H',
        'І' | 'Ι' | 'Ӏ' => 'I',
        'Ј' => 'J',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Ν' => 'N',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'Ԛ' => 'Q',
        'Ѕ' => 'S',
        'Т' | 'Τ' => 'T',
        'Ԝ' => 'W',
        'Х' | 'Χ' => 'X',
        'У' | 'Υ' | 'Ү' => 'Y',
        'Ζ' => 'Z',
        other => other,
    }
}

const OVERSEAS: [&str; 9] = [
    "ASCN", "STHL", "TDCU", "BBND", "BIQQ", "FIQQ", "SIQQ", "PCRN", "TKCA",
];

/// Parse upper-case ASCII letters and digits with no spaces. Returns the
/// postcode and whether a slip was fixed.
fn parse_compact(s: &str) -> Option<(Postcode, bool)> {
    if let Some(number) = s.strip_prefix("BFPO") {
        let digits = (1..=4).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit());
        return digits.then(|| {
            (
                Postcode {
                    text: format!("BFPO {number}"),
                    place: Place::Forces,
                },
                false,
            )
        });
    }
    if !(5..=8).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let (outward, inward) = s.split_at(s.len() - 3);
    if s == "GIR0AA" {
        return Some((postcode(outward, inward, Place::NonGeographic), false));
    }
    if OVERSEAS.contains(&outward) && inward == "1ZZ" {
        return Some((postcode(outward, inward, Place::OverseasTerritory), false));
    }
    if outward.len() > 4 {
        return None;
    }
    if is_valid(outward, inward) {
        return Some((postcode(outward, inward, place_of(outward)), false));
    }
    // A slip can only be fixed in a postcode that has a real digit somewhere.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let inward = conform(inward, "9AA")?;
    let readings: BTreeSet<String> = shapes(outward.len())
        .iter()
        .filter_map(|shape| conform(outward, shape))
        .filter(|o| is_valid(o, &inward))
        .collect();
    match readings.len() {
        1 => readings
            .into_iter()
            .next()
            .map(|o| (postcode(&o, &inward, place_of(&o)), true)),
        _ => None,
    }
}

fn postcode(outward: &str, inward: &str, place: Place) -> Postcode {
    Postcode {
        text: format!("{outward} {inward}"),
        place,
    }
}

fn place_of(outward: &str) -> Place {
    match outward.get(..2) {
        Some("JE" | "GY" | "IM") => Place::CrownDependency,
        Some("BF") => Place::Forces,
        Some("GX") => Place::OverseasTerritory,
        _ => Place::Uk,
    }
}

fn shapes(len: usize) -> &'static [&'static str] {
    match len {
        2 => &["A9"],
        3 => &["A99", "A9A", "AA9"],
        4 => &["AA99", "AA9A"],
        _ => &[],
    }
}

/// Bend `s` into `shape` (`A` a letter, `9` a digit) by swapping O/0 and I/1
/// where the shape demands the other class.
fn conform(s: &str, shape: &str) -> Option<String> {
    if s.len() != shape.len() {
        return None;
    }
    s.chars()
        .zip(shape.chars())
        .map(|(c, want)| match (want, c) {
            ('A', c) if c.is_ascii_uppercase() => Some(c),
            ('A', '0') => Some('O'),
            ('A', '1') => Some('I'),
            ('9', c) if c.is_ascii_digit() => Some(c),
            ('9', 'O') => Some('0'),
            ('9', 'I') => Some('1'),
            _ => None,
        })
        .collect()
}

/// The postcode areas in use: the 121 of the UK, the Crown Dependencies
/// (GY, JE, IM), British Forces (BF) and Gibraltar (GX). Anything else with
/// a postcode's shape ("C4 2ND" in "Block C4 2nd floor") is no postcode.
const AREAS: [&str; 126] = [
    "AB", "AL", "B", "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF",
    "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY",
    "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GX", "GY", "HA", "HD", "HG", "HP",
    "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD",
    "LE", "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW",
    "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK",
    "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR",
    "TS", "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];

/// Check an outward and inward code against the BS 7666 shapes and the
/// Royal Mail letter rules.
fn is_valid(outward: &str, inward: &str) -> bool {
    let o = outward.as_bytes();
    let i = inward.as_bytes();
    let letter = |b: u8| b.is_ascii_uppercase();
    let digit = |b: u8| b.is_ascii_digit();
    if i.len() != 3 || !digit(i[0]) || !i[1..].iter().all(|&b| letter(b) && !b"CIKMOV".contains(&b))
    {
        return false;
    }
    if o.is_empty() || !letter(o[0]) || b"QVX".contains(&o[0]) {
        return false;
    }
    let area_len = if o.len() > 1 && letter(o[1]) { 2 } else { 1 };
    if !AREAS.contains(&&outward[..area_len]) {
        return false;
    }
    match o.len() {
        2 => digit(o[1]),
        3 if digit(o[1]) => digit(o[2]) || b"ABCDEFGHJKPSTUW".contains(&o[2]),
        3 => letter(o[1]) && !b"IJZ".contains(&o[1]) && digit(o[2]),
        4 => {
            letter(o[1])
                && !b"IJZ".contains(&o[1])
                && digit(o[2])
                && (digit(o[3]) || b"ABEHMNPRVWXY".contains(&o[3]))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
