//! The name rules' unit tests.

use super::*;

fn names(text: &str) -> Vec<String> {
    in_text(text, false).into_iter().map(|c| c.name).collect()
}

#[test]
fn introductions_by_their_shape() {
    assert_eq!(
        names("Hi, I'm Tom Fletcher and I live at"),
        ["Tom Fletcher"]
    );
    assert_eq!(
        names("Morning! Dev Malhotra here - we're at"),
        ["Dev Malhotra"]
    );
    assert_eq!(
        names("This is the Revd Margaret Owusu at"),
        ["Revd Margaret Owusu"]
    );
    assert_eq!(names("im craig dunn from sheffield"), ["craig dunn"]);
    assert!(names("I'm writing because I'm Worried").is_empty());
    assert_eq!(
        names("My name is Jane Smith and my address is"),
        ["Jane Smith"]
    );
}

#[test]
fn kisses_after_a_signoff_are_not_the_name() {
    assert_eq!(from_signoff("Liz x").as_deref(), Some("Liz"));
    assert_eq!(from_signoff("Jo Bloggs XX.").as_deref(), Some("Jo Bloggs"));
    assert_eq!(from_signoff("Alex").as_deref(), Some("Alex"));
    assert_eq!(from_signoff("Max Fox,").as_deref(), Some("Max Fox"));
}

#[test]
fn display_names_of_one_person_only() {
    assert_eq!(from_display("Smith, Jane").as_deref(), Some("Jane Smith"));
    assert_eq!(from_display("jane@example.org"), None);
    assert_eq!(from_display("Jane"), None);
    for shared in [
        "Siôn a Catrin",
        "Patel Family",
        "The Patels",
        "Marcus O",
        "jsmith1972",
    ] {
        assert_eq!(from_display(shared), None, "{shared}");
    }
    assert_eq!(
        from_display("\"Siobhán O'Neill\"").as_deref(),
        Some("Siobhán O'Neill")
    );
}

#[test]
fn a_short_signoff_confirms_never_replaces() {
    let c = |name: &str, source| Candidate::new(name.to_owned(), source);
    assert_eq!(
        choose(
            vec![
                c("Joanne Whitfield", Source::Introduction),
                c("Jo", Source::SignOff)
            ],
            None
        )
        .as_deref(),
        Some("Joanne Whitfield")
    );
    assert_eq!(
        choose(
            vec![c("Dev", Source::SignOff)],
            Some("Dev Malhotra".to_owned())
        )
        .as_deref(),
        Some("Dev Malhotra")
    );
}
