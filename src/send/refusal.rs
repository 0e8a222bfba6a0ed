//! What a relay's refusal is about: this one message, postbag's own
//! sign-in, or a limit of the provider's. Pure: the reply code and text in,
//! a [`Refusal`] out.
//!
//! The reply code alone cannot tell them apart. Gmail's daily limit is a
//! `550` like a refused recipient, Microsoft's a `554` like refused
//! content; a revoked app password is a `535` on every message. So the
//! providers' documented replies are matched by code, enhanced status code
//! and a fragment of their text (sources in the README, "Provider
//! limits"). The text is read here and nowhere kept: it can quote the
//! recipient.

/// What a refusal is about, and so what it stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// This message only (its recipient, its content): a 5xx sets it
    /// aside for a person, a 4xx tries it again later.
    Message,
    /// postbag's sign-in or the connection's protection: nothing can be
    /// sent until the operator puts the setting right.
    SignIn,
    /// The provider has stopped the account sending (mailbox full,
    /// blocked for spam, a check a person must pass): nothing can be sent
    /// until someone acts in the provider's pages.
    Account,
    /// A limit of the provider's: nothing is sent for a while, then
    /// sending is tried again.
    Quota(QuotaKind),
}

/// Which of the provider's limits was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuotaKind {
    /// Messages or recipients in a day.
    Daily,
    /// Messages in a minute, or connections at once.
    Rate,
}

impl QuotaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuotaKind::Daily => "daily sending limit",
            QuotaKind::Rate => "sending rate limit",
        }
    }
}

/// What to do about a refused sign-in with `code` (0: TLS failed, or no
/// sign-in in common), naming the setting.
pub fn sign_in_hint(code: u16) -> &'static str {
    match code {
        0 => {
            "TLS with the relay failed, or it offers no sign-in postbag speaks: check smtp.security (\"tls\" for port 465, \"starttls\" for 587), smtp.port and smtp.ca_file"
        }
        530 | 538 => {
            "the relay wants TLS before sign-in: set smtp.security to \"starttls\" (port 587) or \"tls\" (port 465)"
        }
        534 => {
            "the relay wants an app password or OAuth2 for this account: see the README's section for your provider, then put it in the password file"
        }
        550 | 554 => {
            "the relay will not send as the campaign's address: let the signed-in account send as campaign.address, or sign in as that mailbox"
        }
        _ => {
            "check the user name and the password in the password file (smtp.password_file, or account.password_file): an app password revoked? It is read again at each try"
        }
    }
}

/// What to do when the provider has stopped the account sending.
pub const ACCOUNT_HINT: &str = "the provider has stopped this account sending (mailbox full, blocked as a spam source, or a check a person must pass): sign in to the provider's web pages as the campaign's mailbox and follow what they say";

/// What to do when no OAuth2 token can be had.
pub const TOKEN_HINT: &str = "the token endpoint refused postbag: `postbag check` says why; sign in again with `postbag auth login`, or check [oauth2]'s client id and secret";

/// What a provider's quota means for the operator.
pub const QUOTA_HINT: &str = "the provider's sending limit: replies go on when it frees; set smtp.max_per_day and smtp.max_per_minute below the provider's limits to stay under them";

/// One documented reply: the code (0 for any), a fragment of the enhanced
/// status code or text (lower case), and what it means.
struct Known {
    code: u16,
    fragment: &'static str,
    refusal: Refusal,
}

const fn quota(code: u16, fragment: &'static str, limit: QuotaKind) -> Known {
    Known {
        code,
        fragment,
        refusal: Refusal::Quota(limit),
    }
}

const fn sign_in(code: u16, fragment: &'static str) -> Known {
    Known {
        code,
        fragment,
        refusal: Refusal::SignIn,
    }
}

const fn account(code: u16, fragment: &'static str) -> Known {
    Known {
        code,
        fragment,
        refusal: Refusal::Account,
    }
}

/// The providers' documented replies, most specific first: Google and
/// Microsoft reuse `4.7.0` and `5.2.0` for unrelated things, so the text
/// decides.
const KNOWN: &[Known] = &[
    // Gmail and Google Workspace: a rolling 24 hours.
    quota(550, "daily user sending limit exceeded", QuotaKind::Daily),
    quota(550, "daily sending quota exceeded", QuotaKind::Daily),
    quota(421, "try again later, closing connection", QuotaKind::Rate),
    quota(454, "too many login attempts", QuotaKind::Rate),
    quota(454, "temporary system problem", QuotaKind::Rate),
    // Microsoft 365: recipients in a sliding 24 hours; three connections.
    quota(554, "submissionquotaexceededexception", QuotaKind::Daily),
    quota(
        432,
        "concurrent connections limit exceeded",
        QuotaKind::Rate,
    ),
    quota(432, "sender thread limit exceeded", QuotaKind::Rate),
    // Outlook.com's daily quota, and its account holds.
    quota(554, "refusequota", QuotaKind::Daily),
    account(554, "hipnotify"),
    account(554, "actual verdict is suspend"),
    account(554, "5.2.2 mailbox full"),
    account(550, "5.1.8"),
    account(550, "5.7.705"),
    account(550, "5.7.708"),
    // Send-as refused: the campaign's From is not this account's.
    sign_in(550, "5.7.60"),
    sign_in(554, "sendasdeniedexception"),
    // Password sign-in retired or switched off.
    sign_in(550, "5.7.30"),
    sign_in(550, "5.7.57"),
    // Generic wording (Postfix policy servers, Exim, smaller providers).
    quota(0, "daily sending quota", QuotaKind::Daily),
    quota(0, "sending limit exceeded", QuotaKind::Daily),
    quota(0, "rate limit", QuotaKind::Rate),
];

/// What the relay's refusal with `code` and `text` is about.
pub fn classify(code: u16, text: &str) -> Refusal {
    let text = text.to_ascii_lowercase();
    if let Some(known) = KNOWN
        .iter()
        .find(|k| (k.code == 0 || k.code == code) && text.contains(k.fragment))
    {
        return known.refusal;
    }
    match code {
        // RFC 4954 §6: authentication required (530), mechanism too weak
        // or an app password required (534), credentials invalid (535),
        // encryption required for the mechanism (538).
        530 | 534 | 535 | 538 => Refusal::SignIn,
        // A temporary authentication failure (RFC 4954 §6).
        454 if text.contains("4.7.0") => Refusal::Quota(QuotaKind::Rate),
        _ => Refusal::Message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_replies_are_sorted_by_what_they_are_about() {
        let daily = Refusal::Quota(QuotaKind::Daily);
        let rate = Refusal::Quota(QuotaKind::Rate);
        for (code, text, want) in [
            (
                550,
                "5.4.5 Daily user sending limit exceeded. For more information",
                daily,
            ),
            (
                554,
                "5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message",
                daily,
            ),
            (
                432,
                "4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded",
                rate,
            ),
            (
                421,
                "4.7.0 Try again later, closing connection. (EHLO) x.gsmtp",
                rate,
            ),
            (535, "5.7.8 Error: authentication failed", Refusal::SignIn),
            (
                535,
                "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
                Refusal::SignIn,
            ),
            (
                534,
                "5.7.9 Application-specific password required",
                Refusal::SignIn,
            ),
            (
                530,
                "5.7.0 Must issue a STARTTLS command first",
                Refusal::SignIn,
            ),
            (
                550,
                "5.7.60 SMTP; Client does not have permissions to send as this sender",
                Refusal::SignIn,
            ),
            (
                550,
                "5.1.1 <someone@example.org>: Recipient address rejected: User unknown",
                Refusal::Message,
            ),
            (
                554,
                "5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; WASCL UserAction verdict is not None. Actual verdict is RefuseQuota, ShowTierUpgrade.",
                daily,
            ),
            (
                554,
                "5.2.0 STOREDRV.Submission.Exception:OutboundSpamException; WASCL UserAction verdict is not None. Actual verdict is HipNotify, ShowTierUpgrade.",
                Refusal::Account,
            ),
            (
                550,
                "5.1.8 Access denied, bad outbound sender",
                Refusal::Account,
            ),
            (
                421,
                "4.7.28 Our system has detected an unusual rate of mail with the same Message-ID",
                Refusal::Message,
            ),
            (
                554,
                "5.7.1 Message rejected: spam content",
                Refusal::Message,
            ),
            (
                450,
                "4.2.0 Greylisted, try again in 5 minutes",
                Refusal::Message,
            ),
        ] {
            assert_eq!(classify(code, text), want, "{code} {text}");
        }
    }

    #[test]
    fn a_fragment_with_a_code_needs_that_code() {
        // "5.4.5" in a 550's text is Gmail's daily limit; in a 250 it
        // would be a coincidence, and refusals are never 2xx, but a 451
        // mentioning it must not pause for an hour.
        assert_eq!(classify(451, "4.4.5 see 5.4.5"), Refusal::Message);
    }
}
