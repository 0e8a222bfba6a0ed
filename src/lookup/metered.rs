//! A lookup that tells the [`Metrics`](crate::metrics::Metrics) how each
//! answer went and how long it took: the source that answered and the
//! result's code, never the postcode.

use std::sync::Arc;

use super::{Answer, MpLookup};
use crate::postcode::Postcode;
use crate::status::Status;

/// `inner`, timed and counted.
#[derive(Debug)]
pub struct Metered<L> {
    inner: L,
    status: Arc<Status>,
}

impl<L> Metered<L> {
    pub fn new(inner: L, status: Arc<Status>) -> Metered<L> {
        Metered { inner, status }
    }
}

impl<L: MpLookup + Sync> MpLookup for Metered<L> {
    async fn lookup(&self, postcode: &Postcode) -> Answer {
        let started = std::time::Instant::now();
        let answer = self.inner.lookup(postcode).await;
        let source = match (answer.source.seat, answer.source.by_sector) {
            (Some("offline"), true) => "offline_sector",
            (Some(source), _) => source,
            (None, _) => "none",
        };
        self.status.metrics.looked_up(
            source,
            answer.lookup.code(),
            started.elapsed().as_secs_f64(),
        );
        answer
    }
}
