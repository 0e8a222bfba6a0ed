//! Sending replies over SMTP, behind the small [`Outbox`] trait.
//!
//! The relay's answer decides what happens to the original: accepted
//! (2xx), it may be removed; a passing failure (4xx, a dropped connection,
//! a timeout) leaves it to be tried again; a permanent refusal (5xx) sets
//! it aside for a person. lettre's own errors can quote the server's
//! answer, which often names the recipient, so [`SendError`] keeps only
//! the class and the reply code.

use std::future::Future;
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

/// Why a reply was not accepted. Carries no address and no server text.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum SendError {
    /// Try again later: a 4xx answer, a network failure or a timeout.
    #[error("the relay failed for now ({0})")]
    Transient(&'static str),
    /// The relay refused the reply for good (5xx).
    #[error("the relay refused the reply ({code})")]
    Permanent { code: u16 },
}

impl SendError {
    pub fn is_transient(self) -> bool {
        matches!(self, SendError::Transient(_))
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
#[derive(Clone)]
pub struct SmtpOutbox {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    envelope_from: Option<Address>,
}

impl SmtpOutbox {
    /// Set up the transport; nothing is connected until the first send.
    ///
    /// # Errors
    /// A [`RelaySetupError`] naming the setting at fault.
    pub fn new(config: &SmtpConfig, hello_name: &str) -> Result<SmtpOutbox, RelaySetupError> {
        let server = &config.server;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&server.host)
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
                let certificate =
                    Certificate::from_pem(&pem).map_err(|e| ca_error(e.to_string()))?;
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
        let envelope_from = config
            .envelope_from
            .as_deref()
            .and_then(|a| a.parse::<Address>().ok());
        Ok(SmtpOutbox {
            transport: builder.build(),
            envelope_from,
        })
    }

    /// Connect, greet and log in, for `postbag check`.
    ///
    /// # Errors
    /// The failure, classified.
    pub async fn test_connection(&self) -> Result<(), SendError> {
        match self.transport.test_connection().await {
            Ok(true) => Ok(()),
            Ok(false) => Err(SendError::Transient("no answer to NOOP")),
            Err(e) => Err(classify(&e)),
        }
    }
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
            for bytes in &emails {
                self.transport
                    .send_raw(&envelope, bytes)
                    .await
                    .map_err(|e| classify(&e))?;
            }
            Ok(())
        }
    }
}

/// Sort a lettre error into passing and permanent, keeping only the code.
fn classify(error: &lettre::transport::smtp::Error) -> SendError {
    let code = error.status().map(u16::from);
    if error.is_permanent() {
        SendError::Permanent {
            code: code.unwrap_or(500),
        }
    } else if error.is_transient() {
        SendError::Transient("4xx answer")
    } else if error.is_timeout() {
        SendError::Transient("timeout")
    } else if error.is_tls() {
        SendError::Transient("TLS failure")
    } else {
        SendError::Transient("connection failure")
    }
}
