//! The postcode written before the address, or left for a line of its
//! own: "LE3 9QH is my postcode, 27 Braunstone Lane Leicester", "… and my
//! postcode is" over "NG5 1AB".

use super::{found, run, some};

#[test]
fn the_address_after_the_postcode_on_its_line_is_read() {
    // Three lines from a phone: the postcode first, the address after it
    // with no comma before the town, the name signing the mail.
    let body = "LE3 9QH is my postcode, 27 Braunstone Lane Leicester\nSend me the letters please, ta\nGraham Pocock\n";
    assert_eq!(
        run(Some("Graham Pocock"), "NHS letters", body),
        found("Graham Pocock", "27 Braunstone Lane Leicester", "LE3 9QH")
    );
}

#[test]
fn a_postcode_left_for_the_next_line_ends_the_sentence_of_its_address() {
    let body = "Hi there, I would like the letters, I'm Yvonne Marsh, 14 Arnold Road, Bestwood, Nottingham and the postcode is\nNG5 1AB\n";
    assert_eq!(
        run(Some("Yvonne Marsh"), "letters", body),
        found(
            "Yvonne Marsh",
            "14 Arnold Road, Bestwood, Nottingham",
            "NG5 1AB"
        )
    );
}

#[test]
fn a_full_name_as_a_sentence_of_its_own_writes_out_the_from_lines_first_name() {
    // The From line gives "Sandra" alone; "Sandra Whitlow." after the
    // address is her name, not a part of it.
    let body = "ex2 4jd is my postcode, house is 9 Cowick Street Exeter. Sandra Whitlow. Letters please!\n";
    assert_eq!(
        run(Some("Sandra"), "Letters", body),
        (
            some("Sandra Whitlow"),
            some("9 Cowick Street Exeter"),
            some("EX2 4JD")
        )
    );
}
