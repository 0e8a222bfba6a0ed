//! Unit tests for shapes first met in the twelfth blind set and in the
//! blind sets rewritten without punctuation (`tests/variants.rs`), each
//! written with other words than the mail that showed it.

use super::tests::{found, run};

#[test]
fn a_new_sentence_after_a_postcode_is_not_about_it() {
    let body = "I'm Nasreen Akhtar and I write from 12 Carlton Road Bradford BD7 1AA My son told me about this";
    assert_eq!(
        run(None, "", body),
        found("Nasreen Akhtar", "12 Carlton Road Bradford", "BD7 1AA")
    );
}

#[test]
fn the_next_sentence_after_an_address_is_not_in_it() {
    let body = "Name Petra Lowe\nmy address is 3 Ferry Lane Goole I've not long moved so I don't know the postcode";
    assert_eq!(run(None, "", body).1, Some("3 Ferry Lane Goole".to_owned()));
    let body = "hiya im petra lowe 3 ferry lane goole dn14 5aa my sister is doing it too";
    assert_eq!(
        run(None, "", body),
        found("petra lowe", "3 ferry lane goole", "DN14 5AA")
    );
}
