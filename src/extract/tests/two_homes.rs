//! A supporter with two homes, a student's term address and their
//! parents', who says which one counts: by a form's labels, by the line
//! leading in to a block, by where they are registered.

use super::{found, run, some};

#[test]
fn a_term_time_form_is_read_and_the_chosen_postcodes_form_stands() {
    let body = "I'm at uni in Aberystwyth and vote there, so use the first.\n\nName: Gwen Morgan\nTerm-time address: Flat 2, 14 Ffordd Penglais, Aberystwyth\nPostcode: SY23 3AA\n\nHome address (Mum and Dad's, please don't use it): Y Berllan, Llanfihangel, Llandysul SA44 4AA\n\nGwen\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Gwen Morgan",
            "Flat 2, 14 Ffordd Penglais, Aberystwyth",
            "SY23 3AA"
        )
    );
    // The other way round, the second form is the one read, with the
    // first one's name.
    let body = "Name: Gwen Morgan\nTerm address (ignore this one): Flat 2, 14 Ffordd Penglais, Aberystwyth\nPostcode: SY23 3AA\n\nHome address: Y Berllan, Llanfihangel, Llandysul\nPostcode: SA44 4AA\n\nGwen\n";
    assert_eq!(
        run(None, "", body),
        found(
            "Gwen Morgan",
            "Y Berllan, Llanfihangel, Llandysul",
            "SA44 4AA"
        )
    );
}

#[test]
fn a_block_under_a_line_ending_in_a_colon_is_what_that_line_names() {
    let body = "Hello,\n\nI'm studying in Exeter so in term I'm at 8 Pennsylvania Road, Exeter EX4 6AA, but I vote at home, so please use my home address:\n\n14 Thornhill Road\nTaunton\nTA1 2AA\n\nThanks\nJoe Pike\n";
    assert_eq!(
        run(None, "", body),
        found("Joe Pike", "14 Thornhill Road, Taunton", "TA1 2AA")
    );
    // Its words speak for the block, never against it.
    let body = "Hi,\n\nI'm writing from work, but please use my home address, not the office one in my signature:\n\n3 Coldharbour Lane\nHayle\nTR27 4AA\n\nSam Treloar\nAccounts Manager\nKernow Feeds Ltd\nUnit 2, Treloggan Industrial Estate, Newquay TR7 2AA\nT: 01632 960000\n";
    assert_eq!(run(None, "", body).2, some("TR27 4AA"));
}

#[test]
fn a_gp_the_writer_is_registered_with_where_they_vote_is_no_other_place() {
    let body = "Hi,\n\nPlease send the letters to me, Amir Haddad, at my flat in Sheffield, which is where I'm registered to vote and with a GP: Flat 6, 30 Broomhall Street, Sheffield S3 7AA.\n\nMy parents are at home in Luton (LU2 7AA).\n\nAmir\n";
    assert_eq!(run(None, "", body).2, some("S3 7AA"));
}

#[test]
fn a_capitalised_please_after_a_postcode_opens_its_own_sentence() {
    let body = "hi its Dev Mistry my home address is 5 Ash Grove Rugby CV21 2AA Please ignore the one in my signature thats work\n\nDev Mistry\nBuyer | Avon Parts Ltd\nUnit 9 Leofric Park Coventry CV3 4AA\n";
    assert_eq!(run(None, "", body).2, some("CV21 2AA"));
}
