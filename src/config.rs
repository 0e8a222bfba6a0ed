//! Configuration: the operator's `postbag.toml` and the campaign's
//! `campaign.toml`, read raw, then validated into typed settings.
//!
//! The raw structs mirror the files exactly (unknown keys are errors, so a
//! typo is caught rather than ignored). Validation turns them into
//! [`Config`], resolving paths against the file's own folder and checking
//! addresses, nations, variant counts and template files. Every error names
//! the file, the field and what is wrong. Any key of `postbag.toml` can be
//! overridden by an environment variable `POSTBAG_<SECTION>__<KEY>`.
//! Secrets never live in the file: they come from an environment variable
//! or a file named in it.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::campaign::Campaign;
use crate::email_address::is_email;
pub use crate::field::ConfigError;
use crate::field::field_error;

mod count;
mod daemon;
mod http;
mod lookup;
mod mail;
mod oauth;
mod provider;
mod servers;

pub use count::{COUNT_URL_ENV, CountStore, CountUrl};
pub use daemon::{DaemonConfig, LimitsConfig, Sharing};
pub use http::HttpConfig;
pub use lookup::{LookupConfig, LookupOverrides, MpSourceKind, PostcodeSourceKind};
pub use mail::{ClaimSetting, ImapConfig, SmtpConfig};
pub use oauth::{CLIENT_SECRET_ENV, Grant, LoginFlow, OAuth2Config};
pub use provider::{Preset, Provider};
pub use servers::{Login, Security, Server, known_mismatch, wrong_security_hint};

/// The environment variable holding the reply secret, if no file is given.
pub const SECRET_ENV: &str = "POSTBAG_REPLY_SECRET";

// ---- postbag.toml, raw -------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    campaign: RawCampaign,
    #[serde(default)]
    reply: RawReply,
    #[serde(default)]
    lookup: lookup::RawLookup,
    #[serde(default)]
    account: provider::RawAccount,
    oauth2: Option<oauth::RawOAuth2>,
    imap: Option<mail::RawImap>,
    smtp: Option<mail::RawSmtp>,
    #[serde(default)]
    state: daemon::RawState,
    #[serde(default)]
    count: count::RawCount,
    #[serde(default)]
    limits: daemon::RawLimits,
    #[serde(default)]
    auth: daemon::RawAuth,
    #[serde(default)]
    daemon: daemon::RawDaemon,
    http: Option<http::RawHttp>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaign {
    address: String,
    letters: PathBuf,
    templates: PathBuf,
    #[serde(default = "default_time_zone")]
    time_zone: String,
}

fn default_time_zone() -> String {
    "Europe/London".to_owned()
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReply {
    secret_file: Option<PathBuf>,
    max_message_bytes: Option<usize>,
}

// ---- validated -----------------------------------------------------------

/// Everything postbag needs to know, validated.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it was read from, for errors that name a field.
    pub file: PathBuf,
    /// The campaign address: supporters write to it, replies come from it.
    pub address: String,
    pub time_zone: jiff::tz::TimeZone,
    /// The templates in the campaign's language: `<templates>/<language>/`.
    pub templates_dir: PathBuf,
    pub campaign: Campaign,
    /// Key for the reply Message-ID HMAC; `None` if none was configured,
    /// or its file could not be read (then why is in
    /// `reply_secret_unread`).
    pub reply_secret: Option<Secret>,
    pub reply_secret_unread: Option<String>,
    pub max_message_bytes: usize,
    pub lookup: LookupConfig,
    /// The campaign mailbox; needed by `run` and `check`.
    /// Who runs the mailbox (`account.provider`).
    pub provider: Provider,
    /// Tokens instead of passwords (`[oauth2]`).
    pub oauth2: Option<OAuth2Config>,
    pub imap: Option<ImapConfig>,
    /// The relay for replies; needed by `run` and `check`.
    pub smtp: Option<SmtpConfig>,
    /// The state folder: the pause, the send count, and the (unwritten) count.
    pub state_dir: Option<PathBuf>,
    /// Where the count is kept (`[count]`).
    pub count: CountStore,
    pub limits: LimitsConfig,
    /// Answer only mail this server vouches for (`[auth]`, else the
    /// provider's own).
    pub sender_auth: crate::screen::SenderAuth,
    pub daemon: DaemonConfig,
    /// The HTTP listener (`[http]`), if one is wanted.
    pub http: Option<HttpConfig>,
}

/// A secret held in memory; its `Debug` does not show it.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Secret {
    pub fn new(bytes: Vec<u8>) -> Secret {
        Secret(bytes)
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl Config {
    /// Load `postbag.toml` at `path`, apply environment overrides from
    /// `env`, and load the campaign file it names.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the file and field at fault.
    pub fn load(
        path: &Path,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        Config::load_with(path, env, &LookupOverrides::default())
    }

    /// Like [`Config::load`], with lookup settings from the command line
    /// applied after the file and the environment, before the checks.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the file and field at fault.
    pub fn load_with(
        path: &Path,
        env: impl IntoIterator<Item = (String, String)>,
        overrides: &LookupOverrides,
    ) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            file: path.into(),
            source,
        })?;
        let mut value: toml::Table = toml::from_str(&text).map_err(|e| ConfigError::Syntax {
            file: path.into(),
            message: e.message().to_owned(),
        })?;
        apply_env_overrides(&mut value, env);
        let mut raw: RawConfig = serde_path_to_error::deserialize(toml::Value::Table(value))
            .map_err(|e| {
                let field = e.path().to_string();
                field_error(
                    path,
                    if field == "." {
                        "(top level)".to_owned()
                    } else {
                        field
                    },
                    e.into_inner().to_string(),
                )
            })?;
        overrides.apply(&mut raw.lookup);
        let base = path.parent().unwrap_or(Path::new("."));
        Config::validate(raw, path, base)
    }

    fn validate(raw: RawConfig, file: &Path, base: &Path) -> Result<Config, ConfigError> {
        let address = raw.campaign.address.trim().to_ascii_lowercase();
        if !is_email(&address) {
            return Err(field_error(
                file,
                "campaign.address",
                "not an email address",
            ));
        }
        let time_zone = jiff::tz::TimeZone::get(&raw.campaign.time_zone).map_err(|_| {
            field_error(
                file,
                "campaign.time_zone",
                "not a time zone name like Europe/London",
            )
        })?;
        let templates_root = base.join(&raw.campaign.templates);
        if !templates_root.is_dir() {
            return Err(field_error(
                file,
                "campaign.templates",
                format!("{} is not a folder", templates_root.display()),
            ));
        }
        let letters_path = base.join(&raw.campaign.letters);
        let campaign = Campaign::load(&letters_path, &templates_root)?;
        let templates_dir = templates_root.join(&campaign.language);
        // A file that cannot be read now is named when the secret is
        // needed (`run`, `check`), not here: under the systemd unit it
        // exists only while the service runs, and `stats` needs none.
        let mut reply_secret_unread = None;
        let reply_secret = match &raw.reply.secret_file {
            Some(secret_file) => {
                let secret_path = base.join(secret_file);
                match std::fs::read(&secret_path) {
                    Ok(bytes) => {
                        let trimmed = String::from_utf8_lossy(&bytes).trim().as_bytes().to_vec();
                        if trimmed.len() < 16 {
                            return Err(field_error(
                                file,
                                "reply.secret_file",
                                "the secret must be at least 16 characters",
                            ));
                        }
                        Some(Secret(trimmed))
                    }
                    Err(e) => {
                        reply_secret_unread =
                            Some(format!("cannot read {}: {e}", secret_path.display()));
                        None
                    }
                }
            }
            None => None,
        };
        let max_message_bytes = raw.reply.max_message_bytes.unwrap_or(1 << 20);
        if !(16 * 1024..=25 << 20).contains(&max_message_bytes) {
            return Err(field_error(
                file,
                "reply.max_message_bytes",
                "must be between 16384 and 26214400",
            ));
        }
        let lookup = lookup::validate_lookup(raw.lookup, file, base, &address)?;
        let account = provider::validate_account(raw.account, file)?;
        let state_dir = daemon::validate_state(raw.state, base);
        let oauth2 =
            oauth::validate_oauth2(raw.oauth2, &account, state_dir.as_deref(), file, base)?;
        let imap = mail::validate_imap(raw.imap, &account, oauth2.is_some(), file, base)?;
        let smtp = mail::validate_smtp(raw.smtp, &account, oauth2.is_some(), file, base)?;
        Ok(Config {
            file: file.to_owned(),
            provider: account.provider,
            imap,
            smtp,
            state_dir,
            count: count::validate_count(raw.count, file, base)?,
            oauth2,
            limits: daemon::validate_limits(raw.limits),
            sender_auth: daemon::validate_auth(raw.auth, account.provider, file)?,
            daemon: daemon::validate_daemon(raw.daemon, file)?,
            http: http::validate_http(raw.http, file)?,
            address,
            time_zone,
            templates_dir,
            campaign,
            reply_secret,
            reply_secret_unread,
            max_message_bytes,
            lookup,
        })
    }

    /// The `[imap]` section, which the daemon needs.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the missing section.
    pub fn require_imap(&self) -> Result<&ImapConfig, ConfigError> {
        self.imap
            .as_ref()
            .ok_or_else(|| self.missing("imap.host", "the [imap] section is needed to read mail"))
    }

    /// The `[smtp]` section, which the daemon needs.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the missing section.
    pub fn require_smtp(&self) -> Result<&SmtpConfig, ConfigError> {
        self.smtp.as_ref().ok_or_else(|| {
            self.missing("smtp.host", "the [smtp] section is needed to send replies")
        })
    }

    /// `state.dir`, where the count is kept.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the missing field.
    pub fn require_state_dir(&self) -> Result<&Path, ConfigError> {
        self.state_dir
            .as_deref()
            .ok_or_else(|| self.missing("state.dir", "needed: the folder where the count is kept"))
    }

    /// The reply secret, which the daemon needs.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the field.
    pub fn require_secret(&self) -> Result<&Secret, ConfigError> {
        self.reply_secret.as_ref().ok_or_else(|| match &self.reply_secret_unread {
            Some(why) => self.missing("reply.secret_file", why.clone()),
            None => self.missing(
                "reply.secret_file",
                format!("needed (or the environment variable {SECRET_ENV}): it keys reply Message-IDs, which stop a second reply after a restart"),
            ),
        })
    }

    fn missing(&self, field: &str, problem: impl Into<String>) -> ConfigError {
        field_error(&self.file, field, problem)
    }

    /// The domain of the campaign address, for Message-IDs.
    pub fn domain(&self) -> &str {
        crate::email_address::domain(&self.address).unwrap_or("localhost")
    }

    /// Today in the campaign's time zone.
    pub fn today(&self) -> jiff::civil::Date {
        self.now().date()
    }

    /// The time now in the campaign's time zone.
    pub fn now(&self) -> jiff::Zoned {
        jiff::Zoned::now().with_time_zone(self.time_zone.clone())
    }

    /// Use the secret from `POSTBAG_REPLY_SECRET` if no file gave one.
    pub fn with_env_secret(mut self, value: Option<String>) -> Config {
        if self.reply_secret.is_none()
            && let Some(v) = value.filter(|v| !v.trim().is_empty())
        {
            self.reply_secret = Some(Secret(v.trim().as_bytes().to_vec()));
        }
        self
    }
}

/// Apply `POSTBAG_<SECTION>__<KEY>=value` overrides. A value takes the type
/// of the key it replaces (integer, boolean), or is a string for a new key,
/// unless it reads as an integer or boolean.
fn apply_env_overrides(table: &mut toml::Table, env: impl IntoIterator<Item = (String, String)>) {
    for (name, raw) in env {
        let Some(rest) = name.strip_prefix("POSTBAG_") else {
            continue;
        };
        let Some((section, key)) = rest.split_once("__") else {
            continue;
        };
        let (section, key) = (section.to_ascii_lowercase(), key.to_ascii_lowercase());
        let entry = table
            .entry(section)
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let Some(section) = entry.as_table_mut() else {
            continue;
        };
        let value = match section.get(&key) {
            Some(toml::Value::String(_)) => toml::Value::String(raw),
            // A list is written comma-separated: `offline,postcodes_io`.
            Some(toml::Value::Array(_)) => toml::Value::Array(
                raw.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| toml::Value::String(s.to_owned()))
                    .collect(),
            ),
            Some(toml::Value::Integer(_)) => raw
                .parse()
                .map(toml::Value::Integer)
                .unwrap_or(toml::Value::String(raw)),
            Some(toml::Value::Boolean(_)) => raw
                .parse()
                .map(toml::Value::Boolean)
                .unwrap_or(toml::Value::String(raw)),
            _ => raw
                .parse()
                .map(toml::Value::Integer)
                .or_else(|_| raw.parse().map(toml::Value::Boolean))
                .unwrap_or(toml::Value::String(raw)),
        };
        section.insert(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("config/postbag.example.toml")
    }

    #[test]
    fn the_shipped_example_config_loads() {
        let config = Config::load(&example(), []).expect("example config is valid");
        assert_eq!(config.address, "letters@notwithmynhsdata.org");
        assert_eq!(config.campaign.letters.len(), 5);
        assert!(config.reply_secret.is_none());
    }

    #[test]
    fn command_line_lookup_settings_are_checked_like_the_file() {
        let with = |overrides: LookupOverrides| {
            Config::load_with(&example(), [], &overrides).map(|c| c.lookup)
        };
        let table = with(LookupOverrides {
            table: Some("config/sample-lookup.csv".into()),
            data_dir: None,
        })
        .expect("a table relative to the working folder");
        assert_eq!(table.postcode_sources, [PostcodeSourceKind::Table]);
        assert!(table.table.as_ref().is_some_and(|t| t.is_absolute()));
        let missing = with(LookupOverrides {
            table: Some("no/such.csv".into()),
            data_dir: None,
        })
        .expect_err("no such table")
        .to_string();
        assert!(missing.contains("lookup.table: "), "{missing}");
        assert!(missing.contains("no/such.csv is not a file"), "{missing}");

        // A data folder turns the example's table-only lookup to the
        // offline data.
        assert_eq!(
            Config::load(&example(), [])
                .expect("example")
                .lookup
                .postcode_sources,
            [PostcodeSourceKind::Table]
        );
        let offline = with(LookupOverrides {
            table: None,
            data_dir: Some("lookup-data".into()),
        })
        .expect("offline");
        assert_eq!(offline.postcode_sources, [PostcodeSourceKind::Offline]);
        assert!(
            offline
                .data_dir
                .is_some_and(|d| d.is_absolute() && d.ends_with("lookup-data"))
        );
    }

    #[test]
    fn environment_overrides_replace_keys() {
        let env = [
            (
                "POSTBAG_CAMPAIGN__ADDRESS".to_owned(),
                "Other@Example.org".to_owned(),
            ),
            (
                "POSTBAG_REPLY__MAX_MESSAGE_BYTES".to_owned(),
                "65536".to_owned(),
            ),
            ("UNRELATED".to_owned(), "x".to_owned()),
        ];
        let config = Config::load(&example(), env).expect("valid");
        assert_eq!(config.address, "other@example.org");
        assert_eq!(config.max_message_bytes, 65536);
    }

    #[test]
    fn errors_name_file_and_field() {
        let bad = |key: &str, value: &str| {
            let env = [(format!("POSTBAG_{key}"), value.to_owned())];
            Config::load(&example(), env)
                .expect_err("invalid")
                .to_string()
        };
        assert!(
            bad("CAMPAIGN__ADDRESS", "nope")
                .ends_with("postbag.example.toml: campaign.address: not an email address")
        );
        assert!(bad("CAMPAIGN__TIME_ZONE", "Mars/Base").contains("campaign.time_zone"));
        assert!(bad("REPLY__MAX_MESSAGE_BYTES", "10").contains("reply.max_message_bytes"));
        assert!(bad("CAMPAIGN__ADRESS", "x").contains("adress"));
        assert!(bad("LOOKUP__TABLE", "missing.csv").contains("lookup.table"));
        assert!(
            bad("LOOKUP__POSTCODE_SOURCES", "offline,postcodes_io")
                .contains("lookup.postcode_sources: postcodes_io sends")
        );
        assert!(
            bad("LOOKUP__POSTCODE_SOURCES", "offline,magic").contains("lookup.postcode_sources[1]")
        );
        assert!(bad("LOOKUP__MEMBERS_API_URL", "ftp://x").contains("lookup.members_api_url"));
        assert!(bad("LOOKUP__TIMEOUT_SECS", "0").contains("lookup.timeout_secs"));
    }
}
