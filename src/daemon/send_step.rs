//! The send step: a message through the pipeline, the reply caps and the
//! relay, to how it ended. Touches no mailbox, so it runs in a task of its
//! own, many side by side.

use std::sync::Mutex;

use tracing::warn;

use super::{Finished, Shared};
use crate::limits::{Limits, ReplyKind, Verdict};
use crate::lookup::MpLookup;
use crate::pipeline::{self, Outcome, ReviewReason};
use crate::screen::IgnoreReason;
use crate::send::{Outbox, SendError};

/// Everything from the raw message to the relay's answer; touches no
/// mailbox. `processed` is given when the caller already processed it.
pub(super) async fn answer<L: MpLookup, O: Outbox>(
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
    match shared.outbox.send(&reply).await {
        Ok(()) => Finished::Sent { outcome },
        Err(e) => {
            lock(&shared.limits).give_back(&to, kind, emails);
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

/// The limits' lock; a panic while it was held left it consistent (each
/// change is a push or a pop), so a poisoned lock is used as it is.
fn lock(limits: &Mutex<Limits>) -> std::sync::MutexGuard<'_, Limits> {
    limits
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
