//! Cleaning of text that came from a stranger's email.
//!
//! Everything a supporter wrote passes through here before it is matched,
//! rendered into a letter or put in a header: NFKC normalisation (fullwidth
//! `ＳＷ１Ａ` becomes `SW1A`, a no-break space becomes a space), then removal
//! of control characters and of invisible format characters (zero-width
//! spaces, bidi overrides, tag characters), which can hide inside a postcode
//! or reorder a name on screen. Pure: no I/O.

use unicode_normalization::UnicodeNormalization;

/// Return true for characters that render as nothing or change how
/// neighbouring text is displayed: Unicode format characters (Cf) and the
/// variation selectors.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Whether a character stays in a cleaned block: line breaks and tabs (a
/// table's columns, "Town\tTelford") do; other control and invisible
/// characters do not.
fn stays_in_block(c: char) -> bool {
    matches!(c, '\n' | '\t') || !(c.is_control() || is_invisible(c))
}

/// Clean a block of text, keeping its line structure: lines end in `\n`,
/// what [`stays_in_block`] keeps, and the result NFKC-normalised.
pub fn clean_block(input: &str) -> String {
    // Most text is printable ASCII in lines, which stays as it is.
    if input
        .bytes()
        .all(|b| matches!(b, b' '..=b'~' | b'\n' | b'\t'))
    {
        return input.to_owned();
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // "\r\n" is one line break; the "\n" makes it.
            '\r' if chars.peek() != Some(&'\n') => out.push('\n'),
            '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}' => out.push('\n'),
            // Word's bullets are Symbol-font characters in the private use
            // area (U+F0B7); read as windows-1252 after a paste they are
            // "ï‚·" ("ï" then "‚" or "ƒ", the bytes EF 82 or EF 83).
            '\u{F000}'..='\u{F0FF}' => out.push('•'),
            'ï' if matches!(chars.peek(), Some('‚' | 'ƒ')) => {
                chars.next();
                chars.next();
                out.push('•');
            }
            c if stays_in_block(c) => out.push(c),
            _ => {}
        }
    }
    if out.is_ascii() {
        return out;
    }
    // NFKC can produce new invisible characters from compatibility forms only
    // in theory; filtering again keeps the guarantee simple.
    out.nfkc().filter(|&c| stays_in_block(c)).collect()
}

/// Clean one line of text: as [`clean_block`], with every run of whitespace
/// (line breaks included) folded into one space and the ends trimmed.
pub fn clean_line(input: &str) -> String {
    collapse_whitespace(&clean_block(input))
}

/// Fold every run of whitespace into one space and trim the ends.
pub fn collapse_whitespace(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for word in input.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Undo `format=flowed` (RFC 3676 §4): a line ending in a space is
/// continued by the next line of the same quote depth, with that space
/// removed too when `delsp` is set; space-stuffing is removed. The
/// signature separator `-- ` is never joined.
pub fn unflow(input: &str, delsp: bool) -> String {
    let mut out = String::with_capacity(input.len());
    let mut open: Option<usize> = None;
    let body = input.strip_suffix('\n').unwrap_or(input);
    for raw in body.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let depth = raw.chars().take_while(|&c| c == '>').count();
        let body = &raw[depth..];
        let body = body.strip_prefix(' ').unwrap_or(body);
        if open.is_some_and(|d| d != depth) {
            out.push('\n');
            open = None;
        }
        if open.is_none() {
            out.push_str(&raw[..depth]);
            if depth > 0 {
                out.push(' ');
            }
        }
        let soft = body.ends_with(' ') && body != "-- ";
        if soft {
            out.push_str(if delsp { &body[..body.len() - 1] } else { body });
            open = Some(depth);
        } else {
            out.push_str(body);
            out.push('\n');
            open = None;
        }
    }
    if out.ends_with('\n') && !input.ends_with('\n') {
        out.pop();
    }
    out
}

/// Cut `input` to at most `max` characters, at a character boundary, and
/// trim what is left.
pub fn cap_chars(input: &str, max: usize) -> String {
    match input.char_indices().nth(max) {
        Some((end, _)) => input[..end].trim_end().to_owned(),
        None => input.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fullwidth_and_no_break_space_become_ascii() {
        assert_eq!(clean_line("ＳＷ１Ａ\u{00A0}１ＡＡ"), "SW1A 1AA");
    }

    #[test]
    fn tabs_stay_whatever_the_script_of_the_line() {
        assert_eq!(clean_block("Name\tTown\nAnn\tRye"), "Name\tTown\nAnn\tRye");
        assert_eq!(clean_block("Małgorzata\tRye"), "Małgorzata\tRye");
    }

    #[test]
    fn words_symbol_font_bullets_become_bullets_even_as_mojibake() {
        assert_eq!(clean_block("\u{F0B7}\tName: Jo"), "•\tName: Jo");
        assert_eq!(
            clean_block("ï‚·\tName: Jo\nïƒ˜ Post code"),
            "•\tName: Jo\n• Post code"
        );
        assert_eq!(clean_block("Zoë Naïve"), "Zoë Naïve");
    }

    #[test]
    fn invisible_and_bidi_characters_are_removed() {
        assert_eq!(clean_line("BR8\u{200B} 7RE"), "BR8 7RE");
        assert_eq!(clean_line("Jane \u{202E}htimS\u{202C}"), "Jane htimS");
        assert_eq!(clean_line("\u{FEFF}Name"), "Name");
    }

    #[test]
    fn controls_are_removed_and_line_breaks_normalised() {
        assert_eq!(clean_block("a\r\nb\rc\u{0007}d\te"), "a\nb\ncd\te");
        assert_eq!(
            clean_line("Evil\r\nBcc: x@example.org"),
            "Evil Bcc: x@example.org"
        );
    }

    #[test]
    fn flowed_lines_are_joined() {
        assert_eq!(
            unflow(
                "I live at 5 Camphill Road, DD5 \n3DE thanks\n-- \nJo\n",
                false
            ),
            "I live at 5 Camphill Road, DD5 3DE thanks\n-- \nJo\n"
        );
        assert_eq!(unflow("> a \n> b\nc", false), "> a b\nc");
        assert_eq!(unflow("wrap \nped", true), "wrapped");
    }

    #[test]
    fn cap_cuts_at_a_character_boundary() {
        assert_eq!(cap_chars("Zoë Smith", 3), "Zoë");
        assert_eq!(cap_chars("ab ", 5), "ab ");
        assert_eq!(cap_chars("ab  cd", 3), "ab");
    }
}
