//! Unit tests for shapes first met in the twenty-sixth blind set, each
//! written with other words than the mail that showed it.

use super::tests::{found, run, some};

#[test]
fn we_after_a_postcode_in_lower_case_starts_another_clause() {
    let body = "hiya its dom petrakis 8 fernhill road farnborough gu14 9aa we moved from fleet in march so not the old one thanks";
    assert_eq!(run(None, "", body).2, some("GU14 9AA"));
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
fn god_bless_is_a_closing_not_a_name() {
    let body = "Please send me the letters.\n\nGod bless,\nWinston Clarke, 3 Tidal Way, Southwick, Sussex BN42 4AA\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Winston Clarke",
            "3 Tidal Way, Southwick, Sussex",
            "BN42 4AA"
        )
    );
}

#[test]
fn a_landmark_beside_the_town_is_no_address() {
    let body = "Hello,\n\nI live in Salisbury, not far from the cathedral, and my postcode is SP1 2AA.\n\nRegards,\nKit Marlowe";
    assert_eq!(run(None, "", body).1, None);
}

#[test]
fn emailing_for_a_relative_names_them() {
    let body = "Hello,\n\nI'm emailing for my grandmother, Mrs Adaeze Nwosu. She has no email.\n\nHer address is 9 Park Lane, Kettering NN15 6AA.\n\nThanks,\nChi";
    assert_eq!(run(Some("Chioma N"), "", body).0, some("Mrs Adaeze Nwosu"));
}

#[test]
fn a_longer_closing_line_still_signs_the_name_under_it() {
    let body = "Please send the letters. I live at 2 Cross Street, Ossett WF5 8AA.\n\nThank you for all that you are doing,\n\nManjit Kaur Gill\n";
    assert_eq!(
        run(Some("Manjit Gill"), "", body).0,
        some("Manjit Kaur Gill")
    );
}
