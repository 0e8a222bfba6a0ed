//! Postcodes of places that are not the supporter's home, told by the
//! words around them: an aside about the place named before it, a
//! treatment unit, where a relative went.

use super::{run, some};

#[test]
fn an_aside_about_the_place_named_before_it_is_that_places() {
    let body = "Hello,\n\nI'm writing from the office (we're at Unit 7, Oyster Lane, Byfleet KT14 7AA) but the letters should have my home address, which is 27 Anchor Crescent, Knaphill, Woking. I'll dig out the postcode.\n\nHelen Fairbrother\n";
    assert_eq!(run(None, "", body).2, None);
    // Only a place named right before the bracket.
    let body = "Hello,\n\nI'm off work today, so writing from home (we're at 27 Anchor Crescent, Knaphill, Woking GU21 2AA).\n\nHelen Fairbrother\n";
    assert_eq!(run(None, "", body).2, some("GU21 2AA"));
}

#[test]
fn a_dialysis_unit_is_no_home() {
    let body = "Hi,\n\nI'm on haemodialysis three mornings a week at the County Hospital in Pontypool, NP4 8AA, so the NHS has more of my data than I do.\n\nMy name is Carys Jenkins and I live at 3 Beaufort Rise, Ebbw Vale. I can't remember the new postcode.\n\nCarys\n";
    assert_eq!(run(None, "", body).2, None);
}

#[test]
fn where_a_relative_went_is_theirs() {
    let body = "Hi,\n\nWe've lived in Quinton since 2015 and my dad moved in with us, until he went into Oakfield House in Moseley (B13 0AA), where he died last March.\n\nI'd like to send the letters in his memory. Callum Royce, 9 Ravenhurst Road, B32 2AA.\n\nCallum\n";
    assert_eq!(run(None, "", body).2, some("B32 2AA"));
}

#[test]
fn a_care_homes_postcode_is_not_the_writers_home() {
    let body = "Hi there,\n\nMy mum has been in Rosewood House in Shildon since March. The home's postcode is DL4 2AA if that matters.\n\nI'm Karen Lister and my own address is 41 Gilesgate, Durham, DH1 2AA.\n\nKaren\n";
    assert_eq!(run(None, "", body).2, some("DH1 2AA"));
}

#[test]
fn someone_who_lives_at_an_address_is_the_writer() {
    let body = "I was shocked, as someone who lives at 9 Gorse Way, Southwick, BN42 4AA and has been with the same GP surgery for over forty years, so please send me the letters.\n\nMaureen Tilley\n";
    assert_eq!(run(None, "", body).2, some("BN42 4AA"));
}

#[test]
fn for_a_childs_sake_is_no_other_place() {
    let body = "Hello,\n\nPlease send the letters in my name: Ruth Okonjo, 12 Lansdown Walk, Bath. The postcode is in the subject.\n\nRuth\n";
    assert_eq!(
        run(None, "For my daughter's sake - BA1 5AA", body).2,
        some("BA1 5AA")
    );
}

#[test]
fn rather_than_the_practices_speaks_for_the_home() {
    let body = "Morning,\n\nI'd like the letters as a private person. Send them to my house rather than the surgery's: 7 Ferndale Close, Ruddington, NG11 6AA.\n\nAnita Sood\nReception Lead\nElm Tree Surgery\nHigh Street, Clifton NG11 8AA\n";
    assert_eq!(run(None, "", body).2, some("NG11 6AA"));
}

#[test]
fn me_and_my_wife_are_at_is_the_writers_home() {
    let body = "Hello, me and my wife are at 3 Bryn Terrace, Pontypridd, CF37 2AA and I'd like the letters for myself.\n\nGareth\n";
    assert_eq!(run(Some("Gareth Howells"), "", body).2, some("CF37 2AA"));
}
