//! `[count]`: where the count is kept. `store = "file"` (the default) is
//! `counts.json` in the state folder; `store = "postgres"` is one count
//! shared by several instances, in the database a connection string
//! names. The string holds a password, so it comes from a file
//! (`url_file`, e.g. a systemd credential) or from the environment
//! variable [`COUNT_URL_ENV`], never from `postbag.toml` itself; it is
//! read when needed (`run`, `check`, `stats`), not at load.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Secret;
use crate::field::{ConfigError, field_error};

/// The environment variable holding the connection string when
/// `count.url_file` is not set.
pub const COUNT_URL_ENV: &str = "POSTBAG_COUNT_URL";

/// What to write, in the errors that ask for a connection string.
const LIKE: &str =
    "a libpq connection string or URL like postgresql://postbag:PASSWORD@db.example:5432/postbag";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCount {
    store: Option<String>,
    url_file: Option<PathBuf>,
}

/// `[count]`, checked.
#[derive(Clone, Debug, Default)]
pub enum CountStore {
    /// `counts.json` in `state.dir`.
    #[default]
    File,
    /// PostgreSQL; the connection string is in `url_file` or, without
    /// one, in [`COUNT_URL_ENV`] (`env`, set by
    /// [`Config::with_env_count_url`](super::Config::with_env_count_url)).
    Postgres {
        url_file: Option<PathBuf>,
        env: Option<Secret>,
    },
}

/// A connection string, and the setting it came from (for errors).
#[derive(Clone, Debug)]
pub struct CountUrl {
    pub url: Secret,
    /// `count.url_file`, or the environment variable.
    pub from: String,
}

impl CountUrl {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.url.expose()).unwrap_or_default()
    }
}

impl super::Config {
    /// The connection string of the postgres count store.
    ///
    /// # Errors
    /// A [`ConfigError`] naming `count.url_file`: the store is not
    /// postgres, or the file cannot be read, or it holds no usable string.
    pub fn require_count_url(&self) -> Result<CountUrl, ConfigError> {
        let CountStore::Postgres { url_file, env } = &self.count else {
            return Err(self.missing("count.store", "is not \"postgres\""));
        };
        let env = env
            .as_ref()
            .map(|s| String::from_utf8_lossy(s.expose()).into_owned());
        read_url(url_file.as_deref(), env.as_deref(), &self.file)
    }

    /// Keep the connection string from [`COUNT_URL_ENV`], if set.
    pub fn with_env_count_url(mut self, value: Option<String>) -> super::Config {
        if let CountStore::Postgres { env, .. } = &mut self.count {
            *env = value
                .filter(|v| !v.trim().is_empty())
                .map(|v| Secret::new(v.into_bytes()));
        }
        self
    }
}

pub(super) fn validate_count(
    raw: RawCount,
    file: &Path,
    base: &Path,
) -> Result<CountStore, ConfigError> {
    match raw.store.as_deref().map(str::trim) {
        None | Some("file") => {
            if raw.url_file.is_some() {
                return Err(field_error(
                    file,
                    "count.url_file",
                    "is used only with count.store = \"postgres\": set that, or remove url_file",
                ));
            }
            Ok(CountStore::File)
        }
        Some("postgres") => Ok(CountStore::Postgres {
            url_file: raw.url_file.map(|f| base.join(f)),
            env: None,
        }),
        Some(other) => Err(field_error(
            file,
            "count.store",
            format!("{other:?} is not a store: write \"file\" or \"postgres\""),
        )),
    }
}

/// The connection string for the postgres store: from `url_file`, else
/// from `env` (the value of [`COUNT_URL_ENV`]); checked as far as it can
/// be without connecting. Errors name `count.url_file` (and the variable
/// when it was used) and say what to change, never the string itself.
pub(super) fn read_url(
    url_file: Option<&Path>,
    env: Option<&str>,
    file: &Path,
) -> Result<CountUrl, ConfigError> {
    let problem = |p: String| field_error(file, "count.url_file", p);
    let (text, from) = match (url_file, env) {
        (Some(path), _) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                problem(format!(
                    "cannot read {}: {e}; the file must hold {LIKE}, readable by postbag",
                    path.display()
                ))
            })?;
            (text, "count.url_file".to_owned())
        }
        (None, Some(value)) => (value.to_owned(), COUNT_URL_ENV.to_owned()),
        (None, None) => {
            return Err(problem(format!(
                "needed with count.store = \"postgres\" (or the environment variable {COUNT_URL_ENV}): a file holding {LIKE}"
            )));
        }
    };
    let text = text.trim();
    let whose = if from == COUNT_URL_ENV {
        format!("{COUNT_URL_ENV} (used as count.url_file is not set)")
    } else {
        url_file.map_or_else(String::new, |p| p.display().to_string())
    };
    if text.is_empty() {
        return Err(problem(format!("{whose} is empty: it must hold {LIKE}")));
    }
    // The parser's own words name the option at fault, not its value.
    let parsed: tokio_postgres::Config = text.parse().map_err(|e: tokio_postgres::Error| {
        problem(format!(
            "{whose} does not hold a PostgreSQL connection string ({e}): write {LIKE}"
        ))
    })?;
    use tokio_postgres::config::SslMode;
    if !matches!(
        parsed.get_ssl_mode(),
        SslMode::Disable | SslMode::Prefer | SslMode::Require
    ) {
        return Err(problem(format!(
            "{whose}: only sslmode=disable, prefer or require are supported (require checks the server's certificate against the system's roots)"
        )));
    }
    if parsed.get_hosts().is_empty() {
        return Err(problem(format!("{whose} names no host: write {LIKE}")));
    }
    Ok(CountUrl {
        url: Secret::new(text.as_bytes().to_vec()),
        from,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Result<CountUrl, String> {
        read_url(None, Some(text), Path::new("postbag.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn a_good_url_is_taken_and_bad_ones_are_named_without_their_password() {
        let ok = url("postgresql://postbag:pw@db.example:5432/postbag").unwrap();
        assert_eq!(ok.from, COUNT_URL_ENV);
        assert_eq!(
            ok.as_str(),
            "postgresql://postbag:pw@db.example:5432/postbag"
        );
        for bad in [
            "postgresql://postbag:hunter2@db.example:notaport/postbag",
            "postgresql://postbag:hunter2@db.example/postbag?sslmode=verify-full",
            "   ",
        ] {
            let e = url(bad).unwrap_err();
            assert!(e.contains("count.url_file"), "{e}");
            assert!(e.contains(COUNT_URL_ENV), "{e}");
            assert!(!e.contains("hunter2"), "{e}");
        }
    }

    #[test]
    fn a_missing_file_or_nothing_at_all_names_the_field() {
        let missing = read_url(Some(Path::new("/no/such/url")), None, Path::new("p.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            missing.contains("count.url_file: cannot read /no/such/url"),
            "{missing}"
        );
        let none = read_url(None, None, Path::new("p.toml"))
            .unwrap_err()
            .to_string();
        assert!(none.contains("count.url_file: needed"), "{none}");
    }

    #[test]
    fn the_store_is_file_or_postgres() {
        let raw = |store: &str| RawCount {
            store: Some(store.to_owned()),
            url_file: None,
        };
        let (file, base) = (Path::new("p.toml"), Path::new("/etc/postbag"));
        assert!(matches!(
            validate_count(RawCount::default(), file, base).unwrap(),
            CountStore::File
        ));
        assert!(matches!(
            validate_count(raw("postgres"), file, base).unwrap(),
            CountStore::Postgres { url_file: None, .. }
        ));
        let e = validate_count(raw("mysql"), file, base)
            .unwrap_err()
            .to_string();
        assert!(e.contains("count.store"), "{e}");
    }
}
