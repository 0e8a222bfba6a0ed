//! Screening: should this message get a reply at all?
//!
//! An auto-responder that answers auto-replies, mailing lists or bounces
//! makes mail loops and backscatter. The rules are Dovecot Pigeonhole's
//! vacation rules and RFC 3834's, with RT's and Discourse's additions; the
//! first rule that matches gives the reason. Pure: no I/O; sender
//! authentication and reply caps come with the daemon.

use std::fmt;

use crate::inbound::Inbound;

/// Why a message gets no reply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IgnoreReason {
    /// No usable From address.
    NoSender,
    /// From is the campaign's own address.
    OwnAddress,
    /// Carries our loop header.
    Loop,
    /// `Auto-Submitted` other than `no` (RFC 3834 §5), or an auto-reply
    /// subject ("Automatic reply:", "Out of Office", …).
    AutoSubmitted,
    /// `X-Auto-Response-Suppress: All` or `OOF` (Microsoft).
    AutoResponseSuppressed,
    /// `Precedence: bulk`, `junk` or `list`.
    Precedence,
    /// Any `List-*` header (RFC 2369, 2919).
    MailingList,
    /// Empty Return-Path or a delivery report.
    Bounce,
    /// MAILER-DAEMON, postmaster, no-reply, `*-request`, `owner-*`, list servers.
    SystemSender,
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

    if sender.address.eq_ignore_ascii_case(campaign_address) {
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
        .any(|v| matches!(lower(v).as_str(), "all" | "oof"))
    {
        return Err(IgnoreReason::AutoResponseSuppressed);
    }
    if header("precedence").any(|v| matches!(lower(v).as_str(), "bulk" | "junk" | "list")) {
        return Err(IgnoreReason::Precedence);
    }
    if inbound.headers.iter().any(|(n, _)| n.starts_with("list-")) {
        return Err(IgnoreReason::MailingList);
    }
    let empty_return_path = header("return-path").any(|v| {
        let v = v.trim();
        v == "<>" || v.is_empty() || v.trim_matches(['<', '>', ' ']).is_empty()
    });
    if empty_return_path
        || inbound.content_type == "multipart/report"
        || inbound.content_type == "message/delivery-status"
    {
        return Err(IgnoreReason::Bounce);
    }
    if is_system_sender(&sender.address) {
        return Err(IgnoreReason::SystemSender);
    }
    Ok(())
}

/// Whether screening looks at a header (case-insensitive name), so the
/// reader keeps only those.
pub fn reads_header(name: &str) -> bool {
    const NAMES: [&str; 5] = [
        "auto-submitted",
        "x-auto-response-suppress",
        "precedence",
        "return-path",
        "x-loop",
    ];
    name.get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("list-"))
        || NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Local parts that belong to software, not people.
fn is_system_sender(address: &str) -> bool {
    let local = address
        .rsplit_once('@')
        .map_or(address, |(l, _)| l)
        .to_ascii_lowercase();
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

/// Subjects that auto-responders use when they forget the headers.
fn is_auto_reply_subject(subject: &str) -> bool {
    const PREFIXES: [&str; 15] = [
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
    ];
    let s = crate::text::clean_line(subject).to_lowercase();
    PREFIXES.iter().any(|p| s.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbound::Sender;

    const US: &str = "letters@campaign.example";

    fn mail(from: &str, headers: &[(&str, &str)], subject: &str) -> Inbound {
        Inbound {
            sender: Some(Sender {
                name: None,
                address: from.to_owned(),
            }),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_ascii_lowercase(), (*v).to_owned()))
                .collect(),
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
    fn the_reader_keeps_every_header_screening_reads() {
        for name in [
            "Auto-Submitted",
            "PRECEDENCE",
            "List-Id",
            "list-unsubscribe",
            "Return-Path",
            "X-Loop",
            "X-Auto-Response-Suppress",
        ] {
            assert!(reads_header(name), "{name}");
        }
        for name in ["Received", "DKIM-Signature", "Subject", "Lis", "X-Looped"] {
            assert!(!reads_header(name), "{name}");
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
    }
}
