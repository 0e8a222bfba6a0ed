//! Loading a language's templates and checking them with sample data, so
//! a broken template stops start-up instead of a supporter's reply.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use tera::Tera;

use super::wording::{self, Wording};
use super::{
    LetterInput, PER_LETTER_TEMPLATES, REPLY_TEMPLATES, Seat, Supporter, TemplateError, Templates,
    error_chain, split_subject,
};
use crate::campaign::{Campaign, Layout, Recipient, Region};
use crate::language::Language;
use crate::lookup::{Constituency, Mp};
use crate::phrases::Phrases;

impl Templates {
    /// Load the letter templates named in `campaign`, the reply templates
    /// and the phrases from the language folder `dir`, then render each
    /// template with sample data.
    ///
    /// # Errors
    /// A [`TemplateError`] naming the template and the problem.
    pub fn load(dir: &Path, campaign: &Campaign) -> Result<Templates, TemplateError> {
        // A campaign in a language postbag cannot detect is answered in it
        // alone; only English has others beside it (campaign.rs).
        let main = Language::from_code(&campaign.language).unwrap_or(Language::English);
        let mut templates = Templates::load_language(dir, campaign, main, true)?;
        // The other languages' folders sit beside this one.
        let root = dir.parent().unwrap_or(dir);
        for code in &campaign.other_languages {
            let Some(language) = Language::from_code(code) else {
                continue;
            };
            let other = Templates::load_language(&root.join(code), campaign, language, false)?;
            templates.others.push(other);
        }
        Ok(templates)
    }

    /// One language's templates: every letter's when `all_letters`, else
    /// those its folder has (the rest are written in the campaign's own
    /// language).
    fn load_language(
        dir: &Path,
        campaign: &Campaign,
        language: Language,
        all_letters: bool,
    ) -> Result<Templates, TemplateError> {
        let phrases = Phrases::load(dir).map_err(|e| TemplateError::Load {
            name: crate::phrases::FILE.to_owned(),
            message: e.to_string(),
        })?;
        let mut tera = Tera::default();
        tera.set_escape_fn(super::escape::escape_html);
        tera.register_filter("long_date", phrases.long_date_filter());
        let own_letters: HashSet<String> = campaign
            .letters
            .iter()
            .filter(|l| all_letters || dir.join(&l.template).is_file())
            .map(|l| l.id.clone())
            .collect();
        let mut files: Vec<(std::path::PathBuf, Option<String>)> = campaign
            .letters
            .iter()
            .filter(|l| own_letters.contains(&l.id))
            .map(|l| (dir.join(&l.template), Some(l.template.clone())))
            .collect();
        // The per-letter layout's templates are needed only when chosen,
        // so a campaign folder without them still loads.
        let layout_templates: &[&str] = match campaign.layout {
            Layout::Single => &[],
            Layout::PerLetter => &PER_LETTER_TEMPLATES,
        };
        files.extend(
            REPLY_TEMPLATES
                .iter()
                .chain(layout_templates)
                .map(|name| (dir.join(name), Some((*name).to_owned()))),
        );
        for (path, name) in files {
            let name = name.unwrap_or_default();
            let text = std::fs::read_to_string(&path).map_err(|e| TemplateError::Load {
                name: name.clone(),
                message: e.to_string(),
            })?;
            tera.add_raw_template(&name, &text)
                .map_err(|e| TemplateError::Load {
                    name: name.clone(),
                    message: error_chain(&e),
                })?;
        }
        let wording = Wording::load(dir, campaign).map_err(|message| TemplateError::Load {
            name: wording::FILE.to_owned(),
            message,
        })?;
        let templates = Templates {
            tera,
            phrases,
            language,
            own_letters,
            wording,
            others: Vec::new(),
        };
        templates.self_check(campaign)?;
        Ok(templates)
    }

    /// Render every letter for a sample supporter in every region, seat
    /// state and variant.
    fn self_check(&self, campaign: &Campaign) -> Result<(), TemplateError> {
        let supporter = Supporter {
            name: "Sample Supporter".to_owned(),
            address_lines: vec!["1 Sample Street".to_owned(), "Sampletown".to_owned()],
            postcode: "AB1 2CD".to_owned(),
        };
        let constituency = Constituency {
            name: "Sample Constituency".to_owned(),
            code: "E14000000".to_owned(),
        };
        let mp = Mp {
            name: "Sample Member".to_owned(),
            salutation: "Ms Member".to_owned(),
            party: Some("Sample Party".to_owned()),
            member_id: Some(1),
            email: Some("member@example.org".to_owned()),
            postal_address: None,
        };
        for spec in campaign.letters.iter().filter(|l| self.writes(l)) {
            let mut cases = Vec::new();
            for region in Region::ALL {
                if !spec.applies_in(region) && spec.elsewhere_note.is_none() {
                    continue;
                }
                let seats: &[(Seat, Option<&'static str>)] = match (region, &spec.recipient) {
                    (Region::NoSeat, _) => &[
                        (Seat::None, Some("crown_dependency")),
                        (Seat::None, Some("forces")),
                    ],
                    (_, Recipient::Mp) => &[
                        (Seat::Filled, None),
                        (Seat::Vacant, None),
                        (Seat::Dissolved, None),
                    ],
                    _ => &[(Seat::Filled, None), (Seat::Vacant, None)],
                };
                for &(seat, no_seat) in seats {
                    cases.push((region, seat, no_seat));
                }
            }
            for (region, seat, no_seat) in cases {
                let input = LetterInput {
                    supporter: &supporter,
                    region,
                    constituency: (seat != Seat::None).then_some(&constituency),
                    mp: (seat == Seat::Filled).then_some(&mp),
                    seat,
                    no_seat,
                    date: jiff::civil::date(2027, 1, 1),
                    deadline: jiff::civil::date(2027, 2, 1),
                };
                // Every wording of every slot, the others left at 0.
                let mut variant_sets = vec![BTreeMap::new()];
                for (slot, count) in &spec.variants {
                    for index in 1..*count {
                        variant_sets.push(BTreeMap::from([(slot.clone(), index)]));
                    }
                }
                for forced in variant_sets {
                    let case = format!(
                        "region {}, seat {:?}, variants {forced:?}",
                        region.code(),
                        seat
                    );
                    let context = self.letter_context(spec, &input, |slot| {
                        forced.get(slot).copied().unwrap_or(0)
                    });
                    let text = self.tera.render(&spec.template, &context).map_err(|e| {
                        TemplateError::Sample {
                            name: spec.template.clone(),
                            case,
                            message: error_chain(&e),
                        }
                    })?;
                    split_subject(&text).ok_or_else(|| TemplateError::NoSubject {
                        name: spec.template.clone(),
                    })?;
                }
            }
        }
        Ok(())
    }
}
