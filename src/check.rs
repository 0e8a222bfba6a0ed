//! `postbag check`: try each thing the daemon needs (templates, secret,
//! lookup, state folder, IMAP and its folders, SMTP) and say in plain
//! words what is wrong, naming the setting.

use std::sync::Arc;
use std::time::Duration;

use crate::config::{Config, CountStore, Grant, OAuth2Config, Provider, SmtpConfig};
use crate::daemon::pause::PauseReason;
use crate::letters::Templates;
use crate::lookup::setup;
use crate::mailbox::{Claim, ImapConnector, MailboxError};
use crate::oauth::TokenSource;
use crate::probe::probe;
use crate::screen::SenderAuth;
use crate::send::SmtpOutbox;

/// One line of `postbag check`.
#[derive(Debug)]
pub struct Finding {
    pub what: String,
    pub problem: Option<String>,
}

impl Finding {
    fn ok(what: impl Into<String>) -> Finding {
        Finding {
            what: what.into(),
            problem: None,
        }
    }

    fn problem(what: impl Into<String>, problem: impl Into<String>) -> Finding {
        Finding {
            what: what.into(),
            problem: Some(problem.into()),
        }
    }
}

/// Try everything the daemon needs and report each in plain words.
pub async fn check(config: &Config) -> Vec<Finding> {
    let mut findings = Vec::new();
    match Templates::load(&config.templates_dir, &config.campaign) {
        Ok(_) => findings.push(Finding::ok(format!(
            "templates: all {} letters and the replies render",
            config.campaign.letters.len()
        ))),
        Err(e) => findings.push(Finding::problem("templates", e.to_string())),
    }
    if let Some(problem) = calendar_problem(config) {
        findings.push(Finding::problem("calendar", problem));
    }
    if let Err(e) = config.require_secret() {
        findings.push(Finding::problem("reply secret", e.to_string()));
    }
    let today = config.today();
    match setup::open(&config.lookup, today) {
        Ok(lookups) => {
            findings.push(Finding::ok("MP lookup: the configured sources open"));
            for warning in lookups.warnings {
                findings.push(Finding::problem("MP lookup", warning));
            }
        }
        Err(e) => findings.push(Finding::problem("MP lookup", e.to_string())),
    }
    let shared = matches!(config.count, CountStore::Postgres { .. });
    if shared {
        findings.push(check_count_store(config).await);
    }
    match config.require_state_dir() {
        Ok(dir) => match crate::count::read(dir) {
            Ok(counts) => {
                findings.push(Finding::ok(if shared {
                    format!(
                        "state folder {}: usable (the pause and the day's send count; the count is in PostgreSQL)",
                        dir.display()
                    )
                } else {
                    format!(
                        "state folder {}: count readable ({} people helped)",
                        dir.display(),
                        counts.people_helped
                    )
                }));
                let now = jiff::Timestamp::now();
                let secs = u64::try_from(now.as_second()).unwrap_or(0);
                if let Some(paused) = crate::count::read_pause(dir, secs) {
                    let until = jiff::Timestamp::from_second(paused.until as i64)
                        .map(|t| {
                            t.to_zoned(config.time_zone.clone())
                                .strftime("%H:%M on %-d %B")
                                .to_string()
                        })
                        .unwrap_or_default();
                    findings.push(Finding::problem(
                        "sending",
                        format!("paused until {until} ({}): {}", paused.reason, paused.hint),
                    ));
                }
            }
            Err(e) => findings.push(Finding::problem("state folder", e.to_string())),
        },
        Err(e) => findings.push(Finding::problem("state folder", e.to_string())),
    }
    if config.provider != Provider::Generic {
        findings.push(Finding::ok(format!(
            "account.provider = {:?}: its servers, folders and limits are used where [imap] and [smtp] do not say",
            config.provider.as_str()
        )));
    }
    findings.push(Finding::ok(match &config.sender_auth {
        SenderAuth::Off => "sender authentication is off: anyone can have a reply sent to any address (see the README, \"Forged senders\", and set auth.trusted_authserv_id)".to_owned(),
        SenderAuth::AuthservId(id) => format!("sender authentication: {id}'s Authentication-Results decide, unauthenticated mail goes to review"),
        SenderAuth::Microsoft365 => "sender authentication: Exchange Online's Authentication-Results decide, unauthenticated mail goes to review".to_owned(),
    }));
    if let Some(http) = &config.http {
        findings.push(check_http(http));
    }
    let tokens = match &config.oauth2 {
        Some(oauth2) => check_oauth2(oauth2, &mut findings).await,
        None => None,
    };
    // Side by side: a server that stays silent costs its timeout once.
    let (mut imap_findings, mut smtp_findings) = (Vec::new(), Vec::new());
    tokio::join!(
        async {
            match config.require_imap() {
                Ok(imap) => {
                    check_imap(
                        imap,
                        tokens.clone(),
                        config.daemon.sharing.is_some(),
                        &mut imap_findings,
                    )
                    .await
                }
                Err(e) => imap_findings.push(Finding::problem("IMAP", e.to_string())),
            }
        },
        async {
            match config.require_smtp() {
                Ok(smtp) => {
                    check_smtp(smtp, config.domain(), tokens.clone(), &mut smtp_findings).await;
                }
                Err(e) => smtp_findings.push(Finding::problem("SMTP", e.to_string())),
            }
        }
    );
    findings.extend(imap_findings);
    findings.extend(smtp_findings);
    findings
}

/// `[count] store = "postgres"`: whether the connection string is there
/// and PostgreSQL answers with the shared count.
async fn check_count_store(config: &Config) -> Finding {
    let what = "count store (PostgreSQL)";
    let url = match config.require_count_url() {
        Ok(url) => url,
        Err(e) => return Finding::problem(what, e.to_string()),
    };
    match crate::count::postgres::read(url.as_str(), Duration::from_secs(10)).await {
        Ok(counts) => Finding::ok(format!(
            "{what}: answers, shared count readable ({} people helped)",
            counts.people_helped
        )),
        Err(e) => Finding::problem(
            what,
            format!(
                "the PostgreSQL that {} names does not answer: {e}",
                url.from
            ),
        ),
    }
}

/// Whether `http.listen` can be had. In use is not called a problem: the
/// running daemon holds it while `check` runs beside it.
fn check_http(http: &crate::config::HttpConfig) -> Finding {
    let addr = http.listen;
    match std::net::TcpListener::bind(addr) {
        Ok(_) => Finding::ok(format!(
            "http: /stats.json, /metrics, /healthz and /readyz will answer on {addr}"
        )),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => Finding::ok(format!(
            "http: {addr} is in use now: by the running postbag, or by another program (then choose another http.listen)"
        )),
        Err(e) => Finding::problem("http.listen", format!("cannot listen on {addr}: {e}")),
    }
}

/// Get a token as the daemon would: the sign-in that IMAP and SMTP then
/// use. `None` when none can be had (said in a finding).
async fn check_oauth2(
    oauth2: &OAuth2Config,
    findings: &mut Vec<Finding>,
) -> Option<Arc<TokenSource>> {
    let source = match TokenSource::new(oauth2) {
        Ok(source) => source,
        Err(e) => {
            findings.push(Finding::problem("OAuth2", e.to_string()));
            return None;
        }
    };
    if let Err(e) = source.require_tokens() {
        findings.push(Finding::problem("OAuth2", e.to_string()));
        return None;
    }
    match source.bearer().await {
        Ok(_) => {
            findings.push(Finding::ok(format!(
                "OAuth2: a token for {} from the {} grant",
                source.username(),
                match oauth2.grant {
                    Grant::RefreshToken { .. } => "refresh_token",
                    Grant::ClientCredentials => "client_credentials",
                    Grant::ServiceAccount { .. } => "service_account",
                }
            )));
            Some(Arc::new(source))
        }
        Err(e) => {
            findings.push(Finding::problem("OAuth2", e.to_string()));
            None
        }
    }
}

async fn check_smtp(
    smtp: &SmtpConfig,
    hello_name: &str,
    tokens: Option<Arc<TokenSource>>,
    findings: &mut Vec<Finding>,
) {
    let server = format!("SMTP {}:{}", smtp.server.host, smtp.server.port);
    if let Err(e) = probe(&smtp.server, "smtp").await {
        findings.push(Finding::problem(server, e.to_string()));
        return;
    }
    let outbox = match SmtpOutbox::new(smtp, hello_name, tokens) {
        Ok(outbox) => outbox,
        Err(e) => {
            findings.push(Finding::problem("SMTP", e.to_string()));
            return;
        }
    };
    match outbox.test_connection().await {
        Ok(()) => findings.push(Finding::ok(format!(
            "{server}: connected{}",
            if smtp.server.login.is_some() {
                " and logged in"
            } else {
                ""
            }
        ))),
        Err(e) => findings.push(Finding::problem(
            server,
            match PauseReason::of(e, Duration::ZERO) {
                Some((reason, _)) => format!("{e}: {}", reason.hint()),
                None => e.to_string(),
            },
        )),
    }
    if smtp.max_per_minute > 0 || smtp.max_per_day > 0 {
        findings.push(Finding::ok(format!(
            "SMTP: sending capped at {} a minute and {} a day (smtp.max_per_minute, smtp.max_per_day; 0 is no cap)",
            smtp.max_per_minute, smtp.max_per_day
        )));
    }
}

/// `shared`: several instances are to use the mailbox.
async fn check_imap(
    imap: &crate::config::ImapConfig,
    tokens: Option<Arc<TokenSource>>,
    shared: bool,
    findings: &mut Vec<Finding>,
) {
    let server = format!("IMAP {}:{}", imap.server.host, imap.server.port);
    if let Err(e) = probe(&imap.server, "imap").await {
        findings.push(Finding::problem(server, e.to_string()));
        return;
    }
    let connector = match ImapConnector::new(Arc::new(imap.clone()), tokens) {
        Ok(c) => c,
        Err(e) => {
            findings.push(Finding::problem(server, e.to_string()));
            return;
        }
    };
    let mut mailbox = match connector.connect().await {
        Ok(m) => m,
        Err(e) => {
            findings.push(Finding::problem(server, e.to_string()));
            return;
        }
    };
    findings.push(Finding::ok(format!(
        "{server}: logged in, {} selected",
        imap.mailbox
    )));
    let a = mailbox.abilities();
    for (has, name, without) in [
        (
            a.idle,
            "IDLE",
            "new mail is seen by polling every imap.poll_secs",
        ),
        (
            a.move_command,
            "MOVE",
            "mail is copied then deleted instead of moved",
        ),
    ] {
        findings.push(if has {
            Finding::ok(format!("{server}: {name}"))
        } else {
            Finding::problem(format!("{server}: {name}"), format!("missing; {without}"))
        });
    }
    findings.push(match a.claim {
        Claim::None => Finding::problem(format!("{server}: claims"), a.claim.describe(imap)),
        _ => Finding::ok(format!("{server}: claims {}", a.describe_claim(imap))),
    });
    if shared && !a.exclusive_claims() {
        findings.push(Finding::problem(
            format!("{server}: several instances"),
            MailboxError::NotShareable.to_string(),
        ));
    }
    match mailbox.folders().await {
        Ok(folders) => {
            let wanted = [
                ("imap.review_folder", Some(&imap.review_folder), true),
                ("imap.ignored_folder", imap.ignored_folder.as_ref(), true),
                ("imap.trash_folder", imap.trash_folder.as_ref(), false),
                ("imap.sent_folder", imap.sent_folder.as_ref(), false),
            ];
            for (field, name, created) in wanted {
                let Some(name) = name else { continue };
                findings.push(if folders.contains(name) {
                    Finding::ok(format!("{server}: folder {name:?} ({field})"))
                } else if created {
                    Finding::ok(format!(
                        "{server}: folder {name:?} ({field}) is missing; `run` creates it"
                    ))
                } else {
                    Finding::problem(
                        format!("{server}: {field}"),
                        format!("there is no folder {name:?}"),
                    )
                });
            }
        }
        Err(e) => findings.push(Finding::problem(server, e.to_string())),
    }
    crate::mailbox::Mailbox::close(mailbox).await;
}

/// Whether the bank holidays listed run out before a reminder postbag
/// would write today could fall: the date would then skip none of them.
fn calendar_problem(config: &Config) -> Option<String> {
    let campaign = &config.campaign;
    let months = campaign
        .letters
        .iter()
        .filter_map(|l| l.reminder.as_ref())
        .map(|r| r.after_months)
        .max()?;
    let needed = config
        .today()
        .checked_add(jiff::Span::new().months(i64::from(months) + 1))
        .ok()?;
    // A campaign that lists none chose weekends only.
    let last = campaign.working_days.last_listed()?;
    (last < needed).then(|| {
        format!(
            "calendar.bank_holidays in campaign.toml ends on {last}: add the coming year's from https://www.gov.uk/bank-holidays, or reminders will move past weekends only"
        )
    })
}
