//! Unit tests of `extract/words.rs`.

use super::*;
use crate::extract::signature_words::looks_like_work_signature;

#[test]
fn lead_ins_end_where_the_address_starts() {
    let after = |s: &str| LEAD_IN.find_iter(s).last().map(|m| s[m.end()..].to_owned());
    assert_eq!(
        after("Hi, I'm Tom and I live at 7 Rowan Close").as_deref(),
        Some("7 Rowan Close")
    );
    assert_eq!(
        after("we're at 41 Tennyson Avenue").as_deref(),
        Some("41 Tennyson Avenue")
    );
    assert_eq!(
        after("My home address is: 2 Hill Road").as_deref(),
        Some("2 Hill Road")
    );
}

#[test]
fn against_words_are_read() {
    assert!(AGAINST_HOME.is_match("my GP is at"));
    assert!(AGAINST_HOME.is_match("our office is in"));
    assert!(!AGAINST_HOME.is_match("I live at 3 Hill Road"));
    assert!(FOR_HOME.is_match("we're at"));
}

#[test]
fn work_signatures_are_told_by_their_features() {
    assert!(looks_like_work_signature(&[
        "Senior Partner",
        "Hartley Solicitors LLP",
        "Tel 0113 496 0000 | DX 12345 Leeds",
    ]));
    assert!(!looks_like_work_signature(&[
        "Jane Smith",
        "12 Hill Road",
        "Leeds"
    ]));
}
