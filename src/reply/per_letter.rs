//! The one-email-per-letter layout: after a short summary, each letter
//! goes in an email of its own holding only that letter, its recipient
//! and subject on top and its draft attached, so that a phone user
//! forwards or copies a clean letter.
//!
//! Each email is threaded under the supporter's message like the summary,
//! with the same automatic-reply headers, and has its own Message-ID: the
//! summary's HMAC and the letter's number, so a resent set can be
//! recognised email by email. Its subject is the letter's, so "Forward"
//! carries it. Pure.

use jiff::Zoned;
use tera::Context;

use super::view::LetterView;
use super::{BuildError, Identity, Original, Reply, ReplyFile, assemble, bodies};
use crate::letters::Templates;
use crate::text::{cap_chars, clean_line};

/// The emails that carry one letter each, in order; `drafts[i]` are the
/// drafts of `views[i]`.
pub(super) fn letter_emails(
    templates: &Templates,
    identity: Identity<'_>,
    original: Original<'_>,
    now: &Zoned,
    digest: &str,
    (base, views): (&Context, &[LetterView<'_>]),
    drafts: Vec<Vec<ReplyFile>>,
) -> Result<Vec<Reply>, BuildError> {
    let mut emails = Vec::with_capacity(views.len());
    for (view, draft) in views.iter().zip(drafts) {
        let mut context = base.clone();
        context.insert("letter", view);
        context.insert("total", &views.len());
        let (text, html) = bodies(templates, "reply/letter", &context)?;
        let number = view.letter.number;
        let local_id = format!("{}-{number:02}", &digest[..32]);
        let boundary = format!("{}{number:02}", &digest[32..46]);
        let subject = cap_chars(&clean_line(&view.letter.subject), 200);
        let mut email = assemble(
            identity,
            original,
            now,
            (&local_id, &boundary),
            &subject,
            (&text, &html),
            draft,
        )?;
        email.letters = vec![view.letter.clone()];
        email.language = templates.language().code();
        emails.push(email);
    }
    Ok(emails)
}
