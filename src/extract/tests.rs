//! The extractor's unit tests: the shapes it was first written for.

use super::*;
use crate::inbound::Sender;

fn inbound(from_name: Option<&str>, subject: &str, body: &str) -> Inbound {
    Inbound {
        sender: Some(Sender {
            name: from_name.map(str::to_owned),
            address: "jane@example.org".to_owned(),
        }),
        subject: subject.to_owned(),
        body: body.to_owned(),
        ..Inbound::default()
    }
}

fn run(
    from_name: Option<&str>,
    subject: &str,
    body: &str,
) -> (Option<String>, Option<String>, Option<String>) {
    let e = extract(&inbound(from_name, subject, body));
    (
        e.name.clone(),
        e.address_line(),
        e.postcode().map(|p| p.as_str().to_owned()),
    )
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

/// Name, address and postcode, all found.
fn found(
    name: &str,
    address: &str,
    postcode: &str,
) -> (Option<String>, Option<String>, Option<String>) {
    (some(name), some(address), some(postcode))
}

#[test]
fn the_campaign_template_filled_in() {
    let got = run(
        None,
        "Send my letters",
        "Name: Jane Smith\nAddress: 12 Acacia Avenue, Sevenoaks\nPostcode: br87re\n",
    );
    assert_eq!(
        got,
        found("Jane Smith", "12 Acacia Avenue, Sevenoaks", "BR8 7RE")
    );
}

#[test]
fn labels_in_any_order_case_and_separator() {
    let body =
        "post code - se1 2dl\nFULL NAME Priya Patel\nhome address:\nFlat 2\n14 Long Lane\nLondon\n";
    assert_eq!(
        run(None, "", body),
        found("Priya Patel", "Flat 2, 14 Long Lane, London", "SE1 2DL")
    );
    let body = "My name is Jane Smith and I live in Kent.\nMy address is 3 Hill Road, Sevenoaks\nMy postcode is BR8 7RE.";
    assert_eq!(
        run(None, "", body),
        found("Jane Smith", "3 Hill Road, Sevenoaks", "BR8 7RE")
    );
}

#[test]
fn value_on_the_line_after_an_empty_label() {
    let body = "Name:\nJane Smith\nAddress:\n12 Acacia Avenue\nSevenoaks\n\nPostcode:\nBR8 7RE";
    assert_eq!(
        run(None, "", body),
        found("Jane Smith", "12 Acacia Avenue, Sevenoaks", "BR8 7RE")
    );
}

#[test]
fn unlabelled_block_with_signoff_name() {
    let body = "Hello,\n\nPlease send me the letters.\n\nThanks,\nJane Smith\n12 Acacia Avenue\nSevenoaks\nBR8 7RE\n";
    assert_eq!(
        run(None, "", body),
        found("Jane Smith", "12 Acacia Avenue, Sevenoaks", "BR8 7RE")
    );
}

#[test]
fn postcode_ending_an_address_line_and_name_from_from_header() {
    let body = "Please send the letters to me.\n\n12 Acacia Avenue, Sevenoaks BR8 7RE\n";
    assert_eq!(
        run(Some("Jane Smith"), "", body),
        found("Jane Smith", "12 Acacia Avenue, Sevenoaks", "BR8 7RE")
    );
}

#[test]
fn quoted_postcodes_and_work_signature_are_never_used() {
    let body = "Name: Jane Smith\nAddress: 1 Road, Town\n\nKind regards,\nJane Smith\nSenior Analyst\nAcme Ltd\n1 Work Street, Manchester M1 1AD\n\nOn Mon, 1 Jun 2026, MP <mp@example.org> wrote:\n> House of Commons, London SW1A 0AA";
    assert_eq!(run(None, "", body).2, None);
}

#[test]
fn a_postcode_only_in_the_subject_is_used() {
    let body = "Name: Jane Smith\nAddress: 12 Acacia Avenue, Sevenoaks";
    assert_eq!(
        run(None, "Send my letters - BR8 7RE", body).2,
        some("BR8 7RE")
    );
}

#[test]
fn look_alike_postcode_is_reported_not_converted() {
    let e = extract(&inbound(Some("Jane Smith"), "", "Postcode: ВR8 7RЕ"));
    assert_eq!(e.postcode, PostcodeFinding::LookAlike);
}

#[test]
fn fields_are_capped() {
    let long = "A".repeat(500);
    let body = format!(
        "Name: Jane {}\nAddress: {long}\nPostcode: BR8 7RE",
        "b".repeat(200)
    );
    let e = extract(&inbound(None, "", &body));
    assert!(
        e.address_line()
            .is_some_and(|a| a.chars().count() <= MAX_ADDRESS_CHARS)
    );
    assert!(
        e.name
            .as_ref()
            .is_none_or(|n| n.chars().count() <= MAX_NAME_CHARS)
    );
}
