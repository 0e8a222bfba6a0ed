//! Homes named without a number, and words beside a postcode that only
//! seem to speak against it: "near" inside a place, "from our home, …",
//! "we live at" before a farm's name, a hospital set apart in commas,
//! thanks for the campaign's work, and an old address turned to after.

use super::{found, run, some};

#[test]
fn near_inside_a_place_is_part_of_it() {
    let body = "My name is Dennis Pybus, Ivy Cottage, Church Lane, Sykehouse near Goole DN14 9AT. Send the letters.\n\nD. Pybus\n";
    assert_eq!(
        run(Some("Dennis Pybus"), "letters", body).1,
        some("Ivy Cottage, Church Lane, Sykehouse near Goole")
    );
}

#[test]
fn the_home_named_after_from_our_home_is_the_address() {
    let body = "Dear all,\nI taught for years at the school in Crickhowell.\nThe letters should come from our home, Tŷ'r Derw, Llangattock, Crickhowell \nNP8 1PH. My wife will write separately.\nDr Hywel Prosser\n";
    assert_eq!(
        run(Some("Hywel Prosser"), "Letters", body),
        found(
            "Dr Hywel Prosser",
            "Tŷ'r Derw, Llangattock, Crickhowell",
            "NP8 1PH"
        )
    );
}

#[test]
fn to_my_home_which_is_leads_to_the_address() {
    let body = "Hi,\nI'm writing from work (our office is in Leeds, LS1 4AP) but please address them to my home, which is 9 Birch Avenue, Horsforth, Leeds LS18 4QA.\nThanks,\nAmira Khan\n";
    assert_eq!(
        run(Some("Amira Khan"), "letters", body),
        found("Amira Khan", "9 Birch Avenue, Horsforth, Leeds", "LS18 4QA")
    );
}

#[test]
fn a_farm_where_we_live_is_no_person() {
    let body = "Evening,\n\nGlyn Parry here, we live at Cefn Coch, Cwm Cou, Newcastle Emlyn, and I keep sheep there.\n\nCod post SA38 9PB if it helps.\n\nDiolch,\nGlyn\n";
    assert_eq!(
        run(Some("Glyn Parry"), "letters", body),
        found(
            "Glyn Parry",
            "Cefn Coch, Cwm Cou, Newcastle Emlyn",
            "SA38 9PB"
        )
    );
}

#[test]
fn a_hospital_set_apart_in_commas_is_not_against_the_home() {
    let body = "I'm a porter at the infirmary, so I see how records are handled.\n\nPlease send me the letters. My home address, not the hospital's, is 12 Kelvin Road, Roath, Cardiff, CF24 3LP.\n\nSian Morris\n";
    assert_eq!(
        run(Some("Sian Morris"), "letters", body),
        found("Sian Morris", "12 Kelvin Road, Roath, Cardiff", "CF24 3LP")
    );
}

#[test]
fn thanks_for_the_work_is_no_workplace() {
    let body = "Please send the letters to me at 4 Stryd y Castell, Caernarfon, ll55 1sg, and thank you for all the work.\n\nElfed\n";
    assert_eq!(
        run(Some("Elfed Hughes"), "letters", body),
        found("Elfed Hughes", "4 Stryd y Castell, Caernarfon", "LL55 1SG")
    );
}

#[test]
fn an_old_address_turned_to_after_the_postcode_is_about_itself() {
    let body = "Hello,\nThis one is for me, Brenda Lowe. We moved to 6 Pike Street, Accrington, BB5 1QT in May, so please don't use our old address in Halifax (9 Moor Lane, HX1 5RT).\nRegards,\nBrenda\n";
    assert_eq!(
        run(Some("Brenda Lowe"), "letters", body),
        found("Brenda Lowe", "6 Pike Street, Accrington", "BB5 1QT")
    );
}
