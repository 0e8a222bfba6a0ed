//! A tiny HTTP/1.1 server that replays canned answers, for testing the
//! online lookup providers without the real services.
//!
//! Routes match by method and exact path, and by exact query or any query.
//! Each answers with a status, headers, a body (often a file under
//! `tests/fixtures/http/`) and an optional delay; anything else gets
//! postcodes.io's 404. Every response carries `Content-Length` and
//! `Connection: close`, one request per connection. Every request is
//! recorded (method, target, headers, when it arrived and when its answer
//! was sent) so tests can count requests and check that two never
//! overlapped. The server lives as long as the test's runtime.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A canned answer.
#[derive(Clone, Debug)]
pub(crate) struct Route {
    method: &'static str,
    path: String,
    /// `None`: any query.
    query: Option<String>,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
}

impl Route {
    /// `GET path` with any query: 200 and an empty JSON object.
    pub(crate) fn get(path: &str) -> Route {
        Route {
            method: "GET",
            path: path.to_owned(),
            query: None,
            status: 200,
            headers: Vec::new(),
            body: b"{}".to_vec(),
            delay: Duration::ZERO,
        }
    }

    /// Only this exact query (`a=1&b=2`, as sent).
    pub(crate) fn query(mut self, query: &str) -> Route {
        self.query = Some(query.to_owned());
        self
    }

    pub(crate) fn status(mut self, status: u16) -> Route {
        self.status = status;
        self
    }

    pub(crate) fn header(mut self, name: &str, value: &str) -> Route {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub(crate) fn body(mut self, body: &str) -> Route {
        self.body = body.as_bytes().to_vec();
        self
    }

    /// The body from `tests/fixtures/http/{name}`.
    pub(crate) fn fixture(mut self, name: &str) -> Route {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/http")
            .join(name);
        self.body = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        self
    }

    /// Wait this long before answering.
    pub(crate) fn delay(mut self, delay: Duration) -> Route {
        self.delay = delay;
        self
    }
}

/// A request as received.
#[derive(Clone, Debug)]
pub(crate) struct Request {
    pub(crate) method: String,
    /// Path and query, as sent.
    pub(crate) target: String,
    /// Names in lower case.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) arrived: Instant,
    /// When the answer started going out; `None` while pending.
    pub(crate) answered: Option<Instant>,
}

impl Request {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A running server.
pub(crate) struct Server {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    /// Listen on 127.0.0.1 on a free port and serve `routes`, first match
    /// wins.
    pub(crate) async fn start(routes: Vec<Route>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (routes, shared) = (Arc::new(routes), log.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, routes.clone(), shared.clone()));
            }
        });
        Server { addr, log }
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request so far, in order of arrival.
    pub(crate) fn requests(&self) -> Vec<Request> {
        self.log.lock().expect("log").clone()
    }
}

async fn serve(mut stream: TcpStream, routes: Arc<Vec<Route>>, log: Arc<Mutex<Vec<Request>>>) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) if head.len() + n <= 64 * 1024 => head.extend_from_slice(&buf[..n]),
            Ok(_) => return,
        }
    }
    let arrived = Instant::now();
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let (method, target) = (
        first.next().unwrap_or_default(),
        first.next().unwrap_or_default(),
    );
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let route = routes.iter().find(|r| {
        r.method == method && r.path == path && r.query.as_deref().is_none_or(|q| q == query)
    });
    let index = {
        let mut log = log.lock().expect("log");
        log.push(Request {
            method: method.to_owned(),
            target: target.to_owned(),
            headers,
            arrived,
            answered: None,
        });
        log.len() - 1
    };
    let not_found = Route::get(path)
        .status(404)
        .body(r#"{"status":404,"error":"Not found"}"#);
    let route = route.unwrap_or(&not_found);
    tokio::time::sleep(route.delay).await;
    let mut response = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n",
        route.status,
        match route.status {
            200 => "OK",
            404 => "Not Found",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            503 => "Service Unavailable",
            _ => "Whatever",
        },
        route.body.len()
    );
    for (name, value) in &route.headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str("\r\n");
    let mut bytes = response.into_bytes();
    bytes.extend_from_slice(&route.body);
    // Recorded before sending, so the client cannot see the answer first.
    log.lock().expect("log")[index].answered = Some(Instant::now());
    if stream.write_all(&bytes).await.is_ok() {
        let _ = stream.shutdown().await;
    }
}
