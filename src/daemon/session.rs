//! One IMAP connection's loop: look for mail, take a batch, run each
//! message in its own task, settle what finished, wait for more.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::Instant;
use tracing::{debug, error, info};

use super::send_step::answer;
use super::{Daemon, Finished, lock};
use crate::lookup::MpLookup;
use crate::mailbox::{Candidate, Mailbox, MailboxError, PROCESSING, Wake};
use crate::pipeline::{self, Outcome, ReviewReason};
use crate::send::Outbox;
use crate::shutdown::Shutdown;

/// How one connection's loop ended.
pub(super) enum SessionEnd {
    Shutdown,
    /// `--once`: nothing left that can be done now.
    Drained,
}

/// The messages being answered in their own tasks, by UID.
#[derive(Default)]
pub(super) struct InFlight {
    tasks: JoinSet<Finished>,
    uids: HashMap<tokio::task::Id, u32>,
}

impl InFlight {
    fn spawn(&mut self, uid: u32, task: impl Future<Output = Finished> + Send + 'static) {
        let handle = self.tasks.spawn(task);
        self.uids.insert(handle.id(), uid);
    }

    fn len(&self) -> usize {
        self.tasks.len()
    }

    fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }

    /// Wait for one task, and take whatever else is done by now with it:
    /// one count write and a few IMAP commands for the lot.
    async fn next_batch(&mut self) -> Vec<(u32, Finished)> {
        let Some(first) = self.tasks.join_next_with_id().await else {
            return Vec::new();
        };
        let mut joined = vec![first];
        while let Some(more) = self.tasks.try_join_next_with_id() {
            joined.push(more);
        }
        joined
            .into_iter()
            .filter_map(|joined| match joined {
                Ok((id, finished)) => Some((self.uids.remove(&id)?, finished)),
                Err(e) => {
                    error!("a message's task failed: a bug in postbag");
                    let outcome = Outcome::Review(ReviewReason::Internal);
                    Some((self.uids.remove(&e.id())?, Finished::Settled { outcome }))
                }
            })
            .collect()
    }

    /// Let every task finish (the connection is gone, the tasks are not)
    /// and hand back what each did.
    async fn drain(&mut self) -> Vec<(u32, Finished)> {
        let mut done = Vec::new();
        while let Some(joined) = self.tasks.join_next_with_id().await {
            if let Ok((id, finished)) = joined
                && let Some(uid) = self.uids.remove(&id)
            {
                done.push((uid, finished));
            }
        }
        done
    }
}

/// What one connection's loop holds.
#[derive(Default)]
struct Session {
    in_flight: InFlight,
    /// Candidates found by the last scan and not yet taken.
    queue: VecDeque<Candidate>,
    /// Whether to look at the mailbox again before waiting.
    scan: bool,
}

impl<L, O> Daemon<L, O>
where
    L: MpLookup + Send + Sync + 'static,
    O: Outbox + Send + Sync + 'static,
{
    /// One connection's loop. On a mailbox failure, the tasks in flight
    /// still finish, and what they did is applied after the reconnect.
    pub(super) async fn session<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        shutdown: &mut Shutdown,
        once: bool,
    ) -> Result<SessionEnd, MailboxError> {
        let left = std::mem::take(&mut self.unapplied);
        self.finish(mailbox, left).await?;
        let mut session = Session {
            scan: true,
            ..Session::default()
        };
        let result = self.turns(mailbox, &mut session, shutdown, once).await;
        if let Err(e) = &result {
            let in_flight = session.in_flight.len();
            debug!(error = %e, in_flight, "keeping results for the reconnect");
            let done = session.in_flight.drain().await;
            self.unapplied.extend(done);
        }
        result
    }

    /// The loop's turns: fill the free places, else look for mail or wait
    /// when nothing is in flight, else settle what finishes.
    async fn turns<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        session: &mut Session,
        shutdown: &mut Shutdown,
        once: bool,
    ) -> Result<SessionEnd, MailboxError> {
        loop {
            let stopping = shutdown.is_shutdown();
            if stopping && session.in_flight.is_empty() {
                return Ok(SessionEnd::Shutdown);
            }
            if stopping {
                // Take nothing more; settle what is in flight.
            } else if self.take_next(mailbox, session).await? {
                continue;
            } else if session.in_flight.is_empty() {
                if let Some(end) = self.look_or_wait(mailbox, session, shutdown, once).await? {
                    return Ok(end);
                }
                continue;
            }
            tokio::select! {
                done = session.in_flight.next_batch() => {
                    self.finish(mailbox, done).await?;
                    if session.queue.is_empty() && session.in_flight.is_empty() {
                        session.scan = true;
                    }
                }
                () = shutdown.recv(), if !stopping => {
                    let in_flight = session.in_flight.len();
                    info!(in_flight, "stopping: finishing the messages in flight");
                }
            }
        }
    }

    /// Take queued messages into the free places, if there are both.
    async fn take_next<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        session: &mut Session,
    ) -> Result<bool, MailboxError> {
        let free = self
            .config
            .max_in_flight
            .saturating_sub(session.in_flight.len());
        if free == 0 || session.queue.is_empty() || self.paused_until().is_some() {
            return Ok(false);
        }
        let count = free.min(session.queue.len());
        let batch: Vec<Candidate> = session.queue.drain(..count).collect();
        self.start(mailbox, batch, &mut session.in_flight).await?;
        Ok(true)
    }

    /// With nothing in flight: scan the mailbox if due, else wait for new
    /// mail or the next retry. `Some` ends the session.
    async fn look_or_wait<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        session: &mut Session,
        shutdown: &mut Shutdown,
        once: bool,
    ) -> Result<Option<SessionEnd>, MailboxError> {
        if session.scan {
            mailbox.purge().await?;
            let candidates = mailbox.candidates().await?;
            self.purge_sent_if_due(mailbox, &candidates).await?;
            let candidates = self.without_others_claims(mailbox, candidates).await?;
            session.queue = self.ready(candidates);
            if let Some(others) = &mut self.others {
                let places = self.config.max_in_flight;
                others
                    .spread
                    .choose(&mut session.queue, places, Instant::now());
            }
            session.scan = false;
            if !session.queue.is_empty() {
                return Ok(None);
            }
        }
        if once {
            return Ok(Some(SessionEnd::Drained));
        }
        // While sending is paused, nothing is taken before the pause ends.
        let next = self.paused_until().or_else(|| {
            [self.next_retry(), self.next_lease_expiry()]
                .into_iter()
                .flatten()
                .min()
        });
        let limit = next.map_or(Duration::from_secs(3600), |at| {
            at.saturating_duration_since(Instant::now())
        });
        match mailbox.wait(limit, shutdown).await? {
            Wake::Shutdown => Ok(Some(SessionEnd::Shutdown)),
            _ => {
                session.scan = true;
                Ok(None)
            }
        }
    }

    /// When sending resumes, if it is paused.
    fn paused_until(&self) -> Option<Instant> {
        lock(&self.shared.pause).until(Instant::now())
    }

    /// Take a batch of messages: what needs the mailbox is done here, the
    /// rest in one task per message.
    async fn start<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        batch: Vec<Candidate>,
        in_flight: &mut InFlight,
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
        let (fresh, held): (Vec<u32>, Vec<u32>) =
            fresh.into_iter().partition(|uid| uid & PROCESSING == 0);
        if fresh.is_empty() && held.is_empty() {
            return Ok(());
        }
        // A claim by moving gives new UIDs; messages this run already
        // holds in the processing folder need no claim.
        let mut taken = mailbox.claim_all(&fresh).await?;
        let metrics = &self.shared.status.metrics;
        metrics.claims("won", taken.len());
        // With several instances, another may have taken some first.
        metrics.claims("lost", fresh.len() - taken.len());
        taken.extend(held);
        let now = Instant::now();
        self.taken.extend(taken.iter().map(|uid| (*uid, now)));
        let fetched = mailbox.fetch_all(&taken).await?;
        for uid in &taken {
            if !fetched.iter().any(|(f, _)| f == uid) {
                self.taken.remove(uid); // gone before it was fetched
            }
        }
        for (uid, raw) in fetched {
            let shared = Arc::clone(&self.shared);
            in_flight.spawn(uid, async move { answer(&shared, &raw, None).await });
        }
        self.show_in_hand();
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
        } else if candidate.claimed && self.retry.contains_key(&uid) {
            // Ours, held in the processing folder for a retry.
            fresh.push(uid);
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
        let now = self.shared.engine.config.now();
        let processed =
            pipeline::process(&self.shared.engine, &self.shared.lookup, &raw, &now).await;
        if let Some(reply) = &processed.reply
            && mailbox.reply_in_sent(reply.last_message_id()).await?
        {
            info!("its reply is in the sent folder: not sending again");
            return Ok(Finished::Counted { outcome: None });
        }
        Ok(answer(&self.shared, &raw, Some(processed)).await)
    }
}
