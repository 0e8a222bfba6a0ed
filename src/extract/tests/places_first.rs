//! The town said first ("I'm in Newton Stewart, 4 …", "I live in …",
//! "You can find me in …"), the town and county typed as a sentence of
//! their own after the street, a Welsh street named "Glan …", a house
//! "called" something, a move "into" a house, "for forty four years", and
//! a postcode typed wrong after a label in a sentence, put right after it.

use super::{found, run};

#[test]
fn a_town_said_first_is_no_name() {
    for body in [
        "Morning. Alasdair Muir - I'm in Castle Douglas, 9 Abercromby Road, DG7 1AA. Letters please.\n",
        "Hi,\n\nI live in Castle Douglas, 9 Abercromby Road, DG7 1AA. Letters please.\n\nAlasdair Muir\n",
        "Alasdair Muir here. You can find me in Castle Douglas, 9 Abercromby Road, DG7 1AA.\n",
    ] {
        assert_eq!(
            run(Some("Alasdair Muir"), "Letters", body),
            found(
                "Alasdair Muir",
                "Castle Douglas, 9 Abercromby Road",
                "DG7 1AA"
            ),
            "{body}"
        );
    }
}

#[test]
fn a_town_and_county_typed_as_a_sentence_go_on_the_address() {
    let body = "Dear Sir\nI would like the letters please.\nMy address is 12 Marine Parade. Budleigh Salterton, Devon. Postcode EX9 6AA.\nYours faithfully\nMrs Ann Tucker\n";
    assert_eq!(
        run(Some("Ann Tucker"), "Letters", body),
        found(
            "Mrs Ann Tucker",
            "12 Marine Parade, Budleigh Salterton, Devon",
            "EX9 6AA"
        )
    );
}

#[test]
fn glan_names_a_welsh_street() {
    let body = "Hi, letters please. I'm Nia Bowen, 7 Glan y Nant, Rhayader, Powys. I don't know the postcode yet, sorry!\n";
    let (name, address, postcode) = run(Some("Nia Bowen"), "Letters", body);
    assert_eq!(
        (name, address),
        (
            Some("Nia Bowen".to_owned()),
            Some("7 Glan y Nant, Rhayader, Powys".to_owned())
        )
    );
    assert_eq!(postcode, None);
}

#[test]
fn a_house_called_and_a_move_into_lead_to_its_name() {
    let body = "Hello,\n\nI live in a house called Penlan, 22 High Street, Tredegar NP22 3AA and have done all my life.\n\nMair Lewis\n";
    assert_eq!(
        run(Some("Mair Lewis"), "Letters", body),
        found("Mair Lewis", "Penlan, 22 High Street, Tredegar", "NP22 3AA")
    );
    let body =
        "Hello,\n\nWe've just moved into Woodlea, 6 Church Road, Crieff PH7 3AA.\n\nIain Fraser\n";
    assert_eq!(
        run(Some("Iain Fraser"), "Letters", body),
        found("Iain Fraser", "Woodlea, 6 Church Road, Crieff", "PH7 3AA")
    );
}

#[test]
fn how_long_in_words_is_talk() {
    let body = "Hello,\n\nI have lived at 8 Orchard Way, Portishead for thirty two years and the postcode is BS20 6AA.\n\nPeter Hale\n";
    assert_eq!(
        run(Some("Peter Hale"), "Letters", body),
        found("Peter Hale", "8 Orchard Way, Portishead", "BS20 6AA")
    );
}

#[test]
fn a_postcode_typed_wrong_after_a_label_in_a_sentence_is_none_of_the_address() {
    let body = "Hi\n\nAddress is 14 Wharf Road, Stroud GL5 AE3 sorry GL5 3AE, fat fingers\n\nCheers Owen Price\n";
    assert_eq!(
        run(Some("Owen Price"), "Letters", body),
        found("Owen Price", "14 Wharf Road, Stroud", "GL5 3AE")
    );
}
