//! Writing the letters: the campaign's Tera templates, loaded once and
//! rendered per supporter.
//!
//! [`Templates::load`] reads every letter and reply template and renders
//! each one with a sample supporter in every region, every seat state and
//! every variant, so a broken template stops start-up instead of a
//! supporter's reply. What the supporter wrote reaches a template only as a
//! value in the context, never as template text (Tera 1.x would otherwise
//! expose `get_env`). Variants are chosen from a hash of the supporter's
//! details, the letter and the slot, so the same supporter always gets the
//! same letter. Dates reach templates as ISO dates and are written with
//! the `long_date` filter, in the words of the language's
//! [`Phrases`]. Pure: no I/O after loading, no clock (the date is passed
//! in).

mod escape;
mod load;
pub mod wording;

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::{Context, Tera};
use thiserror::Error;

use crate::campaign::{LetterSpec, Recipient, Region};
use crate::failure::{Classify, FailureClass};
use crate::language::Language;
use crate::lookup::{Constituency, Mp};
use crate::phrases::Phrases;
use wording::{LetterWords, Wording};

/// The reply templates every campaign must provide.
pub const REPLY_TEMPLATES: [&str; 5] = [
    "reply/letters.txt",
    "reply/letters.html",
    "reply/help.txt",
    "reply/help.html",
    "reply/help-form.txt",
];

/// The reply templates of the one-email-per-letter layout, needed when a
/// campaign chooses it.
pub const PER_LETTER_TEMPLATES: [&str; 4] = [
    "reply/summary.txt",
    "reply/summary.html",
    "reply/letter.txt",
    "reply/letter.html",
];

/// A template problem found at load time.
#[derive(Debug, Error)]
pub enum TemplateError {
    #[error("template {name}: {message}")]
    Load { name: String, message: String },
    #[error("template {name} fails for a sample supporter ({case}): {message}")]
    Sample {
        name: String,
        case: String,
        message: String,
    },
    #[error("template {name}: the first line must be \"Subject: …\" followed by a blank line")]
    NoSubject { name: String },
}

impl Classify for TemplateError {
    fn class(&self) -> FailureClass {
        FailureClass::Config
    }
}

/// A failure to render for a real supporter. Carries no supporter data.
#[derive(Debug, Error)]
#[error("template {name} failed to render: {message}")]
pub struct RenderError {
    pub name: String,
    pub message: String,
}

/// The loaded templates of one language, and those of the other
/// languages a reply may be written in.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
    phrases: Phrases,
    language: Language,
    /// The letters written in this language: all of them for the
    /// campaign's own, those with a template in its folder for another.
    own_letters: HashSet<String>,
    /// The words about each letter in this language.
    wording: Wording,
    /// The other languages' templates (empty in those).
    others: Vec<Templates>,
}

/// The supporter as templates see them.
#[derive(Clone, Debug, Serialize)]
pub struct Supporter {
    pub name: String,
    pub address_lines: Vec<String>,
    pub postcode: String,
}

/// The seat as letters see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Seat {
    Filled,
    Vacant,
    Dissolved,
    None,
}

/// Everything a letter is written from.
#[derive(Clone, Debug)]
pub struct LetterInput<'a> {
    pub supporter: &'a Supporter,
    pub region: Region,
    pub constituency: Option<&'a Constituency>,
    pub mp: Option<&'a Mp>,
    pub seat: Seat,
    /// For seat `none`, why: `crown_dependency`, `forces`,
    /// `overseas_territory` or `non_geographic`.
    pub no_seat: Option<&'static str>,
    /// Today, in the campaign's time zone.
    pub date: jiff::civil::Date,
    /// The day an answer is due to a letter received today: one month on,
    /// moved past weekends and bank holidays. A letter under UK GDPR states
    /// the rule instead, since the month runs from receipt.
    pub deadline: jiff::civil::Date,
}

/// Who a letter goes to, for one supporter: the name its To: line shows
/// and the addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addressee {
    pub name: String,
    pub to: Vec<String>,
}

/// A rendered letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub body: String,
}

#[derive(Serialize)]
struct RecipientContext<'a> {
    name: &'a str,
    to: &'a [String],
    cc: &'a [String],
}

impl Templates {
    /// Write one letter for a supporter.
    ///
    /// # Errors
    /// A [`RenderError`] if the template fails (it passed the start-up
    /// check, so this means a context the check did not foresee).
    pub fn letter(
        &self,
        spec: &LetterSpec,
        input: &LetterInput<'_>,
    ) -> Result<Letter, RenderError> {
        let seed = supporter_seed(input.supporter);
        let context = self.letter_context(spec, input, |slot| {
            let count = spec
                .variants
                .iter()
                .find(|(s, _)| s == slot)
                .map_or(1, |(_, c)| *c);
            variant(&seed, &spec.id, slot, count)
        });
        let text = self
            .tera
            .render(&spec.template, &context)
            .map_err(|e| RenderError {
                name: spec.template.clone(),
                message: error_chain(&e),
            })?;
        let (subject, body) = split_subject(&text).ok_or_else(|| RenderError {
            name: spec.template.clone(),
            message: "no subject line".to_owned(),
        })?;
        Ok(Letter { subject, body })
    }

    fn letter_context(
        &self,
        spec: &LetterSpec,
        input: &LetterInput<'_>,
        pick: impl Fn(&str) -> u8,
    ) -> Context {
        let mut context = Context::new();
        context.insert("supporter", input.supporter);
        context.insert("date", &input.date.to_string());
        context.insert("no_seat", &input.no_seat);
        context.insert("deadline", &input.deadline.to_string());
        context.insert("nation", input.region.code());
        context.insert("constituency", &input.constituency);
        context.insert("mp", &input.mp);
        context.insert("seat", &input.seat);
        let addressee = self.addressee(spec, input.mp, input.constituency);
        context.insert(
            "recipient",
            &RecipientContext {
                name: &addressee.name,
                to: &addressee.to,
                cc: &spec.cc,
            },
        );
        let v: BTreeMap<&str, u8> = spec
            .variants
            .iter()
            .map(|(slot, _)| (slot.as_str(), pick(slot)))
            .collect();
        context.insert("v", &v);
        context
    }

    /// Who letter `spec` goes to: a named recipient and their addresses
    /// from the campaign, or the supporter's MP (named as the phrases say,
    /// with the email the lookup gave, if any).
    pub fn addressee(
        &self,
        spec: &LetterSpec,
        mp: Option<&Mp>,
        constituency: Option<&Constituency>,
    ) -> Addressee {
        match (&spec.recipient, mp) {
            (Recipient::Named(name), _) => Addressee {
                name: name.clone(),
                to: spec.to.clone(),
            },
            (Recipient::Mp, Some(mp)) => Addressee {
                name: self.phrases.mp(&mp.name),
                to: mp.email.iter().cloned().collect(),
            },
            (Recipient::Mp, None) => Addressee {
                name: constituency.map_or_else(String::new, |c| self.phrases.no_mp(&c.name)),
                to: Vec::new(),
            },
        }
    }

    /// The words postbag writes itself, in the campaign's language.
    pub fn phrases(&self) -> &Phrases {
        &self.phrases
    }

    /// The templates to answer in `language`: its own if the campaign has
    /// them, else the campaign's.
    pub fn for_language(&self, language: Language) -> &Templates {
        self.others
            .iter()
            .find(|t| t.language == language)
            .unwrap_or(self)
    }

    /// This set's language.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Whether letter `spec` is written in this language (else it is
    /// written in the campaign's own).
    pub fn writes(&self, spec: &LetterSpec) -> bool {
        self.own_letters.contains(&spec.id)
    }

    /// The reply's words about letter `spec` in this language.
    pub fn words(&self, spec: &LetterSpec) -> LetterWords {
        self.wording.of(spec)
    }

    /// Render a reply template with a prepared context.
    ///
    /// # Errors
    /// A [`RenderError`] naming the template.
    pub fn reply(&self, name: &str, context: &Context) -> Result<String, RenderError> {
        self.tera.render(name, context).map_err(|e| RenderError {
            name: name.to_owned(),
            message: error_chain(&e),
        })
    }
}

impl LetterSpec {
    /// Whether the letter applies in full in `region`.
    pub fn applies_in(&self, region: Region) -> bool {
        self.regions.contains(&region)
    }
}

/// Split "Subject: …\n\nbody" into its two parts.
fn split_subject(text: &str) -> Option<(String, String)> {
    let text = text.trim_start_matches(['\n', '\r', ' ']);
    let (first, rest) = text.split_once('\n')?;
    let subject = first.strip_prefix("Subject:")?.trim();
    let rest = rest
        .strip_prefix('\n')
        .or_else(|| rest.strip_prefix("\r\n"))?;
    (!subject.is_empty()).then(|| (subject.to_owned(), rest.trim_end().to_owned() + "\n"))
}

/// A stable per-supporter seed: their name and postcode, folded to lower
/// case, hashed. Never stored.
fn supporter_seed(supporter: &Supporter) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(supporter.name.to_lowercase().as_bytes());
    hasher.update([0]);
    hasher.update(supporter.postcode.as_bytes());
    hasher.finalize().into()
}

/// Choose a wording for `slot` of letter `letter_id`: 0 ≤ result < count.
fn variant(seed: &[u8; 32], letter_id: &str, slot: &str, count: u8) -> u8 {
    if count <= 1 {
        return 0;
    }
    let mut hasher = Sha256::new();
    hasher.update(seed);
    hasher.update(letter_id.as_bytes());
    hasher.update([0]);
    hasher.update(slot.as_bytes());
    let digest = hasher.finalize();
    let n = u64::from_be_bytes(digest[..8].try_into().unwrap_or([0; 8]));
    (n % u64::from(count)) as u8
}

/// Tera nests the useful message in its error's sources.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_line_is_split_off() {
        assert_eq!(
            split_subject("Subject: Hi\n\nBody\n\n"),
            Some(("Hi".to_owned(), "Body\n".to_owned()))
        );
        assert_eq!(split_subject("Hi\n\nBody"), None);
        assert_eq!(split_subject("Subject: \n\nBody"), None);
    }

    #[test]
    fn variants_are_stable_and_spread() {
        let seed = |name: &str| {
            supporter_seed(&Supporter {
                name: name.to_owned(),
                address_lines: vec![],
                postcode: "BR8 7RE".to_owned(),
            })
        };
        assert_eq!(
            variant(&seed("Jane Smith"), "mp", "opening", 3),
            variant(&seed("JANE SMITH"), "mp", "opening", 3)
        );
        let mut seen = [0usize; 3];
        for i in 0..300 {
            seen[variant(&seed(&format!("Person {i}")), "mp", "opening", 3) as usize] += 1;
        }
        assert!(seen.iter().all(|&n| n > 60), "{seen:?}");
    }
}
