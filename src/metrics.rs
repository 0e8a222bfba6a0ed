//! What a running postbag tells Prometheus: how messages ended, what was
//! sent, how the relay and the MP lookup answered, and what is in hand.
//!
//! Every label value is one of postbag's own codes, a `&'static str` in
//! the label sets' types, so nothing read from a mail (a name, a postcode,
//! an address, a subject) can ever become a label. Names follow the
//! Prometheus conventions: a `postbag_` prefix, base units, `_total` on
//! counters (added by the client crate). The crate is `prometheus-client`,
//! the Prometheus project's own Rust client.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::metrics::info::Info;
use prometheus_client::registry::Registry;

/// A label set of postbag's own codes.
type Codes<const N: usize> = [(&'static str, &'static str); N];

/// The MP lookup's latency buckets: 0.1 ms (the offline index) to about
/// 26 s (an API timing out).
fn lookup_buckets() -> Histogram {
    Histogram::new(exponential_buckets(0.0001, 4.0, 10))
}

/// The process's metrics, shared by the daemon and the HTTP listener.
pub struct Metrics {
    registry: Registry,
    messages: Family<Codes<2>, Counter>,
    replies: Family<Codes<1>, Counter>,
    emails: Counter,
    relay_failures: Family<Codes<1>, Counter>,
    lookups: Family<Codes<2>, Histogram, fn() -> Histogram>,
    left_for_later: Family<Codes<1>, Counter>,
    pauses: Family<Codes<1>, Counter>,
    paused: Gauge,
    in_flight: Gauge,
    waiting: Gauge,
    imap_reconnects: Counter,
    claims: Family<Codes<1>, Counter>,
    mp_data_age: Gauge<f64, AtomicU64>,
    /// The MP list's date, in seconds since the epoch (`i64::MIN`: no
    /// offline MP list is used).
    mp_data_date: AtomicI64,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics(..)")
    }
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("postbag");
        let metrics = Metrics {
            messages: Family::default(),
            replies: Family::default(),
            emails: Counter::default(),
            relay_failures: Family::default(),
            lookups: Family::new_with_constructor(lookup_buckets),
            left_for_later: Family::default(),
            pauses: Family::default(),
            paused: Gauge::default(),
            in_flight: Gauge::default(),
            waiting: Gauge::default(),
            imap_reconnects: Counter::default(),
            claims: Family::default(),
            mp_data_age: Gauge::default(),
            mp_data_date: AtomicI64::new(i64::MIN),
            registry: Registry::default(),
        };
        registry.register(
            "messages",
            "Messages settled, by outcome class (letters, help, ignored, review) and reason",
            metrics.messages.clone(),
        );
        registry.register(
            "replies_sent",
            "Replies the relay accepted, by kind (letters, help)",
            metrics.replies.clone(),
        );
        registry.register(
            "emails_sent",
            "Emails the relay accepted (a reply laid out one letter per email is several)",
            metrics.emails.clone(),
        );
        registry.register(
            "relay_failures",
            "Sends the relay did not accept, by class (transient, permanent, sign_in, account, no_token, quota)",
            metrics.relay_failures.clone(),
        );
        registry.register(
            "lookup_duration_seconds",
            "MP lookups, by the source that answered and the result",
            metrics.lookups.clone(),
        );
        registry.register(
            "messages_left_for_later",
            "Messages released to be tried again, by why (a relay's 4xx, the lookup down, a reply cap, a pause)",
            metrics.left_for_later.clone(),
        );
        registry.register(
            "sending_pauses",
            "Times sending was paused, by reason (a quota, the daily cap, a refused sign-in)",
            metrics.pauses.clone(),
        );
        registry.register(
            "sending_paused",
            "1 while sending is paused",
            metrics.paused.clone(),
        );
        registry.register(
            "messages_in_flight",
            "Messages being answered now",
            metrics.in_flight.clone(),
        );
        registry.register(
            "messages_waiting",
            "Messages held for a retry or the end of a pause",
            metrics.waiting.clone(),
        );
        registry.register(
            "imap_reconnects",
            "Times the mailbox connection was opened again after a failure",
            metrics.imap_reconnects.clone(),
        );
        registry.register(
            "claims",
            "Claims asked for, by result: won, lost (another instance took the message first), taken_over (another's claim, unchanged for the lease)",
            metrics.claims.clone(),
        );
        registry.register(
            "mp_data_age_seconds",
            "Age of the offline MP list, from the date it carries (NaN when none is used)",
            metrics.mp_data_age.clone(),
        );
        registry.register(
            "build",
            "postbag's version",
            Info::new([("version", env!("CARGO_PKG_VERSION"))]),
        );
        Metrics {
            registry,
            ..metrics
        }
    }

    /// A message settled: `class` is the outcome class (`letters`, `help`,
    /// `ignored`, `review`).
    pub fn settled(&self, class: &'static str, reason: Option<&'static str>) {
        let labels = [("outcome", class), ("reason", reason.unwrap_or("none"))];
        self.messages.get_or_create(&labels).inc();
    }

    /// A reply accepted by the relay, made of `emails` emails.
    pub fn reply_sent(&self, kind: &'static str, emails: u32) {
        self.replies.get_or_create(&[("kind", kind)]).inc();
        self.emails.inc_by(u64::from(emails));
    }

    pub fn relay_failed(&self, class: &'static str) {
        self.relay_failures.get_or_create(&[("class", class)]).inc();
    }

    /// One MP lookup: the source that answered (`postcode` when the
    /// postcode alone was enough) and the result's code.
    pub fn looked_up(&self, source: &'static str, result: &'static str, seconds: f64) {
        let labels = [("source", source), ("result", result)];
        self.lookups.get_or_create(&labels).observe(seconds);
    }

    pub fn left_for_later(&self, why: &'static str) {
        self.left_for_later.get_or_create(&[("why", why)]).inc();
    }

    pub fn pause_started(&self, reason: &'static str) {
        self.pauses.get_or_create(&[("reason", reason)]).inc();
    }

    pub fn set_paused(&self, paused: bool) {
        self.paused.set(i64::from(paused));
    }

    pub fn set_in_hand(&self, in_flight: usize, waiting: usize) {
        self.in_flight
            .set(i64::try_from(in_flight).unwrap_or(i64::MAX));
        self.waiting.set(i64::try_from(waiting).unwrap_or(i64::MAX));
    }

    pub fn imap_reconnected(&self) {
        self.imap_reconnects.inc();
    }

    /// `n` claims that ended in `result` (`won`, `lost`, `taken_over`).
    pub fn claims(&self, result: &'static str, n: usize) {
        if n > 0 {
            self.claims
                .get_or_create(&[("result", result)])
                .inc_by(n as u64);
        }
    }

    /// The offline MP list's date, for its age at each scrape.
    pub fn set_mp_data_date(&self, date: jiff::civil::Date) {
        if let Ok(at) = date.to_zoned(jiff::tz::TimeZone::UTC) {
            self.mp_data_date
                .store(at.timestamp().as_second(), Ordering::Relaxed);
        }
    }

    /// The metrics in the OpenMetrics text format, as of `now` (seconds
    /// since the epoch).
    pub fn encode(&self, now: i64) -> String {
        let date = self.mp_data_date.load(Ordering::Relaxed);
        // Seconds to a few days' precision fit an f64 exactly. No offline
        // MP list: NaN, not an age of 0 that would look fresh.
        #[allow(clippy::cast_precision_loss)]
        let age = if date == i64::MIN {
            f64::NAN
        } else {
            now.saturating_sub(date) as f64
        };
        self.mp_data_age.set(age);
        let mut text = String::with_capacity(8 * 1024);
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}

/// The content type of [`Metrics::encode`]'s text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_names_every_family_with_its_labels() {
        let metrics = Metrics::new();
        metrics.settled("letters", None);
        metrics.settled("help", Some("missing_details"));
        metrics.reply_sent("letters", 2);
        metrics.relay_failed("transient");
        metrics.looked_up("offline", "found", 0.0002);
        metrics.left_for_later("reply_cap");
        metrics.pause_started("daily_cap");
        metrics.set_in_hand(3, 1);
        metrics.set_mp_data_date(jiff::civil::date(2026, 1, 1));
        let day = 86_400;
        let text = metrics.encode(
            jiff::civil::date(2026, 1, 3)
                .to_zoned(jiff::tz::TimeZone::UTC)
                .unwrap()
                .timestamp()
                .as_second(),
        );
        for line in [
            "postbag_messages_total{outcome=\"letters\",reason=\"none\"} 1",
            "postbag_messages_total{outcome=\"help\",reason=\"missing_details\"} 1",
            "postbag_replies_sent_total{kind=\"letters\"} 1",
            "postbag_emails_sent_total 2",
            "postbag_relay_failures_total{class=\"transient\"} 1",
            "postbag_lookup_duration_seconds_count{source=\"offline\",result=\"found\"} 1",
            "postbag_messages_left_for_later_total{why=\"reply_cap\"} 1",
            "postbag_sending_pauses_total{reason=\"daily_cap\"} 1",
            "postbag_messages_in_flight 3",
            "postbag_messages_waiting 1",
            "postbag_imap_reconnects_total 0",
            &format!("postbag_mp_data_age_seconds {}.0", 2 * day),
            &format!(
                "postbag_build_info{{version=\"{}\"}} 1",
                env!("CARGO_PKG_VERSION")
            ),
        ] {
            assert!(text.lines().any(|l| l == line), "{line} not in:\n{text}");
        }
        assert!(text.ends_with("# EOF\n"));
    }
}
