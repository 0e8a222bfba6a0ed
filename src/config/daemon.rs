//! The daemon's own settings: where the count is kept (`[state]`), reply
//! caps (`[limits]`), sender authentication (`[auth]`) and the main loop
//! (`[daemon]`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use super::provider::Provider;
use crate::field::{ConfigError, field_error, seconds};
use crate::screen::SenderAuth;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawState {
    dir: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLimits {
    per_sender_per_day: Option<u32>,
    help_per_sender_per_day: Option<u32>,
    per_domain_per_hour: Option<u32>,
    per_hour: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAuth {
    trusted_authserv_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDaemon {
    max_in_flight: Option<usize>,
    retry_min_secs: Option<u64>,
    retry_max_secs: Option<u64>,
    claim_lease_secs: Option<u64>,
    instance: Option<u8>,
}

/// Reply caps, all kept in memory only. Zero means no cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LimitsConfig {
    /// Replies of any kind to one address in 24 hours.
    pub per_sender_per_day: u32,
    /// Help replies to one address in 24 hours.
    pub help_per_sender_per_day: u32,
    /// Replies to one domain in an hour; beyond it mail waits.
    pub per_domain_per_hour: u32,
    /// Replies in all in an hour; beyond it mail waits.
    pub per_hour: u32,
}

impl Default for LimitsConfig {
    fn default() -> LimitsConfig {
        LimitsConfig {
            per_sender_per_day: 3,
            help_per_sender_per_day: 2,
            per_domain_per_hour: 200,
            per_hour: 2000,
        }
    }
}

/// The main loop.
#[derive(Clone, Copy, Debug)]
pub struct DaemonConfig {
    /// Messages being answered at once.
    pub max_in_flight: usize,
    /// First wait before a message that failed for a passing reason is
    /// tried again; it doubles up to `retry_max`.
    pub retry_min: Duration,
    pub retry_max: Duration,
    /// Several instances share the mailbox. `None`: this is the only
    /// instance, and a claim it finds is its own crashed run's.
    pub sharing: Option<Sharing>,
}

/// How an instance shares the mailbox with others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sharing {
    /// Another's claim is taken over only once it has not changed for
    /// this long.
    pub lease: Duration,
    /// This instance's number (1 to 16), different on each: its claims
    /// carry it, so that of two claims made at the same moment one loses.
    pub instance: u8,
}

pub(super) fn validate_state(raw: RawState, base: &Path) -> Option<PathBuf> {
    raw.dir.map(|d| base.join(d))
}

pub(super) fn validate_limits(raw: RawLimits) -> LimitsConfig {
    let default = LimitsConfig::default();
    LimitsConfig {
        per_sender_per_day: raw.per_sender_per_day.unwrap_or(default.per_sender_per_day),
        help_per_sender_per_day: raw
            .help_per_sender_per_day
            .unwrap_or(default.help_per_sender_per_day),
        per_domain_per_hour: raw
            .per_domain_per_hour
            .unwrap_or(default.per_domain_per_hour),
        per_hour: raw.per_hour.unwrap_or(default.per_hour),
    }
}

/// Whose `Authentication-Results` to trust: the setting, else the
/// provider's own stamp, else nobody's.
pub(super) fn validate_auth(
    raw: RawAuth,
    provider: Provider,
    file: &Path,
) -> Result<SenderAuth, ConfigError> {
    match raw
        .trusted_authserv_id
        .map(|s| s.trim().to_owned())
        .as_deref()
    {
        None => Ok(match provider {
            Provider::Google | Provider::Gmail => {
                SenderAuth::AuthservId("mx.google.com".to_owned())
            }
            Provider::Fastmail => SenderAuth::AuthservId("mx*.messagingengine.com".to_owned()),
            Provider::Microsoft365 => SenderAuth::Microsoft365,
            Provider::Generic => SenderAuth::Off,
        }),
        Some("off") => Ok(SenderAuth::Off),
        Some("microsoft365") => Ok(SenderAuth::Microsoft365),
        Some(id) if id.is_empty() || id.contains(|c: char| c.is_whitespace() || c == ';') => {
            Err(field_error(
                file,
                "auth.trusted_authserv_id",
                "must be one word: the id your mail server writes first in Authentication-Results (or \"off\", or \"microsoft365\")",
            ))
        }
        Some(id) => Ok(SenderAuth::AuthservId(id.to_owned())),
    }
}

pub(super) fn validate_daemon(raw: RawDaemon, file: &Path) -> Result<DaemonConfig, ConfigError> {
    let max_in_flight = raw.max_in_flight.unwrap_or(8);
    if !(1..=64).contains(&max_in_flight) {
        return Err(field_error(
            file,
            "daemon.max_in_flight",
            "must be between 1 and 64",
        ));
    }
    let retry_min = seconds(
        file,
        "daemon.retry_min_secs",
        raw.retry_min_secs,
        (30, 1, 86400),
    )?;
    let retry_max = seconds(
        file,
        "daemon.retry_max_secs",
        raw.retry_max_secs,
        (1800, 1, 86400),
    )?;
    if retry_max < retry_min {
        return Err(field_error(
            file,
            "daemon.retry_max_secs",
            "must not be less than daemon.retry_min_secs",
        ));
    }
    // Longer than any claim is held unchanged: a send's timeouts and the
    // send caps' 90 s wait in hand.
    let lease = match raw.claim_lease_secs {
        None | Some(0) => None,
        Some(secs) if (5..=86400).contains(&secs) => Some(Duration::from_secs(secs)),
        Some(_) => {
            return Err(field_error(
                file,
                "daemon.claim_lease_secs",
                "must be 0 (this is the only postbag on the mailbox) or between 5 and 86400 seconds (600 is a good lease when several share it)",
            ));
        }
    };
    let sharing = match (lease, raw.instance) {
        (None, _) => None,
        (Some(lease), Some(instance)) if (1..=16).contains(&instance) => {
            Some(Sharing { lease, instance })
        }
        (Some(_), _) => {
            return Err(field_error(
                file,
                "daemon.instance",
                "several instances on one mailbox (daemon.claim_lease_secs) need each a different number from 1 to 16 here",
            ));
        }
    };
    Ok(DaemonConfig {
        max_in_flight,
        retry_min,
        retry_max,
        sharing,
    })
}
