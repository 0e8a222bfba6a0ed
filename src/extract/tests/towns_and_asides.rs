//! A Welsh street "in" its town, a town named in two languages, an aside
//! in brackets ending the last line of a block, "dunno" and "live in"
//! around the parts, a name alone under a led-in address, and relatives
//! beside the writer ("my husband Keith and I are at", "my husband did
//! his and now its my turn").

use super::{found, run, some};

#[test]
fn a_welsh_street_in_its_town_is_two_parts() {
    let body = "Helo,\n\nI'm Gwenllian Parry and I live at 8 Heol Glasfryn in Prestatyn, LL19 9AA. Diolch.\n\nGwen\n";
    assert_eq!(
        run(Some("Gwenllian Parry"), "Letters", body),
        found("Gwenllian Parry", "8 Heol Glasfryn, Prestatyn", "LL19 9AA")
    );
}

#[test]
fn a_town_named_in_two_languages_is_one_part() {
    let body = "Bore da,\n\nLetters please.\n\nOwain Jenkins\n14 Stryd Fawr\nYr Wyddgrug / Mold\nCH7 1AA\n\nDiolch\n";
    assert_eq!(
        run(Some("Owain Jenkins"), "Letters", body),
        found(
            "Owain Jenkins",
            "14 Stryd Fawr, Yr Wyddgrug / Mold",
            "CH7 1AA"
        )
    );
}

#[test]
fn an_aside_in_brackets_leaves_the_last_line_of_a_block_its_town() {
    let body = "Hi,\nCould I have the letters please.\nDeborah Cole\n5 Meadow Rise\nStretton\nBurton upon Trent, DE13 (sorry I can't remember the rest of the postcode)\nThanks\nDeb\n";
    let (name, address, postcode) = run(Some("Deborah Cole"), "Letters", body);
    assert_eq!(name, some("Deborah Cole"));
    assert_eq!(address, some("5 Meadow Rise, Stretton, Burton upon Trent"));
    assert_eq!(postcode, None);
}

#[test]
fn a_relative_named_beside_the_writer_shares_the_home() {
    let body = "Hello\n\nMy dad is in a home in Deal now and his records follow him about.\n\nMy wife Helen and I are at 42 Cheriton Road, Folkestone, CT19 5AA if you could send them.\n\nThanks\nMark Doyle\n";
    assert_eq!(
        run(Some("Mark Doyle"), "Letters", body),
        found("Mark Doyle", "42 Cheriton Road, Folkestone", "CT19 5AA")
    );
}

#[test]
fn dunno_after_the_town_is_talk() {
    let body = "hiya, my postcode is KY11 8AA and the house is 6 Main Street, Limekilns, dunno if you need the town too\n\nKirsty Rae\n";
    assert_eq!(
        run(Some("Kirsty Rae"), "letters", body).1,
        some("6 Main Street, Limekilns")
    );
}

#[test]
fn live_in_before_the_town_is_no_part() {
    let body = "Gareth Hughes, live in Prestatyn, 3 High Street, LL19 9AA. Send them over.\n";
    assert_eq!(
        run(Some("Gareth Hughes"), "letters", body),
        found("Gareth Hughes", "Prestatyn, 3 High Street", "LL19 9AA")
    );
}

#[test]
fn a_relative_opening_a_run_on_sentence_the_writer_joins_is_no_relatives() {
    let body = "Hi there\n\nMy husband did his last week and now its my turn Sian Morgan 4 Beach Road Penarth CF64 1AA can you send them here\n\nSian\n";
    assert_eq!(
        run(Some("Sian Morgan"), "Letters", body),
        found("Sian Morgan", "4 Beach Road Penarth", "CF64 1AA")
    );
}

#[test]
fn a_name_alone_under_a_led_in_address_signs_the_mail() {
    let body =
        "G41 3AA is my postcode. Address is flat 2, 17 Albert Drive, Pollokshields\nFiona Baird\n";
    assert_eq!(
        run(Some("Fiona Baird"), "Letters", body),
        found(
            "Fiona Baird",
            "flat 2, 17 Albert Drive, Pollokshields",
            "G41 3AA"
        )
    );
}
