//! The campaign page's counter (`contrib/counter/counter.html`) in
//! headless Chromium, reading a running postbag: after supporters are
//! answered through the real Postfix and Dovecot, the page served from
//! another origin shows the people helped and letters generated as
//! `/stats.json` gives them; with postbag stopped, it shows the same
//! numbers, marked stale. Needs `scripts/mailstack install` and
//! `scripts/render install` (`scripts/test` runs both).

#[path = "common/http_get.rs"]
mod http_get;
#[path = "common/mailstack.rs"]
mod mailstack;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use http_get::{free_port, http_get};
use mailstack::{Daemon, Stack, requests, wait_until};

const WAIT: Duration = Duration::from_secs(120);

/// Serve `page` at any path on a loopback port, from a thread, for as
/// long as the test runs: the campaign's own site, another origin.
fn serve_page(page: String) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the page server");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            // Read the head; the body of a GET is empty.
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut stream = &stream;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
        }
    });
    port
}

/// The page's DOM after its scripts ran, in headless Chromium with the
/// profile (and so the localStorage) in `profile`.
fn dom(url: &str, profile: &Path) -> String {
    let output = Command::new("chromium-headless-shell")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=4000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .output()
        .expect("run chromium-headless-shell (scripts/render install, as root)");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The counter's state and the two numbers it shows.
fn counter(dom: &str) -> (String, Vec<String>) {
    let state = dom
        .split("data-state=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("")
        .to_owned();
    let numbers = dom
        .split("<strong class=\"postbag-counter__n\">")
        .skip(1)
        // The element comes before the script, whose text holds the same tag.
        .take(2)
        .filter_map(|rest| rest.split("</strong>").next())
        .map(str::to_owned)
        .collect();
    (state, numbers)
}

#[test]
fn the_campaign_page_shows_the_live_count_and_keeps_it_when_postbag_stops() {
    let stack = Stack::start();
    let snippet = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/counter/counter.html"),
    )
    .expect("the snippet");
    let api = free_port();
    let page = snippet.replace(
        "data-postbag-stats=\"https://count.example.org/stats.json\"",
        &format!(
            "data-postbag-stats=\"http://127.0.0.1:{api}/stats.json\" data-refresh-seconds=\"1\""
        ),
    );
    assert!(
        page.contains(&format!("127.0.0.1:{api}")),
        "the snippet's endpoint attribute was found"
    );
    let page_port = serve_page(format!(
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"></head><body>{page}</body></html>"
    ));
    // No caching, so the stopped daemon shows at once; only the page's
    // origin may read the count.
    let http = format!(
        "listen = \"127.0.0.1:{api}\"\ncors_origins = [\"http://127.0.0.1:{page_port}\"]\nstats_max_age_secs = 0"
    );
    let config = stack.config(&[("http", &http), ("limits", "per_domain_per_hour = 0")]);
    let log = stack.dir.path().join("postbag.log");
    let daemon = Daemon::start(&config, &[], &log);
    daemon.wait_open(WAIT);
    stack.submit(&requests("counter", 3));
    let mut stats = serde_json::Value::Null;
    wait_until("three supporters counted", WAIT, || {
        let (code, body) = http_get(api, "/stats.json");
        stats = serde_json::from_str(&body).unwrap_or_default();
        code == 200 && stats["people_helped"] == 3
    });
    let letters = stats["letters_total"].as_u64().expect("letters_total");
    assert!(letters >= 3, "{stats}");

    let profile = tempfile::tempdir().expect("profile");
    let url = format!("http://127.0.0.1:{page_port}/");
    let live = dom(&url, profile.path());
    let (state, numbers) = counter(&live);
    assert_eq!(state, "live", "{live}");
    assert_eq!(numbers, ["3".to_owned(), letters.to_string()], "{live}");

    // A page from an origin not listed gets nothing to show.
    let elsewhere = serve_page(format!("<!doctype html><html><body>{page}</body></html>"));
    let other_profile = tempfile::tempdir().expect("profile");
    let other = dom(
        &format!("http://127.0.0.1:{elsewhere}/"),
        other_profile.path(),
    );
    let (state, _) = counter(&other);
    assert_eq!(state, "unavailable", "{other}");

    assert_eq!(daemon.stop(), Some(0));
    let stale = dom(&url, profile.path());
    let (state, numbers) = counter(&stale);
    assert_eq!(state, "stale", "{stale}");
    assert_eq!(
        numbers,
        ["3".to_owned(), letters.to_string()],
        "the last known numbers stay: {stale}"
    );
}
