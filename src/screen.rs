//! Screening: should this message get a reply at all?
//!
//! An auto-responder that answers auto-replies, mailing lists or bounces
//! makes mail loops and backscatter. The rules are Dovecot Pigeonhole's
//! vacation rules and RFC 3834's, with RT's and Discourse's additions; the
//! first rule that matches gives the reason. [`authenticate`] is the
//! optional second gate: it trusts only the campaign's own mail server's
//! `Authentication-Results` (RFC 8601), so a forged `From` cannot turn the
//! bot into a sender of mail to strangers. Pure: no I/O.

use std::fmt;

use crate::inbound::Inbound;

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

/// Whether screening looks at a header (case-insensitive name), so the
/// reader keeps only those.
pub fn reads_header(name: &str) -> bool {
    const NAMES: [&str; 6] = [
        "auto-submitted",
        "x-auto-response-suppress",
        "precedence",
        "return-path",
        "x-loop",
        "authentication-results",
    ];
    name.get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("list-"))
        || NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Why a message failed sender authentication. It goes to review: the
/// request may be genuine, but answering it could send a stranger's
/// details to someone who never asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthFailure {
    /// No `Authentication-Results` from the trusted server.
    NoResults,
    /// Results were there, but neither DMARC passed nor an aligned DKIM
    /// signature.
    NotPassed,
}

impl AuthFailure {
    /// The reason as a stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            AuthFailure::NoResults => "unauthenticated",
            AuthFailure::NotPassed => "authentication_failed",
        }
    }
}

/// Check that the campaign's own mail server, named by `authserv_id`,
/// vouches for the `From` domain: `dmarc=pass`, or `dkim=pass` with a
/// signing domain aligned with it (RFC 7489 §3.1, relaxed).
///
/// Only the topmost header with that id counts. Our server adds its
/// results when the message arrives, above anything the sender wrote; a
/// copy lower down, whatever it claims, was written before. (RFC 8601 §5
/// also has the server delete such copies; not every one does.)
pub fn authenticate(inbound: &Inbound, authserv_id: &str) -> Result<(), AuthFailure> {
    let Some(sender) = &inbound.sender else {
        return Err(AuthFailure::NoResults);
    };
    let from_domain = sender
        .address
        .rsplit_once('@')
        .map_or("", |(_, d)| d)
        .to_ascii_lowercase();
    let ours = inbound
        .headers
        .iter()
        .filter(|(name, _)| name == "authentication-results")
        .filter_map(|(_, value)| AuthResults::parse(value))
        .find(|r| r.authserv_id.eq_ignore_ascii_case(authserv_id))
        .ok_or(AuthFailure::NoResults)?;
    let passed = ours.results.iter().any(|m| {
        m.result == "pass"
            && match m.method.as_str() {
                "dmarc" => m
                    .property("header.from")
                    .is_none_or(|d| aligned(d, &from_domain)),
                "dkim" => m
                    .property("header.d")
                    .is_some_and(|d| aligned(d, &from_domain)),
                _ => false,
            }
    });
    if passed {
        Ok(())
    } else {
        Err(AuthFailure::NotPassed)
    }
}

/// Relaxed alignment without the public suffix list: one domain is the
/// other or a subdomain of it, and the shorter has at least two labels.
fn aligned(signer: &str, from: &str) -> bool {
    let signer = signer.trim().trim_start_matches('@').to_ascii_lowercase();
    let signer = signer.rsplit_once('@').map_or(signer.as_str(), |(_, d)| d);
    let (short, long) = if signer.len() <= from.len() {
        (signer, from)
    } else {
        (from, signer)
    };
    short.contains('.')
        && (long == short
            || long
                .strip_suffix(short)
                .is_some_and(|rest| rest.ends_with('.')))
}

/// One `Authentication-Results` header (RFC 8601 §2.2).
struct AuthResults {
    authserv_id: String,
    results: Vec<MethodResult>,
}

/// One `method=result` with its properties (`header.d=…`).
struct MethodResult {
    method: String,
    result: String,
    properties: Vec<(String, String)>,
}

impl MethodResult {
    fn property(&self, name: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl AuthResults {
    fn parse(value: &str) -> Option<AuthResults> {
        let value = strip_comments(value);
        let mut parts = value.split(';');
        let authserv_id = parts.next()?.split_whitespace().next()?.to_owned();
        let mut results = Vec::new();
        for part in parts {
            let mut words = part.split_whitespace();
            let Some((method, result)) = words.next().and_then(|w| w.split_once('=')) else {
                continue; // `none`, or nothing
            };
            let method = method.split('/').next().unwrap_or(method);
            let properties = words
                .filter_map(|w| w.split_once('='))
                .map(|(n, v)| (n.to_ascii_lowercase(), v.trim_matches('"').to_owned()))
                .collect();
            results.push(MethodResult {
                method: method.to_ascii_lowercase(),
                result: result.to_ascii_lowercase(),
                properties,
            });
        }
        Some(AuthResults {
            authserv_id,
            results,
        })
    }
}

/// Remove `(comments)`, nested ones too (RFC 5322 CFWS).
fn strip_comments(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut depth = 0u32;
    for c in value.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
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

/// Envelope senders of software, as Pigeonhole's vacation reads them
/// (`_is_system_address`): MAILER-DAEMON, LISTSERV, majordomo, `*-request`,
/// `owner-*`; and postmaster. Mail whose From is a person but whose
/// envelope sender is a list's is list mail without list headers. Fewer
/// than for From: a Return-Path is often a sending service's bounce
/// address (`bounces+…@`) on a person's mail.
fn is_system_envelope_sender(address: &str) -> bool {
    let local = address
        .rsplit_once('@')
        .map_or(address, |(l, _)| l)
        .to_ascii_lowercase();
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

    const US: &str = "letters@campaign.example";

    /// A message as delivered: with a Return-Path unless the case gives one.
    fn mail(from: &str, headers: &[(&str, &str)], subject: &str) -> Inbound {
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
        let mut m = mail("jane@example.org", &[], "");
        m.headers.retain(|(n, _)| n != "return-path");
        assert_eq!(screen(&m, US), Err(IgnoreReason::Bounce));
    }

    const ID: &str = "mx.campaign.example";

    fn authenticated(from: &str, headers: &[(&str, &str)]) -> Result<(), AuthFailure> {
        authenticate(&mail(from, headers, ""), ID)
    }

    #[test]
    fn authentication_table() {
        use AuthFailure::*;
        let ar = "authentication-results";
        type AuthCase<'a> = (&'a str, &'a [(&'a str, &'a str)], Result<(), AuthFailure>);
        let cases: &[AuthCase<'_>] = &[
            ("jane@example.org", &[], Err(NoResults)),
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example; dmarc=pass header.from=example.org",
                )],
                Ok(()),
            ),
            (
                "jane@example.org",
                &[(
                    ar,
                    "MX.Campaign.Example 1; dmarc=pass (p=none) header.from=example.org",
                )],
                Ok(()),
            ),
            // Aligned DKIM, relaxed: a subdomain signs.
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example; spf=fail; dkim=pass header.d=mail.example.org",
                )],
                Ok(()),
            ),
            // A signature by someone else's domain proves nothing about From.
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example; dkim=pass header.d=attacker.example",
                )],
                Err(NotPassed),
            ),
            (
                "jane@example.org",
                &[(ar, "mx.campaign.example; dkim=pass header.d=org")],
                Err(NotPassed),
            ),
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example; dmarc=fail header.from=example.org",
                )],
                Err(NotPassed),
            ),
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example; dmarc=pass header.from=other.example",
                )],
                Err(NotPassed),
            ),
            (
                "jane@example.org",
                &[(ar, "mx.campaign.example; none")],
                Err(NotPassed),
            ),
            // Another server's results are not ours to trust.
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.elsewhere.example; dmarc=pass header.from=example.org",
                )],
                Err(NoResults),
            ),
            // An id that only starts or ends like ours is another server's.
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example.attacker.test; dmarc=pass header.from=example.org",
                )],
                Err(NoResults),
            ),
            (
                "jane@example.org",
                &[(
                    ar,
                    "evil-mx.campaign.example; dmarc=pass header.from=example.org",
                )],
                Err(NoResults),
            ),
            // A "pass" hidden in a comment is not a pass.
            (
                "jane@example.org",
                &[(
                    ar,
                    "mx.campaign.example; dmarc=fail (dmarc=pass) header.from=example.org",
                )],
                Err(NotPassed),
            ),
            // Forged below the real one: only the topmost with our id is
            // our server's.
            (
                "jane@example.org",
                &[
                    (
                        ar,
                        "mx.elsewhere.example; dmarc=pass header.from=example.org",
                    ),
                    (
                        ar,
                        "mx.campaign.example; dmarc=fail header.from=example.org",
                    ),
                    (
                        ar,
                        "mx.campaign.example; dmarc=pass header.from=example.org",
                    ),
                ],
                Err(NotPassed),
            ),
        ];
        for (from, headers, want) in cases {
            assert_eq!(authenticated(from, headers), *want, "{from} {headers:?}");
        }
    }
}
