//! Unit tests for shapes first met in the thirtieth blind set, each
//! written with other words than the mail that showed it.

use super::tests::{found, run, some};

#[test]
fn the_revd_heading_a_block_is_the_person() {
    let body = "Dear friends,\n\nMy details:\n\nThe Revd Canon Ruth Ashby\nThe Vicarage\nMarket Place\nAylsham\nNR11 6AA\n\nEvery blessing,\nRuth Ashby\n";
    assert_eq!(
        run(Some("Ruth Ashby"), "", body),
        found(
            "The Revd Canon Ruth Ashby",
            "The Vicarage, Market Place, Aylsham",
            "NR11 6AA"
        )
    );
}

#[test]
fn a_house_name_given_to_the_form_that_asked_for_the_address_is_the_houses() {
    let body = "Sorry! It's Pen y Bryn, Station Road, Llanwrtyd Wells\n\nHuw\n\n> On 2 Dec 2026, at 08:15, Not With My NHS Data <letters@example.test> wrote:\n>\n> This is what we understood:\n>\n> Name: Huw Prydderch\n> Address:\n> Postcode: LD5 4AA\n>\n> Please reply with the missing details.\n";
    assert_eq!(
        run(Some("Huw Prydderch"), "Re: we need your address", body),
        (
            some("Huw Prydderch"),
            some("Pen y Bryn, Station Road, Llanwrtyd Wells"),
            some("LD5 4AA")
        )
    );
}

#[test]
fn writing_for_someone_whose_home_is_given_the_writers_own_block_is_not_it() {
    let body = "Hi,\n\nI'm writing for my dad, Mr Frank Lowe, who isn't online. He lives at 3 Sandy Lane, Skelmersdale. I don't have his postcode with me.\n\nThanks,\nPaul\n\nPaul Lowe\n12 Oak Road, Leyland PR25 1AA\n";
    let (_, address, postcode) = run(Some("Paul Lowe"), "", body);
    assert_eq!(address, some("3 Sandy Lane, Skelmersdale"));
    assert_eq!(postcode, None);
}

#[test]
fn a_dash_after_the_postcode_opens_another_clause() {
    let body = "Morning,\n\nMy home address is 4 Kirk Brae, Linlithgow EH49 7AA – please don't use the office details below.\n\nThanks,\nAlison\n";
    assert_eq!(run(None, "", body).2, some("EH49 7AA"));
}

#[test]
fn an_attribution_inside_the_quote_opens_the_own_earlier_mail() {
    let body = "Sorry, typo! It should be LE2 3AA not LE2 3AB.\n\n> On 1 Dec 2026, at 21:00, Harjit Dhillon <jane@example.org> wrote:\n>\n> Name: Harjit Kaur Dhillon\n> Address: 8 Queens Road, Clarendon Park, Leicester\n> Postcode: LE2 3AB\n";
    assert_eq!(
        run(Some("Harjit Dhillon"), "Re: Send my letters", body),
        found(
            "Harjit Kaur Dhillon",
            "8 Queens Road, Clarendon Park, Leicester",
            "LE2 3AA"
        )
    );
}
