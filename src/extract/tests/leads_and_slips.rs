//! A house's name after a lead-in to a place ("you can find me at", "a
//! resident of"), but not talk ("for me at our new address"); work set
//! apart by a dash after "not"; a full name after "from me," or "use my
//! name in English,", or written out where the sign-off shortens it; a
//! postcode typed with its digit missing; a dash after a town before its
//! numbered street; "a former nurse" after the postcode.

use super::{found, run, some};

#[test]
fn a_house_after_find_me_at_is_no_name() {
    let body = "Hello\n\nYou will find me at Druim Beag, 4 Lower Sandwick, Isle of Lewis, HS2 0AA. The letters please.\n\nCatriona Morrison\n";
    assert_eq!(
        run(Some("Catriona Morrison"), "Letters", body),
        found(
            "Catriona Morrison",
            "Druim Beag, 4 Lower Sandwick, Isle of Lewis",
            "HS2 0AA"
        )
    );
}

#[test]
fn a_resident_of_leads_to_the_house() {
    let body = "Dear Sir or Madam,\n\nI write as a resident of Fern House, 21 Church Lane, Cuckfield, West Sussex RH17 5AA, and as a former nurse.\n\nPlease send the letters.\n\nYours faithfully,\n\nGeoffrey Marsh\n";
    assert_eq!(
        run(Some("Geoffrey Marsh"), "Letters", body),
        found(
            "Geoffrey Marsh",
            "Fern House, 21 Church Lane, Cuckfield, West Sussex",
            "RH17 5AA"
        )
    );
}

#[test]
fn talk_after_me_at_is_no_house() {
    let body = "We moved last spring. Could you do the letters for me at my new address, 12 Hazel Grove, Telford TF3 1AA.\n\nAmir Khan\n";
    assert_eq!(
        run(Some("Amir Khan"), "Letters", body),
        found("Amir Khan", "12 Hazel Grove, Telford", "TF3 1AA")
    );
}

#[test]
fn not_work_before_a_dash_sets_work_apart() {
    let body = "I clean offices in the City (EC2V 7AA, if you must know) and we are careful with people's details.\n\nSend the letters to my home, not work - 9 Poplar Road, Barking IG11 7AA.\n\nMy name is Teresa Nowak.\n";
    assert_eq!(
        run(Some("Teresa Nowak"), "letters", body),
        found("Teresa Nowak", "9 Poplar Road, Barking", "IG11 7AA")
    );
}

#[test]
fn the_full_name_after_from_me_wins_over_the_short_one() {
    let body = "Hi,\n\nCould the letters go to 5 Marsh Lane, Hitchin, SG4 0AA? They'd be from me, Alexander Reid.\n\nThanks,\nSandy\n";
    assert_eq!(
        run(Some("Sandy Reid"), "Letters", body).0,
        some("Alexander Reid")
    );
}

#[test]
fn the_name_asked_for_wins_over_the_from_line() {
    let body = "Dia dhuit,\n\nIs mise Siobhán Ní Bhriain. On the letters please use my name in English, Joan O'Brien, as my doctor has it.\n\nMy address is 3 Quay Street, Campbeltown, PA28 6AA.\n\nSiobhán\n";
    assert_eq!(
        run(Some("Siobhán Ní Bhriain"), "Letters", body).0,
        some("Joan O'Brien")
    );
}

#[test]
fn a_postcode_missing_its_digit_is_none_of_the_address() {
    let body = "Hiya, letters please.\nKaren Lowe, 22 Front Street, Consett, DH8 AA. Sorry, that's DH8 5AA.\n";
    assert_eq!(
        run(Some("Karen Lowe"), "Letters", body),
        found("Karen Lowe", "22 Front Street, Consett", "DH8 5AA")
    );
}

#[test]
fn a_dash_after_a_town_leads_to_its_numbered_street() {
    let body = "Can I have the letters? Home is Kirkwall - 6 Berstane - KW15 1AA. Far from London.\n\nErlend Rendall\n";
    assert_eq!(
        run(Some("Erlend Rendall"), "Letters", body),
        found("Erlend Rendall", "Kirkwall, 6 Berstane", "KW15 1AA")
    );
}

#[test]
fn a_former_calling_says_nothing_against_the_home() {
    let body = "Dear Sir,\n\nI live at 21 Church Lane, Cuckfield, West Sussex RH17 5AA, and am a former nurse.\n\nGeoffrey Marsh\n";
    assert_eq!(
        run(Some("Geoffrey Marsh"), "Letters", body),
        found(
            "Geoffrey Marsh",
            "21 Church Lane, Cuckfield, West Sussex",
            "RH17 5AA"
        )
    );
}

#[test]
fn a_name_written_out_in_the_text_wins_over_its_short_form() {
    let body = "Hello,\n\nThe name for the letters is Timothy Hollis (everyone calls me Tim, but use the full one). I live at 9 Lark Rise, Bicester OX26 1AA.\n\nCheers\nTim Hollis\n";
    assert_eq!(
        run(Some("Tim Hollis"), "Letters", body).0,
        some("Timothy Hollis")
    );
}
