//! Text pasted from somewhere else before it was sent: a PDF form's values
//! wrapped onto the next line, a spreadsheet's quoted cell of several
//! lines or header of alternatives, Word's bullets read in the wrong
//! character set.

use super::{found, run};

#[test]
fn a_pdf_forms_values_wrapped_onto_the_next_line_are_whole() {
    let body = "I copied the form out of the PDF, sorry about the layout.\n\nFull name:   MARGARET ANNE\nHOLLOWAY\nHome address:   9 Cresswell\nRoad, Hitchin,   Herts\nPostcode:   SG5 1AA\n\nRegards\nMaggie\n";
    assert_eq!(
        run(None, "form", body),
        found(
            "MARGARET ANNE HOLLOWAY",
            "9 Cresswell Road, Hitchin, Herts",
            "SG5 1AA"
        )
    );
}

#[test]
fn a_spreadsheets_quoted_cell_of_several_lines_is_one_address() {
    let body = "Copied from our Christmas card list:\n\nName\tAddress\tPostcode\nMrs Nerys Prosser\t\"Bryn Hyfryd\n4 Heol y Dre\nCydweli\"\tSA17 4AA\n\nDiolch\n";
    assert_eq!(
        run(Some("Nerys Prosser"), "letters", body),
        found(
            "Mrs Nerys Prosser",
            "Bryn Hyfryd, 4 Heol y Dre, Cydweli",
            "SA17 4AA"
        )
    );
}

#[test]
fn a_spreadsheet_header_of_alternatives_labels_its_column_by_the_first() {
    let body = "Here's my row:\n\nName\tHouse\tStreet / village\tTown\tPostcode\nOwen Price\tPen y Bryn\tLlanfoist\tAbergavenny\tNP7 9AA\n";
    assert_eq!(
        run(Some("Owen Price"), "letters", body),
        found(
            "Owen Price",
            "Pen y Bryn, Llanfoist, Abergavenny",
            "NP7 9AA"
        )
    );
}

#[test]
fn words_bullets_read_in_the_wrong_character_set_are_bullets() {
    let body = "Please find my details below.\n\nï‚·\tName: Mrs Joan Ackroyd\nï‚·\tAddress: 7 Hall Lane, Royston, Barnsley\nï‚·\tPost code: S71 4AA\n\nYours faithfully\nJ Ackroyd\n";
    assert_eq!(
        run(None, "letters", body),
        found(
            "Mrs Joan Ackroyd",
            "7 Hall Lane, Royston, Barnsley",
            "S71 4AA"
        )
    );
}

#[test]
fn a_bare_label_under_a_name_is_not_its_wrapped_surname() {
    let body = "Name Fiona Keir\nAddress Motherwell\nPostcode ML1 2AA\n";
    assert_eq!(
        run(Some("Fiona Keir"), "letters", body).0.as_deref(),
        Some("Fiona Keir")
    );
}
