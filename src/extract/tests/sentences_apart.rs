//! Details set out in sentences: a label inside one ("Address for the
//! letters is …"), a misspelt label with no colon, an address whose parts
//! are sentences of their own after talk, "that's me" pointing at it;
//! and talk beside it: "have done since …", "now with the wife", "it has
//! been …", "she's …", "retired bus driver"; its town in the sentence
//! after it, a flat typed as a sentence before the street, and the post
//! office that delivers it.

use super::{found, run, some};

#[test]
fn an_address_label_for_the_letters_inside_a_sentence() {
    let body = "We moved here from Truro years ago.\n\nAddress for the letters is 7 Chapel Hill, St Erme, TR4 9BJ. My name is Wilfred Pascoe.\n\nRegards\nWilfred Pascoe\n";
    assert_eq!(
        run(Some("Wilfred Pascoe"), "letters", body),
        found("Wilfred Pascoe", "7 Chapel Hill, St Erme", "TR4 9BJ")
    );
}

#[test]
fn a_label_in_a_sentence_ending_with_its_full_stop_reads_no_lines_below() {
    let body = "Hi,\n\nI'm Owen Prichard and I'm fed up with all this.\n\nThe address for the letters is 3 Bryn Road, Llandeilo.\n\nCheers,\nOwen\n";
    assert_eq!(
        run(Some("Owen Prichard"), "SA19 6AB please", body).1,
        some("3 Bryn Road, Llandeilo")
    );
}

#[test]
fn adress_misspelt_without_a_colon_is_a_label() {
    let body = "name Gareth Lloyd\nadress 9 Maes y Dre, Rhayader\npostcode LD6 5AF\n\nsorry for the typing\n";
    assert_eq!(
        run(Some("Gareth Lloyd"), "leters", body),
        found("Gareth Lloyd", "9 Maes y Dre, Rhayader", "LD6 5AF")
    );
}

#[test]
fn parts_as_sentences_after_talk_are_the_address() {
    let body = "Hello could you send the letters to me please. Nia Rowlands. 14 Heol Fach. Cwmgors. SA18 1RL. Ta\n";
    assert_eq!(
        run(Some("Nia Rowlands"), "Letters", body).1,
        some("14 Heol Fach, Cwmgors")
    );
}

#[test]
fn a_flat_as_a_sentence_of_its_own_stays_in_the_address() {
    let body = "Dear Sir. My address is Flat 2. 40 Brook Street. Sidmouth. EX10 8LU. I am 90.\n\nYours faithfully\nMrs Enid Carew\n";
    assert_eq!(
        run(Some("Enid Carew"), "Letters", body).1,
        some("Flat 2, 40 Brook Street, Sidmouth")
    );
}

#[test]
fn thats_me_after_the_postcode_is_no_part() {
    let body = "DY4 8QT - that's me, 17 Park Lane West, Tipton. Put the letters in the name of Harjit Singh Bains.\n\nThanks\nHarjit\n";
    assert_eq!(
        run(Some("Harjit Bains"), "letters", body),
        found("Harjit Singh Bains", "17 Park Lane West, Tipton", "DY4 8QT")
    );
}

#[test]
fn how_long_they_have_lived_there_is_no_part() {
    let body = "Hi,\n\nMet your volunteers at the market. I live at 5 Sandy Lane, Crowthorne, have done since 1998.\n\nCheers,\nPaul Denton\n";
    assert_eq!(
        run(Some("Paul Denton"), "RG45 6JH letters", body).1,
        some("5 Sandy Lane, Crowthorne")
    );
}

#[test]
fn we_have_been_after_an_unpunctuated_address_is_no_part() {
    let body = "My name is Irene Walsh and I live at 8 Oak Avenue Hitchin We have been with the same surgery since 1990 so they know me\n\nIrene Walsh\n";
    assert_eq!(
        run(Some("Irene Walsh"), "letters SG5 1PE", body).1,
        some("8 Oak Avenue Hitchin")
    );
}

#[test]
fn who_else_lives_there_after_the_street_is_no_part() {
    let body = "Im at 14 Marine Parade now with the wife and kids, postcode is in the subject. Put my name on them.\n\nGary Nolan\n";
    assert_eq!(
        run(Some("Gary Nolan"), "SS8 7DB", body).1,
        some("14 Marine Parade")
    );
}

#[test]
fn what_the_house_has_been_is_no_part() {
    let body = "Our house is 9 Harbour Road, Peterhead, it has been in the family since 1958.\n\nThe postcode is AB42 1DL.\n\nMrs Isobel Buchan\n";
    assert_eq!(
        run(Some("Isobel Buchan"), "letters", body).1,
        some("9 Harbour Road, Peterhead")
    );
}

#[test]
fn me_and_the_wife_and_what_she_did_say_nothing_against_the_home() {
    let body = "Alright, me and the wife are at 8 Acklam Road, Linthorpe, Middlesbrough TS5 7AA, she's already done hers. Mine please - Keith Rowe\n";
    assert_eq!(
        run(Some("Keith Rowe"), "letters", body),
        found(
            "Keith Rowe",
            "8 Acklam Road, Linthorpe, Middlesbrough",
            "TS5 7AA"
        )
    );
}

#[test]
fn what_the_person_is_before_the_number_is_no_part() {
    let body = "Good evening,\n\nDelroy Grant, retired bus driver, 12 Hagley Road, Halesowen B63 4QS. I want all five.\n\nGod bless,\nDelroy\n";
    assert_eq!(
        run(Some("Delroy Grant"), "letters", body),
        found("Delroy Grant", "12 Hagley Road, Halesowen", "B63 4QS")
    );
}

#[test]
fn the_town_in_the_sentence_after_a_labelled_street_is_a_part() {
    let body = "Hello, Morag Baillie here.\n\nMy address is 11 Kirk Brae. That's in Tullibody, Alloa, and the postcode is FK10 2QT.\n\nThanks\nMorag\n";
    assert_eq!(
        run(Some("Morag Baillie"), "letters", body),
        found(
            "Morag Baillie",
            "11 Kirk Brae, Tullibody, Alloa",
            "FK10 2QT"
        )
    );
}

#[test]
fn its_town_without_in_before_a_comma_is_a_part() {
    let body = "I'm Gary Welsh and we live at 8 Ings Lane. It's Thorne, Doncaster, DN8 4BQ if that helps.\n\nGary\n";
    assert_eq!(
        run(Some("Gary Welsh"), "letters", body).1,
        some("8 Ings Lane, Thorne, Doncaster")
    );
}

#[test]
fn the_post_office_beside_a_postcode_is_no_workplace() {
    let body = "Please send the letters. We're at 3 Manse Road. That's in Milngavie, G62 6BX, in case the post office needs it.\n\nAll the best,\nIain Munro\n";
    assert_eq!(
        run(Some("Iain Munro"), "letters", body),
        found("Iain Munro", "3 Manse Road, Milngavie", "G62 6BX")
    );
}

#[test]
fn a_flat_typed_as_a_sentence_before_the_street_is_a_part() {
    let body =
        "Hi! I'm Kayleigh Moss.\nFlat 4. 19 Sackville Road. Bexhill. TN39 3JD.\nThanks so much x\n";
    assert_eq!(
        run(Some("Kayleigh Moss"), "letters", body).1,
        some("Flat 4, 19 Sackville Road, Bexhill")
    );
}
