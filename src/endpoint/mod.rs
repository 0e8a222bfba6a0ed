//! The HTTP listener beside the daemon (`[http]`): the campaign page's
//! count, Prometheus metrics and health checks, as a second [`Service`]
//! under the process's one shutdown.
//!
//! It must never starve the daemon it reports on, so it is bounded on
//! every side: a fixed number of connections at once (the rest wait in
//! the kernel's listen queue, as in mini-redis), a limit on a request's
//! head, a time limit on sending it (which also closes idle kept-alive
//! connections), a limit on a connection's life, and no request body ever
//! read. The answers are small and made from memory ([`routes`]).
//!
//! hyper serves HTTP/1.1: it is the HTTP implementation reqwest already
//! brings, its limits are the ones above, and four fixed paths need no
//! router.

pub mod routes;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use http_body_util::Full;
use hyper::body::{Body, Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tracing::{info, warn};

use crate::config::HttpConfig;
use crate::field::{ConfigError, field_error};
use crate::host::Service;
use crate::shutdown::Shutdown;
use crate::status::{Status, epoch_seconds};
use routes::{Asked, Site};

/// How far a client is trusted.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The longest a client may take to send a request's head, or to
    /// start the next on a kept-alive connection.
    pub head_timeout: Duration,
    /// The largest request head, in bytes.
    pub max_head_bytes: usize,
    /// The longest one connection is served, however it behaves.
    pub connection_life: Duration,
    /// How long connections may take to finish at shutdown.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            head_timeout: Duration::from_secs(10),
            max_head_bytes: 8 * 1024,
            connection_life: Duration::from_secs(120),
            shutdown_grace: Duration::from_secs(2),
        }
    }
}

/// The listener, bound, with what its answers read.
pub struct Endpoint {
    /// Registered with a runtime only on the endpoint's own thread.
    listener: std::net::TcpListener,
    site: Arc<Site>,
    limits: Limits,
}

impl Endpoint {
    /// Bind `config.listen` now, so a port in use stops start-up with the
    /// setting named.
    ///
    /// # Errors
    /// A [`ConfigError`] for `http.listen`.
    pub fn bind(
        config: HttpConfig,
        file: &std::path::Path,
        letter_order: Vec<String>,
        status: Arc<Status>,
    ) -> Result<Endpoint, ConfigError> {
        let cannot = |e: std::io::Error| {
            let hint = match e.kind() {
                std::io::ErrorKind::AddrInUse => {
                    "; another program (or another postbag) listens there: choose another port"
                }
                std::io::ErrorKind::AddrNotAvailable => "; this machine has no such address",
                std::io::ErrorKind::PermissionDenied => "; ports below 1024 need privileges",
                _ => "",
            };
            field_error(
                file,
                "http.listen",
                format!("cannot listen on {}: {e}{hint}", config.listen),
            )
        };
        let listener = std::net::TcpListener::bind(config.listen).map_err(cannot)?;
        listener.set_nonblocking(true).map_err(cannot)?;
        Ok(Endpoint {
            listener,
            site: Arc::new(Site::new(config, letter_order, status)),
            limits: Limits::default(),
        })
    }

    /// The same endpoint with other limits (tests make them short).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Endpoint {
        self.limits = limits;
        self
    }

    /// Where it listens (the port, when `listen` gave 0).
    ///
    /// # Errors
    /// The socket's.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }
}

impl Service for Endpoint {
    fn name(&self) -> &'static str {
        "http"
    }

    /// Serve on a thread of its own, with its own single-threaded
    /// runtime, until `shutdown`, so a busy campaign page never queues work
    /// on the daemon's threads, whose mailbox loop (one IMAP command at a
    /// time) feels every delay. Pingora likewise gives each service its
    /// own runtime. (`scripts/bench-http` measures the daemon's bursts
    /// with and without 1,000 requests a second.)
    async fn run(self, shutdown: Shutdown) -> Result<()> {
        let (done, ended) = tokio::sync::oneshot::channel();
        std::thread::Builder::new()
            .name("postbag-http".to_owned())
            .spawn(move || {
                let served = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(anyhow::Error::from)
                    .and_then(|runtime| runtime.block_on(self.serve(shutdown)));
                let _ = done.send(served);
            })?;
        ended
            .await
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the HTTP thread failed: a bug in postbag")))
    }
}

impl Endpoint {
    /// Serve until `shutdown`, then give the open connections a moment to
    /// finish their answers.
    async fn serve(self, mut shutdown: Shutdown) -> Result<()> {
        let listener = TcpListener::from_std(self.listener)?;
        let places = Arc::new(Semaphore::new(self.site.config.max_connections));
        let mut connections = JoinSet::new();
        if let Ok(addr) = listener.local_addr() {
            info!(%addr, "serving /stats.json, /metrics, /healthz and /readyz");
        }
        loop {
            // A place first, then a connection: when all are taken, new
            // clients wait in the listen queue, costing nothing here.
            let place = tokio::select! {
                place = Arc::clone(&places).acquire_owned() => place?,
                () = shutdown.recv() => break,
            };
            let stream = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // Out of file descriptors, say: wait, don't spin.
                        warn!(error = %e, "cannot accept an HTTP connection");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                },
                () = shutdown.recv() => break,
            };
            let site = Arc::clone(&self.site);
            let limits = self.limits;
            let shutdown = shutdown.clone();
            connections.spawn(async move {
                serve(stream, site, limits, shutdown).await;
                drop(place);
            });
            while connections.try_join_next().is_some() {}
        }
        let grace = self.limits.shutdown_grace + Duration::from_millis(100);
        let _ = tokio::time::timeout(grace, async {
            while connections.join_next().await.is_some() {}
        })
        .await;
        Ok(())
    }
}

/// One connection, until the client is done, a limit is hit, or the
/// process stops.
async fn serve(stream: TcpStream, site: Arc<Site>, limits: Limits, mut shutdown: Shutdown) {
    let _ = stream.set_nodelay(true);
    let service = service_fn(move |request| {
        let site = Arc::clone(&site);
        async move { Ok::<_, std::convert::Infallible>(respond(&site, &request)) }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.head_timeout)
        .max_buf_size(limits.max_head_bytes.max(8192))
        .max_header_size(limits.max_head_bytes)
        .max_headers(64);
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    let life = tokio::time::sleep(limits.connection_life);
    tokio::pin!(life);
    tokio::select! {
        _ = connection.as_mut() => return,
        () = shutdown.recv() => {}
        () = &mut life => {}
    }
    // Finish the answer in hand, then close.
    connection.as_mut().graceful_shutdown();
    let _ = tokio::time::timeout(limits.shutdown_grace, connection).await;
}

/// hyper's request to [`routes::answer`] and back.
fn respond(site: &Site, request: &hyper::Request<Incoming>) -> hyper::Response<Full<Bytes>> {
    let headers = request.headers();
    let body = request.body();
    let asked = Asked {
        method: request.method(),
        path: request.uri().path(),
        origin: headers.get(http::header::ORIGIN),
        if_none_match: headers.get(http::header::IF_NONE_MATCH),
        has_body: !body.is_end_stream() && body.size_hint().upper() != Some(0),
    };
    let answer = routes::answer(site, &asked, epoch_seconds());
    // hyper leaves out the body of an answer to HEAD, keeping its length.
    let body = match answer.body {
        routes::Body::Owned(bytes) => Bytes::from(bytes),
        routes::Body::Shared(bytes) => Bytes::from_owner(bytes),
    };
    let mut response = hyper::Response::new(Full::new(body));
    *response.status_mut() = answer.status;
    let response_headers = response.headers_mut();
    for (name, value) in answer.headers {
        response_headers.append(name, value);
    }
    response
}
