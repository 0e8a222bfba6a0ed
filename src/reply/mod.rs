//! Building the reply: the email postbag sends back, as a lettre
//! [`Message`].
//!
//! A reply goes from the campaign address to the sender only, threaded
//! (`In-Reply-To`, `References`), marked as automatic (`Auto-Submitted:
//! auto-replied`, RFC 3834 §5; `X-Auto-Response-Suppress: All`) and with a
//! loop header. Its Message-ID is an HMAC of the original's under the
//! operator's secret, so the same request always produces the same ID and
//! a second reply to it can be recognised. The body is text and HTML from
//! the campaign's reply templates; each letter is also attached as a draft
//! `.eml` (`X-Unsent: 1`) and a letter with a deadline brings a calendar
//! reminder. Every supporter value is cleaned before lettre sees it: lettre
//! panics on a line break in a display name. Pure: no I/O, no clock (the
//! time is passed in).

mod bodies;
mod draft;
pub mod ics;
pub mod mailto;
mod per_letter;
mod qp;
mod view;

use std::time::SystemTime;

use hmac::{Hmac, Mac};
use jiff::Zoned;
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};
use serde::Serialize;
use sha2::Sha256;
use tera::Context;
use thiserror::Error;

use crate::campaign::Layout;
use crate::inbound::Sender;
use crate::letters::{RenderError, Seat, Templates};
use crate::screen::LOOP_HEADER;
use crate::text::{cap_chars, clean_line};
use bodies::{bodies, reply_subject};
use draft::{attachment_name, draft_eml};

/// Longest subject kept from the original, in characters.
const MAX_SUBJECT_CHARS: usize = 150;

/// Why a reply could not be built. Carries no supporter data.
#[derive(Debug, Error)]
pub enum BuildError {
    #[error(transparent)]
    Template(#[from] RenderError),
    #[error("the sender's address cannot be used in a reply")]
    BadRecipient,
    #[error("could not assemble the message: {0}")]
    Message(String),
}

/// Who is replying: the campaign.
#[derive(Clone, Copy, Debug)]
pub struct Identity<'a> {
    pub name: &'a str,
    pub address: &'a str,
    pub website: Option<&'a str>,
    /// Key for the HMAC of reply Message-IDs.
    pub secret: &'a [u8],
}

/// What the reply answers.
#[derive(Clone, Copy, Debug)]
pub struct Original<'a> {
    pub sender: &'a Sender,
    pub subject: &'a str,
    pub message_id: Option<&'a str>,
    pub references: &'a [String],
    /// Bytes that identify the original for the reply's Message-ID: its
    /// Message-ID, or a hash of the message when it has none.
    pub key: &'a [u8],
}

/// What postbag understood, shown in one line at the top of every reply.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Understood {
    pub name: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub constituency: Option<String>,
    pub mp: Option<String>,
    /// "england", "scotland", "wales", "northern_ireland", or none: the
    /// templates word it.
    pub nation: Option<&'static str>,
}

/// One letter, ready to show and attach.
#[derive(Clone, Debug, Serialize)]
pub struct DraftLetter {
    pub number: usize,
    pub id: String,
    pub title: String,
    pub recipient: String,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: String,
    pub body: String,
    pub delivery_note: Option<String>,
    /// What the supporter must do before sending it.
    pub before_sending: Option<String>,
    pub elsewhere_note: Option<String>,
    /// The language it is written in: "en", "cy".
    pub language: &'static str,
    /// For a letter in the reply's language, the same letter in the
    /// campaign's own, offered beside it.
    pub english: Option<Box<DraftLetter>>,
}

/// A letter left out, with a reason code for the template.
#[derive(Clone, Debug, Serialize)]
pub struct LeftOut {
    pub title: String,
    pub reason: &'static str,
}

/// A calendar reminder to attach.
#[derive(Clone, Debug)]
pub struct ReminderPlan {
    pub on: jiff::civil::Date,
    pub summary: String,
    pub description: String,
}

/// The letters reply, before building.
#[derive(Clone, Debug)]
pub struct LettersPlan {
    pub understood: Understood,
    pub letters: Vec<DraftLetter>,
    pub left_out: Vec<LeftOut>,
    pub seat: Seat,
    /// For seat `none`: `crown_dependency`, `forces`, `overseas_territory`, `non_geographic`.
    pub no_seat: Option<&'static str>,
    pub reminder: Option<ReminderPlan>,
    /// The postcode is newer than the data; the seat is its sector's.
    pub by_sector: bool,
    pub layout: Layout,
    /// The supporter wrote from Apple Mail: each letter also gets a button
    /// carrying its whole text, which only Apple Mail (and few others)
    /// opens; elsewhere it would do nothing, and it costs a reply about
    /// 15 KB.
    pub apple_mail: bool,
}

/// The help reply, before building.
#[derive(Clone, Debug)]
pub struct HelpPlan {
    pub understood: Understood,
    /// Which of `name`, `address`, `postcode` are missing.
    pub missing: Vec<&'static str>,
    /// `missing_details`, `invalid_postcode`, `unknown_postcode`, `split_sector` or
    /// `terminated_postcode`.
    pub problem: &'static str,
    pub terminated_year: Option<u16>,
}

/// A file carried by the reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyFile {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// A built reply.
#[derive(Clone, Debug)]
pub struct Reply {
    pub message: Message,
    /// The Message-ID, with angle brackets.
    pub message_id: String,
    pub files: Vec<ReplyFile>,
    /// The letters it carries (none for a help reply).
    pub letters: Vec<DraftLetter>,
    /// In the one-email-per-letter layout, an email per letter, sent after
    /// this one; empty otherwise.
    pub letter_emails: Vec<Reply>,
    /// The language it is written in: "en", "cy".
    pub language: &'static str,
}

impl Reply {
    /// How many emails the reply is: this one and one per letter email.
    pub fn emails(&self) -> usize {
        1 + self.letter_emails.len()
    }

    /// Every email of the reply, in the order they are sent.
    pub fn messages(&self) -> impl Iterator<Item = &Message> {
        std::iter::once(&self.message).chain(self.letter_emails.iter().map(|r| &r.message))
    }

    /// The Message-ID of the email sent last: when it is in the sent
    /// folder, the whole reply went.
    pub fn last_message_id(&self) -> &str {
        self.letter_emails
            .last()
            .map_or(&self.message_id, |r| &r.message_id)
    }
}

#[derive(Serialize)]
struct CampaignView<'a> {
    name: &'a str,
    address: &'a str,
    website: Option<&'a str>,
}

/// Build the reply that carries the letters.
///
/// # Errors
/// A [`BuildError`] if a template fails or the message cannot be assembled.
pub fn letters_reply(
    templates: &Templates,
    identity: Identity<'_>,
    original: Original<'_>,
    now: &Zoned,
    plan: &LettersPlan,
) -> Result<Reply, BuildError> {
    let views = view::letters(&plan.letters, plan.apple_mail);
    let mut context = base_context(identity, &plan.understood);
    context.insert("letters", &views);
    context.insert("left_out", &plan.left_out);
    context.insert("seat", &plan.seat);
    context.insert("no_seat", &plan.no_seat);
    context.insert("by_sector", &plan.by_sector);
    context.insert("apple_links", &plan.apple_mail);
    context.insert(
        "reminder_date",
        &plan.reminder.as_ref().map(|r| r.on.to_string()),
    );
    let per_letter = plan.layout == Layout::PerLetter;
    let name = if per_letter {
        "reply/summary"
    } else {
        "reply/letters"
    };
    let (text, html) = bodies(templates, name, &context)?;

    let digest = hmac_hex(identity.secret, original.key);
    let domain = crate::email_address::domain(identity.address).unwrap_or("localhost");
    // Each letter's draft, and its campaign-language version's after it.
    let drafts_of = |letter: &DraftLetter| -> Vec<ReplyFile> {
        std::iter::once(letter)
            .chain(letter.english.as_deref())
            .map(|letter| ReplyFile {
                name: attachment_name(letter),
                content_type: "message/rfc822",
                bytes: draft_eml(letter),
            })
            .collect()
    };
    let drafts: Vec<Vec<ReplyFile>> = plan.letters.iter().map(drafts_of).collect();
    // One reply attaches every draft; in the per-letter layout each draft
    // goes with its letter's email.
    let (mut files, drafts) = if per_letter {
        (Vec::new(), drafts)
    } else {
        (drafts.into_iter().flatten().collect(), Vec::new())
    };
    if let Some(reminder) = &plan.reminder {
        let stamp = now.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string();
        let uid = format!("{}-reminder@{domain}", &digest[..32]);
        files.push(ReplyFile {
            name: "reminder.ics".to_owned(),
            content_type: "text/calendar; charset=utf-8; method=PUBLISH",
            bytes: ics::reminder(
                &uid,
                &stamp,
                reminder.on,
                &reminder.summary,
                &reminder.description,
            )
            .into_bytes(),
        });
    }
    let subject = reply_subject(original.subject, templates.phrases(), identity.name);
    let mut reply = assemble(
        identity,
        original,
        now,
        (&digest[..32], &digest[32..48]),
        &subject,
        (&text, &html),
        files,
    )?;
    reply.letters = plan.letters.clone();
    reply.language = templates.language().code();
    if per_letter {
        let base = base_context(identity, &plan.understood);
        reply.letter_emails = per_letter::letter_emails(
            templates,
            identity,
            original,
            now,
            &digest,
            (&base, &views),
            drafts,
        )?;
    }
    Ok(reply)
}

/// Build the reply that asks for missing details.
///
/// # Errors
/// A [`BuildError`] if a template fails or the message cannot be assembled.
pub fn help_reply(
    templates: &Templates,
    identity: Identity<'_>,
    original: Original<'_>,
    now: &Zoned,
    plan: &HelpPlan,
) -> Result<Reply, BuildError> {
    let mut context = base_context(identity, &plan.understood);
    context.insert("missing", &plan.missing);
    context.insert("problem", plan.problem);
    context.insert("terminated_year", &plan.terminated_year);
    // What was read, filled in: the supporter adds only what is missing,
    // in the reply or through a link that opens it ready to send.
    let form = templates.reply("reply/help-form.txt", &context)?;
    let form = form.trim().replace("\r\n", "\n");
    let subject = reply_subject(original.subject, templates.phrases(), identity.name);
    let link = mailto::link(&[identity.address.to_owned()], &[], &subject, &form);
    context.insert("form", &form);
    context.insert("form_lines", &form.lines().collect::<Vec<_>>());
    context.insert("form_link", &link.has_body.then_some(&link.href));
    let (text, html) = bodies(templates, "reply/help", &context)?;
    let digest = hmac_hex(identity.secret, original.key);
    let mut reply = assemble(
        identity,
        original,
        now,
        (&digest[..32], &digest[32..48]),
        &subject,
        (&text, &html),
        Vec::new(),
    )?;
    reply.language = templates.language().code();
    Ok(reply)
}

fn base_context(identity: Identity<'_>, understood: &Understood) -> Context {
    let mut context = Context::new();
    context.insert(
        "campaign",
        &CampaignView {
            name: identity.name,
            address: identity.address,
            website: identity.website,
        },
    );
    context.insert("understood", understood);
    context
}

/// One email of a reply: from the campaign to the sender, threaded under
/// the original, marked automatic. `local_id` is its Message-ID's local
/// part; `boundary` seeds its MIME boundaries.
fn assemble(
    identity: Identity<'_>,
    original: Original<'_>,
    now: &Zoned,
    (local_id, boundary): (&str, &str),
    subject: &str,
    (text, html): (&str, &str),
    files: Vec<ReplyFile>,
) -> Result<Reply, BuildError> {
    let domain = crate::email_address::domain(identity.address).unwrap_or("localhost");
    let message_id = format!("<{local_id}@{domain}>");
    let from_address: Address = identity
        .address
        .parse()
        .map_err(|_| BuildError::Message("campaign address".into()))?;
    let to_address: Address = original
        .sender
        .address
        .parse()
        .map_err(|_| BuildError::BadRecipient)?;
    let to_name = original
        .sender
        .name
        .as_deref()
        .map(|n| cap_chars(&clean_line(n), 78))
        .filter(|n| !n.is_empty());

    let mut builder = Message::builder()
        .from(Mailbox::new(Some(clean_line(identity.name)), from_address))
        .to(Mailbox::new(to_name, to_address))
        .subject(subject)
        .date(SystemTime::from(now.timestamp()))
        .message_id(Some(message_id.clone()))
        .raw_header(raw("Auto-Submitted", "auto-replied"))
        .raw_header(raw("X-Auto-Response-Suppress", "All"))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str(LOOP_HEADER),
            identity.address.to_owned(),
        ));
    if let Some(id) = original.message_id {
        builder = builder.in_reply_to(format!("<{id}>"));
        // Keep the thread's last ten references, then the original.
        let skip = original.references.len().saturating_sub(10);
        let mut refs: Vec<String> = original.references[skip..]
            .iter()
            .map(|r| format!("<{r}>"))
            .collect();
        refs.push(format!("<{id}>"));
        builder = builder.references(refs.join(" "));
    }

    let alternative = MultiPart::alternative()
        .boundary(format!("=_postbag_{boundary}_alt"))
        .singlepart(text_part(ContentType::TEXT_PLAIN, text))
        .singlepart(text_part(ContentType::TEXT_HTML, html));
    let message = if files.is_empty() {
        builder.multipart(alternative)
    } else {
        let mut mixed = MultiPart::mixed()
            .boundary(format!("=_postbag_{boundary}_mix"))
            .multipart(alternative);
        for file in &files {
            let content_type = ContentType::parse(file.content_type)
                .map_err(|e| BuildError::Message(e.to_string()))?;
            // Drafts and the reminder are 7-bit already: saying so spares
            // lettre a scan and keeps message/rfc822 unencoded, as RFC 2046
            // §5.2.1 requires.
            let body = if file.bytes.is_ascii() {
                Body::dangerous_pre_encoded(file.bytes.clone(), ContentTransferEncoding::SevenBit)
            } else {
                Body::new(file.bytes.clone())
            };
            mixed = mixed.singlepart(Attachment::new(file.name.clone()).body(body, content_type));
        }
        builder.multipart(mixed)
    }
    .map_err(|e| BuildError::Message(e.to_string()))?;
    Ok(Reply {
        message,
        message_id,
        files,
        letters: Vec::new(),
        letter_emails: Vec::new(),
        language: "",
    })
}

/// A UTF-8 text part, quoted-printable (readable, and safe for any line
/// length).
fn text_part(content_type: ContentType, text: &str) -> SinglePart {
    SinglePart::builder()
        .header(content_type)
        .body(qp_body(text))
}

pub(super) fn qp_body(text: &str) -> Body {
    Body::dangerous_pre_encoded(qp::encode(text), ContentTransferEncoding::QuotedPrintable)
}

pub(super) fn raw(name: &'static str, value: &str) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value.to_owned())
}

/// Whether `id` is the Message-ID of one of postbag's replies from
/// `address`: 32 hex digits (and a letter's number), at its domain.
pub fn is_own_message_id(id: &str, address: &str) -> bool {
    let Some((local, domain)) = id
        .strip_prefix('<')
        .and_then(|i| i.strip_suffix('>'))
        .and_then(|i| i.split_once('@'))
    else {
        return false;
    };
    let (digest, number) = local.split_once('-').unwrap_or((local, "00"));
    digest.len() == 32
        && digest.bytes().all(|b| b.is_ascii_hexdigit())
        && number.len() == 2
        && number.bytes().all(|b| b.is_ascii_digit())
        && crate::email_address::domain(address).is_some_and(|d| d.eq_ignore_ascii_case(domain))
}

fn hmac_hex(secret: &[u8], key: &[u8]) -> String {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(key);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests;
