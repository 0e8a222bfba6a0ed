//! The letters a supporter gets, written in the language of the reply
//! where the campaign has the letter in it (with the campaign's own
//! version beside it), else in the campaign's language; and what the
//! reply says it understood. Pure.

use jiff::Zoned;

use super::Engine;
use crate::campaign::{LetterSpec, Recipient, Region};
use crate::extract::Extraction;
use crate::letters::wording::LetterWords;
use crate::letters::{LetterInput, Seat, Supporter, Templates};
use crate::lookup::Lookup;
use crate::reply::{BuildError, DraftLetter, LeftOut, LettersPlan, ReminderPlan, Understood};

/// What postbag understood, for the top of every reply.
pub(super) fn understood(extraction: &Extraction, lookup: Option<&Lookup>) -> Understood {
    Understood {
        name: extraction.name.clone(),
        address: extraction.address_line(),
        postcode: extraction.postcode().map(|p| p.as_str().to_owned()),
        constituency: lookup
            .and_then(Lookup::constituency)
            .map(|c| c.name.clone()),
        mp: lookup.and_then(Lookup::mp).map(|m| m.name.clone()),
        nation: lookup.and_then(Lookup::nation).map(|n| n.code()),
    }
}

/// Choose and write the letters for a supporter whose details are
/// complete, the reply's words in `language`'s templates.
pub(super) fn letters_plan(
    engine: &Engine,
    language: &Templates,
    extraction: &Extraction,
    (lookup, by_sector, apple_mail): (&Lookup, bool, bool),
    understood: Understood,
    now: &Zoned,
) -> Result<LettersPlan, BuildError> {
    let supporter = Supporter {
        name: extraction.name.clone().unwrap_or_default(),
        address_lines: extraction.address.clone(),
        postcode: extraction
            .postcode()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
    };
    let (seat, no_seat) = match lookup {
        Lookup::Found { .. } => (Seat::Filled, None),
        Lookup::Vacant { .. } => (Seat::Vacant, None),
        Lookup::Dissolved { .. } => (Seat::Dissolved, None),
        Lookup::NoSeat(why) => (Seat::None, Some(why.code())),
        _ => (Seat::None, None),
    };
    let region = Region::of(lookup.nation());
    let today = now.date();
    let input = LetterInput {
        supporter: &supporter,
        region,
        constituency: lookup.constituency(),
        mp: lookup.mp(),
        seat,
        no_seat,
        date: today,
        deadline: engine.config.campaign.working_days.answer_due(today, 1),
    };
    let main = &engine.templates;
    let mut letters = Vec::new();
    let mut left_out = Vec::new();
    let mut reminder = None;
    for (index, spec) in engine.config.campaign.letters.iter().enumerate() {
        let words = language.words(spec);
        if spec.recipient == Recipient::Mp && seat == Seat::None {
            left_out.push(LeftOut {
                title: words.title,
                reason: "no_seat",
            });
            continue;
        }
        let applies = spec.applies_in(region);
        if !applies && spec.elsewhere_note.is_none() {
            left_out.push(LeftOut {
                title: words.title,
                reason: "not_here",
            });
            continue;
        }
        if reminder.is_none()
            && let Some(r) = &spec.reminder
        {
            reminder = Some(ReminderPlan {
                // Sent today, received today: the answer is due a month on,
                // on a working day.
                on: engine
                    .config
                    .campaign
                    .working_days
                    .answer_due(today, r.after_months),
                summary: words.reminder_summary.clone().unwrap_or_default(),
                description: words.reminder_description.clone().unwrap_or_default(),
            });
        }
        // In the reply's language where the campaign has the letter in it,
        // with the campaign's own version beside it; else in the
        // campaign's language.
        let native = language.language() != main.language() && language.writes(spec);
        let writer = if native { language } else { main };
        let mut letter = draft(writer, (spec, &words), &input, lookup)?;
        letter.number = index + 1;
        if !applies {
            letter.elsewhere_note = words.elsewhere_note.clone();
        }
        if native {
            let mut english = draft(main, (spec, &words), &input, lookup)?;
            english.number = index + 1;
            english.id = format!("{}-{}", spec.id, main.language().code());
            // The notes are the reply's, shown once, above the letter.
            english.before_sending = None;
            english.delivery_note = None;
            letter.english = Some(Box::new(english));
        }
        letters.push(letter);
    }
    Ok(LettersPlan {
        understood,
        letters,
        left_out,
        seat,
        no_seat,
        reminder,
        by_sector,
        layout: engine.config.campaign.layout,
        apple_mail,
    })
}

/// One letter written by `templates`, its recipient named in their words,
/// with the reply's `words` about it (its number is the caller's).
fn draft(
    templates: &Templates,
    (spec, words): (&LetterSpec, &LetterWords),
    input: &LetterInput<'_>,
    lookup: &Lookup,
) -> Result<DraftLetter, BuildError> {
    let letter = templates.letter(spec, input)?;
    let addressee = templates.addressee(spec, lookup.mp(), lookup.constituency());
    Ok(DraftLetter {
        number: 0,
        id: spec.id.clone(),
        title: words.title.clone(),
        recipient: addressee.name,
        language: templates.language().code(),
        // How to deliver it, when it has no address to write to.
        delivery_note: if addressee.to.is_empty() {
            words.delivery_note.clone()
        } else {
            None
        },
        to: addressee.to,
        cc: spec.cc.clone(),
        subject: letter.subject,
        body: letter.body,
        before_sending: words.before_sending.clone(),
        elsewhere_note: None,
        english: None,
    })
}
