//! Extraction of the supporter's name, postal address and postcode from
//! what they wrote, the way people actually write.
//!
//! The body is first cut into the supporter's own text, a sign-off tail, and
//! quoted or forwarded mail ([`segment`]); only the first two are read, and
//! forwarded mail only when it is the supporter's own. Then, in order of
//! trust: labelled fields ("Name:", "Post code -", "My postcode is …"), a
//! postcode on its own line or ending an address line with the address lines
//! above it, the subject line. The name comes from a label, "My name is",
//! the sign-off, the line above the address, or the From display name.
//!
//! Everything returned is cleaned ([`crate::text`]) and capped: a name at
//! 100 characters, an address at 300. Pure: no I/O.

mod segment;

use std::sync::LazyLock;

use regex::Regex;

use crate::inbound::Inbound;
use crate::postcode::{self, Found, Postcode};
use crate::text::{cap_chars, clean_block, clean_line, collapse_whitespace};

/// Longest name kept, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest address kept, in characters.
pub const MAX_ADDRESS_CHARS: usize = 300;

/// What was read from one message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    pub name: Option<String>,
    /// The address without name and postcode, one element per line or
    /// comma-separated part, as written.
    pub address: Vec<String>,
    pub postcode: PostcodeFinding,
}

/// The outcome of looking for a postcode.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PostcodeFinding {
    /// Nothing postcode-shaped.
    #[default]
    Missing,
    /// Only something that matches with look-alike letters from another
    /// script.
    LookAlike,
    Found(Postcode),
}

impl Extraction {
    /// The postcode, if one was found.
    pub fn postcode(&self) -> Option<&Postcode> {
        match &self.postcode {
            PostcodeFinding::Found(p) => Some(p),
            _ => None,
        }
    }

    /// How many of name, address and postcode were found.
    fn completeness(&self) -> u8 {
        u8::from(self.name.is_some())
            + u8::from(!self.address.is_empty())
            + u8::from(self.postcode().is_some())
    }

    /// The address on one line, parts joined with ", ".
    pub fn address_line(&self) -> Option<String> {
        (!self.address.is_empty()).then(|| self.address.join(", "))
    }
}

/// How much a postcode's position says it is the supporter's. Higher wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Subject,
    InLine,
    EndsLine,
    OwnLine,
    InLabelledAddress,
    Labelled,
}

#[derive(Clone, Debug)]
struct Candidate {
    postcode: Postcode,
    rank: Rank,
    /// Index of the line in the block it came from, and the text before it.
    line: usize,
    prefix: String,
}

/// Read the supporter's details from a message: from its text part, and
/// from its HTML part too when the text part leaves something out.
pub fn extract(inbound: &Inbound) -> Extraction {
    let from_text = extract_from(inbound, &inbound.body);
    match &inbound.html_alternative {
        Some(html) if from_text.completeness() < 3 => {
            let from_html = extract_from(inbound, &crate::html::to_text(html));
            if from_html.completeness() > from_text.completeness() {
                from_html
            } else {
                from_text
            }
        }
        _ => from_text,
    }
}

fn extract_from(inbound: &Inbound, body: &str) -> Extraction {
    let body = clean_block(body);
    let lines = undouble_spacing(body.lines().collect());
    let subject = clean_line(&inbound.subject);
    let is_forward = is_forward_subject(&subject);
    let segments = segment::segment(&lines, is_forward);
    let sender = inbound.sender.as_ref().map(|s| s.address.as_str());

    let mut found = read_block(&segments.own, &segments.tail, segments.signoff_name);

    // The supporter's own earlier mail, forwarded inline or attached.
    if found.postcode.is_none() {
        let own_forward = segments
            .forwarded
            .as_ref()
            .filter(|f| {
                f.from_address
                    .as_deref()
                    .zip(sender)
                    .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
            })
            .map(|f| f.body.iter().map(|l| l.to_string()).collect::<Vec<_>>())
            .or_else(|| {
                inbound
                    .attached
                    .iter()
                    .find(|m| {
                        m.from_address
                            .as_deref()
                            .zip(sender)
                            .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
                    })
                    .map(|m| clean_block(&m.body).lines().map(str::to_owned).collect())
            });
        if let Some(forward_lines) = own_forward {
            let forward_lines: Vec<&str> = forward_lines.iter().map(String::as_str).collect();
            let inner = segment::segment(&forward_lines, false);
            let inner_found = read_block(&inner.own, &inner.tail, inner.signoff_name);
            if inner_found.postcode.is_some() {
                found.merge_missing_from(inner_found);
            }
        }
    }

    if found.postcode.is_none()
        && let Some(hit) = first_postcode(&subject)
    {
        found.postcode = Some(Candidate {
            postcode: hit,
            rank: Rank::Subject,
            line: 0,
            prefix: String::new(),
        });
    }

    let from_name = inbound
        .sender
        .as_ref()
        .and_then(|s| s.name.as_deref())
        .and_then(display_name_as_name);
    let name = match found.name.take() {
        Some(name) if !name.contains(' ') => {
            // A first name alone: prefer the From display name when it is the
            // same person's full name.
            match &from_name {
                Some(full) if first_word_eq(full, &name) => Some(full.clone()),
                _ => Some(name),
            }
        }
        Some(name) => Some(name),
        None => from_name,
    };

    let address = cap_address(found.address);
    Extraction {
        name: name.map(|n| cap_chars(&n, MAX_NAME_CHARS)),
        address,
        postcode: match found.postcode {
            Some(c) => PostcodeFinding::Found(c.postcode),
            None if found.look_alike => PostcodeFinding::LookAlike,
            None => PostcodeFinding::Missing,
        },
    }
}

/// Outlook's text part puts an empty line after every paragraph and marks
/// a real blank line with a line holding a (no-break) space. When nearly
/// every line is followed by an empty one, drop the empty ones, so an
/// address written over several lines stays one block.
fn undouble_spacing(lines: Vec<&str>) -> Vec<&str> {
    let written = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let followed = lines
        .windows(2)
        .filter(|w| !w[0].trim().is_empty() && w[1].is_empty())
        .count();
    if written < 3 || followed * 10 < written * 8 {
        return lines;
    }
    lines.into_iter().filter(|l| !l.is_empty()).collect()
}

/// What one block of text yielded, before the From header is consulted.
#[derive(Debug, Default)]
struct Partial {
    name: Option<String>,
    address: Vec<String>,
    postcode: Option<Candidate>,
    look_alike: bool,
}

impl Partial {
    fn merge_missing_from(&mut self, other: Partial) {
        self.name = self.name.take().or(other.name);
        if self.address.is_empty() {
            self.address = other.address;
        }
        self.postcode = self.postcode.take().or(other.postcode);
    }
}

/// Read labelled fields and postcodes from the supporter's own lines, and
/// from the tail after their sign-off.
fn read_block(own: &[&str], tail: &[&str], signoff_name: Option<&str>) -> Partial {
    let mut lines: Vec<&str> = own.to_vec();
    // A work signature after the sign-off is never read; a personal block
    // (name, address) often is the whole request.
    let tail_readable = !looks_like_work_signature(tail);
    if tail_readable {
        lines.extend_from_slice(tail);
    }

    let mut partial = Partial::default();
    let labels = read_labels(&lines);
    partial.look_alike = labels.look_alike;
    partial.name = labels.name.clone();
    partial.address = labels.address.clone();

    let mut candidates = labels.postcodes;
    for (i, line) in lines.iter().enumerate() {
        if labels.consumed.get(i).copied().unwrap_or(false) {
            continue;
        }
        for hit in postcode::find_all(line) {
            match hit.found {
                Found::LookAlike => partial.look_alike = true,
                Found::Postcode { postcode, .. } => {
                    let before = line[..hit.start].trim();
                    let after = line[hit.end..]
                        .trim_matches(|c: char| c.is_whitespace() || ".,;!".contains(c));
                    let rank = match (before.is_empty(), after.is_empty()) {
                        (true, true) => Rank::OwnLine,
                        (false, true) => Rank::EndsLine,
                        _ => Rank::InLine,
                    };
                    let prefix = before
                        .trim_end_matches([',', ';', ':', '-'])
                        .trim()
                        .to_owned();
                    candidates.push(Candidate {
                        postcode,
                        rank,
                        line: i,
                        prefix,
                    });
                }
            }
        }
    }
    // Highest rank wins; among equals the first written.
    let best = candidates
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| a.rank.cmp(&b.rank).then(ib.cmp(ia)));
    partial.postcode = best.map(|(_, c)| c.clone());

    if let Some(candidate) = &partial.postcode
        && partial.address.is_empty()
        && candidate.rank != Rank::InLine
    {
        let (address, name_above) = address_above(&lines, &labels.consumed_labels, candidate);
        partial.address = address;
        if partial.name.is_none() {
            partial.name = name_above;
        }
    }

    // Name sources after labels: "My name is" was a label; then the
    // sign-off, then the line above the address (already set above when
    // nothing better existed).
    let signoff = signoff_name
        .map(str::to_owned)
        .or_else(|| {
            tail.iter()
                .map(|l| l.trim())
                .find(|l| !l.is_empty())
                .map(str::to_owned)
        })
        .filter(|n| is_name(n));
    if labels.name.is_none()
        && let Some(signoff) = signoff
    {
        partial.name = Some(collapse_whitespace(&signoff));
    }
    // The sign-off name is not part of the address it sits above.
    if let Some(name) = &partial.name {
        partial
            .address
            .retain(|part| !part.eq_ignore_ascii_case(name));
    }
    partial
}

/// Labelled fields found in a block.
#[derive(Debug, Default)]
struct Labels {
    name: Option<String>,
    address: Vec<String>,
    postcodes: Vec<Candidate>,
    look_alike: bool,
    /// Lines whose text was taken by a label (not searched again).
    consumed: Vec<bool>,
    /// Lines that hold a label of any kind (they end an unlabelled block).
    consumed_labels: Vec<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    NameAndAddress,
    Address,
    Postcode,
}

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*[*_]*
        (?P<label>
            (?:my\s+)?(?:full\s+|first\s+and\s+last\s+|your\s+)?name\s+and\s+(?:postal\s+|home\s+)?address
          | (?:my\s+|your\s+)?(?:full\s+|first\s+and\s+last\s+)?name
          | (?:my\s+|your\s+)?(?:home\s+|postal\s+|street\s+|full\s+|house\s+|residential\s+)?address(?:\s*line(?:\s*\d)?)?
          | street | town | city | county | i\s+live\s+at
          | (?:my\s+|your\s+)?(?:post\s*-?\s*code|postal\s+code|zip(?:\s+code)?)
        )
        [*_]*
        (?P<sep>\s+is\b\s*:?|\s*[:\-–—=]|\s)?
        \s*(?P<value>.*)$",
    )
    .expect("static regex")
});

/// "… my name is Jane Smith", "… and my postcode is BR8 7RE" inside a
/// sentence.
static MID_LINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bmy\s+(?P<label>(?:full\s+)?name|post\s*code)(?P<sep>\s+is\b\s*:?)\s*(?P<value>.+)$",
    )
    .expect("static regex")
});

fn field_of(label: &str) -> Field {
    let label = label.to_lowercase();
    if label.contains("name") && label.contains("address") {
        Field::NameAndAddress
    } else if label.contains("name") {
        Field::Name
    } else if label.contains("post") || label.contains("zip") {
        Field::Postcode
    } else {
        Field::Address
    }
}

fn read_labels(lines: &[&str]) -> Labels {
    let mut labels = Labels {
        consumed: vec![false; lines.len()],
        consumed_labels: vec![false; lines.len()],
        ..Labels::default()
    };
    let mut i = 0;
    while i < lines.len() {
        let Some(caps) = LABEL
            .captures(lines[i])
            .or_else(|| MID_LINE_LABEL.captures(lines[i]))
        else {
            i += 1;
            continue;
        };
        let field = field_of(&caps["label"]);
        let separated = caps
            .name("sep")
            .is_some_and(|m| !m.as_str().trim().is_empty() || m.as_str().contains("is"));
        let value = collapse_whitespace(caps.name("value").map_or("", |m| m.as_str()));
        let value = value
            .trim_matches(|c: char| c == '*' || c == '_')
            .trim()
            .to_owned();
        if !(separated || caps.name("sep").is_some() && accepts_bare(field, &value)) {
            i += 1;
            continue;
        }
        labels.consumed_labels[i] = true;
        labels.consumed[i] = true;
        let start = i;
        i += 1;
        match field {
            Field::Name => {
                let value = if value.is_empty() {
                    take_next_value(lines, &mut i, &mut labels)
                } else {
                    value
                };
                if labels.name.is_none()
                    && let Some(name) = name_from_value(&value)
                {
                    labels.name = Some(name);
                }
            }
            Field::Postcode => {
                let value = if value.is_empty() {
                    take_next_value(lines, &mut i, &mut labels)
                } else {
                    value
                };
                match postcode::find_all(&value)
                    .into_iter()
                    .next()
                    .map(|h| h.found)
                {
                    Some(Found::Postcode { postcode, .. }) => labels.postcodes.push(Candidate {
                        postcode,
                        rank: Rank::Labelled,
                        line: start,
                        prefix: String::new(),
                    }),
                    Some(Found::LookAlike) => labels.look_alike = true,
                    None => {}
                }
            }
            Field::Address | Field::NameAndAddress => {
                let mut parts: Vec<String> = Vec::new();
                if !value.is_empty() {
                    parts.push(value);
                }
                // Continuation lines: until a blank line (once something was
                // read), another label, or prose.
                while i < lines.len() {
                    let line = lines[i].trim();
                    if line.is_empty() {
                        if parts.is_empty() {
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    if LABEL.captures(line).is_some_and(|c| label_is_real(&c)) || is_prose(line) {
                        break;
                    }
                    parts.push(line.to_owned());
                    labels.consumed[i] = true;
                    i += 1;
                }
                if field == Field::NameAndAddress && !parts.is_empty() {
                    let first = parts.remove(0);
                    if labels.name.is_none() && is_name(&first) {
                        labels.name = Some(first);
                    }
                }
                let mut address = Vec::new();
                for part in parts {
                    let (rest, postcode) = split_trailing_postcode(&part);
                    if let Some(postcode) = postcode {
                        labels.postcodes.push(Candidate {
                            postcode,
                            rank: Rank::InLabelledAddress,
                            line: start,
                            prefix: String::new(),
                        });
                    } else if postcode::find_all(&part)
                        .iter()
                        .any(|h| h.found == Found::LookAlike)
                    {
                        labels.look_alike = true;
                    }
                    address.extend(split_parts(&rest));
                }
                labels.address.extend(address);
            }
        }
    }
    labels
}

/// Return true if a label match is a real label (with a separator, or a
/// bare one whose value fits the field).
fn label_is_real(caps: &regex::Captures<'_>) -> bool {
    let field = field_of(&caps["label"]);
    let value = caps.name("value").map_or("", |m| m.as_str()).trim();
    match caps.name("sep") {
        Some(sep) if !sep.as_str().trim().is_empty() || sep.as_str().contains("is") => true,
        Some(_) => accepts_bare(field, value),
        None => value.is_empty() && field != Field::Address,
    }
}

/// Without a separator ("Name Jane Smith"), a label counts only when what
/// follows fits the field, so "Address the letter to…" is not an address.
fn accepts_bare(field: Field, value: &str) -> bool {
    match field {
        Field::Name => is_name(value) && value.split_whitespace().count() >= 2,
        Field::Postcode => Postcode::parse(value).is_some(),
        Field::Address | Field::NameAndAddress => {
            value.chars().any(|c| c.is_ascii_digit()) && !is_prose(value)
        }
    }
}

/// Take the next non-blank line as a label's value, when it is not itself
/// a label.
fn take_next_value(lines: &[&str], i: &mut usize, labels: &mut Labels) -> String {
    let mut j = *i;
    while j < lines.len() && lines[j].trim().is_empty() {
        j += 1;
    }
    match lines.get(j) {
        Some(line) if !LABEL.captures(line).is_some_and(|c| label_is_real(&c)) => {
            labels.consumed[j] = true;
            *i = j + 1;
            collapse_whitespace(line)
        }
        _ => String::new(),
    }
}

/// A name from a label's value: the whole value when it reads as a name,
/// else the run of capitalised words it starts with ("Jane Smith and I
/// live in Kent" gives "Jane Smith").
fn name_from_value(value: &str) -> Option<String> {
    let value = value.trim().trim_end_matches(['.', ',', '!']);
    if is_name(value) {
        return Some(value.to_owned());
    }
    let mut words = Vec::new();
    for raw in value.split_whitespace() {
        let word = raw.trim_end_matches([',', '.', ';', '!']);
        if !word.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        words.push(word);
        // A sentence break ends the name; an initial ("J.") does not.
        if word.len() != raw.len() && word.chars().count() > 1 {
            break;
        }
    }
    let candidate = words.join(" ");
    (!words.is_empty() && is_name(&candidate)).then_some(candidate)
}

/// If `part` ends with a postcode, split it off.
fn split_trailing_postcode(part: &str) -> (String, Option<Postcode>) {
    let trimmed = part.trim_end_matches(|c: char| c.is_whitespace() || ".,;".contains(c));
    match postcode::find_all(trimmed).into_iter().last() {
        Some(hit) if hit.end == trimmed.len() => match hit.found {
            Found::Postcode { postcode, .. } => (trimmed[..hit.start].to_owned(), Some(postcode)),
            Found::LookAlike => (part.to_owned(), None),
        },
        _ => (part.to_owned(), None),
    }
}

/// Split an address line into its comma-separated parts, cleaned.
fn split_parts(line: &str) -> Vec<String> {
    line.split([',', ';'])
        .map(|p| {
            collapse_whitespace(p)
                .trim_end_matches(['.', ','])
                .trim()
                .to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Walk up from the line holding the postcode and collect the address
/// block: contiguous lines that read like an address. Returns the address
/// and, if the block starts with one, a name line.
fn address_above(
    lines: &[&str],
    label_lines: &[bool],
    candidate: &Candidate,
) -> (Vec<String>, Option<String>) {
    let mut block: Vec<String> = Vec::new();
    if !candidate.prefix.is_empty()
        && candidate.rank != Rank::Labelled
        && !is_prose(&candidate.prefix)
    {
        block.push(strip_lead_in(&candidate.prefix));
    }
    let mut i = candidate.line;
    while i > 0 {
        i -= 1;
        let line = lines[i].trim();
        if line.is_empty()
            || label_lines.get(i).copied().unwrap_or(false)
            || is_prose(line)
            || is_greeting(line)
            || segment::SIGNOFF.is_match(line)
        {
            break;
        }
        block.insert(0, line.to_owned());
    }
    let mut name = None;
    if block.len() >= 2 {
        let top = &block[0];
        let next_has_digit = block[1].chars().any(|c| c.is_ascii_digit());
        if is_name(top)
            && top.split_whitespace().count() >= 2
            && !top.split_whitespace().any(is_address_word)
            && (next_has_digit || block.len() >= 3)
        {
            name = Some(collapse_whitespace(top));
            block.remove(0);
        }
    }
    (block.iter().flat_map(|l| split_parts(l)).collect(), name)
}

/// Drop a lead-in such as "I live at" from an address line.
fn strip_lead_in(line: &str) -> String {
    static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(i\s+live\s+at|my\s+address\s+is|address\s*:?)\s*").expect("static regex")
    });
    LEAD_IN.replace(line, "").into_owned()
}

fn cap_address(parts: Vec<String>) -> Vec<String> {
    let mut kept = Vec::new();
    let mut used = 0;
    for part in parts {
        let len = part.chars().count() + if kept.is_empty() { 0 } else { 2 };
        if used + len > MAX_ADDRESS_CHARS {
            if kept.is_empty() {
                kept.push(cap_chars(&part, MAX_ADDRESS_CHARS));
            }
            break;
        }
        used += len;
        kept.push(part);
    }
    kept
}

fn first_postcode(text: &str) -> Option<Postcode> {
    postcode::find_all(text)
        .into_iter()
        .find_map(|h| match h.found {
            Found::Postcode { postcode, .. } => Some(postcode),
            Found::LookAlike => None,
        })
}

fn is_forward_subject(subject: &str) -> bool {
    let s = subject.trim_start().to_lowercase();
    s.starts_with("fw:") || s.starts_with("fwd:") || s.starts_with("fw :") || s.starts_with("tr:")
}

/// Return true if `s` reads as a person's name: letters of any script,
/// spaces, hyphens, apostrophes and full stops; one to six words; not a
/// greeting or a stock phrase.
pub(crate) fn is_name(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > MAX_NAME_CHARS {
        return false;
    }
    if !s
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.'))
    {
        return false;
    }
    if !s.chars().next().is_some_and(char::is_alphabetic) {
        return false;
    }
    let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    const NOT_NAMES: [&str; 24] = [
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
    ];
    (1..=6).contains(&words.len()) && !NOT_NAMES.contains(&words[0].as_str())
}

/// A From display name used as the supporter's name: at least two words
/// that read as a name. "Smith, Jane" (the corporate directory form) is
/// turned round.
fn display_name_as_name(display: &str) -> Option<String> {
    let display = clean_line(display);
    let display = display.trim_matches(|c| c == '"' || c == '\'').trim();
    let display = match display.split_once(", ") {
        Some((last, first)) if is_name(last) && is_name(first) && !first.contains(' ') => {
            format!("{first} {last}")
        }
        _ => display.to_owned(),
    };
    (is_name(&display) && display.split_whitespace().count() >= 2)
        .then(|| cap_chars(&display, MAX_NAME_CHARS))
}

fn first_word_eq(full: &str, first: &str) -> bool {
    full.split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case(first.trim()))
}

/// Return true for a line that is a sentence rather than an address line.
fn is_prose(line: &str) -> bool {
    static STARTERS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(i|i'm|i’m|please|could|can|would|thank|thanks|hi|hello|dear|here|this|we|my|send|as|just|ok)\b")
            .expect("static regex")
    });
    let words = line.split_whitespace().count();
    let trimmed = line.trim_end();
    words > 10
        || trimmed.ends_with('?')
        || trimmed.ends_with('!')
        || trimmed.ends_with(':')
        || (trimmed.ends_with('.') && words >= 5)
        || (STARTERS.is_match(line) && !line.chars().next().is_some_and(|c| c.is_ascii_digit()))
}

fn is_greeting(line: &str) -> bool {
    static GREETING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(hi|hello|hey|dear|good\s+(morning|afternoon|evening)|greetings)\b")
            .expect("static regex")
    });
    GREETING.is_match(line)
}

fn is_address_word(word: &str) -> bool {
    const WORDS: [&str; 36] = [
        "road",
        "street",
        "lane",
        "avenue",
        "close",
        "drive",
        "way",
        "court",
        "house",
        "cottage",
        "farm",
        "flat",
        "apartment",
        "apartments",
        "gardens",
        "place",
        "square",
        "terrace",
        "crescent",
        "mews",
        "walk",
        "hill",
        "row",
        "green",
        "park",
        "grove",
        "view",
        "rise",
        "estate",
        "mansions",
        "lodge",
        "manor",
        "hall",
        "villas",
        "wharf",
        "quay",
    ];
    WORDS.contains(&word.to_lowercase().trim_end_matches([',', '.']))
}

/// Return true if the lines after a sign-off read as a work signature (a
/// job title, a company, a phone label, a web or email address), which is
/// never searched for the supporter's details.
fn looks_like_work_signature(tail: &[&str]) -> bool {
    static MARKERS: LazyLock<[Regex; 5]> = LazyLock::new(|| {
        [
            r"(?i)\b(ltd|limited|plc|llp|inc|llc|gmbh|cic|group|services|solutions|consulting|partners|university|council|trust)\b",
            r"(?i)(https?://|www\.)",
            r"(?i)[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}",
            r"(?i)^(t|tel|telephone|phone|m|mob|mobile|office|direct|dd|fax|switchboard)\s*[:.]",
            r"(?i)\b(manager|director|officer|analyst|engineer|consultant|head\s+of|coordinator|co-ordinator|assistant|associate|executive|specialist|advisor|adviser|administrator|lead|developer|partner|ceo|cto|cfo|founder)\b",
        ]
        .map(|p| Regex::new(p).expect("static regex"))
    });
    let hits = MARKERS
        .iter()
        .filter(|re| tail.iter().any(|l| re.is_match(l)))
        .count();
    hits >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbound::Sender;

    fn inbound(from_name: Option<&str>, subject: &str, body: &str) -> Inbound {
        Inbound {
            sender: Some(Sender {
                name: from_name.map(str::to_owned),
                address: "jane@example.org".to_owned(),
            }),
            subject: subject.to_owned(),
            body: body.to_owned(),
            ..Inbound::default()
        }
    }

    fn run(
        from_name: Option<&str>,
        subject: &str,
        body: &str,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let e = extract(&inbound(from_name, subject, body));
        (
            e.name.clone(),
            e.address_line(),
            e.postcode().map(|p| p.as_str().to_owned()),
        )
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn the_campaign_template_filled_in() {
        let got = run(
            None,
            "Send my letters",
            "Name: Jane Smith\nAddress: 12 Acacia Avenue, Sevenoaks\nPostcode: br87re\n",
        );
        assert_eq!(
            got,
            (
                some("Jane Smith"),
                some("12 Acacia Avenue, Sevenoaks"),
                some("BR8 7RE")
            )
        );
    }

    #[test]
    fn labels_in_any_order_case_and_separator() {
        let body = "post code - se1 2dl\nFULL NAME Priya Patel\nhome address:\nFlat 2\n14 Long Lane\nLondon\n";
        assert_eq!(
            run(None, "", body),
            (
                some("Priya Patel"),
                some("Flat 2, 14 Long Lane, London"),
                some("SE1 2DL")
            )
        );
        let body = "My name is Jane Smith and I live in Kent.\nMy address is 3 Hill Road, Sevenoaks\nMy postcode is BR8 7RE.";
        assert_eq!(
            run(None, "", body),
            (
                some("Jane Smith"),
                some("3 Hill Road, Sevenoaks"),
                some("BR8 7RE")
            )
        );
    }

    #[test]
    fn value_on_the_line_after_an_empty_label() {
        let body = "Name:\nJane Smith\nAddress:\n12 Acacia Avenue\nSevenoaks\n\nPostcode:\nBR8 7RE";
        assert_eq!(
            run(None, "", body),
            (
                some("Jane Smith"),
                some("12 Acacia Avenue, Sevenoaks"),
                some("BR8 7RE")
            )
        );
    }

    #[test]
    fn unlabelled_block_with_signoff_name() {
        let body = "Hello,\n\nPlease send me the letters.\n\nThanks,\nJane Smith\n12 Acacia Avenue\nSevenoaks\nBR8 7RE\n";
        assert_eq!(
            run(None, "", body),
            (
                some("Jane Smith"),
                some("12 Acacia Avenue, Sevenoaks"),
                some("BR8 7RE")
            )
        );
    }

    #[test]
    fn postcode_ending_an_address_line_and_name_from_from_header() {
        let body = "Please send the letters to me.\n\n12 Acacia Avenue, Sevenoaks BR8 7RE\n";
        assert_eq!(
            run(Some("Jane Smith"), "", body),
            (
                some("Jane Smith"),
                some("12 Acacia Avenue, Sevenoaks"),
                some("BR8 7RE")
            )
        );
    }

    #[test]
    fn quoted_postcodes_and_work_signature_are_never_used() {
        let body = "Name: Jane Smith\nAddress: 1 Road, Town\n\nKind regards,\nJane Smith\nSenior Analyst\nAcme Ltd\n1 Work Street, Manchester M1 1AD\n\nOn Mon, 1 Jun 2026, MP <mp@example.org> wrote:\n> House of Commons, London SW1A 0AA";
        assert_eq!(run(None, "", body).2, None);
    }

    #[test]
    fn subject_postcode_is_the_last_resort() {
        let body = "Name: Jane Smith\nAddress: 12 Acacia Avenue, Sevenoaks";
        assert_eq!(
            run(None, "Send my letters - BR8 7RE", body).2,
            some("BR8 7RE")
        );
    }

    #[test]
    fn look_alike_postcode_is_reported_not_converted() {
        let e = extract(&inbound(Some("Jane Smith"), "", "Postcode: ВR8 7RЕ"));
        assert_eq!(e.postcode, PostcodeFinding::LookAlike);
    }

    #[test]
    fn names_from_display_names() {
        assert_eq!(
            display_name_as_name("Smith, Jane").as_deref(),
            Some("Jane Smith")
        );
        assert_eq!(display_name_as_name("jane@example.org"), None);
        assert_eq!(display_name_as_name("Jane"), None);
        assert_eq!(
            display_name_as_name("\"Siobhán O'Neill\"").as_deref(),
            Some("Siobhán O'Neill")
        );
    }

    #[test]
    fn fields_are_capped() {
        let long = "A".repeat(500);
        let body = format!(
            "Name: Jane {}\nAddress: {long}\nPostcode: BR8 7RE",
            "b".repeat(200)
        );
        let e = extract(&inbound(None, "", &body));
        assert!(
            e.address_line()
                .is_some_and(|a| a.chars().count() <= MAX_ADDRESS_CHARS)
        );
        assert!(
            e.name
                .as_ref()
                .is_none_or(|n| n.chars().count() <= MAX_NAME_CHARS)
        );
    }
}
