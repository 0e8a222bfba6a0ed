//! `[http]`: the optional HTTP listener beside the daemon, for the
//! campaign page's live count (`/stats.json`), Prometheus (`/metrics`) and
//! health checks (`/healthz`, `/readyz`).
//!
//! Off unless `listen` is set. Only a loopback address is taken without
//! more: `/metrics` tells anyone who can reach it how the campaign is
//! doing, so listening further needs `public = true` (or, better, a
//! reverse proxy in front of 127.0.0.1).

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

use crate::field::{ConfigError, field_error};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHttp {
    listen: Option<String>,
    #[serde(default)]
    public: bool,
    #[serde(default)]
    cors_origins: Vec<String>,
    stats_max_age_secs: Option<u64>,
    max_connections: Option<usize>,
}

/// `[http]`, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpConfig {
    pub listen: SocketAddr,
    /// Origins whose pages may read `/stats.json` (`*` for any).
    pub cors_origins: Vec<String>,
    /// How long browsers and proxies may keep `/stats.json`.
    pub stats_max_age: Duration,
    /// Connections served at once; more wait in the listen queue.
    pub max_connections: usize,
}

/// Check `[http]`; `None` when there is no listener.
pub(super) fn validate_http(
    raw: Option<RawHttp>,
    file: &Path,
) -> Result<Option<HttpConfig>, ConfigError> {
    let Some(raw) = raw else { return Ok(None) };
    let Some(listen) = raw.listen else {
        return Ok(None);
    };
    let listen: SocketAddr = listen.trim().parse().map_err(|_| {
        field_error(
            file,
            "http.listen",
            format!("{listen:?} is not an address and port like \"127.0.0.1:9187\""),
        )
    })?;
    if !listen.ip().is_loopback() && !raw.public {
        return Err(field_error(
            file,
            "http.listen",
            format!(
                "{listen} is not a loopback address: anyone who can reach it could read /metrics. \
                 Listen on 127.0.0.1 behind a reverse proxy, or set http.public = true"
            ),
        ));
    }
    for origin in &raw.cors_origins {
        if !is_origin(origin) {
            return Err(field_error(
                file,
                "http.cors_origins",
                format!(
                    "{origin:?} is not an origin: write the scheme and host the page is served from, \
                     like \"https://campaign.example.org\" (no path), or \"*\" for any"
                ),
            ));
        }
    }
    let max_connections = raw.max_connections.unwrap_or(64);
    if !(1..=4096).contains(&max_connections) {
        return Err(field_error(
            file,
            "http.max_connections",
            "must be between 1 and 4096",
        ));
    }
    let stats_max_age_secs = raw.stats_max_age_secs.unwrap_or(15);
    if stats_max_age_secs > 3600 {
        return Err(field_error(
            file,
            "http.stats_max_age_secs",
            "must be at most 3600: the counter on the campaign page would lag by more than an hour",
        ));
    }
    Ok(Some(HttpConfig {
        listen,
        cors_origins: raw.cors_origins,
        stats_max_age: Duration::from_secs(stats_max_age_secs),
        max_connections,
    }))
}

/// `scheme://host[:port]`, as a browser sends it in `Origin`, or `*`.
fn is_origin(origin: &str) -> bool {
    if origin == "*" {
        return true;
    }
    let Some((scheme, rest)) = origin.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && !rest.contains(['/', '?', '#', ' ', '@'])
        && url::Url::parse(origin).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(listen: &str) -> RawHttp {
        RawHttp {
            listen: Some(listen.to_owned()),
            public: false,
            cors_origins: Vec::new(),
            stats_max_age_secs: None,
            max_connections: None,
        }
    }

    fn problem(raw: RawHttp) -> String {
        validate_http(Some(raw), Path::new("postbag.toml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn loopback_is_taken_and_anything_else_needs_public() {
        let ok = validate_http(Some(raw("127.0.0.1:9187")), Path::new("p")).unwrap();
        assert_eq!(ok.unwrap().listen.port(), 9187);
        assert!(validate_http(Some(raw("[::1]:9187")), Path::new("p")).is_ok());
        let text = problem(raw("0.0.0.0:9187"));
        assert!(
            text.contains("http.listen") && text.contains("http.public"),
            "{text}"
        );
        let public = RawHttp {
            public: true,
            ..raw("0.0.0.0:9187")
        };
        assert!(validate_http(Some(public), Path::new("p")).is_ok());
    }

    #[test]
    fn a_host_name_or_a_missing_port_is_named() {
        for listen in ["localhost:9187", "127.0.0.1", "9187"] {
            let text = problem(raw(listen));
            assert!(text.contains("http.listen: "), "{listen}: {text}");
        }
    }

    #[test]
    fn an_origin_with_a_path_is_refused() {
        let with = |origin: &str| RawHttp {
            cors_origins: vec![origin.to_owned()],
            ..raw("127.0.0.1:1")
        };
        for origin in ["https://campaign.example.org", "http://127.0.0.1:8080", "*"] {
            assert!(
                validate_http(Some(with(origin)), Path::new("p")).is_ok(),
                "{origin}"
            );
        }
        for origin in [
            "campaign.example.org",
            "https://x.org/",
            "https://x.org/count",
            "ftp://x.org",
        ] {
            let text = problem(with(origin));
            assert!(text.contains("http.cors_origins"), "{origin}: {text}");
        }
    }
}
