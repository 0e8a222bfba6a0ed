//! The extractor's unit tests: the shapes it was first written for.

use super::*;
use crate::inbound::Sender;

pub(super) fn inbound(from_name: Option<&str>, subject: &str, body: &str) -> Inbound {
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

pub(super) fn run(
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

pub(super) fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

/// Name, address and postcode, all found.
pub(super) fn found(
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
        "Name: Jane {}\nAddress: 1 {long} Street\nPostcode: BR8 7RE",
        "b".repeat(200)
    );
    let e = extract(&inbound(None, "", &body));
    assert!(
        e.address_line()
            .is_some_and(|a| a.chars().count() <= MAX_ADDRESS_CHARS),
        "{e:?}"
    );
    assert!(
        e.name
            .as_ref()
            .is_none_or(|n| n.chars().count() <= MAX_NAME_CHARS)
    );
}

#[test]
fn a_table_of_bare_labels_with_lines_below() {
    let body = "Full name \n\nOlu Bankole\n\nAddress\n\nFlat C\n9 Mercer Street\nHulme\n\nPostcode\n\nM15 5RS\n";
    assert_eq!(
        run(None, "", body),
        found("Olu Bankole", "Flat C, 9 Mercer Street, Hulme", "M15 5RS")
    );
    let body = "Post code: m15 5rs\nName for the letters: Olu Bankole\nHome addr: 9 Mercer Street, Hulme\n";
    assert_eq!(
        run(None, "", body),
        found("Olu Bankole", "9 Mercer Street, Hulme", "M15 5RS")
    );
}

#[test]
fn the_address_after_the_postcode() {
    let body = "NR2 4PX is my postcode and the house is Orchard View, 3 Dereham Road, Norwich. I'm Kit Lamb.";
    assert_eq!(
        run(None, "", body),
        found(
            "Kit Lamb",
            "Orchard View, 3 Dereham Road, Norwich",
            "NR2 4PX"
        )
    );
}

#[test]
fn house_names_and_flat_numbers_before_the_street() {
    let body = "Please do mine. Ewan Baird, Tighnabruaich, 4 Shore Road, Tarbert PA29 6TP.";
    assert_eq!(
        run(None, "", body),
        found(
            "Ewan Baird",
            "Tighnabruaich, 4 Shore Road, Tarbert",
            "PA29 6TP"
        )
    );
    let body = "Details:\nEwan Baird\n3/2\n41 Garnet Street\nGlasgow\nG3 6QH\n";
    assert_eq!(
        run(None, "", body),
        found("Ewan Baird", "3/2, 41 Garnet Street, Glasgow", "G3 6QH")
    );
}

#[test]
fn a_one_line_signature_with_bars() {
    let body =
        "Count me in.\n\nJo\n\n-- \nJoanna Pryce | 6 Mill Lane, Ludlow SY8 1BB | 07700 900321";
    assert_eq!(
        run(Some("Jo P"), "", body),
        found("Joanna Pryce", "6 Mill Lane, Ludlow", "SY8 1BB")
    );
}

#[test]
fn no_postcode_is_kept_in_the_address() {
    let got = run(
        None,
        "",
        "I'm Kit Lamb and my address is 3 Dereham Road, Norwich, QX2 4PX.",
    );
    assert_eq!(
        got,
        (some("Kit Lamb"), some("3 Dereham Road, Norwich"), None)
    );
}

#[test]
fn a_postcode_in_brackets_belongs_to_the_words_before_the_bracket() {
    let body = "I'm at work (Unit 4, 12 Ferry Road, Hull HU1 2BN) so not that one - home is below:\n\nKit Lamb\n7 Main Street\nHedon\nHU12 8JA";
    assert_eq!(
        run(None, "", body),
        found("Kit Lamb", "7 Main Street, Hedon", "HU12 8JA")
    );
    // Words inside a bracket after a postcode are not about it.
    let body = "Kit Lamb, 7 Main Street, Hedon HU12 8JA (not the old one in Hull). Thanks";
    assert_eq!(
        run(None, "", body),
        found("Kit Lamb", "7 Main Street, Hedon", "HU12 8JA")
    );
}

#[test]
fn someone_elses_home_in_a_mail_for_the_writer() {
    let body = "My son set this up (he lives at 2 Quay Street, Truro TR1 2HD). The letters are for me:\n\nMary Penrose\n5 Fore Street\nSt Ives\nTR26 1AB";
    assert_eq!(
        run(Some("Tom Penrose"), "", body),
        found("Mary Penrose", "5 Fore Street, St Ives", "TR26 1AB")
    );
}

#[test]
fn names_as_people_write_them() {
    let body = "Hi — Kit Lamb. 7 Main Street, Hedon, HU12 8JA. Letters please";
    assert_eq!(run(Some("Kit L"), "", body).0, some("Kit Lamb"));
    let body = "im Kit Lamb I live at 7 Main Street Hedon HU12 8JA thanks";
    assert_eq!(run(None, "", body).0, some("Kit Lamb"));
    let body = "hiya can u do mine, am kit lamb, 7 main street, hedon, hu12 8ja ty";
    assert_eq!(run(None, "", body).0, some("kit lamb"));
    let body = "im doing this for my nan Edith Lamb as she has no email. her postcode is HU12 8JA";
    assert_eq!(run(Some("Kit Lamb"), "", body).0, some("Edith Lamb"));
}

#[test]
fn a_form_answered_inside_the_quoted_help_message() {
    let body = "Answers below.\n\nKit\n\nFrom: Campaign <letters@example.org>\nSent: 03 November 2026 09:12\nSubject: We need a few details\n\nName: KIT LAMB\nAddress: 7 MAIN STREET, HEDON\nPostcode: HU12 8JA\n";
    assert_eq!(
        run(None, "", body),
        found("KIT LAMB", "7 MAIN STREET, HEDON", "HU12 8JA")
    );
    // One label in a quote is someone else's.
    let body = "Please send mine.\n\nOn 1 Nov 2026, MP's office wrote:\n> Postcode: SW1A 0AA\n";
    assert_eq!(run(None, "", body).2, None);
}

#[test]
fn labels_as_tables_and_forms_write_them() {
    let body = "Full name\tMs Rhiannon Price\nAddress line 1\t4 Canal Walk\nAddress line 2\tPontypool\nPostcode\tNP4 6JQ\n";
    assert_eq!(
        run(None, "", body),
        found("Ms Rhiannon Price", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
    let body = "Full name: Rhiannon Price\nHouse no. & street: 4 Canal Walk\nTown/City: Pontypool\nPost code: NP4 6JQ\n";
    assert_eq!(
        run(None, "", body),
        found("Rhiannon Price", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
    let body = "Rhiannon Price / 4 Canal Walk / Pontypool / NP4 6JQ";
    assert_eq!(
        run(None, "", body),
        found("Rhiannon Price", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
}

#[test]
fn a_labelled_address_ends_with_its_sentence() {
    let body = "My address is 4 Canal Walk, Pontypool. My GP (Crown Surgery, NP4 5EE) could not help.\n\nThanks,\nRhiannon Price";
    assert_eq!(
        run(None, "Letters please NP4 6JQ", body),
        found("Rhiannon Price", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
}

#[test]
fn capitals_and_titles() {
    let body = "MY NAME IS GWYN MORRIS AND MY ADDRESS IS 4 CANAL WALK, PONTYPOOL NP4 6JQ.";
    assert_eq!(run(Some("G MORRIS"), "", body).0, some("GWYN MORRIS"));
    let body = "Please send the letters.\n\nThe Manse\n4 Canal Walk\nPontypool\nNP4 6JQ\n\nIn friendship,\n\nRevd Gwyn Morris";
    assert_eq!(
        run(Some("Gwyn Morris"), "", body),
        found(
            "Revd Gwyn Morris",
            "The Manse, 4 Canal Walk, Pontypool",
            "NP4 6JQ"
        )
    );
}

#[test]
fn a_proxy_introduced_in_the_third_person() {
    let body = "I'm doing this for my mum as she's not online. She's Edith Lamb and she lives at 4 Canal Walk, Pontypool NP4 6JQ.";
    assert_eq!(
        run(Some("Kit Lamb"), "", body),
        found("Edith Lamb", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
}

#[test]
fn answers_under_quoted_labels_below_a_phone_footer() {
    let body = "Here you go\n\nSent from my iPhone\n\n> On 1 Nov 2026, Campaign wrote:\n>\n> Name:\nKit Lamb\n> Address:\n4 Canal Walk, Pontypool\n> Postcode:\nNP4 6JQ\n>\n> Thanks";
    assert_eq!(
        run(None, "", body),
        found("Kit Lamb", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
}

#[test]
fn a_postcode_sent_as_an_afterthought() {
    let body = "Can I have the letters please. Im Kit Lamb, 4 Canal Walk, Pontypool.\n\nThanks Kit\n\nP.S. forgot the postcode its NP4 6JQ";
    assert_eq!(
        run(None, "", body),
        found("Kit Lamb", "4 Canal Walk, Pontypool", "NP4 6JQ")
    );
}

#[test]
fn a_hard_wrap_between_the_house_number_and_its_street() {
    let body = "Please could you do the letters for me. Aisha Fletcher, 1\nRowan Close, Warrington BR8 7RE.";
    assert_eq!(
        run(None, "", body),
        found("Aisha Fletcher", "1 Rowan Close, Warrington", "BR8 7RE")
    );
}

#[test]
fn a_town_after_a_postcode_that_starts_its_line() {
    let body = "My details:\nPiotr Zielinski\nHigh Street 12\nBR8 7RE Swanley\n\nThanks\nPiotr";
    assert_eq!(
        run(None, "", body),
        found("Piotr Zielinski", "High Street 12, Swanley", "BR8 7RE")
    );
    // A word after the postcode that is no town stays out.
    let body = "Piotr Zielinski\n12 High Street\nBR8 7RE Thanks";
    assert_eq!(
        run(None, "", body),
        found("Piotr Zielinski", "12 High Street", "BR8 7RE")
    );
}

#[test]
fn a_second_mail_adding_the_postcode_to_its_own_quoted_first() {
    let body = "Sorry, forgot it! Postcode is BR8 7RE\n\nOn Mon, 9 Nov 2026 at 19:02, Jo Bloggs <jane@example.org> wrote:\n> Name: Jo Bloggs\n> Address: 4 Mill Lane, Swanley\n> Postcode:\n";
    assert_eq!(
        run(Some("Jo Bloggs"), "Re: letters", body),
        found("Jo Bloggs", "4 Mill Lane, Swanley", "BR8 7RE")
    );
    // Someone else's form, quoted: not the supporter's address.
    let body = body
        .replace("<jane@example.org>", "<office@example.org>")
        .replace("Name: Jo Bloggs", "Name: Sam Bloggs");
    assert_eq!(run(Some("Jo Bloggs"), "Re: letters", &body).1, None);
}

#[test]
fn everything_typed_into_the_subject() {
    assert_eq!(
        run(
            None,
            "Mrs Jo Bloggs 4 Mill Lane Swanley BR8 7RE",
            "Please send me the letters\n\nSent from my iPad"
        ),
        found("Mrs Jo Bloggs", "4 Mill Lane Swanley", "BR8 7RE")
    );
}

#[test]
fn a_flat_described_rather_than_numbered() {
    let body = "Hi I live in the flat over the chemist, it's Flat above 9 Mill Lane, Swanley, BR8 7RE. Name's Jo Bloggs.";
    assert_eq!(
        run(None, "", body),
        found("Jo Bloggs", "Flat above 9 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_shop_owners_signature_is_not_her_home() {
    let body = "Hiya, please send the letters to me at home: Jo Bloggs, 8 Mill Lane, Swanley BR8 7RE. x\n\nJo Bloggs\nOwner, Kettle & Crumb\n2 Market Place, Westminster SW1A 1AA\nwww.kettleandcrumb.example | 01632 960733\n\nSent from my iPhone\n";
    assert_eq!(
        run(Some("Kettle & Crumb"), "Letters", body),
        found("Jo Bloggs", "8 Mill Lane, Swanley", "BR8 7RE")
    );
}

#[test]
fn a_house_name_after_my_address_is_is_no_persons_name() {
    let body = "I'm Jo\nBloggs, and my address is Nort Hoose, Aith, Bixter, Shetland ZE2 9PA.\n\nBest wishes\nJo";
    assert_eq!(
        run(None, "", body),
        found("Jo Bloggs", "Nort Hoose, Aith, Bixter, Shetland", "ZE2 9PA")
    );
}

#[test]
fn a_town_alone_is_no_address_and_a_pronoun_ends_a_name() {
    let (name, address, postcode) = run(
        None,
        "",
        "Name: Jo Bloggs\nAddress: Swanley\nPostcode: BR8 7RE",
    );
    assert_eq!(
        (name.as_deref(), address, postcode.as_deref()),
        (Some("Jo Bloggs"), None, Some("BR8 7RE"))
    );
    let body =
        "Hello my name is Jo Bloggs I live at 4 Mill Lane Swanley BR8 7RE please send the letters";
    assert_eq!(
        run(None, "", body),
        found("Jo Bloggs", "4 Mill Lane Swanley", "BR8 7RE")
    );
}

#[test]
fn an_html_only_mail_with_the_details_in_its_signature_block() {
    let html = r#"<div dir="ltr">Please send me the letters, thanks.</div><br><div dir="ltr" class="gmail_signature"><div>Jo Bloggs</div><div>4 Mill Lane</div><div>Swanley BR8 7RE</div></div>"#;
    let mut mail = inbound(None, "letters", "");
    mail.html_alternative = Some(html.to_owned());
    let e = extract(&mail);
    assert_eq!(e.name.as_deref(), Some("Jo Bloggs"));
    assert_eq!(e.address_line().as_deref(), Some("4 Mill Lane, Swanley"));
}

#[test]
fn slips_in_labels_a_lower_case_block_and_talk_after_an_address() {
    let body = "Nmae: Jo Bloggs\nAdress: 4 Mill Lane, Swanley\nPostocde: BR8 7RE\n";
    assert_eq!(
        run(None, "", body),
        found("Jo Bloggs", "4 Mill Lane, Swanley", "BR8 7RE")
    );
    let body = "hi please send my letters\n\njo bloggs\n4 mill lane\nhextable\nswanley\nbr8 7re\n\nthanks jo x";
    assert_eq!(
        run(None, "", body),
        found("jo bloggs", "4 mill lane, hextable, swanley", "BR8 7RE")
    );
    let body = "I have lived at 4 Mill Lane, Hextable, Swanley for over forty years. My postcode is BR8 7RE.\n\nJo Bloggs";
    assert_eq!(
        run(None, "", body).1.as_deref(),
        Some("4 Mill Lane, Hextable, Swanley")
    );
    let body = "Please send letters to Mrs Jo Bloggs at 4 Mill Lane, Swanley BR8 7RE.";
    assert_eq!(
        run(None, "", body),
        found("Mrs Jo Bloggs", "4 Mill Lane, Swanley", "BR8 7RE")
    );
}
