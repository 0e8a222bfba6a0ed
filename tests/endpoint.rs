//! The HTTP listener over real sockets: its answers as a browser and
//! Prometheus get them, and its limits against clients that would hold it
//! (a slow head, an oversized head, more connections than it serves), so
//! the endpoint cannot be used to starve the daemon beside it.

use std::sync::Arc;
use std::time::Duration;

use postbag::config::HttpConfig;
use postbag::count::Counts;
use postbag::endpoint::{Endpoint, Limits};
use postbag::host::Service;
use postbag::shutdown::Stop;
use postbag::status::Status;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Short limits, so the tests take well under a second each.
const LIMITS: Limits = Limits {
    head_timeout: Duration::from_millis(300),
    max_head_bytes: 8 * 1024,
    connection_life: Duration::from_secs(5),
    shutdown_grace: Duration::from_millis(200),
};

struct Running {
    addr: std::net::SocketAddr,
    status: Arc<Status>,
    stop: Stop,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

fn start(max_connections: usize) -> Running {
    let status = Arc::new(Status::new());
    let config = HttpConfig {
        listen: "127.0.0.1:0".parse().expect("an address"),
        cors_origins: vec!["http://campaign.test".into()],
        stats_max_age: Duration::from_secs(15),
        max_connections,
    };
    let endpoint = Endpoint::bind(
        config,
        std::path::Path::new("postbag.toml"),
        vec!["mp".into(), "ico".into()],
        Arc::clone(&status),
    )
    .expect("bind")
    .with_limits(LIMITS);
    let addr = endpoint.local_addr().expect("its address");
    let stop = Stop::new();
    let task = tokio::spawn(endpoint.run(stop.subscribe()));
    Running {
        addr,
        status,
        stop,
        task,
    }
}

/// Send `request` and read until the server closes or `limit` passes.
async fn exchange(addr: std::net::SocketAddr, request: &[u8], limit: Duration) -> String {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request).await.expect("send");
    read_all(&mut stream, limit).await
}

async fn read_all(stream: &mut TcpStream, limit: Duration) -> String {
    let mut got = Vec::new();
    let _ = tokio::time::timeout(limit, stream.read_to_end(&mut got)).await;
    String::from_utf8_lossy(&got).into_owned()
}

fn get(path: &str, extra: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: x\r\n{extra}Connection: close\r\n\r\n").into_bytes()
}

#[tokio::test]
async fn the_count_reaches_a_listed_page_and_prometheus_reads_its_metrics() {
    let running = start(8);
    let mut counts = Counts {
        people_helped: 3,
        ..Counts::default()
    };
    counts.letters.insert("mp".into(), 3);
    running.status.set_counts(&counts);
    running.status.metrics.settled("letters", None);
    let second = Duration::from_secs(1);
    let stats = exchange(
        running.addr,
        &get("/stats.json", "Origin: http://campaign.test\r\n"),
        second,
    )
    .await;
    assert!(stats.starts_with("HTTP/1.1 200 OK"), "{stats}");
    let lower = stats.to_ascii_lowercase();
    assert!(lower.contains("access-control-allow-origin: http://campaign.test"));
    assert!(lower.contains("cache-control: public, max-age=15"));
    assert!(stats.contains(r#""people_helped":3"#), "{stats}");
    assert!(stats.contains(r#"{"id":"mp","count":3},{"id":"ico","count":0}"#));
    let metrics = exchange(running.addr, &get("/metrics", ""), second).await;
    assert!(lower_has(
        &metrics,
        "content-type: application/openmetrics-text"
    ));
    assert!(metrics.contains("postbag_messages_total{outcome=\"letters\",reason=\"none\"} 1"));
    let head = exchange(
        running.addr,
        b"HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        second,
    )
    .await;
    assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
    assert!(head.ends_with("\r\n\r\n"), "no body after HEAD: {head:?}");
    let ready = exchange(running.addr, &get("/readyz", ""), second).await;
    assert!(ready.starts_with("HTTP/1.1 503"), "no mailbox yet: {ready}");
    running.stop.stop();
    running.task.await.unwrap().unwrap();
}

fn lower_has(text: &str, part: &str) -> bool {
    text.to_ascii_lowercase().contains(part)
}

#[tokio::test]
async fn a_slow_head_and_an_idle_connection_are_closed() {
    let running = start(8);
    // Half a head, then nothing: closed after the head timeout.
    let started = std::time::Instant::now();
    let slow = exchange(
        running.addr,
        b"GET /stats.json HTTP/1.1\r\nHost: x\r\n",
        Duration::from_secs(5),
    )
    .await;
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(3),
        "a slow head held the connection for {took:?}"
    );
    assert!(!slow.contains("200 OK"), "{slow}");
    // An answered request, then silence on the kept-alive connection.
    let mut stream = TcpStream::connect(running.addr).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let idle = read_all(&mut stream, Duration::from_secs(5)).await;
    assert!(idle.starts_with("HTTP/1.1 200 OK"), "{idle}");
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(3),
        "an idle kept-alive connection was held for {took:?}"
    );
    running.stop.stop();
    running.task.await.unwrap().unwrap();
}

#[tokio::test]
async fn an_oversized_head_or_a_body_is_refused() {
    let running = start(8);
    let big = format!(
        "GET /stats.json HTTP/1.1\r\nHost: x\r\nX-Filler: {}\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    let mut stream = TcpStream::connect(running.addr).await.unwrap();
    // The server may close before the whole head is written.
    let _ = stream.write_all(big.as_bytes()).await;
    let answer = read_all(&mut stream, Duration::from_secs(2)).await;
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer}"
    );
    let posted = exchange(
        running.addr,
        b"POST /stats.json HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
        Duration::from_secs(2),
    )
    .await;
    assert!(posted.starts_with("HTTP/1.1 413"), "{posted}");
    running.stop.stop();
    running.task.await.unwrap().unwrap();
}

#[tokio::test]
async fn connections_beyond_the_limit_wait_until_a_place_is_free() {
    let running = start(2);
    // Two clients hold both places with half a request each.
    let mut holders = Vec::new();
    for _ in 0..2 {
        let mut stream = TcpStream::connect(running.addr).await.unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\n")
            .await
            .unwrap();
        holders.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    let mut third = TcpStream::connect(running.addr).await.unwrap();
    third.write_all(&get("/healthz", "")).await.unwrap();
    let mut first_bytes = [0u8; 1];
    let early =
        tokio::time::timeout(Duration::from_millis(100), third.read(&mut first_bytes)).await;
    assert!(early.is_err(), "served a third connection with two places");
    // The holders' heads time out; their places go to the third.
    let answer = read_all(&mut third, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    running.stop.stop();
    running.task.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_stop_ends_the_listener_with_connections_open() {
    let running = start(4);
    let mut open = TcpStream::connect(running.addr).await.unwrap();
    open.write_all(b"GET /healthz HTTP/1.1\r\n").await.unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    running.stop.stop();
    tokio::time::timeout(Duration::from_secs(2), running.task)
        .await
        .expect("stopped within the grace")
        .unwrap()
        .unwrap();
}
