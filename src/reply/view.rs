//! What the reply templates see of each letter: its text as paragraphs
//! and lines, its To: line as a client accepts it pasted, its draft's file
//! name and its `mailto:` link. Pure.

use serde::Serialize;

use super::DraftLetter;
use super::draft::attachment_name;
use super::mailto;
use crate::text::clean_line;

#[derive(Serialize)]
pub(super) struct LetterView<'a> {
    #[serde(flatten)]
    pub(super) letter: &'a DraftLetter,
    /// The body's paragraphs, each a list of lines: HTML writes them as
    /// `<p>` and `<br>`, which every client keeps, where `white-space:
    /// pre-wrap` is lost in classic Outlook, Windows Mail and Samsung Email.
    paragraphs: Vec<Vec<&'a str>>,
    /// The To: line as a client accepts it pasted: the addresses alone.
    to_line: String,
    /// The recipient as a mailbox, the name quoted when it needs it
    /// ("FDP Programme Team, NHS England" has a comma).
    to_mailbox: String,
    cc_line: String,
    attachment: String,
    mailto: Option<String>,
    mailto_has_body: bool,
    /// The link with the full text for Apple Mail and iOS Mail, when the
    /// portable link cannot carry it.
    mailto_apple: Option<String>,
    /// The same letter in the campaign's own language, for a letter
    /// written in the reply's.
    english: Option<Box<LetterView<'a>>>,
}

/// The views of these letters, in order; `apple_mail` adds the links for
/// Apple Mail.
pub(super) fn letters(letters: &[DraftLetter], apple_mail: bool) -> Vec<LetterView<'_>> {
    letters.iter().map(|l| view(l, apple_mail)).collect()
}

fn view(letter: &DraftLetter, apple_mail: bool) -> LetterView<'_> {
    let link = (!letter.to.is_empty())
        .then(|| mailto::link(&letter.to, &letter.cc, &letter.subject, &letter.body));
    LetterView {
        letter,
        paragraphs: paragraphs(&letter.body),
        to_mailbox: to_mailbox(&letter.recipient, &letter.to),
        to_line: letter.to.join(", "),
        cc_line: letter.cc.join(", "),
        attachment: attachment_name(letter),
        mailto_has_body: link.as_ref().is_some_and(|l| l.has_body),
        mailto_apple: (apple_mail && !letter.to.is_empty())
            .then(|| mailto::whole(&letter.to, &letter.cc, &letter.subject, &letter.body))
            .flatten(),
        mailto: link.map(|l| l.href),
        english: letter
            .english
            .as_deref()
            .map(|e| Box::new(view(e, apple_mail))),
    }
}

/// A letter's paragraphs (split at blank lines), each as its lines.
pub(super) fn paragraphs(body: &str) -> Vec<Vec<&str>> {
    body.split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim_end)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// `Name <address>` for the first address, the name quoted (RFC 5322
/// §3.2.4) when it holds a character that would split or break the line;
/// further addresses follow bare. Empty when there is no address.
pub(super) fn to_mailbox(name: &str, to: &[String]) -> String {
    let Some((first, rest)) = to.split_first() else {
        return String::new();
    };
    let name = clean_line(name);
    let special = |c: char| "()<>[]:;@\\,.\"".contains(c);
    let head = if name.is_empty() {
        first.clone()
    } else if name.chars().any(special) {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{quoted}\" <{first}>")
    } else {
        format!("{name} <{first}>")
    };
    std::iter::once(head)
        .chain(rest.iter().cloned())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_a_comma_is_quoted_on_the_to_line() {
        let to = ["england.fdp@nhs.net".to_owned()];
        assert_eq!(
            to_mailbox("FDP Programme Team, NHS England", &to),
            "\"FDP Programme Team, NHS England\" <england.fdp@nhs.net>"
        );
        assert_eq!(
            to_mailbox("Alex Example MP", &to),
            "Alex Example MP <england.fdp@nhs.net>"
        );
        assert_eq!(
            to_mailbox("Dr A. \"Sam\" Smith", &to),
            "\"Dr A. \\\"Sam\\\" Smith\" <england.fdp@nhs.net>"
        );
        assert_eq!(to_mailbox("Anyone", &[]), "");
    }

    #[test]
    fn paragraphs_keep_their_lines() {
        let body = "Jo Bloggs\n1 High Street\n\n\nDear MP,\n\nText.\n";
        assert_eq!(
            paragraphs(body),
            vec![
                vec!["Jo Bloggs", "1 High Street"],
                vec!["Dear MP,"],
                vec!["Text."]
            ]
        );
    }
}
