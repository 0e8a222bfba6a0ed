//! `postbag auth login`: a person signs in once, and the tokens are kept
//! in `oauth2.token_file` for the daemon to refresh from then on.

use std::time::Duration;

use super::{GrantError, TokenError, TokenSource, grants, tokens};
use crate::config::{Grant, LoginFlow};

/// How the sign-in is going, for the command line to show.
pub enum Step {
    /// Open `url` and type `code`.
    Device {
        url: String,
        code: String,
        minutes: u64,
    },
    /// Open `url` in a browser on this machine (or one forwarding
    /// `port` to it).
    Browser { url: String, port: u16 },
}

/// Sign in with the configured flow, telling `show` what the person must
/// do, and keep the tokens. `port`: the loopback port for a browser
/// sign-in (0: any free one).
///
/// # Errors
/// A [`TokenError`] naming what went wrong.
pub async fn login(
    source: &TokenSource,
    port: u16,
    mut show: impl FnMut(Step),
) -> Result<std::path::PathBuf, TokenError> {
    let config = &source.config;
    let Grant::RefreshToken { token_file, flow } = &config.grant else {
        return Err(TokenError::Setup(
            "oauth2.grant: only refresh_token needs a sign-in; app-only and service-account access need none"
                .to_owned(),
        ));
    };
    let error = |e: GrantError| source.error(e);
    let fresh = match flow {
        LoginFlow::DeviceCode => {
            let details = grants::device_start(&source.http, config, &source.secrets)
                .await
                .map_err(error)?;
            show(Step::Device {
                url: details.verification_uri().to_string(),
                code: details.user_code().secret().clone(),
                minutes: details.expires_in().as_secs() / 60,
            });
            grants::device_finish(&source.http, config, &source.secrets, &details)
                .await
                .map_err(error)?
        }
        LoginFlow::Browser => {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
                .await
                .map_err(|e| {
                    TokenError::Setup(format!("cannot listen on 127.0.0.1:{port}: {e}"))
                })?;
            let port = listener
                .local_addr()
                .map_err(|e| TokenError::Setup(e.to_string()))?
                .port();
            let redirect = format!("http://127.0.0.1:{port}/");
            let sign_in =
                grants::browser_start(config, &source.secrets, &redirect).map_err(error)?;
            show(Step::Browser {
                url: sign_in.url.to_string(),
                port,
            });
            grants::browser_finish(
                &source.http,
                config,
                &source.secrets,
                sign_in,
                listener,
                Duration::from_secs(600),
            )
            .await
            .map_err(error)?
        }
    };
    if fresh.refresh_token.is_none() {
        return Err(TokenError::Setup(
            "the provider gave no refresh token: for Microsoft, include offline_access in oauth2.scopes; for Google, sign in again (it gives one only on consent)"
                .to_owned(),
        ));
    }
    tokens::write(token_file, &fresh).map_err(|e| {
        TokenError::Setup(format!(
            "oauth2.token_file: cannot write {}: {e}",
            token_file.display()
        ))
    })?;
    *source.current.lock().await = Some(fresh);
    Ok(token_file.clone())
}
