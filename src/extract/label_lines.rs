//! Lines of labels made ready to read: a label typed with a slip spelled
//! right, labels run together on one line cut apart, and the layouts forms
//! are pasted in (a table's row, a spreadsheet's header and row, dotted
//! leaders, a template's brackets) written as "Label: value". Pure: no I/O.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::label_fields::is_label_line;

/// A line of labels run together ("Name: Jo Bloggs Address: 4 Mill Lane,"
/// and, wrapped by the client, "Swanley Postcode: BR8 7RE"), cut before
/// each label after the first word: a line for each field.
pub(super) fn one_label_each(line: &str) -> Vec<&str> {
    static NEXT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s(?:(?:full\s+)?name|(?:home\s+|postal\s+|full\s+)?address|post\s*code|postal\s+code)\s*:")
            .expect("static regex")
    });
    // A name given in a sentence before a label on its line ("My name is
    // Siân Ellis-Jones. Full address: …").
    static NAME_GIVEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bmy\s+(?:full\s+)?name\s+is\s+\S").expect("static regex")
    });
    // Words that make one label of two ("First name:", "my home address:",
    // "Work postcode:").
    const QUALIFIERS: &[&str] = &[
        "first",
        "last",
        "sur",
        "given",
        "family",
        "middle",
        "maiden",
        "your",
        "my",
        "full",
        "home",
        "postal",
        "street",
        "house",
        "preferred",
        "new",
        "current",
        "present",
        // Another place's field ("Work postcode:") is no label of ours.
        "work",
        "workplace",
        "office",
        "business",
        "company",
        "employer",
        "old",
        "previous",
        "/",
    ];
    // Only a line with a second label needs it: most have none.
    let starts_labelled = std::cell::OnceCell::new();
    let mut parts = Vec::new();
    let mut from = 0;
    for m in NEXT_LABEL.find_iter(line) {
        let at = m.start() + 1;
        let before = &line[from..at];
        let qualified = before
            .split_whitespace()
            .next_back()
            .is_some_and(|w| QUALIFIERS.contains(&w.to_lowercase().as_str()));
        // After a label answered ("Name: Jo Bloggs Address: …", "My name
        // is Siân Ellis-Jones. Full address: …"), or, for the postcode,
        // after words that are no label ("Swanley Postcode: …", a form the
        // client wrapped).
        let answered = before
            .split_once(':')
            .is_some_and(|(_, value)| !value.trim().is_empty())
            || NAME_GIVEN.is_match(before);
        let wrapped = from == 0
            && !before.trim().is_empty()
            && m.as_str().to_lowercase().contains("post")
            && !*starts_labelled.get_or_init(|| is_label_line(line));
        if !qualified && (answered || wrapped) {
            parts.push(before.trim_end());
            from = at;
        }
    }
    parts.push(&line[from..]);
    parts
}

/// A label typed with a slip ("Nmae:", "Adress:", "Postocde:") spelled
/// right, so every later step sees the label the supporter meant. Only a
/// single word before a colon, at the start of the line or after a space
/// (labels run together: "Name: Jo Bloggs Adress: 4 Mill Lane"), one slip
/// away from "name", "address" or "postcode"; "name" only by a swap or a
/// doubled letter, since a changed letter makes other words ("Same:",
/// "Date:").
pub(crate) fn with_label_slip_fixed(line: &str) -> Cow<'_, str> {
    static WORD_AND_COLON: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|\s)([A-Za-z]{4,9}):").expect("static regex"));
    let slip = |word: &str| {
        let word = word.to_lowercase();
        ["name", "address", "postcode"]
            .into_iter()
            .find(|&t| word != t && one_slip(&word, t, t != "name"))
    };
    let mut fixed = String::new();
    let mut copied = 0;
    for caps in WORD_AND_COLON.captures_iter(line) {
        let word = caps.get(1).expect("group 1");
        if let Some(target) = slip(word.as_str()) {
            fixed.push_str(&line[copied..word.start()]);
            fixed.push_str(target);
            copied = word.end();
        }
    }
    if copied == 0 {
        return Cow::Borrowed(line);
    }
    fixed.push_str(&line[copied..]);
    Cow::Owned(fixed)
}

/// Whether `typed` is `target` with one letter dropped, added, swapped with
/// its neighbour, or (when `changed` allows) changed. ASCII only.
fn one_slip(typed: &str, target: &str, changed: bool) -> bool {
    let (a, b) = (typed.as_bytes(), target.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    match a.len() as isize - b.len() as isize {
        0 => {
            (changed && a[1..] == b[1..])
                || (a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        1 => a[1..] == *b,
        -1 => *a == b[1..],
        _ => false,
    }
}

/// A form's line in another layout, written as "Label: value": a pasted
/// table's row ("| Name | Amina Yusuf |"; its rule "|---|---|" left
/// empty), dotted leaders ("Name ........ Chukwudi Eze"), a value left in
/// the template's brackets ("Name: [Sandra Mellor]"), and a label in
/// another language glossed in English in brackets ("Imię (Name): Ewa
/// Nowak").
pub(crate) fn as_plain_label(line: &str) -> Cow<'_, str> {
    static TABLE_ROW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*\|\s*([^|]*?)\s*\|\s*([^|]*?)\s*\|\s*$").expect("static regex")
    });
    static TABLE_RULE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*\|[\s:|-]*-[\s:|-]*\|\s*$").expect("static regex"));
    static LEADERS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\s*\p{L}[\p{L} /&]{0,30}?)\s*(?:\.{3,}|…+)\s*:?\s*(\S.*)$")
            .expect("static regex")
    });
    static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([^:\[\]]{2,40}:\s*)\[\s*([^\[\]]*?)\s*\]\s*$").expect("static regex")
    });
    static GLOSSED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*\p{L}[\p{L}\s'’-]{0,30}?\s*\(([\p{L}\s]{2,20})\)\s*:\s*(.*)$")
            .expect("static regex")
    });
    // Most lines are none of these: a byte test first keeps the regexes
    // off them.
    let table = line.contains('|');
    let leaders = line.contains("...") || line.contains('…');
    let bracketed = line.contains('[');
    let glossed = line.contains("):") || line.contains(") :");
    if !(table || leaders || bracketed || glossed) {
        return Cow::Borrowed(line);
    }
    // Only a label not read as one already: "Postcode (home): …" is.
    if glossed
        && !is_label_line(line)
        && let Some(caps) = GLOSSED.captures(line)
    {
        let plain = format!("{}: {}", caps[1].trim(), &caps[2]);
        if is_label_line(&plain) {
            return Cow::Owned(plain);
        }
    }
    if table && TABLE_RULE.is_match(line) {
        return Cow::Owned(String::new());
    }
    let caps = if table {
        TABLE_ROW.captures(line)
    } else if leaders {
        LEADERS.captures(line)
    } else {
        None
    };
    if let Some(caps) = caps {
        let plain = format!("{}: {}", caps[1].trim(), &caps[2]);
        if is_label_line(&plain) {
            return Cow::Owned(plain);
        }
    }
    // "[your name]", "[insert address here]": the template's own words,
    // which stay in their brackets to be dropped.
    let template_words = |value: &str| {
        value.split_whitespace().any(|w| {
            [
                "your", "name", "address", "postcode", "insert", "enter", "here",
            ]
            .contains(&w.to_lowercase().as_str())
        })
    };
    if bracketed
        && let Some(caps) = BRACKETED.captures(line)
        && is_label_line(line)
        && !template_words(&caps[2])
    {
        return Cow::Owned(format!("{}{}", &caps[1], &caps[2]));
    }
    Cow::Borrowed(line)
}

/// Answers numbered as a leaflet asked for them ("1. Harjit Singh Dhillon"
/// / "2. 23 Vicarage Road, Wednesbury" / "3. WS10 0TT"): a run of lines
/// numbered 1, 2, … in order, written without their numbers.
pub(crate) fn without_list_numbers<'a>(lines: &mut [Cow<'a, str>]) {
    static NUMBERED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(\d)[.)]\s+\S").expect("static regex"));
    let number =
        |line: &str| -> Option<u32> { NUMBERED.captures(line).and_then(|c| c[1].parse().ok()) };
    let mut i = 0;
    while i < lines.len() {
        let run = (0..)
            .take_while(|&k| i + k < lines.len() && number(&lines[i + k]) == Some(k as u32 + 1))
            .count();
        if run >= 2 {
            for line in &mut lines[i..i + run] {
                let start = line.find(['.', ')']).map_or(0, |p| p + 1);
                *line = Cow::Owned(line[start..].trim_start().to_owned());
            }
        }
        i += run.max(1);
    }
}

/// A spreadsheet's header row over its rows, pasted with tabs ("Name\tAddress
/// 1\tTown\tPostcode" / "Janet Hollis\tWillow Cottage\t…") or as a table
/// with pipes: each row written as one "Label: value" line per column.
/// The header's cells are labels, two or more of them the campaign's.
pub(crate) fn columns_as_labels<'a>(lines: Vec<Cow<'a, str>>) -> Vec<Cow<'a, str>> {
    let cells = |line: &str| -> Option<Vec<String>> {
        let sep = if line.contains('\t') {
            '\t'
        } else if line.trim().starts_with('|') || line.matches(" | ").count() >= 2 {
            '|'
        } else {
            return None;
        };
        let cells: Vec<String> = line
            .trim()
            .trim_matches('|')
            .split(sep)
            .map(|c| c.trim().to_owned())
            .collect();
        (cells.len() >= 3).then_some(cells)
    };
    let is_header = |cells: &[String]| {
        let short = cells
            .iter()
            .all(|c| !c.is_empty() && c.split_whitespace().count() <= 3 && !c.contains(':'));
        let labels = cells
            .iter()
            .filter(|c| is_label_line(&format!("{}:", as_address_line(c))))
            .count();
        short && labels >= 2
    };
    if !lines.iter().any(|l| l.contains('\t') || l.contains('|')) {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut header: Option<Vec<String>> = None;
    let mut lines = lines.into_iter().peekable();
    while let Some(mut line) = lines.next() {
        // A spreadsheet's cell of several lines, pasted in its quotes
        // ("Mr Rhodri Bevan\t\"Ty Newydd" / "12 Heol y Parc" / …
        // "Llanelli\"\tSA17 5AJ"): its lines are the cell's parts.
        if header.is_some() && line.contains('\t') && line.matches('"').count() % 2 == 1 {
            let mut joined = line.trim_end().to_owned();
            for _ in 0..MAX_CELL_LINES {
                let Some(next) = lines.next_if(|l| !l.trim().is_empty()) else {
                    break;
                };
                joined.push_str(", ");
                joined.push_str(next.trim());
                if next.contains('"') {
                    break;
                }
            }
            line = Cow::Owned(joined.replace('"', ""));
        }
        let mut row = cells(&line);
        // A row the client hard-wrapped inside a cell ("…\tMansfield" /
        // "Road\tFarnsfield\t…"): joined when that makes it whole.
        if let (Some(h), Some(short), Some(next)) = (&header, &row, lines.peek())
            && short.len() < h.len()
        {
            let joined = format!("{} {}", line.trim_end(), next.trim_start());
            if cells(&joined).is_some_and(|c| c.len() == h.len()) {
                lines.next();
                row = cells(&joined);
            }
        }
        match (&header, row) {
            (Some(h), Some(row)) if row.len() == h.len() => {
                for (label, value) in h.iter().zip(&row) {
                    if !value.is_empty() {
                        out.push(Cow::Owned(format!("{label}: {value}")));
                    }
                }
            }
            (_, Some(row)) if is_header(&row) => {
                header = Some(row.iter().map(|c| as_address_line(c)).collect());
                out.push(Cow::Owned(String::new()));
            }
            // A table's rule, now empty, stays under its header.
            (Some(_), None) if line.trim().is_empty() => out.push(line),
            _ => {
                header = None;
                out.push(line);
            }
        }
    }
    out
}

/// The most lines a spreadsheet's quoted cell is read over.
const MAX_CELL_LINES: usize = 8;

/// A spreadsheet's "Address 1" is "Address line 1"; "Road / village" is
/// the first of its labels that is one.
fn as_address_line(cell: &str) -> String {
    if let Some(label) = cell
        .split('/')
        .map(str::trim)
        .find(|c| is_label_line(&format!("{c}:")))
        .filter(|_| cell.contains('/'))
    {
        return label.to_owned();
    }
    match cell.rsplit_once(' ') {
        Some((head, n))
            if head.eq_ignore_ascii_case("address") && n.bytes().all(|b| b.is_ascii_digit()) =>
        {
            format!("{head} line {n}")
        }
        _ => cell.to_owned(),
    }
}
