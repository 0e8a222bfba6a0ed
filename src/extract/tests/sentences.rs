//! An address written inside a sentence: the words leading to it and where it
//! ends.

use super::{found, inbound, run, some};
use crate::extract::extract;

#[test]
fn the_words_leading_to_a_house_name_are_no_part_of_it() {
    let body = "I'm Ruth Gale and I am doing mine today. Post them to The Manse, 3 Kirk Wynd, Crail KY10 3AA, if that suits.";
    assert_eq!(
        run(None, "", body),
        found("Ruth Gale", "The Manse, 3 Kirk Wynd, Crail", "KY10 3AA")
    );
}

#[test]
fn well_starts_no_sentence_in_a_street_name() {
    let body = "Dear team,\n\nKasia Lis\n3 Well Lane\nBeverley\nHU17 8AA\n";
    assert_eq!(
        run(None, "", body),
        found("Kasia Lis", "3 Well Lane, Beverley", "HU17 8AA")
    );
}

#[test]
fn text_speak_numbers_start_no_address() {
    let body = "hiya can u send the letters 4 me - leah marsh, 9 kiln lane, hatfield al10 0aa ta";
    assert_eq!(
        run(None, "", body),
        found("leah marsh", "9 kiln lane, hatfield", "AL10 0AA")
    );
}

#[test]
fn scots_bide_leads_to_the_address() {
    let body = "I'm Kenny Ross and I bide at Mains of Tore, Muir of Ord, IV6 7AA. Ta.";
    assert_eq!(run(None, "", body).1, some("Mains of Tore, Muir of Ord"));
}

#[test]
fn text_speak_before_a_comma_starts_no_address() {
    let body = "hiya send them 2 me, Jodie Platt, 5 Hope St, Crewe cw2 7aa ta";
    assert_eq!(
        run(None, "", body),
        found("Jodie Platt", "5 Hope St, Crewe", "CW2 7AA")
    );
}

#[test]
fn years_written_in_words_are_talk_after_an_address() {
    let body = "We have been at 4 Mill Lane, Swanley for twenty-two years, and our postcode is BR8 7RE.\n\nThanks,\nSam Green";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "4 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn talk_about_a_forgotten_postcode_is_not_part_of_the_address() {
    let body = "hi its Priya Nair I live at 9 Elm Road Swanley the postcode is B R 8 and I forget the rest sorry";
    let (name, address, postcode) = run(None, "", body);
    assert_eq!(name.as_deref(), Some("Priya Nair"));
    assert_eq!(address.as_deref(), Some("9 Elm Road Swanley"));
    assert_eq!(postcode, None);
}

#[test]
fn a_lead_in_sentences_before_belongs_to_its_own_address() {
    // The home postcode is in the subject; the body's postcode is the old
    // surgery's, two sentences after the address it does not end.
    let body = "I've just moved and now live at 14 Kiln Road, Bishops Castle (postcode in the subject). My records are still with my old surgery in Ross, HR9 5AA, I think.";
    assert_eq!(
        run(Some("Nell Pryce"), "Letters SY9 5AA", body),
        found("Nell Pryce", "14 Kiln Road, Bishops Castle", "SY9 5AA")
    );
}

#[test]
fn a_farm_by_a_town_in_a_sentence() {
    let body = "Please write them in my name, Fergus Laing, at Balnaboth Steading, by Forfar, Angus DD8 4AA, thank you.";
    assert_eq!(
        run(None, "", body).1,
        some("Balnaboth Steading, by Forfar, Angus")
    );
}

#[test]
fn talk_after_an_address_ending_in_but_is_cut() {
    let body = "Wrong postcode last time. The address is the same, 8 Kiln Lane, Hexham, but the postcode is NE46 1AB.\n\nRosa Quint";
    assert_eq!(run(None, "", body).1, some("8 Kiln Lane, Hexham"));
}

#[test]
fn talk_about_the_postcode_after_an_address_is_cut() {
    let body =
        "I'm Priya Lal and I live at 3 Oak Row, Ledbury, postcode is in the subject line. Thanks!";
    assert_eq!(
        run(None, "Letters HR8 2AA", body),
        found("Priya Lal", "3 Oak Row, Ledbury", "HR8 2AA")
    );
}

#[test]
fn it_is_after_a_lead_in_is_not_the_address() {
    let body =
        "You wanted my street address: it's 14 Abbey Walk, Selby, YO8 4AA.\n\nDr Omar Farouk";
    assert_eq!(run(None, "", body).1, some("14 Abbey Walk, Selby"));
}

#[test]
fn the_next_sentence_after_an_address_is_not_in_it() {
    let body = "Name Petra Lowe\nmy address is 3 Ferry Lane Goole I've not long moved so I don't know the postcode";
    assert_eq!(run(None, "", body).1, Some("3 Ferry Lane Goole".to_owned()));
    let body = "hiya im petra lowe 3 ferry lane goole dn14 5aa my sister is doing it too";
    assert_eq!(
        run(None, "", body),
        found("petra lowe", "3 ferry lane goole", "DN14 5AA")
    );
}

#[test]
fn an_address_in_a_sentence_ends_with_its_postcode() {
    let body = "My home address is 8 Elm Grove, Sidcup DA14 1AA, please use that one and not the office below.";
    assert_eq!(
        run(Some("Ola Bello"), "", body),
        found("Ola Bello", "8 Elm Grove, Sidcup", "DA14 1AA")
    );
}

#[test]
fn our_address_now_is_leads_in() {
    let body = "This is Aoife Byrne. Our address now is 4 Mill Brae, Alloa FK10 1AA. Thanks";
    assert_eq!(
        run(Some("The Byrne Family"), "", body),
        found("Aoife Byrne", "4 Mill Brae, Alloa", "FK10 1AA")
    );
}

#[test]
fn a_house_name_after_at_in_a_sentence() {
    let body = "Please send them to me, Ivor Lang, at The Beeches, 3 Bell Lane, Diss IP22 – sorry, can't remember the rest.";
    assert_eq!(
        run(None, "", body).1,
        Some("The Beeches, 3 Bell Lane, Diss".to_owned())
    );
}

#[test]
fn here_at_and_here_from_lead_to_an_address() {
    let body = "Morning,\nDai Hopcyn here, at Ty Mawr Farm, Cwm Road, Llanwrda, SA19 8AA. Send us the letters.";
    assert_eq!(
        run(None, "", body),
        found("Dai Hopcyn", "Ty Mawr Farm, Cwm Road, Llanwrda", "SA19 8AA")
    );
    let body = "Ailsa Rose here, from 9 Tower Road, Nairn IV12 4AA. Letters please.";
    assert_eq!(run(None, "", body).1, some("9 Tower Road, Nairn"));
}

#[test]
fn just_moved_to_leads_in() {
    let body = "My name is Orla Kane and I've just moved to 7 Deverill Road, Warminster. I don't know the new postcode; the old one was CT20 1AA but we've left.";
    assert_eq!(
        run(None, "", body),
        (some("Orla Kane"), some("7 Deverill Road, Warminster"), None)
    );
}

#[test]
fn a_lead_in_ending_its_line_leaves_the_lines_below_whole() {
    let body = "I'd like the letters. We live at\nThe Granary\nMill Lane\nCheddar\nand I'm Ruth Amos. The postcode is in the subject.";
    assert_eq!(
        run(None, "Letters BS27 3AA", body).1,
        some("The Granary, Mill Lane, Cheddar")
    );
}

#[test]
fn ive_lived_at_leads_in_and_keeps_a_lower_case_the() {
    let body = "hello, i'm ruth okafor and i've lived at the old forge, mill street, wantage ox12 9aa since 2009. thanks, ruth";
    assert_eq!(
        run(None, "", body),
        found(
            "ruth okafor",
            "the old forge, mill street, wantage",
            "OX12 9AA"
        )
    );
}

#[test]
fn send_the_letters_to_introduces_the_address_and_the_name_before_it() {
    assert_eq!(
        run(
            None,
            "Letters",
            "pls send letters to 7 Kestrel Way Totton SO40 3PE thanks"
        )
        .1,
        some("7 Kestrel Way Totton")
    );
    assert_eq!(
        run(
            None,
            "Letters",
            "pls send the letters to me Liam Doe 9 Sandpiper Close Blackpool FY4 1QQ"
        ),
        found("Liam Doe", "9 Sandpiper Close Blackpool", "FY4 1QQ")
    );
}

#[test]
fn where_someone_is_before_the_number_is_no_part_of_the_address() {
    // "He's in Oban" names the town; the pronoun is in no house's name.
    let body = "Hello, these are for my dad, Ruaridh Bain. He's in Oban, 3 Soroba Road, Oban, PA34 4AA. I'm in Perth myself.\n\nMairi";
    assert_eq!(run(None, "For dad", body).1, some("3 Soroba Road, Oban"));
    // The town before the number, written again after the street, is the
    // area, not the house's name.
    let body = "Morning. I live in Oban, 3 Soroba Road, Oban, PA34 4AA and would like the letters.\n\nMairi Bain";
    assert_eq!(run(None, "For dad", body).1, some("3 Soroba Road, Oban"));
}

#[test]
fn a_greeting_line_that_goes_on_to_the_address_is_read() {
    // The client wrapped the line after the lead-in, and the line opens
    // with "Hi there".
    let body = "Hi there, writing for my gran, Elspeth Rae. She is at 12 Castle\nStreet, Dunoon, Argyll, PA23 8AA. I'm in Perth (PH1 1AA) so not the same\nas mine.\n\nKirsty";
    assert_eq!(
        run(None, "Letters", body).1,
        some("12 Castle Street, Dunoon, Argyll")
    );
}

#[test]
fn fy_nghyfeiriad_i_ydy_leads_to_the_address() {
    let body = "Shwmae,\n\nHappy to send the letters.\n\nFy nghyfeiriad i ydy 8 Heol y Bont, Rhiwbina, Caerdydd CF14 6AA\n\nDiolch,\nRhodri Lewis";
    assert_eq!(
        run(None, "Llythyrau", body).1,
        some("8 Heol y Bont, Rhiwbina, Caerdydd")
    );
}

#[test]
fn the_town_given_in_a_sentence_of_its_own_is_a_part() {
    for body in [
        "Hello, I'd like the letters. My address is 31 Leeds Road. That's in Otley, LS21 1AA.\n\nRegards\nPeter Kaye",
        "Hello, I'd like the letters. My address is 31 Leeds Road. That is near Otley, LS21 1AA.\n\nRegards\nPeter Kaye",
        "Hello, I'd like the letters. My address is 31 Leeds Road. That's Otley, LS21 1AA.\n\nRegards\nPeter Kaye",
    ] {
        assert_eq!(
            run(None, "letters", body),
            found("Peter Kaye", "31 Leeds Road, Otley", "LS21 1AA"),
            "{body}"
        );
    }
}

#[test]
fn dashes_between_the_parts_of_a_one_line_address_are_its_commas() {
    let body = "Callum Reid - 8 Muirhall Road - Larbert - FK5 4AA\n\nletters pls cheers";
    assert_eq!(
        run(Some("Callum Reid"), "letters", body),
        found("Callum Reid", "8 Muirhall Road, Larbert", "FK5 4AA")
    );
    // A town with small words inside, and the dash before the postcode.
    let body = "Hello, I'm living at 5 Pound Lane – Walton on the Hill – Tadworth – KT20 7AA.\n\nBest regards\nPetra Lind";
    assert_eq!(
        run(None, "letters", body).1,
        some("5 Pound Lane, Walton on the Hill, Tadworth")
    );
    // A dash before talk still ends the address.
    let body = "Callum Reid, 8 Muirhall Road – the one by the station – FK5 4AA\n\nletters pls";
    assert_eq!(run(None, "letters", body).1, some("8 Muirhall Road"));
}

#[test]
fn a_request_on_the_line_above_an_address_is_no_part_of_it() {
    for request in [
        "Letters for Gail Boyd please",
        "Letters please",
        "can I have the letters pls",
    ] {
        let body = format!("{request}\n3 Lochend Road Kirkcaldy KY2 6AA\nCheers");
        assert_eq!(
            run(Some("Gail Boyd"), "letters", &body).1,
            some("3 Lochend Road Kirkcaldy"),
            "{request}"
        );
    }
}

#[test]
fn towns_typed_as_sentences_of_their_own_are_parts() {
    let body = "Helo,\n\nI would like the letters. My address is 4 Heol y Bryn. Pensarn. Abergele. My postcode's LL22 7AA.\n\nGwen Parry-Jones\n";
    assert_eq!(
        run(None, "letters", body),
        found(
            "Gwen Parry-Jones",
            "4 Heol y Bryn, Pensarn, Abergele",
            "LL22 7AA"
        )
    );
    // A form's field named next is no town.
    let body = "Sorry, new build, no postcode yet. Address is 5 Fern Crescent, Hamilton. Name Ross Kerr. Can you do it?\n";
    assert_eq!(
        run(None, "letters", body).1,
        some("5 Fern Crescent, Hamilton")
    );
    // Nor does "no." before its number end a sentence, in any case.
    let body = "my address is as follows:\nhouse no. 9, mill road\nrumney\ncardiff\ncf3 3aa\n\nanju thomas\n";
    assert_eq!(
        run(None, "letters", body).1,
        some("house no. 9, mill road, rumney, cardiff")
    );
}

#[test]
fn the_town_said_first_is_the_addresss_first_part() {
    for lead in ["I'm in", "we live in", "Hello, I'm in"] {
        let body = format!(
            "Please send the letters. {lead} Maidstone, 23 Tonbridge Road, ME16 8AA, and thank you.\n\nJune Bright\n"
        );
        assert_eq!(
            run(None, "letters", &body),
            found("June Bright", "Maidstone, 23 Tonbridge Road", "ME16 8AA"),
            "{lead}"
        );
    }
}

#[test]
fn the_town_a_street_is_in_is_a_part() {
    let body =
        "Hello, I'm Ann Lyle and I'm at 4 Glen Crescent in Bishopton (that's PA7 5AA). Thanks\n";
    assert_eq!(
        run(None, "letters", body),
        found("Ann Lyle", "4 Glen Crescent, Bishopton", "PA7 5AA")
    );
}

#[test]
fn a_bracket_saying_where_in_the_house_or_near_what_is_kept() {
    let body = "I'm Liam Rowe and I'm at Flat 2 (ground floor), 14 Holloway Road, London N7 8AA.\n";
    assert_eq!(
        run(None, "letters", body).1,
        some("Flat 2 (ground floor), 14 Holloway Road, London")
    );
    let body = "Here's my address: Ivy Cottage, Mill Lane, Milland (near Liphook), GU30 7AA.\n\nThanks\nRuth Gale";
    assert_eq!(
        run(None, "letters", body).1,
        some("Ivy Cottage, Mill Lane, Milland (near Liphook)")
    );
    // Any other bracket is an aside.
    let body = "I live at 14 Holloway Road (since 1998), London N7 8AA.\n\nLiam Rowe";
    assert_eq!(run(None, "letters", body).1, some("14 Holloway Road"));
}

#[test]
fn a_district_of_a_town_is_no_address() {
    let body = "My name is Dr Ailsa Kerr and I live in the Manor Park area of Edinburgh, EH10 4AA. I'm retired.\n\nAilsa";
    let e = extract(&inbound(None, "letters", body));
    assert_eq!(e.address_line(), None);
}

#[test]
fn the_words_leading_to_the_postcode_after_an_address_are_no_part_of_it() {
    let body = "Hello,\n\nMy address is 14 Tern Close, Faversham, and the postcode is ME13 7AA. Please put them in my name, Alan Hurst.\n\nThanks,\nAl\n";
    assert_eq!(
        run(None, "letters", body),
        found("Alan Hurst", "14 Tern Close, Faversham", "ME13 7AA")
    );
}

#[test]
fn when_the_supporter_moved_in_is_no_part_of_the_address() {
    for when in ["a fortnight ago", "three weeks ago", "last month"] {
        let body = format!(
            "Hello,\n\nI'm Ruth Vane and we moved into 6 Kiln Close, Alton {when}. I don't know the postcode yet.\n\nRuth\n"
        );
        assert_eq!(
            run(None, "letters", &body).1,
            some("6 Kiln Close, Alton"),
            "{when}"
        );
    }
}

#[test]
fn a_sentence_of_places_only_before_the_postcode_is_the_address() {
    let body = "Hi, Nia Bowen. Pen y Graig, Dinas Cross, Newport SA42 0AA. Please send letters x\n\nSent from my iPhone\n";
    assert_eq!(
        run(Some("Nia Bowen"), "letters", body),
        found("Nia Bowen", "Pen y Graig, Dinas Cross, Newport", "SA42 0AA")
    );
}

#[test]
fn the_words_between_a_request_and_its_address_are_no_part_of_it() {
    for body in [
        "Could you send the letters to me — it's 31 Wold Road, Pocklington YO42 2AA. Thanks.",
        "Could you send the letters to me, it's 31 Wold Road, Pocklington YO42 2AA. Thanks.",
        "Could you send the letters to us: 31 Wold Road, Pocklington YO42 2AA. Thanks.",
    ] {
        assert_eq!(
            run(Some("Nkechi Obi"), "letters", body).1,
            some("31 Wold Road, Pocklington"),
            "{body}"
        );
    }
}

#[test]
fn a_sentence_that_only_says_the_town_goes_on_with_the_address() {
    for body in [
        "Hello. We're at 6 Ochil View. It's in Menstrie, FK11 7AA.\nCheers\nIona Reid\n",
        "Hello. I live at 6 Ochil View. It is near Menstrie. FK11 7AA.\nCheers\nIona Reid\n",
    ] {
        assert_eq!(
            run(None, "letters", body),
            found("Iona Reid", "6 Ochil View, Menstrie", "FK11 7AA"),
            "{body}"
        );
    }
}

#[test]
fn a_street_word_cut_short_ends_its_part_at_the_full_stop() {
    let body = "Good morning,\n\nMy address is 9 St. Anne's Cres. Lewes. BN7 1AA.\n\nRegards\n\nPaul Hurst\n";
    assert_eq!(
        run(None, "letters", body),
        found("Paul Hurst", "9 St. Anne's Cres, Lewes", "BN7 1AA")
    );
}

#[test]
fn where_a_place_lies_from_another_is_no_part_of_the_address() {
    for (aside, body_end) in [
        ("just up the coast from Whitby", "."),
        ("a few miles south of Ripon", "."),
        ("just outside Ripon", "."),
    ] {
        let body = format!(
            "I'm Ann Brough. We live at 2 Moor Lane, Sleights, {aside}{body_end} Postcode YO22 5AA.\n"
        );
        assert_eq!(
            run(None, "letters", &body).1,
            some("2 Moor Lane, Sleights"),
            "{aside}"
        );
    }
}

#[test]
fn a_house_named_for_what_it_was_is_an_address_without_a_street() {
    let body = "My postcode is IV2 7AA and the address is The Gatehouse, Culloden, Inverness. Please send the letters.\n\nMairi Shaw\n";
    assert_eq!(
        run(None, "letters", body),
        found(
            "Mairi Shaw",
            "The Gatehouse, Culloden, Inverness",
            "IV2 7AA"
        )
    );
}

#[test]
fn a_street_name_going_on_after_its_stop_and_a_saints_town_are_whole() {
    let body = "Morning, I'm Jackie Dunleavy and I live at 9 Highbury Rd. East, Lytham St. Annes FY8 2AA. I'd like the letters please.";
    assert_eq!(
        run(None, "", body).1,
        some("9 Highbury Rd. East, Lytham St. Annes")
    );
}

#[test]
fn me_and_a_full_stop_before_the_address_are_no_part() {
    let body = "Hi can you send the letters to me. 17 Browgate Close, Baildon, BD17 5AA\n\nSent from my iPhone";
    assert_eq!(run(None, "", body).1, some("17 Browgate Close, Baildon"));
}
