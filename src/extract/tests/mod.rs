//! The extractor's unit tests, one file per concern. Each is a shape met in
//! the corpus, a blind set or its rewrites (`tests/variants.rs`), written
//! with other words than the mail that showed it.

use super::*;
use crate::inbound::Sender;

mod addresses;
mod asides_and_own;
mod carers_and_phones;
mod endings_and_areas;
mod forms;
mod homes_by_name;
mod houses_and_asides;
mod houses_and_moves;
mod labels;
mod leads_and_slips;
mod lower_case;
mod names;
mod names_and_leads;
mod names_in_other_words;
mod names_written_out;
mod other_places;
mod outward_only;
mod parts_and_names;
mod passed_over;
mod pasted;
mod places_first;
mod postcode_first;
mod postcodes;
mod prose_addresses;
mod quotes_and_signatures;
mod sayings_and_forgotten;
mod sentences;
mod sentences_apart;
mod slips_and_premises;
mod streets_and_closings;
mod talk_around;
mod towns_and_asides;
mod two_homes;
mod unpunctuated;

fn inbound(from_name: Option<&str>, subject: &str, body: &str) -> Inbound {
    Inbound {
        sender: Some(Sender {
            name: from_name.map(str::to_owned),
            address: "jane@example.org".to_owned(),
        }),
        subject: subject.to_owned(),
        body: body.to_owned(),
        ..Inbound::default()
    }
}

fn run(
    from_name: Option<&str>,
    subject: &str,
    body: &str,
) -> (Option<String>, Option<String>, Option<String>) {
    let e = extract(&inbound(from_name, subject, body));
    (
        e.name.clone(),
        e.address_line(),
        e.postcode().map(|p| p.as_str().to_owned()),
    )
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

/// Name, address and postcode, all found.
fn found(
    name: &str,
    address: &str,
    postcode: &str,
) -> (Option<String>, Option<String>, Option<String>) {
    (some(name), some(address), some(postcode))
}
