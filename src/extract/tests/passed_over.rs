//! Postcodes the writer passes over: an old home after "and not the old
//! one", a GP's in brackets with home's in the subject, one mistyped and
//! put right, one beside a distance to work; and a parent's home after
//! "he's at", whose name the From line does not give; a relative's place
//! in a sentence they open, however long; work named as how far the home
//! is from it; a workplace's after an apology, which corrects nothing.

use super::{found, run, some};

#[test]
fn and_not_the_old_one_disowns_the_bracket_after_it() {
    let body = "Hello,\n\nCould I have the letters please? We moved in May, so please use the new\naddress below and not the old one in Nantwich (9 Welsh Row, CW5 5EW),\nwhich is probably what the hospital still has for me.\n\nRuth Ingham\n4 Dane Bank Road\nLymm\nWA13 9DQ\n";
    assert_eq!(
        run(Some("Ruth Ingham"), "Letters", body),
        found("Ruth Ingham", "4 Dane Bank Road, Lymm", "WA13 9DQ")
    );
}

#[test]
fn a_surgery_in_brackets_gives_no_address_for_the_subjects_postcode() {
    let body = "Hi,\n\nI've been with one practice for years (Riverside Medical Centre, 12 Mill Street, Ludlow SY8 1BE) though we moved away.\n\nAnyway, the letters. Owen Price, 3 Castle View, Church Stretton. Postcode is in the subject.\n\nOwen\n";
    assert_eq!(
        run(Some("Owen Price"), "Letters - SY6 6BS", body),
        found("Owen Price", "3 Castle View, Church Stretton", "SY6 6BS")
    );
}

#[test]
fn an_address_moved_to_is_read_past_the_old_postcode() {
    let body = "Hello, I'm Nadia Rahman. We moved from 8 Oak Road, LU2 7AA to a flat at 14 Park Street, Dunstable and I don't know the new postcode yet.\n";
    let (_, address, postcode) = run(Some("Nadia Rahman"), "Letters", body);
    assert_eq!(address, some("14 Park Street, Dunstable"));
    assert_eq!(postcode, None);
}

#[test]
fn a_mistyped_postcode_put_right_is_no_part_of_the_address() {
    let body = "My name is Grace Obi and I live at 22 Rowan Way, Kettering NN15 7Q1\n\noops I mean NN15 7QL\n";
    assert_eq!(
        run(Some("Grace Obi"), "Letters", body),
        found("Grace Obi", "22 Rowan Way, Kettering", "NN15 7QL")
    );
}

#[test]
fn a_clause_about_my_gp_after_the_postcode_is_its_own() {
    let body = "Dear Sir,\n\nI live at 5 Links Road, Carnoustie DD7 7AB, and although my own GP is in Dundee, my operation was in England.\n\nYours faithfully,\nKenneth Lamb\n";
    assert_eq!(
        run(Some("Kenneth Lamb"), "Letters", body),
        found("Kenneth Lamb", "5 Links Road, Carnoustie", "DD7 7AB")
    );
}

#[test]
fn how_far_the_hospital_is_says_nothing_against_the_home() {
    // The words for the home further from the postcode than "hospital".
    let body = "My name is Lucy Hart. I live at 114 Cranbourne Street, Bolton, BL3 6AA, about ten minutes from the hospital where I work, and I would like the letters in my name.\n";
    assert_eq!(
        run(Some("Lucy Hart"), "Letters", body),
        found("Lucy Hart", "114 Cranbourne Street, Bolton", "BL3 6AA")
    );
}

#[test]
fn writing_for_dad_who_is_at_an_address_the_from_name_is_not_his() {
    let body = "Hi, I'm doing this for my dad as he doesn't do email. He's at 6 Bryn Road, Aberdare CF44 7AA. Thanks, Ffion\n";
    let (name, _, postcode) = run(Some("Ffion Jones"), "Letters for dad", body);
    assert_eq!(name, None);
    assert_eq!(postcode, some("CF44 7AA"));
}

#[test]
fn the_postcode_is_in_the_subject_outweighs_a_brothers_in_the_body() {
    let body = "Hello,\n\nMy brother lives in a care flat in Falkirk (FK1 5AA) and I help him with his forms.\n\nI'm at 3 Station Road, Polmont. The postcode is in the subject.\n\nMoira Dunn\n";
    assert_eq!(
        run(Some("Moira Dunn"), "FK2 0AA - letters", body),
        found("Moira Dunn", "3 Station Road, Polmont", "FK2 0AA")
    );
}

#[test]
fn keep_up_the_good_work_names_no_workplace() {
    let body = "Hi, happy to help. Here's my address\n14 Ffordd Eryri, Caernarfon, Gwynedd LL55 1AA\nKeep up the good work.\nSian Roberts\n";
    assert_eq!(
        run(Some("Sian Roberts"), "letters", body),
        found(
            "Sian Roberts",
            "14 Ffordd Eryri, Caernarfon, Gwynedd",
            "LL55 1AA"
        )
    );
}

#[test]
fn these_ones_are_for_me_after_a_dads_address() {
    let body = "My dad lives on his own at 2 Sea Road, Leigh, SS9 1AA, and he doesn't do email, so I'll sort his out with him.\n\nThese ones are for me. I'm Carol Hurst and my address is 40 Park Lane, Southend-on-Sea SS1 2AA.\n\nCarol\n";
    assert_eq!(
        run(Some("Carol Hurst"), "letters", body),
        found("Carol Hurst", "40 Park Lane, Southend-on-Sea", "SS1 2AA")
    );
}

#[test]
fn an_old_postcode_in_brackets_leads_on_to_the_new_address() {
    let body = "I'm Dylan Hughes. We've just moved, from 2 Bryn Road, Rhyl (LL18 1AA) to 9 Marine Drive, Prestatyn, and I can't remember the new postcode.\n";
    let (_, address, postcode) = run(Some("Dylan Hughes"), "letters", body);
    assert_eq!(address, some("9 Marine Drive, Prestatyn"));
    assert_eq!(postcode, None);
}

#[test]
fn after_the_old_postcodes_bracket_the_new_home_starts_at_its_number() {
    let body = "Please send the letters to Nia Price. We've moved from the flat on Marine Terrace (LL36 0AA) up to a house at 5 Bryn Hedd, Tywyn, LL36 9AA, so use the new one.\n";
    assert_eq!(
        run(Some("Nia Price"), "letters", body),
        found("Nia Price", "5 Bryn Hedd, Tywyn", "LL36 9AA")
    );
}

#[test]
fn a_relatives_sentence_is_about_their_place_however_long() {
    let body = "Hi,\n\nMy dad has dementia and went into Oak Lodge near Keswick in the spring (CA12 4AA, the carers there are wonderful).\n\nThe letters are for me though. I'm Daniel Marsh and I live at 14 Skiddaw Road, Cockermouth.\n\nDan\n";
    assert_eq!(
        run(Some("Dan Marsh"), "Letters - CA13 9AA", body),
        found("Daniel Marsh", "14 Skiddaw Road, Cockermouth", "CA13 9AA")
    );
}

#[test]
fn a_relative_beside_the_writer_leaves_the_home_theirs() {
    let body = "Hello,\n\nMy husband and I have lived at 3 Fell View, Penrith CA11 8AA for many years and would both like letters.\n\nRegards,\nSusan Hird\n";
    assert_eq!(
        run(Some("Susan Hird"), "Letters", body),
        found("Susan Hird", "3 Fell View, Penrith", "CA11 8AA")
    );
}

#[test]
fn not_far_from_work_before_the_address_says_nothing_against_it() {
    let body = "Hello,\n\nI'm a porter at the hospital. I'm Gail Innes and I live nearby, a short walk from work - 12 Craigour Drive, Edinburgh EH17 7AA.\n\nGail\n";
    assert_eq!(
        run(Some("Gail Innes"), "Letters", body),
        found("Gail Innes", "12 Craigour Drive, Edinburgh", "EH17 7AA")
    );
}

#[test]
fn a_place_near_the_home_keeps_its_own_postcode() {
    let body = "Hi, I'm Grace Mensah. I live in Bloxwich, just round the corner from my doctors on Station Street (WS3 2AA). Can I have the letters?\n";
    let (_, _, postcode) = run(Some("Grace Mensah"), "Letters", body);
    assert_eq!(postcode, None);
}

#[test]
fn an_apology_for_something_else_corrects_no_postcode() {
    let body = "Hi,\n\nApologies for the rushed note, I'm on my break. I work at the bus depot on Station Road in Consett, DH8 5AA, but of course the letters should all go out from my own home, which is 22 Villa Real Road, Consett DH8 6AB.\n\nFran Dodd\n";
    assert_eq!(
        run(Some("Fran Dodd"), "Letters", body),
        found("Fran Dodd", "22 Villa Real Road, Consett", "DH8 6AB")
    );
    // "Sorry, wrong …" still corrects.
    let body = "Hi,\n\nMy postcode is DH8 5AA. Sorry, wrong one, it's DH8 6AB. 22 Villa Real Road, Consett.\n\nFran Dodd\n";
    assert_eq!(run(Some("Fran Dodd"), "Letters", body).2, some("DH8 6AB"));
}
