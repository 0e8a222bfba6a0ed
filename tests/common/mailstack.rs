//! A real mail stack for the integration tests: Postfix and Dovecot from
//! `scripts/mailstack`, on loopback, in a temporary folder of their own;
//! and the `postbag` daemon run against them as an operator would.
//!
//! Each stack gets its own ports, so tests run side by side. Everything
//! stops when the values are dropped, by their own pid files.

// Each test binary that includes this file uses a different part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// Stacks started by this test binary, for their ports.
static STACKS: AtomicU16 = AtomicU16::new(0);

/// A running Postfix + Dovecot.
pub(crate) struct Stack {
    pub(crate) dir: tempfile::TempDir,
    env: HashMap<String, String>,
}

impl Stack {
    /// Start a stack (installing the packages first if needed).
    pub(crate) fn start() -> Stack {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let script = root.join("scripts/mailstack");
        let installed = Command::new(&script)
            .arg("install")
            .status()
            .expect("run scripts/mailstack install");
        assert!(installed.success(), "scripts/mailstack install failed");
        // Ten ports per stack, a window per test binary by its pid.
        let n = STACKS.fetch_add(1, Ordering::SeqCst);
        // Below the ephemeral range (32768 and up), so no client socket holds one.
        let base = 10000 + (std::process::id() % 200) as u16 * 100 + (n % 10) * 10;
        let dir = tempfile::Builder::new()
            .prefix("postbag-stack-")
            .tempdir()
            .expect("temporary folder");
        let output = Command::new(&script)
            .arg("start")
            .arg(dir.path())
            .args(["--base-port", &base.to_string()])
            .output()
            .expect("run scripts/mailstack start");
        assert!(
            output.status.success(),
            "scripts/mailstack start failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let env = std::fs::read_to_string(dir.path().join("env"))
            .expect("the stack's env file")
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        Stack { dir, env }
    }

    /// A value from the stack's env file, e.g. `MAILSTACK_IMAP_PORT`.
    pub(crate) fn get(&self, key: &str) -> &str {
        self.env
            .get(key)
            .unwrap_or_else(|| panic!("{key} missing from the stack's env"))
    }

    pub(crate) fn port(&self, key: &str) -> u16 {
        self.get(key).parse().expect("a port")
    }

    /// Write a `postbag.toml` for this stack (table lookup, STARTTLS both
    /// ways, state in the stack's folder) plus `extra` TOML, and return
    /// its path. `extra` may add keys to sections by repeating them, as
    /// long as it does not repeat a key written here.
    pub(crate) fn config(&self, sections: &[(&str, &str)]) -> PathBuf {
        let frozen = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/campaign");
        self.config_with_campaign(&frozen, sections)
    }

    /// Like [`Stack::config`], with the campaign in `campaign` (its
    /// `campaign.toml` and `templates/`) instead of the frozen one.
    pub(crate) fn config_with_campaign(
        &self,
        campaign: &Path,
        sections: &[(&str, &str)],
    ) -> PathBuf {
        let root = env!("CARGO_MANIFEST_DIR");
        let campaign_dir = campaign.display();
        let dir = self.dir.path();
        let secret = dir.join("reply-secret");
        std::fs::write(&secret, "integration-test-secret-0123").expect("secret");
        let extra = |name: &str| {
            sections
                .iter()
                .filter(|(s, _)| *s == name)
                .map(|(_, body)| format!("{body}\n"))
                .collect::<String>()
        };
        let text = format!(
            r#"[campaign]
address = "letters@campaign.test"
letters = "{campaign_dir}/campaign.toml"
templates = "{campaign_dir}/templates"
{campaign}
[reply]
secret_file = "{secret}"
{reply}
[lookup]
postcode_sources = ["table"]
table = "{root}/config/sample-lookup.csv"
{lookup}
[imap]
host = "localhost"
port = {imap_port}
security = "starttls"
username = "letters@campaign.test"
password_file = "{password}"
ca_file = "{ca}"
{imap}
[smtp]
host = "localhost"
port = {submission_port}
security = "starttls"
username = "letters@campaign.test"
password_file = "{password}"
ca_file = "{ca}"
{smtp}
[state]
dir = "{state}"

[daemon]
{daemon}
[limits]
{limits}
[auth]
{auth}
{http}"#,
            campaign = extra("campaign"),
            reply = extra("reply"),
            lookup = extra("lookup"),
            imap = extra("imap"),
            smtp = extra("smtp"),
            daemon = extra("daemon"),
            limits = extra("limits"),
            auth = extra("auth"),
            http = Some(extra("http"))
                .filter(|body| !body.is_empty())
                .map(|body| format!("[http]\n{body}"))
                .unwrap_or_default(),
            secret = secret.display(),
            imap_port = self.port("MAILSTACK_IMAP_PORT"),
            submission_port = self.port("MAILSTACK_SUBMISSION_PORT"),
            password = self.get("MAILSTACK_CAMPAIGN_PASSWORD_FILE"),
            ca = self.get("MAILSTACK_CA_FILE"),
            state = self.state_dir().display(),
        );
        let path = dir.join("postbag.toml");
        std::fs::write(&path, text).expect("write postbag.toml");
        path
    }

    /// Like [`Stack::config`], but with `smtp` as the body of the
    /// `[smtp]` section in place of the stack's submission port (e.g. a
    /// fake relay on loopback); `sections` may still add `smtp` lines.
    pub(crate) fn config_with_smtp(&self, smtp: &str, sections: &[(&str, &str)]) -> PathBuf {
        let path = self.config(sections);
        let text = std::fs::read_to_string(&path).expect("read postbag.toml");
        let start = text.find("\n[smtp]\n").expect("an [smtp] section") + 1;
        let end = start
            + text[start..]
                .find("\n[state]\n")
                .expect("a [state] section")
            + 1;
        let extra: String = sections
            .iter()
            .filter(|(s, _)| *s == "smtp")
            .map(|(_, body)| format!("{body}\n"))
            .collect();
        let text = format!(
            "{}[smtp]\n{smtp}\n{extra}\n{}",
            &text[..start],
            &text[end..]
        );
        std::fs::write(&path, text).expect("write postbag.toml");
        path
    }

    /// postbag's state folder for this stack.
    pub(crate) fn state_dir(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    /// Submit messages to Postfix's inbound port, as other mail servers
    /// would: `(envelope sender, raw message)`, all on one connection.
    /// The envelope recipient is the campaign address. Returns when
    /// Postfix accepted each (its 250 to the data).
    pub(crate) fn submit(&self, messages: &[(String, Vec<u8>)]) -> Vec<SystemTime> {
        self.submit_to("letters@campaign.test", messages)
    }

    /// Submit messages to `recipient`.
    pub(crate) fn submit_to(
        &self,
        recipient: &str,
        messages: &[(String, Vec<u8>)],
    ) -> Vec<SystemTime> {
        let stream = TcpStream::connect(("127.0.0.1", self.port("MAILSTACK_SMTP_PORT")))
            .expect("connect to Postfix");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut writer = stream;
        expect(&mut reader, "2");
        say(&mut writer, &mut reader, "EHLO client.people.test", "2");
        let mut accepted = Vec::with_capacity(messages.len());
        for (from, raw) in messages {
            say(
                &mut writer,
                &mut reader,
                &format!("MAIL FROM:<{from}>"),
                "2",
            );
            say(
                &mut writer,
                &mut reader,
                &format!("RCPT TO:<{recipient}>"),
                "2",
            );
            say(&mut writer, &mut reader, "DATA", "3");
            let mut data = Vec::with_capacity(raw.len() + 16);
            for line in raw.split_inclusive(|b| *b == b'\n') {
                let line = line.strip_suffix(b"\n").unwrap_or(line);
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                if line.first() == Some(&b'.') {
                    data.push(b'.');
                }
                data.extend_from_slice(line);
                data.extend_from_slice(b"\r\n");
            }
            data.extend_from_slice(b".\r\n");
            writer.write_all(&data).expect("send DATA");
            expect(&mut reader, "2");
            accepted.push(SystemTime::now());
        }
        say(&mut writer, &mut reader, "QUIT", "2");
        accepted
    }

    /// Files of every folder of a maildir (`MAILSTACK_MAILDIR_*`), by
    /// folder name.
    pub(crate) fn folders(&self, maildir_key: &str) -> HashMap<String, Vec<PathBuf>> {
        let root = PathBuf::from(self.get(maildir_key));
        let mut folders = HashMap::new();
        let Ok(entries) = std::fs::read_dir(&root) else {
            return folders;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if !path.is_dir() {
                continue;
            }
            let mut files = Vec::new();
            for sub in ["new", "cur"] {
                if let Ok(mail) = std::fs::read_dir(path.join(sub)) {
                    files.extend(mail.flatten().map(|e| e.path()));
                }
            }
            folders.insert(entry.file_name().to_string_lossy().into_owned(), files);
        }
        folders
    }

    /// Messages in one folder of a maildir.
    pub(crate) fn messages(&self, maildir_key: &str, folder: &str) -> Vec<Vec<u8>> {
        self.folders(maildir_key)
            .remove(folder)
            .unwrap_or_default()
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .collect()
    }

    /// The replies delivered to supporters so far.
    pub(crate) fn replies(&self) -> Vec<Vec<u8>> {
        self.messages("MAILSTACK_MAILDIR_SUPPORTERS", "INBOX")
    }

    /// Messages anywhere in the campaign account.
    pub(crate) fn campaign_total(&self) -> usize {
        self.folders("MAILSTACK_MAILDIR_CAMPAIGN")
            .values()
            .map(Vec::len)
            .sum()
    }

    /// How many messages one folder of a maildir holds (cheaper than
    /// [`Stack::messages`] when only the number matters).
    pub(crate) fn count(&self, maildir_key: &str, folder: &str) -> usize {
        self.folders(maildir_key).get(folder).map_or(0, Vec::len)
    }

    /// How many replies have been delivered to supporters so far.
    pub(crate) fn reply_count(&self) -> usize {
        self.count("MAILSTACK_MAILDIR_SUPPORTERS", "INBOX")
    }

    /// Ask Postfix to try every queued message now. A delivery to
    /// Dovecot cut off by its restart is deferred, and Postfix's queue
    /// manager can hold that destination back for minutes.
    pub(crate) fn flush_queue(&self) {
        let _ = Command::new("postqueue")
            .args(["-c", self.get("MAILSTACK_POSTFIX_CONFIG_DIR"), "-f"])
            .status();
    }

    /// Messages in Postfix's queue, waiting for delivery (inbound mail and
    /// replies alike). Zero once everything accepted has been delivered.
    pub(crate) fn queue_len(&self) -> usize {
        fn files(dir: &Path) -> usize {
            std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() { files(&path) } else { 1 }
                })
                .sum()
        }
        let spool = Path::new(self.get("MAILSTACK_DIR")).join("spool");
        ["maildrop", "incoming", "active", "deferred", "hold"]
            .iter()
            .map(|q| files(&spool.join(q)))
            .sum()
    }

    /// Remove maildir locks (`dovecot-uidlist.lock`) that a killed Dovecot
    /// process left behind, and return their paths. A live holder keeps
    /// one for milliseconds; a dead one's stays until Dovecot deems it
    /// stale, after two minutes, and until then every SELECT of that
    /// folder waits and fails. So a lock that stays unchanged (same inode,
    /// same time) for all of `settle` is taken to be stale.
    pub(crate) fn clear_stale_dovecot_locks(&self, settle: Duration) -> Vec<PathBuf> {
        fn locks(dir: &Path, found: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    locks(&path, found);
                } else if entry.file_name() == "dovecot-uidlist.lock" {
                    found.push(path);
                }
            }
        }
        fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some((meta.ino(), meta.modified().ok()?))
        }
        let mut found = Vec::new();
        locks(
            &Path::new(self.get("MAILSTACK_DIR")).join("mail"),
            &mut found,
        );
        let before: Vec<_> = found.iter().map(|p| stamp(p)).collect();
        if found.is_empty() {
            return found;
        }
        std::thread::sleep(settle);
        found
            .into_iter()
            .zip(before)
            .filter(|(path, was)| was.is_some() && stamp(path) == *was)
            .filter(|(path, _)| std::fs::remove_file(path).is_ok())
            .map(|(path, _)| path)
            .collect()
    }

    pub(crate) fn restart_dovecot(&self) {
        self.mailstack("restart-dovecot");
    }

    /// From now on the relay files a copy of what letters@ sends in its
    /// Sent folder, as Gmail and Microsoft 365 do.
    pub(crate) fn file_sent_copies(&self) {
        self.mailstack("sent-copies");
    }

    fn mailstack(&self, command: &str) {
        let status = Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/mailstack"))
            .arg(command)
            .arg(self.dir.path())
            .status()
            .expect("run scripts/mailstack");
        assert!(status.success(), "scripts/mailstack {command} failed");
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        let _ = Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/mailstack"))
            .arg("stop")
            .arg(self.dir.path())
            .status();
    }
}

fn say(writer: &mut TcpStream, reader: &mut BufReader<TcpStream>, line: &str, want: &str) {
    writer
        .write_all(format!("{line}\r\n").as_bytes())
        .expect("write to Postfix");
    expect(reader, want);
}

/// Read one (multi-line) SMTP answer and check its first digit.
fn expect(reader: &mut BufReader<TcpStream>, want: &str) {
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("read from Postfix");
        assert!(
            line.starts_with(want),
            "Postfix said {line:?}, wanted {want}xx"
        );
        if line.as_bytes().get(3) != Some(&b'-') {
            return;
        }
    }
}

/// The `postbag` binary cargo built for these tests.
pub(crate) const POSTBAG: &str = env!("CARGO_BIN_EXE_postbag");

/// `postbag run --config CONFIG ARGS`, from the repository root, with no
/// `POSTBAG_*` variable of the caller's; `prefix` (e.g. strace and its
/// options) runs it. The caller adds the environment it wants.
pub(crate) fn run_command(prefix: &[&str], config: &Path, args: &[&str]) -> Command {
    let mut command = match prefix.split_first() {
        Some((program, rest)) => {
            let mut c = Command::new(program);
            c.args(rest).arg(POSTBAG);
            c
        }
        None => Command::new(POSTBAG),
    };
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("POSTBAG_")) {
        command.env_remove(key);
    }
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("run")
        .arg("--config")
        .arg(config)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    command
}

/// The daemon, run as `postbag run --config FILE` with its log in a file.
pub(crate) struct Daemon {
    child: Option<Child>,
    pub(crate) log: PathBuf,
    /// Where this run's log starts in `log`, which earlier runs may share.
    log_start: usize,
}

impl Daemon {
    /// Start `postbag run` (with `args` after it) against `config`; its
    /// log (stderr, at `POSTBAG_LOG=debug`) goes to `log`.
    pub(crate) fn start(config: &Path, args: &[&str], log: &Path) -> Daemon {
        let mut command = run_command(&[], config, args);
        command.env("POSTBAG_LOG", "debug");
        Daemon::spawn(command, log)
    }

    /// `postbag run` at log level `level` (`POSTBAG_LOG`).
    pub(crate) fn start_at(config: &Path, level: &str, log: &Path) -> Daemon {
        let mut command = run_command(&[], config, &[]);
        command.env("POSTBAG_LOG", level);
        Daemon::spawn(command, log)
    }

    /// Start `command` (from [`run_command`]) with its log appended to `log`.
    pub(crate) fn spawn(mut command: Command, log: &Path) -> Daemon {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .expect("log file");
        let log_start = std::fs::metadata(log).map_or(0, |m| m.len() as usize);
        let child = command.stderr(file).spawn().expect("start postbag run");
        Daemon {
            child: Some(child),
            log: log.to_owned(),
            log_start,
        }
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// Wait until its log says the mailbox is open: this run's log, not
    /// an earlier run's in the same file, or a restart would be taken as
    /// open before it has set up its signal handling.
    pub(crate) fn wait_open(&self, limit: Duration) {
        wait_until("the daemon to open the mailbox", limit, || {
            self.log_text()
                .get(self.log_start..)
                .is_some_and(|own| own.contains("mailbox open"))
        });
    }

    /// Ask it to stop (SIGTERM) and wait; its exit code.
    pub(crate) fn stop(mut self) -> Option<i32> {
        let mut child = self.child.take()?;
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "postbag did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Kill it outright (SIGKILL), as a crash would.
    pub(crate) fn kill(mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Wait for it to exit by itself (`--once`); its exit code.
    pub(crate) fn wait(mut self, limit: Duration) -> Option<i32> {
        let mut child = self.child.take()?;
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("postbag did not exit within {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Its log so far.
    pub(crate) fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Wait until `done` holds, polling; panics with `what` after `limit`.
pub(crate) fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// A supporter's email: name, address, postcode, from `address`.
pub(crate) fn supporter_mail(address: &str, name: &str, street: &str, postcode: &str) -> Vec<u8> {
    let local = address.split('@').next().unwrap_or("x");
    format!(
        "From: {name} <{address}>\r\n\
         To: letters@campaign.test\r\n\
         Subject: Send my letters, {name}\r\n\
         Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n\
         Message-ID: <{local}.request@people.test>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         \r\n\
         Name: {name}\r\n\
         Address: {street}\r\n\
         Postcode: {postcode}\r\n"
    )
    .into_bytes()
}

/// Postcodes in the sample lookup table.
pub(crate) const SAMPLE_POSTCODES: [&str; 5] =
    ["BR8 7RE", "SE1 2DL", "M1 1AD", "LS6 2AB", "EH1 1YZ"];

/// The count, as `postbag stats --json --config CONFIG` prints it.
pub(crate) fn stats(config: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_postbag"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["stats", "--json", "--config"])
        .arg(config)
        .output()
        .expect("run postbag stats");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stats JSON")
}

/// The count of people helped, from `postbag stats`.
pub(crate) fn people_helped(config: &Path) -> u64 {
    stats(config)["people_helped"]
        .as_u64()
        .expect("people_helped is a number")
}

/// `n` supporters' requests from `{prefix}{i}@people.test`, across the
/// sample postcodes.
pub(crate) fn requests(prefix: &str, n: usize) -> Vec<(String, Vec<u8>)> {
    (0..n)
        .map(|i| {
            let address = format!("{prefix}{i}@people.test");
            let postcode = SAMPLE_POSTCODES[i % SAMPLE_POSTCODES.len()];
            let street = format!("{} High Street", i + 1);
            let raw = supporter_mail(&address, "Pat Doe", &street, postcode);
            (address, raw)
        })
        .collect()
}

/// The first To address of a message, lower-cased.
pub(crate) fn to_address(raw: &[u8]) -> String {
    let headers = mail_parser::MessageParser::default()
        .parse_headers(raw)
        .expect("a reply parses");
    headers
        .to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .expect("a reply has a To address")
        .to_ascii_lowercase()
}

/// The queue id under which the stack's Postfix took a reply from
/// postbag, from the Received header it added: one per acceptance, so
/// the same for every delivery of one acceptance.
pub(crate) fn queue_id(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw).replace("\r\n", "\n");
    let head = text.split("\n\n").next().unwrap_or("");
    let unfolded = head.replace("\n\t", " ").replace("\n ", " ");
    unfolded
        .lines()
        .filter(|l| l.to_ascii_lowercase().starts_with("received:") && l.contains("(Postfix)"))
        .find_map(|l| {
            let mut words = l.split_whitespace();
            words.find(|w| *w == "id")?;
            words.next().map(|id| id.trim_end_matches(';').to_owned())
        })
        .expect("a reply has Postfix's Received header")
}

/// Where things stand, for a failure message.
pub(crate) fn state(stack: &Stack, log: &Path) -> String {
    let log = std::fs::read_to_string(log).unwrap_or_default();
    let tail: Vec<&str> = log
        .lines()
        .filter(|l| !l.contains("DEBUG"))
        .rev()
        .take(30)
        .collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    let mut left = Vec::new();
    for (folder, files) in stack.folders("MAILSTACK_MAILDIR_CAMPAIGN") {
        for file in files {
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            left.push((folder.clone(), name.into_owned()));
        }
    }
    left.sort();
    let total = left.len();
    left.truncate(10);
    let inbox = Path::new(stack.get("MAILSTACK_MAILDIR_CAMPAIGN")).join("INBOX");
    let uidlist = std::fs::read_to_string(inbox.join("dovecot-uidlist")).unwrap_or_default();
    let keywords = std::fs::read_to_string(inbox.join("dovecot-keywords")).unwrap_or_default();
    let mut about = Vec::new();
    for (folder, name) in &left {
        let (base, flags) = name.split_once(":2,").unwrap_or((name, ""));
        let uid = uidlist
            .lines()
            .filter(|_| folder == "INBOX")
            .find(|l| l.contains(base))
            .and_then(|l| l.split_whitespace().next())
            .unwrap_or("?");
        about.push(format!(
            "{folder} uid {uid}: {}",
            maildir_flags(flags, &keywords)
        ));
        about.extend(
            log.lines()
                .filter(|l| {
                    l.contains(&format!("uid={uid} ")) || l.ends_with(&format!("uid={uid}"))
                })
                .map(|l| format!("    {l}")),
        );
    }
    format!(
        "{} replies delivered, {} in Postfix's queue, {total} message(s) left in the \
         campaign account; the first of them, and the log about them:\n{}\n\
         the log's last non-debug lines:\n{}",
        stack.reply_count(),
        stack.queue_len(),
        about.join("\n"),
        tail.join("\n")
    )
}

/// A maildir file name's flags (after ":2,") in IMAP's words: Dovecot
/// writes keywords as letters, `a` for the first in `dovecot-keywords`.
fn maildir_flags(flags: &str, keywords: &str) -> String {
    let keywords: HashMap<char, &str> = keywords
        .lines()
        .filter_map(|l| {
            let (n, name) = l.split_once(' ')?;
            let n: u8 = n.parse().ok()?;
            Some((char::from(b'a' + n), name))
        })
        .collect();
    let words: Vec<String> = flags
        .chars()
        .map(|c| match c {
            'S' => "\\Seen".to_owned(),
            'T' => "\\Deleted".to_owned(),
            'F' => "\\Flagged".to_owned(),
            'R' => "\\Answered".to_owned(),
            'D' => "\\Draft".to_owned(),
            c => keywords
                .get(&c)
                .map_or_else(|| c.to_string(), |k| (*k).to_owned()),
        })
        .collect();
    if words.is_empty() {
        "no flags".to_owned()
    } else {
        words.join(" ")
    }
}

/// Wait until `done` holds; on a time-out, panic with where things stand.
pub(crate) fn wait_for(
    stack: &Stack,
    log: &Path,
    what: &str,
    limit: Duration,
    mut done: impl FnMut() -> bool,
) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}: {}",
            state(stack, log)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Wait until all is done: at least `replies` replies delivered (the
/// long part), then nothing left in the campaign account and nothing in
/// Postfix's queue, so no reply is still on its way.
pub(crate) fn wait_settled(stack: &Stack, log: &Path, replies: usize) {
    let mut flushed = Instant::now();
    wait_for(
        stack,
        log,
        &format!("{replies} replies"),
        Duration::from_secs(120),
        || {
            // A reply Postfix deferred (Dovecot restarting) would otherwise
            // wait for its queue manager's next look, minutes away.
            if flushed.elapsed() > Duration::from_secs(5) {
                stack.flush_queue();
                flushed = Instant::now();
            }
            stack.reply_count() >= replies
        },
    );
    // One may be deferred past the count too (such as a reply Dovecot's
    // LMTP saved but did not confirm before its restart, sent again).
    wait_for(
        stack,
        log,
        "an empty campaign account and queue",
        Duration::from_secs(30),
        || {
            if flushed.elapsed() > Duration::from_secs(5) {
                stack.flush_queue();
                flushed = Instant::now();
            }
            stack.campaign_total() == 0 && stack.queue_len() == 0
        },
    );
}
