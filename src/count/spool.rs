//! What the shared count has not written yet, kept on disk in the state
//! folder while PostgreSQL cannot take it, so a crash or a stop during an
//! outage loses none of it: the next start writes it first.
//!
//! The file holds the increments and nothing else: each reply's key
//! digest (16 bytes of a hash over the HMAC of postbag's own reply
//! Message-ID, the same digest the database keeps for a day) and the ids
//! of the letters it carried. Nothing in it says who a reply went to. A
//! written increment counts once however often it is handed in again, so
//! a crash between the database's commit and the file's removal counts
//! nothing twice.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tracing::warn;

use super::pg_sql::Increment;

/// The spool's name in the state folder.
pub const SPOOL_FILE: &str = "count-pending.json";

/// One increment as written: the key digest in hex, `null` letters for a
/// help reply.
#[derive(Serialize, Deserialize)]
struct Line {
    key: String,
    letters: Option<Vec<String>>,
}

/// The file, and whether this run has written it.
#[derive(Debug)]
pub(super) struct Spool {
    path: PathBuf,
    on_disk: bool,
}

impl Spool {
    pub(super) fn new(path: PathBuf) -> Spool {
        let on_disk = path.exists();
        Spool { path, on_disk }
    }

    /// What an earlier run left unwritten. An unreadable file is kept for
    /// the operator and counts nothing.
    pub(super) fn load(&mut self) -> Vec<Increment> {
        let Ok(bytes) = std::fs::read(&self.path) else {
            return Vec::new();
        };
        let Ok(lines) = serde_json::from_slice::<Vec<Line>>(&bytes) else {
            warn!(file = %self.path.display(), "the unwritten part of the count is unreadable; it is left as it is and not counted");
            self.on_disk = false;
            return Vec::new();
        };
        lines
            .into_iter()
            .filter_map(|line| {
                let mut key = [0u8; 16];
                for (i, byte) in key.iter_mut().enumerate() {
                    *byte = u8::from_str_radix(line.key.get(2 * i..2 * i + 2)?, 16).ok()?;
                }
                Some(Increment {
                    key,
                    letters: line.letters,
                })
            })
            .collect()
    }

    /// Keep `pending` on disk, or remove the file when nothing is.
    pub(super) fn save(&mut self, pending: &[Increment]) {
        if pending.is_empty() {
            if self.on_disk {
                match std::fs::remove_file(&self.path) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        warn!(file = %self.path.display(), error = %e, "cannot remove the unwritten part of the count, now written");
                    }
                    _ => self.on_disk = false,
                }
            }
            return;
        }
        let lines: Vec<Line> = pending
            .iter()
            .map(|i| Line {
                key: i.key.iter().map(|b| format!("{b:02x}")).collect(),
                letters: i.letters.clone(),
            })
            .collect();
        let mut bytes = serde_json::to_vec(&lines).unwrap_or_default();
        bytes.push(b'\n');
        match crate::atomic_file::write(&self.path, &bytes) {
            Ok(()) => self.on_disk = true,
            Err(e) => warn!(
                file = %self.path.display(),
                error = %e,
                pending = pending.len(),
                "cannot keep the unwritten part of the count on disk; it is kept in memory only"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_saved_loads_back_and_nothing_pending_removes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SPOOL_FILE);
        let pending = vec![
            Increment {
                key: [7; 16],
                letters: Some(vec!["gp".into(), "mp".into()]),
            },
            Increment {
                key: [0xab; 16],
                letters: None,
            },
        ];
        let mut spool = Spool::new(path.clone());
        spool.save(&pending);
        assert_eq!(Spool::new(path.clone()).load(), pending);
        spool.save(&[]);
        assert!(!path.exists());
        assert!(Spool::new(path.clone()).load().is_empty());
    }

    #[test]
    fn an_unreadable_file_counts_nothing_and_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SPOOL_FILE);
        std::fs::write(&path, b"{not json").unwrap();
        let mut spool = Spool::new(path.clone());
        assert!(spool.load().is_empty());
        spool.save(&[]);
        assert_eq!(std::fs::read(&path).unwrap(), b"{not json");
    }
}
