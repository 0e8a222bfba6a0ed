//! The SMTP relay, with a pool of connections, signing in with a
//! password or an OAuth2 token (SASL XOAUTH2).
//!
//! lettre fixes the credentials when the transport is built, so the
//! transport is built again whenever they change: a token renewed before
//! it ends, or a sign-in the relay refused (the password file is then
//! read afresh, or a new token got), after which the send is tried once
//! more. An operator who puts a revoked password right need restart
//! nothing.

use std::future::Future;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::{AsyncSmtpTransport, PoolConfig};
use lettre::{Address, AsyncTransport, Tokio1Executor};

use super::{Outbox, RelaySetupError, SendError, classify};
use crate::config::{Security, SmtpConfig};
use crate::failure::Classify;
use crate::oauth::TokenSource;
use crate::reply::Reply;

type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// The transport in use: how many times it was built, and the token it
/// signs in with (OAuth2).
struct Current {
    generation: u64,
    token: Option<String>,
    transport: Transport,
}

/// The relay replies go through.
pub struct SmtpOutbox {
    config: SmtpConfig,
    hello_name: String,
    tokens: Option<Arc<TokenSource>>,
    current: RwLock<Current>,
    envelope_from: Option<Address>,
}

impl SmtpOutbox {
    /// Set up the transport; nothing is connected until the first send.
    /// With `tokens`, the relay signs in with them where `[smtp]` names
    /// no password file.
    ///
    /// # Errors
    /// A [`RelaySetupError`] naming the setting at fault.
    pub fn new(
        config: &SmtpConfig,
        hello_name: &str,
        tokens: Option<Arc<TokenSource>>,
    ) -> Result<SmtpOutbox, RelaySetupError> {
        let oauth2 = config
            .server
            .login
            .as_ref()
            .is_some_and(|l| l.password_file.is_none());
        let tokens = tokens.filter(|_| oauth2);
        // With OAuth2, the first send builds it again with a token.
        let credentials = if tokens.is_some() {
            SignIn::None
        } else {
            SignIn::Password
        };
        let transport = build_transport(config, hello_name, credentials)?;
        let envelope_from = config
            .envelope_from
            .as_deref()
            .and_then(|a| a.parse::<Address>().ok());
        Ok(SmtpOutbox {
            config: config.clone(),
            hello_name: hello_name.to_owned(),
            tokens,
            current: RwLock::new(Current {
                generation: 0,
                token: None,
                transport,
            }),
            envelope_from,
        })
    }

    /// Connect, greet and sign in, for `postbag check`.
    ///
    /// # Errors
    /// The failure, classified.
    pub async fn test_connection(&self) -> Result<(), SendError> {
        let (_, _, transport) = self.transport().await?;
        match transport.test_connection().await {
            Ok(true) => Ok(()),
            Ok(false) => Err(SendError::Transient("relay_noop_unanswered")),
            Err(e) => Err(classify(&e)),
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Current> {
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The transport to send with (its generation and token too), built
    /// again first if the token it signs in with is no longer current.
    async fn transport(&self) -> Result<InUse, SendError> {
        let Some(tokens) = &self.tokens else {
            let current = self.read();
            return Ok((current.generation, None, current.transport.clone()));
        };
        let token = tokens.bearer().await.map_err(token_error)?;
        {
            let current = self.read();
            if current.token.as_deref() == Some(token.as_str()) {
                return Ok((
                    current.generation,
                    current.token.clone(),
                    current.transport.clone(),
                ));
            }
        }
        self.rebuild(None, Some(token))
    }

    /// Build the transport again with fresh credentials after the relay
    /// refused those of `refused`, unless another task did already.
    async fn renew(&self, refused: InUse) -> Result<InUse, SendError> {
        let (generation, token, _) = refused;
        let token = match (&self.tokens, token) {
            (Some(tokens), Some(token)) => Some(tokens.renew(&token).await.map_err(token_error)?),
            _ => None,
        };
        self.rebuild(Some(generation), token)
    }

    /// Build the transport with `token` (or the password file), unless
    /// it was built since generation `seen` (or already has `token`).
    fn rebuild(&self, seen: Option<u64>, token: Option<String>) -> Result<InUse, SendError> {
        let mut current = self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let stale = seen.is_none_or(|s| s == current.generation)
            && (seen.is_some() || current.token != token);
        if stale {
            let credentials = match (&self.tokens, &token) {
                (Some(tokens), Some(token)) => SignIn::OAuth2(tokens.username(), token),
                _ => SignIn::Password,
            };
            match build_transport(&self.config, &self.hello_name, credentials) {
                Ok(transport) => {
                    *current = Current {
                        generation: current.generation + 1,
                        token,
                        transport,
                    };
                }
                Err(e) => {
                    // The error names the setting and the file only.
                    tracing::error!(error = %e, "cannot sign in to the relay again");
                    return Err(SendError::SignIn { code: 0 });
                }
            }
        }
        Ok((
            current.generation,
            current.token.clone(),
            current.transport.clone(),
        ))
    }
}

/// A transport as handed out: its generation, its token, itself.
type InUse = (u64, Option<String>, Transport);

/// A token that could not be had: passing if the endpoint did not answer,
/// else the operator's to fix.
fn token_error(error: crate::oauth::TokenError) -> SendError {
    if error.is_temporary() {
        SendError::Transient("token_endpoint_unreachable")
    } else {
        tracing::error!(error = %error, "no OAuth2 token for the relay");
        SendError::NoToken
    }
}

/// The credentials a transport is built with.
enum SignIn<'a> {
    /// None yet (OAuth2 before its first token).
    None,
    /// The password file's, read now.
    Password,
    /// XOAUTH2: the user and the access token.
    OAuth2(&'a str, &'a str),
}

/// The transport the settings describe.
fn build_transport(
    config: &SmtpConfig,
    hello_name: &str,
    sign_in: SignIn<'_>,
) -> Result<Transport, RelaySetupError> {
    let server = &config.server;
    let mut builder = Transport::builder_dangerous(&server.host)
        .port(server.port)
        .timeout(Some(config.timeout))
        .hello_name(ClientId::Domain(hello_name.to_owned()))
        .pool_config(
            PoolConfig::new()
                .max_size(config.pool_size)
                .idle_timeout(Duration::from_secs(60)),
        );
    if server.security != Security::None {
        let mut tls = TlsParameters::builder(server.host.clone());
        if let Some(path) = &server.ca_file {
            let ca_error = |reason: String| RelaySetupError::CaFile {
                path: path.display().to_string(),
                reason,
            };
            let pem = std::fs::read(path).map_err(|e| ca_error(e.kind().to_string()))?;
            let certificate = Certificate::from_pem(&pem).map_err(|e| ca_error(e.to_string()))?;
            tls = tls.add_root_certificate(certificate);
        }
        let tls = tls
            .build_rustls()
            .map_err(|e| RelaySetupError::Tls(e.to_string()))?;
        builder = builder.tls(match server.security {
            Security::Tls => Tls::Wrapper(tls),
            _ => Tls::Required(tls),
        });
    }
    match (sign_in, &server.login) {
        (SignIn::Password, Some(login)) if login.password_file.is_some() => {
            let password = login.password()?;
            builder = builder.credentials(Credentials::new(
                login.username.clone(),
                String::from_utf8_lossy(password.expose()).into_owned(),
            ));
        }
        (SignIn::OAuth2(username, token), _) => {
            builder = builder
                .credentials(Credentials::new(username.to_owned(), token.to_owned()))
                .authentication(vec![Mechanism::Xoauth2]);
        }
        _ => {}
    }
    Ok(builder.build())
}

impl Outbox for SmtpOutbox {
    fn send(&self, reply: &Reply) -> impl Future<Output = Result<(), SendError>> + Send {
        // The reply goes to its one recipient, the sender; the envelope
        // sender is ours to choose (null by default, RFC 3834 §4). A reply
        // of several emails (one per letter) goes in order and stops at
        // the first failure: the message is then answered again whole.
        let to = reply.message.envelope().to().to_vec();
        let emails: Vec<Vec<u8>> = reply.messages().map(lettre::Message::formatted).collect();
        let from = self.envelope_from.clone();
        async move {
            let envelope = Envelope::new(from, to).map_err(|_| SendError::Permanent { code: 0 })?;
            let mut in_use = self.transport().await?;
            let mut renewed = false;
            let mut next = 0;
            while let Some(bytes) = emails.get(next) {
                match in_use
                    .2
                    .send_raw(&envelope, bytes)
                    .await
                    .map_err(|e| classify(&e))
                {
                    Ok(_) => next += 1,
                    // Signed in with credentials since replaced (a
                    // password put right, a token revoked early): once
                    // more with the current ones.
                    Err(SendError::SignIn { .. }) if !renewed => {
                        renewed = true;
                        in_use = self.renew(in_use).await?;
                    }
                    Err(e) => return Err(e),
                }
            }
            Ok(())
        }
    }
}
