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

mod condstore;
mod connect;
mod imap;
mod moves;
mod sent;

use std::future::Future;
use std::time::Duration;

use thiserror::Error;

use crate::failure::{Classify, FailureClass};
use crate::shutdown::Shutdown;

pub use condstore::TAKEOVER;
pub use connect::ImapConnector;
pub use imap::ImapMailbox;
pub use moves::PROCESSING;

impl Abilities {
    /// Whether a claim is one instance's alone, so several can share the
    /// mailbox: a keyword stored only if unchanged, or a move.
    pub fn exclusive_claims(self) -> bool {
        match self.claim {
            Claim::Keyword => self.condstore,
            Claim::Move => true,
            Claim::None => false,
        }
    }

    /// The claim method, as `check` names it.
    pub fn describe_claim(self, config: &crate::config::ImapConfig) -> String {
        match self.claim {
            Claim::Keyword if self.condstore => format!(
                "by the keyword {}, stored only if the message is unchanged (CONDSTORE): one instance alone wins each",
                config.claim_keyword
            ),
            claim => claim.describe(config),
        }
    }
}

/// The claim methods, as `check` and the log name them.
impl Claim {
    pub fn describe(self, config: &crate::config::ImapConfig) -> String {
        match self {
            Claim::Keyword => format!("by the keyword {}", config.claim_keyword),
            Claim::Move => format!("by moving into {:?} (the server keeps no keywords, or imap.claim = \"move\")", config.processing_folder),
            Claim::None => "none: the server keeps no keywords and has no MOVE, so a crash may repeat replies to every message in flight".to_owned(),
        }
    }
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
    /// Its CONDSTORE mod-sequence when read: it changes with every change
    /// to the message, so an unchanged one means no instance did anything
    /// with it since.
    pub modseq: Option<u64>,
}

/// Why the mailbox settings cannot be used, found before any connection:
/// always the operator's to fix.
#[derive(Debug, Error)]
pub enum MailboxSetupError {
    #[error("imap.ca_file: {0}")]
    CaFile(String),
    /// The password file could not be read (the text names the field).
    #[error("{0}")]
    Password(String),
    #[error("imap.username: not set, and the IMAP server needs a login")]
    NoLogin,
    /// The TLS library refused its own settings.
    #[error("TLS for the IMAP server cannot be set up: {0}")]
    Tls(String),
}

impl Classify for MailboxSetupError {
    fn class(&self) -> FailureClass {
        FailureClass::Config
    }
}

/// Why the mailbox could not do something once connecting began. No
/// server text, no content.
#[derive(Debug, Error)]
pub enum MailboxError {
    /// The system's words (host lookup, refused, unreachable); they name
    /// hosts, never people.
    #[error("cannot connect to the IMAP server: {0}")]
    Connect(String),
    #[error("TLS with the IMAP server failed: {0}")]
    Tls(String),
    /// The port does not speak as `imap.security` says (the text says
    /// what to set).
    #[error("imap.security: {0}")]
    WrongSecurity(String),
    #[error("the IMAP server refused the login for imap.username")]
    Login,
    /// The server refused a freshly got OAuth2 token.
    #[error(
        "the IMAP server refused postbag's OAuth2 token: check that the app may use IMAP (Microsoft: IMAP.AccessAsUser.All or IMAP.AccessAsApp; Google: https://mail.google.com/) and that IMAP is on for the mailbox"
    )]
    TokenRefused,
    /// No token could be had.
    #[error("OAuth2: {0}")]
    Token(String, FailureClass),
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
    /// Several instances are to share the mailbox, but the server cannot
    /// make a claim one instance's alone.
    #[error(
        "daemon.claim_lease_secs: several postbag instances on one mailbox need claims only one can win, by CONDSTORE or by moving (imap.claim = \"move\"), and this server offers neither; run one instance and set daemon.claim_lease_secs = 0"
    )]
    NotShareable,
}

impl Classify for MailboxError {
    /// A login the server refused is the operator's to fix (the
    /// credentials); everything else may pass.
    fn class(&self) -> FailureClass {
        match self {
            MailboxError::Login
            | MailboxError::WrongSecurity(_)
            | MailboxError::TokenRefused
            | MailboxError::NotShareable => FailureClass::Config,
            MailboxError::Token(_, class) => *class,
            _ => FailureClass::Temporary,
        }
    }
}

impl MailboxError {
    fn token(error: crate::oauth::TokenError) -> MailboxError {
        MailboxError::Token(error.to_string(), error.class())
    }

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
    /// Remove from the sent folder the relay's copies of postbag's
    /// replies (their Message-IDs are those `own` knows) sent more than
    /// `keep` ago; how many went. Nothing without a sent folder.
    fn purge_sent(
        &mut self,
        keep: Duration,
        own: &(dyn Fn(&str) -> bool + Sync),
    ) -> impl Future<Output = Result<usize, MailboxError>>;
    /// Log out, if still connected.
    fn close(self) -> impl Future<Output = ()>;

    /// Mark `uids` as taken; the UIDs to hold them by from now on (a
    /// claim by moving gives them new ones), in order, without those that
    /// could not be taken (with CONDSTORE, those changed since the last
    /// [`Mailbox::candidates`]: another instance took them).
    fn claim_all(&mut self, uids: &[u32]) -> impl Future<Output = Result<Vec<u32>, MailboxError>>;
    /// Take over claims another instance left unchanged for its lease,
    /// each only if still unchanged since the last
    /// [`Mailbox::candidates`]: the pairs (UID it was held by, UID to hold
    /// it by now; a claim by moving gets a new one). None of a keyword
    /// claim without CONDSTORE.
    fn take_over(
        &mut self,
        uids: &[u32],
    ) -> impl Future<Output = Result<Vec<(u32, u32)>, MailboxError>>;
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
    /// CONDSTORE (RFC 7162): a keyword can be stored only if the message
    /// is unchanged, so claims are won by one instance alone.
    pub condstore: bool,
    /// `PERMANENTFLAGS` has `\*`: keywords can be set and are kept.
    pub keywords: bool,
    /// How messages are claimed.
    pub claim: Claim,
}

/// How a message is claimed before its reply is sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Claim {
    /// The claim keyword (`imap.keyword`).
    Keyword,
    /// `UID MOVE` into `imap.processing_folder`, where keywords are not
    /// kept (Exchange Online).
    Move,
    /// Neither: the server keeps no keywords and has no MOVE.
    #[default]
    None,
}
