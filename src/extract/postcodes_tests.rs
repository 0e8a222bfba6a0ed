//! The postcode candidates' unit tests.

use super::*;

fn best(body: &str, subject: &str) -> Option<String> {
    let zones = [
        Zone::new(ZoneKind::Own, body.to_owned()),
        Zone::new(ZoneKind::Subject, subject.to_owned()),
    ];
    choose(&zones, &[], false)
        .best
        .map(|c| c.postcode.as_str().to_owned())
}

#[test]
fn words_against_lose_to_words_for() {
    assert_eq!(
        best(
            "My GP is at 12 Week Street, ME14 1PT. I live at 3 Hill Road, ME17 4BQ.",
            ""
        ),
        Some("ME17 4BQ".to_owned())
    );
    assert_eq!(
        best(
            "Our office is at ME14 1PT, and home is 3 Hill Road ME17 4BQ",
            ""
        ),
        Some("ME17 4BQ".to_owned())
    );
}

#[test]
fn the_subject_beats_a_mention_against() {
    assert_eq!(
        best("My GP surgery is NE24 1DX.", "Letters please NE24 4SN"),
        Some("NE24 4SN".to_owned())
    );
    assert_eq!(best("the old one was NE24 1DX, ignore it", ""), None);
}
