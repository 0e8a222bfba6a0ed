//! The OAuth2 grants postbag uses, through the `oauth2` crate: refresh
//! (with rotation), client credentials, the device code (RFC 8628) and a
//! browser sign-in redirected to a loopback port, with PKCE (RFC 7636).
//! Every endpoint comes from [`OAuth2Config`], so tests point them at a
//! local server.

use std::time::Duration;

use oauth2::basic::BasicClient;
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    DeviceAuthorizationUrl, EndpointNotSet, EndpointSet, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, RefreshToken, RequestTokenError, Scope, StandardDeviceAuthorizationResponse,
    TokenUrl,
};

use super::http::{HttpError, OAuthHttp};
use super::tokens::TokenSet;
use super::{GrantError, Secrets, error_code};
use crate::config::OAuth2Config;

type Client =
    BasicClient<EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

/// The client, with its token endpoint and (if it has one) its secret,
/// sent in the request body as Microsoft and Google both accept.
fn client(config: &OAuth2Config, secrets: &Secrets) -> Result<Client, GrantError> {
    let url = config
        .token_url
        .clone()
        .ok_or_else(|| GrantError::Setup("oauth2.token_url: needed".to_owned()))?;
    let token_url = TokenUrl::new(url)
        .map_err(|_| GrantError::Setup("oauth2.token_url: not an address".to_owned()))?;
    let mut client = BasicClient::new(ClientId::new(config.client_id.clone()))
        .set_token_uri(token_url)
        .set_auth_type(AuthType::RequestBody);
    if let Some(secret) = &secrets.client_secret {
        client = client.set_client_secret(ClientSecret::new(secret.clone()));
    }
    Ok(client)
}

fn scopes(config: &OAuth2Config) -> impl Iterator<Item = Scope> + '_ {
    config.scopes.iter().map(|s| Scope::new(s.clone()))
}

impl<T: oauth2::ErrorResponse + 'static> From<RequestTokenError<HttpError, T>> for GrantError {
    fn from(error: RequestTokenError<HttpError, T>) -> GrantError {
        match error {
            RequestTokenError::ServerResponse(response) => {
                // Only the error code: descriptions can carry anything.
                let value = serde_json::to_value(&response).unwrap_or_default();
                let code = value.get("error").and_then(|c| c.as_str());
                GrantError::Refused(error_code(code.unwrap_or("unknown")))
            }
            RequestTokenError::Request(e) => GrantError::Unreachable(e.to_string()),
            RequestTokenError::Parse(_, _) | RequestTokenError::Other(_) => {
                GrantError::Unreachable("an answer that is not a token".to_owned())
            }
        }
    }
}

/// New tokens for the refresh token in `current`.
pub(super) async fn refresh(
    http: &OAuthHttp,
    config: &OAuth2Config,
    secrets: &Secrets,
    current: &TokenSet,
) -> Result<TokenSet, GrantError> {
    let used = current
        .refresh_token
        .as_deref()
        .ok_or(GrantError::Refused("no_refresh_token".to_owned()))?;
    let response = client(config, secrets)?
        .exchange_refresh_token(&RefreshToken::new(used.to_owned()))
        .add_scopes(scopes(config))
        .request_async(http)
        .await?;
    Ok(TokenSet::from_response(&response, Some(used)))
}

/// An app-only token (Microsoft 365's client credentials).
pub(super) async fn client_credentials(
    http: &OAuthHttp,
    config: &OAuth2Config,
    secrets: &Secrets,
) -> Result<TokenSet, GrantError> {
    if secrets.client_secret.is_none() {
        return Err(GrantError::Setup(format!(
            "oauth2.client_secret_file: needed for app-only access (or set {})",
            crate::config::CLIENT_SECRET_ENV
        )));
    }
    let response = client(config, secrets)?
        .exchange_client_credentials()
        .add_scopes(scopes(config))
        .request_async(http)
        .await?;
    Ok(TokenSet::from_response(&response, None))
}

/// Ask for a device code: the person then types `user_code` at
/// `verification_uri`.
pub(super) async fn device_start(
    http: &OAuthHttp,
    config: &OAuth2Config,
    secrets: &Secrets,
) -> Result<StandardDeviceAuthorizationResponse, GrantError> {
    let url = config.device_url.clone().ok_or_else(|| {
        GrantError::Setup(
            "oauth2.device_url: needed for the device sign-in (or set oauth2.login_flow = \"browser\")"
                .to_owned(),
        )
    })?;
    let url = DeviceAuthorizationUrl::new(url)
        .map_err(|_| GrantError::Setup("oauth2.device_url: not an address".to_owned()))?;
    Ok(client(config, secrets)?
        .set_device_authorization_url(url)
        .exchange_device_code()
        .add_scopes(scopes(config))
        .request_async(http)
        .await?)
}

/// Wait for the person to finish the device sign-in (the crate polls at
/// the interval asked, slowing down when told, until the code expires).
pub(super) async fn device_finish(
    http: &OAuthHttp,
    config: &OAuth2Config,
    secrets: &Secrets,
    details: &StandardDeviceAuthorizationResponse,
) -> Result<TokenSet, GrantError> {
    let response = client(config, secrets)?
        .exchange_device_access_token(details)
        .request_async(http, tokio::time::sleep, None)
        .await?;
    Ok(TokenSet::from_response(&response, None))
}

/// A browser sign-in under way: the address to open and what checks the
/// answer.
pub(super) struct BrowserSignIn {
    pub(super) url: url::Url,
    state: CsrfToken,
    verifier: PkceCodeVerifier,
    redirect: String,
}

/// The address a browser opens to sign in, coming back to `redirect`.
pub(super) fn browser_start(
    config: &OAuth2Config,
    secrets: &Secrets,
    redirect: &str,
) -> Result<BrowserSignIn, GrantError> {
    let auth_url = config.auth_url.clone().ok_or_else(|| {
        GrantError::Setup("oauth2.auth_url: needed for a browser sign-in".to_owned())
    })?;
    let auth_url = AuthUrl::new(auth_url)
        .map_err(|_| GrantError::Setup("oauth2.auth_url: not an address".to_owned()))?;
    let redirect_url = RedirectUrl::new(redirect.to_owned())
        .map_err(|_| GrantError::Setup("the loopback address".to_owned()))?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state) = client(config, secrets)?
        .set_auth_uri(auth_url)
        .set_redirect_uri(redirect_url)
        .authorize_url(CsrfToken::new_random)
        .add_scopes(scopes(config))
        .set_pkce_challenge(challenge)
        // Google gives a refresh token only when asked for offline use.
        .add_extra_param("access_type", "offline")
        .add_extra_param("prompt", "consent")
        .url();
    Ok(BrowserSignIn {
        url,
        state,
        verifier,
        redirect: redirect.to_owned(),
    })
}

/// Take the browser's redirect on `listener`, check it is ours, and
/// trade its code for tokens.
pub(super) async fn browser_finish(
    http: &OAuthHttp,
    config: &OAuth2Config,
    secrets: &Secrets,
    sign_in: BrowserSignIn,
    listener: tokio::net::TcpListener,
    limit: Duration,
) -> Result<TokenSet, GrantError> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let io = |e: std::io::Error| GrantError::Unreachable(format!("the loopback port: {e}"));
    let (mut socket, _) = tokio::time::timeout(limit, listener.accept())
        .await
        .map_err(|_| GrantError::Refused("no_sign_in_in_time".to_owned()))?
        .map_err(io)?;
    // Read the whole request head: it may come in several pieces.
    let mut buffer = Vec::with_capacity(1024);
    let mut piece = [0u8; 1024];
    while !buffer.windows(4).any(|w| w == b"\r\n\r\n") && buffer.len() < 8192 {
        let n = tokio::time::timeout(Duration::from_secs(10), socket.read(&mut piece))
            .await
            .map_err(|_| GrantError::Refused("bad_redirect".to_owned()))?
            .map_err(io)?;
        if n == 0 {
            break;
        }
        buffer.extend_from_slice(&piece[..n]);
    }
    let head = String::from_utf8_lossy(&buffer);
    let target = head.split_whitespace().nth(1).unwrap_or("/");
    let url = url::Url::parse(&format!("http://127.0.0.1{target}"))
        .map_err(|_| GrantError::Refused("bad_redirect".to_owned()))?;
    let get = |key: &str| {
        url.query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    };
    let body = "postbag: signed in. You can close this tab.";
    let answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = socket.write_all(answer.as_bytes()).await;
    if get("state").as_deref() != Some(sign_in.state.secret().as_str()) {
        return Err(GrantError::Refused("state_mismatch".to_owned()));
    }
    if let Some(error) = get("error") {
        return Err(GrantError::Refused(error_code(&error)));
    }
    let code = get("code").ok_or_else(|| GrantError::Refused("no_code".to_owned()))?;
    let redirect = RedirectUrl::new(sign_in.redirect)
        .map_err(|_| GrantError::Setup("the loopback address".to_owned()))?;
    let response = client(config, secrets)?
        .set_redirect_uri(redirect)
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(sign_in.verifier)
        .request_async(http)
        .await?;
    Ok(TokenSet::from_response(&response, None))
}
