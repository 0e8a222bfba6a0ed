//! Parts set apart in other ways: the town and postcode in brackets after
//! the street, a flat's full stop before a street cut short, a house or a
//! town after "The house is" and "Home is", a town said again after "now";
//! an address led in after a long sentence or by "my address in halls:";
//! and names: one alone under a request, one opening "…, we live on".

use super::{found, run, some};

#[test]
fn a_town_and_postcode_in_brackets_after_the_street_are_its_parts() {
    let body = "Bethan Lloyd here. I'm at 12 Ffordd Glyn (Rhosllanerchrugog, Wrexham LL14 1AA) if you could do the letters.\n";
    assert_eq!(
        run(Some("Bethan Lloyd"), "Letters", body),
        found(
            "Bethan Lloyd",
            "12 Ffordd Glyn, Rhosllanerchrugog, Wrexham",
            "LL14 1AA"
        )
    );
}

#[test]
fn a_street_cut_short_after_a_flat_ends_its_part() {
    let body =
        "Hi. I'm at Flat 2. 40 St. Machar's Cres. Bucksburn. Aberdeen. AB21 9AA. Thanks. Isla\n";
    assert_eq!(
        run(Some("Isla Grant"), "Letters", body).1,
        some("Flat 2, 40 St. Machar's Cres, Bucksburn, Aberdeen")
    );
}

#[test]
fn the_house_is_names_the_house_not_the_writer() {
    let body = "Hello,\n\nI heard about you on the radio. I have lived in Ceredigion for years.\n\nThe house is Awel y Don, 3 Heol y Bont, Llandysul and my postcode is SA44 4AA.\n\nDiolch o galon,\nMair Evans\n";
    assert_eq!(
        run(Some("Mair Evans"), "Letters", body),
        found(
            "Mair Evans",
            "Awel y Don, 3 Heol y Bont, Llandysul",
            "SA44 4AA"
        )
    );
}

#[test]
fn home_is_keeps_the_places_before_the_street() {
    let body =
        "Home is Brodick, Isle of Arran, 7 Shore Road, KA27 8AA. The name is Calum Stewart.\n";
    assert_eq!(
        run(Some("Calum Stewart"), "letters", body),
        found(
            "Calum Stewart",
            "Brodick, Isle of Arran, 7 Shore Road",
            "KA27 8AA"
        )
    );
}

#[test]
fn a_town_said_again_after_now_is_no_name() {
    let body = "I'm Paul Okoro. We used to be in Deal but we live in Folkestone now, 11 Cheriton Road, Folkestone, CT20 1AA.\n";
    assert_eq!(
        run(Some("Paul Okoro"), "Letters", body),
        found("Paul Okoro", "11 Cheriton Road, Folkestone", "CT20 1AA")
    );
}

#[test]
fn an_address_after_a_long_sentence_is_read_whole() {
    let body = "Hello,\n\nI'm a second year student at Leeds. My parents live in Beverley (their \npostcode is HU17 8AA) but I'm registered with the GP here and I live in \nLeeds most of the year, so please use my address in halls: Room 214, \nOak House, Clarendon Road, Leeds LS2 9AA.\n\nAmy Shaw\n";
    assert_eq!(
        run(Some("Amy Shaw"), "Letters", body),
        found(
            "Amy Shaw",
            "Room 214, Oak House, Clarendon Road, Leeds",
            "LS2 9AA"
        )
    );
}

#[test]
fn a_name_alone_under_a_request_is_signed_not_wrapped() {
    let body = "BA6 9AA that's 4 Grove Lane, Glastonbury. Please send the letters\nDean Whitlock\n\nSent from my iPhone\n";
    assert_eq!(
        run(Some("Dean"), "Letters", body),
        found("Dean Whitlock", "4 Grove Lane, Glastonbury", "BA6 9AA")
    );
}

#[test]
fn a_name_opening_we_live_on_is_the_writers() {
    let body = "Hi,\n\nI'd like the letters please. Robert Lane, we live on Heol Fawr in Nelson, CF46 6AA.\n\nCheers\nRob\n";
    let (name, address, _) = run(Some("Rob Lane"), "Letters", body);
    assert_eq!(name, some("Robert Lane"));
    assert_eq!(address, None);
}

#[test]
fn when_we_moved_there_ends_the_address() {
    let body = "My wife and I moved out to 4 Kiln Lane, Disley, when I retired.\n\nPlease send the letters.\n\nAlan Booth\n\nP.S. the postcode is SK12 2AA.\n";
    assert_eq!(
        run(Some("Alan Booth"), "Letters", body),
        found("Alan Booth", "4 Kiln Lane, Disley", "SK12 2AA")
    );
}

#[test]
fn a_path_is_a_street_without_its_postcode() {
    let body =
        "Please send me the letters. Jim Crowe, 9 Cliff Path, Southwold, Suffolk. Thank you\n";
    let (name, address, postcode) = run(Some("Jim Crowe"), "Count me in", body);
    assert_eq!(name, some("Jim Crowe"));
    assert_eq!(address, some("9 Cliff Path, Southwold, Suffolk"));
    assert_eq!(postcode, None);
}

#[test]
fn places_in_brackets_typed_in_lower_case_are_parts_too() {
    let body =
        "hi im at 3 bryn road (cefn mawr, wrexham ll14 3aa) can u do the letters. rhys jones\n";
    assert_eq!(
        run(Some("Rhys Jones"), "letters", body).1,
        some("3 bryn road, cefn mawr, wrexham")
    );
}

#[test]
fn em_dashes_between_the_parts_are_commas() {
    let body = "Hi, I'm at 8 Kingseat Road — Dunfermline — KY12 0AA. Name is Euan Reid.\n";
    assert_eq!(
        run(Some("Euan Reid"), "count me in", body),
        found("Euan Reid", "8 Kingseat Road, Dunfermline", "KY12 0AA")
    );
}

#[test]
fn address_for_them_is_a_label() {
    let body = "Kwame Mensah here. Please send me the letters.\n\nAddress for them: 3 Abbey View, Dunfermline, Fife KY11 4AA\n\nAll the best,\nKwame\n";
    assert_eq!(
        run(Some("Kwame Mensah"), "letters", body),
        found(
            "Kwame Mensah",
            "3 Abbey View, Dunfermline, Fife",
            "KY11 4AA"
        )
    );
}

#[test]
fn a_bracket_saying_thats_the_postcode_holds_no_place() {
    // A guard: the first version read "that's" as a town in lower case.
    let body = "i would like the letters please. we're at 4 heol y bryn, \nllan-non (that's sy23 4aa), and i'd be glad to sign them.\n\ngwen rees\n";
    assert_eq!(
        run(Some("Gwen Rees"), "letters", body).1,
        some("4 heol y bryn, llan-non")
    );
}
