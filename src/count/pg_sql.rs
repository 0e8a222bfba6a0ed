//! The SQL of the shared count: the schema, one batch of increments in
//! one transaction, and reading the counters back.
//!
//! Two tables and nothing else: `postbag_counts` (a name, a number) and
//! `postbag_recent` (a 16-byte digest, when it was added), so the
//! database holds counters and digests only.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use sha2::{Digest, Sha256};
use tokio_postgres::{Client, GenericClient};

use super::Counts;

/// Prefixed to every key before hashing, so a digest in the database
/// cannot be matched against a hash of the same bytes made elsewhere.
const KEY_DOMAIN: &[u8] = b"postbag/count/v1\0";

/// The digest kept for a reply's key: the first 16 bytes of SHA-256 over
/// the domain string and the key.
pub fn key_digest(key: &[u8]) -> [u8; 16] {
    let hash = Sha256::new()
        .chain_update(KEY_DOMAIN)
        .chain_update(key)
        .finalize();
    let mut out = [0; 16];
    out.copy_from_slice(&hash[..16]);
    out
}

/// One reply to add: its key's digest and what it counts (`None`: a
/// help reply; else the ids of the letters it carried).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Increment {
    pub(super) key: [u8; 16],
    pub(super) letters: Option<Vec<String>>,
}

/// Any number of instances may start at once: the advisory lock makes
/// their `CREATE … IF NOT EXISTS` take turns (done side by side, two can
/// collide on the catalog).
const SCHEMA: &str = "
SELECT pg_advisory_xact_lock(7291842361);
CREATE TABLE IF NOT EXISTS postbag_counts (name text PRIMARY KEY, value bigint NOT NULL);
CREATE TABLE IF NOT EXISTS postbag_recent (key bytea PRIMARY KEY, at timestamptz NOT NULL);
CREATE INDEX IF NOT EXISTS postbag_recent_at ON postbag_recent (at);
";

/// Create the two tables if they are missing.
pub(super) async fn create_schema(client: &mut Client) -> Result<(), tokio_postgres::Error> {
    let tx = client.transaction().await?;
    tx.batch_execute(SCHEMA).await?;
    tx.commit().await
}

/// Add `batch` in one transaction: each key is inserted if new, and only
/// the new keys' replies add to the counters; keys older than `window`
/// are deleted. A batch retried after an unknown end (the connection lost
/// during the commit) therefore counts once.
pub(super) async fn add(
    client: &mut Client,
    batch: &[Increment],
    window: Duration,
) -> Result<(), tokio_postgres::Error> {
    let tx = client.transaction().await?;
    let keys: Vec<&[u8]> = batch.iter().map(|i| &i.key[..]).collect();
    let rows = tx
        .query(
            "INSERT INTO postbag_recent (key, at) SELECT k, now() FROM unnest($1::bytea[]) AS k \
             ON CONFLICT (key) DO NOTHING RETURNING key",
            &[&keys],
        )
        .await?;
    let mut new: HashSet<Vec<u8>> = rows.iter().map(|r| r.get::<_, Vec<u8>>(0)).collect();
    // Sorted, so instances take the counters' row locks in one order.
    let mut adds: BTreeMap<String, i64> = BTreeMap::new();
    for increment in batch {
        // Removed once used: a key twice in one batch counts once.
        if !new.remove(&increment.key[..]) {
            continue;
        }
        match &increment.letters {
            Some(ids) => {
                *adds.entry("people_helped".to_owned()).or_default() += 1;
                for id in ids {
                    *adds.entry(format!("letter:{id}")).or_default() += 1;
                }
            }
            None => *adds.entry("help_replies".to_owned()).or_default() += 1,
        }
    }
    if !adds.is_empty() {
        let (names, values): (Vec<String>, Vec<i64>) = adds.into_iter().unzip();
        tx.execute(
            "INSERT INTO postbag_counts (name, value) SELECT * FROM unnest($1::text[], $2::bigint[]) \
             ON CONFLICT (name) DO UPDATE SET value = postbag_counts.value + EXCLUDED.value",
            &[&names, &values],
        )
        .await?;
        tx.execute(
            "INSERT INTO postbag_counts (name, value) \
             VALUES ('since', extract(epoch FROM now())::bigint) ON CONFLICT (name) DO NOTHING",
            &[],
        )
        .await?;
    }
    purge(&tx, window).await?;
    tx.commit().await
}

/// Forget the keys older than `window`.
pub(super) async fn purge(
    client: &impl GenericClient,
    window: Duration,
) -> Result<u64, tokio_postgres::Error> {
    client
        .execute(
            "DELETE FROM postbag_recent WHERE at < now() - make_interval(secs => $1)",
            &[&window.as_secs_f64()],
        )
        .await
}

/// The counters as they are now; zero if postbag never wrote any.
pub(super) async fn read(client: &Client) -> Result<Counts, tokio_postgres::Error> {
    let exists = client
        .query_one("SELECT to_regclass('postbag_counts') IS NOT NULL", &[])
        .await?
        .get::<_, bool>(0);
    if !exists {
        return Ok(Counts::default());
    }
    let rows = client
        .query("SELECT name, value FROM postbag_counts", &[])
        .await?;
    let mut counts = Counts::default();
    for row in rows {
        let name: &str = row.get(0);
        let value: i64 = row.get(1);
        let n = u64::try_from(value).unwrap_or(0);
        match name {
            "people_helped" => counts.people_helped = n,
            "help_replies" => counts.help_replies = n,
            "since" => counts.since = jiff::Timestamp::from_second(value).ok(),
            _ => {
                if let Some(id) = name.strip_prefix("letter:") {
                    counts.letters.insert(id.to_owned(), n);
                }
            }
        }
    }
    Ok(counts)
}

/// `counts` with `pending` added, as this instance will see them once
/// they are written (keys already in the database aside).
pub(super) fn with_pending(mut counts: Counts, pending: &[Increment]) -> Counts {
    for increment in pending {
        match &increment.letters {
            Some(ids) => {
                counts.people_helped += 1;
                for id in ids {
                    *counts.letters.entry(id.clone()).or_default() += 1;
                }
            }
            None => counts.help_replies += 1,
        }
    }
    if counts.since.is_none() && !pending.is_empty() {
        counts.since = Some(jiff::Timestamp::now());
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_sixteen_bytes_of_a_domain_separated_hash() {
        let a = key_digest(b"some key");
        assert_eq!(a, key_digest(b"some key"));
        assert_ne!(a, key_digest(b"some kez"));
        let plain = Sha256::digest(b"some key");
        assert_ne!(a[..], plain[..16], "the domain string goes into the hash");
    }

    #[test]
    fn pending_increments_show_in_the_count() {
        let pending = [
            Increment {
                key: [1; 16],
                letters: Some(vec!["mp".to_owned(), "ico".to_owned()]),
            },
            Increment {
                key: [2; 16],
                letters: None,
            },
        ];
        let counts = with_pending(Counts::default(), &pending);
        assert_eq!(counts.people_helped, 1);
        assert_eq!(counts.help_replies, 1);
        assert_eq!(counts.letters_total(), 2);
        assert!(counts.since.is_some());
        assert_eq!(with_pending(Counts::default(), &[]), Counts::default());
    }
}
