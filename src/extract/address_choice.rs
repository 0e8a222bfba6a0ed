//! Which address: when no label gave one, the address anchored on the
//! supporter's postcode, else one found without it, else what the subject
//! holds; then the name taken out of it and the whole capped. Pure: no I/O.

use crate::text::cap_chars;

use super::words::is_town;
use super::zones::{Zone, ZoneKind, supporter_zones};
use super::{MAX_ADDRESS_CHARS, address, postcodes};

/// The address when no label gave one: anchored on the supporter's
/// postcode where it is in the body (the chosen mention first, then the
/// others), else found without it ("Postcode CF14 4QT, house is 38 Heol
/// Dyfed"); what is above a postcode that does not read as an address
/// ("P.S. forgot the postcode its") comes last. Also the name heading the
/// address block, if any.
pub(super) fn address_without_label(
    zones: &[Zone],
    choice: &postcodes::Choice,
) -> (Vec<String>, Option<String>) {
    let in_body = |c: &&postcodes::Candidate| zones[c.zone].kind != ZoneKind::Subject;
    let anchored: Vec<(Vec<String>, Option<String>)> = choice
        .best
        .iter()
        .chain(&choice.also_at)
        .chain(&choice.mistyped)
        .filter(in_body)
        .map(|c| address::anchored(&zones[c.zone].text, c.start))
        .filter(|(parts, _)| !parts.is_empty())
        .collect();
    // A house's name and its place, with no street ("Tigh na Creige" /
    // "Dalabrog"), is as much an address as a numbered street; so are three
    // places' names under the person's ("Gwilym Rees, Llwyn-y-gog,
    // Mynachlog-ddu, Clunderwen").
    if let Some(found) = anchored.iter().find(|(parts, heading)| {
        address::looks_like_address(parts)
            || parts.iter().any(|p| address::names_a_house(p))
            || (heading.is_some() && parts.len() >= 3 && parts.iter().all(|p| is_town(p)))
    }) {
        return found.clone();
    }
    let below = choice
        .best
        .iter()
        .filter(in_body)
        .find_map(|c| address::below_postcode(&zones[c.zone].text, c.start));
    if let Some(found) = below {
        return found;
    }
    // An address written with a disowned postcode ("my old address, 19
    // Lowther Street, Carlisle CA2 5JY") is no address of theirs.
    let disowned: Vec<Vec<String>> = choice
        .disowned
        .iter()
        .filter(|c| zones[c.zone].kind != ZoneKind::Subject)
        .map(|c| address::anchored(&zones[c.zone].text, c.start).0)
        .filter(|parts| !parts.is_empty())
        .collect();
    // A quoted form's answers are read as its fields, whole.
    let from_subject = choice.best.as_ref().is_some_and(|c| !in_body(&c));
    let unanchored = supporter_zones(zones)
        .filter(|z| z.kind != ZoneKind::QuotedAnswers)
        .map(|z| {
            address::unanchored_beside(
                &z.text,
                from_subject,
                choice.best.as_ref().map(|c| &c.postcode),
            )
        })
        .find(|(parts, _)| !parts.is_empty())
        .filter(|(parts, _)| {
            !disowned
                .iter()
                .any(|d| d.ends_with(parts) || parts.ends_with(d))
        });
    // Last, everything typed into the subject ("Mrs Iris Bell 4 Orchard Way
    // Sleaford NG34 7PG"), read only if it makes a whole address.
    let in_subject = || {
        choice
            .best
            .iter()
            .filter(|c| !in_body(c))
            .map(|c| address::anchored(&zones[c.zone].text, c.start))
            .find(|(parts, _)| address::looks_like_address(parts))
    };
    match (unanchored, anchored.into_iter().next()) {
        (Some(found), _) => found,
        (None, Some(found)) => found,
        (None, None) => in_subject().unwrap_or_default(),
    }
}

/// The name is never part of the address: not a part of its own, nor
/// written in front of the first part.
pub(super) fn without_name(mut address: Vec<String>, name: &str) -> Vec<String> {
    address.retain(|part| !part.eq_ignore_ascii_case(name));
    if let Some(first) = address.first_mut()
        && let Some(rest) = first.strip_prefix(name)
    {
        let rest = rest.trim_start_matches([',', ' ']);
        // "Penelope Hartley-Crane of Rosemary Cottage", "Alasdair Menzies
        // here from 12 Eskbank Road": the words joining the person to
        // their home are in neither.
        let rest = rest.strip_prefix("here ").unwrap_or(rest);
        *first = address::without_link_word(rest).to_owned();
    }
    address.retain(|part| !part.is_empty());
    address
}

/// The parts kept whole while they fit in the cap; a first part longer
/// than the cap alone, cut.
pub(super) fn cap_address(parts: Vec<String>) -> Vec<String> {
    let mut kept = Vec::new();
    let mut used = 0;
    for part in parts {
        let len = part.chars().count() + if kept.is_empty() { 0 } else { 2 };
        if used + len > MAX_ADDRESS_CHARS {
            if kept.is_empty() {
                kept.push(cap_chars(&part, MAX_ADDRESS_CHARS));
            }
            break;
        }
        used += len;
        kept.push(part);
    }
    kept
}
