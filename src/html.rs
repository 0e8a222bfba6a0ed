//! HTML to plain text, for mail sent from phones and webmail with no text
//! part.
//!
//! mail-parser's own conversion breaks lines only at `<br>` and `</p>`, but
//! Gmail, Apple Mail and Yahoo write one `<div>` per line, so "Name" and
//! "Postcode" would land on one line. This converter breaks at every block
//! element, drops what is never text (`<head>`, styles, scripts), keeps
//! quotes (`<blockquote>`, Gmail's and Proton's quote blocks) after `> `
//! as a text part would, sets a client's signature block after a `--` line, as its
//! text part would, so the extractor weighs it rather than losing it, and
//! decodes entities. It is a tokenizer, not
//! a full HTML parser: mail HTML is often malformed and a tolerant scan
//! copes better. Pure: no I/O.

/// Elements whose whole content is skipped.
const SKIPPED: [&str; 6] = ["head", "style", "script", "title", "template", "xml"];

/// Class or id fragments that mark a quoted message, kept after `> `.
const SKIPPED_CLASSES: [&str; 4] = [
    "gmail_quote",
    "yahoo_quoted",
    "moz-cite-prefix",
    "protonmail_quote",
];

/// Class or id fragments that mark the sender's signature: a personal one
/// may hold their home address, a work one is told by its features.
const SIGNATURE_CLASSES: [&str; 2] = ["gmail_signature", "moz-signature"];

/// Elements that start and end a line.
const BLOCKS: [&str; 27] = [
    "p", "div", "li", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "section", "article", "header", "footer", "address", "pre", "center", "dd", "dt", "dl", "form",
    "fieldset", "tbody",
];

/// Convert an HTML document or fragment to text with one line per block.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut pre = 0usize;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if rest.starts_with('<')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        {
            let end = tag_end(rest);
            // Without its closing `>` (malformed), the tag runs to the end.
            let tag = if rest[..end].ends_with('>') {
                &rest[1..end - 1]
            } else {
                &rest[1..]
            };
            rest = &rest[end..];
            let (closing, name) = tag_name(tag);
            // A quote is kept as a text part shows it, each line after
            // `> `: a reply may add only what the help reply's quoted form
            // lacks. The container around it (Gmail's, Proton's) holds the
            // attribution, kept as written. A skipped element goes whole.
            // GMX marks its quote with `<div name="quote">`, no blockquote.
            let marked = name == "blockquote" || is_gmx_quote(tag);
            let quote = marked || marks_quote(tag);
            let skipped = SKIPPED.contains(&name.as_str());
            if !closing && (quote || skipped) && !tag.ends_with('/') {
                let Some((inner_end, close_end)) = matching_close(rest, &name) else {
                    rest = "";
                    continue;
                };
                let inner = if skipped {
                    String::new()
                } else {
                    to_text(&rest[..inner_end])
                };
                rest = &rest[close_end..];
                line_break(&mut out);
                for line in inner.lines() {
                    out.push_str(if marked { "> " } else { "" });
                    out.push_str(line);
                    out.push('\n');
                }
                continue;
            }
            if !closing && marks_signature(tag) {
                line_break(&mut out);
                out.push_str("--\n");
            }
            match name.as_str() {
                "br" => out.push('\n'),
                "pre" => {
                    line_break(&mut out);
                    pre = if closing {
                        pre.saturating_sub(1)
                    } else {
                        pre + 1
                    };
                }
                n if BLOCKS.contains(&n) => line_break(&mut out),
                // A tab between cells, as mail clients write a table as text.
                "td" | "th" if closing => out.push('\t'),
                _ => {}
            }
            continue;
        }
        let next = next_tag(rest);
        push_text(&mut out, &decode_entities(&rest[..next]), pre > 0);
        rest = &rest[next..];
    }
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// Where the element `name` opened just before `rest` ends: the start of
/// its closing tag and the index past it, counting nested ones. Comments
/// and a `<` that opens no tag are passed over, as [`to_text`] does.
fn matching_close(rest: &str, name: &str) -> Option<(usize, usize)> {
    let mut depth = 1;
    let mut at = 0;
    while let Some(lt) = rest[at..].find('<').map(|i| at + i) {
        if let Some(after) = rest[lt..].strip_prefix("<!--") {
            at = rest.len() - after.len() + after.find("-->")? + 3;
            continue;
        }
        if !rest[lt + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            at = lt + 1;
            continue;
        }
        let end = lt + tag_end(&rest[lt..]);
        let tag = rest[lt + 1..end].trim_end_matches('>');
        let (closing, tag_name) = tag_name(tag);
        if tag_name == name {
            if closing {
                depth -= 1;
                if depth == 0 {
                    return Some((lt, end));
                }
            } else if !tag.ends_with('/') {
                depth += 1;
            }
        }
        at = end.max(lt + 1);
    }
    None
}

/// Whether a tag (without its `<` and `>`) closes, and its element's name
/// in lower case.
fn tag_name(tag: &str) -> (bool, String) {
    let name = tag
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    (tag.starts_with('/'), name)
}

/// Index of the next `<` after the first character of `rest` (which may
/// be a `<` that did not open a tag), or the end.
fn next_tag(rest: &str) -> usize {
    let first = rest.chars().next().map_or(0, char::len_utf8);
    rest[first..].find('<').map_or(rest.len(), |i| i + first)
}

/// Index just past the `>` closing the tag at the start of `s`, skipping
/// `>` inside quoted attribute values.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

fn marks_quote(tag: &str) -> bool {
    has_class(tag, &SKIPPED_CLASSES) && !tag.to_ascii_lowercase().contains("gmail_attr")
}

fn is_gmx_quote(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    lower.starts_with("div") && lower.contains("name=\"quote\"")
}

fn marks_signature(tag: &str) -> bool {
    has_class(tag, &SIGNATURE_CLASSES)
}

/// Whether a tag's class or id holds one of `fragments`.
fn has_class(tag: &str, fragments: &[&str]) -> bool {
    let lower = tag.to_ascii_lowercase();
    (lower.contains("class=") || lower.contains("id="))
        && fragments.iter().any(|c| lower.contains(c))
}

fn line_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Append a text node, folding whitespace as a browser would (outside
/// `<pre>`).
fn push_text(out: &mut String, text: &str, preformatted: bool) {
    if preformatted {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{00A0}' {
            if !(out.is_empty() || out.ends_with(' ') || out.ends_with('\n')) {
                out.push(' ');
            }
        } else if c == '\u{00A0}' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
}

/// Decode named and numeric character references.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A letter with an accent, as HTML names it: "ocirc" is ô, "wcirc" is
/// Welsh ŵ, "Aacute" is Á.
fn accented(name: &str) -> Option<char> {
    use unicode_normalization::UnicodeNormalization;
    let mut chars = name.chars();
    let letter = chars.next().filter(char::is_ascii_alphabetic)?;
    let mark = match chars.as_str() {
        "grave" => '\u{0300}',
        "acute" => '\u{0301}',
        "circ" => '\u{0302}',
        "tilde" => '\u{0303}',
        "uml" => '\u{0308}',
        "ring" => '\u{030A}',
        "cedil" => '\u{0327}',
        _ => return None,
    };
    let mut composed = [letter, mark].into_iter().nfc();
    let one = composed.next()?;
    composed.next().is_none().then_some(one)
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{00A0}',
        "pound" => '£',
        "euro" => '€',
        "copy" => '©',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "szlig" => 'ß',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        _ => return accented(name),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accented_letters_are_read_from_their_entities() {
        assert_eq!(
            to_text("L&ocirc;n Cae Glas, Y&nbsp;Fr&eacute;ch, T&wcirc; &Aacute;"),
            "Lôn Cae Glas, Y Fréch, Tŵ Á"
        );
        assert_eq!(to_text("&xcirc;&qacute;"), "&xcirc;&qacute;");
    }

    #[test]
    fn a_gmx_quote_is_marked_and_a_reply_below_it_is_not() {
        let html = r#"<div>&nbsp;<div name="quote" style="margin:10px"><div><b>Sent:</b>&nbsp;Monday<br/><b>From:</b>&nbsp;Campaign</div><div name="quoted-content">Name: Jo<br>Address:</div></div></div><div>5 Duke Street</div>"#;
        assert_eq!(
            to_text(html),
            "> Sent: Monday\n> From: Campaign\n> Name: Jo\n> Address:\n5 Duke Street"
        );
    }

    #[test]
    fn gmail_divs_become_lines_and_the_quote_is_marked() {
        let html = r#"<div dir="ltr"><div>Name: Jane Smith</div><div>Postcode:&nbsp;BR8 7RE</div><div><br></div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon wrote:<br></div><blockquote class="gmail_quote"><div>SW1A 0AA</div><blockquote>Nested</blockquote></blockquote></div>"#;
        assert_eq!(
            to_text(html),
            "Name: Jane Smith\nPostcode: BR8 7RE\n\n\nOn Mon wrote:\n> SW1A 0AA\n> > Nested"
        );
    }

    #[test]
    fn a_signature_block_is_set_after_a_delimiter_not_dropped() {
        let html = r#"<div dir="ltr">Please send the letters.</div><br><div dir="ltr" class="gmail_signature"><div>Jo Bloggs</div><div>4 Mill Lane, Swanley BR8 7RE</div></div>"#;
        assert_eq!(
            to_text(html),
            "Please send the letters.\n\n--\nJo Bloggs\n4 Mill Lane, Swanley BR8 7RE"
        );
    }

    #[test]
    fn outlook_paragraphs_and_entities() {
        let html = "<html><head><style>p{margin:0}</style></head><body><p class=MsoNormal>Name: Zo&euml; &amp; Co<o:p></o:p></p><p class=MsoNormal>&nbsp;</p><p>12&#8217;s</p></body></html>";
        assert_eq!(to_text(html), "Name: Zoë & Co\n\n12’s");
    }

    #[test]
    fn text_starting_with_a_multibyte_character_is_kept() {
        assert_eq!(
            to_text("<p>£5</p><div>é</div><blockquote>ü</blockquote>ß"),
            "£5\né\n> ü\nß"
        );
        assert_eq!(to_text("<a é"), "");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(html in "(<[a-z/!]{0,3}|[<>&;#é£ a-z\u{200b}]|&[a-z#0-9]{0,5};?){0,60}") {
            let _ = to_text(&html);
        }
    }

    #[test]
    fn malformed_html_does_not_lose_text_or_panic() {
        assert_eq!(to_text("<div>a<div>b"), "a\nb");
        assert_eq!(to_text("a < b and c > d"), "a < b and c > d");
        assert_eq!(to_text("<blockquote>never closed"), "");
        assert_eq!(to_text("&#xFFFFFFFF; &bogus; &"), "&#xFFFFFFFF; &bogus; &");
    }
}
