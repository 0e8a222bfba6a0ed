//! A first look at a mail server's port, in seconds, before the real
//! connection: does it answer, and does it speak as `security` says?
//!
//! A port that speaks TLS from the first byte (993, 465) says nothing
//! until the client starts TLS, so a client set for STARTTLS waits for a
//! greeting that never comes; the libraries' own timeouts then run for
//! minutes and end with no hint. A plain port (143, 587) greets in clear
//! text at once, which a client set for TLS reads as a broken handshake.
//! Either way the fix is one setting, and [`ProbeError`] names it.

use std::time::Duration;

use thiserror::Error;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

use crate::config::{Security, Server, wrong_security_hint};
use crate::failure::{Classify, FailureClass};

/// How long connecting and the greeting may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long to listen, on a port set for TLS, for a server that greets in
/// clear text: a plain server greets at once.
const PLAIN_GREETING: Duration = Duration::from_millis(1500);

/// Why the port cannot be used as set. Names hosts and settings, never
/// anything a server said.
#[derive(Debug, Error)]
pub enum ProbeError {
    #[error("{section}.host, {section}.port: cannot connect to {host}:{port}: {reason}")]
    Connect {
        section: &'static str,
        host: String,
        port: u16,
        reason: String,
    },
    #[error("{section}.security: {}", wrong_security_hint(section, *port, *security))]
    WrongSecurity {
        section: &'static str,
        port: u16,
        security: Security,
    },
}

impl Classify for ProbeError {
    fn class(&self) -> FailureClass {
        match self {
            ProbeError::Connect { .. } => FailureClass::Temporary,
            ProbeError::WrongSecurity { .. } => FailureClass::Config,
        }
    }
}

/// Connect to `server` and see whether it speaks as its `security` says.
///
/// # Errors
/// [`ProbeError::Connect`] if it cannot be reached in time,
/// [`ProbeError::WrongSecurity`] if it speaks otherwise.
pub async fn probe(server: &Server, section: &'static str) -> Result<(), ProbeError> {
    let connect_error = |reason: String| ProbeError::Connect {
        section,
        host: server.host.clone(),
        port: server.port,
        reason,
    };
    let mut tcp = tokio::time::timeout(
        CONNECT_TIMEOUT,
        TcpStream::connect((server.host.as_str(), server.port)),
    )
    .await
    .map_err(|_| connect_error(format!("no answer in {} s", CONNECT_TIMEOUT.as_secs())))?
    .map_err(|e| connect_error(e.to_string()))?;
    let listen = match server.security {
        Security::Tls => PLAIN_GREETING,
        Security::StartTls | Security::None => CONNECT_TIMEOUT,
    };
    let mut first = [0u8; 4];
    let greeted = match tokio::time::timeout(listen, tcp.read(&mut first)).await {
        Ok(Ok(n)) => n > 0 && looks_like_greeting(&first[..n]),
        Ok(Err(e)) => return Err(connect_error(e.to_string())),
        Err(_) => false,
    };
    let wrong = match server.security {
        Security::Tls => greeted,
        Security::StartTls | Security::None => !greeted,
    };
    if greeted {
        // Leave as a client should, so the server logs a goodbye rather
        // than a lost connection.
        let bye: &[u8] = if section == "imap" {
            b"a LOGOUT\r\n"
        } else {
            b"QUIT\r\n"
        };
        if tokio::io::AsyncWriteExt::write_all(&mut tcp, bye)
            .await
            .is_ok()
        {
            let mut rest = [0u8; 512];
            let _ = tokio::time::timeout(Duration::from_secs(1), tcp.read(&mut rest)).await;
        }
    }
    if wrong {
        return Err(ProbeError::WrongSecurity {
            section,
            port: server.port,
            security: server.security,
        });
    }
    Ok(())
}

/// The start of an SMTP ("220") or IMAP ("* OK", "* PREAUTH", "* BYE")
/// greeting in clear text.
fn looks_like_greeting(bytes: &[u8]) -> bool {
    bytes.starts_with(b"220") || bytes.starts_with(b"* ") || bytes.starts_with(b"421")
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn server(greeting: Option<&'static [u8]>) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                tokio::spawn(async move {
                    if let Some(text) = greeting {
                        let _ = tokio::io::AsyncWriteExt::write_all(&mut stream, text).await;
                    }
                    tokio::time::sleep(Duration::from_secs(60)).await;
                });
            }
        });
        Server {
            host: "127.0.0.1".to_owned(),
            port,
            security: Security::Tls,
            login: None,
            ca_file: None,
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_silent_port_set_for_starttls_is_told_to_use_tls() {
        let mut tls_port = server(None).await;
        tls_port.security = Security::StartTls;
        let error = probe(&tls_port, "imap").await.unwrap_err();
        let text = error.to_string();
        assert!(
            text.starts_with("imap.security:") && text.contains("imap.security = \"tls\""),
            "{text}"
        );
        tls_port.security = Security::Tls;
        probe(&tls_port, "imap")
            .await
            .expect("silence is right for TLS");
    }

    #[tokio::test]
    async fn a_plain_greeting_on_a_port_set_for_tls_is_told_to_use_starttls() {
        let mut plain = server(Some(b"220 relay ESMTP\r\n")).await;
        let text = probe(&plain, "smtp").await.unwrap_err().to_string();
        assert!(text.contains("smtp.security = \"starttls\""), "{text}");
        plain.security = Security::StartTls;
        probe(&plain, "smtp").await.expect("a greeting is right");
    }
}
