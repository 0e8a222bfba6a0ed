//! The address rules' unit tests.

use super::unanchored::unanchored;
use super::*;

fn before(text: &str) -> (Vec<String>, Option<String>) {
    anchored(text, text.len())
}

#[test]
fn an_address_inside_a_sentence() {
    let (parts, _) =
        before("Hi, I'm Tom Fletcher and I live at 7 Rowan Close, Stockton Heath, Warrington, ");
    assert_eq!(parts, ["7 Rowan Close", "Stockton Heath", "Warrington"]);
    let (parts, _) = before("Morning! Dev Malhotra here - we're at 41 Tennyson Avenue, Rochester ");
    assert_eq!(parts, ["41 Tennyson Avenue", "Rochester"]);
    let (parts, _) = before("my address is 16 Welsh Row, Nantwich, Cheshire and my postcode is ");
    assert_eq!(parts, ["16 Welsh Row", "Nantwich", "Cheshire"]);
}

#[test]
fn a_block_above_the_postcode_with_its_name() {
    let (parts, name) = before(
        "Please send the letters for me:\n\nGillian Ashworth\nLittle Orchard\nChurch Street\nMaidstone\n",
    );
    assert_eq!(parts, ["Little Orchard", "Church Street", "Maidstone"]);
    assert_eq!(name.as_deref(), Some("Gillian Ashworth"));
}

#[test]
fn a_wrapped_sentence_joins_with_a_space() {
    let (parts, _) = before(
        "Thanks for doing this, I have lived at 2 Dumpton Park Drive, Broadstairs\nfor years, Kent ",
    );
    assert_eq!(parts[0], "2 Dumpton Park Drive");
}

#[test]
fn without_a_postcode() {
    assert_eq!(
        unanchored(
            "Hello. I live at 23 Gilesgate Bank, Durham. Send them please.",
            None
        )
        .0,
        ["23 Gilesgate Bank", "Durham"]
    );
    assert_eq!(
        unanchored("Hi\n\n12 Sandpiper Drive\nRugby\n\nJo", None).0,
        ["12 Sandpiper Drive", "Rugby"]
    );
    assert!(unanchored("I live in hope. Thanks", None).0.is_empty());
}
