//! Unit tests for shapes first met in the thirty-first blind set, each
//! written with other words than the mail that showed it.

use super::tests::{found, run};

#[test]
fn lower_case_x_here_with_no_comma_and_my_after_the_postcode() {
    let body = "hiya gemma tulloch here 7 park st kirkintilloch g66 1aa my sister sent me this lol. send them over thanks xx";
    assert_eq!(
        run(Some("Gem"), "", body),
        found("gemma tulloch", "7 park st kirkintilloch", "G66 1AA")
    );
}
