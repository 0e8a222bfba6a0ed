//! Unit tests for details typed without commas or full stops, as the
//! `unpunctuated` form of `tests/variants.rs` rewrites the blind sets,
//! each written with other words than the mail that showed it.

use super::tests::{found, run, some};

#[test]
fn a_farm_address_without_commas_inside_a_sentence_is_read_whole() {
    let body = "Hi\n\nI'm Bryony Tallis and we farm at Upper Hillend Farm Kington Herefordshire HR5 3AA Please do send the letters\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Bryony Tallis",
            "Upper Hillend Farm Kington Herefordshire",
            "HR5 3AA"
        )
    );
}

#[test]
fn a_place_linked_by_by_or_of_stays_in_the_address() {
    let body = "Please make the letters out in my name Ewan Mackie at Mains of Tillyfour Farm by Alford Aberdeenshire AB33 8AA\n\nYours aye\nEwan";
    assert_eq!(
        run(None, "", body).1,
        some("Mains of Tillyfour Farm by Alford Aberdeenshire")
    );
}

#[test]
fn a_block_below_a_wrapped_line_is_not_run_together() {
    let body = "Dear Sir,\nI would like the letters about the NHS data please. My details\nare\nEdith Norcross\nIvy Cottage\nMoor Lane\nBolton-by-Bowland\nBB7 4AA\nThank you.\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Edith Norcross",
            "Ivy Cottage, Moor Lane, Bolton-by-Bowland",
            "BB7 4AA"
        )
    );
}

#[test]
fn the_next_sentence_ends_an_address_with_no_postcode() {
    for (body, address) in [
        (
            "Hullo\n\nAh'm Isla Munro 9 Atholl Street Dunkeld Could ye send me the letters please Ah dinnae ken the postcode\n\nIsla",
            "9 Atholl Street Dunkeld",
        ),
        (
            "Hi I'm Sam Okoro 3 Linden Way Witham Just moved in so no postcode yet\n\nSam",
            "3 Linden Way Witham",
        ),
        (
            "Hello I'm Ruth Gale 14 Copse Road Haslemere It's a new build so the postcode isn't known yet\n\nRuth",
            "14 Copse Road Haslemere",
        ),
    ] {
        assert_eq!(run(None, "", body).1, some(address), "{body}");
    }
}

#[test]
fn a_closing_without_its_comma_signs_the_titled_name_under_it() {
    let body = "Dear friends\n\nPlease send me the letters My address is 2 Abbey Close Tewkesbury GL20 5AA\n\nYours in hope\n\nRevd Miriam Oduya\n";
    assert_eq!(
        run(Some("Miriam Oduya"), "", body).0,
        some("Revd Miriam Oduya")
    );
}

#[test]
fn labels_run_in_without_colons_leave_the_address_alone() {
    let body = "Hi Name Isla Baird address 7 Kirk Street Culross KY12 8AA Cheers";
    assert_eq!(run(None, "", body).1, some("7 Kirk Street Culross"));
}

#[test]
fn here_and_from_between_the_name_and_the_address_are_in_neither() {
    let body = "Hello Fraser Dunbar here from 3 Mill Wynd Haddington EH41 4AA My dad is in a care home in Musselburgh\n\nFraser";
    assert_eq!(
        run(None, "", body),
        found("Fraser Dunbar", "3 Mill Wynd Haddington", "EH41 4AA")
    );
}
