//! The pause on sending: when the relay refuses postbag itself (its
//! sign-in) or a limit is reached (the provider's quota, the configured
//! caps), nothing more is sent until the pause ends. The messages wait
//! in the mailbox, untouched but for a released claim; none goes to
//! review for a fault that is not its own.
//!
//! A refused sign-in pauses for a minute, doubling up to half an hour
//! while it goes on, because only the operator can end it (the password
//! file is read again at each try). A quota pauses for as long as the
//! provider's reply implies, a cap until its window frees a place.

use std::time::Duration;

use tokio::time::Instant;
use tracing::{error, warn};

use crate::send::SendError;
use crate::send::refusal::{self, QuotaKind};

const SIGN_IN_FIRST: Duration = Duration::from_secs(60);
const SIGN_IN_MAX: Duration = Duration::from_secs(1800);

/// Why sending is paused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PauseReason {
    /// The relay refused postbag's sign-in or TLS (code 0: TLS).
    SignIn { code: u16 },
    /// The provider stopped the account sending.
    Account { code: u16 },
    /// No OAuth2 token: the token endpoint refused postbag.
    NoToken,
    /// The provider's limit, as its reply said.
    Quota { code: u16, limit: QuotaKind },
    /// The configured `smtp.max_per_day` was reached.
    DailyCap,
}

impl PauseReason {
    /// The pause a relay's refusal calls for, and how long it lasts
    /// (a sign-in refusal's is the pause's own, doubling); `None` for a
    /// refusal about the one message.
    pub fn of(error: SendError, quota_wait: Duration) -> Option<(PauseReason, Duration)> {
        Some(match error {
            SendError::Transient(_) | SendError::Permanent { .. } => return None,
            SendError::SignIn { code } => (PauseReason::SignIn { code }, Duration::ZERO),
            SendError::Account { code } => (PauseReason::Account { code }, Duration::ZERO),
            SendError::NoToken => (PauseReason::NoToken, Duration::ZERO),
            SendError::Quota { code, limit } => {
                let wait = match limit {
                    QuotaKind::Daily => quota_wait,
                    QuotaKind::Rate => quota_wait.min(Duration::from_secs(60)),
                };
                (PauseReason::Quota { code, limit }, wait)
            }
        })
    }

    /// Whether only the operator can end it: the relay refused postbag
    /// itself, not a limit that passes.
    fn needs_operator(self) -> bool {
        matches!(
            self,
            PauseReason::SignIn { .. } | PauseReason::Account { .. } | PauseReason::NoToken
        )
    }

    /// The log's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            PauseReason::SignIn { .. } => "relay_sign_in_refused",
            PauseReason::Account { .. } => "relay_account_stopped",
            PauseReason::NoToken => "oauth2_token_refused",
            PauseReason::Quota {
                limit: QuotaKind::Daily,
                ..
            } => "relay_daily_limit",
            PauseReason::Quota { .. } => "relay_rate_limit",
            PauseReason::DailyCap => "smtp_max_per_day",
        }
    }

    /// What the operator can do about it, naming the setting.
    pub fn hint(self) -> &'static str {
        match self {
            PauseReason::SignIn { code } => refusal::sign_in_hint(code),
            PauseReason::Account { .. } => refusal::ACCOUNT_HINT,
            PauseReason::NoToken => refusal::TOKEN_HINT,
            PauseReason::Quota { .. } => refusal::QUOTA_HINT,
            PauseReason::DailyCap => {
                "smtp.max_per_day emails went in the last 24 hours: replies go on as the oldest fall out of the window"
            }
        }
    }
}

/// Whether sending is paused, and until when.
#[derive(Debug, Default)]
pub struct Pause {
    current: Option<(Instant, PauseReason)>,
    /// Refused sign-ins in a row, for the doubling wait.
    sign_in_strikes: u32,
    /// The last refusal of postbag itself (sign-in, account), kept after
    /// its pause ends until a send succeeds: `--once` reports it.
    refused: Option<PauseReason>,
}

impl Pause {
    /// When the pause ends and why, if sending is paused at `now`.
    pub fn active(&self, now: Instant) -> Option<(Instant, PauseReason)> {
        self.current.filter(|(until, _)| *until > now)
    }

    /// The reason sending is paused at `now`, if it is.
    pub fn reason(&self, now: Instant) -> Option<PauseReason> {
        self.active(now).map(|(_, reason)| reason)
    }

    /// When the pause ends, if sending is paused at `now`.
    pub fn until(&self, now: Instant) -> Option<Instant> {
        self.active(now).map(|(until, _)| until)
    }

    /// A refusal of postbag itself not yet followed by a success.
    pub fn refused(&self) -> Option<PauseReason> {
        self.refused
    }

    /// Pause sending for `reason`, for `wait` (a sign-in refusal's wait
    /// is the pause's own). Logged once per pause, not per message.
    pub fn start(&mut self, reason: PauseReason, wait: Duration, now: Instant) {
        let wait = if reason.needs_operator() {
            self.refused = Some(reason);
            if self.active(now).is_some() {
                return;
            }
            self.sign_in_strikes += 1;
            let factor = 1u32 << (self.sign_in_strikes - 1).min(10);
            SIGN_IN_FIRST.saturating_mul(factor).min(SIGN_IN_MAX)
        } else {
            wait
        };
        let until = now + wait;
        if self.until(now).is_some_and(|current| current >= until) {
            return;
        }
        let seconds = wait.as_secs();
        if reason.needs_operator() {
            error!(
                reason = reason.as_str(),
                refusal = ?reason,
                retry_in_secs = seconds,
                hint = reason.hint(),
                "the relay refused postbag: nothing is sent, every message waits in the mailbox"
            );
        } else {
            warn!(
                reason = reason.as_str(),
                retry_in_secs = seconds,
                hint = reason.hint(),
                "sending paused; the messages wait in the mailbox"
            );
        }
        self.current = Some((until, reason));
    }

    /// A reply went: the relay accepts postbag again.
    pub fn sent(&mut self) {
        self.sign_in_strikes = 0;
        self.refused = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_refused_sign_in_pauses_longer_each_time_until_a_send_succeeds() {
        let mut pause = Pause::default();
        let refused = PauseReason::SignIn { code: 535 };
        let mut waits = Vec::new();
        for _ in 0..7 {
            let now = Instant::now();
            pause.start(refused, Duration::ZERO, now);
            // Another task's refusal in the same pause changes nothing.
            pause.start(refused, Duration::ZERO, now);
            let until = pause.until(now).expect("paused");
            waits.push((until - now).as_secs());
            tokio::time::advance(until - now).await;
            assert_eq!(pause.reason(Instant::now()), None);
        }
        assert_eq!(waits, [60, 120, 240, 480, 960, 1800, 1800]);
        assert_eq!(pause.refused(), Some(refused));
        pause.sent();
        assert_eq!(pause.refused(), None);
        pause.start(refused, Duration::ZERO, Instant::now());
        assert_eq!(
            pause
                .until(Instant::now())
                .map(|u| (u - Instant::now()).as_secs()),
            Some(60)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_longer_pause_is_not_shortened_by_a_shorter_one() {
        let mut pause = Pause::default();
        let now = Instant::now();
        let daily = PauseReason::Quota {
            code: 550,
            limit: QuotaKind::Daily,
        };
        let rate = PauseReason::Quota {
            code: 421,
            limit: QuotaKind::Rate,
        };
        pause.start(daily, Duration::from_secs(3600), now);
        pause.start(rate, Duration::from_secs(60), now);
        assert_eq!(pause.reason(now), Some(daily));
        assert_eq!(pause.until(now), Some(now + Duration::from_secs(3600)));
    }
}
