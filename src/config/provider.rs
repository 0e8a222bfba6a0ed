//! The mailbox providers campaigns have, as presets: `[account] provider`
//! fills the servers, the folders and the send limits that provider
//! documents, so an operator on Google or Microsoft 365 writes a user name
//! and a password file and nothing else. Every value can still be set in
//! `[imap]` and `[smtp]`, which win. Sources for each number are in the
//! README ("Mail providers").

use std::path::PathBuf;

use serde::Deserialize;

use super::servers::Security;
use crate::field::{ConfigError, field_error};

/// `[account]`: the provider, and the sign-in `[imap]` and `[smtp]` share
/// unless they give their own.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAccount {
    provider: Option<String>,
    username: Option<String>,
    password_file: Option<PathBuf>,
}

/// Who runs the campaign's mailbox.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Provider {
    /// Any server: `[imap]` and `[smtp]` say everything.
    #[default]
    Generic,
    /// Microsoft 365 (Exchange Online).
    Microsoft365,
    /// Google Workspace.
    Google,
    /// A personal Gmail account.
    Gmail,
    Fastmail,
}

/// What a provider fills in. Hosts come with the port and security that
/// go with them.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    pub imap: Option<(&'static str, u16, Security)>,
    pub smtp: Option<(&'static str, u16, Security)>,
    /// Where a deleted message must go to be gone (Gmail's expunge only
    /// archives).
    pub trash_folder: Option<&'static str>,
    /// Where the relay keeps what it sent.
    pub sent_folder: Option<&'static str>,
    /// SMTP connections at once.
    pub pool_size: u32,
    /// Emails a minute and a day, a little under the documented limits:
    /// the mailbox's people send from it too.
    pub max_per_minute: u32,
    pub max_per_day: u32,
}

const GENERIC: Preset = Preset {
    imap: None,
    smtp: None,
    trash_folder: None,
    sent_folder: None,
    pool_size: 8,
    max_per_minute: 0,
    max_per_day: 0,
};

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Generic => "generic",
            Provider::Microsoft365 => "microsoft365",
            Provider::Google => "google",
            Provider::Gmail => "gmail",
            Provider::Fastmail => "fastmail",
        }
    }

    pub fn preset(self) -> Preset {
        match self {
            Provider::Generic => GENERIC,
            // 3 connections, 30 messages a minute, 10,000 recipients a
            // day (learn.microsoft.com, smtp-submission-improvements).
            Provider::Microsoft365 => Preset {
                imap: Some(("outlook.office365.com", 993, Security::Tls)),
                smtp: Some(("smtp.office365.com", 587, Security::StartTls)),
                trash_folder: None,
                sent_folder: Some("Sent Items"),
                pool_size: 3,
                max_per_minute: 30,
                max_per_day: 9_500,
            },
            // Workspace: 2,000 a day in a rolling 24 hours
            // (support.google.com/a/answer/166852).
            Provider::Google => Preset {
                max_per_day: 1_900,
                ..GMAIL
            },
            Provider::Gmail => GMAIL,
            Provider::Fastmail => Preset {
                imap: Some(("imap.fastmail.com", 993, Security::Tls)),
                smtp: Some(("smtp.fastmail.com", 465, Security::Tls)),
                trash_folder: None,
                sent_folder: Some("Sent"),
                pool_size: 4,
                max_per_minute: 0,
                max_per_day: 0,
            },
        }
    }
}

/// Personal Gmail: 500 a day (Google's help; a rolling 24 hours). Gmail
/// archives what is expunged from INBOX unless it is moved to the trash,
/// and keeps what its SMTP sends in Sent Mail
/// (support.google.com/mail/answer/78892).
const GMAIL: Preset = Preset {
    imap: Some(("imap.gmail.com", 993, Security::Tls)),
    smtp: Some(("smtp.gmail.com", 465, Security::Tls)),
    trash_folder: Some("[Gmail]/Trash"),
    sent_folder: Some("[Gmail]/Sent Mail"),
    pool_size: 3,
    max_per_minute: 0,
    max_per_day: 475,
};

/// `[account]`, checked.
#[derive(Clone, Debug, Default)]
pub(super) struct Account {
    pub(super) provider: Provider,
    pub(super) username: Option<String>,
    pub(super) password_file: Option<PathBuf>,
}

pub(super) fn validate_account(
    raw: RawAccount,
    file: &std::path::Path,
) -> Result<Account, ConfigError> {
    let provider = match raw.provider.as_deref().map(str::trim) {
        None | Some("generic") => Provider::Generic,
        Some("microsoft365") => Provider::Microsoft365,
        Some("google") => Provider::Google,
        Some("gmail") => Provider::Gmail,
        Some("fastmail") => Provider::Fastmail,
        Some(_) => {
            return Err(field_error(
                file,
                "account.provider",
                "must be microsoft365, google (Workspace), gmail (personal), fastmail or generic",
            ));
        }
    };
    Ok(Account {
        provider,
        username: raw.username,
        password_file: raw.password_file,
    })
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, Security};

    /// A configuration with `rest` after a minimal `[campaign]`.
    fn load(rest: &str) -> Result<Config, String> {
        let root = env!("CARGO_MANIFEST_DIR");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("postbag.toml");
        let text = format!(
            "[campaign]\naddress = \"letters@campaign.org\"\nletters = \"{root}/config/campaign.toml\"\ntemplates = \"{root}/templates\"\n{rest}"
        );
        std::fs::write(&path, text).expect("write");
        Config::load(&path, []).map_err(|e| e.to_string())
    }

    const GOOGLE: &str = "[account]\nprovider = \"google\"\nusername = \"letters@campaign.org\"\npassword_file = \"app-password\"\n";

    #[test]
    fn a_provider_and_a_sign_in_are_all_a_google_campaign_writes() {
        let config = load(GOOGLE).expect("valid");
        let imap = config.imap.expect("IMAP from the preset");
        assert_eq!(
            (
                imap.server.host.as_str(),
                imap.server.port,
                imap.server.security
            ),
            ("imap.gmail.com", 993, Security::Tls)
        );
        let login = imap.server.login.expect("the account's sign-in");
        assert_eq!(login.username, "letters@campaign.org");
        assert!(
            login
                .password_file
                .is_some_and(|p| p.ends_with("app-password"))
        );
        assert_eq!(imap.trash_folder.as_deref(), Some("[Gmail]/Trash"));
        assert_eq!(imap.sent_folder.as_deref(), Some("[Gmail]/Sent Mail"));
        let smtp = config.smtp.expect("SMTP from the preset");
        assert_eq!(
            (
                smtp.server.host.as_str(),
                smtp.server.port,
                smtp.server.security
            ),
            ("smtp.gmail.com", 465, Security::Tls)
        );
        assert_eq!((smtp.pool_size, smtp.max_per_day), (3, 1_900));
    }

    #[test]
    fn every_preset_value_can_be_set_in_its_section() {
        let text = format!(
            "{GOOGLE}[smtp]\nsecurity = \"starttls\"\nmax_per_day = 400\npool_size = 2\n[imap]\ntrash_folder = \"Bin\"\nusername = \"other@campaign.org\"\npassword_file = \"other\"\n"
        );
        let config = load(&text).expect("valid");
        let smtp = config.smtp.expect("smtp");
        // A security of its own takes that security's usual port.
        assert_eq!(
            (smtp.server.port, smtp.server.security),
            (587, Security::StartTls)
        );
        assert_eq!((smtp.pool_size, smtp.max_per_day), (2, 400));
        let imap = config.imap.expect("imap");
        assert_eq!(imap.trash_folder.as_deref(), Some("Bin"));
        assert_eq!(
            imap.server.login.expect("login").username,
            "other@campaign.org"
        );
    }

    #[test]
    fn microsoft_365_keeps_to_three_connections_and_thirty_a_minute() {
        let text = GOOGLE.replace("\"google\"", "\"microsoft365\"");
        let config = load(&text).expect("valid");
        let smtp = config.smtp.expect("smtp");
        assert_eq!(
            (
                smtp.server.host.as_str(),
                smtp.server.port,
                smtp.server.security
            ),
            ("smtp.office365.com", 587, Security::StartTls)
        );
        assert_eq!((smtp.pool_size, smtp.max_per_minute), (3, 30));
        let imap = config.imap.expect("imap");
        assert_eq!(imap.server.host, "outlook.office365.com");
        assert_eq!(imap.sent_folder.as_deref(), Some("Sent Items"));
    }

    #[test]
    fn wrong_settings_name_the_field_and_what_to_set() {
        let unknown = load("[account]\nprovider = \"yahoo\"\n").expect_err("unknown");
        assert!(
            unknown.contains("account.provider: must be microsoft365"),
            "{unknown}"
        );
        let mismatch = load(&format!(
            "{GOOGLE}[imap]\nport = 993\nsecurity = \"starttls\"\n"
        ))
        .expect_err("993 with STARTTLS");
        assert!(
            mismatch.contains("imap.security: port 993 speaks TLS from the first byte")
                && mismatch.contains("imap.security = \"tls\""),
            "{mismatch}"
        );
        let plain = load(&format!("{GOOGLE}[smtp]\nport = 587\nsecurity = \"tls\"\n"))
            .expect_err("587 with TLS");
        assert!(
            plain.contains("smtp.security: port 587 greets in plain text")
                && plain.contains("smtp.security = \"starttls\""),
            "{plain}"
        );
        let no_host =
            load("[imap]\nusername = \"x@y.org\"\npassword_file = \"p\"\n").expect_err("no host");
        assert!(
            no_host.contains("imap.host: needed") && no_host.contains("account.provider"),
            "{no_host}"
        );
        let half = load("[account]\nprovider = \"fastmail\"\nusername = \"x@y.org\"\n")
            .expect_err("no password file");
        assert!(half.contains("account.password_file: needed"), "{half}");
        // With no provider and no sections, there are no mail servers.
        let none = load("").expect("preview needs none");
        assert!(none.imap.is_none() && none.smtp.is_none());
    }
}
