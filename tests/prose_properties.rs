//! Properties of the extractor on prose: a supporter's name, address and
//! postcode written in random sentence templates (lead-ins, orders,
//! punctuation, hard line wraps) are all found, exactly; and a postcode
//! with a word against it beside it ("my GP is at", "our office is at")
//! is never chosen over one with a word for it ("I live at"), whichever
//! is written first.

use postbag::extract::extract;
use postbag::inbound::{Inbound, Sender};
use proptest::prelude::*;
use proptest::sample::select;

/// Postcodes in real areas, in several shapes.
const POSTCODES: &[&str] = &[
    "BR8 7RE", "M4 5JD", "LS6 2AB", "OX4 1AB", "CF10 1EP", "EH1 1YZ", "NR2 4PX", "SW1A 2AA",
    "B15 2TT", "G3 6QH", "HU12 8JA", "TR26 1AB",
];
const FIRST: &[&str] = &[
    "Tom", "Aisha", "Gwen", "Piotr", "Chidi", "Mei", "Rory", "Sinead",
];
const LAST: &[&str] = &[
    "Fletcher", "Begum", "Morgan", "Nowak", "Okafor", "Lin", "Baird", "Kelly",
];
const STREETS: &[&str] = &[
    "Rowan Close",
    "Mill Lane",
    "Station Road",
    "Church Street",
    "Elm Grove",
];
const TOWNS: &[&str] = &[
    "Warrington",
    "Hedon",
    "Pontypool",
    "Ludlow",
    "Stockton Heath",
];

#[derive(Clone, Debug)]
struct Details {
    name: String,
    address: String,
    postcode: &'static str,
}

fn details() -> impl Strategy<Value = Details> {
    (
        select(FIRST),
        select(LAST),
        1u16..300,
        select(STREETS),
        select(TOWNS),
        select(POSTCODES),
    )
        .prop_map(|(first, last, number, street, town, postcode)| Details {
            name: format!("{first} {last}"),
            address: format!("{number} {street}, {town}"),
            postcode,
        })
}

/// The details written in one of the ways people write them.
fn written(d: &Details, template: usize) -> String {
    let (n, a, p) = (&d.name, &d.address, d.postcode);
    match template {
        0 => format!("Hi, I'm {n} and I live at {a}, {p}. Happy for you to send the letters."),
        1 => format!("My name is {n} and my address is {a}. My postcode is {p}."),
        2 => format!("{p} is my postcode, and the house is {a}. I'm {n}, thanks."),
        3 => format!("Please could you do the letters for me. {n}, {a} {p}."),
        4 => format!("Morning! {n} here - we're at {a}, {p} if you need it."),
        5 => format!(
            "Hello,\n\nPlease send the letters.\n\n{n}\n{}\n{p}\n\nThanks",
            a.replace(", ", "\n")
        ),
        6 => format!(
            "my name is {} and i live at {} {}",
            n.to_lowercase(),
            a.to_lowercase(),
            p.to_lowercase()
        ),
        _ => format!("Name: {n}\nAddress: {a}\nPostcode: {p}"),
    }
}

/// Hard-wrap prose lines at `width`, as some clients send it; lines of a
/// block are left alone (they are already short).
fn wrapped(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in line.split(' ') {
            if !current.is_empty() && current.len() + 1 + word.len() > width {
                out.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push(current);
    }
    out.join("\n")
}

fn inbound(body: String) -> Inbound {
    Inbound {
        sender: Some(Sender {
            name: None,
            address: "supporter@example.org".to_owned(),
        }),
        subject: "Letters please".to_owned(),
        body,
        ..Inbound::default()
    }
}

const AGAINST: &[&str] = &[
    "My GP is at",
    "Our office is at",
    "My old address was",
    "The hospital is at",
    "I work at",
];
const FOR: &[&str] = &[
    "I live at",
    "My home address is",
    "We're at",
    "My address is",
];

proptest! {
    #[test]
    fn details_in_prose_are_read_exactly(d in details(), template in 0usize..8, width in 60usize..120) {
        let body = wrapped(&written(&d, template), width);
        let e = extract(&inbound(body.clone()));
        let (name, address) = if template == 6 {
            (d.name.to_lowercase(), d.address.to_lowercase())
        } else {
            (d.name.clone(), d.address.clone())
        };
        prop_assert_eq!(e.name.as_deref(), Some(name.as_str()), "{}", body);
        prop_assert_eq!(e.address_line(), Some(address), "{}", body);
        prop_assert_eq!(e.postcode().map(|p| p.as_str()), Some(d.postcode), "{}", body);
    }

    #[test]
    fn a_word_against_never_beats_a_word_for(
        against in select(AGAINST),
        for_home in select(FOR),
        other in select(POSTCODES),
        home in select(POSTCODES),
        against_first: bool,
    ) {
        prop_assume!(other != home);
        let away = format!("{against} 4 Park Road, Leeds {other}.");
        let mine = format!("{for_home} 9 Mill Lane, Hedon {home}.");
        let body = if against_first { format!("{away} {mine}") } else { format!("{mine} {away}") };
        let e = extract(&inbound(format!("Hello. {body} Thanks, Kit Lamb")));
        prop_assert_eq!(e.postcode().map(|p| p.as_str()), Some(home), "{}", body);
    }
}
