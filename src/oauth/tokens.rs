//! The tokens postbag holds, and the file a signed-in account's are kept
//! in: readable by postbag's user only, replaced whole (a crash leaves the
//! old tokens or the new), and written before a rotated refresh token's
//! new access token is used, so the refresh token that works is never
//! lost.

use std::path::Path;
use std::time::{Duration, SystemTime};

use oauth2::TokenResponse;
use serde::{Deserialize, Serialize};

/// An access token, and what renews it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSet {
    pub access_token: String,
    /// None where the grant is simply asked again (app-only, service
    /// account).
    pub refresh_token: Option<String>,
    /// Seconds since the epoch; None if the provider did not say.
    pub expires_at: Option<u64>,
}

impl std::fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSet")
            .field("refresh_token", &self.refresh_token.is_some())
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

pub(super) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl TokenSet {
    /// From a token response. A refresh token in the response replaces
    /// the one used (rotation, RFC 6749 §6); none keeps it.
    pub fn from_response(response: &impl TokenResponse, used: Option<&str>) -> TokenSet {
        TokenSet {
            access_token: response.access_token().secret().clone(),
            refresh_token: response
                .refresh_token()
                .map(|r| r.secret().clone())
                .or_else(|| used.map(str::to_owned)),
            expires_at: response
                .expires_in()
                .map(|d| unix_now().saturating_add(d.as_secs())),
        }
    }

    /// Whether the access token ends within `margin`: a connection must
    /// not be opened with a token about to end.
    pub fn expires_within(&self, margin: Duration) -> bool {
        self.expires_at
            .is_some_and(|at| unix_now().saturating_add(margin.as_secs()) >= at)
    }
}

/// Read the token file.
///
/// # Errors
/// The file's error, or a description of what is wrong with it.
pub fn read(path: &Path) -> Result<TokenSet, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!(
            "{} does not exist: sign in once with `postbag auth login`",
            path.display()
        ),
        kind => format!("cannot read {}: {kind}", path.display()),
    })?;
    serde_json::from_slice(&bytes).map_err(|_| {
        format!(
            "{} is not a token file: sign in again with `postbag auth login`",
            path.display()
        )
    })
}

/// Write the token file, readable by its owner only.
///
/// # Errors
/// The file system's.
pub fn write(path: &Path, tokens: &TokenSet) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(tokens).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    crate::atomic_file::write_private(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_file_is_its_owners_alone_and_round_trips() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tokens.json");
        let tokens = TokenSet {
            access_token: "SECRET-ACCESS".into(),
            refresh_token: Some("SECRET-REFRESH".into()),
            expires_at: Some(5),
        };
        write(&path, &tokens).unwrap();
        assert_eq!(read(&path).unwrap(), tokens);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(tokens.expires_within(Duration::ZERO));
        assert!(!format!("{tokens:?}").contains("SECRET"), "{tokens:?}");
        assert!(
            read(&dir.path().join("none"))
                .unwrap_err()
                .contains("postbag auth login")
        );
    }

    #[test]
    fn a_token_file_written_as_root_stays_the_daemons() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        // Only root can give a folder away; as anyone else, nothing to see.
        if std::os::unix::fs::chown(dir.path(), Some(65534), Some(65534)).is_err() {
            return;
        }
        let path = dir.path().join("tokens.json");
        let tokens = TokenSet {
            access_token: "a".into(),
            refresh_token: Some("r".into()),
            expires_at: None,
        };
        write(&path, &tokens).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().uid(), 65534);
        write(&path, &tokens).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().uid(), 65534, "rewritten");
    }
}
