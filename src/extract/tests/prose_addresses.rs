//! Addresses told in prose: the town said before or after the street, in a
//! sentence of its own or after the postcode, and the words around them
//! that are no part of them.

use super::{found, run, some};

#[test]
fn the_town_said_first_after_an_introduction_heads_the_address() {
    for body in [
        "My name is Agnes Baird and I'm in Troon, at 3 Bentinck Drive, KA10 6AA.\n",
        "My name is Agnes Baird and I'm in Troon, 3 Bentinck Drive, KA10 6AA.\n",
    ] {
        assert_eq!(
            run(None, "letters", body),
            found("Agnes Baird", "Troon, 3 Bentinck Drive", "KA10 6AA"),
            "{body}"
        );
    }
}

#[test]
fn its_before_the_postcode_is_no_part_of_the_town() {
    let body =
        "Hiya. We're at 41 Bute Street, Treherbert, it's CF42 5AA. Name is Shannon Price. Ta\n";
    assert_eq!(
        run(None, "letters", body),
        found("Shannon Price", "41 Bute Street, Treherbert", "CF42 5AA")
    );
}

#[test]
fn where_the_place_lies_is_said_on_the_way_to_the_postcode() {
    let body = "My name is Gwyn Rowlands and I live at 7 Heol Cae. That's Llanmadoc, out on the Gower, and the postcode is SA3 1AA. Diolch.\n";
    assert_eq!(
        run(None, "letters", body),
        found("Gwyn Rowlands", "7 Heol Cae, Llanmadoc", "SA3 1AA")
    );
}

#[test]
fn now_after_the_address_is_talk() {
    let body = "I'm Fiona Laird. We're at 22 Torrance Road, Stewartfield now. Postcode is in the subject.\n";
    assert_eq!(
        run(None, "letters G74 4AA", body),
        found("Fiona Laird", "22 Torrance Road, Stewartfield", "G74 4AA")
    );
}

#[test]
fn towns_typed_as_sentences_follow_the_street_after_other_sentences() {
    let body = "Dear Sirs\nPlease send me the letters. My name is Mrs Edna Pike. It's 3 Vallis Way. Frome. Somerset. BA11 3AA\nThank you\n";
    assert_eq!(
        run(None, "LETTERS", body),
        found("Mrs Edna Pike", "3 Vallis Way, Frome, Somerset", "BA11 3AA")
    );
}

#[test]
fn in_the_continental_order_the_town_follows_the_postcode() {
    let body = "Hello,\n\nMy address is Bath Road 22, GL5 3AA Stroud. I would like the letters please.\n\nBest regards\nJürgen Weiss\n";
    assert_eq!(
        run(None, "letters", body),
        found("Jürgen Weiss", "Bath Road 22, Stroud", "GL5 3AA")
    );
}

#[test]
fn an_outward_code_alone_is_no_part_of_the_address() {
    let body = "Hello, I'm Ross Lennie and my address is 9 Polton Road, Loanhead, EH20 - can't remember the rest, sorry!\n";
    let (name, address, postcode) = run(None, "letters", body);
    assert_eq!(
        (name, address, postcode),
        (some("Ross Lennie"), some("9 Polton Road, Loanhead"), None)
    );
}

#[test]
fn a_saints_town_alone_is_no_address() {
    let body =
        "Alright, Dean Platt here. Put me down for the letters. I live in St Ives, TR26 1AA\n";
    assert_eq!(
        run(None, "letters", body),
        (some("Dean Platt"), None, some("TR26 1AA"))
    );
}

#[test]
fn a_celtic_house_name_written_hyphenated_is_a_house() {
    // Written without commas, no street word gives it away: "St" before
    // a village is a saint's.
    let body =
        "Dear all\n\nI'm Tamsin Rowe and I live at Ty-Gwyn Churchtown St Levan Penzance TR19 6AA\n";
    assert_eq!(
        run(None, "letters", body).1,
        some("Ty-Gwyn Churchtown St Levan Penzance")
    );
}

#[test]
fn a_farm_and_its_places_after_a_lead_in_are_the_address() {
    let body = "Morning,\nLetters for me please, Alan Dent. We're at High Birks, Romaldkirk, Barnard Castle.\nCheers\nAlan\n";
    assert_eq!(
        run(Some("Alan Dent"), "Letters - DL12 9AA", body),
        found(
            "Alan Dent",
            "High Birks, Romaldkirk, Barnard Castle",
            "DL12 9AA"
        )
    );
}

#[test]
fn no_address_runs_over_another_postcode() {
    let body = "Hi,\n\nI work in Sheffield city centre, at 40 Arundel Street, S1 4AA, but please put my home address on the letters as that's where my MP is: 7 Portland Street, Whitwell, Worksop S80 4AA.\n\nCheers,\nMark Bestwick\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Mark Bestwick",
            "7 Portland Street, Whitwell, Worksop",
            "S80 4AA"
        )
    );
    // Hard-wrapped, the work address is on a line above.
    let body = "Hi,\n\nI'm sending this from work on my lunch break. I work in\nSheffield city centre, at 40 Arundel Street, S1 4AA, but\nplease put my home address on the letters as that's where my\nMP is: 7 Portland Street, Whitwell, Worksop S80 4AA.\n\nCheers,\nMark Bestwick\n";
    assert_eq!(
        run(None, "", body).1,
        some("7 Portland Street, Whitwell, Worksop")
    );
}

#[test]
fn an_address_after_a_colon_starts_there() {
    let body = "Hi,\n\nI work at 40 Arundel Street, but please put my home address on the letters as that is where my MP is: 7 Portland Street, Whitwell, Worksop S80 4AA.\n\nMark Bestwick\n";
    assert_eq!(
        run(None, "", body).1,
        some("7 Portland Street, Whitwell, Worksop")
    );
}

#[test]
fn a_full_stop_after_a_flat_number_ends_its_part() {
    let body = "Dear Sir,\n\nI should like the letters. My address is Flat 3. 21 Morton Road. Exmouth. EX8 1AA.\n\nYours faithfully,\nDoris Penhale\n";
    assert_eq!(
        run(None, "", body).1,
        some("Flat 3, 21 Morton Road, Exmouth")
    );
}

#[test]
fn how_long_one_has_lived_there_is_no_part() {
    let body = "I have lived at 4 Heol Dorfil, Blaenau Ffestiniog, all my married life. The postcode is LL41 3AA. My name is Emrys Pugh.\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Emrys Pugh",
            "4 Heol Dorfil, Blaenau Ffestiniog",
            "LL41 3AA"
        )
    );
}

#[test]
fn a_labelled_address_ends_before_talk_about_the_postcode() {
    let body = "Hiya, could I have the letters please?\n\nAddress is 15 Church Walks, Llandudno, postcode's in the subject.\n\nDiolch,\nRhian Hughes\n";
    assert_eq!(
        run(None, "Letters please - LL30 1AA", body),
        found("Rhian Hughes", "15 Church Walks, Llandudno", "LL30 1AA")
    );
}

#[test]
fn who_shares_the_home_is_no_part_of_it() {
    let body = "My name is Owen Baptiste. We live at 63 Clyde Road, Tottenham, with her mum and her little brother.\n\nOwen\n";
    assert_eq!(
        run(None, "Count me in – N15 4AA", body),
        found("Owen Baptiste", "63 Clyde Road, Tottenham", "N15 4AA")
    );
}

#[test]
fn home_is_now_and_homes_lead_to_the_address() {
    let body = "Hi all,\n\nI'm Jenna Trebilcock. Home's Polvellan Cottage, West Looe Hill, Looe PL13 1AA. Happy to sign whatever you send.\n\nJen\n";
    assert_eq!(
        run(None, "", body).1,
        some("Polvellan Cottage, West Looe Hill, Looe")
    );
    let body = "Hi,\n\nWe've since moved round the corner. Home is now 5 Weycombe Road, Haslemere, GU27 1AA.\n\nThanks, Zoe Lacey\n";
    assert_eq!(run(None, "", body).1, some("5 Weycombe Road, Haslemere"));
}

#[test]
fn just_after_a_lead_in_is_no_part() {
    let body = "Dear all,\n\nI'd be glad of the letters. Our address is just Quoyness, Holm, Orkney KW17 2AA - there's no street.\n\nI'm Inga Flett, and thank you.\n";
    assert_eq!(run(None, "", body).1, some("Quoyness, Holm, Orkney"));
}

#[test]
fn a_flat_in_brackets_after_the_street_is_part_of_the_address() {
    let body = "Please could you send the letters to me, Morag Kerr. I'm at 11 Lochrin Place (flat 3F2), Edinburgh EH3 9AA.\n";
    assert_eq!(
        run(None, "", body).1,
        some("11 Lochrin Place (flat 3F2), Edinburgh")
    );
}

#[test]
fn my_flat_is_leads_to_the_address() {
    let body = "I'm in Scotland, but I lived in Leeds until 2022.\n\nMy flat is 2F1, 17 Roseburn Terrace, Edinburgh EH12 5AA. Name is Callum Baird.\n\nCheers,\nCallum\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Callum Baird",
            "2F1, 17 Roseburn Terrace, Edinburgh",
            "EH12 5AA"
        )
    );
    let body = "please send me the letters. my flat is at flat 4, 38 union row, aberdeen ab10 1aa. katrin vogel";
    assert_eq!(
        run(None, "", body).1,
        some("flat 4, 38 union row, aberdeen")
    );
}

#[test]
fn a_postcode_typed_short_and_corrected_below_is_no_part() {
    let body = "Hi there, I'd like the letters.\n\nMick Dowson 27 Granville Terrace Redcar TS10 2N\nsorry missed a letter TS10 2AA\n\nSent from my iPhone\n";
    assert_eq!(
        run(Some("Mick Dowson"), "", body),
        found("Mick Dowson", "27 Granville Terrace Redcar", "TS10 2AA")
    );
}

#[test]
fn in_case_after_an_address_is_talk() {
    let body = "OX4 4AA is my postcode, and the address is 63 Sandy Lane West, Littlemore, Oxford, in case the postcode doesn't bring it up. Oh and my name's Tariq Mahmood, sorry!";
    assert_eq!(
        run(None, "", body).1,
        some("63 Sandy Lane West, Littlemore, Oxford")
    );
}

#[test]
fn our_new_place_is_leads_to_the_address() {
    let body = "Hi,\n\nWe moved from Stoke in the summer.\n\nOur new place is 2 Kestrel Rise, Leek, ST13 5AA. Still getting used to it!\n\nThanks\nPaul Mellor\n";
    assert_eq!(
        run(None, "", body),
        found("Paul Mellor", "2 Kestrel Rise, Leek", "ST13 5AA")
    );
}

#[test]
fn a_year_after_a_dating_word_is_no_house_number() {
    let body = "Hello,\n\nI moved here in 2021 and live at 8 Corve Street, Ludlow SY8 1AA.\n\nKind regards\nMartin Hale\n";
    assert_eq!(
        run(None, "", body),
        found("Martin Hale", "8 Corve Street, Ludlow", "SY8 1AA")
    );
}

#[test]
fn the_farm_is_leads_to_the_address() {
    let body = "Hello,\n\nWe keep cattle on the west coast. The croft is Nether Achmore, Lochcarron, and the postcode is IV54 8AA. I'm Donald Mackenzie.\n\nDonald\n";
    assert_eq!(
        run(None, "", body),
        found("Donald Mackenzie", "Nether Achmore, Lochcarron", "IV54 8AA")
    );
}

#[test]
fn an_edinburgh_flats_floor_and_door_start_its_address() {
    let body = "Hi,\n\nCount me in. I'm Ailsa Brodie and my flat's 3F2, 12 Comely Bank Row, Edinburgh EH4 1AA.\n\nAilsa\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Ailsa Brodie",
            "3F2, 12 Comely Bank Row, Edinburgh",
            "EH4 1AA"
        )
    );
}

#[test]
fn a_name_heading_an_address_without_commas_is_the_persons() {
    let body = "Hi can I get the letters. Ruth Ashby 14 Lark Rise Witney OX28 1AA\n\nSent from my iPhone\n";
    assert_eq!(
        run(Some("Ruth"), "", body),
        found("Ruth Ashby", "14 Lark Rise Witney", "OX28 1AA")
    );
    // Words of a sentence heading it are no one's.
    let body = "Hi. You Can Put Me Down At 14 Lark Rise Witney OX28 1AA\n\nRuth Ashby\n";
    assert_eq!(run(None, "", body).1, some("14 Lark Rise Witney"));
}

#[test]
fn a_town_written_before_the_street_is_the_addresss_first_part() {
    // After "Alright", "up in", and a town no one is named.
    let body = "Alright, we're up in South Shields, 9 Ocean Road, NE33 2AA. Send us the letters.\n\nCheers\nLiam Hedley\n";
    assert_eq!(
        run(None, "", body),
        found("Liam Hedley", "South Shields, 9 Ocean Road", "NE33 2AA")
    );
    // Set apart by dashes.
    let body = "Hello,\n\nI stay in Lanark - 14 Hope Street - ML11 7AA - if you could send me them.\n\nIona Baird\n";
    assert_eq!(
        run(None, "", body),
        found("Iona Baird", "Lanark, 14 Hope Street", "ML11 7AA")
    );
}

#[test]
fn a_town_after_in_ending_a_sentence_is_a_part() {
    let body = "Hello,\n\nMy name is Omar Haddad and I live at 15 Cromwell Avenue in Thame. The postcode is OX9 3AA.\n\nOmar\n";
    assert_eq!(
        run(None, "", body),
        found("Omar Haddad", "15 Cromwell Avenue, Thame", "OX9 3AA")
    );
}

#[test]
fn a_street_with_no_house_on_it_is_no_address() {
    let body = "Morning,\n\nMy name is Ruth Pardoe and I live on Mill Road in Little Paxton, PE19 6AA. Please send me the letters.\n\nRuth\n";
    assert_eq!(
        run(None, "", body),
        (some("Ruth Pardoe"), None, some("PE19 6AA"))
    );
    // A house's name over a street, or a number written out, is a house.
    let body = "Ruth Pardoe\nOrchard View\nChurch Lane\nClifton\nSG17 5AA\n";
    assert_eq!(
        run(None, "", body).1,
        some("Orchard View, Church Lane, Clifton")
    );
    let body = "Ruth Pardoe\nTwelve Church Lane\nClifton\nSG17 5AA\n";
    assert_eq!(run(None, "", body).1, some("Twelve Church Lane, Clifton"));
}

#[test]
fn the_town_in_a_sentence_after_the_street_is_a_part() {
    let body =
        "Hello,\n\nI'm at 9 Kiln Lane. It's Hinckley, LE10 0AA. Letters please!\n\nGrace Lowe\n";
    assert_eq!(run(None, "", body).1, some("9 Kiln Lane, Hinckley"));
    let body =
        "Hi,\n\nHome for me is 22 Hawthorn Brae, Dysart, Kirkcaldy, KY1 2AA. I'm Fiona Reid.\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Fiona Reid",
            "22 Hawthorn Brae, Dysart, Kirkcaldy",
            "KY1 2AA"
        )
    );
}

#[test]
fn up_or_over_at_a_place_leads_to_the_address() {
    let body = "Hiya,\n\nWe're over at Hendre Isaf, Llanarth, Ceredigion SA47 0AA, miles from anywhere.\n\nGwenno Morgan\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Gwenno Morgan",
            "Hendre Isaf, Llanarth, Ceredigion",
            "SA47 0AA"
        )
    );
}

#[test]
fn a_house_after_send_the_letters_to_is_no_one_else() {
    // The From line names the writer, who writes for themselves: the two
    // words after "send the letters to" are their house's name.
    let body = "Hello,\n\nI'm Dilys Pryce. Send the letters to Nant Gwyn, Heol y Bont, Rhayader LD6 5AA please.\n\nDilys\n";
    assert_eq!(
        run(Some("Dilys Pryce"), "", body),
        found("Dilys Pryce", "Nant Gwyn, Heol y Bont, Rhayader", "LD6 5AA")
    );
    // Writing for someone else, the person after it is theirs.
    let body = "Hello,\n\nI'm doing this for my aunt. Send the letters to Megan Pryce, 4 Heol y Bont, Rhayader LD6 5AA please.\n\nDilys\n";
    assert_eq!(run(Some("Dilys Pryce"), "", body).0, some("Megan Pryce"));
}

#[test]
fn an_address_in_brackets_starts_inside_them() {
    let body = "Morning all, Ewan Baird here (0/2, 7 Dalness Street, Glasgow G32 7AA) - count me in for the letters.\n\nEwan\n";
    assert_eq!(
        run(None, "", body),
        found("Ewan Baird", "0/2, 7 Dalness Street, Glasgow", "G32 7AA")
    );
    let body = "Dear sirs,\n\nKindly post them to me at home (Glebe House, Church Row, Bishops Lydeard, Taunton TA4 3AA) and I will sign them.\n\nCanon Peter Lusby\n";
    assert_eq!(
        run(None, "", body).1,
        some("Glebe House, Church Row, Bishops Lydeard, Taunton")
    );
}

#[test]
fn a_home_address_is_at_is_a_label_without_the_at() {
    let body = "Dear campaign,\n\nI'd like the letters. My name is Owen Pryce and\nmy home address is at 14 Goldcroft Road, Weymouth, DT4 0AA.\n\nOwen\n";
    assert_eq!(run(None, "", body).1, some("14 Goldcroft Road, Weymouth"));
}

#[test]
fn a_dash_before_the_number_and_street_sets_the_flat_apart() {
    let body =
        "Hello, I'm at Flat C - 9 Marine Parade - Dover - CT16 1AA, and my name's Lorna Pike.\n";
    assert_eq!(
        run(None, "", body).1,
        some("Flat C, 9 Marine Parade, Dover")
    );
    // After talk, the dash is no comma: "home" is no part.
    let body = "Hi, send them to me at home - 9 Marine Parade, Dover. I'll find the postcode.\n\nLorna Pike\n";
    assert_eq!(run(None, "", body).1, some("9 Marine Parade, Dover"));
}

#[test]
fn a_bracket_round_the_postcode_alone_leaves_the_address_before_it() {
    let body = "Colin Tait - 3 Harbour Road - Eyemouth (TD14 5AA)\nSend the letters, cheers\n";
    assert_eq!(
        run(None, "", body),
        found("Colin Tait", "3 Harbour Road, Eyemouth", "TD14 5AA")
    );
}

#[test]
fn three_places_under_the_persons_name_are_an_address() {
    // Not the number in the talk above it.
    let body = "Evening all. We saw the consultant at 11 Bank Street clinic, Brecon.\n\nCatrin Lloyd, Pen-y-bryn, Llanfair-ym-Muallt, Builth Wells LD2 3AA\n\nDiolch\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Catrin Lloyd",
            "Pen-y-bryn, Llanfair-ym-Muallt, Builth Wells",
            "LD2 3AA"
        )
    );
}

#[test]
fn a_year_with_a_comma_after_it_is_no_house_number() {
    let body = "Hi, I had my knee done in 2021, Derriford then physio in Truro.\n\nAlan Pascoe\n";
    assert_eq!(run(None, "Letters PL11 2AA", body).1, None);
}

#[test]
fn that_is_opening_a_bracket_is_no_part_of_the_address() {
    let body = "Good morning. I am Rosalind Fenn (that's 4 Cherry Tree Walk, Sprowston, Norwich NR7 8AA) and I've been with my GP for thirty years.\n";
    assert_eq!(
        run(None, "", body).1,
        some("4 Cherry Tree Walk, Sprowston, Norwich")
    );
}

#[test]
fn an_afterthought_before_the_postcode_is_no_town() {
    let body = "Hello, Ffion Jones here. I'm at 12 Ffordd Las, Prestatyn. Oops, the postcode, it is LL19 9AA.\n";
    assert_eq!(run(None, "", body).1, some("12 Ffordd Las, Prestatyn"));
}

#[test]
fn which_is_after_a_present_address_leads_to_it() {
    // Not the old address written above it.
    let body = "Dear campaign,\n\nWe lived in Witney until 2020 (our old address was 9 Corn Street, OX28 6AA), and I was treated there.\n\nKindly send them to me at my present address, which is Windrush, 4 Mill Lane, Bampton OX18 2AA.\n\nMrs Joy Tarrant\n";
    assert_eq!(
        run(None, "", body).1,
        some("Windrush, 4 Mill Lane, Bampton")
    );
}

#[test]
fn its_before_the_house_number_is_no_part_of_it() {
    let body = "Kieran Moss here, it's 9 Ffordd Gwyn, Pontarddulais SA4 8AA. Letters please\n";
    assert_eq!(run(None, "", body).1, some("9 Ffordd Gwyn, Pontarddulais"));
}

#[test]
fn the_town_after_a_postcode_between_commas_is_a_part() {
    let body =
        "Hiya, I'm at 7 Pinewood Drive, RG41 3AA, Wokingham - letters please!\n\nMeera Shah\n";
    assert_eq!(run(None, "", body).1, some("7 Pinewood Drive, Wokingham"));
}

#[test]
fn youll_find_me_in_a_town_puts_it_first() {
    let body = "Hello,\n\nPut me down. You'll find me in Kelso, 8 Bowmont Street, TD5 7AA - letters please.\n\nCallum Hogg\n";
    assert_eq!(
        run(Some("Callum Hogg"), "", body),
        found("Callum Hogg", "Kelso, 8 Bowmont Street", "TD5 7AA")
    );
}

#[test]
fn a_welsh_street_with_no_house_on_it_is_no_address() {
    let body =
        "Hi,\n\nEmyr Rowlands, I live on Ffordd Gwynedd in Bala, LL23 7AA. Letters please.\n";
    assert_eq!(run(Some("Emyr Rowlands"), "", body).1, None);
}
