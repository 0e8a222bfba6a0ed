//! Claims only one instance can win, for several postbag instances on one
//! mailbox: a keyword is stored with CONDSTORE's `UNCHANGEDSINCE` (RFC
//! 7162 §3.1.3), so it is set only if the message has not changed since
//! this instance read it. Two instances that read the same message both
//! ask; the first store changes the message's mod-sequence, so the
//! second is refused (`[MODIFIED …]`) and that instance moves on without
//! touching it.
//!
//! That alone is not enough: Dovecot checks a store against the
//! mod-sequence and applies it in two steps, and when two instances ask at
//! the same moment, both pass the check; the second store then changes
//! nothing (the keyword is there) and is not refused
//! (`tests/mail_instances.rs` caught one in about ten runs of 300). So a
//! claim also sets the instance's own keyword (the claim keyword and its
//! number, `daemon.instance`): the second store is then a change, and the
//! server's answer to it shows the first instance's keyword too. An
//! instance whose answer shows another's keyword has lost, and takes its
//! own off. (Both may lose, when each sees the other's; the message then
//! waits for the lease and is taken over.)
//!
//! A claim whose holder died is taken over by toggling [`TAKEOVER`] on
//! it, again only if unchanged since it was read; instances try at
//! different times after the lease (`daemon::lease`), so two takers do
//! not meet.

use std::collections::{BTreeMap, HashMap};

use async_imap::imap_proto::{AttributeValue, Response};

use super::MailboxError;
use super::connect::run_raw;
use super::imap::{ImapMailbox, uid_set};

/// The keyword a takeover sets or clears: a change to the message, so
/// that only one of several takers can make it.
pub const TAKEOVER: &str = "$PostbagTakeover";

/// The UIDs a `[MODIFIED set]` in a response's text names.
fn modified(text: &str) -> Vec<u32> {
    let Some(start) = text.find("[MODIFIED ") else {
        return Vec::new();
    };
    let rest = &text[start + "[MODIFIED ".len()..];
    let set = rest.split(']').next().unwrap_or_default();
    set.split(',')
        .filter_map(|part| {
            let (a, b) = part.split_once(':').unwrap_or((part, part));
            let (a, b) = (a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?);
            Some(a.min(b)..=a.max(b))
        })
        .flatten()
        .collect()
}

/// A conditional store's result for one message it changed: its UID and
/// its keywords after the change.
pub(super) type Stored = (u32, Vec<String>);

impl ImapMailbox {
    /// Store `change` (e.g. `+FLAGS ($PostbagClaimed)`, not `.SILENT`:
    /// the server's FETCH answer is how a store that took is told from one
    /// on a message gone meanwhile) on each message of `read` (UID, the
    /// mod-sequence it was read at) that has not changed since; the ones
    /// whose store took, in the order given, with their keywords after.
    pub(super) async fn store_unchanged(
        &mut self,
        read: &[(u32, u64)],
        change: &str,
    ) -> Result<Vec<Stored>, MailboxError> {
        // One command per mod-sequence: UNCHANGEDSINCE takes one value.
        let mut by_modseq: BTreeMap<u64, Vec<u32>> = BTreeMap::new();
        for (uid, modseq) in read {
            by_modseq.entry(*modseq).or_default().push(*uid);
        }
        let mut took = HashMap::new();
        for (modseq, uids) in by_modseq {
            let command = format!(
                "UID STORE {} (UNCHANGEDSINCE {modseq}) {change}",
                uid_set(&uids)
            );
            took.extend(self.conditional(&command, &uids).await?);
        }
        Ok(read
            .iter()
            .filter_map(|(uid, _)| Some((*uid, took.remove(uid)?)))
            .collect())
    }

    /// Claim `uids`, each only if unchanged since the last scan read it;
    /// the UIDs won.
    pub(super) async fn claim_unchanged(&mut self, uids: &[u32]) -> Result<Vec<u32>, MailboxError> {
        let read: Vec<(u32, u64)> = uids
            .iter()
            .filter_map(|uid| Some((*uid, self.read_at.get(uid)?.0)))
            .collect();
        if let Some(mine) = self.instance_keyword.clone() {
            return self.claim_shared(&read, &mine).await;
        }
        let change = format!("+FLAGS ({})", self.config.claim_keyword);
        let stored = self.store_unchanged(&read, &change).await?;
        Ok(stored.into_iter().map(|(uid, _)| uid).collect())
    }

    /// Take over `uids` (claims another instance left for its lease) by
    /// toggling [`TAKEOVER`], each only if unchanged since the last scan;
    /// the UIDs taken.
    pub(super) async fn take_over_unchanged(
        &mut self,
        uids: &[u32],
    ) -> Result<Vec<u32>, MailboxError> {
        let (mut set, mut clear) = (Vec::new(), Vec::new());
        for uid in uids {
            match self.read_at.get(uid) {
                Some((modseq, true)) => clear.push((*uid, *modseq)),
                Some((modseq, false)) => set.push((*uid, *modseq)),
                None => {}
            }
        }
        let mut taken = self
            .store_unchanged(&set, &format!("+FLAGS ({TAKEOVER})"))
            .await?;
        taken.extend(
            self.store_unchanged(&clear, &format!("-FLAGS ({TAKEOVER})"))
                .await?,
        );
        Ok(taken.into_iter().map(|(uid, _)| uid).collect())
    }

    /// Claim `read` with the claim keyword and `mine` (this instance's
    /// own); the UIDs won: stored, and no other instance's keyword beside.
    pub(super) async fn claim_shared(
        &mut self,
        read: &[(u32, u64)],
        mine: &str,
    ) -> Result<Vec<u32>, MailboxError> {
        let claim = self.config.claim_keyword.clone();
        let stored = self
            .store_unchanged(read, &format!("+FLAGS ({claim} {mine})"))
            .await?;
        let is_other = |k: &String| {
            k.strip_prefix(claim.as_str())
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                && !k.eq_ignore_ascii_case(mine)
        };
        let (won, lost): (Vec<Stored>, Vec<Stored>) = stored
            .into_iter()
            .partition(|(_, keywords)| !keywords.iter().any(is_other));
        let lost: Vec<u32> = lost.into_iter().map(|(uid, _)| uid).collect();
        if !lost.is_empty() {
            tracing::debug!(?lost, "claims made at the same moment as another's");
            self.store(&lost, &format!("-FLAGS.SILENT ({mine})"))
                .await?;
        }
        Ok(won.into_iter().map(|(uid, _)| uid).collect())
    }

    /// Run one conditional `UID STORE` on `uids`; those it changed, with
    /// their keywords: the ones the server answered with a FETCH, less
    /// those it names as modified. (A FETCH may also be news of another
    /// instance's change, to any message: only this command's count, and
    /// not those the server refuses.)
    async fn conditional(
        &mut self,
        command: &str,
        uids: &[u32],
    ) -> Result<HashMap<u32, Vec<String>>, MailboxError> {
        const WHAT: &str = "UID STORE (UNCHANGEDSINCE)";
        let mut changed = HashMap::new();
        let mut refused = Vec::new();
        run_raw(self.session()?, command, WHAT, |response| match response {
            Response::Fetch(_, attributes) => {
                let mut uid = None;
                let mut keywords = Vec::new();
                for attribute in attributes {
                    match attribute {
                        AttributeValue::Uid(u) => uid = Some(*u),
                        AttributeValue::Flags(flags) => keywords.extend(
                            flags
                                .iter()
                                .filter(|f| !f.starts_with('\\'))
                                .map(|f| f.to_string()),
                        ),
                        _ => {}
                    }
                }
                if let Some(uid) = uid.filter(|uid| uids.contains(uid)) {
                    changed.insert(uid, keywords);
                }
            }
            // imap-proto knows no MODIFIED code: it is left in the text.
            // (Any tagged answer here is this command's: one at a time.)
            Response::Done { outcome, .. } => {
                refused = outcome
                    .information
                    .as_deref()
                    .map(modified)
                    .unwrap_or_default();
            }
            _ => {}
        })
        .await?;
        changed.retain(|uid, _| !refused.contains(uid));
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::modified;

    #[test]
    fn the_modified_set_is_read_with_its_ranges() {
        assert_eq!(
            modified("[MODIFIED 7,9:11] Conditional STORE failed"),
            [7, 9, 10, 11]
        );
        assert_eq!(modified("[MODIFIED 12]"), [12]);
        assert!(modified("STORE completed").is_empty());
        assert!(modified("[MODIFIED x:] nonsense").is_empty());
    }
}
