//! Unit tests for shapes first met in the later blind sets, each written
//! with other words than the mail that showed it.

use super::tests::{found, run};

#[test]
fn years_written_in_words_are_talk_after_an_address() {
    let body = "We have been at 4 Mill Lane, Swanley for twenty-two years, and our postcode is BR8 7RE.\n\nThanks,\nSam Green";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "4 Mill Lane, Swanley", "BR8 7RE")
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
fn welsh_joining_words_end_a_name() {
    let body = "Fy enw i yw Dafydd Rees ac rwy'n byw yn 4 Stryd Fawr, Swanley BR8 7RE.";
    assert_eq!(run(None, "", body).0.as_deref(), Some("Dafydd Rees"));
}

#[test]
fn a_lower_case_i_ends_a_name_in_lower_case_mail() {
    let body = "hiya im sam green i live at 4 mill lane swanley br8 7re cheers";
    assert_eq!(run(None, "", body).0.as_deref(), Some("sam green"));
}

#[test]
fn a_particle_inside_a_name_after_name_is_is_kept() {
    let body = "My name is Ana Luisa de Souza, I live at 4 Mill Lane, Swanley BR8 7RE.";
    assert_eq!(run(None, "", body).0.as_deref(), Some("Ana Luisa de Souza"));
}

#[test]
fn a_shop_is_no_persons_name() {
    let body = "Hi, the address is 4 Mill Lane, Swanley BR8 7RE. Thanks!\n\nMill Lane Stores\n";
    assert_eq!(run(Some("Mill Lane Stores"), "", body).0, None);
}

#[test]
fn a_home_label_beats_a_work_label_above_it() {
    let body = "Work: 1 Borough High Street, London SE1 2DL\nHome: 4 Mill Lane, Swanley BR8 7RE\n\nThanks,\nSam Green";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "4 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_neighbour_named_before_asked_me_to_send_gets_the_letters() {
    let body = "My neighbour Mr Alan Pike asked me to send this for him. His address is 4 Mill Lane, Swanley BR8 7RE.\n\nCheers\nSam Green";
    assert_eq!(
        run(Some("Sam Green"), "", body),
        found("Mr Alan Pike", "4 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn typing_this_for_me_is_no_proxy() {
    let body = "My son is typing this for me (he lives at 1 Borough High Street, London SE1 2DL).\n\nSam Green\n4 Mill Lane\nSwanley\nBR8 7RE\n\nThank you,\nSam Green";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "4 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_postcode_spelled_in_pieces_ends_a_dictated_address() {
    let body = "hello its Priya Nair I want the letters my address is 9 Elm Road Swanley B R 8 7 R E thanks";
    assert_eq!(
        run(None, "", body),
        found("Priya Nair", "9 Elm Road Swanley", "BR8 7RE")
    );
    let body = "Name: Priya Nair\nAddress: 9 Elm Road, Swanley\nPostcode: br8  7 re";
    assert_eq!(run(None, "", body).2.as_deref(), Some("BR8 7RE"));
}

#[test]
fn bulleted_labels_are_labels() {
    let body =
        "Hi,\n\n• Name:    Priya Nair\n• Address: 9 Elm Road, Swanley\n• Postcode: BR8 7RE\n";
    assert_eq!(
        run(None, "", body),
        found("Priya Nair", "9 Elm Road, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_name_given_in_form_parts_is_put_together() {
    let body = "Title: Dr\nFirst name: Priya\nSurname: Nair\nAddress: 9 Elm Road, Swanley\nPostcode: BR8 7RE";
    assert_eq!(
        run(None, "", body),
        found("Dr Priya Nair", "9 Elm Road, Swanley", "BR8 7RE")
    );
    let body = "Title: Ms\nName: Priya Nair\nAddress: 9 Elm Road, Swanley\nPostcode: BR8 7RE";
    assert_eq!(run(None, "", body).0.as_deref(), Some("Ms Priya Nair"));
}

#[test]
fn a_name_and_address_in_each_others_boxes_are_swapped_back() {
    let body = "Name: 9 Elm Road, Swanley\nAddress: Priya Nair\nPostcode: BR8 7RE\n\nsorry wrong way round!";
    assert_eq!(
        run(None, "", body),
        found("Priya Nair", "9 Elm Road, Swanley", "BR8 7RE")
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
fn a_couple_is_no_one_person() {
    let body = "We'd both like them. We are Mr and Mrs Nair, Hill House, 9 Elm Road, Swanley BR8 7RE.\n\nLove,\nRaj and Priya";
    let (name, address, postcode) = run(Some("The Nairs"), "", body);
    assert_eq!(name, None);
    assert_eq!(address.as_deref(), Some("Hill House, 9 Elm Road, Swanley"));
    assert_eq!(postcode.as_deref(), Some("BR8 7RE"));
}

#[test]
fn parents_who_would_like_the_letters_are_who_they_are_for() {
    let body = "Hello, my parents, Mr and Mrs Nair, would like the letters. Their address is 9 Elm Road, Swanley BR8 7RE.\n\nThanks,\nPriya";
    let (name, address, postcode) = run(Some("Priya Nair"), "", body);
    assert_eq!(name, None, "a couple, and not the writer");
    assert_eq!(address.as_deref(), Some("9 Elm Road, Swanley"));
    assert_eq!(postcode.as_deref(), Some("BR8 7RE"));
}

#[test]
fn the_person_introduced_after_the_writer_has_the_home_that_counts() {
    let body = "I'm Raj Nair, 3 Park Lane, Leeds LS6 2AB, but these are for my dad. He's Mr Anil Nair, 9 Elm Road, Swanley BR8 7RE.";
    assert_eq!(
        run(Some("Raj Nair"), "", body),
        found("Mr Anil Nair", "9 Elm Road, Swanley", "BR8 7RE")
    );
}

#[test]
fn the_address_of_a_disowned_postcode_is_not_theirs_either() {
    let body = "I'm Priya Nair. You have my old address, 9 Elm Road, Swanley BR8 7RE, but I moved away last month and don't know the new postcode yet.";
    let (name, address, postcode) = run(None, "", body);
    assert_eq!(name.as_deref(), Some("Priya Nair"));
    assert_eq!(address, None);
    assert_eq!(postcode, None);
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
fn a_correction_outweighs_the_postcode_it_corrects() {
    let body = "Name: Priya Nair\nAddress: 9 Elm Road, Swanley\nPostcode: LS6 2AB\n\nOh no sorry, that postcode is my sister's (I was filling hers in too). Mine is BR8 7RE!!";
    assert_eq!(run(None, "", body).2.as_deref(), Some("BR8 7RE"));
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
fn a_title_keeps_its_full_stop_as_written() {
    let body = "I am Dr. Priya Nair. My address: 9 Elm Road, Swanley BR8 7RE";
    assert_eq!(run(None, "", body).0.as_deref(), Some("Dr. Priya Nair"));
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
fn an_address_label_ends_at_its_postcode() {
    let body = "Hello,\n\nCount me in.\n\nMy address is Hill Farm, Swanley, Kent BR8 7RE.\n\nWith love and hope,\n\nDr Priya Nair\n";
    assert_eq!(
        run(None, "", body),
        found("Dr Priya Nair", "Hill Farm, Swanley, Kent", "BR8 7RE")
    );
}

#[test]
fn welsh_my_address_is_and_my_postcode_is_are_labels() {
    let body = "Fy enw i yw Gwenllian Rees.\nFy nghyfeiriad yw 9 Heol y Bryn, Swanley.\nFy nghod post yw BR8 7RE.\n\nDiolch";
    assert_eq!(
        run(None, "", body),
        found("Gwenllian Rees", "9 Heol y Bryn, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_first_name_alone_is_no_name_to_sign_with() {
    let body = "Do them for me please. 9 Elm Road, Swanley BR8 7RE.\n\nCheers, Raj";
    let (name, address, _) = run(Some("Raj"), "", body);
    assert_eq!(name, None);
    assert_eq!(address.as_deref(), Some("9 Elm Road, Swanley"));
}

#[test]
fn the_family_someone_lives_with_says_nothing_against_their_home() {
    let body = "My name is Priya Nair and I live with my partner and our son at 9 Elm Road, Swanley BR8 7RE.";
    assert_eq!(
        run(None, "", body),
        found("Priya Nair", "9 Elm Road, Swanley", "BR8 7RE")
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
fn an_honourable_keeps_the_style() {
    let body = "Name:\nThe Hon. Priya Nair\nAddress:\n9 Elm Road\nSwanley\nPostcode:\nBR8 7RE";
    assert_eq!(
        run(None, "", body),
        found("The Hon. Priya Nair", "9 Elm Road, Swanley", "BR8 7RE")
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
