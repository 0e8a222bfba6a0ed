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
    /// The language a templates folder's code names, if postbag can tell
    /// it from the others.
    pub fn from_code(code: &str) -> Option<Language> {
        match code {
            "en" => Some(Language::English),
            "cy" => Some(Language::Welsh),
            _ => None,
        }
    }

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
        "dyma",
        "manylion",
        "mae'r",
        "i'r",
        "o'r",
        "rydym",
        "yw",
        "dw'i",
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

/// The language of a mail: its subject and its own lines, up to quoted
/// mail, a signature or the sign-off ("Diolch,", "Thanks,"; a bilingual
/// work signature below it says nothing of the writer's choice).
/// Greetings and thanks are left out: "Helo" and "Diolch yn fawr" are
/// common in English mail from Wales.
pub fn of_mail(subject: &str, body: &str) -> Language {
    let own: Vec<&str> = body
        .lines()
        .take_while(|line| !is_quote_start(line) && line.trim_end() != "--")
        .filter(|line| !line.trim_start().starts_with('>'))
        .take_while(|line| !is_sign_off(line))
        // A greeting on its own line ("Hello,") would run into the next
        // sentence once lines are joined.
        .filter(|line| !(line.split_whitespace().count() <= 4 && is_pleasantry(line)))
        .collect();
    detect(
        std::iter::once(subject)
            .chain(std::iter::once(""))
            .chain(own),
    )
}

/// Greetings and thanks, in either language.
const PLEASANTRIES: [&str; 14] = [
    "helo",
    "shwmae",
    "su'mae",
    "bore da",
    "prynhawn da",
    "noswaith dda",
    "diolch",
    "cofion",
    "hwyl",
    "annwyl",
    "hi",
    "hello",
    "thanks",
    "thank you",
];

/// A sentence that opens with a greeting or thanks.
fn is_pleasantry(sentence: &str) -> bool {
    let lower = clean_line(sentence).trim().to_lowercase();
    PLEASANTRIES.iter().any(|p| {
        lower.starts_with(p)
            && lower[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A short line closing the message: "Diolch,", "Diolch yn fawr", "Kind
/// regards,".
fn is_sign_off(line: &str) -> bool {
    const SIGN_OFFS: [&str; 10] = [
        "diolch",
        "cofion",
        "yn gywir",
        "hwyl",
        "thanks",
        "thank you",
        "regards",
        "kind regards",
        "best wishes",
        "many thanks",
    ];
    let lower = clean_line(line).trim().to_lowercase();
    // "Yn gywir / Yours sincerely,": the first half decides.
    let lower = lower.split(" / ").next().unwrap_or_default().to_owned();
    let short = lower.split_whitespace().count() <= 4;
    short
        && SIGN_OFFS.iter().any(|s| {
            lower.starts_with(s)
                && lower[s.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphabetic())
        })
}

/// The language of these lines: Welsh if a label is Welsh, or if at least
/// a quarter as many sentences are in Welsh as in English (a bilingual mail
/// has as many of each; an English mail from Wales, a Welsh greeting at
/// most, and greetings and thanks are not counted). A sentence is Welsh
/// when most of the common words it has are Welsh.
pub fn detect<'a>(lines: impl IntoIterator<Item = &'a str>) -> Language {
    let mut text = String::new();
    for line in lines {
        let line = clean_line(line).to_lowercase();
        let line = line.trim_start();
        if WELSH_LABELS.iter().any(|l| line.starts_with(l))
            || line.starts_with("enw /")
            || line.starts_with("cyfeiriad /")
        {
            return Language::Welsh;
        }
        // Hard-wrapped lines are joined back into sentences; a blank line
        // ends one.
        text.push_str(if line.is_empty() { ". " } else { line });
        text.push(' ');
    }
    let mut welsh_sentences = 0usize;
    let mut english_sentences = 0usize;
    // Sentences, and the halves of a bilingual "Cymraeg / English".
    for sentence in text
        .split_inclusive(['.', '!', '?'])
        .flat_map(|s| s.split(" / "))
        .filter(|s| !is_pleasantry(s))
    {
        let (welsh, english) = count_words(sentence);
        if welsh >= 2 && welsh > english {
            welsh_sentences += 1;
        } else if english > welsh {
            english_sentences += 1;
        }
    }
    if welsh_sentences >= 1 && welsh_sentences * 4 >= english_sentences {
        Language::Welsh
    } else {
        Language::English
    }
}

/// How many of a sentence's words are common Welsh and common English ones.
fn count_words(sentence: &str) -> (usize, usize) {
    let mut welsh = 0;
    let mut english = 0;
    for word in sentence
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
    (welsh, english)
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
    fn welsh_labels_count_wherever_they_start_a_line() {
        // Under a line with no full stop, which joining would run into them.
        assert_eq!(
            of(
                "Here are my details\nEnw: Dafydd Jones\nCyfeiriad: 4 Stryd Fawr, Bala\nCod post: LL23 7AA"
            ),
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
    fn a_welsh_paragraph_before_a_longer_english_one_is_welsh() {
        // From tests/blind-9/k-020: Welsh first, then more English.
        let body = "Annwyl gyfeillion,\n\nDiolch o galon am eich gwaith. Hoffwn dderbyn y llythyrau, os gwelwch yn \ndda.\n\n\
                    Dear friends, thank you for your work. I would like to receive the \nletters please. I understand that some of them are about NHS England, \nbut I was treated in Birmingham for two years and my records will be \nthere, so I would rather send all of them.\n\n\
                    Yn gywir / Yours sincerely,\n\nEirlys Jenkins\nTŷ Hendre\nMathry\nSA62 6DU\n";
        assert_eq!(of_mail("Llythyrau / Letters", body), Language::Welsh);
    }

    #[test]
    fn a_bilingual_work_signature_under_an_english_mail_is_not_counted() {
        // From tests/blind-8/j-095.
        let body = "Hi,\n\nPlease send the letters to my home address, not work: 52 Clive Street, Cardiff CF11 7LQ.\n\n\
                    Diolch,\nHuw\n\nHuw Llewelyn-Jenkins\nSwyddog Polisi | Policy Officer\n\
                    Rydym yn croesawu gohebiaeth yn Gymraeg. We welcome correspondence in Welsh.\n\
                    Mae'r e-bost hwn yn gyfrinachol. This email is confidential.\n";
        assert_eq!(of(body), Language::English);
        // Welsh thanks in an English request (tests/blind-4/f-25).
        assert_eq!(
            of(
                "Helo,\n\nPlease send me the letters. Diolch yn fawr iawn am hyn.\n\nSiân Llewelyn\nBryn Awel\nFfordd Llanbadarn\nAberystwyth\nSY23 3AD\n"
            ),
            Language::English
        );
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
