//! Stopping the process: one [`Stop`] asks, every [`Shutdown`] hears.
//!
//! A stop is asked for once (a signal, or a service that ended) and is
//! heard by every long-running service and every wait inside them, each
//! of which stops taking new work and finishes what it holds. Modelled on
//! mini-redis's `Shutdown`.

use std::sync::Arc;

use tokio::sync::watch;

/// The side that asks for a stop; clones ask for the same one.
#[derive(Clone, Debug)]
pub struct Stop {
    sender: Arc<watch::Sender<bool>>,
}

/// The side that hears it: cheap to clone, one for each who waits.
#[derive(Clone, Debug)]
pub struct Shutdown {
    receiver: watch::Receiver<bool>,
}

impl Stop {
    pub fn new() -> Stop {
        Stop {
            sender: Arc::new(watch::Sender::new(false)),
        }
    }

    /// A listener for this stop.
    pub fn subscribe(&self) -> Shutdown {
        Shutdown {
            receiver: self.sender.subscribe(),
        }
    }

    /// Ask every listener to stop; asking again changes nothing.
    pub fn stop(&self) {
        self.sender.send_replace(true);
    }
}

impl Default for Stop {
    fn default() -> Stop {
        Stop::new()
    }
}

impl Shutdown {
    /// Whether a stop was asked for, or nobody is left to ask (every
    /// [`Stop`] is gone: waiting on it would return at once, for ever).
    pub fn is_shutdown(&self) -> bool {
        *self.receiver.borrow() || self.receiver.has_changed().is_err()
    }

    /// Wait until a stop is asked for (at once if it already was).
    pub async fn recv(&mut self) {
        // Err means the Stop was dropped: as good as a stop.
        let _ = self.receiver.wait_for(|stopped| *stopped).await;
    }
}

/// Stop on the first SIGTERM or SIGINT (at a safe point: what is in
/// flight is finished); exit at once with `exit_code` on the second (mail
/// in flight is then answered by the next run, perhaps twice).
pub async fn stop_on_signals(stop: Stop, exit_code: i32) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        // Keep `stop` alive: dropping it would read as a stop request.
        tracing::error!("cannot listen for signals; stop postbag with SIGKILL");
        std::future::pending::<()>().await;
        return;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
    tracing::info!("stop asked for; finishing what is in flight (signal again to stop now)");
    stop.stop();
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
    tracing::warn!("stopping now");
    std::process::exit(exit_code);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_listener_hears_one_stop() {
        let stop = Stop::new();
        let mut first = stop.subscribe();
        let second = first.clone();
        assert!(!first.is_shutdown());
        stop.stop();
        first.recv().await;
        assert!(first.is_shutdown() && second.is_shutdown());
    }

    #[tokio::test]
    async fn a_dropped_stop_reads_as_a_stop() {
        let stop = Stop::new();
        let mut shutdown = stop.subscribe();
        drop(stop);
        assert!(shutdown.is_shutdown());
        shutdown.recv().await;
    }
}
