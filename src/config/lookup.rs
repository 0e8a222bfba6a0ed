//! `[lookup]`: where a postcode's seat and a seat's MP are looked up, and
//! every default of those settings (the sources, the services' URLs, the
//! timeouts) in one place.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::field::{ConfigError, List, field_error, http_url, seconds};

/// postcodes.io's public API.
const POSTCODES_IO_URL: &str = "https://api.postcodes.io";
/// UK Parliament's Members API.
const MEMBERS_API_URL: &str = "https://members-api.parliament.uk";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLookup {
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

/// Lookup settings given on the command line (`--lookup-table`,
/// `--data-dir`). They are applied to the raw settings after the file and
/// the environment, and then checked like them.
#[derive(Clone, Debug, Default)]
pub struct LookupOverrides {
    /// Answer from this CSV alone.
    pub table: Option<PathBuf>,
    /// The offline data's folder; postcodes are then looked up offline.
    pub data_dir: Option<PathBuf>,
}

impl LookupOverrides {
    /// Put the overrides into `raw`. Paths are made absolute here, since a
    /// command-line path is relative to the working folder, not to the
    /// config file.
    pub(super) fn apply(&self, raw: &mut RawLookup) {
        let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        if let Some(table) = &self.table {
            raw.table = Some(absolute(table));
            raw.postcode_sources = Some(List::Array(vec!["table".to_owned()]));
        }
        if let Some(dir) = &self.data_dir {
            raw.data_dir = Some(absolute(dir));
            let offline_already = match &raw.postcode_sources {
                Some(list) => list.clone().into_vec().iter().any(|s| s == "offline"),
                None => raw.table.is_none(),
            };
            if !offline_already {
                raw.postcode_sources = Some(List::Array(vec!["offline".to_owned()]));
            }
        }
    }
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

pub(super) fn validate_lookup(
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
        postcodes_io_url: http_url(
            file,
            "lookup.postcodes_io_url",
            raw.postcodes_io_url,
            POSTCODES_IO_URL,
        )?,
        members_api_url: http_url(
            file,
            "lookup.members_api_url",
            raw.members_api_url,
            MEMBERS_API_URL,
        )?,
        connect_timeout: seconds(
            file,
            "lookup.connect_timeout_secs",
            raw.connect_timeout_secs,
            (5, 1, 60),
        )?,
        timeout: seconds(file, "lookup.timeout_secs", raw.timeout_secs, (15, 1, 300))?,
        cache_ttl: seconds(
            file,
            "lookup.cache_ttl_secs",
            raw.cache_ttl_secs,
            (6 * 3600, 1, 7 * 86400),
        )?,
    })
}
