//! Opening the mailbox: TCP with keepalive, TLS (implicit or STARTTLS)
//! with the system's roots and `imap.ca_file`'s, the login, and SELECT.
//!
//! [`ImapConnector::new`] reads what the settings name (the CA file, the
//! password) once, at start-up, so a wrong file stops postbag in seconds
//! with a [`MailboxSetupError`]; [`ImapConnector::connect`] then fails
//! only the ways a connection can ([`MailboxError`]).

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use async_imap::Client;
use async_imap::imap_proto::{Response, Status};
use async_imap::types::Flag;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use super::imap::{ImapMailbox, ImapSession, Io};
use super::{Abilities, Claim, MailboxError, MailboxSetupError};
use crate::config::Secret;
use crate::config::{ClaimSetting, ImapConfig, Security, wrong_security_hint};
use crate::oauth::{TokenSource, xoauth2};
use crate::probe::CONNECT_TIMEOUT;

/// How long any one IMAP command may take before the connection is
/// given up as dead.
pub(super) const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// TCP keepalive on the IMAP connection: probes after a minute of quiet
/// keep NAT and firewall mappings alive through a long IDLE, and a peer
/// that is gone without a word is noticed within about two minutes.
fn keepalive() -> socket2::TcpKeepalive {
    socket2::TcpKeepalive::new()
        .with_time(Duration::from_secs(60))
        .with_interval(Duration::from_secs(15))
        .with_retries(4)
}

/// Run an IMAP command with the command timeout, mapping its error.
pub(super) async fn timed<T>(
    command: &'static str,
    future: impl Future<Output = Result<T, async_imap::error::Error>>,
) -> Result<T, MailboxError> {
    match tokio::time::timeout(COMMAND_TIMEOUT, future).await {
        Ok(result) => result.map_err(|e| MailboxError::from_imap(command, e)),
        Err(_) => Err(MailboxError::Timeout(command)),
    }
}

/// Run `command` raw, for the answers async-imap does not read for us,
/// and hand every response up to its own tagged one (that one too) to
/// `each`; an error unless that answer is OK.
pub(super) async fn run_raw(
    session: &mut ImapSession,
    command: &str,
    what: &'static str,
    mut each: impl FnMut(&Response<'_>),
) -> Result<(), MailboxError> {
    let id = timed(what, session.run_command(command)).await?;
    loop {
        let response = tokio::time::timeout(COMMAND_TIMEOUT, session.read_response())
            .await
            .map_err(|_| MailboxError::Timeout(what))?
            .map_err(|_| MailboxError::Lost(what))?
            .ok_or(MailboxError::Lost(what))?;
        let parsed = response.parsed();
        each(parsed);
        if let Response::Done { tag, status, .. } = parsed
            && *tag == id
        {
            return match status {
                Status::Ok => Ok(()),
                status => Err(MailboxError::Refused {
                    command: what,
                    answer: if *status == Status::No { "NO" } else { "BAD" },
                }),
            };
        }
    }
}

/// The TLS client settings: the system's roots plus `ca_file`'s.
fn tls_connector(config: &ImapConfig) -> Result<tokio_rustls::TlsConnector, MailboxSetupError> {
    let mut extra = Vec::new();
    if let Some(path) = &config.server.ca_file {
        for cert in CertificateDer::pem_file_iter(path).map_err(|e| {
            MailboxSetupError::CaFile(format!("cannot read {}: {e}", path.display()))
        })? {
            extra.push(cert.map_err(|e| {
                MailboxSetupError::CaFile(format!(
                    "{} is not PEM certificates: {e}",
                    path.display()
                ))
            })?);
        }
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let verifier =
        rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider.clone())
            .map_err(|e| MailboxSetupError::Tls(e.to_string()))?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| MailboxSetupError::Tls(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

async fn tls_wrap(
    connector: &tokio_rustls::TlsConnector,
    server: &crate::config::Server,
    tcp: TcpStream,
) -> Result<Box<dyn Io>, MailboxError> {
    let name = ServerName::try_from(server.host.clone())
        .map_err(|_| MailboxError::Tls("imap.host is not a valid server name".to_owned()))?;
    let stream = tokio::time::timeout(CONNECT_TIMEOUT, connector.connect(name, tcp))
        .await
        .map_err(|_| MailboxError::Timeout("the TLS handshake"))?
        .map_err(|e| {
            let reason = tls_reason(&e);
            // A server greeting in clear text, read as a TLS record.
            if server.security == Security::Tls && reason.contains("InvalidContentType") {
                MailboxError::WrongSecurity(wrong_security_hint(
                    "imap",
                    server.port,
                    server.security,
                ))
            } else {
                MailboxError::Tls(reason)
            }
        })?;
    Ok(Box::new(stream))
}

/// The handshake's failure, which for rustls is a certificate problem or
/// a protocol one; the text is rustls's own and names no person.
fn tls_reason(error: &std::io::Error) -> String {
    error
        .get_ref()
        .map_or_else(|| error.kind().to_string(), ToString::to_string)
}

/// What connecting needs, read from the settings once: the server, the
/// TLS settings (with `imap.ca_file`'s roots) and the password or the
/// OAuth2 tokens.
pub struct ImapConnector {
    config: Arc<ImapConfig>,
    /// `None` for `security = "none"`.
    tls: Option<tokio_rustls::TlsConnector>,
    sign_in: SignIn,
}

/// How the connector signs in.
enum SignIn {
    Password(Secret),
    /// SASL XOAUTH2 with the source's access token.
    OAuth2(Arc<TokenSource>),
}

impl fmt::Debug for ImapConnector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapConnector")
            .field("host", &self.config.server.host)
            .finish_non_exhaustive()
    }
}

impl ImapConnector {
    /// Read the CA file and the password the settings name.
    ///
    /// # Errors
    /// A [`MailboxSetupError`] naming the setting at fault.
    pub fn new(
        config: Arc<ImapConfig>,
        tokens: Option<Arc<TokenSource>>,
    ) -> Result<ImapConnector, MailboxSetupError> {
        let login = config
            .server
            .login
            .as_ref()
            .ok_or(MailboxSetupError::NoLogin)?;
        let sign_in = match (&login.password_file, tokens) {
            (None, Some(tokens)) => SignIn::OAuth2(tokens),
            _ => SignIn::Password(
                login
                    .password()
                    .map_err(|e| MailboxSetupError::Password(e.to_string()))?,
            ),
        };
        let tls = match config.server.security {
            Security::None => None,
            Security::Tls | Security::StartTls => Some(tls_connector(&config)?),
        };
        Ok(ImapConnector {
            config,
            tls,
            sign_in,
        })
    }

    /// Where messages claimed by moving wait.
    pub fn processing_folder(&self) -> &str {
        &self.config.processing_folder
    }

    /// Connect, log in and select the campaign mailbox.
    ///
    /// # Errors
    /// A [`MailboxError`] saying which step failed.
    pub async fn connect(&self) -> Result<ImapMailbox, MailboxError> {
        let config = Arc::clone(&self.config);
        let server = &config.server;
        let tcp = tokio::time::timeout(
            CONNECT_TIMEOUT,
            TcpStream::connect((server.host.as_str(), server.port)),
        )
        .await
        .map_err(|_| MailboxError::Timeout("connecting"))?
        .map_err(|e| MailboxError::Connect(e.to_string()))?;
        let _ = tcp.set_nodelay(true);
        let _ = socket2::SockRef::from(&tcp).set_tcp_keepalive(&keepalive());
        let client: Client<Box<dyn Io>> = match (server.security, &self.tls) {
            (Security::Tls, Some(tls)) => {
                let stream = tls_wrap(tls, server, tcp).await?;
                greeted(Client::new(stream), server).await?
            }
            (Security::StartTls, Some(tls)) => {
                let mut plain = greeted(Client::new(tcp), server).await?;
                timed("STARTTLS", plain.run_command_and_check_ok("STARTTLS", None)).await?;
                let stream = tls_wrap(tls, server, plain.into_inner()).await?;
                Client::new(stream)
            }
            _ => greeted(Client::new(Box::new(tcp) as Box<dyn Io>), server).await?,
        };
        let login = server.login.as_ref().ok_or(MailboxError::Login)?;
        let mut session = match &self.sign_in {
            SignIn::Password(password) => {
                let password = String::from_utf8_lossy(password.expose()).into_owned();
                let user = &login.username;
                match tokio::time::timeout(COMMAND_TIMEOUT, client.login(user, password)).await {
                    Ok(Ok(session)) => session,
                    Ok(Err((async_imap::error::Error::No(_), _))) => {
                        return Err(MailboxError::Login);
                    }
                    Ok(Err((e, _))) => return Err(MailboxError::from_imap("LOGIN", e)),
                    Err(_) => return Err(MailboxError::Timeout("LOGIN")),
                }
            }
            SignIn::OAuth2(tokens) => oauth2_sign_in(client, tokens).await?,
        };
        let capabilities = timed("CAPABILITY", session.capabilities()).await?;
        let mut abilities = Abilities {
            idle: capabilities.has_str("IDLE"),
            move_command: capabilities.has_str("MOVE"),
            uidplus: capabilities.has_str("UIDPLUS"),
            condstore: capabilities.has_str("CONDSTORE"),
            keywords: false,
            claim: Claim::None,
        };
        if !abilities.uidplus {
            // Without UID EXPUNGE the only way to remove one message is a
            // plain EXPUNGE, which removes every message marked deleted.
            return Err(MailboxError::Unsupported("UIDPLUS (UID EXPUNGE)"));
        }
        let selected = timed("SELECT", session.select(&config.mailbox)).await?;
        abilities.keywords = selected.permanent_flags.contains(&Flag::MayCreate);
        abilities.claim = match (config.claim, abilities.keywords, abilities.move_command) {
            (Some(ClaimSetting::Move), _, true) | (None, false, true) => Claim::Move,
            (Some(ClaimSetting::Move), _, false) => {
                return Err(MailboxError::Unsupported(
                    "MOVE (for imap.claim = \"move\")",
                ));
            }
            (Some(ClaimSetting::Keyword) | None, true, _) => Claim::Keyword,
            _ => Claim::None,
        };
        Ok(ImapMailbox {
            session: Some(session),
            config,
            abilities,
            uid_validity: selected.uid_validity,
            read_at: std::collections::HashMap::new(),
            instance_keyword: None,
        })
    }
}

/// Sign in with SASL XOAUTH2. A refused token is replaced once (it may
/// have been revoked before its time) and tried again on the same
/// connection; a second refusal is the operator's to fix.
async fn oauth2_sign_in(
    client: Client<Box<dyn Io>>,
    tokens: &TokenSource,
) -> Result<async_imap::Session<Box<dyn Io>>, MailboxError> {
    let token = tokens.bearer().await.map_err(MailboxError::token)?;
    let client = match authenticate(client, tokens.username(), &token).await? {
        Ok(session) => return Ok(session),
        Err(client) => client,
    };
    let token = tokens.renew(&token).await.map_err(MailboxError::token)?;
    match authenticate(client, tokens.username(), &token).await? {
        Ok(session) => Ok(session),
        Err(_) => Err(MailboxError::TokenRefused),
    }
}

/// One AUTHENTICATE XOAUTH2: the session, or the client back when the
/// server said NO.
async fn authenticate(
    client: Client<Box<dyn Io>>,
    username: &str,
    token: &str,
) -> Result<Result<async_imap::Session<Box<dyn Io>>, Client<Box<dyn Io>>>, MailboxError> {
    let sasl = XOAuth2 {
        initial: Some(xoauth2(username, token)),
    };
    match tokio::time::timeout(COMMAND_TIMEOUT, client.authenticate("XOAUTH2", sasl)).await {
        Ok(Ok(session)) => Ok(Ok(session)),
        Ok(Err((async_imap::error::Error::No(_), client))) => Ok(Err(client)),
        Ok(Err((e, _))) => Err(MailboxError::from_imap("AUTHENTICATE", e)),
        Err(_) => Err(MailboxError::Timeout("AUTHENTICATE")),
    }
}

/// XOAUTH2's one message; a second challenge is the server's JSON
/// refusal, answered with an empty line so it ends with NO (answering the
/// token again would be a protocol error).
struct XOAuth2 {
    initial: Option<String>,
}

impl async_imap::Authenticator for XOAuth2 {
    type Response = Vec<u8>;

    fn process(&mut self, _challenge: &[u8]) -> Vec<u8> {
        self.initial
            .take()
            .map(String::into_bytes)
            .unwrap_or_default()
    }
}

/// Read the server's greeting. Silence on a connection meant to be plain
/// at first is a port that speaks TLS from the first byte.
async fn greeted<T: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug>(
    mut client: Client<T>,
    server: &crate::config::Server,
) -> Result<Client<T>, MailboxError> {
    match tokio::time::timeout(CONNECT_TIMEOUT, client.read_response()).await {
        Ok(Ok(Some(_))) => Ok(client),
        Ok(Ok(None) | Err(_)) => Err(MailboxError::Lost("the greeting")),
        Err(_) if server.security != Security::Tls => Err(MailboxError::WrongSecurity(
            wrong_security_hint("imap", server.port, server.security),
        )),
        Err(_) => Err(MailboxError::Timeout("the greeting")),
    }
}
