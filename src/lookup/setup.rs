//! Building the lookup [`Chain`] from the configuration: reading the
//! offline files from the data folder and creating the HTTP hosts.
//!
//! Problems are reported as [`LookupSetupError`]s naming the setting and the
//! command that fixes them; stale data is a warning, not an error, so a
//! campaign keeps running while the operator refreshes it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use thiserror::Error;

use super::chain::{Chain, MpSource, PostcodeSource};
use super::http::{Host, HttpSettings};
use super::index::{Index, IndexError};
use super::members_api::MembersApi;
use super::mps::{MpData, MpDataError};
use super::postcodes_io::PostcodesIo;
use super::table::{Table, TableError};
use crate::config::{LookupConfig, MpSourceKind, PostcodeSourceKind};
use crate::failure::{Classify, FailureClass};

/// The offline index's file name in the data folder.
pub const INDEX_FILE: &str = "postcodes.idx";
/// The offline MP list's file name in the data folder.
pub const MPS_FILE: &str = "mps.json";
/// The pause between two requests to the Members API (Cloudflare blocks
/// bursts).
pub const MEMBERS_API_GAP: Duration = Duration::from_millis(250);

/// Why the lookup cannot be set up.
#[derive(Debug, Error)]
pub enum LookupSetupError {
    #[error(
        "lookup.data_dir: not set, but the offline source needs it (set it, or pass --data-dir)"
    )]
    NoDataDir,
    #[error("lookup.data_dir: {0}")]
    Index(#[from] IndexError),
    #[error("lookup.data_dir: {0}")]
    Mps(#[from] MpDataError),
    #[error("lookup.table: {0}")]
    Table(#[from] TableError),
    #[error("lookup: cannot set up HTTPS: {0}")]
    Http(String),
    #[error("lookup.{field}: {problem}")]
    Url {
        field: &'static str,
        problem: String,
    },
}

impl Classify for LookupSetupError {
    fn class(&self) -> FailureClass {
        FailureClass::Config
    }
}

/// A chain ready to use, with warnings for the operator.
#[derive(Debug)]
pub struct Lookups {
    pub chain: Chain,
    /// The offline index, if used (for its metadata).
    pub index: Option<Arc<Index>>,
    /// The offline MP list, if used.
    pub mps: Option<Arc<MpData>>,
    /// Things the operator should know, e.g. stale MP data.
    pub warnings: Vec<String>,
}

/// The data folder's files.
pub fn index_path(dir: &Path) -> PathBuf {
    dir.join(INDEX_FILE)
}

pub fn mps_path(dir: &Path) -> PathBuf {
    dir.join(MPS_FILE)
}

/// Build the HTTP settings the configuration describes.
pub fn http_settings(config: &LookupConfig) -> HttpSettings {
    HttpSettings::new(&config.contact, config.connect_timeout, config.timeout)
}

/// The HTTPS client the online sources share.
///
/// # Errors
/// When HTTPS cannot be set up.
pub fn http_client(config: &LookupConfig) -> Result<reqwest::Client, LookupSetupError> {
    http_settings(config)
        .client()
        .map_err(|e| LookupSetupError::Http(e.to_string()))
}

/// A Members API client as configured.
///
/// # Errors
/// When the URL is wrong.
pub fn members_api(
    config: &LookupConfig,
    client: reqwest::Client,
) -> Result<MembersApi, LookupSetupError> {
    let host = Host::new(
        "members-api",
        &config.members_api_url,
        client,
        MEMBERS_API_GAP,
    )
    .map_err(|problem| LookupSetupError::Url {
        field: "members_api_url",
        problem,
    })?;
    Ok(MembersApi::new(host, config.cache_ttl))
}

/// Open every source the configuration names, in its order; `today`
/// dates the staleness warnings.
///
/// # Errors
/// When a source's files are missing or damaged, or HTTPS cannot be set
/// up.
pub fn open(config: &LookupConfig, today: jiff::civil::Date) -> Result<Lookups, LookupSetupError> {
    let data_dir = config.data_dir.clone();
    let mut warnings = Vec::new();
    // One client for every online source, made only if one is used.
    let mut client: Option<reqwest::Client> = None;
    let mut shared_client = || -> Result<reqwest::Client, LookupSetupError> {
        if let Some(made) = &client {
            return Ok(made.clone());
        }
        Ok(client.insert(http_client(config)?).clone())
    };

    let mut index = None;
    let mut postcodes = Vec::new();
    for kind in &config.postcode_sources {
        postcodes.push(match kind {
            PostcodeSourceKind::Offline => {
                let dir = data_dir.as_deref().ok_or(LookupSetupError::NoDataDir)?;
                let opened = Arc::new(Index::read(&index_path(dir))?);
                index = Some(opened.clone());
                PostcodeSource::Offline(opened)
            }
            PostcodeSourceKind::PostcodesIo => {
                let host = Host::new(
                    "postcodes.io",
                    &config.postcodes_io_url,
                    shared_client()?,
                    Duration::ZERO,
                )
                .map_err(|problem| LookupSetupError::Url {
                    field: "postcodes_io_url",
                    problem,
                })?;
                PostcodeSource::PostcodesIo(PostcodesIo::new(host))
            }
            PostcodeSourceKind::Table => {
                let path = config
                    .table
                    .as_deref()
                    .ok_or_else(|| LookupSetupError::Url {
                        field: "table",
                        problem: "not set".into(),
                    })?;
                PostcodeSource::Table(Arc::new(Table::load(path)?))
            }
        });
    }

    // MPs are needed unless the table answers everything.
    let needs_mps = config
        .postcode_sources
        .iter()
        .any(|k| *k != PostcodeSourceKind::Table);
    let mut mps_data = None;
    let mut mps = Vec::new();
    for kind in &config.mp_sources {
        if !needs_mps {
            break;
        }
        match kind {
            MpSourceKind::Offline => {
                let Some(dir) = data_dir.as_deref() else {
                    if config.uses_offline() {
                        return Err(LookupSetupError::NoDataDir);
                    }
                    warnings.push("no lookup.data_dir: the offline MP list is not used".into());
                    continue;
                };
                let data = match MpData::read(&mps_path(dir)) {
                    Ok(data) => data,
                    // Without names for its seats, the offline index is useless.
                    Err(e) if config.uses_offline() => return Err(e.into()),
                    Err(e) => {
                        warnings.push(format!("{e}; using the other MP sources"));
                        continue;
                    }
                };
                let age = data.age_days(today);
                if age > i64::from(config.mp_data_max_age_days) {
                    warnings.push(format!(
                        "the MP list is {age} days old (from {}, dated {}); refresh it with `postbag data refresh-mps` or `postbag data import-mps FILE`",
                        data.source, data.data_date
                    ));
                }
                let data = Arc::new(data);
                mps_data = Some(data.clone());
                mps.push(MpSource::Offline(data));
            }
            MpSourceKind::MembersApi => {
                mps.push(MpSource::MembersApi(Box::new(members_api(
                    config,
                    shared_client()?,
                )?)));
            }
        }
    }
    Ok(Lookups {
        chain: Chain::new(postcodes, mps, config.dissolved),
        index,
        mps: mps_data,
        warnings,
    })
}
