//! Talk next to the details that is none of them: "now, …" after the
//! town, "just down from …", "my name is in it", "put me down as …", and
//! a first name over the address block that is no house's.

use super::{found, run, some};

#[test]
fn now_after_the_town_ends_the_address() {
    let body = "Hi, I'm Gethin Morgan. We're at 12 Bryn Terrace, Ebbw Vale now, we only got the keys in the spring so I don't know the postcode yet.\n";
    assert_eq!(
        run(None, "letters", body),
        (
            some("Gethin Morgan"),
            some("12 Bryn Terrace, Ebbw Vale"),
            None
        )
    );
}

#[test]
fn now_before_the_flat_leaves_the_address_whole() {
    let body = "Hello, I moved to a flat now, Flat 4, 22 Rhyl Street, Prestatyn, and the postcode there is LL19 7AA.\n\nMrs Glenys Pugh\n";
    assert_eq!(
        run(Some("Glenys Pugh"), "letters", body).1,
        some("Flat 4, 22 Rhyl Street, Prestatyn")
    );
}

#[test]
fn where_it_lies_after_the_town_is_no_part() {
    let body = "I'd like the letters. My home is 3 Fellside Court, Keswick, just down from the pencil museum.\n\nAndrew Tyson\n";
    assert_eq!(
        run(Some("Andrew Tyson"), "letters", body).1,
        some("3 Fellside Court, Keswick")
    );
}

#[test]
fn a_name_that_is_talk_is_no_name() {
    // "my name is on it" says where the name is; the person is below.
    let body = "I had my operation in Leeds, so my name is on it somewhere.\n\nI'm Harriet Lowe, 8 Moor Road, Ilkley. LS29 8DL.\n\nHarriet\n";
    assert_eq!(
        run(Some("Harriet Lowe"), "letters", body),
        found("Harriet Lowe", "8 Moor Road, Ilkley", "LS29 8DL")
    );
}

#[test]
fn put_me_down_as_introduces_the_writer() {
    let body = "I'm fuming about this. Put me down as Owen Price, 27 Castle Street, Llandovery SA20 0AA. Thanks.\n";
    assert_eq!(
        run(Some("Owen Price"), "letters", body),
        found("Owen Price", "27 Castle Street, Llandovery", "SA20 0AA")
    );
}

#[test]
fn talk_before_the_name_is_no_name() {
    let body = "Well you can sign me up, Doreen Platt, 5 Mill Lane, Sandbach CW11 4RR.\n";
    assert_eq!(
        run(None, "letters", body),
        found("Doreen Platt", "5 Mill Lane, Sandbach", "CW11 4RR")
    );
}

#[test]
fn the_senders_first_name_over_a_flat_is_no_house() {
    let mut inbound = super::inbound(
        None,
        "letters",
        "Hi, letters please\n\nMel\nFlat 2 Quay House\n9 Harbour Road\nWhitby\nYO21 1AA\n",
    );
    inbound.sender.as_mut().unwrap().address = "melsmith81@example.org".to_owned();
    let e = super::extract(&inbound);
    assert_eq!(
        e.address_line(),
        some("Flat 2 Quay House, 9 Harbour Road, Whitby")
    );
    assert_eq!(e.name, None);
}

#[test]
fn the_name_for_the_letters_inside_a_sentence_is_a_label() {
    let body = "Dear all,\n\nWe farm up on the fells. The address is Hill Top Farm, Caldbeck, Wigton CA7 8AA, and the name for the letters is Mrs Margaret Tweddle.\n\nThanks,\nMaggie Tweddle\n";
    assert_eq!(
        run(Some("Maggie Tweddle"), "letters", body).0,
        some("Mrs Margaret Tweddle")
    );
}

#[test]
fn a_postcode_field_that_gives_an_old_one_gives_none() {
    let body = "Name: Rhodri Bevan\nAddress: 6 Heol Las, Caerphilly\nPostcode: no idea yet, we moved last week. Our old one was NP44 1AA but we've left Cwmbran.\n\nRhodri\n";
    assert_eq!(
        run(Some("Rhodri Bevan"), "letters", body),
        (some("Rhodri Bevan"), some("6 Heol Las, Caerphilly"), None)
    );
}

#[test]
fn a_full_name_under_a_request_signs_the_mail() {
    let body = "Hi\nI want the letters. my postcode's E17 4AA and the address is flat 2, 40 Hoe Street, Walthamstow\nPlease reply to this address\nKemi Adebayo\n";
    assert_eq!(run(Some("KemiA"), "Support", body).0, some("Kemi Adebayo"));
}

#[test]
fn the_bracket_an_address_is_written_in_closes_after_it() {
    let body = "Count me in - Imran Shah (41 Dunstable Road, Luton)\n";
    assert_eq!(
        run(Some("Imran Shah"), "LU4 8AA", body),
        found("Imran Shah", "41 Dunstable Road, Luton", "LU4 8AA")
    );
}
