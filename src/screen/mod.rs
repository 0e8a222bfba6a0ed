//! Screening: should this message get a reply at all?
//!
//! An auto-responder that answers auto-replies, mailing lists or bounces
//! makes mail loops and backscatter. The rules are Dovecot Pigeonhole's
//! vacation rules and RFC 3834's, with RT's and Discourse's additions; the
//! first rule that matches gives the reason. [`authenticate`] is the
//! optional second gate: it trusts only the campaign's own mail server's
//! `Authentication-Results` (RFC 8601), so a forged `From` cannot turn the
//! bot into a sender of mail to strangers ([`auth`] reads them). Pure: no
//! I/O.

use std::fmt;

use crate::email_address::local_part;
use crate::inbound::Inbound;

mod auth;

pub use auth::{AuthFailure, SenderAuth, authenticate};

/// Why a message gets no reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IgnoreReason {
    /// No usable From address.
    NoSender,
    /// From, or the envelope sender (Return-Path), is the campaign's own
    /// address.
    OwnAddress,
    /// Carries our loop header.
    Loop,
    /// `Auto-Submitted` other than `no` (RFC 3834 §5), or an auto-reply
    /// subject ("Automatic reply:", "Out of Office", …).
    AutoSubmitted,
    /// `X-Auto-Response-Suppress: All`, `OOF` or `AutoReply` (Microsoft).
    AutoResponseSuppressed,
    /// `Precedence: bulk`, `junk`, `list` or `auto_reply`.
    Precedence,
    /// Any `List-*` header (RFC 2369, 2919).
    MailingList,
    /// Empty or missing Return-Path, or a delivery report.
    Bounce,
    /// MAILER-DAEMON, postmaster, no-reply, `*-request`, `owner-*`, list
    /// servers; or an envelope sender of Pigeonhole's system kinds.
    SystemSender,
    /// The sender has had today's replies (`limits.per_sender_per_day`,
    /// `limits.help_per_sender_per_day`).
    RateLimited,
}

impl IgnoreReason {
    /// The reason as a stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            IgnoreReason::NoSender => "no_sender",
            IgnoreReason::OwnAddress => "own_address",
            IgnoreReason::Loop => "loop",
            IgnoreReason::AutoSubmitted => "auto_submitted",
            IgnoreReason::AutoResponseSuppressed => "auto_response_suppressed",
            IgnoreReason::Precedence => "precedence",
            IgnoreReason::MailingList => "mailing_list",
            IgnoreReason::Bounce => "bounce",
            IgnoreReason::SystemSender => "system_sender",
            IgnoreReason::RateLimited => "rate_limited",
        }
    }
}

impl fmt::Display for IgnoreReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The name of the header postbag puts on its replies, with the campaign
/// address as value, to recognise them if they ever come back.
pub const LOOP_HEADER: &str = "X-Loop";

/// Decide whether `inbound`, sent to `campaign_address`, gets a reply.
pub fn screen(inbound: &Inbound, campaign_address: &str) -> Result<(), IgnoreReason> {
    let Some(sender) = &inbound.sender else {
        return Err(IgnoreReason::NoSender);
    };
    let header = |name: &'static str| {
        inbound
            .headers
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let lower = |s: &str| s.trim().to_ascii_lowercase();
    // The envelope senders delivery recorded, without angle brackets.
    let return_paths: Vec<&str> = header("return-path")
        .map(|v| v.trim_matches(['<', '>', ' ', '\t']))
        .collect();

    // Our own envelope sender too: mail the campaign's account sent under
    // another From (Pigeonhole: "discarded vacation reply to own address").
    if sender.address.eq_ignore_ascii_case(campaign_address)
        || return_paths
            .iter()
            .any(|p| p.eq_ignore_ascii_case(campaign_address))
    {
        return Err(IgnoreReason::OwnAddress);
    }
    if header("x-loop").any(|v| {
        v.to_ascii_lowercase()
            .contains(&campaign_address.to_ascii_lowercase())
    }) {
        return Err(IgnoreReason::Loop);
    }
    if header("auto-submitted").any(|v| lower(v.split(';').next().unwrap_or("")) != "no")
        || is_auto_reply_subject(&inbound.subject)
    {
        return Err(IgnoreReason::AutoSubmitted);
    }
    if header("x-auto-response-suppress")
        .flat_map(|v| v.split(','))
        // AutoReply: "auto-replies other than OOF notifications", which is
        // what postbag sends (MS-OXCMAIL 2.2.3.2.14).
        .any(|v| matches!(lower(v).as_str(), "all" | "oof" | "autoreply"))
    {
        return Err(IgnoreReason::AutoResponseSuppressed);
    }
    // auto_reply: cPanel's and Exim's autoresponders (Discourse checks it).
    if header("precedence")
        .any(|v| matches!(lower(v).as_str(), "bulk" | "junk" | "list" | "auto_reply"))
    {
        return Err(IgnoreReason::Precedence);
    }
    if inbound.headers.iter().any(|(n, _)| n.starts_with("list-")) {
        return Err(IgnoreReason::MailingList);
    }
    // Delivery always adds a Return-Path; without one there is no
    // envelope sender to answer (RFC 3834 §2).
    let no_return_path = return_paths.is_empty() || return_paths.iter().any(|p| p.is_empty());
    if no_return_path
        || inbound.content_type == "multipart/report"
        || inbound.content_type == "message/delivery-status"
    {
        return Err(IgnoreReason::Bounce);
    }
    if is_system_sender(&sender.address)
        || return_paths.iter().any(|p| is_system_envelope_sender(p))
    {
        return Err(IgnoreReason::SystemSender);
    }
    Ok(())
}

/// Local parts that belong to software, not people.
fn is_system_sender(address: &str) -> bool {
    let local = local_part(address).unwrap_or(address).to_ascii_lowercase();
    let base = local.split('+').next().unwrap_or(&local);
    matches!(
        base,
        "mailer-daemon"
            | "postmaster"
            | "listserv"
            | "majordomo"
            | "mailman"
            | "bounce"
            | "bounces"
            | "daemon"
    ) || base.starts_with("owner-")
        || base.ends_with("-request")
        || base.ends_with("-owner")
        || base.ends_with("-bounces")
        || base.replace(['-', '_', '.'], "").contains("noreply")
        || base.replace(['-', '_', '.'], "").contains("donotreply")
}

/// Envelope senders of software, as Pigeonhole's vacation reads them
/// (`_is_system_address`): MAILER-DAEMON, LISTSERV, majordomo, `*-request`,
/// `owner-*`; and postmaster. Mail whose From is a person but whose
/// envelope sender is a list's is list mail without list headers. Fewer
/// than for From: a Return-Path is often a sending service's bounce
/// address (`bounces+…@`) on a person's mail.
fn is_system_envelope_sender(address: &str) -> bool {
    let local = local_part(address).unwrap_or(address).to_ascii_lowercase();
    matches!(
        local.as_str(),
        "mailer-daemon" | "listserv" | "majordomo" | "postmaster"
    ) || local.starts_with("owner-")
        || local.ends_with("-request")
}

/// Subjects that auto-responders use when they forget the headers: the
/// prefixes of Outlook's and Exchange's automatic replies in the languages
/// a UK campaign hears from, and of older out-of-office rules. Only at the
/// start, so a supporter's "Re: automatic reply" is still read.
fn is_auto_reply_subject(subject: &str) -> bool {
    const PREFIXES: [&str; 27] = [
        "auto:",
        "automatic reply",
        "autoreply",
        "auto-reply",
        "auto reply",
        "out of office",
        "out of the office",
        "abwesenheitsnotiz",
        "automatische antwort",
        "réponse automatique",
        "reponse automatique",
        "respuesta automática",
        "risposta automatica",
        "automatisch antwoord",
        "ateb awtomatig",
        "abwesend:",
        "fuera de la oficina",
        "resposta automática",
        "resposta automatica",
        "automatyczna odpowiedź",
        "afwezig:",
        "autosvar:",
        "automatiskt svar",
        "automatisk svar",
        "frånvaro:",
        "automaattinen vastaus",
        "fuori sede:",
    ];
    let s = crate::text::clean_line(subject).to_lowercase();
    PREFIXES.iter().any(|p| s.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbound::Sender;

    pub(super) const US: &str = "letters@campaign.example";

    /// A message as delivered: with a Return-Path unless the case gives one.
    pub(super) fn mail(from: &str, headers: &[(&str, &str)], subject: &str) -> Inbound {
        let mut headers: Vec<(String, String)> = headers
            .iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), (*v).to_owned()))
            .collect();
        if !headers.iter().any(|(n, _)| n == "return-path") {
            headers.insert(0, ("return-path".to_owned(), format!("<{from}>")));
        }
        Inbound {
            sender: Some(Sender {
                name: None,
                address: from.to_owned(),
            }),
            headers,
            subject: subject.to_owned(),
            content_type: "text/plain".to_owned(),
            ..Inbound::default()
        }
    }

    /// From, headers, subject, expected decision.
    type Case<'a> = (
        &'a str,
        &'a [(&'a str, &'a str)],
        &'a str,
        Result<(), IgnoreReason>,
    );

    #[test]
    fn table_of_rules() {
        let cases: &[Case<'_>] = &[
            ("jane@example.org", &[], "Send my letters", Ok(())),
            ("jane@example.org", &[("Auto-Submitted", "no")], "", Ok(())),
            (
                "jane@example.org",
                &[("Auto-Submitted", "auto-replied")],
                "",
                Err(IgnoreReason::AutoSubmitted),
            ),
            (
                "jane@example.org",
                &[("Auto-Submitted", "auto-generated; x=1")],
                "",
                Err(IgnoreReason::AutoSubmitted),
            ),
            (
                "jane@example.org",
                &[],
                "Automatic reply: Send my letters",
                Err(IgnoreReason::AutoSubmitted),
            ),
            (
                "jane@example.org",
                &[],
                "Réponse automatique : absent",
                Err(IgnoreReason::AutoSubmitted),
            ),
            (
                "jane@example.org",
                &[("X-Auto-Response-Suppress", "DR, OOF")],
                "",
                Err(IgnoreReason::AutoResponseSuppressed),
            ),
            (
                "jane@example.org",
                &[("X-Auto-Response-Suppress", "DR")],
                "",
                Ok(()),
            ),
            (
                "jane@example.org",
                &[("Precedence", "Bulk")],
                "",
                Err(IgnoreReason::Precedence),
            ),
            (
                "jane@example.org",
                &[("Precedence", "first-class")],
                "",
                Ok(()),
            ),
            (
                "jane@example.org",
                &[("List-Unsubscribe", "<mailto:x>")],
                "",
                Err(IgnoreReason::MailingList),
            ),
            (
                "jane@example.org",
                &[("Return-Path", "<>")],
                "",
                Err(IgnoreReason::Bounce),
            ),
            (
                "jane@example.org",
                &[("Return-Path", "<jane@example.org>")],
                "",
                Ok(()),
            ),
            (
                "MAILER-DAEMON@mx.example.org",
                &[],
                "",
                Err(IgnoreReason::SystemSender),
            ),
            (
                "no-reply@example.org",
                &[],
                "",
                Err(IgnoreReason::SystemSender),
            ),
            (
                "do_not_reply@example.org",
                &[],
                "",
                Err(IgnoreReason::SystemSender),
            ),
            (
                "news-request@example.org",
                &[],
                "",
                Err(IgnoreReason::SystemSender),
            ),
            (
                "owner-news@example.org",
                &[],
                "",
                Err(IgnoreReason::SystemSender),
            ),
            (
                "Letters@Campaign.example",
                &[],
                "",
                Err(IgnoreReason::OwnAddress),
            ),
            (
                "jane@example.org",
                &[("X-Loop", US)],
                "",
                Err(IgnoreReason::Loop),
            ),
            // The envelope sender counts too (Pigeonhole's rules): ours,
            // or a list's; but a sending service's bounce address on a
            // person's mail does not stop the reply.
            (
                "jane@example.org",
                &[("Return-Path", "<Letters@Campaign.example>")],
                "",
                Err(IgnoreReason::OwnAddress),
            ),
            (
                "news@lists.example.org",
                &[("Return-Path", "<news-request@lists.example.org>")],
                "",
                Err(IgnoreReason::SystemSender),
            ),
            (
                "jane@example.org",
                &[(
                    "Return-Path",
                    "<bounces+1234-abcd-jane=example.org@em1.example.net>",
                )],
                "",
                Ok(()),
            ),
            // The first rule that matches names the reason.
            (
                "no-reply@example.org",
                &[("Auto-Submitted", "auto-generated"), ("List-Id", "x")],
                "",
                Err(IgnoreReason::AutoSubmitted),
            ),
        ];
        for (from, headers, subject, want) in cases {
            assert_eq!(
                screen(&mail(from, headers, subject), US),
                *want,
                "{from} {headers:?} {subject}"
            );
        }
    }

    #[test]
    fn no_sender_and_delivery_reports() {
        let mut m = mail("jane@example.org", &[], "");
        m.sender = None;
        assert_eq!(screen(&m, US), Err(IgnoreReason::NoSender));
        let mut m = mail("jane@example.org", &[], "");
        m.content_type = "multipart/report".to_owned();
        assert_eq!(screen(&m, US), Err(IgnoreReason::Bounce));
        let mut m = mail("jane@example.org", &[], "");
        m.headers.retain(|(n, _)| n != "return-path");
        assert_eq!(screen(&m, US), Err(IgnoreReason::Bounce));
    }
}
