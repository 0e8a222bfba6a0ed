//! Unit tests of the postcode reader: shapes, slips, places, and
//! postcodes found inside lines.

use super::*;

fn parse(s: &str) -> Option<String> {
    Postcode::parse(s).map(|p| p.as_str().to_owned())
}

/// What `find_all` finds in `line`: each postcode, or "look-alike".
fn found(line: &str) -> Vec<String> {
    find_all(line)
        .into_iter()
        .map(|h| match h.found {
            Found::Postcode { postcode, .. } => postcode.as_str().to_owned(),
            Found::LookAlike => "look-alike".to_owned(),
        })
        .collect()
}

#[test]
fn every_shape_parses_in_any_case_and_spacing() {
    for (input, want) in [
        ("m1 1ad", "M1 1AD"),
        ("M11 1AA", "M11 1AA"),
        ("w1j7nt", "W1J 7NT"),
        ("BR8  7RE", "BR8 7RE"),
        ("SE16 3TZ", "SE16 3TZ"),
        ("sw1a1aa", "SW1A 1AA"),
        ("SE1P 5ZZ", "SE1P 5ZZ"),
        ("GIR 0AA", "GIR 0AA"),
        ("bfpo 794", "BFPO 794"),
        ("FIQQ 1ZZ", "FIQQ 1ZZ"),
    ] {
        assert_eq!(parse(input).as_deref(), Some(want), "{input}");
    }
}

#[test]
fn letter_rules_are_enforced() {
    for input in [
        "QA1 1AA", "VA1 1AA", "AJ1 1AA", "AZ1 1AA", "A1Z 1AA", "AA1C 1AA", "BR8 7RC", "BR8 7IE",
        "BR8 RRE",
    ] {
        assert_eq!(parse(input), None, "{input}");
    }
}

#[test]
fn slips_are_fixed_only_when_one_reading_exists() {
    // I is never a second letter, so "BI1" can only be the slip "B11".
    assert_eq!(parse("BI1 1AA").as_deref(), Some("B11 1AA"));
    assert_eq!(parse("SW1A OAA").as_deref(), Some("SW1A 0AA"));
    assert_eq!(parse("SEI 2DL").as_deref(), Some("SE1 2DL"));
    assert_eq!(parse("MI 1AD").as_deref(), Some("M1 1AD"));
    assert_eq!(parse("AB1O 1AB").as_deref(), Some("AB10 1AB"));
    // "B1O" could be B10 (A99) or B1O, and O is not a valid A9A letter,
    // so B10 is the one reading.
    assert_eq!(parse("B1O 1AA").as_deref(), Some("B10 1AA"));
    // Inward letters are never O or I, so a zero there cannot be fixed.
    assert_eq!(parse("BR8 7R0"), None);
    // No real digit at all: not a postcode with slips, just letters.
    assert_eq!(parse("SOLO IOO"), None);
}

#[test]
fn a_slip_is_fixed_only_in_a_postcode_typed_in_one_case() {
    assert!(found("so it should end 3QF, not 3FQ.").is_empty());
    assert_eq!(found("sei 2dl"), ["SE1 2DL"]);
    assert_eq!(found("SEI 2DL"), ["SE1 2DL"]);
    assert_eq!(found("Se1 2dl"), ["SE1 2DL"]);
    // All in lower case, a word before half a postcode is still a word.
    assert!(found("it ends 3qf not 3fq").is_empty());
    assert_eq!(found("mine is ky16 9aj not 9ja"), ["KY16 9AJ"]);
}

#[test]
fn places_without_a_seat_are_recognised() {
    let place = |s| Postcode::parse(s).map(|p| p.place());
    assert_eq!(place("JE2 4WD"), Some(Place::CrownDependency));
    assert_eq!(place("GY1 1AA"), Some(Place::CrownDependency));
    assert_eq!(place("IM1 1AA"), Some(Place::CrownDependency));
    assert_eq!(place("BFPO 794"), Some(Place::Forces));
    assert_eq!(place("BF1 4FB"), Some(Place::Forces));
    assert_eq!(place("GX11 1AA"), Some(Place::OverseasTerritory));
    assert_eq!(place("STHL 1ZZ"), Some(Place::OverseasTerritory));
    assert_eq!(place("GIR 0AA"), Some(Place::NonGeographic));
    assert_eq!(place("BR8 7RE"), Some(Place::Uk));
}

#[test]
fn find_all_sees_postcodes_inside_lines() {
    assert_eq!(found("12 Acacia Road BR8 7RE"), ["BR8 7RE"]);
    assert_eq!(found("Sevenoaks,br87re."), ["BR8 7RE"]);
    assert_eq!(found("(SW1A 0AA) and LS1 4AP"), ["SW1A 0AA", "LS1 4AP"]);
    assert_eq!(found("call 07700 900123 please"), Vec::<String>::new());
    assert_eq!(found("Send my letters"), Vec::<String>::new());
    assert_eq!(found("ВR8 7RЕ"), ["look-alike"]);
    assert_eq!(found("BFPO 794"), ["BFPO 794"]);
    // Written oddly.
    assert_eq!(found("sw11-5st"), ["SW11 5ST"]);
    assert_eq!(found("rh12 - 5ht."), ["RH12 5HT"]);
    assert_eq!(found("T Q 1  1 R E"), ["TQ1 1RE"]);
    assert_eq!(found("Ipswich IP4\n3NZ and"), ["IP4 3NZ"]);
    assert_eq!(found("Leeds L S 6 2 A B ta"), ["LS6 2AB"]);
    assert_eq!(found("ls6  2 ab"), ["LS6 2AB"]);
    assert_eq!(found("at 10 am on 3 May"), Vec::<String>::new());
    assert_eq!(found("flat 2 b, 14 a"), Vec::<String>::new());
    // A shape whose area does not exist is no postcode.
    assert_eq!(found("Block C4 2nd floor"), Vec::<String>::new());
    assert_eq!(found("YD8 1NE"), Vec::<String>::new());
}

#[test]
fn a_letter_after_an_apostrophe_starts_no_postcode() {
    assert_eq!(found("It's N2 8NJ, sorry"), ["N2 8NJ"]);
    assert_eq!(found("It’s N2 8NJ"), ["N2 8NJ"]);
    assert_eq!(found("postcode 'N2 8NJ'"), ["N2 8NJ"]);
}
