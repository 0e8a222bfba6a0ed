//! The long-running services one process hosts under one shutdown.
//!
//! Today the mail daemon is the only one; an HTTP endpoint will be the
//! second. Each [`Service`] runs until it is asked to stop (or has nothing
//! more to do), and when any one ends, the others are asked to stop too,
//! so the process never runs half of itself. The shape follows pingora's
//! `Service` and `BackgroundService`, without their threads and listeners.

use std::future::Future;

use anyhow::{Result, anyhow};
use tokio::task::JoinSet;
use tracing::info;

use crate::shutdown::{Shutdown, Stop};

/// A long-running part of the process.
pub trait Service: Send + 'static {
    /// The name the log uses for it.
    fn name(&self) -> &'static str;

    /// Run until `shutdown`, finishing what is in hand, or until there is
    /// nothing more to do.
    fn run(self, shutdown: Shutdown) -> impl Future<Output = Result<()>> + Send;
}

/// The services of one process and the stop they share.
pub struct Host {
    stop: Stop,
    running: JoinSet<(&'static str, Result<()>)>,
}

impl Host {
    /// A host whose services stop when `stop` is asked (by a signal).
    pub fn new(stop: Stop) -> Host {
        Host {
            stop,
            running: JoinSet::new(),
        }
    }

    /// Start `service` now.
    pub fn add(&mut self, service: impl Service) {
        let shutdown = self.stop.subscribe();
        self.running.spawn(async move {
            let name = service.name();
            (name, service.run(shutdown).await)
        });
    }

    /// Wait until every service has ended. The first to end asks the
    /// others to stop.
    ///
    /// # Errors
    /// The first service's failure (a panic counts as one).
    pub async fn run(mut self) -> Result<()> {
        let mut failure = None;
        while let Some(joined) = self.running.join_next().await {
            self.stop.stop();
            let (name, result) = match joined {
                Ok(ended) => ended,
                Err(_) => (
                    "a service",
                    Err(anyhow!("a service failed: a bug in postbag")),
                ),
            };
            match result {
                Ok(()) => info!(service = name, "ended"), // pii-ok: a service's static name
                Err(e) => {
                    failure.get_or_insert(e);
                }
            }
        }
        failure.map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use super::*;

    /// Ends after `after`, or at a stop, noting which.
    struct Sleeper {
        after: Duration,
        stopped: Arc<AtomicBool>,
        fails: bool,
    }

    impl Service for Sleeper {
        fn name(&self) -> &'static str {
            "sleeper"
        }

        async fn run(self, mut shutdown: Shutdown) -> Result<()> {
            tokio::select! {
                () = tokio::time::sleep(self.after) => {}
                () = shutdown.recv() => self.stopped.store(true, Ordering::SeqCst),
            }
            if self.fails {
                Err(anyhow!("broke"))
            } else {
                Ok(())
            }
        }
    }

    fn sleeper(secs: u64, fails: bool) -> (Sleeper, Arc<AtomicBool>) {
        let stopped = Arc::new(AtomicBool::new(false));
        let service = Sleeper {
            after: Duration::from_secs(secs),
            stopped: Arc::clone(&stopped),
            fails,
        };
        (service, stopped)
    }

    #[tokio::test(start_paused = true)]
    async fn one_service_ending_stops_the_others_and_its_failure_is_the_result() {
        let mut host = Host::new(Stop::new());
        let (short, short_stopped) = sleeper(1, true);
        let (long, long_stopped) = sleeper(3600, false);
        host.add(short);
        host.add(long);
        let started = tokio::time::Instant::now();
        let result = host.run().await;
        assert_eq!(result.expect_err("the failure").to_string(), "broke");
        assert!(!short_stopped.load(Ordering::SeqCst));
        assert!(long_stopped.load(Ordering::SeqCst), "asked to stop");
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[tokio::test(start_paused = true)]
    async fn a_stop_reaches_every_service() {
        let stop = Stop::new();
        let mut host = Host::new(stop.clone());
        let (first, first_stopped) = sleeper(3600, false);
        let (second, second_stopped) = sleeper(3600, false);
        host.add(first);
        host.add(second);
        stop.stop();
        host.run().await.expect("no failure");
        assert!(first_stopped.load(Ordering::SeqCst) && second_stopped.load(Ordering::SeqCst));
    }
}
