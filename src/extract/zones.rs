//! The zones of a message, weighed by trust: the supporter's own text, the
//! tail after their sign-off, a personal `-- ` block, their own earlier
//! mail forwarded, answers typed into a quoted form, and the subject.
//! Which zones a message has is decided here; what is read from each is
//! decided by the candidates' scores. Pure: no I/O.

use crate::inbound::Inbound;
use crate::postcode::holds_postcode;
use crate::text::{clean_block, collapse_whitespace};

use super::signature_words::{is_personal_signature, looks_like_work_signature};
use super::words::{FOR_PROXY, STALE_DETAILS, is_prose, is_title, says_for_another};
use super::{label_fields, labels, segment};

/// How far a zone of the message is trusted to hold the supporter's own
/// details.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ZoneKind {
    /// What they wrote, before any sign-off.
    Own,
    /// After their sign-off: often their name and address block.
    Tail,
    /// After `-- `, when it is a personal block.
    Signature,
    /// Their own earlier mail, forwarded.
    Forward,
    /// Answers typed after labels inside quoted mail, read only when
    /// nothing else in the body holds a postcode.
    QuotedAnswers,
    Subject,
}

/// One zone's text, lines joined with `\n`.
#[derive(Clone, Debug)]
pub(crate) struct Zone {
    pub kind: ZoneKind,
    pub text: String,
}

impl Zone {
    pub(crate) fn new(kind: ZoneKind, text: String) -> Zone {
        Zone { kind, text }
    }
}

/// The zones in order of trust: own text (work paragraphs left out), the
/// tail unless it is a work signature, a personal `-- ` block, the
/// supporter's own forwarded mail, the subject.
pub(super) fn zones(
    inbound: &Inbound,
    segments: &segment::Segments<'_>,
    subject: String,
) -> Vec<Zone> {
    let sender = inbound.sender.as_ref().map(|s| s.address.as_str());
    let mut zones = vec![Zone::new(
        ZoneKind::Own,
        without_work_paragraphs(&segments.own).join("\n"),
    )];
    if !looks_like_work_signature(&segments.tail) {
        zones.push(Zone::new(ZoneKind::Tail, segments.tail.join("\n")));
    }
    if is_personal_signature(&segments.signature) {
        zones.push(Zone::new(
            ZoneKind::Signature,
            segments.signature.join("\n"),
        ));
    }
    if let Some(forward) = own_forward(inbound, segments, sender) {
        zones.push(Zone::new(ZoneKind::Forward, forward));
    }
    let postcode_in_body = zones.iter().any(|z| holds_postcode(&z.text));
    // Answers typed into a quoted form: the first quote whose answers are
    // not its own author's. The supporter's own earlier mail, quoted in a
    // reply that adds what it left out, is theirs to read whatever else
    // the body holds; so is a form holding the sender's own name, as the
    // help reply shows what it read ("It's BS34 6PE" over "> Name: Priya
    // Raman" / "> Address: 14 Hambrook Lane").
    let quote = segments
        .quotes
        .iter()
        .map(|q| (q, labels::read_labels(&q.answers).name))
        .find(|(q, name)| !quotes_someone_elses_details(inbound, q, name.as_deref()));
    if let Some((quote, name)) = quote {
        let form = form_name(inbound, name.as_deref());
        let own_mail = quote
            .from
            .as_deref()
            .zip(sender)
            .is_some_and(|(from, sender)| from.eq_ignore_ascii_case(sender));
        // Their own earlier details, which they now say are old ("Please
        // ignore the address below – that's our old house!"), are not read.
        let stale = own_mail && STALE_DETAILS.is_match(&zones[0].text);
        // A quoted form with no postcode in it is the help reply asking for
        // one, so the postcode given cannot contradict it; it is theirs when
        // its Name is the sender's, even loosely, when it has no Name
        // either, or when they write for the one it names.
        let answers_the_form = || {
            !holds_postcode(&quote.answers.join("\n"))
                && (form != FormName::Someone || writes_for_another(&zones[0].text))
        };
        if !stale
            && (!postcode_in_body || own_mail || form == FormName::Senders || answers_the_form())
        {
            zones.push(Zone::new(ZoneKind::QuotedAnswers, quote.answers.join("\n")));
        }
    }
    // Someone else's mail, forwarded with its form filled in (the
    // campaign's mailing: "Name: Rosa Delgado Pereira" for Rosa Pereira).
    if !zones.iter().any(|z| z.kind == ZoneKind::QuotedAnswers)
        && let Some(answers) = filled_in_forward(inbound, segments)
    {
        zones.push(Zone::new(ZoneKind::QuotedAnswers, answers));
    }
    zones.push(Zone::new(ZoneKind::Subject, subject));
    zones
}

/// Whether the supporter writes for someone else: "on behalf of my
/// dad", or, answering a form that names another, "Mum's postcode is …".
pub(super) fn writes_for_another(text: &str) -> bool {
    says_for_another(text) || FOR_PROXY.is_match(text)
}

/// Whether the quoted answers are the quote's own author's details, not
/// the supporter's: the attribution names the person the Name field holds
/// ("On …, Pat Example <pat@…> wrote:" over "> Name: Pat Example"), and
/// that person is not the sender. Answers typed into the campaign's quoted
/// form, or the sender's own quoted mail, still count.
fn quotes_someone_elses_details(
    inbound: &Inbound,
    quote: &segment::Quote<'_>,
    quoted_name: Option<&str>,
) -> bool {
    let Some(attribution) = quote.attribution.as_deref().map(str::to_lowercase) else {
        return false;
    };
    let names_sender = inbound.sender.as_ref().is_some_and(|s| {
        attribution.contains(&s.address.to_lowercase())
            || s.name
                .as_deref()
                .is_some_and(|n| !n.trim().is_empty() && attribution.contains(&n.to_lowercase()))
    });
    !names_sender && quoted_name.is_some_and(|n| attribution.contains(&n.to_lowercase()))
}

/// How a form's Name field stands to the sender's From display name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FormName {
    /// The form has no Name.
    Missing,
    /// The display name as it is.
    Senders,
    /// The display name with a title or without a surname: titles aside,
    /// the words of one are all in the other ("Mrs Doreen Hall" and
    /// "Doreen Hall", "Jim" and "Jim Mulholland").
    SendersLoosely,
    /// Someone else's, or no display name to hold it to.
    Someone,
}

pub(super) fn form_name(inbound: &Inbound, name: Option<&str>) -> FormName {
    let Some(name) = name else {
        return FormName::Missing;
    };
    let Some(display) = inbound
        .sender
        .as_ref()
        .and_then(|s| s.name.as_deref())
        .filter(|d| !d.trim().is_empty())
    else {
        return FormName::Someone;
    };
    let as_written = |s: &str| collapse_whitespace(&s.to_lowercase());
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .filter(|w| !is_title(w))
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let within = |a: &[String], b: &[String]| !a.is_empty() && a.iter().all(|w| b.contains(w));
    let (display_words, name_words) = (words(display), words(name));
    if as_written(display) == as_written(name) {
        FormName::Senders
    } else if within(&display_words, &name_words) || within(&name_words, &display_words) {
        FormName::SendersLoosely
    } else {
        FormName::Someone
    }
}

/// The labelled answers of a forwarded mail that is not the sender's own,
/// when its Name field is the sender's.
fn filled_in_forward(inbound: &Inbound, segments: &segment::Segments<'_>) -> Option<String> {
    let forward = segments.forwarded.as_ref()?;
    let sender = inbound.sender.as_ref()?;
    let own = forward
        .from_address
        .as_deref()
        .is_some_and(|from| from.eq_ignore_ascii_case(&sender.address));
    let answers: Vec<&str> = forward
        .body
        .iter()
        .copied()
        .filter(|l| label_fields::is_label_line(l))
        .collect();
    let name = labels::read_labels(&answers).name;
    let senders = matches!(
        form_name(inbound, name.as_deref()),
        FormName::Senders | FormName::SendersLoosely
    );
    (!own && senders).then(|| answers.join("\n"))
}

/// Every zone but the subject, with text in it.
pub(super) fn supporter_zones(zones: &[Zone]) -> impl Iterator<Item = &Zone> {
    zones
        .iter()
        .filter(|z| z.kind != ZoneKind::Subject && !z.text.is_empty())
}

/// The supporter's own earlier mail, forwarded inline or attached: its
/// own text and tail.
fn own_forward(
    inbound: &Inbound,
    segments: &segment::Segments<'_>,
    sender: Option<&str>,
) -> Option<String> {
    let is_sender = |from: Option<&str>| {
        from.zip(sender)
            .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
    };
    let lines: Vec<String> = segments
        .forwarded
        .as_ref()
        .filter(|f| is_sender(f.from_address.as_deref()))
        .map(|f| f.body.iter().map(|l| l.to_string()).collect())
        .or_else(|| {
            inbound
                .attached
                .iter()
                .find(|m| is_sender(m.from_address.as_deref()))
                .map(|m| clean_block(&m.body).lines().map(str::to_owned).collect())
        })?;
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let inner = segment::segment(&lines, false);
    let mut text = inner.own.join("\n");
    if !looks_like_work_signature(&inner.tail) {
        // With its closing line ("Yours faithfully"), which says the line
        // under it signs the mail.
        let closing = lines
            .iter()
            .rev()
            .find(|l| segment::SIGNOFF.is_match(l.trim()));
        for line in closing.into_iter().chain(&inner.tail) {
            text.push('\n');
            text.push_str(line);
        }
    }
    Some(text)
}

/// The supporter's own lines without a paragraph that reads as a work
/// signature (one with no sign-off or `-- ` before it). A paragraph that
/// opens with a sentence is the supporter writing ("I'm writing for my
/// mum, … an NHS medical secretary"), not a signature.
fn without_work_paragraphs<'a>(own: &[&'a str]) -> Vec<&'a str> {
    let paragraphs: Vec<&[&str]> = own.split(|l| l.trim().is_empty()).collect();
    let mut kept = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            kept.push("");
        }
        let writing = paragraph.first().is_some_and(|l| is_prose(l));
        // A form filled in with a phone and an email among its fields
        // ("Postcode: TF2 6BP" / "Email: …" / "Phone: …") is no signature.
        let form = || {
            paragraph
                .iter()
                .filter(|l| label_fields::is_label_line(l))
                .count()
                >= 2
        };
        if i == 0 || writing || !looks_like_work_signature(paragraph) || form() {
            kept.extend_from_slice(paragraph);
        }
    }
    kept
}
