//! The IMAP session: the [`Mailbox`] operations as IMAP commands on one
//! logged-in connection with the campaign mailbox selected.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_imap::Session;
use async_imap::types::{Flag, UnsolicitedResponse};
use futures_util::TryStreamExt;
use tokio::io::{AsyncRead, AsyncWrite};

use super::condstore::TAKEOVER;
use super::connect::timed;
use super::moves::{self, Step};
use super::{Abilities, Candidate, Claim, Mailbox, MailboxError, Wake};
use crate::config::ImapConfig;
use crate::shutdown::Shutdown;

/// How long the server may take to end an IDLE. Short, because a
/// connection that died silently while idling is first noticed here.
const DONE_TIMEOUT: Duration = Duration::from_secs(30);

pub(super) trait Io: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug> Io for T {}

pub(super) type ImapSession = Session<Box<dyn Io>>;

/// A logged-in IMAP connection with the campaign mailbox selected.
pub struct ImapMailbox {
    /// `None` only while IDLE holds it.
    pub(super) session: Option<ImapSession>,
    pub(super) config: Arc<ImapConfig>,
    pub(super) abilities: Abilities,
    /// `UIDVALIDITY` when the mailbox was selected.
    pub uid_validity: Option<u32>,
    /// With CONDSTORE: each message's mod-sequence at the last scan, and
    /// whether it had [`TAKEOVER`], for claims only one instance can win.
    pub(super) read_at: HashMap<u32, (u64, bool)>,
    /// With other instances on the mailbox: this one's own claim keyword.
    pub(super) instance_keyword: Option<String>,
}

impl fmt::Debug for ImapMailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapMailbox")
            .field("abilities", &self.abilities)
            .finish_non_exhaustive()
    }
}

impl ImapMailbox {
    pub fn abilities(&self) -> Abilities {
        self.abilities
    }

    /// Share the mailbox with other instances, as instance `number`: its
    /// claims carry the claim keyword with the number after it.
    pub fn share_as(&mut self, number: u8) {
        self.instance_keyword = Some(format!("{}{number}", self.config.claim_keyword));
    }

    /// The folders on the server, by name.
    ///
    /// # Errors
    /// A [`MailboxError`] if LIST fails.
    pub async fn folders(&mut self) -> Result<HashSet<String>, MailboxError> {
        let session = self.session()?;
        let list = timed("LIST", async {
            session
                .list(None, Some("*"))
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        Ok(list.iter().map(|n| n.name().to_owned()).collect())
    }

    /// Create `folder` if it does not exist.
    ///
    /// # Errors
    /// A [`MailboxError`] if it is missing and cannot be created.
    pub async fn ensure_folder(&mut self, folder: &str) -> Result<bool, MailboxError> {
        if self.folders().await?.contains(folder) {
            return Ok(false);
        }
        let session = self.session()?;
        match timed("CREATE", session.create(folder)).await {
            Ok(()) => Ok(true),
            // Another instance, starting at the same moment, made it first.
            Err(MailboxError::Refused { .. }) if self.folders().await?.contains(folder) => {
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    pub(super) fn session(&mut self) -> Result<&mut ImapSession, MailboxError> {
        self.session.as_mut().ok_or(MailboxError::Lost("IDLE"))
    }

    pub(super) async fn store(&mut self, uids: &[u32], change: &str) -> Result<(), MailboxError> {
        if uids.is_empty() {
            return Ok(());
        }
        let session = self.session()?;
        timed("UID STORE", async {
            session
                .uid_store(uid_set(uids), change)
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        Ok(())
    }

    /// `UID EXPUNGE`: only these messages, whatever else is marked deleted.
    pub(super) async fn expunge(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        if uids.is_empty() {
            return Ok(());
        }
        let session = self.session()?;
        timed("UID EXPUNGE", async {
            session
                .uid_expunge(uid_set(uids))
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        Ok(())
    }

    async fn keywords(
        &mut self,
        uids: &[u32],
        sign: char,
        keyword: &str,
    ) -> Result<(), MailboxError> {
        if !self.abilities.keywords {
            return Ok(());
        }
        self.store(uids, &format!("{sign}FLAGS.SILENT ({keyword})"))
            .await
    }

    pub(super) async fn select(&mut self, folder: &str) -> Result<(), MailboxError> {
        let session = self.session()?;
        let selected = timed("SELECT", session.select(folder)).await?;
        if folder == self.config.mailbox && selected.uid_validity != self.uid_validity {
            // UIDs from before mean nothing now; the daemon only holds
            // them for one pass, and this makes it start a new one.
            self.uid_validity = selected.uid_validity;
            return Err(MailboxError::Lost("SELECT (UIDVALIDITY changed)"));
        }
        Ok(())
    }

    /// The raw messages of `uids` in the selected folder that are still
    /// there.
    pub(super) async fn fetch_bodies(
        &mut self,
        uids: &[u32],
    ) -> Result<Vec<(u32, Vec<u8>)>, MailboxError> {
        let session = self.session()?;
        let fetched = timed("UID FETCH (body)", async {
            session
                .uid_fetch(uid_set(uids), "(UID BODY.PEEK[])")
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await?;
        Ok(fetched
            .iter()
            .filter_map(|f| Some((f.uid?, f.body()?.to_vec())))
            .filter(|(uid, _)| uids.contains(uid))
            .collect())
    }

    /// Whether the server reported new mail since the last command.
    fn drain_unsolicited(&mut self) -> bool {
        let Some(session) = self.session.as_mut() else {
            return false;
        };
        let mut changed = false;
        while let Ok(response) = session.unsolicited_responses.try_recv() {
            changed |= matches!(
                response,
                UnsolicitedResponse::Exists(_) | UnsolicitedResponse::Recent(_)
            );
        }
        changed
    }
}

/// A UID set for a command: `4,7,9`.
pub(super) fn uid_set<'a>(uids: impl IntoIterator<Item = &'a u32>) -> String {
    uids.into_iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

impl Mailbox for ImapMailbox {
    async fn candidates(&mut self) -> Result<Vec<Candidate>, MailboxError> {
        // Deleted ones of ours are found too: claimed and marked deleted,
        // but not yet expunged when the last run stopped.
        let query = format!("OR UNDELETED KEYWORD {}", self.config.claim_keyword);
        let session = self.session()?;
        let uids = timed("UID SEARCH", session.uid_search(query)).await?;
        let mut uids: Vec<u32> = uids.into_iter().collect();
        uids.sort_unstable();
        let claim = self.config.claim_keyword.clone();
        let sent = self.config.sent_keyword.clone();
        let mut candidates = Vec::with_capacity(uids.len());
        let items = if self.abilities.condstore {
            "(UID RFC822.SIZE FLAGS MODSEQ)"
        } else {
            "(UID RFC822.SIZE FLAGS)"
        };
        self.read_at.clear();
        // Ask in chunks, so a command line stays short.
        for chunk in uids.chunks(500) {
            let set = uid_set(chunk);
            let session = self.session()?;
            let fetched = timed("UID FETCH (metadata)", async {
                session
                    .uid_fetch(set, items)
                    .await?
                    .try_collect::<Vec<_>>()
                    .await
            })
            .await?;
            for f in &fetched {
                let Some(uid) = f.uid else { continue };
                let has = |k: &str| {
                    f.flags()
                        .any(|flag| matches!(flag, Flag::Custom(c) if c.eq_ignore_ascii_case(k)))
                };
                let deleted = f.flags().any(|flag| flag == Flag::Deleted);
                let claimed = has(&claim);
                if deleted && !claimed {
                    continue; // someone else's deletion
                }
                if let Some(modseq) = f.modseq {
                    self.read_at.insert(uid, (modseq, has(TAKEOVER)));
                }
                candidates.push(Candidate {
                    uid,
                    size: f.size.unwrap_or(u32::MAX),
                    claimed,
                    // Only postbag deletes what it claimed, and only once
                    // it is done with it.
                    sent: has(&sent) || deleted,
                    modseq: f.modseq,
                });
            }
        }
        candidates.sort_by_key(|c| c.uid);
        if self.abilities.claim == Claim::Move {
            candidates.extend(self.processing_candidates().await?);
        }
        Ok(candidates)
    }

    async fn claim_all(&mut self, uids: &[u32]) -> Result<Vec<u32>, MailboxError> {
        match self.abilities.claim {
            Claim::Move => self.claim_by_move(uids).await,
            Claim::Keyword if self.abilities.condstore => self.claim_unchanged(uids).await,
            Claim::Keyword => {
                let keyword = self.config.claim_keyword.clone();
                self.keywords(uids, '+', &keyword).await?;
                Ok(uids.to_vec())
            }
            Claim::None => Ok(uids.to_vec()),
        }
    }

    async fn take_over(&mut self, uids: &[u32]) -> Result<Vec<(u32, u32)>, MailboxError> {
        let (uids, processing) = moves::split(uids);
        let mut taken = self.take_over_moved(&processing).await?;
        if self.abilities.condstore && !uids.is_empty() {
            let kept = self.take_over_unchanged(&uids).await?;
            taken.extend(kept.into_iter().map(|uid| (uid, uid)));
        }
        Ok(taken)
    }

    async fn fetch_all(&mut self, uids: &[u32]) -> Result<Vec<(u32, Vec<u8>)>, MailboxError> {
        let (uids, processing) = moves::split(uids);
        let uids = &uids[..];
        let mut moved = self.in_processing(&processing, Step::Fetch).await?;
        if uids.is_empty() {
            return Ok(moved);
        }
        moved.extend(self.fetch_bodies(uids).await?);
        Ok(moved)
    }

    async fn finish_answered(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        let (uids, processing) = moves::split(uids);
        let uids = &uids[..];
        self.in_processing(&processing, Step::Answered).await?;
        if uids.is_empty() {
            return Ok(());
        }
        let sent = self.config.sent_keyword.clone();
        match self.config.trash_folder.clone() {
            Some(trash) if self.abilities.move_command => {
                self.keywords(uids, '+', &sent).await?;
                self.move_all(uids, &trash).await
            }
            _ => {
                // Marked sent and deleted in one step; a crash before the
                // expunge leaves them found by the next scan, by the sent
                // keyword, and expunged then.
                let flags = if self.abilities.keywords {
                    format!("+FLAGS.SILENT ({sent} \\Deleted)")
                } else {
                    "+FLAGS.SILENT (\\Deleted)".to_owned()
                };
                self.store(uids, &flags).await?;
                self.expunge(uids).await
            }
        }
    }

    async fn remove_all(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        let (uids, processing) = moves::split(uids);
        let uids = &uids[..];
        self.in_processing(&processing, Step::Remove).await?;
        match self.config.trash_folder.clone() {
            Some(trash) if self.abilities.move_command => self.move_all(uids, &trash).await,
            _ => {
                self.store(uids, "+FLAGS.SILENT (\\Deleted)").await?;
                self.expunge(uids).await
            }
        }
    }

    async fn move_all(&mut self, uids: &[u32], folder: &str) -> Result<(), MailboxError> {
        let (uids, processing) = moves::split(uids);
        let uids = &uids[..];
        self.in_processing(&processing, Step::MoveTo(folder))
            .await?;
        if uids.is_empty() {
            return Ok(());
        }
        if self.abilities.move_command {
            let session = self.session()?;
            return timed("UID MOVE", session.uid_mv(uid_set(uids), folder)).await;
        }
        let session = self.session()?;
        timed("UID COPY", session.uid_copy(uid_set(uids), folder)).await?;
        self.store(uids, "+FLAGS.SILENT (\\Deleted)").await?;
        self.expunge(uids).await
    }

    async fn release_all(&mut self, uids: &[u32]) -> Result<(), MailboxError> {
        // A message claimed by moving stays in the processing folder,
        // held for its retry: moved back, it would get a new UID and lose
        // its backoff.
        let (uids, _held) = moves::split(uids);
        let keyword = self.config.claim_keyword.clone();
        self.keywords(&uids, '-', &keyword).await
    }

    async fn reply_in_sent(&mut self, message_id: &str) -> Result<bool, MailboxError> {
        let Some(sent) = self.config.sent_folder.clone() else {
            return Ok(false);
        };
        // Our own Message-IDs are hex and a domain: safe inside quotes.
        let id = message_id.replace(['"', '\\'], "");
        let session = self.session()?;
        timed("EXAMINE", session.examine(&sent)).await?;
        let session = self.session()?;
        let found = timed(
            "UID SEARCH (sent)",
            session.uid_search(format!("HEADER Message-ID \"{id}\"")),
        )
        .await;
        let mailbox = self.config.mailbox.clone();
        self.select(&mailbox).await?;
        Ok(!found?.is_empty())
    }

    async fn purge_sent(
        &mut self,
        keep: Duration,
        own: &(dyn Fn(&str) -> bool + Sync),
    ) -> Result<usize, MailboxError> {
        self.purge_sent_copies(keep, own).await
    }

    async fn purge(&mut self) -> Result<(), MailboxError> {
        let Some(trash) = self.config.trash_folder.clone() else {
            return Ok(());
        };
        if !self.abilities.keywords || !self.abilities.move_command {
            return Ok(());
        }
        // Only messages postbag claimed: never anyone else's trash.
        let session = self.session()?;
        timed("SELECT (trash)", session.select(&trash)).await?;
        let query = format!("KEYWORD {}", self.config.claim_keyword);
        let session = self.session()?;
        let uids = timed("UID SEARCH (trash)", session.uid_search(query)).await;
        let result = match uids {
            Ok(uids) if !uids.is_empty() => {
                let set = uid_set(&uids);
                let session = self.session()?;
                let stored = timed("UID STORE (trash)", async {
                    session
                        .uid_store(&set, "+FLAGS.SILENT (\\Deleted)")
                        .await?
                        .try_collect::<Vec<_>>()
                        .await
                })
                .await;
                match stored {
                    Ok(_) => {
                        let session = self.session()?;
                        timed("UID EXPUNGE (trash)", async {
                            session
                                .uid_expunge(&set)
                                .await?
                                .try_collect::<Vec<_>>()
                                .await
                        })
                        .await
                        .map(|_| ())
                    }
                    Err(e) => Err(e),
                }
            }
            Ok(_) => Ok(()),
            Err(e) => Err(e),
        };
        let mailbox = self.config.mailbox.clone();
        self.select(&mailbox).await?;
        result
    }

    async fn close(mut self) {
        if let Some(mut session) = self.session.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), session.logout()).await;
        }
    }

    async fn wait(
        &mut self,
        limit: Duration,
        shutdown: &mut Shutdown,
    ) -> Result<Wake, MailboxError> {
        if shutdown.is_shutdown() {
            return Ok(Wake::Shutdown);
        }
        if self.drain_unsolicited() {
            return Ok(Wake::Changed);
        }
        if !self.abilities.idle {
            let poll = limit.min(self.config.poll_interval);
            tokio::select! {
                () = tokio::time::sleep(poll) => {}
                () = shutdown.recv() => return Ok(Wake::Shutdown),
            }
            let session = self.session()?;
            timed("NOOP", session.noop()).await?;
            return Ok(if poll < limit {
                Wake::Changed
            } else {
                Wake::TimedOut
            });
        }
        let limit = limit.min(self.config.idle_renew);
        let session = self.session.take().ok_or(MailboxError::Lost("IDLE"))?;
        let mut handle = session.idle();
        timed("IDLE", handle.init()).await?;
        let outcome = {
            let (idle, stop) = handle.wait_with_timeout(limit);
            tokio::pin!(idle);
            tokio::select! {
                result = &mut idle => result.map(|r| match r {
                    async_imap::extensions::idle::IdleResponse::NewData(_) => Wake::Changed,
                    _ => Wake::TimedOut,
                }),
                () = shutdown.recv() => {
                    // Dropping the stop source ends the wait at once.
                    drop(stop);
                    idle.await.map(|_| Wake::Shutdown)
                }
            }
        };
        let outcome = outcome.map_err(|e| MailboxError::from_imap("IDLE", e))?;
        let session = match tokio::time::timeout(DONE_TIMEOUT, handle.done()).await {
            Ok(result) => result.map_err(|e| MailboxError::from_imap("DONE", e))?,
            Err(_) => return Err(MailboxError::Timeout("DONE")),
        };
        self.session = Some(session);
        Ok(outcome)
    }
}
