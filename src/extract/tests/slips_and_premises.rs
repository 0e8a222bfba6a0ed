//! A postcode put right by one letter, a name put right ("This is
//! Lowri. Lowri Jenkins I mean"), a flat named by its floor, a
//! relative's care home in a mail that says it is "just from me", where
//! in the town before the flat ("I live in the city centre, Flat 14"),
//! "from our farm," and a house's name after "it's".

use super::{found, run, some};

#[test]
fn a_postcode_put_right_by_one_letter_keeps_the_address_written_with_it() {
    let body = "Evening. Morag Lindsay, 8 Seafield Road, Arbroath DD11 1AB\n\nOops, that's wrong, it's DD11 1AD. Fat fingers.\n";
    assert_eq!(
        run(Some("Morag Lindsay"), "Letters", body),
        found("Morag Lindsay", "8 Seafield Road, Arbroath", "DD11 1AD")
    );
}

#[test]
fn a_full_name_putting_right_a_first_name_is_the_name() {
    let body = "Hi, this is the first time I've done this. This is Carys. Carys Pugh I mean, my email only has my first name.\n\nI'm at 3 Heol Las, Bridgend CF31 1AB.\n\nThanks\n";
    assert_eq!(run(Some("Carys"), "Letters", body).0, some("Carys Pugh"));
}

#[test]
fn a_flat_named_by_its_floor_starts_the_address() {
    let body = "Hello,\n\nOliver Grant, 1st floor flat, 12 Arundel Gardens, London W11 2LA. Please send the letters.\n\nOllie\n";
    assert_eq!(
        run(Some("Oliver Grant"), "Letters", body).1,
        some("1st floor flat, 12 Arundel Gardens, London")
    );
}

#[test]
fn a_care_home_in_a_mail_just_from_the_writer_is_not_their_home() {
    let body = "Hello. My mum is 88 and has been in a nursing home in Ilkley since last year, its called The Grange, LS29 9AA if anyone wants to look it up, theyre lovely with her. She has dementia so she cant write these herself and I dont have the legal right to do it for her.\n\nSo this is just from me. Im Paula Ridley, 4 Moor Lane, Skipton, BD23 1AA. I had breast cancer in 2019 and was treated at Leeds so theres a lot about me in the system too.\n\nThanks\nPaula\n";
    assert_eq!(
        run(Some("Paula Ridley"), "Letters", body),
        found("Paula Ridley", "4 Moor Lane, Skipton", "BD23 1AA")
    );
}

#[test]
fn where_in_the_town_before_the_flat_is_no_part_of_the_address() {
    let body = "Hiya, I'm Jade Morgan.\n\nI live in the town centre, Flat 6, Market Court, 9 High Street, Swansea SA1 1AA.\n\nThanks x\n";
    assert_eq!(
        run(Some("Jade Morgan"), "Letters", body).1,
        some("Flat 6, Market Court, 9 High Street, Swansea")
    );
}

#[test]
fn from_our_farm_leads_to_its_name() {
    let body = "Dear friends,\n\nI should like the letters in my own name, Mr Gwyn Davies, from our farm, Pantglas, Llangoedmor, Cardigan SA43 2AA.\n\nDiolch\nGwyn Davies\n";
    assert_eq!(
        run(Some("Gwyn Davies"), "Letters", body).1,
        some("Pantglas, Llangoedmor, Cardigan")
    );
}

#[test]
fn a_house_name_after_its_is_the_first_part() {
    let body = "Hi, my name is Karen Ash. We live over the shop so its Sea View Guest House, 22 Marine Road, Morecambe LA4 4AA\n\nThanks\n";
    assert_eq!(
        run(Some("Karen Ash"), "Letters", body).1,
        some("Sea View Guest House, 22 Marine Road, Morecambe")
    );
}

#[test]
fn a_first_name_after_its_is_no_house() {
    for body in [
        "Hi its Bev, 27 Oakfield Road Thornbury BS35 1AA, please send the letters\n",
        "hi its bev, 27 oakfield road thornbury bs35 1aa, send us the letters\n",
    ] {
        let address = run(None, "Letters", body).1.unwrap_or_default();
        assert!(
            address.starts_with("27 ") && !address.to_lowercase().contains("bev"),
            "{address}"
        );
    }
}
