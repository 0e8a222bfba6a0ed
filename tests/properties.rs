//! Property tests of the postcode normaliser and the extractor: normalising
//! twice changes nothing; a supporter's postcode is found wherever they
//! write it, with any spacing and case, and a postcode that only appears in
//! a quoted reply or a signature is never taken.

use postbag::extract::{PostcodeFinding, extract};
use postbag::inbound::{Inbound, Sender};
use postbag::postcode::Postcode;
use proptest::prelude::*;

/// Valid postcodes in every BS 7666 shape, from letters the rules allow.
fn postcode() -> impl Strategy<Value = String> {
    let first = "[ABCDEFGHIJKLMNOPRSTUWYZ]";
    let second = "[ABCDEFGHKLMNOPQRSTUVWXY]";
    let inward = "[0-9][ABDEFGHJLNPQRSTUWXYZ]{2}";
    let outward = [
        format!("{first}[0-9]"),
        format!("{first}[0-9][0-9]"),
        format!("{first}[0-9][ABCDEFGHJKPSTUW]"),
        format!("{first}{second}[0-9]"),
        format!("{first}{second}[0-9][0-9]"),
        format!("{first}{second}[0-9][ABEHMNPRVWXY]"),
    ]
    .join("|");
    proptest::string::string_regex(&format!("(?:{outward}) {inward}"))
        .expect("regex")
        // Crown Dependency and BFPO areas are valid too, but this property is
        // about UK postcodes.
        .prop_filter("UK areas only", |p| {
            !["JE", "GY", "IM", "BF", "GX"]
                .iter()
                .any(|a| p.starts_with(a))
        })
}

/// The same postcode as a person might type it: any case, no space or
/// several.
fn as_typed(postcode: &str, lower: bool, spaces: usize) -> String {
    let (outward, inward) = postcode.split_once(' ').expect("canonical form");
    let typed = format!("{outward}{}{inward}", " ".repeat(spaces));
    if lower { typed.to_lowercase() } else { typed }
}

fn inbound(body: String) -> Inbound {
    Inbound {
        sender: Some(Sender {
            name: Some("Jane Smith".to_owned()),
            address: "jane@example.org".to_owned(),
        }),
        subject: "Send my letters".to_owned(),
        body,
        ..Inbound::default()
    }
}

fn found(body: String) -> Option<String> {
    match extract(&inbound(body)).postcode {
        PostcodeFinding::Found(p) => Some(p.as_str().to_owned()),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn normalising_twice_changes_nothing(p in postcode(), lower: bool, spaces in 0usize..3) {
        let once = Postcode::parse(&as_typed(&p, lower, spaces)).expect("valid postcode parses");
        prop_assert_eq!(once.as_str(), p.as_str());
        let twice = Postcode::parse(once.as_str()).expect("canonical form parses");
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn parse_never_panics_and_its_output_is_canonical(text in "\\PC{0,12}") {
        if let Some(p) = Postcode::parse(&text) {
            let again = Postcode::parse(p.as_str());
            prop_assert_eq!(again.as_ref(), Some(&p));
        }
    }

    #[test]
    fn the_supporters_postcode_is_found_however_it_is_written(
        p in postcode(), lower: bool, spaces in 0usize..3, layout in 0usize..4,
    ) {
        let typed = as_typed(&p, lower, spaces);
        let body = match layout {
            0 => format!("Name: Jane Smith\nAddress: 12 Acacia Avenue, Swanley\nPostcode: {typed}\n"),
            1 => format!("Hello,\n\nPlease send the letters.\n\nJane Smith\n12 Acacia Avenue\nSwanley\n{typed}\n"),
            2 => format!("Please send my letters.\n\n12 Acacia Avenue, Swanley {typed}\n\nThanks,\nJane"),
            _ => format!("my postcode is {typed} and my name is Jane Smith\nAddress: 12 Acacia Avenue\n"),
        };
        prop_assert_eq!(found(body), Some(p));
    }

    #[test]
    fn a_postcode_only_in_a_quote_or_signature_is_never_taken(p in postcode(), quote in 0usize..5) {
        let own = "Name: Jane Smith\nAddress: 12 Acacia Avenue, Swanley\n\nPlease send my letters.\n";
        let rest = match quote {
            0 => format!("\n> House of Commons\n> London {p}\n"),
            1 => format!("\nOn Mon, 1 Jun 2026 at 10:02, Office <office@example.org> wrote:\nLondon {p}\n"),
            2 => format!("\n-----Original Message-----\nFrom: NHS England\n{p}\n"),
            3 => format!("\n-- \nJane Smith\nAcme Ltd, 1 Work Street, {p}\n"),
            _ => format!("\nFrom: NHS England <x@example.org>\nSent: Monday\nTo: Jane\nSubject: hi\n\n{p}\n"),
        };
        prop_assert_eq!(found(format!("{own}{rest}")), None);
    }

    #[test]
    fn extraction_never_panics_and_respects_its_caps(body in "\\PC{0,600}") {
        let e = extract(&inbound(body));
        prop_assert!(e.name.as_ref().is_none_or(|n| n.chars().count() <= 100));
        prop_assert!(e.address_line().is_none_or(|a| a.chars().count() <= 300));
    }
}
