//! Unit tests for shapes first met in the twenty-eighth blind set, each
//! written with other words than the mail that showed it.

use super::tests::{found, run, some};

#[test]
fn a_line_after_the_postcode_opening_with_my_is_another_sentence() {
    let body = "salaam, bilal rashid here\n12 coventry road small heath b10 0aa\nmy dad had his scans lost at the hospital so i want these letters\nthanks";
    assert_eq!(run(None, "", body).2, some("B10 0AA"));
}

#[test]
fn a_relative_who_told_the_writer_says_nothing_against_the_home() {
    let body = "hiya its kayla price from rhyl my nan told me about this\n4 vale road rhyl ll18 2aa\npls send the letters x";
    assert_eq!(
        run(None, "", body),
        found("kayla price", "4 vale road rhyl", "LL18 2AA")
    );
}

#[test]
fn a_place_with_under_and_a_farm_after_send_to_name() {
    let body = "Evening, please send the letters to Huw Watkins, Lower House Farm, Aston under Wood, Ledbury HR8 2AA. Ta.";
    assert_eq!(
        run(None, "", body),
        found(
            "Huw Watkins",
            "Lower House Farm, Aston under Wood, Ledbury",
            "HR8 2AA"
        )
    );
}

#[test]
fn a_farm_after_we_farm_at_is_no_person() {
    let body = "Hello,\n\nWe farm at Upper Knowe, Ettrick, Selkirk, TD7 5AA. It's a long way to the hospital.\n\nAnne Scott";
    assert_eq!(
        run(None, "", body),
        found("Anne Scott", "Upper Knowe, Ettrick, Selkirk", "TD7 5AA")
    );
}

#[test]
fn living_in_a_district_and_a_city_is_no_address() {
    let body = "Hello,\n\nMy name is Rose Quinn and I live in Drumchapel, Glasgow G15 6AA. Please send me the letters.\n\nRose";
    assert_eq!(run(None, "", body).1, None);
}

#[test]
fn an_address_said_to_be_in_the_signature_is_read_there() {
    let body = "Hi,\n\nPlease send me the letters.\n\nMy address is in my signature.\n\nThanks,\nMhairi\n\n-- \nMhairi Souter\n3 Kirk Wynd\nFalkland\nKY15 7AA\n";
    assert_eq!(
        run(None, "", body),
        found("Mhairi Souter", "3 Kirk Wynd, Falkland", "KY15 7AA")
    );
}
