//! OAuth2 tokens for signing in to the mail servers (SASL XOAUTH2): a
//! [`TokenSource`] holds the current access token, gets a new one shortly
//! before it ends, and gets one at once when a server refuses the one it
//! had (a token revoked early). Where tokens come from is the configured
//! grant ([`crate::config::Grant`]); `postbag auth login` is the one-off
//! sign-in that starts a refresh token ([`login`]).
//!
//! The `oauth2` crate makes the requests (device code, refresh, client
//! credentials, browser sign-in with PKCE): it is the most used Rust
//! OAuth2 client, follows the RFCs' field names (some others speak
//! Google's older dialect), and takes our own HTTP client, so no second
//! HTTP or TLS stack comes with it. Google's service-account grant, which
//! it lacks, is [`jwt`]. Nothing here logs a token; errors carry the
//! provider's error code, never its description.

mod grants;
pub mod http;
mod jwt;
pub mod login;
pub mod tokens;

use std::time::Duration;

use thiserror::Error;
use tracing::{error, info};

use crate::config::{CLIENT_SECRET_ENV, Grant, OAuth2Config};
use crate::failure::{Classify, FailureClass};
use http::OAuthHttp;
use jwt::ServiceAccount;
use tokens::TokenSet;

/// How long before its end an access token is replaced.
const MARGIN: Duration = Duration::from_secs(300);

/// What went wrong getting a token, inside this module.
#[derive(Debug, Error)]
pub(crate) enum GrantError {
    /// A setting or a file it names (the text names the field).
    #[error("{0}")]
    Setup(String),
    /// The token endpoint refused, with this error code.
    #[error("{0}")]
    Refused(String),
    /// No answer from the token endpoint.
    #[error("{0}")]
    Unreachable(String),
}

/// A provider's error code as postbag repeats it: letters, digits and
/// `_` only, at most 40, so nothing else it sent reaches a log.
pub(crate) fn error_code(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(40)
        .collect()
}

/// Why no token could be had. Names settings and the provider's error
/// code; never a token.
#[derive(Debug, Error)]
pub enum TokenError {
    #[error("{0}")]
    Setup(String),
    #[error("the token endpoint refused postbag ({code}): {hint}")]
    Refused { code: String, hint: &'static str },
    #[error("the token endpoint did not answer: {0}")]
    Unreachable(String),
}

impl Classify for TokenError {
    fn class(&self) -> FailureClass {
        match self {
            TokenError::Setup(_) | TokenError::Refused { .. } => FailureClass::Config,
            TokenError::Unreachable(_) => FailureClass::Temporary,
        }
    }
}

/// What the operator does when the grant is refused.
fn refused_hint(grant: &Grant) -> &'static str {
    match grant {
        Grant::RefreshToken { .. } => {
            "sign in again with `postbag auth login` (the refresh token in oauth2.token_file was revoked, has expired or was replaced)"
        }
        Grant::ClientCredentials => {
            "check oauth2.client_id, oauth2.tenant and the client secret (oauth2.client_secret_file or POSTBAG_OAUTH2_CLIENT_SECRET); an expired secret is replaced in the app registration"
        }
        Grant::ServiceAccount { .. } => {
            "check oauth2.key_file, and that the service account has domain-wide delegation for https://mail.google.com/ in the Workspace admin console"
        }
    }
}

/// Secrets read once at start-up.
pub(crate) struct Secrets {
    client_secret: Option<String>,
}

/// The access tokens IMAP and SMTP sign in with.
pub struct TokenSource {
    config: OAuth2Config,
    http: OAuthHttp,
    secrets: Secrets,
    service_account: Option<ServiceAccount>,
    current: tokio::sync::Mutex<Option<TokenSet>>,
}

impl std::fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSource")
            .field("grant", &self.config.grant)
            .finish_non_exhaustive()
    }
}

impl TokenSource {
    /// Read the secrets and files the settings name; no request yet. The
    /// token file need not exist yet (for `auth login`): `require_tokens`
    /// says so with what to do.
    ///
    /// # Errors
    /// A [`TokenError::Setup`] naming the setting.
    pub fn new(config: &OAuth2Config) -> Result<TokenSource, TokenError> {
        let client_secret = match &config.client_secret_file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    TokenError::Setup(format!(
                        "oauth2.client_secret_file: cannot read {}: {}",
                        path.display(),
                        e.kind()
                    ))
                })?;
                Some(text.trim().to_owned())
            }
            None => std::env::var(CLIENT_SECRET_ENV)
                .ok()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty()),
        };
        let service_account = match &config.grant {
            Grant::ServiceAccount { key_file } => {
                let json = std::fs::read(key_file).map_err(|e| {
                    TokenError::Setup(format!(
                        "oauth2.key_file: cannot read {}: {}",
                        key_file.display(),
                        e.kind()
                    ))
                })?;
                Some(
                    ServiceAccount::from_json(&json, config.token_url.as_deref())
                        .map_err(|e| TokenError::Setup(e.to_string()))?,
                )
            }
            _ => None,
        };
        let http = OAuthHttp::new().map_err(|e| TokenError::Setup(format!("HTTP: {e}")))?;
        Ok(TokenSource {
            config: config.clone(),
            http,
            secrets: Secrets { client_secret },
            service_account,
            current: tokio::sync::Mutex::new(None),
        })
    }

    /// The mailbox signed in as.
    pub fn username(&self) -> &str {
        &self.config.username
    }

    /// Check there is something to sign in with: the token file of a
    /// signed-in account.
    ///
    /// # Errors
    /// [`TokenError::Setup`] naming `oauth2.token_file` and what to do.
    pub fn require_tokens(&self) -> Result<(), TokenError> {
        if let Grant::RefreshToken { token_file, .. } = &self.config.grant {
            tokens::read(token_file)
                .map_err(|why| TokenError::Setup(format!("oauth2.token_file: {why}")))?;
        }
        Ok(())
    }

    /// An access token good for a few minutes more at least.
    ///
    /// # Errors
    /// A [`TokenError`] when none can be had.
    pub async fn bearer(&self) -> Result<String, TokenError> {
        let mut current = self.current.lock().await;
        if let Some(tokens) = current.as_ref()
            && !tokens.expires_within(MARGIN)
        {
            return Ok(tokens.access_token.clone());
        }
        self.replace(&mut current).await
    }

    /// A server refused `refused`: a new token, unless another task got
    /// one since.
    ///
    /// # Errors
    /// A [`TokenError`] when none can be had.
    pub async fn renew(&self, refused: &str) -> Result<String, TokenError> {
        let mut current = self.current.lock().await;
        if let Some(tokens) = current.as_ref()
            && tokens.access_token != refused
        {
            return Ok(tokens.access_token.clone());
        }
        info!("a server refused the access token; getting a new one");
        self.replace(&mut current).await
    }

    /// Put a new token from the grant in `current`, and hand it out.
    async fn replace(&self, current: &mut Option<TokenSet>) -> Result<String, TokenError> {
        let fresh = self.fetch(current.as_ref()).await?;
        let token = fresh.access_token.clone();
        *current = Some(fresh);
        Ok(token)
    }

    /// A new token from the grant.
    async fn fetch(&self, held: Option<&TokenSet>) -> Result<TokenSet, TokenError> {
        let config = &self.config;
        let result = match &config.grant {
            Grant::RefreshToken { token_file, .. } => {
                return self.refresh(token_file, held).await;
            }
            Grant::ClientCredentials => {
                grants::client_credentials(&self.http, config, &self.secrets).await
            }
            Grant::ServiceAccount { .. } => match &self.service_account {
                Some(account) => {
                    account
                        .token(&self.http, &config.username, &config.scopes)
                        .await
                }
                None => Err(GrantError::Setup("oauth2.key_file: not read".to_owned())),
            },
        };
        result.map_err(|e| self.error(e))
    }

    /// Refresh, keeping the (possibly rotated) refresh token on disk
    /// before the new access token is used. The file is read again when
    /// the held refresh token is refused: `postbag auth login` may have
    /// replaced it while the daemon ran.
    async fn refresh(
        &self,
        token_file: &std::path::Path,
        held: Option<&TokenSet>,
    ) -> Result<TokenSet, TokenError> {
        let on_disk = || {
            tokens::read(token_file)
                .map_err(|why| TokenError::Setup(format!("oauth2.token_file: {why}")))
        };
        let start = match held {
            Some(tokens) => tokens.clone(),
            None => on_disk()?,
        };
        let fresh = match grants::refresh(&self.http, &self.config, &self.secrets, &start).await {
            Ok(fresh) => fresh,
            Err(GrantError::Refused(code)) => {
                let again = on_disk()?;
                if again.refresh_token == start.refresh_token {
                    return Err(self.error(GrantError::Refused(code)));
                }
                grants::refresh(&self.http, &self.config, &self.secrets, &again)
                    .await
                    .map_err(|e| self.error(e))?
            }
            Err(e) => return Err(self.error(e)),
        };
        if let Err(e) = tokens::write(token_file, &fresh) {
            // The new tokens work now; after a restart the old refresh
            // token may not.
            error!(
                error = %e,
                "oauth2.token_file cannot be written: after a restart, `postbag auth login` may be needed"
            );
        }
        Ok(fresh)
    }

    fn error(&self, error: GrantError) -> TokenError {
        match error {
            GrantError::Setup(why) => TokenError::Setup(why),
            GrantError::Refused(code) => TokenError::Refused {
                code,
                hint: refused_hint(&self.config.grant),
            },
            GrantError::Unreachable(why) => TokenError::Unreachable(why),
        }
    }
}

/// SASL XOAUTH2's initial response (Google's and Microsoft's format).
pub fn xoauth2(username: &str, token: &str) -> String {
    format!("user={username}\x01auth=Bearer {token}\x01\x01")
}
