//! Details typed without commas or full stops, as the `unpunctuated` form of
//! `tests/variants.rs` rewrites the blind sets.

use super::{found, run, some};

#[test]
fn without_full_stops_a_name_ends_before_the_next_words() {
    let body = "Afternoon Joan Reid here 4 Eden Terrace Appleby CA16 6AA thanks";
    assert_eq!(run(None, "", body).0, some("Joan Reid"));
    let body = "My name is Nkechi Obi Flat 3 12 Park Road Bedford MK40 2AA";
    assert_eq!(run(None, "", body).0, some("Nkechi Obi"));
    let body = "My name is Tobias Wren though everyone calls me Toby and I live at 5 Kiln Lane Lewes BN7 2AA";
    assert_eq!(run(None, "", body).0, some("Tobias Wren"));
}

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

#[test]
fn without_full_stops_an_everyday_word_starts_the_next_sentence() {
    let body = "I am writing for my father Mr Harold Jenkins He's 84 and not online His address is 6 Nant Road Bridgend CF31 1AA";
    assert_eq!(run(None, "", body).0, some("Mr Harold Jenkins"));
    let body = "Hello my name is Pauline Ashworth We've just moved to 12 Ley Street Arnold NG5 6AA";
    assert_eq!(run(None, "", body).0, some("Pauline Ashworth"));
}

// The eleventh blind set's misses, in other words.

#[test]
fn an_unpunctuated_run_on_keeps_each_postcode_with_its_own_words() {
    // The home in the subject, a relative's postcode in the run-on body.
    let body = "hi i live at 9 mill road askern doncaster the postcode is in the subject and my dad is in a home over in whitby YO21 1AA which is why i care\n\nDes Hollins";
    assert_eq!(
        run(Some("des hollins"), "letters DN6 0AA", body),
        found("Des Hollins", "9 mill road askern doncaster", "DN6 0AA")
    );
    // The home first, a daughter's straight after it.
    let body = "hi my name is ffion rees and i live at 2 heol y parc caerphilly cf83 1aa my son is in cardiff cf14 2aa and hes done his";
    assert_eq!(run(None, "", body).2, some("CF83 1AA"));
}

#[test]
fn an_unpunctuated_line_holding_an_address_over_a_line_of_talk() {
    let body = "hiya wanna do the letters\nim kyle bain 8 ash grove blyth\ndunno the postcode yet only just moved lol";
    assert_eq!(run(None, "", body).1, some("8 ash grove blyth"));
    let body = "Hi,\nCeri Rhys, 4 Clos Onnen, Cwmbrân\nWe've just moved in and the postcode isn't out yet, is that OK?";
    assert_eq!(run(None, "", body).1, some("4 Clos Onnen, Cwmbrân"));
}

#[test]
fn full_stops_dictated_to_a_phone_end_the_sentences_they_were_spoken_for() {
    let body = "hello my name is Ola Ade full stop I live at 4 Rake Lane Wallasey full stop my postcode is CH45 5DA full stop this has to come to a full stop thanks";
    assert_eq!(
        run(Some("Ola Ade"), "letters", body),
        found("Ola Ade", "4 Rake Lane Wallasey", "CH45 5DA")
    );
}

#[test]
fn an_introduction_run_into_the_number_is_not_the_address() {
    // "She's in Wick" before a number is talk; "I'm Ruth Pryce" before it
    // introduces the writer.
    let body = "Jo this is the campaign I told you about\n\nFor the campaign: I'm Ruth Pryce 14 Mill Road Ely CB7 4AA\n\nR x";
    assert_eq!(
        run(None, "letters", body),
        found("Ruth Pryce", "14 Mill Road Ely", "CB7 4AA")
    );
}

#[test]
fn commas_dictated_as_words_are_commas() {
    let body = "hello my name is Ade Bello and I would like the letters please my address is flat two comma 9 Elm Road comma Sidcup comma Kent and the postcode is DA14 6AA thank you";
    assert_eq!(
        run(None, "letters", body),
        found(
            "Ade Bello",
            "flat two, 9 Elm Road, Sidcup, Kent",
            "DA14 6AA"
        )
    );
}

#[test]
fn a_request_typed_before_the_address_heads_nothing() {
    let body = "plz send letters 8 kestrel way bicester ox26 1aa thx\n";
    assert_eq!(
        run(Some("Tomasz Wrona"), "letters", body),
        found("Tomasz Wrona", "8 kestrel way bicester", "OX26 1AA")
    );
}

#[test]
fn owning_up_to_forgetting_is_no_part_of_the_address() {
    let body = "Address is 14 Mill Street Kelty, forgot it last time sorry\n";
    assert_eq!(
        run(
            Some("Ewan Rae"),
            "Re: letters",
            &format!("{body}\nKY4 0AA\n")
        )
        .1,
        some("14 Mill Street Kelty")
    );
}

#[test]
fn thanks_for_something_after_the_name_ends_it() {
    let body = "hi please send me the letters my address is 4 Holly Bank Mansfield NG19 6AA and my name is Dean Price thanks for organising this\n";
    assert_eq!(run(None, "", body).0, some("Dean Price"));
}

#[test]
fn without_full_stops_the_next_sentence_after_an_address_is_cut() {
    let body = "Hi\n\nPostcode is PH10 6AA and the house is 3 Rosemount Park Blairgowrie Oh and I saw your post on Facebook\n\nEwan Reid\n";
    assert_eq!(
        run(Some("Ewan Reid"), "Letters", body).1,
        some("3 Rosemount Park Blairgowrie")
    );
    let body =
        "Hi\n\nPostcode PH10 6AA the house is 3 Rosemount Park Blairgowrie My\nname is Ewan Reid\n";
    assert_eq!(
        run(None, "Letters", body).1,
        some("3 Rosemount Park Blairgowrie")
    );
    let body = "Hi\n\nPostcode PH10 6AA I'm at 3 Rosemount Park Blairgowrie Saw the post about Palantir\n\nEwan Reid\n";
    assert_eq!(
        run(Some("Ewan Reid"), "Letters", body).1,
        some("3 Rosemount Park Blairgowrie")
    );
}

#[test]
fn thats_in_between_the_street_and_its_town_sets_the_town_apart() {
    let body = "Hello my name is Dean Foster I live at 14 Kestrel Drive That's in Eskdaleside Whitby and my postcode is YO22 5AA thanks a lot\n";
    assert_eq!(
        run(Some("Dean Foster"), "letters", body),
        found(
            "Dean Foster",
            "14 Kestrel Drive, Eskdaleside Whitby",
            "YO22 5AA"
        )
    );
    let it_is = body.replace("That's in", "it is in");
    assert_eq!(
        run(Some("Dean Foster"), "letters", &it_is).1,
        some("14 Kestrel Drive, Eskdaleside Whitby")
    );
}

#[test]
fn thats_and_the_town_after_the_street_set_the_town_apart() {
    let body = "Hi I'm Aled Pryce we're at 6 Heol y Nant That's Ystradgynlais Swansea and the postcode is SA9 1AA cheers\n";
    assert_eq!(
        run(Some("Aled Pryce"), "letters", body).1,
        some("6 Heol y Nant, Ystradgynlais Swansea")
    );
}
