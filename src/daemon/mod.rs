//! The daemon: the mailbox as a queue, a few messages in flight, and a
//! stop only at safe points.
//!
//! For each message: claim → fetch → [`pipeline::process`] (screen,
//! extract, find MP, letters, build) → caps → send → count → mark sent →
//! remove. Each step's failure decides the message's fate:
//!
//! | what happened | the message |
//! |---|---|
//! | reply accepted | counted, marked sent, removed |
//! | no reply due (auto-reply, list, bounce, capped) | removed, or moved to `imap.ignored_folder` |
//! | for a person (too large, unreadable, unauthenticated, 5xx) | moved to `imap.review_folder` |
//! | passing failure (4xx, network, MP lookup down, busy) | released, tried again after a backoff |
//! | the relay refused postbag (sign-in, TLS) or a limit was reached | released; sending [`pause`]s |
//!
//! The steps up to the send run in their own tasks (at most
//! `daemon.max_in_flight`); everything that touches the mailbox runs on
//! this loop, one command at a time on one connection. A shutdown stops
//! taking new messages and lets the ones in flight finish, so none is ever
//! half done: it is either answered and removed, or untouched but for its
//! claim, and the next run picks it up.
//!
//! # What a crash can do
//! A message whose reply the relay accepted is counted, then marked with
//! the sent keyword, then removed. If the process dies after the relay's
//! acceptance and before the sent keyword is stored, the next run finds
//! the message claimed but not sent. It then looks for the reply's
//! Message-ID (an HMAC of the original's, so the same every time) in
//! `imap.sent_folder` if there is one; if it is not found there, or there
//! is no such folder, it answers again. So a crash can cause at most one
//! duplicate reply per message in flight, never a lost request. The count
//! is written when the loop collects the relay's acceptance, before the
//! keyword: a crash before that write leaves the first reply uncounted, a
//! crash after it counts the request twice. So after a crash, replies sent
//! − messages in flight ≤ count ≤ replies sent. (With the shared count in
//! PostgreSQL the batch is marked sent only once its count is committed,
//! waiting at most 2 s, or kept on disk while the database is down
//! (`count::spool`), and a repeat counts once by its key: after a crash
//! the count is the number of requests answered.)
//!
//! A reply in the one-email-per-letter layout is a summary then one email
//! per letter, sent in order; it counts as sent when the last is accepted,
//! and the sent folder is searched for the last one's Message-ID. A crash
//! between two of its emails leaves the message claimed but not sent, so
//! the next run sends the whole set again: the emails that had gone arrive
//! twice, none is missing, and the request is counted once
//! (`tests/mail_per_letter.rs`).

mod lease;
pub mod pause;
mod retry;
mod send_step;
mod sent;
mod session;
mod settle;
mod spread;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;
use tracing::{error, info, warn};

use crate::config::DaemonConfig;
use crate::count::Counter;
use crate::limits::Limits;
use crate::lookup::MpLookup;
use crate::lookup::metered::Metered;
use crate::mailbox::{Mailbox, MailboxError};
use crate::pipeline::{Engine, Outcome};
use crate::send::Outbox;
use crate::send::budget::SendBudget;
use crate::shutdown::Shutdown;
use crate::status::Status;

use pause::Pause;
use retry::Backoff;

/// How a message ended, as the loop applies it to the mailbox.
#[derive(Clone, Debug)]
enum Finished {
    /// The relay accepted the reply. `key`: a SHA-256 of its Message-ID
    /// (itself an HMAC of the original's under the campaign's secret), so
    /// a count written twice counts once.
    Sent { outcome: Outcome, key: [u8; 32] },
    /// Sent and counted; marking and removing it is left. No outcome
    /// when an earlier run sent it.
    Counted { outcome: Option<Outcome> },
    /// No reply, and none will be sent: remove it or set it aside.
    Settled { outcome: Outcome },
    /// A passing failure: release it and try again later.
    Retry { why: &'static str },
    /// Sending is paused, for no fault of this message's: release it and
    /// take it again when the pause ends.
    Wait { why: &'static str },
}

/// Where the original goes when it gets no reply.
#[derive(Clone, Debug)]
pub struct Folders {
    pub review: String,
    pub ignored: Option<String>,
}

/// What a run did, by outcome class.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub letters: u64,
    pub help: u64,
    pub ignored: u64,
    pub review: u64,
    /// Left in the mailbox for a later try.
    pub retried: u64,
}

/// What the daemon shares with its tasks.
struct Shared<L, O> {
    engine: Engine,
    lookup: Metered<L>,
    outbox: O,
    limits: Mutex<Limits>,
    budget: Mutex<SendBudget>,
    pause: Mutex<Pause>,
    clock: Clock,
    /// How long sending waits after a provider's daily limit.
    quota_wait: Duration,
    /// What the HTTP listener shows: the count, health, metrics.
    status: Arc<Status>,
}

/// Wall-clock milliseconds for the send caps, read from the runtime's
/// clock (so tests can pause it) from a start taken once.
struct Clock {
    start: Instant,
    start_ms: u64,
}

impl Clock {
    fn new() -> Clock {
        let start_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        Clock {
            start: Instant::now(),
            start_ms,
        }
    }

    fn now_ms(&self) -> u64 {
        let elapsed = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.start_ms.saturating_add(elapsed)
    }
}

/// A lock whose holder panicked is used as it is: every change made
/// under these locks leaves them consistent.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The daemon's state, which outlives any one IMAP connection.
pub struct Daemon<L, O> {
    shared: Arc<Shared<L, O>>,
    counter: Counter,
    config: DaemonConfig,
    folders: Folders,
    max_message_bytes: usize,
    /// Messages that failed for a passing reason: attempts and when to
    /// try again. UIDs only, for this mailbox's UIDVALIDITY.
    retry: HashMap<u32, (u32, Instant)>,
    /// Results of tasks whose connection was lost, applied after the
    /// reconnect.
    unapplied: Vec<(u32, Finished)>,
    uid_validity: Option<u32>,
    summary: Summary,
    /// When each message in hand was taken, for the log's timings.
    taken: HashMap<u32, Instant>,
    /// When the sent folder was last cleared of old replies.
    sent_purged: Option<Instant>,
    /// The pause last written for `postbag check` (`None`: nothing
    /// written yet this run).
    pause_saved: Option<Option<crate::count::Paused>>,
    /// What this instance keeps of the others, when several share the
    /// mailbox.
    others: Option<Others>,
}

/// When several instances share the mailbox: the claims seen held by
/// others, and which messages this one takes first.
struct Others {
    leases: lease::Leases,
    spread: spread::Spread,
}

impl Finished {
    /// The same end once counted: sent becomes counted.
    fn counted(self) -> Finished {
        match self {
            Finished::Sent { outcome, .. } => Finished::Counted {
                outcome: Some(outcome),
            },
            other => other,
        }
    }
}

impl<L, O> Daemon<L, O>
where
    L: MpLookup + Send + Sync + 'static,
    O: Outbox + Send + Sync + 'static,
{
    pub fn new(
        engine: Engine,
        lookup: L,
        outbox: O,
        counter: Counter,
        folders: Folders,
        status: Arc<Status>,
    ) -> Daemon<L, O> {
        let config = engine.config.daemon;
        let limits = Limits::new(engine.config.limits);
        let max_message_bytes = engine.config.max_message_bytes;
        let (per_minute, per_day, quota_wait) = engine
            .config
            .smtp
            .as_ref()
            .map_or((0, 0, Duration::from_secs(3600)), |s| {
                (s.max_per_minute, s.max_per_day, s.quota_wait)
            });
        let budget = SendBudget::new(per_minute, per_day, &counter.sent_hours());
        status.set_counts(&counter.counts());
        Daemon {
            shared: Arc::new(Shared {
                engine,
                lookup: Metered::new(lookup, Arc::clone(&status)),
                outbox,
                limits: Mutex::new(limits),
                budget: Mutex::new(budget),
                pause: Mutex::new(Pause::default()),
                clock: Clock::new(),
                quota_wait,
                status,
            }),
            counter,
            config,
            folders,
            max_message_bytes,
            retry: HashMap::new(),
            unapplied: Vec::new(),
            uid_validity: None,
            summary: Summary::default(),
            taken: HashMap::new(),
            sent_purged: None,
            pause_saved: None,
            others: config.sharing.map(|sharing| Others {
                leases: lease::Leases::new(sharing),
                spread: spread::Spread::new(sharing.instance),
            }),
        }
    }

    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    pub fn counter(&self) -> &Counter {
        &self.counter
    }

    /// Write the count's pending replies, trying for at most `within`;
    /// the number left unwritten.
    pub async fn close_count(&mut self, within: Duration) -> u64 {
        self.counter.close(within).await
    }

    /// What the HTTP listener shows of this daemon.
    pub fn status(&self) -> &Arc<Status> {
        &self.shared.status
    }

    /// The relay's refusal of postbag itself (its sign-in, the account),
    /// if no reply has been accepted since: `--once` then fails, naming
    /// what to fix.
    pub fn refused_by_relay(&self) -> Option<pause::PauseReason> {
        lock(&self.shared.pause).refused()
    }

    /// Run until `shutdown` is set (or, with `once`, until the mailbox
    /// holds nothing that can be answered now), reconnecting with capped,
    /// jittered exponential backoff whenever the mailbox fails.
    ///
    /// # Errors
    /// With `once`, the first connection failure; otherwise none.
    pub async fn run<M: Mailbox>(
        &mut self,
        mut connect: impl AsyncFnMut() -> Result<(M, Option<u32>), MailboxError>,
        mut shutdown: Shutdown,
        once: bool,
    ) -> Result<(), MailboxError> {
        let mut backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(300));
        let status = Arc::clone(&self.shared.status);
        let mut failed = false;
        loop {
            if shutdown.is_shutdown() {
                return Ok(());
            }
            if std::mem::take(&mut failed) {
                status.metrics.imap_reconnected();
            }
            match connect().await {
                Ok((mut mailbox, uid_validity)) => {
                    status.set_mailbox_up(true);
                    self.forget_if_renumbered(uid_validity);
                    let ended = self.session(&mut mailbox, &mut shutdown, once).await;
                    status.set_mailbox_up(false);
                    match ended {
                        Ok(_) => {
                            mailbox.close().await;
                            return Ok(());
                        }
                        Err(e) => {
                            failed = true;
                            warn!(error = %e, "mailbox failed; reconnecting");
                            if once {
                                return Err(e);
                            }
                            backoff.reset();
                        }
                    }
                }
                Err(e) => {
                    failed = true;
                    error!(error = %e, "cannot open the mailbox");
                    if once {
                        return Err(e);
                    }
                }
            }
            let pause = backoff.next();
            info!(seconds = pause.as_secs(), "reconnecting after a pause");
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = shutdown.recv() => return Ok(()),
            }
        }
    }

    /// A new UIDVALIDITY: every UID held from before names nothing now.
    /// Replies already sent are still counted; their originals will be
    /// found claimed and answered again (the documented duplicate).
    fn forget_if_renumbered(&mut self, uid_validity: Option<u32>) {
        if uid_validity == self.uid_validity {
            return;
        }
        let unapplied = std::mem::take(&mut self.unapplied);
        self.count_sent(&unapplied);
        self.retry.clear();
        self.taken.clear();
        self.uid_validity = uid_validity;
    }
}
