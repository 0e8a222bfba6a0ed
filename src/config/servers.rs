//! A mail server's settings, shared by `[imap]` and `[smtp]`: where it
//! is, how the connection is protected, and how postbag signs in.

use std::path::{Path, PathBuf};

use super::Secret;
use super::provider::{Account, Provider};
use crate::field::{ConfigError, field_error};

/// What a server's settings fall back on: the provider's server, and
/// `[account]`'s sign-in. (The usual ports come from the section's name.)
pub(super) struct Fallback<'a> {
    pub(super) preset: Option<(&'static str, u16, Security)>,
    pub(super) account: &'a Account,
    /// Whether `[oauth2]` signs in where no password file is named.
    pub(super) oauth2: bool,
}

/// The fields `[imap]` and `[smtp]` share. (serde's `flatten` would lose
/// `deny_unknown_fields`, so each section lists them.)
pub(super) struct RawServer {
    pub(super) host: Option<String>,
    pub(super) port: Option<u16>,
    pub(super) security: Option<String>,
    pub(super) username: Option<String>,
    pub(super) password_file: Option<PathBuf>,
    pub(super) ca_file: Option<PathBuf>,
}

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
    /// `None`: the tokens `[oauth2]` gets sign in instead.
    pub password_file: Option<PathBuf>,
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
        let Some(password_file) = &self.password_file else {
            return Err(field_error(
                &self.config_file,
                &self.field,
                "not set: this server signs in with [oauth2] tokens",
            ));
        };
        let bytes = std::fs::read(password_file).map_err(|e| {
            field_error(
                &self.config_file,
                &self.field,
                format!("cannot read {}: {}", password_file.display(), e.kind()),
            )
        })?;
        let password = String::from_utf8_lossy(&bytes)
            .trim_end_matches(['\r', '\n'])
            .to_owned();
        if password.is_empty() {
            return Err(field_error(
                &self.config_file,
                &self.field,
                format!("{} is empty", password_file.display()),
            ));
        }
        Ok(Secret::new(password.into_bytes()))
    }
}

pub(super) fn validate_server(
    raw: RawServer,
    section: &str,
    fallback: &Fallback<'_>,
    file: &Path,
    base: &Path,
) -> Result<Server, ConfigError> {
    let (tls_port, plain_port) = usual_ports(section);
    let preset = fallback.preset;
    let host = match raw.host.as_deref().or(preset.map(|p| p.0)) {
        Some(host) => host.trim().to_owned(),
        None => {
            let why = match fallback.account.provider {
                Provider::Generic => {
                    "needed: the server's name (or set account.provider to your mail provider)"
                }
                _ => "needed: this provider has no preset for it",
            };
            return Err(field_error(file, format!("{section}.host"), why));
        }
    };
    if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '/') {
        return Err(field_error(
            file,
            format!("{section}.host"),
            "must be a host name or IP address",
        ));
    }
    // The provider's port and security go together: a security set here
    // takes its own usual port.
    let security = match raw.security.as_deref() {
        None => preset.map_or(Security::Tls, |p| p.2),
        Some("tls") => Security::Tls,
        Some("starttls") => Security::StartTls,
        Some("none") => Security::None,
        Some(_) => {
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
    let port = raw.port.unwrap_or(match (preset, security) {
        (Some((_, port, preset_security)), _) if preset_security == security => port,
        (_, Security::Tls) => tls_port,
        _ => plain_port,
    });
    if port == 0 {
        return Err(field_error(
            file,
            format!("{section}.port"),
            "must not be 0",
        ));
    }
    if known_mismatch(section, port, security) {
        return Err(field_error(
            file,
            format!("{section}.security"),
            wrong_security_hint(section, port, security),
        ));
    }
    let account = fallback.account;
    let username_field = if raw.username.is_some() {
        section
    } else {
        "account"
    };
    let password_field = if raw.password_file.is_some() {
        section
    } else {
        "account"
    };
    let username = raw.username.or_else(|| account.username.clone());
    let password_file = raw.password_file.or_else(|| account.password_file.clone());
    let login = match (username, password_file) {
        (None, None) => None,
        (Some(username), None) if fallback.oauth2 => Some(Login {
            username,
            password_file: None,
            field: format!("{password_field}.password_file"),
            config_file: file.to_owned(),
        }),
        (Some(_), None) => {
            return Err(field_error(
                file,
                format!("{username_field}.password_file"),
                "needed with a username: a file holding the password",
            ));
        }
        (None, Some(_)) => {
            return Err(field_error(
                file,
                format!("{password_field}.username"),
                "needed with a password_file",
            ));
        }
        (Some(username), Some(path)) => Some(Login {
            username,
            password_file: Some(base.join(path)),
            field: format!("{password_field}.password_file"),
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

/// The usual ports of `section` ("imap" or "smtp"): TLS from the first
/// byte, and plain upgraded by STARTTLS.
fn usual_ports(section: &str) -> (u16, u16) {
    if section == "imap" {
        (993, 143)
    } else {
        (465, 587)
    }
}

/// The well-known mismatches, found from the settings alone: 993 and 465
/// with STARTTLS (or none), 143 and 587 with TLS.
pub fn known_mismatch(section: &str, port: u16, security: Security) -> bool {
    let (tls, plain) = usual_ports(section);
    match security {
        Security::Tls => port == plain,
        Security::StartTls | Security::None => port == tls,
    }
}

/// What to set when `port` does not speak as `security` says: the
/// setting to change, and the other way out.
pub fn wrong_security_hint(section: &str, port: u16, security: Security) -> String {
    let (tls, plain) = usual_ports(section);
    match security {
        Security::Tls => format!(
            "port {port} greets in plain text, so it does not speak TLS from the first byte: set {section}.security = \"starttls\" (its usual port is {plain}), or {section}.port = {tls}"
        ),
        Security::StartTls | Security::None => format!(
            "port {port} speaks TLS from the first byte, so it says nothing until the client starts TLS: set {section}.security = \"tls\" (its usual port is {tls}), or {section}.port = {plain}"
        ),
    }
}
