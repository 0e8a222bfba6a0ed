//! Property tests of the postcode normaliser and the extractor: normalising
//! twice changes nothing; a supporter's postcode is found wherever they
//! write it, with any spacing and case, and a postcode that only appears in
//! a quoted reply or a signature is never taken.
//!
//! The last properties build whole messages at random: a greeting, prose,
//! the supporter's details in any of the ways people write them, a sign-off,
//! a signature (`-- `, a work sign-off, a mobile footer), a quoted earlier
//! message (`>` lines, `On … wrote:` in several languages, Outlook's
//! `From:`/`Sent:` block, `-----Original Message-----`), above or below the
//! supporter's text. The postcode is found exactly when it is in the
//! supporter's own text; their own earlier mail, quoted, fills in one the
//! reply leaves out. The filler (prose, names, streets, quote headers,
//! signatures) cannot itself form a postcode: every word and every pair of
//! words of it is checked below, and every filler line of every generated
//! message is checked again.

use postbag::extract::{PostcodeFinding, extract};
use postbag::inbound::{Inbound, Sender};
use postbag::postcode::{self, Postcode};
use proptest::prelude::*;
use proptest::sample::select;

/// Valid postcodes in every BS 7666 shape, in the UK's real postcode
/// areas (a shape in an area that does not exist is no postcode).
fn postcode() -> impl Strategy<Value = String> {
    const ONE: &[&str] = &["B", "E", "G", "L", "M", "N", "S", "W"];
    const TWO: &[&str] = &[
        "AB", "AL", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH",
        "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY",
        "EC", "EH", "EN", "EX", "FK", "FY", "GL", "GU", "HA", "HD", "HG", "HP", "HR", "HS", "HU",
        "HX", "IG", "IP", "IV", "KA", "KT", "KW", "KY", "LA", "LD", "LE", "LL", "LN", "LS", "LU",
        "ME", "MK", "ML", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH", "PL",
        "PO", "PR", "RG", "RH", "RM", "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR",
        "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW", "UB", "WA", "WC",
        "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
    ];
    let inward = "[0-9][ABDEFGHJLNPQRSTUWXYZ]{2}";
    let one = (
        select(ONE),
        proptest::string::string_regex(&format!(
            "(?:[0-9]|[0-9][0-9]|[0-9][ABCDEFGHJKPSTUW]) {inward}"
        ))
        .expect("regex"),
    );
    let two = (
        select(TWO),
        proptest::string::string_regex(&format!(
            "(?:[0-9]|[0-9][0-9]|[0-9][ABEHMNPRVWXY]) {inward}"
        ))
        .expect("regex"),
    );
    prop_oneof![one, two].prop_map(|(area, rest)| format!("{area}{rest}"))
}

/// The same postcode as a person might type it: any case, no space or
/// several.
fn as_typed(postcode: &str, lower: bool, spaces: usize) -> String {
    let (outward, inward) = postcode.split_once(' ').expect("canonical form");
    let typed = format!("{outward}{}{inward}", " ".repeat(spaces));
    if lower { typed.to_lowercase() } else { typed }
}

fn inbound(body: String) -> Inbound {
    Inbound {
        sender: Some(Sender {
            name: Some("Jane Smith".to_owned()),
            address: "jane@example.org".to_owned(),
        }),
        subject: "Send my letters".to_owned(),
        body,
        ..Inbound::default()
    }
}

fn found(body: String) -> Option<String> {
    match extract(&inbound(body)).postcode {
        PostcodeFinding::Found(p) => Some(p.as_str().to_owned()),
        _ => None,
    }
}

// ------------------------------------------------------------ the filler

/// Words for prose. None is a label ("name", "address", "town"…), a
/// sign-off ("thanks", "regards"…), a quote or forward marker ("wrote",
/// "original", "forwarded", "sent") or a work-signature marker ("ltd",
/// "manager"…), so prose is only ever prose; none holds a digit.
const WORDS: &[&str] = &[
    "the",
    "campaign",
    "letters",
    "please",
    "data",
    "records",
    "contractor",
    "access",
    "worried",
    "about",
    "my",
    "health",
    "privacy",
    "really",
    "important",
    "want",
    "object",
    "and",
    "share",
    "information",
    "without",
    "consent",
    "family",
    "doctor",
    "surgery",
    "we",
    "our",
    "it",
    "is",
    "a",
    "of",
    "in",
    "on",
    "at",
    "with",
    "week",
    "today",
    "friend",
    "told",
    "me",
    "this",
    "hospital",
    "patients",
    "should",
    "know",
    "who",
    "sees",
    "their",
    "notes",
    "nobody",
    "asked",
    "so",
    "here",
    "are",
    "details",
    "for",
    "them",
    "quite",
    "angry",
    "frankly",
    "hope",
    "helps",
    "GP",
    "NHS",
    "FDP",
    "MP",
    "EU",
    "UK",
    "GDPR",
    "Palantir",
    "England",
    "Scotland",
    "Wales",
    "Kent",
    "Leeds",
    "Monday",
    "Friday",
    "June",
];

/// Greetings people open with.
const GREETINGS: &[&str] = &[
    "Hi,",
    "Hello,",
    "Hello!",
    "Hi there,",
    "Dear Not With My NHS Data,",
    "Dear campaign team,",
    "Good morning,",
    "Dear Sir or Madam,",
];

/// Sign-offs alone on a line, then the supporter's first name.
const SIGNOFFS: &[&str] = &[
    "Thanks,",
    "Kind regards,",
    "Best wishes,",
    "Many thanks,",
    "Cheers,",
    "Regards",
    "Thank you!",
    "Yours sincerely,",
];

/// Who wrote the quoted message: never the sender's own mailbox, whose
/// earlier mail fills in what a reply leaves out (the property
/// `their_own_quoted_mail_fills_in_a_missing_postcode`); the same name
/// from another mailbox is someone else's.
const QUOTED_AUTHORS: &[&str] = &[
    "Office of Jo Bloggs MP <office@example.org>",
    "NHS England <england.dpo@example.org>",
    "Not With My NHS Data <letters@notwithmynhsdata.org>",
    "Jane Smith <jane.smith@work.example.net>",
];

/// How a quoted message's line may hold a postcode (`{}` is the postcode).
const QUOTED_POSTCODE_LINES: &[&str] = &[
    "House of Commons, London {}",
    "{}",
    "Postcode: {}",
    "NHS England, Wellington Place, Leeds {}",
    "Our address is 7 Quay Street, Leeds, {}.",
];

/// How a signature line may hold a postcode.
const SIGNATURE_POSTCODE_LINES: &[&str] = &[
    "1 Work Street, Manchester {}",
    "Acme Ltd | 1 Work Street | {}",
    "{}",
];

/// The other fixed lines the messages below are built from.
const FIXED_LINES: &[&str] = &[
    "Name: Jane Smith",
    "Address: 12 Acacia Avenue, Swanley",
    "Jane Smith",
    "12 Acacia Avenue",
    "Swanley",
    "12 Acacia Avenue, Swanley",
    "Jane",
    "From: NHS England <england.dpo@example.org>",
    "Sent: Monday, 1 June 2026 10:02",
    "To: Jane Smith <jane@example.org>",
    "Subject: RE: Your objection",
    "-----Original Message-----",
    "________________________________",
    "Senior Policy Officer",
    "Acme Consulting Ltd",
    "T: 0161 496 0321 | www.acme.example",
    "jane.smith@acme.example",
    "-- ",
    "--",
    "Sent from my iPhone",
    "Get Outlook for Android",
];

/// Return true if a line holds anything postcode-shaped (a postcode, or
/// look-alike letters that would be one).
fn postcode_shaped(line: &str) -> bool {
    !postcode::find_all(line).is_empty()
}

/// A word as it may be written: lower case, capitalised, upper case.
fn cases(word: &str) -> [String; 3] {
    let mut capital = word.to_owned();
    if let Some(first) = capital.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    [word.to_owned(), capital, word.to_uppercase()]
}

#[test]
fn the_filler_cannot_form_a_postcode() {
    // Prose is words joined by single spaces, so a postcode could only come
    // from one word or two neighbours (`find_all` reads no further).
    for a in WORDS.iter().flat_map(|w| cases(w)) {
        assert!(!postcode_shaped(&a), "{a:?}");
        for b in WORDS.iter().flat_map(|w| cases(w)) {
            let pair = format!("{a} {b}");
            assert!(!postcode_shaped(&pair), "{pair:?}");
        }
    }
    let fixed = FIXED_LINES
        .iter()
        .chain(GREETINGS)
        .chain(SIGNOFFS)
        .chain(QUOTED_AUTHORS)
        .copied()
        .chain(
            QUOTED_POSTCODE_LINES
                .iter()
                .map(|l| l.split("{}").next().unwrap_or("")),
        )
        .chain(
            SIGNATURE_POSTCODE_LINES
                .iter()
                .map(|l| l.split("{}").next().unwrap_or("")),
        );
    for line in fixed {
        assert!(!postcode_shaped(line), "{line:?}");
    }
    for attribution in ATTRIBUTIONS
        .iter()
        .chain(["On Mon, 1 Jun 2026 at 10:02, {}"].iter())
    {
        for author in QUOTED_AUTHORS {
            let line = attribution.replace("{}", author);
            assert!(!postcode_shaped(&line), "{line:?}");
        }
    }
}

/// One sentence of 5 to 12 words: never a label, a sign-off or a header.
fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(select(WORDS), 5..=12).prop_map(|words| {
        let mut s = words.join(" ");
        if let Some(first) = s.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        s + "."
    })
}

/// A paragraph of one to three sentences, wrapped at 72 columns as mail
/// clients do.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..=3).prop_map(|sentences| wrap(&sentences.join(" ")))
}

fn wrap(text: &str) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() && line.len() + 1 + word.len() > 72 {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}

/// The supporter's details with the postcode as typed, in the ways people
/// write them.
fn own_details(typed: &str, layout: usize) -> String {
    match layout {
        0 => format!("Name: Jane Smith\nAddress: 12 Acacia Avenue, Swanley\nPostcode: {typed}"),
        1 => format!("Jane Smith\n12 Acacia Avenue\nSwanley\n{typed}"),
        2 => format!("12 Acacia Avenue, Swanley {typed}"),
        3 => format!("my postcode is {typed} and my name is Jane Smith"),
        4 => format!("I live at 12 Acacia Avenue, Swanley, {typed}."),
        _ => format!("Address: 12 Acacia Avenue, Swanley\nPost code - {typed}"),
    }
}

/// Where the supporter's postcode is put.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placement {
    /// In their own text, before any sign-off.
    Own,
    /// In the lines after their sign-off ("Thanks,\nJane Smith\n12 …").
    AfterSignoff,
    /// Only in the quoted message.
    QuoteOnly,
    /// Only in the signature.
    SignatureOnly,
}

/// A quoted earlier message; `{}` marks the line that may hold a postcode.
#[derive(Clone, Copy, Debug)]
enum QuoteKind {
    /// `>` lines with no header.
    Marked,
    /// `On … wrote:` (in one of several languages), then `>` lines.
    AttributedMarked(usize),
    /// `On … wrote:` wrapped over two lines, then `>` lines.
    WrappedAttribution,
    /// `On … wrote:`, then the quote without `>` (as HTML mail reads).
    AttributedUnmarked(usize),
    /// Outlook's `From:`/`Sent:`/`To:`/`Subject:` block.
    Outlook,
    /// `-----Original Message-----`.
    OriginalMessage,
    /// Outlook on the web: a line of underscores, then the header block.
    Underscores,
}

impl QuoteKind {
    /// Only these end where the `>` lines end, so the supporter's text can
    /// follow them (bottom-posting).
    fn can_be_above(self) -> bool {
        matches!(
            self,
            QuoteKind::Marked | QuoteKind::AttributedMarked(_) | QuoteKind::WrappedAttribution
        )
    }
}

const ATTRIBUTIONS: &[&str] = &[
    "On Mon, 1 Jun 2026 at 10:02, {} wrote:",
    "On 23/11/2026 10:30, {} wrote:",
    "Le lun. 1 juin 2026 à 10:02, {} a écrit :",
    "Am 01.06.2026 um 10:02 schrieb {}:",
    "El lun, 1 jun 2026 a las 10:02, {} escribió:",
    "Am Mo., 1. Juni 2026 um 10:02 Uhr schrieb {}:",
    "Op ma 1 jun. 2026 om 10:02 schreef {}:",
    "Den mån 1 juni 2026 kl 10:02 skrev {}:",
    "Il giorno lun 1 giu 2026 alle ore 10:02 {} ha scritto:",
    "W dniu 1.06.2026 o 10:02, {} napisał:",
];

fn quote(kind: QuoteKind, author: &str, prose: &[String], postcode: Option<&str>) -> String {
    let mut body: Vec<String> = prose
        .iter()
        .flat_map(|p| p.lines())
        .map(str::to_owned)
        .collect();
    if let Some(line) = postcode {
        body.insert(body.len().min(1), line.to_owned());
    }
    let marked = |body: &[String]| {
        body.iter()
            .map(|l| format!("> {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let outlook_block = format!(
        "From: {author}\nSent: Monday, 1 June 2026 10:02\nTo: Jane Smith <jane@example.org>\nSubject: RE: Your objection\n\n{}",
        body.join("\n")
    );
    match kind {
        QuoteKind::Marked => marked(&body),
        QuoteKind::AttributedMarked(n) => format!(
            "{}\n{}",
            ATTRIBUTIONS[n % ATTRIBUTIONS.len()].replace("{}", author),
            marked(&body)
        ),
        QuoteKind::WrappedAttribution => format!(
            "On Mon, 1 Jun 2026 at 10:02, {author}\nwrote:\n{}",
            marked(&body)
        ),
        QuoteKind::AttributedUnmarked(n) => format!(
            "{}\n\n{}",
            ATTRIBUTIONS[n % ATTRIBUTIONS.len()].replace("{}", author),
            body.join("\n")
        ),
        QuoteKind::Outlook => outlook_block,
        QuoteKind::OriginalMessage => format!("-----Original Message-----\n{outlook_block}"),
        QuoteKind::Underscores => format!("________________________________\n{outlook_block}"),
    }
}

/// A signature; `postcode` is the line that may hold one.
#[derive(Clone, Copy, Debug)]
enum SignatureKind {
    /// `-- ` (RFC 3676), then name, company and address.
    Delimited,
    /// `--` without its trailing space, as many clients send it.
    BareDashes,
    /// No delimiter: a sign-off, then a work signature (title, company,
    /// phone, web address).
    Work,
    /// A mobile client's footer; nothing after it is read.
    MobileFooter,
}

fn signature(kind: SignatureKind, postcode: Option<&str>) -> String {
    let at = postcode.map(|p| format!("\n{p}")).unwrap_or_default();
    match kind {
        SignatureKind::Delimited => {
            format!("-- \nJane Smith\nSenior Policy Officer\nAcme Consulting Ltd{at}")
        }
        // A `-- ` block with a company in it is a work signature; a
        // personal one (name and home address) is read.
        SignatureKind::BareDashes => {
            format!("--\nJane Smith\nAcme Consulting Ltd{at}\njane.smith@acme.example")
        }
        SignatureKind::Work => format!(
            "Kind regards,\n\nJane Smith\nSenior Policy Officer\nAcme Consulting Ltd{at}\nT: 0161 496 0321 | www.acme.example"
        ),
        SignatureKind::MobileFooter => format!("Sent from my iPhone{at}"),
    }
}

/// One generated message and what it must give.
#[derive(Debug)]
struct Message {
    body: String,
    /// The postcode the supporter gave in their own text, if any.
    supporters: Option<String>,
    /// The lines built without a postcode (checked to hold none).
    filler: Vec<String>,
}

#[derive(Clone, Debug)]
struct Recipe {
    postcode: String,
    other: String,
    lower: bool,
    spaces: usize,
    placement: Placement,
    layout: usize,
    greeting: Option<&'static str>,
    paragraphs: Vec<String>,
    signoff: Option<&'static str>,
    signature: Option<SignatureKind>,
    quote: Option<(QuoteKind, &'static str, Vec<String>)>,
    /// The quote above the supporter's text (bottom-posting), where its
    /// kind allows.
    quote_above: bool,
    /// Another postcode in the quote and in the signature when the
    /// supporter's is in their own text.
    decoys: bool,
    /// Where the details go among the paragraphs.
    position: usize,
    postcode_line: usize,
}

fn recipe() -> impl Strategy<Value = Recipe> {
    let placement = prop_oneof![
        Just(Placement::Own),
        Just(Placement::AfterSignoff),
        Just(Placement::QuoteOnly),
        Just(Placement::SignatureOnly),
    ];
    let quote_kind = prop_oneof![
        Just(QuoteKind::Marked),
        (0..ATTRIBUTIONS.len()).prop_map(QuoteKind::AttributedMarked),
        Just(QuoteKind::WrappedAttribution),
        (0..ATTRIBUTIONS.len()).prop_map(QuoteKind::AttributedUnmarked),
        Just(QuoteKind::Outlook),
        Just(QuoteKind::OriginalMessage),
        Just(QuoteKind::Underscores),
    ];
    let signature_kind = prop_oneof![
        Just(SignatureKind::Delimited),
        Just(SignatureKind::BareDashes),
        Just(SignatureKind::Work),
        Just(SignatureKind::MobileFooter),
    ];
    (
        (
            postcode(),
            postcode(),
            any::<bool>(),
            0usize..3,
            placement,
            0usize..6,
        ),
        (
            proptest::option::of(select(GREETINGS)),
            prop::collection::vec(paragraph(), 0..=3),
            proptest::option::of(select(SIGNOFFS)),
            proptest::option::of(signature_kind),
            proptest::option::of((
                quote_kind,
                select(QUOTED_AUTHORS),
                prop::collection::vec(paragraph(), 1..=2),
            )),
        ),
        (any::<bool>(), any::<bool>(), 0usize..4, 0usize..8),
    )
        .prop_map(
            |(
                (postcode, other, lower, spaces, placement, layout),
                (greeting, paragraphs, signoff, signature, quote),
                (quote_above, decoys, position, postcode_line),
            )| Recipe {
                postcode,
                other,
                lower,
                spaces,
                placement,
                layout,
                greeting,
                paragraphs,
                signoff,
                signature,
                quote,
                quote_above,
                decoys,
                position,
                postcode_line,
            },
        )
        // A postcode only in the quote or signature needs one there.
        .prop_map(|mut r| {
            match r.placement {
                Placement::QuoteOnly if r.quote.is_none() => {
                    r.quote = Some((QuoteKind::Marked, QUOTED_AUTHORS[0], vec![]));
                }
                Placement::SignatureOnly if r.signature.is_none() => {
                    r.signature = Some(SignatureKind::Delimited);
                }
                _ => {}
            }
            r
        })
}

impl Recipe {
    fn build(&self) -> Message {
        let typed = as_typed(&self.postcode, self.lower, self.spaces);
        let mut filler: Vec<String> = Vec::new();
        let mut own: Vec<String> = Vec::new();
        if let Some(g) = self.greeting {
            own.push(g.to_owned());
        }
        let mut middle: Vec<String> = self.paragraphs.clone();
        let details = match self.placement {
            Placement::Own => own_details(&typed, self.layout),
            // The rest give the name and street but no postcode.
            _ => "Name: Jane Smith\nAddress: 12 Acacia Avenue, Swanley".to_owned(),
        };
        filler.extend(
            self.paragraphs
                .iter()
                .flat_map(|p| p.lines())
                .map(str::to_owned),
        );
        if !matches!(self.placement, Placement::Own) {
            filler.extend(details.lines().map(str::to_owned));
        }
        middle.insert(self.position.min(middle.len()), details);
        own.extend(middle);

        // A sign-off, then the supporter's name, and their address block
        // when that is where they put it.
        let signoff = match (self.placement, self.signoff) {
            (Placement::AfterSignoff, s) => Some(s.unwrap_or("Thanks,")),
            (_, s) => s,
        };
        if let Some(s) = signoff {
            let tail = match self.placement {
                Placement::AfterSignoff => {
                    format!("{s}\nJane Smith\n12 Acacia Avenue\nSwanley\n{typed}")
                }
                _ => {
                    filler.push(s.to_owned());
                    format!("{s}\nJane")
                }
            };
            own.push(tail);
        }

        // A work signature right after the supporter's own sign-off joins
        // their tail, and a tail that reads as a work signature is not read
        // at all, their address with it: a known limit, so here the
        // signature then starts with its delimiter.
        let signature_kind = match (self.signature, signoff.is_some()) {
            (Some(SignatureKind::Work), true) => Some(SignatureKind::Delimited),
            (kind, _) => kind,
        };
        let signature_text = signature_kind.map(|kind| {
            let template =
                SIGNATURE_POSTCODE_LINES[self.postcode_line % SIGNATURE_POSTCODE_LINES.len()];
            let line = self
                .held_by(Placement::SignatureOnly)
                .map(|p| template.replace("{}", p));
            let text = signature(kind, line.as_deref());
            filler.extend(
                signature(kind, None)
                    .lines()
                    .map(str::to_owned)
                    .filter(|l| !l.is_empty()),
            );
            text
        });

        let quote_text = self.quote.as_ref().map(|(kind, author, prose)| {
            let template = QUOTED_POSTCODE_LINES[self.postcode_line % QUOTED_POSTCODE_LINES.len()];
            let line = self
                .held_by(Placement::QuoteOnly)
                .map(|p| template.replace("{}", p));
            let without = quote(*kind, author, prose, None);
            filler.extend(without.lines().map(str::to_owned));
            (*kind, quote(*kind, author, prose, line.as_deref()))
        });

        let mut parts: Vec<String> = Vec::new();
        let above = quote_text
            .as_ref()
            .is_some_and(|(kind, _)| self.quote_above && kind.can_be_above());
        if above && let Some((_, q)) = &quote_text {
            parts.push(q.clone());
        }
        parts.extend(own);
        parts.extend(signature_text);
        if !above && let Some((_, q)) = &quote_text {
            parts.push(q.clone());
        }
        Message {
            body: parts.join("\n\n") + "\n",
            supporters: self.placement_is_own().then(|| self.postcode.clone()),
            filler,
        }
    }

    /// The postcode a quote or signature holds: the supporter's when that
    /// is the only place it is; another, as a decoy, when theirs is in
    /// their own text; or none.
    fn held_by(&self, only_here: Placement) -> Option<&str> {
        if self.placement == only_here {
            Some(&self.postcode)
        } else if self.decoys && self.placement_is_own() {
            Some(&self.other)
        } else {
            None
        }
    }

    fn placement_is_own(&self) -> bool {
        matches!(self.placement, Placement::Own | Placement::AfterSignoff)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn normalising_twice_changes_nothing(p in postcode(), lower: bool, spaces in 0usize..3) {
        let once = Postcode::parse(&as_typed(&p, lower, spaces)).expect("valid postcode parses");
        prop_assert_eq!(once.as_str(), p.as_str());
        let twice = Postcode::parse(once.as_str()).expect("canonical form parses");
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn parse_never_panics_and_its_output_is_canonical(text in "\\PC{0,12}") {
        if let Some(p) = Postcode::parse(&text) {
            let again = Postcode::parse(p.as_str());
            prop_assert_eq!(again.as_ref(), Some(&p));
        }
    }

    #[test]
    fn the_supporters_postcode_is_found_however_it_is_written(
        p in postcode(), lower: bool, spaces in 0usize..3, layout in 0usize..4,
    ) {
        let typed = as_typed(&p, lower, spaces);
        let body = match layout {
            0 => format!("Name: Jane Smith\nAddress: 12 Acacia Avenue, Swanley\nPostcode: {typed}\n"),
            1 => format!("Hello,\n\nPlease send the letters.\n\nJane Smith\n12 Acacia Avenue\nSwanley\n{typed}\n"),
            2 => format!("Please send my letters.\n\n12 Acacia Avenue, Swanley {typed}\n\nThanks,\nJane"),
            _ => format!("my postcode is {typed} and my name is Jane Smith\nAddress: 12 Acacia Avenue\n"),
        };
        prop_assert_eq!(found(body), Some(p));
    }

    #[test]
    fn a_postcode_only_in_a_quote_or_signature_is_never_taken(p in postcode(), quote in 0usize..5) {
        let own = "Name: Jane Smith\nAddress: 12 Acacia Avenue, Swanley\n\nPlease send my letters.\n";
        let rest = match quote {
            0 => format!("\n> House of Commons\n> London {p}\n"),
            1 => format!("\nOn Mon, 1 Jun 2026 at 10:02, Office <office@example.org> wrote:\nLondon {p}\n"),
            2 => format!("\n-----Original Message-----\nFrom: NHS England\n{p}\n"),
            3 => format!("\n-- \nJane Smith\nAcme Ltd, 1 Work Street, {p}\n"),
            _ => format!("\nFrom: NHS England <x@example.org>\nSent: Monday\nTo: Jane\nSubject: hi\n\n{p}\n"),
        };
        prop_assert_eq!(found(format!("{own}{rest}")), None);
    }

    #[test]
    fn their_own_quoted_mail_fills_in_a_missing_postcode(
        p in postcode(), lower: bool, spaces in 0usize..3, kind in 0usize..4,
    ) {
        let typed = as_typed(&p, lower, spaces);
        let own = "Sorry, I forgot this in my first mail.\n\nJane\n";
        let earlier = format!("Hello,\n\nPlease send the letters.\n\nJane Smith\n12 Acacia Avenue\nSwanley\n{typed}\n");
        let marked = earlier.lines().map(|l| format!("> {l}")).collect::<Vec<_>>().join("\n");
        let quote = match kind {
            0 => format!("On Mon, 1 Jun 2026 at 10:02, Jane Smith <jane@example.org> wrote:\n\n{marked}"),
            1 => format!("> On 1 Jun 2026, at 10:02, Jane Smith <jane@example.org> wrote:\n>\n{marked}"),
            2 => format!("On Mon, 1 Jun 2026, 10:02 Jane Smith, <jane@example.org>\nwrote:\n\n{marked}"),
            _ => format!("From: Jane Smith <jane@example.org>\nSent: Monday, 1 June 2026 10:02\nTo: letters@example.test\nSubject: Letters\n\n{earlier}"),
        };
        prop_assert_eq!(found(format!("{own}\n{quote}")), Some(p));
    }

    #[test]
    fn extraction_never_panics_and_respects_its_caps(body in "\\PC{0,600}") {
        let e = extract(&inbound(body));
        prop_assert!(e.name.as_ref().is_none_or(|n| n.chars().count() <= 100));
        prop_assert!(e.address_line().is_none_or(|a| a.chars().count() <= 300));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// The whole-message property: found exactly when it is the
    /// supporter's, and then that one, whatever else the quote and the
    /// signature hold.
    #[test]
    fn in_a_whole_message_the_postcode_is_found_exactly_when_it_is_the_supporters(r in recipe()) {
        let message = r.build();
        for line in &message.filler {
            prop_assert!(!postcode_shaped(line), "the filler formed a postcode: {:?}", line);
        }
        prop_assert_eq!(
            found(message.body.clone()),
            message.supporters.clone(),
            "body:\n{}",
            message.body
        );
    }
}
