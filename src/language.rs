//! Which language a supporter wrote in, so the reply can answer in it.
//!
//! Only Welsh is told apart from English today. A mail is Welsh when it
//! has Welsh labels ("Enw:", "Cyfeiriad:", "Cod post:") or enough Welsh
//! words among its English ones; a bilingual mail counts as Welsh. The
//! words are ones that do not occur in addresses: a Welsh street or town
//! ("Heol y Bryn", "Llanfair") in an English mail leaves it English.
//! Quoted mail is skipped, so a reply quoting our Welsh answer in English
//! stays English. Pure: text in, a language out.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::text::clean_line;

/// A language a reply can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    English,
    Welsh,
}

impl Language {
    /// The code naming the templates' folder: "en", "cy".
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Welsh => "cy",
        }
    }
}

/// Welsh words common in a short message and absent from addresses and
/// from English: function words, greetings, the words of a request.
static WELSH: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    [
        "yn",
        "ac",
        "yr",
        "fy",
        "mae",
        "ydw",
        "dw",
        "rwy",
        "rydw",
        "rwyf",
        "hoffwn",
        "diolch",
        "annwyl",
        "cofion",
        "gyda",
        "gwelwch",
        "dda",
        "llythyrau",
        "llythyr",
        "anfon",
        "enw",
        "cyfeiriad",
        "byw",
        "ym",
        "yng",
        "hefyd",
        "iawn",
        "ond",
        "neu",
        "wedi",
        "bod",
        "eich",
        "fi",
        "hwn",
        "hyn",
        "yma",
        "ble",
        "beth",
        "sut",
        "pam",
        "ddim",
        "nid",
        "helo",
        "shwmae",
        "sut",
        "bore",
        "prynhawn",
        "noswaith",
        "cynnes",
        "ngyfeiriad",
        "nghyfeiriad",
        "nghod",
        "ngh\u{f4}d",
        "ydy",
        "oes",
        "sydd",
        "roedd",
        "mewn",
        "ar",
        "gan",
        "wrth",
        "amdanaf",
        "fyddwn",
        "ddiolchgar",
        "llawer",
        "os",
        "chi",
        "ni",
        "rydyn",
        "ein",
        "eu",
        "nhw",
        "fe",
        "efo",
        "isio",
        "eisiau",
        "angen",
        "gennych",
        "gennyf",
        "ateb",
        "e-bost",
        "ebost",
        "trwy",
        "drwy",
        "ynghylch",
        "ynglyn",
        "ynglŷn",
        "ei",
        "iddo",
        "iddi",
    ]
    .into_iter()
    .collect()
});

/// English words common in a short request; several overlap nothing in
/// Welsh.
static ENGLISH: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    [
        "the", "and", "my", "is", "to", "of", "please", "thank", "thanks", "i'm", "name",
        "address", "postcode", "live", "send", "letters", "would", "like", "you", "for", "with",
        "in", "at", "me", "be", "are", "this", "that", "it", "have", "hi", "hello", "dear",
        "regards", "best", "wishes", "can", "could", "details", "here", "below", "above", "am",
        "was", "will", "your", "from", "on", "we", "our", "want",
    ]
    .into_iter()
    .collect()
});

/// Labels the Welsh version of the campaign's form uses.
const WELSH_LABELS: [&str; 4] = ["enw:", "cyfeiriad:", "cod post:", "c\u{f4}d post:"];

/// The language of a mail: its subject and its own lines (quoted mail is
/// skipped, from the first quote line or quote header on).
pub fn of_mail(subject: &str, body: &str) -> Language {
    let own = body
        .lines()
        .take_while(|line| !is_quote_start(line))
        .filter(|line| !line.trim_start().starts_with('>'));
    detect(std::iter::once(subject).chain(own))
}

/// The language of these lines.
pub fn detect<'a>(lines: impl IntoIterator<Item = &'a str>) -> Language {
    let mut welsh = 0usize;
    let mut english = 0usize;
    for line in lines {
        let line = clean_line(line).to_lowercase();
        let trimmed = line.trim_start();
        if WELSH_LABELS.iter().any(|l| trimmed.starts_with(l))
            || trimmed.starts_with("enw /")
            || trimmed.starts_with("cyfeiriad /")
        {
            return Language::Welsh;
        }
        for word in line
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'))
            .map(|w| w.trim_matches(|c| c == '\'' || c == '\u{2019}' || c == '-'))
            .filter(|w| !w.is_empty())
        {
            let word = word.replace('\u{2019}', "'");
            if WELSH.contains(word.as_str()) {
                welsh += 1;
            } else if ENGLISH.contains(word.as_str()) {
                english += 1;
            }
        }
    }
    // Enough Welsh to be meant, and not a stray word in English prose: a
    // bilingual mail has about as much of each.
    if welsh >= 4 && welsh * 3 >= english {
        Language::Welsh
    } else {
        Language::English
    }
}

/// A line that starts quoted mail: "On … wrote:", "Ar … ysgrifennodd:",
/// an Outlook header block.
fn is_quote_start(line: &str) -> bool {
    let line = line.trim();
    let lower = line.to_lowercase();
    (lower.starts_with("on ") && lower.ends_with("wrote:"))
        || (lower.starts_with("ar ") && lower.ends_with("ysgrifennodd:"))
        || lower.starts_with("-----original message")
        || lower.starts_with("----- original message")
        || lower.starts_with("________________________________")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(body: &str) -> Language {
        of_mail("", body)
    }

    #[test]
    fn welsh_prose_and_welsh_labels_are_welsh() {
        assert_eq!(
            of(
                "Helo,\n\nFy enw i yw Carys Vaughan ac rwy'n byw yn 2 Heol y Bryn, Aberystwyth SY23 1AB.\nDiolch yn fawr iawn,\nCarys"
            ),
            Language::Welsh
        );
        assert_eq!(
            of("Enw: Dafydd Jones\nCyfeiriad: 4 Stryd Fawr, Bala\nCod post: LL23 7AA"),
            Language::Welsh
        );
        assert_eq!(
            of("Enw / Name: Dafydd Jones\nCyfeiriad / Address: 4 Stryd Fawr, Bala"),
            Language::Welsh
        );
    }

    #[test]
    fn a_bilingual_mail_is_welsh() {
        assert_eq!(
            of(
                "Shwmae / Hello,\nHoffwn anfon y llythyrau, diolch. I would like to send the letters, thank you.\nMy name is Eleri Price and I live at 3 Maes y Llan, Bangor LL57 2AB.\nDiolch yn fawr / Thanks"
            ),
            Language::Welsh
        );
    }

    #[test]
    fn a_welsh_address_in_an_english_mail_stays_english() {
        assert_eq!(
            of(
                "Hi,\n\nPlease send me the letters. I'm Tom Hughes, 12 Heol y Bont, Pen-y-bont ar Ogwr, Llanfair Caereinion SY21 0AA.\n\nThanks,\nTom"
            ),
            Language::English
        );
        assert_eq!(
            of(
                "Name: Siân Llywelyn\nAddress: Tŷ Gwyn, Ffordd yr Eglwys, Llanrug\nPostcode: LL55 4AA"
            ),
            Language::English
        );
    }

    #[test]
    fn quoted_welsh_does_not_make_an_english_reply_welsh() {
        let body = "Here is my address: 5 Park Road, Cardiff CF10 1AA.\n\n\
                    On Mon, 23 Nov 2026, Not With My NHS Data wrote:\n\
                    > Helo, diolch am ysgrifennu. Mae angen eich cyfeiriad arnom.\n\
                    > Anfonwch eich enw, eich cyfeiriad a'ch cod post.";
        assert_eq!(of(body), Language::English);
        let quoted = "Thanks, my address is 5 Park Road.\n> Diolch yn fawr iawn, mae angen eich cyfeiriad\n> ac enw hefyd os gwelwch yn dda";
        assert_eq!(of(quoted), Language::English);
    }

    #[test]
    fn one_stray_welsh_word_is_not_enough() {
        assert_eq!(
            of("Diolch! Please send the letters to Jo Bloggs, 1 High St, Swansea SA1 1AA."),
            Language::English
        );
        assert_eq!(of(""), Language::English);
    }
}
