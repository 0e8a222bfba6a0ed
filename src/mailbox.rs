//! The campaign mailbox over IMAP, behind the small [`Mailbox`] trait.
//!
//! The mailbox is the queue: work is whatever is in it, chosen by server
//! state, never by UIDs remembered across connections. A message is
//! claimed with a keyword before its reply is sent and marked with a
//! second keyword once the relay accepted the reply; only then is it
//! removed, with `UID MOVE` to the trash or `\Deleted` + `UID EXPUNGE`
//! (never a plain `EXPUNGE`, which would take other clients' deletions
//! with it). Bodies are fetched with `BODY.PEEK[]`, after their size.
//!
//! Errors keep the command and the kind of failure, never the server's
//! text: an answer can quote a message, and logs must not.

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use crate::failure::{Classify, FailureClass};
use crate::shutdown::Shutdown;
use async_imap::types::{Flag, UnsolicitedResponse};
use async_imap::{Client, Session};
use futures_util::TryStreamExt;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use thiserror::Error;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use crate::config::{ImapConfig, Security};

/// How long any one IMAP command may take before the connection is
/// given up as dead.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// How long the server may take to end an IDLE. Short, because a
/// connection that died silently while idling is first noticed here.
const DONE_TIMEOUT: Duration = Duration::from_secs(30);

/// TCP keepalive on the IMAP connection: probes after a minute of quiet
/// keep NAT and firewall mappings alive through a long IDLE, and a peer
/// that is gone without a word is noticed within about two minutes.
fn keepalive() -> socket2::TcpKeepalive {
    socket2::TcpKeepalive::new()
        .with_time(Duration::from_secs(60))
        .with_interval(Duration::from_secs(15))
        .with_retries(4)
}

/// A message waiting in the mailbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub uid: u32,
    /// `RFC822.SIZE`, checked before the body is fetched.
    pub size: u32,
    /// Claimed by an earlier run that did not finish it: its reply may
    /// have gone.
    pub claimed: bool,
    /// Its reply was accepted by the relay, or its removal had begun:
    /// only the removal is left.
    pub sent: bool,
}

/// Why the mailbox could not do something. No server text, no content.
#[derive(Debug, Error)]
pub enum MailboxError {
    /// The system's words (host lookup, refused, unreachable); they name
    /// hosts, never people.
    #[error("cannot connect to the IMAP server: {0}")]
    Connect(String),
    #[error("TLS with the IMAP server failed: {0}")]
    Tls(String),
    #[error("imap.ca_file: {0}")]
    CaFile(String),
    #[error("the IMAP server refused the login for imap.username")]
    Login,
    /// The password file could not be read (the text names the field).
    #[error("{0}")]
    Password(String),
    #[error("the IMAP server answered {command} with {answer}")]
    Refused {
        command: &'static str,
        answer: &'static str,
    },
    #[error("the IMAP connection was lost during {0}")]
    Lost(&'static str),
    #[error("the IMAP server did not answer {0} in time")]
    Timeout(&'static str),
    #[error("the IMAP server has no folder {0:?}")]
    NoFolder(String),
    #[error("the IMAP server lacks {0}, which postbag needs")]
    Unsupported(&'static str),
}

impl Classify for MailboxError {
    /// A login refused or a file named by a setting is the operator's to
    /// fix; everything else may pass.
    fn class(&self) -> FailureClass {
        match self {
            MailboxError::Password(_) | MailboxError::Login | MailboxError::CaFile(_) => {
                FailureClass::Config
            }
            _ => FailureClass::Temporary,
        }
    }
}

impl MailboxError {
    fn from_imap(command: &'static str, error: async_imap::error::Error) -> MailboxError {
        use async_imap::error::Error;
        match error {
            Error::No(_) => MailboxError::Refused {
                command,
                answer: "NO",
            },
            Error::Bad(_) => MailboxError::Refused {
                command,
                answer: "BAD",
            },
            Error::Parse(_) | Error::Validate(_) | Error::Append => MailboxError::Refused {
                command,
                answer: "something postbag could not read",
            },
            _ => MailboxError::Lost(command),
        }
    }
}

/// Why a wait ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// The server reported a change, or the poll interval passed.
    Changed,
    /// The time asked for passed.
    TimedOut,
    /// Shutdown was asked for.
    Shutdown,
}

/// The operations the daemon needs from the campaign mailbox.
pub trait Mailbox {
    /// Every message not marked deleted, with its size and keywords.
    fn candidates(&mut self) -> impl Future<Output = Result<Vec<Candidate>, MailboxError>>;
    /// Whether the relay's copy of a reply with this Message-ID (angle
    /// brackets included) is in the sent folder; `false` without one.
    fn reply_in_sent(
        &mut self,
        message_id: &str,
    ) -> impl Future<Output = Result<bool, MailboxError>>;
    /// Finish removals that need a second folder (the trash).
    fn purge(&mut self) -> impl Future<Output = Result<(), MailboxError>>;
    /// Log out, if still connected.
    fn close(self) -> impl Future<Output = ()>;

    /// Mark `uids` as taken.
    fn claim_all(&mut self, uids: &[u32]) -> impl Future<Output = Result<(), MailboxError>>;
    /// The raw messages of `uids` that are still there.
    fn fetch_all(
        &mut self,
        uids: &[u32],
    ) -> impl Future<Output = Result<Vec<(u32, Vec<u8>)>, MailboxError>>;
    /// Mark `uids` as answered (the relay accepted their replies) and
    /// remove them.
    fn finish_answered(&mut self, uids: &[u32]) -> impl Future<Output = Result<(), MailboxError>>;
    /// Remove `uids` for good.
    fn remove_all(&mut self, uids: &[u32]) -> impl Future<Output = Result<(), MailboxError>>;
    /// Move `uids` to `folder`.
    fn move_all(
        &mut self,
        uids: &[u32],
        folder: &str,
    ) -> impl Future<Output = Result<(), MailboxError>>;
    /// Take the claim off `uids`, so they are tried again later.
    fn release_all(&mut self, uids: &[u32]) -> impl Future<Output = Result<(), MailboxError>>;
    /// Wait for new mail, at most `limit`, or until a stop is asked for.
    fn wait(
        &mut self,
        limit: Duration,
        shutdown: &mut Shutdown,
    ) -> impl Future<Output = Result<Wake, MailboxError>>;
}

/// What the server offers that postbag uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Abilities {
    pub idle: bool,
    pub move_command: bool,
    pub uidplus: bool,
    /// `PERMANENTFLAGS` has `\*`: keywords can be set and are kept.
    pub keywords: bool,
}

trait Io: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug> Io for T {}

type ImapSession = Session<Box<dyn Io>>;

/// A logged-in IMAP connection with the campaign mailbox selected.
pub struct ImapMailbox {
    /// `None` only while IDLE holds it.
    session: Option<ImapSession>,
    config: Arc<ImapConfig>,
    abilities: Abilities,
    /// `UIDVALIDITY` when the mailbox was selected.
    pub uid_validity: Option<u32>,
}

impl fmt::Debug for ImapMailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapMailbox")
            .field("abilities", &self.abilities)
            .finish_non_exhaustive()
    }
}

/// Run an IMAP command with the command timeout, mapping its error.
async fn timed<T>(
    command: &'static str,
    future: impl Future<Output = Result<T, async_imap::error::Error>>,
) -> Result<T, MailboxError> {
    match tokio::time::timeout(COMMAND_TIMEOUT, future).await {
        Ok(result) => result.map_err(|e| MailboxError::from_imap(command, e)),
        Err(_) => Err(MailboxError::Timeout(command)),
    }
}

/// The TLS client settings: the system's roots plus `ca_file`'s.
fn tls_connector(config: &ImapConfig) -> Result<tokio_rustls::TlsConnector, MailboxError> {
    let mut extra = Vec::new();
    if let Some(path) = &config.server.ca_file {
        for cert in CertificateDer::pem_file_iter(path)
            .map_err(|e| MailboxError::CaFile(format!("cannot read {}: {e}", path.display())))?
        {
            extra.push(cert.map_err(|e| {
                MailboxError::CaFile(format!("{} is not PEM certificates: {e}", path.display()))
            })?);
        }
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let verifier =
        rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider.clone())
            .map_err(|e| MailboxError::Tls(e.to_string()))?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| MailboxError::Tls(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

async fn tls_wrap(
    connector: &tokio_rustls::TlsConnector,
    host: &str,
    tcp: TcpStream,
) -> Result<Box<dyn Io>, MailboxError> {
    let name = ServerName::try_from(host.to_owned())
        .map_err(|_| MailboxError::Tls("imap.host is not a valid server name".to_owned()))?;
    let stream = tokio::time::timeout(COMMAND_TIMEOUT, connector.connect(name, tcp))
        .await
        .map_err(|_| MailboxError::Timeout("the TLS handshake"))?
        .map_err(|e| MailboxError::Tls(tls_reason(&e)))?;
    Ok(Box::new(stream))
}

/// The handshake's failure, which for rustls is a certificate problem or
/// a protocol one; the text is rustls's own and names no person.
fn tls_reason(error: &std::io::Error) -> String {
    error
        .get_ref()
        .map_or_else(|| error.kind().to_string(), ToString::to_string)
}

impl ImapMailbox {
    /// Connect, log in and select the campaign mailbox.
    ///
    /// # Errors
    /// A [`MailboxError`] saying which step failed.
    pub async fn connect(config: Arc<ImapConfig>) -> Result<ImapMailbox, MailboxError> {
        let server = &config.server;
        let tcp = tokio::time::timeout(
            COMMAND_TIMEOUT,
            TcpStream::connect((server.host.as_str(), server.port)),
        )
        .await
        .map_err(|_| MailboxError::Timeout("connecting"))?
        .map_err(|e| MailboxError::Connect(e.to_string()))?;
        let _ = tcp.set_nodelay(true);
        let _ = socket2::SockRef::from(&tcp).set_tcp_keepalive(&keepalive());
        let client: Client<Box<dyn Io>> = match server.security {
            Security::Tls => {
                let stream = tls_wrap(&tls_connector(&config)?, &server.host, tcp).await?;
                greeted(Client::new(stream)).await?
            }
            Security::None => greeted(Client::new(Box::new(tcp) as Box<dyn Io>)).await?,
            Security::StartTls => {
                let mut plain = greeted(Client::new(tcp)).await?;
                timed("STARTTLS", plain.run_command_and_check_ok("STARTTLS", None)).await?;
                let stream =
                    tls_wrap(&tls_connector(&config)?, &server.host, plain.into_inner()).await?;
                Client::new(stream)
            }
        };
        let login = server.login.as_ref().ok_or(MailboxError::Login)?;
        let password = login
            .password()
            .map_err(|e| MailboxError::Password(e.to_string()))?;
        let password = String::from_utf8_lossy(password.expose()).into_owned();
        let user = &login.username;
        let mut session =
            match tokio::time::timeout(COMMAND_TIMEOUT, client.login(user, password)).await {
                Ok(Ok(session)) => session,
                Ok(Err((async_imap::error::Error::No(_), _))) => return Err(MailboxError::Login),
                Ok(Err((e, _))) => return Err(MailboxError::from_imap("LOGIN", e)),
                Err(_) => return Err(MailboxError::Timeout("LOGIN")),
            };
        let capabilities = timed("CAPABILITY", session.capabilities()).await?;
        let mut abilities = Abilities {
            idle: capabilities.has_str("IDLE"),
            move_command: capabilities.has_str("MOVE"),
            uidplus: capabilities.has_str("UIDPLUS"),
            keywords: false,
        };
        if !abilities.uidplus {
            // Without UID EXPUNGE the only way to remove one message is a
            // plain EXPUNGE, which removes every message marked deleted.
            return Err(MailboxError::Unsupported("UIDPLUS (UID EXPUNGE)"));
        }
        let selected = timed("SELECT", session.select(&config.mailbox)).await?;
        abilities.keywords = selected.permanent_flags.contains(&Flag::MayCreate);
        Ok(ImapMailbox {
            session: Some(session),
            config,
            abilities,
            uid_validity: selected.uid_validity,
        })
    }

    pub fn abilities(&self) -> Abilities {
        self.abilities
    }

    /// The folders on the server, by name.
    ///
    /// # Errors
    /// A [`MailboxError`] if LIST fails.
    pub async fn folders(&mut self) -> Result<HashSet<String>, MailboxError> {
        let session = self.session()?;
        let list = timed("LIST", async {
            session
                .list(None, Some("*"))
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        Ok(list.iter().map(|n| n.name().to_owned()).collect())
    }

    /// Create `folder` if it does not exist.
    ///
    /// # Errors
    /// A [`MailboxError`] if it is missing and cannot be created.
    pub async fn ensure_folder(&mut self, folder: &str) -> Result<bool, MailboxError> {
        if self.folders().await?.contains(folder) {
            return Ok(false);
        }
        let session = self.session()?;
        timed("CREATE", session.create(folder)).await?;
        Ok(true)
    }

    fn session(&mut self) -> Result<&mut ImapSession, MailboxError> {
        self.session.as_mut().ok_or(MailboxError::Lost("IDLE"))
    }

    async fn store(&mut self, uids: &[u32], change: &str) -> Result<(), MailboxError> {
        if uids.is_empty() {
            return Ok(());
        }
        let session = self.session()?;
        timed("UID STORE", async {
            session
                .uid_store(uid_set(uids), change)
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        Ok(())
    }

    /// `UID EXPUNGE`: only these messages, whatever else is marked deleted.
    async fn expunge(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        if uids.is_empty() {
            return Ok(());
        }
        let session = self.session()?;
        timed("UID EXPUNGE", async {
            session
                .uid_expunge(uid_set(uids))
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        Ok(())
    }

    async fn keywords(
        &mut self,
        uids: &[u32],
        sign: char,
        keyword: &str,
    ) -> Result<(), MailboxError> {
        if !self.abilities.keywords {
            return Ok(());
        }
        self.store(uids, &format!("{sign}FLAGS.SILENT ({keyword})"))
            .await
    }

    async fn select(&mut self, folder: &str) -> Result<(), MailboxError> {
        let session = self.session()?;
        let selected = timed("SELECT", session.select(folder)).await?;
        if folder == self.config.mailbox && selected.uid_validity != self.uid_validity {
            // UIDs from before mean nothing now; the daemon only holds
            // them for one pass, and this makes it start a new one.
            self.uid_validity = selected.uid_validity;
            return Err(MailboxError::Lost("SELECT (UIDVALIDITY changed)"));
        }
        Ok(())
    }

    /// Whether the server reported new mail since the last command.
    fn drain_unsolicited(&mut self) -> bool {
        let Some(session) = self.session.as_mut() else {
            return false;
        };
        let mut changed = false;
        while let Ok(response) = session.unsolicited_responses.try_recv() {
            changed |= matches!(
                response,
                UnsolicitedResponse::Exists(_) | UnsolicitedResponse::Recent(_)
            );
        }
        changed
    }
}

/// A UID set for a command: `4,7,9`.
fn uid_set(uids: &[u32]) -> String {
    uids.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Read the server's greeting.
async fn greeted<T: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug>(
    mut client: Client<T>,
) -> Result<Client<T>, MailboxError> {
    match tokio::time::timeout(COMMAND_TIMEOUT, client.read_response()).await {
        Ok(Ok(Some(_))) => Ok(client),
        Ok(Ok(None) | Err(_)) => Err(MailboxError::Lost("the greeting")),
        Err(_) => Err(MailboxError::Timeout("the greeting")),
    }
}

impl Mailbox for ImapMailbox {
    async fn candidates(&mut self) -> Result<Vec<Candidate>, MailboxError> {
        // Deleted ones of ours are found too: claimed and marked deleted,
        // but not yet expunged when the last run stopped.
        let query = format!("OR UNDELETED KEYWORD {}", self.config.claim_keyword);
        let session = self.session()?;
        let uids = timed("UID SEARCH", session.uid_search(query)).await?;
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let mut uids: Vec<u32> = uids.into_iter().collect();
        uids.sort_unstable();
        let claim = self.config.claim_keyword.clone();
        let sent = self.config.sent_keyword.clone();
        let mut candidates = Vec::with_capacity(uids.len());
        // Ask in chunks, so a command line stays short.
        for chunk in uids.chunks(500) {
            let set = chunk
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let session = self.session()?;
            let fetched = timed("UID FETCH (metadata)", async {
                session
                    .uid_fetch(set, "(UID RFC822.SIZE FLAGS)")
                    .await?
                    .try_collect::<Vec<_>>()
                    .await
            })
            .await?;
            for f in &fetched {
                let Some(uid) = f.uid else { continue };
                let has = |k: &str| {
                    f.flags()
                        .any(|flag| matches!(flag, Flag::Custom(c) if c.eq_ignore_ascii_case(k)))
                };
                let deleted = f.flags().any(|flag| flag == Flag::Deleted);
                let claimed = has(&claim);
                if deleted && !claimed {
                    continue; // someone else's deletion
                }
                candidates.push(Candidate {
                    uid,
                    size: f.size.unwrap_or(u32::MAX),
                    claimed,
                    // Only postbag deletes what it claimed, and only once
                    // it is done with it.
                    sent: has(&sent) || deleted,
                });
            }
        }
        candidates.sort_by_key(|c| c.uid);
        Ok(candidates)
    }

    async fn claim_all(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        let keyword = self.config.claim_keyword.clone();
        self.keywords(uids, '+', &keyword).await
    }

    async fn fetch_all(&mut self, uids: &[u32]) -> Result<Vec<(u32, Vec<u8>)>, MailboxError> {
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let session = self.session()?;
        let fetched = timed("UID FETCH (body)", async {
            session
                .uid_fetch(uid_set(uids), "(UID BODY.PEEK[])")
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        Ok(fetched
            .iter()
            .filter_map(|f| Some((f.uid?, f.body()?.to_vec())))
            .filter(|(uid, _)| uids.contains(uid))
            .collect())
    }

    async fn finish_answered(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        let sent = self.config.sent_keyword.clone();
        match self.config.trash_folder.clone() {
            Some(trash) if self.abilities.move_command => {
                self.keywords(uids, '+', &sent).await?;
                self.move_all(uids, &trash).await
            }
            _ => {
                // Marked sent and deleted in one step; a crash before the
                // expunge leaves them found by the next scan, by the sent
                // keyword, and expunged then.
                let flags = if self.abilities.keywords {
                    format!("+FLAGS.SILENT ({sent} \\Deleted)")
                } else {
                    "+FLAGS.SILENT (\\Deleted)".to_owned()
                };
                self.store(uids, &flags).await?;
                self.expunge(uids).await
            }
        }
    }

    async fn remove_all(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        match self.config.trash_folder.clone() {
            Some(trash) if self.abilities.move_command => self.move_all(uids, &trash).await,
            _ => {
                self.store(uids, "+FLAGS.SILENT (\\Deleted)").await?;
                self.expunge(uids).await
            }
        }
    }

    async fn move_all(&mut self, uids: &[u32], folder: &str) -> Result<(), MailboxError> {
        if uids.is_empty() {
            return Ok(());
        }
        if self.abilities.move_command {
            let session = self.session()?;
            return timed("UID MOVE", session.uid_mv(uid_set(uids), folder)).await;
        }
        let session = self.session()?;
        timed("UID COPY", session.uid_copy(uid_set(uids), folder)).await?;
        self.store(uids, "+FLAGS.SILENT (\\Deleted)").await?;
        self.expunge(uids).await
    }

    async fn release_all(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        let keyword = self.config.claim_keyword.clone();
        self.keywords(uids, '-', &keyword).await
    }

    async fn reply_in_sent(&mut self, message_id: &str) -> Result<bool, MailboxError> {
        let Some(sent) = self.config.sent_folder.clone() else {
            return Ok(false);
        };
        // Our own Message-IDs are hex and a domain: safe inside quotes.
        let id = message_id.replace(['"', '\\'], "");
        let session = self.session()?;
        timed("EXAMINE", session.examine(&sent)).await?;
        let session = self.session()?;
        let found = timed(
            "UID SEARCH (sent)",
            session.uid_search(format!("HEADER Message-ID \"{id}\"")),
        )
        .await;
        let mailbox = self.config.mailbox.clone();
        self.select(&mailbox).await?;
        Ok(!found?.is_empty())
    }

    async fn purge(&mut self) -> Result<(), MailboxError> {
        let Some(trash) = self.config.trash_folder.clone() else {
            return Ok(());
        };
        if !self.abilities.keywords || !self.abilities.move_command {
            return Ok(());
        }
        // Only messages postbag claimed: never anyone else's trash.
        let session = self.session()?;
        timed("SELECT (trash)", session.select(&trash)).await?;
        let query = format!("KEYWORD {}", self.config.claim_keyword);
        let session = self.session()?;
        let uids = timed("UID SEARCH (trash)", session.uid_search(query)).await;
        let result = match uids {
            Ok(uids) if !uids.is_empty() => {
                let set = uids
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(",");
                let session = self.session()?;
                let stored = timed("UID STORE (trash)", async {
                    session
                        .uid_store(&set, "+FLAGS.SILENT (\\Deleted)")
                        .await?
                        .try_collect::<Vec<_>>()
                        .await
                })
                .await;
                match stored {
                    Ok(_) => {
                        let session = self.session()?;
                        timed("UID EXPUNGE (trash)", async {
                            session
                                .uid_expunge(&set)
                                .await?
                                .try_collect::<Vec<_>>()
                                .await
                        })
                        .await
                        .map(|_| ())
                    }
                    Err(e) => Err(e),
                }
            }
            Ok(_) => Ok(()),
            Err(e) => Err(e),
        };
        let mailbox = self.config.mailbox.clone();
        self.select(&mailbox).await?;
        result
    }

    async fn close(mut self) {
        if let Some(mut session) = self.session.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), session.logout()).await;
        }
    }

    async fn wait(
        &mut self,
        limit: Duration,
        shutdown: &mut Shutdown,
    ) -> Result<Wake, MailboxError> {
        if shutdown.is_shutdown() {
            return Ok(Wake::Shutdown);
        }
        if self.drain_unsolicited() {
            return Ok(Wake::Changed);
        }
        if !self.abilities.idle {
            let poll = limit.min(self.config.poll_interval);
            tokio::select! {
                () = tokio::time::sleep(poll) => {}
                () = shutdown.recv() => return Ok(Wake::Shutdown),
            }
            let session = self.session()?;
            timed("NOOP", session.noop()).await?;
            return Ok(if poll < limit {
                Wake::Changed
            } else {
                Wake::TimedOut
            });
        }
        let limit = limit.min(self.config.idle_renew);
        let session = self.session.take().ok_or(MailboxError::Lost("IDLE"))?;
        let mut handle = session.idle();
        timed("IDLE", handle.init()).await?;
        let outcome = {
            let (idle, stop) = handle.wait_with_timeout(limit);
            tokio::pin!(idle);
            tokio::select! {
                result = &mut idle => result.map(|r| match r {
                    async_imap::extensions::idle::IdleResponse::NewData(_) => Wake::Changed,
                    _ => Wake::TimedOut,
                }),
                () = shutdown.recv() => {
                    // Dropping the stop source ends the wait at once.
                    drop(stop);
                    idle.await.map(|_| Wake::Shutdown)
                }
            }
        };
        let outcome = outcome.map_err(|e| MailboxError::from_imap("IDLE", e))?;
        let session = match tokio::time::timeout(DONE_TIMEOUT, handle.done()).await {
            Ok(result) => result.map_err(|e| MailboxError::from_imap("DONE", e))?,
            Err(_) => return Err(MailboxError::Timeout("DONE")),
        };
        self.session = Some(session);
        Ok(outcome)
    }
}
