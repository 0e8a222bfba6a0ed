//! The mail service: the configured mailbox, relay, lookup, templates and
//! count put together, and the [`Daemon`] run on them as a [`Service`] of
//! the process's [`Host`](crate::host::Host). Wiring, so `anyhow` is used.

use std::sync::Arc;

use anyhow::{Context, Result};
use tracing::{info, warn};

use crate::config::{Config, Security, Server};
use crate::count::Counter;
use crate::daemon::pause::PauseReason;
use crate::daemon::{Daemon, Folders};
use crate::endpoint::Endpoint;
use crate::failure::{Classify, FailureClass};
use crate::host::Service;
use crate::letters::Templates;
use crate::lookup::setup::{self, Lookups};
use crate::mailbox::{Claim, ImapConnector, ImapMailbox, MailboxError};
use crate::oauth::TokenSource;
use crate::pipeline::Engine;
use crate::probe::probe;
use crate::send::SmtpOutbox;
use crate::shutdown::Shutdown;
use crate::status::{Status, epoch_seconds};

/// Everything the daemon needs, checked before any mail is touched.
pub struct MailService {
    daemon: Daemon<crate::lookup::chain::Chain, SmtpOutbox>,
    imap: Arc<ImapConnector>,
    /// The relay, looked at once before the first message is taken.
    relay: Server,
    folders: Folders,
    /// Answer what is there now, then end.
    once: bool,
    /// Whether something watches `/readyz`: then the relay is tried at
    /// start-up, so readiness says something from the first moment.
    probe_relay: bool,
    /// This instance's number, when several share the mailbox.
    instance: Option<u8>,
}

/// The services `run` hosts: the mail daemon, and the HTTP listener if
/// `[http]` asks for one.
pub struct Services {
    pub mail: MailService,
    pub http: Option<Endpoint>,
}

/// `--once` ended with mail it could not answer yet (a relay's 4xx, the
/// MP lookup down, a reply cap).
#[derive(Debug, thiserror::Error)]
#[error("{0} message(s) left in the mailbox for a later run")]
pub struct LeftForLater(pub u64);

impl Classify for LeftForLater {
    fn class(&self) -> FailureClass {
        FailureClass::Temporary
    }
}

/// `--once` ended with the relay refusing postbag itself: nothing was
/// sent, every message waits.
#[derive(Debug, thiserror::Error)]
#[error("the relay refused postbag ({}); every message was left in the mailbox. {}", .0.as_str(), .0.hint())]
pub struct RelayRefused(pub PauseReason);

impl Classify for RelayRefused {
    fn class(&self) -> FailureClass {
        FailureClass::Config
    }
}

/// Check the configuration for the daemon, load the templates and lookup
/// data, lock the state folder, set up the relay and bind the HTTP
/// listener. No mail server is connected yet. With `once`, the mail
/// service ends when the mailbox holds nothing it can answer now.
///
/// # Errors
/// The first problem, naming the setting at fault.
pub fn prepare(config: Config, once: bool) -> Result<Services> {
    let imap_config = Arc::new(config.require_imap()?.clone());
    let folders = Folders {
        review: imap_config.review_folder.clone(),
        ignored: imap_config.ignored_folder.clone(),
    };
    // The files the mailbox settings name are read now, so a wrong one
    // stops start-up before the state folder is touched.
    let tokens = match &config.oauth2 {
        Some(oauth2) => {
            let source = TokenSource::new(oauth2)?;
            source.require_tokens()?;
            Some(Arc::new(source))
        }
        None => None,
    };
    let imap = Arc::new(ImapConnector::new(imap_config, tokens.clone())?);
    let smtp = config.require_smtp()?.clone();
    let state_dir = config.require_state_dir()?.to_owned();
    let secret = config.require_secret()?.clone();
    let templates = Templates::load(&config.templates_dir, &config.campaign)?;
    let today = config.today();
    let Lookups {
        chain,
        warnings,
        mps,
        ..
    } = setup::open(&config.lookup, today)?;
    for warning in warnings {
        warn!("{warning}");
    }
    let status = Arc::new(Status::new());
    if let Some(mps) = mps {
        status.metrics.set_mp_data_date(mps.data_date);
    }
    let http = match &config.http {
        Some(http) => {
            let letter_order = config.campaign.letters.iter().map(|l| l.id.clone());
            let endpoint = Endpoint::bind(
                http.clone(),
                &config.file,
                letter_order.collect(),
                Arc::clone(&status),
            )?;
            Some(endpoint)
        }
        None => None,
    };
    let counter = Counter::open(&state_dir)?;
    let outbox = SmtpOutbox::new(&smtp, config.domain(), tokens)?;
    let instance = config.daemon.sharing.map(|s| s.instance);
    let engine = Engine::new(config, templates, secret);
    let daemon = Daemon::new(engine, chain, outbox, counter, folders.clone(), status);
    let mail = MailService {
        daemon,
        imap,
        relay: smtp.server,
        folders,
        once,
        probe_relay: http.is_some(),
        instance,
    };
    Ok(Services { mail, http })
}

impl Service for MailService {
    fn name(&self) -> &'static str {
        "mail"
    }

    /// Run the daemon until `shutdown` (or, with `once`, until the mailbox
    /// has nothing left that can be done now).
    ///
    /// # Errors
    /// With `once`, a mailbox failure, or [`LeftForLater`].
    async fn run(mut self, shutdown: Shutdown) -> Result<()> {
        // A TLS port set for STARTTLS stays silent, which would show only
        // as every send timing out, minutes later. (The other way round
        // fails at once in the TLS handshake, with the same hint.)
        let silent_risk = self.relay.security != Security::Tls;
        if silent_risk || self.probe_relay {
            let status = self.daemon.status();
            match probe(&self.relay, "smtp").await {
                Ok(()) => status.relay_heard(true, epoch_seconds()),
                Err(e) if e.is_config() => return Err(e.into()),
                Err(e) => {
                    status.relay_heard(false, epoch_seconds());
                    warn!(error = %e, "the relay cannot be reached now; replies wait until it can");
                }
            }
        }
        let once = self.once;
        let imap = Arc::clone(&self.imap);
        let folders = self.folders.clone();
        let mut first = true;
        let instance = self.instance;
        // An owning closure and an owned future: with borrowed ones, the
        // compiler cannot show the service's future is Send.
        let connect = move || {
            let announce = std::mem::replace(&mut first, false);
            open_mailbox(Arc::clone(&imap), folders.clone(), announce, instance)
        };
        self.daemon
            .run(connect, shutdown, once)
            .await
            .context("the mailbox")?;
        let summary = self.daemon.summary().clone();
        let counts = self.daemon.counter().counts();
        info!(
            letters = summary.letters,
            help = summary.help,
            ignored = summary.ignored,
            review = summary.review,
            retried = summary.retried,
            people_helped = counts.people_helped,
            "stopped"
        );
        if once && let Some(reason) = self.daemon.refused_by_relay() {
            return Err(RelayRefused(reason).into());
        }
        if once && summary.retried > 0 {
            return Err(LeftForLater(summary.retried).into());
        }
        Ok(())
    }
}

/// Connect, log in, select, and create the folders the daemon moves mail
/// to. `announce`: log what the server can do (the first time).
/// `instance`: this instance's number when others use the mailbox too, so
/// only a claim one instance alone can win will do.
async fn open_mailbox(
    imap: Arc<ImapConnector>,
    folders: Folders,
    announce: bool,
    instance: Option<u8>,
) -> Result<(ImapMailbox, Option<u32>), MailboxError> {
    let mut mailbox = imap.connect().await?;
    if let Some(number) = instance {
        if !mailbox.abilities().exclusive_claims() {
            return Err(MailboxError::NotShareable);
        }
        mailbox.share_as(number);
    }
    let claim = mailbox.abilities().claim;
    let processing = (claim == Claim::Move).then(|| imap.processing_folder().to_owned());
    for folder in std::iter::once(&folders.review)
        .chain(folders.ignored.as_ref())
        .chain(processing.as_ref())
    {
        if mailbox.ensure_folder(folder).await? {
            info!(folder = folder.as_str(), "created a missing folder");
        }
    }
    if announce {
        let a = mailbox.abilities();
        info!(
            idle = a.idle,
            move_command = a.move_command,
            keywords = a.keywords,
            condstore = a.condstore,
            claim = ?a.claim,
            "mailbox open"
        );
        if a.claim == Claim::None {
            warn!(
                "the server keeps no keywords and has no MOVE: nothing is claimed, and a crash may repeat replies to every message in flight"
            );
        }
    }
    let validity = mailbox.uid_validity;
    Ok((mailbox, validity))
}
