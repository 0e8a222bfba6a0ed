//! The shared count (`[count] store = "postgres"`) on a real PostgreSQL
//! from `scripts/pgstack`: two instances add up, a retried batch counts
//! once, old keys are purged, a restart of PostgreSQL mid-burst loses and
//! doubles nothing, the daemon itself counts there while the database
//! holds counters and digests only, and a wrong connection string or an
//! unreachable server stops start-up in seconds, naming the setting.

#[path = "common/http_get.rs"]
mod http_get;
#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/pgstack.rs"]
mod pgstack;
#[path = "common/run.rs"]
mod run;

use std::time::{Duration, Instant};

use postbag::count::{PgCount, PgOptions, Tally, postgres};

use pgstack::Pg;

/// Options for tests: quick re-reads and retries.
fn quick() -> PgOptions {
    PgOptions {
        refresh: Duration::from_millis(300),
        max_backoff: Duration::from_millis(500),
        ..PgOptions::default()
    }
}

async fn read(pg: &Pg) -> postbag::count::Counts {
    postgres::read(pg.url(), Duration::from_secs(10))
        .await
        .expect("read the shared count")
}

/// Wait (at most 30 s) until the shared count has `people` people helped.
async fn wait_for_people(pg: &Pg, people: u64) -> postbag::count::Counts {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let counts = read(pg).await;
        if counts.people_helped >= people || Instant::now() > deadline {
            return counts;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_add_up_and_a_retried_batch_counts_once() {
    let pg = Pg::start();
    let mut a = PgCount::connect(pg.url(), quick(), None, None)
        .await
        .unwrap();
    let mut b = PgCount::connect(pg.url(), quick(), None, None)
        .await
        .unwrap();
    let both = ["mp".to_owned(), "ico".to_owned()];
    let one = ["mp".to_owned()];
    a.add([
        (Tally::Letters(&both), &b"a-1"[..]),
        (Tally::Letters(&one), &b"a-2"[..]),
        (Tally::Help, &b"a-3"[..]),
    ]);
    b.add([
        (Tally::Letters(&both), &b"b-1"[..]),
        (Tally::Help, &b"b-2"[..]),
    ]);
    let counts = wait_for_people(&pg, 3).await;
    assert_eq!(counts.people_helped, 3);
    // The same batches again, from either instance (a write whose commit
    // was never confirmed is sent again): nothing more is counted.
    b.add([
        (Tally::Letters(&both), &b"a-1"[..]),
        (Tally::Letters(&one), &b"a-2"[..]),
        (Tally::Help, &b"a-3"[..]),
    ]);
    a.add([
        (Tally::Letters(&both), &b"b-1"[..]),
        (Tally::Help, &b"b-2"[..]),
        (Tally::Help, &b"b-3"[..]),
    ]);
    assert_eq!(a.close(Duration::from_secs(10)).await, 0);
    assert_eq!(b.close(Duration::from_secs(10)).await, 0);
    let counts = read(&pg).await;
    assert_eq!(counts.people_helped, 3);
    assert_eq!(counts.help_replies, 3, "a-3, b-2 and the new b-3");
    assert_eq!(counts.letters["mp"], 3);
    assert_eq!(counts.letters["ico"], 2);
    assert!(counts.since.is_some());
    assert_eq!(pg.sql("SELECT count(*) FROM postbag_recent").trim(), "6");

    // An instance shows the shared count, re-read without writing.
    let c = PgCount::connect(pg.url(), quick(), None, None)
        .await
        .unwrap();
    let mut d = PgCount::connect(pg.url(), quick(), None, None)
        .await
        .unwrap();
    assert_eq!(c.counts(), counts);
    d.add([(Tally::Letters(&one), &b"d-1"[..])]);
    assert_eq!(d.close(Duration::from_secs(10)).await, 0);
    let deadline = Instant::now() + Duration::from_secs(10);
    while c.counts().people_helped != 4 {
        assert!(Instant::now() < deadline, "c never saw d's reply");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_older_than_the_window_are_purged() {
    let pg = Pg::start();
    let options = PgOptions {
        window: Duration::from_secs(2),
        ..quick()
    };
    let mut store = PgCount::connect(pg.url(), options, None, None)
        .await
        .unwrap();
    store.add([(Tally::Help, &b"old"[..])]);
    wait_for(&pg, "SELECT count(*) FROM postbag_recent", "1").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    store.add([(Tally::Help, &b"new"[..])]);
    assert_eq!(store.close(Duration::from_secs(10)).await, 0);
    assert_eq!(
        pg.sql("SELECT count(*) FROM postbag_recent").trim(),
        "1",
        "only the new key is left"
    );
    let digest = postbag::count::key_digest(b"new");
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        pg.sql("SELECT encode(key, 'hex') FROM postbag_recent")
            .trim(),
        hex
    );
    assert_eq!(read(&pg).await.help_replies, 2);
}

/// Wait (at most 30 s) until `sql` gives `want`.
async fn wait_for(pg: &Pg, sql: &str, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while pg.sql(sql).trim() != want {
        assert!(Instant::now() < deadline, "{sql} never gave {want}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_mid_burst_loses_nothing_and_doubles_nothing() {
    let pg = Pg::start();
    let mut store = PgCount::connect(pg.url(), quick(), None, None)
        .await
        .unwrap();
    let letters = ["mp".to_owned()];
    let keys: Vec<String> = (0..400).map(|i| format!("reply-{i}")).collect();
    // PostgreSQL goes down for two seconds a little way into the burst.
    let dir = pg.dir.path().to_owned();
    let restart = tokio::task::spawn_blocking(move || {
        std::thread::sleep(Duration::from_millis(800));
        let status = std::process::Command::new(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pgstack"),
        )
        .arg("restart")
        .arg(&dir)
        .args(["--down", "2"])
        .status()
        .expect("run scripts/pgstack restart");
        assert!(status.success(), "restart failed");
    });
    let started = Instant::now();
    for (i, key) in keys.iter().enumerate() {
        store.add([(Tally::Letters(&letters), key.as_bytes())]);
        // Every tenth reply is handed over twice, as after a lost commit.
        if i % 10 == 0 {
            store.add([(Tally::Letters(&letters), key.as_bytes())]);
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let handed_in = started.elapsed();
    restart.await.expect("the restart");
    assert!(
        handed_in < Duration::from_secs(15),
        "adding never waits for PostgreSQL ({handed_in:?})"
    );
    assert_eq!(store.close(Duration::from_secs(30)).await, 0);
    let counts = read(&pg).await;
    assert_eq!(counts.people_helped, 400);
    assert_eq!(counts.letters["mp"], 400);
    assert_eq!(pg.sql("SELECT count(*) FROM postbag_recent").trim(), "400");
}

/// What the supporters in the daemon test are called and where they live:
/// none of it may reach the database.
const MARKERS: [(&str, &str, &str); 4] = [
    ("Ottoline Quixmarsh", "7 Zephyrine Lane", "BR8 7RE"),
    ("Bartholomew Vexcombe", "12 Umbravale Road", "SE1 2DL"),
    ("Philippa Drummondsey", "3 Quillbrook Close", "ZZ9 9ZZ"),
    ("Cosmo Yarnwhistle", "88 Fennimore Rise", "M1 1AD"),
];

#[test]
fn the_daemon_counts_in_postgres_and_the_database_holds_counters_and_digests_only() {
    let pg = Pg::start();
    let stack = mailstack::Stack::start();
    let port = http_get::free_port();
    let listen = format!("listen = \"127.0.0.1:{port}\"");
    let config = stack.config(&[("http", &listen)]);
    let mut text = std::fs::read_to_string(&config).expect("read postbag.toml");
    text.push_str(&pg.count_section());
    std::fs::write(&config, text).expect("write postbag.toml");
    let mut requests = Vec::new();
    let mut needles: Vec<String> = Vec::new();
    for (name, street, postcode) in MARKERS {
        let local = name.to_ascii_lowercase().replace(' ', ".");
        let address = format!("{local}@people.test");
        requests.push((
            address.clone(),
            mailstack::supporter_mail(&address, name, street, postcode),
        ));
        let message_id = format!("{local}.request@people.test");
        needles.extend([
            name.to_owned(),
            street.to_owned(),
            postcode.to_owned(),
            address,
            format!("Send my letters, {name}"),
            message_id,
        ]);
        needles.extend(name.split(' ').map(str::to_owned));
    }
    // Another instance has already counted two people.
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let other = |keys: &'static [&'static str]| {
        runtime.block_on(async {
            let mut other = PgCount::connect(pg.url(), quick(), None, None)
                .await
                .unwrap();
            let mp = ["mp".to_owned()];
            other.add(keys.iter().map(|k| (Tally::Letters(&mp), k.as_bytes())));
            assert_eq!(other.close(Duration::from_secs(10)).await, 0);
        });
    };
    other(&["other-1", "other-2"]);
    stack.submit(&requests);
    let log = stack.dir.path().join("postbag.log");
    let daemon = mailstack::Daemon::start(&config, &[], &log);
    let said = || std::fs::read_to_string(&log).unwrap_or_default();
    let people_shown = || {
        let (status, body) = http_get::http_get(port, "/stats.json");
        assert_eq!(status, 200, "{body}");
        let stats: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        stats["people_helped"].as_u64().expect("a number")
    };
    mailstack::wait_until("four replies", Duration::from_secs(120), || {
        stack.reply_count() == 4
    });
    // Three got letters (their postcodes are in the table), one help; the
    // endpoint shows them with the other instance's two.
    mailstack::wait_until("/stats.json to show 5", Duration::from_secs(30), || {
        people_shown() == 5
    });
    // The other instance counts one more: shown within the 15 s re-read.
    other(&["other-3"]);
    mailstack::wait_until("/stats.json to show 6", Duration::from_secs(30), || {
        people_shown() == 6
    });
    assert_eq!(daemon.stop(), Some(0), "{}", said());
    assert!(!said().contains("not counted"), "{}", said());
    let stats = mailstack::stats(&config);
    assert_eq!(stats["people_helped"], 6, "{stats}");
    assert_eq!(stats["help_replies"], 1, "{stats}");
    assert!(
        !stack.state_dir().join("counts.json").exists(),
        "the count is not kept in the state folder"
    );

    assert_eq!(
        pg.tables(),
        ["public.postbag_counts", "public.postbag_recent"]
    );
    let dump = pg.dump();
    assert!(dump.contains("people_helped"), "the dump holds the rows");
    assert_eq!(pg.sql("SELECT count(*) FROM postbag_recent").trim(), "7");
    let lower = dump.to_lowercase();
    for needle in &needles {
        let hex: String = needle.bytes().map(|b| format!("{b:02x}")).collect();
        assert!(
            !lower.contains(&needle.to_lowercase()) && !lower.contains(&hex),
            "{needle:?} is in the database"
        );
    }
    // Only counters: every name is one of the count's.
    for name in pg.sql("SELECT name FROM postbag_counts").lines() {
        assert!(
            matches!(name, "people_helped" | "help_replies" | "since")
                || name.starts_with("letter:"),
            "{name}"
        );
    }
}

#[test]
fn a_wrong_url_file_or_an_unreachable_server_stops_start_up_in_seconds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let password = dir.path().join("password");
    std::fs::write(&password, "a password").expect("write");
    let password = password.to_str().expect("utf-8");
    let state = dir.path().join("state");
    let state = state.to_str().expect("utf-8");
    let garbled = dir.path().join("garbled-url");
    std::fs::write(
        &garbled,
        "postgresql://postbag:s3cr3t@db.example:notaport/postbag",
    )
    .expect("write");
    let nowhere = dir.path().join("unreachable-url");
    // A closed port on loopback, and an address that swallows the SYN
    // (TEST-NET-1): both must fail within the connect timeout.
    std::fs::write(
        &nowhere,
        "postgresql://postbag:s3cr3t@192.0.2.1:5432/postbag?sslmode=disable",
    )
    .expect("write");
    // A server that takes the connection and never says a word: the
    // connect timeout (10 s) ends the wait.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let silent_url = dir.path().join("silent-url");
    std::fs::write(
        &silent_url,
        format!(
            "postgresql://postbag:s3cr3t@127.0.0.1:{}/postbag?sslmode=disable",
            silent.local_addr().expect("address").port()
        ),
    )
    .expect("write");
    let cases = [
        (
            silent_url.to_str().expect("utf-8"),
            "did not answer within 10 s",
        ),
        (
            "/no/such/url-file",
            "count.url_file: cannot read /no/such/url-file",
        ),
        (garbled.to_str().expect("utf-8"), "count.url_file"),
        (nowhere.to_str().expect("utf-8"), "count.url_file"),
    ];
    for (url_file, says) in cases {
        let started = Instant::now();
        let out = run::postbag(
            &["run", "--once"],
            &[
                ("POSTBAG_REPLY_SECRET", "count-test-secret-0123456789"),
                ("POSTBAG_IMAP__PASSWORD_FILE", password),
                ("POSTBAG_SMTP__PASSWORD_FILE", password),
                ("POSTBAG_STATE__DIR", state),
                ("POSTBAG_COUNT__STORE", "postgres"),
                ("POSTBAG_COUNT__URL_FILE", url_file),
            ],
        );
        let took = started.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(78), "{url_file}: {stderr}");
        assert!(stderr.contains(says), "{url_file}: {stderr}");
        assert!(
            !stderr.contains("s3cr3t"),
            "the password is never shown: {stderr}"
        );
        assert!(took < Duration::from_secs(15), "{url_file}: {took:?}");
    }
    // The environment variable, when there is no file: named too.
    let out = run::postbag(
        &["run", "--once"],
        &[
            ("POSTBAG_REPLY_SECRET", "count-test-secret-0123456789"),
            ("POSTBAG_IMAP__PASSWORD_FILE", password),
            ("POSTBAG_SMTP__PASSWORD_FILE", password),
            ("POSTBAG_STATE__DIR", state),
            ("POSTBAG_COUNT__STORE", "postgres"),
            (
                "POSTBAG_COUNT_URL",
                "postgresql://postbag:s3cr3t@127.0.0.1:1/postbag",
            ),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(78), "{stderr}");
    assert!(
        stderr.contains("count.url_file") && stderr.contains("POSTBAG_COUNT_URL"),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cr3t"), "{stderr}");
}

#[test]
fn a_crash_while_the_database_is_down_loses_nothing_the_next_start_writes_it() {
    let pg = Pg::start();
    let stack = mailstack::Stack::start();
    let config = stack.config(&[]);
    let mut text = std::fs::read_to_string(&config).expect("read postbag.toml");
    text.push_str(&pg.count_section());
    std::fs::write(&config, text).expect("write postbag.toml");
    let log = stack.dir.path().join("postbag.log");
    let spool = stack.state_dir().join(postbag::count::SPOOL_FILE);
    let asked = mailstack::requests("outage", 10);
    let daemon = mailstack::Daemon::start(&config, &[], &log);
    daemon.wait_open(Duration::from_secs(60));
    std::thread::scope(|scope| {
        // PostgreSQL stops for 25 s.
        scope.spawn(|| pg.restart(25));
        std::thread::sleep(Duration::from_secs(2));
        stack.submit(&asked);
        mailstack::wait_until("every request answered", Duration::from_secs(60), || {
            stack.reply_count() == asked.len()
        });
        mailstack::wait_until("the count kept on disk", Duration::from_secs(20), || {
            std::fs::read_to_string(&spool).is_ok_and(|s| s.matches("\"key\"").count() == 10)
        });
        // Every request removed once answered: a crash between a reply and
        // its request's removal would answer that one again, by design,
        // and this test is about the count, not that window.
        mailstack::wait_until("every request removed", Duration::from_secs(30), || {
            stack.campaign_total() == 0
        });
        // A crash before the database is back.
        daemon.kill();
    });
    let kept = std::fs::read_to_string(&spool).expect("the spool");
    for (address, _) in &asked {
        assert!(!kept.contains(address.as_str()), "{kept}");
    }
    assert_eq!(mailstack::people_helped(&config), 0, "nothing written yet");
    let daemon = mailstack::Daemon::start(&config, &[], &log);
    daemon.wait_open(Duration::from_secs(60));
    mailstack::wait_until("the count written", Duration::from_secs(30), || {
        mailstack::people_helped(&config) == 10
    });
    assert_eq!(daemon.stop(), Some(0), "{}", daemon_log(&log));
    assert!(!spool.exists(), "the spool is removed once written");
    assert_eq!(mailstack::people_helped(&config), 10);
    assert_eq!(stack.reply_count(), asked.len(), "nothing answered twice");
}

fn daemon_log(log: &std::path::Path) -> String {
    std::fs::read_to_string(log).unwrap_or_default()
}
