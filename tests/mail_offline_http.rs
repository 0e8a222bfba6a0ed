//! Offline lookup sends nothing over HTTP (issue 6, item 7): with the
//! lookup offline, `postbag run` answers a batch of requests on a real
//! Postfix and Dovecot while every way out over HTTP is watched, and
//! nothing goes out.
//!
//! Watched: `lookup.postcodes_io_url` and `lookup.members_api_url` point
//! at local listeners that record every connection, and `HTTP_PROXY`,
//! `HTTPS_PROXY` and `ALL_PROXY` (upper and lower case) at a third. Two
//! offline setups:
//! - the shipped default, `postcode_sources = ["table"]` (the sample
//!   table), with `mp_sources = ["offline", "members_api"]` as shipped;
//! - the production one, `postcode_sources = ["offline"]` with an index
//!   and MP list built by `postbag data import-postcodes` / `import-mps`,
//!   and the Members API still listed after the offline MP list. One
//!   postcode's seat is missing from the MP list: the Members API is the
//!   only source left for it, and still nothing is asked (it knows seats
//!   by name, and the offline index has none), so that request waits.
//!
//! Where strace works, every `connect()` the daemon makes is recorded too,
//! and each must be to loopback, the IMAP or the submission port.

#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/proof.rs"]
mod proof;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use mailstack::{Daemon, POSTBAG, Stack, run_command, stats, wait_until};
use proof::{Recorder, Replies};

const WAIT: Duration = Duration::from_secs(120);
const PROXY_VARIABLES: [&str; 6] = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
];

/// The three listeners that must hear nothing.
struct Watch {
    postcodes_io: Recorder,
    members_api: Recorder,
    proxy: Recorder,
}

impl Watch {
    /// On the stack's reserved ports (N+6..N+8) where free.
    fn start(stack: &Stack) -> Watch {
        let base = stack.port("MAILSTACK_BASE_PORT");
        Watch {
            postcodes_io: Recorder::start(base + 6),
            members_api: Recorder::start(base + 7),
            proxy: Recorder::start(base + 8),
        }
    }

    /// The `[lookup]` lines that point the services here.
    fn lookup_section(&self) -> String {
        format!(
            "postcodes_io_url = \"{}\"\nmembers_api_url = \"{}\"",
            self.postcodes_io.url(),
            self.members_api.url()
        )
    }

    /// Every proxy variable pointing at the proxy recorder, and no
    /// exceptions.
    fn environment(&self, command: &mut Command) {
        for key in PROXY_VARIABLES {
            command.env(key, self.proxy.url());
        }
        command.env_remove("NO_PROXY").env_remove("no_proxy");
    }

    /// Everything asked of any of them.
    fn requests(&self) -> Vec<String> {
        let mut all = Vec::new();
        for (name, r) in [
            ("postcodes.io", &self.postcodes_io),
            ("members-api", &self.members_api),
            ("proxy", &self.proxy),
        ] {
            all.extend(r.requests().into_iter().map(|l| format!("{name}: {l}")));
        }
        all
    }
}

/// A request from `address` with `postcode`.
fn request(address: &str, n: usize, postcode: &str) -> (String, Vec<u8>) {
    let raw = format!(
        "From: Pat Doe <{address}>\r\nTo: letters@campaign.test\r\n\
         Subject: Send my letters\r\nMessage-ID: <offline.{n}@people.test>\r\n\
         Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n\
         Name: Pat Doe\r\nAddress: {} Mill Lane\r\nPostcode: {postcode}\r\n",
        n + 1
    );
    (address.to_owned(), raw.into_bytes())
}

/// Whether strace can trace a child here (it may be missing, or ptrace
/// refused in a container).
fn strace_works(dir: &Path) -> bool {
    let out = dir.join("strace-probe");
    Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=connect", "-o"])
        .arg(&out)
        .arg("true")
        .status()
        .is_ok_and(|s| s.success())
        && out.is_file()
}

/// The inet `connect()`s strace recorded: (address, port) and how many
/// times; and every other kind of connect, as written.
fn connects(trace: &Path) -> (BTreeMap<(String, u16), usize>, Vec<String>) {
    let text = std::fs::read_to_string(trace).expect("strace output");
    let mut inet = BTreeMap::new();
    let mut other = Vec::new();
    for line in text.lines().filter(|l| l.contains("connect(")) {
        let port = line
            .split("htons(")
            .nth(1)
            .and_then(|r| r.split(')').next())
            .and_then(|p| p.parse::<u16>().ok());
        let address = line
            .split("inet_addr(\"")
            .nth(1)
            .or_else(|| line.split("AF_INET6, \"").nth(1))
            .and_then(|r| r.split('"').next());
        match (line.contains("AF_INET"), port, address) {
            (true, Some(port), Some(address)) => {
                *inet.entry((address.to_owned(), port)).or_insert(0) += 1;
            }
            _ => other.push(line.to_owned()),
        }
    }
    (inet, other)
}

/// Submit `mail`, run `postbag run --once` (under strace where it works)
/// with every proxy variable set and every crate logging at trace, and
/// check that nothing was asked over HTTP and every connect was to the
/// mail servers. Returns the exit code, the replies and what was seen.
fn run_watched(
    stack: &Stack,
    watch: &Watch,
    config: &Path,
    mail: &[(String, Vec<u8>)],
) -> (Option<i32>, Replies, String) {
    stack.submit(mail);
    wait_until("delivery to the campaign", WAIT, || {
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX") == mail.len()
    });
    let dir = stack.dir.path();
    let trace = dir.join("connect.strace");
    let traced = strace_works(dir);
    let trace_arg = trace.display().to_string();
    let prefix: Vec<&str> = if traced {
        vec![
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=connect",
            "-o",
            &trace_arg,
        ]
    } else {
        Vec::new()
    };
    let mut command = run_command(&prefix, config, &["--once"]);
    command.env("POSTBAG_LOG", "trace,postbag=trace");
    watch.environment(&mut command);
    let log = dir.join("postbag.log");
    let code = Daemon::spawn(command, &log).wait(WAIT);

    let mut replies = Replies::default();
    let inbox = Path::new(stack.get("MAILSTACK_MAILDIR_SUPPORTERS")).join("INBOX");
    wait_until("Postfix's queue to empty", WAIT, || stack.queue_len() == 0);
    replies.refresh(&inbox);

    let asked = watch.requests();
    assert!(asked.is_empty(), "HTTP went out: {asked:?}");
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    let mut seen = Vec::new();
    if traced {
        let (inet, other) = connects(&trace);
        let allowed = [
            stack.port("MAILSTACK_IMAP_PORT"),
            stack.port("MAILSTACK_SUBMISSION_PORT"),
        ];
        for (address, port) in inet.keys() {
            let loopback = address == "127.0.0.1" || address == "::1";
            assert!(
                loopback && allowed.contains(port),
                "a connect() to {address}:{port}, not the mail servers ({allowed:?}); \
                 all: {inet:?}"
            );
        }
        // glibc asks nscd over a Unix socket when resolving "localhost".
        assert!(
            other.iter().all(|l| l.contains("AF_UNIX")),
            "a connect() that is neither inet nor local: {other:?}"
        );
        seen.push(format!(
            "  connect() by the daemon (strace): {inet:?}; other connects: {}",
            if other.is_empty() {
                "none".to_owned()
            } else {
                other.join(" | ")
            }
        ));
    } else {
        seen.push("  strace unavailable here: connect() calls not recorded".to_owned());
    }
    seen.push(format!(
        "  HTTP requests seen: postcodes.io {}, members-api {}, proxy {}; \
         log lines with every crate at trace: {}",
        watch.postcodes_io.requests().len(),
        watch.members_api.requests().len(),
        watch.proxy.requests().len(),
        log_text.lines().count()
    ));
    (code, replies, seen.join("\n"))
}

fn assert_each_answered_once(replies: &Replies, mail: &[(String, Vec<u8>)]) {
    let by = replies.by_address();
    for (address, _) in mail {
        assert_eq!(by.get(address), Some(&1), "replies to {address}");
    }
    assert_eq!(replies.len(), mail.len(), "no other replies");
}

#[test]
fn the_default_table_lookup_answers_a_batch_without_any_http() {
    let stack = Stack::start();
    let watch = Watch::start(&stack);
    let lookup = format!(
        "{}\nmp_sources = [\"offline\", \"members_api\"]",
        watch.lookup_section()
    );
    let config = stack.config(&[("lookup", &lookup)]);
    // Postcodes the table knows (letters, a vacant seat, an MP without
    // email, Scotland, Wales, Northern Ireland), valid ones it does not
    // (help), a Crown Dependency and a retired-looking one.
    let postcodes = [
        "BR8 7RE", "SE1 2DL", "M1 1AD", "LS6 2AB", "EH1 1YZ", "OX4 1AB", "PR1 2HE", "WN4 9AA",
        "AB10 1AB", "SA13 1PH", "CF10 1EP", "BT4 3SR", "BA12 3AB", "DN14 7QZ", "JE2 4WD",
        "GY1 1AA", "SW1A 1AA", "IV2 3BW", "NR1 1AA", "TR1 2AB",
    ];
    let mail: Vec<(String, Vec<u8>)> = postcodes
        .iter()
        .enumerate()
        .map(|(i, p)| request(&format!("table{i}@people.test"), i, p))
        .collect();
    let (code, replies, seen) = run_watched(&stack, &watch, &config, &mail);
    assert_eq!(code, Some(0), "--once answered everything");
    assert_each_answered_once(&replies, &mail);
    assert_eq!(stack.campaign_total(), 0);
    let counts = stats(&config);
    eprintln!(
        "table lookup, {} requests:\n{seen}\n  replies {}: people_helped {}, help_replies {}",
        mail.len(),
        replies.len(),
        counts["people_helped"],
        counts["help_replies"]
    );
}

/// Build the offline index and MP list from the lookup fixtures, plus a
/// postcode whose seat the MP list lacks.
fn offline_data(dir: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = dir.join("lookup-data");
    let onspd = dir.join("onspd.csv");
    let mut csv =
        std::fs::read_to_string(root.join("tests/fixtures/lookup/onspd.csv")).expect("fixture");
    // E14001999: an English seat the MP list does not have.
    csv.push_str(
        "TN13 1HX,TN13 1HX,TN13 1HX,198001,,0,552000,0155000,E92000001,E14001999,51.27,0.19\n",
    );
    std::fs::write(&onspd, csv).expect("write onspd.csv");
    let today = jiff::Zoned::now().date().to_string();
    for args in [
        vec!["import-postcodes", onspd.to_str().expect("utf-8")],
        vec![
            "import-mps",
            root.join("tests/fixtures/lookup/mps.csv")
                .to_str()
                .expect("utf-8"),
            "--date",
            &today,
        ],
    ] {
        let out = Command::new(POSTBAG)
            .arg("data")
            .args(&args)
            .arg("--data-dir")
            .arg(&data)
            .env_remove("POSTBAG_CONFIG")
            .current_dir(root)
            .output()
            .expect("run postbag data");
        assert!(
            out.status.success(),
            "postbag data {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    data
}

#[test]
fn the_offline_index_answers_a_batch_without_any_http() {
    let stack = Stack::start();
    let watch = Watch::start(&stack);
    let data = offline_data(stack.dir.path());
    let lookup = format!(
        "{}\npostcode_sources = [\"offline\"]\nmp_sources = [\"offline\", \"members_api\"]\n\
         data_dir = \"{}\"",
        watch.lookup_section(),
        data.display()
    );
    let config = stack.config(&[("lookup", &lookup)]);
    // `stack.config` writes postcode_sources = ["table"]: the offline
    // setup replaces it (a repeated key is an error in TOML).
    let text = std::fs::read_to_string(&config).expect("read postbag.toml");
    let text = text.replacen("postcode_sources = [\"table\"]\n", "", 1);
    std::fs::write(&config, text).expect("write postbag.toml");

    // `check` and `lookup` ask nothing either.
    let mut commands = Vec::new();
    for args in [
        vec!["check"],
        vec!["lookup", "BR8 7RE"],
        vec!["lookup", "TN13 1HX"],
    ] {
        let mut command = Command::new(POSTBAG);
        for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("POSTBAG_")) {
            command.env_remove(key);
        }
        command
            .args(&args)
            .arg("--config")
            .arg(&config)
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        watch.environment(&mut command);
        let out = command.output().expect("run postbag");
        commands.push(format!("postbag {args:?}: exit {:?}", out.status.code()));
    }
    assert_eq!(
        watch.requests(),
        Vec::<String>::new(),
        "check and lookup asked nothing"
    );

    // Every row of the index: letters, a vacant seat, an MP without email,
    // retired postcodes, a Crown Dependency; a valid postcode the index
    // lacks (help).
    let postcodes = [
        "BR8 7RE", "BR8 7RF", "SW1A 1AA", "WN4 9AA", "PR1 2HE", "CF10 1AA", "EH1 1AA", "BT1 1AA",
        "AB1 0AA", "SE1 9ZZ", "JE2 4WD", "BA12 3AB",
    ];
    let mut mail: Vec<(String, Vec<u8>)> = postcodes
        .iter()
        .enumerate()
        .map(|(i, p)| request(&format!("offline{i}@people.test"), i, p))
        .collect();
    let unknown_seat = request("noseat@people.test", 99, "TN13 1HX");
    mail.push(unknown_seat.clone());
    let (code, replies, seen) = run_watched(&stack, &watch, &config, &mail);
    // The one whose seat no MP source knows waits (exit 75), answered by
    // nobody: the Members API, last in the chain, cannot be asked without
    // the seat's name.
    assert_eq!(code, Some(75), "--once left one request for later");
    let answered: Vec<(String, Vec<u8>)> = mail
        .iter()
        .filter(|(a, _)| *a != unknown_seat.0)
        .cloned()
        .collect();
    assert_each_answered_once(&replies, &answered);
    assert_eq!(
        stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX"),
        1,
        "the request with no known MP waits in the INBOX"
    );
    let counts = stats(&config);
    eprintln!(
        "offline index: {}; 0 HTTP requests\n{} requests:\n{seen}\n  replies {}: \
         people_helped {}, help_replies {}; 1 left for later (seat unknown to every MP source)",
        commands.join(", "),
        mail.len(),
        replies.len(),
        counts["people_helped"],
        counts["help_replies"]
    );
}
