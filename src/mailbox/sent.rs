//! Removing postbag's own replies from the sent folder. Gmail and
//! Microsoft 365 file a copy of everything their SMTP sends, so every
//! supporter's name and address would stay in the campaign's mailbox. A
//! copy is needed only to tell, after a crash, whether a claimed message
//! was answered already; once it is older than `imap.sent_keep_secs` (and
//! no claimed message waits for that check, which the caller sees to) it
//! is removed. Only copies that are postbag's own go: automatic replies
//! (`Auto-Submitted`) whose Message-ID has postbag's shape and the
//! campaign's domain. What a person sent from the mailbox stays.

use std::time::{Duration, SystemTime};

use futures_util::TryStreamExt;

use super::MailboxError;
use super::connect::timed;
use super::imap::{ImapMailbox, uid_set};

impl ImapMailbox {
    /// Remove the copies of postbag's replies older than `keep` from
    /// `imap.sent_folder`; `own` tells postbag's Message-IDs. How many
    /// went.
    pub(super) async fn purge_sent_copies(
        &mut self,
        keep: Duration,
        own: &(dyn Fn(&str) -> bool + Sync),
    ) -> Result<usize, MailboxError> {
        let Some(sent) = self.config.sent_folder.clone() else {
            return Ok(0);
        };
        let session = self.session()?;
        let result = match timed("SELECT (sent)", session.select(&sent)).await {
            Ok(_) => match self.old_own_copies(keep, own).await {
                Ok(uids) if !uids.is_empty() => {
                    self.remove_copies(&uids).await.map(|()| uids.len())
                }
                other => other.map(|_| 0),
            },
            Err(e) => Err(e),
        };
        // Back to the campaign mailbox whatever happened: a refused
        // SELECT leaves none selected.
        let mailbox = self.config.mailbox.clone();
        self.select(&mailbox).await?;
        result
    }

    /// The selected sent folder's copies of postbag's replies older than
    /// `keep`.
    async fn old_own_copies(
        &mut self,
        keep: Duration,
        own: &(dyn Fn(&str) -> bool + Sync),
    ) -> Result<Vec<u32>, MailboxError> {
        let session = self.session()?;
        let found = timed(
            "UID SEARCH (sent)",
            session.uid_search("HEADER Auto-Submitted \"auto-replied\""),
        )
        .await?;
        if found.is_empty() {
            return Ok(Vec::new());
        }
        let mut found: Vec<u32> = found.into_iter().collect();
        found.sort_unstable();
        let before = SystemTime::now()
            .checked_sub(keep)
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        let mut old = Vec::new();
        for chunk in found.chunks(500) {
            let session = self.session()?;
            let fetched = timed("UID FETCH (sent)", async {
                session
                    .uid_fetch(
                        uid_set(chunk),
                        "(UID INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])",
                    )
                    .await?
                    .try_collect::<Vec<_>>()
                    .await
            })
            .await?;
            for fetch in &fetched {
                let (Some(uid), Some(date)) = (fetch.uid, fetch.internal_date()) else {
                    continue;
                };
                let id = fetch
                    .header()
                    .map(String::from_utf8_lossy)
                    .and_then(|h| {
                        h.split_once(':')
                            .map(|(_, v)| v.split_whitespace().collect::<String>())
                    })
                    .unwrap_or_default();
                if date.timestamp() < before && own(&id) {
                    old.push(uid);
                }
            }
        }
        Ok(old)
    }

    /// Remove copies for good. Where an expunge only archives (Gmail),
    /// they go by way of the trash, claimed so its purge takes them.
    async fn remove_copies(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        match self.config.trash_folder.clone() {
            Some(trash) if self.abilities.move_command && self.abilities.keywords => {
                let keyword = self.config.claim_keyword.clone();
                self.store(uids, &format!("+FLAGS.SILENT ({keyword})"))
                    .await?;
                let session = self.session()?;
                timed("UID MOVE (sent)", session.uid_mv(uid_set(uids), &trash)).await
            }
            _ => {
                self.store(uids, "+FLAGS.SILENT (\\Deleted)").await?;
                self.expunge(uids).await
            }
        }
    }
}
