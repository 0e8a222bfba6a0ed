//! Unit tests of `reply/mod.rs`.

use super::*;
use crate::phrases::Phrases;

#[test]
fn subjects_are_prefixed_once_and_cleaned() {
    let english = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/en");
    let phrases = Phrases::load(&english).expect("phrases");
    let subject = |original: &str, campaign: &str| reply_subject(original, &phrases, campaign);
    assert_eq!(
        subject("Re: RE: Send my letters", "C"),
        "Re: Send my letters"
    );
    assert_eq!(subject("Fwd: hi\r\nBcc: x", "C"), "Re: hi Bcc: x");
    assert_eq!(subject("   ", "Camp"), "Re: your letters from Camp");
    assert!(subject(&"x".repeat(500), "C").chars().count() <= MAX_SUBJECT_CHARS + 4);
}

#[test]
fn message_ids_are_keyed() {
    assert_eq!(hmac_hex(b"k", b"id"), hmac_hex(b"k", b"id"));
    assert_ne!(hmac_hex(b"k", b"id"), hmac_hex(b"other", b"id"));
    assert_eq!(hmac_hex(b"k", b"id").len(), 64);
}

#[test]
fn drafts_are_7bit_with_x_unsent() {
    let letter = DraftLetter {
        number: 2,
        id: "dpo".into(),
        title: "T".into(),
        recipient: "NHS England DPO".into(),
        to: vec!["england.dpo@nhs.net".into()],
        cc: vec!["england.contactus@nhs.net".into()],
        subject: "Objection – Zoë".into(),
        body: "Dear DPO,\n\n£330m is a lot.\n".into(),
        delivery_note: None,
        before_sending: None,
        elsewhere_note: None,
        language: "en",
        english: None,
    };
    let eml = String::from_utf8(draft_eml(&letter)).expect("ascii");
    assert!(eml.is_ascii());
    assert!(eml.starts_with("X-Unsent: 1\r\n"));
    assert!(eml.contains("To: \"NHS England DPO\" <england.dpo@nhs.net>\r\n"));
    assert!(eml.contains("Cc: england.contactus@nhs.net\r\n"));
    assert!(eml.contains("Content-Transfer-Encoding: quoted-printable"));
    assert!(eml.contains("=C2=A3330m"));
}
