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

/// Before a label: spaces, a list's bullet, Markdown's stars.
const LEAD: &str = r"\s*(?:[-•·▪◦*]\s+)?[*_]*";

/// Any field's label in another language.
fn other_languages() -> String {
    format!("{OTHER_NAME} | {OTHER_ADDRESS} | {OTHER_POSTCODE}")
}

/// Another language's label before the English one: "Enw / ", "Adres (".
fn other_lead() -> String {
    format!(r"(?:{})\s*(?:/|\()\s*", other_languages())
}

/// The labels themselves; each starts with a letter, which the lead
/// never ends with.
fn label_alternatives() -> String {
    let other_languages = other_languages();
    format!(
        r"{other_languages} | fy\s+nghyfeiriad | fy\s+ngh[oô]d\s+post
          | (?:my\s+)?(?:full\s+|first\s+and\s+last\s+|your\s+)?name\s+and\s+(?:postal\s+|home\s+)?address
          | (?:(?:my|your|his|her|their|the)\s+)?(?:(?:{RELATIONS}|{FORM_PEOPLE})['’]?s?\s+)?(?:full\s+|first\s+and\s+last\s+)?name(?:\(s\))?(?:\s+(?:for|on)\s+(?:the\s+)?letters?)?
          | (?:(?:my|your|his|her|their|the)\s+)?(?:home\s+|postal\s+|street\s+|full\s+|house\s+|residential\s+|new\s+|current\s+|present\s+|property\s+|correspondence\s+|term[-\s]?time\s+|term\s+|(?:{FORM_PEOPLE})['’]?s?\s+)?(?:address|adress|addres|addr\.?)(?:\s*line(?:\s*\d)?|\s+(?:for|on)\s+(?:the\s+)?letters?|\s+for\s+them)?
          | (?:flat\s*/\s*)?house(?:\s+(?:no\.?|number|name)(?:\s*/\s*(?:no\.?|number|name))?(?:\s*(?:&|and|/)\s*(?:street|road)(?:\s+name)?)?)?
          | street(?:\s+name)? | town(?:\s*(?:/|or)\s*city)? | city | (?:state\s*/\s*)?county | village | i\s+live\s+at
          | flat(?:\s+(?:no\.?|number))? | road | area | district | locality | addy | where\s+i\s+live
          | (?:(?:my|your|his|her|their|the)\s+)?(?:home\s+|new\s+|current\s+|present\s+|term[-\s]?time\s+|term\s+)?(?:zip\s*/\s*)?(?:post\s*-?\s*code|postal\s+code|zip(?:\s+code)?|pc)"
    )
}

/// After a label, each part optional: its closing stars or bracket, the
/// label again in another language, a note in brackets, a required
/// field's star set apart ("Town / City *", "Address *:").
fn label_suffix() -> String {
    let other_languages = other_languages();
    format!(
        r"[*_]*\)?
        (?:\s*/\s*(?:{other_languages}))?
        (?:\s*\([^()]{{1,60}}\))?
        (?:\s+\*(?:\s*$|\s+|\s*:))?"
    )
}

/// The separator typed after a label.
const SEPARATOR: &str = r"\s+is\b(?:\s+at\b)?\s*:?|\s+yw\b\s*:?|\s*[:\-–—=]|\t|\s";

/// A label heading a line, up to its separator: "Post code -", "My name
/// is", "Address" alone. Its value is the rest of the line.
fn label_pattern() -> String {
    format!(
        r"(?ix)^{LEAD}(?:{})?(?P<label>{}){}(?P<sep>{SEPARATOR})?",
        other_lead(),
        label_alternatives(),
        label_suffix(),
    )
}

/// [`label_pattern`]'s parts, each on its own, anchored: what
/// [`LabelHead::of`] reads a line with, in place of the groups of
/// [`LABEL`], which cost a microsecond a line (the whole pattern's
/// backtracking search).
struct LabelParts {
    lead: Regex,
    other_lead: Regex,
    label: Regex,
    suffix: Regex,
    separator: Regex,
}

static LABEL_PARTS: LazyLock<LabelParts> = LazyLock::new(|| {
    let anchored = |part: &str| Regex::new(&format!("(?ix)^(?:{part})")).expect("static regex");
    LabelParts {
        lead: anchored(LEAD),
        other_lead: anchored(&other_lead()),
        label: anchored(&label_alternatives()),
        suffix: anchored(&label_suffix()),
        separator: anchored(SEPARATOR),
    }
});

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
        Self::of_line(line)
    }

    /// [`LABEL`]'s match on one line, part by part. Exact: every label
    /// starts with a letter, so the lead is the same whichever follows;
    /// and every part after the label may match nothing, so the pattern
    /// takes the first label that matches after the lead (after another
    /// language's label, if one is there and a label follows it), then
    /// each later part as far as it goes.
    fn of_line(line: &'a str) -> Option<Self> {
        let parts = &*LABEL_PARTS;
        let after = |re: &Regex, at: usize| re.find(&line[at..]).map(|m| at + m.end());
        let lead = after(&parts.lead, 0).unwrap_or(0);
        let start = after(&parts.other_lead, lead)
            .filter(|&at| parts.label.is_match(&line[at..]))
            .unwrap_or(lead);
        let label_end = after(&parts.label, start)?;
        let suffix_end = after(&parts.suffix, label_end).unwrap_or(label_end);
        let sep_end = after(&parts.separator, suffix_end);
        Some(Self {
            label: &line[start..label_end],
            sep: sep_end.map(|end| &line[suffix_end..end]),
            value: line[sep_end.unwrap_or(suffix_end)..].trim_start(),
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole pattern's groups, as `LabelHead::of` read them before
    /// it read the parts.
    fn by_groups(line: &str) -> Option<(String, Option<String>, String)> {
        static WHOLE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(&label_pattern()).expect("static regex"));
        let caps = WHOLE.captures(line)?;
        let end = caps.get(0).map_or(0, |m| m.end());
        Some((
            caps["label"].to_owned(),
            caps.name("sep").map(|m| m.as_str().to_owned()),
            line[end..].trim_start().to_owned(),
        ))
    }

    fn by_parts(line: &str) -> Option<(String, Option<String>, String)> {
        LabelHead::of_line(line).map(|h| {
            (
                h.label.to_owned(),
                h.sep.map(str::to_owned),
                h.value.to_owned(),
            )
        })
    }

    #[test]
    fn the_parts_read_a_line_as_the_whole_pattern_does() {
        let lines = [
            "Name: Jane Smith",
            "  * Name - Jane",
            "*Name*: Jane",
            "**Address** 4 High St",
            "- Post code - DG8 9QN",
            "• Postcode: SW1A 1AA",
            "Enw / Name: Siôn Jones",
            "Enw / xyz",
            "Enw/i",
            "Enw: Siôn",
            "Cyfeiriad (Address): 3 Heol y Bryn",
            "Adresă / Address: 4 Strada",
            "Adresa: 5 Road",
            "Nome completo / Full name: Ana",
            "My name is Jane Smith and I live at 3 Hill Road.",
            "my full name is jane",
            "Tenant's name(s): A and B",
            "Applicant’s address: 1 Road",
            "Town / City *: Leeds",
            "Address *",
            "Address * 4 Road",
            "Address (home, not work): 4 Road",
            "Address / Cyfeiriad: 5 Stryd",
            "House no / name & street name: 4 Road",
            "Flat / house number: 4",
            "Where I live: Leeds",
            "I live at 4 Road",
            "Road works everywhere",
            "Area",
            "pc\tLS1 4AB",
            "Zip / postcode = LS1",
            "My postcode is at: LS1 4AB",
            "Fy nghyfeiriad yw: 4 Stryd",
            "fy nghôd post yw LL57",
            "Kod pocztowy: 00-001",
            "Código postal — 1234",
            "Postcode",
            "Name",
            "I am writing to ask for the letters please.",
            "",
            "   ",
            "* ",
            "Naming the day",
            "Addressing you all",
        ];
        for line in lines {
            assert_eq!(by_parts(line), by_groups(line), "{line:?}");
        }
    }

    proptest::proptest! {
        /// Lines made of labels' pieces, in any order.
        #[test]
        fn the_parts_read_any_line_of_label_pieces_as_the_whole_pattern_does(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Name", "name", "NAME", "Enw", "enw", "Cyfeiriad", "Adresă", "adres", "Nome",
                "completo", "Cod", "post", "Post", "code", "Postcode", "address", "Address",
                "my", "My", "full", "the", "tenant's", "mum's", "home", "house", "no", "number",
                "street", "road", "Town", "city", "flat", "zip", "pc", "i", "live", "at", "where",
                "is", "yw", "fy", "nghyfeiriad", "and", "for", "letters", "line", "2", "4",
                " ", "  ", "\t", "/", " / ", "(", ")", "(s)", "*", "**", "_", "-", " - ", ":",
                "=", "—", "•", "'", "’", ".", "Jane", "LS1 4AB", "x",
            ]), 0..9)
        ) {
            let line = pieces.concat();
            proptest::prop_assert_eq!(by_parts(&line), by_groups(&line), "{:?}", line);
        }
    }

    /// Every line of every mail the project keeps, read both ways.
    #[test]
    fn the_parts_read_every_kept_mail_as_the_whole_pattern_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let mut files = Vec::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "eml") {
                    files.push(path);
                }
            }
        }
        let mut labelled = 0;
        for file in &files {
            let text = String::from_utf8_lossy(&std::fs::read(file).expect("read")).into_owned();
            for line in text.lines() {
                let line = line.trim_end();
                let read = by_parts(line);
                assert_eq!(read, by_groups(line), "{}: {line:?}", file.display());
                labelled += usize::from(read.is_some());
            }
        }
        assert!(
            files.len() > 1000 && labelled > 10_000,
            "{} files, {labelled}",
            files.len()
        );
    }
}
