//! The words a reply shows about each letter (its title and notes) in a
//! language other than the campaign's own: `letters.toml` in that
//! language's templates folder, by letter id. What it leaves out falls
//! back to `campaign.toml`'s words.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::campaign::{Campaign, LetterSpec};

/// The file, in a language's templates folder.
pub const FILE: &str = "letters.toml";

/// One letter's words as `letters.toml` gives them: any may be left out.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLetterWords {
    title: Option<String>,
    delivery_note: Option<String>,
    elsewhere_note: Option<String>,
    before_sending: Option<String>,
    reminder_summary: Option<String>,
    reminder_description: Option<String>,
}

/// One letter's words in a language, `campaign.toml`'s where it gives
/// none.
#[derive(Clone, Debug)]
pub struct LetterWords {
    pub title: String,
    pub delivery_note: Option<String>,
    pub elsewhere_note: Option<String>,
    pub before_sending: Option<String>,
    /// The reminder's words, for a letter with one.
    pub reminder_summary: Option<String>,
    pub reminder_description: Option<String>,
}

/// Every letter's words in one language; empty for the campaign's own.
#[derive(Clone, Debug, Default)]
pub struct Wording(BTreeMap<String, RawLetterWords>);

impl Wording {
    /// Read `letters.toml` from `dir`, if there is one; every id in it must
    /// be a letter of `campaign`.
    ///
    /// # Errors
    /// A message naming the file and the problem.
    pub fn load(dir: &Path, campaign: &Campaign) -> Result<Wording, String> {
        let path = dir.join(FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Wording::default()),
            Err(e) => return Err(e.to_string()),
        };
        let words: BTreeMap<String, RawLetterWords> =
            toml::from_str(&text).map_err(|e| e.message().to_owned())?;
        if let Some(id) = words
            .keys()
            .find(|id| !campaign.letters.iter().any(|l| &l.id == *id))
        {
            return Err(format!(
                "[{id}] is not a letter of campaign.toml: use the ids of its [[letters]]"
            ));
        }
        Ok(Wording(words))
    }

    /// The words of letter `spec`, each in this language where given, else
    /// the campaign's.
    pub fn of(&self, spec: &LetterSpec) -> LetterWords {
        let own = self.0.get(&spec.id).cloned().unwrap_or_default();
        let reminder = spec.reminder.as_ref();
        LetterWords {
            title: own.title.unwrap_or_else(|| spec.title.clone()),
            delivery_note: own.delivery_note.or_else(|| spec.delivery_note.clone()),
            elsewhere_note: own.elsewhere_note.or_else(|| spec.elsewhere_note.clone()),
            before_sending: own.before_sending.or_else(|| spec.before_sending.clone()),
            reminder_summary: own
                .reminder_summary
                .or_else(|| reminder.map(|r| r.summary.clone())),
            reminder_description: own
                .reminder_description
                .or_else(|| reminder.map(|r| r.description.clone())),
        }
    }
}
