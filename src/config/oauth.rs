//! `[oauth2]`: signing in with OAuth2 tokens instead of a password, as
//! Microsoft 365 requires for IMAP and Google allows where app passwords
//! are off. Where the tokens come from is the `grant`:
//!
//! - `refresh_token`: a person signs in once with `postbag auth login`
//!   (Microsoft's device code, Google's browser sign-in); the refresh
//!   token is kept in `token_file` and replaced whenever the provider
//!   rotates it;
//! - `client_credentials`: Microsoft 365 app-only access, with the app's
//!   secret;
//! - `service_account`: a Google Workspace service account with
//!   domain-wide delegation, its key file signing each request.
//!
//! Secrets come from files (`client_secret_file`, `key_file`) or the
//! environment (`POSTBAG_OAUTH2_CLIENT_SECRET`), never from this file.
//! The provider fills the endpoints and scopes; each can be set, so tests
//! and other providers can point them elsewhere.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::provider::{Account, Provider};
use crate::field::{ConfigError, field_error};

/// The environment variable that may hold the client secret.
pub const CLIENT_SECRET_ENV: &str = "POSTBAG_OAUTH2_CLIENT_SECRET";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOAuth2 {
    grant: String,
    client_id: Option<String>,
    client_secret_file: Option<PathBuf>,
    tenant: Option<String>,
    token_file: Option<PathBuf>,
    key_file: Option<PathBuf>,
    token_url: Option<String>,
    device_url: Option<String>,
    auth_url: Option<String>,
    scopes: Option<Vec<String>>,
    login_flow: Option<String>,
}

/// Where the tokens come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Grant {
    /// A refresh token from `postbag auth login`, kept in `token_file`.
    RefreshToken {
        token_file: PathBuf,
        flow: LoginFlow,
    },
    /// Microsoft 365 app-only: the client's own secret.
    ClientCredentials,
    /// A Google service account's key, acting as the mailbox's user.
    ServiceAccount { key_file: PathBuf },
}

/// How `postbag auth login` has a person sign in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginFlow {
    /// RFC 8628: a code to type at a web page, on any device.
    DeviceCode,
    /// A browser on this machine, redirected back to a loopback port
    /// (Google: its device flow does not allow the mail scope).
    Browser,
}

/// `[oauth2]`, checked and filled from the provider.
#[derive(Clone, Debug)]
pub struct OAuth2Config {
    pub grant: Grant,
    /// The mailbox signed in as (`account.username`): XOAUTH2's `user=`
    /// and a service account's subject.
    pub username: String,
    pub client_id: String,
    /// The client secret's file, if the grant or provider needs one; else
    /// `POSTBAG_OAUTH2_CLIENT_SECRET`, read when it is used.
    pub client_secret_file: Option<PathBuf>,
    pub token_url: Option<String>,
    pub device_url: Option<String>,
    pub auth_url: Option<String>,
    pub scopes: Vec<String>,
    /// The configuration file, for errors that name a field.
    pub config_file: PathBuf,
}

const MS_DELEGATED: [&str; 3] = [
    "https://outlook.office.com/IMAP.AccessAsUser.All",
    "https://outlook.office.com/SMTP.Send",
    "offline_access",
];
const MS_APP_ONLY: &str = "https://outlook.office365.com/.default";
const GOOGLE_MAIL: &str = "https://mail.google.com/";

pub(super) fn validate_oauth2(
    raw: Option<RawOAuth2>,
    account: &Account,
    state_dir: Option<&Path>,
    file: &Path,
    base: &Path,
) -> Result<Option<OAuth2Config>, ConfigError> {
    let Some(raw) = raw else { return Ok(None) };
    let error = |field: &str, why: &str| field_error(file, format!("oauth2.{field}"), why);
    let username = account.username.clone().ok_or_else(|| {
        field_error(
            file,
            "account.username",
            "needed with [oauth2]: the mailbox to sign in as",
        )
    })?;
    if account.password_file.is_some() {
        return Err(field_error(
            file,
            "account.password_file",
            "not with [oauth2]: sign in with a password or with tokens, not both",
        ));
    }
    let provider = account.provider;
    let microsoft = provider == Provider::Microsoft365;
    let google = matches!(provider, Provider::Google | Provider::Gmail);
    let grant = match raw.grant.as_str() {
        "refresh_token" => Grant::RefreshToken {
            token_file: match (raw.token_file, state_dir) {
                (Some(path), _) => base.join(path),
                (None, Some(dir)) => dir.join("oauth2-tokens.json"),
                (None, None) => {
                    return Err(error(
                        "token_file",
                        "needed (or state.dir): where the signed-in tokens are kept",
                    ));
                }
            },
            flow: match raw.login_flow.as_deref() {
                Some("device") => LoginFlow::DeviceCode,
                Some("browser") => LoginFlow::Browser,
                None if google => LoginFlow::Browser,
                None => LoginFlow::DeviceCode,
                Some(_) => return Err(error("login_flow", "must be device or browser")),
            },
        },
        "client_credentials" => Grant::ClientCredentials,
        "service_account" => Grant::ServiceAccount {
            key_file: raw
                .key_file
                .map(|p| base.join(p))
                .ok_or_else(|| error("key_file", "needed: the service account's JSON key"))?,
        },
        _ => {
            return Err(error(
                "grant",
                "must be refresh_token (sign in once with `postbag auth login`), client_credentials (Microsoft 365 app-only) or service_account (Google Workspace)",
            ));
        }
    };
    let tenant = raw.tenant.as_deref().unwrap_or("organizations");
    if microsoft && grant == Grant::ClientCredentials && raw.tenant.is_none() {
        return Err(error(
            "tenant",
            "needed for app-only access: your tenant's id or domain (contoso.onmicrosoft.com)",
        ));
    }
    let ms = |path: &str| format!("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/{path}");
    let (token_url, device_url, auth_url) = match provider {
        Provider::Microsoft365 => (
            Some(ms("token")),
            Some(ms("devicecode")),
            Some(ms("authorize")),
        ),
        // A service account's key file names its own token endpoint.
        Provider::Google | Provider::Gmail => (
            (!matches!(grant, Grant::ServiceAccount { .. }))
                .then(|| "https://oauth2.googleapis.com/token".to_owned()),
            None,
            Some("https://accounts.google.com/o/oauth2/v2/auth".to_owned()),
        ),
        _ => (None, None, None),
    };
    let token_url = raw.token_url.or(token_url);
    if token_url.is_none() && !matches!(grant, Grant::ServiceAccount { .. }) {
        return Err(error(
            "token_url",
            "needed: this provider has no preset for it",
        ));
    }
    for (field, url) in [
        ("token_url", &token_url),
        ("device_url", &raw.device_url),
        ("auth_url", &raw.auth_url),
    ] {
        if let Some(url) = url
            && !(url.starts_with("https://") || url.starts_with("http://127.0.0.1"))
        {
            return Err(error(field, "must be an https:// address"));
        }
    }
    let scopes = raw.scopes.unwrap_or_else(|| match (&grant, provider) {
        (Grant::ClientCredentials, Provider::Microsoft365) => vec![MS_APP_ONLY.to_owned()],
        (_, Provider::Microsoft365) => MS_DELEGATED.map(str::to_owned).to_vec(),
        _ if google => vec![GOOGLE_MAIL.to_owned()],
        _ => Vec::new(),
    });
    let client_id = match (&grant, raw.client_id) {
        (_, Some(id)) if !id.trim().is_empty() => id.trim().to_owned(),
        (Grant::ServiceAccount { .. }, _) => String::new(),
        _ => {
            return Err(error(
                "client_id",
                "needed: the app registration's client id",
            ));
        }
    };
    let client_secret_file = raw.client_secret_file.map(|p| base.join(p));
    Ok(Some(OAuth2Config {
        grant,
        username,
        client_id,
        client_secret_file,
        token_url,
        device_url: raw.device_url.or(device_url),
        auth_url: raw.auth_url.or(auth_url),
        scopes,
        config_file: file.to_owned(),
    }))
}
