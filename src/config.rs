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

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::failure::{Classify, FailureClass};
use crate::lookup::Nation;

mod mail;

pub use mail::{DaemonConfig, ImapConfig, LimitsConfig, Login, Security, Server, SmtpConfig};

/// The environment variable holding the reply secret, if no file is given.
pub const SECRET_ENV: &str = "POSTBAG_REPLY_SECRET";

/// A configuration problem, naming where it is.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    Syntax { file: PathBuf, message: String },
    #[error("{file}: {field}: {problem}")]
    Field {
        file: PathBuf,
        field: String,
        problem: String,
    },
}

impl Classify for ConfigError {
    fn class(&self) -> FailureClass {
        FailureClass::Config
    }
}

fn field_error(file: &Path, field: impl Into<String>, problem: impl Into<String>) -> ConfigError {
    ConfigError::Field {
        file: file.to_owned(),
        field: field.into(),
        problem: problem.into(),
    }
}

// ---- postbag.toml, raw -------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    campaign: RawCampaign,
    #[serde(default)]
    reply: RawReply,
    #[serde(default)]
    lookup: RawLookup,
    imap: Option<mail::RawImap>,
    smtp: Option<mail::RawSmtp>,
    #[serde(default)]
    state: mail::RawState,
    #[serde(default)]
    limits: mail::RawLimits,
    #[serde(default)]
    auth: mail::RawAuth,
    #[serde(default)]
    daemon: mail::RawDaemon,
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

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLookup {
    postcode_sources: Option<List>,
    mp_sources: Option<List>,
    keep_postcodes_local: Option<bool>,
    data_dir: Option<PathBuf>,
    table: Option<PathBuf>,
    mp_data_max_age_days: Option<u32>,
    dissolved: Option<bool>,
    contact: Option<String>,
    postcodes_io_url: Option<String>,
    members_api_url: Option<String>,
    connect_timeout_secs: Option<u64>,
    timeout_secs: Option<u64>,
    cache_ttl_secs: Option<u64>,
}

/// A list of names, as a TOML array or (from the environment) a
/// comma-separated string.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum List {
    Array(Vec<String>),
    Commas(String),
}

impl List {
    fn into_vec(self) -> Vec<String> {
        match self {
            List::Array(v) => v,
            List::Commas(s) => s
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

// ---- campaign.toml, raw ------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaignFile {
    campaign: RawCampaignInfo,
    letters: Vec<RawLetter>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaignInfo {
    name: String,
    website: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLetter {
    id: String,
    title: String,
    recipient: String,
    #[serde(default)]
    to: Vec<String>,
    #[serde(default)]
    cc: Vec<String>,
    delivery_note: Option<String>,
    template: String,
    nations: Vec<String>,
    elsewhere_note: Option<String>,
    #[serde(default)]
    variants: BTreeMap<String, u8>,
    reminder: Option<RawReminder>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReminder {
    after_months: u8,
    summary: String,
    description: String,
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
    pub templates_dir: PathBuf,
    pub campaign: Campaign,
    /// Key for the reply Message-ID HMAC; `None` if none was configured.
    pub reply_secret: Option<Secret>,
    pub max_message_bytes: usize,
    pub lookup: LookupConfig,
    /// The campaign mailbox; needed by `run` and `check`.
    pub imap: Option<ImapConfig>,
    /// The relay for replies; needed by `run` and `check`.
    pub smtp: Option<SmtpConfig>,
    /// Where the count is kept; needed by `run` and `stats`.
    pub state_dir: Option<PathBuf>,
    pub limits: LimitsConfig,
    /// Answer only mail this server vouches for (`[auth]`).
    pub trusted_authserv_id: Option<String>,
    pub daemon: DaemonConfig,
}

/// Where and how MPs are looked up.
#[derive(Clone, Debug)]
pub struct LookupConfig {
    /// Where a postcode's seat is looked up, in order.
    pub postcode_sources: Vec<PostcodeSourceKind>,
    /// Where a seat's MP is looked up, in order.
    pub mp_sources: Vec<MpSourceKind>,
    /// Never send a supporter's postcode to an outside service.
    pub keep_postcodes_local: bool,
    /// The folder of the offline index and MP list.
    pub data_dir: Option<PathBuf>,
    /// The CSV of the `table` source.
    pub table: Option<PathBuf>,
    /// Warn when the MP list is older than this.
    pub mp_data_max_age_days: u32,
    /// Parliament is dissolved: no seat has an MP until the election.
    pub dissolved: bool,
    /// Named in the User-Agent, so the services can reach the operator.
    pub contact: String,
    pub postcodes_io_url: String,
    pub members_api_url: String,
    pub connect_timeout: std::time::Duration,
    pub timeout: std::time::Duration,
    /// How long a seat's MP, fetched online, is reused.
    pub cache_ttl: std::time::Duration,
}

/// A postcode → seat source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostcodeSourceKind {
    Offline,
    PostcodesIo,
    Table,
}

/// A seat → MP source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MpSourceKind {
    Offline,
    MembersApi,
}

impl LookupConfig {
    /// The offline data folder: `--data-dir` if given, else the config's.
    pub fn data_dir_or(&self, given: Option<&Path>) -> Option<PathBuf> {
        given.map(Path::to_owned).or_else(|| self.data_dir.clone())
    }

    /// Whether any source needs the offline data.
    pub fn uses_offline(&self) -> bool {
        self.postcode_sources.contains(&PostcodeSourceKind::Offline)
    }
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

/// The campaign: its name and its letters, in order.
#[derive(Clone, Debug)]
pub struct Campaign {
    pub name: String,
    pub website: Option<String>,
    pub letters: Vec<LetterSpec>,
}

/// One letter of the campaign.
#[derive(Clone, Debug)]
pub struct LetterSpec {
    pub id: String,
    pub title: String,
    pub recipient: Recipient,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub delivery_note: Option<String>,
    /// Template name, relative to the templates folder.
    pub template: String,
    pub regions: Vec<Region>,
    pub elsewhere_note: Option<String>,
    /// Variant slots and how many wordings each has, in name order.
    pub variants: Vec<(String, u8)>,
    pub reminder: Option<Reminder>,
}

/// Who a letter is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recipient {
    /// The supporter's MP, from the lookup.
    Mp,
    /// A fixed recipient, by name.
    Named(String),
}

/// Where a supporter lives, as letters see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Nation(Nation),
    /// A place with a postcode but no Westminster seat.
    NoSeat,
}

impl Region {
    /// The code used in config and templates.
    pub fn code(self) -> &'static str {
        match self {
            Region::Nation(n) => n.code(),
            Region::NoSeat => "none",
        }
    }

    /// The region of a nation, or of a place with no seat.
    pub fn of(nation: Option<Nation>) -> Region {
        nation.map_or(Region::NoSeat, Region::Nation)
    }

    /// All regions, for rendering every template in every one at start-up.
    pub const ALL: [Region; 5] = [
        Region::Nation(Nation::England),
        Region::Nation(Nation::Scotland),
        Region::Nation(Nation::Wales),
        Region::Nation(Nation::NorthernIreland),
        Region::NoSeat,
    ];
}

/// A calendar reminder attached for a letter with a deadline.
#[derive(Clone, Debug)]
pub struct Reminder {
    pub after_months: u8,
    pub summary: String,
    pub description: String,
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
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            file: path.into(),
            source,
        })?;
        let mut value: toml::Table = toml::from_str(&text).map_err(|e| ConfigError::Syntax {
            file: path.into(),
            message: e.message().to_owned(),
        })?;
        apply_env_overrides(&mut value, env);
        let raw: RawConfig =
            serde_path_to_error::deserialize(toml::Value::Table(value)).map_err(|e| {
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
        let templates_dir = base.join(&raw.campaign.templates);
        if !templates_dir.is_dir() {
            return Err(field_error(
                file,
                "campaign.templates",
                format!("{} is not a folder", templates_dir.display()),
            ));
        }
        let letters_path = base.join(&raw.campaign.letters);
        let campaign = load_campaign(&letters_path, &templates_dir)?;
        let reply_secret = match &raw.reply.secret_file {
            Some(secret_file) => {
                let secret_path = base.join(secret_file);
                let bytes = std::fs::read(&secret_path).map_err(|e| {
                    field_error(
                        file,
                        "reply.secret_file",
                        format!("cannot read {}: {e}", secret_path.display()),
                    )
                })?;
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
        let lookup = validate_lookup(raw.lookup, file, base, &address)?;
        let imap = raw
            .imap
            .map(|r| mail::validate_imap(r, file, base))
            .transpose()?;
        let smtp = raw
            .smtp
            .map(|r| mail::validate_smtp(r, file, base))
            .transpose()?;
        Ok(Config {
            file: file.to_owned(),
            imap,
            smtp,
            state_dir: mail::validate_state(raw.state, base),
            limits: mail::validate_limits(raw.limits),
            trusted_authserv_id: mail::validate_auth(raw.auth, file)?,
            daemon: mail::validate_daemon(raw.daemon, file)?,
            address,
            time_zone,
            templates_dir,
            campaign,
            reply_secret,
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
        self.reply_secret.as_ref().ok_or_else(|| {
            self.missing(
                "reply.secret_file",
                format!("needed (or the environment variable {SECRET_ENV}): it keys reply Message-IDs, which stop a second reply after a restart"),
            )
        })
    }

    fn missing(&self, field: &str, problem: impl Into<String>) -> ConfigError {
        field_error(&self.file, field, problem)
    }

    /// The domain of the campaign address, for Message-IDs.
    pub fn domain(&self) -> &str {
        self.address
            .rsplit_once('@')
            .map_or("localhost", |(_, d)| d)
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

fn validate_lookup(
    raw: RawLookup,
    file: &Path,
    base: &Path,
    address: &str,
) -> Result<LookupConfig, ConfigError> {
    let table = raw.table.map(|t| base.join(t));
    if let Some(table) = &table
        && !table.is_file()
    {
        return Err(field_error(
            file,
            "lookup.table",
            format!("{} is not a file", table.display()),
        ));
    }
    let default_postcodes = if table.is_some() { "table" } else { "offline" };
    let postcode_sources = raw
        .postcode_sources
        .map_or_else(|| vec![default_postcodes.to_owned()], List::into_vec);
    let mut postcodes = Vec::new();
    for (i, name) in postcode_sources.iter().enumerate() {
        postcodes.push(match name.as_str() {
            "offline" => PostcodeSourceKind::Offline,
            "postcodes_io" => PostcodeSourceKind::PostcodesIo,
            "table" => PostcodeSourceKind::Table,
            _ => {
                return Err(field_error(
                    file,
                    format!("lookup.postcode_sources[{i}]"),
                    "must be offline, postcodes_io or table",
                ));
            }
        });
    }
    if postcodes.is_empty() {
        return Err(field_error(file, "lookup.postcode_sources", "is empty"));
    }
    let mp_sources = raw.mp_sources.map_or_else(
        || vec!["offline".to_owned(), "members_api".to_owned()],
        List::into_vec,
    );
    let mut mps = Vec::new();
    for (i, name) in mp_sources.iter().enumerate() {
        mps.push(match name.as_str() {
            "offline" => MpSourceKind::Offline,
            "members_api" => MpSourceKind::MembersApi,
            _ => {
                return Err(field_error(
                    file,
                    format!("lookup.mp_sources[{i}]"),
                    "must be offline or members_api",
                ));
            }
        });
    }
    let keep_postcodes_local = raw.keep_postcodes_local.unwrap_or(true);
    if keep_postcodes_local && postcodes.contains(&PostcodeSourceKind::PostcodesIo) {
        return Err(field_error(
            file,
            "lookup.postcode_sources",
            "postcodes_io sends supporters' postcodes off the server, which lookup.keep_postcodes_local = true forbids",
        ));
    }
    if postcodes.contains(&PostcodeSourceKind::Table) && table.is_none() {
        return Err(field_error(
            file,
            "lookup.table",
            "needed by the table source in lookup.postcode_sources",
        ));
    }
    let needs_mps = postcodes.iter().any(|p| *p != PostcodeSourceKind::Table);
    if needs_mps && mps.is_empty() {
        return Err(field_error(
            file,
            "lookup.mp_sources",
            "is empty, but the postcode sources give seats without MPs",
        ));
    }
    let url = |field: &str, value: Option<String>, default: &str| {
        let value = value.unwrap_or_else(|| default.to_owned());
        let ok = reqwest::Url::parse(&value)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host());
        if ok {
            Ok(value)
        } else {
            Err(field_error(file, field, "not an http(s) URL"))
        }
    };
    let seconds = |field: &str, value: Option<u64>, default: u64, max: u64| {
        let value = value.unwrap_or(default);
        if (1..=max).contains(&value) {
            Ok(std::time::Duration::from_secs(value))
        } else {
            Err(field_error(
                file,
                field,
                format!("must be between 1 and {max} seconds"),
            ))
        }
    };
    let contact = raw.contact.unwrap_or_else(|| address.to_owned());
    if contact.trim().is_empty() || contact.contains(|c: char| c.is_control()) {
        return Err(field_error(
            file,
            "lookup.contact",
            "must be an email address or URL on one line",
        ));
    }
    Ok(LookupConfig {
        postcode_sources: postcodes,
        mp_sources: mps,
        keep_postcodes_local,
        data_dir: raw.data_dir.map(|d| base.join(d)),
        table,
        mp_data_max_age_days: raw.mp_data_max_age_days.unwrap_or(30),
        dissolved: raw.dissolved.unwrap_or(false),
        contact,
        postcodes_io_url: url(
            "lookup.postcodes_io_url",
            raw.postcodes_io_url,
            crate::lookup::postcodes_io::DEFAULT_URL,
        )?,
        members_api_url: url(
            "lookup.members_api_url",
            raw.members_api_url,
            crate::lookup::members_api::DEFAULT_URL,
        )?,
        connect_timeout: seconds(
            "lookup.connect_timeout_secs",
            raw.connect_timeout_secs,
            5,
            60,
        )?,
        timeout: seconds("lookup.timeout_secs", raw.timeout_secs, 15, 300)?,
        cache_ttl: seconds(
            "lookup.cache_ttl_secs",
            raw.cache_ttl_secs,
            6 * 3600,
            7 * 86400,
        )?,
    })
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

fn load_campaign(path: &Path, templates_dir: &Path) -> Result<Campaign, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        file: path.into(),
        source,
    })?;
    let raw: RawCampaignFile = {
        let de = toml::Deserializer::parse(&text).map_err(|e| ConfigError::Syntax {
            file: path.into(),
            message: e.message().to_owned(),
        })?;
        serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            field_error(path, field, e.into_inner().message().to_owned())
        })?
    };
    if raw.campaign.name.trim().is_empty() {
        return Err(field_error(path, "campaign.name", "empty"));
    }
    if raw.letters.is_empty() {
        return Err(field_error(path, "letters", "no letters"));
    }
    let mut letters = Vec::new();
    for (i, letter) in raw.letters.into_iter().enumerate() {
        let at = |field: &str| format!("letters[{i}].{field}");
        let id_ok = !letter.id.is_empty()
            && letter.id.len() <= 40
            && letter
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !id_ok {
            return Err(field_error(
                path,
                at("id"),
                "use 1 to 40 characters a-z, 0-9 and -",
            ));
        }
        if letters.iter().any(|l: &LetterSpec| l.id == letter.id) {
            return Err(field_error(path, at("id"), "another letter has this id"));
        }
        if letter.title.trim().is_empty() {
            return Err(field_error(path, at("title"), "empty"));
        }
        let recipient = match letter.recipient.trim() {
            "" => return Err(field_error(path, at("recipient"), "empty")),
            "mp" => Recipient::Mp,
            name => Recipient::Named(name.to_owned()),
        };
        for (list, name) in [(&letter.to, "to"), (&letter.cc, "cc")] {
            if let Some(bad) = list.iter().position(|a| !is_email(a)) {
                return Err(field_error(
                    path,
                    format!("letters[{i}].{name}[{bad}]"),
                    "not an email address",
                ));
            }
        }
        if recipient == Recipient::Mp && !letter.to.is_empty() {
            return Err(field_error(
                path,
                at("to"),
                "must be empty for the MP: the address comes from the lookup",
            ));
        }
        if letter.delivery_note.is_none() && (letter.to.is_empty() || recipient == Recipient::Mp) {
            return Err(field_error(
                path,
                at("delivery_note"),
                "needed: this letter can have no email address, so say how to deliver it",
            ));
        }
        if !templates_dir.join(&letter.template).is_file() {
            return Err(field_error(
                path,
                at("template"),
                format!(
                    "{} is not a file",
                    templates_dir.join(&letter.template).display()
                ),
            ));
        }
        if letter.nations.is_empty() {
            return Err(field_error(
                path,
                at("nations"),
                "empty: list where the letter applies",
            ));
        }
        let mut regions = Vec::new();
        for (j, code) in letter.nations.iter().enumerate() {
            let region = match code.as_str() {
                "none" => Region::NoSeat,
                other => Region::Nation(Nation::from_code(other).ok_or_else(|| {
                    field_error(
                        path,
                        format!("letters[{i}].nations[{j}]"),
                        "must be england, scotland, wales, northern_ireland or none",
                    )
                })?),
            };
            regions.push(region);
        }
        if recipient == Recipient::Mp && regions.contains(&Region::NoSeat) {
            return Err(field_error(
                path,
                at("nations"),
                "\"none\" has no MP, so it cannot be listed for the MP letter",
            ));
        }
        for (slot, &count) in &letter.variants {
            let slot_ok =
                !slot.is_empty() && slot.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
            if !slot_ok {
                return Err(field_error(
                    path,
                    format!("letters[{i}].variants.{slot}"),
                    "use a-z and _ in slot names",
                ));
            }
            if !(1..=5).contains(&count) {
                return Err(field_error(
                    path,
                    format!("letters[{i}].variants.{slot}"),
                    "must be 1 to 5",
                ));
            }
        }
        if let Some(r) = &letter.reminder
            && !(1..=12).contains(&r.after_months)
        {
            return Err(field_error(
                path,
                at("reminder.after_months"),
                "must be 1 to 12",
            ));
        }
        letters.push(LetterSpec {
            id: letter.id,
            title: letter.title,
            recipient,
            to: letter.to,
            cc: letter.cc,
            delivery_note: letter.delivery_note,
            template: letter.template,
            regions,
            elsewhere_note: letter.elsewhere_note,
            variants: letter.variants.into_iter().collect(),
            reminder: letter.reminder.map(|r| Reminder {
                after_months: r.after_months,
                summary: r.summary,
                description: r.description,
            }),
        });
    }
    Ok(Campaign {
        name: raw.campaign.name,
        website: raw.campaign.website,
        letters,
    })
}

/// A deliberately plain check: one `@`, a dot in the domain, no spaces or
/// characters that need quoting.
pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.len() <= 254
        && s.bytes()
            .all(|b| b.is_ascii_graphic() && !b"<>()[]\\,;:\"".contains(&b))
        && domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
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

    #[test]
    fn campaign_errors_name_the_letter_and_field() {
        let dir = tempfile::tempdir().expect("tempdir");
        let templates = dir.path().join("t");
        std::fs::create_dir(&templates).expect("mkdir");
        std::fs::write(templates.join("a.txt"), "Subject: x\n\nx").expect("write");
        let check = |body: &str| {
            let path = dir.path().join("c.toml");
            std::fs::write(&path, format!("[campaign]\nname = \"C\"\n{body}")).expect("write");
            load_campaign(&path, &templates)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        let letter = |extra: &str| {
            format!(
                "[[letters]]\nid = \"a\"\ntitle = \"A\"\nrecipient = \"X\"\ntemplate = \"a.txt\"\nnations = [\"england\"]\n{extra}"
            )
        };
        assert_eq!(check(&letter("to = [\"x@example.org\"]")), Ok(()));
        assert!(
            check(&letter("to = [\"bad\"]"))
                .unwrap_err()
                .contains("letters[0].to[0]: not an email address")
        );
        assert!(
            check(&letter(""))
                .unwrap_err()
                .contains("letters[0].delivery_note")
        );
        assert!(check(&letter("to = [\"x@example.org\"]\nnations = [\"kent\"]")).is_err());
        assert!(
            check(&letter("to = [\"x@example.org\"]\ncolour = 1"))
                .unwrap_err()
                .contains("colour")
        );
        let wrong_template = letter("to = [\"x@example.org\"]").replace("a.txt", "b.txt");
        assert!(
            check(&wrong_template)
                .unwrap_err()
                .contains("letters[0].template")
        );
    }
}
