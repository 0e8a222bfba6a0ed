//! The relay's copies of postbag's replies in the sent folder, removed
//! once no crash recovery can need them (see `mailbox::sent`).

use std::time::Duration;

use tokio::time::Instant;
use tracing::{info, warn};

use super::Daemon;
use crate::mailbox::{Candidate, Mailbox, MailboxError};
use crate::reply::is_own_message_id;

/// The least time between two looks at the sent folder while mail keeps
/// coming; an idle mailbox is looked at each time it is scanned.
const EVERY: Duration = Duration::from_secs(60);

impl<L, O> Daemon<L, O> {
    /// Remove old copies of replies from the sent folder, unless a
    /// claimed message not yet marked sent is waiting: its recovery
    /// looks there for its reply first.
    pub(super) async fn purge_sent_if_due<M: Mailbox>(
        &mut self,
        mailbox: &mut M,
        candidates: &[Candidate],
    ) -> Result<(), MailboxError> {
        let Some(imap) = &self.shared.engine.config.imap else {
            return Ok(());
        };
        if imap.sent_folder.is_none() || candidates.iter().any(|c| c.claimed && !c.sent) {
            return Ok(());
        }
        let due = candidates.is_empty() || self.sent_purged.is_none_or(|at| at.elapsed() >= EVERY);
        if !due {
            return Ok(());
        }
        let keep = imap.sent_keep;
        let address = self.shared.engine.config.address.clone();
        let own = move |id: &str| is_own_message_id(id, &address);
        self.sent_purged = Some(Instant::now());
        match mailbox.purge_sent(keep, &own).await {
            Ok(0) => Ok(()),
            Ok(removed) => {
                info!(
                    removed,
                    "removed old copies of replies from the sent folder"
                );
                Ok(())
            }
            // A folder the server will not open is a setting to fix, not
            // a reason to stop answering.
            Err(MailboxError::Refused { command, answer }) => {
                warn!(
                    command,
                    answer, "cannot clear the sent folder: check imap.sent_folder"
                );
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}
