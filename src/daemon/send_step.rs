//! The send step: a message through the pipeline, the reply caps and the
//! relay, to how it ended. Touches no mailbox, so it runs in a task of its
//! own, many side by side.

use std::time::Duration;

use sha2::{Digest, Sha256};
use tokio::time::Instant;
use tracing::warn;

use super::pause::PauseReason;
use super::{Finished, Shared, lock};
use crate::limits::{ReplyKind, Verdict};
use crate::lookup::MpLookup;
use crate::pipeline::{self, Outcome, ReviewReason};
use crate::screen::IgnoreReason;
use crate::send::{Outbox, SendError};
use crate::status::epoch_seconds;

/// Everything from the raw message to the relay's answer; touches no
/// mailbox. `processed` is given when the caller already processed it.
pub(super) async fn answer<L: MpLookup + Sync, O: Outbox>(
    shared: &Shared<L, O>,
    raw: &[u8],
    processed: Option<pipeline::Processed>,
) -> Finished {
    let processed = match processed {
        Some(p) => p,
        None => {
            let now = shared.engine.config.now();
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
    let emails = u32::try_from(reply.emails()).unwrap_or(u32::MAX);
    if let Some(reason) = lock(&shared.pause).reason(Instant::now()) {
        return Finished::Wait {
            why: reason.as_str(),
        };
    }
    let verdict = lock(&shared.limits).take(&to, kind, emails, std::time::Instant::now());
    match verdict {
        Verdict::Allow => {}
        Verdict::SenderCapped => {
            return Finished::Settled {
                outcome: Outcome::Ignored(IgnoreReason::RateLimited),
            };
        }
        Verdict::Busy => return Finished::Retry { why: "reply_cap" },
    }
    let Some(taken_ms) = take_budget(shared, emails).await else {
        lock(&shared.limits).give_back(&to, kind, emails);
        return Finished::Wait {
            why: PauseReason::DailyCap.as_str(),
        };
    };
    let status = &shared.status;
    let key: [u8; 32] = Sha256::digest(reply.message_id.as_bytes()).into();
    let error = match shared.outbox.send(&reply).await {
        Ok(()) => {
            lock(&shared.pause).sent();
            status.relay_heard(true, epoch_seconds());
            let kind = match kind {
                ReplyKind::Letters => "letters",
                ReplyKind::Help => "help",
            };
            status.metrics.reply_sent(kind, emails);
            return Finished::Sent { outcome, key };
        }
        Err(error) => error,
    };
    status.metrics.relay_failed(error.class());
    status.relay_heard(error.relay_answered(), epoch_seconds());
    lock(&shared.limits).give_back(&to, kind, emails);
    lock(&shared.budget).give_back(emails, taken_ms);
    match (error, PauseReason::of(error, shared.quota_wait)) {
        (_, Some((reason, wait))) => {
            lock(&shared.pause).start(reason, wait, Instant::now());
            status.metrics.pause_started(reason.as_str());
            Finished::Wait {
                why: reason.as_str(),
            }
        }
        (SendError::Transient(why), None) => Finished::Retry { why },
        // A 5xx about this one message.
        (refused, None) => {
            warn!(error = %refused, "the relay refused a reply; the message goes to review");
            Finished::Settled {
                outcome: Outcome::Review(ReviewReason::SendRefused),
            }
        }
    }
}

/// The longest a task waits in hand for the minute's cap; a longer wait
/// (the day's cap) pauses sending instead and releases the message.
const LONGEST_IN_HAND: Duration = Duration::from_secs(90);

/// Take `emails` from the send caps, waiting in hand for a place in the
/// minute's; `None` when the day's cap is reached (sending is then
/// paused). The time taken, for giving them back.
async fn take_budget<L, O>(shared: &Shared<L, O>, emails: u32) -> Option<u64> {
    loop {
        let now_ms = shared.clock.now_ms();
        let wait = match lock(&shared.budget).take(emails, now_ms) {
            Ok(()) => return Some(now_ms),
            Err(wait) => wait,
        };
        if wait > LONGEST_IN_HAND {
            lock(&shared.pause).start(PauseReason::DailyCap, wait, Instant::now());
            let reason = PauseReason::DailyCap.as_str();
            shared.status.metrics.pause_started(reason);
            return None;
        }
        tokio::time::sleep(wait).await;
    }
}
