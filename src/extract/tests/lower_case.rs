//! Mail written all in lower case, as people type on phones.

use super::{found, run, some};

#[test]
fn a_house_name_over_a_numbered_street_in_lower_case_is_kept() {
    let body = "hello\n\nplease send the letters\n\nnerys lloyd\ntegfan\n14 heol y parc\npontardawe\nsa8 4aa\n";
    assert_eq!(
        run(None, "", body),
        found(
            "nerys lloyd",
            "tegfan, 14 heol y parc, pontardawe",
            "SA8 4AA"
        )
    );
    let body = "hi im colin pratt, the rectory, 2 church lane, bampton ox18 2aa. thanks";
    assert_eq!(
        run(None, "", body).1,
        some("the rectory, 2 church lane, bampton")
    );
}

#[test]
fn lower_case_x_here_heading_an_address_is_the_name() {
    let body = "pat noon here, 4 brook lane, leek st13 5aa. cheers";
    assert_eq!(
        run(None, "", body),
        found("pat noon", "4 brook lane, leek", "ST13 5AA")
    );
}

#[test]
fn a_lower_case_farm_in_a_sentence_is_the_address() {
    let body = "could you make the letters out to me, gwen roper, at lletty farm, near tregaron, ceredigion sy25 6aa. diolch";
    assert_eq!(
        run(None, "", body).1,
        some("lletty farm, near tregaron, ceredigion")
    );
    let body =
        "we're a bit remote: tarnside cottage, fell road, sedbergh, la10 5aa. i'm joe birkett.";
    assert_eq!(
        run(None, "", body),
        found(
            "joe birkett",
            "tarnside cottage, fell road, sedbergh",
            "LA10 5AA"
        )
    );
}

#[test]
fn an_abbreviation_in_lower_case_ends_no_sentence() {
    let body = "name: ann pyle\naddress: 2 front street, stanley, co. durham\npostcode: dh9 0aa";
    assert_eq!(
        run(None, "", body).1,
        some("2 front street, stanley, co. durham")
    );
}

#[test]
fn a_lower_case_house_name_after_its_lead_word() {
    let body = "please post them to the old rectory, 1 church hill, alnwick ne66 1aa. ta";
    assert_eq!(
        run(Some("Ida Kerr"), "", body).1,
        some("the old rectory, 1 church hill, alnwick")
    );
}

#[test]
fn a_lower_case_i_ends_a_name_in_lower_case_mail() {
    let body = "hiya im sam green i live at 4 mill lane swanley br8 7re cheers";
    assert_eq!(run(None, "", body).0.as_deref(), Some("sam green"));
}

#[test]
fn a_lower_case_line_of_a_block_is_a_part_of_its_own() {
    let body = "Please send the letters.\n\nDawn Whitaker\n4 Mill lane\nSwanley\nkent\nbr8 7re\n";
    assert_eq!(
        run(None, "", body),
        found("Dawn Whitaker", "4 Mill lane, Swanley, kent", "BR8 7RE")
    );
}

#[test]
fn and_then_a_lower_case_word_is_talk_after_an_address() {
    let body = "My name is Sam Green. I live at 4 Mill Lane, Swanley, and have done since 1990. Postcode BR8 7RE.";
    assert_eq!(
        run(None, "", body).1.as_deref(),
        Some("4 Mill Lane, Swanley")
    );
}

#[test]
fn a_name_read_in_lower_case_ends_with_its_line() {
    let body = "hello im dot pearce\nlow moor cottage\ncotherstone\nbarnard castle\ndl12 9aa\nletters please";
    assert_eq!(
        run(None, "", body),
        found(
            "dot pearce",
            "low moor cottage, cotherstone, barnard castle",
            "DL12 9AA"
        )
    );
}

#[test]
fn lower_case_writing_is_no_licence_to_take_any_words_as_a_name() {
    // "i'm" before words that are no name, beside a From line that is one.
    let body =
        "i'm deeply uncomfortable giving this out but here goes\n\n4 mill lane\nswanley\nbr8 7re";
    assert_eq!(run(Some("Jo Pike"), "", body).0, some("Jo Pike"));
    let body = "im doing this for my grandad as hes not online, his postcode is la14 4aa";
    assert_ne!(run(None, "", body).0, some("doing this"));
    // With nothing to contradict it, a lower-case introduction still counts.
    let body = "hiya am kit lamb, 7 main street, hedon, hu12 8ja ty";
    assert_eq!(run(None, "", body).0, some("kit lamb"));
}

#[test]
fn lower_case_x_here_with_no_comma_and_my_after_the_postcode() {
    let body = "hiya gemma tulloch here 7 park st kirkintilloch g66 1aa my sister sent me this lol. send them over thanks xx";
    assert_eq!(
        run(Some("Gem"), "", body),
        found("gemma tulloch", "7 park st kirkintilloch", "G66 1AA")
    );
}

#[test]
fn an_outward_code_alone_in_lower_case_is_no_part_of_the_town() {
    let body = "name jo platt\naddress 12 cromer road, holt nr25\ndont know the rest of the postcode sorry";
    assert_eq!(
        run(None, "", body).1,
        Some("12 cromer road, holt".to_owned())
    );
}

#[test]
fn a_lower_case_mail_signed_with_a_titled_name() {
    let body = "you asked for my address, its 4 vine street, ely cb7 4aa.\n\ndr nuala brennan";
    assert_eq!(
        run(Some("Nuala Brennan"), "", body).0,
        some("dr nuala brennan")
    );
}

#[test]
fn a_lower_case_proxy_is_named_with_a_title_or_set_apart() {
    let body = "im doing this for my neighbour mr wilf cotter who doesn't use email. his address is 2 rye lane, ely cb7 4ab";
    assert_eq!(run(Some("Ann Lee"), "", body).0, some("mr wilf cotter"));
    let body = "im doing this for my neighbour who doesn't use email. his address is 2 rye lane, ely cb7 4ab";
    assert_eq!(run(Some("Ann Lee"), "", body).0, None);
    // Commas around it set a name apart as capitals would.
    let body = "i'm emailing on behalf of my gran, ivy threlfall, as she's not online. her address is 3 holly bank, chorley pr7 2aa.\n\nthanks\nkaren threlfall";
    assert_eq!(
        run(Some("Karen Threlfall"), "", body).0,
        some("ivy threlfall")
    );
}

#[test]
fn a_lower_case_i_after_a_postcode_starts_a_new_sentence() {
    let body = "helo im siôn rees my address is 4 heol y dwr llandeilo\nsa19 6aa i dont want any company reading my notes";
    assert_eq!(run(None, "", body).2, some("SA19 6AA"));
}

#[test]
fn a_capitalised_postcode_leaves_a_mail_lower_case() {
    let body = "hiya its sharon keyes, pls send the letters to 8 mill road sleaford NG34 7AA ta x";
    assert_eq!(run(Some("sharon keyes"), "", body).0, some("sharon keyes"));
}

#[test]
fn we_after_a_postcode_in_lower_case_starts_another_clause() {
    let body = "hiya its dom petrakis 8 fernhill road farnborough gu14 9aa we moved from fleet in march so not the old one thanks";
    assert_eq!(run(None, "", body).2, some("GU14 9AA"));
}

#[test]
fn its_without_its_apostrophe_leads_an_address() {
    let body = "soz didnt no u needed all that lol\nits 42 boarshaw rd middleton m24 4aa\nthanks x";
    assert_eq!(
        run(Some("Shannon Kershaw"), "Re: nhs", body).1,
        some("42 boarshaw rd middleton")
    );
}

#[test]
fn its_before_the_postcode_is_no_part_of_the_address() {
    let body = "yes pls send the letters my name is Sam Lee and im at 9 maes y dre ruthin its ll15 1aa ta\n";
    assert_eq!(
        run(Some("Sam Lee"), "letters", body).1,
        some("9 maes y dre ruthin")
    );
}

#[test]
fn im_without_its_apostrophe_ends_a_name() {
    let body =
        "hi my names Dean Smith im at 6 Cowpen Road Blyth NE24 4AA. send us the letters ta\n";
    assert_eq!(run(None, "", body).0, some("Dean Smith"));
}

#[test]
fn a_town_between_dashes_in_lower_case_is_a_part() {
    let body = "morning, sandy imrie here - 4 kirk wynd - cupar - ky15 5aa. cheers";
    assert_eq!(
        run(None, "", body),
        found("sandy imrie", "4 kirk wynd, cupar", "KY15 5AA")
    );
}

#[test]
fn a_town_said_first_in_lower_case_heads_the_address() {
    let body = "hi folks, im in lanark, 9 bannatyne street, ml11 7aa. ross quigley";
    assert_eq!(run(None, "", body).1, some("lanark, 9 bannatyne street"));
    // A postcode typed in capitals leaves the writing lower case.
    let body = "hi folks, im in lanark, 9 bannatyne street ML11 7AA.";
    assert_eq!(
        run(Some("Ross Quigley"), "", body),
        found("Ross Quigley", "lanark, 9 bannatyne street", "ML11 7AA")
    );
}

#[test]
fn a_town_in_the_next_sentence_in_lower_case_goes_on_the_address() {
    let body = "hiya im kerry dunn, we live at 12 oak road. it's in hedon, hull, and the postcode is hu12 8aa";
    assert_eq!(run(None, "", body).1, some("12 oak road, hedon, hull"));
    let body = "send the letters to me please. kim wyatt. 3 heol y nant. tumble. sa14 6aa. ta";
    assert_eq!(run(None, "", body).1, some("3 heol y nant, tumble"));
    let body = "im tom reid and the house is 27 mains road, beith. it's tom reid, my wife told me about this. postcode ka15 2aa";
    assert_eq!(run(None, "", body).1, some("27 mains road, beith"));
}

#[test]
fn a_street_in_its_town_in_lower_case_is_two_parts() {
    let body = "can u send them to me, aled price at 12 bryn street in ammanford sa18 2aa";
    assert_eq!(run(None, "", body).1, some("12 bryn street, ammanford"));
}

#[test]
fn talk_before_a_dash_in_lower_case_is_no_part() {
    let body =
        "hi im lena rossi, please post them to my home not work - 31 park hill, enfield en1 3aa";
    assert_eq!(run(None, "", body).1, some("31 park hill, enfield"));
}

#[test]
fn a_lower_case_name_the_letters_go_to_stands_when_its_surname_is_known() {
    // Signed with the short form; the written-out name is the letters'.
    let body = "hi\n\ncould you send the letters to samantha birtles please, 4 rope walk, whitby yo21 1aa\n\nsam\n";
    assert_eq!(
        run(Some("Sam Birtles"), "letters", body).0,
        some("samantha birtles")
    );
    // Nothing else names anyone so: no name.
    let body =
        "hi\n\nletters for my wee boys sake please. we live at 4 rope walk, whitby yo21 1aa\n";
    assert_eq!(run(None, "letters", body).0, None);
}

#[test]
fn a_county_with_and_in_its_name_stays_whole_in_lower_case() {
    let body = "hi im dot hume, 4 bede walk, jarrow, tyne and wear ne32 5aa. thanks";
    assert_eq!(
        run(None, "", body).1,
        some("4 bede walk, jarrow, tyne and wear")
    );
}

#[test]
fn a_town_after_the_postcode_in_lower_case_is_a_part() {
    // The continental order, number after the street, town after the
    // postcode.
    let body =
        "hallo, my name is jens vogel, my address is lindenweg road 14, ox4 1aa oxford. danke";
    assert_eq!(run(None, "", body).1, some("lindenweg road 14, oxford"));
}
