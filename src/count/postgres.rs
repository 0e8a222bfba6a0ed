//! The count kept in PostgreSQL, so several postbag instances share one.
//!
//! The daemon hands each batch of replies to a task of this store and goes
//! on answering mail: the task writes them in one transaction (see
//! [`pg_sql`](super::pg_sql)), and while PostgreSQL cannot be reached it
//! keeps them in memory and on disk ([`spool`](super::spool)) and tries
//! again with a growing pause, so an increment is never dropped and never
//! blocks a reply. Each reply
//! carries a key (a hash of its HMAC'd Message-ID, from the caller); the
//! database holds only a digest of it, for a window of a day, so a batch
//! retried after a lost commit counts once. After each write, and every
//! 15 s, the task reads the counters back: they are the shared count, with
//! what this instance has not written yet added.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use thiserror::Error;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;
use tokio_postgres::config::SslMode;
use tracing::{debug, info, warn};

use super::pg_sql::{self, Increment};
use super::spool::Spool;
use super::{Counts, Tally};

/// How the store behaves; the defaults are the daemon's.
#[derive(Clone, Debug)]
pub struct PgOptions {
    /// How long a reply's key is kept: a retry within it counts once.
    pub window: Duration,
    /// How often the shared count is read when nothing was written.
    pub refresh: Duration,
    /// How long connecting may take (and each statement, three times it).
    pub connect_timeout: Duration,
    /// The longest pause between tries while PostgreSQL is down.
    pub max_backoff: Duration,
}

impl Default for PgOptions {
    fn default() -> PgOptions {
        PgOptions {
            window: Duration::from_secs(24 * 3600),
            refresh: Duration::from_secs(15),
            connect_timeout: Duration::from_secs(10),
            max_backoff: Duration::from_secs(30),
        }
    }
}

/// Called with the count each time it is read or grows.
pub type OnChange = Box<dyn Fn(&Counts) + Send + Sync>;

/// Why the store could not be opened or read. Holds no password: the
/// connection string is never shown.
#[derive(Debug, Error)]
pub enum PgError {
    #[error("not a PostgreSQL connection string or URL: {0}")]
    Url(String),
    #[error("sslmode {0:?} is not supported: use disable, prefer or require")]
    SslMode(String),
    #[error("PostgreSQL did not answer within {0} s")]
    Timeout(u64),
    #[error("PostgreSQL: {}", with_cause(.0))]
    Db(#[from] tokio_postgres::Error),
    #[error("TLS: {0}")]
    Tls(String),
}

/// The client's error with its cause ("error connecting to server" says
/// little without "Connection refused").
fn with_cause(error: &tokio_postgres::Error) -> String {
    match std::error::Error::source(error) {
        Some(cause) if !error.to_string().contains(&cause.to_string()) => {
            format!("{error}: {cause}")
        }
        _ => error.to_string(),
    }
}

/// Where to connect, and how.
#[derive(Clone)]
struct Target {
    config: tokio_postgres::Config,
    tls: tokio_postgres_rustls::MakeRustlsConnect,
    timeout: Duration,
}

impl Target {
    fn new(url: &str, timeout: Duration) -> Result<Target, PgError> {
        let mut config: tokio_postgres::Config = url
            .trim()
            .parse()
            .map_err(|e: tokio_postgres::Error| PgError::Url(e.to_string()))?;
        match config.get_ssl_mode() {
            SslMode::Disable | SslMode::Prefer | SslMode::Require => {}
            other => return Err(PgError::SslMode(format!("{other:?}").to_lowercase())),
        }
        config.connect_timeout(timeout);
        config.application_name("postbag");
        Ok(Target {
            config,
            tls: tls()?,
            timeout,
        })
    }

    /// A connection, its driver on a task of its own.
    async fn connect(&self) -> Result<tokio_postgres::Client, PgError> {
        let connecting = self.config.connect(self.tls.clone());
        let (client, connection) = tokio::time::timeout(self.timeout, connecting)
            .await
            .map_err(|_| PgError::Timeout(self.timeout.as_secs()))??;
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                debug!(error = %e, "the count store's connection ended");
            }
        });
        Ok(client)
    }
}

/// TLS for `sslmode=require` (and `prefer`): the server's certificate is
/// checked against the system's roots, as libpq's `verify-full` would.
fn tls() -> Result<tokio_postgres_rustls::MakeRustlsConnect, PgError> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone())
        .map_err(|e| PgError::Tls(e.to_string()))?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| PgError::Tls(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// Read the shared count once (for `postbag stats` and `check`).
///
/// # Errors
/// A bad connection string, or PostgreSQL not answering.
pub async fn read(url: &str, timeout: Duration) -> Result<Counts, PgError> {
    let client = Target::new(url, timeout)?.connect().await?;
    tokio::time::timeout(timeout, pg_sql::read(&client))
        .await
        .map_err(|_| PgError::Timeout(timeout.as_secs()))?
        .map_err(PgError::from)
}

/// A request to stop: how long to try, and where to say how many
/// increments were left unwritten.
type Close = (Duration, oneshot::Sender<u64>);

/// The running store: a handle on its task.
pub struct PgCount {
    adds: mpsc::UnboundedSender<(Vec<Increment>, oneshot::Sender<()>)>,
    close: Option<oneshot::Sender<Close>>,
    shown: Arc<Mutex<Counts>>,
}

impl std::fmt::Debug for PgCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PgCount(..)")
    }
}

impl PgCount {
    /// Connect (within `options.connect_timeout`), create the tables if
    /// they are missing, read the count and start the store's task.
    ///
    /// # Errors
    /// A bad connection string, or PostgreSQL not answering or refusing.
    pub async fn connect(
        url: &str,
        options: PgOptions,
        on_change: Option<OnChange>,
        spool: Option<PathBuf>,
    ) -> Result<PgCount, PgError> {
        let target = Target::new(url, options.connect_timeout)?;
        let mut client = target.connect().await?;
        let limit = options.connect_timeout * 3;
        let counts = tokio::time::timeout(limit, async {
            pg_sql::create_schema(&mut client).await?;
            pg_sql::read(&client).await
        })
        .await
        .map_err(|_| PgError::Timeout(limit.as_secs()))??;
        if let Some(on_change) = &on_change {
            on_change(&counts);
        }
        let mut spool = spool.map(Spool::new);
        // What an earlier run could not write goes first.
        let pending = spool.as_mut().map(Spool::load).unwrap_or_default();
        let shown = Arc::new(Mutex::new(counts.clone()));
        let (adds, adds_rx) = mpsc::unbounded_channel();
        let (close, close_rx) = oneshot::channel();
        let task = Task {
            target,
            client: Some(client),
            read: counts,
            pending,
            spool,
            shown: Arc::clone(&shown),
            on_change,
            backoff: Duration::ZERO,
            next_try: Instant::now(),
            failing: false,
            options,
            waiting: Vec::new(),
        };
        tokio::spawn(task.run(adds_rx, close_rx));
        Ok(PgCount {
            adds,
            close: Some(close),
            shown,
        })
    }

    /// Hand replies to the store, each with its key (bytes that are
    /// already keyed by the campaign's secret). Never waits; what it gives
    /// back answers once they are written, or at once while the database
    /// cannot be reached (they are then kept in memory and tried again).
    pub fn add<'a>(
        &self,
        replies: impl IntoIterator<Item = (Tally<'a>, &'a [u8])>,
    ) -> Option<oneshot::Receiver<()>> {
        let batch: Vec<Increment> = replies
            .into_iter()
            .map(|(tally, key)| Increment {
                key: pg_sql::key_digest(key),
                letters: match tally {
                    Tally::Letters(ids) => Some(ids.to_vec()),
                    Tally::Help => None,
                },
            })
            .collect();
        if batch.is_empty() {
            return None;
        }
        let (written, answer) = oneshot::channel();
        if self.adds.send((batch, written)).is_err() {
            warn!("the count store has stopped: replies were not counted");
            return None;
        }
        Some(answer)
    }

    /// The count as last read, with this instance's unwritten replies.
    pub fn counts(&self) -> Counts {
        lock(&self.shown).clone()
    }

    /// Write what is pending, trying for at most `within`, and stop the
    /// task. The number of increments that could not be written.
    pub async fn close(&mut self, within: Duration) -> u64 {
        let Some(close) = self.close.take() else {
            return 0;
        };
        let (done, left) = oneshot::channel();
        if close.send((within, done)).is_err() {
            return 0;
        }
        left.await.unwrap_or(0)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The store's task: what is pending, and the connection.
struct Task {
    target: Target,
    client: Option<tokio_postgres::Client>,
    /// The counters as last read from the database.
    read: Counts,
    pending: Vec<Increment>,
    /// Where what is pending is kept while it cannot be written.
    spool: Option<Spool>,
    shown: Arc<Mutex<Counts>>,
    on_change: Option<OnChange>,
    backoff: Duration,
    next_try: Instant,
    /// Writing has failed since the last success (warned once).
    failing: bool,
    options: PgOptions,
    /// Those waiting for what is pending to be written.
    waiting: Vec<oneshot::Sender<()>>,
}

/// The open connection in `slot`, or a new one.
async fn open<'a>(
    slot: &'a mut Option<tokio_postgres::Client>,
    target: &Target,
) -> Result<&'a mut tokio_postgres::Client, PgError> {
    let client = match slot.take() {
        Some(client) if !client.is_closed() => client,
        _ => target.connect().await?,
    };
    Ok(slot.insert(client))
}

/// At most this many replies in one transaction.
const MOST_PER_WRITE: usize = 1000;

impl Task {
    async fn run(
        mut self,
        mut adds: mpsc::UnboundedReceiver<(Vec<Increment>, oneshot::Sender<()>)>,
        mut close: oneshot::Receiver<Close>,
    ) {
        let mut refresh = tokio::time::interval(self.options.refresh);
        refresh.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        refresh.tick().await;
        loop {
            let waiting = !self.pending.is_empty();
            let retry_at = self.next_try;
            tokio::select! {
                batch = adds.recv() => match batch {
                    Some(batch) => {
                        self.take(batch);
                        while let Ok(more) = adds.try_recv() {
                            self.take(more);
                        }
                        self.show();
                        if Instant::now() >= self.next_try {
                            self.write().await;
                        }
                    }
                    // The handle was dropped without a close.
                    None => {
                        self.drain(Duration::from_secs(5)).await;
                        return;
                    }
                },
                closing = &mut close => {
                    while let Ok(more) = adds.try_recv() {
                        self.take(more);
                    }
                    let within = closing.as_ref().map_or(Duration::from_secs(5), |c| c.0);
                    let left = self.drain(within).await;
                    if let Ok((_, done)) = closing {
                        let _ = done.send(left);
                    }
                    return;
                }
                () = tokio::time::sleep_until(retry_at), if waiting => self.write().await,
                _ = refresh.tick() => {
                    if self.pending.is_empty() || Instant::now() >= self.next_try {
                        self.write().await;
                    }
                }
            }
        }
    }

    /// Take a batch to write. While the database cannot be reached, its
    /// sender is told at once not to wait.
    fn take(&mut self, (batch, written): (Vec<Increment>, oneshot::Sender<()>)) {
        self.pending.extend(batch);
        if self.failing {
            // On disk before the sender goes on (and marks its messages
            // answered).
            self.keep();
            let _ = written.send(());
        } else {
            self.waiting.push(written);
        }
    }

    /// Tell everyone waiting that what they handed in is written, or
    /// that they should not wait for it.
    fn release(&mut self) {
        self.keep();
        for written in self.waiting.drain(..) {
            let _ = written.send(());
        }
    }

    /// Write everything pending, then read the counters back. On a
    /// failure the rest stays pending and the next try waits.
    async fn write(&mut self) {
        let limit = self.options.connect_timeout * 3;
        while !self.pending.is_empty() {
            let n = self.pending.len().min(MOST_PER_WRITE);
            let window = self.options.window;
            let written = match open(&mut self.client, &self.target).await {
                Ok(client) => {
                    tokio::time::timeout(limit, pg_sql::add(client, &self.pending[..n], window))
                        .await
                        .map_err(|_| PgError::Timeout(limit.as_secs()))
                        .and_then(|r| r.map_err(PgError::from))
                }
                Err(e) => Err(e),
            };
            match written {
                Ok(()) => {
                    self.pending.drain(..n);
                }
                Err(e) => return self.failed(&e),
            }
        }
        self.release();
        let read = match open(&mut self.client, &self.target).await {
            Ok(client) => tokio::time::timeout(limit, pg_sql::read(client))
                .await
                .map_err(|_| PgError::Timeout(limit.as_secs()))
                .and_then(|r| r.map_err(PgError::from)),
            Err(e) => Err(e),
        };
        match read {
            Ok(counts) => {
                self.read = counts;
                self.show();
                if std::mem::take(&mut self.failing) {
                    info!("the count store answers again; the count kept in memory is written");
                }
                self.backoff = Duration::ZERO;
            }
            Err(e) => self.failed(&e),
        }
    }

    /// Keep what is pending and wait longer before the next try. Warned
    /// once per outage, with the number pending and nothing else of them.
    fn failed(&mut self, error: &PgError) {
        self.release();
        // A statement that timed out may leave the connection mid-query.
        if matches!(error, PgError::Timeout(_)) {
            self.client = None;
        }
        self.backoff = (self.backoff * 2)
            .max(Duration::from_millis(500))
            .min(self.options.max_backoff);
        self.next_try = Instant::now() + self.backoff;
        if !std::mem::replace(&mut self.failing, true) {
            warn!(
                error = %error,
                pending = self.pending.len(),
                "the count store cannot be reached now; the count is kept in memory and tried again"
            );
        } else {
            debug!(error = %error, retry_in_ms = self.backoff.as_millis() as u64, "the count store still fails");
        }
    }

    /// Keep what is pending in the spool, or remove it when nothing is.
    fn keep(&mut self) {
        if let Some(spool) = &mut self.spool {
            spool.save(&self.pending);
        }
    }

    /// Show the count read, with what is pending.
    fn show(&self) {
        let counts = pg_sql::with_pending(self.read.clone(), &self.pending);
        if let Some(on_change) = &self.on_change {
            on_change(&counts);
        }
        *lock(&self.shown) = counts;
    }

    /// Try to write what is pending until `within` has passed; the number
    /// left unwritten.
    async fn drain(&mut self, within: Duration) -> u64 {
        let deadline = Instant::now() + within;
        while !self.pending.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || tokio::time::timeout(left, self.write()).await.is_err() {
                break;
            }
            if self.pending.is_empty() {
                break;
            }
            tokio::time::sleep(left.min(Duration::from_millis(200))).await;
        }
        self.keep();
        self.pending.len() as u64
    }
}
