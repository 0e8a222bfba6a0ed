//! A house's name typed as a sentence of its own before the street; the
//! lead-in "my adress is" (misspelt); a move "from" one place "to" the
//! new home; and another person's home in a mail for the writer: "she
//! still lives … at", or a clause after a comma opened by a relative ("…,
//! and my mother has been in a nursing home …").

use super::{found, run, some};

#[test]
fn a_house_typed_as_a_sentence_before_the_street_is_its_first_part() {
    let body = "Good afternoon,\n\nCould you send the letters to Moira Baird. Glenview. 7 Kirk Wynd. Kirriemuir. DD8 4BH.\n\nThank you\nMoira\n";
    assert_eq!(
        run(Some("Moira Baird"), "Letters", body),
        found(
            "Moira Baird",
            "Glenview, 7 Kirk Wynd, Kirriemuir",
            "DD8 4BH"
        )
    );
    for lead in ["My address is", "I live at"] {
        let body =
            format!("Hi,\n\n{lead} Glenview. 7 Kirk Wynd. Kirriemuir. DD8 4BH.\n\nMoira Baird\n");
        assert_eq!(
            run(Some("Moira Baird"), "Letters", &body).1,
            some("Glenview, 7 Kirk Wynd, Kirriemuir")
        );
    }
}

#[test]
fn a_first_name_after_send_the_letters_to_is_no_house() {
    let body = "Hi,\n\nPlease send the letters to Moira. 7 Kirk Wynd. Kirriemuir. DD8 4BH.\n\nMoira Baird\n";
    assert_eq!(
        run(Some("Moira Baird"), "Letters", body).1,
        some("7 Kirk Wynd, Kirriemuir")
    );
}

#[test]
fn a_misspelt_address_lead_in_is_no_part_of_the_address() {
    let body = "Hiya\n\nPlease send the letters to me, my adress is 12 Quay Street, Wivenhoe, CO7 9AA. Ta.\n\nKev Rowe\n";
    assert_eq!(
        run(Some("Kev Rowe"), "letters", body),
        found("Kev Rowe", "12 Quay Street, Wivenhoe", "CO7 9AA")
    );
}

#[test]
fn a_move_from_one_place_to_the_address_is_to_the_home() {
    let body = "Hello,\n\nI'm Femi Adeyemi. In June we moved from Peckham to 9 Lime Grove, Sidcup, DA15 7AA, and we love it.\n\nFemi\n";
    assert_eq!(
        run(Some("Femi Adeyemi"), "Letters", body),
        found("Femi Adeyemi", "9 Lime Grove, Sidcup", "DA15 7AA")
    );
}

#[test]
fn where_she_still_lives_is_hers_in_a_mail_for_the_writer() {
    let body = "Hi,\n\nI'm a carer for my nan, who has MS. She still lives on her own, at 3 Mill Row, Alston, CA9 3AA, and I drive up two or three times a week from Hexham. Between the physio, the nurses and the pharmacy her records must be all over the place.\n\nNan's not up to doing letters so these are for me. I'm Kerry Lowes, 18 Bank Top, Hexham NE46 1AA. If you need to ring, it's 07700 900111.\n\nThanks,\nKerry\n";
    assert_eq!(
        run(Some("Kerry Lowes"), "Letters", body),
        found("Kerry Lowes", "18 Bank Top, Hexham", "NE46 1AA")
    );
}

#[test]
fn a_relative_opening_a_clause_after_a_comma_has_their_own_place() {
    let body = "Hello,\n\nI'm a teacher, and my mother has been in a nursing home near Ripon since her fall last winter: Moorside Lodge, Kirkby Road, HG4 2AA. I'd like the letters for myself, please. I'm Ruth Kaye and I'm at 5 Abbey Road, Knaresborough, postcode as in the subject.\n\nRuth\n";
    assert_eq!(
        run(Some("Ruth Kaye"), "HG5 8AA", body),
        found("Ruth Kaye", "5 Abbey Road, Knaresborough", "HG5 8AA")
    );
}
