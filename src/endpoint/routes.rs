//! What each path answers: a request's method, path and two headers in,
//! a status, headers and a body out. No sockets here, so each answer is
//! tested as a plain function.
//!
//! | path | answer |
//! |---|---|
//! | `/stats.json` | the count, for the campaign page: CORS for the listed origins, cached for `stats_max_age`, an ETag |
//! | `/metrics` | Prometheus, in the OpenMetrics text format |
//! | `/healthz` | 200 while the process runs |
//! | `/readyz` | 200 when the mailbox session is up and the relay's last word was an answer; else 503 |

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use http::{HeaderValue, Method, StatusCode, header};
use serde::Serialize;

use crate::config::HttpConfig;
use crate::count::Counts;
use crate::status::{Relay, Status};

/// An answer, before it meets hyper.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: Vec<(header::HeaderName, HeaderValue)>,
    pub body: Body,
}

/// An answer's body: made for it, or shared with other answers.
#[derive(Debug)]
pub enum Body {
    Owned(Vec<u8>),
    Shared(Arc<[u8]>),
}

impl Body {
    pub fn as_slice(&self) -> &[u8] {
        match self {
            Body::Owned(bytes) => bytes,
            Body::Shared(bytes) => bytes,
        }
    }
}

impl Answer {
    fn new(status: StatusCode, content_type: &'static str, body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            headers: vec![(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
            body: Body::Owned(body.into()),
        }
    }

    fn text(status: StatusCode, body: &str) -> Answer {
        Answer::new(status, "text/plain; charset=utf-8", format!("{body}\n"))
    }

    fn with(mut self, name: header::HeaderName, value: HeaderValue) -> Answer {
        self.headers.push((name, value));
        self
    }

    /// Whether anything says how long to keep this answer.
    fn not_cached(self) -> Answer {
        self.with(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))
    }
}

/// The parts of a request the answers depend on.
#[derive(Debug)]
pub struct Asked<'a> {
    pub method: &'a Method,
    pub path: &'a str,
    pub origin: Option<&'a HeaderValue>,
    pub if_none_match: Option<&'a HeaderValue>,
    /// The request carries a body (none is ever read).
    pub has_body: bool,
}

/// What the answers read: the settings, the campaign's letter order, the
/// daemon's status.
#[derive(Debug)]
pub struct Site {
    pub config: HttpConfig,
    /// Letter ids in the campaign's order.
    pub letter_order: Vec<String>,
    pub status: std::sync::Arc<Status>,
    /// `/stats.json` as last made: a busy campaign page asks far more
    /// often than the count changes.
    pub stats: Mutex<Option<StatsBody>>,
}

impl Site {
    pub fn new(config: HttpConfig, letter_order: Vec<String>, status: Arc<Status>) -> Site {
        Site {
            config,
            letter_order,
            status,
            stats: Mutex::new(None),
        }
    }
}

/// `/stats.json` for one generation of the count.
#[derive(Debug)]
pub struct StatsBody {
    generation: u64,
    json: Arc<[u8]>,
    etag: HeaderValue,
}

/// The answer to `asked` at `now` (seconds since the epoch).
pub fn answer(site: &Site, asked: &Asked<'_>, now: u64) -> Answer {
    if asked.has_body {
        return Answer::text(StatusCode::PAYLOAD_TOO_LARGE, "no request body is accepted")
            .not_cached();
    }
    let path = asked.path;
    let known = matches!(path, "/stats.json" | "/metrics" | "/healthz" | "/readyz");
    if !known {
        return Answer::text(
            StatusCode::NOT_FOUND,
            "not found: postbag answers /stats.json, /metrics, /healthz and /readyz",
        )
        .not_cached();
    }
    if path == "/stats.json" && asked.method == Method::OPTIONS {
        return preflight(site, asked);
    }
    if asked.method != Method::GET && asked.method != Method::HEAD {
        return Answer::text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD")
            .with(header::ALLOW, HeaderValue::from_static("GET, HEAD"))
            .not_cached();
    }
    match path {
        "/stats.json" => stats(site, asked),
        "/metrics" => Answer::new(
            StatusCode::OK,
            crate::metrics::CONTENT_TYPE,
            site.status
                .metrics
                .encode(i64::try_from(now).unwrap_or(i64::MAX)),
        )
        .not_cached(),
        "/healthz" => Answer::text(StatusCode::OK, "ok").not_cached(),
        _ => ready(&site.status, now),
    }
}

/// `/stats.json`'s body. `updated` is when the count last changed (or
/// postbag started), so the body stays the same between changes.
#[derive(Serialize)]
struct Stats<'a> {
    people_helped: u64,
    help_replies: u64,
    letters_total: u64,
    letters: Vec<LetterCount<'a>>,
    counting_since: Option<String>,
    updated: String,
}

#[derive(Serialize)]
struct LetterCount<'a> {
    id: &'a str,
    count: u64,
}

fn stats(site: &Site, asked: &Asked<'_>) -> Answer {
    let (json, tag) = stats_body(site);
    let cors = allowed_origin(&site.config, asked.origin);
    let max_age = site.config.stats_max_age.as_secs();
    let cache = HeaderValue::from_str(&format!("public, max-age={max_age}"))
        .unwrap_or(HeaderValue::from_static("no-cache"));
    let unchanged = asked
        .if_none_match
        .and_then(|v| v.to_str().ok())
        .zip(tag.to_str().ok())
        .is_some_and(|(v, tag)| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let mut answer = if unchanged {
        Answer {
            status: StatusCode::NOT_MODIFIED,
            headers: Vec::new(),
            body: Body::Owned(Vec::new()),
        }
    } else {
        Answer {
            status: StatusCode::OK,
            headers: vec![(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body: Body::Shared(json),
        }
    };
    answer = answer
        .with(header::CACHE_CONTROL, cache)
        .with(header::ETAG, tag)
        .with(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = cors {
        answer = answer.with(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    answer
}

/// `/stats.json`'s body and tag, made again only when the count changed.
fn stats_body(site: &Site) -> (Arc<[u8]>, HeaderValue) {
    let mut cached = site
        .stats
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (generation, counted_at) = site.status.count_generation();
    if let Some(body) = cached.as_ref()
        && body.generation == generation
    {
        return (Arc::clone(&body.json), body.etag.clone());
    }
    let counts = site.status.counts();
    let body = Stats {
        people_helped: counts.people_helped,
        help_replies: counts.help_replies,
        letters_total: counts.letters_total(),
        letters: in_campaign_order(&site.letter_order, &counts),
        counting_since: counts.since.map(|t| t.to_string()),
        updated: jiff::Timestamp::from_second(i64::try_from(counted_at).unwrap_or(0))
            .map(|t| t.to_string())
            .unwrap_or_default(),
    };
    let mut json = serde_json::to_vec(&body).unwrap_or_default();
    json.push(b'\n');
    let etag = HeaderValue::from_str(&etag(&counts))
        .unwrap_or_else(|_| HeaderValue::from_static("W/\"0\""));
    let made = StatsBody {
        generation,
        json: json.into(),
        etag,
    };
    let answer = (Arc::clone(&made.json), made.etag.clone());
    *cached = Some(made);
    answer
}

/// The campaign's letters first, in its order (zero if none yet), then
/// any the count holds from letters the campaign no longer has.
fn in_campaign_order<'a>(order: &'a [String], counts: &'a Counts) -> Vec<LetterCount<'a>> {
    let mut letters: Vec<LetterCount<'a>> = order
        .iter()
        .map(|id| LetterCount {
            id,
            count: counts.letters.get(id).copied().unwrap_or(0),
        })
        .collect();
    letters.extend(
        counts
            .letters
            .iter()
            .filter(|(id, _)| !order.contains(id))
            .map(|(id, count)| LetterCount { id, count: *count }),
    );
    letters
}

/// A weak tag of the numbers: the same count, the same tag.
fn etag(counts: &Counts) -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    counts.people_helped.hash(&mut hasher);
    counts.help_replies.hash(&mut hasher);
    counts.letters.hash(&mut hasher);
    counts.since.map(|t| t.as_second()).hash(&mut hasher);
    format!("W/\"{:016x}\"", hasher.finish())
}

/// The `Access-Control-Allow-Origin` for a request from `origin`, if
/// that origin is listed.
fn allowed_origin(config: &HttpConfig, origin: Option<&HeaderValue>) -> Option<HeaderValue> {
    if config.cors_origins.iter().any(|o| o == "*") {
        return Some(HeaderValue::from_static("*"));
    }
    let origin = origin?;
    let text = origin.to_str().ok()?;
    config
        .cors_origins
        .iter()
        .any(|o| o.eq_ignore_ascii_case(text))
        .then(|| origin.clone())
}

/// A browser asking before a cross-origin GET (it does not, for a plain
/// fetch, but a page may add a header).
fn preflight(site: &Site, asked: &Asked<'_>) -> Answer {
    let mut answer = Answer {
        status: StatusCode::NO_CONTENT,
        headers: vec![(header::VARY, HeaderValue::from_static("Origin"))],
        body: Body::Owned(Vec::new()),
    };
    if let Some(origin) = allowed_origin(&site.config, asked.origin) {
        answer = answer
            .with(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin)
            .with(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, HEAD"),
            )
            .with(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("86400"),
            );
    }
    answer
}

/// `/readyz`'s body.
#[derive(Serialize)]
struct Readiness {
    ready: bool,
    mailbox: &'static str,
    relay: &'static str,
    relay_answered_secs_ago: Option<u64>,
}

fn ready(status: &Status, now: u64) -> Answer {
    let mailbox_up = status.mailbox_up();
    let relay = status.relay();
    // Nothing sent yet is not a fault: the relay is tried at the first
    // reply (and at start-up where a wrong port would stay silent).
    let ready = mailbox_up && relay != Relay::Failing;
    let body = Readiness {
        ready,
        mailbox: if mailbox_up { "up" } else { "down" },
        relay: match relay {
            Relay::Untried => "untried",
            Relay::Answering => "answering",
            Relay::Failing => "failing",
        },
        relay_answered_secs_ago: status.relay_answered_at().map(|at| now.saturating_sub(at)),
    };
    let mut json = serde_json::to_vec(&body).unwrap_or_default();
    json.push(b'\n');
    let code = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    Answer::new(code, "application/json", json).not_cached()
}

#[cfg(test)]
#[path = "routes_tests.rs"]
mod tests;
