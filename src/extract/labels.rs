//! Labelled fields: "Name:", "Post code -", "Enw / Name:", "My postcode
//! is …", with the value on the same line or the next. A label whose value
//! refers elsewhere ("as above", "same as last time") or is a placeholder
//! left in ("[your name]") gives nothing. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::postcode::{self, Found, Postcode};
use crate::text::collapse_whitespace;

use super::address::{is_house_before_street, is_street_suffix, town_after_postcode};
use super::address_parts::{
    is_number_last, split_parts, split_postcode_off, without_outward_code, without_typed_short,
};
use super::clause::{clause_end, clause_end_past_towns};
use super::label_fields::{
    Field, LabelHead, field_of, is_label_line, is_other_field, label_is_real,
};
use super::label_values::{is_number_and_word, name_from_value, without_placeholders};
use super::name_parts::{NAME_PART, NameParts};
use super::talk::{
    DIFFERS, REFERS_ELSEWHERE, cut_trailing_talk, refers_elsewhere, strip_postcode_lead,
};
use super::words::{is_name, is_prose, is_title};

/// Labelled fields found in a block.
#[derive(Debug, Default)]
pub(crate) struct Labels {
    pub name: Option<String>,
    pub address: Vec<String>,
    pub postcodes: Vec<Postcode>,
    pub look_alike: bool,
}

/// "… my name is Jane Smith", "… and my postcode is BR8 7RE", "… and the
/// name for the letters is Mrs Gillian Armstrong" inside a sentence.
static MID_LINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<whose>my|the)\s+(?P<label>(?:full\s+)?name(?:\s+(?:for|on)\s+the\s+letters?)?|post\s*code)(?P<sep>\s+is\b\s*:?)\s*(?P<value>.+)$",
    )
    .expect("static regex")
});

/// "My address is Braeside. 4 High St. New Galloway.": a house's name
/// typed as a sentence of its own, ending at `end`; the address goes on to
/// the street after it.
fn past_house_sentence(value: &str, end: usize) -> usize {
    match value[end..].strip_prefix(". ") {
        Some(next) if is_house_before_street(&value[..end], next) => {
            clause_end_past_towns(value, end + 2)
        }
        _ => end,
    }
}

/// A label inside a sentence: the writer's ("my"), or the letters' ("the
/// name for the letters"); "the name is on the form" labels nothing.
fn mid_line_label(line: &str) -> Option<LabelHead<'_>> {
    MID_LINE_LABEL
        .captures_iter(line)
        .find(|c| {
            c["whose"].eq_ignore_ascii_case("my") || c["label"].to_lowercase().contains("letter")
        })
        .map(|c| {
            let value = c.name("value").map_or("", |m| m.as_str());
            LabelHead::from_captures(&c, value)
        })
}

/// A Name field's value whose last word a PDF or a narrow table wrapped
/// onto the next line ("Full name: DAVID ALAN" / "PRESCOTT" / "Home
/// address: …"): one or two capitalised words alone there, with the next
/// field's label under them.
fn with_wrapped_surname(value: String, lines: &[&str], i: &mut usize) -> String {
    let (Some(next), Some(after)) = (lines.get(*i), lines.get(*i + 1)) else {
        return value;
    };
    let next = next.trim();
    let words = next.split_whitespace().count();
    let capitalised = next
        .split_whitespace()
        .all(|w| w.starts_with(char::is_uppercase));
    if (1..=2).contains(&words)
        && capitalised
        && is_name(&format!("{value} {next}"))
        // Not a label written without its colon ("Address Coatbridge").
        && LabelHead::of(next).is_none()
        && is_label_line(after)
    {
        *i += 1;
        return format!("{value} {next}");
    }
    value
}

/// Read every labelled field in `lines`.
pub(crate) fn read_labels(lines: &[&str]) -> Labels {
    let split: Vec<&str> = lines
        .iter()
        .flat_map(|l| super::label_lines::one_label_each(l))
        .collect();
    let lines = &split[..];
    let mut labels = Labels::default();
    let mut name_parts = NameParts::default();
    // A Name field's value that is no name: perhaps the address, typed
    // into the wrong box.
    let mut unread_name = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if let Some(caps) = NAME_PART.captures(line) {
            name_parts.set(&caps["part"], &caps["value"]);
            i += 1;
            continue;
        }
        let Some(head) = LabelHead::of(line).or_else(|| mid_line_label(line)) else {
            i += 1;
            continue;
        };
        let field = field_of(head.label);
        let value = collapse_whitespace(head.value);
        let value = without_placeholders(&value);
        i += 1;
        if !label_is_real(&head) {
            continue;
        }
        // "My address is given above. Please excuse …": the first clause
        // says where the detail is; for an address, its first part may
        // ("Address is the same as I sent before, postcode G32 6DY").
        if REFERS_ELSEWHERE.is_match(value[..clause_end(&value, 0)].trim())
            || (field == Field::Address && (refers_elsewhere(&value) || DIFFERS.is_match(&value)))
        {
            continue;
        }
        match field {
            Field::Name => {
                let value = if value.is_empty() {
                    take_next_value(lines, &mut i)
                } else {
                    with_wrapped_surname(value, lines, &mut i)
                };
                if labels.name.is_none() {
                    match name_from_value(&value) {
                        Some(name) => labels.name = Some(name),
                        None if !value.is_empty() => unread_name = Some(value),
                        None => {}
                    }
                }
            }
            Field::Postcode => {
                let value = if value.is_empty() {
                    take_next_value(lines, &mut i)
                } else {
                    value
                };
                match postcode::find_all(&value)
                    .into_iter()
                    .next()
                    .map(|h| h.found)
                {
                    Some(Found::Postcode { postcode, .. }) => labels.postcodes.push(postcode),
                    Some(Found::LookAlike) => labels.look_alike = true,
                    // The address typed into the Postcode box (and the
                    // postcode, perhaps, into the Address box).
                    None => {
                        let parts = split_parts(&value);
                        let numbered = value.split_whitespace().next().is_some_and(|w| {
                            w.trim_end_matches(',').chars().all(|c| c.is_ascii_digit())
                        });
                        if labels.address.is_empty()
                            && numbered
                            && parts.len() >= 2
                            && !is_prose(&value)
                            && super::address::looks_like_address(&parts)
                        {
                            labels.address = parts;
                        }
                    }
                }
            }
            Field::Address | Field::NameAndAddress => {
                let mut parts: Vec<String> = Vec::new();
                // "Address for the letters is 19 Elm Road, Gatley, Cheadle."
                // over "Thanks," / "Tom": a label in a sentence, its value
                // ended by a full stop, has nothing on the lines below.
                let in_a_sentence = head.sep.is_some_and(|s| s.trim_start().starts_with("is"));
                let sentence_ended = in_a_sentence && value.trim_end().ends_with('.');
                // "My address is 19 Ryles Park Road, Macclesfield. My GP
                // …": the value ends with its sentence.
                // Unpunctuated, the next sentence may follow on its line.
                let end = past_house_sentence(&value, clause_end_past_towns(&value, 0));
                let value = cut_trailing_talk(value[..end].trim());
                // "… Orpington BR6 6LE, please use that one": an address ends
                // with its postcode, without the words leading to it ("…,
                // and the postcode is ME10 1WF").
                let value = match postcode::find_all(value).first() {
                    Some(hit) if matches!(hit.found, Found::Postcode { .. }) => {
                        let before = strip_postcode_lead(&value[..hit.start]).trim_end();
                        // "Regent Street 14, GL10 2EG Stonehouse".
                        let town = is_number_last(before)
                            .then(|| town_after_postcode(&value[hit.start..]))
                            .flatten();
                        let pc = &value[hit.start..hit.end];
                        town.map_or(format!("{before} {pc}"), |t| format!("{before} {t} {pc}"))
                    }
                    // "… Houghton Regis, LU5 - sorry, I can't remember the
                    // rest": the outward code alone is no part.
                    _ => without_outward_code(value).to_owned(),
                };
                // "My address is a bit odd:": words about the address,
                // which follows on the lines below.
                let value = if value.ends_with(':') { "" } else { &value };
                if !value.is_empty() {
                    parts.push(value.to_owned());
                }
                // Continuation lines: until a blank line (once something was
                // read), another label, or prose.
                while i < lines.len() && (!sentence_ended || parts.is_empty()) {
                    let line = lines[i].trim();
                    if line.is_empty() {
                        if parts.is_empty() {
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    // An address ends with its postcode.
                    let ended = parts
                        .last()
                        .is_some_and(|p| split_postcode_off(p).1.is_some());
                    if ended || is_label_line(line) || is_other_field(line) || is_prose(line) {
                        break;
                    }
                    // "16 Thamesview" over "Road, Greenhithe": a street's
                    // name wrapped before its street word.
                    let first_word = line.split_whitespace().next().unwrap_or("");
                    match parts.last_mut() {
                        Some(last) if is_street_suffix(first_word) && is_number_and_word(last) => {
                            last.push(' ');
                            last.push_str(line);
                        }
                        _ => parts.push(line.to_owned()),
                    }
                    i += 1;
                }
                // "My address is:" over "Mr Alistair Grant" / "Kilmaron
                // View" / …: a titled name heads the lines below.
                let titled = |line: &str| {
                    line.split_whitespace().next().is_some_and(is_title)
                        && is_name(line)
                        && !line.contains(',')
                };
                if field == Field::Address
                    && value.is_empty()
                    && parts.len() >= 2
                    && titled(&parts[0])
                {
                    let first = parts.remove(0);
                    if labels.name.is_none() {
                        labels.name = Some(first);
                    }
                }
                if field == Field::NameAndAddress && !parts.is_empty() {
                    let first = parts.remove(0);
                    // On one line, the name is its first part ("Patrick
                    // Gallagher, 20 Hambledon Road, Waterlooville").
                    let (first, rest) = match first.split_once(',') {
                        Some((name, rest)) if is_name(name.trim()) => {
                            (name.trim().to_owned(), rest.trim().to_owned())
                        }
                        _ => (first, String::new()),
                    };
                    if !rest.is_empty() {
                        parts.insert(0, rest);
                    }
                    if labels.name.is_none() && is_name(&first) {
                        labels.name = Some(first);
                    }
                }
                let mut address = Vec::new();
                for part in parts {
                    let (rest, postcode) = split_postcode_off(&part);
                    if let Some(postcode) = postcode {
                        labels.postcodes.push(postcode);
                    } else if postcode::find_all(&part)
                        .iter()
                        .any(|h| h.found == Found::LookAlike)
                    {
                        labels.look_alike = true;
                    }
                    address.extend(split_parts(&rest));
                }
                if let Some(last) = address.last_mut() {
                    *last = without_outward_code(without_typed_short(last)).to_owned();
                }
                labels.address.extend(address);
            }
        }
    }
    // A name in parts ("Title: Revd", "First name: Alison", "Surname: …")
    // is put together; a Name field stands as typed, a "Title:" beside it
    // not added.
    if labels.name.is_none() {
        labels.name = name_parts.whole();
    }
    swap_if_typed_in_each_others_box(&mut labels, unread_name);
    labels
}

/// A name in the Address box and an address in the Name box ("Name: 4
/// Pear Tree Close, …" / "Address: Jo Birtles"): swap them back.
fn swap_if_typed_in_each_others_box(labels: &mut Labels, unread_name: Option<String>) {
    let Some(value) = unread_name else {
        return;
    };
    if labels.name.is_some() || !value.contains(|c: char| c.is_ascii_digit()) {
        return;
    }
    if let [only] = labels.address.as_slice()
        && is_name(only)
    {
        labels.name = Some(only.clone());
        let (rest, postcode) = split_postcode_off(&value);
        labels.postcodes.extend(postcode);
        labels.address = split_parts(&rest);
    }
}

/// Take the next non-blank line as a label's value, when it is not itself
/// a label.
fn take_next_value(lines: &[&str], i: &mut usize) -> String {
    let mut j = *i;
    while j < lines.len() && lines[j].trim().is_empty() {
        j += 1;
    }
    match lines.get(j) {
        Some(line) if !is_label_line(line.trim_end()) => {
            *i = j + 1;
            collapse_whitespace(line)
        }
        _ => String::new(),
    }
}

#[cfg(test)]
#[path = "labels_tests.rs"]
mod tests;
