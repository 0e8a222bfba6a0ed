//! Unit tests for shapes first met in the twenty-fourth blind set and in
//! its rewrites (`tests/variants.rs`), each written with other words than
//! the mail that showed it.

use super::tests::{found, run, some};

#[test]
fn a_name_does_not_run_on_past_an_empty_line() {
    let body = "KINDLY SEND THE LETTERS TO ME\n\nMRS DORIS PEAKE\n4 HIGH STREET\nCOLEFORD\nGL16 8AA\n\nMANY THANKS\n";
    assert_eq!(
        run(Some("doris peake"), "", body).0,
        some("MRS DORIS PEAKE")
    );
}

#[test]
fn a_husband_sharing_the_home_says_nothing_against_it() {
    let body = "Hello,\n\nMy wife and I have lived at 22 Orchard Rise, Ledbury, HR8 1AA for\ntwenty years and nobody asked us about any of this.\n\nRegards,\nMalcolm Tewson\n";
    assert_eq!(
        run(None, "", body),
        found("Malcolm Tewson", "22 Orchard Rise, Ledbury", "HR8 1AA")
    );
}

#[test]
fn the_word_joining_a_person_to_their_house_is_in_neither() {
    let body = "Morning,\n\nThis is Annabel Fairweather-Lowe of Larkspur Cottage, Mill Lane, Shere. My postcode is above.\n\nAnnabel";
    assert_eq!(
        run(None, "Letters please GU5 9AA", body),
        found(
            "Annabel Fairweather-Lowe",
            "Larkspur Cottage, Mill Lane, Shere",
            "GU5 9AA"
        )
    );
}

#[test]
fn a_bare_address_label_may_start_with_a_house_name() {
    let body = "hi\n\nname mr ivor pugh\naddress the old forge, llanbister, powys\npostcode ld1 6aa\n\nthanks\n";
    assert_eq!(
        run(None, "", body),
        found(
            "mr ivor pugh",
            "the old forge, llanbister, powys",
            "LD1 6AA"
        )
    );
    // Talk after the bare label is no address.
    let body =
        "Hi,\n\nMy address now is Holly Cottage, Church Lane, Appleton LA1 1AA.\n\nBest, Jo Marsh";
    assert_eq!(
        run(None, "", body).1,
        some("Holly Cottage, Church Lane, Appleton")
    );
}
