//! The daemon's settings: the mail servers (`[imap]`, `[smtp]`), where
//! the count is kept (`[state]`), reply caps (`[limits]`), sender
//! authentication (`[auth]`) and the main loop (`[daemon]`).
//!
//! Every section is optional in the file, so `preview` and `lookup` work
//! without mail servers; `run` and `check` ask for what they need and name
//! the missing field.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use super::Secret;
use crate::email_address::is_email;
use crate::field::{ConfigError, field_error, folder, seconds};

// ---- raw -------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawImap {
    host: String,
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
    poll_secs: Option<u64>,
    idle_secs: Option<u64>,
    keyword: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSmtp {
    host: String,
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

/// The fields `[imap]` and `[smtp]` share. (serde's `flatten` would lose
/// `deny_unknown_fields`, so each section lists them.)
struct RawServer {
    host: String,
    port: Option<u16>,
    security: Option<String>,
    username: Option<String>,
    password_file: Option<PathBuf>,
    ca_file: Option<PathBuf>,
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

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawState {
    dir: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLimits {
    per_sender_per_day: Option<u32>,
    help_per_sender_per_day: Option<u32>,
    per_domain_per_hour: Option<u32>,
    per_hour: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAuth {
    trusted_authserv_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDaemon {
    max_in_flight: Option<usize>,
    retry_min_secs: Option<u64>,
    retry_max_secs: Option<u64>,
}

// ---- validated -------------------------------------------------------------

/// How a connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (IMAP 993, SMTP 465).
    Tls,
    /// Plain, upgraded with STARTTLS before anything else is said.
    StartTls,
    /// Plain text; allowed only to this machine.
    None,
}

/// A mail server and how to log in to it.
#[derive(Clone, Debug)]
pub struct Server {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// Login, when the server needs one: the user name and the file
    /// holding the password, read once at start-up.
    pub login: Option<Login>,
    /// A PEM file of extra certificate authorities to trust, for a
    /// server with a private CA.
    pub ca_file: Option<PathBuf>,
}

/// A user name and where its password is.
#[derive(Clone, Debug)]
pub struct Login {
    pub username: String,
    pub password_file: PathBuf,
    /// `imap.password_file` or `smtp.password_file`, for errors.
    field: String,
    /// The configuration file, for errors.
    config_file: PathBuf,
}

impl Login {
    /// Read the password (trailing line breaks removed).
    ///
    /// # Errors
    /// A [`ConfigError`] naming the `password_file` field.
    pub fn password(&self) -> Result<Secret, ConfigError> {
        let bytes = std::fs::read(&self.password_file).map_err(|e| {
            field_error(
                &self.config_file,
                &self.field,
                format!("cannot read {}: {}", self.password_file.display(), e.kind()),
            )
        })?;
        let password = String::from_utf8_lossy(&bytes)
            .trim_end_matches(['\r', '\n'])
            .to_owned();
        if password.is_empty() {
            return Err(field_error(
                &self.config_file,
                &self.field,
                format!("{} is empty", self.password_file.display()),
            ));
        }
        Ok(Secret::new(password.into_bytes()))
    }
}

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
    /// How often to look for mail when the server has no IDLE.
    pub poll_interval: Duration,
    /// How long one IDLE lasts before it is renewed (RFC 2177: under 30
    /// minutes).
    pub idle_renew: Duration,
    /// The keyword that marks a message as taken, before its reply is sent.
    pub claim_keyword: String,
    /// The keyword that marks a message as answered, before it is removed.
    pub sent_keyword: String,
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

/// Reply caps, all kept in memory only. Zero means no cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LimitsConfig {
    /// Replies of any kind to one address in 24 hours.
    pub per_sender_per_day: u32,
    /// Help replies to one address in 24 hours.
    pub help_per_sender_per_day: u32,
    /// Replies to one domain in an hour; beyond it mail waits.
    pub per_domain_per_hour: u32,
    /// Replies in all in an hour; beyond it mail waits.
    pub per_hour: u32,
}

impl Default for LimitsConfig {
    fn default() -> LimitsConfig {
        LimitsConfig {
            per_sender_per_day: 3,
            help_per_sender_per_day: 2,
            per_domain_per_hour: 200,
            per_hour: 2000,
        }
    }
}

/// The main loop.
#[derive(Clone, Copy, Debug)]
pub struct DaemonConfig {
    /// Messages being answered at once.
    pub max_in_flight: usize,
    /// First wait before a message that failed for a passing reason is
    /// tried again; it doubles up to `retry_max`.
    pub retry_min: Duration,
    pub retry_max: Duration,
}

// ---- validation ------------------------------------------------------------

pub(super) fn validate_imap(
    raw: RawImap,
    file: &Path,
    base: &Path,
) -> Result<ImapConfig, ConfigError> {
    let server = validate_server(raw_server!(raw), "imap", (993, 143), file, base)?;
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
        trash_folder: folder(file, "imap.trash_folder", raw.trash_folder)?,
        ignored_folder: folder(file, "imap.ignored_folder", raw.ignored_folder)?,
        sent_folder: folder(file, "imap.sent_folder", raw.sent_folder)?,
        poll_interval: seconds(file, "imap.poll_secs", raw.poll_secs, (60, 1, 3600))?,
        idle_renew: seconds(
            file,
            "imap.idle_secs",
            raw.idle_secs,
            (29 * 60, 10, 29 * 60),
        )?,
        sent_keyword: format!("{keyword}Sent"),
        claim_keyword: keyword,
        mailbox,
        review_folder,
    };
    let inbox = imap.mailbox.to_ascii_lowercase();
    for (field, name) in [
        ("imap.review_folder", Some(&imap.review_folder)),
        ("imap.trash_folder", imap.trash_folder.as_ref()),
        ("imap.ignored_folder", imap.ignored_folder.as_ref()),
    ] {
        if name.is_some_and(|n| n.to_ascii_lowercase() == inbox) {
            return Err(field_error(
                file,
                field,
                "must differ from imap.mailbox, or mail would be answered again",
            ));
        }
    }
    Ok(imap)
}

pub(super) fn validate_smtp(
    raw: RawSmtp,
    file: &Path,
    base: &Path,
) -> Result<SmtpConfig, ConfigError> {
    let server = validate_server(raw_server!(raw), "smtp", (465, 587), file, base)?;
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
    let pool_size = raw.pool_size.unwrap_or(8);
    if !(1..=32).contains(&pool_size) {
        return Err(field_error(
            file,
            "smtp.pool_size",
            "must be between 1 and 32",
        ));
    }
    Ok(SmtpConfig {
        server,
        envelope_from,
        // RFC 5321 §4.5.3.2.6 gives the server 10 minutes to answer DATA.
        timeout: seconds(file, "smtp.timeout_secs", raw.timeout_secs, (300, 5, 600))?,
        pool_size,
        max_per_minute: raw.max_per_minute.unwrap_or(0),
        max_per_day: raw.max_per_day.unwrap_or(0),
        quota_wait: seconds(
            file,
            "smtp.quota_wait_secs",
            raw.quota_wait_secs,
            (3600, 1, 86400),
        )?,
    })
}

fn validate_server(
    raw: RawServer,
    section: &str,
    (tls_port, plain_port): (u16, u16),
    file: &Path,
    base: &Path,
) -> Result<Server, ConfigError> {
    let host = raw.host.trim().to_owned();
    if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '/') {
        return Err(field_error(
            file,
            format!("{section}.host"),
            "must be a host name or IP address",
        ));
    }
    let security = match raw.security.as_deref().unwrap_or("tls") {
        "tls" => Security::Tls,
        "starttls" => Security::StartTls,
        "none" => Security::None,
        _ => {
            return Err(field_error(
                file,
                format!("{section}.security"),
                "must be tls, starttls or none",
            ));
        }
    };
    if security == Security::None && !is_loopback(&host) {
        return Err(field_error(
            file,
            format!("{section}.security"),
            "\"none\" sends passwords and supporters' mail in clear text; it is allowed only to localhost",
        ));
    }
    let port = raw.port.unwrap_or(match security {
        Security::Tls => tls_port,
        _ => plain_port,
    });
    if port == 0 {
        return Err(field_error(
            file,
            format!("{section}.port"),
            "must not be 0",
        ));
    }
    let login = match (raw.username, raw.password_file) {
        (None, None) => None,
        (Some(_), None) => {
            return Err(field_error(
                file,
                format!("{section}.password_file"),
                "needed with a username: a file holding the password",
            ));
        }
        (None, Some(_)) => {
            return Err(field_error(
                file,
                format!("{section}.username"),
                "needed with a password_file",
            ));
        }
        (Some(username), Some(path)) => Some(Login {
            username,
            password_file: base.join(path),
            field: format!("{section}.password_file"),
            config_file: file.to_owned(),
        }),
    };
    let ca_file = raw.ca_file.map(|p| base.join(p));
    if let Some(ca) = &ca_file
        && !ca.is_file()
    {
        return Err(field_error(
            file,
            format!("{section}.ca_file"),
            format!("{} is not a file", ca.display()),
        ));
    }
    Ok(Server {
        host,
        port,
        security,
        login,
        ca_file,
    })
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

pub(super) fn validate_state(raw: RawState, base: &Path) -> Option<PathBuf> {
    raw.dir.map(|d| base.join(d))
}

pub(super) fn validate_limits(raw: RawLimits) -> LimitsConfig {
    let default = LimitsConfig::default();
    LimitsConfig {
        per_sender_per_day: raw.per_sender_per_day.unwrap_or(default.per_sender_per_day),
        help_per_sender_per_day: raw
            .help_per_sender_per_day
            .unwrap_or(default.help_per_sender_per_day),
        per_domain_per_hour: raw
            .per_domain_per_hour
            .unwrap_or(default.per_domain_per_hour),
        per_hour: raw.per_hour.unwrap_or(default.per_hour),
    }
}

pub(super) fn validate_auth(raw: RawAuth, file: &Path) -> Result<Option<String>, ConfigError> {
    match raw.trusted_authserv_id.map(|s| s.trim().to_owned()) {
        Some(id) if id.is_empty() || id.contains(|c: char| c.is_whitespace() || c == ';') => {
            Err(field_error(
                file,
                "auth.trusted_authserv_id",
                "must be one word: the id your mail server writes first in Authentication-Results",
            ))
        }
        other => Ok(other),
    }
}

pub(super) fn validate_daemon(raw: RawDaemon, file: &Path) -> Result<DaemonConfig, ConfigError> {
    let max_in_flight = raw.max_in_flight.unwrap_or(8);
    if !(1..=64).contains(&max_in_flight) {
        return Err(field_error(
            file,
            "daemon.max_in_flight",
            "must be between 1 and 64",
        ));
    }
    let retry_min = seconds(
        file,
        "daemon.retry_min_secs",
        raw.retry_min_secs,
        (30, 1, 86400),
    )?;
    let retry_max = seconds(
        file,
        "daemon.retry_max_secs",
        raw.retry_max_secs,
        (1800, 1, 86400),
    )?;
    if retry_max < retry_min {
        return Err(field_error(
            file,
            "daemon.retry_max_secs",
            "must not be less than daemon.retry_min_secs",
        ));
    }
    Ok(DaemonConfig {
        max_in_flight,
        retry_min,
        retry_max,
    })
}
