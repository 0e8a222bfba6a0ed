//! What the flood, privacy and offline-HTTP tests share on top of
//! `mailstack.rs`: more supporter domains on a running stack, replies with
//! their arrival times, and a listener that records every connection made
//! to it.

// Each test binary that includes this file uses a different part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

/// A mail server's command: Postfix's live in /usr/sbin, which a CI PATH
/// may lack (scripts/mailstack adds it for itself).
pub(crate) fn sbin(name: &str) -> Command {
    let full = Path::new("/usr/sbin").join(name);
    Command::new(if full.is_file() {
        full
    } else {
        PathBuf::from(name)
    })
}

/// Make the stack's Postfix (config folder `config_dir`, inbound port
/// `smtp_port`) accept mail for `domains` too and deliver it to the
/// supporters' mailbox (`supporters_inbox`), as it does for people.test.
/// The stack knows two domains only; a test of the per-domain cap needs
/// others. This changes that one running stack's generated files (never
/// `scripts/mailstack`), reloads Postfix, and returns once a probe to each
/// domain went all the way through (its file is then removed).
pub(crate) fn add_supporter_domains(
    config_dir: &str,
    smtp_port: u16,
    supporters_inbox: &Path,
    domains: &[&str],
) {
    let postconf = |args: &[&str]| {
        let out = sbin("postconf")
            .arg("-c")
            .arg(config_dir)
            .args(args)
            .output()
            .expect("run postconf");
        assert!(out.status.success(), "postconf {args:?} failed");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    let mailbox_domains = postconf(&["-h", "virtual_mailbox_domains"]);
    let alias_maps = postconf(&["-h", "virtual_alias_maps"]);
    let extra = Path::new(config_dir).join("virtual_alias_extra");
    let lines: String = domains
        .iter()
        .map(|d| format!("/^.+@{}$/ supporters@people.test\n", d.replace('.', "\\.")))
        .collect();
    std::fs::write(&extra, lines).expect("write the alias map");
    postconf(&[
        "-e",
        &format!(
            "virtual_mailbox_domains = {mailbox_domains} {}",
            domains.join(" ")
        ),
        &format!(
            "virtual_alias_maps = {alias_maps} regexp:{}",
            extra.display()
        ),
    ]);
    // Postfix waits while a config file is brand new (it cannot tell a
    // half-written one): backdate them, as scripts/mailstack does.
    let past = SystemTime::now() - Duration::from_secs(60);
    for file in [extra.clone(), Path::new(config_dir).join("main.cf")] {
        std::fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(past))
            .expect("backdate");
    }
    let reloaded = sbin("postfix")
        .args(["-c", config_dir, "reload"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run postfix reload");
    assert!(reloaded.success(), "postfix reload failed");
    // Processes started before the reload finish their session with the
    // old settings: probe until a new one takes and delivers the mail.
    for domain in domains {
        let probe = format!("probe@{domain}");
        let raw = format!("From: <{probe}>\r\nTo: <{probe}>\r\nSubject: probe\r\n\r\nprobe\r\n");
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut sent = false;
        let file = loop {
            assert!(
                Instant::now() < deadline,
                "Postfix does not deliver to {domain} after the reload"
            );
            if !sent {
                sent = try_send(smtp_port, &probe, &probe, raw.as_bytes());
            }
            let found = maildir_files(supporters_inbox).into_iter().find(|p| {
                std::fs::read(p)
                    .ok()
                    .and_then(|raw| to_address(&raw))
                    .is_some_and(|to| to == probe)
            });
            if let Some(file) = found {
                break file;
            }
            std::thread::sleep(Duration::from_millis(200));
        };
        std::fs::remove_file(file).expect("remove the probe");
    }
}

/// One message to `recipient` on a fresh connection; false if Postfix
/// refused any step.
fn try_send(port: u16, from: &str, recipient: &str, raw: &[u8]) -> bool {
    let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let Ok(clone) = stream.try_clone() else {
        return false;
    };
    let mut reader = BufReader::new(clone);
    let mut writer = stream;
    let mut step = |line: Option<String>, want: &str| -> bool {
        if let Some(line) = line
            && writer.write_all(line.as_bytes()).is_err()
        {
            return false;
        }
        loop {
            let mut answer = String::new();
            if reader.read_line(&mut answer).unwrap_or(0) == 0 || !answer.starts_with(want) {
                return false;
            }
            if answer.as_bytes().get(3) != Some(&b'-') {
                return true;
            }
        }
    };
    let mut data = raw.to_vec();
    data.extend_from_slice(b".\r\n");
    step(None, "2")
        && step(Some("EHLO client.people.test\r\n".into()), "2")
        && step(Some(format!("MAIL FROM:<{from}>\r\n")), "2")
        && step(Some(format!("RCPT TO:<{recipient}>\r\n")), "2")
        && step(Some("DATA\r\n".into()), "3")
        && step(Some(String::from_utf8_lossy(&data).into_owned()), "2")
        && step(Some("QUIT\r\n".into()), "2")
}

/// The files of one maildir folder (`new` and `cur`).
pub(crate) fn maildir_files(folder: &Path) -> Vec<PathBuf> {
    ["new", "cur"]
        .iter()
        .flat_map(|sub| std::fs::read_dir(folder.join(sub)).into_iter().flatten())
        .flatten()
        .map(|e| e.path())
        .collect()
}

/// The first To address of a message, lower-cased.
pub(crate) fn to_address(raw: &[u8]) -> Option<String> {
    let headers = mail_parser::MessageParser::default().parse_headers(raw)?;
    let to = headers.to()?.first()?.address()?;
    Some(to.to_ascii_lowercase())
}

/// Replies delivered to supporters, read incrementally: each maildir file
/// is read once, and remembered by name with its recipient and its
/// arrival (the file's modification time, set when Dovecot wrote it).
#[derive(Default)]
pub(crate) struct Replies {
    seen: HashMap<String, (String, SystemTime)>,
}

impl Replies {
    /// Read the files that arrived since the last call.
    pub(crate) fn refresh(&mut self, inbox: &Path) {
        for path in maildir_files(inbox) {
            // A file moves from new/ to cur/ (with flags) when read over
            // IMAP; nobody reads this mailbox, but the base name is the key.
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let base = name.split(':').next().unwrap_or(&name).to_owned();
            if self.seen.contains_key(&base) {
                continue;
            }
            let (Ok(raw), Ok(meta)) = (std::fs::read(&path), std::fs::metadata(&path)) else {
                continue;
            };
            let Some(to) = to_address(&raw) else { continue };
            let at = meta.modified().unwrap_or_else(|_| SystemTime::now());
            self.seen.insert(base, (to, at));
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.seen.len()
    }

    /// How many replies each recipient got.
    pub(crate) fn by_address(&self) -> HashMap<String, usize> {
        let mut by = HashMap::new();
        for (to, _) in self.seen.values() {
            *by.entry(to.clone()).or_insert(0) += 1;
        }
        by
    }

    /// When the first reply to `address` arrived.
    pub(crate) fn arrival(&self, address: &str) -> Option<SystemTime> {
        self.seen
            .values()
            .filter(|(to, _)| to == address)
            .map(|(_, at)| *at)
            .min()
    }

    /// How many went to an address in `domain`.
    pub(crate) fn to_domain(&self, domain: &str) -> usize {
        let suffix = format!("@{domain}");
        self.seen
            .values()
            .filter(|(to, _)| to.ends_with(&suffix))
            .count()
    }
}

/// `later - earlier` in seconds (0 if `later` is earlier).
pub(crate) fn secs(earlier: SystemTime, later: SystemTime) -> f64 {
    later
        .duration_since(earlier)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// A maildir file's IMAP keywords (lower-case letters after ":2,"; Dovecot
/// names them in `dovecot-keywords`). Empty for a message nobody claims.
pub(crate) fn keyword_letters(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.rsplit_once(":2,")
        .map_or("", |(_, f)| f)
        .chars()
        .filter(char::is_ascii_lowercase)
        .collect()
}

/// A listener on loopback that records every connection made to it (the
/// first line of what it was sent), answers `502` and closes. It stands
/// for an HTTP service or a proxy that must never be asked.
pub(crate) struct Recorder {
    pub(crate) port: u16,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    /// Listen on `port` if it is free, else on any free port.
    pub(crate) fn start(port: u16) -> Recorder {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .or_else(|_| TcpListener::bind(("127.0.0.1", 0)))
            .expect("listen");
        let port = listener.local_addr().expect("address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::clone(&seen);
        // The thread lives as long as the test binary: it only waits.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut first = Vec::new();
                let mut byte = [0u8; 1];
                let mut reader = &stream;
                while first.len() < 200 && matches!(reader.read(&mut byte), Ok(1)) {
                    if byte[0] == b'\n' {
                        break;
                    }
                    first.push(byte[0]);
                }
                shared
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(String::from_utf8_lossy(&first).trim_end().to_owned());
                let mut writer = &stream;
                let _ = writer.write_all(
                    b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
            }
        });
        Recorder { port, seen }
    }

    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What was asked of it (first lines), in order.
    pub(crate) fn requests(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}
