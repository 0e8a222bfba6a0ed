//! A letter as a draft `.eml` attached to the reply: `X-Unsent: 1`, the
//! recipient and subject filled in, the letter as quoted-printable text,
//! so it opens as a new message in Outlook and others.

use lettre::Address;
use lettre::message::header::{ContentType, Headers};
use lettre::message::{Mailbox, Mailboxes, SinglePart};

use super::{DraftLetter, qp_body, raw};
use crate::text::clean_line;

/// A letter as a draft email: opens as a new message in Outlook and others.
pub(super) fn draft_eml(letter: &DraftLetter) -> Vec<u8> {
    let mut headers = Headers::new();
    headers.insert_raw(raw("X-Unsent", "1"));
    let mut to = Mailboxes::new();
    for (i, address) in letter.to.iter().enumerate() {
        if let Ok(address) = address.parse::<Address>() {
            let name = (i == 0).then(|| clean_line(&letter.recipient));
            to.push(Mailbox::new(name, address));
        }
    }
    if to.iter().next().is_some() {
        headers.set(lettre::message::header::To::from(to));
    }
    let cc: Mailboxes = letter
        .cc
        .iter()
        .filter_map(|a| a.parse::<Address>().ok())
        .map(|a| Mailbox::new(None, a))
        .collect();
    if cc.iter().next().is_some() {
        headers.set(lettre::message::header::Cc::from(cc));
    }
    headers.set(lettre::message::header::Subject::from(clean_line(
        &letter.subject,
    )));
    headers.insert_raw(raw("MIME-Version", "1.0"));
    let body = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(qp_body(&letter.body));
    let mut out = headers.to_string().into_bytes();
    out.extend_from_slice(&body.formatted());
    out
}

/// The draft's file name: `02-dpo.eml`.
pub(super) fn attachment_name(letter: &DraftLetter) -> String {
    format!("{:02}-{}.eml", letter.number, letter.id)
}
