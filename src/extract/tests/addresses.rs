//! Address blocks: house names, flats, farms and crofts, the parts of a place,
//! and what is too little to be a street address.

use super::{found, run, some};

#[test]
fn unlabelled_block_with_signoff_name() {
    let body = "Hello,\n\nPlease send me the letters.\n\nThanks,\nJane Smith\n12 Acacia Avenue\nSevenoaks\nBR8 7RE\n";
    assert_eq!(
        run(None, "", body),
        found("Jane Smith", "12 Acacia Avenue, Sevenoaks", "BR8 7RE")
    );
}

#[test]
fn postcode_ending_an_address_line_and_name_from_from_header() {
    let body = "Please send the letters to me.\n\n12 Acacia Avenue, Sevenoaks BR8 7RE\n";
    assert_eq!(
        run(Some("Jane Smith"), "", body),
        found("Jane Smith", "12 Acacia Avenue, Sevenoaks", "BR8 7RE")
    );
}

#[test]
fn the_address_after_the_postcode() {
    let body = "NR2 4PX is my postcode and the house is Orchard View, 3 Dereham Road, Norwich. I'm Kit Lamb.";
    assert_eq!(
        run(None, "", body),
        found(
            "Kit Lamb",
            "Orchard View, 3 Dereham Road, Norwich",
            "NR2 4PX"
        )
    );
}

#[test]
fn house_names_and_flat_numbers_before_the_street() {
    let body = "Please do mine. Ewan Baird, Tighnabruaich, 4 Shore Road, Tarbert PA29 6TP.";
    assert_eq!(
        run(None, "", body),
        found(
            "Ewan Baird",
            "Tighnabruaich, 4 Shore Road, Tarbert",
            "PA29 6TP"
        )
    );
    let body = "Details:\nEwan Baird\n3/2\n41 Garnet Street\nGlasgow\nG3 6QH\n";
    assert_eq!(
        run(None, "", body),
        found("Ewan Baird", "3/2, 41 Garnet Street, Glasgow", "G3 6QH")
    );
}

#[test]
fn no_postcode_is_kept_in_the_address() {
    let got = run(
        None,
        "",
        "I'm Kit Lamb and my address is 3 Dereham Road, Norwich, QX2 4PX.",
    );
    assert_eq!(
        got,
        (some("Kit Lamb"), some("3 Dereham Road, Norwich"), None)
    );
}

#[test]
fn a_hard_wrap_between_the_house_number_and_its_street() {
    let body = "Please could you do the letters for me. Aisha Fletcher, 1\nRowan Close, Warrington BR8 7RE.";
    assert_eq!(
        run(None, "", body),
        found("Aisha Fletcher", "1 Rowan Close, Warrington", "BR8 7RE")
    );
}

#[test]
fn a_town_after_a_postcode_that_starts_its_line() {
    let body = "My details:\nPiotr Zielinski\nHigh Street 12\nBR8 7RE Swanley\n\nThanks\nPiotr";
    assert_eq!(
        run(None, "", body),
        found("Piotr Zielinski", "High Street 12, Swanley", "BR8 7RE")
    );
    // A word after the postcode that is no town stays out.
    let body = "Piotr Zielinski\n12 High Street\nBR8 7RE Thanks";
    assert_eq!(
        run(None, "", body),
        found("Piotr Zielinski", "12 High Street", "BR8 7RE")
    );
}

#[test]
fn a_flat_described_rather_than_numbered() {
    let body = "Hi I live in the flat over the chemist, it's Flat above 9 Mill Lane, Swanley, BR8 7RE. Name's Jo Bloggs.";
    assert_eq!(
        run(None, "", body),
        found("Jo Bloggs", "Flat above 9 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_house_name_after_my_address_is_is_no_persons_name() {
    let body = "I'm Jo\nBloggs, and my address is Nort Hoose, Aith, Bixter, Shetland ZE2 9PA.\n\nBest wishes\nJo";
    assert_eq!(
        run(None, "", body),
        found("Jo Bloggs", "Nort Hoose, Aith, Bixter, Shetland", "ZE2 9PA")
    );
}

#[test]
fn a_town_alone_is_no_address_and_a_pronoun_ends_a_name() {
    let (name, address, postcode) = run(
        None,
        "",
        "Name: Jo Bloggs\nAddress: Swanley\nPostcode: BR8 7RE",
    );
    assert_eq!(
        (name.as_deref(), address, postcode.as_deref()),
        (Some("Jo Bloggs"), None, Some("BR8 7RE"))
    );
    let body =
        "Hello my name is Jo Bloggs I live at 4 Mill Lane Swanley BR8 7RE please send the letters";
    assert_eq!(
        run(None, "", body),
        found("Jo Bloggs", "4 Mill Lane Swanley", "BR8 7RE")
    );
}

#[test]
fn a_postcode_typed_short_is_no_part_of_the_address() {
    let body = "Hello, I'm Ross Baird and I live at 4 Kirk Brae, Lanark, ML11 9A. Thanks";
    assert_eq!(
        run(None, "", body),
        (some("Ross Baird"), some("4 Kirk Brae, Lanark"), None)
    );
}

#[test]
fn a_town_and_its_county_is_no_street_address() {
    let body = "Name: Eluned Rees\nAddress: Llanidloes, Powys\nPostcode: SY18 6AA";
    assert_eq!(
        run(None, "", body),
        (some("Eluned Rees"), None, some("SY18 6AA"))
    );
    let body = "Name: Eluned Rees\nAddress: Bryn Glas, Llanidloes, Powys\nPostcode: SY18 6AA";
    assert_eq!(run(None, "", body).1, some("Bryn Glas, Llanidloes, Powys"));
}

#[test]
fn small_words_inside_a_house_name_are_the_names() {
    let body = "Hello,\n\nMy address is:\n\nChy an Mor\n7 Fore Street\nSt Ives\nTR26 1AA\n\nThank you,\nTamsin Rowe";
    assert_eq!(
        run(None, "", body),
        found(
            "Tamsin Rowe",
            "Chy an Mor, 7 Fore Street, St Ives",
            "TR26 1AA"
        )
    );
}

#[test]
fn a_numbered_croft_starts_an_address() {
    let body = "Please send them. Morag Beaton, Croft 7, Achmore, Stromeferry, IV53 8UN.";
    assert_eq!(
        run(None, "", body),
        found("Morag Beaton", "Croft 7, Achmore, Stromeferry", "IV53 8UN")
    );
}

#[test]
fn a_line_naming_the_town_a_place_is_near_is_a_part_of_its_own() {
    let body = "Please send them.\n\nPriya Nair\nHill Farm\nnr Swanley\nKent\nBR8 7RE";
    assert_eq!(
        run(None, "", body),
        found("Priya Nair", "Hill Farm, nr Swanley, Kent", "BR8 7RE")
    );
}

#[test]
fn a_name_like_first_line_that_is_not_the_person_is_the_place() {
    let body = "My address is a bit unusual:\n\nHafod Wen\nLlanfair Road\nSwanley\nBR8 7RE\n\nI'm Priya Nair, thank you!";
    assert_eq!(
        run(None, "", body),
        found("Priya Nair", "Hafod Wen, Llanfair Road, Swanley", "BR8 7RE")
    );
    let body = "Here you are.\n\nHafod Wen\nLlanfair Road\nSwanley\nBR8 7RE\n\nName is Priya Nair, thank you!";
    assert_eq!(
        run(None, "", body),
        found("Priya Nair", "Hafod Wen, Llanfair Road, Swanley", "BR8 7RE")
    );
    // The person's own name heading the block stays out of it.
    let body = "Please send them.\n\nMrs P Nair\n9 Elm Road\nSwanley\nBR8 7RE\n\nPriya Nair";
    assert_eq!(
        run(None, "", body).1.as_deref(),
        Some("9 Elm Road, Swanley")
    );
}

#[test]
fn an_abbreviated_county_does_not_end_the_address() {
    let body = "Name: Priya Nair\nAddress: 9 Elm Road, Consett, Co. Durham\nPostcode: DH8 5AB";
    assert_eq!(
        run(None, "", body).1.as_deref(),
        Some("9 Elm Road, Consett, Co. Durham")
    );
}

#[test]
fn parts_set_apart_by_semicolons_are_parts() {
    let body = "My details; Priya Nair; 9 Elm Road; Swanley; Kent; BR8 7RE\n\nThanks";
    assert_eq!(
        run(None, "", body),
        found("Priya Nair", "9 Elm Road, Swanley, Kent", "BR8 7RE")
    );
}

#[test]
fn a_house_name_under_the_persons_name_is_the_address() {
    let body = "Please send me the letters.\n\nPriya Nair\nTy Gwyn\n9 Elm Road\nSwanley\nBR8 7RE\n";
    assert_eq!(
        run(None, "", body),
        found("Priya Nair", "Ty Gwyn, 9 Elm Road, Swanley", "BR8 7RE")
    );
    // Two people of one family are not a person and a house.
    let body =
        "Please send me the letters.\n\nRaj Nair\nPriya Nair\n9 Elm Road\nSwanley\nBR8 7RE\n";
    assert_eq!(
        run(None, "", body).1.as_deref(),
        Some("9 Elm Road, Swanley")
    );
}

#[test]
fn an_address_said_to_be_at_the_top_is_the_block_at_the_top() {
    let body = "Mrs Ann Cole\n4 Mill Lane\nSwanley\nBR8 7RE\n\nDear Sir,\n\nPlease prepare the letters for me to sign and post.\n\nMy address is given at the top. Thank you for your work.\n\nYours faithfully,\n\nA. Cole";
    assert_eq!(
        run(None, "", body),
        found("Mrs Ann Cole", "4 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_house_name_between_the_person_and_the_number_is_the_address() {
    let body = "Letters please. Gareth Morgan, Hafod Wen, 7 Heol Fach, Tonypandy. No postcode to hand, sorry.";
    let (name, address, _) = run(None, "", body);
    assert_eq!(name.as_deref(), Some("Gareth Morgan"));
    assert_eq!(
        address.as_deref(),
        Some("Hafod Wen, 7 Heol Fach, Tonypandy")
    );
    let body = "Letters please.\n\nGareth Morgan\nHafod Wen\n7 Heol Fach\nTonypandy\n\nI'll send the postcode when I find it.";
    let (name, address, _) = run(None, "", body);
    assert_eq!(name.as_deref(), Some("Gareth Morgan"));
    assert_eq!(
        address.as_deref(),
        Some("Hafod Wen, 7 Heol Fach, Tonypandy")
    );
}

#[test]
fn a_line_ending_with_a_colon_was_not_wrapped_into_the_address_below() {
    let body = "Hello, it's Sam Green here, writing from the family email account.\n\nOnly the one set of letters for me, please. My address is:\n4 Mill Lane\nSt Mary Cray\nSwanley\nBR8 7RE\n\nThanks";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "4 Mill Lane, St Mary Cray, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_named_house_with_no_number_is_read_when_the_postcode_is_in_the_subject() {
    let body = "Please send me the letters.\n\nSam Baker\nLilac Cottage\nChurch Lane\nSwanley\n\nPostcode is in the subject.";
    assert_eq!(
        run(None, "Letters BR8 7RE", body),
        found(
            "Sam Baker",
            "Lilac Cottage, Church Lane, Swanley",
            "BR8 7RE"
        )
    );
}

#[test]
fn a_greeting_and_an_introduction_head_an_address_without_a_number() {
    let body = "Hello, I'm Tamsin Rowe, Chy an Mor, Church Lane, Mousehole, Penzance TR19 6AA. Letters please!";
    assert_eq!(
        run(None, "", body),
        found(
            "Tamsin Rowe",
            "Chy an Mor, Church Lane, Mousehole, Penzance",
            "TR19 6AA"
        )
    );
}

#[test]
fn a_village_alone_is_no_street_address() {
    let body = "Morwenna Hosking here. I live in Zelah near Truro, TR4 9AA. Letters please";
    assert_eq!(
        run(None, "", body),
        (
            Some("Morwenna Hosking".to_owned()),
            None,
            Some("TR4 9AA".to_owned())
        )
    );
    let body = "Baz Kettle here from Rotherham, S60 1AA. Send them over";
    assert_eq!(run(None, "", body).1, None);
}

#[test]
fn a_farm_block_with_no_postcode_is_its_address() {
    let body = "letters please\n\nEmyr Bowen\nFferm Glanrhyd\nLlanfyrnach\nCrymych\n\ndont know the postcode sorry";
    assert_eq!(
        run(None, "", body).1,
        Some("Fferm Glanrhyd, Llanfyrnach, Crymych".to_owned())
    );
}

#[test]
fn one_line_paragraphs_are_not_double_spacing() {
    let body = "hiya can u sort me the letters its dean platt, 9 hazel grove cannock ws11 1aa\n\nmy nan got a letter from the hospital about all this and she was proper confused\n\nSent from my Galaxy\n\n";
    assert_eq!(
        run(None, "", body),
        found("dean platt", "9 hazel grove cannock", "WS11 1AA")
    );
}

#[test]
fn a_place_with_under_and_a_farm_after_send_to_name() {
    let body = "Evening, please send the letters to Huw Watkins, Lower House Farm, Aston under Wood, Ledbury HR8 2AA. Ta.";
    assert_eq!(
        run(None, "", body),
        found(
            "Huw Watkins",
            "Lower House Farm, Aston under Wood, Ledbury",
            "HR8 2AA"
        )
    );
}

#[test]
fn living_in_a_district_and_a_city_is_no_address() {
    let body = "Hello,\n\nMy name is Rose Quinn and I live in Drumchapel, Glasgow G15 6AA. Please send me the letters.\n\nRose";
    assert_eq!(run(None, "", body).1, None);
}

#[test]
fn a_house_name_after_farm_at_heads_the_parts() {
    let body = "Hi,\n\nWe farm at Breckness, Sandwick, Orkney, KW16 3AA and would like the letters.\n\nThanks,\nIrene Linklater";
    assert_eq!(run(None, "", body).1, some("Breckness, Sandwick, Orkney"));
}

#[test]
fn a_glasgow_flat_position_before_the_number_is_kept() {
    let body = "hiya my flat is at 2/1 14 garnethill street glasgow g3 6aa, cheers\n\nEwan Rankin";
    assert_eq!(
        run(None, "", body).1,
        some("2/1 14 garnethill street glasgow")
    );
}

#[test]
fn the_word_joining_a_person_to_their_house_is_in_neither() {
    let body = "Morning,\n\nThis is Annabel Fairweather-Lowe of Larkspur Cottage, Mill Lane, Shere. My postcode is above.\n\nAnnabel";
    assert_eq!(
        run(None, "Letters please GU5 9AA", body),
        found(
            "Annabel Fairweather-Lowe",
            "Larkspur Cottage, Mill Lane, Shere",
            "GU5 9AA"
        )
    );
}

#[test]
fn a_place_and_its_town_a_word_each_is_no_address() {
    let body = "Callum Reid here, Cambusbarron, Stirling FK7 9AA. Put my name to it.\n\nCallum";
    assert_eq!(run(None, "", body).1, None);
}

#[test]
fn a_house_name_after_my_address_is_with_no_postcode_is_kept() {
    let body = "Dear Sir,\n\nMy name is Owain Bevan and my address is Ty Coch, Llangynidr, Crickhowell. I cannot recall the postcode.\n\nYours,\nOwain Bevan";
    assert_eq!(
        run(None, "", body).1,
        some("Ty Coch, Llangynidr, Crickhowell")
    );
}

#[test]
fn a_landmark_beside_the_town_is_no_address() {
    let body = "Hello,\n\nI live in Salisbury, not far from the cathedral, and my postcode is SP1 2AA.\n\nRegards,\nKit Marlowe";
    assert_eq!(run(None, "", body).1, None);
}

#[test]
fn a_letters_date_under_its_address_is_no_part_of_it() {
    // A farm's name with no house word: the date below the postcode was
    // read as a house number and a street.
    let body = "Penrhos\nLlangynog\nCarmarthen\nSA33 5AA\n\n14 Rhagfyr / December 2026\n\nDear Sir,\n\nI would like the letters please.\n\nYours faithfully,\n\nGwilym Morgan";
    assert_eq!(
        run(None, "", body),
        found(
            "Gwilym Morgan",
            "Penrhos, Llangynog, Carmarthen",
            "SA33 5AA"
        )
    );
    let body = "    4 Orchard Way\n    Sleaford\n\n    Tuesday, 1st December 2026\n\nDear Sirs,\n\nPlease send the letters. I do not know my postcode.\n\nYours truly,\nAlma Kirk";
    assert_eq!(run(None, "", body).1, some("4 Orchard Way, Sleaford"));
}

#[test]
fn a_house_name_and_its_place_in_a_sentence_with_the_postcode_apart() {
    let body = "Hi it's Gwyn Parry, The Old Smithy, Llanfoist, Abergavenny\n\npc NP7 9AA\n\nthanks";
    assert_eq!(
        run(None, "letters", body),
        found(
            "Gwyn Parry",
            "The Old Smithy, Llanfoist, Abergavenny",
            "NP7 9AA"
        )
    );
}

#[test]
fn a_glasgow_closes_flat_position_before_the_number_is_kept() {
    let body =
        "Hello, home is:\n\nSiobhan Keane\n0/R, 14 Main Street\nUddingston\nG71 9AA\n\nThanks";
    assert_eq!(
        run(None, "letters", body).1,
        some("0/R, 14 Main Street, Uddingston")
    );
}

#[test]
fn a_line_ending_with_its_street_word_ends_its_part() {
    // "Grove" under "12 Elm Close" is the village, not the street's end.
    let body = "12 Elm Close\nGrove\nWantage\nOX12 7AA\n\nDear Sir,\nI should like the letters.\n\nYours faithfully,\nMrs Winifred Alder\n";
    assert_eq!(run(None, "", body).1, some("12 Elm Close, Grove, Wantage"));
    // Read from a sentence, the street's line is whole all the same.
    let body = "Hi\n\nIt's 42 Boarshaw Rd\nMiddleton\nM24 4AA\n\nThanks, Shannon Kershaw\n";
    assert_eq!(run(None, "", body).1, some("42 Boarshaw Rd, Middleton"));
}

#[test]
fn a_long_line_of_parts_ending_with_its_street_was_not_wrapped() {
    let body = "Hello, yes please!\n\nGrace Mensah\nFlat 7, Bramblebury Court, 31 Plumstead Common Road\nLondon SE18 5AA\n\nMany thanks\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Grace Mensah",
            "Flat 7, Bramblebury Court, 31 Plumstead Common Road, London",
            "SE18 5AA"
        )
    );
}

#[test]
fn outlooks_doubled_lines_around_a_hard_wrapped_paragraph_are_undone() {
    // Outlook's text part: an empty line after every line, a real blank
    // line marked with a space, and one paragraph wrapped by the client.
    let body = "Hi,\n\n \n\nSending from work, hope that's OK. Please use my home address for the\nletters, not the office one in my signature:\n\n \n\nMarcus Bell\n\n22 Vansittart Road\n\nWindsor\n\nSL4 3AA\n\n \n\nMany thanks,\n\nMarcus\n\n \n\nThis email and any attachments are confidential and intended solely for the\naddressee. If you have received it in error please notify the sender and\ndelete it.\n";
    assert_eq!(
        run(None, "", body),
        found("Marcus Bell", "22 Vansittart Road, Windsor", "SL4 3AA")
    );
}
