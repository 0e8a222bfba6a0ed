//! The mail servers' settings: the campaign mailbox (`[imap]`) and the
//! relay (`[smtp]`).
//!
//! Both sections are optional in the file, so `preview` and `lookup` work
//! without mail servers; `run` and `check` ask for what they need and name
//! the missing field.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use super::provider::Account;
use super::servers::{Fallback, RawServer, Server, validate_server};
use crate::email_address::is_email;
use crate::field::{ConfigError, field_error, folder, seconds};

// ---- raw -------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawImap {
    host: Option<String>,
    port: Option<u16>,
    security: Option<String>,
    username: Option<String>,
    password_file: Option<PathBuf>,
    ca_file: Option<PathBuf>,
    mailbox: Option<String>,
    review_folder: Option<String>,
    trash_folder: Option<String>,
    ignored_folder: Option<String>,
    sent_folder: Option<String>,
    sent_keep_secs: Option<u64>,
    poll_secs: Option<u64>,
    idle_secs: Option<u64>,
    keyword: Option<String>,
    claim: Option<String>,
    processing_folder: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSmtp {
    host: Option<String>,
    port: Option<u16>,
    security: Option<String>,
    username: Option<String>,
    password_file: Option<PathBuf>,
    ca_file: Option<PathBuf>,
    envelope_from: Option<String>,
    timeout_secs: Option<u64>,
    pool_size: Option<u32>,
    max_per_minute: Option<u32>,
    max_per_day: Option<u32>,
    quota_wait_secs: Option<u64>,
}

macro_rules! raw_server {
    ($raw:expr) => {
        RawServer {
            host: $raw.host,
            port: $raw.port,
            security: $raw.security,
            username: $raw.username,
            password_file: $raw.password_file,
            ca_file: $raw.ca_file,
        }
    };
}

// ---- validated -------------------------------------------------------------

/// The campaign mailbox, which is the queue.
#[derive(Clone, Debug)]
pub struct ImapConfig {
    pub server: Server,
    /// Where supporters' mail arrives.
    pub mailbox: String,
    /// Where mail set aside for a person goes.
    pub review_folder: String,
    /// If set, answered mail is moved here and purged from here, for
    /// servers where expunging only archives (Gmail).
    pub trash_folder: Option<String>,
    /// If set, mail that must get no reply (auto-replies, lists, bounces)
    /// is moved here instead of deleted.
    pub ignored_folder: Option<String>,
    /// If set, the folder where the SMTP relay keeps copies of sent mail:
    /// searched for an earlier reply before answering mail a crash
    /// interrupted.
    pub sent_folder: Option<String>,
    /// How long postbag's own replies stay in the sent folder before it
    /// removes them (they hold supporters' details).
    pub sent_keep: Duration,
    /// How often to look for mail when the server has no IDLE.
    pub poll_interval: Duration,
    /// How long one IDLE lasts before it is renewed (RFC 2177: under 30
    /// minutes).
    pub idle_renew: Duration,
    /// The keyword that marks a message as taken, before its reply is sent.
    pub claim_keyword: String,
    /// How to claim: `None` chooses by what the server keeps.
    pub claim: Option<ClaimSetting>,
    /// Where messages claimed by moving wait while they are answered.
    pub processing_folder: String,
    /// The keyword that marks a message as answered, before it is removed.
    pub sent_keyword: String,
}

/// `imap.claim`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimSetting {
    /// Mark with `imap.keyword`.
    Keyword,
    /// Move into `imap.processing_folder` (for servers that keep no
    /// keywords: Exchange Online).
    Move,
}

/// The relay replies go through.
#[derive(Clone, Debug)]
pub struct SmtpConfig {
    pub server: Server,
    /// The envelope sender; `None` is the null sender `<>` (RFC 3834 §4),
    /// so no bounce ever comes back to be answered.
    pub envelope_from: Option<String>,
    /// How long to wait for any answer, the one to DATA included.
    pub timeout: Duration,
    /// Most connections kept open to the relay.
    pub pool_size: u32,
    /// Emails sent in a minute, and in 24 hours, before sending waits;
    /// set below the provider's limits. Zero means no cap.
    pub max_per_minute: u32,
    pub max_per_day: u32,
    /// How long sending waits after the provider says its daily limit is
    /// reached, before trying again (a rate limit waits a minute at most).
    pub quota_wait: Duration,
}

// ---- validation ------------------------------------------------------------

/// `[imap]`, filled in from the provider's preset and `[account]`; none
/// when neither the file nor the provider names a server.
pub(super) fn validate_imap(
    raw: Option<RawImap>,
    account: &Account,
    oauth2: bool,
    file: &Path,
    base: &Path,
) -> Result<Option<ImapConfig>, ConfigError> {
    let preset = account.provider.preset();
    let raw = match raw {
        Some(raw) => raw,
        None if preset.imap.is_some() => RawImap::default(),
        None => return Ok(None),
    };
    let fallback = Fallback {
        preset: preset.imap,
        account,
        oauth2,
    };
    let server = validate_server(raw_server!(raw), "imap", &fallback, file, base)?;
    if server.login.is_none() {
        return Err(field_error(
            file,
            "imap.username",
            "needed: the mailbox is read by logging in",
        ));
    }
    let mailbox = folder(file, "imap.mailbox", raw.mailbox)?.unwrap_or_else(|| "INBOX".to_owned());
    let review_folder = folder(file, "imap.review_folder", raw.review_folder)?
        .unwrap_or_else(|| "Review".to_owned());
    let keyword = raw.keyword.unwrap_or_else(|| "$PostbagClaimed".to_owned());
    let atom = |k: &str| {
        !k.is_empty()
            && k.len() <= 40
            && k.bytes()
                .all(|b| b.is_ascii_graphic() && !b"(){%*\"\\]".contains(&b))
            && !k.starts_with('\\')
    };
    if !atom(&keyword) {
        return Err(field_error(
            file,
            "imap.keyword",
            "must be an IMAP keyword such as $PostbagClaimed",
        ));
    }
    let imap = ImapConfig {
        server,
        trash_folder: folder(
            file,
            "imap.trash_folder",
            raw.trash_folder.or(preset.trash_folder.map(str::to_owned)),
        )?,
        ignored_folder: folder(file, "imap.ignored_folder", raw.ignored_folder)?,
        sent_folder: folder(
            file,
            "imap.sent_folder",
            raw.sent_folder.or(preset.sent_folder.map(str::to_owned)),
        )?,
        sent_keep: seconds(
            file,
            "imap.sent_keep_secs",
            raw.sent_keep_secs,
            (900, 1, 7 * 86400),
        )?,
        poll_interval: seconds(file, "imap.poll_secs", raw.poll_secs, (60, 1, 3600))?,
        idle_renew: seconds(
            file,
            "imap.idle_secs",
            raw.idle_secs,
            (29 * 60, 10, 29 * 60),
        )?,
        sent_keyword: format!("{keyword}Sent"),
        claim_keyword: keyword,
        claim: match raw.claim.as_deref() {
            None | Some("auto") => None,
            Some("keyword") => Some(ClaimSetting::Keyword),
            Some("move") => Some(ClaimSetting::Move),
            Some(_) => {
                return Err(field_error(
                    file,
                    "imap.claim",
                    "must be keyword, move or auto (keyword where the server keeps keywords, else move)",
                ));
            }
        },
        processing_folder: folder(file, "imap.processing_folder", raw.processing_folder)?
            .unwrap_or_else(|| "Postbag processing".to_owned()),
        mailbox,
        review_folder,
    };
    let inbox = imap.mailbox.to_ascii_lowercase();
    for (field, name) in [
        ("imap.review_folder", Some(&imap.review_folder)),
        ("imap.trash_folder", imap.trash_folder.as_ref()),
        ("imap.ignored_folder", imap.ignored_folder.as_ref()),
        ("imap.processing_folder", Some(&imap.processing_folder)),
    ] {
        if name.is_some_and(|n| n.to_ascii_lowercase() == inbox) {
            return Err(field_error(
                file,
                field,
                "must differ from imap.mailbox, or mail would be answered again",
            ));
        }
    }
    Ok(Some(imap))
}

/// `[smtp]`, filled in like [`validate_imap`].
pub(super) fn validate_smtp(
    raw: Option<RawSmtp>,
    account: &Account,
    oauth2: bool,
    file: &Path,
    base: &Path,
) -> Result<Option<SmtpConfig>, ConfigError> {
    let preset = account.provider.preset();
    let raw = match raw {
        Some(raw) => raw,
        None if preset.smtp.is_some() => RawSmtp::default(),
        None => return Ok(None),
    };
    let fallback = Fallback {
        preset: preset.smtp,
        account,
        oauth2,
    };
    let server = validate_server(raw_server!(raw), "smtp", &fallback, file, base)?;
    let envelope_from = match raw.envelope_from.as_deref().map(str::trim) {
        None | Some("" | "<>") => None,
        Some(address) if is_email(address) => Some(address.to_owned()),
        Some(_) => {
            return Err(field_error(
                file,
                "smtp.envelope_from",
                "must be an email address, or \"<>\" for the null sender",
            ));
        }
    };
    let pool_size = raw.pool_size.unwrap_or(preset.pool_size);
    if !(1..=32).contains(&pool_size) {
        return Err(field_error(
            file,
            "smtp.pool_size",
            "must be between 1 and 32",
        ));
    }
    Ok(Some(SmtpConfig {
        server,
        envelope_from,
        // RFC 5321 §4.5.3.2.6 gives the server 10 minutes to answer DATA.
        timeout: seconds(file, "smtp.timeout_secs", raw.timeout_secs, (300, 5, 600))?,
        pool_size,
        max_per_minute: raw.max_per_minute.unwrap_or(preset.max_per_minute),
        max_per_day: raw.max_per_day.unwrap_or(preset.max_per_day),
        quota_wait: seconds(
            file,
            "smtp.quota_wait_secs",
            raw.quota_wait_secs,
            (3600, 1, 86400),
        )?,
    }))
}
