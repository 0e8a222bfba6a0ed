//! Unit tests for shapes first met in the twenty-seventh blind set, each
//! written with other words than the mail that showed it.

use super::tests::{run, some};

#[test]
fn a_postcode_at_the_hospice_is_not_the_home() {
    let body = "Hello,\n\nMy wife was cared for at home and then at the hospice in Taunton (TA1 5AA) at the end.\n\nI am Graham Tilley, 3 Mill Street, Wellington, TA21 8AA.\n\nGraham";
    assert_eq!(run(None, "", body).2, some("TA21 8AA"));
}

#[test]
fn a_postcode_that_is_not_where_they_live_is_no_home() {
    let body = "Hi, I'm Rory Baird and I'm at 5 Bank Street, Irvine. I can't remember the new postcode. The one I know is my surgery's, KA12 0AA, but that's not where I live.";
    assert_eq!(run(None, "", body).2, None);
}

#[test]
fn a_reply_giving_the_address_the_form_asked_for_is_read() {
    let body = "Sorry, it's 12 Netherkirkgate, Aberdeen\n\nSent from my iPhone\n\n> On 1 Dec 2026, at 10:00, Not With My NHS Data <letters@example.test> wrote:\n>\n> This is what we found:\n>\n> Name: Ewan Shand\n> Address: not found\n> Postcode: AB10 1AA\n>\n> Please reply with the missing details.\n";
    assert_eq!(
        run(Some("Ewan Shand"), "Re: Your letters", body).1,
        some("12 Netherkirkgate, Aberdeen")
    );
}
