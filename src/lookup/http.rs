//! HTTP with manners, for the online lookup services.
//!
//! Each service is a [`Host`]: one request at a time (the Members API sits
//! behind Cloudflare, which blocks bursts), an optional pause between
//! requests, connect and total timeouts, a User-Agent that names postbag
//! and the operator's contact address, and `Retry-After` honoured: after a
//! 429 or 503 the host is not asked again until the time it gave. Every
//! failure becomes an [`Unavailable`] whose text names the service and the
//! kind of failure, never the URL, because a URL can hold a postcode.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use super::Unavailable;

/// Answers larger than this are refused; real ones are a few KB.
const MAX_BODY: usize = 1 << 20;
/// How long a host that answered 429 without `Retry-After` is left alone.
const DEFAULT_BACKOFF_429: Duration = Duration::from_secs(60);
/// The longest `Retry-After` believed; longer ones are capped.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 3600);

/// How to talk to the services.
#[derive(Clone, Debug)]
pub struct HttpSettings {
    pub user_agent: String,
    pub connect_timeout: Duration,
    pub timeout: Duration,
}

impl HttpSettings {
    /// Settings with a User-Agent naming postbag and `contact`.
    pub fn new(contact: &str, connect_timeout: Duration, timeout: Duration) -> HttpSettings {
        HttpSettings {
            user_agent: format!(
                "postbag/{} (campaign letters bot; contact {contact})",
                env!("CARGO_PKG_VERSION")
            ),
            connect_timeout,
            timeout,
        }
    }

    /// Build the client all hosts share.
    ///
    /// # Errors
    /// When the TLS setup fails.
    pub fn client(&self) -> Result<reqwest::Client, reqwest::Error> {
        reqwest::Client::builder()
            .user_agent(&self.user_agent)
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::limited(3))
            .build()
    }
}

/// An answer with a status the caller interprets (2xx or 4xx other than
/// 429).
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

#[derive(Debug, Default)]
struct Turn {
    /// The host asked us to wait until then.
    blocked_until: Option<Instant>,
    /// When the last request finished.
    last: Option<Instant>,
}

/// One service, asked politely.
#[derive(Debug)]
pub struct Host {
    name: &'static str,
    base: reqwest::Url,
    client: reqwest::Client,
    gap: Duration,
    turn: Mutex<Turn>,
}

impl Host {
    /// A host at `base` (e.g. `https://api.postcodes.io`), asked at most
    /// once per `gap`.
    ///
    /// # Errors
    /// When `base` is not an http(s) URL.
    pub fn new(
        name: &'static str,
        base: &str,
        client: reqwest::Client,
        gap: Duration,
    ) -> Result<Host, String> {
        let mut base = reqwest::Url::parse(base).map_err(|e| e.to_string())?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err("not an http(s) URL".to_owned());
        }
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        Ok(Host {
            name,
            base,
            client,
            gap,
            turn: Mutex::new(Turn::default()),
        })
    }

    /// The service's name, for messages and `source`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The URL of `segments` under the base, each percent-encoded, with a
    /// query.
    pub fn url(&self, segments: &[&str], query: &[(&str, &str)]) -> reqwest::Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        url
    }

    /// GET `url`, one request at a time, honouring `Retry-After`.
    ///
    /// # Errors
    /// [`Unavailable`] on a network failure, a timeout, a 429 or 5xx, or
    /// while the host has asked us to wait.
    pub async fn get(&self, url: reqwest::Url) -> Result<Response, Unavailable> {
        let mut turn = self.turn.lock().await;
        let now = Instant::now();
        if let Some(until) = turn.blocked_until {
            if until > now {
                return Err(Unavailable {
                    reason: format!("{}: asked us to wait", self.name),
                    retry_after: Some(until - now),
                });
            }
            turn.blocked_until = None;
        }
        if let Some(last) = turn.last {
            tokio::time::sleep_until(last + self.gap).await;
        }
        let result = self.fetch(url).await;
        turn.last = Some(Instant::now());
        if let Err(Unavailable {
            retry_after: Some(wait),
            ..
        }) = &result
        {
            turn.blocked_until = Some(Instant::now() + *wait);
        }
        result
    }

    async fn fetch(&self, url: reqwest::Url) -> Result<Response, Unavailable> {
        let failed = |what: &str| Unavailable::new(format!("{}: {what}", self.name));
        let mut response = self
            .client
            .get(url)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| failed(describe(&e)))?;
        let status = response.status().as_u16();
        if status == 429 || status >= 500 {
            let given = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, jiff::Timestamp::now()));
            // A 429 with no time given still means "stop": back off a while
            // rather than asking again with the next message.
            let retry_after = given.or((status == 429).then_some(DEFAULT_BACKOFF_429));
            return Err(Unavailable {
                reason: format!("{}: HTTP {status}", self.name),
                retry_after,
            });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| failed(describe(&e)))? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(failed("answer too large"));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response { status, body })
    }
}

/// What kind of failure, without the URL that reqwest's own message holds.
fn describe(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "cannot connect"
    } else if error.is_body() || error.is_decode() {
        "broken answer"
    } else if error.is_redirect() {
        "too many redirects"
    } else {
        "request failed"
    }
}

/// A `Retry-After` value: seconds, or an HTTP date.
pub fn parse_retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    let wait = if let Ok(seconds) = value.parse::<u64>() {
        Duration::from_secs(seconds)
    } else {
        let at = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
        let seconds = at.as_second().saturating_sub(now.as_second());
        Duration::from_secs(u64::try_from(seconds).unwrap_or(0))
    };
    Some(wait.min(MAX_RETRY_AFTER))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now: jiff::Timestamp = "2026-11-23T10:00:00Z".parse().unwrap();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Mon, 23 Nov 2026 10:00:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Mon, 23 Nov 2026 09:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("99999999", now), Some(MAX_RETRY_AFTER));
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn urls_encode_each_segment() {
        let host = Host::new(
            "t",
            "http://127.0.0.1:9/api",
            reqwest::Client::new(),
            Duration::ZERO,
        )
        .unwrap();
        assert_eq!(
            host.url(&["postcodes", "SW1A 1AA"], &[]).as_str(),
            "http://127.0.0.1:9/api/postcodes/SW1A%201AA"
        );
        assert_eq!(
            host.url(
                &["Location", "Constituency", "Search"],
                &[("searchText", "Ynys Môn & X")]
            )
            .as_str(),
            "http://127.0.0.1:9/api/Location/Constituency/Search?searchText=Ynys+M%C3%B4n+%26+X"
        );
    }
}
