//! A house's name after "of" and the person's name, the home that "the
//! vicarage is at" or a letter is "written from", a number with no street,
//! and words beside a postcode that are about something else.

use super::{found, run, some};

#[test]
fn a_house_after_of_and_the_persons_name_heads_the_address() {
    let body = "Dear Sir,\n\nI should like the letters. I am Mr Edward Holroyd of Beech Garth, 4 Moor Lane, Skipton, BD23 1AA.\n\nYours faithfully,\nEdward Holroyd\n";
    assert_eq!(
        run(Some("Edward Holroyd"), "Letters", body).1,
        some("Beech Garth, 4 Moor Lane, Skipton")
    );
    let body = "Dear campaign,\n\nPlease send them for me. I am Mrs Ruth Calder, of Fernbank, Kirk Road, Biggar ML12 6AA.\n\nRuth Calder\n";
    assert_eq!(
        run(Some("Ruth Calder"), "Letters", body).1,
        some("Fernbank, Kirk Road, Biggar")
    );
}

#[test]
fn the_vicarage_is_at_leads_to_the_address() {
    let body = "Dear friends,\n\nI would be glad of the letters.\n\nThe rectory is at 6 Church Walk, Ludlow SY8 1AA, and\nthe letters should come from me, the Revd Simon Parry.\n";
    assert_eq!(
        run(Some("Simon Parry"), "Letters", body).1,
        some("6 Church Walk, Ludlow")
    );
}

#[test]
fn writing_from_is_no_part_of_the_address() {
    let body = "Writing from 14 Isis Close, Abingdon OX14 3AA, where I've lived for years. Please send the letters.\n\nFiona Blake\n";
    assert_eq!(
        run(Some("Fiona Blake"), "Letters", body),
        found("Fiona Blake", "14 Isis Close, Abingdon", "OX14 3AA")
    );
}

#[test]
fn a_number_before_in_names_no_street() {
    let body = "Hello, I'm Tomasz Zielinski, I'm at number 9 in Crewe, CW1 2AA. Please send the letters.\n";
    assert_eq!(run(Some("Tomasz Zielinski"), "Letters", body).1, None);
}

#[test]
fn work_joined_on_with_although_is_not_the_homes() {
    let body = "Hello, my name is Dr Ann Ivory and my address is 3 Park Road, Headington, Oxford OX3 7AA, and although I work at the Churchill most days I want the letters from home.\nAnn\n";
    assert_eq!(
        run(Some("Ann Ivory"), "Letters", body),
        found("Dr Ann Ivory", "3 Park Road, Headington, Oxford", "OX3 7AA")
    );
}

#[test]
fn should_be_that_leads_nowhere_corrects_nothing() {
    // "should be relaxed about it" corrects nothing: her mother's postcode
    // after it does not outweigh her own.
    let body = "Hi,\n\nI don't think anyone should be relaxed about it. My mum in Leven (KY8 4AA) will do it too.\n\nMy own details: Iona Reid, 5 Pitreavie Road, Dunfermline, KY11 8AA.\n\nThanks,\nIona\n";
    assert_eq!(run(Some("Iona Reid"), "Letters", body).2, some("KY11 8AA"));
}

#[test]
fn the_title_before_the_froms_first_name_in_the_subject_is_kept() {
    let body = "Hello,\n\nWe're at 2 Elm Road, Staines, TW18 1AA.\n\nBest wishes,\nRuth\n";
    assert_eq!(
        run(Some("Ruth"), "Letters - Dr Ruth Adeyemi", body).0,
        some("Dr Ruth Adeyemi")
    );
}

#[test]
fn an_age_or_a_measure_is_no_house_number() {
    let body = "Moira Shand here, I'm 68, nursed at the Western for years. I live in Buckie, postcode AB56 1AA.\n";
    assert_eq!(run(Some("Moira Shand"), "Letters", body).1, None);
    let body = "Our surgery is the Riverside Practice, Mill Street, PR1 1AA, we live 10 minutes walk from it. Please send the letters.\n\nTom Ashe\n";
    assert_eq!(run(Some("Tom Ashe"), "Letters", body).1, None);
}

#[test]
fn who_the_writer_lives_with_is_no_part_of_the_address() {
    let body = "I live at 4 Bryn Road, Ystrad Mynach, Hengoed with Dylan and my wife. We're CF82 7AA.\n\nSian Harris\n";
    assert_eq!(
        run(Some("Sian Harris"), "Letters", body).1,
        some("4 Bryn Road, Ystrad Mynach, Hengoed")
    );
}

#[test]
fn an_afterthought_opening_the_postcodes_line_is_no_part() {
    let body = "Hi, nurse here in Eccles.\nI'm Asif Malik, 12 Barton Road, Eccles.\nOh and the postcode - M30 7AA.\nThanks\n";
    assert_eq!(
        run(Some("Asif Malik"), "Letters", body),
        found("Asif Malik", "12 Barton Road, Eccles", "M30 7AA")
    );
}
