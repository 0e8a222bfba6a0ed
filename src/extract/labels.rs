//! Labelled fields: "Name:", "Post code -", "Enw / Name:", "My postcode
//! is …", with the value on the same line or the next. A label whose value
//! refers elsewhere ("as above", "same as last time") or is a placeholder
//! left in ("[your name]") gives nothing. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::postcode::{self, Found, Postcode};
use crate::text::collapse_whitespace;

use super::address::{is_street_suffix, town_after_postcode};
use super::address_parts::{is_number_last, split_parts, split_postcode_off, without_outward_code};
use super::clause::{clause_end, clause_end_past_towns};
use super::label_values::{is_number_and_word, name_from_value, without_placeholders};
use super::name_parts::{NAME_PART, NameParts};
use super::talk::{
    DIFFERS, REFERS_ELSEWHERE, cut_trailing_talk, refers_elsewhere, strip_postcode_lead,
};
use super::words::{RELATIONS, is_name, is_prose, is_title};

/// Labelled fields found in a block.
#[derive(Debug, Default)]
pub(crate) struct Labels {
    pub name: Option<String>,
    pub address: Vec<String>,
    pub postcodes: Vec<Postcode>,
    pub look_alike: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    NameAndAddress,
    Address,
    Postcode,
}

/// The campaign's labels in the other languages supporters write them in,
/// alone or beside the English ("Ainm / Name:", "Adres (Address):",
/// "Morada / Address:"): Welsh, Gaelic, Polish, Portuguese, Spanish and
/// Romanian, by the field each names.
const OTHER_NAME: &str =
    r"enw | ainm | imi[eę]\s+i\s+nazwisko | nome(?:\s+completo)? | nombre(?:\s+completo)?";
const OTHER_ADDRESS: &str =
    r"cyfeiriad | seòladh | seoladh | adres[aă]? | morada | endere[cç]o | direcci[oó]n";
const OTHER_POSTCODE: &str = r"c[oô]d\s+post | c[oò]d[\s-]+puist | kod\s+pocztowy | cep | c[oó]digo\s+postal | cod\s+po[sșş]tal";

/// Who a council's, a landlord's or a surgery's form is about ("Tenant
/// name(s):", "Applicant's address:").
const FORM_PEOPLE: &str = "tenant|applicant|resident|patient|member|supporter|client|customer";

pub(crate) static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let other_languages = format!("{OTHER_NAME} | {OTHER_ADDRESS} | {OTHER_POSTCODE}");
    Regex::new(&format!(
        r"(?ix)^\s*(?:[-•·▪◦*]\s+)?[*_]*
        (?:(?:{other_languages})\s*(?:/|\()\s*)?
        (?P<label>
            {other_languages} | fy\s+nghyfeiriad | fy\s+ngh[oô]d\s+post
          | (?:my\s+)?(?:full\s+|first\s+and\s+last\s+|your\s+)?name\s+and\s+(?:postal\s+|home\s+)?address
          | (?:(?:my|your|his|her|their|the)\s+)?(?:(?:{RELATIONS}|{FORM_PEOPLE})['’]?s?\s+)?(?:full\s+|first\s+and\s+last\s+)?name(?:\(s\))?(?:\s+(?:for|on)\s+(?:the\s+)?letters?)?
          | (?:(?:my|your|his|her|their|the)\s+)?(?:home\s+|postal\s+|street\s+|full\s+|house\s+|residential\s+|new\s+|current\s+|present\s+|property\s+|correspondence\s+|term[-\s]?time\s+|term\s+|(?:{FORM_PEOPLE})['’]?s?\s+)?(?:address|adress|addres|addr\.?)(?:\s*line(?:\s*\d)?)?
          | (?:flat\s*/\s*)?house(?:\s+(?:no\.?|number|name)(?:\s*/\s*(?:no\.?|number|name))?(?:\s*(?:&|and|/)\s*(?:street|road)(?:\s+name)?)?)?
          | street(?:\s+name)? | town(?:\s*(?:/|or)\s*city)? | city | (?:state\s*/\s*)?county | village | i\s+live\s+at
          | flat(?:\s+(?:no\.?|number))? | road | area | district | locality | addy | where\s+i\s+live
          | (?:(?:my|your|his|her|their|the)\s+)?(?:home\s+|new\s+|current\s+|present\s+|term[-\s]?time\s+|term\s+)?(?:zip\s*/\s*)?(?:post\s*-?\s*code|postal\s+code|zip(?:\s+code)?|pc)
        )
        [*_]*\)?
        (?:\s*/\s*(?:{other_languages}))?
        (?:\s*\([^()]{{1,60}}\))?
        # A required field's star, set apart: Town / City *, Address *:
        (?:\s+\*(?:\s*$|\s+|\s*:))?
        (?P<sep>\s+is\b(?:\s+at\b)?\s*:?|\s+yw\b\s*:?|\s*[:\-–—=]|\t|\s)?
        \s*(?P<value>.*)$",
    ))
    .expect("static regex")
});

/// "… my name is Jane Smith", "… and my postcode is BR8 7RE", "… and the
/// name for the letters is Mrs Gillian Armstrong" inside a sentence.
static MID_LINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<whose>my|the)\s+(?P<label>(?:full\s+)?name(?:\s+(?:for|on)\s+the\s+letters?)?|post\s*code)(?P<sep>\s+is\b\s*:?)\s*(?P<value>.+)$",
    )
    .expect("static regex")
});

/// A label inside a sentence: the writer's ("my"), or the letters' ("the
/// name for the letters"); "the name is on the form" labels nothing.
fn mid_line_label(line: &str) -> Option<regex::Captures<'_>> {
    MID_LINE_LABEL.captures_iter(line).find(|c| {
        c["whose"].eq_ignore_ascii_case("my") || c["label"].to_lowercase().contains("letter")
    })
}

fn field_of(label: &str) -> Field {
    // Another language's Address label is read as any label naming no
    // other field is: as the address.
    static OTHER_NAME_LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?ix)^(?:{OTHER_NAME})$")).expect("static regex"));
    static OTHER_POSTCODE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?ix)^(?:{OTHER_POSTCODE})$")).expect("static regex")
    });
    if OTHER_NAME_LABEL.is_match(label) {
        return Field::Name;
    }
    if OTHER_POSTCODE_LABEL.is_match(label) {
        return Field::Postcode;
    }
    let label = label.to_lowercase();
    // "House name", "street name" are parts of the address.
    let of_a_place = ["house", "street", "road"]
        .iter()
        .any(|w| label.contains(w));
    if label.contains("name") && label.contains("address") {
        Field::NameAndAddress
    } else if label.contains("name") && !of_a_place {
        Field::Name
    } else if label.contains("post") || label.contains("zip") || label == "pc" {
        Field::Postcode
    } else {
        Field::Address
    }
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
        && !LABEL.is_match(next)
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
        let Some(caps) = LABEL.captures(line).or_else(|| mid_line_label(line)) else {
            i += 1;
            continue;
        };
        let field = field_of(&caps["label"]);
        let value = collapse_whitespace(caps.name("value").map_or("", |m| m.as_str()));
        let value = without_placeholders(&value);
        i += 1;
        if !label_is_real(&caps) {
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
                // "My address is 19 Ryles Park Road, Macclesfield. My GP
                // …": the value ends with its sentence.
                // Unpunctuated, the next sentence may follow on its line.
                let value = cut_trailing_talk(value[..clause_end_past_towns(&value, 0)].trim());
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
                    _ => value.to_owned(),
                };
                // "My address is a bit odd:": words about the address,
                // which follows on the lines below.
                let value = if value.ends_with(':') { "" } else { &value };
                if !value.is_empty() {
                    parts.push(value.to_owned());
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
                    *last = without_outward_code(last).to_owned();
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

/// Whether `line` opens with a real label ("Postcode: …", "Address" alone
/// over its value): see [`label_is_real`].
pub(crate) fn is_label_line(line: &str) -> bool {
    LABEL.captures(line).is_some_and(|c| label_is_real(&c))
}

/// The field a form's line names, if it is one: a label with a written
/// separator and a value ("Address: …", not "address is the one I'd like").
fn field_named(line: &str) -> Option<Field> {
    let written = |c: &regex::Captures<'_>| {
        c.name("sep")
            .is_some_and(|s| s.as_str().contains([':', '-', '–', '—', '=', '\t']))
    };
    LABEL
        .captures(line)
        .filter(|c| label_is_real(c) && written(c) && !c["value"].trim().is_empty())
        .map(|c| field_of(&c["label"]))
}

/// `lines` cut into forms: a field named again after another field
/// starts the next ("Name:", "Address:", "Postcode:" twice over). An
/// Address named again at once ("Address line 2:") goes on.
pub(crate) fn forms<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut forms: Vec<Vec<&str>> = vec![Vec::new()];
    let mut fields = Vec::new();
    for &line in lines {
        if let Some(field) = field_named(line) {
            if fields.contains(&field) && fields.last() != Some(&field) {
                forms.push(Vec::new());
                fields.clear();
            }
            fields.push(field);
        }
        forms.last_mut().expect("one form at least").push(line);
    }
    forms
}

/// Return true if a label match is a real label (with a separator, or a
/// bare one whose value fits the field).
pub(crate) fn label_is_real(caps: &regex::Captures<'_>) -> bool {
    let field = field_of(&caps["label"]);
    let value = caps.name("value").map_or("", |m| m.as_str()).trim();
    // "The name:" is a form's label; "the address is the same" is writing.
    let the = caps["label"]
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("the "));
    if the && !caps.name("sep").is_some_and(|s| s.as_str().contains(':')) {
        return false;
    }
    match caps.name("sep") {
        // A tab is a table's column break ("Town\tTelford").
        Some(sep)
            if !sep.as_str().trim().is_empty()
                || sep.as_str().contains("is")
                || sep.as_str() == "\t" =>
        {
            true
        }
        // "House", "Flat", "Road" or "Area" is a label only with a colon or
        // dash after it ("House: Rose Cottage", "pc - DG8 9QN"); "House
        // Farm, Hinstock" is a wrapped house's name, "Flat 2, 9 Low Road" a
        // flat.
        Some(_) if is_also_a_word(&caps["label"]) => false,
        Some(_) => accepts_bare(field, value),
        // A label alone on its line ("Address", from a table) has its
        // value on the lines below.
        None => value.is_empty(),
    }
}

/// A label that is also a word written before an address or a name
/// ("Flat 2", "House Farm", "PC Smith", "House No. 14, Wentloog Road",
/// "Adresa mea"),
/// so a label only with a written separator.
fn is_also_a_word(label: &str) -> bool {
    let label = label.to_lowercase();
    let house_number =
        label.starts_with("house") && !["name", "street", "road"].iter().any(|w| label.contains(w));
    // "Adresa mea, my address: …" (Romanian, "my address") is writing.
    house_number
        || label.starts_with("adres")
        || label == "pc"
        || ["flat", "road", "area", "district", "locality"]
            .iter()
            .any(|w| label.starts_with(w))
}

/// A field the campaign did not ask for ("Telephone: …", "Email
/// address: …", "DOB:"): a few words and a colon, no digit, so it ends an
/// address written above it.
fn is_other_field(line: &str) -> bool {
    static FIELD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:[-•·▪◦*]\s+)?[*_]*\p{L}[\p{L}.'’]*(?:\s+\p{L}[\p{L}.'’]*){0,2}[*_]*\s*:",
        )
        .expect("static regex")
    });
    FIELD.is_match(line)
}

/// Without a separator ("Name Jane Smith"), a label counts only when what
/// follows fits the field, so "Address the letter to…" is not an address.
fn accepts_bare(field: Field, value: &str) -> bool {
    match field {
        Field::Name => is_name(value) && value.split_whitespace().count() >= 2,
        Field::Postcode => Postcode::parse(value).is_some(),
        // A number, or a house's name heading the parts ("address the old
        // school house, belsay").
        Field::Address | Field::NameAndAddress => {
            (value.chars().any(|c| c.is_ascii_digit()) && !is_prose(value))
                || super::address::headed_by_house(&split_parts(value))
        }
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
