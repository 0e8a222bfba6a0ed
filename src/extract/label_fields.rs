//! What a label names: the labels supporters write ("Name:", "Post code -",
//! "Enw / Name:", "Tenant's address"), the field each names, whether a
//! match is a real label or a word written before a value ("Flat 2",
//! "House Farm"), and forms cut where a field is named again. Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use crate::postcode::Postcode;

use super::address_parts::split_parts;
use super::words::{RELATIONS, is_name, is_prose};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
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
    r"cyfeiriad | seòladh | seoladh | adres[aă]?\b | morada | endere[cç]o | direcci[oó]n";
const OTHER_POSTCODE: &str = r"c[oô]d\s+post | c[oò]d[\s-]+puist | kod\s+pocztowy | cep | c[oó]digo\s+postal | cod\s+po[sșş]tal";

/// Who a council's, a landlord's or a surgery's form is about ("Tenant
/// name(s):", "Applicant's address:").
const FORM_PEOPLE: &str = "tenant|applicant|resident|patient|member|supporter|client|customer";

/// A label heading a line, up to its separator: "Post code -", "My name
/// is", "Address" alone. Its value is the rest of the line.
fn label_pattern() -> String {
    let other_languages = format!("{OTHER_NAME} | {OTHER_ADDRESS} | {OTHER_POSTCODE}");
    format!(
        r"(?ix)^\s*(?:[-•·▪◦*]\s+)?[*_]*
        (?:(?:{other_languages})\s*(?:/|\()\s*)?
        (?P<label>
            {other_languages} | fy\s+nghyfeiriad | fy\s+ngh[oô]d\s+post
          | (?:my\s+)?(?:full\s+|first\s+and\s+last\s+|your\s+)?name\s+and\s+(?:postal\s+|home\s+)?address
          | (?:(?:my|your|his|her|their|the)\s+)?(?:(?:{RELATIONS}|{FORM_PEOPLE})['’]?s?\s+)?(?:full\s+|first\s+and\s+last\s+)?name(?:\(s\))?(?:\s+(?:for|on)\s+(?:the\s+)?letters?)?
          | (?:(?:my|your|his|her|their|the)\s+)?(?:home\s+|postal\s+|street\s+|full\s+|house\s+|residential\s+|new\s+|current\s+|present\s+|property\s+|correspondence\s+|term[-\s]?time\s+|term\s+|(?:{FORM_PEOPLE})['’]?s?\s+)?(?:address|adress|addres|addr\.?)(?:\s*line(?:\s*\d)?|\s+(?:for|on)\s+(?:the\s+)?letters?|\s+for\s+them)?
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
        (?P<sep>\s+is\b(?:\s+at\b)?\s*:?|\s+yw\b\s*:?|\s*[:\-–—=]|\t|\s)?",
    )
}

/// [`label_pattern`] alone: what a line's value is follows from where the
/// label ends, so the search stops there (the regex's groups cost it by
/// the byte searched).
static LABEL_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&label_pattern()).expect("static regex"));

/// [`label_pattern`] with its value to the end of the text, for text of
/// more than one line: a value, unlike the whitespace before it, never
/// runs on over a line break.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{}\s*(?P<value>.*)$", label_pattern())).expect("static regex")
});

/// A label heading a line ("Post code - DG8 9QN"): the label, the
/// separator typed after it, and its value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LabelHead<'a> {
    pub label: &'a str,
    pub sep: Option<&'a str>,
    pub value: &'a str,
}

impl<'a> LabelHead<'a> {
    /// The label heading `line`, if one does.
    pub(crate) fn of(line: &'a str) -> Option<Self> {
        if line.contains('\n') {
            let caps = LABEL.captures(line)?;
            let value = caps.name("value").map_or("", |m| m.as_str());
            return Some(Self::from_captures(&caps, value));
        }
        let caps = LABEL_HEAD.captures(line)?;
        let end = caps.get(0).map_or(0, |m| m.end());
        Some(Self::from_captures(&caps, line[end..].trim_start()))
    }

    /// The label and separator a regex's `label` and `sep` groups hold,
    /// with `value`.
    pub(crate) fn from_captures(caps: &regex::Captures<'a>, value: &'a str) -> Self {
        Self {
            label: caps.name("label").map_or("", |m| m.as_str()),
            sep: caps.name("sep").map(|m| m.as_str()),
            value,
        }
    }
}

pub(super) fn field_of(label: &str) -> Field {
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

/// Whether `line` opens with a real label ("Postcode: …", "Address" alone
/// over its value): see [`label_is_real`].
pub(crate) fn is_label_line(line: &str) -> bool {
    LabelHead::of(line).is_some_and(|head| label_is_real(&head))
}

/// The field a form's line names, if it is one: a label with a written
/// separator and a value ("Address: …", not "address is the one I'd like").
fn field_named(line: &str) -> Option<Field> {
    const WRITTEN: [char; 6] = [':', '-', '–', '—', '=', '\t'];
    let written = |head: &LabelHead<'_>| head.sep.is_some_and(|s| s.contains(WRITTEN));
    // A line with no separator in it names no field: spare it the regex's
    // groups, its dearest search.
    if !line.contains(WRITTEN) {
        return None;
    }
    LabelHead::of(line)
        .filter(|head| label_is_real(head) && written(head) && !head.value.trim().is_empty())
        .map(|head| field_of(head.label))
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
pub(crate) fn label_is_real(head: &LabelHead<'_>) -> bool {
    let field = field_of(head.label);
    let value = head.value.trim();
    // "The name:" is a form's label; "the address is the same" is writing.
    let the = head
        .label
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("the "));
    if the && !head.sep.is_some_and(|s| s.contains(':')) {
        return false;
    }
    match head.sep {
        // A tab is a table's column break ("Town\tTelford").
        Some(sep) if !sep.trim().is_empty() || sep.contains("is") || sep == "\t" => true,
        // "House", "Flat", "Road" or "Area" is a label only with a colon or
        // dash after it ("House: Rose Cottage", "pc - DG8 9QN"); "House
        // Farm, Hinstock" is a wrapped house's name, "Flat 2, 9 Low Road" a
        // flat.
        Some(_) if is_also_a_word(head.label) => false,
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
    // "Adresa mea, my address: …" (Romanian, "my address") is writing;
    // "adress 4 Clos Cwm Du" is the English label misspelt.
    house_number
        || (label.starts_with("adres") && label != "adress")
        || label == "pc"
        || ["flat", "road", "area", "district", "locality"]
            .iter()
            .any(|w| label.starts_with(w))
}

/// A field the campaign did not ask for ("Telephone: …", "Email
/// address: …", "DOB:"): a few words and a colon, no digit, so it ends an
/// address written above it.
pub(super) fn is_other_field(line: &str) -> bool {
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
