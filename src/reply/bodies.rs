//! The reply's text and HTML bodies from its templates, and its subject.

use tera::Context;

use crate::letters::{RenderError, Templates};
use crate::phrases::Phrases;
use crate::text::{cap_chars, clean_line};

use super::MAX_SUBJECT_CHARS;

/// Render the text (`NAME.txt`) and HTML (`NAME.html`) bodies of a reply.
pub(super) fn bodies(
    templates: &Templates,
    name: &str,
    context: &Context,
) -> Result<(String, String), RenderError> {
    let text = squeeze_blank_lines(&templates.reply(&format!("{name}.txt"), context)?);
    let html = templates
        .reply(&format!("{name}.html"), context)?
        .trim()
        .to_owned()
        + "\n";
    Ok((text, html))
}

/// Trim the ends and fold runs of blank lines into one, so optional
/// template blocks need no whitespace bookkeeping.
fn squeeze_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.trim().lines() {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if blank > 0 && !out.is_empty() {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `Re: <original subject>`, cleaned and shortened; the phrases' line
/// naming the campaign when the original had none.
pub(super) fn reply_subject(original: &str, phrases: &Phrases, campaign: &str) -> String {
    let mut subject = clean_line(original);
    // Prefixes are ASCII, so compare bytes: a lower-cased copy of the
    // subject could differ in length from it.
    while let Some(prefix) = ["re:", "re :", "aw:", "sv:", "fwd:", "fw:", "tr:"]
        .iter()
        .find(|p| {
            subject
                .as_bytes()
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
        })
    {
        subject = subject[prefix.len()..].trim_start().to_owned();
    }
    let subject = cap_chars(&subject, MAX_SUBJECT_CHARS);
    if subject.is_empty() {
        let line = phrases.empty_subject(&clean_line(campaign));
        format!("Re: {line}")
    } else {
        format!("Re: {subject}")
    }
}
