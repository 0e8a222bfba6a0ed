//! The mail service: the configured mailbox, relay, lookup, templates and
//! count put together, and the [`Daemon`] run on them as a [`Service`] of
//! the process's [`Host`](crate::host::Host). Wiring, so `anyhow` is used.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use tracing::{error, info, warn};

use crate::config::{Config, CountStore, Security, Server};
use crate::count::postgres::OnChange;
use crate::count::{Counter, PgCount, PgOptions};
use crate::daemon::pause::PauseReason;
use crate::daemon::{Daemon, Folders};
use crate::endpoint::Endpoint;
use crate::failure::{Classify, FailureClass};
use crate::field::field_error;
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
    let counter = open_count(&config, &state_dir, &status)?;
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
        let ran = self.daemon.run(connect, shutdown, once).await;
        // Whatever ended the run, the shared count gets a few seconds to
        // take what this instance has not written yet.
        let unwritten = self.daemon.close_count(Duration::from_secs(5)).await;
        if unwritten > 0 {
            error!(
                unwritten,
                "replies were sent but not counted: the count store could not be written"
            );
        }
        ran.context("the mailbox")?;
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

/// The count the configuration names: the state folder's file, or the
/// shared store in PostgreSQL, connected now (within about 10 s) so a
/// wrong connection string or an unreachable server stops start-up.
///
/// # Errors
/// The state folder is locked or unusable; for PostgreSQL, an error
/// naming `count.url_file` (or its environment variable).
pub fn open_count(config: &Config, state_dir: &Path, status: &Arc<Status>) -> Result<Counter> {
    match &config.count {
        CountStore::File => Ok(Counter::open(state_dir)?),
        CountStore::Postgres { .. } => {
            let url = config.require_count_url()?;
            let shown = Arc::clone(status);
            let on_change: OnChange = Box::new(move |counts| shown.set_counts(counts));
            let spool = state_dir.join(crate::count::SPOOL_FILE);
            let connecting = PgCount::connect(
                url.as_str(),
                PgOptions::default(),
                Some(on_change),
                Some(spool),
            );
            let store = tokio::runtime::Handle::current()
                .block_on(connecting)
                .map_err(|e| {
                    field_error(
                        &config.file,
                        "count.url_file",
                        format!(
                            "the PostgreSQL that {} names cannot be used: {e}. Check its host, port, user, password and database, and that the server is up",
                            url.from
                        ),
                    )
                })?;
            info!("the count is kept in PostgreSQL, shared with any other instance using it");
            Ok(Counter::with_postgres(state_dir, store)?)
        }
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
