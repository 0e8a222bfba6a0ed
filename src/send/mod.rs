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
mod smtp;

pub use smtp::SmtpOutbox;

use std::future::Future;

use thiserror::Error;

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
    /// No OAuth2 token could be had: the token endpoint refused postbag.
    #[error("no OAuth2 token for the relay")]
    NoToken,
    /// A limit of the provider's was reached: send nothing for a while.
    #[error("the relay's {} was reached ({code})", limit.as_str())]
    Quota { code: u16, limit: QuotaKind },
}

impl SendError {
    pub fn is_transient(self) -> bool {
        matches!(self, SendError::Transient(_))
    }

    /// The failure's class, for the metrics.
    pub fn class(self) -> &'static str {
        match self {
            SendError::Transient(_) => "transient",
            SendError::Permanent { .. } => "permanent",
            SendError::SignIn { .. } => "sign_in",
            SendError::Account { .. } => "account",
            SendError::NoToken => "no_token",
            SendError::Quota { .. } => "quota",
        }
    }

    /// Whether the relay answered (about this reply, or a quota), as
    /// against not being reached or refusing postbag itself.
    pub fn relay_answered(self) -> bool {
        match self {
            SendError::Transient(why) => why == RELAY_4XX,
            SendError::Permanent { .. } | SendError::Quota { .. } => true,
            SendError::SignIn { .. } | SendError::Account { .. } | SendError::NoToken => false,
        }
    }
}

/// Why a transient failure happened, as a code for logs and metrics.
pub const RELAY_4XX: &str = "relay_4xx";

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

/// Sort a lettre error by what it is about, keeping only the code. The
/// error's text (the server's reply) is read to tell a provider's quota
/// from a refused recipient, and dropped.
pub(crate) fn classify(error: &lettre::transport::smtp::Error) -> SendError {
    if let Some(code) = error.status().map(u16::from) {
        return match refusal::classify(code, &error.to_string()) {
            Refusal::SignIn => SendError::SignIn { code },
            Refusal::Account => SendError::Account { code },
            Refusal::Quota(limit) => SendError::Quota { code, limit },
            Refusal::Message if error.is_permanent() => SendError::Permanent { code },
            Refusal::Message => SendError::Transient(RELAY_4XX),
        };
    }
    if error.is_timeout() {
        SendError::Transient("relay_timeout")
    } else if error.is_tls() {
        // A certificate the settings do not trust, or a port that does
        // not speak TLS as smtp.security says: the operator's to fix.
        SendError::SignIn { code: 0 }
    } else if error.is_client() && error.to_string().contains("authentication mechanism") {
        // The relay offers no AUTH we speak (often: not after STARTTLS).
        SendError::SignIn { code: 0 }
    } else if error.is_client() && error.to_string().contains("not expect a challenge") {
        // XOAUTH2 refused: the relay's JSON challenge (RFC 7628 §3.2.2),
        // which lettre does not answer, comes before its 535.
        SendError::SignIn { code: 535 }
    } else {
        SendError::Transient("relay_unreachable")
    }
}
