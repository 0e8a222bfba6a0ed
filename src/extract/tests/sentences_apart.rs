//! Details set out in sentences: a label inside one ("Address for the
//! letters is …"), a misspelt label with no colon, an address whose parts
//! are sentences of their own after talk, "that's me" pointing at it, and
//! "have done since …" after it.

use super::{found, run, some};

#[test]
fn an_address_label_for_the_letters_inside_a_sentence() {
    let body = "We moved here from Truro years ago.\n\nAddress for the letters is 7 Chapel Hill, St Erme, TR4 9BJ. My name is Wilfred Pascoe.\n\nRegards\nWilfred Pascoe\n";
    assert_eq!(
        run(Some("Wilfred Pascoe"), "letters", body),
        found("Wilfred Pascoe", "7 Chapel Hill, St Erme", "TR4 9BJ")
    );
}

#[test]
fn a_label_in_a_sentence_ending_with_its_full_stop_reads_no_lines_below() {
    let body = "Hi,\n\nI'm Owen Prichard and I'm fed up with all this.\n\nThe address for the letters is 3 Bryn Road, Llandeilo.\n\nCheers,\nOwen\n";
    assert_eq!(
        run(Some("Owen Prichard"), "SA19 6AB please", body).1,
        some("3 Bryn Road, Llandeilo")
    );
}

#[test]
fn adress_misspelt_without_a_colon_is_a_label() {
    let body = "name Gareth Lloyd\nadress 9 Maes y Dre, Rhayader\npostcode LD6 5AF\n\nsorry for the typing\n";
    assert_eq!(
        run(Some("Gareth Lloyd"), "leters", body),
        found("Gareth Lloyd", "9 Maes y Dre, Rhayader", "LD6 5AF")
    );
}

#[test]
fn parts_as_sentences_after_talk_are_the_address() {
    let body = "Hello could you send the letters to me please. Nia Rowlands. 14 Heol Fach. Cwmgors. SA18 1RL. Ta\n";
    assert_eq!(
        run(Some("Nia Rowlands"), "Letters", body).1,
        some("14 Heol Fach, Cwmgors")
    );
}

#[test]
fn a_flat_as_a_sentence_of_its_own_stays_in_the_address() {
    let body = "Dear Sir. My address is Flat 2. 40 Brook Street. Sidmouth. EX10 8LU. I am 90.\n\nYours faithfully\nMrs Enid Carew\n";
    assert_eq!(
        run(Some("Enid Carew"), "Letters", body).1,
        some("Flat 2, 40 Brook Street, Sidmouth")
    );
}

#[test]
fn thats_me_after_the_postcode_is_no_part() {
    let body = "DY4 8QT - that's me, 17 Park Lane West, Tipton. Put the letters in the name of Harjit Singh Bains.\n\nThanks\nHarjit\n";
    assert_eq!(
        run(Some("Harjit Bains"), "letters", body),
        found("Harjit Singh Bains", "17 Park Lane West, Tipton", "DY4 8QT")
    );
}

#[test]
fn how_long_they_have_lived_there_is_no_part() {
    let body = "Hi,\n\nMet your volunteers at the market. I live at 5 Sandy Lane, Crowthorne, have done since 1998.\n\nCheers,\nPaul Denton\n";
    assert_eq!(
        run(Some("Paul Denton"), "RG45 6JH letters", body).1,
        some("5 Sandy Lane, Crowthorne")
    );
}

#[test]
fn we_have_been_after_an_unpunctuated_address_is_no_part() {
    let body = "My name is Irene Walsh and I live at 8 Oak Avenue Hitchin We have been with the same surgery since 1990 so they know me\n\nIrene Walsh\n";
    assert_eq!(
        run(Some("Irene Walsh"), "letters SG5 1PE", body).1,
        some("8 Oak Avenue Hitchin")
    );
}
