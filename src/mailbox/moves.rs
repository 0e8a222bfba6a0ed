//! Claims by moving, for servers that keep no keywords (Exchange Online):
//! a message is claimed by `UID MOVE` into `imap.processing_folder`, where
//! only postbag puts mail, so two claims cannot both take it and a crash
//! leaves it there, found and recovered by the next run.
//!
//! The server's `COPYUID` (RFC 4315, RFC 6851 §4.3) gives each claimed
//! message's UID in that folder; the daemon holds it with the top bit set
//! ([`PROCESSING`]), so every later step (fetch, mark, remove, move,
//! release) knows which folder it is in, across reconnects, with nothing
//! kept here. A message the server gave no new UID for is left to be
//! found in the folder at the next scan. Its reply marked as sent is
//! `\Answered`, a flag every server keeps. A message left for a retry
//! stays in the folder, held by its UID and its backoff.
//!
//! With several instances on the mailbox, a claim another one left
//! unchanged for the lease is taken over by moving it onto the processing
//! folder itself: a new UID, given to one instance only.

use async_imap::imap_proto::rfc4315::UidSetMember;
use async_imap::imap_proto::{Response, ResponseCode};
use async_imap::types::Flag;
use futures_util::TryStreamExt;
use tracing::warn;

use super::connect::{run_raw, timed};
use super::imap::{ImapMailbox, uid_set};
use super::{Candidate, MailboxError};

/// The top bit of a UID the daemon holds: the message is in the
/// processing folder, under the rest.
pub const PROCESSING: u32 = 1 << 31;

/// The processing folder's UIDs among `uids`, and the campaign
/// mailbox's.
pub(super) fn split(uids: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let (processing, inbox): (Vec<u32>, Vec<u32>) =
        uids.iter().partition(|uid| **uid & PROCESSING != 0);
    (
        inbox,
        processing.iter().map(|uid| uid & !PROCESSING).collect(),
    )
}

/// What to do to messages in the processing folder.
pub(super) enum Step<'a> {
    Fetch,
    /// The relay accepted their replies: mark and remove them.
    Answered,
    Remove,
    MoveTo(&'a str),
}

/// A folder name as an IMAP quoted string.
fn quoted(folder: &str) -> Result<String, MailboxError> {
    if folder.contains(['\r', '\n']) {
        return Err(MailboxError::NoFolder(folder.to_owned()));
    }
    Ok(format!(
        "\"{}\"",
        folder.replace('\\', "\\\\").replace('"', "\\\"")
    ))
}

/// Every UID a `COPYUID` set names, in order.
fn expand(set: &[UidSetMember]) -> Vec<u32> {
    set.iter()
        .flat_map(|m| match m {
            UidSetMember::Uid(uid) => *uid..=*uid,
            UidSetMember::UidRange(range) => range.clone(),
        })
        .collect()
}

impl ImapMailbox {
    /// Claim `uids` by moving them to the processing folder; the UIDs to
    /// hold them by from now on.
    pub(super) async fn claim_by_move(&mut self, uids: &[u32]) -> Result<Vec<u32>, MailboxError> {
        let moved = self.move_to_processing(uids, "UID MOVE (claim)").await?;
        // In the order asked; a message that moved with no new UID given
        // is found in the folder at the next scan.
        Ok(uids
            .iter()
            .filter_map(|uid| moved.iter().find(|(from, _)| from == uid))
            .map(|(_, to)| to | PROCESSING)
            .collect())
    }

    /// Take over other instances' claims in the processing folder (its
    /// own `uids`) by moving each onto the folder itself: the server gives
    /// a message a new UID once, so of two instances moving it at the
    /// same moment only one is told one. The pairs (held by, to hold by).
    /// A server that refuses a move within one folder keeps them there;
    /// the log says so.
    pub(super) async fn take_over_moved(
        &mut self,
        uids: &[u32],
    ) -> Result<Vec<(u32, u32)>, MailboxError> {
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let folder = self.config.processing_folder.clone();
        let session = self.session()?;
        timed("SELECT (processing)", session.select(&folder)).await?;
        let moved = self.move_to_processing(uids, "UID MOVE (take over)").await;
        let mailbox = self.config.mailbox.clone();
        self.select(&mailbox).await?;
        match moved {
            Ok(moved) => Ok(moved
                .into_iter()
                .map(|(from, to)| (from | PROCESSING, to | PROCESSING))
                .collect()),
            Err(MailboxError::Refused { .. }) => {
                warn!(
                    messages = uids.len(),
                    "the server refused to move claims within the processing folder, so they cannot be taken over; move them back to the mailbox to have them answered"
                );
                Ok(Vec::new())
            }
            Err(e) => Err(e),
        }
    }

    /// `UID MOVE` `uids` of the selected folder into the processing
    /// folder; the (from, to) UIDs the server's `COPYUID` gave.
    async fn move_to_processing(
        &mut self,
        uids: &[u32],
        what: &'static str,
    ) -> Result<Vec<(u32, u32)>, MailboxError> {
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let folder = quoted(&self.config.processing_folder)?;
        let command = format!("UID MOVE {} {folder}", uid_set(uids));
        let mut moved = Vec::new();
        // COPYUID comes in an untagged OK (RFC 6851) or the tagged one.
        run_raw(self.session()?, &command, what, |response| {
            let (Response::Data { outcome, .. } | Response::Done { outcome, .. }) = response else {
                return;
            };
            if let Some(ResponseCode::CopyUid(_, from, to)) = &outcome.code {
                moved.extend(expand(from).into_iter().zip(expand(to)));
            }
        })
        .await?;
        Ok(moved)
    }

    /// The messages an earlier run left in the processing folder: claimed
    /// and not finished (sent, if `\Answered`).
    pub(super) async fn processing_candidates(&mut self) -> Result<Vec<Candidate>, MailboxError> {
        let folder = self.config.processing_folder.clone();
        let session = self.session()?;
        let selected = timed("SELECT (processing)", session.select(&folder)).await;
        let result = match selected {
            Ok(mailbox) if mailbox.exists > 0 => {
                let session = self.session()?;
                timed("UID FETCH (processing)", async {
                    session
                        .uid_fetch("1:*", "(UID RFC822.SIZE FLAGS)")
                        .await?
                        .try_collect::<Vec<_>>()
                        .await
                })
                .await
                .map(|fetched| {
                    fetched
                        .iter()
                        .filter_map(|f| {
                            let answered = f.flags().any(|flag| flag == Flag::Answered);
                            Some(Candidate {
                                uid: f.uid? | PROCESSING,
                                size: f.size.unwrap_or(u32::MAX),
                                claimed: true,
                                sent: answered,
                                modseq: f.modseq,
                            })
                        })
                        .collect()
                })
            }
            Ok(_) => Ok(Vec::new()),
            // No such folder yet: nothing was ever claimed.
            Err(MailboxError::Refused { .. }) => Ok(Vec::new()),
            Err(e) => Err(e),
        };
        let mailbox = self.config.mailbox.clone();
        self.select(&mailbox).await?;
        result
    }

    /// Do `step` to `uids` (the processing folder's own), then select the
    /// campaign mailbox again. What `Step::Fetch` read comes back.
    pub(super) async fn in_processing(
        &mut self,
        uids: &[u32],
        step: Step<'_>,
    ) -> Result<Vec<(u32, Vec<u8>)>, MailboxError> {
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let folder = self.config.processing_folder.clone();
        let session = self.session()?;
        timed("SELECT (processing)", session.select(&folder)).await?;
        let result = self.step(uids, step).await;
        let mailbox = self.config.mailbox.clone();
        self.select(&mailbox).await?;
        result
    }

    async fn step(
        &mut self,
        uids: &[u32],
        step: Step<'_>,
    ) -> Result<Vec<(u32, Vec<u8>)>, MailboxError> {
        match step {
            Step::Fetch => {
                let fetched = self.fetch_bodies(uids).await?;
                return Ok(fetched
                    .into_iter()
                    .map(|(uid, body)| (uid | PROCESSING, body))
                    .collect());
            }
            Step::Answered => {
                self.store(uids, "+FLAGS.SILENT (\\Answered \\Deleted)")
                    .await?;
                self.expunge(uids).await?;
            }
            Step::Remove => {
                self.store(uids, "+FLAGS.SILENT (\\Deleted)").await?;
                self.expunge(uids).await?;
            }
            Step::MoveTo(folder) => {
                let session = self.session()?;
                timed("UID MOVE", session.uid_mv(uid_set(uids), folder)).await?;
            }
        }
        Ok(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_uids_say_their_folder() {
        let (inbox, processing) = split(&[4, 7 | PROCESSING, 9, 1 | PROCESSING]);
        assert_eq!(inbox, [4, 9]);
        assert_eq!(processing, [7, 1]);
        assert_eq!(
            expand(&[UidSetMember::Uid(3), UidSetMember::UidRange(7..=9)]),
            [3, 7, 8, 9]
        );
        assert_eq!(
            quoted("Postbag processing").unwrap(),
            "\"Postbag processing\""
        );
        assert!(quoted("a\r\nb").is_err());
    }
}
