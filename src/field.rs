//! A setting's field: the error that names it (file, field, what is
//! wrong), and the readers every settings file shares (seconds, URLs,
//! folder names, lists of names), so a field reads and fails alike
//! wherever it is.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use thiserror::Error;

use crate::failure::{Classify, FailureClass};

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

/// The error for `field` of `file`.
pub(crate) fn field_error(
    file: &Path,
    field: impl Into<String>,
    problem: impl Into<String>,
) -> ConfigError {
    ConfigError::Field {
        file: file.to_owned(),
        field: field.into(),
        problem: problem.into(),
    }
}

/// A number of seconds between `min` and `max`, `default` if not given.
pub(crate) fn seconds(
    file: &Path,
    field: &str,
    value: Option<u64>,
    (default, min, max): (u64, u64, u64),
) -> Result<Duration, ConfigError> {
    let value = value.unwrap_or(default);
    if (min..=max).contains(&value) {
        Ok(Duration::from_secs(value))
    } else {
        Err(field_error(
            file,
            field,
            format!("must be between {min} and {max} seconds"),
        ))
    }
}

/// An http(s) URL with a host, `default` if not given.
pub(crate) fn http_url(
    file: &Path,
    field: &str,
    value: Option<String>,
    default: &str,
) -> Result<String, ConfigError> {
    let value = value.unwrap_or_else(|| default.to_owned());
    let ok = reqwest::Url::parse(&value)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host());
    if ok {
        Ok(value)
    } else {
        Err(field_error(file, field, "not an http(s) URL"))
    }
}

/// An IMAP folder name: one line, no quotes.
pub(crate) fn folder(
    file: &Path,
    field: &str,
    value: Option<String>,
) -> Result<Option<String>, ConfigError> {
    match value {
        Some(v) if v.trim().is_empty() || v.contains(|c: char| c.is_control() || c == '"') => {
            Err(field_error(
                file,
                field,
                "must be a folder name on one line, without quotes",
            ))
        }
        other => Ok(other),
    }
}

/// A list of names, as a TOML array or (from the environment) a
/// comma-separated string.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum List {
    Array(Vec<String>),
    Commas(String),
}

impl List {
    pub(crate) fn into_vec(self) -> Vec<String> {
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
