//! The count: the one thing postbag keeps.
//!
//! People helped (letters replies), help replies, letters written per
//! letter id and when the first was counted: in `counts.json` in the state
//! folder (`[count] store = "file"`, the default), or in PostgreSQL, shared
//! by several instances (`store = "postgres"`, [`postgres`]). Either way
//! the daemon sees one [`Counter`]; the state folder keeps the pause and
//! the day's send count, and with the file store the count (with the
//! shared one, what it could not write yet), nothing else.
//! Each change is written whole to a temporary file, synced and renamed
//! over the old one, so a crash leaves the old count or the new, never
//! half of one. The folder is locked while a daemon runs, so two daemons
//! cannot count over each other: instances that share a mailbox each have
//! their own (`daemon.claim_lease_secs`).

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::failure::{Classify, FailureClass};

mod pg_sql;
pub mod postgres;
mod spool;

pub use pg_sql::key_digest;
pub use postgres::{PgCount, PgError, PgOptions};
pub use spool::SPOOL_FILE;

/// Answers once replies handed to the shared count are written (or at
/// once, while its database cannot be reached). The file count needs none:
/// it is written before `record` returns.
pub type Written = tokio::sync::oneshot::Receiver<()>;

/// The file name of the count in the state folder.
pub const COUNTS_FILE: &str = "counts.json";

/// The count itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// Replies that carried letters.
    pub people_helped: u64,
    /// Replies that asked for missing or corrected details.
    pub help_replies: u64,
    /// Letters written, by letter id.
    pub letters: BTreeMap<String, u64>,
    /// When the first reply was counted (absent in counts kept before
    /// postbag recorded it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<jiff::Timestamp>,
}

impl Counts {
    /// All letters written.
    pub fn letters_total(&self) -> u64 {
        self.letters.values().sum()
    }
}

/// A problem with the state folder. Paths only; the folder holds no
/// personal data to leak.
#[derive(Debug, Error)]
pub enum CountError {
    #[error("cannot use the state folder {dir}: {source}")]
    Folder {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("another postbag is running with the state folder {dir}")]
    Locked { dir: PathBuf },
    #[error("{file} is damaged ({reason}); move it away to start a new count")]
    Damaged { file: PathBuf, reason: String },
    #[error("cannot write {file}: {source}")]
    Write {
        file: PathBuf,
        source: std::io::Error,
    },
}

impl Classify for CountError {
    /// Another postbag holding the lock may be gone later.
    fn class(&self) -> FailureClass {
        match self {
            CountError::Locked { .. } => FailureClass::Temporary,
            _ => FailureClass::Other,
        }
    }
}

/// Read the count in `dir` (zero if there is none yet), without locking.
///
/// # Errors
/// [`CountError::Damaged`] if the file is not a count.
pub fn read(dir: &Path) -> Result<Counts, CountError> {
    let file = dir.join(COUNTS_FILE);
    match std::fs::read(&file) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| CountError::Damaged {
            file,
            reason: e.to_string(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Counts::default()),
        Err(source) => Err(CountError::Folder {
            dir: dir.to_owned(),
            source,
        }),
    }
}

/// The file `smtp.max_per_day` keeps its hours in: `[hour since the
/// epoch, emails]` pairs.
const SENT_FILE: &str = "sent-per-hour.json";

#[derive(Serialize, Deserialize)]
struct SentHours {
    emails_per_hour: Vec<(u64, u32)>,
}

/// The file a running daemon says in why sending is paused, and until
/// when, for `postbag check`: a reason code and a time, nothing else.
const PAUSE_FILE: &str = "sending-paused.json";

/// Sending paused, as the daemon left it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paused {
    pub reason: String,
    pub hint: String,
    /// Seconds since the Unix epoch.
    pub until: u64,
}

/// The pause a daemon on `dir` reported, if it has not ended.
pub fn read_pause(dir: &Path, now: u64) -> Option<Paused> {
    let bytes = std::fs::read(dir.join(PAUSE_FILE)).ok()?;
    serde_json::from_slice::<Paused>(&bytes)
        .ok()
        .filter(|p| p.until > now)
}

/// One reply sent, as the count sees it.
#[derive(Clone, Copy, Debug)]
pub enum Tally<'a> {
    /// A letters reply, with the ids of the letters it carried.
    Letters(&'a [String]),
    /// A reply asking for missing details.
    Help,
}

/// One reply sent: what it counts, and its key, bytes already keyed by
/// the campaign's secret (the shared store keeps a digest of them for a
/// day, so a retried write counts once; the file store needs none).
#[derive(Clone, Copy, Debug)]
pub struct Reply<'a> {
    pub tally: Tally<'a>,
    pub key: &'a [u8],
}

/// Where the count is kept.
#[derive(Debug)]
enum Store {
    /// `counts.json` in the state folder, as held in memory.
    File(Counts),
    /// PostgreSQL, shared with other instances.
    Postgres(PgCount),
}

/// The count of a running daemon, holding the state folder's lock.
#[derive(Debug)]
pub struct Counter {
    file: PathBuf,
    store: Store,
    /// The open folder, locked; released when the counter is dropped.
    _lock: File,
}

impl Counter {
    /// Lock the state folder `dir` (creating it) and read its count.
    ///
    /// # Errors
    /// [`CountError::Locked`] if another daemon holds it, or a folder or
    /// file error.
    pub fn open(dir: &Path) -> Result<Counter, CountError> {
        let lock = lock_folder(dir)?;
        Ok(Counter {
            file: dir.join(COUNTS_FILE),
            store: Store::File(read(dir)?),
            _lock: lock,
        })
    }

    /// Lock the state folder `dir` (for the pause and the day's send
    /// count) and keep the count in `store`.
    ///
    /// # Errors
    /// [`CountError::Locked`] if another daemon holds the folder, or a
    /// folder error.
    pub fn with_postgres(dir: &Path, store: PgCount) -> Result<Counter, CountError> {
        Ok(Counter {
            file: dir.join(COUNTS_FILE),
            store: Store::Postgres(store),
            _lock: lock_folder(dir)?,
        })
    }

    /// The count now (with the shared store: as last read, with this
    /// instance's replies not yet written).
    pub fn counts(&self) -> Counts {
        match &self.store {
            Store::File(counts) => counts.clone(),
            Store::Postgres(store) => store.counts(),
        }
    }

    /// Write what is pending (trying for at most `within`) and stop: the
    /// number of replies left uncounted. The file store writes as it
    /// goes, so it has none.
    pub async fn close(&mut self, within: std::time::Duration) -> u64 {
        match &mut self.store {
            Store::File(_) => 0,
            Store::Postgres(store) => store.close(within).await,
        }
    }

    /// The emails sent in each clock hour of the last day, as an earlier
    /// run left them (for `smtp.max_per_day`); none if there is no file
    /// or it cannot be read, which errs towards sending.
    pub fn sent_hours(&self) -> Vec<(u64, u32)> {
        let file = self.file.with_file_name(SENT_FILE);
        std::fs::read(&file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<SentHours>(&bytes).ok())
            .map(|s| s.emails_per_hour)
            .unwrap_or_default()
    }

    /// Say that sending is paused (or, with `None`, that it is not).
    ///
    /// # Errors
    /// [`CountError::Write`].
    pub fn save_pause(&self, paused: Option<&Paused>) -> Result<(), CountError> {
        let file = self.file.with_file_name(PAUSE_FILE);
        match paused {
            Some(paused) => {
                let mut bytes = serde_json::to_vec(paused).unwrap_or_default();
                bytes.push(b'\n');
                crate::atomic_file::write(&file, &bytes)
                    .map_err(|source| CountError::Write { file, source })
            }
            None => match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(CountError::Write { file, source: e })
                }
                _ => Ok(()),
            },
        }
    }

    /// Keep the emails sent per clock hour: numbers only.
    ///
    /// # Errors
    /// [`CountError::Write`].
    pub fn save_sent_hours(&self, hours: Vec<(u64, u32)>) -> Result<(), CountError> {
        let file = self.file.with_file_name(SENT_FILE);
        let mut bytes = serde_json::to_vec(&SentHours {
            emails_per_hour: hours,
        })
        .unwrap_or_default();
        bytes.push(b'\n');
        crate::atomic_file::write(&file, &bytes)
            .map_err(|source| CountError::Write { file, source })
    }

    /// Count replies sent: the file is written once for all of them; the
    /// shared store takes them at once and writes them in the background,
    /// and gives back what tells when they are written.
    ///
    /// # Errors
    /// [`CountError::Write`]; the count in memory is then unchanged.
    pub fn record<'a>(
        &mut self,
        replies: impl IntoIterator<Item = Reply<'a>>,
    ) -> Result<Option<Written>, CountError> {
        let counts = match &self.store {
            Store::File(counts) => counts,
            Store::Postgres(store) => {
                return Ok(store.add(replies.into_iter().map(|r| (r.tally, r.key))));
            }
        };
        let mut next = counts.clone();
        let empty = next.people_helped == 0 && next.help_replies == 0;
        for reply in replies {
            match reply.tally {
                Tally::Letters(ids) => {
                    next.people_helped += 1;
                    for id in ids {
                        *next.letters.entry(id.clone()).or_default() += 1;
                    }
                }
                Tally::Help => next.help_replies += 1,
            }
        }
        if next == *counts {
            return Ok(None);
        }
        if empty && next.since.is_none() {
            next.since = Some(jiff::Timestamp::now());
        }
        self.save(next).map(|()| None)
    }

    fn save(&mut self, next: Counts) -> Result<(), CountError> {
        let mut bytes = serde_json::to_vec_pretty(&next).unwrap_or_default();
        bytes.push(b'\n');
        crate::atomic_file::write(&self.file, &bytes).map_err(|source| CountError::Write {
            file: self.file.clone(),
            source,
        })?;
        self.store = Store::File(next);
        Ok(())
    }
}

/// Lock the state folder `dir`, creating it.
fn lock_folder(dir: &Path) -> Result<File, CountError> {
    let folder = |source| CountError::Folder {
        dir: dir.to_owned(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(folder)?;
    let lock = File::open(dir).map_err(folder)?;
    match lock.try_lock() {
        Ok(()) => Ok(lock),
        Err(std::fs::TryLockError::WouldBlock) => Err(CountError::Locked {
            dir: dir.to_owned(),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(folder(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_survive_a_reopen_and_the_folder_holds_only_them() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut counter = Counter::open(dir.path()).unwrap();
            let both = ["mp".to_owned(), "ico".to_owned()];
            let one = ["mp".to_owned()];
            let reply = |tally| Reply { tally, key: b"k" };
            counter.record([reply(Tally::Letters(&both))]).unwrap();
            counter
                .record([reply(Tally::Letters(&one)), reply(Tally::Help)])
                .unwrap();
        }
        let counts = read(dir.path()).unwrap();
        assert_eq!(counts.people_helped, 2);
        assert_eq!(counts.help_replies, 1);
        assert_eq!(counts.letters["mp"], 2);
        assert_eq!(counts.letters_total(), 3);
        assert!(counts.since.is_some(), "the first count dates the count");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [COUNTS_FILE]);
    }

    #[test]
    fn a_second_daemon_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let _first = Counter::open(dir.path()).unwrap();
        assert!(matches!(
            Counter::open(dir.path()),
            Err(CountError::Locked { .. })
        ));
    }

    #[test]
    fn a_damaged_count_is_refused_not_reset() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(COUNTS_FILE), "{\"people_helped\": ").unwrap();
        assert!(matches!(
            Counter::open(dir.path()),
            Err(CountError::Damaged { .. })
        ));
    }
}
