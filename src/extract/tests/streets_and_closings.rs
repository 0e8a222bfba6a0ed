//! A street with no house on it, said by a writer introducing themself
//! or named for a house ("Rectory Lane"); a terrace of cottages as the
//! street; and a second closing under a first, which is no name.

use super::{found, run, some};

#[test]
fn a_street_alone_after_x_here_is_no_address() {
    let body = "Cai Rees here, I live on Bridge Road in Rhayader, LD6 5AA. Send them over please\n";
    assert_eq!(
        run(Some("Cai Rees"), "Letters", body),
        (some("Cai Rees"), None, some("LD6 5AA"))
    );
}

#[test]
fn a_street_named_for_a_house_is_still_a_street_alone() {
    let body = "Hello, can I do these for my dad? He's Mr Alan Pike and he lives on Vicarage Road in Husbands Bosworth, LE17 6AA. I'll get his number off him later.\n\nJo\n";
    assert_eq!(run(Some("Jo Pike"), "for my dad", body).1, None);
}

#[test]
fn a_terrace_of_cottages_heads_a_block_without_its_postcode() {
    let body = "Good morning,\n\nPlease send me the letters.\n\nArthur Mellor\n7 Willow Cottages\nBack Lane\nHathern\nLoughborough\n\nI can never remember the postcode, I'm afraid.\n\nYours sincerely\nA. Mellor\n";
    assert_eq!(
        run(Some("Arthur Mellor"), "Letters", body),
        (
            some("Arthur Mellor"),
            some("7 Willow Cottages, Back Lane, Hathern, Loughborough"),
            None
        )
    );
}

#[test]
fn a_second_closing_is_no_name() {
    let body = "Please prepare the letters in my name: 3 Church Walk, Ely, CB7 4AA.\n\nThank you.\n\nWith every good wish,\n\nCanon Ruth Ashdown\n";
    assert_eq!(
        run(None, "Letters", body),
        found("Canon Ruth Ashdown", "3 Church Walk, Ely", "CB7 4AA")
    );
}
