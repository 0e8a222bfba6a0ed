//! Extraction of the supporter's name, postal address and postcode from
//! what they wrote, the way people actually write.
//!
//! The body is cleaned, then cut into zones weighed by trust ([`segment`]):
//! the supporter's own text, the tail after their sign-off, a `-- `
//! signature, their own earlier mail forwarded, and the subject. A work
//! signature (told by its features: a job title, a company, Tel or DX, a
//! disclaimer) and quoted mail are not read, except answers typed under
//! quoted labels. Then:
//! - the postcode is the best of scored candidates ([`postcodes`]);
//! - the address is a label's value, else anchored on the postcode
//!   ([`address`]);
//! - the name is the best of scored candidates ([`name`]).
//!
//! Everything returned is cleaned ([`crate::text`]) and capped: a name at
//! 100 characters, an address at 300. Pure: no I/O.

mod address;
mod address_choice;
mod address_parts;
mod clause;
mod correction;
mod everyday_words;
mod form_choice;
mod forwarded;
mod heading;
mod home_words;
mod label_fields;
mod label_lines;
mod label_values;
mod labels;
mod name;
mod name_parts;
mod not_against;
mod own_quote;
mod place_words;
mod postcodes;
mod quote_starts;
mod segment;
mod signature_words;
mod talk;
mod unwrap;
mod words;
mod zones;

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::inbound::Inbound;
use crate::postcode::Postcode;
use crate::text::{cap_chars, clean_block, clean_line, collapse_whitespace};

use self::address_choice::{address_without_label, cap_address, without_name};
use self::form_choice::{own_form, read_own_forms, read_quoted_form};
use self::unwrap::{undouble_spacing, unwrap_hard_wraps};
use self::words::says_for_another;
use self::zones::{ZoneKind, supporter_zones, zones};

/// Longest name kept, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest address kept, in characters.
pub const MAX_ADDRESS_CHARS: usize = 300;

/// What was read from one message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    pub name: Option<String>,
    /// The address without name and postcode, one element per line or
    /// comma-separated part, as written.
    pub address: Vec<String>,
    pub postcode: PostcodeFinding,
}

/// The outcome of looking for a postcode.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PostcodeFinding {
    /// Nothing postcode-shaped.
    #[default]
    Missing,
    /// Only something that matches with look-alike letters from another
    /// script.
    LookAlike,
    Found(Postcode),
}

impl Extraction {
    /// The postcode, if one was found.
    pub fn postcode(&self) -> Option<&Postcode> {
        match &self.postcode {
            PostcodeFinding::Found(p) => Some(p),
            _ => None,
        }
    }

    /// How many of name, address and postcode were found.
    fn completeness(&self) -> u8 {
        u8::from(self.name.is_some())
            + u8::from(!self.address.is_empty())
            + u8::from(self.postcode().is_some())
    }

    /// The address on one line, parts joined with ", ".
    pub fn address_line(&self) -> Option<String> {
        (!self.address.is_empty()).then(|| self.address.join(", "))
    }
}

/// Read the supporter's details from a message: from its text part, and
/// from its HTML part too when the text part leaves something out.
pub fn extract(inbound: &Inbound) -> Extraction {
    let Some(html) = inbound.html_alternative.as_deref() else {
        return extract_from(inbound, &inbound.body, Earlier::Read);
    };
    // The HTML part's text, made at most once, and only when needed.
    let html_text = OnceCell::new();
    let html_text = || {
        html_text
            .get_or_init(|| crate::html::to_text(html))
            .as_str()
    };
    if lines_lost(&inbound.body, html, html_text) {
        return extract_from(inbound, html_text(), Earlier::Read);
    }
    let from_text = extract_from(inbound, &inbound.body, Earlier::Read);
    if from_text.completeness() == 3 {
        return from_text;
    }
    let from_html = extract_from(inbound, html_text(), Earlier::Read);
    if from_html.completeness() > from_text.completeness() {
        from_html
    } else {
        from_text
    }
}

/// Whether a text part is its HTML part's text with the lines run
/// together, as Samsung Email writes it ("… 3 Brae View, TurriffName
/// Kirsty DoigThank you!!Sent from my Galaxy"): the same characters but
/// for white space, two of the HTML's lines glued. Its lines are then
/// read from the HTML. A count of the HTML's line tags first keeps its
/// text from being made for most mail.
fn lines_lost<'a>(text: &str, html: &str, html_text: impl Fn() -> &'a str) -> bool {
    let text_breaks = text.trim().matches('\n').count();
    let html_breaks = ["<div", "<p", "<br"]
        .iter()
        .map(|tag| html.matches(tag).count())
        .sum::<usize>();
    if html_breaks < text_breaks + 2 {
        return false;
    }
    let html_text = html_text();
    let words = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if words(text) != words(html_text) {
        return false;
    }
    // Glued ("Turriff" and "Name …" as "TurriffName …"), not set apart by
    // a tab, as a table's cells are.
    let html_lines: Vec<&str> = html_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    html_lines
        .windows(2)
        .any(|pair| text.contains(&format!("{}{}", pair[0], pair[1])))
}

/// Whether the supporter's own earlier mail, quoted in this one, is read
/// for what this one leaves out: only at the top, so a mail quoting itself
/// a thousand levels deep costs one more reading, not a thousand.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Earlier {
    Read,
    Ignored,
}

fn extract_from(inbound: &Inbound, body: &str, earlier: Earlier) -> Extraction {
    let body = clean_block(body);
    let mut plain: Vec<Cow<'_, str>> = body.lines().map(label_lines::as_plain_label).collect();
    label_lines::without_list_numbers(&mut plain);
    let plain = label_lines::columns_as_labels(plain);
    let lines = undouble_spacing(plain.iter().map(|l| l.as_ref()).collect());
    let unwrapped: Vec<String> = unwrap_hard_wraps(&lines)
        .into_iter()
        .map(|l| match label_lines::with_label_slip_fixed(&l) {
            Cow::Owned(fixed) => fixed,
            Cow::Borrowed(_) => l,
        })
        .map(|l| unwrap::semicolons_as_commas(&l).unwrap_or(l))
        .map(|l| unwrap::dictated_punctuation(&l).unwrap_or(l))
        .map(|l| unwrap::bracketed_places_as_parts(&l).unwrap_or(l))
        .collect();
    let lines: Vec<&str> = unwrapped.iter().map(String::as_str).collect();
    let subject = clean_line(&inbound.subject);
    let segments = segment::segment(&lines, is_forward_subject(&subject));
    let zones = zones(inbound, &segments, subject);

    let readable: Vec<&str> = supporter_zones(&zones)
        .filter(|z| z.kind != ZoneKind::QuotedAnswers)
        .flat_map(|z| z.text.split('\n'))
        .collect();
    let forms = read_own_forms(&readable);
    let labelled: Vec<Postcode> = forms.iter().flat_map(|f| f.postcodes.clone()).collect();
    // Answers typed into a quoted form fill what the supporter's own
    // writing left out; they never add to it.
    let quoted = zones
        .iter()
        .find(|z| z.kind == ZoneKind::QuotedAnswers)
        .map(|z| read_quoted_form(&z.text.split('\n').collect::<Vec<_>>()))
        .unwrap_or_default();
    // Only the supporter's own labels weigh for a postcode: one labelled in
    // the quoted earlier mail is what a correction may be correcting.
    let supporter_text = supporter_zones(&zones)
        .map(|z| z.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    // Answering a form that names someone else, "Mum's postcode is …" is
    // written for them.
    let for_the_form = zones::form_name(inbound, quoted.name.as_deref())
        == zones::FormName::Someone
        && zones::writes_for_another(&zones[0].text);
    let proxy = says_for_another(&supporter_text) || for_the_form;
    let choice = postcodes::choose(&zones, &labelled, proxy);
    let mut labels = own_form(forms, choice.best.as_ref().map(|c| &c.postcode));
    labels.look_alike |= quoted.look_alike;

    let mut names = Vec::new();
    if let Some(name) = &labels.name {
        names.push(name::Candidate::new(name.clone(), name::Source::Label));
    }
    names.extend(name::in_text(&supporter_text, proxy));
    names.extend(
        quoted
            .name
            .clone()
            .map(|n| name::Candidate::new(n, name::Source::QuotedLabel)),
    );
    let mut address = labels.address.clone();
    let mut block_heading = None;
    if address.is_empty() {
        let (parts, heading) = address_without_label(&zones, &choice);
        let asked = zones.iter().any(|z| z.kind == ZoneKind::QuotedAnswers);
        // The help reply's quoted form holds the address when what stands
        // by the new postcode is none ("Sorry about that, it's TD12 4JU").
        let quoted_is_better =
            !address::looks_like_address(&parts) && address::looks_like_address(&quoted.address);
        address = if parts.is_empty() || quoted_is_better {
            quoted.address.clone()
        } else {
            parts
        };
        // The help reply asked for the address, and the reply gives it
        // alone ("Sorry it's 33 Lang Stracht, Aberdeen").
        if address.is_empty() && asked {
            address = supporter_zones(&zones)
                .filter(|z| z.kind != ZoneKind::QuotedAnswers && z.kind != ZoneKind::Subject)
                .map(|z| address::answering(&z.text))
                .find(|parts| !parts.is_empty())
                .unwrap_or_default();
        }
        names.extend(
            heading
                .as_deref()
                .and_then(name::from_heading)
                .map(|h| name::Candidate::new(h, name::Source::BlockHeading)),
        );
        block_heading = heading;
        // A "name" written just before the address is the house's when the
        // writer is named already and it is someone else: in a reply to the
        // form that asked for the address ("Sorry! It's Bryn Awel, Garth
        // Road, Builth Wells"), or after "send the letters to" in a mail
        // for themselves, from someone the From line names.
        let replying = asked && quoted.address.is_empty();
        let writer = if replying {
            quoted.name.clone()
        } else {
            sender_name(inbound)
                .and_then(name::from_display)
                .filter(|_| !proxy)
        };
        let may_be_a_house = names
            .iter()
            .filter(|c| replying || c.source == name::Source::Proxy);
        if let Some(house) = heading::house_read_as_name(
            may_be_a_house,
            writer.as_deref(),
            address.first(),
            &supporter_text,
        ) {
            names.retain(|c| c.name != house);
            if address.first() != Some(&house) {
                address.insert(0, house);
            }
            block_heading = None;
        }
    }
    let signoff = segments
        .signoff_name
        .map(str::to_owned)
        .or_else(|| first_written(&segments.tail))
        .or_else(|| first_written(&segments.signature))
        .and_then(|l| name::from_signoff(&l));
    // Their own earlier mail, forwarded, is signed as they sign.
    let signoff = signoff.or_else(|| {
        let forward = zones.iter().find(|z| z.kind == ZoneKind::Forward)?;
        let lines: Vec<&str> = forward.text.lines().map(str::trim).collect();
        let closing = lines.iter().rposition(|l| segment::SIGNOFF.is_match(l))?;
        let below = lines[closing + 1..].iter().find(|l| !l.is_empty())?;
        name::from_signoff(below)
    });
    let short_signoff = signoff.clone().filter(|s| name::is_one_word(s));
    let signed_in_full = signoff
        .clone()
        .filter(|s| name::is_capitalised_full_name(s));
    names.extend(signoff.map(|s| name::Candidate::new(s, name::Source::SignOff)));
    // Written on someone else's account, the From line is theirs.
    let sender =
        sender_name(inbound).filter(|_| !home_words::ANOTHERS_ACCOUNT.is_match(&supporter_text));
    names.extend(
        name::closing(&segments.own, sender)
            // The name typed under a written one ("Elspeth" / "Mrs Elspeth
            // M. Irving"), below the closing.
            .or_else(|| name::closing(&segments.tail, sender))
            .map(|s| name::Candidate::new(s, name::Source::SignOff)),
    );
    names.extend(
        name::sender_in_full(&segments.own, sender)
            .map(|s| name::Candidate::new(s, name::Source::SignOff)),
    );
    names.extend(
        name::opening(&segments.own).map(|s| name::Candidate::new(s, name::Source::BlockHeading)),
    );
    // A letter's address block with no name over it ("Tír na nÓg" /
    // "School Lane" / …), signed with a full name that shares nothing with
    // its first line: that line is the house's name, not a person's.
    // Unless the From line names it ("Maureen Tilley" signs a pasted letter).
    let display = sender.and_then(name::from_display);
    if !proxy && let Some(signed) = signed_in_full.as_deref() {
        names.retain(|c| {
            !(c.source == name::Source::BlockHeading
                && heading::is_someone_else(&c.name, signed)
                && display.as_deref() != Some(c.name.as_str()))
        });
    }
    // A name in the subject ("Letters for Martin Greaves", the From line's
    // "E McLeish" written out) only when the body has none better.
    let subject = zones.iter().filter(|z| z.kind == ZoneKind::Subject);
    names.extend(
        subject
            .flat_map(|z| name::in_subject(&z.text, sender))
            .map(|n| name::Candidate::new(n, name::Source::DisplayName)),
    );
    // The home chosen is the person's written for: the From name and the
    // sign-off are the writer's, not theirs.
    let theirs = choice.best.as_ref().is_some_and(|c| c.theirs);
    let (names, display) = if theirs {
        let theirs = names
            .into_iter()
            .filter(|c| c.source != name::Source::SignOff)
            .collect();
        (theirs, None)
    } else {
        (names, display)
    };
    // A first name or a nickname alone ("Gaz") cannot sign a letter to
    // an MP: ask for the full name rather than guess.
    let from_line = display.clone();
    let mut name = name::choose(names, display).filter(|n| !name::is_one_word(n));
    // The From line's name, written in the body in other case ("pls jake
    // o'brien 27 st marys lane"): as the supporter wrote it.
    if name.is_some() && name == from_line {
        name = name.map(|n| name::as_written_in(&supporter_text, &n).unwrap_or(n));
    }
    name = name.map(|n| name::with_accents_in(&supporter_text, &n).unwrap_or(n));
    let sender_address = inbound.sender.as_ref().map(|s| s.address.as_str());
    // "Tom Hill" over "4 Church Lane", signed "Tom": a name whose surname is
    // a street word, confirmed by the sign-off or the sender's address.
    if name.is_none()
        && let Some(first) = address.first()
        && heading::is_confirmed_heading(first, short_signoff.as_deref(), sender_address)
    {
        name = Some(address.remove(0));
    }
    if address.len() >= 3 && heading::is_senders_first_name(&address[0], sender_address) {
        address.remove(0);
    }
    if let Some(name) = &name {
        address = without_name(address, name);
        // A name-like first line that is not the person ("NB Kingfisher",
        // a boat; "Hafod Wen", a house) belongs to the address.
        if let Some(heading) = block_heading.filter(|h| heading::is_someone_else(h, name)) {
            address.insert(0, heading);
        }
    }
    // A place alone cannot carry a letter ("Address: Worcester", "she
    // lives in Longton", "Newtown, Powys"): ask for the street rather
    // than guess.
    if address::is_only_a_place(&address) {
        address.clear();
    }

    let postcode = match choice.best {
        Some(c) => PostcodeFinding::Found(c.postcode),
        None if choice.look_alike || labels.look_alike => PostcodeFinding::LookAlike,
        None => PostcodeFinding::Missing,
    };
    let mut extraction = Extraction {
        // Whitespace collapsed ("Morag  Duthie", a PDF's justified line).
        name: name.map(|n| cap_chars(&collapse_whitespace(&n), MAX_NAME_CHARS)),
        address: cap_address(address),
        postcode,
    };
    // Their own earlier mail, quoted in a reply that adds what it left out
    // ("Forgot the postcode! HU9 2RJ"), fills in what the reply lacks.
    if earlier == Earlier::Read
        && extraction.completeness() < 3
        && let Some(sender) = inbound.sender.as_ref()
        && let Some(quoted) = own_quote::own_quoted(&lines, &sender.address)
    {
        let earlier = extract_from(inbound, &quoted.join("\n"), Earlier::Ignored);
        own_quote::fill_in(&mut extraction, earlier, &supporter_text);
    }
    extraction
}

/// The first line with something written on it.
fn first_written(lines: &[&str]) -> Option<String> {
    // Past a second closing ("Thank you." then "With every good wish,").
    lines
        .iter()
        .map(|l| l.trim())
        .find(|l| !l.is_empty() && !segment::SIGNOFF.is_match(l))
        .map(str::to_owned)
}

fn is_forward_subject(subject: &str) -> bool {
    let s = subject.trim_start().to_lowercase();
    s.starts_with("fw:") || s.starts_with("fwd:") || s.starts_with("fw :") || s.starts_with("tr:")
}

#[cfg(test)]
mod tests;

/// The From line's display name, as sent.
fn sender_name(inbound: &Inbound) -> Option<&str> {
    inbound.sender.as_ref().and_then(|s| s.name.as_deref())
}
