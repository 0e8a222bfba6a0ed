//! Forms gone wrong: the template's example left above the answers, a
//! field typed into another's box or pointing elsewhere, a required
//! field's star, labels in Romanian, and words written beside a label.

use super::{found, run, some};

#[test]
fn house_no_before_its_number_is_written_not_a_label() {
    // Written as some write it in South Asia: "House No." is part of the
    // address, not a field whose value is the rest.
    let body = "Respected Sir,\n\nKindly send the letters to below address.\n\nHouse no 9, Belgrave Street\nLeicester\nLE4 6AA\n\nRegards\nPriya Nair\n";
    assert_eq!(
        run(None, "letters", body).1,
        some("House no 9, Belgrave Street, Leicester")
    );
    // With its colon it is a field, and the number is its value.
    let body = "House number: 9\nStreet: Belgrave Street\nTown: Leicester\nPostcode: LE4 6AA\nName: Priya Nair\n";
    assert_eq!(
        run(None, "letters", body).1,
        some("9, Belgrave Street, Leicester")
    );
}

#[test]
fn the_templates_example_form_above_the_real_one_is_not_read() {
    let body = "Name: A N Other\nAddress: 10 Any Road, Sometown\nPostcode: (yours here)\n\nName: Moira Lennox\nAddress: 3 Bute Terrace, Millport\nPostcode: KA28 0AA\n\nMoira\n";
    assert_eq!(
        run(None, "Letters", body),
        found("Moira Lennox", "3 Bute Terrace, Millport", "KA28 0AA")
    );
    // Writing that names a field ("my new address is the one I'd like")
    // starts no form.
    let body = "I moved here in August, and my new\naddress is the one I'd like on the letters:\n\nName: Ms Moira Lennox\nAddress: 3 Bute Terrace, Millport\nPostcode: KA28 0AA\n";
    assert_eq!(
        run(Some("Moira Lennox"), "Letters", body).0,
        some("Ms Moira Lennox")
    );
    // An address given over two labelled lines is one form.
    let body = "Name: Moira Lennox\nAddress line 1: 3 Bute Terrace\nAddress line 2: Millport\nPostcode: KA28 0AA\n";
    assert_eq!(
        run(None, "Letters", body),
        found("Moira Lennox", "3 Bute Terrace, Millport", "KA28 0AA")
    );
}

#[test]
fn the_address_and_postcode_typed_into_each_others_box_are_read() {
    let body = "Name: Dilys Pugh\nAddress: LL55 4AA\nPostcode: 5 Quarry Cottages, Nant Peris\n";
    assert_eq!(
        run(None, "Letters", body),
        found("Dilys Pugh", "5 Quarry Cottages, Nant Peris", "LL55 4AA")
    );
    // Talk in the Postcode box is no address.
    let body = "Name: Dilys Pugh\nAddress:\nPostcode: not sure, we've just moved into the new house on Mill Lane, I'll send it tonight\n";
    assert_eq!(run(None, "Letters", body).1, None);
}

#[test]
fn a_field_that_says_see_signature_leaves_it_to_the_signature() {
    let body = "Name: Ewan Rankin\nAddress: see signature\nPostcode: see sig\n\nThanks\n\n-- \nEwan Rankin\n9 Kinnessburn Road\nSt Andrews\nKY16 8AA\n";
    assert_eq!(
        run(None, "Letters", body),
        found("Ewan Rankin", "9 Kinnessburn Road, St Andrews", "KY16 8AA")
    );
}

#[test]
fn thanks_after_a_labelled_name_is_no_part_of_it() {
    let body = "hi can u send the letters\n\nmy addy is 12 Holme Rd, Rawtenstall BB4 6AA\n\nname is Jay Kerr thx";
    assert_eq!(run(None, "letters", body).0, some("Jay Kerr"));
}

#[test]
fn a_titled_name_heading_the_lines_under_my_address_is() {
    let body = "Dear Sir,\n\nMy address is:\n\nMrs Edith Lamb\nBraeside\n3 Kirk Wynd\nCupar\nFife\n\nI do not have the new postcode to hand.\n\nYours faithfully,\n\nEdith Lamb";
    let (name, address, _) = run(None, "Letters", body);
    assert_eq!(name, some("Mrs Edith Lamb"));
    assert_eq!(address, some("Braeside, 3 Kirk Wynd, Cupar, Fife"));
}

#[test]
fn a_required_fields_star_set_apart_is_the_labels() {
    // As a closed Google Form's answers are pasted: each label with its
    // star, the answer on the line below.
    let body = "Here's what I put in:\n\nFull name *\nAda Obi\n\nAddress (house number and street) *\nFlat 3, 12 Kennington Lane\n\nTown / City *\nLondon\n\nPostcode *\nSE11 4AA\n";
    assert_eq!(
        run(None, "Letters", body),
        found("Ada Obi", "Flat 3, 12 Kennington Lane, London", "SE11 4AA")
    );
}

#[test]
fn romanian_labels_beside_the_english_writing() {
    let body = "Bună ziua,\n\nI want to send the letters.\n\nAdresa: 7 Bell Road, Sittingbourne\nCod poștal: ME10 4AA\n\nMulțumesc!\nIonela Popa";
    assert_eq!(
        run(None, "Scrisori", body),
        found("Ionela Popa", "7 Bell Road, Sittingbourne", "ME10 4AA")
    );
    // "Adresa mea" (my address) at a line's start is writing, not a label.
    let body = "Buna ziua,\n\nI want the letters.\nAdresa mea, my address: 7 Bell Road, Sittingbourne ME10 4AA\n\nIonela Popa";
    assert_eq!(
        run(None, "Scrisori", body).1,
        some("7 Bell Road, Sittingbourne")
    );
}

#[test]
fn a_templates_example_and_its_bracketed_prompts_are_no_answers() {
    // The example left above the answer.
    let body = "Name: Iain Soutar\nAddress: e.g. 1 High Street\n9 Clepington Road, Dundee\nPostcode: DD3 7AA\n";
    assert_eq!(
        run(None, "letters", body),
        found("Iain Soutar", "9 Clepington Road, Dundee", "DD3 7AA")
    );
    // The example never replaced: no address.
    let body = "Name: Iain Soutar\nAddress: eg 1 High Street\nPostcode: DD3 7AA\n";
    assert_eq!(run(None, "letters", body).1, None);
    // The prompt in its brackets: no name, where "[Ruth Gale]" is one.
    let body =
        "Name: [your full name]\nAddress: 9 Clepington Road, Dundee\nPostcode: DD3 7AA\n\nJ\n";
    assert_eq!(run(None, "letters", body).0, None);
    let body = "Name: [Ruth Gale]\nAddress: 9 Clepington Road, Dundee\nPostcode: DD3 7AA\n";
    assert_eq!(run(None, "letters", body).0, some("Ruth Gale"));
}

#[test]
fn a_required_fields_star_before_its_colon_is_no_part_of_the_value() {
    let body = "Full name (BLOCK CAPITALS) *: ROSS KEIR\nAddress *: 4 GRAHAM CRESCENT, POLMONT, FALKIRK\nPostcode *: FK2 0AA\nEmail (optional):\n";
    assert_eq!(
        run(None, "letters", body),
        found(
            "ROSS KEIR",
            "4 GRAHAM CRESCENT, POLMONT, FALKIRK",
            "FK2 0AA"
        )
    );
}

#[test]
fn a_house_name_or_number_field_heads_the_address() {
    let body = "First name: Hugh\nSurname: Berry-Lane\nHouse name/number: Ivy House\nStreet: Mill Lane\nTown: Frampton, Gloucester\nPostcode: GL2 7AA\n";
    assert_eq!(
        run(Some("Hugh Berry-Lane"), "letters", body).1,
        some("Ivy House, Mill Lane, Frampton, Gloucester")
    );
}

#[test]
fn a_name_label_run_in_after_the_address_is_no_part_of_it() {
    let body = "postcode NG31 6AA, address 4 Elm Road Grantham, name Amy Dale. pls send thx";
    assert_eq!(run(None, "letters", body).1, some("4 Elm Road Grantham"));
}
