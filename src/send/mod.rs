//! Sending replies over SMTP, behind the small [`Outbox`] trait.
//!
//! The relay's answer decides what happens to the original: accepted
//! (2xx), it may be removed; a passing failure (4xx, a dropped connection,
//! a timeout) leaves it to be tried again; a permanent refusal (5xx) of
//! this message sets it aside for a person. A refusal that is not about
//! the message ([`refusal`]: postbag's sign-in, a provider's quota) leaves
//! it waiting and stops sending for everyone. lettre's own errors can
//! quote the server's answer, which often names the recipient, so
//! [`SendError`] keeps only the class and the reply code.

pub mod budget;
pub mod refusal;

use std::future::Future;
use std::sync::RwLock;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::{AsyncSmtpTransport, PoolConfig};
use lettre::{Address, AsyncTransport, Tokio1Executor};
use thiserror::Error;

use crate::config::{Security, SmtpConfig};
use crate::failure::{Classify, FailureClass};
use crate::reply::Reply;
use refusal::{QuotaKind, Refusal};

/// Why a reply was not accepted. Carries no address and no server text.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum SendError {
    /// Try again later: a 4xx answer, a network failure or a timeout.
    #[error("the relay failed for now ({0})")]
    Transient(&'static str),
    /// The relay refused this reply for good (5xx).
    #[error("the relay refused the reply ({code})")]
    Permanent { code: u16 },
    /// The relay refused postbag itself: its sign-in (`code`), or the
    /// connection's TLS (`code` 0). Nothing can be sent until the
    /// operator acts.
    #[error("the relay refused postbag's sign-in ({code})")]
    SignIn { code: u16 },
    /// The provider has stopped the account sending.
    #[error("the provider has stopped the account sending ({code})")]
    Account { code: u16 },
    /// A limit of the provider's was reached: send nothing for a while.
    #[error("the relay's {} was reached ({code})", limit.as_str())]
    Quota { code: u16, limit: QuotaKind },
}

impl SendError {
    pub fn is_transient(self) -> bool {
        matches!(self, SendError::Transient(_))
    }

    /// What the operator can do about it, when it is theirs to fix.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            SendError::SignIn { code } => Some(refusal::sign_in_hint(code)),
            SendError::Account { .. } => Some(refusal::ACCOUNT_HINT),
            SendError::Quota { .. } => Some(refusal::QUOTA_HINT),
            SendError::Transient(_) | SendError::Permanent { .. } => None,
        }
    }
}

/// Where replies go.
pub trait Outbox {
    /// Hand `reply` to the relay; `Ok` once it accepted it.
    fn send(&self, reply: &Reply) -> impl Future<Output = Result<(), SendError>> + Send;
}

/// A problem with the SMTP settings, found before anything is sent.
#[derive(Debug, Error)]
pub enum RelaySetupError {
    #[error("smtp.ca_file: cannot read {path}: {reason}")]
    CaFile { path: String, reason: String },
    #[error("smtp.host: {0}")]
    Tls(String),
    #[error(transparent)]
    Password(#[from] crate::config::ConfigError),
}

impl Classify for RelaySetupError {
    fn class(&self) -> FailureClass {
        FailureClass::Config
    }
}

/// The SMTP relay, with a pool of connections.
///
/// The transport is built again when the relay refuses postbag's sign-in,
/// with the credentials read afresh: an operator who puts a revoked
/// password right need not restart anything.
pub struct SmtpOutbox {
    config: SmtpConfig,
    hello_name: String,
    /// The transport in use, and how many times it was built.
    transport: RwLock<(u64, Transport)>,
    envelope_from: Option<Address>,
}

type Transport = AsyncSmtpTransport<Tokio1Executor>;

impl SmtpOutbox {
    /// Set up the transport; nothing is connected until the first send.
    ///
    /// # Errors
    /// A [`RelaySetupError`] naming the setting at fault.
    pub fn new(config: &SmtpConfig, hello_name: &str) -> Result<SmtpOutbox, RelaySetupError> {
        let transport = build_transport(config, hello_name)?;
        let envelope_from = config
            .envelope_from
            .as_deref()
            .and_then(|a| a.parse::<Address>().ok());
        Ok(SmtpOutbox {
            config: config.clone(),
            hello_name: hello_name.to_owned(),
            transport: RwLock::new((0, transport)),
            envelope_from,
        })
    }

    /// Connect, greet and log in, for `postbag check`.
    ///
    /// # Errors
    /// The failure, classified.
    pub async fn test_connection(&self) -> Result<(), SendError> {
        let (_, transport) = self.current();
        match transport.test_connection().await {
            Ok(true) => Ok(()),
            Ok(false) => Err(SendError::Transient("no answer to NOOP")),
            Err(e) => Err(classify(&e)),
        }
    }

    fn current(&self) -> (u64, Transport) {
        let guard = self
            .transport
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (guard.0, guard.1.clone())
    }

    /// Build the transport again with fresh credentials, unless another
    /// task already did since `seen` was current.
    fn renew(&self, seen: u64) {
        let mut guard = self
            .transport
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if guard.0 != seen {
            return;
        }
        match build_transport(&self.config, &self.hello_name) {
            Ok(transport) => *guard = (seen + 1, transport),
            // The error names the setting and the file, nothing else.
            Err(e) => tracing::error!(error = %e, "cannot sign in to the relay again"),
        }
    }
}

/// The transport the settings describe, with the credentials read now.
fn build_transport(config: &SmtpConfig, hello_name: &str) -> Result<Transport, RelaySetupError> {
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
    if let Some(login) = &server.login {
        let password = login.password()?;
        builder = builder.credentials(Credentials::new(
            login.username.clone(),
            String::from_utf8_lossy(password.expose()).into_owned(),
        ));
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
            let (mut seen, mut transport) = self.current();
            let mut renewed = false;
            let mut next = 0;
            while let Some(bytes) = emails.get(next) {
                match transport
                    .send_raw(&envelope, bytes)
                    .await
                    .map_err(|e| classify(&e))
                {
                    Ok(_) => next += 1,
                    // Signed in with credentials since replaced (a
                    // password put right, a token refreshed): once more
                    // with the current ones.
                    Err(SendError::SignIn { .. }) if !renewed => {
                        renewed = true;
                        self.renew(seen);
                        (seen, transport) = self.current();
                    }
                    Err(e) => return Err(e),
                }
            }
            Ok(())
        }
    }
}

/// Sort a lettre error by what it is about, keeping only the code. The
/// error's text (the server's reply) is read to tell a provider's quota
/// from a refused recipient, and dropped.
fn classify(error: &lettre::transport::smtp::Error) -> SendError {
    if let Some(code) = error.status().map(u16::from) {
        return match refusal::classify(code, &error.to_string()) {
            Refusal::SignIn => SendError::SignIn { code },
            Refusal::Account => SendError::Account { code },
            Refusal::Quota(limit) => SendError::Quota { code, limit },
            Refusal::Message if error.is_permanent() => SendError::Permanent { code },
            Refusal::Message => SendError::Transient("4xx answer"),
        };
    }
    if error.is_timeout() {
        SendError::Transient("timeout")
    } else if error.is_tls() {
        // A certificate the settings do not trust, or a port that does
        // not speak TLS as smtp.security says: the operator's to fix.
        SendError::SignIn { code: 0 }
    } else if error.is_client() && error.to_string().contains("authentication mechanism") {
        // The relay offers no AUTH we speak (often: not after STARTTLS).
        SendError::SignIn { code: 0 }
    } else {
        SendError::Transient("connection failure")
    }
}
