//! OAuth2 sign-in against the real servers: the test Dovecot checks
//! bearer tokens with a token server these tests run
//! (`tests/common/token_server.rs`), and Postfix's submission asks
//! Dovecot, so SASL XOAUTH2 is taken or refused on IMAP and SMTP as that
//! server says. Each grant postbag offers signs in and every request is
//! answered; a token refused at sign-in is renewed once; tokens near
//! their end are refreshed, and a rotated refresh token is the one kept;
//! a revoked grant stops postbag with what to do.

#[path = "common/mailstack.rs"]
mod mailstack;
#[path = "common/run.rs"]
mod run;
#[path = "common/token_server.rs"]
mod token_server;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use mailstack::{Daemon, POSTBAG, Stack, people_helped, requests, state, wait_for};
use token_server::{CLIENT_ID, CLIENT_SECRET, TokenServer};

const WAIT: Duration = Duration::from_secs(120);
const SHORT: Duration = Duration::from_secs(30);

/// The stack's configuration with its passwords taken out and `[oauth2]`
/// (with `oauth2`'s lines) in their place.
fn oauth2_config(stack: &Stack, server: &TokenServer, oauth2: &str) -> PathBuf {
    let path = stack.config(&[]);
    let text = std::fs::read_to_string(&path).expect("read");
    let password = format!(
        "password_file = \"{}\"\n",
        stack.get("MAILSTACK_CAMPAIGN_PASSWORD_FILE")
    );
    assert!(text.contains(&password));
    let text = text.replace(&password, "");
    let text = format!(
        "{text}\n[account]\nusername = \"letters@campaign.test\"\n\n[oauth2]\nclient_id = \"{CLIENT_ID}\"\ntoken_url = \"{}\"\ndevice_url = \"{}\"\n{oauth2}\n",
        server.url("token"),
        server.url("devicecode"),
    );
    std::fs::write(&path, text).expect("write");
    path
}

/// `postbag ARGS --config CONFIG`, waited for.
fn postbag(config: &Path, args: &[&str]) -> std::process::Output {
    let path = config.display().to_string();
    let args: Vec<&str> = args.iter().copied().chain(["--config", &path]).collect();
    run::postbag(&args, &[])
}

/// Sign in as a person would, by the device code.
fn sign_in(config: &Path) -> String {
    let out = postbag(config, &["auth", "login"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

fn token_file(stack: &Stack) -> PathBuf {
    stack.state_dir().join("oauth2-tokens.json")
}

/// The refresh token on disk is one the server still takes: with
/// rotation, the newest.
fn assert_kept_token_is_live(stack: &Stack, server: &TokenServer) {
    let kept = kept_refresh_token(stack);
    assert!(
        server.live_refresh_tokens().contains(&kept),
        "the token file holds a refresh token the server no longer takes"
    );
}

fn kept_refresh_token(stack: &Stack) -> String {
    let text = std::fs::read_to_string(token_file(stack)).expect("the token file");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    json["refresh_token"]
        .as_str()
        .expect("a refresh token")
        .to_owned()
}

/// Deliver `n` requests and answer them with `run --once`.
fn answer(stack: &Stack, config: &Path, prefix: &str, n: usize) -> Option<i32> {
    let log = stack.dir.path().join(format!("{prefix}.log"));
    let before = stack.reply_count();
    stack.submit(&requests(prefix, n));
    wait_for(stack, &log, "delivery to the campaign", SHORT, || {
        stack.campaign_total() == n
    });
    let code = Daemon::start(config, &["--once"], &log).wait(WAIT);
    if code == Some(0) {
        wait_for(stack, &log, "the replies", WAIT, || {
            stack.reply_count() == before + n
        });
    }
    code
}

#[test]
fn a_device_sign_in_then_every_request_is_answered_over_xoauth2() {
    let stack = Stack::start();
    let server = TokenServer::start(stack.port("MAILSTACK_OAUTH_PORT"));
    let config = oauth2_config(&stack, &server, "grant = \"refresh_token\"");

    let shown = sign_in(&config);
    assert!(
        shown.contains("enter the code TEST-CODE") && shown.contains("Signed in"),
        "{shown}"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(token_file(&stack))
        .expect("the token file")
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "readable by others: {mode:o}");
    assert_kept_token_is_live(&stack, &server);

    let out = postbag(&config, &["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("OAuth2: a token for letters@campaign.test"),
        "{text}"
    );

    assert_eq!(answer(&stack, &config, "xoauth", 3), Some(0));
    assert_eq!(people_helped(&config), 3);
    let (active, _) = server.with(|t| t.introspected);
    assert!(active >= 3, "IMAP and SMTP signed in with tokens: {active}");
    let postfix = std::fs::read_to_string(stack.get("MAILSTACK_POSTFIX_LOG")).unwrap_or_default();
    assert!(postfix.contains("sasl_method=XOAUTH2"), "{postfix}");
    // Rotation: the refresh token kept is the one that works now.
    assert_kept_token_is_live(&stack, &server);
}

#[test]
fn a_browser_sign_in_with_pkce_comes_back_to_the_loopback_port() {
    use std::io::{BufRead, BufReader, Read, Write};
    let stack = Stack::start();
    let server = TokenServer::start(stack.port("MAILSTACK_OAUTH_PORT"));
    let config = oauth2_config(
        &stack,
        &server,
        &format!(
            "grant = \"refresh_token\"\nlogin_flow = \"browser\"\nauth_url = \"{}\"",
            server.url("authorize")
        ),
    );
    let mut login = Command::new(POSTBAG)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["auth", "login", "--config"])
        .arg(&config)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("postbag auth login");
    let mut lines = BufReader::new(login.stdout.take().expect("stdout")).lines();
    let address = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.starts_with(&server.url("authorize")))
        .expect("the address to open");
    // The browser: the provider signs the person in and sends it back.
    let url = url::Url::parse(&address).expect("an address");
    let get = |key: &str| {
        url.query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    assert_eq!(get("code_challenge_method"), "S256");
    assert_eq!(get("access_type"), "offline");
    let redirect = get("redirect_uri");
    assert!(redirect.starts_with("http://127.0.0.1:"), "{redirect}");
    server.with(|t| {
        t.codes.insert(
            "browser-code".to_owned(),
            (get("code_challenge"), redirect.clone()),
        )
    });
    let back = url::Url::parse(&redirect).expect("the loopback address");
    let mut browser = std::net::TcpStream::connect(("127.0.0.1", back.port().expect("a port")))
        .expect("the loopback port");
    // In two pieces, as a slow network may deliver it.
    let request = format!(
        "GET /?code=browser-code&state={} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        get("state")
    );
    let (first, rest) = request.split_at(20);
    browser.write_all(first.as_bytes()).expect("the redirect");
    browser.flush().expect("the redirect");
    std::thread::sleep(std::time::Duration::from_millis(200));
    browser.write_all(rest.as_bytes()).expect("the redirect");
    let mut page = String::new();
    let _ = browser.read_to_string(&mut page);
    assert!(page.contains("signed in"), "{page}");
    assert!(login.wait().expect("login").success());
    assert_kept_token_is_live(&stack, &server);
    assert_eq!(answer(&stack, &config, "browser", 1), Some(0));
}

#[test]
fn a_token_refused_at_sign_in_is_renewed_once_on_imap_and_on_smtp() {
    let stack = Stack::start();
    let server = TokenServer::start(stack.port("MAILSTACK_OAUTH_PORT"));
    let config = oauth2_config(&stack, &server, "grant = \"refresh_token\"");
    sign_in(&config);

    // The first token is revoked before IMAP uses it.
    server.with(|t| t.spoil_next = Some(0));
    assert_eq!(answer(&stack, &config, "imap", 2), Some(0));
    assert_eq!(
        server.granted("refresh_token"),
        2,
        "one at start, one renewal"
    );

    // The next is good for IMAP's sign-in only: SMTP's is refused.
    server.with(|t| t.spoil_next = Some(1));
    assert_eq!(answer(&stack, &config, "smtp", 2), Some(0));
    assert_eq!(server.granted("refresh_token"), 4);
    assert_eq!(people_helped(&config), 4);
    assert_kept_token_is_live(&stack, &server);
}

#[test]
fn tokens_near_their_end_are_refreshed_and_the_rotated_refresh_token_kept() {
    let stack = Stack::start();
    let server = TokenServer::start(stack.port("MAILSTACK_OAUTH_PORT"));
    let config = oauth2_config(&stack, &server, "grant = \"refresh_token\"");
    sign_in(&config);
    let first = kept_refresh_token(&stack);
    // Five minutes is postbag's margin: every token is near its end.
    server.with(|t| t.expires_in = 300);
    assert_eq!(answer(&stack, &config, "fresh", 3), Some(0));
    let refreshes = server.granted("refresh_token");
    assert!(refreshes >= 3, "refreshed {refreshes} times");
    let kept = kept_refresh_token(&stack);
    assert_ne!(kept, first);
    assert_eq!(server.live_refresh_tokens(), [kept], "only the last works");
    assert_eq!(server.with(|t| t.refused_grants), 0);
}

#[test]
fn a_revoked_grant_stops_postbag_with_what_to_do_and_a_new_sign_in_mends_it() {
    let stack = Stack::start();
    let server = TokenServer::start(stack.port("MAILSTACK_OAUTH_PORT"));
    let config = oauth2_config(&stack, &server, "grant = \"refresh_token\"");
    sign_in(&config);
    server.revoke_all();

    let log = stack.dir.path().join("revoked.log");
    stack.submit(&requests("revoked", 2));
    wait_for(&stack, &log, "delivery to the campaign", SHORT, || {
        stack.campaign_total() == 2
    });
    let code = Daemon::start(&config, &["--once"], &log).wait(WAIT);
    assert_eq!(code, Some(78), "{}", state(&stack, &log));
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(
        text.contains("invalid_grant") && text.contains("postbag auth login"),
        "{text}"
    );
    assert_eq!(stack.reply_count(), 0);
    assert_eq!(stack.count("MAILSTACK_MAILDIR_CAMPAIGN", "INBOX"), 2);
    let out = postbag(&config, &["check"]);
    let checked = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(78), "{checked}");
    assert!(
        checked.contains("PROBLEM  OAuth2") && checked.contains("postbag auth login"),
        "{checked}"
    );

    sign_in(&config);
    let code = Daemon::start(&config, &["--once"], &log).wait(WAIT);
    assert_eq!(code, Some(0), "{}", state(&stack, &log));
    wait_for(&stack, &log, "the replies", WAIT, || {
        stack.reply_count() == 2
    });
    assert_eq!(people_helped(&config), 2);
}

#[test]
fn app_only_and_service_account_grants_sign_in_without_a_person() {
    let stack = Stack::start();
    let server = TokenServer::start(stack.port("MAILSTACK_OAUTH_PORT"));

    // Microsoft 365 app-only: the client's own secret, from a file.
    let secret = stack.dir.path().join("client-secret");
    std::fs::write(&secret, format!("{CLIENT_SECRET}\n")).expect("secret");
    let config = oauth2_config(
        &stack,
        &server,
        &format!(
            "grant = \"client_credentials\"\nclient_secret_file = \"{}\"",
            secret.display()
        ),
    );
    assert_eq!(answer(&stack, &config, "app", 2), Some(0));
    assert!(server.granted("client_credentials") >= 1);

    // A Google Workspace service account: a JWT its key signs, for the
    // mailbox's user.
    let rng = aws_lc_rs::rand::SystemRandom::new();
    let _ = rng;
    let pair = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).expect("key");
    let pkcs8 = aws_lc_rs::encoding::AsDer::<aws_lc_rs::encoding::Pkcs8V1Der<'_>>::as_der(&pair)
        .expect("PKCS#8");
    use aws_lc_rs::signature::KeyPair as _;
    server.with(|t| t.service_key = Some(pair.public_key().as_ref().to_vec()));
    let pem = pem_block("PRIVATE KEY", pkcs8.as_ref());
    let key_file = stack.dir.path().join("service-account.json");
    let key = serde_json::json!({
        "type": "service_account",
        "client_email": "postbag@campaign-test.iam.gserviceaccount.com",
        "private_key_id": "test-key",
        "private_key": pem,
        "token_uri": server.url("token"),
    });
    std::fs::write(&key_file, key.to_string()).expect("key file");
    let config = oauth2_config(
        &stack,
        &server,
        &format!(
            "grant = \"service_account\"\nkey_file = \"{}\"\nscopes = [\"https://mail.google.com/\"]",
            key_file.display()
        ),
    );
    assert_eq!(answer(&stack, &config, "service", 2), Some(0));
    assert!(server.granted("urn:ietf:params:oauth:grant-type:jwt-bearer") >= 1);
    assert_eq!(people_helped(&config), 4);

    // A key the server does not know: refused, with what to check.
    server.with(|t| t.service_key = Some(vec![0; 270]));
    let out = postbag(&config, &["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(78), "{text}");
    assert!(
        text.contains("invalid_grant") && text.contains("domain-wide delegation"),
        "{text}"
    );
}

/// PEM armour for DER bytes.
fn pem_block(label: &str, der: &[u8]) -> String {
    use base64::Engine as _;
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).expect("ASCII"))
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}
