//! A mail server's settings, shared by `[imap]` and `[smtp]`: where it
//! is, how the connection is protected, and how postbag signs in.

use std::path::{Path, PathBuf};

use super::Secret;
use crate::field::{ConfigError, field_error};

/// The fields `[imap]` and `[smtp]` share. (serde's `flatten` would lose
/// `deny_unknown_fields`, so each section lists them.)
pub(super) struct RawServer {
    pub(super) host: String,
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

pub(super) fn validate_server(
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
