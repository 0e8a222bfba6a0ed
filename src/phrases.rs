//! The few words postbag writes itself, in the campaign's language: month
//! names for the `long_date` template filter, how the MP is named on a
//! letter's To: line, and the subject of a reply to a mail that had none.
//!
//! They live in `templates/<language>/phrases.toml`, beside the templates
//! that use them, so a second language is a second folder and no code.
//! A phrase is plain text with `{name}` slots filled by one pass over the
//! pattern, so a value that happens to contain braces is never read as a
//! slot. Pure: no I/O after loading.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use thiserror::Error;

/// The file, relative to the language's folder.
pub const FILE: &str = "phrases.toml";

/// A problem with the phrases file: what is wrong, and with which phrase.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct PhrasesError(String);

/// The loaded phrases of one language.
#[derive(Clone, Debug)]
pub struct Phrases {
    months: Vec<String>,
    long_date: String,
    mp: String,
    no_mp: String,
    empty_subject: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhrases {
    months: Vec<String>,
    long_date: String,
    mp: String,
    no_mp: String,
    empty_subject: String,
}

impl Phrases {
    /// Read `phrases.toml` from the language folder `dir` and check that
    /// every phrase uses only its own slots.
    ///
    /// # Errors
    /// A [`PhrasesError`] naming the phrase at fault.
    pub fn load(dir: &Path) -> Result<Phrases, PhrasesError> {
        let fail = PhrasesError;
        let text = std::fs::read_to_string(dir.join(FILE)).map_err(|e| fail(e.to_string()))?;
        let raw: RawPhrases = toml::from_str(&text).map_err(|e| fail(e.message().to_owned()))?;
        if raw.months.len() != 12 || raw.months.iter().any(|m| m.trim().is_empty()) {
            return Err(fail("months: list the twelve month names".to_owned()));
        }
        for (field, pattern, slots) in [
            ("long_date", &raw.long_date, &["day", "month", "year"][..]),
            ("mp", &raw.mp, &["name"][..]),
            ("no_mp", &raw.no_mp, &["constituency"][..]),
            ("empty_subject", &raw.empty_subject, &["campaign"][..]),
        ] {
            check_slots(pattern, slots).map_err(|problem| fail(format!("{field}: {problem}")))?;
        }
        Ok(Phrases {
            months: raw.months,
            long_date: raw.long_date,
            mp: raw.mp,
            no_mp: raw.no_mp,
            empty_subject: raw.empty_subject,
        })
    }

    /// A date as a letter writes it: "23 November 2026".
    pub fn long_date(&self, date: jiff::civil::Date) -> String {
        let month = usize::try_from(date.month() - 1)
            .ok()
            .and_then(|i| self.months.get(i))
            .map_or("", String::as_str);
        fill(
            &self.long_date,
            &[
                ("day", &date.day().to_string()),
                ("month", month),
                ("year", &date.year().to_string()),
            ],
        )
    }

    /// The MP as a letter's To: line names them: "Alex Example MP".
    pub fn mp(&self, name: &str) -> String {
        fill(&self.mp, &[("name", name)])
    }

    /// The MP of a seat with none at the moment: "The MP for Exampleton".
    pub fn no_mp(&self, constituency: &str) -> String {
        fill(&self.no_mp, &[("constituency", constituency)])
    }

    /// The reply's subject (after "Re: ") when the supporter's had none.
    pub fn empty_subject(&self, campaign: &str) -> String {
        fill(&self.empty_subject, &[("campaign", campaign)])
    }

    /// A Tera filter writing an ISO date (`2026-11-23`) as [`Phrases::long_date`]
    /// does; templates write `{{ date | long_date }}`.
    pub(crate) fn long_date_filter(
        &self,
    ) -> impl Fn(&tera::Value, &HashMap<String, tera::Value>) -> tera::Result<tera::Value>
    + Send
    + Sync
    + 'static {
        let phrases = self.clone();
        move |value, _args| {
            let date = value
                .as_str()
                .and_then(|s| s.parse::<jiff::civil::Date>().ok())
                .ok_or_else(|| tera::Error::msg("long_date: expects a date like 2026-11-23"))?;
            Ok(tera::Value::String(phrases.long_date(date)))
        }
    }
}

/// Fill the `{slot}`s of `pattern` in one pass.
fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let slot = after
            .find('}')
            .and_then(|close| values.iter().find(|(name, _)| *name == &after[..close]));
        match slot {
            Some((name, value)) => {
                out.push_str(value);
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every `{…}` in `pattern` must be one of `slots`.
fn check_slots(pattern: &str, slots: &[&str]) -> Result<(), String> {
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| "a { with no }".to_owned())?;
        let slot = &after[..close];
        if !slots.contains(&slot) {
            return Err(format!(
                "{{{slot}}} is not a slot here; use {}",
                slots
                    .iter()
                    .map(|s| format!("{{{s}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_filled_once() {
        assert_eq!(fill("{name} MP", &[("name", "A {name}")]), "A {name} MP");
        assert_eq!(fill("{x} and {", &[("name", "A")]), "{x} and {");
    }

    #[test]
    fn unknown_slots_are_named() {
        assert!(check_slots("{name} MP", &["name"]).is_ok());
        let problem = check_slots("{nmae} MP", &["name"]).expect_err("typo");
        assert!(
            problem.contains("{nmae}") && problem.contains("{name}"),
            "{problem}"
        );
        assert!(check_slots("{name MP", &["name"]).is_err());
    }

    #[test]
    fn shipped_english_reads_as_before() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/en");
        let phrases = Phrases::load(&dir).expect("phrases");
        let date = jiff::civil::date(2026, 11, 3);
        assert_eq!(phrases.long_date(date), "3 November 2026");
        assert_eq!(phrases.mp("Alex Example"), "Alex Example MP");
        assert_eq!(phrases.no_mp("Exampleton"), "The MP for Exampleton");
        assert_eq!(phrases.empty_subject("Camp"), "your letters from Camp");
    }
}
