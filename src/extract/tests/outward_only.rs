//! A postcode's first half alone ("LS12", "NR2 something"): the help
//! reply asks for the postcode, and the address written with it is read,
//! without the half postcode or the talk after it.

use super::{run, some};

#[test]
fn a_half_postcode_with_a_word_for_the_rest_is_no_part_of_the_town() {
    let body = "Hiya, put me down for the letters. Grace Okafor, 8 Mount Pleasant Road, Exeter EX4 something, I'll find the rest later.\n";
    assert_eq!(
        run(None, "", body),
        (
            some("Grace Okafor"),
            some("8 Mount Pleasant Road, Exeter"),
            None
        )
    );
}

#[test]
fn not_remembering_the_rest_is_talk_after_the_address() {
    let body = "Morning. We're at 5 Boundary Lane, Oldham OL8, cant recall the rest of the postcode as we moved in May. Shaun Kelly\n";
    assert_eq!(run(None, "", body).1, some("5 Boundary Lane, Oldham"));
}

#[test]
fn a_half_postcode_vouches_for_a_street_no_street_word_names() {
    // "Highgate" names no street by its words; the postcode's start after
    // the town says the writer was giving their address.
    let body = "Hello,\n\nI'm Nadia Rahman at 31 Highgate, Kendal, LA9 — the rest has gone out of my head, sorry.\n\nNadia\n";
    assert_eq!(
        run(None, "", body),
        (some("Nadia Rahman"), some("31 Highgate, Kendal"), None)
    );
}

#[test]
fn a_block_headed_by_the_house_name_before_its_number_is_an_address() {
    let body = "Hello,\n\nPlease send the letters.\n\nMorag Bain\nThe Neuk, 4 Kirk Wynd\nFalkland\nFife\n\nI can't mind the postcode, it's KY15 something.\n\nMorag\n";
    assert_eq!(
        run(None, "", body).1,
        some("The Neuk, 4 Kirk Wynd, Falkland, Fife")
    );
}

#[test]
fn money_is_no_house_number() {
    let body = "Hello,\n\nA £250m deal should never run on this way. We've only just moved and I don't know the postcode yet.\n\nIsla Grant\n22 Craigie Brae\nForfar\nAngus\n";
    assert_eq!(
        run(None, "", body).1,
        some("22 Craigie Brae, Forfar, Angus")
    );
}
