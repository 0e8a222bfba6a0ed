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
//! − messages in flight ≤ count ≤ replies sent.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::Instant;
use tracing::{debug, error, info, warn};

use crate::config::DaemonConfig;
use crate::count::{Counter, Tally};
use crate::limits::{Limits, ReplyKind, Verdict};
use crate::lookup::MpLookup;
use crate::mailbox::{Candidate, Mailbox, MailboxError, Wake};
use crate::pipeline::{self, Engine, Outcome, ReviewReason};
use crate::screen::IgnoreReason;
use crate::send::{Outbox, SendError};

/// How a message ended, as the loop applies it to the mailbox.
#[derive(Clone, Debug)]
enum Finished {
    /// The relay accepted the reply.
    Sent { outcome: Outcome },
    /// Sent and counted; marking and removing it is left. No outcome
    /// when an earlier run sent it.
    Counted { outcome: Option<Outcome> },
    /// No reply, and none will be sent: remove it or set it aside.
    Settled { outcome: Outcome },
    /// A passing failure: release it and try again later.
    Retry { why: &'static str },
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
    lookup: L,
    outbox: O,
    limits: Mutex<Limits>,
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
}

/// How one connection's loop ended.
enum SessionEnd {
    Shutdown,
    /// `--once`: nothing left that can be done now.
    Drained,
}

impl Finished {
    /// The same end once counted: sent becomes counted.
    fn counted(self) -> Finished {
        match self {
            Finished::Sent { outcome } => Finished::Counted {
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
    ) -> Daemon<L, O> {
        let config = engine.config.daemon;
        let limits = Limits::new(engine.config.limits);
        let max_message_bytes = engine.config.max_message_bytes;
        Daemon {
            shared: Arc::new(Shared {
                engine,
                lookup,
                outbox,
                limits: Mutex::new(limits),
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
        }
    }

    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    pub fn counter(&self) -> &Counter {
        &self.counter
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
        mut shutdown: watch::Receiver<bool>,
        once: bool,
    ) -> Result<(), MailboxError> {
        let mut backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(300));
        loop {
            if stop_requested(&shutdown) {
                return Ok(());
            }
            match connect().await {
                Ok((mut mailbox, uid_validity)) => {
                    if uid_validity != self.uid_validity {
                        // Every UID held from before names nothing now.
                        // Replies already sent are still counted; their
                        // originals will be found claimed and answered
                        // again (the documented duplicate).
                        self.count_sent(&self.unapplied.clone());
                        self.retry.clear();
                        self.unapplied.clear();
                        self.taken.clear();
                        self.uid_validity = uid_validity;
                    }
                    match self.session(&mut mailbox, &mut shutdown, once).await {
                        Ok(_) => {
                            mailbox.close().await;
                            return Ok(());
                        }
                        Err(e) => {
                            warn!(error = %e, "mailbox failed; reconnecting");
                            if once {
                                return Err(e);
                            }
                            backoff.reset();
                        }
                    }
                }
                Err(e) => {
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
                _ = shutdown.changed() => return Ok(()),
            }
        }
    }

    /// One connection's loop.
    async fn session<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        shutdown: &mut watch::Receiver<bool>,
        once: bool,
    ) -> Result<SessionEnd, MailboxError> {
        let left = std::mem::take(&mut self.unapplied);
        self.finish(mailbox, left).await?;
        let mut tasks: JoinSet<Finished> = JoinSet::new();
        let mut task_uids: HashMap<tokio::task::Id, u32> = HashMap::new();
        let mut queue: VecDeque<Candidate> = VecDeque::new();
        let mut scan = true;
        let result = loop {
            let stopping = stop_requested(shutdown);
            if stopping && tasks.is_empty() {
                break Ok(SessionEnd::Shutdown);
            }
            let free = self.config.max_in_flight.saturating_sub(tasks.len());
            if !stopping && free > 0 && !queue.is_empty() {
                let batch: Vec<Candidate> = queue.drain(..free.min(queue.len())).collect();
                match self.start(mailbox, batch, &mut tasks, &mut task_uids).await {
                    Ok(()) => continue, // fill the free places first
                    Err(e) => break Err(e),
                }
            }
            if tasks.is_empty() && !stopping {
                if scan {
                    if let Err(e) = mailbox.purge().await {
                        break Err(e);
                    }
                    match mailbox.candidates().await {
                        Ok(candidates) => queue = self.ready(candidates),
                        Err(e) => break Err(e),
                    }
                    scan = false;
                    if !queue.is_empty() {
                        continue;
                    }
                }
                if once {
                    break Ok(SessionEnd::Drained);
                }
                let limit = self.next_retry().map_or(Duration::from_secs(3600), |at| {
                    at.saturating_duration_since(Instant::now())
                });
                match mailbox.wait(limit, shutdown).await {
                    Ok(Wake::Shutdown) => break Ok(SessionEnd::Shutdown),
                    Ok(_) => scan = true,
                    Err(e) => break Err(e),
                }
                continue;
            }
            tokio::select! {
                Some(joined) = tasks.join_next_with_id() => {
                    // Whatever else is done by now goes in the same batch:
                    // one count write and a few IMAP commands for all.
                    let mut done = vec![joined];
                    while let Some(more) = tasks.try_join_next_with_id() {
                        done.push(more);
                    }
                    let done = done
                        .into_iter()
                        .filter_map(|joined| match joined {
                            Ok((id, finished)) => Some((task_uids.remove(&id)?, finished)),
                            Err(e) => {
                                error!("a message's task failed: a bug in postbag");
                                let outcome = Outcome::Review(ReviewReason::Internal);
                                Some((task_uids.remove(&e.id())?, Finished::Settled { outcome }))
                            }
                        })
                        .collect();
                    if let Err(e) = self.finish(mailbox, done).await {
                        break Err(e);
                    }
                    if queue.is_empty() && tasks.is_empty() {
                        scan = true;
                    }
                }
                _ = shutdown.changed(), if !stopping => {
                    info!(in_flight = tasks.len(), "stopping: finishing the messages in flight");
                }
            }
        };
        if let Err(e) = &result {
            // The connection is gone, but the tasks are not: let them
            // finish and apply what they did after the reconnect.
            debug!(error = %e, in_flight = tasks.len(), "keeping results for the reconnect");
            while let Some(joined) = tasks.join_next_with_id().await {
                if let Ok((id, finished)) = joined
                    && let Some(uid) = task_uids.remove(&id)
                {
                    self.unapplied.push((uid, finished));
                }
            }
        }
        result
    }

    /// Candidates that may be tried now, oldest first. Retry times of
    /// messages no longer there are forgotten, or the loop would wake for
    /// them for ever.
    fn ready(&mut self, candidates: Vec<Candidate>) -> VecDeque<Candidate> {
        let present: std::collections::HashSet<u32> = candidates.iter().map(|c| c.uid).collect();
        self.retry.retain(|uid, _| present.contains(uid));
        let now = Instant::now();
        candidates
            .into_iter()
            .filter(|c| self.retry.get(&c.uid).is_none_or(|(_, at)| *at <= now))
            .collect()
    }

    fn next_retry(&self) -> Option<Instant> {
        self.retry.values().map(|(_, at)| *at).min()
    }

    /// Take a batch of messages: what needs the mailbox is done here, the
    /// rest in one task per message.
    async fn start<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        batch: Vec<Candidate>,
        tasks: &mut JoinSet<Finished>,
        task_uids: &mut HashMap<tokio::task::Id, u32>,
    ) -> Result<(), MailboxError> {
        let mut settled = Vec::new();
        let mut fresh = Vec::new();
        for candidate in batch {
            if let Err(e) = self
                .sort(mailbox, candidate, &mut settled, &mut fresh)
                .await
            {
                // A recovered message may have been answered already:
                // keep what was done for the reconnect.
                self.count_sent(&settled);
                self.unapplied
                    .extend(settled.into_iter().map(|(uid, f)| (uid, f.counted())));
                return Err(e);
            }
        }
        self.finish(mailbox, settled).await?;
        if fresh.is_empty() {
            return Ok(());
        }
        mailbox.claim_all(&fresh).await?;
        let now = Instant::now();
        self.taken.extend(fresh.iter().map(|uid| (*uid, now)));
        let fetched = mailbox.fetch_all(&fresh).await?;
        for uid in &fresh {
            if !fetched.iter().any(|(f, _)| f == uid) {
                self.taken.remove(uid); // gone before it was fetched
            }
        }
        for (uid, raw) in fetched {
            let shared = Arc::clone(&self.shared);
            let handle = tasks.spawn(async move { answer(&shared, &raw, None).await });
            task_uids.insert(handle.id(), uid);
        }
        Ok(())
    }

    /// Put one candidate where it belongs: settled at once (answered
    /// before, too large, recovered) or fresh, for a task.
    async fn sort<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        candidate: Candidate,
        settled: &mut Vec<(u32, Finished)>,
        fresh: &mut Vec<u32>,
    ) -> Result<(), MailboxError> {
        let uid = candidate.uid;
        if candidate.sent {
            info!(
                uid,
                "finishing the removal of a message from before a restart"
            );
            settled.push((uid, Finished::Counted { outcome: None }));
        } else if candidate.size as usize > self.max_message_bytes {
            let outcome = Outcome::Review(ReviewReason::TooLarge);
            settled.push((uid, Finished::Settled { outcome }));
        } else if candidate.claimed {
            // An earlier run took it and stopped before marking it
            // sent: its reply may have gone. Done here, not in a task,
            // because the check needs the mailbox.
            info!(uid, "recovering a message claimed before a restart");
            let Some((_, raw)) = mailbox.fetch_all(&[uid]).await?.pop() else {
                return Ok(());
            };
            let finished = self.recover(mailbox, raw).await?;
            // Marked sent at once, not with the batch: a daemon crashing
            // over and over (a restart loop) would otherwise send every
            // recovered reply again at each crash.
            self.finish(mailbox, vec![(uid, finished)]).await?;
        } else {
            fresh.push(uid);
        }
        Ok(())
    }

    async fn recover<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        raw: Vec<u8>,
    ) -> Result<Finished, MailboxError> {
        let now = self.shared.engine.now();
        let processed =
            pipeline::process(&self.shared.engine, &self.shared.lookup, &raw, &now).await;
        if let Some(reply) = &processed.reply
            && mailbox.reply_in_sent(&reply.message_id).await?
        {
            info!("its reply is in the sent folder: not sending again");
            return Ok(Finished::Counted { outcome: None });
        }
        Ok(answer(&self.shared, &raw, Some(processed)).await)
    }

    /// Apply the ends of a batch of messages to the count and the
    /// mailbox. If the mailbox fails part way, what is left is kept for
    /// the reconnect: every mailbox step is safe to repeat, and nothing is
    /// counted twice.
    async fn finish<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        batch: Vec<(u32, Finished)>,
    ) -> Result<(), MailboxError> {
        if batch.is_empty() {
            return Ok(());
        }
        self.count_sent(&batch);
        let mut answered = Vec::new();
        let mut review = Vec::new();
        let mut ignored = Vec::new();
        let mut retry = Vec::new();
        for (uid, finished) in batch {
            match finished {
                Finished::Sent { outcome } => {
                    answered.push((
                        uid,
                        Finished::Counted {
                            outcome: Some(outcome),
                        },
                    ));
                }
                Finished::Counted { .. } => answered.push((uid, finished)),
                Finished::Settled {
                    outcome: Outcome::Review(_),
                } => review.push((uid, finished)),
                Finished::Settled { .. } => ignored.push((uid, finished)),
                Finished::Retry { .. } => retry.push((uid, finished)),
            }
        }
        let groups = [answered, review, ignored, retry];
        let mut groups = groups.into_iter().filter(|g| !g.is_empty());
        while let Some(group) = groups.next() {
            if let Err(e) = self.apply(mailbox, &group).await {
                self.unapplied.extend(group);
                self.unapplied.extend(groups.flatten());
                return Err(e);
            }
        }
        Ok(())
    }

    /// Count the replies sent in `batch` (one write for all).
    fn count_sent(&mut self, batch: &[(u32, Finished)]) {
        let tallies = batch.iter().filter_map(|(_, f)| match f {
            Finished::Sent {
                outcome: Outcome::Letters { letters, .. },
            } => Some(Tally::Letters(letters)),
            Finished::Sent { .. } => Some(Tally::Help),
            _ => None,
        });
        if let Err(e) = self.counter.record(tallies) {
            error!(error = %e, "the count could not be written");
        }
    }

    /// Apply one group of like ends with as few commands as possible.
    async fn apply<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        group: &[(u32, Finished)],
    ) -> Result<(), MailboxError> {
        let uids: Vec<u32> = group.iter().map(|(uid, _)| *uid).collect();
        match &group[0].1 {
            Finished::Sent { .. } | Finished::Counted { .. } => {
                mailbox.finish_answered(&uids).await?;
            }
            Finished::Settled { outcome } => match outcome {
                Outcome::Review(_) => mailbox.move_all(&uids, &self.folders.review).await?,
                _ => match &self.folders.ignored {
                    Some(folder) => mailbox.move_all(&uids, folder).await?,
                    None => mailbox.remove_all(&uids).await?,
                },
            },
            Finished::Retry { .. } => mailbox.release_all(&uids).await?,
        }
        for (uid, finished) in group {
            let uid = *uid;
            let ms = self
                .taken
                .remove(&uid)
                .map(|at| u64::try_from(at.elapsed().as_millis()).unwrap_or(u64::MAX));
            match finished {
                Finished::Sent { outcome }
                | Finished::Counted {
                    outcome: Some(outcome),
                } => {
                    self.retry.remove(&uid);
                    match outcome {
                        Outcome::Letters { .. } => self.summary.letters += 1,
                        _ => self.summary.help += 1,
                    }
                    info!(
                        uid,
                        outcome = outcome.class(),
                        reason = outcome.reason(),
                        ms,
                        "answered"
                    );
                }
                Finished::Counted { outcome: None } => {
                    info!(uid, "removed");
                }
                Finished::Settled { outcome } => {
                    self.retry.remove(&uid);
                    if matches!(outcome, Outcome::Review(_)) {
                        self.summary.review += 1;
                    } else {
                        self.summary.ignored += 1;
                    }
                    info!(
                        uid,
                        outcome = outcome.class(),
                        reason = outcome.reason(),
                        ms,
                        "not answered"
                    );
                }
                Finished::Retry { why } => {
                    self.summary.retried += 1;
                    let attempts = self.retry.get(&uid).map_or(0, |(n, _)| *n) + 1;
                    let wait = retry_wait(self.config, attempts);
                    self.retry.insert(uid, (attempts, Instant::now() + wait));
                    info!(
                        uid,
                        why,
                        attempts,
                        retry_in_secs = wait.as_secs(),
                        ms,
                        "left for later"
                    );
                }
            }
        }
        Ok(())
    }
}
impl Engine {
    /// The time now in the campaign's zone, for dating letters.
    pub fn now(&self) -> jiff::Zoned {
        jiff::Zoned::now().with_time_zone(self.config.time_zone.clone())
    }
}

/// Everything from the raw message to the relay's answer; touches no
/// mailbox. `processed` is given when the caller already processed it.
async fn answer<L: MpLookup, O: Outbox>(
    shared: &Shared<L, O>,
    raw: &[u8],
    processed: Option<pipeline::Processed>,
) -> Finished {
    let processed = match processed {
        Some(p) => p,
        None => {
            let now = shared.engine.now();
            pipeline::process(&shared.engine, &shared.lookup, raw, &now).await
        }
    };
    let outcome = processed.outcome;
    let (reply, kind) = match (&outcome, processed.reply) {
        (Outcome::Deferred, _) => {
            return Finished::Retry {
                why: "mp_lookup_unavailable",
            };
        }
        (Outcome::Letters { .. }, Some(reply)) => (reply, ReplyKind::Letters),
        (Outcome::Help(_), Some(reply)) => (reply, ReplyKind::Help),
        _ => return Finished::Settled { outcome },
    };
    let Some(to) = reply
        .message
        .envelope()
        .to()
        .first()
        .map(ToString::to_string)
    else {
        return Finished::Settled {
            outcome: Outcome::Ignored(IgnoreReason::NoSender),
        };
    };
    let verdict = lock(&shared.limits).take(&to, kind, std::time::Instant::now());
    match verdict {
        Verdict::Allow => {}
        Verdict::SenderCapped => {
            return Finished::Settled {
                outcome: Outcome::Ignored(IgnoreReason::RateLimited),
            };
        }
        Verdict::Busy => return Finished::Retry { why: "reply_cap" },
    }
    match shared.outbox.send(&reply).await {
        Ok(()) => Finished::Sent { outcome },
        Err(e) => {
            lock(&shared.limits).give_back(&to, kind);
            match e {
                SendError::Transient(why) => Finished::Retry { why },
                SendError::Permanent { code } => {
                    warn!(
                        code,
                        "the relay refused a reply; the message goes to review"
                    );
                    Finished::Settled {
                        outcome: Outcome::Review(ReviewReason::SendRefused),
                    }
                }
            }
        }
    }
}

/// Whether to stop: asked for, or nobody is left to ask (the sender is
/// gone, and waiting on it would return at once, for ever).
fn stop_requested(shutdown: &watch::Receiver<bool>) -> bool {
    *shutdown.borrow() || shutdown.has_changed().is_err()
}

/// The limits' lock; a panic while it was held left it consistent (each
/// change is a push or a pop), so a poisoned lock is used as it is.
fn lock(limits: &Mutex<Limits>) -> std::sync::MutexGuard<'_, Limits> {
    limits
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The wait before attempt `attempts + 1`: doubling from the minimum up to
/// the maximum.
fn retry_wait(config: DaemonConfig, attempts: u32) -> Duration {
    let factor = 1u32 << attempts.saturating_sub(1).min(16);
    config
        .retry_min
        .saturating_mul(factor)
        .min(config.retry_max)
}

/// Capped exponential backoff with jitter, for reconnecting.
struct Backoff {
    first: Duration,
    cap: Duration,
    next: Duration,
}

impl Backoff {
    fn new(first: Duration, cap: Duration) -> Backoff {
        Backoff {
            first,
            cap,
            next: first,
        }
    }

    fn reset(&mut self) {
        self.next = self.first;
    }

    /// The next pause: between half and all of the current step, so many
    /// daemons restarting together do not reconnect in step.
    fn next(&mut self) -> Duration {
        let step = self.next;
        self.next = (self.next * 2).min(self.cap);
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(0);
        let fraction = (hasher.finish() % 1000) as f64 / 1000.0;
        step.mul_f64(0.5 + fraction / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_up_to_the_cap() {
        let config = DaemonConfig {
            max_in_flight: 1,
            retry_min: Duration::from_secs(30),
            retry_max: Duration::from_secs(300),
        };
        let waits: Vec<u64> = (1..=6).map(|n| retry_wait(config, n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 300, 300]);
    }

    #[test]
    fn reconnect_pauses_grow_with_jitter_and_stop_at_the_cap() {
        let mut b = Backoff::new(Duration::from_secs(1), Duration::from_secs(8));
        let pauses: Vec<Duration> = (0..6).map(|_| b.next()).collect();
        for (pause, step) in pauses.iter().zip([1, 2, 4, 8, 8, 8]) {
            let step = Duration::from_secs(step);
            assert!(
                *pause >= step / 2 && *pause <= step,
                "{pause:?} for {step:?}"
            );
        }
        b.reset();
        assert!(b.next() <= Duration::from_secs(1));
    }
}
