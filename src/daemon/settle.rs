//! Settling finished messages: the count first, then the mailbox (marked
//! sent and removed, moved to review or ignored, or released for a retry),
//! like ends together in as few IMAP commands as possible.

use tokio::time::Instant;
use tracing::{error, info};

use super::retry::retry_wait;
use super::{Daemon, Finished, lock};
use crate::count::{Reply, Tally, Written};
use crate::lookup::MpLookup;
use crate::mailbox::{Mailbox, MailboxError};
use crate::pipeline::Outcome;
use crate::send::Outbox;

/// The longest a batch waits for the shared count's commit before its
/// messages are marked sent.
const COUNT_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

impl<L, O> Daemon<L, O>
where
    L: MpLookup + Send + Sync + 'static,
    O: Outbox + Send + Sync + 'static,
{
    /// Apply the ends of a batch of messages to the count and the
    /// mailbox. If the mailbox fails part way, what is left is kept for
    /// the reconnect: every mailbox step is safe to repeat, and nothing is
    /// counted twice.
    pub(super) async fn finish<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        batch: Vec<(u32, Finished)>,
    ) -> Result<(), MailboxError> {
        if batch.is_empty() {
            return Ok(());
        }
        if let Some(written) = self.count_sent(&batch) {
            // Marked sent only once counted, while the shared count's
            // database answers: a crash then leaves nothing uncounted that
            // a recovery would not count (a repeat counts once, by key).
            let _ = tokio::time::timeout(COUNT_WAIT, written).await;
        }
        let mut answered = Vec::new();
        let mut review = Vec::new();
        let mut ignored = Vec::new();
        let mut retry = Vec::new();
        for (uid, finished) in batch {
            match finished {
                Finished::Sent { outcome, .. } => {
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
                Finished::Retry { .. } | Finished::Wait { .. } => retry.push((uid, finished)),
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
        self.show_in_hand();
        Ok(())
    }

    /// Tell the metrics what is in hand: messages taken and not settled,
    /// and messages waiting for a retry or the end of a pause.
    pub(super) fn show_in_hand(&self) {
        let metrics = &self.shared.status.metrics;
        metrics.set_in_hand(self.taken.len(), self.retry.len());
    }

    /// Count the replies sent in `batch` (one write for all). The shared
    /// store writes in the background; what it gives back tells when.
    pub(super) fn count_sent(&mut self, batch: &[(u32, Finished)]) -> Option<Written> {
        let tallies = batch.iter().filter_map(|(_, f)| match f {
            Finished::Sent {
                outcome: Outcome::Letters { letters, .. },
                key,
            } => Some(Reply {
                tally: Tally::Letters(letters),
                key,
            }),
            Finished::Sent { key, .. } => Some(Reply {
                tally: Tally::Help,
                key,
            }),
            _ => None,
        });
        let written = match self.counter.record(tallies) {
            Ok(written) => written,
            Err(e) => {
                error!(error = %e, "the count could not be written");
                None
            }
        };
        self.shared.status.set_counts(&self.counter.counts());
        self.save_sent_hours(batch);
        self.save_pause();
        written
    }

    /// Tell `postbag check` when sending is paused, and why; only when
    /// that changed.
    fn save_pause(&mut self) {
        let now = Instant::now();
        let paused = lock(&self.shared.pause).active(now);
        self.shared.status.metrics.set_paused(paused.is_some());
        let paused = paused.map(|(until, reason)| crate::count::Paused {
            reason: reason.as_str().to_owned(),
            hint: reason.hint().to_owned(),
            until: (self.shared.clock.now_ms() + (until - now).as_millis() as u64) / 1000,
        });
        // The first time, whatever an earlier run left is replaced.
        let same = |a: &crate::count::Paused, b: &crate::count::Paused| {
            a.reason == b.reason && a.until.abs_diff(b.until) < 2
        };
        if let Some(saved) = &self.pause_saved {
            match (saved, &paused) {
                (None, None) => return,
                (Some(a), Some(b)) if same(a, b) => return,
                _ => {}
            }
        }
        if let Err(e) = self.counter.save_pause(paused.as_ref()) {
            error!(error = %e, "the pause could not be written for `postbag check`");
        }
        self.pause_saved = Some(paused);
    }

    /// Keep the day's send count for `smtp.max_per_day` across a
    /// restart, when this batch sent anything and a cap is set.
    fn save_sent_hours(&self, batch: &[(u32, Finished)]) {
        if !batch
            .iter()
            .any(|(_, f)| matches!(f, Finished::Sent { .. }))
        {
            return;
        }
        let hours = {
            let budget = lock(&self.shared.budget);
            if !budget.is_capped() {
                return;
            }
            budget.hours()
        };
        if let Err(e) = self.counter.save_sent_hours(hours) {
            error!(error = %e, "the day's send count could not be written");
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
            Finished::Retry { .. } | Finished::Wait { .. } => mailbox.release_all(&uids).await?,
        }
        let metrics = &self.shared.status.metrics;
        for (uid, finished) in group {
            let uid = *uid;
            match finished {
                Finished::Sent { outcome, .. }
                | Finished::Counted {
                    outcome: Some(outcome),
                }
                | Finished::Settled { outcome } => {
                    metrics.settled(outcome.class(), outcome.reason())
                }
                Finished::Retry { why } | Finished::Wait { why } => metrics.left_for_later(why),
                Finished::Counted { outcome: None } => {}
            }
            let ms = self
                .taken
                .remove(&uid)
                .map(|at| u64::try_from(at.elapsed().as_millis()).unwrap_or(u64::MAX));
            match finished {
                Finished::Sent { outcome, .. }
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
                Finished::Wait { why } => {
                    // No backoff of its own: the pause holds every
                    // message. (One held in the processing folder is
                    // known as this run's own by its entry.)
                    self.summary.retried += 1;
                    self.retry.entry(uid).or_insert((0, Instant::now()));
                    info!(uid, why, ms, "left until sending resumes");
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
