//! A fake SMTP relay on loopback, for what the real Postfix cannot be
//! made to do on cue: answer "try again later" to the first few
//! transactions, or a provider's daily-limit refusal after a number of
//! messages until a window passes. No TLS, no AUTH; it keeps what it
//! takes, so tests can read the replies.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::mailstack::Stack;

/// Where the fake relay says "try again later".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FailAt {
    /// To `RCPT TO`, as greylisting does.
    Rcpt,
    /// To the end of the data, after the whole message was sent.
    Data,
}

/// How the relay answers.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Mode {
    /// The first N transactions get 451 at the given step; the rest are
    /// taken.
    Fail(usize, FailAt),
    /// The first `after` messages are taken; then every `MAIL FROM` gets
    /// Gmail's daily-limit refusal for `window`, and after it messages
    /// are taken again.
    Quota { after: usize, window: Duration },
}

#[derive(Debug, Default)]
pub(crate) struct RelayLog {
    /// Transactions begun (`MAIL FROM`).
    transactions: usize,
    /// Answered 451, or the quota's 550.
    refused: usize,
    /// When the quota's first refusal was given.
    quota_from: Option<Instant>,
    /// Messages taken, as sent (dot-stuffing undone), and when.
    accepted: Vec<(Instant, Vec<u8>)>,
}

/// The relay, listening until the test binary ends.
pub(crate) struct FakeRelay {
    port: u16,
    log: Arc<Mutex<RelayLog>>,
}

const TRY_LATER: &[u8] = b"451 4.3.0 try again later\r\n";
/// Gmail's words (support.google.com/a/answer/3726730).
const DAILY_LIMIT: &[u8] =
    b"550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 - gsmtp\r\n";

impl FakeRelay {
    /// Listen on the stack's first reserved port (its own, so no other
    /// stack can want it), or any free one.
    pub(crate) fn start(stack: &Stack, mode: Mode) -> FakeRelay {
        let reserved = stack.port("MAILSTACK_BASE_PORT") + 5;
        let listener = TcpListener::bind(("127.0.0.1", reserved))
            .or_else(|_| TcpListener::bind(("127.0.0.1", 0)))
            .expect("listen for the fake relay");
        let port = listener.local_addr().expect("address").port();
        let log = Arc::new(Mutex::new(RelayLog::default()));
        let shared = Arc::clone(&log);
        // The thread lives as long as the test binary: it only waits.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = serve(stream, &log, mode);
                });
            }
        });
        FakeRelay { port, log }
    }

    fn log(&self) -> std::sync::MutexGuard<'_, RelayLog> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn refused(&self) -> usize {
        self.log().refused
    }

    pub(crate) fn accepted(&self) -> Vec<Vec<u8>> {
        self.log().accepted.iter().map(|(_, m)| m.clone()).collect()
    }

    /// When each message was taken.
    pub(crate) fn accepted_at(&self) -> Vec<Instant> {
        self.log().accepted.iter().map(|(at, _)| *at).collect()
    }

    /// When the quota's first refusal was given.
    pub(crate) fn quota_from(&self) -> Option<Instant> {
        self.log().quota_from
    }

    /// The `[smtp]` section that points postbag here.
    pub(crate) fn smtp_section(&self) -> String {
        format!(
            "host = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\ntimeout_secs = 30",
            self.port
        )
    }
}

/// One client connection.
fn serve(stream: TcpStream, log: &Mutex<RelayLog>, mode: Mode) -> std::io::Result<()> {
    let lock = || log.lock().unwrap_or_else(PoisonError::into_inner);
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    out.write_all(b"220 relay.test ESMTP fake\r\n")?;
    let mut failing = false;
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let line = String::from_utf8_lossy(&line);
        let verb = line
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let answer: &[u8] = match (verb.as_str(), mode) {
            ("EHLO", _) => b"250-relay.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            ("HELO", _) => b"250 relay.test\r\n",
            ("MAIL", Mode::Quota { after, window }) => {
                let mut log = lock();
                log.transactions += 1;
                let over = log.accepted.len() >= after
                    && log.quota_from.is_none_or(|from| from.elapsed() < window);
                if over {
                    log.quota_from.get_or_insert_with(Instant::now);
                    log.refused += 1;
                    DAILY_LIMIT
                } else {
                    b"250 2.1.0 ok\r\n"
                }
            }
            ("MAIL", Mode::Fail(first, _)) => {
                let mut log = lock();
                failing = log.transactions < first;
                log.transactions += 1;
                b"250 2.1.0 ok\r\n"
            }
            ("RCPT", Mode::Fail(_, FailAt::Rcpt)) if failing => {
                lock().refused += 1;
                TRY_LATER
            }
            ("RCPT", _) => b"250 2.1.5 ok\r\n",
            ("DATA", _) => {
                out.write_all(b"354 end with <CRLF>.<CRLF>\r\n")?;
                let message = read_data(&mut reader)?;
                let mut log = lock();
                if failing && matches!(mode, Mode::Fail(_, FailAt::Data)) {
                    log.refused += 1;
                    TRY_LATER
                } else {
                    log.accepted.push((Instant::now(), message));
                    b"250 2.0.0 queued\r\n"
                }
            }
            ("RSET", _) => {
                failing = false;
                b"250 2.0.0 ok\r\n"
            }
            ("NOOP", _) => b"250 2.0.0 ok\r\n",
            ("QUIT", _) => {
                out.write_all(b"221 2.0.0 bye\r\n")?;
                return Ok(());
            }
            _ => b"502 5.5.2 not implemented\r\n",
        };
        out.write_all(answer)?;
    }
}

/// The message after DATA, up to the lone dot, dot-stuffing undone.
fn read_data(reader: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let mut message = Vec::new();
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(message);
        }
        let line = line.strip_prefix(b".").unwrap_or(&line);
        message.extend_from_slice(line);
    }
}
