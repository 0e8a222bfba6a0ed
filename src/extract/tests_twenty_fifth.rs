//! Unit tests for shapes first met in the twenty-fifth blind set, each
//! written with other words than the mail that showed it.

use super::tests::{found, run, some};

#[test]
fn a_postcode_where_the_writer_is_staying_this_week_is_not_the_home() {
    let body = "Hello,\n\nI'm staying with my son in Frome this week (BA11 1AA) so I'm on his laptop, but home is 12 Acacia Road, Tiverton and that's where the letters are for.\n\nKind regards,\nBrenda Hollis\n";
    assert_eq!(
        run(None, "Letters - EX16 6AA", body),
        found("Brenda Hollis", "12 Acacia Road, Tiverton", "EX16 6AA")
    );
}

#[test]
fn a_house_name_after_farm_at_heads_the_parts() {
    let body = "Hi,\n\nWe farm at Breckness, Sandwick, Orkney, KW16 3AA and would like the letters.\n\nThanks,\nIrene Linklater";
    assert_eq!(run(None, "", body).1, some("Breckness, Sandwick, Orkney"));
}

#[test]
fn a_glasgow_flat_position_before_the_number_is_kept() {
    let body = "hiya my flat is at 2/1 14 garnethill street glasgow g3 6aa, cheers\n\nEwan Rankin";
    assert_eq!(
        run(None, "", body).1,
        some("2/1 14 garnethill street glasgow")
    );
}

#[test]
fn the_full_name_before_a_numberless_address_is_the_name() {
    let body = "Hello,\n\nPlease do the letters in my name: Rhiannon Mathias, Fferm Pant-y-gog, Llanddewi, Haverfordwest SA62 6AA.\n\nDiolch,\nRhi";
    assert_eq!(
        run(Some("Rhi Mathias"), "", body),
        found(
            "Rhiannon Mathias",
            "Fferm Pant-y-gog, Llanddewi, Haverfordwest",
            "SA62 6AA"
        )
    );
}
