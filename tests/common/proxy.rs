//! A TCP proxy for fault injection in the real-stack tests. It stands
//! between postbag and Dovecot, Postfix or a lookup service on loopback,
//! passes the bytes through, and when the client sends a chosen command it
//! cuts the connection at a chosen point: the first few times only, so the
//! daemon can recover and the test can see that it did.
//!
//! It reads the client's stream line by line (IMAP commands, SMTP commands
//! and SMTP data are all lines), so it only works on plain TCP: postbag
//! talks to it with `security = "none"`, which it allows on loopback. The
//! server's stream is passed on as it comes, except where a cut needs to
//! see it (a literal's start, the answer to the command).
//!
//! Plain threads and blocking sockets: one thread per direction per
//! connection, which is plenty for a test and easy to follow.

// Each test binary that includes this file uses a different part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU16, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The client's line that fires a cut.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Trigger {
    /// Never: a plain forwarder, whose target can be changed.
    Never,
    /// An IMAP command: after the tag, the line starts with `command` and
    /// holds each of `holding` (all case-insensitive), e.g. `UID STORE`
    /// holding `+FLAGS` and `\Deleted`.
    Imap {
        command: &'static str,
        holding: &'static [&'static str],
    },
    /// The end of an SMTP message's data: the line `.`, which dot-stuffing
    /// keeps out of the data itself.
    EndOfData,
}

/// Where the connection is cut once the trigger fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cut {
    /// Before the line reaches the server: it never sees the command.
    Before,
    /// After the line, part way through the server's first literal in
    /// answer: its `{n}` CRLF and then `bytes` bytes of it.
    InLiteral { bytes: usize },
    /// After the line, once the server's one-line answer has come; the
    /// client never gets it. For SMTP's end of data: the relay took the
    /// message, and the client cannot know.
    DropAnswer,
    /// After the line and the server's one-line answer (IMAP's `+ idling`),
    /// nothing passes either way, as on a dead link, until
    /// [`Proxy::cut_frozen`].
    Freeze,
}

/// What a connection is doing, as both of its threads see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Open,
    /// Cut after `left` more bytes once the literal has begun (`started`).
    InLiteral {
        started: bool,
        left: usize,
    },
    /// Waiting for the server's next line, then cut (dropping it) or
    /// freeze (passing it).
    AwaitAnswer {
        freeze: bool,
    },
    Frozen,
    Cut,
}

/// One client connection and its connection to the server.
struct Link {
    client: TcpStream,
    server: TcpStream,
    phase: Mutex<Phase>,
}

impl Link {
    fn phase(&self) -> MutexGuard<'_, Phase> {
        self.phase.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Close both sides; the blocked reads of both threads return.
    fn cut(&self) {
        *self.phase() = Phase::Cut;
        let _ = self.client.shutdown(Shutdown::Both);
        let _ = self.server.shutdown(Shutdown::Both);
    }
}

/// A cut made, for the test's report and assertions.
#[derive(Clone, Debug)]
pub(crate) struct Cutting {
    /// The line that fired it, without its CRLF (IMAP: tag, command and
    /// UIDs; SMTP: `.`).
    pub(crate) line: String,
    /// SMTP: the recipients of the transaction cut (`RCPT TO`).
    pub(crate) recipients: Vec<String>,
}

struct Shared {
    target: AtomicU16,
    trigger: Trigger,
    cut: Cut,
    /// How many of the firings cut; the rest pass.
    times: AtomicUsize,
    /// How many firings pass before the first that cuts.
    skip: AtomicUsize,
    fired: AtomicUsize,
    connections: AtomicUsize,
    cuttings: Mutex<Vec<Cutting>>,
    links: Mutex<Vec<Arc<Link>>>,
    /// Take `\*` out of the server's PERMANENTFLAGS, as Exchange Online
    /// answers: keywords are not kept.
    hide_keywords: std::sync::atomic::AtomicBool,
}

impl Shared {
    /// Whether this firing of the trigger cuts: one of the `times` after
    /// the first `skip`.
    fn fire(&self) -> bool {
        let n = self.fired.fetch_add(1, Ordering::SeqCst);
        let skip = self.skip.load(Ordering::SeqCst);
        n >= skip && n - skip < self.times.load(Ordering::SeqCst)
    }
}

/// A running proxy; its threads live as long as the test binary.
pub(crate) struct Proxy {
    pub(crate) port: u16,
    shared: Arc<Shared>,
}

impl Proxy {
    /// Listen on `port` on 127.0.0.1 (or any free port if it is taken, or
    /// 0) and forward to `target` there, cutting at `cut` the first
    /// `times` times `trigger` fires.
    pub(crate) fn start(port: u16, target: u16, trigger: Trigger, cut: Cut, times: usize) -> Proxy {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .or_else(|_| TcpListener::bind(("127.0.0.1", 0)))
            .expect("listen for the proxy");
        Proxy::serve(listener, target, trigger, cut, times)
    }

    /// Listen on exactly `port` (a test that wrote it in a config
    /// already) and forward to `target`, cutting nothing.
    pub(crate) fn forward_exactly(port: u16, target: u16) -> Proxy {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .unwrap_or_else(|e| panic!("listen on port {port} for the proxy: {e}"));
        Proxy::serve(listener, target, Trigger::Never, Cut::Before, 0)
    }

    fn serve(
        listener: TcpListener,
        target: u16,
        trigger: Trigger,
        cut: Cut,
        times: usize,
    ) -> Proxy {
        let port = listener.local_addr().expect("address").port();
        let shared = Arc::new(Shared {
            target: AtomicU16::new(target),
            trigger,
            cut,
            times: AtomicUsize::new(times),
            skip: AtomicUsize::new(0),
            fired: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
            cuttings: Mutex::new(Vec::new()),
            links: Mutex::new(Vec::new()),
            hide_keywords: std::sync::atomic::AtomicBool::new(false),
        });
        let accepting = Arc::clone(&shared);
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                accept(client, &accepting);
            }
        });
        Proxy { port, shared }
    }

    /// Let the first `n` firings pass before cutting (set before any
    /// client connects).
    pub(crate) fn skip_first(&self, n: usize) {
        self.shared.skip.store(n, Ordering::SeqCst);
    }

    /// Answer SELECT as a server that keeps no keywords does (no `\*` in
    /// PERMANENTFLAGS). The SELECT answer comes in one read on loopback.
    pub(crate) fn hide_keywords(&self) {
        self.shared.hide_keywords.store(true, Ordering::SeqCst);
    }

    /// Send new connections to `target` from now on.
    pub(crate) fn set_target(&self, target: u16) {
        self.shared.target.store(target, Ordering::SeqCst);
    }

    /// How many times the trigger fired (cut or not).
    pub(crate) fn fired(&self) -> usize {
        self.shared.fired.load(Ordering::SeqCst)
    }

    /// The cuts made so far.
    pub(crate) fn cuttings(&self) -> Vec<Cutting> {
        self.shared
            .cuttings
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Connections accepted so far: one more than the reconnects, for a
    /// client that keeps one connection.
    pub(crate) fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// Cut every frozen connection; how many there were.
    pub(crate) fn cut_frozen(&self) -> usize {
        let links = self
            .shared
            .links
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let frozen: Vec<&Arc<Link>> = links
            .iter()
            .filter(|l| *l.phase() == Phase::Frozen)
            .collect();
        for link in &frozen {
            link.cut();
        }
        frozen.len()
    }
}

/// Connect a new client to the target and start its two threads. If the
/// target does not answer, the client is closed at once.
fn accept(client: TcpStream, shared: &Arc<Shared>) {
    shared.connections.fetch_add(1, Ordering::SeqCst);
    let target = shared.target.load(Ordering::SeqCst);
    let Ok(server) = TcpStream::connect(("127.0.0.1", target)) else {
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let link = Arc::new(Link {
        client,
        server,
        phase: Mutex::new(Phase::Open),
    });
    shared
        .links
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Arc::clone(&link));
    let (up, up_shared) = (Arc::clone(&link), Arc::clone(shared));
    std::thread::spawn(move || client_to_server(&up, &up_shared));
    let down_shared = Arc::clone(shared);
    std::thread::spawn(move || server_to_client(&link, &down_shared));
}

/// Does `line` fire `trigger`?
fn fires(trigger: Trigger, line: &[u8]) -> bool {
    let text = String::from_utf8_lossy(line).to_ascii_uppercase();
    match trigger {
        Trigger::Never => false,
        Trigger::Imap { command, holding } => {
            let Some((_tag, rest)) = text.split_once(' ') else {
                return false;
            };
            rest.starts_with(&command.to_ascii_uppercase())
                && holding
                    .iter()
                    .all(|h| rest.contains(&h.to_ascii_uppercase()))
        }
        Trigger::EndOfData => text == ".\r\n" || text == ".\n",
    }
}

/// The client's side: line by line, watching for the trigger.
fn client_to_server(link: &Link, shared: &Shared) {
    let (Ok(client), Ok(mut server)) = (link.client.try_clone(), link.server.try_clone()) else {
        link.cut();
        return;
    };
    let mut reader = BufReader::new(client);
    // SMTP: the recipients of the transaction under way.
    let mut recipients = Vec::new();
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        match *link.phase() {
            Phase::Frozen => continue, // a dead link swallows everything
            Phase::Cut => return,
            _ => {}
        }
        let upper = String::from_utf8_lossy(&line).to_ascii_uppercase();
        if upper.starts_with("MAIL FROM:") {
            recipients.clear();
        } else if let Some(rest) = upper.strip_prefix("RCPT TO:") {
            let address = rest.trim().trim_start_matches('<');
            let address = address.split('>').next().unwrap_or("");
            recipients.push(address.to_ascii_lowercase());
        }
        if fires(shared.trigger, &line) && shared.fire() {
            shared
                .cuttings
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(Cutting {
                    line: String::from_utf8_lossy(&line).trim_end().to_owned(),
                    recipients: recipients.clone(),
                });
            // The phase is set before the line goes on, so the server's
            // answer always finds it.
            match shared.cut {
                Cut::Before => {
                    link.cut();
                    return;
                }
                Cut::InLiteral { bytes } => {
                    *link.phase() = Phase::InLiteral {
                        started: false,
                        left: bytes,
                    };
                }
                Cut::DropAnswer => *link.phase() = Phase::AwaitAnswer { freeze: false },
                Cut::Freeze => *link.phase() = Phase::AwaitAnswer { freeze: true },
            }
        }
        if server.write_all(&line).is_err() {
            break;
        }
    }
    // The client is gone: pass that on, unless the link is dead.
    if *link.phase() != Phase::Frozen {
        let _ = link.server.shutdown(Shutdown::Write);
    }
}

/// The server's side: passed on as it comes, but for the cuts.
fn server_to_client(link: &Link, shared: &Shared) {
    let (Ok(mut server), Ok(mut client)) = (link.server.try_clone(), link.client.try_clone())
    else {
        link.cut();
        return;
    };
    let mut buf = [0u8; 16 * 1024];
    // The last bytes of the previous read, to find a literal's start
    // (`}` CRLF) split across two reads.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = match server.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let data = &buf[..n];
        let phase = *link.phase();
        let (pass, then) = match phase {
            Phase::Open => (data.len(), None),
            Phase::Frozen => (0, None),
            Phase::Cut => return,
            Phase::AwaitAnswer { freeze } => match data.iter().position(|b| *b == b'\n') {
                // Dropped: cut. Passed: then nothing more.
                Some(end) if freeze => (end + 1, Some(Phase::Frozen)),
                Some(_) => (0, Some(Phase::Cut)),
                None if freeze => (data.len(), None),
                None => (0, None),
            },
            Phase::InLiteral { started, left } => {
                let begin = if started {
                    Some(0)
                } else {
                    let mut seen = carry.clone();
                    seen.extend_from_slice(data);
                    seen.windows(3)
                        .position(|w| w == b"}\r\n")
                        .map(|at| (at + 3).saturating_sub(carry.len()))
                };
                match begin {
                    None => (data.len(), None),
                    Some(begin) if data.len() - begin >= left => (begin + left, Some(Phase::Cut)),
                    Some(begin) => (
                        data.len(),
                        Some(Phase::InLiteral {
                            started: true,
                            left: left - (data.len() - begin),
                        }),
                    ),
                }
            }
        };
        carry = data[data.len().saturating_sub(2)..].to_vec();
        let hidden;
        let data = if phase == Phase::Open
            && shared.hide_keywords.load(Ordering::SeqCst)
            && data.windows(15).any(|w| w == b"[PERMANENTFLAGS")
        {
            hidden = String::from_utf8_lossy(data)
                .replace(" \\*)", ")")
                .into_bytes();
            &hidden[..]
        } else {
            data
        };
        let pass = if phase == Phase::Open {
            data.len()
        } else {
            pass
        };
        if pass > 0 && client.write_all(&data[..pass]).is_err() {
            break;
        }
        match then {
            Some(Phase::Cut) => {
                let _ = client.flush();
                link.cut();
                return;
            }
            Some(next) => *link.phase() = next,
            None => {}
        }
    }
    if *link.phase() != Phase::Frozen {
        let _ = link.client.shutdown(Shutdown::Write);
    }
}
