//! Unit tests for shapes first met in the twenty-ninth blind set, each
//! written with other words than the mail that showed it.

use super::tests::{run, some};

#[test]
fn a_clause_joined_after_the_postcode_without_a_comma_is_the_writers() {
    let body = "Good morning,\n\nI live at 4 Ferry Lane, Shard End, Birmingham B34 7AA and I've been with the same GP practice for twenty years.\n\nBest wishes,\n\nEdna Price";
    assert_eq!(run(None, "", body).2, some("B34 7AA"));
}

#[test]
fn a_capitalised_postcode_leaves_a_mail_lower_case() {
    let body = "hiya its sharon keyes, pls send the letters to 8 mill road sleaford NG34 7AA ta x";
    assert_eq!(run(Some("sharon keyes"), "", body).0, some("sharon keyes"));
}

#[test]
fn a_place_and_its_town_a_word_each_is_no_address() {
    let body = "Callum Reid here, Cambusbarron, Stirling FK7 9AA. Put my name to it.\n\nCallum";
    assert_eq!(run(None, "", body).1, None);
}
