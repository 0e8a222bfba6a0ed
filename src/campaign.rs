//! The campaign: its name and its letters (who each is for, where it
//! applies, its template, variants and reminder), read from
//! `campaign.toml` raw, then checked. Everything campaign-specific is in
//! that file and the templates, never in the code; the templates of the
//! campaign's language are in their own folder, `templates/<language>/`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::calendar::WorkingDays;
use crate::email_address::is_email;
use crate::field::{ConfigError, field_error};
use crate::language::Language;
use crate::nation::Nation;

/// The campaign: its name and its letters, in order.
#[derive(Clone, Debug)]
pub struct Campaign {
    pub name: String,
    pub website: Option<String>,
    /// The language the supporter reads: a lower-case code ("en", "cy")
    /// naming the templates' folder.
    pub language: String,
    /// Languages a supporter may be answered in besides `language`, when
    /// they write in one: codes of templates folders ("cy").
    pub other_languages: Vec<String>,
    pub letters: Vec<LetterSpec>,
    /// Weekends and bank holidays, for the date an answer is due.
    pub working_days: WorkingDays,
    pub layout: Layout,
}

/// How the letters reach the supporter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// One reply holding every letter, each also attached as a draft. One
    /// email per supporter, so it spends the least of a provider's
    /// sending quota.
    #[default]
    Single,
    /// A short summary reply, then one email per letter holding only that
    /// letter, so a phone user forwards or copies a clean letter.
    PerLetter,
}

/// One letter of the campaign.
#[derive(Clone, Debug)]
pub struct LetterSpec {
    pub id: String,
    pub title: String,
    pub recipient: Recipient,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub delivery_note: Option<String>,
    /// What the supporter must do before sending, shown above the letter.
    pub before_sending: Option<String>,
    /// Template name, relative to the language's templates folder.
    pub template: String,
    pub regions: Vec<Region>,
    pub elsewhere_note: Option<String>,
    /// Variant slots and how many wordings each has, in name order.
    pub variants: Vec<(String, u8)>,
    pub reminder: Option<Reminder>,
}

/// Who a letter is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recipient {
    /// The supporter's MP, from the lookup.
    Mp,
    /// A fixed recipient, by name.
    Named(String),
}

/// Where a supporter lives, as letters see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Nation(Nation),
    /// A place with a postcode but no Westminster seat.
    NoSeat,
}

impl Region {
    /// The code used in config and templates.
    pub fn code(self) -> &'static str {
        match self {
            Region::Nation(n) => n.code(),
            Region::NoSeat => "none",
        }
    }

    /// The region of a nation, or of a place with no seat.
    pub fn of(nation: Option<Nation>) -> Region {
        nation.map_or(Region::NoSeat, Region::Nation)
    }

    /// All regions, for rendering every template in every one at start-up.
    pub const ALL: [Region; 5] = [
        Region::Nation(Nation::England),
        Region::Nation(Nation::Scotland),
        Region::Nation(Nation::Wales),
        Region::Nation(Nation::NorthernIreland),
        Region::NoSeat,
    ];
}

/// A calendar reminder attached for a letter with a deadline.
#[derive(Clone, Debug)]
pub struct Reminder {
    pub after_months: u8,
    pub summary: String,
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaignFile {
    campaign: RawCampaignInfo,
    #[serde(default)]
    calendar: RawCalendar,
    letters: Vec<RawLetter>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    #[serde(default)]
    bank_holidays: Vec<toml::value::Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaignInfo {
    name: String,
    website: Option<String>,
    language: Option<String>,
    #[serde(default)]
    other_languages: Vec<String>,
    layout: Option<String>,
}

/// The language of a campaign file that names none.
const DEFAULT_LANGUAGE: &str = "en";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLetter {
    id: String,
    title: String,
    recipient: String,
    #[serde(default)]
    to: Vec<String>,
    #[serde(default)]
    cc: Vec<String>,
    delivery_note: Option<String>,
    before_sending: Option<String>,
    template: String,
    nations: Vec<String>,
    elsewhere_note: Option<String>,
    #[serde(default)]
    variants: BTreeMap<String, u8>,
    reminder: Option<RawReminder>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReminder {
    after_months: u8,
    summary: String,
    description: String,
}

impl Campaign {
    /// Read and check `campaign.toml` at `path`; the campaign's language
    /// must be a folder of `templates_root`, and each letter's template a
    /// file in it.
    ///
    /// # Errors
    /// A [`ConfigError`] naming the letter and field at fault.
    pub fn load(path: &Path, templates_root: &Path) -> Result<Campaign, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            file: path.into(),
            source,
        })?;
        let raw: RawCampaignFile = {
            let de = toml::Deserializer::parse(&text).map_err(|e| ConfigError::Syntax {
                file: path.into(),
                message: e.message().to_owned(),
            })?;
            serde_path_to_error::deserialize(de).map_err(|e| {
                let field = e.path().to_string();
                field_error(path, field, e.into_inner().message().to_owned())
            })?
        };
        if raw.campaign.name.trim().is_empty() {
            return Err(field_error(path, "campaign.name", "empty"));
        }
        let language = raw
            .campaign
            .language
            .unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned());
        let language_ok =
            (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_lowercase());
        if !language_ok {
            return Err(field_error(
                path,
                "campaign.language",
                "use a language code of 2 or 3 letters a-z, like \"en\" or \"cy\"",
            ));
        }
        let layout = match raw.campaign.layout.as_deref() {
            None | Some("single") => Layout::Single,
            Some("per_letter") => Layout::PerLetter,
            Some(_) => {
                return Err(field_error(
                    path,
                    "campaign.layout",
                    "must be \"single\" (one reply with every letter) or \"per_letter\" (a summary, then one email per letter)",
                ));
            }
        };
        let templates_dir = templates_root.join(&language);
        if !templates_dir.is_dir() {
            return Err(field_error(
                path,
                "campaign.language",
                format!(
                    "{} is not a folder: make it, with the templates in this language",
                    templates_dir.display()
                ),
            ));
        }
        for (i, code) in raw.campaign.other_languages.iter().enumerate() {
            let at = format!("campaign.other_languages[{i}]");
            // Only Welsh is told apart from English (src/language.rs).
            if Language::from_code(code) != Some(Language::Welsh) || language != "en" {
                return Err(field_error(
                    path,
                    at,
                    "postbag can answer in Welsh (\"cy\") a campaign whose language is \"en\"; no other pair yet",
                ));
            }
            if !templates_root.join(code).is_dir() {
                return Err(field_error(
                    path,
                    at,
                    format!(
                        "{} is not a folder: make it, with the reply templates in this language",
                        templates_root.join(code).display()
                    ),
                ));
            }
        }
        if raw.letters.is_empty() {
            return Err(field_error(path, "letters", "no letters"));
        }
        let mut bank_holidays = Vec::new();
        for (i, day) in raw.calendar.bank_holidays.iter().enumerate() {
            let parsed = day
                .date
                .filter(|_| day.time.is_none())
                .and_then(|d| {
                    jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok()
                })
                .ok_or_else(|| {
                    field_error(
                        path,
                        format!("calendar.bank_holidays[{i}]"),
                        "write a date alone, like 2026-12-25",
                    )
                })?;
            bank_holidays.push(parsed);
        }
        let mut letters = Vec::new();
        for (i, letter) in raw.letters.into_iter().enumerate() {
            let at = |field: &str| format!("letters[{i}].{field}");
            let id_ok = !letter.id.is_empty()
                && letter.id.len() <= 40
                && letter
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !id_ok {
                return Err(field_error(
                    path,
                    at("id"),
                    "use 1 to 40 characters a-z, 0-9 and -",
                ));
            }
            if letters.iter().any(|l: &LetterSpec| l.id == letter.id) {
                return Err(field_error(path, at("id"), "another letter has this id"));
            }
            if letter.title.trim().is_empty() {
                return Err(field_error(path, at("title"), "empty"));
            }
            let recipient = match letter.recipient.trim() {
                "" => return Err(field_error(path, at("recipient"), "empty")),
                "mp" => Recipient::Mp,
                name => Recipient::Named(name.to_owned()),
            };
            for (list, name) in [(&letter.to, "to"), (&letter.cc, "cc")] {
                if let Some(bad) = list.iter().position(|a| !is_email(a)) {
                    return Err(field_error(
                        path,
                        format!("letters[{i}].{name}[{bad}]"),
                        "not an email address",
                    ));
                }
            }
            if recipient == Recipient::Mp && !letter.to.is_empty() {
                return Err(field_error(
                    path,
                    at("to"),
                    "must be empty for the MP: the address comes from the lookup",
                ));
            }
            if letter.delivery_note.is_none()
                && (letter.to.is_empty() || recipient == Recipient::Mp)
            {
                return Err(field_error(
                    path,
                    at("delivery_note"),
                    "needed: this letter can have no email address, so say how to deliver it",
                ));
            }
            if !templates_dir.join(&letter.template).is_file() {
                return Err(field_error(
                    path,
                    at("template"),
                    format!(
                        "{} is not a file",
                        templates_dir.join(&letter.template).display()
                    ),
                ));
            }
            if letter.nations.is_empty() {
                return Err(field_error(
                    path,
                    at("nations"),
                    "empty: list where the letter applies",
                ));
            }
            let mut regions = Vec::new();
            for (j, code) in letter.nations.iter().enumerate() {
                let region = match code.as_str() {
                    "none" => Region::NoSeat,
                    other => Region::Nation(Nation::from_code(other).ok_or_else(|| {
                        field_error(
                            path,
                            format!("letters[{i}].nations[{j}]"),
                            "must be england, scotland, wales, northern_ireland or none",
                        )
                    })?),
                };
                regions.push(region);
            }
            if recipient == Recipient::Mp && regions.contains(&Region::NoSeat) {
                return Err(field_error(
                    path,
                    at("nations"),
                    "\"none\" has no MP, so it cannot be listed for the MP letter",
                ));
            }
            for (slot, &count) in &letter.variants {
                let slot_ok =
                    !slot.is_empty() && slot.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
                if !slot_ok {
                    return Err(field_error(
                        path,
                        format!("letters[{i}].variants.{slot}"),
                        "use a-z and _ in slot names",
                    ));
                }
                if !(1..=5).contains(&count) {
                    return Err(field_error(
                        path,
                        format!("letters[{i}].variants.{slot}"),
                        "must be 1 to 5",
                    ));
                }
            }
            if let Some(r) = &letter.reminder
                && !(1..=12).contains(&r.after_months)
            {
                return Err(field_error(
                    path,
                    at("reminder.after_months"),
                    "must be 1 to 12",
                ));
            }
            letters.push(LetterSpec {
                id: letter.id,
                title: letter.title,
                recipient,
                to: letter.to,
                cc: letter.cc,
                delivery_note: letter.delivery_note,
                before_sending: letter.before_sending,
                template: letter.template,
                regions,
                elsewhere_note: letter.elsewhere_note,
                variants: letter.variants.into_iter().collect(),
                reminder: letter.reminder.map(|r| Reminder {
                    after_months: r.after_months,
                    summary: r.summary,
                    description: r.description,
                }),
            });
        }
        Ok(Campaign {
            name: raw.campaign.name,
            website: raw.campaign.website,
            language,
            other_languages: raw.campaign.other_languages,
            letters,
            working_days: WorkingDays::new(bank_holidays),
            layout,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn campaign_errors_name_the_letter_and_field() {
        let dir = tempfile::tempdir().expect("tempdir");
        let templates = dir.path().join("t");
        std::fs::create_dir_all(templates.join("en")).expect("mkdir");
        std::fs::write(templates.join("en/a.txt"), "Subject: x\n\nx").expect("write");
        let check_in = |campaign: &str, body: &str| {
            let path = dir.path().join("c.toml");
            let text = format!("[campaign]\nname = \"C\"\n{campaign}\n{body}");
            std::fs::write(&path, text).expect("write");
            Campaign::load(&path, &templates)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        let check = |body: &str| check_in("", body);
        let letter = |extra: &str| {
            format!(
                "[[letters]]\nid = \"a\"\ntitle = \"A\"\nrecipient = \"X\"\ntemplate = \"a.txt\"\nnations = [\"england\"]\n{extra}"
            )
        };
        assert_eq!(check(&letter("to = [\"x@example.org\"]")), Ok(()));
        assert!(
            check(&letter("to = [\"bad\"]"))
                .unwrap_err()
                .contains("letters[0].to[0]: not an email address")
        );
        assert!(
            check(&letter(""))
                .unwrap_err()
                .contains("letters[0].delivery_note")
        );
        assert!(check(&letter("to = [\"x@example.org\"]\nnations = [\"kent\"]")).is_err());
        assert!(
            check(&letter("to = [\"x@example.org\"]\ncolour = 1"))
                .unwrap_err()
                .contains("colour")
        );
        let wrong_template = letter("to = [\"x@example.org\"]").replace("a.txt", "b.txt");
        assert!(
            check(&wrong_template)
                .unwrap_err()
                .contains("letters[0].template")
        );
        let fine = letter("to = [\"x@example.org\"]");
        assert_eq!(check_in("language = \"en\"", &fine), Ok(()));
        let welsh = check_in("language = \"cy\"", &fine).unwrap_err();
        assert!(
            welsh.contains("campaign.language") && welsh.contains("not a folder"),
            "{welsh}"
        );
        assert!(
            check_in("language = \"../en\"", &fine)
                .unwrap_err()
                .contains("campaign.language: use a language code")
        );
        // The layout, the other languages and the bank holidays name the
        // field and what to write.
        let layout = check_in("layout = \"stacked\"", &fine).unwrap_err();
        assert!(
            layout.contains("campaign.layout") && layout.contains("per_letter"),
            "{layout}"
        );
        let other = check_in("other_languages = [\"fr\"]", &fine).unwrap_err();
        assert!(other.contains("campaign.other_languages[0]"), "{other}");
        let missing = check_in("other_languages = [\"cy\"]", &fine).unwrap_err();
        assert!(missing.contains("not a folder"), "{missing}");
        let timed = check(&format!(
            "[calendar]\nbank_holidays = [2026-12-25, 2026-12-28T09:00:00]\n{fine}"
        ))
        .unwrap_err();
        assert!(
            timed.contains("calendar.bank_holidays[1]: write a date alone"),
            "{timed}"
        );
        let text = check(&format!(
            "[calendar]\nbank_holidays = [\"25/12/2026\"]\n{fine}"
        ))
        .unwrap_err();
        assert!(text.contains("calendar.bank_holidays"), "{text}");
    }
}
