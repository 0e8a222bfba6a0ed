//! What a relative says of the writer ("which my wife says is typical"),
//! a negated workplace before a colon ("not on behalf of my practice:"),
//! a town in a sentence of its own with its county ("It's in Rhuddlan,
//! Denbighshire."), an outward code alone after "My address is", and
//! "though" ending an address.

use super::{found, run, some};

#[test]
fn what_a_relative_says_of_the_writer_is_nothing_against_the_postcode() {
    let body = "Hello,\n\nMy name is Alan Pryce. My address is 4 Coombe Lane, Ottery St Mary.\n\nI nearly left out the postcode, which my husband says is just like me: EX11 1AB.\n\nAlan\n";
    assert_eq!(
        run(Some("Alan Pryce"), "Letters", body),
        found("Alan Pryce", "4 Coombe Lane, Ottery St Mary", "EX11 1AB")
    );
    // What the relative says of their own place still counts against it.
    let body = "Hello,\n\nI'm Alan Pryce and I live at 4 Coombe Lane, Ottery St Mary EX11 1AB. My mum says her postcode is EX10 8AB.\n\nAlan\n";
    assert_eq!(run(Some("Alan Pryce"), "Letters", body).2, some("EX11 1AB"));
}

#[test]
fn a_workplace_negated_before_the_colon_leading_to_the_address_is_not_against_it() {
    let body = "Dear all,\n\nPlease write the letters as from me, a patient, and not on behalf of my practice: Dr Naomi Field, 27 Abbey Road, Barrow-in-Furness LA14 1XN.\n\nNaomi\n";
    assert_eq!(
        run(Some("Naomi Field"), "Letters", body),
        found(
            "Dr Naomi Field",
            "27 Abbey Road, Barrow-in-Furness",
            "LA14 1XN"
        )
    );
}

#[test]
fn a_town_and_county_in_a_sentence_of_their_own_go_on_the_address() {
    let body = "Hi,\n\nYou'll want my address, it is Flat 2, 9 Castle Street. It's in Conwy, Gwynedd. Postcode LL32 8AY.\n\nMany thanks,\nGlenys Price\n";
    assert_eq!(
        run(Some("Glenys Price"), "Letters", body).1,
        some("Flat 2, 9 Castle Street, Conwy, Gwynedd")
    );
}

#[test]
fn an_outward_code_alone_after_my_address_is_is_no_part_of_the_address() {
    let body = "Hi,\n\nMy name is Rita Mensah.\n\nMy address is 3 Vicarage Road, Leighton Buzzard, LU7 - sorry, the rest of the postcode is on a letter at home.\n\nThanks\nRita\n";
    assert_eq!(
        run(Some("Rita Mensah"), "Letters", body).1,
        some("3 Vicarage Road, Leighton Buzzard")
    );
}

#[test]
fn though_ends_an_address_in_a_sentence() {
    let body = "Morning,\n\nI'm Keith Pardoe and I have just moved into 12 Norwich Road, Swaffham, though I don't know the new postcode yet.\n\nKeith\n";
    assert_eq!(
        run(Some("Keith Pardoe"), "Letters", body).1,
        some("12 Norwich Road, Swaffham")
    );
}
