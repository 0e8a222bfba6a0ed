//! Unit tests for shapes first met in the ninth blind set, each written
//! with other words than the mail that showed it.

use super::tests::{found, run};

#[test]
fn a_field_nobody_asked_for_ends_the_address_above_it() {
    let body = "Address: 4 Mill Lane, Swanley\nMobile number: 07700 900123\nName: Sam Green\nPostcode: BR8 7RE";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "4 Mill Lane, Swanley", "BR8 7RE")
    );
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
fn labels_run_together_are_read_even_with_a_slip() {
    let body = "Nmae: Sam Green Adress: 4 Mill Lane, Swanley Postcde: BR8 7RE\n\nThanks";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "4 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_correction_outweighs_a_labelled_postcode_on_its_own_line() {
    let body = "Name: Sam Green\nAddress: 4 Mill Lane, Swanley\nPostcode: LS6 2AB\n\nApologies, the browser put that one in. Mine is BR8 7RE. The address above is right.";
    assert_eq!(run(None, "", body).2.as_deref(), Some("BR8 7RE"));
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
fn a_paragraph_of_writing_that_names_jobs_is_no_work_signature() {
    let body = "Hi,\n\nI'm writing on behalf of my dad, who's 90 and was an NHS ward clerk for thirty years.\n\nHis name is Mr Alan Cole and he lives at 4 Mill Lane, Swanley BR8 7RE.\n\n(Mine is different – I'm at 2 Park Road, Leeds, LS6 2AB – but these are for Dad.)\n\nJo Cole";
    let (_, address, postcode) = run(None, "", body);
    assert_eq!(address.as_deref(), Some("4 Mill Lane, Swanley"));
    assert_eq!(postcode.as_deref(), Some("BR8 7RE"));
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
fn a_scots_ahm_introduces_a_name() {
    let body = "Aye, gie us the letters. Ah'm Morag Struthers, 4 Mill Lane, Swanley BR8 7RE.";
    assert_eq!(run(None, "", body).0.as_deref(), Some("Morag Struthers"));
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
fn a_line_ending_with_a_colon_was_not_wrapped_into_the_address_below() {
    let body = "Hello, it's Sam Green here, writing from the family email account.\n\nOnly the one set of letters for me, please. My address is:\n4 Mill Lane\nSt Mary Cray\nSwanley\nBR8 7RE\n\nThanks";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "4 Mill Lane, St Mary Cray, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_labelled_address_in_the_continental_order_keeps_its_town() {
    let body = "Name: Sam Green\nAddress: Mill Lane 4\nBR8 7RE Swanley\n\nBest regards";
    assert_eq!(
        run(None, "", body),
        found("Sam Green", "Mill Lane 4, Swanley", "BR8 7RE")
    );
}

#[test]
fn the_person_written_for_is_named_a_few_small_words_on() {
    let body = "Good morning,\n\nI support people as a volunteer and I'm writing on behalf of a resident, Mrs Joan Pike, who would like the letters.\n\nHer address is 4 Mill Lane, Swanley BR8 7RE.\n\nKind regards\nSam";
    assert_eq!(run(None, "", body).0.as_deref(), Some("Mrs Joan Pike"));
    let body = "Hi\n\nMy lovely old neighbour Mr Alan Cole has asked me to get the letters for him. He's at 4 Mill Lane, Swanley, BR8 7RE.\n\nSam";
    assert_eq!(
        run(Some("Sam Green"), "", body).0.as_deref(),
        Some("Mr Alan Cole")
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
fn a_surname_that_is_a_street_word_is_a_name_once_the_sign_off_confirms_it() {
    let body =
        "Please send me the letters.\n\nTom Hill\n4 Church Lane\nSwanley\nBR8 7RE\n\nThanks\nTom";
    assert_eq!(
        run(None, "", body),
        found("Tom Hill", "4 Church Lane, Swanley", "BR8 7RE")
    );
    let body = "Please send me the letters.\n\nSam Green\nLilac Cottage\nChurch Lane\nSwanley\n\nPostcode is in the subject.\n\nCheers\nSam";
    assert_eq!(
        run(None, "Letters BR8 7RE", body),
        found(
            "Sam Green",
            "Lilac Cottage, Church Lane, Swanley",
            "BR8 7RE"
        )
    );
    // Signed by someone else: the line stays the house's name.
    let body = "Please send me the letters.\n\nLaurel Bank\n4 Church Lane\nSwanley\nBR8 7RE\n\nThanks\nTom";
    assert_eq!(run(None, "", body).0, None);
}
